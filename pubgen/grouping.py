"""Amounts as readers see them: grouped in thousands (154,369,326), as the published originals print them.

Editors type figures without commas (the ``thousands-separator`` check) and every stored value, download and
search index keeps the figure as typed. Only the page groups an amount, for display, keeping every printed digit:
12029501.84 → 12,029,501.84, 2946.25 → 2,946.25, 0.3 stays 0.3. A figure that is no amount (a percentage, a count,
a score, a year, a subject code, a serial number) is shown as typed: what an amount is, a table's column or row
type says (:func:`pubgen.roles.cell_type`), a key figure's unit says.
"""

from __future__ import annotations

import re

from .roles import MONEY_UNITS

_FIGURE = re.compile(r"([+-]?)([0-9]*)(\.[0-9]*)?")
_IN_TEXT = re.compile(r"(?<![0-9A-Za-z.,])([+-]?)([0-9]{4,})(\.[0-9]+)?(?![0-9A-Za-z]|\.[0-9]|,[0-9])")
"""A figure of four integer digits or more inside words (2993.92（原文 29939200 元）), not part of a longer run."""


def _thousands(digits: str) -> str:
    head = len(digits) % 3 or 3
    return ",".join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def grouped(text: str) -> str:
    """``text`` with its integer digits grouped in thousands when it is one plain figure (as cells hold them:
    ``-1234.50``, ``+12``, ``.5``); anything else (blank, ——, words, a figure already grouped) unchanged."""
    match = _FIGURE.fullmatch(text)
    if match is None or not (match[2] or (match[3] or "")[1:]):
        return text
    sign, whole, fraction = match[1], match[2], match[3] or ""
    return sign + _thousands(whole) + fraction


def grouped_in(text: str) -> str:
    """Every figure of four integer digits or more in ``text`` grouped, for a cell that holds amounts with words around
    them; only for text known to hold amounts (a year in it would be grouped too)."""
    return _IN_TEXT.sub(lambda m: m[1] + _thousands(m[2]) + (m[3] or ""), text)


def is_money(kind: str | None) -> bool:
    """Whether a figure of this type (a column's, a row's) is an amount, shown grouped."""
    return kind == "money"


def is_money_unit(unit: str | None) -> bool:
    """Whether a figure printed in ``unit`` (a key figure's, a comparison row's) is an amount: 元、万元 …"""
    return unit in MONEY_UNITS


def amount(text: str, unit: str | None) -> str:
    """A figure printed with its unit, grouped when the unit is one of money."""
    return grouped(text) if is_money_unit(unit) else text
