"""Three YAML mistakes Chinese editors make every day, told with the line and the fix — and, where what was meant is
plain, read past, so that one run tells every such mistake of a file (which still fails the check)."""

from __future__ import annotations

from pathlib import Path

from pubgen.pipeline import check
from pubgen.problems import Problem

from .test_checks import doc, project

BODY = """\
- type: text
  text: |
    一、部门职责
    负责全县信访工作。
- type: heading
  level: 2
  text: 二、机构设置
"""


def _line_of(text: str, part: str) -> int:
    return next(i for i, row in enumerate(text.splitlines(), 1) if part in row)


def _indent_of(text: str, part: str) -> int:
    row = text.splitlines()[_line_of(text, part) - 1]
    return len(row) - len(row.lstrip(" "))


def _syntax(tmp_path: Path, text: str) -> list[Problem]:
    report = check(project(tmp_path, text))
    found = [p for p in report.problems if p.code == "yaml-syntax"]
    assert found and all(p.file.endswith("doc0.yml") for p in found)
    return found


# --------------------------------------------------------------------------- “title:安远县…”: no space after the colon


def test_a_colon_without_a_space_after_it_is_told_so_with_the_line_to_write(tmp_path: Path) -> None:
    text = doc(2025, "budget", BODY).replace("title: ", "title:", 1)
    [problem] = _syntax(tmp_path, text)
    row = text.splitlines()[problem.line - 1]
    assert problem.line == _line_of(text, "title:") and problem.column == row.index(":") + 1
    assert "“title:”的冒号后面缺少一个空格" in problem.message
    assert f"写成“title: {row[len('title:'):]}”" in problem.message
    assert "缺少冒号" not in problem.message and "冒号用法不对" not in problem.message


def test_a_colon_without_a_space_is_found_where_yaml_gives_up_a_line_later(tmp_path: Path) -> None:
    """site.yml's first line: YAML reads “title:平台 year” as one text and fails on the next line, at “: ”."""
    settings = project(tmp_path)
    site = settings.root / "content/site.yml"
    typed = site.read_text(encoding="utf-8").replace("title: ", "title:", 1)
    site.write_text(typed, encoding="utf-8")
    [problem] = check(settings).errors
    assert (problem.file, problem.code, problem.line) == ("content/site.yml", "yaml-syntax", _line_of(typed, "title:"))
    assert "冒号后面缺少一个空格" in problem.message and "写成“title: " in problem.message


def test_a_list_entry_whose_field_has_no_space_after_its_colon_is_told_at_its_line(tmp_path: Path) -> None:
    body = BODY + "- type: fields\n  items:\n    - label:项目名称\n      value: 信访接待\n"
    text = doc(2025, "budget", body)
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "label:项目名称")
    assert "“label:”的冒号后面缺少一个空格" in problem.message and "写成“label: 项目名称”" in problem.message


def test_a_web_address_is_not_taken_for_a_field_without_its_space(tmp_path: Path) -> None:
    body = BODY + "- type: fields\n  items:\n    - http://www.example.gov.cn\n      value: 网址\n"
    text = doc(2025, "budget", body)
    [problem] = _syntax(tmp_path, text)
    assert "“http:”" not in problem.message and "缺少一个空格" not in problem.message


def test_text_with_a_colon_and_no_space_where_text_belongs_is_no_error(tmp_path: Path) -> None:
    body = BODY + "- type: list\n  items:\n    - 时间:2025年1月\n    - 地点:县政府\n"
    report = check(project(tmp_path, doc(2025, "budget", body)))
    assert not [p for p in report.problems if p.code in ("yaml-syntax", "wrong-type", "unknown-field")]


# --------------------------------------------------------------------------- a paragraph pasted without indentation under text: |


def test_a_paragraph_pasted_at_the_start_of_the_line_under_text_is_told_to_be_indented(tmp_path: Path) -> None:
    text = doc(2025, "budget", BODY).replace("      负责全县信访工作。", "负责全县信访工作。")
    [problem] = _syntax(tmp_path, text)
    opener, first = _line_of(text, "text: |"), _line_of(text, "一、部门职责")
    assert (problem.line, problem.column) == (_line_of(text, "负责全县信访工作。"), 1)
    assert "这一行文字没有缩进" in problem.message
    assert f"第 {opener} 行“text: |”下面的文字到这里已经结束" in problem.message
    assert f"和第一行（第 {first} 行）一样缩进 {_indent_of(text, '一、部门职责')} 个空格" in problem.message and "请在这一行前面补上空格" in problem.message
    assert "缺少冒号" not in problem.message


def test_several_lines_pasted_with_too_little_indentation_are_told_once_from_the_first(tmp_path: Path) -> None:
    pasted = "  负责全县信访工作。\n\n（一）受理来信来访；\n（二）协调处理信访事项。\n    三、其他\n"
    text = doc(2025, "budget", BODY.replace("    负责全县信访工作。\n", pasted))
    [problem] = _syntax(tmp_path, text)
    start, end = _line_of(text, "负责全县信访工作。"), _line_of(text, "（二）协调处理信访事项。")
    assert problem.line == start and f"只缩进了 {_indent_of(text, '负责全县信访工作。')} 个空格" in problem.message
    assert f"请在第 {start}–{end} 行（共 3 行）前面补上空格" in problem.message


def test_text_whose_first_line_is_not_indented_is_told_to_be_indented_under_its_field(tmp_path: Path) -> None:
    text = doc(2025, "budget", BODY.replace("    一、部门职责\n    负责全县信访工作。\n", "一、部门职责\n负责全县信访工作。\n"))
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "一、部门职责")
    assert "下面的文字是空的" in problem.message and "比 text 多缩进" in problem.message and "共 2 行" in problem.message


def test_a_list_item_of_text_under_a_dash_is_measured_from_its_dash(tmp_path: Path) -> None:
    body = BODY + "- type: list\n  items:\n    - |\n      受理来信来访，\n      按时办结。\n    - 协调处理信访事项\n"
    text = doc(2025, "budget", body).replace("        按时办结。", "按时办结。")
    [problem] = _syntax(tmp_path, text)
    first = _line_of(text, "受理来信来访")
    assert problem.line == _line_of(text, "按时办结。") and f"和第一行（第 {first} 行）一样缩进 {_indent_of(text, '受理来信来访')} 个空格" in problem.message


def test_a_field_typed_wrong_after_a_text_block_is_not_told_to_be_indented(tmp_path: Path) -> None:
    text = doc(2025, "budget", BODY) + "yaer 2025\n"
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "yaer 2025") and "补上空格" not in problem.message


# --------------------------------------------------------------------------- a text that starts with [ or {


def test_a_text_starting_with_a_bracket_is_told_to_be_quoted_with_the_quoted_form(tmp_path: Path) -> None:
    for typed, sign in (("[附件1] 见下表", "方括号“[”"), ("{草稿}部门预算说明", "花括号“{”")):
        text = doc(2025, "budget", BODY.replace("text: 二、机构设置", f"text: {typed}"))
        [problem] = _syntax(tmp_path / sign, text)
        row = text.splitlines()[problem.line - 1]
        assert (problem.line, problem.column) == (_line_of(text, typed), row.index(typed) + 1)
        assert f"以半角{sign}开头" in problem.message and f'写成 text: "{typed}"' in problem.message, problem.message
        assert "缩进不一致" not in problem.message


def test_a_list_item_starting_with_a_bracket_is_told_with_its_dash(tmp_path: Path) -> None:
    body = BODY + "- type: list\n  items:\n    - [一] 受理来信来访\n    - 协调处理信访事项\n"
    text = doc(2025, "budget", body)
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "[一]") and '写成 - "[一] 受理来信来访"' in problem.message


def test_a_text_that_is_all_in_brackets_is_told_to_be_quoted_where_a_text_is_wanted(tmp_path: Path) -> None:
    text = doc(2025, "budget", BODY.replace("text: 二、机构设置", "text: [二、机构设置]"))
    report = check(project(tmp_path, text))
    [problem] = [p for p in report.problems if p.code == "wrong-type"]
    assert problem.line == _line_of(text, "[二、机构设置]")
    assert '请加引号，写成 text: "[二、机构设置]"' in problem.message, problem.message


def test_full_width_brackets_are_text_as_typed(tmp_path: Path) -> None:
    text = doc(2025, "budget", BODY.replace("text: 二、机构设置", "text: 【附件1】见下表"))
    report = check(project(tmp_path, text))
    assert not [p for p in report.problems if p.code in ("yaml-syntax", "wrong-type")]


# --------------------------------------------------------------------------- one run tells them all


def test_every_plain_mistake_of_a_file_is_told_in_one_run_and_the_file_still_fails(tmp_path: Path) -> None:
    body = BODY.replace("text: 二、机构设置", "text: [二] 机构设置").replace("level: 2", "level：2")
    text = doc(2025, "budget", body).replace("title: ", "title:", 1).replace("      负责全县信访工作。", "负责全县信访工作。")
    text += "note: [1, 2\n"
    report = check(project(tmp_path, text))
    problems = sorted(report.problems, key=lambda p: p.line)
    assert [p.code for p in problems] == ["yaml-syntax"] * 5
    assert [p.line for p in problems] == [
        _line_of(text, "title:"),
        _line_of(text, "负责全县信访工作。"),
        _line_of(text, "level："),
        _line_of(text, "[二]"),
        _line_of(text, "note:"),
    ]
    assert "冒号后面缺少一个空格" in problems[0].message
    assert "补上空格" in problems[1].message
    assert "全角冒号" in problems[2].message
    assert "加引号" in problems[3].message
    assert "没有闭合" in problems[4].message
    assert report.unread() == ["content/documents/hebei/xingtai/pingxiang/xinfangju/doc0.yml"]


# --------------------------------------------------------------------------- close cousins


def test_a_field_name_with_an_invisible_full_width_space_after_it_is_told_so(tmp_path: Path) -> None:
    text = doc(2025, "budget", BODY).replace("title: ", "title\u3000: ", 1)
    report = check(project(tmp_path, text))
    [problem] = [p for p in report.problems if p.code == "unknown-field"]
    assert problem.line == _line_of(text, "title\u3000")
    assert "字段名“title”后面有一个看不见的全角空格" in problem.message and "写成“title: " in problem.message


def test_a_tab_before_a_value_is_read_as_a_space(tmp_path: Path) -> None:
    text = doc(2025, "budget", BODY).replace("title: ", "title:\t", 1)
    report = check(project(tmp_path, text))
    assert not [p for p in report.problems if p.code in ("yaml-syntax", "unknown-field", "wrong-type")]


# --------------------------------------------------------------------------- “－ type: heading”: a list item's dash typed wrong


def test_a_list_item_begun_with_a_full_width_dash_is_told_at_its_line_with_the_dash_to_type(tmp_path: Path) -> None:
    text = doc(2025, "budget", BODY).replace("- type: heading", "－ type: heading", 1)
    [problem] = _syntax(tmp_path, text)
    row = text.splitlines()[problem.line - 1]
    assert problem.line == _line_of(text, "－ type: heading") and problem.column == row.index("－") + 1
    assert "开头的“－”是全角的减号" in problem.message and "半角的“- ”（减号后加一个空格）" in problem.message
    assert "写成“- type: heading”" in problem.message
    assert "冒号用法不对" not in problem.message and "加引号" not in problem.message


def test_a_list_item_begun_with_a_bullet_from_word_is_told_so(tmp_path: Path) -> None:
    text = doc(2025, "budget", BODY).replace("- type: heading", "• type: heading", 1)
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "• type: heading")
    assert "开头的“•”是项目符号" in problem.message and "写成“- type: heading”" in problem.message


def test_a_dash_without_its_space_is_told_to_take_one(tmp_path: Path) -> None:
    text = doc(2025, "budget", BODY).replace("- type: heading", "-type: heading", 1)
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "-type: heading")
    assert "列表项的“-”后面要有一个空格" in problem.message and "写成“- type: heading”" in problem.message


def test_every_item_begun_with_a_wrong_sign_is_told_in_one_run(tmp_path: Path) -> None:
    text = doc(2025, "budget", BODY.replace("- type: ", "－ type: ")).replace("title: ", "title:", 1)
    report = check(project(tmp_path, text))
    problems = sorted(report.problems, key=lambda p: p.line)
    assert [(p.code, p.line) for p in problems] == [
        ("yaml-syntax", _line_of(text, "title:")),
        ("yaml-syntax", _line_of(text, "－ type: text")),
        ("yaml-syntax", _line_of(text, "－ type: heading")),
    ]
    assert all("全角的减号" in p.message for p in problems[1:])
    assert report.unread() == ["content/documents/hebei/xingtai/pingxiang/xinfangju/doc0.yml"]


def test_a_star_before_a_printed_note_is_not_taken_for_a_list_mark(tmp_path: Path) -> None:
    """“* 注：…” copied as printed is a text: quoting it keeps the star, which a list item's dash would drop."""
    body = BODY + "- type: list\n  items:\n    - 第一条\n    * 注：本表无数据\n"
    text = doc(2025, "budget", body)
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "* 注")
    assert "列表项" not in problem.message and "写成 \"* 注：本表无数据\"" in problem.message


def test_a_text_item_begun_with_a_dash_is_told_both_ways_since_the_dash_may_be_printed(tmp_path: Path) -> None:
    body = BODY + "- type: list\n  items:\n    - 第一条\n    —— 注：本表金额单位为万元\n"
    text = doc(2025, "budget", body)
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "—— 注")
    assert "“——”是破折号" in problem.message and "写成“- 注：本表金额单位为万元”" in problem.message
    assert "如果“——”是原文里印着的文字" in problem.message and "写成“- —— 注：本表金额单位为万元”" in problem.message


def test_a_list_in_a_chinese_input_methods_brackets_is_told_as_such(tmp_path: Path) -> None:
    """values: 【4545000.00, 4545000.00】 — the commas split the line into fields with no name, told as 字段“”重复出现."""
    table = """\
- type: table
  title: 支出预算
  columns:
    - {id: budget, label: 预算数}
    - {id: actual, label: 执行数}
  rows:
    - {id: total, label: 合计, values: 【4545000.00, 4545000.00】}
"""
    for i, values in enumerate(("【4545000.00, 4545000.00】", "［4545000.00，~］")):
        text = doc(2025, "budget", table.replace("【4545000.00, 4545000.00】", values))
        [problem] = _syntax(tmp_path / f"a{i}", text)
        assert (problem.line, problem.message.split("，")[0]) == (_line_of(text, values[0]), f"YAML 语法错误：这一行的方括号是中文输入法打出的“{values[0]} {values[-1]}”")
        assert [p.code for p in check(project(tmp_path / f"b{i}", text)).problems] == ["yaml-syntax"]


def test_an_unclosed_quote_is_told_where_it_opened_though_a_backslash_stops_it_lines_below(tmp_path: Path) -> None:
    """title: "2021年预算收入 (the closing quote left out) ran on to “各类非访\\突发性” lines below, and was told there as
    a backslash to double: doubling it brought the right message only at the second try."""
    body = BODY + '- type: text\n  text: 妥善处置各类非访\\突发性事件。\n'
    text = doc(2025, "budget", body).replace("title: ", 'title: "', 1)
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, 'title: "')
    assert problem.message.startswith("YAML 语法错误：这一行开始的引号没有闭合，一直延续到第") and "补上这一行的引号" in problem.message


def test_a_slip_of_one_space_below_a_text_block_is_told_where_it_is(tmp_path: Path) -> None:
    """An indicator's “basis: 批复” indented 7 spaces instead of 8 was told at “rows:” under “goal: |”, as text to indent
    (indented, the whole table would have become the goal's text)."""
    body = """\
- type: indicators
  title: 绩效目标表
  goal: |
    通过下乡解决全县疑难信访积案，使全县信访工作稳定。
  rows:
    - level1: 产出指标
      level2: 数量指标
      name: 补助人数
      target: ≥6人
      basis: 批复
    - level1: 产出指标
      level2: 质量指标
      name: 发放完成率
      target: 100%
     basis: 信访考核办法
"""
    text = doc(2021, "budget", body)
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "     basis: 信访考核办法")
    assert "goal" not in problem.message


def test_a_text_item_whose_dash_has_no_space_is_told_to_take_one_not_a_colon(tmp_path: Path) -> None:
    """“-拟订深化农村经济体制改革…” among “- ” items of a list: told as a missing colon, inviting the editor to add one."""
    body = "- type: list\n  items:\n    - 负责全县农业农村工作。\n    -拟订深化农村经济体制改革的政策。\n    - 负责种植业管理。\n"
    text = doc(2025, "budget", body)
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "-拟订")
    assert "列表项的“-”后面要有一个空格" in problem.message and "写成“- 拟订深化农村经济体制改革的政策。”" in problem.message, problem.message
