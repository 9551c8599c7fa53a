"""What a PDF prints around its tables, built at test time and imported as an editor would.

Running headers and footers that carry the department's name and the page number, pages that
are only a picture, and notes under a table that wrap onto a second line: each must leave the
tables whole, the document's text clean, and say what could not be read.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pubgen.importers import read_file
from pubgen.importers.structure import Heading, Paragraph

from .test_import_national import (
    INCOME_HEADER,
    INCOME_WIDTHS,
    ISSUER,
    BodyRow,
    _entries,
    _import,
    _pdf,
    _pdf_grid,
    _pdf_title,
    needs_pdf,
)

pytestmark = needs_pdf

D = Decimal
DEPARTMENT = "某某省某某市某某区某某局"


def _row(code: str, name: str, amount: str) -> BodyRow:
    parts = [code[:3], code[3:5], code[5:7]]
    return ([*parts, name, D(amount), D(amount), None], None)


TOTAL: BodyRow = (["合计", "", "", "", D("1000.00"), D("1000.00"), None], (0, 3))
FIRST_PAGE: list[BodyRow] = [
    TOTAL,
    _row("201", "一般公共服务支出", "600.00"),
    _row("20103", "政府办公厅（室）及相关机构事务", "600.00"),
    _row("2010301", "行政运行", "400.00"),
    _row("2010302", "一般行政管理事务", "200.00"),
    _row("208", "社会保障和就业支出", "300.00"),
    _row("20805", "行政事业单位养老支出", "300.00"),
]
NEXT_PAGE: list[BodyRow] = [
    _row("2080505", "机关事业单位基本养老保险缴费支出", "300.00"),
    _row("221", "住房保障支出", "100.00"),
    _row("22102", "住房改革支出", "100.00"),
    _row("2210201", "住房公积金", "100.00"),
]
LABELS = ["合计", *(str(values[3]) for values, _merged in FIRST_PAGE[1:] + NEXT_PAGE)]


# ---------------------------------------------------------------------------- running headers and footers


def _running_line(pdf, number: int, where: str) -> None:  # type: ignore[no-untyped-def]
    """The department's name at the left and 第 N 页 at the right, in the footer or the header, as Word prints them."""
    pdf.set_font("cjk", size=9)
    y = 198.0 if where == "footer" else 4.0
    name = DEPARTMENT if where == "footer" else f"{DEPARTMENT}2023年度部门决算"
    pdf.set_xy(20, y)
    pdf.cell(120, 5, name)
    pdf.set_xy(200, y)
    pdf.cell(77, 5, f"第 {number} 页", align="R")
    pdf.set_font("cjk", size=10)


def _heading(pdf, text: str, y: float) -> None:  # type: ignore[no-untyped-def]
    pdf.set_font("cjk", size=16)
    pdf.set_xy(20, y)
    pdf.cell(200, 10, text)
    pdf.set_font("cjk", size=10)


def _with_running_lines(where: str) -> bytes:
    """A 决算 whose every page, the cover too, prints the department and the page number in one margin line."""
    pdf = _pdf()  # the cover
    pdf.add_page()
    _heading(pdf, "第一部分 部门概况", 20)
    pdf.set_font("cjk", size=11)
    pdf.set_xy(20, 36)
    pdf.multi_cell(257, 7, "　　本部门负责全区某某工作，纳入2023年度部门决算编制范围的单位只有本级。")
    pdf.add_page()
    _heading(pdf, "第二部分 2023年度部门决算表", 20)
    pdf.add_page()
    _pdf_grid(pdf, _pdf_title(pdf, "收入决算表", y=20), INCOME_WIDTHS, INCOME_HEADER, FIRST_PAGE)
    pdf.add_page()
    _pdf_grid(pdf, 20, INCOME_WIDTHS, INCOME_HEADER, NEXT_PAGE)
    pdf.add_page()
    _heading(pdf, "第三部分 2023年度部门决算情况说明", 20)
    pdf.set_font("cjk", size=11)
    pdf.set_xy(20, 36)
    pdf.multi_cell(257, 7, "　　2023年度本年收入合计1000.00万元，全部为财政拨款收入。")
    for page in range(1, pdf.page + 1):
        pdf.page = page
        _running_line(pdf, page, where)
    return bytes(pdf.output())


@pytest.mark.parametrize("where", ["footer", "header"])
def test_a_running_line_with_the_department_and_the_page_number_is_left_out(tmp_path: Path, where: str) -> None:
    """“某某局 … 第 N 页” differs on every page only by its number: it cut the table at the page break (the rest an
    untitled table, the 合计 “wrong” by the rows lost), went into the document's title and swallowed the headings."""
    path = tmp_path / "决算.pdf"
    path.write_bytes(_with_running_lines(where))
    document = read_file(str(path))
    (table,) = document.tables
    assert table.title == "收入决算表"
    assert _entries(table) == LABELS
    assert table.origin.pages == (4, 5)
    assert document.cover.title == "某某区2023年度部门决算"
    texts = [block.text for block in document.body if isinstance(block, (Heading, Paragraph))]
    assert not any("第" in text and "页" in text for text in texts), texts
    assert [(block.numbering, block.text) for block in document.body if isinstance(block, Heading)][:3] == [
        ("第一部分", "部门概况"),
        ("第二部分", "2023年度部门决算表"),
        ("第三部分", "2023年度部门决算情况说明"),
    ]
    assert not any(note.code == "table-without-title" for note in document.notes)
    text, errors = _import(tmp_path, path)
    assert errors == []
    assert "title: 某某区2023年度部门决算\n" in text
    assert "页" not in text.split("body:", 1)[1].split("    role: final-income", 1)[0]
