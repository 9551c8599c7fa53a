"""Checking thousands of documents on every core, a department at a time.

Every check looks at one document, or at one department's documents (the
comparisons across years and kinds). So the documents can be checked in chunks
of whole departments in worker processes that keep only their chunk in memory
and send back only problems.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from . import model as m
from .load import Content, load, parse_file, source_name, type_cells, yaml_files
from .problems import Problem, Report
from .validate import check_glossary, check_references, validate

PARALLEL_FROM = 200
"""Fewer documents than this are checked in one process."""

_BASE: Content | None = None
"""Everything but the documents, loaded before the workers fork."""


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Reading makes millions of objects and no reference cycles: the collector would only rescan them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def check_content(root: Path) -> Report:
    """Load and validate everything under ``root``, in parallel when there is much of it."""
    with no_cyclic_gc():
        files = yaml_files(root / "documents")
        if len(files) < PARALLEL_FROM or workers() < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return validate(load(root))
        report = _check_in_chunks(root, files, workers())
        return report if report is not None else validate(load(root))


def _check_in_chunks(root: Path, files: list[Path], n: int) -> Report | None:
    """Chunks of department folders on ``n`` processes; None when a department spans two chunks."""
    global _BASE
    base = load(root, documents=False)
    groups: dict[Path, list[Path]] = {}
    for path in files:
        # The documented layout keeps a department's documents in one folder; checked afterwards.
        groups.setdefault(path.parent, []).append(path)
    size = max(50, len(files) // (n * 8))
    chunks: list[list[Path]] = [[]]
    for paths in groups.values():
        if len(chunks[-1]) >= size:
            chunks.append([])
        chunks[-1].extend(paths)
    report = Report()
    report.extend(base.problems)
    report.extend(check_glossary(base))
    report.extend(check_references(base))
    _BASE = base
    owner: dict[str, int] = {}
    try:
        with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork")) as pool:
            for index, (departments, problems) in enumerate(pool.map(_check_chunk, chunks)):
                for department in departments:
                    if owner.setdefault(department, index) != index:
                        return None  # a department's documents were split: compare them together instead
                report.extend(problems)
    finally:
        _BASE = None
    return report


def _check_chunk(paths: list[Path]) -> tuple[set[str], list[Problem]]:
    """Check one chunk; return the departments it held and the problems of its files."""
    gc.disable()
    base = _BASE
    assert base is not None
    content = Content(
        root=base.root,
        site=base.site,
        regions=base.regions,
        glossary=base.glossary,
        glossary_source=base.glossary_source,
        departments=base.departments,
    )
    folder = content.root.parent
    for path in paths:
        loaded = parse_file(content, path, folder, m.Document)
        if loaded:
            type_cells(loaded.record, loaded.source, content.problems)
            content.documents.append(loaded)
    names = {source_name(p, folder) for p in paths}
    departments = {d.record.department for d in content.documents}
    return departments, [p for p in validate(content).problems if p.file in names]
