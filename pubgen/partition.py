"""Which shard builds which pages: the site split into parts of bounded size, by region.

The rule (documented in docs/performance.md, "分片构建"):

* The unit is a department with all its documents: a department's pages and its
  documents' pages are built together, because a document shows its department's
  other documents and compares itself with them. A document belongs to the
  department whose folder holds it (``content/documents/<department id>/``).
* Regions are walked from the top, each region's own departments before the
  regions below it. A region whose documents, its
  own and those of every region below it, number at most ``limit`` is one
  shard. A larger region's own departments are split into runs, each ending at
  a department whose id hashes to a multiple of :data:`CUT` or before a
  department that would take the run past ``limit``; then each region below it
  is placed the same way.
* A shard is named by what it holds (a region, or a region's departments
  from one of them): adding a
  document leaves every other shard as it is, unless its region grows past
  ``limit`` (the region's shard splits) or its run past ``limit``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Container

from .search import fnv1a

SHARD_DOCUMENTS = 400
"""Documents per shard at most (unless one department holds more): bounds a shard's memory and time."""

CUT = 8
"""A run of a large region's own departments ends at a department whose id's hash is a multiple of this."""


@dataclass(frozen=True, slots=True)
class Shard:
    """Departments built together, with the document files they hold."""

    name: str
    """What it holds: ``hebei/xingtai`` (a region with all below it), ``hebei/xingtai:caizhengju`` (a run of a
    region's own departments, from that one), or ``/`` (the whole site)."""
    departments: tuple[str, ...]
    files: tuple[Path, ...]
    """The document files, sorted."""

    @property
    def folder(self) -> str:
        """A file name for the shard's output: the same for the same name on every machine."""
        return "shard-" + hashlib.sha256(self.name.encode("utf-8")).hexdigest()[:16]


def _key(department_id: str, region: str) -> tuple[tuple[str, ...], str]:
    return (tuple(region.split("/")), department_id)


def partition(departments: dict[str, str], files: dict[str, list[Path]], limit: int = SHARD_DOCUMENTS) -> list[Shard]:
    """Split the site into shards, in site order.

    ``departments`` maps each department id to its region path; ``files`` the
    department ids to their document files. Files in folders of no known
    department go to the first shard, whose build reports them.
    """
    regions: set[str] = set()
    own: dict[str, list[str]] = {}
    for dept_id, region in departments.items():
        own.setdefault(region, []).append(dept_id)
        parts = region.split("/")
        regions.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    children: dict[str, list[str]] = {}
    for region in regions:
        parent = region.rsplit("/", 1)[0] if "/" in region else ""
        children.setdefault(parent, []).append(region)
    count = {d: len(files.get(d, [])) for d in departments}
    subtree: dict[str, int] = {}

    def total(region: str) -> int:
        if region not in subtree:
            subtree[region] = sum(count[d] for d in own.get(region, [])) + sum(total(c) for c in children.get(region, []))
        return subtree[region]

    def below(region: str) -> list[str]:
        found = list(own.get(region, []))
        for child in children.get(region, []):
            found += below(child)
        return found

    shards: list[tuple[str, list[str]]] = []

    def place(region: str) -> None:
        if total(region) <= limit:
            members = below(region)
            if members:
                shards.append((region or "/", members))
            return
        run: list[str] = []
        size = 0
        for dept_id in sorted(own.get(region, [])):
            if run and size + count[dept_id] > limit:
                shards.append((f"{region}:{run[0].rsplit('/', 1)[-1]}", run))
                run, size = [], 0
            run.append(dept_id)
            size += count[dept_id]
            if fnv1a(dept_id) % CUT == 0:
                shards.append((f"{region}:{run[0].rsplit('/', 1)[-1]}", run))
                run, size = [], 0
        if run:
            shards.append((f"{region}:{run[0].rsplit('/', 1)[-1]}", run))
        for child in sorted(children.get(region, []), key=lambda r: tuple(r.split("/"))):
            place(child)

    place("")
    stray = sorted(p for d, paths in files.items() if d not in departments for p in paths)
    out = []
    for i, (name, members) in enumerate(shards):
        ordered = sorted(members, key=lambda d: _key(d, departments[d]))
        paths = sorted(p for d in ordered for p in files.get(d, []))
        if i == 0:
            paths = sorted(paths + stray)
        out.append(Shard(name, tuple(ordered), tuple(paths)))
    if not out:  # no department: one shard still checks the settings and whatever documents there are
        out.append(Shard("/", (), tuple(stray)))
    return out


def document_files(documents: Path, departments: dict[str, str]) -> dict[str, list[Path]]:
    """Document files by the department folder that holds them (or by their folder, when no department has it)."""
    from .load import yaml_files

    found: dict[str, list[Path]] = {}
    for path in yaml_files(documents):
        folder = path.parent.relative_to(documents).as_posix() if path.parent != documents else ""
        found.setdefault(department_of(folder, departments) or folder, []).append(path)
    return found


def department_of(folder: str, departments: Container[str]) -> str:
    """The department whose folder is ``folder`` (a path under ``content/documents/``) or holds it; ``""`` if none does."""
    owner = folder
    while owner and owner not in departments:
        owner = owner.rsplit("/", 1)[0] if "/" in owner else ""
    return owner
