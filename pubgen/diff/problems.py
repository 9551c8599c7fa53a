"""Check problems on both sides: introduced, fixed, acknowledged, or not checked again."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, NamedTuple

from ..problems import Severity
from .results import DocFile, Loaded, ProblemChange


def _unmatched(these: list[ProblemChange], others: list[ProblemChange]) -> list[ProblemChange]:
    """The problems of ``these`` whose messages ``others`` do not hold (each message of ``others`` matched once)."""
    left = Counter(c.problem.message for c in others)
    out = []
    for c in these:
        if left[c.problem.message] > 0:
            left[c.problem.message] -= 1
        else:
            out.append(c)
    return out


UNCHECKED = "原有的问题（新版本无法读取，未再检查，不算已解决）"

WITHDRAWN = "随文档删除的问题（文档已删除，问题并未改正，不算已解决）"

UNCOMPARED = "旧版本无法读取、未能比较的问题（不一定是本次新增，请逐条核对）"


class Compared(NamedTuple):
    """The check problems of two sides, sorted out."""

    introduced: list[ProblemChange]
    fixed: list[ProblemChange]
    unchecked: list[ProblemChange]
    """Problems of documents whose new version cannot be read."""
    withdrawn: list[ProblemChange]
    """Problems of documents the change deleted: gone with them, not solved."""
    uncompared: list[ProblemChange]
    """Problems of documents whose old version cannot be read: perhaps there before, not known to be new."""

_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTICE: 2}

_BLOCK_FIELD = re.compile(r"^(?:body\.(?P<body>\d+)|(?P<kind>indicators|table|scores)-(?P<nth>\d+))(?=\.|$)")
"""A problem field that names its block by position: ``body.19.text``, ``indicators-4.合格率`` (the 4th block), and so
for a table without id or role (``table-8.total.n``) and one of several score breakdowns (``scores-3``)."""


def _moved_field(field: str, moved: dict[int, int]) -> str:
    """An old problem's field with its block's position as the new version prints it, so that a paragraph inserted
    above does not make every later problem of the text look solved and new again."""
    found = _BLOCK_FIELD.match(field)
    if not found:
        return field
    if found["body"] is not None:
        at = moved.get(int(found["body"]))
        return field if at is None else f"body.{at}{field[found.end():]}"
    at = moved.get(int(found["nth"]) - 1)
    return field if at is None else f"{found['kind']}-{at + 1}{field[found.end():]}"


def compare_problems(
    old: Loaded,
    new: Loaded,
    readdressed: dict[str, str] | None = None,
    blocks: dict[str, dict[int, int]] | None = None,
    alike: set[str] | None = None,
) -> Compared:
    """Problems introduced, fixed, left unchecked, and gone with a deleted document.

    ``readdressed`` maps a document's old key to its new one (its address changed, or it shares one); ``blocks``
    gives, for each document compared (by its new key), where each old block is now, so that a problem is matched to
    itself whatever was inserted above it. A document's problems are its own, even where two documents claim one address.
    A problem of a document whose label another document has too (``alike``: a copy beside it) is placed by its file as well.
    """
    alike = alike or set()

    def named(doc: DocFile) -> str:
        return f"{doc.label}（{doc.file}）" if doc.label in alike else doc.label

    def index(side: Loaded, keys: dict[str, str], moves: dict[str, dict[int, int]]) -> dict[tuple[Any, ...], list[ProblemChange]]:
        by_file = {d.file: (k, d) for k, d in side.docs.items()}
        groups: dict[tuple[Any, ...], list[ProblemChange]] = {}
        for p in side.problems:
            key_doc = by_file.get(p.file)
            doc = key_doc[1] if key_doc else None
            place = keys.get(key_doc[0], key_doc[0]) if key_doc else p.file
            field = _moved_field(p.field, moves[place]) if place in moves else p.field
            key = (p.code, place, field, p.stated, p.computed, p.severity.value)
            groups.setdefault(key, []).append(ProblemChange(named(doc) if doc and doc.doc is not None else p.file, p, field_now=field))
        return groups

    before, after = index(old, readdressed or {}, blocks or {}), index(new, {}, {})
    # A document whose new version cannot be read was not checked: its old problems are not solved, only unseen.
    unread = {k for k, d in new.docs.items() if d.doc is None}
    # A document deleted takes its problems with it: counted as solved, four problems “已解决” invited approving a
    # deletion as a fix, when nothing in them was corrected.
    deleted = {k for k in old.docs if k not in new.docs and k not in (readdressed or {})}
    # A document whose old version cannot be read (its YAML broken by the commit before) was not checked there: its
    # acknowledged warnings and its old errors are not new, though nothing can tell which of its problems are.
    broken = {k for k, d in old.docs.items() if d.doc is None and k in new.docs and new.docs[k].doc is not None}
    introduced: list[ProblemChange] = []
    fixed: list[ProblemChange] = []
    unchecked: list[ProblemChange] = []
    withdrawn: list[ProblemChange] = []
    uncompared: list[ProblemChange] = []
    for key in {**before, **after}:
        a, b = before.get(key, []), after.get(key, [])
        # Problems of one field with the same figures are told apart by their messages: a second one added beside an
        # old one is new, as itself; one whose message only changed its wording (a row renamed) is the same problem.
        came = _unmatched(b, a)[: max(0, len(b) - len(a))]
        if key[1] in broken:
            uncompared += came
        else:
            introduced += came
        gone = _unmatched(a, b)[: max(0, len(a) - len(b))]
        if key[1] in unread:
            unchecked += gone
        elif key[1] in deleted:
            withdrawn += gone
        else:
            fixed += gone

    def order(c: ProblemChange) -> tuple[int, str, int, str, str]:
        # By line within a document, as the reviewer reads the file: by field as text, body.10 came before body.2.
        return (_SEVERITY_ORDER[c.problem.severity], c.place, c.problem.line or 0, c.problem.field, c.problem.code)

    return Compared(*(sorted(changes, key=order) for changes in (introduced, fixed, unchecked, withdrawn, uncompared)))


def acknowledged_problems(introduced: list[ProblemChange], fixed: list[ProblemChange]) -> tuple[list[ProblemChange], list[ProblemChange], list[ProblemChange]]:
    """Take out of the new and solved problems those the change only acknowledged.

    An acknowledgement makes an error a warning with the publisher's reason: told as one problem solved and another
    introduced, “已解决” invited the reviewer to approve without reading the reason, which is what they must approve.
    """
    def key(c: ProblemChange) -> tuple[Any, ...]:
        p = c.problem
        return (p.code, c.place, c.field_now or p.field, p.stated, p.computed, p.acknowledged is None)

    gone: dict[tuple[Any, ...], list[ProblemChange]] = {}
    for c in fixed:
        gone.setdefault(key(c), []).append(c)
    acknowledged: list[ProblemChange] = []
    still: list[ProblemChange] = []
    paired: list[ProblemChange] = []
    for c in introduced:
        # Its counterpart before: the same problem with the acknowledgement the other way round.
        match = gone.get(key(c)[:-1] + (not key(c)[-1],))
        if not match:
            still.append(c)
            continue
        was = match.pop(0)
        paired.append(was)
        if c.problem.acknowledged:
            acknowledged.append(ProblemChange(c.place, c.problem, was.problem))
        else:
            still.append(ProblemChange(c.place, c.problem, was.problem))  # its acknowledgement no longer applies: new again
    return still, [f for f in fixed if not any(f is p for p in paired)], acknowledged
