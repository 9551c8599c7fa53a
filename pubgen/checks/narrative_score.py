"""A self-evaluation's own words about its score and grade (“自评得分87.3分，自评等级为“良””) against its score."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal
from typing import Iterator

from .. import model as m
from ..load import decimal_places
from .base import fmt, quoted, round_to
from .narrative_text import Piece
from .scores import GRADE_WORDS, grade_for, total_table

_SCORE_SAID = re.compile(
    r"(?:总得分|最终得分|综合(?:自评|评价|绩效)?(?:得分|评分)|整体(?:支出)?(?:绩效)?(?:自评|评价)?得分"
    r"|部门(?:整体)?(?:支出)?(?:绩效)?(?:自评|评价)得分|项目(?:(?:19|20)\d\d\s*年度?)?(?:支出)?(?:绩效)?(?:自评|评价)得分)"
    r"(?:为|是|达到|：|:|\s)*(?P<n>\d{1,3}(?:\.\d{1,2})?)\s*分"
)
"""The whole score, said as such: “部门整体支出绩效自评得分77.3分”, “综合自评得分87.5分”, “总得分：96分”.

A part's score (“绩效自评得分：15分” after a part's indicators, “决策得分18.5分”) is not the whole, and
“总分为100分” is the most a form gives, not a score."""
_PLAIN_SAID = re.compile(r"(?:(?:绩效)?自评(?:得分|总分)|评价总分)(?:为|是|达到|：|:|\s)*(?P<n>\d{1,3}(?:\.\d{1,2})?)\s*分")
"""The plain “自评得分90分”, “自评总分为88分”: a part of a form says so too (“分项绩效自评得分：15分”), and “自评总分为100分”
may be the most a form gives, so it is taken for the whole only above :data:`PART_MOST` points and below 100."""
PART_MOST = Decimal(50)
"""The most points one part of the usual forms is worth (产出指标 50): a plainly said score above it is the whole's."""
_BAND = re.compile(r"\s*(?:[（(]含[）)])?\s*(?:及?以上|及?以下|以内|至|到|[-－~～—–]|(?:为|属于|评为|定为)?(?:优秀|优|良好|良|中等|中|合格|差)(?![\u4e00-\u9fff]))")
"""What follows a score that is a band's bound, not a score: “90分（含）以上为优”, “80分至90分为良”, “80分以上为良”."""
_PLAIN_OTHER = re.compile(
    r"项目|经费|资金|专项|下属|所属|二级|基层|各|财政局|财政厅|财政部门|第三方|评价机构|评审机构|(?<![本我])(?:单位|中心)"
)
"""Words of a clause that names another's score before a plain “自评得分”: a project or fund (“信访维稳专项经费：”), a unit
under it (“下属县信访接待中心”), the one who evaluated (“县财政局…重点绩效评价，”). The document's own body (本单位, 我局, 我中心)
and lead-ins (“根据评分标准，”, “自评结论：”, “经综合评定，”) name nobody else."""
_OWN_WORDS = re.compile(r"[本我](?:单位|部门|机关|局|厅|委|办|中心|院|站|所|校|镇|街道)")
"""The document's own body named as such: “本单位整体支出绩效自评得分为89分” is its own score."""
_COUNTED = re.compile(r"[”\"」』]?(?:及?以上|及?以下)?(?:的)?(?:项目|单位|指标|部门)")
"""What follows a score or grade that counts things by it: “自评等级为“优”的项目2个”, “90分以上的项目”."""
_GRADE_SAID = re.compile(
    r"(?:(?:自评|评价|综合|绩效)等级|(?:自评|评价)结果|(?<!被)(?:绩效自评|整体自评|综合评定)(?=为)|(?P<bare>等级))"
    r"(?:为|是|评定为|：|:|\s)*[“\"「『]?(?P<g>优秀|优|良好|良|中等|中|一般|合格|较差|差|不合格)(?![\u4e00-\u9fff])"
)
"""“自评等级为“良””, “评价等级：优秀”, “自评结果为“良””, “评价结果为良好”, “等级评定为良”, “整体绩效自评为优秀”,
“综合评定为优秀” (the grade word standing alone)."""
_GRADED = re.compile(r"自评|评价|评分|得分|绩效|评定|最终|综合|总体|整体|本次")
"""Words before a bare “等级” that make it an evaluation's grade: “综合评分为97分，等级为良好”, “经自评等级为良”
(not “空气质量等级为良”)."""
_CLAUSE_START = re.compile(r"[，,。；;！!？?\n]")
_ELSEWHERE = re.compile(r"项目|指标|单位|上年|去年|上一年|以前|(?:19|20)\d\d|财政局|财政厅|财政部门|第三方|评价机构|评审机构")
"""A clause about another score: a project's (in a department's report), an indicator's, a unit's, another year's."""
_ELSEWHERE_GRADED = re.compile(_ELSEWHERE.pattern.replace("指标|", ""))
"""The same, for a grade: an indicator's score before it does not make it the indicator's (indicators have no grade)."""


def total_score(doc: m.Document) -> tuple[Decimal, str] | None:
    """The document's total score and where it is printed: its header's, else its one whole scoring table's (:func:`total_table`)."""
    if doc.score is not None:
        return doc.score, "文件开头的总得分（score）"
    table = total_table(doc)
    if table is None or table.total is None:
        return None
    return table.total, "评分表的总得分" if isinstance(table, m.Scores) else "绩效指标表的总分"


def _own(text: str, start: int, doc: m.Document, grade: bool = False, names: tuple[str, ...] = ()) -> bool:
    """Whether the clause before ``start`` is about the document's own score (not a project's, an indicator's, another year's).

    A clause that names nothing before its score or grade (“，等级为良”) goes on about the clause before it in the sentence:
    “2017年综合评分为85分，等级为良” is 2017's grade. An indicator has no grade (``grade``): “其中产出指标得分50分，自评等级为
    “良”” grades the whole.
    """
    begin = max((m_.end() for m_ in _CLAUSE_START.finditer(text, 0, start)), default=0)
    clause = _clause_words(text[begin:start], doc, names)
    if _ELSEWHERE.search(clause) is not None:
        return False
    if begin > 0 and text[begin - 1] in "，,；;" and not _SUBJECT.search(clause):
        before = max((m_.end() for m_ in _SENTENCE_END.finditer(text, 0, begin - 1)), default=0)
        previous = text[before : begin - 1]
        previous = previous[max((m_.end() for m_ in _CLAUSE_START.finditer(previous)), default=0) :]
        words = _clause_words(previous, doc, names)
        return (_ELSEWHERE_GRADED if grade else _ELSEWHERE).search(words) is None
    return True


def _plainly_own(text: str, start: int, doc: m.Document, names: tuple[str, ...] = ()) -> bool:
    """Whether a plain “自评得分” at ``start`` is the document's own: its clause names nobody else (:data:`_PLAIN_OTHER`),
    nor, when it names nothing at all, does the clause before it in the sentence (“信访维稳专项经费：自评得分96分”)."""
    sentence = max((m_.end() for m_ in _SENTENCE_END.finditer(text, 0, start)), default=0)
    begin = max((m_.end() for m_ in _PLAIN_CLAUSE.finditer(text, sentence, start)), default=sentence)
    if _names_another(text[begin:start], doc, names):
        return False
    if text[begin:start].strip() or begin == sentence:
        return True
    previous = max((m_.end() for m_ in _PLAIN_CLAUSE.finditer(text, sentence, begin - 1)), default=sentence)
    return not _names_another(text[previous : begin - 1], doc, names)


def _names_another(words: str, doc: m.Document, names: tuple[str, ...] = ()) -> bool:
    if doc.kind == "project-evaluation":
        words = re.sub(r"[该本此]?项目", "", words)  # a project's form: “该项目年度自评得分” is its own
    return _PLAIN_OTHER.search(_without(words.replace(str(doc.year), ""), names)) is not None


def _without(words: str, names: tuple[str, ...]) -> str:
    """``words`` without the department's own names: 南县财政局's “南县财政局2020年度…综合评分为97分” names no other evaluator."""
    for name in names:
        if name in words:
            # “平乡县财政局对县教育局…开展了重点绩效评价”, “…组织对县水利局的”, “…委托会计师事务所”: the bureau that has
            # another evaluated, or evaluates another, keeps its name (another's score); “对南县财政局2020年度…” is its own.
            words = re.sub(re.escape(name) + r"(?!.*?(?:对|委托|组织|聘请))", "", words)
    return words


_PLAIN_CLAUSE = re.compile(r"[，,；;：:]")
"""Clause ends within a sentence, the colon included: “信访维稳专项经费：自评得分96分” names whose score follows."""


def _clause_words(clause: str, doc: m.Document, names: tuple[str, ...] = ()) -> str:
    if doc.kind == "project-evaluation":
        clause = clause.replace("项目", "")
    return _OWN_WORDS.sub("", _without(clause.replace(str(doc.year), ""), names))


_SUBJECT = re.compile(r"[\u4e00-\u9fff]{2,}(?:自评|评价|综合|绩效|部门|整体|本次)")
"""A clause that names whose score it states (“部门整体支出绩效自评得分…”), rather than going on about the one before."""
_SENTENCE_END = re.compile(r"[。！!？?\n]")


def _graded(text: str, start: int) -> bool:
    """Whether a bare “等级” at ``start`` is an evaluation's: it opens its clause, or follows words of one."""
    begin = max((m_.end() for m_ in _CLAUSE_START.finditer(text, 0, start)), default=0)
    clause = text[begin:start].strip()
    return not clause or _GRADED.search(clause) is not None


def stated_scores(
    pieces: list[Piece], doc: m.Document, names: tuple[str, ...] = ()
) -> Iterator[tuple[Piece, int, str, Decimal | None, Decimal | None]]:
    """Each statement of the document's score or grade that differs from its own: (piece, offset, message, stated, computed).

    ``names``: what the document's department is called; naming it (four characters or more: not a bare 财政局) names
    the document's own body."""
    if doc.kind not in ("self-evaluation", "project-evaluation"):
        return
    names = tuple(sorted((n for n in names if len(n) >= 4), key=len, reverse=True))
    total = total_score(doc)
    grade = GRADE_WORDS.get(doc.grade.strip()) if doc.grade else None
    band = grade_for(total[0]) if total is not None else None
    if grade is not None and band is not None and grade != band:
        grade = None  # the header's grade does not fit its score: grade-mismatch says so, once
    elif grade is None:
        grade = band
    parts = _part_scores(doc)
    whole = total_table(doc) if doc.score is not None else None
    table_total = whole.total if whole is not None and whole.total is not None and whole.total != doc.score else None
    for piece in pieces:
        if not piece.prose or not any(w in piece.text for w in ("分", "等级", "结果", "评为", "评定")):
            continue
        text = piece.text
        yield from _parts_said(piece, parts)
        if total is not None:
            score, where = total
            candidates = [(f, False) for f in _SCORE_SAID.finditer(text)]
            taken = {f.start("n") for f, _ in candidates}
            candidates += [(f, True) for f in _PLAIN_SAID.finditer(text) if f.start("n") not in taken]
            for found, plain in candidates:
                if found.group(0).startswith("项目") and doc.kind != "project-evaluation":
                    continue  # a project's score in a department's report
                if not _own(text, found.start(), doc, names=names) or _COUNTED.match(text, found.end()) or _BAND.match(text, found.end()):
                    continue
                if plain and (not PART_MOST < Decimal(found["n"]) < 100 or not _plainly_own(text, found.start(), doc, names)):
                    continue  # a part's (“分项绩效自评得分：15分”), the most a form gives (“自评总分为100分”), or another's
                stated = Decimal(found["n"])
                if _said_as(found["n"], score):
                    continue
                if table_total is not None and _said_as(found["n"], table_total):
                    continue  # the header's score differs from its table's, and the text agrees with the table: score-mismatch says so
                yield (
                    piece,
                    found.start("n"),
                    f"正文写{quoted(found.group(0))}，而{where}是 {fmt(score)} 分：请核对正文或得分。",
                    stated,
                    score,
                )
        if grade is not None:
            for found in _GRADE_SAID.finditer(text):
                said = GRADE_WORDS.get(found["g"])
                own = _own(text, found.start(), doc, grade=found["bare"] is None, names=names)
                if said is None or said == grade or not own or _COUNTED.match(text, found.end()):
                    continue
                if found["bare"] is not None and not _graded(text, found.start()):
                    continue
                basis = f"文件开头的评价等级是“{doc.grade}”" if doc.grade else f"总得分 {fmt(total[0])} 分对应的等级是“{grade}”" if total else ""
                # The grade's opening quotation mark is part of the match: close it.
                said_text = found.group(0) + ("”" if "“" in found.group(0) and "”" not in found.group(0) else "")
                yield piece, found.start("g"), f"正文写{quoted(said_text)}，而{basis}：请核对正文或等级。", None, None


def _part_scores(doc: m.Document) -> dict[str, tuple[Decimal, str]]:
    """The score of each line of the document's scoring table by its name (three characters or more), with the table's
    title; a name scored differently in two tables (two projects' 产出指标) is left out."""
    found: dict[str, tuple[Decimal, str]] = {}
    twice: set[str] = set()
    for block in doc.body:
        if not isinstance(block, m.Scores):
            continue
        for item in block.items:
            name = item.name.strip()
            if len(name) < 3 or item.score is None or item.bonus or item.deduction:
                continue
            if name in found and found[name][0] != item.score:
                twice.add(name)
            found.setdefault(name, (item.score, block.title or "评分表"))
    return {k: v for k, v in found.items() if k not in twice}


_PART_SAID = r"(?:的)?(?:自评)?得分(?:为|是)?\s*(?P<n>\d+(?:\.\d+)?)\s*分"


def _parts_said(piece: Piece, parts: dict[str, tuple[Decimal, str]]) -> Iterator[tuple[Piece, int, str, Decimal | None, Decimal | None]]:
    """“产出指标得分49.5分” where the scoring table gives 产出指标 48.5: the part's score said in the text, its table's."""
    text = piece.text
    if "得分" not in text:
        return
    for name, (score, title) in parts.items():
        if name not in text:
            continue
        for found in re.finditer(re.escape(name) + _PART_SAID, text):
            if _said_as(found["n"], score):
                continue
            stated = Decimal(found["n"])
            yield (
                piece,
                found.start("n"),
                f"正文写{quoted(found.group(0))}，而“{title}”中“{name}”的得分是 {fmt(score)} 分：请核对正文或得分。",
                stated,
                score,
            )


def _said_as(said: str, score: Decimal) -> bool:
    """Whether a score written ``said`` is ``score`` as printed: itself, or rounded or cut to the places written."""
    places = decimal_places(said)
    return Decimal(said) in (score, round_to(score, places), round_to(score, places, ROUND_DOWN))
