"""A figure the running text states twice: both places must print the same figure.

Budget and final-accounts texts state their totals more than once (“2024年收入预算总额1234.56万元” in the overview,
“2024年部门收入预算1234.56万元” again in the section on income; a “三公” part in the overview and again in its own
paragraph). When a table prints the item, each statement is compared with the table (``text-figure-mismatch``);
when none does, a slip in one of the two is seen only against the other. This module compares them.

It is deliberately strict about sameness: two statements are compared only when the narrative reading gives both the
same item (by the usual terms only — totals of income and spending, 财政拨款, 基本支出/项目支出, “三公” and its parts,
机关运行经费), the same base (预算, 决算, 执行数), the same year and the same scope (the department or its own 本级; all funds,
财政拨款 or 一般公共预算 where the words leave that open). A statement whose scope the words do not settle is left out,
and so is one a table already pins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Iterator

from ..load import decimal_places
from ..problems import Problem
from .narrative_items import FISCAL_TWINS, TERMS, Items
from .narrative_statements import Amount, Reading, read_paragraph
from .narrative_text import Paragraph, Piece
from .rounding import UNIT_FACTORS

if TYPE_CHECKING:
    from .narrative_check import Narrative

_FIRSTS = (
    "收入支出总计",
    "收入总计",
    "支出总计",
    "本年收入合计",
    "本年支出合计",
    "收入预算",
    "支出预算",
    "财政拨款收入",
    "财政拨款支出",
    "财政拨款收入支出总计",
    "财政拨款收入总计",
    "财政拨款支出总计",
    "一般公共预算拨款",
    "一般公共预算财政拨款收入",
    "一般公共预算财政拨款支出",
    "一般公共预算当年拨款",
    "一般公共预算财政拨款基本支出",
    "一般公共预算财政拨款项目支出",
    "政府性基金预算财政拨款支出",
    "国有资本经营预算财政拨款支出",
    "基本支出",
    "项目支出",
    "机关运行经费",
    "三公经费",
    "因公出国（境）费",
    "公务用车购置及运行维护费",
    "公务用车购置费",
    "公务用车运行维护费",
    "公务接待费",
)
"""The terms (by the first name of their group in ``TERMS``) whose statements are compared: the ones the reading tells apart well."""
_ITEM: dict[str, str] = {name: names[0] for names, _ in TERMS if names[0] in _FIRSTS for name in names}
"""Each name of those terms → the term it names (“公务用车购置及运行费” and “公务用车购置及运行维护费” are one item)."""
_THREE_PUBLIC = frozenset({"机关运行经费", "三公经费", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"})
_PARTS_OF_SPENDING = frozenset({"基本支出", "项目支出"})
"""Parts of spending that are all funds' or one fund's by the words around them (a school's differ)."""

_OTHER_FUNDS = re.compile(r"政府性基金|国有资本经营")
_NOT_APPROPRIATION = re.compile(r"政府性基金|国有资本经营|全部资金|其他资金|单位资金|自有资金|非财政|财政专户|结转|结余|事业收入|经营收入|上级补助|附属单位|含")
"""Words saying a “三公” or 机关运行经费 figure includes money other than the year's appropriation."""
_OTHER_MONEY = re.compile(r"事业收入|经营收入|其他收入|上级补助|附属单位|非财政|全部资金|其他资金|单位资金")
_GENERAL = re.compile(r"一般公共预算")
_FISCAL = re.compile(r"财政拨款|当年拨款")
_ALL_SPENDING = re.compile(r"本年支出合计|本年支出|支出合计|支出总计|总支出|支出总额|全年支出|部门支出|单位支出|支出预算|预算支出|支出决算")
_OWN_LEVEL = re.compile(r"本级|本部(?!门)")
_SUBORDINATE = re.compile(r"下属|所属|直属|下辖|二级|基层|各单位|单位合计|汇总")
_YEAR = re.compile(r"(?:19|20)\d\d(?=年)")
_PRIOR = re.compile(r"上年(?!度?(?:结转|结余))|去年|上一年|同期")
_COMPARES = re.compile(r"比|较|相比|同比")
_STATEMENT_MARK = re.compile(r"[；;]")
_CLAUSE_MARK = re.compile(r"[，,；;：:]")
_CHANGED_TO = re.compile(r"[，,]?(?:减少|增加|下降|上升|降低|提高|增长|压减)(?:到|至|为)|[降增减][至为]")

_PHASE_NAMES = {"initial-budget": "年初预算", "adjusted-budget": "调整后预算", "budget": "预算", "actual": "决算"}


@dataclass(slots=True)
class _Said:
    """One statement of an item's figure."""

    piece: Piece
    paragraph: Paragraph
    amount: Amount
    key: tuple[str, str, int, str, str]
    """Item, base, year, scope (the department's or its 本级) and funds."""


def restated(narrative: Narrative, read: list[tuple[Piece, Paragraph, Reading]]) -> Iterator[Problem]:
    """Figures of one item, base, year and scope stated in two places of the running text that differ."""
    doc = narrative.doc
    if doc.kind not in ("budget", "final-accounts") or not read:
        return
    items = narrative.items
    terms_only: Items | None = None
    if items is None:
        terms_only = Items.of(narrative.dc)  # no table: the usual terms still name the totals
    said: dict[tuple[str, str, int, str, str], list[_Said]] = {}
    for piece, paragraph, reading in read:
        if terms_only is not None:
            reading = read_paragraph(paragraph.text, terms_only, doc.year)
        for amount in reading.amounts:
            key = _key(narrative, piece, paragraph, reading, amount)
            if key is None:
                continue
            said.setdefault(key, []).append(_Said(piece, paragraph, amount, key))
    for group in said.values():
        if len(group) < 2:
            continue
        # Statements that agree (within the precision each prints) go together; the largest set is the figure, the
        # first set on a tie; every other statement is told against the set's first.
        sets: list[list[_Said]] = []
        for one in group:
            home = next((s for s in sets if _agree(s[0].amount, one.amount)), None)
            if home is None:
                sets.append([one])
            else:
                home.append(one)
        if len(sets) < 2:
            continue
        main = max(sets, key=len)
        first = main[0]
        for other in sets:
            if other is main:
                continue
            for one in other:
                yield _problem(narrative, first, one)


def _key(
    narrative: Narrative, piece: Piece, paragraph: Paragraph, reading: Reading, amount: Amount
) -> tuple[str, str, int, str, str] | None:
    """What the statement is of, when the words settle it: item, base, year, scope and funds."""
    item = amount.item
    if item is None or item.elsewhere or item.kind != "term" or amount.comparative or amount.other_phases:
        return None
    term = _ITEM.get(item.key)
    if term is None or amount.unit not in UNIT_FACTORS:
        return None
    doc = narrative.doc
    text = reading.text
    if _CHANGED_TO.match(text, amount.end):
        return None  # 23.00万元减少到20.40万元: what it was
    year = doc.year
    if amount.prior:
        if amount.year is None or amount.year >= doc.year:
            return None  # 上年, 同期: last year's figure by a word only, or a figure that changed into another
        year = amount.year
    elif amount.year is not None and amount.year != doc.year:
        return None
    elif amount.year is None and _earlier_year_said(reading, amount, doc.year):
        return None  # “2022年收入总计7033.15万元，包括本年收入合计6925.14万元”: 2022's, though its clause names no year
    phase = amount.phase
    if doc.kind == "budget":
        if phase in (None, "budget", "initial-budget"):
            phase = "initial-budget"
        elif phase == "actual" and amount.year is None:
            return None  # 执行数 in a budget: last year's, by the words only
    elif phase is None:
        phase = "actual" if not amount.prior else None
    if phase is None:
        return None
    s_start = reading.sentences[amount.sentence][0]
    sentence = text[s_start : amount.start]
    marks = [m.end() for m in _STATEMENT_MARK.finditer(text, s_start, amount.start)]
    statement = text[marks[-1] if marks else s_start : amount.start]
    heading = narrative.heading_before(piece.block) or ""
    if _SUBORDINATE.search(sentence) or _SUBORDINATE.search(heading):
        return None
    scope = "own-level" if _OWN_LEVEL.search(sentence) or _OWN_LEVEL.search(heading) else "department"
    if doc.scope == "department" and scope == "department":
        before = text[s_start : amount.item_start] if amount.item_start >= 0 else sentence
        if "单位" in before and "部门" not in before:
            scope = "unit"  # “单位收入预算” beside “部门收入预算” in a department's document: its unit's, maybe
    funds = ""
    if term in _THREE_PUBLIC:
        if _NOT_APPROPRIATION.search(statement):
            return None
    else:
        if not term.startswith(("政府性基金", "国有资本")) and _OTHER_FUNDS.search(sentence):
            return None  # “政府性基金预算财政拨款收入…，上年结转…，收入总计”: that fund's table
        if item.key in FISCAL_TWINS and (_FISCAL.search(sentence) or _FISCAL.search(heading)):
            return None  # 收入总计 in a sentence or section about 财政拨款: that table's, or either
        if term == "一般公共预算拨款" and ("收入" not in sentence or "支出" in sentence or "结转" in sentence or "结余" in sentence):
            return None  # only a source of income is the fund's income
        if term in _PARTS_OF_SPENDING:
            if _OTHER_MONEY.search(statement):
                return None  # “财政拨款…，事业收入…，其中：基本支出…”: every source, or only one
            funds = _funds(statement) or _funds(heading) or ""
            if not funds:
                if not _ALL_SPENDING.search(statement):
                    return None  # the words leave open whose 基本支出 it is
                funds = "all"
    if items_pin(narrative, amount):
        return None
    return (term, phase, year, scope, funds)


def _earlier_year_said(reading: Reading, amount: Amount, year: int) -> bool:
    """Whether the statement before the amount's clause speaks of another year (a year, 上年, 同期) than by comparing with it."""
    text = reading.text
    s_start = reading.sentences[amount.sentence][0]
    marks = [m.end() for m in _STATEMENT_MARK.finditer(text, s_start, amount.start)]
    start = marks[-1] if marks else s_start
    words = text[start : amount.start - len(amount.clause)]
    if any(int(y) != year for y in _YEAR.findall(words)):
        return True
    for prior in _PRIOR.finditer(words):
        clause_start = max((m.end() for m in _CLAUSE_MARK.finditer(words, 0, prior.start())), default=0)
        clause_end = next((m.start() for m in _CLAUSE_MARK.finditer(words, prior.end())), len(words))
        if not _COMPARES.search(words, clause_start, clause_end):
            return True
    return False


def _funds(words: str) -> str | None:
    if _GENERAL.search(words):
        return "general"
    if _FISCAL.search(words):
        return "fiscal"
    return None


def items_pin(narrative: Narrative, amount: Amount) -> bool:
    """Whether a table prints the item in the statement's base: its figure is compared there (``text-figure-mismatch``)."""
    items = narrative.items
    if items is None or amount.prior or amount.item is None:
        return False
    phases = narrative.phases(amount)
    return bool(phases) and bool(items.candidates(amount.item, phases, narrative.current))


def _in_yuan(amount: Amount) -> tuple[Decimal, Decimal]:
    """The figure in 元 and the step of its last printed digit in 元."""
    factor = UNIT_FACTORS[amount.unit]
    return amount.value * factor, Decimal(1).scaleb(-decimal_places(amount.text)) * factor


def _agree(a: Amount, b: Amount) -> bool:
    """Whether two printed figures may be one figure: equal, or the finer one rounded (or cut) to the coarser's last digit."""
    va, sa = _in_yuan(a)
    vb, sb = _in_yuan(b)
    if va == vb:
        return True
    if sa == sb:
        return False
    fine, coarse, step = (va, vb, sb) if sa < sb else (vb, va, sa)
    return any((fine / step).quantize(Decimal(1), rounding=r) * step == coarse for r in (ROUND_HALF_UP, ROUND_DOWN))


def _written(said: _Said) -> str:
    amount = said.amount
    assert amount.item is not None
    if amount.item_start < 0:
        return amount.item.name
    start = said.paragraph.offset(amount.item_start)
    end = said.paragraph.offset(amount.item_end - 1) + 1
    return said.piece.text[start:end].strip("“”\"")


def _problem(narrative: Narrative, first: _Said, other: _Said) -> Problem:
    item, phase, year, scope, _ = other.key
    base = "预算" if narrative.doc.kind == "budget" and phase == "initial-budget" else _PHASE_NAMES.get(phase, phase)
    # Places are worked out for the statements reported only: placing every statement read the whole file for each document.
    line = _line(narrative, first)
    where = f"第 {line} 行" if line != _line(narrative, other) else "同一行前文"
    same = f"{year}年{'本级' if scope == 'own-level' else ''}{base}数"
    a, b = first.amount, other.amount
    message = (
        f"正文两处写到同一个数，却不相同：{where}写“{_written(first)}” {a.text} {a.unit}，这里写“{_written(other)}” {b.text} {b.unit}。"
        f"两处说的都是{same}，应当是同一个数：请照原文核对哪一处误录。"
    )
    found = narrative.problem("text-restated-mismatch", message, other.piece, other.paragraph.offset(b.start), stated=b.value, computed=a.value)
    return found


def _line(narrative: Narrative, said: _Said) -> int:
    return narrative.places.of(said.piece.path, said.piece.text, said.paragraph.offset(said.amount.start))[0]
