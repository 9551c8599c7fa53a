"""A budget balances: what it takes in equals what it plans to spend (``budget-unbalanced``).

The official 收支总表 carries this as its own identity (收入总计 = 支出总计). A department that publishes its budget in the
narrative style (河北's template: a 收入 table and a 支出 table typed from the text, with 上年结转 among the income) prints no
summary table, so the two totals were compared with nothing: a 收入 of 354.62 beside a 支出 of 345.62 passed.
"""

from __future__ import annotations

from typing import Iterator

from .. import model as m
from ..figures import Figure, figures
from ..load import decimal_places
from ..problems import Problem
from .base import DocumentCheck, to_places
from .sums import TABLES
from .registry import ERROR, rule
from .rounding import UNIT_FACTORS, allowance

rule(
    TABLES,
    "budget-unbalanced",
    ERROR,
    """
部门预算收支平衡：收入预算合计（含上年结转）等于支出预算合计。文档没有印收支总表、只印了收入表（`role: income`）和支出表（`role: expenditure`）的
（如河北的模板，两张表据正文整理），两张表的合计不相等。只在收入表印有“上年结转”一行（可以是 0）时核对：没有这一行的收入表可能只列本年收入。
印有收支总表的，由收支总表自己的恒等式核对。
例：`收入表“2022年预算收入”的合计 354.62 万元与支出表“2022年支出预算”的合计 345.62 万元不相等（相差 9）：部门预算收支平衡，收入（含上年结转）应等于支出。`
修改：照原文核对两张表和正文的合计；原文如此的，确认并说明。
""",
)

_SUMMARIES = ("budget-summary", "budget-finance-summary")
_PHASES = ("initial-budget", "budget")


def _total(doc: m.Document, unit: str, role: str) -> Figure | None:
    """The budget total of the first table of ``role``: its ``total`` row's one budget figure."""
    found = [f for f in figures(doc, unit, {role}) if f.role == role]
    if not found:
        return None
    first = [f for f in found if f.table == found[0].table]  # (a second table of the role: a 比上年增减 one, say)
    totals = [f for f in first if f.row == "total" and f.phase in _PHASES and f.value is not None and f.unit in UNIT_FACTORS]
    return totals[0] if len(totals) == 1 else None


def _gap(a: Figure, b: Figure, aggregates: bool = False) -> str | None:
    """How far two printed figures differ, in the coarser unit and to the places they print (None within their rounding)."""
    assert a.value is not None and b.value is not None
    coarse = max(UNIT_FACTORS[a.unit], UNIT_FACTORS[b.unit])
    unit = a.unit if UNIT_FACTORS[a.unit] == coarse else b.unit
    x, y = a.value * UNIT_FACTORS[a.unit] / coarse, b.value * UNIT_FACTORS[b.unit] / coarse
    if abs(x - y) <= allowance([a.text or "", b.text or ""], unit, aggregates=aggregates):
        return None
    # (to the places of the one printed with more: 9.00 between 354.62 and 345.62)
    return to_places(abs(x - y), max((a.text or "", b.text or ""), key=decimal_places))


def check_budget_balance(dc: DocumentCheck) -> Iterator[Problem]:
    """收入预算合计 = 支出预算合计 in a budget that prints no summary table."""
    doc = dc.doc
    if doc.kind != "budget" or any(isinstance(b, m.Table) and b.role in _SUMMARIES for b in doc.body):
        return
    income_tables = [b for b in doc.body if isinstance(b, m.Table) and b.role == "income"]
    if not income_tables or not any(r.id == "carryover" for r in income_tables[0].rows):
        return  # (no 上年结转 row: the table may list the year's own income only)
    income = _total(doc, dc.default_unit, "income")
    spending = _total(doc, dc.default_unit, "expenditure")
    if income is None or spending is None or income.value is None or spending.value is None:
        return
    gap = _gap(income, spending)
    if gap is None:
        return
    yield dc.problem(
        "budget-unbalanced",
        f"收入表“{income.table_title}”的合计 {income.text} {income.unit}与支出表“{spending.table_title}”的合计 {spending.text} "
        f"{spending.unit}不相等（相差 {gap}）：部门预算收支平衡，收入（含上年结转）应等于支出。请照原文核对两张表和正文的合计。",
        income.path,
        f"{income.table}.{income.row}.{income.column}",
        stated=income.value,
        computed=spending.value * UNIT_FACTORS[spending.unit] / UNIT_FACTORS[income.unit],
    )


rule(
    TABLES,
    "twin-table-mismatch",
    ERROR,
    """
同一份文档印了两张同一种法定公开表（广东的一般公共预算基本支出表，一张按部门预算支出经济分类（301、302……），一张按政府预算支出经济分类
（501、502……）），两张表的合计行同一栏的数字不相等：同一笔钱分两种口径列示，合计应相同。只比较两张表都印有的栏目（按栏目代号）；
换算成同一单位，允许四舍五入的差额。表间核对（与“三公”经费表、财政拨款收支总表等）用的是第一张表，第二张表的合计靠这条规则与它对上。
例：`“一般公共预算基本支出表（政府预算支出经济分类）”的合计“合计” 5282305.00 元与“一般公共预算基本支出表（部门预算支出经济分类）”的 5300305.00 元不相等（相差 18000.00）……`
修改：照原文核对两张表的合计和各行；原文如此的，确认并说明。
""",
)


def check_twin_tables(dc: DocumentCheck) -> Iterator[Problem]:
    """Two tables of one official kind in a document (a 基本支出表 by each economic classification): their totals agree."""
    from ..tablekinds import kinds

    printed: dict[str, int] = {}
    for block in dc.doc.body:
        if isinstance(block, m.Table) and block.role and not block.sides and not block.from_text:
            kind = kinds().get(block.role)
            if kind is not None and kind.official is not None:
                printed[block.role] = printed.get(block.role, 0) + 1
    roles = {role for role, n in printed.items() if n > 1}
    if not roles:
        return
    by_table: dict[str, dict[str, Figure]] = {}
    order: dict[str, list[str]] = {}
    for f in figures(dc.doc, dc.default_unit, roles):
        if f.row != "total" or f.value is None or f.unit not in UNIT_FACTORS or f.role not in roles:
            continue
        if f.table not in by_table:
            order.setdefault(f.role, []).append(f.table)
        by_table.setdefault(f.table, {}).setdefault(f.column, f)
    for role, tables in order.items():
        first = by_table[tables[0]]
        for other in tables[1:]:
            for column, f in by_table[other].items():
                base = first.get(column)
                if base is None or base.value is None or f.value is None or base.phase != f.phase:
                    continue
                gap = _gap(f, base, aggregates=True)
                if gap is None:
                    continue
                yield dc.problem(
                    "twin-table-mismatch",
                    f"“{f.table_title}”的合计“{f.column_label}” {f.text} {f.unit}与“{base.table_title}”的 {base.text} {base.unit}不相等"
                    f"（相差 {gap}）：两张表是同一笔钱按两种口径列示，合计应相同。请照原文核对两张表的合计和各行。",
                    f.path,
                    f"{f.table}.{f.row}.{f.column}",
                    stated=f.value,
                    computed=base.value * UNIT_FACTORS[base.unit] / UNIT_FACTORS[f.unit],
                )
