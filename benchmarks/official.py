"""Consistent official 预算 and 决算 documents: a department, its budget units and their money, year by year.

The money of every budget unit (预算单位) is kept as a ledger in 元: spending by
functional item (7-digit 项) and source of funds, the economic breakdown of the
general-budget basic spending, carry-overs, “三公” and procurement. A
department's ledger is the sum of its units' ledgers, so a unit's document never
exceeds its department's and a single-unit department's two documents print the
same figures. The 决算 of a year is executed from that year's 预算, and a year's
年初结转和结余 is the year before's 年末. Every table of a document is printed
from one ledger (``official_tables.py``), so every identity declared in
``pubgen/tables/*.yml`` holds exactly in 元; figures printed in 万元 are rounded
from 元 one by one, as real ones are, so a sum of rounded parts may differ from
its rounded total by what the rounding policy allows (a notice), never more:
leaf figures of 决算 are kept within 15 元 of a whole hundred, so even a long
list of rounded parts stays within the policy's four units.

Every choice comes from the ``random.Random`` passed in: deterministic for a seed.

    from official import agency, series
    from official_docs import document
    a = agency(rng, "shanghai/putuo/shangwuwei", "上海市普陀区商务委员会", kind, ["上海市普陀区商务委员会服务中心"])
    years = series(rng, a, scale=30_000_000, years=range(2023, 2026))
    doc = document(rng, a, years, 2025, "final-accounts", unit=None)   # the department's 决算
    unit = document(rng, a, years, 2025, "final-accounts", unit=1)     # the 服务中心's own
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterable

import official_vocab as OV

ZERO = Decimal(0)
FEN = Decimal("0.01")
WAN = Decimal(10000)
FUNDS = ("general", "gov-fund", "state-capital")
"""The three budgets 财政拨款 comes from."""
NON_FISCAL = ("business", "other")
"""Sources outside 财政拨款 this generator uses: 事业收入 and 其他收入."""
SOURCES = FUNDS + NON_FISCAL
THREE_PUBLIC = ("overseas", "vehicle-purchase", "vehicle-operation", "reception")
THREE_PUBLIC_ECONOMIC = {"overseas": "30212", "vehicle-purchase": "31013", "vehicle-operation": "30231", "reception": "30217"}
"""The economic item each “三公” part is paid from when it is 基本支出."""


# --------------------------------------------------------------------------- the plan: a department and its units


@dataclass(slots=True)
class Unit:
    """One budget unit (预算单位) of a department."""

    name: str
    slug: str
    nature: str
    """行政 or 事业: decides the pension and medical items and whether it has 机关运行经费."""
    share: float
    """Its part of the department's money."""


@dataclass(slots=True)
class Agency:
    """A department that publishes the official tables, with its units."""

    id: str
    """Region path and slug, as documents name their department."""
    name: str
    kind: dict[str, Any]
    """The department type from ``vocab.DEPARTMENTS`` (slug, duties, projects …)."""
    units: list[Unit]
    codes: str
    """How its tables print functional codes: ``one`` column or ``three`` (类 款 项)."""
    separators: bool
    """Whether its narrative prints thousands separators (37,151.47万元)."""
    gov_fund: bool
    state_capital: bool
    place_word: str = "区"
    buys_car: bool = False
    """Its office buys an official car every year (公务用车购置, 31013), besides what chance gives."""

    @property
    def whole(self) -> bool:
        """A single-unit department: its unit document is the department's, figure for figure."""
        return len(self.units) == 1


def agency(
    rng: random.Random,
    dept_id: str,
    name: str,
    kind: dict[str, Any],
    subordinates: list[str],
    place_word: str = "区",
    *,
    codes: str | None = None,
    gov_fund: bool | None = None,
    state_capital: bool | None = None,
    buys_car: bool = False,
) -> Agency:
    """A department with its own office (本级) and one unit per subordinate; no subordinates: a single unit.

    ``codes``, ``gov_fund`` and ``state_capital`` are drawn at random unless given (a fund is only
    possible for a department type that has an item for it).
    """
    slug = kind["slug"]
    nature = "事业" if kind["nature"] == "事业" else "行政"
    if not subordinates:
        units = [Unit(name, "benji", nature, 1.0)]
    else:
        own = rng.uniform(0.6, 0.8)
        units = [Unit(f"{name}（本级）", "benji", nature, own)]
        rest = [rng.uniform(0.5, 1.5) for _ in subordinates]
        for sub, weight in zip(subordinates, rest):
            suffix = next((s for s in OV.UNIT_SUFFIX_SLUGS if sub.endswith(s)), "")
            unit_slug = OV.UNIT_SUFFIX_SLUGS.get(suffix, f"danwei-{len(units)}")
            units.append(Unit(sub, unit_slug, "事业", (1 - own) * weight / sum(rest)))
    drawn = (rng.choice(["three", "three", "one"]), rng.random() < 0.5, rng.random() < 0.5, rng.random() < 0.4)
    return Agency(
        id=dept_id,
        name=name,
        kind=kind,
        units=units,
        codes=codes or drawn[0],
        separators=drawn[1],
        gov_fund=slug in OV.GOV_FUND_ITEMS and (drawn[2] if gov_fund is None else gov_fund),
        state_capital=slug in OV.STATE_CAPITAL_ITEMS and (drawn[3] if state_capital is None else state_capital),
        place_word=place_word,
        buys_car=buys_car,
    )


# --------------------------------------------------------------------------- ledgers


@dataclass(slots=True)
class Spend:
    """Spending on one item from one source: 基本支出 (人员经费, 公用经费) and 项目支出, in 元."""

    personnel: Decimal = ZERO
    public: Decimal = ZERO
    project: Decimal = ZERO

    @property
    def basic(self) -> Decimal:
        return self.personnel + self.public

    @property
    def total(self) -> Decimal:
        return self.personnel + self.public + self.project

    def plus(self, other: Spend) -> Spend:
        return Spend(self.personnel + other.personnel, self.public + other.public, self.project + other.project)


Key = tuple[str, str]
"""(7-digit functional code, source)."""


@dataclass(slots=True)
class Ledger:
    """One unit's (or, summed, one department's) money for one year and phase, in 元."""

    spend: dict[Key, Spend] = field(default_factory=dict)
    economic: dict[str, Decimal] = field(default_factory=dict)
    """General-budget basic spending by 5-digit economic item."""
    start: dict[Key, Decimal] = field(default_factory=dict)
    """年初结转和结余, booked on an item: per item for the funds, on one item for the general budget and the rest."""
    end: dict[Key, Decimal] = field(default_factory=dict)
    three_public: dict[str, Decimal] = field(default_factory=dict)
    procurement: dict[str, Decimal] = field(default_factory=dict)
    operating_costs: Decimal = ZERO
    """机关运行经费: the general-budget 公用经费 of 行政 units."""
    performance_projects: int = 0

    def income(self) -> dict[Key, Decimal]:
        """Income by item and source: what was spent, plus what was carried to the next year, less what came from the last."""
        out: dict[Key, Decimal] = {k: s.total for k, s in self.spend.items()}
        for k, v in self.end.items():
            out[k] = out.get(k, ZERO) + v
        for k, v in self.start.items():
            out[k] = out.get(k, ZERO) - v
        return {k: v for k, v in out.items() if v}

    def plus(self, other: Ledger) -> Ledger:
        def add(a: dict[Any, Decimal], b: dict[Any, Decimal]) -> dict[Any, Decimal]:
            out = dict(a)
            for k, v in b.items():
                out[k] = out.get(k, ZERO) + v
            return out

        spend = dict(self.spend)
        for k, s in other.spend.items():
            spend[k] = spend[k].plus(s) if k in spend else s
        return Ledger(
            spend=spend,
            economic=add(self.economic, other.economic),
            start=add(self.start, other.start),
            end=add(self.end, other.end),
            three_public=add(self.three_public, other.three_public),
            procurement=add(self.procurement, other.procurement),
            operating_costs=self.operating_costs + other.operating_costs,
            performance_projects=self.performance_projects + other.performance_projects,
        )


def total(ledgers: Iterable[Ledger]) -> Ledger:
    out = Ledger()
    for ledger in ledgers:
        out = out.plus(ledger)
    return out


@dataclass(slots=True)
class YearLedgers:
    """One year of a department: each unit's 预算 and 决算."""

    budget: list[Ledger]
    final: list[Ledger]

    def of(self, kind: str, unit: int | None) -> Ledger:
        """The ledger a document prints: one unit's, or the department's (all units summed)."""
        ledgers = self.budget if kind == "budget" else self.final
        return ledgers[unit] if unit is not None else total(ledgers)


# --------------------------------------------------------------------------- amounts


def whole(value: float, step: int = 1) -> Decimal:
    """A budget figure: whole 元, a multiple of ``step``."""
    return Decimal(max(step, int(round(value / step)) * step))


def executed(rng: random.Random, value: Decimal, low: float = 0.85, high: float = 1.02) -> Decimal:
    """A 决算 figure from a budget one, to the fen, within 15 元 of a whole hundred (see the module's note on rounding)."""
    if not value:
        return ZERO
    hundreds = max(1, int(round(float(value) * rng.uniform(low, high) / 100)))
    return (Decimal(hundreds * 100 + rng.randint(-15, 15)) + Decimal(rng.randint(0, 99)) / 100).quantize(FEN)


def economic_items(rng: random.Random, personnel: float, public: float, retirees: bool, always: tuple[str, ...] = ()) -> dict[str, Decimal]:
    """Basic spending by economic item, in whole 元 (公用经费 in whole hundreds, as budgets print them); ``always`` are always spent on."""
    money = {
        "301": personnel * (0.9 if retirees else 1.0),
        "303": personnel * 0.1 if retirees else 0.0,
        "302": public * (0.93 if rng.random() < 0.6 or any(c.startswith("310") for c in always) else 1.0),
    }
    money["310"] = public - money["302"]
    out: dict[str, Decimal] = {}
    for group, budget in money.items():
        if budget <= 0:
            continue
        chosen = [(code, weight) for code, weight, p in OV.ECONOMIC_WEIGHTS[group] if p >= 1.0 or rng.random() < p or code in always]
        if not chosen:
            chosen = [max(OV.ECONOMIC_WEIGHTS[group], key=lambda w: w[1])[:2]]
        weights = sum(w for _, w in chosen)
        step = 100 if group in OV.PUBLIC_GROUPS else 1
        for code, weight in chosen:
            out[code] = whole(budget * weight / weights * rng.uniform(0.8, 1.2), step)
    return out


def basic_lines(economic: dict[str, Decimal], unit: Unit, main: str) -> dict[str, Spend]:
    """General-budget basic spending by functional item, from the economic items: each insurance its own item, the rest 运行."""
    get = economic.get
    subsidy = (get("30102", ZERO) * Decimal("0.12")).quantize(FEN if get("30102", ZERO) % 1 else Decimal(1))
    lines = {
        OV.PENSION_INSURANCE: get("30108", ZERO),
        OV.PENSION_ANNUITY: get("30109", ZERO),
        OV.MEDICAL[unit.nature]: get("30110", ZERO) + get("30111", ZERO),
        OV.HOUSING_FUND: get("30113", ZERO),
        OV.HOUSING_SUBSIDY: subsidy,
        OV.PENSION_RETIRED[unit.nature]: sum((v for k, v in economic.items() if k.startswith("303")), ZERO),
    }
    personnel = sum((v for k, v in economic.items() if k.startswith(("301", "303"))), ZERO)
    public = sum((v for k, v in economic.items() if k.startswith(("302", "310"))), ZERO)
    out = {code: Spend(personnel=v) for code, v in lines.items() if v}
    out[main] = Spend(personnel=personnel - sum(lines.values(), ZERO), public=public)
    return out


def _main_item(agency_: Agency, unit: Unit) -> str:
    run, _admin, institution, _projects = OV.DEPARTMENT_ITEMS[agency_.kind["slug"]]
    return institution if unit.nature == "事业" and institution else run


def budget_ledger(rng: random.Random, a: Agency, index: int, scale: float) -> Ledger:
    """One unit's 预算 for one year, in whole 元; income equals spending (a budget balances)."""
    unit = a.units[index]
    run, admin, institution, projects = OV.DEPARTMENT_ITEMS[a.kind["slug"]]
    money = scale * unit.share
    basic = money * rng.uniform(0.45, 0.85)
    personnel = basic * rng.uniform(0.8, 0.92)
    economic = economic_items(rng, personnel, basic - personnel, retirees=rng.random() < 0.85, always=("31013",) if a.buys_car and index == 0 else ())
    main = _main_item(a, unit)
    ledger = Ledger(economic=economic)
    for code, s in basic_lines(economic, unit, main).items():
        ledger.spend[(code, "general")] = s
    # 项目支出: the office carries the department's projects, a subordinate unit one of them.
    items = [admin] + rng.sample(projects, min(len(projects), rng.randint(1, 3))) if index == 0 else [rng.choice(projects)]
    weights = [rng.uniform(0.3, 1.0) for _ in items]
    for code, weight in zip(items, weights):
        key = (code, "general")
        ledger.spend.setdefault(key, Spend()).project += whole((money - basic) * weight / sum(weights), 1000)
    if unit.nature == "事业" and rng.random() < 0.6:
        earned = basic * rng.uniform(0.1, 0.3)
        ledger.spend[(main, "business")] = Spend(personnel=whole(earned * 0.7, 100), public=whole(earned * 0.3, 100))
    if rng.random() < 0.25:
        ledger.spend[(admin, "other")] = Spend(project=whole(money * rng.uniform(0.003, 0.02), 100))
    if index == 0 and a.gov_fund:
        ledger.spend[(OV.GOV_FUND_ITEMS[a.kind["slug"]], "gov-fund")] = Spend(project=whole(money * rng.uniform(0.05, 0.3), 1000))
    if index == 0 and a.state_capital:
        ledger.spend[(OV.STATE_CAPITAL_ITEMS[a.kind["slug"]], "state-capital")] = Spend(project=whole(money * rng.uniform(0.02, 0.1), 1000))
    ledger.three_public = {part: economic.get(code, ZERO) for part, code in THREE_PUBLIC_ECONOMIC.items()}
    if unit.nature == "行政":
        ledger.operating_costs = sum((v for k, v in economic.items() if k.startswith(("302", "310"))), ZERO)
    project_total = sum((s.project for (_, src), s in ledger.spend.items() if src == "general"), ZERO)
    ledger.procurement = {
        "goods": whole(float(project_total) * rng.uniform(0.005, 0.03), 100),
        "works": whole(float(project_total) * rng.uniform(0.01, 0.05), 100) if rng.random() < 0.2 else ZERO,
        "services": whole(float(project_total) * rng.uniform(0.02, 0.1), 100),
    }
    ledger.performance_projects = len(items)
    return ledger


def final_ledger(rng: random.Random, a: Agency, index: int, budget: Ledger, last: Ledger | None) -> Ledger:
    """One unit's 决算, executed from its 预算; 年初结转和结余 is last year's 年末."""
    unit = a.units[index]
    main = _main_item(a, unit)
    economic = {code: executed(rng, v) for code, v in budget.economic.items()}
    ledger = Ledger(economic=economic)
    for code, s in basic_lines(economic, unit, main).items():
        ledger.spend[(code, "general")] = s
    for (code, source), s in budget.spend.items():
        key = (code, source)
        if source == "general":
            if s.project:
                ledger.spend.setdefault(key, Spend()).project = executed(rng, s.project, 0.7, 1.0)
            continue
        ledger.spend[key] = Spend(executed(rng, s.personnel, 0.8, 1.05), executed(rng, s.public, 0.8, 1.05), executed(rng, s.project, 0.6, 1.0))
    # Carry-overs: funds per item, the general budget and the other sources on their largest item.
    for source in SOURCES:
        lines = sorted(((s.total, code) for (code, src), s in ledger.spend.items() if src == source and s.total), reverse=True)
        if not lines:
            continue
        if source in ("gov-fund", "state-capital"):
            targets = [code for _, code in lines]
        elif rng.random() < (0.7 if source == "general" else 0.4):
            targets = [lines[0][1]]
        else:
            continue
        for code in targets:
            key = (code, source)
            spent = ledger.spend[key].total
            start = last.end.get(key, ZERO) if last is not None else executed(rng, spent * Decimal(rng.uniform(0, 0.05)))
            end = executed(rng, spent * Decimal(rng.uniform(0, 0.06))) if rng.random() < 0.8 else ZERO
            if spent + end - start < 0:
                end = start - spent + executed(rng, spent * Decimal("0.1"))
            if start:
                ledger.start[key] = start
            if end:
                ledger.end[key] = end
    actual = {part: economic.get(code, ZERO) for part, code in THREE_PUBLIC_ECONOMIC.items()}
    if actual["vehicle-operation"] and rng.random() < 0.2:
        actual["vehicle-operation"] += executed(rng, Decimal(rng.randint(2000, 20000)))  # partly paid from a project
    ledger.three_public = actual
    if unit.nature == "行政":
        ledger.operating_costs = sum((v for k, v in economic.items() if k.startswith(("302", "310"))), ZERO)
    ledger.procurement = {k: executed(rng, v, 0.8, 1.0) for k, v in budget.procurement.items()}
    ledger.performance_projects = budget.performance_projects
    return ledger


def series(rng: random.Random, a: Agency, scale: float, years: Iterable[int]) -> dict[int, YearLedgers]:
    """The department's ledgers year by year (give one year before the first document, for 比上年)."""
    out: dict[int, YearLedgers] = {}
    last: list[Ledger | None] = [None] * len(a.units)
    for i, year in enumerate(sorted(years)):
        size = scale * (1 + 0.05 * i) * rng.uniform(0.9, 1.1)
        budget = [budget_ledger(rng, a, u, size) for u in range(len(a.units))]
        final = [final_ledger(rng, a, u, budget[u], last[u]) for u in range(len(a.units))]
        out[year] = YearLedgers(budget, final)
        last = list(final)
    return out


# --------------------------------------------------------------------------- printing figures


def wan(value: Decimal) -> Decimal:
    """元 to 万元, rounded to the fen of a 万元 as the finance systems print them."""
    return (value / WAN).quantize(FEN, rounding=ROUND_HALF_UP)


def printed(value: Decimal, unit: str) -> Decimal:
    """A figure as a table in ``unit`` prints it."""
    return wan(value) if unit == "万元" else value.quantize(FEN)
