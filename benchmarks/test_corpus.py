"""The synthetic corpus is valid, deterministic, and its planted errors are exactly what `pubgen check` finds.

Run with ``python -m pytest benchmarks`` (not part of the default test run).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

from pubgen.pipeline import Project, check  # noqa: E402


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted((root / "content").rglob("*")):
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_corpus_is_valid_and_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    corpus.generate(a, 120, seed=3, quiet=True)
    corpus.generate(b, 120, seed=3, quiet=True)
    assert _digest(a) == _digest(b)
    docs = list((a / "content" / "documents").rglob("*.yml"))
    assert len(docs) == 120
    assert {p.stem.split("-", 1)[1].split("-unit-")[0] for p in docs} == {"budget", "final-accounts", "self-evaluation"}
    report = check(Project(a))
    assert report.errors == [], report.to_text()
    # Warnings are only the acknowledged discrepancies the generator publishes on purpose.
    assert all(p.acknowledged for p in report.warnings)


def test_planted_errors_are_exactly_the_errors_found(tmp_path: Path) -> None:
    planted = corpus.generate(tmp_path, 150, seed=4, discrepancies=20, quiet=True)
    assert len(planted) == 20
    found = {(p.file, p.code, p.field) for p in check(Project(tmp_path)).errors}
    expected = {(p.file, p.code, p.field) for p in planted}
    # A wrong printed total of the form's indicator table also disagrees with the total score its header prints.
    expected |= {(p.file, "score-mismatch", "score") for p in planted if p.code == "score-total-mismatch"}
    # A wrong procurement total printed in the text too (正文同) no longer adds up to its 货物、工程、服务 there either.
    procurement = {p.file for p in planted if p.field.startswith("procurement.total")}
    expected |= {(f, c, where) for f, c, where in found if c == "text-parts-mismatch" and f in procurement}
    # A unit's 三公 total printed too large may now exceed its department's as well, at the same cell.
    three_public = {(p.file, p.field) for p in planted if "three-public.total" in p.field}
    expected |= {(f, c, where) for f, c, where in found if c == "unit-exceeds-department" and (f, where) in three_public}
    assert found == expected


def test_an_official_only_corpus_holds_nine_table_budgets_and_final_accounts(tmp_path: Path) -> None:
    """`--official-only`: what `pubgen check` of 10,000 official documents is measured on (docs/performance.md)."""
    corpus.generate(tmp_path, 60, seed=3, quiet=True, official_only=True)
    docs = sorted((tmp_path / "content" / "documents").rglob("*.yml"))
    assert len(docs) == 60
    assert {p.stem.split("-", 1)[1].split("-unit-")[0] for p in docs} == {"budget", "final-accounts"}
    assert any("-unit-" in p.stem for p in docs) and any("-unit-" not in p.stem for p in docs)
    texts = [p.read_text(encoding="utf-8") for p in docs]
    assert all("收入支出" in t for t in texts), "every document prints the official summary table"
