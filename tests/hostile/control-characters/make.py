"""Control characters written raw, and written as escapes inside double quotes."""

from __future__ import annotations

from pathlib import Path

HEADER = "department: hebei/xingtai/pingxiang/xinfangju\nyear: {year}\nkind: budget\n"


def make(project: Path, outside: Path) -> None:
    folder = project / "content/documents/hebei/xingtai/pingxiang/xinfangju"
    raw = HEADER.format(year=2030) + "title: 标题\x01带控制字符\nbody:\n  - type: text\n    text: x\n"
    (folder / "2030-budget.yml").write_text(raw, encoding="utf-8")
    escaped = (
        HEADER.format(year=2031)
        + 'title: "终端转义\\e[31m红色\\e[0m"\n'
        + "body:\n"
        + '  - type: text\n    text: "C1 控制字符\\x9b31m"\n'
        + '  - type: text\n    text: "删除符\\x7f"\n'
        + '  - type: text\n    text: "退格\\b和响铃\\a"\n'
    )
    (folder / "2031-budget.yml").write_text(escaped, encoding="utf-8")
    (folder / "2032-budget.yml").write_text(HEADER.format(year=2032) + "title: 标题\x1b[2J清屏\nbody: []\n", encoding="utf-8")
