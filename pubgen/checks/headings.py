"""Headings written in editors' Markdown (``# 标题``): a heading belongs in a heading block, where the page's outline has it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from ..markdown import altered_marks, headings
from ..problems import Problem, Severity
from .format import FIELDS
from .links import Path_, markdown_fields
from .registry import WARNING, rule

if TYPE_CHECKING:
    from .base import DocumentCheck

rule(
    FIELDS,
    "heading-in-text",
    WARNING,
    """
正文（或列表条目、名词解释等文字）里有 Markdown 标题：以 `#` 开头的一行，或下面紧跟一行 `---` / `===` 的一段文字。
页面上它成了一个标题（`#` 与文档标题一样大），却不进页面的目录，读屏软件按标题浏览时页面的层次也乱了；
一行 `---` 紧跟在文字下面时，整段文字都会变成标题。
例：`第 63 行第 7 列 警告 [heading-in-text] “正文”中的“二、部门预算情况”一行是 Markdown 标题……`
修改：是标题的，把它从文字中拿出来，写成 `heading` 块（`type: heading`，`level` 2 为“一、”，3 为“（一）”）；
不是标题的，去掉行首的 `#`，或在 `---` / `===` 之前空一行（要分隔段落，空一行即可）。
""",
)

rule(
    FIELDS,
    "markdown-marks",
    WARNING,
    """
文字里照原文录入的符号被 Markdown 当成了它的记号，页面显示得与原文不同：成对的 `*` 或 `_`（“会议费*1万元（带*的为调整数）”）
不显示，中间的文字成了斜体（`__…__` 成了粗体），反引号中的文字换成等宽字体；行首的 `>`（“大于”）不显示，这一段缩进；
行首的 `1)` 显示成“1.”；行首的 `* `、`+ `（“+ 3.5万元”，原文的正号）显示成圆点“•”；单独一行的 `____`（原文的填写横线）
显示成一条分隔线；编号不连续的 `3.`、`5.` 显示成“3.”“4.”（页面按顺序重新编号，“2021. 本年度……”也会被算进去）。
`**加粗**`、以“- ”开头的列表和作分隔线的 `***`、`---` 是有意的写法，不报告。
例：`第 87 行第 7 列 警告 [markdown-marks] “正文”中的“*0.5万元，会议费*”会被当作 Markdown 的斜体记号……`
修改：照原文显示这些符号时，在符号前加 `\\`（`\\*`、`\\>`、`\\+`、`1\\)`、`2021\\.`、`\\_\\_\\_\\_`）；确实要列表的，用“- ”开头。
""",
)

rule(
    FIELDS,
    "number-split",
    WARNING,
    """
文字中一行以数字（或数字后的小数点、“万”）结尾，下一行紧接着以带单位的数字（“25万元”“5%”，或“元”）开头：多半是从 PDF 复制时，一个数字被原文的换行断开了
（“本年收入合计2946.”和下一行的“25万元”）。页面照原样换行，读者看到的是断开的两半。
例：`第 530 行第 7 列 警告 [number-split] “正文”中“2946.”与下一行开头的“25”看起来是被换行断开的一个数字……`
修改：把这两行接成一行。下一行是新的一条（“2. ……”“2025年……”）时不报告。
""",
)

_SPLIT_END = re.compile(r"(?:\d[.．]?|\d万)$")
_SPLIT_START = re.compile(r"^(?:[\d.．,，]*\d(?:万元|亿元|元|万|亿|%|％)|元)")
"""The rest of a figure: digits that end in its unit (“25万元”, “46.25%”), or the 元 of a “万” left above. Digits
followed by anything else (“1.2 效益指标”, “2022.03.15”, “90分（含）以上”) begin something of their own."""
_NEW_ITEM = re.compile(r"^(?:\d+[.．、)）](?!\d)|(?:19|20)\d\d\s*年)")
"""A line starting a numbered item or with a year starts something new, not the rest of a figure."""


def check_number_splits(dc: DocumentCheck) -> Iterator[Problem]:
    """A figure broken across two lines of a text (a PDF's line wrap copied with it)."""
    lines = dc.src.text.split("\n")
    for path, label, text in markdown_fields(dc.doc):
        if "\n" not in text.strip():
            continue
        text_lines = text.split("\n")
        for offset in range(len(text_lines) - 1):
            end, start = text_lines[offset].rstrip(), text_lines[offset + 1].strip()
            if not _SPLIT_END.search(end) or not _SPLIT_START.match(start) or _NEW_ITEM.match(start):
                continue
            head = re.search(r"[\d.．,，]*万?$", end)
            tail = re.match(r"[\d.．,，]*(?:万元|元|%|％)?", start)
            first, second = (head.group(0) if head else ""), (tail.group(0) if tail else "")
            line, column = line_of(dc, lines, path, text, offset)
            yield Problem(
                "number-split",
                f"“{label}”中“{first}”与下一行开头的“{second}”看起来是被换行断开的一个数字（从 PDF 复制时常见）："
                "页面照原样换行，读者看到的是断开的两半。请把这两行接成一行。",
                dc.src.name,
                line,
                column,
                severity=Severity.WARNING,
                field=".".join(map(str, path)),
            )


_TO_HEADING = "是标题的，请写成 heading 块（type: heading，level 2 为“一、”，3 为“（一）”）；"


def line_of(dc: DocumentCheck, lines: list[str], path: Path_, text: str, offset: int) -> tuple[int, int]:
    """The file's line and column of line ``offset`` (from 0) of the text at ``path``."""
    line, column = dc.src.place(path)
    text_lines = text.split("\n")
    written = text_lines[offset].strip() if offset < len(text_lines) else ""
    if written and 0 < line <= len(lines) and lines[line - 1].rstrip().endswith(("|", "|-", "|+", ">", ">-", ">+")):
        # A block scalar: its text starts on the next line; the line is ``offset`` lines further
        # (or later, where the file's lines are not the text's).
        for n in range(line + 1 + offset, min(line + 41 + offset, len(lines) + 1)):
            if lines[n - 1].strip() == written:
                return n, len(lines[n - 1]) - len(lines[n - 1].lstrip()) + 1
    return line, column


def shown_text(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= 40 else one[:39] + "…"


def check_marks(dc: DocumentCheck) -> Iterator[Problem]:
    """Characters typed as printed that Markdown turns into its marks (``*…*``, ``1)``, ``* ``, ``____``, ``3.`` ``5.``)."""
    lines = dc.src.text.split("\n")  # (altered_marks looks for a mark before parsing a field)
    for path, label, text in markdown_fields(dc.doc):
        block = label not in ("列表条目", "名词解释")  # list items and a document's own terms are shown as one line: no lists or rules
        for offset, kind, written in altered_marks(text, block):
            line, column = line_of(dc, lines, path, text, offset)
            if kind == "emphasis":
                mark = written[0]
                message = (
                    f"“{label}”中的“{shown_text(written)}”会被当作 Markdown 的斜体记号：页面上两个“{mark}”不显示，中间的文字成了斜体。"
                    f"照原文显示“{mark}”，请在每个“{mark}”前加“\\”（写成“\\{mark}”）。"
                )
            elif kind == "code":
                message = (
                    f"“{label}”中的“{shown_text(written)}”会被当作 Markdown 的代码记号：页面上反引号“`”不显示，中间的文字换成等宽字体。"
                    "照原文显示，请在每个“`”前加“\\”。"
                )
            elif kind == "quote":
                message = (
                    f"“{label}”中行首的“>”（“{shown_text(written)}”）会被当作 Markdown 的引用记号：页面上“>”不显示，这一段缩进显示，"
                    "原文的“大于”就丢了。照原文显示，请写成“\\>”（或写成全角“＞”、写成“大于”，照原文）。"
                )
            elif kind == "paren":
                number = written[:-1]
                message = (
                    f"“{label}”中行首的“{written}”会被当作 Markdown 的编号列表：页面上显示为“{number}.”。"
                    f"照原文显示，请写成“{number}\\)”。"
                )
            elif kind == "bullet":
                mark = written[0]
                message = (
                    f"“{label}”中的“{shown_text(written)}”一行会被当作 Markdown 的列表：页面上行首的“{mark}”显示为圆点“•”"
                    + ("，金额前的正号就丢了" if mark == "+" and written[1:].lstrip()[:1].isdigit() else "")
                    + f"。照原文显示，请写成“\\{mark}”"
                    + "；确实是列表的，请用“- ”开头。"
                )
            elif kind == "rule":
                message = (
                    f"“{label}”中单独一行的“{written}”会被当作 Markdown 的分隔线：页面上显示为一条横线，不显示这些符号。"
                    "照原文显示，请在每个符号前加“\\”。"
                )
            else:
                numbers, shown = written.split("|")
                message = (
                    f"“{label}”中编号为“{numbers}”的几行会被当作 Markdown 的编号列表，页面按顺序重新编号，显示为“{shown}”。"
                    "照原文显示，请在每个编号的“.”前加“\\”（如“2021\\.”）。"
                )
            yield Problem("markdown-marks", message, dc.src.name, line, column, severity=Severity.WARNING, field=".".join(map(str, path)))


def check_headings(dc: DocumentCheck) -> Iterator[Problem]:
    """Every Markdown heading in a document's text fields, reported at the line that makes it one."""
    if "#" not in dc.src.text and "==" not in dc.src.text and "--" not in dc.src.text:
        return  # no heading can be written without one of these
    lines = dc.src.text.split("\n")
    for path, label, text in markdown_fields(dc.doc):
        text_lines = text.split("\n")
        for offset, level, title, underlined in headings(text):
            line, column = line_of(dc, lines, path, text, offset)
            written = text_lines[offset].strip() if offset < len(text_lines) else ""
            shown = shown_text(title)
            if underlined:
                message = (
                    f"“{label}”中“{shown}”下面紧跟的一行“{written}”使这段文字成了 Markdown 标题：页面上整段都是标题，却不进页面的目录。"
                    + _TO_HEADING
                    + f"不是标题的，请在“{written}”之前空一行（要分隔段落，空一行即可）。"
                )
            else:
                message = (
                    f"“{label}”中的“{shown}”一行是 Markdown 标题：页面上它是一个{'与文档标题一样大的' if level == 1 else ''}标题，"
                    "却不进页面的目录，页面的标题层次也乱了。" + _TO_HEADING + "不是标题的，请去掉行首的 #。"
                )
            yield Problem("heading-in-text", message, dc.src.name, line, column, severity=Severity.WARNING, field=".".join(map(str, path)))
