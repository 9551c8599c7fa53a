"""Publish stage: swap a complete build into place in one step, or leave the old site untouched.

A build works in a staging folder beside the site (``.site.building-*``, on the same
file system) and publishes by exchanging the two folders' names in one system call
(Linux ``renameat2`` with ``RENAME_EXCHANGE``): at every instant ``site/`` is a real
folder holding either the whole old site or the whole new one. Where the file system
cannot exchange names, it falls back to two renames; a crash between them leaves the
old site at ``.site.old-*``, and the next build puts it back.

One build at a time publishes into a site: each holds an ``flock`` on the folder that
holds the site, from start to end. So whatever ``.site.building-*`` or ``.site.old-*`` a
build finds once it holds the lock was left by a build that crashed, and it is removed
(after putting a crashed two-rename swap's old site back) before anything else is done.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import random
import re
import shutil
import string
import sys
import tempfile
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from .errors import filesystem_error
from .parallel import Background
from .sitedir import check_site_dir, is_site, mark

if sys.platform != "win32":
    import fcntl

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}
"""What ``renameat2`` answers where the kernel or the file system cannot exchange names."""


@contextmanager
def publishing(project_root: Path, site_dir: Path) -> Iterator[Path]:
    """Claim ``site_dir`` for one build; yields it with symlinks resolved.

    Refuses a folder that publishing would destroy before anything is touched, waits
    for any other build into the same site, removes what crashed builds left, and turns
    every file-system error inside the block into a message saying what to do.
    """
    try:
        site = check_site_dir(project_root, site_dir)
    except OSError as exc:
        raise filesystem_error(exc, site_dir, "没有改动任何文件。") from None
    try:
        with _locked(site):
            _recover(site)
            _remove(_leftovers(site), strict=True)
            yield site
    except OSError as exc:
        raise filesystem_error(exc, site.parent, f"已发布的网站 {site} 没有改动。") from None


def staging_dir(site_dir: Path) -> Path:
    """A fresh folder beside ``site_dir`` (same file system, so the swap is a rename)."""
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))


def publish(built: Path, site_dir: Path) -> None:
    """Put ``built`` at ``site_dir`` in one step; the replaced site, if any, is left at ``built``."""
    mark(built)
    if not os.path.lexists(site_dir):
        os.rename(built, site_dir)  # nothing to replace: one rename is already atomic
        return
    try:
        _exchange(built, site_dir)
    except OSError as exc:
        if exc.errno not in _NO_EXCHANGE:
            raise
        _swap_in_two_steps(built, site_dir)


def discard(staging: Path) -> None:
    """Remove the staging folder, which after :func:`publish` holds the replaced site.

    Its largest parts (the replaced site and the Markdown tree) are removed side by
    side on two cores: at 10,000 documents each is tens of thousands of files and
    takes seconds. What cannot be removed now is removed by the next build.
    Background processes still running (the command was stopped or failed midway) are
    stopped first: one writing on into the folder kept it from being removed.
    """
    Background.stop_all()
    try:
        parts = list(staging.iterdir())
    except OSError:
        parts = []
    _remove(parts, strict=False)
    shutil.rmtree(staging, ignore_errors=True)


def _exchange(a: Path, b: Path) -> None:
    """Swap the names of ``a`` and ``b`` atomically (``renameat2(RENAME_EXCHANGE)``); an error names ``b``."""
    renameat2 = _renameat2()
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available here", str(b))
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(b))  # named by the site: a mount point there is the usual cause


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """The C library's ``renameat2`` (glibc 2.28 or newer, Linux 3.15 or newer), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        fn: Any = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn  # type: ignore[no-any-return]


def _swap_in_two_steps(built: Path, site_dir: Path) -> None:
    """Where names cannot be exchanged: move the site aside, then the build in.

    Between the two renames there is no ``site_dir``; a crash there leaves the old site
    whole at ``.site.old-*``, which :func:`_recover` puts back.
    """
    old = site_dir.parent / f".{site_dir.name}.old-{''.join(random.choices(_SUFFIX, k=8))}"
    os.rename(site_dir, old)
    try:
        os.rename(built, site_dir)
    except BaseException:
        os.rename(old, site_dir)
        raise
    os.rename(old, built)  # the replaced site is removed with the staging folder


_SUFFIX = string.ascii_lowercase + string.digits + "_"
"""The characters of :func:`tempfile.mkdtemp`'s random suffix, eight of them."""


def _locked(site: Path) -> AbstractContextManager[None]:
    """Hold an ``flock`` on the site's parent folder for the block: builds into one site never interleave."""
    site.parent.mkdir(parents=True, exist_ok=True)
    return holding(site.parent, f".{site.name}.lock", f"另一个 pubgen build 正在 {site.parent} 中发布网站，等它结束后继续……")


@contextmanager
def holding(folder: Path, lock_file: str, waiting: str) -> Iterator[None]:
    """Hold an ``flock`` on ``folder`` for the block, saying ``waiting`` if another process holds it.

    Locking the folder leaves no lock file behind. Where the file system will not lock
    a folder opened for reading (NFS locks need a file open for writing), the file
    ``lock_file`` in it is locked instead, and stays.
    """
    if sys.platform == "win32":  # no flock: builds into one folder must not be started together there
        yield
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        try:
            _lock(fd, waiting)
        except OSError as exc:
            if exc.errno != errno.EBADF:
                raise
            os.close(fd)
            fd = os.open(folder / lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            _lock(fd, waiting)
        yield
    finally:
        os.close(fd)  # releases the lock


def _lock(fd: int, waiting: str) -> None:
    if sys.platform == "win32":
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        click.echo(waiting, err=True)
        fcntl.flock(fd, fcntl.LOCK_EX)


def _leftovers(site: Path) -> list[Path]:
    """Staging folders and set-aside sites of builds into ``site`` (stale once the lock is held)."""
    pattern = re.compile(rf"\.{re.escape(site.name)}\.(building|old)-[a-z0-9_]{{8}}")
    found = []
    for entry in os.scandir(site.parent):
        if pattern.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
            found.append(Path(entry.path))
    return sorted(found)


def _recover(site: Path) -> None:
    """Put back the old site that a crash between the two renames of a fallback swap left aside."""
    if os.path.lexists(site):
        return
    aside = [p for p in _leftovers(site) if p.name.startswith(f".{site.name}.old-")]
    if aside:
        newest = max(aside, key=lambda p: p.stat().st_mtime)
        os.rename(newest, site)
        if not is_site(site):
            mark(site)  # set aside by an older pubgen, which wrote no marker: only pubgen uses that name


def _remove(folders: list[Path], strict: bool) -> None:
    """Remove ``folders`` side by side on two cores; with ``strict``, a folder that stays is an error."""
    if not folders:
        return
    other = None
    if len(folders) > 1:
        try:
            other = Background(_rmtree, folders[0], strict)
        except OSError:  # no memory to fork a large build: remove it here instead
            other = None
    for folder in folders[1 if other else 0 :]:
        _rmtree(folder, strict)
    if other is not None:
        try:
            other.join()
        except OSError:
            if strict:
                raise
        except Exception:  # noqa: BLE001 - the other process died; remove its share here
            _rmtree(folders[0], strict)


def _rmtree(folder: Path, strict: bool) -> None:
    shutil.rmtree(folder, ignore_errors=not strict)
