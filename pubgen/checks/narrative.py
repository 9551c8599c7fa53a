"""The narrative against the tables: figures the text states must be the tables' figures."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from .. import model as m
from ..problems import Problem
from ..roles import column_specs, row_specs, table_name
from .base import DocumentCheck, table_key
from .registry import ERROR, family, rule

NARRATIVE = family("narrative", "正文与表格")

rule(
    NARRATIVE,
    "text-table-mismatch",
    ERROR,
    """
“据正文整理”（`from_text: true`）的表格中，有数字在它上方的正文里找不到：表格和正文必须写同一个数字。
例：`“比上年增减情况”据正文整理，但“项目支出”的“比上年增减” 0 在上文正文中找不到`
修改：让表格与正文一致；原文只用文字表述（如“持平”）时确认差异并写明原因。
""",
)


_NUMBER_IN_TEXT = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)(?!\.\d)")


def check_text_tables(dc: DocumentCheck) -> Iterator[Problem]:
    """A table compiled from the text states exactly the figures the text above it prints."""
    text: list[str] = []
    for bi, block in enumerate(dc.doc.body):
        if isinstance(block, m.Heading):
            text = []
        elif isinstance(block, m.Text):
            text.append(block.text)
        elif isinstance(block, m.ListBlock):
            text.extend([block.title or "", *block.items])
        elif isinstance(block, m.Goals):
            text.extend(part or "" for g in block.items for part in (g.title, g.goal, g.indicators, g.result))
        elif isinstance(block, m.Table) and block.from_text:
            # Sizes as the text prints them: "减少0.2" states the figure a table gives as -0.2.
            numbers = {Decimal(n.replace(",", "")) for n in _NUMBER_IN_TEXT.findall("\n".join(text))}
            cols = column_specs(block)
            key = table_key(block, bi)
            for ri, row in enumerate(row_specs(block)):
                for ci, cell in enumerate(block.cells[ri] if ri < len(block.cells) else []):
                    if cell.state != "number" or cell.value is None or abs(cell.value) in numbers:
                        continue
                    yield dc.problem(
                        "text-table-mismatch",
                        f"“{table_name(block)}”据正文整理，但“{row.label}”的“{cols[ci].label}” {cell.text} 在上文正文中找不到："
                        "表格与正文应写同一个数字。",
                        ("body", bi, "rows", ri, "values", ci),
                        f"{key}.{row.key}.{cols[ci].id}",
                        stated=cell.value,
                    )
