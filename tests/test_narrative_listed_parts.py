"""Totals of a text-only 单位预算 against the sources and functional classes its “其中” lists, as an editor reads them.

The sentences are the 重庆 区县 template of a 单位预算情况说明 (“（一）收入预算：2025年年初预算数…，其中：…”), whose
tables are in an attachment: these sentences are the only place a reader sees the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_narrative_checks import place_of, run

TAILONG_INCOME = (
    "(一)收入预算:2025年年初预算数1211.02万元,其中:一般公共预算拨款224.10万元,政府性基金预算拨款 0万元,国有资本经营预算收入 0万元,"
    "事业收入986.92万元,事业单位经营收入0 万元,其他收入{other}万元。收入较2024年增加124.29万元,主要是一般公共预算拨款减少0.98万元,"
    "事业收入增加125.27万元。"
)
SHUILI_INCOME = (
    "(一)收入预算:2026年年初预算数3,009.40万元,其中:一般公共预算拨款2,970.17万元,政府性基金预算拨款0万元,国有资本经营预算收入0万元,"
    "事业收入0万元,事业单位经营收入0万元,其他收入{other}万元,上年结转结余资金7.23万元;收入较去年增加126.92万元,"
    "主要是一般公共预算拨款增加98.09万元,其他收入增加31.60万元,上年结转结余资金减少2.77万元"
)
SHUILI_SPENDING = (
    "(二)支出预算:2026年年初预算数3,009.40万元,其中:一般公共服务支出2,380.31万元,教育支出6.69万元,社会保障和就业支出454.71万元,"
    "卫生健康支出75.2万元,住房保障支出{housing}万元;支出较去年增加126.92万元,主要是基本支出增加99.40万元,项目支出增加27.52万元。"
)


def text_block(*paragraphs: str) -> str:
    return "- type: text\n  text: |\n" + "\n\n".join(f"    {p}" for p in paragraphs) + "\n"


def parts_found(tmp_path: Path, year: int, *paragraphs: str) -> tuple[list[tuple[str, str, tuple[int, int]]], str]:
    found, text = run(tmp_path, year, "budget", text_block(*paragraphs))
    return [(p.code, p.message, (p.line, p.column)) for p in found if p.code in ("text-parts-mismatch", "rounding-difference")], text


def test_income_sources_under_a_heading_add_up_to_the_years_budget(tmp_path: Path) -> None:
    """太龙镇中心卫生院 2025: the sources add to 1211.12 against a printed 1211.02 — the 0.10 is the 其他收入 itself."""
    found, text = parts_found(tmp_path, 2025, TAILONG_INCOME.format(other="0.10"))
    assert found == [
        (
            "text-parts-mismatch",
            "正文的收入预算 1211.02 万元与“其中”所列一般公共预算财政拨款、政府性基金预算财政拨款、国有资本经营预算财政拨款、事业收入、"
            "经营收入、其他收入之和不符：224.10 + 0 + 0 + 986.92 + 0 + 0.10 = 1211.12 万元（没有列出的收入来源只会使总数更大）。",
            place_of(text, "1211.02"),
        )
    ]
    found, _ = parts_found(tmp_path / "right", 2025, TAILONG_INCOME.format(other="0"))
    assert found == []


def test_a_list_closed_by_a_semicolon_is_not_broken_by_the_changes_after_it(tmp_path: Path) -> None:
    """垫江水利管理站 2026: “…上年结转结余资金7.23万元;收入较去年增加…,主要是一般公共预算拨款增加98.09万元” — the changes after
    the ；are not parts; a list that prints its 0s goes through every source, so 42 for 32 is an error."""
    found, text = parts_found(tmp_path, 2026, SHUILI_INCOME.format(other="42"))
    assert [(code, place) for code, _, place in found] == [("text-parts-mismatch", place_of(text, "3,009.40"))]
    assert "2970.17 + 0 + 0 + 0 + 0 + 42 + 7.23 = 3019.4 万元" in found[0][1]
    found, _ = parts_found(tmp_path / "right", 2026, SHUILI_INCOME.format(other="32"))
    assert found == []


def test_functional_classes_adding_up_to_more_than_the_spending(tmp_path: Path) -> None:
    """垫江水利管理站 2026 with 住房保障支出 102.49 for 92.49: the classes add up to more than the 支出预算."""
    found, text = parts_found(tmp_path, 2026, SHUILI_SPENDING.format(housing="102.49"))
    assert found == [
        (
            "text-parts-mismatch",
            "正文的支出预算 3009.40 万元与“其中”所列一般公共服务支出、教育支出、社会保障和就业支出、卫生健康支出、住房保障支出之和不符："
            "2380.31 + 6.69 + 454.71 + 75.2 + 102.49 = 3019.4 万元（没有列出的支出功能分类只会使总数更大）。",
            place_of(text, "3,009.40"),
        )
    ]
    found, _ = parts_found(tmp_path / "right", 2026, SHUILI_SPENDING.format(housing="92.49"))
    assert found == []


@pytest.mark.parametrize(
    "listed",
    [
        # The main classes only, adding up to less: the rest may be left out.
        "2026年支出预算3009.40万元,其中:社会保障和就业支出454.71万元,卫生健康支出75.2万元。",
        # A class's own figure is divided by its 款, not by classes.
        "一般公共服务支出3009.40万元,其中:社会保障和就业支出454.71万元,其他支出75.2万元。",
        # A 0 among the main classes said to be the main ones does not make the list whole.
        "2026年支出预算3009.40万元,主要用于以下方面,其中:教育支出0万元,卫生健康支出75.2万元。",
        # Not every figure of the list is a class: not a list of the classes.
        "2026年支出预算3009.40万元,其中:基本支出0万元,卫生健康支出75.2万元。",
    ],
)
def test_a_list_of_classes_that_may_be_partial_is_silent_below_the_whole(tmp_path: Path, listed: str) -> None:
    found, _ = parts_found(tmp_path, 2026, listed)
    assert found == []


def test_a_list_of_classes_printing_a_zero_goes_through_them_all(tmp_path: Path) -> None:
    """太龙 2025's spending side: “一般公共服务支出预算0 万元,教育支出预算0 万元,…” names every class, so it must add up —
    here 住房保障支出 17.11 for 27.11 leaves it 10 short."""
    paragraph = (
        "(二)支出预算:2025年年初预算数1211.02万元,其中:一般公共服务支出预算0 万元,教育支出预算0 万元,社会保障和就业支出预算144.52万元,"
        "卫生健康支出预算1039.39万元,住房保障支出预算 {housing}万元。支出预算较2024年增加124.29万元。"
    )
    found, text = parts_found(tmp_path, 2025, paragraph.format(housing="17.11"))
    assert [(code, place) for code, _, place in found] == [("text-parts-mismatch", place_of(text, "1211.02"))]
    assert "0 + 0 + 144.52 + 1039.39 + 17.11 = 1201.02 万元（所列各类中有印作 0 的，可见是逐类列全的）" in found[0][1]
    found, _ = parts_found(tmp_path / "right", 2025, paragraph.format(housing="27.11"))
    assert found == []


def test_a_hospitals_fiscal_project_spending_is_its_project_spending(tmp_path: Path) -> None:
    """云南省中西医结合医院 2017: “其中财政项目补助支出683.20万元,基本支出7095.35万元” (医院会计制度的名称) — judged like
    项目支出 for adding up to more than the whole, never for falling short (科教项目支出 may be left out)."""
    paragraph = "2017年总支出7778.55万元,其中财政项目补助支出683.20万元,基本支出{basic}万元。"
    found, text = run(tmp_path, 2017, "final-accounts", text_block(paragraph.format(basic="7195.35")))
    assert [(p.code, p.message, (p.line, p.column)) for p in found if p.code == "text-parts-mismatch"] == [
        (
            "text-parts-mismatch",
            "正文的支出 7778.55 万元与“其中”所列财政项目补助支出、基本支出之和不符：683.20 + 7195.35 = 7878.55 万元（没有列出的上缴上级支出等只会使总数更大）。",
            place_of(text, "7778.55"),
        )
    ]
    for basic in ("7095.35", "6995.35"):
        found, _ = run(tmp_path / basic, 2017, "final-accounts", text_block(paragraph.format(basic=basic)))
        assert [p for p in found if p.code == "text-parts-mismatch"] == []


def final_parts_found(tmp_path: Path, paragraph: str) -> tuple[list[tuple[str, str, tuple[int, int]]], str]:
    found, text = run(tmp_path, 2024, "final-accounts", text_block(paragraph))
    return [(p.code, p.message, (p.line, p.column)) for p in found if p.code in ("text-parts-mismatch", "rounding-difference")], text


def test_a_list_of_classes_goes_on_after_a_semicolon(tmp_path: Path) -> None:
    """Classes parted by “；”, one with its use after it: the list is read whole, its 0 class makes it complete, and it adds up."""
    paragraph = (
        "2024年度支出决算1000.00万元，其中：农林水支出900.00万元，教育支出0万元；社会保障和就业支出60.00万元，主要用于养老保险缴费；"
        "卫生健康支出20.00万元；住房保障支出{housing}万元。"
    )
    found, _ = final_parts_found(tmp_path, paragraph.format(housing="20.00"))
    assert found == []
    found, text = final_parts_found(tmp_path / "wrong", paragraph.format(housing="10.00"))
    assert found == [
        (
            "text-parts-mismatch",
            "正文的支出决算 1000.00 万元与“其中”所列农林水支出、教育支出、社会保障和就业支出、卫生健康支出、住房保障支出之和不符："
            "900.00 + 0 + 60.00 + 20.00 + 10.00 = 990 万元（所列各类中有印作 0 的，可见是逐类列全的）。",
            place_of(text, "1000.00"),
        )
    ]


@pytest.mark.parametrize("ending", ["等几个方面", "等方面", "等支出", "等"])
def test_a_list_of_classes_ending_with_deng_may_leave_classes_out(tmp_path: Path, ending: str) -> None:
    """“……住房保障支出50.00万元等几个方面”: a list that says 等 leaves classes out, even when it prints a 0 class."""
    paragraph = (
        "2024年度支出决算600.00万元，其中：一般公共服务支出400.00万元，教育支出0万元，社会保障和就业支出60.00万元，"
        f"卫生健康支出20.00万元，住房保障支出50.00万元{ending}。"
    )
    found, _ = final_parts_found(tmp_path, paragraph)
    assert found == []


def test_a_final_accounts_spending_grand_total_holds_its_carry_over(tmp_path: Path) -> None:
    """A 决算's 支出总计 holds the 年末结转和结余: its classes may add up to less, never to more."""
    paragraph = (
        "2024年度支出总计1500.00万元，其中：一般公共服务支出0万元，社会保障和就业支出{social}万元，卫生健康支出80.00万元，"
        "住房保障支出70.00万元。"
    )
    found, _ = final_parts_found(tmp_path, paragraph.format(social="1100.00"))
    assert found == []
    found, text = final_parts_found(tmp_path / "more", paragraph.format(social="1400.00"))
    assert [(code, place) for code, _, place in found] == [("text-parts-mismatch", place_of(text, "1500.00"))]
    assert "0 + 1400.00 + 80.00 + 70.00 = 1550 万元（没有列出的支出功能分类只会使总数更大）" in found[0][1]
