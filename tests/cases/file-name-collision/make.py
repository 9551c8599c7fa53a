"""Make the second file, whose name differs only in case: a repository holding both cannot be checked out on Windows or macOS."""

from pathlib import Path


def make(case_dir: Path) -> None:
    folder = case_dir / "content/documents/hebei/xingtai/pingxiang/xinfangju"
    text = (folder / "2021-budget.yml").read_text(encoding="utf-8")
    (folder / "2022-budget.yml").write_text(text.replace("year: 2021", "year: 2022").replace("2021年", "2022年"), encoding="utf-8")
    (folder / "2022-Budget.yml").write_text(text.replace("year: 2021", "year: 2023").replace("2021年", "2023年"), encoding="utf-8")
