"""A score breakdown of 3,000 items, each the parent of the next: the sums recursed once per level."""

from __future__ import annotations

from pathlib import Path

ITEMS = 3000


def make(project: Path, outside: Path) -> None:
    lines = [
        "department: hebei/xingtai/pingxiang/xinfangju",
        "year: 2030",
        "kind: self-evaluation",
        "title: 平乡县信访局2030年部门整体支出绩效自评报告",
        "score: 90",
        "grade: 优",
        "body:",
        "  - type: scores",
        "    items:",
    ]
    for i in range(ITEMS):
        parent = f", parent: 项{i - 1}" if i else ", weight: 100"
        lines.append(f"      - {{name: 项{i}{parent}, score: 90}}")
    lines += ["    total: 90", "    grade: 优"]
    folder = project / "content/documents/hebei/xingtai/pingxiang/xinfangju"
    (folder / "2030-self-evaluation.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
