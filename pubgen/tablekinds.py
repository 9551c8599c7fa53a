"""Table kinds as data: one definition per well-known or official table, read from ``pubgen/tables/*.yml``.

A definition names a table's columns and rows with their printed labels, where
each sits in the table's hierarchy, which figures other tables must repeat
(identities), which figures are the document's key figures, and what section
of a document the table provides. The loader, the checks, the renderer, the
importer and the documentation all read these definitions; nothing about a
particular table is written in code.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's reader where PyYAML has it: every command reads these files, and the pure-Python reader took a quarter of a second."""

FOLDER = Path(__file__).resolve().parent / "tables"
COMMON = "_common"
"""The file of column ids every table understands."""


class _Def(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ColumnDef(_Def):
    """A column a table kind knows, by its id."""

    labels: list[str] = Field(default_factory=list)
    """Printed labels, the usual one first."""
    type: Literal["money", "number", "count", "percent", "area", "text"] = "money"
    unit: str | None = None
    """The unit of a count column (个、人次、辆), shown in its header and given in downloads."""
    phase: Literal["initial-budget", "adjusted-budget", "actual", "last-year", "change"] | None = None
    group: list[str] = Field(default_factory=list)
    """Headers printed above the label, outermost first."""
    sum_of: list[str] = Field(default_factory=list)
    optional: bool = False
    """When the document does not print this column, it counts as 0 in the sums it is part of."""
    signed: bool = False
    additive: bool | None = None


class RowDef(_Def):
    """A row a table kind knows, by its id."""

    labels: list[str] = Field(default_factory=list)
    parent: str | None = None
    breakdown: str | None = None
    children: Literal["sum", "part", "none"] = "sum"
    codes: list[str] = Field(default_factory=list)
    """Top-level classification codes whose rows are this row's parts (人员经费合计 = 301 + 303)."""
    optional: bool = False
    """When the document does not print this row, it counts as 0 in the identities it is part of."""
    parts_below: bool = False
    """Rows printed right below it with neither id nor code are its parts, up to the next row with an id or a code
    (年初结转和结余 over 基本支出结转 / 项目支出结转和结余 / 经营结余): not parts of the default parent."""


class GridDef(_Def):
    """The columns and rows of one table, or of one side of a two-sided table."""

    title: str = ""
    """Printed header of a side (收入 / 支出)."""
    row_header: str = "项目"
    classification: Literal["functional", "economic"] | None = None
    """Rows carry classification codes of this kind; their hierarchy comes from the code."""
    default_parent: str | None = None
    """Parent of rows this definition does not name (and of top-level coded rows)."""
    columns: dict[str, ColumnDef] = Field(default_factory=dict)
    rows: dict[str, RowDef] = Field(default_factory=dict)


class IdentityDef(_Def):
    """A rule between figures of this table, or of this table and another one of the same document."""

    code: str
    """Problem code reported when the identity fails."""
    title: str
    """The identity in words, for messages and the documentation."""
    check: str
    """``left = right`` (or ``<=``, ``>=``); terms are ``[role:][side.]row.column`` joined by + and −."""
    each: dict[str, list[str] | str] = Field(default_factory=dict)
    """Variables of ``check`` and their values: a list, or ``classes`` (the functional classes printed)."""
    doc: str = ""
    """More about the identity for docs/checks.md."""
    severity: Literal["error", "warning"] = "error"
    unless_printed: list[str] = Field(default_factory=list)
    """Rows of this table (``[side.]row``) whose printing makes the identity moot: another identity compares them instead."""


class TableKind(_Def):
    """One table kind: a well-known table (收入表, “三公”经费表 …) or an official disclosure table."""

    role: str
    name: str
    description: str = ""
    official: Literal["budget", "final-accounts"] | None = None
    """The document kind that prescribes this table, for the nationally prescribed tables."""
    number: int | None = None
    """Its usual number in that document (决算表 1–9)."""
    titles: list[str] = Field(default_factory=list)
    """Titles it is printed under (a year in front is allowed)."""
    provides: list[str] = Field(default_factory=list)
    """Sections of a document this table publishes (income, expenditure, three-public …)."""
    grid: GridDef | None = None
    sides: dict[str, GridDef] = Field(default_factory=dict)
    identities: list[IdentityDef] = Field(default_factory=list)
    key_figures: dict[str, str | list[str]] = Field(default_factory=dict)
    """Key figure id (income, expenditure, three-public, operating-costs) → ``[side.]row.column``, or several tried in
    order (a table printed either way round: ``[total.total, total.*]``). ``*`` is the column of the document's phase,
    among the columns the kind does not define itself (those of a layout it does not name)."""
    example: str = ""
    """A YAML example of the table, for docs/content-format.md (tested)."""

    @model_validator(mode="before")
    @classmethod
    def _one_grid(cls, data: Any) -> Any:
        """A kind with one grid writes its columns and rows at the top level."""
        if isinstance(data, dict) and "sides" not in data:
            grid = {k: data.pop(k) for k in list(data) if k in GridDef.model_fields}
            data["grid"] = grid
        return data

    def grid_of(self, side: str | None) -> GridDef | None:
        """The definition of the table's grid, or of one side."""
        if side is None:
            return self.grid
        return self.sides.get(side)


@functools.cache
def common_columns() -> dict[str, ColumnDef]:
    """Column ids understood in every table (budget, actual, execution-rate …)."""
    data = yaml.load((FOLDER / f"{COMMON}.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return {k: ColumnDef.model_validate(v) for k, v in data["columns"].items()}


@functools.cache
def kinds() -> dict[str, TableKind]:
    """Every table kind, by role, in the order of the files (well-known tables, then 预算, then 决算)."""
    out: dict[str, TableKind] = {}
    for path in sorted(FOLDER.glob("*.yml")):
        if path.stem == COMMON:
            continue
        kind = TableKind.model_validate(yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader))
        if kind.role in out:
            raise ValueError(f"{path.name}: table kind {kind.role} defined twice")
        out[kind.role] = kind
    return out


def kind_of(role: str | None) -> TableKind | None:
    return kinds().get(role) if role else None


def official(document_kind: str) -> list[TableKind]:
    """The tables a document of ``document_kind`` is prescribed to publish, by number."""
    return sorted((k for k in kinds().values() if k.official == document_kind), key=lambda k: k.number or 0)
