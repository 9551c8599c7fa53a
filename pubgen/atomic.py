"""Writing a file whole or not at all: a failed write (disk full, read-only) leaves no half file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_whole(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one rename: readers see the old file or the new one."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file readable by its owner only: give it the old file's mode, or a new file's.
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def write_new(path: Path, text: str) -> None:
    """Create ``path`` holding ``text``; FileExistsError if it exists, and no half file if writing fails."""
    with path.open("x", encoding="utf-8", newline="\n") as out:
        try:
            out.write(text)
            out.flush()
        except BaseException:
            path.unlink(missing_ok=True)
            raise
