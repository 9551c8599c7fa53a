"""How Chinese readers read the narrative's sentences: wordings that state correct figures raise nothing,
and the same wordings with a wrong figure are still reported.

Each test paraphrases a wording published in real 部门预算、决算 disclosures (names and figures changed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_narrative_checks import run

FISCAL_FINAL = """\
- type: heading
  text: {heading}
- type: text
  text: |
    {text}
- type: table
  role: final-summary
  title: 收入支出决算总表
  unit: 万元
  sides:
    - id: income
      title: 收入
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{id: general, label: 一般公共预算财政拨款收入, values: [300.00]}}
        - {{id: other, label: 其他收入, values: [50.00]}}
        - {{id: total-income, label: 本年收入合计, values: [350.00]}}
        - {{id: carryover-start, label: 年初结转和结余, values: [16.40]}}
        - {{id: grand-total, label: 总计, values: [366.40]}}
    - id: expenditure
      title: 支出
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{label: 农林水支出, values: [340.00]}}
        - {{id: total-expenditure, label: 本年支出合计, values: [340.00]}}
        - {{id: carryover-end, label: 年末结转和结余, values: [26.40]}}
        - {{id: grand-total, label: 总计, values: [366.40]}}
- type: table
  role: final-fiscal-summary
  title: 财政拨款收入支出决算总表
  unit: 万元
  sides:
    - id: income
      title: 收入
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{id: general, label: 一般公共预算财政拨款, values: [300.00]}}
        - {{id: total-income, label: 本年收入合计, values: [300.00]}}
        - {{id: carryover-start, label: 年初财政拨款结转和结余, values: [12.00]}}
        - {{id: grand-total, label: 总计, values: [312.00]}}
    - id: expenditure
      title: 支出
      columns:
        - {{id: total, label: 合计}}
        - {{id: general, label: 一般公共预算财政拨款}}
      rows:
        - {{label: 农林水支出, values: [290.00, 290.00]}}
        - {{id: total-expenditure, label: 本年支出合计, values: [290.00, 290.00]}}
        - {{id: carryover-end, label: 年末财政拨款结转和结余, values: [22.00, 22.00]}}
        - {{id: grand-total, label: 总计, values: [312.00, 312.00]}}
"""
FISCAL_HEADING = "二、财政拨款收入支出决算总体情况说明"
ALL_HEADING = "一、收入支出决算总体情况说明"


def _figures(found: list) -> list[tuple[str, str, str]]:
    return [(p.code, str(p.stated), str(p.computed)) for p in found if p.code in ("text-figure-mismatch", "text-rate-mismatch")]


# --------------------------------------------------------------------------- 财政拨款 totals named without 财政拨款


@pytest.mark.parametrize(
    "text",
    [
        # The sentence is about 财政拨款 money: its 收支总计 and carry-overs are the 财政拨款 table's.
        "2024年度财政拨款收入300.00万元，上年结转和结余12.00万元，收支总计312.00万元。",
        "2024年度财政拨款收入300.00万元，年初结转和结余12.00万元，收入总计312.00万元；支出290.00万元，年末结转和结余22.00万元，支出总计312.00万元。",
        # Under the 财政拨款 heading, a bare 收支总计 may be the section's: not judged against the all-funds total.
        "本年度收支总计312.00万元，比上年增加12.00万元。",
    ],
)
def test_the_totals_of_the_fiscal_section_are_the_fiscal_tables(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=FISCAL_HEADING, text=text))
    assert _figures(found) == []


def test_a_wrong_fiscal_total_is_still_reported(tmp_path: Path) -> None:
    text = "2024年度财政拨款收入300.00万元，上年结转和结余12.00万元，收支总计321.00万元。"
    found, _ = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=FISCAL_HEADING, text=text))
    assert _figures(found) == [("text-figure-mismatch", "321.00", "312.00")]


@pytest.mark.parametrize(
    ("text", "stated", "table"),
    [
        # Every source named: the all-funds totals, whatever the heading.
        ("2024年度财政拨款收入300.00万元，其他收入50.00万元，上年结转和结余16.40万元，收入总计376.40万元。", "376.40", "366.40"),
        ("2024年度收入总计376.40万元，其中：本年收入350.00万元，年初结转和结余16.40万元。", "376.40", "366.40"),
        # 财政拨款 named only as a part: a total that is neither the department's nor the 财政拨款 table's is still wrong.
        ("2024年度收入总计366.40万元，其中财政拨款收入300.00万元；支出总计360.00万元。", "360.00", "366.40"),
    ],
)
def test_the_all_funds_totals_are_still_checked(tmp_path: Path, text: str, stated: str, table: str) -> None:
    found, _ = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=ALL_HEADING, text=text))
    assert _figures(found) == [("text-figure-mismatch", stated, table)]


# --------------------------------------------------------------------------- the “三公” lists

THREE_PUBLIC = """\
- type: text
  text: |
    {text}
- type: table
  role: final-three-public
  title: 财政拨款“三公”经费支出决算表
  unit: 万元
  columns:
    - {{id: total-budget, label: 预算数, group: [合计]}}
    - {{id: total-actual, label: 决算数, group: [合计]}}
    - {{id: overseas-budget, label: 预算数, group: [因公出国（境）费]}}
    - {{id: overseas-actual, label: 决算数, group: [因公出国（境）费]}}
    - {{id: reception-budget, label: 预算数, group: [公务接待费]}}
    - {{id: reception-actual, label: 决算数, group: [公务接待费]}}
    - {{id: overseas-groups, label: 因公出国（境）团组数}}
    - {{id: overseas-people, label: 因公出国（境）人次数}}
    - {{id: reception-batches, label: 国内公务接待批次}}
    - {{id: reception-people, label: 国内公务接待人次}}
  rows:
    - {{id: total, label: "", values: [86.50, 71.20, 50.00, 41.70, 36.50, 29.50, 3, 9, 45, 310]}}
"""
TWO_LISTS = (
    "2023年度“三公”经费年初预算86.50万元，其中：因公出国（境）费{a}万元，公务接待费36.50万元，"
    "实际支出71.20万元，其中：因公出国（境）费{b}万元，公务接待费29.50万元。"
)


def test_two_lists_joined_by_a_comma_are_each_of_their_own_total(tmp_path: Path) -> None:
    """A second 其中 ends the first list: the figure it divides is the second total, not the first list's last part."""
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=TWO_LISTS.format(a="50.00", b="41.70")))
    assert _figures(found) == []


@pytest.mark.parametrize(("a", "b", "expected"), [("55.00", "41.70", ("55.00", "50.00")), ("50.00", "47.10", ("47.10", "41.70"))])
def test_a_wrong_part_in_either_of_two_lists_is_still_reported(tmp_path: Path, a: str, b: str, expected: tuple[str, str]) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=TWO_LISTS.format(a=a, b=b)))
    assert _figures(found) == [("text-figure-mismatch", *expected)]


# --------------------------------------------------------------------------- counts of the “三公” table


@pytest.mark.parametrize(
    "text",
    [
        # Parts before their 合计.
        "因公出国（境）费41.70万元，本单位组团出访2个团组6人次，参加其他单位组团1个团组3人次，合计因公出国（境）团组3个、9人次。",
        "因公出国（境）费41.70万元，本单位组织出国（境）团组2个，参加其他单位组织的出国（境）团组1个，共计3个。",
        # Parts after 其中 in the same sentence as their total, whatever the total's measure word.
        "全年因公出国（境）团组3个，9人次，其中参加培训1个团组4人次。",
        "公务接待费29.50万元，全年接待45批，310人，其中市外来访接待12批次，96人次。",
        "全年共接待50批次，330人次，其中：国内公务接待45批次，310人次。",
    ],
)
def test_part_counts_of_a_stated_count_are_not_the_years(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert _figures(found) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("因公出国（境）费41.70万元，本单位组团出访2个团组6人次，参加其他单位组团1个团组3人次，合计因公出国（境）团组4个、9人次。", ("4", "3")),
        ("全年因公出国（境）团组3个，11人次，其中参加培训1个团组4人次。", ("11", "9")),
        ("公务接待费29.50万元，国内公务接待45批次，301人次，其中市外来访接待12批次，96人次。", ("301", "310")),
        # A part named 国内 is what the table's 国内 column prints, after 其中 or not.
        ("全年共接待50批次，330人次，其中：国内公务接待40批次，310人次。", ("40", "45")),
    ],
)
def test_a_wrong_count_total_beside_its_parts_is_still_reported(tmp_path: Path, text: str, expected: tuple[str, str]) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert _figures(found) == [("text-figure-mismatch", *expected)]


# --------------------------------------------------------------------------- the 一般公共预算财政拨款 section

GENERAL_SECTION = """\
- type: heading
  text: 三、一般公共预算财政拨款支出决算情况说明
- type: text
  text: |
    {text}
- type: table
  role: final-summary
  title: 收入支出决算总表
  unit: 万元
  sides:
    - id: income
      title: 收入
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{id: general, label: 一般公共预算财政拨款收入, values: [700.00]}}
        - {{id: business, label: 事业收入, values: [120.40]}}
        - {{id: total-income, label: 本年收入合计, values: [820.40]}}
    - id: expenditure
      title: 支出
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{label: 教育支出, values: [820.40]}}
        - {{id: total-expenditure, label: 本年支出合计, values: [820.40]}}
- type: table
  role: final-general-expenditure
  title: 一般公共预算财政拨款支出决算表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{code: "205", label: 教育支出, values: [700.00, 600.00, 100.00]}}
    - {{id: total, label: 合计, values: [700.00, 600.00, 100.00]}}
"""


def test_a_list_of_the_all_funds_total_under_the_general_heading_is_of_all_funds(tmp_path: Path) -> None:
    text = "本年度一般公共预算财政拨款支出700.00万元。本单位全年支出820.40万元，其中教育支出820.40万元，含事业收入安排120.40万元。"
    found, _ = run(tmp_path, 2024, "final-accounts", GENERAL_SECTION.format(text=text))
    assert _figures(found) == []


@pytest.mark.parametrize(
    "text",
    [
        "教育支出770.00万元，主要用于学校的人员和公用经费。",
        "本年度支出700.00万元，其中教育支出770.00万元。",
    ],
)
def test_a_class_of_the_general_section_is_still_the_general_tables(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2024, "final-accounts", GENERAL_SECTION.format(text=text))
    assert _figures(found) == [("text-figure-mismatch", "770.00", "700.00")]


@pytest.mark.parametrize(
    "text",
    [
        # The parts add up to the actual, though a budget or a rate stands between it and 其中.
        "“三公”经费预算数86.50万元，决算数71.20万元，完成预算的82.31%，其中：因公出国（境）费41.70万元，公务接待费29.50万元。",
        "2023年“三公”经费支出71.20万元，年初预算为86.50万元，其中：因公出国（境）费支出41.70万元，公务接待费支出29.50万元。",
        # Each part's actual in brackets is an aside: the parts themselves are the budget's.
        "2023年“三公”经费预算86.50万元，其中：因公出国（境）费50.00万元（实际支出41.70万元），公务接待费36.50万元（实际支出29.50万元）。",
    ],
)
def test_a_list_is_of_the_total_its_parts_add_up_to(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert _figures(found) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2023年“三公”经费支出71.20万元，年初预算为86.50万元，其中：因公出国（境）费支出41.70万元，公务接待费支出25.90万元。",
            ("25.90", "29.50"),
        ),
        (
            "2023年“三公”经费预算86.50万元，其中：因公出国（境）费50.00万元（实际支出41.70万元），公务接待费39.50万元（实际支出29.50万元）。",
            ("39.50", "36.50"),
        ),
    ],
)
def test_a_wrong_part_of_a_list_beside_two_totals_is_still_reported(tmp_path: Path, text: str, expected: tuple[str, str]) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert ("text-figure-mismatch", *expected) in _figures(found)


# --------------------------------------------------------------------------- a figure changed into another

BUDGET_THREE_PUBLIC = """\
- type: text
  text: |
    {text}
- type: table
  role: budget-three-public
  title: 一般公共预算“三公”经费支出预算表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
    - {{id: overseas, label: 因公出国（境）费}}
    - {{id: vehicle, label: 小计, group: [公务用车购置及运行费]}}
    - {{id: vehicle-purchase, label: 公务用车购置费, group: [公务用车购置及运行费]}}
    - {{id: vehicle-operation, label: 公务用车运行费, group: [公务用车购置及运行费]}}
    - {{id: reception, label: 公务接待费}}
  rows:
    - {{id: total, label: "", values: [41.60, 0, 30.60, 0, 30.60, 11.00]}}
"""


@pytest.mark.parametrize("word", ["减少到", "下降至", "压减到", "降至"])
@pytest.mark.parametrize("since", ["", "由"])
def test_the_figure_before_changed_into_is_the_earlier_one(tmp_path: Path, word: str, since: str) -> None:
    text = f"“三公”经费2025年预算41.60万元，比2024年预算46.10万元减少4.50万元，其中：公务用车运行费{since}35.10万元{word}30.60万元。"
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=text))
    assert _figures(found) == []


@pytest.mark.parametrize("word", ["减少到", "减少至", "下降至", "下降到", "降低至", "降为", "压减至"])
def test_a_change_from_one_figure_into_another_is_not_paired_with_the_sentences_first(tmp_path: Path, word: str) -> None:
    """“总数A，与上年相比，某项由B减少到C”: B became C; A is another item's, not what B is compared with."""
    text = f"“三公”经费预算41.60万元，与2024年相比，公务用车运行费由35.10万元{word}30.60万元。"
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=text))
    assert [p.code for p in found if p.code.startswith("text-")] == []


def test_a_change_into_a_larger_figure_said_to_be_a_decrease_is_still_reported(tmp_path: Path) -> None:
    text = "“三公”经费预算41.60万元，与2024年相比，公务用车运行费由25.10万元减少到30.60万元。"
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=text))
    assert [p.code for p in found if p.code.startswith("text-")] == ["text-direction-mismatch"]


def test_the_figure_it_changed_into_is_still_checked(tmp_path: Path) -> None:
    text = "“三公”经费2025年预算41.60万元，比2024年预算46.10万元减少4.50万元，其中：公务用车运行费35.10万元减少到36.00万元。"
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=text))
    assert _figures(found) == [("text-figure-mismatch", "36.00", "30.60")]


# --------------------------------------------------------------------------- shares after “。其中”


def test_an_income_part_is_not_a_share_of_the_spending_the_sentence_before_ends_with(tmp_path: Path) -> None:
    text = "2024年度收入350.00万元，较上年增加50.00万元，增长16.67%。支出340.00万元。其中：财政拨款收入300.00万元，占85.71%。"
    found, _ = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=ALL_HEADING, text=text))
    assert _figures(found) == []


def test_a_share_of_the_total_the_sentence_before_ends_with_is_still_checked(tmp_path: Path) -> None:
    text = "2024年度支出340.00万元。其中：农林水支出340.00万元，占90%。"
    found, _ = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=ALL_HEADING, text=text))
    assert [f[0] for f in _figures(found)] == ["text-rate-mismatch"]


def test_what_a_figure_changed_into_is_not_the_change(tmp_path: Path) -> None:
    text = "“三公”经费预算41.60万元，与2024年相比，公务用车运行费由35.10万元减少为30.60万元。"
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=text))
    assert [p.code for p in found if p.code.startswith("text-")] == []


# --------------------------------------------------------------------------- “由B减少到C，减少D，下降x%”

CHANGED_INTO = "“三公”经费预算41.60万元，与2024年相比，公务用车运行费由35.10万元减少到30.60万元，{after}。"


@pytest.mark.parametrize("after", ["减少4.50万元", "下降12.82%", "减少4.50万元，下降12.82%", "同比减少4.50万元"])
def test_by_how_much_said_after_what_it_became_is_right(tmp_path: Path, after: str) -> None:
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=CHANGED_INTO.format(after=after)))
    assert [p.code for p in found if p.code.startswith("text-")] == []


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        ("减少5.50万元", ("text-rate-mismatch", "5.50", "4.50")),
        ("下降15.82%", ("text-rate-mismatch", "15.82", "12.8205")),
        ("减少4.50万元，下降15.82%", ("text-rate-mismatch", "15.82", "12.8205")),
    ],
)
def test_a_wrong_change_said_after_what_it_became_is_reported(tmp_path: Path, after: str, expected: tuple[str, str, str]) -> None:
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=CHANGED_INTO.format(after=after)))
    assert _figures(found) == [expected]


# --------------------------------------------------------------------------- “A由…到…，B由…到…”

TWO_CHANGES = "“三公”经费预算41.60万元，比上年减少4.50万元，其中公务用车运行费{a}30.60万元，公务接待费{b}。"


@pytest.mark.parametrize("since", ["由", "从"])
def test_each_of_two_changes_from_one_figure_into_another_is_right(tmp_path: Path, since: str) -> None:
    text = TWO_CHANGES.format(a=f"{since}35.10万元减少到", b=f"{since}12.00万元减少到11.00万元，减少1.00万元")
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=text))
    assert [p.code for p in found if p.code.startswith("text-")] == []


@pytest.mark.parametrize(
    ("b", "expected"),
    [
        # What the second item became is the table's; by how much is what it was and became.
        ("由12.00万元减少到10.00万元", ("text-figure-mismatch", "10.00", "11.00")),
        ("由12.00万元减少到11.00万元，减少2.00万元", ("text-rate-mismatch", "2.00", "1.00")),
    ],
)
def test_a_wrong_figure_in_the_second_change_is_reported(tmp_path: Path, b: str, expected: tuple[str, str, str]) -> None:
    text = TWO_CHANGES.format(a="由35.10万元减少到", b=b)
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=text))
    assert _figures(found) == [expected]


# --------------------------------------------------------------------------- a class's own 基本支出 and 项目支出

BY_CLASS = """\
- type: text
  text: |
    {text}
- type: table
  role: budget-general-expenditure
  title: 一般公共预算支出情况表
  unit: 元
  columns:
    - {{id: total, label: 合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{code: "201", label: 一般公共服务支出, values: [2825943.77, 2356443.77, 469500]}}
    - {{code: "20101", label: 人大事务, values: [2825943.77, 2356443.77, 469500]}}
    - {{code: "2010108", label: 代表工作, values: [2825943.77, 2356443.77, 469500]}}
    - {{code: "221", label: 住房保障支出, values: [119816.81, 119816.81, ~]}}
    - {{code: "22102", label: 住房改革支出, values: [119816.81, 119816.81, ~]}}
    - {{code: "2210201", label: 住房公积金, values: [119816.81, 119816.81, ~]}}
    - {{id: total, label: 合计, values: [2945760.58, 2476260.58, 469500]}}
"""


@pytest.mark.parametrize(
    "text",
    [
        "1.一般公共服务支出类科目 2825943.77 元,其中:基本支出 2356443.77 元,项目支出 469500 元。"
        "2.住房保障支出类科目 119816.81 元,其中:基本支出 119816.81 元,项目支出 0元。",
        # A row printed with its code, named by its name alone.
        "代表工作 2825943.77 元，其中：基本支出 2356443.77 元，项目支出 469500 元。住房公积金119816.81元，其中：基本支出119816.81元。",
        # The department's own parts are still the 合计 row's.
        "一般公共预算支出2945760.58元，其中：基本支出2476260.58元，项目支出469500元。",
    ],
)
def test_the_parts_after_a_class_are_that_classs_own(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2024, "budget", BY_CLASS.format(text=text))
    assert [p.code for p in found if p.code.startswith("text-")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("住房保障支出类科目 119816.81 元,其中:基本支出 119816.18 元,项目支出 0元。", ("text-figure-mismatch", "119816.18", "119816.81")),
        ("住房保障支出类科目 119861.81 元,其中:基本支出 119816.81 元,项目支出 0元。", ("text-figure-mismatch", "119861.81", "119816.81")),
        ("代表工作 2825943.77 元，其中：基本支出 2356443.77 元，项目支出 46950 元。", ("text-figure-mismatch", "46950", "469500")),
    ],
)
def test_a_wrong_part_of_a_class_is_reported_against_that_class(tmp_path: Path, text: str, expected: tuple[str, str, str]) -> None:
    found, _ = run(tmp_path, 2024, "budget", BY_CLASS.format(text=text))
    assert _figures(found) == [expected]


# --------------------------------------------------------------------------- money of other sources, other bodies

FISCAL_BUDGET = """\
- type: text
  text: |
    {text}
- type: table
  role: budget-fiscal-summary
  title: 财政拨款收支总体情况表
  unit: 元
  sides:
    - id: income
      title: 财政拨款收入
      columns:
        - {{id: budget, label: 预算数}}
      rows:
        - {{id: general, label: 一般公共预算拨款, values: [1650000.00]}}
        - {{id: grand-total, label: 收入总计, values: [1650000.00]}}
    - id: expenditure
      title: 财政拨款支出
      columns:
        - {{id: total, label: 合计}}
        - {{id: general, label: 一般公共预算}}
      rows:
        - {{label: 科学技术支出, values: [1650000.00, 1650000.00]}}
        - {{id: grand-total, label: 支出总计, values: [1650000.00, 1650000.00]}}
"""


def test_purchases_divided_by_the_source_of_their_money_are_not_the_years_income(tmp_path: Path) -> None:
    text = "2023年政府采购预算17000元。按政府采购资金类型划分，一般公共预算拨款17000元，财政专户管理的资金安排0元。"
    found, _ = run(tmp_path, 2023, "budget", FISCAL_BUDGET.format(text=text))
    assert _figures(found) == []


def test_the_years_income_by_its_own_name_is_still_checked(tmp_path: Path) -> None:
    text = "2023年政府采购预算17000元。2023年收入预算中，一般公共预算拨款1560000元。"
    found, _ = run(tmp_path, 2023, "budget", FISCAL_BUDGET.format(text=text))
    assert _figures(found) == [("text-figure-mismatch", "1560000", "1650000.00")]


ALL_SOURCES = "2025年全口径安排“三公”经费支出预算51.60万元。其中，当年预算资金安排的“三公”经费支出预算{own}万元，{other}安排的“三公”经费支出预算10.00万元。"


@pytest.mark.parametrize("other", ["上年结转资金", "单位资金"])
def test_the_part_paid_from_other_money_is_not_the_tables(tmp_path: Path, other: str) -> None:
    text = ALL_SOURCES.format(own="41.60", other=other)
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=text))
    assert [p.code for p in found if p.code.startswith("text-")] == []


def test_the_part_paid_from_the_years_appropriation_is_still_the_tables(tmp_path: Path) -> None:
    text = ALL_SOURCES.format(own="42.60", other="上年结转资金")
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=text))
    assert [f[:2] for f in _figures(found)] == [("text-figure-mismatch", "42.60")]


UNITS = (
    "本部门下属共有6个事业单位，事业运行经费总预算安排37337407.64元，其中：基本支出预算488180.64元，"
    "项目支出预算36849227元，同比增加27125219.46元，增长{rate}%。"
)


def test_the_split_of_subordinate_units_money_is_theirs_and_the_rate_is_of_its_total(tmp_path: Path) -> None:
    found, _ = run(tmp_path, 2024, "budget", BY_CLASS.format(text=UNITS.format(rate="265.6")))
    assert [p.code for p in found if p.code.startswith("text-")] == []


def test_a_wrong_rate_of_the_units_total_is_still_reported(tmp_path: Path) -> None:
    found, _ = run(tmp_path, 2024, "budget", BY_CLASS.format(text=UNITS.format(rate="256.6")))
    assert [f[0] for f in _figures(found)] == ["text-rate-mismatch"]


SHARES_TWICE = (
    "2025年支出总预算1085203.63元，其中：基本支出预算1037103.63元，占支出总预算的95.57%；项目支出预算48100元，占支出总预算的4.43%。"
    "（一）文化旅游体育与传媒支出850088.3元，占支出总预算78.33%；（二）社会保障和就业支出116433.12元，占支出总预算10.73%；"
    "（三）卫生健康支出43897.73元，占支出总预算4.04%；（四）住房保障支出74784.48元，占支出总预算{last}%。"
)


def test_a_share_raised_to_make_a_second_division_of_the_same_whole_add_up_is_a_notice(tmp_path: Path) -> None:
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=SHARES_TWICE.format(last="6.90")))
    assert _figures(found) == []
    assert "rounding-difference" in [p.code for p in found]


def test_a_wrong_share_in_a_second_division_is_still_an_error(tmp_path: Path) -> None:
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=SHARES_TWICE.format(last="7.90")))
    assert [f[:2] for f in _figures(found)] == [("text-rate-mismatch", "7.90")]


# --------------------------------------------------------------------------- figures typed full-width

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“三公”经费预算４１．６０万元，比上年减少４．５０万元，下降９．７６％。", []),
        ("“三公”经费预算４６．１０万元。", [("text-figure-mismatch", "46.10", "41.60")]),
        ("“三公”经费预算41.60万元，比上年减少4.50万元，下降９．７６％。", []),
        ("“三公”经费预算41.60万元，比上年减少4.50万元，下降１９．７６％。", [("text-rate-mismatch", "19.76", "9.7614")]),
    ],
)
def test_full_width_figures_are_read_as_a_reader_reads_them(tmp_path: Path, text: str, expected: list[tuple[str, str, str]]) -> None:
    found, _ = run(tmp_path, 2025, "budget", BUDGET_THREE_PUBLIC.format(text=text))
    assert _figures(found) == expected


@pytest.mark.parametrize(("figure", "expected"), [("119，816.81", []), ("119，861.81", [("text-figure-mismatch", "119861.81", "119816.81")])])
def test_a_full_width_comma_between_digit_groups_is_a_thousands_separator(tmp_path: Path, figure: str, expected: list[tuple[str, str, str]]) -> None:
    text = f"住房保障支出类科目{figure}元，其中：基本支出119816.81元。"
    found, _ = run(tmp_path, 2024, "budget", BY_CLASS.format(text=text))
    assert _figures(found) == expected


# --------------------------------------------------------------------------- 本年收入合计: the department's, or the 财政拨款 table's


@pytest.mark.parametrize(
    ("heading", "text", "found"),
    [
        # All the money (其他收入 beside 财政拨款): the 收入支出决算总表's 350.00; digits swapped are a slip.
        (ALL_HEADING, "本年收入合计350.00万元，其中：财政拨款收入300.00万元，其他收入50.00万元。", []),
        (ALL_HEADING, "本年收入合计530.00万元，其中：财政拨款收入300.00万元，其他收入50.00万元。", [("text-figure-mismatch", "530.00", "350.00")]),
        # Under the 财政拨款 heading the same words may be that table's 本年收入合计 (300.00): right either way.
        (FISCAL_HEADING, "本年收入合计300.00万元，年初结转和结余12.00万元。", []),
        (FISCAL_HEADING, "财政拨款本年支出合计290.00万元。", []),
        (FISCAL_HEADING, "本年收入合计330.00万元，年初结转和结余12.00万元。", [("text-figure-mismatch", "330.00", "350.00")]),
    ],
)
def test_the_year_s_income_total_is_the_department_s_unless_the_words_speak_of_fiscal_money(
    tmp_path: Path, heading: str, text: str, found: list[tuple[str, str, str]]
) -> None:
    """The 财政拨款 table prints its own “本年收入合计”: it made the all-funds figure ambiguous, so a mistyped one passed."""
    got, _ = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=heading, text=text))
    assert [f for f in _figures(got) if f[0] == "text-figure-mismatch"] == found


# --------------------------------------------------------------------------- shares after a total and its change


@pytest.mark.parametrize(
    "text",
    [
        # 天津 wording: the total, its change, then the list of sources with their shares of the total.
        "2024年度收入总计366.40万元，与2023年决算相比增加16.40万元，其中：一般公共预算财政拨款收入300.00万元，占81.88%；其他收入50.00万元，占13.65%。",
        "本年收入合计350.00万元，比上年增加500.00万元，其中：一般公共预算财政拨款收入300.00万元，占85.71%；其他收入50.00万元，占14.29%。",
        "本年收入合计350.00万元，较上年减少20.50万元，其中：一般公共预算财政拨款收入300.00万元，占85.71%。",
    ],
)
def test_the_shares_after_a_total_and_its_change_are_of_the_total(tmp_path: Path, text: str) -> None:
    """“收入总计A，与上年相比增加B，其中：…占x%”: a reader takes the shares of A; B is a comparison, not the whole."""
    found, _ = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=ALL_HEADING, text=text))
    assert _figures(found) == []


def test_a_wrong_share_after_a_total_and_its_change_is_still_reported(tmp_path: Path) -> None:
    text = "2024年度收入总计366.40万元，与2023年决算相比增加16.40万元，其中：一般公共预算财政拨款收入300.00万元，占71.88%；其他收入50.00万元，占13.65%。"
    found, text = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=ALL_HEADING, text=text))
    assert _figures(found) == [("text-rate-mismatch", "71.88", "81.8777")]
    assert "300.00 ÷ 366.40" in found[0].message


# --------------------------------------------------------------------------- 财政拨款收入总计, 财政拨款支出总计


@pytest.mark.parametrize(
    "text",
    [
        # The 财政拨款 table's 总计 (with what was carried over) …
        "2024年度财政拨款收入总计312.00万元，与2023年度相比增加12.00万元，增长4.00%；财政拨款支出总计312.00万元，与2023年度相比增加12.00万元，增长4.00%。",
        # … or, as many real texts write it, the year's 本年收入合计 and 本年支出合计: either reading is right.
        "2024年度财政拨款收入总计300.00万元，财政拨款支出总计290.00万元。",
    ],
)
def test_the_fiscal_income_total_is_a_row_of_the_fiscal_table(tmp_path: Path, text: str) -> None:
    """“财政拨款收入总计” is not the “财政拨款收入” of the year with a word left over."""
    found, _ = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=FISCAL_HEADING, text=text))
    assert _figures(found) == []


@pytest.mark.parametrize(
    "text",
    ["2024年度财政拨款收入、支出总计均为321.00万元。", "2024年度财政拨款收、支总计均为321.00万元。"],
)
def test_a_wrong_fiscal_grand_total_named_for_both_sides_is_reported(tmp_path: Path, text: str) -> None:
    found, text = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=FISCAL_HEADING, text=text))
    assert _figures(found) == [("text-figure-mismatch", "321.00", "312.00")]
    assert "财政拨款收入支出决算总表" in found[0].message


# --------------------------------------------------------------------------- 增支, 节约, 少支出: words of a change of spending


@pytest.mark.parametrize("word", ["节约", "减支", "少支出", "压缩", "缩减", "节省", "回落", "少"])
def test_a_saving_said_in_a_finance_word_is_a_change(tmp_path: Path, word: str) -> None:
    """“比上年节约8.80万元，下降11.00%”: 8.80 is by how much it fell, not last year's figure."""
    text = f"2023年度“三公”经费财政拨款支出决算71.20万元，比上年{word}8.80万元，下降11.00%。"
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert [p.code for p in found if p.code.startswith("text-")] == []


@pytest.mark.parametrize("word", ["增支", "多支出", "超支", "多"])
def test_more_spent_said_in_a_finance_word_is_a_change(tmp_path: Path, word: str) -> None:
    text = f"2023年度“三公”经费财政拨款支出决算71.20万元，比上年{word}7.12万元，增长11.11%。"
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert [p.code for p in found if p.code.startswith("text-")] == []


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("比上年节约8.80万元，下降13.00%", ("text-rate-mismatch", "13.00")),
        ("比上年增支8.80万元，下降11.00%", ("text-direction-mismatch", "None")),
    ],
)
def test_a_wrong_rate_or_direction_after_a_finance_word_is_still_reported(tmp_path: Path, said: str, expected: tuple[str, str]) -> None:
    text = f"2023年度“三公”经费财政拨款支出决算71.20万元，{said}。"
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert [(p.code, str(p.stated)) for p in found if p.code.startswith("text-")] == [expected]


# --------------------------------------------------------------------------- “三公”经费决算数小于预算数 after its parts

OVER_ONE_PART = """\
- type: text
  text: |
    {text}
- type: table
  role: final-three-public
  title: 财政拨款“三公”经费支出决算表
  unit: 万元
  columns:
    - {{id: total-budget, label: 预算数, group: [合计]}}
    - {{id: total-actual, label: 决算数, group: [合计]}}
    - {{id: vehicle-budget, label: 预算数, group: [公务用车购置及运行维护费]}}
    - {{id: vehicle-actual, label: 决算数, group: [公务用车购置及运行维护费]}}
    - {{id: reception-budget, label: 预算数, group: [公务接待费]}}
    - {{id: reception-actual, label: 决算数, group: [公务接待费]}}
  rows:
    - {{id: total, label: "", values: [25.00, 22.70, 17.00, 13.70, 8.00, 9.00]}}
"""
OVER_ONE_PART_TEXT = (
    "2023年度“三公”经费财政拨款支出预算为25.00万元，支出决算为22.70万元，完成预算的90.80%。其中：公务接待费支出预算为8.00万元，"
    "支出决算为9.00万元，完成预算的112.50%。2023年度“三公”经费支出决算数{word}预算数的主要原因是：厉行节约。"
)


def test_the_total_named_before_budget_against_actual_is_the_one_compared(tmp_path: Path) -> None:
    """The sentence names the “三公” total: 22.70 < 25.00, whatever its last part (接待费 9.00 > 8.00) did."""
    found, _ = run(tmp_path, 2023, "final-accounts", OVER_ONE_PART.format(text=OVER_ONE_PART_TEXT.format(word="小于")))
    assert [p.code for p in found if p.code.startswith("text-")] == []


def test_a_wrong_budget_against_actual_of_the_named_total_is_reported_with_its_figures(tmp_path: Path) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", OVER_ONE_PART.format(text=OVER_ONE_PART_TEXT.format(word="大于")))
    assert [p.code for p in found if p.code.startswith("text-")] == ["text-direction-mismatch"]
    assert "决算数 22.7 万元、预算数 25 万元" in found[0].message


# --------------------------------------------------------------------------- counts of other bodies' groups and of guests from abroad


@pytest.mark.parametrize(
    "text",
    [
        # 江苏 wording: the groups other units organised, which staff joined, are not the department's own groups.
        "本部门2023年度因公出国（境）团组数3个、参加其他单位组织的因公出国（境）团组数2个、因公出国（境）人次数9人。",
        "本部门2023年度因公出国（境）团组数3个、参加其他单位组织的因公出国（境）团组数0个。",
        # The receptions of guests from abroad are not the 国内 columns'.
        "2023年国内公务接待批次45个，接待人次310人；国（境）外公务接待批次2个，接待人次15人。",
    ],
)
def test_counts_of_other_bodies_groups_and_of_guests_from_abroad_are_not_the_tables(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert [p.code for p in found if p.code.startswith("text-")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本部门2023年度因公出国（境）团组数4个、参加其他单位组织的因公出国（境）团组数2个。", ("4", "3")),
        # 人次 counted in 人: compared as the 人次数 it names.
        ("本部门2023年度因公出国（境）团组数3个、因公出国（境）人次数8人。", ("8", "9")),
        ("2023年国内公务接待批次45个，接待人次301人；国（境）外公务接待批次2个，接待人次15人。", ("301", "310")),
    ],
)
def test_the_departments_own_counts_beside_them_are_still_compared(tmp_path: Path, text: str, expected: tuple[str, str]) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert [(p.code, str(p.stated), str(p.computed)) for p in found if p.code.startswith("text-")] == [("text-figure-mismatch", *expected)]


# --------------------------------------------------------------------------- 基本支出, 项目支出 of all funds beside the 一般公共预算 table's

TWO_SPENDINGS = """\
- type: heading
  text: {heading}
- type: text
  text: |
    {text}
- type: table
  role: final-expenditure
  title: 支出决算表
  unit: 万元
  columns:
    - {{id: total, label: 本年支出合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{id: total, label: 合计, values: [4021.94, 2719.24, 1302.70]}}
    - {{code: "210", label: 卫生健康支出, values: [4021.94, 2719.24, 1302.70]}}
- type: table
  role: final-general-expenditure
  title: 一般公共预算财政拨款支出决算表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{id: total, label: 合计, values: [1264.92, 1154.41, 110.51]}}
    - {{code: "210", label: 卫生健康支出, values: [1264.92, 1154.41, 110.51]}}
"""
SPENDING_HEADING = "三、支出决算情况说明"
GENERAL_HEADING = "五、一般公共预算财政拨款支出决算情况说明"


@pytest.mark.parametrize(
    ("heading", "text", "found"),
    [
        # A hospital's spending of all funds: its 基本支出 and 项目支出 are the 支出决算表's, and a slip is reported.
        (SPENDING_HEADING, "2020年本年支出合计4021.94万元，其中：基本支出2719.24万元；项目支出1302.70万元。", []),
        (SPENDING_HEADING, "2020年本年支出合计4021.94万元，其中：基本支出2791.24万元；项目支出1302.70万元。", [("2791.24", "2719.24")]),
        ("第三部分 情况说明", "2020年本年支出合计4021.94万元，其中：基本支出2719.24万元；项目支出1320.70万元。", [("1320.70", "1302.70")]),
        (SPENDING_HEADING, "2020年基本支出2791.24万元，项目支出1302.70万元。", [("2791.24", "2719.24")]),
        # The 一般公共预算 section's figures are that table's: right there, and not judged against all funds.
        (GENERAL_HEADING, "2020年一般公共预算财政拨款支出1264.92万元，其中：基本支出1154.41万元；项目支出110.51万元。", []),
        (GENERAL_HEADING, "2020年基本支出1154.41万元，项目支出110.51万元。", []),
    ],
)
def test_basic_and_project_spending_of_all_funds_are_the_spending_tables(
    tmp_path: Path, heading: str, text: str, found: list[tuple[str, str]]
) -> None:
    """Both tables print 基本支出 and 项目支出; where the words speak of all the spending, a mistyped one was let pass as ambiguous."""
    got, _ = run(tmp_path, 2020, "final-accounts", TWO_SPENDINGS.format(heading=heading, text=text))
    assert [(str(p.stated), str(p.computed)) for p in got if p.code == "text-figure-mismatch"] == found


# --------------------------------------------------------------------------- the sources listed after a fund's

SOURCES = """\
- type: text
  text: |
    {text}
- type: table
  role: final-summary
  title: 收入支出决算总表
  unit: 万元
  sides:
    - id: income
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{id: general, label: 一、一般公共预算财政拨款收入, values: [1008.64]}}
        - {{id: gov-fund, label: 二、政府性基金预算财政拨款收入, values: [605.99]}}
        - {{id: business, label: 五、事业收入, values: [2148.69]}}
        - {{id: other, label: 八、其他收入, values: [2.34]}}
        - {{id: total-income, label: 本年收入合计, values: [3765.66]}}
"""
SOURCES_TEXT = (
    "2020年本年收入合计3765.66万元，其中：一般公共预算财政拨款收入1008.64万元，占26.79%；"
    "政府性基金预算财政拨款收入605.99万元，占16.09%；事业收入{business}万元；其他收入{other}万元。"
)


def test_the_sources_listed_after_a_funds_income_are_right(tmp_path: Path) -> None:
    found, _ = run(tmp_path, 2020, "final-accounts", SOURCES.format(text=SOURCES_TEXT.format(business="2148.69", other="2.34")))
    assert _figures(found) == []


def test_a_wrong_source_listed_after_a_funds_income_is_reported(tmp_path: Path) -> None:
    """The fund's name before them made 事业收入 and 其他收入 look for that fund's table, which prints neither: a slip passed."""
    found, _ = run(tmp_path, 2020, "final-accounts", SOURCES.format(text=SOURCES_TEXT.format(business="2184.69", other="3.24")))
    assert _figures(found) == [("text-figure-mismatch", "2184.69", "2148.69"), ("text-figure-mismatch", "3.24", "2.34")]


@pytest.mark.parametrize(("figure", "found"), [("1264.92", []), ("1246.92", [("1246.92", "1264.92")])])
def test_a_class_named_with_its_level_before_spending_is_the_class(tmp_path: Path, figure: str, found: list[tuple[str, str]]) -> None:
    """“卫生健康（类）支出X万元” (the national template's 结构情况 wording) names class 210, as “卫生健康支出（类）” does."""
    text = f"2020年一般公共预算财政拨款支出1264.92万元，主要用于以下方面：卫生健康（类）支出{figure}万元。"
    got, _ = run(tmp_path, 2020, "final-accounts", TWO_SPENDINGS.format(heading=GENERAL_HEADING, text=text))
    assert [(str(p.stated), str(p.computed)) for p in got if p.code == "text-figure-mismatch"] == found


UNIT_SPENDING = """\
- type: text
  text: |
    {text}
- type: table
  role: final-expenditure
  title: 支出决算表
  unit: 万元
  columns:
    - {{id: total, label: 本年支出合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
    - {{id: operating, label: 经营支出}}
    - {{id: subsidiary, label: 对附属单位补助支出}}
  rows:
    - {{id: total, label: 合计, values: [1000.00, 600.00, 300.00, 70.00, 30.00]}}
    - {{code: "205", label: 教育支出, values: [1000.00, 600.00, 300.00, 70.00, 30.00]}}
"""


@pytest.mark.parametrize(
    ("operating", "subsidiary", "found"),
    [("70.00", "30.00", []), ("77.00", "30.00", [("77.00", "70.00")]), ("70.00", "3.00", [("3.00", "30.00")])],
)
def test_a_units_operating_and_subsidiary_spending_are_the_spending_tables(
    tmp_path: Path, operating: str, subsidiary: str, found: list[tuple[str, str]]
) -> None:
    """The 支出决算表 prints a 事业单位's 经营支出 and 对附属单位补助支出 beside 基本支出 and 项目支出: the text's are compared too."""
    text = f"2020年本年支出合计1000.00万元，其中：基本支出600.00万元，项目支出300.00万元，经营支出{operating}万元，对附属单位补助支出{subsidiary}万元。"
    got, _ = run(tmp_path, 2020, "final-accounts", UNIT_SPENDING.format(text=text))
    assert [(str(p.stated), str(p.computed)) for p in got if p.code == "text-figure-mismatch"] == found


# --------------------------------------------------------------------------- completion rates beside a comparison

COMPLETED_THEN_COMPARED = (
    "2023年度“三公”经费财政拨款支出决算为71.20万元，完成预算的{total}%，比上年增加7.12万元，增长{rise}%。"
    "其中：公务接待费支出决算为29.50万元，完成预算36.50万元的{reception}%，比上年减少2.95万元，下降9.09%。"
)


def test_completion_rates_before_a_comparison_are_right(tmp_path: Path) -> None:
    text = COMPLETED_THEN_COMPARED.format(total="82.31", rise="11.11", reception="80.82")
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert [p.code for p in found if p.code.startswith("text-")] == []


@pytest.mark.parametrize(
    ("total", "rise", "reception", "expected"),
    [
        # 完成预算的x% without the budget's figure: the table's 预算数 of the same item (86.50).
        ("85.31", "11.11", "80.82", ("85.31", "82.3121")),
        # The budget inside the clause (完成预算36.50万元的x%) is the one meant.
        ("82.31", "11.11", "70.82", ("70.82", "80.8219")),
        # A completion clause between the figure and its comparison no longer hides the comparison.
        ("82.31", "13.11", "80.82", ("13.11", "11.1111")),
    ],
)
def test_a_wrong_completion_or_growth_rate_beside_each_other_is_reported(
    tmp_path: Path, total: str, rise: str, reception: str, expected: tuple[str, str]
) -> None:
    text = COMPLETED_THEN_COMPARED.format(total=total, rise=rise, reception=reception)
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert [(p.code, str(p.stated), str(p.computed)) for p in found if p.code.startswith("text-")] == [("text-rate-mismatch", *expected)]


# --------------------------------------------------------------------------- shares of a whole named with its phase, and after a comparison

SHARES_OF_THREE = (
    "因公出国（境）费支出决算41.70万元，占“三公”经费财政拨款支出决算的{overseas}%；"
    "公务接待费支出决算29.50万元，比上年减少2.95万元，下降9.09%，占“三公”经费的{reception}%。"
)


def test_shares_of_the_three_public_total_named_with_its_phase_or_after_a_comparison_are_right(tmp_path: Path) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=SHARES_OF_THREE.format(overseas="58.57", reception="41.43")))
    assert [p.code for p in found if p.code.startswith("text-")] == []


@pytest.mark.parametrize(
    ("overseas", "reception", "expected"),
    [("48.57", "41.43", ("48.57", "58.5674")), ("58.57", "45.43", ("45.43", "41.4326"))],
)
def test_a_wrong_share_of_the_three_public_total_is_reported(tmp_path: Path, overseas: str, reception: str, expected: tuple[str, str]) -> None:
    """“占“三公”经费财政拨款支出决算的x%” and a share said after the comparison (“比上年减少…，下降…，占…的x%”) were not checked."""
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=SHARES_OF_THREE.format(overseas=overseas, reception=reception)))
    assert [(p.code, str(p.stated), str(p.computed)) for p in found if p.code.startswith("text-")] == [("text-rate-mismatch", *expected)]


# --------------------------------------------------------------------------- “与上年相比，收入总计…；支出总计…”

BOTH_TOTALS_COMPARED = "2024年度收入总计366.40万元，支出总计366.40万元。与2023年相比，收入总计增加16.40万元，增长4.69%；支出总计{second}。"


def test_the_second_total_of_one_comparison_is_right(tmp_path: Path) -> None:
    text = BOTH_TOTALS_COMPARED.format(second="增加26.40万元，增长7.76%")
    found, _ = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=ALL_HEADING, text=text))
    assert [p.code for p in found if p.code.startswith("text-")] == []


@pytest.mark.parametrize(
    ("second", "expected"),
    [("增加26.40万元，增长8.76%", ("text-rate-mismatch", "8.76")), ("增加26.40万元，下降7.76%", ("text-direction-mismatch", "None"))],
)
def test_a_wrong_rate_or_direction_of_the_second_total_is_reported(tmp_path: Path, second: str, expected: tuple[str, str]) -> None:
    """The statement after the ； compares the 支出总计 as the first compares the 收入总计: it was not read."""
    text = BOTH_TOTALS_COMPARED.format(second=second)
    found, _ = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=ALL_HEADING, text=text))
    assert [(p.code, str(p.stated)) for p in found if p.code.startswith("text-")] == [expected]


# --------------------------------------------------------------------------- 决算数大于预算数 beside the completion rate


@pytest.mark.parametrize(
    ("rate", "word", "found"),
    [
        ("88.50", "小于", []),
        ("100", "大于", []),  # 100% may be 100.4% rounded: either way
        ("88.50", "大于", ["text-direction-mismatch"]),
        ("112.30", "小于", ["text-direction-mismatch"]),
    ],
)
def test_budget_against_actual_is_judged_by_the_completion_rate_beside_it(tmp_path: Path, rate: str, word: str, found: list[str]) -> None:
    """No table prints the budget of the 一般公共预算 spending of a 决算, but the sentence's completion rate settles the direction."""
    text = f"2020年一般公共预算财政拨款支出决算为1264.92万元，完成年初预算的{rate}%，决算数{word}年初预算数的主要原因是项目调整。"
    got, _ = run(tmp_path, 2020, "final-accounts", TWO_SPENDINGS.format(heading=GENERAL_HEADING, text=text))
    assert [p.code for p in got if p.code.startswith("text-")] == found


def test_a_rate_of_the_adjusted_budget_says_nothing_of_the_initial_one(tmp_path: Path) -> None:
    """98% of the adjusted budget, more than the initial one: money added during the year makes both true."""
    text = "2020年一般公共预算财政拨款支出决算为1264.92万元，完成调整预算的98.00%，决算数大于年初预算数的主要原因是追加了项目。"
    got, _ = run(tmp_path, 2020, "final-accounts", TWO_SPENDINGS.format(heading=GENERAL_HEADING, text=text))
    assert [p.code for p in got if p.code.startswith("text-")] == []


# --------------------------------------------------------------------------- messages: a comparison with the budget, an outline number


def test_a_wrong_direction_against_the_budget_is_told_as_budget_and_actual(tmp_path: Path) -> None:
    """There is no 上年 in “比年初预算增加”: the message names the 年初预算数 and the 决算数 the editor can find."""
    text = "卫生健康支出（类）：年初预算为1300.00万元，支出决算为1264.92万元，比年初预算增加35.08万元，增长2.70%。"
    got, _ = run(tmp_path, 2020, "final-accounts", TWO_SPENDINGS.format(heading=GENERAL_HEADING, text=text))
    found = [p for p in got if p.code.startswith("text-")]
    assert [p.code for p in found] == ["text-direction-mismatch"]
    assert "年初预算数是 1300 万元，比决算数的 1264.92 万元多：应是减少" in found[0].message
    assert "上年" not in found[0].message


def test_an_outline_number_is_not_quoted_as_part_of_the_items_name(tmp_path: Path) -> None:
    text = "（一）卫生健康支出（类）：年初预算1300.00万元，支出决算1246.92万元。"
    got, _ = run(tmp_path, 2020, "final-accounts", TWO_SPENDINGS.format(heading=GENERAL_HEADING, text=text))
    found = [p for p in got if p.code == "text-figure-mismatch"]
    assert len(found) == 1 and found[0].message.startswith("正文中“卫生健康支出（类）”的“支出决算”")


def test_a_wrong_rate_of_a_fall_is_shown_as_what_was_lost(tmp_path: Path) -> None:
    """The formula of a fall no longer reads as a negative figure with a positive result."""
    text = "2023年度公务接待费支出决算29.50万元，比上年的32.45万元减少2.95万元，下降9.90%。"
    found, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    rates = [p for p in found if p.code == "text-rate-mismatch"]
    assert [p.message for p in rates] == ["正文“下降9.90%”与所列数字不符：（32.45 − 29.50）÷ 32.45 × 100 = 9.09。"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("2020年本年收入合计3765.66万元，其中：一般公共预算拨款1008.64万元，政府性基金预算拨款605.99万元，事业收入2148.69万元。", []),
        ("2020年本年收入合计3765.66万元，其中：一般公共预算拨款1080.64万元，政府性基金预算拨款605.99万元，事业收入2148.69万元。", [("1080.64", "1008.64")]),
        # The same words in a statement of spending name what was paid from that money: not the income.
        ("2020年本年支出合计3765.66万元，其中：一般公共预算拨款1080.64万元。", []),
        # … and in a statement of the carry-over, the carry-over's part.
        ("年初结转和结余收入21.63万元，其中：一般公共预算拨款21.63万元。", []),
    ],
)
def test_general_appropriation_in_a_list_of_income_is_the_income(tmp_path: Path, text: str, found: list[tuple[str, str]]) -> None:
    """“一般公共预算拨款744.03万元” (a 重庆 school's budget, without 收入) was never compared."""
    got, _ = run(tmp_path, 2020, "final-accounts", SOURCES.format(text=text))
    assert [(str(p.stated), str(p.computed)) for p in got if p.code == "text-figure-mismatch"] == found


# --------------------------------------------------------------------------- paired lists: “收、支总计各是A、B万元…各增加a、b万元，各增长x%、y%”

PAIRED = "2024年度收、支总计各是366.40、366.40万元。与2023年相比，收、支总计各{word}16.40、26.40万元，各{rate_word}{x}%、{y}%。"


def test_paired_totals_and_their_changes_are_read_pairwise(tmp_path: Path) -> None:
    text = PAIRED.format(word="增加", rate_word="增长", x="4.69", y="7.76")
    found, _ = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=ALL_HEADING, text=text))
    assert [p.code for p in found if p.code.startswith("text-")] == []


@pytest.mark.parametrize(
    ("word", "rate_word", "x", "y", "expected"),
    [
        ("增加", "增长", "4.69", "8.76", [("text-rate-mismatch", "8.76")]),
        ("增加", "增长", "5.69", "7.76", [("text-rate-mismatch", "5.69")]),
        ("增加", "下降", "4.69", "7.76", [("text-direction-mismatch", "None")]),
    ],
)
def test_a_wrong_rate_of_paired_totals_is_reported(
    tmp_path: Path, word: str, rate_word: str, x: str, y: str, expected: list[tuple[str, str]]
) -> None:
    """The 四川 and 云南 templates list both totals, both changes and both rates: none of them was read."""
    text = PAIRED.format(word=word, rate_word=rate_word, x=x, y=y)
    found, _ = run(tmp_path, 2024, "final-accounts", FISCAL_FINAL.format(heading=ALL_HEADING, text=text))
    assert [(p.code, str(p.stated)) for p in found if p.code.startswith("text-")] == expected


# --------------------------------------------------------------------------- a second comparison of the same figure

TWICE_COMPARED = "2023年度“三公”经费财政拨款支出决算71.20万元，比2022年度增加7.12万元，增长11.11%，比年初预算减少15.30万元，下降{rate}%。"


@pytest.mark.parametrize(("rate", "found"), [("17.69", []), ("18.00", [("text-rate-mismatch", "18.00")])])
def test_a_second_comparison_of_the_same_figure_is_checked(tmp_path: Path, rate: str, found: list[tuple[str, str]]) -> None:
    """“…，比2022年度增加…，增长…，比年初预算减少15.30万元，下降x%”: the second comparison is of the same 71.20 (15.30 ÷ 86.50)."""
    got, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=TWICE_COMPARED.format(rate=rate)))
    assert [(p.code, str(p.stated)) for p in got if p.code.startswith("text-")] == found


@pytest.mark.parametrize(("rate", "found"), [("82.31", []), ("85.31", [("text-rate-mismatch", "85.31")])])
def test_a_completion_rate_said_as_the_actual_being_a_share_of_the_budget_is_checked(
    tmp_path: Path, rate: str, found: list[tuple[str, str]]
) -> None:
    """“决算数为年初预算的x%” is a completion rate in other words."""
    text = f"2023年度“三公”经费财政拨款支出年初预算为86.50万元，支出决算为71.20万元，决算数为年初预算的{rate}%。"
    got, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert [(p.code, str(p.stated)) for p in got if p.code.startswith("text-")] == found


@pytest.mark.parametrize(("figure", "found"), [("71.20", []), ("17.12", [("17.12", "71.20")])])
def test_an_item_named_after_its_phase_is_still_the_item(tmp_path: Path, figure: str, found: list[tuple[str, str]]) -> None:
    """“实际支出“三公经费”决算为…”: the phase said before the name does not hide the item."""
    text = f"2023年度实际支出“三公经费”决算为{figure}万元。"
    got, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert [(str(p.stated), str(p.computed)) for p in got if p.code == "text-figure-mismatch"] == found


@pytest.mark.parametrize(("rate", "found"), [("11.11", []), ("12.11", [("text-rate-mismatch", "12.11")])])
def test_a_change_of_an_item_whose_figure_only_the_table_prints_is_checked(tmp_path: Path, rate: str, found: list[tuple[str, str]]) -> None:
    """““三公”经费财政拨款支出决算比2022年度增加7.12万元，增长x%”: the year's figure is the table's 71.20."""
    text = f"2023年度“三公”经费财政拨款支出决算比2022年度增加7.12万元，增长{rate}%。"
    got, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert [(p.code, str(p.stated)) for p in got if p.code.startswith("text-")] == found


@pytest.mark.parametrize(("share", "found"), [("58.57", []), ("48.57", [("text-rate-mismatch", "48.57")])])
def test_shares_of_figures_only_the_table_prints_are_checked(tmp_path: Path, share: str, found: list[tuple[str, str]]) -> None:
    """江苏 wording: ““三公”经费财政拨款支出决算中，因公出国（境）费支出决算占x%” names the part and the whole, not their figures."""
    text = f"2023年度“三公”经费财政拨款支出决算中，因公出国（境）费支出决算占{share}%，公务接待费支出决算占41.43%。"
    got, _ = run(tmp_path, 2023, "final-accounts", THREE_PUBLIC.format(text=text))
    assert [(p.code, str(p.stated)) for p in got if p.code.startswith("text-")] == found


@pytest.mark.parametrize(("rate", "found"), [("104.63", []), ("100", [("text-rate-mismatch", "100")])])
def test_a_completion_rate_beside_the_amount_over_budget_is_checked(tmp_path: Path, rate: str, found: list[tuple[str, str]]) -> None:
    """A 天水 kindergarten's text: “完成年初预算100%，决算数大于预算数55.93万元” cannot both hold (the budget is 1264.92 − 55.93)."""
    text = f"本单位一般公共预算财政拨款支出1264.92万元，与上年相比减少53.70万元，降低4.07%；完成年初预算{rate}%，决算数大于预算数55.93万元。"
    got, _ = run(tmp_path, 2020, "final-accounts", TWO_SPENDINGS.format(heading=GENERAL_HEADING, text=text))
    assert [(p.code, str(p.stated)) for p in got if p.code.startswith("text-")] == found
