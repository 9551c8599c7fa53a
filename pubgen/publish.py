"""Publish stage: swap a complete build into place, or leave the old site untouched."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .parallel import Background


def staging_dir(site_dir: Path) -> Path:
    """A fresh folder beside ``site_dir`` (same file system, so the swap is a rename)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))


def publish(built: Path, site_dir: Path) -> Path | None:
    """Replace ``site_dir`` with ``built``; readers never see a half-written site.

    Returns the folder the replaced site was moved to, for :func:`discard` to remove.
    """
    old: Path | None = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        old.rmdir()
        os.rename(site_dir, old)
    try:
        os.rename(built, site_dir)
    except OSError:
        if old is not None:
            os.rename(old, site_dir)
        raise
    return old


def discard(*paths: Path | None) -> None:
    """Remove the staging folder and the replaced site, side by side on two cores.

    At 10,000 documents each is tens of thousands of files and takes seconds to remove.
    """
    folders = [p for p in paths if p is not None]
    other = None
    if len(folders) > 1:
        try:
            other = Background(shutil.rmtree, folders[0], True)
        except OSError:  # no memory to fork a large build: remove it here instead
            other = None
    for folder in folders[1 if other else 0 :]:
        shutil.rmtree(folder, ignore_errors=True)
    if other is not None:
        try:
            other.join()
        except Exception:  # noqa: BLE001 - the site is already in place; only the clean-up is left
            shutil.rmtree(folders[0], ignore_errors=True)
