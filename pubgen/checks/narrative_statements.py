"""Read the statements of a narrative paragraph: amounts and what they belong to, rates, comparisons.

The reading is deliberately narrow. An amount belongs to an item only when the
item's name stands right before it, separated by nothing but words of phase,
year and connection (“年初预算为”, “2024年预算安排”, “科目”, “为”), or when its
clause holds nothing but such words and the sentence or paragraph already named
the item (“年初预算为 1560.05 万元，支出决算为1511.89万元”). Anything else is left
unread: a sentence the checks cannot read is skipped, never guessed.

Offsets here are offsets in the normalised paragraph (:mod:`.narrative_text`).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

from .narrative_items import CODE_PATH, CODE_PATH_END, DASH_PATH_END, DIGIT_CODE_END, Item, Items
from ..load import decimal_places
from .narrative_text import sentences
from .rounding import UNIT_FACTORS

_CLAUSE_MARKS = "，,；;。！？!?："

_YEAR = r"(?:19|20)\d\d年度?"
_PHASE_WORDS = {
    "年初预算数": "initial-budget",
    "年初预算": "initial-budget",
    "全年预算数": "adjusted-budget",
    "全年预算调整为": "adjusted-budget",
    "预算调整为": "adjusted-budget",
    "全年预算": "adjusted-budget",
    "调整后预算数": "adjusted-budget",
    "调整后预算": "adjusted-budget",
    "预算执行数": "actual",
    "全年执行数": "actual",
    "全年执行": "actual",
    "实际执行": "actual",
    "执行数": "actual",
    "执行": "actual",  # 项目支出全年预算数1441.78万元，执行1370.68万元 (a self-evaluation's funds)
    "全年支出": "actual",
    "支出决算数": "actual",
    "支出决算": "actual",
    "决算数": "actual",
    "决算": "actual",
    "实际支出": "actual",
    "决算支出数": "actual",
    "决算支出": "actual",
    "预算安排数": "budget",
    "预算安排": "budget",
    "预算数": "budget",
    "预算": "budget",
}
"""Words that say which figure of an item is meant; ``budget`` is the budget the document's tables print."""
PHASE_WORDS = _PHASE_WORDS
_LINKS = ("类科目", "款科目", "项科目", "科目", "由", "从", "均为", "均是", "各为", "各是", "均", "各", "为", "是", "共计", "合计", "总计", "共", "计", "达到", "达", "安排", "金额", "总额", "当年", "本年度", "全年", "：")
_GAP_WORDS = sorted([*_PHASE_WORDS, *_LINKS], key=len, reverse=True)
_GAP_BACKWARDS = re.compile("|".join(re.escape(w[::-1]) for w in _GAP_WORDS) + r"|度?年\d\d(?:91|02)")
"""One word that may stand between an item's name and its amount, spelt backwards: matched at the end of the text before the amount."""
_QUALIFIERS = re.compile(rf"(?:我部门|本部门|部门|我单位|本单位|单位|本级|财政拨款|当年|本年度?|实际支出|{_YEAR})$")
_BOUNDARY = set("的中及和与其括、门位级")
"""Characters a name may follow: a name glued to other words (其他项目支出) is not the item."""
_BODY_ENDS = set("局委办处室院会所站心府道区市县镇乡厅校馆队关协联")
"""Last characters of a body's or a place's name (政协, 科协, 妇联, 残联 among them): an item named right after one is that body's or place's."""
_OWN_SHORT = re.compile(r"^[本我](?:[局委办处室院会所站厅校馆队镇乡]|中心|街道|机关)$")
"""本局, 我委, 本中心, 本街道, 本机关: the document's own body."""
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+$")


def other_body(lead: str, own: tuple[str, ...]) -> bool:
    """Whether the words before an item's name give it to a body or place other than the document's own.

    “社会福利院一般公共预算财政拨款支出”, “经济普查中心项目支出”, “全区一般公共预算支出” and
    “涉及一般公共预算支出” (one project's money) are not the document's totals, while
    “区财政局一般公共预算支出” in the 财政局's document and “本局基本支出” are. A body is the
    document's own when its name ends with at least the last two characters of an ``own``
    name (the document's title before its year, its issuer, its unit).
    """
    if lead.endswith("的"):
        lead = lead[:-1]
    if lead.endswith("涉及"):
        return True
    if not lead or lead[-1] not in _BODY_ENDS:
        return False
    match = _CJK_RUN.search(lead)
    run = match.group() if match else lead[-1]
    if _OWN_SHORT.match(run[-3:]) or _OWN_SHORT.match(run[-2:]) or _OWN_SHORT.match(run[-4:]):
        return False
    return not any(len(name) >= 2 and run[-2:] == name[-2:] and _common_tail(run, name) >= 2 for name in own)


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n
_ALL_FUNDS = frozenset(
    ("收入支出总计", "收支总计", "收入支出决算总计", "收、支总计", "收入、支出总计", "收入、支出决算总计", "收、支决算总计", "收入总计", "支出总计", "本年收入合计", "本年收入", "本年支出合计", "本年支出")
    + ("收支总预算", "收、支总预算", "收入、支出总预算", "收支预算总额", "收、支预算总额", "收支预算总计", "收支预算")
    + ("收入预算", "预算收入", "部门收入预算", "单位收入预算", "支出预算", "预算支出", "部门支出预算", "单位支出预算")
    + ("收入总预算", "部门收入总预算", "收入预算总额", "收入预算总计", "支出总预算", "部门支出总预算", "支出预算总额", "支出预算总计")
)
"""Terms of all the money a department has: “财政拨款” before one of them names another item."""
_PRIOR = re.compile(r"上年(?!度?(?:结转|结余))|去年|上一年|同期")
"""Words of last year's figure; 上年结转 (this year's carry-over from last year) is not one."""
_LEADING_VERSUS = r"(?<![与同])相比(?:于|较)?(?=\s*(?:(?:19|20)\d\d\s*年|上年|上一年|去年|年初))"
"""“相比2016年的总收入…减少…”: 相比 opening what is compared with, as 比 does (not the 相比 that closes “与上年相比”)."""
# A clause that compares; _CMP below also finds where a comparison starts, to read what it compares.
_COMPARATIVE = re.compile(
    r"(?<![占对相])比(?![例重较率])|(?<!比)较(?![为好大小高低多少])|与[^，,；;。]{0,24}?(?:相比|比较)|" + _LEADING_VERSUS
)
_AGAINST_BUDGET = re.compile(r"(?:短收|超收|少收|多收)了?$")
"""“完成预算的12.4%，短收21761万元”: the figure is a shortfall against the budget, not the year's own amount."""
_THREE_DIGITS = re.compile(r"\d{3}")


@dataclass(slots=True)
class Amount:
    """An amount of money in the text, with what the text says it is."""

    start: int
    end: int
    value: Decimal
    text: str
    """The number as printed, without thousands separators."""
    unit: str
    sentence: int
    clause: str = ""
    """Its clause up to it, as written (“上海市普陀区财政局2024年度收入支出总计”)."""
    item: Item | None = None
    item_start: int = -1
    item_end: int = -1
    continued: bool = False
    """It belongs to the item the sentence or paragraph named before (“支出决算为 …”)."""
    bare: bool = False
    """Its clause says nothing but its phase (“年初预算为 …”, “支出决算为 …”)."""
    phase: str | None = None
    """``initial-budget``, ``adjusted-budget``, ``budget``, ``actual``, or None (the document's own)."""
    year: int | None = None
    prior: bool = False
    """The clause says it is an earlier year's figure."""
    comparative: bool = False
    """The clause compares (比, 较, 与…相比): it may be a change or a base, not the item's figure."""
    other_phases: tuple[str | None, ...] = ()
    """Other phases it may be of: a part of a 其中 list after a budget and an actual total that its sum does not settle."""


@dataclass(slots=True)
class Percent:
    """A percentage in the text."""

    start: int
    end: int
    value: Decimal
    text: str
    sentence: int


@dataclass(slots=True)
class Reading:
    """What one paragraph states."""

    text: str
    sentences: list[tuple[int, int]]
    amounts: list[Amount] = field(default_factory=list)
    percents: list[Percent] = field(default_factory=list)
    subject: Item | None = None
    """The item the paragraph is about, when its first words name one."""


_NUMBERING = re.compile(r"^(?:\d+[.、．]|[（(]?[一二三四五六七八九十\d]+[）)、.．]+)")


_BRACKETED = re.compile(r"^[（(][^（）()]{0,40}[）)]")
"""An aside in brackets."""


def _restated_in_brackets(text: str, before: Amount, amount: Amount) -> bool:
    """Whether ``amount`` is ``before`` again, in another unit, in brackets right after it (“826.32万元（8263229元）”)."""
    if text[before.end : amount.start] not in ("（", "(") or not text.startswith(("）", ")"), amount.end):
        return False
    if before.unit == amount.unit or before.unit not in UNIT_FACTORS or amount.unit not in UNIT_FACTORS:
        return False
    places = decimal_places(before.text)
    again = amount.value * UNIT_FACTORS[amount.unit] / UNIT_FACTORS[before.unit]
    return abs(again - before.value) <= Decimal(1).scaleb(-places) / 2


def read_paragraph(text: str, items: Items | None, year: int) -> Reading:
    """The amounts and percentages of a normalised paragraph, each amount with its item where the text says it."""
    spans = sentences(text)
    reading = Reading(text, spans)
    starts = [a for a, _ in spans]
    amounts = reading.amounts
    for start, end, num, unit in _figures_before(text, "元"):
        if text.startswith(("/", "／", "每"), end):
            continue  # 1100元/人/月 is a rate, not an amount
        plain = num.replace(",", "") if "," in num else num
        found = Amount(start, end, Decimal(plain), plain, unit, bisect.bisect_right(starts, start) - 1)
        if amounts and _restated_in_brackets(text, amounts[-1], found):
            continue  # 收入826.32万元（8263229元）: the same figure again, in 元; read, it stood for the figure the comparison after it is of
        amounts.append(found)
    for mark in ("%", "％"):
        if mark in text:
            for start, end, num, _ in _figures_before(text, mark):
                plain = num.replace(",", "")
                reading.percents.append(Percent(start, end, Decimal(plain), plain, bisect.bisect_right(starts, start) - 1))
    if "％" in text and "%" in text:
        reading.percents.sort(key=lambda p: p.start)
    if not reading.amounts:
        return reading
    if items is not None and "（类）" in text[spans[0][0] : spans[0][1]]:
        head = _NUMBERING.sub("", text[spans[0][0] : spans[0][1]]).rstrip("。")
        whole = CODE_PATH.fullmatch(head)
        if whole is not None:
            names = _path_names(whole)
            code, depth = items.path(names)
            if code is not None and depth == len(names):
                reading.subject = Item("code", code, head)
    sentence_subject: dict[int, Item] = {}
    sentence_head: dict[int, Item] = {}
    """The item each sentence names first, before any 其中 list."""
    last_named: dict[int, int] = {}
    """Where the last amount each sentence gives an item by name ends."""
    lead = _lead(text)
    marks = [match.end() for match in _CLAUSE_MARK.finditer(text)]
    previous: Amount | None = None
    for amount in reading.amounts:
        s_start = spans[amount.sentence][0]
        k = bisect.bisect_right(marks, amount.start) - 1
        # A clause is short; without a mark for thousands of characters, only the last words before the amount can name it.
        c_start = max(s_start, marks[k]) if k >= 0 else s_start
        _attribute(reading, amount, items, year, max(c_start, amount.start - _CLAUSE_WORDS))
        if not amount.comparative and c_start > s_start and text[c_start - 1] in "，,":
            # 比2023年的40,616,051.67万元，增加2,212,061.3万元 / 与2023年度相比，减少719.66万元: a change said in a clause of
            # its own goes on with the comparison before it; it is no figure of the year.
            j = k - 1
            while j >= 0 and marks[j] < len(text) and text[marks[j]].isdigit() and text[marks[j] - 2 : marks[j] - 1].isdigit():
                j -= 1  # the comma of 40,616,051.67 is no clause's
            p_start = max(s_start, marks[j]) if j >= 0 else s_start
            if _A_CHANGE.match(text[c_start : amount.start].strip()) and _a_comparison_only(text[p_start : c_start - 1]):
                amount.comparative = True
                amount.item = None
                amount.bare = amount.continued = False
        if amount.continued and items is not None and c_start > s_start and text[c_start - 1] in "：:":
            # 行政运行（项）：2025年预算数为358.64万元 — the item is named before the colon, the figure after it.
            head_start = max(s_start, c_start - 1 - 120)
            named = name_at_end(text[head_start : c_start - 1], items)
            if named is not None:
                amount.item, at = named
                amount.item_start = head_start + at
                amount.item_end = c_start - 1
                amount.continued = False
        item = amount.item
        if (
            item is not None
            and not item.elsewhere
            and previous is not None
            and previous.item is not None
            and previous.item.elsewhere
            and previous.sentence == amount.sentence
            and _LISTED.fullmatch(text, previous.end, amount.item_start)
        ):
            # 经济普查中心基本支出422.54万元、项目支出699.56万元: the list goes on about the body it started with.
            amount.item = Item(item.kind, item.key, item.name, elsewhere=True)
        previous = amount
        if amount.item is not None and not amount.continued:
            sentence_subject[amount.sentence] = amount.item
            last_named[amount.sentence] = amount.end
            if amount.sentence not in sentence_head and "其中" not in text[spans[amount.sentence][0] : amount.start]:
                sentence_head[amount.sentence] = amount.item
            if reading.subject is None and amount.sentence == 0 and amount.item_start <= lead:
                reading.subject = amount.item
        elif amount.continued:
            s_begin = spans[amount.sentence][0]
            named_last = last_named.get(amount.sentence, -1)
            if (
                amount.sentence in sentence_head
                and text.find("其中", s_begin, max(named_last, s_begin)) >= 0
                and (_LIST_CLOSED.search(text, named_last, amount.start) or _opens_a_list(text, amount.end))
            ):
                # “预算A万元（其中：…），实际支出B万元”: the list is closed, the sentence goes on about its total;
                # “…，公务接待费24.20万元，决算支出51.37万元，其中：…”: a figure another 其中 divides is a total too.
                amount.item = sentence_head[amount.sentence]
            else:
                amount.item = sentence_subject.get(amount.sentence) or reading.subject
            if amount.item is None:
                amount.continued = False
    for amount, after in zip(reading.amounts, reading.amounts[1:] + [None]):
        changed = _CHANGED_TO.match(text, amount.end)
        if changed is not None:
            amount.prior = True  # 公务用车运行费23.00万元减少到20.40万元: 23.00 is what it was, 20.40 what it is
            if after is not None and after.start == changed.end() and after.item is None and amount.item is not None and not amount.comparative:
                after.item, after.item_start, after.item_end = amount.item, amount.item_start, amount.item_end
                after.phase, after.continued = amount.phase, False
    if "其中" in text:
        _breakdowns_inherit(reading)
    return reading


def _a_comparison_only(clause: str) -> bool:
    """Whether a clause says only what is compared with, its change still to come (“与2023年度相比”, “比2023年的Y万元”)."""
    said = _COMPARATIVE.search(clause) or _BARE_VERSUS.fullmatch(clause.strip())
    return said is not None and _DIRECTION.search(clause, said.end()) is None


_BARE_VERSUS = re.compile(r"(?:上年|上一年|去年|(?:19|20)\d\d\s*年度?)(?:同期)?(?:决算|预算)?数?\s*(?:相比|比较)")
"""“2023年度相比”: a comparison whose 与 was left out (重庆 两路口: “收入合计7548.19万元,2023年度相比,减少719.66万元”)."""


_INTO = re.compile(r"(?:到|至|为)[ \t\u3000]*")
"""After a direction word, what it changed into follows: 减少到 15万元, 降至, 增加为."""
_CHANGED_TO = re.compile(r"[，,]?(?:减少|增加|下降|上升|降低|提高|增长|压减)(?:到|至|为)|[降增减][至为]")
"""After a figure, words that say it changed into the next one: the figure is the earlier one."""


_JOINS_ONLY = re.compile(r"[，,：:（(\s]*")
_COMPARED_WITH = re.compile(r"低于|高于|超过|少于|多于|超出|节约")


def _breakdowns_inherit(reading: Reading) -> None:
    """The parts listed after “其中” are of the phase and year of the total the statement opens with.

    ““三公”经费预算11324.44万元，比上年减少…，其中：因公出国（境）费9605.80万元” states the budget
    of each part; “上年支出X万元，其中：基本支出Y万元” last year's. The total is the statement's first
    figure (after the last ； or the previous 其中), not a budget quoted in passing (“支出51.37万元，完成年初预算
    64.20万元的80%，其中：…” lists actuals); a part that names its own phase or year keeps it.
    """
    text = reading.text
    for s_start, s_end in reading.sentences:
        at = text.find("其中", s_start, s_end)
        scope = s_start
        opened = s_start
        """Where the statement's own words start again after the previous list (its next total)."""
        while at >= 0:
            following = text.find("其中", at + 2, s_end)
            end = following if following >= 0 else s_end
            if following >= 0:
                # “其中：X费40.00万元，Y费24.20万元，决算支出51.37万元，其中：…”: the figure the next list divides
                # is its total, not this list's last part, when its words name no part (or name the first total's item).
                total = next((x for x in reversed(reading.amounts) if x.end <= following), None)
                if (
                    total is not None
                    and total.start > at
                    and not total.comparative
                    and _JOINS_ONLY.fullmatch(text, total.end, following)
                    and (total.continued or total.item is None or _same_item(total, first_named(reading, s_start, at)))
                ):
                    end = total.start
            start = max(scope, text.rfind("；", s_start, at) + 1)
            # The figure right before the list (“支出全年预算数A万元，决算数B万元，其中…”: B), unless it is a
            # comparison's (“比上年减少2.00万元，其中”, “低于年初预算64.20万元，其中”) or inside other words
            # (“完成年初预算A万元的80%，其中”); then the statement's first figure.
            head: Amount | None
            right_before = next((x for x in reversed(reading.amounts) if x.end <= at), None)
            if (
                right_before is not None
                and right_before.start >= start
                and not right_before.comparative
                and _JOINS_ONLY.fullmatch(text, right_before.end, at)
                and _A_CHANGE.search(right_before.clause)
            ):
                # “减少了“三公”经费342.74万元，其中公务用车购置及运行维护费308.87万元”: the list divides a change; its parts
                # are changes too, not the items' own figures. (After a comparison, “比上年减少4.50万元，其中：…” goes on
                # with the items' own figures as often as with their changes: those lists are read as before.)
                right_before.comparative = True
                for x in reading.amounts:
                    if at <= x.start < end:
                        x.comparative = True
                scope = at + 2
                opened = end
                at = following
                continue
            if (
                right_before is not None
                and right_before.start >= start
                and not right_before.comparative
                and not _COMPARED_WITH.search(right_before.clause)
                and _JOINS_ONLY.fullmatch(text, right_before.end, at)
            ):
                head = right_before
            else:
                head = next((x for x in reading.amounts if start <= x.start < at and not x.comparative), None)
            if head is None and at == s_start and (s_start, s_end) != reading.sentences[0]:
                # “…预算64.20万元，较2022年减少2.00万元。其中：…”: of the sentence before's last figure.
                p_start = next(a for a, b in reversed(reading.sentences) if a < s_start)
                head = next((x for x in reversed(reading.amounts) if p_start <= x.start < s_start and not x.comparative), None)
            bracket = text.find("）", at, end) if at and text[at - 1] in "（(" else -1  # （其中：…）
            closed = min((i for i in (text.find("；", at, end), bracket) if i >= 0), default=end)
            listed = [x for x in reading.amounts if at <= x.start < closed]
            own = [x for x in listed if not in_brackets(text, at, x.start)]  # （实际支出33.10万元）: an aside
            totals = [x for x in reading.amounts if max(start, opened) <= x.start < at and not x.comparative]
            whole = _summed_by(own, totals)
            if whole is not None:
                head = whole  # “预算数A万元，决算数B万元，完成预算的80%，其中：…” with parts adding up to B: B's
            if head is not None and head.item is not None and head.item.kind in ("code", "label") and not head.item.elsewhere:
                # “住房保障支出类科目A元，其中：基本支出B元，项目支出C元”: the class's own 基本支出 and 项目支出, not the department's.
                for x in own:
                    if x.item is not None and x.item.kind == "term" and x.item.key in _PART_COLUMNS:
                        key = f"{head.item.kind}:{head.item.key}|{_PART_COLUMNS[x.item.key]}"
                        x.item = Item("part", key, x.item.name)
            if _SUBORDINATE.search(text, s_start, at):
                # “下属共有6个事业单位，事业运行经费总预算安排A元，其中：基本支出预算B元”: the units' money, not the department's.
                for x in own:
                    if x.item is not None:
                        x.item = Item(x.item.kind, x.item.key, x.item.name, elsewhere=True)
            if any(x.phase is not None for x in own):
                head = None  # “其中：因公出国（境）费年初预算40.00万元，决算33.10万元；…”: the list says each phase itself
            others: tuple[str | None, ...] = ()
            if head is not None and whole is None:
                # “支出A万元，年初预算为B万元，其中：…” with parts that add up to neither (one misprinted): either total's.
                others = tuple({x.phase for x in totals if not x.prior and x.phase != head.phase})
            if head is not None and (head.phase is not None or head.prior):
                for amount in reading.amounts:
                    if amount.start < at:
                        continue
                    if amount.start >= end:
                        break
                    if amount.comparative or amount.year is not None:
                        continue
                    if amount.phase is None:
                        amount.phase = head.phase
                        amount.other_phases = others
                    if head.prior:
                        amount.prior = True
            scope = at + 2
            opened = end
            at = following


_SUBORDINATE = re.compile(r"(?<![含括及和])(?:下属|所属|直属|下辖)[^，,。；;]{0,12}?(?:单位|机构|学校|医院|中心)")
"""Words saying a sentence speaks of the department's subordinate bodies (下属共有6个事业单位)."""
_PART_COLUMNS = {"基本支出": "basic", "项目支出": "project", "人员经费": "personnel", "公用经费": "public"}
"""Parts a row of spending is divided into by the columns of its table."""


def in_brackets(text: str, start: int, at: int) -> bool:
    """Whether ``at`` lies inside a bracket opened after ``start`` and not yet closed."""
    return text.count("（", start, at) + text.count("(", start, at) > text.count("）", start, at) + text.count(")", start, at)


def _summed_by(parts: list[Amount], totals: list[Amount]) -> Amount | None:
    """The one total of ``totals`` that the phase-less ``parts`` (two or more, in one unit) add up to, if any.

    A reader tells which of two totals (a budget and an actual) a 其中 list divides by its sum.
    """
    plain = [x for x in parts if x.phase is None and x.year is None and not x.prior and not x.comparative]
    if len(plain) < 2 or len(plain) != len(parts) or len({x.unit for x in plain}) != 1:
        return None
    total = sum((x.value for x in plain), Decimal(0))
    places = max(_places(x.text) for x in plain)
    found = []
    for x in totals:
        if x.unit != plain[0].unit:
            continue
        step = Decimal(10) ** -max(places, _places(x.text))
        if abs(total - x.value) <= step * (len(plain) + 1) / 2:
            found.append(x)
    return found[0] if len({(x.phase, x.prior, x.value) for x in found}) == 1 else None


def _places(number: str) -> int:
    return len(number) - number.index(".") - 1 if "." in number else 0


def _opens_a_list(text: str, end: int) -> bool:
    """Whether a 其中 list starts right after a figure ending at ``end`` (“决算支出51.37万元，其中：…”)."""
    joined = _JOINS_ONLY.match(text, end)
    return joined is not None and text.startswith("其中", joined.end())


def first_named(reading: Reading, start: int, end: int) -> Amount | None:
    """The first amount between ``start`` and ``end`` whose words name its item."""
    return next((x for x in reading.amounts if start <= x.start < end and x.item is not None and not x.continued), None)


def _same_item(a: Amount, b: Amount | None) -> bool:
    return b is not None and a.item is not None and b.item is not None and a.item.key == b.item.key


_CLAUSE_WORDS = 240
"""Characters before an amount read as its clause, at most."""
_LISTED = re.compile(r"[、，,]?(?:和|及|以及)?")
_LIST_CLOSED = re.compile(r"[）)；;]")
"""What closes a 其中 list inside a sentence: its bracket or a ； (“（其中：…），实际支出…”, “其中：…；实际支出…”)."""
"""What joins two entries of a list of amounts (“A万元、B万元”)."""

_DIGITS = frozenset("0123456789.,")


def _figures_before(text: str, mark: str) -> Iterator[tuple[int, int, str, str]]:
    """Figures written right before ``mark`` (元 with 万/亿/千 before it, or %): start, end, number and unit.

    The text is searched for the mark and the number read backwards from it: far faster than a
    pattern tried at every digit of the paragraph.
    """
    at = text.find(mark)
    while at >= 0:
        unit_start = at - 1 if mark == "元" and at and text[at - 1] in "万亿千" else at
        match = _NUMBER_BACKWARDS.match(text[unit_start - 1 : unit_start - 25 if unit_start > 24 else None : -1]) if unit_start else None
        if match is not None:
            start = unit_start - match.end()
            if not start or text[start - 1] not in _DIGITS:
                end = at + 1
                if mark == "元":
                    doubled = _DOUBLED_UNIT.match(text, end)
                    if doubled is not None:
                        end = doubled.end()  # 上年结转1837600元元，占16.15%: a unit printed twice is one
                yield start, end, text[start:unit_start], text[unit_start : at + 1]
        at = text.find(mark, at + 1)


_DOUBLED_UNIT = re.compile(r"(?:万元|亿元|千元|元)+(?![旦月宵])")
"""A unit typed again right after a figure's (1837600元元, 10万元元, 元 元 once spaces are dropped), not 元旦 or 元月."""


_NUMBER_BACKWARDS = re.compile(r"(?:\d+\.)?(?:(?:\d{3},)+\d{1,3}|\d+)")
"""A number (1,234.56) spelt backwards, read from the character before its unit."""


def _lead(text: str) -> int:
    """Where the paragraph's own words start, after its numbering."""
    match = _NUMBERING.match(text)
    return match.end() if match else 0


def _path_names(match: re.Match[str]) -> list[str]:
    return [name for name in (match["c"], match["k"], match["x"]) if name]


_CLAUSE_MARK = re.compile("[" + re.escape(_CLAUSE_MARKS) + "]|(?<=持平)(?=[\u4e00-\u9fff])")
"""Where a clause starts: after a stop or a comma — or after 持平 that a comma should have followed (云县: “与上年持平公务接待费
预算数为310.37万元”), whose words are not the next figure's."""


def _attribute(reading: Reading, amount: Amount, items: Items | None, year: int, c_start: int) -> None:
    """Read what the words before an amount say about it: its year, phase, whether it compares, and its item."""
    clause = reading.text[c_start : amount.start]
    amount.clause = clause
    comparative = amount.comparative = (
        ("比" in clause or "较" in clause or "与" in clause) and _COMPARATIVE.search(clause) is not None
    ) or _AGAINST_BUDGET.search(clause[-4:]) is not None
    if "年" in clause:
        for match in _YEAR_RE.finditer(clause):
            y = int(match.group()[:4])
            amount.year = y
            if y != year:
                amount.prior = True
    if ("上" in clause or "去年" in clause or "同期" in clause) and _PRIOR.search(clause):
        amount.prior = True
    if amount.year is None and not amount.prior:
        # “2024年，我局一般公共预算支出预算安排4018.36万元，2025年安排3952.15万元”: the year opening the sentence, before
        # its comma, is the year of the figures after it until another year is said.
        s_start = reading.sentences[amount.sentence][0]
        opening = _OPENING_YEAR.match(reading.text, s_start, c_start)
        if opening is not None and not _YEAR_RE.search(reading.text, opening.end(), c_start):
            if opening["year"] is not None:
                amount.year = int(opening["year"])
                amount.prior = amount.year != year
            else:
                amount.prior = True
    before = clause
    phase: str | None = None
    phase_word = False
    subject_word = False
    found = None
    look = items is not None and not comparative
    while before:
        if look and items.might_end(before):  # type: ignore[union-attr]
            found = name_at_end(before, items, subject_word)  # type: ignore[arg-type]
            if found is not None:
                break
        if (
            look
            and (phase_word or before.endswith(("费支出", "类）支出", "款）支出", "项）支出")))
            and before.endswith("支出")
            and items.might_end(before[:-2])  # type: ignore[union-attr]
        ):
            # (“一般公共服务（类）支出3300.00万元”: the class's name without 支出, then its level, then 支出.)
            # 公务接待费支出预算为3.0万元: the item's spending, by its own name.
            found = name_at_end(before[:-2], items, subject_word)  # type: ignore[arg-type]
            if found is not None:
                break
        gap = _GAP_BACKWARDS.match(before[: -41 : -1])
        if gap is None:
            break
        word = gap.group()[::-1]
        said = _PHASE_WORDS.get(word)
        if look and said is not None and len(word) > 2 and word.startswith("支出"):
            # 一般公共预算财政拨款支出决算为…: “支出” ends the item's name, “决算” is the phase.
            kept = before[: len(before) - len(word) + 2]
            if items.might_end(kept):  # type: ignore[union-attr]
                found = name_at_end(kept, items, subject_word)  # type: ignore[arg-type]
                if found is not None:
                    phase_word = True
                    if phase is None:
                        phase = _PHASE_WORDS.get(word[2:], said)
                    break
        if said is not None:
            phase_word = True
            if phase is None:
                phase = said
        elif word.endswith("科目"):
            subject_word = True
        before = before[: -len(word)]
    amount.phase = phase
    if found is not None:
        amount.item, start = found
        amount.item_start = c_start + start
        amount.item_end = amount.item_start + len(amount.item.name)
        if not amount.item.elsewhere and _paid_otherwise(reading.text, c_start, amount):
            amount.item = Item(amount.item.kind, amount.item.key, amount.item.name, elsewhere=True)
        if phase is None:
            amount.phase = _phase_in_name(amount.item.name)
        return
    if not before:
        amount.bare = amount.continued = phase_word and not comparative


_OPENING_YEAR = re.compile(
    r"[ \t\u3000]*(?:[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]+[ \t\u3000]*)?(?:(?P<year>(?:19|20)\d\d)[ \t\u3000]?年度?|上年度?|去年)[，,]"
)
"""A sentence opening with its year and a comma (“2024年，我局……”, “上年度，本部门……”)."""
_OTHER_MONEY = re.compile(r"(?:上年结转|结转结余|结转资金|单位资金|单位自有资金|自有资金|其他资金|非财政拨款资金|事业收入|经营收入)[^，,。；;]{0,4}?安排")
"""Words before an item saying the figure is the part paid from money other than the year's appropriation."""
_FUND_SOURCE = re.compile(r"拨款|财政专户|单位资金|结转|结余|事业收入|经营收入|其他收入")
"""Names of where money comes from (一般公共预算拨款, 财政专户管理资金, 上年结转 …)."""
_SPLIT_BY_SOURCE = re.compile(r"采购|按[^，,。；;]{0,12}?(?:资金类型|资金来源|资金性质|来源)[^，,。；;]{0,6}?(?:划分|分)")
"""Words saying the figures that follow divide something else (政府采购预算, a project's money) by the source of its money."""


def _paid_otherwise(text: str, c_start: int, amount: Amount) -> bool:
    """Whether an item's figure is the part of it paid from other money than the document's tables show.

    “上年结转资金安排的“三公”经费支出预算20000元”: the part paid from last year's carry-over; “按政府采购资金类型划分，
    一般公共预算拨款17000元”: the purchases' money by its source, not the year's income.
    """
    assert amount.item is not None
    if _OTHER_MONEY.search(text, c_start, amount.item_start):
        return True
    if amount.item.kind not in ("term", "label") or not _FUND_SOURCE.search(amount.item.key):
        return False
    start = max(text.rfind("。", 0, amount.start), text.rfind("；", 0, amount.start)) + 1
    return _SPLIT_BY_SOURCE.search(text, start, amount.start) is not None


def gap_word(before: str) -> str | None:
    """The phase, year or link word ``before`` ends with, if any (read backwards, so only its end is looked at)."""
    match = _GAP_BACKWARDS.match(before[: -41 : -1])
    return match.group()[::-1] if match else None


_YEAR_RE = re.compile(_YEAR)
_PHASE_ENDINGS = sorted(_PHASE_WORDS, key=len, reverse=True)


@functools.lru_cache(maxsize=4096)
def _phase_in_name(name: str) -> str | None:
    """The phase a name says itself (机关运行经费预算, 收入预算), if any."""
    ending = next((w for w in _PHASE_ENDINGS if name.endswith(w)), None)
    return _PHASE_WORDS[ending] if ending else None


def _without_qualifiers(lead: str) -> tuple[str, list[str]]:
    """``lead`` without the qualifiers it ends with (本部门, 本级, 财政拨款, 2024年 …), and those qualifiers."""
    stripped: list[str] = []
    while lead:
        qualifier = _QUALIFIERS.search(lead[-12:])
        if qualifier is None:
            break
        stripped.append(qualifier.group())
        lead = lead[: len(lead) - (12 if len(lead) > 12 else len(lead)) + qualifier.start()]
    return lead, stripped


def name_at_end(before: str, items: Items, subject_word: bool = False) -> tuple[Item, int] | None:
    """The item named by the last words of ``before``, and where its name starts."""
    last = before[-1:]
    if not last or (last != "）" and not "\u3400" <= last <= "\u9fff"):
        return None  # a name ends with a Chinese character or its bracket
    tail = before[-120:]  # no name is longer; the patterns below then look at a short text
    base = len(before) - len(tail)
    if tail.endswith(("类）", "款）", "项）")):
        match = CODE_PATH_END.search(tail)
        if match is None:
            return None
        names = _path_names(match)
        code, depth = items.path(names)
        return (Item("code", code, match.group()), base + match.start()) if code is not None and depth == len(names) else None
    if subject_word or "-" in tail or "－" in tail:
        match = DASH_PATH_END.search(tail)
        if match is not None:
            names = _path_names(match)
            code, depth = items.path(names)
            if code is not None and depth == len(names):
                return Item("code", code, match.group()), base + match.start()
    if items.code_names and _THREE_DIGITS.search(tail):
        match = DIGIT_CODE_END.search(tail)
        if match is not None and items.code_names.get(match["code"]) == match["name"]:
            return Item("code", match["code"], match.group()), base + match.start()
    if subject_word:
        # 住房保障支出类科目A元: a class by its printed name before “类科目”, as the tables print it with its code.
        classes = items.children.get("", {})
        named = [name for name in classes if before.endswith(name)]
        if named:
            name = max(named, key=len)
            start = len(before) - len(name)
            lead = before[:start]
            if not lead or lead[-1] in _BOUNDARY or not "\u3400" <= lead[-1] <= "\u9fff":
                return Item("code", classes[name], name), start
    found = items.named(before)
    if found is None:
        found = _coded_by_name(before, items)
    if before.endswith("支出"):
        # 初中教育支出2,065,405.42元: the spending of the 项 the tables print as 初中教育, named with 支出 after it, and not
        # the class 教育支出 its name ends with.
        spent = _coded_by_name(before[:-2], items)
        if spent is not None and found is None and spent[0].key not in items.codes and items.named(before[:-2]) is not None:
            # 公务接待费支出1.95万元 in a 决算 whose 基本支出 table prints 30217 公务接待费: the “三公” figure the words name
            # (read as 公务接待费 and its 支出), not that economic code's row, which no spending table lists by function.
            spent = None
        if spent is not None and (found is None or len(spent[0].name) + 2 > len(found[0].name)):
            found = Item("code", spent[0].key, spent[0].name + "支出"), spent[1]
    if found is None:
        return None
    item, start = found
    lead, stripped = _without_qualifiers(before[:start])
    if item.kind == "code" and item.name.endswith("支出") and _glued(lead):
        # 小学教育支出 where the tables print no 小学教育: a longer item's name that ends with a class's, not that class.
        # Its figure and the 基本支出, 项目支出 its “其中” lists are that item's, which the tables do not print.
        run = _CJK_RUN.search(lead)
        glued = run.group() if run and not stripped else ""
        return Item("label", glued + item.name, glued + item.name), start - len(glued)
    if "财政拨款" in stripped and item.key in _ALL_FUNDS:
        return None  # 财政拨款收入预算总计 is the fiscal part, not the 收入预算 of all funds
    if lead and lead[-1] in "本我" and item.name.startswith(("部门", "单位")):
        return item, start  # 本部门收入预算: the name 部门收入预算 after 本, the document's own
    if lead.endswith(("安排", "开支")) and ("三公" in item.key or item.key.startswith("机关运行经费")):
        # 本部门财政拨款安排“三公”经费30万元, 安排机关运行经费: what is allocated to it is its budget; 财政拨款开支“三公”经费
        # (重庆) is what was spent on it.
        lead, _ = _without_qualifiers(lead[:-2])
    if "三公" in item.key and lead.endswith(("一般公共预算", "一般公共预算财政拨款", "财政拨款")):
        # 一般公共预算“三公”经费: the 三公 table is of 一般公共预算财政拨款 money.
        lead = lead[: -len(next(w for w in ("一般公共预算财政拨款", "一般公共预算", "财政拨款") if lead.endswith(w)))]
        lead, _ = _without_qualifiers(lead)
        if not lead or lead[-1] in _BOUNDARY or lead[-1] in _BODY_ENDS or not "\u3400" <= lead[-1] <= "\u9fff":
            if other_body(lead, items.own):
                return Item(item.kind, item.key, item.name, elsewhere=True), start
            return item, start
    if _glued(lead):
        return None
    if other_body(lead, items.own):
        return Item(item.kind, item.key, item.name, elsewhere=True), start
    return item, start


_GLUED_WORDS = ("初中", "高中")
"""Words ending with a character a name may follow (其中) that are the start of a longer name (初中教育支出)."""


def _glued(lead: str) -> bool:
    """Whether the words before a name are glued to it, making a longer name (其他项目支出, 初中教育支出)."""
    if not lead or not "\u3400" <= lead[-1] <= "\u9fff":
        return False
    return (lead[-1] not in _BOUNDARY and lead[-1] not in _BODY_ENDS) or lead.endswith(_GLUED_WORDS)


def _coded_by_name(before: str, items: Items) -> tuple[Item, int] | None:
    """A row the tables print with its code, named by its name alone (机构运行 A元), when no other code has that name."""
    unique = items.unique_code_names()
    best = ""
    for name in unique.get(before[-2:], ()):
        if len(name) > len(best) and before.endswith(name):
            best = name
    if not best:
        return None
    return Item("code", unique[before[-2:]][best], best), len(before) - len(best)


# --------------------------------------------------------------------------- comparisons

INCREASE = ("增加", "增长", "上升", "提高", "增多")
DECREASE = ("减少", "下降", "降低", "减少了", "压减")
SPENT_MORE = ("增支", "多支出", "多支", "超支")
SPENT_LESS = ("减支", "少支出", "少支", "节约", "节省", "压缩", "缩减", "回落")
"""Words of 财务 reports for a change of spending (“比上年增支180.27万元”, “节约2.00万元”): the change follows them, as after 增加."""
CHANGE_WORDS = "|".join(sorted(INCREASE + DECREASE + SPENT_MORE + SPENT_LESS, key=len, reverse=True))
"""Every word of a change in figures (增加, 减少了, 压减, 增支, 节约 …), longest first, for a pattern."""
_A_CHANGE = re.compile(
    r"(?:" + CHANGE_WORDS + r")了?(?![到至为后])"
    r"(?:(?!安排|预算|原则|要求|精神|规定|标准|措施|方面|的)[^，,；;。\d]){0,12}$"
)
"""Words before a figure that make it a change (“减少了“三公”经费342.74万元”), not the item's own amount — not the words of
an allocation that speaks of saving (“本着厉行节约原则安排”, “按照压减要求…预算安排”, “压减后…预算为”)."""
FLAT = ("基本持平", "持平", "保持不变", "不变", "相同", "一致", "无增减", "无变化", "没有变化")
SHORT_MORE = ("增收", "多", "增", "加")
SHORT_LESS = ("减收", "少", "减", "降")
"""Short forms of a direction, read only right before the figure: 比上年少2.00万元, 比上年预算数加23.47万元, 比上年减收1070万元."""
_DIRECTION = re.compile(
    "|".join(sorted(INCREASE + DECREASE + SPENT_MORE + SPENT_LESS + FLAT, key=len, reverse=True))
    + r"|(?:增收|减收|[多少增减降]|(?<![追增附参施添叠外再])加)(?=了?\d)"
)
"""A direction word; a short form (多, 少, 增, 减, 加, 降, 增收, 减收) only right before the figure."""


def direction_of(word: str) -> int | None:
    """+1 for a rise, -1 for a fall, 0 for no change."""
    if word in INCREASE or word in SPENT_MORE or word in SHORT_MORE:
        return 1
    if word in DECREASE or word in SPENT_LESS or word in SHORT_LESS:
        return -1
    if word in FLAT:
        return 0
    return RATE_WORDS.get(word)


RATE_WORDS = {"增幅": 1, "增长率": 1, "增长幅度": 1, "上升幅度": 1, "降幅": -1, "减幅": -1, "下降率": -1, "降低率": -1, "减少率": -1, "下降幅度": -1, "减少幅度": -1}
"""Words that name a rate of change and its direction (降幅19.09%, 增长率为5.35%)."""


@dataclass(slots=True)
class Comparison:
    """A comparison with another figure (比, 较, 与…相比) and what it says changed."""

    sentence: int
    start: int
    """Where the comparison word is."""
    word: str
    """The direction word as printed."""
    word_at: int
    direction: int
    current: Amount | None = None
    base: Amount | None = None
    change: Amount | None = None
    rate: Percent | None = None
    rate_word: str = ""
    rate_word_at: int = -1
    subject: str = ""
    """The item named in the comparison clause (“与2023年度相比，收入支出总计减少 …”)."""


_CMP = re.compile(
    r"(?<![占对相])比(?![例重较率])|(?<!比)较(?![为好大小高低多少])|与(?=[^，,；;。]{0,24}?(?:相比|比较|持平|基本持平))|同比|"
    + _LEADING_VERSUS
    + r"|[由从](?=\s*\d[\d,，.]*\s*(?:万元|元|亿元)\s*(?:增加|减少|下降|增长|上升|降低|提高|压减)了?\s*(?:到|至|为))"
)
"""The words that start a comparison; “由B减少到C” is one of its own (the second of “A由…到…，B由…到…”)."""


_UNITLESS_BASE = re.compile(r"(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+\.\d+|\d+\.\d+)[ \t\u3000]*$")
"""A figure with decimals and no unit right before a comparison's direction word (“比2016年的总收入6871.82减少”)."""


def _unitless_base(text: str, start: int, direction: re.Match[str], in_sentence: list[Amount]) -> Amount | None:
    """The base of “相比2016年的总收入6871.82减少243.10万元”: a figure printed without its unit between the comparison word and
    its direction word is read in the unit of the change said right after it — only there, and only a figure with
    decimals (a year or a count is none)."""
    found = _UNITLESS_BASE.search(text, start, direction.start())
    after = _AFTER_DIRECTION.match(text, direction.end())
    change = next((x for x in in_sentence if after is not None and x.start == after.end()), None)
    if found is None or change is None or change.unit == "元":
        return None
    number = found["n"].replace(",", "")
    return Amount(
        found.start(), found.end(), Decimal(number), number, change.unit, change.sentence, text[start : found.start()], prior=True, comparative=True
    )


def comparisons(reading: Reading, year: int) -> list[Comparison]:
    """Every comparison the paragraph makes, with the figures it compares where the text gives them."""
    text = reading.text
    out: list[Comparison] = []
    if "比" not in text and "较" not in text and "与" not in text and "由" not in text and "从" not in text:
        return out
    starts = [a for a, _ in reading.sentences]
    by_sentence: dict[int, list[Amount]] = {}
    for x in reading.amounts:
        by_sentence.setdefault(x.sentence, []).append(x)
    percent_at = {p.start: p for p in reading.percents}
    said_by: set[int] = set()
    """Where the direction words of the comparisons found so far are."""
    for cmp in _CMP.finditer(text):
        si = bisect.bisect_right(starts, cmp.start()) - 1
        a, b = reading.sentences[si]
        rest_end = _next_stop(text, cmp.end(), b)
        direction = _DIRECTION.search(text, cmp.end(), rest_end)
        while direction is not None and in_brackets(text, cmp.end(), direction.start()):
            # 比上年预算100.00万元（含年中追加5.00万元）增加20.00万元: the aside's words are not the comparison's
            direction = _DIRECTION.search(text, direction.end(), rest_end)
        if direction is None:
            continue
        if direction.start() in said_by:
            continue  # “与上年相比，某项由B减少到C”: one comparison, started by 与
        said_by.add(direction.start())
        comparison = Comparison(si, cmp.start(), direction.group(), direction.start(), direction_of(direction.group()) or 0)
        in_sentence = by_sentence.get(si, [])
        # The base printed inside the comparison: 比2025年执行数 B 万元增加 C%.
        comparison.base = next((x for x in in_sentence if cmp.end() <= x.start < direction.start()), None)
        if comparison.base is None:
            comparison.base = _unitless_base(text, cmp.end(), direction, in_sentence)
        after = _AFTER_DIRECTION.match(text, direction.end())
        if after is not None:
            comparison.change = next((x for x in in_sentence if x.start == after.end()), None)
            percent = percent_at.get(after.end())
            if percent is not None:
                comparison.rate, comparison.rate_word, comparison.rate_word_at = percent, direction.group(), direction.start()
        if comparison.change is not None and comparison.rate is None:
            second = _SECOND_RATE.match(text, comparison.change.end)
            if second is not None and "同比" in second.group() and "预算" in text[cmp.end() : direction.start()] and not _PRIOR.search(text, cmp.end(), direction.start()):
                pass  # “比预算减少6744万元，同比增长3.2%”: the rate is of another comparison, with last year
            elif second is not None:
                percent = percent_at.get(second.end())
                if percent is not None:
                    comparison.rate, comparison.rate_word, comparison.rate_word_at = percent, second["word"], second.start("word")
            else:
                comparison.rate = _bare_rate(text, comparison.change.end, percent_at)
        if comparison.rate is not None and comparison.change is None:
            # “较2024年预算下降9.09%，减少1.00万元”: the rate first, then by how much.
            said = _SECOND_RATE.match(text, comparison.rate.end)
            if said is not None and said["word"] not in RATE_WORDS and direction_of(said["word"]) == comparison.direction:
                comparison.change = next((x for x in in_sentence if x.start == said.end()), None)
        into = _INTO.match(text, direction.end())
        if into is not None and comparison.base is not None:
            # 与上年相比，公务用车购置费由25万元减少到15万元: 25 became 15; the sentence's first figure is another item's.
            comparison.current = next((x for x in in_sentence if x.start == into.end()), None)
            if comparison.current is not None and comparison.change is comparison.current:
                comparison.change = None  # “减少为15万元”: 15 is what it became, not by how much
            if comparison.current is not None and comparison.change is None and comparison.rate is None:
                # “由35.10万元减少到30.60万元，减少4.50万元，下降12.82%”: by how much, said after what it became.
                said = _SECOND_RATE.match(text, comparison.current.end)
                if said is not None and direction_of(said["word"]) == comparison.direction:
                    comparison.change = next((x for x in in_sentence if x.start == said.end()), None)
                    percent = percent_at.get(said.end())
                    if percent is not None:
                        comparison.rate, comparison.rate_word, comparison.rate_word_at = percent, said["word"], said.start("word")
                    elif comparison.change is not None:
                        second = _SECOND_RATE.match(text, comparison.change.end)
                        percent = percent_at.get(second.end()) if second is not None else None
                        if second is not None and percent is not None:
                            comparison.rate, comparison.rate_word, comparison.rate_word_at = percent, second["word"], second.start("word")
        # Figures of the same statement: after the last ；, before the comparison word.
        floor = max(a, text.rfind("；", a, cmp.start()) + 1)
        before = [x for x in in_sentence if floor <= x.start and x.end <= cmp.start() and not x.comparative]
        if (
            comparison.base is None
            and len(before) >= 2
            and before[-2].prior
            and not before[-1].prior
            and not _other_phase(text[cmp.end() : direction.start()], before[-2].phase)
        ):
            # 2023年当年预算执行数为 A 万元，2024年预算安排 B 万元，比2023年 ……
            # (but “2024年执行数A万元，2025年预算数B万元，较上年预算数减少C万元” compares with last year's budget, not A)
            comparison.base, comparison.current = before[-2], before[-1]
        # A budget inside the clause of a completion rate (“62.07万元，完成预算43.2万元的52.3%，比上年…”) or of a share
        # (“67955万元，占预算101032万元的67.3%，较上年同期…”) is not compared. “支出完成42.76亿元，同比增支7.74亿元” is the
        # year's figure: 完成 there says what was spent, not a budget.
        stated = [x for x in before if not completion_budget(text, x) and not _IN_SHARE.search(x.clause)]
        if comparison.current is None and stated and not stated[-1].prior:
            last = stated[-1]
            # (an aside in brackets right after it: 826.32万元（8263229元）; one with a figure of its own, 含上年结转12.00万元,
            # ends the figures before the comparison with that figure, and is left as it was)
            gap = _BRACKETED.sub("", text[last.end : cmp.start()], count=1)
            if _ONLY_JOINS.fullmatch(gap):
                comparison.current = last
            else:
                again = gap.strip("，, ")
                if _BOTH_SIDES.match(again) and "支" in again and _SUBJECT_ONLY.fullmatch(_BOTH_SIDES.sub("收支", again)):
                    # 广东: “收入总计690.03万元，支出总计690.03万元，收支总计较上年增加24.78万元”: both totals just stated, named
                    # again (收支总计, 收支总预算) — the equal pair stated last.
                    comparison.current = _stated_before(reading, both_totals(again) or again, cmp.start()) or _equal_sides(stated)
        if comparison.current is None and text.startswith("与", cmp.start()):
            # 与2023年度相比，收入支出总计减少56.95万元: the total stated just before.
            said = re.search(r"相比[，,]?", text[cmp.start() : direction.start()])
            if said is not None:
                # 收、支总计各增加…: “各”, “均”, “分别” say both rose, not what rose.
                comparison.subject = _EACH.sub("", text[cmp.start() + said.end() : direction.start()])
                if not comparison.subject:
                    # 收入支出总体与上年相比，增加58.21万元: the subject is said before 与 (both totals only: a bare 支出 said
                    # before 与 may be any of the figures stated before it).
                    lead = _EACH.sub("", text[floor : cmp.start()].strip("，, "))
                    comparison.subject = lead if both_totals(lead) else ""
                both = both_totals(comparison.subject)
                comparison.current = _stated_before(reading, both or comparison.subject, cmp.start())
        if comparison.current is None and comparison.base is None and not before:
            lead = _own_year_subject(text[floor : cmp.start()].strip("，, "), year)
            # (收、支总计较上年增加…: both sides' totals named again, with the 、 between them)
            if lead and _SUBJECT_ONLY.fullmatch(_BOTH_SIDES.sub("收支", lead)) and _EACH.sub("", lead) not in GENERIC_WHOLES:
                # 我单位总收入496.85万元。总收入较上年减少34.06万元，减少6.42%: the figure stated before for that subject.
                comparison.subject = _EACH.sub("", lead)
                both = both_totals(comparison.subject)
                if both:
                    # 收入总计21,066.67万元，支出总计21,066.67万元。收支较上年决算数增加2,003万元: the totals just stated.
                    comparison.current = _stated_before(reading, both, cmp.start())
                else:
                    comparison.current = next(
                        (
                            x
                            for x in reversed(reading.amounts)
                            if x.end <= cmp.start() and not x.prior and not x.comparative and names_exactly(x.clause, comparison.subject)
                        ),
                        None,
                    )
                    if comparison.current is not None:
                        comparison.current = _of_the_phase(reading, comparison.current, lead + text[cmp.start() : direction.start()], cmp.start())
            elif not lead and floor == a and si > 0:
                # 收入：792.22万元。同比上年度增加189.25万元: of the figure the sentence before ends with.
                previous = [x for x in by_sentence.get(si - 1, []) if not x.comparative]
                p_start = reading.sentences[si - 1][0]
                if (
                    len(previous) == 1  # one figure: a total followed by its parts (其中…) is not compared
                    and not previous[0].prior
                    and previous[0].phase is None  # not a budget quoted beside the year's figure
                    and not _BREAKDOWN_WORDS.search(text, p_start, a)
                    and (
                        _WORDS_TO_THE_END.fullmatch(text, previous[0].end, a)
                        # “…支出1875.75万元，占本年支出合计的79.48%。较年初预算数增加5.55万元”: its share ends the sentence
                        or (_RATE_TO_THE_END.fullmatch(text, previous[0].end, a) and _BASE_ONLY.fullmatch(text, cmp.end(), direction.start()))
                    )
                ):
                    comparison.current = previous[0]
                elif (
                    len(previous) >= 2
                    and previous[0].item is not None
                    and not previous[0].prior
                    and all(x.bare and not x.prior for x in previous[1:])
                    and not _BREAKDOWN_WORDS.search(text, p_start, a)
                    and _RATE_TO_THE_END.fullmatch(text, previous[-1].end, a)
                ):
                    # 云南: ““三公”经费财政拨款支出预算26.00万元，支出决算20.28万元，完成预算的78.0%。较上年决算减少2.46万元，
                    # 下降幅度为10.8%。”: of the figure of the phase the comparison names (决算 20.28), none when it names none.
                    comparison.current = _of_the_phase(reading, previous[0], text[cmp.start() : direction.start()], cmp.start())
                elif (
                    not by_sentence.get(si - 1)
                    and _REASON_ONLY.match(text, p_start)
                    and si > 1
                    and not comparison.subject
                    and _BASE_ONLY.fullmatch(text, cmp.end(), direction.start())
                ):
                    # 重庆: “收入237.52万元，较上年决算数增加237.52万元，增长100%。主要原因是新增单位。较年初预算数减少15.22万元，
                    # 下降6%。”: after a sentence giving only the reason, the same figure is compared again.
                    earlier = [x for x in out if x.sentence == si - 2 and x.current is not None]
                    if earlier and len({id(x.current) for x in earlier}) == 1:
                        comparison.current = earlier[0].current
                elif not comparison.subject and _BASE_ONLY.fullmatch(text, cmp.end(), direction.start()):
                    # “…支出1875.75万元。较年初预算数增加5.55万元，增长0.30%，主要原因是…。较上年增加155.50万元，增长9.94%”:
                    # a sentence that opens with a comparison of the figure before goes on with it in the next one.
                    earlier = [x for x in out if x.sentence == si - 1]
                    leads = _ONLY_STOPS.fullmatch(text, p_start, earlier[0].start) if earlier else None
                    if leads is not None and all(x.current is not None for x in earlier) and len({id(x.current) for x in earlier}) == 1:
                        comparison.current = earlier[0].current
        if comparison.current is None and comparison.base is None:
            semi = max(text.rfind("；", a, cmp.start()), text.rfind(";", a, cmp.start()))
            if semi >= 0 and not text[semi + 1 : cmp.start()].strip("，, ") and _BASE_ONLY.fullmatch(text, cmp.end(), direction.start()):
                # “…较上年决算数减少0.03万元，下降0.6%；较年初预算数减少6.3万元，下降58.3%”: after the ；, the same figure
                # compared with its budget — the figure of the comparisons right before the ；.
                opened = max(text.rfind("；", a, semi), text.rfind(";", a, semi), a)
                earlier = [x for x in out if x.sentence == si and opened <= x.start < semi and x.current is not None]
                if earlier and len({id(x.current) for x in earlier}) == 1:
                    comparison.current = earlier[0].current
        if comparison.base is None and comparison.change is None and comparison.rate is not None and comparison.current is not None:
            # “年初预算为1200.00万元，支出决算为1260.40万元，比年初预算增长5.30%”: the budget the words name, stated before
            # the figure in the same statement, is what it is compared with.
            named = NAMED_BUDGET.fullmatch(text, cmp.end(), direction.start())
            if named is not None and comparison.current.phase == "actual":
                wanted = ("initial-budget", "budget") if named["which"] == "年初" else ("adjusted-budget", "budget") if named["which"] else None
                budgets = [x for x in before if x.end <= comparison.current.start and not x.prior and x.phase is not None and x.phase != "actual"]
                if len(budgets) == 1 and (wanted is None or budgets[0].phase in wanted):
                    comparison.base = budgets[0]
        out.append(comparison)
    for comparison in list(out):
        if comparison.subject and comparison.current is not None:
            out.extend(_same_comparison_goes_on(reading, comparison, said_by, percent_at))
    return out


NAMED_BUDGET = re.compile(r"[，,]?\s*(?:比|较|与)?(?P<which>年初|全年|调整后?)?预算数?(?:相比)?[，,]?\s*")
"""The words of a comparison with the year's budget only, with or without its 比 (比年初预算, 较预算数, 与年初预算相比)."""


_NEXT_SUBJECT = re.compile(
    r"(?P<subject>[^\d，,；;。：:%％、比较与同]{2,12}?)(?P<dir>" + "|".join(sorted(INCREASE + DECREASE, key=len, reverse=True)) + ")"
)
"""“；支出总计减少2570.97万元”: the next total of a “与上年相比，…；…” sentence and how it changed."""


def _same_comparison_goes_on(reading: Reading, first: Comparison, said_by: set[int], percent_at: dict[int, Percent]) -> Iterator[Comparison]:
    """“与2021年相比，收入总计减少A万元，下降a%；支出总计减少B万元，下降b%”: the statements after the ； compare too."""
    text = reading.text
    a, b = reading.sentences[first.sentence]
    at = _next_stop(text, first.word_at, b)
    while at < b and text[at] in "；;":
        start = at + 1
        stop = _next_stop(text, start, b)
        said = _NEXT_SUBJECT.match(text, start, stop)
        if said is None or said.start("dir") in said_by:
            return
        subject = said["subject"]
        current = _stated_before(reading, subject, first.start)
        if current is None:
            return
        said_by.add(said.start("dir"))
        comparison = Comparison(first.sentence, start, said["dir"], said.start("dir"), direction_of(said["dir"]) or 0, current=current, subject=subject)
        after = _AFTER_DIRECTION.match(text, said.end())
        end = after.end() if after is not None else said.end()
        comparison.change = next((x for x in reading.amounts if x.start == end), None)
        if end in percent_at:
            comparison.rate, comparison.rate_word, comparison.rate_word_at = percent_at[end], said["dir"], said.start("dir")
        elif comparison.change is not None:
            second = _SECOND_RATE.match(text, comparison.change.end)
            if second is not None and second.end() in percent_at:
                comparison.rate, comparison.rate_word, comparison.rate_word_at = percent_at[second.end()], second["word"], second.start("word")
        yield comparison
        at = stop


def _bare_rate(text: str, at: int, percent_at: dict[int, Percent]) -> Percent | None:
    """A rate in brackets right after a change, with no word of its own: “较上年减少1.5万元(42.86%)”.

    Some templates print every change so; the rate is the change's, in its direction.
    """
    if at >= len(text) or text[at] not in "(（":
        return None
    percent = percent_at.get(at + 1)
    return percent if percent is not None and text[percent.end : percent.end + 1] in (")", "）") else None


def _other_phase(named: str, phase: str | None) -> bool:
    """Whether the comparison's words (“较上年预算数”) name a phase other than ``phase`` (an 执行数)."""
    if phase is None:
        return False
    says_budget = "预算" in named
    says_actual = "决算" in named or "执行" in named or "实际" in named
    if phase == "actual":
        return says_budget and not says_actual
    return says_actual and not says_budget


def _of_the_phase(reading: Reading, found: Amount, words: str, before: int) -> Amount | None:
    """The figure a comparison is of, when the sentence that stated it for its subject goes on with another phase's figure
    (““三公”经费年初预算5.00万元，决算4.50万元。……较上年决算数减少”): the one of the phase its words name, else none."""
    stated = [found] + [
        x
        for x in reading.amounts
        if x.sentence == found.sentence and found.end <= x.start and x.end <= before and x.bare and not x.prior and not x.comparative
    ]
    if len(stated) == 1:
        return found
    words = _FUND_NAMES.sub("", words)  # 一般公共预算财政拨款“三公”经费: a fund's name, not a phase
    says_budget = "预算" in words
    says_actual = "决算" in words or "执行" in words or "实际" in words
    if says_budget == says_actual:
        return None  # no phase named (or both): which figure is compared cannot be told
    fitting = [x for x in stated if x.phase is not None and (x.phase == "actual") == says_actual]
    return fitting[0] if len(fitting) == 1 else None


_EACH = re.compile(r"(?:各|均|分别|都)$")
_LEAD_IN = re.compile(r"(?:经|通过)?(?:比较|对比)(?:分析)?[，,][ \t\u3000]*")
"""Words that only open a comparison's sentence (“经比较，2021年度镇本级“三公”经费较上年……”)."""
_OWN_YEAR = re.compile(r"((?:19|20)\d\d)年度?")


def _own_year_subject(lead: str, year: int) -> str:
    """A comparison's subject as the words before it say it, without an opening “经比较，” and the document's own year
    (“2021年度镇本级“三公”经费” → “镇本级“三公”经费”, whose figure an earlier sentence printed) — an earlier year left in."""
    opened = _LEAD_IN.match(lead)
    if opened is not None:
        lead = lead[opened.end() :]
    said = _OWN_YEAR.match(lead)
    if said is not None and int(said[1]) == year:
        lead = lead[said.end() :]
    return lead


_SUBJECT_ONLY = re.compile(r"[^\d，,、：:（）()“”%％]{2,20}")
"""Words that can only be the name of what a comparison compares (总收入, 收、支总计各)."""
_ONLY_STOPS = re.compile(r"[。；;！!\s]*")
_BASE_ONLY = re.compile(r"(?:上年|去年|上一年|(?:19|20)\d\d年度?)?(?:同期)?(?:年初|全年|调整后)?(?:预算|决算|执行)?(?:支出|收入)?数?(?:相比)?[，,]?")
"""The words of a comparison that name only what it compares with (较年初预算数, 较上年决算数, 比2021年, and 重庆's 较上年支出数):
not an item (“同比基本支出增加…”, “与上年相比，公务用车运行维护费减少…”)."""
_REASON_ONLY = re.compile(r"[ \t\u3000]*(?:主要)?(?:增减|变动|变化)?原因")
"""A sentence that opens by giving a reason (主要原因是…, 原因：…)."""
_BREAKDOWN_WORDS = re.compile(r"其中|包括|主要用于")
"""Words of a sentence whose last figure is not the one a following comparison speaks of."""
_WORDS_TO_THE_END = re.compile(r"(?:[，,：:][^\d%％。；;]{0,80})?[。；;！!\s]*")
"""What may follow a figure to the end of its sentence when the next sentence compares it: words without figures (，为本级财政当年拨付的资金。)."""
_RATE_TO_THE_END = re.compile(r"(?:[，,][^\d%％。；;，,]{0,12}?\d+(?:\.\d+)?\s*[%％])?[。；;！!\s]*")
"""A sentence's end after its last figure that gives only its completion rate (，完成预算的78.0%。)."""
_AFTER_DIRECTION = re.compile(r"了?(?:幅度为|比例为|为)?")
_SECOND_RATE = re.compile(
    r"[，,、（(]?(?:同比)?(?P<word>" + "|".join(sorted(RATE_WORDS, key=len, reverse=True)) + r"|增长|下降|增加|减少|上升|降低|增收|减收)(?:了)?(?:幅度为|比例为|为|是|达到?)?"
)
"""After a change, the rate said of it: “减少1.00万元，下降9.09%”, “（下降9.09%）”, “，降幅9.09%”, “，增长率为11.11%”,
“减少112.81万元、下降16.0%” (重庆's district template); and after a rate, by how much (“下降32.0%，减收31940万元”, 财政总决算's words)."""
IN_COMPLETION = re.compile(r"完成[^，,；;。%％\d]{0,15}$")
"""The words of a completion rate before the budget it names (完成全年预算 84.82万元的73.2%)."""
_IN_SHARE = re.compile(r"占[^，,；;。%％\d]{0,15}$")
"""The words of a share before the whole it names (占预算101032万元的67.3%)."""
_BUDGET_WORD = re.compile(r"预算|计划|目标|任务")
_FUND_NAMES = re.compile(r"一般公共(?:财政)?预算|政府性基金预算|国有资本经营预算|社会保险基金预算")
"""The names of the four budgets (funds): their 预算 does not make a figure a budget."""
_OF_A_RATE = re.compile(r"的?\s*\d+(?:\.\d+)?[%％]")


def completion_budget(text: str, amount: Amount) -> bool:
    """Whether a figure is the budget a completion rate names (“完成全年预算84.82万元的73.2%”, “完成预算43.2万元”), not the
    figure completed (“支出完成42.76亿元”, “收入完成110万元，完成年初预算的95%”)."""
    said = IN_COMPLETION.search(amount.clause)
    if said is None:
        return False
    words = _FUND_NAMES.sub("", said.group())  # “完成一般公共预算收入12.30亿元”: the fund's name, not a budget
    return _BUDGET_WORD.search(words) is not None or _OF_A_RATE.match(text, amount.end) is not None


_ONLY_JOINS = re.compile(
    r"[，,]?(?:占[^，,；;。\d%％]{0,20}?\s*(?:\d[\d,]*(?:\.\d+)?(?:万元|亿元|元)的?)?\s*(?:\d+(?:\.\d+)?)?\s*[%％][，,])?"
    r"(?:(?:主要)?用于[^，,；;。\d%％]{1,40}?[，,])?"
    r"(?:完成[^，,；;。\d%％]{0,15}?(?:\d[\d,]*(?:\.\d+)?(?:万元|亿元|元))?的?\d+(?:\.\d+)?[%％][，,])?"
    r"(?:[比较](?:年初|全年|调整后)?预算数?[^，,；;。比较]{0,16}?[，,])?"
    # An earlier comparison of the same figure, said in full (“，比2022年度增加2.00万元，增长12.50%，比年初预算减少…”).
    r"(?:(?:同比|比|较)(?:上年|去年|(?:19|20)\d\d年度?)?[^，,；;。\d比较]{0,12}?(?:增加|减少|增长|下降|上升|降低)了?\d+(?:\.\d+)?(?:万元|亿元|元|[%％])"
    r"(?:[，,](?:增长|下降|上升|降低|增幅|降幅)(?:为)?\d+(?:\.\d+)?[%％])?[，,])?"
    r"(?:(?:19|20)\d\d年度?)?"
    r"(?:(?:按|以)?同口径(?:计算)?[，,]?)?"
)
"""What may stand between a figure and the comparison of it: a comma, its share, what it was spent on (重庆: “公务用车运行维护费5.20万元，
主要用于执法执勤车辆的燃料费、维修费、保险费等，较上年减少…”) (“，占10.73%，同比增加…”, “，占预算101032万元的
67.3%，较上年同期…”, or a share left blank, “，占基本支出预算%，”), its comparison with the budget (“，比预算增加0万元，比去年增加…”), a year, and
“按同口径” (the comparison's basis, not another figure)."""


_STATEMENT_END = re.compile(r"[；;。]")


def _next_stop(text: str, start: int, end: int) -> int:
    """Where the comparison's words end: the end of its statement (a ；), at the latest the sentence."""
    match = _STATEMENT_END.search(text, start, end)
    return match.start() if match else end


def _equal_sides(stated: list[Amount]) -> Amount | None:
    """The 支出 total of “收入总计690.03万元，支出总计690.03万元” ending ``stated``: a balanced budget's two equal sides."""
    if len(stated) < 2:
        return None
    income, expenditure = stated[-2], stated[-1]
    if income.value == expenditure.value and income.unit == expenditure.unit and "收入" in income.clause and "支出" in expenditure.clause:
        return expenditure
    return None


def _stated_before(reading: Reading, subject: str, before: int) -> Amount | None:
    """The amount the paragraph last stated for the item named ``subject`` (its own words), before ``before``."""
    return stated_among(reading.amounts, subject, before)


def stated_among(amounts: list[Amount], subject: str, before: int | None = None) -> Amount | None:
    """The last of ``amounts`` (ending before ``before``, if given) that states the item named ``subject``."""
    if len(subject) < 2:
        return None
    # 收入、支出决算总计 … 收入、支出总计各增加: the same total (only a total: “支出决算” is not “支出”).
    plain = subject.replace("决算", "") if subject.endswith(("总计", "合计")) else ""
    # 收入、支出决算总计 … 收、支总计各增加; 收入总预算 … 收、支总预算各增加 (the two sides of a balanced total are equal).
    both = _BOTH_SIDES.sub("收支", plain or subject) if "收" in subject and "支" in subject else ""
    sides = (both, both.replace("收支", "收入", 1), both.replace("收支", "支出", 1)) if both.startswith("收支") else ()
    for amount in reversed(amounts):
        if (before is None or amount.end <= before) and not amount.prior and not amount.comparative:
            if names(amount.clause, subject) or (plain and names(amount.clause.replace("决算", ""), plain)):
                return amount
            if sides:
                clause = _BOTH_SIDES.sub("收支", amount.clause.replace("决算", "").replace("预算", "") if plain else amount.clause)
                if any(names(clause, side) for side in sides):
                    return amount
    return None


_BOTH_SIDES = re.compile(r"收入?[、和与及]?支出?")
"""收入、支出 / 收、支 / 收支: both sides of a total."""
_BOTH_TOTALS = re.compile(r"(?:本年度?)?收入?[、和与及]?支出?(?:总计|总体|总量)?(?:决算数?)?")
"""收支 / 收入支出总体 / 收支总计 said as the subject of a comparison: the two totals (收入总计 = 支出总计) just stated."""


def both_totals(subject: str) -> str:
    """“收支总计” when ``subject`` names both sides' totals as a whole (收支, 收入支出总体, 收、支总计), else ""."""
    return "收支总计" if "收" in subject and "支" in subject and _BOTH_TOTALS.fullmatch(subject) else ""


_TOTAL_WORD = re.compile(r"总(?![计额])")
_PHASE_TAIL = re.compile(r"(?:预算|决算)数?$")
_SIDE_TOTAL = re.compile(r"(?:本年)?(?:总(?P<a>收入|支出)|(?P<b>收入|支出)总额)")


def whole_variants(name: str) -> list[str]:
    """Other ways of naming the whole a share names: 支出总预算 and 总支出预算 are 支出预算; 基本支出预算 is 基本支出; 总支出 is 支出."""
    out: list[str] = []
    side = _SIDE_TOTAL.fullmatch(name)
    if side is not None:
        # 总支出, 支出总额: the year's 支出合计 (not 支出总计, which adds what is carried over).
        which = side["a"] or side["b"]
        out += [v for v in (f"{which}合计", f"总{which}", f"{which}总额") if v != name]
    plain = _TOTAL_WORD.sub("", name)
    for variant in (plain, _PHASE_TAIL.sub("", plain)):
        if len(variant) >= 3 and variant not in GENERIC_WHOLES and variant != name and variant not in out:
            out.append(variant)
    return out


GENERIC_WHOLES = frozenset({"支出", "收入", "预算", "决算", "总额", "合计", "总计"})


def names_exactly(clause: str, subject: str) -> bool:
    """Whether the clause's last words, give or take phase words and qualifiers (本年, 本单位, 2025年), are ``subject`` and no more."""
    clause = clause[max(clause.rfind("，"), clause.rfind(","), clause.rfind("："), clause.rfind(":")) + 1 :]
    while clause:
        if clause.endswith(subject):
            lead = _without_qualifiers(clause[: -len(subject)])[0]
            for size in (2, 3):
                if _OWN_SHORT.fullmatch(lead[-size:]):  # 我院支出合计, 本中心支出合计
                    lead = _without_qualifiers(lead[:-size])[0]
                    break
            return not lead or not "\u3400" <= lead[-1] <= "\u9fff"
        word = gap_word(clause)
        if word is None:
            return False
        clause = clause[: -len(word)]
    return False


def names(clause: str, subject: str, own: tuple[str, ...] | None = None) -> bool:
    """Whether ``clause`` (the words before an amount) ends with ``subject``, give or take phase and link words.

    With ``own`` (the document's names), a subject the clause gives to another body
    (“其中社会福利院本年支出合计”) is not named: see :func:`other_body`.
    """
    while clause:
        if clause.endswith(subject):
            if own is None:
                return True
            return not other_body(_without_qualifiers(clause[: -len(subject)])[0], own)
        word = gap_word(clause)
        if word is None:
            return False
        clause = clause[: -len(word)]
    return False


# --------------------------------------------------------------------------- shares and completion

SHARE = re.compile(
    r"占(?:比)?(?:为)?(?:(?P<whole>[^，,；;。%\d]{2,30}?)的|(?P<bare>[^，,；;。%\d的比]{2,12}?))?(?:比重|比例)?(?:为|是)?\s*$"
)
"""“占x%”, “占本年支出合计的x%”, “占支出总预算 x%” (the whole named without 的)."""
COMPLETION = re.compile(
    r"(?:完成(?P<what>[^，,；;。%\d]{0,15}?)(?:\d[\d,]*(?:\.\d+)?(?:万元|亿元|元))?的?|(?:完成率|执行率|预算执行率)(?:为|是|达到?)?"
    r"|(?:(?:决算数?|执行数|全年执行数)(?:为|是|占)|[，,](?:为|是|占|相当于))(?P<of>(?:年初|全年|调整后?)?预算数?)的)$"
)
"""“完成预算的x%”, “完成全年预算43.2万元的x%” (the budget named inside), “预算执行率为x%”, “决算数为年初预算的x%”, and after the
决算 figure “，为年初预算的x%” / “，占年初预算的x%”."""
BREAKDOWN = re.compile(
    r"[，,]?(?:按[^，,。；;：:\d]{0,16}?(?:分类|科目|划分|来源|性质)[^，,。；;：:\d]{0,4}[，,：:]\s*(?:其中[，,：:]?)?|其中|主要用于以下方面|主要包括|包括|具体如下)"
)
"""What opens the list of a figure's parts: 其中, 包括 …, and 广东's “，按支出功能分类科目，其中：” / “，按支出功能分类科目划分，”."""


@dataclass(slots=True)
class Share:
    """“占 x%”: a part of a whole."""

    rate: Percent
    part: Amount
    whole: Amount | None
    whole_name: str
    """The whole as named (“本年支出合计”), when the text names it instead of stating it."""
    head: Amount | None = None
    """The figure the 其中 list of the part divides (“支出预算842.79万元，…。其中，基本支出781.93万元，占总支出92%”)."""


@dataclass(slots=True)
class Completion:
    """“完成预算的 x%”: the actual over the budget."""

    rate: Percent
    actual: Amount
    budget: Amount | None
    """None when the text names the budget without its figure (“决算为62.07万元，完成预算的73.2%”): the tables' is meant."""
    word: str = "完成"
    """The words before the rate as printed (完成, 预算执行率为): what the message quotes."""
    phase: str = "budget"
    """The budget the words name: ``initial-budget`` (年初预算), ``adjusted-budget`` (全年、调整后预算) or either (``budget``)."""


_ASIDE = re.compile(r"\s*[（(][^（）()]*[）)]\s*[，,]?")
"""A bracketed aside between a figure and its share (“（其中，一般公共预算…）”)."""


def shares(reading: Reading) -> list[Share]:
    """Every “占 x%” whose part is the amount right before it."""
    text = reading.text
    out: list[Share] = []
    for percent in reading.percents:
        a = reading.sentences[percent.sentence][0]
        lead = text[max(a, percent.start - 40) : percent.start]
        match = SHARE.search(lead)
        if match is None:
            continue
        at = percent.start - len(lead) + match.start()
        part = next((x for x in reading.amounts if x.sentence == percent.sentence and x.end <= at and text[x.end : at] in ("", "，", ",", "（", "(")), None)
        if part is None:
            # 财政拨款收入4352.47万元（其中，一般公共预算4352.47万元，…），占收入合计100%: an aside in brackets between them.
            part = next((x for x in reading.amounts if x.sentence == percent.sentence and x.end < at and _ASIDE.fullmatch(text, x.end, at)), None)
        if part is None:
            # 其他收入为12,037.17万元，主要是捐赠收入，占总收入的43.51%: one clause of words between them.
            part = next(
                (x for x in reading.amounts if x.sentence == percent.sentence and x.end < at and _WORDS_BETWEEN.fullmatch(text, x.end, at)),
                None,
            )
        if part is None:
            # 机关运行经费支出140.00万元，比2022年度减少10.00万元，降低6.67%，占基本支出的13.28%: its comparison stands between.
            part = next(
                (
                    x
                    for x in reversed(reading.amounts)
                    if x.sentence == percent.sentence
                    and x.end < at
                    and not x.comparative
                    and _COMPARED_BETWEEN.fullmatch(text, x.end, at)
                    and all(y.comparative for y in reading.amounts if x.end < y.start < at)
                ),
                None,
            )
        if part is None:
            continue
        whole_name = match["whole"] or match["bare"] or ""
        whole = None
        # The figure the list divides, also when the share names its whole (“占总支出52%”); a part that is a change
        # (“其中，基本支出增加50万元，占80%”) is a share of the change, never of the total before its comparison.
        changed = _DIRECTION.search(part.clause + part.text) is not None  # (“财政拨款收入增8.00万元”: the short word before its figure)
        for amount in reading.amounts:
            if amount.sentence == percent.sentence and amount.end <= part.start and (
                # “收入总计A元，与上年相比增加B元，其中：…占x%”: the list divides the total, not its change B
                # (a part that is itself a change, “其中：基本支出增加50万元，占80%”, is a share of the change).
                (BREAKDOWN.match(text, amount.end) and (changed or not amount.comparative))
                or (not changed and _compared_then_listed(reading, amount, part.start))
                # “全年执行数9490.58万元，预算执行率为96.20%，其中：基本支出3256.82万元，占34.23%”: its rate between.
                or (not changed and not amount.comparative and (rated := _RATED_THEN.match(text, amount.end)) is not None and BREAKDOWN.match(text, rated.end()))
            ):
                whole = amount
        if whole is None and percent.sentence > 0 and text.startswith("其中", a):
            # 本单位支出为1942.57万元。其中：基本支出1121.09万元，占57.71%: the total ends the sentence before.
            ending = [x for x in reading.amounts if x.sentence == percent.sentence - 1]
            last = ending[-1] if ending else None
            if last is not None and last.comparative and not changed:
                # 支出预算842.79万元，比上年增加62.15万元，增长7%。其中…: the total, then its comparison.
                stated = [x for x in ending if not x.comparative]
                if len(stated) == 1 and _compared_then_listed(reading, stated[0], a):
                    ending, last = stated, stated[0]
            if (
                last is not None
                and not last.prior
                and not last.comparative
                and (len(ending) == 1 or last.phase == "actual")
                and (_ONLY_STOPS.fullmatch(text, last.end, a) or _compared_then_listed(reading, last, a))
                and not _other_sides(last.clause, part.clause)
            ):
                # …预算为44.52万元，实际支出决算为22.62万元。其中公务接待费为20.10万元，占88.86%
                whole = last
        if whole is None and not whole_name:
            # “2023年度一般公共预算财政拨款“三公”经费支出决算中，公务接待费支出决算0.53万元，占69%”: the whole the
            # sentence opens with (the national 决算 template), its figure stated earlier or printed in the tables.
            opening = _WHOLE_OPENS.match(text, a)
            if opening is not None and opening.end() <= part.start and "其中" not in text[opening.end() : part.start]:
                # (a part listed after a 其中 further on is a part of the figure before that 其中, not of the opening whole)
                whole_name = opening["name"]
        head, whole = whole, None if whole_name else whole
        if head is not None and (_other_sides(head.clause, whole_name) or (head.item is not None and head.item.key not in _ALL_FUNDS)):
            head = None  # 占总收入的x% of a list that divides the spending; 占总支出 of a list of 一般公共预算支出's parts
        out.append(Share(percent, part, whole, whole_name, head))
    return out


_WHOLE_OPENS = re.compile(r"\s*(?:[^，,。；;：:\d]{0,30}?(?:19|20)\d\d\s*年度?)?(?P<name>[^，,。；;：:\d]{2,30}?(?<!其))中[，,：:]")
"""A sentence that opens by naming the whole its list divides (““三公”经费支出决算中，…”; not “其中，”)."""

_COMPARED_THEN = re.compile(r"[，,](?:同比|比|较|与)[^。；;！!其]*")
"""A comparison said right after a total, before the list of its parts (“，比上年增加62.15万元，增长7%”)."""


def _compared_then_listed(reading: Reading, total: Amount, at: int) -> bool:
    """Whether only a comparison of ``total`` stands between it and the list its parts start at ``at`` (其中, or the next sentence)."""
    said = _COMPARED_THEN.match(reading.text, total.end)
    if total.comparative or total.prior or said is None:
        return False
    if not (BREAKDOWN.match(reading.text, said.end()) or _ONLY_STOPS.fullmatch(reading.text, said.end(), at)):
        return False
    return all(x.comparative for x in reading.amounts if total.end < x.start < said.end())


def _side(clause: str) -> str | None:
    """收入 or 支出, when a clause names one side only."""
    income, spending = "收入" in clause, "支出" in clause
    return "收入" if income and not spending else "支出" if spending and not income else None


def _other_sides(whole: str, part: str) -> bool:
    """Whether a whole and a part are named as income and spending (“支出110万元。其中：财政拨款收入100万元”)."""
    a, b = _side(whole), _side(part)
    return a is not None and b is not None and a != b


_RATED_THEN = re.compile(r"[，,](?:预算)?(?:执行率|完成率|完成(?:全年|年初|调整后?)?预算(?:数)?的)(?:为|是|达到?)?\s*\d+(?:\.\d+)?\s*[%％]")
"""The execution rate of an amount said between it and the list of its parts (“，预算执行率为96.20%”)."""
_COMPARED_BETWEEN = re.compile(r"[，,](?:同比|比|较|与)[^。；;占]*?[，,]")
"""A comparison of an amount said between it and its share (“，比上年减少10.00万元，降低6.67%，”)."""
_WORDS_BETWEEN = re.compile(r"[，,][^，,。；;：:\d%％]{2,24}[，,]")
"""One clause without figures between an amount and its share."""


def completions(reading: Reading) -> list[Completion]:
    """Every “完成预算的 x%” (完成率, 执行率) after a budget and an actual amount of the same sentence."""
    text = reading.text
    out: list[Completion] = []
    for percent in reading.percents:
        a = reading.sentences[percent.sentence][0]
        lead = text[max(a, percent.start - 30) : percent.start]
        said = COMPLETION.search(lead)
        if said is None:
            continue
        # The two figures are those of this rate's own clause: after any earlier rate of the sentence and after the
        # last “；” (“…完成预算的91.23%，其中：…；公务用车…0.79万元，完成预算的92.94%” rates 0.79 by its own budget).
        floor = max(
            (p.end for p in reading.percents if p.sentence == percent.sentence and p.end <= percent.start),
            default=a,
        )
        floor = max(floor, text.rfind("；", a, percent.start) + 1)
        before = [
            x for x in reading.amounts if x.sentence == percent.sentence and floor <= x.start and x.end <= percent.start and not x.prior
        ]
        # Figures in brackets are a budget's parts (“支出预算为26.50万元（其中年初预算8.50万元，年中追加18.00万元），支出决算为
        # 25.32万元，完成预算的95.55%”): the rate is of the figures outside them, which it was checked against 年初 8.50.
        outside = [x for x in before if not in_brackets(text, floor, x.start)]
        if any(x.phase == "actual" for x in outside) and any(x.phase in ("initial-budget", "adjusted-budget", "budget") for x in outside):
            before = outside
        actual = next((x for x in reversed(before) if x.phase == "actual"), None)
        budget = next((x for x in reversed(before) if x.phase in ("initial-budget", "adjusted-budget", "budget")), None)
        # “决算数为年初预算的108.06%” after both budgets: the one it names (the last one stated was the 全年预算).
        which = (said.group("what") or said.group("of") or "").strip()
        wanted = "initial-budget" if "年初" in which else "adjusted-budget" if ("全年" in which or "调整" in which) else None
        if wanted is not None:
            stated_as = next((x for x in reversed(before) if x.phase == wanted), None)
            if stated_as is not None:
                budget = stated_as
            elif budget is not None and budget.phase != "budget":
                # “年初预算为30.00万元，支出决算为45.42万元，完成调整预算的100%”: the 调整预算 is not printed in the sentence.
                budget = None
        if actual is None and budget is not None and len(before) >= 2 and before[-1] is budget:
            # “一般公共预算收入42100万元，完成预算49531万元的85.0%”: what was done is the figure the completion follows.
            done = before[-2]
            if done.phase is None and not done.comparative and _DONE_THEN_BUDGET.fullmatch(text, done.end, budget.start):
                actual = done
        if actual is not None and budget is not None:
            word = said.group(0) if said.group("what") is None else "完成"
            out.append(Completion(percent, actual, budget, word))
        elif actual is not None and not before[-1].prior and before[-1] is actual and said.group("what") is not None:
            named = _BUDGET_NAMED.fullmatch(said.group("what"))
            if named is not None and actual.item is not None and not actual.item.elsewhere:
                phase = "initial-budget" if named["which"] == "年初" else "adjusted-budget" if named["which"] else "budget"
                out.append(Completion(percent, actual, None, "完成", phase))
    return out


_DONE_THEN_BUDGET = re.compile(r"[，,]\s*完成[^，,；;。%％\d]{0,12}")
"""Between a figure and the budget its completion names: “，完成预算”, “，完成全年预算”."""
_BUDGET_NAMED = re.compile(r"(?P<which>年初|全年|调整后|调整)?预算数?")
"""The budget a completion rate names without its figure: “完成预算的”, “完成年初预算的”."""


# --------------------------------------------------------------------------- budget against actual

VERSUS = re.compile(
    r"(?P<a>决算数?|执行数|实际支出)(?:(?:与|和|同)(?P<b1>(?:年初|全年|调整后)?预算数?)(?P<flat>基本持平|持平|相等|一致)"
    r"|(?P<cmp>大于|小于|高于|低于|超过|少于|多于|等于)了?(?P<b2>(?:年初|全年|调整后)?预算数?))"
    r"|(?P<b3>(?:年初|全年|调整后)?预算数?)(?P<rcmp>大于|小于|高于|低于|超过|少于|多于|等于)了?(?:决算数?|执行数)"
)
"""“决算数小于预算数”, “决算数与预算数基本持平”, “预算数大于决算数”."""

VERSUS_SIGN = {"大于": 1, "高于": 1, "超过": 1, "多于": 1, "小于": -1, "低于": -1, "少于": -1, "等于": 0, "持平": 0, "基本持平": 0, "相等": 0, "一致": 0}
"""The actual against the budget, as each word of :data:`VERSUS` says it: +1 above, -1 below, 0 equal."""
