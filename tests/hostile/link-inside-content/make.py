"""Links that point inside content/: a document to another one, a folder to another folder."""

from __future__ import annotations

from pathlib import Path


def make(project: Path, outside: Path) -> None:
    documents = project / "content/documents"
    (documents / "hebei/xingtai/pingxiang/xinfangju/2022-budget.yml").symlink_to("2021-budget.yml")
    (documents / "guangdong/copy").symlink_to("../hebei", target_is_directory=True)
