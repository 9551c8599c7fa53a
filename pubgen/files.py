"""Opening content files: never through a symbolic link, never a named pipe or a device, never past the size limit.

Everything pubgen reads as content comes through :func:`read_bytes`. A link
anywhere under ``content/`` is refused whatever it points to, and named with
its target; the file itself is opened with ``O_NOFOLLOW`` and ``O_NONBLOCK``
and read only if it is a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .problems import Problem

MAX_BYTES = 5 * 1024 * 1024
"""A source file larger than this is refused: real documents are tens of KB."""


def first_link(path: Path, root: Path, checked: set[str] | None = None) -> Path | None:
    """The first symbolic link on the way down from ``root`` to ``path`` (``path`` itself included), if any.

    A ``path`` that is not under ``root`` at all counts as a link out of it.
    Folders named in ``checked`` are known not to be links and are not looked
    at again; folders found not to be links are added to it.
    """
    root_text, text = os.fspath(root), os.fspath(path)
    if text == root_text or (checked is not None and text in checked):
        return None  # a folder is only in ``checked`` once every folder above it is
    if not text.startswith(root_text + os.sep):
        return path
    at = root_text
    for part in text[len(root_text) + 1 :].split(os.sep):
        at = at + os.sep + part
        if checked is not None and at in checked:
            continue
        try:
            if stat.S_ISLNK(os.lstat(at).st_mode):
                return Path(at)
        except OSError:
            return None  # not there: nothing below it is either
        if checked is not None:
            checked.add(at)
    return None


def _refuse_link(problems: list[Problem], name: str, link: Path, root: Path) -> None:
    """Report a link in ``content/``, named with its target, against the file ``name``; it is never followed."""
    try:
        target = os.readlink(link)
    except OSError:
        target = "（无法读出）"
    try:
        link.resolve().relative_to(root.resolve())
        inside: bool | None = True
    except ValueError:
        inside = False
    except (OSError, RuntimeError):  # a loop of links
        inside = None
    problem = link_problem(source_path(link, root.parent), target, inside)
    problems.append(Problem(problem.code, problem.message, name, severity=problem.severity))


LINK_TARGET_SHOWN = 200
"""Characters of a link's target named in its problem."""


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes, so that a name or link target cannot steer a terminal."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in text)


def link_problem(shown: str, target: str, inside: bool | None) -> Problem:
    """The problem for a symbolic link in ``content/``, named ``shown``; ``inside``: its target is in content/ (None: a loop)."""
    target = printable(target)[:LINK_TARGET_SHOWN]
    if inside is False:
        return Problem(
            "link-outside-content",
            f"{shown} 是一个符号链接，指向 content/ 以外的“{target}”：pubgen 只读取 content/ 里的文件，"
            "不会打开它。请把要发布的文件本身放进 content/，并删除这个链接。",
            shown,
        )
    return Problem(
        "symbolic-link",
        f"{shown} 是一个符号链接，指向“{target}”：content/ 里的文件和文件夹不能是链接"
        "（在 Windows 上 git 会把它取出成一个普通文本文件，pubgen diff 也不会跟随它）。"
        + ("请直接编辑它指向的文件，并删除这个链接。" if inside else "这个链接绕成了环，请删除它。"),
        shown,
    )


def source_path(path: Path, base: Path) -> str:
    """``path`` as named in messages: relative to ``base`` when it is inside it."""
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
"""Never through a link, and never wait on a named pipe."""

_OS_ERRORS = {
    errno.EACCES: "没有读取权限，请检查文件权限",
    errno.EPERM: "没有读取权限，请检查文件权限",
    errno.ENOENT: "文件不存在（可能刚被删除或改名）",
    errno.ELOOP: "这是一个符号链接，pubgen 不跟随链接",
    errno.EISDIR: "这是一个文件夹，不是文件",
}


def _unreadable(problems: list[Problem], name: str, exc: OSError) -> None:
    problems.append(Problem("unreadable-file", f"无法读取文件：{_OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))}。", name))


def read_bytes(
    path: Path, name: str, problems: list[Problem], root: Path | None = None, checked: set[str] | None = None
) -> bytes | None:
    """The bytes of the file ``path`` (named ``name`` in problems), or None with why in ``problems``.

    Only a regular file is read, never more than MAX_BYTES. With ``root``
    (the content folder), a file that is a symbolic link or lies in a folder
    that is one is refused and never opened; ``checked`` holds the folders
    already found not to be links (see :func:`first_link`).
    """
    if root is not None:
        link = first_link(path.parent, root, checked) or (None if _NOFOLLOW else first_link(path, root))
        if link is not None:
            _refuse_link(problems, name, link, root)
            return None
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if root is not None and exc.errno in (errno.ELOOP, errno.EMLINK) and path.is_symlink():
            _refuse_link(problems, name, path, root)  # O_NOFOLLOW refused it: no need to look before opening
        else:
            _unreadable(problems, name, exc)
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = "文件夹" if stat.S_ISDIR(info.st_mode) else "命名管道、设备或套接字"
            problems.append(Problem("not-a-file", f"{name} 是一个{what}，不是普通文件：pubgen 不读取它。请把它移出 content/。", name))
            return None
        chunks: list[bytes] = []
        left = MAX_BYTES + 1 if info.st_size <= MAX_BYTES else 0
        while left > 0:  # never more than the limit, even from a file that grows while it is read
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        _unreadable(problems, name, exc)
        return None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    size = max(info.st_size, len(raw))
    if size > MAX_BYTES:
        problems.append(
            Problem(
                "file-too-large",
                f"文件过大（{size / 1024 / 1024:.1f} MB），一个文件不应超过 {MAX_BYTES // 1024 // 1024} MB，请检查是否误放了其他文件。",
                name,
            )
        )
        return None
    return raw
