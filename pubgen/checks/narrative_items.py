"""What the narrative's words name in the tables: classification codes by name, row labels, and the usual terms.

The narrative names an item three ways: by its classification code's names
(“一般公共服务支出（类）商贸事务（款）行政运行（项）”, or “一般公共服务支出-商贸事务-行政运行”),
by a row's printed label (“其他收入”), or by a usual term that the tables print
under another name (“本年收入合计”, “财政拨款收入支出总计”, “三公经费”, “机关运行经费”).
:data:`TERMS` lists those terms and the cells they name, as data; each cell is
written as in the identities (``role:[side.]row.column``, ``a|b`` for the first
column the table prints). Tables compiled from the text (``from_text``) are read
too: they cannot confirm the text, but a sentence that
names their row with another figure than the one they copied from elsewhere in the
text is a slip (see ``Narrative.figure``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .. import model as m
from ..roles import ColumnSpec, column_specs, grid_def, row_specs, table_name
from ..tablekinds import kind_of
from .base import DocumentCheck
from .narrative_text import norm

# --------------------------------------------------------------------------- the usual terms

TERMS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("收入支出总计", "收支总计", "收入支出决算总计", "收、支总计", "收入、支出总计", "收入、支出决算总计", "收、支决算总计")
        + ("收支总预算", "收、支总预算", "收入、支出总预算", "收支预算总额", "收、支预算总额", "收支预算总计", "收支预算"),
        ("final-summary:income.grand-total.actual", "final-summary:expenditure.grand-total.actual", "budget-finance-summary:income.grand-total.budget"),
    ),
    (("收入总计",), ("final-summary:income.grand-total.actual", "budget-finance-summary:income.grand-total.budget")),
    (("支出总计",), ("final-summary:expenditure.grand-total.actual", "budget-finance-summary:expenditure.grand-total.budget|total")),
    (("本年收入合计", "本年收入"), ("final-summary:income.total-income.actual", "final-income:total.total", "income-by-unit:total.total")),
    (("本年支出合计", "本年支出"), ("final-summary:expenditure.total-expenditure.actual", "final-expenditure:total.total", "expenditure-by-unit:total.total")),
    (
        ("收入预算", "预算收入", "部门收入预算", "单位收入预算", "收入总预算", "部门收入总预算", "收入预算总额", "收入预算总计"),
        ("budget-finance-summary:income.grand-total.budget", "budget-income:total.total"),
    ),
    (
        ("支出预算", "预算支出", "部门支出预算", "单位支出预算", "支出总预算", "部门支出总预算", "支出预算总额", "支出预算总计"),
        ("budget-finance-summary:expenditure.grand-total.budget|total", "budget-expenditure:total.total"),
    ),
    (
        ("财政拨款收入",),
        (
            "final-income:total.fiscal",
            "final-fiscal-summary:income.total-income.actual",
            "budget-finance-summary:income.fiscal.budget",
            "budget-income:total.fiscal",
            "budget-fiscal-summary:income.grand-total.budget",
        ),
    ),
    (
        ("财政拨款支出", "财政拨款支出预算"),
        ("final-fiscal-summary:expenditure.total-expenditure.total", "budget-fiscal-summary:expenditure.grand-total.total"),
    ),
    (
        ("财政拨款收入支出总计", "财政拨款收支总计", "财政拨款收入支出决算总计", "财政拨款收入、支出总计", "财政拨款收、支总计")
        + ("财政拨款收入、支出决算总计", "财政拨款收、支决算总计")
        + ("财政拨款收支总预算", "财政拨款收、支总预算", "财政拨款收支预算总额", "财政拨款收支预算总计", "财政拨款收支预算"),
        (
            "final-fiscal-summary:income.grand-total.actual",
            "final-fiscal-summary:expenditure.grand-total.total",
            "budget-fiscal-summary:income.grand-total.budget",
            "budget-fiscal-summary:expenditure.grand-total.total",
        ),
    ),
    (
        # “财政拨款收入总计1614.63万元”: the 财政拨款 table's 总计 to some, its 本年收入合计 to others (real texts write both).
        ("财政拨款收入总计",),
        (
            "final-fiscal-summary:income.grand-total.actual",
            "final-fiscal-summary:income.total-income.actual",
            "budget-fiscal-summary:income.grand-total.budget",
            "budget-fiscal-summary:income.total-income.budget",
        ),
    ),
    (
        ("财政拨款支出总计",),
        (
            "final-fiscal-summary:expenditure.grand-total.total",
            "final-fiscal-summary:expenditure.total-expenditure.total",
            "budget-fiscal-summary:expenditure.grand-total.total",
            "budget-fiscal-summary:expenditure.total-expenditure.total",
        ),
    ),
    (
        # A source in a list of income (“收入预算777.03万元，其中：一般公共预算拨款744.03万元，…事业收入10万元”); read only there.
        ("一般公共预算拨款",),
        (
            "final-summary:income.general.actual",
            "final-fiscal-summary:income.general.actual",
            "budget-finance-summary:income.fiscal-general.budget",
            "budget-fiscal-summary:income.general.budget",
        ),
    ),
    (
        ("一般公共预算财政拨款收入", "一般公共预算拨款收入"),
        (
            "final-summary:income.general.actual",
            "final-fiscal-summary:income.general.actual",
            "budget-finance-summary:income.fiscal-general.budget",
            "budget-fiscal-summary:income.general.budget",
        ),
    ),
    (
        (
            "一般公共预算财政拨款支出",
            "一般公共预算拨款支出",
            "一般公共预算拨款支出预算",
            "一般公共预算财政拨款支出预算",
            "一般公共预算支出",
            "一般公共预算支出预算",
        ),
        (
            "final-general-expenditure:total.total",
            "final-fiscal-summary:expenditure.total-expenditure.general",
            "budget-general-expenditure:total.total",
            "budget-fiscal-summary:expenditure.grand-total.general",
        ),
    ),
    (
        # This year's appropriation, without what is carried over from last year: the fund's income of the year.
        ("一般公共预算当年拨款", "一般公共预算当年拨款支出", "一般公共预算当年财政拨款", "一般公共预算当年拨款规模"),
        ("budget-fiscal-summary:income.general.budget", "budget-finance-summary:income.fiscal-general.budget"),
    ),
    (
        ("一般公共预算财政拨款基本支出", "一般公共预算基本支出", "一般公共预算拨款基本支出"),
        ("final-general-expenditure:total.basic", "budget-general-expenditure:total.basic", "budget-general-basic:total.total"),
    ),
    (
        ("一般公共预算财政拨款项目支出", "一般公共预算项目支出", "一般公共预算拨款项目支出"),
        ("final-general-expenditure:total.project", "budget-general-expenditure:total.project"),
    ),
    (
        (
            "政府性基金预算财政拨款支出",
            "政府性基金拨款支出",
            "政府性基金拨款支出预算",
            "政府性基金预算拨款支出",
            "政府性基金预算拨款支出预算",
            "政府性基金预算支出",
        ),
        (
            "final-gov-fund:total.expense",
            "final-fiscal-summary:expenditure.total-expenditure.gov-fund",
            "budget-gov-fund-expenditure:total.total",
            "budget-fiscal-summary:expenditure.grand-total.gov-fund",
        ),
    ),
    (
        (
            "国有资本经营预算财政拨款支出",
            "国有资本经营预算拨款支出",
            "国有资本经营预算拨款支出预算",
            "国有资本经营拨款支出",
            "国有资本经营预算支出",
        ),
        (
            "final-state-capital:total.expense",
            "final-fiscal-summary:expenditure.total-expenditure.state-capital",
            "budget-state-capital-expenditure:total.total",
            "budget-fiscal-summary:expenditure.grand-total.state-capital",
        ),
    ),
    (
        ("基本支出",),
        (
            "final-expenditure:total.basic",
            "final-general-expenditure:total.basic",
            "budget-expenditure:total.basic",
            "budget-general-expenditure:total.basic",
            "expenditure:basic.budget|actual|initial-budget|adjusted-budget",
        ),
    ),
    (
        ("项目支出",),
        (
            "final-expenditure:total.project",
            "final-general-expenditure:total.project",
            "budget-expenditure:total.project",
            "budget-general-expenditure:total.project",
            "expenditure:project.budget|actual|initial-budget|adjusted-budget",
        ),
    ),
    # A 事业单位's other spending, printed as columns of the 支出决算表 / 支出预算总表 beside 基本支出 and 项目支出.
    (("经营支出", "事业单位经营支出"), ("final-expenditure:total.operating", "budget-expenditure:total.operating")),
    (("对附属单位补助支出",), ("final-expenditure:total.subsidiary", "budget-expenditure:total.subsidiary")),
    (("上缴上级支出",), ("final-expenditure:total.upper", "budget-expenditure:total.upper")),
    (
        ("人员经费", "人员经费合计"),
        (
            "final-general-basic:personnel.actual",
            "budget-general-basic:total.personnel",
            "budget-finance-summary:expenditure.grand-total.personnel",
        ),
    ),
    (
        ("公用经费", "公用经费合计", "日常公用经费"),
        (
            "final-general-basic:public.actual",
            "budget-general-basic:total.public",
            "budget-finance-summary:expenditure.grand-total.public",
        ),
    ),
    (("机关运行经费", "机关运行经费预算"), ("budget-three-public:total.operating-costs", "budget-three-public:operating-costs.*", "operating-costs:total.*")),
    (
        (
            "三公经费",
            "三公经费预算",
            "三公经费支出",
            "三公经费财政拨款支出",
            "财政拨款三公经费",
            "财政拨款三公经费支出",
            "三公经费财政拨款",
            "一般公共预算财政拨款三公经费",
            "一般公共预算财政拨款三公经费支出",
        ),
        ("final-three-public:total.total-actual", "final-three-public:total.total-budget", "budget-three-public:total.total", "budget-three-public:total.*", "final-three-public:total.*", "three-public:total.*", "three-public-by-unit:total.total"),
    ),
    (
        ("因公出国（境）费", "因公出国（境）费用", "因公出国（境）经费", "因公出国（境）", "因公出国", "因公出国费", "出国（境）费"),
        ("final-three-public:total.overseas-actual", "final-three-public:total.overseas-budget", "budget-three-public:total.overseas", "budget-three-public:overseas.*", "final-three-public:overseas.*", "three-public:overseas.*", "three-public-by-unit:total.overseas"),
    ),
    (
        (
            "公务用车购置及运行维护费",
            "公务用车购置及运行费",
            "公务用车购置及运维费",
            "公务用车购置和运行维护费",
            "公车购置及运维费",
            "公车购置及运行维护费",
            "公务车购置及运行维护费",
            "公务车购置及运行费",
            "公务车辆购置及运行维护费",
            "公务车辆购置及运行费",
        ),
        ("final-three-public:total.vehicle-actual", "final-three-public:total.vehicle-budget", "budget-three-public:total.vehicle", "budget-three-public:vehicle.*", "final-three-public:vehicle.*", "three-public:vehicle.*", "three-public-by-unit:total.vehicle"),
    ),
    (
        ("公务用车购置费", "公务车购置费", "公务车辆购置费", "公车购置费"),
        (
            "final-three-public:total.vehicle-purchase-actual",
            "final-three-public:total.vehicle-purchase-budget",
            "budget-three-public:total.vehicle-purchase",
            "budget-three-public:vehicle-purchase.*",
            "final-three-public:vehicle-purchase.*",
            "three-public:vehicle-purchase.*",
        ),
    ),
    (
        (
            "公务用车运行维护费",
            "公务用车运行费",
            "公务用车运维费",
            "公务用车运行及维护费",
            "公车运行及维护",
            "公车运行维护费",
            "公车运行费",
            "公车运维费",
            "公务车运行维护费",
            "公务车运行费",
            "公务车辆运行维护费",
            "公务车辆运行费",
            "车辆运行维护费",
            "车辆运行费",
        ),
        (
            "final-three-public:total.vehicle-operation-actual",
            "final-three-public:total.vehicle-operation-budget",
            "budget-three-public:total.vehicle-operation",
            "budget-three-public:vehicle-operation.*",
            "final-three-public:vehicle-operation.*",
            "three-public:vehicle-operation.*",
        ),
    ),
    (
        ("公务接待费", "公务接待费用"),
        ("final-three-public:total.reception-actual", "final-three-public:total.reception-budget", "budget-three-public:total.reception", "budget-three-public:reception.*", "final-three-public:reception.*", "three-public:reception.*", "three-public-by-unit:total.reception"),
    ),
    (("年初结转和结余", "上年结转和结余", "上年结转结余", "年初结转结余"), ("final-summary:income.carryover-start.actual",)),
    (("年末结转和结余",), ("final-summary:expenditure.carryover-end.actual",)),
    (
        ("年初财政拨款结转和结余", "上年财政拨款结转和结余", "财政拨款年初结转和结余", "财政拨款上年结转和结余"),
        ("final-fiscal-summary:income.carryover-start.actual",),
    ),
    (("年末财政拨款结转和结余",), ("final-fiscal-summary:expenditure.carryover-end.total",)),
    (
        ("事业收入",),
        ("final-summary:income.business.actual", "final-income:total.business", "budget-finance-summary:income.business.budget", "budget-income:total.business"),
    ),
    (
        ("经营收入", "事业单位经营收入"),
        ("final-summary:income.operating.actual", "final-income:total.operating", "budget-finance-summary:income.operating.budget", "budget-income:total.operating"),
    ),
    (
        ("其他收入",),
        ("final-summary:income.other.actual", "final-income:total.other", "budget-finance-summary:income.other.budget", "budget-income:total.other"),
    ),
    (
        ("政府采购", "政府采购预算", "政府采购支出", "政府采购总额", "政府采购预算总额", "政府采购支出总额", "政府采购合计"),
        ("procurement:total.*",),
    ),
    (("货物类", "货物采购", "政府采购货物", "政府采购货物支出", "政府采购货物预算", "货物类采购", "货物类采购预算", "货物采购预算"), ("procurement:goods.*",)),
    (("工程类", "工程采购", "政府采购工程", "政府采购工程支出", "政府采购工程预算", "工程类采购", "工程类采购预算", "工程采购预算"), ("procurement:works.*",)),
    (("服务类", "服务采购", "政府采购服务", "政府采购服务支出", "政府采购服务预算", "服务类采购", "服务类采购预算", "服务采购预算"), ("procurement:services.*",)),
    (("上级补助收入",), ("final-summary:income.superior.actual", "final-income:total.superior")),
    (("附属单位上缴收入",), ("final-summary:income.affiliated.actual", "final-income:total.affiliated")),
)
"""Terms of the narrative and the cells they name (the ones a document prints are read)."""


FISCAL_TWINS: dict[str, str] = {
    **{name: "财政拨款收入支出总计" for name in TERMS[0][0]},
    "收入总计": "财政拨款收入总计",
    "支出总计": "财政拨款支出总计",
    "年初结转和结余": "年初财政拨款结转和结余",
    "上年结转和结余": "年初财政拨款结转和结余",
    "上年结转结余": "年初财政拨款结转和结余",
    "年初结转结余": "年初财政拨款结转和结余",
    "年末结转和结余": "年末财政拨款结转和结余",
    "本年收入合计": "财政拨款本年收入合计",
    "本年收入": "财政拨款本年收入合计",
    "本年支出合计": "财政拨款本年支出合计",
    "本年支出": "财政拨款本年支出合计",
}
"""The all-funds totals and carry-overs, and what the same words mean in a sentence about 财政拨款 money
(“财政拨款收入100万元，上年结转和结余5万元，收支总计105万元”: the 财政拨款收入支出决算总表's figures)."""
_TWIN_ONLY = (
    ("财政拨款收入总计", ("final-fiscal-summary:income.grand-total.actual", "budget-fiscal-summary:income.grand-total.budget")),
    ("财政拨款支出总计", ("final-fiscal-summary:expenditure.grand-total.total", "budget-fiscal-summary:expenditure.grand-total.total")),
    ("财政拨款本年收入合计", ("final-fiscal-summary:income.total-income.actual",)),
    ("财政拨款本年支出合计", ("final-fiscal-summary:expenditure.total-expenditure.total",)),
)
"""The cells of each twin (an ``Item`` of kind ``twin``): the one row the all-funds words mean in a 财政拨款 sentence.
The text's own “财政拨款收入总计” is a term of its own, which real texts use for either of two rows."""

GENERIC = frozenset({"合计", "总计", "小计", "收入", "支出", "其中", "项目", "金额", "数量", "预算数", "决算数", "合计数", "预算", "决算"})
"""Row labels that name nothing on their own in running text."""

_OWN_YEAR_ROW = re.compile(r"\d{4}年度?(?:年初)?(?:预算|决算)?数?")
"""A row of a table laid out by year: “2025年预算数”, “2025年”."""
EXPENDITURE_TABLES = {
    "budget-expenditure": "total",
    "budget-general-expenditure": "total",
    "budget-gov-fund-expenditure": "total",
    "budget-state-capital-expenditure": "total",
    "final-expenditure": "total",
    "final-general-expenditure": "total",
    "final-gov-fund": "expense",
    "final-state-capital": "expense",
}
"""Tables by functional code whose column states an item's spending: the narrative's codes are spending."""

LEVELS = {3: "类", 5: "款", 7: "项"}

_NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十百\d]+[）)]|[一二三四五六七八九十百]+[、.．]|\d+[、.．])")


_NAME_ENDS = re.compile(r"(?:19|20)\d\d\s*年|部门预算|部门决算|单位预算|单位决算|整体支出|部门整体|绩效|预算|决算|[（(]")


_PHASE_ONLY = re.compile(r"^(?:(?:19|20)\d\d年度?|上年度?|本年度?|当年)?(?:年初|全年|调整后)?(?:预算|决算|执行|预算执行|实际支出)(?:数|安排数?)?$")
"""A row named only by its year and phase (2024年预算数, 本年决算数): the text's “2025年预算数为” says which figure, not which item."""


def own_names(dc: DocumentCheck) -> tuple[str, ...]:
    """The names a document goes by: its title up to its year or kind, its issuer, its unit's name (without “（本级）”),
    its department's names."""
    doc = dc.doc
    names = [_NAME_ENDS.split(doc.title, 1)[0], doc.issuer or ""]
    if doc.budget_unit is not None:
        names.append(_NAME_ENDS.split(doc.budget_unit.name, 1)[0])
    return tuple(dict.fromkeys(norm(n.strip()) for n in names if len(n.strip()) >= 2)) + tuple(norm(n) for n in dc.department)


@functools.lru_cache(maxsize=65536)
def name_of(label: str) -> str:
    """A row's name as the narrative writes it: without its printed numbering (“一、”, “（一）”, “1.”), normalised.

    Only numbering followed by its mark is removed: 一般行政管理事务 keeps its 一.
    """
    return _NUMBERING.sub("", norm(label))


@dataclass(frozen=True, slots=True)
class Ref:
    role: str
    side: str | None
    row: str
    columns: tuple[str, ...]


def _ref(text: str) -> Ref:
    role, path = text.split(":", 1)
    parts = path.split(".")
    side = parts.pop(0) if len(parts) == 3 else None
    return Ref(role, side, parts[0], tuple(parts[1].split("|")))


_TERM_REFS: dict[str, tuple[Ref, ...]] = {}
for _names, _refs in TERMS:
    for _name in _names:
        _TERM_REFS[_name] = tuple(_ref(r) for r in _refs)
_TWIN_REFS = {name: tuple(_ref(r) for r in refs) for name, refs in _TWIN_ONLY}
_TERM_TAILS: dict[str, list[str]] = {}
for _name in sorted(_TERM_REFS, key=len, reverse=True):
    _TERM_TAILS.setdefault(_name[-3:], []).append(_name)
_TERM_ENDS = frozenset(name[-2:] for name in _TERM_REFS)


# --------------------------------------------------------------------------- the document's tables


@dataclass(slots=True)
class GridInfo:
    """A grid of a table of known kind, as the narrative checks read it."""

    table: m.Table
    grid: m.Grid
    unit: str
    official: bool
    specs: list[ColumnSpec]
    money: int
    """How many amount columns the grid has."""
    rows: dict[str, int]
    """Row index by id and code, for the cells :data:`TERMS` name."""
    counts: frozenset[int] = frozenset()
    """Rows whose figures are not amounts (公务接待批次(批) in a table in 万元)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A cell the narrative's figure may restate."""

    value: Decimal
    text: str
    unit: str
    info: GridInfo
    row: int
    column: int

    @property
    def where(self) -> str:
        """“表名”中“行”的“栏”, for the message (worked out only when a problem is reported)."""
        return _where(self.info, self.info.grid.rows[self.row], self.info.specs[self.column])


@dataclass(slots=True)
class Item:
    """What a phrase of the narrative names."""

    kind: str
    """``code``, ``label`` or ``term``; ``twin`` for the 财政拨款 table's row that all-funds words mean in a 财政拨款 sentence; ``part`` for a column of a row (“code:201|basic”: the 基本支出 of class 201)."""
    key: str
    """The code, the plain label or the term."""
    name: str
    """As the text writes it (normalised)."""
    elsewhere: bool = False
    """The text gives it to another body or place (“社会福利院一般公共预算财政拨款支出”): not this document's figure."""


@dataclass(slots=True)
class Items:
    """The items a document's tables print, by code, label and term."""

    by_role: dict[tuple[str, str | None], list[GridInfo]] = field(default_factory=dict)
    labels: dict[str, list[tuple[GridInfo, int]]] = field(default_factory=dict)
    codes: dict[str, list[tuple[GridInfo, int]]] = field(default_factory=dict)
    code_names: dict[str, str] = field(default_factory=dict)
    children: dict[str, dict[str, str]] = field(default_factory=dict)
    """Code → {printed name → child code}; '' → the classes (类)."""
    tails: dict[str, list[str]] = field(default_factory=dict)
    """Last three characters (two for a two-character name) → labels ending with them, longest first."""
    ends: frozenset[str] | set[str] = frozenset()
    """The last two characters of every name: a text ending otherwise names nothing."""
    own: tuple[str, ...] = ()
    """The names the document goes by (its title before the year, its issuer, its unit): see ``other_body``."""
    _unique: dict[str, dict[str, str]] | None = None

    @classmethod
    def of(cls, dc: DocumentCheck) -> Items:
        """The items the document's tables print, tables compiled from the text included."""
        items = cls(own=own_names(dc))
        class_rows: list[tuple[GridInfo, int, str]] = []
        code_names, codes, labels = items.code_names, items.codes, items.labels
        for block in dc.doc.body:
            if not isinstance(block, m.Table) or not block.role:
                continue
            kind = kind_of(block.role)
            spending = block.role in EXPENDITURE_TABLES
            for grid in block.grids():
                specs = column_specs(grid)
                info = GridInfo(
                    block,
                    grid,
                    dc.unit(block),
                    bool(kind and kind.official),
                    specs,
                    sum(1 for spec in specs if spec.type == "money"),
                    {},
                )
                info.counts = frozenset(i for i, spec in enumerate(row_specs(grid)) if spec.type not in (None, "money"))
                items.by_role.setdefault((block.role, grid.side), []).append(info)
                rows = info.rows
                expenditure_side = grid.side == "expenditure"
                if "three-public" in block.role and not any(row.id == "total" for row in grid.rows):
                    # 广东's “三公” table prints a row per year (“2024年预算数”, “2025年预算数”) under the items' columns: the
                    # document's own year's row is the table's total row, the one the text restates.
                    own_year = [i for i, row in enumerate(grid.rows) if _OWN_YEAR_ROW.fullmatch(row.label.strip()) and row.label.strip().startswith(str(dc.doc.year))]
                    if len(own_year) == 1:
                        rows["total"] = own_year[0]
                for index, row in enumerate(grid.rows):
                    label = name_of(row.label)
                    code = row.code
                    if row.id:
                        rows.setdefault(row.id, index)
                    if code:
                        rows.setdefault(code, index)
                        if label and code not in code_names:
                            code_names[code] = label
                        if spending:
                            codes.setdefault(code, []).append((info, index))
                    elif label:
                        if expenditure_side:
                            class_rows.append((info, index, label))
                        if len(label) >= 2 and label not in GENERIC and not _PHASE_ONLY.match(label):
                            labels.setdefault(label, []).append((info, index))
        for code, name in items.code_names.items():
            parent = code[:-2] if len(code) > 3 else ""
            items.children.setdefault(parent, {}).setdefault(name, code)
            if len(code) == 3:
                # A class printed by name only in a two-sided table (一、一般公共服务支出) is the same spending.
                for info, index, label in class_rows:
                    if label == name:
                        items.codes.setdefault(code, []).append((info, index))
        for name in sorted(items.labels, key=len, reverse=True):
            items.tails.setdefault(name[-3:], []).append(name)
        items.ends = _TERM_ENDS | {name[-2:] for name in items.labels} | {name[-2:] for name in items.code_names.values()}
        return items

    def might_end(self, before: str) -> bool:
        """Whether a name can end where ``before`` ends: a quick test before looking for one."""
        return before[-2:] in self.ends or before.endswith("）") or (bool(self.code_names) and ("-" in before or "－" in before))

    # ----------------------------------------------------------------------- naming

    def named(self, before: str) -> tuple[Item, int] | None:
        """The label or term that ``before`` ends with (the longest), and where it starts."""
        best = ""
        for key in (before[-3:], before[-2:]):
            for names in (self.tails.get(key), _TERM_TAILS.get(key)):
                for name in names or ():
                    if len(name) > len(best) and before.endswith(name):
                        best = name
                        break  # each list is longest first
        if not best:
            return None
        return Item("term" if best in _TERM_REFS else "label", best, best), len(before) - len(best)

    def unique_code_names(self) -> dict[str, dict[str, str]]:
        """The names only one code of the tables has, by their last two characters: name → code."""
        if self._unique is None:
            codes_of: dict[str, set[str]] = {}
            for code, name in self.code_names.items():
                codes_of.setdefault(name, set()).add(code)
            self._unique = {}
            for name, codes in codes_of.items():
                if len(codes) == 1 and len(name) >= 3 and name not in GENERIC:
                    self._unique.setdefault(name[-2:], {})[name] = next(iter(codes))
        return self._unique

    def path(self, names: list[str]) -> tuple[str | None, int]:
        """The code a path of names (类, 款, 项) resolves to, and how many of the names resolved.

        The first name may carry words before it (“其中一般公共服务支出”): the longest class name it ends with is taken.
        """
        classes = self.children.get("", {})
        first = names[0]
        code = classes.get(first)
        if code is None:
            ends = [n for n in classes if first.endswith(n)]
            if ends:
                code = classes[max(ends, key=len)]
        if code is None and not first.endswith("支出"):
            # 社会保障和就业（类）: the class printed as 社会保障和就业支出, named without its last word.
            ends = [n for n in classes if n.endswith("支出") and (first + "支出").endswith(n)]
            if ends:
                code = classes[max(ends, key=len)]
        if code is None:
            return None, 0
        for depth, name in enumerate(names[1:], start=1):
            child = self.children.get(code, {}).get(name)
            if child is None:
                return code, depth
            code = child
        return code, len(names)

    def class_of_section(self, section: str) -> str | None:
        """The only class (类) that prints a section (款) of this name."""
        found = [code for code, names in self.children.items() if len(code) == 3 and section in names]
        return found[0] if len(found) == 1 else None

    # ----------------------------------------------------------------------- cells

    def candidates(self, item: Item, phases: tuple[str, ...], current: str) -> list[Candidate]:
        """The cells of the document's tables that ``item`` names in one of ``phases``, as printed; none when one of them
        is in a table whose unit is still 待填: which figure the text restates, and whether it agrees, is not known then."""
        found = self._candidates(item, phases, current)
        return [] if any(c.unit == m.TO_FILL for c in found) else found

    def unit_to_fill(self, item: Item, phases: tuple[str, ...], current: str) -> bool:
        """Whether one of the cells ``item`` names is in a table whose unit is still 待填."""
        return any(c.unit == m.TO_FILL for c in self._candidates(item, phases, current))

    def _candidates(self, item: Item, phases: tuple[str, ...], current: str) -> list[Candidate]:
        out: dict[tuple[int, int, int], Candidate] = {}
        if item.kind in ("term", "twin"):
            twin = _TWIN_REFS.get(item.key) if item.kind == "twin" else None
            for ref in twin or _TERM_REFS.get(item.key, ()):
                for info in self.by_role.get((ref.role, ref.side), ()):
                    index = info.rows.get(ref.row)
                    if index is None:
                        continue
                    if ref.columns == ("*",):
                        # A well-known table whose columns the document names (三公 budget and actual): the phase's column;
                        # of an official table printed the other way round (its items as rows), a column it does not define.
                        defined = grid_def(info.grid)
                        for phase in phases:
                            column = value_column(info, phase, current, False)
                            if column is not None and not (info.official and defined and info.specs[column].id in defined.columns):
                                _add(out, info, index, column)
                        continue
                    for cid in ref.columns:
                        column = next((i for i, s in enumerate(info.specs) if s.id == cid), None)
                        if column is not None and _phase(info, column, current) in phases:
                            _add(out, info, index, column)
            if item.kind == "twin":
                return list(out.values())
        if item.kind == "part":
            # 一般公共服务支出类科目A元，其中：基本支出B元: the 基本支出 cell of that row.
            whole, column_id = item.key.rsplit("|", 1)
            kind, key = whole.split(":", 1)
            for info, index in (self.codes if kind == "code" else self.labels).get(key, []):
                for column, spec in enumerate(info.specs):
                    if spec.id == column_id and (spec.phase is None or _phase(info, column, current) in phases):
                        _add(out, info, index, column)
            return list(out.values())
        if item.kind == "code":
            rows = self.codes.get(item.key, [])
        else:
            rows = self.labels.get(item.key, [])
        for info, index in rows:
            if item.kind == "term" and info.official:
                # An official table's rows are the term's by its references above: a row printed with the same words
                # there means that table's own figure (“本年收入合计” of the 财政拨款 table is 财政拨款 only).
                continue
            for phase in phases:
                column = value_column(info, phase, current, item.kind == "code")
                if column is not None:
                    _add(out, info, index, column)
        return list(out.values())


def _phase(info: GridInfo, column: int, current: str) -> str | None:
    """The phase of a column; a table's only amount column without one states the document's own figures."""
    spec = info.specs[column]
    if spec.phase is None and (info.money == 1 or (spec.id == "total" and not any(s.phase for s in info.specs))):
        # The only amount column, or the 合计 of a table whose columns are funds (合计 | 一般公共预算 | 政府性基金 …).
        return current
    return spec.phase


def _add(out: dict[tuple[int, int, int], Candidate], info: GridInfo, index: int, column: int) -> None:
    cells = info.grid.cells
    if index >= len(cells) or column >= len(cells[index]) or info.specs[column].type != "money" or index in info.counts:
        return
    cell = cells[index][column]
    if cell.state == "number" and cell.value is not None and cell.text is not None:
        value, text = cell.value, cell.text
    elif cell.state == "empty" and info.official:
        value, text = Decimal(0), "0"  # a blank cell of an official table: nothing was spent
    else:
        return
    key = (id(info), index, column)
    if key not in out:
        out[key] = Candidate(value, text, info.specs[column].unit or info.unit, info, index, column)


_GENERIC_COLUMNS = ("合计", "小计", "预算数", "决算数", "金额")


def _where(info: GridInfo, row: m.Row, spec: ColumnSpec) -> str:
    """The cell as a reader finds it: “表名”中“行”的“栏”, the column named with its header when its own label says little."""
    label = row.label.strip()
    where = f"“{table_name(info.table)}”中"
    if isinstance(info.grid, m.TableSide) and info.grid.title:
        where += f"{info.grid.title}栏"
    if label and label != spec.label:
        return f"{where}“{label}”的“{spec.label}”"
    if spec.label in _GENERIC_COLUMNS and spec.group:
        return f"{where}“{'/'.join(spec.group)}”的“{spec.label}”"
    return f"{where}“{spec.label}”"


PREFERRED = ("total", "total-actual", "total-budget", "expense")


def value_column(info: GridInfo, phase: str, current: str, coded: bool) -> int | None:
    """The column that states a row's amount for ``phase``: the table's total column, or its only one."""
    money = [i for i, s in enumerate(info.specs) if s.type == "money"]
    same = [i for i in money if _phase(info, i, current) == phase]
    if coded and info.table.role in EXPENDITURE_TABLES:
        wanted = EXPENDITURE_TABLES[info.table.role]
        return next((i for i in same if info.specs[i].id == wanted), None)
    for pref in PREFERRED:
        for i in same:
            if info.specs[i].id == pref:
                return i
    return same[0] if len(same) == 1 else None


# --------------------------------------------------------------------------- code paths in text

NAME = r"(?:[^（），。；：、！？%\d.．\-－—–]|（[^（）类款项，。；]{1,6}）)+?"
"""A classification name as printed: no punctuation, may hold a short bracket (政府办公厅（室）及相关机构事务)."""

CODE_PATH = re.compile(
    rf"(?P<c>{NAME})（类）(?:(?P<k>{NAME})（款）(?:(?P<x>{NAME})（项）)?)?"
)
"""“一般公共服务支出（类）商贸事务（款）行政运行（项）”, normalised (full-width brackets, no quotes)."""

CODE_PATH_END = re.compile(rf"(?P<c>{NAME})（类）(?:(?P<k>{NAME})（款）(?:(?P<x>{NAME})（项）)?)?$")

DASH_NAME = r"(?:[^（），。；：、！？%\d.．\-－—–]|（[^（），。；]{1,6}）)+"
DASH_PATH_END = re.compile(rf"(?P<c>{DASH_NAME})[-－—–](?P<k>{DASH_NAME})(?:[-－—–](?P<x>{DASH_NAME}))?$")
"""“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目, the words before 科目."""

DIGIT_CODE_END = re.compile(r"(?<![\d.,])(?P<code>\d{7}|\d{5}|\d{3})(?P<name>[^\d，。；：、！？%]{2,40})$")
"""A code printed before its name: 2011301行政运行."""
