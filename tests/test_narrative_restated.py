"""A figure the running text states twice, once mistyped, where no table pins it (``text-restated-mismatch``)."""

from __future__ import annotations

from pathlib import Path

from tests.test_narrative_checks import place_of, run

THREE_PUBLIC = """\
- type: text
  text: |
    2023年度“三公”经费财政拨款支出决算中，因公出国（境）费12.02万元，占19.4%；公务用车购置及运行维护费支出27.46万元，占44.2%；公务接待费支出22.59万元，占36.4%。具体情况如下：
- type: text
  text: |
    {reception}
"""


def restated(problems: list) -> list:
    return [p for p in problems if p.code == "text-restated-mismatch"]


def test_a_three_public_part_mistyped_in_its_own_paragraph_is_told_with_both_places(tmp_path: Path) -> None:
    body = THREE_PUBLIC.format(reception="公务接待费支出决算为22.69万元，主要用于接待上级部门检查指导工作。")
    problems, text = run(tmp_path, 2023, "final-accounts", body)
    found = restated(problems)
    assert len(found) == 1
    problem = found[0]
    assert problem.severity.value == "error"
    assert (problem.line, problem.column) == place_of(text, "22.69")
    first_line, _ = place_of(text, "22.59")
    assert f"第 {first_line} 行" in problem.message
    assert "22.59 万元" in problem.message and "22.69 万元" in problem.message
    assert "公务接待费" in problem.message and "2023年决算数" in problem.message


def test_the_same_figure_stated_again_or_printed_to_fewer_decimals_agrees(tmp_path: Path) -> None:
    body = THREE_PUBLIC.format(reception="公务接待费支出决算为22.6万元，主要用于接待上级部门检查指导工作；公务用车购置及运行维护费支出决算274600元。")
    problems, _ = run(tmp_path, 2023, "final-accounts", body)
    assert restated(problems) == []


def test_a_budget_base_a_prior_year_and_a_part_are_other_figures(tmp_path: Path) -> None:
    # 22.59 is this year's 决算; 25.00 its budget, 30.00 last year's, 3.00 a part of the total: none of them is compared with it.
    body = THREE_PUBLIC.format(
        reception="公务接待费年初预算为25.00万元，支出决算为22.59万元。2022年公务接待费支出决算30.00万元。"
        "公务用车购置及运行维护费支出27.46万元，其中：公务用车购置费3.00万元，公务用车运行维护费24.46万元。"
    )
    problems, _ = run(tmp_path, 2023, "final-accounts", body)
    assert restated(problems) == []


INCOME = """\
- type: heading
  level: 2
  text: 一、收支预算总体情况
- type: text
  text: |
    本部门2024年收入预算总额1234.56万元，其中：财政拨款收入1200.00万元，事业收入34.56万元。
- type: heading
  level: 2
  text: 二、收入预算情况
- type: text
  text: |
    {again}
"""


def test_a_total_of_income_restated_in_its_own_section(tmp_path: Path) -> None:
    problems, text = run(tmp_path, 2024, "budget", INCOME.format(again="2024年部门收入预算1243.56万元，比上年增加100.00万元。"))
    found = restated(problems)
    assert [(p.line, p.column) for p in found] == [place_of(text, "1243.56")]
    assert "1234.56 万元" in found[0].message and "1243.56 万元" in found[0].message
    assert "预算数" in found[0].message


def test_a_figure_in_yuan_that_is_the_same_figure_agrees(tmp_path: Path) -> None:
    problems, _ = run(tmp_path, 2024, "budget", INCOME.format(again="2024年部门收入预算12345600元，比上年增加1000000元。"))
    assert restated(problems) == []


def test_other_items_and_scopes_are_not_compared(tmp_path: Path) -> None:
    # 本级 is the department's own level; 本年收入合计 leaves out the carry-over that 收入总计 has; 上年 is last year's.
    again = "本级收入预算1000.00万元。上年收入预算1100.00万元。2024年财政拨款收入1200.00万元。"
    problems, _ = run(tmp_path, 2024, "budget", INCOME.format(again=again))
    assert restated(problems) == []


def test_three_statements_the_odd_one_is_told(tmp_path: Path) -> None:
    body = THREE_PUBLIC.format(reception="公务接待费支出决算为22.95万元。") + (
        "- type: text\n  text: |\n    2023年度公务接待费支出22.59万元，主要用于接待上级部门检查指导工作。\n"
    )
    problems, text = run(tmp_path, 2023, "final-accounts", body)
    found = restated(problems)
    assert [(p.line, p.column) for p in found] == [place_of(text, "22.95")]


def test_a_figure_a_table_prints_is_compared_with_the_table_only(tmp_path: Path) -> None:
    table = """\
- type: table
  role: budget-three-public
  title: “三公”经费支出预算表
  unit: 万元
  columns:
    - {id: total, label: 合计}
    - {id: overseas, label: 因公出国（境）费}
    - {id: vehicle, label: 公务用车购置及运行维护费}
    - {id: vehicle-purchase, label: 公务用车购置费}
    - {id: vehicle-operation, label: 公务用车运行维护费}
    - {id: reception, label: 公务接待费}
  rows:
    - {id: total, label: 合计, values: [10.00, 0, 6.00, 0, 6.00, 4.00]}
"""
    body = (
        "- type: text\n  text: |\n    2024年“三公”经费预算10.00万元，其中：公务接待费4.00万元。\n"
        "- type: text\n  text: |\n    公务接待费预算4.10万元。\n" + table
    )
    problems, _ = run(tmp_path, 2024, "budget", body)
    assert restated(problems) == []
    assert any(p.code == "text-figure-mismatch" and "4.10" in p.message for p in problems)


def test_a_total_in_a_statement_about_last_year_is_last_years(tmp_path: Path) -> None:
    # 重庆市黔江区公路事务中心2023年度决算: the first 本年收入合计 is 2022's (its statement opens with 2022年), the second 2023's.
    body = """\
- type: text
  text: |
    1.总体情况。2023年度收入总计6462.57万元,支出总计6462.57万元。收支较上年决算数减少570.58万元,下降8.11%,主要原因是2022年收入总计7033.15万元,包括本年收入合计6925.14万元,使用年初结转和结余108.01万元;2023年收入总计6462.57万元,包括本年收入合计6462.57万元,使用年初结转和结余0万元。2022年支出总计7033.15万元,包括本年支出合计7033.15万元。2023年支出总计6462.57万元,包括本年支出合计6462.57万元。
"""
    problems, _ = run(tmp_path, 2023, "final-accounts", body)
    assert restated(problems) == []
