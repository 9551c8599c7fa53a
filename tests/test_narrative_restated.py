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


# --------------------------------------------------------------------------- a change stated twice

CHANGES = """\
- type: text
  text: |
    2015年“三公”经费合计31.23万元，其中：公务接待费1.58万元，公务用车运行维护费29.65万元，因公出国（境）费0万元。较2014年度“三公”经费合计16.08万元增加15.15万元。其中：公务接待费减少0.26万元，公务用车运行维护费增加15.41万元。
- type: heading
  level: 3
  text: 公务用车运行维护费
- type: text
  text: |
    2015年度公务用车保有量为2辆，无新购车辆。{vehicle}
"""


def test_a_change_mistyped_in_the_items_own_paragraph_is_told_with_both_places(tmp_path: Path) -> None:
    # 甘南州交通运输局2015年“三公”经费说明: the overview's “其中” list gives each part's change against 2014, the part's own
    # paragraph gives it again.
    body = CHANGES.format(vehicle="公务用车运行维护费29.65万元，较2014年度增加15.14万元，原因为油价上涨导致燃油费增加。")
    problems, text = run(tmp_path, 2015, "final-accounts", body)
    found = restated(problems)
    assert [(p.line, p.column) for p in found] == [place_of(text, "15.14")]
    message = found[0].message
    assert f"第 {place_of(text, '15.41')[0]} 行" in message
    assert "15.41 万元" in message and "15.14 万元" in message
    assert "公务用车运行维护费" in message and "2015年决算数比2014年决算数" in message


def test_the_same_change_said_again_in_other_words_agrees(tmp_path: Path) -> None:
    # The same change: after the figure it changes, with its year named or only “上年”, to fewer decimals, in 元.
    body = CHANGES.format(
        vehicle="公务用车运行维护费29.65万元，较2014年度增加15.41万元。与上年相比，公务用车运行维护费增加15.4万元；公务接待费减少2600元。"
    )
    problems, _ = run(tmp_path, 2015, "final-accounts", body)
    assert restated(problems) == []


def test_changes_against_another_base_or_on_another_footing_are_not_compared(tmp_path: Path) -> None:
    # Against the year's budget, against 2013, 同口径, and a part of the item's spending: other changes than the overview's.
    body = CHANGES.format(
        vehicle="公务用车运行维护费决算比预算增加3.12万元；比2013年增加20.00万元；同口径比上年增加13.00万元。其中：燃油费增加8.00万元。"
    )
    problems, _ = run(tmp_path, 2015, "final-accounts", body)
    assert restated(problems) == []


def test_a_budgets_change_against_last_years_budget_and_its_execution_are_two_changes(tmp_path: Path) -> None:
    body = INCOME.format(again="2024年部门收入预算1234.56万元，比2023年预算增加100.00万元，比2023年执行数增加150.00万元，增长13.8%。")
    body += "- type: text\n  text: |\n    收入预算比上年预算增加100.0万元，比上年执行数增加150.00万元，增长13.84%。\n"
    problems, _ = run(tmp_path, 2024, "budget", body)
    assert restated(problems) == []


def test_a_list_of_changes_after_a_wider_wholes_change_is_that_wholes(tmp_path: Path) -> None:
    # A county's 财政局: the county's “三公” and its parts, then the bureau's own.
    body = CHANGES.format(vehicle="公务用车运行维护费29.65万元，较2014年度增加15.41万元。") + (
        "- type: text\n  text: |\n    全县“三公”经费比上年减少120.00万元。其中：公务接待费减少80.00万元，公务用车运行维护费减少40.00万元。\n"
    )
    problems, _ = run(tmp_path, 2015, "final-accounts", body)
    assert restated(problems) == []


def test_a_change_said_the_other_way_is_told(tmp_path: Path) -> None:
    body = CHANGES.format(vehicle="公务用车运行维护费比上年减少15.41万元，原因为公车改革。")
    problems, text = run(tmp_path, 2015, "final-accounts", body)
    found = restated(problems)
    line, column = place_of(text, "减少15.41")
    assert [(p.line, p.column) for p in found] == [(line, column + len("减少"))]
    assert "“公务用车运行维护费增加” 15.41 万元" in found[0].message
    assert "“公务用车运行维护费比上年减少” 15.41 万元" in found[0].message


def test_a_rate_of_change_mistyped_in_one_place_is_told(tmp_path: Path) -> None:
    body = """\
- type: text
  text: |
    2023年度收入总计1257.59万元，比上年减少98.97万元，下降7.3%。
- type: heading
  level: 3
  text: （一）收入决算说明
- type: text
  text: |
    2023年度收入总计1257.59万元，与上年相比，减少98.97万元，下降7.8%。
"""
    problems, text = run(tmp_path, 2023, "final-accounts", body)
    found = restated(problems)
    assert [(p.line, p.column) for p in found] == [place_of(text, "7.8%")]
    assert "7.3%" in found[0].message and "7.8%" in found[0].message and "增减率" in found[0].message


# --------------------------------------------------------------------------- other names of an item, a body's name before it


def test_the_vehicles_running_cost_by_another_name_is_the_same_item(tmp_path: Path) -> None:
    body = """\
- type: text
  text: |
    2015年“三公”经费合计30.49万元，其中：公务接待费1.58万元，车辆运行费28.91万元，因公出国（境）费0万元。
- type: text
  text: |
    公务用车运行维护费28.19万元，主要用于机要文件交换。
"""
    problems, text = run(tmp_path, 2015, "final-accounts", body)
    found = restated(problems)
    assert [(p.line, p.column) for p in found] == [place_of(text, "28.19")]
    assert "“车辆运行费” 28.91 万元" in found[0].message


def test_an_item_named_after_the_documents_own_body_is_its_own(tmp_path: Path) -> None:
    # 青岛市政协2015年部门决算公开补充说明: “市政协公务接待费” is the document's own 公务接待费.
    body = """\
- type: text
  text: |
    2015年公务接待费支出117万元，较2014年相比增加13.63万元。
- type: text
  text: |
    2015年市政协公务接待费支出171万元，主要用于国内公务接待427批，4527人次。
"""
    problems, text = run(tmp_path, 2015, "final-accounts", body, name="青岛市政协")
    found = restated(problems)
    assert [(p.line, p.column) for p in found] == [place_of(text, "171")]


def test_an_item_named_after_another_body_is_not_the_documents(tmp_path: Path) -> None:
    body = """\
- type: text
  text: |
    2015年公务接待费支出117万元，较2014年相比增加13.63万元。
- type: text
  text: |
    2015年市妇联公务接待费支出171万元，县本级公务接待费支出35万元。
"""
    problems, _ = run(tmp_path, 2015, "final-accounts", body, name="青岛市政协")
    assert restated(problems) == []


# --------------------------------------------------------------------------- a 公用经费 or 机关运行经费 line is not the 三公 item


def test_the_vehicles_line_of_the_public_funds_is_not_the_three_public_item(tmp_path: Path) -> None:
    # The 公用经费 (or 机关运行经费) line for vehicles is the 基本支出 part of the 三公 item only: the 项目支出 part is not in it.
    body = """\
- type: text
  text: |
    2026年“三公”经费预算12.00万元，其中：公务接待费2.00万元，公务用车运行维护费10.00万元（其中项目支出安排4.00万元）。
- type: text
  text: |
    2026年基本支出预算800.00万元，其中：人员经费700.00万元，公用经费100.00万元。公用经费主要包括办公费30.00万元，差旅费20.00万元，车辆运行费6.00万元，其他商品和服务支出44.00万元。
- type: text
  text: |
    2026年机关运行经费预算60.00万元，主要包括办公费20.00万元，水电费8.00万元，公务用车运行维护费16.00万元，其他商品和服务支出16.00万元。
"""
    problems, _ = run(tmp_path, 2026, "budget", body)
    assert restated(problems) == []


def test_a_three_public_part_stated_again_after_the_public_funds_is_still_compared(tmp_path: Path) -> None:
    body = """\
- type: text
  text: |
    2026年“三公”经费预算12.00万元，其中：公务接待费2.00万元，公务用车运行维护费10.00万元。
- type: text
  text: |
    2026年机关运行经费预算60.00万元。“三公”经费预算12.00万元，其中：公务用车运行维护费11.00万元。
"""
    problems, text = run(tmp_path, 2026, "budget", body)
    found = restated(problems)
    assert [(p.line, p.column) for p in found] == [place_of(text, "11.00")]
    assert "10.00 万元" in found[0].message and "11.00 万元" in found[0].message


# --------------------------------------------------------------------------- last year's changes in a two-year text


def test_a_list_of_last_years_changes_is_not_this_years(tmp_path: Path) -> None:
    # 上年度's figure against 2022, then this year's against 2022: the first “其中” list is 2023's changes.
    body = """\
- type: text
  text: |
    上年度“三公”经费决算12.00万元，比2022年度减少1.00万元。其中：公务接待费减少0.50万元，公务用车运行维护费减少0.50万元。
- type: text
  text: |
    2024年度“三公”经费决算10.00万元，比2022年度减少3.00万元。其中：公务接待费3.00万元，比2022年度减少0.80万元；公务用车运行维护费7.00万元，比2022年度减少2.20万元。
- type: text
  text: |
    上年“三公”经费决算12.00万元，与2022年度相比，公务接待费减少0.50万元，公务用车运行维护费减少0.50万元。
"""
    problems, _ = run(tmp_path, 2024, "final-accounts", body)
    assert restated(problems) == []


def test_a_list_of_this_years_changes_after_a_comparison_with_last_year_is_still_compared(tmp_path: Path) -> None:
    body = """\
- type: text
  text: |
    2024年度“三公”经费决算10.00万元，比上年度减少2.00万元。其中：公务接待费减少0.30万元，公务用车运行维护费减少1.70万元。
- type: text
  text: |
    公务用车运行维护费7.00万元，比上年减少1.80万元。
"""
    problems, text = run(tmp_path, 2024, "final-accounts", body)
    found = restated(problems)
    assert [(p.line, p.column) for p in found] == [place_of(text, "1.80")]
    assert "1.70 万元" in found[0].message and "1.80 万元" in found[0].message
