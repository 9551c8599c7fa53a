"""Counting a list's printed numbering: 1、 （一） 一、 ① ⑴ 第一条 a. I. …, written as the first item's number.

A list (or goals) block names its numbering by the first item's number in the form the source prints it
(``numbering: （一）``); the n-th item's number is that form with the n-th number in the first's place. A form whose
first number is not a one (``（二）``), or whose counter stops before the list does (① runs to ㊿), cannot be counted:
:func:`counted` says so, and ``pubgen check`` asks for the numbers one by one (``numbers``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

_SMALL = "零一二三四五六七八九"
_CAPITAL = "零壹贰叁肆伍陆柒捌玖"


def _chinese(digits: str, ten: str, hundred: str) -> Callable[[int], str | None]:
    def write(n: int) -> str | None:
        if not 1 <= n <= 999:
            return None
        h, t, u = n // 100, n // 10 % 10, n % 10
        out = digits[h] + hundred if h else ""
        if t:
            # 十一 and 二十 alone, 一百一十 within a larger number.
            out += ("" if t == 1 and not h else digits[t]) + ten
        elif h and u:
            out += digits[0]
        if u:
            out += digits[u]
        return out

    return write


def _series(chars: str) -> Callable[[int], str | None]:
    return lambda n: chars[n - 1] if 1 <= n <= len(chars) else None


def _roman(upper: bool) -> Callable[[int], str | None]:
    def write(n: int) -> str | None:
        if not 1 <= n <= 3999:
            return None
        out = ""
        for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                               (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
            while n >= value:
                out += letters
                n -= value
        return out if upper else out.lower()

    return write


def _range(first: str, count: int) -> str:
    return "".join(chr(ord(first) + i) for i in range(count))


_CIRCLED = _range("①", 20) + _range("㉑", 15) + _range("㊱", 15)
_NEGATIVE_CIRCLED = _range("❶", 10) + _range("⓫", 10)
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass(frozen=True, slots=True)
class Counter:
    """One way of counting: its name, and how it writes a number (``None`` beyond the furthest it reaches)."""

    name: str
    """What the form is called in a message: 中文数字, 带圈数字 …"""
    write: Callable[[int], str | None]


_COUNTERS: list[tuple[re.Pattern[str], Counter]] = [
    (re.compile(r"(?<![0-9])1(?![0-9])"), Counter("阿拉伯数字", str)),
    (re.compile(r"(?<![０-９])１(?![０-９])"), Counter("全角数字", lambda n: str(n).translate(_FULL_WIDTH))),
    (re.compile(r"一"), Counter("中文数字", _chinese(_SMALL, "十", "百"))),
    (re.compile(r"壹"), Counter("大写中文数字", _chinese(_CAPITAL, "拾", "佰"))),
    (re.compile(r"①"), Counter("带圈数字", _series(_CIRCLED))),
    (re.compile(r"❶"), Counter("带圈数字", _series(_NEGATIVE_CIRCLED))),
    (re.compile(r"⑴"), Counter("带括号数字", _series(_range("⑴", 20)))),
    (re.compile(r"⒈"), Counter("带点数字", _series(_range("⒈", 20)))),
    (re.compile(r"㈠"), Counter("带括号中文数字", _series(_range("㈠", 10)))),
    (re.compile(r"甲"), Counter("天干", _series("甲乙丙丁戊己庚辛壬癸"))),
    (re.compile(r"Ⅰ"), Counter("罗马数字", _series(_range("Ⅰ", 12)))),
    (re.compile(r"ⅰ"), Counter("罗马数字", _series(_range("ⅰ", 12)))),
    (re.compile(r"(?<![A-Za-z])I(?![A-Za-z])"), Counter("罗马数字", _roman(True))),
    (re.compile(r"(?<![A-Za-z])i(?![A-Za-z])"), Counter("罗马数字", _roman(False))),
    (re.compile(r"(?<![A-Za-z])a(?![A-Za-z])"), Counter("英文字母", _series(_range("a", 26)))),
    (re.compile(r"(?<![A-Za-z])A(?![A-Za-z])"), Counter("英文字母", _series(_range("A", 26)))),
]
"""Each counter by the way its first number is written; a form is counted by the first of these it holds."""

NUMERALS = re.compile(r"[0-9０-９〇零二三四五六七八九十贰叁肆伍陆柒捌玖拾②-⑳㉑-㉟㊱-㊿❷-❿⓫-⓴⑵-⒇⒉-⒛㈡-㈩乙丙丁戊己庚辛壬癸Ⅱ-Ⅻⅱ-ⅻ]")
"""Numbers other than a one: in a form without a one, they are a number the form cannot count from."""


@dataclass(frozen=True, slots=True)
class Counted:
    """A form's number for an item, or why it has none."""

    text: str
    """The item's number as printed: the form with the item's number in the first's place (the form itself when it
    counts nothing, as a bullet ● does; the number in Arabic figures where the form's counter has stopped)."""
    counter: str = ""
    """The counter's name, when the form counts."""
    stopped: bool = False
    """The form's counter does not reach this item."""
    uncounted: bool = False
    """The form holds a number that is not a one (``（二）``): the same on every item."""


def numeral(number: int, one: str) -> str | None:
    """``number`` written by the counter whose one is written ``one`` (一, 壹, ①, I, a …); None beyond its reach."""
    for pattern, counter in _COUNTERS:
        if pattern.fullmatch(one):
            return counter.write(number)
    return None


def counted(form: str, number: int) -> Counted:
    """The ``number``-th item's number (from 1) in a list numbered ``form``, the first item's number as printed."""
    for pattern, counter in _COUNTERS:
        found = pattern.search(form)
        if found is None:
            continue
        written = counter.write(number)
        at, end = found.span()
        if written is None:
            return Counted(form[:at] + str(number) + form[end:], counter.name, stopped=True)
        return Counted(form[:at] + written + form[end:], counter.name)
    return Counted(form, uncounted=NUMERALS.search(form) is not None)
