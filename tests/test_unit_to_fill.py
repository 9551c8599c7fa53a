"""A table whose unit is still written 待填 (pubgen import writes it where the original prints no unit) does not stop
the rest of its document from being checked.

Every problem of a document is told in one run: the sums inside that table (which do not depend on its unit), the other
tables and the text against them. Only what depends on the unknown unit waits: its figures against the text, the other
tables and the other documents (the same amount in 元 and in 万元 cannot be told apart), and the page, which is not
published until the unit is written.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from pubgen.cli import main
from pubgen.pipeline import Project, check
from pubgen.problems import Problem
from pubgen.tablekinds import official

from .conftest import copy_project
from .test_build import tree_digest
from .test_checks import CHANGE, codes, doc, project
from .test_import_sheets_more import BODY, ISSUER, _book, _import, _rows
from .test_table_examples import DOCUMENT, write_project


def _nine_tables(tmp_path: Path, *edits: tuple[str, str, str]) -> tuple[Path, str]:
    """The nine 预算 tables of one real department (they hold together), the 部门支出预算总表's unit written 待填, and
    ``edits``: (role, old, new) replaced in that table's block, or ("", old, new) anywhere."""
    root = write_project(tmp_path, "budget", official("budget"))
    path = root / DOCUMENT
    text = path.read_text(encoding="utf-8")
    for role, old, new in (("budget-expenditure", "    unit: 元\n", "    unit: 待填\n"), *edits):
        if not role:
            assert old in text, old
            text = text.replace(old, new, 1)
            continue
        before, block = text.split(f"    role: {role}\n", 1)
        assert old in block, old
        text = before + f"    role: {role}\n" + block.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return root, text


def _line(text: str, start: str, line: str) -> int:
    """The number of the first line ``line`` after the first line starting with ``start``."""
    lines = text.splitlines()
    first = next(i for i, x in enumerate(lines) if x.startswith(start))
    return next(i for i, x in enumerate(lines) if i > first and x == line) + 1


def _shown(problems: list[Problem]) -> list[tuple[str, str | None, int]]:
    return sorted((p.code, p.field, p.line) for p in problems)


def test_a_table_without_its_unit_leaves_nothing_else_unchecked(tmp_path: Path) -> None:
    """Nine tables, one without its unit: a slip inside it, one in another table and one of the text are all told."""
    root, text = _nine_tables(
        tmp_path,
        # 行政运行's 合计 one digit off, in the table without a unit …
        ("budget-expenditure", "values: [12029501.84, 11919501.84, 110000.00]", "values: [12029511.84, 11919501.84, 110000.00]"),
        # … 一般行政管理事务's 财政拨款收入 in the 收入预算总表 (in 元) …
        ("budget-income", "values: [46140000.00, 46140000.00, ~, ~, ~]", "values: [46140000.00, 46140100.00, ~, ~, ~]"),
        # … and the text's 收入预算, against the tables in 元.
        ("", "body:\n", "body:\n  - type: text\n    text: 2025年收入预算合计9201.68万元。\n"),
    )
    report = check(Project(root))
    table_line = _line(text, "    role: budget-expenditure", "    unit: 待填")
    assert _shown(report.problems) == [
        ("column-sum-mismatch", "budget-expenditure.2010301.total", _line(text, "    role: budget-expenditure", '      - {code: "2010301", label: 行政运行, values: [12029511.84, 11919501.84, 110000.00]}')),
        ("column-sum-mismatch", "budget-income.2010302.total", _line(text, "    role: budget-income", '      - {code: "2010302", label: 一般行政管理事务, values: [46140000.00, 46140100.00, ~, ~, ~]}')),
        ("sum-mismatch", "budget-expenditure.20103.total", _line(text, "    role: budget-expenditure", '      - {code: "20103", label: 政府办公厅（室）及相关机构事务, values: [82096797.42, 15686797.42, 66410000.00]}')),
        ("sum-mismatch", "budget-income.20103.fiscal", _line(text, "    role: budget-income", '      - {code: "20103", label: 政府办公厅（室）及相关机构事务, values: [82096797.42, 82096797.42, ~, ~, ~]}')),
        ("text-figure-mismatch", "body.0.text", 9),
        ("unit-to-fill", "body.3.unit", table_line),
    ]
    (unit,) = [p for p in report.errors if p.code == "unit-to-fill"]
    assert unit.message.startswith("“2025年部门支出预算总表”的“金额单位（unit）”还是“待填”：请照原表写上金额单位（元、千元、万元、百万元、亿元）。")
    assert "12029511.84" in next(p.message for p in report.errors if p.field == "budget-expenditure.2010301.total")
    assert "9201.68" in next(p.message for p in report.errors if p.code == "text-figure-mismatch")
    # The summary no longer says the file could not be read: its figures were checked.
    assert "未能读入" not in report.to_text()


def test_the_figures_of_a_table_without_its_unit_are_compared_with_nothing_outside_it(tmp_path: Path) -> None:
    """The 部门支出预算总表 in 元 beside eight tables in 元, its unit 待填: read in the document's 万元, every figure would be
    ten thousand times the 财务收支预算总表's; as it is, only its unit is asked for. The text's 支出预算 (wrong in 万元 or in
    元) is not judged either: the table it may restate has no known unit."""
    root, text = _nine_tables(tmp_path, ("", "body:\n", "body:\n  - type: text\n    text: 2025年支出预算合计9301.68万元。\n"))
    report = check(Project(root))
    assert _shown(report.problems) == [("unit-to-fill", "body.3.unit", _line(text, "    role: budget-expenditure", "    unit: 待填"))]
    # Written as the original prints it, the table is compared again: the text's figure is now told.
    (root / DOCUMENT).write_text(text.replace("    unit: 待填\n", "    unit: 元\n"), encoding="utf-8")
    assert [p.code for p in check(Project(root)).problems] == ["text-figure-mismatch"]


def test_a_document_unit_to_fill_holds_back_only_the_tables_that_take_it(tmp_path: Path) -> None:
    """The document's own ``unit: 待填`` and tables that write no unit of their own (they take the document's): each table's
    sums are checked, nothing is compared across them or with the text."""
    root, text = _nine_tables(
        tmp_path,
        ("", "unit: 万元\n", "unit: 待填\n"),
        ("budget-income", "    unit: 元\n", ""),
        ("budget-income", "values: [46140000.00, 46140000.00, ~, ~, ~]", "values: [46140000.00, 46140100.00, ~, ~, ~]"),
        ("", "body:\n", "body:\n  - type: text\n    text: 2025年收入预算合计9201.68万元。\n"),
    )
    report = check(Project(root))
    assert _shown(report.problems) == [
        ("column-sum-mismatch", "budget-income.2010302.total", _line(text, "    role: budget-income", '      - {code: "2010302", label: 一般行政管理事务, values: [46140000.00, 46140100.00, ~, ~, ~]}')),
        ("sum-mismatch", "budget-income.20103.fiscal", _line(text, "    role: budget-income", '      - {code: "20103", label: 政府办公厅（室）及相关机构事务, values: [82096797.42, 82096797.42, ~, ~, ~]}')),
        # (The text's 收入预算 9201.68万元 is not judged: the 收入预算总表, one of the tables it may restate, has no known unit.)
        ("unit-to-fill", "body.3.unit", _line(text, "    role: budget-expenditure", "    unit: 待填")),
        ("unit-to-fill", "unit", text.splitlines().index("unit: 待填") + 1),
    ]
    (whole,) = [p for p in report.errors if p.field == "unit"]
    assert whole.message.startswith("“金额单位（unit）”还是“待填”：请照原表写上金额单位") and "没有写自己单位（unit）的表" in whole.message


def test_last_years_table_without_its_unit_is_not_held_against_this_years(tmp_path: Path) -> None:
    """Last year's 支出预算 printed in 元 (3174000), its unit left 待填: read in 万元 it would make this year's 比上年增减
    wrong by millions; it is not compared until the unit is written."""
    last = doc(2020, "budget", CHANGE.format(now="3174000", change="~").replace("  title: 支出预算\n", "  title: 支出预算\n  unit: 待填\n"))
    now = doc(2021, "budget", CHANGE.format(now="329.48", change="12.08"))
    assert [c[0] for c in codes(project(tmp_path / "a", last, now))] == ["unit-to-fill"]
    assert codes(project(tmp_path / "b", last.replace("unit: 待填", "unit: 元"), now)) == []


def _sheet(book: openpyxl.Workbook, name: str, title: str, header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    _rows(book.create_sheet(name), 1, [(f"{BODY}{title}",), (ISSUER,), header, *rows])


def test_an_imported_workbook_that_prints_no_unit_is_checked_whole(tmp_path: Path) -> None:
    """A workbook whose tables print no unit anywhere: each is written ``unit: 待填``, and the check after the import
    tells the slips inside each table with the units it asks for."""
    book = _book(None)
    _sheet(book, "表2", "2025年部门收入总表", ("科目编码", "科目名称", "合计", "一般公共预算拨款收入", "其他收入"), [
        ("201", "一般公共服务支出", D("1000000.00"), D("900000.00"), D("0.00")),
        ("合计", None, D("1000000.00"), D("1000000.00"), D("0.00")),
    ])
    _sheet(book, "表3", "2025年部门支出总表", ("科目编码", "科目名称", "合计", "基本支出", "项目支出"), [
        ("201", "一般公共服务支出", D("1000000.00"), D("712345.67"), D("287654.30")),
        ("20103", "政府办公厅（室）及相关机构事务", D("1000000.00"), D("712345.67"), D("287654.33")),
        ("合计", None, D("1000000.00"), D("712345.67"), D("287654.33")),
    ])
    text, problems, outcome = _import(tmp_path / "in", book, year=2025, kind="budget")
    assert text.count("    unit: 待填\n") == 2, text
    found = sorted(p for p in problems if p.split()[0] != "unit-to-fill")
    assert [p.split()[0] for p in problems].count("unit-to-fill") == 2, problems
    # Each table's wrong row, against its columns and against the rows below it (and the 支出总表's 合计, as a warning
    # that points at that row).
    assert [p.split()[0] for p in found] == ["column-sum-mismatch"] * 2 + ["sum-mismatch"] * 3, problems
    assert any("部门收入总表" in p and "900000.00" in p for p in found), found
    assert any("部门支出总表" in p and "287654.30" in p for p in found), found


def test_the_build_refuses_a_unit_to_fill_and_keeps_the_site(tmp_path: Path) -> None:
    """The build is refused, naming the file, the line and the field of the unit, with every other problem of the file."""
    project_ = copy_project(tmp_path)
    runner = CliRunner()
    first = runner.invoke(main, ["build", "--project", str(project_.root)])
    assert first.exit_code == 0, first.output
    site = project_.root / "site"
    before = tree_digest(site)
    name = "content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    path = project_.root / name
    text = path.read_text(encoding="utf-8")
    table = "    role: expenditure\n    from_text: true\n    title: 2021年部门支出预算\n"
    assert text.count(table) == 1 and text.count("      - {id: personnel, label: 人员经费, values: [219.7]}\n") == 1
    text = text.replace(table, table + "    unit: 待填\n").replace(
        "      - {id: personnel, label: 人员经费, values: [219.7]}\n", "      - {id: personnel, label: 人员经费, values: [219.8]}\n"
    )
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["build", "--project", str(project_.root)])
    assert result.exit_code == 1, result.output
    line = text.splitlines().index("    unit: 待填") + 1
    assert name in result.output and f"第 {line} 行" in result.output, result.output
    assert "[unit-to-fill] “2021年部门支出预算”的“金额单位（unit）”还是“待填”" in result.output, result.output
    assert "字段：body." in result.output and ".unit" in result.output
    assert "219.8" in result.output  # the slip in the same table is told in the same run
    assert "Traceback" not in result.output
    assert tree_digest(site) == before


def test_a_document_with_a_unit_to_fill_is_not_laid_out_nor_copied(tmp_path: Path) -> None:
    """Checked, but not a page (the preview keeps its last good version) nor the layout of next year's document: in
    which unit its tables are, nobody knows yet."""
    from pubgen.load import load
    from pubgen.serve import PreviewMemory

    from .test_new import PINGXIANG, document, new

    project_ = copy_project(tmp_path)
    path = document(project_, PINGXIANG, 2021, "budget")
    good = path.read_text(encoding="utf-8")
    memory = PreviewMemory()
    name = path.relative_to(project_.root).as_posix()
    assert name in [d.source.name for d in memory.renderable(load(project_.content))[0].documents]
    table = "    title: 2021年部门支出预算\n"
    assert good.count(table) == 1
    path.write_text(good.replace(table, table + "    unit: 待填\n"), encoding="utf-8")
    content = load(project_.content)
    assert name in [d.source.name for d in content.documents]  # read, so that the check sees all of it
    shown, stale = memory.renderable(content)
    assert stale == [name] and "    unit: 待填\n" not in next(d for d in shown.documents if d.source.name == name).source.text
    result = new(project_, "budget", "--department", PINGXIANG, "--year", "2022")
    assert result.exit_code == 1 and "2021-budget.yml 的金额单位还写着“待填”" in result.output, result.output
    assert not document(project_, PINGXIANG, 2022, "budget").exists()


ROUNDED = """\
- type: table
  role: expenditure
  title: 支出预算
  unit: {unit}
  columns:
    - {{id: budget, label: 预算数}}
  rows:
    - {{id: total, label: 合计, values: [1000.30]}}
    - {{id: basic, label: 基本支出, values: [600]}}
    - {{id: project, label: 项目支出, values: [400]}}
"""


def test_a_table_without_its_unit_is_allowed_the_rounding_of_any_unit(tmp_path: Path) -> None:
    """Parts printed to the 元 under a total printed to the fen may each be off by half a 元: in a table whose unit is
    still 待填, that is what the rounding may explain (a notice), not an error its unit would clear once written."""
    found = codes(project(tmp_path / "a", doc(2021, "budget", ROUNDED.format(unit="待填"))))
    assert [c[0] for c in found] == ["unit-to-fill", "rounding-difference"]
    assert [c[0] for c in codes(project(tmp_path / "b", doc(2021, "budget", ROUNDED.format(unit="元"))))] == ["rounding-difference"]
    assert [c[0] for c in codes(project(tmp_path / "c", doc(2021, "budget", ROUNDED.format(unit="万元"))))] == ["sum-mismatch"]
