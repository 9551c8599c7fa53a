"""The self-evaluation parts of a page as the form prints them: indicator tables, score breakdowns, goals, lists.

Each view is made from the content alone: printed labels where the form
words a column differently, multi-level headers merged as printed, merged
level cells, and group points where the form prints them; and, given the
page's notes of the block, the “注n” of each acknowledged discrepancy at the
figure it questions.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable

from . import model as m
from .headers import HeaderCell, HeaderColumn, add_columns, depth_of
from .indicators import Group, groups, levels
from .notes import Note
from .numbering import counted

INDICATOR_LABELS: dict[str, str] = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "description": "指标描述",
    "target": "指标值",
    "operator": "运算符号",
    "target_value": "指标值",
    "unit": "度量单位",
    "basis": "指标值确定依据",
    "actual": "实际完成值",
    "completion": "完成情况",
    "weight": "分值",
    "score": "得分",
    "reason_category": "未完成原因类别",
    "reason": "原因说明",
    "improvement": "改进措施",
    "scoring_rule": "评分规则",
    "goal": "绩效目标",
    "result": "全年完成情况",
    "total": "总得分",
    "grade": "评价等级",
}
"""How indicator tables usually word their columns and parts; ``labels`` and ``columns`` override them."""

_POINTS_SAID = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")


def states_points(title: str, points: Decimal | None) -> bool:
    """Whether a title as printed already gives these points: “绩效指标(90分)”, “产出指标（50分）”; the page adds them otherwise."""
    return points is not None and any(Decimal(found) == points for found in _POINTS_SAID.findall(title))

_DEFAULT_ORDER = (
    "level1",
    "level2",
    "name",
    "description",
    "target",
    "operator",
    "target_value",
    "unit",
    "basis",
    "actual",
    "completion",
    "weight",
    "score",
    "reason_category",
    "reason",
    "improvement",
    "scoring_rule",
)
_SPLIT_TARGET = ("operator", "target_value", "unit")
"""The parts of 指标值: printed by default only when no row prints the target as one text."""
_NUMERIC = ("target_value", "weight", "score")


@dataclass(slots=True)
class IndicatorCell:
    """One body cell: its text, how many rows it spans (0: covered by the cell above), and its column."""

    text: str
    rowspan: int
    field: str
    notes: list[Note] = dataclasses.field(default_factory=list)
    """The marks printed after its text: acknowledged discrepancies of the figure it shows."""


@dataclass(slots=True)
class IndicatorView:
    """An indicator table ready to print."""

    header: list[list[HeaderCell]]
    fields: list[str]
    """The indicator field printed in each column."""
    rows: list[list[IndicatorCell]]
    total: list[tuple[str, int, bool]] = field(default_factory=list)
    """The 总得分 row as (text, colspan, numeric?) cells, when the table prints a total in a 得分 column."""
    goal_label: str = ""
    result_label: str = ""
    total_label: str = ""
    grade_label: str = ""
    total_notes: list[list[Note]] = field(default_factory=list)
    """The marks of each cell of ``total``."""
    caption_notes: list[Note] = field(default_factory=list)
    """Marks of the table as a whole, or of its printed points (“（90分）”), after its title."""
    funds_notes: list[Note] = field(default_factory=list)
    """Marks of the 项目资金 the caption prints."""
    summary_notes: list[Note] = field(default_factory=list)
    """Marks of the 总得分 printed under the table (when the table has no 得分 column)."""
    grade_notes: list[Note] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    """Every mark of the table, in page order: their explanations are printed under it."""


def indicator_label(block: m.Indicators, name: str) -> str:
    """The printed name of a column or part: as the block's labels word it, else as forms usually do."""
    return getattr(block.labels, name, None) or INDICATOR_LABELS[name]


def indicator_view(block: m.Indicators, notes: Iterable[Note] = ()) -> IndicatorView:
    """Columns as printed (or the usual ones that hold something), level cells merged, group points placed; ``notes``
    (the page's notes of this block) marked at their figures."""
    filled = levels(block)
    tree = groups(block)
    values: list[dict[str, str]] = []
    for ri, row in enumerate(block.rows):
        cells: dict[str, str] = {}
        for name in _DEFAULT_ORDER:
            v = getattr(row, name)
            cells[name] = (row.mark(name) or "") if v is None else (format(v, "f") if isinstance(v, Decimal) else str(v))
        cells["level1"], cells["level2"] = filled[ri]
        values.append(cells)
    placed = _group_points_in_columns(tree, values)
    chosen: list[tuple[str, str, tuple[str, ...]]]
    if block.columns:
        chosen = [(c.field, c.label or indicator_label(block, c.field), tuple(c.group)) for c in block.columns]
    else:
        whole_target = any(v["target"] for v in values)
        chosen = [
            (name, indicator_label(block, name), ())
            for name in _DEFAULT_ORDER
            if any(v[name] for v in values) and not (whole_target and name in _SPLIT_TARGET)
        ]
    fields = [name for name, _, _ in chosen]
    if "target_value" in fields and "target" not in fields:
        # A form that splits 年度指标值 into 指标性质 | 指标值 | 度量单位: a qualitative target (高, 及时) is its 指标值.
        for v in values:
            v["target_value"] = v["target_value"] or v["target"]
    # Points placed in a 分值 column the form does not print follow the group's name instead.
    _name_points(tree, values, {k: v for k, v in placed.items() if k[0] in fields}, "score" in fields)
    columns = [HeaderColumn(label, group, name in _NUMERIC, rowhead=name == "name") for name, label, group in chosen]
    header: list[list[HeaderCell]] = [[] for _ in range(depth_of(columns))]
    labels = add_columns(header, columns)
    grid = [[IndicatorCell(v[name], 1, name) for name in fields] for v in values]
    _merge(grid, fields, values, placed)
    view = IndicatorView(
        header,
        fields,
        grid,
        goal_label=indicator_label(block, "goal"),
        result_label=indicator_label(block, "result"),
        total_label=indicator_label(block, "total"),
        grade_label=indicator_label(block, "grade"),
    )
    view.total = _total_row(block, fields, view.total_label)
    view.total_notes = [[] for _ in view.total]
    for note in sorted(notes, key=lambda n: n.number):
        _place_indicator_note(block, view, note, placed, values, labels)
    return view


def _place_indicator_note(
    block: m.Indicators, view: IndicatorView, note: Note, placed: Placed, values: list[dict[str, str]], labels: list[HeaderCell]
) -> None:
    """Put ``note``'s mark at the cell of the figure it questions, else after the table's title."""
    view.notes.append(note)
    spot, fields, grid = note.spot, view.fields, view.rows
    if spot is None:
        view.caption_notes.append(note)
        return

    def at(row: int, column: str) -> bool:
        """Mark the cell of ``column`` that covers ``row`` (a merged cell starts above it), if the table prints it."""
        if column not in fields or not 0 <= row < len(grid):
            return False
        ci = fields.index(column)
        while row > 0 and grid[row][ci].rowspan == 0:
            row -= 1
        grid[row][ci].notes.append(note)
        return True

    def at_total(column: str) -> bool:
        """Mark the 总得分 row's cell of ``column``, when the row prints that figure (``_total_row``'s cells)."""
        printed = {"weight": block.total_weight, "score": block.total}
        shown = [f for f in fields if f in printed and printed[f] is not None]
        if printed[column] is None or not shown:
            return False
        numeric = [f for f in fields[fields.index(shown[0]) :] if f in printed and (printed[f] is not None or f == "weight")]
        cells = [i for i, (_, _, number) in enumerate(view.total) if number]
        if column not in numeric or len(cells) != len(numeric):
            return False
        view.total_notes[cells[numeric.index(column)]].append(note)
        return True

    if spot.part == "row":
        # The cell of the figure; a blank one (the form left it empty) is marked at the row's name.
        column = spot.column if values[spot.row].get(spot.column) else "name"
        if not at(spot.row, column) and not at(spot.row, "name"):
            view.caption_notes.append(note)
    elif spot.part in ("level1", "level2"):
        # A level's figure is in the 分值 / 得分 column over its rows, or after its name (产出指标（50分，得分49.2）).
        if not (placed.get((spot.column, spot.row), ("", 0))[0] == spot.part and at(spot.row, spot.column)) and not at(spot.row, spot.part):
            view.caption_notes.append(note)
    elif spot.part == "total":
        if not at_total(spot.column):
            if spot.column == "score" and block.total is not None and "score" not in fields:
                view.summary_notes.append(note)
            else:
                view.caption_notes.append(note)
    elif spot.part == "weights" and block.total_weight is not None and at_total("weight"):
        pass  # the 合计 row's 分值: the sum of the points the problem questions
    elif spot.part == "weights" and block.points is None and "weight" in fields:
        labels[fields.index("weight")].notes.append(note)  # no total printed: the 分值 column, whose points do not add up
    elif spot.part == "grade" and block.grade:
        view.grade_notes.append(note)
    elif spot.part == "funds" and block.funds is not None:
        view.funds_notes.append(note)
    else:
        view.caption_notes.append(note)


def _total_row(block: m.Indicators, fields: list[str], label: str) -> list[tuple[str, int, bool]]:
    """The 总得分 row as printed: its name over the columns before 分值 (or 得分), then the printed points and score."""
    printed = {"weight": block.total_weight, "score": block.total}
    shown = [f for f in fields if f in printed and printed[f] is not None]
    if not shown:
        return []
    at = fields.index(shown[0])
    row: list[tuple[str, int, bool]] = [(label, at, False)] if at else []
    gap = 0
    for name in fields[at:]:
        value = printed.get(name)
        if name in printed and (value is not None or name == "weight"):
            if gap:
                row.append(("", gap, False))
                gap = 0
            row.append(("" if value is None else format(value, "f"), 1, True))
        else:
            gap += 1
    if gap:
        row.append(("", gap, False))
    return row


Placed = dict[tuple[str, int], tuple[str, int]]
"""(column, first row) → (level, rows spanned) of each group figure printed in the 分值 or 得分 column."""


def _group_points_in_columns(tree: list[Group], values: list[dict[str, str]]) -> Placed:
    """Put a group's points (and score) in the 分值 (得分) column over its rows when its rows print none of their own."""
    placed: Placed = {}
    for top in tree:
        for name, figure in (("weight", "points"), ("score", "score")):
            value = getattr(top, figure)
            inner = [getattr(sub, figure) for sub in top.children]
            if value is not None and all(not values[i][name] for i in top.rows) and all(v is None for v in inner):
                values[top.rows[0]][name] = format(value, "f")
                placed[(name, top.rows[0])] = ("level1", len(top.rows))
        for sub in top.children:
            for name, figure in (("weight", "points"), ("score", "score")):
                value = getattr(sub, figure)
                if value is not None and all(not values[i][name] for i in sub.rows):
                    values[sub.rows[0]][name] = format(value, "f")
                    placed[(name, sub.rows[0])] = ("level2", len(sub.rows))
    return placed


def _name_points(tree: list[Group], values: list[dict[str, str]], placed: Placed, score_shown: bool = True) -> None:
    """Print a group's points and score after its name (产出指标（50分，得分49.2）) when they are not shown in the
    分值 and 得分 columns: every figure the form prints is on the page."""

    def named(group: Group, level: str) -> str:
        parts = []
        if group.points is not None and placed.get(("weight", group.rows[0]), ("", 0))[0] != level and not states_points(group.name, group.points):
            parts.append(f"{format(group.points, 'f')}分")
        if group.score is not None and not (score_shown and placed.get(("score", group.rows[0]), ("", 0))[0] == level):
            parts.append(f"得分{format(group.score, 'f')}")
        return f"{group.name}（{'，'.join(parts)}）" if parts else group.name

    for top in tree:
        name = named(top, "level1")
        if name != top.name:
            for i in top.rows:
                values[i]["level1"] = name
        for sub in top.children:
            name = named(sub, "level2")
            if name != sub.name:
                for i in sub.rows:
                    values[i]["level2"] = name


def _merge(grid: list[list[IndicatorCell]], fields: list[str], values: list[dict[str, str]], placed: Placed) -> None:
    """Merge equal runs of level names, and group figures over their group's rows, as the form merges them."""
    spans: dict[tuple[int, int], int] = {}
    for ci, name in enumerate(fields):
        if name in ("level1", "level2"):
            start = 0
            for ri in range(1, len(values) + 1):
                same = (
                    ri < len(values)
                    and values[ri][name] == values[start][name]
                    and (name == "level1" or values[ri]["level1"] == values[start]["level1"])
                )
                if not same:
                    spans[(start, ci)] = ri - start
                    start = ri
        else:
            for (column, first), (_, count) in placed.items():
                if column == name:
                    spans[(first, ci)] = count
    for (ri, ci), span in spans.items():
        grid[ri][ci].rowspan = span
        for k in range(ri + 1, ri + span):
            grid[k][ci].rowspan = 0


@dataclass(slots=True)
class ScoresView:
    """A score breakdown's printed names, and the marks of its acknowledged discrepancies by where they are printed."""

    name: str
    weight: str
    score: str
    total: str
    grade: str
    items: list[dict[str, list[Note]]] = field(default_factory=list)
    """Per item, the marks after its name, 分值 and 得分 (``name``, ``weight``, ``score``)."""
    totals: dict[str, list[Note]] = field(default_factory=dict)
    """The marks of the 总得分 row's 分值 and 得分."""
    headers: dict[str, list[Note]] = field(default_factory=dict)
    """The marks of a column as a whole (``weight``: its points do not add up, and no total of them is printed)."""
    caption_notes: list[Note] = field(default_factory=list)
    grade_notes: list[Note] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    """Every mark of the breakdown, in page order: their explanations are printed under it."""


def scores_view(block: m.Scores, notes: Iterable[Note] = ()) -> ScoresView:
    """The column and total names a score breakdown prints; ``notes`` (the page's notes of this block) placed at their figures."""
    labels = block.labels
    view = ScoresView(
        labels.name or "评价内容",
        labels.weight or "分值",
        labels.score or "得分",
        labels.total or "总得分",
        labels.grade or "评价等级",
        items=[{"name": [], "weight": [], "score": []} for _ in block.items],
        totals={"weight": [], "score": []},
        headers={"weight": []},
    )
    printed_total = {"weight": block.total_weight, "score": block.total}
    for note in sorted(notes, key=lambda n: n.number):
        view.notes.append(note)
        spot = note.spot
        if spot is not None and spot.part == "row" and 0 <= spot.row < len(block.items):
            item = block.items[spot.row]
            column = spot.column if spot.column in ("weight", "score") and getattr(item, spot.column) is not None else "name"
            view.items[spot.row][column].append(note)
        elif spot is not None and spot.part == "total" and printed_total.get(spot.column) is not None:
            view.totals[spot.column].append(note)
        elif spot is not None and spot.part == "weights" and block.total_weight is not None:
            view.totals["weight"].append(note)  # the 合计 row's 分值: the sum of the points the problem questions
        elif spot is not None and spot.part == "weights" and block.points is None:
            view.headers["weight"].append(note)  # no total printed: the 分值 column, whose points do not add up
        elif spot is not None and spot.part == "grade" and block.grade:
            view.grade_notes.append(note)
        else:
            view.caption_notes.append(note)
    return view


def goal_labels(block: m.Goals) -> tuple[str, str, str]:
    """How the goals' parts are named: 绩效目标, 绩效指标, 完成情况, unless the form words them differently."""
    labels = block.labels
    return (labels.goal or "绩效目标", labels.indicators or "绩效指标", labels.result or "完成情况")


def number_for(block: m.ListBlock | m.Goals | m.GlossaryBlock, index: int) -> str:
    """The printed number of a list item: as listed, or from the numbering pattern (none where the source prints none)."""
    if block.numbers and index < len(block.numbers):
        return block.numbers[index]
    return counted(block.numbering, index + 1).text if block.numbering else ""


def people_columns(block: m.People) -> list[tuple[str, str]]:
    """The columns of an evaluators' list beside 姓名 that anyone fills: (field, printed name)."""
    columns = (("title", "职务/职称"), ("unit", "单位"), ("role", "分工"))
    return [(name, label) for name, label in columns if any(getattr(p, name) for p in block.people)]


def execution_note(doc: m.Document, block: m.Indicators) -> str:
    """What the form's 总分 includes beside its indicators: the 预算执行率 line scored in the project's money table."""
    from .indicators import ExecutionLine, execution_line

    line = execution_line(doc, block)
    if not isinstance(line, ExecutionLine) or line.weight is None or line.weight.value is None:
        return ""
    score = f"、得分 {line.score.text} 分" if line.score is not None and line.score.value is not None else ""
    where = f"“{line.table.title}”表“{line.label}”一行" if line.table.title else f"“{line.label}”一行"
    return f"总分含预算执行率的分值 {line.weight.text} 分{score}（见{where}）。"
