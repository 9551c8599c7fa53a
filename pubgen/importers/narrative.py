"""Re-join printed lines into headings, paragraphs, lists and the 名词解释 list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .structure import (
    BodyBlock,
    Glossary,
    GlossaryEntry,
    Heading,
    ListBlock,
    Origin,
    Paragraph,
    Table,
)
from .text import numbering_style, split_numbering

_HEADING_MAX = 40
"""A numbered line longer than this is a list item, not a heading."""
_CLAUSE = re.compile(r"[，；,;]")
_ENDS = ("。", "；", "！", "？", ";", "!", "?")
_SENTENCE_ENDS = _ENDS + ("：", ":", "…")
_GLOSSARY_TERM = re.compile(r"^(.{1,30}?)[：:](.*)$", re.S)


@dataclass(slots=True)
class FlowLine:
    """A printed line of running text with the layout cues that part paragraphs."""

    text: str
    origin: Origin
    indent: bool = False
    """Starts further right than the body text's left margin."""
    ends_short: bool = False
    """Ends well before the right margin: the paragraph ends here."""
    gap_before: bool = False
    """More space above it than between the lines of a paragraph."""
    gap_em: float = 0.0
    """The space above it, in units of its own height."""
    centred: bool = False
    """A centred line: a page title."""
    page_start: bool = False
    """The first running-text line of its page."""
    hard_break: bool = False
    """The line is a paragraph of its own (a line break typed in a workbook cell)."""
    fill: float = 0.0
    """How much of the text width the line fills, 0 to 1 (PDF only)."""
    outline: int | None = None
    """A Word heading's outline level (标题 1 is 0): a heading though it prints no number."""


@dataclass(slots=True)
class _Para:
    lines: list[FlowLine] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines([line.text for line in self.lines])

    @property
    def origin(self) -> Origin:
        pages = tuple(sorted({p for line in self.lines for p in line.origin.pages}))
        first = self.lines[0].origin
        return Origin(pages, first.sheet, first.ref, "\n".join(line.text for line in self.lines))


_FIGURE_END = frozenset("0123456789,")


def join_lines(texts: list[str]) -> str:
    """Join wrapped lines of one paragraph: never a space between Chinese, one between Latin words."""
    out = ""
    for text in texts:
        piece = text.strip()
        if not piece:
            continue
        # A figure broken over two lines (“1,23” / “4.56万元”) is one figure: no space inside it.
        in_figure = out[-1:] in _FIGURE_END and (piece[0].isdigit() or (piece[:1] in ".," and piece[1:2].isdigit()))
        if out and out[-1].isascii() and out[-1].isalnum() and piece[0].isascii() and piece[0].isalnum() and not in_figure:
            out += " "
        out += piece
    return out


def _starts_paragraph(line: FlowLine, previous: FlowLine | None) -> bool:
    if previous is None or line.hard_break or previous.hard_break:
        return True
    if line.centred or previous.centred:
        return True
    if line.page_start:
        # Across a page break a paragraph goes on unless the layout shows it ended.
        return previous.ends_short or line.indent
    if split_numbering(line.text)[0] and previous.text.endswith(_ENDS):
        # A numbered item starts on the line after a finished sentence, indented or not.
        return True
    if (
        previous.ends_short
        and previous.fill > 0.6
        and not previous.text.endswith(_SENTENCE_ENDS)
        and not line.indent
        and not line.gap_before
        and not split_numbering(line.text)[0]
    ):
        # A long line broken mid-sentence (市场秩序科（粮食和物资 / 储备科）…): the next line,
        # flush left and not numbered, carries the sentence on.
        return False
    return line.indent or previous.ends_short or line.gap_before


def _paragraphs(lines: list[FlowLine]) -> list[_Para]:
    paragraphs: list[_Para] = []
    previous: FlowLine | None = None
    for line in lines:
        if not line.text.strip():
            continue
        if (
            line.centred
            and previous is not None
            and (previous.centred or split_numbering(previous.text)[1] == 0)
            and len(paragraphs[-1].lines) == 1
            and line.gap_em < 2.5
        ):
            # A page title wrapped onto a second centred line.
            paragraphs[-1].lines.append(line)
        elif _starts_paragraph(line, previous):
            paragraphs.append(_Para([line]))
        else:
            paragraphs[-1].lines.append(line)
        previous = line
    return paragraphs


def _heading(para: _Para) -> Heading | None:
    text = para.text
    numbering, level, rest = split_numbering(text)
    outline = para.lines[0].outline
    if outline is not None and not numbering and not para.lines[0].centred and len(text) <= _HEADING_MAX and not text.endswith(_SENTENCE_ENDS):
        # “部门主要职能” in Word's 标题 1 style, numbered by nothing: a heading at its outline level.
        return Heading(text, "", outline + 1, para.origin)
    if para.lines[0].centred and len(text) <= 60:
        return Heading(rest if level == 0 else text, numbering if level == 0 else "", 0, para.origin)
    if level == 0 and len(text) <= 60:
        return Heading(rest, numbering, 0, para.origin)
    if not numbering or len(para.lines) > 1 or len(text) > _HEADING_MAX:
        return None
    if _CLAUSE.search(rest) or "：" in rest[:-1] or ":" in rest[:-1]:
        return None
    if rest.endswith("。") and level >= 3:
        return None
    if para.lines[0].hard_break and level >= 3:
        # A typed line break gives no layout cue: a numbered line there is a list item.
        return None
    return Heading(rest.rstrip("。"), numbering, level, para.origin)


def build_body(items: list[FlowLine | Table]) -> list[BodyBlock]:
    """Headings, paragraphs, lists, tables and the glossary from lines and tables in printed order."""
    body: list[BodyBlock] = []
    run: list[FlowLine] = []

    def flush() -> None:
        for para in _paragraphs(run):
            heading = _heading(para)
            if heading is not None:
                body.append(heading)
                continue
            numbering, _level, rest = split_numbering(para.text)
            body.append(Paragraph(para.text, numbering, para.origin))
        run.clear()

    for item in items:
        if isinstance(item, Table):
            flush()
            body.append(item)
        else:
            run.append(item)
    flush()
    return _glossaries(_lists(_items_not_headings(body)))


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def number_of(numbering: str) -> int | None:
    """The number a list number stands for: 3、 → 3, （十二） → 12, 第二十一条 → 21; None when it has none."""
    digits = re.search(r"\d+", numbering)
    if digits:
        return int(digits.group(0))
    chars = re.sub(r"[^零〇一二三四五六七八九十百]", "", numbering.replace("第", "").replace("部分", "").replace("条", ""))
    if not chars:
        return None
    total, current = 0, 0
    for ch in chars:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def _items_not_headings(body: list[BodyBlock]) -> list[BodyBlock]:
    """A numbered line that continues the numbering of the item just before it is an item, not a heading.

    五、监督专业管理 after 四、… in a list of duties, or （十二） after （十一）, print without a stop and
    look like headings; the numbering that carries on says they are the list's next items.
    """
    out: list[BodyBlock] = []
    for block in body:
        previous = out[-1] if out else None
        if (
            isinstance(block, Heading)
            and block.level >= 1
            and isinstance(previous, Paragraph)
            and previous.numbering
            and numbering_style(previous.numbering) == numbering_style(block.numbering)
            and number_of(previous.numbering) is not None
            and number_of(block.numbering) == (number_of(previous.numbering) or 0) + 1
        ):
            printed = join_lines(block.origin.text.split("\n")) if block.origin.text else block.numbering + block.text
            out.append(Paragraph(printed, block.numbering, block.origin))
            continue
        out.append(block)
    return out


def _lists(body: list[BodyBlock]) -> list[BodyBlock]:
    """Group runs of two or more paragraphs numbered in the same style into a list."""
    out: list[BodyBlock] = []
    index = 0
    while index < len(body):
        block = body[index]
        if isinstance(block, Paragraph) and block.numbering:
            style = numbering_style(block.numbering)
            end = index + 1
            while (
                end < len(body)
                and isinstance(body[end], Paragraph)
                and numbering_style(body[end].numbering) == style  # type: ignore[union-attr]
            ):
                end += 1
            if end - index >= 2:
                items = [b for b in body[index:end] if isinstance(b, Paragraph)]
                pages = tuple(sorted({p for item in items for p in item.origin.pages}))
                first = items[0].origin
                out.append(ListBlock(items, Origin(pages, first.sheet, first.ref, "\n".join(i.origin.text for i in items))))
                index = end
                continue
        out.append(block)
        index += 1
    return out


def _glossaries(body: list[BodyBlock]) -> list[BodyBlock]:
    """Turn the paragraphs under a 名词解释 heading into term → definition entries."""
    out: list[BodyBlock] = []
    inside = False
    for block in body:
        if isinstance(block, Heading):
            inside = "名词解释" in block.text
            out.append(block)
            continue
        if not inside or isinstance(block, Table):
            if isinstance(block, Table):
                inside = False
            out.append(block)
            continue
        paragraphs = block.items if isinstance(block, ListBlock) else [block] if isinstance(block, Paragraph) else []
        entries: list[GlossaryEntry] = []
        leftover: list[Paragraph] = []
        for para in paragraphs:
            numbering, _level, rest = split_numbering(para.text)
            match = _GLOSSARY_TERM.match(rest)
            if match:
                entries.append(GlossaryEntry(match.group(1).strip(), match.group(2).strip(), numbering, para.origin))
            else:
                leftover.append(para)
        if entries and not leftover:
            if out and isinstance(out[-1], Glossary):
                out[-1].entries.extend(entries)
            else:
                pages = tuple(sorted({p for e in entries for p in e.origin.pages}))
                first = entries[0].origin
                out.append(Glossary(entries, Origin(pages, first.sheet, first.ref, "\n".join(e.origin.text for e in entries))))
        else:
            out.append(block)
    return out
