"""The narrative as the checks read it: text pieces, paragraphs, sentences, and where each character was written.

A document's text lives in several kinds of blocks (paragraphs, list items,
headings, goals, table notes). The checks read each piece with the path of the
value in the YAML file; a problem inside a piece is placed on the line and
column where its words were typed, even inside a multi-line block (``text: |``).

Paragraphs are normalised for reading figures: quotation marks and white space
are dropped and half-width brackets become full-width, so “一般公共服务支出（类）”
and 一般公共服务支出(类) read alike; every normalised character keeps its offset
in the original text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

from .. import model as m
from ..source import Source


@dataclass(slots=True)
class Piece:
    """One text value of the document, with its path in the YAML file."""

    path: tuple[Any, ...]
    text: str
    prose: bool
    """Running text (paragraphs and list items), where figures are read; otherwise a title or note."""
    block: int
    """Index of its block in the body, -1 for the document's title."""


def pieces(doc: m.Document) -> list[Piece]:
    """Every text value of the document in printed order: titles, headings, paragraphs, lists, goals, table notes."""
    out = [Piece(("title",), doc.title, False, -1)]
    add = out.append
    for bi, block in enumerate(doc.body):
        kind = type(block)
        if kind is m.Text:
            add(Piece(("body", bi, "text"), block.text, True, bi))  # type: ignore[union-attr]
        elif kind is m.Heading:
            add(Piece(("body", bi, "text"), block.text, False, bi))  # type: ignore[union-attr]
        elif kind is m.Table:
            table: m.Table = block  # type: ignore[assignment]
            if table.title:
                add(Piece(("body", bi, "title"), table.title, False, bi))
            for ni, note in enumerate(table.notes):
                add(Piece(("body", bi, "notes", ni), note, False, bi))
            if table.footnote:
                add(Piece(("body", bi, "footnote"), table.footnote, False, bi))
            if table.empty_note:
                add(Piece(("body", bi, "empty_note"), table.empty_note, False, bi))
        elif kind is m.ListBlock:
            listed: m.ListBlock = block  # type: ignore[assignment]
            if listed.title:
                add(Piece(("body", bi, "title"), listed.title, True, bi))
            for i, item in enumerate(listed.items):
                add(Piece(("body", bi, "items", i), item, True, bi))
        elif kind is m.Goals:
            goals: m.Goals = block  # type: ignore[assignment]
            if goals.title:
                add(Piece(("body", bi, "title"), goals.title, False, bi))
            for gi, goal in enumerate(goals.items):
                for name in ("title", "goal", "indicators", "result"):
                    value = getattr(goal, name)
                    if value:
                        add(Piece(("body", bi, "items", gi, name), value, name != "title", bi))
        elif kind is m.Indicators:
            indicators: m.Indicators = block  # type: ignore[assignment]
            if indicators.goal:
                add(Piece(("body", bi, "goal"), indicators.goal, True, bi))
            if indicators.result:
                add(Piece(("body", bi, "result"), indicators.result, True, bi))
            # The form's own words, read for template residue only (“XX人”, “（请说明偏差原因）”).
            for ri, row in enumerate(indicators.rows):
                for name in ("name", "target", "actual", "reason"):
                    value = getattr(row, name)
                    if isinstance(value, str) and value:
                        add(Piece(("body", bi, "rows", ri, name), value, False, bi))
    return out


# --------------------------------------------------------------------------- paragraphs

_DROPPED = re.compile(r"[“”‘’\"「」『』\s\u3000]+")
"""Quotation marks and white space: not part of any name or figure."""



def norm(text: str) -> str:
    """A name as the checks compare it: no quotation marks or white space, full-width brackets."""
    return _normalised(text, 0).text


_PARAGRAPH_START = re.compile(
    r"^\s*(?:[-*+]\s|\d+[.、．)）]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|#)"
)
"""A line that starts a new paragraph in Markdown: a list item, a numbered point, a heading."""


@dataclass(slots=True)
class Paragraph:
    """One paragraph of a piece, normalised, with a map back to the piece's text."""

    text: str
    """Normalised: no quotation marks or white space, full-width brackets and colons."""
    shifts: list[int] = field(default_factory=list)
    """For each dropped run: the normalised offset where it was dropped (sorted)."""
    sizes: list[int] = field(default_factory=list)
    """For each dropped run: how many characters it had, cumulated."""
    start: int = 0
    """Offset of the paragraph in the piece's text."""

    def offset(self, index: int) -> int:
        """Offset in the piece's text of the normalised character at ``index``."""
        k = bisect.bisect_right(self.shifts, index)
        return self.start + index + (self.sizes[k - 1] if k else 0)


LONGEST = 4000
"""Characters of a paragraph read as one: a longer one (no real one is) is read in parts ending at a sentence's end.

Reading a paragraph relates its figures to each other, which grows faster than its length;
this bound keeps a hostile file's paragraph of 300,000 characters from taking minutes."""


def paragraphs(text: str) -> list[Paragraph]:
    """Split running text into paragraphs (blank lines, list items, numbered points) and normalise each."""
    body = text.rstrip()
    if "\n" not in body and "\r" not in body:
        spans = [(0, len(body))]
    else:
        spans = []
        begin = None
        pos = 0
        for line in text.splitlines(keepends=True):
            stripped = line.strip()
            if not stripped:
                if begin is not None:
                    spans.append((begin, pos))
                    begin = None
            elif begin is None:
                begin = pos
            elif _PARAGRAPH_START.match(line):
                spans.append((begin, pos))
                begin = pos
            pos += len(line)
        if begin is not None:
            spans.append((begin, pos))
    return [_normalised(text[a:b].rstrip(), a) for start, end in spans for a, b in _parts(text, start, end)]


def _parts(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span ``start``–``end`` of ``text``, in parts of at most :data:`LONGEST` characters ending at a 。；， where one is."""
    while end - start > LONGEST:
        window = text[start : start + LONGEST]
        cut = max(window.rfind(mark) for mark in "。；;，,")
        cut = cut + 1 if cut > 0 else LONGEST
        yield start, start + cut
        start += cut
    yield start, end


def _normalised(raw: str, start: int) -> Paragraph:
    if _DROPPED.search(raw) is None:  # usually nothing to drop: no offset map
        out = Paragraph(raw, [], [], start)
    else:
        shifts: list[int] = []
        sizes: list[int] = []
        parts: list[str] = []
        last = 0
        dropped = 0
        for match in _DROPPED.finditer(raw):
            parts.append(raw[last : match.start()])
            last = match.end()
            dropped += match.end() - match.start()
            shifts.append(match.start() - (dropped - (match.end() - match.start())))
            sizes.append(dropped)
        parts.append(raw[last:])
        out = Paragraph("".join(parts), shifts, sizes, start)
    if "(" in out.text or ")" in out.text or ":" in out.text:
        out.text = out.text.replace("(", "（").replace(")", "）").replace(":", "：")
    if _FULL_WIDTH.search(out.text):
        # ２９４６．２５万元, ９９．７９％ as Word and WPS type them, and 2，946.25 with a full-width comma between digit
        # groups: the figures a reader reads (one character for one, so places in the text stay the same).
        out.text = _THOUSANDS.sub(",", out.text.translate(_HALF_WIDTH))
    return out


_FULL_WIDTH = re.compile(r"[０-９．％]|\d，\d{3}(?!\d)")
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


_SENTENCE_END = re.compile(r"[。！？!?]+")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of a normalised paragraph, each with its closing mark."""
    spans = []
    start = 0
    if "！" in text or "？" in text or "!" in text or "?" in text:
        for match in _SENTENCE_END.finditer(text):
            spans.append((start, match.end()))
            start = match.end()
    else:  # the usual text: full stops only, found by a plain search
        at = text.find("。")
        while at >= 0:
            end = at + 1
            while end < len(text) and text[end] == "。":
                end += 1
            spans.append((start, end))
            start = end
            at = text.find("。", end)
    if start < len(text):
        spans.append((start, len(text)))
    return spans


# --------------------------------------------------------------------------- places

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Places:
    """Where a character of a text value was typed in the source file (computed on demand)."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self._lines: list[str] | None = None

    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = _LINE_BREAK.split(self.src.text)
        return self._lines

    def of(self, path: tuple[Any, ...], text: str, offset: int) -> tuple[int, int]:
        """Line and column of ``text[offset]``, where ``text`` is the value at ``path``."""
        line, column = self.src.place(path)
        lines = self.lines()
        if not 0 < line <= len(lines) or not self.src.text:
            return line, column
        head = lines[line - 1][column - 1 :]
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        row = text[start : end if end >= 0 else len(text)]
        within = offset - start
        if head[:1] == "|":
            # A literal block: each line of the value is a line of the file, indented.
            target = line + 1 + text.count("\n", 0, offset)
            if target <= len(lines):
                found = lines[target - 1].find(row) if row else -1
                if found >= 0:
                    return target, found + within + 1
                return target, 1
            return line, column
        # Folded, quoted or plain: look for the words around the character in the file.
        # Folding joins lines with a space: look only for words typed on one line.
        lo = max(0, within - 8, max(row.rfind(" ", 0, within), row.rfind("\t", 0, within)) + 1)
        hi = min(len(row), within + 8)
        space = row.find(" ", within)
        if space >= 0:
            hi = min(hi, space)
        snippet = row[lo:hi]
        before = within - lo
        if snippet:
            flat = "\n".join(lines[line - 1 : line + 400])
            at = flat.find(snippet, column - 1)
            if at >= 0:
                at += before
                extra = flat.count("\n", 0, at)
                col = at - (flat.rfind("\n", 0, at) + 1) + 1 if extra else at + 1
                return line + extra, col
        return line, column
