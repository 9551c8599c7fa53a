"""A list's numbering that the page cannot count: it would print a number the source does not."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from .. import model as m
from ..numbering import counted
from ..problems import Problem, Severity
from .format import FIELDS
from .registry import WARNING, rule

if TYPE_CHECKING:
    from .base import DocumentCheck

rule(
    FIELDS,
    "numbering-uncounted",
    WARNING,
    """
列表（或分项目标、名词解释）的编号样式页面数不出来，原文的编号会印错。`numbering` 写第一条的编号，页面逐条往下数：
`1、` `（1）` `（一）` `一、` `第一条` `①` `⑴` `a.` `I.` 等都能数。数不出来的有两种：
样式里的数不是第一条的（如 `（二）` `2、`，每一条都会印成同一个编号），
或条目多过这种编号的范围（带圈数字 ① 到 ㊿、⑴ 到 ⒇、英文字母到 z、天干到癸，之后只能印阿拉伯数字）。
例：`警告 [numbering-uncounted] 编号样式“①”只能数到第 50 条，这个列表有 52 条……`
修改：把 `numbering` 改成第一条的编号；原文编号超出范围或不连续的，用 `numbers` 逐条写出原文的编号。
""",
)


def check_numbering(dc: DocumentCheck) -> Iterator[Problem]:
    """Every numbered list, goals and glossary block whose numbering cannot be counted to its last item."""
    for i, block in enumerate(dc.doc.body):
        if isinstance(block, m.ListBlock) and not block.ordered and not block.numbers:
            continue
        if not isinstance(block, (m.ListBlock, m.Goals, m.GlossaryBlock)) or not block.numbering:
            continue
        given = len(block.numbers or [])
        count = len(block.items)
        if given >= count:
            continue
        first = counted(block.numbering, given + 1)
        stop = next((n for n in range(given + 1, count + 1) if counted(block.numbering, n).stopped), None)
        if first.uncounted:
            message = (
                f"编号样式“{block.numbering}”不是第一条的编号，页面数不出来：{count - given} 条都会印成“{block.numbering}”。"
                "请把 numbering 写成第一条的编号（如“（一）”“1、”“①”），或用 numbers 逐条写出原文的编号。"
            )
        elif stop is not None:
            message = (
                f"编号样式“{block.numbering}”（{first.counter}）只能数到第 {stop - 1} 条，这个{_what(block)}有 {count} 条："
                f"第 {stop} 条起页面只能印阿拉伯数字（如“{counted(block.numbering, stop).text}”）。"
                "请用 numbers 逐条写出原文的编号。"
            )
        else:
            continue
        line, column = dc.src.place(("body", i, "numbering"))
        yield Problem(
            "numbering-uncounted", message, dc.src.name, line, column, severity=Severity.WARNING, field=f"body.{i}.numbering"
        )


def _what(block: m.ListBlock | m.Goals | m.GlossaryBlock) -> str:
    return "列表" if isinstance(block, m.ListBlock) else "分项目标" if isinstance(block, m.Goals) else "名词解释"
