"""Characters as readers see them, and the printed forms of figures and list numbers."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from ..invisible import FORMAT_FOUND
from .structure import CellKind

_COMPAT_RANGES = (
    (0x2F00, 0x2FDF),  # Kangxi radicals: some producers emit ⼀ (U+2F00) for 一
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x2F800, 0x2FA1F),  # CJK compatibility ideographs supplement
)


def normalise_char(ch: str) -> str:
    """Map a Kangxi radical or a CJK compatibility ideograph to the unified ideograph it shows; a line break other than
    ``\\n`` to ``\\n``; drop a control character."""
    code = ord(ch)
    for low, high in _COMPAT_RANGES:
        if low <= code <= high:
            mapped = unicodedata.normalize("NFKC", ch)
            return mapped if len(mapped) == 1 else ch
    if ch == "\u00a0":
        return " "
    if ch in _BREAKS:
        return "\n"  # NEL (a cp1252 export's “…” read as Latin-1), line and paragraph separators: a line break
    if _CONTROL.match(ch):
        return ""  # a control character shows nothing, and no content file may hold one
    return ch


_BREAKS = frozenset("\x85\u2028\u2029")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def drop_format_chars(text: str) -> tuple[str, str]:
    """A cell's text without the invisible format characters pasted into it, and what was dropped: ``"figure"``
    when without every format character (Unicode Cf: zero-width space, word joiner, BOM, soft hyphen …) it is a
    figure (``"71.23\u200b"`` → 71.23); ``"text"`` when it is words and held characters the check would report;
    ``""`` when nothing was dropped. Words keep the format characters the check does not report (a soft hyphen)."""
    if text.isascii():
        return text, ""
    bare = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    if bare == text:
        return text, ""
    if parse_figure(bare)[0] is CellKind.NUMBER:
        return bare, "figure"
    cleaned = FORMAT_FOUND.sub("", text)  # what pubgen check reports as invisible-character
    return cleaned, ("text" if cleaned != text else "")


def normalise_text(text: str) -> str:
    """Apply normalise_char to every character of a string."""
    if text.isascii():
        return text
    return "".join(normalise_char(ch) for ch in text)


def is_unreadable(ch: str) -> bool:
    """Whether a character is one a font without a text mapping left behind."""
    return ch == "\ufffd" or unicodedata.category(ch) in ("Co", "Cn", "Cs")


def is_wide(ch: str) -> bool:
    """Whether a character is set full-width (CJK ideographs and punctuation)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


_WIDTH_MAP = str.maketrans(
    "０１２３４５６７８９，．－＋％（）\u2212", "0123456789,.-+%()-"
)
"""Full-width digits and marks, and the minus sign U+2212 (typeset negative figures), as ASCII."""
_DASHES = frozenset({"-", "—", "——", "–", "―", "－", "--", "/", "／", "—-", "－－", "━"})
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def parse_figure(text: str) -> tuple[CellKind, str | None, bool]:
    """Classify printed cell text: blank, dash, number (with its decimal text) or text.

    Returns the kind, the normalised decimal text of a number (``1,486.42`` → ``1486.42``,
    ``(12.00)`` → ``-12.00``) and whether it was printed as a percentage.
    """
    stripped = text.strip()
    if not stripped:
        return CellKind.BLANK, None, False
    if stripped in _DASHES or set(stripped) <= {"-", "—", "－", "―", "–", "\u2212"}:
        return CellKind.DASH, None, False
    ascii_text = stripped.translate(_WIDTH_MAP).replace(" ", "")
    negative = False
    if ascii_text.startswith("(") and ascii_text.endswith(")"):
        negative = True
        ascii_text = ascii_text[1:-1]
    percent = ascii_text.endswith("%")
    if percent:
        ascii_text = ascii_text[:-1]
    if not _NUMBER.fullmatch(ascii_text):
        return CellKind.TEXT, None, False
    digits = ascii_text.replace(",", "")
    if negative:
        digits = digits[1:] if digits.startswith("-") else "-" + digits
    try:
        Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return CellKind.TEXT, None, False
    if digits.startswith("+"):
        digits = digits[1:]
    return CellKind.NUMBER, digits, percent


_CN_NUM = "一二三四五六七八九十百零〇"
NUMBERING = (
    (re.compile(rf"^第[{_CN_NUM}]+部分\s*"), 0),
    (re.compile(rf"^[{_CN_NUM}]+、\s*"), 1),
    (re.compile(rf"^[（(][{_CN_NUM}]+[）)]\s*"), 2),
    (re.compile(rf"^第[{_CN_NUM}]+条\s*"), 3),
    # 1. 1、 1． — but not the 2025.1.1 of a date; 9.2025年 is a number before a year.
    (re.compile(r"^\d{1,2}\s*(?:[、．]|\.(?!\d)|\.(?=\d{4}年))\s*"), 3),
    (re.compile(r"^[（(]\d{1,2}[）)]\s*"), 4),
    (re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩]\s*"), 5),
)


def split_numbering(text: str) -> tuple[str, int, str]:
    """Split a leading list number off a line: ``（三）公务接待费`` → (``（三）``, 2, ``公务接待费``).

    Returns ("", -1, text) when the line starts with no list number. The numbering keeps
    its printed form without trailing spaces.
    """
    stripped = text.lstrip(" \u3000")
    for pattern, level in NUMBERING:
        match = pattern.match(stripped)
        if match and match.end() < len(stripped):
            return match.group(0).rstrip(" \u3000"), level, stripped[match.end():]
    return "", -1, stripped


def numbering_style(numbering: str) -> str:
    """Name the family a list number belongs to, so that 1、 and 2、 group but 1、 and （一） do not."""
    if not numbering:
        return ""
    shape = re.sub(r"\d+", "9", numbering)
    shape = re.sub(rf"[{_CN_NUM}]+", "九", shape)
    return shape.replace(" ", "")


_YEAR = re.compile(r"(19|20)\d{2}(?=\s*年)")


def cover_title(parts: list[str]) -> tuple[str, str]:
    """A cover's title from its lines, and the body a line names again under it.

    “2025年宜昌市夷陵区农业农村局部门预算 / 宜昌市夷陵区农业农村局 / 2025年2月”: the second line is the body that
    publishes, already in the title; joined to it, the title read “…部门预算宜昌市夷陵区农业农村局”.
    """
    kept: list[str] = []
    body = ""
    for part in parts:
        if kept and len(part) >= 4 and find_year(part) is None and part in "".join(kept):
            body = body or part
            continue
        kept.append(part)
    return "".join(kept), body


_BODY_BEFORE_YEAR = re.compile(r"^(.{3,40}?)\s*(?:19|20)\d\d\s*年")
_BODY_AFTER_YEAR = re.compile(r"^(?:19|20)\d\d\s*年度?\s*(.{3,40}?)\s*(?:部门|单位)?(?:预算|决算)")


def body_in_title(title: str) -> str:
    """The body a title names with its year and kind: 安远县农业农村局2023年度部门决算, 2023年度安远县农业农村局部门决算."""
    text = title.strip()
    for pattern in (_BODY_BEFORE_YEAR, _BODY_AFTER_YEAR):
        match = pattern.match(text)
        if match and not re.search(r"(?:19|20)\d\d|预算|决算|公开", match.group(1)):
            return match.group(1).strip()
    return ""


def find_year(text: str) -> int | None:
    """The first year written ``2025年`` in a text."""
    match = _YEAR.search(text)
    return int(match.group(0)) if match else None


_UNIT_WORDS = r"(?:金额|计量|货币)?单位\s*(?:[:：]\s*(?:人民币)?\s*(亿元|万元|千元|元)|[（(]\s*(?:人民币)?\s*(亿元|万元|千元|元)\s*[）)])"
"""``单位：元``, ``金额单位：万元``, ``计量单位：元``, ``货币单位：万元``, ``单位：人民币元``, ``单位（元）``."""
_UNIT = re.compile(r"^[（(]?\s*" + _UNIT_WORDS + r"\s*[）)]?\s*$")
"""A unit line, also in brackets: ``（单位：元）``."""
_ISSUER = re.compile(r"^(编制部门|编制单位|预算单位|预算主管部门|主管部门|部门名称|单位名称|填报单位|部门)\s*[:：]\s*(.*)$")


def match_unit(text: str) -> str | None:
    """The unit named by a ``单位：元`` line, else None."""
    match = _UNIT.match(text.strip())
    return (match.group(1) or match.group(2)) if match else None


_NOTE_UNIT = re.compile(r"本表[^。；;，,：:]{0,8}?(?:金额|计量|货币)?单位\s*(?:均|统一)?\s*(?:为|是|[:：])\s*(?:人民币)?\s*(亿元|万元|千元|元)")


def unit_in_note(text: str) -> str | None:
    """The unit a note under a table says the whole table is in (``注：本表金额单位为元。``), else None.

    Only a sentence about the table as a whole (本表…单位为…) is read; a unit of one part (“三公”经费单位为万元)
    is not, nor a note naming two units.
    """
    units = {match.group(1) for match in _NOTE_UNIT.finditer(text)}
    return units.pop() if len(units) == 1 else None


_UNIT_INSIDE = re.compile(r"(?:(?<=[\s，,；;])|^)(?:[（(]\s*" + _UNIT_WORDS + r"\s*[）)]|" + _UNIT_WORDS + r")(?=[\s，,；;]|$)")


def meta_parts(text: str) -> list[str]:
    """One cell or segment holding both ``编制单位：…`` and ``单位：元`` (typed with spaces between), as its parts.

    ``编制单位：某某局        单位：元`` → [``编制单位：某某局``, ``单位：元``]; any other text is
    returned whole, so a unit phrase inside a name (``编制单位：元宝区…``) stays where it is.
    """
    match = _UNIT_INSIDE.search(text.strip())
    if match is None:
        return [text]
    stripped = text.strip()
    parts = [stripped[: match.start()], match.group(0), stripped[match.end():]]
    parts = [part.strip(" \u3000，,；;") for part in parts]
    return [part for part in parts if part]


_EMPTY_SENTENCE = re.compile(
    r"(?:本表|此表)(?:无数据|为空表?)|无数据|空表"
    r"|(?:本|该)(?:部门|单位|机关|局)[^。]{0,40}(?:无|没有|未)[^。]{0,40}(?:支出|收入|收支|拨款|安排|经费|数据)"
)


def is_empty_note(text: str) -> bool:
    """Whether a sentence says the table has no data (``本表无数据``, ``本单位无政府性基金预算收支，故本表为空表``)."""
    return _EMPTY_SENTENCE.search(text) is not None


_BARE_ISSUER = re.compile(r"^(单位)\s*[:：]\s*(.*)$")
_NOT_A_BODY = re.compile(r"^(?:人民币)?\s*(?:亿元|万元|千元|元)|^[^\u4e00-\u9fff]|^.{0,3}$")
"""What follows a bare ``单位：`` when it is a unit, not a name: 万元（保留两位小数）, 人, %, 个、辆."""


def match_issuer(text: str) -> tuple[str, str] | None:
    """The label and name of a ``编制部门：…`` line, else None.

    A bare ``单位：`` names the body too (``单位：大竹县永胜镇人民政府``, as 决算 exports print it)
    when what follows is a name, not a unit (``单位：元``, ``单位：万元、人``).
    """
    stripped = text.strip()
    match = _ISSUER.match(stripped)
    if match is None:
        match = _BARE_ISSUER.match(stripped)
        if match is None or match_unit(stripped) is not None or _NOT_A_BODY.search(match.group(2).strip()):
            return None
        name = match.group(2).strip()
        if all(len(part.strip()) <= 3 for part in re.split(r"[、，,/／;；]", name)):
            return None  # 单位：辆、万元 / 平方米、台: the units of several columns
    return (match.group(1), match.group(2).strip())


_TABLE_MARK = re.compile(
    r"^[（(]?(?:"
    r"[^\s\d（）()]{0,6}\d{1,3}(?:-\d{1,2})?表"  # 公开02表, 财决01表, Z01表
    r"|[^\s\d（）()]{0,6}表(?:\d{1,3}|[一二三四五六七八九十]{1,3})(?:-\d{1,2})?"  # 表2, 附表3, 部门公开表1, 表一
    r"|附件\d{1,3}(?:-\d{1,2})?"
    r"|附表"  # alone over the title, as over 附表3
    r")[）)]?$"
)


def is_table_mark(text: str) -> bool:
    """Whether a short line is a table's number mark (公开02表, 财决01表, 附表3, 表2, 部门公开表1), not its title."""
    return bool(_TABLE_MARK.match(re.sub(r"[\s\u3000]+", "", text)))


_CN_DIGIT = "〇零○Ｏ一二三四五六七八九"
_DATE_LINE = re.compile(
    r"^[（(]?\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
    rf"|[二一][{_CN_DIGIT}]{{3}}\s*年\s*[{_CN_DIGIT}十]{{1,3}}\s*月(?:\s*[{_CN_DIGIT}十]{{1,3}}\s*日)?)\s*[）)]?$"
)
"""A cover's date: 2025年1月20日, or in Chinese numerals, 二〇二五年二月."""


_DATE_LABEL = re.compile(r"^[（(]?\s*(?P<label>(?:公开|发布|印发|报告|填报|编制|报送|编报)?日期|时间)\s*[:：]?\s*")
"""The words before a cover's date (填报日期：2026年2月10日), or alone in the cell before it."""
_REPORT_LABEL = re.compile(r"^[（(]?\s*(?:报告|填报)日期")


def date_label(text: str) -> tuple[str, str]:
    """A cover line's date label (``填报日期``) and the rest of the line; ``("", text)`` when it has none."""
    match = _DATE_LABEL.match(text.strip())
    if match is None:
        return "", text.strip()
    return match.group("label"), text.strip()[match.end():]


def is_report_date(label_or_line: str) -> bool:
    """Whether a cover's date is the 报告日期 (填报日期) of the form, not the day it was made public."""
    return bool(_REPORT_LABEL.match(label_or_line.strip()))


def is_date_line(text: str) -> bool:
    """Whether a line holds only a date (2025年1月20日, 2025年1月): a cover's date, not part of its title."""
    return bool(_DATE_LINE.match(text.strip().replace(" ", "")))
