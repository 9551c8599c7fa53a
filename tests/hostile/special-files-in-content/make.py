"""Named pipes where pubgen expects YAML files: a document and the glossary."""

from __future__ import annotations

import os
from pathlib import Path


def make(project: Path, outside: Path) -> None:
    os.mkfifo(project / "content/documents/hebei/xingtai/pingxiang/xinfangju/2022-budget.yml")
    glossary = project / "content/glossary.yml"
    glossary.unlink()
    os.mkfifo(glossary)
    (project / "content/regions.yml").unlink()
    (project / "content/regions.yml").mkdir()
