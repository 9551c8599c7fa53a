"""The glossary in the text: the first use of each term on a page links to its entry.

Done on markdown-it-py tokens, never on raw text or HTML, so a term is never
linked inside a heading, a link, code, or a number, and the longest term wins
(一般公共预算拨款收入 before 一般公共预算).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote

from markdown_it.token import Token
from pypinyin import lazy_pinyin

from . import model as m
from .escape import html_id, html_text

_QUOTES = str.maketrans("", "", "“”\"‘’'「」")


def plain(text: str, limit: int = 140) -> str:
    """A definition as tooltip text: no Markdown marks, one line, not too long."""
    text = re.sub(r"[*_`]|^#+\s*|\[|\]\([^)]*\)|\]", "", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pinyin_key(term: str) -> tuple[str, str]:
    """Sort key: the term's pinyin, then the term itself for ties."""
    return (" ".join(lazy_pinyin(term)), term)


@dataclass(slots=True)
class Glossary:
    """The site glossary, ready to find its terms in text."""

    terms: list[m.Term]
    href: str = "glossary/"
    """Site-relative address of the glossary page."""
    _pattern: re.Pattern[str] | None = None
    _surface: dict[str, m.Term] = field(default_factory=dict)
    _anchors: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        taken: set[str] = set()
        for term in self.terms:
            # Each entry's id on the glossary page: the term itself when that is a safe id, as it always was.
            anchor = base = html_id(term.term)
            n = 1
            while anchor in taken:
                n += 1
                anchor = f"{base}-{n}"
            taken.add(anchor)
            self._anchors.setdefault(term.term, anchor)
        for term in self.terms:
            for surface in (term.term, *term.aliases):
                surface = surface.strip()
                # An alias with quotes (“三公”经费) is found in text with or without them.
                for form in {surface, surface.translate(_QUOTES)}:
                    if len(form) > 1:
                        self._surface.setdefault(form, term)
        if self._surface:
            forms = sorted(self._surface, key=len, reverse=True)
            self._pattern = re.compile("|".join(re.escape(f) for f in forms))

    def anchor(self, term: m.Term) -> str:
        """The id of the term's entry on the glossary page (percent-encode it in a link)."""
        return self._anchors.get(term.term) or html_id(term.term)

    def linker(self, link_to_glossary: str) -> TermLinker:
        """A linker for one page; ``link_to_glossary`` is the relative address of the glossary page."""
        return TermLinker(self, link_to_glossary)


@dataclass(slots=True)
class TermLinker:
    """Links the first use of each term on one page."""

    glossary: Glossary
    base: str
    used: set[str] = field(default_factory=set)

    def __call__(self, tokens: list[Token]) -> None:
        """Rewrite inline text tokens in place."""
        pattern = self.glossary._pattern
        if pattern is None:
            return
        in_heading = False
        for token in tokens:
            if token.type == "heading_open":
                in_heading = True
            elif token.type == "heading_close":
                in_heading = False
            elif token.type == "inline" and not in_heading and token.children:
                token.children = self._link(token.children, pattern)

    def _link(self, children: list[Token], pattern: re.Pattern[str]) -> list[Token]:
        out: list[Token] = []
        depth = 0
        for child in children:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            if child.type != "text" or depth > 0:
                out.append(child)
                continue
            out.extend(self._split(child, pattern))
        return out

    def _split(self, token: Token, pattern: re.Pattern[str]) -> list[Token]:
        text = token.content
        pieces: list[Token] = []
        pos = 0
        for match in pattern.finditer(text):
            term = self.glossary._surface[match.group(0)]
            start, end = match.span()
            if term.term in self.used:
                continue
            self.used.add(term.term)
            if start > pos:
                pieces.append(_text(text[pos:start]))
            tip = f"pg-tip-{len(self.used)}"
            link = Token("link_open", "a", 1)
            link.attrs = {
                "href": f"{self.base}#{quote(self.glossary.anchor(term))}",
                "class": "pg-term",
                "aria-describedby": tip,
            }
            # The definition is shown by CSS on hover and focus: escaped text, no script involved.
            pieces += [
                _html('<span class="pg-term-wrap">'),
                link,
                _text(match.group(0)),
                Token("link_close", "a", -1),
                _html(f'<span class="pg-tip" role="tooltip" id="{tip}">{html_text(plain(term.definition))}</span></span>'),
            ]
            pos = end
        if not pieces:
            return [token]
        if pos < len(text):
            pieces.append(_text(text[pos:]))
        return pieces


def _html(content: str) -> Token:
    """Markup made here, never from content: the renderer passes it through."""
    token = Token("html_inline", "", 0)
    token.content = content
    return token


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token
