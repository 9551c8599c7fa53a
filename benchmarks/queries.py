"""Search queries with their right answers, taken from a built site and from no search engine.

    python benchmarks/queries.py SITE_DIR        # prints the queries and how many documents answer each

The answers come from the site's document pages, those at
``/<region path…>/<department>/<year>/<kind>/`` with kind ``budget``,
``final-accounts``, ``self-evaluation`` or ``project-evaluation``, and the pages of a
kind's unit, project or part below it (``…/2025/budget/unit-benji/``). For each page:

- text: the region marked ``data-pagefind-body`` (the whole ``<body>`` if a page has
  no such mark), without scripts, styles and comments, and without the elements whose
  words are the site's rather than the document's (``pubgen/pagetext.py``'s
  ``SKIPPED_CLASSES``: glossary definitions, download lines, the permanent address…);
  every tag is removed (inline
  tags such as ``<a>`` and ``<span>`` without a trace, the others leaving a space),
  entities are unescaped, the text is NFKC-normalised and runs of white space
  become one space;
- title: the text of the first ``<h1>``;
- department: the name the page's facts give as 部门 (``<dt>部门</dt><dd>…</dd>``), or
  where there is none the name the title prints (``郑州市体育局2019年部门预算…`` and
  ``2019年度郑州市体育局部门整体支出…`` → ``郑州市体育局``); a department's documents
  are those in its folder (the address without year and kind), and its name is the
  one most of their titles print.

A query's **relevant** documents are those whose text contains it (a glossary term also
those that print another name of the same entry, 机关运行经费 for 机关运行费, and a term typed
without quotation marks those that print it with them: “三公”经费 for 三公经费), its
**leading** documents those whose title contains it; for a department's name, the
leading documents are that department's documents.

The queries, in this order:

1. ``三公``, ``决算``, ``绩效``;
2. every term and alias of the glossary (``content/glossary.yml``) that occurs in at
   least one page;
3. three department names, preferring departments whose city or county prefix
   (``舟山市``…) other departments share, so that the prefix alone does not find them;
4. figures printed with at least six decimals (``limit_figures``, default one), each
   from a different page.

Every choice depends only on the pages' text, so the same site gives the same queries.

``judge(query, ranked_urls)`` takes the URLs an engine ranks first and ignores those
that are not documents. It passes when the first min(10, |relevant|) documents all
contain the query and, when some titles contain it, the first min(10, |leading|) are
all leading documents.
"""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GLOSSARY = REPO / "content" / "glossary.yml"

KINDS = ("budget", "final-accounts", "self-evaluation", "project-evaluation")
FIXED = ("三公", "决算", "绩效")
TOP = 10
"""How many results a reader looks at: at most this many are judged."""

_DOCUMENT = re.compile(r"^/(?:[^/]+/){2,}(\d{4})/(budget|final-accounts|self-evaluation|project-evaluation)/(?:[^/]+/){0,3}$")
_BODY_MARK = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\bdata-pagefind-body\b[^>]*>")
_BODY = re.compile(r"<body\b[^>]*>(.*)</body\s*>", re.S | re.I)
_DROP = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_INLINE = ("a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var|wbr")
_INLINE_TAG = re.compile(rf"</?(?:{_INLINE})\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.S | re.I)
_NAME_FIRST = re.compile(r"^(.+?)(?:19|20)\d\d年")
_YEAR_FIRST = re.compile(r"^(?:19|20)\d\d年度?(.+?)(?:部门|整体|单位|$)")
_PREFIX = re.compile(r"^.+?[省市县区州盟旗]")
_DEPARTMENT = re.compile(r"<dt\b[^>]*>\s*部门\s*</dt>\s*<dd\b[^>]*>(.*?)</dd>", re.S | re.I)
_FIGURE = re.compile(r"(?<![\d.,])\d+\.\d{6,}(?![\d])")


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    """``/hebei/xingtai/pingxiang/xinfangju/2021/budget/``"""
    title: str
    department: str
    text: str


_QUOTES = str.maketrans("", "", "“”\"‘’'「」《》")
"""Quotation marks, which do not part a word: the search engine finds “三公”经费 for 三公经费."""


def normalise(text: str) -> str:
    """NFKC, white space collapsed: how queries and page text are compared."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def html_text(fragment: str) -> str:
    """The text of an HTML fragment, tags removed, entities unescaped, normalised."""
    fragment = _DROP.sub(" ", fragment)
    fragment = _INLINE_TAG.sub("", fragment)
    fragment = _TAG.sub(" ", fragment)
    return normalise(html.unescape(fragment))


def _element(page: str, start: int, tag: str) -> str:
    """The inner HTML of the element whose start tag ends at ``start``, nested ones counted."""
    pattern = re.compile(rf"<(/?){tag}\b[^>]*>", re.I)
    depth = 1
    for m in pattern.finditer(page, start):
        if m.group(0).endswith("/>"):
            continue
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return page[start:m.start()]
    return page[start:]


def body_region(page: str) -> str:
    """The inner HTML of the ``data-pagefind-body`` element, or of ``<body>``."""
    m = _BODY_MARK.search(page)
    if m:
        return _element(page, m.end(), m.group(1))
    b = _BODY.search(page)
    return b.group(1) if b else page


_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
_CLASSED = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\bclass=\"([^\"]*)\"[^>]*>")


def without_site_words(fragment: str) -> str:
    """``fragment`` without the elements whose words are the site's (``SKIPPED_CLASSES``), nested ones included."""
    from pubgen.pagetext import SKIPPED_CLASSES

    out: list[str] = []
    at = 0
    for m in _CLASSED.finditer(fragment):
        if m.start() < at or not SKIPPED_CLASSES.intersection(m.group(2).split()):
            continue
        out.append(fragment[at : m.start()])
        tag = m.group(1).lower()
        at = m.end()
        if not m.group(0).endswith("/>") and tag not in _VOID:
            at += len(_element(fragment, m.end(), tag))
            close = re.compile(rf"</{tag}\s*>", re.I).match(fragment, at)
            at = close.end() if close else at
        out.append("" if re.fullmatch(_INLINE, tag) else " ")
    out.append(fragment[at:])
    return "".join(out)


def url_of(path: Path, site_dir: Path) -> str:
    rel = path.relative_to(site_dir).as_posix()
    rel = rel[: -len("index.html")] if rel.endswith("index.html") else rel
    return "/" + rel


def is_document(url: str) -> bool:
    return bool(_DOCUMENT.match(url))


def document_files(site_dir: Path) -> list[Path]:
    """The document pages' files, sorted by address."""
    files = [p for p in Path(site_dir).rglob("index.html") if is_document(url_of(p, site_dir))]
    return sorted(files, key=lambda p: url_of(p, site_dir))


def facets(url: str) -> tuple[str, str]:
    """A document's year and kind, from its address."""
    m = _DOCUMENT.match(url)
    if not m:
        raise ValueError(f"not a document page: {url}")
    return m.group(1), m.group(2)


def read_page(path: Path, site_dir: Path) -> Page:
    raw = path.read_text(encoding="utf-8", errors="replace")
    region = body_region(raw)
    h1 = _H1.search(region) or _H1.search(raw)
    title = html_text(h1.group(1)) if h1 else ""
    text = html_text(without_site_words(region))
    said = _DEPARTMENT.search(region)
    department = html_text(said.group(1)) if said else title_department(title)
    return Page(url=url_of(path, site_dir), title=title, department=department, text=text)


def title_department(title: str) -> str:
    """The department's name as a document's title prints it."""
    m = _YEAR_FIRST.match(title) or _NAME_FIRST.match(title)
    return m.group(1).strip() if m else title


def department_folder(url: str) -> str:
    """``/a/b/dept/2021/budget/`` and ``/a/b/dept/2021/budget/unit-x/`` → ``/a/b/dept/``."""
    m = _DOCUMENT.match(url)
    return url[: m.start(1)] if m else url.rstrip("/").rsplit("/", 2)[0] + "/"


def pages(site_dir: Path) -> list[Page]:
    """Every document page of a built site, sorted by address; each page's department
    is the name most titles in its department's folder print."""
    site_dir = Path(site_dir)
    docs = [read_page(p, site_dir) for p in document_files(site_dir)]
    votes: dict[str, dict[str, int]] = {}
    for p in docs:
        v = votes.setdefault(department_folder(p.url), {})
        v[p.department] = v.get(p.department, 0) + 1
    names = {folder: max(sorted(v), key=lambda n: v[n]) for folder, v in votes.items()}
    return [Page(p.url, p.title, names[department_folder(p.url)], p.text) for p in docs]


# --------------------------------------------------------------------------- queries


@dataclass(slots=True)
class Query:
    text: str
    relevant: set[str]
    """Documents whose text contains the query."""
    leading: set[str]
    """Documents whose title contains the query; for a department's name, its documents."""
    kind: str = "word"
    """``word`` (fixed), ``term`` (glossary), ``department`` or ``figure``."""

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "kind": self.kind, "relevant": sorted(self.relevant), "leading": sorted(self.leading)}


def glossary_groups(path: Path = GLOSSARY) -> list[list[str]]:
    """Each entry of a glossary file, its term then its aliases, in the file's order."""
    import yaml

    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    groups: list[list[str]] = []
    for entry in data.get("terms", []) or []:
        names = [w.strip() for w in [entry.get("term"), *(entry.get("aliases") or [])] if isinstance(w, str) and w.strip()]
        if names:
            groups.append(names)
    return groups


def glossary_words(path: Path = GLOSSARY) -> list[str]:
    """Terms and aliases of a glossary file, in its order (term, then its aliases)."""
    return [w for g in glossary_groups(path) for w in g]


def city_prefix(name: str) -> str:
    """``舟山市定海区教育局`` → ``舟山市``: the first place word of a department's name."""
    m = _PREFIX.match(name)
    return m.group(0) if m else name


def pick_departments(docs: list[Page], count: int) -> list[str]:
    """``count`` department names, those whose prefix other departments share first.

    Prefix groups are taken largest first (then by prefix); from each, two names in
    sorted order, then the next group; names without a shared prefix come last.
    """
    names = sorted({p.department for p in docs if p.department})
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(city_prefix(n), []).append(n)
    shared = sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), city_prefix(g[0])))
    picked: list[str] = []
    for take in (2, None):  # two from each shared group, then whatever is left, in the same order
        for g in shared:
            for n in g[:take]:
                if n not in picked and len(picked) < count:
                    picked.append(n)
    for n in names:
        if len(picked) >= count:
            break
        if n not in picked:
            picked.append(n)
    return picked


def pick_figures(docs: list[Page], count: int) -> list[str]:
    """The first figure with six or more decimals of each page, pages in address order."""
    out: list[str] = []
    for p in docs:
        if len(out) >= count:
            break
        for m in _FIGURE.finditer(p.text):
            if m.group(0) not in out:
                out.append(m.group(0))
                break
    return out


def queries(
    site_dir: Path,
    limit_figures: int = 1,
    departments: int = 3,
    glossary: Path | None = None,
    docs: list[Page] | None = None,
) -> list[Query]:
    """The fixed query list of a built site, with each query's relevant and leading documents."""
    docs = pages(site_dir) if docs is None else docs
    texts = [(p.url, p.text, p.title) for p in docs]

    bare_texts = [(u, t.translate(_QUOTES)) for u, t, _ in texts]

    group_of = {normalise(w): [normalise(x) for x in g] for g in glossary_groups(glossary or GLOSSARY) for w in g}

    def matching(q: str, kind: str) -> tuple[set[str], set[str]]:
        relevant = {u for u, t, _ in texts if q in t}
        if kind == "term":
            # A term finds the pages that print another name of its entry (机关运行经费 for 机关运行费).
            for other in group_of.get(q, []):
                bare = other.translate(_QUOTES)
                relevant |= {u for u, t in bare_texts if bare in t}
            if q == q.translate(_QUOTES):
                # A term typed without quotes is in a page that prints it with them (“三公”经费 for 三公经费).
                relevant |= {u for u, t in bare_texts if q in t}
        return relevant, {u for u, _, h in texts if q in h}

    out: list[Query] = []
    seen: set[str] = set()

    def add(text: str, kind: str, leading: set[str] | None = None) -> None:
        q = normalise(text)
        if not q or q in seen:
            return
        relevant, titled = matching(q, kind)
        if kind == "term" and not relevant:
            return
        seen.add(q)
        out.append(Query(q, relevant, titled if leading is None else leading, kind))

    for w in FIXED:
        add(w, "word")
    for w in glossary_words(glossary or GLOSSARY):
        add(w, "term")
    for name in pick_departments(docs, departments):
        add(name, "department", {p.url for p in docs if p.department == name})
    for fig in pick_figures(docs, limit_figures):
        add(fig, "figure")
    return out


# --------------------------------------------------------------------------- judging an engine's ranking


@dataclass(frozen=True, slots=True)
class Verdict:
    passed: bool
    reason: str
    documents: list[str] = field(default_factory=list)
    """The document results judged, in rank order (non-documents dropped)."""

    def __bool__(self) -> bool:
        return self.passed


def site_path(url: str) -> str:
    """``http://host/a/b/index.html?h=x#y`` or ``a/b/`` → ``/a/b/``."""
    path = unquote(urlsplit(url).path)
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    if not path.startswith("/"):
        path = "/" + path
    if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return path


def judge(query: Query, ranked_urls: list[str]) -> Verdict:
    """Do the first results answer ``query``? Non-document results are ignored."""
    docs: list[str] = []
    for u in ranked_urls:
        p = site_path(u)
        if is_document(p) and p not in docs:
            docs.append(p)
    if not query.relevant:
        if docs:
            return Verdict(False, f"no document contains “{query.text}”, yet {len(docs)} were returned, first {docs[0]}", docs)
        return Verdict(True, "no document contains the query and none was returned", docs)
    need = min(TOP, len(query.relevant))
    if len(docs) < need:
        return Verdict(False, f"{len(docs)} document result{'' if len(docs) == 1 else 's'}; "
                              f"{len(query.relevant)} documents contain “{query.text}”, "
                              f"so the first {need} should", docs)
    for i, u in enumerate(docs[:need]):
        if u not in query.relevant:
            return Verdict(False, f"result {i + 1}, {u}, does not contain “{query.text}”", docs)
    if query.leading:
        lead = min(TOP, len(query.leading))
        what = "documents of that department" if query.kind == "department" else f"documents whose title contains “{query.text}”"
        for i, u in enumerate(docs[:lead]):
            if u not in query.leading:
                return Verdict(False, f"result {i + 1}, {u}, is not one of the {len(query.leading)} {what}", docs)
        return Verdict(True, f"first {need} contain the query; first {lead} are the {what}", docs)
    return Verdict(True, f"first {need} contain the query", docs)


def main(argv: list[str] | None = None) -> None:
    import argparse
    import time

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site_dir", type=Path)
    ap.add_argument("--figures", type=int, default=1)
    args = ap.parse_args(argv)
    started = time.perf_counter()
    docs = pages(args.site_dir)
    qs = queries(args.site_dir, limit_figures=args.figures, docs=docs)
    print(f"{len(docs)} document pages, {len(qs)} queries in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    for q in qs:
        print(f"{q.kind}\t{q.text}\trelevant {len(q.relevant)}\tleading {len(q.leading)}")


if __name__ == "__main__":
    main()
