"""Links that go round in a loop, and a link to itself."""

from __future__ import annotations

from pathlib import Path


def make(project: Path, outside: Path) -> None:
    folder = project / "content/documents/hebei/xingtai/pingxiang/xinfangju"
    (folder / "2022-budget.yml").symlink_to("2023-budget.yml")
    (folder / "2023-budget.yml").symlink_to("2022-budget.yml")
    (folder / "2024-budget.yml").symlink_to("2024-budget.yml")
    (project / "content/departments/hebei/loop").symlink_to("loop", target_is_directory=True)
