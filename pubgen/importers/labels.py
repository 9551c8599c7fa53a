"""Printed labels compared the way an editor reads them: without numbering, spaces, year or 部门/单位 prefix."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

from .text import is_table_mark, split_numbering

_SPACES = re.compile(r"[\s\u3000]+")
_QUOTES = re.compile("[“”\"‘’'「」『』]")
_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年(?:度)?")
_TITLE_NUMBER = re.compile(r"^(?:表\s*[0-9一二三四五六七八九十]{1,3}(?![0-9])[\s:：、.．]*|[0-9]{1,2}\s*[.．、]\s*|[一二三四五六七八九十]+\s*、\s*)")
_CONTINUED = re.compile(r"[（(]续[）)]$|续表$")
_BODY_AND_YEAR = re.compile(r"^[^\d]{0,40}?(?:19|20)\d{2}年(?:度)?")
"""A body's name and the year in front of a title: ``河北省某某县民政局2024年``, ``2024年度``."""
_TRAILING_MARK = re.compile(r"[（(]([^（）()]{1,12})[）)]$")
_SCOPE_PREFIXES = ("预算单位", "部门", "单位")
_PAREN = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "．": "."})


def plain(label: str) -> str:
    """A label without its list number, spaces and quote marks, full-width brackets as half-width."""
    numbering, _level, rest = split_numbering(label.strip())
    text = rest if numbering else label
    return _QUOTES.sub("", _SPACES.sub("", text)).translate(_PAREN)


def plain_header(text: str) -> str:
    """A column heading without a year in front (``2024年“三公”经费预算数`` → ``三公经费预算数``)."""
    return plain(_YEAR.sub("", text.strip()))


_SPLIT_CHANGE = re.compile(r"增(?:\([+＋]\))?[、/／]?减(?:\([-－−]\))?|增\(减\)")
"""增、减 / 增/减 / 增(+)减(-) / 增(减): the words of a change printed apart (施甸县: 增、减金额, 增、减幅度)."""
_COMPARED_WITH = re.compile(r"^(?:同比|(?:比|较|与|对比)(?:上年度?|去年)(?:同期)?(?:相比)?)(?=增|减)")
"""What a change is measured against, printed before it: 比上年增减, 较上年增减, 同比增减, 与上年相比增减."""
_CHANGE_TAIL = re.compile(r"^增减(?:变化|变动|情况)+$")
_THIS_YEAR = re.compile(r"^(?:本年度?|当年|今年)(?=(?:预算|决算|执行)数?$)")
"""本年预算数 / 本年决算数: this year's 预算数, the column the table is about (桂林, 施甸)."""


def header_key(text: str) -> str:
    """:func:`heading_words` of the plain heading (no number, year, spaces or quote marks)."""
    return heading_words(plain_header(text))


def heading_words(key: str) -> str:
    """What a plain column heading means, for matching it to a column: the plain heading with the change words joined
    (增、减金额 → 增减金额), without what a change is compared with (比上年增减 / 同比增减 / 较上年增减 → 增减) or
    a trailing 变化 / 情况 (增减变化 → 增减), and without 本年 before a 预算数 or 决算数 (本年预算数 → 预算数).

    Both a printed heading and the labels a column kind lists are read so; 本年收入 and 本年支出 keep their 本年.
    """
    key = _SPLIT_CHANGE.sub("增减", key)
    key = _COMPARED_WITH.sub("", key)
    key = _CHANGE_TAIL.sub("增减", key)
    return _THIS_YEAR.sub("", key)


def plain_title(title: str) -> str:
    """A table title reduced to the kind's name: no number, body name and year, 部门/单位 prefix, （续） or （公开02表）."""
    text = _TITLE_NUMBER.sub("", title.strip())
    text = _SPACES.sub("", text)
    text = _CONTINUED.sub("", text)
    mark = _TRAILING_MARK.search(text)
    if mark and is_table_mark(mark.group(1)):
        text = text[: mark.start()]  # 收入决算表（公开02表）
    text = _BODY_AND_YEAR.sub("", text)
    for prefix in _SCOPE_PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix) + 2:
            text = text[len(prefix):]
            break
    return _QUOTES.sub("", text).translate(_PAREN)


_UNIT_NOTE = re.compile(r"[（(]?\s*(?:金额|计量|货币)?单位\s*[:：]?\s*[（(]?\s*(?:人民币)?\s*(?:亿元|万元|千元|元)\s*[）)]?\s*[）)]?")
_BRACKETED = re.compile(r"[（(]([^（）()]{1,12})[）)]")
_YEAR_ANYWHERE = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?|年度")
_MEETINGS = re.compile(r"(?:[及和、](?:会议费|培训费))+")
"""“三公”经费及会议费、培训费: a 三公 table that prints two more columns."""
_FILLERS = (("收入支出", "收支"), ("明细表", "表"), ("情况表", "表"), ("预算总表", "预算表"), ("决算总表", "决算表"), ("安排的", ""))
_FUND_NO_BUDGET = re.compile(r"(政府性基金|国有资本经营)(?=(?:财政)?拨款|支出)")
"""政府性基金拨款 / 国有资本经营支出: the fund named without its 预算, as sheet names shorten it."""
_FUND_GRANT = re.compile(r"(一般公共预算|政府性基金预算|国有资本经营预算)财政拨款")
"""一般公共预算财政拨款 and 一般公共预算拨款 are the same money."""
_GRANT_TABLE = re.compile(r"(一般公共预算|政府性基金预算|国有资本经营预算)拨款表$")
"""一般公共预算拨款表: the table of what that grant is spent on (上海 2026 模板的工作表名)."""
_SHORT_WORDS = (("机关运行费", "机关运行经费"),)


def strip_unit_note(title: str) -> tuple[str, str]:
    """A title without a unit note printed inside it (``财政拨款收入支出决算总表（单位：万元）``), and the note."""
    match = _UNIT_NOTE.search(title)
    if match is None or not title[: match.start()].strip():
        return title, ""
    return (title[: match.start()] + title[match.end() :]).strip(), match.group(0).strip()


def title_key(title: str) -> str:
    """What a table's title means, for matching it to a kind: the plain title without a unit note, a year, a
    table mark in brackets, “明细”, “情况”, “总” after 预算/决算, “安排的”, and with 收入支出 written 收支.
    The shortenings of sheet names are read in full: 政府性基金 before 拨款 or 支出 is 政府性基金预算, a fund's
    财政拨款 is its 拨款, a fund's 拨款表 is its 拨款支出表, 机关运行费 is 机关运行经费.

    ``一般公共预算财政拨款基本支出决算明细表`` and ``一般公共预算财政拨款基本支出决算表`` mean the same table;
    so do ``收入决算总表`` and ``收入决算表``, ``财政拨款收支预算表`` and ``财政拨款收支预算总表``.
    Nothing else is taken off: ``收入表`` is not ``部门收入总表``, ``项目支出绩效目标表`` names no official table.
    """
    text = strip_unit_note(title)[0]
    words = text.split()
    while len(words) > 1 and is_table_mark(words[0]):
        words.pop(0)  # 公开01表 收入支出决算总表
    while len(words) > 1 and is_table_mark(words[-1]):
        words.pop()
    text = " ".join(words)
    text = _BRACKETED.sub(lambda m: "" if is_table_mark(m.group(1)) else m.group(0), text)
    text = plain_title(text)
    text = _YEAR_ANYWHERE.sub("", text)
    text = _MEETINGS.sub("", text)
    for old, new in _FILLERS + _SHORT_WORDS:
        text = text.replace(old, new)
    text = _FUND_NO_BUDGET.sub(r"\1预算", text)
    text = _FUND_GRANT.sub(r"\1拨款", text)
    return _GRANT_TABLE.sub(r"\1拨款支出表", text)


def slug(text: str, fallback: str = "x") -> str:
    """A lower-case ASCII slug from Chinese or Latin text: pinyin syllables run together, other marks split words."""
    # 陕西 and 山西 are both “shanxi” in plain pinyin: 陕西 is written Shaanxi, as the province itself writes it.
    spelled = "".join(lazy_pinyin(text.replace("陕西", "Shaanxi"), errors=lambda chars: chars))
    result = re.sub(r"[^0-9a-z]+", "-", spelled.lower()).strip("-")[:48].strip("-")
    return result or fallback
