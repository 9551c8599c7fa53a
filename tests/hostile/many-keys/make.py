"""100,000 keys: unknown fields at the top of one document, indicator labels in another."""

from __future__ import annotations

from pathlib import Path

HEADER = "department: hebei/xingtai/pingxiang/xinfangju\nyear: {year}\nkind: budget\ntitle: 很多键\n"
KEYS = 100_000


def make(project: Path, outside: Path) -> None:
    folder = project / "content/documents/hebei/xingtai/pingxiang/xinfangju"
    unknown = "".join(f"k{i}: v\n" for i in range(KEYS))
    (folder / "2030-budget.yml").write_text(HEADER.format(year=2030) + "body:\n  - type: text\n    text: x\n" + unknown, encoding="utf-8")
    labels = "".join(f"      l{i}: v\n" for i in range(KEYS))
    indicators = f"body:\n  - type: indicators\n    title: 指标\n    labels:\n{labels}    rows:\n      - name: 指标\n"
    (folder / "2031-budget.yml").write_text(HEADER.format(year=2031) + indicators, encoding="utf-8")
