"""Text that the page shows otherwise than it was typed or pasted: a Word or Excel table pasted with its tabs, and lines
that YAML joins into one because they were not written under ``text: |``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from ..problems import Problem, Severity
from .format import FIELDS
from .headings import line_of, shown_text
from .links import markdown_fields
from .registry import WARNING, rule

if TYPE_CHECKING:
    from .base import DocumentCheck

rule(
    FIELDS,
    "text-tab",
    WARNING,
    """
文字里有制表符（Tab）：多半是从 Word 或 Excel 粘贴来的表格（“合计\\t85.00”）。网页上制表符显示为一个空格，整张表挤成一段，
其中的数字不核对、不进可下载的数据，原文的表格也没有发布成表格。
例：`第 12 行第 7 列 警告 [text-tab] “正文”中“政府采购 合计 85.00 货物 30.00”有制表符……`
修改：是表格的，改写成 `table` 块（见[内容格式说明](content-format.md)的“常用表”）；只是空白的，删去制表符。
""",
)

rule(
    FIELDS,
    "text-folded",
    WARNING,
    """
一段文字写成了几行，却没有写在 `text: |`（或 `- |`）下面：YAML 把这几行接成一行，在接缝处加一个空格，
分段也没有了。中文里这个空格是原文没有的（“……200.00万元。 绩效目标详见……”）。
例：`第 30 行第 11 列 警告 [text-folded] “正文”写成了几行……接成一行：“200.00万元。 绩效目标”……`
修改：在 `text:` 后写 `|`，文字另起一行、缩进书写（列表条目写成 `- |`，或写在一行里）；空一行即分段。
""",
)

_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
"""Chinese characters and punctuation, between which a space is never typed by accident of YAML's folding."""
_TAB_BETWEEN = re.compile(r"\S[ \t]*\t[ \t]*\S")
"""A tab between two words of a line, as a pasted table row has them (“合计\t85.00”); a tab that indents a paragraph
(its first line, as printed) is only space."""
_LINE_BREAK = r"[ \t]*\r?\n[ \t]*"
_TRIED = 20
"""Spaces between Chinese looked up in the file, at most, per field: a folded text shows one at its first line break."""


def check_pasted(dc: DocumentCheck) -> Iterator[Problem]:
    """Tabs in text, and text that YAML folded from several lines into one with spaces between Chinese."""
    lines: list[str] | None = None
    for path, label, text in markdown_fields(dc.doc):
        field = ".".join(map(str, path))
        between = _TAB_BETWEEN.search(text) if "\t" in text else None
        if between is not None:
            lines = lines if lines is not None else dc.src.text.split("\n")
            offset = text.count("\n", 0, between.start())
            line, column = line_of(dc, lines, path, text, offset)
            row = text.split("\n")[offset]
            yield Problem(
                "text-tab",
                f"“{label}”中“{shown_text(row)}”有制表符（Tab），像是从 Word 或 Excel 粘贴的表格：网页上整张表挤成一段，"
                "其中的数字不核对、不能下载。是表格的，请改写成 table 块（见内容格式说明“常用表”）；只是空白的，请删去制表符。",
                dc.src.name,
                line,
                column,
                severity=Severity.WARNING,
                field=field,
            )
        joint = _folded(dc.src.text, text)
        if joint is not None:
            line, column = dc.src.place(path)
            how = "写成 `- |` 后另起一行书写，或写在一行里" if label == "列表条目" else "在 text: 后写 |，文字另起一行、缩进书写"
            yield Problem(
                "text-folded",
                f"“{label}”写成了几行，却没有写在“|”下面：YAML 把这几行接成一行，在接缝处加了原文没有的空格（“{joint}”），"
                f"分段也没有了。请{how}（空一行即分段）。",
                dc.src.name,
                line,
                column,
                severity=Severity.WARNING,
                field=field,
            )


def _folded(source: str, text: str) -> str | None:
    """The words around the first space YAML put in ``text`` where the file breaks a line between Chinese, or None."""
    start, tried = 0, 0
    while (k := text.find(" ", start)) >= 0 and tried < _TRIED:
        start = k + 1
        before, after = text[max(0, k - 8) : k], text[k + 1 : k + 9]
        if "\n" in before or "\n" in after or not before or not after:
            continue
        if not (_CJK.match(after) or _CJK.search(before[-1])):
            continue  # between Latin words and figures a space is what a line break means
        tried += 1
        if f"{before} {after}" in source:
            continue  # typed as it is
        if re.search(re.escape(before) + _LINE_BREAK + re.escape(after), source):
            return f"{before} {after}"
    return None
