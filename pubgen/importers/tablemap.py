"""Map a table read from a PDF or workbook onto the content format: its kind, columns, rows and notes.

A table is matched to a table kind (``pubgen/tables/``) by its title; its figure
columns to the kind's columns by their printed header path (label and the groups
above it); its rows to the kind's rows by label, or by classification code. What
cannot be matched is kept as printed (a generic table, a column or row without a
known id) and marked with a comment, never dropped. Every figure keeps its printed
text without thousands separators; a blank cell stays blank (``~``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import NOT_APPLICABLE
from ..roles import COUNT_UNITS, MONEY_UNITS, _default_parts, serial_label
from ..tablekinds import ColumnDef, GridDef, RowDef, TableKind, common_columns, kinds
from . import structure as s
from .labels import heading_words, plain, plain_header, plain_title, slug, strip_unit_note, title_key
from .report import Report
from .text import is_empty_note, is_table_mark, match_unit, split_numbering
from .yamlout import NULL, Block, Flow, Raw

_CODE_PART = re.compile(r"^\d{2,7}$")
_VALID_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_SERIAL = ("序号", "编号", "行次", "栏次")


_BODY_END = re.compile(r"(?:局|委员会|委|办公室|办|院|厅|部|中心|所|馆|站|队|处|街道|镇|乡|政府|会|社|校|园|室|署|团|联|台|库|场)$")
"""How a body's name ends (民政局, 卫生健康委员会, 某某街道): a title's prefix ending so names the body."""


def _titles(kind: TableKind) -> list[str]:
    return [plain_title(t) for t in kind.titles]


def _keys(kind: TableKind) -> list[str]:
    return [title_key(t) for t in kind.titles]


def _names_a_body(prefix: str) -> bool:
    """Whether the text in front of a known title is a body's name (某某区民政局, 某某区民政局部门)."""
    for scope in ("预算单位", "部门", "单位"):
        if prefix.endswith(scope) and len(prefix) > len(scope):
            prefix = prefix[: -len(scope)]
            break
    return len(prefix) >= 2 and bool(_BODY_END.search(prefix))


_QUALIFIER = re.compile(r"[（(]\s*(?:按)?([^（）()]{0,14}?(?:分类|科目)[^（）()]{0,4})\s*[）)]\s*$")
"""A classification printed after a title: （按部门预算支出经济分类）, (按经济分类), （功能分类科目）, （按功能科目）."""


def find_kind(title: str, document_kind: str | None) -> TableKind | None:
    """The table kind printed under ``title``; a title that qualifies its classification in brackets
    (一般公共预算基本支出表（按部门预算支出经济分类）) is the table of that classification.

    Provinces that publish a table by two classifications (the 基本支出表 by 部门 and by 政府 经济分类, the
    收支总表 by 功能 and by 经济 科目) say which in brackets: the title without them names the kind, provided
    the kind's rows are of that classification (an 经济分类 一般公共预算支出表 is not the 功能分类 table).
    """
    kind = _find_kind(title, document_kind)
    if kind is not None:
        return kind
    text = strip_unit_note(title)[0].strip()
    words = text.split()
    while len(words) > 1 and is_table_mark(words[-1]):
        words.pop()
    text = " ".join(words)
    mark = _TRAILING_MARK.search(text)
    if mark is not None and is_table_mark(mark.group(1)):
        text = text[: mark.start()].rstrip()  # …基本支出表(按经济分类)(公开表3-1)
    qualifier = _QUALIFIER.search(text)
    if qualifier is None or not text[: qualifier.start()].strip():
        return None
    kind = _find_kind(text[: qualifier.start()], document_kind)
    if kind is None:
        return None
    words_said = qualifier.group(1)
    grids = [kind.grid] if kind.grid is not None else list(kind.sides.values())
    classes = {g.classification for g in grids if g is not None}
    if "经济" in words_said:
        return kind if classes == {"economic"} else None
    if "功能" in words_said:
        return kind if "economic" not in classes else None
    return None


_TRAILING_MARK = re.compile(r"[（(]([^（）()]{1,12})[）)]$")


def _find_kind(title: str, document_kind: str | None) -> TableKind | None:
    """The table kind printed under ``title``, preferring the official tables of ``document_kind``.

    A title matches one of the kind's titles after its number, year, scope and marks are taken
    off (``plain_title``); failing that, a title that ends with one after a body's name
    (``某某区民政局收入决算表``) matches the longest such title.
    """
    wanted = plain_title(title)
    if not wanted:
        return None
    # A 决算 prints no 预算 table and a 预算 no 决算 table: another kind of document's official tables are never candidates
    # (“一般公共预算支出情况表” in a 决算 is its own table, not the 预算's table 5).
    ordered = sorted(
        (k for k in kinds().values() if k.official is None or document_kind is None or k.official == document_kind),
        key=lambda k: (k.official != document_kind, k.official is None),
    )
    for kind in ordered:
        if wanted in _titles(kind):
            return kind
    # The same title in other words: a unit note or a year inside, 明细表 / 总表 / 情况表, 收入支出 for 收支.
    meaning = title_key(title)
    for kind in ordered:
        if meaning and meaning in _keys(kind):
            return kind
    best: tuple[int, TableKind] | None = None
    for kind in ordered:
        for known in _keys(kind):
            if (
                len(known) > 2
                and meaning.endswith(known)
                and _names_a_body(meaning[: -len(known)])
                and (best is None or len(known) > best[0])
            ):
                best = (len(known), kind)
    return best[1] if best is not None else None


@dataclass(slots=True)
class _Col:
    """A figure column of one grid: where it is printed and what it became."""

    index: int
    label: str
    group: tuple[str, ...]
    id: str = ""
    type: str | None = None
    unit: str | None = None
    explicit_group: bool = False
    comment: str = ""
    effective_type: str = "money"
    """The column's type, written or from its definition."""
    text_column: bool = False
    """A text column outside the side's figures (备注): its cells come from the row, not the entry."""
    phase: str | None = None
    """Written when the id does not say it: a column of last year's block (2023年预算数 / 合计) is last-year."""
    of: str = ""
    """For a column of last year's block or of the block of changes, the kind's column it is last year's figure
    or the change of."""
    sum_of: list[str] = field(default_factory=list)
    """Written when the kind's default cannot be used (see ``_block_sums``)."""
    difference: list[str] = field(default_factory=list)
    """For a column of the block of changes: this year's column and last year's, when both are printed."""
    signed: bool = False
    """Written for a change the id does not say is one (同比增减 beside 较上年增减, 增减 / 合计)."""


@dataclass(slots=True)
class _GridPlan:
    """One grid to write: a whole table, or one side."""

    columns: list[_Col]
    entries: list[tuple[s.Row, s.Entry]]
    side_id: str | None = None
    side_title: str = ""
    row_header: str = "项目"
    definition: GridDef | None = None
    comments: list[str] = field(default_factory=list)
    slots: list[int] = field(default_factory=list)
    """For each figure of an entry, in order, the position of its column among ``columns``."""


def _issuer_note(table: s.Table) -> list[str]:
    if not table.issuer_label:
        return []
    return [f"{table.issuer_label}：{table.issuer}"]


class TableMapper:
    """Turn one imported table into a ``type: table`` block, recording what was placed and what was not."""

    def __init__(
        self,
        report: Report,
        document_kind: str | None,
        year: int | None = None,
        document_unit: str | None = None,
        headed_unit: str | None = None,
    ) -> None:
        self.report = report
        self.document_kind = document_kind
        self.year = year
        """The document's year: a column headed with the year before it (2024年预算数 in 2025) is last year's."""
        self.document_unit = document_unit
        """The unit written as the document's (the one most of its tables print): a table that prints none is read in it."""
        self.headed_unit = headed_unit
        """The money unit the document's tables print in their column headings (合计（万元）), when it writes none."""
        self.roles_seen: dict[str, int] = {}
        """How many tables of each kind the document has so far: a second one gets an id of its own."""

    # ------------------------------------------------------------------ whole table

    def map(self, table: s.Table) -> tuple[Block, list[str]]:
        """The block and the comment lines to write above it."""
        where = table.origin.where()
        comments: list[str] = []
        kind = find_kind(table.title, self.document_kind) if table.title else None
        official = kind
        kind = _by_rows(table, kind)
        if official is not None and kind is not None and kind is not official:
            # The official 三公 table is one row of columns; printed as rows it is the “三公”经费表, whose sums are
            # checked, but the checks that name the official table (30217 / 30231 / 31013 of the 基本支出表) are not run.
            comments.append(
                f"导入：原表把各项“三公”经费印成行，按{kind.name}（{kind.role}）录入，表内合计照常核对；"
                f"基本支出表的公务接待费、公务用车运行维护费、公务用车购置与{official.name}的比较只对按栏印的表进行，请人工核对。"
            )
            self.report.unsure(where, f"“{table.title}”的各项印成行，按{kind.name}录入；与基本支出表的比较不会进行，请人工核对", table.title, "table")
        plans = self._plans(table, kind, comments)
        if kind is not None and kind.grid is not None and not kind.sides and not table.columns:
            plans = [self._defined(table, kind, kind.grid)]
        if kind is not None and kind.sides and not any(p.side_id in kind.sides for p in plans):
            kind = None  # printed with a different number of halves: kept as printed, without the kind
        block = Block()
        block.add("type", "table")
        if kind is not None:
            block.add("role", kind.role)
            self.report.placed("table", where, f"“{table.title}” → {kind.name}（{kind.role}）")
            seen = self.roles_seen.get(kind.role, 0) + 1
            self.roles_seen[kind.role] = seen
            if seen > 1:
                # Two tables of one kind (the 基本支出表 by 部门 and by 政府 经济分类): each needs its own id; the
                # identities between tables compare the first one.
                block.add("id", f"{kind.role}-{seen}")
                comments.append(f"导入：本文档已有一张{kind.name}，这张表的代号写作 {kind.role}-{seen}；表间核对只用第一张，请核对。")
                self.report.unsure(where, f"“{table.title}”是本文档的第 {seen} 张{kind.name}，代号写作 {kind.role}-{seen}；表间核对只用第一张", table.title, "table")
        elif table.title:
            comments.insert(0, f"导入：表名“{table.title}”不是已知的表格类型，按普通表格录入，请核对。")
            self.report.unsure(where, f"表格“{table.title}”没有对应的表格类型，按普通表格录入", _grid_excerpt(table), "table")
            self.report.unchecked.append(f"{where} “{table.title}”")
        else:
            comments.insert(0, "导入：原表上方没有表名，按普通表格录入，请核对。")
            self.report.unsure(where, "表格没有表名，按普通表格录入", _grid_excerpt(table), "table")
            self.report.unchecked.append(f"{where} 没有表名的表格")
        # “财政拨款收入支出决算总表（单位：万元）”: the unit printed inside the title is the table's unit.
        title, unit_note = strip_unit_note(table.title)
        unit = table.unit or (match_unit(unit_note) if unit_note else None)
        if unit_note and table.unit and match_unit(unit_note) not in (None, table.unit):
            comments.append(f"导入：表名中印有“{unit_note}”，表上方又印有“{table.unit_text}”，按后者录入，请核对。")
            self.report.unsure(where, f"“{table.title}”的表名和表上方印的金额单位不同", table.unit_text, "table")
        number, notes = self._meta(table)
        mark = _TRAILING_MARK.search(title.strip())
        if mark is not None and is_table_mark(mark.group(1)) and title.strip()[: mark.start()].strip():
            # 部门收支总表(公开表1): the printed number, not a part of the title.
            title = title.strip()[: mark.start()].rstrip()
            number = number or mark.group(1)
        if title:
            block.add("title", title)
        if number:
            block.add("number", number)
        if unit:
            block.add("unit", unit)
            if table.unit_text and table.unit_text in table.notes:
                comments.append(f"导入：原表只在表下注释中写明金额单位（“{table.unit_text}”），按{unit}录入，请核对。")
        elif _unstated_money(plans):
            self._no_unit(table, block, comments)
        if any(len(e.code) > 1 for r in table.rows for e in r.entries):
            # As many code columns as the original prints: an economic-classification table often prints 类 and 款 only.
            printed = max((len(side.code_columns) for side in table.sides), default=0) or sum(
                1 for c in table.columns if c.role is s.ColumnRole.CODE
            )
            block.add("codes", "two" if printed == 2 else "three")
        single = len(plans) == 1 and plans[0].side_id is None
        if single and plans[0].row_header != "项目":
            block.add("row_header", plans[0].row_header)
        if notes:
            listed = Block(is_list=True)
            for note in notes:
                listed.add(None, note)
            block.add("notes", listed)
        if single:
            self._grid_into(block, plans[0])
            comments.extend(plans[0].comments)
        else:
            sides = Block(is_list=True)
            for plan in plans:
                side = Block()
                side.add("id", plan.side_id or "side")
                if plan.side_title:
                    side.add("title", plan.side_title)
                if plan.row_header != "项目":
                    side.add("row_header", plan.row_header)
                self._grid_into(side, plan)
                sides.add(None, side, before=plan.comments)
            block.add("sides", sides)
        footnote, empty_note = self._notes(table, comments)
        if footnote:
            block.add("footnote", footnote)
        if empty_note:
            block.add("empty_note", empty_note)
        if table.zeros_shown_as_dash:
            refs = table.zeros_shown_as_dash
            shown = "、".join(refs[:8]) + (" 等" if len(refs) > 8 else "")
            comments.append(f"导入：原表有 {len(refs)} 格（{shown}）存的是 0，按单元格格式显示为“-”，已录入为 0，请核对。")
        if table.continued_on:
            sheets = "、".join(f"“{name}”" for name in table.continued_on)
            comments.append(f"导入：这张表在工作表{sheets}上接续（续表，表头相同），那里的各行已接在本表后面，请核对。")
        if table.negatives_unsigned:
            refs = table.negatives_unsigned
            shown = "、".join(refs[:8]) + (" 等" if len(refs) > 8 else "")
            comments.append(f"导入：原表有 {len(refs)} 格（{shown}）存的是负数，单元格格式只用颜色标出、不印负号，已录入为负数，请核对。")
        blank_rows = sum(1 for r in table.rows if not any(c.text.strip() for c in r.cells))
        if blank_rows:
            comments.append(f"导入：原表有 {blank_rows} 行空行（没有名称也没有数字），未录入。")
        return block, comments

    def _no_unit(self, table: s.Table, block: Block, comments: list[str]) -> None:
        """A table of money that prints no unit anywhere: never read silently in the site's default unit (万元).

        With the document's unit from its other tables, the table is read in it, and said so; with none, its unit
        is written 待填, which the check refuses until the editor writes the unit the original prints.
        """
        where = table.origin.where()
        if self.document_unit:
            comments.append(f"导入：原表没有印出这张表的金额单位，按本文档其他表的单位（{self.document_unit}）录入，请核对原表。")
            self.report.unsure(where, f"没有找到这张表的金额单位，按本文档其他表的单位（{self.document_unit}）录入，请核对原表", table.title, "table")
            return
        if self.headed_unit:
            # The document writes no unit (its tables print theirs in column headings): the table's is written, or
            # the site's default would be read.
            block.add("unit", self.headed_unit, before=[f"导入：原表没有印出这张表的金额单位，按本文档其他表表头所印的单位（{self.headed_unit}）录入，请核对原表。"])
            self.report.unsure(where, f"没有找到这张表的金额单位，按本文档其他表表头所印的单位（{self.headed_unit}）录入，请核对原表", table.title, "table")
            return
        block.add(
            "unit",
            s.TO_FILL,
            before=["导入：原表没有找到金额单位（元或万元）。请核对原表，把“待填”改为原表的单位（元、万元……），否则检查会报错。"],
        )
        self.report.unsure(
            where,
            "没有找到这张表的金额单位（元或万元），没有按站点的默认单位录入，unit 写作“待填”：请核对原表后在 unit: 里写明",
            table.title,
            "table",
        )

    def _meta(self, table: s.Table) -> tuple[str | None, list[str]]:
        number = None
        notes = _issuer_note(table)
        for line in table.meta:
            if number is None and is_table_mark(line):
                number = line
            else:
                notes.append(line)
        return number, notes

    def _notes(self, table: s.Table, comments: list[str]) -> tuple[str | None, str | None]:
        empty: list[str] = []
        other: list[str] = []
        for note in table.notes:
            (empty if is_empty_note(note) else other).append(note)
        if empty and not table.empty:
            comments.append("导入：表下注明本表无数据（为空表），但表中印有数字；照原文录入，请核对原文。")
            self.report.unsure(table.origin.where(), "表下注明本表无数据，但表中印有数字", empty[0])
        return ("\n".join(other) or None), ("\n".join(empty) or None)

    # ------------------------------------------------------------------ grids

    def _plans(self, table: s.Table, kind: TableKind | None, comments: list[str]) -> list[_GridPlan]:
        sides = table.sides or [s.TableSide(0, len(table.columns) - 1, (), None, tuple(range(len(table.columns))))]
        entries_by_side: list[list[tuple[s.Row, s.Entry]]] = [[] for _ in sides]
        for row in table.rows:
            for entry in row.entries:
                if 0 <= entry.side < len(sides):
                    entries_by_side[entry.side].append((row, entry))
        if kind is not None and kind.sides:
            if len(sides) == len(kind.sides):
                return self._sided(table, kind, sides, entries_by_side)
            comments.append(f"导入：原表分 {len(sides)} 栏，“{kind.name}”应分 {len(kind.sides)} 栏，按原样录入为普通表格，请核对。")
            self.report.unsure(table.origin.where(), f"“{table.title}”的栏数与“{kind.name}”不同，按普通表格录入", _grid_excerpt(table), "table")
            kind = None
        definition = kind.grid if kind is not None else None
        if len(sides) > 1 and _same_shape(table, sides):
            # Left and right halves with the same columns (基本支出决算表: 人员经费 | 公用经费):
            # one grid, the left half's rows first.
            for row in table.rows:
                _join_label_to_figure(row)
            entries_by_side = [[] for _ in sides]
            for row in table.rows:
                for entry in row.entries:
                    if 0 <= entry.side < len(sides):
                        entries_by_side[entry.side].append((row, entry))
            everything = [e for part in entries_by_side for e in part]
            plan = self._plan(table, sides[0], everything, definition, None, "", extra_text=False, paths=_shared_paths(table, sides))
            plan.comments.append("导入：原表左右两栏并排印刷，按先左栏后右栏录入为一栏。")
            return [plan]
        titles = [_side_title(table, side) for side in sides]
        if len(sides) > 1 and all(titles) and len(set(titles)) == len(titles):
            return [
                self._plan(table, side, part, None, f"side-{index + 1}", title)
                for index, (side, part, title) in enumerate(zip(sides, entries_by_side, titles))
            ]
        if len(sides) > 1:
            # Halves the reader split at a text column (序号 | 单位名称 | 备注): one grid, as printed.
            return [self._flat(table)]
        return [self._plan(table, sides[0], entries_by_side[0], definition, None, "")]

    def _defined(self, table: s.Table, kind: TableKind, definition: GridDef) -> _GridPlan:
        """The columns of an empty table printed without a header (title and one sentence): as the kind defines them."""
        plan = _GridPlan([], [], None, "", definition.row_header, definition)
        for index, (cid, column) in enumerate(definition.columns.items()):
            col = _Col(index, column.labels[0] if column.labels else cid, tuple(column.group), cid)
            col.effective_type = column.type
            plan.columns.append(col)
        plan.slots = list(range(len(plan.columns)))
        plan.comments.append(f"导入：原表没有印出表头，栏目按“{kind.name}”的定义录入，请核对。")
        self.report.unsure(table.origin.where(), f"“{table.title}”没有印出表头，栏目按“{kind.name}”的定义录入", table.title, "table")
        return plan

    def _flat(self, table: s.Table) -> _GridPlan:
        """One grid of every column: the first name column labels the rows, the others are columns."""
        labels = [c.index for c in table.columns if c.role is s.ColumnRole.LABEL]
        codes = tuple(c.index for c in table.columns if c.role is s.ColumnRole.CODE)
        label_column = labels[0] if labels else None
        figures = tuple(c.index for c in table.columns if c.index != label_column and c.index not in codes)
        side = s.TableSide(0, len(table.columns) - 1, codes, label_column, figures)
        entries: list[tuple[s.Row, s.Entry]] = []
        for row in table.rows:
            starts = {c.col: c for c in row.cells if c.row == min((x.row for x in row.cells), default=0)}
            label_cell = starts.get(label_column) if label_column is not None else None
            cells = tuple(starts.get(i) or s.Cell("", s.CellKind.BLANK, None, 0, i) for i in figures)
            code = tuple(starts[i].text.strip() for i in codes if i in starts and starts[i].text.strip())
            label = label_cell.text.strip() if label_cell is not None else ""
            if not code and not label and all(c.kind is s.CellKind.BLANK for c in cells):
                continue
            entries.append((row, s.Entry(0, code, label, bool(label_cell and label_cell.wrapped), cells)))
        return self._plan(table, side, entries, None, None, "", extra_text=False)

    def _sided(
        self, table: s.Table, kind: TableKind, sides: list[s.TableSide], entries: list[list[tuple[s.Row, s.Entry]]]
    ) -> list[_GridPlan]:
        titles = [_side_title(table, side) for side in sides]
        ids: list[str | None] = [None] * len(sides)
        names = list(kind.sides)
        for index, title in enumerate(titles):
            for name in names:
                definition = kind.sides[name]
                if name not in ids and (
                    plain(title) == plain(definition.title)
                    or (name == "income" and "收入" in title and "支出" not in title)
                    or (name == "expenditure" and "支出" in title and "收入" not in title)
                ):
                    ids[index] = name
                    break
        unsure = [index for index, side_id in enumerate(ids) if side_id is None]
        for index in unsure:
            ids[index] = next(n for n in names if n not in ids)
        plans = []
        for index, (side, title, part) in enumerate(zip(sides, titles, entries)):
            side_id = ids[index]
            assert side_id is not None
            plan = self._plan(table, side, part, kind.sides[side_id], side_id, title)
            if index in unsure:
                plan.comments.append(f"导入：按左右顺序把这一栏当作“{kind.sides[side_id].title}”栏，请核对。")
                self.report.unsure(table.origin.where(), f"“{table.title}”第 {index + 1} 栏的表头没有写明收入或支出，按顺序对应", title)
            plans.append(plan)
        return plans

    def _plan(
        self,
        table: s.Table,
        side: s.TableSide,
        entries: list[tuple[s.Row, s.Entry]],
        definition: GridDef | None,
        side_id: str | None,
        side_title: str,
        extra_text: bool = True,
        paths: dict[int, tuple[str, ...]] | None = None,
    ) -> _GridPlan:
        label_path = table.columns[side.label_column].path if side.label_column is not None else ()
        row_header = label_path[-1] if label_path else "项目"
        if side_title and row_header == side_title:
            row_header = "项目"
        plan = _GridPlan([], entries, side_id, side_title, row_header, definition)
        known = dict(definition.columns) if definition is not None else {}
        common = common_columns()
        used: set[str] = set()
        block_used: dict[str, set[str]] = {"last-year": set(), "change": set()}
        all_paths = {index: self._path(table, index, side_title, paths) for index in side.figure_columns}
        for index in side.figure_columns:
            path = all_paths[index]
            label = path[-1] if path else f"第{index + 1}栏"
            group = tuple(path[:-1])
            col = _Col(index, label, group)
            siblings = _siblings(all_paths, group, index)
            other_year = _printed_year(label)
            block_year = _block_year(group, self.year)
            block = "last-year" if block_year == "last" else None
            if block is None and block_year is None and known and any(_CHANGE_HEADING.search(_heading(g)[0]) for g in group):
                block = "change"
            if block is not None:
                # 2023年预算数（合计 | 因公出国（境）费 | …）beside 2024年预算数（…）: last year's block; 增减（合计 | …）:
                # the block of changes. Their columns are read as the kind's, under ids of their own, so that this
                # year's block keeps the kind's ids.
                cid, _exact = _identify(label, group, known, block_used[block], siblings)
                if cid is not None:
                    block_used[block].add(cid)
                    col.of = cid
                    col.id = _unique(f"{block}-{cid}", used)
                    col.effective_type = known[cid].type
                    col.type = None if known[cid].type == "money" else known[cid].type
                elif block == "last-year":
                    col.id = _unique(slug(label, f"col-{index + 1}"), used)
                    col.type = _generic_type(label, table, index)
                    col.effective_type = col.type or "money"
                if col.id:
                    col.phase = block
                    col.signed = block == "change"
                    col.explicit_group = True
                    used.add(col.id)
                    plan.columns.append(col)
                    continue
            if block_year == "other" or (other_year is not None and self.year is not None and other_year != self.year):
                # 2024年预算数 in a 2025 budget is last year's figure, never the table's own 预算数.
                cid, exact = None, False
            else:
                cid, exact = _identify(label, group, known, used, siblings)
            if cid is None and self.year is not None and _PRIOR_YEAR_COLUMN.match(label) and int(label[:4]) == self.year - 1 and "last-year" not in used:
                cid, exact = "last-year", True  # 2024年预算数 beside 2025年预算数
            if cid is None:
                cid = _amount_column(label, group, known, used, self.document_kind)
                exact = cid is not None
            if cid is None:
                cid, exact = _match_column(label, group, common, used)
                exact = exact or not known
            if cid is not None:
                base = known.get(cid) or common[cid]
                col.id = cid
                col.effective_type = base.type
                col.explicit_group = tuple(base.group) != group
                printed_unit = _heading(label)[1]
                if base.type == "count" and printed_unit is not None and printed_unit != base.unit:
                    col.unit = printed_unit  # 因公出国（境）人次数（人）: the unit as printed
                if not exact:
                    col.comment = f"导入：栏目“{'/'.join(path)}”按名称对应到 {cid}，表头层级与定义不同，请核对。"
                    self.report.unsure(table.origin.where(), f"“{table.title}”的栏目“{'/'.join(path)}”按名称对应到 {cid}", label)
            else:
                col.id = _unique(slug(label, f"col-{index + 1}"), used)
                col.explicit_group = bool(group)
                col.type = _generic_type(label, table, index)
                col.effective_type = col.type or "money"
                if col.type in ("percent", "count"):
                    col.unit = _heading(label)[1] or ("%" if col.type == "percent" else None)
                meanings = {**common, **known}
                again = _match_column(label, group, meanings, set())[0] if block_year is None else None
                if again is not None and again in used and meanings[again].signed:
                    # A second change column (较上年增减 beside 同比增减): like the first, it may be negative.
                    col.signed = True
                    col.comment = f"导入：栏目“{'/'.join(path)}”与 {again} 栏同义，本表已有一栏 {again}，按原样录入（可为负数），请核对。"
                elif any(_CHANGE_HEADING.search(_heading(g)[0]) for g in group):
                    # 增减（合计 | 因公出国（境）费 | …）: the changes of the items, which may be negative.
                    col.signed = True
                    col.comment = f"导入：栏目“{'/'.join(path)}”印在增减栏下，是增减数，按原样录入（可为负数），请核对。"
                elif serial_label(label):
                    pass  # 行次: the table's own numbering, read as such by the checks; nothing to check by hand
                elif definition is not None:
                    col.comment = f"导入：栏目“{'/'.join(path) or label}”不是这类表格的栏目，按原样录入，请核对。"
                if definition is not None and not serial_label(label):
                    self.report.unsure(table.origin.where(), f"“{table.title}”的栏目“{'/'.join(path) or label}”没有对应的栏目代号", label)
            used.add(col.id)
            plan.columns.append(col)
        _money_units(plan, _table_unit(table))
        _block_sums(plan, known)
        for block, whose in (("last-year", "上年的数字"), ("change", "增减数")):
            members = [c for c in plan.columns if c.phase == block]
            if not members:
                continue
            heading = next((g for g in members[0].group if _block_year((g,), self.year) == "last" or _CHANGE_HEADING.search(_heading(g)[0])), members[0].group[0])
            said = f"导入：“{heading}”下的各栏是{whose}，写明 phase: {block}"
            if any(c.of for c in members):
                said += f"，代号是这类表格的代号前加 {block}-；本年的各栏用这类表格的代号"
            if any(c.sum_of for c in members):
                said += "。各组数字各自的合计关系写在 sum_of 中"
            if any(c.difference for c in members):
                said += "，增减数与本年、上年之差的关系写在 difference 中"
            plan.comments.append(said + "。")
        if extra_text:
            # Text columns that are neither the row label nor a figure column (备注, a second name column).
            for column in table.columns:
                index = column.index
                if (
                    side.first <= index <= side.last
                    and index != side.label_column
                    and index not in side.figure_columns
                    and index not in side.code_columns
                ):
                    label = column.path[-1] if column.path else f"第{index + 1}栏"
                    col = _Col(index, label, tuple(column.path[:-1]), _unique(slug(label, f"col-{index + 1}"), used), "text")
                    col.effective_type = "text"
                    col.explicit_group = bool(col.group)
                    col.text_column = True
                    used.add(col.id)
                    plan.columns.append(col)
        plan.columns.sort(key=lambda c: c.index)
        figures = [c for c in plan.columns if not c.text_column]
        plan.slots = [plan.columns.index(c) for c in figures]
        return plan

    @staticmethod
    def _path(table: s.Table, index: int, side_title: str, paths: dict[int, tuple[str, ...]] | None) -> tuple[str, ...]:
        """The headings of a figure column, outermost first, without the side's own title."""
        path = paths[index] if paths is not None and index in paths else table.columns[index].path
        if side_title and path and path[0] == side_title:
            path = path[1:]
        return tuple(path)

    def _grid_into(self, block: Block, plan: _GridPlan) -> None:
        total_row, total_column = _plain_totals(plan)
        if total_row is not None or total_column is not None:
            said = "、".join(
                x for x, on in (("“合计”行等于其余各行之和（parent: total）", total_row is not None), ("“合计”栏等于其余各栏之和（sum_of）", total_column is not None)) if on
            )
            plan.comments.append(f"导入：这张表不是已知的表格类型，但原表的数字显示{said}，已照此写明，以便核对；不是这样的，请删去。")
            self.report.unsure(where_of(plan), f"普通表格按原表的数字写明了{said}", plan.entries[0][1].label)
        columns = Block(is_list=True)
        for index, col in enumerate(plan.columns):
            data: dict[str, object] = {"id": col.id, "label": col.label}
            if col.type:
                data["type"] = col.type
            if col.unit:
                data["unit"] = col.unit
            if col.explicit_group:
                data["group"] = Flow(list(col.group))
            if col.phase:
                data["phase"] = col.phase
            if col.signed:
                data["signed"] = True
            if index == total_column:
                data["sum_of"] = Flow([c.id for i, c in enumerate(plan.columns) if i != index and c.effective_type == "money"])
            elif col.sum_of:
                data["sum_of"] = Flow(list(col.sum_of))
            if col.difference:
                data["difference"] = Flow(list(col.difference))
            columns.add(None, Flow(data), after=col.comment)
        block.add("columns", columns)
        rows = Block(is_list=True)
        row_defs = dict(plan.definition.rows) if plan.definition is not None else {}
        used: set[str] = set()
        parents = _indent_parents(plan, row_defs)
        if parents:
            plan.comments.append("导入：原表不印科目编码，以名称的缩进表示类、款、项；已按缩进写上各行的 parent（上级行），请核对。")
            self.report.unsure(where_of(plan), "原表不印科目编码、以缩进分层，已按缩进写上各行的上级行", plan.entries[0][1].label)
        by_year = self._year_rows(plan, row_defs)
        if by_year:
            named = {rid: plan.entries[p][1].label.strip() for p, rid in by_year.items()}
            said = f"导入：原表按年度分行印：本文档年度的“{named['total']}”一行写作 id: total，表与表之间和正文的核对都用这一行"
            if "last-year" in named:
                said += f"；“{named['last-year']}”一行是上年的数字，写作 id: last-year"
            plan.comments.append(said + "。")
        for position, (row, entry) in enumerate(plan.entries):
            data, comment = self._row(row, entry, plan, row_defs, used, by_year.get(position))
            if position in parents and "id" not in data and "code" not in data:
                data = {**{k: v for k, v in data.items() if k != "values"}, "parent": parents[position], "values": data["values"]}
            if total_row is not None:
                if position == total_row:
                    data = {"id": "total", **data}
                else:
                    data = {**{k: v for k, v in data.items() if k != "values"}, "parent": "total", "values": data["values"]}
            rows.add(None, Flow(data), after=comment)
        block.add("rows", rows)

    def _year_rows(self, plan: _GridPlan, row_defs: dict[str, RowDef]) -> dict[int, str]:
        """The rows of a table printed one row a year, by position: the document's year's row is the kind's ``total``,
        the year before's ``last-year``.

        浙江、广东 print the “三公” table as “2024年预算数” / “2025年预算数” under the items' columns: the checks read the
        table's figures from its total row (30217 of the 基本支出表 against total.reception, the text's 公务接待费), so the
        document's own year must be that row, and last year's must not be taken for it. Only a grid of a kind with a
        ``total`` row, none of whose rows is one the kind names, each named by a year (and phase) alone, is read so.
        """
        definition = plan.definition
        if self.year is None or definition is None or "total" not in row_defs or definition.default_parent is not None:
            return {}
        years: dict[int, tuple[int, str]] = {}
        for position, (_row, entry) in enumerate(plan.entries):
            if "".join(entry.code).strip() or _match_row(entry.label, row_defs, set()) is not None:
                return {}
            match = _YEAR_ROW.match(plain(entry.label))
            if match is not None:
                years[position] = (int(match.group(1)), match.group(2) or "")
        own = [p for p, (year, _phase) in years.items() if year == self.year]
        if len(own) > 1:
            # 2024年预算数 / 2024年决算数 in a 2024 决算: the document's own phase's row.
            phases = _DOCUMENT_YEAR_ROW.get(self.document_kind or "", ())
            own = [p for p in own if years[p][1] in phases]
        if len(own) != 1:
            return {}
        found = {own[0]: "total"}
        before = [p for p, (year, _phase) in years.items() if year == self.year - 1]
        if len(before) == 1:
            found[before[0]] = "last-year"
        return found

    def _row(
        self, row: s.Row, entry: s.Entry, plan: _GridPlan, row_defs: dict[str, RowDef], used: set[str], given: str | None = None
    ) -> tuple[dict[str, object], str]:
        notes: list[str] = []
        data: dict[str, object] = {}
        parts = _code_pieces(entry.code)
        unformatted = [_NUMBER_FORMATTED.sub("", p.replace(",", "")) if _NUMBER_FORMATTED_CODE.fullmatch(p) else p for p in parts]
        if unformatted != parts and _VALID_CODE.match("".join(unformatted)):
            # 2080505 shown as “2,080,505.00”: a number format brushed over the whole table, codes column too.
            shown = " ".join(parts)
            notes.append(f"编码栏按数字格式印作“{shown}”，按编码 {''.join(unformatted)} 录入")
            self.report.unsure(row.origin.where(), f"编码栏按数字格式印作“{shown}”，按编码 {''.join(unformatted)} 录入", row.origin.text)
            parts = unformatted
        if len(parts) > 1 and all(p.isdigit() for p in parts) and any(len(p) == 1 for p in parts[1:]):
            # A 款 or 项 printed as "2" for "02": the leading zero was lost to a number format.
            padded = [parts[0]] + [p.zfill(2) for p in parts[1:]]
            notes.append(f"编码原文印作“{' '.join(parts)}”，缺少前导 0，按 {''.join(padded)} 录入")
            self.report.unsure(row.origin.where(), f"编码“{' '.join(parts)}”缺少前导 0，按 {''.join(padded)} 录入", row.origin.text)
            parts = padded
        code = "".join(parts)
        label = entry.label
        if code and not (all(_CODE_PART.match(p) for p in parts) and _VALID_CODE.match(code)):
            printed = " ".join(p.strip() for p in entry.code if p.strip())
            if not label and not any(ch.isdigit() for ch in printed):
                # “合计” typed in the code column, the name column left empty (not merged across): it is the row's name.
                label = printed
            else:
                notes.append(f"编码栏印有“{' '.join(entry.code)}”，不是科目编码，未录入编码")
                self.report.unsure(row.origin.where(), f"编码栏的“{' '.join(entry.code)}”不是科目编码", row.origin.text)
            code = ""
        row_id = given or (None if code else _match_row(label, row_defs, used))
        if row_id is not None:
            used.add(row_id)
            data["id"] = row_id
        if code:
            data["code"] = code
        data["label"] = label
        values: list[object] = [NULL] * len(plan.columns)
        percents: list[s.Cell] = []
        for slot, cell in zip(plan.slots, entry.figures):
            text_column = plan.columns[slot].effective_type == "text"
            values[slot] = cell.text.strip() if text_column and cell.kind is not s.CellKind.BLANK else _value(cell)
            if cell.percent_of is not None and plan.columns[slot].effective_type in ("money", "count"):
                # 20 formatted 0.00% shows 2000.00%: written as shown, sign and all, so that pubgen check reports the cell;
                # written 2000.00 it was published a hundred times too large, written 20 the sheet's own display was overruled.
                values[slot] = cell.text.strip()
                percents.append(cell)
            if cell.colspan > 1 or cell.rowspan > 1:
                notes.append(f"原表“{cell.text}”一格跨 {cell.colspan} 栏、{cell.rowspan} 行，录在第一格")
                self.report.unsure(row.origin.where(), f"“{cell.text}”是跨栏或跨行的合并单元格，录在第一格", row.origin.text)
            if cell.date and not text_column:
                # A figure typed 1-5 or 1/5 that Excel made a date: never an amount. Written as shown, pubgen check reports it.
                place = cell.origin.ref or "此格"
                notes.append(
                    f"原表 {place} 是日期格式（显示“{cell.text.strip()}”），不是数字：Excel 常把输入的 1-5、1/5 变成日期。"
                    "已照显示录入，检查会报这一格，请照原表印的数字填写"
                )
                self.report.unsure(
                    cell.origin.where() or row.origin.where(),
                    f"是日期格式（显示“{cell.text.strip()}”），不是数字（Excel 常把输入的 1-5、1/5 变成日期）："
                    "已照显示录入，检查会报这一格，请照原表填写这个数字",
                    row.origin.text,
                )
            elif cell.kind is s.CellKind.TEXT and not text_column and cell.text.strip() == s.TO_FILL:
                # The reader has reported why (a formula saved without its result, a number no figure can be).
                formula = f"是公式（={cell.formula.lstrip('=')}），文件里没有保存计算结果" if cell.formula else "的数字无法使用"
                notes.append(f"原表此格{formula}，写作“待填”，请照原文填写")
            elif cell.kind is s.CellKind.TEXT and not text_column and cell.text.strip() not in NOT_APPLICABLE:
                notes.append(f"数字栏印的是文字“{cell.text}”，照录")
                self.report.unsure(row.origin.where(), f"数字栏印的是文字“{cell.text}”", row.origin.text)
        if percents:
            refs = "、".join(c.origin.ref for c in percents if c.origin.ref) or "此行"
            first = percents[0]
            what = f"显示“{first.text.strip()}”，单元格存的是 {first.percent_of}" + (" 等" if len(percents) > 1 else "")
            notes.append(
                f"原表 {refs} 设为百分比格式（{what}）：这是金额（或人数）栏，不应是百分数，多是格式刷带来的格式。"
                "已照显示录入（带百分号），检查会报这些格，请照原表印的数字填写"
            )
            sheet = first.origin.sheet
            self.report.unsure(
                first.origin.sheet_place() + refs if sheet else row.origin.where(),
                f"设为百分比格式（{what}）：金额（或人数）栏不应是百分数，百分比格式把存的数字乘以 100 显示。"
                "已照显示录入（带百分号），检查会报这些格，请照原表填写",
                row.origin.text,
            )
        by_col = {c.col: c for c in row.cells if c.kind is not s.CellKind.BLANK}
        for slot, col in enumerate(plan.columns):
            if col.text_column and col.index in by_col:
                values[slot] = by_col[col.index].text
        data["values"] = Flow(values)
        if entry.label_wrapped:
            notes.append("名称原文折行印刷，已接成一行")
        definition = plan.definition
        if row_id is None and not code and definition is not None and definition.default_parent is None:
            notes.append("这一行没有对应的行代号，按原文名称录入，请核对")
            self.report.unsure(row.origin.where(), f"“{label or '（无名称）'}”一行没有对应的行代号", row.origin.text)
        return data, ("导入：" + "；".join(notes) + "。") if notes else ""


_YEAR_ROW = re.compile(r"^((?:19|20)\d\d)年度?((?:年初)?(?:预算|决算|执行)数?)?(?:\([^()]*\))?$")
"""A row named by a year (and phase) alone, as :func:`plain` writes it: 2025年预算数, 2024年, 2024年决算数(万元)."""
_DOCUMENT_YEAR_ROW = {"budget": ("预算", "预算数", "年初预算", "年初预算数"), "final-accounts": ("决算", "决算数", "执行", "执行数")}
"""The phases of the row that holds a document's own figures, when two rows print its year."""


_CODE_SEPARATORS = re.compile(r"[\s\u3000|｜]+")


_TOTAL_WORDS = frozenset({"合计", "总计"})


def _amounts(plan: _GridPlan) -> list[list[Decimal]] | None:
    """Each entry's amounts in the grid's money columns (blank and dash as 0), or None when a cell is no figure."""
    money = [slot for slot in plan.slots if plan.columns[slot].effective_type == "money"]
    out: list[list[Decimal]] = []
    for _row, entry in plan.entries:
        line: list[Decimal] = []
        for slot, cell in zip(plan.slots, entry.figures):
            if slot not in money:
                continue
            if cell.kind is s.CellKind.NUMBER and cell.value is not None:
                line.append(Decimal(cell.value))
            elif cell.kind in (s.CellKind.BLANK, s.CellKind.DASH):
                line.append(Decimal(0))
            else:
                return None
        out.append(line)
    return out


def _plain_totals(plan: _GridPlan) -> tuple[int | None, int | None]:
    """In a table of no known kind, the 合计 row (first or last) and the 合计 column (first money column) that the
    printed figures show to be the sums of the other rows and columns, as a reader sees it.

    The figures are only evidence of the layout, never taken for right: the row is written as the total when its
    sum holds in more columns than not and fails in one at most (so one misprinted figure is still reported), the
    column likewise over the rows. A table with codes, 其中 rows or printed numbering is left as printed.
    """
    if plan.definition is not None or plan.side_id is not None or len(plan.entries) < 3:
        return None, None
    entries = [e for _r, e in plan.entries]
    if any(e.code for e in entries) or any(plain(e.label).startswith("其中") or split_numbering(e.label)[0] for e in entries):
        return None, None
    amounts = _amounts(plan)
    if amounts is None or not amounts[0]:
        return None, None

    def evidence(pairs: list[tuple[Decimal, Decimal]]) -> bool:
        holds = sum(1 for a, b in pairs if a == b)
        fails = len(pairs) - holds
        return holds > fails and fails <= 1 and holds >= 1

    total_row = None
    for index in (0, len(entries) - 1):
        if plain(entries[index].label) in _TOTAL_WORDS and all(plain(e.label) not in _TOTAL_WORDS for i, e in enumerate(entries) if i != index):
            others = [a for i, a in enumerate(amounts) if i != index]
            pairs = [(amounts[index][c], sum((o[c] for o in others), Decimal(0))) for c in range(len(amounts[index]))]
            if any(a for a, _b in pairs) and evidence(pairs):
                total_row = index
            break
    money = [i for i, c in enumerate(plan.columns) if c.effective_type == "money" and not c.text_column]
    total_column = None
    if len(money) >= 3 and plain_header(plan.columns[money[0]].label) in _TOTAL_WORDS:
        pairs = [(line[0], sum(line[1:], Decimal(0))) for line in amounts if any(line)]
        if len(pairs) >= 2 and evidence(pairs):
            total_column = money[0]
    return total_row, total_column


def where_of(plan: _GridPlan) -> str:
    """Where the grid's first row was read from, for the report."""
    return plan.entries[0][0].origin.where() if plan.entries else ""


def _indent_parents(plan: _GridPlan, row_defs: dict[str, RowDef]) -> dict[int, str]:
    """Parents of the rows of a classified table printed without codes, its 类 / 款 / 项 shown by indenting the names.

    Only when no row prints a code, the names are indented at two depths or more and every name is printed once
    (a parent is written by its label): each row's parent is the nearest row above it printed less indented.
    """
    definition = plan.definition
    if definition is None or definition.classification is None or not plan.entries:
        return {}
    if any(entry.code for _row, entry in plan.entries):
        return {}
    named = [(i, e) for i, (_r, e) in enumerate(plan.entries) if e.label and _match_row(e.label, row_defs, set()) is None]
    labels = [e.label for _r, e in plan.entries if e.label]
    if len({e.indent for _i, e in named}) < 2 or len(set(labels)) != len(labels):
        return {}
    parents: dict[int, str] = {}
    stack: list[tuple[int, str]] = []
    for position, entry in named:
        while stack and stack[-1][0] >= entry.indent:
            stack.pop()
        if stack:
            parents[position] = stack[-1][1]
        stack.append((entry.indent, entry.label))
    return parents


_NUMBER_FORMATTED_CODE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.0+)?|\d+\.0+")
"""A whole number shown with thousands separators or zero decimals (2,080,505.00; 201.00): a code under a number format."""
_NUMBER_FORMATTED = re.compile(r"\.0+$")


def _code_pieces(printed: tuple[str, ...]) -> list[str]:
    """A row's code parts as printed, read the way the content format reads a code.

    ``201 03 01`` (or ``201|03|01``) in one column is 类 款 项, as ``code: "201 03 01"`` would be;
    split 类 | 款 | 项 columns that each print the whole code so far (``201 | 20103 | 2010301``) give
    the deepest one. Anything else is returned as printed, for the caller to judge.
    """
    pieces = [piece for part in printed for piece in _CODE_SEPARATORS.split(part.strip()) if piece]
    if not all(piece.isdigit() for piece in pieces):
        return list(printed)
    if len(pieces) > 1 and all(len(b) > len(a) and b.startswith(a) for a, b in zip(pieces, pieces[1:])):
        return [pieces[-1]]
    return pieces


def _value(cell: s.Cell) -> object:
    if cell.kind is s.CellKind.BLANK:
        return NULL
    if cell.kind is s.CellKind.NUMBER and cell.value is not None:
        return Raw(cell.value)
    return cell.text.strip()


def _same_shape(table: s.Table, sides: list[s.TableSide]) -> bool:
    def shape(side: s.TableSide) -> tuple[str, ...]:
        return tuple(plain_header(table.columns[i].path[-1]) for i in side.figure_columns if table.columns[i].path)

    first = shape(sides[0])
    return bool(first) and all(shape(side) == first for side in sides[1:])


def _join_label_to_figure(row: s.Row) -> None:
    """One row of blocks printed side by side whose name is in one block and its figure in the next.

    The 基本支出决算表 prints “公用经费合计” under the middle block and its figure in the last one's
    column, often in separate ruled cells: a name without figures followed by a figure without name
    or code is one row, the later block's.
    """
    entries = row.entries
    for index in range(len(entries) - 1, 0, -1):
        before, after = entries[index - 1], entries[index]
        name = before.label or " ".join(before.code)
        if (
            name
            and not any(ch.isdigit() for ch in name)
            and all(f.kind is s.CellKind.BLANK for f in before.figures)
            and not after.label
            and not after.code
            and any(f.kind is not s.CellKind.BLANK for f in after.figures)
        ):
            after.label = name
            del entries[index - 1]


def _shared_paths(table: s.Table, sides: list[s.TableSide]) -> dict[int, tuple[str, ...]]:
    """The first side's column headings without what only that side prints over them.

    Blocks printed side by side as one grid (人员经费 | 公用经费 | 公用经费 over the same 决算数 column)
    share the heading below their block titles: 决算数 holds 人员经费 and 公用经费 alike.
    """
    shared: dict[int, tuple[str, ...]] = {}
    for position, index in enumerate(sides[0].figure_columns):
        paths = [table.columns[side.figure_columns[position]].path for side in sides if position < len(side.figure_columns)]
        common: list[str] = []
        for parts in zip(*(reversed(p) for p in paths)):
            if any(part != parts[0] for part in parts):
                break
            common.insert(0, parts[0])
        shared[index] = tuple(common) or table.columns[index].path
    return shared


def _side_title(table: s.Table, side: s.TableSide) -> str:
    """The heading printed over the whole side (本年收入, 支出), when one is."""
    members = [c for c in table.columns if side.first <= c.index <= side.last]
    firsts = {c.path[0] for c in members if c.path}
    if len(firsts) == 1 and all(len(c.path) > 1 for c in members):
        title = next(iter(firsts))
        # “收    入”: spaced out to fill the printed cell, it is the word 收入 (and was not recognised as the income side).
        compact = re.sub(r"[\s\u3000]+", "", title)
        return compact if len(compact) <= 6 else title
    return ""


_YEAR_HEAD = re.compile(r"^\s*((?:19|20)\d\d)\s*年")


def _printed_year(label: str) -> int | None:
    """The year a column heading begins with (2024年预算数 → 2024), if any."""
    match = _YEAR_HEAD.match(label)
    return int(match.group(1)) if match else None


def _siblings(paths: dict[int, tuple[str, ...]], group: tuple[str, ...], index: int) -> list[str]:
    """The headings printed beside column ``index`` under the same ``group`` (a nested block by its own heading)."""
    out: list[str] = []
    depth = len(group)
    for other, path in paths.items():
        if other != index and len(path) > depth and path[:depth] == group and path[depth] not in out:
            out.append(path[depth])
    return out


_CHANGE_HEADING = re.compile(r"增减(?:额|数|金额|情况|变化|变动)?$")
"""A heading over columns of changes: 增减, 比上年增减 (read as 增减), 2024年预算数比2023年预算数增减."""
_LAST_YEAR_HEADING = re.compile(r"^上年度?(?:(?:预算|决算|执行)数?|数)$")


def _block_year(group: tuple[str, ...], year: int | None) -> str | None:
    """Whose figures the headings over a column print: ``last`` under 2023年预算数 (in 2024) or 上年预算数,
    ``other`` under another year's (2022年决算数 in 2024), None otherwise (this year's, or no year).

    Only a heading that names a year's figures counts: 2023年结转 over a 2024 budget's columns is this year's income.
    """
    for heading in group:
        printed = _SPACES_IN.sub("", heading)
        if _LAST_YEAR_HEADING.match(_heading(heading)[0]):
            return "last"
        if year is None or not _PRIOR_YEAR_COLUMN.match(printed):
            continue
        shown = int(printed[:4])
        if shown == year - 1:
            return "last"
        if shown != year:
            return "other"
    return None


_SPACES_IN = re.compile(r"[\s\u3000]+")


def _identify(label: str, group: tuple[str, ...], known: dict[str, ColumnDef], used: set[str], siblings: list[str]) -> tuple[str | None, bool]:
    """The kind's column printed as ``label`` under ``group``, and whether the headings over it are the defined ones."""
    cid, exact = None, False
    wanted = _heading(label)[0]
    if group and wanted == "小计":
        # 基本支出 / 小计 beside 基本支出 / 人员经费 …: the heading over a 小计 names its column
        # (一般公共预算 / 小计 is the 一般公共预算, not the table's 合计).
        cid, exact = _match_column(group[-1], group[:-1], known, used)
    if cid is None:
        cid, exact = _match_column(label, group, known, used)
    if cid is None and group and wanted in _SUBTOTALS:
        cid, exact = _match_column(group[-1], group[:-1], known, used)
    if not exact and group and wanted in _SUBTOTALS:
        summed = _sum_of_siblings(group, siblings, known, used)
        if summed is not None:
            cid, exact = summed, True
    return cid, exact


def _block_sums(plan: _GridPlan, known: dict[str, ColumnDef]) -> None:
    """The sums of a grid that prints last year's block or a block of changes beside this year's, written out.

    Columns the kind does not know turn its default sums off (one of them might be a part); last year's columns
    and the changes are no part of this year's, so this year's sums are written as the kind's defaults would be,
    and each other block gets the same sums over its own columns (and each change its difference).
    """
    if not any(c.phase in _BLOCKS for c in plan.columns):
        return
    common = common_columns()
    unknown = [c for c in plan.columns if c.id not in known and c.id not in common and c.effective_type == "money" and not c.text_column]
    if any(c.phase not in _BLOCKS for c in unknown):
        return  # another column the kind does not know: it may be a part, the sums stay off
    ids = {block: {c.of: c.id for c in plan.columns if c.phase == block and c.of} for block in _BLOCKS}
    mine = {c.id: c.id for c in plan.columns if c.id in known}
    for col in plan.columns:
        base = col.of or (col.id if col.id in known else "")
        if not base:
            continue
        present = ids[col.phase] if col.of and col.phase else mine
        if known[base].sum_of:
            col.sum_of = [present[p] for p in _default_parts(list(known[base].sum_of), set(present), known)]
        if col.phase == "change" and base in mine and base in ids["last-year"]:
            col.difference = [base, ids["last-year"][base]]


_BLOCKS = ("last-year", "change")


_PRIOR_YEAR_COLUMN = re.compile(r"^(?:19|20)\d\d年度?(?:预算数|决算数|执行数|预算|决算)(?:[（(][^）)]*[）)])?$")
_UNIT_SUFFIX = re.compile(r"(?:\((%|％|万元|元|千元|亿元|" + "|".join(COUNT_UNITS) + r")\)|(%|％))$")
"""A unit printed after a (plain) heading: 增减率(%), 增减%, 公务用车保有量(辆), 因公出国(境)人次数(人)."""


def _by_rows(table: s.Table, kind: TableKind | None) -> TableKind | None:
    """A “三公” table printed with its items as rows (合计 / 1、因公出国（境）费 / …) is the “三公”经费表 of rows,
    not the official one of columns: its sums are then checked row by row.

    A title that names the “三公”经费 without being an official table's (2015年某某局部门“三公”经费情况统计表,
    2021年区本级“三公”经费预算支出表) is that table too when its rows are the items.
    """
    title = plain(table.title or "")
    if kind is None and "政府采购" in title:
        return _kind_of_rows(table, "procurement") or kind  # 政府采购合计 / 货物 / 工程 / 服务
    named = kind is None and "三公" in title
    if not named and (kind is None or kind.role not in ("budget-three-public", "final-three-public")):
        return kind
    return _kind_of_rows(table, "three-public") or kind


def _kind_of_rows(table: s.Table, role: str) -> TableKind | None:
    """The kind of rows ``role`` when at least two of the table's rows are its parts (rows other than its total)."""
    rows = kinds().get(role)
    if rows is None or rows.grid is None:
        return None
    defs = {rid: d for rid, d in rows.grid.rows.items() if rid != "total"}
    found = {rid for r in table.rows for e in r.entries if (rid := _match_row(e.label, defs, set())) is not None}
    return rows if len(found) >= 2 else None


@functools.cache
def _heading(label: str) -> tuple[str, str | None]:
    """What a heading means (:func:`heading_words`) without the unit printed after it, and that unit.

    增减率（%） is 增减率 in percent, 公务用车保有量（辆） is 公务用车保有量 counted in 辆, 金额（万元） is 金额.
    """
    text = plain_header(label)
    match = _UNIT_SUFFIX.search(text)
    if match is None or match.start() == 0:
        return heading_words(text), None
    unit = (match.group(1) or match.group(2)).replace("％", "%")
    return heading_words(text[: match.start()]), unit


def _fits_unit(definition: ColumnDef, unit: str | None) -> bool:
    """Whether a column of ``definition`` can be one headed with ``unit``: a percentage is no amount, a count no percentage."""
    if unit is None:
        return True
    if unit == "%":
        return definition.type == "percent"
    if unit in COUNT_UNITS:
        return definition.type in ("count", "number")
    return definition.type in ("money", "number")


def _same_groups(printed: list[str], known: list[str]) -> bool:
    """Whether the printed headings over a column are the defined ones; a bare 预算数 / 决算数 over the items
    (2024年预算数 over 合计 | 因公出国（境）费 …) is the “三公”经费预算数 the definition names."""
    return len(printed) == len(known) and all(p == k or (p in _PHASE_LABELS and k.endswith(p)) for p, k in zip(printed, known))


def _match_column(label: str, group: tuple[str, ...], defs: dict[str, ColumnDef], used: set[str]) -> tuple[str | None, bool]:
    """The column id whose labels include ``label`` and whose groups end the printed groups.

    Headings are compared by meaning (:func:`_heading`): a unit in brackets aside, but a heading in percent
    is only a percentage column (比上年增减（%） is the 增减率, not the 增减额) and one counted in 个 / 辆 / 人次
    only a count.
    """
    wanted, unit = _heading(label)
    if not wanted:
        wanted = plain_header(label)
    printed = [_heading(g)[0] for g in group]
    fitting = {cid: d for cid, d in defs.items() if cid not in used and _fits_unit(d, unit)}
    candidates = [(cid, d) for cid, d in fitting.items() if wanted in {_heading(x)[0] for x in d.labels}]
    if not candidates and unit == "%":
        # 增减（%）, 执行（%）: the rate of what the heading names.
        wanted += "率"
        candidates = [(cid, d) for cid, d in fitting.items() if wanted in {_heading(x)[0] for x in d.labels}]
    exact = [
        (cid, d)
        for cid, d in candidates
        if len(d.group) <= len(printed) and _same_groups(printed[len(printed) - len(d.group):], [_heading(g)[0] for g in d.group])
    ]
    if exact:
        return max(exact, key=lambda c: len(c[1].group))[0], True
    # A band the kind prints over all its grouped columns (Shanghai's “三公”经费预算数) that this table does not print (the
    # national form's 三公 table): the same columns, their headings otherwise as defined.
    firsts = {_heading(d.group[0])[0] for d in defs.values() if d.group}
    if len(firsts) == 1:
        banded = [
            (cid, d) for cid, d in candidates
            if len(d.group) - 1 == len(printed) and _same_groups(printed, [_heading(g)[0] for g in d.group[1:]])
        ]
        if banded:
            return max(banded, key=lambda c: len(c[1].group))[0], True
    # The same header words nested the other way (the national 三公决算 table prints 预算数 / 决算数 over the
    # items, where the kind has the items over 预算数 / 决算数): the same cell.
    words = sorted([*printed, wanted])
    for cid, d in fitting.items():
        if d.group and any(sorted([*(_heading(g)[0] for g in d.group), _heading(x)[0]]) == words for x in d.labels):
            return cid, True
    if wanted in _SUBTOTALS and printed:
        # A 小计 belongs to the heading printed over it: 财政拨款收入 / 小计 is not 本年收入 / 小计.
        candidates = [(cid, d) for cid, d in candidates if not d.group or _near(_heading(d.group[-1])[0], printed[-1])]
    if candidates:
        return candidates[0][0], False
    return None, False


def _sum_of_siblings(group: tuple[str, ...], siblings: list[str], defs: dict[str, ColumnDef], used: set[str]) -> str | None:
    """The column a 小计 / 合计 printed under ``group`` is: the one the kind makes the sum of the columns beside it.

    公开05表 prints 本年支出（小计 | 基本支出 | 项目支出）, Guangdong 2024年预算数（小计 | 基本支出 | 项目支出）:
    the 小计 of 基本支出 and 项目支出 is the table's 合计, whatever the heading over them says. Every column
    beside it must be one the kind knows and a part of that sum (or of its parts); of several such sums, the nearest.
    """
    parts: set[str] = set()
    for label in siblings:
        cid, _exact = _match_column(label, group, defs, set())
        if cid is None:
            return None
        parts.add(cid)
    if not parts:
        return None

    def within(cid: str, seen: frozenset[str] = frozenset()) -> set[str]:
        out: set[str] = set()
        for part in defs[cid].sum_of if cid in defs else ():
            if part in defs and part not in seen:
                out |= {part} | within(part, seen | {cid})
        return out

    sums = [(len(inside), cid) for cid in defs if cid not in used and cid not in parts and parts <= (inside := within(cid))]
    return min(sums)[1] if sums else None


_SUBTOTALS = frozenset({"小计", "合计"})


def _near(known: str, printed: str) -> bool:
    """Whether two headings name the same group in other words (公务用车购置及运行费, 公务用车购置及运行维护费)."""
    if known in printed or printed in known:
        return True
    same = 0
    for a, b in zip(known, printed):
        if a != b:
            break
        same += 1
    return same >= 4


_AMOUNT_LABELS = frozenset({"金额", "金额合计", "数额"})
_DOCUMENT_PHASE = {"final-accounts": "actual", "budget": "initial-budget"}
_PHASE_LABELS = frozenset({"预算数", "决算数", "执行数"})


def _amount_column(label: str, group: tuple[str, ...], defs: dict[str, ColumnDef], used: set[str], document_kind: str | None) -> str | None:
    """The kind's one figure column of the document's phase, for a column headed only “金额”.

    The national 收入支出决算总表 (公开01表) prints “项目 | 行次 | 金额”: in a 决算 the amount is the 决算数,
    in a 预算 the 预算数. Only when the grid has exactly one such plain 预算数 / 决算数 column and nothing is
    printed over “金额”.
    """
    wanted = _heading(label)[0] or plain_header(label)
    if wanted not in _AMOUNT_LABELS or group or not defs:
        return None
    phases = {_DOCUMENT_PHASE[document_kind]} if document_kind in _DOCUMENT_PHASE else set(_DOCUMENT_PHASE.values())
    # The grid's plain phase column (预算数 / 决算数), not a named one (三公: 机关运行经费) that happens to be ungrouped.
    plain_phase = [
        cid
        for cid, d in defs.items()
        if not d.group and d.type == "money" and d.phase in phases and {plain_header(x) for x in d.labels} & _PHASE_LABELS
    ]
    return plain_phase[0] if len(plain_phase) == 1 and plain_phase[0] not in used else None


def _match_row(label: str, defs: dict[str, RowDef], used: set[str]) -> str | None:
    wanted = {plain(label)}
    inner = re.sub(r"^\s*其中\s*[:：]?\s*", "", label)
    if inner != label:
        wanted.add(plain(inner))  # 其中：（1）公务用车购置费
    for rid, definition in defs.items():
        if rid not in used and wanted & {plain(x) for x in definition.labels}:
            return rid
    return None


def _unique(base: str, used: set[str]) -> str:
    candidate = base
    n = 2
    while candidate in used:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def _table_unit(table: s.Table) -> str | None:
    """The money unit printed over the table, or inside its title (“…决算总表（单位：万元）”)."""
    note = strip_unit_note(table.title)[1]
    return table.unit or (match_unit(note) if note else None)


def headed_units(table: s.Table) -> list[str]:
    """The money units a table prints in its column headings (合计（万元）, 预算数（元））."""
    return [unit for column in table.columns for heading in column.path if (unit := _heading(heading)[1]) in MONEY_UNITS]


def _unstated_money(plans: list[_GridPlan]) -> bool:
    """Whether a table prints amounts and no unit for them: not over the table, nor in the heading of any of its
    money columns (合计（万元） over the first column is read as the unit of the columns beside it)."""
    if any(col.unit in MONEY_UNITS for plan in plans for col in plan.columns):
        return False
    for plan in plans:
        columns = [
            position
            for position, slot in enumerate(plan.slots)
            if (col := plan.columns[slot]).effective_type == "money" and col.type in (None, "money") and not col.unit
        ]
        for _row, entry in plan.entries:
            if any(position < len(entry.figures) and entry.figures[position].kind is s.CellKind.NUMBER for position in columns):
                return True
    return False


def _money_units(plan: _GridPlan, table_unit: str | None) -> None:
    """A money column headed with a unit other than the table's (比上年增减（万元） in a table in 元) keeps it,
    so that its figures are read, shown and compared in that unit."""
    for col in plan.columns:
        if col.unit or col.effective_type != "money" or col.type not in (None, "money"):
            continue
        printed = next((u for u in (_heading(h)[1] for h in (col.label, *reversed(col.group))) if u in MONEY_UNITS), None)
        if printed is not None and printed != table_unit:
            col.unit = printed


def _generic_type(label: str, table: s.Table, index: int) -> str | None:
    if plain(label) in _SERIAL or table.columns[index].role is not s.ColumnRole.FIGURES:
        return "text"
    unit = _heading(label)[1]
    if unit == "%":
        return "percent"  # 增长率（%）
    if unit in COUNT_UNITS:
        return "count"  # 出国人数（人）: no amount of the table's unit
    if unit in MONEY_UNITS:
        return None  # 金额（万元）: money, in the unit printed
    texts = [c.text for r in table.rows for c in r.cells if c.col == index and c.kind is s.CellKind.NUMBER]
    if texts and all(t.strip().endswith("%") for t in texts):
        return "percent"
    if table.unit:
        return None  # money, the table's unit
    return "number" if texts else "text"


def _grid_excerpt(table: s.Table) -> str:
    heads = [" / ".join(c.path) for c in table.columns if c.path]
    return " | ".join(heads)[:120]
