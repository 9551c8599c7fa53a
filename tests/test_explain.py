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
        assert not any(s.startswith(("若", "如果")) for s in re.split(r"(?<=[。；])", told)), (code, told)


def test_advice_for_a_case_is_not_left_half_said_on_the_page() -> None:
    message = (
        "“绩效指标”各指标分值之和（含预算执行率 10 分）为 90，应为 100。"
        "若本表只是总分的一部分（如项目支出绩效自评表的“绩效指标（90分）”），请写上指标分值合计 points。"
    )
    assert without_instructions(message) == "“绩效指标”各指标分值之和（含预算执行率 10 分）为 90，应为 100。"
