"""Search as a citizen types it, on a 360-px phone: a department or a year typed together with a topic
(万里街道预算, 财政局三公经费, 2024年决算), “三公经费” with anything after it, the results brought into view
after 搜索, and excerpts that quote the document rather than the site's notes about it."""

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


@pytest.mark.parametrize(
    ("typed", "spaced", "words"),
    [
        ("万里街道预算", "万里街道 预算", ["万里街道", "预算"]),
        ("财政局三公经费", "财政局 三公经费", ["财政局", "三公经费"]),
        ("万里街道三公经费", "万里街道 三公经费", ["万里街道", "三公经费"]),
        ("普陀区三公经费", "普陀区 三公经费", ["普陀区", "三公经费"]),
        ("2024年决算", "2024年 决算", ["2024年", "决算"]),
        # 局预 is printed once on the site (本局预算…), but no 信访局 document holds it: parted where the words meet.
        ("信访局预算", "信访局 预算", ["信访局", "预算"]),
    ],
)
def test_a_name_or_year_typed_with_a_topic_finds_what_the_spaced_query_finds(page, site_url: str, typed: str, spaced: str, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Chinese readers type no spaces: the pair where two words meet (道预, 局三, 年决) is in no document, and
    the whole query found nothing. It is read as the words it is made of, and the count line says so."""
    status, found = results(page, site_url, typed)
    _, expected = results(page, site_url, spaced)
    assert expected, spaced
    assert found == expected, (typed, status)
    assert status == f"找到 {len(found)} 篇包含" + "和".join(f"“{w}”" for w in words) + "的文档。"


def test_a_query_read_as_words_is_excerpted_and_highlighted_by_those_words(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    results(page, site_url, "万里街道预算")
    # The department is offered first, as for 万里街道.
    assert "万里街道办事处" in page.locator("ol.pg-search-results li").first.inner_text()
    wait_for_excerpts(page, PAGE_RESULT)
    item = page.locator(PAGE_RESULT).first
    assert {bare(m) for m in item.locator(".pg-search-excerpt mark").all_inner_texts()} == {"万里街道", "预算"}
    item.locator("a").first.click()
    expect(page.locator(".pg-hl-bar")).to_contain_text("已在本页标出“万里街道 预算”")


def test_the_header_box_reads_a_query_as_its_words_too(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size(PHONE)
    found = search(page, site_url, "万里街道预算")
    assert "/shanghai/putuo/wanli-jiedao/2024/budget/" in found and "/shanghai/putuo/wanli-jiedao/2025/budget/" in found
    assert page.locator(".md-search-result__meta").inner_text() == "找到 2 篇包含“万里街道”和“预算”的文档"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        # Found as typed (the text prints 比2024年预算…): read as typed, not as three words.
        ("商务委2025年预算", "找到 2 篇包含“商务委2025年预算”的文档。"),
        ("三公经费", "找到 8 篇包含“三公经费”的文档。"),
    ],
)
def test_a_query_found_as_typed_is_read_as_typed(page, site_url: str, query: str, status: str) -> None:  # type: ignore[no-untyped-def]
    assert results(page, site_url, query)[0] == status


@pytest.mark.parametrize(("typo", "meant"), [("公务招待费", "公务接待费"), ("三公精费", "三公经费"), ("普驼区", "普陀区")])
def test_a_typo_is_not_read_as_words_and_still_gets_its_suggestion(page, site_url: str, typo: str, meant: str) -> None:  # type: ignore[no-untyped-def]
    """A typo leaves characters that no pair holds (公务|招|待费): it is not parted into its scraps."""
    from playwright.sync_api import expect

    status, found = results(page, site_url, typo)
    assert status == f"没有找到包含“{typo}”的文档。" and found == []
    expect(page.locator(".pg-search-help-area .pg-search-suggestion").first).to_have_text(meant)
    assert page.locator(".pg-search-hint").count() == 0


def test_a_question_that_finds_nothing_offers_the_words_the_site_holds(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    status, _ = results(page, site_url, "万里街道花了多少钱")
    assert status == "没有找到包含“万里街道花了多少钱”的文档。"
    hint = page.locator(".pg-search-help-area .pg-search-hint")
    expect(hint).to_contain_text("试试只搜索其中的词：万里街道")
    hint.locator("a").click()
    expect(page.locator(".pg-search-status")).to_have_text("找到 2 篇包含“万里街道”的文档。")
    # Nothing of a department the site does not have: no chance pair (教育 去年) is offered.
    results(page, site_url, "教育局去年花了多少钱")
    expect(page.locator(".pg-search-help-area .pg-search-browse")).to_be_visible()
    assert page.locator(".pg-search-hint").count() == 0


def test_words_typed_together_that_name_nothing_the_site_knows_get_the_spaced_query_offered(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """Read as words only where one is a number, a glossary term or part of a name (数据说明, the site's own words,
    is not read as 数据 and 说明); otherwise the words apart are offered, when they find documents."""
    from playwright.sync_api import expect

    status, _ = results(page, site_url, "公务接待费公务用车")
    assert status == "没有找到包含“公务接待费公务用车”的文档。"
    hint = page.locator(".pg-search-help-area .pg-search-hint")
    expect(hint).to_contain_text("试试用空格分开词语：公务接待费 公务用车")
    hint.locator("a").click()
    expect(page.locator(".pg-search-status")).to_contain_text("篇包含“公务接待费 公务用车”的文档")
    expect(page.locator(PAGE_RESULT).first).to_be_visible()


def view(page) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return page.evaluate(
        """() => ({
            focused: document.activeElement ? document.activeElement.id : "",
            status: document.querySelector(".pg-search-status").getBoundingClientRect().top,
            first: document.querySelector("ol.pg-search-results li").getBoundingClientRect().top,
            document: document.querySelector("ol.pg-search-results li:has(.pg-search-kind)").getBoundingClientRect().top,
            header: document.querySelector(".md-header").getBoundingClientRect().bottom,
            height: innerHeight,
        })"""
    )


@pytest.mark.parametrize("elder", [False, True])
def test_after_searching_on_a_phone_the_keyboard_closes_and_the_results_are_on_screen(browser, site_url: str, elder: bool) -> None:  # type: ignore[no-untyped-def]
    """At 360 × 740 the box and the four filters fill the screen: the first document was at 756 px (1,480 px in
    长辈版) and the focus stayed in the box, so a phone kept its keyboard over what little showed."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    if elder:
        context.add_init_script("try { localStorage.setItem('pg-elder', '1') } catch (e) {}")
    page = context.new_page()
    page.goto(f"{site_url}search/")
    box = page.locator("#pg-q")
    box.tap()
    box.fill("三公经费")
    box.press("Enter")
    expect(page.locator(".pg-search-status")).to_contain_text("找到 8 篇")
    expect(page.locator(PAGE_RESULT).first).to_be_visible()
    page.wait_for_function("() => scrollY > 0", timeout=5_000)
    seen = view(page)
    assert seen["focused"] != "pg-q", seen
    # The count line just under the sticky header, and the first result on the screen (in the standard look, the first document too).
    assert seen["header"] <= seen["status"] < seen["height"] / 3, seen  # type: ignore[operator]
    assert seen["first"] < seen["height"], seen  # type: ignore[operator]
    if not elder:
        assert seen["document"] < seen["height"], seen  # type: ignore[operator]
    context.close()


def test_the_header_box_s_enter_opens_the_results_on_screen(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    search(page, site_url, "三公经费")
    page.locator("input.md-search__input").press("Enter")
    expect(page.locator(".pg-search-status")).to_contain_text("找到 8 篇")
    page.wait_for_function("() => scrollY > 0", timeout=5_000)
    seen = view(page)
    assert seen["status"] < seen["height"] / 3 and seen["document"] < seen["height"], seen  # type: ignore[operator]
    context.close()


def test_on_a_wide_screen_the_page_does_not_move(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """Where the results are on the screen already, the search page stays where it is."""
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}search/")
    page.locator("#pg-q").fill("三公经费")
    page.locator("#pg-q").press("Enter")
    expect(page.locator(PAGE_RESULT).first).to_be_visible()
    page.wait_for_timeout(300)
    assert page.evaluate("scrollY") == 0
