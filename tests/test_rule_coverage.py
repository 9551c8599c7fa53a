"""Every rule comes with cases: one where it fires, and one for its family where it holds.

A case (``tests/cases/<folder>/``, see ``tests/test_cases.py``) *fires* a rule when its
``expected.yml`` names the rule's code under ``errors``, ``warnings`` or ``notices``;
it shows a family *holding* when it names a rule of the family under ``holds`` (those
codes must not be reported at all). ``tests/test_cases.py`` compares errors and
warnings; this file checks the ``notices`` and ``holds`` claims, that each generated
failing case differs from its passing twin in one place, and that the generated
cases are what ``tests/cases/_make_official.py`` writes today.

A new rule therefore fails this test until it has a case that fires it, and a new
family until it has a case where it holds.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from pubgen.checks import FAMILY_ORDER
from pubgen.checks.registry import FAMILIES, RULES
from pubgen.pipeline import Project, check

from .conftest import ROOT

CASES = ROOT / "tests" / "cases"

WITHOUT_A_CASE = {
    "unsafe-path": "only pubgen diff reads a commit's entries; tests/hostile/dotdot-entry-in-commit requires it in diff's output",
    "submodule": "only pubgen diff reads a commit's entries; tests/hostile/submodule-in-commit requires it in diff's output",
    "unreadable-file": "a file cannot be made unreadable to tests that run as root, and a case is committed without permissions",
    "invalid-year": "declared before cases were required",
    "invisible-character": "declared before cases were required; tested in tests/test_invisible.py",
    "cross-document-mismatch": "declared before cases were required",
    "year-over-year-mismatch": "declared before cases were required",
    "late-publication": "declared before cases were required",
    "text-table-mismatch": "declared before cases were required",
    "duplicate-department": "declared before cases were required",
    "duplicate-region": "declared before cases were required",
    "duplicate-term": "declared before cases were required",
    "slug-collision": "declared before cases were required",
    "reserved-slug": "declared before cases were required",
    "unknown-grade": "declared before cases were required",
    "completion-mismatch": "declared before cases were required",
    "missing-reason": "declared before cases were required",
    "parts-exceed-total": "declared before cases were required",
    "total-unexplained": "declared before cases were required",
    "ratio-mismatch": "declared before cases were required; planted in the benchmark corpus",
    "difference-mismatch": "declared before cases were required",
    "unknown-column": "declared before cases were required",
    "unknown-parent": "declared before cases were required",
    "duplicate-id": "declared before cases were required",
}
"""Rules with no failing case yet, and why. Only ever shrinks: adding a case for one of them fails
``test_rules_listed_without_a_case_still_have_none`` until it is taken off this list."""

Triple = tuple[str, str, int]


def _expected(folder: Path) -> dict[str, Any]:
    data = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8")) or {}
    return {"errors": data} if isinstance(data, list) else data


def _folders() -> list[Path]:
    return sorted(p.parent for p in CASES.glob("*/expected.yml"))


def _named(data: dict[str, Any]) -> set[str]:
    return {str(entry[0]) for key in ("errors", "warnings", "notices") for entry in data.get(key) or []}


FIRED: dict[str, list[str]] = {}
HOLDING: dict[str, list[str]] = {}
for _folder in _folders():
    _data = _expected(_folder)
    for _code in _named(_data):
        FIRED.setdefault(_code, []).append(_folder.name)
    for _code in _data.get("holds") or []:
        HOLDING.setdefault(str(_code), []).append(_folder.name)
# The hostile corpus (tests/hostile/, run as real processes by test_hostile.py) is where the rules about links,
# special files and figures beyond the limits fire: each run there names the problems it must report.
for _expect in sorted((CASES.parent / "hostile").glob("*/expect.yml")):
    for _run in yaml.safe_load(_expect.read_text(encoding="utf-8")).get("runs") or []:
        for _key in ("errors", "warnings", "notices"):
            for _entry in _run.get(_key) or []:
                _code = str(_entry["code"] if isinstance(_entry, dict) else _entry[0])
                FIRED.setdefault(_code, []).append(f"hostile/{_expect.parent.name}")


def test_every_rule_has_a_case_where_it_fires() -> None:
    missing = [code for code in RULES if code not in FIRED and code not in WITHOUT_A_CASE]
    assert missing == [], (
        "these rules have no case in tests/cases whose expected.yml names them: " + ", ".join(missing)
        + " (add one; for the official tables' rules, tests/cases/_make_official.py writes them)"
    )


def test_rules_listed_without_a_case_still_have_none() -> None:
    assert set(WITHOUT_A_CASE) <= set(RULES), "a rule listed without a case is not registered: " + ", ".join(set(WITHOUT_A_CASE) - set(RULES))
    done = sorted(code for code in WITHOUT_A_CASE if code in FIRED)
    assert done == [], f"take these off WITHOUT_A_CASE, they have cases now: {done}"


def test_every_family_has_a_case_where_it_holds() -> None:
    assert {f.id for f in FAMILIES} == set(FAMILY_ORDER)
    holding = {RULES[code].family.id for code in HOLDING if code in RULES}
    missing = [f.id for f in FAMILIES if f.id not in holding]
    assert missing == [], f"no case in tests/cases names a rule of these families under holds: {missing}"


def test_every_held_code_is_a_rule() -> None:
    unknown = sorted(code for code in HOLDING if code not in RULES)
    assert unknown == [], f"expected.yml names under holds codes that are not rules: {unknown}"


CLAIMS = [pytest.param(f, id=f.name) for f in _folders() if {"holds", "notices"} & set(_expected(f))]


@pytest.mark.parametrize("folder", CLAIMS)
def test_notices_and_holding_rules_are_as_the_case_says(folder: Path, tmp_path: Path) -> None:
    data = _expected(folder)
    case = tmp_path / folder.name
    shutil.copytree(folder, case)
    (case / "templates").symlink_to(ROOT / "templates", target_is_directory=True)
    (case / "mkdocs.yml").symlink_to(ROOT / "mkdocs.yml")

    report = check(Project(case))

    if "notices" in data:
        expected = {(str(c), str(f), int(n)) for c, f, n in data["notices"] or []}
        assert {(p.code, p.file, p.line) for p in report.notices} == expected, report.to_text()
    reported = {p.code for p in report.problems}
    held = set(data.get("holds") or [])
    assert not held & reported, f"reported although the case says they hold: {sorted(held & reported)}\n{report.to_text()}"


def _twins() -> list[Any]:
    return [pytest.param(CASES / (f.name + "-holds"), f, id=f.name) for f in _folders() if (CASES / (f.name + "-holds")).is_dir()]


@pytest.mark.parametrize(("holds", "fails"), _twins())
def test_a_failing_case_is_its_passing_twin_with_one_thing_changed(holds: Path, fails: Path) -> None:
    """So the passing twin really exercises the rule: undo one change and it stops firing."""
    a = {p.relative_to(holds): p.read_text(encoding="utf-8") for p in (holds / "content").rglob("*") if p.is_file()}
    b = {p.relative_to(fails): p.read_text(encoding="utf-8") for p in (fails / "content").rglob("*") if p.is_file()}
    assert a.keys() == b.keys()
    changed = [name for name in a if a[name] != b[name]]
    assert len(changed) == 1, changed
    ops = [op for op in difflib.SequenceMatcher(None, a[changed[0]].split("\n"), b[changed[0]].split("\n")).get_opcodes() if op[0] != "equal"]
    assert len(ops) == 1, ops
    assert _expected(holds).get("errors") in ([], None) and _expected(fails).get("errors") or _expected(fails).get("notices")


def test_generated_cases_are_what_the_script_writes_today() -> None:
    script = CASES / "_make_official.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
