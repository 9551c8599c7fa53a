"""Search that shows what it found, in a real browser at desktop and phone widths: excerpts with the
matched words marked, the words highlighted on the page a result opens, the closest terms after a typo,
nothing found for the site's own boilerplate, no serious accessibility violation, and hostile content
shown as text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from pubgen.pipeline import Project, build

from .conftest import ARTIFACTS, ROOT
from .test_accessibility import axe_source  # noqa: F401  (the axe-core fixture)
from .test_browser import search

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]
QUOTES = re.compile(r"[“”\"‘’'「」《》]")
DOCUMENT_RESULT = "li.md-search-result__item:has(.pg-search-kind)"
PAGE_RESULT = "ol.pg-search-results li:has(.pg-search-kind)"


def bare(text: str) -> str:
    """Text without quotation marks and spaces: how a marked word compares with the query."""
    return re.sub(r"\s+", "", QUOTES.sub("", text))


def open_search_page(page, site_url: str, query: str, width: int) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_url}search/?q={quote(query)}")
    expect(page.locator(".pg-search-status")).to_contain_text("找到", timeout=15_000)


def wait_for_excerpts(page, items: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    expect(page.locator(items).first).to_be_visible()
    expect(page.locator(f"{items} .pg-search-excerpt[aria-busy]")).to_have_count(0, timeout=15_000)


def serious_violations(page, axe: str, behind_dialog: bool = False) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """axe's serious and critical findings; with ``behind_dialog`` the page under the open search
    dialog's dimming overlay (scanned before it opened) is left out: axe blends its text with the overlay."""
    # What a reader sees once the dialog's fade-in has ended: mid-transition, axe reads faded text.
    page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))")
    page.add_script_tag(content=axe)
    context = "{exclude: [['.md-container']]}" if behind_dialog else "document"
    result = page.evaluate(f"async () => await axe.run({context}, {{resultTypes: ['violations']}})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-{name}.png"), full_page=False)


def visible_text(page, url: str) -> str:  # type: ignore[no-untyped-def]
    """The text a reader sees on a page, without spaces."""
    page.goto(url)
    return bare(page.locator("article").first.inner_text())


@pytest.mark.parametrize("width", WIDTHS)
def test_results_show_an_excerpt_with_the_matched_words_marked(page, site_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    search(page, site_url, "三公经费")
    wait_for_excerpts(page, DOCUMENT_RESULT)
    shot(page, f"dialog-excerpts-{width}")
    items = page.locator(DOCUMENT_RESULT).all()
    assert len(items) >= 3
    excerpts = []
    for item in items:
        marks = item.locator(".pg-search-excerpt mark").all_inner_texts()
        assert marks, item.inner_text()
        assert {bare(m) for m in marks} == {"三公经费"}, marks
        href = item.locator("a").first.get_attribute("href") or ""
        assert parse_qs(urlsplit(href).query) == {"hl": ["三公经费"]}
        excerpts.append((href, item.locator(".pg-search-excerpt").inner_text()))
    # Each excerpt is text of the document the result opens.
    for href, excerpt in excerpts[:3]:
        assert all(bare(part) in visible_text(page, href) for part in excerpt.split("…") if part), excerpt


@pytest.mark.parametrize("width", WIDTHS)
def test_the_search_page_marks_a_figure_in_its_sentence(page, site_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    open_search_page(page, site_url, "97.92", width)
    wait_for_excerpts(page, PAGE_RESULT)
    shot(page, f"page-excerpt-{width}")
    item = page.locator(PAGE_RESULT).first
    assert item.locator(".pg-search-excerpt mark").all_inner_texts() == ["97.92"]
    assert "项目支出97.92万元" in item.locator(".pg-search-excerpt").inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_opened_page_highlights_the_words_and_can_clear_them(page, site_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    open_search_page(page, site_url, "三公经费", width)
    wait_for_excerpts(page, PAGE_RESULT)
    link = page.locator(PAGE_RESULT).first.locator("a").first
    target = urlsplit(link.get_attribute("href") or "").path
    link.click()
    marks = page.locator("article mark.pg-hl")
    expect(marks.first).to_be_visible()
    assert {bare(m) for m in marks.all_inner_texts()} == {"三公经费"}
    bar = page.locator(".pg-hl-bar")
    expect(bar).to_contain_text(f"共 {marks.count()} 处")
    shot(page, f"highlight-{width}")
    highlighted = bare(page.locator("article").first.inner_text())
    page.get_by_role("button", name="清除高亮").click()
    expect(marks).to_have_count(0)
    expect(bar).to_have_count(0)
    assert urlsplit(page.url).path == target and "hl=" not in page.url
    # Clearing gives back the page as it is without a highlight.
    cleared = bare(page.locator("article").first.inner_text())
    assert cleared == visible_text(page, page.url)
    assert "清除高亮" in highlighted and "清除高亮" not in cleared


def test_a_link_cannot_make_the_highlight_bar_say_other_words(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """?hl= is for a query: a link carrying a notice (“本页数字已作废，请致电…”) had the page print it under its title.
    The bar repeats only words that are on the page; others it calls 搜索的词."""
    from urllib.parse import quote

    from playwright.sync_api import expect

    notice = "”。【重要通知】本页数字已作废，请致电 400-000-0000 查询。“"
    page.goto(f"{site_url}hebei/xingtai/pingxiang/xinfangju/2021/budget/?hl={quote(notice)}")
    bar = page.locator(".pg-hl-bar")
    expect(bar).to_be_visible()
    assert "作废" not in bar.inner_text() and "400" not in bar.inner_text()
    assert "搜索的词" in bar.inner_text()
    # Spaced out with invisible characters (or spaces), every character of the notice is somewhere on a long page.
    for gap in ("\ufeff", " "):
        page.goto(f"{site_url}hebei/xingtai/pingxiang/xinfangju/2021/budget/?hl={quote(gap.join('本页数字已作废'))}")
        expect(page.locator(".pg-hl-bar")).to_be_visible()
        assert "作废" not in page.locator(".pg-hl-bar").inner_text().replace(gap, "")
        assert "搜索的词" in page.locator(".pg-hl-bar").inner_text()
    page.goto(f"{site_url}hebei/xingtai/pingxiang/xinfangju/2021/budget/?hl={quote('信访')}")
    expect(page.locator(".pg-hl-bar")).to_contain_text("已在本页标出“信访”")


CODE_DOCUMENT = "/shanghai/putuo/caizhengju/2024/final-accounts/"


def test_a_code_typed_apart_is_one_word(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """As the tables print it (201 06 01), with plain or full-width spaces, a code is the code whole."""
    page.goto(site_url)
    got = page.evaluate(
        "(xs) => xs.map((x) => window.pubgenSearch.words(window.pubgenSearch.normalize(x)))",
        ["201 06 01", "201\u300006\u300001", "201 06", "302  01", "201 06 01 行政运行", "2019 06 01", "201 6 01", "201 06 011"],
    )
    assert got == [
        ["2010601"], ["2010601"], ["20106"], ["30201"], ["2010601", "行政运行"],
        ["2019", "06", "01"], ["201", "6", "01"], ["201", "06", "011"],
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("query", ["201 06 01", "201\u300006\u300001", "2010601"])
def test_a_subject_code_finds_only_its_row_and_shows_it(page, site_url: str, width: int, query: str) -> None:  # type: ignore[no-untyped-def]
    """201 06 01 as the tables print it finds the one document with that row, not those holding 2016 or W060701,
    and the excerpt is the row: code, name and figures."""
    open_search_page(page, site_url, query, width)
    wait_for_excerpts(page, PAGE_RESULT)
    shot(page, f"code-{width}")
    assert page.locator(".pg-search-status").inner_text().startswith("找到 1 篇")
    items = page.locator(PAGE_RESULT)
    assert items.count() == 1
    assert urlsplit(items.first.locator("a").first.get_attribute("href") or "").path == CODE_DOCUMENT
    excerpt = items.first.locator(".pg-search-excerpt")
    assert excerpt.inner_text() == "201 06 01 行政运行 1,511.90 1,511.89 0.01"  # the row as the page shows it, amounts grouped
    assert excerpt.locator("mark").all_inner_texts() == ["201 06 01"]


def test_a_subject_code_s_own_row_is_shown_not_one_under_it(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    open_search_page(page, site_url, "201 06", 375)
    wait_for_excerpts(page, PAGE_RESULT)
    excerpt = page.locator(PAGE_RESULT).first.locator(".pg-search-excerpt")
    assert excerpt.inner_text().startswith("201 06 财政事务 ")
    assert excerpt.locator("mark").all_inner_texts() == ["201 06"]


def test_the_opened_page_marks_the_row_of_a_code(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    open_search_page(page, site_url, "201 06 01", 375)
    wait_for_excerpts(page, PAGE_RESULT)
    page.locator(PAGE_RESULT).first.locator("a").first.click()
    marks = page.locator("article mark.pg-hl")
    expect(marks.first).to_be_visible()
    # The code cells of the rows that print it (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表), nothing else.
    assert marks.all_inner_texts() == ["201", "06", "01"] * 3
    rows = page.locator("article tr:has(mark.pg-hl)")
    assert [bare(r.inner_text())[:12] for r in rows.all()] == ["2010601行政运行1"] * 3
    expect(page.locator(".pg-hl-bar")).to_contain_text("已在本页标出“201 06 01”，共 3 处")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("typo", "meant"), [("三工经费", "三公经费"), ("花都去", "花都区"), ("sangongjingfei", "三公经费")])
def test_a_query_with_no_result_suggests_the_closest_terms(page, site_url: str, width: int, typo: str, meant: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    open_search_page(page, site_url, typo, width)
    expect(page.locator(".pg-search-status")).to_contain_text("没有找到")
    suggestion = page.locator(".pg-search-help-area .pg-search-suggestion").first
    expect(suggestion).to_have_text(meant)
    browse = page.locator(".pg-search-help-area .pg-search-browse a")
    assert [a for a in browse.all_inner_texts()][:4] == ["按年度", "按地区", "按部门", "按类别"]
    assert (browse.first.get_attribute("href") or "").endswith("/years/")
    shot(page, f"suggestion-{typo}-{width}")
    suggestion.click()
    expect(page.locator(".pg-search-status")).to_contain_text(f"篇包含“{meant}”的文档")

    # The header box suggests the same.
    search(page, site_url, typo)
    expect(page.locator(".md-search-result__list .pg-search-suggestion").first).to_have_text(meant)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_site_s_own_words_find_nothing(page, site_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    # Printed on every document page by the site (download line, permanent address, fact labels), never by a document.
    for word in ["Excel", "CSV", "下载本文数字", "本页固定网址", "xinfangju", "数据说明"]:
        open_search_page(page, site_url, word, width)
        expect(page.locator(".pg-search-status")).to_have_text(f"没有找到包含“{word}”的文档。")
        expect(page.locator(".pg-search-help-area .pg-search-browse")).to_be_visible()
        assert page.locator(PAGE_RESULT).count() == 0
    search(page, site_url, "Excel")
    expect(page.locator(".md-search-result__meta")).to_have_text("没有找到包含“Excel”的文档")


STATES = {
    "excerpts": "search/?q=%E4%B8%89%E5%85%AC%E7%BB%8F%E8%B4%B9",
    "suggestion": "search/?q=%E4%B8%89%E5%B7%A5%E7%BB%8F%E8%B4%B9",
    "boilerplate": "search/?q=Excel",
    "highlight": "hebei/xingtai/pingxiang/xinfangju/2021/budget/?hl=%E4%B8%89%E5%85%AC%E7%BB%8F%E8%B4%B9",
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("state", STATES)
def test_no_serious_accessibility_violation(page, site_url: str, axe_source: str, state: str, width: int) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from playwright.sync_api import expect

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + STATES[state])
    if state == "excerpts":
        wait_for_excerpts(page, PAGE_RESULT)
    elif state == "highlight":
        expect(page.locator("mark.pg-hl").first).to_be_visible()
    elif state == "suggestion":
        expect(page.locator(".pg-search-suggestion").first).to_be_visible()
    else:
        expect(page.locator(".pg-search-browse")).to_be_visible()
    assert serious_violations(page, axe_source) == []
    if state != "highlight":
        # The header dialog open with its results, suggestions or browsing links.
        query = parse_qs(urlsplit(STATES[state]).query)["q"][0]
        search(page, site_url, query)
        if state == "excerpts":
            wait_for_excerpts(page, DOCUMENT_RESULT)
        else:
            expect(page.locator(".md-search-result__list .pg-search-browse")).to_be_visible()
        assert serious_violations(page, axe_source, behind_dialog=True) == []


def test_hostile_text_is_excerpted_and_highlighted_as_text(browser, serve, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    case = ROOT / "tests" / "hostile" / "script-and-html-everywhere"
    project = tmp_path / "project"
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(case / "content", project / "content", dirs_exist_ok=True)
    site = tmp_path / "site"
    build(Project(project), site)
    url = serve(site)
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{url}search/?q=xss")
    expect(page.locator(".pg-search-status")).to_contain_text("找到 1 篇")
    wait_for_excerpts(page, PAGE_RESULT)
    item = page.locator(PAGE_RESULT).first
    excerpt = item.locator(".pg-search-excerpt")
    assert "<script>alert(" in excerpt.inner_text() or "<img src=x" in excerpt.inner_text(), excerpt.inner_text()
    assert excerpt.locator("mark").all_inner_texts()[0].lower() == "xss"
    assert "<script>" in item.locator("h1").inner_text()
    for tag in ("script", "img", "svg", "iframe", "style", "b", "i"):
        assert page.locator(f"ol.pg-search-results {tag}").count() == 0, tag
    item.locator("a").first.click()
    expect(page.locator("mark.pg-hl").first).to_be_visible()
    assert {m.lower() for m in page.locator("mark.pg-hl").all_inner_texts()} == {"xss"}
    assert page.locator("article img[src=x], article script, article svg[onload]").count() == 0
    assert not dialogs
    context.close()
