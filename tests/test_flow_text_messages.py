"""Text copied as printed into a one-line {…} row: a half-width colon or comma in it is explained in Chinese, with the fix."""

from __future__ import annotations

from pathlib import Path

from pubgen.pipeline import check

from .test_checks import doc, project

TABLE = """\
- type: table
  title: 项目资金
  columns:
    - {{id: budget, label: 全年预算数}}
  rows:
    - {{id: total, label: {label}, values: [880]}}
"""


def test_a_colon_in_a_label_asks_for_quotes_in_chinese(tmp_path: Path) -> None:
    text = doc(2022, "budget", TABLE.format(label="年度资金总额:"))
    report = check(project(tmp_path, text))
    [problem] = [p for p in report.problems if p.code == "yaml-syntax"]
    assert "半角冒号" in problem.message and '"年度资金总额:"' in problem.message and "unexpected" not in problem.message
    assert problem.line == next(i for i, line in enumerate(text.splitlines(), 1) if "年度资金总额:" in line)


def test_a_comma_that_cut_a_text_in_two_says_so(tmp_path: Path) -> None:
    body = """\
- type: fields
  items:
    - {label: 项目名称, value: 水旱灾害防御经费}
    - {label: 实施单位, value: 天长市水利局,水旱灾害防御股}
"""
    report = check(project(tmp_path, doc(2022, "project-evaluation", body)))
    unknown = [p for p in report.problems if p.code == "unknown-field"]
    assert unknown and all("半角逗号" in p.message and "加引号" in p.message for p in unknown), [p.message for p in unknown]


def test_a_comma_that_cut_a_text_repeated_in_one_row_says_so_not_delete_it(tmp_path: Path) -> None:
    """裕安's form repeats 年度指标值 as 实际完成值 word for word: the tail after the comma is a key twice in the row."""
    text = "完成龙王庙日常维护,龙盘石刻护栏制装"
    body = f"""\
- type: indicators
  title: 绩效指标
  rows:
    - {{level1: 产出指标, level2: 数量指标, name: 维护任务, target: {text}, actual: {text}, weight: 100, score: 100}}
  total: 100
"""
    report = check(project(tmp_path, doc(2022, "project-evaluation", body)))
    [problem] = [p for p in report.problems if p.code == "duplicate-key"]
    assert "字段“龙盘石刻护栏制装”重复出现" in problem.message
    assert "半角逗号" in problem.message and '加引号，如 "……,龙盘石刻护栏制装"' in problem.message
    assert "请删除" not in problem.message


def test_a_full_width_space_is_named_at_its_line(tmp_path: Path) -> None:
    # After a colon, and as indentation: what a Chinese IME types in 全角 mode.
    for text, line in (
        (doc(2022, "budget", "- type: text\n  text: 正文。\n").replace("year: 2022", "year:\u30002022"), 2),
        (doc(2022, "budget", "- type: heading\n\u3000\u3000level: 2\n  text: 一、概况\n"), 7),
    ):
        report = check(project(tmp_path / str(line), text))
        [problem] = [p for p in report.problems if p.code == "yaml-syntax"]
        assert "全角空格" in problem.message and problem.line == line, (problem.line, problem.message)


def test_a_field_typed_by_its_chinese_name_or_in_full_width_letters_is_told_its_name(tmp_path: Path) -> None:
    for typed in ("标题", "ｔｉｔｌｅ"):
        text = doc(2022, "budget", "- type: text\n  text: 正文。\n").replace("title: ", f"{typed}: ", 1)
        report = check(project(tmp_path / typed, text))
        [problem] = [p for p in report.problems if p.code == "unknown-field"]
        assert "您是否想写“title”" in problem.message, problem.message


def test_a_full_width_colon_typed_after_a_field_name_is_named_with_the_fix(tmp_path: Path) -> None:
    """The editor sees a colon on the line: “这一行缺少冒号” sent them looking for one that is there."""
    text = doc(2022, "budget", "- type: text\n  text: 正文。\n").replace("title: 测试", "title：测试", 1)
    report = check(project(tmp_path / "document", text))
    [problem] = report.errors
    assert (problem.code, problem.line, problem.column) == ("yaml-syntax", 4, 6)
    assert "“title”后面的冒号是全角冒号“：”" in problem.message and "写成“title: 测试2022budget”" in problem.message
    assert "缺少冒号" not in problem.message

    # In site.yml the line after it is where YAML gives up; the message still names the line with the colon.
    settings = project(tmp_path / "site")
    site = settings.root / "content/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("title: ", "title：", 1), encoding="utf-8")
    [problem] = check(settings).errors
    assert (problem.file, problem.line, problem.code) == ("content/site.yml", 2, "yaml-syntax")
    assert "全角冒号“：”" in problem.message and "写成“title: 部门预决算公开平台”" in problem.message
    assert "加引号" not in problem.message


def test_a_full_width_comma_between_the_items_of_a_row_is_named(tmp_path: Path) -> None:
    for i, row in enumerate(('["——"，880]', "[880]，note: 原文如此")):
        text = doc(2022, "budget", TABLE.format(label="合计").replace("[880]", row))
        report = check(project(tmp_path / str(i), text))
        [problem] = report.errors
        assert (problem.code, problem.line, problem.column) == ("yaml-syntax", 11, text.splitlines()[10].index("，") + 1), problem
        assert "全角逗号“，”" in problem.message and "半角逗号加一个空格“, ”" in problem.message
        assert "没有闭合" not in problem.message


def test_a_full_width_colon_or_space_inside_a_row_is_named_not_called_an_unknown_field(tmp_path: Path) -> None:
    for typed, fix, mark in (
        ("{id： total, label: 合计,", "写成“id: total”", "全角冒号“：”"),
        ("{id: total, label:　合计,", "写成“label: 合计”", "全角空格“　”"),
    ):
        text = doc(2022, "budget", TABLE.format(label="合计")).replace("{id: total, label: 合计,", typed)
        report = check(project(tmp_path / fix, text))
        # One mistake, one problem: not also “缺少必填字段 label”.
        [problem] = report.errors
        assert problem.code == "unknown-field" and problem.line == 11
        assert mark in problem.message and fix in problem.message, problem.message
        assert "后半段" not in problem.message


def test_full_width_marks_that_are_right_are_not_blamed_for_an_error_beside_them(tmp_path: Path) -> None:
    """“E-mail：xfj@…” in a text block, or “（"一带一路"，港澳台）” in a name, is text as printed: the error is the list
    item indented wrong on the next line, or the bracket left open, and the message says so."""
    body = "- type: text\n  text: |\n    联系方式：\n    E-mail：xfj@example.gov.cn\n - type: text\n  text: 附注。\n"
    [problem] = check(project(tmp_path / "block", doc(2022, "budget", body))).errors
    assert problem.code == "yaml-syntax" and "全角" not in problem.message, problem.message

    text = doc(2022, "budget", TABLE.format(label='因公出国（境）费（"一带一路"，港澳台）').replace("values: [880]}", "values: [880}"))
    [problem] = check(project(tmp_path / "bracket", text)).errors
    assert problem.code == "yaml-syntax" and "全角逗号" not in problem.message and "没有闭合" in problem.message, problem.message
