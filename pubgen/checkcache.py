"""Checking again only what a change can affect: problems kept in a cache keyed by the content of the files they come from.

Every problem of a document comes from the document itself or from the other
documents of its department (the comparisons across documents, years, units
and addresses), and from a few facts of the site: its money unit and which
departments exist. So the documents are checked a folder at a time (the
documented layout keeps a department's documents in one folder), and folders
whose documents name the same department are checked together. A group's
problems are kept under a key made of:

- a fingerprint of pubgen itself (its version, every file of the package —
  code and the table definitions the rules read — and the versions of Python,
  pydantic and PyYAML);
- the name and a SHA-256 of the bytes of every document in the group;
- the site's money unit, the departments' names (a figure the text gives to the
  department's own name is the document's; renaming a department, which is rare,
  checks everything again), and for each department the documents name whether it
  exists (and, when one does not, every department id, which the message's
  suggestion is chosen from).

The site files (site.yml, regions.yml, glossary.yml, the department files) are
checked together, under a key made of the same fingerprint and all their bytes.

When a group must be checked again, its documents whose bytes have not changed
are still read (the comparisons across documents need them), but what their own
checks (``pubgen.checks.DOCUMENT_CHECKS``, which read one document alone) found is
taken from the group's last line: one changed document in a department of thirty
runs one document's checks, not thirty. A line keeps those problems only for the
files where they differ from the file's reported problems (before acknowledgements,
or without its reading problems and the comparisons'), and a file's are taken only
when its hash is the one the last run recorded for it and the site's money unit
(which a document or table that names none is in) and the departments' names are
the last run's.

A file's SHA-256 is recomputed only when its size, modification time, change
time or inode differ from the last run, or when it changed within
``RACY_NS`` of that run's start (git's "racy clean" rule): the key is always the
content, the file's metadata only tells which files must be read again.

The cache lives in ``.pubgen-cache/check/`` of the project, as one file of
JSON lines (never pickle: a cache file is data, never code): a first line with
the stamps, the site facts, each folder's departments and group, then a line per
group, ``KEY<TAB>JSON``. A group's line is decoded only when its problems are reported
and written back unchanged when they were not checked again, so one changed
document costs one group's JSON, not every group's. A missing, damaged or
foreign cache file is ignored (a damaged group line is checked again); a cache
that cannot be written leaves the check as it is. ``pubgen check --no-cache``
does without it.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import platform
import stat
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from . import __version__
from . import model as m
from .files import MAX_BYTES
from .jsonfile import json_bytes, json_value
from .load import Content, load, parse_file, source_name, type_cells, yaml_file_names, yaml_files
from .parallel import PARALLEL_FROM, check_content, die_with_parent, no_cyclic_gc, workers
from .problems import Problem, Report, Severity
from .checks.base import department_names
from .checks import SITE_CHECKS
from .checks.references import file_name_collisions, original_problems
from .validate import validate

CACHE_FOLDER = ".pubgen-cache"
"""pubgen's caches in a project (the check's and the build's), never committed."""
CHECK_CACHE = "check"
INDEX_NAME = "index.jsonl"
FORMAT = 5
"""Changes whenever the layout of the index file changes."""
RACY_NS = 2_000_000_000
"""A file changed this close to (or after) the start of the run that recorded it is read again, whatever its metadata says.

Two seconds covers the coarsest timestamps of common file systems (FAT's two seconds)."""

_GITIGNORE = "# pubgen 的缓存：可以随时删除，不要提交。\n*\n"

_BASE: Content | None = None
"""The site files, loaded before the workers fork."""


# --------------------------------------------------------------------------- keys


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def fingerprint() -> str:
    """What every cached result depends on besides the content: pubgen's code and rule data, and the libraries that read YAML."""
    import pydantic
    import yaml

    h = hashlib.sha256()
    h.update(f"{FORMAT}|{__version__}|{platform.python_version()}|{pydantic.VERSION}|{yaml.__version__}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        h.update(path.relative_to(package).as_posix().encode("utf-8", "surrogatepass") + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


@dataclass(slots=True)
class Stamp:
    """What a file looked like when its content was last hashed."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    sha: str

    def to_json(self) -> list[Any]:
        return [self.size, self.mtime_ns, self.ctime_ns, self.ino, self.sha]


VOLATILE = ""
"""The hash of a file that cannot be cached (a link, a special file, an unreadable or oversized file): checked afresh every time."""


def _hash_file(path: str | Path, st: os.stat_result) -> str:
    """SHA-256 of a regular file's bytes, read without following links or blocking on a pipe; VOLATILE if it cannot be read as such."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return VOLATILE
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or opened.st_ino != st.st_ino:
            return VOLATILE
        h = hashlib.sha256()
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            h.update(chunk)
        return h.hexdigest()
    except OSError:
        return VOLATILE
    finally:
        os.close(fd)


class Hasher:
    """The content hash of each file, from the last run's stamps where the file's metadata proves it unchanged."""

    def __init__(self, old: dict[str, list[Any]], old_started: int, started: int) -> None:
        self._old = old
        self._old_started = old_started
        self.started = started
        self.stamps: dict[str, Stamp] = {}

    def sha(self, path: str | Path) -> str:
        key = os.fspath(path)
        try:
            st = os.lstat(path)
        except OSError:
            return VOLATILE
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
            return VOLATILE
        old = self._old.get(key)
        if (
            old is not None
            and old[0] == st.st_size
            and old[1] == st.st_mtime_ns
            and old[2] == st.st_ctime_ns
            and old[3] == st.st_ino
            and max(st.st_mtime_ns, st.st_ctime_ns) < self._old_started - RACY_NS
        ):
            sha = str(old[4])
        else:
            sha = _hash_file(path, st)
            if sha == VOLATILE:
                return VOLATILE
        self.stamps[key] = Stamp(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, sha)
        return sha

    def unchanged(self, paths: Iterable[str | Path]) -> bool:
        """Whether every file still looks as it did when hashed: one changed while being checked is not kept."""
        for path in paths:
            stamp = self.stamps.get(os.fspath(path))
            try:
                st = os.lstat(path)
            except OSError:
                return False
            if stamp is None or (stamp.size, stamp.mtime_ns, stamp.ctime_ns, stamp.ino) != (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino):
                return False
        return True


# --------------------------------------------------------------------------- the index file


def _problem_to_json(p: Problem) -> list[Any]:
    return [p.code, p.message, p.file, p.line, p.column, p.severity.value, p.field, p.stated, p.computed, p.acknowledged]


def _problem_from_json(row: Any) -> Problem:
    if not isinstance(row, list) or len(row) != 10:
        raise ValueError("problem")
    code, message, file, line, column, severity, fld, stated, computed, acknowledged = row
    for text in (code, message, file, fld):
        if not isinstance(text, str):
            raise ValueError("problem text")
    for number in (line, column):
        if not isinstance(number, int) or isinstance(number, bool):
            raise ValueError("problem place")
    for optional in (stated, computed, acknowledged):
        if optional is not None and not isinstance(optional, str):
            raise ValueError("problem figure")
    return Problem(code, message, file, line, column, Severity(severity), fld, stated, computed, acknowledged)


@dataclass(slots=True)
class BaseFacts:
    """What documents' problems need to know of the site files, and the site files' own problems."""

    problems: list[Problem]
    unit: str
    departments: dict[str, str]
    """Department id → the file that defines it (the first, when two do)."""
    misplaced: list[str]
    """Slugs of departments whose region does not exist, then ``unread:<id>`` for each department id a department file
    that could not be read may hold: whether a document's unknown department is reported depends on both."""
    names: str = ""
    """A digest of the departments' names: documents' own checks read their department's (see :func:`own_reads`)."""

    def own_reads(self) -> str:
        """All that documents' own checks read beyond their file: the site's unit and the departments' names."""
        return f"{self.unit}\t{self.names}"

    def to_json(self) -> dict[str, Any]:
        return {
            "problems": [_problem_to_json(p) for p in self.problems],
            "unit": self.unit,
            "departments": self.departments,
            "misplaced": self.misplaced,
            "names": self.names,
        }

    @classmethod
    def from_json(cls, data: Any) -> BaseFacts:
        if not isinstance(data, dict):
            raise ValueError("base")
        departments = data["departments"]
        misplaced = data["misplaced"]
        unit = data["unit"]
        if not isinstance(unit, str) or not isinstance(departments, dict) or not isinstance(misplaced, list):
            raise ValueError("base facts")
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in departments.items()):
            raise ValueError("base departments")
        if not all(isinstance(s, str) for s in misplaced):
            raise ValueError("base misplaced")
        names = data["names"]
        if not isinstance(names, str):
            raise ValueError("base names")
        return cls([_problem_from_json(r) for r in data["problems"]], unit, departments, misplaced, names)


@dataclass(slots=True)
class Index:
    """The cache file: stamps of files, facts of the site files, departments of each folder, problems of each group."""

    started: int = 0
    """When the run that wrote it started (ns since the epoch): stamps changed after this are not trusted."""
    stamps: dict[str, list[Any]] = field(default_factory=dict)
    base: dict[str, BaseFacts] = field(default_factory=dict)
    folders: dict[str, list[str]] = field(default_factory=dict)
    """Folder key → the departments its documents name."""
    groups: dict[str, dict[str, list[Problem]]] = field(default_factory=dict)
    """Group key → problems by file name (the groups decoded or checked in this run)."""
    lines: dict[str, bytes] = field(default_factory=dict)
    """Group key → its line of the file as read or written: the same problems, still encoded."""
    own: dict[str, dict[str, list[Problem]]] = field(default_factory=dict)
    """Group key → the problems of its documents' own checks, by file name, where they differ from the file's problems."""
    members: dict[str, str] = field(default_factory=dict)
    """Folder name → the key of the group it belongs to."""
    unit: str = ""
    """What documents' own checks read beyond their file in the run that wrote it (:meth:`BaseFacts.own_reads`)."""

    def problems_of(self, key: str) -> dict[str, list[Problem]] | None:
        """A group's problems by file name; None when the file has no such group or its line is damaged."""
        problems = self.groups.get(key)
        if problems is not None:
            return problems
        line = self.lines.get(key)
        if line is None:
            return None
        try:
            data = json_value(line)
            if not isinstance(data, list) or len(data) != 2 or not isinstance(data[0], dict) or not isinstance(data[1], dict):
                return None
            files, own = data
            problems = {str(name): [_problem_from_json(r) for r in rows] for name, rows in files.items()}
            self.own[key] = {str(name): [_problem_from_json(r) for r in rows] for name, rows in own.items()}
        except (ValueError, TypeError, RecursionError):
            return None
        self.groups[key] = problems
        return problems

    def own_problems(self, folder: str, names: Iterable[str]) -> dict[str, list[Problem]]:
        """The own checks' problems, by file name, of those of ``names`` that the group of ``folder`` held when this index was written."""
        key = self.members.get(folder)
        problems = self.problems_of(key) if key is not None else None
        if key is None or problems is None:
            return {}
        own = self.own[key]
        # A file whose own checks found what its page reports is not written out twice.
        return {name: own[name] if name in own else problems[name] for name in names if name in problems}

    def keep(self, key: str, problems: dict[str, list[Problem]], old: Index, own: dict[str, list[Problem]] | None = None) -> None:
        """Keep a group's problems in this index, with the old index's line for them when they came from it.

        ``own`` gives, for a group checked in this run, the problems of its documents' own checks.
        """
        self.groups[key] = problems
        line = old.lines.get(key)
        if line is not None and old.groups.get(key) is problems:
            self.lines[key] = line
        elif own is not None:
            self.own[key] = {name: rows for name, rows in own.items() if name in problems and rows != problems[name]}


def valid_stamps(stamps: Any) -> bool:
    """Whether ``stamps`` read back from a file are what :class:`Hasher` records: path → size, times, inode and hash."""
    return isinstance(stamps, dict) and all(
        isinstance(row, list) and len(row) == 5 and all(isinstance(v, int) for v in row[:4]) and isinstance(row[4], str) for row in stamps.values()
    )


def read_index(path: Path, fp: str) -> Index:
    """The cache file at ``path`` if it was written by this same pubgen; an empty index otherwise."""
    try:
        head, *rest = path.read_bytes().split(b"\n")
        data = json_value(head)
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("fingerprint") != fp:
            return Index()
        started = data["started"]
        stamps = data["stamps"]
        if not isinstance(started, int) or not valid_stamps(stamps):
            return Index()
        base = {str(k): BaseFacts.from_json(v) for k, v in data["base"].items()}
        folders: dict[str, list[str]] = {}
        for k, v in data["folders"].items():
            if not isinstance(v, list) or not all(isinstance(d, str) for d in v):
                return Index()
            folders[str(k)] = v
        members = data["members"]
        unit = data["unit"]
        if not isinstance(members, dict) or not all(isinstance(v, str) for v in members.values()) or not isinstance(unit, str):
            return Index()
        lines: dict[str, bytes] = {}
        for line in rest:
            key, tab, text = line.partition(b"\t")
            if tab:
                lines[key.decode("ascii")] = text
        return Index(started, stamps, base, folders, {}, lines, {}, members, unit)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        # Missing, damaged or written by something else: the check runs as if there were none.
        return Index()


def write_index(folder: Path, fp: str, index: Index) -> str | None:
    """Write the cache file atomically; a message for the editor if it could not be written."""
    head = {
        "format": FORMAT,
        "fingerprint": fp,
        "started": index.started,
        "stamps": index.stamps,
        "base": {k: v.to_json() for k, v in index.base.items()},
        "folders": index.folders,
        "members": index.members,
        "unit": index.unit,
    }
    # JSON escapes every line break and tab inside text, so each value stays on its line; a file name that is
    # not UTF-8 (lone surrogates) is written as it is and read back as it was (see pubgen.jsonfile).
    parts = [json_bytes(head)]
    for key, files in index.groups.items():
        line = index.lines.get(key)
        if line is None:
            own = index.own.get(key, {})
            line = json_bytes([{name: [_problem_to_json(p) for p in rows] for name, rows in group.items()} for group in (files, own)])
        parts.append(key.encode("ascii") + b"\t" + line)
    target = folder / INDEX_NAME
    temporary = folder / f".{INDEX_NAME}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder.parent / ".gitignore"
        if folder.parent.name == CACHE_FOLDER and not os.path.lexists(ignore):
            ignore.write_text(_GITIGNORE, encoding="utf-8")
        temporary.write_bytes(b"\n".join(parts) + b"\n")
        os.replace(temporary, target)
    except OSError as exc:
        try:
            temporary.unlink()
        except OSError:
            pass
        return f"检查缓存无法写入 {target}（{exc.strerror or exc}）：本次检查结果不受影响，下次检查不会因缓存而加快。"
    return None


# --------------------------------------------------------------------------- checking groups of folders


def _base_facts(base: Content) -> BaseFacts:
    """The site files' own problems (as a whole check reports them) and the facts documents' checks read."""
    problems = list(base.problems)
    for whole in SITE_CHECKS:
        problems.extend(whole(base))
    misplaced = sorted({d.record.slug for d in base.departments.values() if d.record.region not in base.regions})
    misplaced += sorted(f"unread:{key}" for key in base.unread_departments)  # a document naming one is not told to create it
    unit = base.site.unit if base.site else "万元"
    names = _digest(*(f"{k}\t{'|'.join(department_names(v.record))}" for k, v in sorted(base.departments.items())))
    return BaseFacts(problems, unit, {k: v.source.name for k, v in base.departments.items()}, misplaced, names)


def _parse_folders(root: Path, folders: list[list[Path]]) -> Content:
    """The documents of ``folders`` read into a content of their own (their reading problems in its ``problems``)."""
    content = Content(root=root)
    folder = root.parent
    for paths in folders:
        for path in paths:
            loaded = parse_file(content, path, folder, m.Document)
            if loaded:
                type_cells(loaded.record, loaded.source, content.problems)
                content.documents.append(loaded)
    return content


@dataclass(slots=True)
class Checked:
    """Problems of some folders' files, and the departments each folder's documents name."""

    departments: dict[str, list[str]]
    """Folder name → departments its documents name, sorted."""
    problems: dict[str, list[Problem]]
    """File name → its problems, in the order a whole check reports them."""
    own: dict[str, list[Problem]]
    """File name → the problems of its document's own checks, before acknowledgements (documents that were read)."""
    reused: set[str]
    """Files whose own checks' problems were taken from ``known`` instead of found again."""


def _check_folders(
    root: Path, folders: list[list[Path]], base_for: Callable[[set[str]], Content], known: dict[str, list[Problem]] | None = None
) -> Checked:
    """Check the documents of ``folders`` with the site files ``base_for`` gives for the departments they name.

    ``known`` gives the own checks' problems of documents whose bytes are unchanged since they were found.
    """
    docs = _parse_folders(root, folders)
    named = {loaded.record.department for loaded in docs.documents}
    # department: 安远县农业农村局 is told the department so named: read again beside all departments (no id is "").
    misnamed = {p.file for p in docs.problems if p.code == "wrong-type" and p.field == "department"}
    base = base_for(named | {""} if misnamed else named)
    if misnamed:
        again = Content(root=root, departments=base.departments, folders_checked=docs.folders_checked)
        for path in (p for paths in folders for p in paths if source_name(p, root.parent) in misnamed):
            parse_file(again, path, root.parent, m.Document)
        docs.problems = [p for p in docs.problems if p.file not in misnamed] + again.problems
    content = Content(
        root=root,
        site=base.site,
        regions=base.regions,
        glossary=base.glossary,
        glossary_source=base.glossary_source,
        departments=base.departments,
        unread_departments=base.unread_departments,
        regions_unread=base.regions_unread,
        documents=docs.documents,
        problems=docs.problems,
        folders_checked=docs.folders_checked,
    )
    parent = root.parent
    names = [source_name(p, parent) for paths in folders for p in paths]
    problems: dict[str, list[Problem]] = {name: [] for name in names}
    own: dict[str, list[Problem]] = {}
    for p in validate(content, known, own, names_checked_apart=True).problems:
        if p.file in problems:
            problems[p.file].append(p)
    departments: dict[str, set[str]] = {source_name(paths[0].parent, parent): set() for paths in folders if paths}
    for loaded in docs.documents:
        departments[source_name(loaded.source.path.parent, parent)].add(loaded.record.department)
    return Checked({k: sorted(v) for k, v in departments.items()}, problems, own, set(known).intersection(own) if known else set())


def _check_chunk(job: tuple[Path, list[list[Path]], dict[str, list[Problem]]]) -> Checked:
    """In a worker: check one chunk of folders with the site files loaded before the fork."""
    gc.disable()
    base = _BASE
    assert base is not None
    root, folders, known = job
    return _check_folders(root, folders, lambda named: base, known)


class _Sites:
    """The site files for checking documents: all of them, or only those the checked documents need."""

    def __init__(self, root: Path, facts: BaseFacts | None, full: Content | None) -> None:
        self.root = root
        self.facts = facts
        self.full = full

    def for_departments(self, named: set[str]) -> Content:
        if self.full is not None:
            return self.full
        assert self.facts is not None
        known = self.facts.departments
        if any(d not in known for d in named):
            # An unknown department's message suggests the closest of all of them.
            self.full = load(self.root, documents=False)
            return self.full
        parent = self.root.parent
        return load(self.root, documents=False, department_files=sorted(parent / known[d] for d in named))


class _Groups:
    """Folders joined when their documents name the same department (union–find)."""

    def __init__(self, folders: Iterable[str]) -> None:
        self.parent = {f: f for f in folders}

    def find(self, f: str) -> str:
        while self.parent[f] != f:
            self.parent[f] = self.parent[self.parent[f]]
            f = self.parent[f]
        return f

    def join(self, by_department: dict[str, list[str]]) -> dict[str, list[str]]:
        for folders in by_department.values():
            for other in folders[1:]:
                a, b = self.find(folders[0]), self.find(other)
                if a != b:
                    self.parent[max(a, b)] = min(a, b)
        out: dict[str, list[str]] = {}
        for f in sorted(self.parent):
            out.setdefault(self.find(f), []).append(f)
        return out


def _environment(facts: BaseFacts, named: Iterable[str]) -> str:
    """What a group's problems read of the site files: the unit, the departments' names, and whether each named department exists.

    The names are read by every document's own checks (a figure given to the department's
    own name is the document's): renaming a department, which is rare, checks everything again.
    """
    parts = [facts.unit, facts.names]
    unknown = False
    for d in sorted(named):
        exists = d in facts.departments
        unknown = unknown or not exists
        parts.append(f"{d}={int(exists)}")
    if unknown:
        parts.append(_digest(*sorted(facts.departments), "|", *facts.misplaced))
    return _digest(*parts)


class _Paths:
    """Each folder's documents as Path objects, made only for the folders that are read again."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.names = names
        self._paths: dict[str, list[Path]] = {}

    def __len__(self) -> int:
        return len(self.names)

    def __getitem__(self, folder: str) -> list[Path]:
        paths = self._paths.get(folder)
        if paths is None:
            paths = self._paths[folder] = [Path(p) for p in self.names[folder]]
        return paths


# --------------------------------------------------------------------------- the cached check


@dataclass(slots=True)
class CachedCheck:
    """A check's report and what the cache did."""

    report: Report
    folders: int = 0
    rechecked: int = 0
    """Folders whose documents were read and checked again."""
    note: str | None = None
    """A message for the editor when the cache could not be written."""


def check_cached(content_root: Path, cache_dir: Path) -> CachedCheck:
    """Check ``content_root`` like :func:`pubgen.parallel.check_content`, reusing the problems of unchanged groups from ``cache_dir``."""
    documents_root = content_root / "documents"
    if not content_root.is_dir() or content_root.is_symlink() or documents_root.is_symlink():
        return CachedCheck(check_content(content_root))  # reported by reading, not worth keeping
    with no_cyclic_gc():
        return _check(content_root, cache_dir)


def _check(root: Path, cache_dir: Path) -> CachedCheck:
    global _BASE
    started = time.time_ns()
    fp = fingerprint()
    old = read_index(cache_dir / INDEX_NAME, fp)
    hasher = Hasher(old.stamps, old.started, started)
    new = Index(started=started)
    parent = root.parent

    # The site files: their problems and facts, cached under all of their bytes.
    site_files = [root / n for n in ("site.yml", "regions.yml", "glossary.yml") if os.path.lexists(root / n)]
    site_files += yaml_files(root / "departments")
    site_hashes = [hasher.sha(p) for p in site_files]
    base_key = _digest(fp, "site", *(f"{source_name(p, parent)}:{h}" for p, h in zip(site_files, site_hashes)))
    if VOLATILE in site_hashes:
        base_key = ""
    full: Content | None = None
    facts = old.base.get(base_key) if base_key else None
    if facts is None:
        full = load(root, documents=False)
        facts = _base_facts(full)
    if base_key:
        new.base[base_key] = facts
    new.unit = facts.own_reads()

    # The documents, by folder.
    # Path strings, not Path objects: 10,000 files are listed and grouped at every check.
    names_by_folder: dict[str, list[str]] = {}
    prefix = os.path.join(os.fspath(parent), "")
    for path in yaml_file_names(root / "documents"):
        folder = os.path.dirname(path)
        name = folder[len(prefix) :] if os.sep == "/" and folder.startswith(prefix) else source_name(Path(folder), parent)
        names_by_folder.setdefault(name, []).append(path)
    folder_keys: dict[str, str] = {}
    for name, paths in names_by_folder.items():
        hashes = [hasher.sha(p) for p in paths]
        folder_keys[name] = "" if VOLATILE in hashes else _digest(fp, "folder", name, *(f"{os.path.basename(p)}:{h}" for p, h in zip(paths, hashes)))
    by_folder = _Paths(names_by_folder)

    def known_for(folders: Iterable[str]) -> dict[str, list[Problem]]:
        """The own checks' problems the last run found in documents of ``folders`` whose bytes have not changed since."""
        known: dict[str, list[Problem]] = {}
        if old.unit != facts.own_reads():
            return known  # the site's unit or a department's name changed: the documents' own checks read them
        for f in folders:
            unchanged = []
            for path in names_by_folder[f]:
                was, now = old.stamps.get(path), hasher.stamps.get(path)
                if was is not None and now is not None and was[4] == now.sha:
                    unchanged.append(source_name(Path(path), parent))
            known.update(old.own_problems(f, unchanged))
        return known

    named: dict[str, list[str]] = {}
    dirty: list[str] = []
    for name, key in folder_keys.items():
        known = old.folders.get(key) if key else None
        if known is None:
            dirty.append(name)
        else:
            named[name] = known

    # Folders that changed are checked now, on every core when there are many.
    sites = _Sites(root, facts, full)
    checked: dict[str, Checked] = {}
    """Folder → the check it was part of (a chunk of folders checked together)."""
    dirty_files = sum(len(by_folder[f]) for f in dirty)
    if dirty_files >= PARALLEL_FROM and workers() > 1 and "fork" in multiprocessing.get_all_start_methods():
        _BASE = sites.full if sites.full is not None else load(root, documents=False)
        sites.full = _BASE
        try:
            for chunk, result in _in_chunks(root, [(f, by_folder[f], known_for([f])) for f in dirty], workers()):
                for f in chunk:
                    checked[f] = result
        finally:
            _BASE = None
    elif dirty:
        result = _check_folders(root, [by_folder[f] for f in dirty], sites.for_departments, known_for(dirty))
        for f in dirty:
            checked[f] = result
    for f in dirty:
        named[f] = checked[f].departments.get(f, [])
    rechecked = set(dirty)

    # Folders naming the same department are one group; a group's problems are kept under all its inputs.
    by_department: dict[str, list[str]] = {}
    for f in sorted(named):
        for d in named[f]:
            by_department.setdefault(d, []).append(f)
    report = Report()
    report.extend(facts.problems)
    report.extend(
        file_name_collisions(
            [source_name(p, parent) for p in site_files]
            + [p[len(prefix) :] if os.sep == "/" and p.startswith(prefix) else source_name(Path(p), parent) for ps in names_by_folder.values() for p in ps]
        )
    )
    report.extend(original_problems(root))  # no YAML file's bytes say where the originals are: listed at every check
    for members in _Groups(named).join(by_department).values():
        keys = [folder_keys[f] for f in members]
        departments = sorted({d for f in members for d in named[f]})
        group_key = "" if "" in keys else _digest(fp, "group", _environment(facts, departments), *keys)
        problems = old.problems_of(group_key) if group_key else None
        own: dict[str, list[Problem]] | None = None
        if problems is None:
            runs = {id(checked[f]) for f in members if f in checked}
            if len(runs) == 1 and all(f in checked for f in members):
                result = checked[members[0]]
            else:
                # Folders checked apart (or not at all) that turn out to share a department: checked together now.
                result = _check_folders(root, [by_folder[f] for f in members], sites.for_departments, known_for(members))
                rechecked.update(members)
            member_paths = [p for f in members for p in by_folder[f]]
            if group_key and not hasher.unchanged(member_paths):
                group_key = ""  # a file changed while it was being checked: not kept, checked afresh next time
            reused = [p for p in member_paths if source_name(p, parent) in result.reused] if result.reused else []
            if reused and not hasher.unchanged(reused):
                # The problems kept for a file were found in the bytes it had when it was hashed; it changed since,
                # so the group is checked again now without them.
                group_key = ""
                result = _check_folders(root, [by_folder[f] for f in members], sites.for_departments)
            problems = {source_name(p, parent): result.problems.get(source_name(p, parent), []) for f in members for p in by_folder[f]}
            own = result.own
        if group_key:
            new.keep(group_key, problems, old, own)
            for f in members:
                new.folders[folder_keys[f]] = named[f]
                new.members[f] = group_key
        for name in sorted(problems):
            report.extend(problems[name])

    new.stamps = {k: v.to_json() for k, v in hasher.stamps.items()}
    note = None
    if rechecked or old.base.keys() != new.base.keys() or old.stamps != new.stamps or old.lines.keys() != new.groups.keys():
        note = write_index(cache_dir, fp, new)
    return CachedCheck(report, len(by_folder), len(rechecked), note)


def _in_chunks(
    root: Path, folders: list[tuple[str, list[Path], dict[str, list[Problem]]]], n: int
) -> Iterable[tuple[list[str], Checked]]:
    """Folders checked a chunk at a time on ``n`` processes: each chunk's folder names with its result."""
    total = sum(len(paths) for _, paths, _ in folders)
    size = max(50, total // (n * 8))
    chunks: list[list[tuple[str, list[Path], dict[str, list[Problem]]]]] = [[]]
    count = 0
    for item in folders:
        if count >= size:
            chunks.append([])
            count = 0
        chunks[-1].append(item)
        count += len(item[1])
    with ProcessPoolExecutor(
        n, mp_context=multiprocessing.get_context("fork"), initializer=die_with_parent, initargs=(os.getpid(), "pubgen-check")
    ) as pool:
        jobs = [(root, [paths for _, paths, _ in chunk], {k: v for _, _, known in chunk for k, v in known.items()}) for chunk in chunks]
        for chunk, result in zip(chunks, pool.map(_check_chunk, jobs)):
            yield [name for name, _, _ in chunk], result


def cache_folder(project_root: Path) -> Path:
    """Where a project's check cache lives."""
    return project_root / CACHE_FOLDER / CHECK_CACHE
