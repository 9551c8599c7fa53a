"""Well-known tables: stable row and column ids that bring their rules with them.

A table with ``role: three-public`` whose rows are named ``total``, ``overseas``,
``vehicle`` … needs no ``parent`` fields: the role knows that 三公 = 出国 + 公车 +
接待 and 公车 = 购置 + 运维. Anything a role does not know, the editor declares
on the row or column; explicit fields always win.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Column, Table


@dataclass(frozen=True, slots=True)
class RowRule:
    """Default place of a well-known row in its table's hierarchy."""

    parent: str | None = None
    breakdown: str | None = None
    children: str = "sum"


COLUMNS: dict[str, dict[str, Any]] = {
    "budget": {"type": "money", "phase": "initial-budget"},
    "initial-budget": {"type": "money", "phase": "initial-budget"},
    "adjusted-budget": {"type": "money", "phase": "adjusted-budget"},
    "actual": {"type": "money", "phase": "actual"},
    "last-year": {"type": "money", "phase": "last-year"},
    "change": {"type": "money", "phase": "change", "signed": True},
    "change-rate": {"type": "percent", "signed": True, "additive": False},
    "execution-rate": {"type": "percent", "additive": False},
    "value": {"type": "money"},
    "count": {"type": "count", "additive": False},
    "area": {"type": "area", "additive": False},
    "name": {"type": "text"},
    "nature": {"type": "text"},
    "rank": {"type": "text"},
    "funding": {"type": "text"},
    "project": {"type": "text"},
    "task": {"type": "text"},
    "result": {"type": "text"},
    "note": {"type": "text"},
}
"""Column ids understood in every table."""

ROLE_COLUMNS: dict[str, dict[str, dict[str, Any]]] = {
    "staff": {
        "establishment": {"type": "count", "additive": True},
        "total": {"type": "count", "sum_of": ["in-service", "retired-cadres", "retired"]},
        "in-service": {"type": "count"},
        "retired-cadres": {"type": "count"},
        "retired": {"type": "count"},
        "supported": {"type": "count"},
    },
}

ROWS: dict[str, dict[str, RowRule]] = {
    "three-public": {
        "total": RowRule(),
        "overseas": RowRule("total"),
        "vehicle": RowRule("total"),
        "vehicle-purchase": RowRule("vehicle"),
        "vehicle-operation": RowRule("vehicle"),
        "reception": RowRule("total"),
    },
    "expenditure": {
        "total": RowRule(),
        "basic": RowRule("total", "性质"),
        "project": RowRule("total", "性质"),
        "personnel": RowRule("basic", "人员与公用"),
        "public": RowRule("basic", "人员与公用"),
        "wages": RowRule("basic", "经济分类"),
        "goods-services": RowRule("basic", "经济分类"),
        "household": RowRule("basic", "经济分类"),
        "capital": RowRule("basic", "经济分类"),
    },
    "income": {
        "total": RowRule(),
        "general-budget": RowRule("total"),
        "fund": RowRule("total"),
        "special-account": RowRule("total"),
        "operating": RowRule("total"),
        "other": RowRule("total"),
        "carryover": RowRule("total"),
    },
    "assets": {
        "total": RowRule(children="part"),
        "buildings": RowRule("total", children="part"),
        "office-buildings": RowRule("buildings"),
        "vehicles": RowRule("total"),
        "equipment": RowRule("total"),
        "other": RowRule("total"),
    },
    "procurement": {
        "total": RowRule(),
        "goods": RowRule("total"),
        "works": RowRule("total"),
        "services": RowRule("total"),
    },
}
"""Row ids a role understands, with their place in the hierarchy."""


ROLE_NAMES: dict[str, str] = {
    "income": "收入表",
    "expenditure": "支出表",
    "three-public": "“三公”经费表",
    "operating-costs": "机关运行经费表",
    "procurement": "政府采购表",
    "assets": "国有资产占用情况表",
    "staff": "人员情况表",
    "units": "机构设置表",
    "key-tasks": "重点任务表",
    "budget-summary": "收支预决算情况表",
}
"""What to call an untitled well-known table in messages."""


def table_name(table: Table) -> str:
    """The table's printed title, or a name for it when it has none."""
    return table.title or ROLE_NAMES.get(table.role or "", "") or table.row_header + "表"


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A column with the role's defaults filled in."""

    id: str
    label: str
    type: str
    unit: str | None
    phase: str | None
    sum_of: tuple[str, ...]
    ratio: tuple[str, str] | None
    difference: tuple[str, str] | None
    signed: bool
    additive: bool


@dataclass(frozen=True, slots=True)
class RowSpec:
    """A row with the role's defaults filled in."""

    index: int
    key: str
    """The row's id, or its label when it has none."""
    label: str
    parent: str | None
    breakdown: str
    children: str


def column_specs(table: Table) -> list[ColumnSpec]:
    """Resolve each column's meaning from its fields, its id and the table's role (worked out once per table)."""
    cached = table.__pydantic_private__  # read directly, as in Table.cells: this is asked for every cell shown
    if cached["_column_specs"] is None:  # type: ignore[index]
        cached["_column_specs"] = _column_specs(table)  # type: ignore[index]
    return cached["_column_specs"]  # type: ignore[index, no-any-return]


def _column_specs(table: Table) -> list[ColumnSpec]:
    ids = {c.id for c in table.columns}
    specs = []
    for col in table.columns:
        base = dict(COLUMNS.get(col.id, {}))
        base.update(ROLE_COLUMNS.get(table.role or "", {}).get(col.id, {}))
        ctype = col.type or ("percent" if col.unit == "%" else base.get("type", "money"))
        ratio = col.ratio or _default_ratio(col, ids)
        difference = col.difference or _default_difference(col, ids)
        # Changes, and ratios of them (a rate of change), may be negative.
        signed = col.signed if col.signed is not None else bool(base.get("signed", False)) or difference is not None or ratio is not None
        additive_default = base.get("additive", ctype in ("money", "number", "count"))
        if ratio is not None:
            additive_default = False
        specs.append(
            ColumnSpec(
                id=col.id,
                label=col.label,
                type=ctype,
                unit=col.unit,
                phase=col.phase or base.get("phase"),
                sum_of=tuple(col.sum_of or base.get("sum_of", ())),
                ratio=tuple(ratio) if ratio else None,  # type: ignore[arg-type]
                difference=tuple(difference) if difference else None,  # type: ignore[arg-type]
                signed=signed,
                additive=col.additive if col.additive is not None else bool(additive_default),
            )
        )
    return specs


def _default_ratio(col: Column, ids: set[str]) -> tuple[str, str] | None:
    if col.id != "execution-rate" or "actual" not in ids:
        return None
    for base in ("adjusted-budget", "initial-budget", "budget"):
        if base in ids:
            return ("actual", base)
    return None


def _default_difference(col: Column, ids: set[str]) -> tuple[str, str] | None:
    if col.id != "change" or "last-year" not in ids:
        return None
    for current in ("actual", "budget", "initial-budget"):
        if current in ids:
            return (current, "last-year")
    return None


def row_specs(table: Table) -> list[RowSpec]:
    """Resolve each row's parent and breakdown from its fields and the table's role (worked out once per table)."""
    cached = table.__pydantic_private__
    if cached["_row_specs"] is None:  # type: ignore[index]
        cached["_row_specs"] = _row_specs(table)  # type: ignore[index]
    return cached["_row_specs"]  # type: ignore[index, no-any-return]


def _row_specs(table: Table) -> list[RowSpec]:
    known = ROWS.get(table.role or "", {})
    specs = []
    for i, row in enumerate(table.rows):
        rule = known.get(row.id or "", RowRule())
        specs.append(
            RowSpec(
                index=i,
                key=row.id or row.label,
                label=row.label,
                parent=row.parent if row.parent is not None else rule.parent,
                breakdown=row.breakdown if row.breakdown is not None else (rule.breakdown or ""),
                children=row.children if row.children is not None else rule.children,
            )
        )
    return specs

