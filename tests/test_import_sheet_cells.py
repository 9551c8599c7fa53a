"""What a workbook's sheets and cells say beyond their text, read as an editor reads the printed table.

- A unit printed as ``计量单位：元`` or ``货币单位：万元`` was kept as a note, and the table, printing no other unit,
  was published in the site's default 万元: figures in 元 shown ten thousand times too large, and nothing said.
  A money table whose unit is found nowhere is now left for the editor to settle (``unit: 待填``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import openpyxl

from pubgen.parallel import check_content

from .test_import_provinces import _table_text
from .test_import_sheets_more import BODY, ISSUER, D, _book, _import, _report, _rows

TITLE = f"{BODY}2025年部门支出总表"
HEADER = ("科目编码", "科目名称", "合计", "基本支出", "项目支出")
ROWS: list[tuple[object, ...]] = [
    ("201", "一般公共服务支出", D("1000000.00"), D("712345.67"), D("287654.33")),
    ("20103", "政府办公厅（室）及相关机构事务", D("1000000.00"), D("712345.67"), D("287654.33")),
    ("2010301", "行政运行", D("712345.67"), D("712345.67"), D("0.00")),
    ("2010399", "其他政府办公厅（室）及相关机构事务支出", D("287654.33"), D("0.00"), D("287654.33")),
    ("合计", None, D("1000000.00"), D("712345.67"), D("287654.33")),
]


def _expenditure_sheet(book: openpyxl.Workbook, name: str, unit_line: str | None, under: Sequence[str] = ()) -> None:
    """A 部门支出总表 in 元 on its own sheet: title, 编制单位 with ``unit_line`` at its right, header, rows, ``under``."""
    sheet = book.create_sheet(name)
    _rows(sheet, 1, [(TITLE,), (ISSUER, None, None, None, unit_line), HEADER, *ROWS, *((line,) for line in under)])


def _income_sheet(book: openpyxl.Workbook, unit_line: str) -> None:
    sheet = book.create_sheet("表2")
    _rows(
        sheet,
        1,
        [
            (f"{BODY}2025年部门收入总表",),
            (ISSUER, None, None, None, unit_line),
            ("科目编码", "科目名称", "合计", "一般公共预算拨款收入", "其他收入"),
            ("201", "一般公共服务支出", D("1000000.00"), D("1000000.00"), D("0.00")),
            ("合计", None, D("1000000.00"), D("1000000.00"), D("0.00")),
        ],
    )


def test_a_unit_line_headed_with_its_kind_of_unit_is_the_tables_unit(tmp_path: Path) -> None:
    for folder, line, unit in (("jiliang", "计量单位：元", "元"), ("huobi", "货币单位：万元", "万元"), ("bracket", "（计量单位：元）", "元")):
        book = _book(None)
        _expenditure_sheet(book, "表3", line)
        text, problems, outcome = _import(tmp_path / folder, book, year=2025, kind="budget")
        table = _table_text(text, "budget-expenditure")
        assert f"    unit: {unit}\n" in table, table
        assert line not in text, text  # the unit, not a note printed over the table
        assert problems == [], problems
        assert not any("金额单位" in line for line in _report(outcome))


def test_a_unit_said_only_in_the_note_under_the_table_is_read_and_marked(tmp_path: Path) -> None:
    book = _book(None)
    _expenditure_sheet(book, "表3", None, ["注：本表金额单位为元。"])
    text, problems, _outcome = _import(tmp_path / "in", book, year=2025, kind="budget")
    table = _table_text(text, "budget-expenditure")
    assert "    unit: 元\n" in table, table
    assert "# 导入：原表只在表下注释中写明金额单位（“注：本表金额单位为元。”），按元录入，请核对。" in text, text
    assert "footnote: 注：本表金额单位为元。" in table, table  # the note stays as printed
    assert problems == [], problems


def test_a_note_about_a_part_of_the_table_does_not_give_its_unit(tmp_path: Path) -> None:
    book = _book(None)
    _expenditure_sheet(book, "表3", None, ["注：其中“三公”经费单位为万元。"])
    text, _problems, _outcome = _import(tmp_path / "in", book, year=2025, kind="budget")
    assert "    unit: 待填\n" in _table_text(text, "budget-expenditure"), text


def test_a_money_table_without_a_unit_is_left_for_the_editor_to_settle_not_read_in_the_default(tmp_path: Path) -> None:
    book = _book(None)
    _expenditure_sheet(book, "表3", None)
    text, problems, outcome = _import(tmp_path / "in", book, year=2025, kind="budget")
    table = _table_text(text, "budget-expenditure")
    assert (
        "    # 导入：原表没有找到金额单位（元或万元）。请核对原表，把“待填”改为原表的单位（元、万元……），否则检查会报错。\n"
        "    unit: 待填\n"
    ) in table, table
    assert "\nunit:" not in text  # nor a unit for the document
    assert (
        "unsure 没有找到这张表的金额单位（元或万元），没有按站点的默认单位录入，unit 写作“待填”：请核对原表后在 unit: 里写明"
    ) in _report(outcome)
    (item,) = outcome.imported
    (line,) = [i for i in item.report.items if "金额单位" in i.message]
    assert line.where.startswith("工作表“表3”"), line
    assert [p.split()[0] for p in problems] == ["unit-to-fill"], problems
    assert "“金额单位（unit）”还是“待填”：请照原表写上金额单位" in problems[0], problems
    # The editor writes the unit the original prints, and the document is checked as any other.
    target = item.target
    target.write_text(text.replace("    unit: 待填\n", "    unit: 元\n"), encoding="utf-8")
    report = check_content(tmp_path / "in" / "content")
    assert not report.errors, report.to_text()


def test_a_table_without_a_unit_beside_tables_with_one_is_read_in_theirs_and_marked(tmp_path: Path) -> None:
    book = _book(None)
    _income_sheet(book, "单位：元")
    _expenditure_sheet(book, "表3", None)
    text, problems, outcome = _import(tmp_path / "in", book, year=2025, kind="budget")
    assert "\nunit: 元\n" in text, text
    table = _table_text(text, "budget-expenditure")
    assert "unit:" not in table, table  # the document's unit
    assert "# 导入：原表没有印出这张表的金额单位，按本文档其他表的单位（元）录入，请核对原表。" in text, text
    assert "unsure 没有找到这张表的金额单位，按本文档其他表的单位（元）录入，请核对原表" in _report(outcome)
    assert problems == [], problems


def test_a_table_with_its_unit_in_a_column_heading_is_not_marked(tmp_path: Path) -> None:
    book = _book(None)
    sheet = book.create_sheet("表3")
    _rows(sheet, 1, [(TITLE,), (ISSUER,), ("科目编码", "科目名称", "合计（元）", "基本支出（元）", "项目支出（元）"), *ROWS])
    text, problems, outcome = _import(tmp_path / "in", book, year=2025, kind="budget")
    assert "待填" not in text and not any("金额单位" in line for line in _report(outcome)), text
    assert problems == [], problems


# ---------------------------------------------------------------------------- invisible characters in cells


def _three_public_sheet(book: openpyxl.Workbook, figures: Sequence[str]) -> None:
    """The official one-row 三公 table: two header rows (公务用车购置及运行费 over three), then one row of figures."""
    sheet = book.create_sheet("表7")
    _rows(
        sheet,
        1,
        [
            (f"{BODY}2025年一般公共预算“三公”经费支出表",),
            (ISSUER, None, None, None, None, "单位：万元"),
            ("合计", "因公出国（境）费", "公务用车购置及运行费", None, None, "公务接待费"),
            (None, None, "小计", "公务用车购置费", "公务用车运行费", None),
            tuple(figures),
        ],
    )
    for box in ("A3:A4", "B3:B4", "C3:E3", "F3:F4"):
        sheet.merge_cells(box)


def test_figures_pasted_with_zero_width_characters_are_figures_and_each_sheet_says_which(tmp_path: Path) -> None:
    zw = "\u200b"
    book = _book(None)
    sheet = book.create_sheet("表3")
    _rows(
        sheet,
        1,
        [
            (TITLE,),
            (ISSUER, None, None, None, "单位：元"),
            HEADER,
            ("201", "一般公共服务支出", "1,000.00" + zw, "\ufeff712.00", "288.00\u2060"),
            ("2010301", "行政\u200d运行", "712.00\u00ad", "712.00", "0.00"),
            ("2010399", "其他支\u00ad出", "288.00", "0.00", zw + "288.00" + zw),
            ("合计", None, "1000.00", "712.00", "288.00"),
        ],
    )
    _three_public_sheet(book, ["7.00" + zw, "1.00" + zw, "4.00" + zw, "0.00" + zw, "4.00" + zw, "2.00" + zw])
    text, problems, outcome = _import(tmp_path / "in", book, year=2025, kind="budget")
    table = _table_text(text, "budget-expenditure")
    assert '{code: "201", label: 一般公共服务支出, values: [1000.00, 712.00, 288.00]}' in table, table
    assert '{code: "2010301", label: 行政运行, values: [712.00, 712.00, 0.00]}' in table, table
    # Words lose what the check reports: the zero-width joiner, and the soft hyphen Word leaves (其他支\u00ad出).
    assert '{code: "2010399", label: 其他支出, values: [288.00, 0.00, 288.00]}' in table, table
    three = _table_text(text, "budget-three-public")
    assert '{id: total, label: "", values: [7.00, 1.00, 4.00, 0.00, 4.00, 2.00]}' in three, three
    assert "{id: reception, label: 公务接待费, group: []}" in three, three
    report = _report(outcome)
    assert (
        "unsure 工作表“表3”有 5 格数字（C4、D4、E4、C5、E6）夹有看不见的格式字符（零宽空格等，多是从网页复制时带来的），"
        "已删去这些字符，按数字录入。"
    ) in report, report
    assert (
        "unsure 工作表“表7”有 6 格数字（A5、B5、C5、D5、E5、F5）夹有看不见的格式字符（零宽空格等，多是从网页复制时带来的），"
        "已删去这些字符，按数字录入。"
    ) in report, report
    assert "unsure 有 2 格文字（工作表“表3”B5、工作表“表3”B6）夹有看不见的零宽字符或文字方向控制符（检查会报 invisible-character），已删去。" in report, report
    assert problems == [], problems
    assert "\u200b" not in text and "\u200d" not in text


def test_planted_slips_in_figures_pasted_with_zero_width_spaces_are_found(tmp_path: Path) -> None:
    zw = "\u200b"
    book = _book(None)
    _three_public_sheet(book, ["7.00" + zw, "1.00" + zw, "4.00" + zw, "0.00" + zw, "3.00" + zw, "2.00" + zw])
    _text, problems, _outcome = _import(tmp_path / "in", book, year=2025, kind="budget")
    assert [p.split()[0] for p in problems] == ["column-sum-mismatch"], problems
    assert "“小计” 4.00 ≠ 公务用车购置费＋公务用车运行费 = 3.00" in problems[0], problems


# ---------------------------------------------------------------------------- negatives shown by colour only


def test_a_negative_its_format_shows_in_colour_only_keeps_its_sign_and_is_marked(tmp_path: Path) -> None:
    book = _book(None)
    sheet = book.create_sheet("表3")
    _rows(sheet, 1, [(TITLE,), (ISSUER, None, None, None, "单位：元"), HEADER, *ROWS])
    for ref, value, number_format in (
        ("C6", -712345.67, "#,##0.00;[Red]#,##0.00"),  # Excel's built-in format 40
        ("D6", -712345.67, "#,##0.00;[红色]#,##0.00"),  # WPS
        ("E7", -287654.33, "0.00;0.00"),
        ("E5", -287654.33, "#,##0.00;[Red]-#,##0.00"),  # prints its minus sign: nothing to say
    ):
        sheet[ref] = value
        sheet[ref].number_format = number_format
    text, problems, outcome = _import(tmp_path / "in", book, year=2025, kind="budget")
    table = _table_text(text, "budget-expenditure")
    assert '{code: "2010301", label: 行政运行, values: [-712345.67, -712345.67, 0.00]}' in table, table
    assert '{code: "2010399", label: 其他政府办公厅（室）及相关机构事务支出, values: [287654.33, 0.00, -287654.33]}' in table, table
    assert '{code: "20103", label: 政府办公厅（室）及相关机构事务, values: [1000000.00, 712345.67, -287654.33]}' in table, table
    assert "# 导入：原表有 3 格（C6、D6、E7）存的是负数，单元格格式只用颜色标出、不印负号，已录入为负数，请核对。" in text, text
    assert (
        "unsure 工作表“表3”有 3 格（C6、D6、E7）存的是负数，原表只用颜色标出（单元格格式不印负号）：已录入为负数（带负号）。请核对原表。"
    ) in _report(outcome), _report(outcome)
    assert "negative-amount" in {p.split()[0] for p in problems}, problems  # the check sees what the file holds


# ---------------------------------------------------------------------------- a table continued on the next sheet

SPLIT_ROWS: list[tuple[object, ...]] = [
    ("201", "一般公共服务支出", D("100.00"), D("71.23"), D("28.77")),
    ("2010301", "行政运行", D("71.23"), D("71.23"), D("0.00")),
    ("2010399", "其他政府办公厅（室）及相关机构事务支出", D("28.77"), D("0.00"), D("28.77")),
    ("221", "住房保障支出", D("10.12"), D("10.12"), D("0.00")),
    ("2210201", "住房公积金", D("10.12"), D("10.12"), D("0.00")),
    ("合计", None, D("110.12"), D("81.35"), D("28.77")),
]


def _split_book(second_name: str, second_title: str, second_header: Sequence[str] = HEADER) -> openpyxl.Workbook:
    book = _book(None)
    first = book.create_sheet("表3")
    _rows(first, 1, [(TITLE,), (ISSUER, None, None, None, "单位：万元"), HEADER, *SPLIT_ROWS[:3]])
    second = book.create_sheet(second_name)
    _rows(second, 1, [(second_title,), (ISSUER, None, None, None, "单位：万元"), tuple(second_header), *SPLIT_ROWS[3:]])
    return book


def test_a_table_continued_on_the_next_sheet_is_one_table(tmp_path: Path) -> None:
    for folder, name, title in (("titled", "表3（续）", f"{TITLE}（续）"), ("named", "表3续", TITLE), ("continued", "续表", f"{TITLE}续表")):
        text, problems, outcome = _import(tmp_path / folder, _split_book(name, title), year=2025, kind="budget")
        assert text.count("type: table") == 1, text
        table = _table_text(text, "budget-expenditure")
        codes = [line.split('"')[1] for line in table.splitlines() if "{code: " in line]
        assert codes == ["201", "2010301", "2010399", "221", "2210201"], table
        assert table.rstrip().endswith("{id: total, label: 合计, values: [110.12, 81.35, 28.77]}"), table
        assert f"# 导入：这张表在工作表“{name}”上接续（续表，表头相同），那里的各行已接在本表后面，请核对。" in text, text
        assert (
            f"unsure 工作表“{name}”是工作表“表3”上“{TITLE}”的续表（表头相同），已把它的 3 行接在那张表的后面，作为一张表录入，请核对。"
        ) in _report(outcome), _report(outcome)
        assert problems == [], problems


def test_a_sheet_that_does_not_go_on_with_the_table_before_is_a_table_of_its_own(tmp_path: Path) -> None:
    other_header = ("科目编码", "科目名称", "合计", "人员经费", "公用经费")
    for folder, book in (
        ("header", _split_book("表3（续）", f"{TITLE}（续）", other_header)),  # another header: not the same table
        ("unmarked", _split_book("表4", TITLE)),  # the same table printed again, not said to go on
    ):
        text, _problems, outcome = _import(tmp_path / folder, book, year=2025, kind="budget")
        assert text.count("type: table") == 2, text
        assert not any("续表" in line for line in _report(outcome))


# ---------------------------------------------------------------------------- what a number format hides


def test_a_format_that_scales_by_thousands_is_read_as_shown_and_said(tmp_path: Path) -> None:
    book = _book(None)
    sheet = book.create_sheet("表3")
    _rows(sheet, 1, [(TITLE,), (ISSUER, None, None, None, "单位：千元"), HEADER, *ROWS])
    for row in range(4, 9):
        for col in "CDE":
            sheet[f"{col}{row}"].number_format = "#,##0.00,"
    text, _problems, outcome = _import(tmp_path / "in", book, year=2025, kind="budget")
    table = _table_text(text, "budget-expenditure")
    assert '{code: "2010301", label: 行政运行, values: [712.35, 712.35, 0.00]}' in table, table
    assert (
        "unsure 工作表“表3”有 15 格（C4、D4、E4、C5、D5、E5、C6、D6 等 15 格）的单元格格式把数字缩小 1000 倍显示"
        "（C4 存的是 1000000，显示为“1,000.00”）：已照显示录入。请核对这张表印的金额单位与显示的数字是否相符。"
    ) in _report(outcome), _report(outcome)


def test_stored_decimals_an_integer_format_hides_are_read_as_shown_and_said_once_a_sheet(tmp_path: Path) -> None:
    book = _book(None)
    sheet = book.create_sheet("表3")
    _rows(sheet, 1, [(TITLE,), (ISSUER, None, None, None, "单位：元"), HEADER, *ROWS])
    for row in range(4, 9):
        for col in "CDE":
            sheet[f"{col}{row}"].number_format = "#,##0_ "
    text, _problems, outcome = _import(tmp_path / "in", book, year=2025, kind="budget")
    table = _table_text(text, "budget-expenditure")
    assert '{code: "2010301", label: 行政运行, values: [712346, 712346, 0]}' in table, table
    lines = [line for line in _report(outcome) if "只显示整数" in line]
    assert lines == [
        "unsure 工作表“表3”有 10 格（D4、E4、D5、E5、C6、D6、C7、E7 等 10 格）存的数字有小数，单元格格式只显示整数"
        "（D4 存的是 712345.67，显示为“712,346”）：已照显示录入整数。原表公开的是带小数的数字的，请照原文改正。"
    ], lines


def test_a_cell_typed_far_below_the_table_is_told_and_the_table_read_alone(tmp_path: Path) -> None:
    """“备注” typed by accident at row 300,000 made one table of every empty row between (1.1 GB of memory; at the last
    row of the sheet, the import ran out of memory). The table is read; the far cell is listed as not imported."""
    for folder, far in (("below", 300_000), ("last-row", 1_048_576)):
        book = _book(f"{BODY}2025年部门预算")
        _expenditure_sheet(book, "表3", "单位：元")
        book["表3"].cell(far, 1, "备注")
        text, problems, outcome = _import(tmp_path / folder, book, year=2025, kind="budget")
        table = _table_text(text, "budget-expenditure")
        assert table.rstrip().endswith("{id: total, label: 合计, values: [1000000.00, 712345.67, 287654.33]}"), table
        assert "备注" not in text
        assert any(line.startswith("unplaced ") and f"第 {far} 行起的 1 行内容与表格隔着上千行空行，没有导入" in line for line in _report(outcome)), _report(outcome)
        assert problems == [], problems


def test_tables_stacked_on_one_sheet_with_the_unit_beside_each_title_are_tables_of_their_own(tmp_path: Path) -> None:
    """湖北: nine tables one under another, each title row “表二  2025年部门收入总表 … 单位：万元” over “编制单位：…”: all
    were read as one table, with 56 errors on figures that were the next tables' headings."""
    book = _book(f"{BODY}2025年部门预算")
    sheet = book.create_sheet("部门预算公开表")
    income = [
        (f"表二  {BODY}2025年部门收入总表", None, None, None, "单位：元"),
        (ISSUER,),
        ("科目编码", "科目名称", "合计", "一般公共预算拨款收入", "其他收入"),
        ("201", "一般公共服务支出", D("1000000.00"), D("1000000.00"), D("0.00")),
        ("合计", None, D("1000000.00"), D("1000000.00"), D("0.00")),
    ]
    spending = [(f"表三  {TITLE}", None, None, None, "单位：元"), (ISSUER,), HEADER, *ROWS]
    _rows(sheet, 1, income)
    _rows(sheet, len(income) + 3, spending)
    text, problems, outcome = _import(tmp_path / "stacked", book, year=2025, kind="budget")
    assert text.count("type: table") == 2, text
    assert _table_text(text, "budget-income").rstrip().endswith("{id: total, label: 合计, values: [1000000.00, 1000000.00, 0.00]}")
    assert _table_text(text, "budget-expenditure").rstrip().endswith("{id: total, label: 合计, values: [1000000.00, 712345.67, 287654.33]}")
    assert problems == [], problems
