"""Layouts of the official tables as other provinces print them, built at test time, imported and checked.

The national template and the provinces' own variants name columns, titles and codes in ways the
Shanghai tables do not (“金额” for the 决算数, 公用经费 printed in two blocks, codes printed
“201 03 01”, a hidden helper column, titles with the unit inside). Each case imports a workbook as an
editor would and asserts what the editor sees: the table's role, its columns' ids, its rows, and
that pubgen check then reports a planted error (or no false one).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from .test_import_national import BodyRow, Header, _book, _import, _rows, _sheet

D = Decimal

EXPENDITURE_HEADER: Header = (
    ("科目编码", 0, 0, 1, 1),
    ("科目名称", 0, 1, 1, 1),
    ("本年支出合计", 0, 2, 1, 1),
    ("基本支出", 0, 3, 1, 1),
    ("项目支出", 0, 4, 1, 1),
)


def _table_text(text: str, role: str) -> str:
    """The part of an imported document from the table of ``role`` to the next table."""
    start = text.index(f"role: {role}\n")
    end = text.find("  - type: table", start)
    return text[start : end if end >= 0 else len(text)]


# ---------------------------------------------------------------------------- §2 “项目 | 行次 | 金额”


def _summary_book(path: Path, health: str) -> None:
    """公开01表 printed “项目 | 行次 | 金额” on both sides, and the 支出决算表 it must agree with."""
    book = _book()
    header: Header = (
        ("收入", 0, 0, 1, 3),
        ("支出", 0, 3, 1, 3),
        ("项目", 1, 0, 1, 1),
        ("行次", 1, 1, 1, 1),
        ("金额", 1, 2, 1, 1),
        ("项目", 1, 3, 1, 1),
        ("行次", 1, 4, 1, 1),
        ("金额", 1, 5, 1, 1),
    )
    body: list[BodyRow] = [
        (["一、一般公共预算财政拨款收入", "1", D("30.00"), "一、一般公共服务支出", "32", D("20.00")], None),
        (["本年收入合计", "2", D("30.00"), "二、卫生健康支出", "33", D(health)], None),
        (["年初结转和结余", "3", D("0.00"), "本年支出合计", "34", D("30.00")], None),
        (["", "", None, "年末结转和结余", "35", D("0.00")], None),
        (["总计", "4", D("30.00"), "总计", "36", D("30.00")], None),
    ]
    _sheet(book, "1", "收入支出决算总表", header, body, 6, "公开01表")
    rows: list[BodyRow] = [
        (["", "合计", D("30.00"), D("30.00"), None], None),
        (["201", "一般公共服务支出", D("20.00"), D("20.00"), None], None),
        (["210", "卫生健康支出", D("10.00"), D("10.00"), None], None),
    ]
    _sheet(book, "3", "支出决算表", EXPENDITURE_HEADER, rows, 5, "公开03表")
    book.save(path)


def test_an_amount_column_headed_jine_is_the_final_accounts_figure(tmp_path: Path) -> None:
    """“金额” in the national 公开01表 is the 决算数: it was given the id ``value``, and every check between this table
    and the others (本年支出合计 = 支出决算表合计, each 类 = the same 类 there) was silently skipped."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _summary_book(tmp_path / "right.xlsx", "10.00")
    _summary_book(tmp_path / "planted.xlsx", "11.00")
    right, errors = _import(tmp_path / "a", tmp_path / "right.xlsx")
    summary = _table_text(right, "final-summary")
    assert summary.count("- {id: actual, label: 金额}") == 2 and "id: value" not in summary
    assert errors == []
    _text, errors = _import(tmp_path / "b", tmp_path / "planted.xlsx")
    codes = [e.split()[0] for e in errors]
    assert "final-summary-class" in codes and any("11" in e and "10" in e for e in errors), errors
