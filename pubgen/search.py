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
boilerplate), then, after an empty string, the site's notes about it (核对说明), which
an excerpt shows only when they hold more of the query than the document's own words;
``v.json``. ``index_part`` indexes any set of documents and ``write`` assembles parts
into these files, so parts can be made separately.

Tokens, the same here and in ``templates/assets/search.js`` (tested against
each other):

* Chinese text is indexed as overlapping pairs of characters (``三公经费`` →
  ``三公 公经 经费``); a lone character is a token of its own. Quotation marks between
  two Chinese characters are not read (“三公”经费预算 → ``三公 公经 经费 费预 预算``), in the
  index as in a query. A query matches a document that holds every pair of every word of it.
* Glossary terms and aliases, and department and region names, of three
  characters or more are also indexed whole (``=三公经费``), so a query that is
  exactly such a name finds the documents that print it, not those that
  happen to hold its pairs apart. A document that prints one name of a glossary
  entry is found by each of its names (机关运行经费 by 机关运行费).
* Numbers keep their decimals (``2159.022416``), and their integer part is a
  token too; thousands separators are dropped. Latin letters are lower-cased words.
* A subject code printed in 类、款、项 columns (201 | 03 | 01) is also indexed
  whole (``2010301``, ``30217``), as the CSV and one-column tables give it. A query typed as the
  tables print it (``201 06 01``, ``302 01``) asks for the code whole; its excerpt is the row.

Each document's weight for a token is ``min(99, round(10·log2(1 + count)))``
in its text, plus 100 when the token is in its title, department or region.
The browser ranks by the sum over the query's tokens of weight × idf.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import math
import os
import re
import shutil
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from itertools import accumulate, islice
from typing import BinaryIO, Iterable, Iterator, Sequence

import orjson

from . import model as m
from .derive import KIND_ORDER, DocumentPage, SiteMap
from .glossary import entry_key, plain, site_anchors
from .pagetext import page_text
from .suggest import document_words, readings, vocabulary

FORMAT = 3
"""Bumped when the files' layout changes; the client refuses other versions."""

CHUNK = 64
"""Documents per title file."""

SHARD_BYTES = 12_000
"""Aim for shards of about this many bytes before compression."""

TITLE_BONUS = 100

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(rf"([{_HAN}]+)|([0-9a-z]+(?:\.[0-9]+)*)")
_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_QUOTE_MARKS = "“”\"‘’'「」《》"
_QUOTES = str.maketrans("", "", _QUOTE_MARKS)
_INNER_QUOTES = re.compile(rf"(?<=[{_HAN}])[{_QUOTE_MARKS}]+(?=[{_HAN}])")


def normalize(text: str) -> str:
    """What both sides tokenize: NFKC (full-width → half-width), lower case, no thousands separators, and no
    quotation marks between two Chinese characters: “三公”经费预算 is read 三公经费预算, as a reader types it."""
    return _INNER_QUOTES.sub("", _THOUSANDS.sub("", unicodedata.normalize("NFKC", text).lower()))


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
    """Names indexed whole: normalized, without quotes, three characters or more, longest first."""
    found = {normalize(word).translate(_QUOTES).strip() for word in words}
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
    scope: str = "department"
    """``unit`` for a unit's own 预算 or 决算 (单位预算): the results and the filter tell it from the department's."""


@dataclass(slots=True)
class Part:
    """The index of a set of documents, numbered from 0 in the order given; ``write`` assembles parts."""

    documents: list[IndexedDocument]
    postings: dict[str, tuple[Sequence[int], Sequence[int]]]
    """Each token's documents, as gaps (the first document's number, then the difference from the one before,
    ascending), and its weight in each."""
    words: Counter[str]
    """Suggestable words (``pubgen/suggest.py``) and in how many of these documents each occurs."""


@dataclass(slots=True)
class Whole:
    """Names indexed whole, longest first, with where to look them up."""

    entries: list[tuple[str, str, tuple[str, ...]]]
    """Each name, its first token, and the other names of its glossary entry."""
    by_token: dict[str, list[int]] = field(default_factory=dict)
    """The positions in ``entries`` of the names that begin with a token."""
    by_char: dict[str, list[int]] = field(default_factory=dict)
    """The positions in ``entries`` of the names that begin with a character."""

    def __post_init__(self) -> None:
        # A province names thousands of departments: a document is matched against those its text could hold.
        for i, (name, key, _) in enumerate(self.entries):
            self.by_token.setdefault(key, []).append(i)
            self.by_char.setdefault(name[0], []).append(i)


def _weights(text: str, title: str, whole: Whole) -> dict[str, int]:
    counts = Counter(tokens(text))
    entries = whole.entries
    # A name can only occur where its first token does; the names are tried in their own order.
    for i in sorted(i for token in counts if (at := whole.by_token.get(token)) for i in at):
        name, _, same = entries[i]
        if name in text:
            found = text.count(name)
            # 机关运行经费 as printed is found by 机关运行费, its entry's term (“三公”经费 is read 三公经费: ``normalize``).
            for also in {name, *same}:
                counts["=" + also] += found
    in_title = set(tokens(title))
    for char in set(title):
        for i in whole.by_char.get(char, ()):
            name, _, same = entries[i]
            if name in title:
                in_title.update("=" + also for also in (name, *same))
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
    return Whole(
        [
            (n, next(tokens(n)), tuple(sorted(same.get(n, ()))))
            for n in sorted(set(glossary_names) | set(place_names), key=lambda w: (-len(w), w))
        ]
    )


def search_order(page: DocumentPage) -> tuple[str, str, int, int, str]:
    """Where a document goes in the index's numbering: region, department, newest year first, kind, address."""
    return (page.region.path, page.department_id, -page.doc.year, KIND_ORDER.index(page.doc.kind), page.url)


def joined_codes(doc: m.Document) -> str:
    """The subject codes of the tables that print them in 类、款(、项) columns (201 | 03 | 01), each written whole
    (2010301), a line per row: a reader looks a subject up by the code the CSV and the one-column tables give."""
    codes = [
        row.code
        for block in doc.body
        if isinstance(block, m.Table) and block.codes in ("two", "three")
        for grid in block.grids()
        for row in grid.rows
        if row.code
    ]
    return "".join("\n" + code for code in codes)


def index_part(pages: Iterable[DocumentPage], docs_dir: Path, whole: Whole) -> Part:
    """Index ``pages`` (their generated Markdown read from ``docs_dir``); ``whole`` is ``whole_names(site)``.

    Parts of disjoint sets of documents, made anywhere, are assembled by ``write``.
    """
    part = Part([], {}, Counter())
    building: dict[str, tuple[array[int], bytearray, list[int]]] = {}
    for no, page in enumerate(pages):
        read = page_text((docs_dir / page.md_path).read_text(encoding="utf-8"))
        title = normalize(" ".join([page.doc.title, page.department.name, page.region_name, page.kind_name, f"{page.doc.year}年"]))
        text = normalize(page.doc.title + "\n" + read.text + joined_codes(page.doc))
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
                passages=read.excerpts,
                scope=page.doc.scope,
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


def write(site: SiteMap, parts: Iterable[Part], out: Path) -> SearchIndex:
    """Assemble ``parts`` into the files a browser reads, and the manifest that ties them, in ``out``.

    Documents are numbered department by department, newest first, so a department is a range.
    ``parts`` may be a generator: each part is read once and not kept, and what the join
    reads goes into a scratch folder once it is large (see :class:`_Scratch`), so the
    join's memory does not grow with the site.
    """
    return write_joined(site, parts, out)[0]


@dataclass(slots=True)
class Joined:
    """What a join wrote, beside its files: enough for :mod:`pubgen.searchcache` to change some departments' documents later."""

    documents: list[IndexedDocument]
    """Every document in the site's numbering, without its passages."""
    words: Counter[str]
    """Suggestable words of all documents, and in how many each occurs."""
    chars: int
    """Characters of all tokens (each token once): with ``postings``, what the count of shards follows from."""
    postings: int
    shards: int
    digests: dict[str, list[str]]
    """SHA-256 of every file the version is made from: ``s`` by shard, ``t`` by chunk, ``x`` by document, ``v``."""


def write_joined(site: SiteMap, parts: Iterable[Part], out: Path) -> tuple[SearchIndex, Joined]:
    """:func:`write`, and what it wrote."""
    out.mkdir(parents=True, exist_ok=True)
    with _Scratch(out / ".join") as scratch:
        return _write(site, parts, out, scratch)


def version_of(digests: dict[str, list[str]]) -> str:
    """The index's version, which a browser's cached files are checked against: a hash of its files' hashes, in order."""
    h = hashlib.sha256()
    for kind in ("s", "t", "x", "v"):
        for digest in digests[kind]:
            h.update(bytes.fromhex(digest))
    return h.hexdigest()[:12]


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def shard_entry(token: str, flat: list[int]) -> str:
    """A token's entry in its shard file: its postings as ``[gap, weight, …]``."""
    return _ENTRY(token) + ":" + _COMPACT(flat)


def shard_file(entries: Iterable[str]) -> bytes:
    """A shard file of entries made by :func:`shard_entry`, given in the order of their tokens."""
    return ("{" + ",".join(entries) + "}").encode("utf-8")


def title_chunk(documents: Sequence[IndexedDocument]) -> bytes:
    """A file of ``[title, address]`` of :data:`CHUNK` documents."""
    return _json([[d.title, d.url] for d in documents])


def suggestions_file(site: SiteMap, frequent: Counter[str]) -> bytes:
    """``v.json``: what a query that finds nothing is offered, from the site's names and the documents' words."""
    words = vocabulary(
        [w for t in site.glossary for w in [t.term, *t.aliases]],
        [n for d in site.departments for n in [d.department.name, d.department.short_name or "", *d.department.aliases]],
        [n for r in site.regions for n in [r.entry.names[-1], "".join(r.entry.names)]],
        frequent,
    )
    return _json({"terms": words, "pinyin": readings("".join(str(w[0]) for w in words))})


SCOPES = ("department", "unit")
"""The scopes of the index's kinds, in the order the manifest lists them."""


def manifest_file(site: SiteMap, documents: Sequence[IndexedDocument], shards: int, version: str) -> bytes:
    """``manifest.json``, what a browser reads first, of ``documents`` in the site's numbering."""
    years = sorted({d.year for d in documents}, reverse=True)
    # A kind with its scope: a unit's 预算 is a 单位预算, told apart in the results and filtered apart on the search page.
    present = {(d.kind, d.scope) for d in documents}
    kinds = [(k, s) for k in KIND_ORDER for s in SCOPES if (k, s) in present]
    regions = sorted({d.region: d.region_name for d in documents}.items())
    region_no = {path: i for i, (path, _) in enumerate(regions)}
    departments: list[list[object]] = []
    for no, doc in enumerate(documents):
        if not departments or departments[-1][2] != doc.department_id + "/":
            departments.append([doc.department, region_no[doc.region], doc.department_id + "/", no])
    codes = "".join(_code(years.index(d.year) * len(kinds) + kinds.index((d.kind, d.scope))) for d in documents)
    whole = whole_names(site)
    # The client knows the departments' names from the manifest's department list.
    departments_whole = set(names(d.department.name for d in site.departments))
    manifest = {
        "format": FORMAT,
        "version": version,
        "documents": len(documents),
        "shards": shards,
        "chunk": CHUNK,
        "whole": [n for n, _, _ in whole.entries if n not in departments_whole],
        "years": years,
        "kinds": [[k, m.kind_label(k, s), s] for k, s in kinds],
        "regions": [[path, name] for path, name in regions],
        "departments": departments,
        "codes": codes,
        "glossary": _glossary_entries(site),
    }
    return _json(manifest)


def _write(site: SiteMap, parts: Iterable[Part], out: Path, scratch: _Scratch) -> tuple[SearchIndex, Joined]:
    # Read every part once: documents without their passages; the passages and postings go to the scratch.
    documents: list[IndexedDocument] = []
    part_documents: list[tuple[int, int]] = []  # per part: its first document in ``documents``, and how many
    frequent: Counter[str] = Counter()
    postings_count = 0
    for part in parts:
        p = len(part_documents)
        part_documents.append((len(documents), len(part.documents)))
        for d in part.documents:
            scratch.excerpt(_json(d.passages))
            documents.append(
                IndexedDocument(d.order, d.title, d.url, d.year, d.kind, d.department_id, d.department, d.region, d.region_name, [], d.scope)
            )
        frequent.update(part.words)
        held = scratch.held
        if not scratch.arrays:
            scratch.arrays = any(g.__class__ is not list for g, _ in islice(part.postings.values(), 1))
        count = 0
        for token, (gaps, weights) in part.postings.items():
            count += len(gaps)
            found = held.get(token)
            if found is None:
                held[token] = [(p, gaps, weights)]
            else:
                found.append((p, gaps, weights))
        postings_count += count
        scratch.records += len(part.postings)
        if scratch.records > SPILL_RECORDS:
            scratch.spill()
    scratch.partition()
    hashes = scratch.hashes

    # The site's numbering, and where each part's documents went in it.
    order = sorted(range(len(documents)), key=lambda i: documents[i].order)
    number = [0] * len(documents)
    for no, i in enumerate(order):
        number[i] = no
    joining = _Numbering(number, part_documents)
    documents = [documents[i] for i in order]

    # Three bytes a token's character and six a posting; the count of shards follows from the size.
    chars = sum(len(t) for t in hashes)
    shards = _shard_count(3 * chars + 6 * postings_count)
    for sub in ("s", "t", "x"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True)
    written = 0
    files = 0
    digests: dict[str, list[str]] = {"s": [""] * shards, "t": [], "x": [], "v": []}
    # A token's shard is its hash modulo the shard count, and its partition its hash modulo
    # _PARTITIONS: both powers of two, so the shards of a group of partitions hold only their tokens.
    groups = min(shards, _PARTITIONS)
    for r in range(groups):
        segments = scratch.partitions(range(r, _PARTITIONS, groups))
        entries: dict[int, list[str]] = {}
        for token in sorted(segments):
            flat = _flat(joining.join(segments[token]))
            entries.setdefault(hashes[token] % shards, []).append(shard_entry(token, flat))
        del segments
        for b in range(r, shards, groups):
            data = shard_file(entries.get(b, ()))
            (out / "s" / f"{b}.json").write_bytes(data)
            digests["s"][b] = file_digest(data)
            written += len(data)
            files += 1
        del entries
    tokens_count = len(hashes)
    del hashes

    for i in range(0, len(documents), CHUNK):
        data = title_chunk(documents[i : i + CHUNK])
        digests["t"].append(file_digest(data))
        (out / "t" / f"{i // CHUNK}.json").write_bytes(data)
        written += len(data)
        files += 1
    for no, i in enumerate(order):
        data = scratch.excerpt_of(i)
        digests["x"].append(file_digest(data))
        (out / "x" / f"{no}.json").write_bytes(data)
        written += len(data)
        files += 1
    suggestions = suggestions_file(site, frequent)
    digests["v"].append(file_digest(suggestions))
    for name, data in (("v.json", suggestions), ("manifest.json", manifest_file(site, documents, shards, version_of(digests)))):
        (out / name).write_bytes(data)
        written += len(data)
        files += 1
    return SearchIndex(out, len(documents), tokens_count, shards, files, written), Joined(
        documents, frequent, chars, postings_count, shards, digests
    )


SPILL_RECORDS = 250_000
"""Tokens' postings (one record per token and part) the join holds before it moves them to its scratch files.

A million held 475 MB at 10,000 documents; a quarter of that, 238 MB with the passages' 16 MB, in the same time."""

SPILL_BYTES = 16 << 20
"""Bytes of passages the join holds before it moves them to its scratch file (and of shards it keeps to hash)."""

_PARTITIONS = 256
"""Scratch files of postings, by token hash; the join reads back one at a time (a power of two)."""
_PARTITION_MASK = _PARTITIONS - 1


class _Scratch:
    """What the join has read and does not need yet: in memory while small, then in files in ``folder``.

    Postings are written out by partition (the token's hash modulo :data:`_PARTITIONS`), so
    that the shards of one partition are made from it alone; passages are kept in reading
    order and read back in the site's. The folder is removed when the join ends, however it ends.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.held: dict[str, list[tuple[int, Sequence[int], Sequence[int]]]] = {}
        """Each token's postings read since the last spill: (part, gaps, weights) per part that holds it."""
        self.records = 0
        self.arrays = False
        """Whether a part held its postings as arrays (made in this process) rather than lists (read from JSON)."""
        self.hashes: dict[str, int] = {}
        """Every token's FNV-1a, worked out once."""
        self.memory: list[dict[str, list[tuple[int, Sequence[int], Sequence[int]]]]] = []
        self.spilled = False
        self.passages = bytearray()
        self.passages_file: BinaryIO | None = None
        self.passages_flushed = 0
        self.places: list[tuple[int, int]] = []

    def __enter__(self) -> _Scratch:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.passages_file is not None:
            self.passages_file.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _open(self) -> None:
        if not self.spilled:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True)
            self.spilled = True

    def _split(self) -> list[dict[str, list[tuple[int, Sequence[int], Sequence[int]]]]]:
        by_partition: list[dict[str, list[tuple[int, Sequence[int], Sequence[int]]]]] = [{} for _ in range(_PARTITIONS)]
        hashes = self.hashes
        for token, found in self.held.items():
            h = hashes.get(token)
            if h is None:
                h = hashes[token] = fnv1a(token)
            by_partition[h & _PARTITION_MASK][token] = found
        self.held = {}
        self.records = 0
        return by_partition

    def spill(self) -> None:
        """Append the postings held to their partitions' files, and hold none."""
        self._open()
        for j, postings in enumerate(self._split()):
            if postings:
                if self.arrays:
                    # An index made in this process holds arrays, which marshal would write as bytes.
                    postings = {t: [(p, list(g), list(w)) for p, g, w in found] for t, found in postings.items()}
                data = marshal.dumps(postings)
                with open(self.folder / f"p{j}", "ab") as f:
                    f.write(len(data).to_bytes(8, "little") + data)

    def partition(self) -> None:
        """Hold what is left by partition, after the last part is read."""
        self.memory = self._split()

    def partitions(self, partitions: Iterable[int]) -> dict[str, list[tuple[int, Sequence[int], Sequence[int]]]]:
        """Each token's postings in ``partitions``, from every part; the partitions are then let go."""
        joined: dict[str, list[tuple[int, Sequence[int], Sequence[int]]]] = {}
        for j in partitions:
            pieces = []
            path = self.folder / f"p{j}"
            if self.spilled and path.exists():
                # Read whole: marshal.load on a file object reads it a few bytes at a time.
                data = memoryview(path.read_bytes())
                at = 0
                while at < len(data):
                    size = int.from_bytes(data[at : at + 8], "little")
                    pieces.append(marshal.loads(data[at + 8 : at + 8 + size]))
                    at += 8 + size
                del data
                path.unlink()
            pieces.append(self.memory[j])
            self.memory[j] = {}
            for piece in pieces:
                if not joined:
                    joined = piece
                    continue
                for token, found in piece.items():
                    already = joined.get(token)
                    if already is None:
                        joined[token] = found
                    else:
                        already += found
        return joined

    def excerpt(self, data: bytes) -> None:
        """Keep a document's passages (as JSON), in reading order."""
        self.places.append((self.passages_flushed + len(self.passages), len(data)))
        self.passages += data
        if len(self.passages) > SPILL_BYTES:
            self._open()
            if self.passages_file is None:
                self.passages_file = open(self.folder / "passages", "w+b")
            self.passages_file.write(self.passages)
            self.passages_file.flush()
            self.passages_flushed += len(self.passages)
            self.passages = bytearray()

    def excerpt_of(self, i: int) -> bytes:
        """The passages of the ``i``-th document read."""
        at, size = self.places[i]
        if at >= self.passages_flushed:
            at -= self.passages_flushed
            return bytes(self.passages[at : at + size])
        assert self.passages_file is not None
        return os.pread(self.passages_file.fileno(), size, at)


class _Numbering:
    """Each part's documents in the site's numbering, to join the parts' postings of a token."""

    def __init__(self, number: list[int], part_documents: list[tuple[int, int]]) -> None:
        self.number = number
        self.part_documents = part_documents
        self.start: list[int] = []
        self.consecutive: list[bool] = []
        for first, count in part_documents:
            numbers = number[first : first + count]
            start = numbers[0] if numbers else 0
            self.start.append(start)
            # A part whose documents are consecutive in the site's numbering, in the same order
            # (a department's, or a whole build's in site order), keeps its gaps as they are.
            self.consecutive.append(numbers == list(range(start, start + count)))
        self.all_consecutive = all(self.consecutive)

    def join(self, found: list[tuple[int, Sequence[int], Sequence[int]]]) -> list[Segment]:
        """A token's postings from the parts that hold it, as segments in ascending order of documents."""
        start = self.start
        consecutive = self.consecutive
        if len(found) == 1:
            p, gaps, weights = found[0]
            if consecutive[p]:
                return [(start[p], gaps, weights)]
        else:
            found.sort(key=lambda s: start[s[0]])
        if self.all_consecutive or all(consecutive[p] for p, _, _ in found):
            return [(start[p], gaps, weights) for p, gaps, weights in found]
        # Any other part's postings are renumbered and sorted with the token's others.
        pairs: list[tuple[int, int]] = []
        for p, gaps, weights in found:
            first, count = self.part_documents[p]
            numbers = self.number[first : first + count]
            pairs += zip((numbers[d] for d in accumulate(gaps)), weights)
        pairs.sort()
        docs = [d for d, _ in pairs]
        return [(0, [docs[0]] + [b - a for a, b in zip(docs, docs[1:])], [w for _, w in pairs])]


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
    """One character for a document's year and kind with its scope (``year index × kinds + kind index``)."""
    return _ALPHABET[n] if n < len(_ALPHABET) else chr(0x4E00 + n)


Segment = tuple[int, Sequence[int], Sequence[int]]
"""A token's postings from one part, in the site's numbering: the number its gaps start from, the gaps and the weights."""


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


def _COMPACT(flat: list[int]) -> str:
    """A list of numbers as JSON without spaces (orjson: six times faster than the standard encoder, the same text)."""
    return orjson.dumps(flat).decode("ascii")


def _shard_count(size: int) -> int:
    """Shards for postings of ``size`` (three bytes a token's character, six a posting), about :data:`SHARD_BYTES` each."""
    count = 1
    while count * SHARD_BYTES < size and count < 1 << 16:
        count *= 2
    return count


def _glossary_entries(site: SiteMap) -> list[list[object]]:
    """``[term, aliases, definition, id on the glossary page, scope]``; the scope (its regions' names) only for a name
    defined for several regions, so a reader searching 机关运行经费 on a province's site sees whose each one is."""
    anchors = site_anchors(site.glossary)
    twice = {name for name, n in Counter(t.term for t in site.glossary).items() if n > 1}
    region_names = {r.entry.path: "".join(r.entry.names) for r in site.regions}

    def scope(t: m.Term) -> str:
        if t.term not in twice:
            return ""
        return "全国通用" if t.national or not t.regions else "、".join(region_names.get(r, r) for r in t.regions)

    return [[t.term, list(t.aliases), _plain_definition(t), anchors[entry_key(t)], scope(t)] for t in site.glossary]


def _plain_definition(term: m.Term) -> str:
    text = plain(term.definition)
    return text if len(text) <= 80 else text[:79] + "…"
