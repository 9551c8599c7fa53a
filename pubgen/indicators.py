"""Indicator tables as forms print them: level names filled down from merged cells, groups and their points.

A form merges the 一级指标 and 二级指标 cells over the rows below them, so an
editor writes a level's name once, on its first row; a level's points (分值)
and score (得分) may be printed once for the whole group too. The checks and
the page both read the table through :func:`groups` and :func:`levels`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import model as m
from .roles import column_specs, row_specs


def levels(block: m.Indicators) -> list[tuple[str, str]]:
    """Each row's 一级指标 and 二级指标, an omitted name taken from the row above (a new 一级指标 starts afresh)."""
    out: list[tuple[str, str]] = []
    last1 = last2 = ""
    for row in block.rows:
        level1 = row.level1 or last1
        if row.level1 and row.level1 != last1:
            last2 = ""
        level2 = row.level2 or last2
        out.append((level1, level2))
        last1, last2 = level1, level2
    return out


@dataclass(slots=True)
class Group:
    """A run of rows under one 一级指标, or under one 二级指标 within it."""

    name: str
    rows: list[int]
    """Indices of the indicator rows in the group."""
    points: Decimal | None = None
    """The points the form prints for the group, if any."""
    points_row: int | None = None
    """The row on which the points are written."""
    score: Decimal | None = None
    """The score the form prints for the group, if any."""
    score_row: int | None = None
    children: list[Group] = field(default_factory=list)
    """The 二级指标 groups of a 一级指标 group."""


def groups(block: m.Indicators) -> list[Group]:
    """The 一级指标 groups of the table, each with its 二级指标 groups, in printed order."""
    found: list[Group] = []
    for ri, (level1, level2) in enumerate(levels(block)):
        row = block.rows[ri]
        if not found or found[-1].name != level1:
            found.append(Group(level1, []))
        top = found[-1]
        top.rows.append(ri)
        if not top.children or top.children[-1].name != level2:
            top.children.append(Group(level2, []))
        sub = top.children[-1]
        sub.rows.append(ri)
        if row.level1_points is not None and top.points is None:
            top.points, top.points_row = row.level1_points, ri
        if row.level1_score is not None and top.score is None:
            top.score, top.score_row = row.level1_score, ri
        if row.level2_points is not None and sub.points is None:
            sub.points, sub.points_row = row.level2_points, ri
        if row.level2_score is not None and sub.score is None:
            sub.score, sub.score_row = row.level2_score, ri
    return found


@dataclass(slots=True)
class ExecutionLine:
    """The budget-execution line a project form scores: the cells of its table that carry the points."""

    table: m.Table
    table_index: int
    """Body index of the table."""
    row: int
    """Index of the scored row in the table."""
    field_prefix: str
    """Problem field of the row, ``<table>.<row>``."""
    label: str
    """The row's printed label (年度资金总额)."""
    weight: m.Cell | None
    score: m.Cell | None
    rate: m.Cell | None
    spent: m.Cell | None
    """The 全年执行数 of the row, where printed: the rate it earns when the rate cell is blank or not printed."""
    budget: m.Cell | None
    """The 全年预算数 (else 年初预算数) the rate is taken of."""
    columns: dict[str, int]
    """Column index of weight, score and execution-rate, where printed."""

    def path(self, column: str) -> tuple[Any, ...]:
        """Where the cell of ``column`` is in the source file (the row when the column is not printed)."""
        base: tuple[Any, ...] = ("body", self.table_index, "rows", self.row)
        return base + ("values", self.columns[column]) if column in self.columns else base


def execution_line(doc: m.Document, block: m.Indicators) -> ExecutionLine | str | None:
    """The execution line the block names; a sentence saying what is missing when it cannot be found; None when none."""
    ref = block.execution
    if ref is None:
        return None
    for ti, other in enumerate(doc.body):
        if isinstance(other, m.Table) and other.id == ref.table:
            break
    else:
        ids = [b.id for b in doc.body if isinstance(b, m.Table) and b.id]
        close = difflib.get_close_matches(ref.table, ids, n=1, cutoff=0.6)
        return f"正文中没有代号（id）为“{ref.table}”的表格" + (f"（您是否想写“{close[0]}”？）" if close else "")
    if other.sides:
        return f"表格“{ref.table}”是左右两栏的表，不能作为项目资金表"
    rows = row_specs(other)
    if not rows:
        return f"表格“{ref.table}”没有行"
    if ref.row is None:
        index = 0
    else:
        matches = [r.index for r in rows if r.key == ref.row or other.rows[r.index].id == ref.row]
        if not matches:
            return f"表格“{ref.table}”中没有代号为“{ref.row}”的行"
        index = matches[0]
    specs = column_specs(other)
    columns = {spec.id: ci for ci, spec in enumerate(specs) if spec.id in ("weight", "score", "execution-rate")}
    amounts = {spec.id: ci for ci, spec in enumerate(specs) if spec.id in ("actual", "adjusted-budget", "initial-budget", "budget")}
    printed_points = None if "weight" in columns else _points_in_words(other, specs)
    if "weight" not in columns and printed_points is None:
        return f"表格“{ref.table}”没有分值栏（栏目代号 weight），表名和得分栏的名称也没有写分值（如“（20分）”）"
    for name in ("weight", "score"):
        if name in columns and specs[columns[name]].type != "number":
            return f"表格“{ref.table}”的{'分值' if name == 'weight' else '得分'}栏是分数，不是金额：请在这一栏写 type: number, additive: false"
    cells = other.cells[index] if index < len(other.cells) else []

    def cell(column: str) -> m.Cell | None:
        ci = columns.get(column)
        return cells[ci] if ci is not None and ci < len(cells) else None

    def amount(*names: str) -> m.Cell | None:
        for name in names:
            if name in amounts and amounts[name] < len(cells):
                return cells[amounts[name]]
        return None

    key = other.id or other.role or f"table-{ti + 1}"
    return ExecutionLine(
        table=other,
        table_index=ti,
        row=index,
        field_prefix=f"{key}.{rows[index].key}",
        label=other.rows[index].label,
        weight=cell("weight") if printed_points is None else printed_points,
        score=cell("score"),
        rate=cell("execution-rate"),
        spent=amount("actual"),
        budget=amount("adjusted-budget", "budget", "initial-budget"),
        columns=columns,
    )


_POINTS_IN_TITLE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")
_POINTS_IN_SCORE = re.compile(r"(\d+(?:\.\d+)?)\s*分\s*[*×xX＊]")


def _points_in_words(table: m.Table, specs: list[Any]) -> m.Cell | None:
    """The execution line's points where the form prints them in words, not in a 分值 column: the table's title
    (“预算执行情况（万元）（20分）”) or its score column's name (“得分（20分*执行率）”)."""
    found = _POINTS_IN_TITLE.search(table.title or "")
    if found is None:
        score = next((spec.label for spec in specs if spec.id == "score"), "")
        found = _POINTS_IN_SCORE.search(score or "") or _POINTS_IN_TITLE.search(score or "")
    if found is None:
        return None
    return m.Cell(found.group(1), Decimal(found.group(1)), "number")


def forgotten_execution(doc: m.Document, block: m.Indicators) -> ExecutionLine | None:
    """The execution line of a form whose indicator table does not name it: the first table with an id and a 分值
    (weight) column, its first row, as ``execution: {table: <id>}`` would find it. None when there is none."""
    if block.execution is not None:
        return None
    for other in doc.body:
        if isinstance(other, m.Table) and other.id and not other.sides and any(c.id == "weight" for c in other.columns):
            line = execution_line(doc, block.model_copy(update={"execution": m.Execution.model_construct(table=other.id, row=None)}))
            return line if isinstance(line, ExecutionLine) else None
    return None
