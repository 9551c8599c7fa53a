"""Figures as points (document, block, row, column) on each side, aligned and compared, with rows renamed or moved kept apart."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

from .. import model as m
from ..evaluation_view import indicator_label
from ..figures import figures
from ..checks.rounding import UNIT_FACTORS
from .results import ContentDiff, FigureChange


@dataclass(slots=True, frozen=True)
class _Point:
    """One figure on one side, with what names it."""

    table: str
    table_title: str
    row: str
    row_label: str
    column: str
    column_label: str
    unit: str
    text: str | None
    state: str
    value: Decimal | None


def _amount(table: str, title: str, row: str, row_label: str, column: str, column_label: str, value: Decimal | None, unit: str = "") -> _Point:
    return _Point(table, title, row, row_label, column, column_label, unit,
                  None if value is None else format(value, "f"), "empty" if value is None else "number", value)


def _words(table: str, title: str, row: str, row_label: str, column: str, column_label: str, text: str | None) -> _Point:
    return _Point(table, title, row, row_label, column, column_label, "", text or None, "text" if text else "empty", None)


def header_points(doc: m.Document) -> dict[tuple[str, str], _Point]:
    title = "文档信息"
    return {
        ("score", ""): _amount("document", title, "score", "总得分", "", "", doc.score, "分"),
        ("grade", ""): _words("document", title, "grade", "评价等级", "", "", doc.grade),
    }


def table_points_of(doc: m.Document, unit: str) -> dict[int, list[_Point]]:
    out: dict[int, list[_Point]] = {}
    for f in figures(doc, unit):
        out.setdefault(int(f.path[1]), []).append(
            _Point(f.table, f.table_title, f.row, f.row_label, f.column, f"{f.column_group} / {f.column_label}" if f.column_group else f.column_label, f.unit, f.text, f.state, f.value)
        )
    return out


def block_points(block: Any, bi: int, table_points: dict[int, list[_Point]]) -> dict[tuple[str, str], _Point]:
    points: list[_Point] = []
    if isinstance(block, m.Table):
        points = table_points.get(bi, [])
    elif isinstance(block, m.Scores):
        key, title = block.id or "scores", block.title
        for item in block.items:
            points.append(_amount(key, title, item.name, item.name, "weight", "分值", item.weight, "分"))
            points.append(_amount(key, title, item.name, item.name, "score", "得分", item.score, "分"))
        points.append(_amount(key, title, "total", "总得分", "", "", block.total, "分"))
        points.append(_amount(key, title, "points", "分值合计", "", "", block.points, "分"))
        points.append(_amount(key, title, "total_weight", "合计行分值", "", "", block.total_weight, "分"))
        points.append(_words(key, title, "grade", "等级", "", "", block.grade))
    elif isinstance(block, m.Indicators):
        key, title = block.id or f"indicators-{bi + 1}", block.title
        points.append(_amount(key, title, "funds", "项目资金", "", "", block.funds))
        points.append(_amount(key, title, "bonus", "加分项分值", "", "", block.bonus, "分"))
        points.append(_amount(key, title, "points", "指标分值合计", "", "", block.points, "分"))
        points.append(_amount(key, title, "total_weight", "合计行分值", "", "", block.total_weight, "分"))
        points.append(_amount(key, title, "total", "总得分", "", "", block.total, "分"))
        points.append(_words(key, title, "grade", "评价等级", "", "", block.grade))
        for row in block.rows:
            points.append(_amount(key, title, row.name, row.name, "target_value", "目标数值", row.target_value, row.unit or ""))
            points.append(_actual(key, title, row, indicator_label(block, "actual")))
            points.append(_amount(key, title, row.name, row.name, "weight", "分值", row.weight, "分"))
            points.append(_amount(key, title, row.name, row.name, "score", "得分", row.score, "分"))
            for level, label in (("level1", "一级指标"), ("level2", "二级指标")):
                name = getattr(row, level)
                for figure, word in (("points", "分值"), ("score", "得分")):
                    value = getattr(row, f"{level}_{figure}")
                    if name is not None or value is not None:
                        group = name or row.name
                        points.append(_amount(key, title, f"{label}：{group}", f"{label}“{group}”", figure, word, value, "分"))
    out: dict[tuple[str, str], _Point] = {}
    seen: Counter[tuple[str, str]] = Counter()
    for p in points:
        key2 = (p.row, p.column)
        seen[key2] += 1
        out[key2 if seen[key2] == 1 else (f"{p.row}#{seen[key2]}", p.column)] = p
    return out


_ABSENT = _Point("", "", "", "", "", "", "", None, "absent", None)

_MEASURED = re.compile(r"(?P<number>[-+]?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[^\d\s]{0,8})")


def _actual(key: str, title: str, row: m.Indicator, label: str) -> _Point:
    """An indicator's 实际完成值 as printed: a figure with its unit when it is one (“95”, “95%”, “6人”), else words."""
    text = (row.actual or "").strip()
    found = _MEASURED.fullmatch(text)
    if found:
        unit = found["unit"] or row.unit or ""
        return _Point(key, title, row.name, row.name, "actual", label, unit, text, "number", Decimal(found["number"].replace(",", "")))
    return _words(key, title, row.name, row.name, "actual", label, text or None)


_NTH = re.compile(r"#\d+$")
"""The number a row key gets when an earlier row prints the same label (其他, 其他#2)."""


def _aligned(a: dict[tuple[str, str], _Point], b: dict[tuple[str, str], _Point]) -> dict[tuple[str, str], _Point]:
    """The old side's points keyed like the new side's rows they pair with, rows of one label paired by what they print.

    Two rows labelled 其他 are 其他 and 其他#2; when the first is deleted, the second becomes 其他 and, paired by
    order, would show as the first one's figures changed and the second one's removed. Paired by their figures, the
    reviewer sees one row removed.
    """
    def rows(points: dict[tuple[str, str], _Point]) -> dict[str, dict[str, dict[str, _Point]]]:
        found: dict[str, dict[str, dict[str, _Point]]] = {}
        for (row, column), point in points.items():
            found.setdefault(_NTH.sub("", row), {}).setdefault(row, {})[column] = point
        return found

    old_rows, new_rows = rows(a), rows(b)
    renamed: dict[str, str] = {}
    taken = {row for row, _ in b}
    for base, old in old_rows.items():
        new = new_rows.get(base, {})
        if len(old) == len(new) or (len(old) < 2 and len(new) < 2):
            continue  # as many as before: each row kept its place
        def printed(cells: dict[str, _Point]) -> tuple[tuple[str, str | None, str], ...]:
            return tuple(sorted((column, p.text, p.state) for column, p in cells.items()))
        old_keys, new_keys = list(old), list(new)
        matcher = SequenceMatcher(None, [printed(old[k]) for k in old_keys], [printed(new[k]) for k in new_keys], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            for offset in range(i2 - i1):
                if tag in ("equal", "replace") and j1 + offset < j2:
                    renamed[old_keys[i1 + offset]] = new_keys[j1 + offset]
                else:
                    # A row only the old side prints: its own key, unless a new row now goes by it.
                    key, n = old_keys[i1 + offset], len(old) + len(new)
                    while key in taken or key in renamed.values():
                        n += 1
                        key = f"{base}#{n}"
                    renamed[old_keys[i1 + offset]] = key
    if not renamed:
        return a
    return {(renamed.get(row, row), column): point for (row, column), point in a.items()}


def compare_points(result: ContentDiff, address: str, label: str, a: dict[tuple[str, str], _Point], b: dict[tuple[str, str], _Point]) -> None:
    a = _aligned(a, b)
    for key in list(b) + [k for k in a if k not in b]:
        old, new = a.get(key, _ABSENT), b.get(key, _ABSENT)
        if old.state == "empty" and new.state == "absent" or old.state == "absent" and new.state == "empty":
            continue  # an unfilled optional figure that came or went: nothing printed either way
        if (old.text, old.state, old.unit) == (new.text, new.state, new.unit):
            continue
        if old.state == new.state and old.state in ("empty", "na") and old.text == new.text:
            continue  # a blank or —— cell of a table whose unit changed: nothing a reader sees changed in it
        shown = new if new.state != "absent" else old
        difference = None
        if old.state == new.state == "number" and old.value is not None and new.value is not None:
            if old.unit == new.unit:
                difference = new.value - old.value
            elif old.unit in UNIT_FACTORS and new.unit in UNIT_FACTORS:
                # 91016775.35 元 → 9101.68 万元: the difference in the new unit, the old figure converted to it.
                difference = new.value - old.value * UNIT_FACTORS[old.unit] / UNIT_FACTORS[new.unit]
        result.figures.append(
            FigureChange(
                address, label, shown.table, shown.table_title, key[0] if "#" in key[0] else shown.row, shown.row_label,
                shown.column, shown.column_label, old.text, new.text, old.state, new.state, old.unit, new.unit, difference,
            )
        )
