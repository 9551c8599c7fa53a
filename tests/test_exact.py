"""Figures within the limits are summed exactly, in any thread; figures beyond them are refused with their own problem."""

from __future__ import annotations

import decimal
import re
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from pubgen.exact import DECIMALS, INTEGER_DIGITS
from pubgen.keyfigures import percent
from pubgen.model import parse_number
from pubgen.pipeline import Project, check
from pubgen.checks.base import cycles as _cycles

from .test_checks import doc, project

UNIT = 10**DECIMALS
"""A figure as an integer number of its smallest unit: the oracle's arithmetic, which never rounds."""


def printed(units: int) -> str:
    """An integer number of 10^-DECIMALS units, written as an editor writes a figure."""
    sign = "-" if units < 0 else ""
    whole, part = divmod(abs(units), UNIT)
    return f"{sign}{whole}.{part:0{DECIMALS}d}"


def in_another_thread(fn: Callable[[], Any], precision: int = 5) -> Any:
    """Run ``fn`` in a fresh thread whose decimal context keeps only ``precision`` digits."""
    out: list[Any] = []

    def run() -> None:
        decimal.getcontext().prec = precision
        try:
            out.append(fn())
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            out.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if isinstance(out[0], BaseException):
        raise out[0]
    return out[0]


def table(total: str, parts: list[str]) -> str:
    rows = "\n".join(f"    - {{id: p{i}, label: 第{i}项, parent: total, values: [{v}]}}" for i, v in enumerate(parts))
    return f"""\
- type: table
  id: limits
  columns:
    - {{id: change, label: 增减}}
  rows:
    - {{id: total, label: 合计, values: [{total}]}}
{rows}
"""


LARGEST = 10 ** (INTEGER_DIGITS + DECIMALS) - 1
figure_units = st.integers(min_value=-LARGEST, max_value=LARGEST)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(parts=st.lists(figure_units, min_size=2, max_size=40), repeat=st.integers(min_value=1, max_value=60), miss=st.sampled_from([0, 0, 10]))
def test_any_sum_of_figures_within_the_limits_is_exact(tmp_path_factory: pytest.TempPathFactory, parts: list[int], repeat: int, miss: int) -> None:
    # Repeating the parts makes running sums of up to 2,400 figures at the limits: far past 28 digits.
    units = parts * repeat
    total = sum(units)
    while abs(total) > LARGEST:  # the total must itself be a figure: balance with parts at the limit
        units.append(-LARGEST if total > 0 else LARGEST)
        total = sum(units)
    stated = total + miss if abs(total + miss) <= LARGEST else total - miss
    p = project(tmp_path_factory.mktemp("exact"), doc(2021, "budget", table(printed(stated), [printed(u) for u in units])))

    report = in_another_thread(lambda: check(p))

    found = [x.code for x in report.problems if x.code != "missing-section"]
    # Ten units of the last decimal is more than rounding of ten-decimal figures allows (four units).
    assert found == (["sum-mismatch"] if miss else []), [x.message for x in report.problems]


def test_a_sum_past_28_digits_in_another_thread_is_exact(tmp_path: Path) -> None:
    big = printed(LARGEST)
    parts = [big] * 2000 + ["-" + big] * 2000 + ["0.0000000001"]
    p = project(tmp_path, doc(2021, "budget", table("0.0000000001", parts)))
    assert [x.code for x in in_another_thread(lambda: check(p)).problems if x.code != "missing-section"] == []
    wrong = project(tmp_path / "wrong", doc(2021, "budget", table("0.0000000011", parts)))
    report = in_another_thread(lambda: check(wrong))
    (mismatch,) = [x for x in report.problems if x.code != "missing-section"]
    assert mismatch.code == "sum-mismatch" and mismatch.computed == "0.0000000001" and mismatch.stated == "0.0000000011"


def test_a_ratio_of_the_most_extreme_figures_is_computed_in_any_thread() -> None:
    largest, smallest = Decimal(printed(LARGEST)), Decimal("0.0000000001")
    # (10^25 - 1) / 10^10 divided by 10^-10, as a percentage: (10^25 - 1) × 100, worked out in integers.
    assert in_another_thread(lambda: percent(largest, smallest), precision=3) == f"{(10**25 - 1) * 100}.00"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1" * (INTEGER_DIGITS + 1), "有 16 位整数，超出数字的上限（整数部分最多 15 位）"),
        ("-" + "9" * 28, "有 28 位整数"),
        ("0." + "1" * (DECIMALS + 1), "有 11 位小数，超出数字的上限（最多 10 位小数）"),
        ("1." + "0" * (DECIMALS + 1), "有 11 位小数"),
        ("7" * 5000, "…（共 5000 个字符）”有 5000 位整数"),
    ],
)
def test_a_figure_beyond_the_limits_is_refused_with_its_own_code(text: str, message: str) -> None:
    with pytest.raises(PydanticCustomError) as refused:
        parse_number(text, signed=True)
    assert refused.value.type == "figure-out-of-range"
    assert message in refused.value.message()


@pytest.mark.parametrize("text", [printed(LARGEST), printed(-LARGEST), "0." + "0" * (DECIMALS - 1) + "1", "1." + "0" * DECIMALS])
def test_a_figure_at_the_limits_is_accepted_as_written(text: str) -> None:
    assert parse_number(text, signed=True) == Decimal(text)


def test_zeros_before_a_figure_count_for_no_digit_but_are_told() -> None:
    """Forty zeros before a 1 are within the limits (no significant digit), but no figure is printed so: a slip, told
    with the figure meant (04545000 was published as “04,545,000”)."""
    with pytest.raises(PydanticCustomError) as told:
        parse_number("0" * 40 + "1", signed=True)
    assert told.value.type == "not-a-number" and "多半应写成“1”" in told.value.message()


def test_a_figure_beyond_the_limits_is_reported_at_its_cell(tmp_path: Path) -> None:
    p = project(tmp_path, doc(2021, "budget", table("1", ["1234567890123456789012345678"])))
    (problem,) = [x for x in check(p).problems if x.code != "missing-section"]
    assert (problem.code, problem.line, problem.field) == ("figure-out-of-range", 12, "limits.p0.change")
    assert "“第0项”的“增减”：“1234567890123456789012345678”有 28 位整数" in problem.message


def test_digits_of_other_scripts_are_not_figures() -> None:
    for text in ("١٢٣", "𝟏𝟐", "१२"):
        with pytest.raises(PydanticCustomError) as refused:
            parse_number(text)
        assert refused.value.type in ("not-a-number", "fullwidth-digits")


@pytest.mark.parametrize(
    ("text", "code", "advice"),
    [
        # The advice itself is the figure: following it never leads to the next error or to a figure 1000 times too small.
        ("1，036.08", "fullwidth-digits", "写成“1036.08”"),
        ("1.036,08", "not-a-number", "写成“1036.08”"),
        ("1,036.08", "thousands-separator", "写成“1036.08”"),
        ("10,00,000", "not-a-number", "请照原文核对"),
        # A figure typed with its unit: written as typed only if the table's unit is that one; in 元 it is 10,000 times more.
        ("329.66万元", "not-a-number", "表格单位也是“万元”时写成“329.66”；表格单位是“元”时写成“3296600”"),
        ("12,000元", "not-a-number", "表格单位也是“元”时写成“12000”；表格单位是“万元”时写成“1.2”"),
        ("3人", "not-a-number", "写成“3”；单位写在表格或栏目的 unit 上"),
    ],
)
def test_the_fix_a_copied_figure_is_told_is_the_figure(text: str, code: str, advice: str) -> None:
    with pytest.raises(PydanticCustomError) as refused:
        parse_number(text)
    assert refused.value.type == code
    assert advice in refused.value.message()


@pytest.mark.parametrize("text", ["11.86％", "１１.８６％", "１１.８６万元", "１，０３６.０８", "１１.８６"])
def test_a_figure_typed_in_full_width_is_told_a_fix_the_cell_takes(text: str) -> None:
    """“11.86％” was told to write “11.86%”, which is refused in turn (percent-string)."""
    with pytest.raises(PydanticCustomError) as refused:
        parse_number(text)
    assert refused.value.type == "fullwidth-digits"
    message = refused.value.message()
    assert message.startswith(f"“{text}”使用了全角数字或符号")
    fixes = re.findall(r"写成“([^”]*)”", message)
    assert fixes, message
    for fix in fixes:
        parse_number(fix)  # taken as it is


class CountingParents(dict[str, str]):
    """A parent map that counts how often a parent is looked up."""

    lookups = 0

    def get(self, key: str, default: Any = None) -> Any:
        CountingParents.lookups += 1
        return super().get(key, default)


@pytest.mark.parametrize("rows", [100, 3000])
def test_the_cycle_search_looks_at_each_parent_once(rows: int) -> None:
    chain = CountingParents({f"r{i}": f"r{i - 1}" for i in range(1, rows)})
    loop = CountingParents({f"r{i}": f"r{(i + 1) % rows}" for i in range(rows)})
    CountingParents.lookups = 0
    assert _cycles(chain) == {}
    assert CountingParents.lookups <= rows  # the cubic search looked up rows² / 2 parents
    CountingParents.lookups = 0
    found = _cycles(loop)
    assert CountingParents.lookups <= rows
    assert len(found) == rows
    assert found["r0"][:3] == ["r0", "r1", "r2"] and found["r0"][-1] == "r0"


def test_a_short_loop_is_named_in_full_and_a_long_one_shortened() -> None:
    assert _cycles({"a": "b", "b": "a", "c": "a"}) == {"a": ["a", "b", "a"], "b": ["b", "a", "b"]}
    long = _cycles({f"r{i}": f"r{(i + 1) % 50}" for i in range(50)})["r7"]
    assert long == ["r7", "r8", "r9", "r10", "r11", "r12", "…（共 50 项）", "r6", "r7"]


def test_checking_does_not_change_the_callers_decimal_context(tmp_path: Path) -> None:
    p = project(tmp_path, doc(2021, "budget", table("2", ["1", "1"])))
    before = decimal.getcontext().copy()
    check(Project(p.root))
    after = decimal.getcontext()
    assert (after.prec, after.rounding, after.traps) == (before.prec, before.rounding, before.traps)


def test_a_code_typed_with_full_width_digits_is_told_the_half_width_code(tmp_path: Path) -> None:
    body = """\
- type: table
  role: budget-general-expenditure
  title: 一般公共预算支出表
  columns:
    - {id: total, label: 合计}
  rows:
    - {code: "201", label: 一般公共服务支出, values: [10]}
    - {code: "２０１０３", label: 政府办公厅（室）及相关机构事务, values: [10]}
    - {id: total, label: 合计, values: [10]}
"""
    problems = [x for x in check(project(tmp_path, doc(2024, "budget", body))).problems if x.code != "missing-section"]
    assert [(x.code, x.line) for x in problems] == [("fullwidth-digits", 13)]
    assert "写成“20103”" in problems[0].message


ASSETS = """\
- type: table
  title: 资产
  columns:
    - {{id: count, label: 数量, type: count}}
    - {{id: value, label: 价值}}
  rows:
    - {{label: 其他固定资产, values: {values}}}
"""


def _asset_row_problems(tmp_path: Path, values: str) -> list[Any]:
    """The problems of one asset row typed as ``values`` (its flow list as written in the file)."""
    body = ASSETS.format(values=values)
    return [x for x in check(project(tmp_path, doc(2024, "budget", body))).problems if x.code != "missing-section"]


@pytest.mark.parametrize("mark", ["――", "──", "－－"])
def test_look_alike_bars_for_not_applicable_are_not_applicable(tmp_path: Path, mark: str) -> None:
    assert _asset_row_problems(tmp_path, f'["{mark}", 15]') == []


def test_a_full_width_tilde_is_told_how_a_blank_is_written() -> None:
    with pytest.raises(PydanticCustomError) as refused:
        parse_number("～")
    assert "半角 ~" in refused.value.message()


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("36.08万", "写成“36.08”"),
        ("（36.08）", "写成“-36.08”"),
        ("△36.08", "写成“-36.08”"),
        ("1 036.08", "写成“1036.08”"),
    ],
)
def test_figures_copied_with_their_printed_marks_are_told_the_figure(text: str, advice: str) -> None:
    with pytest.raises(PydanticCustomError) as refused:
        parse_number(text, signed=True)
    assert advice in refused.value.message()
    # Figures as they should be written are unaffected.
    assert parse_number("-36.08", signed=True) == Decimal("-36.08")


@pytest.mark.parametrize(("values", "told"), [('["——，36.08"]', "全角逗号"), ('["——\\t36.08"]', "Tab"), ('["“——”", 36.08]', "中文引号")])
def test_a_row_typed_with_chinese_punctuation_is_told_which_mark(tmp_path: Path, values: str, told: str) -> None:
    problems = _asset_row_problems(tmp_path, values)
    assert len(problems) == 1 and told in problems[0].message, [x.message for x in problems]
