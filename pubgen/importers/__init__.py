"""Read a department's published PDF or its official workbook into a format-neutral structure."""

from __future__ import annotations

from .errors import (
    DamagedFile,
    EncryptedFile,
    FileUnreadable,
    ImportFailed,
    NoTextLayer,
    NotADisclosure,
    TooLarge,
    UnexpectedFailure,
    UnsupportedFile,
)
from .reading import MAX_BYTES, read_file
from .structure import ImportedDocument

__all__ = [
    "MAX_BYTES",
    "DamagedFile",
    "EncryptedFile",
    "FileUnreadable",
    "ImportFailed",
    "ImportedDocument",
    "NoTextLayer",
    "NotADisclosure",
    "TooLarge",
    "UnexpectedFailure",
    "UnsupportedFile",
    "read_file",
]
