"""Headings written in editors' Markdown (``# 标题``): a heading belongs in a heading block, where the page's outline has it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..markdown import headings
from ..problems import Problem, Severity
from .format import FIELDS
from .links import markdown_fields
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

_TO_HEADING = "是标题的，请写成 heading 块（type: heading，level 2 为“一、”，3 为“（一）”）；"


def check_headings(dc: DocumentCheck) -> Iterator[Problem]:
    """Every Markdown heading in a document's text fields, reported at the line that makes it one."""
    if "#" not in dc.src.text and "==" not in dc.src.text and "--" not in dc.src.text:
        return  # no heading can be written without one of these
    lines = dc.src.text.split("\n")
    for path, label, text in markdown_fields(dc.doc):
        text_lines = text.split("\n")
        for offset, level, title, underlined in headings(text):
            line, column = dc.src.place(path)
            written = text_lines[offset].strip() if offset < len(text_lines) else ""
            if written and 0 < line <= len(lines) and lines[line - 1].rstrip().endswith(("|", "|-", "|+", ">", ">-", ">+")):
                # A block scalar: its text starts on the next line; the line is ``offset`` lines further
                # (or later, where the file's lines are not the text's).
                for n in range(line + 1 + offset, min(line + 41 + offset, len(lines) + 1)):
                    if lines[n - 1].strip() == written:
                        line, column = n, len(lines[n - 1]) - len(lines[n - 1].lstrip()) + 1
                        break
            shown = " ".join(title.split())
            shown = shown if len(shown) <= 40 else shown[:39] + "…"
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
