"""Every figure of a document as a flat record: for cross-document checks and data downloads."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Container, Iterator, NamedTuple

from . import model as m
from .load import grids_with_paths
from .roles import ColumnSpec, RowSpec, cell_type, column_specs, row_specs, table_name

CURRENT_PHASE = {"budget": "initial-budget", "final-accounts": "actual", "self-evaluation": "actual", "project-evaluation": "actual"}
"""Which phase a document of each kind states as "this year's" figure."""

SAME_FIGURE = {
    ("budget-summary", "income"): ("income", "total"),
    ("budget-summary", "expenditure"): ("expenditure", "total"),
}
"""Rows of one well-known table that state the same figure as a row of another."""


THREE_PUBLIC_ITEMS = {
    f"{item}{suffix}": item
    for item in ("total", "overseas", "vehicle", "vehicle-purchase", "vehicle-operation", "reception", "operating-costs")
    for suffix in ("", "-budget", "-actual")
}
"""The columns of a one-row “三公” table (决算表七's 预算数 and 决算数 pairs too) by the item each prints, as the rows of the
layout printing the items as rows are named."""


class Figure(NamedTuple):
    """One number printed in a table cell, with what it means.

    Immutable like a frozen dataclass, and made about ten times faster: a check of 1,000
    documents makes a quarter of a million of them.
    """

    table: str
    """Table key (id, role or position, then the side of a two-sided table), as used in problem fields."""
    table_title: str
    role: str | None
    row: str
    """Row id, else its classification code, else its label."""
    row_label: str
    column: str
    column_label: str
    phase: str | None
    unit: str
    text: str | None
    """The cell as printed."""
    value: Decimal | None
    state: str
    path: tuple[Any, ...]
    """Where the cell is in the source file."""
    side: str | None = None
    """The side of a two-sided table (income / expenditure)."""
    code: str | None = None
    """The row's classification code."""
    column_group: str = ""
    """The headers printed above the column's own (“公务接待费” over 预算数), joined by “ / ”."""
    parent: str | None = None
    """The row (by its :attr:`row` key) this row is a part of; None at the top of its table."""
    parts: str = ""
    """How the rows below this one make it up: sum (it is their total: 合计, 小计), part (they are only “其中” items),
    none (not checked); "" when no row is a part of it."""

    @property
    def field(self) -> str:
        return f"{self.table}.{self.row}.{self.column}"

    def key(self) -> tuple[str, str] | None:
        """Identity across documents and years: (role, [side.]row id) of a well-known table.

        A “三公” table printed as one row of items (合计 | 因公出国（境）费 | … under “预算数”) states the same figures as
        one printing the items as rows (项目 | 2024年预算数 | 2025年预算数): each item's cell is keyed by the item, whichever
        way the table runs.
        """
        if not self.role:
            return None
        if self.row == "total" and not self.side and "three-public" in self.role:
            item = THREE_PUBLIC_ITEMS.get(self.column)
            if item is not None:
                return (self.role, item)
        row = f"{self.side}.{self.row}" if self.side else self.row
        return SAME_FIGURE.get((self.role, row), (self.role, row))


def figures(doc: m.Document, default_unit: str = "万元", roles: Container[str | None] | None = None) -> Iterator[Figure]:
    """Every table cell of ``doc`` that is not text, in printed order; with ``roles``, of those tables only."""
    for c in cells(doc, roles):
        yield c.figure(default_unit)


class CellPlace(NamedTuple):
    """A table cell that is not text, with what its :class:`Figure` is made from."""

    field: str
    """As :attr:`Figure.field`."""
    table: str
    """As :attr:`Figure.table`."""
    title: str
    """As :attr:`Figure.table_title`."""
    cell: m.Cell
    doc: m.Document
    block: m.Table
    grid: m.Grid
    base: tuple[Any, ...]
    row: RowSpec
    ri: int
    col: ColumnSpec
    ci: int
    parts: str = ""
    """As :attr:`Figure.parts`."""

    @property
    def role(self) -> str | None:
        return self.block.role

    def figure(self, default_unit: str = "万元") -> Figure:
        """The cell's :class:`Figure`: made only when wanted (a comparison of equal cells needs none)."""
        block, col, row, cell = self.block, self.col, self.row, self.cell
        kind, own_unit = cell_type(row, col)
        unit = own_unit or ("%" if kind == "percent" else m.money_unit(self.doc, block, default_unit) if kind == "money" else "")
        # A row of counts in a column of budget amounts (接待批次 under 2016年预算数) is not a budget figure.
        phase = col.phase if kind == col.type else None
        # Positional: a quarter faster than by keyword, and a province's check makes millions.
        return Figure(
            self.table, self.title, block.role, row.key, row.label, col.id, col.label, phase, unit,
            cell.text, cell.value, cell.state, self.base + ("rows", self.ri, "values", self.ci), self.grid.side, row.code,
            " / ".join(col.group) if col.group else "",
            row.parent, self.parts,
        )


def cells(doc: m.Document, roles: Container[str | None] | None = None) -> Iterator[CellPlace]:
    """Every table cell of ``doc`` that is not text, in printed order; with ``roles``, of those tables only."""
    for bi, block in enumerate(doc.body):
        if not isinstance(block, m.Table) or (roles is not None and block.role not in roles):
            continue
        key = block.id or block.role or f"table-{bi + 1}"
        title = table_name(block)
        for grid, base in grids_with_paths(block, bi):
            cols = column_specs(grid)
            rows = row_specs(grid)
            grid_key = f"{key}.{grid.side}" if grid.side else key
            cells_of = grid.cells
            parents = {r.parent for r in rows}
            for ri, row in enumerate(rows):
                if row.type == "text":
                    continue  # 栏次 1 2 3: the columns' numbers, not figures
                row_cells = cells_of[ri] if ri < len(cells_of) else []
                prefix = f"{grid_key}.{row.key}."
                parts = row.children if row.key in parents else ""
                for ci, col in enumerate(cols):
                    if col.type == "text" or ci >= len(row_cells):
                        continue
                    yield CellPlace(prefix + col.id, grid_key, title, row_cells[ci], doc, block, grid, base, row, ri, col, ci, parts)
