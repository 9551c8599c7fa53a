"""The README's test command sets up everything it needs, CI runs it as written, and a skipped browser test is announced."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def readme_test_command() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", text, flags=re.S)
    found = [b for b in blocks if "pytest" in b]
    assert len(found) == 1, "the README has one test command"
    return found[0].strip()


def test_the_readme_test_command_installs_what_the_tests_need() -> None:
    command = readme_test_command()
    assert "pip install -e '.[test]'" in command
    assert "npm ci" in command.split("pytest")[0], "axe-core (npm) is installed before the tests run"


def test_ci_runs_the_readme_test_command_as_written() -> None:
    lines = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert lines[-1] == readme_test_command()


def test_a_skipped_browser_test_is_named_on_the_last_line_with_how_to_enable_it(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text("from tests.skipnote import pytest_runtest_logreport, pytest_terminal_summary\n", encoding="utf-8")
    (tmp_path / "test_scan.py").write_text(
        "import pytest\n"
        "pytestmark = pytest.mark.browser\n"
        "def test_axe():\n"
        "    pytest.skip('axe-core is not installed (npm ci); accessibility scan skipped.')\n"
        "def test_page():\n"
        "    pytest.skip('/usr/bin/chromium is not installed (apt-get install chromium); browser tests skipped.')\n"
        "def test_plain():\n"
        "    pass\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "markers=browser", "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    note = [line for line in lines if line.startswith("NOT TESTED")]
    assert len(note) == 1, run.stdout
    assert "2 browser/accessibility tests skipped" in note[0]
    assert "npm ci" in note[0] and "apt-get install -y chromium" in note[0]
    # It closes the run's report: only pytest's own result line may follow it.
    assert lines.index(note[0]) >= len(lines) - 2, run.stdout


def test_nothing_is_announced_when_nothing_was_skipped(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text("from tests.skipnote import pytest_runtest_logreport, pytest_terminal_summary\n", encoding="utf-8")
    (tmp_path / "test_ok.py").write_text("def test_ok():\n    pass\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0 and "NOT TESTED" not in run.stdout
