"""Search in a real browser: the query list on the bundled site and on a generated 1,000-document site,
filters kept in the address, what is downloaded, and content that must stay text."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from pubgen.pipeline import Project, build
from pubgen.search import fnv1a, normalize, tokens

from .conftest import ROOT, copy_project
from .test_browser import search

sys.path.insert(0, str(ROOT / "benchmarks"))
import queries as Q  # noqa: E402  (benchmarks/queries.py: the query list and its right answers)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def generated(corpus_site: tuple[Path, Path]) -> tuple[Path, Path]:
    """A generated project of 1,000 documents and its built site: the one the list tests read (conftest)."""
    return corpus_site


@pytest.fixture(scope="session")
def generated_url(generated: tuple[Path, Path], serve: object) -> str:
    return serve(generated[1])  # type: ignore[operator, no-any-return]


@pytest.fixture
def gpage(browser):  # type: ignore[no-untyped-def]
    """A fresh page for the generated site (the ``page`` fixture only lets the bundled site through)."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def judged(page, url: str, query: Q.Query) -> Q.Verdict:  # type: ignore[no-untyped-def]
    return Q.judge(query, search(page, url, query.text))


def test_tokens_in_the_browser_are_the_indexer_s(page, site_url: str, bundled_site: Path) -> None:  # type: ignore[no-untyped-def]
    samples = [
        "三公经费", "县", "２１５９．０２２４１６万元", "合计1,234,567.5元", "ＰＰＰ项目 96.19%", "“三公”经费",
        "Ⅻ ㊀ ﬁ ½", "a.b.1.2.3", "1,23,4 ,567",
        "2024年“三公”经费预算", "‘三公’经费", "“三公” 经费", "三公”“经费", "依据《预算法》规定", "“2024”年", '"a"b',
    ]
    text = (ROOT / "content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml").read_text(encoding="utf-8")
    samples += [line for line in text.splitlines() if line.strip()][:200]
    page.goto(site_url)
    got = page.evaluate(
        "(xs) => xs.map((x) => { const s = window.pubgenSearch; const t = s.tokens(s.normalize(x)); return [t, t.map(s.fnv1a)]; })",
        samples,
    )
    for sample, (js_tokens, js_hashes) in zip(samples, got):
        py = list(tokens(normalize(sample)))
        assert js_tokens == py, sample
        assert js_hashes == [fnv1a(t) for t in py], sample


def test_query_list_on_the_bundled_site(page, site_url: str, bundled_site: Path) -> None:  # type: ignore[no-untyped-def]
    queries = Q.queries(bundled_site, glossary=ROOT / "content" / "glossary.yml")
    assert {"三公", "决算", "绩效", "三公经费"} <= {q.text for q in queries}
    failures = [f"{q.text}: {v.reason}" for q in queries if not (v := judged(page, site_url, q))]
    assert not failures, "\n".join(failures)


def test_query_list_on_a_generated_site_of_1000_documents(gpage, generated: tuple[Path, Path], generated_url: str) -> None:  # type: ignore[no-untyped-def]
    project, site = generated
    queries = Q.queries(site, glossary=project / "content" / "glossary.yml")
    kinds = {q.kind for q in queries}
    assert kinds == {"word", "term", "department", "figure"}, kinds
    failures = [f"{q.text}: {v.reason}" for q in queries if not (v := judged(gpage, generated_url, q))]
    assert not failures, "\n".join(failures)


def test_results_show_kind_department_and_year(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    search(page, site_url, "三公经费")
    title = page.locator("h1", has_text="平乡县信访局2021年部门预算信息公开情况说明")
    item = page.locator("li.md-search-result__item", has=page.locator(".pg-search-kind")).filter(has=title).first
    assert item.locator("h1").inner_text() == "平乡县信访局2021年部门预算信息公开情况说明"
    assert item.locator(".pg-search-kind").inner_text() == "部门预算"
    assert item.locator(".pg-search-department").inner_text() == "平乡县信访局"
    assert item.locator(".pg-search-year").inner_text() == "2021年"
    # The glossary entry comes first, linked to its definition.
    first = page.locator("li.md-search-result__item").first
    assert "名词解释" in first.inner_text()
    assert (first.locator("a").get_attribute("href") or "").endswith("/glossary/#%E4%B8%89%E5%85%AC%E7%BB%8F%E8%B4%B9")


def documents_matching(site: Path, word: str, **facets: str) -> set[str]:
    """Document pages holding ``word`` whose address matches the facets (year, kind, region)."""
    out = set()
    for p in Q.pages(site):
        year, kind = Q.facets(p.url)
        if facets.get("year") and year != facets["year"]:
            continue
        if facets.get("kind") and kind != facets["kind"]:
            continue
        if facets.get("region") and not p.url.startswith("/" + facets["region"] + "/"):
            continue
        if word in p.text:
            out.add(p.url)
    return out


def page_results(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [urlsplit(a.get_attribute("href") or "").path for a in page.locator("ol.pg-search-results .pg-search-kind >> xpath=ancestor::a").all()]


def test_filters_live_in_the_address_and_can_be_shared(browser, generated: tuple[Path, Path], generated_url: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    _, site = generated
    year = "2021"
    expected = documents_matching(site, "决算", year=year, kind="final-accounts")
    assert expected
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{generated_url}search/?q=决算&year={year}&kind=final-accounts")
    status = page.locator(".pg-search-status")
    expect(status).to_contain_text(f"找到 {len(expected)} 篇")
    more = page.locator(".pg-search-next")
    for shown in range(20, len(expected), 20):
        more.click()
        expect(page.locator("ol.pg-search-results .pg-search-kind")).to_have_count(min(shown + 20, len(expected)))
    expect(more).to_be_hidden()
    expect(page.locator("ol.pg-search-results .pg-search-kind")).to_have_count(len(expected))
    assert set(page_results(page)) == expected
    # A department's 决算 and its units' (the corpus publishes both) are told apart, both of the kind asked for.
    assert set(page.locator("ol.pg-search-results .pg-search-kind").all_inner_texts()) <= {"部门决算", "单位决算"}

    # Choosing a region narrows the results and writes the choice into the address.
    region = page.locator("select[name=region] option").nth(1).get_attribute("value") or ""
    page.locator("select[name=region]").select_option(region)
    narrowed = documents_matching(site, "决算", year=year, kind="final-accounts", region=region)
    expect(status).to_contain_text(f"找到 {len(narrowed)} 篇" if narrowed else "没有找到")
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"q": ["决算"], "year": [year], "kind": ["final-accounts"], "region": [region]}

    # The address alone gives the same search to someone else.
    shared = context.new_page()
    shared.goto(page.url)
    expect(shared.locator(".pg-search-status")).to_have_text(status.inner_text())
    assert shared.locator("select[name=region]").input_value() == region
    assert shared.locator("select[name=year]").input_value() == year
    context.close()


def test_the_departments_a_search_names_are_filtered_as_its_documents_are(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """“信访局” filtered to 广东省: the status said one document, and the list named 石家庄市信访局 and 平乡县信访局 (河北)
    above it. A department is named when the filters keep some document of it."""
    from playwright.sync_api import expect

    page.goto(f"{site_url}search/?q=%E4%BF%A1%E8%AE%BF%E5%B1%80&region=guangdong")
    expect(page.locator(".pg-search-status")).to_contain_text("（已筛选）")
    named = page.locator("ol.pg-search-results li.pg-search-shortcut").all_inner_texts()
    assert named and all("广东" in n or "广州" in n for n in named), named
    page.goto(f"{site_url}search/?q=%E4%BF%A1%E8%AE%BF%E5%B1%80&region=hebei&year=2021")
    expect(page.locator(".pg-search-status")).to_contain_text("（已筛选）")
    named = page.locator("ol.pg-search-results li.pg-search-shortcut").all_inner_texts()
    assert [n for n in named if "平乡县信访局" in n] and not [n for n in named if "广州" in n or "花都" in n], named


def test_nothing_is_fetched_until_someone_searches(gpage, generated_url: str) -> None:  # type: ignore[no-untyped-def]
    page = gpage
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    page.goto(generated_url)
    page.wait_for_load_state("networkidle")
    assert not [p for p in fetched if p.startswith("/search/")], fetched
    search(page, generated_url, "三公经费")
    index_files = [p for p in fetched if p.startswith("/search/")]
    assert "/search/manifest.json" in index_files
    # The manifest, the shards of the query's tokens and the titles of the results shown: nothing else.
    shards = [p for p in index_files if p.startswith("/search/s/")]
    assert 1 <= len(shards) <= 3, shards
    assert len([p for p in index_files if p.startswith("/search/t/")]) <= 10


def test_hostile_titles_are_shown_as_text(browser, serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = copy_project(tmp_path)
    doc = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    hostile = '平乡<img src=x onerror=alert(1)>说明"\\'
    text = doc.read_text(encoding="utf-8").replace(
        "title: 平乡县信访局2021年部门预算信息公开情况说明", "title: '" + hostile.replace("'", "''") + "'", 1
    )
    doc.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    build(project, site)
    url = serve(site)
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    search(page, url, "三公经费")
    titles = page.locator("li.md-search-result__item h1").all_inner_texts()
    assert hostile in titles
    assert page.locator("li.md-search-result__item img").count() == 0
    assert not dialogs
    context.close()
    shutil.rmtree(site)


def test_search_works_on_a_phone_and_opens_the_search_page_on_enter(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 375, "height": 800})
    results = search(page, site_url, "信访")
    assert len([r for r in results if Q.is_document(r)]) == 3
    page.locator("input.md-search__input").press("Enter")
    expect(page).to_have_url(f"{site_url}search/?q=%E4%BF%A1%E8%AE%BF")
    expect(page.locator(".pg-search-status")).to_contain_text("找到 3 篇")
