"""Why a file could not be read: one exception type per cause, each with a Chinese message."""

from __future__ import annotations

from ..errors import PubgenError


class ImportFailed(PubgenError):
    """A file could not be read into a document; the message names the file and says what to do."""

    code = "import-failed"

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}：{message}")
        self.path = path
        """The file as given."""
        self.detail = message
        """The message without the file name."""


class FileUnreadable(ImportFailed):
    """The file does not exist, is a folder, or cannot be opened."""

    code = "file-unreadable"


class UnsupportedFile(ImportFailed):
    """The file is neither a PDF nor a workbook, whatever its name says."""

    code = "unsupported-file"


class EncryptedFile(ImportFailed):
    """The PDF or workbook is protected by a password."""

    code = "encrypted-file"


class DamagedFile(ImportFailed):
    """The file is truncated or corrupt."""

    code = "damaged-file"


class NoTextLayer(ImportFailed):
    """The PDF holds only images of pages (scanned): there is no text to read."""

    code = "no-text-layer"


class NotADisclosure(ImportFailed):
    """The file reads, but holds no budget or final-accounts table."""

    code = "not-a-disclosure"


class TooLarge(ImportFailed):
    """The file is above the documented size limit."""

    code = "too-large"


class UnexpectedFailure(DamagedFile):
    """Reading failed in a way no check foresaw; the file is most likely damaged."""

    code = "read-failed"
