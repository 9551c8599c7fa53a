"""Multi-level table headers as forms print them: groups above labels, equal neighbouring groups merged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .notes import Note


@dataclass(slots=True)
class HeaderCell:
    """One cell of a table's header, spanning the columns and rows the source merges."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    numeric: bool = False
    unit: str = ""
    rowhead: bool = False
    """Over the column of row labels: on a phone it stays in view with them, so a label never sits under another column's heading."""
    code_column: bool = False
    """Over a classification code column (科目编码, 类, 款, 项): as narrow as its codes, so figures come into view on a phone."""
    notes: list[Note] = field(default_factory=list)
    """Marks of an acknowledged discrepancy of the column as a whole (its points do not add up to what they should)."""


@dataclass(slots=True, frozen=True)
class HeaderColumn:
    """One column's printed label and the headers printed above it, outermost first."""

    label: str
    group: tuple[str, ...] = ()
    numeric: bool = False
    unit: str = ""
    rowhead: bool = False
    """The column of row labels (an indicator table's 三级指标)."""


def depth_of(columns: list[HeaderColumn]) -> int:
    """How many header rows the columns need."""
    return max((len(c.group) for c in columns), default=0) + 1


def add_columns(rows: list[list[HeaderCell]], columns: list[HeaderColumn]) -> list[HeaderCell]:
    """Append the columns' header cells to ``rows`` (one list per header row), left to right on every row; return the
    cell of each column's own label, in the columns' order.

    On each header row a column shows its group of that level (merged with its neighbours' equal groups) or, at the
    level below its last group, its own label spanning down to the last row.
    """
    depth = len(rows)
    own: dict[int, HeaderCell] = {}
    for level in range(depth):
        ci = 0
        while ci < len(columns):
            column = columns[ci]
            if len(column.group) == level:
                own[ci] = HeaderCell(column.label, rowspan=depth - level, numeric=column.numeric, unit=column.unit, rowhead=column.rowhead)
                rows[level].append(own[ci])
                ci += 1
            elif len(column.group) > level:
                span = 1
                while ci + span < len(columns) and columns[ci + span].group[: level + 1] == column.group[: level + 1]:
                    span += 1
                covered = columns[ci : ci + span]
                rows[level].append(HeaderCell(column.group[level], colspan=span, numeric=all(c.numeric for c in covered)))
                ci += span
            else:
                ci += 1  # its label spans down from a row above
    return [own[ci] for ci in sorted(own)]
