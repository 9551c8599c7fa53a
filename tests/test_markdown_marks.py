"""Text typed as printed that Markdown would show otherwise: each case is reported, and the advice given restores it."""

from __future__ import annotations

import html
import re

import pytest

from pubgen.markdown import altered_marks, headings, to_html


def _shown(text: str) -> str:
    """What a reader sees of the rendered text (tags dropped), list numbers as the browser counts them."""
    out = to_html(text)
    for match in re.finditer(r'<ol(?: start="(\d+)")?>(.*?)</ol>', str(out)):
        start = int(match.group(1) or 1)
        items = re.findall(r"<li>(.*?)</li>", match.group(2))
        counted = "".join(f"{start + i}.{item}" for i, item in enumerate(items))
        out = out.replace(match.group(0), counted)
    out = re.sub(r"<li>", "•", str(out))
    out = re.sub(r"<hr\s*/?>", "―", out)
    return html.unescape(re.sub(r"<[^>]+>", "", out))


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("typed", "kind", "fixed"),
    [
        ("公务接待费*0.5万元，会议费*1万元（带*的为调整数）。", "emphasis", "公务接待费\\*0.5万元，会议费\\*1万元（带\\*的为调整数）。"),
        ("1) 基本支出231.56万元；2) 项目支出97.92万元。", "paren", "1\\) 基本支出231.56万元；2) 项目支出97.92万元。"),
        ("* 注：本表数据为初步统计。", "bullet", "\\* 注：本表数据为初步统计。"),
        ("填报人：\n\n________", "rule", "填报人：\n\n\\_\\_\\_\\_\\_\\_\\_\\_"),
        ("3. 第三项\n5. 第五项", "renumbered", "3\\. 第三项\n5\\. 第五项"),
        ("> 100万元的项目共2个。", "quote", "\\> 100万元的项目共2个。"),
        ("+ 3.5万元为本年新增。", "bullet", "\\+ 3.5万元为本年新增。"),
        ("文件 __init__ 与 _注_ 照录。", "emphasis", "文件 \\_\\_init\\_\\_ 与 \\_注\\_ 照录。"),
        ("编号为`A类`的项目。", "code", "编号为\\`A类\\`的项目。"),
        ("1. 收入\n\n2021. 本年度收入增加", "renumbered", "1. 收入\n\n2021\\. 本年度收入增加"),
    ],
)
def test_printed_marks_are_reported_and_the_advice_shows_them_as_printed(typed: str, kind: str, fixed: str) -> None:
    printed = fixed.replace("\\", "")
    assert _bare(_shown(typed)) != _bare(printed)  # the page alters what was typed …
    assert {found[1] for found in altered_marks(typed)} == {kind}  # … which is reported
    assert altered_marks(fixed) == []  # the advice is not reported again …
    assert _bare(_shown(fixed)) == _bare(printed)  # … and shows exactly what was printed


@pytest.mark.parametrize(
    "typed",
    [
        "**收入预算**合计 10 万元。",
        "- 财政拨款10万元\n- 其他收入0万元",
        "1. 第一项\n2. 第二项",
        "（1）财政拨款；（2）其他收入。",
        "以上为本年预算。\n\n***",
        "附件文件名 budget_2021_final.pdf，单价×数量。",
        "填报人：________  联系电话：________",
        "- 财政拨款10万元\n- 2021年预算安排",
        "- 12.50万元用于办公设备购置\n- 3.20万元用于培训",
        "落款：平乡县信访局\n2022年3月1日",
    ],
)
def test_markdown_meant_as_markdown_and_plain_text_are_not_reported(typed: str) -> None:
    assert altered_marks(typed) == []


def test_a_list_item_is_one_line_so_only_emphasis_can_alter_it() -> None:
    assert altered_marks("1) 财政拨款10万元", block=False) == []
    assert [kind for _, kind, _ in altered_marks("会议费*1万元，培训费*2万元", block=False)] == ["emphasis"]


def test_a_line_break_inside_a_paragraph_is_kept_as_printed() -> None:
    """The documentation promises it; read as a space, it would put a gap between two Chinese characters."""
    assert "信访局<br />" in str(to_html("落款：平乡县信访局\n2022年3月1日"))


def test_a_document_s_own_terms_are_shown_as_one_line_so_a_number_there_is_not_a_list() -> None:
    """名词解释 of a document is rendered inline: “1)” stays as typed, and is not reported."""
    assert altered_marks("1) 基本支出：指……", block=False) == []


def test_bold_inside_italics_is_not_taken_for_its_end() -> None:
    """``**加粗**`` is what editors may write; inside a pair of ``*`` it does not close them."""
    assert altered_marks("会议费*1万元，**培训费**2万元*（带*的为调整数）") == [(0, "emphasis", "*1万元，培训费2万元*")]


@pytest.mark.parametrize(
    "typed",
    [
        "[注]: 本表金额单位为万元，公务接待费含上年结转。",
        "[1]: 因公出国（境）费本年度未安排。",
        "[^1]: 数据来源于部门预算批复。",
        "[1]: https://www.example.gov.cn/",
    ],
)
def test_a_note_printed_as_a_label_and_colon_is_shown_as_typed(typed: str) -> None:
    """To CommonMark ``[注]: …`` is a link reference definition, which the page left out: the printed note vanished."""
    assert _shown(f"2022年预算1.4万元。\n\n{typed}") == f"2022年预算1.4万元。\n{typed}\n"
    assert altered_marks(typed) == []


@pytest.mark.parametrize("indent", ["    ", "\t", "        "])
def test_a_paragraph_indented_as_in_word_is_an_ordinary_paragraph(indent: str) -> None:
    """Four spaces or a tab (首行缩进) made an indented code block: one monospace line that scrolls sideways on a phone."""
    html = str(to_html(f"一、说明\n\n{indent}2022年预算1.4万元，\n{indent}厉行节约。"))
    assert "<pre" not in html and "<code" not in html
    assert html == "<p>一、说明</p>&#10;<p>2022年预算1.4万元，<br />&#10;厉行节约。</p>&#10;"


def test_an_indented_line_is_reported_as_the_page_shows_it() -> None:
    """Indentation makes no code block, so an indented mark alters the page as an unindented one does: it is reported."""
    assert altered_marks("    > 100万元的项目共2个。") == [(0, "quote", "> 100万元的项目共2个。")]
    assert altered_marks("\t会议费*1万元（带*的为调整数）") == [(0, "emphasis", "*1万元（带*")]
    assert headings("    # 二、部门预算情况") == [(0, 1, "二、部门预算情况", False)]


def test_a_list_pasted_with_its_indentation_is_a_list_and_nesting_is_kept() -> None:
    """Pasted from Word, every line of a list came indented by four spaces or a tab: the page showed one item with the
    later lines glued to it and their “2.” printed as text. A paragraph indented alone stays a paragraph, and a list
    nested under an item (after a blank line, or by its own indentation) stays nested."""
    from pubgen.markdown import to_html, to_text

    html = str(to_html("    1. 负责受理群众来信\n    2. 负责协调信访事项\n    3. 承办交办的其他事项"))
    assert html.count("<li>") == 3 and "2. " not in html, html
    assert str(to_html("\t- 甲\n\t- 乙")).count("<li>") == 2
    assert to_text("    - 甲\n    - 乙") == "甲 乙"
    assert "<p>本部门主要职责是……</p>" in str(to_html("    本部门主要职责是……"))
    nested = str(to_html("- 上级\n\n    - 下级"))
    assert nested.index("<ul>") < nested.index("上级") < nested.rindex("<ul>") < nested.index("下级"), nested
    assert str(to_html("1. 甲\n   - 乙\n2. 丙")).count("<ol>") == 1


def test_paragraphs_after_an_indented_list_are_paragraphs_and_fenced_code_keeps_its_spaces() -> None:
    """A lead-in, then a Word body indented four spaces: the list is a list and the paragraphs after it are paragraphs,
    not parts of its last item. Lines inside ``` keep their indentation, blank lines between them or not."""
    from pubgen.markdown import to_html

    body = str(to_html("主要职责：\n\n    1. 负责受理\n    2. 负责协调\n\n    机构设置：本部门设三个科室。\n\n    2022年收入预算100万元。"))
    assert body.index("</ol>") < body.index("机构设置") and "<p>2022年收入预算100万元。</p>" in body, body
    nested = str(to_html("    1. 甲\n\n        - 甲的下级\n\n    2. 乙"))
    assert nested.count("<ol>") == 1 and nested.index("<ul>") < nested.index("甲的下级") < nested.index("</ul>") < nested.index("乙"), nested
    assert "    缩进的行" in str(to_html("说明：\n\n```\n  第一行\n\n    缩进的行\n```\n"))
