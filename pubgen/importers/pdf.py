"""Read a published disclosure PDF into an ImportedDocument."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import NoTextLayer, NotADisclosure, TooLarge
from .labels import plain_title, strip_unit_note
from .narrative import FlowLine, build_body, join_lines
from .pdf_grid import Grid, find_grids, place_glyphs
from .pdf_lines import TextLine, group_lines, spell_cell, split_segments
from .pdf_page import ImageBox, PageContent, open_pdf, read_pages
from .structure import (
    Cover,
    Entry,
    ImportedDocument,
    Note,
    Origin,
    Severity,
    Cell,
    Table,
    TablePart,
    TocEntry,
)
from .tables import RawCell, RawGrid, assemble, build_header, build_rows, header_rows, header_texts
from .text import (
    cover_title,
    find_year,
    is_date_line,
    is_table_mark,
    is_unreadable,
    is_wide,
    match_issuer,
    match_unit,
    meta_parts,
    split_numbering,
)

MAX_PAGES = 1000
"""Refuse PDFs longer than this: no disclosure is, and reading one takes about 10 ms a page."""

_PAGE_NUMBER = re.compile(
    r"^(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|[ivxlcIVXLC]{1,6})$"
)
_TOC = re.compile(r"^目\s*录$")
_LEADER = re.compile(r"[.．。·…⋯—_\-]{3,}\s*(\d{0,4})\s*$")
_TITLE_END = re.compile(r"表\s*(?:[（(]续[）)]|（?续表）?)?$")
_QUALIFIED_TITLE = re.compile(r"表\s*[（(][^（）()]{1,24}[）)]$")
"""A table's name with what it covers after it: 一般公共预算基本支出表（按部门预算支出经济分类）, 部门收入总表（2025年）."""
_LEADING_MARK = re.compile(r"(?P<mark>\S{2,8})\s+(?P<title>\S.*)$")
"""A word before a title (表3, 公开02表) and the title."""
_CONTINUED = re.compile(r"[（(]\s*续表?\s*\d{0,2}\s*[）)]$|续表\s*\d{0,2}$")
"""A title saying the table goes on from the page before: …支出决算表（续）, （续表）, (续1), …续表."""
_TRAILING_MARK = re.compile(r"[（(]([^（）()]{1,12})[）)]$")
_SENTENCE = re.compile(r"[，。；,;]")
_STOPS = ("。", "；", "：", "！", "？", ":", ";", "!", "?", "”", "）", ")", "」", "…")
_NOTE = re.compile(r"^(?:注|说明|备注)\s*[:：]|^注\s*\d?\s*[、.．:：]|^注[^\w]")


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    items: list[TextLine | Grid]
    unreadable: int = 0
    images: list[ImageBox] = field(default_factory=list)
    """Where the page draws images; see :func:`_pictures` for the ones that hold content."""


@dataclass(slots=True)
class _Margins:
    left: float
    right: float


@dataclass(slots=True)
class _Reader:
    path: str
    notes: list[Note] = field(default_factory=list)

    def note(self, code: str, message: str, origin: Origin, severity: Severity = Severity.WARNING) -> None:
        self.notes.append(Note(code, message, origin, severity))


def _page_items(content: PageContent) -> _Page:
    grids = find_grids(content.edges)
    # Office suites draw a long cell's whole text on every page it crosses and clip it to the
    # page: only what falls on the page was printed there.
    shown = [
        g for g in content.glyphs if 0 <= g.cx <= content.width and 0 <= g.cy <= content.height
    ]
    outside = place_glyphs(grids, shown)
    lines = group_lines(outside, content.number)
    unreadable = sum(1 for g in content.glyphs if is_unreadable(g.text))
    kept = [line for line in lines if not _is_page_furniture(line, content.height)]
    items: list[TextLine | Grid] = [*kept, *grids]
    items.sort(key=lambda item: item.top)
    return _Page(content.number, content.width, content.height, items, unreadable, content.image_boxes)


def _pictures(page: _Page) -> list[ImageBox]:
    """The images on a page that print something the importer cannot read: a scanned page, a table pasted as a picture.

    A picture is wide and tall enough to hold a table or a page, and no text or ruled table
    is printed over it: a page scanned with a text layer, a background or a watermark under
    the text, a logo or a seal are none.
    """
    found: list[ImageBox] = []
    for box in page.images:
        x0, x1 = max(box.x0, 0.0), min(box.x1, page.width)
        top, bottom = max(box.top, 0.0), min(box.bottom, page.height)
        if x1 - x0 < page.width * 0.3 or bottom - top < max(page.height * 0.04, 30.0):
            continue
        if bottom < page.height * 0.15 or top > page.height * 0.85:
            continue  # a letterhead banner or a footer band in the margin: page furniture, not a lost table
        covered = any(
            x0 <= (item.x0 + item.x1) / 2 <= x1 and top <= (item.top + item.bottom) / 2 <= bottom
            for item in page.items
            if isinstance(item, TextLine)
        ) or any(
            item.x0 < x1 and x0 < item.x1 and item.top < bottom and top < item.bottom
            for item in page.items
            if isinstance(item, Grid)
        )
        clipped = ImageBox(x0, top, x1, bottom)
        if not covered and not any(_same_box(clipped, other) for other in found):
            found.append(clipped)
    found.sort(key=lambda box: box.top)
    return found


def _same_box(a: ImageBox, b: ImageBox) -> bool:
    return abs(a.x0 - b.x0) < 2 and abs(a.top - b.top) < 2 and abs(a.x1 - b.x1) < 2 and abs(a.bottom - b.bottom) < 2


def _is_page_furniture(line: TextLine, height: float) -> bool:
    """A page number in the top or bottom margin."""
    in_margin = line.top > height * 0.88 or line.bottom < height * 0.08
    return in_margin and bool(_PAGE_NUMBER.match(line.text.strip()))


_NUMBER_IN_MARGIN = re.compile(
    r"第\s*\d{1,4}\s*页|共\s*\d{1,4}\s*页|[-－—–]\s*\d{1,4}\s*[-－—–]|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?<=\s)\d{1,4}$|^\d{1,4}(?=\s)"
)
"""A page number inside a running header or footer line (``长沙市岳麓区民政局 … 第 3 页``)."""


def _running_key(line: TextLine, page: _Page) -> tuple[str, bool, int]:
    """What a margin line prints with its page number masked, its margin and its distance from that edge.

    Word and WPS print the department's name and the page number on one footer line
    (``长沙市岳麓区民政局      第 5 页``): the line differs on every page only by its number.
    The distance is measured from the nearer edge, so that a footer keeps its key on
    landscape and portrait pages alike.
    """
    parts = []
    for segment in split_segments(line):
        text = segment.text.strip()
        parts.append("#" if _PAGE_NUMBER.match(text) else _NUMBER_IN_MARGIN.sub("#", text))
    top = line.top < page.height * 0.5
    distance = line.top if top else page.height - line.bottom
    return " ".join(parts), top, round(distance / 4)


def _in_margin(line: TextLine, page: _Page) -> bool:
    return line.top < page.height * 0.08 or line.bottom > page.height * 0.92


def _drop_running_heads(pages: list[_Page]) -> None:
    """Drop a line printed at the same place on most pages (a running header or footer).

    Lines that differ only by the page number they carry count as the same line.
    """
    if len(pages) < 4:
        return
    counts: dict[tuple[str, bool, int], int] = {}
    for page in pages:
        for item in page.items:
            if (
                isinstance(item, TextLine)
                and _in_margin(item, page)
                # A table title printed again on each continued page is no running header, nor are the
                # marks of the tables (附表 1, 附表 2 … differ only by a number, as page numbers do).
                and not _is_title(item)
                and not any(
                    match_issuer(s.text) or match_unit(s.text) or is_table_mark(s.text) for s in split_segments(item)
                )
            ):
                key = _running_key(item, page)
                counts[key] = counts.get(key, 0) + 1
    running = {key for key, n in counts.items() if n >= max(3, len(pages) // 2)}
    if not running:
        return
    for page in pages:
        page.items = [
            item
            for item in page.items
            if not (isinstance(item, TextLine) and _in_margin(item, page) and _running_key(item, page) in running)
        ]


def _margins(pages: list[_Page]) -> dict[int, _Margins]:
    """The running text's left and right margins for each page width.

    The left margin is read from the pages of text where a width has some: the lines around the tables (编制单位, 注)
    follow the table pages' own margins (Excel's 15 mm beside Word's 31.8 mm), and, counted with the text, made every
    line of a short document's narrative look indented, each a paragraph of its own (“基本支出690.” / “83万元”).
    """
    by_width: dict[int, tuple[list[float], list[float]]] = {}
    text_lefts: dict[int, list[float]] = {}
    for page in pages:
        lefts, rights = by_width.setdefault(round(page.width), ([], []))
        tabled = any(isinstance(item, Grid) for item in page.items)
        for item in page.items:
            if isinstance(item, TextLine) and len(item.text) >= 15:
                lefts.append(round(item.x0))
                rights.append(item.x1)
                if not tabled:
                    text_lefts.setdefault(round(page.width), []).append(round(item.x0))
    result: dict[int, _Margins] = {}
    for width, (lefts, rights) in by_width.items():
        if not lefts:
            result[width] = _Margins(width * 0.1, width * 0.9)
            continue
        counts: dict[float, int] = {}
        for value in text_lefts.get(width) or lefts:
            counts[value] = counts.get(value, 0) + 1
        left = min(v for v, n in counts.items() if n >= max(counts.values()) * 0.3)
        # Justified text ends on one x: the most common line end is the right margin.
        ends: dict[int, int] = {}
        for value in rights:
            ends[round(value / 2)] = ends.get(round(value / 2), 0) + 1
        common, count = max(ends.items(), key=lambda kv: (kv[1], kv[0]))
        rights.sort()
        right = common * 2.0 if count >= len(rights) * 0.2 else rights[int(len(rights) * 0.9)]
        result[width] = _Margins(left, right)
    return result


def _line_spacing(page: _Page) -> float:
    """The usual space between two lines of one paragraph on this page, in line heights."""
    lines = [item for item in page.items if isinstance(item, TextLine)]
    gaps = sorted(
        (b.top - a.bottom) / max(b.size, 6.0)
        for a, b in zip(lines, lines[1:])
        if len(a.text) >= 15 and b.top > a.bottom
    )
    return gaps[len(gaps) // 2] if gaps else 0.3


def _flow(
    line: TextLine, page: _Page, margins: _Margins, previous: TextLine | None, page_start: bool, spacing: float
) -> FlowLine:
    size = max(line.size, 6.0)
    centre = (line.x0 + line.x1) / 2
    centred = (
        abs(centre - page.width / 2) < 3 * size
        and line.x0 > margins.left + 2 * size
        and line.x1 < margins.right - 2 * size
    )
    text = line.text.strip()
    centred = centred and len(text) <= 40 and not _SENTENCE.search(text)
    gap_em = (line.top - previous.bottom) / size if previous is not None else 0.0
    gap = gap_em > max(0.9, spacing * 1.6 + 0.2)
    short = margins.right - line.x1
    # Chinese paragraphs end on a stop; a line that merely wraps early (a long figure
    # moved to the next line) ends short without one.
    ends_short = short > 1.5 * size and (text.endswith(_STOPS) or short > 6 * size)
    return FlowLine(
        text=text,
        origin=Origin((page.number,), text=line.text),
        indent=line.x0 > margins.left + 0.8 * size,
        ends_short=ends_short,
        fill=(line.x1 - margins.left) / max(margins.right - margins.left, 1.0),
        gap_before=gap,
        gap_em=gap_em,
        centred=centred,
        page_start=page_start,
    )


def _grid_to_raw(grid: Grid, page: int) -> tuple[RawGrid, dict[int, Origin]]:
    cells: list[RawCell] = []
    texts_by_row: dict[int, list[str]] = {}
    for cell in grid.cells:
        text, wrapped = spell_cell(cell.glyphs)
        cells.append(
            RawCell(
                cell.row,
                cell.col,
                cell.rowspan,
                cell.colspan,
                text,
                wrapped=wrapped,
                origin=Origin((page,), text=text),
            )
        )
        texts_by_row.setdefault(cell.row, []).append(text)
    origins = {row: Origin((page,), text=" | ".join(texts)) for row, texts in texts_by_row.items()}
    return RawGrid(grid.n_rows, grid.n_cols, cells), origins


def _is_title(line: TextLine) -> bool:
    text = line.text.strip()
    mark = _TRAILING_MARK.search(text)
    if mark and is_table_mark(mark.group(1)):
        text = text[: mark.start()].rstrip()  # 收入决算表（公开02表）
    text = strip_unit_note(text)[0]  # 财政拨款收入支出决算总表（单位：万元）
    return (
        len(text) <= 80
        and bool(_TITLE_END.search(text) or _QUALIFIED_TITLE.search(text))
        and match_issuer(text) is None
        # 公开02表, 财决01表, 表2 printed over or beside the title mark the table; they are not its title.
        and not is_table_mark(text)
    )


def _title_and_marks(line: TextLine) -> tuple[str, list[str]]:
    """A title line's text without a mark printed on the same line (``收入决算表      公开02表``), and the marks."""
    segments = [segment.text.strip() for segment in split_segments(line)]
    marks = [text for text in segments if is_table_mark(text)]
    rest = [text for text in segments if not is_table_mark(text)]
    if not marks or not rest:
        # “表3 一般公共预算支出预算表”: the number typed before the title, a word apart.
        text = line.text.strip()
        lead = _LEADING_MARK.match(text)
        if lead is not None and is_table_mark(lead["mark"]) and not is_table_mark(lead["title"]):
            return lead["title"].strip(), [lead["mark"]]
        return text, []
    return " ".join(rest), marks


@dataclass(slots=True)
class _Open:
    """The table being read, kept open so a grid on the next page can continue it."""

    table: Table
    n_cols: int
    xs: list[float]
    header: list[str]
    page: int
    row_base: int
    open_bottom: bool = False
    """The last grid read ends in a row with no rule under it: the row goes on at the next page's top."""


class _Assembler:
    """Walk the pages in order, building tables and collecting running text."""

    def __init__(self, reader: _Reader, margins: dict[int, _Margins]) -> None:
        self.reader = reader
        self.margins = margins
        self.items: list[FlowLine | Table] = []
        self.open: _Open | None = None
        self.tables: list[Table] = []
        self.parted = False
        """Something that could not be read stood before the next line: it starts a new paragraph."""
        self.unruled: list[str] = []
        """``第 5 页“收入决算表”`` for each table title with no ruled grid below it."""
        self.pictured: list[str] = []
        """The same for each table title over a picture of the table."""

    def page(self, page: _Page) -> None:
        margins = self.margins[round(page.width)]
        if _scanned(page):
            # A scanned page: read_pdf reports it. Whatever it holds stands between the tables around it.
            self.open = None
            self.parted = True
            return
        pending: list[TextLine] = []
        previous: TextLine | None = None
        after_grid = False
        last_grid: Grid | None = None
        walk: list[TextLine | Grid | ImageBox] = [*page.items, *_pictures(page)]
        walk.sort(key=lambda item: item.top)
        for item in walk:
            if isinstance(item, ImageBox):
                self._picture(item, page, pending, margins)
                pending = []
                previous = None
                after_grid = False
                continue
            if isinstance(item, Grid):
                self._grid(item, page, pending, margins)
                pending = []
                previous = None
                after_grid = True
                last_grid = item
                continue
            if after_grid and self.open is not None and (_NOTE.match(item.text.strip()) or self._note_goes_on(item, previous)):
                notes = self.open.table.notes
                right = min(margins.right, last_grid.x1) if last_grid is not None else margins.right
                if notes and previous is not None and _wraps_on(previous, item, right):
                    # One note wrapped onto the next line: “…故本表无数” / “据。”.
                    notes[-1] = join_lines([notes[-1], item.text.strip()])
                else:
                    notes.append(item.text.strip())
                self.open.table.origin = _extend(self.open.table.origin, page.number)
                previous = item
                continue
            after_grid = False
            pending.append(item)
            previous = item
        # Lines left after the last grid are running text.
        self._warn_unruled(pending, page)
        self._flush_text(pending, page, margins)

    def _warn_unruled(self, lines: list[TextLine], page: _Page) -> None:
        """A table title and its 单位 line with no ruled grid below: say the table was read as text."""
        for title, after in zip(lines, lines[1:]):
            if _is_title(title) and self._meta(after):
                self.unruled.append(f"第 {page.number} 页“{title.text.strip()}”")
                self.reader.note(
                    "table-without-rules",
                    f"第 {page.number} 页“{title.text.strip()}”下面没有表格框线，无法按栏读取，已作为正文读入。"
                    "请导入原 Excel 工作簿，或向发布单位索取带框线的 PDF。",
                    Origin((page.number,), text=title.text),
                )

    def _picture(self, box: ImageBox, page: _Page, pending: list[TextLine], margins: _Margins) -> None:
        """An image printed where a table or text should be: say what was lost, under which title if it has one."""
        title_index = None
        for index in range(len(pending) - 1, max(len(pending) - 5, -1), -1):
            if _is_title(pending[index]):
                title_index = index
                break
        after = pending[title_index + 1 :] if title_index is not None else []
        if (
            title_index is not None
            and split_numbering(pending[title_index].text)[1] != 0  # 第二部分 …决算表: a part of the document, not a title
            and all(self._meta(line) or is_table_mark(line.text) for line in after)
        ):
            # 公开07表 / 表名 / 编制单位：…  单位：万元 over a picture of the table: the table is lost, not read as text.
            before = pending[:title_index]
            while before and is_table_mark(before[-1].text):
                before.pop()
            self._flush_text(before, page, margins)
            title = _title_and_marks(pending[title_index])[0]
            self.pictured.append(f"第 {page.number} 页“{title}”")
            self.reader.note(
                "table-as-image",
                f"第 {page.number} 页的“{title}”印成了一张图片，没有文字，表中的文字和数字无法读取，这张表没有导入。"
                "请导入原 Excel 工作簿，或向发布单位索取由原软件直接导出的 PDF，或照原文手工录入这张表。",
                Origin((page.number,)),
            )
        else:
            self._flush_text(pending, page, margins)
            self.reader.note(
                "image-not-read",
                f"第 {page.number} 页有一张图片（可能是扫描的表格、文字或图表），导入工具不读取图片中的文字和数字，未能导入。"
                "请对照原文核对，需要公开的内容请照原文手工录入。",
                Origin((page.number,)),
            )
        self.open = None
        self.parted = True

    def _note_goes_on(self, line: TextLine, previous: TextLine | None) -> bool:
        if self.open is None or not self.open.table.notes or previous is None:
            return False
        return line.top - previous.bottom < 0.6 * max(line.size, 6.0) and not _is_title(line)

    def _flush_text(self, lines: list[TextLine], page: _Page, margins: _Margins) -> None:
        previous: TextLine | None = None
        spacing = _line_spacing(page)
        for index, line in enumerate(lines):
            flow = _flow(line, page, margins, previous, index == 0 and self._page_start(page, line), spacing)
            if self.parted:
                flow.gap_before = True
                self.parted = False
            self.items.append(flow)
            previous = line
            self.open = None if flow.text else self.open

    def _page_start(self, page: _Page, line: TextLine) -> bool:
        for item in page.items:
            if isinstance(item, TextLine):
                return item is line
        return False

    def _grid(self, grid: Grid, page: _Page, pending: list[TextLine], margins: _Margins) -> None:
        title_index = None
        for index in range(len(pending) - 1, max(len(pending) - 5, -1), -1):
            if _is_title(pending[index]):
                title_index = index
                break
        raw, origins = _grid_to_raw(grid, page.number)
        if title_index is None:
            if not pending and self.open is not None:
                self._continue(raw, origins, grid, page)
                return
            meta = [line for line in pending if self._meta(line)]
            marks = [line for line in pending if is_table_mark(line.text)]
            text_lines = [line for line in pending if line not in meta and line not in marks]
            self._flush_text(text_lines, page, margins)
            table = Table(title="", origin=Origin((page.number,), text=""))
            table.meta.extend(line.text.strip() for line in marks)
            for line in meta:
                self._apply_meta(table, line)
            self.reader.note(
                "table-without-title",
                f"第 {page.number} 页的表格上方没有找到表名，已作为无标题表格读入。",
                Origin((page.number,), text=" | ".join(c.text for c in raw.cells[:6])),
            )
            self._start(table, raw, origins, grid, page)
            return
        before = pending[:title_index]
        marks_above: list[str] = []
        while before and is_table_mark(before[-1].text):
            # 公开02表 printed over the title.
            marks_above.insert(0, before.pop().text.strip())
        title_line = pending[title_index]
        after = pending[title_index + 1 :]
        self._flush_text(before, page, margins)
        title, marks_beside = _title_and_marks(title_line)
        if self.open is not None and (_CONTINUED.search(title) or self._printed_again(title, after, raw, page)):
            self._continue(raw, origins, grid, page)
            return
        table = Table(title=title, origin=Origin((page.number,), text=title_line.text))
        table.meta.extend(marks_above + marks_beside)
        leftovers: list[TextLine] = []
        for line in after:
            if not self._apply_meta(table, line):
                leftovers.append(line)
        for line in leftovers:
            table.meta.extend(segment.text.strip() for segment in split_segments(line))
        self._start(table, raw, origins, grid, page)

    def _meta(self, line: TextLine) -> bool:
        return all(match_issuer(text) is not None or match_unit(text) is not None for text in _meta_texts(line))

    def _apply_meta(self, table: Table, line: TextLine) -> bool:
        texts = _meta_texts(line)
        if not any(match_issuer(text) is not None or match_unit(text) is not None for text in texts):
            return False
        for text in texts:
            if match_issuer(text) is None and match_unit(text) is None:
                # 2024年度, 财决01表: short marks printed on the issuer's line.
                table.meta.append(text.strip())
                continue
            issuer = match_issuer(text)
            if issuer is not None:
                table.issuer_label, table.issuer = issuer
                continue
            unit = match_unit(text)
            if unit is not None:
                table.unit = unit
                table.unit_text = text.strip()
        table.origin = Origin(table.origin.pages, text=table.origin.text + "\n" + line.text)
        return True

    def _start(self, table: Table, raw: RawGrid, origins: dict[int, Origin], grid: Grid, page: _Page) -> None:
        assemble(table, raw, origins)
        self.items.append(table)
        self.tables.append(table)
        self.open = _Open(table, raw.n_cols, grid.xs, header_texts(table.header), page.number, raw.n_rows, grid.open_bottom)

    def _printed_again(self, title: str, after: list[TextLine], raw: RawGrid, page: _Page) -> bool:
        """Whether a page starts with the open table's title, unit and header again: a continued page, not a new table.

        Office suites print a sheet's "rows to repeat at top" on every page, and some
        publishers set them to the title and the issuer line as well as the header.
        """
        assert self.open is not None
        current = self.open
        last_page = current.table.parts[-1].page if current.table.parts else current.page
        if page.number != last_page + 1 or not title or plain_title(title) != plain_title(current.table.title):
            return False
        texts = [text for line in after for text in _meta_texts(line)]
        if any((unit := match_unit(text)) is not None and unit != current.table.unit for text in texts):
            return False
        if any((issuer := match_issuer(text)) is not None and issuer[1] != current.table.issuer for text in texts):
            return False  # the same table of another unit
        n_header = header_rows(raw)
        header = header_texts(build_header(raw, n_header)[0])
        return bool(header) and header == current.header[: len(header)]

    def _continue(self, raw: RawGrid, origins: dict[int, Origin], grid: Grid, page: _Page) -> None:
        assert self.open is not None
        current = self.open
        n_header = header_rows(raw)
        header, _body = build_header(raw, n_header)
        repeated = bool(n_header) and header_texts(header) == current.header[: len(header_texts(header))]
        rows_before = len(current.table.header)
        if not repeated and 0 < rows_before < raw.n_rows and rows_before != n_header:
            # The header printed again over a first row of text only (the rest of a row broken across the
            # page break, ``金支出``), which looks like one more header row: the first page's header decides.
            again = header_texts(build_header(raw, rows_before)[0])
            if again == current.header:
                n_header, repeated = rows_before, True
        if not repeated:
            # Rows of text at the top of a continued page are body rows (结余分配 …), not a header.
            n_header = 0
        header, body = build_header(raw, n_header)
        if raw.n_cols != current.n_cols and not _realign(body, grid.xs, current.xs):
            self.reader.note(
                "continued-columns-differ",
                f"第 {page.number} 页是“{current.table.title}”的续页，但栏目数不同（{raw.n_cols} 栏，首页 {current.n_cols} 栏），有单元格对不上首页的任何一栏，请核对。",
                Origin((page.number,), text=""),
            )
        if current.open_bottom or grid.open_top:
            body = self._join_broken_row(body, page)
        current.open_bottom = grid.open_bottom
        offset = current.row_base
        for cell in body:
            cell.row += offset
        shifted = {row + offset: origin for row, origin in origins.items()}
        rows = build_rows(body, current.table.columns, current.table.sides, shifted)
        current.table.rows.extend(rows)
        current.table.parts.append(TablePart(page.number, repeated))
        current.table.origin = _extend(current.table.origin, page.number)
        current.row_base += raw.n_rows

    def _join_broken_row(self, body: list[Cell], page: _Page) -> list[Cell]:
        """Put the rest of a row broken across the page break back onto it; the body without that rest.

        The first part of the row closed the page before with no rule under it; the rest, printed
        at the top of this page, holds only the end of the row's name (``金支出`` of
        ``城市最低生活保障金支出``): no code and no figure.
        """
        assert self.open is not None
        table = self.open.table
        if not body or not table.rows:
            return body
        first = min(cell.row for cell in body)
        rest = [cell for cell in body if cell.row == first and cell.text.strip()]
        labels = {side.label_column: side for side in table.sides if side.label_column is not None}
        if not rest or any(cell.col not in labels or cell.colspan != 1 for cell in rest):
            return body
        last = table.rows[-1]
        pairs: list[tuple[Entry, Cell]] = []
        for cell in rest:
            side = labels[cell.col]
            entry = next((e for e in last.entries if table.sides[e.side] is side and e.label), None)
            if entry is None:
                return body  # the row above has no name on that side to go on with
            pairs.append((entry, cell))
        shown = "；".join(f"“{entry.label}”＋“{cell.text.strip()}”" for entry, cell in pairs)
        for entry, cell in pairs:
            entry.label = join_lines([entry.label, cell.text.strip()])
            entry.label_wrapped = True
            label_cell = next((c for c in last.cells if c.col == cell.col), None)
            if label_cell is not None:
                label_cell.text = entry.label
        before = table.parts[-1].page if table.parts else self.open.page
        self.reader.note(
            "row-across-pages",
            f"第 {before}–{page.number} 页“{table.title or '无表名的表格'}”有一行跨页断开，"
            f"已把第 {page.number} 页顶上的名称接到上一页最后一行：{shown}，请对照原文核对。",
            Origin((before, page.number)),
        )
        last.origin = Origin(tuple(sorted(set(last.origin.pages) | {page.number})), text=last.origin.text)
        return [cell for cell in body if cell.row != first]


_NOTE_ENDS = ("。", "；", "！", "？", ";", "!", "?")


def _wraps_on(previous: TextLine, line: TextLine, right: float) -> bool:
    """Whether a line under a table carries on the note printed on the line above.

    The line above runs to the right edge (of the text or of the table) without ending its
    sentence, and this line starts no note of its own (注：, 2., （二）).
    """
    text = line.text.strip()
    if _NOTE.match(text) or split_numbering(text)[0]:
        return False
    size = max(previous.size, 6.0)
    return not previous.text.rstrip().endswith(_NOTE_ENDS) and previous.x1 >= right - 3 * size


def _realign(body: list[Cell], new_xs: list[float], old_xs: list[float]) -> bool:
    """Move a continued grid's cells onto the first page's columns by where they are printed.

    Returns False when a cell lies under none of the first page's columns.
    """
    clean = True
    for cell in body:
        left, right = new_xs[cell.col], new_xs[cell.col + cell.colspan]
        covered = [
            index
            for index in range(len(old_xs) - 1)
            if min(right, old_xs[index + 1]) - max(left, old_xs[index]) > 0.5 * (old_xs[index + 1] - old_xs[index])
        ]
        if not covered:
            clean = False
            continue
        cell.col = covered[0]
        cell.colspan = covered[-1] - covered[0] + 1
    return clean


def _extend(origin: Origin, page: int) -> Origin:
    pages = tuple(sorted(set(origin.pages) | {page}))
    return Origin(pages, origin.sheet, origin.ref, origin.text)


def _meta_texts(line: TextLine) -> list[str]:
    """The parts of a line under a table's title: its segments, and a segment typed as ``编制单位：…  单位：元`` split in two."""
    return [part for segment in split_segments(line) for part in meta_parts(segment.text)]


def _cover(page: _Page, stop: int) -> Cover:
    lines = [item for item in page.items[:stop] if isinstance(item, TextLine)]
    texts = [line.text.strip() for line in lines if line.text.strip()]
    cover = Cover(lines=tuple(texts), origin=Origin((page.number,), text="\n".join(texts)))
    title_parts: list[str] = []
    for text in texts:
        issuer = match_issuer(text)
        if issuer is not None:
            cover.body_label, cover.body = issuer
            continue
        if is_date_line(text):
            continue  # the publication date printed under the title
        title_parts.append(text.replace(" ", "") if _all_wide(text) else text)
    cover.title, named = cover_title(title_parts)
    cover.body = cover.body or named
    cover.year = find_year(cover.title)
    if not cover.body and title_parts:
        # 上海市普陀区财政局 / 2024年度部门决算: the body is the line before the year.
        for index, text in enumerate(title_parts):
            if find_year(text) is not None and index > 0:
                cover.body = title_parts[index - 1]
                break
    return cover


def _all_wide(text: str) -> bool:
    return all(is_wide(ch) or ch == " " for ch in text)


def _toc_entry(line: TextLine) -> TocEntry:
    text = line.text.strip()
    page_number = ""
    leader = _LEADER.search(text)
    if leader:
        page_number = leader.group(1)
        text = text[: leader.start()].rstrip()
    numbering, level, rest = split_numbering(text)
    return TocEntry(rest.strip() if numbering else text, numbering, max(level, 0), page_number, Origin((line.page,), text=line.text))


def _looks_like_toc(page: _Page) -> bool:
    lines = [item for item in page.items if isinstance(item, TextLine)]
    if not lines or any(isinstance(item, Grid) for item in page.items):
        return False
    return all(
        (bool(split_numbering(line.text)[0]) or bool(_LEADER.search(line.text))) and len(line.text.strip()) <= 60
        for line in lines
    )


def _scanned(page: _Page) -> bool:
    """A page that prints images and no text: a scanned page in a PDF that has a text layer elsewhere."""
    if page.items or not page.images:
        return False
    if _pictures(page):
        return True
    # A scan cut into strips: the images together cover much of the page.
    area = sum(
        max(min(box.x1, page.width) - max(box.x0, 0.0), 0.0) * max(min(box.bottom, page.height) - max(box.top, 0.0), 0.0)
        for box in page.images
    )
    return area >= page.width * page.height * 0.2


def _report_scanned_pages(pages: list[_Page], reader: _Reader) -> None:
    """Say which pages are only pictures: what they print (often a whole table) is not imported."""
    runs: list[list[int]] = []
    for page in pages:
        if not _scanned(page):
            continue
        if runs and runs[-1][-1] == page.number - 1:
            runs[-1].append(page.number)
        else:
            runs.append([page.number])
    for run in runs:
        where = Origin(tuple(run)).where()
        reader.note(
            "image-only-page",
            f"{where}只有图片，没有文字层（可能是扫描页），其中的文字和表格无法读取，未能导入；本工具不做文字识别（OCR）。"
            "请向发布单位索取由原软件直接导出的 PDF，或导入其 Excel 工作簿，或照原文手工录入。",
            Origin(tuple(run)),
        )


def _listed(places: list[str], shown: int = 4) -> str:
    """``第 5 页“收入决算表”、第 7 页“支出决算表”等 9 处``."""
    text = "、".join(places[:shown])
    return text + (f"等 {len(places)} 处" if len(places) > shown else "")


def read_pdf(path: str, data: bytes) -> ImportedDocument:
    """Read a disclosure PDF's cover, 目录, tables and narrative."""
    reader = _Reader(path)
    document = open_pdf(path, data)
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise TooLarge(
                path,
                f"PDF 共 {count} 页，超过导入上限 {MAX_PAGES} 页。预决算公开文件通常不到 100 页；"
                "请确认文件无误，或拆分后分别导入。",
            )
        pages: list[_Page] = []
        glyph_total = 0
        image_total = 0
        for content in read_pages(path, document):
            glyph_total += sum(1 for g in content.glyphs if not g.space)
            image_total += content.images
            pages.append(_page_items(content))
    finally:
        document.close()
    if glyph_total == 0:
        raise NoTextLayer(
            path,
            "PDF 没有文字层（可能是扫描件，每页只是一张图片），无法读取文字和数字；本工具不做文字识别（OCR）。"
            "请向发布单位索取由文字处理或表格软件直接导出的 PDF，或导入其 Excel 工作簿。",
        )
    unreadable = sum(page.unreadable for page in pages)
    if unreadable > glyph_total * 0.2:
        raise NoTextLayer(
            path,
            f"PDF 的文字无法识别（{unreadable} 个字符缺少字体映射，显示为乱码）。"
            "请向发布单位索取由原软件重新导出的 PDF，或导入其 Excel 工作簿。",
        )
    for page in pages:
        if page.unreadable:
            reader.note(
                "unreadable-characters",
                f"第 {page.number} 页有 {page.unreadable} 个字符缺少字体映射，读作 “\ufffd”，请对照原文核对。",
                Origin((page.number,)),
            )
    _drop_running_heads(pages)
    _report_scanned_pages(pages, reader)
    result = ImportedDocument(path=path, source_kind="pdf", pages=len(pages))

    start_page = 0
    # The cover is the first page's text before a 目录 heading (or the whole first page).
    if pages and not any(isinstance(item, Grid) for item in pages[0].items):
        toc_at = next(
            (i for i, item in enumerate(pages[0].items) if isinstance(item, TextLine) and _TOC.match(item.text.strip())),
            None,
        )
        result.cover = _cover(pages[0], toc_at if toc_at is not None else len(pages[0].items))
        if toc_at is None:
            start_page = 1
    # The 目录: a 目 录 line on one of the first pages and every entry after it.
    for page_index in range(min(3, len(pages))):
        page = pages[page_index]
        toc_at = next(
            (i for i, item in enumerate(page.items) if isinstance(item, TextLine) and _TOC.match(item.text.strip())),
            None,
        )
        if toc_at is None:
            continue
        result.toc = [_toc_entry(item) for item in page.items[toc_at + 1 :] if isinstance(item, TextLine)]
        start_page = page_index + 1
        while start_page < len(pages) and _looks_like_toc(pages[start_page]):
            result.toc.extend(_toc_entry(item) for item in pages[start_page].items if isinstance(item, TextLine))
            start_page += 1
        break

    margins = _margins(pages[start_page:] or pages)
    for page in pages:
        margins.setdefault(round(page.width), _Margins(page.width * 0.1, page.width * 0.9))
    assembler = _Assembler(reader, margins)
    for page in pages[start_page:]:
        assembler.page(page)
    if not assembler.tables:
        # Titles over pictures or over tables without rules say why no table was read: name them, not a wrong cause.
        scanned = [note.origin.where() for note in reader.notes if note.code == "image-only-page"]
        causes = []
        if assembler.unruled:
            causes.append(f"{_listed(assembler.unruled)}下面的表格没有竖向框线（或没有框线），无法按栏读取")
        if assembler.pictured:
            causes.append(f"{_listed(assembler.pictured)}下面的表格是图片")
        if scanned:
            causes.append(f"{_listed(scanned)}只有图片，没有文字层（可能是扫描页）")
        if causes:
            raise NotADisclosure(
                path,
                f"没有读到可以导入的表格：{'；'.join(causes)}。请导入原 Excel 工作簿，"
                "或向发布单位索取由原软件直接导出、表格带框线的 PDF。",
            )
        raise NotADisclosure(
            path,
            "没有找到预决算公开表格（如“收入支出决算总表”“部门收入预算总表”）。"
            "请确认这是部门预算或决算公开文件；若表格是图片，请导入原 Excel 工作簿。",
        )
    result.body = build_body(assembler.items)
    result.notes = reader.notes
    return result
