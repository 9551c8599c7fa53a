"""A real budget typed into the empty official workbook imports to the same figures and check result as its PDF.

The test imports 万里街道's 2025 部门预算 from its PDF, writes every figure of that import into
the official 2026 department workbook template with openpyxl (as a finance office would: codes
as text in 类 / 款 / 项, figures as numbers with a thousands format, the cover's name and year),
imports the workbook, and compares.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from itertools import zip_longest
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from pubgen import model as m
from pubgen.importers.writer import Options, run
from pubgen.load import load

from .conftest import ROOT
from .test_import_real import REAL

pytestmark = pytest.mark.skipif(REAL is None, reason="the real published documents (shared/real) are not beside the project")

PDF = "putuo-wanli-street-2025-budget.pdf"
TEMPLATE = "shanghai-2026-budget-workbook-department-template.xlsx"
DEPARTMENT = "shanghai/putuo/wanli-jiedao"
BODY = "上海市普陀区人民政府万里街道办事处"

SHEETS = {
    "部门收支总表": "budget-finance-summary",
    "部门收入总表": "budget-income",
    "部门支出总表": "budget-expenditure",
    "部门财政拨款收支总表": "budget-fiscal-summary",
    "部门一般公共预算拨款表": "budget-general-expenditure",
    "部门政府性基金拨款表": "budget-gov-fund-expenditure",
    "部门国有资本经营预算拨款表 ": "budget-state-capital-expenditure",
    "部门一般公共预算拨款基本支出明细表": "budget-general-basic",
    "部门“三公”经费和机关运行费预算表": "budget-three-public",
}
"""The template's table sheets and the table kind each one holds (the template's own sheet names)."""


def _import(source: Path, content: Path) -> None:
    content.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(department=DEPARTMENT, region="shanghai/putuo"), content)
    assert outcome.ok, outcome.failures


def _document(content: Path) -> m.Document:
    loaded = load(content)
    assert not [p for p in loaded.problems if p.severity.value == "error"]
    (document,) = [d.record for d in loaded.documents]
    return document


def _number_format(text: str) -> str:
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _put(sheet: Worksheet, row: int, column: int, value: str | None) -> None:
    """A figure as a number with the format that prints it as the PDF did; a dash or text as text."""
    if value is None:
        return
    cell = sheet.cell(row=row, column=column)
    if re.fullmatch(r"-?\d+(?:\.\d+)?", value):
        cell.value = Decimal(value)
        cell.number_format = _number_format(value)
    else:
        cell.value = value


def _clear_body(sheet: Worksheet, first: int) -> None:
    """Remove the template's example rows (and their merged cells) from ``first`` down."""
    for merged in list(sheet.merged_cells.ranges):
        if merged.max_row >= first:
            sheet.unmerge_cells(str(merged))
    sheet.delete_rows(first, sheet.max_row - first + 1)


def _first_body_row(sheet: Worksheet, role: str) -> int:
    if role == "budget-three-public":
        return 7
    if role in ("budget-finance-summary", "budget-fiscal-summary"):
        return 8
    return 9


def _grid_rows(grid: m.Grid) -> list[tuple[str | None, str, list[str | None]]]:
    return [(row.code, row.label, list(row.values)) for row in grid.rows]


def _fill_table(sheet: Worksheet, table: m.Table) -> None:
    role = table.role or ""
    first = _first_body_row(sheet, role)
    _clear_body(sheet, first)
    assert table.title and table.unit
    sheet["A2"] = table.title
    issuer_row = 3 if role == "budget-three-public" else 4
    sheet.cell(row=issuer_row, column=1).value = f"编制部门：{BODY}"
    row = first
    if table.sides:
        income, expenditure = (_grid_rows(side) for side in table.sides)
        width = 1 + len(table.sides[0].columns)
        for left, right in zip_longest(income, expenditure):
            for side, offset in ((left, 1), (right, 1 + width)):
                if side is None:
                    continue
                _code, label, values = side
                sheet.cell(row=row, column=offset).value = label
                for index, value in enumerate(values):
                    _put(sheet, row, offset + 1 + index, value)
            row += 1
    else:
        coded = role not in ("budget-three-public",)
        code_columns = 3 if role != "budget-general-basic" else 2
        for code, label, values in _grid_rows(table):
            column = 1
            if coded:
                parts = [code[:3], code[3:5], code[5:7]][:code_columns] if code else [""] * code_columns
                for part in parts:
                    if part:
                        sheet.cell(row=row, column=column).value = part
                    column += 1
                sheet.cell(row=row, column=column).value = label
                column += 1
            for index, value in enumerate(values):
                _put(sheet, row, column + index, value)
            row += 1
    if table.empty_note:
        sheet.cell(row=row + 1, column=1).value = table.empty_note


def _fill_workbook(document: m.Document, target: Path) -> None:
    assert REAL is not None
    book = openpyxl.load_workbook(REAL / TEMPLATE)
    cover = book["封面"]
    cover["A3"] = str(cover["A3"].value).replace("2026", str(document.year))
    cover["A9"] = f"预算主管部门：{BODY}"
    tables = {b.role: b for b in document.body if isinstance(b, m.Table) and b.role}
    for name, role in SHEETS.items():
        _fill_table(book[name], tables[role])
    book.save(target)


def _figures(document: m.Document) -> dict[tuple[str, str, str, str], str | None]:
    """Every cell of every official table, by table kind, side, row and column."""
    out: dict[tuple[str, str, str, str], str | None] = {}
    for block in document.body:
        if not isinstance(block, m.Table) or not block.role:
            continue
        for grid in block.grids():
            side = grid.id if isinstance(grid, m.TableSide) else ""
            for row in grid.rows:
                key = row.id or row.code or row.label
                for column, value in zip(grid.columns, row.values):
                    out[(block.role, side, key, column.id)] = value
    return out


def _problems(content: Path) -> set[tuple[str, str, str, str | None, str | None]]:
    from pubgen.parallel import check_content

    report = check_content(content)
    # The tables' problems: the workbook's text sheets are the template's own placeholder paragraphs, not the PDF's
    # narrative, so what the narrative checks say of each (body.…) is not comparable.
    return {(p.code, p.severity.value, p.field, p.stated, p.computed) for p in report.problems if not p.field.startswith("body.")}


def test_the_workbook_gives_the_pdfs_figures_and_check_result(tmp_path: Path) -> None:
    assert REAL is not None
    from_pdf = tmp_path / "pdf" / "content"
    _import(REAL / PDF, from_pdf)
    document = _document(from_pdf)
    workbook = tmp_path / "wanli-2025.xlsx"
    _fill_workbook(document, workbook)

    from_workbook = tmp_path / "workbook" / "content"
    _import(workbook, from_workbook)
    again = _document(from_workbook)

    expected = _figures(document)
    assert len([v for v in expected.values() if v is not None]) > 500
    assert _figures(again) == expected
    assert again.year == document.year and again.kind == document.kind and again.title == document.title
    pdf_problems = _problems(from_pdf)
    assert {code for code, *_ in pdf_problems} >= {"sum-mismatch", "column-sum-mismatch"}
    assert _problems(from_workbook) == pdf_problems
