"""Publish stage: swap a complete build into place, or leave the old site untouched."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def staging_dir(site_dir: Path) -> Path:
    """A fresh folder beside ``site_dir`` (same file system, so the swap is a rename)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))


def publish(built: Path, site_dir: Path) -> Path:
    """Replace ``site_dir`` with ``built``; readers never see a half-written site."""
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
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return site_dir


def discard(path: Path) -> None:
    """Remove a staging folder after a failed build."""
    shutil.rmtree(path, ignore_errors=True)
