"""Time `pubgen import` of each real PDF: reading, mapping, writing and checking, wall and CPU time.

    python benchmarks/imports.py [--runs 3] [--real /work/shared/real]

Each run imports one PDF into a fresh copy of the bundled project's content without the
Putuo documents (so nothing is overwritten), the way `pubgen import FILE` does it, and
reports the best of the runs; CPU time (``time.process_time``) is the fair figure on a
shared machine. The result is a Markdown table for docs/performance.md.

Then each official workbook is read as published and with one empty formatted cell at the far
corner of every sheet (``XFD1048576``, what a template converted from .xls or a formatted whole
column leaves): reading must take about the same time, since only the stored cells are read.

Last, one long sheet of figures (1,000 to 16,000 rows × 20 columns, made with openpyxl): reading
must grow with the rows, not with their square (each row's cells were found by scanning the
whole sheet: 4,000 rows took about a minute).
"""

from __future__ import annotations

import argparse
import io
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from pubgen.importers.reading import read_bytes, read_file
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

WORKBOOKS = ("shanghai-2026-budget-workbook-department-template.xlsx", "shanghai-2026-budget-workbook-unit-template.xlsx")


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


def with_far_cell(data: bytes, ref: str = "XFD1048576") -> bytes:
    """The workbook with one empty formatted cell at ``ref`` on every sheet."""
    row = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
                content = content.replace(b"</sheetData>", f'<row r="{row}"><c r="{ref}" s="0"/></row></sheetData>'.encode())
            target.writestr(name, content)
    return out.getvalue()


def measure_workbook(path: Path, runs: int) -> tuple[int, float, float, float, float]:
    """Sheets, best wall and CPU seconds reading the workbook, and the same with one far empty formatted cell per sheet."""
    data = path.read_bytes()
    far = with_far_cell(data)
    best = {"as published": (float("inf"), float("inf")), "far cell": (float("inf"), float("inf"))}
    sheets = 0
    for _ in range(runs):
        for which, content in (("as published", data), ("far cell", far)):
            wall, cpu = time.perf_counter(), time.process_time()
            sheets = read_bytes(str(path), content).pages
            best[which] = min(best[which], (time.perf_counter() - wall, time.process_time() - cpu))
    return sheets, *best["as published"], *best["far cell"]


def long_sheet(rows: int, columns: int = 20) -> bytes:
    """A workbook of one sheet: a title row, then ``rows`` rows of figures."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["某某局2025年部门预算支出明细表"])
    for r in range(rows):
        sheet.append([f"项目{r}"] + [r + c / 100 for c in range(columns - 1)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def measure_long(rows: int, runs: int) -> tuple[float, float]:
    """Best wall and CPU seconds reading a long sheet."""
    data = long_sheet(rows)
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        read_bytes(f"long-{rows}.xlsx", data)
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


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
    print()
    print("| workbook | sheets | reading, wall / CPU | with an empty formatted cell at XFD1048576 on every sheet, wall / CPU |")
    print("|---|---:|---:|---:|")
    for name in WORKBOOKS:
        sheets, wall, cpu, far_wall, far_cpu = measure_workbook(args.real / name, args.runs)
        print(f"| {name.removesuffix('.xlsx')} | {sheets} | {wall:.2f} / {cpu:.2f} s | {far_wall:.2f} / {far_cpu:.2f} s |")
    print()
    print("| one sheet of figures, 20 columns | reading, wall / CPU |")
    print("|---|---:|")
    for rows in (1000, 4000, 16000):
        wall, cpu = measure_long(rows, args.runs)
        print(f"| {rows:,} rows | {wall:.2f} / {cpu:.2f} s |")


if __name__ == "__main__":
    main()
