"""How a table read from a file becomes content: kinds by title, columns by header path, rows by label or code.

The workbook here is made up (openpyxl) so that every case is in one small file: printed
thousands separators, 0.00, ——, blank cells, codes in three columns, a two-sided table, a
table no kind knows. The real documents are covered by the other import tests.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from pubgen.importers.labels import plain_title
from pubgen.importers.tablemap import find_kind
from pubgen.importers.writer import Options, run
from pubgen.load import load

from .conftest import ROOT


def _money(sheet: Worksheet, ref: str, value: str) -> None:
    sheet[ref] = Decimal(value)
    sheet[ref].number_format = "#,##0.00"


def _workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "封面"
    cover["A1"] = "某某区2025年区级部门预算"
    cover["A3"] = "预算主管部门：某某省某某市某某区某某局"
    cover["A5"] = "2025年1月20日"

    spending = book.create_sheet("支出总表")
    spending["A1"] = "2025年部门支出预算总表"
    spending["A2"] = "编制部门：某某省某某市某某区某某局"
    spending["G2"] = "单位：万元"
    spending["A3"], spending["E3"] = "项目", "支出预算"
    spending.merge_cells("A3:D3")
    spending.merge_cells("E3:G3")
    spending["A4"], spending["D4"], spending["E4"], spending["F4"], spending["G4"] = "功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"
    spending.merge_cells("A4:C4")
    for ref in ("D4:D5", "E4:E5", "F4:F5", "G4:G5"):
        spending.merge_cells(ref)
    spending["A5"], spending["B5"], spending["C5"] = "类", "款", "项"
    rows = [
        (("201", "", ""), "一般公共服务支出", ("1486.42", "1486.42", "0.00")),
        (("201", "06", ""), "财政事务", ("1486.42", "1486.42", "——")),
        (("201", "06", "01"), "行政运行", ("1486.42", "1486.42", None)),
    ]
    for offset, (code, label, figures) in enumerate(rows):
        line = 6 + offset
        for column, part in zip("ABC", code):
            if part:
                spending[f"{column}{line}"] = part
        spending[f"D{line}"] = label
        for column, figure in zip("EFG", figures):
            if figure is None:
                continue
            if figure[0].isdigit():
                _money(spending, f"{column}{line}", figure)
            else:
                spending[f"{column}{line}"] = figure
    spending["A9"] = "合计"
    spending.merge_cells("A9:D9")
    _money(spending, "E9", "1486.42")
    _money(spending, "F9", "1486.42")
    _money(spending, "G9", "0.00")

    fiscal = book.create_sheet("财政拨款收支总表")
    fiscal["A1"] = "2025年部门财政拨款收支预算总表"
    fiscal["A2"] = "编制部门：某某省某某市某某区某某局"
    fiscal["D2"] = "单位：万元"
    fiscal["A3"], fiscal["C3"] = "财政拨款收入", "财政拨款支出"
    fiscal.merge_cells("A3:B3")
    fiscal.merge_cells("C3:D3")
    fiscal["A4"], fiscal["B4"], fiscal["C4"], fiscal["D4"] = "项目", "预算数", "项目", "合计"
    fiscal["A5"], fiscal["C5"] = "一、一般公共预算资金", "一、一般公共服务支出"
    _money(fiscal, "B5", "1486.42")
    _money(fiscal, "D5", "1486.42")
    fiscal["A6"], fiscal["C6"] = "收入总计", "支出总计"
    _money(fiscal, "B6", "1486.42")
    _money(fiscal, "D6", "1486.42")

    other = book.create_sheet("专项")
    other["A1"] = "2025年部门某某专项资金安排表"
    other["A2"] = "单位：万元"
    other["A3"], other["B3"], other["C3"] = "项目名称", "金额", "备注"
    other["A4"], other["C4"] = "专项一", "按进度拨付"
    _money(other, "B4", "10.00")
    other["A5"] = "专项二"
    _money(other, "B5", "2,000.50".replace(",", ""))
    book.save(path)


def _imported(tmp_path: Path) -> tuple[str, Path]:
    source = tmp_path / "budget.xlsx"
    _workbook(source)
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    return item.target.read_text(encoding="utf-8"), content


def test_figures_keep_their_printed_text_and_blanks_stay_blank(tmp_path: Path) -> None:
    text, content = _imported(tmp_path)
    assert "title: 某某区2025年区级部门预算\n# 导入：公开日期取自封面所印日期。\npublished: 2025-01-20\n" in text
    assert "    role: budget-expenditure\n" in text
    assert "    codes: three\n" in text
    assert "      - {id: total, label: 合计, group: [支出预算]}\n" in text
    assert '      - {code: "201", label: 一般公共服务支出, values: [1486.42, 1486.42, 0.00]}\n' in text
    assert '      - {code: "20106", label: 财政事务, values: [1486.42, 1486.42, "——"]}\n' in text
    assert '      - {code: "2010601", label: 行政运行, values: [1486.42, 1486.42, ~]}\n' in text
    assert "      - {id: total, label: 合计, values: [1486.42, 1486.42, 0.00]}\n" in text
    loaded = load(content)
    assert [p for p in loaded.problems if p.severity.value == "error"] == []


def test_a_two_sided_table_is_split_by_its_income_and_expenditure_headers(tmp_path: Path) -> None:
    text, _content = _imported(tmp_path)
    fiscal = text[text.index("role: budget-fiscal-summary") :]
    assert "      - id: income\n        title: 财政拨款收入\n" in fiscal
    assert "          - {id: general, label: 一、一般公共预算资金, values: [1486.42]}\n" in fiscal
    assert "          - {id: grand-total, label: 收入总计, values: [1486.42]}\n" in fiscal
    assert "      - id: expenditure\n        title: 财政拨款支出\n" in fiscal
    assert "          - {label: 一、一般公共服务支出, values: [1486.42]}\n" in fiscal


def test_a_table_no_kind_knows_is_kept_with_a_comment(tmp_path: Path) -> None:
    text, _content = _imported(tmp_path)
    assert "  # 导入：表名“2025年部门某某专项资金安排表”不是已知的表格类型，按普通表格录入，请核对。\n  - type: table\n    title: \"2025年部门某某专项资金安排表\"\n    unit: 万元\n" in text
    other = text[text.index("2025年部门某某专项资金安排表") :]
    assert "    row_header: 项目名称\n" in other
    assert "      - {id: value, label: 金额}\n      - {id: note, label: 备注}\n" in other
    assert "      - {label: 专项一, values: [10.00, 按进度拨付]}\n      - {label: 专项二, values: [2000.50, ~]}\n" in other


def test_titles_match_kinds_with_a_year_a_number_or_a_scope_in_front() -> None:
    assert find_kind("2025年部门财务收支预算总表", "budget").role == "budget-finance-summary"  # type: ignore[union-attr]
    assert find_kind("1.2025年预算单位财务收支预算总表", "budget").role == "budget-finance-summary"  # type: ignore[union-attr]
    assert find_kind("部门“三公”经费和机关运行经费预算表", "budget").role == "budget-three-public"  # type: ignore[union-attr]
    assert find_kind("收入支出决算总表（续）", "final-accounts").role == "final-summary"  # type: ignore[union-attr]
    assert find_kind("2025年部门某某专项资金安排表", "budget") is None
    assert plain_title("表3 2024年度单位支出决算表") == "支出决算表"


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["本年收入1,23", "4.56万元。"], "本年收入1,234.56万元。"),  # a figure broken over two lines: one figure, as printed
        (["收入合计12", "34.56万元"], "收入合计1234.56万元"),
        (["budget of the", "department"], "budget of the department"),  # Latin words keep their space
        (["2024", "年部门预算"], "2024年部门预算"),
    ],
)
def test_wrapped_lines_join_as_printed(lines: list[str], joined: str) -> None:
    from pubgen.importers.narrative import join_lines

    assert join_lines(lines) == joined


def test_a_general_expenditure_final_accounts_column_printed_as_this_years_total_is_its_total(tmp_path: Path) -> None:
    """北京: 表5 prints its first column “本年支出合计”, as the 支出决算表 does; read as an unknown column, it switched off
    the comparisons of 表4 with 表5, and a figure slipped between them passed."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "表5"
    sheet["A1"] = "一般公共预算财政拨款支出决算表"
    sheet["A2"], sheet["E2"] = "编制单位：某某省某某市某某区某某局", "单位：万元"
    sheet["A3"], sheet["B3"], sheet["C3"], sheet["D3"], sheet["E3"] = "科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"
    sheet["A4"], sheet["B4"] = "205", "教育支出"
    sheet["A5"], sheet["B5"] = "", "合计"
    for ref, value in (("C4", "4671.28"), ("D4", "4000.00"), ("E4", "671.28"), ("C5", "4671.28"), ("D5", "4000.00"), ("E5", "671.28")):
        _money(sheet, ref, value)
    source = tmp_path / "某某区某某局2024年度部门决算.xlsx"
    book.save(source)
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    # Without a cover: a title saying 决算 is a 决算's, though it names its fund (一般公共预算…); it asked for --kind.
    outcome = run([str(source)], Options(region="某某省/某某市/某某区", year=2024), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    assert item.target.name == "2024-final-accounts.yml"
    text = item.target.read_text(encoding="utf-8")
    assert "role: final-general-expenditure" in text
    assert "{id: total, label: 本年支出合计}" in text, text


def test_shaanxi_and_shanxi_get_codes_of_their_own() -> None:
    """陕西 and 山西 were both “shanxi”: a 山西 import after a 陕西 one was refused as a clash."""
    from pubgen.importers.labels import slug

    assert (slug("陕西"), slug("山西"), slug("陕西省西安市雁塔区教育局")[:7]) == ("shaanxi", "shanxi", "shaanxi")
