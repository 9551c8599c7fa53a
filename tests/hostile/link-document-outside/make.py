"""A document file that is a symbolic link to a YAML file outside the project."""

from __future__ import annotations

from pathlib import Path

SECRET = """\
department: hebei/xingtai/pingxiang/xinfangju
year: 2023
kind: budget
title: OUTSIDE-SECRET-TITLE
body:
  - type: text
    text: OUTSIDE-SECRET-BODY
"""


def make(project: Path, outside: Path) -> None:
    (outside / "secret.yml").write_text(SECRET, encoding="utf-8")
    link = project / "content/documents/hebei/xingtai/pingxiang/xinfangju/2023-budget.yml"
    link.symlink_to(outside / "secret.yml")
