"""Write Word documents (.docx) as Word and WPS save them, for the tests of pubgen import.

Only what a disclosure uses: paragraphs (centred titles, first-line indents, page breaks, list numbers Word
generates), tables whose cells span columns (``gridSpan``) and rows (``vMerge``), text boxes, tracked deletions and
hidden text.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union
from xml.sax.saxutils import escape

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"'
)


@dataclass
class Para:
    text: str = ""
    centred: bool = False
    indent: bool = False
    page_break_after: bool = False
    numbered: tuple[int, int] | None = None
    """(numId, level) of a list Word numbers itself: the number is not in ``text``."""
    hidden: str = ""
    """Hidden text (w:vanish) at the end of the paragraph."""
    deleted: str = ""
    """Text deleted with tracked changes on, before ``text``."""
    box: list[str] = field(default_factory=list)
    """Lines of a text box anchored in this paragraph (saved as Word 2010 does: the shape and its VML fallback)."""
    breaks: list[str] = field(default_factory=list)
    """Lines after ``text``, each after a line break typed with Shift+Enter."""
    style: str = ""
    """A paragraph style of the document's styles (``Heading2``, ``Heading3``: numbered by the list linked to them)."""


@dataclass
class Cell:
    text: str = ""
    span: int = 1
    merge: str = ""
    """``restart`` for the first cell of a vertical merge, ``continue`` for the cells under it."""
    table: list[list[Cell]] | None = None
    """A table inside the cell (a frame drawn round a table: one cell holding it)."""


Block = Union[Para, list[list[Cell]]]


def _runs(text: str) -> str:
    out = []
    for i, part in enumerate(text.split("\t")):
        if i:
            out.append("<w:r><w:tab/></w:r>")
        if part:
            out.append(f'<w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/></w:rPr><w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    return "".join(out)


def _box(lines: list[str]) -> str:
    content = "".join(f"<w:p>{_runs(line)}</w:p>" for line in lines)
    box = f"<w:txbxContent>{content}</w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>"
        f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def _para(p: Para) -> str:
    props = []
    if p.style:
        props.append(f'<w:pStyle w:val="{p.style}"/>')
    if p.numbered:
        props.append(f'<w:numPr><w:ilvl w:val="{p.numbered[1]}"/><w:numId w:val="{p.numbered[0]}"/></w:numPr>')
    if p.indent:
        props.append('<w:ind w:firstLineChars="200" w:firstLine="640"/>')
    if p.centred:
        props.append('<w:jc w:val="center"/>')
    body = _box(p.box) if p.box else ""
    if p.deleted:
        body += f'<w:del w:id="1" w:author="审核"><w:r><w:delText>{escape(p.deleted)}</w:delText></w:r></w:del>'
    body += _runs(p.text)
    for line in p.breaks:
        body += "<w:r><w:br/></w:r>" + _runs(line)
    if p.hidden:
        body += f'<w:r><w:rPr><w:vanish/></w:rPr><w:t>{escape(p.hidden)}</w:t></w:r>'
    if p.page_break_after:
        body += '<w:r><w:br w:type="page"/></w:r>'
    return f"<w:p><w:pPr>{''.join(props)}</w:pPr>{body}</w:p>"


def _table(rows: list[list[Cell]]) -> str:
    width = max(sum(c.span for c in row) for row in rows)
    grid = "".join('<w:gridCol w:w="1200"/>' for _ in range(width))
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    for row in rows:
        out.append("<w:tr>")
        for cell in row:
            props = ""
            if cell.span > 1:
                props += f'<w:gridSpan w:val="{cell.span}"/>'
            if cell.merge == "restart":
                props += '<w:vMerge w:val="restart"/>'
            elif cell.merge == "continue":
                props += "<w:vMerge/>"
            paras = "".join(f"<w:p>{_runs(line)}</w:p>" for line in (cell.text.split("\n") if cell.text else [""]))
            if cell.table is not None:
                paras = _table(cell.table) + "<w:p/>"
            out.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


_CN_LEVELS = ("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）")


def _numbering() -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(_CN_LEVELS)
    )
    # List 2 is linked to the heading styles, as Word's 多级列表 “链接到标题样式” saves it: a level names its style.
    linked = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:pStyle w:val="Heading{i + 2}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(_CN_LEVELS)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {_NS}>'
        f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum><w:abstractNum w:abstractNumId="1">{linked}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        "</w:numbering>"
    )


def _styles() -> str:
    """标题 2, 3, 4 numbered by list 2 (the style names the list; the list's level names the style); 标题 1 by none."""
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/><w:basedOn w:val="Normal"/>'
        f'<w:pPr><w:keepNext/><w:numPr><w:numId w:val="2"/></w:numPr><w:outlineLvl w:val="{n - 1}"/></w:pPr></w:style>'
        for n in (2, 3, 4)
    )
    # 标题 1 numbered by nothing: a heading by its outline level alone.
    unnumbered = (
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {_NS}>'
        f'<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>{unnumbered}{styles}</w:styles>'
    )


def write(path: Path, blocks: list[Block]) -> Path:
    """Save ``blocks`` as a .docx at ``path``; list numbers of numId 1 are 一、 （一） 1. （1）."""
    body = "".join(_para(b) if isinstance(b, Para) else _table(b) for b in blocks)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_NS}><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", doc_rels)
        archive.writestr("word/numbering.xml", _numbering())
        archive.writestr("word/styles.xml", _styles())
    return path
