"""A commit holding symbolic links in content/: absolute, escaping with ../, and inside."""

from __future__ import annotations

from pathlib import Path


def make(project: Path, outside: Path) -> None:
    (outside / "secret.yml").write_text("title: OUTSIDE-SECRET-TITLE\n", encoding="utf-8")
    documents = project / "content/documents"
    (documents / "absolute.yml").symlink_to(outside / "secret.yml")
    (documents / "climbing.yml").symlink_to("../../../../../../../../../../etc/passwd")
    (documents / "hebei/xingtai/pingxiang/xinfangju/2022-budget.yml").symlink_to("2021-budget.yml")
    (documents / "escape-folder").symlink_to("/", target_is_directory=True)
    (project / "content/departments/control").symlink_to("\x1b[31mred\x1b[0m")
