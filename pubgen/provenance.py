"""Where a document comes from: the original file kept beside its source, for readers to check against."""

from __future__ import annotations

import os
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


def unoffered_originals(documents: Path) -> list[Path]:
    """Files under ``documents`` of a kind a page offers for download (PDF, OFD, Excel, Word) that no page offers.

    A page offers the original named as its document's file (:func:`original_of`): one left under another name (the
    ``.yml`` renamed, the original not), a link, or a file that is not what its name says is offered by none.
    """
    out: list[Path] = []
    if documents.is_symlink() or not documents.is_dir():
        return out
    for folder, dirs, files in os.walk(documents):  # links to folders are not followed
        dirs.sort()
        # Hidden files, and the owner files (~$2021-budget.xlsx) Excel, Word and WPS keep beside a file while it is open.
        originals = [name for name in files if Path(name).suffix.lower() in ORIGINAL_SUFFIXES and not name.startswith((".", "~$"))]
        if not originals:
            continue
        names = set(files)
        offered = set()
        for name in files:
            if name.lower().endswith((".yml", ".yaml")):
                found = original_of(Path(folder, name), names)
                if found is not None:
                    offered.add(found.path.name)
        out.extend(Path(folder, name) for name in sorted(originals) if name not in offered)
    return out


def why_not_offered(path: Path) -> str:
    """Why no page offers an original file (one of :func:`unoffered_originals`), and what to do, in Chinese."""
    kind = ORIGINAL_SUFFIXES[path.suffix.lower()]
    beside = [p for p in (path.with_suffix(".yml"), path.with_suffix(".yaml")) if os.path.lexists(p)]
    if beside:
        if path.is_symlink():
            return "它是一个链接，页面只提供普通文件下载：请放入文件本身"
        if path.suffix not in (path.suffix.lower(), path.suffix.upper()):
            return f"扩展名要写成小写（{path.suffix.lower()}），页面才会提供下载"
        return f"它不是有效的 {kind} 文件（文件开头不对，可能是下载失败时保存的网页），页面不提供下载：请换成原文文件"
    return f"没有与它同名的文档文件（如 {path.with_suffix('.yml').name}），页面不提供下载：原文文件要与文档的 .yml 文件同名"


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
