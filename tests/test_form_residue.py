"""A form published as the blank template: its word limits for the one filling it in are template residue."""

from __future__ import annotations

from pathlib import Path

from .test_narrative_checks import run

PROJECT = "project: {name: 工资性支出, slug: gongzi}\n"


def test_a_word_limit_left_in_a_form_is_residue_and_a_count_of_words_is_not(tmp_path: Path) -> None:
    body = """\
- type: goals
  items:
    - {{title: 年度总体目标, goal: 保障在职人员工资按时足额发放。, result: {result}}}
"""
    blank, _ = run(tmp_path / "blank", 2023, "project-evaluation", body.format(result="对照年度目标，说明相关任务目标的完成情况（100字以内）"), extra=PROJECT)
    assert [(p.code, "（100字以内）" in p.message) for p in blank] == [("template-residue", True)]
    filled, _ = run(tmp_path / "filled", 2023, "project-evaluation", body.format(result="全年发放工资（含补贴）12个月，印发告知书（约800字）一份。"), extra=PROJECT)
    assert [p.code for p in filled] == []
