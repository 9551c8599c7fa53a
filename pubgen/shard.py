"""One shard of a site: its documents checked, rendered, built by MkDocs and indexed, with a manifest.

A shard's output folder holds:

- ``pages/<department id>/…``: the built pages of its documents,
  with each document's ``figures.csv`` and ``figures.json``, laid out as in the site;
- ``search-part.json``: its part of the search index (:class:`pubgen.search.Part`);
- ``manifest.json``: what the site-wide pages need (:mod:`pubgen.assemble`): each
  document's summary, the pages and their change dates for the sitemap, and the
  problems its check found.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from . import model as m
from .errors import BuildFailed
from .load import Content, load, parse_file, type_cells
from .partition import Shard, document_files, partition
from .problems import Problem, Report, Severity
from .provenance import original_of

MANIFEST = "manifest.json"
KEY = "key"
SEARCH = "search-part.json"
PAGES = "pages"
FORMAT = 2
"""Bumped when a manifest's layout changes: shards of another format are not assembled together."""


@dataclass(slots=True)
class Plan:
    """A project's shards, and what every shard's build depends on besides its own documents."""

    shards: list[Shard]
    limit: int
    base: str
    """Hash of everything shared: pubgen, MkDocs, templates, mkdocs.yml, site settings, regions, glossary, departments."""


def _hash_files(h: Any, paths: list[Path], root: Path) -> None:
    """Hash each file's name and bytes as the content reader reads them (a named pipe or a device is never opened)."""
    from .files import read_bytes

    for path in paths:
        name = path.relative_to(root).as_posix()
        h.update(name.encode("utf-8", "surrogateescape") + b"\0")
        refused: list[Problem] = []
        data = read_bytes(path, name, refused)
        h.update(hashlib.sha256(data).digest() if data is not None else "\0".join(p.code for p in refused).encode())


def _hash_followed(h: Any, paths: list[Path], root: Path) -> None:
    """Hash files that Jinja and MkDocs read (templates, ``mkdocs.yml``, pubgen's own): links followed, as they follow
    them; only regular files are opened, never a named pipe or a device."""
    for path in paths:
        h.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                h.update(b"not a regular file")
                continue
            with open(path, "rb") as f:
                h.update(hashlib.file_digest(f, "sha256").digest())
        except OSError as exc:
            h.update(f"unreadable {exc.errno}".encode())


def _tree(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file())


def plan(root: Path, limit: int) -> Plan:
    """Split the project at ``root`` into shards, and hash what they all share."""
    from importlib.metadata import version

    content = root / "content"
    base = load(content, documents=False)
    departments = {d: loaded.record.region for d, loaded in base.departments.items()}
    files = document_files(content / "documents", departments)
    h = hashlib.sha256()
    package = Path(__file__).parent
    h.update(f"pubgen {__version__} mkdocs {version('mkdocs')} material {version('mkdocs-material')}\0".encode())
    # Every file of pubgen's own, not only its code: the official tables' definitions (pubgen/tables/*.yml) shape pages too.
    _hash_followed(h, [p for p in _tree(package) if "__pycache__" not in p.parts], package)
    _hash_followed(h, _tree(root / "templates") + [root / "mkdocs.yml"], root)
    shared = [content / n for n in ("site.yml", "regions.yml", "glossary.yml")]
    _hash_files(h, [p for p in shared if p.exists()] + _tree(content / "departments"), root)
    return Plan(partition(departments, files, limit), limit, h.hexdigest())


def shard_key(shard: Shard, plan_: Plan, root: Path, dates: dict[str, dt.date], strict: bool, preview: bool = False) -> str:
    """What a shard's output depends on: if this is unchanged, so is the output."""
    h = hashlib.sha256(f"{FORMAT}\0{plan_.base}\0{shard.name}\0{plan_.limit}\0{strict}\0{preview}\0".encode("utf-8"))
    h.update("\0".join(shard.departments).encode("utf-8") + b"\0")
    _hash_files(h, list(shard.files), root)
    # The published originals beside the sources (``2024-budget.pdf``), which document pages offer for download.
    for path in shard.files:
        original = original_of(path)
        h.update(b"original\0")
        if original is not None:
            _hash_followed(h, [original.path], root)
    for path in shard.files:
        name = path.relative_to(root).as_posix()
        h.update(f"{name}={dates.get(name, '')}\0".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _load(root: Path, shard: Shard) -> Content:
    """The settings, regions, glossary and departments, and this shard's documents."""
    content = load(root / "content", documents=False)
    for path in shard.files:
        loaded = parse_file(content, path, root, m.Document)
        if loaded:
            type_cells(loaded.record, loaded.source, content.problems)
            content.documents.append(loaded)
    return content


def _misplaced(content: Content, shard: Shard, sharded: bool) -> list[str]:
    """Documents whose department is built by another shard: their department's pages would not see them."""
    if not sharded:
        return []
    mine = set(shard.departments)
    out = []
    for loaded in content.documents:
        dept = loaded.record.department
        if dept in content.departments and dept not in mine:
            out.append(
                f"{loaded.source.name}：文档属于部门“{dept}”，却放在别的文件夹里。"
                f"请把它移到 content/documents/{dept}/ 中（分片构建按文件夹把部门的文档放在一起）。"
            )
    return out


def build_shard(
    root: Path, shard: Shard, plan_: Plan, out: Path, key: str, strict: bool, dates: dict[str, dt.date], preview: bool = False
) -> Report:
    """Check and build one shard into ``out`` (replaced whole); return its check's report.

    Nothing is written when the check finds errors (or warnings, with ``strict``).
    With ``preview`` (``pubgen serve``), each page shows the problems of its file.
    """
    from .build import build as build_site
    from .data import document_csv, document_json, write_document_data
    from .derive import derive
    from .footer import footer_of
    from .parallel import no_cyclic_gc
    from .render import PageWriter, prepare
    from .search import index_part, whole_names
    from .summaries import summarise, to_json as listed_json
    from .summary import summarize, to_json
    from .validate import validate

    with no_cyclic_gc():
        content = _load(root, shard)
        report = validate(content)
    wrong = _misplaced(content, shard, len(plan_.shards) > 1)
    if wrong:
        raise BuildFailed("\n".join(wrong))
    if not (report.ok_strict() if strict else report.ok):
        return report
    assert content.site is not None
    sitemap = derive(content, dates)
    documents = sitemap.documents
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        docs = work / "docs"
        docs.mkdir()
        prepare(documents, report.problems)
        pages = PageWriter(sitemap, root / "templates", docs, preview=report.sorted() if preview else None)
        pages.documents(documents, None)
        listed = [summarise(p) for p in documents]
        mine = set(shard.departments)
        pages.departments(listed, [d for d in sitemap.departments if d.id in mine])
        _, counts, rows = write_document_data(sitemap, documents, docs)
        build_site(
            root / "mkdocs.yml",
            docs,
            work / "site",
            sitemap.site.title,
            strict=strict,
            site_url=sitemap.site.base_url,
            nav_stubs=True,
            footer=footer_of(sitemap.site),
        )
        built = work / PAGES
        built.mkdir()
        for dept in shard.departments:
            source = work / "site" / dept
            if source.is_dir():
                (built / dept).parent.mkdir(parents=True, exist_ok=True)
                os.rename(source, built / dept)
        part = index_part(documents, docs, whole_names(sitemap))
        _write_json(work / SEARCH, part_json(part))
        summaries = []
        for p, summary in zip(documents, listed):
            size_csv = (docs / document_csv(p.url)).stat().st_size
            size_json = (docs / document_json(p.url)).stat().st_size
            entry = to_json(summarize(p, counts[p.url], size_csv, size_json))
            entry["rows"] = rows[p.url]
            entry["listed"] = listed_json(summary)
            summaries.append(entry)
        manifest = {
            "format": FORMAT,
            "pubgen": __version__,
            "shard": shard.name,
            "key": key,
            "base": plan_.base,
            "limit": plan_.limit,
            "shards": len(plan_.shards),
            "departments": list(shard.departments),
            "documents": summaries,
            "pages": [[md, url, date.isoformat() if date else None] for md, url, date in pages.dated],
            "problems": [p.to_dict() for p in report.problems],
        }
        (work / KEY).write_text(key, encoding="utf-8")
        _write_json(work / MANIFEST, manifest)
        shutil.rmtree(docs)
        shutil.rmtree(work / "site")
        _replace(work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report


def _write_json(path: Path, value: Any) -> None:
    """JSON in UTF-8; a file name that is not UTF-8 (kept as lone surrogates, see ``pubgen.files``) is written as is."""
    path.write_bytes(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"))


def _read_json(path: Path) -> Any:
    return json.loads(path.read_bytes().decode("utf-8", "surrogatepass"))


def part_json(part: Any) -> dict[str, Any]:
    """A shard's part of the search index (:class:`pubgen.search.Part`) as JSON."""
    return {
        "documents": [
            [list(d.order), d.title, d.url, d.year, d.kind, d.department_id, d.department, d.region, d.region_name, d.passages]
            for d in part.documents
        ],
        "postings": {t: [list(e.docs), list(e.weights)] for t, e in part.postings.items()},
        "words": dict(part.words),
    }


def read_part(folder: Path) -> Any:
    """A shard's part of the search index, read back."""
    from array import array
    from collections import Counter

    from .search import IndexedDocument, Part, _Postings

    data = _read_json(folder / SEARCH)
    postings = {}
    for token, (docs, weights) in data["postings"].items():
        entry = postings[token] = _Postings()
        entry.docs = array("I", docs)
        entry.weights = bytearray(weights)
    documents = [
        IndexedDocument(tuple(order), title, url, year, kind, dept_id, dept, region, region_name, passages)
        for order, title, url, year, kind, dept_id, dept, region, region_name, passages in data["documents"]
    ]
    return Part(documents, postings, Counter(data["words"]))


def _replace(folder: Path, target: Path) -> None:
    """Put ``folder`` at ``target``, removing what was there."""
    if target.exists():
        old = target.with_name(target.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        os.rename(target, old)
        os.rename(folder, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(folder, target)


def read_manifest(folder: Path) -> dict[str, Any]:
    """A shard's manifest, or a message saying what the folder lacks."""
    try:
        data: dict[str, Any] = _read_json(folder / MANIFEST)
    except (OSError, ValueError) as exc:
        raise BuildFailed(f"{folder} 不是完整的分片输出（读不到 {MANIFEST}：{exc}）。请重新运行 pubgen build --shard。") from None
    if data.get("format") != FORMAT:
        raise BuildFailed(f"{folder} 由另一版本的 pubgen 生成，无法合并。请用同一版本重新构建全部分片。")
    return data


def problems_of(manifest: dict[str, Any]) -> list[Problem]:
    """The problems a shard's check found."""
    out = []
    for p in manifest["problems"]:
        out.append(Problem(**{**p, "severity": Severity(p["severity"])}))
    return out


__all__ = ["Plan", "plan", "shard_key", "build_shard", "read_manifest", "read_part", "problems_of", "MANIFEST", "SEARCH", "PAGES"]


def cached(folder: Path, key: str) -> bool:
    """Whether ``folder`` holds a shard built from exactly these inputs."""
    try:
        return (folder / KEY).read_text(encoding="utf-8") == key and (folder / MANIFEST).is_file()
    except OSError:
        return False
