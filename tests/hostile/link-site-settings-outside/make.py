"""content/site.yml replaced by a link to settings outside the project."""

from __future__ import annotations

from pathlib import Path


def make(project: Path, outside: Path) -> None:
    (outside / "site.yml").write_text("title: OUTSIDE-SECRET-TITLE\nunit: 万元\n", encoding="utf-8")
    site = project / "content/site.yml"
    site.unlink()
    site.symlink_to(outside / "site.yml")
