"""Editors' Markdown, made safe: rendered to HTML with raw HTML shown as text."""

from __future__ import annotations

import re
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def _drop_titles(state: object) -> None:
    """Link and image titles from editors are dropped: themes may turn titles into tooltips with innerHTML."""
    for token in getattr(state, "tokens", []):
        for child in [token, *(token.children or [])]:
            if child.type in ("link_open", "image") and child.attrs:
                child.attrs.pop("title", None)


_md.core.ruler.push("drop_titles", _drop_titles)


Rewrite = Callable[[list[Token]], None]
"""A pass over the parsed tokens, such as linking glossary terms."""


def to_html(text: str | None, rewrite: Rewrite | None = None) -> Markup:
    """Render an editor's Markdown; any HTML or script in it is escaped, never passed on."""
    if not text:
        return Markup("")
    env: dict[str, object] = {}
    tokens = _md.parse(text, env)
    if rewrite is not None:
        rewrite(tokens)
    return Markup(_md.renderer.render(tokens, _md.options, env))


def to_inline_html(text: str | None, rewrite: Rewrite | None = None) -> Markup:
    """Render one line of Markdown without the surrounding paragraph."""
    if not text:
        return Markup("")
    env: dict[str, object] = {}
    tokens = _md.parseInline(text, env)
    if rewrite is not None:
        rewrite(tokens)
    return Markup(_md.renderer.render(tokens, _md.options, env))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md_escape(text: str | None) -> Markup:
    """Escape a plain string for use in generated Markdown (headings, link text)."""
    if not text:
        return Markup("")
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_MD_SPECIAL.sub(r"\\\1", text))
