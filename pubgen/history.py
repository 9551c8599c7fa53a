"""When each source file last changed, from git, for pages and the feed."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_changed(root: Path, folder: str = "content") -> dict[str, dt.date]:
    """Date of the last commit touching each file under ``folder``, by path relative to ``root``.

    Empty when ``root`` is not in a git repository or git is missing: dates are
    then taken only from the sources.
    """
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%cs", "--name-only", "--relative", "--", folder],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in out.splitlines():
        if line.startswith("\x00"):
            try:
                current = dt.date.fromisoformat(line[1:].strip())
            except ValueError:
                current = None
        elif line.strip() and current is not None:
            dates.setdefault(line.strip(), current)
    return dates
