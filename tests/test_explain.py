"""What readers are told of an acknowledged discrepancy: the facts of the editor's message, never its instructions."""

from __future__ import annotations

import re

import pubgen.checks  # noqa: F401  (registers every rule)
from pubgen.checks.registry import RULES
from pubgen.explain import for_readers, without_instructions
from pubgen.problems import Problem

EXAMPLES = [(code, m) for code, r in RULES.items() for m in re.findall(r"例：`([^`]+)`", r.doc)]


def test_every_rules_example_message_keeps_its_facts_and_loses_its_instructions() -> None:
    assert len(EXAMPLES) > 30
    for code, message in EXAMPLES:
        told = without_instructions(message)
        assert "请" not in told, (code, told)
        # “原文如此则确认差异” and “原表确是如此时，请确认并说明” are the editor's choice, not news to a reader.
        assert "确认" not in told and not re.search(r"如此[则时]", told), (code, told)
        assert not any(s.startswith(("若", "如果")) for s in re.split(r"(?<=[。；])", told)), (code, told)
        # “照上年文档改写时是否漏改了这个数？” is asked of the editor: a reader is told what the original prints.
        assert "？" not in told and "。。" not in told, (code, told)


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


def test_a_computed_figure_in_a_message_is_told_to_readers_at_the_printed_precision() -> None:
    """The check computes last year's change to four decimals; the text prints it to two, and so does the reader's note.
    The editor's message keeps every digit (it is what an acknowledgement is matched against)."""
    from decimal import Decimal

    stated, computed = "3255.65", "3355.6428"
    message = (
        f"正文说18976.76万元比上年增加{stated}万元，而上年文档的“收入总表”中“收入总计”是 156211123元："
        f"按它应增加 {computed}万元（相差 {Decimal(computed) - Decimal(stated)}）。照上年文档改写时是否漏改了这个数？"
    )
    problem = Problem("text-last-year-mismatch", message, "f.yml", stated=stated, computed=computed, acknowledged="原文如此印。")
    told = for_readers(problem, in_table=False)
    found = re.search(r"按它应增加 (\d+\.\d+)万元（相差 (\d+\.\d+)）。发布单位说明：原文如此印。$", told)
    assert found, told
    shown, difference = found.groups()
    assert len(shown.split(".")[1]) == len(difference.split(".")[1]) == len(stated.split(".")[1])
    assert abs(Decimal(shown) - Decimal(computed)) <= Decimal("0.005") and abs(Decimal(difference) - (Decimal(computed) - Decimal(stated))) <= Decimal("0.005")
    assert "18976.76万元" in told and "156211123元" in told  # the figures as printed are told as printed


def test_a_figure_a_message_quotes_as_printed_keeps_its_digits_and_a_conversion_is_rounded() -> None:
    """A table printing 2159.022416 is quoted so; 3503499 元 worked out in 万元 beside a text printing two decimals is not
    told to four."""
    from decimal import Decimal

    printed = "正文中“住房公积金”写作 2100.5 万元，而“支出总表”中“住房公积金”的“合计”是 2159.022416 万元：正文应与表格一致，请照原文核对。"
    told = for_readers(Problem("text-figure-mismatch", printed, "f.yml", stated="2100.5", computed="2159.022416", acknowledged="原文如此印。"), False)
    assert "是 2159.022416 万元。" in told
    cell, stated = "3503499", "352.67"
    converted = format(Decimal(cell) / 10000, "f")
    message = f"正文中“住房公积金”写作 {stated} 万元，而“支出总表”中“住房公积金”的“合计”是 {cell} 元（合 {converted} 万元）：正文应与表格一致，请照原文核对。"
    told = for_readers(Problem("text-figure-mismatch", message, "f.yml", stated=stated, computed=converted, acknowledged="原文如此印。"), False)
    found = re.search(rf"是 {cell} 元（合 (\d+\.\d+) 万元）。", told)
    assert found and len(found.group(1).split(".")[1]) == 2 and abs(Decimal(found.group(1)) - Decimal(converted)) <= Decimal("0.005"), told


def test_a_content_files_name_in_a_message_is_not_told_to_readers() -> None:
    """The editor is told which file last year's figure is in; a reader of the page has no use for a repository's path."""
    message = (
        "正文说18976.76万元比上年增加3255.65万元，而上年文档 content/documents/hebei/xingtai/pingxiang/xinfangju/2020-budget.yml 的"
        "“收入总表”中“收入总计”是 15621.11万元：按它应增加 3355.65万元（相差 100.00）。照上年文档改写时是否漏改了这个数？"
    )
    problem = Problem("text-last-year-mismatch", message, "f.yml", stated="3255.65", computed="3355.65", acknowledged="原文如此印。")
    told = for_readers(problem, in_table=False)
    assert ".yml" not in told and "content/" not in told, told
    assert "而上年文档的“收入总表”中“收入总计”是 15621.11万元" in told, told
