"""Sheets laid out in ways the importer first misread, built at test time, imported and checked.

- The Shanghai 2026 template prints the 部门收支总表's fund rows “1. 一般公共预算” “2. 政府性基金预算”: they were
  not known as the 财政拨款收入's parts, were counted again under 收入总计, and a right table got two errors.
- A sheet named after its table (“支出决算表”) that prints no title row lost its kind, and with it every check.
- An empty table (title, 编制单位 and 单位 line, “本表无数据”) as the first sheet was read as the cover: its text
  became the document's title and the table was lost without a word.
- “表一  2024年部门收支总表” in one cell kept 表一 in the title; an unmerged “收入 | | 支出 |” row was ignored.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Sequence

import openpyxl
import pytest

from pubgen.importers.writer import Options, Outcome, run
from pubgen.pipeline import check

from .conftest import ROOT
from .test_checks import doc, project
from .test_import_provinces import _table_text

D = Decimal
BODY = "某某省某某市某某区某某局"
ISSUER = f"编制单位：{BODY}"


def _import(folder: Path, book: openpyxl.Workbook, **options: object) -> tuple[str, list[str], Outcome]:
    """Save ``book`` and import it into an empty project: the written document, its errors and warnings, the outcome."""
    folder.mkdir(parents=True)
    book.save(folder / "in.xlsx")
    content = folder / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(folder / "in.xlsx")], Options(**options), content)  # type: ignore[arg-type]
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    assert outcome.check is not None
    problems = [f"{p.code} {p.message}" for p in (*outcome.check.errors, *outcome.check.warnings) if p.code != "missing-section"]
    return item.target.read_text(encoding="utf-8"), problems, outcome


def _report(outcome: Outcome) -> list[str]:
    return [f"{i.status} {i.message}" for item in outcome.imported for i in item.report.items]


def _codes(problems: list[str]) -> list[str]:
    return sorted(p.split()[0] for p in problems)


def _rows(sheet: object, top: int, rows: Sequence[Sequence[object]]) -> None:
    for r, values in enumerate(rows):
        for c, value in enumerate(values, start=1):
            if value is None:
                continue
            cell = sheet.cell(top + r, c, value)  # type: ignore[attr-defined]
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.00"


def _book(cover: str | None) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    if cover is None:
        book.remove(first)
    else:
        first.title = "封面"
        first["A1"] = cover
        first["A3"] = ISSUER
    return book


# ---------------------------------------------------------------------------- 1. 一般公共预算 / 2. 政府性基金预算


def _summary_book(general: str, fund: str, capital: str, fiscal: Decimal) -> openpyxl.Workbook:
    """部门收支总表 as the Shanghai 2026 template prints it: 财政拨款收入 5,000,000 = 4,800,000 + 200,000 + 0."""
    book = _book(f"{BODY}2026年部门预算")
    sheet = book.create_sheet("部门收支总表")
    sheet["A2"] = "2026年部门财务收支预算总表"
    sheet.merge_cells("A2:D2")
    sheet["A4"], sheet["D4"] = f"编制部门：{BODY}", "单位：元"
    sheet.merge_cells("A4:C4")
    sheet["A6"], sheet["C6"] = "本年收入", "本年支出"
    sheet.merge_cells("A6:B6")
    sheet.merge_cells("C6:D6")
    _rows(
        sheet,
        7,
        [
            ("项目", "预算数", "项目", "预算数"),
            ("一、财政拨款收入", fiscal, "一、一般公共服务支出", D("4900000.00")),
            (general, D("4800000.00"), "二、其他支出", D("200000.00")),
            (fund, D("200000.00")),
            (capital, D("0.00")),
            ("二、事业收入", D("0.00")),
            ("三、事业单位经营收入", D("0.00")),
            ("四、其他收入", D("100000.00")),
            ("收入总计", D("5100000.00"), "支出总计", D("5100000.00")),
        ],
    )
    return book


@pytest.mark.parametrize(
    "general, fund, capital",
    [
        ("1. 一般公共预算", "2. 政府性基金预算", "3. 国有资本经营预算"),  # the 2026 template
        ("1.一般公共预算资金", "2.政府性基金预算资金", "3.国有资本经营预算资金"),
        ("（1）一般公共预算财政拨款", "（2）政府性基金预算财政拨款", "（3）国有资本经营预算财政拨款"),
    ],
)
def test_the_summary_rows_of_each_fund_are_parts_of_the_fiscal_income(tmp_path: Path, general: str, fund: str, capital: str) -> None:
    text, problems, _outcome = _import(tmp_path / "right", _summary_book(general, fund, capital, D("5000000.00")))
    table = _table_text(text, "budget-finance-summary")
    for rid, label in (("fiscal-general", general), ("fiscal-gov-fund", fund), ("fiscal-state-capital", capital)):
        assert f'{{id: {rid}, label: "{label}"' in table or f"{{id: {rid}, label: {label}," in table, table
    assert problems == []
    # 财政拨款收入 printed 100,000 more than its funds: one error, on that row, naming the funds.
    _text, problems, _outcome = _import(tmp_path / "wrong", _summary_book(general, fund, capital, D("5100000.00")))
    assert _codes(problems) == ["sum-mismatch", "sum-mismatch"], problems
    assert any("“一、财政拨款收入”" in p and "相差 100000" in p and general in p for p in problems), problems


HAND_TYPED = """\
- type: table
  role: budget-finance-summary
  title: 2026年部门财务收支预算总表
  unit: 元
  sides:
    - id: income
      title: 本年收入
      columns:
        - {id: budget, label: 预算数}
      rows:
        - {id: fiscal, label: 一、财政拨款收入, values: [5000000.00]}
        - {label: "1. 一般公共预算", values: [GENERAL]}
        - {label: "2. 政府性基金预算", values: [200000.00]}
        - {id: fiscal-state-capital, label: "3. 国有资本经营预算", values: [0.00]}
        - {id: business, label: 二、事业收入, values: [0.00]}
        - {id: other, label: 四、其他收入, values: [100000.00]}
        - {id: grand-total, label: 收入总计, values: [5100000.00]}
    - id: expenditure
      title: 本年支出
      columns:
        - {id: budget, label: 预算数}
      rows:
        - {label: 一、一般公共服务支出, values: [5100000.00]}
        - {id: grand-total, label: 支出总计, values: [5100000.00]}
"""


def _found(folder: Path, text: str) -> list[tuple[str, int, str]]:
    return [(p.code, p.line, p.message) for p in check(project(folder, text)).sorted() if p.code != "missing-section"]


def test_a_hand_typed_summary_adds_its_numbered_rows_without_id_to_the_row_with_an_id_above_them(tmp_path: Path) -> None:
    """The editor wrote ids on the rows the example shows and none on the two fund rows: they were counted a second
    time under 收入总计 (two errors on a right table). They are the parts of 一、财政拨款收入, and the editor is told
    which ids to write."""
    right = doc(2026, "budget", HAND_TYPED.replace("GENERAL", "4800000.00"))
    general_line = next(i for i, line in enumerate(right.splitlines(), start=1) if "1. 一般公共预算" in line)
    ids = "请给“1. 一般公共预算”写上 id: fiscal-general、给“2. 政府性基金预算”写上 id: fiscal-gov-fund"
    (only,) = _found(tmp_path / "right", right)
    assert only[:2] == ("row-without-id", general_line) and ids in only[2], only
    wrong = doc(2026, "budget", HAND_TYPED.replace("GENERAL", "4900000.00"))  # the funds 100,000 more than 财政拨款收入
    fiscal_line = next(i for i, line in enumerate(wrong.splitlines(), start=1) if "一、财政拨款收入" in line)
    found = _found(tmp_path / "wrong", wrong)
    assert [(code, line) for code, line, _message in found] == [("sum-mismatch", fiscal_line), ("row-without-id", general_line)], found
    assert "“一、财政拨款收入”的“预算数” 5000000.00 ≠ 下级各项之和 5100000.00（1. 一般公共预算＋2. 政府性基金预算＋3. 国有资本经营预算" in found[0][2], found


# ---------------------------------------------------------------------------- a sheet named after its table


EXPENDITURE_HEADER = ("科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出")


def _expenditure_rows(planted: bool) -> list[tuple[object, ...]]:
    """支出决算表 rows; planted: 行政运行's 本年支出合计 9 more than 基本 + 项目 (and than its 款's share), 合计's 基本支出
    10 more than its classes (and than 本年支出合计 − 项目支出)."""
    extra = D("9.00") if planted else D("0.00")
    basic = D("414.16") if planted else D("404.16")
    return [
        EXPENDITURE_HEADER,
        (None, "合计", D("434.16"), basic, D("30.00")),
        ("201", "一般公共服务支出", D("380.00"), D("350.00"), D("30.00")),
        ("20103", "政府办公厅（室）及相关机构事务", D("380.00"), D("350.00"), D("30.00")),
        ("2010301", "行政运行", D("300.00") + extra, D("300.00"), D("0.00")),
        ("2010350", "事业运行", D("50.00"), D("50.00"), D("0.00")),
        ("2010399", "其他政府办公厅（室）及相关机构事务支出", D("30.00"), D("0.00"), D("30.00")),
        ("208", "社会保障和就业支出", D("54.16"), D("54.16"), D("0.00")),
        ("20805", "行政事业单位养老支出", D("54.16"), D("54.16"), D("0.00")),
        ("2080505", "机关事业单位基本养老保险缴费支出", D("54.16"), D("54.16"), D("0.00")),
    ]


def _named_sheet_book(name: str, issuer_line: bool, planted: bool) -> openpyxl.Workbook:
    book = _book(f"{BODY}2023年度部门决算")
    sheet = book.create_sheet(name)
    top: list[tuple[object, ...]] = [(ISSUER, None, None, None, "单位：万元")] if issuer_line else []
    # Without the line over the table, the unit is said in a note under it: a table of no unit is left to settle.
    bottom: list[tuple[object, ...]] = [] if issuer_line else [("注：本表金额单位为万元。",)]
    _rows(sheet, 1, top + _expenditure_rows(planted) + bottom)
    return book


@pytest.mark.parametrize(
    "name, issuer_line, title, number",
    [
        ("支出决算表", True, "支出决算表", None),
        ("支出决算表", False, "支出决算表", None),  # the headings on the sheet's first row
        ("部门支出决算表（公开03表）", True, "部门支出决算表", "公开03表"),
        ("公开03表 支出决算表", False, "支出决算表", "公开03表"),
    ],
)
def test_a_sheet_named_after_its_table_without_a_title_row_is_that_table(
    tmp_path: Path, name: str, issuer_line: bool, title: str, number: str | None
) -> None:
    text, problems, outcome = _import(tmp_path / "right", _named_sheet_book(name, issuer_line, False))
    table = _table_text(text, "final-expenditure")
    assert f"title: {title}\n" in table and (number is None or f"number: {number}\n" in table), table
    assert "{id: total, label: 本年支出合计}" in table and "{code: \"2010301\", label: 行政运行" in table, table
    assert problems == []
    assert f"unsure 工作表“{name}”的表格上方没有印表名，已按工作表名称录入表名“{title}”，请核对原表。" in _report(outcome)
    _text, problems, _outcome = _import(tmp_path / "wrong", _named_sheet_book(name, issuer_line, True))
    assert _codes(problems) == ["column-sum-mismatch", "column-sum-mismatch", "sum-mismatch", "sum-mismatch"], problems
    assert all(f"“{title}”中" in p for p in problems), problems
    assert any("“行政运行”的“本年支出合计” 309.00 ≠ 基本支出＋项目支出 = 300.00" in p for p in problems), problems
    assert any("“合计”的“基本支出” 414.16 ≠ 下级各项之和 404.16" in p for p in problems), problems


@pytest.mark.parametrize("name", ["Sheet1", "表3", "部门决算公开表"])
def test_a_sheet_name_that_names_no_one_table_is_not_taken_for_a_title(tmp_path: Path, name: str) -> None:
    text, _problems, outcome = _import(tmp_path / "in", _named_sheet_book(name, True, False))
    assert "role:" not in text.split("body:")[1] and "\n    title:" not in text, text
    assert not any("按工作表名称" in line for line in _report(outcome))


# ---------------------------------------------------------------------------- an empty table as the first sheet


def _empty_first_book(lines: Sequence[Sequence[object]]) -> openpyxl.Workbook:
    """An empty 政府性基金 table printed without a grid as the first sheet, then the 国资 table with its header."""
    book = _book(None)
    first = book.create_sheet("表8")
    _rows(first, 1, lines)
    second = book.create_sheet("表9")
    _rows(
        second,
        1,
        [
            ("2024年国有资本经营预算支出表",),
            (ISSUER, None, None, None, "单位：万元"),
            ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
            (None, "合计"),
            ("注：本部门无国有资本经营预算支出，此表为空。",),
        ],
    )
    return book


NO_DATA = "本部门2024年无政府性基金预算拨款安排的支出，故本表无数据。"


@pytest.mark.parametrize(
    "lines",
    [
        [("2024年政府性基金预算支出表",), (ISSUER, None, None, None, "单位：万元"), (NO_DATA,)],
        [("2024年政府性基金预算支出表",), (NO_DATA,)],  # no 编制单位 line
        [("2024年政府性基金预算支出表",), ("单位：万元",)],  # nothing said about it
    ],
)
def test_an_empty_table_as_the_first_sheet_is_a_table_not_the_cover(tmp_path: Path, lines: list[tuple[object, ...]]) -> None:
    text, problems, outcome = _import(tmp_path / "in", _empty_first_book(lines), year=2024, kind="budget", scope="department")
    assert problems == []
    head = text.split("body:")[0]
    assert "2024年政府性基金预算支出表" not in head and "本表无数据" not in head, head
    table = _table_text(text, "budget-gov-fund-expenditure")
    assert 'title: "2024年政府性基金预算支出表"' in table and "rows: []" in table, table
    if len(lines) > 1 and lines[-1][0] == NO_DATA:
        assert f"empty_note: {NO_DATA}" in table, table
    placed = [line for line in _report(outcome) if line.startswith("placed")]
    assert "placed “2024年政府性基金预算支出表” → 政府性基金预算支出功能分类预算表（budget-gov-fund-expenditure）" in placed, placed
    assert "role: budget-state-capital-expenditure" in text


def test_a_cover_is_still_the_cover(tmp_path: Path) -> None:
    book = _book(None)
    cover = book.create_sheet("首页")
    _rows(cover, 1, [(BODY,), ("2024年部门预算",), (f"预算主管部门：{BODY}",), ("2024年2月",)])
    second = book.create_sheet("表9")
    _rows(second, 1, _empty_first_book([])["表9"].iter_rows(values_only=True))
    text, _problems, _outcome = _import(tmp_path / "in", book, year=2024, kind="budget", scope="department")
    assert f"title: {BODY}2024年部门预算\n" in text.split("body:")[0], text


# ---------------------------------------------------------------------------- 表一 in the title's cell, unmerged 收入 | 支出


def test_a_chinese_table_number_typed_before_the_title_is_the_number_and_unmerged_side_headings_name_the_sides(
    tmp_path: Path,
) -> None:
    book = _book(f"{BODY}2024年部门预算")
    sheet = book.create_sheet("部门预算公开表")
    _rows(
        sheet,
        1,
        [
            ("表一  2024年部门收支总表",),
            (ISSUER, None, None, "单位：万元"),
            ("收入", None, "支出", None),  # typed in the first cell of each half, not merged
            ("项目", "预算数", "项目", "预算数"),
            ("一、一般公共预算拨款收入", D("480.00"), "一、一般公共服务支出", D("500.00")),
            ("二、政府性基金预算拨款收入", D("20.00"), None, None),
            ("收入总计", D("500.00"), "支出总计", D("500.00")),
        ],
    )
    text, problems, outcome = _import(tmp_path / "in", book)
    table = _table_text(text, "budget-finance-summary")
    assert 'title: "2024年部门收支总表"\n    number: 表一\n' in table, table
    assert "id: income\n        title: 收入\n" in table and "id: expenditure\n        title: 支出\n" in table, table
    assert not any("没有写明收入或支出" in line for line in _report(outcome)), _report(outcome)
    assert problems == []


def test_line_breaks_excel_does_not_use_are_line_breaks_and_control_characters_go(tmp_path: Path) -> None:
    """One NEL (U+0085: a cp1252 export's “…” read as Latin-1) in the narrative, or a line separator in a 目录 entry,
    refused the whole workbook as “pubgen 的缺陷” naming no cell: no content file may hold them. They are line breaks,
    and the rest imports as printed."""
    from .test_import_workbook import _disclosure_workbook

    book = _disclosure_workbook()
    book["部门主要职能"]["A3"] = "    测试局是区政府工作部门。\x85主要负责测试。\n    主要职能包括：\n    1. 负责测试。\n"
    book["目录"]["A4"] = "一、部门主要职能\u2028（第一部分） ……………………"
    text, _, _ = _import(tmp_path / "nel", book)
    assert "测试局是区政府工作部门。\n" in text and "主要负责测试。" in text
    assert "\x85" not in text and "\u2028" not in text
