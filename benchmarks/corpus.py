"""Generate a complete, valid pubgen project of N synthetic documents.

    python benchmarks/corpus.py OUT_DIR --documents 1000 --seed 1 [--discrepancies K]

The project holds ``content/`` (site.yml, regions.yml, glossary.yml, one file per
department and per document) plus copies of ``templates/`` and ``mkdocs.yml``
from this repository, so ``pubgen check --project OUT_DIR`` and ``pubgen build``
both work on it.

Documents are budgets (部门预算), final accounts (部门决算) and performance
self-evaluations (绩效自评) of real kinds of departments (教育局, 公安局, 信访局 …)
in real regions, 2019–2025, with Chinese narrative built from domain phrases and
tables whose figures add up exactly (Decimal, 2–6 decimals). About a third of
the departments publish their 预算 and 决算 as the nine official tables of each
(``official.py``: in 元 and 万元, with classification codes, funds and carry-overs,
every identity of ``pubgen/tables`` holding), with a document for the department
and one for each of its budget units (a single-unit department's two documents
print the same figures). Every choice comes from one ``random.Random(seed)``:
the same arguments give byte-identical files.

With ``--discrepancies K`` the generator plants K known errors, drawn from a
second generator seeded from the first, so the rest of the corpus is unchanged.
It prints them (file, code, field) and writes them to ``OUT_DIR/discrepancies.json``;
``pubgen check`` must report exactly these errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vocab as V  # noqa: E402
from official import Agency, YearLedgers, agency  # noqa: E402
from official import series as official_series  # noqa: E402
from official_docs import document as official_document  # noqa: E402
from official_docs import file_name as official_file_name  # noqa: E402
from yamltext import Flow, FlowList, Lit, Num, emit_mapping, to_yaml  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
YEARS = list(range(2019, 2026))
KINDS = ["budget", "final-accounts", "self-evaluation"]
HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# --------------------------------------------------------------------------- figures


def fig(value: Decimal) -> Num:
    return Num(format(value, "f"))


def amount(rng: random.Random, approx: float, places: int) -> Decimal:
    """A positive figure near ``approx`` with exactly ``places`` decimals."""
    units = max(1, int(round(approx * rng.uniform(0.85, 1.15) * 10**places)))
    return Decimal(units).scaleb(-places)


def zero(places: int) -> Decimal:
    return Decimal(0).scaleb(-places)


def rate(num: Decimal, den: Decimal) -> Decimal | None:
    if den == 0:
        return None
    return (num / den * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def split_int(rng: random.Random, total: int, parts: int, minimum: int = 2) -> list[int]:
    """``parts`` integers ≥ minimum summing to ``total``."""
    cuts = sorted(rng.sample(range(1, total - parts * minimum + parts), parts - 1)) if parts > 1 else []
    sizes, last = [], 0
    for c in cuts + [total - parts * minimum + parts]:
        sizes.append(c - last - 1 + minimum)
        last = c
    assert sum(sizes) == total and min(sizes) >= minimum, (total, parts, sizes)
    return sizes


def grade_word(rng: random.Random, score: Decimal) -> str:
    if score >= 90:
        return rng.choice(["优", "优秀", "优秀"])
    if score >= 80:
        return rng.choice(["良", "良好", "良好"])
    if score >= 60:
        return rng.choice(["中", "中等", "合格"])
    return rng.choice(["差", "较差"])


# --------------------------------------------------------------------------- plan


@dataclass(slots=True)
class Place:
    path: str
    name: str
    level: str  # city, county, district
    prefix: str  # how a department's name starts: 石家庄市 / 平乡县 / 广州市花都区
    word: str  # 市 / 县 / 区
    province: str


@dataclass(slots=True)
class Dept:
    place: Place
    kind: dict[str, Any]
    subordinates: list[str] = field(default_factory=list)
    divisions: list[str] = field(default_factory=list)
    places: int = 2
    """Decimals of its budget figures (2–6)."""
    actual_places: int = 2
    """Decimals of its executed figures."""
    official: Agency | None = None
    """Set when the department publishes its 预算 and 决算 as the nine official tables, with a document per unit."""

    @property
    def id(self) -> str:
        return f"{self.place.path}/{self.kind['slug']}"

    @property
    def name(self) -> str:
        return self.place.prefix + self.kind["name"]

    @property
    def short(self) -> str:
        return self.place.word + self.kind["name"]


def places() -> list[Place]:
    out = []
    for pslug, pname, cities in V.REGIONS:
        for cslug, cname, counties in cities:
            out.append(Place(f"{pslug}/{cslug}", cname, "city", cname, "市", pname))
            for kslug, kname, level in counties:
                prefix = cname + kname if level == "district" else kname
                out.append(Place(f"{pslug}/{cslug}/{kslug}", kname, level, prefix, "区" if level == "district" else "县", pname))
    return out


def regions_yaml(used: set[str] | None = None) -> str:
    """The region tree: every region, or with ``used`` only the counties named there and the regions above them."""

    def kept(path: str) -> bool:
        return used is None or any(u == path or u.startswith(path + "/") for u in used)

    lines = ["# 地区树（基准测试合成语料）：代号（slug）用于网址", "regions:"]
    for pslug, pname, cities in V.REGIONS:
        if not kept(pslug):
            continue
        lines += [f"  - slug: {pslug}", f"    name: {pname}", "    level: province", "    children:"]
        for cslug, cname, counties in cities:
            if not kept(f"{pslug}/{cslug}"):
                continue
            lines += [f"      - slug: {cslug}", f"        name: {cname}", "        level: city", "        children:"]
            for kslug, kname, level in counties:
                if kept(f"{pslug}/{cslug}/{kslug}"):
                    lines += [f"          - slug: {kslug}", f"            name: {kname}", f"            level: {level}"]
    return "\n".join(lines) + "\n"


def glossary_regions(glossary: Path) -> set[str]:
    """The regions the glossary's entries are scoped to (they must stay in the tree)."""
    import yaml

    data = yaml.safe_load(glossary.read_text(encoding="utf-8")) or {}
    return {r for term in data.get("terms") or [] for r in term.get("regions") or []}


OFFICIAL_SHARE = 0.35
"""About this share of departments publish the nine official tables (and a document per budget unit)."""


@dataclass(slots=True)
class Spec:
    """One document to write: a department's, or (official tables only) one of its units'."""

    dept: Dept
    year: int
    kind: str
    unit: int | None = None


def plan(rng: random.Random, documents: int, official_only: bool = False) -> list[Spec]:
    """Which documents exist: distinct (department, year, kind, unit), grouped by department.

    With ``official_only``, every department publishes the nine official tables
    and only its 预算 and 决算 (department's and units'): no self-evaluations.
    """
    candidates = [(p, k) for p in places() for k in V.DEPARTMENTS]
    rng.shuffle(candidates)
    combos = [(y, k) for y in YEARS for k in (KINDS if not official_only else ["budget", "final-accounts"])]
    depts: list[Dept] = []
    remaining: list[list[tuple[int, str]]] = []
    out: list[Spec] = []

    def add(dept: Dept, year: int, k: str) -> None:
        """The document, and for an official 预算 or 决算 its units' documents, as far as ``documents`` allows."""
        out.append(Spec(dept, year, k))
        if dept.official is not None and k != "self-evaluation":
            for u in range(len(dept.official.units)):
                if len(out) < documents:
                    out.append(Spec(dept, year, k, u))

    for place, kind in candidates:
        if len(out) >= documents:
            break
        dept = Dept(place, kind)
        dept.divisions = rng.sample(V.DIVISIONS, rng.randint(3, 5))
        dept.subordinates = [dept.name + s for s in rng.sample(V.SUB_UNITS, rng.choice([0, 0, 1, 1, 2]))]
        dept.places = rng.choice([2, 2, 2, 2, 3, 4, 5, 6])
        dept.actual_places = rng.choice([dept.places, dept.places, 5, 6])
        if rng.random() < OFFICIAL_SHARE or official_only:
            dept.official = agency(rng, dept.id, dept.name, kind, dept.subordinates, dept.place.word)
        depts.append(dept)
        order = combos[:]
        rng.shuffle(order)
        n = rng.randint(5, 14)
        mine = sorted(order[:n])
        remaining.append(order[n:])
        for year, k in mine:
            if len(out) >= documents:
                break
            add(dept, year, k)
    # Very large corpora: give the departments more years and kinds.
    for dept, rest in zip(depts, remaining):
        for year, k in sorted(rest):
            if len(out) >= documents:
                break
            add(dept, year, k)
    if len(out) < documents:
        raise SystemExit(f"the region and department lists allow at most {len(out)} documents")
    return out


# --------------------------------------------------------------------------- one document


SPEND_TREE = {"total": ["basic", "project"], "basic": ["personnel", "public"], "personnel": ["wages", "household"],
              "public": ["goods-services", "capital"]}
INCOME_TREE = {"total": ["general-budget", "fund", "special-account", "operating", "other", "carryover"]}
THREE_PUBLIC_TREE = {"total": ["overseas", "vehicle", "reception"], "vehicle": ["vehicle-purchase", "vehicle-operation"]}
PROCUREMENT_TREE = {"total": ["goods", "works", "services"]}


def rollup(leaves: dict[str, Decimal], tree: dict[str, list[str]]) -> dict[str, Decimal]:
    """Leaves plus every parent as the exact sum of its children."""
    out = dict(leaves)

    def total(key: str) -> Decimal:
        if key not in out:
            out[key] = sum((total(c) for c in tree[key]), Decimal(0))
        return out[key]

    for key in tree:
        total(key)
    return out


def scaled(r: random.Random, figures: dict[str, Decimal], tree: dict[str, list[str]], places: int, lo: float, hi: float) -> dict[str, Decimal]:
    """Each leaf times a factor in [lo, hi], cut to ``places`` decimals; parents recomputed."""
    leaves = {}
    for key, value in figures.items():
        if key not in tree:
            units = int(value * Decimal(r.uniform(lo, hi)) * 10**places)
            leaves[key] = Decimal(units).scaleb(-places)
    return rollup(leaves, tree)


def spending(r: random.Random, scale: float, places: int) -> dict[str, Decimal]:
    """Expenditure by nature and by economic class; both breakdowns add up to 基本支出."""
    basic_share = r.uniform(0.55, 0.85)
    basic = scale * basic_share
    return rollup(
        {
            "wages": amount(r, basic * 0.7, places),
            "household": amount(r, basic * 0.07, places),
            "goods-services": amount(r, basic * 0.2, places),
            "capital": amount(r, basic * 0.02, places) if r.random() < 0.6 else zero(places),
            "project": amount(r, scale * (1 - basic_share), places),
        },
        SPEND_TREE,
    )


def income(r: random.Random, total: Decimal, places: int, institution: bool) -> dict[str, Decimal]:
    """Income by source adding up exactly to ``total``."""
    t = float(total)
    f = {
        "fund": amount(r, t * 0.05, places) if r.random() < 0.2 else zero(places),
        "special-account": zero(places),
        "operating": amount(r, t * 0.04, places) if institution else zero(places),
        "other": amount(r, t * 0.01, places) if r.random() < 0.3 else zero(places),
        "carryover": amount(r, t * 0.03, places) if r.random() < 0.3 else zero(places),
    }
    f["general-budget"] = total - sum(f.values(), Decimal(0))
    f["total"] = total
    return f


def three_public(r: random.Random, scale: float, places: int) -> dict[str, Decimal]:
    return rollup(
        {
            "overseas": amount(r, 3, places) if r.random() < 0.08 else zero(places),
            "vehicle-purchase": amount(r, 20, places) if r.random() < 0.1 else zero(places),
            "vehicle-operation": amount(r, scale * 0.006, places),
            "reception": amount(r, scale * 0.003, places),
        },
        THREE_PUBLIC_TREE,
    )


def procurement(r: random.Random, scale: float, places: int) -> dict[str, Decimal]:
    return rollup(
        {
            "goods": amount(r, scale * 0.05, places),
            "works": amount(r, scale * 0.04, places) if r.random() < 0.3 else zero(places),
            "services": amount(r, scale * 0.06, places),
        },
        PROCUREMENT_TREE,
    )


@dataclass(slots=True)
class YearFigures:
    """One department's figures for one year; every document of that year prints these."""

    scale: float
    plan: dict[str, Decimal]
    """Expenditure, initial budget (年初预算)."""
    adjusted: dict[str, Decimal]
    """Expenditure, adjusted budget (全年预算)."""
    actual: dict[str, Decimal]
    income_plan: dict[str, Decimal]
    income_adjusted: dict[str, Decimal]
    income_actual: dict[str, Decimal]
    three_public_plan: dict[str, Decimal]
    three_public_actual: dict[str, Decimal]
    procurement_plan: dict[str, Decimal]
    procurement_actual: dict[str, Decimal]


def series(r: random.Random, dept: Dept) -> dict[int, YearFigures]:
    """The department's figures for 2018–2025, so that documents of one year agree
    with each other and "上年数" agrees with last year's documents."""
    level_factor = {"city": 3.0, "district": 1.2, "county": 1.0}[dept.place.level]
    base = dept.kind["scale"] * level_factor * 160 * r.uniform(0.6, 1.5)
    p, pa = dept.places, dept.actual_places
    institution = dept.kind["nature"] == "事业"
    out = {}
    for year in range(YEARS[0] - 1, YEARS[-1] + 1):
        scale = base * (1 + 0.05 * (year - 2019)) * r.uniform(0.92, 1.08)
        plan_ = spending(r, scale, p)
        adjusted = scaled(r, plan_, SPEND_TREE, p, 1.0, 1.08)
        income_plan = income(r, plan_["total"], p, institution)
        income_adjusted = income(r, adjusted["total"], p, institution)
        tp = three_public(r, scale, p)
        out[year] = YearFigures(
            scale=scale,
            plan=plan_,
            adjusted=adjusted,
            actual=scaled(r, adjusted, SPEND_TREE, pa, 0.85, 1.0),
            income_plan=income_plan,
            income_adjusted=income_adjusted,
            income_actual=scaled(r, income_adjusted, INCOME_TREE, pa, 0.9, 1.0),
            three_public_plan=tp,
            three_public_actual=scaled(r, tp, THREE_PUBLIC_TREE, pa, 0.8, 1.0),
            procurement_plan=procurement(r, scale, p),
            procurement_actual=procurement(r, scale, pa),
        )
    return out


EXPENDITURE_LABELS = {
    "total": "合计", "basic": "基本支出", "personnel": "人员经费", "public": "日常公用经费", "wages": "工资福利支出",
    "goods-services": "商品和服务支出", "household": "对个人和家庭的补助", "capital": "资本性支出", "project": "项目支出",
}


class Writer:
    """Builds one document as plain data, in printed order."""

    def __init__(self, rng: random.Random, dept: Dept, year: int, kind: str, years: dict[int, YearFigures]) -> None:
        self.rng = rng
        self.dept = dept
        self.year = year
        self.kind = kind
        self.f = years[year]
        self.last = years[year - 1]
        self.body: list[dict[str, Any]] = []
        self.scale = self.f.scale
        self.acks: list[dict[str, str]] = []
        self.header: dict[str, Any] = {}
        self.gov = f"{dept.place.word}委{dept.place.word}政府"

    # ---- text

    def fill(self, text: str) -> str:
        return text.format(gov=self.gov, level=self.dept.place.word, year=self.year)

    def action(self) -> str:
        pool = self.dept.kind["actions"] if self.rng.random() < 0.55 else V.GENERIC_ACTIONS
        return self.rng.choice(pool)

    def sentence(self) -> str:
        r = self.rng
        form = r.randrange(6)
        a1, a2 = self.action(), self.action()
        while a2 == a1:
            a2 = self.action()
        if form == 0:
            return self.fill(f"{r.choice(V.LEADS)}，{a1}，{a2}，{r.choice(V.RESULTS)}。")
        if form == 1:
            return self.fill(f"{self.year}年，{self.dept.short}{a1}，{a2}，{r.choice(V.RESULTS)}。")
        if form == 2:
            return f"一是{a1}；二是{a2}；三是{self.action()}。"
        if form == 3:
            return self.fill(f"围绕绩效目标，{a1}，同时{a2}，做到预算安排与绩效目标相衔接，{r.choice(V.RESULTS)}。")
        if form == 4:
            return f"严格落实“三公”经费管理规定，{a1}，机关运行经费控制在预算范围内，{a2}。"
        return self.fill(f"{r.choice(V.LEADS)}，把{a1}作为重点，{r.choice(V.RESULTS)}。")

    def paragraph(self, sentences: tuple[int, int] = (2, 4)) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def heading(self, text: str, level: int = 2) -> None:
        self.body.append({"type": "heading", "level": level, "text": text})

    def text(self, *paragraphs: str) -> None:
        self.body.append({"type": "text", "text": Lit("\n\n".join(paragraphs) + "\n")})

    def table(self, data: dict[str, Any]) -> int:
        self.body.append({"type": "table", **data})
        return len(self.body) - 1

    # ---- shared sections

    def duties(self) -> None:
        r = self.rng
        items = r.sample(self.dept.kind["duties"], r.randint(3, 5))
        generic = [
            "负责本部门预算编制和执行，管理机关财务和国有资产。",
            f"完成{self.gov}交办的其他任务。",
            "负责本系统干部队伍建设和党风廉政建设工作。",
        ]
        items = [i + "。" for i in items] + r.sample(generic, 1)
        block: dict[str, Any] = {"type": "list"}
        if r.random() < 0.4:
            block["numbering"] = "（1）"
        block["items"] = items
        self.body.append(block)

    def units(self) -> None:
        d = self.dept
        rows = [Flow(label=d.name, values=FlowList([d.kind["nature"], V.RANKS[d.place.level], "财政拨款"]))]
        for sub in d.subordinates:
            rows.append(Flow(label=sub, values=FlowList(["事业", "股级", "财政拨款"])))
        self.table(
            {
                "role": "units",
                "title": "部门机构设置情况",
                "row_header": "单位名称",
                "columns": [
                    Flow(id="nature", label="单位性质"),
                    Flow(id="rank", label="单位规格"),
                    Flow(id="funding", label="经费保障形式"),
                ],
                "rows": rows,
            }
        )

    def staff(self) -> tuple[int, int, int, int]:
        r = self.rng
        d = self.dept
        units = [d.name] + d.subordinates
        rows_raw = []
        for i, name in enumerate(units):
            est = max(3, int(self.scale / 18 * r.uniform(0.5, 1.0))) if i == 0 else r.randint(3, 15)
            ins = max(2, est - r.randint(0, max(1, est // 6)))
            rc = r.choice([0, 0, 0, 1]) if i == 0 else 0
            ret = r.randint(0, max(1, ins // 3))
            rows_raw.append((name, est, ins + rc + ret, ins, rc, ret))
        columns = [
            Flow(id="establishment", label="编制数", unit="人"),
            Flow(id="total", label="实有人数", unit="人"),
            Flow(id="in-service", label="在职", unit="人"),
            Flow(id="retired-cadres", label="离休", unit="人"),
            Flow(id="retired", label="退休", unit="人"),
        ]
        rows = []
        totals = tuple(sum(x[i] for x in rows_raw) for i in range(1, 6))
        if len(rows_raw) > 1:
            rows.append(Flow(id="total", label="合计", values=FlowList(totals)))
            for name, *vals in rows_raw:
                rows.append(Flow(label=name, parent="total", values=FlowList(vals)))
        else:
            name, *vals = rows_raw[0]
            rows.append(Flow(label=name, values=FlowList(vals)))
        self.table({"role": "staff", "title": "部门人员情况", "row_header": "单位名称", "columns": columns, "rows": rows})
        return totals[1], totals[2], totals[3], totals[4]

    def assets(self, year: int) -> None:
        """A text giving the total, then the printed assets table."""
        r = self.rng
        d = self.dept
        area = r.randint(300, 6000)
        office = int(area * r.uniform(0.4, 0.9))
        b_val = amount(r, self.scale * 0.3, 2)
        o_val = (b_val * Decimal(r.randint(40, 90)) / 100).quantize(CENT)
        vehicles = r.randint(0, 12)
        v_val = amount(r, 18 * vehicles, 2) if vehicles else zero(2)
        equip = r.choice([0, 0, 0, 1, 2])
        e_val = amount(r, 35 * equip, 2) if equip else None
        other = amount(r, self.scale * 0.08, 2)
        total = b_val + v_val + (e_val or 0) + other
        if r.random() < 0.05:
            # Published as printed: a total larger than its listed parts, acknowledged.
            parts = total
            total += amount(r, self.scale * 0.02, 2)
            self.acks.append(
                {
                    "code": "total-unexplained",
                    "field": "assets.total.value",
                    "stated": fig(total),
                    "computed": fig(parts),
                    "reason": "原文资产总额大于所列各项之和，差额为未单列的无形资产，原文未说明，按原文照录。",
                }
            )
        self.text(f"{d.name}{year}年末固定资产金额为{fig(total)}万元（详见下表）。")
        rows = [
            Flow(id="total", label="资产总额", values=FlowList(["——", fig(total)])),
            Flow(id="buildings", label="1、房屋（平方米）", values=FlowList([area, fig(b_val)])),
            Flow(id="office-buildings", label="其中：办公用房（平方米）", values=FlowList([office, fig(o_val)])),
            Flow(id="vehicles", label="2、车辆（台、辆）", values=FlowList([vehicles, fig(v_val)])),
            Flow(id="equipment", label="3、单价在20万元以上设备", values=FlowList([equip if equip else "——", None if e_val is None else fig(e_val)])),
            Flow(id="other", label="4、其他固定资产", values=FlowList(["——", fig(other)])),
        ]
        self.table(
            {
                "role": "assets",
                "title": "部门固定资产占用情况表",
                "notes": [f"编制部门：{d.name}", f"截止时间：{year}年12月31日"],
                "columns": [Flow(id="count", label="数量"), Flow(id="value", label="价值（金额单位：万元）")],
                "rows": rows,
            }
        )

    def glossary(self) -> None:
        items = self.rng.sample(V.GLOSSARY, self.rng.randint(2, 4))
        self.body.append({"type": "glossary", "items": [Flow(term=t, definition=d) for t, d in items]})

    def person_name(self) -> str:
        r = self.rng
        return r.choice(V.SURNAMES) + "".join(r.choice(V.GIVEN) for _ in range(r.choice([1, 2, 2])))

    def date_in(self, year: int, months: tuple[int, int]) -> str:
        return f"{year}-{self.rng.randint(*months):02d}-{self.rng.randint(1, 28):02d}"

    # ---- the document

    def build(self) -> dict[str, Any]:
        d, r = self.dept, self.rng
        head: dict[str, Any] = {"department": d.id, "year": self.year, "kind": self.kind}
        if self.kind == "budget":
            head["title"] = f"{d.name}{self.year}年部门预算信息公开情况说明"
            approved = self.date_in(self.year, (1, 2))
            self.budget()
        elif self.kind == "final-accounts":
            head["title"] = f"{d.name}{self.year}年度部门决算公开说明"
            approved = self.date_in(self.year + 1, (7, 8))
            self.final_accounts()
        else:
            head["title"] = f"{self.year}年度{d.name}部门整体支出绩效自评报告"
            approved = None
            self.self_evaluation(head)
        if approved is not None:
            # Published within the 20 days the rules allow after approval (批复后 20 日内).
            head["approved"] = approved
            head["published"] = (dt.date.fromisoformat(approved) + dt.timedelta(days=r.randint(0, 20))).isoformat()
        else:
            head["published"] = self.date_in(self.year + 1, (4, 6))
        if r.random() < 0.3:
            head["budget_code"] = str(r.randint(100, 999))
        if r.random() < 0.5:
            head["contact"] = {"person": self.person_name(), "phone": f"0{r.randint(310, 939)}-{r.randint(2000000, 8999999)}"}
        head.update(self.header)
        if self.acks:
            head["acknowledgements"] = self.acks
        head["body"] = self.body
        return head

    # ---- tables

    def spending_keys(self) -> list[str]:
        variant = self.rng.randrange(3)
        by_nature = ["personnel", "public"] if variant in (0, 2) else []
        by_class = ["wages", "goods-services", "household", "capital"] if variant in (1, 2) else []
        return ["total", "basic", *by_nature, *by_class, "project"]

    def spending_text(self, keys: list[str], f: dict[str, Decimal], what: str) -> str:
        """Say every figure of the table in words, as real "据正文整理" tables do."""
        parts = [f"{what}{fig(f['total'])}万元。其中：1. 基本支出{fig(f['basic'])}万元"]
        inner = [f"{EXPENDITURE_LABELS[k]}{fig(f[k])}万元" for k in keys if k not in ("total", "basic", "project")]
        if inner:
            parts.append("，包括" + "、".join(inner))
        parts.append(f"；2. 项目支出{fig(f['project'])}万元。")
        return "".join(parts)

    def money_table(
        self,
        role: str,
        keys: list[str],
        labels: dict[str, str],
        columns: list[Flow],
        values: list[dict[str, Decimal]],
        *,
        title: str,
        derived: str | None = None,
        from_text: bool = False,
        table_id: str | None = None,
    ) -> None:
        """A table of money columns; ``derived`` adds 比上年增减 (``change``) or 完成率 (``rate``)."""
        rows = []
        for k in keys:
            shown = values[: len(columns) - (1 if derived else 0)]
            cells: list[Any] = [fig(v[k]) for v in shown]
            if derived == "change":
                cells.append(fig(values[0][k] - values[1][k]))
            elif derived == "rate":
                rt = rate(values[1][k], values[0][k])
                cells.append("——" if rt is None else fig(rt))
            rows.append(Flow(id=k, label=labels[k], values=FlowList(cells)))
        block: dict[str, Any] = {}
        if table_id:
            block["id"] = table_id
        block["role"] = role
        if from_text:
            block["from_text"] = True
        block.update({"title": title, "columns": columns, "rows": rows})
        self.table(block)

    THREE_PUBLIC_LABELS = {"total": "“三公”经费", "overseas": "因公出国（境）费", "vehicle": "公务用车购置及运维费",
                           "vehicle-purchase": "公务用车购置费", "vehicle-operation": "公务用车运行维护费", "reception": "公务接待费"}
    PROCUREMENT_LABELS = {"total": "政府采购", "goods": "货物类", "works": "工程类", "services": "服务类"}

    def procurement_section(self, f: dict[str, Decimal], verb: str, column: Flow) -> None:
        self.text(f"{self.year}年，我部门{verb}{fig(f['total'])}万元，其中：货物类{fig(f['goods'])}万元，工程类{fig(f['works'])}万元，服务类{fig(f['services'])}万元。")
        self.money_table("procurement", list(self.PROCUREMENT_LABELS), self.PROCUREMENT_LABELS, [column], [f],
                         title="政府采购情况", from_text=True)

    # ---- budgets

    def budget(self) -> None:
        r, d, y, f, last = self.rng, self.dept, self.year, self.f, self.last
        self.text(f"按照《中华人民共和国预算法》、《地方预决算公开操作规程》等相关规定，现将{d.name}{y}年部门预算公开如下：")
        self.heading("一、部门职责及机构设置情况")
        self.text("部门职责：")
        self.duties()
        self.text("机构设置：")
        self.units()
        self.heading("二、部门预算安排的总体情况")
        self.text(f"按照预算管理有关规定，目前我{d.place.word}部门预算的编制实行综合预算管理，即全部收入和支出都反映在预算中。{d.name}的收支包含在部门预算中。")
        inc = f.income_plan
        self.heading("1、收入说明", 4)
        operating = f"事业收入{fig(inc['operating'])}万元，" if inc["operating"] else ""
        self.text(
            f"反映本部门当年全部收入。{y}年预算收入{fig(inc['total'])}万元，其中：一般公共预算收入{fig(inc['general-budget'])}万元，"
            f"基金预算收入{fig(inc['fund'])}万元，财政专户核拨收入{fig(inc['special-account'])}万元，{operating}其他来源收入{fig(inc['other'])}万元，"
            f"上年结转{fig(inc['carryover'])}万元。"
        )
        labels = {"total": "预算收入", "general-budget": "一般公共预算收入", "fund": "基金预算收入", "special-account": "财政专户核拨收入",
                  "operating": "事业收入", "other": "其他来源收入", "carryover": "上年结转"}
        keys = [k for k in labels if k != "operating" or inc[k]]
        self.money_table("income", keys, labels, [Flow(id="budget", label="预算数")], [inc], title=f"{y}年预算收入", from_text=True)
        self.heading("2、支出说明", 4)
        self.text(
            f"收支预算总表支出栏、基本支出表、项目支出表按经济分类和支出功能分类科目编制，反映{d.name}年度部门预算中支出预算的总体情况。"
            f"{y}年部门支出预算为{fig(f.plan['total'])}万元，其中基本支出{fig(f.plan['basic'])}万元，包括人员经费{fig(f.plan['personnel'])}万元和日常公用经费"
            f"{fig(f.plan['public'])}万元；项目支出{fig(f.plan['project'])}万元，主要用于{'、'.join(r.sample(d.kind['projects'], 2))}等。"
        )
        self.money_table(
            "expenditure", self.spending_keys(), EXPENDITURE_LABELS,
            [Flow(id="budget", label="预算数"), Flow(id="last-year", label="上年预算数"), Flow(id="change", label="比上年增减")],
            [f.plan, last.plan], title="部门支出预算总表", derived="change",
        )
        change = f.plan["total"] - last.plan["total"]
        self.heading("3、比上年增减情况", 4)
        self.text(
            f"{y}年部门预算收支安排{fig(f.plan['total'])}万元，较{y - 1}年{'增加' if change >= 0 else '减少'}{fig(abs(change))}万元，"
            f"主要原因是{r.choice(['人员变动相应调整人员经费', '落实过紧日子要求压减一般性支出', '新增' + r.choice(d.kind['projects']), '项目支出根据工作任务调整'])}。"
        )
        self.heading("三、机关运行经费安排情况")
        self.text(f"{y}年，我部门机关运行经费共计安排{fig(f.plan['public'])}万元，主要用于保证机关正常运转的办公费、邮电费、公务用车运行维护费、差旅费等支出。")
        self.money_table("operating-costs", ["total"], {"total": "机关运行经费"}, [Flow(id="budget", label="预算数")],
                         [{"total": f.plan["public"]}], title="机关运行经费安排情况", from_text=True)
        self.heading("四、财政拨款“三公”经费预算情况及增减变化原因")
        tp = f.three_public_plan
        self.text(
            f"{y}年，我部门财政拨款“三公”经费预算安排{fig(tp['total'])}万元，其中：因公出国（境）费{fig(tp['overseas'])}万元；"
            f"公务用车购置及运维费{fig(tp['vehicle'])}万元（其中：公务用车购置费{fig(tp['vehicle-purchase'])}万元，公务用车运行维护费"
            f"{fig(tp['vehicle-operation'])}万元）；公务接待费{fig(tp['reception'])}万元。" + self.sentence()
        )
        self.money_table(
            "three-public", list(self.THREE_PUBLIC_LABELS), self.THREE_PUBLIC_LABELS,
            [Flow(id="budget", label="预算数"), Flow(id="last-year", label="上年预算数"), Flow(id="change", label="增减")],
            [tp, last.three_public_plan], title="财政拨款“三公”经费预算表", derived="change",
        )
        self.heading("五、预算绩效信息")
        self.heading("（一）总体绩效目标", 4)
        self.text(self.paragraph((2, 3)))
        self.goals()
        self.heading("（二）预算项目绩效目标", 4)
        projects = r.sample(d.kind["projects"], r.choice([1, 1, 2]))
        for i, (name, money) in enumerate(zip(projects, self.split_money(f.plan["project"], len(projects)))):
            self.indicators(f"{i + 1}.{name}绩效目标表", project=name, funds=money, scored=False)
        self.heading("六、政府采购预算情况")
        self.procurement_section(f.procurement_plan, "安排政府采购预算", Flow(id="budget", label="预算数"))
        self.heading("七、国有资产信息")
        self.assets(y - 1)
        self.heading("八、名词解释")
        self.glossary()
        self.heading("九、其他需要说明的事项")
        self.text("我部门无其他需要说明的事项。")

    def split_money(self, total: Decimal, parts: int) -> list[Decimal]:
        if parts == 1:
            return [total]
        first = (total * Decimal(self.rng.uniform(0.3, 0.7))).quantize(CENT)
        return [first, total - first]

    def goals(self) -> None:
        r = self.rng
        items = []
        for action in r.sample(self.dept.kind["actions"], 2):
            name, unit, lo, hi = r.choice(self.dept.kind["outputs"])
            items.append(
                Flow(
                    title=action,
                    goal=self.sentence(),
                    indicators=f"{name}不少于{r.randint(lo, hi)}{unit}，{r.choice(['服务对象满意度', '社会公众满意度'])}达到{r.choice([80, 85, 90])}%以上。",
                )
            )
        self.body.append({"type": "goals", "items": items})

    # ---- indicators

    def indicator_rows(self, scored: bool) -> list[dict[str, Any]]:
        """Indicator rows grouped by level-1 and level-2 headings; weights add up to 100."""
        r = self.rng
        d = self.dept
        groups = [
            ("产出指标", ["数量指标", "数量指标", "质量指标", "时效指标", "成本指标"]),
            ("效益指标", ["社会效益指标", "可持续影响指标"]),
            ("满意度指标", ["服务对象满意度指标"]),
            ("预算执行", ["预算执行率"]),
        ]
        weights = r.choice([(50, 30, 10, 10), (40, 30, 20, 10), (45, 30, 15, 10), (50, 25, 15, 10), (60, 20, 10, 10)])
        rows: list[dict[str, Any]] = []
        outputs = r.sample(d.kind["outputs"], len(d.kind["outputs"]))
        for (level1, level2s), weight in zip(groups, weights):
            if scored:
                n = {"产出指标": r.randint(2, 4), "效益指标": r.randint(1, 2), "满意度指标": 1, "预算执行": 1}[level1]
            else:
                n = {"产出指标": r.randint(2, 3), "效益指标": 1, "满意度指标": 1, "预算执行": 0}[level1]
                if not n:
                    continue
            n = min(n, weight // 2)
            split = split_int(r, weight, n) if n > 1 else [weight]
            for i, w in enumerate(split):
                level2 = level2s[i] if i < len(level2s) else r.choice(level2s)
                row = self.indicator(level2, outputs, scored)
                row = {"level1": level1, "level2": level2, **row}
                if scored:
                    met = row.pop("_met")
                    wd = Decimal(w)
                    if met:
                        score = wd if r.random() < 0.85 else wd - Decimal("0.5")
                    else:
                        score = (wd * Decimal(r.uniform(0.4, 0.9))).quantize(Decimal("0.1"))
                    row["weight"] = w
                    row["score"] = fig(score)
                else:
                    row.pop("_met")
                    for k in ("actual", "completion", "reason_category", "reason"):
                        row.pop(k, None)
                rows.append(row)
        return rows

    def indicator(self, level2: str, outputs: list[tuple[str, str, int, int]], scored: bool) -> dict[str, Any]:
        r = self.rng
        met = r.random() < 0.88
        row: dict[str, Any] = {}
        if level2 == "数量指标" and outputs:
            name, unit, lo, hi = outputs.pop()
            target = r.randint(lo, hi)
            actual = int(target * r.uniform(1.0, 1.25)) if met else int(target * r.uniform(0.6, 0.97))
            if not met and actual >= target:
                actual = target - 1
            row.update(name=name, target=f"≥{target}{unit}", actual=f"{actual}{unit}")
        elif level2 in ("质量指标", "社会效益指标", "服务对象满意度指标", "数量指标"):
            pool = {
                "质量指标": ["工作任务完成合格率", "资金使用合规率", "项目验收合格率", "信息公开准确率"],
                "社会效益指标": ["政策知晓率", "群众诉求办结率", "工作目标实现率"],
                "服务对象满意度指标": ["服务对象满意度", "社会公众满意度", "群众满意度"],
                "数量指标": ["重点工作任务完成率", "年度计划完成率"],
            }[level2]
            name = r.choice(pool)
            target = r.choice([80, 85, 90, 95, 98])
            if met:
                actual = Decimal(r.randint(target * 10, 1000)).scaleb(-1)
            else:
                actual = Decimal(r.randint((target - 15) * 10, target * 10 - 1)).scaleb(-1)
            row.update(name=name, target=f"≥{target}%", actual=f"{format(actual, 'f')}%")
        elif level2 == "时效指标":
            if r.random() < 0.5:
                row.update(name="资金拨付及时率", target="100%", actual="100%")
                met = True
            else:
                row.update(name=r.choice(["任务完成及时性", "资金支付及时性"]), target="及时", actual="及时" if met else "部分滞后")
        elif level2 == "成本指标":
            actual = Decimal(r.randint(850, 1000)).scaleb(-1) if met else Decimal(r.randint(1001, 1080)).scaleb(-1)
            row.update(name=r.choice(["“三公”经费控制率", "预算成本控制率"]), target="≤100%", actual=f"{format(actual, 'f')}%")
        elif level2 == "预算执行率":
            actual = Decimal(r.randint(900, 1000)).scaleb(-1) if met else Decimal(r.randint(700, 899)).scaleb(-1)
            row.update(name="部门预算执行率", target="≥90%", actual=f"{format(actual, 'f')}%")
        else:  # 可持续影响指标
            row.update(name=r.choice(["长效管理机制健全性", "制度执行有效性"]), target="健全", actual="健全" if met else "基本健全")
        row["basis"] = r.choice(["批复", "年度工作计划", "上级考核办法", "调查问卷", "行业标准"])
        row["completion"] = "完成" if met else r.choice(["部分完成", "未完成"])
        if not met:
            row["reason_category"] = r.choice(["经费保障", "制度保障", "人员保障", "其他"])
            row["reason"] = r.choice(["受客观因素影响，部分工作推进滞后。", "资金到位较晚，影响工作进度。", "任务量大、人员不足。"])
        row["_met"] = met
        return row

    def indicators(self, title: str, *, project: str | None = None, funds: Decimal | None = None, scored: bool,
                   block_id: str | None = None) -> tuple[Decimal, list[dict[str, Any]]]:
        rows = self.indicator_rows(scored)
        block: dict[str, Any] = {"type": "indicators"}
        if block_id:
            block["id"] = block_id
        block["title"] = title
        if project:
            block["project"] = project
        if funds is not None:
            block["funds"] = fig(funds)
        block["goal"] = Lit(self.paragraph((1, 2)) + "\n")
        block["rows"] = rows
        total = sum((Decimal(str(x["score"])) for x in rows if "score" in x), Decimal(0))
        if scored:
            block["total"] = fig(total)
        self.body.append(block)
        return total, rows

    # ---- final accounts

    def final_accounts(self) -> None:
        r, d, y, f, last = self.rng, self.dept, self.year, self.f, self.last
        self.text(f"按照《中华人民共和国预算法》和财政部门关于部门决算公开的要求，现将{d.name}{y}年度部门决算公开如下：")
        self.heading("一、部门基本情况")
        self.heading("（一）部门职责", 3)
        self.duties()
        self.heading("（二）机构设置和人员情况", 3)
        self.units()
        total, ins, rc, ret = self.staff()
        self.text(f"{d.name}{y}年末实有人数{total}人，其中在职{ins}人，离休{rc}人，退休{ret}人。")
        self.heading("二、收入支出决算总体情况")
        inc, inc_act = f.income_adjusted, f.income_actual
        self.text(
            f"{y}年度收入全年预算数{fig(inc['total'])}万元，决算数{fig(inc_act['total'])}万元；支出全年预算数{fig(f.adjusted['total'])}万元，"
            f"决算数{fig(f.actual['total'])}万元，其中基本支出{fig(f.actual['basic'])}万元，项目支出{fig(f.actual['project'])}万元。" + self.sentence()
        )
        labels = {"total": "收入合计", "general-budget": "一般公共预算财政拨款收入", "fund": "政府性基金预算财政拨款收入",
                  "operating": "事业收入", "other": "其他收入", "carryover": "上年结转"}
        rate_cols = [Flow(id="adjusted-budget", label="全年预算数"), Flow(id="actual", label="决算数"), Flow(id="execution-rate", label="完成率（%）")]
        keys = [k for k in labels if k != "operating" or inc[k]]
        self.money_table("income", keys, labels, rate_cols, [inc, inc_act], title="收入决算表", derived="rate")
        self.money_table("expenditure", self.spending_keys(), EXPENDITURE_LABELS, rate_cols, [f.adjusted, f.actual],
                         title="支出决算表", derived="rate")
        change = f.actual["total"] - last.actual["total"]
        self.text(f"{y}年度支出决算较上年{'增加' if change >= 0 else '减少'}{fig(abs(change))}万元，" + self.sentence())
        # No "上年决算数" column: pubgen files it under the same phase (last-year) as a budget's
        # "上年预算数" and would compare the two across documents. The change alone is checked
        # against last year's final accounts.
        self.money_table(
            "expenditure", ["total", "basic", "project"], EXPENDITURE_LABELS,
            [Flow(id="actual", label="本年决算数"), Flow(id="change", label="比上年增减")],
            [f.actual, last.actual], title="支出决算比上年增减情况", derived="change", table_id="expenditure-change",
        )
        self.heading("三、财政拨款“三公”经费支出决算情况")
        tp, ta = f.three_public_plan, f.three_public_actual
        self.text(f"{y}年度财政拨款“三公”经费支出预算为{fig(tp['total'])}万元，支出决算为{fig(ta['total'])}万元。" + self.sentence())
        self.money_table(
            "three-public", list(self.THREE_PUBLIC_LABELS), self.THREE_PUBLIC_LABELS,
            [Flow(id="budget", label="预算数"), Flow(id="actual", label="决算数"), Flow(id="execution-rate", label="完成率（%）")],
            [tp, ta], title="财政拨款“三公”经费支出决算表", derived="rate",
        )
        self.heading("四、机关运行经费支出情况")
        self.text(f"{y}年度机关运行经费支出{fig(f.actual['public'])}万元，" + self.sentence())
        self.money_table("operating-costs", ["total"], {"total": "机关运行经费"}, [Flow(id="actual", label="决算数")],
                         [{"total": f.actual["public"]}], title="机关运行经费支出", from_text=True)
        self.heading("五、政府采购支出情况")
        self.procurement_section(f.procurement_actual, "政府采购支出总额", Flow(id="actual", label="决算数"))
        self.heading("六、国有资产占用情况")
        self.assets(y)
        self.heading("七、预算绩效管理情况")
        self.text(self.paragraph((2, 3)))
        self.heading("八、名词解释")
        self.glossary()

    # ---- self-evaluations

    def self_evaluation(self, head: dict[str, Any]) -> None:
        r, d, y, f = self.rng, self.dept, self.year, self.f
        self.text(
            f"根据全面实施预算绩效管理的有关要求和{d.place.word}财政局关于开展{y}年度部门整体支出绩效自评工作的通知，"
            f"{d.name}对{y}年度部门整体支出情况开展了绩效自评，形成本报告。"
        )
        self.heading("一、部门基本情况")
        self.heading("（一）部门职责", 3)
        self.duties()
        self.heading("（二）机构设置及人员情况", 3)
        subs = f"，下属{'、'.join(d.subordinates)}" if d.subordinates else ""
        self.text(f"{d.name}内设{'、'.join(d.divisions)}{len(d.divisions)}个股室{subs}。")
        self.units()
        self.staff()
        self.assets(y)
        self.heading("（三）部门收支情况", 3)
        self.text(
            f"{y}年，{d.short}年初预算收入{fig(f.income_plan['total'])}万元，年初预算支出{fig(f.plan['total'])}万元，"
            f"决算收入{fig(f.income_actual['total'])}万元，决算支出{fig(f.actual['total'])}万元。"
        )
        self.money_table(
            "budget-summary", ["income", "expenditure"], {"income": "收入", "expenditure": "支出"},
            [Flow(id="initial-budget", label="年初预算数"), Flow(id="actual", label="决算数")],
            [{"income": f.income_plan["total"], "expenditure": f.plan["total"]},
             {"income": f.income_actual["total"], "expenditure": f.actual["total"]}],
            title="部门收支预决算情况", from_text=True,
        )
        keys = self.spending_keys()
        self.text(self.spending_text(keys, f.actual, "本年度支出"))
        self.money_table("expenditure", keys, EXPENDITURE_LABELS, [Flow(id="actual", label="本年支出")], [f.actual],
                         title="本年度支出", from_text=True)
        self.heading("（四）部门整体支出绩效目标", 3)
        self.text(self.paragraph((2, 3)))
        self.goals()
        self.heading("二、自评工作开展情况")
        self.text(
            "一是加强组织领导。成立了以主要负责同志为组长的绩效自评领导小组，负责组织、协调自评工作。二是做好资料收集。"
            "通过查阅资料、实地察看、座谈等方式收集评价资料，确保评价的科学性、全面性。",
        )
        self.heading("三、绩效目标实现情况及指标分析")
        total, rows = self.indicators(f"{d.name}{y}年度部门整体支出绩效指标表", scored=True, block_id="overall-indicators")
        self.text(self.paragraph((1, 2)))
        self.heading("四、评价结论和评价等级")
        grade = grade_word(r, total)
        self.text(f"根据部门职责定位和各项工作履职情况进行综合评价，{y}年度{d.short}整体支出绩效评价得分{fig(total)}分，综合绩效评价等级为{grade}。")
        self.scores(rows, total, grade)
        head["evaluation"] = {"method": "单位自评", "body": f"{d.name}绩效自评领导小组"}
        self.header["score"] = fig(total)
        self.header["grade"] = grade
        self.heading("五、存在的问题及改进措施")
        self.heading("（一）存在的主要问题", 3)
        probs = r.sample(V.PROBLEMS, 2)
        self.text(f"一是{probs[0]}；二是{probs[1]}。")
        self.heading("（二）改进措施", 3)
        imps = r.sample(V.IMPROVEMENTS, 3)
        self.text(f"一是{imps[0]}；二是{imps[1]}；三是{imps[2]}。")
        people = []
        for i in range(r.randint(3, 5)):
            people.append(Flow(name=self.person_name(), title=["局长", "副局长", "财务负责人", "会计", "业务股长"][i],
                               role="组长" if i == 0 else ("副组长" if i == 1 else "成员")))
        self.body.append({"type": "people", "title": "评价人员", "people": people})
        self.body.append({"type": "signature", "by": d.name, "date": self.date_in(y + 1, (3, 5))})

    def scores(self, rows: list[dict[str, Any]], total: Decimal, grade: str) -> None:
        groups: dict[str, dict[str, list[Decimal]]] = {}
        for row in rows:
            g = groups.setdefault(row["level1"], {})
            g.setdefault(row["level2"], [Decimal(0), Decimal(0)])
            g[row["level2"]][0] += Decimal(row["weight"])
            g[row["level2"]][1] += Decimal(str(row["score"]))
        items = []
        for level1, subs in groups.items():
            w = sum((v[0] for v in subs.values()), Decimal(0))
            s = sum((v[1] for v in subs.values()), Decimal(0))
            items.append(Flow(name=level1, weight=fig(w), score=fig(s)))
            for level2, (w2, s2) in subs.items():
                items.append(Flow(name=level2, parent=level1, weight=fig(w2), score=fig(s2)))
        self.body.append({"type": "scores", "title": "评分情况", "items": items, "total": fig(total), "grade": grade})


# --------------------------------------------------------------------------- planted errors


@dataclass(slots=True)
class Planted:
    file: str
    code: str
    field: str
    what: str


def _find(body: list[dict[str, Any]], pred: Callable[[dict[str, Any]], bool]) -> int | None:
    for i, b in enumerate(body):
        if pred(b):
            return i
    return None


def misspelt(dept_id: str) -> str:
    """A department id with a letter dropped, as typed in haste."""
    return dept_id[:-2] + dept_id[-1]


def plant_official(rng: random.Random, dept: Dept, spec: Spec, name: str) -> tuple[Decimal, Planted]:
    """Choose an error for an official document: a wrong department, or a “三公” budget total that its parts do not add up to.

    The total is misprinted in the table and, like it, in the text that restates it, so only the table's
    own sum finds it. A single-unit department's two documents are compared figure by figure, so there
    only the department is misspelt.
    """
    assert dept.official is not None
    if dept.official.whole or rng.random() < 0.4:
        return Decimal(0), Planted(name, "unknown-department", "department", f"部门代号写错：{dept.id} → {misspelt(dept.id)}")
    misprint = Decimal(rng.choice([10000, 50000, 100000, 2000]))
    if spec.kind == "budget":
        return misprint, Planted(name, "column-sum-mismatch", "budget-three-public.total.total", f"“三公”经费预算合计多印 {misprint} 元（正文同）")
    return misprint, Planted(name, "column-sum-mismatch", "final-three-public.total.total-budget", f"“三公”经费预算数合计多印 {misprint} 元（正文同）")


def plant(rng: random.Random, doc: dict[str, Any], name: str) -> Planted | None:
    """Introduce one error that ``pubgen check`` reports as exactly one problem."""
    body = doc["body"]
    options: list[str] = ["unknown-department"]
    if _find(body, lambda b: b.get("role") == "procurement") is not None:
        options += ["sum-mismatch", "fullwidth-digits"]
    if doc["kind"] == "final-accounts":
        options.append("ratio-mismatch")
    if doc["kind"] == "self-evaluation":
        options += ["grade-mismatch", "weights-sum", "score-total-mismatch"]
    code = rng.choice(options)
    if code == "unknown-department":
        dept = doc["department"]
        doc["department"] = misspelt(dept)
        return Planted(name, code, "department", f"部门代号写错：{dept} → {doc['department']}")
    if code == "sum-mismatch":
        bi = _find(body, lambda b: b.get("role") == "procurement")
        assert bi is not None
        table = body[bi]
        row = table["rows"][0]
        old = Decimal(row["values"][0])
        new = old + Decimal(rng.choice(["1", "10", "0.5", "100"]))
        row["values"][0] = fig(new)
        # The text above says the same wrong total: the table still agrees with it.
        text = body[bi - 1]
        text["text"] = Lit(text["text"].replace(f"{fig(old)}万元", f"{fig(new)}万元", 1))
        col = table["columns"][0]["id"]
        return Planted(name, code, f"procurement.total.{col}", f"政府采购合计 {old} 改为 {new}（正文同）")
    if code == "fullwidth-digits":
        bi = _find(body, lambda b: b.get("role") == "operating-costs")
        assert bi is not None
        row = body[bi]["rows"][0]
        old = str(row["values"][0])
        row["values"][0] = Num(old.translate(str.maketrans("0123456789.", "０１２３４５６７８９．")))
        col = body[bi]["columns"][0]["id"]
        return Planted(name, code, f"operating-costs.total.{col}", f"机关运行经费 {old} 写成全角 {row['values'][0]}")
    if code == "ratio-mismatch":
        bi = _find(body, lambda b: b.get("role") == "expenditure" and "id" not in b)
        assert bi is not None
        table = body[bi]
        candidates = [row for row in table["rows"] if row["values"][2] != "——"]
        row = rng.choice(candidates)
        old = Decimal(row["values"][2])
        new = old - Decimal(rng.choice(["3.5", "7", "12.25"]))
        row["values"][2] = fig(new)
        return Planted(name, code, f"expenditure.{row['id']}.execution-rate", f"“{row['label']}”完成率 {old} 改为 {new}")
    if code == "grade-mismatch":
        old = doc["grade"]
        score = Decimal(doc["score"])
        doc["grade"] = "良好" if score >= 90 else "优秀"
        return Planted(name, code, "grade", f"得分 {score} 的等级 {old} 改为 {doc['grade']}")
    bi = _find(body, lambda b: b.get("id") == "overall-indicators")
    assert bi is not None
    block = body[bi]
    if code == "weights-sum":
        row = rng.choice(block["rows"])
        row["weight"] += 1
        return Planted(name, code, "overall-indicators.weights", f"指标“{row['name']}”分值 {row['weight'] - 1} 改为 {row['weight']}")
    old = Decimal(block["total"])
    block["total"] = fig(old - Decimal("1.5"))
    return Planted(name, code, "overall-indicators.total", f"指标表总得分 {old} 改为 {block['total']}")


# --------------------------------------------------------------------------- project


def department_yaml(dept: Dept, rng: random.Random) -> str:
    data: dict[str, Any] = {
        "slug": dept.kind["slug"],
        "region": dept.place.path,
        "name": dept.name,
        "short_name": dept.short,
        "nature": dept.kind["nature"],
        "rank": V.RANKS[dept.place.level],
        "funding": "财政拨款",
        "divisions": dept.divisions,
    }
    if dept.subordinates:
        data["subordinates"] = dept.subordinates
    data["phone"] = f"0{rng.randint(310, 939)}-{rng.randint(2000000, 8999999)}"
    out = [f"# {dept.name}（基准测试合成数据）"]
    emit_mapping(data, 0, out)
    return "\n".join(out) + "\n"


def generate(
    out_dir: Path,
    documents: int,
    seed: int,
    discrepancies: int = 0,
    quiet: bool = False,
    official_only: bool = False,
    used_regions_only: bool = False,
) -> list[Planted]:
    rng = random.Random(seed)
    content = out_dir / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "documents").mkdir(parents=True)
    (content / "departments").mkdir(parents=True)
    shutil.copytree(REPO / "templates", out_dir / "templates", dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", out_dir / "mkdocs.yml")
    shutil.copy(REPO / "content" / "glossary.yml", content / "glossary.yml")
    (content / "site.yml").write_text(
        "# 站点设置（基准测试合成语料）\ntitle: 部门预决算公开平台\ndescription: 基准测试用合成语料，非真实公开文件。\npublisher: \"\"\nunit: 万元\n",
        encoding="utf-8",
    )
    docs = plan(rng, documents, official_only)
    used = {spec.dept.place.path for spec in docs} | glossary_regions(content / "glossary.yml") if used_regions_only else None
    (content / "regions.yml").write_text(regions_yaml(used), encoding="utf-8")
    plant_rng = random.Random(f"{seed}:discrepancies")
    targets = set(plant_rng.sample(range(documents), discrepancies)) if discrepancies else set()
    planted: list[Planted] = []
    written: set[str] = set()
    total_bytes = 0
    years: dict[str, dict[int, YearFigures]] = {}
    ledgers: dict[str, dict[int, YearLedgers]] = {}
    for i, spec in enumerate(docs):
        dept, year, kind = spec.dept, spec.year, spec.kind
        if dept.id not in written:
            path = content / "departments" / f"{dept.id}.yml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(department_yaml(dept, rng), encoding="utf-8")
            written.add(dept.id)
            years[dept.id] = series(rng, dept)
            if dept.official is not None:
                scale = float(years[dept.id][YEARS[0]].scale) * 10000
                ledgers[dept.id] = official_series(rng, dept.official, scale, range(YEARS[0] - 1, YEARS[-1] + 1))
        if dept.official is not None and kind != "self-evaluation":
            misprint, p = Decimal(0), None
            if i in targets:
                misprint, p = plant_official(plant_rng, dept, spec, "")
            doc = official_document(rng, dept.official, ledgers[dept.id], year, kind, spec.unit, misprint)
            rel = f"content/documents/{dept.id}/{official_file_name(year, kind, dept.official, spec.unit)}"
            if p is not None:
                p.file = rel
                if p.code == "unknown-department":
                    doc["department"] = misspelt(dept.id)
                planted.append(p)
        else:
            doc = Writer(rng, dept, year, kind, years[dept.id]).build()
            rel = f"content/documents/{dept.id}/{year}-{kind}.yml"
            if i in targets:
                found = plant(plant_rng, doc, rel)
                if found:
                    planted.append(found)
        text = to_yaml(doc, [doc["title"], "基准测试合成数据（pubgen benchmarks/corpus.py 生成），非真实公开文件。"])
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total_bytes += len(data)
    if discrepancies:
        (out_dir / "discrepancies.json").write_text(
            json.dumps([asdict(p) for p in planted], ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
    if not quiet:
        print(
            f"{documents} documents, {len(written)} departments in {out_dir}; "
            f"{total_bytes / documents / 1024:.1f} KB per document, {total_bytes / 1024 / 1024:.1f} MB in all",
            file=sys.stderr,
        )
    return planted


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir", type=Path, help="project folder to write (its content/ is replaced)")
    ap.add_argument("--documents", "-n", type=int, default=1000, help="number of documents (default 1000)")
    ap.add_argument("--seed", "-s", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--discrepancies", "-k", type=int, default=0, help="plant K known errors and print them")
    ap.add_argument("--official-only", action="store_true", help="only nine-table 预算 and 决算, department's and units' (no self-evaluations)")
    ap.add_argument(
        "--used-regions-only", action="store_true", help="list only the regions that hold documents (a small, quick site); default: the whole tree"
    )
    args = ap.parse_args(argv)
    if args.documents < 1:
        ap.error("--documents must be at least 1")
    if not 0 <= args.discrepancies <= args.documents:
        ap.error("--discrepancies must be between 0 and --documents")
    planted = generate(
        args.out_dir, args.documents, args.seed, args.discrepancies, official_only=args.official_only, used_regions_only=args.used_regions_only
    )
    for p in planted:
        print(f"{p.file}\t{p.code}\t{p.field}\t{p.what}")


if __name__ == "__main__":
    main()
