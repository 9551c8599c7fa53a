"""Amounts grouped in thousands for display (154,369,326), every printed digit kept; nothing else grouped."""

from __future__ import annotations

import pytest

from pubgen.grouping import amount, grouped, grouped_in


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("154369326", "154,369,326"),
        ("12029501.84", "12,029,501.84"),
        ("2946.25", "2,946.25"),
        ("1000", "1,000"),
        ("999", "999"),
        ("0.3", "0.3"),
        ("0", "0"),
        ("0.00", "0.00"),
        ("371514655.00", "371,514,655.00"),  # the printed decimals stay, never rounded or padded
        ("2159.022416", "2,159.022416"),  # decimals are never grouped
        ("-547.67", "-547.67"),
        ("-1234567.5", "-1,234,567.5"),
        ("+12345", "+12,345"),
        ("12.", "12."),
        (".5", ".5"),
    ],
)
def test_a_figure_is_grouped_in_thousands_with_every_printed_digit(typed: str, shown: str) -> None:
    assert grouped(typed) == shown
    assert shown.replace(",", "") == typed  # the figure itself is unchanged


@pytest.mark.parametrize("text", ["", "——", "-", "/", "不适用", "合计", "1,036.08", "36.08万元", "2010301 财政事务", "+", "."])
def test_anything_but_one_plain_figure_is_left_as_it_is(text: str) -> None:
    assert grouped(text) == text


def test_only_an_amount_in_money_is_grouped() -> None:
    assert amount("189767551", "元") == "189,767,551"
    assert amount("18976.76", "万元") == "18,976.76"
    assert amount("1250", "%") == "1250"
    assert amount("1250", "分") == "1250"
    assert amount("1250", "人") == "1250"


def test_the_amounts_inside_words_are_grouped_and_nothing_else() -> None:
    # A comparison's cell: this unit's figure, and last year's as printed in another unit.
    assert grouped_in("2993.92（原文 29939200 元）") == "2,993.92（原文 29,939,200 元）"
    assert grouped_in("-547.67") == "-547.67"
    assert grouped_in("-12345.6") == "-12,345.6"
    assert grouped_in("已有 1,234.5") == "已有 1,234.5"  # grouped already: not grouped twice
