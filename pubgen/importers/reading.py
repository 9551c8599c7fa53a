"""Open a file, tell a PDF, a workbook and a Word document apart by their bytes, and hand it to the right reader."""

from __future__ import annotations

import os
import zipfile
from io import BytesIO

from .errors import DamagedFile, EncryptedFile, FileUnreadable, ImportFailed, TooLarge, UnexpectedFailure, UnsupportedFile
from .structure import ImportedDocument

MAX_BYTES = 200 * 1024 * 1024
"""Refuse files larger than this: a disclosure PDF or workbook is a few megabytes."""

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> str:
    """Name what the bytes are: ``pdf``, ``zip``, ``ole`` (old Excel), or what else they look like."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(_OLE):
        return "ole"
    lowered = head.lstrip().lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096].lower() or b"<?mso-application progid=\"excel.sheet\"?>" in lowered:
        return "spreadsheetml"
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered:
        return "html"
    if data[:3] in (b"\xff\xd8\xff",) or data.startswith(b"\x89PNG"):
        return "image"
    return "unknown"


_WHAT = {
    "html": "这是一个网页（HTML）文件",
    "image": "这是一张图片",
    "unknown": "无法识别的文件格式",
}


def read_file(path: str) -> ImportedDocument:
    """Read a PDF (.pdf), a workbook (.xlsx, .xlsm, .xls) or a Word document (.docx) into an ImportedDocument.

    Raises an ImportFailed subclass, with a Chinese message naming the file, for every
    input that cannot be read.
    """
    try:
        size = os.path.getsize(path)
        if os.path.isdir(path):
            raise FileUnreadable(path, "这是一个文件夹，不是文件。请给出 PDF、Word 或 Excel 文件的路径。")
        if size > MAX_BYTES:
            raise TooLarge(
                path,
                f"文件有 {size / 1024 / 1024:.0f} MB，超过导入上限 {MAX_BYTES // 1024 // 1024} MB。"
                "预决算公开文件通常只有几 MB；请确认文件无误。",
            )
        with open(path, "rb") as handle:
            data = handle.read()
    except ImportFailed:
        raise
    except FileNotFoundError:
        raise FileUnreadable(path, "文件不存在。请检查路径和文件名。") from None
    except IsADirectoryError:
        raise FileUnreadable(path, "这是一个文件夹，不是文件。请给出 PDF、Word 或 Excel 文件的路径。") from None
    except PermissionError:
        raise FileUnreadable(path, "没有读取这个文件的权限。") from None
    except OSError as error:
        raise FileUnreadable(path, f"无法读取文件（{error.strerror or error}）。") from None
    return read_bytes(path, data)


def read_bytes(path: str, data: bytes) -> ImportedDocument:
    """Read a file already in memory; ``path`` names it in messages and picks nothing else."""
    try:
        return _read_bytes(path, data)
    except (ImportFailed, MemoryError, RecursionError):
        raise
    except Exception as error:  # noqa: BLE001 - the last guard: an editor never sees a traceback
        raise UnexpectedFailure(
            path,
            f"读取时出错（{type(error).__name__}），文件可能已损坏或格式特殊。"
            "请用原软件重新导出后再导入；若仍出错，请把这个文件交给维护人员。",
        ) from error


def _read_bytes(path: str, data: bytes) -> ImportedDocument:
    if not data:
        raise DamagedFile(path, "文件是空的（0 字节）。请重新下载或导出。")
    kind = sniff(data)
    extension = os.path.splitext(path)[1].lower()
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, data)
    if kind == "zip":
        try:
            archive = zipfile.ZipFile(BytesIO(data))
            names = set(archive.namelist())
        except Exception:  # noqa: BLE001 - zipfile raises BadZipFile, NotImplementedError, ValueError… on damage
            again = "用 Word 或 WPS 打开后重新保存" if extension in (".docx", ".docm") else "从 Excel 或 WPS 重新保存"
            raise DamagedFile(path, f"文件已损坏或不完整（压缩结构无法读取），请重新下载或{again}。") from None
        if "xl/workbook.xml" not in names and not any(n.endswith("/workbook.xml") for n in names):
            if "word/document.xml" in names:
                from .word import read_docx

                return read_docx(path, data)
            raise UnsupportedFile(path, "这是一个压缩包，不是 Excel 工作簿或 Word 文档。请解压后导入其中的 PDF、.docx 或 .xlsx 文件。")
        from .workbook import read_xlsx

        return read_xlsx(path, data, macros="xl/vbaProject.bin" in names)
    if kind == "ole":
        if extension in (".doc", ".docx", ".docm") and "EncryptedPackage".encode("utf-16-le") in data:
            # A .docx saved with a password is kept in an OLE file, as an encrypted .xlsx is.
            raise EncryptedFile(path, "Word 文档设有打开密码，无法读取。请在 Word 或 WPS 中取消密码后另存，再导入。")
        if "WordDocument".encode("utf-16-le") in data[:1 << 20] or extension in (".doc", ".docx"):
            raise UnsupportedFile(path, "这是旧版 Word 文档（.doc），pubgen 不能直接读取。请用 Word 或 WPS 打开它，“另存为”Word 文档（.docx）后再导入。")
        from .workbook import read_xls

        return read_xls(path, data)
    if kind == "spreadsheetml":
        raise UnsupportedFile(
            path,
            "这是 Excel 2003 XML 表格（“XML 电子表格”格式），pubgen 不能直接读取。"
            "请用 Excel 或 WPS 打开它，“另存为”Excel 工作簿（.xlsx）后再导入。",
        )
    what = _WHAT.get(kind, "无法识别的文件格式")
    raise UnsupportedFile(
        path,
        f"{what}，不是 PDF、Word 文档（.docx）或 Excel 工作簿（.xlsx / .xlsm / .xls）"
        + (f"，尽管文件名以 {extension} 结尾" if extension else "")
        + "。请导入部门公开的 PDF 原文、Word 文档或财政系统导出的工作簿。",
    )

