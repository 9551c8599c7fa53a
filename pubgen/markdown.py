"""Editors' Markdown, made safe: rendered to HTML with raw HTML shown as text."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def to_html(text: str | None) -> Markup:
    """Render an editor's Markdown; any HTML or script in it is escaped, never passed on."""
    if not text:
        return Markup("")
    return Markup(_md.render(text))


def to_inline_html(text: str | None) -> Markup:
    """Render one line of Markdown without the surrounding paragraph."""
    if not text:
        return Markup("")
    return Markup(_md.renderInline(text))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md_escape(text: str | None) -> str:
    """Escape a plain string for use in generated Markdown (headings, link text)."""
    if not text:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", str(escape(" ".join(text.split()))))
