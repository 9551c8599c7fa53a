"""Search as a citizen types it: “三公经费” with anything after it (documents print “三公”经费)."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from .test_search_shows import PAGE_RESULT, bare, wait_for_excerpts

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def results(page, site_url: str, query: str) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """The search page's count line and the paths of the documents it lists, on a phone."""
    from playwright.sync_api import expect

    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}search/?q={quote(query)}")
    status = page.locator(".pg-search-status")
    expect(status).to_contain_text("找到", timeout=15_000)
    if not status.inner_text().startswith("没有"):
        expect(page.locator(PAGE_RESULT).first).to_be_visible()
    links = page.locator(f"{PAGE_RESULT} a.md-search-result__link").all()
    return status.inner_text(), [urlsplit(a.get_attribute("href") or "").path for a in links]


@pytest.mark.parametrize("query", ["三公经费预算", "三公经费支出", "2025年三公经费", "三公经费预算数", "“三公”经费预算"])
def test_sangong_with_anything_after_it_finds_the_documents_that_print_it(page, site_url: str, query: str) -> None:  # type: ignore[no-untyped-def]
    """Documents print “三公”经费: the quotation marks no longer part 三公 from 经费 in the index."""
    status, found = results(page, site_url, query)
    assert status.startswith("找到") and found, status
    wait_for_excerpts(page, PAGE_RESULT)
    marks = page.locator(f"{PAGE_RESULT} .pg-search-excerpt mark").all_inner_texts()
    assert any("三公经费" in bare(m) for m in marks), marks
