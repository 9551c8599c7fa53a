"""Set aside the HTML blocks of generated pages before Python-Markdown scans them.

Generated pages are Markdown headings between blocks of HTML that pubgen wrote
(tables, lists, key figures), with every editor's string already escaped.
Python-Markdown finds where each raw HTML block ends by running the standard
library's HTML parser over the whole page, and MkDocs runs it a second time to
collect anchor ids: on a site of a thousand documents those two passes were
two thirds of the MkDocs build. This preprocessor runs first, finds each block's
end by counting its tag, and stores the block in Python-Markdown's HTML stash
exactly as its own preprocessor would, so the page comes out the same.

A block is only set aside when that is certain to give the same page: it starts
at the beginning of a line after a blank line or another block, with a
block-level tag; it ends with that tag closed at the end of a line followed by
a blank line, another block or the end; it holds nothing the counting could
misread (comments, scripts, styles, preformatted text, ``markdown``
attributes). From the first HTML it is not sure of, the rest of the page is
left to Python-Markdown. The Markdown tree itself is unchanged: any Markdown
builder still builds it.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# Tags exactly as pubgen writes them: an ASCII name, attributes bare or in double
# quotes with no < or > inside, all on one line. Anything else in a block (a tag the
# standard HTML parser could read differently, a comment, a reference without its
# semicolon, which Python-Markdown rewrites) leaves the block to Python-Markdown.
_ATTR = re.compile(r'[ \t]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"<>]*)")?')
_TAG = re.compile(r'<(?:([a-zA-Z][a-zA-Z0-9]*)((?:[ \t]+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*)[ \t]*(/?)>|/([a-zA-Z][a-zA-Z0-9]*)>)')
_UNSURE = re.compile(r"&(?![a-zA-Z][a-zA-Z0-9]*;|#[0-9]+;|#[xX][0-9a-fA-F]+;)|<(?:script|style|pre|textarea)\b|[^\S\n]markdown=", re.IGNORECASE)
"""Searched over the whole page at once: the space before ``markdown=`` is one within its line."""
_BLANK = re.compile(r"[ ]*$")
_ID_LIKE = re.compile(r'[ \t](?:id|name)="', re.IGNORECASE)
"""Attributes that may hold an anchor (most tags have none: their attributes are not read one by one)."""


class _SetAside(Preprocessor):
    """Priority 22: after fenced code (25), before MkDocs' anchor collector (21) and html_block (20)."""

    def __init__(self, md: Markdown, ids: set[str]) -> None:
        super().__init__(md)
        self.ids = ids
        self.unsure: list[int] = []
        """The page's lines (by number) that hold something the counting could misread."""

    def run(self, lines: list[str]) -> list[str]:
        self.ids.clear()
        self.unsure = _unsure_lines(lines)
        out: list[str] = []
        i, n = 0, len(lines)
        blank_before = True
        while i < n:
            line = lines[i]
            if "<" not in line:
                out.append(line)
                blank_before = not line.strip()
                i += 1
                continue
            found = self._block(lines, i) if blank_before else None
            if found is None:
                # HTML this reading is not sure of: Python-Markdown reads it, and everything after it.
                out += lines[i:]
                break
            end, ids = found
            block = "\n".join(lines[i : end + 1])
            if end + 2 < n and _BLANK.match(lines[end + 1]):
                block += "\n"  # Python-Markdown keeps the line end when a blank line follows
            self.ids.update(ids)
            out += ["", self.md.htmlStash.store(block), ""]
            blank_before = True
            i = end + 1
        return out

    def _block(self, lines: list[str], start: int) -> tuple[int, list[str]] | None:
        """The line where the block starting at ``start`` ends and the anchors in it, if that is certain.

        The end is found as Python-Markdown finds it: every start tag is pushed
        (but ``hr`` and self-closed tags), an end tag pops down to its own start
        tag if that is open, and the block ends when nothing is left open.
        """
        first = _TAG.match(lines[start])
        if not first or not first.group(1) or first.group(3):
            return None
        name = first.group(1).lower()
        if name == "hr" or not self.md.is_block_level(name):
            return None
        stack: list[str] = []
        ids: list[str] = []
        for j in range(start, len(lines)):
            line = lines[j]
            marks = list(_TAG.finditer(line))
            if len(marks) != line.count("<"):
                return None  # a "<" that starts no tag (a tag holds no other "<", so each match starts at one)
            for mark in marks:
                opened, attributes, self_closed, closed = mark.groups()
                if opened:
                    tag = opened.lower()
                    for attribute, value in _ATTR.findall(attributes) if _ID_LIKE.search(attributes) else ():
                        # What MkDocs' anchor collector takes: id, and name on links.
                        if value and (attribute.lower() == "id" or (attribute.lower() == "name" and tag == "a")):
                            ids.append(html.unescape(value))
                    if not self_closed and tag != "hr":
                        stack.append(tag)
                    continue
                tag = closed.lower()
                if tag in stack:
                    while stack.pop() != tag:
                        pass
                if stack:
                    continue
                # Closed: the block must end there, at the very end of its line,
                # before a blank line or the start of another block.
                if mark.end() != len(line):
                    return None
                if j + 1 < len(lines) and not _BLANK.match(lines[j + 1]):
                    following = _TAG.match(lines[j + 1])
                    if not following or not following.group(1) or not self.md.is_block_level(following.group(1).lower()):
                        return None
                # A line of the block holds something the counting could misread.
                k = bisect.bisect_left(self.unsure, start)
                if k < len(self.unsure) and self.unsure[k] <= j:
                    return None
                return j, ids
        return None


def _unsure_lines(lines: list[str]) -> list[int]:
    """The numbers of the lines that hold something the counting could misread, found in one pass over the page."""
    text = "\n".join(lines)
    found = [m.start() for m in _UNSURE.finditer(text)]
    if not found:
        return []
    starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    return sorted({bisect.bisect_right(starts, at) - 1 for at in found})


class _ShareIds(Preprocessor):
    """Priority 19: hand the ids of the blocks set aside to MkDocs' anchor check, which ran at 21."""

    def __init__(self, md: Markdown, ids: set[str]) -> None:
        super().__init__(md)
        self.ids = ids

    def run(self, lines: list[str]) -> list[str]:
        if "mkdocs_raw_html" in self.md.preprocessors:
            collector: Any = self.md.preprocessors["mkdocs_raw_html"]
            found = getattr(collector, "present_anchor_ids", None)
            if isinstance(found, set):
                found |= self.ids
        return lines


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        ids: set[str] = set()
        md.preprocessors.register(_SetAside(md, ids), "pubgen_raw_html", 22)
        md.preprocessors.register(_ShareIds(md, ids), "pubgen_raw_html_ids", 19)


def makeExtension(**kwargs: Any) -> RawHtmlExtension:  # noqa: N802 - Python-Markdown's entry point
    return RawHtmlExtension(**kwargs)
