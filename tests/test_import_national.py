"""Tables in the 财政部 national template, built at test time: the 栏次 row, 公开0X表 marks, national titles.

The national 决算 and 预算 templates (used by most provinces and the central departments)
differ from the Shanghai one the importer was first written on: a row numbering the columns
(栏次 1 2 3 …) under the header, a 公开02表 mark printed over the title, titles such as
一般公共预算支出表 or ones carrying the department's name. Each case is a workbook or a PDF
made here, imported as an editor would, and checked.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Sequence

import openpyxl
import pytest

from pubgen.importers import read_file
from pubgen.importers.structure import Table
from pubgen.importers.writer import Options, run
from pubgen.parallel import check_content

from .conftest import ROOT

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
needs_pdf = pytest.mark.skipif(not FONT.exists(), reason="fonts-noto-cjk is not installed")

ISSUER = "编制单位：某某省某某市某某区某某局"
UNIT = "金额单位：万元"

Header = Sequence[tuple[str, int, int, int, int]]
"""(text, row, column, rowspan, colspan), 0-based, relative to the header's top left."""
BodyRow = tuple[Sequence[object], tuple[int, int] | None]
"""The row's values (None blank) and the 0-based columns one merged cell covers, if any."""

INCOME_HEADER: Header = (
    ("项目", 0, 0, 1, 4),
    ("本年收入合计", 0, 4, 3, 1),
    ("财政拨款收入", 0, 5, 3, 1),
    ("其他收入", 0, 6, 3, 1),
    ("功能分类科目编码", 1, 0, 1, 3),
    ("科目名称", 1, 3, 2, 1),
    ("类", 2, 0, 1, 1),
    ("款", 2, 1, 1, 1),
    ("项", 2, 2, 1, 1),
)
INCOME_BODY: list[BodyRow] = [
    (["合计", "", "", "", Decimal("100.00"), Decimal("100.00"), None], (0, 3)),
    (["201", "", "", "一般公共服务支出", Decimal("100.00"), Decimal("100.00"), None], None),
    (["201", "03", "", "政府办公厅（室）及相关机构事务", Decimal("100.00"), Decimal("100.00"), None], None),
    (["201", "03", "01", "行政运行", Decimal("100.00"), Decimal("100.00"), None], None),
]
LANCI: BodyRow = (["栏次", "", "", "", 1, 2, 3], (0, 3))

THREE_PUBLIC_HEADER: Header = (
    # The national layout: 预算数 / 决算数 over the items.
    ("预算数", 0, 0, 1, 6),
    ("决算数", 0, 6, 1, 6),
    *(
        cell
        for base in (0, 6)
        for cell in (
            ("合计", 1, base, 2, 1),
            ("因公出国（境）费", 1, base + 1, 2, 1),
            ("公务用车购置及运行费", 1, base + 2, 1, 3),
            ("公务接待费", 1, base + 5, 2, 1),
            ("小计", 2, base + 2, 1, 1),
            ("公务用车购置费", 2, base + 3, 1, 1),
            ("公务用车运行费", 2, base + 4, 1, 1),
        )
    ),
)
THREE_PUBLIC_FIGURES = ["30.00", "0.00", "24.00", "0.00", "24.00", "6.00", "24.00", "0.00", "20.00", "0.00", "20.00", "4.00"]


# ---------------------------------------------------------------------------- workbooks


def _sheet(
    book: openpyxl.Workbook, name: str, title: str, header: Header, body: Sequence[BodyRow], n_cols: int, mark: str | None = None
) -> None:
    """One table sheet the way the national template exports it: title, 公开0X表 mark, issuer and unit, header, body."""
    sheet = book.create_sheet(name)
    sheet.cell(1, 1, title)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n_cols)
    row = 2
    if mark:
        sheet.cell(row, n_cols, mark)
        row += 1
    sheet.cell(row, 1, ISSUER)
    sheet.cell(row, n_cols, UNIT)
    top = row + 1
    for text, r, c, rowspan, colspan in header:
        sheet.cell(top + r, 1 + c, text)
        if rowspan > 1 or colspan > 1:
            sheet.merge_cells(start_row=top + r, start_column=1 + c, end_row=top + r + rowspan - 1, end_column=c + colspan)
    row = top + max(r + rowspan for _t, r, _c, rowspan, _cs in header)
    for values, merged in body:
        for col, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row, col, value)
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(value, str):
                cell.number_format = "@"
        if merged is not None:
            sheet.merge_cells(start_row=row, start_column=merged[0] + 1, end_row=row, end_column=merged[1] + 1)
        row += 1


def _book(title: str = "某某区2023年度部门决算") -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "封面"
    cover["A1"] = title
    cover["A3"] = ISSUER
    return book


def _import(tmp_path: Path, source: Path) -> tuple[str, list[str]]:
    """Import into an empty project; the written document and the codes of the errors its check reports."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    assert outcome.check is not None
    errors = [f"{p.code} {p.message}" for p in outcome.check.errors]
    return item.target.read_text(encoding="utf-8"), errors


def _rows(text: str) -> list[str]:
    """The rows of the first table in ``text``, one flow mapping each."""
    lines = text[text.index("    rows:\n") :].splitlines()[1:]
    rows = []
    for line in lines:
        if not line.startswith("      - {"):
            break
        rows.append(line.strip()[2:].split("  # ")[0])
    return rows


def _table(tables: list[Table], title: str) -> Table:
    return next(t for t in tables if t.title == title)


def _entries(table: Table) -> list[str]:
    return [e.label or " ".join(f.text for f in e.figures) for r in table.rows for e in r.entries]


# ---------------------------------------------------------------------------- PDFs

ROW_H = 7.0


def _pdf():  # type: ignore[no-untyped-def]
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", fname=str(FONT), collection_font_number=0)
    pdf.set_font("cjk", size=10)
    pdf.add_page()
    pdf.set_font("cjk", size=22)
    pdf.set_xy(0, 70)
    pdf.cell(297, 12, "某某区2023年度部门决算", align="C")
    pdf.set_font("cjk", size=14)
    pdf.set_xy(0, 100)
    pdf.cell(297, 10, ISSUER, align="C")
    return pdf


def _pdf_title(pdf, title: str, y: float = 12, mark: str | None = None, mark_above: bool = False, issuer: str = ISSUER) -> float:  # type: ignore[no-untyped-def]
    """The title, a 公开0X表 mark (above the title, or at the right under it) and the issuer line; returns the grid's top."""
    if mark and mark_above:
        pdf.set_font("cjk", size=10)
        pdf.set_xy(20, y)
        pdf.cell(60, 6, mark)
        y += 8
    pdf.set_font("cjk", size=16)
    pdf.set_xy(0, y)
    pdf.cell(297, 10, title, align="C")
    pdf.set_font("cjk", size=10)
    if mark and not mark_above:
        pdf.set_xy(200, y + 10)
        pdf.cell(77, 6, mark, align="R")
    pdf.set_xy(20, y + 16)
    pdf.cell(100, 6, issuer)
    pdf.set_xy(200, y + 16)
    pdf.cell(77, 6, UNIT, align="R")
    return y + 24


def _pdf_grid(pdf, top: float, widths: Sequence[float], header: Header, body: Sequence[BodyRow]) -> float:  # type: ignore[no-untyped-def]
    """A ruled table: the merged header, then one line per body row; returns its bottom."""
    pdf.set_font("cjk", size=8)
    xs = [20.0]
    for width in widths:
        xs.append(xs[-1] + width)
    for text, row, col, rowspan, colspan in header:
        x0, x1 = xs[col], xs[col + colspan]
        pdf.rect(x0, top + row * ROW_H, x1 - x0, rowspan * ROW_H)
        pdf.set_xy(x0, top + row * ROW_H)
        pdf.cell(x1 - x0, rowspan * ROW_H, text, align="C")
    y = top + max(r + rowspan for _t, r, _c, rowspan, _cs in header) * ROW_H
    for values, merged in body:
        col = 0
        while col < len(widths):
            span = merged[1] - merged[0] + 1 if merged is not None and merged[0] == col else 1
            x0, x1 = xs[col], xs[col + span]
            pdf.rect(x0, y, x1 - x0, ROW_H)
            value = values[col] if col < len(values) else None
            if value not in (None, ""):
                pdf.set_xy(x0 + 0.5, y)
                text = f"{value:,.2f}" if isinstance(value, Decimal) else str(value)
                pdf.cell(x1 - x0 - 1, ROW_H, text, align="L" if isinstance(value, str) and not text.isdigit() else "R")
            col += span
        y += ROW_H
    pdf.set_font("cjk", size=10)
    return y


INCOME_WIDTHS = (12, 12, 12, 70, 35, 35, 35)
THREE_PUBLIC_WIDTHS = (21,) * 12


# ---------------------------------------------------------------------------- the 栏次 row


def _lanci_workbook(path: Path) -> None:
    book = _book()
    summary_header: Header = (
        ("收入", 0, 0, 1, 3),
        ("支出", 0, 3, 1, 3),
        ("项目", 1, 0, 1, 1),
        ("行次", 1, 1, 1, 1),
        ("金额", 1, 2, 1, 1),
        ("项目", 1, 3, 1, 1),
        ("行次", 1, 4, 1, 1),
        ("金额", 1, 5, 1, 1),
    )
    summary_body: list[BodyRow] = [
        (["栏次", None, 1, "栏次", None, 2], None),
        (["一、一般公共预算财政拨款收入", 1, Decimal("100.00"), "一、一般公共服务支出", 32, Decimal("100.00")], None),
        (["本年收入合计", 2, Decimal("100.00"), "本年支出合计", 33, Decimal("100.00")], None),
        (["年初结转和结余", 3, Decimal("0.00"), "年末结转和结余", 34, Decimal("0.00")], None),
        (["总计", 4, Decimal("100.00"), "总计", 35, Decimal("100.00")], None),
    ]
    _sheet(book, "1.收入支出决算总表", "收入支出决算总表", summary_header, summary_body, 6, "公开01表")
    _sheet(book, "2.收入决算表", "收入决算表", INCOME_HEADER, [LANCI, *INCOME_BODY], 7, "公开02表")
    numbers: BodyRow = (list(range(1, 13)), None)
    figures: BodyRow = ([Decimal(v) for v in THREE_PUBLIC_FIGURES], None)
    _sheet(book, "7.三公", "财政拨款“三公”经费支出决算表", THREE_PUBLIC_HEADER, [numbers, figures], 12, "公开07表")
    book.save(path)


def test_the_lanci_row_of_a_workbook_is_header_not_body(tmp_path: Path) -> None:
    path = tmp_path / "决算.xlsx"
    _lanci_workbook(path)
    tables = read_file(str(path)).tables
    income = _table(tables, "收入决算表")
    assert [c.text for c in income.header[-1]] == ["栏次", "1", "2", "3"]
    assert _entries(income) == ["合计", "一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行"]
    # Column numbers name no column.
    assert [c.path for c in income.columns][4:] == [("本年收入合计",), ("财政拨款收入",), ("其他收入",)]
    summary = _table(tables, "收入支出决算总表")
    assert [e.label for e in summary.rows[0].entries] == ["一、一般公共预算财政拨款收入", "一、一般公共服务支出"]
    three = _table(tables, "财政拨款“三公”经费支出决算表")
    assert [c.text for c in three.header[-1]] == [str(n) for n in range(1, 13)]
    assert [[f.text for f in e.figures] for r in three.rows for e in r.entries] == [THREE_PUBLIC_FIGURES]


def test_an_imported_lanci_row_is_no_data_row_and_no_total(tmp_path: Path) -> None:
    path = tmp_path / "决算.xlsx"
    _lanci_workbook(path)
    text, errors = _import(tmp_path, path)
    assert errors == []
    assert "栏次" not in text
    three = text[text.index("role: final-three-public") :]
    assert _rows(three) == ["{id: total, label: \"\", values: [" + ", ".join(THREE_PUBLIC_FIGURES) + "]}"]


def test_a_first_row_that_merely_starts_with_small_figures_stays_a_row(tmp_path: Path) -> None:
    """Only a full run 1, 2, 3 … across every column, or a row labelled 栏次, numbers the columns."""
    book = _book()
    body: list[BodyRow] = [
        (["合计", "", "", "", 1, 2, None], (0, 3)),
        (["201", "", "", "一般公共服务支出", 1, 2, None], None),
    ]
    _sheet(book, "收入决算表", "收入决算表", INCOME_HEADER, body, 7)
    # A one-row table of counts that happen to run 1, 2, 3.
    staff: Header = (("行政编制", 0, 0, 1, 1), ("事业编制", 0, 1, 1, 1), ("工勤编制", 0, 2, 1, 1))
    _sheet(book, "人员", "人员情况表", staff, [([1, 2, 3], None)], 3)
    path = tmp_path / "决算.xlsx"
    book.save(path)
    income, people = read_file(str(path)).tables
    assert _entries(income) == ["合计", "一般公共服务支出"]
    assert [[f.text for f in e.figures] for r in people.rows for e in r.entries] == [["1", "2", "3"]]


# The 决算 export prints 类 | 款 | 项 on the 栏次 row itself, under 功能分类科目编码 and beside 栏次.
SPLIT_CODE_HEADER: Header = (
    *(cell for cell in INCOME_HEADER if cell[0] not in ("类", "款", "项", "科目名称")),
    ("科目名称", 1, 3, 1, 1),
)
CODE_LANCI: BodyRow = (["类", "款", "项", "栏次", 1, 2, 3], None)


def _code_lanci_workbook(path: Path, body: Sequence[BodyRow]) -> None:
    book = _book()
    _sheet(book, "2.收入决算表", "收入决算表", SPLIT_CODE_HEADER, [CODE_LANCI, *body], 7, "公开02表")
    book.save(path)


def test_a_lanci_row_that_also_names_the_code_columns_is_header(tmp_path: Path) -> None:
    """类 | 款 | 项 | 栏次 | 1 | 2 | 3 was read as a row labelled 栏次, and its numbers broke every column's sum."""
    path = tmp_path / "决算.xlsx"
    _code_lanci_workbook(path, INCOME_BODY)
    income = _table(read_file(str(path)).tables, "收入决算表")
    assert _entries(income) == ["合计", "一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行"]
    # 类 / 款 / 项 still name the code columns; the numbers name none.
    assert [c.path[-1] for c in income.columns] == ["类", "款", "项", "科目名称", "本年收入合计", "财政拨款收入", "其他收入"]
    text, errors = _import(tmp_path, path)
    assert errors == []
    assert "栏次" not in text
    assert '{code: "2010301", label: 行政运行, values: [100.00, 100.00, ~]}' in _rows(text)


def test_below_a_lanci_row_naming_the_code_columns_a_wrong_figure_is_still_caught(tmp_path: Path) -> None:
    path = tmp_path / "决算.xlsx"
    wrong = [*INCOME_BODY[:-1], (["201", "03", "01", "行政运行", Decimal("90.00"), Decimal("90.00"), None], None)]
    _code_lanci_workbook(path, wrong)
    _text, errors = _import(tmp_path, path)
    assert errors and all(e.startswith("sum-mismatch ") for e in errors)
    assert any("“政府办公厅（室）及相关机构事务”的“本年收入合计” 100.00 ≠ 下级各项之和 90.00" in e for e in errors)


@needs_pdf
def test_a_pdf_lanci_row_that_also_names_the_code_columns_is_header(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    _pdf_grid(pdf, _pdf_title(pdf, "收入决算表"), INCOME_WIDTHS, SPLIT_CODE_HEADER, [CODE_LANCI, *INCOME_BODY])
    path = tmp_path / "决算.pdf"
    path.write_bytes(bytes(pdf.output()))
    income = _table(read_file(str(path)).tables, "收入决算表")
    assert _entries(income) == ["合计", "一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行"]
    assert [c.path[-1] for c in income.columns][:3] == ["类", "款", "项"]
    _text, errors = _import(tmp_path, path)
    assert errors == []


@needs_pdf
def test_the_lanci_row_of_a_pdf_is_header_not_body(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    _pdf_grid(pdf, _pdf_title(pdf, "收入决算表"), INCOME_WIDTHS, INCOME_HEADER, [LANCI, *INCOME_BODY])
    pdf.add_page()
    numbers: BodyRow = ([str(n) for n in range(1, 13)], None)
    figures: BodyRow = ([Decimal(v) for v in THREE_PUBLIC_FIGURES], None)
    _pdf_grid(pdf, _pdf_title(pdf, "财政拨款“三公”经费支出决算表"), THREE_PUBLIC_WIDTHS, THREE_PUBLIC_HEADER, [numbers, figures])
    path = tmp_path / "决算.pdf"
    path.write_bytes(bytes(pdf.output()))
    tables = read_file(str(path)).tables
    income = _table(tables, "收入决算表")
    assert [c.text for c in income.header[-1]] == ["栏次", "1", "2", "3"]
    assert _entries(income) == ["合计", "一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行"]
    three = _table(tables, "财政拨款“三公”经费支出决算表")
    assert [[f.text for f in e.figures] for r in three.rows for e in r.entries] == [THREE_PUBLIC_FIGURES]
    text, errors = _import(tmp_path, path)
    assert errors == []
    assert _rows(text[text.index("role: final-three-public") :]) == [
        "{id: total, label: \"\", values: [" + ", ".join(THREE_PUBLIC_FIGURES) + "]}"
    ]


# ---------------------------------------------------------------------------- 公开0X表 marks


@needs_pdf
@pytest.mark.parametrize("placement", ["under", "above", "beside"])
def test_a_pdf_mark_near_the_title_is_the_tables_number_not_its_title(tmp_path: Path, placement: str) -> None:
    pdf = _pdf()
    pdf.add_page()
    if placement == "beside":
        # On the title's own line, at the right margin.
        top = _pdf_title(pdf, "收入决算表")
        pdf.set_xy(230, 12)
        pdf.cell(47, 10, "公开02表", align="R")
    else:
        top = _pdf_title(pdf, "收入决算表", mark="公开02表", mark_above=placement == "above")
    _pdf_grid(pdf, top, INCOME_WIDTHS, INCOME_HEADER, INCOME_BODY)
    path = tmp_path / "决算.pdf"
    path.write_bytes(bytes(pdf.output()))
    document = read_file(str(path))
    (table,) = document.tables
    assert (table.title, table.meta) == ("收入决算表", ["公开02表"])
    assert not any("公开02表" in getattr(block, "text", "") for block in document.body)
    text, errors = _import(tmp_path, path)
    assert errors == []
    assert "    role: final-income\n    title: 收入决算表\n    number: 公开02表\n" in text


@pytest.mark.parametrize("placement", ["above", "beside"])
def test_a_workbook_mark_over_or_beside_the_title_is_the_tables_number(tmp_path: Path, placement: str) -> None:
    book = _book()
    sheet = book.create_sheet("2.收入决算表")
    if placement == "above":
        sheet["G1"] = "财决02表"
        sheet["A2"] = "收入决算表"
        sheet.merge_cells("A2:G2")
        row = 3
    else:
        sheet["A1"] = "收入决算表"
        sheet.merge_cells("A1:F1")
        sheet["G1"] = "财决02表"
        row = 2
    sheet.cell(row, 1, ISSUER)
    sheet.cell(row, 7, UNIT)
    sheet.cell(row + 1, 1, "项目")
    for col, label in enumerate(("本年收入合计", "财政拨款收入", "其他收入"), start=2):
        sheet.cell(row + 1, col, label)
    sheet.cell(row + 2, 1, "合计")
    sheet.cell(row + 2, 2, 100)
    sheet.cell(row + 2, 3, 100)
    path = tmp_path / "决算.xlsx"
    book.save(path)
    (table,) = read_file(str(path)).tables
    assert (table.title, table.meta) == ("收入决算表", ["财决02表"])
    text, _errors = _import(tmp_path, path)
    assert "    role: final-income\n    title: 收入决算表\n    number: 财决02表\n" in text


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("公开02表", True),
        ("财决01表", True),
        ("附表3", True),
        ("表2", True),
        ("表 一", True),
        ("部门公开表1", True),
        ("（公开07表）", True),
        ("附件1-2", True),
        ("收入决算表", False),
        ("2024年部门收支总表", False),
        ("财政拨款“三公”经费支出决算表", False),
    ],
)
def test_table_marks(text: str, mark: bool) -> None:
    from pubgen.importers.text import is_table_mark

    assert is_table_mark(text) is mark


# ---------------------------------------------------------------------------- national titles


@pytest.mark.parametrize(
    ("title", "document_kind", "role"),
    [
        # The national 预算 template's names for tables the kinds define under Shanghai's names.
        ("2024年一般公共预算支出表", "budget", "budget-general-expenditure"),
        ("2024年一般公共预算基本支出表", "budget", "budget-general-basic"),
        ("2024年一般公共预算“三公”经费支出表", "budget", "budget-three-public"),
        ("2024年政府性基金预算支出表", "budget", "budget-gov-fund-expenditure"),
        ("一般公共预算财政拨款“三公”经费支出决算表", "final-accounts", "final-three-public"),
        # A body's name and the year in front, a mark behind.
        ("河北省邢台市平乡县民政局2024年部门收支总表", "budget", "budget-finance-summary"),
        ("某某区民政局2023年度收入决算表", "final-accounts", "final-income"),
        ("某某区民政局收入决算表", "final-accounts", "final-income"),
        ("某某区卫生健康委员会部门收入总表", "budget", "budget-income"),
        ("收入决算表（公开02表）", "final-accounts", "final-income"),
        ("某某区民政局2024年一般公共预算支出表(部门公开表5)", "budget", "budget-general-expenditure"),
        # A longer title is not cut down to a shorter one it ends with.
        ("一般公共预算财政拨款支出决算表", "final-accounts", "final-general-expenditure"),
        ("财政拨款收入决算表", "final-accounts", None),
        ("2025年部门某某专项资金安排表", "budget", None),
    ],
)
def test_national_titles_and_titles_with_the_bodys_name(title: str, document_kind: str, role: str | None) -> None:
    from pubgen.importers.tablemap import find_kind

    kind = find_kind(title, document_kind)
    assert (kind.role if kind is not None else None) == role


def test_no_title_is_claimed_by_two_kinds() -> None:
    """The national template's titles sit beside each kind's own in pubgen/tables/: a title names one kind."""
    from pubgen.importers.tablemap import plain_title
    from pubgen.tablekinds import kinds

    owners: dict[str, set[str]] = {}
    for kind in kinds().values():
        for title in kind.titles:
            owners.setdefault(plain_title(title), set()).add(kind.role)
    assert {t: r for t, r in owners.items() if len(r) > 1} == {}


def test_a_national_budget_workbook_with_the_bodys_name_in_its_titles(tmp_path: Path) -> None:
    book = _book("某某区2024年部门预算")
    body = "某某省某某市某某区某某局2024年"
    header: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("基本支出", 0, 3, 1, 1), ("项目支出", 0, 4, 1, 1))
    rows: list[BodyRow] = [
        (["", "合计", Decimal("100.00"), Decimal("100.00"), None], None),
        (["201", "一般公共服务支出", Decimal("100.00"), Decimal("100.00"), None], None),
        (["20103", "政府办公厅（室）及相关机构事务", Decimal("100.00"), Decimal("100.00"), None], None),
        (["2010301", "行政运行", Decimal("100.00"), Decimal("100.00"), None], None),
    ]
    _sheet(book, "表三", body + "部门支出总表", header, rows, 5)
    _sheet(book, "表五", body + "一般公共预算支出表", header, rows, 5)
    _sheet(book, "表八", body + "政府性基金预算支出表", header, [(["", "合计", None, None, None], None)], 5)
    path = tmp_path / "预算.xlsx"
    book.save(path)
    text, errors = _import(tmp_path, path)
    assert errors == []
    roles = [line.strip() for line in text.splitlines() if line.strip().startswith("role: ")]
    assert roles == ["role: budget-expenditure", "role: budget-general-expenditure", "role: budget-gov-fund-expenditure"]


@needs_pdf
def test_a_pdf_title_with_the_bodys_name_and_a_mark_behind_it(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    top = _pdf_title(pdf, "某某区某某局2023年度收入决算表（公开02表）")
    _pdf_grid(pdf, top, INCOME_WIDTHS, INCOME_HEADER, INCOME_BODY)
    path = tmp_path / "决算.pdf"
    path.write_bytes(bytes(pdf.output()))
    (table,) = read_file(str(path)).tables
    assert table.title == "某某区某某局2023年度收入决算表（公开02表）"
    text, errors = _import(tmp_path, path)
    assert errors == []
    assert "    role: final-income\n" in text


# ---------------------------------------------------------------------------- a title printed again on a continued page


def _two_pages(issuer_again: str = ISSUER) -> bytes:
    """收入决算表 over two pages, the title, the issuer line and the header printed again on the second."""
    pdf = _pdf()
    pdf.add_page()
    _pdf_grid(pdf, _pdf_title(pdf, "收入决算表", mark="公开02表"), INCOME_WIDTHS, INCOME_HEADER, [LANCI, *INCOME_BODY[:2]])
    pdf.add_page()
    top = _pdf_title(pdf, "收入决算表", mark="公开02表", issuer=issuer_again)
    _pdf_grid(pdf, top, INCOME_WIDTHS, INCOME_HEADER, [LANCI, *INCOME_BODY[2:]])
    return bytes(pdf.output())


@needs_pdf
def test_a_title_printed_again_over_the_same_header_continues_the_table(tmp_path: Path) -> None:
    path = tmp_path / "决算.pdf"
    path.write_bytes(_two_pages())
    document = read_file(str(path))
    (table,) = document.tables
    assert table.origin.pages == (2, 3)
    assert [(part.page, part.header_repeated) for part in table.parts] == [(3, True)]
    assert _entries(table) == ["合计", "一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行"]
    assert not any(getattr(block, "text", "") == "收入决算表" for block in document.body)
    text, errors = _import(tmp_path, path)
    assert errors == []
    assert text.count("role: final-income") == 1


@needs_pdf
def test_the_same_title_for_another_unit_starts_a_new_table(tmp_path: Path) -> None:
    path = tmp_path / "决算.pdf"
    path.write_bytes(_two_pages(issuer_again="编制单位：某某区某某局机关本级"))
    tables = read_file(str(path)).tables
    assert [(t.title, t.issuer) for t in tables] == [("收入决算表", "某某省某某市某某区某某局"), ("收入决算表", "某某区某某局机关本级")]


def test_the_national_three_public_columns_nested_the_other_way_are_its_kinds_columns(tmp_path: Path) -> None:
    """The national table prints 预算数 / 决算数 over the items; the kind has the items over 预算数 / 决算数. Every column
    was left without an id, so nothing in the table was checked: a 合计 of 31.00 over parts of 30.00 passed."""
    path = tmp_path / "决算.xlsx"
    book = _book()
    figures = [Decimal(v) for v in THREE_PUBLIC_FIGURES]
    figures[0] = Decimal("31.00")
    _sheet(book, "7.三公", "财政拨款“三公”经费支出决算表", THREE_PUBLIC_HEADER, [(figures, None)], 12, "公开07表")
    book.save(path)
    text, errors = _import(tmp_path, path)
    three = text[text.index("role: final-three-public") :]
    for cid in ("total-budget", "overseas-budget", "vehicle-budget", "vehicle-purchase-budget", "reception-budget", "total-actual", "reception-actual"):
        assert f"id: {cid}," in three, cid
    assert [e.split(" ", 1)[0] for e in errors] == ["column-sum-mismatch"]
    assert "31.00" in errors[0] and "30.00" in errors[0]


# ---------------------------------------------------------------------------- formulas without results

SUMMARY_HEADER: Header = (
    ("收入", 0, 0, 1, 2),
    ("支出", 0, 2, 1, 2),
    ("项目", 1, 0, 1, 1),
    ("预算数", 1, 1, 1, 1),
    ("项目", 1, 2, 1, 1),
    ("预算数", 1, 3, 1, 1),
)
SUMMARY_ROWS = [
    ("一、一般公共预算拨款收入", "500.00", "一、一般公共服务支出", "300.00"),
    ("二、政府性基金预算拨款收入", None, "二、社会保障和就业支出", "200.00"),
    ("本年收入合计", "500.00", "本年支出合计", "500.00"),
    ("上年结转", None, "结转下年", None),
    ("收入总计", "500.00", "支出总计", "500.00"),
]


def _summary_book(path: Path, formulas: bool) -> None:
    """A 收支总表 whose figures are numbers, or formulas saved without their results (what report generators write)."""
    book = _book("某某区2024年部门预算")
    _sheet(book, "表一", "2024年部门收支总表", SUMMARY_HEADER, [], 4)
    sheet = book["表一"]
    for offset, values in enumerate(SUMMARY_ROWS):
        for col, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = sheet.cell(6 + offset, col, f"={value}" if formulas and col in (2, 4) else Decimal(value) if col in (2, 4) else value)
            if col in (2, 4):
                cell.number_format = "#,##0.00"
    book.save(path)


def test_a_summary_table_whose_figures_are_formulas_without_results_is_still_the_summary_table(tmp_path: Path) -> None:
    """Every figure of the 收支总表 a formula with no saved result: its columns were taken for names, the table for an
    ordinary one said to have another number of columns, and once the editor filled it nothing on it was checked."""
    _summary_book(tmp_path / "数字.xlsx", formulas=False)
    _summary_book(tmp_path / "公式.xlsx", formulas=True)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with_figures, _errors = _import(tmp_path / "a", tmp_path / "数字.xlsx")
    content = tmp_path / "b" / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(tmp_path / "公式.xlsx")], Options(), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    text = item.target.read_text(encoding="utf-8")

    assert "role: budget-finance-summary" in text and "type: text" not in text
    # The same table as the workbook with its figures, each figure 待填.
    def written(yaml: str) -> list[str]:
        return [line.split("  # ")[0] for line in yaml.splitlines() if line.strip() and not line.lstrip().startswith("#")]

    assert written(text) == [re.sub(r"\[[0-9.]+\]", "[待填]", line) for line in written(with_figures)]
    messages = [f"{i.where} {i.message}" for i in item.report.items]
    assert not any("栏数" in m for m in messages)
    said = [m for m in messages if "没有保存公式的计算结果" in m]
    assert len(said) == 1 and "工作表“表一”" in said[0] and "Excel 或 WPS 打开" in said[0] and "待填" in said[0]
    assert outcome.check is not None
    to_fill = [p.message for p in outcome.check.errors if p.code == "figure-to-fill"]
    assert "“2024年部门收支总表：支出”中“一、一般公共服务支出”的“预算数”：还没有填写（“待填”），请照原文填写。" in to_fill
    assert "“2024年部门收支总表：收入”中“收入总计”的“预算数”：还没有填写（“待填”），请照原文填写。" in to_fill

    # Filled as the original prints it, with one figure mistyped: the summary table's rules see it.
    target = item.target
    filled = iter(["500", "300", "200", "500", "500", "999", "500"])
    target.write_text(re.sub(r"\[待填\]", lambda _m: f"[{next(filled)}]", text), encoding="utf-8")
    report = check_content(content)
    codes = {p.code for p in report.errors}
    assert {"sum-mismatch", "budget-summary-balance"} <= codes, codes


def test_a_first_total_row_of_formulas_without_results_is_a_row_not_a_heading(tmp_path: Path) -> None:
    """部门支出总表 whose 合计 row (right under the header) is all formulas without saved results: the row was taken for
    a second header row, lost, and every column became “合计/待填” with an id of its own."""
    book = _book("某某区2024年部门预算")
    header: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("基本支出", 0, 3, 1, 1), ("项目支出", 0, 4, 1, 1))
    body: list[BodyRow] = [
        (["", "合计", "=SUM(C7:C8)", "=SUM(D7:D8)", "=SUM(E7:E8)"], None),
        (["2070101", "行政运行", "=D7+E7", Decimal("60"), None], None),
        (["2070109", "群众文化", "=D8+E8", None, Decimal("25.01")], None),
    ]
    _sheet(book, "表3", "2024年部门支出总表", header, body, 5)
    book.save(tmp_path / "formula.xlsx")
    text, errors = _import(tmp_path, tmp_path / "formula.xlsx")
    assert "{id: total, label: 合计}" in text and "待填, group" not in text
    assert _rows(text)[0].startswith("{id: total, label: 合计, values: [待填, 待填, 待填]}")
    assert sum(1 for e in errors if e.startswith("figure-to-fill")) == 5, errors


def test_a_mark_in_brackets_after_the_title_is_the_tables_number(tmp_path: Path) -> None:
    """“部门支出总表(公开表1-2)” (贵州, 四川) was recognised, but the mark stayed in the title; it is the table's number."""
    book = _book("某某区2024年部门预算")
    header: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("基本支出", 0, 3, 1, 1), ("项目支出", 0, 4, 1, 1))
    body: list[BodyRow] = [(["", "合计", Decimal("60"), Decimal("60"), None], None), (["2070101", "行政运行", Decimal("60"), Decimal("60"), None], None)]
    _sheet(book, "表3", "部门支出总表(公开表1-2)", header, body, 5)
    book.save(tmp_path / "mark.xlsx")
    text, errors = _import(tmp_path, tmp_path / "mark.xlsx")
    assert "    title: 部门支出总表\n" in text and "    number: 公开表1-2\n" in text
    assert errors == [], errors


def test_side_headings_spaced_out_to_fill_their_cells_name_the_sides(tmp_path: Path) -> None:
    """“收    入” / “支    出”, as forms print them: read as 收入 and 支出, not sides matched by their order with a note to check."""
    book = _book("某某区2024年部门预算")
    spaced = tuple((("收    入" if text == "收入" else "支　　出" if text == "支出" else text), *rest) for text, *rest in SUMMARY_HEADER)
    _sheet(book, "表一", "2024年部门收支总表", spaced, [], 4)  # type: ignore[arg-type]
    sheet = book["表一"]
    for offset, values in enumerate(SUMMARY_ROWS):
        for col, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(6 + offset, col, Decimal(value) if col in (2, 4) else value).number_format = "#,##0.00"
    book.save(tmp_path / "spaced.xlsx")
    text, errors = _import(tmp_path, tmp_path / "spaced.xlsx")
    assert "title: 收入\n" in text and "title: 支出\n" in text and "按左右顺序" not in text
    assert not errors, errors


def test_the_national_budget_three_public_table_needs_no_check_of_its_headings(tmp_path: Path) -> None:
    """合计 | 因公出国（境）费 | 公务用车购置及运行费（小计 / 购置费 / 运行费） | 公务接待费, with no “三公”经费预算数 band over
    them (Shanghai prints one): every column is the kind's, and none is flagged “表头层级与定义不同” for the editor to check."""
    header: Header = (
        ("合计", 0, 0, 2, 1),
        ("因公出国（境）费", 0, 1, 2, 1),
        ("公务用车购置及运行费", 0, 2, 1, 3),
        ("小计", 1, 2, 1, 1),
        ("购置费", 1, 3, 1, 1),
        ("运行费", 1, 4, 1, 1),
        ("公务接待费", 0, 5, 2, 1),
    )
    path = tmp_path / "预算.xlsx"
    book = _book("某某区2024年部门预算")
    figures = [Decimal(v) for v in ("10.00", "0.00", "8.00", "0.00", "8.00", "2.00")]
    _sheet(book, "9", "2024年一般公共预算“三公”经费支出表", header, [(figures, None)], 6)
    book.save(path)
    text, errors = _import(tmp_path, path)
    three = text[text.index("role: budget-three-public") :]
    for cid in ("total", "overseas", "vehicle", "vehicle-purchase", "vehicle-operation", "reception"):
        assert f"id: {cid}," in three, cid
    assert "表头层级与定义不同" not in text and not errors, errors


@pytest.mark.parametrize("code_cell", ["类 款 项", "类  款  项", "类|款|项", "类款项"])
def test_a_lanci_row_naming_one_code_column_with_all_three_levels_is_header(tmp_path: Path, code_cell: str) -> None:
    """One code column, its cell on the 栏次 row typed “类 款 项”: the row was imported as a row of figures (栏次 1 2 3)."""
    header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("基本支出", 0, 3, 1, 1), ("项目支出", 0, 4, 1, 1))
    body: list[BodyRow] = [
        ([code_cell, "栏次", 1, 2, 3], None),
        (["", "合计", Decimal("30.00"), Decimal("20.00"), Decimal("10.00")], None),
        (["201", "一般公共服务支出", Decimal("30.00"), Decimal("20.00"), Decimal("10.00")], None),
        (["20103", "政府办公厅（室）及相关机构事务", Decimal("30.00"), Decimal("20.00"), Decimal("10.00")], None),
        (["2010301", "行政运行", Decimal("30.00"), Decimal("20.00"), Decimal("10.00")], None),
    ]
    book = _book()
    _sheet(book, "表5", "一般公共预算财政拨款支出决算表", header, body, 5, "公开05表")
    book.save(tmp_path / "决算.xlsx")
    text, errors = _import(tmp_path, tmp_path / "决算.xlsx")
    assert "栏次" not in text and errors == []
    assert _rows(text)[0].startswith("{id: total, label: 合计")


@needs_pdf
def test_a_watermark_stamped_across_the_pages_is_not_read(tmp_path: Path) -> None:
    """A “公开” watermark stamped diagonally over every page (as Acrobat and WPS do) was read as text: it ran into the
    table's labels (“支出总计公”) and figures (“公2,356.33”), and the document failed checks it passes without it."""

    def build(stamp: bool) -> Path:
        pdf = _pdf()
        pdf.add_page()
        top = _pdf_title(pdf, "收入决算表")
        _pdf_grid(pdf, top, INCOME_WIDTHS, INCOME_HEADER, INCOME_BODY)
        if stamp:
            for page in range(1, pdf.pages_count + 1):
                pdf.page = page
                pdf.set_font("cjk", size=60)
                with pdf.rotation(35, x=150, y=110):
                    pdf.text(90, 110, "公开 公开")
        path = tmp_path / ("stamped" if stamp else "plain") / "决算.pdf"
        path.parent.mkdir()
        path.write_bytes(bytes(pdf.output()))
        return path

    plain, stamped = build(False), build(True)
    assert [t.title for t in read_file(str(stamped)).tables] == [t.title for t in read_file(str(plain)).tables]
    assert _entries(_table(read_file(str(stamped)).tables, "收入决算表")) == _entries(_table(read_file(str(plain)).tables, "收入决算表"))
    text, errors = _import(stamped.parent, stamped)
    assert errors == [] and "公开" not in text.split("body:", 1)[1]
    assert _rows(text) == _rows(_import(plain.parent, plain)[0])


@needs_pdf
def test_a_pdf_tables_title_with_what_it_covers_after_it_is_its_title(tmp_path: Path) -> None:
    """“收入决算表（按功能分类科目）”: a title ending in a bracket, not in 表, was read as a heading of the text, and the
    table below it as an untitled table of no kind (none of its checks), though 导入.md names such titles."""
    pdf = _pdf()
    pdf.add_page()
    _pdf_grid(pdf, _pdf_title(pdf, "收入决算表（按功能分类科目）"), INCOME_WIDTHS, INCOME_HEADER, INCOME_BODY)
    path = tmp_path / "决算.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert [t.title for t in read_file(str(path)).tables] == ["收入决算表（按功能分类科目）"]
    text, errors = _import(tmp_path, path)
    assert "role: final-income" in text and "title: 收入决算表（按功能分类科目）" in text and errors == []


@needs_pdf
def test_a_short_narrative_with_wider_margins_than_its_tables_keeps_its_paragraphs(tmp_path: Path) -> None:
    """The narrative set with Word's margins (31.8 mm), the tables with Excel's (20 mm): the lines around the tables
    (编制单位, 注) set the page's margin, every line of the text looked indented, and each became a paragraph of its own,
    cutting “690.83” in two and out of every check."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    pdf.text(31.8, 20, "一、收支预算总体情况")
    lines = [
        "    2025年收入预算2,356.33万元，支出预算2,356.33万元，其中：基本支出690.",
        "83万元，项目支出1,665.50万元。收支预算与上年相比均有增加，主要原因是新增了农村公路养护项目",
        "和高标准农田建设项目，人员经费按政策调整。",
    ]
    for i, line in enumerate(lines):
        pdf.text(31.8, 32 + i * 8, line)
    for title in ("收入决算表", "收入决算表（续）", "收入决算表（续二）"):
        pdf.add_page()
        bottom = _pdf_grid(pdf, _pdf_title(pdf, title), INCOME_WIDTHS, INCOME_HEADER, INCOME_BODY if title == "收入决算表" else INCOME_BODY[1:2])
        pdf.set_font("cjk", size=9)
        pdf.text(20, bottom + 8, "注：本表反映部门本年度取得的各项收入情况，按功能分类科目列示。")
    path = tmp_path / "决算.pdf"
    path.write_bytes(bytes(pdf.output()))
    text, _errors = _import(tmp_path, path)
    assert "其中：基本支出690.83万元，项目支出1,665.50万元。" in text
    body = text.split("body:", 1)[1]
    assert body.count("新增了农村公路养护项目和高标准农田建设项目") == 1


@needs_pdf
def test_the_issuer_and_unit_line_printed_inside_the_tables_frame_is_its_issuer_and_unit(tmp_path: Path) -> None:
    """“编制单位：… 单位：元” printed as the first ruled row: it named every column (group: [编制单位：…]) and the table's
    unit was “not found” and taken from the other tables — right by luck, 元 for 万元 otherwise."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("cjk", size=16)
    pdf.set_xy(0, 12)
    pdf.cell(297, 10, "收入决算表", align="C")
    meta = (("编制单位：某某省某某市某某区某某局", 0, 0, 1, 4), ("单位：元", 0, 4, 1, len(INCOME_WIDTHS) - 4))
    header = meta + tuple((text, row + 1, col, rowspan, colspan) for text, row, col, rowspan, colspan in INCOME_HEADER)
    _pdf_grid(pdf, 28, INCOME_WIDTHS, header, INCOME_BODY)
    path = tmp_path / "决算.pdf"
    path.write_bytes(bytes(pdf.output()))
    (table,) = read_file(str(path)).tables
    assert table.unit == "元" and table.issuer == "某某省某某市某某区某某局"
    assert not any("编制单位" in part for column in table.columns for part in column.path)
    assert _entries(table) == ["合计", "一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行"]


@needs_pdf
def test_a_pdf_tables_number_typed_before_its_title_is_its_number(tmp_path: Path) -> None:
    """“表3 一般公共预算支出预算表” on one line: the number stayed in the title instead of going to ``number`` (导入.md)."""
    pdf = _pdf()
    pdf.add_page()
    _pdf_grid(pdf, _pdf_title(pdf, "表2 收入决算表"), INCOME_WIDTHS, INCOME_HEADER, INCOME_BODY)
    path = tmp_path / "决算.pdf"
    path.write_bytes(bytes(pdf.output()))
    text, errors = _import(tmp_path, path)
    assert "title: 收入决算表\n" in text and "number: 表2\n" in text and errors == []
