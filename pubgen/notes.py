"""Where a reader sees an acknowledged discrepancy: a “注n” mark where the figure is printed, numbered once per page.

A figure a check questioned and the publisher acknowledged is published as printed, with the publisher's
reason. The reader must meet the caveat where the figure is, not only in a box at the top of the page: a table
cell gets a mark after its figure and the note under its table; a sentence of the running text (a paragraph,
``body.N.text``, or a list item, ``body.N.items.M``) gets a mark after the figure the problem names (its
``stated``, found as a whole number in the text, with its unit), or after the paragraph or item when that
figure is not printed there once, and the note right under the paragraph or list. An indicator table or a
score breakdown of a self-evaluation gets the mark at the figure its problem names (a row's 得分 or 完成情况, a
level's 分值, the 总得分 row, the 分值 column when what is questioned is the sum of its points) and the note under
the table, as a table of money does. The marks of a page are numbered in the order the page prints them, tables
and text together, so each “注n” names one note.

The marks are markup made here (the number only); the text around them stays the editor's, rendered as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as made
from decimal import Decimal, InvalidOperation
from typing import Callable

from markdown_it.token import Token

from . import model as m
from .checks.base import table_key
from .explain import for_readers
from .indicators import groups
from .markdown import html_token, text_token
from .problems import Problem

_TEXT_FIELD = re.compile(r"^body\.(\d+)\.(?:text|items\.\d+)$")
"""The running text a mark can be printed in: a text block's paragraphs, a list's item."""

_DIGITS = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
"""Full-width digits and marks read as their ASCII forms (one character for one: places stay)."""

_NUMBER = re.compile(r"(?<![\d.,])-?\d(?:[\d,]*\d)?(?:\.\d+)?(?![\d])")
"""A figure as the text prints it, whole (not the 0.3 of 10.35), thousands separators allowed."""

_UNIT = re.compile(r"[ \u00a0]?(?:个百分点|万元|亿元|千元|元|%|％|‰)")
"""The unit printed right after a figure: the mark follows it (“0.3万元注1”, “71.73%注2”)."""


@dataclass(slots=True, frozen=True)
class Spot:
    """Where in an indicator table or a score breakdown a mark goes.

    ``part`` is ``row`` (an indicator or a score item, ``row`` its index, ``column`` the field of its cell: weight,
    score, completion, name), ``level1`` / ``level2`` (a level's points or score, ``row`` the level's first row),
    ``total`` (the 总得分 row's ``weight`` or ``score``), ``weights`` (the sum of the 分值 column), ``points`` (the
    table's printed points), ``grade``, ``funds`` or ``title`` (the table as a whole)."""

    part: str
    row: int = -1
    column: str = ""


@dataclass(slots=True)
class Note:
    """One mark of a page and what it explains: the acknowledged problems of one figure."""

    number: int
    field: str
    told: list[str] = made(default_factory=list)
    """Each problem in words for readers, with the publisher's reason."""
    stated: str | None = None
    """The figure the mark follows in running text, as printed."""
    block: int = -1
    """The body block of an indicator table or score breakdown the mark is printed in (-1: a table or the text)."""
    spot: Spot | None = None
    """Where in that block."""

    @property
    def mark(self) -> str:
        return f"注{self.number}"

    @property
    def note_id(self) -> str:
        return f"pg-note-{self.number}"

    @property
    def mark_id(self) -> str:
        return f"pg-mark-{self.number}"


@dataclass(slots=True)
class PageNotes:
    """The marks of one page, by the field they are printed at."""

    notes: list[Note] = made(default_factory=list)
    """In the order the page prints them (their numbers)."""
    unmarked: list[Problem] = made(default_factory=list)
    """Acknowledged problems with no place on the page to mark (a score's weights, a missing section): the top box tells them."""

    def table(self, key: str) -> list[Note]:
        """The notes of the table ``key`` (its cells' fields start with ``key.``)."""
        return [n for n in self.notes if n.field.startswith(key + ".")]

    def text(self, index: int, item: int | None = None) -> list[Note]:
        """The notes of block ``index``'s paragraphs, or of its list item ``item``."""
        at = f"body.{index}.text" if item is None else f"body.{index}.items.{item}"
        return [n for n in self.notes if n.field == at]

    def in_block(self, index: int) -> list[Note]:
        """Every note of the running text of block ``index`` (printed under it)."""
        return [n for n in self.notes if n.field.startswith(f"body.{index}.") and _TEXT_FIELD.match(n.field)]

    def scoring(self, index: int) -> list[Note]:
        """The notes of the indicator table or score breakdown that is block ``index`` (printed under it)."""
        return [n for n in self.notes if n.block == index]


def page_notes(doc: m.Document, problems: list[Problem]) -> PageNotes:
    """Number the acknowledged problems of ``doc`` in page order; those without a place to mark are ``unmarked``."""
    tables = {table_key(b, i): i for i, b in enumerate(doc.body) if isinstance(b, m.Table)}
    scoring = _scoring_spots(doc) if any(isinstance(b, (m.Indicators, m.Scores)) for b in doc.body) else {}
    placed: list[tuple[int, int, int, Problem, tuple[int, Spot] | None]] = []
    out = PageNotes()
    for p in problems:
        if not p.acknowledged:
            continue
        head = p.field.split(".", 1)[0]
        text = _TEXT_FIELD.match(p.field)
        spot = _spot(doc, p, scoring[p.field]) if p.field in scoring else None
        if head in tables:
            placed.append((tables[head], p.line, p.column, p, None))
        elif text and _is_text(doc, int(text.group(1)), p.field):
            placed.append((int(text.group(1)), p.line, p.column, p, None))
        elif spot is not None:
            placed.append((spot[0], p.line, p.column, p, spot))
        else:
            out.unmarked.append(p)
    placed.sort(key=lambda t: t[:3])
    by_place: dict[tuple[str, str | None, tuple[int, Spot] | None], Note] = {}
    for _, _, _, p, at in placed:
        in_text = at is None and p.field.split(".", 1)[0] not in tables
        stated = p.stated if in_text else None
        key = (p.field, stated, at)
        note = by_place.get(key)
        if note is None:
            note = by_place[key] = Note(len(out.notes) + 1, p.field, stated=stated)
            if at is not None:
                note.block, note.spot = at
            out.notes.append(note)
        # A score check's message names both figures in its own words (the points a score exceeds, the 100 a sum of
        # points misses): “原文此处为 32，核算结果为 30” would call the 分值 a computation.
        note.told.append(for_readers(p, in_table=at is None and not in_text))
    return out


_ROW_COLUMN = {
    "score-exceeds-weight": "score",
    "unmet-full-marks": "score",
    "score-sum-mismatch": "score",
    "completion-mismatch": "completion",
    "missing-reason": "completion",
}
"""The cell of an indicator (or score item) that a problem of its row is about; any other is marked at the row's name."""


def _scoring_spots(doc: m.Document) -> dict[str, list[tuple[int, Spot]]]:
    """Every field a check files a problem of an indicator table or a score breakdown under, with the places it may
    mean: one, or several when names repeat (two indicators of one name, several score breakdowns)."""
    out: dict[str, list[tuple[int, Spot]]] = {}

    def add(field: str, index: int, spot: Spot) -> None:
        if (index, spot) not in out.setdefault(field, []):
            out[field].append((index, spot))

    for bi, block in enumerate(doc.body):
        if isinstance(block, m.Indicators):
            key = block.id or f"indicators-{bi + 1}"
            for ri, row in enumerate(block.rows):
                add(f"{key}.{row.name}", bi, Spot("row", ri))
            for top in groups(block):
                for figure, column in (("weights", "weight"), ("score", "score")):
                    add(f"{key}.{top.name}.{figure}", bi, Spot("level1", top.rows[0], column))
                    for sub in top.children:
                        add(f"{key}.{top.name}.{sub.name}.{figure}", bi, Spot("level2", sub.rows[0], column))
            if block.funds is not None:
                add(f"{block.id or block.title}.funds", bi, Spot("funds"))
        elif isinstance(block, m.Scores):
            key = "scores"  # as the checks file them, whatever the breakdown's id
            for i, item in enumerate(block.items):
                add(f"{key}.{item.name}", bi, Spot("row", i))
                add(f"{key}.{item.name}.weights", bi, Spot("row", i, "weight"))
        else:
            continue
        # The table's own figures last: a row named “total” is still told apart by its problem (``_spot``).
        add(f"{key}.total", bi, Spot("total", column="score"))
        add(f"{key}.total_weight", bi, Spot("total", column="weight"))
        add(f"{key}.weights", bi, Spot("weights"))
        add(f"{key}.points", bi, Spot("points"))
        add(f"{key}.grade", bi, Spot("grade"))
        add(f"{key}.execution", bi, Spot("title"))
    return out


def _spot(doc: m.Document, problem: Problem, places: list[tuple[int, Spot]]) -> tuple[int, Spot] | None:
    """The one place of ``places`` that ``problem`` is about, with the cell of a row its code names.

    Several places (indicators of one name, several score breakdowns filed under ``scores``) are told apart by the
    figure the problem says is printed; failing that, a table they all belong to is marked as a whole, and places in
    several tables are not marked at all (the box at the top of the page tells the problem)."""
    if len(places) > 1:
        printed = [(bi, spot) for bi, spot in places if _printed_at(doc.body[bi], spot) == _number(problem.stated)]
        if len(printed) == 1 and problem.stated is not None:
            places = printed
        elif len({bi for bi, _ in places}) == 1:
            return places[0][0], Spot("title")
        else:
            return None
    bi, spot = places[0]
    if spot.part == "row" and not spot.column:
        block = doc.body[bi]
        column = _ROW_COLUMN.get(problem.code, "name")
        if isinstance(block, m.Scores) and column == "score" and block.items[spot.row].score is None:
            column = "weight"  # an item without a score of its own: its parts' scores exceed its points
        spot = Spot("row", spot.row, column)
    return bi, spot


def _printed_at(block: object, spot: Spot) -> Decimal | None:
    """The figure a table prints at ``spot``, for telling apart the places a problem may mean."""
    if isinstance(block, (m.Indicators, m.Scores)) and spot.part == "total":
        return block.total if spot.column == "score" else block.total_weight
    if isinstance(block, m.Scores) and spot.part == "row":
        item = block.items[spot.row]
        return item.weight if spot.column == "weight" else item.score
    if isinstance(block, m.Indicators) and spot.part == "row":
        return block.rows[spot.row].score
    return None


def _number(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text is not None else None
    except (InvalidOperation, ValueError):
        return None


def _is_text(doc: m.Document, index: int, at: str) -> bool:
    """Whether ``at`` names a paragraph block's text or a list's item that the page prints."""
    if index >= len(doc.body):
        return False
    block = doc.body[index]
    if at.endswith(".text"):
        return isinstance(block, m.Text)
    item = int(at.rsplit(".", 1)[1])
    return isinstance(block, m.ListBlock) and item < len(block.items)


def mark_html(note: Note) -> str:
    """The mark after a figure: a link to its note (markup made here: the number is all it holds)."""
    return f'<sup class="pg-mark"><a href="#{note.note_id}" id="{note.mark_id}">{note.mark}</a></sup>'


def marker(notes: list[Note]) -> Callable[[list[Token]], None]:
    """A pass over a paragraph's (or list item's) parsed Markdown that prints each note's mark after its figure.

    The mark follows the figure (and its unit) when the figure is printed once in the text; else, or when the
    note names no figure, it follows the last paragraph. A figure inside a link is marked after the link.
    """

    def rewrite(tokens: list[Token]) -> None:
        inlines = [t for t in tokens if t.type == "inline" and t.children is not None]
        if not inlines or not notes:
            return
        at: list[tuple[int, int, int, Note]] = []  # inline, child, offset in its text (-1: after the child), note
        for note in notes:
            found = _places(inlines, note.stated) if note.stated else []
            if len(found) == 1:
                at.append((*found[0], note))
            else:
                last = inlines[-1]
                assert last.children is not None
                at.append((len(inlines) - 1, len(last.children), -1, note))
        # From the end backwards, so that splitting a text leaves the places before it where they are.
        for i, child, offset, note in sorted(at, key=lambda a: (a[0], a[1], a[2], a[3].number), reverse=True):
            children = inlines[i].children
            assert children is not None
            mark = html_token(mark_html(note))
            if offset < 0:
                children.insert(child, mark)
                continue
            text = children[child]
            before, after = text.content[:offset], text.content[offset:]
            pieces = [text_token(before)] if before else []
            pieces.append(mark)
            if after:
                pieces.append(text_token(after))
            children[child : child + 1] = pieces

    return rewrite


def _places(inlines: list[Token], stated: str) -> list[tuple[int, int, int]]:
    """Where a mark after ``stated`` goes, for each time the text prints it: (inline, child, offset or -1)."""
    exact: list[tuple[int, int, int]] = []
    equal: list[tuple[int, int, int]] = []
    try:
        value: Decimal | None = Decimal(stated)
    except (InvalidOperation, ValueError):
        value = None
    for i, inline in enumerate(inlines):
        depth = 0
        children = inline.children or []
        for c, child in enumerate(children):
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            if child.type != "text":
                continue
            read = child.content.translate(_DIGITS)
            for number in _NUMBER.finditer(read):
                printed = number.group(0).replace(",", "")
                end = number.end()
                unit = _UNIT.match(read, end)
                if unit:
                    end = unit.end()
                place = (i, c, end) if depth == 0 else (i, _after_link(children, c), -1)
                if printed == stated:
                    exact.append(place)
                elif value is not None and _same(printed, value):
                    equal.append(place)
    return exact or equal


def _same(printed: str, value: Decimal) -> bool:
    try:
        return Decimal(printed) == value
    except InvalidOperation:
        return False


def _after_link(children: list[Token], inside: int) -> int:
    """The place just after the link that holds child ``inside``."""
    depth = 0
    for c in range(inside, len(children)):
        if children[c].type == "link_open":
            depth += 1
        elif children[c].type == "link_close":
            if depth == 0:
                return c + 1
            depth -= 1
    return len(children)
