"""What of a generated document page is its text: the words a reader searches, without the site's boilerplate.

A document page (``templates/document.md.j2``) carries, besides the document, words the site
writes on every page: the labels of its facts (部门, 地区, 年度…), the data download line
(“CSV（可用 Excel 打开）”), its permanent address (a slug), related-document links, computed
comparisons and key figures, glossary tooltips, screen-reader hints (未填, 空白). Indexed, they
make a query such as ``Excel`` or ``下载`` match every document; shown in an excerpt, they say
nothing about the document. They are left out here, by the classes the templates give them.

The text is split into passages (a paragraph, a list item, a table row, a heading), which the
search shows excerpts from. The site's own notes about the document (the 核对说明 of each figure
that differs from its computation, the 核对原文 line) are kept apart, as ``notes``: they are
indexed, so a reader finds them, but an excerpt shows the document's own sentence before them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

SKIPPED_CLASSES = frozenset(
    {
        "pg-download",  # 下载本文数字：CSV（可用 Excel 打开） · JSON · 数据说明
        "pg-tabledownload",  # 下载本表（CSV）, under each table
        "pg-toc",  # 目录: the page's headings and tables again, as links
        "pg-permalink",  # 本页固定网址：/<slug>/ · 查看源文件 · 提议修改
        "pg-related",  # 同部门同年度的其他文档：…
        "pg-keys",  # key figures the site computes, with its own labels
        "pg-compare",  # budget beside actual, this year beside last: computed by the site
        "pg-fromtext",  # 本表根据正文所列数字整理…
        "pg-terms",  # the site glossary's definitions, repeated on every page that uses a term
        "pg-tip",  # the same definitions as tooltips inside the text
        "pg-sr",  # screen-reader hints: 未填, （空白）, repeated captions
        "pg-ack__title",  # 核对说明：本文有 N 处数字…（the reasons themselves are kept）
        "pg-ack__marks",  # 标注：注1、注2…, links to the notes
        "pg-derived",  # （按得分确定）
        "pg-preview",  # problems shown by `pubgen serve`
    }
)
"""Elements whose whole text is the site's, not the document's."""

NOTE_CLASSES = frozenset(
    {
        "pg-ack",  # 核对说明: each figure that differs from its computation, and the publisher's reason
        "pg-verify",  # 核对原文：本页数字按原文照录…
    }
)
"""Elements whose text is the site's note about the document: indexed, but excerpted only where it holds more of a query than the document's own words."""

SKIPPED_LABELS = frozenset({"pg-docmeta"})
"""Fact lists whose labels (``<dt>``) are the site's and whose values (``<dd>``) are the document's."""

_BLOCK = re.compile(
    r"</?(?:p|li|tr|h[1-6]|dt|dd|caption|div|section|figcaption|blockquote|table|thead|tbody|tfoot|ul|ol|dl|aside"
    r"|figure|pre|br|hr)\b[^>]*>",
    re.I,
)
_CELL = re.compile(r"</?t[dh]\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_DT = re.compile(r"<dt\b[^>]*>.*?</dt>", re.S | re.I)
_LABEL = re.compile(r"<(?:th|dt)\b[^>]*>(.*?)</(?:th|dt)>|<span class=\"pg-caption__title\">(.*?)</span>", re.S | re.I)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*)$", re.M)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_LINK_TARGET = re.compile(r"\]\([^()]*\)")
_MARK = re.compile(r'<sup class="pg-mark">(.*?)</sup>', re.S)
"""The “注n” after a figure the publisher acknowledged as differing from its computation (``notes.mark_html``)."""


def _caveat(found: re.Match[str]) -> str:
    """A mark as a passage reads it: out of the page, in a search excerpt, “注3” alone would not say the figure is in question."""
    return f"（{_plain(found.group(1))}，数字有出入）"


@dataclass(slots=True)
class PageText:
    """A document page's own words."""

    passages: list[str]
    """Paragraphs, list items, table rows and headings, in page order, spaces collapsed."""
    labels: list[str] = field(default_factory=list)
    """Row and field names, table titles and headings: the candidates for search suggestions."""
    notes: list[str] = field(default_factory=list)
    """The site's notes about the document (``NOTE_CLASSES``), in page order, spaces collapsed."""

    @property
    def text(self) -> str:
        """The passages and then the notes as one text, one per line."""
        return "\n".join(self.passages + self.notes)

    @property
    def excerpts(self) -> list[str]:
        """What the search excerpts from: the passages, then, after an empty string, the notes (if any)."""
        return self.passages + [""] + self.notes if self.notes else list(self.passages)


def _classed(classes: frozenset[str]) -> re.Pattern[str]:
    """Start tags that carry one of ``classes``."""
    names = "|".join(sorted(map(re.escape, classes)))
    return re.compile(rf'<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*?\sclass="(?:[^"]*\s)?(?:{names})(?:\s[^"]*)?"[^>]*>')


_SKIPPED = _classed(SKIPPED_CLASSES)
_SITE_LABELS = _classed(SKIPPED_LABELS)
_NOTES = _classed(NOTE_CLASSES)


def _without(markup: str, start_tags: re.Pattern[str], taken: list[str] | None = None) -> str:
    """``markup`` without the elements whose start tag ``start_tags`` matches (with everything inside them);
    those elements are appended to ``taken``, if given."""
    out: list[str] = []
    pos = 0
    for found in start_tags.finditer(markup):
        if found.start() < pos:
            continue
        tag = found.group("tag").lower()
        out.append(markup[pos : found.start()])
        pos = _element_end(markup, tag, found.end())
        if taken is not None:
            taken.append(markup[found.start() : pos])
    out.append(markup[pos:])
    return "".join(out)


def _element_end(markup: str, tag: str, start: int) -> int:
    """Where the element of ``tag`` opened just before ``start`` closes (its nested namesakes counted)."""
    depth = 1
    for edge in re.compile(rf"<(/?){tag}\b[^>]*>", re.I).finditer(markup, start):
        depth += -1 if edge.group(1) else 1
        if depth == 0:
            return edge.end()
    return len(markup)


def _plain(markup: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", markup))).strip()


def _passages(body: str) -> list[str]:
    """The non-empty lines of text of ``body``: a passage per paragraph, list item, table row or heading."""
    text = _HEADING.sub(lambda m: _MD_ESCAPE.sub(r"\1", m.group(1)), body)
    text = _CELL.sub(" ", _BLOCK.sub("\n", text))
    text = _SPACE.sub(" ", html.unescape(_TAG.sub("", text)))
    return [p for p in (line.strip() for line in text.split("\n")) if p]


def page_text(markdown: str) -> PageText:
    """The document's own words on a generated Markdown page: no front matter, markup, link targets or boilerplate."""
    body = _LINK_TARGET.sub("]", _FRONT_MATTER.sub("", markdown, count=1))
    body = _without(body, _SKIPPED)
    notes: list[str] = []
    body = _without(body, _NOTES, notes)
    meta = _SITE_LABELS.search(body)
    if meta:
        end = _element_end(body, meta.group("tag").lower(), meta.end())
        body = body[: meta.end()] + _DT.sub("", body[meta.end() : end]) + body[end:]
    # A name marked as in question (a score item's, a column's: “分值注1”) is suggested as the name alone.
    labels = [_plain(m.group(1) or m.group(2) or "") for m in _LABEL.finditer(_MARK.sub("", body))]
    body = _MARK.sub(_caveat, body)
    labels += [_MD_ESCAPE.sub(r"\1", m.group(1)).strip() for m in _HEADING.finditer(body)]
    return PageText(_passages(body), [label for label in labels if label], [p for note in notes for p in _passages(note)])
