"""Where a document comes from: the original file kept beside its source, for readers to check against."""

from __future__ import annotations

import functools
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

ORIGINAL_SUFFIXES = {".pdf": "PDF", ".ofd": "OFD", ".xlsx": "Excel", ".xls": "Excel", ".docx": "Word", ".doc": "Word"}
"""Kinds of original file the site offers, with the name readers know them by."""

_EITHER_CASE = tuple(s for lower in ORIGINAL_SUFFIXES for s in (lower, lower.upper()))
"""The suffixes looked for, each also in capitals: 2021-budget.PDF, as scanners name it."""

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
    stem = source.stem
    for suffix in _EITHER_CASE:
        if beside is not None and stem + suffix not in beside:
            continue  # by name first: a path made for each kind of file was a third of reading a 10,000-document project
        candidate = source.with_suffix(suffix)
        try:
            info = candidate.lstat()
        except OSError:
            continue
        # A link could lead anywhere on the machine that builds: only a plain file is published, and only one that hides
        # nothing from its reader (a workbook's hidden working sheets would go to every reader with it).
        if stat.S_ISREG(info.st_mode) and _is_what_it_says(candidate) and not _hides(str(candidate), info.st_mtime_ns, info.st_size):
            return Original(candidate, info.st_size)
    return None


@functools.lru_cache(maxsize=4096)
def _hides(path: str, mtime: int, size: int) -> bool:
    """Whether the file as it is now (its time and size in the key) hides anything; read once per build or check."""
    return bool(hidden_content(Path(path)))


def hidden_content(path: Path) -> list[str]:
    """What an original hides from its reader and would publish with it, in Chinese: hidden sheets, rows or columns with
    figures, comments, a Word file's tracked changes and hidden text. Empty when there is none, or the file cannot be read
    (then it is not offered anyway, see :func:`_is_what_it_says`).

    A workbook filled in by a finance bureau keeps its working sheets (测算底稿 with names and ID numbers), internal notes
    and reviewers' comments out of sight; the downloadable copy would carry them to every reader.
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                return _hidden_in_xlsx(book)
        if suffix == ".docx":
            with zipfile.ZipFile(path) as book:
                return _hidden_in_docx(book)
        if suffix == ".xls":
            return _hidden_in_xls(path)
    except Exception:  # noqa: BLE001 — a damaged zip or xlrd's own errors (XLRDError, CompDocError): not offered anyway
        return []
    return []


_XML_LIMIT = 64 << 20
"""Parts larger than this (unpacked) are not read: a file built to exhaust the machine is not inspected for long."""
_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTRIBUTE = re.compile(rb'\b([\w:]+)="([^"]*)"')
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)\b")
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*\bhidden="(?:1|true)"[^>]*>(.*?)</(?:\w+:)?row>', re.S)
_HIDDEN_COLUMNS = re.compile(rb"<(?:\w+:)?col\b[^>]*>")
_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*\br="([A-Z]+)\d+"[^>]*?(?:/>|>(.*?)</(?:\w+:)?c>)', re.S)


def _part(book: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = book.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _XML_LIMIT:
        return None
    with book.open(info) as handle:
        return handle.read(_XML_LIMIT + 1)[:_XML_LIMIT]


def _attributes(tag: bytes) -> dict[str, str]:
    """A tag's attributes by name; the relationship id of a sheet as ``r:id`` whatever its prefix."""
    out: dict[str, str] = {}
    for key, value in _ATTRIBUTE.findall(tag):
        name = key.decode("ascii", "replace")
        out["r:id" if name.endswith(":id") else name] = value.decode("utf-8", "replace")
    return out


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def _hidden_in_xlsx(book: zipfile.ZipFile) -> list[str]:
    found: list[str] = []
    workbook = _part(book, "xl/workbook.xml") or b""
    rels = _part(book, "xl/_rels/workbook.xml.rels") or b""
    targets = {}
    for tag in _RELATION.findall(rels):
        attrs = _attributes(tag)
        if "Id" in attrs and "Target" in attrs:
            target = attrs["Target"].lstrip("/")
            targets[attrs["Id"]] = target if target.startswith("xl/") else "xl/" + target
    hidden_sheets: list[str] = []
    for tag in _SHEET_TAG.findall(workbook):
        attrs = _attributes(tag)
        part = targets.get(attrs.get("r:id", ""), "")
        xml = _part(book, part) if part else None
        if attrs.get("state") in ("hidden", "veryHidden"):
            if xml is None or _VALUE.search(xml):
                hidden_sheets.append(f"“{attrs.get('name', '')}”")
            continue
        if xml is None:
            continue
        if any(_VALUE.search(row) for row in _HIDDEN_ROW.findall(xml)):
            found.append(f"工作表“{attrs.get('name', '')}”中隐藏的行")
        spans = []
        for column in _HIDDEN_COLUMNS.findall(xml):
            col = _attributes(column)
            if col.get("hidden") in ("1", "true") and col.get("min", "").isdigit() and col.get("max", "").isdigit():
                spans.append((int(col["min"]), int(col["max"])))
        if spans and any(
            body and _VALUE.search(body) and any(a <= _column_number(letters) <= b for a, b in spans) for letters, body in _CELL.findall(xml)
        ):
            found.append(f"工作表“{attrs.get('name', '')}”中隐藏的列")
    if hidden_sheets:
        found.insert(0, f"隐藏的工作表{'、'.join(hidden_sheets)}")
    if any(name.startswith(("xl/comments", "xl/threadedComments/")) for name in book.namelist()):
        found.append("批注")
    if any(name.startswith("xl/externalLinks/") for name in book.namelist()):
        # A formula like =[1]人员测算!C5: the linked file's path (D:\财务科\…测算底稿.xlsx) and its figures are kept in the file.
        found.append("链接到其他文件的公式（外部链接，带着那个文件的路径和数字）")
    if any(_DDE.search(xml) for name in book.namelist() if name.startswith("xl/worksheets/") and (xml := _part(book, name))):
        found.append("调用其他程序的公式（DDE，如 =cmd|…）")
    return found


_DDE = re.compile(rb"<(?:\w+:)?f\b[^>]*>[^<]*\w\|'", re.S)
"""A formula calling another program (Dynamic Data Exchange): =cmd|' /C calc'!A0."""
_TRACKED = re.compile(rb"<w:(?:del|ins)\b")
_VANISHED = re.compile(rb"<w:vanish\s*/>")


def _hidden_in_docx(book: zipfile.ZipFile) -> list[str]:
    found: list[str] = []
    document = _part(book, "word/document.xml") or b""
    if _TRACKED.search(document):
        found.append("修订记录（删除或插入的文字）")
    if _VANISHED.search(document):
        found.append("隐藏文字")
    if b"<w:comment " in (_part(book, "word/comments.xml") or b"") or b"<w:comment>" in (_part(book, "word/comments.xml") or b""):
        found.append("批注")  # (Word keeps an empty comments part after the last comment is deleted)
    return found


def _hidden_in_xls(path: Path) -> list[str]:
    import xlrd  # only for the old Excel format

    if path.stat().st_size > _XML_LIMIT:
        return []
    with open(os.devnull, "w") as quiet:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=quiet)
        found: list[str] = []
        hidden_sheets: list[str] = []
        try:
            for index in range(book.nsheets):
                sheet = book.sheet_by_index(index)
                filled = [(r, c) for r in range(sheet.nrows) for c in range(sheet.ncols) if str(sheet.cell_value(r, c)).strip()]
                if sheet.visibility:
                    if filled:
                        hidden_sheets.append(f"“{sheet.name}”")
                    continue
                rows = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
                cols = {c for c, info in sheet.colinfo_map.items() if info.hidden}
                if any(r in rows for r, _ in filled):
                    found.append(f"工作表“{sheet.name}”中隐藏的行")
                if any(c in cols for _, c in filled):
                    found.append(f"工作表“{sheet.name}”中隐藏的列")
                if sheet.cell_note_map:
                    found.append(f"工作表“{sheet.name}”中的批注")
        finally:
            book.release_resources()
    if hidden_sheets:
        found.insert(0, f"隐藏的工作表{'、'.join(hidden_sheets)}")
    return found


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
        hidden = hidden_content(path) if not path.is_symlink() else []
        if hidden:
            return (
                f"它含有读者看不到的内容：{'、'.join(hidden)}，照原样提供下载会把它们一并公开，所以页面不提供下载。"
                f"要提供下载，请在 {kind} 中删去这些内容（或把公开的部分另存为新文件）后换上"
            )
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


def real_suffix(path: Path) -> str:
    """The suffix ``path`` should have, by how it begins: a workbook saved in the old format and renamed ``.xlsx`` (or the
    reverse) is ``.xls``; any other file keeps its own, in lower case."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        # A Word document or workbook renamed .pdf is kept under its real name (and looked into for what it hides).
        try:
            with zipfile.ZipFile(path) as book:
                names = set(book.namelist())
        except (OSError, zipfile.BadZipFile, ValueError):
            return suffix
        return ".docx" if "word/document.xml" in names else ".xlsx" if "xl/workbook.xml" in names else suffix
    if suffix not in (".xls", ".xlsx", ".doc", ".docx"):
        return suffix
    try:
        with path.open("rb") as file:
            head = file.read(8)
    except OSError:
        return suffix
    old = {".xls": ".xls", ".xlsx": ".xls", ".doc": ".doc", ".docx": ".doc"}[suffix]
    new = {".xls": ".xlsx", ".xlsx": ".xlsx", ".doc": ".docx", ".docx": ".docx"}[suffix]
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return old
    if head.startswith(b"PK\x03\x04"):
        return new
    return suffix


def _is_what_it_says(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(1024)
    except OSError:
        return False
    starts = _MAGIC[path.suffix.lower()]
    # A PDF may have a few bytes before its header; the others begin with theirs.
    return any(head.startswith(magic) or (magic == b"%PDF-" and magic in head) for magic in starts)
