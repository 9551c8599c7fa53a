"""Folders of content/ that are symbolic links to folders outside the project."""

from __future__ import annotations

from pathlib import Path

DOCUMENT = """\
department: hebei/xingtai/pingxiang/xinfangju
year: 2024
kind: budget
title: OUTSIDE-SECRET-TITLE
body:
  - type: text
    text: OUTSIDE-SECRET-BODY
"""
DEPARTMENT = """\
slug: waibu
region: hebei/xingtai/pingxiang
name: OUTSIDE-SECRET-DEPARTMENT
"""


def make(project: Path, outside: Path) -> None:
    (outside / "documents").mkdir()
    (outside / "documents" / "2024-budget.yml").write_text(DOCUMENT, encoding="utf-8")
    (outside / "departments").mkdir()
    (outside / "departments" / "waibu.yml").write_text(DEPARTMENT, encoding="utf-8")
    (project / "content/documents/hebei/xingtai/pingxiang/elsewhere").symlink_to(outside / "documents", target_is_directory=True)
    (project / "content/departments/hebei/linked").symlink_to(outside / "departments", target_is_directory=True)
