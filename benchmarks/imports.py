"""Time `pubgen import` of each real PDF: reading, mapping, writing and checking, wall and CPU time.

    python benchmarks/imports.py [--runs 3] [--real /work/shared/real]

Each run imports one PDF into a fresh copy of the bundled project's content without the
Putuo documents (so nothing is overwritten), the way `pubgen import FILE` does it, and
reports the best of the runs; CPU time (``time.process_time``) is the fair figure on a
shared machine. The result is a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from pubgen.importers.reading import read_file
from pubgen.importers.writer import Options, run

ROOT = Path(__file__).resolve().parent.parent
DEPARTMENTS = {
    "putuo-caizhengju-2024-final-accounts.pdf": None,
    "putuo-government-office-2025-budget-department.pdf": "shanghai/putuo/zhengfu-bangongshi",
    "putuo-government-office-2025-budget-unit.pdf": "shanghai/putuo/zhengfu-bangongshi",
    "putuo-commerce-2025-budget-department.pdf": "shanghai/putuo/shangwuwei",
    "putuo-commerce-2025-budget-unit.pdf": "shanghai/putuo/shangwuwei",
    "putuo-wanli-street-2024-budget.pdf": "shanghai/putuo/wanli-jiedao",
    "putuo-wanli-street-2025-budget.pdf": "shanghai/putuo/wanli-jiedao",
}


def _content(into: Path) -> Path:
    content = into / "content"
    shutil.copytree(ROOT / "content", content)
    for folder in ("documents", "departments"):
        shutil.rmtree(content / folder / "shanghai", ignore_errors=True)
    regions = content / "regions.yml"
    text = regions.read_text(encoding="utf-8")
    if "  - slug: shanghai\n" in text:
        regions.write_text(text[: text.index("  - slug: shanghai\n")], encoding="utf-8")
    return content


def measure(pdf: Path, department: str | None, runs: int) -> tuple[int, float, float, float, float]:
    """Pages, best wall and CPU seconds for reading alone, best wall and CPU seconds for the whole import."""
    best_read = (float("inf"), float("inf"))
    best_all = (float("inf"), float("inf"))
    pages = 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        pages = read_file(str(pdf)).pages
        best_read = min(best_read, (time.perf_counter() - wall, time.process_time() - cpu))
        with tempfile.TemporaryDirectory() as folder:
            content = _content(Path(folder))
            options = Options(department=department, region="shanghai/putuo")
            if "unit" in pdf.name and department:
                # A unit's document needs its department: import the department's document first, untimed.
                run([str(pdf).replace("-unit.pdf", "-department.pdf")], options, content)
            wall, cpu = time.perf_counter(), time.process_time()
            outcome = run([str(pdf)], options, content)
            best_all = min(best_all, (time.perf_counter() - wall, time.process_time() - cpu))
            assert outcome.ok, outcome.failures
    return pages, best_read[0], best_read[1], best_all[0], best_all[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--real", type=Path, default=Path("/work/shared/real"))
    args = parser.parse_args()
    print("| file | pages | reading, wall / CPU | whole import (read, map, write, check), wall / CPU |")
    print("|---|---:|---:|---:|")
    for name, department in DEPARTMENTS.items():
        pages, read_wall, read_cpu, all_wall, all_cpu = measure(args.real / name, department, args.runs)
        print(f"| {name.removesuffix('.pdf')} | {pages} | {read_wall:.2f} / {read_cpu:.2f} s | {all_wall:.2f} / {all_cpu:.2f} s |")


if __name__ == "__main__":
    main()
