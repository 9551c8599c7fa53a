"""A document whose file name is not valid UTF-8 (bytes from a GBK system), another with a terminal escape in its name."""

from __future__ import annotations

import os
from pathlib import Path


def make(project: Path, outside: Path) -> None:
    folder = project / "content/documents/hebei/xingtai/pingxiang/xinfangju"
    source = folder / "2021-budget.yml"
    text = source.read_text(encoding="utf-8").replace("year: 2021", "year: 2030").replace("title: 平乡县信访局2021年", "title: 平乡县信访局2030年")
    os.rename(os.fsencode(source), os.fsencode(folder) + b"/2021-\xd4\xa4\xcb\xe3.yml")
    (folder / "2030-\x1b[31mbudget.yml").write_text(text, encoding="utf-8")
