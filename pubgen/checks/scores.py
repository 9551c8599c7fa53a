"""Scores: each within its weight, weights to 100, totals, grades; indicators against their targets."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Any, Iterator

from .. import model as m
from ..problems import Problem, Severity
from .base import HUNDRED, DocumentCheck, cycles, diff_text, fmt
from .registry import ERROR, WARNING, family, rule

SCORES = family("scores", "评分与指标")

rule(
    SCORES,
    "score-exceeds-weight",
    ERROR,
    """
得分超过分值。修改：核对得分。
""",
)

rule(
    SCORES,
    "weights-sum",
    ERROR,
    """
各项分值之和不是 100（加分项另计）。例：`“评分情况”各项分值之和为 95，应为 100（另有加分项 5 分，不计入 100 分）。`
修改：核对分值；原文如此则确认差异。
""",
)

rule(
    SCORES,
    "score-total-mismatch",
    ERROR,
    """
总得分不等于各项得分之和。修改：核对总分和各项得分。
""",
)

rule(
    SCORES,
    "score-sum-mismatch",
    ERROR,
    """
上级评分项的得分不等于其分项得分之和。修改：核对得分。
""",
)

rule(
    SCORES,
    "score-mismatch",
    ERROR,
    """
文档头部的总得分与评分表的总得分不一致。修改：统一为原文数字。
""",
)

rule(
    SCORES,
    "score-out-of-range",
    ERROR,
    """
总得分超过 100 分且没有加分项。修改：核对总分。
""",
)

rule(
    SCORES,
    "grade-mismatch",
    ERROR,
    """
等级与得分不符（优 90–100，良 80–89，中 60–79，差 60 以下）。修改：核对等级或得分。
""",
)

rule(
    SCORES,
    "unknown-grade",
    ERROR,
    """
无法识别的等级写法。修改：写 优（优秀）、良（良好）、中、差 之一。
""",
)

rule(
    SCORES,
    "completion-mismatch",
    ERROR,
    """
指标的完成情况与目标、实际值不符（如目标 ≥95%、实际 90%，却写“完成”）。修改：核对完成情况或实际值。
""",
)

rule(
    SCORES,
    "missing-reason",
    WARNING,
    """
指标未完成或部分完成，但没有填写原因。修改：填写 `reason_category` 和 `reason`。
""",
)


GRADES = (("优", Decimal(90)), ("良", Decimal(80)), ("中", Decimal(60)), ("差", Decimal(0)))
_GRADE_WORDS = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "中等": "中", "合格": "中", "差": "差", "较差": "差", "不合格": "差"}


def grade_for(score: Decimal) -> str:
    """The grade a score earns: 优 90–100, 良 80–89, 中 60–79, 差 below 60."""
    for grade, floor in GRADES:
        if score >= floor:
            return grade
    return "差"


def _check_grade(dc: DocumentCheck, score: Decimal, grade: str | None, path: tuple[Any, ...], field: str) -> Iterator[Problem]:
    if grade is None:
        return
    word = _GRADE_WORDS.get(grade.strip())
    if word is None:
        yield dc.problem("unknown-grade", f"等级“{grade}”无法识别，应为 优（优秀）、良（良好）、中、差 之一。", path, field)
    elif word != grade_for(score):
        yield dc.problem(
            "grade-mismatch",
            f"得分 {fmt(score)} 对应的等级是“{grade_for(score)}”，但写的是“{grade}”（优 90–100，良 80–89，中 60–79，差 60 以下）。",
            path,
            field,
            stated=grade,
            computed=grade_for(score),
        )


def check_scores(dc: DocumentCheck) -> Iterator[Problem]:
    """Score breakdowns: each score within its weight, weights to 100, totals, grades."""
    doc = dc.doc
    totals: list[tuple[Decimal, tuple[Any, ...]]] = []
    for bi, block in enumerate(doc.body):
        if isinstance(block, m.Scores):
            yield from _check_score_block(dc, bi, block)
            if block.total is not None:
                totals.append((block.total, ("body", bi, "total")))
        elif isinstance(block, m.Indicators):
            yield from _check_indicators(dc, bi, block)
    if doc.score is not None:
        if doc.score > HUNDRED + sum((b.bonus or 0 for b in doc.body if isinstance(b, m.Indicators)), Decimal(0)) and not any(
            isinstance(b, m.Scores) and any(i.bonus for i in b.items) for b in doc.body
        ):
            yield dc.problem("score-out-of-range", f"总得分 {fmt(doc.score)} 超过 100 分。", ("score",), "score")
        yield from _check_grade(dc, doc.score, doc.grade, ("grade",), "grade")
        for total, path in totals:
            if total != doc.score:
                yield dc.problem(
                    "score-mismatch",
                    f"文档总得分 {fmt(doc.score)} 与评分表总得分 {fmt(total)} 不一致。",
                    path,
                    "score",
                    stated=doc.score,
                    computed=total,
                )


def _check_score_block(dc: DocumentCheck, bi: int, block: m.Scores) -> Iterator[Problem]:
    base = ("body", bi)
    names: dict[str, int] = {}
    for i, item in enumerate(block.items):
        if item.name in names:
            yield dc.problem(
                "duplicate-id",
                f"评分项“{item.name}”重名（另一个在第 {dc.src.place(base + ('items', names[item.name]))[0]} 行）："
                "上级按名称引用，重名会混淆，请写全名称（如“管理效能-其他”）。",
                base + ("items", i, "name"),
                f"scores.{item.name}",
            )
        else:
            names[item.name] = i
    if len(names) < len(block.items):
        return  # which item a parent name means is unclear: no sums until the names are unique
    children: dict[str, list[int]] = defaultdict(list)
    cyclic = cycles({item.name: item.parent for item in block.items if item.parent is not None})
    for i, item in enumerate(block.items):
        if item.name in cyclic:
            yield dc.problem(
                "parent-cycle",
                f"评分项“{item.name}”的上级绕回了它自己（{' → '.join(cyclic[item.name])}）：请改正“所属上级”。",
                base + ("items", i, "parent"),
                f"scores.{item.name}",
            )
            continue
        if item.parent is not None:
            if item.parent not in names:
                yield dc.problem("unknown-parent", f"评分项“{item.name}”的上级“{item.parent}”不存在。", base + ("items", i, "parent"), f"scores.{item.name}")
            else:
                children[item.parent].append(i)
        if item.weight is not None and item.score is not None and item.score > item.weight:
            yield dc.problem(
                "score-exceeds-weight",
                f"“{item.name}”得分 {fmt(item.score)} 超过分值 {fmt(item.weight)}。",
                base + ("items", i, "score"),
                f"scores.{item.name}",
                stated=item.score,
                computed=item.weight,
            )
    # The score of a parent is the sum of its children's scores.
    effective: dict[str, Decimal | None] = {}
    visiting: set[str] = set()

    def score_of(root: int) -> Decimal | None:
        # Children before their parent, on a stack of its own: a chain of thousands of levels is no deeper for Python.
        stack = [(root, False)]
        while stack:
            i, ready = stack.pop()
            name = block.items[i].name
            if name in effective:
                continue
            if not ready:
                if name in visiting:
                    continue  # a loop: its items are reported as parent-cycle
                visiting.add(name)
                stack.append((i, True))
                stack.extend((k, False) for k in children.get(name, []))
                continue
            kids = [effective.get(block.items[k].name) for k in children.get(name, [])]
            kid_sum = sum((k for k in kids if k is not None), Decimal(0)) if any(k is not None for k in kids) else None
            effective[name] = block.items[i].score if block.items[i].score is not None else kid_sum
        return effective.get(block.items[root].name)

    for name, kids in children.items():
        pi = names[name]
        parent = block.items[pi]
        kid_scores = [score_of(k) for k in kids]
        if parent.score is not None and all(k is not None for k in kid_scores):
            total = sum((k for k in kid_scores if k is not None), Decimal(0))
            if total != parent.score:
                yield dc.problem(
                    "score-sum-mismatch",
                    f"“{parent.name}”得分 {fmt(parent.score)} ≠ 各分项得分之和 {fmt(total)}。",
                    base + ("items", pi, "score"),
                    f"scores.{parent.name}",
                    stated=parent.score,
                    computed=total,
                )
        if parent.weight is not None and parent.score is None:
            total = sum((k for k in kid_scores if k is not None), Decimal(0))
            if total > parent.weight:
                yield dc.problem(
                    "score-exceeds-weight",
                    f"“{parent.name}”各分项得分之和 {fmt(total)} 超过分值 {fmt(parent.weight)}。",
                    base + ("items", pi),
                    f"scores.{parent.name}",
                    stated=total,
                    computed=parent.weight,
                )
    top = [i for i, item in enumerate(block.items) if item.parent is None]
    weights = [block.items[i].weight for i in top if not block.items[i].bonus]
    if top and all(w is not None for w in weights) and weights:
        total_weight = sum((w for w in weights if w is not None), Decimal(0))
        if total_weight != HUNDRED:
            bonus = sum((block.items[i].weight or Decimal(0) for i in top if block.items[i].bonus), Decimal(0))
            extra = f"（另有加分项 {fmt(bonus)} 分，不计入 100 分）" if bonus else ""
            yield dc.problem(
                "weights-sum",
                f"“{block.title}”各项分值之和为 {fmt(total_weight)}，应为 100{extra}。",
                base + ("items",),
                "scores.weights",
                stated=total_weight,
                computed=HUNDRED,
            )
    top_scores = [score_of(i) for i in top]
    if block.total is not None and top and all(s is not None for s in top_scores):
        total = sum((s for s in top_scores if s is not None), Decimal(0))
        if total != block.total:
            yield dc.problem(
                "score-total-mismatch",
                f"总得分 {fmt(block.total)} ≠ 各项得分之和 {fmt(total)}（{diff_text(block.total, total)}）。",
                base + ("total",),
                "scores.total",
                stated=block.total,
                computed=total,
            )
    if block.total is not None:
        yield from _check_grade(dc, block.total, block.grade, base + ("grade",), "scores.grade")


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


def _check_indicators(dc: DocumentCheck, bi: int, block: m.Indicators) -> Iterator[Problem]:
    base = ("body", bi)
    key = block.id or f"indicators-{bi + 1}"
    weights: list[Decimal] = []
    scores: list[Decimal] = []
    for ri, row in enumerate(block.rows):
        path = base + ("rows", ri)
        field = f"{key}.{row.name}"
        if row.weight is not None:
            weights.append(row.weight)
        if row.score is not None:
            scores.append(row.score)
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
        # Compare only like with like: "≤1天" against "20小时" is not a number comparison.
        if row.completion and op and value is not None and actual and actual[0] == "=" and actual[2] == target_unit:
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
    if weights and len(weights) == len(block.rows):
        total_weight = sum(weights, Decimal(0))
        expected = HUNDRED + (block.bonus or Decimal(0))
        if total_weight != expected and total_weight != HUNDRED:
            yield dc.problem(
                "weights-sum",
                f"“{block.title}”各指标分值之和为 {fmt(total_weight)}，应为 100"
                f"{'（加分项 ' + fmt(block.bonus) + ' 分另计）' if block.bonus else ''}。",
                base + ("rows",),
                f"{key}.weights",
                stated=total_weight,
                computed=expected,
            )
    if block.total is not None and scores and len(scores) == len(block.rows):
        total = sum(scores, Decimal(0))
        if total != block.total:
            yield dc.problem(
                "score-total-mismatch",
                f"“{block.title}”总得分 {fmt(block.total)} ≠ 各指标得分之和 {fmt(total)}。",
                base + ("total",),
                f"{key}.total",
                stated=block.total,
                computed=total,
            )
