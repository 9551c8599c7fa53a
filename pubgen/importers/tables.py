"""Turn a grid of cells (from a PDF page or a sheet) into a table: header, columns, sides, rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..roles import serial_label
from .structure import (
    TO_FILL,
    Cell,
    CellKind,
    Column,
    ColumnRole,
    Entry,
    Origin,
    Row,
    Table,
    TableSide,
)
from .text import is_empty_note, match_issuer, match_unit, meta_parts, parse_figure, split_numbering

_CODE_LABELS = frozenset({"类", "款", "项", "目"})
_CODE = re.compile(r"^\d{2,9}$")
_MAX_HEADER_ROWS = 6
_TOTAL_LABELS = frozenset({"合计", "总计", "合 计", "总 计"})
_NUMBERING_LABELS = frozenset({"栏次", "行次"})
_CODE_LABELS_JOINED = re.compile(r"[类款项目][|｜/／、,，]?[类款项目](?:[|｜/／、,，]?[类款项目])*")
"""“类 款 项” (or 类|款|项) typed in the one cell of a single code column on the 栏次 row: the column's name, not a figure."""
_COLUMN_MARKS = frozenset("甲乙丙丁戊己庚辛")
"""Letters some templates print in the 栏次 row over the name and code columns."""
_SMALL_INTEGER = re.compile(r"^\d{1,3}(?:\.0+)?$")
_DATE_HEADINGS = ("日期", "时间", "年月", "月份", "期限", "时限")
"""Words of a column heading over dates (采购日期, 完成时间): its date cells are its text, not figures typed wrong."""


@dataclass(slots=True)
class RawCell:
    """A cell as read, before the table knows which cells are header and which are body."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    wrapped: bool = False
    formula: str | None = None
    number_format: str | None = None
    hidden: bool = False
    kind: CellKind | None = None
    """Set by a reader that knows better than the printed text (a workbook's text cell)."""
    value: str | None = None
    origin: Origin = field(default_factory=Origin)
    indent: int = 0
    """Spaces typed before the text (a full-width space counts two): ``text`` is stripped."""
    date: bool = False
    """A workbook cell that holds a date (its format shows 1月5日, 2026/1/5): ``text`` is the date as shown."""
    percent_of: str | None = None
    """A workbook number its format shows as a percentage (``2000.00%``): the number stored (20)."""


@dataclass(slots=True)
class RawGrid:
    """All cells of one table region, every grid position covered by exactly one cell."""

    n_rows: int
    n_cols: int
    cells: list[RawCell]


def to_cell(raw: RawCell, row_offset: int = 0) -> Cell:
    """Classify a raw cell's text into a table cell."""
    if raw.kind is not None:
        kind, value = raw.kind, raw.value
    else:
        kind, value, _percent = parse_figure(raw.text)
    return Cell(
        text=raw.text,
        kind=kind,
        value=value,
        row=raw.row + row_offset,
        col=raw.col,
        rowspan=raw.rowspan,
        colspan=raw.colspan,
        wrapped=raw.wrapped,
        formula=raw.formula,
        number_format=raw.number_format,
        hidden=raw.hidden,
        origin=raw.origin,
        indent=raw.indent,
        date=raw.date,
        percent_of=raw.percent_of,
    )


def _is_body_text(text: str) -> bool:
    """Whether a text cell reads as a body row's label or code rather than a column heading."""
    stripped = text.strip()
    if _CODE.match(stripped):
        return True
    numbering, _level, _rest = split_numbering(stripped)
    return bool(numbering)


def numbering_texts(texts: list[str]) -> list[int] | None:
    """The column numbers of a 栏次 row (``栏次 | 1 | 2 | 3 …``), or None when the texts are something else.

    The national 决算 template prints, under the column headings, a row numbering the columns:
    栏次 (or 行次) over the name columns, 1, 2, 3 … over the figures. Returns the numbers in
    order; an empty list when the row is labelled 栏次 but prints no number. The 类 | 款 | 项
    labels of split code columns may share the row (``类 | 款 | 项 | 栏次 | 1 | 2 …``, as the
    决算 export prints it); they name those columns (see column_paths), and number none.
    """
    cleaned = [t.strip().replace(" ", "").replace("\u3000", "") for t in texts if t.strip()]
    labelled = any(t in _NUMBERING_LABELS for t in cleaned)
    numbers: list[int] = []
    for text in cleaned:
        if text in _NUMBERING_LABELS or (labelled and (text in _COLUMN_MARKS or text in _CODE_LABELS or _CODE_LABELS_JOINED.fullmatch(text))):
            continue
        if not _SMALL_INTEGER.match(text):
            return None
        numbers.append(int(text.split(".")[0]))
    if not labelled and not numbers:
        return None
    if any(b <= a for a, b in zip(numbers, numbers[1:])):
        return None
    if not labelled and (len(numbers) < 3 or numbers != list(range(1, len(numbers) + 1))):
        # Without 栏次 printed, only a full run 1, 2, 3 … n reads as column numbers.
        return None
    return numbers


def _numbering_row(grid: RawGrid, row: int) -> bool:
    """Whether ``row`` of the grid is a 栏次 row: column numbers, not figures."""
    starting = [c for c in grid.cells if c.row == row]
    if numbering_texts([c.text for c in starting]) is None:
        return False
    if any(c.text.strip() in _NUMBERING_LABELS for c in starting):
        return True
    # Unlabelled (the 三公 table prints 1 … 12 and nothing else): every column must carry a number,
    # and the figures must follow (a one-row table of counts 1, 2, 3 is data).
    covered = {col for c in grid.cells if c.row <= row < c.row + c.rowspan and c.text.strip() for col in range(c.col, c.col + c.colspan)}
    figures_below = any(c.row > row and c.text.strip() for c in grid.cells)
    return len(covered) >= grid.n_cols and figures_below


def header_rows(grid: RawGrid) -> int:
    """How many rows at the top of the grid are its column headings."""
    starts: dict[int, list[RawCell]] = {}
    for cell in grid.cells:
        starts.setdefault(cell.row, []).append(cell)
    end = 0
    for row in range(min(grid.n_rows, _MAX_HEADER_ROWS)):
        cells = starts.get(row, [])
        texts = [c for c in cells if c.text.strip()]
        covering = any(c.row < row < c.row + c.rowspan for c in grid.cells if c.text.strip())
        if not texts and not covering:
            break
        if any(
            (c.kind or parse_figure(c.text)[0]) in (CellKind.NUMBER, CellKind.DASH)
            or c.date  # a date typed where a figure was due (1-5 became 1月5日) is no heading
            or _is_body_text(c.text)
            or (c.formula is not None and c.text.strip() == TO_FILL)  # a figure saved as a formula without its result
            for c in texts
        ):
            break
        if len(texts) == 1 and texts[0].rowspan == 1 and texts[0].text.strip() in _TOTAL_LABELS and row:
            # An empty table's 合计 row right under the header (nothing spent, every figure blank).
            break
        end = row + 1
    # A heading cell that reaches below the rows found so far pulls them into the header.
    changed = True
    while changed and end:
        changed = False
        for cell in grid.cells:
            if cell.row < end < cell.row + cell.rowspan and cell.row + cell.rowspan <= _MAX_HEADER_ROWS:
                end = cell.row + cell.rowspan
                changed = True
    if end and end < grid.n_rows and _numbering_row(grid, end):
        # The 栏次 row numbers the columns: it belongs to the header, not the body.
        end += 1
    return end


def _role(path: tuple[str, ...], body: list[Cell]) -> ColumnRole:
    last = path[-1] if path else ""
    joined = "".join(path)
    filled = [c for c in body if c.kind is not CellKind.BLANK]
    codes = sum(1 for c in filled if _CODE.match(c.text.strip()))
    if last in _CODE_LABELS or (last.endswith("编码") and not last.endswith("名称")):
        return ColumnRole.CODE
    if filled and codes == len(filled) and "编码" in joined:
        return ColumnRole.CODE
    if last.endswith("名称") or last in ("项目", "项 目", "科目", "单位名称") or last.endswith("项目"):
        return ColumnRole.LABEL
    # 待填 stands for a figure the file did not hold (a formula saved without its result): a figure, not a name. So does
    # a date (a figure typed 1-5 that Excel made 1月5日), unless the heading says the column holds dates.
    dates = any(word in joined for word in _DATE_HEADINGS)
    texts = sum(
        1
        for c in filled
        if c.kind is CellKind.TEXT and not _CODE.match(c.text.strip()) and c.text.strip() != TO_FILL and (dates or not c.date)
    )
    if filled and texts * 2 > len(filled):
        return ColumnRole.LABEL
    return ColumnRole.FIGURES


@dataclass(slots=True)
class _Cover:
    """Which cell covers each grid position."""

    owner: dict[tuple[int, int], Cell]

    @classmethod
    def of(cls, cells: list[Cell]) -> _Cover:
        owner: dict[tuple[int, int], Cell] = {}
        for cell in cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    owner[(r, c)] = cell
        return cls(owner)


def build_header(grid: RawGrid, n_header: int) -> tuple[list[list[Cell]], list[Cell]]:
    """Split a grid's cells into header rows and body cells."""
    header: list[list[Cell]] = [[] for _ in range(n_header)]
    # Blank heading cells are left out: every column's path comes from the cells with text.
    body: list[Cell] = []
    for raw in grid.cells:
        if raw.row < n_header:
            cell = to_cell(raw)
            cell.kind = CellKind.BLANK if not raw.text.strip() else CellKind.TEXT
            cell.value = None
            if raw.text.strip():
                header[raw.row].append(cell)
        else:
            body.append(to_cell(raw))
    return [row for row in header if row], body


def lift_code_labels(header: list[list[Cell]], body: list[Cell]) -> list[Cell]:
    """Move 类 / 款 / 项 printed inside the first body row into a header row of their own.

    Some producers print the code-level labels in the same ruled row as 合计; they name columns.
    """
    if not body:
        return body
    first = min(c.row for c in body)
    lifted = [c for c in body if c.row == first and c.text.strip() in _CODE_LABELS]
    if not lifted:
        return body
    row_cells: list[Cell] = []
    for cell in lifted:
        heading = Cell(cell.text.strip(), CellKind.TEXT, None, cell.row, cell.col, 1, cell.colspan, origin=cell.origin)
        row_cells.append(heading)
        cell.text = ""
        cell.kind = CellKind.BLANK
        cell.value = None
    header.append(row_cells)
    return body


def column_paths(header: list[list[Cell]], n_cols: int) -> list[tuple[str, ...]]:
    """Each column's header texts, outermost first, without blanks, repeats or the 栏次 row."""
    paths: list[list[str]] = [[] for _ in range(n_cols)]
    for row in header:
        # 栏次 | 1 | 2 …: numbers the columns, names none, but for the 类 | 款 | 项 printed on it.
        numbering = numbering_texts([c.text for c in row]) is not None
        for cell in sorted(row, key=lambda c: c.col):
            text = cell.text.strip()
            if not text or (numbering and text not in _CODE_LABELS):
                continue
            for c in range(cell.col, min(cell.col + cell.colspan, n_cols)):
                if not paths[c] or paths[c][-1] != text:
                    paths[c].append(text)
    return [tuple(p) for p in paths]


def layout_columns(header: list[list[Cell]], body: list[Cell], n_cols: int) -> tuple[list[Column], list[TableSide]]:
    """Name each column, give it a role, and find side-by-side halves."""
    paths = column_paths(header, n_cols)
    by_col: dict[int, list[Cell]] = {}
    for cell in body:
        if cell.colspan == 1:
            by_col.setdefault(cell.col, []).append(cell)
    columns = [Column(i, paths[i], _role(paths[i], by_col.get(i, []))) for i in range(n_cols)]
    sides: list[TableSide] = []
    start = 0
    for i in range(1, n_cols + 1):
        if i == n_cols or (
            columns[i].role is not ColumnRole.FIGURES and columns[i - 1].role is ColumnRole.FIGURES
        ):
            members = columns[start:i]
            labels = [c.index for c in members if c.role is ColumnRole.LABEL]
            sides.append(
                TableSide(
                    start,
                    i - 1,
                    tuple(c.index for c in members if c.role is ColumnRole.CODE),
                    labels[0] if labels else None,
                    tuple(c.index for c in members if c.role is ColumnRole.FIGURES),
                )
            )
            start = i
    return columns, sides


def build_rows(
    body: list[Cell], columns: list[Column], sides: list[TableSide], origin_of_row: dict[int, Origin]
) -> list[Row]:
    """Body cells into rows, with each side's code, label and figures."""
    for cell in body:
        if columns and 0 <= cell.col < len(columns) and cell.colspan == 1:
            if columns[cell.col].role is ColumnRole.CODE and cell.kind is CellKind.NUMBER:
                # Codes are printed labels: 05 must stay 05.
                cell.kind = CellKind.TEXT
                cell.value = None
    cover = _Cover.of(body)
    by_row: dict[int, list[Cell]] = {}
    for cell in body:
        by_row.setdefault(cell.row, []).append(cell)
    rows: list[Row] = []
    previous_levels: dict[int, list[str]] = {}
    for r in sorted(by_row):
        cells = sorted(by_row[r], key=lambda c: c.col)
        entries: list[Entry] = []
        for index, side in enumerate(sides):
            label_cell = cover.owner.get((r, side.label_column)) if side.label_column is not None else None
            if label_cell is not None and label_cell.row != r:
                label_cell = None
            levels: list[str] = []
            for col in side.code_columns:
                owner = cover.owner.get((r, col))
                if owner is None or owner is label_cell or owner.col != col:
                    levels.append("")
                elif owner.row != r:
                    # A 类 cell merged down over its 款 and 项 rows names the 类 of each of them.
                    levels.append(owner.text.strip() if owner.colspan == 1 else "")
                else:
                    levels.append(owner.text.strip())
            levels = _complete_levels(levels, previous_levels.setdefault(index, []))
            code = [text for text in levels if text]
            if label_cell is None:
                # A label printed across the code columns (合计) belongs to the row's label.
                for col in side.code_columns:
                    owner = cover.owner.get((r, col))
                    if owner is not None and owner.row == r and owner.colspan > 1 and owner.text.strip():
                        label_cell = owner
                        code = []
                        break
            if (
                label_cell is not None
                and label_cell.col + label_cell.colspan - 1 > side.last
                and all(label_cell.col <= col < label_cell.col + label_cell.colspan for col in side.figure_columns)
            ):
                # A label merged across this side's figures into the next side (“公用经费合计” printed over the
                # middle block of the 基本支出决算表, its figure in the last): the row is the next side's.
                continue
            figures: list[Cell] = []
            for col in side.figure_columns:
                owner = cover.owner.get((r, col))
                if owner is None or owner.row != r or owner.col != col:
                    figures.append(Cell("", CellKind.BLANK, None, r, col))
                else:
                    figures.append(owner)
            label = label_cell.text.strip() if label_cell is not None else ""
            wrapped = label_cell.wrapped if label_cell is not None else False
            if not code and not label and all(f.kind is CellKind.BLANK or _numbering_column(columns, f.col) for f in figures):
                continue  # an empty line of the form, perhaps with its 行次 (the national 总表 prints one for every line)
            entries.append(Entry(index, tuple(code), label, wrapped, tuple(figures), label_cell.indent if label_cell is not None else 0))
        rows.append(Row(cells, entries, origin_of_row.get(r, Origin())))
    _split_codes_from_labels(rows, sides)
    return rows


def _numbering_column(columns: list[Column], col: int) -> bool:
    """Whether the grid column ``col`` is the table's own numbering of its rows (行次, 序号)."""
    return 0 <= col < len(columns) and bool(columns[col].path) and serial_label(columns[col].path[-1])


def indent_of(text: str) -> int:
    """The width of the spaces a label is printed after (a full-width space counts two)."""
    width = 0
    for ch in text:
        if ch == " ":
            width += 1
        elif ch == "\u3000":
            width += 2
        else:
            break
    return width


_CODE_IN_LABEL = re.compile(
    r"^(?:(\d{7}|\d{5}|\d{3})(?!\d)|[\[【［]\s*(\d{7}|\d{5}|\d{3})\s*[\]】］])[\s\u3000]*([^\d\s].*)$"
)
"""A code printed in front of the name in one cell: ``2010301 行政运行``, or bracketed as finance systems export it, ``[2010301]行政运行``."""


def _split_codes_from_labels(rows: list[Row], sides: list[TableSide]) -> None:
    """Take the code out of labels printed as ``2010301 行政运行`` or ``[2010301]行政运行`` in a side without a code column.

    Only when most of the side's named rows start so (at least two): a lone ``100人以下`` stays a label.
    """
    for index, side in enumerate(sides):
        if side.code_columns:
            continue
        entries = [e for row in rows for e in row.entries if e.side == index and not e.code and e.label]
        named = [e for e in entries if e.label.replace(" ", "").replace("\u3000", "") not in _TOTAL_LABELS]
        split = [(e, m) for e in named if (m := _CODE_IN_LABEL.match(e.label)) is not None]
        if len(split) < 2 or len(split) * 2 < len(named):
            continue
        for entry, match in split:
            entry.code = (match.group(1) or match.group(2),)
            entry.label = match.group(3).strip()


def _complete_levels(levels: list[str], previous: list[str]) -> list[str]:
    """Fill the 类 (and 款) a row leaves blank from the rows above, in 类 | 款 | 项 code columns.

    Some layouts print only the new part of a code (``201`` on the 类 row, then ``03`` alone in
    the 款 column, ``01`` alone in the 项 column) or merge the 类 cell down over its rows; the
    hierarchy is implied by position. ``previous`` holds the last row's levels and is updated.
    """
    if len(levels) < 2:
        return levels
    filled = list(levels)
    deepest = max((i for i, text in enumerate(levels) if text), default=-1)
    if deepest > 0 and len(previous) == len(levels) and all(_LEVEL.match(t) for t in levels if t):
        for i in range(deepest):
            if filled[i]:
                continue
            if not previous[i] or any(filled[j] != previous[j] for j in range(i)):
                # Nothing above to complete it from: left as printed (the mapper says so).
                filled = list(levels)
                break
            filled[i] = previous[i]
    if deepest >= 0:
        # A new 类 starts a new run: its 款 and 项 are those printed on this row.
        previous[:] = filled
    return filled


_LEVEL = re.compile(r"^\d{2,3}$")


def header_texts(header: list[list[Cell]]) -> list[str]:
    """Header cell texts in reading order, to recognise a header printed again on a later page."""
    return [c.text.strip() for row in header for c in sorted(row, key=lambda c: c.col) if c.text.strip()]


_NOTE_PREFIX = re.compile(r"^(?:注|说明|备注)\s*[:：]")


def _is_note(text: str) -> bool:
    """Whether a cell's text is a note on the table (``本单位无政府性基金收支，故本表无数据``), not a label."""
    text = text.strip()
    return len(text) >= 6 and bool(is_empty_note(text) or _NOTE_PREFIX.match(text))


def take_notes(table: Table, grid: RawGrid) -> RawGrid:
    """Move notes typed inside the ruled area into the table's notes; the grid without them.

    An empty table is often printed as its title and one sentence in a merged cell (no header),
    or with the sentence as a merged row under 合计, without 注：. Read as cells, the sentence
    became a column heading or a data row; it is the table's note.
    """
    texts = [c for c in grid.cells if c.text.strip()]
    if len(texts) == 1 and _is_note(texts[0].text):
        table.notes.insert(0, texts[0].text.strip())
        return RawGrid(0, 0, [])
    n_header = header_rows(grid)
    by_row: dict[int, list[RawCell]] = {}
    for cell in texts:
        by_row.setdefault(cell.row, []).append(cell)
    notes: list[RawCell] = []
    for row, cells in sorted(by_row.items()):
        if row < n_header or len(cells) != 1:
            continue
        cell = cells[0]
        if cell.colspan >= max(2, (grid.n_cols + 1) // 2) and _is_note(cell.text):
            notes.append(cell)
    if not notes:
        return grid
    table.notes[0:0] = [cell.text.strip() for cell in notes]
    rows = {cell.row for cell in notes}
    return RawGrid(grid.n_rows, grid.n_cols, [c for c in grid.cells if c.row not in rows])


def take_meta_row(table: Table, grid: RawGrid) -> RawGrid:
    """Read a first row that holds only the 编制单位 and 单位 line (printed inside the table's frame) as the table's issuer
    and unit; the grid without it. Read as a heading, it named every column (“编制单位：营山县民政局”) and the unit it
    prints was not found."""
    first = [c for c in grid.cells if c.row == 0]
    texts = [c for c in first if c.text.strip()]
    parts = [part for c in texts for part in meta_parts(c.text)]
    if grid.n_rows < 2 or not parts or any(c.rowspan > 1 for c in first):
        return grid
    if not all(match_issuer(part) is not None or match_unit(part) is not None for part in parts):
        return grid
    for part in parts:
        issuer = match_issuer(part)
        if issuer is not None and not table.issuer:
            table.issuer_label, table.issuer = issuer
        unit = match_unit(part)
        if unit is not None and not table.unit:
            table.unit, table.unit_text = unit, part.strip()
    return RawGrid(grid.n_rows - 1, grid.n_cols, [replace(c, row=c.row - 1) for c in grid.cells if c.row > 0])


def assemble(table: Table, grid: RawGrid, origin_of_row: dict[int, Origin]) -> None:
    """Fill a table's header, columns, sides and rows from its first grid."""
    noted = take_notes(table, grid)
    grid = take_meta_row(table, noted)
    if grid is not noted:  # its first row was the issuer's line: the rows below moved up one
        origin_of_row = {row - 1: origin for row, origin in origin_of_row.items() if row > 0}
    n_header = header_rows(grid)
    header, body = build_header(grid, n_header)
    body = lift_code_labels(header, body)
    table.header = header
    table.columns, table.sides = layout_columns(header, body, grid.n_cols)
    table.rows = build_rows(body, table.columns, table.sides, origin_of_row)
