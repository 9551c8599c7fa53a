"""Scores and weights printed to their own precision: a total of two-decimal parts printed to one decimal or a whole
number, three weights of 3.33 under a group of 10. Rounding, said as a notice; a total that rounding does not explain
stays an error. And a document's score that is right while one of its tables prints a wrong total."""

from __future__ import annotations

from pathlib import Path

import pytest

from pubgen.pipeline import check

from .test_checks import doc, project

PROJECT = "project: {name: 示例专项经费, slug: shili}\n"

FORM = """\
- type: table
  id: funds
  columns:
    - {{id: adjusted-budget, label: 全年预算数}}
    - {{id: actual, label: 全年执行数}}
    - {{id: weight, label: 分值, type: number, additive: false}}
    - {{id: execution-rate, label: 执行率, unit: "%"}}
    - {{id: score, label: 得分, type: number, additive: false}}
  rows:
    - {{id: total, label: 年度资金总额, values: [100, 96, 10, 96, 9.6]}}
- type: indicators
  title: 绩效指标
  points: 90
  execution: {{table: funds}}
  rows:
    - {{level1: 产出指标, level2: 数量指标, name: 完成项目数, target: ≥10项, actual: 9项, weight: 20, score: 19.38}}
    - {{name: 验收合格率, target: ≥95%, actual: 92%, weight: 30, score: 28.75}}
    - {{level1: 满意度指标, level2: 服务对象满意度指标, name: 群众满意度, target: ≥95%, actual: 90%, weight: 10, score: 9.47}}
    - {{level1: 效益指标, level2: 社会效益指标, name: 服务效果, target: 显著, actual: 较显著, weight: 30, score: 28.33}}
  total_weight: 100
  total: {total}
"""


def found(tmp_path: Path, body: str, extra: str = PROJECT, kind: str = "project-evaluation") -> list[tuple[str, int, str, str]]:
    report = check(project(tmp_path, doc(2023, kind, body, extra)))
    return [(p.code, p.line, p.severity.value, p.message) for p in report.sorted() if p.code != "missing-section"]


def line_of(tmp_path: Path, needle: str) -> int:
    text = next((tmp_path / "content/documents").rglob("doc0.yml")).read_text(encoding="utf-8")
    (line,) = [i + 1 for i, row in enumerate(text.splitlines()) if needle in row]
    return line


@pytest.mark.parametrize("total", ["95.5", "96"])
def test_a_total_printed_to_its_own_precision_is_a_rounding_notice(tmp_path: Path, total: str) -> None:
    """Scores 19.38 + 28.75 + 9.47 + 28.33 and 9.6 for the execution line make 95.53; the form prints 95.5 or 96."""
    problems = found(tmp_path, FORM.format(total=total))
    assert [(c, line, s) for c, line, s, _ in problems] == [("rounding-difference", line_of(tmp_path, "  total: "), "notice")]
    assert "共 95.53" in problems[0][3] and "四舍五入到" in problems[0][3] and "不必修改" in problems[0][3]


def test_the_exact_total_raises_nothing(tmp_path: Path) -> None:
    assert found(tmp_path, FORM.format(total="95.53")) == []


@pytest.mark.parametrize("total", ["95.6", "95", "95.50", "95.54"])
def test_a_total_rounding_does_not_explain_stays_an_error(tmp_path: Path, total: str) -> None:
    """95.53 to one decimal is 95.5, to a whole number 96: 95.6 and 95 are wrong; 95.50 and 95.54 are printed as finely as the parts."""
    problems = found(tmp_path, FORM.format(total=total))
    assert [(c, line, s) for c, line, s, _ in problems] == [("score-total-mismatch", line_of(tmp_path, "  total: "), "error")]


def test_a_score_printed_only_at_the_head_follows_the_same_rule(tmp_path: Path) -> None:
    """The form prints its total only above the table (score), to one decimal."""
    body = FORM.format(total="").replace("  total: \n", "")
    problems = found(tmp_path, body, PROJECT + "score: 95.5\n")
    assert [(c, line, s) for c, line, s, _ in problems] == [("rounding-difference", line_of(tmp_path, "score: 95.5"), "notice")]
    problems = found(tmp_path / "wrong", body, PROJECT + "score: 95.6\n")
    assert [(c, s) for c, _, s, _ in problems] == [("score-total-mismatch", "error")]


THIRDS = """\
- type: indicators
  title: 绩效指标
  rows:
    - {{level1: 产出指标, level1_points: 90, level2: 数量指标, name: 完成数量, target: ≥1项, actual: 1项, weight: 90, score: 90}}
    - {{level1: 满意度指标, level1_points: 10, level2: 服务对象满意度指标, name: 群众满意度, target: ≥90%, actual: 95%, weight: {a}, score: {a}}}
    - {{name: 企业满意度, target: ≥90%, actual: 95%, weight: 3.33, score: 3.33}}
    - {{name: 职工满意度, target: ≥90%, actual: 95%, weight: 3.33, score: 3.33}}
  total_weight: 100
  total: {total}
"""


def test_three_weights_of_a_third_under_ten_points_are_a_rounding_notice(tmp_path: Path) -> None:
    problems = found(tmp_path, THIRDS.format(a="3.33", total="99.99"))
    assert [(c, line, s) for c, line, s, _ in problems] == [("rounding-difference", line_of(tmp_path, "level1: 满意度指标"), "notice")]
    assert "印的分值为 10，其下各指标分值之和为 9.99" in problems[0][3]


def test_a_wrong_weight_under_a_group_stays_an_error(tmp_path: Path) -> None:
    problems = found(tmp_path, THIRDS.format(a="2.33", total="98.99"))
    assert [(c, line, s) for c, line, s, _ in problems] == [("weights-sum", line_of(tmp_path, "level1: 满意度指标"), "error")]


SCORE_TABLE = """\
- type: scores
  title: 部门整体支出绩效评价得分表
  items:
    - {{name: 部门决策, weight: 20, score: 19.38}}
    - {{name: 部门管理, weight: 30, score: 28.75}}
    - {{name: 部门绩效, weight: 50, score: 47.42}}
  total: {total}
"""


@pytest.mark.parametrize(("total", "expected"), [("95.6", ("rounding-difference", "notice")), ("96", ("rounding-difference", "notice")), ("95.5", ("score-total-mismatch", "error"))])
def test_a_score_tables_total_follows_the_same_rule(tmp_path: Path, total: str, expected: tuple[str, str]) -> None:
    """19.38 + 28.75 + 47.42 = 95.55, which rounds half up to 95.6 (one decimal) and 96 (whole)."""
    problems = found(tmp_path, SCORE_TABLE.format(total=total), "", "self-evaluation")
    assert [(c, s) for c, _, s, _ in problems] == [expected]


TWO_TABLES = """\
- type: indicators
  title: 部门管理（60分）
  points: 60
  rows:
    - {{level1: 资金投入, level2: 预算执行, name: 预算执行率, target: 100%, actual: 96%, weight: 30, score: 28}}
    - {{level2: 预算管理, name: 结转结余率, target: ≤10%, actual: 8%, weight: 30, score: 29}}
  total: 57
- type: indicators
  title: 履职效能（40分）
  points: 40
  rows:
    - {{level1: 产出, level2: 数量, name: 重点任务完成数, target: ≥10项, actual: 10项, weight: 20, score: 20}}
    - {{level1: 效果, level2: 满意度, name: 群众满意度, target: ≥95%, actual: 93%, weight: 20, score: 18.5}}
  total: {second}
"""


def test_a_wrong_table_total_is_reported_there_only_when_the_document_score_is_right(tmp_path: Path) -> None:
    """57 + 38.5 = 95.5 is the document's score; the second table prints 39.5 over scores of 20 + 18.5."""
    problems = found(tmp_path, TWO_TABLES.format(second="39.5"), "score: 95.5\n", "self-evaluation")
    assert [(c, line) for c, line, _, _ in problems] == [("score-total-mismatch", line_of(tmp_path, "total: 39.5"))]
    assert "“履职效能（40分）”总得分 39.5 ≠ 各指标得分之和 38.5" in problems[0][3]


def test_a_wrong_document_score_beside_a_wrong_table_total_is_still_reported(tmp_path: Path) -> None:
    problems = found(tmp_path, TWO_TABLES.format(second="39.5"), "score: 98\n", "self-evaluation")
    assert sorted((c, line) for c, line, _, _ in problems) == [
        ("score-total-mismatch", line_of(tmp_path, "score: 98")),
        ("score-total-mismatch", line_of(tmp_path, "total: 39.5")),
    ]
    problems = found(tmp_path / "right", TWO_TABLES.format(second="38.5"), "score: 98\n", "self-evaluation")
    assert [(c, line) for c, line, _, _ in problems] == [("score-total-mismatch", line_of(tmp_path / "right", "score: 98"))]

