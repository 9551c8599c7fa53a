"""One shard of a site: its documents checked, rendered, built by MkDocs and indexed, with a manifest.

A shard's output folder holds:

- ``pages/<department id>/…``: the built pages of its documents,
  with each document's ``figures.csv`` and ``figures.json``, laid out as in the site;
- ``search-part.json``: its departments' parts of the search index (:class:`pubgen.search.Part`), one each;
- ``manifest.json``: what the site-wide pages need (:mod:`pubgen.assemble`): each
  document's summary, the pages and their change dates for the sitemap, and the
  problems its check found; and each department's key (:func:`unit_key`).

A department is the unit a shard rebuilds: when a shard's inputs change, the
departments whose own inputs are unchanged since the shard's last build are taken
from that build (their pages linked, their summaries, problems and search parts
copied), and only the others are checked, rendered and built again. A department's
pages depend on its own documents and on what every shard shares, never on
another department's documents (its checks compare a department's documents with
each other only), so the shard is the one a build of every department makes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import shutil
import stat
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from . import __version__
from . import model as m
from .errors import BuildFailed
from .jsonfile import json_bytes, json_value
from .load import Content, load, parse_file, type_cells
from .partition import Shard, department_of, document_files, partition
from .problems import Problem, Report, Severity
from .provenance import Original, original_of

MANIFEST = "manifest.json"
KEY = "key"
SEARCH = "search-part.json"
PAGES = "pages"
FORMAT = 8
"""Bumped when a manifest's layout changes: shards of another format are not assembled together."""


@dataclass(slots=True)
class Plan:
    """A project's shards, and what every shard's build depends on besides its own documents."""

    shards: list[Shard]
    limit: int
    base: str
    """Hash of everything shared: pubgen, MkDocs, templates, mkdocs.yml, site settings, regions, glossary, departments."""


HASHES = "hashes.json"
"""In a shard store: each document's SHA-256 as of the last build, with what its file looked like then."""

_HASHER: Any = None
"""The last build's hashes, while this build works out the shards' keys (:func:`remembered_hashes`)."""


@contextmanager
def remembered_hashes(store: Path | None) -> Iterator[None]:
    """Hash the files of the shards' keys worked out in the block from the last build's record where it still holds.

    A file is read again only when its size, modification or change time or inode
    differ from the record, or it changed within two seconds of the last build's
    start: the rule of ``pubgen check``'s cache (:class:`pubgen.checkcache.Hasher`).
    At 10,000 documents, reading and hashing their 185 MB took about a second of
    every build, also of one that changed a single document. Without ``store``
    (a build without its cache), every file is read.
    """
    global _HASHER
    if store is None:
        yield
        return
    from .checkcache import Hasher

    path = store / HASHES
    old, old_started = _read_hashes(path)
    _HASHER = Hasher(old, old_started, time.time_ns())
    try:
        yield
        stamps = {k: v.to_json() for k, v in _HASHER.stamps.items()}
        if stamps != old:
            temporary = store / f".{HASHES}.{os.getpid()}.tmp"
            try:
                temporary.write_text(json.dumps({"format": 1, "started": _HASHER.started, "stamps": stamps}), encoding="utf-8")
                os.replace(temporary, path)
            except OSError:
                temporary.unlink(missing_ok=True)  # only slower next time
    finally:
        _HASHER = None


def _read_hashes(path: Path) -> tuple[dict[str, list[Any]], int]:
    from .checkcache import valid_stamps

    try:
        data = json.loads(path.read_bytes())
        stamps, started = data["stamps"], data["started"]
        if data.get("format") != 1 or not isinstance(started, int) or not valid_stamps(stamps):
            return {}, 0
        return stamps, started
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return {}, 0


def _hash_files(h: Any, paths: list[Path], root: Path) -> None:
    """Hash each file's name and bytes as the content reader reads them (a named pipe or a device is never opened)."""
    from .files import read_bytes

    hasher = _HASHER
    for path in paths:
        name = path.relative_to(root).as_posix()
        h.update(name.encode("utf-8", "surrogateescape") + b"\0")
        # A regular file within the size limit is read whole, so its recorded hash is its bytes' hash.
        sha = hasher.sha(path) if hasher is not None else ""
        if sha:
            h.update(bytes.fromhex(sha))
            continue
        refused: list[Problem] = []
        data = read_bytes(path, name, refused)
        h.update(hashlib.sha256(data).digest() if data is not None else "\0".join(p.code for p in refused).encode())


def source_hashes(files: list[Path], root: Path) -> dict[str, str]:
    """Each document file's SHA-256, and its published original's (``2024-budget.pdf``), by name in the project.

    A shard's manifest records them, and the assembly compares them with the project's files
    (:func:`pubgen.assemble.check_sources`): a shard built before a document was withdrawn or
    corrected must not publish it again.
    """
    from .files import read_bytes

    out: dict[str, str] = {}
    for path, original in _with_originals(files):
        name = path.relative_to(root).as_posix()
        refused: list[Problem] = []
        data = read_bytes(path, name, refused)
        out[name] = hashlib.sha256(data).hexdigest() if data is not None else "unreadable " + " ".join(p.code for p in refused)
        if original is not None:
            h = hashlib.sha256()
            _hash_followed(h, [original.path], root)
            out[original.path.relative_to(root).as_posix()] = h.hexdigest()
    return out


def _with_originals(files: list[Path]) -> Iterator[tuple[Path, Original | None]]:
    """Each document file with the published original beside it, if any (each folder listed once)."""
    listed: dict[Path, set[str]] = {}
    for path in files:
        folder = path.parent
        if folder not in listed:
            try:
                listed[folder] = set(os.listdir(folder))
            except OSError:
                listed[folder] = set()
        yield path, original_of(path, listed[folder])


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
    shards = partition(departments, files, limit)
    if len(shards) > 1:
        check_plugins(root / "mkdocs.yml", len(shards), limit)
    return Plan(shards, limit, h.hexdigest())


COLLECTING = {
    "search": " search/search_index.json（全站搜索索引）",
    "tags": "标签索引页",
    "blog": "博客的归档和分类页",
    "offline": "离线版的搜索索引",
    "rss": "RSS 订阅文件",
    "print-site": "汇总全部页面的打印页",
    "with-pdf": "汇总全部页面的 PDF",
    "pdf-export": "汇总全部页面的 PDF",
    "autorefs": "页面之间的交叉引用",
}
"""MkDocs plugins that make site-wide files from all the pages one MkDocs run builds (``material/`` ones too),
with what they make: a sharded build runs MkDocs once per shard and once for the site-wide pages,
so each would see only some pages (MkDocs' ``search``, on when ``plugins`` is not written, indexed
only the assembly's pages)."""


def check_plugins(config: Path, shards: int, limit: int) -> None:
    """Refuse, for a site of several shards, a ``mkdocs.yml`` that turns on a plugin of :data:`COLLECTING`."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config, "rb") as f:
            settings = yaml_load(f)
    except Exception:  # noqa: BLE001 - MkDocs reads it again and says what is wrong, in pubgen.build
        return
    if not isinstance(settings, dict):
        return
    # Without a ``plugins`` line MkDocs turns its ``search`` on.
    listed: Any = settings.get("plugins", ["search"])
    items = list(listed.items()) if isinstance(listed, dict) else [next(iter(i.items())) if isinstance(i, dict) and i else (i, None) for i in listed or []]
    for name, options in items:
        if not isinstance(name, str) or (isinstance(options, dict) and options.get("enabled") is False):
            continue
        plain = name.removeprefix("material/")
        if plain in COLLECTING:
            written = "没有写 plugins 这一行，MkDocs 默认启用了 search 插件" if "plugins" not in settings else f"mkdocs.yml 的 plugins 中启用了 {name} 插件"
            raise BuildFailed(
                f"{written}：它从一次 MkDocs 运行的全部页面生成{COLLECTING[plain]}，而这个网站分成 {shards} 个分片构建"
                f"（每个分片最多 {limit} 份文档），MkDocs 每次只构建一部分页面，生成的文件会缺少其他分片的页面。没有构建，也没有发布。"
                + (
                    "pubgen 自带全站搜索（搜索页和页首的搜索框），不需要这个插件：请在 mkdocs.yml 中写 plugins: []（项目自带的 mkdocs.yml 就是这样写的）。"
                    if plain == "search"
                    else f"请从 mkdocs.yml 的 plugins 中删去 {name}；一定要用它的，请用更大的 --shard-size 把网站构建为一个分片。"
                )
            )


def shard_key(shard: Shard, plan_: Plan, root: Path, dates: dict[str, dt.date], strict: bool, preview: bool = False) -> str:
    """What a shard's output depends on: if this is unchanged, so is the output."""
    h = hashlib.sha256(f"{FORMAT}\0{plan_.base}\0{shard.name}\0{plan_.limit}\0{strict}\0{preview}\0".encode("utf-8"))
    h.update("\0".join(shard.departments).encode("utf-8") + b"\0")
    _hash_sources(h, list(shard.files), root, dates)
    return h.hexdigest()


def unit_key(department: str, files: list[Path], plan_: Plan, root: Path, dates: dict[str, dt.date], strict: bool, preview: bool) -> str:
    """What one department's part of a shard depends on: its own sources and what every shard shares."""
    h = hashlib.sha256(f"{FORMAT}\0{plan_.base}\0{len(plan_.shards) > 1}\0{strict}\0{preview}\0{department}\0".encode("utf-8", "surrogateescape"))
    _hash_sources(h, files, root, dates)
    return h.hexdigest()


def _hash_sources(h: Any, files: list[Path], root: Path, dates: dict[str, dt.date]) -> None:
    """Hash document files, the originals beside them and their change dates."""
    _hash_files(h, files, root)
    # The published originals beside the sources (``2024-budget.pdf``), which document pages offer for download.
    for _path, original in _with_originals(files):
        h.update(b"original\0")
        if original is not None:
            _hash_followed(h, [original.path], root)
    for path in files:
        name = path.relative_to(root).as_posix()
        h.update(f"{name}={dates.get(name, '')}\0".encode("utf-8", "surrogateescape"))


def units(shard: Shard, root: Path) -> dict[str, list[Path]] | None:
    """The shard's document files by department (every department of the shard, in order), or None when its
    departments cannot be rebuilt one by one: a file in no department's folder, or a department's folder inside another's."""
    mine = set(shard.departments)
    for dept in shard.departments:
        parts = dept.split("/")
        if any("/".join(parts[:i]) in mine for i in range(1, len(parts))):
            return None
    documents = root / "content" / "documents"
    out: dict[str, list[Path]] = {d: [] for d in shard.departments}
    for path in shard.files:
        owner = department_of(path.parent.relative_to(documents).as_posix() if path.parent != documents else "", mine)
        if not owner:
            return None
        out[owner].append(path)
    return out


def _previous(out: Path, plan_: Plan) -> tuple[dict[str, Any], dict[str, bytes]] | None:
    """The manifest and search parts of the shard's last build in ``out``, or None when there is none to take from."""
    try:
        manifest = _read_json(out / MANIFEST)
        if manifest.get("format") != FORMAT or manifest.get("base") != plan_.base or not isinstance(manifest.get("department_keys"), dict):
            return None
        parts = parts_by_department(out / SEARCH)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return manifest, parts


_SHARED: tuple[Path, bytes] | None = None
"""The settings, regions, glossary and departments of the project being built, read once for all its shards."""


@contextmanager
def shared_settings(root: Path) -> Iterator[None]:
    """Read what every shard shares once, for the shards built in the block (in this process or forked from it).

    At 3,780 departments, reading their files takes half a second, and a province
    has hundreds of shards. Each shard gets its own copy (unpickled, about a
    fifth of the time): a shard's check and build never see another's changes.
    """
    global _SHARED
    try:
        _SHARED = (root, pickle.dumps(load(root / "content", documents=False), protocol=pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        _SHARED = None  # something read cannot be copied this way: each shard reads the files itself, as it always could
    try:
        yield
    finally:
        _SHARED = None


_EARLY: Callable[[Path, dict[str, Any], dict[str, bytes]], None] | None = None
"""Told, by a shard built while it is set, its manifest as far as the documents' summaries and problems go (see :func:`telling_early`)."""


@contextmanager
def telling_early(tell: Callable[[Path, dict[str, Any], dict[str, bytes]], None]) -> Iterator[None]:
    """Shards built in the block tell ``tell(folder, manifest, csv)`` once their check passed and their documents are
    summarised, before their pages are rendered and built: ``manifest`` lacks only its ``pages`` and ``sources``,
    and ``csv`` is each of its documents' figures CSV (by address), as the finished shard will hold them.

    An assembly waiting for a one-document rebuild makes the site-wide pages meanwhile (at 10,000 documents, the
    edited department's pages, MkDocs over them and its search part take a second).
    """
    global _EARLY
    _EARLY = tell
    try:
        yield
    finally:
        _EARLY = None


def _csv_files(summaries: list[dict[str, Any]], docs: Path, out: Path, building: list[str]) -> dict[str, bytes]:
    """The figures CSV of each document summarised: a department built now has it in ``docs``, a kept one in ``out``."""
    from .data import document_csv

    made = set(building)
    return {
        e["url"]: ((docs if e["department_id"] in made else out / PAGES) / document_csv(e["url"])).read_bytes() for e in summaries
    }


_PLANNED: tuple[Plan, dict[str, dt.date]] | None = None
"""The plan and the documents' dates of the shards being built, for workers forked while it is set."""


@contextmanager
def planned(plan_: Plan, dates: dict[str, dt.date]) -> Iterator[None]:
    """Give the plan and dates to the workers forked in the block, instead of a copy with every shard's task.

    The plan lists every document of the site: at 100,000 documents, 4 MB pickled,
    0.1 s to write and 0.6 s to read back, for each of 620 shards; the git dates
    are as many again. A copy with each task made the shards' overhead grow with
    the square of the site.
    """
    global _PLANNED
    _PLANNED = (plan_, dates)
    try:
        yield
    finally:
        _PLANNED = None


def build_planned(root: Path, shard: Shard, out: Path, key: str, strict: bool, preview: bool = False) -> Report:
    """:func:`build_shard` in a worker forked inside :func:`planned`, with the plan and dates it inherited."""
    if _PLANNED is None:
        raise RuntimeError("build_planned runs in a worker forked inside planned()")
    plan_, dates = _PLANNED
    return build_shard(root, shard, plan_, out, key, strict, dates, preview)


def _load(root: Path, files: list[Path]) -> Content:
    """The settings, regions, glossary and departments, and the documents in ``files``."""
    shared = _SHARED
    content: Content = pickle.loads(shared[1]) if shared is not None and shared[0] == root else load(root / "content", documents=False)
    for path in files:
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

    Departments whose own inputs are unchanged since the build already in ``out``
    are taken from it; the others are checked and built. Nothing is written when
    the check finds errors (or warnings, with ``strict``). With ``preview``
    (``pubgen serve``), each page shows the problems of its file.
    """
    from .build import build as build_site
    from .data import document_csv, document_json, write_document_data
    from .derive import derive
    from .footer import footer_of
    from .load import source_name
    from .parallel import no_cyclic_gc
    from .render import PageWriter, prepare
    from .search import index_part, whole_names
    from .summaries import summarise, to_json as listed_json
    from .summary import summarize, to_json
    from .validate import validate

    by_unit = units(shard, root)
    unit_keys = {d: unit_key(d, files, plan_, root, dates, strict, preview) for d, files in (by_unit or {}).items()}
    previous = _previous(out, plan_) if by_unit is not None else None
    kept: set[str] = set()
    if previous is not None and by_unit is not None:
        kept = {d for d in shard.departments if previous[0]["department_keys"].get(d) == unit_keys[d]}
    owner = {path: d for d, files in (by_unit or {}).items() for path in files}
    fresh = [path for path in shard.files if owner.get(path) not in kept]
    with no_cyclic_gc():
        content = _load(root, fresh)
        report = validate(content)
    if previous is not None:
        # A kept department's problems are the ones its last check found: its checks read only its own documents.
        kept_files = {source_name(path, root) for path in shard.files if owner.get(path) in kept}
        report.extend(problems_of({"problems": [p for p in previous[0]["problems"] if p["file"] in kept_files]}))
    wrong = _misplaced(content, shard, len(plan_.shards) > 1)
    if wrong:
        raise BuildFailed("\n".join(wrong))
    if not (report.ok_strict() if strict else report.ok):
        return report
    assert content.site is not None
    sitemap = derive(content, dates)
    documents = sitemap.documents
    building = [d for d in shard.departments if d not in kept]
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    try:
        built = work / PAGES
        built.mkdir()
        summaries = []
        pages_dated: list[list[Any]] = []
        parts: dict[str, bytes] = {}  # each department's search part as JSON
        docs = work / "docs"
        listed: list[Any] = []
        if building or documents:
            docs.mkdir()
            prepare(documents, report.problems)
            # The documents' summaries first: an assembly waiting for them (:func:`telling_early`) goes on meanwhile.
            listed = [summarise(p) for p in documents]
            _, counts, rows = write_document_data(sitemap, documents, docs)
            for p, summary in zip(documents, listed):
                size_csv = (docs / document_csv(p.url)).stat().st_size
                size_json = (docs / document_json(p.url)).stat().st_size
                entry = to_json(summarize(p, counts[p.url], size_csv, size_json))
                entry["rows"] = rows[p.url]
                entry["listed"] = listed_json(summary)
                # What the entry holds, hashed once here: the assembly keys its pages by their documents' entries.
                entry["digest"] = _entry_digest(entry)
                summaries.append(entry)
        if previous is not None and kept:
            summaries += [e for e in previous[0]["documents"] if e["department_id"] in kept]
        manifest = {
            "format": FORMAT,
            "pubgen": __version__,
            "shard": shard.name,
            "key": key,
            "base": plan_.base,
            "limit": plan_.limit,
            "shards": len(plan_.shards),
            # Whether its check refused warnings too: an assembly asked to be strict takes no shard that was not.
            "strict": strict,
            "departments": list(shard.departments),
            "department_keys": unit_keys,
            "sources": {},
            "documents": summaries,
            "pages": pages_dated,
            "problems": [p.to_dict() for p in report.problems],
        }
        if _EARLY is not None:
            _EARLY(out, manifest, _csv_files(summaries, docs, out, building))
        if building or documents:
            pages = PageWriter(sitemap, root / "templates", docs, preview=report.sorted() if preview else None)
            pages.documents(documents, None)
            mine = set(building)
            pages.departments(listed, [d for d in sitemap.departments if d.id in mine])
            build_site(
                root / "mkdocs.yml",
                docs,
                work / "site",
                sitemap.site.title,
                strict=strict,
                site_url=sitemap.site.base_url,
                nav_stubs=True,
                linked_files=True,
                footer=footer_of(sitemap.site),
            )
            for dept in building:
                source = work / "site" / dept
                if source.is_dir():
                    (built / dept).parent.mkdir(parents=True, exist_ok=True)
                    os.rename(source, built / dept)
            # One part of the search index per department, so that a department can later be kept without the others.
            whole = whole_names(sitemap)
            grouped: dict[str, list[Any]] = {}
            for page in documents:
                grouped.setdefault(page.department_id, []).append(page)
            for dept, members in grouped.items():
                parts[dept] = part_bytes(part_json(index_part(members, docs, whole)))
            pages_dated += [[md, url, date.isoformat() if date else None] for md, url, date in pages.dated]
            shutil.rmtree(docs)
            shutil.rmtree(work / "site")
        # A kept department's files are the ones hashed last time (its key says so): their hashes are taken from there.
        old_sources: dict[str, str] = previous[0].get("sources", {}) if previous is not None else {}
        sources = source_hashes([path for path in shard.files if owner.get(path) not in kept], root)
        for path in shard.files:
            if owner.get(path) in kept:
                for name in _with_original(path.relative_to(root).as_posix(), old_sources):
                    sources[name] = old_sources[name]
        manifest["sources"] = sources
        if previous is not None and kept:
            old_manifest, old_parts = previous
            for dept in sorted(kept):
                if (out / PAGES / dept).is_dir():
                    (built / dept).parent.mkdir(parents=True, exist_ok=True)
                    link_tree(out / PAGES / dept, built / dept)
                if dept in old_parts:
                    parts[dept] = old_parts[dept]
            # A page's Markdown path lies in its department's folder, as a document's file does.
            pages_dated += [e for e in old_manifest["pages"] if department_of(e[0].rsplit("/", 1)[0], kept)]
        (work / KEY).write_text(key, encoding="utf-8")
        write_parts(work / SEARCH, parts)
        _write_json(work / MANIFEST, manifest)
        _replace(work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report


def _with_original(name: str, recorded: dict[str, str]) -> list[str]:
    """``name`` and, if ``recorded`` holds one, its original's name (``…/2024-budget.yml`` → ``…/2024-budget.pdf``)."""
    from .provenance import ORIGINAL_SUFFIXES

    stem = name.rsplit(".", 1)[0]
    found = [stem + s for lower in ORIGINAL_SUFFIXES for s in (lower, lower.upper()) if stem + s in recorded]
    return ([name] if name in recorded else []) + found


def link(source: str, target: str) -> None:
    """Link a built file into another tree (trees are replaced whole, never edited in place); copy across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def link_tree(source: Path, target: Path, skip: frozenset[str] = frozenset()) -> None:
    """Link every file under ``source`` into ``target`` (made as needed) but those named in ``skip`` (relative, with ``/``).

    ``shutil.copytree`` with :func:`link` does the same, but also copies each
    folder's times and modes, which no page depends on, at twice the cost: the
    assembly links tens of thousands of built pages into the site.
    """
    todo = [(os.fspath(source), os.fspath(target), "")]
    while todo:
        at, into, prefix = todo.pop()
        os.makedirs(into, exist_ok=True)
        with os.scandir(at) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    todo.append((entry.path, os.path.join(into, entry.name), name + "/"))
                elif name not in skip:
                    link(entry.path, os.path.join(into, entry.name))


def move_tree(source: Path, target: Path) -> None:
    """Move everything under ``source`` into ``target``: a folder ``target`` lacks is moved whole; a file replaces its namesake.

    Both lie in one build's staging folder, on one file system. The assembly links
    the shards' pages into a tree of their own while the site-wide pages are made,
    then moves that tree's department folders in beside the region pages.
    """
    todo = [(os.fspath(source), os.fspath(target))]
    while todo:
        at, into = todo.pop()
        os.makedirs(into, exist_ok=True)
        with os.scandir(at) as entries:
            for entry in entries:
                there = os.path.join(into, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    if os.path.lexists(there):
                        todo.append((entry.path, there))
                    else:
                        os.rename(entry.path, there)
                else:
                    os.replace(entry.path, there)


def _entry_digest(entry: dict[str, Any]) -> str:
    """The hash of a document's manifest entry: its summary, its list row, its figures' count and files' sizes."""
    text = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _write_json(path: Path, value: Any) -> None:
    path.write_bytes(json_bytes(value))


def _read_json(path: Path) -> Any:
    return json_value(path.read_bytes())


def parts_by_department(path: Path) -> dict[str, bytes]:
    """A shard's search parts file (:data:`SEARCH`), each department's part as the JSON it was written as.

    The file has a line per department: its id as JSON, a tab, its part as JSON (neither
    holds a raw tab or line break). A department kept from the last build keeps its line
    as it was read, and the search index's update compares parts as bytes, parsing only
    the ones that changed.
    """
    out: dict[str, bytes] = {}
    for line in path.read_bytes().split(b"\n"):
        if line:
            dept, tab, part = line.partition(b"\t")
            if not tab:
                raise ValueError(f"{path}: a line without its department")
            out[json_value(dept)] = part
    return out


def write_parts(path: Path, parts: dict[str, bytes]) -> None:
    """Write a shard's search parts file (:data:`SEARCH`): each department's part (JSON), by department id."""
    path.write_bytes(b"".join(json_bytes(dept) + b"\t" + parts[dept] + b"\n" for dept in sorted(parts)))


def part_bytes(part: Any) -> bytes:
    """One department's search part (JSON values) as :func:`write_parts` takes it."""
    return json_bytes(part)


def part_value(raw: bytes) -> Any:
    """One department's search part, as :func:`parts_by_department` gives it, as JSON values."""
    return json_value(raw)


def part_json(part: Any) -> dict[str, Any]:
    """A shard's part of the search index (:class:`pubgen.search.Part`) as JSON."""
    return {
        "documents": [
            [list(d.order), d.title, d.url, d.year, d.kind, d.department_id, d.department, d.region, d.region_name, d.passages, d.scope]
            for d in part.documents
        ],
        "postings": {t: [list(gaps), list(weights)] for t, (gaps, weights) in part.postings.items()},
        "words": dict(part.words),
    }


def read_parts(folder: Path) -> list[Any]:
    """A shard's parts of the search index (one per department), read back."""
    from collections import Counter

    from .search import IndexedDocument, Part

    out = []
    for raw in parts_by_department(folder / SEARCH).values():
        data = part_value(raw)
        documents = [
            IndexedDocument(tuple(order), title, url, year, kind, dept_id, dept, region, region_name, passages, scope)
            for order, title, url, year, kind, dept_id, dept, region, region_name, passages, scope in data["documents"]
        ]
        # The lists as JSON gives them: the join reads them once.
        out.append(Part(documents, {token: (gaps, weights) for token, (gaps, weights) in data["postings"].items()}, Counter(data["words"])))
    return out


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


def read_manifest(folder: Path, cached: bool = False) -> dict[str, Any]:
    """A shard's manifest, or a message saying what the folder lacks; ``cached``: a shard of the build cache
    (``pubgen build``), not a folder of ``pubgen build --shard``."""
    from .errors import os_cause

    try:
        data: dict[str, Any] = _read_json(folder / MANIFEST)
    except (OSError, ValueError) as exc:
        why = f"读不到 {MANIFEST}：{os_cause(exc)}" if isinstance(exc, OSError) else f"{MANIFEST} 已损坏"
        if cached:
            raise BuildFailed(
                f"构建缓存中的分片 {folder} 在构建过程中不见了或被改动了（{why}），可能有别的程序删除了 .pubgen-cache/。"
                "没有发布，已发布的网站保持不变。请重新运行 pubgen build。"
            ) from None
        raise BuildFailed(f"{folder} 不是完整的分片输出（{why}）。请重新运行 pubgen build --shard，把分片写进这个文件夹。") from None
    if data.get("format") != FORMAT:
        raise BuildFailed(f"{folder} 由另一版本的 pubgen 生成，无法合并。请用同一版本重新构建全部分片。")
    return data


def problems_of(manifest: dict[str, Any]) -> list[Problem]:
    """The problems a shard's check found."""
    out = []
    for p in manifest["problems"]:
        out.append(Problem(**{**p, "severity": Severity(p["severity"])}))
    return out


__all__ = ["Plan", "plan", "shard_key", "unit_key", "units", "build_shard", "read_manifest", "read_parts", "link", "problems_of", "MANIFEST", "SEARCH", "PAGES"]


def cached(folder: Path, key: str) -> bool:
    """Whether ``folder`` holds a shard built from exactly these inputs."""
    try:
        return (folder / KEY).read_text(encoding="utf-8") == key and (folder / MANIFEST).is_file()
    except OSError:
        return False
