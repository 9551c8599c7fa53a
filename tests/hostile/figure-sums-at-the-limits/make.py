"""A table whose figures are at the limits and whose sum passes through 29 significant digits.

4,001 rows under one total: 2,000 of +999999999999999.9999999999, 2,000 of the
same negated and one of 0.0000000001, which is also the total. Exact, the sum is
the total; in Python's default 28-digit context the running sum is rounded once
it passes 10^18, and the check reported a sum-mismatch that was not there.
"""

from __future__ import annotations

from pathlib import Path

BIG = "999999999999999.9999999999"
TINY = "0.0000000001"


def make(project: Path, outside: Path) -> None:
    lines = [
        "department: hebei/xingtai/pingxiang/xinfangju",
        "year: 2030",
        "kind: budget",
        "title: 平乡县信访局2030年部门预算",
        "body:",
        "  - type: table",
        "    id: limits",
        "    title: 比上年增减",
        "    columns:",
        "      - {id: change, label: 比上年增减}",
        "    rows:",
        f"      - {{id: total, label: 合计, values: [{TINY}]}}",
    ]
    for i in range(2000):
        lines.append(f"      - {{id: up-{i}, label: 增加{i}, parent: total, values: [{BIG}]}}")
    for i in range(2000):
        lines.append(f"      - {{id: down-{i}, label: 减少{i}, parent: total, values: [-{BIG}]}}")
    lines.append(f"      - {{id: rest, label: 其余, parent: total, values: [{TINY}]}}")
    folder = project / "content/documents/hebei/xingtai/pingxiang/xinfangju"
    (folder / "2030-budget.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
