"""Tables: every parent row equals the sum of its children, every derived column its formula."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from decimal import ROUND_DOWN, Decimal
from typing import Any, Callable, Iterable, Iterator

from .. import model as m
from ..load import decimal_places, grids_with_paths
from ..problems import Problem, Severity
from ..roles import ColumnSpec, RowSpec, cell_type, column_specs, row_specs, table_name
from .acknowledgements import same_figure
from .base import HUNDRED, DocumentCheck, as_printed, cycles, diff_text, fmt, round_to, table_key
from .rounding import UNIT_FACTORS, allowance, half_unit
from .registry import ERROR, family, rule

TABLES = family("tables", "表格")

rule(
    TABLES,
    "sum-mismatch",
    ERROR,
    """
上级行不等于下级各行之和（同一“分解口径”的各行）。例：`“财政拨款“三公”经费预算”中““三公”经费”的“预算数” 1.4 ≠ 下级各项之和 0（因公出国（境）费＋公务用车购置及运维费＋公务接待费；相差 1.4）。`
按科目编码列示的表（类、款、项）中，空白按 0 计：款有数而其下各项这一栏都是空白，或款是空白而其下各项有数（这一行别的栏印有数字），
同样报告，多是数字录到了同一行的别的栏（项目支出录进了对附属单位补助支出）。各行这一栏都空白的，不报告。
上级没有印出的行，归到印出的更上一级，并与它所代替的那一行同一口径：没有“基本支出”的，“人员经费”“公用经费”与“项目支出”一起加总为支出合计。
合计大于各项之和、相差超过四舍五入误差的，消息点名空白的下级各项（至多三项），请核对是否漏填。
一个下级行本身与它的下级各项不符（超出四舍五入），而把它换成它的下级各项之和后上级行正好相符的（合计 34.35 = 1.70 + 32.65，“公务用车费”却印 0，
其下两项是 32.65 + 0），错的只是那个下级行：那一行报错误，上级行只报警告并点名那一行，不算另一个错误。
没有写各行上下级的普通表格（如自评表的“年度主要任务”），首行或末行是“合计”“总计”、没有“其中”行和两种编号时，
只要有一栏的合计正是其余各行之和，其余金额栏（至多一栏不符）也按各行之和核对，与导入时的判断相同。
修改：核对合计与各项；原文如此则确认差异。
""",
)

rule(
    TABLES,
    "empty-note-with-figures",
    ERROR,
    """
表下注明本表为空表（`empty_note`，如“本部门无此项支出，故本表为空表”），表中却印有不为 0 的数字：读者不知道该信哪一个。
例：`“部门“三公”经费和机关运行经费预算表”注明为空表，表中却印有数字：“合计”的“合计”为 47.91。`
修改：照原文核对；原文确实如此时确认差异，在 reason 中写明哪一个是实际情况（如正文的说明与表中数字一致）。
""",
)

rule(
    TABLES,
    "parts-exceed-total",
    ERROR,
    """
“其中”项之和超过了总数（`children: part` 的行，如资产总额、房屋）；名称以“其中”开头的栏目（“小计 | 其中：一般公共预算安排数”）大于它左边最近的、名称不以“其中”开头的一栏（同一表头下的；增减栏不查）。修改：核对数字。
""",
)

rule(
    TABLES,
    "total-unexplained",
    ERROR,
    """
资产总额大于所列各类资产之和，表中没有说明差额。修改：在资产总额一行的 `note` 中说明差额构成，或核对数字；原文如此则确认差异。
""",
)

rule(
    TABLES,
    "column-sum-mismatch",
    ERROR,
    """
某栏不等于其组成栏之和（如合计栏 = 各单位栏之和；实有人数 = 在职 + 离休 + 退休）。修改：核对该行数字。
""",
)

rule(
    TABLES,
    "ratio-mismatch",
    ERROR,
    """
比率栏（如执行率 = 执行数 ÷ 全年预算数 × 100）与计算结果不符；若它恰好是按另一预算栏算的，会指出是哪一栏。
执行数超过预算数时执行率按 100% 填列（不少地方的绩效自评表这样规定），不报告。
例：`“支出执行情况”中“合计”的“执行率” 140 ≠ 全年执行数 ÷ 全年预算数 × 100 = 112.00。这个比率是按“年初预算数”算的……`
修改：按正确的分母重新计算。
""",
)

rule(
    TABLES,
    "difference-mismatch",
    ERROR,
    """
差额栏（如增减额 = 本年 − 上年）与计算结果不符。修改：核对数字。
""",
)

rule(
    TABLES,
    "unknown-column",
    ERROR,
    """
栏目定义引用了不存在的栏目代号（sum_of、ratio、difference）。修改：改正代号。
""",
)

rule(
    TABLES,
    "unknown-parent",
    ERROR,
    """
行的上级行（或评分项的上级）不存在。修改：改正 `parent`。
""",
)

rule(
    TABLES,
    "parent-cycle",
    ERROR,
    """
行的上级行（或评分项的上级）绕回了它自己，如 A 的上级是 B、B 的上级又是 A。修改：改正 `parent`。
""",
)

rule(
    TABLES,
    "table-without-columns",
    ERROR,
    """
表格没有栏目（`columns`），或两栏表（`sides`）之外又写了 `columns` / `rows`。修改：一般的表写 `columns` 和 `rows`；
左右两栏的表（如收入支出决算总表）写 `sides`，每栏写自己的 `columns` 和 `rows`。
""",
)

rule(
    TABLES,
    "duplicate-id",
    ERROR,
    """
同一表格中行代号或栏目代号重复。修改：改为不同的代号。
""",
)


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
            if not block.columns and not block.sides:
                yield dc.problem(
                    "table-without-columns",
                    f"表“{table_name(block)}”没有栏目：请写 columns（栏目），两栏表写 sides（左右两栏）。",
                    ("body", bi),
                    table_key(block, bi),
                )
                continue
            if block.sides and (block.columns or block.rows):
                yield dc.problem(
                    "table-without-columns",
                    f"表“{table_name(block)}”既写了 sides（左右两栏）又写了 columns / rows：两栏表的栏目和行写在各栏里。",
                    ("body", bi, "sides"),
                    table_key(block, bi),
                )
            for grid, base in grids_with_paths(block, bi):
                key = table_key(block, bi) if grid.side is None else f"{table_key(block, bi)}.{grid.side}"
                yield from _check_grid(dc, block, grid, base, key)
                if not block.role:
                    yield from _implied_total(dc, block, grid, base, key)
            if block.empty_note:
                yield from _empty_with_figures(dc, block, bi)


def _empty_with_figures(dc: DocumentCheck, table: m.Table, bi: int) -> Iterator[Problem]:
    """A table noted as empty that prints a figure other than 0: the first such figure, once."""
    for grid, base in grids_with_paths(table, bi):
        cols = column_specs(grid)
        rows = row_specs(grid)
        for ri, cells in enumerate(grid.cells):
            for ci, c in enumerate(cells):
                if c.state == "number" and c.value and ci < len(cols) and cols[ci].type != "text":
                    label = rows[ri].label or table_name(table)
                    yield dc.problem(
                        "empty-note-with-figures",
                        f"“{table_name(table)}”注明为空表（“{table.empty_note}”），表中却印有数字：“{label}”的“{cols[ci].label}”为 {c.text}。"
                        "请照原文核对；原文如此则确认差异，并说明哪一个是实际情况。",
                        ("body", bi, "empty_note"),
                        f"{table_key(table, bi)}.empty_note",
                        stated=c.text,
                    )
                    return


_WHICH_COLUMN = re.compile(r"\s*其中\s*[:：]?")
"""A column label that says the column is a part of another on its left (“其中：公共预算财政拨款”)."""


def _blank_parts_expanded(refs: list[str], cell_of: Any, cols: list[Any], col_index: dict[str, int], depth: int = 0) -> list[str]:
    """The columns a sum adds, a part printed blank that is itself a sum replaced by its own parts.

    渝中's 三公 table leaves 公务用车购置及运行费 / 小计 blank and prints 购置 692 and 运行 4612 beside it: its 合计 adds
    them, not a blank taken as 0 (which called the right 5834 wrong, and let a 合计 of 530 pass).
    """
    out: list[str] = []
    for ref in refs:
        c = cell_of(ref)
        own = cols[col_index[ref]].sum_of
        if depth < 8 and c is not None and c.state == "empty" and own and all(o in col_index for o in own):
            out.extend(_blank_parts_expanded(list(own), cell_of, cols, col_index, depth + 1))
        else:
            out.append(ref)
    return out


def _column_name(cols: list[Any], index: int) -> str:
    """A column as the message names it: its label, with its headers above when another column has the same label.

    The 三公 table prints 预算数 and 决算数 under each item: “公务接待费/决算数”, not a bare “决算数”.
    """
    col = cols[index]
    if col.group and sum(1 for c in cols if c.label == col.label) > 1:
        return "/".join([*col.group, col.label])
    return str(col.label)


_TOTAL_WORDS = ("合计", "总计")
_NOT_ADDED = re.compile(r"率|%|％|比例|占比|比重|单价|平均|人均|标准|定额|分值|得分")
"""Columns whose 合计 row is not a sum even where the rows are parts: rates, shares, unit prices, averages, scores."""
_NUMBERED = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])")


def _implied_total(dc: DocumentCheck, table: m.Table, g: m.Grid, base: tuple[Any, ...], key: str) -> Iterator[Problem]:
    """A table of no known kind, typed without a hierarchy, whose 合计 row its own figures show to add up the other rows.

    The importer writes ``parent: total`` for such a table (when all of its amount columns but one at most agree);
    a table typed by hand (a 自评表's 年度主要任务) got nothing, so a misprinted 合计 passed. The same evidence is
    asked for here: a 合计 row first or last, no row with a parent, code or 其中, one numbering style at most, and
    at least one amount column whose 合计 is exactly the sum of the other rows; the columns where it is not are reported.
    """
    if any(row.code or row.model_fields_set & {"parent", "children", "breakdown"} for row in g.rows) or len(g.rows) < 3:
        return
    rows = row_specs(g)
    if any(r.parent is not None for r in rows):
        return
    totals = [i for i, row in enumerate(g.rows) if row.id == "total" or row.label.replace(" ", "").replace("\u3000", "") in _TOTAL_WORDS]
    if len(totals) != 1 or totals[0] not in (0, len(g.rows) - 1):
        return
    ti = totals[0]
    others = [i for i in range(len(g.rows)) if i != ti]
    labels = [g.rows[i].label.strip() for i in others]
    if any(label.startswith("其中") for label in labels):
        return
    styles = {match.group(0).strip()[:1] + match.group(0).strip()[-1:] for label in labels if (match := _NUMBERED.match(label))}
    if len({style[-1] for style in styles}) > 1:
        return  # 一、 over 1. (or （一）): the rows nest, and the figures alone do not say how
    cols = column_specs(g)
    unit = dc.unit(table)
    agreeing: list[int] = []
    differing: list[tuple[int, Decimal, Decimal, list[m.Cell]]] = []
    for ci, col in enumerate(cols):
        if col.type != "money" or not col.additive or col.sum_of or col.ratio or col.difference or _NOT_ADDED.search(col.label):
            continue
        cells = g.cells
        total = cells[ti][ci] if ci < len(cells[ti]) else None
        if total is None or total.state != "number" or total.value is None:
            continue
        parts = [cells[i][ci] for i in others if ci < len(cells[i])]
        if len(parts) != len(others) or any(c.state not in ("number", "empty", "na") for c in parts):
            continue
        numbers = [c for c in parts if c.state == "number" and c.value is not None]
        if len(numbers) < 2:
            continue
        summed = sum((c.value for c in numbers if c.value is not None), Decimal(0))
        if summed == total.value:
            if total.value and sum(1 for c in numbers if c.value) >= 2:
                agreeing.append(ci)  # zeros adding up to zero show nothing
        else:
            differing.append((ci, total.value, summed, numbers))
    # A column whose difference the publisher has acknowledged (the original prints it so) is no evidence against the 合计
    # being the rows' sum: a second slip in another column is still told, and the acknowledged one still matched.
    def acknowledged(ci: int, stated: Decimal, summed: Decimal) -> bool:
        field = f"{key}.{rows[ti].key}.{cols[ci].id}"
        return any(
            a.code == "sum-mismatch" and a.field == field and same_figure(a.stated, str(stated)) and same_figure(a.computed, str(summed))
            for a in dc.doc.acknowledgements
        )

    unexplained = [d for d in differing if not acknowledged(d[0], d[1], d[2])]
    if not agreeing or len(unexplained) > 1 or len(agreeing) + len(differing) < 2:
        return
    witness = cols[agreeing[0]].label
    for ci, stated, summed, numbers in differing:
        total_cell = g.cells[ti][ci]
        allowed = allowance(([total_cell.text] if total_cell.text else []) + [c.text for c in numbers], unit)
        found = dc.compared(
            "sum-mismatch",
            f"“{table_name(table)}”中“{g.rows[ti].label}”的“{cols[ci].label}” {as_printed(stated)} ≠ 其余各行之和 {as_printed(summed)}"
            f"（{'＋'.join(labels)}；{diff_text(stated, summed)}）。这张表没有写各行的上下级，而“{witness}”一栏的"
            f"“{g.rows[ti].label}”正是其余各行之和，所以按各行之和核对；合计确实不是各行之和的，请给各行写上 parent 或确认差异。",
            base + ("rows", ti, "values", ci),
            f"{key}.{rows[ti].key}.{cols[ci].id}",
            stated,
            summed,
            allowed,
        )
        if found is not None:
            yield found


def _check_grid(dc: DocumentCheck, table: m.Table, g: m.Grid, base: tuple[Any, ...], key: str) -> Iterator[Problem]:
    cols = column_specs(g)
    rows = row_specs(g)
    col_index = {c.id: i for i, c in enumerate(cols)}
    row_index: dict[str, int] = {}
    for i, column in enumerate(g.columns):
        if column.id in col_index and col_index[column.id] != i:
            yield dc.problem("duplicate-id", f"表“{table_name(table)}”中栏目代号“{column.id}”重复。", base + ("columns", i, "id"), f"{key}.{column.id}")
    for r in rows:
        row = g.rows[r.index]
        for name_, field_ in ((row.id, "id"), (row.code, "code")):
            if not name_:
                continue
            if name_ in row_index and row_index[name_] != r.index:
                what = "行代号" if field_ == "id" else "科目编码"
                yield dc.problem("duplicate-id", f"表“{table_name(table)}”中{what}“{name_}”重复。", base + ("rows", r.index, field_), f"{key}.{r.key}")
            else:
                row_index.setdefault(name_, r.index)
    for r in rows:
        if not g.rows[r.index].id and not g.rows[r.index].code:
            row_index.setdefault(r.label, r.index)
    grid = g.cells
    unit = dc.unit(table)
    # The most decimals the table's money prints: a figure printed to fewer beside them had its trailing zeros dropped.
    printed_places = max(
        (decimal_places(c.text) for row_cells in grid for ci, c in enumerate(row_cells) if ci < len(cols) and cols[ci].type == "money" and c.state == "number" and c.text),
        default=0,
    )

    def cell_path(ri: int, ci: int) -> tuple[Any, ...]:
        return base + ("rows", ri, "values", ci)

    def name(ri: int, ci: int) -> str:
        return f"{key}.{rows[ri].key}.{cols[ci].id}"

    def cell(ri: int, ci: int) -> m.Cell | None:
        if ri < len(grid) and ci < len(grid[ri]):
            return grid[ri][ci]
        return None

    # Column definitions that point nowhere (a default that names an absent column is dropped, never reported).
    for ci, col in enumerate(cols):
        refs = (list(col.sum_of) if col.explicit_sum else []) + list(col.ratio or ()) + list(col.difference or ())
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
    cyclic = cycles({r.key: r.parent for r in rows if r.parent is not None})
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
    def figures_elsewhere(ri: int, ci: int) -> bool:
        """Whether row ``ri`` prints a figure in a column other than ``ci``: a row of figures, not a heading."""
        return any(
            c.state == "number" and j != ci and j < len(cols) and cols[j].type != "text" for j, c in enumerate(grid[ri] if ri < len(grid) else [])
        )

    coded_parents = {pi for (pi, _), children in groups.items() if g.rows[pi].code and all(rows[i].code for i in children)}

    def coded_parent_prints(ci: int, besides: int) -> bool:
        """Whether another 类 or 款 prints a figure in column ``ci``: the table's 类 and 款 are not left blank there by its layout."""
        return any(p != besides and (c := cell(p, ci)) is not None and c.state == "number" for p in coded_parents)

    def parts_sum(pi: int, children: list[int], ci: int) -> tuple[Decimal, list[str]] | None:
        """What a row's printed parts add up to in column ``ci`` (parts of its own kind, every one printed or blank), and
        the figures added."""
        kind = cell_type(rows[pi], cols[ci])
        parts = [cell(i, ci) for i in children if cell_type(rows[i], cols[ci]) == kind]
        if not parts or any(c is None or c.state not in ("number", "empty") for c in parts):
            return None
        numbers = [c for c in parts if c is not None and c.state == "number" and c.value is not None]
        if not numbers:
            return None
        return sum((c.value for c in numbers if c.value is not None), Decimal(0)), [c.text for c in numbers if c.text]

    own_parts = {pi: children for (pi, _), children in groups.items() if rows[pi].children == "sum"}
    """Each row's parts (its first breakdown's), for a total whose part is itself at odds with its own parts."""

    def explained_by_a_part(children: list[int], ci: int, stated: Decimal, text_of_total: str | None, total: Decimal, allowed: Decimal) -> list[int]:
        """The parts at odds with their own printed parts (beyond rounding) whose sums, taken instead of them, make a total
        that is wrong against its parts agree; none when there are no such parts or the total still disagrees.

        桂林 prints 公务用车费 0 over 32.65 + 0, and 合计 34.35 = 1.70 + 32.65: the one wrong figure is the 0, which is
        told there; the right 合计 is not called wrong as well. Rounding differences are told as they are.
        """
        if abs(stated - total) <= allowed:
            return []
        total, replaced = Decimal(0), []
        for i in children:
            c = cell(i, ci)
            value = c.value if c is not None and c.state == "number" and c.value is not None else Decimal(0)
            if i in own_parts:
                below = parts_sum(i, own_parts[i], ci)
                kind = cell_type(rows[i], cols[ci])[0]
                if below is not None and abs(below[0] - value) > allowance(
                    ([c.text] if c is not None and c.text else []) + below[1], unit if kind == "money" else None, exact=kind == "count"
                ):
                    value = below[0]
                    replaced.append(i)
            total += value
        # Agreeing means agreeing to the total's printed digits, not within every part's rounding.
        return replaced if replaced and abs(stated - total) <= half_unit(text_of_total) else []

    for (pi, breakdown), children in groups.items():
        mode = rows[pi].children
        if mode == "none":
            continue
        # In a table by 科目编码 a blank cell is a zero the export left unprinted: a 款 with a figure whose 项 are all
        # blank in that column (or a blank 款 over 项 with figures) has had a figure moved to another column.
        coded = mode == "sum" and all(rows[i].code for i in children)
        for ci, col in enumerate(cols):
            if not col.additive or col.type == "text":
                continue
            parent = cell(pi, ci)
            if parent is None or parent.state not in ("number", "empty"):
                continue
            if parent.state == "empty" and not (coded and figures_elsewhere(pi, ci) and coded_parent_prints(ci, pi)):
                continue  # (a table whose 类 and 款 print only their 合计 leaves every one of them blank in the other columns)
            # Only figures of the parent's kind add up to it: a row of counts (接待批次(批)) is no part of an amount.
            kind = cell_type(rows[pi], col)
            alike = [i for i in children if cell_type(rows[i], col) == kind]
            if not alike:
                continue
            parts = [cell(i, ci) for i in alike]
            if any(c is None or c.state in ("missing", "text") for c in parts):
                continue  # a child cell is missing or unreadable: already reported there
            numbers = [c for c in parts if c is not None and c.state == "number"]
            blank_parent = parent.state == "empty"
            if blank_parent:
                if not numbers or any(c is not None and c.state not in ("number", "empty") for c in parts):
                    continue
            elif not numbers and not (
                coded
                and parent.value
                and all(c is not None and c.state == "empty" for c in parts)
                and any(figures_elsewhere(i, ci) for i in alike)
                and (not any(i in coded_parents for i in alike) or coded_parent_prints(ci, -1))
            ):
                continue
            total = sum((c.value for c in numbers if c.value is not None), Decimal(0))
            stated = parent.value if parent.value is not None else Decimal(0)
            if total == stated:
                continue  # the usual case: nothing to report, so no message to write (see compared)
            allowed = allowance(
                ([parent.text] if parent.text else []) + [c.text for c in numbers],
                unit if kind[0] == "money" else None,
                exact=kind[0] == "count",
                table_places=printed_places if kind[0] == "money" else 0,
            )
            labels = "＋".join(rows[i].label for i in alike)
            found: Problem | None = None
            if mode == "sum" and (blank_parent or not numbers):
                where = f"“{table_name(table)}”中“{rows[pi].label}”的“{col.label}”"
                shown = (
                    f"{where}是空白（按 0 计），而下级各项之和是 {as_printed(total)}（{labels}）。"
                    if blank_parent
                    else f"{where} {as_printed(stated)} ≠ 下级各项之和 0：下级各项（{labels}）这一栏都是空白，按 0 计。"
                )
                found = dc.compared(
                    "sum-mismatch", shown + "请核对这一格和下级各项：数字是否录到了同一行的别的栏。", cell_path(pi, ci), name(pi, ci), stated, total, allowed
                )
            elif mode == "sum" and (culprits := explained_by_a_part(alike, ci, stated, parent.text, total, allowed)):
                if all((c := cell(i, ci)) is not None and c.state == "empty" for i in culprits):
                    continue  # a subtotal printed blank over its parts: the table adds up with it taken as them (as a column's)
                # The total is right by its parts' own parts: the error is told at the part; here, a warning that says so.
                named = "、".join(f"“{rows[i].label}”" for i in culprits)
                found = dc.problem(
                    "sum-mismatch",
                    f"“{table_name(table)}”中“{rows[pi].label}”的“{col.label}” {as_printed(stated)} ≠ 下级各项之和 {as_printed(total)}"
                    f"（{labels}；{diff_text(stated, total)}）；但{named}按其下级各项计算，则本行相符：差异来自{named}一行（见那一行），"
                    "核对那一行即可。",
                    cell_path(pi, ci),
                    name(pi, ci),
                    severity=Severity.WARNING,
                    stated=stated,
                    computed=total,
                )
            elif mode == "sum":
                # Blank parts are named only where they may be what is missing: the parts fall short by more than rounding, and
                # the blanks are few, or print figures in other columns (a 收入支出决算总表 leaves most of its 26 classes blank:
                # unused, and naming them would send the editor after the wrong rows).
                blank_parts = [i for i, c in zip(alike, parts) if c is not None and c.state == "empty"] if stated - total > allowed else []
                if len(blank_parts) > 3:
                    blank_parts = [i for i in blank_parts if figures_elsewhere(i, ci)]
                blanks = [rows[i].label for i in blank_parts]
                blank_names = "、".join(f"“{b}”" for b in blanks[:3]) + (f"等 {len(blanks)} 项" if len(blanks) > 3 else "")
                found = dc.compared(
                    "sum-mismatch",
                    f"“{table_name(table)}”中“{rows[pi].label}”的“{col.label}” {as_printed(stated)} ≠ 下级各项之和 {as_printed(total)}"
                    f"（{labels}；{diff_text(stated, total)}）。"
                    + (f"其中{blank_names}这一栏是空白，按 0 计：请核对是否漏填。" if blanks else ""),
                    cell_path(pi, ci),
                    name(pi, ci),
                    stated,
                    total,
                    allowed,
                )
            elif total > stated:
                found = dc.compared(
                    "parts-exceed-total",
                    f"“{table_name(table)}”中“{rows[pi].label}”的“{col.label}” {as_printed(stated)} 小于其中各项之和 {as_printed(total)}"
                    f"（{labels}；{diff_text(stated, total)}）。",
                    cell_path(pi, ci),
                    name(pi, ci),
                    stated,
                    total,
                    allowed,
                )
            elif table.role == "assets" and rows[pi].parent is None and stated - total > allowed and not g.rows[pi].note:
                found = dc.problem(
                    "total-unexplained",
                    f"“{table_name(table)}”中“{rows[pi].label}” {as_printed(stated)} 比所列各项之和 {as_printed(total)} 多 {as_printed(stated - total)}，"
                    "表中没有说明差额是什么。请在该行的“备注”中说明，或核对数字。",
                    cell_path(pi, ci),
                    name(pi, ci),
                    stated=stated,
                    computed=total,
                )
            if found is not None:
                yield found

    # A column printed “其中：…” is a part of the nearest column on its left that is not one: never more than it.
    for ci, col in enumerate(cols):
        if ci == 0 or not _WHICH_COLUMN.match(unicodedata.normalize("NFKC", col.label or "")) or col.sum_of or col.ratio or col.difference:
            continue
        # The whole is the nearest column to the left that is not itself a “其中” (小计 | 其中：A | 其中：B).
        wi = ci - 1
        while wi > 0 and _WHICH_COLUMN.match(unicodedata.normalize("NFKC", cols[wi].label or "")):
            wi -= 1
        whole = cols[wi]
        if whole.type != col.type or col.type not in ("money", "count") or not whole.additive or not col.additive:
            continue
        if whole.signed or col.signed or tuple(whole.group) != tuple(col.group):
            continue  # changes may be of either sign; a column under another heading belongs to that heading's columns
        if (whole.unit or None) != (col.unit or None):
            continue
        for r in rows:
            part_cell, whole_cell = cell(r.index, ci), cell(r.index, wi)
            if part_cell is None or whole_cell is None or part_cell.value is None or whole_cell.value is None or part_cell.value <= whole_cell.value:
                continue
            found = dc.compared(
                "parts-exceed-total",
                f"“{table_name(table)}”中{f'“{r.label}”的' if r.label else ''}“{_column_name(cols, ci)}” {as_printed(part_cell.value)} 大于它所属的"
                f"“{_column_name(cols, wi)}” {as_printed(whole_cell.value)}（{diff_text(part_cell.value, whole_cell.value)}）：“其中”栏是它左边那一栏的一部分。",
                cell_path(r.index, ci),
                name(r.index, ci),
                part_cell.value,
                whole_cell.value,
                allowance([part_cell.text, whole_cell.text], unit if col.type == "money" else None, exact=col.type == "count"),
            )
            if found is not None:
                yield found

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
                refs = list(col.sum_of)
                parts = [cell(r.index, col_index[ref]) for ref in refs]
                if any(c is not None and c.state == "empty" for c in parts):
                    refs = _blank_parts_expanded(refs, lambda ref: cell(r.index, col_index[ref]), cols, col_index)
                    parts = [cell(r.index, col_index[ref]) for ref in refs]
                if any(c is None or c.state in ("missing", "text") for c in parts):
                    continue
                numbers = [c for c in parts if c is not None and c.state == "number" and c.value is not None]
                if not numbers:
                    continue
                total = sum((c.value for c in numbers if c.value is not None), Decimal(0))
                if total != stated:  # the usual case, equal, has no message to write
                    of_cell = cell_type(r, col)[0]
                    allowed = allowance([target.text] + [c.text for c in numbers], unit if of_cell == "money" else None, exact=of_cell == "count")
                    labels = "＋".join(_column_name(cols, col_index[ref]) for ref in refs)
                    found = dc.compared(
                        "column-sum-mismatch",
                        f"“{table_name(table)}”中{f'“{r.label}”的' if r.label else ''}“{_column_name(cols, ci)}” {as_printed(stated)} ≠ {labels} = {as_printed(total)}"
                        f"（{diff_text(stated, total)}）。",
                        cell_path(r.index, ci),
                        name(r.index, ci),
                        stated,
                        total,
                        allowed,
                    )
                    if found is not None:
                        yield found
            if col.ratio:
                yield from _check_ratio(dc, table, key, cols, col_index, r, ci, cell, cell_path, name)
            if col.difference:
                a = cell(r.index, col_index[col.difference[0]])
                b = cell(r.index, col_index[col.difference[1]])
                if a is None or b is None or a.value is None or b.value is None:
                    continue
                a_col, b_col = cols[col_index[col.difference[0]]], cols[col_index[col.difference[1]]]
                if _units_unknown_beside_known(dc, table, r, (col, a_col, b_col)):
                    continue
                own = _money_factor(dc, table, r, col)
                fa, fb = _money_factor(dc, table, r, a_col), _money_factor(dc, table, r, b_col)
                converted = own is not None and fa is not None and fb is not None and not own == fa == fb
                if converted:
                    # 比上年增减（万元） beside figures in 元: the change is compared in its own column's unit.
                    assert own is not None and fa is not None and fb is not None
                    computed = (a.value * fa - b.value * fb) / own
                    places = decimal_places(target.text)
                    if round_to(computed, places) == stated:
                        continue
                    allowed = Decimal(1).scaleb(-places) / 2 + sum(
                        (Decimal(1).scaleb(-decimal_places(c.text)) / 2 * f / own for c, f in ((a, fa), (b, fb)) if decimal_places(c.text)),
                        Decimal(0),
                    )
                    how = f"；{_unit_of(dc, table, r, a_col)}折合{_unit_of(dc, table, r, col)}"
                else:
                    computed = a.value - b.value
                    if computed == stated:
                        continue
                    allowed = allowance([target.text, a.text, b.text], unit if cell_type(r, col)[0] == "money" else None)
                    how = ""
                found = dc.compared(
                    "difference-mismatch",
                    f"“{table_name(table)}”中{f'“{r.label}”的' if r.label else ''}“{_column_name(cols, ci)}” {as_printed(stated)} ≠ "
                    f"{_column_name(cols, col_index[col.difference[0]])} − {_column_name(cols, col_index[col.difference[1]])} = {fmt(_plain_zero(computed))}"
                    f"（{diff_text(stated, computed)}{how}）。",
                    cell_path(r.index, ci),
                    name(r.index, ci),
                    stated,
                    computed,
                    allowed,
                )
                if found is not None:
                    yield found


def _unit_of(dc: DocumentCheck, table: m.Table, r: RowSpec, col: ColumnSpec) -> str:
    """The money unit of the figures in ``r`` and ``col``: the row's or the column's own, else the table's."""
    unit = cell_type(r, col)[1]
    return unit if unit in UNIT_FACTORS else dc.unit(table)


def _money_factor(dc: DocumentCheck, table: m.Table, r: RowSpec, col: ColumnSpec) -> Decimal | None:
    """What one of the figures in ``r`` and ``col`` is in 元 (10000 for 万元), or None when they are no amounts."""
    if cell_type(r, col)[0] != "money":
        return None
    return UNIT_FACTORS.get(_unit_of(dc, table, r, col))


def _units_unknown_beside_known(dc: DocumentCheck, table: m.Table, r: RowSpec, cols: Iterable[ColumnSpec]) -> bool:
    """Amounts of a table whose unit is still 待填 beside a column in a unit of its own (比上年增减（万元）): how many of
    one the other is, nobody knows, so they are not compared. Amounts all in the table's unknown unit are."""
    units = {_unit_of(dc, table, r, col) for col in cols if cell_type(r, col)[0] == "money"}
    return m.TO_FILL in units and len(units) > 1


def _plain_zero(value: Decimal) -> Decimal:
    """A computed zero shown without its sign (−0.0001 rounds to 0, not “-0”)."""
    return abs(value) if value == 0 else value


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
    if _units_unknown_beside_known(dc, table, r, (cols[col_index[col.ratio[0]]], cols[col_index[col.ratio[1]]])):
        return

    fn = _money_factor(dc, table, r, cols[col_index[col.ratio[0]]])

    def factor(over: str) -> Decimal:
        """How many of the denominator's units one of the numerator's is: 增减（万元） over 上年预算数 in 元 is 10000."""
        fd = _money_factor(dc, table, r, cols[col_index[over]])
        return fn / fd if fn is not None and fd is not None else Decimal(1)

    def expected(n: m.Cell, d: m.Cell, over: str = col.ratio[1]) -> tuple[Decimal, Decimal]:
        """The ratio, and how far rounding of the three printed figures can move it."""
        assert n.value is not None and d.value is not None
        value = n.value * factor(over) / d.value * scale
        # Numerator and denominator as rounded to the finer of their printed precisions
        # (integers beside integers are exact); the stated ratio to its own.
        places = max(decimal_places(n.text), decimal_places(d.text))
        # Figures of two units: the one in the larger unit was rounded from the other's, integers too.
        unit = Decimal(1).scaleb(-places) / 2 if places or factor(over) != 1 else Decimal(0)
        spread = abs(value) * (unit / abs(n.value) if n.value else Decimal(0)) + abs(value) * (unit / abs(d.value))
        return value, spread + Decimal(1).scaleb(-decimal_places(target.text if target else None)) / 2

    computed, tol = expected(num, den)
    places = decimal_places(target.text)
    if round_to(computed, places) == target.value:
        return
    if col.id == "execution-rate" and scale == HUNDRED and target.value == HUNDRED and computed > HUNDRED:
        return  # 执行率 above 100% written as 100%, as the 绩效自评 forms of many provinces prescribe
    truncated = round_to(computed, places, ROUND_DOWN)
    if abs(target.value - computed) <= tol or truncated == target.value:
        how = "截去尾数" if truncated == target.value else "四舍五入"
        yield dc.problem(
            "rounding-difference",
            f"“{table_name(table)}”中“{r.label}”的“{col.label}” {as_printed(target.value)}，按"
            f"{cols[col_index[col.ratio[0]]].label} ÷ {cols[col_index[col.ratio[1]]].label}{' × 100' if scale == HUNDRED else ''}"
            f"算得 {fmt(round_to(computed, places + 2))}，差额在{how}误差范围内。",
            cell_path(r.index, ci),
            name(r.index, ci),
            stated=target.value,
            computed=round_to(computed, 4),
        )
        return
    # Was it computed against another budget column? Say so.
    hint = ""
    for other in ("initial-budget", "budget", "adjusted-budget"):
        if other in col_index and other != col.ratio[1]:
            alt = cell(r.index, col_index[other])
            if alt is not None and alt.value:
                value, alt_tol = expected(num, alt, other)
                if abs(target.value - value) <= alt_tol:
                    hint = f"这个比率是按“{cols[col_index[other]].label}”算的，而本栏应按“{cols[col_index[col.ratio[1]]].label}”计算。"
                    break
    yield dc.problem(
        "ratio-mismatch",
        f"“{table_name(table)}”中“{r.label}”的“{col.label}” {as_printed(target.value)} ≠ "
        f"{cols[col_index[col.ratio[0]]].label} ÷ {cols[col_index[col.ratio[1]]].label}"
        f"{' × 100' if scale == HUNDRED else ''} = {fmt(_plain_zero(round_to(computed, 2)))}。{hint}",
        cell_path(r.index, ci),
        name(r.index, ci),
        stated=target.value,
        computed=round_to(computed, 4),
    )
