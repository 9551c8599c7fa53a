"""Words of the narrative that are wrong whatever the figures: template residue and the document's own year as the base year."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator

from .. import model as m
from .completeness import PLACEHOLDER
from .narrative_text import Piece

_DIRECTIONS = "增加|减少|增长|下降|上升|大于|小于|高于|低于"
RESIDUE: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (("X", "x", "Ｘ", "ｘ"), re.compile(r"[XxＸｘ]+(?:[.．][XxＸｘ]+)?")),
    # Full-width only: ** in an editor's Markdown is bold, not a placeholder.
    (("××", "＊＊"), re.compile(r"[×＊]{2,}")),
    (("待填写", "待补充"), re.compile(r"待(?:填写|补充)")),
    (("如持平作持平表述", "不涉及的不列"), re.compile(r"[（(](?:如持平作持平表述|不涉及的不列)[）)]")),
    (("主要原因",), re.compile(r"主要原因(?:是|为|如下)?\s*[：:]?\s*[。；;]")),
)
"""What a template leaves behind: XX placeholders, “增加（减少）”, an empty “主要原因：。”.

Each pattern is searched for only when one of its words is in the text: a plain search for
words is many times faster than a regular expression over every character, and most
documents hold none of them. An ``x`` inside a Latin word (XXL, Excel) is told apart afterwards.
"""
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_CODE_LEVEL_AFTER = re.compile(r"\s*[（(](?:类|款|项)[）)]")


def _placeholder(text: str, match: re.Match[str], floor: int = 0) -> bool:
    """Whether a run of X is a placeholder: two or more, or one before （类）, and not part of a Latin word.

    ``floor`` is where the piece starts in ``text``: nothing before it belongs to the same word.
    """
    a, b = match.span()
    if (a > floor and text[a - 1] in _LATIN) or (b < len(text) and text[b] in _LATIN):
        return False
    return len(match.group()) >= 2 or _CODE_LEVEL_AFTER.match(text, b) is not None


_EMPTY_REASON_AT_END = re.compile(r"主要原因(?:是|为|如下)?\s*[：:]?\s*$")


@dataclass(frozen=True, slots=True)
class Found:
    """A place in a piece of text, and what was found there."""

    piece: Piece
    offset: int
    text: str


_EITHER_OR = re.compile(rf"\s*[（(/／]\s*(?:{_DIRECTIONS})\s*[）)]?")
_DIRECTION_WORDS = frozenset(_DIRECTIONS.split("|"))


def _either_or(joined: Joined) -> Iterator[tuple[int, Found]]:
    """“增加（减少）”, “增长/下降”: the template's two choices, both left in.

    Found from the brackets and slashes, which are few, rather than by a pattern tried at every character.
    """
    text = joined.text
    hits: list[int] = []
    for mark in "（(/／":
        at = text.find(mark, 2)
        while at >= 0:
            if text[at - 2 : at] in _DIRECTION_WORDS or (text[at - 1] == " " and text[at - 3 : at - 1] in _DIRECTION_WORDS):
                hits.append(at)
            at = text.find(mark, at + 1)
    for at in sorted(hits):
        start = at - 2 if text[at - 2 : at] in _DIRECTION_WORDS else at - 3
        match = _EITHER_OR.match(text, start + 2)
        if match is None:
            continue
        index = bisect.bisect_right(joined.starts, start) - 1
        piece = joined.pieces[index]
        if match.end() <= joined.starts[index] + len(piece.text):
            yield start, Found(piece, start - joined.starts[index], text[start : match.end()])


class Joined:
    """All pieces as one text, so that each pattern is searched once per document."""

    def __init__(self, pieces: list[Piece]) -> None:
        self.pieces = pieces
        self.starts: list[int] = []
        at = 0
        for piece in pieces:
            self.starts.append(at)
            at += len(piece.text) + 1
        self.text = "\n".join(p.text for p in pieces)

    def search(self, pattern: re.Pattern[str]) -> Iterator[tuple[Piece, int, re.Match[str]]]:
        """Each match inside one piece, with the piece and the piece's offset in the joined text."""
        for match in pattern.finditer(self.text):
            index = bisect.bisect_right(self.starts, match.start()) - 1
            piece = self.pieces[index]
            if match.end() <= self.starts[index] + len(piece.text):
                yield piece, self.starts[index], match


def residue(joined: Joined, body: list[m.Block]) -> Iterator[Found]:
    """Template words left in any text of the document."""
    pieces = joined.pieces
    found: list[tuple[int, Piece, int, str]] = []
    for triggers, pattern in RESIDUE:
        if not any(t in joined.text for t in triggers):
            continue
        for piece, offset, match in joined.search(pattern):
            if match.group()[0] in "XxＸｘ" and not _placeholder(joined.text, match, offset):
                continue
            if match.group().startswith("待") and joined.text[max(0, match.start() - 1) : match.start() + 2] == PLACEHOLDER:
                continue  # “（待填……）” is what `pubgen new` writes: reported as text-to-fill
            found.append((match.start(), piece, match.start() - offset, match.group()))
    for at, either in _either_or(joined):
        found.append((at, either.piece, either.offset, either.text))
    for _, piece, at, text in sorted(found, key=lambda f: f[0]):
        yield Found(piece, at, text)
    for piece in pieces:
        if piece.prose and "主要原因" in piece.text[-12:]:
            end = _EMPTY_REASON_AT_END.search(piece.text)
            if end is not None and not _continues(piece, body):
                yield Found(piece, end.start(), end.group().strip())


def _continues(piece: Piece, body: list[m.Block]) -> bool:
    """Whether the text goes on after this piece (a list of reasons, another paragraph)."""
    path = piece.path
    if len(path) >= 4 and path[2] == "items":
        block = body[piece.block]
        if isinstance(block, m.ListBlock) and int(path[3]) + 1 < len(block.items):
            return True
    following = body[piece.block + 1] if 0 <= piece.block and piece.block + 1 < len(body) else None
    return isinstance(following, (m.ListBlock, m.Text, m.Table))


_BASE_YEAR = re.compile(r"(?P<word>比|较|与|同)\s*(?P<year>(?:19|20)\d\d)\s*年(?P<rest>[^，,；;。\n]{0,24})")
_COMPARED = re.compile(r"相比|持平|比较|相同|一致|增|减|下降|上升|降低|提高")
_SAME_YEAR_BUDGET = re.compile(r"^\s*度?\s*(?:的)?\s*(?:年初|初|全年|调整后)?\s*(?:部门)?\s*预算")


@dataclass(frozen=True, slots=True)
class YearFound:
    """A comparison whose base year is the document's own year or later."""

    piece: Piece
    offset: int
    text: str
    year: int


_YEAR_TRIGGERS = tuple(f"{w}{s}20" for w in "比较与同" for s in ("", " "))


def wrong_years(joined: Joined, doc: m.Document) -> Iterator[YearFound]:
    """“比2026年” in a 2026 budget: the base of a comparison is the document's own year, or a later one."""
    text = joined.text
    starts: list[int] = []
    for trigger in _YEAR_TRIGGERS:  # a plain search for the few places, then the pattern there only
        at = text.find(trigger)
        while at >= 0:
            starts.append(at)
            at = text.find(trigger, at + 1)
    for start in sorted(starts):
        match = _BASE_YEAR.match(text, start)
        if match is None:
            continue
        index = bisect.bisect_right(joined.starts, start) - 1
        piece, offset = joined.pieces[index], joined.starts[index]
        year = int(match["year"])
        if year < doc.year or match.end("year") > offset + len(piece.text) or (start > offset and text[start - 1] in "占对相"):
            continue
        rest = match["rest"]
        if match["word"] == "与" and not _COMPARED.search(rest):
            continue  # “与2026年部门预算一并公开” compares nothing
        if year == doc.year and doc.kind != "budget" and _SAME_YEAR_BUDGET.match(rest):
            continue  # a 决算 or 自评 compares the year's actual with the same year's budget
        yield YearFound(piece, match.start("year") - offset, match["word"] + match["year"] + "年", year)
