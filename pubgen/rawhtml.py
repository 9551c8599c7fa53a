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

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])[^>]*?(/?)>")
_UNSURE = re.compile(r"<!|<\?|<script|<style|<pre|<textarea|\smarkdown=", re.IGNORECASE)
_BLANK = re.compile(r"[ ]*$")
_IDS = re.compile(r"""<[a-z][^>]*?\sid=["']([^"']*)["']""")


class _SetAside(Preprocessor):
    """Priority 22: after fenced code (25), before MkDocs' anchor collector (21) and html_block (20)."""

    def __init__(self, md: Markdown, ids: set[str]) -> None:
        super().__init__(md)
        self.ids = ids

    def run(self, lines: list[str]) -> list[str]:
        self.ids.clear()
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
            end = self._block_end(lines, i) if blank_before else None
            if end is None:
                # HTML this counting is not sure of: Python-Markdown reads it, and everything after it.
                out += lines[i:]
                break
            block = "\n".join(lines[i : end + 1])
            if end + 2 < n and _BLANK.match(lines[end + 1]):
                block += "\n"  # Python-Markdown keeps the line end when a blank line follows
            self.ids.update(_IDS.findall(block))
            out += ["", self.md.htmlStash.store(block), ""]
            blank_before = True
            i = end + 1
        return out

    def _block_end(self, lines: list[str], start: int) -> int | None:
        """The line where the block starting at ``start`` ends, if that is certain.

        The end is found as Python-Markdown finds it: every start tag is pushed
        (but ``hr`` and self-closed tags), an end tag pops down to its own start
        tag if that is open, and the block ends when nothing is left open.
        """
        first = _TAG.match(lines[start])
        if not first or first.group(1) or first.group(3) or not self.md.is_block_level(first.group(2).lower()):
            return None
        if first.group(2).lower() == "hr":
            return None
        stack: list[str] = []
        for j in range(start, len(lines)):
            line = lines[j]
            if _UNSURE.search(line):
                return None
            for mark in _TAG.finditer(line):
                closing, name, self_closed = mark.group(1), mark.group(2).lower(), mark.group(3)
                if not closing:
                    if not self_closed and name != "hr":
                        stack.append(name)
                    continue
                if name in stack:
                    while stack.pop() != name:
                        pass
                if stack:
                    continue
                # Closed: the block must end there, at the end of its line,
                # before a blank line or the start of another block.
                if not _BLANK.match(line, mark.end()):
                    return None
                if j + 1 < len(lines) and not _BLANK.match(lines[j + 1]):
                    following = _TAG.match(lines[j + 1])
                    if not following or following.group(1) or not self.md.is_block_level(following.group(2).lower()):
                        return None
                return j
        return None


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
