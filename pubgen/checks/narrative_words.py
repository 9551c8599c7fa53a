"""Words of the narrative that are wrong whatever the figures: template residue and the document's own year as the base year."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator

from .. import model as m
from .completeness import PLACEHOLDER
from .narrative_text import Piece

_DIRECTIONS = "增加|减少|增长|下降|上升|降低|提高|大于|小于|高于|低于"
_REASON_WORDS = r"(?:主要)?(?:增减变动|变动|变化|增减|差异|偏差)?"
_REASON = r"原因[ \t\u3000]*(?:(?:是|为|在于)(?:[ \t\u3000]*[：:])?|[：:])"
"""“原因是”“原因为：”“原因：”: the words before a reason (not “原因如下。”, whose reasons follow).

No two runs of spaces touch in these patterns (each is followed by a character it cannot hold):
“原因是” and 80,000 spaces made the search quadratic, a minute per paragraph."""
_ELLIPSIS = r"(?:…+|\.{3,}|。{3,}|·{3,})"
_INSTRUCTION = r"[（(][ \t\u3000]*请[ \t\u3000]*(?:填写|填列|填报|补充|据实|如实|根据实际|按实际|简要说明|具体说明|说明)[^（）()\n]{0,40}[）)]"
_MEASURE_ANY = r"台[（(]套[）)]|台套|辆|人次|万元|亿元|%|％|平方米|公里"
"""Measure words that are nothing else: an X before them stands for the number, whatever follows."""
_MEASURE_ALONE = r"台|套|人|名|个|项|家|次|件|处|户|所|批|场|期|份|篇|张|部|架|艘|元|天|亩"
"""Measure words that also begin other words (台式, 人员, 个人, 项目): counted only when no Chinese follows."""
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
RESIDUE: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (("X", "x", "Ｘ", "ｘ"), re.compile(r"[XxＸｘ]+(?:[.．][XxＸｘ]+)?")),
    # Full-width only: ** in an editor's Markdown is bold, not a placeholder.
    (("××", "＊＊"), re.compile(r"[×＊]{2,}")),
    # One × for a number (车辆×辆): not after a figure or before a rate (单价×台数, 人数×人均, 面积×元/平方米).
    (
        ("×",),
        re.compile(
            rf"(?<![×\d.．])×[ \t\u3000]?(?:(?:{_MEASURE_ANY})(?![/／])|(?:{_MEASURE_ALONE})(?![{_HAN}/／]))"
        ),
    ),
    (("待填写", "待补充"), re.compile(r"待(?:填写|补充)")),
    (("如持平作持平表述", "不涉及的不列"), re.compile(r"[（(](?:如持平作持平表述|不涉及的不列)[）)]")),
    (("（请", "(请"), re.compile(_INSTRUCTION)),
    # The form's word limit for the one who fills it in: “（100字以内）”, “(限200字)”, “（字数控制在300字以内）”.
    (("字以内", "字以下", "限", "字左右"), re.compile(
        r"[（(][ \t\u3000]*(?:限|字数控制在|不超过)?[ \t\u3000]*[\d０-９]{2,4}[ \t\u3000]*字(?:以内|以下|左右)?[ \t\u3000]*[）)]"
    )),
    # Nothing after the words of a reason but the full stop, or the template's ellipsis (reported with the
    # words before 原因, “主要变动原因是。”: the pattern starts at 原因 so that it is searched for as a plain word).
    (("原因",), re.compile(rf"{_REASON}[ \t\u3000]*(?:[。；;]|{_ELLIPSIS}[ \t\u3000]*(?:[。；;]|(?=\n)|$))")),
)
"""What a template leaves behind: XX placeholders, a lone X or × before a measure word (X台（套）, ×辆),
“增加（减少）”, an empty “主要原因：。” or “原因是……”, an instruction to the editor (（请说明增减原因）), a word limit (（100字以内）).

Each pattern is searched for only when one of its words is in the text: a plain search for
words is many times faster than a regular expression over every character, and most
documents hold none of them. An ``x`` inside a Latin word (XXL, Excel) is told apart afterwards.
"""
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CODE_LEVEL_AFTER = re.compile(r"\s*[（(](?:类|款|项)[）)]")
_MEASURE_AFTER = re.compile(rf"[ \t\u3000]?(?:(?:{_MEASURE_ANY})|(?:{_MEASURE_ALONE})(?![{_HAN}]))")
_NOT_BEFORE_ONE_X = frozenset("0123456789０１２３４５６７８９.．-－_/／")


def _placeholder(text: str, match: re.Match[str], floor: int = 0) -> int | None:
    """Where a run of X that is a placeholder ends, or ``None`` when it is part of a Latin word (XXL) or a name (iPhone X, X射线).

    A placeholder is two or more X, or one before （类）, or one before a measure word (X台（套）, X辆, X人次:
    reported with the measure word) but not after a figure (3X台). ``floor`` is where the piece starts in ``text``:
    nothing before it belongs to the same word.
    """
    a, b = match.span()
    if (a > floor and text[a - 1] in _LATIN) or (b < len(text) and text[b] in _LATIN):
        return None
    if len(match.group()) >= 2 or _CODE_LEVEL_AFTER.match(text, b) is not None:
        return b
    measure = _MEASURE_AFTER.match(text, b)
    if measure is None or (a > floor and text[a - 1] in _NOT_BEFORE_ONE_X):
        return None
    return measure.end()


_EMPTY_REASON_AT_END = re.compile(rf"{_REASON_WORDS}{_REASON}\s*$")
"""“主要原因是：” ending a paragraph that nothing follows (“原因如下：” promises what follows, a heading too)."""
_REASON_BEFORE = re.compile(rf"{_REASON_WORDS}\Z")
"""The words before 原因 that belong to it (主要变动), searched for back from it."""


@dataclass(frozen=True, slots=True)
class Found:
    """A place in a piece of text, and what was found there."""

    piece: Piece
    offset: int
    text: str


_EITHER_OR = re.compile(rf"\s*(?:[（(]\s*(?:或\s*)?(?:(?:{_DIRECTIONS})\s*[）)]?|[增减]\s*[）)])|[/／]\s*(?:{_DIRECTIONS}))")
_EITHER_OR_AFTER_ONE = re.compile(rf"\s*[（(]\s*(?:或\s*)?(?:{_DIRECTIONS}|增|减)\s*[）)]")
"""After 增 or 减 alone (“增（减）”, “增（减少）”) only a closed bracket: a slash there is too often something else."""
_DIRECTION_WORDS = frozenset(_DIRECTIONS.split("|"))
_NAMES_A_COLUMN = frozenset("额率幅栏数%％")


def _either_or(joined: Joined) -> Iterator[tuple[int, Found]]:
    """“增加（减少）”, “增长/下降”, “增（减）”, “增加（或减少）”: the template's two choices, both left in.

    Found from the brackets and slashes, which are few, rather than by a pattern tried at every character.
    """
    text = joined.text
    hits: list[tuple[int, re.Pattern[str]]] = []
    for mark in "（(/／":
        at = text.find(mark, 1)
        while at >= 0:
            end = at - 1 if text[at - 1] == " " else at
            if text[end - 2 : end] in _DIRECTION_WORDS:
                hits.append((end - 2, _EITHER_OR))
            elif mark in "（(" and text[end - 1 : end] in ("增", "减"):
                hits.append((end - 1, _EITHER_OR_AFTER_ONE))
            at = text.find(mark, at + 1)
    for start, pattern in sorted(hits, key=lambda hit: hit[0]):
        match = pattern.match(text, start + (2 if pattern is _EITHER_OR else 1))
        if match is None:
            continue
        if text[match.end() : match.end() + 1] in _NAMES_A_COLUMN or (text[start - 1 : start] in "“‘\"" and text[match.end() : match.end() + 1] in "”’\""):
            continue  # “增（减）”栏, 增（减）额, 增（减）%: the name of a column, not the template's two choices
        index = bisect.bisect_right(joined.starts, start) - 1
        piece = joined.pieces[index]
        if start >= joined.starts[index] and match.end() <= joined.starts[index] + len(piece.text):
            yield start, Found(piece, start - joined.starts[index], text[start : match.end()])


class Joined:
    """All pieces as one text, so that each pattern is searched once per document."""

    def __init__(self, pieces: list[Piece]) -> None:
        self.pieces = pieces
        self.starts: list[int] = []
        at = 0
        for piece in pieces:
            self.starts.append(at)
            at += len(piece.text) + 1
        self.text = "\n".join(p.text for p in pieces)

    def search(self, pattern: re.Pattern[str]) -> Iterator[tuple[Piece, int, re.Match[str]]]:
        """Each match inside one piece, with the piece and the piece's offset in the joined text."""
        for match in pattern.finditer(self.text):
            index = bisect.bisect_right(self.starts, match.start()) - 1
            piece = self.pieces[index]
            if match.end() <= self.starts[index] + len(piece.text):
                yield piece, self.starts[index], match


_BLANK_FIGURE = re.compile(
    r"(?:(?:占|增长|下降|增加|减少|上升|降低|节约|超支)了?[ \t\u3000]*(?:[%％]|万元|亿元|元)"
    r"|占(?![比用有地])[^\d%％，,。；;、（）()“”|\s]{1,15}?(?:的比重为|的比例为|比重为|比例为|的)?[ \t\u3000]*[%％])"
    r"(?=[，,。；;、）)\s]|$)"
)
"""A share or a change whose figure was never filled in: “占 %”, “占基本支出预算%”, “比上年减少 万元”, “同比增加 元”
(not a column's name: 占比%, 占用%, 占有率%)."""


_ONLY_THE_FORM = re.compile(r"\s*[≥≤＞＜><=＝]\s*(?:%|％|[^\d\s%％≥≤＞＜><=＝]{1,4})?\s*|\s*(?:%|％)\s*")
"""An indicator's value that is only the form's operator and unit (≤%, ≥个, =万元) or a bare %: the figure left out."""


def residue(joined: Joined, body: list[m.Block]) -> Iterator[Found]:
    """Template words left in any text of the document."""
    pieces = joined.pieces
    found: list[tuple[int, Piece, int, str]] = []
    for triggers, pattern in RESIDUE:
        if not any(t in joined.text for t in triggers):
            continue
        for piece, offset, match in joined.search(pattern):
            stop = match.end()
            if match.group()[0] in "XxＸｘ":
                placeholder = _placeholder(joined.text, match, offset)
                if placeholder is None or placeholder > offset + len(piece.text):
                    continue
                stop = placeholder
            if match.group().startswith("待") and joined.text[max(0, match.start() - 1) : match.start() + 2] == PLACEHOLDER:
                continue  # “（待填……）” is what `pubgen new` writes: reported as text-to-fill
            start = match.start()
            if match.group().startswith("原因"):
                before = _REASON_BEFORE.search(joined.text, max(offset, start - 6), start)
                start = before.start() if before is not None else start
            found.append((start, piece, start - offset, joined.text[start:stop]))
    for at, either in _either_or(joined):
        found.append((at, either.piece, either.offset, either.text))
    if "%" in joined.text or "％" in joined.text or "万元" in joined.text:
        for piece, offset, match in joined.search(_BLANK_FIGURE):
            if piece.prose:
                found.append((match.start(), piece, match.start() - offset, match.group()))
    for index, piece in enumerate(pieces):
        if piece.path[-1] in ("target", "actual") and _ONLY_THE_FORM.fullmatch(piece.text):
            # “≤%”, “≥ 个”: the operator and the unit of the template, the figure never typed in.
            found.append((joined.starts[index], piece, 0, piece.text.strip()))
    for _, piece, at, text in sorted(found, key=lambda f: f[0]):
        yield Found(piece, at, text)
    for piece in pieces:
        if piece.prose and "原因" in piece.text[-12:]:
            end = _EMPTY_REASON_AT_END.search(piece.text, max(0, len(piece.text.rstrip()) - 16))
            if end is not None and not _continues(piece, body):
                yield Found(piece, end.start(), end.group().strip())


def _continues(piece: Piece, body: list[m.Block]) -> bool:
    """Whether the text goes on after this piece (a list of reasons, another paragraph)."""
    path = piece.path
    if len(path) >= 4 and path[2] == "items":
        block = body[piece.block]
        if isinstance(block, m.ListBlock) and int(path[3]) + 1 < len(block.items):
            return True
    following = body[piece.block + 1] if 0 <= piece.block and piece.block + 1 < len(body) else None
    return isinstance(following, (m.ListBlock, m.Text, m.Table))


_PRIOR_YEAR_SAID = re.compile(r"上一?年度?[ \t\u3000]?[（(][ \t\u3000]?(?P<year>(?:19|20)\d\d)[ \t\u3000]?年度?[ \t\u3000]?[）)]")
"""“上年（2023年）”: the prior year, named in brackets."""
_BASE_YEAR = re.compile(r"(?P<word>比|较|与|同)\s*(?P<year>(?:19|20)\d\d)\s*年(?P<rest>[^，,；;。\n]{0,24})")
_COMPARED = re.compile(r"相比|持平|比较|相同|一致|增|减|下降|上升|降低|提高")
_SAME_YEAR_BUDGET = re.compile(r"^\s*度?\s*(?:的)?\s*(?:年初|初|全年|调整后)?\s*(?:部门)?\s*预算")


@dataclass(frozen=True, slots=True)
class YearFound:
    """A comparison whose base year is the document's own year or later."""

    piece: Piece
    offset: int
    text: str
    year: int


_YEAR_TRIGGERS = tuple(f"{w}{s}20" for w in "比较与同" for s in ("", " "))


_OTHER_BASIS = re.compile(r"执行|实际|调整|预计|决算|预算")


def _shifted(text: str, floor: int, at: int, doc: m.Document) -> bool:
    """Whether the statement before a comparison with the year before last names last year as its own, in the words of
    the document's own phase (“2024年“三公”经费预算较2023年…” in a 2025 budget; not “2024年执行数比2023年…”), or, in a
    决算, its own year (a budget may compare with the last 决算 there is, the year before last's)."""
    said = text[max(floor, max(text.rfind(mark, floor, at) for mark in "。；;\n") + 1) : at]
    if doc.kind == "final-accounts" and re.search(rf"{doc.year}\s*年度?", said) and not re.search(r"预算|执行|调整", said):
        return True  # “2024年度“三公”经费财政拨款支出决算比2022年度减少…”: a 决算 compares with the year before its own
    named = re.search(rf"{doc.year - 1}\s*年度?", said)
    if named is None or str(doc.year) in said:
        return False
    words = set(_OTHER_BASIS.findall(said[named.end() :]))
    own = _OWN_PHASE.get(doc.kind)
    return own is not None and words <= {own} and bool(words)


_BASE_FIGURE_SAID = re.compile(r"[ \t\u3000]*年度?的[ \t\u3000]*\d")
"""The year before last with its own figure (“与2022年度的28.10万元基本持平”): compared on purpose, in passing."""


def wrong_years(joined: Joined, doc: m.Document) -> Iterator[YearFound]:
    """“比2026年” in a 2026 budget: the base of a comparison is the document's own year, or a later one."""
    text = joined.text
    starts: list[int] = []
    for trigger in _YEAR_TRIGGERS:  # a plain search for the few places, then the pattern there only
        at = text.find(trigger)
        while at >= 0:
            starts.append(at)
            at = text.find(trigger, at + 1)
    for start in sorted(starts):
        match = _BASE_YEAR.match(text, start)
        if match is None:
            continue
        index = bisect.bisect_right(joined.starts, start) - 1
        piece, offset = joined.pieces[index], joined.starts[index]
        year = int(match["year"])
        if (
            year == doc.year - 2
            and match.end("year") <= offset + len(piece.text)
            and not _BASE_FIGURE_SAID.match(text, match.end("year"))
            and _shifted(text, max(offset, start - 60), start, doc)
        ):
            # “2024年“三公”经费预算较2023年减少1.50万元” in a 2025 budget: last year's sentence, its years not moved on.
            yield YearFound(piece, match.start("year") - offset, match["word"] + match["year"] + "年", year)
            continue
        if year < doc.year or match.end("year") > offset + len(piece.text) or (start > offset and text[start - 1] in "占对相"):
            continue
        rest = match["rest"]
        if match["word"] == "与" and not _COMPARED.search(rest):
            continue  # “与2026年部门预算一并公开” compares nothing
        if year == doc.year and doc.kind != "budget" and _SAME_YEAR_BUDGET.match(rest):
            continue  # a 决算 or 自评 compares the year's actual with the same year's budget
        yield YearFound(piece, match.start("year") - offset, match["word"] + match["year"] + "年", year)
    if "上" in text:
        # 比上年（2023年）减少, in the 2023 final accounts: the bracket names the document's own year as the prior one.
        for match in _PRIOR_YEAR_SAID.finditer(text):
            year = int(match["year"])
            if year < doc.year:
                continue
            index = bisect.bisect_right(joined.starts, match.start()) - 1
            piece, offset = joined.pieces[index], joined.starts[index]
            if match.end() > offset + len(piece.text):
                continue
            yield YearFound(piece, match.start("year") - offset, match.group(), year)


_OWN_YEAR_SAID = re.compile(
    r"纳入[^。；;，,\n]{0,40}?(?P<scope>(?:19|20)\d\d)[ \t\u3000]?年度?[^。；;，,\n\d]{0,8}?(?P<scope_phase>预算|决算)(?:编制)?范围"
    r"|本年度?[ \t\u3000]?[（(][ \t\u3000]?(?P<own>(?:19|20)\d\d)[ \t\u3000]?年度?[ \t\u3000]?[）)]"
    r"|(?P<published>(?:19|20)\d\d)[ \t\u3000]?年度?(?:部门|单位)(?P<published_phase>预算|决算)公开"
    r"|(?:^|(?<=[。；;\n]))[ \t\u3000]*(?P<plan>(?:19|20)\d\d)[ \t\u3000]?年度?[，,][ \t\u3000]*[我本](?:部门|单位|局|委|办|院|中心)[^。；;，,\d]{0,30}?安排"
)
"""Words that can only name the document's own year: the scope of its budget (纳入……2025年度部门预算范围), this year in
brackets (本年度（2025年）), its publication (2025年部门预算公开), and a budget's sentence opening with its year and what
the department arranges (河北: “2022年，我部门财政拨款“三公”经费预算安排1.5万元”)."""
_OWN_PHASE = {"budget": "预算", "final-accounts": "决算"}
_COMPARING = re.compile(r"比|较|与|同|对比|相比|上年|去年|上一年")
"""Words of a clause that compares: the year after them is another year's, rightly (“较2014年度部门决算公开……”)."""


_ANOTHER_YEARS_SECTION = re.compile(r"执行|上年|上一年")
"""Words of a heading over another year's figures: 2024年预算执行情况, 上年度预算执行情况."""


def another_years_blocks(doc: m.Document) -> set[int]:
    """The body's blocks standing in a section of another year's figures: their heading (or one over it) names a year
    not the document's and says it is that year's execution (“十、2024年预算执行情况” in a 2025 budget)."""
    out: set[int] = set()
    stack: list[tuple[int, bool]] = []
    for bi, b in enumerate(doc.body):
        if isinstance(b, m.Heading):
            while stack and stack[-1][0] >= b.level:
                stack.pop()
            years = [int(y) for y in re.findall(r"((?:19|20)\d\d)\s*年", b.text)]
            stack.append((b.level, bool(years) and doc.year not in years and _ANOTHER_YEARS_SECTION.search(b.text) is not None))
        elif any(other for _, other in stack):
            out.add(bi)
    return out


_AGAINST_ITS_LAST_YEAR = re.compile(r"(?:比|较)[ \t\u3000]*上一?年度?|与上一?年度?相比")


def _kept_from_last_year(joined: Joined, doc: m.Document, phase: str) -> Iterator[YearFound]:
    """A sentence kept whole from last year's document: it states last year's figure in the document's own words and
    compares it with 上年 (“2024年机关运行经费预算205.80万元，比上年增加20.20万元” in a 2025 budget) — outside a section of
    last year's execution, and with nothing of this year's or another basis said in it."""
    text = joined.text
    elsewhere: set[int] | None = None
    for match in _AGAINST_ITS_LAST_YEAR.finditer(text):
        floor = max(text.rfind(mark, 0, match.start()) for mark in "。；;\n") + 1
        said = text[floor : match.start()]
        named = re.search(rf"{doc.year - 1}\s*年度?", said)
        if named is None or str(doc.year) in said or "口径" in said:
            continue  # (按同口径（含原…局2023年预算146.30万元）比较: last year's restated, said in passing)
        if named.start() > 12 or re.search(r"[（(，,]", said[: named.start()]):
            continue  # the year must open the statement, as its subject: not one in an aside or a later clause
        words = set(_OTHER_BASIS.findall(said[named.end() :]))
        if words != {phase} or re.search(r"[\d.]+\s*(?:万元|亿元|元)", said[named.end() :]) is None:
            continue
        index = bisect.bisect_right(joined.starts, floor) - 1
        piece, offset = joined.pieces[index], joined.starts[index]
        if not piece.prose or match.end() > offset + len(piece.text):
            continue
        if elsewhere is None:
            elsewhere = another_years_blocks(doc)
        if piece.block in elsewhere:
            continue
        yield YearFound(piece, floor + named.start() - offset, said[named.start() :].strip() + match.group(), doc.year - 1)


def own_year_slips(joined: Joined, doc: m.Document) -> Iterator[YearFound]:
    """Another year where the words can only mean the document's own: “纳入……2024年度部门预算范围” in a 2025 budget (西藏), as
    a text rewritten from last year's leaves it. Only a budget's or 决算's, only these few phrases: most mentions of another
    year are comparisons, and rightly so."""
    phase = _OWN_PHASE.get(doc.kind)
    if phase is None:
        return
    if "上" in joined.text:
        yield from _kept_from_last_year(joined, doc, phase)
    if "纳入" not in joined.text and "本年" not in joined.text and "公开" not in joined.text and "安排" not in joined.text:
        return
    for piece, offset, match in joined.search(_OWN_YEAR_SAID):
        if piece.path[-1] == "title":
            continue  # the titles' years have checks of their own (title-year, table-title-year)
        if match["scope"] is not None:
            year, said = int(match["scope"]), match["scope_phase"]
        elif match["own"] is not None:
            year, said = int(match["own"]), phase
        elif match["plan"] is not None:
            if phase != "预算":
                continue  # a 决算's “2024年，我部门安排…” may tell of the year's budget, rightly
            year, said = int(match["plan"]), phase
            sentence_end = min((i for i in (joined.text.find(c, match.end()) for c in "。；;\n") if i >= 0), default=len(joined.text))
            rest = joined.text[match.start() : sentence_end]
            if _COMPARING.search(rest) or str(doc.year) in rest:
                continue  # “2021年，我部门安排……，2022年……” or a comparison: the other year is meant
        else:
            year, said = int(match["published"]), match["published_phase"]
            clause = joined.text[max(offset, *(joined.text.rfind(c, offset, match.start()) + 1 for c in "，,；;。：:\n")) : match.start()]
            if _COMPARING.search(clause) or clause.count("《") > clause.count("》"):
                continue  # “较2014年度部门决算公开……”, 《关于做好2024年部门预算公开工作的通知》
        if year == doc.year or said != phase:
            continue
        text = match.group()
        if match["scope"] is not None and match.start("scope") - match.start() > 8:
            text = "纳入……" + joined.text[match.start("scope") : match.end()]
        at = next(match.start(g) for g in ("scope", "own", "published", "plan") if match[g] is not None)
        yield YearFound(piece, at - offset, text, year)
