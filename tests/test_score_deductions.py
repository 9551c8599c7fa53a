"""A score table's 扣分项 (points taken off for problems an audit found): written as printed, -2 or 2, with
deduction: true; subtracted from the total, outside the 100 points. A negative score elsewhere is still an error."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pubgen import model as m
from pubgen.pipeline import check

from .test_checks import doc, project

TABLE = """\
- type: scores
  title: 部门整体支出绩效评价指标评分表
  items:
    - {{name: 决策, weight: 20, score: 18.5}}
    - {{name: 过程, weight: 30, score: 27.1}}
    - {{name: 产出, weight: 30, score: 26}}
    - {{name: 效益, weight: 20, score: 17}}
    - {{name: 加分项, weight: 5, score: 2, bonus: true}}
    - {{name: 扣分项, score: {deducted}{deduction}}}
  total_weight: 100
  total: {total}
"""


def found(tmp_path: Path, deducted: str, total: str = "88.6", deduction: str = ", deduction: true") -> list[tuple[str, str]]:
    body = TABLE.format(deducted=deducted, total=total, deduction=deduction)
    report = check(project(tmp_path, doc(2023, "self-evaluation", body)))
    return [(p.code, p.message) for p in report.sorted() if p.code != "missing-section"]


@pytest.mark.parametrize("deducted", ["-2", "2"])
def test_a_deduction_is_subtracted_from_the_total(tmp_path: Path, deducted: str) -> None:
    """18.5 + 27.1 + 26 + 17 + 2 (加分) − 2 (扣分) = 88.6."""
    assert found(tmp_path, deducted) == []


def test_a_total_that_forgets_the_deduction_is_still_wrong(tmp_path: Path) -> None:
    assert [code for code, _ in found(tmp_path, "-2", total="90.6")] == ["score-total-mismatch"]


def test_a_negative_score_that_is_no_deduction_says_how_to_write_one(tmp_path: Path) -> None:
    [(code, message)] = found(tmp_path, "-2", deduction="")
    assert code == "negative-amount" and "deduction: true" in message


def test_the_printed_sign_is_kept() -> None:
    item = m.ScoreItem.model_validate({"name": "扣分项", "score": "-2", "deduction": True})
    assert (item.score, item.counted) == (Decimal("-2"), Decimal("-2"))
    item = m.ScoreItem.model_validate({"name": "扣分项", "score": "2", "deduction": True})
    assert (item.score, item.counted) == (Decimal("2"), Decimal("-2"))
