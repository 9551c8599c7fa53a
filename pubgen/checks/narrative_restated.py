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

A change is stated twice too (“其中：公务接待费减少0.26万元，公务用车运行维护费增加14.79万元” in the overview, “公务用车运行维护费
28.91万元，较2014年度增加14.79万元” in the item's own paragraph). Its amount, and the rate said right after it, are compared
the same way: the item, base, year, scope and funds of the figure that changed must be the same, and so must what it is
measured against (上年 or a named year, and its 预算, 决算 or 执行数) and the direction. No table pins a change.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Iterator

from ..load import decimal_places
from ..problems import Problem
from .narrative_items import FISCAL_TWINS, TERMS, Item, Items
from .narrative_statements import (
    DECREASE,
    INCREASE,
    RATE_WORDS,
    SHORT_LESS,
    SHORT_MORE,
    SPENT_LESS,
    SPENT_MORE,
    Amount,
    Percent,
    Reading,
    direction_of,
    in_brackets,
    read_paragraph,
)
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
_BREAKDOWN = re.compile(r"公用经费|机关运行经费|机关运行费|商品和服务支出")
"""Wholes whose breakdown lines share names with the “三公” parts (办公费…，车辆运行费6.00万元): a 公用经费 line is the
基本支出 part of the “三公” item only (official-tables.md: equal only when all “三公” spending is 基本支出)."""
_THREE_PUBLIC_WORD = re.compile(r"三公")
_OWN_LEVEL = re.compile(r"本级|本部(?!门)")
_SUBORDINATE = re.compile(r"下属|所属|直属|下辖|二级|基层|各单位|单位合计|汇总")
_YEAR = re.compile(r"(?:19|20)\d\d(?=年)")
_PRIOR = re.compile(r"上年(?!度?(?:结转|结余))|去年|上一年|同期")
_COMPARES = re.compile(r"比|较|相比|同比")
_STATEMENT_MARK = re.compile(r"[；;]")
_CLAUSE_MARK = re.compile(r"[，,；;：:]")
_CHANGED_TO = re.compile(r"[，,]?(?:减少|增加|下降|上升|降低|提高|增长|压减)(?:到|至|为)|[降增减][至为]")

_READ_WORDS = 1500
"""A figure further than this many characters into its sentence, or whose comparison's words are longer, is not read
here. Real statements are far shorter; reading each figure of a megabyte sentence back to its start took hours."""

_PHASE_NAMES = {"initial-budget": "年初预算", "adjusted-budget": "调整后预算", "budget": "预算", "actual": "决算"}


@dataclass(slots=True)
class _Said:
    """One statement of an item's figure, or of by how much (or by what rate) it changed."""

    piece: Piece
    paragraph: Paragraph
    amount: Amount
    key: tuple[object, ...]
    """Item, base, year, scope (the department's or its 本级) and funds; for a change, what it is measured against too."""
    sign: int = 0
    """For a change or a rate: +1 for a rise, -1 for a fall."""
    words: str = ""
    """For a change or a rate: its item and direction as written (“公务用车运行维护费较2014年度增加”)."""


def restated(narrative: Narrative, read: list[tuple[Piece, Paragraph, Reading]]) -> Iterator[Problem]:
    """Figures of one item, base, year and scope stated in two places of the running text that differ."""
    doc = narrative.doc
    if doc.kind not in ("budget", "final-accounts") or not read:
        return
    items = narrative.items
    terms_only: Items | None = None
    if items is None:
        terms_only = Items.of(narrative.dc)  # no table: the usual terms still name the totals
    said: dict[tuple[object, ...], list[_Said]] = {}
    for piece, paragraph, reading in read:
        if terms_only is not None:
            reading = read_paragraph(paragraph.text, terms_only, doc.year)
        for amount in reading.amounts:
            key = _key(narrative, piece, paragraph, reading, amount)
            if key is None:
                continue
            said.setdefault(key, []).append(_Said(piece, paragraph, amount, key))
        if _CHANGE_HINT.search(reading.text):
            for one in _changes(narrative, piece, paragraph, reading):
                said.setdefault(one.key, []).append(one)
    for group in said.values():
        if len(group) < 2:
            continue
        # Statements that agree (within the precision each prints) go together; the largest set is the figure, the
        # first set on a tie; every other statement is told against the set's first.
        sets: list[list[_Said]] = []
        for one in group:
            home = next((s for s in sets if _same(s[0], one)), None)
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
    narrative: Narrative, piece: Piece, paragraph: Paragraph, reading: Reading, amount: Amount, pinned: bool = False
) -> tuple[str, str, int, str, str] | None:
    """What the statement is of, when the words settle it: item, base, year, scope and funds.

    A figure a table prints is left to the table, unless ``pinned`` (the figure a change is of: the change is no table's).
    """
    item = amount.item
    if item is None or item.elsewhere or item.kind != "term" or amount.comparative or amount.other_phases:
        return None
    s_start = reading.sentences[amount.sentence][0]
    if amount.start - s_start > _READ_WORDS:
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
    sentence = text[s_start : amount.start]
    statement = text[_after_last(_STATEMENT_MARK, text, s_start, amount.start) : amount.start]
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
        if term not in ("机关运行经费", "三公经费") and _in_breakdown(text, amount.item_start if amount.item_start >= 0 else amount.start, heading):
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
    if not pinned and items_pin(narrative, amount):
        return None
    return (term, phase, year, scope, funds)


def _earlier_year_said(reading: Reading, amount: Amount, year: int) -> bool:
    """Whether the statement before the amount's clause speaks of another year (a year, 上年, 同期) than by comparing with it."""
    text = reading.text
    start = _after_last(_STATEMENT_MARK, text, reading.sentences[amount.sentence][0], amount.start)
    words = text[start : amount.start - len(amount.clause)]
    if any(int(y) != year for y in _YEAR.findall(words)):
        return True
    marks = [m.start() for m in _CLAUSE_MARK.finditer(words)]
    for prior in _PRIOR.finditer(words):
        k = bisect.bisect_left(marks, prior.start())
        clause_start = marks[k - 1] + 1 if k else 0
        k = bisect.bisect_left(marks, prior.end())
        clause_end = marks[k] if k < len(marks) else len(words)
        if not _COMPARES.search(words, clause_start, clause_end):
            return True
    return False


def _in_breakdown(text: str, at: int, heading: str) -> bool:
    """Whether a “三公” part's name (at ``at``) is a line of a 公用经费 or 机关运行经费 breakdown: one of those wholes is
    named after the last “三公” in the paragraph before it (or, when the paragraph names neither, in its heading alone)."""
    wholes, threes = _wholes_and_threes(text)
    k = bisect.bisect_right(wholes, at)
    whole = wholes[k - 1] if k else -1
    k = bisect.bisect_right(threes, at)
    three = threes[k - 1] if k else -1
    if whole >= 0 or three >= 0:
        return whole > three
    return bool(_BREAKDOWN.search(heading)) and not _THREE_PUBLIC_WORD.search(heading)


@functools.lru_cache(maxsize=4)
def _wholes_and_threes(text: str) -> tuple[list[int], list[int]]:
    """Where each breakdown's whole and each “三公” named in a paragraph ends: found once, not once for each figure."""
    return [m.end() for m in _BREAKDOWN.finditer(text)], [m.end() for m in _THREE_PUBLIC_WORD.finditer(text)]


@functools.lru_cache(maxsize=8)
def _mark_ends(marks: re.Pattern[str], text: str) -> list[int]:
    """Where each of a paragraph's marks (one character each: ``_CLAUSE_START``, ``_STATEMENT_MARK``) ends."""
    return [m.end() for m in marks.finditer(text)]


def _after_last(marks: re.Pattern[str], text: str, s_start: int, at: int) -> int:
    """Where the clause or statement holding ``at`` starts: right after the last mark before it in the sentence that
    starts at ``s_start``, else there. The marks are found once a paragraph, not once a figure."""
    ends = _mark_ends(marks, text)
    k = bisect.bisect_right(ends, at)
    return ends[k - 1] if k and ends[k - 1] > s_start else s_start


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
    kind = other.key[0] if other.key[0] in ("change", "rate") else "level"
    item, phase, year, scope = other.key[1:5] if kind != "level" else other.key[:4]
    base = "预算" if narrative.doc.kind == "budget" and phase == "initial-budget" else _PHASE_NAMES.get(str(phase), str(phase))
    # Places are worked out for the statements reported only: placing every statement read the whole file for each document.
    line = _line(narrative, first)
    where = f"第 {line} 行" if line != _line(narrative, other) else "同一行前文"
    same = f"{year}年{'本级' if scope == 'own-level' else ''}{base}数"
    a, b = first.amount, other.amount
    if kind == "level":
        message = (
            f"正文两处写到同一个数，却不相同：{where}写“{_written(first)}” {a.text} {a.unit}，这里写“{_written(other)}” {b.text} {b.unit}。"
            f"两处说的都是{same}，应当是同一个数：请照原文核对哪一处误录。"
        )
    else:
        base_year, base_phase = other.key[6], other.key[7]
        against = f"{base_year}年{_BASE_NAMES[str(base_phase)]}"
        what = "增减额" if kind == "change" else "增减率"
        unit = "%" if kind == "rate" else f" {a.unit}"
        message = (
            f"正文两处写到{str(item).replace('三公经费', '“三公”经费')}的同一个{what}，却不相同：{where}写“{first.words}” {a.text}{unit}，这里写“{other.words}” {b.text}{'%' if kind == 'rate' else ' ' + b.unit}。"
            f"两处说的都是{same}比{against}的{'增减' if kind == 'change' else '增减幅度'}，应当是同一个数：请照原文核对哪一处误录。"
        )
    found = narrative.problem("text-restated-mismatch", message, other.piece, other.paragraph.offset(b.start), stated=b.value, computed=a.value)
    return found


def _line(narrative: Narrative, said: _Said) -> int:
    return narrative.places.of(said.piece.path, said.piece.text, said.paragraph.offset(said.amount.start))[0]


# --------------------------------------------------------------------------- changes stated twice

_DIRECTIONS = sorted(INCREASE + DECREASE + SPENT_MORE + SPENT_LESS + SHORT_MORE + SHORT_LESS, key=len, reverse=True)
_CHANGE_HINT = re.compile("|".join(_DIRECTIONS))
_NAMES = "|".join(re.escape(name) for name in sorted(_ITEM, key=len, reverse=True))
_YEAR_WORD = r"(?:19|20)\d\d年度?"
_PHASE_AFTER_NAME = r"(?:支出)?(?P<{}>年初预算数?|调整后预算数?|全年预算数?|预算安排数?|预算数?|预算执行数|执行数|支出决算数?|决算支出数?|决算数?|实际支出)?"


def _base_words(prefix: str = "") -> str:
    """The words of what a change is measured against: a year (or 上年, 同期) and its figure (预算, 决算, 执行数)."""
    return (
        rf"(?P<{prefix}byear>" + _YEAR_WORD + r"|上年同期|上年度?|上一年度?|去年|同期)?"
        rf"(?P<{prefix}bphase>年初预算数?|调整后预算数?|全年预算数?|预算执行数|执行数|决算数?|预算数?|实际支出数?)?"
    )


_BASE = _base_words()
_LEAD = r"(?:其中|另外|此外|同时)?[：:，,]?(?:[一二三四五六七八九十]+是|\d+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．])?(?:其中[：:]?)?"
_OWN = r"(?:本部门|本单位|我部门|我单位|部门|单位)?"


def _named(name: str, phase: str) -> str:
    return f"(?P<{name}>{_NAMES})" + _PHASE_AFTER_NAME.format(phase)


_DIRECTION_AT_END = r"(?P<dir>" + "|".join(_DIRECTIONS) + r")了?"
_CHANGE_CLAUSE = re.compile(
    "(?:" + _LEAD + r"(?P<cyear>" + _YEAR_WORD + ")?" + _OWN + _named("name1", "cphase1") + ")?"
    r"(?:(?P<cmp>同比|比|较|与|和|同)" + _BASE + r"(?P<versus>相比|比较)?)?"
    "(?:" + _named("name2", "cphase2") + ")?"
    + _DIRECTION_AT_END
)
"""The words of a clause that end right before a change (“公务接待费较2014年减少”, “较2014年度增加”, “其中：公务接待费减少”)."""
_VERSUS_ONLY = re.compile(_LEAD + r"(?:(?P<cmp>与|和|同)" + _BASE + r"(?:相比|比较)|(?P<cmp2>同比|比|较)" + _base_words("o") + ")")
"""A clause that says only what the next ones are compared with (“与上年相比”, “同比”)."""
_SEGMENT = re.compile(_LEAD + _OWN + "(?:" + _NAMES + ")" + _PHASE_AFTER_NAME.format("p") + _DIRECTION_AT_END + r"\d[\d,]*(?:\.\d+)?(?:万元|亿元|元)")
"""A clause that gives an item's change only (“公务接待费减少0.26万元”): a list of them goes on with the comparison before it."""
_LEAD_ONLY = re.compile(_LEAD)
_BASE_AT = re.compile(_BASE)
_RATE_CLAUSE = re.compile(r"(?:同比)?(?:" + "|".join(sorted([*INCREASE, *DECREASE, *RATE_WORDS], key=len, reverse=True)) + r")了?(?:幅度为|比例为|为|是)?-?\d+(?:\.\d+)?[%％]")
_CMP_WORD = re.compile(r"(?<![占对相])(?:同比|比(?![例重较率])|(?<!比)较(?![为好大小高低多少]))")
_RATE_AFTER = re.compile(
    r"[，,、（(]?(?:同比)?(?P<word>" + "|".join(sorted([*INCREASE, *DECREASE, *RATE_WORDS], key=len, reverse=True)) + r")了?(?:幅度为|比例为|为|是|达到?)?"
)
_MARKS = "，,；;：:。！？!?"
_CLAUSE_START = re.compile("[" + _MARKS + "]")
_QUALIFIED = re.compile(r"同口径|可比口径|口径|剔除|扣除|不含|含|追加|调整|下属|所属|二级")
"""Words saying a change is measured on another footing than the plain one (同口径, 剔除…后): not compared."""
_WIDER = re.compile(r"全[省市州盟县区旗镇乡]|各部门|各单位|全系统|汇总|本级|本部(?!门)")
"""Words of a wider or narrower whole than the document's (全县, 各部门, 本级): a “其中” list after them is theirs."""
_BASE_PHASES = {"年初预算": "initial-budget", "调整后预算": "adjusted-budget", "全年预算": "adjusted-budget", "预算": "budget", "预算执行": "execution", "执行": "execution", "决算": "actual", "实际支出": "actual"}
_BASE_NAMES = {"initial-budget": "年初预算数", "adjusted-budget": "调整后预算数", "budget": "预算数", "execution": "执行数", "actual": "决算数", "": "数"}


def _changes(narrative: Narrative, piece: Piece, paragraph: Paragraph, reading: Reading) -> Iterator[_Said]:
    """The changes (and their rates) a paragraph states of an item, each with what it is of and measured against.

    A change is read only where every word of its clause is understood: the item (named in the clause, or the figure
    stated right before it), the comparison (比上年, 较2014年度, 比年初预算; said in the clause, in a “与上年相比” clause
    before it, or — for a “其中：” list of changes only — in the sentence before), and its direction. Anything else is
    left out.
    """
    doc = narrative.doc
    text = reading.text
    by_start = {p.start: p for p in reading.percents}
    by_end = {x.end: x for x in reading.amounts}
    figures: list[Amount | Percent] = [*reading.amounts, *reading.percents]
    for figure in figures:
        percent = isinstance(figure, Percent)
        if not percent and figure.unit not in UNIT_FACTORS:  # type: ignore[union-attr]
            continue
        s_start, s_end = reading.sentences[figure.sentence]
        if figure.start - s_start > _READ_WORDS:
            continue
        cs = _after_last(_CLAUSE_START, text, s_start, figure.start)
        if cs > s_start and text[cs - 1] in ",，" and text[cs - 2 : cs - 1].isdigit() and text[cs : cs + 1].isdigit():
            continue  # the thousands' comma of a figure
        said = _CHANGE_CLAUSE.fullmatch(text, cs, figure.start)
        if said is None or in_brackets(text, s_start, figure.start):
            continue
        sign = direction_of(said["dir"])
        if not sign:
            continue
        name = said["name1"] or said["name2"]
        if said["name1"] and said["name2"]:
            continue
        phase_word = said["cphase1"] or said["cphase2"]
        base: tuple[int, str] | None
        versus_at = -1
        if said["cmp"]:
            if said["cmp"] in "与和同" and not said["versus"]:
                continue
            base = _base(doc.year, doc.kind, said["cmp"], said["byear"], said["bphase"])
            context = s_start
        else:
            found = _base_before(narrative, reading, figure.sentence, cs)
            if found is None:
                continue
            base, context, versus_at = found
        if base is None:
            continue
        if said["cyear"] and int(said["cyear"][:4]) != doc.year:
            continue
        if any(int(y) not in (doc.year, base[0]) for y in _YEAR.findall(text, context, figure.start)):
            continue  # a statement of another year's figures
        if _QUALIFIED.search(text, context, figure.start) or _WIDER.search(text, context, figure.start):
            continue
        if _prior_subject(text[context : figure.start]):
            continue  # “上年度“三公”经费决算12.00万元，比2022年度减少1.00万元。其中：…”: last year's changes
        statement_start = _after_last(_STATEMENT_MARK, text, s_start, figure.start)
        if name is None:
            # “公务用车运行维护费28.91万元，较2014年度增加14.79万元”: the change of the figure stated right before.
            # “收入总计1257.59万元，与上年相比，减少98.97万元”: of the figure stated right before the comparison.
            at = cs if said["cmp"] else versus_at
            current = by_end.get(at - 1) if text[at - 1] in "，," else None
            if current is None or current.start < statement_start:
                continue
            level = _key(narrative, piece, paragraph, reading, current, pinned=True)
            words = text[current.item_start if current.item_start >= 0 else current.start : figure.start]
        else:
            start = said.start("name1") if said["name1"] else said.start("name2")
            phase = _phase_named(phase_word)
            if phase is None and phase_word:
                continue
            if _phase_conflict(text[context:cs] + (phase_word or ""), doc.kind):
                continue
            pseudo = Amount(
                figure.start,
                figure.end,
                figure.value,
                figure.text,
                "%" if percent else figure.unit,  # type: ignore[union-attr]
                figure.sentence,
                text[cs : figure.start],
                Item("term", name, name),
                start,
                start + len(name),
                phase=phase,
                year=doc.year,
            )
            if percent:
                pseudo.unit = "元"  # the item's words are read as for an amount
            level = _key(narrative, piece, paragraph, reading, pseudo, pinned=True)
            words = text[cs : figure.start]
        if level is None or level[2] != doc.year:
            continue
        if doc.kind == "final-accounts" and base[0] < doc.year:
            if base[1] in ("budget", "initial-budget", "adjusted-budget"):
                continue  # last year's budget against this year's 决算: a comparison the words may mean otherwise
            if level[1] == "actual" and base[1] in ("", "execution"):
                base = (base[0], "actual")  # in a 决算, last year's figure is its 决算
        key = ("change", *level, *base) if not percent else ("rate", *level, *base)
        if percent:
            yield _Said(piece, paragraph, _as_amount(figure), key, sign, words)  # type: ignore[arg-type]
            continue
        yield _Said(piece, paragraph, figure, key, sign, words)  # type: ignore[arg-type]
        after = _RATE_AFTER.match(text, figure.end)
        if after is not None and after.end() in by_start:
            rate_sign = direction_of(after["word"]) or RATE_WORDS.get(after["word"])
            if rate_sign == sign:
                rate = by_start[after.end()]
                yield _Said(piece, paragraph, _as_amount(rate), ("rate", *level, *base), sign, words + text[figure.start : rate.start])


def _as_amount(percent: Percent) -> Amount:
    return Amount(percent.start, percent.end, percent.value, percent.text, "%", percent.sentence)


def _base(year: int, kind: str, cmp: str, said_year: str | None, said_phase: str | None) -> tuple[int, str] | None:
    """What a change is measured against: a year and its figure (预算, 决算, 执行数; "" where the words do not say)."""
    phase = ""
    if said_phase:
        word = said_phase.removesuffix("数")
        phase = _BASE_PHASES.get(word, "")
        if not phase:
            return None
    if said_year:
        base_year = int(said_year[:4]) if said_year[0].isdigit() else year - 1
    elif cmp == "同比":
        base_year = year - 1
    elif phase:
        base_year = year  # 比预算, 比年初预算: this year's
    else:
        return None
    if base_year > year or (base_year == year and phase in ("", "actual", "execution")):
        return None
    if kind == "budget" and base_year == year:
        return None
    return base_year, phase


def _base_before(narrative: Narrative, reading: Reading, sentence: int, cs: int) -> tuple[tuple[int, str] | None, int, int] | None:
    """The comparison a clause without one goes on with, where the words it belongs to start, and where the comparison's
    own clause starts when it is the clause right before (-1 otherwise).

    “与上年相比，公务接待费减少0.26万元，公务用车运行维护费增加14.79万元”: the clauses after “与上年相比” (changes
    of an item each, or their rates); “较2014年度……增加15.15万元。其中：公务接待费减少0.26万元，……”: a “其中” list of
    changes after a sentence that compares with one base only.
    """
    doc = narrative.doc
    text = reading.text
    s_start, _ = reading.sentences[sentence]
    end = cs - 1
    while end > s_start:
        start = _after_last(_CLAUSE_START, text, s_start, end)
        clause = text[start:end]
        versus = _VERSUS_ONLY.fullmatch(clause)
        if versus is not None:
            right_before = start if end == cs - 1 else -1
            if versus["cmp"]:
                return _base(doc.year, doc.kind, versus["cmp"], versus["byear"], versus["bphase"]), s_start, right_before
            return _base(doc.year, doc.kind, versus["cmp2"], versus["obyear"], versus["obphase"]), s_start, right_before
        if _LEAD_ONLY.fullmatch(clause):
            break  # “其中：”
        if not (_SEGMENT.fullmatch(clause) or _RATE_CLAUSE.fullmatch(clause)):
            return None
        end = start - 1
    if sentence == 0 or not re.match(_LEAD.removesuffix(r"(?:其中[：:]?)?") + "其中", text[s_start:cs]):
        return None
    p_start, p_end = reading.sentences[sentence - 1]
    if p_end - p_start > _READ_WORDS:
        return None
    bases = set()
    for cmp in _CMP_WORD.finditer(text, p_start, p_end):
        said = _BASE_AT.match(text, cmp.end())
        assert said is not None  # every part of it is optional
        if not said["byear"] and not said["bphase"] and cmp.group() != "同比":
            return None
        bases.add(_base(doc.year, doc.kind, cmp.group(), said["byear"], said["bphase"]))
    if len(bases) != 1 or _phase_conflict(text[p_start:p_end], doc.kind):
        return None
    return bases.pop(), p_start, -1


_STATEMENT_END = re.compile(r"[。！？!?；;]")


def _prior_subject(words: str) -> bool:
    """Whether a statement among the words opens with last year's figure (“上年度“三公”经费决算12.00万元，比2022年度…”):
    the changes it goes on with are last year's, not the document year's."""
    for start in (0, *(m.end() for m in _STATEMENT_END.finditer(words))):
        end = next((m.start() for m in _CLAUSE_MARK.finditer(words, start)), len(words))
        opening = words[start:end]
        if _PRIOR.search(opening) and not _COMPARES.search(opening):
            return True
    return False


def _phase_named(word: str | None) -> str | None:
    if not word:
        return None
    for said, phase in (("年初预算", "initial-budget"), ("调整后预算", "adjusted-budget"), ("全年预算", "adjusted-budget"), ("执行", "actual"), ("决算", "actual"), ("实际支出", "actual"), ("预算", "budget")):
        if said in word:
            return phase
    return None


_NOT_A_PHASE = re.compile(r"一般公共预算|完成[^，,；;。]{0,6}预算|占[^，,；;。]{0,6}预算|预算单位|预算管理")


def _phase_conflict(words: str, kind: str) -> bool:
    """Whether the words say the figures compared are not the document's own kind (a budget's in a 决算, or the reverse)."""
    words = _NOT_A_PHASE.sub("", words)
    if kind == "final-accounts":
        return "预算" in words
    return "决算" in words or "执行" in words


def _same(a: _Said, b: _Said) -> bool:
    """Whether two statements may be one figure (a change: in one direction too)."""
    if a.sign != b.sign and a.amount.value and b.amount.value:
        return False
    if a.amount.unit == "%" or b.amount.unit == "%":
        return _agree_rate(a.amount, b.amount)
    return _agree(a.amount, b.amount)


def _agree_rate(a: Amount, b: Amount) -> bool:
    if a.value == b.value:
        return True
    pa, pb = decimal_places(a.text), decimal_places(b.text)
    if pa == pb:
        return False
    fine, coarse, places = (a.value, b.value, pb) if pa > pb else (b.value, a.value, pa)
    step = Decimal(1).scaleb(-places)
    return any(fine.quantize(step, rounding=r) == coarse for r in (ROUND_HALF_UP, ROUND_DOWN))
