"""Imports that looked clean but were not: titleless tables on the official template's sheets, a change column in
another unit than its table, and an empty table's sentence typed into its grid.

Each workbook is built here the way the official Shanghai 2026 department template lays its sheets out (a title
row, 编制部门 and 单位 on the next, a header of 项目 / 功能分类科目编码 / 类 款 项, the rows, 合计), then imported
into an empty project as an editor would, and what the editor is shown is asserted.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Sequence

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from pubgen.importers.summary import outcome_text
from pubgen.importers.tablemap import find_kind
from pubgen.importers.writer import Options, Outcome, run
from pubgen.pipeline import check

from . import test_import_national as national
from .conftest import ROOT
from .test_checks import doc, project

ISSUER = "编制部门：上海市普陀区实验局"

FUNCTIONAL_HEADER = (
    ("项目", 0, 0, 1, 4),
    ("功能分类科目编码", 1, 0, 1, 3),
    ("功能分类科目名称", 1, 3, 2, 1),
    ("类", 2, 0, 1, 1),
    ("款", 2, 1, 1, 1),
    ("项", 2, 2, 1, 1),
)


def _functional_sheet(
    book: openpyxl.Workbook, name: str, money: str, rows: Sequence[Sequence[int | str | None]], total: Sequence[int | None], title: str | None = None
) -> Worksheet:
    """A sheet of the template's 功能分类 tables (合计 | 基本支出 | 项目支出 under ``money``); without ``title`` its title row is blank."""
    sheet: Worksheet = book.create_sheet(name)
    if title:
        sheet.cell(2, 1, title)
    sheet.cell(3, 1, ISSUER)
    sheet.cell(3, 7, "单位：元")
    for text, r, c, rowspan, colspan in FUNCTIONAL_HEADER:
        sheet.cell(4 + r, 1 + c, text)
        if rowspan > 1 or colspan > 1:
            sheet.merge_cells(start_row=4 + r, start_column=1 + c, end_row=3 + r + rowspan, end_column=c + colspan)
    sheet.cell(4, 5, money)
    sheet.merge_cells(start_row=4, start_column=5, end_row=4, end_column=7)
    for c, text in enumerate(("合计", "基本支出", "项目支出"), start=5):
        sheet.cell(5, c, text)
        sheet.merge_cells(start_row=5, start_column=c, end_row=6, end_column=c)
    for i, values in enumerate(rows):
        for c, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(7 + i, c, value)
    end = 7 + max(len(rows), 3)
    sheet.cell(end, 1, "合计")
    sheet.merge_cells(start_row=end, start_column=1, end_row=end, end_column=4)
    for c, value in enumerate(total, start=5):
        if value is not None:
            sheet.cell(end, c, value)
    return sheet


def _book() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "封面"
    cover["A1"] = "上海市普陀区2026年区级部门预算"
    cover["A3"] = "预算主管部门：上海市普陀区实验局"
    return book


GENERAL_ROWS = [
    (201, None, None, "一般公共服务支出", 5000000, 3000000, 2000000),
    (201, "03", None, "政府办公厅（室）及相关机构事务", 5000000, 3000000, 2000000),
    (201, "03", "01", "行政运行", 3000000, 3000000, None),
    (201, "03", "02", "一般行政管理事务", 2000000, None, 2000000),
]


def _import(tmp_path: Path, book: openpyxl.Workbook) -> tuple[Outcome, str]:
    source = tmp_path / "in.xlsx"
    book.save(source)
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(year=2026), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    return outcome, item.target.read_text(encoding="utf-8")


def _table_text(text: str, role: str) -> str:
    start = text.index(f"role: {role}\n")
    end = text.find("  - type: table", start)
    return text[start : end if end >= 0 else len(text)]


# ---------------------------------------------------------------------------- titleless tables on the template's sheets


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("部门一般公共预算拨款表", "budget-general-expenditure"),
        ("部门政府性基金拨款表", "budget-gov-fund-expenditure"),
        ("部门国有资本经营预算拨款表", "budget-state-capital-expenditure"),
        ("部门一般公共预算拨款基本支出明细表", "budget-general-basic"),
        ("部门“三公”经费和机关运行费预算表", "budget-three-public"),
        # Other provinces shorten the same way.
        ("政府性基金支出表", "budget-gov-fund-expenditure"),
        ("国有资本经营预算财政拨款表", "budget-state-capital-expenditure"),
        ("一般公共预算财政拨款基本支出明细表", "budget-general-basic"),
    ],
)
def test_the_template_sheet_names_name_their_kinds(name: str, role: str) -> None:
    kind = find_kind(name, "budget")
    assert kind is not None and kind.role == role


@pytest.mark.parametrize("name", ["一般公共预算表", "财政拨款表", "基本支出表", "部门某某专项资金表", "一般公共预算拨款收入表", "政府性基金拨款收支表"])
def test_unrelated_sheet_names_get_no_kind(name: str) -> None:
    assert find_kind(name, "budget") is None


def test_a_titleless_table_on_a_template_sheet_is_checked(tmp_path: Path) -> None:
    """The review's case: the 一般公共预算拨款表 printed without its title row, its 合计 100,000 元 over its parts."""
    book = _book()
    _functional_sheet(book, "部门一般公共预算拨款表", "一般公共预算支出", GENERAL_ROWS, [5100000, 3000000, 2000000])
    outcome, text = _import(tmp_path, book)
    assert "role: budget-general-expenditure" in text
    shown = outcome_text(outcome, tmp_path / "content")
    assert "“部门一般公共预算拨款表” → 一般公共预算支出功能分类预算表（budget-general-expenditure）" in shown
    assert "没有发现问题" not in shown
    assert "[column-sum-mismatch] “部门一般公共预算拨款表”中“合计”的“合计” 5100000 ≠ 基本支出＋项目支出 = 5000000" in shown
    assert "没有对应的表格类型" not in shown


def test_the_import_says_a_table_of_no_kind_goes_unchecked(tmp_path: Path) -> None:
    book = _book()
    _functional_sheet(book, "部门某某专项资金表", "专项资金", GENERAL_ROWS, [5100000, 3000000, 2000000])
    outcome, text = _import(tmp_path, book)
    assert "role:" not in text
    shown = outcome_text(outcome, tmp_path / "content")
    assert outcome.check is not None and not outcome.check.errors
    assert shown.endswith(
        "注意：以下 1 张表没有对应的表格类型，按普通表格录入，表中的数字没有按官方表的规则核对（表内合计、与其他表是否一致），请人工核对：\n"
        "  工作表“部门某某专项资金表”A3 “部门某某专项资金表”\n"
    )


def test_a_clean_import_with_known_tables_has_no_unchecked_note(tmp_path: Path) -> None:
    book = _book()
    _functional_sheet(book, "部门一般公共预算拨款表", "一般公共预算支出", GENERAL_ROWS, [5000000, 3000000, 2000000])
    outcome, _text = _import(tmp_path, book)
    shown = outcome_text(outcome, tmp_path / "content")
    assert "张表没有对应的表格类型" not in shown
    assert outcome.check is not None and not outcome.check.errors


# ---------------------------------------------------------------------------- the empty table's sentence in its grid


def test_an_empty_tables_sentence_typed_in_its_first_row_is_its_empty_note(tmp_path: Path) -> None:
    book = _book()
    sheet = _functional_sheet(book, "部门政府性基金拨款表", "政府性基金预算支出", [], [None, None, None], title="2026年部门政府性基金预算支出功能分类预算表")
    sheet.cell(7, 1, "本部门无政府性基金预算拨款安排的支出，故本表无数据。")
    outcome, text = _import(tmp_path, book)
    table = _table_text(text, "budget-gov-fund-expenditure")
    assert "    empty_note: 本部门无政府性基金预算拨款安排的支出，故本表无数据。\n" in table
    assert "label: 本部门无" not in table
    assert "      - {id: total, label: 合计, group: [政府性基金预算支出]}\n" in table
    assert outcome.check is not None
    assert [p.code for p in outcome.check.errors] == []


# ---------------------------------------------------------------------------- a change column in 万元 in a table in 元

Y23 = ["100000", "0", "60000", "0", "60000", "40000"]
Y24 = ["80000", "0", "50000", "0", "50000", "30000"]
CHANGE = ["-2", "0", "-1", "0", "-1", "-1"]
RATE = ["-20", "0", "-16.67", "0", "-16.67", "-25"]
LABELS = ["合计", "因公出国（境）费", "公务用车购置及运行费", "其中：公务用车购置费", "公务用车运行费", "公务接待费"]


def _three_public(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, headings: list[str], columns: list[list[str]]) -> tuple[Outcome, str]:
    monkeypatch.setattr(national, "UNIT", "单位：元")
    book = national._book("郑州市某某局2024年部门预算")
    header = (("项目", 0, 0, 1, 1), *((h, 0, i + 1, 1, 1) for i, h in enumerate(headings)))
    body = [([label, *(Decimal(c[r]) for c in columns)], None) for r, label in enumerate(LABELS)]
    national._sheet(book, "三公", "2024年“三公”经费预算表", header, body, len(headings) + 1)
    source = tmp_path / "in.xlsx"
    book.save(source)
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    return outcome, item.target.read_text(encoding="utf-8")


def test_a_change_in_wan_yuan_beside_figures_in_yuan_keeps_its_unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outcome, text = _three_public(tmp_path, monkeypatch, ["2023年预算数", "2024年预算数", "比上年增减（万元）", "增减%"], [Y23, Y24, CHANGE, RATE])
    table = _table_text(text, "three-public")
    assert "    unit: 元\n" in table
    assert "      - {id: change, label: 比上年增减（万元）, unit: 万元}\n" in table
    assert outcome.check is not None
    assert [p.code for p in outcome.check.errors + outcome.check.warnings if p.code != "missing-section"] == []


CHANGE_TABLE = """\
- type: table
  role: three-public
  title: “三公”经费预算表
  unit: 元
  columns:
    - {{id: last-year, label: 2023年预算数}}
    - {{id: budget, label: 2024年预算数}}
    - {{id: change, label: 比上年增减（万元）, unit: 万元}}
    - {{id: change-rate, label: 增减%}}
  rows:
    - {{id: total, label: 合计, values: [100000, 80000, {change}, {rate}]}}
    - {{id: overseas, label: 因公出国（境）费, values: [0, 0, 0, ~]}}
    - {{id: vehicle, label: 公务用车购置及运行费, values: [60000, 50000, -1, -16.67]}}
    - {{id: vehicle-purchase, label: 其中：公务用车购置费, values: [0, 0, 0, ~]}}
    - {{id: vehicle-operation, label: 公务用车运行费, values: [60000, 50000, -1, -16.67]}}
    - {{id: reception, label: 公务接待费, values: [40000, 30000, -1, -25]}}
"""


def _problems(tmp_path: Path, change: str, rate: str) -> list[tuple[str, str]]:
    body = CHANGE_TABLE.format(change=change, rate=rate)
    report = check(project(tmp_path, doc(2024, "budget", body)))
    return [(p.code, p.message) for p in report.sorted() if p.code in ("difference-mismatch", "ratio-mismatch", "rounding-difference")]


def test_a_written_unit_on_a_change_column_is_honoured(tmp_path: Path) -> None:
    assert _problems(tmp_path, "-2", "-20") == []


def test_a_wrong_change_in_its_own_unit_is_still_reported(tmp_path: Path) -> None:
    assert _problems(tmp_path, "-3", "-30") == [
        ("difference-mismatch", "““三公”经费预算表”中“合计”的“比上年增减（万元）” -3 ≠ 2024年预算数 − 2023年预算数 = -2（相差 1；元折合万元）。")
    ]
