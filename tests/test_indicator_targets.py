"""Indicator targets and results as the forms of many provinces print them: a direction after the figure (90%以上, 2天以内,
5%以下), full-width signs (≧, ≦, ＞＝), a thousands comma, a note in brackets, 万 before the unit, a negative result."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pubgen.checks.indicator_groups import parse_target
from pubgen.pipeline import check

from .test_checks import doc, project


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("90%以上", ("≥", Decimal(90), "%")),
        ("2天以内", ("≤", Decimal(2), "天")),
        ("5%以下", ("≤", Decimal(5), "%")),
        ("≧90%", ("≥", Decimal(90), "%")),
        ("≦5天", ("≤", Decimal(5), "天")),
        ("＞＝90%", ("≥", Decimal(90), "%")),
        ("＜＝3次", ("≤", Decimal(3), "次")),
        ("＞=95%", ("≥", Decimal(95), "%")),  # a full-width sign with a half-width =, as many forms print it
        ("<＝3次", ("≤", Decimal(3), "次")),
        ("≥90%以上", ("≥", Decimal(90), "%")),
        ("10个以上", ("≥", Decimal(10), "个")),
        ("1,100件", ("=", Decimal(1100), "件")),
        ("85%（抽样调查）", ("=", Decimal(85), "%")),
        ("93.5%(2023年)", ("=", Decimal("93.5"), "%")),
        ("90%（含）以上", ("≥", Decimal(90), "%")),
        ("-3%", ("=", Decimal(-3), "%")),
        ("0.4万人次", ("=", Decimal("0.4"), "万人次")),
    ],
)
def test_a_target_is_read_with_its_direction_and_unit(text: str, read: tuple[str, Decimal, str]) -> None:
    assert parse_target(text) == read


@pytest.mark.parametrize("text", ["效果明显", "±10%", "5-10天", "1,2", "达成预期指标", "1200,5亩"])
def test_words_and_ranges_are_not_read_as_a_figure(text: str) -> None:
    assert parse_target(text) is None


ROWS = """\
- type: indicators
  title: 绩效指标
  rows:
    - {{level1: 产出指标, level2: 质量指标, name: 验收合格率, target: 90%以上, actual: {a}, {how}, weight: 20, score: 20}}
    - {{level2: 时效指标, name: 办结时限, target: 2天以内, actual: {b}, {how}, weight: 20, score: 20}}
    - {{level2: 成本指标, name: 结余率, target: 5%以下, actual: {c}, {how}, weight: 20, score: 20}}
    - {{level1: 满意度指标, level2: 服务对象满意度指标, name: 群众满意度, target: "≧90%", actual: {d}, {how}, weight: 20, score: 20}}
    - {{level1: 效益指标, level2: 社会效益指标, name: 服务人次, target: ≥5000人次, actual: {e}, {how}, weight: 20, score: 20}}
  total: 100
"""

SHORT = {"a": "85%", "b": "3天", "c": "8%", "d": "85%（抽样调查）", "e": "0.4万人次"}
MET = {"a": "90%", "b": "2天", "c": "4.5%", "d": "96%（问卷调查）", "e": "1.2万人次"}
PROJECT = "project: {name: 示例专项经费, slug: shili}\n"


def found(tmp_path: Path, values: dict[str, str], how: str) -> list[tuple[str, int]]:
    report = check(project(tmp_path, doc(2023, "project-evaluation", ROWS.format(how=how, **values), PROJECT)))
    return [(p.code, p.line) for p in report.sorted() if p.code != "missing-section"]


def test_a_target_short_of_its_direction_marked_done_is_reported(tmp_path: Path) -> None:
    rows = range(10, 15)  # the five indicator lines of the document
    assert found(tmp_path, SHORT, "completion: 完成") == [("completion-mismatch", line) for line in rows]


def test_a_target_short_of_its_direction_given_full_marks_is_reported(tmp_path: Path) -> None:
    """The national project form has no 完成情况 column: full points say the target was met."""
    assert found(tmp_path, SHORT, "reason: ~") == [("unmet-full-marks", line) for line in range(10, 15)]


@pytest.mark.parametrize("how", ["completion: 完成", "reason: ~"])
def test_targets_met_including_the_figure_itself_raise_nothing(tmp_path: Path, how: str) -> None:
    """以上、以下、以内 include the figure: 90% of “90%以上” and 2天 of “2天以内” are met."""
    assert found(tmp_path, MET, how) == []


WORDS = """\
- type: indicators
  title: 绩效指标
  rows:
    - {{level1: 产出指标, level2: 质量指标, name: 验收合格率, target: ≥95%, actual: "{a}", weight: 30, score: 30}}
    - {{level2: 时效指标, name: 是否按期完工, target: 是, actual: "{b}", weight: 30, score: 30}}
    - {{level2: 数量指标, name: 安全事故, target: 否, actual: "{c}", weight: 40, score: 40}}
  total: 100
"""


def test_a_result_in_words_that_says_it_failed_given_full_marks_is_reported(tmp_path: Path) -> None:
    """“未完成” against ≥95%, “否” against a target of “是”, each scored in full, passed: the form says it was missed."""
    report = check(project(tmp_path / "failed", doc(2023, "project-evaluation", WORDS.format(a="未完成", b="否", c="是"), PROJECT)))
    expected = [("unmet-full-marks", 10), ("unmet-full-marks", 11), ("unmet-full-marks", 12)]
    assert [(p.code, p.line) for p in report.sorted() if p.code != "missing-section"] == expected
    report = check(project(tmp_path / "late", doc(2023, "project-evaluation", WORDS.format(a="未按期完成", b="是", c="否"), PROJECT)))
    assert [(p.code, p.line) for p in report.sorted() if p.code != "missing-section"] == [("unmet-full-marks", 10)]
    report = check(project(tmp_path / "done", doc(2023, "project-evaluation", WORDS.format(a="已完成", b="是", c="否"), PROJECT)))
    assert [p.code for p in report.sorted() if p.code != "missing-section"] == []


BARE = """\
- type: indicators
  title: 绩效指标
  rows:
    - {{level1: 产出指标, level2: 质量指标, name: 违法行为责停率, operator: ≥, target_value: 95, unit: "%", actual: "{rate}", weight: 30, score: 30}}
    - {{level2: 数量指标, name: 委托业务项目数量, target: ≥50个, actual: "{count}", weight: 70, score: 70}}
  total: 100
"""


def test_a_result_printed_as_a_bare_number_is_in_the_targets_unit(tmp_path: Path) -> None:
    """丽江's form prints the unit once in 度量单位 (≥ | 95 | % | 80), 棠溪's in the target (≥50个 | 45): full marks for
    a result short of the target are reported, and the message writes the target as the form does, not “目标 None”."""
    report = check(project(tmp_path / "short", doc(2020, "project-evaluation", BARE.format(rate="80", count="45"), PROJECT)))
    messages = [p.message for p in report.sorted() if p.code == "unmet-full-marks"]
    assert [m.split("，未达到")[0] for m in messages] == [
        "指标“违法行为责停率”目标 ≥95%、实际 80（按目标的单位“%”计）",
        "指标“委托业务项目数量”目标 ≥50个、实际 45（按目标的单位“个”计）",
    ]
    report = check(project(tmp_path / "met", doc(2020, "project-evaluation", BARE.format(rate="96.5", count="50"), PROJECT)))
    assert [p.code for p in report.sorted() if p.code != "missing-section"] == []
    # 0.958 under ≥95%: the form's way of printing 95.8%, not a result of 0.958%.
    report = check(project(tmp_path / "fraction", doc(2020, "project-evaluation", BARE.format(rate="0.958", count="50"), PROJECT)))
    assert [p.code for p in report.sorted() if p.code != "missing-section"] == []


@pytest.mark.parametrize(("target", "actual"), [("≤12月", "2023.11"), ("≤30万元", "285000"), ("≥100%", "1.2"), ("≥95%", "5")])
def test_a_bare_number_of_another_size_is_not_read_in_the_targets_unit(tmp_path: Path, target: str, actual: str) -> None:
    """A date (2023.11 of ≤12月), 元 under 万元, a fraction under a percentage: another unit the form did not name."""
    body = f"""\
- type: indicators
  title: 绩效指标
  rows:
    - {{level1: 产出指标, level2: 时效指标, name: 完成情况, target: "{target}", actual: "{actual}", weight: 100, score: 100}}
  total: 100
"""
    report = check(project(tmp_path, doc(2023, "project-evaluation", body, PROJECT)))
    assert [p.code for p in report.sorted() if p.code != "missing-section"] == []


@pytest.mark.parametrize(("printed", "read"), [("﹦", "="), ("＝", "="), ("＞＝", "≥"), ("≧", "≥"), ("<=", "≤"), ("定性", None)])
def test_the_operator_as_the_form_prints_it(tmp_path: Path, printed: str, read: str | None) -> None:
    """丽江's 指标性质 column prints “﹦ | 100 | %”; other forms ＝, ≧, ＞＝, or 定性 for a target in words."""
    from pubgen.load import load

    body = f"""\
- type: indicators
  title: 绩效指标
  rows:
    - {{level1: 产出指标, level2: 质量指标, name: 验收合格率, operator: "{printed}", target_value: 100, unit: "%", actual: 100%, weight: 100, score: 100}}
  total: 100
"""
    p = project(tmp_path, doc(2020, "project-evaluation", body, PROJECT))
    assert [x.code for x in check(p).sorted() if x.code != "missing-section"] == []
    (document,) = load(p.content).documents
    assert document.record.body[0].rows[0].operator == read  # type: ignore[union-attr]


FUJIAN = """\
- type: indicators
  title: 绩效指标
  columns:
    - {field: level1}
    - {field: level2}
    - {field: name}
    - {field: operator, label: 指标性质, group: [年度指标值]}
    - {field: target_value, label: 指标值, group: [年度指标值]}
    - {field: unit, label: 度量单位, group: [年度指标值]}
    - {field: actual}
    - {field: weight}
    - {field: score}
  rows:
    - {level1: 产出指标, level2: 数量指标, name: 资助家庭经济困难学生人次, operator: ≥, target_value: 1.2, unit: 万人次, actual: "12600", weight: 50, score: 50}
    - {level1: 效益指标, level2: 可持续影响指标, name: 资助政策知晓度, operator: 定性, target: 高, actual: 高, weight: 50, score: 50}
  total: 100
"""


def test_a_qualitative_target_in_a_form_that_splits_the_target_is_printed_as_the_form_prints_it(tmp_path: Path) -> None:
    """福建's form prints 年度指标值 as 指标性质 | 指标值 | 度量单位, and “定性 | 高 |” for a target in words. The page left
    both cells blank and the download dropped 定性: the form was published incomplete, with no word from the check."""
    from pubgen.data import document_data, document_figures
    from pubgen.derive import derive
    from pubgen.evaluation_view import indicator_view
    from pubgen.load import load

    p = project(tmp_path, doc(2023, "project-evaluation", FUJIAN, PROJECT))
    assert [x.code for x in check(p).sorted() if x.code != "missing-section"] == []
    (document,) = load(p.content).documents
    block = document.record.body[0]
    view = indicator_view(block)  # type: ignore[arg-type]
    printed = [[cell.text for cell in row] for row in view.rows]
    assert printed[1][view.fields.index("operator")] == "定性"
    assert printed[1][view.fields.index("target_value")] == "高"
    assert printed[0][3:6] == ["≥", "1.2", "万人次"]
    assert block.rows[1].operator is None  # 定性 says no direction: the target's words are compared as words
    site = derive(load(p.content))
    (page,) = site.documents
    (table,) = document_data(page, site, document_figures(page, site))["indicators"]
    assert (table["rows"][1]["operator"], table["rows"][1]["target"]) == ("定性", "高")  # the download as printed


NATIONAL = """\
- type: indicators
  title: 绩效指标
  labels: {{reason: 偏差原因分析及改进措施}}
  rows:
    - {{level1: 产出指标, level2: 质量指标, name: 工程质量管理, target: ≥95%, actual: 90%, weight: 50, score: {score}{reason}}}
    - {{level2: 时效指标, name: 文明施工, target: ≥95%, actual: 97%, weight: 50, score: 50}}
  total: {total}
"""


@pytest.mark.parametrize(
    ("score", "reason", "labels", "expected"),
    [
        (45, "", True, ["missing-reason"]),  # missed, scored lower, the form's reason column blank
        (45, ", reason: 部分工程返工。", True, []),
        (50, "", True, ["unmet-full-marks"]),  # full marks: that one warning says it
        (45, "", False, []),  # a form without a reason column asks for none
    ],
)
def test_a_missed_target_on_a_form_with_a_reason_column_needs_its_reason(
    tmp_path: Path, score: int, reason: str, labels: bool, expected: list[str]
) -> None:
    """The national project form has no 完成情况 but a 偏差原因分析及改进措施 column: a target it missed is what that column is for."""
    body = NATIONAL.format(score=score, reason=reason, total=50 + score)
    if not labels:
        body = body.replace("  labels: {reason: 偏差原因分析及改进措施}\n", "")
    report = check(project(tmp_path, doc(2022, "project-evaluation", body, PROJECT)))
    found = [p for p in report.sorted() if p.code != "missing-section"]
    assert [p.code for p in found] == expected
    if expected == ["missing-reason"]:
        assert found[0].message == "指标“工程质量管理”目标 ≥95%、实际 90%，未达到目标，但“偏差原因分析及改进措施”一栏没有填写。"


@pytest.mark.parametrize(
    ("target", "actual", "late"),
    [
        ("2023年10月底前", "2023年11月15日", True),
        ("≤2023年11月30日", "2023年12月8日", True),
        ("3月底前", "4月12日", True),
        ("2023年11月30日前", "2023年11月28日", False),
        ("12月底前", "12月31日", False),
        ("2023年10月底", "2023年11月15日", False),  # when it was planned, no limit said
    ],
)
def test_a_deadline_missed_and_scored_in_full_is_reported(tmp_path: Path, target: str, actual: str, late: bool) -> None:
    """河南, 辽宁 forms: “培训任务完成时间 2023年10月底前”, done “2023年11月15日”, full marks; “≤2023年11月30日” done
    12月8日 marked 完成. A 时效指标 is in every project form; dates were never compared."""
    body = f"""\
- type: indicators
  title: 绩效指标
  rows:
    - {{level1: 产出指标, level2: 时效指标, name: 培训任务完成时间, target: "{target}", actual: "{actual}", weight: 50, score: 50}}
    - {{level2: 数量指标, name: 培训人次, target: ≥100人次, actual: 120人次, weight: 50, score: 50}}
  total: 100
"""
    found = [x.code for x in check(project(tmp_path, doc(2023, "project-evaluation", body, PROJECT))).sorted() if x.code != "missing-section"]
    assert found == (["unmet-full-marks"] if late else [])
    marked = body.replace(f'actual: "{actual}", weight: 50', f'actual: "{actual}", completion: 完成, weight: 50').replace("actual: 120人次,", "actual: 120人次, completion: 完成,")
    found = [x.code for x in check(project(tmp_path / "marked", doc(2023, "project-evaluation", marked, PROJECT))).sorted() if x.code != "missing-section"]
    assert found == (["completion-mismatch"] if late else [])
