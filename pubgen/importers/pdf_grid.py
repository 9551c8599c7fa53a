"""Find ruled tables on a page and put every character into the cell it is printed in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .pdf_lines import TextLine, group_lines, split_segments
from .pdf_page import Edge, Glyph
from .text import is_empty_note, match_issuer, match_unit, meta_parts

_SNAP = 2.0
"""Ruling lines closer than this (points) are one line."""
_JOIN = 3.0
"""Collinear segments with a gap smaller than this are one segment."""
_COVER = 0.6
"""A border counts when drawn along this share of a cell side."""


@dataclass(slots=True)
class GridCell:
    """A cell of a ruled grid, merged cells already joined, with the glyphs printed in it."""

    row: int
    col: int
    rowspan: int
    colspan: int
    x0: float
    top: float
    x1: float
    bottom: float
    glyphs: list[Glyph] = field(default_factory=list)


@dataclass(slots=True)
class Grid:
    """A ruled table region on one page."""

    x0: float
    top: float
    x1: float
    bottom: float
    xs: list[float]
    ys: list[float]
    cells: list[GridCell]
    """Every cell, in row then column order of its top-left corner."""
    open_top: bool = False
    """The first row has no rule above it: the columns' rules start higher (a row begun on the page before)."""
    open_bottom: bool = False
    """The last row has no rule under it: the columns' rules run on to the page foot (a row that breaks across pages)."""

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


def _cluster(values: list[float]) -> list[float]:
    values = sorted(values)
    groups: list[list[float]] = []
    for value in values:
        if groups and value - groups[-1][-1] <= _SNAP:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(group) / len(group) for group in groups]


def _merge_segments(edges: list[Edge]) -> list[Edge]:
    """Snap near-identical positions and join collinear segments."""
    merged: list[Edge] = []
    for horizontal in (True, False):
        chosen = sorted((e for e in edges if e.horizontal is horizontal), key=lambda e: e.pos)
        lines: list[list[Edge]] = []
        for edge in chosen:
            if lines and edge.pos - lines[-1][0].pos <= _SNAP:
                lines[-1].append(edge)
            else:
                lines.append([edge])
        for line in lines:
            pos = sum(e.pos for e in line) / len(line)
            spans = sorted((e.start, e.end) for e in line)
            start, end = spans[0]
            for s, t in spans[1:]:
                if s <= end + _JOIN:
                    end = max(end, t)
                else:
                    merged.append(Edge(horizontal, pos, start, end))
                    start, end = s, t
            merged.append(Edge(horizontal, pos, start, end))
    return merged


def _components(edges: list[Edge]) -> list[list[Edge]]:
    """Group edges that touch or cross into separate tables."""
    parent = list(range(len(edges)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontals = [i for i, e in enumerate(edges) if e.horizontal]
    verticals = [i for i, e in enumerate(edges) if not e.horizontal]
    verticals.sort(key=lambda i: edges[i].pos)
    tol = _JOIN
    for h in horizontals:
        he = edges[h]
        for v in verticals:
            ve = edges[v]
            if ve.pos < he.start - tol:
                continue
            if ve.pos > he.end + tol:
                break
            if ve.start - tol <= he.pos <= ve.end + tol:
                a, b = find(h), find(v)
                if a != b:
                    parent[a] = b
    groups: dict[int, list[Edge]] = {}
    for i, edge in enumerate(edges):
        groups.setdefault(find(i), []).append(edge)
    return list(groups.values())


def _covered(lines: list[Edge], pos: float, start: float, end: float) -> bool:
    """Whether the segment from start to end at pos is drawn along most of its length."""
    need = (end - start) * _COVER
    total = 0.0
    for line in lines:
        if abs(line.pos - pos) > _SNAP:
            continue
        overlap = min(end, line.end) - max(start, line.start)
        if overlap > 0:
            total += overlap
    return total >= need


def _grid(edges: list[Edge]) -> Grid | None:
    horizontals = [e for e in edges if e.horizontal]
    verticals = [e for e in edges if not e.horizontal]
    if len(horizontals) < 2 or len(verticals) < 2:
        return None
    xs = _cluster([e.pos for e in verticals])
    ys = _cluster([e.pos for e in horizontals])
    if len(xs) < 2 or len(ys) < 2:
        return None
    open_top, open_bottom = False, False
    below = _open_end(verticals, xs, ys[-1], down=True)
    if below is not None:
        ys.append(below)
        open_bottom = True
    above = _open_end(verticals, xs, ys[0], down=False)
    if above is not None:
        ys.insert(0, above)
        open_top = True
    if xs[-1] - xs[0] < 20 or ys[-1] - ys[0] < 8:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _covered(verticals, xs[c + 1], ys[r], ys[r + 1]):
                union(r * n_cols + c, r * n_cols + c + 1)
            if r + 1 < n_rows and not _covered(horizontals, ys[r + 1], xs[c], xs[c + 1]):
                union(r * n_cols + c, (r + 1) * n_cols + c)
    spans: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            root = find(r * n_cols + c)
            box = spans.setdefault(root, [r, c, r, c])
            box[0], box[1] = min(box[0], r), min(box[1], c)
            box[2], box[3] = max(box[2], r), max(box[3], c)
    cells = [
        GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])
        for r0, c0, r1, c1 in spans.values()
    ]
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return Grid(xs[0], ys[0], xs[-1], ys[-1], xs, ys, cells, open_top, open_bottom)


_OPEN_ROW = 6.0
"""Column rules running on this far (points) past the last horizontal rule hold a row left open."""


def _open_end(verticals: list[Edge], xs: list[float], edge: float, down: bool) -> float | None:
    """Where the column rules end past the table's last (or first) horizontal rule, when a row is left open there.

    Word and browsers break a table row across pages without a rule under its first part (or
    over its second): the cell borders run on to the page foot. Both outer borders must run on,
    and every rule that reaches the horizontal rule must end at the same place.
    """
    reaching = [v for v in verticals if (v.end >= edge - _SNAP if down else v.start <= edge + _SNAP)]
    ends = [v.end if down else v.start for v in reaching]
    if not ends:
        return None
    far = max(ends) if down else min(ends)
    if abs(far - edge) < _OPEN_ROW:
        return None
    outer = [v for v in reaching if abs(v.pos - xs[0]) <= _SNAP or abs(v.pos - xs[-1]) <= _SNAP]
    if {abs(v.pos - xs[0]) <= _SNAP for v in outer} != {True, False}:
        return None  # both outer borders must run on
    if any(abs((v.end if down else v.start) - far) > _SNAP for v in reaching if abs((v.end if down else v.start) - edge) > _SNAP):
        return None
    if any(abs((v.end if down else v.start) - far) > _SNAP for v in outer):
        return None
    return far


def find_grids(edges: list[Edge]) -> list[Grid]:
    """Every ruled table on a page, top to bottom."""
    merged = [e for e in _merge_segments(edges) if e.end - e.start >= 2]
    grids: list[Grid] = []
    for component in _components(merged):
        grid = _grid(component)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: (g.top, g.x0))
    return grids


def _index(bounds: list[float], value: float) -> int:
    """The interval of sorted bounds that holds value, clamped to the ends."""
    low, high = 0, len(bounds) - 2
    while low < high:
        mid = (low + high + 1) // 2
        if bounds[mid] <= value:
            low = mid
        else:
            high = mid - 1
    return max(low, 0)


def place_glyphs(grids: list[Grid], glyphs: list[Glyph]) -> list[Glyph]:
    """Put each glyph into the grid cell its centre falls in; return the glyphs outside every grid."""
    outside: list[Glyph] = []
    lookups: list[tuple[Grid, dict[tuple[int, int], GridCell]]] = []
    for grid in grids:
        owner: dict[tuple[int, int], GridCell] = {}
        for cell in grid.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    owner[(r, c)] = cell
        lookups.append((grid, owner))
    for glyph in glyphs:
        cx, cy = glyph.cx, glyph.cy
        for grid, owner in lookups:
            if grid.x0 - 0.5 <= cx <= grid.x1 + 0.5 and grid.top - 0.5 <= cy <= grid.bottom + 0.5:
                cell = owner[(_index(grid.ys, cy), _index(grid.xs, cx))]
                cell.glyphs.append(glyph)
                break
        else:
            outside.append(glyph)
    return _unruled_empty_tables(grids, outside)


_TITLE_END = re.compile(r"表$")
_SENTENCE_END = ("。", "；", "！", "？", ";", "!", "?")
_STARTS_NOTE = re.compile(r"^(?:注|说明|备注)\s*[:：]|^\d{1,2}\s*[.．、]|^[（(][一二三四五六七八九十\d]{1,3}[）)]")


def _carries_on(line: TextLine, below: TextLine) -> bool:
    """Whether the line below goes on with the sentence of ``line`` (``…故本表无数`` / ``据。``)."""
    size = max(line.size, 6.0)
    text = below.text.strip()
    return (
        not line.text.rstrip().endswith(_SENTENCE_END)
        and 0 <= below.top - line.bottom < 0.8 * size
        and abs(below.size - line.size) < 1.0
        and not _TITLE_END.search(text)
        and not _STARTS_NOTE.match(text)
    )


def _unruled_empty_tables(grids: list[Grid], outside: list[Glyph]) -> list[Glyph]:
    """Give an empty table printed without rules (title, 单位 line, one sentence) a grid of one cell.

    Some publishers print an empty table as its title, the issuer and unit line and a sentence
    (``本单位无国有资本经营预算财政拨款收支，故本表无数据。``) and no ruled grid at all. With no
    grid, the table was read as running text and its note lost; the one-cell grid makes it a
    table whose only content is its empty note. The grid is added to ``grids``; the glyphs left
    outside every grid are returned.
    """
    lines = group_lines(outside)
    taken: set[int] = set()
    for index in range(2, len(lines)):
        note, meta, title = lines[index], lines[index - 1], lines[index - 2]
        texts = [part for segment in split_segments(meta) for part in meta_parts(segment.text)]
        if not (
            is_empty_note(note.text)
            and _TITLE_END.search(title.text.strip())
            and len(title.text.strip()) <= 80
            and texts
            and all(match_issuer(t) is not None or match_unit(t) is not None for t in texts)
            and not any(title.top < g.bottom and g.top < note.bottom for g in grids)
        ):
            continue
        sentence = [note]
        for following in lines[index + 1 :]:
            if not _carries_on(sentence[-1], following):
                break
            sentence.append(following)
        x0, x1 = min(line.x0 for line in sentence), max(line.x1 for line in sentence)
        top, bottom = note.top, sentence[-1].bottom
        glyphs = [g for line in sentence for g in line.glyphs]
        cell = GridCell(0, 0, 1, 1, x0, top, x1, bottom, glyphs)
        grids.append(Grid(x0, top, x1, bottom, [x0, x1], [top, bottom], [cell]))
        taken.update(id(g) for g in glyphs)
    if not taken:
        return outside
    grids.sort(key=lambda g: (g.top, g.x0))
    return [g for g in outside if id(g) not in taken]
