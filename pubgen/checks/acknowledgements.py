"""Acknowledgements: a publisher's known discrepancies become warnings shown with their reason."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from ..problems import Problem, Severity
from .base import DocumentCheck
from .registry import ERROR, family, rule

ACKS = family("acknowledgements", "已确认的差异")

rule(
    ACKS,
    "unmatched-acknowledgement",
    ERROR,
    """
已确认的差异没有对应的问题：数字可能已改正或改动。修改：删除这条确认，或按新的检查结果更新它。
""",
)


def _same(acknowledged: Decimal | None, found: str | None) -> bool:
    """An acknowledged figure matches the problem's, or was not given."""
    if acknowledged is None or found is None:
        return True
    try:
        return acknowledged == Decimal(found)
    except InvalidOperation:
        return False


def apply_acknowledgements(dc: DocumentCheck, problems: list[Problem]) -> list[Problem]:
    """Turn acknowledged errors into warnings (notices stay notices); report acknowledgements that match nothing."""
    acks = dc.doc.acknowledgements
    used = [False] * len(acks)
    out = []
    for p in problems:
        for i, ack in enumerate(acks):
            if (
                ack.code == p.code
                and ack.field == p.field
                and _same(ack.stated, p.stated)
                and _same(ack.computed, p.computed)
            ):
                used[i] = True
                # An acknowledged error is published as a warning with its reason; a notice stays a notice (it never
                # blocked publishing, and acknowledging it must not make `--strict` fail).
                severity = Severity.NOTICE if p.severity == Severity.NOTICE else Severity.WARNING
                p = replace(p, severity=severity, acknowledged=ack.reason)
                break
        out.append(p)
    for i, ack in enumerate(acks):
        if not used[i]:
            out.append(
                dc.problem(
                    "unmatched-acknowledgement",
                    f"已确认的差异（{ack.code}，{ack.field}）没有对应的问题：数字可能已经改正，请删除这条确认。",
                    ("acknowledgements", i),
                    f"acknowledgements.{i}",
                )
            )
    return out
