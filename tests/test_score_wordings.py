"""A self-evaluation's words about its score: the plain 自评得分, 本单位's own score, grading bands and another year's grade."""

from __future__ import annotations

from pathlib import Path

from .test_narrative_checks import run

SCORED = """\
- type: text
  text: |
    {text}
- type: scores
  title: 部门整体支出绩效评价得分表
  items:
    - {{name: 部门决策, weight: 25, score: 23}}
    - {{name: 部门管理, weight: 25, score: 22}}
    - {{name: 部门绩效, weight: 50, score: 47}}
  total: 92
"""


def said(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    problems, _ = run(tmp_path, 2018, "self-evaluation", SCORED.format(text=text), extra="score: 92\ngrade: 优\n")
    return [(p.code, p.stated or "") for p in problems]


def test_the_plain_wordings_of_the_whole_score_are_checked(tmp_path: Path) -> None:
    wrong = "本部门对2018年整体支出开展绩效自评，自评得分90分。本单位整体支出绩效自评得分为89分。经评审，自评总分为88分。"
    assert said(tmp_path / "wrong", wrong) == [("text-figure-mismatch", "90"), ("text-figure-mismatch", "89"), ("text-figure-mismatch", "88")]
    right = wrong.replace("90分", "92分").replace("89分", "92分").replace("88分", "92分")
    assert said(tmp_path / "right", right) == []


def test_a_parts_plain_score_is_not_the_whole(tmp_path: Path) -> None:
    assert said(tmp_path, "（一）部门决策。本项分值25分，分项绩效自评得分：23分。") == []


def test_grading_bands_and_another_years_grade_are_not_the_documents(tmp_path: Path) -> None:
    text = (
        "评价结果分为四个等级：总得分90分（含）以上为优，80分（含）至90分为良，60分（含）至80分为中，60分以下为差。"
        "按照评分标准，综合得分80分以上为良。综合评分92分，等级为优；2017年综合评分为85分，等级为良。"
    )
    assert said(tmp_path / "bands", text) == []
    # The document's own grade, said wrong after its own score, is still reported.
    assert [c for c, _ in said(tmp_path / "own", text.replace("综合评分92分，等级为优", "综合评分92分，等级为良"))] == ["text-figure-mismatch"]


def test_a_plain_score_of_another_project_unit_or_evaluation_is_not_the_documents(tmp_path: Path) -> None:
    text = (
        "信访维稳专项经费：自评得分96分。县联席办工作经费绩效自评得分88.5分。下属县信访接待中心自评得分93分。"
        "县财政局对本部门开展重点绩效评价，评价总分为86分。"
    )
    assert said(tmp_path, text) == []


def test_a_wrong_own_score_after_any_lead_in_is_still_reported(tmp_path: Path) -> None:
    text = (
        "自评结论：自评得分88分。根据评分标准，自评得分为87分。经综合评定，自评得分86分。平乡县信访局2018年度自评得分85分。"
        "（一）自评得分：84分。我中心自评得分83分。"
    )
    assert [stated for _, stated in said(tmp_path, text)] == ["88", "87", "86", "85", "84", "83"]


def test_the_finance_bureaus_evaluation_of_the_department_is_not_its_self_evaluation(tmp_path: Path) -> None:
    assert said(tmp_path, "县财政局对我局2018年度部门整体支出绩效评价得分为86分。") == []


def test_a_full_width_percent_sign_is_the_same_unit() -> None:
    from decimal import Decimal

    from pubgen.checks.indicator_groups import parse_target

    assert parse_target("90％") == parse_target("90%") == ("=", Decimal(90), "%")
    assert parse_target("≥９５％") == ("≥", Decimal(95), "%")
