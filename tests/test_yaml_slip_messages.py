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
