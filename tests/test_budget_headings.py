"""Column headings of the national 预算 tables as the provinces print them, built at test time, imported and checked.

The national 8/9-table budget (江西, 广西 and most counties) heads the first amount column of 部门收入总表 and
部门支出总表 “总计”, the amount of the two-sided tables “本年预算”, the expenditure side of 财政拨款收支总表
“小计 | 一般公共预算拨款 | 政府性基金预算拨款”, and the 基本支出表 “人员经费 | 日常公用经费”. A heading the importer
does not know becomes a column of its own, and every sum and identity of its table is silently off: each case
asserts the ids the editor sees and that a planted error is then reported (and nothing on the right table).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from .test_import_national import BodyRow, Header, _book, _import, _sheet
from .test_import_provinces import _table_text

D = Decimal


def _two(tmp_path: Path, name: str, build: object) -> tuple[tuple[str, list[str]], tuple[str, list[str]]]:
    """Import the right workbook and the planted one (``build(path, planted)``), each into its own project."""
    results = []
    for planted in (False, True):
        folder = tmp_path / f"{name}-{int(planted)}"
        folder.mkdir()
        build(folder / "in.xlsx", planted)  # type: ignore[operator]
        results.append(_import(folder, folder / "in.xlsx"))
    return results[0], results[1]


def _codes(errors: list[str]) -> list[str]:
    return sorted(e.split()[0] for e in errors)


# ---------------------------------------------------------------------------- 总计


def _expenditure_book(path: Path, planted: bool) -> None:
    """部门支出总表 headed 总计 | 基本支出 | 项目支出; planted: 行政运行's 总计 one more than 基本 + 项目 (its 款, 类 and
    合计 raised with it, so that the hierarchy holds)."""
    extra = D("1.00") if planted else D("0")
    header: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("总计", 0, 2, 1, 1), ("基本支出", 0, 3, 1, 1), ("项目支出", 0, 4, 1, 1))
    body: list[BodyRow] = [
        (["", "合计", D("85.01") + extra, D("60.00"), D("25.01")], None),
        (["207", "文化旅游体育与传媒支出", D("85.01") + extra, D("60.00"), D("25.01")], None),
        (["20701", "文化和旅游", D("85.01") + extra, D("60.00"), D("25.01")], None),
        (["2070101", "行政运行", D("60.00") + extra, D("60.00"), None], None),
        (["2070109", "群众文化", D("25.01"), None, D("25.01")], None),
    ]
    book = _book("某某区2025年部门预算")
    _sheet(book, "表3", "2025年部门支出总表", header, body, 5)
    book.save(path)


def test_a_total_column_headed_zongji_is_the_tables_total(tmp_path: Path) -> None:
    """“总计” heading 部门支出总表 (the national format) became a column of its own (zongji): 总计 = 基本 + 项目 and every
    identity with the 收支总表 went unchecked, so a 行政运行 of 61 = 60 + 0 passed."""
    (right, errors), (_planted, planted_errors) = _two(tmp_path, "zongji", _expenditure_book)
    assert "{id: total, label: 总计}" in _table_text(right, "budget-expenditure") and "zongji" not in right
    assert errors == []
    assert _codes(planted_errors) == ["column-sum-mismatch"] * 4, planted_errors
    assert any("行政运行" in e and "61" in e for e in planted_errors), planted_errors


# ---------------------------------------------------------------------------- 本年预算 and the 财政拨款收支总表's 小计


def _fiscal_book(path: Path, planted: bool) -> None:
    """财政拨款收支总表: 收入 | 本年预算 | 支出 | 小计 | 一般公共预算拨款 | 政府性基金预算拨款 (广西, 江西).
    Planted: 收入总计 100 元 more than 支出总计."""
    income = D("1085303.63") if planted else D("1085203.63")
    header: Header = (
        ("收入", 0, 0, 1, 2),
        ("支出", 0, 2, 1, 4),
        ("项目", 1, 0, 1, 1),
        ("本年预算", 1, 1, 1, 1),
        ("项目", 1, 2, 1, 1),
        ("小计", 1, 3, 1, 1),
        ("一般公共预算拨款", 1, 4, 1, 1),
        ("政府性基金预算拨款", 1, 5, 1, 1),
    )
    body: list[BodyRow] = [
        (["一、一般公共预算拨款", income, "一、文化旅游体育与传媒支出", D("850088.30"), D("850088.30"), None], None),
        (["二、政府性基金预算拨款", None, "二、社会保障和就业支出", D("235115.33"), D("235115.33"), None], None),
        (["收入总计", income, "支出总计", D("1085203.63"), D("1085203.63"), None], None),
    ]
    book = _book("某某馆2025年部门预算")
    _sheet(book, "表4", "2025年财政拨款收支总表", header, body, 6)
    book.save(path)


def test_the_benian_yusuan_column_and_the_fiscal_tables_xiaoji_are_known(tmp_path: Path) -> None:
    """“本年预算” and the expenditure side's “小计 | 一般公共预算拨款 | 政府性基金预算拨款” were columns of their own: a
    财政拨款收支总表 whose 收入总计 is not its 支出总计 passed."""
    (right, errors), (_planted, planted_errors) = _two(tmp_path, "fiscal", _fiscal_book)
    table = _table_text(right, "budget-fiscal-summary")
    assert "{id: budget, label: 本年预算}" in table
    assert "{id: total, label: 小计}" in table and "{id: general, label: 一般公共预算拨款}" in table
    assert "{id: gov-fund, label: 政府性基金预算拨款}" in table
    assert errors == []
    assert _codes(planted_errors) == ["budget-fiscal-balance", "budget-fiscal-fund"], planted_errors


def _summary_book(path: Path, planted: bool) -> None:
    """收支预算总表 headed 年初预算数 on both sides, with last year's column beside this year's on the income side."""
    spent = D("1.10") if planted else D("1.00")
    header: Header = (("收入", 0, 0, 1, 3), ("支出", 0, 3, 1, 2), ("项目", 1, 0, 1, 1), ("2024年预算数", 1, 1, 1, 1), ("年初预算数", 1, 2, 1, 1), ("项目", 1, 3, 1, 1), ("年初预算数", 1, 4, 1, 1))
    body: list[BodyRow] = [
        (["一、一般公共预算拨款收入", D("0.90"), D("1.00"), "一、一般公共服务支出", spent], None),
        (["收入总计", D("0.90"), D("1.00"), "支出总计", spent], None),
    ]
    book = _book("某某馆2025年部门预算")
    _sheet(book, "表1", "2025年收支预算总表", header, body, 5)
    book.save(path)


def test_the_nianchu_yusuan_column_of_a_budget_is_its_budget_and_last_years_is_not(tmp_path: Path) -> None:
    """A 收支预算总表 headed 年初预算数 became ``initial-budget``: its 收入总计 ≠ 支出总计 passed. “2024年预算数” in a
    2025 budget is last year's column, never the table's own 预算数."""
    (right, errors), (_planted, planted_errors) = _two(tmp_path, "summary", _summary_book)
    table = _table_text(right, "budget-finance-summary")
    assert "{id: last-year, label: \"2024年预算数\"}" in table
    assert table.count("{id: budget, label: 年初预算数}") == 2
    assert errors == []
    assert _codes(planted_errors) == ["budget-summary-balance"], planted_errors


# ---------------------------------------------------------------------------- 日常公用经费, “三公”经费合计, 基本支出 / 小计


def _basic_book(path: Path, planted: bool) -> None:
    """一般公共预算基本支出表 headed 人员经费 | 日常公用经费, and the 三公 table headed “三公”经费合计.
    Planted: 302's 合计 0.10 more than its 公用经费 (and 合计 with it); the 三公 合计 0.10 more than its items."""
    extra = D("0.10") if planted else D("0")
    header: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("人员经费", 0, 3, 1, 1), ("日常公用经费", 0, 4, 1, 1))
    body: list[BodyRow] = [
        (["", "合计", D("83.51") + extra, D("73.20"), D("10.31")], None),
        (["301", "工资福利支出", D("73.20"), D("73.20"), None], None),
        (["302", "商品和服务支出", D("10.31") + extra, None, D("10.31")], None),
    ]
    book = _book("某某馆2025年部门预算")
    _sheet(book, "表6", "2025年一般公共预算基本支出表", header, body, 5)
    three: Header = (
        ("“三公”经费合计", 0, 0, 2, 1),
        ("因公出国（境）费", 0, 1, 2, 1),
        ("公务用车购置及运行维护费", 0, 2, 1, 3),
        ("公务接待费", 0, 5, 2, 1),
        ("小计", 1, 2, 1, 1),
        ("公务用车购置费", 1, 3, 1, 1),
        ("公务用车运行维护费", 1, 4, 1, 1),
    )
    _sheet(book, "表7", "2025年一般公共预算“三公”经费支出表", three, [([D("2.50") + extra, None, D("2.00"), None, D("2.00"), D("0.50")], None)], 6)
    book.save(path)


def test_richang_gongyong_jingfei_and_the_sangong_total_are_known_columns(tmp_path: Path) -> None:
    """“日常公用经费” (the usual heading of the 基本支出表) and ““三公”经费合计” were columns of their own: a 合计 that is
    not 人员经费 + 公用经费, and a 三公 合计 that is not the sum of its items, both passed."""
    (right, errors), (_planted, planted_errors) = _two(tmp_path, "basic", _basic_book)
    assert "{id: public, label: 日常公用经费}" in _table_text(right, "budget-general-basic")
    assert "{id: total, label: “三公”经费合计" in _table_text(right, "budget-three-public")
    assert errors == []
    assert _codes(planted_errors) == ["column-sum-mismatch"] * 3, planted_errors
    assert any("三公" in e and "2.6" in e for e in planted_errors), planted_errors


def _general_book(path: Path, planted: bool) -> None:
    """一般公共预算支出表 printed 合计 | 基本支出 [小计 | 人员经费 | 公用经费] | 项目支出 (湖南, 湖北).
    Planted: 行政运行's 合计 0.10 more than 基本 + 项目; 基本 小计 of 群众文化 0.10 more than 人员 + 公用."""
    extra = D("0.10") if planted else D("0")
    header: Header = (
        ("科目编码", 0, 0, 2, 1),
        ("科目名称", 0, 1, 2, 1),
        ("合计", 0, 2, 2, 1),
        ("基本支出", 0, 3, 1, 3),
        ("项目支出", 0, 6, 2, 1),
        ("小计", 1, 3, 1, 1),
        ("人员经费", 1, 4, 1, 1),
        ("公用经费", 1, 5, 1, 1),
    )
    body: list[BodyRow] = [
        (["", "合计", D("70.00") + extra, D("60.00"), D("50.00"), D("10.00"), D("10.00")], None),
        (["207", "文化旅游体育与传媒支出", D("70.00") + extra, D("60.00"), D("50.00"), D("10.00"), D("10.00")], None),
        (["20701", "文化和旅游", D("70.00") + extra, D("60.00"), D("50.00"), D("10.00"), D("10.00")], None),
        (["2070101", "行政运行", D("60.00") + extra, D("60.00"), D("50.00"), D("10.00"), None], None),
        (["2070109", "群众文化", D("10.00"), None, None, None, D("10.00")], None),
    ]
    book = _book("某某馆2025年部门预算")
    _sheet(book, "表5", "2025年一般公共预算支出表", header, body, 7)
    book.save(path)


def test_a_basic_expenditure_split_into_xiaoji_personnel_and_public_is_checked(tmp_path: Path) -> None:
    """“基本支出 / 小计 | 人员经费 | 公用经费” were three columns of their own, and with them every row's 合计 = 基本 + 项目
    went unchecked. The 小计 under 基本支出 is the 基本支出, and it is 人员经费 + 公用经费."""
    (right, errors), (_planted, planted_errors) = _two(tmp_path, "general", _general_book)
    table = _table_text(right, "budget-general-expenditure")
    assert "{id: basic, label: 小计, group: [基本支出]}" in table
    assert "{id: personnel, label: 人员经费}" in table and "{id: public, label: 公用经费}" in table
    assert errors == []
    assert _codes(planted_errors) == ["column-sum-mismatch"] * 4, planted_errors
    assert any("行政运行" in e and "60.1" in e for e in planted_errors), planted_errors


# ---------------------------------------------------------------------------- the national 部门支出总表's and 部门收入总表's other columns


def _extra_columns_book(path: Path, planted: bool) -> None:
    """部门支出总表 with the three columns the national format always prints (usually empty); planted: 行政运行's
    合计 one more than 基本 + 项目 (its 款, 类 and 合计 raised with it)."""
    extra = D("1.00") if planted else D("0")
    header: Header = (
        ("科目编码", 0, 0, 1, 1),
        ("科目名称", 0, 1, 1, 1),
        ("合计", 0, 2, 1, 1),
        ("基本支出", 0, 3, 1, 1),
        ("项目支出", 0, 4, 1, 1),
        ("上缴上级支出", 0, 5, 1, 1),
        ("事业单位经营支出", 0, 6, 1, 1),
        ("对附属单位补助支出", 0, 7, 1, 1),
    )
    body: list[BodyRow] = [
        (["", "合计", D("85.01") + extra, D("60.00"), D("25.01"), None, None, None], None),
        (["207", "文化旅游体育与传媒支出", D("85.01") + extra, D("60.00"), D("25.01"), None, None, None], None),
        (["2070101", "行政运行", D("60.00") + extra, D("60.00"), None, None, None, None], None),
        (["2070109", "群众文化", D("25.01"), None, D("25.01"), None, None, None], None),
    ]
    book = _book("某某区2025年部门预算")
    _sheet(book, "表3", "2025年部门支出总表", header, body, 8)
    book.save(path)


def test_the_national_expenditure_tables_other_columns_are_parts_of_its_total(tmp_path: Path) -> None:
    """上缴上级支出, 事业单位经营支出 and 对附属单位补助支出 were columns of their own, and an unknown amount column
    switches the table's 合计 = Σ parts off: a 行政运行 of 61 = 60 + 0 passed. They are parts of the 合计."""
    (right, errors), (_planted, planted_errors) = _two(tmp_path, "extra", _extra_columns_book)
    table = _table_text(right, "budget-expenditure")
    for cid, label in (("upper", "上缴上级支出"), ("operating", "事业单位经营支出"), ("subsidiary", "对附属单位补助支出")):
        assert f"{{id: {cid}, label: {label}}}" in table
    assert errors == []
    assert _codes(planted_errors) == ["column-sum-mismatch"] * 3, planted_errors
    assert any("行政运行" in e and "61" in e and "上缴上级支出" in e for e in planted_errors), planted_errors


def _income_book(path: Path, planted: bool) -> None:
    """部门收入总表: 合计 | 上年结转 | 本年收入 [小计 | 财政拨款收入 [小计 | 一般公共预算拨款收入 | 政府性基金预算拨款收入] | 事业收入].
    Planted: 行政运行's 合计 one more than 上年结转 + 本年收入 (its 类 and 合计 raised with it)."""
    extra = D("1.00") if planted else D("0")
    header: Header = (
        ("科目编码", 0, 0, 3, 1),
        ("科目名称", 0, 1, 3, 1),
        ("合计", 0, 2, 3, 1),
        ("上年结转", 0, 3, 3, 1),
        ("本年收入", 0, 4, 1, 5),
        ("小计", 1, 4, 2, 1),
        ("财政拨款收入", 1, 5, 1, 3),
        ("事业收入", 1, 8, 2, 1),
        ("小计", 2, 5, 1, 1),
        ("一般公共预算拨款收入", 2, 6, 1, 1),
        ("政府性基金预算拨款收入", 2, 7, 1, 1),
    )
    body: list[BodyRow] = [
        (["", "合计", D("90.01") + extra, D("5.00"), D("85.01"), D("77.01"), D("77.01"), None, D("8.00")], None),
        (["207", "文化旅游体育与传媒支出", D("90.01") + extra, D("5.00"), D("85.01"), D("77.01"), D("77.01"), None, D("8.00")], None),
        (["2070101", "行政运行", D("65.00") + extra, D("5.00"), D("60.00"), D("52.00"), D("52.00"), None, D("8.00")], None),
        (["2070109", "群众文化", D("25.01"), None, D("25.01"), D("25.01"), D("25.01"), None, None], None),
    ]
    book = _book("某某区2025年部门预算")
    _sheet(book, "表2", "2025年部门收入总表", header, body, 9)
    book.save(path)


def test_the_income_tables_xiaoji_columns_are_the_current_years_and_the_fiscal_income(tmp_path: Path) -> None:
    """The 小计 under 本年收入 was a column of its own, and switched 合计 = 上年结转 + Σ sources off for every row.
    It is this year's income (合计 = 上年结转 + 小计, 小计 = Σ sources); the 小计 under 财政拨款收入 is that column."""
    (right, errors), (_planted, planted_errors) = _two(tmp_path, "income", _income_book)
    table = _table_text(right, "budget-income")
    assert "{id: current, label: 小计}" in table and "{id: fiscal, label: 小计, group: [本年收入, 财政拨款收入]}" in table
    assert errors == []
    assert _codes(planted_errors) == ["column-sum-mismatch"] * 3, planted_errors
    assert any("行政运行" in e and "66" in e and "65" in e for e in planted_errors), planted_errors


# ---------------------------------------------------------------------------- two tables of one kind


def test_a_second_table_of_the_same_kind_gets_an_id_of_its_own(tmp_path: Path) -> None:
    """The 基本支出表 by 部门 and by 政府 经济分类 (both recognised by their bracketed qualifier) were written with the same
    id, and the imported file's own check said duplicate-id. The second gets ``budget-general-basic-2`` and a note."""
    header: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("人员经费", 0, 3, 1, 1), ("公用经费", 0, 4, 1, 1))
    book = _book("某某馆2025年部门预算")
    by_department: list[BodyRow] = [(["", "合计", D("10.00"), D("8.00"), D("2.00")], None), (["301", "工资福利支出", D("8.00"), D("8.00"), None], None), (["302", "商品和服务支出", D("2.00"), None, D("2.00")], None)]
    by_government: list[BodyRow] = [(["", "合计", D("10.00"), D("8.00"), D("2.00")], None), (["501", "机关工资福利支出", D("8.00"), D("8.00"), None], None), (["502", "机关商品和服务支出", D("2.00"), None, D("2.00")], None)]
    _sheet(book, "表6", "2025年一般公共预算基本支出表（按部门预算支出经济分类）", header, by_department, 5)
    _sheet(book, "表6-1", "2025年一般公共预算基本支出表（按政府预算支出经济分类）", header, by_government, 5)
    book.save(tmp_path / "in.xlsx")
    text, errors = _import(tmp_path, tmp_path / "in.xlsx")
    assert text.count("role: budget-general-basic\n") == 2
    assert "    id: budget-general-basic-2\n" in text and "代号写作 budget-general-basic-2" in text
    assert errors == [], errors


def test_a_xiaoji_under_a_fund_is_that_fund_not_the_tables_total(tmp_path: Path) -> None:
    """财政拨款收支总表 printing 一般公共预算 [小计 | 基本支出 | 项目支出] | 政府性基金预算 (no 合计 column): the 小计 is the
    一般公共预算 column. Taken for the table's 合计, the 收入总计 100 was compared with the 一般公共预算 90 alone."""
    header: Header = (
        ("收入", 0, 0, 1, 2),
        ("支出", 0, 2, 1, 5),
        ("项目", 1, 0, 2, 1),
        ("本年预算", 1, 1, 2, 1),
        ("项目", 1, 2, 2, 1),
        ("一般公共预算", 1, 3, 1, 3),
        ("政府性基金预算", 1, 6, 2, 1),
        ("小计", 2, 3, 1, 1),
        ("基本支出", 2, 4, 1, 1),
        ("项目支出", 2, 5, 1, 1),
    )
    body: list[BodyRow] = [
        (["一、一般公共预算拨款", D("90.00"), "一、文化旅游体育与传媒支出", D("90.00"), D("60.00"), D("30.00"), D("10.00")], None),
        (["二、政府性基金预算拨款", D("10.00"), "", None, None, None, None], None),
        (["收入总计", D("100.00"), "支出总计", D("90.00"), D("60.00"), D("30.00"), D("10.00")], None),
    ]
    book = _book("某某馆2025年部门预算")
    _sheet(book, "表4", "2025年财政拨款收支总表", header, body, 7)
    book.save(tmp_path / "in.xlsx")
    text, errors = _import(tmp_path, tmp_path / "in.xlsx")
    table = _table_text(text, "budget-fiscal-summary")
    assert "{id: general, label: 小计, group: [一般公共预算]}" in table and "{id: total, label: 小计" not in table
    assert errors == [], errors


# ---------------------------------------------------------------------------- a table of no known kind


def _project_book(path: Path, planted: bool) -> None:
    """项目支出预算表 (no official table): 项目名称 | 合计 | 一般公共预算拨款 | 事业收入, a 合计 row first.
    Planted: the 合计 row's 合计 printed 25.11 where its rows and its columns both give 25.01."""
    header: Header = (("项目名称", 0, 0, 1, 1), ("合计", 0, 1, 1, 1), ("一般公共预算拨款", 0, 2, 1, 1), ("事业收入", 0, 3, 1, 1))
    body: list[BodyRow] = [
        (["合计", D("25.11") if planted else D("25.01"), D("17.01"), D("8.00")], None),
        (["群众文化活动经费", D("17.01"), D("17.01"), None], None),
        (["图书购置", D("8.00"), None, D("8.00")], None),
    ]
    book = _book("某某馆2025年部门预算")
    _sheet(book, "项目", "2025年项目支出预算表", header, body, 4)
    book.save(path)


def test_a_table_of_no_known_kind_whose_figures_show_its_totals_gets_them_written(tmp_path: Path) -> None:
    """A 项目支出预算表 with a 合计 row and a 合计 column was imported without ``id: total`` / ``sum_of``: a wrong 合计 passed.
    When the printed figures show the layout (the sums hold in the other columns and rows), it is written, so one
    misprinted 合计 is reported."""
    (right, errors), (_planted, planted_errors) = _two(tmp_path, "project", _project_book)
    assert "{id: total, label: 合计, values: [25.01, 17.01, 8.00]}" in right
    assert "{label: 图书购置, parent: total, values: [8.00, ~, 8.00]}" in right
    assert "{id: heji, label: 合计, sum_of: [yibangonggongyusuanbokuan, shiyeshouru]}" in right
    assert errors == [], errors
    assert _codes(planted_errors) == ["column-sum-mismatch", "sum-mismatch"], planted_errors


def test_a_table_whose_figures_do_not_add_up_as_a_flat_list_is_left_as_printed(tmp_path: Path) -> None:
    """Rows that are not the parts of 合计 (a second level, sums that fail in every column) get no parent."""
    header: Header = (("项目名称", 0, 0, 1, 1), ("合计", 0, 1, 1, 1), ("一般公共预算拨款", 0, 2, 1, 1), ("事业收入", 0, 3, 1, 1))
    body: list[BodyRow] = [
        (["合计", D("25.01"), D("17.01"), D("8.00")], None),
        (["文化活动", D("25.01"), D("17.01"), D("8.00")], None),
        (["群众文化活动经费", D("17.01"), D("17.01"), None], None),
        (["图书购置", D("8.00"), None, D("8.00")], None),
    ]
    book = _book("某某馆2025年部门预算")
    _sheet(book, "项目", "2025年项目支出预算表", header, body, 4)
    book.save(tmp_path / "in.xlsx")
    text, errors = _import(tmp_path, tmp_path / "in.xlsx")
    assert "parent:" not in text and "id: total" not in text
    assert "sum_of: [yibangonggongyusuanbokuan, shiyeshouru]" in text  # the columns still add up row by row
    assert errors == [], errors
