"""A department's self-evaluation with a project's form attached, and a header score written wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from pubgen.pipeline import check

from .test_checks import codes, doc, project

DEPARTMENT_TABLE = """\
- type: scores
  title: 部门整体支出绩效评价得分表
  items:
    - {{name: 部门决策, weight: 25, score: 23}}
    - {{name: 部门管理, weight: 25, score: 22}}
    - {{name: 部门绩效, weight: 50, score: {performance}}}
  total: {total}
"""

PROJECT_FORM = """\
- type: table
  id: funds-x
  title: 信息采集服务费 项目资金
  columns:
    - {id: adjusted-budget, label: 全年预算数}
    - {id: actual, label: 全年执行数}
    - {id: weight, label: 分值, type: number, additive: false}
    - {id: execution-rate, label: 执行率, unit: "%"}
    - {id: score, label: 得分, type: number, additive: false}
  rows:
    - {id: total, label: 年度资金总额, values: [120, 114, 10, 95, 9.5]}
- type: indicators
  title: 信息采集服务费项目支出绩效自评表
  project: 信息采集服务费
  execution: {table: funds-x}
  points: 90
  rows:
    - {level1: 产出指标, level2: 数量指标, name: 采集覆盖率, target: ≥95%, actual: 98%, weight: 50, score: 50}
    - {level1: 效益指标, level2: 社会效益指标, name: 问题处置率, target: ≥90%, actual: 93%, weight: 30, score: 30}
    - {level1: 满意度指标, level2: 服务对象满意度指标, name: 市民满意度, target: ≥90%, actual: 91%, weight: 10, score: 10}
  total: 99.5
"""


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.strip() == start)


def test_a_project_form_attached_to_a_department_self_evaluation_keeps_its_own_total(tmp_path: Path) -> None:
    text = doc(2018, "self-evaluation", DEPARTMENT_TABLE.format(performance=47, total=92) + PROJECT_FORM, extra="score: 92\n")
    assert codes(project(tmp_path, text)) == []


def test_the_department_table_is_still_held_to_the_header_score_beside_an_attached_form(tmp_path: Path) -> None:
    # The department's table adds up to its printed 93; the header says 92: the attached form changes nothing.
    text = doc(2018, "self-evaluation", DEPARTMENT_TABLE.format(performance=48, total=93) + PROJECT_FORM, extra="score: 92\n")
    found = codes(project(tmp_path, text))
    assert [c[0] for c in found] == ["score-mismatch"]
    assert found[0][2] == line_of(text, "total: 93")


def test_a_header_score_two_agreeing_tables_contradict_is_reported_once_at_the_header(tmp_path: Path) -> None:
    form = """\
- type: indicators
  title: 部门整体支出绩效自评表
  rows:
    - {level1: 决策, name: 目标设定, weight: 25, score: 23}
    - {level1: 管理, name: 资金管理, weight: 25, score: 22}
    - {level1: 绩效, name: 产出与效益, weight: 50, score: 47}
  total: 92
"""
    text = doc(2018, "self-evaluation", form + DEPARTMENT_TABLE.format(performance=47, total=92), extra="score: 91\n")
    found = codes(project(tmp_path, text))
    assert [c[0] for c in found] == ["score-mismatch"]
    assert found[0][2] == line_of(text, "score: 91")


def test_the_score_a_site_shows_is_the_forms_own_total_never_an_attached_projects(tmp_path: Path) -> None:
    """A project form printing its score only on its table's 总分 row shows it; a department's report with no score of its own
    does not show the attached project form's."""
    import csv
    import shutil

    from pubgen.pipeline import build

    from .conftest import ROOT

    form = PROJECT_FORM.replace("  project: 信息采集服务费\n", "")
    project_doc = doc(2018, "project-evaluation", form, extra="project: {name: 信息采集服务费, slug: caiji}\n")
    department_doc = doc(2018, "self-evaluation", form.replace("funds-x", "funds-y"))
    p = project(tmp_path, project_doc, department_doc)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    build(p, tmp_path / "site")
    with (tmp_path / "site/data/documents.csv").open(encoding="utf-8-sig", newline="") as f:
        scores = {r["kind"]: r["score"] for r in csv.DictReader(f)}
    assert scores == {"project-evaluation": "99.5", "self-evaluation": ""}


HUBEI_FORM = """\
- type: table
  id: funds
  title: 预算执行情况（万元）（20分）
  columns:
    - {{id: budget, label: 预算数（A）}}
    - {{id: actual, label: 执行数（B）}}
    - {{id: execution-rate, label: 执行率（B/A）, unit: "%"}}
    - {{id: score, label: 得分（20分*执行率）, type: number, additive: false}}
  rows:
    - {{id: total, label: 年度财政资金总额, values: [10, 10, 100, 20]}}
- type: indicators
  title: 年度绩效目标1（40分）
  points: 40
  execution: {{table: funds}}
  rows:
    - {{level1: 产出指标, level2: 质量指标, name: 数据合格率, target: 100%, actual: 100%, score: 20}}
    - {{level1: 满意度指标, level2: 服务对象满意度指标, name: 审核通过率, target: 98%, actual: 98%, score: 19.6}}
- type: indicators
  title: 年度绩效目标2（40分）
  points: {second}
  rows:
    - {{level1: 产出指标, level2: 数量指标, name: 资料整编, target: 100%, actual: 100%, score: 20}}
    - {{level2: 时效指标, name: 按时上报, target: 100%, actual: 100%, score: 20}}
"""


def test_a_form_scored_by_its_execution_line_and_two_goal_tables_adds_them_up(tmp_path: Path) -> None:
    """湖北's project form: 预算执行 20 分 (printed only in its title and 得分（20分*执行率）) + two goal tables of 40 each,
    99.6 in all. It was two errors whatever way it was written, and a 分值 column had to be made up."""
    extra = "project: {name: 监测, slug: jiance}\nscore: {score}\n"
    right = doc(2020, "project-evaluation", HUBEI_FORM.format(second="40"), extra.replace("{score}", "99.6"))
    assert codes(project(tmp_path / "right", right)) == []
    score = doc(2020, "project-evaluation", HUBEI_FORM.format(second="40"), extra.replace("{score}", "98.6"))
    assert [c[0] for c in codes(project(tmp_path / "score", score))] == ["score-total-mismatch"]
    points = doc(2020, "project-evaluation", HUBEI_FORM.format(second="41"), extra.replace("{score}", "99.6"))
    assert "weights-sum" in [c[0] for c in codes(project(tmp_path / "points", points))]


HUBEI_SUMMARY = """\
- type: scores
  title: 总分
  items:
    - {name: 预算执行, weight: 20, score: 20}
    - {name: 年度绩效目标1, weight: 40, score: 39.6}
    - {name: 年度绩效目标2, weight: 40, score: 40}
  total_weight: 100
  total: 99.6
"""


def test_a_summary_of_the_whole_beside_the_goal_tables_is_none_of_their_parts(tmp_path: Path) -> None:
    """The same 湖北 form with its 总分 table (20 + 40 + 40 = 100) under the goal tables: the summary, which declares no
    part of the whole, made the parts' points unknown, and 40 + 20 was called a wrong 60."""
    extra = "project: {name: 监测, slug: jiance}\nscore: 99.6\n"
    right = doc(2020, "project-evaluation", HUBEI_FORM.format(second="40") + HUBEI_SUMMARY, extra)
    assert codes(project(tmp_path / "right", right)) == []
    points = doc(2020, "project-evaluation", HUBEI_FORM.format(second="41") + HUBEI_SUMMARY, extra)
    assert "weights-sum" in [c[0] for c in codes(project(tmp_path / "points", points))]


BLANK_SCORE = """\
- type: indicators
  title: 绩效指标
  rows:
    - {{level1: 产出指标, level2: 数量指标, name: 学生人数, target: ≥1200人, actual: 1250人, weight: 30, score: 30}}
    - {{level2: 质量指标, name: 设备完好率, target: ≥95%, actual: 96%, weight: 30, score: 29}}
    - {{level1: 效益指标, level2: 社会效益指标, name: 办学条件改善, target: 有效改善, actual: 有效改善, weight: 30, score: 25}}
    - {{level1: 满意度指标, level2: 服务对象满意度指标, name: 师生满意度, target: ≥90%, actual: "", weight: 10, score: ~}}
"""


def test_a_total_no_blank_score_could_reach_is_an_error(tmp_path: Path) -> None:
    """银川: 自评得分 98 over printed scores of 84 and one blank row worth 10 — out of reach, whatever the blank holds."""
    extra = "project: {{name: 公用经费, slug: gongyong}}\nscore: {score}\n"
    out = doc(2021, "project-evaluation", BLANK_SCORE.format(), extra.format(score="98"))
    assert [c[0] for c in codes(project(tmp_path / "out", out))] == ["score-total-mismatch"]
    # 30 + 29 + 25 = 84, plus the blank row's 10 at most: 94 is within reach, so nothing is said.
    within = doc(2021, "project-evaluation", BLANK_SCORE.format(), extra.format(score="93"))
    assert codes(project(tmp_path / "within", within)) == []


@pytest.mark.parametrize(("rate", "score", "told"), [("92.50", "18.5", False), ("92.50", "19.25", True), ("99.40", "9.49", False)])
def test_an_execution_score_is_held_to_the_rule_its_heading_prints(tmp_path: Path, rate: str, score: str, told: bool) -> None:
    """得分（20分*执行率） at 92.50 % is 18.5: 19.25 passed, as only the most lenient rule (full marks from 90 %) was applied.
    A heading that prints no rule keeps the lenient reading (9.49 of 10 at 99.40 % is no rule's breach anyone can show)."""
    heading = "得分（20分*执行率）" if score != "9.49" else "得分"
    points = "20" if score != "9.49" else "10"
    form = HUBEI_FORM.format(second="40").replace("values: [10, 10, 100, 20]", f"values: [10, 9.25, {rate}, {score}]")
    form = form.replace("得分（20分*执行率）", heading).replace("预算执行情况（万元）（20分）", f"预算执行情况（万元）（{points}分）")
    extra = "project: {name: 监测, slug: jiance}\n"
    found = [c for c in codes(project(tmp_path, doc(2020, "project-evaluation", form, extra))) if c[0] == "execution-score"]
    assert bool(found) is told
    if told:
        (problem,) = [p for p in check(project(tmp_path / "again", doc(2020, "project-evaluation", form, extra))).problems if p.code == "execution-score"]
        assert "按表头印的计分办法“20分*执行率”应得 18.5 分，表中印的得分却是 19.25 分" in problem.message
