"""What only a browser can show: search in Chinese, the page at phone and desktop widths, no foreign requests."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

BUDGET = "/hebei/xingtai/pingxiang/xinfangju/2021/budget/"
SJZ = "/hebei/shijiazhuang/xinfangju/2021/self-evaluation/"
HUADU = "/guangdong/guangzhou/huadu/xinfangju/2021/self-evaluation/"
DOCUMENTS = (BUDGET, SJZ, HUADU)


def search(page, site_url: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Type a query in the header search box; return the result pages' paths, in order."""
    from playwright.sync_api import expect

    if not page.url.startswith(site_url):
        page.goto(site_url)
    meta = page.locator(".md-search-result__meta")
    toggle = page.locator('label.md-header__button[for="__search"]')
    box = page.locator("input.md-search__input")
    if toggle.is_visible():
        toggle.click()
    else:
        box.click()
    box.fill("")
    box.press("End")
    expect(meta).not_to_contain_text("找到", timeout=15_000)
    box.fill(query)
    # Typing Chinese fires no key events; the search box listens for input events.
    box.press("End")
    expect(meta).to_contain_text("找到", timeout=15_000)
    hrefs = []
    for item in page.locator("li.md-search-result__item").all():
        href = item.locator("a.md-search-result__link").first.get_attribute("href") or ""
        hrefs.append(urlsplit(href).path)
    return hrefs


def pages_containing(site: Path, word: str) -> set[str]:
    found = set()
    for address in DOCUMENTS:
        raw = (site / address.strip("/") / "index.html").read_text(encoding="utf-8")
        main = raw.split("<article", 1)[1].split("</article>", 1)[0]
        # Readers type 三公经费 for “三公”经费 as printed: quotation marks inside a word do not part it.
        words = html.unescape(re.sub(r"<[^>]+>", "", main)).translate(str.maketrans("", "", "“”"))
        if word in words:
            found.add(address)
    return found


@pytest.mark.parametrize("query", ["三公经费", "信访", "绩效", "决算"])
def test_chinese_search_finds_the_documents_that_contain_the_word(page, site_url: str, bundled_site: Path, query: str) -> None:  # type: ignore[no-untyped-def]
    expected = pages_containing(bundled_site, query)
    assert expected, f"some document contains {query}"
    results = search(page, site_url, query)
    assert expected <= set(results), f"{query}: expected {sorted(expected)}, got {results}"


def test_budget_document_comes_back_for_sangong(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    assert BUDGET in search(page, site_url, "三公经费")


def test_search_on_a_phone(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 375, "height": 800})
    assert set(DOCUMENTS) <= set(search(page, site_url, "信访"))


@pytest.mark.parametrize("width", [1280, 375])
def test_document_page_reads_well_at_desktop_and_phone_width(page, site_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + BUDGET.lstrip("/"))
    page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"budget-{width}.png"), full_page=True)
    # The page itself never scrolls sideways; wide tables scroll inside their own box.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    heading = page.locator("article h1").first
    assert heading.inner_text() == "平乡县信访局2021年部门预算信息公开情况说明"
    # Numbers are right-aligned in every money table.
    align = page.locator("table.pg-table td.num").first.evaluate("e => getComputedStyle(e).textAlign")
    assert align == "right"
    assert page.external_requests == []


def test_no_request_leaves_the_site(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    for address in ("", BUDGET.lstrip("/"), "glossary/"):
        page.goto(site_url + address)
        page.wait_for_load_state("networkidle")
    assert seen
    assert page.external_requests == []


def test_glossary_term_shows_its_definition_as_a_tooltip(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto(site_url + BUDGET.lstrip("/"))
    term = page.locator("a.pg-term", has_text="“三公”经费").first
    tip = page.locator("#" + (term.get_attribute("aria-describedby") or "missing"))
    expect(tip).to_be_hidden()
    term.hover()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("因公出国（境）费")
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()
    term.focus()  # keyboard users see it too
    expect(tip).to_be_visible()
    # The budget prints its own 名词解释: the term leads there, on the same page, not to the site glossary.
    term.click()
    expect(page).to_have_url(re.compile(re.escape(BUDGET + "#" + quote("名词解释-“三公”经费")) + "$"))
    entry = page.locator('div[id="名词解释-“三公”经费"]')
    expect(entry).to_be_in_viewport()
    expect(entry).to_contain_text("纳入县级财政预算管理的“三公”经费")


def test_a_tapped_terms_explanation_does_not_stay_on_a_phones_screen(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """On a phone the box is pinned to the foot of the screen: after the tap jumps to the definition, it sat under
    whatever heading came next (（八）机关运行经费 under the “三公”经费 box), and stayed there however far one scrolled."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + BUDGET.lstrip("/"))
        term = page.locator("a.pg-term", has_text="“三公”经费").first
        tip = page.locator("#" + (term.get_attribute("aria-describedby") or "missing"))
        term.scroll_into_view_if_needed()
        term.tap()
        expect(page).to_have_url(re.compile(re.escape(quote("名词解释-“三公”经费")) + "$"))
        expect(page.locator('div[id="名词解释-“三公”经费"]')).to_be_in_viewport()
        expect(tip).to_be_hidden()
        page.evaluate("window.scrollBy(0, 3000)")
        expect(tip).to_be_hidden()
        term.focus()  # a keyboard's focus on a phone still opens it, at the foot of the screen
        expect(tip).to_be_visible()
    finally:
        context.close()


def test_year_table_sorts_by_a_column_when_its_header_is_clicked(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    page.goto(site_url + "years/2021/")
    table = page.locator("table.pg-sortable")
    header = table.locator("thead th", has_text="支出合计")

    def column() -> list[Decimal]:
        cells = table.locator("tbody tr td:nth-child(7)").all_inner_texts()
        return [Decimal(c.replace(",", "")) for c in cells if c.strip()]  # amounts are shown grouped: 2,159.022416

    printed = column()
    assert len(printed) == 3
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert column() == sorted(printed)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert column() == sorted(printed, reverse=True)


def test_year_table_reads_without_javascript(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(site_url + "years/2021/")
        rows = pg.locator("table.pg-sortable tbody tr")
        assert rows.count() == 3
        assert pg.locator("table.pg-sortable button").count() == 0
        assert "2,159.022416" in pg.locator("table.pg-sortable").inner_text()
    finally:
        context.close()


def test_department_chart_fits_a_360_px_phone_and_its_table_opens(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(site_url + "hebei/shijiazhuang/xinfangju/")
    chart = page.locator("svg[role=img]").first
    assert chart.is_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 360
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.locator("summary", has_text="查看数据表").first.click()
    assert page.locator("details[open] table").first.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "department-360.png"), full_page=True)
