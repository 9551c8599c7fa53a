"""Index stage: pubgen's own static search index, in shards a browser fetches per query.

A reader's browser downloads only what a query needs: a small manifest (the
site's years, regions, departments and kinds, one code per document for the
filters, the glossary's terms) and the shards that hold the query's tokens,
then the titles of the documents it shows. Nothing is fetched until someone
searches.

Tokens, the same here and in ``templates/assets/search.js`` (tested against
each other):

* Chinese text is indexed as overlapping pairs of characters (``三公经费`` →
  ``三公 公经 经费``); a lone character is a token of its own. A query matches a
  document that holds every pair of every word of it.
* Glossary terms and aliases, and department and region names, of three
  characters or more are also indexed whole (``=三公经费``), so a query that is
  exactly such a name finds the documents that print it, not those that
  happen to hold its pairs apart.
* Numbers keep their decimals (``2159.022416``), and their integer part is a
  token too; thousands separators are dropped. Latin letters are lower-cased words.

Each document's weight for a token is ``min(99, round(10·log2(1 + count)))``
in its text, plus 100 when the token is in its title, department or region.
The browser ranks by the sum over the query's tokens of weight × idf.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import shutil
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import model as m
from .derive import KIND_ORDER, DocumentPage, SiteMap
from .glossary import plain

FORMAT = 1
"""Bumped when the files' layout changes; the client refuses other versions."""

CHUNK = 64
"""Documents per title file."""

SHARD_BYTES = 12_000
"""Aim for shards of about this many bytes before compression."""

TITLE_BONUS = 100

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"([{_HAN}]+)|([0-9a-z]+(?:\.[0-9]+)*)")
_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_TAG = re.compile(r"<[^>]*>")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_QUOTES = str.maketrans("", "", "“”\"‘’'「」《》")


def normalize(text: str) -> str:
    """What both sides tokenize: NFKC (full-width → half-width), lower case, no thousands separators."""
    return _THOUSANDS.sub("", unicodedata.normalize("NFKC", text).lower())


def tokens(text: str) -> Iterator[str]:
    """The tokens of already normalized text, in order, with repeats."""
    for han, word in TOKEN.findall(text):
        if han:
            if len(han) == 1:
                yield han
            else:
                for i in range(len(han) - 1):
                    yield han[i : i + 2]
        else:
            yield word
            if "." in word and word[0].isdigit():
                yield word.split(".", 1)[0]


def fnv1a(token: str) -> int:
    """32-bit FNV-1a of the token's UTF-8 bytes: which shard holds it."""
    h = 0x811C9DC5
    for b in token.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def names(words: Iterable[str]) -> list[str]:
    """Names indexed whole: normalized, as written and without quotes, three characters or more, longest first."""
    found: set[str] = set()
    for word in words:
        name = normalize(word).strip()
        found.update((name, name.translate(_QUOTES)))
    return sorted((w for w in found if len(w) >= 3 and next(tokens(w), None)), key=lambda w: (-len(w), w))


def page_text(markdown: str) -> str:
    """The words of a generated Markdown page: no front matter, tags or link targets."""
    text = _FRONT_MATTER.sub("", markdown, count=1)
    text = _LINK_TARGET.sub("]", _TAG.sub(" ", text))
    return html.unescape(text)


@dataclass(slots=True)
class SearchIndex:
    """What the index stage wrote."""

    folder: Path
    documents: int
    tokens: int
    shards: int
    files: int
    bytes: int


class _Postings:
    """Document numbers (ascending) and weights of one token."""

    __slots__ = ("docs", "weights")

    def __init__(self) -> None:
        self.docs = array("I")
        self.weights = bytearray()


def _weights(text: str, title: str, whole: list[tuple[str, str]]) -> dict[str, int]:
    counts = Counter(tokens(text))
    present = counts.keys()
    for name, key in whole:
        # A name can only occur where its first token does.
        if key in present and name in text:
            found = text.count(name)
            counts["=" + name] += found
            bare = name.translate(_QUOTES)
            if bare != name:
                # “三公”经费 as printed is found by 三公经费 as typed.
                counts["=" + bare] += found
    in_title = set(tokens(title)) | {"=" + n for n, _ in whole if n in title}
    out = {t: min(99, round(10 * math.log2(1 + c))) for t, c in counts.items()}
    for t in in_title:
        out[t] = out.get(t, 0) + TITLE_BONUS
    return out


def order_key(page: Any) -> tuple[tuple[str, ...], str, int, int, str]:
    """Where a document is numbered: region by region down the tree, each region's own departments first.

    A department's documents are a range (newest first), and so is every region's
    subtree: the shards of a site (:mod:`pubgen.partition`) are ranges of it.
    """
    return (tuple(page.region.path.split("/")), page.department_id, -page.doc.year, KIND_ORDER.index(page.doc.kind), page.variant)


def whole_names(site: Any) -> tuple[list[tuple[str, str]], set[str]]:
    """Names indexed whole, with the first token of each; and those of them the client knows as departments."""
    glossary_names = names(w for t in site.glossary for w in [t.term, *t.aliases])
    place_names = names(
        [d.department.name for d in site.departments]
        + [a for d in site.departments for a in d.department.aliases]
        + [d.department.short_name for d in site.departments if d.department.short_name]
        + ["".join(r.entry.names) for r in site.regions]
    )
    whole = [(n, next(tokens(n))) for n in sorted(set(glossary_names) | set(place_names), key=lambda w: (-len(w), w))]
    # The client knows the departments' names from the manifest's department list.
    return whole, set(names(d.department.name for d in site.departments))


def document_weights(page: Any, markdown: str, whole: list[tuple[str, str]]) -> dict[str, int]:
    """A document's weight for each of its tokens, from its generated Markdown page."""
    title = normalize(" ".join([page.doc.title, page.department.name, page.region_name, page.kind_name, f"{page.doc.year}年"]))
    text = normalize(page.doc.title + "\n" + page_text(markdown))
    return _weights(text, title, whole)


def postings_text(numbered: Iterable[tuple[int, dict[str, int]]]) -> dict[str, tuple[int, int, int, str]]:
    """Postings of documents numbered in order: per token, (count, first number, last number, the rest).

    The rest is the JSON list after its first number: the first document's
    weight, then each later document as the step from the one before and its
    weight. Two runs of numbers join by writing the step between them.
    """
    postings: dict[str, _Postings] = {}
    for no, weights in numbered:
        for token, weight in weights.items():
            entry = postings.get(token)
            if entry is None:
                entry = postings[token] = _Postings()
            entry.docs.append(no)
            entry.weights.append(weight)
    out: dict[str, tuple[int, int, int, str]] = {}
    for token, entry in postings.items():
        flat: list[int] = [entry.weights[0]]
        last = entry.docs[0]
        for d, w in zip(entry.docs[1:], entry.weights[1:]):
            flat.append(d - last)
            flat.append(w)
            last = d
        out[token] = (len(entry.docs), entry.docs[0], last, ",".join(map(str, flat)))
    return out


def index(site: SiteMap, docs_dir: Path, out: Path) -> SearchIndex:
    """Write the search index of ``site``'s documents into ``out`` (the site's ``search/`` folder).

    The text of each document is read from its generated Markdown page in ``docs_dir``.
    """
    documents = sorted(site.documents, key=order_key)
    whole, departments_whole = whole_names(site)
    numbered = (
        (no, document_weights(page, (docs_dir / page.md_path).read_text(encoding="utf-8"), whole)) for no, page in enumerate(documents)
    )
    runs = {token: (count, [(first, last, rest)]) for token, (count, first, last, rest) in postings_text(numbered).items()}
    return write_index(site, documents, whole, departments_whole, runs, out)


def write_index(
    site: Any,
    documents: list[Any],
    whole: list[tuple[str, str]],
    departments_whole: set[str],
    postings: dict[str, tuple[int, list[tuple[int, int, str]]]],
    out: Path,
) -> SearchIndex:
    """Write the index files of ``documents`` (numbered in this order) into ``out``.

    ``postings`` holds per token its number of documents and its runs of
    postings in order: (first number, last number, rest) as :func:`postings_text`
    writes them, numbers already counted from the site's first document.
    """
    years = sorted({p.doc.year for p in documents}, reverse=True)
    kinds = [k for k in KIND_ORDER if any(p.doc.kind == k for p in documents)]
    regions = sorted({p.region.path: p for p in documents}.items())
    region_no = {path: i for i, (path, _) in enumerate(regions)}
    dept_no: dict[str, int] = {}
    departments: list[list[object]] = []
    codes: list[str] = []
    titles: list[list[str]] = []
    for no, page in enumerate(documents):
        if page.department_id not in dept_no:
            dept_no[page.department_id] = len(departments)
            departments.append([page.department.name, region_no[page.region.path], page.department_id + "/", no])
        codes.append(_code(years.index(page.doc.year) * len(kinds) + kinds.index(page.doc.kind)))
        titles.append([page.doc.title, page.url])

    shards = _shard_count({t: c for t, (c, _) in postings.items()})
    buckets: list[list[str]] = [[] for _ in range(shards)]
    for token in sorted(postings):
        pieces = []
        last = 0
        for first, end, rest in postings[token][1]:
            pieces.append(f"{first - last},{rest}")
            last = end
        buckets[fnv1a(token) % shards].append(json.dumps(token, ensure_ascii=False) + ":[" + ",".join(pieces) + "]")

    body = [("{" + ",".join(b) + "}").encode("utf-8") for b in buckets]
    chunks = [
        json.dumps(titles[i : i + CHUNK], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        for i in range(0, len(titles), CHUNK)
    ]
    version = hashlib.sha256(b"".join(body) + b"".join(chunks)).hexdigest()[:12]
    terms = []
    for t in site.glossary:
        terms.append([t.term, [a for a in t.aliases], _plain_definition(t)])
    manifest = {
        "format": FORMAT,
        "version": version,
        "documents": len(documents),
        "shards": shards,
        "chunk": CHUNK,
        "whole": [n for n, _ in whole if n not in departments_whole],
        "years": years,
        "kinds": [[k, m.KIND_NAMES[k]] for k in kinds],
        "regions": [[path, p.region_name] for path, p in regions],
        "departments": departments,
        "codes": "".join(codes),
        "glossary": terms,
    }
    for sub in ("s", "t"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True)
    written = 0
    for i, data in enumerate(body):
        (out / "s" / f"{i}.json").write_bytes(data)
        written += len(data)
    for i, data in enumerate(chunks):
        (out / "t" / f"{i}.json").write_bytes(data)
        written += len(data)
    head = json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    (out / "manifest.json").write_bytes(head)
    written += len(head)
    return SearchIndex(out, len(documents), len(postings), shards, len(body) + len(chunks) + 1, written)


_ALPHABET = "".join(chr(c) for c in range(0x23, 0x7F) if c != 0x5C)
"""Printable ASCII without ``"`` and ``\\``: one JSON character, unescaped, per document."""


def move_into(folder: Path, target: Path) -> None:
    """Move an index written elsewhere into the site's ``search/`` folder (beside the search page)."""
    target.mkdir(parents=True, exist_ok=True)
    for item in folder.iterdir():
        item.rename(target / item.name)
    folder.rmdir()


def _code(n: int) -> str:
    """One character for a document's year and kind (``year index × kinds + kind index``)."""
    return _ALPHABET[n] if n < len(_ALPHABET) else chr(0x4E00 + n)


def _shard_count(counts: dict[str, int]) -> int:
    """How many shards: enough for about :data:`SHARD_BYTES` each, from each token's number of documents."""
    size = sum(len(t) * 3 + 6 * n for t, n in counts.items())
    count = 1
    while count * SHARD_BYTES < size and count < 1 << 16:
        count *= 2
    return count


def _plain_definition(term: m.Term) -> str:
    text = plain(term.definition)
    return text if len(text) <= 80 else text[:79] + "…"
