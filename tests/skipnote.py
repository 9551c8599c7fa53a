"""One visible line at the end of a run that skipped browser or accessibility tests, saying how to run them.

Outside CI a missing Chromium or axe-core skips those tests (under ``CI=true`` they fail
instead); a skip in the middle of hundreds of dots is easy to miss, so the run ends by
saying what was not tested and the command that enables it.
"""

from __future__ import annotations

import pytest

_skipped: dict[str, int] = {}

_HOW = {
    "axe-core": "axe-core is not installed: run `npm ci`",
    "chromium": "Chromium is not installed: run `apt-get install -y chromium fonts-noto-cjk`",
}


def _cause(reason: str) -> str:
    """Which missing tool a skip reason names."""
    lowered = reason.lower()
    return "axe-core" if "axe" in lowered else "chromium" if "chromium" in lowered else reason


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count skipped browser tests by the tool they were missing."""
    if report.skipped and "browser" in report.keywords and isinstance(report.longrepr, tuple):
        reason = str(report.longrepr[2]).removeprefix("Skipped: ")
        cause = _cause(reason)
        _skipped[cause] = _skipped.get(cause, 0) + 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """End the run with the line, when anything was skipped."""
    if not _skipped:
        return
    total = sum(_skipped.values())
    causes = "; ".join(f"{_HOW.get(cause, cause)} ({count})" for cause, count in sorted(_skipped.items()))
    terminalreporter.write_line(
        f"NOT TESTED: {total} browser/accessibility tests skipped — {causes}; CI=true makes this a failure.",
        yellow=True,
        bold=True,
    )
