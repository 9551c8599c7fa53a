"""Tools for the crash and file-system fault tests: whole trees, process sessions, real mounts."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from .conftest import ROOT


def tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: folders, symlinks and each file's bytes (as a digest)."""
    entries: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        for name in dirnames:
            path = here / name
            entries[path.relative_to(folder).as_posix() + "/"] = "link " + os.readlink(path) if path.is_symlink() else "folder"
        for name in filenames:
            path = here / name
            rel = path.relative_to(folder).as_posix()
            entries[rel] = "link " + os.readlink(path) if path.is_symlink() else hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


def left_over(site: Path) -> list[str]:
    """What builds left beside ``site``: anything named after it."""
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


def build_command(project: Path, site: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pubgen", "build", "--project", str(project), "--site-dir", str(site), *extra]


def child_env(**extra: str) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1", **extra)


def session(sid: int) -> list[str]:
    """Processes still alive (not zombies) in session ``sid``, as 'pid state command'."""
    alive = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            cmdline = Path(entry.path, "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # gone meanwhile
        # Fields after the command (which may hold spaces and parentheses): state, ppid, pgrp, session, …
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == sid and fields[0] not in ("Z", "X"):
            alive.append(f"{entry.name} {fields[0]} {cmdline[:120]}")
    return alive


def wait_until_gone(sid: int, timeout: float = 5.0) -> list[str]:
    """Wait up to ``timeout`` seconds for session ``sid`` to empty; return what is still alive."""
    deadline = time.monotonic() + timeout
    alive = session(sid)
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = session(sid)
    return alive


def kill_session(sid: int) -> None:
    """Clean up after a failed test: nothing of it may outlive the test run."""
    for line in session(sid):
        try:
            os.kill(int(line.split()[0]), 9)
        except ProcessLookupError:
            pass


@contextmanager
def mounted(where: Path, *options: str, source: str = "tmpfs", fstype: str | None = "tmpfs") -> Iterator[Path]:
    """A real mount at ``where`` for the block, unmounted after.

    Skipped with the reason when the kernel refuses (not root, no CAP_SYS_ADMIN), except
    under ``CI=true``, where CI runs as root and a skip would hide an untested guarantee.
    """
    where.mkdir(parents=True, exist_ok=True)
    command = ["mount", *(["-t", fstype] if fstype else []), *(["-o", ",".join(options)] if options else []), source, str(where)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        why = f"this machine does not allow `{' '.join(command)}`: {done.stderr.strip()}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why} (CI runs as root and must run this test)")
        pytest.skip(why)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def remount(where: Path, *options: str) -> None:
    subprocess.run(["mount", "-o", ",".join(("remount", *options)), str(where)], check=True, capture_output=True)


def corpus(dest: Path, documents: int, seed: int, used_regions_only: bool = False) -> Path:
    """A generated project of ``documents`` documents (benchmarks/corpus.py); with ``used_regions_only``, only their regions."""
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(dest), "--documents", str(documents), "--seed", str(seed)]
        + (["--used-regions-only"] if used_regions_only else []),
        check=True,
        capture_output=True,
    )
    return dest
