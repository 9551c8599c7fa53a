"""A long document read on a phone, in a real browser: the caveats of its key figures."""

from __future__ import annotations

import re

import pytest

from .conftest import open_page

pytestmark = pytest.mark.browser

ACKNOWLEDGED = "shanghai/putuo/wanli-jiedao/2024/budget/"
"""A street office's 2024 预算, whose “三公” figures a check questions and the publisher explained."""


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
