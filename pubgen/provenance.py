"""Where a document comes from: the original file kept beside its source, for readers to check against."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

ORIGINAL_SUFFIXES = {".pdf": "PDF", ".ofd": "OFD", ".xlsx": "Excel", ".xls": "Excel", ".docx": "Word", ".doc": "Word"}
"""Kinds of original file the site offers, with the name readers know them by."""

ORIGINAL_STEM = "original"
"""Name of the original in the document's folder of the site: the reader's copy is named after the document."""


@dataclass(slots=True, frozen=True)
class Original:
    """The published file a document was taken from, kept beside its YAML (same name, its own suffix)."""

    path: Path
    size: int

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    @property
    def kind(self) -> str:
        return ORIGINAL_SUFFIXES[self.suffix]

    @property
    def site_name(self) -> str:
        """The file's name in the document's folder of the site."""
        return ORIGINAL_STEM + self.suffix

    @property
    def size_text(self) -> str:
        if self.size >= 1 << 20:
            return f"{self.size / (1 << 20):.1f} MB"
        return f"{max(1, round(self.size / 1024))} KB"


def original_of(source: Path, beside: set[str] | None = None) -> Original | None:
    """The original beside ``source`` (``2024-budget.yml`` → ``2024-budget.pdf``), if a regular file is there.

    ``beside``, the names in ``source``'s folder, spares looking for each kind of file in turn.
    """
    for suffix in (s for lower in ORIGINAL_SUFFIXES for s in (lower, lower.upper())):  # 2021-budget.PDF as scanners name it
        candidate = source.with_suffix(suffix)
        if beside is not None and candidate.name not in beside:
            continue
        try:
            info = candidate.lstat()
        except OSError:
            continue
        # A link could lead anywhere on the machine that builds: only a plain file is published.
        if stat.S_ISREG(info.st_mode) and _is_what_it_says(candidate):
            return Original(candidate, info.st_size)
    return None


_MAGIC = {
    ".pdf": (b"%PDF-",),
    ".ofd": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".docx": (b"PK\x03\x04",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
}
"""How each kind of original begins. An empty file, or a web page saved under the name of a failed download, is not offered."""


def _is_what_it_says(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(1024)
    except OSError:
        return False
    starts = _MAGIC[path.suffix.lower()]
    # A PDF may have a few bytes before its header; the others begin with theirs.
    return any(head.startswith(magic) or (magic == b"%PDF-" and magic in head) for magic in starts)
