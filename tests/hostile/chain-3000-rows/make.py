"""A table of 3,000 rows, each the parent of the next, written from the deepest row up.

Checking it took over a minute (the cycle search was cubic), and building it
ended in RecursionError (row depths were computed recursively, one call per level).
"""

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
        "    id: chain",
        "    title: 逐级细分的支出",
        "    columns:",
        "      - {id: budget, label: 预算数}",
        "    rows:",
    ]
    for i in reversed(range(ROWS)):
        parent = f", parent: r{i - 1}" if i else ""
        lines.append(f"      - {{id: r{i}, label: 第{i}级{parent}, values: [1.00]}}")
    folder = project / "content/documents/hebei/xingtai/pingxiang/xinfangju"
    (folder / "2030-budget.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
