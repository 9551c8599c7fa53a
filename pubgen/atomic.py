"""Writing a file whole or not at all: a failed write (disk full, read-only) leaves no half file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_whole(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one rename: readers see the old file or the new one."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_new(path: Path, text: str) -> None:
    """Create ``path`` holding ``text``; FileExistsError if it exists, and no half file if writing fails."""
    with path.open("x", encoding="utf-8", newline="\n") as out:
        try:
            out.write(text)
            out.flush()
        except BaseException:
            path.unlink(missing_ok=True)
            raise
