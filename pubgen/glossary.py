"""The glossary in the text: the first use of each term on a page links to its entry.

A page links to the document's own 名词解释 first; otherwise to the site glossary's
entry, and only to an entry whose definition holds for the document's region
(national, or scoped to the region or one above it): a county's “指县级财政……”
is never attached to a city's or another province's document.

Done on markdown-it-py tokens, never on raw text or HTML, so a term is never
linked inside a heading, a link, code, or a number, and the longest term wins
(一般公共预算拨款收入 before 一般公共预算).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

from markdown_it.token import Token

from . import model as m
from .escape import html_id, html_text
from .markdown import html_token, text_token, to_text
from .pinyin import term_keys

_QUOTES = str.maketrans("", "", "“”\"‘’'「」")


@lru_cache(maxsize=4096)
def plain(text: str, limit: int = 140) -> str:
    """A definition shortened (a tooltip, 本文涉及的名词): its words as the glossary page shows them, on one line.

    Read as the glossary page reads it (``执行率<60%`` stays, ``\\*基本建设\\*`` is “*基本建设*”, ``**`` and a
    link's address are not shown), then cut to ``limit`` characters.
    """
    text = to_text(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pinyin_sorted(terms: list[m.Term]) -> list[m.Term]:
    """Terms in pinyin order, then by the term itself for ties (the pinyin looked up once for all, and kept)."""
    keys = term_keys(t.term for t in terms)
    return sorted(terms, key=lambda t: (keys[t.term], t.term))


def applies(term: m.Term, region: str) -> bool:
    """Whether a site glossary entry's definition holds for a document of ``region`` (a region path)."""
    return term.national or any(region == r or region.startswith(r + "/") for r in term.regions)


def entry_key(term: m.Term) -> str:
    """One site entry among those of its name: a province's platform may define 机关运行经费 one way for a county and
    another way for a city, each scoped to its region; the name alone tells them apart only when it is written once."""
    return term.term if term.national or not term.regions else term.term + "@" + ",".join(term.regions)


def scope_depth(term: m.Term, region: str) -> int:
    """How closely an entry that applies to ``region`` is scoped to it: 0 national, else the levels of its nearest region."""
    return max((r.count("/") + 1 for r in term.regions if region == r or region.startswith(r + "/")), default=0)


def names_of(term: m.Term) -> set[str]:
    """The names a site entry is found by: its term and aliases."""
    return {n.strip() for n in (term.term, *term.aliases)}


def applicable(terms: list[m.Term], region: str) -> list[m.Term]:
    """The site entries that hold for a document of ``region``: of entries sharing a name, the one scoped closest to it
    (a county's own definition over its province's, a province's over the national one), in the glossary's order."""
    holding = [t for t in terms if applies(t, region)]
    if len(holding) < 2:
        return holding
    taken: set[str] = set()
    kept: set[int] = set()
    for i in sorted(range(len(holding)), key=lambda i: -scope_depth(holding[i], region)):
        names = names_of(holding[i])
        if names & taken:
            continue
        taken |= names
        kept.add(i)
    return [t for i, t in enumerate(holding) if i in kept]


def scopes_meet(a: m.Term, b: m.Term) -> bool:
    """Whether two entries of one name would both be closest for some document: both national, or scoped to one region."""
    if a.national or not a.regions or b.national or not b.regions:
        return (a.national or not a.regions) and (b.national or not b.regions)
    return bool(set(a.regions) & set(b.regions))


def own_anchor(term: str) -> str:
    """The id of a term in a document's own 名词解释, on the document's page."""
    return html_id("名词解释-" + "".join(term.split()))


def site_anchors(terms: list[m.Term]) -> dict[str, str]:
    """Each site entry's id on the glossary page, by :func:`entry_key`: the term itself when that is a safe id, as it
    always was; an entry of a name written before for other regions adds its regions (机关运行经费-zhejiang-hangzhou)."""
    anchors: dict[str, str] = {}
    taken: set[str] = set()
    for term in terms:
        key = entry_key(term)
        if key in anchors:
            continue
        anchor = base = html_id(term.term)
        if anchor in taken and term.regions:
            anchor = base = html_id(term.term + "-" + "-".join(r.replace("/", "-") for r in term.regions))
        n = 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        taken.add(anchor)
        anchors[key] = anchor
    return anchors


_HEADED = re.compile(r"(?P<name>.+?)\s*[（(]\s*(?P<other>[^（）()]+?)\s*[）)]")
"""An entry headed “A（B）”: the document names the term it defines both ways (行政经费（机关运行经费））."""

_NOT_A_NAME = ("含", "不含", "包括", "不包括", "包含", "指", "即", "注", "下同", "如", "详见", "见")
"""How a bracket that explains the term begins (基本支出（含人员经费和公用经费）): it names nothing."""

_CALLED = ("以下简称", "简称", "又称", "亦称", "也称", "或称")
"""How a bracket that gives another name begins (财政拨款收入（简称财政拨款））: the rest is the name."""


def heading_names(heading: str) -> list[str]:
    """The names a document's entry heading gives its term: “A（B）” (either bracket) is A and B as well as itself.

    The bracket must close the heading (因公出国（境）费 names one term), and B must be words: a bracket of
    one character (因公出国（境）), of figures (（2021年）) or that explains (（含……）) adds only A.
    """
    heading = heading.strip()
    names = [heading]
    match = _HEADED.fullmatch(heading)
    if match is None:
        return names
    name, other = match.group("name").strip(), match.group("other").strip()
    if len(name) > 1:
        names.append(name)
    for prefix in _CALLED:
        if other.startswith(prefix):
            other = other[len(prefix) :].strip("：: ")
            break
    else:
        if other.startswith(_NOT_A_NAME):
            return names
    if len(other) > 1 and re.search(r"[\u4e00-\u9fff]", other) and not re.search(r"\d", other):
        names.append(other)
    return names


def item_names(item: m.GlossaryItem) -> list[str]:
    """Every name a document's own entry defines: its heading (and what an “A（B）” heading names) and its aliases."""
    return [*heading_names(item.term), *(a.strip() for a in item.aliases)]


def _forms(surface: str) -> set[str]:
    """A name as it may appear in text: an alias with quotes (“三公”经费) is found with or without them."""
    surface = surface.strip()
    return {f for f in {surface, surface.translate(_QUOTES)} if len(f) > 1}


def overridden(terms: list[m.Term], own: list[m.GlossaryItem]) -> set[str]:
    """The site entries a document defines itself (by the entry's name or an alias): its own definition wins."""
    names = set().union(*(_forms(name) for item in own for name in item_names(item)))
    return {t.term for t in terms if names & set().union(*(_forms(n) for n in (t.term, *t.aliases)))}


def for_document(terms: list[m.Term], region: str, own: list[m.GlossaryItem]) -> list[m.Term]:
    """The site entries a document of ``region`` links to: those that apply there and that it does not define itself."""
    holding = applicable(terms, region)
    replaced = overridden(holding, own)
    return [t for t in holding if t.term not in replaced]


@dataclass(slots=True, frozen=True)
class Entry:
    """What a term in the text links to: a site glossary entry, or the document's own definition."""

    term: str
    definition: str
    own: bool = False
    """Defined in the document's own 名词解释: linked within the page."""
    anchor: str = ""
    """A site entry's id on the glossary page."""


@dataclass(slots=True)
class Glossary:
    """The glossary that applies to one page (or to the site), ready to find its terms in text."""

    terms: list[m.Term]
    """Site entries linked to the glossary page."""
    own: list[m.GlossaryItem] = field(default_factory=list)
    """The document's own 名词解释: these win over site entries of the same name."""
    href: str = "glossary/"
    """Site-relative address of the glossary page."""
    anchors: dict[str, str] = field(default_factory=dict)
    """Entry ids on the glossary page (site_anchors of the whole site glossary); made from ``terms`` if not given."""
    _pattern: re.Pattern[str] | None = None
    _surface: dict[str, Entry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.anchors:
            self.anchors = site_anchors(self.terms)
        for item in self.own:
            entry = Entry(item.term.strip(), item.definition, own=True)
            for name in item_names(item):
                for form in _forms(name):
                    self._surface.setdefault(form, entry)
        replaced = overridden(self.terms, self.own)
        for term in self.terms:
            surfaces = [term.term, *term.aliases]
            if term.term in replaced:
                # Every name of a replaced site entry leads to the document's own definition.
                own_entry = next((self._surface[f] for n in surfaces for f in _forms(n) if f in self._surface), None)
                for name in surfaces:
                    for form in _forms(name):
                        if own_entry is not None:
                            self._surface.setdefault(form, own_entry)
                continue
            entry = Entry(term.term, term.definition, anchor=self.anchor(term))
            for name in surfaces:
                for form in _forms(name):
                    self._surface.setdefault(form, entry)
        if self._surface:
            forms = sorted(self._surface, key=len, reverse=True)
            self._pattern = re.compile("|".join(re.escape(f) for f in forms))

    def anchor(self, term: m.Term) -> str:
        """The id of a site entry on the glossary page (percent-encode it in a link)."""
        return self.anchors.get(entry_key(term)) or html_id(term.term)

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
                pieces.append(text_token(text[pos:start]))
            tip = f"pg-tip-{len(self.used)}"
            link = Token("link_open", "a", 1)
            link.attrs = {
                "href": f"#{quote(own_anchor(term.term))}" if term.own else f"{self.base}#{quote(term.anchor or html_id(term.term))}",
                "class": "pg-term",
                "aria-describedby": tip,
            }
            # The definition is shown by CSS on hover and focus: escaped text, no script involved.
            pieces += [
                html_token('<span class="pg-term-wrap">'),
                link,
                text_token(match.group(0)),
                Token("link_close", "a", -1),
                html_token(f'<span class="pg-tip" role="tooltip" id="{tip}">{html_text(plain(term.definition))}</span></span>'),
            ]
            pos = end
        if not pieces:
            return [token]
        if pos < len(text):
            pieces.append(text_token(text[pos:]))
        return pieces
