"""Validate stage: run every check of :mod:`pubgen.checks`, apply acknowledgements, return one report."""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping

from .checks import ACROSS_CHECKS, CONTENT_CHECKS, DOCUMENT_CHECKS
from .checks.references import check_file_names, check_originals
from .checks.acknowledgements import apply_acknowledgements
from .checks.base import DocumentCheck, department_names
from .checks.narrative import table_at_fault
from .exact import exactly
from .load import Content
from .problems import Problem, Report


@exactly
def validate(
    content: Content,
    known: Mapping[str, list[Problem]] | None = None,
    found_out: dict[str, list[Problem]] | None = None,
    names_checked_apart: bool = False,
) -> Report:
    """Run every check; apply acknowledgements; return one report.

    A document's own checks (:data:`DOCUMENT_CHECKS`) read that document alone (and the
    site's money unit), so their problems, before acknowledgements, are a function of
    its file's name and bytes, the site's unit and its department's names: ``known`` gives
    them, by file name, for files whose bytes are known unchanged, in a site whose unit and
    departments' names are too (the check cache), and those checks are not run again for them.
    ``found_out``, when given, receives them for every document checked. With
    ``names_checked_apart`` (a part of the documents, checked by the parallel or cached
    check), the file names are left to the caller, which compares all of them.
    """
    report = Report()
    report.extend(content.problems)
    for whole in CONTENT_CHECKS:
        if names_checked_apart and whole in (check_file_names, check_originals):
            continue
        report.extend(whole(content))
    across: dict[str, list[Problem]] = defaultdict(list)
    for compare in ACROSS_CHECKS:
        for p in compare(content):
            across[p.file].append(p)
    unit = content.site.unit if content.site else "万元"  # a document or table that names no unit is in the site's
    read: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    for p in content.problems:
        read[p.file].add((p.code, p.field))
    for loaded in content.documents:
        department = content.departments.get(loaded.record.department)
        dc = DocumentCheck(loaded, unit, department_names(department.record) if department is not None else ())
        name = loaded.source.name
        found: list[Problem] = list(across.get(name, ()))
        own = known.get(name) if known is not None else None
        if own is None:
            own = table_at_fault([p for check in DOCUMENT_CHECKS for p in check(dc)])
        found.extend(own)
        if found_out is not None:
            found_out[name] = own
        report.extend(apply_acknowledgements(dc, found, frozenset(read.get(name, ()))))
    return report
