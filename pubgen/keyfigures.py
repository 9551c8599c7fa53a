"""Key figures of a document and its comparisons: what a reader wants first."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from . import model as m
from .exact import exactly
from .checks.rounding import UNIT_FACTORS
from .figures import CURRENT_PHASE, Figure, figures
from .problems import Problem
from .tablekinds import kind_of, kinds

HUNDRED = Decimal(100)
BUDGET_PHASES = ("adjusted-budget", "initial-budget")


@dataclass(slots=True, frozen=True)
class KeyFigure:
    """One headline number, printed as the source prints it."""

    id: str
    """Stable id: income, expenditure, execution-rate, three-public, score."""
    label: str
    text: str
    unit: str
    value: Decimal | None = None
    note: str | None = None
    """How it was obtained when not printed as such (e.g. computed)."""
    field: str | None = None
    """The problem field of the cell it was read from, to tell the reader when a check found it wrong."""
    caveat: str | None = None
    """For a figure a check found wrong and the publisher acknowledged: as printed, as computed, and why, in words for readers."""


@dataclass(slots=True)
class Comparison:
    """Rows of (label, unit, this, other, difference, ratio) between two sets of figures."""

    title: str
    this_label: str
    other_label: str
    other_url: str | None
    rows: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    """The key figure of each row (income, expenditure, three-public)."""
    in_question: list[tuple[bool, bool]] = field(default_factory=list)
    """Per row, whether this document's and the other's figure carry a caveat (set once both pages know theirs)."""

    @property
    def questioned(self) -> bool:
        """Whether a figure of either document is in question."""
        return any(a or b for a, b in self.in_question)


def _lookup(found: list[Figure], key: tuple[str, str], phases: tuple[str, ...]) -> Figure | None:
    for phase in phases:
        for f in found:
            if f.key() == key and f.phase == phase and f.value is not None:
                return f
    return None


def current(found: list[Figure], kind: str, key: tuple[str, str]) -> Figure | None:
    """This document's own figure for ``key``: budget figures in a budget, actuals otherwise."""
    return _lookup(found, key, (CURRENT_PHASE[kind],) if kind == "budget" else ("actual",))


@exactly
def percent(numerator: Decimal, denominator: Decimal) -> str:
    return format((numerator / denominator * HUNDRED).quantize(Decimal("0.01"), ROUND_HALF_UP), "f")


KEY_FIGURES = {
    "income": "收入合计",
    "expenditure": "支出合计",
    "three-public": "“三公”经费",
    "operating-costs": "机关运行经费",
}
"""The key figures a table kind may name, in the order a reader sees them."""


@functools.cache
def key_figure_roles() -> frozenset[str]:
    """The table kinds that name a key figure: ``defined`` reads only their figures."""
    return frozenset(role for role, kind in kinds().items() if kind.key_figures)


def defined(doc: m.Document, found: list[Figure]) -> dict[str, Figure]:
    """Each key figure as the first table kind that names it prints it (see ``key_figures`` in pubgen/tables/)."""
    phase = CURRENT_PHASE[doc.kind]
    out: dict[str, Figure] = {}
    for block in doc.body:
        kind = kind_of(block.role) if isinstance(block, m.Table) else None
        if kind is None:
            continue
        own = {c for grid in ([kind.grid] if kind.grid else []) + list(kind.sides.values()) for c in grid.columns}
        for name, refs in kind.key_figures.items():
            for ref in [refs] if isinstance(refs, str) else refs:
                if name in out:
                    break
                *side, row, columns = ref.split(".")
                for f in found:
                    if f.role != kind.role or f.row != row or (side and f.side != side[0]) or f.value is None or not f.text:
                        continue
                    if (
                        columns == "*"
                        and f.column not in own
                        and (f.phase == phase or (doc.kind != "budget" and f.phase == "actual"))
                        or f.column in columns.split("|")
                    ):
                        out[name] = f
                        break
    return out


PARTS = {
    "overseas": "因公出国（境）费",
    "vehicle": "公务用车购置及运行维护费",
    "reception": "公务接待费",
}
"""The parts of 三公经费 the tables name (``key_figures`` in pubgen/tables/), compared across departments."""


def key_figures(doc: m.Document, default_unit: str) -> list[KeyFigure]:
    """Total income and expenditure, execution rate, 三公经费, 机关运行经费, score and grade, each with its unit."""
    return headline(doc, default_unit)[0]


def headline(doc: m.Document, default_unit: str) -> tuple[list[KeyFigure], dict[str, KeyFigure]]:
    """The key figures of :func:`key_figures`, and the parts of 三公经费 by name (see ``PARTS``)."""
    found = list(figures(doc, default_unit))
    named = defined(doc, found)
    parts = {
        name: KeyFigure(name, label, f.text, f.unit, f.value, field=f.field)
        for name, label in PARTS.items()
        if (f := named.get(name)) is not None and f.text
    }
    out: list[KeyFigure] = []
    for name in ("income", "expenditure"):
        f = named.get(name)
        if f is not None and f.text:
            out.append(KeyFigure(name, KEY_FIGURES[name], f.text, f.unit, f.value, field=f.field))
    rate = next(
        (
            f
            for f in found
            if f.column == "execution-rate" and f.key() == ("expenditure", "total") and f.value is not None
        ),
        None,
    )
    if rate is not None and rate.text:
        out.append(KeyFigure("execution-rate", "预算执行率", rate.text, "%", rate.value, field=rate.field))
    else:
        actual = _lookup(found, ("expenditure", "total"), ("actual",))
        budget = _lookup(found, ("expenditure", "total"), BUDGET_PHASES)
        if actual is not None and budget is not None and budget.value and actual.value is not None:
            base = "调整后预算" if budget.phase == "adjusted-budget" else "年初预算"
            out.append(
                KeyFigure(
                    "execution-rate",
                    "预算执行率",
                    percent(actual.value, budget.value),
                    "%",
                    note=f"按支出决算数 ÷ {base}计算",
                )
            )
    for name in ("three-public", "operating-costs"):
        f = named.get(name)
        if f is not None and f.text:
            out.append(KeyFigure(name, KEY_FIGURES[name], f.text, f.unit, f.value, field=f.field))
    if doc.score is not None:
        out.append(KeyFigure("score", "自评得分", format(doc.score, "f"), "分", doc.score, field="score"))
    return out, parts


@exactly
def compare(
    title: str,
    this: list[KeyFigure],
    other: list[KeyFigure],
    this_label: str,
    other_label: str,
    other_url: str | None,
    change: bool,
) -> Comparison | None:
    """Put two documents' key figures side by side (amounts only)."""
    theirs = {k.id: k for k in other}
    result = Comparison(title, this_label, other_label, other_url)
    for k in this:
        o = theirs.get(k.id)
        if k.id not in ("income", "expenditure", "three-public") or o is None or k.value is None or o.value is None:
            continue
        other_value, other_text = o.value, o.text
        if o.unit != k.unit:
            # Last year's document in 元, this one in 万元 (Shanghai's budgets beside their 决算): compared in this one's
            # unit, exactly (powers of ten), the figure as printed beside it.
            if o.unit not in UNIT_FACTORS or k.unit not in UNIT_FACTORS:
                continue
            other_value = o.value * UNIT_FACTORS[o.unit] / UNIT_FACTORS[k.unit]
            other_text = f"{_plain_number(other_value)}（原文 {o.text} {o.unit}）"
        diff = k.value - other_value
        ratio = percent(diff, other_value) if change and other_value else (percent(k.value, other_value) if other_value else "")
        result.rows.append((k.label, k.unit, k.text, other_text, _plain_number(diff) if o.unit != k.unit else format(diff, "f"), ratio))
        result.ids.append(k.id)
    return result if result.rows else None


def _plain_number(value: Decimal) -> str:
    """A computed amount without the trailing zeros division leaves (2993.92, not 2993.920000)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


COMPUTED_AS = {
    "sum-mismatch": "分项合计",
    "parts-exceed-total": "其中各项合计",
    "total-unexplained": "所列各项合计",
    "column-sum-mismatch": "各栏相加",
    "ratio-mismatch": "按表中数字计算",
    "difference-mismatch": "按表中数字计算",
    "rounding-difference": "按表中数字计算",
    "cross-document-mismatch": "本部门另一份公开文档中为",
    "year-over-year-mismatch": "按上年公开文档计算",
    "unit-department-mismatch": "部门公开文档中为",
    "unit-exceeds-department": "部门公开文档的合计为",
    "text-table-mismatch": "正文中为",
    "score-mismatch": "评分表中为",
    "score-total-mismatch": "各项得分合计",
}
"""What the computed figure of a problem is, in words for readers, by problem code."""


def computed_as(code: str) -> str:
    """How a reader is told what the figure was checked against."""
    if code in COMPUTED_AS:
        return COMPUTED_AS[code]
    if any(identity.code == code for kind in kinds().values() for identity in kind.identities):
        return "按本文相关表格核算"
    return "核算结果"


SCORE_TOTAL = re.compile(r"(?:scores(?:-\d+)?|indicators-\d+)\.total")
"""The field a score table's 总得分 is questioned under (``scores.total``)."""

TABLE_NOTES = {"empty_note": "但原表注明本表为空表"}
"""Fields of a table's own notes that a problem of the whole table is filed under, and what a key figure's caveat says of it."""


def with_caveats(found: list[KeyFigure], problems: list[Problem]) -> list[KeyFigure]:
    """Key figures that acknowledged problems concern, told as printed, as computed, and with the publisher's reasons."""
    from .explain import told_computed  # explain words its figures with this module's names for them

    acknowledged: dict[str, list[Problem]] = {}
    whole_table: dict[str, list[Problem]] = {}
    """Problems of a table as a whole (its note says it is empty, yet it prints figures): they concern every figure of it."""
    for p in problems:
        if p.acknowledged:
            acknowledged.setdefault(p.field, []).append(p)
            table, _, part = (p.field or "").rpartition(".")
            if part in TABLE_NOTES and table:
                whole_table.setdefault(table, []).append(p)
    out = []
    for k in found:
        concerned = acknowledged.get(k.field or "", [])
        if k.id == "score":
            # The document's score is its score table's 总得分: a questioned total questions it.
            concerned = concerned + [p for f, ps in acknowledged.items() if SCORE_TOTAL.fullmatch(f) for p in ps]
        of_table = next((t for t in whole_table if (k.field or "").startswith(t + ".")), None)
        told = whole_table[of_table] if of_table is not None else []
        if not concerned and not told:
            out.append(k)
            continue
        parts = [f"原文 {_with_unit(k.text, k.unit)}"]
        parts += [f"{computed_as(p.code)} {_with_unit(told_computed(p, k.unit == '%'), k.unit)}" for p in concerned if p.computed is not None]
        parts += [TABLE_NOTES[p.field.rpartition(".")[2]] for p in told][:1]
        reasons = list(dict.fromkeys(p.acknowledged for p in concerned + told if p.acknowledged))
        parts.append("发布单位说明：" + " ".join(reasons))
        out.append(replace(k, caveat="；".join(parts)))
    return out


def _with_unit(text: str, unit: str) -> str:
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}".strip()
