"""Figures pubgen new leaves 待填 outside tables are told by their Chinese name and whose they are (which indicator,
which table), and a score still 待填 is not also reported as a missing section."""

from __future__ import annotations

from pathlib import Path

from pubgen.pipeline import check

from .test_checks import doc, project

PROJECT = "project: {name: 示例专项经费, slug: shili}\n"

FORM = """\
- type: indicators
  title: 绩效指标
  rows:
    - {level1: 产出指标, level1_points: 待填, level2: 数量指标, name: 完成数量, target: ≥10项, actual: 10项, weight: 100, score: 待填}
  total: 待填
"""


def test_each_figure_to_fill_names_its_field_and_owner(tmp_path: Path) -> None:
    report = check(project(tmp_path, doc(2023, "project-evaluation", FORM, PROJECT + "score: 待填\n")))
    found = [(p.code, p.line, p.message) for p in report.sorted()]
    assert found == [
        ("figure-to-fill", 6, "总得分（score）还没有填写（“待填”），请照原文填写。"),
        ("figure-to-fill", 11, "一级指标“产出指标”的分值（level1_points）还没有填写（“待填”），请照原文填写。"),
        ("figure-to-fill", 11, "指标“完成数量”的得分（score）还没有填写（“待填”），请照原文填写。"),
        ("figure-to-fill", 12, "“绩效指标”的总得分（total）还没有填写（“待填”），请照原文填写。"),
    ]


def test_a_score_left_blank_is_still_a_missing_section(tmp_path: Path) -> None:
    body = FORM.replace("total: 待填", "total: ~")
    report = check(project(tmp_path, doc(2023, "project-evaluation", body, PROJECT + "score: ~\n")))
    assert "missing-section" in {p.code for p in report.problems}
