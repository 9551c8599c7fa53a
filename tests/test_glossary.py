"""Glossary terms linked where they are first used, on Markdown tokens."""

from __future__ import annotations

import re
from pathlib import Path

from pubgen.glossary import Glossary
from pubgen.markdown import to_html
from pubgen.model import Term


def linker() -> object:
    glossary = Glossary(
        [
            Term(term="一般公共预算", definition="政府的一般收支。"),
            Term(term="一般公共预算拨款收入", definition="指县级财政当年拨付的资金。"),
            Term(term="三公经费", aliases=["“三公”经费"], definition="因公出国（境）费、公务用车购置及运行维护费和公务接待费。"),
        ]
    )
    return glossary.linker("../../glossary/")


def links(html: str) -> list[str]:
    return re.findall(r'<a href="[^"]*" class="pg-term" aria-describedby="[^"]*">([^<]+)</a>', html)


def tips(html: str) -> list[str]:
    return re.findall(r'<span class="pg-tip" role="tooltip" id="[^"]+">([^<]*)</span>', html)


def test_longest_term_first_and_only_the_first_use() -> None:
    html = to_html("一般公共预算拨款收入329.48万元，一般公共预算拨款收入另计；一般公共预算执行良好。", linker())
    assert links(html) == ["一般公共预算拨款收入", "一般公共预算"]


def test_alias_with_quotes_links_to_the_term_with_its_definition() -> None:
    html = to_html("财政拨款“三公”经费预算安排1.4万元。", linker())
    assert links(html) == ["“三公”经费"]
    assert 'href="../../glossary/#%E4%B8%89%E5%85%AC%E7%BB%8F%E8%B4%B9"' in html
    assert tips(html) == ["因公出国（境）费、公务用车购置及运行维护费和公务接待费。"]


def test_never_in_headings_links_or_code() -> None:
    text = "## 三公经费\n\n[三公经费](https://example.org) `三公经费`\n\n正文中的三公经费。"
    html = to_html(text, linker())
    assert links(html) == ["三公经费"]
    assert "<h2>三公经费</h2>" in html
    assert html.index('class="pg-term"') > html.index("正文中的")


def test_one_linker_is_one_page() -> None:
    page = linker()
    first = to_html("三公经费。", page)
    second = to_html("三公经费。", page)
    assert links(first) == ["三公经费"] and links(second) == []


def test_glossary_page_is_sorted_by_pinyin_and_lists_users(bundled_site: Path) -> None:
    page = (bundled_site / "glossary" / "index.html").read_text(encoding="utf-8")
    terms = re.findall(r'<div id="([^"]+)" class="pg-entry">', page)
    assert terms == [
        "基本支出",  # ji ben
        "机关运行费",  # ji guan
        "其他收入",
        "三公经费",
        "上缴上级支出",  # shang jiao
        "上年结转",  # shang nian
        "事业单位经营支出",  # shi ye dan
        "事业收入",  # shi ye shou
        "项目支出",
        "一般公共预算拨款收入",
    ]
    entry = page.split('<div id="三公经费" class="pg-entry">', 1)[1].split("</div>", 1)[0]
    assert "用到此名词的文档" in entry and "平乡县信访局2021年部门预算信息公开情况说明" in entry


def test_document_links_first_use_of_terms(bundled_site: Path) -> None:
    page = (bundled_site / "hebei/xingtai/pingxiang/xinfangju/2021/budget/index.html").read_text(encoding="utf-8")
    linked = links(page)
    assert "“三公”经费" in linked and "机关运行经费" in linked
    assert len(linked) == len(set(linked))


def test_a_definition_with_markup_is_shown_as_text_in_its_tooltip() -> None:
    glossary = Glossary([Term(term="三公经费", definition='<img src=x onerror=alert(1)> 见[规定](https://example.org "t")')])
    html = to_html("三公经费。", glossary.linker("../"))
    assert tips(html) == ["&lt;img src=x onerror=alert(1)&gt; 见规定"]
