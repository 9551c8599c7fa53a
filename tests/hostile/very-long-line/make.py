"""A document whose text is one line of four million characters, just under the size limit."""

from __future__ import annotations

from pathlib import Path


def make(project: Path, outside: Path) -> None:
    line = ("很长的一行" + "ab" * 47 + "c") * 40000
    text = (
        "department: hebei/xingtai/pingxiang/xinfangju\nyear: 2030\nkind: budget\ntitle: 很长的一行\n"
        f'body:\n  - type: text\n    text: "{line}"\n  - type: heading\n    level: 2\n    text: 末尾的标题LONG-LINE-END\n'
    )
    (project / "content/documents/hebei/xingtai/pingxiang/xinfangju/2030-budget.yml").write_text(text, encoding="utf-8")
