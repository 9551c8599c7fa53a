"""Every page type as a reader meets it, in a real browser: at 1280 and 375 px, in 长辈版, at 200 % zoom and on paper.

Each page type is photographed at both widths (``test-artifacts/screenshots/``, kept by CI) and
measured: no table column narrower than its words, no figure split from its unit, no page that
scrolls sideways. The footer, the 404 page, the tab title and the 长辈版 switch are checked as a
reader would find them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import PAGE_TYPES, SCREENSHOTS, open_page

pytestmark = pytest.mark.browser

LAYOUT = (Path(__file__).parent / "layout.js").read_text(encoding="utf-8")
MODES = ("normal", "elder")


TALLEST_SHOT = 12_000
"""Pixels of a page photographed at most: the official nine-table documents are 25,000 px and more, and photographing all of them costs seconds each."""


def shot(pg: object, name: str, *, full_page: bool = True) -> None:
    """Photograph the page (its first 12,000 px) into the run's artefacts."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = pg.viewport_size  # type: ignore[attr-defined]
    height = min(TALLEST_SHOT, pg.evaluate("document.documentElement.scrollHeight")) if full_page else size["height"]  # type: ignore[attr-defined]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": height}
    pg.screenshot(path=str(SCREENSHOTS / f"{name}.jpg"), full_page=full_page, clip=clip, type="jpeg", quality=70)  # type: ignore[attr-defined]


def record(name: str, narrowest: object) -> None:
    """Keep the narrowest column of each page with the screenshots, for the reader of the test run."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"{name}.columns.json").write_text(json.dumps(narrowest, ensure_ascii=False), encoding="utf-8")


def measure(pg: object, label: str) -> None:
    """Every table column at least as wide as its words, every figure whole with its unit, no sideways scrolling."""
    measured = pg.evaluate(LAYOUT)  # type: ignore[attr-defined]
    record(label, measured["narrowest"])
    assert measured["problems"] == [], label + ":\n" + "\n".join(measured["problems"][:30])


def check_print(pg: object, name: str, address: str) -> None:
    """On paper: the site's name above, the page's full address and the dates below, no screen furniture."""
    pg.emulate_media(media="print")  # type: ignore[attr-defined]
    head = pg.locator(".pg-print-head")  # type: ignore[attr-defined]
    assert head.is_visible() and head.inner_text() == "部门预决算公开平台"
    assert not pg.locator(".md-header").is_visible() and not pg.locator(".md-sidebar--primary").is_visible()  # type: ignore[attr-defined]
    if name != "404":
        foot = pg.locator(".pg-print-foot")  # type: ignore[attr-defined]
        assert foot.is_visible()
        printed = foot.inner_text()
        assert f"本页地址：{address}" in printed
        assert re.search(r"打印日期：\d{4}-\d{2}-\d{2}", printed)
    shot(pg, f"{name}-print", full_page=False)
    pg.emulate_media(media="screen")  # type: ignore[attr-defined]


def check_zoom(pg: object, name: str) -> None:
    """At 200 % zoom a 1280 px window lays the page out in 640 CSS pixels: nothing is cut off or out of reach."""
    pg.set_viewport_size({"width": 640, "height": 450})  # type: ignore[attr-defined]
    assert pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0  # type: ignore[attr-defined]
    assert pg.locator("label.pg-elder-switch").is_visible()  # type: ignore[attr-defined]
    assert pg.locator('label.md-header__button[for="__search"]').is_visible()  # type: ignore[attr-defined]
    assert pg.locator('label.md-header__button[for="__drawer"]').is_visible()  # type: ignore[attr-defined]  # the navigation opens here
    measure(pg, f"{name}-zoom200")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_type_reads_at_desktop_and_phone_width(browser, readers_url: str, name: str, width: int, mode: str) -> None:  # type: ignore[no-untyped-def]
    elder = mode == "elder"
    address = readers_url + PAGE_TYPES[name]
    pg = open_page(browser, address, width, elder=elder)
    try:
        assert pg.evaluate("document.documentElement.classList.contains('pg-elder')") == elder
        assert pg.locator("#pg-elder").is_checked() == elder
        label = f"{name}-{width}" + ("-elder" if elder else "")
        # Every page type at both widths, whole; 长辈版 as the reader first sees it.
        shot(pg, label, full_page=not elder)
        measure(pg, label)
        # The footer a government site shows, on every page.
        footer = pg.locator("footer.md-footer").inner_text()
        for text in ("主办单位：示例市财政局", "承办单位：示例市财政局办公室", "网站标识码：1305000001", "冀ICP备12345678号-1"):
            assert text in footer
        if width == 1280 and not elder:
            check_print(pg, name, address)
        if width == 1280 and elder:
            check_zoom(pg, name)
    finally:
        pg.context.close()


def test_elder_mode_switches_without_script(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    pg = open_page(browser, readers_url + PAGE_TYPES["budget"], 1280, script=False)
    try:
        para = pg.locator("article p").first

        def size() -> float:
            return float(para.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))

        normal = size()
        pg.locator("label.pg-elder-switch").click()
        assert pg.locator("#pg-elder").is_checked()
        assert size() >= normal * 1.3
        # Body text is at least 22 px (16 px in the standard look).
        assert float(pg.locator("article.md-typeset").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 22
        assert para.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
        assert float(para.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) / parseFloat(getComputedStyle(e).fontSize)")) >= 1.8
        shot(pg, "budget-1280-elder-no-script")
        pg.locator("label.pg-elder-switch").click()
        assert size() == normal
    finally:
        pg.context.close()


def test_elder_mode_is_remembered_from_page_to_page_and_can_be_left(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    pg = open_page(browser, readers_url, 375)
    try:
        title = pg.locator("article h1")
        normal = float(title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        pg.keyboard.press("Tab")  # the switch is the first thing the keyboard reaches, after the skip link
        focused = pg.evaluate("document.activeElement.id")
        if focused != "pg-elder":
            pg.keyboard.press("Tab")
        assert pg.evaluate("document.activeElement.id") == "pg-elder"
        pg.keyboard.press("Space")
        pg.goto(readers_url + PAGE_TYPES["year"])
        assert pg.locator("#pg-elder").is_checked()
        assert pg.evaluate("document.documentElement.classList.contains('pg-elder')")
        assert float(pg.locator("article h1").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) > normal
        pg.locator("label.pg-elder-switch").click()
        pg.goto(readers_url)
        assert not pg.locator("#pg-elder").is_checked()
        assert float(title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) == normal
    finally:
        pg.context.close()


@pytest.mark.parametrize("name", ["year", "department"])
def test_index_table_becomes_cards_with_labelled_figures_where_it_is_narrow(browser, readers_url: str, name: str) -> None:  # type: ignore[no-untyped-def]
    # A year's list has 地区 and 部门 columns; a department's own list has not: each figure keeps its own column's name.
    pg = open_page(browser, readers_url + PAGE_TYPES[name], 375)
    try:
        table = pg.locator("table.pg-doctable")
        headers = [h.strip().rstrip("⇅↑↓ ").strip() for h in table.locator("thead th").all_inner_texts()]
        labelled = 0
        for row in table.locator("tbody tr").all():
            cells = row.locator("td")
            for index in range(cells.count()):
                cell = cells.nth(index)
                if "num" in (cell.get_attribute("class") or "").split() and cell.inner_text().strip():
                    label = cell.evaluate("e => getComputedStyle(e, '::before').content")
                    assert json.loads(label) == headers[index], (name, index, cell.inner_text())
                    labelled += 1
            # The title leads the card.
            title = cells.nth(headers.index("文档"))
            assert title.bounding_box()["y"] < cells.nth(0).bounding_box()["y"]  # type: ignore[index]
        assert labelled, f"the {name} list shows figures"
    finally:
        pg.context.close()
    if name != "year":
        return
    wide = open_page(browser, readers_url + PAGE_TYPES["year"], 1280)
    try:
        # Beside the list's filter the box may be narrower than a table needs: then it is cards too. Either way it fits.
        assert wide.locator("table.pg-doctable").evaluate("e => getComputedStyle(e).display") in ("table", "block")
        overflow = wide.locator("table.pg-doctable").evaluate("e => e.parentElement.scrollWidth - e.parentElement.clientWidth")
        assert overflow <= 0, "at 1280 px the year's list fits without scrolling"
    finally:
        wide.context.close()


def test_footer_links_each_registration_to_where_it_is_looked_up(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    pg = open_page(browser, readers_url, 1280)
    try:
        footer = pg.locator("footer.md-footer")
        assert footer.get_by_role("link", name="冀ICP备12345678号-1").get_attribute("href") == "https://beian.miit.gov.cn/"
        police = footer.get_by_role("link", name="冀公网安备 13050002000001号").get_attribute("href")
        assert police == "https://beian.mps.gov.cn/#/query/webSearch?code=13050002000001"
        conac = footer.get_by_role("link", name="党政机关网站标识").get_attribute("href")
        assert conac == "https://bszs.conac.cn/sitename?method=show&id=0123456789ABCDEF"
        assert "联系方式：电话：0319-1234567　邮箱：budget@example.gov.cn" in footer.inner_text()
    finally:
        pg.context.close()


def test_an_unknown_address_gets_the_chinese_404_page_with_its_styles(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    pg = open_page(browser, readers_url + "deep/no/such/page/", 375)
    try:
        assert pg.title() == "页面未找到 - 部门预决算公开平台"
        assert pg.locator("article h1").inner_text() == "页面未找到"
        assert "Not found" not in pg.content()
        # Styled from the site's root however deep the address: the header keeps the site's red.
        assert pg.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(155, 28, 28)"
        pg.get_by_role("link", name="返回首页").click()
        assert pg.url == readers_url
    finally:
        pg.context.close()


def test_a_long_wide_table_keeps_its_headings_in_view_on_a_phone(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    """Thirty rows down the 收入预算总表 of a street office, a phone reader still sees which column is which."""
    pg = open_page(browser, readers_url + "shanghai/putuo/wanli-jiedao/2025/budget/", 375, height=667)
    box = pg.locator(".pg-scroll--tall").first  # type: ignore[attr-defined]
    box.scroll_into_view_if_needed()
    box.evaluate("el => { el.scrollTop = el.scrollHeight / 2; }")
    heads, rows, area = box.evaluate(
        """el => [el.querySelector('thead').getBoundingClientRect().toJSON(), el.querySelectorAll('tbody tr').length,
                  el.getBoundingClientRect().toJSON()]"""
    )
    assert rows > 12
    assert abs(heads["top"] - area["top"]) <= 1 and heads["bottom"] <= area["bottom"]
    assert area["bottom"] <= 667 + 1 or area["height"] <= 667 * 0.8 + 1  # the box fits the screen: its headings are on it
    # The rows under the headings are the middle of the table, not its first.
    first_row = box.evaluate("el => el.querySelector('tbody tr').getBoundingClientRect().top")
    assert first_row < area["top"]


def test_a_swipe_on_a_tall_table_scrolled_to_its_foot_goes_on_down_the_page(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    """A tall table scrolls in its own box on a phone; at its foot, the reader's thumb moves the page on (it stayed put)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        pg = context.new_page()
        pg.goto(readers_url + "shanghai/putuo/wanli-jiedao/2025/budget/")
        box = pg.locator(".pg-scroll--tall").first
        box.evaluate("el => { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -80); el.scrollTop = el.scrollHeight; }")
        pg.wait_for_timeout(100)
        assert box.evaluate("el => el.scrollHeight - el.clientHeight - el.scrollTop") <= 1
        cdp = context.new_cdp_session(pg)
        before = pg.evaluate("scrollY")
        for _ in range(2):  # upward swipes in the middle of the box, as a thumb reads on
            cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": 180, "y": 600}]})
            for step in range(1, 13):
                cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": 180, "y": 600 - 400 * step / 12}]})
                pg.wait_for_timeout(16)
            cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
            pg.wait_for_timeout(500)
        assert pg.evaluate("scrollY") > before + 200, "the page did not move under the reader's swipes"
    finally:
        context.close()


def test_classification_codes_leave_room_for_the_figures_on_a_phone(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    """类/款/项 columns took 248 of a phone's 328 px: every coded table opened with no figure on the screen."""
    pg = open_page(browser, readers_url + "shanghai/putuo/caizhengju/2024/final-accounts/", 360, height=740)
    try:
        tables = pg.locator("table.pg-table:has(td.pg-code)")
        assert tables.count() > 3
        for i in range(tables.count()):
            codes, figure_left, box_right = tables.nth(i).evaluate(
                """t => {
                  const codes = [...t.querySelectorAll('thead th.pg-codehead')].filter(h => !h.colSpan || h.colSpan === 1);
                  const width = codes.reduce((w, h) => w + h.getBoundingClientRect().width, 0);
                  const figure = t.querySelector('tbody td.num');
                  return [width, figure.getBoundingClientRect().left, t.closest('.pg-scroll').getBoundingClientRect().right];
                }"""
            )
            assert codes <= 360 * 0.35, f"table {i}: code columns {codes:.0f} px wide"
            assert figure_left < box_right - 40, f"table {i}: the first figure starts at {figure_left:.0f}, the box ends at {box_right:.0f}"
    finally:
        pg.context.close()


def test_a_terms_explanation_is_on_the_screen_beside_a_term_at_its_right_edge(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    """A term near the right edge of a phone's screen: its explanation is read whole, not cut off."""
    pg = open_page(browser, readers_url + "hebei/xingtai/pingxiang/xinfangju/2021/budget/", 375, height=667)
    terms = pg.locator(".pg-term-wrap")  # type: ignore[attr-defined]
    rightmost = max(range(terms.count()), key=lambda i: terms.nth(i).bounding_box()["x"] if terms.nth(i).bounding_box() else -1)
    term = terms.nth(rightmost)
    term.locator("a, [tabindex]").first.focus()
    tip = term.locator(".pg-tip").bounding_box()
    assert tip is not None and tip["x"] >= 0 and tip["x"] + tip["width"] <= 375 and tip["y"] + tip["height"] <= 667


def test_a_row_label_with_a_long_run_of_latin_letters_stays_in_its_cell(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    """A project code in a label (项目支出2022-51012900-ZX-000123…) broke nowhere and ran on under the figures."""
    pg = open_page(browser, readers_url + PAGE_TYPES["final-accounts"], 375)
    try:
        label = pg.locator("table.pg-table:not(.pg-doctable) tbody th[scope=row]").first
        label.evaluate("e => { e.textContent = '项目支出' + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.repeat(4) + '_long_unbroken_identifier'; }")
        overflow = label.evaluate("e => e.scrollWidth - e.clientWidth")
        assert overflow <= 1, f"the label runs {overflow} px past its cell"
    finally:
        pg.context.close()


_GROUP_SEEN = """(box) => {
  // At both ends of the scroll, each heading over several columns shows its words inside the box, uncovered.
  const out = [];
  const max = box.scrollWidth - box.clientWidth;
  window.scrollTo(0, window.scrollY + box.getBoundingClientRect().top - 200);  // its headings below the site's own bar
  for (const x of [0, max]) {
    box.scrollLeft = x;
    const b = box.getBoundingClientRect();
    const head = box.querySelector("thead th.pg-rowhead");
    const from = Math.max(b.left, head ? head.getBoundingClientRect().right : b.left);
    for (const label of box.querySelectorAll("thead th[colspan] > .pg-group")) {
      const th = label.parentElement.getBoundingClientRect();
      const r = label.getBoundingClientRect();
      // Only a heading whose columns show, beside the labels kept in view, room enough for its words.
      if (Math.min(th.right, b.right) - Math.max(th.left, from) < r.width + 8) continue;
      const hit = document.elementFromPoint(r.left + 3, r.top + r.height / 2);
      out.push([label.textContent, x, r.left >= b.left - 0.5 && r.left + 3 < b.right, !!hit && label.contains(hit)]);
    }
  }
  box.scrollLeft = 0;
  return out;
}"""


def test_a_heading_over_many_columns_can_be_read_at_either_end_of_the_scroll(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    pg = open_page(browser, readers_url + PAGE_TYPES["budget-official"], 375)
    try:
        seen = []
        boxes = pg.locator(".pg-scroll:has(thead th[colspan] > .pg-group)")
        for i in range(boxes.count()):
            seen += boxes.nth(i).evaluate(_GROUP_SEEN)
        assert any("三公" in text for text, *_ in seen), seen
        assert [s for s in seen if not (s[2] and s[3])] == []
    finally:
        pg.context.close()


@pytest.mark.parametrize("query", ["?hl=1.4", "?from=timeline&isappinstalled=0"])
def test_a_page_printed_from_a_search_result_or_a_share_gives_its_permanent_address(browser, readers_url: str, query: str) -> None:  # type: ignore[no-untyped-def]
    """A search result opens the page with ?hl=…, a share adds ?from=…: on paper the page names its own address only."""
    address = readers_url + PAGE_TYPES["budget"]
    pg = open_page(browser, address + query, 1280)
    try:
        pg.emulate_media(media="print")
        printed = pg.locator(".pg-print-foot").inner_text()
        assert re.match(rf"本页地址：{re.escape(address)}(　|$)", printed), printed
        assert "?" not in printed
    finally:
        pg.context.close()


@pytest.mark.parametrize("width", [683, 1366])
def test_the_keyboard_never_goes_where_the_reader_cannot_see(browser, readers_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    """Tab from the top of a document page (683 px is a 1366 px screen at 200 % zoom). Tabbing into the header's search
    box opened the search panel, which stayed open over the page while the focus went on; at narrow widths the next
    eight stops were the links of the closed navigation drawer, off the left of the screen."""
    pg = open_page(browser, readers_url + PAGE_TYPES["final-accounts"], width, height=450)
    try:
        seen = []
        for _ in range(25):
            pg.keyboard.press("Tab")
            where = pg.evaluate(
                """() => { const e = document.activeElement, r = e.getBoundingClientRect();
                           return [e.tagName, (e.className || '') + '', (e.textContent || e.value || '').trim().slice(0, 20),
                                   Math.round(r.left), Math.round(r.right), document.getElementById('__search').checked,
                                   !!e.closest('.md-search')]; }"""
            )
            seen.append(where)
            tag, classes, _text, left, right, searching, in_search = where
            assert right > 0 and left < width, f"focus off the screen at {where}; so far {seen}"
            if not in_search:
                assert not searching, f"the search panel is open over the page at {where}; so far {seen}"
        assert any("md-search__input" in c for _t, c, *_ in seen)  # the search box was on the way
    finally:
        pg.context.close()


def test_the_search_results_are_reached_with_the_arrow_keys(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    pg = open_page(browser, readers_url, 1366)
    try:
        box = pg.locator("input.md-search__input")
        box.click()
        box.fill("三公经费")
        expect(pg.locator(".md-search-result__meta")).to_contain_text("找到", timeout=15_000)
        pg.keyboard.press("ArrowDown")
        first = pg.locator("a.md-search-result__link").first
        expect(first).to_be_focused()
        pg.keyboard.press("ArrowDown")
        expect(pg.locator("a.md-search-result__link").nth(1)).to_be_focused()
        pg.keyboard.press("ArrowUp")
        pg.keyboard.press("ArrowUp")
        expect(box).to_be_focused()
        pg.keyboard.press("ArrowDown")
        href = first.get_attribute("href") or ""
        pg.keyboard.press("Enter")
        pg.wait_for_url(lambda url: url.split("#")[0] == (readers_url.rstrip("/") + href if href.startswith("/") else href).split("#")[0], timeout=15_000)
    finally:
        pg.context.close()


def test_a_printed_tables_title_is_never_left_at_the_foot_of_a_page(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    """Auditors print the 决算: “收入决算表 单位：万元” ended page 4 and the table began page 5, without its title or unit."""
    import io
    import unicodedata

    from pypdf import PdfReader

    pg = open_page(browser, readers_url + PAGE_TYPES["final-accounts"], 1280)
    try:
        titles = pg.evaluate("() => [...document.querySelectorAll('.pg-tabletitle .pg-caption__title')].map(e => e.textContent.trim())")
        pdf = pg.pdf(format="A4")  # type: ignore[attr-defined]
    finally:
        pg.context.close()

    def plain(text: str) -> str:
        return unicodedata.normalize("NFKC", text).replace(" ", "")

    titles = [plain(t) for t in titles if t]
    assert len(titles) >= 9
    at_foot = []
    pages = PdfReader(io.BytesIO(pdf)).pages
    for number, page in enumerate(pages, start=1):
        pieces: list[tuple[float, str]] = []
        page.extract_text(visitor_text=lambda text, cm, tm, _font, _size: pieces.append((tm[5] * cm[3] + cm[5], plain(text))) if plain(text) else None)
        low = min(y for y, _ in pieces)
        bottom = "".join(text for y, text in pieces if y - low < 2)  # the last printed line of the page
        if len(bottom) >= 3 and any(bottom in t or t in bottom for t in titles):
            at_foot.append((number, bottom))
    assert len(pages) > 5 and at_foot == []
