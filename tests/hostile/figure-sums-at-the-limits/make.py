"""A table whose figures are at the limits and whose sum passes through 29 significant digits.

6,000 rows under one total: 2,000 pairs of +999999999999999.9999999999 and
0.0000000001, then 2,000 of -999999999999999.9999999999. Exact, the sum is
0.0000002, the total. In Python's default 28-digit context the running sum is
rounded once it passes 10^18, each 0.0000000001 added after that is rounded
away or doubled, the sum came out as 0.0000001, and the check reported a
sum-mismatch that was not there.
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
        "      - {id: total, label: 合计, values: [0.0000002]}",
    ]
    for i in range(2000):
        lines.append(f"      - {{id: up-{i}, label: 增加{i}, parent: total, values: [{BIG}]}}")
        lines.append(f"      - {{id: bit-{i}, label: 零头{i}, parent: total, values: [{TINY}]}}")
    for i in range(2000):
        lines.append(f"      - {{id: down-{i}, label: 减少{i}, parent: total, values: [-{BIG}]}}")
    folder = project / "content/documents/hebei/xingtai/pingxiang/xinfangju"
    (folder / "2030-budget.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
