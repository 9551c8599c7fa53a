"""An indicator line whose 分值 and 得分 the form prints as “/” or “——” (a line of the template that is not scored):
typed as printed, shown as printed, added to nothing; any other word is still not a figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from pubgen import model as m
from pubgen.evaluation_view import indicator_view
from pubgen.pipeline import check
from pubgen.scaffold import from_previous

from .test_checks import doc, project

PROJECT = "project: {name: 示例专项经费, slug: shili}\n"

FORM = """\
- type: indicators
  title: 绩效指标
  rows:
    - {{level1: 产出指标, level2: 数量指标, name: 完成数量, target: ≥10项, actual: 10项, weight: 60, score: 60}}
    - {{level2: 质量指标, name: 指标2：, target: "/", actual: "/", weight: "{mark}", score: "{mark}"}}
    - {{level1: 效益指标, level2: 社会效益指标, name: 服务效果, target: 显著, actual: 显著, weight: 40, score: 38}}
  total: {total}
"""


def problems(tmp_path: Path, mark: str, total: str = "98") -> list[tuple[str, int]]:
    report = check(project(tmp_path, doc(2023, "project-evaluation", FORM.format(mark=mark, total=total), PROJECT)))
    return [(p.code, p.line) for p in report.sorted() if p.code != "missing-section"]


@pytest.mark.parametrize("mark", ["/", "——", "—", "-"])
def test_a_line_printed_not_applicable_is_typed_as_printed(tmp_path: Path, mark: str) -> None:
    assert problems(tmp_path, mark) == []


def test_the_other_lines_are_still_added_up(tmp_path: Path) -> None:
    assert problems(tmp_path, "/", total="99") == [("score-total-mismatch", 13)]


def test_a_word_is_still_not_a_figure(tmp_path: Path) -> None:
    assert [code for code, _ in problems(tmp_path, "无")] == ["not-a-number", "not-a-number"]


def test_the_mark_is_shown_and_kept_for_next_year() -> None:
    data = {
        "department": "hebei/xingtai/pingxiang/xinfangju",
        "year": 2023,
        "kind": "project-evaluation",
        "project": {"name": "示例专项经费", "slug": "shili"},
        "title": "项目支出绩效自评表",
        "body": [
            {
                "type": "indicators",
                "title": "绩效指标",
                "rows": [
                    {"level1": "产出指标", "name": "完成数量", "weight": "100", "score": "100"},
                    {"name": "指标2：", "weight": "/", "score": "——"},
                ],
            }
        ],
    }
    document = m.Document.model_validate(data)
    [block] = document.body
    assert isinstance(block, m.Indicators)
    row = block.rows[1]
    assert (row.weight, row.score, row.mark("weight"), row.mark("score")) == (None, None, "/", "——")
    view = indicator_view(block)
    shown = {cell.field: cell.text for cell in view.rows[1]}
    assert (shown["weight"], shown["score"]) == ("/", "——")
    copied, _ = from_previous(document, 2024)
    [next_block] = copied.body
    assert isinstance(next_block, m.Indicators)
    assert (next_block.rows[1].mark("weight"), next_block.rows[1].mark("score")) == ("/", "——")
    assert next_block.rows[0].score is None and "score" in next_block.rows[0].model_fields_set
