"""Scores: each within its weight, weights to 100, totals, grades; indicators against their targets."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterator

from .. import model as m
from ..indicators import ExecutionLine, execution_line, forgotten_execution
from ..problems import Problem
from ..load import decimal_places
from .base import HUNDRED, DocumentCheck, cycles, diff_text, fmt, round_to
from .indicator_groups import check_indicator, group_scores, group_weights, unused
from .registry import ERROR, WARNING, family, rule
from .rounding import precision_words, rounds_to


def adds_up(printed: Decimal, exact: Decimal) -> bool:
    """A printed total that is its parts' sum, exactly or printed to its own coarser precision."""
    return printed == exact or rounds_to(printed, exact)


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
    "unmet-full-marks",
    WARNING,
    """
没有“完成情况”一栏的指标表（全国通行的项目支出绩效自评表就没有）中，指标的实际完成值没有达到有方向的目标（≥、≤、＞、＜，
全角的 ≧、≦、＞＝，或写在数字后的“以上”“以下”“以内”，后三者都包括本数），却得了满分。只比较单位相同的目标和实际值
（单位前的“万”“亿”照算：“0.4万人次”即 4000人次）；数字后括号里的说明（“85%（抽样调查）”）不影响比较；没有写方向的目标（“1200亩”）不判断。
实际完成值只印了数字的（单位印在“度量单位”一栏或目标里：“≥50个”、实际“45”），按目标的单位读；与目标数值相差十倍以上的
（“≤12月”下的日期“2023.11”、“≤30万元”下以元计的“285000”、百分比目标下的小数“0.958”）是另一种单位，不判断。
目标是期限（“2023年10月底前”“3月底前”“≤2023年11月30日”）、实际完成值是一个日子（“2023年11月15日”“4月12日”）的，晚于期限即未达到目标。
定性指标的目标和实际是同一套等级（优、良、中、差；优秀、良好、一般、较差；好、较好、一般、差）的，实际低于目标（目标“优”、实际“良”）即未达到目标。
有“完成情况”一栏的表中，完成情况写着“未完成”的指标得了满分的，也报告（“部分完成”的不报告：有的计分办法达到一定比例即给满分）。
例：`指标“市民满意度”目标 ≥90%、实际 80%，未达到目标，却得满分 10 分（分值 10）。`
例：`指标“市场主体年报公示率”完成情况写的是“未完成”（目标 ≥90%、实际 88.6%），却得满分 10 分（分值 10）……`
修改：照原表核对实际完成值和得分；原表确是如此时，确认差异并说明。
""",
)

rule(
    SCORES,
    "execution-score",
    WARNING,
    """
项目支出绩效自评表的预算执行率得分高于执行率所能得到的分数。各地计分办法不同：多数按“执行率 × 分值”计分，
宽松的在执行率达到 90% 时即给满分；这里只在得分连宽松办法也给不到时报告（得分 ＞ 分值 × 执行率 ÷ 90%，按印出的精度）。
执行率达到 90% 或超支（超过 100%）时不报告。得分一栏的表头印了计分办法的（“得分（20分*执行率）”），按这个办法核对：得分应等于分值 × 执行率（按印出的精度），高了低了都报告（执行率超过 100% 的不核对）。原表没有印执行率（或执行率一栏空着）时，按同一行的执行数 ÷ 全年预算数（没有时用预算数、年初预算数）计算。
执行率印成小数的（0.958，即 95.8%；不大于 1、不为 0 的都这样读），按百分数核对。
例：`预算执行率（“年度资金总额”一行）为 50%，得分却是 10 分（分值 10）：按执行率计分为 5 分；即使执行率达到 90% 即给满分，也只有 5.56 分。`
修改：照原表核对得分和执行率；原表确是如此（另有计分办法）时，确认差异并说明计分办法。
""",
)

rule(
    SCORES,
    "weights-sum",
    ERROR,
    """
各项分值之和不是它应有的数：评分表、指标表各项分值之和应为 100（加分项、扣分项另计），本表写了分值合计（`points`）时应等于它；
一级、二级指标印了分值（`level1_points`、`level2_points`）时，其下各指标分值之和应等于它；上级评分项有分值时，其分项分值之和应等于它；
一个印错的一级、二级指标分值只报一次：其下各指标分值与合计相符时，报在印错的这个分值上，并不连带报合计；合计行印的正是 100、只是各指标分值之和不是 100 时，也只报一次。
既没有分值也没有得分的指标行（模板留空的“指标2:”“……”“/”）不计入。
项目支出绩效自评表的指标分值合计与预算执行率分值（`execution`）之和应为 100；一份文档分成几张各写了 `points` 的表时，各表分值之和应为 100。
例：`“评分情况”各项分值之和为 95，应为 100（另有加分项 5 分，不计入 100 分）。`
修改：核对分值；原文如此则确认差异。
""",
)

rule(
    SCORES,
    "score-total-mismatch",
    ERROR,
    """
总得分不等于各项得分之和（指标表按指标得分计，印了一级、二级指标得分的按它计，再加预算执行率的得分；
一份文档分成几张各写了 `points` 的表时，按各表总得分之和与文档总得分比较；文档只有一张评分表、总分只印在文档头部（`score`）时，
与这张表的各项得分之和比较；扣分项（`deduction: true`）的得分从中减去）。既没有分值也没有得分的指标行（模板留空的“指标2:”“……”“/”）不计入，不妨碍核对总分。
分表印的总得分与其下各项得分之和不符、而按各项得分计文档总得分相符时，只报这张表印的总得分，不连带报文档总得分。
总分印的小数位少于各项（各项两位小数、总分一位小数或整数）、各项之和按总分的精度四舍五入正是印的总分时，报提示
`rounding-difference`（见“四舍五入”），分值同理（三个 3.33 分合为 10 分）。
有指标得分空白（原表未填或缺页）时不能相加，但总得分大于已印得分加上各空白行全部分值（及预算执行率得分）之和的，不论空白处得多少分都到不了，
照样报告（印 98 分，已印得分 84、空白一行分值 10）。分表没有印自己的总得分时，按它的各项得分之和计。修改：核对总分和各项得分。
""",
)

rule(
    SCORES,
    "score-sum-mismatch",
    ERROR,
    """
上级评分项的得分不等于其分项得分之和；指标表中一级、二级指标印的得分（`level1_score`、`level2_score`）不等于其下各指标得分之和
（其下各指标得分与总分相符时，只报印错的这个得分，不连带报总分）。修改：核对得分。
""",
)

rule(
    SCORES,
    "score-mismatch",
    ERROR,
    """
文档头部的总得分与评分表的总得分不一致；文档只有一张计分的指标表时，与它合计行的总分不一致。
附了项目的自评表（几个项目的表，或写了 `project` 的表附在部门整体自评之后）时，各表有各自的总分，不与文档总得分比较。
几张表的总得分彼此一致、只有文档头部的 `score` 与它们不同时，只在 `score` 那一行报一次（写错的是头部）。修改：统一为原文数字。
""",
)

rule(
    SCORES,
    "execution-line",
    ERROR,
    """
指标表的预算执行率（`execution`）找不到：没有这个代号的表格，表中没有这一行，或表中没有分值栏（栏目代号 `weight`）。
项目支出绩效自评表的指标表没有写 `execution`，而项目资金表第一行印的分值（和得分）正是指标表的分值合计（和总分）所缺的，
也报告在这里（只报这一条，不再报分值、总分不符）：`“绩效指标”没有写预算执行率（execution）：表格“项目资金”的“年度资金总额”一行印有分值 10、得分 9.9，加上它，本表的分值和总分才相符。请在本表写 execution: {table: funds}。`
例：`“项目支出绩效自评表”的预算执行率找不到：正文中没有代号（id）为“funds”的表格。`
修改：给印有预算执行率的项目资金表写上 `id`，分值栏、得分栏、执行率栏的代号写 `weight`、`score`、`execution-rate`，再在 `execution` 中写这个 `id`。
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
等级与得分不符（优 90 分及以上，良 80 分至不满 90 分，中 60 分至不满 80 分，差 不满 60 分）。修改：核对等级或得分。
""",
)

rule(
    SCORES,
    "unknown-grade",
    ERROR,
    """
无法识别的等级写法。修改：写 优（优秀）、良（良好）、中（一般、合格）、差（较差）之一。
""",
)

rule(
    SCORES,
    "completion-mismatch",
    ERROR,
    """
指标的完成情况与目标、实际值不符（如目标 ≥95%、实际 90%，或目标“2天以内”、实际 3天，却写“完成”）。目标的方向和单位按
`unmet-full-marks` 所说的读法识别（期限和完成的日子也是）。没有写明方向的目标（“1200亩”“=300人”）
只在实际值与它相等时判断：超出还是不足才算完成，要看指标本身。修改：核对完成情况或实际值。
""",
)

rule(
    SCORES,
    "missing-reason",
    WARNING,
    """
指标未完成或部分完成，但没有填写原因。没有“完成情况”一栏、但印有偏差原因一栏的表（全国通行的项目支出绩效自评表的“偏差原因分析及改进措施”），
实际完成值没有达到有方向的目标、又没有得满分（得满分的由 unmet-full-marks 报告）而这一栏空着的，也报告。修改：照原表填写 `reason_category` 和 `reason`；原表确是空着的，确认并说明。
""",
)


GRADES = (("优", Decimal(90)), ("良", Decimal(80)), ("中", Decimal(60)), ("差", Decimal(0)))
GRADE_WORDS = {"优": "优", "优秀": "优", "良": "良", "良好": "良", "中": "中", "中等": "中", "合格": "中", "差": "差", "较差": "差", "不合格": "差", "一般": "中"}


GRADE_QUOTES = "“”\"'「」『』‘’"
"""Quotes a form prints around a grade (评价等级为“优”), which an editor may copy with it."""


def grade_for(score: Decimal) -> str:
    """The grade a score earns: 优 90–100, 良 80–89, 中 60–79, 差 below 60."""
    for grade, floor in GRADES:
        if score >= floor:
            return grade
    return "差"


def _check_grade(dc: DocumentCheck, score: Decimal, grade: str | None, path: tuple[Any, ...], field: str) -> Iterator[Problem]:
    if grade is None:
        return
    word = GRADE_WORDS.get(grade.strip().strip(GRADE_QUOTES).strip())  # “优” typed with the form's quotes is 优
    if word is None:
        yield dc.problem("unknown-grade", f"等级“{grade}”无法识别，应为 优（优秀）、良（良好）、中（一般、合格）、差（较差）之一。", path, field)
    elif word != grade_for(score):
        yield dc.problem(
            "grade-mismatch",
            f"得分 {fmt(score)} 对应的等级是“{grade_for(score)}”，但写的是“{grade}”（优 90 分及以上，良 80 分至不满 90 分，中 60 分至不满 80 分，差 不满 60 分）。",
            path,
            field,
            stated=grade,
            computed=grade_for(score),
        )


@dataclass(slots=True)
class Part:
    """What one scoring block adds to the document's total: its points, its total and whether it is the whole."""

    title: str
    path: tuple[Any, ...]
    """Where the block's total is written."""
    whole: bool
    """The block scores the whole document (100 points, plus any bonus); otherwise it declares the points it is worth."""
    points: Decimal | None
    total: Decimal | None
    bonus: Decimal = Decimal(0)
    indicators: bool = False
    """An indicator table (else a score breakdown)."""
    summed: Decimal | None = None
    """The sum of its scores (with the budget-execution line's), when every one is printed."""
    project: bool = False
    """An indicator table of a project attached to a department's report (:func:`attached_project_form`)."""


PROJECT_WORDS = ("项目", "专项")
"""Words of a form's title that make it a project's (…项目支出绩效自评表, 信访维稳专项资金绩效自评表), not the department's own."""


def attached_project_form(doc: m.Document, block: m.Block) -> bool:
    """An indicator table of a project attached to a department's report (it names its ``project``, or its title says so)."""
    return (
        isinstance(block, m.Indicators)
        and doc.kind != "project-evaluation"
        and (bool(block.project) or any(w in block.title for w in PROJECT_WORDS))
    )


def total_table(doc: m.Document) -> m.Scores | m.Indicators | None:
    """The one whole scoring table of an evaluation whose total is the document's score: a score table worth 100 points, or an
    indicator table that is the whole form, not a project's form attached to a department's report. None when there are
    several, or only parts (tables worth a declared share of the points)."""
    if doc.kind not in ("self-evaluation", "project-evaluation"):
        return None
    totals: list[m.Scores | m.Indicators] = []
    for block in doc.body:
        if isinstance(block, m.Scores) and block.total is not None:
            if block.points not in (None, HUNDRED):
                return None
            totals.append(block)
        elif isinstance(block, m.Indicators) and block.total is not None:
            if attached_project_form(doc, block):
                continue  # its total is the project's
            if block.points is not None and block.execution is None:
                return None
            totals.append(block)
    return totals[0] if len(totals) == 1 else None


def form_total(doc: m.Document) -> tuple[Decimal, str | None] | None:
    """The score (and grade) an evaluation prints only on the 总分 row of its one whole scoring table, its header having none.

    A project form is often laid out so: its indicator table's last row is the form's score.
    """
    table = total_table(doc) if doc.score is None else None
    if table is None or table.total is None:
        return None
    return table.total, table.grade


def check_scores(dc: DocumentCheck) -> Iterator[Problem]:
    """Score breakdowns and indicator tables: scores within weights, weights to their points, totals, grades."""
    doc = dc.doc
    parts: list[Part] = []
    for bi, block in enumerate(doc.body):
        if isinstance(block, m.Scores):
            yield from _check_score_block(dc, bi, block, parts)
        elif isinstance(block, m.Indicators):
            yield from _check_indicators(dc, bi, block, parts)
    if doc.score is not None:
        if doc.score > HUNDRED + sum((b.bonus or 0 for b in doc.body if isinstance(b, m.Indicators)), Decimal(0)) and not any(
            isinstance(b, m.Scores) and any(i.bonus for i in b.items) for b in doc.body
        ):
            yield dc.problem("score-out-of-range", f"总得分 {fmt(doc.score)} 超过 100 分。", ("score",), "score")
        yield from _check_grade(dc, doc.score, doc.grade, ("grade",), "grade")
        # Several whole indicator tables are several projects' forms: none of them alone is the document's total.
        # So is a form that names its project, attached to a department's self-evaluation.
        whole_tables = sum(1 for p in parts if p.whole and p.indicators and p.total is not None)

        def own_form(part: Part) -> bool:
            return part.indicators and (whole_tables > 1 or part.project)

        differing = [p for p in parts if p.whole and p.total is not None and p.total != doc.score and not own_form(p)]
        totals = {p.total for p in differing}
        if len(differing) > 1 and len(totals) == 1:
            # The tables agree with each other: the header's score is the figure written wrong.
            agreed = differing[0].total
            assert agreed is not None
            yield dc.problem(
                "score-mismatch",
                f"文档总得分 {fmt(doc.score)} 与{'、'.join(f'“{p.title}”' for p in differing)}的总得分 {fmt(agreed)} 不一致"
                "（这几张表彼此一致，请核对文件开头的 score）。",
                ("score",),
                "score",
                stated=doc.score,
                computed=agreed,
            )
            differing = []
        for part in differing:
            assert part.total is not None
            yield dc.problem(
                "score-mismatch",
                f"文档总得分 {fmt(doc.score)} 与“{part.title}”的总得分 {fmt(part.total)} 不一致。",
                part.path,
                "score",
                stated=doc.score,
                computed=part.total,
            )
        # A form that is one scored table and prints its total only in the header: the table's scores make that total.
        whole = [p for p in parts if p.whole]
        if len(whole) == 1 and whole[0].total is None and whole[0].summed is not None:
            only = whole[0]
            assert only.summed is not None
            found = dc.compared_total(
                "score-total-mismatch",
                f"文档总得分 {fmt(doc.score)} ≠ “{only.title}”各项得分之和 {fmt(only.summed)}（{diff_text(doc.score, only.summed)}）。",
                ("score",),
                "score",
                doc.score,
                only.summed,
            )
            if found is not None:
                yield found
    yield from _check_parts(dc, parts)


def _check_parts(dc: DocumentCheck, parts: list[Part]) -> Iterator[Problem]:
    """A document scored in several tables, each worth its declared points: the tables make up the whole."""
    if any(p.whole for p in parts):
        return  # one table scores the whole; others detail parts of it
    declared = [p for p in parts if not p.whole]
    if not declared:
        return
    names = "、".join(f"“{p.title}”" for p in declared)
    points = sum((p.points for p in declared if p.points is not None), Decimal(0))
    bonus = sum((p.bonus for p in declared), Decimal(0))
    if points not in (HUNDRED, HUNDRED + bonus):
        yield dc.problem(
            "weights-sum",
            f"本文档的评分分在{names}中，各表分值合计为 {fmt(points)}，应为 100"
            + (f"（另有加分项 {fmt(bonus)} 分）" if bonus else "")
            + "：请核对各表的分值合计（points），或补上缺少的评分表。",
            declared[0].path[:2] + ("points",),
            "score.points",
            stated=points,
            computed=HUNDRED,
        )
    doc = dc.doc
    # A table that prints no total of its own (湖北's goal tables) gives what its scores add up to.
    given = [p.total if p.total is not None else p.summed for p in declared]
    if doc.score is not None and all(g is not None for g in given):
        total = sum((g for g in given if g is not None), Decimal(0))
        # A table whose printed total is not its own scores' sum is reported at that total; when its scores make the
        # document's score with the others', the document's score is right and is not blamed for it.
        wrong = [p for p in declared if p.total is not None and p.summed is not None and not adds_up(p.total, p.summed)]
        by_scores = sum((p.summed if p in wrong and p.summed is not None else g or Decimal(0) for p, g in zip(declared, given)), Decimal(0))
        if not (wrong and adds_up(doc.score, by_scores)):
            found = dc.compared_total(
                "score-total-mismatch",
                f"文档总得分 {fmt(doc.score)} ≠ {names}的总得分之和 {fmt(total)}（{diff_text(doc.score, total)}）。",
                ("score",),
                "score",
                doc.score,
                total,
            )
            if found is not None:
                yield found


def _check_score_block(dc: DocumentCheck, bi: int, block: m.Scores, parts: list[Part]) -> Iterator[Problem]:
    base = ("body", bi)
    expected = block.points if block.points is not None else HUNDRED
    whole = expected == HUNDRED
    bonus_points = sum((i.weight or Decimal(0) for i in block.items if i.parent is None and i.bonus), Decimal(0))
    part = Part(block.title, base + ("total",), whole, expected, block.total, bonus_points)
    parts.append(part)
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
            effective[name] = block.items[i].counted if block.items[i].score is not None else kid_sum
        return effective.get(block.items[root].name)

    for name, kids in children.items():
        pi = names[name]
        parent = block.items[pi]
        kid_scores = [score_of(k) for k in kids]
        if parent.counted is not None and all(k is not None for k in kid_scores):
            total = sum((k for k in kid_scores if k is not None), Decimal(0))
            found = dc.compared_total(
                "score-sum-mismatch",
                f"“{parent.name}”得分 {fmt(parent.counted)} ≠ 各分项得分之和 {fmt(total)}。",
                base + ("items", pi, "score"),
                f"scores.{parent.name}",
                parent.counted,
                total,
            )
            if found is not None:
                yield found
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
        kid_weights = [block.items[k].weight for k in kids if not (block.items[k].bonus or block.items[k].deduction)]
        if parent.weight is not None and kid_weights and all(w is not None for w in kid_weights):
            total = sum((w for w in kid_weights if w is not None), Decimal(0))
            if total != parent.weight and rounds_to(parent.weight, total):
                yield dc.problem(
                    "rounding-difference",
                    f"“{parent.name}”分值 {fmt(parent.weight)}，各分项分值之和 {fmt(total)}：四舍五入到{precision_words(parent.weight)}（印的精度）正是 "
                    f"{fmt(parent.weight)}，在四舍五入误差范围内，不必修改。",
                    base + ("items", pi, "weight"),
                    f"scores.{parent.name}.weights",
                    stated=total,
                    computed=parent.weight,
                )
            elif total != parent.weight:
                yield dc.problem(
                    "weights-sum",
                    f"“{parent.name}”分值 {fmt(parent.weight)} ≠ 各分项分值之和 {fmt(total)}。",
                    base + ("items", pi, "weight"),
                    f"scores.{parent.name}.weights",
                    stated=total,
                    computed=parent.weight,
                )
    top = [i for i, item in enumerate(block.items) if item.parent is None]
    weights = [block.items[i].weight for i in top if not (block.items[i].bonus or block.items[i].deduction)]
    if top and all(w is not None for w in weights) and weights:
        total_weight = sum((w for w in weights if w is not None), Decimal(0))
        if total_weight != expected:
            extra = f"（另有加分项 {fmt(bonus_points)} 分，不计入 {fmt(expected)} 分）" if bonus_points else ""
            declared = "本表分值合计（points）" if block.points is not None else " "
            yield dc.problem(
                "weights-sum",
                f"“{block.title}”各项分值之和为 {fmt(total_weight)}，应为{declared}{fmt(expected)}{extra}。",
                base + (("points",) if block.points is not None else ("items",)),
                "scores.weights",
                stated=total_weight,
                computed=expected,
            )
    if block.total_weight is not None and top and all(w is not None for w in weights) and weights:
        total_weight = sum((w for w in weights if w is not None), Decimal(0))
        if total_weight != block.total_weight:
            yield dc.problem(
                "weights-sum",
                f"“{block.title}”合计行的分值印为 {fmt(block.total_weight)}，各项分值之和（加分项除外）为 {fmt(total_weight)}。",
                base + ("total_weight",),
                "scores.total_weight",
                stated=block.total_weight,
                computed=total_weight,
            )
    top_scores = [score_of(i) for i in top]
    if top and all(s is not None for s in top_scores):
        part.summed = sum((s for s in top_scores if s is not None), Decimal(0))
    if block.total is not None and top and all(s is not None for s in top_scores):
        total = sum((s for s in top_scores if s is not None), Decimal(0))
        found = dc.compared_total(
            "score-total-mismatch",
            f"总得分 {fmt(block.total)} ≠ 各项得分之和 {fmt(total)}（{diff_text(block.total, total)}）。",
            base + ("total",),
            "scores.total",
            block.total,
            total,
        )
        if found is not None:
            yield found
    if block.total is not None:
        yield from _check_grade(dc, block.total, block.grade, base + ("grade",), "scores.grade")


def _check_indicators(dc: DocumentCheck, bi: int, block: m.Indicators, parts: list[Part]) -> Iterator[Problem]:
    base = ("body", bi)
    key = block.id or f"indicators-{bi + 1}"
    # The form's column for the reason a target was missed, when it prints one: named in labels or columns, or filled in a row.
    column = next((c for c in block.columns if c.field == "reason"), None)
    reason_column = None
    if block.labels.reason or column is not None or any(r.reason for r in block.rows):
        reason_column = block.labels.reason or (column.label if column is not None else None) or "偏差原因"
    for ri, row in enumerate(block.rows):
        yield from check_indicator(dc, base + ("rows", ri), f"{key}.{row.name}", row, reason_column)
    line = execution_line(dc.doc, block)
    if line is None:
        line = _forgotten(dc, block)
        if line is not None:
            yield dc.problem(
                "execution-line",
                f"“{block.title}”没有写预算执行率（execution）：表格“{line.table.title or line.table.id}”的“{line.label}”一行印有分值 "
                f"{_printed(line.weight)}" + (f"、得分 {_printed(line.score)}" if _number(line.score) is not None else "")
                + f"，加上它，本表的分值和总分才相符。请在本表写 execution: {{table: {line.table.id}}}。",
                base + ("title",),
                f"{key}.execution",
            )
    execution: tuple[Decimal | None, Decimal | None] | None = None
    if isinstance(line, str):
        execution = (None, None)  # named but not found: nothing that depends on it is checked
        yield dc.problem(
            "execution-line",
            f"“{block.title}”的预算执行率（execution）找不到：{line}。请给项目资金表写上 id，"
            "分值栏、得分栏的栏目代号写 weight、score，再在 execution 中写这个 id。",
            base + ("execution",),
            f"{key}.execution",
        )
    elif line is not None:
        execution = (_number(line.weight), _number(line.score))
        yield from _check_execution(dc, line)
    bonus = block.bonus or Decimal(0)
    exec_weight = execution[0] if execution else Decimal(0)
    allowed = (HUNDRED, HUNDRED + bonus)

    def weights_fit(weight: Decimal) -> bool:
        if block.points is not None:
            return adds_up(block.points, weight)
        if exec_weight is None:
            return True
        return weight + exec_weight in allowed and (block.total_weight is None or adds_up(block.total_weight, weight + exec_weight))

    weight, weight_problems = group_weights(dc, base, key, block, weights_fit)
    yield from weight_problems
    sum_reported = False
    if block.points is not None:
        if weight is not None and weight != block.points:
            yield dc.problem(
                "rounding-difference" if rounds_to(block.points, weight) else "weights-sum",
                f"“{block.title}”各指标分值之和为 {fmt(weight)}，与本表印的指标分值合计 {fmt(block.points)} 不符"
                + (f"；四舍五入到{precision_words(block.points)}（印的精度）正是 {fmt(block.points)}，在四舍五入误差范围内，不必修改。" if rounds_to(block.points, weight) else "。"),
                base + ("points",),
                f"{key}.weights",
                stated=weight,
                computed=block.points,
            )
        # With its execution line the table is the whole form; without, it is the part of the total it declares.
        whole = execution is not None
        if exec_weight is not None and execution is not None and block.points + exec_weight not in allowed:
            others = _other_tables_points(dc.doc, block)
            if others is not None and block.points + exec_weight + others in allowed:
                # 湖北: 预算执行 20 分 + 年度绩效目标1 40 分 + 年度绩效目标2 40 分: this table and the execution line are a part.
                whole = False
            else:
                yield dc.problem(
                    "weights-sum",
                    f"“{block.title}”指标分值合计 {fmt(block.points)} 与预算执行率分值 {fmt(exec_weight)} 之和为 "
                    f"{fmt(block.points + exec_weight)}，应为 100{'（加分项 ' + fmt(bonus) + ' 分另计）' if bonus else ''}。",
                    base + ("execution",),
                    f"{key}.points",
                    stated=block.points + exec_weight,
                    computed=HUNDRED,
                )
    else:
        whole = True
        if weight is not None and exec_weight is not None:
            total_weight = weight + exec_weight
            if total_weight not in allowed:
                sum_reported = True
                with_execution = f"（含预算执行率 {fmt(exec_weight)} 分）" if execution else ""
                # Printed level points count as printed (an indicator's own points may be missing or wrong beneath them).
                weights = [r.weight for r in block.rows if r.weight is not None]
                plain = sum(weights, Decimal(0))
                counted = "指标分值（一级、二级指标印有分值的按印的分值计）之和" if weights and plain != weight else "各指标分值之和"
                yield dc.problem(
                    "weights-sum",
                    f"“{block.title}”{counted}{with_execution}为 {fmt(total_weight)}，应为 100"
                    f"{'（加分项 ' + fmt(bonus) + ' 分另计）' if bonus else ''}；"
                    "若本表只是总分的一部分（如项目支出绩效自评表的“绩效指标（90分）”），请写上指标分值合计 points。",
                    base + ("rows",),
                    f"{key}.weights",
                    stated=total_weight,
                    computed=HUNDRED + bonus,
                )
    indicators_weight = block.points if block.points is not None else weight
    if block.total_weight is not None and indicators_weight is not None and exec_weight is not None:
        printed_total = indicators_weight + exec_weight
        # A 合计 row printing the 100 it should is right: the sum that misses it is reported above, once.
        if printed_total != block.total_weight and not (sum_reported and block.total_weight in allowed):
            found = dc.compared_total(
                "weights-sum",
                f"“{block.title}”合计行的分值印为 {fmt(block.total_weight)}，"
                + (f"指标分值 {fmt(indicators_weight)} 加预算执行率分值 {fmt(exec_weight)}，共" if execution else "各指标分值之和为")
                + f" {fmt(printed_total)}。",
                base + ("total_weight",),
                f"{key}.total_weight",
                block.total_weight,
                printed_total,
            )
            if found is not None:
                yield found
    exec_score = execution[1] if execution else Decimal(0)
    target = block.total if block.total is not None else dc.doc.score

    def scores_fit(score: Decimal) -> bool:
        return target is None or exec_score is None or adds_up(target, score + exec_score)

    score, score_problems = group_scores(dc, base, key, block, scores_fit)
    yield from score_problems
    if score is None:
        yield from _beyond_blank_scores(dc, base, key, block, block.total if block.total is not None or not whole else dc.doc.score, execution)
    summed: Decimal | None = None
    if score is not None and (execution is None or execution[1] is not None):
        exec_score = execution[1] if execution and execution[1] is not None else Decimal(0)
        summed = total = score + exec_score
        if block.total is not None and total != block.total:
            parts_text = f"各指标得分之和 {fmt(score)} 加预算执行率得分 {fmt(exec_score)}，共 {fmt(total)}" if execution else f"各指标得分之和 {fmt(total)}"
            found = dc.compared_total(
                "score-total-mismatch",
                f"“{block.title}”总得分 {fmt(block.total)} ≠ {parts_text}（{diff_text(block.total, total)}）。",
                base + ("total",),
                f"{key}.total",
                block.total,
                total,
            )
            if found is not None:
                yield found
    if block.total is not None:
        yield from _check_grade(dc, block.total, block.grade, base + ("grade",), f"{key}.grade")
    if block.total is not None or block.points is not None or summed is not None:
        points = block.points if block.points is not None else HUNDRED
        if not whole and execution is not None and exec_weight is not None and block.points is not None:
            points = block.points + exec_weight  # the execution line's points are this part's too, as its scores are
        parts.append(Part(block.title, base + ("total",), whole, points, block.total, bonus, indicators=True, summed=summed, project=attached_project_form(dc.doc, block)))


def _beyond_blank_scores(
    dc: DocumentCheck,
    base: tuple[Any, ...],
    key: str,
    block: m.Indicators,
    target: Decimal | None,
    execution: tuple[Decimal | None, Decimal | None] | None,
) -> Iterator[Problem]:
    """A total no filling of the blank score cells can reach: the printed scores plus every blank row's full points.

    银川's form prints 自评得分 98 over scores adding to 84 and one blank row worth 10: whatever it scored, 98 is out of reach.
    """
    if target is None:
        return
    used = [row for row in block.rows if not unused(row)]
    blanks = [row for row in used if row.score is None]
    if not blanks or any(row.weight is None for row in blanks):
        return
    printed = sum((row.score for row in used if row.score is not None), Decimal(0))
    ceiling = printed + sum((row.weight for row in blanks if row.weight is not None), Decimal(0)) + (block.bonus or Decimal(0))
    line = ""
    if execution is not None:
        exec_weight, exec_score = execution
        if exec_score is None and exec_weight is None:
            return
        ceiling += exec_score if exec_score is not None else exec_weight or Decimal(0)
        line = f"、预算执行率得分 {fmt(exec_score)}" if exec_score is not None else f"、预算执行率的全部分值 {fmt(exec_weight or Decimal(0))}"
    if target <= ceiling or adds_up(target, ceiling):
        return
    names = "、".join(f"“{row.name}”" for row in blanks[:3]) + (f"等 {len(blanks)} 项" if len(blanks) > 3 else "")
    where, field = (base + ("total",), f"{key}.total") if block.total is not None else (("score",), "score")
    yield dc.problem(
        "score-total-mismatch",
        f"总得分 {fmt(target)} 超过“{block.title}”已印的各项得分之和 {fmt(printed)}{line}"
        + f"，加上得分空白的{names}的全部分值，共 {fmt(ceiling)}：不论空白处得多少分，总得分都不可能是 {fmt(target)}。",
        where,
        field,
        stated=target,
        computed=ceiling,
    )


def _other_tables_points(doc: m.Document, block: m.Indicators) -> Decimal | None:
    """The points the document's other scoring tables declare (``points``), when every one declares them; else None.

    A 评分 table of the whole 100 (``scores`` without ``points``, or with 100) sums the parts up, and is none of them: a
    湖北 form's 20 + 40 + 40 with its summary of 100 beside them was told it added up to 60.
    """
    others = [
        b
        for b in doc.body
        if (isinstance(b, m.Indicators) or (isinstance(b, m.Scores) and b.points is not None and b.points != HUNDRED)) and b is not block
    ]
    if not others or any(b.points is None for b in others):
        return None
    return sum((b.points for b in others if b.points is not None), Decimal(0))


def _forgotten(dc: DocumentCheck, block: m.Indicators) -> ExecutionLine | None:
    """The execution line a form prints but its indicator table does not name, when it is what the table's totals miss:
    the indicators' points fall short of the 合计 row's (else 100) by its 分值, and their scores of the total by its 得分."""
    scoring = [b for b in dc.doc.body if isinstance(b, (m.Indicators, m.Scores))]
    if dc.doc.kind != "project-evaluation" or scoring != [block]:
        return None  # a form of one project and one indicator table; a document scored in several tables adds them up
    line = forgotten_execution(dc.doc, block)
    weight = _number(line.weight) if line is not None else None
    if line is None or weight is None or weight <= 0:
        return None
    used = [row for row in block.rows if not unused(row)]
    points = block.points
    if points is None and used and all(row.weight is not None for row in used):
        points = sum((row.weight for row in used if row.weight is not None), Decimal(0))
    whole = block.total_weight if block.total_weight is not None else HUNDRED
    if points is None or points == whole or points + weight != whole:
        return None
    score, target = _number(line.score), block.total if block.total is not None else dc.doc.score
    if score is not None and target is not None and used and all(row.score is not None for row in used):
        scored = sum((row.score for row in used if row.score is not None), Decimal(0))
        if not adds_up(target, scored + score):
            return None
    return line


def _printed(cell: m.Cell | None) -> str:
    return cell.text if cell is not None and cell.text else ""


def _number(cell: m.Cell | None) -> Decimal | None:
    return cell.value if cell is not None and cell.state == "number" else None


_RULE_PRINTED = re.compile(r"(?P<n>\d+(?:\.\d+)?)\s*分\s*[*×xX＊]\s*(?:预算)?执行率|(?:预算)?执行率\s*[*×xX＊]\s*(?P<m>\d+(?:\.\d+)?)\s*分")
"""The rule a score column's heading prints (得分（20分*执行率）, 执行率×10分)."""


def _printed_rule(line: ExecutionLine) -> tuple[Decimal, str] | None:
    """The points and words of the rule the execution line's score column prints in its heading, if it prints one."""
    at = line.columns.get("score")
    columns = line.table.columns if not line.table.sides else []
    if at is None or at >= len(columns):
        return None
    heading = " ".join([*columns[at].group, columns[at].label])
    found = _RULE_PRINTED.search(heading)
    if found is None:
        return None
    return Decimal(found["n"] or found["m"]), found.group()


LENIENT_FULL_MARKS = Decimal(90)
"""The execution rate (%) from which the most lenient common rule gives the line its full points."""


def _check_execution(dc: DocumentCheck, line: ExecutionLine) -> Iterator[Problem]:
    """The budget-execution line scores no more than its points, nor more than its rate can earn."""
    weight, score = _number(line.weight), _number(line.score)
    rate = _number(line.rate)
    spent, budget = _number(line.spent), _number(line.budget)
    worked_out = ""
    if rate is None and spent is not None and budget is not None and budget > 0 and (line.rate is None or line.rate.state == "empty"):
        # The rate is not printed (or left blank): the row's 执行数 ÷ 全年预算数 is the rate it earns.
        rate = spent / budget * HUNDRED
        worked_out = f"（按执行数 {line.spent.text if line.spent else fmt(spent)} ÷ 预算数 {line.budget.text if line.budget else fmt(budget)} 算得）"
    if rate is not None and not worked_out and 0 < rate <= 1:
        # A printed rate of 1 or under other than 0 is a fraction printed without its ×100 (裕安's 0.958): 95.8 %, not 0.958 %.
        worked_out = f"（原表印作 {line.rate.text if line.rate else fmt(rate)}）"
        rate = rate * HUNDRED
    printed_rule = _printed_rule(line)
    if printed_rule is not None and score is not None and rate is not None and 0 < rate <= HUNDRED:
        # 湖北's 得分（20分*执行率）: the form prints its own rule, which gives one score, not a ceiling.
        points, words = printed_rule
        expected = points * rate / HUNDRED
        rate_text = line.rate.text if line.rate is not None and not worked_out else None
        slack = Decimal(1).scaleb(-decimal_places(line.score.text if line.score else None)) / 2 + (
            points * Decimal(1).scaleb(-decimal_places(rate_text)) / 2 / HUNDRED if rate_text else Decimal(0)
        )
        if abs(score - expected) > slack:
            yield dc.problem(
                "execution-score",
                f"预算执行率（“{line.label}”一行）为 {fmt(round_to(rate, 2))}%{worked_out}，按表头印的计分办法“{words}”应得 "
                f"{fmt(round_to(expected, 2))} 分，表中印的得分却是 {fmt(score)} 分。请照原表核对得分和执行率。",
                line.path("score"),
                f"{line.field_prefix}.score",
                stated=score,
                computed=round_to(expected, 2),
            )
            return
    low = rate is not None and (rate < LENIENT_FULL_MARKS if worked_out else (rate == 0 or 1 < rate < LENIENT_FULL_MARKS))
    if weight is not None and score is not None and rate is not None and low and score <= weight:
        ceiling = weight * rate / LENIENT_FULL_MARKS
        slack = Decimal(1).scaleb(-decimal_places(line.score.text if line.score else None)) / 2
        if score > ceiling + slack:
            yield dc.problem(
                "execution-score",
                f"预算执行率（“{line.label}”一行）为 {fmt(round_to(rate, 2))}%{worked_out}，得分却是 {fmt(score)} 分（分值 {fmt(weight)}）："
                f"按执行率计分为 {fmt(round_to(weight * rate / HUNDRED, 2))} 分；即使执行率达到 90% 即给满分，"
                f"也只有 {fmt(round_to(ceiling, 2))} 分。请照原表核对得分和执行率；原表确是如此（另有计分办法）时，请确认并说明计分办法。",
                line.path("score"),
                f"{line.field_prefix}.score",
                stated=score,
                computed=round_to(weight * rate / HUNDRED, 2),
            )
    if weight is not None and score is not None and score > weight:
        yield dc.problem(
            "score-exceeds-weight",
            f"预算执行率（“{line.label}”一行）得分 {fmt(score)} 超过分值 {fmt(weight)}。",
            line.path("score"),
            f"{line.field_prefix}.score",
            stated=score,
            computed=weight,
        )
