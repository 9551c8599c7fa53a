"""content/ replaced by a regular file."""

from __future__ import annotations

import shutil
from pathlib import Path


def make(project: Path, outside: Path) -> None:
    shutil.rmtree(project / "content")
    (project / "content").write_text("这不是文件夹\n", encoding="utf-8")
