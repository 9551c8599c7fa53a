"""The search index of a build that changed a few departments' documents: the last index, changed where they are.

Joining the search index reads every shard's part of it and writes every file
again: at 10,000 documents that is 13 CPU-seconds, the longest step of a
one-document rebuild. With a cache (``pubgen build``'s, in
``.pubgen-cache/shards/assembly/search/``), the last joined index is kept
(``out/``, its files linked, never copied), with the shards' parts it was
joined from (``parts/``) and what the join knew of it (``state.json``: the
documents in the site's numbering, the words offered as suggestions, the
counts the number of shard files follows from, and each file's SHA-256).

The next build compares each shard's part with the kept one. A shard's part is
one part per department; for each department whose part changed but whose
documents are the same ones, in the same places, every token it held before or
holds now is given its postings again: those of the department's documents
are taken out and its new ones put in. Only the files that change are written;
the others are linked from the kept index. Anything else (a document added,
removed or moved, another site, another pubgen, a count of shard files that
no longer fits) is joined again from every part, as without a cache. Either
way the files are byte for byte those a join of every part writes (tested).

The state is removed before the kept index changes and written again last, so
an interrupted build leaves no state, and the next build joins everything.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from bisect import bisect_left
from collections import Counter
from itertools import accumulate, chain
from pathlib import Path
from typing import Any

import orjson

from .derive import SiteMap
from .shard import SEARCH, link, link_tree, part_value, parts_by_department
from .search import (
    IndexedDocument,
    Joined,
    Part,
    SearchIndex,
    file_digest,
    fnv1a,
    manifest_file,
    shard_entry,
    shard_file,
    suggestions_file,
    title_chunk,
    version_of,
    write_joined,
    CHUNK,
    _json,
    _shard_count,
)

FORMAT = 2
STATE = "state.json"
OUT = "out"
PARTS = "parts"


def join_kept(site: SiteMap, folders: list[Path], out: Path, cache: Path, base: str, read_parts: Any) -> SearchIndex:
    """The search index of the shards in ``folders`` (their parts read by ``read_parts``), written into ``out``.

    ``base`` is the hash of everything the shards share (pubgen, the site's settings,
    glossary, departments and regions): a kept index of another base is not used.
    """
    state = _read_state(cache, base, folders)
    if state is not None:
        try:
            updated = _update(site, folders, out, cache, state)
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            updated = None  # a kept file missing or damaged: joined again from every part
        if updated is not None:
            return updated
        # What was linked into ``out`` is the kept index's files: removed before the join writes its own there.
        shutil.rmtree(out, ignore_errors=True)
    _forget(cache)
    index, joined = write_joined(site, (part for f in folders for part in read_parts(f)), out)
    _keep_all(cache, base, folders, out, index, joined)
    return index


# --------------------------------------------------------------------------- the state


def _state_path(cache: Path) -> Path:
    return cache / STATE


def _forget(cache: Path) -> None:
    """Remove the state first: from here until it is written again, the kept files may not match it."""
    try:
        os.unlink(_state_path(cache))
    except FileNotFoundError:
        pass


def _read_state(cache: Path, base: str, folders: list[Path]) -> dict[str, Any] | None:
    try:
        state = json.loads(_state_path(cache).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("format") != FORMAT or state.get("base") != base:
        return None
    if state.get("folders") != [f.name for f in folders]:
        return None
    return state


def _write_state(cache: Path, state: dict[str, Any]) -> None:
    temporary = cache / f".{STATE}.{os.getpid()}.tmp"
    temporary.write_bytes(json.dumps(state, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"))
    os.replace(temporary, _state_path(cache))


def _state(base: str, folders: list[Path], index: SearchIndex, joined: Joined) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "base": base,
        "folders": [f.name for f in folders],
        "documents": _rows(joined.documents),
        "words": dict(joined.words),
        "chars": joined.chars,
        "postings": joined.postings,
        "tokens": index.tokens,
        "shards": joined.shards,
        "files": index.files,
        "bytes": index.bytes,
        "digests": joined.digests,
    }


def _keep_all(cache: Path, base: str, folders: list[Path], out: Path, index: SearchIndex, joined: Joined) -> None:
    """Keep a whole join: its files and the parts it was made from."""
    for name in (OUT, PARTS):
        fresh = cache / f"{name}.new"
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        if name == OUT:
            link_tree(out, fresh)
        else:
            _link_parts(folders, fresh)
        shutil.rmtree(cache / name, ignore_errors=True)
        os.rename(fresh, cache / name)
    _write_state(cache, _state(base, folders, index, joined))


def _link_parts(folders: list[Path], target: Path) -> None:
    for i, folder in enumerate(folders):
        link(os.fspath(folder / SEARCH), os.fspath(target / f"{i}.json"))


def _same_file(a: Path, b: Path) -> bool:
    try:
        sa, sb = a.stat(), b.stat()
    except OSError:
        return False
    if (sa.st_ino, sa.st_dev) == (sb.st_ino, sb.st_dev):
        return True
    return sa.st_size == sb.st_size and a.read_bytes() == b.read_bytes()


# --------------------------------------------------------------------------- changing the kept index


def _rows(documents: list[IndexedDocument]) -> list[list[Any]]:
    """The documents as the state keeps them (their passages are in the index's files)."""
    return [[list(d.order), d.title, d.url, d.year, d.kind, d.department_id, d.department, d.region, d.region_name, d.scope] for d in documents]


def _documents(rows: list[Any]) -> list[IndexedDocument]:
    return [
        IndexedDocument(tuple(order), title, url, year, kind, dept_id, dept, region, region_name, [], scope)
        for order, title, url, year, kind, dept_id, dept, region, region_name, scope in rows
    ]


def _numbers(orders: list[tuple[Any, ...]], first: int) -> list[int]:
    """Each of a part's documents' number in the site, the part's documents being ``first`` onwards in order."""
    ranked = sorted(range(len(orders)), key=lambda k: orders[k])
    number = [0] * len(orders)
    for rank, k in enumerate(ranked):
        number[k] = first + rank
    return number


_ENTRY = re.compile(r'"((?:[^"\\]|\\.)*)":\[[0-9,]*\]')
"""One token's entry in a shard file: its name (JSON text) and its postings, a list of numbers."""


def _entries(text: str) -> tuple[dict[str, str], dict[str, str]] | None:
    """A shard file's entries by token, each as its text in the file, and each token's postings as text.

    None unless the entries are the whole file.
    """
    found: dict[str, str] = {}
    postings: dict[str, str] = {}
    raws = []
    for match in _ENTRY.finditer(text):
        key = match.group(1)
        token = key if "\\" not in key else json.loads(f'"{key}"')
        raw = match.group(0)
        found[token] = raw
        postings[token] = text[match.end(1) + 2 : match.end()]  # past the name's closing quote and the colon
        raws.append(raw)
    if "{" + ",".join(raws) + "}" != text:
        return None
    return found, postings


def _splice(flat: list[int], ranges: list[tuple[int, int]], fresh: list[tuple[int, int]]) -> list[int]:
    """``flat`` (``[gap, weight, …]``) with its postings of documents in ``ranges`` replaced by ``fresh`` (sorted, in them).

    What lies between the ranges is copied as it is, but for the gap of its first
    posting, which now follows another document.
    """
    docs = list(accumulate(flat[0::2]))
    pieces: list[list[int]] = []
    last = 0  # the last document written
    at = 0  # the first posting not yet written
    k = 0
    for lo, hi in ranges:
        i = bisect_left(docs, lo, at)
        j = bisect_left(docs, hi, i)
        if i > at:
            kept = flat[2 * at : 2 * i]
            kept[0] = docs[at] - last
            pieces.append(kept)
            last = docs[i - 1]
        middle: list[int] = []
        while k < len(fresh) and fresh[k][0] < hi:
            doc, weight = fresh[k]
            middle += (doc - last, weight)
            last = doc
            k += 1
        pieces.append(middle)
        at = j
    if at < len(docs):
        kept = flat[2 * at :]
        kept[0] = docs[at] - last
        pieces.append(kept)
    return list(chain.from_iterable(pieces))


def _update(site: SiteMap, folders: list[Path], out: Path, cache: Path, state: dict[str, Any]) -> SearchIndex | None:
    """The kept index changed where some departments' parts changed; None when it cannot be (joined again instead)."""
    kept_out = cache / OUT
    kept_parts = cache / PARTS
    changed_folders = [i for i, f in enumerate(folders) if not _same_file(f / SEARCH, kept_parts / f"{i}.json")]
    documents = _documents(state["documents"])
    first: dict[str, int] = {}
    count: Counter[str] = Counter()
    for no, d in enumerate(documents):
        first.setdefault(d.department_id, no)
        count[d.department_id] += 1

    # Departments whose part changed, with the same documents in the same places.
    changed: list[tuple[str, Any, Any]] = []
    for i in changed_folders:
        old, new = parts_by_department(kept_parts / f"{i}.json"), parts_by_department(folders[i] / SEARCH)
        if old.keys() != new.keys():
            return None
        for dept in old:
            if old[dept] == new[dept]:  # the same JSON
                continue
            old_part, new_part = part_value(old[dept]), part_value(new[dept])
            orders = [tuple(row[0]) for row in new_part["documents"]]
            if orders != [tuple(row[0]) for row in old_part["documents"]] or dept not in first or count[dept] != len(orders):
                return None
            at = first[dept]
            if sorted(orders) != [d.order for d in documents[at : at + len(orders)]]:
                return None
            changed.append((dept, old_part, new_part))
    digests: dict[str, list[str]] = {k: list(v) for k, v in state["digests"].items()}
    shards: int = state["shards"]
    written: dict[str, bytes] = {}  # path in the index → new bytes

    if changed:
        # Every token the changed departments held or hold, with their new postings in the site's numbering.
        ranges: list[tuple[int, int]] = []
        fresh: dict[str, list[tuple[int, int]]] = {}
        touched: set[str] = set()
        words = Counter(state["words"])
        # A token whose postings are the same in a department's old and new part (its documents keep their places)
        # is not touched there: a title corrected touches its few words, not every word of the department.
        for dept, old, new in changed:
            was, now = old["postings"], new["postings"]
            touched.update(t for t in was if t not in now)
            touched.update(t for t, held in now.items() if was.get(t) != held)
        for dept, old, new in changed:
            at = first[dept]
            number = _numbers([tuple(row[0]) for row in new["documents"]], at)
            ranges.append((at, at + len(number)))
            for token, (gaps, weights) in new["postings"].items():
                if token in touched:
                    fresh.setdefault(token, []).extend(zip((number[k] for k in accumulate(gaps)), weights))
            words.subtract(old["words"])
            words.update(new["words"])
            for k, row in enumerate(new["documents"]):
                _, title, url, year, kind, dept_id, dept_name, region, region_name, passages, scope = row
                no = number[k]
                documents[no] = IndexedDocument(documents[no].order, title, url, year, kind, dept_id, dept_name, region, region_name, [], scope)
                written[f"x/{no}.json"] = _json(passages)
        ranges.sort()
        for found in fresh.values():
            found.sort()

        by_shard: dict[int, list[str]] = {}
        for token in touched:
            by_shard.setdefault(fnv1a(token) % shards, []).append(token)
        chars: int = state["chars"]
        postings: int = state["postings"]
        tokens: int = state["tokens"]
        for b, in_shard in by_shard.items():
            data = (kept_out / "s" / f"{b}.json").read_bytes()
            if file_digest(data) != digests["s"][b]:
                return None  # changed since it was written (by hand, in the published site): joined again
            read = _entries(data.decode("utf-8"))
            if read is None:
                return None
            entries, held = read
            for token in in_shard:
                raw = entries.get(token)
                before: list[int] = orjson.loads(held[token]) if raw is not None else []
                flat = _splice(before, ranges, fresh.get(token, []))
                postings += (len(flat) - len(before)) // 2
                if flat:
                    entries[token] = shard_entry(token, flat)
                    if raw is None:
                        chars += len(token)
                        tokens += 1
                elif raw is not None:
                    del entries[token]
                    chars -= len(token)
                    tokens -= 1
            written[f"s/{b}.json"] = shard_file(entries[t] for t in sorted(entries))
        if _shard_count(3 * chars + 6 * postings) != shards:
            return None  # the index would be split into another number of files: joined again
        for chunk in sorted({no // CHUNK for lo, hi in ranges for no in range(lo, hi)}):
            written[f"t/{chunk}.json"] = title_chunk(documents[chunk * CHUNK : (chunk + 1) * CHUNK])
        words = Counter({w: n for w, n in words.items() if n > 0})
        written["v.json"] = suggestions_file(site, words)
        state = {**state, "words": dict(words), "chars": chars, "postings": postings, "tokens": tokens}
        state["documents"] = _rows(documents)

    # Unchanged files are not written again, nor their hashes changed.
    for path in [p for p, data in written.items() if _digest_of(digests, p) == file_digest(data)]:
        del written[path]
    for path, data in written.items():
        _set_digest(digests, path, file_digest(data))
    written["manifest.json"] = manifest_file(site, documents, shards, version_of(digests))

    link_tree(kept_out, out, frozenset(written))
    size = state["bytes"]
    for path, data in written.items():
        target = out / path
        old_size = (kept_out / path).stat().st_size if (kept_out / path).exists() else 0
        target.write_bytes(data)
        size += len(data) - old_size

    # The kept index becomes this one: state removed first, written last.
    _forget(cache)
    for path in written:
        temporary = kept_out / f"{path}.new"
        link(os.fspath(out / path), os.fspath(temporary))
        os.replace(temporary, kept_out / path)
    for i in changed_folders:
        temporary = kept_parts / f"{i}.json.new"
        link(os.fspath(folders[i] / SEARCH), os.fspath(temporary))
        os.replace(temporary, kept_parts / f"{i}.json")
    state = {**state, "digests": digests, "bytes": size}
    _write_state(cache, state)
    return SearchIndex(out, len(documents), state["tokens"], shards, state["files"], size)


def _digest_of(digests: dict[str, list[str]], path: str) -> str | None:
    kind, _, name = path.partition("/")
    if not name:
        return digests["v"][0] if path == "v.json" else None
    return digests[kind][int(name.removesuffix(".json"))]


def _set_digest(digests: dict[str, list[str]], path: str, digest: str) -> None:
    kind, _, name = path.partition("/")
    if not name:
        digests["v"][0] = digest
    else:
        digests[kind][int(name.removesuffix(".json"))] = digest


__all__ = ["join_kept", "Part"]
