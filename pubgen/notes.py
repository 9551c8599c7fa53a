"""Where a reader sees an acknowledged discrepancy: a “注n” mark where the figure is printed, numbered once per page.

A figure a check questioned and the publisher acknowledged is published as printed, with the publisher's
reason. The reader must meet the caveat where the figure is, not only in a box at the top of the page: a table
cell gets a mark after its figure and the note under its table; a sentence of the running text (a paragraph,
``body.N.text``, or a list item, ``body.N.items.M``) gets a mark after the figure the problem names (its
``stated``, found as a whole number in the text, with its unit), or after the paragraph or item when that
figure is not printed there once, and the note right under the paragraph or list. The marks of a page are
numbered in the order the page prints them, tables and text together, so each “注n” names one note.

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


@dataclass(slots=True)
class Note:
    """One mark of a page and what it explains: the acknowledged problems of one figure."""

    number: int
    field: str
    told: list[str] = made(default_factory=list)
    """Each problem in words for readers, with the publisher's reason."""
    stated: str | None = None
    """The figure the mark follows in running text, as printed."""

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


def page_notes(doc: m.Document, problems: list[Problem]) -> PageNotes:
    """Number the acknowledged problems of ``doc`` in page order; those without a place to mark are ``unmarked``."""
    tables = {table_key(b, i): i for i, b in enumerate(doc.body) if isinstance(b, m.Table)}
    placed: list[tuple[int, int, int, Problem]] = []
    out = PageNotes()
    for p in problems:
        if not p.acknowledged:
            continue
        head = p.field.split(".", 1)[0]
        text = _TEXT_FIELD.match(p.field)
        if head in tables:
            placed.append((tables[head], p.line, p.column, p))
        elif text and _is_text(doc, int(text.group(1)), p.field):
            placed.append((int(text.group(1)), p.line, p.column, p))
        else:
            out.unmarked.append(p)
    placed.sort(key=lambda t: t[:3])
    by_place: dict[tuple[str, str | None], Note] = {}
    for _, _, _, p in placed:
        in_text = p.field.split(".", 1)[0] not in tables
        stated = p.stated if in_text else None
        key = (p.field, stated)
        note = by_place.get(key)
        if note is None:
            note = by_place[key] = Note(len(out.notes) + 1, p.field, stated=stated)
            out.notes.append(note)
        note.told.append(for_readers(p, in_table=not in_text))
    return out


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
