"""A table of 3,000 rows whose parents go round in one loop."""

from __future__ import annotations

from pathlib import Path

ROWS = 3000


def make(project: Path, outside: Path) -> None:
    lines = [
        "department: hebei/xingtai/pingxiang/xinfangju",
        "year: 2030",
        "kind: budget",
        "title: 平乡县信访局2030年部门预算",
        "body:",
        "  - type: table",
        "    id: loop",
        "    title: 绕成环的表",
        "    columns:",
        "      - {id: budget, label: 预算数}",
        "    rows:",
    ]
    for i in range(ROWS):
        lines.append(f"      - {{id: r{i}, label: 第{i}行, parent: r{(i + 1) % ROWS}, values: [1]}}")
    folder = project / "content/documents/hebei/xingtai/pingxiang/xinfangju"
    (folder / "2030-budget.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
