"""Reading the narrative: paragraphs, amounts and what they belong to, comparisons, shares, and where a sentence was typed.

The sentences are real (普陀区 budgets and final accounts, 2024–2025) unless a test
says it changed one; the end-to-end checks on whole real documents are the
``narrative-*`` cases under ``tests/cases/``.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pubgen import model as m
from pubgen.checks.narrative_statements import comparisons, completions, read_paragraph, shares
from pubgen.checks.narrative_text import Piece, Places, paragraphs, sentences
from pubgen.checks.narrative_words import Joined, residue, wrong_years
from pubgen.source import read

# --------------------------------------------------------------------------- paragraphs


def test_a_paragraph_is_read_without_quotation_marks_and_spaces_and_maps_back_to_the_text() -> None:
    text = "1. “一般公共服务支出(类)商贸事务(款)行政运行(项)” 938.99 万元，主要用于机关行政运行。\n"
    [p] = paragraphs(text)
    assert p.text == "1.一般公共服务支出（类）商贸事务（款）行政运行（项）938.99万元，主要用于机关行政运行。"
    at = p.text.index("938.99")
    assert text[p.offset(at) : p.offset(at) + 6] == "938.99"
    assert text[p.offset(p.text.index("万元"))] == "万"


def test_numbered_points_and_blank_lines_start_paragraphs_but_a_wrapped_line_does_not() -> None:
    text = "财政拨款支出主要内容如下：\n1、第一项，\n接着写。\n\n2、第二项。\n（三）第三项。\n"
    found = [p.text for p in paragraphs(text)]
    assert found == ["财政拨款支出主要内容如下：", "1、第一项，接着写。", "2、第二项。", "（三）第三项。"]


def test_sentences_end_at_full_stops() -> None:
    text = "甲1万元。乙2万元！丙"
    assert [text[a:b] for a, b in sentences(text)] == ["甲1万元。", "乙2万元！", "丙"]


# --------------------------------------------------------------------------- amounts


def _read(text: str, year: int = 2024):  # type: ignore[no-untyped-def]
    [p] = paragraphs(text)
    return read_paragraph(p.text, None, year)


def test_an_amount_keeps_its_printed_precision_year_and_phase() -> None:
    reading = _read("2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%。")
    first, second = reading.amounts
    assert (first.text, first.unit, first.phase, first.year, first.prior) == ("348.52", "万元", "actual", 2023, True)
    assert (second.text, second.phase, second.year, second.prior) == ("352.67", "budget", 2024, False)
    assert [p.text for p in reading.percents] == ["0.53"]


def test_thousands_separators_and_spaces_inside_a_figure_are_read() -> None:
    reading = _read("收入预算37,151.47万元，其中：年初预算为 1560.05 万元。")
    assert [a.value for a in reading.amounts] == [Decimal("37151.47"), Decimal("1560.05")]
    assert reading.amounts[1].phase == "initial-budget"


def test_a_change_or_a_base_in_a_comparison_is_not_an_items_figure() -> None:
    reading = _read("财政拨款收入37,151.47万元，比2024年预算执行数增加24,558.18万元。", 2025)
    assert [a.comparative for a in reading.amounts] == [False, True]


def test_rates_per_person_are_not_amounts() -> None:
    assert _read("人均发放标准1100元/人/月。").amounts == []


# --------------------------------------------------------------------------- comparisons


def test_two_years_amounts_and_the_rate_of_a_comparison_are_paired() -> None:
    reading = _read("31. “住房公积金（项）”350.35万元。2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%。")
    [c] = comparisons(reading, 2024)
    assert c.base is not None and c.current is not None and c.rate is not None
    assert (c.base.text, c.current.text, c.word, c.rate.text) == ("348.52", "352.67", "增加", "0.53")


def test_a_change_and_its_rate_are_paired_with_the_total_stated_in_the_sentence_before() -> None:
    reading = _read("上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。")
    [c] = comparisons(reading, 2024)
    assert c.current is not None and c.change is not None and c.rate is not None
    assert (c.current.text, c.change.text, c.word, c.rate_word, c.rate.text) == ("2995.39", "56.95", "减少", "下降", "1.87")


def test_a_comparison_in_another_statement_of_the_sentence_takes_no_figure_from_it() -> None:
    reading = _read("公务用车购置费25万元，比2023年预算增加25万元，主要原因是购置公务用车；公务用车运行费21.56万元，比2023年预算持平。")
    first, second = comparisons(reading, 2024)
    assert first.current is not None and first.current.text == "25" and first.base is None
    assert second.current is not None and second.current.text == "21.56" and second.base is None


def test_a_base_printed_inside_the_comparison_is_the_earlier_figure() -> None:
    reading = _read("2026年预算安排120万元，比2025年执行数100万元增加20%。", 2026)
    [c] = comparisons(reading, 2026)
    assert c.base is not None and c.current is not None and c.rate is not None
    assert (c.base.text, c.current.text, c.rate.text) == ("100", "120", "20")


# --------------------------------------------------------------------------- shares and completion


def test_a_share_is_of_the_total_before_its_breakdown() -> None:
    reading = _read("本年收入合计2946.25万元，其中： 财政拨款收入2940.05万元，占99.79%；其他收入6.2万元，占0.21%；")
    found = [(s.part.text, s.whole.text if s.whole else None, s.rate.text) for s in shares(reading)]
    assert found == [("2940.05", "2946.25", "99.79"), ("6.2", "2946.25", "0.21")]


def test_a_share_of_a_named_whole_keeps_the_name() -> None:
    [share] = shares(_read("一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。"))
    assert (share.part.text, share.whole, share.whole_name) == ("2940.05", None, "本年支出合计")


def test_a_share_without_a_stated_whole_is_not_read() -> None:
    assert [s.whole for s in shares(_read("因公出国（境）费支出决算5万元，占10%。"))] == [None]


def test_completion_is_the_actual_over_the_budget_of_the_sentence() -> None:
    reading = _read("一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。")
    [done] = completions(reading)
    assert (done.actual.text, done.budget.text, done.rate.text) == ("2940.05", "2993.92", "98.20")


def test_each_completion_rate_of_a_sentence_is_of_its_own_clause() -> None:
    # The usual 三公 paragraph: the total's rate, then each part's rate after “；”, by the part's own budget,
    # which the sentence does not print: that rate is not computed from the total's budget.
    reading = _read(
        "“三公”经费财政拨款支出年初预算为1.14万元，支出决算为1.04万元，完成预算的91.23%，其中：因公出国（境）费支出决算为0万元，"
        "年初未安排预算；公务用车购置及运行费支出决算为0.79万元，完成预算的92.94%；公务接待费支出决算为0.25万元，完成预算的86.21%。"
    )
    assert [(d.actual.text, d.budget.text, d.rate.text) for d in completions(reading)] == [("1.04", "1.14", "91.23")]


# --------------------------------------------------------------------------- places


def _source(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "doc.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return read(path, "doc.yml")


def test_a_character_of_a_literal_block_is_placed_on_its_own_line(tmp_path: Path) -> None:
    src = _source(
        tmp_path,
        """\
        body:
          - type: text
            text: |
              第一段。

              第二段写“收入支出总计0.3万元”。
        """,
    )
    text = src.data["body"][0]["text"]
    line = src.text.splitlines()[5]
    assert Places(src).of(("body", 0, "text"), text, text.index("0.3")) == (6, line.index("0.3") + 1)


def test_a_character_of_a_quoted_or_folded_text_is_found_where_it_was_typed(tmp_path: Path) -> None:
    src = _source(
        tmp_path,
        """\
        body:
          - type: text
            text: "本年收入合计2946.25万元。"
          - type: text
            text: >
              第一行
              第二行有2940.05万元。
        """,
    )
    places = Places(src)
    lines = src.text.splitlines()
    quoted = src.data["body"][0]["text"]
    assert places.of(("body", 0, "text"), quoted, quoted.index("2946")) == (3, lines[2].index("2946") + 1)
    folded = src.data["body"][1]["text"]
    assert places.of(("body", 1, "text"), folded, folded.index("2940")) == (7, lines[6].index("2940") + 1)


# --------------------------------------------------------------------------- words


def _pieces(*texts: str) -> list[Piece]:
    return [Piece(("body", i, "text"), t, True, i) for i, t in enumerate(texts)]


def _text_blocks(n: int) -> list[m.Block]:
    return [m.Text(type="text", text="x") for _ in range(n)]


def test_template_residue_is_found_and_real_words_are_not() -> None:
    template = "上海市 XX 局 2024 年度收入支出总计 XXX 万元。与 2023 年度相比，收入支出总计增加（减少）XXX 万元，增长（下降）XX%。主要原因：XXXXXXXX。（如持平作持平表述）"
    found = [f.text for f in residue(Joined(_pieces(template)), _text_blocks(1) + [m.Heading(type="heading", text="二")])]
    assert found == ["XX", "XXX", "增加（减少）", "XXX", "增长（下降）", "XX", "XXXXXXXX", "（如持平作持平表述）"]
    real = "配备X光机1台；主要原因如下：人员增加。待遇（含补贴）增加。COVID-19防控经费XXL号。"
    assert list(residue(Joined(_pieces(real)), _text_blocks(1))) == []


def test_an_empty_reason_is_residue_unless_the_reasons_follow() -> None:
    assert [f.text for f in residue(Joined(_pieces("比上年减少。主要原因是。")), _text_blocks(1))] == ["主要原因是。"]
    ending = _pieces("比上年减少。主要原因：")
    assert [f.text for f in residue(Joined(ending), _text_blocks(1) + [m.Heading(type="heading", text="二")])] == ["主要原因："]
    reasons = m.ListBlock(type="list", items=["人员减少。"])
    assert list(residue(Joined(ending), _text_blocks(1) + [reasons])) == []


def test_a_placeholder_left_by_pubgen_new_is_not_residue_twice() -> None:
    assert list(residue(Joined(_pieces("（待填写：请照原文录入本节正文。）")), _text_blocks(1))) == []
    assert [f.text for f in residue(Joined(_pieces("收入待填写。")), _text_blocks(1))] == ["待填写"]


def _residue(text: str) -> list[str]:
    """The template words found in one paragraph that a heading follows."""
    return [f.text for f in residue(Joined(_pieces(text)), _text_blocks(1) + [m.Heading(type="heading", text="二")])]


def test_a_reason_left_empty_is_residue_whatever_words_name_it() -> None:
    assert _residue("比上年增加348.52万元，增长5.52%。主要变动原因是。") == ["主要变动原因是。"]
    assert _residue("支出决算为12.28万元，完成预算的90.97%。决算数小于预算数的原因是。") == ["原因是。"]
    assert _residue("比上年减少8.79万元。主要原因是……。") == ["主要原因是……。"]
    assert _residue("比上年减少8.79万元。主要原因为......") == ["主要原因为......"]
    assert _residue("比上年减少8.79万元，主要原因是：") == ["主要原因是："]


def test_a_reason_that_is_written_or_follows_is_not_residue() -> None:
    assert _residue("比上年减少8.79万元，主要原因是人员增加。") == []
    assert _residue("差异原因是：一是人员增加；二是物价上涨。") == []
    assert _residue("认真分析产生偏差的主要原因；及时整改。") == []  # 原因 here is not followed by what it is
    assert _residue("主要原因如下。") == []
    assert _residue("主要原因如下：") == []  # “如下” promises what follows, a heading too
    assert _residue("包括“办公费、印刷费……”等，原因是物价上涨。") == []


def test_an_instruction_to_the_editor_is_residue_and_a_note_to_the_reader_is_not() -> None:
    assert _residue("下降8.25%，主要原因是：（请说明增减原因）。") == ["（请说明增减原因）"]
    assert _residue("本部门（请填写单位名称）共有车辆4辆。") == ["（请填写单位名称）"]
    assert _residue("（请按实际填写）") == ["（请按实际填写）"]
    assert _residue("绩效目标表详见附表（请见附件）。") == []
    assert _residue("具体内容（请登录区政府网站查询）。") == []


def test_both_choices_of_a_direction_are_residue_in_their_other_forms() -> None:
    said = "比上年增（减）5万元，增长（降低）3%；提高（降低）1个百分点；增加（或减少）2万元；增加（减）1万元；增（减少）1万元。"
    assert _residue(said) == ["增（减）", "增长（降低）", "提高（降低）", "增加（或减少）", "增加（减）", "增（减少）"]
    assert _residue("新增（含结转）5万元，增（含上年结转）。比上年增减变动较大。") == []


def test_one_x_or_times_sign_before_a_measure_word_is_a_placeholder() -> None:
    said = "单价50万元以上通用设备X台（套），单价100万元以上专用设备0台（套）。共有车辆×辆，培训X人次，安排X万元。"
    assert _residue(said) == ["X台（套）", "×辆", "X人次", "X万元"]
    assert _residue("共有在职人员 X 人。") == ["X 人"]


def test_an_x_that_is_a_name_a_figure_or_a_multiplication_is_not_a_placeholder() -> None:
    real = (
        "购置X射线检测设备1台、X光机2台；采购iPhone X手机2部，XXL号服装；3X台；"
        "标准为在职人数×人均定额，单价×台数，面积×元/平方米，2×10台；购置X台式机。"
    )
    assert _residue(real) == []


def _doc(year: int, kind: str) -> m.Document:
    return m.Document(department="a/b", year=year, kind=kind, title="t", body=[m.Text(type="text", text="x")])


def test_the_documents_own_year_as_the_base_of_a_comparison_is_found() -> None:
    budget = _doc(2026, "budget")
    said = "2026年预算安排120万元，比2026年预算增加20万元；与2025年预算持平；与2026年部门预算一并公开。"
    assert [(y.text, y.year) for y in wrong_years(Joined(_pieces(said)), budget)] == [("比2026年", 2026)]
    final = _doc(2024, "final-accounts")
    said = "与2024年度相比，支出减少；决算数比2024年年初预算减少5万元，与2024年初预算相比减少0.2%；较2023年增加。"
    assert [y.text for y in wrong_years(Joined(_pieces(said)), final)] == ["与2024年"]


def test_a_percentage_with_thousands_separators_is_read() -> None:
    assert [p.value for p in _read("增长1,202.95%。").percents] == [Decimal("1202.95")]


ALPHABET = "0123456789,.%％元万亿千年度比较与占的为（）()“”-：，；。！？ 类款项科目增加减少下降增长持平决算预算数其中主要原因XＸ\n"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120))
def test_any_paragraph_is_read_without_an_exception(text: str) -> None:
    for p in paragraphs(text):
        reading = read_paragraph(p.text, None, 2024)
        comparisons(reading, 2024)
        shares(reading)
        completions(reading)
        for amount in reading.amounts:
            assert text[p.offset(amount.start) :].startswith(amount.text[0])
