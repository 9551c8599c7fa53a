"""A 50 MB document, made at test time: valid YAML, one enormous text."""

from __future__ import annotations

from pathlib import Path

HEADER = b"department: hebei/xingtai/pingxiang/xinfangju\nyear: 2030\nkind: budget\ntitle: BIG-FILE-TITLE\nbody:\n  - type: text\n    text: |\n"


def make(project: Path, outside: Path) -> None:
    path = project / "content/documents/hebei/xingtai/pingxiang/xinfangju/2030-budget.yml"
    line = b"      " + "五十兆字节的正文。".encode() * 100 + b"\n"
    with path.open("wb") as out:
        out.write(HEADER)
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            out.write(line)
