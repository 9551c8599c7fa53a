"""When each source file last changed, from git, for pages and the feed."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_changed(root: Path, folder: str = "content") -> dict[str, dt.date]:
    """Date of the last commit touching each file under ``folder``, by path relative to ``root``.

    Empty when ``root`` is not in a git repository or git is missing: dates are
    then taken only from the sources. Paths are read NUL-separated (``-z``) and
    as UTF-8, so a file named in Chinese, or with a quote or line break in its
    name, is found under its own name rather than git's quoted form.
    """
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "-c", "core.quotePath=false", "log", "-z", "--format=%x00%cs", "--name-only", "--relative", "--", folder],
            capture_output=True,
            timeout=120,
            check=True,
        ).stdout.decode("utf-8", errors="surrogateescape")
    except (OSError, subprocess.SubprocessError):
        return {}
    return _dates(out)


def _dates(out: str) -> dict[str, dt.date]:
    """Read ``git log -z --format=%x00%cs --name-only``: per commit, NUL, date, NUL, LF, then NUL-ended names."""
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    header = False
    first = False
    for field in out.split("\x00"):
        if not field:
            header = True  # the format's own NUL: a commit's date comes next
            continue
        if header:
            header, first = False, True
            try:
                current = dt.date.fromisoformat(field.strip())
            except ValueError:
                current = None
            continue
        name = field[1:] if first and field.startswith("\n") else field  # the line break after the date
        first = False
        if name and current is not None:
            dates.setdefault(name, current)  # newest commit first
    return dates
