"""Read a PDF page's characters and ruling lines with PDFium, in top-down page coordinates."""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field
from typing import Iterator

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from .errors import DamagedFile, EncryptedFile, FileUnreadable
from .text import normalise_char


@dataclass(slots=True)
class Glyph:
    """One printed character: its text and its box, y growing downwards from the page top."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    """Printed size in points (the height of the font's box)."""
    space: bool = False
    """A space character the producer wrote (not one inferred from a gap)."""

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Edge:
    """A horizontal or vertical ruling segment: ``pos`` is y for horizontal, x for vertical."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass(slots=True)
class ImageBox:
    """Where an image object is drawn, y growing downwards from the page top."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(slots=True)
class PageContent:
    """What one page prints: characters and ruling lines."""

    number: int
    """1-based."""
    width: float
    height: float
    glyphs: list[Glyph]
    edges: list[Edge]
    images: int
    """Image objects on the page (a scanned page is one image and no text)."""
    image_boxes: list[ImageBox] = field(default_factory=list)
    """Where each image is drawn (a table pasted as a picture, a scanned page)."""


def open_pdf(path: str, data: bytes) -> pdfium.PdfDocument:
    """Open a PDF from its bytes, turning PDFium's failures into Chinese messages."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedFile(
                path,
                "PDF 文件设有打开密码，无法读取。请向发布单位索取未加密的文件，"
                "或用知道密码的阅读器另存为不加密的 PDF 后再导入。",
            ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedFile(
                path, "PDF 文件使用了不支持的加密方式，无法读取。请另存为不加密的 PDF 后再导入。"
            ) from None
        if code == pdfium_c.FPDF_ERR_FILE:
            raise FileUnreadable(path, "无法打开文件。") from None
        raise DamagedFile(
            path,
            "PDF 文件已损坏或不完整（可能下载中断），无法读取。请重新下载原文件后再导入。",
        ) from None


def _matrix(obj: ctypes.c_void_p) -> tuple[float, float, float, float, float, float]:
    fs = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(fs)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)


def _compose(
    inner: tuple[float, float, float, float, float, float],
    outer: tuple[float, float, float, float, float, float],
) -> tuple[float, float, float, float, float, float]:
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _visible(getter: object, obj: ctypes.c_void_p) -> tuple[bool, bool]:
    """Whether the colour is drawn at all (not transparent) and whether it is near white."""
    r, g, b, a = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
    ok = getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))  # type: ignore[operator]
    if not ok:
        return True, False
    return a.value > 0, min(r.value, g.value, b.value) >= 235


_THIN = 3.0
"""A filled rectangle thinner than this (points) is drawn as a rule."""


def _path_edges(
    obj: ctypes.c_void_p,
    matrix: tuple[float, float, float, float, float, float],
    out: list[Edge],
) -> None:
    fill_mode = ctypes.c_int()
    stroke = ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return
    stroked = bool(stroke.value)
    filled = fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE
    if stroked:
        shown, white = _visible(pdfium_c.FPDFPageObj_GetStrokeColor, obj)
        stroked = shown and not white
    if filled:
        shown, white = _visible(pdfium_c.FPDFPageObj_GetFillColor, obj)
        filled = shown and not white
    if not stroked and not filled:
        return
    a, b, c, d, e, f = matrix
    count = pdfium_c.FPDFPath_CountSegments(obj)
    if count <= 0 or count > 20000:
        return
    subpaths: list[list[tuple[float, float]]] = []
    x = ctypes.c_float()
    y = ctypes.c_float()
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([point])
        else:
            subpaths[-1].append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and subpaths[-1]:
            subpaths[-1].append(subpaths[-1][0])
    for points in subpaths:
        if len(points) < 2:
            continue
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        width = max(xs) - min(xs)
        height = max(ys) - min(ys)
        if filled and not stroked and (width < _THIN or height < _THIN):
            # A thin filled rectangle is how office suites draw cell borders.
            if width >= height:
                out.append(Edge(True, (min(ys) + max(ys)) / 2, min(xs), max(xs)))
            else:
                out.append(Edge(False, (min(xs) + max(xs)) / 2, min(ys), max(ys)))
            continue
        for (x1, y1), (x2, y2) in zip(points, points[1:]):
            if abs(y1 - y2) < 0.5 and abs(x1 - x2) >= 1:
                out.append(Edge(True, (y1 + y2) / 2, min(x1, x2), max(x1, x2)))
            elif abs(x1 - x2) < 0.5 and abs(y1 - y2) >= 1:
                out.append(Edge(False, (x1 + x2) / 2, min(y1, y2), max(y1, y2)))


def _image_box(matrix: tuple[float, float, float, float, float, float]) -> ImageBox:
    """The box an image fills: its matrix maps the unit square onto the page (PDF user space, y up)."""
    a, b, c, d, e, f = matrix
    xs = [e, a + e, c + e, a + c + e]
    ys = [f, b + f, d + f, b + d + f]
    # In user space ``top`` is the larger y; _orient turns the box the page's way up.
    return ImageBox(min(xs), max(ys), max(xs), min(ys))


def _walk_objects(
    page: ctypes.c_void_p, edges: list[Edge], boxes: list[ImageBox] | None = None
) -> int:
    """Collect ruling edges from every path, inside forms too, and where images are drawn; return the number of images."""
    images = 0
    stack: list[tuple[ctypes.c_void_p, tuple[float, float, float, float, float, float], int]] = []
    for index in range(pdfium_c.FPDFPage_CountObjects(page)):
        stack.append((pdfium_c.FPDFPage_GetObject(page, index), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0))
    seen = 0
    while stack and seen < 200_000:
        obj, outer, depth = stack.pop()
        seen += 1
        if not obj:
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_edges(obj, _compose(_matrix(obj), outer), edges)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images += 1
            if boxes is not None:
                boxes.append(_image_box(_compose(_matrix(obj), outer)))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
            matrix = _compose(_matrix(obj), outer)
            for child in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                stack.append((pdfium_c.FPDFFormObj_GetObject(obj, child), matrix, depth + 1))
    return images


def _clip_box(text_object: ctypes.c_void_p) -> tuple[float, float, float, float] | None:
    """The box a text object is clipped to (the intersection of its clip paths' boxes), if any."""
    clip = pdfium_c.FPDFPageObj_GetClipPath(text_object)
    if not clip:
        return None
    box: tuple[float, float, float, float] | None = None
    x = ctypes.c_float()
    y = ctypes.c_float()
    for path in range(min(pdfium_c.FPDFClipPath_CountPaths(clip), 64)):
        xs: list[float] = []
        ys: list[float] = []
        count = pdfium_c.FPDFClipPath_CountPathSegments(clip, path)
        # A rectangle (move, three lines, close) is known by two opposite corners: reading
        # only those halves the calls, and WPS clips every character on its own.
        wanted = (0, 2) if count in (4, 5) else range(min(count, 4096))
        for index in wanted:
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, path, index)
            if segment and pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                xs.append(x.value)
                ys.append(y.value)
        if not xs:
            continue
        this = (min(xs), min(ys), max(xs), max(ys))
        if box is None:
            box = this
        else:
            box = (max(box[0], this[0]), max(box[1], this[1]), min(box[2], this[2]), min(box[3], this[3]))
    return box


_SLANTED = (3.0, 87.0)
"""Degrees (modulo a right angle) between which a character is printed slanted: a watermark's, as Acrobat and WPS stamp
it diagonally over the page; text upright or turned a quarter (a vertical header) is read."""


def _glyphs(textpage: pdfium.PdfTextPage) -> list[Glyph]:
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    glyphs: list[Glyph] = []
    rect = pdfium_c.FS_RECTF()
    pending_high = 0
    clips: dict[int | None, tuple[float, float, float, float] | None] = {}
    for index in range(max(count, 0)):
        if pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
            continue
        code = pdfium_c.FPDFText_GetUnicode(raw, index)
        if 0xD800 <= code <= 0xDBFF:
            pending_high = code
            continue
        if 0xDC00 <= code <= 0xDFFF and pending_high:
            code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
        pending_high = 0
        if code in (0, 0xFFFE, 0xFFFF) or code > 0x10FFFF:
            ch = "\ufffd"
        else:
            ch = chr(code)
        if ch in "\r\n\x02\x00":
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(raw, index, ctypes.byref(rect)):
            continue
        angle = pdfium_c.FPDFText_GetCharAngle(raw, index)
        if angle >= 0 and _SLANTED[0] < math.degrees(angle) % 90 < _SLANTED[1]:
            continue  # a watermark stamped across the page (公开, the department's name): no line of the document
        # Office suites draw a long cell's whole text on every page it crosses and clip it
        # to what that page shows: a character outside its clip box was not printed there.
        text_object = pdfium_c.FPDFText_GetTextObject(raw, index)
        key = ctypes.cast(text_object, ctypes.c_void_p).value
        if key not in clips:
            clips[key] = _clip_box(text_object) if text_object else None
        clip = clips[key]
        if clip is not None:
            cx = (rect.left + rect.right) / 2
            cy = (rect.top + rect.bottom) / 2
            if not (clip[0] - 1 <= cx <= clip[2] + 1 and clip[1] - 1 <= cy <= clip[3] + 1):
                continue
        # The font size PDFium reports ignores the text matrix (WPS scales it by 1/20): the
        # loose box's height is the size as printed.
        size = abs(rect.top - rect.bottom)
        if ch.isspace():
            glyphs.append(Glyph(" ", rect.left, rect.top, rect.right, rect.bottom, size, space=True))
            continue
        shown = normalise_char(ch)
        if shown:  # a control character prints nothing
            glyphs.append(Glyph(shown, rect.left, rect.top, rect.right, rect.bottom, size))
    return glyphs


def _orient(
    glyphs: list[Glyph] | list[ImageBox], edges: list[Edge], width: float, height: float, rotation: int
) -> tuple[float, float]:
    """Turn PDF user space (y up) into the page as displayed (y down), honouring /Rotate."""

    def point(x: float, y: float) -> tuple[float, float]:
        if rotation == 90:
            return y, x
        if rotation == 180:
            return width - x, y
        if rotation == 270:
            return height - y, width - x
        return x, height - y

    for glyph in glyphs:
        ax, ay = point(glyph.x0, glyph.top)
        bx, by = point(glyph.x1, glyph.bottom)
        glyph.x0, glyph.x1 = min(ax, bx), max(ax, bx)
        glyph.top, glyph.bottom = min(ay, by), max(ay, by)
    for edge in edges:
        if edge.horizontal:
            ax, ay = point(edge.start, edge.pos)
            bx, by = point(edge.end, edge.pos)
        else:
            ax, ay = point(edge.pos, edge.start)
            bx, by = point(edge.pos, edge.end)
        if abs(ay - by) < 0.01:
            edge.horizontal, edge.pos, edge.start, edge.end = True, ay, min(ax, bx), max(ax, bx)
        else:
            edge.horizontal, edge.pos, edge.start, edge.end = False, ax, min(ay, by), max(ay, by)
    if rotation in (90, 270):
        return height, width
    return width, height


def read_pages(path: str, document: pdfium.PdfDocument) -> Iterator[PageContent]:
    """Yield each page's characters and ruling lines, one page at a time."""
    for index in range(len(document)):
        try:
            page = document[index]
        except pdfium.PdfiumError:
            raise DamagedFile(
                path,
                f"PDF 第 {index + 1} 页已损坏，无法读取。请重新下载原文件后再导入。",
            ) from None
        try:
            rotation = page.get_rotation() % 360
            # The visible box in unrotated user space (crop box within media box, inherited
            # from the page tree when the page has none); _orient turns it with the page.
            box = pdfium_c.FS_RECTF()
            if pdfium_c.FPDF_GetPageBoundingBox(page.raw, ctypes.byref(box)):
                left, bottom = min(box.left, box.right), min(box.bottom, box.top)
                width, height = abs(box.right - box.left), abs(box.top - box.bottom)
            else:
                left, bottom = 0.0, 0.0
                width, height = page.get_size()
                if rotation in (90, 270):
                    width, height = height, width
            textpage = page.get_textpage()
            try:
                glyphs = _glyphs(textpage)
            finally:
                textpage.close()
            edges: list[Edge] = []
            boxes: list[ImageBox] = []
            images = _walk_objects(page.raw, edges, boxes)
            if left or bottom:
                shifted: list[Glyph | ImageBox] = [*glyphs, *boxes]
                for glyph in shifted:
                    glyph.x0 -= left
                    glyph.x1 -= left
                    glyph.top -= bottom
                    glyph.bottom -= bottom
                for edge in edges:
                    if edge.horizontal:
                        edge.pos -= bottom
                        edge.start -= left
                        edge.end -= left
                    else:
                        edge.pos -= left
                        edge.start -= bottom
                        edge.end -= bottom
            _orient(boxes, [], width, height, rotation)
            width, height = _orient(glyphs, edges, width, height, rotation)
        finally:
            page.close()
        yield PageContent(index + 1, width, height, glyphs, edges, images, boxes)
