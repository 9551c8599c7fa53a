"""YAML slips of an editor copying a form, each told as what it is with the line to write: a target begun with “>”,
a field indented one step too little or too much, an empty cell in [ ]."""

from __future__ import annotations

from pathlib import Path

from pubgen.pipeline import check
from pubgen.problems import Problem

from .test_checks import doc, project


def _line_of(text: str, part: str) -> int:
    return next(i for i, row in enumerate(text.splitlines(), 1) if part in row)


def _syntax(tmp_path: Path, text: str) -> list[Problem]:
    report = check(project(tmp_path, text))
    found = [p for p in report.problems if p.code == "yaml-syntax"]
    assert found and all(p.file.endswith("doc0.yml") for p in found)
    return found


INDICATORS = """\
- type: indicators
  title: 绩效目标表
  rows:
    - level1: 产出指标
      level2: 数量指标
      name: 补助人数
      target: ≥6人
      basis: 批复
    - level1: 效益指标
      level2: 满意度指标
      name: 群众满意度
      target: ≥95%
      basis: 信访考核办法
"""


# --------------------------------------------------------------------------- “target: >6人”: a comparison, not a block


def test_a_target_begun_with_a_greater_than_sign_is_told_to_be_quoted_not_to_be_a_block(tmp_path: Path) -> None:
    """Told “| or > takes no text after it: start the text on a new line”, the editor did so, and the target became “6人”."""
    text = doc(2021, "budget", INDICATORS.replace("target: ≥6人", "target: >6人"))
    [problem] = _syntax(tmp_path, text)
    row = text.splitlines()[problem.line - 1]
    assert problem.line == _line_of(text, "target: >6人") and problem.column == row.index(">") + 1
    assert "写成 target: \">6人\"" in problem.message and "写成 target: ＞6人" in problem.message
    assert "另起一行" not in problem.message and "缩进" not in problem.message


def test_a_target_begun_with_greater_or_equal_is_told_with_the_sign_for_it(tmp_path: Path) -> None:
    text = doc(2021, "budget", INDICATORS.replace("target: ≥95%", "target: >=95%"))
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "target: >=95%")
    assert "写成 target: \">=95%\"" in problem.message and "写成 target: ≥95%" in problem.message
    assert "另起一行" not in problem.message


def test_a_target_with_a_greater_than_sign_in_a_row_of_fields_is_told_the_same(tmp_path: Path) -> None:
    body = INDICATORS.replace(
        "    - level1: 效益指标", "    - {level1: 效益指标, level2: 时效指标, name: 办结时间, target: >=90%, basis: 批复}\n    - level1: 效益指标"
    )
    text = doc(2021, "budget", body)
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "target: >=90%")
    assert "写成 target: \">=90%\"" in problem.message and "写成 target: ≥90%" in problem.message


def test_the_target_written_as_told_is_read_with_its_comparison(tmp_path: Path) -> None:
    text = doc(2021, "budget", INDICATORS.replace("target: ≥6人", "target: >6人"))
    [problem] = _syntax(tmp_path, text)
    told = problem.message.split("写成 ", 1)[1].split("；", 1)[0]
    report = check(project(tmp_path / "fixed", text.replace("target: >6人", told)))
    assert not [p for p in report.problems if p.code == "yaml-syntax"]


def test_text_begun_after_a_block_sign_is_still_told_to_start_on_a_new_line(tmp_path: Path) -> None:
    body = "- type: text\n  text: > 我部门无其他需要说明的事项。\n"
    [problem] = _syntax(tmp_path, doc(2021, "budget", body))
    assert "另起一行并缩进" in problem.message and "比较符号" not in problem.message


# --------------------------------------------------------------------------- a field not level with its item's fields

BODY = """\
- type: heading
  level: 2
  text: 九、其他需要说明的事项
- type: text
  text: |
    我部门无其他需要说明的事项。
"""


def _told_column(message: str) -> int:
    return int(message.split("从第 ", 1)[1].split(" 列", 1)[0])


def test_a_field_level_with_its_items_dash_is_told_to_align_with_the_items_field_above(tmp_path: Path) -> None:
    """“  text: |” under “  - type: text” was told the list was not aligned with the “- ” above — it is aligned with it."""
    text = doc(2021, "budget", BODY.replace("  text: |", "text: |"))
    [problem] = _syntax(tmp_path, text)
    row = text.splitlines()[problem.line - 1]
    assert row.strip() == "text: |" and problem.column == row.index("text") + 1
    assert "“type:”对齐" in problem.message and "列表缩进不一致" not in problem.message
    item = text.splitlines()[problem.line - 2]
    assert _told_column(problem.message) == item.index("type") + 1
    fixed = text.replace(row, " " * item.index("type") + "text: |")
    assert not [p for p in check(project(tmp_path / "fixed", fixed)).problems if p.code == "yaml-syntax"]


def test_a_field_indented_less_than_the_field_above_in_the_glossary_is_told_its_column(tmp_path: Path) -> None:
    settings = project(tmp_path)
    glossary = settings.root / "content/glossary.yml"
    rows = glossary.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, row in enumerate(rows) if row.startswith("    definition: "))
    rows.insert(at + 1, " national: true\n")
    glossary.write_text("".join(rows), encoding="utf-8")
    [problem] = [p for p in check(settings).errors if p.code == "yaml-syntax"]
    assert (problem.file, problem.line, problem.column) == ("content/glossary.yml", at + 2, 2)
    assert "“national:”与“definition:”对齐，从第 5 列开始写（前面 4 个空格）" in problem.message, problem.message


def test_a_field_indented_one_space_more_than_the_field_above_is_told_so_not_to_quote_text(tmp_path: Path) -> None:
    text = doc(2021, "budget", BODY.replace("  level: 2", "   level: 2"))
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "   level: 2")
    assert "“level:”比第" in problem.message and "多缩进了 1 个空格" in problem.message
    assert "从第 5 列开始写（前面 4 个空格）" in problem.message and "引号" not in problem.message, problem.message


def test_an_item_without_its_dash_is_not_told_to_join_the_item_above(tmp_path: Path) -> None:
    """“term: 政府采购” level with the “- ” of “- term:” items is a new item missing its “- ”: joined to the item above it
    would give that item two terms."""
    settings = project(tmp_path)
    glossary = settings.root / "content/glossary.yml"
    rows = glossary.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, row in enumerate(rows) if row.startswith("    definition: "))
    rows.insert(at + 1, "  term: 政府采购\n    definition: 指使用财政性资金采购货物、工程和服务的行为。\n")
    glossary.write_text("".join(rows), encoding="utf-8")
    [problem] = [p for p in check(settings).errors if p.code == "yaml-syntax"]
    assert "对齐，从第" not in problem.message, problem.message


# --------------------------------------------------------------------------- a blank cell between the commas of [ ]

INCOME = """\
- type: table
  role: income
  title: 收入预算
  columns:
    - {{id: total, label: 合计}}
    - {{id: general, label: 财政拨款收入}}
    - {{id: business, label: 事业收入}}
    - {{id: other, label: 其他收入}}
  rows:
    - {{id: total, label: 收入合计, values: [{values}]}}
"""


def test_a_blank_cell_left_between_commas_is_told_to_be_written_with_a_tilde(tmp_path: Path) -> None:
    """A row copied from Excel, its Tabs made “, ” as told: the blank cells were left blank, “[1, 1, , ]”."""
    text = doc(2025, "budget", INCOME.format(values="82096797.42, 82096797.42, , "))
    [problem] = _syntax(tmp_path, text)
    row = text.splitlines()[problem.line - 1]
    assert problem.line == _line_of(text, "收入合计") and problem.column == row.index(", , ") + 2
    assert "原文空白的格子请写 ~" in problem.message
    assert "写成 values: [82096797.42, 82096797.42, ~, ~]" in problem.message, problem.message
    fixed = text.replace("82096797.42, 82096797.42, , ", "82096797.42, 82096797.42, ~, ~")
    assert not [p for p in check(project(tmp_path / "fixed", fixed)).problems if p.code == "yaml-syntax"]


def test_a_row_with_its_cells_joined_by_tabs_is_told_to_write_blank_cells_with_a_tilde(tmp_path: Path) -> None:
    text = doc(2025, "budget", INCOME.format(values="82096797.42\t82096797.42\t\t"))
    [problem] = [p for p in check(project(tmp_path, text)).problems if p.code == "cell-count"]
    assert "Tab" in problem.message and "原文空白的格子" in problem.message and "写 ~" in problem.message, problem.message


# --------------------------------------------------------------------------- “score: 97.6分”


def test_a_score_written_with_its_unit_is_told_to_drop_it(tmp_path: Path) -> None:
    extra = "project: {name: 信访工作经费, slug: xinfang}\nscore: 97.6分\n"
    body = "- type: scores\n  title: 得分\n  items:\n    - {name: 决策, weight: 20, score: 19.6分}\n  total: 19.6\n"
    report = check(project(tmp_path, doc(2022, "project-evaluation", body, extra)))
    told = {p.field: p.message for p in report.problems if p.code == "not-a-number"}
    assert "去掉“分”，写成“97.6”" in told["score"], told
    assert any("“19.6分”" in m and "写成“19.6”" in m for m in told.values()), told


# --------------------------------------------------------------------------- an acknowledgement's field copied whole

EXPENDITURE = """\
- type: table
  role: expenditure
  title: 支出预算
  columns:
    - {id: budget, label: 预算数}
  rows:
    - {id: total, label: 合计, values: [329.58]}
    - {id: basic, label: 基本支出, values: [231.56]}
    - {id: personnel, label: 人员经费, values: [219.7]}
    - {id: public, label: 公用经费, values: [11.86]}
    - {id: project, label: 项目支出, values: [97.92]}
"""


def test_an_acknowledgement_whose_field_was_copied_with_its_figures_is_told_to_keep_the_path(tmp_path: Path) -> None:
    """The report's “字段：expenditure.total.budget，原文 329.58，计算 329.48” copied whole into field: told the figure
    may have been corrected and to delete the acknowledgement, while the problem it was written for stood beside it."""
    plain = check(project(tmp_path / "plain", doc(2021, "budget", EXPENDITURE)))
    [found] = [p for p in plain.problems if p.code == "sum-mismatch"]
    shown = f"{found.field}，原文 {found.stated}，计算 {found.computed}"
    ack = f"acknowledgements:\n  - code: sum-mismatch\n    field: {shown}\n    stated: {found.stated}\n    reason: 原文如此\n"
    report = check(project(tmp_path / "acked", doc(2021, "budget", EXPENDITURE, ack)))
    [told] = [p.message for p in report.problems if p.code == "unmatched-acknowledgement"]
    [still] = [p for p in report.problems if p.code == "sum-mismatch"]
    assert f"请改成 field: {found.field}（这次检查第 {still.line} 行的 sum-mismatch 问题" in told, told
    assert f"多抄了字段后面的“原文 {found.stated}，计算 {found.computed}”" in told and "请删除这条确认" not in told
    fixed = ack.replace(shown, found.field)
    report = check(project(tmp_path / "fixed", doc(2021, "budget", EXPENDITURE, fixed)))
    assert [p.acknowledged for p in report.problems if p.code == "sum-mismatch"] == ["原文如此"]
    assert not [p for p in report.problems if p.code == "unmatched-acknowledgement"]


def test_a_target_of_a_greater_than_sign_and_a_figure_alone_is_not_lost_without_a_word(tmp_path: Path) -> None:
    """“target: >6” reads: YAML takes “>6” for the head of a block of text indented 6 more, and the target was empty."""
    text = doc(2021, "budget", INDICATORS.replace("target: ≥6人", "target: >6"))
    [problem] = _syntax(tmp_path, text)
    assert problem.line == _line_of(text, "target: >6")
    assert "写成 target: \">6\"" in problem.message and "写成 target: ＞6" in problem.message, problem.message


def test_an_empty_block_of_text_without_a_figure_is_no_error(tmp_path: Path) -> None:
    body = "- type: text\n  text: |\n- type: heading\n  level: 2\n  text: 二、机构设置\n"
    report = check(project(tmp_path, doc(2021, "budget", body)))
    assert not [p for p in report.problems if p.code == "yaml-syntax"]


# --------------------------------------------------------------------------- an unclosed quote closed by a right one


BLANK_LABEL = """\
- type: table
  title: 部门基本情况
  columns:
    - {id: staff, label: 人数}
  rows:
    - label: ""
      values: [~]
    - label: 平乡县信访局
      values: [12]
- type: text
  text: |
    参与处置各类非访\\突发性事件。
"""


def test_an_unclosed_quote_is_told_where_it_opened_not_at_the_right_quotes_it_ran_into(tmp_path: Path) -> None:
    """title: "平乡县信访局…情况说明 without its closing quote ran on to the first quote of label: "" lines below; the
    second opened a text that ran on to a backslash. The title's line was right to tell, but label: "" was told."""
    right = doc(2021, "budget", BLANK_LABEL).replace("title: 测试2021budget", 'title: "平乡县信访局2021年部门预算信息公开情况说明"')
    assert [p.code for p in check(project(tmp_path / "right", right)).problems if p.code == "yaml-syntax"] == []
    text = right.replace('情况说明"', "情况说明", 1)
    [problem] = _syntax(tmp_path / "slip", text)
    assert (problem.line, problem.column) == (_line_of(text, "title:"), len('title: "'))
    label = _line_of(text, 'label: ""')
    assert f"这一行开始的引号没有闭合，把后面的内容都当成了文字，直到第 {label} 行的引号才闭合" in problem.message
    assert f"请补上这一行的引号（第 {label} 行不必改）" in problem.message


# --------------------------------------------------------------------------- a byte order mark inside the file


def test_a_byte_order_mark_starting_a_line_is_told_as_the_invisible_character_it_is(tmp_path: Path) -> None:
    """Two files saved with a BOM joined into one leave the second's U+FEFF before “body:”: told “缩进不一致：这一行与
    同级字段没有对齐”, the editor found nothing wrong to see. At the start of the file, a BOM is read as ever."""
    right = "\ufeff" + doc(2021, "budget", BLANK_LABEL)
    assert [p.code for p in check(project(tmp_path / "right", right)).problems if p.code == "yaml-syntax"] == []
    text = right.replace("\nbody:", "\n\ufeffbody:", 1)
    [problem] = _syntax(tmp_path / "joined", text)
    assert (problem.line, problem.column) == (_line_of(text, "body:"), 1)
    assert "这一行开头有一个看不见的字符 U+FEFF（字节顺序标记 BOM" in problem.message
    assert "请删掉它" in problem.message and "缩进不一致" not in problem.message


def test_a_byte_order_mark_before_a_line_of_text_is_told_not_as_text_left_unindented(tmp_path: Path) -> None:
    """U+FEFF before the indented line of a text: YAML sees a line that is not indented, and the editor sees one that is."""
    text = "\ufeff" + doc(2021, "budget", BLANK_LABEL).replace("  text: |\n", "  text: |\n\ufeff", 1)
    [problem] = _syntax(tmp_path, text)
    assert (problem.line, problem.column) == (_line_of(text, "参与处置"), 1)
    assert "这一行开头有一个看不见的字符 U+FEFF" in problem.message and "没有缩进" not in problem.message


def test_a_byte_order_mark_before_a_field_name_is_told_as_the_character_it_is(tmp_path: Path) -> None:
    text = doc(2021, "budget", BLANK_LABEL).replace("  title: 部门", "  \ufefftitle: 部门", 1)
    [problem] = [p for p in check(project(tmp_path, text)).problems if p.code == "unknown-field"]
    assert problem.message.startswith("字段名“title”前面有一个看不见的字符 U+FEFF（字节顺序标记 BOM")
    assert "请删掉这个字符，写成“title: 部门基本情况”" in problem.message
