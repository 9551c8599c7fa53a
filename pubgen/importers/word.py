"""Read a Word document (.docx): its paragraphs and tables in order, through the workbook reader.

A department's 情况说明 is written in Word with the tables pasted in from the finance system's workbook; the .docx
holds every figure exactly as typed, where a PDF of it must be pieced together from positions on a page. Its body is
laid out as the sheets a workbook reader knows: the cover page, the 目录, each table with the title, unit and
notes printed around it, and the paragraphs between the tables. Merged cells keep their spans (``gridSpan`` across,
``vMerge`` down), list numbers Word generates (一、 （一） 1.) are written out as printed, and text Word hides
(deleted in tracked changes, hidden text) is left out: it is not what the document shows.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import Iterator, TypeVar
from xml.etree import ElementTree

from ..numbering import numeral
from .errors import DamagedFile
from .narrative import FlowLine, build_body
from .structure import WORD_PLACE, CellKind, ImportedDocument, Note, Origin
from .text import (
    drop_format_chars,
    is_empty_note,
    is_table_mark,
    match_issuer,
    match_unit,
    meta_parts,
    normalise_text,
    parse_figure,
    split_numbering,
)
from .workbook import _LEADER, _NOTE, _TOC, Sheet, SheetCell, _WorkbookReader, split_title_marks

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"
_MOST_UNPACKED = 100 * 1024 * 1024
"""Bytes a .docx may unpack to: a disclosure's text and tables are a few megabytes, its pictures are not read."""
_MOST_XML = 20 * 1024 * 1024
"""Bytes of the document's text part: larger is not a disclosure."""
_CAPTION_MOST = 5
"""Short lines above a table that may be its mark, title, 编制单位 and unit."""
_COVER_MOST = 8
_TITLE_END = re.compile(r"表\s*(?:[（(][^（）()]{0,24}[）)])?$")
"""A table's title: …表, also with what it covers or that it goes on after it (…表（续）, …表（按经济分类）)."""
_NOTE_ITEM = re.compile(r"^(?:\d{1,2}\s*[.．、]|[（(]\d{1,2}[）)])")
"""The items of a note under a table (注：1.… 2.…), numbered in digits: a heading after the table (一、 第三部分) is not one."""
_PAGE_NUMBER = re.compile(r"\t+\s*(\d{1,4})\s*$")
_WRAPPERS = frozenset(
    _W + name for name in ("hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "customXml", "sdt", "sdtContent", "bdo", "dir")
)


@dataclass(slots=True)
class _Para:
    text: str
    centred: bool = False
    indent: bool = False
    page_break: bool = False
    """A page (or section) break comes after this paragraph."""
    outline: int | None = None
    """The outline level of a heading style (标题 1 is 0) or of the paragraph itself: a heading, numbered or not."""
    picture: bool = False
    """It holds a picture (a table or a scan pasted as an image), whose words are not read."""


@dataclass(slots=True)
class _Table:
    rows: list[list[tuple[int, int, str]]]
    picture: bool = False
    """A table of no text that holds a picture: a table pasted as an image into a frame."""
    """Per row: (first grid column, columns spanned, text) of each cell that starts there; -1 span marks a
    vertically merged continuation (its text is the cell above's)."""
    page_break: bool = False


@dataclass(slots=True)
class _Numbering:
    """Word's generated list numbers: each list's formats by level, and the counters as the document goes."""

    formats: dict[str, dict[int, tuple[str, str, int]]] = field(default_factory=dict)
    """numId → level → (number format, level text such as ``%1、``, start)."""
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    linked: dict[tuple[str, str], int] = field(default_factory=dict)
    """(numId, paragraph style) → the level of the list that names the style (``<w:lvl><w:pStyle/>``)."""

    def label(self, num_id: str, level: int) -> str:
        levels = self.formats.get(num_id)
        if not levels or level not in levels:
            return ""
        counts = self.counters.setdefault(num_id, {})
        fmt, text, start = levels[level]
        counts[level] = counts.get(level, start - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        if fmt in ("bullet", "none"):
            return ""

        def one(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            value = counts.get(at, levels.get(at, ("decimal", "", 1))[2])
            return _format_number(value, levels.get(at, (fmt, "", 1))[0])

        return re.sub(r"%(\d)", one, text)


_ONES = {
    "chineseCounting": "一", "chineseCountingThousand": "一", "ideographDigital": "一", "japaneseCounting": "一",
    "taiwaneseCounting": "一", "chineseLegalSimplified": "壹", "ideographTraditional": "甲",
    "decimalEnclosedCircle": "①", "decimalEnclosedCircleChinese": "①", "decimalFullWidth": "１",
    "lowerLetter": "a", "upperLetter": "A", "lowerRoman": "i", "upperRoman": "I",
}  # fmt: skip
"""Word's number formats, by how each writes its one (numbering.numeral counts from it)."""


def _format_number(n: int, fmt: str) -> str:
    """``n`` as Word's number format ``fmt`` shows it (decimal for a format not known, or beyond its counter's reach)."""
    one = _ONES.get(fmt)
    return (numeral(n, one) if one else None) or str(n)


def _val(element: ElementTree.Element | None, default: str = "") -> str:
    if element is None:
        return default
    return element.get(_W + "val", default)


def _on(element: ElementTree.Element | None) -> bool:
    """Whether a toggle property (``<w:vanish/>``, ``<w:vanish w:val="0"/>``) is on."""
    return element is not None and _val(element, "true").lower() not in ("0", "false", "off")


_Style = tuple[str, str | None, ElementTree.Element | None, str]
"""A paragraph style: its id, the style it is based on, its paragraph properties, its name in lower case."""


def _style_sheet(archive: zipfile.ZipFile) -> list[_Style]:
    """The document's paragraph styles, read once."""
    try:
        root = ElementTree.fromstring(archive.read("word/styles.xml"))
    except (KeyError, ElementTree.ParseError):
        return []
    found: list[_Style] = []
    for style in root.iter(_W + "style"):
        if style.get(_W + "type") != "paragraph":
            continue
        parent = style.find(_W + "basedOn")
        name = _val(style.find(_W + "name")).lower()
        found.append((style.get(_W + "styleId", ""), _val(parent) if parent is not None else None, style.find(_W + "pPr"), name))
    return found


T = TypeVar("T")


def _inherited(own: dict[str, T], styles: list[_Style]) -> dict[str, T]:
    """Each style's own setting, or the one of the style it is based on (and so on up)."""
    based = {sid: parent for sid, parent, _props, _name in styles if parent is not None}
    out: dict[str, T] = {}
    for sid in set(own) | set(based):
        seen: set[str] = set()
        at: str | None = sid
        while at is not None and at not in own and at not in seen:
            seen.add(at)
            at = based.get(at)
        if at is not None and at in own:
            out[sid] = own[at]
    return out


def _styles(styles: list[_Style], numbering: _Numbering) -> dict[str, tuple[str, int]]:
    """Each paragraph style's list numbering (numId, level), through the styles it is based on: headings numbered by a
    multilevel list linked to 标题 2 / 标题 3, as Word numbers them, carry no numbering of their own."""
    own: dict[str, tuple[str | None, str | None]] = {}
    for sid, _parent, props, _name in styles:
        num = props.find(_W + "numPr") if props is not None else None
        if num is not None:
            ilvl = num.find(_W + "ilvl")
            own[sid] = (_val(num.find(_W + "numId")) or None, _val(ilvl) if ilvl is not None else None)
    out: dict[str, tuple[str, int]] = {}
    for sid, (num_id, said) in _inherited(own, styles).items():
        if not num_id or num_id == "0":
            continue
        # A style linked from a list level (<w:lvl><w:pStyle w:val="2"/>) takes that level when it names none.
        out[sid] = (num_id, int(said) if said and said.isdigit() else numbering.linked.get((num_id, sid), 0))
    return out


def _outlines(styles: list[_Style]) -> dict[str, int]:
    """Each paragraph style's outline level, through the styles it is based on: Word's 标题 1–9 (“heading 1”), and any
    style given an outline level (大纲级别)."""
    own: dict[str, int] = {}
    for sid, _parent, props, name in styles:
        level = _val(props.find(_W + "outlineLvl")) if props is not None else ""
        if level.isdigit() and int(level) < 9:
            own[sid] = int(level)
        elif re.fullmatch(r"heading [1-9]", name):
            own[sid] = int(name[-1]) - 1
    return _inherited(own, styles)


def _numbering(archive: zipfile.ZipFile) -> _Numbering:
    numbering = _Numbering()
    try:
        root = ElementTree.fromstring(archive.read("word/numbering.xml"))
    except (KeyError, ElementTree.ParseError):
        return numbering
    abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
    styled: dict[str, dict[str, int]] = {}
    for item in root.iter(_W + "abstractNum"):
        levels: dict[int, tuple[str, str, int]] = {}
        for lvl in item.iter(_W + "lvl"):
            try:
                index = int(lvl.get(_W + "ilvl", "0"))
                start = int(_val(lvl.find(_W + "start"), "1") or 1)
            except ValueError:
                continue
            levels[index] = (_val(lvl.find(_W + "numFmt"), "decimal"), _val(lvl.find(_W + "lvlText")), min(start, 10_000))
            if lvl.find(_W + "pStyle") is not None:
                styled.setdefault(item.get(_W + "abstractNumId", ""), {})[_val(lvl.find(_W + "pStyle"))] = index
        abstract[item.get(_W + "abstractNumId", "")] = levels
    for num in root.iter(_W + "num"):
        for style, index in styled.get(_val(num.find(_W + "abstractNumId")), {}).items():
            numbering.linked[(num.get(_W + "numId", ""), style)] = index
        levels = dict(abstract.get(_val(num.find(_W + "abstractNumId")), {}))
        for override in num.iter(_W + "lvlOverride"):
            restart = override.find(_W + "startOverride")
            try:
                index = int(override.get(_W + "ilvl", "0"))
                if restart is not None and index in levels:
                    fmt, text, _old = levels[index]
                    levels[index] = (fmt, text, int(_val(restart, "1") or 1))
            except ValueError:
                continue
        numbering.formats[num.get(_W + "numId", "")] = levels
    return numbering


class _Body:
    """The document's blocks in order: paragraphs and tables, text boxes' paragraphs where they are anchored."""

    def __init__(
        self, numbering: _Numbering, styles: dict[str, tuple[str, int]] | None = None, depth: int = 0, outlines: dict[str, int] | None = None
    ) -> None:
        self.numbering = numbering
        self.styles = styles or {}
        self.outlines = outlines or {}
        self.depth = depth
        """How deep in tables within tables: past a few levels, cells are not read (a file nesting thousands)."""
        self.blocks: list[_Para | _Table] = []

    def walk(self, parent: ElementTree.Element) -> None:
        for child in parent:
            if child.tag == _W + "p":
                self.paragraph(child)
            elif child.tag == _W + "tbl":
                frame = _frame_of(child)
                if frame is not None and self.depth < _DEEPEST:
                    # A table in a frame (a table of one cell a row round it): the lines and the table inside.
                    self.depth += 1
                    for cell in frame:
                        self.walk(cell)
                    self.depth -= 1
                else:
                    table = self.table(child)
                    table.picture = not any(text.strip() for row in table.rows for _c, _s, text in row) and _has_picture(child)
                    self.blocks.append(table)
            elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml") or child.tag == _MC + "AlternateContent":
                self.walk(_chosen(child))

    def paragraph(self, p: ElementTree.Element) -> None:
        boxes: list[ElementTree.Element] = []
        parts: list[str] = []
        page_break = _runs(p, parts, boxes)
        picture = _has_picture(p)
        for box in boxes:
            self.walk(box)
        props = p.find(_W + "pPr")
        text = "".join(parts)
        number = ""
        if props is not None:
            num = props.find(_W + "numPr")
            style = _val(props.find(_W + "pStyle"))
            if num is not None and text.strip():
                level = _val(num.find(_W + "ilvl"))
                num_id = _val(num.find(_W + "numId")) or (self.styles.get(style, ("", 0))[0])
                if level.isdigit():
                    number = self.numbering.label(num_id, int(level))
                else:
                    number = self.numbering.label(num_id, self.styles.get(style, ("", 0))[1] if style in self.styles else 0)
            elif style in self.styles and text.strip():
                number = self.numbering.label(*self.styles[style])  # numbered by its style (标题 2 linked to a list)
            if props.find(_W + "sectPr") is not None:
                page_break = True
            if _on(props.find(_W + "pageBreakBefore")) and self.blocks:
                self.blocks[-1].page_break = True
        outline: int | None = None
        if props is not None:
            own = _val(props.find(_W + "outlineLvl"))
            outline = int(own) if own.isdigit() and int(own) < 9 else self.outlines.get(_val(props.find(_W + "pStyle")))
        justify = _val(props.find(_W + "jc")) if props is not None else ""
        ind = props.find(_W + "ind") if props is not None else None
        indented = ind is not None and any(
            _positive(ind.get(_W + name)) for name in ("firstLine", "firstLineChars", "left", "leftChars", "start", "startChars")
        )
        text = normalise_text(number + text)
        text, _dropped = drop_format_chars(text)
        self.blocks.append(_Para(text, justify in ("center", "centre"), indented or text[:1] in (" ", "\u3000"), page_break, outline, picture))

    def table(self, tbl: ElementTree.Element) -> _Table:
        rows: list[list[tuple[int, int, str]]] = []
        for tr in _children(tbl, _W + "tr"):
            props = tr.find(_W + "trPr")
            col = _count(_val(props.find(_W + "gridBefore"))) if props is not None else 0
            cells: list[tuple[int, int, str]] = []
            for tc in _children(tr, _W + "tc"):
                tcp = tc.find(_W + "tcPr")
                span = max(1, _count(_val(tcp.find(_W + "gridSpan")))) if tcp is not None else 1
                merge = tcp.find(_W + "vMerge") if tcp is not None else None
                continues = merge is not None and _val(merge, "continue") != "restart"
                cells.append((col, -span if continues else span, "" if continues else self.cell_text(tc)))
                col += span
            rows.append(cells)
        return _Table(rows)

    def cell_text(self, tc: ElementTree.Element) -> str:
        if self.depth >= _DEEPEST:
            return ""
        inner = _Body(self.numbering, self.styles, self.depth + 1, self.outlines)
        inner.walk(tc)
        lines: list[str] = []
        for block in inner.blocks:
            if isinstance(block, _Para):
                lines.append(block.text)
            else:
                lines.extend(" ".join(text for _c, _s, text in row if text) for row in block.rows)
        return "\n".join(line for line in lines if line.strip())


_DEEPEST = 4
"""Tables within tables read: a disclosure nests one in a frame at most."""


def _frame_of(tbl: ElementTree.Element) -> list[ElementTree.Element] | None:
    """The cells of a table of one cell a row that holds a table (a frame drawn round it, its title and unit in the rows
    above), else None."""
    cells: list[ElementTree.Element] = []
    for row in _children(tbl, _W + "tr"):
        found = list(_children(row, _W + "tc"))
        if len(found) != 1:
            return None
        cells += found
    if not any(child.tag == _W + "tbl" for cell in cells for child in cell.iter()):
        return None
    return cells


def _count(value: str) -> int:
    """A count of grid columns as Word writes it; anything else (empty, “two”) is none."""
    return int(value) if value.isdigit() else 0


def _positive(value: str | None) -> bool:
    try:
        return value is not None and int(value) > 0
    except ValueError:
        return False


def _children(parent: ElementTree.Element, tag: str) -> Iterator[ElementTree.Element]:
    """``tag`` children, also those a content control or custom XML wraps."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _children(child, tag)


def _chosen(element: ElementTree.Element) -> ElementTree.Element:
    """Markup compatibility: the first choice's content (its fallback repeats it for older readers)."""
    if element.tag != _MC + "AlternateContent":
        return element
    for child in element:
        return child
    return element


def _runs(parent: ElementTree.Element, parts: list[str], boxes: list[ElementTree.Element]) -> bool:
    """Append the paragraph's shown text to ``parts`` and its text boxes to ``boxes``; whether it breaks the page."""
    page_break = False
    for child in parent:
        tag = child.tag
        if tag == _W + "r":
            props = child.find(_W + "rPr")
            hidden = props is not None and _on(props.find(_W + "vanish"))
            for item in child:
                if item.tag == _W + "t" and not hidden:
                    parts.append(item.text or "")
                elif item.tag == _W + "tab" and not hidden:
                    parts.append("\t")
                elif item.tag in (_W + "br", _W + "cr"):
                    if item.get(_W + "type") == "page":
                        page_break = True
                    elif not hidden:
                        parts.append("\n")
                elif item.tag == _W + "noBreakHyphen" and not hidden:
                    parts.append("-")
                elif item.tag in (_W + "drawing", _W + "pict") or item.tag == _MC + "AlternateContent":
                    boxes.extend(_chosen(item).iter(_W + "txbxContent"))
        elif tag in _WRAPPERS:
            page_break = _runs(child, parts, boxes) or page_break
        elif tag == _MC + "AlternateContent":
            page_break = _runs(_chosen(child), parts, boxes) or page_break
    return page_break


_PICTURE_TAGS = frozenset({_A + "blip", _V + "imagedata"})


def _has_picture(element: ElementTree.Element) -> bool:
    """Whether a paragraph or a table holds a picture (DrawingML's a:blip, or VML's v:imagedata of an old Word)."""
    return any(child.tag in _PICTURE_TAGS for child in element.iter())


def _read_blocks(path: str, data: bytes) -> list[_Para | _Table]:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        if sum(info.file_size for info in archive.infolist()) > _MOST_UNPACKED:
            raise DamagedFile(path, "Word 文档解压后超过 100 MB，不像是公开的预决算文件，未读取。请检查文件是否正确。")
        info = archive.getinfo("word/document.xml")
        if info.file_size > _MOST_XML:
            raise DamagedFile(path, "Word 文档的正文部分过大，不像是公开的预决算文件，未读取。请检查文件是否正确。")
        xml = archive.read(info)
    except DamagedFile:
        raise
    except Exception:  # noqa: BLE001 - zipfile raises BadZipFile, KeyError, NotImplementedError… on a damaged file
        raise DamagedFile(path, "Word 文档已损坏或不完整（压缩结构无法读取），无法读取。请重新下载，或用 Word 或 WPS 打开后重新保存，再导入。") from None
    if b"<!DOCTYPE" in xml[:4096].upper() or b"<!ENTITY" in xml.upper():
        raise DamagedFile(path, "Word 文档的正文含有文档类型声明（Word 从不写它），未读取。请用 Word 或 WPS 打开后重新保存，再导入。")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        raise DamagedFile(path, "Word 文档的正文已损坏，无法读取。请用 Word 或 WPS 打开后重新保存，再导入。") from None
    body = root.find(_W + "body")
    if body is None:
        raise DamagedFile(path, "Word 文档里没有正文，无法读取。请用 Word 或 WPS 打开后重新保存，再导入。")
    numbering = _numbering(archive)
    styles = _style_sheet(archive)
    reader = _Body(numbering, _styles(styles, numbering), outlines=_outlines(styles))
    try:
        reader.walk(body)
    except RecursionError:  # thousands of content controls or fields one inside another: Word itself nests a few
        raise DamagedFile(path, "Word 文档的正文层层嵌套过深，不像是公开的预决算文件，未读取。请用 Word 或 WPS 打开后另存，再导入。") from None
    return reader.blocks


def _is_caption(para: _Para) -> bool:
    """A short line above a table: its mark (表1, 附表2), title (…表) or 编制单位 / 单位 line."""
    text = para.text.strip()
    if not text or len(text) > 80 or text.endswith("。") or "\n" in text:
        return False
    if is_table_mark(text) or any(match_unit(t) is not None or match_issuer(t) is not None for t in meta_parts(text)):
        return True
    title = split_title_marks(text)[0]
    return bool(_TITLE_END.search(title)) and split_numbering(text)[0] == ""


def _table_lines(table: _Table) -> list[str]:
    """The lines of text a table's cells hold, row by row."""
    return [part.strip() for cells in table.rows for _c, span, text in cells if span > 0 for part in text.split("\n") if part.strip()]


def _cover_table(table: _Table) -> bool:
    """Whether the document's first block, a table, is its cover: a few lines of words, one of them a year's 预算 or 决算,
    no figure of money."""
    lines = _table_lines(table)
    if not lines or len(lines) > _COVER_MOST:
        return False
    if any(parse_figure(line)[0] is CellKind.NUMBER for line in lines):
        return False
    return any(re.search(r"(?:19|20)\d\d\s*年", line) and re.search(r"预算|决算", line) for line in lines)


def _is_note(text: str) -> bool:
    return bool(_NOTE.match(text.strip())) or is_empty_note(text)


def _gridless_at(blocks: list[_Para | _Table], i: int) -> int:
    """Paragraphs from ``i`` that are a table printed without a grid: its title, unit line and the sentence saying it
    has no data (…表 / 单位：万元 / 本单位无政府性基金预算财政拨款收支，故本表无数据); 0 when they are not."""
    block = blocks[i]
    if not isinstance(block, _Para) or not _TITLE_END.search(split_title_marks(block.text.strip())[0]) or len(block.text) > 80:
        return 0
    end = i + 1
    seen_unit = False
    while end < len(blocks) and end - i <= 4 and isinstance(blocks[end], _Para):
        text = blocks[end].text.strip()  # type: ignore[union-attr]
        if not text:
            end += 1
            continue
        if any(match_unit(t) is not None or match_issuer(t) is not None for t in meta_parts(text)) or is_table_mark(text):
            seen_unit = True
            end += 1
            continue
        if _is_note(text) and seen_unit:
            end += 1
            while end < len(blocks) and isinstance(blocks[end], _Para) and _is_note(blocks[end].text):  # type: ignore[union-attr]
                end += 1
            return end - i
        return 0
    return 0


class _Sheets:
    """The pseudo-sheets of the document, in order, each with what the workbook reader should make of it."""

    def __init__(self) -> None:
        self.sheets: list[tuple[str, Sheet]] = []
        self.tables = 0
        self.paragraphs = 0
        self.texts: dict[int, tuple[int, list[_Para]]] = {}
        """A narrative sheet's first paragraph number and its paragraphs."""
        self.pictures: list[tuple[str | None, int]] = []
        """Each picture not read: the title of the table it shows (None for another picture), and about where it is."""

    def _new(self, role: str, name: str) -> Sheet:
        sheet = Sheet(f"{WORD_PLACE}{name}", False, {}, [])
        self.sheets.append((role, sheet))
        return sheet

    def lines(self, role: str, paras: list[_Para]) -> None:
        """The cover's and the 目录's paragraphs as one-cell rows; the narrative's kept as paragraphs, with the layout
        Word records (read by :func:`_narrative`, not as a sheet)."""
        kept = [p for p in paras if p.text.strip()]
        if not kept:
            return
        first = self.paragraphs + 1
        self.paragraphs += len(kept)
        sheet = self._new(role, f"第 {first} 段起" if role == "text" else ("封面" if role == "cover" else "目录"))
        if role == "text":
            self.texts[id(sheet)] = (first, kept)
            return
        for row, para in enumerate(kept, start=1):
            text = para.text
            if role == "toc":
                text = _PAGE_NUMBER.sub(lambda m: "……" * 3 + m.group(1), text)  # Word's tab leader, as the workbook reader reads one
            sheet.cells[(row, 1)] = SheetCell(text.replace("\t", " "))

    def table(self, above: list[_Para], table: _Table | None, below: list[_Para]) -> None:
        """The lines over the table (mark, title, unit), its grid with its merged cells, and its notes under it."""
        self.tables += 1
        sheet = self._new("table", f"第 {self.tables} 个表格")
        row = 0
        for para in above:
            row += 1
            sheet.cells[(row, 1)] = SheetCell(para.text.replace("\t", "  "))
        if table is not None:
            self._merge_rows(sheet, table, row + 1)
            row += len(table.rows)
        for para in below:
            row += 1
            sheet.cells[(row, 1)] = SheetCell(para.text)

    @staticmethod
    def _merge_rows(sheet: Sheet, table: _Table, first_row: int) -> None:
        """Fill the sheet's cells and merged ranges from the table's rows, starting at ``first_row``."""
        open_merges: dict[int, tuple[int, int]] = {}
        """Grid column → (row where its vertical merge starts, columns spanned)."""

        def close(col: int, last_row: int) -> None:
            start, span = open_merges.pop(col)
            if last_row > start or span > 1:
                sheet.merged.append((start, col + 1, last_row, col + span))

        for index, cells in enumerate(table.rows):
            r = first_row + index
            continuing = {c for c, s, _t in cells if s < 0}
            for col in [c for c in open_merges if c not in continuing]:
                close(col, r - 1)
            for col, span, text in cells:
                if span < 0:
                    if col not in open_merges:
                        # A continuation under nothing: Word shows an empty cell.
                        open_merges[col] = (r, -span)
                    continue
                if text:
                    sheet.cells[(r, col + 1)] = SheetCell(text)
                open_merges[col] = (r, span)
        for col in list(open_merges):
            close(col, first_row + len(table.rows) - 1)


def _plan(blocks: list[_Para | _Table]) -> _Sheets:
    plan = _Sheets()
    i = 0
    if blocks and isinstance(blocks[0], _Table) and _cover_table(blocks[0]):
        # A cover laid out in a table (a frame round the title, department and date): its lines, as a cover's.
        cover: list[_Para | _Table] = [_Para(line, centred=True) for line in _table_lines(blocks[0])]
        cover[-1].page_break = True
        blocks = cover + blocks[1:]
    # The cover: the first page, when it is a few short lines (title, body, date) and a page break follows.
    first_break = next((k for k, b in enumerate(blocks) if b.page_break), None)
    if first_break is not None and not any(isinstance(b, _Table) for b in blocks[: first_break + 1]):
        shown = [b for b in blocks[: first_break + 1] if isinstance(b, _Para) and b.text.strip()]
        if 0 < len(shown) <= _COVER_MOST and not any(len(b.text) > 40 and "。" in b.text for b in shown):
            plan.lines("cover", shown)
            i = first_break + 1
    if i == 0:
        # No page break after it: the title lines before the first heading or sentence.
        title: list[_Para] = []
        k = 0
        while k < len(blocks) and len(title) < _COVER_MOST:
            head = blocks[k]
            if not isinstance(head, _Para):
                break
            said = head.text.strip()
            if said and (split_numbering(said)[0] or "。" in said or _TOC.match(said.replace(" ", "").replace("\u3000", "")) or _is_caption(head)):
                break
            if said:
                title.append(head)
            k += 1
        if title and k < len(blocks) and not (isinstance(blocks[k], _Table)):
            plan.lines("cover", title)
            i = k
    text: list[_Para] = []

    def flush() -> None:
        plan.lines("text", text)
        text.clear()

    while i < len(blocks):
        block = blocks[i]
        if block.picture and (isinstance(block, _Table) or not block.text.strip()):
            # A table pasted as a picture under its title (and 单位：万元): told by its title, the title and unit lines
            # kept out of the text; any other picture told by where it is.
            caption: list[_Para] = []
            while text and len(caption) < _CAPTION_MOST and _is_caption(text[-1]):
                caption.insert(0, text.pop())
            titles = [split_title_marks(c.text.strip())[0] for c in caption if _TITLE_END.search(split_title_marks(c.text.strip())[0])]
            plan.pictures.append((titles[-1] if titles else None, plan.paragraphs + len(text) + 1))
            if not titles:
                text.extend(caption)
            i += 1
            continue
        if isinstance(block, _Table):
            above: list[_Para] = []
            while text and len(above) < _CAPTION_MOST and (_is_caption(text[-1]) or (not text[-1].text.strip() and above == [])):
                above.insert(0, text.pop())
            above = [p for p in above if p.text.strip()]
            flush()
            below: list[_Para] = []
            i += 1
            while i < len(blocks) and isinstance(blocks[i], _Para):
                para = blocks[i]
                assert isinstance(para, _Para)
                if not para.text.strip():
                    i += 1
                    continue
                if _is_note(para.text) or (below and _NOTE.match(below[0].text.strip()) and _NOTE_ITEM.match(para.text.strip()) and len(para.text) <= 120):
                    below.append(para)
                    i += 1
                    continue
                break
            plan.table(above, block, below)
            continue
        if _TOC.match(block.text.strip().replace(" ", "").replace("\u3000", "")):
            flush()
            entries = [block]
            i += 1
            while i < len(blocks) and isinstance(blocks[i], _Para):
                para = blocks[i]
                assert isinstance(para, _Para)
                if para.text.strip() and not _PAGE_NUMBER.search(para.text) and not _LEADER.search(para.text):
                    break
                entries.append(para)
                i += 1
                if para.page_break:
                    break
            plan.lines("toc", entries)
            continue
        gridless = _gridless_at(blocks, i)
        if gridless:
            marks: list[_Para] = []
            while text and is_table_mark(text[-1].text.strip()):
                marks.insert(0, text.pop())  # 公开08表 over its title: the table's number, not a paragraph
            flush()
            plan.table(marks + [p for p in blocks[i : i + gridless] if isinstance(p, _Para) and p.text.strip()], None, [])
            i += gridless
            continue
        text.append(block)
        i += 1
    flush()
    return plan


def _notes_at_foot(data: bytes) -> list[tuple[str, str]]:
    """The text of each footnote and endnote (not Word's separator notes), with what it is: 脚注 or 尾注."""
    found: list[tuple[str, str]] = []
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except Exception:  # noqa: BLE001 - the body was read from the same archive; a damaged part is no note
        return found
    for part, what, tag in (("word/footnotes.xml", "脚注", "footnote"), ("word/endnotes.xml", "尾注", "endnote")):
        try:
            info = archive.getinfo(part)
            if info.file_size > _MOST_XML:
                continue
            xml = archive.read(info)
            if b"<!DOCTYPE" in xml[:4096].upper() or b"<!ENTITY" in xml.upper():
                continue
            root = ElementTree.fromstring(xml)
        except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError):
            continue
        for note in root.iter(_W + tag):
            if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = normalise_text("".join(t.text or "" for t in note.iter(_W + "t"))).strip()
            if text:
                found.append((what, text))
    return found


def read_docx(path: str, data: bytes) -> ImportedDocument:
    """Read a .docx: the cover, the 目录, the narrative and every table, as a workbook's sheets are read."""
    plan = _plan(_read_blocks(path, data))
    reader = _WorkbookReader(path, "docx")
    for title, near in plan.pictures:
        if title is not None:
            reader.note(
                "table-as-image",
                f"“{title}”贴成了一张图片，没有文字，表中的文字和数字无法读取，这张表没有导入。"
                "请把原表（Excel 工作簿）导入，或照原文手工录入这张表。",
                Origin(sheet=f"{WORD_PLACE}的图片", text=title),
            )
        else:
            reader.note(
                "image-not-read",
                f"第 {near} 段附近有一张图片（可能是扫描的表格、文字或图表），导入工具不读取图片中的文字和数字，未能导入。"
                "请对照原文核对，需要公开的内容请照原文手工录入。",
                Origin(sheet=f"{WORD_PLACE}的图片"),
            )
    for what, text in _notes_at_foot(data):
        # A 脚注 carries a scope or a definition (“编制人数以县委编办核定数为准”): kept out of the body, it is told.
        reader.note(
            "footnote-not-read",
            f"“{text[:60]}{'…' if len(text) > 60 else ''}”没有导入（{what}不是正文的段落）；需要公开的，请照原文写进正文或表注。",
            Origin(sheet=f"{WORD_PLACE}的{what}", text=text[:80]),
        )
    reader.document.pages = plan.tables
    for role, sheet in plan.sheets:
        if role == "text":
            _narrative(reader, *plan.texts[id(sheet)])
            continue
        rows = sorted({r for (r, _c), cell in sheet.cells.items() if cell.text.strip()})
        if role == "cover":
            reader._cover(sheet, rows)
        elif role == "toc":
            reader._toc(sheet, rows[1:])
        else:
            reader._table(sheet, rows, reader._issuer_row(sheet, rows[:6]))
    reader.dropped_from_text()
    reader.document.body = build_body(reader.items)
    reader.document.notes = [
        Note(n.code, _word_places(n.message), n.origin, n.severity) for n in reader.document.notes
    ]
    return reader.document


def _narrative(reader: _WorkbookReader, first: int, paras: list[_Para]) -> None:
    """Each paragraph a paragraph of its own, centred or indented as Word sets it; a line break typed inside it
    (Shift+Enter) goes on with it (see :func:`_lines`), and a centred title's lines are one title."""
    for number, para in enumerate(paras, start=first):
        origin = Origin(sheet=f"{WORD_PLACE}第 {number} 段", text=para.text)
        lines = [para.text.replace("\n", "")] if para.centred else _lines(para.text)
        for line in lines:
            if not line.strip():
                continue
            reader.items.append(
                FlowLine(
                    text=line.strip().replace("\t", " "),
                    origin=origin,
                    indent=para.indent,
                    ends_short=True,
                    gap_em=3.0,
                    centred=para.centred,
                    hard_break=True,
                    outline=para.outline,
                )
            )


def _lines(text: str) -> list[str]:
    """A paragraph's lines: a line break typed inside it (Shift+Enter) goes on with the same paragraph, unless the next
    line starts a numbered item (一、 （二） 3.), which some writers put each on a line of one paragraph."""
    out: list[str] = []
    for part in text.split("\n"):
        if out and part.strip() and not split_numbering(part.strip())[0]:
            out[-1] += part.strip()
        else:
            out.append(part)
    return out


def _word_places(message: str) -> str:
    """工作表“Word 文档第 3 个表格”C5 → Word 文档第 3 个表格 C5: there are no worksheets in a Word document."""
    return re.sub(
        r"工作表“(" + re.escape(WORD_PLACE) + r"[^”]*)”(.?)",
        lambda m: m[1] + (" " if m[2].isascii() and m[2].isalnum() else "") + m[2],
        message,
    )
