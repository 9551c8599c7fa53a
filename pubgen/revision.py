"""A git revision's ``content/``, written out as regular files without following anything it holds.

The tree is listed with ``git ls-tree -r -z`` and each file read with ``git
cat-file --batch``, streamed to disk: no archive is unpacked and no link is
ever created, so nothing in a revision can make a file appear outside the
folder it is written to. Links, submodules and crafted names become problems.
"""

from __future__ import annotations

import posixpath
import subprocess
from pathlib import Path
from typing import Any, Iterator

from .errors import PubgenError
from .files import LINK_TARGET_SHOWN, link_problem
from .problems import Problem, Severity


class RevisionUnreadable(PubgenError):
    """git could not list or hand over a revision's files."""

    exit_code = 2


def run_git(top: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """``git -C top ARGS``, its output as bytes; a missing git or a hung one is a Chinese message."""
    try:
        return subprocess.run(["git", "-C", str(top), *args], capture_output=True, timeout=600, check=False)
    except FileNotFoundError:
        raise RevisionUnreadable("找不到 git 命令：请先安装 git。") from None
    except subprocess.TimeoutExpired:
        raise RevisionUnreadable(f"git {args[0]} 超时。") from None


def git_said(proc: subprocess.CompletedProcess[bytes]) -> str:
    """The first line git printed on stderr, to append to a message."""
    lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return f"（git：{lines[0]}）" if lines else ""


_LINK_MODE = "120000"
_SUBMODULE_MODE = "160000"


def extract_tree(top: Path, tree: str, folder: Path, rev: str) -> list[Problem]:
    """Write the regular files of ``tree`` under ``folder``; links and submodules become problems, never followed.

    The tree is listed with ``git ls-tree`` and each file read with ``git
    cat-file --batch``: nothing a revision holds can make a file appear outside
    ``folder`` (no link is ever created, and a name that is not made of plain
    path parts is refused).
    """
    listing = run_git(top, "ls-tree", "-r", "-z", "--full-tree", tree)  # from the top: in a subfolder ls-tree lists only that part
    if listing.returncode != 0:
        raise RevisionUnreadable(f"无法列出版本“{rev}”中的 content/。{git_said(listing)}")
    notices: list[Problem] = []
    with _Blobs(top, rev) as blobs:
        for entry in listing.stdout.split(b"\0"):
            meta, tab, raw_name = entry.partition(b"\t")
            fields = meta.decode("ascii", "replace").split(" ")
            if not tab or len(fields) != 3:
                continue
            mode, kind, oid = fields
            name = raw_name.decode("utf-8", "replace")
            shown = f"content/{name}"
            parts = name.split("/")
            if any(part in ("", ".", "..") or "\\" in part for part in parts):
                notices.append(
                    Problem("unsafe-path", f"版本“{rev}”中的 {shown} 的路径含有“..”、“.”、空段或反斜杠，不是普通的文件名：没有取出它。", shown)
                )
            elif mode == _LINK_MODE:
                target = blobs.read(oid, LINK_TARGET_SHOWN * 4).decode("utf-8", "replace")
                notices.append(link_problem(shown, target, _link_inside(shown, target)))
            elif mode == _SUBMODULE_MODE or kind == "commit":
                notices.append(
                    Problem(
                        "submodule",
                        f"版本“{rev}”中的 {shown} 是一个 git 子模块：pubgen diff 不读取子模块，其中的改动不会列出。"
                        "内容文件请直接放在本仓库的 content/ 里。",
                        shown,
                        severity=Severity.WARNING,
                    )
                )
            elif kind == "blob":
                error = blobs.write(oid, folder.joinpath(*parts))
                if error:
                    notices.append(Problem("unreadable-file", f"无法从版本“{rev}”取出 {shown}：{error}。", shown))
    return notices


def _link_inside(shown: str, target: str) -> bool:
    """Does a link at ``shown`` (``content/…``) point inside content/, read as git stores it (never resolved on disk)?"""
    if target.startswith("/") or "\\" in target:
        return False
    where = posixpath.normpath(posixpath.join(posixpath.dirname(shown), target))
    return where == "content" or where.startswith("content/")


class _Blobs:
    """One ``git cat-file --batch`` process: blobs asked for one at a time, streamed, never held whole unless read."""

    def __init__(self, top: Path, rev: str) -> None:
        self.top, self.rev = top, rev
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> _Blobs:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None:
                    stream.close()
            self.proc.wait()

    def _ask(self, oid: str) -> tuple[Any, int]:
        """Ask git for ``oid``; the stream to read it from and its size."""
        if self.proc is None:
            try:
                self.proc = subprocess.Popen(
                    ["git", "-C", str(self.top), "cat-file", "--batch"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                raise RevisionUnreadable("找不到 git 命令：请先安装 git。") from None
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            self.proc.stdin.write(oid.encode("ascii", "replace") + b"\n")
            self.proc.stdin.flush()
            header = self.proc.stdout.readline().split()
        except OSError as exc:
            raise RevisionUnreadable(f"无法从版本“{self.rev}”取出 content/：{exc}") from None
        if len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():
            raise RevisionUnreadable(f"无法从版本“{self.rev}”取出 content/：git 找不到对象 {oid}。")
        return self.proc.stdout, int(header[2])

    def _chunks(self, oid: str) -> Iterator[bytes]:
        """The blob's bytes in pieces; the whole object is always consumed, to stay in step with git."""
        stream, left = self._ask(oid)
        while left > 0:
            chunk = stream.read(min(left, 1 << 20))
            if not chunk:
                raise RevisionUnreadable(f"无法从版本“{self.rev}”取出 content/：git cat-file 提前结束。")
            left -= len(chunk)
            yield chunk
        stream.read(1)  # the newline after each object

    def read(self, oid: str, limit: int) -> bytes:
        """At most ``limit`` bytes of the blob."""
        kept = bytearray()
        for chunk in self._chunks(oid):
            kept += chunk[: max(0, limit - len(kept))]
        return bytes(kept)

    def write(self, oid: str, path: Path) -> str | None:
        """Write the blob to a new file at ``path``; why it could not be, or None."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            out = open(path, "xb")  # never onto something already there (names differing only in case, on some disks)
        except OSError as exc:
            for _ in self._chunks(oid):
                pass
            return exc.strerror or str(exc)
        with out:
            for chunk in self._chunks(oid):
                out.write(chunk)
        return None
