"""Wide tables and large amounts on a phone, in a real browser: a figure is read whole or not at all.

A wide table scrolls sideways beside its row labels, which stay in view. A figure left half under them read as another
number (“2.86” of 2112.86), and so did one cut by the box's right edge (“329” of 3296600 元). Amounts in 元 had no
thousands separators (189767551 元) where the originals print 189,767,551.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from .conftest import PAGE_TYPES, open_page
from .test_browser import search

pytestmark = pytest.mark.browser

FINAL = PAGE_TYPES["final-accounts"]
WANLI = PAGE_TYPES["budget-official"]
PINGXIANG = PAGE_TYPES["budget"]
SJZ = PAGE_TYPES["self-evaluation"]

_RESTS = """async (box) => {
  // Each sideways position a swipe may end at, as the browser settles it: which figures then show only in part.
  const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const max = box.scrollWidth - box.clientWidth;
  const rows = [...box.querySelectorAll(":scope > table > tbody > tr")].slice(0, 6);
  const labels = rows[0].querySelector("th[scope=row]");
  const sticky = getComputedStyle(labels).position === "sticky";
  const out = { max, opened: box.scrollLeft, rests: [], under: [], unveiled: [], blind: [] };
  const look = () => {
    const b = box.getBoundingClientRect();
    const edge = sticky ? labels.getBoundingClientRect().right : b.left;
    const right = b.left + box.clientLeft + box.clientWidth;
    const veil = box.querySelector(".pg-veil--right.pg-veil--on");
    const v = veil && veil.getBoundingClientRect();
    let whole = 0;
    for (const row of rows) {
      for (const td of row.querySelectorAll("td:not(.pg-code)")) {
        const cell = td.getBoundingClientRect();
        if (cell.left >= edge - 1 && cell.right <= right + 1) whole += 1;
        if (!td.textContent.trim() || td.querySelector(".pg-sr")) continue;
        const range = document.createRange();
        range.selectNodeContents(td);
        const r = range.getBoundingClientRect();
        if (r.left < edge - 1 && r.right > edge + 1) out.under.push([box.scrollLeft, td.textContent.trim()]);
        // Cut by the right edge: the veil lies over the part in view.
        if (r.left < right - 1 && r.right > right + 1 && !(v && v.left <= r.left + 1 && v.right >= right - 1)) {
          out.unveiled.push([box.scrollLeft, td.textContent.trim()]);
        }
      }
    }
    // The codes (类/款/项) at the left, where the reader swiped to them.
    const codes = [...rows[0].querySelectorAll("td.pg-code")].some((c) => c.getBoundingClientRect().right > b.left + 1);
    return { whole, codes };
  };
  // As the page opens: some column of figures whole beside the labels (where no column fits beside them, the labels
  // scroll with the figures, and the page opens on the labels).
  if (sticky && !look().whole) out.blind.push("opened at " + out.opened);
  for (let x = 0; x <= max + 10; x += 13) {
    box.scrollLeft = x;
    await frame();
    out.rests.push(box.scrollLeft);
    const seen = look();
    if (!seen.whole && !seen.codes) out.blind.push(box.scrollLeft);
  }
  box.scrollLeft = 0;
  out.rests = [...new Set(out.rests)];
  return out;
}"""



@pytest.mark.parametrize("elder", [False, True])
@pytest.mark.parametrize("address", [FINAL, WANLI])
def test_no_figure_rests_half_under_the_row_labels_or_cut_unveiled_at_the_edge(browser, readers_url: str, address: str, elder: bool) -> None:  # type: ignore[no-untyped-def]
    """At every position a sideways swipe can rest at, in the standard look and in 长辈版: each figure of the first rows is
    whole, or veiled where the box's edge cuts it, and some figure beside the labels is whole."""
    pg = open_page(browser, readers_url + address, 360, height=740, elder=elder)
    try:
        boxes = pg.locator(".pg-scroll:has(> table.pg-table:not(.pg-doctable))")
        wide = 0
        for i in range(boxes.count()):
            box = boxes.nth(i)
            if box.evaluate("b => b.scrollWidth - b.clientWidth") <= 1:
                continue
            wide += 1
            name = box.get_attribute("aria-label")
            found = box.evaluate(_RESTS)
            assert len(found["rests"]) > 1, (name, found["rests"])  # it does scroll
            assert found["under"] == [], f"{name}: figures resting half under the row labels {found['under'][:5]}"
            assert found["unveiled"] == [], f"{name}: figures cut at the right edge with nothing over them {found['unveiled'][:5]}"
            assert found["blind"] == [], f"{name}: no whole figure beside the labels at {found['blind'][:5]}"
        assert wide >= 4
    finally:
        pg.context.close()


def test_a_swipe_comes_to_rest_with_a_whole_column_beside_the_labels(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    """The reader's finger, not a script, moves the 收入决算表: wherever it lets go, the figure beside the labels is whole."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        pg = context.new_page()
        pg.goto(readers_url + FINAL)
        box = pg.locator('.pg-scroll[aria-label="收入决算表"]')
        box.evaluate("el => { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -60); }")
        top = box.evaluate("el => el.getBoundingClientRect().top")
        cdp = context.new_cdp_session(pg)
        y = top + 200
        for distance in (70, 110, 45):
            cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": 300, "y": y}]})
            for step in range(1, 9):
                cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": 300 - distance * step / 8, "y": y}]})
                pg.wait_for_timeout(16)
            cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
            pg.wait_for_timeout(900)
            cut = box.evaluate(
                """el => {
                  const labels = el.querySelector('tbody th[scope=row]').getBoundingClientRect().right;
                  return [el.scrollLeft, [...el.querySelectorAll('tbody tr:nth-child(-n+6) td')].filter(td => {
                    const r = document.createRange(); r.selectNodeContents(td); const b = r.getBoundingClientRect();
                    return td.textContent.trim() && !td.querySelector('.pg-sr') && b.left < labels - 1 && b.right > labels + 1;
                  }).map(td => td.textContent.trim())];
                }"""
            )
            assert cut[0] > 0, "the swipe did not move the table"
            assert cut[1] == [], f"at {cut[0]} px: {cut[1]} half under the row labels"
    finally:
        context.close()


@pytest.mark.parametrize(("address", "label", "width"), [(PINGXIANG, "部门固定资产占用情况表", 412), (PINGXIANG, "部门固定资产占用情况表", 360), (SJZ, "项 目", 360)])
def test_a_small_table_fits_a_phone_with_its_headings_wrapped(browser, readers_url: str, address: str, label: str, width: int) -> None:  # type: ignore[no-untyped-def]
    """A three-column table overflowed by a few pixels (its heading 价值（金额单位：万元） never wrapped): 51.08 read “51.”."""
    pg = open_page(browser, readers_url + address, width)
    try:
        box = pg.locator(f'.pg-scroll[aria-label="{label}"]').first
        assert box.evaluate("b => b.scrollWidth - b.clientWidth") <= 0
        figures = box.locator("td.num").all_inner_texts()
        assert figures and all(f.strip() for f in figures[:2])
    finally:
        pg.context.close()


def test_amounts_are_shown_grouped_in_thousands_and_nothing_else_is(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    pg = open_page(browser, readers_url + WANLI, 360)
    try:
        keys = pg.locator(".pg-key--income .pg-key__value")
        assert keys.inner_text().split() == ["189,767,551", "元"]
        assert keys.locator("data").get_attribute("value") == "189767551"  # the exact figure stays in the page's data
        cells = pg.locator("table.pg-table td.num").all_inner_texts()
        assert "3,296,600" in cells and "3296600" not in cells
        assert any(c.startswith("154,369,326") for c in cells)  # the 合计 with its 注 mark
        assert "37.91" in cells and "1.35" in cells  # a table in 万元: small amounts as printed
        codes = pg.locator("td.pg-code").all_inner_texts()
        assert "201" in codes and not any("," in c for c in codes)
        # The percentage column of the comparison with last year is not grouped; its amounts are.
        change = pg.locator('.pg-scroll[aria-label="与上年对比"] tbody tr').first.locator("td").all_inner_texts()
        assert "," in change[0] and "," not in change[3]
    finally:
        pg.context.close()
    pg = open_page(browser, readers_url + "shanghai/putuo/", 1280)
    try:
        listed = pg.locator("table.pg-doctable td.num").all_inner_texts()
        assert any(t.startswith("371,514,655.00 元") for t in listed), listed
        assert "2,946.25" in listed
        sort_keys = pg.locator("table.pg-doctable td.num[data-sort]").evaluate_all("cells => cells.map(c => c.dataset.sort)")
        assert "2946.25" in sort_keys and not any("," in k for k in sort_keys)
        pg.locator('.pg-filter select[name="year"]').select_option("2025")  # the list drawn again by script, grouped alike
        listed = pg.locator("table.pg-table--list td.num").all_inner_texts()
        assert any(t.startswith("189,767,551 元") for t in listed), listed
    finally:
        pg.context.close()


@pytest.mark.parametrize("query", ["154369326", "154,369,326"])
def test_a_figure_is_found_and_marked_typed_with_or_without_separators(browser, readers_url: str, query: str) -> None:  # type: ignore[no-untyped-def]
    pg = open_page(browser, readers_url, 1280)
    try:
        found = search(pg, readers_url, query)
        assert "/" + WANLI in found, found
        pg.goto(readers_url + WANLI + "?hl=" + quote(query))
        marked = pg.locator("mark.pg-hl").all_inner_texts()
        assert "154,369,326" in marked, marked
    finally:
        pg.context.close()


def test_a_row_the_original_prints_without_a_name_is_named_for_screen_readers_and_takes_no_room(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    pg = open_page(browser, readers_url + WANLI, 360)
    try:
        name = "2025年部门“三公”经费和机关运行经费预算表"
        box = pg.locator(f'.pg-scroll[aria-label="{name}"]')
        label = box.locator("tbody th[scope=row]")
        assert label.count() == 1
        shown = label.evaluate("e => [...e.childNodes].filter(n => !(n.classList && n.classList.contains('pg-sr'))).map(n => n.textContent).join('')")
        assert shown.strip() == ""  # nothing printed: the original prints nothing
        assert label.locator(".pg-sr").inner_text() == name  # what a screen reader reads as the row's name
        assert label.evaluate("e => e.getBoundingClientRect().width") < 60
        assert label.evaluate("e => getComputedStyle(e).position") != "sticky"
        # The first figures are on the screen beside the heading 项目, not behind an empty column.
        first = box.locator("tbody td.num").first.evaluate("e => e.getBoundingClientRect().left")
        assert first < 80
    finally:
        pg.context.close()


def test_a_table_whose_labels_scroll_with_its_figures_opens_at_its_labels(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    """普陀区 2025 对比 on a 375 px phone: no column of figures fits beside the department names, so the names scroll with
    the figures (pg-unstuck). The box opened scrolled past them: 18,976.7551 read with no department beside it."""
    pg = open_page(browser, readers_url + "compare/shanghai/putuo/2025/", 375, height=812)
    try:
        boxes = pg.locator(".pg-scroll.pg-unstuck:has(> table.pg-table)")
        assert boxes.count() >= 1
        for i in range(boxes.count()):
            box = boxes.nth(i)
            opened = box.evaluate(
                """b => { const th = b.querySelector('tbody tr:first-child th[scope=row]');
                          const r = th.getBoundingClientRect(), o = b.getBoundingClientRect();
                          return [b.scrollLeft, Math.round(r.left - o.left - b.clientLeft), th.textContent.trim()]; }"""
            )
            assert opened[0] <= 1 and opened[1] >= -0.5, f"{opened[2]} opened out of view at {opened[:2]}"
    finally:
        pg.context.close()  # type: ignore[attr-defined]


def test_the_columns_before_the_kept_labels_are_never_veiled(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    """An indicator table keeps its 三级指标 in view, its third column: the veil meant for a figure scrolled under the
    labels covered its 二级指标 (数量/质量/时效) as the page opened on a phone."""
    pg = open_page(browser, readers_url + PINGXIANG, 390, height=844)
    try:
        boxes = pg.locator(".pg-scroll:has(> table.pg-table > tbody > tr:first-child > td + th[scope=row])")
        assert boxes.count() >= 1
        for i in range(boxes.count()):
            box = boxes.nth(i)
            veiled = box.evaluate(
                """b => { const v = b.querySelector(':scope > .pg-veil--left.pg-veil--on');
                          return v ? [b.scrollLeft, v.style.width] : null; }"""
            )
            assert veiled is None, f"{box.get_attribute('aria-label')}: left veil over the columns before the labels: {veiled}"
    finally:
        pg.context.close()  # type: ignore[attr-defined]
