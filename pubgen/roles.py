"""Resolve each column's and row's meaning from what the editor wrote and the table kind's definition.

A table with ``role: three-public`` whose rows are named ``total``, ``overseas``,
``vehicle`` … needs no ``parent`` fields: its definition (``pubgen/tables/``)
knows that 三公 = 出国 + 公车 + 接待. Rows with a classification code take their
place in the hierarchy from the code. Two rules hold throughout:

- explicit always wins: a field the editor wrote, even ``parent: ~`` or
  ``sum_of: []``, replaces the definition's default;
- defaults never invent: a default that names a row or column the document does
  not print is dropped (or, where the definition says the part is optional,
  that part counts as nothing), so no table is expected to print what it does not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Mapping, get_args

from .model import Column, Grid, MoneyUnit, Row, Table
from .tablekinds import ColumnDef, GridDef, common_columns, kind_of

MONEY_UNITS: tuple[str, ...] = get_args(MoneyUnit)
"""Units of amounts: a row whose unit is one of them holds amounts (in that unit), not counts."""


def table_name(table: Table) -> str:
    """The table's printed title, or a name for it when it has none."""
    kind = kind_of(table.role)
    return table.title or (kind.name if kind else "") or table.row_header + "表"


def grid_def(grid: Grid) -> GridDef | None:
    """The definition of this grid's columns and rows, when its table has a kind."""
    kind = kind_of(grid.kind_role)
    return kind.grid_of(grid.side) if kind else None


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A column with the definition's defaults filled in."""

    id: str
    label: str
    type: str
    unit: str | None
    phase: str | None
    sum_of: tuple[str, ...]
    ratio: tuple[str, str] | None
    difference: tuple[str, str] | None
    signed: bool
    additive: bool
    group: tuple[str, ...] = ()
    explicit_sum: bool = True
    """Whether ``sum_of`` was written by the editor (its unknown ids are reported) or is the definition's default."""


@dataclass(frozen=True, slots=True)
class RowSpec:
    """A row with the definition's defaults filled in."""

    index: int
    key: str
    """The row's id, else its code, else its label."""
    label: str
    parent: str | None
    breakdown: str
    children: str
    code: str | None = None
    type: str | None = None
    """What the row's figures are when they are not the table's amounts (count …); None: each column's type."""
    unit: str | None = None
    """The unit of the row's figures when ``type`` is set (人次、辆), if one is known."""
    unit_shown: bool = False
    """Whether the label already prints the unit (公务接待批次(批)), so that the page adds nothing."""


def cell_type(row: RowSpec, col: ColumnSpec) -> tuple[str, str | None]:
    """The type and unit of the figure in ``row`` and ``col``.

    A row of counts in a table of amounts (公务接待批次(批) under 二、相关统计数) holds counts in the
    columns of amounts; a column that has its own kind of figure (a 数量 or 增减率 column) keeps it.
    """
    if row.type is not None and col.type in ("money", "number"):
        return row.type, row.unit
    return col.type, col.unit


COUNT_UNITS = ("人次", "批次", "批", "人", "辆", "台", "个", "次", "户", "件", "项", "名", "家", "套", "所", "艘", "架")
"""Units a label may end with in brackets to say its row counts things: 公务接待批次(批), 在职人员（人）."""

AREA_UNITS = ("平方米", "平米", "㎡", "m²", "m2", "亩", "公顷")
"""Units of area a label may end with in brackets: 房屋（平方米）."""

_CHANGE_WORDS = re.compile(r"增减|增长|增幅|降幅|减幅|变动|变化|差额|差异|比上年|较上年|同比|比年初|较年初")
"""Words of a column or row that prints a change (比上年增长, 增减额, 增减率): its figures may be below zero."""


def says_a_change(*labels: str) -> bool:
    """Whether a column's or row's printed name says it is a change, whose figures may be negative."""
    return any(_CHANGE_WORDS.search(label or "") for label in labels)


_BRACKETED = re.compile(r"[（(]([^（）()]{1,12})[）)]\s*$")
_UNIT_SEPARATORS = re.compile(r"\s*[、/／,，]\s*")


def bracket_unit(label: str) -> str | None:
    """The unit a label ends with in brackets when it names the unit of a count or area column beside it: 房屋（平方米）,
    车辆（台、辆）; None when the brackets say something else (其他（单价50万元以上））."""
    match = _BRACKETED.search(label)
    if match is None:
        return None
    words = [w for w in _UNIT_SEPARATORS.split(match.group(1).strip()) if w]
    if words and all(w in COUNT_UNITS or w in AREA_UNITS for w in words):
        return match.group(1).strip()
    return None


def label_unit(label: str) -> str | None:
    """The count unit a row's label ends with in brackets (“(批)”“（人次）”), or None."""
    unit = bracket_unit(label)
    return unit if unit in COUNT_UNITS else None


def _row_type(row: Row, counted_columns: bool) -> tuple[str | None, str | None, bool]:
    """A row's own type and unit: written, else told by its unit, else by a count unit closing its label.

    The label is read only in a grid with no column of counts or areas: there a label such as 车辆（台、辆）
    names the unit of that column (数量), not of the row's amounts.
    """
    from_label = label_unit(row.label)
    unit = row.unit if row.unit is not None else from_label
    shown = unit is not None and unit == from_label
    if row.type is not None:
        return row.type, unit, shown
    if row.unit is None and serial_label(row.label):
        return "text", None, False  # 栏次 1 2 3 …: the columns' numbers, no figures
    if row.unit is not None:
        if row.unit == "%":
            return "percent", row.unit, shown
        return ("money" if row.unit in MONEY_UNITS else "count"), row.unit, shown
    if from_label is not None and not counted_columns:
        return "count", from_label, True
    return None, None, False


def column_specs(grid: Grid) -> list[ColumnSpec]:
    """Resolve each column's meaning (worked out once per grid)."""
    cached = grid.__pydantic_private__  # read directly, as in Grid.cells: this is asked for every cell shown
    if cached["_column_specs"] is None:  # type: ignore[index]
        cached["_column_specs"] = _column_specs(grid)  # type: ignore[index]
    return cached["_column_specs"]  # type: ignore[index, no-any-return]


def _column_specs(grid: Grid) -> list[ColumnSpec]:
    ids = {c.id for c in grid.columns}
    definition = grid_def(grid)
    known = definition.columns if definition else {}
    common = common_columns()
    specs = []
    unknown = _unknown_amounts(grid, known, common) if definition else False
    for col in grid.columns:
        base: ColumnDef | None = known.get(col.id) or common.get(col.id)
        written = col.model_fields_set
        counted = bracket_unit(col.label or "") if base is None and col.type is None and col.unit is None else None
        ctype = col.type or (
            "percent" if col.unit == "%" else (base.type if base else ("text" if serial_label(col.label) else _counted_type(counted) if counted else "money"))
        )
        if "sum_of" in written:
            sum_of, explicit = tuple(col.sum_of), True
        elif unknown:
            sum_of, explicit = (), False  # a default never guesses which of the table's own columns it adds up
        else:
            sum_of, explicit = _default_parts(base.sum_of if base else [], ids, known), False
        ratio = tuple(col.ratio) if "ratio" in written and col.ratio else (None if "ratio" in written else _default_ratio(col, ids))
        difference = (
            tuple(col.difference) if "difference" in written and col.difference else (None if "difference" in written else _default_difference(col, ids))
        )
        # Changes, and ratios of them (a rate of change), may be negative; so may a column that says it is one (比上年增长, 增减额).
        signed = (
            col.signed
            if col.signed is not None
            else bool(base and base.signed) or difference is not None or ratio is not None or says_a_change(col.label, *col.group)
        )
        additive_default = base.additive if base and base.additive is not None else ctype in ("money", "number", "count")
        if ratio is not None:
            additive_default = False
        specs.append(
            ColumnSpec(
                id=col.id,
                label=col.label,
                type=ctype,
                unit=col.unit if col.unit is not None else (base.unit if base else counted),
                phase=col.phase or (base.phase if base else None),
                sum_of=sum_of,
                ratio=ratio,  # type: ignore[arg-type]
                difference=difference,  # type: ignore[arg-type]
                signed=signed,
                additive=col.additive if col.additive is not None else bool(additive_default),
                group=tuple(col.group) if "group" in written else tuple(base.group if base else ()),
                explicit_sum=explicit,
            )
        )
    return specs


def _default_parts(parts: list[str], present: set[str], known: dict[str, Any]) -> tuple[str, ...]:
    """A default sum over the parts the table prints; none when a part that is not optional is missing.

    A part the table does not print but whose own parts it prints stands for them: a 收入总表
    with 一般公共预算拨款收入 and 政府性基金预算拨款收入 columns and no 财政拨款收入 column.
    """
    kept: list[str] = []
    for part in parts:
        if part in present:
            kept.append(part)
            continue
        own = list(getattr(known.get(part), "sum_of", None) or ())
        expanded = _default_parts(own, present, known) if own else ()
        if expanded:
            kept.extend(expanded)
        elif not getattr(known.get(part), "optional", False):
            return ()
    return tuple(kept) if kept else ()


def _unknown_amounts(grid: Grid, known: dict[str, Any], common: dict[str, Any]) -> bool:
    """Whether the grid prints an amount column its definition does not know: it may be a part of a default sum."""
    for col in grid.columns:
        if col.id in known or col.id in common or (col.type is None and serial_label(col.label)):
            continue
        if col.type is None and col.unit is None and bracket_unit(col.label or "") is not None:
            continue  # 因公出国（境）团组数（个）: a count, not an amount some total may add up
        if (col.type or ("percent" if col.unit == "%" else "money")) == "money" and col.additive is not False:
            return True
    return False


def _counted_type(unit: str) -> str:
    """The type of a column whose label ends with the unit of what it counts or measures (（个）, （平方米））."""
    return "area" if any(w in AREA_UNITS for w in _UNIT_SEPARATORS.split(unit)) else "count"


SERIAL_LABELS = frozenset({"行次", "栏次", "序号", "行号", "栏号", "编号"})
"""Labels of a column or row that numbers the table's rows or columns (the national 公开01表's 行次 and 栏次): no figures."""


def serial_label(label: str | None) -> bool:
    """Whether ``label`` names a table's own numbering (行次, 栏次, 序号), whatever its spacing and width."""
    if not label or len(label) > 12 or not ("次" in label or "号" in label or "序" in label):
        return False  # every row of every table is asked: most are answered here
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", label)) in SERIAL_LABELS


def _default_ratio(col: Column, ids: set[str]) -> tuple[str, str] | None:
    if col.id == "change-rate" and "change" in ids and "last-year" in ids:
        return ("change", "last-year")  # 增减率 = 增减额 ÷ 上年数
    if col.id != "execution-rate" or "actual" not in ids:
        return None
    for base in ("adjusted-budget", "initial-budget", "budget"):
        if base in ids:
            return ("actual", base)
    return None


def _default_difference(col: Column, ids: set[str]) -> tuple[str, str] | None:
    if col.id != "change" or "last-year" not in ids:
        return None
    for current in ("actual", "budget", "initial-budget"):
        if current in ids:
            return (current, "last-year")
    return None


def row_specs(grid: Grid) -> list[RowSpec]:
    """Resolve each row's parent and breakdown (worked out once per grid)."""
    cached = grid.__pydantic_private__
    if cached["_row_specs"] is None:  # type: ignore[index]
        cached["_row_specs"] = _row_specs(grid)  # type: ignore[index]
    return cached["_row_specs"]  # type: ignore[index, no-any-return]


CODE_LEVELS = {3: "类", 5: "款", 7: "项"}
"""Names of the levels of a classification code, by its length."""


def code_ancestors(code: str) -> list[str]:
    """The codes above ``code``, nearest first (2010601 → 20106, 201)."""
    return [code[:n] for n in (5, 3) if n < len(code)]


def _printed(parent: str | None, known: Mapping[str, Any], ids: set[str]) -> str | None:
    """The row a default parent stands for: itself if printed, else the nearest printed row above it in the definition.

    A table that prints no 本年收入合计 adds its incomes straight into 收入总计; a row
    whose defined parents are none of them printed has no parent (nothing invented).
    """
    return _climbed(parent, known, ids)[0]


def _climbed(parent: str | None, known: Mapping[str, Any], ids: set[str]) -> tuple[str | None, Any]:
    """:func:`_printed`'s row, and the definition of the unprinted row just below it whose place the row takes (or None).

    With no 基本支出 printed, 人员经费 and 公用经费 are parts of 支出合计 beside 项目支出 (支出 = 人员经费 + 公用经费 +
    项目支出): they add up with the parts of the row they stand in for, not as a breakdown of their own.
    """
    skipped = None
    seen: set[str] = set()
    while parent is not None and parent not in ids and parent not in seen:
        seen.add(parent)
        skipped = known.get(parent)
        parent = skipped.parent if skipped is not None else None
    return (parent, skipped) if parent in ids else (None, None)


def _row_specs(grid: Grid) -> list[RowSpec]:
    definition = grid_def(grid)
    known = definition.rows if definition else {}
    fallback = definition.default_parent if definition else None
    ids = {row.id for row in grid.rows if row.id}
    # A table of a kind printed one row a unit (单位名称 | 合计 | 因公出国（境）费 …, 湖南's 部门公开表07): the units' rows
    # are the parts of its 合计, as the header says.
    by_unit = definition is not None and fallback is None and "total" in ids and "单位" in (getattr(grid, "row_header", "") or "")
    counted_columns = any(spec.type in ("count", "area") for spec in column_specs(grid))
    codes = {row.code: row.id or row.code for row in grid.rows if row.code}
    by_code: dict[str, str] = {}
    for name, defined in known.items():
        for code in defined.codes:
            by_code[code] = name
    specs = []
    labels_seen: dict[str, int] = {}
    """Rows named by their label alone: the second “其中：其他” (under another parent) is “其中：其他#2”, as diff names it."""
    below: str | None = None
    """The printed row whose parts the unnamed rows below it are (年初结转和结余 over 基本支出结转 …)."""
    numbered: list[tuple[int, str | None, bool]] = []
    """Unnamed rows by their printed numbering, outermost first, with the key of those that print a figure, and whether
    the row is one the definition does not know (no id, no code)."""
    for i, row in enumerate(grid.rows):
        rule = known.get(row.id or "")
        if row.id or row.code:
            below = row.id if rule is not None and rule.parts_below else None
        written = row.model_fields_set
        standing_in = None
        if "parent" in written:
            parent = row.parent
        elif rule is not None:
            parent, standing_in = _climbed(rule.parent, known, ids)
        elif below is not None:
            parent = below
        elif row.code:
            parent = next((codes[c] for c in code_ancestors(row.code) if c in codes), None)
            if parent is None:
                # A class the definition places (301 → 人员经费合计), or an item whose class row is not printed: its class's place.
                owner = by_code.get(row.code[:3])
                parent = owner if owner in ids else _printed(fallback, known, ids)
        else:
            parent = _printed(fallback, known, ids)
            if parent is None and by_unit and not row.id:
                parent = "total"
            if parent == row.id:
                parent = None
        key = row.id or row.code or _label_key(row.label, labels_seen)
        unplaced = not (row.id or row.code or "parent" in written or below is not None)
        if fallback is not None and (unplaced or (row.id and not row.code)):
            # “一、基本支出 / 1.人员经费 / 2.公用经费 / 二、项目支出”: a row numbered one level deeper is a part of the
            # row above it, not a second part of the table's total. A heading without figures (“一、按功能分类”) passes
            # its rows on to the total. A row with an id keeps its own place, but heads the rows numbered below it
            # (“一、财政拨款收入” over “1. 一般公共预算” and “2. 政府性基金预算” that have none).
            level = numbering_level(row.label)
            if level is not None:
                while numbered and numbered[-1][0] >= level:
                    numbered.pop()
                if unplaced and numbered and numbered[-1][1] is not None:
                    parent = numbered[-1][1]
                elif rule is not None and "parent" not in written and numbered and numbered[-1][1] is not None and numbered[-1][2]:
                    # “五、单位资金 / （五）其他收入” (浙江): a row the definition knows, numbered below a row it does not,
                    # is a part of that row as printed, not a second part of the total beside it.
                    parent = numbered[-1][1]
                numbered.append((level, key if _prints_a_figure(row) else None, not (row.id or row.code)))
            elif row.id and rule is not None and rule.parent not in {k for _, k, _ in numbered}:
                # An unnumbered row of the definition outside the numbered rows above (上年结转, 本年收入合计) ends
                # them: “1. 一般公共预算拨款” below 上年结转 is not a part of “四、其他收入” further up.
                numbered.clear()
        row_type, unit, shown = _row_type(row, counted_columns)
        specs.append(
            RowSpec(
                index=i,
                key=key,
                label=row.label,
                parent=parent,
                breakdown=(
                    row.breakdown
                    if row.breakdown is not None
                    else ((standing_in.breakdown if standing_in is not None else rule.breakdown if rule else None) or "")
                ),
                children=row.children if row.children is not None else (rule.children if rule else "sum"),
                code=row.code,
                type=row_type,
                unit=unit,
                unit_shown=shown,
            )
        )
    return specs


_LEVELS = (
    re.compile(r"\s*[一二三四五六七八九十]+[、.．]"),
    re.compile(r"\s*[（(][一二三四五六七八九十]+[）)]"),
    re.compile(r"\s*\d+[、.．](?!\d)"),
    re.compile(r"\s*[（(]\d+[）)]"),
    re.compile(r"\s*[①②③④⑤⑥⑦⑧⑨⑩]"),
)
"""How the levels of a printed outline are numbered, outermost first: 一、 （一） 1. （1） ①."""


def numbering_level(label: str) -> int | None:
    """The outline level a label's printed numbering puts it at (“1.人员经费” → 2), or None without numbering."""
    for level, pattern in enumerate(_LEVELS):
        if pattern.match(label):
            return level
    return None


def _prints_a_figure(row: Any) -> bool:
    """Whether a row prints a number in any column (not only blanks, —— or text)."""
    return any(value is not None and any(ch.isdigit() for ch in str(value)) for value in row.values)


def _label_key(label: str, seen: dict[str, int]) -> str:
    """A row's key from its label: the label itself, then ``label#2``, ``label#3`` for the same label printed again."""
    seen[label] = seen.get(label, 0) + 1
    return label if seen[label] == 1 else f"{label}#{seen[label]}"
