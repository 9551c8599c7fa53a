"""Cell formats that change what a workbook shows, imported as an editor reads the sheet, and checked afterwards.

- A figure typed ``1-5`` that Excel made a date (公务接待费 5.00 shown 1月5日): the figure vanished, the 三公 table lost its
  columns' roles (the date column became its row names, ``2026-01-05T00:00:00``), and the check passed; an .xls gave
  the date's serial number 46027 as the amount.
- A row of amounts formatted ``0.00%`` by the format painter (20 shown 2000.00%): imported ×100 without a word, and
  “三公”经费 2000.00 万元 was published.
- The cover's date as a date cell was glued onto the title (“…部门预算2026-02-10T00:00:00”) and the 公开日期 lost.
- Importing again with a short ``--department`` made a second department of the same name, silently.
- A document's .yml renamed (the year in its name corrected) dropped its 原文文件 download, silently.

The .xls workbooks in ``fixtures/import/`` are these books saved by xlwt (``fixtures/import/make_cell_formats_xls.py``).
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl

from pubgen.importers.writer import Options, Outcome, run
from pubgen.parallel import check_content

from .conftest import ROOT
from .test_import_provinces import _table_text

FIXTURES = Path(__file__).parent / "fixtures" / "import"
DEPT = "安远县农业农村局"
NUM = "#,##0.00"


def cell_formats_book(variant: str) -> openpyxl.Workbook:
    """A county 2026 budget: a cover and the 三公 table in 万元 (20.00 = 0 + 5.00 + 15.00), with one Excel accident."""
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "封面"
    cover["A3"] = "江西省赣州市安远县2026年部门预算"
    cover["A9"] = f"预算主管部门：江西省赣州市{DEPT}"
    if variant == "date":
        cover["A18"] = dt.datetime(2026, 2, 10)
        cover["A18"].number_format = 'yyyy"年"m"月"d"日"'
    elif variant == "report-date":
        cover["A18"], cover["B18"] = "填报日期：", dt.datetime(2026, 2, 10)
        cover["B18"].number_format = "yyyy/m/d"
    else:
        cover["A18"] = "2026年2月10日"
    sheet = book.create_sheet("表8 三公经费表")
    sheet.merge_cells("A1:G1")
    sheet["A1"] = "2026年部门“三公”经费和机关运行经费预算表"
    sheet.merge_cells("A2:F2")
    sheet["A2"], sheet["G2"] = f"编制部门：江西省赣州市{DEPT}", "单位：万元"
    sheet.merge_cells("A3:F3")
    sheet["A3"] = "“三公”经费预算数"
    sheet.merge_cells("G3:G5")
    sheet["G3"] = "机关运行经费预算数"
    for col, text in ((1, "合计"), (2, "因公出国(境)费"), (3, "公务接待费")):
        sheet.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
        sheet.cell(4, col, text)
    sheet.merge_cells("D4:F4")
    sheet["D4"], sheet["D5"], sheet["E5"], sheet["F5"] = "公务用车购置及运行费", "小计", "购置费", "运行费"
    for col, value in enumerate((20, 0, 5, 15, 0, 15, 150), start=1):
        sheet.cell(6, col, value).number_format = NUM
    if variant == "date":
        sheet["C6"] = dt.datetime(2026, 1, 5)  # 5.00 typed as 1-5
        sheet["C6"].number_format = 'm"月"d"日"'
    elif variant == "percent":
        for col in range(1, 7):  # the format painter over A6:F6
            sheet.cell(6, col).number_format = "0.00%"
    return book


def _import(folder: Path, source: Path | openpyxl.Workbook, *extra: Path, **options: object) -> tuple[str, list[str], Outcome]:
    """Import into a project with regions for 安远县: the written document, the report's lines, the outcome."""
    content = folder / "content"
    if not content.exists():
        content.mkdir(parents=True)
        shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    if isinstance(source, openpyxl.Workbook):
        path = folder / "in.xlsx"
        source.save(path)
    else:
        path = source
    outcome = run([str(path), *map(str, extra)], Options(**options), content)  # type: ignore[arg-type]
    lines = [f"{i.status} {i.where} {i.message}" for item in outcome.imported for i in item.report.items]
    text = outcome.imported[0].target.read_text(encoding="utf-8") if outcome.ok else ""
    return text, lines, outcome


def _problems(folder: Path) -> list[str]:
    report = check_content(folder / "content")
    return [f"{p.code} {Path(p.file).name}:{p.line} {p.message}" for p in report.problems if p.code != "missing-section"]


def _three_public_row(text: str) -> str:
    table = _table_text(text, "budget-three-public")
    return next(line for line in table.splitlines() if "values:" in line)


# ---------------------------------------------------------------------------- F1: a date in a money cell


def _assert_date_in_money_cell(folder: Path, text: str, lines: list[str]) -> None:
    table = _table_text(text, "budget-three-public")
    # The columns keep their roles: the date column is 公务接待费, not the table's row names.
    assert "{id: reception, label: 公务接待费}" in table, table
    assert "row_header: 公务接待费" not in table and "T00:00:00" not in text, table
    assert '[20.00, 0.00, "1月5日", 15.00, 0.00, 15.00, 150.00]' in _three_public_row(text), table
    assert "# 导入：原表 C6 是日期格式（显示“1月5日”），不是数字：Excel 常把输入的 1-5、1/5 变成日期。" in table, table
    assert [line for line in lines if "日期格式" in line] == [
        "unsure 工作表“表8 三公经费表”C6 是日期格式（显示“1月5日”），不是数字（Excel 常把输入的 1-5、1/5 变成日期）："
        "已照显示录入，检查会报这一格，请照原表填写这个数字"
    ], lines
    problems = _problems(folder)
    assert len(problems) == 1, problems
    assert problems[0].startswith("not-a-number 2026-budget.yml:"), problems
    assert "“公务接待费”：“1月5日”是日期，不是数字：Excel 常把输入的 1-5、1/5 这样的数字变成日期。请照原文填写这个数字。" in problems[0]


def test_a_date_in_a_money_cell_is_written_as_shown_reported_and_checked(tmp_path: Path) -> None:
    text, lines, _outcome = _import(tmp_path, cell_formats_book("date"))
    _assert_date_in_money_cell(tmp_path, text, lines)


def test_a_date_in_a_money_cell_of_an_xls_is_no_serial_number(tmp_path: Path) -> None:
    text, lines, _outcome = _import(tmp_path, FIXTURES / "cell-formats-date.xls")
    assert "46027" not in text
    _assert_date_in_money_cell(tmp_path, text, lines)


def test_the_figure_filled_in_for_the_date_is_checked_as_any_other(tmp_path: Path) -> None:
    text, _lines, outcome = _import(tmp_path, cell_formats_book("date"))
    outcome.imported[0].target.write_text(text.replace("1月5日", "5.00"), encoding="utf-8")
    assert _problems(tmp_path) == []
    outcome.imported[0].target.write_text(text.replace("1月5日", "6.00"), encoding="utf-8")
    assert [p.split()[0] for p in _problems(tmp_path)] == ["column-sum-mismatch"]  # 20.00 ≠ 0 + 6.00 + 15.00


# ---------------------------------------------------------------------------- F2: amounts formatted as percentages


def _assert_percent_row(folder: Path, text: str, lines: list[str]) -> None:
    row = _three_public_row(text)
    assert '["2000.00%", "0.00%", "500.00%", "1500.00%", "0.00%", "1500.00%", 150.00]' in row, row
    assert "原表 A6、B6、C6、D6、E6、F6 设为百分比格式（显示“2000.00%”，单元格存的是 20 等）" in text, text
    assert [line for line in lines if "百分比格式" in line] == [
        "unsure 工作表“表8 三公经费表”A6、B6、C6、D6、E6、F6 设为百分比格式（显示“2000.00%”，单元格存的是 20 等）："
        "金额（或人数）栏不应是百分数，百分比格式把存的数字乘以 100 显示。已照显示录入（带百分号），检查会报这些格，请照原表填写"
    ], lines
    problems = _problems(folder)
    assert [p.split()[0] for p in problems] == ["percent-string"] * 6, problems
    assert (
        "“合计”：“2000.00%”带有百分号，而这一栏是金额，不是百分比：请照原文填写这个数字，不带百分号。"
        "从 Excel 导入的，单元格若设成了百分比格式，显示的是存的数字乘以 100 再加上百分号（20 显示为 2000.00%），请对照原文。"
    ) in problems[0], problems
    assert "写成“2000.00”" not in "".join(problems)  # never advised to publish the amount a hundred times too large


def test_amounts_formatted_as_percentages_are_written_as_shown_reported_and_checked(tmp_path: Path) -> None:
    text, lines, _outcome = _import(tmp_path, cell_formats_book("percent"))
    _assert_percent_row(tmp_path, text, lines)


def test_amounts_formatted_as_percentages_in_an_xls(tmp_path: Path) -> None:
    text, lines, _outcome = _import(tmp_path, FIXTURES / "cell-formats-percent.xls")
    _assert_percent_row(tmp_path, text, lines)


def test_a_column_of_rates_formatted_as_percentages_is_no_accident(tmp_path: Path) -> None:
    book = cell_formats_book("plain")
    sheet = book.create_sheet("表9")
    rows = [
        ("2026年部门项目支出绩效目标表",),
        (f"编制部门：江西省赣州市{DEPT}", None, "单位：万元"),
        ("项目名称", "预算数", "完成率（%）"),
        ("高标准农田建设", Decimal("80.00"), Decimal("0.95")),
        ("农村人居环境整治", Decimal("20.00"), Decimal("0.9")),
    ]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(r, c, value).number_format = "0.00%" if c == 3 else NUM
    text, lines, _outcome = _import(tmp_path, book)
    assert "[80.00, 95.00]" in text, text
    assert not any("百分比格式" in line for line in lines), lines
    assert not any(p.startswith("percent-string") for p in _problems(tmp_path))


# ---------------------------------------------------------------------------- F3: the cover's date as a date cell


def test_a_date_cell_on_the_cover_is_the_date_of_publication_not_part_of_the_title(tmp_path: Path) -> None:
    for name, source in (("xlsx", cell_formats_book("date")), ("xls", FIXTURES / "cell-formats-date.xls")):
        text, _lines, _outcome = _import(tmp_path / name, source)
        assert "\ntitle: 江西省赣州市安远县2026年部门预算\n" in text, text
        assert "# 导入：公开日期取自封面所印日期。\npublished: 2026-02-10\n" in text, text
        assert "封面：江西省赣州市安远县2026年部门预算 / 预算主管部门：江西省赣州市安远县农业农村局 / 2026年2月10日" in text, text


def test_a_date_cell_labelled_as_the_report_date_is_the_report_date(tmp_path: Path) -> None:
    text, _lines, _outcome = _import(tmp_path, cell_formats_book("report-date"))
    assert "\ntitle: 江西省赣州市安远县2026年部门预算\n" in text, text
    assert "# 导入：报告日期取自封面所印日期。\nreport_date: 2026-02-10\n" in text, text
    assert "published:" not in text, text


# ---------------------------------------------------------------------------- F4: imported again under a short code


def test_importing_again_under_another_code_does_not_make_a_second_department(tmp_path: Path) -> None:
    text, _lines, first = _import(tmp_path, cell_formats_book("plain"))
    assert first.ok and first.imported[0].placement.department_id == "jiangxi/ganzhou/anyuan/nongyenongcunju", first
    _text, _lines, again = _import(tmp_path, tmp_path / "in.xlsx", department="jiangxi/ganzhou/anyuan/nongyeju", force=True)
    assert not again.ok
    assert again.failures == [
        f"{tmp_path / 'in.xlsx'}：地区 jiangxi/ganzhou/anyuan 已有同名部门“江西省赣州市安远县农业农村局”："
        "content/departments/jiangxi/ganzhou/anyuan/nongyenongcunju.yml（代号 jiangxi/ganzhou/anyuan/nongyenongcunju），"
        "没有再新建部门 jiangxi/ganzhou/anyuan/nongyeju。要导入到这个部门，请写 --department jiangxi/ganzhou/anyuan/nongyenongcunju"
        "（或不写 --department）。要把它的代号改成 nongyeju，请先把部门文件改名为 nongyeju.yml 并把其中的 slug 改成 nongyeju，"
        "把文件夹 content/documents/jiangxi/ganzhou/anyuan/nongyenongcunju/ 改名为 nongyeju，并把其中各文档的 department 改成 "
        "jiangxi/ganzhou/anyuan/nongyeju，再导入。"
    ], again.failures
    assert not (tmp_path / "content/departments/jiangxi/ganzhou/anyuan/nongyeju.yml").exists()
    assert not (tmp_path / "content/documents/jiangxi/ganzhou/anyuan/nongyeju").exists()
    # The bare code of the existing department, as the message says, imports into it.
    _text, _lines, into = _import(tmp_path, tmp_path / "in.xlsx", department="nongyenongcunju", force=True)
    assert into.ok and into.imported[0].placement.department_id == "jiangxi/ganzhou/anyuan/nongyenongcunju"


def test_two_departments_of_one_name_in_one_region_are_reported(tmp_path: Path) -> None:
    _import(tmp_path, cell_formats_book("plain"))
    departments = tmp_path / "content/departments/jiangxi/ganzhou/anyuan"
    copy = (departments / "nongyenongcunju.yml").read_text(encoding="utf-8").replace("slug: nongyenongcunju", "slug: nongyeju")
    (departments / "nongyeju.yml").write_text(copy, encoding="utf-8")
    problems = _problems(tmp_path)
    assert len(problems) == 1, problems
    assert problems[0].startswith("duplicate-department-name nongyenongcunju.yml:"), problems
    assert (
        "地区 jiangxi/ganzhou/anyuan 已有名为“江西省赣州市安远县农业农村局”的部门 content/departments/jiangxi/ganzhou/anyuan/nongyeju.yml"
        "（代号 nongyeju），这里又有一个（代号 nongyenongcunju）"
    ) in problems[0], problems
    # Another region may have a department of the same name: 农业农村局 is in every county.
    (departments / "nongyeju.yml").write_text(copy.replace("jiangxi/ganzhou/anyuan", "jiangxi/ganzhou"), encoding="utf-8")
    assert not any(p.startswith("duplicate-department-name") for p in _problems(tmp_path))


# ---------------------------------------------------------------------------- F9: a renamed .yml loses its original


def test_an_original_file_no_page_offers_is_reported(tmp_path: Path) -> None:
    _import(tmp_path, cell_formats_book("plain"))
    folder = tmp_path / "content/documents/jiangxi/ganzhou/anyuan/nongyenongcunju"
    assert sorted(p.name for p in folder.iterdir()) == ["2026-budget.xlsx", "2026-budget.yml"]
    assert _problems(tmp_path) == []
    (folder / "2026-budget.yml").rename(folder / "2025-budget.yml")
    assert _problems(tmp_path) == [
        "original-not-offered 2026-budget.xlsx:0 原文文件 2026-budget.xlsx：没有与它同名的文档文件（如 2026-budget.yml），"
        "页面不提供下载：原文文件要与文档的 .yml 文件同名。文档文件改过名的，请把原文文件改成与它同名："
        "这个文件夹里没有原文文件的文档：2025-budget.yml。"
    ]
    # A web page saved under the original's name when a download failed is not offered either.
    (folder / "2025-budget.yml").rename(folder / "2026-budget.yml")
    (folder / "2026-budget.xlsx").write_text("<html>404</html>", encoding="utf-8")
    (problem,) = _problems(tmp_path)
    assert problem.startswith("original-not-offered 2026-budget.xlsx:0 原文文件 2026-budget.xlsx：它不是有效的 Excel 文件"), problem

    # The owner file Excel and WPS keep beside a workbook while it is open is no original, and goes when it is closed.
    (folder / "2026-budget.xlsx").unlink()
    (folder / "~$2026-budget.xlsx").write_bytes(b"\x0bzhang san" + bytes(154))
    assert _problems(tmp_path) == []
