"""Bad input never gets a traceback: one folder per case under ``tests/cases/``.

Each case folder holds a small complete ``content/`` tree and ``expected.yml``::

    errors:                       # every ERROR-severity problem, exactly
      - [code, content/documents/x.yml, line]
    warnings:                     # optional; compared exactly when present
      - [code, content/documents/x.yml, line]
    xfail: why                    # optional; a known bug in a file this suite does not own

A case may also hold ``make.py`` defining ``make(case_dir)``: it is called on a
temporary copy of the case before checking, to create inputs too large to
commit (the 50 MB file). Cases always run on a temporary copy, so nothing is
written into the repository.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pubgen.cli import main
from pubgen.pipeline import Project, check
from pubgen.problems import Problem, Report, Severity

from .conftest import ROOT

CASES = Path(__file__).parent / "cases"
CJK = re.compile(r"[\u3400-\u9fff]")
FILE_LEVEL = {"file-too-large", "unreadable-file", "missing-file", "missing-content", "file-extension", "backup-file", "original-not-offered", "original-hidden-content"}
"""Problems about a whole file, which have no line (an original PDF has none to name)."""

Triple = tuple[str, str, int]


def _case_params() -> list[object]:
    params = []
    for folder in sorted(p for p in CASES.iterdir() if (p / "expected.yml").is_file()):
        expected = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8")) or {}
        marks = [pytest.mark.xfail(reason=str(expected["xfail"]), strict=True)] if expected.get("xfail") else []
        params.append(pytest.param(folder, id=folder.name, marks=marks))
    return params


PARAMS = _case_params()


def _expected(folder: Path) -> tuple[set[Triple], set[Triple] | None]:
    data = yaml.safe_load((folder / "expected.yml").read_text(encoding="utf-8")) or {}
    if isinstance(data, list):  # a bare list means the errors
        data = {"errors": data}
    errors = {(str(c), str(f), int(n)) for c, f, n in data.get("errors") or []}
    warnings = None if "warnings" not in data else {(str(c), str(f), int(n)) for c, f, n in data["warnings"] or []}
    return errors, warnings


def _prepare(folder: Path, tmp_path: Path) -> Path:
    """A temporary copy of the case, made runnable by ``pubgen check``."""
    case_dir = tmp_path / folder.name
    shutil.copytree(folder, case_dir)
    make = case_dir / "make.py"
    if make.is_file():
        spec = importlib.util.spec_from_file_location(f"case_make_{folder.name.replace('-', '_')}", make)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.make(case_dir)
    # `pubgen check` wants a whole project; checking never reads these.
    (case_dir / "templates").symlink_to(ROOT / "templates", target_is_directory=True)
    (case_dir / "mkdocs.yml").symlink_to(ROOT / "mkdocs.yml")
    return case_dir


def _triples(problems: list[Problem]) -> set[Triple]:
    return {(p.code, p.file, p.line) for p in problems}


def _show(problems: list[Problem]) -> str:
    return "\n".join(f"  [{p.code}, {p.file}, {p.line}] {p.message}" for p in sorted(problems, key=Problem.sort_key))


@pytest.mark.parametrize("folder", PARAMS)
def test_case(folder: Path, tmp_path: Path) -> None:
    case_dir = _prepare(folder, tmp_path)
    expected_errors, expected_warnings = _expected(folder)

    report: Report = check(Project(case_dir))

    assert _triples(report.errors) == expected_errors, "errors differ; found:\n" + _show(report.errors)
    if expected_warnings is not None:
        assert _triples(report.warnings) == expected_warnings, "warnings differ; found:\n" + _show(report.warnings)
    for p in report.problems:
        assert p.code and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p.code), p
        assert p.message.strip() and CJK.search(p.message), f"message is not Chinese text: {p}"
        assert p.file, f"problem without a file: {p}"
        assert (case_dir / p.file).exists() or p.code in FILE_LEVEL, f"problem names a file that does not exist: {p}"
        if p.code not in FILE_LEVEL:
            assert p.line > 0, f"problem without a line: {p}"
        assert isinstance(p.severity, Severity)


@pytest.mark.parametrize("folder", PARAMS)
def test_case_cli(folder: Path, tmp_path: Path) -> None:
    case_dir = _prepare(folder, tmp_path)
    expected_errors, _ = _expected(folder)

    result = CliRunner().invoke(main, ["check", "--project", str(case_dir)])

    # CliRunner turns an uncaught exception into exit code 1 too: tell them apart.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.exit_code == (1 if expected_errors else 0), result.output
    if expected_errors:
        assert f"共 {len(expected_errors)} 个错误" in result.output, result.output


def test_every_case_has_a_content_tree() -> None:
    folders = [p for p in CASES.iterdir() if p.is_dir()]
    assert len(folders) >= 30
    for folder in folders:
        assert (folder / "expected.yml").is_file(), folder
        assert (folder / "content").is_dir(), folder
