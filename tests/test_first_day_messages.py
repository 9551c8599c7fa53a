"""Slips of an editor's first day, each told as what it is: not a file to create that is there, not an indentation
that is right, not a colon that is typed."""

from __future__ import annotations

from pathlib import Path

from pubgen.pipeline import Project, check
from pubgen.problems import Report

from .test_checks import DEPT, doc, project

DEPT_FILE = f"content/departments/{DEPT}.yml"
TEXT = "- type: text\n  text: 正文。\n"


def _only(report: Report, code: str) -> list:
    return [p for p in report.problems if p.code == code]


def _line_of(text: str, part: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if part in line)


# --------------------------------------------------------------------------- a department file or regions.yml that cannot be read


def test_a_department_file_that_cannot_be_read_is_not_asked_for_again_at_its_documents(tmp_path: Path) -> None:
    """Its documents are not told to create it: its own errors are told at it, and the closing line says what waits."""
    slips = {
        "indentation": lambda t: t.replace("\nname: ", "\n  name: "),
        "gbk": None,
        "glossary": lambda t: t + "glossary:\n  - term: 信访\n    definition: 指来信来访。\n",
        "no-region": lambda t: t.replace("region: hebei/xingtai/pingxiang\n", ""),
    }
    for slip, change in slips.items():
        p = project(tmp_path / slip, doc(2022, "budget", TEXT))
        path = p.content.parent / DEPT_FILE
        text = path.read_text(encoding="utf-8")
        if change is None:
            path.write_bytes(text.encode("gbk"))
        else:
            path.write_text(change(text), encoding="utf-8")
        report = check(p)
        assert not _only(report, "unknown-department"), (slip, [p.message for p in report.problems])
        own = [q for q in report.errors if q.file == DEPT_FILE]
        assert own, (slip, [(q.file, q.message) for q in report.problems])
        closing = report.to_text().splitlines()[-1]
        assert closing.startswith("其中部门文件 xinfangju.yml 因以上错误未能读入") and "先改正部门文件" in closing, closing
        assert "合计、增减率" not in closing, closing


def test_a_missing_department_is_still_asked_for(tmp_path: Path) -> None:
    p = project(tmp_path, doc(2022, "budget", TEXT))
    (p.content.parent / DEPT_FILE).unlink()
    [problem] = _only(check(p), "unknown-department")
    assert f"请先建立部门文件 content/departments/{DEPT}.yml" in problem.message


def test_a_regions_file_that_cannot_be_read_leaves_every_region_untold(tmp_path: Path) -> None:
    p = project(tmp_path, doc(2022, "budget", TEXT))
    regions = p.content / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace("- slug: pingxiang", "- slug: Pingxiang"), encoding="utf-8")
    report = check(p)
    assert not _only(report, "unknown-region"), [q.message for q in _only(report, "unknown-region")]
    [wrong] = _only(report, "wrong-type")
    assert wrong.file == "content/regions.yml" and "Pingxiang" in wrong.message
    closing = report.to_text().splitlines()[-1]
    assert closing.startswith("其中地区文件 regions.yml 因以上错误未能读入") and "先改正地区文件" in closing, closing


def test_a_glossary_term_of_a_region_the_site_does_not_have_is_told_to_delete_or_change_it(tmp_path: Path) -> None:
    p = project(tmp_path, doc(2022, "budget", TEXT))
    (p.content / "glossary.yml").write_text(
        "terms:\n  - term: 专项资金\n    definition: 指县级财政安排的资金。\n    regions: [jiangxi/ganzhou/anyuan]\n", encoding="utf-8"
    )
    [problem] = _only(check(p), "unknown-region")
    assert problem.file == "content/glossary.yml" and problem.line == 4
    assert "jiangxi/ganzhou/anyuan" in problem.message and "请删去这条名词解释" in problem.message


# --------------------------------------------------------------------------- English quotes around part of a value


def test_english_quotes_around_part_of_a_value_are_named_with_the_fix(tmp_path: Path) -> None:
    table = """\
- type: table
  title: 表
  columns:
    - {id: budget, label: 预算数}
  rows:
    - {id: total, label: "三公"经费合计, values: [20.00]}
"""
    glossary = '- type: glossary\n  items:\n    - term: "三公"经费\n      definition: 指因公出国（境）费等。\n'
    cases = [
        (doc(2022, "budget", TEXT).replace("title: 测试2022budget", 'title: "三公"经费和机关运行经费预算表'), 'title: "三公"', "经费和机关运行经费"),
        (doc(2022, "budget", glossary), '- term: "三公"经费', "经费"),
        (doc(2022, "budget", table), 'label: "三公"经费合计', "经费合计"),
        (doc(2022, "budget", TEXT).replace("title: 测试2022budget", "title: '平乡县'信访局'"), "title: '平乡县'", "信访局"),
    ]
    for i, (text, where, rest) in enumerate(cases):
        report = check(project(tmp_path / str(i), text))
        [problem] = _only(report, "yaml-syntax")
        row = text.splitlines()[_line_of(text, where) - 1]
        assert problem.line == _line_of(text, where), (problem.line, problem.message)
        quoted = where[where.index(": ") + 2 :][:4]  # "三公" or '平乡县'… as typed: the column is just past it
        quoted = quoted if quoted[0] == '"' else where[where.index(": ") + 2 :][:5]
        assert problem.column == row.index(quoted) + len(quoted) + 1, (problem.column, row)
        assert "英文引号" in problem.message and "中文引号" in problem.message and f"“{rest}" in problem.message, problem.message
        assert "缩进不一致" not in problem.message and "没有闭合" not in problem.message, problem.message
    assert "“三公”经费和机关运行经费预算表" in check(project(tmp_path / "again", cases[0][0])).problems[0].message
    assert "'\"三公\"经费'" in _only(check(project(tmp_path / "g", cases[1][0])), "yaml-syntax")[0].message


def test_a_quoted_value_with_a_comment_after_it_is_not_taken_for_quotes_in_the_text(tmp_path: Path) -> None:
    text = doc(2022, "budget", TEXT).replace("title: 测试2022budget", 'title: "测试"  # 原文标题\n  bad: [')
    [problem] = _only(check(project(tmp_path, text)), "yaml-syntax")
    assert "英文引号" not in problem.message


# --------------------------------------------------------------------------- spaces that are not spaces


def test_a_no_break_space_from_word_is_named_where_a_colon_or_indentation_was_blamed(tmp_path: Path) -> None:
    for i, space in enumerate(("\u00a0", "\u202f", "\u2007")):
        for j, (text, line) in enumerate(
            (
                (doc(2022, "budget", TEXT).replace("year: 2022", f"year:{space}2022"), 2),
                (doc(2022, "budget", f"- type: heading\n{space * 2}level: 2\n  text: 一、概况\n"), 7),
            )
        ):
            report = check(project(tmp_path / f"{i}-{j}", text))
            [problem] = _only(report, "yaml-syntax")
            assert problem.line == line, (problem.line, problem.message)
            assert "不换行空格" in problem.message and f"U+{ord(space):04X}" in problem.message and "Word" in problem.message
            assert "缺少冒号" not in problem.message and "冒号用法不对" not in problem.message


# --------------------------------------------------------------------------- a department named by its code or its name


def test_a_department_written_as_its_bare_code_is_told_its_full_id(tmp_path: Path) -> None:
    text = doc(2022, "budget", TEXT).replace(f"department: {DEPT}", "department: xinfangju")
    p = project(tmp_path, text)
    [problem] = _only(check(p), "unknown-department")
    assert problem.line == 1 and problem.field == "department"
    assert f"您是否想写“{DEPT}”（平乡县信访局）" in problem.message, problem.message
    assert "content/departments/xinfangju.yml" not in problem.message and "<地区路径>/<部门代号>.yml" in problem.message


def test_a_department_written_as_its_name_is_told_its_code(tmp_path: Path) -> None:
    for name in ("平乡县信访局", "县信访局"):
        text = doc(2022, "budget", TEXT).replace(f"department: {DEPT}", f"department: {name}")
        report = check(project(tmp_path / name, text))
        [problem] = [p for p in report.errors if p.field == "department"]
        assert problem.code == "wrong-type" and problem.line == 1
        assert f"“{name}”是部门 {DEPT} 的名称" in problem.message and f"department: {DEPT}" in problem.message, problem.message


# --------------------------------------------------------------------------- last year's file copied for the new year


def test_a_file_copied_for_the_new_year_with_its_year_unchanged_is_told_to_change_year(tmp_path: Path) -> None:
    p = project(tmp_path)
    folder = p.content / "documents" / DEPT
    text = doc(2022, "budget", TEXT)
    (folder / "2022-budget.yml").write_text(text, encoding="utf-8")
    (folder / "2023-budget.yml").write_text(text, encoding="utf-8")
    [problem] = _only(check(p), "duplicate-document")
    assert problem.file == f"content/documents/{DEPT}/2023-budget.yml" and problem.line == 2 and problem.field == "year"
    assert "文件名写的是 2023 年" in problem.message and "year 却是 2022" in problem.message
    assert "忘了把 year 改成 2023" in problem.message and "scope: unit" not in problem.message


def test_two_documents_of_one_address_whose_names_agree_are_told_the_other_remedies(tmp_path: Path) -> None:
    p = project(tmp_path)
    folder = p.content / "documents" / DEPT
    text = doc(2022, "budget", TEXT)
    (folder / "2022-budget.yml").write_text(text, encoding="utf-8")
    (folder / "2022-budget-unit.yml").write_text(text, encoding="utf-8")
    [problem] = _only(check(p), "duplicate-document")
    assert "scope: unit" in problem.message and "忘了把 year" not in problem.message


def test_the_check_of_one_project_reads_as_before_with_a_project_argument(tmp_path: Path) -> None:
    """The CLI says the same as the check API (its cached and parallel paths read the department files too)."""
    from click.testing import CliRunner

    from pubgen.cli import main

    text = doc(2022, "budget", TEXT).replace(f"department: {DEPT}", "department: 平乡县信访局")
    p: Project = project(tmp_path, text)
    result = CliRunner().invoke(main, ["check", "--project", str(p.root)])
    assert f"“平乡县信访局”是部门 {DEPT} 的名称" in result.output, result.output


# --------------------------------------------------------------------------- a county's first import


def _county_import(tmp_path: Path, regions: str | None, region: str | None) -> tuple[list[str], str, Path]:
    """安远县某某局's budget imported into a new site whose regions.yml is ``regions`` (None: no file)."""
    import shutil
    from decimal import Decimal

    from pubgen.importers.writer import Options, run

    from .conftest import ROOT
    from .test_import_layouts import FUNC, ONE_COLUMN_HEADER, BodyRow, _book, _figures, _sheet

    body: list[BodyRow] = [(["合计", Decimal("1134.56"), Decimal("934.56"), Decimal("200.00")], None)]
    body += [([f"{code} {name}", *_figures(*figures)], None) for code, name, *figures in FUNC]
    book = _book("安远县某某局2024年部门预算")
    book["封面"]["A3"] = "编制单位：安远县某某局"
    _sheet(book, "支出总表", "2024年部门支出预算总表", ONE_COLUMN_HEADER, body, 4)
    book.save(tmp_path / "county.xlsx")
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    if regions is not None:
        (content / "regions.yml").write_text(regions, encoding="utf-8")
    outcome = run([str(tmp_path / "county.xlsx")], Options(region=region), content)
    written = (content / "regions.yml").read_text(encoding="utf-8") if (content / "regions.yml").exists() else ""
    return list(outcome.failures), written, content


def test_a_county_named_without_its_province_is_asked_for_its_regions_by_name(tmp_path: Path) -> None:
    for i, region in enumerate((None, "jiangxi/ganzhou/anyuan")):
        (tmp_path / str(i)).mkdir()
        [failure], regions, _ = _county_import(tmp_path / str(i), "# 地区树\nregions: []\n", region)
        # Without --region: the levels above the county to be written; with the codes: the province read from jiangxi.
        assert ("--region 省名/市名/安远县" if region is None else "--region 江西省/市名/安远县") in failure, failure
        assert "各级地区的名称" in failure and "加进 content/regions.yml" in failure, failure
        assert regions == "# 地区树\nregions: []\n"


def test_a_region_given_by_its_names_is_added_to_a_new_sites_regions(tmp_path: Path) -> None:
    """The documented first import of a county (docs/编辑指南.md): regions.yml holds `regions: []`."""
    failures, regions, content = _county_import(tmp_path, "# 地区树\nregions: []\n", "江西省/赣州市/安远县")
    assert failures == []
    assert regions.startswith("# 地区树\nregions:\n  - slug: jiangxi\n    name: 江西省\n    level: province\n"), regions
    assert "- slug: ganzhou\n        name: 赣州市\n        level: city\n" in regions
    assert "- slug: anyuan\n            name: 安远县\n            level: county\n" in regions
    [department] = (content / "departments").rglob("*.yml")
    assert department.parent == content / "departments/jiangxi/ganzhou/anyuan", department


def test_a_region_given_by_its_names_that_regions_yml_has_is_taken_as_it_is(tmp_path: Path) -> None:
    tree = "regions:\n  - slug: jiangxi\n    name: 江西省\n    level: province\n"
    failures, regions, _ = _county_import(tmp_path, tree, "江西省/赣州市/安远县")
    assert failures == [] and regions.count("slug: jiangxi") == 1 and "name: 赣州市" in regions, regions
    (tmp_path / "other").mkdir()
    wrong = tree.replace("江西省", "江苏省")
    [failure], _, _ = _county_import(tmp_path / "other", wrong, "江西省/赣州市/安远县")
    assert "“江西省”的代号是 jiangxi" in failure and "“江苏省”" in failure, failure


# --------------------------------------------------------------------------- one line pasted from a GBK file


PASTED = "- type: text\n  text: |\n    本部门2022年收入预算329.48万元。\n    其中人员经费219.7万元。\n    公用经费11.86万元。\n"


def _with_gbk_lines(p: Project, *parts: str) -> tuple[str, list[int]]:
    """The document in UTF-8 but for the lines holding ``parts``, written in GBK as a paste from a GBK file leaves them."""
    path = next((p.content / "documents").rglob("doc0.yml"))
    text = path.read_text(encoding="utf-8")
    rows = text.split("\n")
    lines = [_line_of(text, part) for part in parts]
    path.write_bytes(b"\n".join(r.encode("gbk" if i in lines else "utf-8") for i, r in enumerate(rows, 1)))
    return text, lines


def test_a_line_pasted_in_gbk_into_a_utf8_file_is_told_at_its_line_not_to_save_the_file_again(tmp_path: Path) -> None:
    p = project(tmp_path, doc(2022, "budget", PASTED))
    text, [line] = _with_gbk_lines(p, "其中人员经费")
    [problem] = _only(check(p), "encoding")
    row = text.splitlines()[line - 1]
    assert (problem.line, problem.column) == (line, len(row) - len(row.lstrip()) + 1)
    assert "文件是 UTF-8 编码，只有这一行是 GBK 编码" in problem.message
    assert f"这一行是“{row.strip()}”" in problem.message  # what the line says, read as it was written
    assert "不要把整个文件“另存为 UTF-8”" in problem.message and "照原文重新输入" in problem.message


def test_each_line_pasted_in_gbk_is_told_at_its_own_line(tmp_path: Path) -> None:
    p = project(tmp_path, doc(2022, "budget", PASTED))
    _, lines = _with_gbk_lines(p, "其中人员经费", "公用经费")
    problems = _only(check(p), "encoding")
    assert sorted(q.line for q in problems) == lines
    assert all("只有这一行是 GBK 编码" in q.message for q in problems)


def test_a_file_wholly_in_gbk_is_still_told_to_be_saved_as_utf8(tmp_path: Path) -> None:
    p = project(tmp_path, doc(2022, "budget", PASTED))
    path = next((p.content / "documents").rglob("doc0.yml"))
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    [problem] = _only(check(p), "encoding")
    assert "看起来是 GBK/GB18030 编码" in problem.message and "“另存为 UTF-8”后再提交" in problem.message
    assert "只有这一行" not in problem.message
