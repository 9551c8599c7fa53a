"""One long text (a megabyte of figures) followed by 2,000 tables compiled from it.

Each table's figures were looked for in the whole text again: checking this
2.3 MB document took more than ten minutes.
"""

from __future__ import annotations

from pathlib import Path

TABLES = 2000


def make(project: Path, outside: Path) -> None:
    text = "收入329.48万元，支出12.5万元。" * 50000
    lines = [
        "department: hebei/xingtai/pingxiang/xinfangju",
        "year: 2030",
        "kind: budget",
        "title: 很多据正文整理的表",
        "body:",
        "  - type: text",
        f'    text: "{text}"',
    ]
    for i in range(TABLES):
        lines += [
            "  - type: table",
            "    from_text: true",
            f"    id: t{i}",
            "    columns:",
            "      - {id: budget, label: 预算数}",
            "    rows:",
            f"      - {{id: total, label: 合计, values: [{'329.48' if i % 2 else '12.5'}]}}",
        ]
    folder = project / "content/documents/hebei/xingtai/pingxiang/xinfangju"
    (folder / "2030-budget.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
