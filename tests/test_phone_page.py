"""A long document read on a phone, in a real browser: its 目录, its key figures leading to their tables, their caveats.

At 375 px the theme's sidebar of headings is hidden, and the menu drawer lists only the site's sections: a reader
of a 25-screen 预算 looking for its “三公” table could only scroll.
"""

from __future__ import annotations

import re

import pytest

from .conftest import open_page

pytestmark = pytest.mark.browser

OFFICIAL = "shanghai/putuo/wanli-jiedao/2025/budget/"
"""A street office's official nine-table 预算: 19 headings, 9 tables, 25 screens on a phone."""
ACKNOWLEDGED = "shanghai/putuo/wanli-jiedao/2024/budget/"
"""Its 2024 预算, whose “三公” figures a check questions and the publisher explained."""

HEADER = "document.querySelector('.md-header').getBoundingClientRect().bottom"


def landed(pg: object) -> tuple[str, float, float, float]:
    """The text of the element the address's fragment names, its top, the header's foot and the screen's height."""
    return pg.evaluate(  # type: ignore[attr-defined, no-any-return]
        f"""() => {{ const e = document.getElementById(decodeURIComponent(location.hash.slice(1)));
                    return [e.textContent, e.getBoundingClientRect().top, {HEADER}, innerHeight]; }}"""
    )


def test_a_phone_reader_finds_the_documents_table_of_contents_near_its_top_and_goes_to_a_heading(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    pg = open_page(browser, readers_url + OFFICIAL, 375, height=812)
    try:
        toc = pg.locator("details.pg-toc")  # type: ignore[attr-defined]
        assert toc.is_visible()
        # Near the top: above every heading and table of the document's body.
        first_heading = pg.evaluate("document.querySelector('article h2').getBoundingClientRect().top + scrollY")  # type: ignore[attr-defined]
        assert toc.bounding_box()["y"] < first_heading
        toc.locator("summary").click()
        # Every heading of the page, in order, and every table, by its printed title.
        headings = pg.evaluate("[...document.querySelectorAll('article h2, article h3')].map(h => [h.id, h.textContent.trim()])")  # type: ignore[attr-defined]
        listed = toc.locator(".pg-toc__list a").evaluate_all("as => as.map(a => [decodeURIComponent(a.hash.slice(1)), a.textContent.trim()])")
        assert len(headings) >= 10 and listed == headings
        tables = pg.evaluate(  # type: ignore[attr-defined]
            "[...document.querySelectorAll('article figure[id^=\"pg-table-\"]')].map(f => [f.id, f.querySelector('.pg-caption__title').textContent])"
        )
        shown = toc.locator(".pg-toc__tables a").evaluate_all("as => as.map(a => [a.hash.slice(1), a.textContent.trim()])")
        assert len(tables) == 9 and shown == tables
        # The “三公” section, 20 screens down, is one tap away.
        link = toc.get_by_role("link", name=re.compile("三公.*经费预算情况说明"))
        assert link.is_visible()
        link.click()
        pg.wait_for_timeout(300)  # type: ignore[attr-defined]
        text, top, header, height = landed(pg)
        assert text == "一、2025年“三公”经费预算情况说明" and header <= top < height / 3
        toc.locator(".pg-toc__tables a", has_text="三公").click()
        pg.wait_for_timeout(300)  # type: ignore[attr-defined]
        text, top, header, height = landed(pg)
        assert "2025年部门“三公”经费和机关运行经费预算表" in text and header <= top < height / 3
    finally:
        pg.context.close()  # type: ignore[attr-defined]


def test_on_a_wide_screen_the_headings_stay_in_the_sidebar_and_no_second_table_of_contents_shows(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    pg = open_page(browser, readers_url + OFFICIAL, 1280)
    try:
        assert pg.locator("details.pg-toc").count() == 1  # type: ignore[attr-defined]
        assert not pg.locator("details.pg-toc").is_visible()  # type: ignore[attr-defined]
        sidebar = pg.locator(".md-sidebar--secondary .md-nav--secondary a")  # type: ignore[attr-defined]
        assert sidebar.count() >= 10 and sidebar.first.is_visible()
        # The key figures begin where they began: right under the document's details.
        gap = pg.evaluate(  # type: ignore[attr-defined]
            "document.querySelector('.pg-keys').getBoundingClientRect().top - document.querySelector('.pg-docmeta').getBoundingClientRect().bottom"
        )
        assert gap < 60
    finally:
        pg.context.close()  # type: ignore[attr-defined]


def test_a_key_figure_leads_to_the_table_it_is_printed_in(browser, readers_url: str) -> None:  # type: ignore[no-untyped-def]
    pg = open_page(browser, readers_url + OFFICIAL, 375, height=812)
    try:
        card = pg.locator(".pg-key--three-public")  # type: ignore[attr-defined]
        assert card.locator(".pg-key__value").inner_text().startswith("37.91")
        card.get_by_role("link").click()
        pg.wait_for_timeout(300)  # type: ignore[attr-defined]
        text, top, header, height = landed(pg)
        assert header <= top < height / 3
        title = pg.evaluate("document.getElementById(location.hash.slice(1)).querySelector('.pg-caption__title').textContent")  # type: ignore[attr-defined]
        assert title == "2025年部门“三公”经费和机关运行经费预算表"
        # The table shows the figure the card shows.
        assert "37.91" in pg.evaluate("document.getElementById(location.hash.slice(1)).textContent")  # type: ignore[attr-defined]
    finally:
        pg.context.close()  # type: ignore[attr-defined]


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.parametrize("width", [375, 1280])
def test_what_a_check_found_in_a_key_figure_is_read_at_the_pages_small_size_and_contrast(browser, readers_url: str, width: int) -> None:  # type: ignore[no-untyped-def]
    """The caveat under a questioned key figure was 11.2 px brown on cream: the smallest words on the page, for the one
    thing the reader must read."""
    pg = open_page(browser, readers_url + ACKNOWLEDGED, width)
    try:
        size, colour, background = pg.evaluate(  # type: ignore[attr-defined]
            """() => { const e = document.querySelector('.pg-key__caveat'), s = getComputedStyle(e);
                       return [parseFloat(s.fontSize), s.color, getComputedStyle(e.closest('li')).backgroundColor]; }"""
        )
        body = pg.evaluate("parseFloat(getComputedStyle(document.querySelector('article .pg-docmeta')).fontSize)")  # type: ignore[attr-defined]
        assert size >= 14 and size >= body * 0.9
        light, dark = sorted([_luminance(colour), _luminance(background)], reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5
    finally:
        pg.context.close()  # type: ignore[attr-defined]
