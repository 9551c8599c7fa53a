"""The rules pubgen checks, as data: code, severity, family and documentation.

Each family module declares its rules with :func:`rule`; the checks look up a
rule's severity here when they report, and ``docs/checks.md`` is generated from
this registry (``python -m pubgen.reference``), so the documentation and the
checks cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..problems import Severity

ERROR = Severity.ERROR
WARNING = Severity.WARNING
NOTICE = Severity.NOTICE


@dataclass(frozen=True, slots=True)
class Family:
    """A group of related rules: one module, one section of the documentation."""

    id: str
    title: str
    """Section heading in docs/checks.md."""
    intro: str = ""
    """What the family checks, before its rules in docs/checks.md."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of problem pubgen reports."""

    code: str
    """Stable kebab-case code, e.g. ``sum-mismatch``."""
    severity: Severity
    family: Family
    doc: str
    """What the rule finds and how to fix it, in Markdown, for editors."""
    acknowledgeable: bool = True
    """Whether an acknowledgement may publish it as printed. Not for what is no discrepancy of the original's figures
    but a danger to readers (a direction control that shows other figures than stored) or a page left unfinished."""


FAMILIES: list[Family] = []
"""In the order of docs/checks.md."""
RULES: dict[str, Rule] = {}
"""Every rule, by code, in the order declared."""


def family(id: str, title: str, intro: str = "") -> Family:
    """Declare a family of rules (once per module)."""
    found = Family(id, title, intro.strip())
    FAMILIES.append(found)
    return found


def rule(fam: Family, code: str, severity: Severity, doc: str, acknowledgeable: bool = True) -> Rule:
    """Declare one rule; a code can be declared only once."""
    if code in RULES:
        raise ValueError(f"rule {code} declared twice")
    found = Rule(code, severity, fam, doc.strip(), acknowledgeable)
    RULES[code] = found
    return found


def severity_of(code: str) -> Severity:
    """The severity a rule reports at (an acknowledgement may lower it)."""
    return RULES[code].severity
