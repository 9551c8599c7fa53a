"""Group glyphs into printed lines and spell them out without inventing spaces in Chinese."""

from __future__ import annotations

from dataclasses import dataclass

from .pdf_page import Glyph
from .text import is_wide


@dataclass(slots=True)
class TextLine:
    """One printed line (or one stretch of it between wide gaps)."""

    glyphs: list[Glyph]
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    """The most common font size on the line."""
    page: int = 0


def _spell(glyphs: list[Glyph]) -> str:
    """Join glyphs left to right; a space only where the producer wrote one or a gap parts Latin text."""
    parts: list[str] = []
    previous: Glyph | None = None
    pending_space = False
    for glyph in glyphs:
        if glyph.space:
            pending_space = True
            continue
        if previous is not None:
            gap = glyph.x0 - previous.x1
            wide_pair = is_wide(previous.text[-1]) and is_wide(glyph.text[0])
            size = max(min(previous.size, glyph.size), 1.0)
            if pending_space and not wide_pair:
                parts.append(" ")
            elif not wide_pair and gap > 0.25 * size and not is_wide(previous.text[-1]) and not is_wide(glyph.text[0]):
                parts.append(" ")
            elif pending_space and gap > 0.8 * size:
                # A space the producer wrote between Chinese characters, also visible as a gap.
                parts.append(" ")
        parts.append(glyph.text)
        previous = glyph
        pending_space = False
    return "".join(parts)


def _make_line(glyphs: list[Glyph], page: int) -> TextLine:
    glyphs.sort(key=lambda g: g.x0)
    visible = [g for g in glyphs if not g.space] or glyphs
    sizes: dict[float, int] = {}
    for glyph in visible:
        key = round(glyph.size, 1)
        sizes[key] = sizes.get(key, 0) + 1
    size = max(sizes.items(), key=lambda kv: (kv[1], kv[0]))[0] if sizes else 0.0
    return TextLine(
        glyphs,
        _spell(glyphs),
        min(g.x0 for g in visible),
        min(g.top for g in visible),
        max(g.x1 for g in visible),
        max(g.bottom for g in visible),
        size,
        page,
    )


def group_lines(glyphs: list[Glyph], page: int = 0) -> list[TextLine]:
    """Group glyphs whose vertical extents overlap into lines, top to bottom."""
    ordered = sorted(glyphs, key=lambda g: (g.cy, g.x0))
    rows: list[list[Glyph]] = []
    bands: list[tuple[float, float]] = []
    for glyph in ordered:
        placed = False
        for index in range(len(rows) - 1, max(len(rows) - 3, -1), -1):
            top, bottom = bands[index]
            height = min(bottom - top, glyph.bottom - glyph.top)
            overlap = min(bottom, glyph.bottom) - max(top, glyph.top)
            if height > 0 and overlap >= 0.5 * height:
                rows[index].append(glyph)
                placed = True
                break
        if not placed:
            rows.append([glyph])
            bands.append((glyph.top, glyph.bottom))
    lines = [_make_line(row, page) for row in rows if any(not g.space for g in row)]
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def split_segments(line: TextLine, gap_em: float = 2.5) -> list[TextLine]:
    """Split a line where a wide gap separates two stretches (``编制部门：…    单位：元``)."""
    visible = [g for g in line.glyphs if not g.space]
    if not visible:
        return [line]
    size = max(line.size, 1.0)
    pieces: list[list[Glyph]] = [[visible[0]]]
    for glyph in visible[1:]:
        if glyph.x0 - pieces[-1][-1].x1 > gap_em * size:
            pieces.append([glyph])
        else:
            pieces[-1].append(glyph)
    if len(pieces) == 1:
        return [line]
    result: list[TextLine] = []
    for piece in pieces:
        lo, hi = piece[0].x0, piece[-1].x1
        members = [g for g in line.glyphs if lo - 0.01 <= g.cx <= hi + 0.01 or (g.space and lo <= g.x0 <= hi)]
        result.append(_make_line(members, line.page))
    return result


def spell_cell(glyphs: list[Glyph]) -> tuple[str, bool]:
    """Spell a table cell's glyphs: lines joined without a space between Chinese characters.

    Returns the text and whether it was printed on more than one line.
    """
    lines = group_lines(glyphs)
    texts: list[str] = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if texts and not is_wide(texts[-1][-1]) and not is_wide(text[0]) and texts[-1][-1].isalnum() and text[0].isalnum():
            texts.append(" ")
        texts.append(text)
    joined = "".join(texts)
    # Letter-spaced labels (因 公 出 国) are printed with gaps, not words: drop spaces between Chinese.
    chars = list(joined)
    cleaned = [
        ch
        for i, ch in enumerate(chars)
        if not (ch == " " and 0 < i < len(chars) - 1 and is_wide(chars[i - 1]) and is_wide(chars[i + 1]))
    ]
    return "".join(cleaned).strip(), sum(1 for line in lines if line.text.strip()) > 1
