"""The site a build replaced, kept so that the next build moves its unchanged department folders in.

A department's pages are linked from the build cache into each new site, one hard
link per file, and the replaced site is removed after publishing, one unlink per
file. At 10,000 documents that is 114,000 links and as many unlinks for every
build, a one-document edit too: 2.5 s of one core's time while the site-wide pages
are made, and 2 s after publishing, on this project's benchmark machine.

So a build that used the cache keeps the site it replaced in ``.pubgen-cache/spare/``
(:func:`retire`: one rename, on the same file system only; a first build links the site
it published there instead), and the next build takes
it (:func:`claim`, under the cache's lock) and moves a department's folder from it
into the new site instead of linking the folder anew (:func:`take`), where the
folder holds exactly what linking would make: the same names, each file the very
file of the build cache (the same inode on the same device), each folder a plain
one with the mode, owner, group and extended attributes (an ACL) a new folder gets. Anything else — a file added, removed, renamed or
replaced in the published site, a link where a file was, a folder whose mode was
changed, a department rebuilt since (its cache files are new) — and the folder is
linked from the cache as before. A file edited in place is the cache's file too:
the seal of the cache (:func:`pubgen.pipeline.sealed`) finds it, its shard is built
again, and its new files are not the spare's. What the next build does not take is
removed with its staging folder, after publishing.
"""

from __future__ import annotations

import os
import shutil
import stat
import time
from pathlib import Path

from .shard import link_tree

FOLDER = "spare"
"""Under the project's ``.pubgen-cache/``: the sites builds replaced, each in a folder of its own."""


def retire(replaced: Path, published: Path, cache_root: Path) -> None:
    """After publishing: keep the replaced site (at ``replaced``) for the next build, if it can be moved there in one rename.

    Where nothing was replaced (the first build into ``published``), the published site is linked into the
    spare folder instead, file by file (as the next build would link it): so the first edit after a full
    build is as quick as the later ones, and the full build pays the links, after publishing.
    """
    folder = cache_root / FOLDER
    name = f"site-{time.time_ns():020d}-{os.getpid()}"
    try:
        folder.mkdir(exist_ok=True)
        if replaced.is_dir() and not replaced.is_symlink():
            os.rename(replaced, folder / name)
        elif os.stat(published).st_dev == os.stat(folder).st_dev:  # on another file system, links would be copies
            making = folder / f".making-{os.getpid()}"
            try:
                link_tree(published, making)
                os.rename(making, folder / name)
            finally:
                shutil.rmtree(making, ignore_errors=True)
    except OSError:
        pass  # another file system (or no room for a name): removed with the staging folder, as without a spare


def claim(cache_root: Path, staging: Path) -> Path | None:
    """The newest site kept in ``cache_root``, moved into ``staging`` (removed with it); older ones are moved there too.

    Called under the build cache's lock; a site another build is retiring meanwhile is either
    moved here whole or left for the next build (a rename is atomic).
    """
    folder = cache_root / FOLDER
    try:
        found = list(folder.iterdir())
    except OSError:
        return None
    kept = sorted((p for p in found if p.name.startswith("site-")), reverse=True)
    # A site half linked in by a build killed meanwhile is removed with the staging folder, never taken.
    half = [p for p in found if p.name.startswith(".making-")]
    chosen: Path | None = None
    for at, site in enumerate(kept + half):
        target = staging / f"spare-{at}"
        try:
            os.rename(site, target)
        except OSError:
            shutil.rmtree(site, ignore_errors=True)  # another file system than the staging folder's: of no use
            continue
        if chosen is None and site in kept:
            chosen = target
    return chosen


def _attributes(path: str) -> list[str]:
    """The names of a folder's extended attributes (its ACL among them), sorted; none where the file system has none."""
    try:
        return sorted(os.listxattr(path, follow_symlinks=False))
    except (OSError, AttributeError):
        return []


def _listing(top: str, like: tuple[int, int, int, list[str]] | None) -> dict[str, int] | None:
    """Every entry under ``top`` (relative, with ``/``) → its inode, folders as -1; None if a folder is not plain.

    With ``like`` (permission bits, owner, group and extended attributes' names of a folder made now), a folder
    (``top`` too) that differs in any, or a link, makes it None.
    """
    found: dict[str, int] = {}
    todo = [(top, "")]
    while todo:
        at, prefix = todo.pop()
        if like is not None:
            info = os.lstat(at)
            if not stat.S_ISDIR(info.st_mode) or (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid, _attributes(at)) != like:
                return None
        with os.scandir(at) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    found[name] = -1
                    todo.append((entry.path, name + "/"))
                elif entry.is_symlink():
                    return None  # link_tree would have made a link to the file the symlink names, not a symlink
                else:
                    found[name] = entry.inode()
    return found


def folder_like(folder: Path) -> tuple[int, int, int, list[str]]:
    """What :func:`take` compares a spare's folders with: ``folder``'s (one made by this build) mode, owner, group and
    extended attributes' names."""
    info = os.lstat(folder)
    return stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid, _attributes(os.fspath(folder))


def take(spare: Path, source: Path, target: Path, like: tuple[int, int, int, list[str]]) -> bool:
    """Move ``spare`` to ``target`` if it holds what linking ``source`` there would make; whether it did.

    ``like`` is :func:`folder_like` of a folder made now (the tree's own, made by this build);
    ``target`` must not exist yet; its parent is made.
    """
    try:
        if os.lstat(spare).st_dev != os.lstat(source).st_dev:
            return False
        old = _listing(os.fspath(spare), like)
        if old is None or old != _listing(os.fspath(source), None):
            return False
        os.makedirs(target.parent, exist_ok=True)
        os.rename(spare, target)
    except OSError:
        return False
    return True
