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

import pytest

from pubgen.importers import read_file
from pubgen.importers.labels import title_key
from pubgen.importers.tablemap import find_kind
from pubgen.tablekinds import kinds

from .test_import_national import BodyRow, Header, _book, _import, _pdf, _pdf_grid, _pdf_title, _rows, _sheet, needs_pdf

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
        # The national form numbers even the empty lines of a side: a 行次 alone is no row to publish.
        (["", "5", None, "", "37", None], None),
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
    assert '"5"' not in summary and '"37"' not in summary  # the empty lines numbered 5 and 37 are not rows
    assert errors == []
    _text, errors = _import(tmp_path / "b", tmp_path / "planted.xlsx")
    codes = [e.split()[0] for e in errors]
    assert "final-summary-class" in codes and any("11" in e and "10" in e for e in errors), errors


# ---------------------------------------------------------------------------- §8, §13 official titles of other provinces


@pytest.mark.parametrize(
    ("title", "document_kind", "role"),
    [
        # 云南 (耿马, 腾冲), 湖南 (隆回), 广东 (湛江), 陕西 (柞水), 山东 (省直部门) and the national 公开09表 since 2019.
        ("收入支出决算表", "final-accounts", "final-summary"),
        ("财政拨款收入支出决算表", "final-accounts", "final-fiscal-summary"),
        ("一般公共预算财政拨款收入支出决算表", "final-accounts", "final-general-expenditure"),
        ("一般公共预算财政拨款基本支出决算明细表", "final-accounts", "final-general-basic"),
        ("收入决算总表", "final-accounts", "final-income"),
        ("支出决算总表", "final-accounts", "final-expenditure"),
        ("一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", "final-accounts", "final-three-public"),
        ("国有资本经营预算财政拨款支出决算表", "final-accounts", "final-state-capital"),
        ("收入预算表", "budget", "budget-income"),
        ("支出预算表", "budget", "budget-expenditure"),
        ("财政拨款收支预算表", "budget", "budget-fiscal-summary"),
        ("财政拨款安排的基本支出预算表", "budget", "budget-general-basic"),
        # Unit notes, marks, years and bodies around the title.
        ("财政拨款收入支出决算总表（单位：万元）", "final-accounts", "final-fiscal-summary"),
        ("2024年度部门收支总表(单位：元)", "budget", "budget-finance-summary"),
        ("公开01表 收入支出决算总表", "final-accounts", "final-summary"),
        ("某某县审计局2020年度支出决算总表（公开03表）", "final-accounts", "final-expenditure"),
        # The national and provincial names of the 预算 tables (江西, 广西, 贵州, 四川), “财政拨款”/“拨款” inside or not.
        ("一般公共预算基本支出预算表", "budget", "budget-general-basic"),
        ("一般公共预算财政拨款基本支出预算表", "budget", "budget-general-basic"),
        ("一般公共预算财政拨款支出预算表", "budget", "budget-general-expenditure"),
        ("一般公共预算“三公”经费支出预算表", "budget", "budget-three-public"),
        ("一般公共预算“三公“经费支出预算表(公开表3-3)", "budget", "budget-three-public"),
        ("“三公”经费支出预算表", "budget", "budget-three-public"),
        ("财政拨款“三公”经费预算表", "budget", "budget-three-public"),
        ("2025年部门预算资金安排的“三公”经费情况表", "budget", "budget-three-public"),
        ("部门预算收支总表", "budget", "budget-finance-summary"),
        ("2025年政府性基金预算拨款支出预算表", "budget", "budget-gov-fund-expenditure"),
        ("政府性基金预算拨款支出表", "budget", "budget-gov-fund-expenditure"),
        ("国有资本经营预算拨款支出预算表", "budget", "budget-state-capital-expenditure"),
        # A classification said in brackets: the table of that classification, and only when the kind is of it.
        ("一般公共预算基本支出表（按部门预算支出经济分类）", "budget", "budget-general-basic"),
        ("一般公共预算基本支出表（按政府预算支出经济分类）", "budget", "budget-general-basic"),
        ("某某县机关事务中心2025年一般公共预算基本支出明细表(按经济分类)", "budget", "budget-general-basic"),
        ("一般公共预算支出表（按功能科目）", "budget", "budget-general-expenditure"),
        ("收支预算总表（功能分类科目）", "budget", "budget-finance-summary"),
        ("一般公共预算支出表（按经济分类）", "budget", None),
        ("收支预算总表（经济分类科目）", "budget", None),
        ("一般公共预算基本支出预算表", "final-accounts", None),
        ("一般公共预算“三公”经费支出预算表", "final-accounts", None),
        # Tables that are not official ones stay ordinary tables.
        ("项目支出绩效目标表", "budget", None),
        ("2025年部门整体支出绩效目标表", "budget", None),
        ("政府采购预算表", "budget", None),
        ("政府采购情况表", "final-accounts", None),
        ("国有资产占用情况表", "final-accounts", None),
        ("机关运行经费支出决算表", "final-accounts", None),
        ("收入表", "budget", None),
        ("财政拨款收入决算表", "final-accounts", None),
    ],
)
def test_official_titles_of_other_provinces_are_read_by_their_meaning(title: str, document_kind: str, role: str | None) -> None:
    kind = find_kind(title, document_kind)
    assert (kind.role if kind is not None else None) == role


def test_no_two_kinds_share_the_meaning_of_a_title() -> None:
    """Matching by meaning drops 明细 / 总 / 情况 / unit notes: no two kinds' titles may then read the same."""
    owners: dict[str, set[str]] = {}
    for kind in kinds().values():
        for title in kind.titles:
            owners.setdefault(title_key(title), set()).add(kind.role)
    assert {t: r for t, r in owners.items() if len(r) > 1} == {}


def test_a_unit_inside_the_title_and_the_national_state_capital_table(tmp_path: Path) -> None:
    """“财政拨款收入支出决算总表（单位：万元）” and “国有资本经营预算财政拨款支出决算表” (公开09表, 合计 | 基本支出 | 项目支出)
    were plain tables with pinyin columns, checked for nothing: a 合计 that is not 基本 + 项目 passed."""
    book = _book()
    sheet = book.create_sheet("4")
    sheet["A1"] = "财政拨款收入支出决算总表（单位：万元）"
    header: Header = (("收入", 0, 0, 1, 2), ("支出", 0, 2, 1, 2), ("项目", 1, 0, 1, 1), ("决算数", 1, 1, 1, 1), ("项目", 1, 2, 1, 1), ("决算数", 1, 3, 1, 1))
    for text, r, c, rowspan, colspan in header:
        sheet.cell(3 + r, 1 + c, text)
        if colspan > 1:
            sheet.merge_cells(start_row=3 + r, start_column=1 + c, end_row=3 + r, end_column=c + colspan)
    rows = [
        ("一、一般公共预算财政拨款", D("30.00"), "一、一般公共服务支出", D("30.00")),
        ("本年收入合计", D("30.00"), "本年支出合计", D("30.00")),
        ("年初财政拨款结转和结余", D("0.00"), "年末财政拨款结转和结余", D("0.00")),
        ("总计", D("30.00"), "总计", D("30.00")),
    ]
    for offset, values in enumerate(rows):
        for col, value in enumerate(values, start=1):
            sheet.cell(5 + offset, col, value)
    header9: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("基本支出", 0, 3, 1, 1), ("项目支出", 0, 4, 1, 1))
    body9: list[BodyRow] = [
        (["", "合计", D("5.00"), D("2.00"), D("2.00")], None),
        (["223", "国有资本经营预算支出", D("5.00"), D("2.00"), D("2.00")], None),
    ]
    _sheet(book, "9", "国有资本经营预算财政拨款支出决算表", header9, body9, 5, "公开09表")
    book.save(tmp_path / "titles.xlsx")
    text, errors = _import(tmp_path, tmp_path / "titles.xlsx")
    fiscal = _table_text(text, "final-fiscal-summary")
    assert "    title: 财政拨款收入支出决算总表\n" in fiscal and "    unit: 万元\n" in fiscal
    capital = _table_text(text, "final-state-capital")
    assert "{id: expense, label: 合计" in capital and "{id: expense-basic, label: 基本支出" in capital
    assert any(e.startswith("column-sum-mismatch") and "5" in e and "4" in e for e in errors), errors


# ---------------------------------------------------------------------------- §5 national 预算 column names


def test_the_national_budget_vehicle_columns_and_carryover_column_get_their_ids(tmp_path: Path) -> None:
    """“公务用车购置费 / 公务用车运行费” (the national 三公 table) and “上年结转结余” (收入总表) were given pinyin ids:
    30231 above the 三公 运行费 and a 收入总表 合计 that is not the sum of its sources both passed."""
    book = _book("某某区2024年部门预算")
    income_header: Header = (
        ("科目编码", 0, 0, 1, 1),
        ("科目名称", 0, 1, 1, 1),
        ("合计", 0, 2, 1, 1),
        ("上年结转结余", 0, 3, 1, 1),
        ("一般公共预算拨款收入", 0, 4, 1, 1),
    )
    income: list[BodyRow] = [
        (["", "合计", D("31.00"), D("2.00"), D("28.00")], None),
        (["201", "一般公共服务支出", D("31.00"), D("2.00"), D("28.00")], None),
    ]
    _sheet(book, "表2", "2024年部门收入总表", income_header, income, 5)
    basic_header: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("人员经费", 0, 3, 1, 1), ("公用经费", 0, 4, 1, 1))
    basic: list[BodyRow] = [
        (["", "合计", D("20.00"), None, D("20.00")], None),
        (["302", "商品和服务支出", D("20.00"), None, D("20.00")], None),
        (["30231", "公务用车运行维护费", D("15.00"), None, D("15.00")], None),
        (["30201", "办公费", D("5.00"), None, D("5.00")], None),
    ]
    _sheet(book, "表6", "2024年一般公共预算基本支出表", basic_header, basic, 5)
    three_header: Header = (
        ("2024年预算数", 0, 0, 1, 6),
        ("合计", 1, 0, 2, 1),
        ("因公出国（境）费", 1, 1, 2, 1),
        ("公务用车购置及运行费", 1, 2, 1, 3),
        ("公务接待费", 1, 5, 2, 1),
        ("小计", 2, 2, 1, 1),
        ("公务用车购置费", 2, 3, 1, 1),
        ("公务用车运行费", 2, 4, 1, 1),
    )
    three: list[BodyRow] = [([D("14.00"), D("0.00"), D("12.00"), D("0.00"), D("12.00"), D("2.00")], None)]
    _sheet(book, "表7", "2024年一般公共预算“三公”经费支出表", three_header, three, 6)
    book.save(tmp_path / "budget.xlsx")
    text, errors = _import(tmp_path, tmp_path / "budget.xlsx")
    three_text = _table_text(text, "budget-three-public")
    assert "{id: vehicle-purchase, label: 公务用车购置费" in three_text and "{id: vehicle-operation, label: 公务用车运行费" in three_text
    assert "{id: carryover, label: 上年结转结余}" in _table_text(text, "budget-income")
    codes = [e.split()[0] for e in errors]
    assert "budget-basic-vehicle-operation" in codes, errors
    assert codes.count("column-sum-mismatch") == 2 and all("31" in e and "30" in e for e in errors if "column-sum" in e), errors


# ---------------------------------------------------------------------------- §6 codes printed with spaces, cumulative split codes

GENERAL_ROWS = [  # code, name, total, basic, project
    ("201", "一般公共服务支出", "375", "275", "100"),
    ("20103", "政府办公厅（室）及相关机构事务", "375", "275", "100"),
    ("2010301", "行政运行", "275", "275", None),
    ("2010308", "信访事务", "100", None, "100"),
    ("208", "社会保障和就业支出", "60", "60", None),
    ("20805", "行政事业单位养老支出", "60", "60", None),
    ("2080505", "机关事业单位基本养老保险缴费支出", "60", "60", None),
]


def _general_book(path: Path, code_of: object, planted: str = "275") -> None:
    """表5 一般公共预算支出表 with the codes printed by ``code_of(code) -> list of cells``; ``planted`` is 行政运行's 合计."""
    split = len(code_of("2010301")) > 1  # type: ignore[operator]
    if split:
        header: Header = (("类", 0, 0, 1, 1), ("款", 0, 1, 1, 1), ("项", 0, 2, 1, 1), ("科目名称", 0, 3, 1, 1), ("合计", 0, 4, 1, 1), ("基本支出", 0, 5, 1, 1), ("项目支出", 0, 6, 1, 1))
    else:
        header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("基本支出", 0, 3, 1, 1), ("项目支出", 0, 4, 1, 1))
    width = 3 if split else 1
    body: list[BodyRow] = [([*([""] * width), "合计", D("435"), D("335"), D("100")], None)]
    for code, name, total, basic, project in GENERAL_ROWS:
        total = planted if code == "2010301" else total
        figures = [D(x) if x is not None else None for x in (total, basic, project)]
        body.append(([*code_of(code), name, *figures], None))  # type: ignore[operator]
    book = _book("某某区2024年部门预算")
    _sheet(book, "表5", "2024年一般公共预算支出表", header, body, width + 4)
    book.save(path)


def _spaced(code: str) -> list[str]:
    return [" ".join(p for p in (code[:3], code[3:5], code[5:]) if p)]


def _cumulative(code: str) -> list[str]:
    return [code[:3], code[:5] if len(code) >= 5 else "", code if len(code) == 7 else ""]


@pytest.mark.parametrize("code_of", [_spaced, _cumulative], ids=["spaces", "cumulative"])
def test_codes_printed_with_spaces_or_cumulative_in_split_columns_are_codes(tmp_path: Path, code_of: object) -> None:
    """“201 03 01” in the code column (the content format reads it so) and 201 | 20103 | 2010301 in 类 | 款 | 项 columns
    were dropped as “not a code”; every row was then summed into 合计, and a right table got three blocking errors."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _general_book(tmp_path / "right.xlsx", code_of)
    _general_book(tmp_path / "planted.xlsx", code_of, planted="265")
    text, errors = _import(tmp_path / "a", tmp_path / "right.xlsx")
    codes = [row.split("code: ")[1].split(",")[0] for row in _rows(text) if "code: " in row]
    assert codes == [f'"{c[0]}"' for c in GENERAL_ROWS]
    assert "不是科目编码" not in text and errors == [], errors
    _text, errors = _import(tmp_path / "b", tmp_path / "planted.xlsx")
    # The 项 is summed into its 款 (not into 合计 with every other row): 375 against 265 + 100.
    assert sorted(e.split()[0] for e in errors) == ["column-sum-mismatch", "sum-mismatch"], errors
    assert any(e.startswith("sum-mismatch") and "375" in e and "365" in e for e in errors), errors


def _named_book(path: Path, name_of: object, planted: str = "275") -> None:
    """表3 部门支出总表 with no code column: each row's name printed by ``name_of(code, name)``."""
    header: Header = (("科目名称", 0, 0, 1, 1), ("合计", 0, 1, 1, 1), ("基本支出", 0, 2, 1, 1), ("项目支出", 0, 3, 1, 1))
    body: list[BodyRow] = [(["合计", D("435"), D("335"), D("100")], None)]
    for code, name, total, basic, project in GENERAL_ROWS:
        total = planted if code == "2010301" else total
        body.append(([name_of(code, name), *(D(x) if x is not None else None for x in (total, basic, project))], None))  # type: ignore[operator]
    book = _book("某某区2024年部门预算")
    _sheet(book, "表3", "2024年部门支出总表", header, body, 4)
    book.save(path)


def _bracketed(code: str, name: str) -> str:
    return " " * (len(code) - 3) + f"[{code}]{name}"


def _indented(code: str, name: str) -> str:
    return "\u3000" * ((len(code) - 3) // 2) + name


@pytest.mark.parametrize("name_of", [_bracketed, _indented], ids=["bracketed-codes", "indented-names"])
def test_codes_in_brackets_and_names_indented_by_level_keep_their_hierarchy(tmp_path: Path, name_of: object) -> None:
    """“[2010301]行政运行” (as finance systems export it) and names indented by level with no code at all were imported
    as a flat list under 合计: a right table was told its 合计 435 ≠ 1305, the sum of all three levels."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _named_book(tmp_path / "right.xlsx", name_of)
    _named_book(tmp_path / "planted.xlsx", name_of, planted="265")
    text, errors = _import(tmp_path / "a", tmp_path / "right.xlsx")
    rows = _rows(_table_text(text, "budget-expenditure"))
    if name_of is _bracketed:
        assert rows[3] == '{code: "2010301", label: 行政运行, values: [275.00, 275.00, ~]}'
    else:
        assert rows[3] == "{label: 行政运行, parent: 政府办公厅（室）及相关机构事务, values: [275.00, 275.00, ~]}"
        assert "以名称的缩进表示类、款、项" in text
    assert errors == [], errors
    _text, errors = _import(tmp_path / "b", tmp_path / "planted.xlsx")
    assert sorted(e.split()[0] for e in errors) == ["column-sum-mismatch", "sum-mismatch"], errors
    assert any(e.startswith("sum-mismatch") and "375" in e and "365" in e for e in errors), errors


def test_names_all_printed_flush_stay_as_printed(tmp_path: Path) -> None:
    """Without codes or indenting, nothing tells the levels apart: no parent is invented."""
    _named_book(tmp_path / "flat.xlsx", lambda code, name: name)
    text, _errors = _import(tmp_path, tmp_path / "flat.xlsx")
    assert "parent:" not in text and "缩进" not in text


# ---------------------------------------------------------------------------- §7 hidden columns


def _hidden_book(path: Path, hide: str, planted: str = "275") -> None:
    """表5 with a helper column (内部码 x0, x1 …) between 科目编码 and 科目名称, column ``hide`` hidden."""
    header: Header = (("科目编码", 0, 0, 1, 1), ("内部码", 0, 1, 1, 1), ("科目名称", 0, 2, 1, 1), ("合计", 0, 3, 1, 1), ("基本支出", 0, 4, 1, 1), ("项目支出", 0, 5, 1, 1))
    body: list[BodyRow] = [(["", "x0", "合计", D("435"), D("335"), D("100")], None)]
    for n, (code, name, total, basic, project) in enumerate(GENERAL_ROWS, start=1):
        total = planted if code == "2010301" else total
        body.append(([code, f"x{n}", name, *(D(x) if x is not None else None for x in (total, basic, project))], None))
    book = _book("某某区2024年部门预算")
    _sheet(book, "表5", "2024年一般公共预算支出表", header, body, 6)
    book["表5"].column_dimensions[hide].hidden = True
    book.save(path)


def test_a_hidden_helper_column_is_not_imported(tmp_path: Path) -> None:
    """A hidden 内部码 column between 科目编码 and 科目名称 became the rows' names (x0, x1 …): 合计 lost its id, and every
    check between this table and the others was off. Hidden columns are not published: they are left out, and said so."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _hidden_book(tmp_path / "right.xlsx", "B")
    _hidden_book(tmp_path / "planted.xlsx", "B", planted="265")
    text, errors = _import(tmp_path / "a", tmp_path / "right.xlsx")
    rows = _rows(_table_text(text, "budget-general-expenditure"))
    assert rows[0] == "{id: total, label: 合计, values: [435.00, 335.00, 100.00]}"
    assert rows[3] == '{code: "2010301", label: 行政运行, values: [275.00, 275.00, ~]}'
    assert "内部码" not in text and "x1" not in text and errors == [], errors
    _text, errors = _import(tmp_path / "b", tmp_path / "planted.xlsx")
    assert any(e.startswith("sum-mismatch") and "375" in e and "365" in e for e in errors), errors


def test_hidden_columns_holding_every_figure_are_read_and_reported(tmp_path: Path) -> None:
    """When the figures are only in hidden columns, leaving them out would leave a table without a figure: they are read."""
    book = _book("某某区2024年部门预算")
    header: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1))
    _sheet(book, "表5", "2024年一般公共预算支出表", header, [(["", "合计", D("60")], None), (["208", "社会保障和就业支出", D("60")], None)], 3)
    book["表5"].column_dimensions["C"].hidden = True
    book.save(tmp_path / "only.xlsx")
    document = read_file(str(tmp_path / "only.xlsx"))
    (table,) = document.tables
    assert [[f.text for f in e.figures] for r in table.rows for e in r.entries] == [["60.00"], ["60.00"]]
    assert any(n.code == "hidden-columns" and "已读取" in n.message for n in document.notes)


# ---------------------------------------------------------------------------- §3 公开06表 in three blocks

BASIC_HEADER: Header = (("人员经费", 0, 0, 1, 3), ("公用经费", 0, 3, 1, 6), *((h, 1, i, 1, 1) for i, h in enumerate(["科目编码", "科目名称", "决算数"] * 3)))
PERSONNEL = [("301", "工资福利支出", "300.00"), ("30101", "基本工资", "300.00"), ("303", "对个人和家庭的补助", "5.00"), ("30302", "退休费", "5.00")]
GOODS = [("302", "商品和服务支出", "28.00"), ("30201", "办公费", "20.00"), ("30217", "公务接待费", "8.00")]
CAPITAL = [("310", "资本性支出", "2.00"), ("31002", "办公设备购置", "2.00"), ("399", "其他支出", "0.50"), ("39999", "其他支出", "0.50")]


def _three_block_body(public: str) -> list[list[object]]:
    rows: list[list[object]] = []
    for k in range(len(PERSONNEL)):
        row: list[object] = []
        for block in (PERSONNEL, GOODS, CAPITAL):
            row += [block[k][0], block[k][1], D(block[k][2])] if k < len(block) else ["", "", None]
        rows.append(row)
    rows.append(["人员经费合计", "", D("305.00"), "公用经费合计", "", "", "", "", D(public)])
    return rows


def _expect_three_blocks(text: str, errors: list[str], public: str) -> None:
    basic = _table_text(text, "final-general-basic")
    assert "      - {id: actual, label: 决算数}\n" in basic  # no group: the column holds 人员经费 and 公用经费 alike
    rows = _rows(basic)
    assert [r.split(",")[0] for r in rows] == [
        *(f'{{code: "{c}"' for c, _n, _v in PERSONNEL),
        "{id: personnel",
        *(f'{{code: "{c}"' for c, _n, _v in GOODS + CAPITAL),
        "{id: public",
    ]
    assert rows[-1] == f"{{id: public, label: 公用经费合计, values: [{public}]}}"
    if public == "30.50":  # 302 + 310 + 399
        assert errors == [], errors
    else:
        assert any(e.startswith("sum-mismatch") and "公用经费合计" in e and public in e and "30.5" in e for e in errors), errors


@pytest.mark.parametrize("public", ["30.50", "31.10"])
def test_a_basic_expenditure_table_printed_in_three_blocks(tmp_path: Path, public: str) -> None:
    """人员经费 | 公用经费 | 公用经费 side by side, “公用经费合计” merged across the middle block with its figure in the
    last: a blank 公用经费合计 row was invented after the middle block, the real one lost its id and a wrong total passed."""
    book = _book()
    body = _three_block_body(public)
    _sheet(book, "6", "一般公共预算财政拨款基本支出决算表", BASIC_HEADER, [(r, None) for r in body], 9, "公开06表")
    sheet = book["6"]
    last = sheet.max_row
    sheet.merge_cells(start_row=last, start_column=1, end_row=last, end_column=2)
    sheet.merge_cells(start_row=last, start_column=4, end_row=last, end_column=8)
    book.save(tmp_path / "basic.xlsx")
    text, errors = _import(tmp_path, tmp_path / "basic.xlsx")
    _expect_three_blocks(text, errors, public)


@needs_pdf
def test_a_pdf_basic_expenditure_table_in_three_blocks_with_the_total_in_separate_cells(tmp_path: Path) -> None:
    """The same table drawn in a PDF, “公用经费合计” in the middle block's code cell and 31.10 in the last block's figure cell."""
    pdf = _pdf()
    pdf.add_page()
    top = _pdf_title(pdf, "一般公共预算财政拨款基本支出决算表", mark="公开06表")
    _pdf_grid(pdf, top, (18, 45, 22) * 3, BASIC_HEADER, [(r, None) for r in _three_block_body("31.10")])
    path = tmp_path / "basic.pdf"
    path.write_bytes(bytes(pdf.output()))
    text, errors = _import(tmp_path, path)
    _expect_three_blocks(text, errors, "31.10")


# ---------------------------------------------------------------------------- §9 a 决算 三公 table printed down the page


def test_a_vertical_final_three_public_table_says_which_checks_it_cannot_have(tmp_path: Path) -> None:
    """项目 | 预算数 | 决算数 with the items as rows is imported as the “三公”经费表 (its sums checked row by row); the
    comparisons of the 基本支出决算表 with the official table are not run on it, and the editor is told so."""
    header: Header = (("项目", 0, 0, 1, 1), ("预算数", 0, 1, 1, 1), ("决算数", 0, 2, 1, 1))
    body: list[BodyRow] = [
        (["合计", D("8.00"), D("6.00")], None),
        (["1.因公出国（境）费", D("0.00"), D("0.00")], None),
        (["2.公务用车购置及运行费", D("6.00"), D("5.00")], None),
        (["其中：（1）公务用车购置费", D("0.00"), D("0.00")], None),
        (["（2）公务用车运行费", D("6.00"), D("5.00")], None),
        (["3.公务接待费", D("2.00"), D("1.50")], None),
    ]
    book = _book()
    _sheet(book, "7", "一般公共预算财政拨款“三公”经费支出决算表", header, body, 3, "公开07表")
    book.save(tmp_path / "three.xlsx")
    text, errors = _import(tmp_path, tmp_path / "three.xlsx")
    assert "role: three-public\n" in text and '{id: reception, label: "3.公务接待费", values: [2.00, 1.50]}' in text
    assert "与财政拨款“三公”经费支出决算表的比较只对按栏印的表进行，请人工核对。" in text
    assert any(e.startswith("sum-mismatch") and "6.5" in e for e in errors), errors


def _rows_three_public_book(path: Path, title: str, vehicle: str, extra: bool = False) -> None:
    """A 三公 table printed down the page under a title of the body's own (桂林, 重庆江北, 南通, 岳阳 print such):
    合计 / 1.因公出国(境)费用 / 2.公务接待费 / 3.公务用车费 / 其中:(1)公务用车运行维护费 / (2)公务用车购置."""
    header: Header = (("项 目", 0, 0, 1, 1), ("本年预算数", 0, 1, 1, 1))
    body: list[BodyRow] = [
        (["合 计", D("34.35")], None),
        (["1.因公出国(境)费用", D("0")], None),
        (["2.公务接待费", D("1.70")], None),
        (["3.公务用车费", D(vehicle)], None),
        (["其中:(1)公务用车运行维护费", D("32.65")], None),
        (["(2)公务用车购置", D("0")], None),
    ]
    if extra:  # 南通 prints 会议费 and 培训费 below the 三公 items: not parts of the 三公 合计
        body += [(["二、会议费", D("7.59")], None), (["三、培训费", D("15.86")], None)]
    book = _book("某某局2015年部门预算")
    _sheet(book, "1", title, header, body, 2)
    book.save(path)


@pytest.mark.parametrize(
    "title, extra",
    [("2015年某某市某某局部门“三公”经费情况统计表", False), ("2021年区本级“三公”经费预算支出表", False), ("2016年市某某委财政拨款“三公”经费预算表", True)],
)
def test_a_three_public_table_printed_as_rows_under_its_own_title_is_checked(tmp_path: Path, title: str, extra: bool) -> None:
    """Real 三公 budget tables printed as rows under titles of their own were imported as ordinary tables and checked for
    nothing: one printed 公务用车费 0 above its 运行维护费 32.65, and its 合计 34.35 = 1.70 + 32.65, and nobody was told."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _rows_three_public_book(tmp_path / "right.xlsx", title, "32.65", extra)
    _rows_three_public_book(tmp_path / "planted.xlsx", title, "0", extra)
    text, errors = _import(tmp_path / "a", tmp_path / "right.xlsx")
    table = _table_text(text, "three-public")
    for row in ("{id: total, label: 合 计", '{id: overseas, label: "1.因公出国(境)费用"', '{id: vehicle, label: "3.公务用车费"', "{id: vehicle-purchase, label: (2)公务用车购置"):
        assert row in table
    assert errors == [], errors
    _text, errors = _import(tmp_path / "b", tmp_path / "planted.xlsx")
    # One wrong figure, one error: the 合计 agrees once 公务用车费 is taken as its parts (a warning names that row).
    assert [e.split()[0] for e in errors] == ["sum-mismatch"], errors
    assert "公务用车费" in errors[0] and "32.65" in errors[0], errors


@pytest.mark.parametrize("services, expected", [("18.00", []), ("19.00", ["sum-mismatch"])])
def test_a_procurement_table_printed_as_its_rows_is_the_procurement_table(tmp_path: Path, services: str, expected: list[str]) -> None:
    """A 政府采购预算表 printed 政府采购合计 / 货物 / 工程 / 服务 down the page (the procurement kind's rows word for word) was an
    ordinary table: a 合计 of 30 over 12 + 19 passed."""
    header: Header = (("项目", 0, 0, 1, 1), ("金额", 0, 1, 1, 1))
    body: list[BodyRow] = [(["政府采购合计", D("30.00")], None), (["货物", D("12.00")], None), (["工程", None], None), (["服务", D(services)], None)]
    book = _book("某某馆2025年部门预算")
    _sheet(book, "采购", "2025年政府采购预算表", header, body, 2)
    book.save(tmp_path / "in.xlsx")
    text, errors = _import(tmp_path, tmp_path / "in.xlsx")
    table = _table_text(text, "procurement")
    assert "{id: total, label: 政府采购合计" in table and "{id: services, label: 服务" in table
    assert [e.split()[0] for e in errors] == expected, errors


def test_a_table_titled_for_the_three_public_funds_without_its_items_stays_ordinary(tmp_path: Path) -> None:
    """Only the items as rows make the 三公 table: a table of projects under a 三公 title keeps its printed rows."""
    header: Header = (("项目", 0, 0, 1, 1), ("预算数", 0, 1, 1, 1))
    book = _book("某某局2015年部门预算")
    _sheet(book, "1", "2015年“三公”经费压减项目表", header, [(["会议室改造", D("3.00")], None), (["档案整理", D("2.00")], None)], 2)
    book.save(tmp_path / "in.xlsx")
    text, _errors = _import(tmp_path, tmp_path / "in.xlsx")
    assert "role:" not in text and "不是已知的表格类型" in text


@pytest.mark.parametrize(
    ("role", "side", "document_kind", "expected"),
    [
        ("final-summary", "income", "final-accounts", "actual"),
        ("final-fiscal-summary", "income", "final-accounts", "actual"),
        ("budget-finance-summary", "income", "budget", "budget"),
        ("budget-finance-summary", "expenditure", "budget", "budget"),
        ("final-fiscal-summary", "expenditure", "final-accounts", None),  # 合计 and three funds: which one is not known
        ("budget-three-public", None, "budget", None),  # 机关运行经费 is no plain 预算数
    ],
)
def test_which_column_a_lone_jine_is(role: str, side: str | None, document_kind: str, expected: str | None) -> None:
    from pubgen.importers.tablemap import _amount_column

    kind = kinds()[role]
    grid = kind.sides[side] if side is not None else kind.grid
    assert grid is not None
    assert _amount_column("金额", (), dict(grid.columns), set(), document_kind) == expected


@needs_pdf
def test_a_pdf_title_with_the_unit_inside_and_codes_printed_with_spaces(tmp_path: Path) -> None:
    """A PDF title “国有资本经营预算财政拨款支出决算表（单位：万元）” was not read as a title at all (the table had none),
    and codes “208 05 05” were dropped: the table is the 公开09表, in 万元, with its codes and its sums checked."""
    pdf = _pdf()
    pdf.add_page()
    header: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("基本支出", 0, 3, 1, 1), ("项目支出", 0, 4, 1, 1))
    body: list[BodyRow] = [
        (["", "合计", D("60.00"), D("50.00"), None], None),
        (["208 05", "行政事业单位养老支出", D("60.00"), D("50.00"), None], None),
        (["208 05 05", "机关事业单位基本养老保险缴费支出", D("60.00"), D("50.00"), None], None),
    ]
    _pdf_grid(pdf, _pdf_title(pdf, "国有资本经营预算财政拨款支出决算表（单位：万元）"), (25, 80, 35, 35, 35), header, body)
    path = tmp_path / "capital.pdf"
    path.write_bytes(bytes(pdf.output()))
    text, errors = _import(tmp_path, path)
    capital = _table_text(text, "final-state-capital")
    assert "    title: 国有资本经营预算财政拨款支出决算表\n" in capital and "    unit: 万元\n" in capital
    assert [r.split(",")[0] for r in _rows(capital)] == ["{id: total", '{code: "20805"', '{code: "2080505"']
    assert errors and all(e.startswith("column-sum-mismatch") and "60" in e and "50" in e for e in errors), errors


def test_the_national_gov_fund_table_headed_by_its_one_column(tmp_path: Path) -> None:
    """The national 表8 prints one column “本年政府性基金预算支出”: it is the table's 合计, so the 财政拨款收支总表's 政府性基金
    spending is compared with it (it had a pinyin id, and a 财政拨款收支总表 spending 5.00 from the fund passed)."""
    book = _book("某某区2024年部门预算")
    fiscal: Header = (
        ("财政拨款收入", 0, 0, 1, 2),
        ("财政拨款支出", 0, 2, 1, 5),
        ("项目", 1, 0, 1, 1),
        ("预算数", 1, 1, 1, 1),
        ("项目", 1, 2, 1, 1),
        ("合计", 1, 3, 1, 1),
        ("一般公共预算", 1, 4, 1, 1),
        ("政府性基金预算", 1, 5, 1, 1),
        ("国有资本经营预算", 1, 6, 1, 1),
    )
    rows: list[BodyRow] = [
        (["一、本年收入", D("25.00"), "一、本年支出", D("25.00"), D("20.00"), D("5.00"), None], None),
        (["（一）一般公共预算拨款收入", D("20.00"), "一般公共服务支出", D("25.00"), D("20.00"), D("5.00"), None], None),
        (["（二）政府性基金预算拨款收入", D("5.00"), "", None, None, None, None], None),
        (["收入总计", D("25.00"), "支出总计", D("25.00"), D("20.00"), D("5.00"), None], None),
    ]
    _sheet(book, "表4", "2024年财政拨款收支总表", fiscal, rows, 7)
    header: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("本年政府性基金预算支出", 0, 2, 1, 1))
    _sheet(book, "表8", "2024年政府性基金预算支出表", header, [(["", "合计", None], None)], 3)
    book.save(tmp_path / "fund.xlsx")
    text, errors = _import(tmp_path, tmp_path / "fund.xlsx")
    assert "{id: total, label: 本年政府性基金预算支出}" in _table_text(text, "budget-gov-fund-expenditure")
    assert [e.split()[0] for e in errors] == ["budget-gov-fund-total"] and "5 ≠" in errors[0], errors


def test_a_document_of_one_kind_never_gets_the_official_tables_of_the_other() -> None:
    """“一般公共预算支出情况表” in a 决算 is the department's own table, not the 预算's table 5."""
    title = "2024年度平乡县信访局一般公共预算支出情况表"
    assert find_kind(title, "final-accounts") is None
    budget = find_kind(title, "budget")
    assert budget is not None and budget.official == "budget"
    for kind in ("budget", "final-accounts"):
        for other in kinds().values():
            for known in other.titles:
                found = find_kind(known, kind)
                assert found is None or found.official in (None, kind), (known, kind, found.role)


# ---------------------------------------------------------------------------- “单位：<名称>” names the department


TOWN_REGIONS = """regions:
  - slug: sichuan
    name: 四川省
    level: province
    children:
      - slug: dazhou
        name: 达州市
        level: city
        children:
          - slug: dazhu
            name: 大竹县
            level: county
"""


def _import_town(tmp_path: Path):  # type: ignore[no-untyped-def]
    from pubgen.importers.writer import Options, run

    content = tmp_path / "content"
    content.mkdir()
    (content / "regions.yml").write_text(TOWN_REGIONS, encoding="utf-8")
    return run([str(tmp_path / "town.xlsx")], Options(region="sichuan/dazhou/dazhu", year=2024, kind="budget"), content)


def _town_book(path: Path, name_line: str, rows: list[BodyRow]) -> None:
    """A town's 部门收入总表 with no cover: its name only in the title and on the line under it, beside 单位：元."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "部门收入总表"
    sheet["A1"] = "某某县某某镇人民政府2024年部门收入总表"
    sheet.merge_cells("A1:E1")
    sheet["A2"] = name_line
    sheet["E2"] = "单位：元"
    for col, text in enumerate(("科目编码", "科目名称", "合计", "一般公共预算拨款收入", "其他收入"), start=1):
        sheet.cell(3, col, text)
    for r, (values, _merged) in enumerate(rows, start=4):
        for col, value in enumerate(values, start=1):
            if value not in (None, ""):
                sheet.cell(r, col, value)
    book.save(path)


TOWN_ROWS: list[BodyRow] = [
    (["", "合计", D("3000"), D("3000"), None], None),
    (["201", "一般公共服务支出", D("3000"), D("3000"), None], None),
    (["20103", "政府办公厅（室）及相关机构事务", D("3000"), D("3000"), None], None),
    (["2010301", "行政运行", D("3000"), D("3000"), None], None),
]


@pytest.mark.parametrize("label", ["单位：", "单位:", "编制单位：", "单位名称："])
def test_a_bare_danwei_line_names_the_department(tmp_path: Path, label: str) -> None:
    """“单位：某某县某某镇人民政府” under the title is how 决算 exports print the body's name; the import failed with
    “封面和表格都没有印出部门名称” while 编制单位：/单位名称： worked."""
    _town_book(tmp_path / "town.xlsx", f"{label}某某县某某镇人民政府", TOWN_ROWS)
    outcome = _import_town(tmp_path)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    assert item.identity.body == "某某县某某镇人民政府"
    assert "role: budget-income\n" in item.text
    assert "unit: 元" in item.text
    assert outcome.check is not None and not outcome.check.errors


@pytest.mark.parametrize(
    "unit", ["单位：元", "单位：万元（保留两位小数）", "单位：人", "单位：个、辆", "单位：%", "单位：平方米", "单位：辆、万元", "单位：平方米、台", "单位：公顷、万元"]
)
def test_a_danwei_line_naming_a_unit_of_measure_names_no_department(tmp_path: Path, unit: str) -> None:
    from pubgen.importers.text import match_issuer

    assert match_issuer(unit) is None
    _town_book(tmp_path / "town.xlsx", unit, TOWN_ROWS)
    outcome = _import_town(tmp_path)
    assert not outcome.ok
    (failure,) = outcome.failures
    assert "没有读出部门名称" in failure and "--department" in failure, failure


def test_the_fund_columns_of_the_fiscal_final_accounts_summary_printed_by_the_funds_short_names(tmp_path: Path) -> None:
    """湖南: 公开04表's 支出 columns headed “一般公共预算 | 政府性基金预算 | 国有资本经营预算” (without 财政拨款) were pinyin
    columns: the comparisons of 公开04表 with 公开05表 never ran, and a transposed figure passed."""
    book = _book()
    sheet = book.create_sheet("4")
    sheet["A1"] = "财政拨款收入支出决算总表"
    sheet["F2"] = "单位：万元"
    header: Header = (
        ("收入", 0, 0, 1, 2),
        ("支出", 0, 2, 1, 5),
        ("项目", 1, 0, 1, 1),
        ("决算数", 1, 1, 1, 1),
        ("项目", 1, 2, 1, 1),
        ("合计", 1, 3, 1, 1),
        ("一般公共预算", 1, 4, 1, 1),
        ("政府性基金预算", 1, 5, 1, 1),
        ("国有资本经营预算", 1, 6, 1, 1),
    )
    for text, r, c, rowspan, colspan in header:
        sheet.cell(3 + r, 1 + c, text)
        if colspan > 1:
            sheet.merge_cells(start_row=3 + r, start_column=1 + c, end_row=3 + r, end_column=c + colspan)
    rows = [
        ("一、一般公共预算财政拨款", D("30.00"), "一、一般公共服务支出", D("30.00"), D("30.00"), D("0.00"), D("0.00")),
        ("本年收入合计", D("30.00"), "本年支出合计", D("30.00"), D("30.00"), D("0.00"), D("0.00")),
        ("年初财政拨款结转和结余", D("0.00"), "年末财政拨款结转和结余", D("0.00"), D("0.00"), D("0.00"), D("0.00")),
        ("总计", D("30.00"), "总计", D("30.00"), D("30.00"), D("0.00"), D("0.00")),
    ]
    for offset, values in enumerate(rows):
        for col, value in enumerate(values, start=1):
            sheet.cell(5 + offset, col, value)
    book.save(tmp_path / "short.xlsx")
    text, _errors = _import(tmp_path, tmp_path / "short.xlsx")
    fiscal = _table_text(text, "final-fiscal-summary")
    for column in ("{id: general, label: 一般公共预算", "{id: gov-fund, label: 政府性基金预算", "{id: state-capital, label: 国有资本经营预算"):
        assert column in fiscal, fiscal


def test_the_final_accounts_basic_table_printed_as_one_column_block_is_checked(tmp_path: Path) -> None:
    """湖南: 公开06表 printed 科目编码 | 科目名称 | 合计 | 人员经费 | 公用经费 (not the two side-by-side 决算数 columns) was a
    plain table of pinyin columns: a 合计 of 1541.50 over 1313.15 + 138.35 passed."""

    def book(total: str) -> Path:
        made = _book()
        header: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("人员经费", 0, 3, 1, 1), ("公用经费", 0, 4, 1, 1))
        body: list[BodyRow] = [
            (["", "合计", D(total), D("1313.15"), D("138.35")], None),
            (["301", "工资福利支出", D("1294.95"), D("1294.95"), None], None),
            (["303", "对个人和家庭的补助", D("18.20"), D("18.20"), None], None),
            (["302", "商品和服务支出", D("138.35"), None, D("138.35")], None),
        ]
        _sheet(made, "6", "一般公共预算财政拨款基本支出决算表", header, body, 5, "公开06表")
        path = tmp_path / f"{total}.xlsx"
        made.save(path)
        return path

    (tmp_path / "right").mkdir()
    text, errors = _import(tmp_path / "right", book("1451.50"))
    basic = _table_text(text, "final-general-basic")
    assert "{id: total, label: 合计}" in basic and "{id: personnel, label: 人员经费}" in basic and "{id: public, label: 公用经费}" in basic, basic
    assert errors == [], errors
    (tmp_path / "slip").mkdir()
    _text, errors = _import(tmp_path / "slip", book("1541.50"))
    assert [e.split()[0] for e in errors] == ["column-sum-mismatch"], errors


# ---------------------------------------------------------------------------- §12 浙江、广东: the funds named bare

ZHEJIANG_INCOME_HEADER: Header = (
    ("科目编码", 0, 0, 2, 1),
    ("科目名称", 0, 1, 2, 1),
    ("总计", 0, 2, 2, 1),
    ("本年收入", 0, 3, 1, 6),
    ("上年结转", 0, 9, 2, 1),
    ("小计", 1, 3, 1, 1),
    ("一般公共预算", 1, 4, 1, 1),
    ("政府性基金预算", 1, 5, 1, 1),
    ("国有资本经营预算", 1, 6, 1, 1),
    ("财政专户管理资金", 1, 7, 1, 1),
    ("单位资金", 1, 8, 1, 1),
)


def _zhejiang_income_book(path: Path, running: tuple[str, str], general: str) -> None:
    """浙江's 部门收支总表 and 部门收入总表 (one sheet each): the 收入总表's sources under 本年收入 headed by the funds' bare
    names, “一般公共预算 | 政府性基金预算 | …”. ``running`` is what 行政运行 and 事业运行 print in 一般公共预算 (60, 40 when
    right), ``general`` the 收支总表's 一般公共预算拨款收入 (100 when right; its 政府性基金 takes up the difference)."""
    book = _book("某某县农业农村局2025年部门预算")
    sheet = book.create_sheet("表1 部门收支总表")
    sheet["A1"] = "2025年部门收支总表"
    sheet["D2"] = "单位：万元"
    for text, r, c, colspan in (("收入", 3, 1, 2), ("支出", 3, 3, 2), ("项目", 4, 1, 1), ("预算数", 4, 2, 1), ("项目", 4, 3, 1), ("预算数", 4, 4, 1)):
        sheet.cell(r, c, text)
        if colspan > 1:
            sheet.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + colspan - 1)
    gov_fund = D("130.00") - D(general)
    summary = [
        ("一、一般公共预算拨款收入", D(general), "一、城乡社区支出", D("30.00")),
        ("二、政府性基金预算拨款收入", gov_fund, "二、农林水支出", D("100.00")),
        ("本年收入合计", D("130.00"), "本年支出合计", D("130.00")),
        ("收入总计", D("130.00"), "支出总计", D("130.00")),
    ]
    for offset, values in enumerate(summary):
        for col, value in enumerate(values, start=1):
            sheet.cell(5 + offset, col, value)
    administration, institution = (D(v) for v in running)
    body: list[BodyRow] = [
        (["212", "城乡社区支出", D("30.00"), D("30.00"), None, D("30.00"), None, None, None, None], None),
        (["21208", "国有土地使用权出让收入安排的支出", D("30.00"), D("30.00"), None, D("30.00"), None, None, None, None], None),
        (["213", "农林水支出", D("100.00"), D("100.00"), D("100.00"), None, None, None, None, None], None),
        (["21301", "农业农村", D("100.00"), D("100.00"), D("100.00"), None, None, None, None, None], None),
        (["2130101", "行政运行", D("60.00"), D("60.00"), administration, None, None, None, None, None], None),
        (["2130104", "事业运行", D("40.00"), D("40.00"), institution, None, None, None, None, None], None),
        (["", "合计", D("130.00"), D("130.00"), D("100.00"), D("30.00"), None, None, None, None], None),
    ]
    _sheet(book, "表2 部门收入总表", "2025年部门收入总表", ZHEJIANG_INCOME_HEADER, body, 10)
    book.save(path)


@pytest.mark.parametrize(
    "running, general, expected",
    [
        (("60.00", "40.00"), "100.00", []),
        # Two figures of 一般公共预算 swapped between rows of one 款: every sum by code still holds, only 小计 = Σ sources does not.
        (("40.00", "60.00"), "100.00", ["column-sum-mismatch", "column-sum-mismatch"]),
        # The 收支总表 gives 一般公共预算 10 more and 政府性基金 10 less than the 收入总表's 合计: its 本年收入合计 still holds.
        (("60.00", "40.00"), "110.00", ["budget-summary-fund-income", "budget-summary-fund-income"]),
    ],
)
def test_the_income_tables_sources_headed_by_the_funds_bare_names(tmp_path: Path, running: tuple[str, str], general: str, expected: list[str]) -> None:
    """浙江、广东 head the 部门收入总表's sources “一般公共预算 | 政府性基金预算” (without 拨款收入): they were imported as columns
    yibangonggongyusuan / zhengfuxingjijinyusuan, so no row's 小计 was added up from its sources, the 收支总表 was never
    compared with them, and two swapped figures passed (“共 0 个错误”)."""
    _zhejiang_income_book(tmp_path / "budget.xlsx", running, general)
    text, errors = _import(tmp_path, tmp_path / "budget.xlsx")
    income = _table_text(text, "budget-income")
    for column in (
        "{id: current, label: 小计}",
        "{id: general, label: 一般公共预算, group: [本年收入]}",
        "{id: gov-fund, label: 政府性基金预算, group: [本年收入]}",
        "{id: state-capital, label: 国有资本经营预算, group: [本年收入]}",
    ):
        assert column in income, income
    assert "没有对应的栏目代号" not in text and "不是这类表格的栏目" not in text, income
    assert [e.split()[0] for e in errors] == expected, errors
    if expected:
        assert ("行政运行" if "column-sum-mismatch" in expected else "一般公共预算") in errors[0], errors


@pytest.mark.parametrize(
    "funds",
    [
        ("一般公共预算", "政府性基金预算", "国有资本经营预算"),
        ("一般公共预算资金", "政府性基金预算资金", "国有资本经营预算资金"),
        ("一般公共预算拨款", "政府性基金", "国有资本经营预算拨款"),
    ],
)
def test_the_fiscal_summarys_fund_columns_under_the_names_the_other_tables_give_them(tmp_path: Path, funds: tuple[str, str, str]) -> None:
    """The 财政拨款收支总表's 支出 columns headed “政府性基金” or “…预算资金” (as the 收支总表's rows name the funds) were
    pinyin columns: no row's 合计 was added up from them, and 10 of 一般公共预算 printed on the wrong 类 passed."""
    book = _book("某某县农业农村局2025年部门预算")
    sheet = book.create_sheet("表4")
    sheet["A1"] = "2025年部门财政拨款收支总表"
    sheet["F2"] = "单位：万元"
    header = (("收入", 3, 1, 2), ("支出", 3, 3, 5), ("项目", 4, 1, 1), ("预算数", 4, 2, 1), ("项目", 4, 3, 1), ("合计", 4, 4, 1))
    for text, r, c, colspan in header + tuple((fund, 4, 5 + i, 1) for i, fund in enumerate(funds)):
        sheet.cell(r, c, text)
        if colspan > 1:
            sheet.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + colspan - 1)
    rows = [
        # 10 of 一般公共预算 printed on the wrong 类: each column still adds up, the two rows' 合计 do not.
        ("一、本年收入", D("130.00"), "一、城乡社区支出", D("30.00"), D("10.00"), D("30.00"), None),
        ("1.一般公共预算", D("100.00"), "二、农林水支出", D("100.00"), D("90.00"), None, None),
        ("2.政府性基金预算", D("30.00"), "本年支出合计", D("130.00"), D("100.00"), D("30.00"), None),
        ("收入总计", D("130.00"), "支出总计", D("130.00"), D("100.00"), D("30.00"), None),
    ]
    for offset, values in enumerate(rows):
        for col, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(5 + offset, col, value)
    book.save(tmp_path / "fiscal.xlsx")
    text, errors = _import(tmp_path, tmp_path / "fiscal.xlsx")
    fiscal = _table_text(text, "budget-fiscal-summary")
    for cid, fund in zip(("general", "gov-fund", "state-capital"), funds):
        assert f"{{id: {cid}, label: {fund}}}" in fiscal, fiscal
    assert [e.split()[0] for e in errors] == ["column-sum-mismatch"] * 2, errors
    assert "“一、城乡社区支出”的“合计” 30 ≠" in errors[0] and "“二、农林水支出”的“合计” 100 ≠" in errors[1], errors


# ---------------------------------------------------------------------------- §13 浙江、广东: the “三公” table one row a year

THREE_PUBLIC_BY_YEAR_HEADER: Header = (
    ("项目", 0, 0, 2, 1),
    ("合计", 0, 1, 2, 1),
    ("因公出国（境）费", 0, 2, 2, 1),
    ("公务用车购置及运行费", 0, 3, 1, 3),
    ("公务接待费", 0, 6, 2, 1),
    ("小计", 1, 3, 1, 1),
    ("公务用车购置费", 1, 4, 1, 1),
    ("公务用车运行费", 1, 5, 1, 1),
)


def _three_public_by_year_book(path: Path, reception: str, own_first: bool) -> None:
    """浙江's 一般公共预算“三公”经费支出表, one row a year (广东 prints the document's year first), beside the 基本支出表
    whose 公务接待费 (30217) is 4.50 and 公务用车运行维护费 (30231) 8.00. Last year's row prints more of each."""
    book = _book("某某县农业农村局2025年部门预算")
    basic_header: Header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("人员经费", 0, 3, 1, 1), ("公用经费", 0, 4, 1, 1))
    basic: list[BodyRow] = [
        (["302", "商品和服务支出", D("12.50"), None, D("12.50")], None),
        (["30217", "公务接待费", D("4.50"), None, D("4.50")], None),
        (["30231", "公务用车运行维护费", D("8.00"), None, D("8.00")], None),
        (["", "合计", D("12.50"), None, D("12.50")], None),
    ]
    _sheet(book, "表6", "2025年部门一般公共预算基本支出表", basic_header, basic, 5)
    own: BodyRow = (["2025年预算数", D("8.00") + D(reception), D("0.00"), D("8.00"), D("0.00"), D("8.00"), D(reception)], None)
    last: BodyRow = (["2024年预算数", D("14.20"), D("0.00"), D("9.50"), D("0.00"), D("9.50"), D("4.70")], None)
    _sheet(book, "表7", "2025年部门一般公共预算“三公”经费支出表", THREE_PUBLIC_BY_YEAR_HEADER, [own, last] if own_first else [last, own], 7)
    book.save(path)


@pytest.mark.parametrize("own_first", [False, True])
@pytest.mark.parametrize("reception, expected", [("4.50", []), ("4.00", ["budget-basic-reception"])])
def test_a_three_public_table_printed_one_row_a_year_is_the_documents_years_row(
    tmp_path: Path, reception: str, expected: list[str], own_first: bool
) -> None:
    """Rows “2024年预算数” / “2025年预算数” had no ids (“一行没有对应的行代号”): the 基本支出表's 公务接待费 was compared with
    neither, and 4.50 of 30217 over a 公务接待费 of 4.00 passed. The document's year's row is the table's total row; the
    year before's is last year's, never compared as this year's (its 4.70 would have let 4.50 pass)."""
    _three_public_by_year_book(tmp_path / "budget.xlsx", reception, own_first)
    text, errors = _import(tmp_path, tmp_path / "budget.xlsx")
    table = _table_text(text, "budget-three-public")
    assert '{id: total, label: "2025年预算数"' in table and '{id: last-year, label: "2024年预算数"' in table, table
    assert "没有对应的行代号" not in text, table
    assert [e.split()[0] for e in errors] == expected, errors
    if expected:
        assert "“2025年预算数”的“公务接待费” 4（相差 0.5" in errors[0], errors
