"""What readers are told of an acknowledged discrepancy: the facts of the editor's message, never its instructions."""

from __future__ import annotations

import re

import pubgen.checks  # noqa: F401  (registers every rule)
from pubgen.checks.registry import RULES
from pubgen.explain import without_instructions

EXAMPLES = [(code, m) for code, r in RULES.items() for m in re.findall(r"例：`([^`]+)`", r.doc)]


def test_every_rules_example_message_keeps_its_facts_and_loses_its_instructions() -> None:
    assert len(EXAMPLES) > 30
    for code, message in EXAMPLES:
        told = without_instructions(message)
        assert "请" not in told, (code, told)
        # “原文如此则确认差异” and “原表确是如此时，请确认并说明” are the editor's choice, not news to a reader.
        assert "确认" not in told and not re.search(r"如此[则时]", told), (code, told)
        assert not any(s.startswith(("若", "如果")) for s in re.split(r"(?<=[。；])", told)), (code, told)


def test_advice_for_a_case_is_not_left_half_said_on_the_page() -> None:
    message = (
        "“绩效指标”各指标分值之和（含预算执行率 10 分）为 90，应为 100。"
        "若本表只是总分的一部分（如项目支出绩效自评表的“绩效指标（90分）”），请写上指标分值合计 points。"
    )
    assert without_instructions(message) == "“绩效指标”各指标分值之和（含预算执行率 10 分）为 90，应为 100。"


def test_the_editors_choice_of_acknowledging_is_not_left_on_the_page() -> None:
    """A reader was told “原文如此则确认差异，并说明哪一个是实际情况”, as if they were to settle it, or “原表确是如此时。”"""
    empty = "“预算表”注明为空表（“本表为空表”），表中却印有数字：“合计”的“预算数”为 47.91。请照原文核对；原文如此则确认差异，并说明哪一个是实际情况。"
    assert without_instructions(empty) == "“预算表”注明为空表（“本表为空表”），表中却印有数字：“合计”的“预算数”为 47.91。"
    full = "指标“验收通过率”目标 ≥95%，实际完成 90%，却得满分 10 分（分值 10）。请照原表核对实际完成值和得分；原表确是如此时，请确认并说明。"
    assert without_instructions(full) == "指标“验收通过率”目标 ≥95%，实际完成 90%，却得满分 10 分（分值 10）。"


def test_a_rounding_difference_is_not_called_a_total_computed_from_the_table() -> None:
    """326.71 in 表一 against 326.72 for the same class in 表三 is no 合计 of this table's figures."""
    from pubgen.explain import for_readers
    from pubgen.problems import Problem, Severity

    p = Problem("rounding-difference", "…", "x.yml", severity=Severity.NOTICE, field="final-summary.expenditure.social.actual",
                stated="326.71", computed="326.72", acknowledged="两表四舍五入不同。")
    told = for_readers(p, in_table=True)
    assert told == "原文此处为 326.71，与有关数字核算为 326.72，相差在四舍五入误差范围内。发布单位说明：两表四舍五入不同。"
    assert "合计" not in told
