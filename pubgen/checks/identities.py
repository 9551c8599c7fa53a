"""Identities between the official tables of one document, declared in the table kinds' definitions.

An identity reads ``left = right`` (or ``<=``, ``>=``); each side is a sum of
figures written ``[role:][side.]row.column``:

- ``role:`` names another table of the same document by its kind (none: this table);
- ``side.`` names one side of a two-sided table;
- ``row`` is a row id, a classification code, ``{var}`` (see ``each``) or ``*`` (every row
  of the first table named, matched by id, code or label in the others);
- ``column`` is a column id, or ``a|b`` for the first of them the table prints;
- ``row?`` marks a row that counts as 0 when the table does not print it.

An identity whose tables, rows or columns the document does not print is not
checked: the document is never asked for a table it does not publish. A blank
cell of an official table means nothing was spent and counts as 0.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from .. import model as m
from ..load import grids_with_paths
from ..problems import Problem
from ..roles import RowSpec, _printed, column_specs, grid_def, row_specs, table_name
from ..tablekinds import IdentityDef, TableKind, kinds
from .base import DocumentCheck, diff_text, fmt, table_key
from .registry import ERROR, RULES, WARNING, family, rule
from .sums import TABLES
from .rounding import UNIT_FACTORS, allowance

IDENTITIES = family(
    "identities",
    "法定公开表之间的核对关系",
    """
预算、决算的法定公开表之间有固定的核对关系（见 docs/content-format.md“常用表和法定公开表”），每条关系有自己的代号。
原文只公开其中一部分表时，只核对公开了的表；原表空白的单元格按 0 计。不同单位的表（如元和万元）换算后再比，
四舍五入能解释的差额报告为提示（`rounding-difference`）。修改：核对两处数字；原文确实如此时，照录并确认差异，写明原因。
""",
)


def _register() -> None:
    for kind in kinds().values():
        for identity in kind.identities:
            if identity.code in RULES:
                continue  # the same identity in several table kinds (政府性基金 and 国有资本经营 tables)
            rule(
                IDENTITIES,
                identity.code,
                ERROR if identity.severity == "error" else WARNING,
                f"{identity.title}（{kind.name}：`{identity.check}`）。{identity.doc}",
            )


_register()


# --------------------------------------------------------------------------- parsing

_OPERATORS = ("<=", ">=", "=")
_REF = re.compile(r"^(?:(?P<role>[a-z0-9-]+):)?(?P<path>[^\s]+)$")


@dataclass(frozen=True, slots=True)
class Ref:
    """One figure an identity names."""

    role: str | None
    side: str | None
    row: str
    columns: tuple[str, ...]
    optional: bool
    sign: int


@dataclass(frozen=True, slots=True)
class Parsed:
    left: tuple[Ref, ...]
    operator: str
    right: tuple[Ref, ...]


def parse(check: str, owner: TableKind) -> Parsed:
    """Read an identity; a mistake in a definition is a bug in pubgen, so it raises."""
    operator = next(op for op in _OPERATORS if f" {op} " in check)
    left, right = check.split(f" {operator} ", 1)
    return Parsed(_terms(left, owner), operator, _terms(right, owner))


def _terms(text: str, owner: TableKind) -> tuple[Ref, ...]:
    tokens = text.split()
    refs: list[Ref] = []
    sign = 1
    for token in tokens:
        if token in ("+", "-", "−"):
            sign = 1 if token == "+" else -1
            continue
        match = _REF.match(token)
        if not match:
            raise ValueError(f"{owner.role}: cannot read {token!r}")
        role = match["role"] or owner.role
        kind = kinds()[role]
        parts = match["path"].split(".")
        side = parts.pop(0) if kind.sides else None
        if len(parts) != 2:
            raise ValueError(f"{owner.role}: {token!r} should be [side.]row.column")
        row, columns = parts
        refs.append(Ref(role, side, row.rstrip("?"), tuple(columns.split("|")), row.endswith("?"), sign))
        sign = 1
    return tuple(refs)


# --------------------------------------------------------------------------- the document's figures

_NUMBERING = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十百]+[）)][、.．]?|[一二三四五六七八九十百]+[、.．]|[（(]\d+[）)][、.．]?|\d+[、.．](?!\d))\s*"
)
"""Printed numbering before a label: 一、 （一） 1、 1. （1）; never the 一 of 一般."""


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)
def plain_label(label: str) -> str:
    """A row label without its printed numbering and spaces (“一、一般公共服务支出” → “一般公共服务支出”).

    Remembered: the official tables print the same few hundred labels in every document.
    """
    return _SPACES.sub("", _NUMBERING.sub("", label))


@dataclass(slots=True)
class Placed:
    """A grid of the document with what is needed to find and report its figures."""

    table: m.Table
    grid: m.Grid
    base: tuple[object, ...]
    key: str
    unit: str
    rows: list[RowSpec]
    by_name: dict[str, int]
    columns: dict[str, int]


def _defined_columns(grid: m.Grid) -> int:
    """How many of its kind's columns a grid prints: of two tables under one title (北京's 一般公共预算财政拨款收入支出决算表
    of 年初结转 | 本年收入 | 本年支出 | 年末结转 before its 支出决算表 of 合计 | 基本支出 | 项目支出), the one the identities read."""
    defined = grid_def(grid)
    return sum(1 for c in column_specs(grid) if defined is not None and c.id in defined.columns)


class Figures:
    """The official tables of one document, by role and side, with a name for every functional code."""

    def __init__(self, dc: DocumentCheck) -> None:
        self.grids: dict[tuple[str, str | None], Placed] = {}
        self.code_names: dict[str, str] = {}
        for bi, block in enumerate(dc.doc.body):
            if not isinstance(block, m.Table) or not block.role:
                continue
            for grid, base in grids_with_paths(block, bi):
                where = (block.role, grid.side)
                if where in self.grids and _defined_columns(self.grids[where].grid) >= _defined_columns(grid):
                    continue  # a second table of the same kind: the one printing more of the kind's columns is compared
                rows = row_specs(grid)
                by_name: dict[str, int] = {}
                for r in rows:
                    row = grid.rows[r.index]
                    for name in (row.id, row.code, plain_label(row.label)):
                        if name:
                            by_name.setdefault(name, r.index)
                    if row.code and row.label.strip():
                        self.code_names.setdefault(row.code, plain_label(row.label))
                key = table_key(block, bi) + (f".{grid.side}" if grid.side else "")
                self.grids[where] = Placed(
                    block, grid, base, key, dc.unit(block), rows, by_name, {c.id: i for i, c in enumerate(column_specs(grid))}
                )

    def classes(self) -> list[str]:
        """Functional classes (类) printed anywhere in the document, by code."""
        return sorted(code for code in self.code_names if len(code) == 3)

    def row(self, placed: Placed, name: str) -> int | None:
        found = placed.by_name.get(name)
        if found is None and name.isdigit():
            label = self.code_names.get(name)  # a class printed by name only (一、一般公共服务支出)
            found = placed.by_name.get(label) if label else None
            if found is None and label and label.endswith("支出"):
                found = placed.by_name.get(label[:-2])  # … or without its last word (七、文化旅游体育与传媒)
        return found


@dataclass(slots=True)
class Value:
    """One figure read for an identity, in 元 where the unit is known."""

    placed: Placed
    row: int
    column: int
    cell: m.Cell | None
    amount: Decimal
    sign: int
    factor: Decimal


def _read(figures: Figures, ref: Ref, row: str) -> Value | None | bool:
    """The figure ``ref`` names; True when it counts as nothing; None when the identity does not apply."""
    placed = figures.grids.get((ref.role or "", ref.side))
    if placed is None:
        return None
    index = figures.row(placed, row)
    column = next((placed.columns[c] for c in ref.columns if c in placed.columns), None)
    if index is None:
        if not ref.optional:
            return None
        # Absent counts as nothing, unless the row it is part of is printed with a figure: 上年结转 50000
        # printed without its split by fund leaves each fund's share unknown. A part of the table's
        # grand total is the exception: the total's own sum holds it to the rows printed, so a 上年结转
        # the table does not print is none.
        defined = kinds()[ref.role or ""].grid_of(ref.side)
        rule = defined.rows.get(row) if defined is not None else None
        top = rule is not None and rule.parent is not None and defined is not None and (
            (parent := defined.rows.get(rule.parent)) is None or parent.parent is None
        )
        above = figures.row(placed, rule.parent) if rule is not None and rule.parent and not top else None
        if above is not None and column is not None:
            grid = placed.grid.cells
            cell = grid[above][column] if above < len(grid) and column < len(grid[above]) else None
            if cell is not None and cell.value:
                return None
        return True
    if column is None:
        return None
    grid = placed.grid.cells
    cell = grid[index][column] if index < len(grid) and column < len(grid[index]) else None
    if cell is not None and cell.state in ("missing", "text"):
        return None  # unreadable: reported where it is
    amount = cell.value if cell is not None and cell.value is not None else Decimal(0)
    return Value(placed, index, column, cell, amount, ref.sign, UNIT_FACTORS.get(placed.unit, Decimal(1)))


def check_identities(dc: DocumentCheck) -> Iterator[Problem]:
    """Every identity of every official table the document prints."""
    figures = Figures(dc)
    for role in dict.fromkeys(role for role, _ in figures.grids):
        kind = kinds()[role]
        for identity in kind.identities:
            yield from _check(dc, figures, kind, identity)


def _bindings(identity: IdentityDef, figures: Figures, parsed: Parsed) -> list[dict[str, str]]:
    out: list[dict[str, str]] = [{}]
    for var, values in identity.each.items():
        choices = figures.classes() if values == "classes" else list(values)
        out = [{**b, var: v} for b in out for v in choices]
    first = parsed.left[0]
    if first.row == "*":
        placed = figures.grids.get((first.role or "", first.side))
        names = [r.key for r in placed.rows] if placed else []
        out = [{**b, "*": n} for b in out for n in names]
    return out


def _check(dc: DocumentCheck, figures: Figures, kind: TableKind, identity: IdentityDef) -> Iterator[Problem]:
    for name in identity.unless_printed:
        side, _, row = name.rpartition(".")
        placed = figures.grids.get((kind.role, side or None))
        if placed is not None and figures.row(placed, row) is not None:
            return
    parsed = parse(identity.check, kind)
    for binding in _bindings(identity, figures, parsed):
        sides: list[list[Value]] = []
        applies = True
        for refs in (parsed.left, parsed.right):
            values: list[Value] = []
            for ref in refs:
                row = binding.get("*", "") if ref.row == "*" else ref.row.format(**binding) if "{" in ref.row else ref.row
                # A variable may name a column too (expenditure.grand-total.{fund}).
                columns = tuple(c.format(**binding) if "{" in c else c for c in ref.columns)
                ref_bound = Ref(ref.role, ref.side.format(**binding) if ref.side else None, row, columns, ref.optional, ref.sign)
                found = _read(figures, ref_bound, row)
                if found is None:
                    applies = False
                    break
                if isinstance(found, Value):
                    values.append(found)
            if not applies:
                break
            sides.append(values)
        if not applies or not sides[0]:
            continue
        cells = [v.cell for side in sides for v in side]
        if all(c is None or c.state in ("empty", "na") for c in cells):
            continue  # nothing printed on either side
        yield from _compare(dc, identity, parsed.operator, sides[0], sides[1])


def _compare(dc: DocumentCheck, identity: IdentityDef, operator: str, left: list[Value], right: list[Value]) -> Iterator[Problem]:
    if any(v.placed.unit == m.TO_FILL for v in left + right) and len({id(v.placed.table) for v in left + right}) > 1:
        return  # a table whose unit is still 待填 against another: the same figure in 元 and in 万元 cannot be told apart
    # Compare in the unit of the coarsest table (元 beside 万元: in 万元), so printed precision means what it says.
    factor = max(v.factor for v in left + right)
    unit = next((v.placed.unit for v in left + right if v.factor == factor), "")
    stated = sum((v.sign * v.amount * v.factor / factor for v in left), Decimal(0))
    computed = sum((v.sign * v.amount * v.factor / factor for v in right), Decimal(0))
    if stated == computed:
        return  # holds under any operator: the usual case needs no allowance and no message
    texts = [_scaled_text(v, factor) for v in left + right]
    allowed = allowance(texts, unit, aggregates=True)
    if operator == "<=" and stated <= computed + allowed or operator == ">=" and stated + allowed >= computed:
        return
    anchor = left[0]
    message = (
        f"{identity.title}：{_describe(left)} {fmt(stated)} "
        f"{'≠' if operator == '=' else ('＞' if operator == '<=' else '＜')} {_describe(right)} {fmt(computed)}"
        f"（{diff_text(stated, computed)}{'，单位：' + unit if unit and unit != m.TO_FILL else ''}）。"
    )
    path = anchor.placed.base + ("rows", anchor.row, "values", anchor.column)
    field = f"{anchor.placed.key}.{anchor.placed.rows[anchor.row].key}.{column_specs(anchor.placed.grid)[anchor.column].id}"
    if operator == "=":
        found = dc.compared(identity.code, message, path, field, stated, computed, allowed)
        if found is not None:
            yield found
    else:
        yield dc.problem(identity.code, message, path, field, stated=stated, computed=computed)


def _scaled_text(value: Value, factor: Decimal) -> str | None:
    """The figure's printed text, as precise as it is printed once converted to the comparison's unit."""
    text = value.cell.text if value.cell is not None else None
    if not text or value.factor == factor:
        return text
    # A figure in 元 compared in 万元 is finer than any 万元 figure: it adds no rounding of its own.
    return None


def _twice(v: Value, values: list[Value]) -> bool:
    """Whether another figure of the message sits in a row printed with the same label."""
    mine = plain_label(v.placed.rows[v.row].label)
    return any(o is not v and o.placed is v.placed and plain_label(o.placed.rows[o.row].label) == mine for o in values)


def _describe(values: list[Value]) -> str:
    parts: list[str] = []
    for v in values:
        spec = column_specs(v.placed.grid)[v.column]
        row = v.placed.rows[v.row]
        where = f"“{table_name(v.placed.table)}”"
        side = v.placed.grid
        if isinstance(side, m.TableSide) and side.title:
            where += f"{side.title}栏"
        label = row.label.strip() or spec.label
        if row.parent is not None and _twice(v, values):
            # （一）一般公共预算拨款 under 本年收入 and again under 上年结转: say which.
            index = v.placed.by_name.get(row.parent)
            if index is not None:
                label = f"{v.placed.grid.rows[index].label.strip()}”中“{label}"
        sign = "" if not parts else (" ＋ " if v.sign > 0 else " − ")
        parts.append(f"{sign}{where}“{label}”的“{spec.label}”" if label != spec.label else f"{sign}{where}“{spec.label}”")
    return "".join(parts)


# --------------------------------------------------------------------------- rows written without their id

rule(
    TABLES,
    "row-without-id",
    WARNING,
    """
常用表或法定公开表（写了 `role`）的行只写了原表名称、没写 `id`：名称是本表的已知行（如“收入总计”“公务接待费”），
但按行代号做的核对（本表的合计关系、表与表之间的核对）只认 `id`，用不上这一行，它的数字错了也可能查不出来。
例：`“财政拨款收支预算总表”的行只写了名称、没有写 id，按行代号做的核对（本表的合计、表与表之间）用不上它，数字错了也可能查不出来：请给“收入总计”写上 id: grand-total……`
修改：照提示给这些行写上 `id`（各表的行代号见 docs/content-format.md“常用表和法定公开表”）；用 `pubgen import` 导入的表会自动写上。
""",
)

_QUOTE_MARKS = re.compile("[“”\"‘’'「」『』]")
_WHICH = re.compile(r"^其中\s*[:：]\s*")
_HALF = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ","})


@functools.lru_cache(maxsize=8192)
def _row_name(label: str) -> str:
    """A printed row name compared with a definition's labels: no numbering, spaces, quote marks or “其中：”."""
    name = plain_label(_WHICH.sub("", label.strip()))
    return plain_label(_QUOTE_MARKS.sub("", name)).translate(_HALF)


def check_row_ids(dc: DocumentCheck) -> Iterator[Problem]:
    """Rows of a table with a role named like one of its known rows but written without the id the checks read."""
    for bi, block in enumerate(dc.doc.body):
        if not isinstance(block, m.Table) or not block.role:
            continue
        kind = kinds().get(block.role)
        if kind is None:
            continue
        if block.from_text:
            continue  # a table compiled from the text lists what the text names: its rows are not the official table's
        for grid, base in grids_with_paths(block, bi):
            defined = kind.grid_of(grid.side)
            if defined is None or not defined.rows or all(row.id or row.code for row in grid.rows):
                continue  # (every row named: the usual case, an imported table)
            ids = {row.id for row in grid.rows if row.id}
            specs = row_specs(grid)
            unplaced = _printed(defined.default_parent, defined.rows, ids)
            names: dict[str, list[str]] = {}
            for rid, rule_ in defined.rows.items():
                if rid in ids:
                    continue
                for label in rule_.labels:
                    names.setdefault(_row_name(label), []).append(rid)
            printed = Counter(_row_name(row.label) for row in grid.rows)
            found: list[tuple[int, str, str]] = []
            taken: set[str] = set()
            for ri, row in enumerate(grid.rows):
                if row.id or row.code:
                    continue
                name = _row_name(row.label)
                matches = list(dict.fromkeys(names.get(name, ())))
                if len(matches) != 1 or printed[name] != 1 or matches[0] in taken:
                    continue  # the same name twice (一般公共预算拨款 under 本年收入 and under 上年结转): which is which is the editor's to say
                placed = specs[ri].parent
                owner = defined.rows[matches[0]].parent
                if placed is not None and placed != unplaced and placed != owner:
                    continue  # placed under another row (“政府性基金预算拨款” under 上年结转 is not this year's income of that name)
                above = next((r.id for r in reversed(grid.rows[:ri]) if r.id), None)
                if owner is not None and above is not None and above != owner and (defined.rows[above].parent if above in defined.rows else None) != owner:
                    continue  # printed after a row of another part of the table (上年结转's own parts): not the row of that name
                taken.add(matches[0])
                found.append((ri, row.label.strip(), matches[0]))
            if not found:
                continue
            listed = "、".join(f"给“{label}”写上 id: {rid}" for _, label, rid in found)
            first = found[0]
            yield dc.problem(
                "row-without-id",
                f"“{table_name(block)}”的{'行' if len(found) == 1 else f' {len(found)} 行'}只写了名称、没有写 id，"
                f"按行代号做的核对（本表的合计、表与表之间）用不上{'它' if len(found) == 1 else '它们'}，数字错了也可能查不出来：请{listed}"
                "（行代号见 docs/content-format.md“常用表和法定公开表”）。",
                base + ("rows", first[0], "label"),
                f"{table_key(block, bi)}{'.' + grid.side if grid.side else ''}.{row_specs(grid)[first[0]].key}",
            )
