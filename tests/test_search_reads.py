"""Search as a citizen types it: “三公经费” with anything after it (documents print “三公”经费), and excerpts
that quote the document rather than the site's notes about it."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from .test_browser import search
from .test_search_shows import DOCUMENT_RESULT, PAGE_RESULT, bare, wait_for_excerpts

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


NOTE_WORDS = ("写作", "发布单位说明", "注1：", "原文此处为", "核对原文", "各类之和")


@pytest.mark.parametrize(
    ("query", "document", "sentence"),
    [
        ("财政拨款收入", "/shanghai/putuo/caizhengju/2024/final-accounts/", "其中：财政拨款收入2940.05万元"),
        ("基本支出", "/shanghai/putuo/caizhengju/2024/final-accounts/", "基本支出"),
        ("47.91 万元", "/shanghai/putuo/wanli-jiedao/2024/budget/", "2024年“三公”经费预算数为47.91万元"),
        ("机关运行经费", "/shanghai/putuo/wanli-jiedao/2024/budget/", "机关运行经费预算为443.18万元"),
        ("三公经费", "/shanghai/putuo/wanli-jiedao/2024/budget/", "三公"),
    ],
)
def test_an_excerpt_quotes_the_document_not_the_site_s_notes(page, site_url: str, query: str, document: str, sentence: str) -> None:  # type: ignore[no-untyped-def]
    """The site's 核对说明 (“正文中…写作 0.3 万元，而…”) came first on the page and won every tie: out of
    context, “写作 0.3 万元” reads as the figure. The document's own sentence is shown."""
    results(page, site_url, query)
    wait_for_excerpts(page, PAGE_RESULT)
    item = page.locator(PAGE_RESULT).filter(has=page.locator(f'a[href*="{document}"]')).first
    excerpt = item.locator(".pg-search-excerpt").inner_text()
    assert sentence in excerpt, excerpt
    assert not any(w in excerpt for w in NOTE_WORDS), excerpt
    for other in page.locator(f"{PAGE_RESULT} .pg-search-excerpt").all_inner_texts():
        assert not any(w in other for w in NOTE_WORDS), other


def test_a_note_is_still_excerpted_where_only_it_holds_the_words(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    results(page, site_url, "四舍五入")
    wait_for_excerpts(page, PAGE_RESULT)
    item = page.locator(PAGE_RESULT).filter(has=page.locator('a[href*="/caizhengju/2024/final-accounts/"]')).first
    assert "四舍五入" in item.locator(".pg-search-excerpt").inner_text()


def test_the_header_box_excerpts_the_document_too(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    search(page, site_url, "财政拨款收入")
    wait_for_excerpts(page, DOCUMENT_RESULT)
    for excerpt in page.locator(f"{DOCUMENT_RESULT} .pg-search-excerpt").all_inner_texts():
        assert not any(w in excerpt for w in NOTE_WORDS), excerpt


@pytest.mark.parametrize("query", ["2024年 三公经费", "三公经费 2024年"])
def test_two_marks_meeting_at_a_quotation_mark_print_it_once(page, site_url: str, query: str) -> None:  # type: ignore[no-untyped-def]
    """“2024年” and “三公经费” marked side by side in 2024年“三公”经费 printed the quotation mark twice (2024年““三公”…)."""
    results(page, site_url, query)
    wait_for_excerpts(page, PAGE_RESULT)
    excerpts = page.locator(f"{PAGE_RESULT} .pg-search-excerpt").all_inner_texts()
    assert any("2024年“三公”经费" in e for e in excerpts), excerpts
    assert not any("““" in e or "””" in e for e in excerpts), excerpts


UNIT_BUDGET = "/shanghai/putuo/shangwuwei/2025/budget/unit-benji/"
DEPARTMENT_BUDGET = "/shanghai/putuo/shangwuwei/2025/budget/"


def kinds_shown(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each listed document's path and the kind its result names."""
    wait_for_excerpts(page, PAGE_RESULT)
    out = {}
    for item in page.locator(PAGE_RESULT).all():
        out[urlsplit(item.locator("a.md-search-result__link").get_attribute("href")).path] = item.locator(".pg-search-kind").inner_text()
    return out


def test_a_unit_s_budget_is_called_a_unit_budget_and_can_be_kept_apart(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """A journalist summing departments must not take a 单位预算 for a 部门预算 (its figures are in the department's)."""
    results(page, site_url, "上海市普陀区商务委员会 一般公共预算")
    shown = kinds_shown(page)
    assert shown[UNIT_BUDGET] == "单位预算" and shown[DEPARTMENT_BUDGET] == "部门预算", shown
    for scope, kept, left in (("unit", UNIT_BUDGET, DEPARTMENT_BUDGET), ("department", DEPARTMENT_BUDGET, UNIT_BUDGET)):
        page.select_option("select[name=scope]", scope)
        page.wait_for_function("s => new URLSearchParams(location.search).get('scope') === s", arg=scope)
        from playwright.sync_api import expect

        expect(page.locator(".pg-search-status")).to_contain_text("（已筛选）")
        shown = kinds_shown(page)
        assert kept in shown and left not in shown, shown
        assert set(shown.values()) <= ({"单位预算", "单位决算"} if scope == "unit" else {"部门预算", "部门决算", "绩效自评", "项目支出绩效自评"}), shown
