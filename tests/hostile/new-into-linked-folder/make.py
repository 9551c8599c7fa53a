"""The department's documents folder moved outside the project and linked back."""

from __future__ import annotations

import shutil
from pathlib import Path


def make(project: Path, outside: Path) -> None:
    folder = project / "content/documents/hebei/xingtai/pingxiang/xinfangju"
    shutil.move(folder, outside / "xinfangju")
    folder.symlink_to(outside / "xinfangju", target_is_directory=True)
