"""The staff table (人员情况) as departments print it: 实有人数 is 在职 + 离休 + 退休, and most print no 离休 column."""

from __future__ import annotations

from pathlib import Path

import pytest

from pubgen.pipeline import Project, check

SITE = "title: 部门预决算公开平台\nunit: 万元\n"
REGIONS = "regions:\n  - {slug: henan, name: 河南省, level: province}\n"


def staff_problems(tmp_path: Path, columns: list[tuple[str, str]], values: list[int]) -> list[tuple[str, int, str]]:
    content = tmp_path / "content"
    (content / "departments/henan").mkdir(parents=True)
    (content / "site.yml").write_text(SITE, encoding="utf-8")
    (content / "regions.yml").write_text(REGIONS, encoding="utf-8")
    (content / "departments/henan/scj.yml").write_text("slug: scj\nregion: henan\nname: 某市场监督管理局\n", encoding="utf-8")
    cols = "\n".join(f"      - {{id: {i}, label: {label}, unit: 人}}" for i, label in columns)
    text = f"""\
department: henan/scj
year: 2024
kind: self-evaluation
title: 某市场监督管理局2024年度部门整体支出绩效自评报告
body:
  - type: table
    role: staff
    title: 人员情况
    columns:
{cols}
    rows:
      - {{label: 某市场监督管理局, values: {values}}}
"""
    path = content / "documents/henan/scj/2024-self-evaluation.yml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return [(p.code, p.line, p.message) for p in check(Project(tmp_path)).sorted() if p.code.endswith("sum-mismatch")]


FOUR = [("establishment", "编制数"), ("total", "实有人数"), ("in-service", "在职人员"), ("retired", "退休人员")]


def test_without_a_lixiu_column_the_total_is_in_service_and_retired(tmp_path: Path) -> None:
    assert staff_problems(tmp_path / "right", FOUR, [236, 258, 205, 53]) == []
    found = staff_problems(tmp_path / "wrong", FOUR, [236, 258, 250, 53])
    written = (tmp_path / "wrong/content/documents/henan/scj/2024-self-evaluation.yml").read_text(encoding="utf-8").splitlines()
    row_line = next(n for n, line in enumerate(written, start=1) if "values: [236, 258, 250, 53]" in line)
    assert [(code, line) for code, line, _ in found] == [("column-sum-mismatch", row_line)]
    assert "“实有人数” 258 ≠ 在职人员＋退休人员 = 303" in found[0][2]


@pytest.mark.parametrize(
    ("columns", "values"),
    [
        # With 离休: 200 + 5 + 53.
        (FOUR[:3] + [("retired-cadres", "离休人员")] + FOUR[3:], [236, 258, 200, 5, 53]),
        # 实有人数 beside 退休人员 with no 在职 column: the 实有 are the staff in service, and the two are not added.
        ([FOUR[0], FOUR[1], FOUR[3]], [236, 205, 53]),
    ],
)
def test_other_layouts_are_not_summed_wrongly(tmp_path: Path, columns: list[tuple[str, str]], values: list[int]) -> None:
    assert staff_problems(tmp_path, columns, values) == []
