"""Rates of change said in wordings of real 预算执行, 决算 and “三公” texts, as an editor reads the problems on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_narrative_checks import place_of, run


def rates(tmp_path: Path, year: int, kind: str, *paragraphs: str) -> tuple[list[tuple[str, str, tuple[int, int]]], str]:
    body = "".join(f"- type: text\n  text: {p}\n" for p in paragraphs)
    found, text = run(tmp_path, year, kind, body)
    return [(p.code, p.message, (p.line, p.column)) for p in found if p.code.startswith("text-") or p.code == "rounding-difference"], text


GAOCHANG = "支出情况:一般公共预算支出完成42.76亿元,完成年初预算的97.04%,同比增支7.74亿元,增长{rate}%。"


def test_the_figure_after_wancheng_is_the_years_own(tmp_path: Path) -> None:
    """新疆 高昌 2026: “支出完成42.76亿元，…，同比增支7.74亿元，增长22.10%” — 完成 says what was spent, not a budget."""
    found, text = rates(tmp_path, 2026, "budget", GAOCHANG.format(rate="23.10"))
    assert found == [("text-rate-mismatch", "正文“增长23.10%”与所列数字不符：7.74 ÷（42.76 − 7.74）× 100 = 22.10。", place_of(text, "23.10%"))]
    found, _ = rates(tmp_path / "right", 2026, "budget", GAOCHANG.format(rate="22.10"))
    assert found == []


@pytest.mark.parametrize(
    "sentence",
    [
        # The budget a completion rate names is not this year's figure: 62.07 rose by 10 from 52.07.
        "收入完成62.07万元，完成预算43.2万元的143.7%，比上年增加10万元，增长19.2%。",
        "支出62.07万元，完成全年预算84.82万元的73.2%，比上年增加10万元，增长19.2%。",
    ],
)
def test_a_budget_named_by_a_completion_rate_is_still_no_years_figure(tmp_path: Path, sentence: str) -> None:
    found, _ = rates(tmp_path, 2024, "final-accounts", sentence)
    assert found == []


YUNNAN = "2017年总收入6628.72万元,相比2016年的总收入6871.82减少243.10万元,下降{rate}%。"


def test_xiangbi_compares_and_a_base_without_its_unit_is_read_in_the_changes(tmp_path: Path) -> None:
    """云南省中西医结合医院 2017: “相比2016年的总收入6871.82减少243.10万元,下降3.54%” — 相比 opens the comparison like 比,
    and 6871.82 (its 万元 left out) is the base."""
    found, text = rates(tmp_path, 2017, "final-accounts", YUNNAN.format(rate="4.54"))
    assert found == [("text-rate-mismatch", "正文“下降4.54%”与所列数字不符：（6871.82 − 6628.72）÷ 6871.82 × 100 = 3.54。", place_of(text, "4.54%"))]
    found, _ = rates(tmp_path / "right", 2017, "final-accounts", YUNNAN.format(rate="3.54"))
    assert found == []


@pytest.mark.parametrize(
    "sentence",
    [
        # 与…相比 closes its comparison; the 相比 there starts none of its own.
        "2024年收入110万元，与上年相比增加10万元，增长10%。",
        # A number without decimals before the direction word may be a count or a year: not read as a base.
        "2024年收入110万元，相比2023年的100增加10万元，增长10%。",
    ],
)
def test_right_rates_beside_xiangbi_stay_silent(tmp_path: Path, sentence: str) -> None:
    found, _ = rates(tmp_path, 2024, "final-accounts", sentence)
    assert found == []


WEILONG = (
    "2021年度镇本级“三公”经费决算4.5万元,因公出国(境)费0万元,公务接待费0万元,公务用车购置及运行维护费4.5万元。"
    "经比较,2021年度镇本级“三公”经费较上年决算数减少0.5万元,下降{last}%;较年初预算数减少5.5万元,下降{budget}%。"
)


@pytest.mark.parametrize(("last", "budget", "wrong"), [("20", "55", "20%"), ("10", "80", "80%")])
def test_a_three_public_total_of_an_earlier_sentence_and_its_second_comparison(tmp_path: Path, last: str, budget: str, wrong: str) -> None:
    """铜梁 围龙镇 2021 (text only): the comparison names “三公”经费, whose figure the sentence before printed; after the ；
    the same figure is compared with its budget. 0.5 ÷ 5.0 = 10%, 5.5 ÷ 10.0 = 55%."""
    found, text = rates(tmp_path, 2021, "final-accounts", WEILONG.format(last=last, budget=budget))
    assert [(code, place) for code, _, place in found] == [("text-rate-mismatch", place_of(text, wrong))]
    assert "4.5" in found[0][1]
    found, _ = rates(tmp_path / "right", 2021, "final-accounts", WEILONG.format(last="10", budget="55"))
    assert found == []


def test_an_earlier_years_subject_is_not_this_years_figure(tmp_path: Path) -> None:
    """“2020年度…“三公”经费较上年…” compares another year's figure: this year's 4.5 is not its figure."""
    found, _ = rates(tmp_path, 2021, "final-accounts", WEILONG.format(last="20", budget="80").replace("经比较,2021年度", "经比较,2020年度"))
    assert found == []


def test_a_change_in_yuan_beside_a_figure_in_wan_yuan_is_told_as_a_unit_slip(tmp_path: Path) -> None:
    """三江 同乐卫生院 2025: “总支出1135.8万元,比上年增加64.23元,增长5.7%” — the 万 left out; as 64.23万元 the rate is
    5.99%, which 5.7% still misses (it took this year as the base). Both units are named, and the rate the 万 would give."""
    found, text = rates(tmp_path, 2025, "budget", "总支出1135.8万元,比上年增加64.23元,增长5.7%。")
    assert found == [
        (
            "text-rate-mismatch",
            "正文“增长5.7%”与所列数字不符：增减额“64.23元”与本年数“1135.8万元”单位不同（64.23元即 0.006423 万元，按此算增减率为 0.00%）；"
            "若为64.23万元，64.23 ÷（1135.8 − 64.23）× 100 = 5.99，与所写5.7%也不符。",
            place_of(text, "5.7%"),
        )
    ]
    found, _ = rates(tmp_path / "fits", 2025, "budget", "总支出110万元,比上年增加10元,增长10%。")
    assert [message for _, message, _ in found] == [
        "正文“增长10%”与所列数字不符：增减额“10元”与本年数“110万元”单位不同（10元即 0.001 万元，按此算增减率为 0.00%）；"
        "若为10万元，10 ÷（110 − 10）× 100 = 10.00，与所写10%相符：是否漏写了“万”？"
    ]
    # Units that differ but give the printed rate as written are right.
    found, _ = rates(tmp_path / "right", 2025, "budget", "总支出1100000元,比上年增加10万元,增长10%。")
    assert found == []


BUDGET_THEN_ACTUAL = "2024年度镇本级“三公”经费年初预算5.00万元，决算4.50万元。经比较，2024年度镇本级“三公”经费较上年{base}减少0.50万元，下降{rate}%。"


def test_a_comparison_of_an_earlier_sentences_figure_takes_the_phase_it_names(tmp_path: Path) -> None:
    """The sentence before prints the 年初预算 and then the 决算: “较上年决算数” compares the 决算 (0.50 ÷ 5.00 = 10.00%)."""
    found, _ = rates(tmp_path, 2024, "final-accounts", BUDGET_THEN_ACTUAL.format(base="决算数", rate="10.00"))
    assert found == []
    found, text = rates(tmp_path / "wrong", 2024, "final-accounts", BUDGET_THEN_ACTUAL.format(base="决算数", rate="11.00"))
    assert found == [("text-rate-mismatch", "正文“下降11.00%”与所列数字不符：0.50 ÷（4.50 + 0.50）× 100 = 10.00。", place_of(text, "11.00%"))]
    # The fund's name in the subject names no phase: the 决算 is still the one “较上年决算数” compares.
    fund = BUDGET_THEN_ACTUAL.replace("镇本级", "一般公共预算财政拨款")
    found, text = rates(tmp_path / "fund", 2024, "final-accounts", fund.format(base="决算数", rate="11.00"))
    assert found == [("text-rate-mismatch", "正文“下降11.00%”与所列数字不符：0.50 ÷（4.50 + 0.50）× 100 = 10.00。", place_of(text, "11.00%"))]
    # “较上年” names no phase: which of the two figures is compared cannot be told.
    found, _ = rates(tmp_path / "unnamed", 2024, "final-accounts", BUDGET_THEN_ACTUAL.format(base="", rate="11.00"))
    assert found == []


THREE_PUBLIC_IN_YUAN = """\
- type: text
  text: |
    2024年度“三公”经费财政拨款支出预算为43.00万元，支出决算为39.56万元，完成预算的92.00%。2024年度“三公”经费财政拨款支出决算比2023年度增加25.35万元，增长{rate}%。主要原因是按规定更新购置执法执勤用车1辆。
- type: table
  role: final-three-public
  title: 财政拨款“三公”经费支出决算表
  unit: 元
  columns:
    - {{id: budget, label: 预算数}}
    - {{id: actual, label: 决算数}}
  rows:
    - {{id: total, label: 合计, values: [430000.00, 395586.20]}}
    - {{id: overseas, label: 1.因公出国（境）费, values: [0.00, 0.00]}}
    - {{id: vehicle, label: 2.公务用车购置及运行维护费, values: [400000.00, 374236.20]}}
    - {{id: vehicle-purchase, label: （1）公务用车购置费, values: [280000.00, 265800.00]}}
    - {{id: vehicle-operation, label: （2）公务用车运行维护费, values: [120000.00, 108436.20]}}
    - {{id: reception, label: 3.公务接待费, values: [30000.00, 21350.00]}}
"""


def told(tmp_path: Path, year: int, kind: str, body: str) -> tuple[list[tuple[str, str, tuple[int, int]]], str]:
    """The narrative's problems and rounding notices on a document of ``body`` (its tables with it)."""
    found, text = run(tmp_path, year, kind, body)
    return [(p.code, p.message, (p.line, p.column)) for p in found if p.code.startswith("text-") or p.code == "rounding-difference"], text


def test_a_change_in_wan_yuan_against_a_table_in_yuan_is_rounded_to_its_own_place(tmp_path: Path) -> None:
    """福建 闽侯, the national template's sentence over a 三公 table in 元: “比2023年度增加25.35万元，增长178.40%”.
    25.35 ÷ 14.21 = 178.40 as printed; from the table's 39.558620 万元 it is 178.41, and 25.35 万元 may be 50 元 off
    either way: rounding, not an error that stopped the document from being published (nor a “单位不同”)."""
    found, text = told(tmp_path, 2024, "final-accounts", THREE_PUBLIC_IN_YUAN.format(rate="178.40"))
    assert found == [
        (
            "rounding-difference",
            "正文“增长178.40%”按所列数字算得 25.35 ÷（39.55862（表中的本年数 395586.20 元） − 25.35）× 100 = 178.41，差额在四舍五入误差范围内。",
            place_of(text, "178.40%"),
        )
    ]
    found, _ = told(tmp_path / "wrong", 2024, "final-accounts", THREE_PUBLIC_IN_YUAN.format(rate="176.40"))
    assert [(code, message) for code, message, _ in found] == [
        ("text-rate-mismatch", "正文“增长176.40%”与所列数字不符：25.35 ÷（39.55862（表中的本年数 395586.20 元） − 25.35）× 100 = 178.41。")
    ]


SUMMARY_IN_YUAN = """\
- type: text
  text: 本年收入合计{figure}万元。
- type: table
  role: final-summary
  title: 收入支出决算总表
  unit: 元
  sides:
    - id: income
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{id: total-income, label: 本年收入合计, values: [33947162.44]}}
    - id: expenditure
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{id: total-expenditure, label: 本年支出合计, values: [33947162.44]}}
"""


def test_a_figure_cut_from_yuan_to_wan_yuan_is_a_notice(tmp_path: Path) -> None:
    """33947162.44 元 written 3394.71 万元 (cut, not rounded, as some finance systems convert): rounding's notice, as
    checks.md says, not an error; 3394.70 is a slip."""
    found, text = told(tmp_path, 2024, "final-accounts", SUMMARY_IN_YUAN.format(figure="3394.71"))
    assert [(code, place) for code, _, place in found] == [("rounding-difference", place_of(text, "3394.71"))]
    assert "3394.716244 万元截去尾数正是正文所写的数（四舍五入应为 3394.72），不必修改。" in found[0][1]
    found, _ = told(tmp_path / "round", 2024, "final-accounts", SUMMARY_IN_YUAN.format(figure="3394.72"))
    assert found == []
    found, _ = told(tmp_path / "slip", 2024, "final-accounts", SUMMARY_IN_YUAN.format(figure="3394.70"))
    assert [code for code, _, _ in found] == ["text-figure-mismatch"]


@pytest.mark.parametrize("rate", ["预算执行率为96.20%", "完成全年预算的96.20%"])
def test_a_share_of_a_total_whose_execution_rate_stands_before_its_list(tmp_path: Path, rate: str) -> None:
    """江西 self-evaluation: “全年执行数9490.58万元，预算执行率为96.20%，其中：基本支出3256.82万元，占34.23%” — the parts divide
    the 执行数; the list's whole was looked for right before 其中, where the rate stands, and the wrong shares passed."""
    said = f"2023年度本部门全年预算数9865.47万元，全年执行数9490.58万元，{rate}，其中：基本支出3256.82万元，占{{a}}%；项目支出6233.76万元，占{{b}}%。"
    found, text = rates(tmp_path, 2023, "self-evaluation", said.format(a="34.23", b="65.77"))
    assert [(code, place) for code, _, place in found if code == "text-rate-mismatch"] == [
        ("text-rate-mismatch", place_of(text, "34.23%")),
        ("text-rate-mismatch", place_of(text, "65.77%")),
    ]
    assert "3256.82 ÷ 9490.58 × 100 = 34.32" in found[0][1]
    found, _ = rates(tmp_path / "right", 2023, "self-evaluation", said.format(a="34.32", b="65.68"))
    assert [code for code, _, _ in found if code == "text-rate-mismatch"] == []


@pytest.mark.parametrize("aside", ["（8263229元）", "(8,263,229元)", "（预算数）"])
def test_an_aside_in_brackets_after_the_figure_does_not_hide_its_comparison(tmp_path: Path, aside: str) -> None:
    """吉林: “2025年部门预算收入826.32万元（8263229元），比上年增加25.07万元，增长3.03%” — the 元 figure in brackets stood
    between the figure and its comparison, and the rate computed over the wrong base passed. 25.07 ÷ 801.25 = 3.13%."""
    said = f"2025年部门预算收入826.32万元{aside}，比上年增加25.07万元，增长{{rate}}%。"
    found, text = rates(tmp_path, 2025, "budget", said.format(rate="3.03"))
    assert [(code, place) for code, _, place in found] == [("text-rate-mismatch", place_of(text, "3.03%"))]
    assert "25.07 ÷（826.32 − 25.07）× 100 = 3.13" in found[0][1]
    found, _ = rates(tmp_path / "right", 2025, "budget", said.format(rate="3.13"))
    assert found == []


def test_a_completion_rate_is_of_the_budget_outside_the_brackets_not_its_parts_inside(tmp_path: Path) -> None:
    """安徽 霍山: “支出预算为26.50万元（其中年初预算8.50万元，年中追加公务用车购置经费18.00万元），支出决算为25.32万元，完成预算的
    95.55%” was checked against 年初 8.50 (297.88%): an error on a right figure, which stopped the 决算 from being published."""
    said = "2024年度“三公”经费财政拨款支出预算为26.50万元（其中年初预算8.50万元，年中追加公务用车购置经费18.00万元），支出决算为25.32万元，完成预算的{rate}%。"
    found, _ = rates(tmp_path, 2024, "final-accounts", said.format(rate="95.55"))
    assert found == []
    found, text = rates(tmp_path / "wrong", 2024, "final-accounts", said.format(rate="97.55"))
    assert [(code, place) for code, _, place in found] == [("text-rate-mismatch", place_of(text, "97.55%"))]
    assert "25.32 ÷ 26.50 × 100 = 95.55" in found[0][1]


@pytest.mark.parametrize(
    ("said", "told"),
    [
        ("基本支出占支出预算的比重为54.83%，较上年的56.12%下降1.29个百分点。", None),
        ("基本支出占比由上年的56.12%下降到54.83%，下降1.29个百分点。", None),
        ("基本支出占支出预算的比重为54.83%，较上年的56.12%下降1.3个百分点。", None),  # to its own place
        # The change taken as a percent of last year's rate (1.29 ÷ 56.12), as writers slip.
        ("基本支出占支出预算的比重为54.83%，较上年的56.12%下降2.30个百分点。", "text-rate-mismatch"),
        ("基本支出占支出预算的比重为54.83%，较上年的56.12%提高1.29个百分点。", "text-direction-mismatch"),
    ],
)
def test_a_change_in_percentage_points_is_the_difference_of_the_two_rates(tmp_path: Path, said: str, told: str | None) -> None:
    """内蒙古 赛罕: “比重为54.83%，较上年的56.12%下降2.30个百分点” — 56.12 − 54.83 = 1.29 points; nothing read 百分点."""
    found, text = rates(tmp_path, 2025, "budget", said)
    assert [code for code, _, _ in found] == ([told] if told else [])
    if told == "text-rate-mismatch":
        assert "56.12 − 54.83 = 1.29 个百分点（所写的数像是按上年比率算的增减幅度" in found[0][1]


@pytest.mark.parametrize("named", ["决算数为年初预算的", "完成年初预算的", "全年执行数占年初预算的"])
def test_a_completion_of_the_budget_it_names_after_both_budgets(tmp_path: Path, named: str) -> None:
    """甘肃 秦州: “年初预算1865.40万元，全年预算2236.75万元，全年执行数2015.82万元，决算数为年初预算的108.06%” was checked
    against the 全年预算 (90.12): an error on a right figure that stopped the report from being published."""
    said = f"2023年部门年初预算1865.40万元，全年预算2236.75万元，全年执行数2015.82万元，{named}{{rate}}%。"
    found, _ = rates(tmp_path, 2023, "self-evaluation", said.format(rate="108.06"))
    assert found == []
    found, text = rates(tmp_path / "wrong", 2023, "self-evaluation", said.format(rate="106.08"))
    assert [(code, place) for code, _, place in found] == [("text-rate-mismatch", place_of(text, "106.08%"))]
    assert "2015.82 ÷ 1865.40 × 100 = 108.06" in found[0][1]


FUND_SECTION = """\
- type: heading
  level: 3
  text: 八、政府性基金预算财政拨款收入支出决算情况说明
- type: text
  text: |
    2024年度政府性基金预算财政拨款支出19012.83万元。

    年末结转和结余{end}万元，主要是部分征地拆迁项目尚未完成结算。
- type: table
  role: final-summary
  title: 收入支出决算总表
  unit: 万元
  sides:
    - id: income
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{id: total-income, label: 本年收入合计, values: [22000.00]}}
        - {{id: carryover-start, label: 年初结转和结余, values: [1300.00]}}
        - {{id: grand-total, label: 总计, values: [23300.00]}}
    - id: expenditure
      columns:
        - {{id: actual, label: 决算数}}
      rows:
        - {{id: total-expenditure, label: 本年支出合计, values: [22390.63]}}
        - {{id: carryover-end, label: 年末结转和结余, values: [909.37]}}
        - {{id: grand-total, label: 总计, values: [23300.00]}}
"""


def test_a_carry_over_in_a_funds_section_is_not_the_all_funds_one(tmp_path: Path) -> None:
    """浙江 德清: under “八、政府性基金预算财政拨款收入支出决算情况说明”, “年末结转和结余867.62万元” (the fund's) was an error
    against the 收入支出决算总表's 909.37 (all funds)."""
    found, _ = told(tmp_path, 2024, "final-accounts", FUND_SECTION.format(end="867.62"))
    assert [code for code, _, _ in found if code == "text-figure-mismatch"] == []


HEBEI_ITEM = "公共安全（类）司法（款）基层司法业务（项）。年初预算为30.00万元，支出决算为45.42万元，完成{which}的{rate}%。"


def test_a_completion_of_the_adjusted_budget_is_not_reckoned_against_the_year_start_budget_printed_beside_it(tmp_path: Path) -> None:
    """河北 决算: “年初预算为30.00万元，支出决算为45.42万元，完成调整预算的100%” — the 调整预算 (45.42 after 追加) is printed
    nowhere in the sentence, so its rate cannot be reckoned from the 年初预算 there."""
    found, _ = rates(tmp_path, 2024, "final-accounts", HEBEI_ITEM.format(which="调整预算", rate="100"))
    assert found == []
    found, text = rates(tmp_path / "initial", 2024, "final-accounts", HEBEI_ITEM.format(which="年初预算", rate="100"))
    assert found == [("text-rate-mismatch", "正文“完成100%”与所列数字不符：45.42 ÷ 30.00 × 100 = 151.40。", place_of(text, "100%"))]


@pytest.mark.parametrize(
    ("template", "wrong", "right", "shown"),
    [
        # 重庆's 决算 template: the change said of the 支出 again, after the comparison with the budget and its reason.
        (
            "2024年度“三公”经费支出共计29.56万元，较年初预算减少8.44万元，下降22.21%，主要原因是压减公务接待支出；"
            "较上年支出增加17.26万元，增长{rate}%，主要原因是更新执法执勤用车1辆。",
            "14.03",
            "140.33",
            "17.26 ÷（29.56 − 17.26）× 100 = 140.33",
        ),
        (
            "本单位2024年度机关运行经费支出86.40万元，较年初预算数减少3.60万元，降低4.00%，主要原因是厉行节约；"
            "较上年支出数增加4.30万元，增长{rate}%，主要原因是物业管理费增加。",
            "4.30",
            "5.24",
            "4.30 ÷（86.40 − 4.30）× 100 = 5.24",
        ),
        # What the money was spent on, between the figure and its comparison.
        (
            "公务用车运行维护费5.20万元，主要用于执法执勤车辆的燃料费、维修费、保险费等，较上年减少5.60万元，下降{rate}%，主要原因是报废老旧车辆2辆。",
            "15.85",
            "51.85",
            "5.60 ÷（5.20 + 5.60）× 100 = 51.85",
        ),
        # Sentences that open with the comparison, of the figure the sentence before states with its share.
        (
            "2024年度一般公共预算财政拨款支出1875.75万元，占本年支出合计的79.48%。较年初预算数增加5.55万元，增长{rate}%，"
            "主要原因是年中追加城管执法装备经费。",
            "3.00",
            "0.30",
            "5.55 ÷（1875.75 − 5.55）× 100 = 0.30",
        ),
        (
            "2024年度一般公共预算财政拨款支出1875.75万元，占本年支出合计的79.48%。较年初预算数增加5.55万元，增长0.30%，"
            "主要原因是年中追加城管执法装备经费。较上年增加155.50万元，增长{rate}%，主要原因是人员工资调整。",
            "9.94",
            "9.04",
            "155.50 ÷（1875.75 − 155.50）× 100 = 9.04",
        ),
    ],
)
def test_chongqing_wordings_of_a_change_are_reckoned(tmp_path: Path, template: str, wrong: str, right: str, shown: str) -> None:
    found, text = rates(tmp_path, 2024, "final-accounts", template.format(rate=wrong))
    assert [(code, message) for code, message, _ in found] == [("text-rate-mismatch", f"正文“{template.split('{rate}')[0][-2:]}{wrong}%”与所列数字不符：{shown}。")]
    found, _ = rates(tmp_path / "right", 2024, "final-accounts", template.format(rate=right))
    assert found == []


@pytest.mark.parametrize(
    ("template", "wrong", "right", "shown"),
    [
        # 广东: both totals stated, then named again as the subject of their change.
        (
            "2025年部门预算收入总计690.03万元，支出总计690.03万元，收支总计较上年增加24.78万元，增长{rate}%，主要原因是法律援助项目经费增加。",
            "3.37",
            "3.72",
            "24.78 ÷（690.03 − 24.78）× 100 = 3.72",
        ),
        (
            "2025年部门预算收入总计690.03万元，支出总计690.03万元，收支总预算比上年增加24.78万元，增长{rate}%。",
            "3.37",
            "3.72",
            "24.78 ÷（690.03 − 24.78）× 100 = 3.72",
        ),
        # 广东: the list of a total's parts opened by the classification it follows.
        (
            "财政拨款支出预算690.03万元，按支出功能分类科目，其中：公共安全支出（类）545.64万元，占{rate}%；社会保障和就业支出（类）144.39万元，占20.93%。",
            "97.08",
            "79.07",
            "545.64 ÷ 690.03 × 100 = 79.07",
        ),
        (
            "财政拨款支出预算690.03万元，按支出功能分类科目划分，公共安全支出（类）545.64万元，占{rate}%；社会保障和就业支出（类）144.39万元，占20.93%。",
            "97.08",
            "79.07",
            "545.64 ÷ 690.03 × 100 = 79.07",
        ),
    ],
)
def test_guangdong_wordings_of_totals_and_shares_are_reckoned(tmp_path: Path, template: str, wrong: str, right: str, shown: str) -> None:
    found, _ = rates(tmp_path, 2025, "budget", template.format(rate=wrong))
    assert [(code, message.split("：", 1)[1]) for code, message, _ in found] == [("text-rate-mismatch", f"{shown}。")], found
    found, _ = rates(tmp_path / "right", 2025, "budget", template.format(rate=right))
    assert found == []
