"""Nesting 200 levels deep: once as flow lists, once as block mappings, once as block lists."""

from __future__ import annotations

from pathlib import Path

HEADER = "department: hebei/xingtai/pingxiang/xinfangju\nyear: {year}\nkind: budget\ntitle: 嵌套\n"
DEPTH = 200


def make(project: Path, outside: Path) -> None:
    folder = project / "content/documents/hebei/xingtai/pingxiang/xinfangju"
    flow = "[" * DEPTH + "1" + "]" * DEPTH
    (folder / "2030-budget.yml").write_text(HEADER.format(year=2030) + f"body: {flow}\n", encoding="utf-8")
    block = "".join(f"{'  ' * i}k{i}:\n" for i in range(DEPTH)) + "  " * DEPTH + "v\n"
    (folder / "2031-budget.yml").write_text(HEADER.format(year=2031) + "body:\n" + "".join("  " + line + "\n" for line in block.splitlines()), encoding="utf-8")
    dashes = "".join(f"{'  ' * i}-\n" for i in range(DEPTH)) + "  " * DEPTH + "- x\n"
    (folder / "2032-budget.yml").write_text(HEADER.format(year=2032) + "body:\n" + "".join("  " + line + "\n" for line in dashes.splitlines()), encoding="utf-8")
