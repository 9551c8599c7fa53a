"""Validate stage: every rule the figures obey, as small checks that yield problems.

Each check takes one document (or the whole content) and yields ``Problem``
records; :func:`validate` runs them all, applies the publisher's
acknowledgements and returns one report. Messages name fields by the labels
printed in the documents.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from decimal import Context, Decimal, InvalidOperation
from typing import Any, Callable, Iterable, Iterator

from . import model as m
from .exact import exactly
from .figures import CURRENT_PHASE, SAME_FIGURE
from .load import Content, Loaded, decimal_places
from .problems import Problem, Report, Severity
from .roles import ColumnSpec, RowSpec, column_specs, row_specs, table_name

HUNDRED = Decimal(100)


# --------------------------------------------------------------------------- helpers


def fmt(value: Decimal) -> str:
    """Print a computed figure without float noise or exponent."""
    text = format(value.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".") or "0"


def tolerance(figures: Iterable[str | None], exact: bool = False) -> Decimal:
    """How far printed figures may disagree through rounding alone.

    Every figure is taken as rounded to the finest precision printed among
    them; integers alone are taken as exact. The allowance never reaches five
    units of the last printed decimal, so two-decimal figures may differ by a
    few hundredths through rounding, never by 0.05, let alone 0.5.
    """
    texts = [f for f in figures if f]
    places = max((decimal_places(t) for t in texts), default=0)
    if exact or places == 0:
        return Decimal(0)
    unit = Decimal(1).scaleb(-places)
    return min(unit / 2 * (len(texts) - 1), unit * 4)


class DocumentCheck:
    """What a check needs to know about one document."""

    def __init__(self, loaded: Loaded) -> None:
        self.doc: m.Document = loaded.record
        self.src = loaded.source

    def problem(
        self,
        code: str,
        message: str,
        path: tuple[Any, ...],
        field: str,
        *,
        severity: Severity = Severity.ERROR,
        stated: Decimal | str | None = None,
        computed: Decimal | str | None = None,
    ) -> Problem:
        line, col = self.src.place(path)
        return Problem(
            code=code,
            message=message,
            file=self.src.name,
            line=line,
            column=col,
            severity=severity,
            field=field,
            stated=None if stated is None else (stated if isinstance(stated, str) else fmt(stated)),
            computed=None if computed is None else (computed if isinstance(computed, str) else fmt(computed)),
        )


def _diff_text(stated: Decimal, computed: Decimal) -> str:
    return f"相差 {fmt(abs(stated - computed))}"


# --------------------------------------------------------------------------- tables


def table_key(table: m.Table, index: int) -> str:
    return table.id or table.role or f"table-{index + 1}"


def check_tables(dc: DocumentCheck) -> Iterator[Problem]:
    """Totals, subtotals, column sums, ratios and differences of every table."""
    keys: dict[str, int] = {}
    for bi, block in enumerate(dc.doc.body):
        if isinstance(block, (m.Table, m.Indicators, m.Scores)) and (block.id or getattr(block, "role", None)):
            key = block.id or getattr(block, "role", None) or ""
            if key in keys:
                yield dc.problem(
                    "duplicate-id",
                    f"本文档有两个表格的代号都是“{key}”（另一个在第 {dc.src.place(('body', keys[key]))[0]} 行）："
                    "请给其中一个表加上不同的 id，检查结果和数据下载才能分清它们。",
                    ("body", bi),
                    key,
                )
            else:
                keys[key] = bi
        if isinstance(block, m.Table):
            yield from _check_table(dc, bi, block)


def _check_table(dc: DocumentCheck, bi: int, table: m.Table) -> Iterator[Problem]:
    key = table_key(table, bi)
    cols = column_specs(table)
    rows = row_specs(table)
    col_index = {c.id: i for i, c in enumerate(cols)}
    row_index: dict[str, int] = {}
    base = ("body", bi)
    for i, column in enumerate(table.columns):
        if column.id in col_index and col_index[column.id] != i:
            yield dc.problem("duplicate-id", f"表“{table_name(table)}”中栏目代号“{column.id}”重复。", base + ("columns", i, "id"), f"{key}.{column.id}")
    for r in rows:
        if table.rows[r.index].id:
            if r.key in row_index:
                yield dc.problem("duplicate-id", f"表“{table_name(table)}”中行代号“{r.key}”重复。", base + ("rows", r.index, "id"), f"{key}.{r.key}")
            else:
                row_index[r.key] = r.index
    for r in rows:
        if r.key not in row_index and not table.rows[r.index].id:
            row_index.setdefault(r.label, r.index)
    grid = table.cells

    def cell_path(ri: int, ci: int) -> tuple[Any, ...]:
        return base + ("rows", ri, "values", ci)

    def name(ri: int, ci: int) -> str:
        return f"{key}.{rows[ri].key}.{cols[ci].id}"

    def cell(ri: int, ci: int) -> m.Cell | None:
        if ri < len(grid) and ci < len(grid[ri]):
            return grid[ri][ci]
        return None

    # Column definitions that point nowhere.
    for ci, col in enumerate(cols):
        refs = list(col.sum_of) + list(col.ratio or ()) + list(col.difference or ())
        for ref in refs:
            if ref not in col_index:
                yield dc.problem(
                    "unknown-column",
                    f"栏目“{col.label}”引用了不存在的栏目“{ref}”。现有栏目：{'、'.join(col_index)}。",
                    base + ("columns", ci),
                    f"{key}.{col.id}",
                )

    # Rows: each parent equals the sum of its children, per breakdown.
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    cyclic = _cycles({r.key: r.parent for r in rows if r.parent is not None})
    for r in rows:
        if r.parent is None:
            continue
        if r.key in cyclic:
            yield dc.problem(
                "parent-cycle",
                f"“{r.label}”的上级行绕回了它自己（{' → '.join(cyclic[r.key])}）：请改正“上级行代号”。",
                base + ("rows", r.index, "parent"),
                f"{key}.{r.key}",
            )
            continue
        if r.parent not in row_index:
            yield dc.problem(
                "unknown-parent",
                f"“{r.label}”的上级行“{r.parent}”不存在。",
                base + ("rows", r.index, "parent"),
                f"{key}.{r.key}",
            )
            continue
        groups[(row_index[r.parent], r.breakdown)].append(r.index)
    for (pi, breakdown), children in groups.items():
        mode = rows[pi].children
        if mode == "none":
            continue
        for ci, col in enumerate(cols):
            if not col.additive or col.type == "text":
                continue
            parent = cell(pi, ci)
            if parent is None or parent.state != "number":
                continue
            parts = [cell(i, ci) for i in children]
            if any(c is None or c.state in ("missing", "text") for c in parts):
                continue  # a child cell is missing or unreadable: already reported there
            numbers = [c for c in parts if c is not None and c.state == "number"]
            if not numbers:
                continue
            total = sum((c.value for c in numbers if c.value is not None), Decimal(0))
            stated = parent.value
            assert stated is not None
            tol = tolerance([parent.text] + [c.text for c in numbers], exact=col.type == "count")
            labels = "＋".join(rows[i].label for i in children)
            if mode == "sum" and abs(stated - total) > tol:
                yield dc.problem(
                    "sum-mismatch",
                    f"“{table_name(table)}”中“{rows[pi].label}”的“{col.label}” {fmt(stated)} ≠ 下级各项之和 {fmt(total)}"
                    f"（{labels}；{_diff_text(stated, total)}）。",
                    cell_path(pi, ci),
                    name(pi, ci),
                    stated=stated,
                    computed=total,
                )
            elif mode == "part" and total - stated > tol:
                yield dc.problem(
                    "parts-exceed-total",
                    f"“{table_name(table)}”中“{rows[pi].label}”的“{col.label}” {fmt(stated)} 小于其中各项之和 {fmt(total)}"
                    f"（{labels}；{_diff_text(stated, total)}）。",
                    cell_path(pi, ci),
                    name(pi, ci),
                    stated=stated,
                    computed=total,
                )
            elif (
                mode == "part"
                and table.role == "assets"
                and rows[pi].parent is None
                and stated - total > tol
                and not table.rows[pi].note
            ):
                yield dc.problem(
                    "total-unexplained",
                    f"“{table_name(table)}”中“{rows[pi].label}” {fmt(stated)} 比所列各项之和 {fmt(total)} 多 {fmt(stated - total)}，"
                    "表中没有说明差额是什么。请在该行的“备注”中说明，或核对数字。",
                    cell_path(pi, ci),
                    name(pi, ci),
                    stated=stated,
                    computed=total,
                )

    # Columns: sums, ratios and differences, row by row.
    for ci, col in enumerate(cols):
        if not (col.sum_of or col.ratio or col.difference):
            continue
        if any(ref not in col_index for ref in list(col.sum_of) + list(col.ratio or ()) + list(col.difference or ())):
            continue
        for r in rows:
            target = cell(r.index, ci)
            if target is None or target.state != "number" or target.value is None:
                continue
            stated = target.value
            if col.sum_of:
                parts = [cell(r.index, col_index[ref]) for ref in col.sum_of]
                if any(c is None or c.state in ("missing", "text") for c in parts):
                    continue
                numbers = [c for c in parts if c is not None and c.state == "number" and c.value is not None]
                if not numbers:
                    continue
                total = sum((c.value for c in numbers if c.value is not None), Decimal(0))
                tol = tolerance([target.text] + [c.text for c in numbers], exact=col.type == "count")
                if abs(stated - total) > tol:
                    labels = "＋".join(cols[col_index[ref]].label for ref in col.sum_of)
                    yield dc.problem(
                        "column-sum-mismatch",
                        f"“{table_name(table)}”中“{r.label}”的“{col.label}” {fmt(stated)} ≠ {labels} = {fmt(total)}"
                        f"（{_diff_text(stated, total)}）。",
                        cell_path(r.index, ci),
                        name(r.index, ci),
                        stated=stated,
                        computed=total,
                    )
            if col.ratio:
                yield from _check_ratio(dc, table, key, cols, col_index, r, ci, cell, cell_path, name)
            if col.difference:
                a = cell(r.index, col_index[col.difference[0]])
                b = cell(r.index, col_index[col.difference[1]])
                if a is None or b is None or a.value is None or b.value is None:
                    continue
                computed = a.value - b.value
                tol = tolerance([target.text, a.text, b.text])
                if abs(stated - computed) > tol:
                    yield dc.problem(
                        "difference-mismatch",
                        f"“{table_name(table)}”中“{r.label}”的“{col.label}” {fmt(stated)} ≠ "
                        f"{cols[col_index[col.difference[0]]].label} − {cols[col_index[col.difference[1]]].label} = {fmt(computed)}"
                        f"（{_diff_text(stated, computed)}）。",
                        cell_path(r.index, ci),
                        name(r.index, ci),
                        stated=stated,
                        computed=computed,
                    )


def _round(value: Decimal, places: int) -> Decimal:
    """Round for display, whatever the size of the number."""
    return value.quantize(Decimal(1).scaleb(-places), context=Context(prec=max(28, value.adjusted() + places + 2)))


def _cycles(parents: dict[str, str]) -> dict[str, list[str]]:
    """Items whose chain of parents comes back to them, each with its loop as shown in messages.

    Each item has one parent, so every chain is walked once: linear in the
    number of items however long the chains. A loop of more than
    ``LOOP_SHOWN`` items is shown by its first few and last steps.
    """
    out: dict[str, list[str]] = {}
    done: set[str] = set()
    for start in parents:
        if start in done:
            continue
        path: list[str] = []
        at: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in done and node not in at:
            at[node] = len(path)
            path.append(node)
            node = parents.get(node)
        if node is not None and node in at:
            loop = path[at[node] :]
            for i, member in enumerate(loop):
                out[member] = _loop_shown(loop, i)
        done.update(path)
    return out


LOOP_SHOWN = 8
"""How many steps of a parent loop a message names before eliding the rest."""


def _loop_shown(loop: list[str], i: int) -> list[str]:
    """The loop from ``loop[i]`` round to itself, shortened when long."""
    n = len(loop)
    if n <= LOOP_SHOWN:
        return [loop[(i + k) % n] for k in range(n)] + [loop[i]]
    head = [loop[(i + k) % n] for k in range(LOOP_SHOWN - 2)]
    return head + [f"…（共 {n} 项）", loop[(i - 1) % n], loop[i]]


def _check_ratio(
    dc: DocumentCheck,
    table: m.Table,
    key: str,
    cols: list[ColumnSpec],
    col_index: dict[str, int],
    r: RowSpec,
    ci: int,
    cell: Callable[[int, int], m.Cell | None],
    cell_path: Callable[[int, int], tuple[Any, ...]],
    name: Callable[[int, int], str],
) -> Iterator[Problem]:
    col = cols[ci]
    assert col.ratio is not None
    target = cell(r.index, ci)
    num = cell(r.index, col_index[col.ratio[0]])
    den = cell(r.index, col_index[col.ratio[1]])
    if target is None or target.value is None or num is None or den is None or num.value is None or den.value is None:
        return
    if den.value == 0:
        return
    scale = HUNDRED if col.type == "percent" else Decimal(1)

    def expected(n: m.Cell, d: m.Cell) -> tuple[Decimal, Decimal]:
        """The ratio, and how far rounding of the three printed figures can move it."""
        assert n.value is not None and d.value is not None
        value = n.value / d.value * scale
        # Numerator and denominator as rounded to the finer of their printed precisions
        # (integers beside integers are exact); the stated ratio to its own.
        places = max(decimal_places(n.text), decimal_places(d.text))
        unit = Decimal(1).scaleb(-places) / 2 if places else Decimal(0)
        spread = abs(value) * (unit / abs(n.value) if n.value else Decimal(0)) + abs(value) * (unit / abs(d.value))
        return value, spread + Decimal(1).scaleb(-decimal_places(target.text if target else None)) / 2

    computed, tol = expected(num, den)
    if abs(target.value - computed) <= tol:
        return
    # Was it computed against another budget column? Say so.
    hint = ""
    for other in ("initial-budget", "budget", "adjusted-budget"):
        if other in col_index and other != col.ratio[1]:
            alt = cell(r.index, col_index[other])
            if alt is not None and alt.value:
                value, alt_tol = expected(num, alt)
                if abs(target.value - value) <= alt_tol:
                    hint = f"这个比率是按“{cols[col_index[other]].label}”算的，而本栏应按“{cols[col_index[col.ratio[1]]].label}”计算。"
                    break
    yield dc.problem(
        "ratio-mismatch",
        f"“{table_name(table)}”中“{r.label}”的“{col.label}” {fmt(target.value)} ≠ "
        f"{cols[col_index[col.ratio[0]]].label} ÷ {cols[col_index[col.ratio[1]]].label}"
        f"{' × 100' if scale == HUNDRED else ''} = {fmt(_round(computed, 2))}。{hint}",
        cell_path(r.index, ci),
        name(r.index, ci),
        stated=target.value,
        computed=_round(computed, 4),
    )


# --------------------------------------------------------------------------- scores and indicators


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
    cyclic = _cycles({item.name: item.parent for item in block.items if item.parent is not None})
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
                f"总得分 {fmt(block.total)} ≠ 各项得分之和 {fmt(total)}（{_diff_text(block.total, total)}）。",
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


# --------------------------------------------------------------------------- references


def check_references(content: Content) -> Iterator[Problem]:
    """Departments and regions exist; no two documents claim the same address."""
    for dept_id, loaded in content.departments.items():
        dept: m.Department = loaded.record
        if dept.region not in content.regions:
            line, col = loaded.source.place(("region",))
            yield Problem(
                "unknown-region",
                f"地区“{dept.region}”在 regions.yml 中不存在。{_suggest(dept.region, content.regions)}",
                loaded.source.name,
                line,
                col,
                field="region",
            )
        elif dept.slug in {c.slug for c in content.regions[dept.region].region.children}:
            line, col = loaded.source.place(("slug",))
            yield Problem(
                "slug-collision",
                f"部门代号“{dept.slug}”与下级地区代号相同，两者的网址会冲突，请换一个代号。",
                loaded.source.name,
                line,
                col,
                field="slug",
            )
    for path, entry in content.regions.items():
        if "/" not in path and path in {"years", "kinds", "regions", "departments", "glossary", "data", "search", "assets", "documents"}:
            line, col = entry.source.place(("regions",))
            yield Problem("reserved-slug", f"地区代号“{path}”是网站保留名称，请换一个。", entry.source.name, line, col, field="slug")
    seen: dict[str, str] = {}
    misplaced = {
        loaded.record.slug for loaded in content.departments.values() if loaded.record.region not in content.regions
    }
    for loaded in content.documents:
        doc: m.Document = loaded.record
        if doc.department not in content.departments and doc.department.rsplit("/", 1)[-1] in misplaced:
            continue  # its department's region is unknown: reported at the department
        if doc.department not in content.departments:
            line, col = loaded.source.place(("department",))
            yield Problem(
                "unknown-department",
                f"部门“{doc.department}”不存在：请先在 content/departments/ 中建立该部门。{_suggest(doc.department, content.departments)}",
                loaded.source.name,
                line,
                col,
                field="department",
            )
            continue
        address = f"{doc.department}/{doc.year}/{doc.kind}"
        if address in seen:
            line, col = loaded.source.place(("kind",))
            yield Problem(
                "duplicate-document",
                f"与 {seen[address]} 是同一部门、同一年度、同一类别的文档，网址 /{address}/ 冲突。更正请直接修改原文件并写“修改记录”。",
                loaded.source.name,
                line,
                col,
                field="kind",
            )
        else:
            seen[address] = loaded.source.name


def check_glossary(content: Content) -> Iterator[Problem]:
    """Each term and alias names one entry: a page anchor and a link must know which."""
    src = content.glossary_source
    if src is None:
        return
    seen: dict[str, str] = {}
    for i, term in enumerate(content.glossary):
        for j, name in enumerate([term.term, *term.aliases]):
            if name in seen:
                path = ("terms", i, "term") if j == 0 else ("terms", i, "aliases", j - 1)
                line, col = src.place(path)
                yield Problem(
                    "duplicate-term",
                    f"名词“{name}”已在“{seen[name]}”一条中出现：一个名词或别名只能属于一条名词解释。",
                    src.name,
                    line,
                    col,
                    field=".".join(map(str, path)),
                )
            seen.setdefault(name, term.term)


def _suggest(value: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"您是否想写“{close[0]}”？" if close else ""


# --------------------------------------------------------------------------- text and completeness

_NUMBER_IN_TEXT = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d)(?!\.\d)")


def check_text_tables(dc: DocumentCheck) -> Iterator[Problem]:
    """A table compiled from the text states exactly the figures the text above it prints."""
    # The figures printed since the last heading, gathered as the text goes by: each text
    # is read once, however many tables compiled from it follow.
    numbers: set[Decimal] = set()

    def printed(*texts: str | None) -> None:
        for text in texts:
            # Sizes as the text prints them: "减少0.2" states the figure a table gives as -0.2.
            numbers.update(Decimal(n.replace(",", "")) for n in _NUMBER_IN_TEXT.findall(text or ""))

    for bi, block in enumerate(dc.doc.body):
        if isinstance(block, m.Heading):
            numbers.clear()
        elif isinstance(block, m.Text):
            printed(block.text)
        elif isinstance(block, m.ListBlock):
            printed(block.title, *block.items)
        elif isinstance(block, m.Goals):
            printed(*(part for g in block.items for part in (g.title, g.goal, g.indicators, g.result)))
        elif isinstance(block, m.Table) and block.from_text:
            cols = column_specs(block)
            key = table_key(block, bi)
            for ri, row in enumerate(row_specs(block)):
                for ci, cell in enumerate(block.cells[ri] if ri < len(block.cells) else []):
                    if cell.state != "number" or cell.value is None or abs(cell.value) in numbers:
                        continue
                    yield dc.problem(
                        "text-table-mismatch",
                        f"“{table_name(block)}”据正文整理，但“{row.label}”的“{cols[ci].label}” {cell.text} 在上文正文中找不到："
                        "表格与正文应写同一个数字。",
                        ("body", bi, "rows", ri, "values", ci),
                        f"{key}.{row.key}.{cols[ci].id}",
                        stated=cell.value,
                    )


REQUIRED: dict[str, tuple[tuple[str, str], ...]] = {
    "budget": (
        ("income", "收入预算"),
        ("expenditure", "支出预算"),
        ("three-public", "“三公”经费"),
        ("operating-costs", "机关运行经费"),
        ("procurement", "政府采购"),
        ("assets", "国有资产占用"),
        ("performance", "绩效目标"),
    ),
    "final-accounts": (
        ("income", "收入决算"),
        ("expenditure", "支出决算"),
        ("three-public", "“三公”经费"),
        ("operating-costs", "机关运行经费"),
        ("procurement", "政府采购"),
        ("assets", "国有资产占用"),
    ),
    "self-evaluation": (("score", "自评得分"), ("performance", "绩效目标与完成情况")),
}
"""What each kind of document must publish, by table role or part."""


def check_completeness(dc: DocumentCheck) -> Iterator[Problem]:
    """The sections a kind requires are present; publication within 20 days of approval."""
    doc = dc.doc
    present: set[str] = {b.role for b in doc.body if isinstance(b, m.Table) and b.role}
    if doc.score is not None or any(isinstance(b, m.Scores) and b.total is not None for b in doc.body):
        present.add("score")
    if any(isinstance(b, (m.Indicators, m.Goals)) for b in doc.body):
        present.add("performance")
    missing = [(role, label) for role, label in REQUIRED[doc.kind] if role not in present]
    if missing:
        tables = any(role not in ("score", "performance") for role, _ in missing)
        yield dc.problem(
            "missing-section",
            f"{m.KIND_NAMES[doc.kind]}应公开的内容缺少：{'、'.join(label for _, label in missing)}。"
            + ("没有数据的表也应公开（可填 empty_note 说明“本年度无此项”）。" if tables else ""),
            ("kind",),
            "body",
            severity=Severity.WARNING,
        )
    if doc.published and doc.approved and (doc.published - doc.approved).days > 20:
        yield dc.problem(
            "late-publication",
            f"批复日期 {doc.approved}，公开日期 {doc.published}，相隔 {(doc.published - doc.approved).days} 天，超过 20 日的公开时限。",
            ("published",),
            "published",
            severity=Severity.WARNING,
        )


PLACEHOLDER = "（待填"
"""How `pubgen new` marks text still to be written."""


def check_text_to_fill(dc: DocumentCheck) -> Iterator[Problem]:
    """Text that `pubgen new` left as a placeholder is not published."""
    if dc.src.text and m.TO_FILL not in dc.src.text:
        return  # nothing to look for: both placeholders contain 待填

    def walk(value: object, path: tuple[object, ...]) -> Iterator[tuple[tuple[object, ...], str]]:
        if isinstance(value, str):
            if PLACEHOLDER in value or value.strip() == m.TO_FILL:
                yield path, value
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, path + (i,))
        elif isinstance(value, m.Model):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name), path + (name,))

    for bi, block in enumerate(dc.doc.body):
        if isinstance(block, m.Table):
            continue  # table cells are reported as figure-to-fill when read
        for path, text in walk(block, ("body", bi)):
            yield dc.problem(
                "text-to-fill",
                f"这里还是待填写的提示：“{text.strip()[:40]}”。请照原文录入后再发布。",
                path,
                ".".join(str(p) for p in path),
            )
    for name in ("title",):
        value = getattr(dc.doc, name)
        if PLACEHOLDER in value or value.strip() == m.TO_FILL:
            yield dc.problem("text-to-fill", f"标题还是待填写的提示：“{value}”。", (name,), name)


# --------------------------------------------------------------------------- across documents


class _Stated:
    """A figure other documents may state too; described in words only when a problem needs it."""

    __slots__ = ("cell", "block", "bi", "ri", "ci", "row", "column")

    def __init__(self, cell: m.Cell, block: m.Table, bi: int, ri: int, ci: int, row: RowSpec, column: ColumnSpec) -> None:
        self.cell, self.block, self.bi, self.ri, self.ci, self.row, self.column = cell, block, bi, ri, ci, row, column

    value = property(lambda self: self.cell.value)
    text = property(lambda self: self.cell.text)
    table_title = property(lambda self: table_name(self.block))
    row_label = property(lambda self: self.row.label)
    column_label = property(lambda self: self.column.label)
    path = property(lambda self: ("body", self.bi, "rows", self.ri, "values", self.ci))
    field = property(lambda self: f"{table_key(self.block, self.bi)}.{self.row.key}.{self.column.id}")


def comparable_figures(doc: m.Document) -> dict[tuple[tuple[str, str], str], _Stated]:
    """The first figure of each (well-known row, phase) a document states."""
    out: dict[tuple[tuple[str, str], str], _Stated] = {}
    for bi, block in enumerate(doc.body):
        if not isinstance(block, m.Table) or not block.role:
            continue
        cols = column_specs(block)
        phased = [(ci, c) for ci, c in enumerate(cols) if c.phase and c.type != "text"]
        if not phased:
            continue
        grid = block.cells
        for ri, row in enumerate(row_specs(block)):
            cells = grid[ri] if ri < len(grid) else []
            key = SAME_FIGURE.get((block.role, row.key), (block.role, row.key))
            for ci, col in phased:
                if ci < len(cells) and cells[ci].value is not None and (key, col.phase) not in out:
                    out[(key, col.phase)] = _Stated(cells[ci], block, bi, ri, ci, row, col)  # type: ignore[index]
    return out


def check_across_documents(content: Content) -> Iterator[Problem]:
    """The same figure agrees between documents; year-over-year changes match last year's document."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, loaded in enumerate(content.documents):
        # A document of an unknown department is reported as such; the others are still compared.
        if loaded.record.department in content.departments:
            groups[loaded.record.department].append(i)
    by_doc: dict[int, dict[tuple[tuple[str, str], str], _Stated]] = {}
    for indices in groups.values():
        if len(indices) > 1:
            for i in indices:
                by_doc[i] = comparable_figures(content.documents[i].record)
    for indices in groups.values():
        # Same year, different documents, same figure and phase.
        for a_pos, a in enumerate(indices):
            for b in indices[a_pos + 1 :]:
                da, db = content.documents[a], content.documents[b]
                if da.record.year != db.record.year:
                    continue
                for figure_key, fa in by_doc[a].items():
                    fb = by_doc[b].get(figure_key)
                    # Last year's and change columns depend on each document's own basis (budget or actual).
                    if fb is None or figure_key[1] in ("change", "last-year") or fa.value is None or fb.value is None:
                        continue
                    if abs(fa.value - fb.value) > tolerance([fa.text, fb.text]):
                        dc = DocumentCheck(db)
                        yield dc.problem(
                            "cross-document-mismatch",
                            f"“{fb.table_title}”中“{fb.row_label}”的“{fb.column_label}” {fb.text} 与 {da.source.name} 中同一数字"
                            f"（“{fa.table_title}”“{fa.row_label}”）{fa.text} 不一致。",
                            fb.path,
                            fb.field,
                            stated=fb.value,
                            computed=fa.value,
                        )
        # Year over year, same kind.
        for i in indices:
            doc = content.documents[i]
            prev = next(
                (
                    j
                    for j in indices
                    if content.documents[j].record.kind == doc.record.kind
                    and content.documents[j].record.year == doc.record.year - 1
                ),
                None,
            )
            if prev is None:
                continue
            phase = CURRENT_PHASE[doc.record.kind]
            for (key, col_phase), f in by_doc[i].items():
                if col_phase not in ("change", "last-year") or f.value is None:
                    continue
                last = by_doc[prev].get((key, phase))
                if last is None or last.value is None:
                    continue
                if col_phase == "last-year":
                    expected, figures_involved = last.value, [f.text, last.text]
                else:
                    now = by_doc[i].get((key, phase))
                    if now is None or now.value is None:
                        continue
                    expected, figures_involved = now.value - last.value, [f.text, now.text, last.text]
                if abs(f.value - expected) > tolerance(figures_involved):
                    dc = DocumentCheck(doc)
                    what = "上年数" if col_phase == "last-year" else "比上年增减"
                    yield dc.problem(
                        "year-over-year-mismatch",
                        f"“{f.table_title}”中“{f.row_label}”的{what} {f.text} 与上年文档 {content.documents[prev].source.name} 不符："
                        f"按上年文档应为 {fmt(expected)}（{_diff_text(f.value, expected)}）。",
                        f.path,
                        f.field,
                        stated=f.value,
                        computed=expected,
                    )


# --------------------------------------------------------------------------- running


DOCUMENT_CHECKS: tuple[Callable[[DocumentCheck], Iterator[Problem]], ...] = (
    check_tables,
    check_scores,
    check_text_tables,
    check_completeness,
    check_text_to_fill,
)
"""Checks run on every document, in order."""


@exactly
def validate(content: Content) -> Report:
    """Run every check; apply acknowledgements; return one report."""
    report = Report()
    report.extend(content.problems)
    report.extend(check_glossary(content))
    report.extend(check_references(content))
    across: dict[str, list[Problem]] = defaultdict(list)
    for p in check_across_documents(content):
        across[p.file].append(p)
    for loaded in content.documents:
        dc = DocumentCheck(loaded)
        found: list[Problem] = list(across.get(loaded.source.name, ()))
        for check in DOCUMENT_CHECKS:
            found.extend(check(dc))
        report.extend(apply_acknowledgements(dc, found))
    return report


def _same(acknowledged: Decimal | None, found: str | None) -> bool:
    """An acknowledged figure matches the problem's, or was not given."""
    if acknowledged is None or found is None:
        return True
    try:
        return acknowledged == Decimal(found)
    except InvalidOperation:
        return False


def apply_acknowledgements(dc: DocumentCheck, problems: list[Problem]) -> list[Problem]:
    """Turn acknowledged problems into warnings; report acknowledgements that match nothing."""
    acks = dc.doc.acknowledgements
    used = [False] * len(acks)
    out = []
    for p in problems:
        for i, ack in enumerate(acks):
            if (
                ack.code == p.code
                and ack.field == p.field
                and _same(ack.stated, p.stated)
                and _same(ack.computed, p.computed)
            ):
                used[i] = True
                p = replace(p, severity=Severity.WARNING, acknowledged=ack.reason)
                break
        out.append(p)
    for i, ack in enumerate(acks):
        if not used[i]:
            out.append(
                dc.problem(
                    "unmatched-acknowledgement",
                    f"已确认的差异（{ack.code}，{ack.field}）没有对应的问题：数字可能已经改正，请删除这条确认。",
                    ("acknowledgements", i),
                    f"acknowledgements.{i}",
                )
            )
    return out
