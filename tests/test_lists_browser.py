"""Lists and comparisons in a real browser: filtering from the address, paging, sorting, reading without script."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import ARTIFACTS
from .test_accessibility import AXE

pytestmark = pytest.mark.browser

WIDTHS = [1280, 375]


@pytest.fixture(scope="module")
def corpus_url(corpus_site: tuple[Path, Path], serve: Any) -> str:
    return serve(corpus_site[1])  # type: ignore[no-any-return]


@pytest.fixture
def cpage(browser: Any) -> Iterator[Any]:
    """A fresh page for any local site."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def latest_year(site: Path) -> int:
    return max(int(p.name) for p in (site / "years").iterdir() if p.is_dir() and p.name.isdigit())


def list_data(site: Path, address: str) -> dict[str, Any]:
    return json.loads((site / address / "list.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def matching(data: dict[str, Any], region: str = "", kind: str = "", words: str = "") -> list[list[Any]]:
    """The rows a filter should keep, worked out here from the list's JSON."""
    out = []
    for row in data["rows"]:
        dept = data["departments"][row[1]]
        path, name = data["regions"][dept[2]]
        if region and not (path == region or path.startswith(region + "/")):
            continue
        if kind and row[2] != kind:
            continue
        haystack = f"{row[3]} {dept[1]} {name}".lower()
        if not all(w in haystack for w in words.lower().split()):
            continue
        out.append(row)
    return out


def shown_titles(page: Any) -> list[str]:
    return [t.strip() for t in page.locator(".pg-list .pg-list__body table tbody tr td:nth-child(5)").all_inner_texts()]


def ready(page: Any, address: str) -> None:
    page.goto(address)
    page.wait_for_selector(".pg-list[data-ready]")


def no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def serious_violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_a_year_of_a_thousand_documents_filters_by_region_and_words_with_the_filter_in_the_address(
    cpage: Any, corpus_site: tuple[Path, Path], corpus_url: str, width: int
) -> None:
    from playwright.sync_api import expect

    _, site = corpus_site
    year = latest_year(site)
    address = f"years/{year}/"
    data = list_data(site, address)
    cpage.set_viewport_size({"width": width, "height": 900})
    ready(cpage, corpus_url + address)
    assert cpage.locator("form.pg-filter").is_visible()
    assert len(shown_titles(cpage)) == 50
    ARTIFACTS.mkdir(exist_ok=True)
    cpage.screenshot(path=str(ARTIFACTS / f"year-list-{width}.png"), full_page=True)
    no_sideways_scroll(cpage)
    # The province with most documents this year, as the reader would pick it.
    provinces: dict[str, int] = {}
    for row in data["rows"]:
        path = data["regions"][data["departments"][row[1]][2]][0].split("/")[0]
        provinces[path] = provinces.get(path, 0) + 1
    province = max(provinces, key=lambda p: provinces[p])
    province_name = dict((p, n) for p, n in data["regions"])[province]
    cpage.select_option("form.pg-filter select[name=region]", province)
    expected = matching(data, region=province)
    expect(cpage.locator(".pg-list__status")).to_contain_text(f"筛选出 {len(expected)} 份")
    assert parse_qs(urlsplit(cpage.url).query)["region"] == [province]
    regions = cpage.locator(".pg-list__body table tbody tr td:nth-child(2)").all_inner_texts()
    assert regions and all(r.startswith(province_name) for r in regions)
    assert shown_titles(cpage) == [r[3] for r in expected[:50]]
    # Words narrow it further: a department's name as a reader would type it.
    word = data["departments"][expected[0][1]][1][-3:]
    cpage.fill("form.pg-filter input[name=q]", word)
    narrowed = matching(data, region=province, words=word)
    expect(cpage.locator(".pg-list__status")).to_contain_text(f"筛选出 {len(narrowed)} 份")
    assert shown_titles(cpage) == [r[3] for r in narrowed[:50]]
    shared = cpage.url
    assert parse_qs(urlsplit(shared).query)["q"] == [word]
    # The address is the filter: opened afresh, it shows the same documents.
    cpage.goto("about:blank")
    ready(cpage, shared)
    expect(cpage.locator(".pg-list__status")).to_contain_text(f"筛选出 {len(narrowed)} 份")
    assert cpage.locator("form.pg-filter select[name=region]").input_value() == province
    assert cpage.locator("form.pg-filter input[name=q]").input_value() == word
    assert shown_titles(cpage) == [r[3] for r in narrowed[:50]]
    cpage.screenshot(path=str(ARTIFACTS / f"year-list-filtered-{width}.png"), full_page=True)
    no_sideways_scroll(cpage)
    assert serious_violations(cpage) == []
    # Clearing the filter brings back the list as printed.
    cpage.click("form.pg-filter button[type=reset]")
    expect(cpage.locator(".pg-list__status")).to_contain_text(f"共 {len(data['rows'])} 份")
    assert urlsplit(cpage.url).query == ""


def test_filtered_results_are_paged_and_the_page_is_in_the_address(cpage: Any, corpus_site: tuple[Path, Path], corpus_url: str) -> None:
    from playwright.sync_api import expect

    _, site = corpus_site
    year = latest_year(site)
    address = f"years/{year}/"
    data = list_data(site, address)
    kind = max(("budget", "final-accounts", "self-evaluation"), key=lambda k: len(matching(data, kind=k)))
    expected = matching(data, kind=kind)
    assert len(expected) > 50
    ready(cpage, corpus_url + address)
    cpage.select_option("form.pg-filter select[name=kind]", kind)
    expect(cpage.locator(".pg-list__status")).to_contain_text(f"筛选出 {len(expected)} 份")
    cpage.locator(".pg-list__body nav.pg-pager a", has_text="下一页").click()
    expect(cpage.locator(".pg-list__body nav.pg-pager a[aria-current=page]")).to_have_text("2")
    assert parse_qs(urlsplit(cpage.url).query) == {"kind": [kind], "page": ["2"]}
    assert shown_titles(cpage) == [r[3] for r in expected[50:100]]
    cpage.go_back()
    expect(cpage.locator(".pg-list__body nav.pg-pager a[aria-current=page]")).to_have_text("1")
    assert shown_titles(cpage) == [r[3] for r in expected[:50]]


@pytest.mark.parametrize("width", WIDTHS)
def test_without_script_the_first_page_and_the_links_to_the_others_are_plain_html(
    browser: Any, corpus_site: tuple[Path, Path], corpus_url: str, width: int
) -> None:
    _, site = corpus_site
    year = latest_year(site)
    data = list_data(site, f"years/{year}/")
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(corpus_url + f"years/{year}/")
        assert not page.locator("form.pg-filter").is_visible()
        first = shown_titles(page)
        assert first == [r[3] for r in data["rows"][:50]]
        page.screenshot(path=str(ARTIFACTS / f"year-list-noscript-{width}.png"), full_page=True)
        no_sideways_scroll(page)
        page.locator("nav.pg-pager a", has_text="下一页").click()
        page.wait_for_load_state()
        assert urlsplit(page.url).path.endswith(f"/years/{year}/page_2/")
        assert shown_titles(page) == [r[3] for r in data["rows"][50:100]]
        pages = -(-len(data["rows"]) // 50)
        page.locator("nav.pg-pager a", has_text=str(pages)).last.click()
        page.wait_for_load_state()
        assert shown_titles(page) == [r[3] for r in data["rows"][(pages - 1) * 50 :]]
    finally:
        context.close()


def compare_page_of(site: Path) -> str:
    """The comparison page of the generated site with the most departments in its first table."""
    def rows(page: Path) -> int:
        first = page.read_text(encoding="utf-8").split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        return first.count('<th scope="row">')

    best = max(site.glob("compare/**/index.html"), key=rows)
    return best.parent.relative_to(site).as_posix() + "/"


def column_values(page: Any, index: int) -> list[Decimal | None]:
    cells = page.locator("table.pg-table--compare").first.locator(f"tbody tr > :nth-child({index + 1})")
    return [Decimal(v) if v else None for v in (c.get_attribute("data-sort") for c in cells.all())]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_comparison_of_departments_sorts_by_any_figure(cpage: Any, corpus_site: tuple[Path, Path], corpus_url: str, width: int) -> None:
    from playwright.sync_api import expect

    _, site = corpus_site
    address = compare_page_of(site)
    cpage.set_viewport_size({"width": width, "height": 900})
    cpage.goto(corpus_url + address)
    cpage.wait_for_load_state("networkidle")
    table = cpage.locator("table.pg-table--compare").first
    headers = table.locator("thead th").all_inner_texts()
    column = headers.index("机关运行经费")
    before = column_values(cpage, column)
    assert len(before) >= 2 and len(set(before)) > 1
    table.locator("thead th").nth(column).locator("button").click()
    expect(table.locator("thead th").nth(column)).to_have_attribute("aria-sort", "ascending")
    ascending = column_values(cpage, column)
    present = [v for v in ascending if v is not None]
    assert present == sorted(v for v in before if v is not None)
    assert ascending[len(present) :] == [None] * (len(ascending) - len(present))  # blanks last
    table.locator("thead th").nth(column).locator("button").click()
    expect(table.locator("thead th").nth(column)).to_have_attribute("aria-sort", "descending")
    descending = [v for v in column_values(cpage, column) if v is not None]
    assert descending == sorted(descending, reverse=True)
    cpage.screenshot(path=str(ARTIFACTS / f"compare-{width}.png"), full_page=True)
    no_sideways_scroll(cpage)
    assert serious_violations(cpage) == []


@pytest.mark.parametrize("address", ["compare/shanghai/putuo/2025/", "shanghai/putuo/", "kinds/budget/", "hebei/xingtai/pingxiang/xinfangju/"])
@pytest.mark.parametrize("width", WIDTHS)
def test_list_and_comparison_pages_of_the_bundled_site_pass_axe(cpage: Any, site_url: str, address: str, width: int) -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci); accessibility scan skipped.")
    cpage.set_viewport_size({"width": width, "height": 900})
    cpage.goto(site_url + address)
    cpage.wait_for_load_state("networkidle")
    name = re.sub(r"[^a-z0-9]+", "-", address).strip("-")
    cpage.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    no_sideways_scroll(cpage)
    assert serious_violations(cpage) == []
