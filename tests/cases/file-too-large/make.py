"""Write a 50 MB document at test time (a 50 MB file is not committed)."""

from pathlib import Path

SIZE = 50 * 1024 * 1024


def make(case_dir: Path) -> None:
    path = case_dir / "content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    head = path.read_bytes()
    line = "  # 填充行：误把大文件放进了内容目录。\n".encode("utf-8")
    with path.open("wb") as f:
        f.write(head)
        f.write(line * ((SIZE - len(head)) // len(line) + 1))
