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
