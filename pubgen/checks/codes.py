"""Classification codes: each the right length for its classification, and one name per code in a document."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Iterator

from .. import model as m
from ..load import grids_with_paths
from ..problems import Problem
from ..roles import grid_def, table_name
from ..tablekinds import TableKind, kinds
from .base import DocumentCheck, fmt, table_key
from .identities import Figures, parse, plain_label
from .registry import ERROR, WARNING, family, rule
from .rounding import UNIT_FACTORS

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


rule(
    CODES,
    "class-name-unmatched",
    WARNING,
    """
两栏总表（收支总表、财政拨款收支总表）支出栏按名称印的一类支出（名称以“支出”结尾，或编号为“七、”这样的类；印名称省去“支出”的，
如“七、文化旅游体育与传媒”，就是那一类），不是本文档按科目编码列出的任何一类的名称，因而没有与支出总表等核对；
而它的数字恰与某一类相同、那一类的名称又没有在这张总表中印出：多半是这一类的旧名称（如“文化体育与传媒支出”，2018 年起为
“文化旅游体育与传媒支出”）或简称。例：`“收支预算总表”支出栏“七、文化体育与传媒支出”不是本文档任何一类支出的名称……可能是“207 文化旅游体育与传媒支出”的旧名称或简称`。
修改：对照原文核对。原文确实这样印的，照录并确认差异，写明原因。
""",
)

_NOT_A_CLASS = re.compile(r"基本支出|项目支出|人员经费|公用经费|本年支出|结转|结余|合计|总计|小计")
"""Expenditure rows of a summary that are no class (the spending by nature, totals, carry-overs)."""
_CLASS_NUMBER = re.compile(r"[一二三四五六七八九十]+[、.．]")
"""“七、文化体育与传媒”: a summary numbers its classes so, and may print a class's name without 支出."""


def check_class_names(dc: DocumentCheck) -> Iterator[Problem]:
    """Classes printed by name in a two-sided summary under a name no class of the document has (class-name-unmatched)."""
    figures = Figures(dc)
    seen: set[str] = set()
    for role in dict.fromkeys(role for role, _ in figures.grids):
        for found in _unnamed_classes(dc, figures, kinds()[role]):
            if found.field not in seen:
                seen.add(found.field)
                yield found


def _unnamed_classes(dc: DocumentCheck, figures: Figures, kind: TableKind) -> Iterator[Problem]:
    """A class printed by a name no class of the document has (its old name), whose figure is that class's."""
    for identity in kind.identities:
        if identity.each.get("class") != "classes":
            continue
        parsed = parse(identity.check, kind)
        if len(parsed.left) != 1 or len(parsed.right) != 1 or parsed.right[0].role in (None, kind.role):
            continue
        mine, theirs = parsed.left[0], parsed.right[0]
        placed = figures.grids.get((kind.role, mine.side))
        other = figures.grids.get((theirs.role or "", theirs.side))
        if placed is None or other is None:
            continue
        if m.TO_FILL in (placed.unit, other.unit) and placed.table is not other.table:
            continue  # a figure in a unit still 待填 is not known to be the other table's
        column = next((placed.columns[c] for c in mine.columns if c in placed.columns), None)
        other_column = next((other.columns[c] for c in theirs.columns if c in other.columns), None)
        if column is None or other_column is None:
            continue
        names = set(figures.code_names.values())
        printed = {plain_label(r.label) for r in placed.grid.rows}
        # The classes of the other table whose names this table does not print, by their figure in 元.
        loose: dict[Decimal, list[str]] = {}
        for code in figures.classes():
            index = figures.row(other, code)
            if index is None or figures.code_names.get(code) in printed:
                continue
            cell = other.grid.cells[index][other_column]
            if cell.value is not None:
                loose.setdefault(cell.value * UNIT_FACTORS.get(other.unit, Decimal(1)), []).append(code)
        for spec in placed.rows:
            row = placed.grid.rows[spec.index]
            label = plain_label(row.label)
            named_as_class = label.endswith("支出") or bool(_CLASS_NUMBER.match(row.label.strip()))
            if row.id or row.code or not named_as_class or label in names or label + "支出" in names or _NOT_A_CLASS.search(label):
                continue
            cell = placed.grid.cells[spec.index][column]
            if cell.value is None:
                continue
            same = loose.get(cell.value * UNIT_FACTORS.get(placed.unit, Decimal(1)), [])
            if len(same) != 1:
                continue
            code = same[0]
            yield dc.problem(
                "class-name-unmatched",
                f"“{table_name(placed.table)}”支出栏“{row.label}”不是本文档任何一类支出的名称，没有与“{table_name(other.table)}”核对；"
                f"它的数字 {fmt(cell.value)} 与“{code} {figures.code_names[code]}”相同，而这一类的名称没有在本表印出："
                f"可能是这一类的旧名称或简称，请对照原文核对。",
                placed.base + ("rows", spec.index, "label"),
                f"{placed.key}.{spec.key}",
            )
