"""Indicator tables, row by row and group by group: each indicator against its target and its weight, each group's
printed points and score against the indicators under it.

The rules are declared with the other scoring rules in :mod:`pubgen.checks.scores`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterator

from .. import model as m
from ..indicators import Group, groups
from ..problems import Problem, Severity
from .base import DocumentCheck, diff_text, fmt


_TARGET = re.compile(
    r"^\s*(?P<op>≥|≤|>=|<=|>|<|=|＞|＜|＝|不低于|不少于|不小于|大于等于|大于|不高于|不超过|不多于|小于等于|小于|达到)?\s*"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s，。、；;,]*)\s*(?:以上|以下|以内)?\s*$"
)
_OPS = {
    ">=": "≥", "不低于": "≥", "不少于": "≥", "不小于": "≥", "大于等于": "≥", "达到": "≥",
    "<=": "≤", "不高于": "≤", "不超过": "≤", "不多于": "≤", "小于等于": "≤",
    "＞": ">", "大于": ">", "＜": "<", "小于": "<", "＝": "=",
}


def parse_target(text: str | None) -> tuple[str, Decimal, str] | None:
    """Read "≥6人", "100%", "不低于95%" as (operator, value, unit); None for words."""
    if not text:
        return None
    match = _TARGET.match(text)
    if not match:
        return None
    op = match["op"] or "="
    op = _OPS.get(op, op)
    return op, Decimal(match["num"]), match["unit"] or ""


def meets(actual: Decimal, op: str, target: Decimal) -> bool:
    return {
        "=": actual == target,
        "≥": actual >= target,
        "≤": actual <= target,
        ">": actual > target,
        "<": actual < target,
    }[op]


def check_indicator(dc: DocumentCheck, path: tuple[Any, ...], field: str, row: m.Indicator) -> Iterator[Problem]:
    """One indicator: its score within its weight, its completion against its target, a reason when not met."""
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
    # Compare only like with like: "≤1天" against "20小时" is not a number comparison. A target
    # written without a direction ("1200亩", "=300人") says nothing of a different result: 1260亩
    # of a planned 1200 is done, 38元 of a planned 35元 per visit is not; only the equal one is judged.
    if (
        row.completion
        and op
        and value is not None
        and actual
        and actual[0] == "="
        and actual[2] == target_unit
        and (op != "=" or actual[1] == value)
    ):
        met = meets(actual[1], op, value)
        if met and row.completion != "完成":
            yield dc.problem(
                "completion-mismatch",
                f"指标“{row.name}”目标 {row.target}、实际 {row.actual}，已达到目标，但完成情况写的是“{row.completion}”。",
                path + ("completion",),
                field,
            )
        elif not met and row.completion == "完成":
            yield dc.problem(
                "completion-mismatch",
                f"指标“{row.name}”目标 {row.target}、实际 {row.actual}，未达到目标，但完成情况写的是“完成”。",
                path + ("completion",),
                field,
            )
    if row.completion in ("未完成", "部分完成") and not (row.reason or row.reason_category):
        yield dc.problem(
            "missing-reason",
            f"指标“{row.name}”{row.completion}，但没有填写原因（未完成原因类别 / 说明）。",
            path + ("completion",),
            field,
            severity=Severity.WARNING,
        )


def group_weights(dc: DocumentCheck, base: tuple[Any, ...], key: str, block: m.Indicators) -> tuple[Decimal | None, list[Problem]]:
    """The points of all indicators: each group's printed points, else the sum below it; each printed figure checked."""
    problems: list[Problem] = []

    def resolved(group: Group, parts: list[Decimal | None], where: str, field: str, level: str) -> Decimal | None:
        known = all(p is not None for p in parts) and bool(parts)
        summed = sum((p for p in parts if p is not None), Decimal(0)) if known else None
        if group.points is None:
            return summed
        if summed is not None and summed != group.points:
            assert group.points_row is not None
            problems.append(
                dc.problem(
                    "weights-sum",
                    f"“{block.title}”中{where}印的分值为 {fmt(group.points)}，其下各指标分值之和为 {fmt(summed)}（{diff_text(group.points, summed)}）。",
                    base + ("rows", group.points_row, level),
                    field,
                    stated=summed,
                    computed=group.points,
                )
            )
        return group.points

    tops: list[Decimal | None] = []
    for top in groups(block):
        subs: list[Decimal | None] = []
        for sub in top.children:
            rows = [block.rows[i].weight for i in sub.rows]
            subs.append(resolved(sub, rows, _where(top, sub), f"{key}.{top.name}.{sub.name}.weights", "level2_points"))
        tops.append(resolved(top, subs, _where(top), f"{key}.{top.name}.weights", "level1_points"))
    if not tops or any(t is None for t in tops):
        return None, problems
    return sum((t for t in tops if t is not None), Decimal(0)), problems


def group_scores(dc: DocumentCheck, base: tuple[Any, ...], key: str, block: m.Indicators) -> tuple[Decimal | None, list[Problem]]:
    """The score of all indicators: each group's printed score, else the sum below it; each printed score checked."""
    problems: list[Problem] = []

    def resolved(group: Group, parts: list[Decimal | None], weighed: bool, where: str, field: str, level: str) -> Decimal | None:
        known = all(p is not None for p in parts) and bool(parts)
        summed = sum((p for p in parts if p is not None), Decimal(0)) if known else None
        value = group.score if group.score is not None else summed
        if group.score is not None and summed is not None and summed != group.score:
            assert group.score_row is not None
            problems.append(
                dc.problem(
                    "score-sum-mismatch",
                    f"“{block.title}”中{where}印的得分为 {fmt(group.score)}，其下各指标得分之和为 {fmt(summed)}（{diff_text(group.score, summed)}）。",
                    base + ("rows", group.score_row, level),
                    field,
                    stated=group.score,
                    computed=summed,
                )
            )
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
        return value

    tops: list[Decimal | None] = []
    for top in groups(block):
        subs: list[Decimal | None] = []
        sub_weighed = []
        for sub in top.children:
            weighed = all(block.rows[i].weight is not None for i in sub.rows)
            sub_weighed.append(weighed or sub.points is not None)
            rows = [block.rows[i].score for i in sub.rows]
            level = "level2_score" if sub.score is not None else "level2_points"
            subs.append(resolved(sub, rows, weighed, _where(top, sub), f"{key}.{top.name}.{sub.name}.score", level))
        level = "level1_score" if top.score is not None else "level1_points"
        tops.append(resolved(top, subs, all(sub_weighed), _where(top), f"{key}.{top.name}.score", level))
    if not tops or any(t is None for t in tops):
        return None, problems
    return sum((t for t in tops if t is not None), Decimal(0)), problems


def _where(top: Group, sub: Group | None = None) -> str:
    """A group named for a message: “产出指标” / “产出指标—数量指标”."""
    if sub is None:
        return f"一级指标“{top.name}”"
    return f"二级指标“{top.name}—{sub.name}”" if top.name else f"二级指标“{sub.name}”"
