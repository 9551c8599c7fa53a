"""A budget's 项目支出绩效目标表 published on its own (``covers: [performance]``) is called what a budget has: 绩效目标."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from pubgen import model as m
from pubgen.cli import main

from .conftest import copy_project

TARGETS = """\
department: hebei/xingtai/pingxiang/xinfangju
year: 2022
kind: budget
covers: [performance]
title: 平乡县信访局2022年项目支出绩效目标表
body:
  - type: fields
    items:
      - {label: 项目名称, value: 信访接待经费}
  - type: indicators
    title: 绩效指标
    project: 信访接待经费
    funds: 20
    goal: 做好来访群众接待工作。
    rows:
      - {level2: 数量指标, name: 接待来访群众人次, target: 200人次}
"""


def test_a_budgets_performance_targets_page_is_not_called_a_report_of_completion(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    folder = project.content / "documents/hebei/xingtai/pingxiang/xinfangju"
    (folder / "2022-budget-performance.yml").write_text(TARGETS, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--project", str(project.root)])
    assert result.exit_code == 0, result.output
    page = (project.root / "site/hebei/xingtai/pingxiang/xinfangju/2022/budget/performance/index.html").read_text(encoding="utf-8")
    kind = re.search(r"<dt>类别</dt><dd><a [^>]*>([^<]*)</a>", page)
    assert kind is not None and kind.group(1) == "部门预算（绩效目标）"
    assert "完成情况" not in page
    # A project's funds are its 项目资金; the whole department's table (湖南's 部门整体支出绩效目标表) prints its 资金总额.
    assert "项目资金：" in page
    whole = TARGETS.replace("title: 绩效指标\n    project: 信访接待经费\n", "title: 部门整体支出绩效目标表\n")
    (folder / "2022-budget-performance.yml").write_text(whole, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--project", str(project.root)])
    assert result.exit_code == 0, result.output
    page = (project.root / "site/hebei/xingtai/pingxiang/xinfangju/2022/budget/performance/index.html").read_text(encoding="utf-8")
    assert "资金总额：" in page and "项目资金：" not in page


def test_an_evaluation_covering_performance_still_reports_its_completion() -> None:
    """A 决算 or a 自评 does report how the targets were met."""
    for kind in ("final-accounts", "self-evaluation"):
        doc = m.Document.model_validate(
            {"department": "a/b", "year": 2022, "kind": kind, "covers": ["performance"], "title": "t", "body": [{"type": "text", "text": "t"}]}
        )
        assert m.document_kind_label(doc).endswith("（绩效目标与完成情况）")
