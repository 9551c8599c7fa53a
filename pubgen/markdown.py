"""Editors' Markdown, made safe: rendered to HTML with raw HTML shown as text."""

from __future__ import annotations

from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from .escape import md_heading, one_line_html, printable_in_html

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


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
    tokens = _md.parse(printable_in_html(text), env)
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


def md_escape(text: str | None) -> Markup:
    """Write a plain string as one Markdown heading line, kept exactly as written (see :func:`pubgen.escape.md_heading`)."""
    return md_heading(text) if text else Markup("")
