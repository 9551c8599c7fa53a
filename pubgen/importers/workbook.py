"""Read an official disclosure workbook (.xlsx, .xlsm, .xls) into an ImportedDocument.

Each sheet is a cover, a 目录, a page of narrative (text in one or more cells, line breaks
typed in the cells) or one table: a title row, a ``编制部门：…  单位：元`` row, merged
header rows and the body. Figures are shown as the cell's number format shows them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any

from ..exact import INTEGER_DIGITS
from .errors import DamagedFile, EncryptedFile
from .narrative import FlowLine, build_body
from .numfmt import (
    CHINESE_DATE_FORMATS,
    excel_decimal,
    format_date,
    format_general,
    format_number,
    format_text,
    shows_day,
    thousands_scale,
    zero_places,
)
from .structure import (
    Cover,
    ImportedDocument,
    Note,
    Origin,
    Severity,
    Table,
    TO_FILL,
    TocEntry,
)
from .labels import plain_title
from .tables import RawCell, RawGrid, assemble, header_texts, indent_of
from .structure import CellKind
from .text import (
    cover_title,
    date_label,
    drop_format_chars,
    is_report_date,
    find_year,
    is_date_line,
    is_table_mark,
    match_issuer,
    is_empty_note,
    match_unit,
    meta_parts,
    normalise_text,
    parse_figure,
    split_numbering,
)

_TOC = re.compile(r"^目\s*录$")
_LEADER = re.compile(r"[.．。·…⋯—_\-]{3,}\s*(\d{0,4})\s*$")
_NOTE = re.compile(r"^(?:注|说明|备注)\s*[:：]|^注\s*\d?\s*[、.．:：]")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_FAR = 1000
"""Empty rows that part a stray cell from the tables: no printed table has so many blank rows in it."""



_DOCUMENT_TITLE = re.compile(r"(?:19|20)\d\d年度?[^，。；]{0,12}(?:预算|决算)(?:公开)?(?:表|报告)?$")
"""A document's title (某局2024年度部门决算, 2025年部门预算公开), not a table's (收入支出决算总表)."""
_TEXT_SHEET = re.compile(r"说明|职能|概况|情况|名词解释|简介")
"""Words of the name of a sheet of narrative (编制说明, 部门主要职能, 收支预算总体情况), never of a cover."""

@dataclass(slots=True)
class SheetCell:
    """One cell as displayed: its text, its figure and what produced it."""

    text: str
    number: Decimal | None = None
    number_format: str | None = None
    formula: str | None = None
    hidden: bool = False
    too_large: str = ""
    """The stored number, as Excel writes it (``1E+308``), when it is beyond what a figure may be; text is empty then."""
    dropped: str = ""
    """``figure`` or ``text`` when invisible format characters were dropped from the stored text (:func:`drop_format_chars`)."""
    date: dt.date | dt.time | None = None
    """What a date cell holds (its format makes Excel show a date or time: 1月5日, 2026/1/5); ``text`` is it as shown."""


@dataclass(slots=True)
class Sheet:
    """A sheet read from any workbook format, 1-based rows and columns."""

    name: str
    hidden: bool
    cells: dict[tuple[int, int], SheetCell]
    merged: list[tuple[int, int, int, int]]
    """(first row, first column, last row, last column), inclusive."""
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    by_row: dict[int, list[tuple[int, SheetCell]]] | None = field(default=None, repr=False, compare=False)
    """The cells of each row, by column: built on first use (a sheet's rows are read many times over)."""


def _column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """``A1`` style reference."""
    return f"{_column_letter(col)}{row}"


def _too_large(value: Any) -> str:
    """The number as stored (``1E+308``, ``inf``) when it is beyond any figure (more than 15 integer digits), else ""."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return ""
    number = excel_decimal(value)
    if number.is_nan():
        return "非数字（NaN）"
    if number.is_infinite():
        return "无穷大"
    if not number or number.adjusted() + 1 <= INTEGER_DIGITS:
        return ""
    return f"{value:.6g}".upper() if isinstance(value, float) else str(value)


def _display(value: Any, number_format: str | None) -> tuple[str, Decimal | None, str]:
    """The text a cell shows, its stored number, and what invisible characters were dropped from its text."""
    if value is None:
        return "", None, ""
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None, ""
    if isinstance(value, (int, float, Decimal)):
        number = excel_decimal(value)
        return format_number(number, number_format), number, ""
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        # As the cell shows it (1月5日), not 2026-01-05T00:00:00: a date is never a figure, and its text is what was printed.
        return format_date(value, number_format), None, ""
    text, dropped = drop_format_chars(normalise_text(str(value)))
    return format_text(text, number_format), None, dropped


def _date_value(value: Any) -> dt.date | dt.time | None:
    """The date (or time of day) a cell read as a date or time holds."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (dt.date, dt.time)):
        return value
    if isinstance(value, dt.timedelta):
        return (dt.datetime(1899, 12, 30) + value).time()
    return None


def _has_date_codes(fmt: str | None) -> bool:
    return bool(fmt) and re.search(r"[yYmMdDhHsS]", re.sub(r'"[^"]*"|\[[^\]]*\]', "", fmt or "")) is not None


_MOST_UNPACKED = 100 * 1024 * 1024
"""Bytes a workbook may unpack to: a real disclosure is a few megabytes; a zip bomb is gigabytes, and even 400 MB of shared
strings took 90 s and 2 GB of memory to read."""
_MOST_MERGED = 2_000_000
"""Cells the merged ranges of a workbook may cover together: openpyxl makes an object for each (C10:XFD1048576 is 17
billion; two hundred ranges of a million cells each are as bad as one)."""
_MERGE_REF = re.compile(
    rb"""<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*["']\$?([A-Za-z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Za-z]{1,3})\$?([0-9]{1,7}))?["']"""
)
"""A merged range as a worksheet stores it — as openpyxl reads it: any case, with or without $, a prefix, either quote."""


def _some_cells(refs: list[str]) -> str:
    """Cells named in a note: the first eight, and how many there are in all (“C5、C6 等 12 格”)."""
    return "、".join(refs[:8]) + (f" 等 {len(refs)} 格" if len(refs) > 8 else "")


def _refuse_oversized(path: str, archive: zipfile.ZipFile) -> None:
    """Refuse, before openpyxl reads it, a workbook that would take the machine's memory: unpacked size, merged ranges."""
    from openpyxl.utils import column_index_from_string

    if sum(info.file_size for info in archive.infolist()) > _MOST_UNPACKED:
        raise DamagedFile(path, "工作簿解压后超过 100 MB，不像是公开的预决算表，未读取。请检查文件是否正确，或另存为只含公开表格的工作簿后再导入。")
    merged = 0
    for name in archive.namelist():
        if not name.lower().endswith(".xml"):
            continue  # a worksheet may be stored under any name the workbook's relationships give it
        part = archive.read(name)
        if b"mergeCell" not in part:
            continue
        for match in _MERGE_REF.finditer(part):
            a, r1 = match.group(1).decode("ascii").upper(), match.group(2).decode("ascii")
            b = (match.group(3) or match.group(1)).decode("ascii").upper()
            r2 = (match.group(4) or match.group(2)).decode("ascii")
            area = (abs(int(r2) - int(r1)) + 1) * (abs(column_index_from_string(b) - column_index_from_string(a)) + 1)
            merged += area
            if area > _MOST_MERGED:
                raise DamagedFile(
                    path,
                    f"工作簿中有一个合并了 {area} 个单元格的区域（{a}{r1}:{b}{r2}），读取它会耗尽内存，未读取。"
                    "请在 Excel 或 WPS 中取消这个合并（或删除多余的行列）后另存，再导入。",
                )
            if merged > _MOST_MERGED:
                raise DamagedFile(
                    path,
                    f"工作簿中合并的单元格合计超过 {_MOST_MERGED} 个，读取它们会耗尽内存，未读取。"
                    "请在 Excel 或 WPS 中取消多余的合并（或删除多余的行列）后另存，再导入。",
                )


def _stored_cells(worksheet: Any) -> dict[tuple[int, int], Any]:
    """The cells a loaded worksheet holds, by (row, column): those the file stores, however far apart."""
    cells: dict[tuple[int, int], Any] = worksheet._cells  # openpyxl keeps no other list of them
    return cells


def _load_xlsx(path: str, data: bytes) -> list[Sheet]:
    import openpyxl
    from openpyxl.utils import column_index_from_string
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            _refuse_oversized(path, archive)
            has_formulas = any(
                b"<f>" in archive.read(name) or b"<f " in archive.read(name)
                for name in archive.namelist()
                if name.startswith("xl/worksheets/") and name.endswith(".xml")
            )
        values = openpyxl.load_workbook(BytesIO(data), data_only=True)
        formulas = openpyxl.load_workbook(BytesIO(data), data_only=False) if has_formulas else None
    except DamagedFile:
        raise
    except (InvalidFileException, zipfile.BadZipFile):
        raise DamagedFile(path, "工作簿已损坏或不完整，无法读取。请用 Excel 或 WPS 打开后重新保存，再导入。") from None
    except Exception:  # noqa: BLE001 - openpyxl raises many types on malformed XML; all mean damaged
        raise DamagedFile(path, "工作簿已损坏或内容不合规范，无法读取。请用 Excel 或 WPS 打开后重新保存，再导入。") from None
    sheets: list[Sheet] = []
    for worksheet in values.worksheets:
        formula_sheet = formulas[worksheet.title] if formulas is not None else None
        cells: dict[tuple[int, int], SheetCell] = {}
        # Only the cells the file stores: iter_rows() and cell() would make every cell of the
        # used rectangle, and one empty formatted cell at XFD1048576 makes that 17 billion.
        stored = _stored_cells(worksheet)
        formula_cells = _stored_cells(formula_sheet) if formula_sheet is not None else {}
        for place in sorted(stored.keys() | formula_cells.keys()):
            cell: Any = stored.get(place)
            source: Any = formula_cells.get(place)
            formula = str(source.value) if source is not None and source.data_type == "f" else None
            value = cell.value if cell is not None else None
            if value is None and formula is None:
                continue
            number_format: str | None = (cell if cell is not None else source).number_format
            builtin = CHINESE_DATE_FORMATS.get(getattr(getattr(cell, "_style", None), "numFmtId", -1))
            if builtin is not None and isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value < 2958466:
                # A Chinese built-in date format (2026年2月10日 is id 31), which openpyxl does not know: the number is a date.
                from openpyxl.utils.datetime import from_excel

                value, number_format = from_excel(value, values.epoch), builtin
            too_large = _too_large(value)
            text, number, dropped = ("", None, "") if too_large else _display(value, number_format)
            cells[place] = SheetCell(
                text, number, number_format, formula, too_large=too_large, dropped=dropped, date=_date_value(value)
            )
        merged = [
            (r.min_row, r.min_col, r.max_row, r.max_col) for r in worksheet.merged_cells.ranges
        ]
        hidden_rows = {index for index, dim in worksheet.row_dimensions.items() if dim.hidden}
        hidden_cols: set[int] = set()
        for key, dim in worksheet.column_dimensions.items():
            if dim.hidden:
                first = column_index_from_string(key) if dim.min is None else dim.min
                last = first if dim.max is None else dim.max
                hidden_cols.update(range(first, min(last, 16384) + 1))
        sheets.append(
            Sheet(worksheet.title, worksheet.sheet_state != "visible", cells, merged, hidden_rows, hidden_cols)
        )
    return sheets


def _load_xls(path: str, data: bytes) -> list[Sheet]:
    import xlrd

    if _ENCRYPTED in data:
        raise EncryptedFile(path, "工作簿设有打开密码，无法读取。请在 Excel 或 WPS 中取消密码后另存，再导入。")
    try:
        # xlrd prints its own diagnostics of a damaged file (“WARNING *** file size …”) to its log: not to the editor's screen.
        with open(os.devnull, "w", encoding="utf-8") as quiet:
            book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False, logfile=quiet)
    except Exception as error:  # noqa: BLE001 - xlrd raises many types on damaged files
        if "encrypt" in str(error).lower() or "password" in str(error).lower():
            raise EncryptedFile(path, "工作簿设有打开密码，无法读取。请在 Excel 或 WPS 中取消密码后另存，再导入。") from None
        what = "工作簿（.xls）" if path.lower().endswith(".xls") else "文件名是 .xlsx，内容却是旧版格式（.xls）的工作簿，而且"
        raise DamagedFile(path, f"{what}已损坏或不完整，无法读取。请用 Excel 或 WPS 打开后重新保存，再导入。") from None
    sheets: list[Sheet] = []
    for sheet in book.sheets():
        cells: dict[tuple[int, int], SheetCell] = {}
        for r in range(sheet.nrows):
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                fmt = None
                try:
                    if cell.xf_index is not None:
                        xf = book.xf_list[cell.xf_index]
                        fmt = book.format_map[xf.format_key].format_str
                except (IndexError, KeyError, TypeError):
                    fmt = None
                value: Any = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    # A number shown as a date (its format has y, m, d): as the cell shows it, not its serial number.
                    try:
                        value = xlrd.xldate.xldate_as_datetime(float(cell.value), book.datemode)
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        pass
                    else:
                        key = book.xf_list[cell.xf_index].format_key if cell.xf_index is not None else -1
                        if key in CHINESE_DATE_FORMATS and not _has_date_codes(fmt):
                            fmt = CHINESE_DATE_FORMATS[key]
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    value = xlrd.error_text_from_code.get(int(cell.value), "#ERR")
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(cell.value)
                too_large = _too_large(value)
                text, number, dropped = ("", None, "") if too_large else _display(value, fmt)
                cells[(r + 1, c + 1)] = SheetCell(text, number, fmt, too_large=too_large, dropped=dropped, date=_date_value(value))
        merged = [(r0 + 1, c0 + 1, r1, c1) for r0, r1, c0, c1 in sheet.merged_cells]
        hidden_rows = {r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden}
        hidden_cols = {c + 1 for c, info in sheet.colinfo_map.items() if info.hidden}
        sheets.append(Sheet(sheet.name, sheet.visibility != 0, cells, merged, hidden_rows, hidden_cols))
    return sheets


def read_xlsx(path: str, data: bytes, macros: bool = False) -> ImportedDocument:
    """Read an .xlsx or .xlsm workbook."""
    document = _read(path, _load_xlsx(path, data), "xlsm" if macros else "xlsx")
    if macros:
        document.notes.insert(
            0,
            Note(
                "macros-ignored",
                "工作簿含有宏（VBA），宏未运行也未读取；只读取了单元格中保存的内容。",
                Origin(),
                Severity.INFO,
            ),
        )
    return document


def read_xls(path: str, data: bytes) -> ImportedDocument:
    """Read an old-format .xls workbook."""
    if _ENCRYPTED in data:
        raise EncryptedFile(path, "工作簿设有打开密码，无法读取。请在 Excel 或 WPS 中取消密码后另存，再导入。")
    return _read(path, _load_xls(path, data), "xls")


_SHOWN_NUMBER = re.compile(r"[-(]?\d[\d,]*(?:\.\d+)?|[-(]?\.\d+")


def _shown_figure(text: str) -> tuple[CellKind, str | None, bool]:
    """The kind and decimal text of a number cell as its format shows it (``5.00元`` → 5.00), and whether it shows a
    percent sign (``2000.00%``: the format multiplies the stored number by 100)."""
    kind, value, percent = parse_figure(text)
    if kind is not CellKind.TEXT:
        return kind, value, percent
    match = _SHOWN_NUMBER.search(text)
    if match is None:
        return CellKind.DASH, None, False
    digits = match.group(0).replace(",", "")
    negative = digits.startswith(("-", "("))
    digits = digits.lstrip("-(")
    if digits.startswith("."):
        digits = "0" + digits
    return CellKind.NUMBER, ("-" + digits if negative else digits), "%" in text[match.end():]


def _merged_lookup(sheet: Sheet) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    owner: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for box in sheet.merged:
        r0, c0, r1, c1 = box
        if (r1 - r0 + 1) * (c1 - c0 + 1) > 100_000:
            continue
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                owner[(r, c)] = box
    return owner


def _row_texts(sheet: Sheet, row: int) -> list[tuple[int, str]]:
    if sheet.by_row is None:
        # Scanning every cell for each row made a 4,000-row sheet take a minute; cells are not added later,
        # only their text is set (待填), so the text is read at each call.
        by_row: dict[int, list[tuple[int, SheetCell]]] = {}
        for (r, c), cell in sorted(sheet.cells.items()):
            by_row.setdefault(r, []).append((c, cell))
        sheet.by_row = by_row
    return [(c, cell.text) for c, cell in sheet.by_row.get(row, ()) if cell.text.strip()]


def _origin(sheet: Sheet, row: int, col: int, text: str, span: tuple[int, int, int, int] | None = None) -> Origin:
    ref = cell_ref(row, col)
    if span is not None and (span[2] > span[0] or span[3] > span[1]):
        ref = f"{cell_ref(span[0], span[1])}:{cell_ref(span[2], span[3])}"
    return Origin(sheet=sheet.name, ref=ref, text=text)


class _WorkbookReader:
    def __init__(self, path: str, kind: str) -> None:
        self.document = ImportedDocument(path=path, source_kind=kind)
        self.items: list[FlowLine | Table] = []
        self.cleaned_text: list[str] = []
        """Where words held invisible characters the check reports, dropped (工作表“表1”A3): told once for the workbook."""

    def note(self, code: str, message: str, origin: Origin, severity: Severity = Severity.WARNING) -> None:
        self.document.notes.append(Note(code, message, origin, severity))

    def sheet(self, sheet: Sheet, index: int) -> None:
        rows = sorted({r for (r, _c), cell in sheet.cells.items() if cell.text.strip()})
        if sheet.hidden:
            # Hidden sheets are working papers (测算底稿) or stale copies: importing them published what nobody meant to.
            self.note(
                "hidden-sheet",
                f"工作表“{sheet.name}”是隐藏的，没有导入（隐藏的工作表多是测算底稿或旧表，不属于公开内容）。"
                "如果它应当公开，请在 Excel 或 WPS 中取消隐藏后重新导入。",
                Origin(sheet=sheet.name),
            )
            return
        unsaved: list[tuple[int, int, SheetCell]] = []
        for (r, c), cell in sorted(sheet.cells.items()):
            if cell.too_large:
                # Written 待填 like a formula without a result: the rest of the workbook still imports.
                cell.text = TO_FILL
                self.note(
                    "number-too-large",
                    f"工作表“{sheet.name}”{cell_ref(r, c)} 存的是{cell.too_large}，不是有效的数字，pubgen 无法使用。"
                    "已写作“待填”，请核对原表，照原文填写。"
                    if cell.too_large.endswith("（NaN）")
                    else f"工作表“{sheet.name}”{cell_ref(r, c)} 的数字（{cell.too_large}）太大，pubgen 无法使用："
                    f"金额的整数部分最多 {INTEGER_DIGITS} 位。已写作“待填”，请核对原表，照原文填写。",
                    Origin(sheet=sheet.name, ref=cell_ref(r, c), text=cell.too_large),
                )
            elif cell.formula is not None and not cell.text.strip():
                # Written 待填, so that pubgen check asks for the printed figure instead of taking the cell as blank.
                cell.text = TO_FILL
                unsaved.append((r, c, cell))
        self._unsaved_formulas(sheet, unsaved)
        self._dropped_characters(sheet)
        rows = self._near(sheet, rows)
        if not rows:
            return
        first_row_text = " ".join(t for _c, t in _row_texts(sheet, rows[0])).strip()
        if sheet.name.strip() == "封面" or (
            index == 0
            and not self._looks_tabular(sheet, rows)
            and len(rows) <= 8
            and not self._gridless_table(sheet, rows)
            and not self._reads_as_text(sheet, rows)
        ):
            self._cover(sheet, rows)
            return
        issuer_row = self._issuer_row(sheet, rows[:6])
        if issuer_row is not None or self._looks_tabular(sheet, rows) or self._gridless_table(sheet, rows):
            for part in self._stacked(sheet, rows):
                self._table(sheet, part, issuer_row if part is rows else self._issuer_row(sheet, part[:6]), part is rows)
            return
        if _TOC.match(first_row_text.replace(" ", "").replace("\u3000", "")) or _TOC.match(first_row_text):
            self._toc(sheet, rows[1:])
            return
        self._narrative(sheet, rows)

    def _unsaved_formulas(self, sheet: Sheet, unsaved: list[tuple[int, int, SheetCell]]) -> None:
        """One note for a sheet's formulas saved without their results: one cell by name, many as the workbook's state."""
        if len(unsaved) == 1:
            r, c, cell = unsaved[0]
            formula = "=" + (cell.formula or "").lstrip("=")
            self.note(
                "formula-without-value",
                f"工作表“{sheet.name}”{cell_ref(r, c)} 是公式（{formula}），但文件里没有保存计算结果，已写作“待填”。"
                "请照原文填写，或用 Excel 或 WPS 打开并保存一次（让公式算出结果）后重新导入。",
                Origin(sheet=sheet.name, ref=cell_ref(r, c), text=formula),
            )
        elif unsaved:
            refs = [cell_ref(r, c) for r, c, _cell in unsaved]
            shown = _some_cells(refs)
            self.note(
                "formula-without-value",
                f"工作表“{sheet.name}”有 {len(refs)} 个数字是公式（{shown}），而这个工作簿保存时没有保存公式的计算结果"
                "（报表软件生成的文件常这样），这些格已写作“待填”。请用 Excel 或 WPS 打开这个工作簿并保存一次后重新导入，"
                "或照原文逐个填写。",
                Origin(sheet=sheet.name),
            )

    def _dropped_characters(self, sheet: Sheet) -> None:
        """One line for a sheet's figures read without the invisible characters pasted into them (“71.23\u200b”)."""
        figures = [cell_ref(r, c) for (r, c), cell in sorted(sheet.cells.items()) if cell.dropped == "figure"]
        self.cleaned_text += [f"工作表“{sheet.name}”{cell_ref(r, c)}" for (r, c), cell in sorted(sheet.cells.items()) if cell.dropped == "text"]
        if figures:
            shown = _some_cells(figures)
            self.note(
                "figure-format-characters",
                f"工作表“{sheet.name}”有 {len(figures)} 格数字（{shown}）夹有看不见的格式字符（零宽空格等，多是从网页复制时带来的），"
                "已删去这些字符，按数字录入。",
                Origin(sheet=sheet.name),
            )

    def dropped_from_text(self) -> None:
        """One line for the workbook's words that held invisible characters the check would report: dropped."""
        if not self.cleaned_text:
            return
        places = self.cleaned_text
        shown = "、".join(places[:5]) + (f" 等 {len(places)} 格" if len(places) > 5 else "")
        self.note(
            "text-format-characters",
            f"有 {len(places)} 格文字（{shown}）夹有看不见的零宽字符或文字方向控制符（检查会报 invisible-character），已删去。",
            Origin(),
        )

    def _stacked(self, sheet: Sheet, rows: list[int]) -> list[list[int]]:
        """The tables one sheet holds one under another: a new one starts at a lone title (…表) with its
        编制单位 / 单位 line right under it (a second title below the first table's last row)."""
        starts = [0]
        for i in range(3, len(rows) - 1):
            texts = [t for _c, t in _row_texts(sheet, rows[i])]
            # The title alone, or with its unit at the right of its row (“表二  2025年部门收入总表 … 单位：万元”).
            words = [t for t in texts if match_unit(t) is None and not is_table_mark(t)]
            if len(words) != 1:
                continue
            title = words[0].strip()
            if not title.endswith(("表", "表）", "表)")) or len(title) > 80 or is_table_mark(title):
                continue
            below = [t for r in rows[i + 1 : i + 3] for _c, cell in _row_texts(sheet, r) for t in meta_parts(cell)]
            if len(texts) > 1 or any(match_issuer(t) is not None or match_unit(t) is not None for t in below):
                # The table's mark printed above its title (公开03表) opens it: kept with the table above, it was a row of
                # that table's figures, which widened it past its kind and switched its checks off.
                start = i
                while start - 1 > starts[-1] and (marks := _row_texts(sheet, rows[start - 1])) and all(is_table_mark(t) for _c, t in marks):
                    start -= 1
                starts.append(start)
        if len(starts) == 1:
            return [rows]
        return [rows[a:b] for a, b in zip(starts, starts[1:] + [len(rows)])]

    def _issuer_row(self, sheet: Sheet, rows: list[int]) -> int | None:
        for row in rows:
            texts = [part for _c, t in _row_texts(sheet, row) for part in meta_parts(t)]
            if texts and any(match_issuer(t) is not None or match_unit(t) is not None for t in texts):
                # Other cells on that row are short marks (2024年度, 财决01表), not column headings.
                if all(match_issuer(t) or match_unit(t) or len(t.strip()) <= 12 for t in texts):
                    return row
        return None

    def _gridless_table(self, sheet: Sheet, rows: list[int]) -> bool:
        """Whether a sheet of a few lines is a table printed without a grid: an empty table, not a cover or text.

        An empty table is often its title (…表), the ``编制单位：…  单位：万元`` line and a sentence saying it has no
        data (本部门无政府性基金预算拨款安排的支出，故本表无数据). A cover prints no unit, a page of text no title
        ending in 表 over such a sentence.
        """
        lines = [row for row in rows if not all(is_table_mark(t) for _c, t in _row_texts(sheet, row))]
        if not lines or len(lines) > 6:
            return False
        heading = [t for _c, t in _row_texts(sheet, lines[0]) if match_unit(t) is None and not is_table_mark(t)]
        if len(heading) != 1 or not _SHEET_TITLE.search(split_title_marks(heading[0])[0]):
            return False
        parts = [part for row in lines for _c, text in _row_texts(sheet, row) for part in meta_parts(text)]
        return any((match_unit(part) is not None and match_issuer(part) is None) or is_empty_note(part) for part in parts)

    def _looks_tabular(self, sheet: Sheet, rows: list[int]) -> bool:
        wide = sum(1 for row in rows if len(_row_texts(sheet, row)) >= 3)
        return wide >= 2

    def _document_title(self, sheet: Sheet, above: list[int]) -> bool:
        """Whether the first of the rows above a table is the document's title (“南京市高淳区文化广电和旅游局2024年度部门决算”
        over “公开01表 / 收入支出决算总表”), with the table's own title printed below it; read as the cover's title when
        the workbook has no cover."""
        texts = [t.strip() for _c, t in _row_texts(sheet, above[0]) if t.strip()]
        if len(texts) != 1 or not _DOCUMENT_TITLE.search(texts[0]) or texts[0].endswith("表"):
            return False
        below = [t.strip() for r in above[1:] for _c, t in _row_texts(sheet, r) if not is_table_mark(t) and match_unit(t) is None]
        if not any(t.endswith("表") for t in below):
            return False
        if self.document.cover is None or not (self.document.cover.title or self.document.cover.lines):
            self.document.cover = Cover(
                title=texts[0], year=find_year(texts[0]), lines=(texts[0],), origin=Origin(sheet=sheet.name, ref=cell_ref(above[0], 1), text=texts[0])
            )
        return True

    def _reads_as_text(self, sheet: Sheet, rows: list[int]) -> bool:
        """Whether a first sheet of a few lines is a page of narrative (编制说明 before the tables, no cover): a sheet named
        as one, or sentences, not a cover's short lines of title, body and date."""
        if _TEXT_SHEET.search(sheet.name):
            return True
        return any(len(text) > 40 and "。" in text for r in rows for _c, text in _row_texts(sheet, r))

    def _cover(self, sheet: Sheet, rows: list[int]) -> None:
        lines: list[str] = []
        title: list[str] = []
        cover = Cover()
        for row in rows:
            _row_texts(sheet, row)  # indexes the sheet's cells by row
            label = ""
            for _c, cell in (sheet.by_row or {}).get(row, ()):
                if isinstance(cell.date, dt.date) and cell.text.strip():
                    # A date cell (2026/2/10, 2026年2月10日): the cover's date, never words of its title.
                    lines.append(cell.text.strip())
                    if shows_day(cell.number_format):
                        if is_report_date(label):
                            cover.report_date = cover.report_date or cell.date
                        else:
                            cover.published = cover.published or cell.date
                    label = ""
                    continue
                for line in (text.strip() for text in cell.text.split("\n")):
                    if not line:
                        continue
                    lines.append(line)
                    said, rest = date_label(line)
                    issuer = match_issuer(line)
                    if said and not rest:
                        label = said  # 填报日期： in the cell before its date
                    elif issuer is not None:
                        cover.body_label, cover.body = issuer
                    elif not is_date_line(rest if said else line):
                        title.append(line)
        cover.lines = tuple(lines)
        cover.origin = Origin(sheet=sheet.name, text="\n".join(lines))
        cover.title, named = cover_title(title)
        cover.body = cover.body or named
        cover.year = find_year(cover.title)
        if not cover.body:
            # 广州市花都区民政局 / 2023年度部门决算: the body is the line before the year, as on a PDF cover.
            for index, text in enumerate(title):
                if find_year(text) is not None and index > 0:
                    cover.body = title[index - 1]
                    break
        self.document.cover = cover

    def _toc(self, sheet: Sheet, rows: list[int]) -> None:
        for row in rows:
            for col, text in _row_texts(sheet, row):
                raw = text.strip()
                page = ""
                leader = _LEADER.search(raw)
                if leader:
                    page = leader.group(1)
                    raw = raw[: leader.start()].rstrip()
                numbering, level, rest = split_numbering(raw)
                self.document.toc.append(
                    TocEntry(rest.strip() if numbering else raw, numbering, max(level, 0), page, _origin(sheet, row, col, text))
                )

    def _narrative(self, sheet: Sheet, rows: list[int]) -> None:
        owner = _merged_lookup(sheet)
        for position, row in enumerate(rows):
            for col, text in _row_texts(sheet, row):
                origin = _origin(sheet, row, col, text, owner.get((row, col)))
                for number, line in enumerate(text.split("\n")):
                    if not line.strip():
                        continue
                    stripped = line.lstrip(" \u3000")
                    self.items.append(
                        FlowLine(
                            text=line.strip(),
                            origin=origin,
                            indent=len(line) - len(stripped) > 0,
                            ends_short=True,
                            centred=position == 0 and number == 0 and len(rows) > 1,
                            hard_break=True,
                        )
                    )

    def _hidden_columns(self, sheet: Sheet, first: int, last: int, min_col: int, max_col: int, hidden: list[int]) -> set[int]:
        """The hidden columns of a table to leave out, and the note saying so.

        A hidden column is not part of what was published (a helper code, a working figure), as a hidden
        sheet is not: it is left out, or its text would become the rows' names. Only when the hidden
        columns hold every figure of the table (the visible ones none) are they read, and marked.
        """
        if not hidden:
            return set()
        letters = "、".join(_column_letter(c) for c in hidden[:10])
        numbers = {c for (r, c), cell in sheet.cells.items() if first <= r <= last and min_col <= c <= max_col and cell.number is not None}
        if numbers and numbers <= set(hidden):
            self.note(
                "hidden-columns",
                f"工作表“{sheet.name}”有隐藏的列（{letters} 列），表中的数字只印在这些列里，已读取；请核对原表是否公开这些列。",
                Origin(sheet=sheet.name),
            )
            return set()
        held = sum(1 for (r, c), cell in sheet.cells.items() if first <= r <= last and c in hidden and cell.text.strip())
        self.note(
            "hidden-columns",
            f"工作表“{sheet.name}”有隐藏的列（{letters} 列，{held} 格有内容）；隐藏的列不属于公开的表，未导入。"
            "应当公开的，请在 Excel 或 WPS 中取消隐藏后重新导入。",
            Origin(sheet=sheet.name),
        )
        return set(hidden)

    def _near(self, sheet: Sheet, rows: list[int]) -> list[int]:
        """The rows with text of the sheet's tables, parted by more than _FAR empty rows from anything else, which is told,
        not read.

        A cell typed by accident far below the tables (“备注” at row 100,000) made one table of every empty row between:
        gigabytes of memory and minutes, for a workbook of a few kilobytes.
        """
        groups: list[list[int]] = []
        for r in rows:
            if groups and r - groups[-1][-1] <= _FAR:
                groups[-1].append(r)
            else:
                groups.append([r])
        if len(groups) <= 1:
            return rows
        kept = max(groups, key=len)
        for group in groups:
            if group is kept:
                continue
            texts = [t for r in group[:3] for _c, t in _row_texts(sheet, r)]
            self.note(
                "far-cells",
                f"工作表“{sheet.name}”第 {group[0]} 行起的 {len(group)} 行内容与表格隔着上千行空行，没有导入。"
                "多是误输入的；确属公开内容的，请把它移到表格旁边后重新导入。",
                Origin(sheet=sheet.name, ref=cell_ref(group[0], 1), text=" ".join(texts)[:80]),
            )
        return kept

    def _title_from_sheet_name(self, sheet: Sheet, table: Table) -> None:
        """A table printed without a title, alone on a sheet named after it (工作表“支出决算表”), takes that name.

        Workbooks exported one table a sheet often name each sheet by its table and print no title row; without
        the name the table would have no kind, and none of its checks would run.
        """
        title, marks = split_title_marks(sheet.name)
        if not _SHEET_TITLE.search(title) or len(title) < 4 or "公开" in title:
            return  # Sheet1, 表3, 部门预算公开表: not one table's name
        table.title = title
        table.meta[:0] = [mark for mark in marks if not any(is_table_mark(line) for line in table.meta)]
        table.origin = Origin(sheet=sheet.name, ref=table.origin.ref, text=sheet.name)
        self.note(
            "title-from-sheet-name",
            f"工作表“{sheet.name}”的表格上方没有印表名，已按工作表名称录入表名“{title}”，请核对原表。",
            Origin(sheet=sheet.name),
        )

    def _table(self, sheet: Sheet, rows: list[int], issuer_row: int | None, whole_sheet: bool = False) -> None:
        if not rows:
            return  # a grid with nothing typed in it (Word's blank table laying out a signature or a seal): no table
        owner = _merged_lookup(sheet)
        above = [r for r in rows if issuer_row is None or r < issuer_row]
        marks: list[str] = []
        while len(above) > 1 and all(is_table_mark(t) for _c, t in _row_texts(sheet, above[0])):
            # 公开02表 printed over the title marks the table; the title is the next row.
            marks.extend(t.strip() for _c, t in _row_texts(sheet, above.pop(0)))
        if len(above) > 1 and self._document_title(sheet, above):
            above.pop(0)  # the document's title over the first of the tables stacked in the sheet, not the table's
            while len(above) > 1 and all(is_table_mark(t) for _c, t in _row_texts(sheet, above[0])):
                marks.extend(t.strip() for _c, t in _row_texts(sheet, above.pop(0)))
        title_row = above[0] if above else None
        heading_row: int | None = None
        named = [t for _c, t in _row_texts(sheet, title_row)] if title_row is not None else []
        if issuer_row is None and len([t for t in named if match_unit(t) is None and not is_table_mark(t)]) >= 3:
            # Neither a title nor a 编制单位 line: the sheet starts with the column headings (科目编码 | 科目名称 | …).
            heading_row, title_row = title_row, None
        title_texts = _row_texts(sheet, title_row) if title_row else []
        marks += [t.strip() for _c, t in title_texts if is_table_mark(t)]
        # The unit printed at the right of the title row (“2025年部门收支总表 … 单位：元”) is the table's unit.
        title_units = [t.strip() for _c, t in title_texts if not is_table_mark(t) and match_unit(t) is not None]
        title, beside = split_title_marks(" ".join(t for _c, t in title_texts if not is_table_mark(t) and match_unit(t) is None))
        marks += beside
        # The issuer line is the first row, or only the table's number (公开02表) is printed above it: the words beside the
        # unit are then the title (“收入决算表 … 单位：万元” as the first row of a range pasted into Word).
        first_is_issuer = issuer_row is not None and all(
            all(is_table_mark(t) for _c, t in _row_texts(sheet, r)) for r in rows if r < issuer_row
        )
        table = Table(
            title=title,
            hidden=sheet.hidden,
            origin=_origin(sheet, title_row or rows[0], 1, title, owner.get((title_row or rows[0], 1))),
        )
        table.meta.extend(marks)
        for text in title_units:
            table.unit, table.unit_text = match_unit(text) or table.unit, text
        if issuer_row is not None:
            words: list[str] = []
            for text in (part for _col, cell in _row_texts(sheet, issuer_row) for part in meta_parts(cell)):
                issuer = match_issuer(text)
                if issuer is not None:
                    table.issuer_label, table.issuer = issuer
                unit = match_unit(text)
                if unit is not None:
                    table.unit, table.unit_text = unit, text.strip()
                if issuer is None and unit is None:
                    if first_is_issuer and not is_table_mark(text):
                        words.append(text.strip())  # the title, on the row of the unit: nothing above it
                    else:
                        table.meta.append(text.strip())
            if words and not table.title:
                table.title = " ".join(words)
            between = [r for r in rows if (title_row or 0) < r < issuer_row]
            table.meta[len(marks):len(marks)] = [text.strip() for r in between for _c, text in _row_texts(sheet, r)]
        if not table.title and whole_sheet:
            self._title_from_sheet_name(sheet, table)
        start = heading_row or (issuer_row or title_row or rows[0]) + 1
        body_rows = [r for r in rows if r >= start]
        # Lines under the table that start with 注, or that say it has no data (an empty table's
        # sentence, often one cell merged across the table under its header), are its notes; so are
        # the lines after a 注： line (“注：1.…” then “2.…”), each a line of text alone in its row.
        while body_rows:
            texts = _row_texts(sheet, body_rows[-1])
            if len(texts) == 1 and (_NOTE.match(texts[0][1].strip()) or (is_empty_note(texts[0][1]) and len(body_rows) > 1)):
                table.notes.insert(0, texts[0][1].strip())
                body_rows.pop()
                continue
            run = 0
            while run < len(body_rows) - 1 and _lone_text(_row_texts(sheet, body_rows[-1 - run])):
                run += 1
                head = _row_texts(sheet, body_rows[-1 - run])
                if len(head) == 1 and _NOTE.match(head[0][1].strip()):
                    lines = [_row_texts(sheet, r)[0][1].strip() for r in body_rows[-1 - run :]]
                    table.notes[0:0] = lines
                    del body_rows[-1 - run :]
                    break
            else:
                break
            if run == 0 or not body_rows:
                break
        if not body_rows:
            self.items.append(table)
            return
        # The sentence of an empty table typed into its first blank row (A9 of the official template's empty table,
        # “本部门无政府性基金预算拨款安排的支出，故本表无数据。”) is its note, not a heading or a row.
        in_grid = [r for r in body_rows[1:] if len(texts := _row_texts(sheet, r)) == 1 and is_empty_note(texts[0][1])]
        table.notes[0:0] = [_row_texts(sheet, r)[0][1].strip() for r in in_grid]
        skipped = set(in_grid)
        first, last = body_rows[0], body_rows[-1]
        # Template rows after the last text are still part of the ruled area when merged.
        for merged in sheet.merged:
            if merged[0] <= last and merged[2] > last and merged[0] >= first:
                last = merged[2]
        used_cols = [c for (r, c), cell in sheet.cells.items() if first <= r <= last and cell.text.strip()]
        used_cols += [merged[3] for merged in sheet.merged if first <= merged[0] <= last]
        min_col = min([c for (r, c), cell in sheet.cells.items() if first <= r <= last and cell.text.strip()] or [1])
        max_col = max(used_cols or [min_col])
        if max_col - min_col > 200:
            self.note("table-too-wide", f"工作表“{sheet.name}”的表格范围过大，只读取了前 200 栏。", Origin(sheet=sheet.name))
            max_col = min(max_col, min_col + 200)
        owner.update(_side_headings(sheet, first, min_col, max_col, owner))
        hidden_cols = sorted(c for c in sheet.hidden_cols if min_col <= c <= max_col)
        dropped = self._hidden_columns(sheet, first, last, min_col, max_col, hidden_cols)
        kept = [c for c in range(min_col, max_col + 1) if c not in dropped]
        raw_cells: list[RawCell] = []
        texts_by_row: dict[int, list[str]] = {}
        zeros: list[tuple[str, str]] = []
        unsigned: list[str] = []
        scaled: list[tuple[str, Decimal, str, int]] = []
        rounded: list[tuple[str, Decimal, str]] = []
        for r in range(first, last + 1):
            for index, c in enumerate(kept):
                box = owner.get((r, c))
                if r in skipped or (box is not None and box[0] in skipped):
                    continue
                rowspan = colspan = 1
                if box is not None:
                    # A merged cell starts at its first row and at its first column that is read.
                    anchor = next(k for k in kept if box[1] <= k <= box[3])
                    if (box[0], anchor) != (r, c):
                        continue
                    rowspan = min(box[2], last) - r + 1
                    colspan = sum(1 for k in kept if c <= k <= min(box[3], max_col))
                cell = sheet.cells.get((box[0], box[1]) if box is not None else (r, c))
                text = cell.text if cell is not None else ""
                hidden = r in sheet.hidden_rows or c in sheet.hidden_cols
                raw = RawCell(
                    r - first,
                    index,
                    rowspan,
                    colspan,
                    text.strip(),
                    wrapped="\n" in text.strip(),
                    formula=cell.formula if cell is not None else None,
                    number_format=cell.number_format if cell is not None else None,
                    hidden=hidden,
                    origin=_origin(sheet, r, c, text, box),
                    indent=indent_of(text),
                )
                if cell is not None and cell.date is not None:
                    # A date in a table (1月5日): never a figure, whatever its column; the mapper says so where one was due.
                    raw.kind, raw.date = CellKind.TEXT, True
                if cell is not None and cell.number is not None:
                    raw.kind, raw.value, percent = _shown_figure(text)
                    if percent and raw.kind is CellKind.NUMBER:
                        # Shown ×100 with a sign (20 as 2000.00%): right in a column of rates, an accident among amounts.
                        raw.percent_of = format_general(cell.number)
                    if raw.kind is CellKind.DASH and cell.number == 0:
                        # The file holds 0; only its format (#,##0.00;-#,##0.00;"-") shows it as a dash. Written “-”,
                        # it was published as 不适用; it is the zero, to the decimals the column's figures show.
                        raw.kind = CellKind.NUMBER
                        raw.value = raw.text = f"{Decimal(0):.{zero_places(cell.number_format)}f}"
                        zeros.append((cell_ref(r, c), text.strip()))
                    elif raw.kind is CellKind.NUMBER and thousands_scale(cell.number_format):
                        scaled.append((cell_ref(r, c), cell.number, text.strip(), thousands_scale(cell.number_format)))
                    elif raw.kind is CellKind.NUMBER and raw.value and "." not in raw.value and "%" not in text and cell.number != cell.number.to_integral_value():
                        # #,##0_  over 元 stored with 分 (712345.67 shown 712,346): figures are as shown, but the editor should know.
                        rounded.append((cell_ref(r, c), cell.number, text.strip()))
                    if raw.kind is CellKind.NUMBER and raw.value and cell.number < 0 and not raw.value.startswith("-") and Decimal(raw.value):
                        # #,##0.00;[Red]#,##0.00 shows a negative in red only: the page has no red, and a reader takes it
                        # for a positive figure. The file holds the sign; it is kept.
                        raw.value = "-" + raw.value
                        unsigned.append(cell_ref(r, c))
                raw.text = raw.text.replace("\n", "")
                raw_cells.append(raw)
                texts_by_row.setdefault(r - first, []).append(raw.text)
        if zeros:
            table.zeros_shown_as_dash = [ref for ref, _text in zeros]
            shown = _some_cells([ref for ref, _text in zeros])
            dashes = "”“".join(dict.fromkeys(text for _ref, text in zeros))
            self.note(
                "zero-shown-as-dash",
                f"工作表“{sheet.name}”有 {len(zeros)} 格（{shown}）存的是 0，只是单元格格式把 0 显示成“{dashes}”："
                "已录入为 0（网页和数据下载中是 0，不是表示不适用的“-”）。原表确以“-”表示不适用的，请改回 \"-\"。",
                Origin(sheet=sheet.name),
            )
        if scaled:
            ref, stored, shown, _times = scaled[0]
            refs = _some_cells([place for place, *_rest in scaled])
            self.note(
                "figure-scaled-by-format",
                f"工作表“{sheet.name}”有 {len(scaled)} 格（{refs}）的单元格格式把数字缩小 "
                f"{'或'.join(str(1000 ** n) for n in sorted({n for *_rest, n in scaled}))} 倍显示"
                f"（{ref} 存的是 {format_general(stored)}，显示为“{shown}”）：已照显示录入。请核对这张表印的金额单位与显示的数字是否相符。",
                Origin(sheet=sheet.name),
            )
        if rounded:
            ref, stored, shown = rounded[0]
            refs = _some_cells([place for place, *_rest in rounded])
            self.note(
                "decimals-hidden-by-format",
                f"工作表“{sheet.name}”有 {len(rounded)} 格（{refs}）存的数字有小数，单元格格式只显示整数"
                f"（{ref} 存的是 {format_general(stored)}，显示为“{shown}”）：已照显示录入整数。原表公开的是带小数的数字的，请照原文改正。",
                Origin(sheet=sheet.name),
            )
        if unsigned:
            table.negatives_unsigned = unsigned
            shown = _some_cells(unsigned)
            self.note(
                "negative-shown-unsigned",
                f"工作表“{sheet.name}”有 {len(unsigned)} 格（{shown}）存的是负数，原表只用颜色标出（单元格格式不印负号）："
                "已录入为负数（带负号）。请核对原表。",
                Origin(sheet=sheet.name),
            )
        hidden_rows = sorted(r for r in sheet.hidden_rows if first <= r <= last)
        if hidden_rows:
            self.note(
                "hidden-rows",
                f"工作表“{sheet.name}”有隐藏的行（第 {', '.join(str(r) for r in hidden_rows[:10])} 行）：已照常读取、会公开；"
                "原表有意不公开的，请删去这几行。",
                Origin(sheet=sheet.name),
            )
        origins = {
            row: Origin(sheet=sheet.name, ref=f"{cell_ref(row + first, min_col)}:{cell_ref(row + first, max_col)}", text=" | ".join(texts))
            for row, texts in texts_by_row.items()
        }
        grid = RawGrid(last - first + 1, len(kept), raw_cells)
        assemble(table, grid, origins)
        if self._continues(sheet, table):
            return
        self.items.append(table)

    def _continues(self, sheet: Sheet, table: Table) -> bool:
        """Join a table continued from the sheet before (“…部门支出总表（续）”, a sheet named “表3续”) to that table.

        A long table split over two sheets, the header printed again on the second: read as two tables, the first had
        no 合计 row and the second's 合计 was compared with its own rows only, which made false errors. Its rows go after
        the first's when it says it continues, has the same title (or none) and the same header, and is in the same unit.
        """
        previous = self.items[-1] if self.items else None
        if not isinstance(previous, Table) or not table.rows or not previous.header:
            return False
        if not (_CONTINUED.search(table.title.strip()) or _CONTINUED_SHEET.search(sheet.name.strip())):
            return False
        named = _CONTINUED.sub("", table.title.strip()).strip()
        if named and plain_title(named) != plain_title(previous.title) and plain_title(table.title) != plain_title(previous.title):
            return False  # (a title that is only the mark, 续表 or （续）, names no other table)
        if header_texts(table.header) != header_texts(previous.header) or len(table.columns) != len(previous.columns):
            return False
        if table.unit and previous.unit and table.unit != previous.unit:
            return False
        previous.rows.extend(table.rows)
        previous.continued_on.append(sheet.name)
        previous.notes.extend(note for note in table.notes if note not in previous.notes)
        place = f"工作表“{sheet.name}”"
        previous.zeros_shown_as_dash.extend(place + ref for ref in table.zeros_shown_as_dash)
        previous.negatives_unsigned.extend(place + ref for ref in table.negatives_unsigned)
        self.note(
            "continued-sheet",
            f"工作表“{sheet.name}”是工作表“{previous.origin.sheet}”上“{previous.title or '无表名的表格'}”的续表（表头相同），"
            f"已把它的 {len(table.rows)} 行接在那张表的后面，作为一张表录入，请核对。",
            Origin(sheet=sheet.name),
        )
        return True


def _side_headings(
    sheet: Sheet, row: int, min_col: int, max_col: int, owner: dict[tuple[int, int], tuple[int, int, int, int]]
) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """The 收入 | 支出 headings over a two-sided table's halves, typed each in its first cell and not merged.

    ``收入 |      | 支出 |      `` over ``项目 | 预算数 | 项目 | 预算数`` heads the cells up to the next heading, as
    a merged cell would: each covers its half. Any other row, or one with merged cells, is left as it is.
    """
    texts = [(c, t.strip()) for c, t in _row_texts(sheet, row) if min_col <= c <= max_col]
    if len(texts) != 2 or any((row, c) in owner for c in range(min_col, max_col + 1)):
        return {}
    (left, income), (right, spending) = texts
    if left != min_col or right - left < 2 or right >= max_col:
        return {}
    if "收入" not in income or "支出" in income or "支出" not in spending or "收入" in spending:
        return {}
    boxes = {}
    for first, last in ((left, right - 1), (right, max_col)):
        for c in range(first, last + 1):
            boxes[(row, c)] = (row, first, row, last)
    return boxes


_SHEET_TITLE = re.compile(r"表$")
_CONTINUED = re.compile(r"[（(]\s*续表?\s*\d{0,2}\s*[）)]$|续表\s*\d{0,2}$")
"""A title that says the table goes on from the sheet before: …部门支出总表（续）, …续表."""
_CONTINUED_SHEET = re.compile(r"[（(]\s*续\s*[）)]$|(?<![延持继手连陆存])续表?\s*\d{0,2}$")
"""A sheet named as the rest of the one before it: 表3续, 表3（续）, 表3续表, 表3续1 (not 项目延续, 持续)."""
_BRACKETED_MARK = re.compile(r"[（(]([^（）()]{1,12})[）)]$")
_MARK_SEPARATOR = re.compile(r"[\s\u3000]+|[:：、.．]\s*")


def split_title_marks(text: str) -> tuple[str, list[str]]:
    """A title without the table number typed in the same cell before or after it, and the numbers.

    ``表一  2024年部门收支总表`` → (``2024年部门收支总表``, [``表一``]); ``收入决算表 公开02表`` → (``收入决算表``,
    [``公开02表``]). A title that is only a number, or has none, is returned as it is.
    """
    title = text.strip()
    marks: list[str] = []
    first = _MARK_SEPARATOR.search(title)
    if first is not None and first.start() > 0 and is_table_mark(title[: first.start()]) and title[first.end():].strip():
        marks.append(title[: first.start()])
        title = title[first.end():].strip()
    words = title.rsplit(None, 1)
    if len(words) == 2 and is_table_mark(words[1]) and not is_table_mark(words[0]):
        marks.append(words[1])
        title = words[0].strip()
    bracketed = _BRACKETED_MARK.search(title)
    if bracketed is not None and bracketed.start() > 0 and is_table_mark(bracketed.group(1)):
        marks.append(bracketed.group(1).strip())  # 收入决算表（公开02表）
        title = title[: bracketed.start()].strip()
    return title, marks


def _lone_text(texts: list[tuple[int, str]]) -> bool:
    """A row holding one line of words and no figure: a note's continued line (“2.本表金额单位为万元……”)."""
    if len(texts) != 1:
        return False
    kind, _value, _percent = parse_figure(texts[0][1])
    return kind is CellKind.TEXT and len(texts[0][1].strip()) >= 6


def _read(path: str, sheets: list[Sheet], kind: str) -> ImportedDocument:
    reader = _WorkbookReader(path, kind)
    reader.document.pages = len(sheets)
    for index, sheet in enumerate(sheets):
        reader.sheet(sheet, index)
    reader.dropped_from_text()
    reader.document.body = build_body(reader.items)
    return reader.document
