"""绩效目标 funds against the 项目支出 of the 部门支出预算总表 (official-tables.md: “绩效目标 funds ≤ 项目支出”)."""

from __future__ import annotations

from pathlib import Path

from .test_checks import codes, doc, project

BODY = """\
- type: table
  role: budget-expenditure
  title: 部门支出预算总表
  columns:
    - {id: total, label: 合计}
    - {id: basic, label: 基本支出}
    - {id: project, label: 项目支出}
  rows:
    - {id: total, label: 合计, values: [500.00, 200.00, 300.00]}
- type: text
  text: |
    2024年度，本部门编报绩效目标的项目共2个，涉及项目预算资金%s万元。部门整体支出绩效目标涉及资金500.00万元。
- type: indicators
  title: 信访工作经费绩效目标表
  funds: %s
  rows:
    - {level1: 产出指标, level2: 数量指标, name: 接待人次, target: ≥500人次}
- type: indicators
  title: 督查督办经费绩效目标表
  funds: %s
  rows:
    - {level1: 产出指标, level2: 数量指标, name: 督办件数, target: ≥50件}
"""


def _found(tmp_path: Path, text: str, first: str, second: str) -> list[tuple[str, int]]:
    source = doc(2024, "budget", BODY % (text, first, second), "unit: 万元\n")
    lines = source.splitlines()
    found = codes(project(tmp_path, source))
    return [(c[0], lines[c[2] - 1].strip()[:12]) for c in found if c[0] == "target-funds-exceed-project"]


def test_funds_within_the_project_expenditure_pass(tmp_path: Path) -> None:
    # 300.004 rounds to the printed 300.00: within the printed precision; the 整体 target covers the whole budget and is not compared.
    assert _found(tmp_path, "300.004", "120.00", "180.00") == []


def test_text_that_gives_the_targets_more_money_than_all_projects_is_reported(tmp_path: Path) -> None:
    assert _found(tmp_path, "489.65", "120.00", "180.00") == [("target-funds-exceed-project", "2024年度，本部门编报")]


def test_target_tables_whose_funds_add_up_to_more_than_all_projects_are_reported(tmp_path: Path) -> None:
    assert _found(tmp_path, "300.00", "120.00", "190.00") == [("target-funds-exceed-project", "funds: 190.0")]


def test_whole_budget_and_multi_year_targets_are_not_compared_with_the_projects(tmp_path: Path) -> None:
    """A 部门整体 绩效目标表 covers 基本 + 项目 支出, and so do the sentences that say so; a 中期 target spans years."""
    whole = BODY.replace("信访工作经费绩效目标表", "2024年部门整体支出绩效目标表")
    text = (
        "2024年本部门全部支出均编报了绩效目标，涉及资金500.00万元，其中基本支出200.00万元、项目支出300.00万元。\n"
        "    本部门2024—2026年中期绩效目标：编报绩效目标的项目3个，涉及项目资金总额900万元。\n"
        "    部门绩效目标：本部门年度预算资金500.00万元，主要用于人员经费、公用经费和项目支出。\n"
        "    开展绩效目标管理的项目2个，涉及预算%s"
    )
    source = doc(2024, "budget", whole.replace("2024年度，本部门编报绩效目标的项目共2个，涉及项目预算资金%s万元。部门整体支出绩效目标涉及资金500.00万元。", text) % ("300.00万元。", "500.00", "100.00"), "unit: 万元\n")
    assert [c for c in codes(project(tmp_path / "right", source)) if c[0] == "target-funds-exceed-project"] == []
    wrong = source.replace("涉及预算300.00万元", "涉及预算489.65万元")
    found = [c for c in codes(project(tmp_path / "wrong", wrong)) if c[0] == "target-funds-exceed-project"]
    assert [wrong.splitlines()[c[2] - 1].strip()[:8] for c in found] == ["开展绩效目标管理"], found


def test_other_wordings_of_the_count_of_projects_are_read(tmp_path: Path) -> None:
    for i, sentence in enumerate(("共编报项目绩效目标2个，涉及项目预算资金%s万元。", "共有2个项目编报了绩效目标，涉及项目预算资金%s万元。",
                                  "项目支出绩效目标编报项目2个，涉及金额%s万元。", "项目绩效目标编报实现全覆盖，编报绩效目标的项目2个，涉及项目资金%s万元。")):
        body = BODY.replace("2024年度，本部门编报绩效目标的项目共2个，涉及项目预算资金%s万元。", sentence)
        source = doc(2024, "budget", body % ("489.65", "120.00", "180.00"), "unit: 万元\n")
        found = [c for c in codes(project(tmp_path / f"wrong{i}", source)) if c[0] == "target-funds-exceed-project"]
        assert len(found) == 1, (sentence, found)
        right = doc(2024, "budget", body % ("300.00", "120.00", "180.00"), "unit: 万元\n")
        assert [c for c in codes(project(tmp_path / f"right{i}", right)) if c[0] == "target-funds-exceed-project"] == []
