"""Fatal errors: a small tree rooted in click's exception, each with an exit code."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import click


class PubgenError(click.ClickException):
    """Something stopped pubgen; the message says what, in the editor's language."""

    exit_code = 1

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"错误：{self.format_message()}", err=True)


class UsageProblem(PubgenError):
    """The command was given something it cannot use (a file outside the project, options that go together)."""

    exit_code = 2


class ContentInvalid(PubgenError):
    """Validation found errors: nothing is published."""

    def __init__(self, message: str, report_text: str = "") -> None:
        super().__init__(message)
        self.report_text = report_text
        """Every problem found, as printed for editors."""


class BuildFailed(PubgenError):
    """MkDocs could not build the site: nothing is published."""


class ProjectNotFound(PubgenError):
    """The project folder lacks content/, templates/ or mkdocs.yml."""

    exit_code = 2


class SiteDirRefused(PubgenError):
    """The folder given for the site is one that publishing would destroy: nothing was touched."""

    exit_code = 2


class FilesystemError(PubgenError):
    """Reading or writing a file failed (disk full, read-only, no permission …): what, where, and what to do."""


_WHAT: dict[int, tuple[str, str]] = {
    # errno: (what went wrong, what to do)
    errno.ENOSPC: ("磁盘空间已满", "请腾出空间，或换到空间足够的位置，然后重试"),
    errno.EDQUOT: ("磁盘配额已用完", "请清理文件或申请更大的配额，然后重试"),
    errno.EROFS: ("所在的文件系统是只读的", "请换一个可写的位置（例如用 --site-dir 指定网站文件夹），或把它重新挂载为可写"),
    errno.EACCES: ("没有权限", "请检查这个路径及其上级文件夹的权限和所有者，或换一个有权限的用户运行"),
    errno.EPERM: ("操作不被允许", "请检查这个路径的权限和属性（例如 chattr +i 设置的不可修改属性）"),
    errno.EBUSY: (
        "正被占用，它可能是一个挂载点",
        "pubgen 发布时会整体换掉网站文件夹，挂载点换不掉；请把 --site-dir 指向挂载点里面的一个子文件夹，或先卸载它",
    ),
    errno.EXDEV: (
        "跨越了两个文件系统",
        "网站文件夹必须和它的上级文件夹在同一个文件系统上；请把 --site-dir 指向挂载点里面的一个子文件夹",
    ),
    errno.ENOENT: ("不存在", "请确认路径是否写对，或者它是否正被别的程序删除"),
    errno.ENOTDIR: ("路径中有一项不是文件夹", "请确认路径是否写对"),
    errno.EISDIR: ("是一个文件夹，这里需要文件", "请确认路径是否写对"),
    errno.ENOTEMPTY: ("不是空文件夹", "请确认路径是否写对，或先把它移走"),
    errno.EEXIST: ("已经存在", "请确认路径是否写对，或先把它移走"),
    errno.ENAMETOOLONG: ("路径太长", "请换一个较短的路径"),
    errno.ELOOP: ("符号链接绕成了环", "请检查路径中的符号链接"),
    errno.EMFILE: ("同时打开的文件太多", "请关闭其他程序或调高上限（ulimit -n）后重试"),
    errno.ENFILE: ("系统同时打开的文件太多", "请关闭其他程序后重试"),
    errno.EIO: ("读写出错，磁盘或网络文件系统可能有故障", "请检查磁盘或网络连接后重试"),
    errno.ENOLCK: ("无法加锁", "这个文件系统不支持文件锁；请把网站文件夹放在本机磁盘上"),
    errno.ETXTBSY: ("正被执行，不能改写", "请先停止正在使用它的程序"),
    errno.ENOMEM: ("内存不足", "请关闭其他程序后重试"),
}


def filesystem_error(exc: OSError, fallback: Path | None = None, kept: str = "") -> FilesystemError:
    """Say in Chinese which path failed, why, and what to do; ``kept`` says what stayed as it was.

    ``fallback`` is named when the error does not carry a path (a failed ``write`` on an
    open file knows only its descriptor).
    """
    todo = _WHAT.get(exc.errno or 0, ("", "请检查这个路径后重试"))[1]
    cause = os_cause(exc)
    name, other = _path(exc.filename), _path(exc.filename2)
    if name and other:
        where = f"复制或移动 {name} 到 {other} 时出错"
    elif name:
        where = f"读写 {name} 时出错"
    elif fallback is not None:
        where = f"在 {fallback} 中读写文件时出错"
    else:
        where = "读写文件时出错"
    return FilesystemError(f"{where}：{cause}。{todo}。{kept}".rstrip())


def os_cause(exc: OSError) -> str:
    """What went wrong, in Chinese, with the error's code: “不存在（ENOENT）”."""
    what = _WHAT.get(exc.errno or 0, (exc.strerror or str(exc), ""))[0]
    code = errno.errorcode.get(exc.errno or 0)
    return f"{what}（{code}）" if code else what


def _path(name: object) -> str | None:
    if isinstance(name, bytes):
        return os.fsdecode(name)
    if isinstance(name, (str, os.PathLike)):
        return os.fspath(name)
    return None  # absent, or a file descriptor
