"""Validate stage: run every check of :mod:`pubgen.checks`, apply acknowledgements, return one report."""

from __future__ import annotations

from collections import defaultdict

from .checks import ACROSS_CHECKS, CONTENT_CHECKS, DOCUMENT_CHECKS
from .checks.acknowledgements import apply_acknowledgements
from .checks.base import DocumentCheck
from .exact import exactly
from .load import Content
from .problems import Problem, Report


@exactly
def validate(content: Content) -> Report:
    """Run every check; apply acknowledgements; return one report."""
    report = Report()
    report.extend(content.problems)
    for whole in CONTENT_CHECKS:
        report.extend(whole(content))
    across: dict[str, list[Problem]] = defaultdict(list)
    for compare in ACROSS_CHECKS:
        for p in compare(content):
            across[p.file].append(p)
    for loaded in content.documents:
        dc = DocumentCheck(loaded)
        found: list[Problem] = list(across.get(loaded.source.name, ()))
        for check in DOCUMENT_CHECKS:
            found.extend(check(dc))
        report.extend(apply_acknowledgements(dc, found))
    return report
