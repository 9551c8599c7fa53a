"""Column headings of the official tables as other provinces, cities and counties print them, built at test time.

The national 公开05表 heads its total “本年支出 / 小计”, Guangdong's budget tables “2024年预算数 / 小计”; a “三公” table
may print last year's block of six columns beside this year's; the 三公决算 table prints its counts with the unit in
brackets (“公务用车保有量（辆）”); a change is headed “增、减金额”, “同比增减”, “较上年增减”, “增减变化” and a rate
“增、减幅度” or “比上年增减（%）”; 桂林 heads this year's budget “本年预算数”. Each case imports a workbook as an
editor would and asserts what the editor then sees: the column ids written, and the check's report on the right
workbook (nothing) and on one with a planted error (that error).
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Callable

import pytest

from pubgen.importers.writer import Options, run

from .conftest import ROOT
from .test_import_national import BodyRow, Header, _book, _sheet
from .test_import_provinces import _table_text

D = Decimal


def _import(folder: Path, build: Callable[[Path], None]) -> tuple[str, list[str]]:
    """Build the workbook, import it into an empty project; the written document and every error and warning of
    its check but the one a partial document always gets (the sections it does not print)."""
    folder.mkdir()
    source = folder / "in.xlsx"
    build(source)
    content = folder / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    assert outcome.check is not None
    problems = [f"{p.code} {p.message}" for p in outcome.check.errors + outcome.check.warnings if p.code != "missing-section"]
    return item.target.read_text(encoding="utf-8"), problems


def _codes(problems: list[str]) -> list[str]:
    return sorted(p.split()[0] for p in problems)


# ---------------------------------------------------------------------------- §1 本年支出 / 小计


def _national_t5(path: Path, subtotal: D) -> None:
    """公开05表 as the national 决算 template prints it: 科目编码 | 科目名称 | 本年支出（小计 | 基本支出 | 项目支出）.
    ``subtotal`` is 行政运行's 小计 (300 = 基本支出 300 + 项目支出 0 is right); its 款, 类 and 合计 move with it."""
    extra = subtotal - D("300.00")
    header: Header = (
        ("科目编码", 0, 0, 2, 1),
        ("科目名称", 0, 1, 2, 1),
        ("本年支出", 0, 2, 1, 3),
        ("小计", 1, 2, 1, 1),
        ("基本支出", 1, 3, 1, 1),
        ("项目支出", 1, 4, 1, 1),
    )
    body: list[BodyRow] = [
        (["", "合计", D("434.16") + extra, D("334.16"), D("100.00")], None),
        (["201", "一般公共服务支出", D("380.00") + extra, D("300.00"), D("80.00")], None),
        (["20103", "政府办公厅（室）及相关机构事务", D("380.00") + extra, D("300.00"), D("80.00")], None),
        (["2010301", "行政运行", subtotal, D("300.00"), None], None),
        (["2010302", "一般行政管理事务", D("80.00"), None, D("80.00")], None),
        (["208", "社会保障和就业支出", D("54.16"), D("34.16"), D("20.00")], None),
        (["20805", "行政事业单位养老支出", D("54.16"), D("34.16"), D("20.00")], None),
        (["2080505", "机关事业单位基本养老保险缴费支出", D("54.16"), D("34.16"), D("20.00")], None),
    ]
    book = _book("某某区2023年度部门决算")
    _sheet(book, "公开05表", "一般公共预算财政拨款支出决算表", header, body, 5, mark="公开05表")
    book.save(path)


def test_the_subtotal_under_this_years_expenditure_is_the_national_t5_total(tmp_path: Path) -> None:
    """公开05表's “本年支出 / 小计” was left without an id (xiaoji): 合计 = 基本支出 + 项目支出 went unchecked, and so
    did the identities with 公开04表, so a 小计 9 more than its parts passed."""
    right, problems = _import(tmp_path / "right", lambda p: _national_t5(p, D("300.00")))
    assert "{id: total, label: 小计, group: [本年支出]}" in _table_text(right, "final-general-expenditure")
    assert "xiaoji" not in right and "没有对应的栏目代号" not in right
    assert problems == []
    _text, planted = _import(tmp_path / "planted", lambda p: _national_t5(p, D("309.00")))
    assert _codes(planted) == ["column-sum-mismatch"] * 4, planted
    assert any("行政运行" in p and "309" in p and "300" in p for p in planted), planted


def _guangdong_general(path: Path, subtotal: D) -> None:
    """A Guangdong 一般公共预算支出表: 2023年预算数 | 2024年预算数（小计 | 基本支出 | 项目支出）| 增减（增减额 | 增减率）.
    ``subtotal`` is 行政运行's 2024 小计 (300 is right); the changes follow it."""
    extra = subtotal - D("300.00")
    header: Header = (
        ("科目编码", 0, 0, 2, 1),
        ("科目名称", 0, 1, 2, 1),
        ("2023年预算数", 0, 2, 2, 1),
        ("2024年预算数", 0, 3, 1, 3),
        ("2024年预算数比2023年预算数增减", 0, 6, 1, 2),
        ("小计", 1, 3, 1, 1),
        ("基本支出", 1, 4, 1, 1),
        ("项目支出", 1, 5, 1, 1),
        ("增减额", 1, 6, 1, 1),
        ("增减率", 1, 7, 1, 1),
    )

    def line(code: str, name: str, last: str, basic: str | None, project: str | None, own: D = D(0)) -> BodyRow:
        now = D(basic or 0) + D(project or 0) + own
        change = now - D(last)
        rate = (change / D(last) * 100).quantize(D("0.01"))
        return ([code, name, D(last), now, D(basic) if basic else None, D(project) if project else None, change, rate], None)

    body: list[BodyRow] = [
        line("", "合计", "462.00", "360.00", "90.00", extra),
        line("201", "一般公共服务支出", "400.00", "300.00", "90.00", extra),
        line("20103", "政府办公厅（室）及相关机构事务", "400.00", "300.00", "90.00", extra),
        line("2010301", "行政运行", "310.00", "300.00", None, extra),
        line("2010399", "其他政府办公厅（室）及相关机构事务支出", "90.00", None, "90.00"),
        line("208", "社会保障和就业支出", "62.00", "60.00", None),
        line("20805", "行政事业单位养老支出", "62.00", "60.00", None),
        line("2080505", "机关事业单位基本养老保险缴费支出", "62.00", "60.00", None),
    ]
    book = _book("广州市某某区某某局2024年部门预算")
    _sheet(book, "表5", "2024年一般公共预算支出表", header, body, 8)
    book.save(path)


def test_the_subtotal_under_this_years_budget_is_the_tables_total(tmp_path: Path) -> None:
    """Guangdong's “2024年预算数 / 小计” was left without an id: the same missed sums on budgets."""
    right, problems = _import(tmp_path / "right", lambda p: _guangdong_general(p, D("300.00")))
    table = _table_text(right, "budget-general-expenditure")
    assert '{id: total, label: 小计, group: ["2024年预算数"]}' in table, table
    assert '{id: last-year, label: "2023年预算数"}' in table
    assert "{id: change, label: 增减额" in table and "{id: change-rate, label: 增减率" in table
    assert problems == []
    _text, planted = _import(tmp_path / "planted", lambda p: _guangdong_general(p, D("301.00")))
    assert set(_codes(planted)) == {"column-sum-mismatch"}, planted
    assert any("行政运行" in p and "301" in p for p in planted), planted


# ---------------------------------------------------------------------------- §3 两个年度的“三公”经费


def _items(base: int) -> list[tuple[str, int, int, int, int]]:
    return [
        ("合计", 1, base, 2, 1),
        ("因公出国（境）费", 1, base + 1, 2, 1),
        ("公务用车购置及运行费", 1, base + 2, 1, 3),
        ("公务接待费", 1, base + 5, 2, 1),
        ("小计", 2, base + 2, 1, 1),
        ("公务用车购置费", 2, base + 3, 1, 1),
        ("公务用车运行费", 2, base + 4, 1, 1),
    ]


def _two_years(path: Path, last_heading: str, this_heading: str, this_total: int) -> None:
    """An 8-table 预算's “三公” table printing last year's six columns, then this year's (北京 and others), in 元,
    and the 基本支出表 whose 30217 公务接待费 must not exceed this year's 公务接待费 (30,000; last year's was 20,000)."""
    book = _book("北京市某某区某某局2024年部门预算")
    header: Header = (
        ("科目编码", 0, 0, 1, 1),
        ("科目名称", 0, 1, 1, 1),
        ("合计", 0, 2, 1, 1),
        ("人员经费", 0, 3, 1, 1),
        ("公用经费", 0, 4, 1, 1),
    )
    basic: list[BodyRow] = [
        (["", "合计", D("30000.00"), None, D("30000.00")], None),
        (["302", "商品和服务支出", D("30000.00"), None, D("30000.00")], None),
        (["30217", "公务接待费", D("30000.00"), None, D("30000.00")], None),
    ]
    _sheet(book, "表6", "2024年一般公共预算基本支出表", header, basic, 5)
    three: Header = ((last_heading, 0, 0, 1, 6), (this_heading, 0, 6, 1, 6), *_items(0), *_items(6))
    figures = [80000, 0, 60000, 0, 60000, 20000, this_total, 0, 50000, 0, 50000, 30000]
    _sheet(book, "表8", "2024年一般公共预算“三公”经费支出表", three, [([D(f) for f in figures], None)], 12)
    book.save(path)


@pytest.mark.parametrize(("last_heading", "this_heading"), [("2023年预算数", "2024年预算数"), ("上年预算数", "本年预算数")])
def test_last_years_block_of_a_three_public_table_is_last_years(tmp_path: Path, last_heading: str, this_heading: str) -> None:
    """Last year's block took the kind's ids (total, reception …): 30217 公务接待费 30,000 was compared with last
    year's 20,000 and reported, publishing refused, and the page's 三公 figures were last year's."""
    right, problems = _import(tmp_path / "right", lambda p: _two_years(p, last_heading, this_heading, 80000))
    table = _table_text(right, "budget-three-public")
    assert f"{{id: reception, label: 公务接待费, group: [{this_heading}]}}" in table.replace('"', ""), table
    assert f"{{id: last-year-reception, label: 公务接待费, group: [{last_heading}], phase: last-year}}" in table.replace('"', ""), table
    assert "sum_of: [overseas, reception, vehicle]" in table
    assert "sum_of: [last-year-overseas, last-year-reception, last-year-vehicle]" in table
    assert problems == [], problems
    # This year's sums are still checked: a 合计 10,000 over its parts is reported.
    _text, planted = _import(tmp_path / "planted", lambda p: _two_years(p, last_heading, this_heading, 90000))
    assert _codes(planted) == ["column-sum-mismatch"], planted
    assert "90000" in planted[0] and "80000" in planted[0], planted


# ---------------------------------------------------------------------------- §4 三公决算表的数量栏


def _final_three_public_counts(path: Path) -> None:
    """The national 一般公共预算财政拨款“三公”经费支出决算表 with the count columns, each headed with its unit."""
    counts = ["因公出国（境）团组数（个）", "因公出国（境）人次数（人次）", "公务用车购置数（辆）", "年末公务用车保有量（辆）", "国内公务接待批次（个）", "国内公务接待人次（人）"]
    header: Header = (
        ("预算数", 0, 0, 1, 6),
        ("决算数", 0, 6, 1, 6),
        *_items(0),
        *_items(6),
        *((text, 0, 12 + i, 3, 1) for i, text in enumerate(counts)),
    )
    money = ["12.50", "3.00", "6.50", "0.00", "6.50", "3.00", "11.20", "2.80", "6.10", "0.00", "6.10", "2.30"]
    book = _book("成都市某某局2023年度部门决算")
    _sheet(book, "公开07表", "一般公共预算财政拨款“三公”经费支出决算表", header, [([*(D(m) for m in money), 1, 3, 0, 2, 15, 120], None)], 18)
    book.save(path)


def test_count_columns_headed_with_their_unit_are_counts(tmp_path: Path) -> None:
    """“因公出国（境）团组数（个）” and the like did not match for the unit in brackets: they were written as money
    columns of their own, and published as “120 万元”."""
    text, problems = _import(tmp_path / "counts", _final_three_public_counts)
    table = _table_text(text, "final-three-public")
    for written in (
        "{id: overseas-groups, label: 因公出国（境）团组数（个）}",
        "{id: overseas-people, label: 因公出国（境）人次数（人次）}",
        "{id: vehicles-purchased, label: 公务用车购置数（辆）}",
        "{id: reception-batches, label: 国内公务接待批次（个）}",
        # Printed in 人 where the kind counts 人次: the unit as printed.
        "{id: reception-people, label: 国内公务接待人次（人）, unit: 人}",
        # A count the kind does not name is still a count, in its printed unit, not an amount in 万元.
        "label: 年末公务用车保有量（辆）, type: count, unit: 辆}",
    ):
        assert written in table, table
    assert problems == []


# ---------------------------------------------------------------------------- §5, §6 增减 and 增减率


SHIDIAN: list[tuple[str, str, str, str, str]] = [
    # 施甸县2016年“三公”经费决算情况统计表 (shidian.gov.cn/info/4163/808803.htm), figure for figure.
    ("合计", "2911.47", "2706.86", "-204.61", "-0.0703"),
    ("1.因公出国(境)费", "13.06", "10.20", "-2.86", "-0.2190"),
    ("2.公务接待费", "1679.69", "1590.94", "-88.75", "-0.0528"),
    ("3.公务用车购置及运行费", "1218.72", "1105.72", "-113.00", "-0.0927"),
    ("其中:(1)公务用车购置费", "14.80", "0.00", "-14.80", "-1.0000"),
    ("(2)公务用车运行费", "1203.92", "1105.72", "-98.20", "-0.0816"),
]


def _shidian(path: Path, total_change: str) -> None:
    """项目 | 上年决算数 | 本年决算数 | 比上年增、减情况（增、减金额 | 增、减幅度）, the 幅度 in a percent format."""
    book = _book("施甸县某某局2016年度部门决算")
    header: Header = (
        ("项目", 0, 0, 2, 1),
        ("上年决算数", 0, 1, 2, 1),
        ("本年决算数", 0, 2, 2, 1),
        ("比上年增、减情况", 0, 3, 1, 2),
        ("增、减金额", 1, 3, 1, 1),
        ("增、减幅度", 1, 4, 1, 1),
    )
    rows = [(label, *(D(x) for x in (last, now, total_change if label == "合计" else change)), D(rate)) for label, last, now, change, rate in SHIDIAN]
    _sheet(book, "Sheet1", "施甸县2016年“三公”经费决算情况统计表", header, [(list(r), None) for r in rows], 5)
    sheet = book["Sheet1"]
    for row in sheet.iter_rows(min_row=5, min_col=5, max_col=5):
        row[0].number_format = "0.00%"
    book.save(path)


def test_the_shidian_change_columns_headed_zeng_jian_may_be_negative(tmp_path: Path) -> None:
    """施甸's real table gave 12 negative-amount errors: “增、减金额” / “增、减幅度” were not read as the change and its
    rate, and “本年决算数” was not this year's 决算数."""
    right, problems = _import(tmp_path / "right", lambda p: _shidian(p, "-204.61"))
    table = _table_text(right, "three-public")
    assert "{id: last-year, label: 上年决算数}" in table and "{id: actual, label: 本年决算数}" in table, table
    assert "{id: change, label: 增、减金额, group: [比上年增、减情况]}" in table
    assert "{id: change-rate, label: 增、减幅度, group: [比上年增、减情况]}" in table
    assert "[2911.47, 2706.86, -204.61, -7.03]" in table
    assert problems == [], problems
    # The change is now checked as one: 合计's −200.61 is not 2706.86 − 2911.47.
    _text, planted = _import(tmp_path / "planted", lambda p: _shidian(p, "-200.61"))
    assert "difference-mismatch" in _codes(planted) and "negative-amount" not in _codes(planted), planted
    assert any("合计" in p and "-200.61" in p for p in planted), planted


def _rows_table(path: Path, headings: list[str], columns: list[list[str]]) -> None:
    """A 三公 table of rows (项目 | …), as counties print it, with the given figure columns."""
    labels = ["合计", "因公出国（境）费", "公务用车购置及运行费", "其中：公务用车购置费", "公务用车运行费", "公务接待费"]
    book = _book("郑州市某某局2024年部门预算")
    header: Header = (("项目", 0, 0, 1, 1), *((h, 0, i + 1, 1, 1) for i, h in enumerate(headings)))
    body: list[BodyRow] = [([label, *(D(c[r]) for c in columns)], None) for r, label in enumerate(labels)]
    _sheet(book, "三公", "2024年“三公”经费预算表", header, body, len(headings) + 1)
    book.save(path)


LAST = ["10", "0", "6", "0", "6", "4"]
NOW = ["8", "0", "5", "0", "5", "3"]
CHANGE = ["-2", "0", "-1", "0", "-1", "-1"]
RATE = ["-20", "0", "-16.67", "0", "-16.67", "-25"]


@pytest.mark.parametrize("heading", ["同比增减", "较上年增减", "增减变化", "与上年相比增减", "增（减）"])
def test_other_wordings_of_the_change_are_the_change(tmp_path: Path, heading: str) -> None:
    """同比增减, 较上年增减 and 增减变化 each gave negative-amount errors on right negative changes."""
    text, problems = _import(tmp_path / "t", lambda p: _rows_table(p, ["2023年预算数", "2024年预算数", heading], [LAST, NOW, CHANGE]))
    assert f"{{id: change, label: {heading}}}" in _table_text(text, "three-public")
    assert problems == [], problems


def test_a_change_headed_in_percent_is_the_rate(tmp_path: Path) -> None:
    """“比上年增减（%）” lost its （%） and became the amount of the change: 5 false errors on a right table."""
    headings = ["2023年预算数", "2024年预算数", "比上年增减", "比上年增减（%）"]
    text, problems = _import(tmp_path / "right", lambda p: _rows_table(p, headings, [LAST, NOW, CHANGE, RATE]))
    table = _table_text(text, "three-public")
    assert "{id: change, label: 比上年增减}" in table and "{id: change-rate, label: 比上年增减（%）}" in table, table
    assert problems == [], problems
    # Checked as a rate of the change: 公务接待费 −1 of 4 is −25 %, not −20.
    wrong = [*RATE[:5], "-20"]
    _text, planted = _import(tmp_path / "planted", lambda p: _rows_table(p, headings, [LAST, NOW, CHANGE, wrong]))
    assert _codes(planted) == ["ratio-mismatch"], planted
    assert "公务接待费" in planted[0], planted


def test_a_second_column_of_the_change_may_be_negative_too(tmp_path: Path) -> None:
    """A table printing the change twice (同比增减 and 较上年增减): the second cannot have the id change, but its
    negative figures are no error."""
    headings = ["2023年预算数", "2024年预算数", "同比增减", "较上年增减", "增长率（%）", "比上年增减（%）"]
    text, problems = _import(tmp_path / "t", lambda p: _rows_table(p, headings, [LAST, NOW, CHANGE, CHANGE, RATE, RATE]))
    table = _table_text(text, "three-public")
    assert "{id: change, label: 同比增减}" in table and "{id: change-rate, label: 增长率（%）}" in table, table
    assert "label: 较上年增减, signed: true}" in table and "与 change 栏同义" in table
    assert 'label: 比上年增减（%）, type: percent, unit: "%", signed: true}' in table
    assert problems == [], problems


def test_this_years_budget_headed_bennian_is_the_budget(tmp_path: Path) -> None:
    """桂林市司法局's 三公 table heads its figures “本年预算数”: it had no id, so the column carried no budget phase."""
    text, problems = _import(tmp_path / "t", lambda p: _rows_table(p, ["本年预算数"], [NOW]))
    assert "{id: budget, label: 本年预算数}" in _table_text(text, "three-public")
    assert problems == [], problems


def _three_blocks(path: Path, reception_change: int) -> None:
    """The “三公” table with a third block, the changes: 2023年预算数（…）| 2024年预算数（…）| 增减（…）."""
    book = _book("北京市某某区某某局2024年部门预算")
    header: Header = (("2023年预算数", 0, 0, 1, 6), ("2024年预算数", 0, 6, 1, 6), ("增减", 0, 12, 1, 6), *_items(0), *_items(6), *_items(12))
    figures = [80000, 0, 60000, 0, 60000, 20000, 80000, 0, 50000, 0, 50000, 30000, 0, 0, -10000, 0, -10000, reception_change]
    _sheet(book, "表8", "2024年一般公共预算“三公”经费支出表", header, [([D(f) for f in figures], None)], 18)
    book.save(path)


def test_a_block_of_changes_beside_the_two_years_is_the_changes(tmp_path: Path) -> None:
    """A block of six changes after the two years: its negative figures are no error, and each is checked as this
    year's figure less last year's."""
    right, problems = _import(tmp_path / "right", lambda p: _three_blocks(p, 10000))
    table = _table_text(right, "budget-three-public")
    assert "{id: change-vehicle, label: 小计, group: [增减, 公务用车购置及运行费], phase: change, signed: true" in table, table
    assert "difference: [vehicle, last-year-vehicle]" in table
    assert problems == [], problems
    _text, planted = _import(tmp_path / "planted", lambda p: _three_blocks(p, 1000))
    assert "difference-mismatch" in _codes(planted) and "negative-amount" not in _codes(planted), planted
    # Named by the headings over them, the three 公务接待费 columns apart.
    assert any("“增减/公务接待费” 1000.00 ≠ 2024年预算数/公务接待费 − 2023年预算数/公务接待费 = 10000" in p for p in planted), planted
