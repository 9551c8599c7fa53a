"""Plain records for a document read from a PDF or a workbook, before it is mapped to content.

The structure is faithful to what was printed: every figure keeps its printed text, a blank
cell stays blank, codes stay in the columns they were printed in, and every element keeps
where it came from (pages or sheet and cells) and the text it was built from.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field


class CellKind(str, enum.Enum):
    """What a cell holds, as printed."""

    BLANK = "blank"
    NUMBER = "number"
    """A figure: ``value`` holds its normalised decimal text."""
    DASH = "dash"
    """A placeholder printed instead of a figure: ``-``, ``—``, ``——``, ``/``."""
    TEXT = "text"


TO_FILL = "待填"
"""What the reader writes for a figure the file does not hold (a formula saved without its result): the content
format's figure-to-fill, which pubgen check asks the editor to fill from the original."""


WORD_PLACE = "Word 文档"
"""How the parts of a Word document read as sheets begin their names (``Word 文档第 3 个表格``)."""


class Severity(str, enum.Enum):
    """How much a note matters to whoever maps the structure."""

    INFO = "info"
    WARNING = "warning"


@dataclass(slots=True, frozen=True)
class Origin:
    """Where an element was read from and the text it was built from."""

    pages: tuple[int, ...] = ()
    """1-based PDF pages; empty for a workbook."""
    sheet: str = ""
    """Workbook sheet name; empty for a PDF."""
    ref: str = ""
    """Workbook cell or range, e.g. ``A3`` or ``A3:M3``."""
    text: str = ""
    """The printed lines the element was built from, joined by newlines."""

    def where(self) -> str:
        """Describe the place in Chinese, e.g. ``第 7 页`` or ``工作表“封面”A3``."""
        if self.sheet:
            return self.sheet_place() + self.ref
        if not self.pages:
            return ""
        if len(self.pages) == 1:
            return f"第 {self.pages[0]} 页"
        return f"第 {self.pages[0]}–{self.pages[-1]} 页"

    def sheet_place(self) -> str:
        """``工作表“表1”``; a Word document's part by itself (``Word 文档第 3 个表格 ``): it has no worksheets."""
        if self.sheet.startswith(WORD_PLACE):
            return self.sheet + " "
        return f"工作表“{self.sheet}”"


@dataclass(slots=True)
class Note:
    """Something the reader noticed: text it could not place, a hidden sheet, a formula."""

    code: str
    """Stable kebab-case identifier, e.g. ``text-not-placed``."""
    message: str
    """What was noticed, in Chinese, naming the place."""
    origin: Origin
    severity: Severity = Severity.WARNING


@dataclass(slots=True)
class Cell:
    """One cell of a table's grid, header or body."""

    text: str
    """As printed (PDF) or as displayed by its number format (workbook); empty when blank."""
    kind: CellKind
    value: str | None = None
    """Normalised decimal text of a figure (``1,486.42`` → ``1486.42``), else None."""
    row: int = 0
    """Grid row, 0-based, counted from the table's first header row (per page for a PDF)."""
    col: int = 0
    """Grid column, 0-based."""
    rowspan: int = 1
    colspan: int = 1
    wrapped: bool = False
    """The text was joined from more than one printed line."""
    formula: str | None = None
    """Workbook only: the formula whose cached value this is."""
    number_format: str | None = None
    """Workbook only: the cell's number format."""
    hidden: bool = False
    """Workbook only: the cell's row or column is hidden."""
    origin: Origin = field(default_factory=Origin)
    indent: int = 0
    """Workbook only: spaces typed before the text (a full-width space counts two), which ``text`` leaves out."""
    date: bool = False
    """Workbook only: the cell holds a date (Excel shows 1月5日, 2026/1/5); ``text`` is the date as shown."""
    percent_of: str | None = None
    """Workbook only: the number stored in a cell its format shows as a percentage (20 shown as ``2000.00%``)."""


class ColumnRole(str, enum.Enum):
    """What a table column holds in the body."""

    CODE = "code"
    """A classification code or one level of it (类, 款, 项)."""
    LABEL = "label"
    """Row labels: 科目名称, 项目."""
    FIGURES = "figures"


@dataclass(slots=True)
class Column:
    """One grid column: its header labels from top to bottom and its role."""

    index: int
    path: tuple[str, ...]
    """Header texts of the cells above this column, outermost first, without repeats."""
    role: ColumnRole


@dataclass(slots=True)
class TableSide:
    """Side-by-side halves of one table (收入 | 支出, 人员经费 | 公用经费): a column range."""

    first: int
    last: int
    """Inclusive column range."""
    code_columns: tuple[int, ...]
    label_column: int | None
    figure_columns: tuple[int, ...]


@dataclass(slots=True)
class Entry:
    """One row of one side: its code as printed, its label and its figures."""

    side: int
    code: tuple[str, ...]
    """Code parts as printed, left to right, blanks left out: ``("201", "13", "01")`` or ``("2011301",)``."""
    label: str
    label_wrapped: bool
    figures: tuple[Cell, ...]
    """The side's figure cells in column order, blank ones included."""
    indent: int = 0
    """Spaces printed before the label (a full-width space counts two): names without codes shown as a hierarchy."""

    @property
    def code_text(self) -> str:
        """The code as one string, e.g. ``2011301``."""
        return "".join(self.code)


@dataclass(slots=True)
class Row:
    """One body row: every grid column's cell, blank ones included."""

    cells: list[Cell]
    entries: list[Entry]
    origin: Origin


@dataclass(slots=True)
class TablePart:
    """Where a table continues onto another page, and whether its header was printed again."""

    page: int
    header_repeated: bool


@dataclass(slots=True)
class Table:
    """One disclosure table found by its title line, across every page it fills."""

    title: str
    """The title line as printed, e.g. ``2025年部门收入预算总表``."""
    issuer_label: str = ""
    """``编制部门`` or ``编制单位`` as printed; empty when the table prints none."""
    issuer: str = ""
    """The name after the issuer label."""
    unit: str = ""
    """``元`` or ``万元``; empty when none is printed."""
    unit_text: str = ""
    """The unit line as printed, e.g. ``单位：元``."""
    meta: list[str] = field(default_factory=list)
    """Other short lines printed between the title and the grid, as printed (``财决01表``, ``2024年度``)."""
    header: list[list[Cell]] = field(default_factory=list)
    """Header rows; each holds the cells that start in it, with their spans."""
    columns: list[Column] = field(default_factory=list)
    sides: list[TableSide] = field(default_factory=list)
    """Side-by-side halves (收入 | 支出); one side for an ordinary table."""
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Lines printed under the table, e.g. ``注：本单位无政府性基金预算财政拨款收支，故本表无数据``."""
    parts: list[TablePart] = field(default_factory=list)
    """Continuation pages after the first."""
    hidden: bool = False
    """Workbook only: the sheet is hidden."""
    zeros_shown_as_dash: list[str] = field(default_factory=list)
    """Workbook only: the cells (``C6``) that store 0 and were shown as “-” by their format, imported as 0."""
    continued_on: list[str] = field(default_factory=list)
    """Workbook only: the sheets the table goes on to (表3（续）), whose rows were put after its own."""
    negatives_unsigned: list[str] = field(default_factory=list)
    """Workbook only: the cells that store a negative number their format shows without a sign (in red, say),
    imported with the sign."""
    origin: Origin = field(default_factory=Origin)

    @property
    def empty(self) -> bool:
        """No body row prints a figure."""
        return not any(c.kind is CellKind.NUMBER for r in self.rows for c in r.cells)


@dataclass(slots=True)
class Heading:
    """A heading line: a page title, a part (第一部分) or a numbered heading (一、 （一） 1.)."""

    text: str
    """The heading without its numbering."""
    numbering: str = ""
    """As printed: ``一、``, ``（一）``, ``1.``, ``1、``, ``第一部分``; empty for a page title."""
    level: int = 0
    """0 page title or part, 1 一、, 2 （一）, 3 1. / 1、, 4 （1）."""
    origin: Origin = field(default_factory=Origin)


@dataclass(slots=True)
class Paragraph:
    """A paragraph re-joined across line and page breaks, without inserting any space."""

    text: str
    numbering: str = ""
    """The list number it starts with as printed, e.g. ``1、`` or ``（三）``; empty when none."""
    origin: Origin = field(default_factory=Origin)


@dataclass(slots=True)
class ListBlock:
    """Consecutive paragraphs numbered in one style (1、 2、 … or （一） （二） …)."""

    items: list[Paragraph]
    origin: Origin = field(default_factory=Origin)


@dataclass(slots=True)
class GlossaryEntry:
    """One 名词解释 entry."""

    term: str
    definition: str
    numbering: str = ""
    origin: Origin = field(default_factory=Origin)


@dataclass(slots=True)
class Glossary:
    """The 名词解释 list: term → definition, in printed order."""

    entries: list[GlossaryEntry]
    origin: Origin = field(default_factory=Origin)


BodyBlock = Heading | Paragraph | ListBlock | Table | Glossary
"""One element of a document's body, in printed order."""


@dataclass(slots=True)
class TocEntry:
    """One line of the 目录."""

    text: str
    """The entry without its numbering and dot leaders."""
    numbering: str = ""
    level: int = 0
    """0 for 第一部分, 1 for 一、, 2 for （一）, 3 for 1. / 1、."""
    page: str = ""
    """The page number printed after the dot leaders, when there is one."""
    origin: Origin = field(default_factory=Origin)


@dataclass(slots=True)
class Cover:
    """The cover page: title lines, the body named on it and the year."""

    title: str = ""
    """Title lines joined, e.g. ``上海市普陀区2025年区级部门预算``."""
    body_label: str = ""
    """``预算主管部门``, ``预算单位`` …, as printed; empty when the cover names the body alone."""
    body: str = ""
    """The department or unit named on the cover."""
    year: int | None = None
    lines: tuple[str, ...] = ()
    origin: Origin = field(default_factory=Origin)
    published: dt.date | None = None
    """Workbook only: the 公开日期 a date cell on the cover holds (its text, as shown, is among ``lines``)."""
    report_date: dt.date | None = None
    """Workbook only: the 报告日期 (填报日期) a date cell on the cover holds."""


@dataclass(slots=True)
class ImportedDocument:
    """Everything read from one file."""

    path: str
    """The file as given."""
    source_kind: str
    """``pdf``, ``xlsx``, ``xlsm``, ``xls`` or ``docx``."""
    pages: int = 0
    """PDF page count, the workbook's sheet count, or a Word document's table count."""

    @property
    def size_text(self) -> str:
        """How big the file is in its own terms: ``12 页``, ``9 个工作表``, ``9 张表格``."""
        if self.source_kind == "pdf":
            return f"{self.pages} 页"
        if self.source_kind == "docx":
            return f"{self.pages} 张表格"
        return f"{self.pages} 个工作表"
    cover: Cover = field(default_factory=Cover)
    toc: list[TocEntry] = field(default_factory=list)
    body: list[BodyBlock] = field(default_factory=list)
    """Headings, paragraphs, lists, tables and the glossary in printed order."""
    notes: list[Note] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        """Every table in printed order."""
        return [block for block in self.body if isinstance(block, Table)]
