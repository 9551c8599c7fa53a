"""The nine official tables of a 预算 (Shanghai numbering) and of a 决算, printed from one ledger.

Each function returns a table block as plain data (``type: table``) in the content
format. Column labels and header groups come from the table kinds' definitions
(``pubgen/tables/*.yml``), so a generated table always reads as the kind pubgen
knows; rows are printed the way real tables print them: classification codes in
one column or three, class rows of the summary tables by name only and numbered,
blank cells where nothing was spent, and an empty 政府性基金 / 国有资本经营 table
with its note.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any, Callable, Sequence

import official_vocab as OV
from official import FUNDS, ZERO, Agency, Key, Ledger, Spend, printed
from yamltext import Flow, FlowList, Num, Quoted

from pubgen.tablekinds import kind_of

NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 26 → 二十六."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


def column(role: str, cid: str, side: str | None = None) -> Flow:
    """A column as the table kind defines it: its usual label and header groups."""
    kind = kind_of(role)
    assert kind is not None, role
    grid = kind.grid_of(side)
    assert grid is not None, (role, side)
    definition = grid.columns[cid]
    out = Flow(id=cid, label=definition.labels[0])
    if definition.group:
        out["group"] = FlowList(definition.group)
    return out


def cell(value: Decimal, unit: str) -> Num | None:
    """A money cell: blank when nothing, else the figure as printed in ``unit``."""
    return Num(format(printed(value, unit), "f")) if value else None


def cells(values: Sequence[Decimal], unit: str) -> FlowList:
    return FlowList(cell(v, unit) for v in values)


def code_text(code: str, style: str) -> Quoted:
    """A code as transcribed: ``2010601``, or ``201 06 01`` from three printed columns."""
    if style == "one":
        return Quoted(code)
    return Quoted(" ".join(p for p in (code[:3], code[3:5], code[5:7]) if p))


def hierarchy(vectors: dict[str, list[Decimal]], style: str, economic: bool = False) -> list[Flow]:
    """Rows for every class, 款 and item of ``vectors`` (code → figures), parents summed, in code order."""
    width = len(next(iter(vectors.values()))) if vectors else 0
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * width)
    levels = (3,) if economic else (3, 5)
    for code, values in vectors.items():
        for n in (*levels, len(code)):
            target = sums[code[:n]]
            for i, v in enumerate(values):
                target[i] += v
    rows = []
    for code in sorted(sums):
        name = OV.ECONOMIC[code] if economic else OV.functional_name(code)
        rows.append(Flow(code=code_text(code, style), label=name, values=FlowList(sums[code])))
    return rows


def printed_rows(rows: list[Flow], unit: str) -> list[Flow]:
    for row in rows:
        row["values"] = cells(row["values"], unit)
    return rows


def total_row(rows: list[Flow], width: int, unit: str, label: str = "合计") -> Flow:
    """The 合计 row: the sum of the class rows."""
    sums = [ZERO] * width
    for row in rows:
        if len(str(row["code"]).replace(" ", "")) == 3:
            for i, v in enumerate(row["values"]):
                sums[i] += v
    return Flow(id="total", label=label, values=cells(sums, unit))


def coded_table(
    role: str,
    title: str,
    unit: str,
    columns: list[str],
    vectors: dict[str, list[Decimal]],
    a: Agency,
    *,
    total_first: bool = False,
    economic: bool = False,
    empty_note: str | None = None,
    notes: list[str] | None = None,
) -> dict[str, Any]:
    """A table of rows by classification code with a 合计 row; empty (only 合计, blank) with its note when there is nothing."""
    vectors = {c: v for c, v in vectors.items() if any(v)}
    rows = hierarchy(vectors, a.codes, economic)
    total = total_row(rows, len(columns), unit)
    rows = printed_rows(rows, unit)
    block: dict[str, Any] = {"role": role, "title": title, "unit": unit}
    if notes:
        block["notes"] = notes
    if a.codes == "three":
        block["codes"] = "three"
    block["columns"] = [column(role, c) for c in columns]
    block["rows"] = [total, *rows] if total_first else [*rows, total]
    if not vectors and empty_note:
        block["empty_note"] = empty_note
    return block


def by_code(ledger: Ledger, pick: Callable[[str, Spend], list[Decimal] | None]) -> dict[str, list[Decimal]]:
    """Figures by functional item: ``pick`` gives the figures of one source's spending on an item (None: not this table)."""
    out: dict[str, list[Decimal]] = {}
    for (code, source), s in ledger.spend.items():
        values = pick(source, s)
        if values is None:
            continue
        target = out.setdefault(code, [ZERO] * len(values))
        for i, v in enumerate(values):
            target[i] += v
    return out


def class_totals(ledger: Ledger, sources: Sequence[str]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for (code, source), s in ledger.spend.items():
        if source in sources:
            out[code[:3]] += s.total
    return out


def source_totals(values: dict[Key, Decimal]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for (_, source), v in values.items():
        out[source] += v
    return out


def side(sid: str, title: str, columns: list[Flow], rows: list[Flow]) -> dict[str, Any]:
    return {"id": sid, "title": title, "columns": columns, "rows": rows}


def fixed(rid: str, label: str, values: Sequence[Decimal], unit: str) -> Flow:
    return Flow(id=rid, label=label, values=cells(values, unit))


# --------------------------------------------------------------------------- 决算


def final_tables(a: Agency, ledger: Ledger, budget: Ledger, name: str, misprint: Decimal = ZERO) -> list[dict[str, Any]]:
    """The nine 决算 tables, in 万元; ``misprint`` is added to the printed “三公” budget total (a planted error)."""
    unit = "万元"
    income = ledger.income()
    by_source = source_totals(income)
    starts, ends = source_totals(ledger.start), source_totals(ledger.end)
    spent = sum((s.total for s in ledger.spend.values()), ZERO)
    total_income = sum(by_source.values(), ZERO)
    start_all, end_all = sum(starts.values(), ZERO), sum(ends.values(), ZERO)
    classes = class_totals(ledger, ("general", "gov-fund", "state-capital", "business", "other"))
    t1 = {
        "role": "final-summary",
        "title": "收入支出决算总表",
        "unit": unit,
        "sides": [
            side("income", "收入", [column("final-summary", "actual", "income")], [
                fixed("general", "一、一般公共预算财政拨款收入", [by_source["general"]], unit),
                fixed("gov-fund", "二、政府性基金预算财政拨款收入", [by_source["gov-fund"]], unit),
                fixed("state-capital", "三、国有资本经营预算财政拨款收入", [by_source["state-capital"]], unit),
                fixed("superior", "四、上级补助收入", [ZERO], unit),
                fixed("business", "五、事业收入", [by_source["business"]], unit),
                fixed("operating", "六、经营收入", [ZERO], unit),
                fixed("affiliated", "七、附属单位上缴收入", [ZERO], unit),
                fixed("other", "八、其他收入", [by_source["other"]], unit),
                fixed("total-income", "本年收入合计", [total_income], unit),
                fixed("non-fiscal-balance", "使用非财政拨款结余（含专用结余）", [ZERO], unit),
                fixed("carryover-start", "年初结转和结余", [start_all], unit),
                fixed("grand-total", "总计", [total_income + start_all], unit),
            ]),
            side("expenditure", "支出", [column("final-summary", "actual", "expenditure")], [
                *[Flow(label=f"{numeral(i + 1)}、{cname}", values=cells([classes.get(code, ZERO)], unit)) for i, (code, cname) in enumerate(OV.CLASSES)],
                fixed("total-expenditure", "本年支出合计", [spent], unit),
                fixed("balance-distribution", "结余分配", [ZERO], unit),
                fixed("carryover-end", "年末结转和结余", [end_all], unit),
                fixed("grand-total", "总计", [spent + end_all], unit),
            ]),
        ],
    }
    t2 = coded_table(
        "final-income", "收入决算表", unit, ["total", "fiscal", "superior", "business", "operating", "affiliated", "other"],
        _income_vectors(income), a, total_first=True,
    )
    t3 = coded_table(
        "final-expenditure", "支出决算表", unit, ["total", "basic", "project", "upper", "operating", "subsidiary"],
        by_code(ledger, lambda src, s: [s.total, s.basic, s.project, ZERO, ZERO, ZERO]), a, total_first=True,
    )
    fiscal = class_totals(ledger, FUNDS)
    per_fund = {f: class_totals(ledger, (f,)) for f in FUNDS}
    fiscal_spent = {f: sum(per_fund[f].values(), ZERO) for f in FUNDS}
    ends_by_fund = [ends[f] for f in FUNDS]
    t4_exp_cols = [column("final-fiscal-summary", c, "expenditure") for c in ("total", "general", "gov-fund", "state-capital")]
    t4 = {
        "role": "final-fiscal-summary",
        "title": "财政拨款收入支出决算总表",
        "unit": unit,
        "sides": [
            side("income", "收入", [column("final-fiscal-summary", "actual", "income")], [
                fixed("general", "一、一般公共预算财政拨款", [by_source["general"]], unit),
                fixed("gov-fund", "二、政府性基金预算财政拨款", [by_source["gov-fund"]], unit),
                fixed("state-capital", "三、国有资本经营预算财政拨款", [by_source["state-capital"]], unit),
                fixed("total-income", "本年收入合计", [sum((by_source[f] for f in FUNDS), ZERO)], unit),
                fixed("carryover-start", "年初财政拨款结转和结余", [sum((starts[f] for f in FUNDS), ZERO)], unit),
                fixed("carryover-start-general", "一、一般公共预算财政拨款", [starts["general"]], unit),
                fixed("carryover-start-gov-fund", "二、政府性基金预算财政拨款", [starts["gov-fund"]], unit),
                fixed("carryover-start-state-capital", "三、国有资本经营预算财政拨款", [starts["state-capital"]], unit),
                fixed("grand-total", "总计", [sum((by_source[f] + starts[f] for f in FUNDS), ZERO)], unit),
            ]),
            side("expenditure", "支出", t4_exp_cols, [
                *[
                    Flow(label=f"{numeral(i + 1)}、{cname}", values=cells([fiscal.get(code, ZERO), *(per_fund[f].get(code, ZERO) for f in FUNDS)], unit))
                    for i, (code, cname) in enumerate(OV.CLASSES)
                ],
                fixed("total-expenditure", "本年支出合计", [sum(fiscal_spent.values(), ZERO), *fiscal_spent.values()], unit),
                fixed("carryover-end", "年末财政拨款结转和结余", [sum(ends_by_fund, ZERO), *ends_by_fund], unit),
                fixed("grand-total", "总计", [sum(fiscal_spent.values(), ZERO) + sum(ends_by_fund, ZERO),
                                            *(fiscal_spent[f] + ends[f] for f in FUNDS)], unit),
            ]),
        ],
    }
    t5 = coded_table(
        "final-general-expenditure", "一般公共预算财政拨款支出决算表", unit, ["total", "basic", "project"],
        by_code(ledger, lambda src, s: [s.total, s.basic, s.project] if src == "general" else None), a,
    )
    return [t1, t2, t3, t4, t5, final_basic(a, ledger, unit), final_three_public(budget, ledger, unit, misprint),
            final_fund("final-gov-fund", "政府性基金预算财政拨款收入支出决算表", "gov-fund", ledger, a, name, unit),
            final_fund("final-state-capital", "国有资本经营预算财政拨款收入支出决算表", "state-capital", ledger, a, name, unit)]


def _income_vectors(income: dict[Key, Decimal]) -> dict[str, list[Decimal]]:
    """Income by item: 合计, 财政拨款收入, 上级补助, 事业收入, 经营收入, 附属单位上缴, 其他收入."""
    out: dict[str, list[Decimal]] = {}
    for (code, source), v in income.items():
        row = out.setdefault(code, [ZERO] * 7)
        row[0] += v
        row[1 if source in FUNDS else 3 if source == "business" else 6] += v
    return out


def _economic_code(code: str, style: str) -> Quoted:
    return Quoted(code if style == "one" or len(code) == 3 else f"{code[:3]} {code[3:]}")


def final_basic(a: Agency, ledger: Ledger, unit: str) -> dict[str, Any]:
    """一般公共预算财政拨款基本支出决算表: the template's rows, 人员经费 (301, 303) then 公用经费 (302, 310)."""
    e = ledger.economic
    rows: list[Flow] = []
    group_total = {g: sum((v for k, v in e.items() if k.startswith(g)), ZERO) for g in ("301", "302", "303", "310")}
    for code in OV.FINAL_ECONOMIC_ROWS:
        value = group_total[code] if len(code) == 3 else e.get(code, ZERO)
        rows.append(Flow(code=_economic_code(code, a.codes), label=OV.ECONOMIC[code], values=cells([value], unit)))
        if code == "30399":
            rows.append(fixed("personnel", "人员经费合计", [group_total["301"] + group_total["303"]], unit))
    rows.append(fixed("public", "公用经费合计", [group_total["302"] + group_total["310"]], unit))
    block: dict[str, Any] = {"role": "final-general-basic", "title": "一般公共预算财政拨款基本支出决算表", "unit": unit}
    if a.codes == "three":
        block["codes"] = "three"
    block["columns"] = [column("final-general-basic", "actual")]
    block["rows"] = rows
    return block


def final_three_public(budget: Ledger, actual: Ledger, unit: str, misprint: Decimal = ZERO) -> dict[str, Any]:
    """财政拨款“三公”经费支出决算表: one row, each part's 预算数 and 决算数."""
    values: list[Decimal] = []
    ids: list[str] = []
    for part in ("total", "overseas", "vehicle", "vehicle-purchase", "vehicle-operation", "reception"):
        for phase, ledger in (("budget", budget), ("actual", actual)):
            tp = ledger.three_public
            if part == "total":
                v = sum(tp.values(), ZERO) + (misprint if phase == "budget" else ZERO)
            elif part == "vehicle":
                v = tp.get("vehicle-purchase", ZERO) + tp.get("vehicle-operation", ZERO)
            else:
                v = tp.get(part, ZERO)
            ids.append(f"{part}-{phase}")
            values.append(v)
    return {
        "role": "final-three-public",
        "title": "财政拨款“三公”经费支出决算表",
        "unit": unit,
        "columns": [column("final-three-public", c) for c in ids],
        "rows": [Flow(id="total", label="金额", values=cells(values, unit))],
    }


def final_fund(role: str, title: str, fund: str, ledger: Ledger, a: Agency, name: str, unit: str) -> dict[str, Any]:
    """政府性基金 / 国有资本经营预算财政拨款收入支出决算表: 年初 + 收入 − 支出 = 年末, per item; empty with its note."""
    income = ledger.income()
    vectors: dict[str, list[Decimal]] = {}
    for (code, source), s in ledger.spend.items():
        if source != fund:
            continue
        key = (code, source)
        vectors[code] = [ledger.start.get(key, ZERO), income.get(key, ZERO), s.total, s.basic, s.project, ledger.end.get(key, ZERO)]
    what = "政府性基金" if fund == "gov-fund" else "国有资本经营"
    return coded_table(
        role, title, unit, ["carryover-start", "income", "expense", "expense-basic", "expense-project", "carryover-end"], vectors, a,
        empty_note=f"注：{name}无{what}预算财政拨款收入、支出和结转结余，故本表无数据。",
    )


# --------------------------------------------------------------------------- 预算


def budget_tables(a: Agency, ledger: Ledger, year: int, scope: str, name: str, misprint: Decimal = ZERO) -> list[dict[str, Any]]:
    """The nine Shanghai 预算 tables: in 元, the “三公” table in 万元; ``misprint`` is added to its printed total (a planted error)."""
    unit = "元"
    prefix = f"{year}年{'部门' if scope == 'department' else '预算单位'}"
    notes = [f"{'编制部门' if scope == 'department' else '编制单位'}：{name}"]
    spent = {s: sum((x.total for (_, src), x in ledger.spend.items() if src == s), ZERO) for s in ("general", "gov-fund", "state-capital", "business", "other")}
    fiscal = spent["general"] + spent["gov-fund"] + spent["state-capital"]
    grand = sum(spent.values(), ZERO)
    classes = class_totals(ledger, ("general", "gov-fund", "state-capital", "business", "other"))
    printed_classes = [(code, cname) for code, cname in OV.CLASSES if classes.get(code)]
    income_rows = [
        fixed("fiscal", "一、财政拨款收入", [fiscal], unit),
        fixed("fiscal-general", "1. 一般公共预算资金", [spent["general"]], unit),
        fixed("fiscal-gov-fund", "2. 政府性基金", [spent["gov-fund"]], unit),
        fixed("fiscal-state-capital", "3. 国有资本经营预算", [spent["state-capital"]], unit),
        fixed("business", "二、事业收入", [spent["business"]], unit),
        fixed("operating", "三、事业单位经营收入", [ZERO], unit),
        fixed("other", "四、其他收入", [spent["other"]], unit),
        fixed("grand-total", "收入总计", [grand], unit),
    ]
    if scope == "department":
        exp_columns = [column("budget-finance-summary", "budget", "expenditure")]
        exp_rows = [Flow(label=f"{numeral(i + 1)}、{cname}", values=cells([classes[code]], unit)) for i, (code, cname) in enumerate(printed_classes)]
        exp_rows.append(fixed("grand-total", "支出总计", [grand], unit))
    else:
        exp_columns = [column("budget-finance-summary", c, "expenditure") for c in ("total", "personnel", "public", "project")]
        split: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * 4)
        for (code, _), s in ledger.spend.items():
            row = split[code[:3]]
            for i, v in enumerate((s.total, s.personnel, s.public, s.project)):
                row[i] += v
        exp_rows = [Flow(label=f"{numeral(i + 1)}、{cname}", values=cells(split[code], unit)) for i, (code, cname) in enumerate(printed_classes)]
        exp_rows.append(fixed("grand-total", "支出总计", [sum((split[c][i] for c in split), ZERO) for i in range(4)], unit))
    t1 = {
        "role": "budget-finance-summary", "title": f"{prefix}财务收支预算总表", "unit": unit, "notes": notes,
        "sides": [
            side("income", "本年收入", [column("budget-finance-summary", "budget", "income")], income_rows),
            side("expenditure", "本年支出", exp_columns, exp_rows),
        ],
    }
    t2 = coded_table(
        "budget-income", f"{prefix}收入预算总表", unit, ["total", "fiscal", "business", "operating", "other"],
        by_code(ledger, lambda src, s: [s.total, s.total if src in FUNDS else ZERO, s.total if src == "business" else ZERO, ZERO,
                                       s.total if src == "other" else ZERO]), a, notes=notes,
    )
    t3 = coded_table(
        "budget-expenditure", f"{prefix}支出预算总表", unit, ["total", "basic", "project"],
        by_code(ledger, lambda src, s: [s.total, s.basic, s.project]), a, notes=notes,
    )
    per_fund = {f: class_totals(ledger, (f,)) for f in FUNDS}
    fiscal_classes = [(code, cname) for code, cname in OV.CLASSES if any(per_fund[f].get(code) for f in FUNDS)]
    t4 = {
        "role": "budget-fiscal-summary", "title": f"{prefix}财政拨款收支预算总表", "unit": unit, "notes": notes,
        "sides": [
            side("income", "财政拨款收入", [column("budget-fiscal-summary", "budget", "income")], [
                fixed("general", "一、一般公共预算资金", [spent["general"]], unit),
                fixed("gov-fund", "二、政府性基金", [spent["gov-fund"]], unit),
                fixed("state-capital", "三、国有资本经营预算", [spent["state-capital"]], unit),
                fixed("grand-total", "收入总计", [fiscal], unit),
            ]),
            side("expenditure", "财政拨款支出",
                 [column("budget-fiscal-summary", c, "expenditure") for c in ("total", "general", "gov-fund", "state-capital")], [
                     *[
                         Flow(label=f"{numeral(i + 1)}、{cname}",
                              values=cells([sum((per_fund[f].get(code, ZERO) for f in FUNDS), ZERO), *(per_fund[f].get(code, ZERO) for f in FUNDS)], unit))
                         for i, (code, cname) in enumerate(fiscal_classes)
                     ],
                     fixed("grand-total", "支出总计", [fiscal, spent["general"], spent["gov-fund"], spent["state-capital"]], unit),
                 ]),
        ],
    }
    whom = "本部门" if scope == "department" else "本单位"
    fund_tables = [
        coded_table(
            role, f"{prefix}{title}", unit, ["total", "basic", "project"],
            by_code(ledger, lambda src, s, f=fund: [s.total, s.basic, s.project] if src == f else None), a,
            empty_note=None if fund == "general" else f"注：{whom}{year}年无{what}预算财政拨款安排的预算，故本表为空表。", notes=notes,
        )
        for role, title, fund, what in (
            ("budget-general-expenditure", "一般公共预算支出功能分类预算表", "general", "一般公共"),
            ("budget-gov-fund-expenditure", "政府性基金预算支出功能分类预算表", "gov-fund", "政府性基金"),
            ("budget-state-capital-expenditure", "国有资本经营预算支出功能分类预算表", "state-capital", "国有资本经营"),
        )
    ]
    economic = {code: [v, v if code.startswith(("301", "303")) else ZERO, v if code.startswith(("302", "310")) else ZERO]
                for code, v in ledger.economic.items() if v}
    t8 = coded_table("budget-general-basic", f"{prefix}一般公共预算基本支出部门预算经济分类预算表", unit,
                     ["total", "personnel", "public"], economic, a, economic=True, notes=notes)
    tp = ledger.three_public
    vehicle = tp.get("vehicle-purchase", ZERO) + tp.get("vehicle-operation", ZERO)
    t9 = {
        "role": "budget-three-public",
        "title": f"{year}年{'部门' if scope == 'department' else '单位'}“三公”经费和机关运行经费预算表",
        "unit": "万元",
        "notes": notes,
        "columns": [column("budget-three-public", c) for c in ("total", "overseas", "reception", "vehicle", "vehicle-purchase", "vehicle-operation", "operating-costs")],
        "rows": [Flow(id="total", label="金额", values=cells(
            [sum(tp.values(), ZERO) + misprint, tp.get("overseas", ZERO), tp.get("reception", ZERO), vehicle,
             tp.get("vehicle-purchase", ZERO), tp.get("vehicle-operation", ZERO), ledger.operating_costs], "万元"))],
    }
    return [t1, t2, t3, t4, *fund_tables, t8, t9]
