"""Index stage: pubgen's own static search index, in shards a browser fetches per query.

A reader's browser downloads only what a query needs: a small manifest (the
site's years, regions, departments and kinds, one code per document for the
filters, the glossary's terms) and the shards that hold the query's tokens,
then the titles and passages of the documents it shows (the passages make the
excerpts, with the query's words marked). Only a query that finds nothing
fetches ``v.json``, the terms to suggest (``pubgen/suggest.py``). Nothing is
fetched until someone searches.

Files, all under the site's ``search/``: ``manifest.json``; ``s/<n>.json``, the
postings of the tokens whose FNV-1a hash is ``n`` modulo the shard count;
``t/<chunk>.json``, ``[title, address]`` of 64 documents; ``x/<document>.json``,
a document's passages (``pubgen/pagetext.py``: its own words, without the site's
boilerplate); ``v.json``. ``index_part`` indexes any set of documents and
``write`` assembles parts into these files, so parts can be made separately.

Tokens, the same here and in ``templates/assets/search.js`` (tested against
each other):

* Chinese text is indexed as overlapping pairs of characters (``三公经费`` →
  ``三公 公经 经费``); a lone character is a token of its own. A query matches a
  document that holds every pair of every word of it.
* Glossary terms and aliases, and department and region names, of three
  characters or more are also indexed whole (``=三公经费``), so a query that is
  exactly such a name finds the documents that print it, not those that
  happen to hold its pairs apart. A document that prints one name of a glossary
  entry is found by each of its names (机关运行经费 by 机关运行费).
* Numbers keep their decimals (``2159.022416``), and their integer part is a
  token too; thousands separators are dropped. Latin letters are lower-cased words.

Each document's weight for a token is ``min(99, round(10·log2(1 + count)))``
in its text, plus 100 when the token is in its title, department or region.
The browser ranks by the sum over the query's tokens of weight × idf.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from itertools import accumulate
from typing import Iterable, Iterator, Sequence

from . import model as m
from .derive import KIND_ORDER, DocumentPage, SiteMap
from .glossary import plain
from .pagetext import page_text
from .suggest import document_words, readings, vocabulary

FORMAT = 2
"""Bumped when the files' layout changes; the client refuses other versions."""

CHUNK = 64
"""Documents per title file."""

SHARD_BYTES = 12_000
"""Aim for shards of about this many bytes before compression."""

TITLE_BONUS = 100

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"([{_HAN}]+)|([0-9a-z]+(?:\.[0-9]+)*)")
_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
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


@dataclass(slots=True)
class SearchIndex:
    """What the index stage wrote."""

    folder: Path
    documents: int
    tokens: int
    shards: int
    files: int
    bytes: int


@dataclass(slots=True)
class IndexedDocument:
    """One document of a part: what the manifest, the title files and the excerpt file say of it."""

    order: tuple[str, str, int, int, str]
    """Where it goes in the site's numbering: region, department, newest year first, kind, address."""
    title: str
    url: str
    year: int
    kind: str
    department_id: str
    department: str
    region: str
    region_name: str
    passages: list[str]


@dataclass(slots=True)
class Part:
    """The index of a set of documents, numbered from 0 in the order given; ``write`` assembles parts."""

    documents: list[IndexedDocument]
    postings: dict[str, tuple[Sequence[int], Sequence[int]]]
    """Each token's documents, as gaps (the first document's number, then the difference from the one before,
    ascending), and its weight in each."""
    words: Counter[str]
    """Suggestable words (``pubgen/suggest.py``) and in how many of these documents each occurs."""


Whole = list[tuple[str, str, tuple[str, ...]]]
"""Names indexed whole: each name, its first token, and the other names of its glossary entry."""


def _weights(text: str, title: str, whole: Whole) -> dict[str, int]:
    counts = Counter(tokens(text))
    present = counts.keys()
    for name, key, same in whole:
        # A name can only occur where its first token does.
        if key in present and name in text:
            found = text.count(name)
            # “三公”经费 as printed is found by 三公经费 as typed; 机关运行经费 by 机关运行费, its entry's term.
            for also in {name, name.translate(_QUOTES), *same}:
                counts["=" + also] += found
    in_title = set(tokens(title)) | {"=" + also for n, _, same in whole if n in title for also in (n, *same)}
    out = {t: min(99, round(10 * math.log2(1 + c))) for t, c in counts.items()}
    for t in in_title:
        out[t] = out.get(t, 0) + TITLE_BONUS
    return out


def whole_names(site: SiteMap) -> Whole:
    """Names indexed whole (glossary terms, departments, regions), each with its first token and the
    other names of its glossary entry (a document that prints one is found by all), longest first."""
    same: dict[str, set[str]] = {}
    for t in site.glossary:
        entry = names([t.term, *t.aliases])
        for n in entry:
            same.setdefault(n, set()).update(x for x in entry if x != n)
    glossary_names = list(same)
    place_names = names(
        [d.department.name for d in site.departments]
        + [a for d in site.departments for a in d.department.aliases]
        + [d.department.short_name for d in site.departments if d.department.short_name]
        + ["".join(r.entry.names) for r in site.regions]
    )
    return [
        (n, next(tokens(n)), tuple(sorted(same.get(n, ()))))
        for n in sorted(set(glossary_names) | set(place_names), key=lambda w: (-len(w), w))
    ]


def search_order(page: DocumentPage) -> tuple[str, str, int, int, str]:
    """Where a document goes in the index's numbering: region, department, newest year first, kind, address."""
    return (page.region.path, page.department_id, -page.doc.year, KIND_ORDER.index(page.doc.kind), page.url)


def index_part(pages: Iterable[DocumentPage], docs_dir: Path, whole: Whole) -> Part:
    """Index ``pages`` (their generated Markdown read from ``docs_dir``); ``whole`` is ``whole_names(site)``.

    Parts of disjoint sets of documents, made anywhere, are assembled by ``write``.
    """
    part = Part([], {}, Counter())
    building: dict[str, tuple[array[int], bytearray, list[int]]] = {}
    for no, page in enumerate(pages):
        read = page_text((docs_dir / page.md_path).read_text(encoding="utf-8"))
        title = normalize(" ".join([page.doc.title, page.department.name, page.region_name, page.kind_name, f"{page.doc.year}年"]))
        text = normalize(page.doc.title + "\n" + read.text)
        for token, weight in _weights(text, title, whole).items():
            entry = building.get(token)
            if entry is None:
                entry = building[token] = (array("I"), bytearray(), [0])
            entry[0].append(no - entry[2][0])
            entry[1].append(weight)
            entry[2][0] = no
        part.words.update(document_words(read.labels))
        part.documents.append(
            IndexedDocument(
                order=search_order(page),
                title=page.doc.title,
                url=page.url,
                year=page.doc.year,
                kind=page.doc.kind,
                department_id=page.department_id,
                department=page.department.name,
                region=page.region.path,
                region_name=page.region_name,
                passages=read.passages,
            )
        )
    part.postings = {token: (gaps, weights) for token, (gaps, weights, _) in building.items()}
    return part


def index(site: SiteMap, docs_dir: Path, out: Path) -> SearchIndex:
    """Write the search index of ``site``'s documents into ``out`` (the site's ``search/`` folder).

    The text of each document is read from its generated Markdown page in ``docs_dir``.
    """
    # In the index's own order, so that ``write`` joins the part as it is, without renumbering it.
    return write(site, [index_part(sorted(site.documents, key=search_order), docs_dir, whole_names(site))], out)


def write(site: SiteMap, parts: list[Part], out: Path) -> SearchIndex:
    """Assemble ``parts`` into the files a browser reads, and the manifest that ties them, in ``out``.

    Documents are numbered department by department, newest first, so a department is a range.
    """
    numbered = sorted(
        ((doc.order, p, local) for p, part in enumerate(parts) for local, doc in enumerate(part.documents)),
        key=lambda x: x[0],
    )
    global_no = [[0] * len(part.documents) for part in parts]
    documents: list[IndexedDocument] = []
    for no, (_, p, local) in enumerate(numbered):
        global_no[p][local] = no
        documents.append(parts[p].documents[local])

    years = sorted({d.year for d in documents}, reverse=True)
    kinds = [k for k in KIND_ORDER if any(d.kind == k for d in documents)]
    regions = sorted({d.region: d.region_name for d in documents}.items())
    region_no = {path: i for i, (path, _) in enumerate(regions)}
    departments: list[list[object]] = []
    for no, doc in enumerate(documents):
        if not departments or departments[-1][2] != doc.department_id + "/":
            departments.append([doc.department, region_no[doc.region], doc.department_id + "/", no])
    codes = "".join(_code(years.index(d.year) * len(kinds) + kinds.index(d.kind)) for d in documents)

    postings = _join(parts, global_no)
    whole = whole_names(site)
    # The client knows the departments' names from the manifest's department list.
    departments_whole = set(names(d.department.name for d in site.departments))

    # Each token's entry, in token order; the count of shards follows from their sizes.
    entries = []
    size = 0
    for token in sorted(postings):
        flat = _flat(postings[token])
        size += len(token) * 3 + 3 * len(flat)
        entries.append((fnv1a(token), _ENTRY(token) + ":" + _COMPACT(flat)))
    shards = _shard_count(size)
    buckets: list[list[str]] = [[] for _ in range(shards)]
    for hashed, entry in entries:
        buckets[hashed % shards].append(entry)
    del entries

    body = [("{" + ",".join(b) + "}").encode("utf-8") for b in buckets]
    chunks = [
        _json([[d.title, d.url] for d in documents[i : i + CHUNK]])
        for i in range(0, len(documents), CHUNK)
    ]
    excerpts = [_json(d.passages) for d in documents]
    frequent: Counter[str] = Counter()
    for part in parts:
        frequent.update(part.words)
    words = vocabulary(
        [w for t in site.glossary for w in [t.term, *t.aliases]],
        [n for d in site.departments for n in [d.department.name, d.department.short_name or "", *d.department.aliases]],
        [n for r in site.regions for n in [r.entry.names[-1], "".join(r.entry.names)]],
        frequent,
    )
    suggestions = _json({"terms": words, "pinyin": readings("".join(str(w[0]) for w in words))})
    version = hashlib.sha256(b"".join(body) + b"".join(chunks) + b"".join(excerpts) + suggestions).hexdigest()[:12]
    terms = []
    for t in site.glossary:
        terms.append([t.term, [a for a in t.aliases], _plain_definition(t)])
    manifest = {
        "format": FORMAT,
        "version": version,
        "documents": len(documents),
        "shards": shards,
        "chunk": CHUNK,
        "whole": [n for n, _, _ in whole if n not in departments_whole],
        "years": years,
        "kinds": [[k, m.KIND_NAMES[k]] for k in kinds],
        "regions": [[path, name] for path, name in regions],
        "departments": departments,
        "codes": codes,
        "glossary": terms,
    }
    for sub in ("s", "t", "x"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True)
    written = 0
    files = [(f"s/{i}.json", data) for i, data in enumerate(body)]
    files += [(f"t/{i}.json", data) for i, data in enumerate(chunks)]
    files += [(f"x/{i}.json", data) for i, data in enumerate(excerpts)]
    files += [("v.json", suggestions), ("manifest.json", _json(manifest))]
    for name, data in files:
        (out / name).write_bytes(data)
        written += len(data)
    return SearchIndex(out, len(documents), len(postings), shards, len(files), written)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


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


Segment = tuple[int, Sequence[int], Sequence[int]]
"""A part's postings of one token in the site's numbering: the number its gaps start from, the gaps and the weights."""


def _join(parts: list[Part], global_no: list[list[int]]) -> dict[str, list[Segment]]:
    """Each token's postings in the site's numbering, as segments in ascending order of documents.

    A part whose documents are consecutive in the site's numbering, in the same order
    (a department's, or a whole build's in site order), keeps its gaps as they are; any
    other part's postings are renumbered and sorted with the token's others.
    """
    postings: dict[str, list[Segment]] = {}
    unordered: set[str] = set()
    for start, p in sorted((numbers[0], p) for p, numbers in enumerate(global_no) if numbers):
        numbers = global_no[p]
        consecutive = numbers == list(range(start, start + len(numbers)))
        for token, (gaps, weights) in parts[p].postings.items():
            segments = postings.get(token)
            if segments is None:
                segments = postings[token] = []
            if consecutive:
                segments.append((start, gaps, weights))
            else:
                unordered.add(token)
                segments.append((_RENUMBERED, [numbers[d] for d in accumulate(gaps)], weights))
    for token in unordered:
        pairs = sorted((d, w) for segment in postings[token] for d, w in zip(_numbers(segment), segment[2]))
        docs = [d for d, _ in pairs]
        postings[token] = [(0, [docs[0]] + [b - a for a, b in zip(docs, docs[1:])], [w for _, w in pairs])]
    return postings


_RENUMBERED = -1
"""The start of a segment of a part that was renumbered: it holds the documents' numbers themselves, not gaps."""


def _numbers(segment: Segment) -> Iterable[int]:
    """The documents' numbers of a segment, in the site's numbering."""
    start, values, _ = segment
    return values if start == _RENUMBERED else (start + d for d in accumulate(values))


def _flat(segments: list[Segment]) -> list[int]:
    """``[gap, weight, gap, weight, …]`` of a token's segments, the first gap from 0."""
    flat: list[int] = []
    last = 0
    for start, gaps, weights in segments:
        chunk = [0] * (2 * len(gaps))
        chunk[0::2] = gaps
        chunk[1::2] = weights
        chunk[0] = start + gaps[0] - last
        flat += chunk
        last = start + sum(gaps)
    return flat


_ENTRY = json.JSONEncoder(ensure_ascii=False).encode
_COMPACT = json.JSONEncoder(separators=(",", ":")).encode


def _shard_count(size: int) -> int:
    """Shards for postings of ``size`` (three bytes a token's character, six a posting), about :data:`SHARD_BYTES` each."""
    count = 1
    while count * SHARD_BYTES < size and count < 1 << 16:
        count *= 2
    return count


def _plain_definition(term: m.Term) -> str:
    text = plain(term.definition)
    return text if len(text) <= 80 else text[:79] + "…"
