"""A project form whose indicator table does not name its 预算执行率 line (execution) while the money table prints it:
one problem that says so, not three about the points and the total that the missing line explains."""

from __future__ import annotations

from pathlib import Path

from pubgen.pipeline import check

from .test_checks import doc, project

PROJECT = "project: {name: 示例专项经费, slug: shili}\n"

FORM = """\
- type: table
  id: funds
  title: 项目资金
  columns:
    - {{id: adjusted-budget, label: 全年预算数}}
    - {{id: actual, label: 全年执行数}}
    - {{id: weight, label: 分值, type: number, additive: false}}
    - {{id: execution-rate, label: 执行率, unit: "%"}}
    - {{id: score, label: 得分, type: number, additive: false}}
  rows:
    - {{id: total, label: 年度资金总额, values: [300, 297.36, 10, 99.12, 9.9]}}
- type: indicators
  title: 绩效指标
  points: {points}
{execution}  rows:
    - {{level1: 产出指标, level2: 数量指标, name: 完成数量, target: ≥10项, actual: 10项, weight: {points}, score: {points}}}
  total_weight: 100
  total: 99.9
"""


def found(tmp_path: Path, points: str = "90", execution: str = "") -> list[tuple[str, int, str]]:
    body = FORM.format(points=points, execution=execution)
    report = check(project(tmp_path, doc(2023, "project-evaluation", body, PROJECT)))
    return [(p.code, p.line, p.message) for p in report.sorted() if p.code != "missing-section"]


def test_a_forgotten_execution_line_is_one_problem_that_names_it(tmp_path: Path) -> None:
    problems = found(tmp_path)
    assert [(code, line) for code, line, _ in problems] == [("execution-line", 19)]  # the indicator table's title
    message = problems[0][2]
    assert "没有写预算执行率（execution）" in message and "“年度资金总额”一行印有分值 10、得分 9.9" in message
    assert "execution: {table: funds}" in message


def test_written_it_raises_nothing(tmp_path: Path) -> None:
    assert found(tmp_path, execution="  execution: {table: funds}\n") == []


def test_points_the_line_does_not_explain_are_reported_as_before(tmp_path: Path) -> None:
    """85 points of indicators and 10 of the line make 95, not the 100 printed: no guess, the sums are reported."""
    codes = sorted(code for code, _, _ in found(tmp_path, points="85"))
    assert "execution-line" not in codes and "weights-sum" in codes and "score-total-mismatch" in codes


def test_an_execution_rate_printed_as_a_fraction_is_read_as_a_percentage(tmp_path: Path) -> None:
    """裕安's forms print 执行率 0.958 for 95.8 %: 0.5 with full marks is the 50 % rate earning all 10 points."""
    import shutil

    from pubgen.pipeline import Project, check

    case = Path(__file__).parent / "cases" / "execution-score"
    shutil.copytree(case / "content", tmp_path / "content")
    source = next((tmp_path / "content" / "documents").rglob("*.yml"))
    text = source.read_text(encoding="utf-8")
    for rate in ("0.5", "1"):
        source.write_text(text.replace("45, 10, 50, 10", f"45, 10, {rate}, 10").replace("45, —, 50, —", f"45, —, {rate}, —"), encoding="utf-8")
        found = [p for p in check(Project(tmp_path)).problems if p.code == "execution-score"]
        if rate == "1":
            assert found == []  # 1 is 100 %: nothing to say of full marks
        else:
            (problem,) = found
            assert problem.message.startswith("预算执行率（“年度资金总额”一行）为 50%（原表印作 0.5），得分却是 10 分")
