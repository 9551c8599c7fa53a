"""Layouts of the functional-code tables and of empty tables, built at test time, imported and checked.

A code printed in an unusual layout (code and name in one cell, the 类 cell merged down over its
rows, only the new part of each code printed) must still give each row its full code, so that
the check derives the hierarchy from it instead of summing every row into 合计.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from pubgen.importers.text import match_unit, meta_parts
from pubgen.importers.writer import Options, run

from .conftest import ROOT

from .test_import_national import (
    INCOME_BODY,
    UNIT,
    INCOME_HEADER,
    INCOME_WIDTHS,
    BodyRow,
    Header,
    _book,
    _import,
    _pdf,
    _pdf_grid,
    _pdf_title,
    _rows,
    _sheet,
    needs_pdf,
)

THREE_HEADER: Header = (
    ("项目", 0, 0, 1, 4),
    ("本年支出合计", 0, 4, 3, 1),
    ("基本支出", 0, 5, 3, 1),
    ("项目支出", 0, 6, 3, 1),
    ("功能分类科目编码", 1, 0, 1, 3),
    ("科目名称", 1, 3, 2, 1),
    ("类", 2, 0, 1, 1),
    ("款", 2, 1, 1, 1),
    ("项", 2, 2, 1, 1),
)
FUNC = [  # code, name, total, basic, project
    ("201", "一般公共服务支出", "990.00", "790.00", "200.00"),
    ("20103", "政府办公厅（室）及相关机构事务", "990.00", "790.00", "200.00"),
    ("2010301", "行政运行", "790.00", "790.00", None),
    ("2010302", "一般行政管理事务", "200.00", None, "200.00"),
    ("208", "社会保障和就业支出", "144.56", "144.56", None),
    ("20805", "行政事业单位养老支出", "144.56", "144.56", None),
    ("2080505", "机关事业单位基本养老保险缴费支出", "144.56", "144.56", None),
]
TOTAL: BodyRow = (["合计", "", "", "", Decimal("1134.56"), Decimal("934.56"), Decimal("200.00")], (0, 3))
CODES = ['"201"', '"20103"', '"2010301"', '"2010302"', '"208"', '"20805"', '"2080505"']


def _figures(total: str, basic: str | None, project: str | None) -> list[object]:
    return [Decimal(x) if x is not None else None for x in (total, basic, project)]


def _codes(text: str) -> list[str]:
    return [row.split("code: ")[1].split(",")[0] for row in _rows(text) if "code: " in row]


def test_only_the_new_part_of_each_code_printed(tmp_path: Path) -> None:
    """类 on the class row, then 款 alone and 项 alone: each row gets the code of its place in the hierarchy."""
    body: list[BodyRow] = [TOTAL]
    for code, name, *figures in FUNC:
        parts = [code, "", ""] if len(code) == 3 else (["", code[3:5], ""] if len(code) == 5 else ["", "", code[5:]])
        body.append(([*parts, name, *_figures(*figures)], None))
    book = _book()
    _sheet(book, "支出决算表", "支出决算表", THREE_HEADER, body, 7)
    book.save(tmp_path / "sparse.xlsx")
    text, errors = _import(tmp_path, tmp_path / "sparse.xlsx")
    assert _codes(text) == CODES
    assert "行政运行" in text and not errors, errors


def test_the_class_cell_merged_down_over_its_rows(tmp_path: Path) -> None:
    """201 printed once in a cell merged over 201 / 20103 / 2010301 / 2010302."""
    body: list[BodyRow] = [TOTAL]
    for code, name, *figures in FUNC:
        body.append(([code[:3], code[3:5], code[5:], name, *_figures(*figures)], None))
    book = _book()
    _sheet(book, "支出决算表", "支出决算表", THREE_HEADER, body, 7)
    sheet = book["支出决算表"]
    first = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "201")
    for start, end in ((first, first + 3), (first + 4, first + 6)):
        for r in range(start + 1, end + 1):
            sheet.cell(r, 1).value = None
        sheet.merge_cells(start_row=start, start_column=1, end_row=end, end_column=1)
    book.save(tmp_path / "vmerge.xlsx")
    text, errors = _import(tmp_path, tmp_path / "vmerge.xlsx")
    assert _codes(text) == CODES
    assert not errors, errors


def test_a_level_with_nothing_above_to_complete_it_from_is_left_as_printed(tmp_path: Path) -> None:
    """A 款 alone on the first row has no 类 above it: no code is made up."""
    body: list[BodyRow] = [TOTAL, (["", "03", "", "政府办公厅（室）及相关机构事务", Decimal("1134.56"), Decimal("934.56"), Decimal("200.00")], None)]
    book = _book()
    _sheet(book, "支出决算表", "支出决算表", THREE_HEADER, body, 7)
    book.save(tmp_path / "orphan.xlsx")
    text, _errors = _import(tmp_path, tmp_path / "orphan.xlsx")
    assert _codes(text) == []
    assert "不是科目编码" in text


ONE_COLUMN_HEADER: Header = (("功能分类科目", 0, 0, 1, 1), ("合计", 0, 1, 1, 1), ("基本支出", 0, 2, 1, 1), ("项目支出", 0, 3, 1, 1))


def test_code_and_name_printed_in_one_cell(tmp_path: Path) -> None:
    """``2010301 行政运行`` in a single column: the code goes to ``code``, the name to ``label``."""
    body: list[BodyRow] = [(["合计", Decimal("1134.56"), Decimal("934.56"), Decimal("200.00")], None)]
    for code, name, *figures in FUNC:
        body.append(([f"{code} {name}", *_figures(*figures)], None))
    book = _book("某某区2024年部门预算")
    _sheet(book, "支出总表", "2024年部门支出预算总表", ONE_COLUMN_HEADER, body, 4)
    book.save(tmp_path / "one-column.xlsx")
    text, errors = _import(tmp_path, tmp_path / "one-column.xlsx")
    assert _codes(text) == CODES
    assert '{code: "2010301", label: 行政运行,' in text
    assert not errors, errors


def test_a_label_that_merely_starts_with_a_number_keeps_it(tmp_path: Path) -> None:
    """One row named ``100人以下单位`` among plain names is a label, not a code."""
    body: list[BodyRow] = [
        (["合计", Decimal("3.00"), Decimal("3.00"), None], None),
        (["100人以下单位", Decimal("1.00"), Decimal("1.00"), None], None),
        (["其他单位", Decimal("2.00"), Decimal("2.00"), None], None),
    ]
    book = _book("某某区2024年部门预算")
    _sheet(book, "支出总表", "2024年部门支出预算总表", ONE_COLUMN_HEADER, body, 4)
    book.save(tmp_path / "plain.xlsx")
    text, _errors = _import(tmp_path, tmp_path / "plain.xlsx")
    assert "label: \"100人以下单位\"" in text and _codes(text) == []


# ---------------------------------------------------------------------------- empty tables

FUND_HEADER: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("基本支出", 0, 3, 1, 1), ("项目支出", 0, 4, 1, 1))
FUND_NOTE = "本单位无政府性基金收支，故本表无数据"


def test_a_note_row_inside_the_ruled_area_is_the_empty_note(tmp_path: Path) -> None:
    """The sentence typed as a merged row under 合计, without 注：, is no data row."""
    body: list[BodyRow] = [
        (["合计", "", None, None, None], (0, 1)),
        ([FUND_NOTE, "", "", "", ""], (0, 4)),
    ]
    book = _book("某某区2024年部门预算")
    _sheet(book, "政府性基金", "2024年部门政府性基金预算支出功能分类预算表", FUND_HEADER, body, 5)
    book.save(tmp_path / "note-row.xlsx")
    text, errors = _import(tmp_path, tmp_path / "note-row.xlsx")
    assert f"empty_note: {FUND_NOTE}" in text
    assert _rows(text) == ["{id: total, label: 合计, values: [~, ~, ~]}"]
    assert "{id: basic, label: 基本支出}" in text and not errors, errors


def test_an_empty_table_printed_as_title_and_one_sentence(tmp_path: Path) -> None:
    """No header, no grid: the sentence in a merged cell is the empty note, the columns are the kind's."""
    note = "本部门2024年度没有使用政府性基金预算拨款安排的支出，故本表为空"
    book = _book("某某区2024年部门预算")
    sheet = book.create_sheet("政府性基金")
    sheet["A1"] = "2024年部门政府性基金预算支出功能分类预算表"
    sheet.merge_cells("A1:E1")
    sheet["A2"] = "编制单位：某某省某某市某某区某某局"
    sheet["E2"] = "单位：元"
    sheet["A4"] = note
    sheet.merge_cells("A4:E6")
    book.save(tmp_path / "sentence.xlsx")
    text, errors = _import(tmp_path, tmp_path / "sentence.xlsx")
    assert f"empty_note: {note}" in text
    assert "role: budget-gov-fund-expenditure" in text
    assert "{id: total, label: 合计}" in text and "rows: []" in text
    assert note not in text.split("empty_note")[0], "the note became a column"
    assert not errors, errors


@needs_pdf
def test_an_empty_pdf_table_printed_without_rules(tmp_path: Path) -> None:
    """Title, 编制单位/单位 line and one sentence, no ruling: a table whose note is its empty_note."""
    note = "本单位无国有资本经营预算财政拨款收支，故本表无数据。"
    pdf = _pdf()
    pdf.add_page()
    _pdf_grid(pdf, _pdf_title(pdf, "收入决算表"), INCOME_WIDTHS, INCOME_HEADER, INCOME_BODY)
    pdf.add_page()
    top = _pdf_title(pdf, "国有资本经营预算财政拨款收入支出决算表")
    pdf.set_xy(20, top + 4)
    pdf.cell(200, 6, note)
    path = tmp_path / "决算.pdf"
    path.write_bytes(bytes(pdf.output()))
    text, errors = _import(tmp_path, path)
    part = text[text.index("role: final-state-capital") :]
    assert f"empty_note: {note}" in part
    assert "{id: income, label: 本年收入}" in part and "rows: []" in part
    assert not errors, errors


def test_an_empty_table_whose_sentence_is_merged_under_its_header(tmp_path: Path) -> None:
    """Header printed, then the sentence in one cell merged across the table and down three rows: the empty note, not the columns' names."""
    book = _book("某某区2024年部门预算")
    _sheet(book, "政府性基金", "2024年部门政府性基金预算支出功能分类预算表", FUND_HEADER, [([FUND_NOTE, "", "", "", ""], (0, 4))], 5)
    sheet = book["政府性基金"]
    row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == FUND_NOTE)
    sheet.unmerge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row + 2, end_column=5)
    book.save(tmp_path / "merged-note.xlsx")
    text, errors = _import(tmp_path, tmp_path / "merged-note.xlsx")
    assert f"empty_note: {FUND_NOTE}" in text
    assert "{id: total, label: 合计}" in text and "{id: project, label: 项目支出}" in text
    assert text.count(FUND_NOTE) == 1 and "    rows: []\n" in text and not errors, errors


# ---------------------------------------------------------------------------- the unit line, the 合计 row


@pytest.mark.parametrize(
    ("printed", "unit"),
    [
        ("单位：元", "元"),
        ("（单位：元）", "元"),
        ("(单位:万元)", "万元"),
        ("单位：人民币元", "元"),
        ("单位（元）", "元"),
        ("金额单位：万元", "万元"),
        ("单位：元宝区", None),
        ("单位名称：某某局", None),
    ],
)
def test_unit_lines(printed: str, unit: str | None) -> None:
    assert match_unit(printed) == unit
    if unit is not None:
        assert meta_parts(f"编制单位：某某局    {printed}") == ["编制单位：某某局", printed]


@pytest.mark.parametrize("printed", ["（单位：元）", "单位：人民币元", "单位（元）"])
def test_a_table_in_yuan_is_not_published_as_wanyuan(tmp_path: Path, printed: str) -> None:
    """The unit in brackets or as 人民币元: the table is in 元 (a page read 6505000.00 万元)."""
    body: list[BodyRow] = [(["合计", Decimal("1134.56"), Decimal("934.56"), Decimal("200.00")], None)]
    body += [([f"{code} {name}", *_figures(*figures)], None) for code, name, *figures in FUNC]
    book = _book("某某区2024年部门预算")
    _sheet(book, "支出总表", "2024年部门支出预算总表", ONE_COLUMN_HEADER, body, 4)
    sheet = book["支出总表"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == UNIT)
    cell.value = printed
    book.save(tmp_path / "yuan.xlsx")
    text, errors = _import(tmp_path, tmp_path / "yuan.xlsx")
    assert "unit: 元" in text and "万元" not in text.split("rows:")[0].split("unit:")[-1]
    assert not errors, errors


SPLIT_HEADER: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("基本支出", 0, 3, 1, 1), ("项目支出", 0, 4, 1, 1))


def test_a_total_typed_in_the_code_column_is_the_total_row(tmp_path: Path) -> None:
    """“合计” in the code column, the name column left empty and not merged: the 合计 row, checked as such."""
    wrong_total = Decimal("1143.56")  # 9 more than its classes
    body: list[BodyRow] = [(["合计", "", wrong_total, Decimal("934.56"), Decimal("209.00")], None)]
    body += [([code, name, *_figures(*figures)], None) for code, name, *figures in FUNC]
    book = _book("某某区2024年部门预算")
    _sheet(book, "支出总表", "2024年部门支出预算总表", SPLIT_HEADER, body, 5)
    book.save(tmp_path / "total.xlsx")
    text, errors = _import(tmp_path, tmp_path / "total.xlsx")
    assert "{id: total, label: 合计, values: [1143.56, 934.56, 209.00]}" in text
    assert "不是科目编码" not in text
    assert any(e.startswith("sum-mismatch") and "合计" in e for e in errors), errors


@pytest.mark.parametrize(
    ("printed", "kind", "digits"),
    [("−3.00", "number", "-3.00"), ("－3.00", "number", "-3.00"), ("(12.30)", "number", "-12.30"), ("1,234.56", "number", "1234.56"), ("−", "dash", None)],
)
def test_printed_figures(printed: str, kind: str, digits: str | None) -> None:
    """The minus sign U+2212 of typeset figures is a minus, as the full-width one is."""
    from pubgen.importers.text import parse_figure

    found, text, _ = parse_figure(printed)
    assert (found.value, text) == (kind, digits)


CHANGE_HEADER: Header = (("项目", 0, 0, 1, 1), ("2024年预算数", 0, 1, 1, 1), ("2023年预算数", 0, 2, 1, 1), ("增减额", 0, 3, 1, 1), ("增减率（%）", 0, 4, 1, 1))


def test_a_table_of_changes_gets_the_columns_that_are_checked(tmp_path: Path) -> None:
    """2023年预算数 in a 2024 budget is last year's, 增减额 the change, 增减率（%） its rate: negative figures are
    allowed there, and the change and the rate are recomputed (a wrong rate is reported)."""
    body: list[BodyRow] = [
        (["收入合计", Decimal("6505000.00"), Decimal("6617300.00"), Decimal("-112300.00"), Decimal("-1.90")], None),
        (["其他收入", Decimal("200000.00"), Decimal("200000.00"), Decimal("0"), Decimal("0")], None),
    ]
    book = _book("某某区2024年部门预算")
    _sheet(book, "增减", "2024年部门预算收支增减变化情况表", CHANGE_HEADER, body, 5)
    book.save(tmp_path / "changes.xlsx")
    text, errors = _import(tmp_path, tmp_path / "changes.xlsx")
    assert '{id: last-year, label: "2023年预算数"}' in text and "{id: change, label: 增减额}" in text
    assert "{id: change-rate, label: 增减率（%）}" in text
    assert [e.split()[0] for e in errors] == ["ratio-mismatch"], errors


def test_a_note_of_two_lines_under_a_table_is_its_footnote(tmp_path: Path) -> None:
    """“注：1.…” then “2.…” on the next row: both lines are the table's note, not two blank data rows."""
    body: list[BodyRow] = [(["合计", Decimal("1134.56"), Decimal("934.56"), Decimal("200.00")], None)]
    body += [([f"{code} {name}", *_figures(*figures)], None) for code, name, *figures in FUNC]
    body += [(["注：1.本表反映部门本年度支出预算情况。", None, None, None], None), (["    2.本表金额单位为万元，合计数因四舍五入可能存在尾差。", None, None, None], None)]
    book = _book("某某区2024年部门预算")
    _sheet(book, "支出总表", "2024年部门支出预算总表", ONE_COLUMN_HEADER, body, 4)
    book.save(tmp_path / "notes.xlsx")
    text, errors = _import(tmp_path, tmp_path / "notes.xlsx")
    assert 'footnote: "注：1.本表反映部门本年度支出预算情况。\\n2.本表金额单位为万元，合计数因四舍五入可能存在尾差。"' in text
    assert "label: \"\"" not in text and not errors, errors


@pytest.mark.parametrize(
    ("line", "date"),
    [("二〇二五年二月", True), ("二〇二五年二月十日", True), ("2025年1月", True), ("（2025年1月20日）", True), ("二〇二五年部门预算", False)],
)
def test_a_cover_date_in_chinese_numerals_is_a_date_not_part_of_the_title(line: str, date: bool) -> None:
    from pubgen.importers.text import is_date_line

    assert is_date_line(line) is date


def test_a_cover_date_under_the_title_is_left_out_of_it(tmp_path: Path) -> None:
    body: list[BodyRow] = [(["合计", Decimal("1134.56"), Decimal("934.56"), Decimal("200.00")], None)]
    body += [([f"{code} {name}", *_figures(*figures)], None) for code, name, *figures in FUNC]
    book = _book("某某区2024年部门预算")
    book["封面"]["A6"] = "二〇二四年二月"
    _sheet(book, "支出总表", "2024年部门支出预算总表", ONE_COLUMN_HEADER, body, 4)
    book.save(tmp_path / "cover.xlsx")
    text, _errors = _import(tmp_path, tmp_path / "cover.xlsx")
    assert "\ntitle: 某某区2024年部门预算\n" in text


@pytest.mark.parametrize(
    ("name", "short"),
    [("广西壮族自治区", "广西"), ("新疆维吾尔自治区", "新疆"), ("恩施土家族苗族自治州", "恩施"), ("长阳土家族自治县", "长阳"), ("内蒙古自治区", "内蒙古"), ("普陀区", "普陀")],
)
def test_a_new_regions_short_name_leaves_out_its_peoples(name: str, short: str) -> None:
    """The slug of a new region comes from its short name: guangxi, not guangxizhuangzu (a slug never changes once published)."""
    from pubgen.importers.naming import short_region

    assert short_region(name) == short


@pytest.mark.parametrize("title", ["2024年部门支出总表", "某某区某某局2024年一般公共预算支出功能分类预算表"])
def test_the_unit_printed_at_the_right_of_the_title_row(tmp_path: Path, title: str) -> None:
    """Title merged over the left, 单位：元 in the last cell of the same row, no issuer line: the title and the unit, both."""
    import openpyxl

    book = _book("某某区2024年部门预算")
    sheet = book.create_sheet("表")
    sheet.cell(1, 1, title)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    sheet.cell(1, 4, "单位：元")
    for c, text in enumerate(("功能分类科目", "合计", "基本支出", "项目支出"), start=1):
        sheet.cell(2, c, text)
    rows = [("合计", "1134.56", "934.56", "200.00")] + [(f"{code} {name}", *(f or "" for f in figures)) for code, name, *figures in FUNC]
    for r, values in enumerate(rows, start=3):
        for c, value in enumerate(values, start=1):
            if value:
                cell = sheet.cell(r, c, Decimal(value) if c > 1 else value)
                if c > 1:
                    cell.number_format = "#,##0.00"
    assert isinstance(book, openpyxl.Workbook)
    book.save(tmp_path / "title-row.xlsx")
    text, errors = _import(tmp_path, tmp_path / "title-row.xlsx")
    assert (f'    title: "{title}"\n' in text or f"    title: {title}\n" in text) and "    unit: 元\n" in text
    assert _codes(text) == CODES and not errors, errors


def test_a_units_sheet_in_a_departments_workbook_is_not_the_departments(tmp_path: Path) -> None:
    """Zhejiang prints its units' tables after the department's in one workbook (单位名称：…信息中心): left out, and said so."""
    body: list[BodyRow] = [(["合计", Decimal("1134.56"), Decimal("934.56"), Decimal("200.00")], None)]
    body += [([f"{code} {name}", *_figures(*figures)], None) for code, name, *figures in FUNC]
    book = _book("某某区2024年部门预算")
    _sheet(book, "支出总表", "2024年部门支出总表", ONE_COLUMN_HEADER, body, 4)
    _sheet(book, "单位-中心", "2024年单位支出总表", ONE_COLUMN_HEADER, body, 4)
    sheet = book["单位-中心"]
    cell = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("编制单位："))
    cell.value = "单位名称：某某省某某市某某区某某局信息中心"
    book.save(tmp_path / "units.xlsx")
    text, errors = _import(tmp_path, tmp_path / "units.xlsx")
    assert text.count("role: budget-expenditure") == 1 and "信息中心" not in text.split("body:", 1)[1]
    assert not errors, errors


def _stacked_book(path: Path, mark: str | None = None) -> None:
    """表5 with the 政府性基金 table printed under it (its title, then its 编制单位 / 单位 line); ``mark`` printed above
    that title, at the right, as the national layout prints its 表号."""
    body: list[BodyRow] = [(["合计", Decimal("1134.56"), Decimal("934.56"), Decimal("200.00")], None)]
    body += [([f"{code} {name}", *_figures(*figures)], None) for code, name, *figures in FUNC]
    book = _book("某某区2024年部门预算")
    _sheet(book, "表5", "2024年一般公共预算支出表", ONE_COLUMN_HEADER, body, 4)
    sheet = book["表5"]
    row = sheet.max_row + 2
    if mark is not None:
        sheet.cell(row, 4, mark)
        row += 1
    sheet.cell(row, 1, "2024年政府性基金预算支出表")
    sheet.cell(row + 1, 1, "编制单位：某某省某某市某某区某某局")
    sheet.cell(row + 1, 4, "单位：万元")
    for c, text in enumerate(("功能分类科目", "合计", "基本支出", "项目支出"), start=1):
        sheet.cell(row + 2, c, text)
    sheet.cell(row + 3, 1, "合计")
    for c, value in ((2, "50.00"), (4, "50.00")):
        sheet.cell(row + 3, c, Decimal(value)).number_format = "#,##0.00"
    book.save(path)


def test_two_tables_stacked_on_one_sheet_are_two_tables(tmp_path: Path) -> None:
    """表5 with the 政府性基金 table printed under it (its title, then its 编制单位 / 单位 line): two tables, not one."""
    _stacked_book(tmp_path / "stacked.xlsx")
    text, errors = _import(tmp_path, tmp_path / "stacked.xlsx")
    assert "role: budget-general-expenditure" in text and "role: budget-gov-fund-expenditure" in text
    assert "单位：万元" not in text.split("body:", 1)[1].replace("# ", "") and not errors, errors


def test_a_tables_mark_printed_above_its_title_opens_it_on_a_stacked_sheet(tmp_path: Path) -> None:
    """The national layout prints “公开06表” above each title: kept with the table above, it widened that table past its kind
    (made-up columns, no 合计 id) and a wrong 合计 there passed."""
    _stacked_book(tmp_path / "marked.xlsx", "公开06表")
    text, errors = _import(tmp_path, tmp_path / "marked.xlsx")
    start = text.index("role: budget-general-expenditure\n")
    general = text[start : text.index("  - type: table", start)]
    assert "公开06表" not in general and "di5lan" not in general and "{id: total, label: 合计" in general, general
    assert "role: budget-gov-fund-expenditure" in text and "number: 公开06表" in text
    assert not errors, errors


def test_a_three_public_table_printed_with_its_items_as_rows_is_checked_row_by_row(tmp_path: Path) -> None:
    """合计 / 1、因公出国（境）费 / 2、公务用车购置及运行费 / 其中：（1）… printed down the page: the rows get their ids and
    a 合计 that is not their sum is reported (it was read as the one-row official table, and nothing was checked)."""
    header: Header = (("项目", 0, 0, 1, 1), ("2025年预算数", 0, 1, 1, 1), ("2024年预算数", 0, 2, 1, 1))
    body: list[BodyRow] = [
        (["合计", Decimal("26.00"), Decimal("28.00")], None),
        (["1、因公出国（境）费", Decimal("5.00"), Decimal("5.00")], None),
        (["2、公务用车购置及运行费", Decimal("15.00"), Decimal("18.00")], None),
        (["其中：（1）公务用车购置费", Decimal("0.00"), Decimal("0.00")], None),
        (["（2）公务用车运行费", Decimal("15.00"), Decimal("18.00")], None),
        (["3、公务接待费", Decimal("5.00"), Decimal("5.00")], None),
    ]
    book = _book("某某区2025年部门预算")
    _sheet(book, "三公", "2025年一般公共预算“三公”经费支出表", header, body, 3)
    book.save(tmp_path / "vertical.xlsx")
    text, errors = _import(tmp_path, tmp_path / "vertical.xlsx")
    for row in ("{id: overseas,", "{id: vehicle-purchase, label: 其中：（1）公务用车购置费,", "{id: reception,"):
        assert row in text, text
    assert [e.split()[0] for e in errors] == ["sum-mismatch"], errors


def _city_book(path: Path) -> None:
    """A budget whose body is named from its city down (南昌市东湖区…), without its province."""
    body: list[BodyRow] = [(["合计", Decimal("1134.56"), Decimal("934.56"), Decimal("200.00")], None)]
    body += [([f"{code} {name}", *_figures(*figures)], None) for code, name, *figures in FUNC]
    book = _book("南昌市东湖区某某馆2024年部门预算")
    book["封面"]["A3"] = "编制单位：南昌市东湖区某某馆"
    _sheet(book, "支出总表", "2024年部门支出预算总表", ONE_COLUMN_HEADER, body, 4)
    book.save(path)


def _regions_after(tmp_path: Path, options: Options) -> tuple[list[str], str]:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    _city_book(tmp_path / "city.xlsx")
    outcome = run([str(tmp_path / "city.xlsx")], options, content)
    regions = (content / "regions.yml").read_text(encoding="utf-8") if (content / "regions.yml").exists() else ""
    return list(outcome.failures), regions


def test_a_city_named_first_is_not_made_a_province(tmp_path: Path) -> None:
    """“南昌市东湖区某某馆” made 南昌市 a province beside 河北省 (level: province). Without its province the import asks
    for the region; a path that adds the province (jiangxi/…) is taken, and each level is named right."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "c").mkdir()
    failures, regions = _regions_after(tmp_path / "a", Options())
    assert regions == "" and len(failures) == 1 and "没有从省（自治区、直辖市）一级写起" in failures[0], failures
    failures, regions = _regions_after(tmp_path / "b", Options(region="jiangxi/nanchang/donghu"))
    assert failures == []
    assert "- slug: jiangxi\n    name: 江西省\n    level: province\n" in regions
    assert "name: 南昌市\n        level: city\n" in regions and "name: 东湖区\n            level: district\n" in regions
    failures, regions = _regions_after(tmp_path / "c", Options(region="nanchang/donghu"))
    assert failures == [] and "name: 南昌市\n    level: city\n" in regions and "level: province" not in regions
