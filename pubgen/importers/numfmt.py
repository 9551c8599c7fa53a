"""Show a workbook number as Excel shows it under its number format, from Decimal, never float.

Covers what finance workbooks use: General, 0, 0.00, #,##0, #,##0.00 and their padded forms
(``#,##0.00_ ``), percentages (0%, 0.0%), text (@), quoted and escaped literal text, colours
and conditions in brackets, and the positive;negative;zero;text sections. A format with
fractions or exponents is shown as General (such cells hold no money); a date is shown by
:func:`format_date`, as the cell shows it (1月5日, 2026/1/5), never as a serial number.
"""

from __future__ import annotations

import re
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

_BRACKET = re.compile(r"\[[^\]]*\]")
_DATE_CODES = re.compile(r"[yYmMdDhHsS]")


def excel_decimal(number: float | int | Decimal) -> Decimal:
    """The decimal Excel displays for a stored number: 15 significant digits, as Excel keeps."""
    if isinstance(number, Decimal):
        return number
    if isinstance(number, bool):
        return Decimal(int(number))
    if isinstance(number, int):
        return Decimal(number)
    return Decimal(f"{number:.15g}")


def _split_sections(fmt: str) -> list[str]:
    sections: list[str] = []
    current: list[str] = []
    quoted = False
    escaped = False
    for ch in fmt:
        if escaped:
            current.append(ch)
            escaped = False
            continue
        if ch == "\\":
            current.append(ch)
            escaped = True
            continue
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            sections.append("".join(current))
            current = []
            continue
        current.append(ch)
    sections.append("".join(current))
    return sections


def _tokens(section: str) -> list[tuple[str, str]]:
    """Split a section into ('lit', text) and ('code', placeholders) tokens."""
    tokens: list[tuple[str, str]] = []
    index = 0
    section = _BRACKET.sub("", section)
    while index < len(section):
        ch = section[index]
        if ch == '"':
            end = section.find('"', index + 1)
            end = len(section) if end < 0 else end
            tokens.append(("lit", section[index + 1 : end]))
            index = end + 1
        elif ch == "\\" and index + 1 < len(section):
            tokens.append(("lit", section[index + 1]))
            index += 2
        elif ch in "_*":
            # _x pads with the width of x and *x fills the cell: neither is printed text.
            index += 2
        elif ch in "0#?,.%":
            start = index
            while index < len(section) and section[index] in "0#?,.%":
                index += 1
            tokens.append(("code", section[start:index]))
        elif ch == "@":
            tokens.append(("text", "@"))
            index += 1
        else:
            tokens.append(("lit", ch))
            index += 1
    return tokens


def format_general(value: Decimal) -> str:
    """Excel's General format for a number: no grouping, no trailing zeros."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    text = format(value.normalize(), "f")
    return text


def _format_number(value: Decimal, code: str, percent: int) -> str:
    scaled = value * (Decimal(100) ** percent)
    # Commas after the last digit placeholder scale by thousands, after the point as before it (0.00, shows 1234.5 as 1.23).
    body = code.replace("%", "")
    trailing = len(body) - len(body.rstrip(","))
    integer_part, _, fraction = body.rstrip(",").partition(".")
    grouping = "," in integer_part
    if trailing:
        scaled = scaled / (Decimal(1000) ** trailing)
    decimals = sum(1 for ch in fraction if ch in "0#?")
    min_decimals = sum(1 for ch in fraction if ch == "0")
    quantum = Decimal(1).scaleb(-decimals)
    rounded = abs(scaled).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}" if grouping else f"{rounded:.{decimals}f}"
    if decimals > min_decimals and "." in text:
        keep = len(text) - (decimals - min_decimals)
        stripped = text.rstrip("0")
        text = stripped if len(stripped) >= keep else text[:keep]
        if text.endswith(".") and min_decimals == 0 and "0" not in fraction:
            text = text[:-1] if fraction and all(ch == "#" for ch in fraction) else text
    min_integer = integer_part.replace(",", "").count("0")
    whole = text.split(".")[0].replace(",", "")
    if min_integer == 0 and whole == "0":
        # No 0 placeholder before the point: Excel prints no digit for a zero integer part
        # (``#,##0.00`` shows 0.50, ``#.00`` shows .50, and ``"-"??`` shows zero as a dash only).
        text = text[text.index(".") :] if "." in text else ""
    return text


def format_number(value: Decimal, fmt: str | None) -> str:
    """The text Excel shows for a number under a number format."""
    fmt = fmt or "General"
    if fmt.strip().lower() in ("general", "") or fmt.strip() == "@":
        return format_general(value)
    sections = _split_sections(fmt)
    negative = value < 0
    if len(sections) >= 3 and value == 0:
        section = sections[2]
        sign = ""
    elif negative and len(sections) >= 2:
        section = sections[1]
        sign = ""
    else:
        section = sections[0]
        sign = "-" if negative else ""
    if _DATE_CODES.search(_BRACKET.sub("", re.sub(r'"[^"]*"', "", section))) or "E+" in section.upper() or "/" in section:
        return format_general(value)
    if section.strip().lower() == "general":
        return format_general(-value if negative and len(sections) >= 2 else value)
    tokens = _tokens(section)
    percent = sum(text.count("%") for kind, text in tokens if kind in ("code", "lit"))
    codes = [text for kind, text in tokens if kind == "code" and any(ch in text for ch in "0#?")]
    out: list[str] = []
    placed = False
    for kind, text in tokens:
        if kind == "code":
            if not placed and any(ch in text for ch in "0#?"):
                out.append(_format_number(value, "".join(codes), percent))
                placed = True
            if "%" in text:
                out.append("%")
        elif kind == "lit":
            out.append(text)
        elif kind == "text":
            out.append(format_general(abs(value)))
    if not placed:
        # A format of literal text only (e.g. "-" for zero) shows just that text.
        return "".join(out).strip() if out else format_general(value)
    result = "".join(out).strip()
    # A negative number that rounds to zero shows no sign.
    if sign and not all(ch in "0.,%" for ch in result):
        result = sign + result
    return result


def thousands_scale(fmt: str | None) -> int:
    """How many thousands a format divides its figures by for display (``0.00,`` → 1, ``#,##0.00,,"万"`` → 2)."""
    section = _split_sections(fmt or "General")[0]
    if section.strip().lower() in ("general", "", "@"):
        return 0
    code = "".join(text for kind, text in _tokens(section) if kind == "code").replace("%", "")
    return len(code) - len(code.rstrip(","))


def zero_places(fmt: str | None) -> int:
    """The decimals the figures of a format show (``#,##0.00;-#,##0.00;"-"`` → 2): a zero it prints as a dash is 0.00."""
    section = _split_sections(fmt or "General")[0]
    if section.strip().lower() in ("general", "", "@"):
        return 0
    codes = "".join(text for kind, text in _tokens(section) if kind == "code")
    _integer, _point, fraction = codes.partition(".")
    return sum(1 for ch in fraction if ch == "0")


def format_text(text: str, fmt: str | None) -> str:
    """The text Excel shows for a text cell: the text section of the format, if it has one."""
    fmt = (fmt or "General").strip()
    sections = _split_sections(fmt)
    if len(sections) < 4 or "@" not in sections[3]:
        return text
    return "".join(
        text if kind == "text" else value if kind == "lit" else "" for kind, value in _tokens(sections[3])
    ).strip()


CHINESE_DATE_FORMATS = {
    27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"', 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"',
    55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
}
"""The built-in date formats of Chinese Excel (ids 27–36, 50–58), which a workbook names by id only: read without them,
2026年2月10日 was the number 46063."""

_DATE_TOKEN = re.compile(
    r'"[^"]*"|\\.|[_*].|\[[^\]]*\]|上午/下午|AM/PM|am/pm|A/P|a/p|y+|Y+|m+|M+|d+|D+|h+|H+|s+|S+|e+|a{3,4}|\.0+|.',
    re.DOTALL,
)
_WEEKDAYS = "一二三四五六日"


def format_date(value: dt.datetime | dt.date | dt.time | dt.timedelta, fmt: str | None) -> str:
    """The text Excel (Chinese) shows for a date or time under a date number format: ``m"月"d"日"`` → 1月5日."""
    if isinstance(value, dt.timedelta):
        value = dt.datetime(1899, 12, 30) + value
    if isinstance(value, dt.time):
        value = dt.datetime.combine(dt.date(1899, 12, 31), value)
    elif not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    code = (fmt or "").strip()
    if code.lower() in ("", "general", "@") or code == "mm-dd-yy":
        code = "yyyy/m/d" if (value.hour, value.minute, value.second) == (0, 0, 0) else "yyyy/m/d h:mm"  # 14, as Chinese Excel shows it
    section = _split_sections(code)[0]
    tokens = _DATE_TOKEN.findall(section)
    twelve = any(t.upper() in ("上午/下午", "AM/PM", "A/P") for t in tokens)
    out: list[str] = []
    for index, token in enumerate(tokens):
        lower = token.lower()
        first = lower[:1]
        if token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        elif token[:1] in "_*" and len(token) == 2 or token.startswith("["):
            continue  # padding, fill, colour, locale ([$-804]), [DBNum1]: shown in Arabic digits
        elif token in ("上午/下午", "AM/PM", "am/pm", "A/P", "a/p"):
            morning = value.hour < 12
            out.append(("上午" if morning else "下午") if token == "上午/下午" else (("AM" if morning else "PM") if len(token) > 3 else ("A" if morning else "P")))
        elif first in "ye":
            out.append(f"{value.year % 100:02d}" if first == "y" and len(token) <= 2 else str(value.year))
        elif first == "m":
            before = [t.lower()[:1] for t in tokens[:index] if t.lower()[:1] in "ymdhs"]
            after = [t.lower()[:1] for t in tokens[index + 1 :] if t.lower()[:1] in "ymdhs"]
            if len(token) <= 2 and ((before and before[-1] == "h") or (after and after[0] == "s")):
                out.append(f"{value.minute:02d}" if len(token) == 2 else str(value.minute))
            else:
                out.append(f"{value.month:02d}" if len(token) == 2 else str(value.month) if len(token) == 1 else f"{value.month}月")
        elif first == "d":
            if len(token) >= 3:
                out.append(("周" if len(token) == 3 else "星期") + _WEEKDAYS[value.weekday()])
            else:
                out.append(f"{value.day:02d}" if len(token) == 2 else str(value.day))
        elif lower in ("aaa", "aaaa"):
            out.append(("周" if len(token) == 3 else "星期") + _WEEKDAYS[value.weekday()])
        elif first == "h":
            hour = value.hour % 12 or 12 if twelve else value.hour
            out.append(f"{hour:02d}" if len(token) >= 2 else str(hour))
        elif first == "s":
            out.append(f"{value.second:02d}" if len(token) >= 2 else str(value.second))
        elif token.startswith(".0"):
            continue
        else:
            out.append(token)
    return "".join(out).strip()


def shows_day(fmt: str | None) -> bool:
    """Whether a date format shows the day of the month (``yyyy"年"m"月"d"日"``, not ``yyyy"年"m"月"``)."""
    code = (fmt or "").strip()
    if code.lower() in ("", "general", "@", "mm-dd-yy"):
        return True
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", _split_sections(code)[0])
    return bool(re.search(r"(?<![dD])[dD]{1,2}(?![dD])", section))
