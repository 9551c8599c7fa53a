"""Indicator tables, row by row and group by group: each indicator against its target and its weight, each group's
printed points and score against the indicators under it.

The rules are declared with the other scoring rules in :mod:`pubgen.checks.scores`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterator

from .. import model as m
from ..indicators import Group, groups
from ..problems import Problem, Severity
from .base import DocumentCheck, diff_text, fmt
from .rounding import precision_words, rounds_to


_TARGET = re.compile(
    r"^\s*(?P<op>≥|≤|>=|<=|＞＝|＜＝|＞=|＜=|>＝|<＝|≧|≦|⩾|⩽|>|<|=|＞|＜|＝|不低于|不少于|不小于|大于等于|大于|不高于|不超过|不多于|小于等于|小于|达到)?\s*"
    r"(?P<num>[-−－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>[^\d\s，。、；;,（()）]*?)\s*"
    r"(?P<note>[（(][^（()）]*[)）])?\s*(?P<suffix>以上|以下|以内)?\s*(?:[（(][^（()）]*[)）])?\s*$"
)
"""A figure with its direction and unit: “≥95%”, “≧90%”, “90%以上”, “2天以内”, “1,100件”, “85%（抽样调查）”.

A note in brackets after the figure (the survey it comes from, its year) is not part of it."""
_OPS = {
    ">=": "≥", "＞＝": "≥", "＞=": "≥", ">＝": "≥", "＜=": "≤", "<＝": "≤", "≧": "≥", "⩾": "≥", "不低于": "≥", "不少于": "≥", "不小于": "≥", "大于等于": "≥", "达到": "≥",
    "<=": "≤", "＜＝": "≤", "≦": "≤", "⩽": "≤", "不高于": "≤", "不超过": "≤", "不多于": "≤", "小于等于": "≤",
    "＞": ">", "大于": ">", "＜": "<", "小于": "<", "＝": "=",
}
_SUFFIXES = {"以上": "≥", "以下": "≤", "以内": "≤"}
"""A direction written after the figure; like the law's 以上、以下、以内, each includes the figure itself."""


def parse_target(text: str | None) -> tuple[str, Decimal, str] | None:
    """Read "≥6人", "100%", "不低于95%", "90%以上" as (operator, value, unit); None for words."""
    if not text:
        return None
    match = _TARGET.match(text)
    if not match:
        return None
    op = match["op"] or _SUFFIXES.get(match["suffix"] or "", "=")
    op = _OPS.get(op, op)
    # “90％” and “90%” are one unit (and ９０ one number): full- and half-width forms alike.
    number = unicodedata.normalize("NFKC", match["num"]).replace(",", "").replace("−", "-")
    return op, Decimal(number), unicodedata.normalize("NFKC", match["unit"] or "")


_SCALES = (("亿", Decimal(100000000)), ("万", Decimal(10000)))


def in_unit(value: Decimal, unit: str, wanted: str) -> Decimal | None:
    """``value`` in ``unit`` expressed in ``wanted``: the same unit, or one with 万/亿 before it (0.4万人次 is 4000人次,
    0.4亿元 is 4000万元); None for another unit."""
    if unit == wanted:
        return value

    def split(u: str) -> tuple[Decimal, str]:
        for prefix, scale in _SCALES:
            if u.startswith(prefix) and len(u) > len(prefix):
                return scale, u[len(prefix) :]
        return Decimal(1), u

    (scale, base), (wanted_scale, wanted_base) = split(unit), split(wanted)
    if base != wanted_base or not base:
        return None
    return value * scale / wanted_scale


def meets(actual: Decimal, op: str, target: Decimal) -> bool:
    return {
        "=": actual == target,
        "≥": actual >= target,
        "≤": actual <= target,
        ">": actual > target,
        "<": actual < target,
    }[op]


_DEADLINE = re.compile(
    r"^\s*(?:[≤<＜≦]|在|于)?\s*(?:(?P<year>(?:19|20)\d\d)\s*年)?\s*(?P<month>\d{1,2})\s*月"
    r"(?:(?P<day>\d{1,2})\s*日|(?P<end>底|末|下旬)|(?P<mid>中旬)|(?P<early>上旬))\s*(?P<before>前|之前|以前|内|前完成|完成)?\s*$"
)
"""A deadline: 2023年10月底前, 3月底前, ≤2023年11月30日, 2023年11月30日前."""
_DAY_DONE = re.compile(r"^\s*(?:(?P<year>(?:19|20)\d\d)\s*[年.\-/]\s*)?(?P<month>\d{1,2})\s*[月.\-/]\s*(?P<day>\d{1,2})\s*日?\s*$")
"""The day a task was done: 2023年11月15日, 4月12日, 2023.12.8."""


def _late(target: str | None, actual: str | None, year: int) -> bool:
    """Whether the day ``actual`` names falls after the deadline ``target`` names (both read as dates), else False."""
    wanted = _DEADLINE.match(target or "")
    done = _DAY_DONE.match(actual or "")
    if wanted is None or done is None:
        return False
    if not (wanted["before"] or (target or "").lstrip()[:1] in "≤<＜≦"):
        return False  # “2023年10月底” alone may be when it was planned, not a limit
    try:
        y = int(wanted["year"] or done["year"] or year)
        m = int(wanted["month"])
        last = calendar.monthrange(y, m)[1]
        d = int(wanted["day"]) if wanted["day"] else last if wanted["end"] else 20 if wanted["mid"] else 10
        limit = dt.date(y, m, d)
        finished = dt.date(int(done["year"] or y), int(done["month"]), int(done["day"]))
    except ValueError:
        return False
    return finished > limit


_BARE = re.compile(r"\s*[0-9０-９]+(?:[.．][0-9０-９]+)?\s*")
"""A result printed as a number alone, its unit left to the target or the 度量单位 column."""


def check_indicator(
    dc: DocumentCheck, path: tuple[Any, ...], field: str, row: m.Indicator, reason_column: str | None = None
) -> Iterator[Problem]:
    """One indicator: its score within its weight, its completion against its target, a reason when not met.

    ``reason_column``: the name of the form's column for the reason a target was missed (偏差原因分析及改进措施), when it prints one.
    """
    if row.weight is not None and row.score is not None and row.score > row.weight:
        yield dc.problem(
            "score-exceeds-weight",
            f"指标“{row.name}”得分 {fmt(row.score)} 超过分值 {fmt(row.weight)}。",
            path + ("score",),
            field,
            stated=row.score,
            computed=row.weight,
        )
    target = parse_target(row.target)
    op = row.operator or (target[0] if target else None)
    value = row.target_value if row.target_value is not None else (target[1] if target else None)
    actual = parse_target(row.actual)
    target_unit = row.unit if row.unit is not None else (target[2] if target else "")
    # The actual value in the target's unit (0.4万人次 against ≥5000人次); None when not a plain figure of that unit.
    done = in_unit(actual[1], actual[2], target_unit) if actual and actual[0] == "=" else None
    bare = False
    if done is None and actual and actual[0] == "=" and not actual[2] and target_unit and value is not None and _BARE.fullmatch(row.actual or ""):
        # The form prints the unit once, in 度量单位 or in the target (“≥50个”), and the result as a bare number (50).
        # Only a number of the target's size (80 of ≥95%, 45 of ≥50个): 2023.12 of ≤12月 is a date, 285000 of ≤30万元 is in 元,
        # 1.2 of ≥100% a fraction — another unit the form did not name.
        if value and Decimal("0.1") <= abs(actual[1] / value) <= 10:
            done, bare = actual[1], True
    # A result short of a target with a direction (≥95%: 90%); a target without one says nothing of another result.
    missed = bool(op and op != "=" and value is not None and done is not None and not meets(done, op, value))
    # A deadline (2023年10月底前, ≤2023年11月30日) and the day it was done (2023年11月15日): later is missed.
    late = _late(row.target, row.actual, dc.doc.year)
    if late:
        missed = True
        if row.completion == "完成":
            yield dc.problem(
                "completion-mismatch",
                f"指标“{row.name}”目标 {row.target}、实际 {row.actual}，晚于期限，但完成情况写的是“完成”。",
                path + ("completion",),
                field,
            )
    # A result in words that says it failed (未完成, 未达到), or 否 against a target of 是.
    missed = missed or _says_unmet(row.target, row.actual)
    target_said = row.target or f"{op or ''}{fmt(value) if value is not None else ''}{target_unit}"
    actual_said = f"{row.actual}（按目标的单位“{target_unit}”计）" if bare else row.actual
    # Compare only like with like: "≤1天" against "20小时" is not a number comparison. A target
    # written without a direction ("1200亩", "=300人") says nothing of a different result: 1260亩
    # of a planned 1200 is done, 38元 of a planned 35元 per visit is not; only the equal one is judged.
    if (
        row.completion
        and op
        and value is not None
        and done is not None
        and (op != "=" or done == value)
    ):
        met = meets(done, op, value)
        if met and row.completion != "完成":
            yield dc.problem(
                "completion-mismatch",
                f"指标“{row.name}”目标 {target_said}、实际 {actual_said}，已达到目标，但完成情况写的是“{row.completion}”。",
                path + ("completion",),
                field,
            )
        elif not met and row.completion == "完成":
            yield dc.problem(
                "completion-mismatch",
                f"指标“{row.name}”目标 {target_said}、实际 {actual_said}，未达到目标，但完成情况写的是“完成”。",
                path + ("completion",),
                field,
            )
    elif (
        not row.completion
        and missed
        and row.weight is not None
        and row.score is not None
        and row.score == row.weight
        and row.weight > 0
    ):
        # The national project form prints no 完成情况: full points say the target was met.
        yield dc.problem(
            "unmet-full-marks",
            f"指标“{row.name}”目标 {target_said}、实际 {actual_said}，未达到目标，却得满分 {fmt(row.score)} 分（分值 {fmt(row.weight)}）。"
            "请照原表核对实际完成值和得分；原表确是如此时，请确认并说明。",
            path + ("score",),
            field,
            stated=row.score,
        )
    elif reason_column and not row.completion and not (row.reason or row.reason_category) and missed:
        # The national form has no 完成情况 column but a 偏差原因 one: a target missed (and not scored in full, which
        # unmet-full-marks tells) is what that column is for.
        yield dc.problem(
            "missing-reason",
            f"指标“{row.name}”目标 {target_said}、实际 {actual_said}，未达到目标，但“{reason_column}”一栏没有填写。",
            path + ("reason",),
            field,
            severity=Severity.WARNING,
        )
    if row.completion == "未完成" and row.weight is not None and row.score is not None and row.score == row.weight and row.weight > 0:
        # The form itself says the target was missed, yet scores it in full: one of the two is a slip.
        yield dc.problem(
            "unmet-full-marks",
            f"指标“{row.name}”完成情况写的是“未完成”（目标 {target_said}、实际 {row.actual or '未填'}），却得满分 {fmt(row.score)} 分"
            f"（分值 {fmt(row.weight)}）。请照原表核对完成情况和得分；原表确是如此时，请确认并说明。",
            path + ("score",),
            field,
            stated=row.score,
        )
    if row.completion in ("未完成", "部分完成") and not (row.reason or row.reason_category):
        yield dc.problem(
            "missing-reason",
            f"指标“{row.name}”{row.completion}，但没有填写原因（未完成原因类别 / 说明）。",
            path + ("completion",),
            field,
            severity=Severity.WARNING,
        )


_UNMET_WORDS = re.compile(r"\s*(?:未(?:全部|按时|按期|如期)?完成|没有完成|未达到(?:预期)?|未达标|未实现)(?:目标|任务|预期)?\s*[。.]?\s*")


def _says_unmet(target: str | None, actual: str | None) -> bool:
    """Whether the result, in words, says the target was not met: 未完成, 未达到; 否 where the target is 是, 是 where it is 否."""
    said = (actual or "").strip()
    if _UNMET_WORDS.fullmatch(said):
        return True
    wanted = (target or "").strip()
    if (said, wanted) in (("否", "是"), ("是", "否")):
        return True
    # A grade below the one aimed at (目标 优, 实际 良; ≥良好 and 一般), on the one scale both are of.
    aimed = _AT_LEAST.sub("", wanted)
    return any(said in scale and aimed in scale and scale.index(said) > scale.index(aimed) for scale in _GRADES)


_GRADES = (("优", "良", "中", "差"), ("优秀", "良好", "中等", "较差"), ("优秀", "良好", "一般", "较差"), ("好", "较好", "一般", "差"))
"""The ordered grades of qualitative indicators (定性), best first."""
_AT_LEAST = re.compile(r"^(?:[≥>＞=＝]|不低于|达到)\s*")


def unused(row: m.Indicator) -> bool:
    """A line of the template left empty (“指标2:”, “……”, “指标1:/”): it prints neither 分值 nor 得分, and adds nothing."""
    return row.weight is None and row.score is None


Fits = Callable[[Decimal], bool]
"""Whether a table's sum agrees with the totals the form prints around it (its 合计 row, 100 with the execution line)."""


@dataclass(slots=True)
class _Disagreement:
    """A group whose printed points or score is not the sum of what is under it."""

    group: Group
    summed: Decimal
    where: str
    path: tuple[Any, ...]
    field: str
    rounding: bool = False
    """The printed figure is the sum printed to its own coarser precision (三个 3.33 分 printed 10 together): a notice."""


def _sum(values: list[Decimal | None]) -> Decimal | None:
    """The sum when every value is known (and there is one), else None."""
    if not values or any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), Decimal(0))


def _settle(totals: tuple[Decimal | None, Decimal | None], fits: Fits, disagreements: list[_Disagreement]) -> tuple[Decimal | None, str]:
    """The table's sum, and which side of each disagreement the form's totals take.

    ``totals`` reads the table trusting each group's printed figure, then trusting the rows under it. When only the
    rows agree with the totals, the printed group figure is the typo: the table's sum is the rows', so no total is
    blamed for it. When only the printed figures agree, a row under the group is. Otherwise nothing tells.
    """
    printed, rows = totals
    if any(not d.rounding for d in disagreements) and printed is not None and rows is not None:
        printed_fits, rows_fits = fits(printed), fits(rows)
        if rows_fits and not printed_fits:
            return rows, "printed"
        if printed_fits and not rows_fits:
            return printed, "rows"
    return printed, ""


def group_weights(dc: DocumentCheck, base: tuple[Any, ...], key: str, block: m.Indicators, fits: Fits) -> tuple[Decimal | None, list[Problem]]:
    """The points of all indicators: each group's printed points, else the sum below it; each printed figure checked.

    Unused rows add nothing; a printed group figure that disagrees with its rows is one problem, not a cascade.
    """
    disagreements: list[_Disagreement] = []

    def resolved(group: Group, parts: list[tuple[Decimal | None, Decimal | None]], where: str, field: str, level: str) -> tuple[Decimal | None, Decimal | None]:
        summed, rows = _sum([p for p, _ in parts]), _sum([r for _, r in parts])
        if group.points is None:
            return summed, rows
        if summed is not None and summed != group.points:
            assert group.points_row is not None
            disagreements.append(_Disagreement(group, summed, where, base + ("rows", group.points_row, level), field, rounds_to(group.points, summed)))
        return group.points, rows if rows is not None else group.points

    tops: list[tuple[Decimal | None, Decimal | None]] = []
    for top in groups(block):
        subs: list[tuple[Decimal | None, Decimal | None]] = []
        for sub in top.children:
            rows = [(block.rows[i].weight, block.rows[i].weight) for i in sub.rows if not unused(block.rows[i])]
            if rows or sub.points is not None:
                subs.append(resolved(sub, rows, _where(top, sub), f"{key}.{top.name}.{sub.name}.weights", "level2_points"))
        if subs or top.points is not None:
            tops.append(resolved(top, subs, _where(top), f"{key}.{top.name}.weights", "level1_points"))
    total, wrong = _settle((_sum([p for p, _ in tops]), _sum([r for _, r in tops])), fits, disagreements)
    return total, _disagreeing(dc, block.title, disagreements, wrong, "weights-sum", "分值", "全表合计")


def group_scores(dc: DocumentCheck, base: tuple[Any, ...], key: str, block: m.Indicators, fits: Fits) -> tuple[Decimal | None, list[Problem]]:
    """The score of all indicators: each group's printed score, else the sum below it; each printed score checked.

    Unused rows add nothing; a printed group score that disagrees with its rows is one problem, not a cascade.
    """
    problems: list[Problem] = []
    disagreements: list[_Disagreement] = []

    def resolved(group: Group, parts: list[tuple[Decimal | None, Decimal | None]], weighed: bool, where: str, field: str, level: str) -> tuple[Decimal | None, Decimal | None]:
        summed, rows = _sum([p for p, _ in parts]), _sum([r for _, r in parts])
        value = group.score if group.score is not None else summed
        if group.score is not None and summed is not None and summed != group.score:
            assert group.score_row is not None
            disagreements.append(_Disagreement(group, summed, where, base + ("rows", group.score_row, level), field, rounds_to(group.score, summed)))
        # With every part weighed, each part within its weight keeps the group within its points.
        if value is not None and group.points is not None and value > group.points and (group.score is not None or not weighed):
            row = group.score_row if group.score is not None else group.points_row
            problems.append(
                dc.problem(
                    "score-exceeds-weight",
                    f"“{block.title}”中{where}得分 {fmt(value)} 超过分值 {fmt(group.points)}。",
                    base + ("rows", row, level),
                    field,
                    stated=value,
                    computed=group.points,
                )
            )
        return value, rows if rows is not None else value

    tops: list[tuple[Decimal | None, Decimal | None]] = []
    for top in groups(block):
        subs: list[tuple[Decimal | None, Decimal | None]] = []
        sub_weighed = []
        for sub in top.children:
            used = [i for i in sub.rows if not unused(block.rows[i])]
            if not used and sub.points is None and sub.score is None:
                continue
            weighed = all(block.rows[i].weight is not None for i in used)
            sub_weighed.append(weighed or sub.points is not None)
            rows = [(block.rows[i].score, block.rows[i].score) for i in used]
            level = "level2_score" if sub.score is not None else "level2_points"
            subs.append(resolved(sub, rows, weighed, _where(top, sub), f"{key}.{top.name}.{sub.name}.score", level))
        if not subs and top.points is None and top.score is None:
            continue
        level = "level1_score" if top.score is not None else "level1_points"
        tops.append(resolved(top, subs, all(sub_weighed), _where(top), f"{key}.{top.name}.score", level))
    total, wrong = _settle((_sum([p for p, _ in tops]), _sum([r for _, r in tops])), fits, disagreements)
    return total, problems + _disagreeing(dc, block.title, disagreements, wrong, "score-sum-mismatch", "得分", "总分")


def _disagreeing(
    dc: DocumentCheck, title: str, disagreements: list[_Disagreement], wrong: str, code: str, what: str, whole: str
) -> list[Problem]:
    """Each group whose printed 分值 (or 得分) is not its rows' sum, saying which side the form's total sides with."""
    hint = {
        "printed": f"；其下各指标{what}与{whole}相符，应是这里印的{what}有误",
        "rows": f"；按印的{what}计{whole}相符，应是其下某个指标的{what}有误",
    }.get(wrong, "")
    out = []
    for d in disagreements:
        printed = d.group.points if what == "分值" else d.group.score
        assert printed is not None
        if d.rounding:
            out.append(
                dc.problem(
                    "rounding-difference",
                    f"“{title}”中{d.where}印的{what}为 {fmt(printed)}，其下各指标{what}之和为 {fmt(d.summed)}：四舍五入到{precision_words(printed)}（印的精度）正是 "
                    f"{fmt(printed)}，在四舍五入误差范围内，不必修改。",
                    d.path,
                    d.field,
                    stated=printed,
                    computed=d.summed,
                )
            )
            continue
        out.append(
            dc.problem(
                code,
                f"“{title}”中{d.where}印的{what}为 {fmt(printed)}，其下各指标{what}之和为 {fmt(d.summed)}（{diff_text(printed, d.summed)}）{hint}。",
                d.path,
                d.field,
                stated=printed,
                computed=d.summed,
            )
        )
    return out


def _where(top: Group, sub: Group | None = None) -> str:
    """A group named for a message: “产出指标” / “产出指标—数量指标”."""
    if sub is None:
        return f"一级指标“{top.name}”"
    return f"二级指标“{top.name}—{sub.name}”" if top.name else f"二级指标“{sub.name}”"
