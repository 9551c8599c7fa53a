"""Classification codes: each the right length for its classification, and one name per code in a document."""

from __future__ import annotations

import unicodedata
from typing import Iterator

from .. import model as m
from ..load import grids_with_paths
from ..problems import Problem
from ..roles import grid_def, table_name
from .base import DocumentCheck, table_key
from .identities import plain_label
from .registry import ERROR, family, rule

CODES = family(
    "codes",
    "科目编码",
    """
支出功能分类科目编码：类 3 位、款 5 位、项 7 位；支出经济分类科目编码：类 3 位、款 5 位。编码决定上下级关系，
同一编码在一份文档的各张表和正文中应是同一个科目名称。科目编码每年可能调整，pubgen 不核对编码是否在某一年的科目表中。
""",
)

rule(
    CODES,
    "code-level",
    ERROR,
    """
科目编码的位数与表格的分类不符：经济分类科目（如一般公共预算财政拨款基本支出决算表）只有 3 位和 5 位编码。
例：`“一般公共预算财政拨款基本支出决算表”中“基本工资”的编码 3010101 不是经济分类科目编码（3 位或 5 位）。`
修改：照原表核对编码。
""",
)

rule(
    CODES,
    "code-name-mismatch",
    ERROR,
    """
同一个科目编码在同一份文档里印了两个不同的名称（常见于科目更名后，正文或某张表仍用旧名称）。
只是全角、半角标点不同（“政府办公厅（室）”与“政府办公厅(室)”，各表由不同模板导出时常见）算同一个名称。
正文中写成“XX（类）XX（款）XX（项）”或“XX-XX-XX”科目的名称，也按表格核对：类下没有这个款、款下没有这个项，
或类名是表中某类的旧名称，都报告此问题（表格没有印出下级科目时不核对）。
例：`编码 2130599 在“收入预算总表”中叫“其他巩固脱贫攻坚成果衔接乡村振兴支出”，在“支出预算总表”中叫“其他巩固脱贫衔接乡村振兴支出”。`
例：`正文中的“卫生健康支出（款）”不是表格中“卫生健康支出”（210）下的科目：表格中印的是 计划生育事务（21007）、行政事业单位医疗（21011）。`
修改：照原文核对；原文确实如此时确认差异，并写明哪一个是正确名称。
""",
)


def check_codes(dc: DocumentCheck) -> Iterator[Problem]:
    """Codes of the right length for the table's classification; the same name for the same code throughout."""
    first: dict[str, tuple[str, str]] = {}
    for bi, block in enumerate(dc.doc.body):
        if not isinstance(block, m.Table):
            continue
        for grid, base in grids_with_paths(block, bi):
            definition = grid_def(grid)
            economic = definition is not None and definition.classification == "economic"
            key = table_key(block, bi) + (f".{grid.side}" if grid.side else "")
            for ri, row in enumerate(grid.rows):
                if not row.code:
                    continue
                field = f"{key}.{row.id or row.code}"
                if economic and len(row.code) == 7:
                    yield dc.problem(
                        "code-level",
                        f"“{table_name(block)}”中“{row.label}”的编码 {row.code} 不是经济分类科目编码（3 位或 5 位）。",
                        base + ("rows", ri, "code"),
                        field,
                    )
                name = plain_label(row.label)
                if not name:
                    continue
                seen = first.get(row.code)
                if seen is None:
                    first[row.code] = (name, table_name(block))
                elif seen[0] != name and _width_free(seen[0]) != _width_free(name):
                    yield dc.problem(
                        "code-name-mismatch",
                        f"编码 {row.code} 在“{seen[1]}”中叫“{seen[0]}”，在“{table_name(block)}”中叫“{name}”：同一编码应是同一个科目。",
                        base + ("rows", ri, "label"),
                        field,
                    )


def _width_free(name: str) -> str:
    """A name as a reader reads it: full- and half-width forms alike (（室） and (室), ，and ,)."""
    return unicodedata.normalize("NFKC", name)
