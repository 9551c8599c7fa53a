"""Editors' Markdown, made safe: rendered to HTML with raw HTML shown as text."""

from __future__ import annotations

import re
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from .escape import md_heading, one_line_html, printable_in_html

AS_PRINTED = ["reference", "code"]
"""CommonMark rules that take printed text for Markdown of their own, off in every reading of an editor's text.

``reference``: a line ``[注]: 本表金额单位为万元`` or ``[1]: …`` (a note as budget documents print it) is a link
reference definition, which the page leaves out: the note vanished. (The importer writes such lines ``\\[注\\]:``;
a hand-typed one was lost.) Links are written ``[文字](https://…)``, as the documentation says.
``code``: a paragraph indented four spaces or a tab (首行缩进, as in Word) is an indented code block, one line of
monospace that scrolls sideways on a phone; it is an ordinary paragraph. Fenced code (```` ``` ````) is kept.
"""

_INDENT = re.compile(r"^[ \t]*")
_LIST_LINE = re.compile(r"^[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")


def as_typed(text: str) -> str:
    """An editor's text as Markdown should read it: each paragraph without the indentation it was pasted with.

    Text pasted from Word comes indented (首行缩进, or every line by four spaces or a tab). With indented code off
    (:data:`AS_PRINTED`), an indented list “    1. …\n    2. …” was one item whose later lines were glued to the
    first with their numbers printed as text. Each run of lines between blank lines loses the indentation all its
    lines share, so it reads as if typed at the margin. A run after a list that is indented further than that list
    was keeps the difference (a nested list, or a paragraph of the item above); one indented no further is a
    paragraph of its own. Fenced code (```) is left as typed. The lines stay where they were, so problems keep their lines.
    """
    text = printable_in_html(text)
    if "\n" not in text and not text[:1].isspace():
        return text
    out: list[str] = []
    run: list[str] = []
    listed: int | None = None
    """The indentation the last list run was typed with, while the runs after it may belong to it."""

    def width(line: str) -> int:
        return len(_INDENT.match(line).group(0).expandtabs(4))  # type: ignore[union-attr]

    def flush() -> None:
        nonlocal listed
        if not run:
            return
        cut = min(width(line) for line in run)
        keep = listed is not None and cut > listed
        by = listed if keep and listed is not None else cut
        out.extend(" " * (width(line) - by) + line.lstrip(" \t") if by else line for line in run)
        if any(_LIST_LINE.match(line) for line in run) and not keep:
            listed = cut
        elif not keep:
            listed = None
        run.clear()

    fence: str | None = None
    for line in text.split("\n"):
        mark = line.lstrip(" \t")[:3]
        if fence is not None:
            out.append(line)
            if mark == fence:
                fence = None
            continue
        if mark in ("```", "~~~"):
            flush()
            fence = mark
            out.append(line)
        elif line.strip():
            run.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False, "breaks": True}).enable("table").disable(AS_PRINTED)
"""A line break inside a paragraph is kept as printed (a signature's 落款 and date on their own lines): the
documentation promises it, and a break read as a space puts a gap between two Chinese characters."""


def _drop_titles(state: object) -> None:
    """Link and image titles from editors are dropped: themes may turn titles into tooltips with innerHTML."""
    for token in getattr(state, "tokens", []):
        for child in [token, *(token.children or [])]:
            if child.type in ("link_open", "image") and child.attrs:
                child.attrs.pop("title", None)


_md.core.ruler.push("drop_titles", _drop_titles)


def _images_as_links(state: object) -> None:
    """An editor's image (``![说明](地址)``) is shown as a link to it, never loaded by the reader's browser.

    A government page must not fetch pictures from other sites (a tracking pixel, a
    defacement) or carry ``data:`` pictures; a reader who wants the picture follows the
    link. An address that is not a web address shows only the picture's description.
    """
    for token in getattr(state, "tokens", []):
        if not token.children:
            continue
        out: list[Token] = []
        in_link = 0
        for child in token.children:
            if child.type != "image":
                in_link += 1 if child.type == "link_open" else -1 if child.type == "link_close" else 0
                out.append(child)
                continue
            src = str(child.attrGet("src") or "")
            alt = child.content or "图片"
            text = Token("text", "", 0, content=f"［图片：{alt}］")
            if src.lower().startswith(("https://", "http://")) and not in_link:  # inside a link: its text only
                opened = Token("link_open", "a", 1, attrs={"href": src})
                out.extend([opened, text, Token("link_close", "a", -1)])
            else:
                out.append(text)
        token.children = out


_md.core.ruler.push("images_as_links", _images_as_links)


_UNSEEN = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufdd0-\ufdef\ufffe\uffff]")
"""Bidi controls and noncharacters: a character reference (``&#x202E;``) decodes to them after the check read the text."""


def _drop_unseen(state: object) -> None:
    """Characters that reorder or are not text, written as character references, are not published.

    ``pubgen check`` reports them (``invisible-character``) and a build with errors publishes
    nothing; this keeps a figure from reading backwards even so (``&#x202E;329.48`` shows 84.923).
    """
    for token in getattr(state, "tokens", []):
        for child in [token, *(token.children or [])]:
            if child.content and _UNSEEN.search(child.content):
                child.content = _UNSEEN.sub("", child.content)
            href = child.attrs.get("href") if child.attrs else None
            if isinstance(href, str) and _UNSEEN.search(href):
                child.attrs["href"] = _UNSEEN.sub("", href)


_md.core.ruler.push("drop_unseen", _drop_unseen)


def link_allowed(href: str) -> bool:
    """A link an editor may publish: a web address, an e-mail address or a telephone number, or a place on the same page.

    Not a relative or root path (where it leads depends on where the site is served), not
    ``//host`` (another site under this page's scheme), not another scheme (``ms-msdt:``, ``intent:``, ``ftp:``).
    """
    lower = href.strip().lower()
    return lower.startswith(("https://", "http://", "mailto:", "tel:")) or (lower.startswith("#") and len(lower) > 1)


def _safe_links(state: object) -> None:
    """A link whose address :func:`link_allowed` refuses is shown as its text only (``pubgen check`` warns ``link-address``)."""
    for token in getattr(state, "tokens", []):
        if not token.children:
            continue
        out: list[Token] = []
        dropped = 0
        for child in token.children:
            if child.type == "link_open" and not link_allowed(str(child.attrGet("href") or "")):
                dropped += 1
                continue
            if child.type == "link_close" and dropped:
                dropped -= 1
                continue
            out.append(child)
        token.children = out


_md.core.ruler.push("safe_links", _safe_links)


_MAY_LINK = re.compile(r"\]\s*[(\[:]|<[A-Za-z][A-Za-z0-9+.\-]{1,31}:")
"""What a link needs: ``](``, ``][``, ``]:`` (a reference definition) or an autolink ``<scheme:``."""


def link_addresses(text: str) -> list[tuple[str, int, bool]]:
    """The addresses of the links Markdown makes of ``text`` (inline, reference and autolinks), as written, each with
    the line of ``text`` (from 0) its paragraph starts on and whether the page keeps it as a link (judged, as the page
    judges it, on the address as it goes into the page: ``%68ttps://`` is not a web address there)."""
    if not _MAY_LINK.search(text):
        return []
    found: list[tuple[str, int, bool]] = []
    for token in _md_links.parse(as_typed(text), {}):
        line = token.map[0] if token.map else 0
        for child in token.children or []:
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                shown, kept = _md_links.normalizeLinkText(href), link_allowed(href)
                if not kept and link_allowed(shown):
                    shown = href  # %68ttps://: say what is written, which is not a web address
                found.append((shown, line, kept))
    return found


_md_links = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table").disable(AS_PRINTED)
"""The same reading, without the passes that drop links: to find the links an editor wrote."""


def _every_address(url: str) -> bool:
    """markdown-it leaves a link to javascript:, vbscript:, file: or data: as its Markdown source (“[链](javascript:…)” on the
    page, and no warning): read every link as a link, so the page shows its text alone (:func:`_safe_links`) and the
    check names its address (:func:`link_addresses`)."""
    return True


_md.validateLink = _every_address  # type: ignore[method-assign]
_md_links.validateLink = _every_address  # type: ignore[method-assign]


_MAY_HEAD = re.compile(r"^[ \t]*(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
"""What a heading needs: a line starting ``#`` … ``######``, or a line of ``=`` or ``-`` under a paragraph (indented
or not: indentation makes no code block, see :data:`AS_PRINTED`)."""


def headings(text: str) -> list[tuple[int, int, str, bool]]:
    """The headings Markdown makes of ``text`` (``# 标题``, or lines underlined with ``===`` or ``---``): for each, the
    line of ``text`` (from 0) to change (the ``#`` line, or the underline), its level, its text and whether it is underlined."""
    if not _MAY_HEAD.search(text):
        return []
    tokens = _md_links.parse(as_typed(text), {})
    found: list[tuple[int, int, str, bool]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            underlined = not token.markup.startswith("#")
            first, end = token.map if token.map else (0, 1)
            found.append((end - 1 if underlined else first, int(token.tag[1:]), tokens[index + 1].content, underlined))
    return found


_MAY_MARK = re.compile(r"[*_`]|^[ \t]*(?:[+>]|\d{1,9}[.)])(?:[ \t]|$)?", re.MULTILINE)
"""What a Markdown mark other than a heading needs: ``*``, ``_`` or a backquote, or a line starting ``+``, ``>``,
``1.`` or ``1)``."""


def altered_marks(text: str, block: bool = True) -> list[tuple[int, str, str]]:
    """Characters typed as printed that Markdown takes as its own marks, so the page shows them otherwise.

    For each: the line of ``text`` (from 0), the kind and what was written. Kinds: ``emphasis``
    (``*…*``, ``_…_`` or ``__…__``: the marks vanish, the words between turn italic or bold), ``code``
    (a backquoted word: the quotes vanish), and, in a field rendered as blocks (``block``), ``paren``
    (``1)`` shown as “1.”), ``bullet`` (a line starting ``*`` or ``+``, shown as “•”), ``quote`` (a line
    starting ``>``, “more than”: it vanishes and the line is indented), ``rule`` (``____`` alone, a blank
    to fill in, shown as a line) and ``renumbered`` (``3.`` then ``5.``: the page counts on, “3. 4.”).
    ``**bold**`` and ``- `` lists (even before an amount) are the Markdown editors are told to use, and
    are not reported.
    """
    if not _MAY_MARK.search(text):
        return []
    source = as_typed(text) if block else printable_in_html(text)
    tokens = _md_links.parse(source, {}) if block else [Token("inline", "", 0, content=source, children=_md_links.parseInline(source, {})[0].children)]
    lines = source.split("\n")
    found: list[tuple[int, str, str]] = []
    for token in tokens:
        first = token.map[0] if token.map else 0
        if token.type == "hr" and token.markup.startswith("_"):
            found.append((first, "rule", lines[first].strip()))  # a blank to fill in; *** and --- are meant as a rule
        elif token.type == "ordered_list_open" and token.markup == ")":
            found.append((first, "paren", lines[first].strip().split(")", 1)[0] + ")"))
        elif token.type == "bullet_list_open" and token.markup in ("*", "+"):
            found.append((first, "bullet", lines[first].strip()))
        elif token.type == "blockquote_open":
            found.append((first, "quote", lines[first].strip()))
        elif token.type == "inline" and token.children:
            opened: list[Token] = []
            words: list[str] = []
            for child in token.children:
                if child.type == "em_open" or (child.type == "strong_open" and child.markup == "__"):
                    opened.append(child)
                    words = []
                elif (child.type == "em_close" or (child.type == "strong_close" and child.markup == "__")) and opened:
                    mark = opened.pop().markup
                    written = mark + "".join(words) + mark
                    at = token.content.find(written)
                    found.append((first + token.content.count("\n", 0, max(at, 0)), "emphasis", written))
                elif child.type == "code_inline":
                    written = child.markup + child.content + child.markup
                    at = token.content.find(written)
                    found.append((first + token.content.count("\n", 0, max(at, 0)), "code", written))
                elif child.type == "text":
                    words.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    words.append("\n")
    if block:
        for index, token in enumerate(tokens):
            if token.type != "ordered_list_open":
                continue
            numbers: list[str] = []
            depth = token.level
            for item in tokens[index + 1 :]:
                if item.type == "ordered_list_close" and item.level == depth:
                    break
                if item.type == "list_item_open" and item.level == depth + 1:
                    numbers.append(item.info)
            start = int(numbers[0]) if numbers and numbers[0].isdigit() else 1
            shown = [str(start + i) for i in range(len(numbers))]
            if numbers != shown:
                found.append((token.map[0] if token.map else 0, "renumbered", "、".join(numbers) + "|" + "、".join(shown)))
    return sorted(found)


Rewrite = Callable[[list[Token]], None]
"""A pass over the parsed tokens, such as linking glossary terms."""


def to_html(text: str | None, rewrite: Rewrite | None = None) -> Markup:
    """Render an editor's Markdown; any HTML or script in it is escaped, never passed on.

    The HTML is one line: it goes into the generated Markdown pages, where a line of an
    editor's text (a code fence, a snippet marker) could otherwise be read by a Markdown preprocessor.
    """
    if not text:
        return Markup("")
    env: dict[str, object] = {}
    tokens = _md.parse(as_typed(text), env)
    if rewrite is not None:
        rewrite(tokens)
    return one_line_html(_md.renderer.render(tokens, _md.options, env))


def to_inline_html(text: str | None, rewrite: Rewrite | None = None) -> Markup:
    """Render one line of Markdown without the surrounding paragraph."""
    if not text:
        return Markup("")
    env: dict[str, object] = {}
    tokens = _md.parseInline(printable_in_html(text), env)
    if rewrite is not None:
        rewrite(tokens)
    return one_line_html(_md.renderer.render(tokens, _md.options, env))


_BLOCK_ENDS = frozenset({"paragraph_close", "heading_close", "list_item_close", "td_close", "th_close", "hr"})


def to_text(text: str | None) -> str:
    """The words a reader sees of an editor's Markdown rendered by :func:`to_html`, as plain text on one line.

    The same reading as the page: ``\\*`` is ``*``, ``**粗体**`` is 粗体, a link is its text, ``<60%`` is kept
    (raw HTML is text); blocks and line breaks are one space, and an ordered list keeps its numbers.
    """
    if not text:
        return ""
    out: list[str] = []
    ordered: list[bool] = []
    for token in _md.parse(as_typed(text), {}):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            ordered.append(token.type == "ordered_list_open")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            ordered.pop()
        elif token.type == "list_item_open" and ordered and ordered[-1]:
            out.append(f"{token.info}{token.markup} ")
        elif token.type in _BLOCK_ENDS:
            out.append(" ")
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
        if token.type in ("code_block", "fence"):
            out.append(token.content + " ")
    return " ".join("".join(out).split())


def md_escape(text: str | None) -> Markup:
    """Write a plain string as one Markdown heading line, kept exactly as written (see :func:`pubgen.escape.md_heading`)."""
    return md_heading(text) if text else Markup("")


def html_token(content: str) -> Token:
    """Markup made by pubgen, never from content, put among a paragraph's tokens: the renderer passes it through."""
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def text_token(content: str) -> Token:
    """Text put among a paragraph's tokens: the renderer escapes it."""
    token = Token("text", "", 0)
    token.content = content
    return token
