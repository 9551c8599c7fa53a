"""The official tables as other provinces print them: 公用经费 beyond 302 and 310, items without their class,
carry-over rows with their parts below, a 收支总表 without its 财政拨款收入 row, names in half-width brackets."""

from __future__ import annotations

from pathlib import Path

from .test_checks import codes, doc, project


def basic_table(rows: str) -> str:
    return (
        """\
- type: table
  role: final-general-basic
  title: 一般公共预算财政拨款基本支出决算表
  columns:
    - {id: actual, label: 决算数}
  rows:
"""
        + rows
    )


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_public_costs_are_every_class_of_the_right_block_not_only_302_and_310(tmp_path: Path) -> None:
    rows = """\
    - {code: "301", label: 工资福利支出, values: [120.00]}
    - {id: personnel, label: 人员经费合计, values: [120.00]}
    - {code: "302", label: 商品和服务支出, values: [18.20]}
    - {code: "307", label: 债务利息及费用支出, values: [0.40]}
    - {code: "310", label: 资本性支出, values: [1.50]}
    - {code: "399", label: 其他支出, values: [0.50]}
    - {id: public, label: 公用经费合计, values: [%s]}
"""
    assert codes(project(tmp_path / "right", doc(2023, "final-accounts", basic_table(rows % "20.60")))) == []
    wrong = doc(2023, "final-accounts", basic_table(rows % "20.10"))
    assert [(c[0], c[2]) for c in codes(project(tmp_path / "wrong", wrong))] == [("sum-mismatch", line_of(wrong, "公用经费合计"))]


def test_items_printed_without_their_class_add_up_to_the_block_their_class_belongs_to(tmp_path: Path) -> None:
    rows = """\
    - {code: "301", label: 工资福利支出, values: [175.00]}
    - {code: "30101", label: 基本工资, values: [80.00]}
    - {code: "30102", label: 津贴补贴, values: [95.00]}
    - {code: "30302", label: 退休费, values: [4.00]}
    - {id: personnel, label: 人员经费合计, values: [179.00]}
    - {code: "30201", label: 办公费, values: [8.00]}
    - {code: "30217", label: 公务接待费, values: [0.48]}
    - {code: "31002", label: 办公设备购置, values: [1.50]}
    - {id: public, label: 公用经费合计, values: [%s]}
"""
    # 303 is not printed: 退休费 belongs to 人员经费合计 (175.00 + 4.00); 302 and 310 are not printed: their items make 公用经费合计.
    assert codes(project(tmp_path / "right", doc(2023, "final-accounts", basic_table(rows % "9.98")))) == []
    wrong = doc(2023, "final-accounts", basic_table(rows % "9.89"))
    assert [(c[0], c[2]) for c in codes(project(tmp_path / "wrong", wrong))] == [("sum-mismatch", line_of(wrong, "公用经费合计"))]


SUMMARY = """\
- type: table
  role: final-summary
  title: 收入支出决算总表
  sides:
    - id: income
      title: 收入
      columns:
        - {id: actual, label: 金额}
      rows:
        - {id: general, label: 一、一般公共预算财政拨款收入, values: [420.61]}
        - {id: other, label: 二、其他收入, values: [13.55]}
        - {id: total-income, label: 本年收入合计, values: [434.16]}
        - {id: carryover-start, label: 年初结转和结余, values: [0.55]}
        - {label: 基本支出结转, values: [0.15]}
        - {label: 项目支出结转和结余, values: [%s]}
        - {id: grand-total, label: 总计, values: [434.71]}
    - id: expenditure
      title: 支出
      columns:
        - {id: actual, label: 金额}
      rows:
        - {label: 一、一般公共服务支出, values: [434.16]}
        - {id: total-expenditure, label: 本年支出合计, values: [434.16]}
        - {id: carryover-end, label: 年末结转和结余, values: [0.55]}
        - {label: 基本支出结转, values: [0.15]}
        - {label: 项目支出结转和结余, values: [0.40]}
        - {label: 经营结余, values: [~]}
        - {id: grand-total, label: 总计, values: [434.71]}
"""


def test_rows_printed_below_a_carry_over_row_are_its_parts_not_the_years_income(tmp_path: Path) -> None:
    assert codes(project(tmp_path / "right", doc(2023, "final-accounts", SUMMARY % "0.40"))) == []
    wrong = doc(2023, "final-accounts", SUMMARY % "0.04")
    found = codes(project(tmp_path / "wrong", wrong))
    assert [(c[0], c[2]) for c in found] == [("sum-mismatch", line_of(wrong, "年初结转和结余"))]


BUDGET = """\
- type: table
  role: budget-finance-summary
  title: 部门收支总表
  sides:
    - id: income
      title: 收入
      columns:
        - {id: budget, label: 预算数}
      rows:
        - {id: fiscal-general, label: 一、一般公共预算拨款收入, values: [%s]}
        - {id: fiscal-gov-fund, label: 二、政府性基金预算拨款收入, values: [~]}
        - {id: other, label: 三、其他收入, values: [%s]}
        - {id: total-income, label: 本年收入合计, values: [523.30]}
        - {id: grand-total, label: 收入总计, values: [523.30]}
    - id: expenditure
      title: 支出
      columns:
        - {id: budget, label: 预算数}
      rows:
        - {code: "201", label: 一般公共服务支出, values: [523.30]}
        - {id: total-expenditure, label: 本年支出合计, values: [523.30]}
        - {id: grand-total, label: 支出总计, values: [523.30]}
- type: table
  role: budget-fiscal-summary
  title: 财政拨款收支总表
  sides:
    - id: income
      title: 收入
      columns:
        - {id: budget, label: 预算数}
      rows:
        - {id: general, label: （一）一般公共预算拨款收入, values: [512.30]}
        - {id: total-income, label: 本年收入合计, values: [512.30]}
        - {id: grand-total, label: 收入总计, values: [512.30]}
    - id: expenditure
      title: 支出
      columns:
        - {id: total, label: 合计}
        - {id: general, label: 一般公共预算}
      rows:
        - {code: "201", label: 一般公共服务支出, values: [512.30, 512.30]}
        - {id: total-expenditure, label: 本年支出合计, values: [512.30, 512.30]}
        - {id: grand-total, label: 支出总计, values: [512.30, 512.30]}
"""


def test_a_summary_without_its_fiscal_row_is_compared_with_the_fiscal_table_fund_by_fund(tmp_path: Path) -> None:
    right = [c for c in codes(project(tmp_path / "right", doc(2024, "budget", BUDGET % ("512.30", "11.00")))) if c[3] == "error"]
    assert right == []
    # Two digits swapped, and 其他收入 changed so that the table still adds up: only the other table tells.
    wrong = doc(2024, "budget", BUDGET % ("521.30", "2.00"))
    found = [c for c in codes(project(tmp_path / "wrong", wrong)) if c[3] == "error"]
    assert [(c[0], c[2]) for c in found] == [("budget-summary-fiscal-fund", line_of(wrong, "一、一般公共预算拨款收入"))]


def test_a_class_name_printed_with_half_width_brackets_in_one_table_is_the_same_name(tmp_path: Path) -> None:
    table = """\
- type: table
  role: {role}
  title: {title}
  columns:
    - {{id: total, label: 合计}}
  rows:
    - {{code: "201", label: 一般公共服务支出, values: [10.00]}}
    - {{code: "20103", label: {name}, values: [10.00]}}
    - {{id: total, label: 合计, values: [10.00]}}
"""
    def body(name: str) -> str:
        return table.format(role="budget-income", title="部门收入总表", name="政府办公厅（室）及相关机构事务") + table.format(
            role="budget-expenditure", title="部门支出总表", name=name
        )

    assert [c[0] for c in codes(project(tmp_path / "brackets", doc(2024, "budget", body("政府办公厅(室)及相关机构事务"))))] == []
    renamed = [c[0] for c in codes(project(tmp_path / "renamed", doc(2024, "budget", body("政府办公厅及相关机构事务"))))]
    assert renamed == ["code-name-mismatch"]


def test_the_national_income_table_adds_its_special_account_and_unit_funds_to_the_total(tmp_path: Path) -> None:
    table = """\
- type: table
  role: budget-income
  title: 部门收入总表
  columns:
    - {id: total, label: 合计}
    - {id: carryover, label: 上年结转结余}
    - {id: general, label: 一般公共预算拨款收入}
    - {id: special-account, label: 财政专户管理资金收入}
    - {id: business, label: 事业收入, group: [单位资金]}
    - {id: superior, label: 上级补助收入, group: [单位资金]}
    - {id: affiliated, label: 附属单位上缴收入, group: [单位资金]}
  rows:
    - {id: total, label: 合计, values: [TOTAL, 1.00, 50.00, 4.00, 3.00, 2.00, 1.00]}
"""
    assert codes(project(tmp_path / "right", doc(2024, "budget", table.replace("TOTAL", "61.00")))) == []
    wrong = doc(2024, "budget", table.replace("TOTAL", "55.00"))  # 财政专户 and 单位资金 left out of the total
    assert [(c[0], c[2]) for c in codes(project(tmp_path / "wrong", wrong))] == [("column-sum-mismatch", line_of(wrong, "id: total, label: 合计, values"))]


UNIT_FUNDS_2025 = """\
- type: table
  role: budget-finance-summary
  title: 部门收支总表
  sides:
    - id: income
      title: 收入
      columns:
        - {id: budget, label: 预算数}
      rows:
        - {id: fiscal-general, label: 一、一般公共预算拨款收入, values: [100.00]}
        - {id: special-account, label: 二、财政专户管理资金收入, values: [0.00]}
        - {id: unit-funds, label: 三、单位资金, values: [SUMMARY]}
        - {id: total-income, label: 本年收入合计, values: [TOTAL]}
        - {id: grand-total, label: 收入总计, values: [TOTAL]}
    - id: expenditure
      title: 支出
      columns:
        - {id: budget, label: 预算数}
      rows:
        - {label: 一、农林水支出, values: [TOTAL]}
        - {id: total-expenditure, label: 本年支出合计, values: [TOTAL]}
        - {id: grand-total, label: 支出总计, values: [TOTAL]}
- type: table
  role: budget-income
  title: 部门收入总表
  columns:
    - {id: total, label: 合计}
    - {id: current, label: 小计, group: [本年收入]}
    - {id: general, label: 一般公共预算拨款收入, group: [本年收入]}
    - {id: special-account, label: 财政专户管理资金收入, group: [本年收入]}
    - {id: unit-funds, label: 单位资金, group: [本年收入]}
  rows:
    - {code: "213", label: 农林水支出, values: [TOTAL, TOTAL, 100.00, 0.00, 12.00]}
    - {id: total, label: 合计, values: [TOTAL, TOTAL, 100.00, 0.00, 12.00]}
"""


def test_the_2025_formats_unit_funds_are_a_source_of_income_in_both_tables(tmp_path: Path) -> None:
    """The 2025 national format prints 单位资金 as one column of the 收入总表 and one row of the 收支总表 (湖北 夷陵). It was
    an unknown column the import asked about, counted in no total, compared with nothing."""
    right = doc(2025, "budget", UNIT_FUNDS_2025.replace("SUMMARY", "12.00").replace("TOTAL", "112.00"))
    assert codes(project(tmp_path / "right", right)) == []
    wrong = doc(2025, "budget", UNIT_FUNDS_2025.replace("SUMMARY", "21.00").replace("TOTAL", "112.00"))
    found = sorted(c[0] for c in codes(project(tmp_path / "wrong", wrong)))
    assert found == ["budget-summary-source", "sum-mismatch"]


BY_NATURE = """\
- type: table
  role: budget-finance-summary
  title: 部门收支总表
  sides:
    - id: income
      title: 收入
      columns:
        - {id: budget, label: 预算数}
      rows:
        - {id: fiscal, label: 一、财政拨款收入, values: [100.00]}
        - {id: fiscal-general, label: "1.一般公共预算资金", values: [100.00]}
        - {id: grand-total, label: 收入总计, values: [100.00]}
    - id: expenditure
      title: 支出
      columns:
        - {id: budget, label: 预算数}
      rows:
%s
        - {id: grand-total, label: 支出总计, values: [100.00]}
"""


def test_a_summary_printing_its_spending_by_nature_adds_numbered_parts_to_the_row_above_them(tmp_path: Path) -> None:
    outline = """\
        - {label: 一、基本支出, values: [80.00]}
        - {label: "1.人员经费", values: [%s]}
        - {label: "2.公用经费", values: [10.00]}
        - {label: 二、项目支出, values: [20.00]}
        - {label: 三、上缴上级支出, values: [~]}"""
    right = doc(2024, "budget", BY_NATURE % (outline % "70.00"))
    assert codes(project(tmp_path / "right", right)) == []
    wrong = doc(2024, "budget", BY_NATURE % (outline % "71.00"))
    assert [(c[0], c[2]) for c in codes(project(tmp_path / "wrong", wrong))] == [("sum-mismatch", line_of(wrong, "一、基本支出"))]
    # A numbered heading without figures (“一、按支出性质”) passes its rows on to the total.
    headed = """\
        - {label: 一、按支出性质, values: [~]}
        - {label: "1.基本支出", values: [80.00]}
        - {label: "2.项目支出", values: [%s]}"""
    assert codes(project(tmp_path / "headed", doc(2024, "budget", BY_NATURE % (headed % "20.00")))) == []
    wrong = doc(2024, "budget", BY_NATURE % (headed % "21.00"))
    assert [(c[0], c[2]) for c in codes(project(tmp_path / "headed-wrong", wrong))] == [("sum-mismatch", line_of(wrong, "支出总计"))]


CLASS_BY_NAME = """\
- type: table
  role: budget-finance-summary
  title: 部门收支总表
  sides:
    - id: income
      title: 收入
      columns:
        - {{id: budget, label: 预算数}}
      rows:
        - {{id: fiscal-general, label: 一、一般公共预算拨款收入, values: [885.01]}}
        - {{id: grand-total, label: 收入总计, values: [885.01]}}
    - id: expenditure
      title: 支出
      columns:
        - {{id: budget, label: 预算数}}
      rows:
        - {{label: 一、公共安全支出, values: [800.00]}}
        - {{label: 二、{name}, values: [{figure}]}}
        - {{id: grand-total, label: 支出总计, values: [{total}]}}
- type: table
  role: budget-expenditure
  title: 部门支出总表
  columns:
    - {{id: total, label: 合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{id: total, label: 合计, values: [885.01, 860.00, 25.01]}}
    - {{code: "204", label: 公共安全支出, values: [800.00, 800.00, ~]}}
    - {{code: "207", label: 文化旅游体育与传媒支出, values: [85.01, 60.00, 25.01]}}
"""


def test_a_class_printed_by_name_without_its_last_word_is_that_class(tmp_path: Path) -> None:
    """“二、文化旅游体育与传媒” is class 207: compared with the 支出总表 (a wrong figure was not), and never called unknown."""

    def found(name: str, figure: str) -> list[str]:
        body = CLASS_BY_NAME.format(name=name, figure=figure, total="885.01")
        return [c[0] for c in codes(project(tmp_path / f"{name}-{figure}", doc(2025, "budget", body)))]

    assert found("文化旅游体育与传媒", "85.01") == []
    assert "budget-summary-class" in found("文化旅游体育与传媒", "58.01")  # (and the summary's own sum)
    # An old name (文化体育与传媒, until 2018), with or without 支出, whose figure is that class's: told, not silently skipped.
    assert found("文化体育与传媒支出", "85.01") == ["class-name-unmatched"]
    assert found("文化体育与传媒", "85.01") == ["class-name-unmatched"]


GENERAL_SPLIT = """\
- type: table
  role: final-general-expenditure
  title: 一般公共预算财政拨款支出决算表
  codes: one
  columns:
    - {id: total, label: 合计}
    - {id: basic, label: 小计, group: [基本支出]}
    - {id: personnel, label: 人员经费, group: [基本支出]}
    - {id: public, label: 公用经费, group: [基本支出]}
    - {id: project, label: 项目支出}
  rows:
    - {code: "2070101", label: 行政运行, values: [60.00, 60.00, %s, 10.00, ~]}
    - {code: "2070109", label: 群众文化, values: [10.00, ~, ~, ~, 10.00]}
    - {id: total, label: 合计, values: [70.00, 60.00, %s, 10.00, 10.00]}
"""


def test_a_final_basic_expenditure_split_into_personnel_and_public_adds_up(tmp_path: Path) -> None:
    """Some provinces print the 决算's 一般公共预算财政拨款支出决算表 with 基本支出 over 人员经费 | 公用经费: the
    基本支出 of each row is their sum (it was not checked unless the editor wrote ``sum_of`` by hand)."""
    assert codes(project(tmp_path / "right", doc(2023, "final-accounts", GENERAL_SPLIT % ("50.00", "50.00")))) == []
    wrong = doc(2023, "final-accounts", GENERAL_SPLIT % ("40.00", "40.00"))
    found = codes(project(tmp_path / "wrong", wrong))
    assert [(c[0], c[2]) for c in found] == [
        ("column-sum-mismatch", line_of(wrong, "行政运行")),
        ("column-sum-mismatch", line_of(wrong, "id: total, label: 合计, values")),
    ], found


FINANCE_SUMMARY = """\
- type: table
  role: budget-finance-summary
  title: 2025年部门财务收支预算总表
  unit: 元
  sides:
    - id: income
      title: 本年收入
      columns:
        - {id: budget, label: 预算数}
      rows:
        - {id: fiscal, label: 一、财政拨款收入, values: [1000]}
        - {id: fiscal-general, label: "1.一般公共预算资金", values: [1000]}
        - {id: business, label: 二、事业收入, values: [~]}
        - {id: other, label: 三、其他收入, values: [50]}
        - {id: total-income, label: 本年收入合计, values: [1050]}
        - {id: carryover, label: 上年结转, values: [200]}
        - {label: "1.一般公共预算拨款", values: [%s]}
        - {label: "2.政府性基金预算拨款", values: [50]}
        - {id: grand-total, label: 收入总计, values: [1250]}
    - id: expenditure
      title: 本年支出
      columns:
        - {id: budget, label: 预算数}
      rows:
        - {label: 一、一般公共服务支出, values: [1250]}
        - {id: grand-total, label: 支出总计, values: [1250]}
"""


def test_the_parts_printed_under_last_years_carry_over_are_its_parts_and_take_no_id_of_this_years_rows(tmp_path: Path) -> None:
    """“上年结转 / 1.一般公共预算拨款 / 2.政府性基金预算拨款” in a 财务收支预算总表: the numbered parts were added to
    本年收入合计 (a false error on a right table), and row-without-id told the editor to give the second one the id of
    this year's 政府性基金 income, which would have published last year's money as this year's."""
    right = doc(2025, "budget", FINANCE_SUMMARY % "150")
    assert codes(project(tmp_path / "right", right)) == []
    wrong = doc(2025, "budget", FINANCE_SUMMARY % "140")
    assert [(c[0], c[2]) for c in codes(project(tmp_path / "wrong", wrong))] == [("sum-mismatch", line_of(wrong, "id: carryover"))]


def test_a_table_compiled_from_the_text_is_not_asked_for_row_ids(tmp_path: Path) -> None:
    """A ``from_text`` table lists what the sentence names; giving its rows the official ids would hold a partial list
    to the official table's sums. Typed by hand with the same names, the editor is told the ids."""
    text = """\
- type: text
  text: 2025年“三公”经费预算5.00万元，其中公务接待费2.00万元。
- type: table
  role: three-public
  title: “三公”经费预算
  %s
  columns:
    - {id: budget, label: 预算数}
  rows:
    - {label: “三公”经费合计, values: [5.00]}
    - {label: 公务接待费, values: [2.00]}
"""
    compiled = doc(2025, "budget", text % "from_text: true")
    assert [c for c in codes(project(tmp_path / "compiled", compiled)) if c[0] == "row-without-id"] == []
    typed = doc(2025, "budget", text % "unit: 万元")
    assert [c[0] for c in codes(project(tmp_path / "typed", typed)) if c[0] == "row-without-id"] == ["row-without-id"]


WIDE_THREE_PUBLIC = """\
- type: table
  role: final-three-public
  title: 一般公共预算财政拨款“三公”经费支出决算表
  unit: 万元
  columns:
    - {id: total-actual, label: 合计, group: [决算数]}
    - {id: overseas-actual, label: 因公出国（境）费, group: [决算数]}
    - {id: vehicle-actual, label: 小计, group: [决算数, 公务用车购置及运行费]}
    - {id: vehicle-purchase-actual, label: 公务用车购置费, group: [决算数, 公务用车购置及运行费]}
    - {id: vehicle-operation-actual, label: 公务用车运行费, group: [决算数, 公务用车购置及运行费]}
    - {id: reception-actual, label: 公务接待费, group: [决算数]}
    - {id: tuanzu, label: 因公出国（境）团组数（个）}
    - {id: renci, label: 因公出国（境）人次数（人）}
    - {id: baoyou, label: 公务用车保有量（辆）}
    - {id: pici, label: 国内公务接待批次（个）}
  rows:
    - {id: total, label: "", values: [%s, 2.80, 6.10, 0.00, 6.10, 2.30, 1, 3, 2, 15]}
"""


def test_a_three_public_table_printing_its_counts_in_columns_of_its_own_names_is_still_summed(tmp_path: Path) -> None:
    """成都's 决算表 prints 团组数（个）, 人次数（人）, 保有量（辆）, 批次（个） beside the money, under labels a little unlike the
    national ones: they are counts by the unit their labels end with, and the money columns still add up."""
    assert codes(project(tmp_path / "right", doc(2023, "final-accounts", WIDE_THREE_PUBLIC % "11.20"))) == []
    wrong = doc(2023, "final-accounts", WIDE_THREE_PUBLIC % "12.20")
    assert [(c[0], c[3]) for c in codes(project(tmp_path / "wrong", wrong))] == [("column-sum-mismatch", "error")]


UNIT_FUNDS = """\
- type: table
  role: budget-finance-summary
  title: 2025年部门收支预算总表
  sides:
    - id: income
      title: 收入
      columns:
        - {id: budget, label: 预算数}
      rows:
        - {id: fiscal-general, label: 一、一般公共预算, values: [11795.71]}
        - {id: fiscal-gov-fund, label: 二、政府性基金预算, values: [1250.00]}
        - {label: 五、单位资金, values: [%s]}
        - {id: business, label: （一）事业收入, values: [5.00]}
        - {id: other, label: （五）其他收入, values: [20.00]}
        - {id: total-income, label: 本年收入合计, values: [%s]}
"""


def test_a_row_of_the_definition_numbered_below_a_row_it_does_not_know_is_a_part_of_that_row(tmp_path: Path) -> None:
    """浙江's 收支总表 prints “五、单位资金” over “（一）事业收入 … （五）其他收入”: with the ids the guide gives those rows,
    they were added to 本年收入合计 beside 单位资金 as well (a false 相差 25)."""
    right = doc(2025, "budget", UNIT_FUNDS % ("25.00", "13070.71"))
    assert codes(project(tmp_path / "right", right)) == []
    wrong = doc(2025, "budget", UNIT_FUNDS % ("26.00", "13071.71"))
    assert [(c[0], c[2]) for c in codes(project(tmp_path / "wrong", wrong))] == [("sum-mismatch", line_of(wrong, "五、单位资金"))]


CHANGES_PRINTED = """\
- type: table
  role: budget-three-public
  title: 2025年一般公共预算“三公”经费支出预算表
  columns:
    - {id: total, label: 合计}
    - {id: overseas, label: 因公出国（境）费}
    - {id: reception, label: 公务接待费}
    - {id: growth, label: 比上年增长, type: percent, unit: "%%"}
  rows:
    - {label: 2025年预算数, values: [7.50, 0.00, 7.50, -25.00]}
    - {label: 2024年预算数, values: [10.00, 0.00, 10.00, ~]}
    - {label: %s, values: [-2.50, 0.00, -2.50, ~]}
"""


def test_columns_and_rows_that_print_a_change_may_be_negative(tmp_path: Path) -> None:
    """浙江's tables print 比上年增长 (−25.00 %) and a row of 增减额 (−2.50): each was called a negative amount
    (“这里不应为负”), and the imported document could not be published. A row of 预算数 below zero still is one."""
    assert codes(project(tmp_path / "changes", doc(2025, "budget", CHANGES_PRINTED % "增减额"))) == []
    wrong = doc(2025, "budget", CHANGES_PRINTED % "调整数")
    assert [(c[0], c[2]) for c in codes(project(tmp_path / "wrong", wrong))] == [("negative-amount", line_of(wrong, "调整数"))] * 2
