"""Layouts no seed shows: columns per sub-unit, full indicator tables, evaluators, key tasks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pubgen.pipeline import Project, build, check

from .conftest import ROOT

FIXTURE = Path(__file__).parent / "fixtures" / "every-block"
PAGE = "hebei/xingtai/pingxiang/jiaoyuju/2022/final-accounts/index.html"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("every-block")
    shutil.copytree(FIXTURE / "content", root / "content")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return Project(root)


def test_every_block_checks_clean(project: Project) -> None:
    report = check(project)
    assert report.problems == []


def test_every_block_page(project: Project) -> None:
    build(project, project.root / "site")
    page = (project.root / "site" / PAGE).read_text(encoding="utf-8")
    # Columns per sub-unit, summed into the total column.
    for label in ("局机关", "教育技术中心", "合计"):
        assert f'<th scope="col" class="num">{label}</th>' in page
    # Indicator table with operator, target, actual, completion, weight, score and reason.
    for text in ("≥95%", "90%", "✗ 未完成", "✓ 完成", "22.5", "制度保障", "两所学校验收延期。", "差异率=0得满分"):
        assert text in page
    # Evaluators and key tasks linked to projects.
    assert "高级会计师" in page and "平乡县财政局" in page
    assert "义务教育薄弱环节改善项目" in page
    # A table without data is still published, with its note.
    assert "本部门本年度机关运行经费在基本支出中列支，未单独核算。" in page
    # Header, change history, signature.
    assert "<dt>评价机构</dt><dd>平乡县教育局绩效评价小组</dd>" in page
    assert "更正支出决算表中局机关一栏的排版错误" in page
    assert "2023年8月10日" in page


def test_a_wrong_sub_unit_column_is_caught(project: Project, tmp_path: Path) -> None:
    shutil.copytree(project.root, tmp_path / "p")
    doc = tmp_path / "p/content/documents/hebei/xingtai/pingxiang/jiaoyuju/2022-final-accounts.yml"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("[700, 580, 120]", "[700, 580, 121]"), encoding="utf-8")
    codes = sorted((p.code, p.field) for p in check(Project(tmp_path / "p")).problems)
    assert codes == [
        ("column-sum-mismatch", "expenditure.wages.total-col"),
        ("sum-mismatch", "expenditure.basic.zhongxin"),
    ]
