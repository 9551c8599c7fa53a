"""Common wordings of the 预算 情况说明 whose figures are checked: a wrong figure in each is reported where it
is written, and the same wording with the right figure raises nothing.

Each test paraphrases a wording published in real 部门预算 disclosures (names and figures changed).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from .test_narrative_checks import place_of, run

THREE_PUBLIC = """\
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
    - {{id: operating-costs, label: 机关运行经费预算数}}
  rows:
    - {{id: total, label: "", values: [10.00, 0, 8.00, 0, 8.00, 2.00, 40.00]}}
"""


def _text_problems(found: list) -> list[tuple[str, str | None]]:
    return [(p.code, None if p.stated is None else str(p.stated)) for p in found if p.code.startswith("text-")]


# --------------------------------------------------------------------------- rates written otherwise than “下降x%”

FALL = "2025年“三公”经费财政拨款预算10.00万元，比2024年预算减少1.00万元{rate}。"
RISE = "2025年“三公”经费财政拨款预算10.00万元，比2024年预算增加1.00万元{rate}。"
RATE_FIRST = "2025年“三公”经费财政拨款预算10.00万元，较2024年预算{rate}，{change}。"


@pytest.mark.parametrize(
    "text",
    [
        FALL.format(rate="，降幅9.09%"),
        FALL.format(rate="（下降9.09%）"),
        FALL.format(rate="，减幅为9.09%"),
        FALL.format(rate="，降幅达9.09%"),
        "2025年“三公”经费财政拨款预算10.00万元，比2024年预算11.00万元减少1.00万元（下降9.09%）。",
        "2025年“三公”经费财政拨款预算10.00万元，较2024年预算下降9.09%，减少的1.00万元主要是公务用车运行费。",
        RISE.format(rate="，增幅为11.11%"),
        RISE.format(rate="，增长率为11.11%"),
        RATE_FIRST.format(rate="下降9.09%", change="减少1.00万元"),
        RATE_FIRST.format(rate="上升11.11%", change="增加1.00万元"),
        RATE_FIRST.format(rate="压减9.09%", change="减少1.00万元"),
        "2025年“三公”经费财政拨款预算10.00万元，比2024年预算压减1.00万元，下降9.09%。",
        # The short forms right before the change (福建: 比上年预算数加23.47万元; 比上年减收1070万元).
        "2025年“三公”经费财政拨款预算10.00万元，比2024年预算减1.00万元，下降9.09%。",
        "2025年“三公”经费财政拨款预算10.00万元，比2024年预算降1.00万元，下降9.09%。",
        "2025年“三公”经费财政拨款预算10.00万元，比2024年预算减收1.00万元，下降9.09%。",
        "2025年“三公”经费财政拨款预算10.00万元，比2024年预算数加1.00万元，与上年预算数相比增长11.11%。",
        "2025年“三公”经费财政拨款预算10.00万元，比2024年预算增1.00万元，增长11.11%。",
        "2025年“三公”经费财政拨款预算10.00万元，比2024年预算增收1.00万元，增长11.11%。",
        # A short word inside an aside is not the comparison's (“（含年中追加1.00万元）”).
        "2025年“三公”经费财政拨款预算10.00万元，比2024年预算9.00万元（含年中追加1.00万元）增加1.00万元，增长11.11%。",
    ],
)
def test_a_right_rate_written_otherwise_raises_nothing(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2025, "budget", THREE_PUBLIC.format(text=text))
    assert _text_problems(found) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (FALL.format(rate="，降幅19.09%"), "19.09%"),
        (FALL.format(rate="（下降19.09%）"), "19.09%"),
        (FALL.format(rate="，降幅达19.09%"), "19.09%"),
        (RISE.format(rate="，增幅为5.35%"), "5.35%"),
        (RISE.format(rate="，增长率为5.35%"), "5.35%"),
        (RATE_FIRST.format(rate="下降19.09%", change="减少1.00万元"), "19.09%"),
        (RATE_FIRST.format(rate="压减19.09%", change="减少1.00万元"), "19.09%"),
        ("2025年“三公”经费财政拨款预算10.00万元，比2024年预算压减1.00万元，下降19.09%。", "19.09%"),
        ("2025年“三公”经费财政拨款预算10.00万元，比2024年预算减1.00万元，下降19.09%。", "19.09%"),
        ("2025年“三公”经费财政拨款预算10.00万元，比2024年预算数加1.00万元，增长5.35%。", "5.35%"),
    ],
)
def test_a_wrong_rate_written_otherwise_is_reported_where_it_is(tmp_path: Path, text: str, words: str) -> None:
    found, written = run(tmp_path, 2025, "budget", THREE_PUBLIC.format(text=text))
    assert _text_problems(found) == [("text-rate-mismatch", words.rstrip("%"))]
    assert (found[0].line, found[0].column) == place_of(written, words)


def test_a_rate_word_of_the_other_direction_is_reported(tmp_path: Path) -> None:
    found, _ = run(tmp_path, 2025, "budget", THREE_PUBLIC.format(text=FALL.format(rate="，增幅9.09%")))
    assert _text_problems(found) == [("text-direction-mismatch", None)]


# --------------------------------------------------------------------------- the reason of a “三公” or 机关运行经费 change


@pytest.mark.parametrize(
    "text",
    [
        "2025年“三公”经费财政拨款预算10.00万元，比2024年预算减少1.00万元，下降9.09%。主要原因是：公务接待经费增加。",
        "2025年机关运行经费预算40.00万元，比2024年预算减少2.00万元，降低4.76%。主要原因是：日常公用经费增加。",
    ],
)
def test_a_reason_naming_a_part_that_moved_the_other_way_is_reported(tmp_path: Path, text: str) -> None:
    found, written = run(tmp_path, 2025, "budget", THREE_PUBLIC.format(text=text))
    assert _text_problems(found) == [("text-direction-mismatch", None)]
    assert (found[0].line, found[0].column) == place_of(written, "增加。")


@pytest.mark.parametrize(
    "text",
    [
        "2025年“三公”经费财政拨款预算10.00万元，比2024年预算减少1.00万元，下降9.09%。主要原因是：公务接待经费减少。",
        # A reason that goes on with a part that fell as the total did.
        "2025年“三公”经费财政拨款预算10.00万元，比2024年预算减少1.00万元。主要原因是：公务接待费增加，公务用车运行费减少较多。",
        # The reason of a part's own change, told after it.
        "2025年“三公”经费财政拨款预算10.00万元，比2024年预算减少1.00万元。其中公务接待费2.00万元，比2024年增加0.50万元，主要原因是：公务接待经费增加。",
        "2025年机关运行经费预算40.00万元，比2024年预算减少2.00万元，降低4.76%。主要原因是：日常公用经费减少。",
        # A total that did not move: its parts may have moved either way.
        "2025年“三公”经费财政拨款预算10.00万元，与2024年预算持平。主要原因是：公务接待费增加，公务用车运行费减少。",
    ],
)
def test_a_reason_in_the_direction_of_the_change_raises_nothing(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2025, "budget", THREE_PUBLIC.format(text=text))
    assert _text_problems(found) == []


# --------------------------------------------------------------------------- shares of the total a 其中 list divides

SPENDING = """\
- type: text
  text: |
    {text}
- type: table
  role: budget-expenditure
  title: 支出预算总表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{code: "201", label: 一般公共服务支出, values: [842.79, 781.93, 60.86]}}
    - {{id: total, label: 合计, values: [842.79, 781.93, 60.86]}}
"""
TOTAL_THEN_PARTS = "2025年某镇支出预算842.79万元，比2024年预算增加62.15万元，增长7.96%。其中，基本支出781.93万元，{a}；项目支出60.86万元，{b}。"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("占总支出92.78%", "占支出总额7.22%"),
        ("占总支出的92.78%", "占支出合计的7.22%"),
        ("占92.78%", "占7.22%"),
        ("占总预算92.78%", "占总预算7.22%"),
    ],
)
def test_a_right_share_of_the_total_before_the_list_raises_nothing(tmp_path: Path, a: str, b: str) -> None:
    found, _ = run(tmp_path, 2025, "budget", SPENDING.format(text=TOTAL_THEN_PARTS.format(a=a, b=b)))
    assert _text_problems(found) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("占总支出52%", "占支出总额48%"),
        ("占总支出的52%", "占支出合计的48%"),
        ("占52%", "占48%"),
    ],
)
def test_a_wrong_share_of_the_total_before_the_list_is_reported(tmp_path: Path, a: str, b: str) -> None:
    found, written = run(tmp_path, 2025, "budget", SPENDING.format(text=TOTAL_THEN_PARTS.format(a=a, b=b)))
    assert _text_problems(found) == [("text-rate-mismatch", "52"), ("text-rate-mismatch", "48")]
    assert (found[0].line, found[0].column) == place_of(written, "52%")


def test_shares_truncated_and_raised_to_add_up_to_100_are_notices(tmp_path: Path) -> None:
    text = TOTAL_THEN_PARTS.format(a="占总支出92%", b="占总支出8%")
    found, _ = run(tmp_path, 2025, "budget", SPENDING.format(text=text))
    assert _text_problems(found) == []
    assert [p.code for p in found if p.code == "rounding-difference"] == ["rounding-difference"] * 2  # 占92% truncated, 占8% raised


def test_a_wrong_share_in_the_sentence_of_the_total_and_its_comparison_is_reported(tmp_path: Path) -> None:
    text = "2025年某镇支出预算842.79万元，比2024年增加62.15万元，增长7.96%，其中：基本支出781.93万元，占82.78%；项目支出60.86万元，占7.22%。"
    found, _ = run(tmp_path, 2025, "budget", SPENDING.format(text=text))
    assert _text_problems(found) == [("text-rate-mismatch", "82.78")]


def test_a_share_of_the_other_side_is_not_of_the_total_before_the_list(tmp_path: Path) -> None:
    text = "2025年某镇支出预算842.79万元，比2024年增加62.15万元，增长7.96%。其中，基本支出781.93万元，占总收入50%。"
    found, _ = run(tmp_path, 2025, "budget", SPENDING.format(text=text))
    assert _text_problems(found) == []


# --------------------------------------------------------------------------- the opening 收支总预算 of the budget templates

SUMMARIES = """\
- type: text
  text: |
    {text}
- type: table
  role: budget-finance-summary
  title: 部门收支总表
  unit: 万元
  sides:
    - id: income
      title: 收入
      columns:
        - {{id: budget, label: 预算数}}
      rows:
        - {{id: fiscal-general, label: 一般公共预算拨款收入, values: [1200.00]}}
        - {{id: other, label: 其他收入, values: [34.56]}}
        - {{id: total-income, label: 本年收入合计, values: [1234.56]}}
        - {{id: grand-total, label: 收入总计, values: [1234.56]}}
    - id: expenditure
      title: 支出
      columns:
        - {{id: budget, label: 预算数}}
      rows:
        - {{label: 一般公共服务支出, values: [1234.56]}}
        - {{id: total-expenditure, label: 本年支出合计, values: [1234.56]}}
        - {{id: grand-total, label: 支出总计, values: [1234.56]}}
- type: table
  role: budget-fiscal-summary
  title: 财政拨款收支预算总表
  unit: 万元
  sides:
    - id: income
      title: 收入
      columns:
        - {{id: budget, label: 预算数}}
      rows:
        - {{id: general, label: 一般公共预算拨款, values: [1200.00]}}
        - {{id: grand-total, label: 收入总计, values: [1200.00]}}
    - id: expenditure
      title: 支出
      columns:
        - {{id: total, label: 合计}}
        - {{id: general, label: 一般公共预算}}
      rows:
        - {{label: 一般公共服务支出, values: [1200.00, 1200.00]}}
        - {{id: grand-total, label: 支出总计, values: [1200.00, 1200.00]}}
"""
ALL_FUNDS_WORDS = ["收支总预算", "收、支总预算", "收支预算总额", "收支预算"]
FISCAL_WORDS = ["财政拨款收支总预算", "财政拨款收支预算"]


@pytest.mark.parametrize(
    "text",
    [f"本部门2025年{w}1234.56万元。" for w in ALL_FUNDS_WORDS] + [f"本部门2025年{w}1200.00万元。收入全部为一般公共预算拨款。" for w in FISCAL_WORDS],
)
def test_a_right_total_budget_raises_nothing(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2025, "budget", SUMMARIES.format(text=text))
    assert _text_problems(found) == []


@pytest.mark.parametrize(
    ("text", "stated", "table"),
    [(f"本部门2025年{w}1243.56万元。", "1243.56", "1234.56") for w in ALL_FUNDS_WORDS]
    + [(f"本部门2025年{w}1210.00万元。收入全部为一般公共预算拨款。", "1210.00", "1200.00") for w in FISCAL_WORDS],
)
def test_a_wrong_total_budget_is_reported(tmp_path: Path, text: str, stated: str, table: str) -> None:
    found, written = run(tmp_path, 2025, "budget", SUMMARIES.format(text=text))
    assert [(p.code, str(p.stated), str(p.computed)) for p in found if p.code.startswith("text-")] == [("text-figure-mismatch", stated, table)]
    assert (found[0].line, found[0].column) == place_of(written, stated)


# --------------------------------------------------------------------------- “财政拨款安排“三公”经费X万元”

GUANGDONG_THREE_PUBLIC = """\
- type: table
  role: budget-three-public
  title: 财政拨款安排的行政经费及“三公”经费预算表
  unit: 万元
  columns:
    - {{id: total, label: 合计, group: [“三公”经费预算数]}}
    - {{id: overseas, label: 因公出国(境)费, group: [“三公”经费预算数]}}
    - {{id: reception, label: 公务接待费, group: [“三公”经费预算数]}}
    - {{id: vehicle, label: 小计, group: [“三公”经费预算数, 公务用车购置及运行费]}}
    - {{id: vehicle-purchase, label: 购置费, group: [“三公”经费预算数, 公务用车购置及运行费]}}
    - {{id: vehicle-operation, label: 运行费, group: [“三公”经费预算数, 公务用车购置及运行费]}}
    - {{id: operating-costs, label: 行政经费}}
  rows:
    - {{id: total, label: "", values: [29.00, 0.00, 1.00, 28.00, 0.00, 28.00, 312.23]}}
- type: text
  text: |
    {text}
"""


@pytest.mark.parametrize(
    "text",
    [
        "2025年本部门财政拨款安排“三公”经费29万元，其中：因公出国（境）费0万元；公务用车购置及运行费28万元；公务接待费1万元。",
        "2025年本部门安排“三公”经费29.00万元。",
        "2025年，本部门财政拨款安排机关运行经费312.23万元。",
        # Another source's part of the 全口径 figure is not the table's.
        "其中，单位资金安排“三公”经费20万元。",
    ],
)
def test_a_right_allocated_three_public_or_operating_figure_raises_nothing(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2025, "budget", GUANGDONG_THREE_PUBLIC.format(text=text))
    assert _text_problems(found) == []


@pytest.mark.parametrize(
    ("text", "stated", "table"),
    [
        ("2025年本部门财政拨款安排“三公”经费30万元，其中：因公出国（境）费0万元；公务用车购置及运行费28万元；公务接待费1万元。", "30", "29.00"),
        ("2025年本部门安排“三公”经费30.00万元。", "30.00", "29.00"),
        ("2025年，本部门财政拨款安排机关运行经费321.23万元。", "321.23", "312.23"),
    ],
)
def test_a_wrong_allocated_three_public_or_operating_figure_is_reported(tmp_path: Path, text: str, stated: str, table: str) -> None:
    found, written = run(tmp_path, 2025, "budget", GUANGDONG_THREE_PUBLIC.format(text=text))
    assert [(p.code, str(p.stated), str(p.computed)) for p in found if p.code.startswith("text-")] == [("text-figure-mismatch", stated, table)]
    assert (found[0].line, found[0].column) == place_of(written, stated + "万元")


# --------------------------------------------------------------------------- sections about 一般公共预算当年拨款

CURRENT_GENERAL = """\
- type: heading
  level: 2
  text: {heading}
- type: text
  text: |
    {text}
- type: table
  role: budget-finance-summary
  title: 部门收支总表
  unit: 万元
  sides:
    - id: income
      title: 收入
      columns:
        - {{id: budget, label: 预算数}}
      rows:
        - {{id: fiscal-general, label: 一般公共预算拨款收入, values: [1200.00]}}
        - {{id: other, label: 其他收入, values: [34.56]}}
        - {{id: grand-total, label: 收入总计, values: [1234.56]}}
    - id: expenditure
      title: 支出
      columns:
        - {{id: budget, label: 预算数}}
      rows:
        - {{label: 一般公共服务支出, values: [1034.56]}}
        - {{label: 社会保障和就业支出, values: [200.00]}}
        - {{id: grand-total, label: 支出总计, values: [1234.56]}}
- type: table
  role: budget-general-expenditure
  title: 一般公共预算支出预算表
  unit: 万元
  columns:
    - {{id: total, label: 合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{code: "201", label: 一般公共服务支出, values: [1000.00, 800.00, 200.00]}}
    - {{code: "208", label: 社会保障和就业支出, values: [200.00, 200.00, 0]}}
    - {{id: total, label: 合计, values: [1200.00, 1000.00, 200.00]}}
"""
CURRENT_GENERAL_CASES = [
    ("五、一般公共预算当年拨款情况", "一般公共服务支出{x}万元；社会保障和就业支出200.00万元。"),
    ("（三）一般公共预算拨款支出结构情况", "一般公共服务支出{x}万元，主要用于机关运行。"),
    ("五、预算情况说明", "本部门2025年一般公共预算当年拨款1200.00万元，其中：一般公共服务支出{x}万元。"),
]


@pytest.mark.parametrize(("heading", "text"), CURRENT_GENERAL_CASES)
def test_a_class_of_the_current_general_section_is_the_general_tables(tmp_path: Path, heading: str, text: str) -> None:
    found, _ = run(tmp_path, 2025, "budget", CURRENT_GENERAL.format(heading=heading, text=text.format(x="1000.00")))
    assert _text_problems(found) == []


@pytest.mark.parametrize(("heading", "text"), CURRENT_GENERAL_CASES)
def test_an_all_funds_class_figure_in_the_current_general_section_is_reported(tmp_path: Path, heading: str, text: str) -> None:
    found, written = run(tmp_path, 2025, "budget", CURRENT_GENERAL.format(heading=heading, text=text.format(x="1034.56")))
    assert [(p.code, str(p.stated), str(p.computed)) for p in found if p.code.startswith("text-")] == [("text-figure-mismatch", "1034.56", "1000.00")]
    assert (found[0].line, found[0].column) == place_of(written, "1034.56")


def test_an_all_funds_class_figure_outside_a_general_section_raises_nothing(tmp_path: Path) -> None:
    text = "本部门2025年支出预算1234.56万元，其中：一般公共服务支出1034.56万元。"
    found, _ = run(tmp_path, 2025, "budget", CURRENT_GENERAL.format(heading="三、支出预算情况说明", text=text))
    assert _text_problems(found) == []


# --------------------------------------------------------------------------- “货物类采购 X 元”

PROCUREMENT = """\
- type: heading
  level: 2
  text: （二）政府采购预算安排情况说明
- type: text
  text: |
    2025年政府采购预算17000元。{text}
- type: table
  role: procurement
  title: 政府采购预算
  unit: 元
  columns:
    - {{id: budget, label: 预算数}}
  rows:
    - {{id: total, label: 政府采购预算, values: [17000]}}
    - {{id: goods, label: 货物, values: [10000]}}
    - {{id: works, label: 工程, values: [0]}}
    - {{id: services, label: 服务, values: [7000]}}
"""
KINDS = [
    "其中：货物类采购{g}元；工程类采购0元；服务类采购{s}元。",
    "其中：货物类采购预算{g}元，工程类采购预算0元，服务类采购预算{s}元。",
    "其中：货物类采购{g}元，占政府采购预算的58.8%；工程类采购0元；服务类采购{s}元，占41.2%。",
]


@pytest.mark.parametrize("text", KINDS)
def test_right_procurement_kinds_raise_nothing(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2025, "budget", PROCUREMENT.format(text=text.format(g="10000", s="7000")))
    assert _text_problems(found) == []


@pytest.mark.parametrize("text", KINDS[:2])
def test_wrong_procurement_kinds_are_reported(tmp_path: Path, text: str) -> None:
    found, written = run(tmp_path, 2025, "budget", PROCUREMENT.format(text=text.format(g="11000", s="7700")))
    assert [(p.code, str(p.stated), str(p.computed)) for p in found if p.code == "text-figure-mismatch"] == [
        ("text-figure-mismatch", "11000", "10000"),
        ("text-figure-mismatch", "7700", "7000"),
    ]
    assert (found[0].line, found[0].column) == place_of(written, "11000")


def test_a_share_of_the_total_spending_is_not_of_a_part_fund_before_the_list(tmp_path: Path) -> None:
    """After 一般公共预算支出's list, “占总支出” may be of the department's spending: not read as that fund's."""
    text = "2025年一般公共预算支出842.79万元，比2024年增加62.15万元。其中，基本支出781.93万元，占总支出50%。"
    found, _ = run(tmp_path, 2025, "budget", SPENDING.format(text=text))
    assert [p.code for p in found if p.code == "text-rate-mismatch"] == []


@pytest.mark.parametrize(
    "text",
    [
        "2025年某镇支出预算842.79万元，比2024年增加62.15万元。其中，基本支出增加50.00万元，占80.45%。",
        "2025年某镇支出预算842.79万元，比2024年增加62.15万元，其中：基本支出增加50.00万元，占80.45%。",
    ],
)
def test_a_share_of_a_change_is_not_of_the_total_before_its_comparison(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2025, "budget", SPENDING.format(text=text))
    assert [p.code for p in found if p.code == "text-rate-mismatch"] == []


# --------------------------------------------------------------------------- “初中教育支出 X 元”: a 项 named with 支出 after it

SCHOOL = """\
- type: heading
  level: 3
  text: (一)一般公共预算支出按支出功能分类科目划分。
- type: text
  text: |
    {text}
- type: table
  role: budget-general-expenditure
  title: 一般公共预算支出表
  unit: 元
  columns:
    - {{id: total, label: 合计}}
    - {{id: basic, label: 基本支出}}
    - {{id: project, label: 项目支出}}
  rows:
    - {{code: "205", label: 教育支出, values: [5783037.92, 5783037.92, 0]}}
    - {{code: "20502", label: 普通教育, values: [5783037.92, 5783037.92, 0]}}
{items}    - {{id: total, label: 合计, values: [5783037.92, 5783037.92, 0]}}
"""
SCHOOL_ITEMS = """\
    - {code: "2050203", label: 初中教育, values: [2065405.42, 2065405.42, 0]}
    - {code: "2050204", label: 高中教育, values: [3717632.50, 3717632.50, 0]}
"""
SCHOOL_TEXT = (
    "初中教育支出 2,065,405.42 元,其中:基本支出2,065,405.42 元,项目支出 0元。主要用于初中教职工工资福利支出。\n\n"
    "    高中教育支出 {high} 元,其中:基本支出 3,717,632.50 元,项目支出 0元。"
)


@pytest.mark.parametrize("items", [SCHOOL_ITEMS, ""], ids=["items-printed", "class-only"])
def test_an_item_named_with_its_spending_is_not_the_class_its_name_ends_with(tmp_path: Path, items: str) -> None:
    """A Guangxi school's “初中教育支出 2,065,405.42 元” is the 项 初中教育 (2050203), not the class 教育支出 (205): right
    figures raise nothing, whether the table prints the 项 or only its class."""
    text = SCHOOL_TEXT.format(high="3,717,632.50")
    found, _ = run(tmp_path, 2023, "budget", SCHOOL.format(text=text, items=items))
    assert _text_problems(found) == []


def test_an_item_named_with_its_spending_is_checked_against_its_own_row(tmp_path: Path) -> None:
    text = SCHOOL_TEXT.format(high="3,717,632.60")
    found, written = run(tmp_path, 2023, "budget", SCHOOL.format(text=text, items=SCHOOL_ITEMS))
    assert [p.message for p in found if p.code.startswith("text-")] == [
        "正文中“高中教育支出”（项 2050204）写作 3717632.60 元，而“一般公共预算支出表”中“高中教育”的“合计”是 3717632.50 元："
        "正文应与表格一致，请照原文核对。"
    ]
    assert (found[0].line, found[0].column) == place_of(written, "3,717,632.60")


@pytest.mark.parametrize("name", ["小学教育支出", "学前教育支出", "其他教育支出"])
def test_the_parts_of_an_item_the_tables_do_not_print_are_not_the_departments(tmp_path: Path, name: str) -> None:
    """“小学教育支出 A 元，其中：基本支出 A 元” where the tables print only the class: the 基本支出 is the 项's, not the department's."""
    text = f"{name} 1,000,000.00 元,其中:基本支出 1,000,000.00 元,项目支出 0元。"
    found, _ = run(tmp_path, 2023, "budget", SCHOOL.format(text=text, items=""))
    assert _text_problems(found) == []


# --------------------------------------------------------------------------- a unit printed twice: “1837600元元”

INCOME_SHARES = """\
- type: text
  text: |
    2024年收入预算11376591.44元,其中:本年财政拨款收入9538991.44元,占{first};上年结转1837600{unit},占{second}。
"""


@pytest.mark.parametrize("unit", ["元", "元元", "元 元"])
def test_a_unit_printed_twice_leaves_the_share_after_it_checked(tmp_path: Path, unit: str) -> None:
    """永胜镇 2024 prints “上年结转1837600元元,占16.15%”: the doubled 元 does not hide a wrong share."""
    found, written = run(tmp_path, 2024, "budget", INCOME_SHARES.format(unit=unit, first="83.85%", second="61.15%"))
    assert [p.message for p in found if p.code.startswith("text-")] == ["正文“占61.15%”与所列数字不符：1837600 ÷ 11376591.44 × 100 = 16.15。"]
    assert (found[0].line, found[0].column) == place_of(written, "61.15%")
    right, _ = run(tmp_path / "right", 2024, "budget", INCOME_SHARES.format(unit=unit, first="83.85%", second="16.15%"))
    assert _text_problems(right) == []


def test_wan_yuan_printed_twice_is_read_as_one_unit(tmp_path: Path) -> None:
    text = "2024年收入预算1137.66万元,其中:本年财政拨款收入953.90万元元,占83.85%;上年结转183.76万元,占61.15%。"
    found, _ = run(tmp_path, 2024, "budget", INCOME_SHARES.replace(INCOME_SHARES.split("|\n")[1].strip(), text))
    assert [p.message for p in found if p.code.startswith("text-")] == ["正文“占61.15%”与所列数字不符：183.76 ÷ 1137.66 × 100 = 16.15。"]


# --------------------------------------------------------------------------- 政府采购 kinds listed paragraphs after the total

GUANGXI_PROCUREMENT = """\
- type: heading
  level: 3
  text: (二)政府采购预算安排情况说明。
- type: text
  text: |
    2023 年政府采购预算 17000 元,同比增加 17000 元,上年无该预算,增长率无可比性。其中:政府集中采购预算 {central} 元,占政府采购预算的 100%。分散采购 0 元,占政府采购预算的 0%。

    按政府采购资金类型划分,一般公共预算拨款 17000 元,财政专户管理的资金安排 0 元,上年结转结余资金安 0 元。

    按政府采购项目类型,分为货物类采购、工程类采购和服务类采购三种类型。其中:货物类采购 {goods} 元;工程类采购 0 元;服务类采购 7000 元。
"""


def test_procurement_kinds_listed_after_the_total_add_up_to_it(tmp_path: Path) -> None:
    """梧州 2023: the total, then its split by 资金类型, then “其中:货物类采购…”: the kinds still add up to the total."""
    found, _ = run(tmp_path, 2023, "budget", GUANGXI_PROCUREMENT.format(central="17000", goods="10000"))
    assert _text_problems(found) == []
    found, written = run(tmp_path / "wrong", 2023, "budget", GUANGXI_PROCUREMENT.format(central="17000", goods="11000"))
    assert [p.message for p in found if p.code.startswith("text-")] == [
        f"正文第 {place_of(written, '政府采购预算 17000')[0]} 行的政府采购总数 17000 元与“其中”所列货物、工程、服务之和不符："
        "11000 + 0 + 7000 = 18000 元。"
    ]
    assert (found[0].line, found[0].column) == place_of(written, "11000")


def test_procurement_kinds_of_a_part_said_after_the_total_raise_nothing(tmp_path: Path) -> None:
    """Kinds that add up to a figure of 采购 said after the total (the 集中采购 of 18000) may be that figure's."""
    found, _ = run(tmp_path, 2023, "budget", GUANGXI_PROCUREMENT.format(central="18000", goods="11000"))
    assert [p.code for p in found if p.code == "text-parts-mismatch"] == []


def test_procurement_kinds_in_another_section_than_the_total_are_not_added_up(tmp_path: Path) -> None:
    body = GUANGXI_PROCUREMENT.format(central="17000", goods="11000").replace(
        "\n    按政府采购项目类型", "\n- type: heading\n  level: 3\n  text: (三)其他\n- type: text\n  text: |\n    按政府采购项目类型"
    )
    found, _ = run(tmp_path, 2023, "budget", body)
    assert [p.code for p in found if p.code == "text-parts-mismatch"] == []


# --------------------------------------------------------------------------- a share left blank; totals named 收支; 按同口径

BLANK_SHARE = """\
- type: text
  text: |
    商品和服务支出预算 40000 元，占基本支出预算{share}，同比增加 {change} 元，增长 {rate}%。
"""


def test_a_share_left_blank_is_residue_and_the_rate_after_it_is_still_checked(tmp_path: Path) -> None:
    """梧州: “…元，占基本支出预算%，同比增加…元，增长…%”: the blank share was passed, and hid a wrong rate behind it."""
    found, written = run(tmp_path, 2022, "budget", BLANK_SHARE.format(share="%", change="10000", rate="50"))
    assert [(p.code, p.stated) for p in found if p.code in ("template-residue", "text-rate-mismatch")] == [
        ("template-residue", None),
        ("text-rate-mismatch", "50"),  # 10000 ÷ (40000 − 10000) = 33.33
    ]
    assert "“占基本支出预算%”" in found[0].message and (found[0].line, found[0].column) == place_of(written, "占基本支出预算%")
    found, _ = run(tmp_path / "spaced", 2022, "budget", BLANK_SHARE.format(share=" %", change=" ", rate="33.33").replace("增加   元", "增加 元"))
    assert [p.code for p in found if p.code == "template-residue"] == ["template-residue"]
    assert "“增加 元”" in found[0].message, found[0].message
    found, _ = run(tmp_path / "filled", 2022, "budget", BLANK_SHARE.format(share="80%", change="10000", rate="33.33"))
    assert [p.code for p in found if p.code in ("template-residue", "text-rate-mismatch")] == []


BOTH_TOTALS = """\
- type: text
  text: |
    2023年度收入总计1,200.00万元，支出总计1,200.00万元。{sentence}，增长{rate}%，主要原因是人员增加。
"""


@pytest.mark.parametrize(
    "sentence",
    ["收支较上年决算数增加200.00万元", "收支总计较上年增加200.00万元", "收入支出总体与上年相比，增加200.00万元"],
)
def test_a_change_of_both_totals_named_as_one_is_checked(tmp_path: Path, sentence: str) -> None:
    """重庆's 决算 template “收支较上年决算数增加X万元，增长X%” and 乌鲁木齐's “收入支出总体与上年相比”: the totals just stated."""
    found, _ = run(tmp_path, 2023, "final-accounts", BOTH_TOTALS.format(sentence=sentence, rate="25"))
    # 200 ÷ (1200 − 200) × 100 = 20
    assert [(p.code, p.stated, Decimal(str(p.computed))) for p in found if p.code.startswith("text-")] == [("text-rate-mismatch", "25", Decimal(20))]
    found, _ = run(tmp_path / "right", 2023, "final-accounts", BOTH_TOTALS.format(sentence=sentence, rate="20"))
    assert [p.code for p in found if p.code.startswith("text-")] == []


def test_both_totals_stated_in_the_paragraph_before_the_comparison(tmp_path: Path) -> None:
    body = BOTH_TOTALS.format(sentence="收入支出总体与上年相比，增加200.00万元", rate="25").replace("万元。收入支出总体", "万元。\n\n    收入支出总体")
    found, _ = run(tmp_path, 2023, "final-accounts", body)
    assert [(p.code, p.stated) for p in found if p.code.startswith("text-")] == [("text-rate-mismatch", "25")]


def test_a_change_on_the_same_basis_is_the_figures_change(tmp_path: Path) -> None:
    """广西 “三公” summaries: “…1000.00万元，按同口径同比减少60.00万元，下降X%”: 按同口径 is the basis, not another figure."""
    text = "- type: text\n  text: |\n    2019年“三公”经费决算支出数为1000.00万元，按同口径同比减少60.00万元，下降{rate}%。\n"
    found, _ = run(tmp_path, 2019, "final-accounts", text.format(rate="7.2"))
    assert [(p.code, p.stated) for p in found if p.code.startswith("text-")] == [("text-rate-mismatch", "7.2")]
    found, _ = run(tmp_path / "right", 2019, "final-accounts", text.format(rate="5.66"))
    assert [p.code for p in found if p.code.startswith("text-")] == []


BASIC_PARTS = """\
- type: text
  text: |
    2023年本年一般公共预算基本支出 {total} 元，其中：人员经费 809961.19 元，主要包括：基本工资、津贴补贴、绩效工资。{split}公用经费 71339.2 元，主要包括：办公费、工会经费。
"""


@pytest.mark.parametrize("split", ["", "\n\n    "], ids=["one paragraph", "next paragraph"])
def test_basic_expenditure_is_its_personnel_and_public_costs(tmp_path: Path, split: str) -> None:
    """梧州: 基本支出 911000.39 with 人员经费 809961.19 + 公用经费 71339.2 = 881300.39 (the 公用经费 may open the next paragraph)."""
    body = BASIC_PARTS.format(total="911000.39", split=split)
    found, written = run(tmp_path, 2023, "budget", body)
    [wrong] = [p for p in found if p.code == "text-parts-mismatch"]
    assert wrong.stated == "911000.39" and Decimal(str(wrong.computed)) == Decimal("809961.19") + Decimal("71339.2")
    assert (wrong.line, wrong.column) == place_of(written, "911000.39")
    right = BASIC_PARTS.format(total="881300.39", split=split)
    found, _ = run(tmp_path / "right", 2023, "budget", right)
    assert [p.code for p in found if p.code.startswith("text-")] == []


def test_changes_of_personnel_and_public_costs_are_not_parts_of_the_total(tmp_path: Path) -> None:
    text = "- type: text\n  text: |\n    基本支出 900 元，比上年增加 50 元，其中：人员经费增加 30 元，公用经费增加 20 元。\n"
    found, _ = run(tmp_path, 2023, "budget", text)
    assert [p.code for p in found if p.code == "text-parts-mismatch"] == []


def test_three_public_parts_listed_one_sentence_each_after_the_total_add_up(tmp_path: Path) -> None:
    """广西 鹿寨: “…“三公”经费决算支出数为1165.08万元…。其中：因公出国（境）费支出0万元。公务用车购置费支出…，同比减少…；
    公务用车运行维护费支出…。公务接待费支出…”: each item in its own sentence with its own comparison."""
    text = (
        "- type: text\n  text: |\n    2019年“三公”经费决算支出数为1165.08万元，同比减少63.96万元，下降5.2%。其中：因公出国（境）费支出0万元。"
        "公务用车购置费支出204.78万元，同比减少54.2万元，下降20.93%；公务用车运行维护费支出664.60万元，同比增加53.81万元，增长8.81%。"
        "公务接待费支出{reception}万元，同比减少60.14万元，下降{rate}%。\n"
    )
    found, _ = run(tmp_path, 2019, "final-accounts", text.format(reception="295.70", rate="16.9"))
    assert [p.code for p in found if p.code == "text-parts-mismatch"] == []
    found, written = run(tmp_path / "wrong", 2019, "final-accounts", text.format(reception="395.70", rate="13.19"))
    [wrong] = [p for p in found if p.code == "text-parts-mismatch"]
    assert "0 + 204.78 + 664.60 + 395.70" in wrong.message and (wrong.line, wrong.column) == place_of(written, "1165.08")


@pytest.mark.parametrize(
    "text",
    [
        # 支出 said before 与 is the 支出合计 stated first, not the last part stated (项目支出 300): 50 ÷ 750 = 6.67.
        "2023年度支出合计800万元。基本支出500万元，项目支出300万元。支出与上年相比，增加50万元，增长6.67%。",
        # An item of 公用经费 is not the 公用经费; a third part listed means the two are not the whole.
        "基本支出500万元，其中：人员经费400万元，主要包括基本工资等；公用经费主要包括办公费50万元、印刷费30万元、其他20万元。",
        "基本支出600万元，其中：人员经费380万元，对个人和家庭的补助120万元，公用经费100万元。",
        # A column's name, not a share left blank.
        "下表列出各项目的金额及占比%，单位为万元。",
        # A standard of 接待 in the sentence after the 三公 list is no part of it.
        "2023年“三公”经费预算10万元，其中：因公出国（境）费0万元，公务用车购置及运行费10万元。公务接待人均标准0.5万元。",
    ],
)
def test_wordings_that_are_right_raise_nothing(tmp_path: Path, text: str) -> None:
    found, _ = run(tmp_path, 2023, "final-accounts", f"- type: text\n  text: |\n    {text}\n")
    assert [(p.code, p.message) for p in found if p.code.startswith("text-") or p.code == "template-residue"] == []
