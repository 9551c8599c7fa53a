"""绩效目标 funds against the budget's 项目支出: the projects with performance targets cannot hold more money than all projects.

``official-tables.md``: “绩效目标 funds ≤ 项目支出”. A 预算 says how much money its
performance targets cover twice over: in the text (“编报绩效目标的项目49个，涉及项目预算资金8825.98万元”)
and in the 绩效目标表 (``indicators`` blocks with ``funds``). Both are compared with the
项目支出 of the 部门支出预算总表 (all funds, not only 一般公共预算), read in 元.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from .. import model as m
from ..problems import Problem, Severity
from ..roles import column_specs
from .base import DocumentCheck, fmt
from .headings import line_of
from .links import markdown_fields
from .registry import WARNING, rule
from .rounding import UNIT_FACTORS
from .sums import TABLES

rule(
    TABLES,
    "target-funds-exceed-project",
    WARNING,
    """
预算中编报绩效目标的项目资金多于本文档的项目支出：文字中“编报绩效目标的项目 N 个，涉及项目预算资金 X 万元”
（或“开展绩效目标管理的项目 N 个，涉及预算 X 万元”），或各项目绩效目标表（`indicators` 块）的 `funds` 之和，超过了“部门支出预算总表”（`role: budget-expenditure`）合计行的项目支出
（按原文印出的精度比较，元和万元换算后再比）。绩效目标只能覆盖本部门的项目，资金不会多于全部项目支出。
部门或单位整体的绩效目标（覆盖基本支出）、跨年度的中期绩效目标（“2025—2027年”）不比较。
例：`文字中编报绩效目标的项目涉及资金 7626 万元，多于“部门支出预算总表”的项目支出 6641 万元（多 985 万元）……`
修改：核对两处数字；原文确实如此时，照录并确认差异，写明原因。
""",
)

_SENTENCES = re.compile(r"[^。；;\n]+")
_DONE = r"(?:编报|编制|实行|纳入|设定|设置|开展|申报|批复)"
_PROJECTS = re.compile(
    _DONE + r"[^。；;，,]{0,10}?绩效目标[^。；;，,]{0,8}?的[^。；;]{0,12}?项目[^。；;\d]{0,4}?\d+\s*个"
    r"|" + _DONE + r"[^。；;，,]{0,4}?项目[^。；;，,]{0,4}?绩效目标[^。；;\d]{0,4}?\d+\s*个"
    r"|绩效目标[^。；;，,]{0,6}?" + _DONE + r"[^。；;，,]{0,4}?项目[^。；;\d]{0,4}?\d+\s*个"
    r"|\d+\s*个项目[^。；;，,]{0,6}?" + _DONE + r"[^。；;，,]{0,3}?绩效目标"
)
"""The count of projects with targets: “编报绩效目标的项目共25个”, “开展绩效目标管理的项目7个”, “编报绩效目标的2019年度
项目1个”, “共编报项目绩效目标49个”, “项目支出绩效目标编报项目49个”, “共有49个项目编报了绩效目标”."""
_NOT_ONE_YEAR = re.compile(r"(?:19|20)\d{2}\s*年?\s*[—–\-~～至到]\s*(?:19|20)\d{2}|中期|三年|实施期|整体|基本支出|全部支出")
"""Money that is not one year's projects: a span of years, the whole budget (基本支出 beside 项目支出)."""
_FUNDS = re.compile(r"(?:涉及|资金|金额)[^。；;，,\d]{0,12}?(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)")
_UNITS = {"亿元": Decimal(100000000), "万元": Decimal(10000), "元": Decimal(1)}


def _half_unit(printed: str, factor: Decimal) -> Decimal:
    """Half of the last printed digit, in 元: what rounding to the printed precision may hide."""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return Decimal(5) * Decimal(10) ** -(decimals + 1) * factor


def _project_total(dc: DocumentCheck) -> tuple[Decimal, Decimal, str, str] | None:
    """The 项目支出 of the 部门支出预算总表's 合计 row: in 元, its rounding allowance, as printed, and the unit."""
    table = next((b for b in dc.doc.body if isinstance(b, m.Table) and b.role == "budget-expenditure" and not b.sides), None)
    if table is None:
        return None
    column = next((i for i, spec in enumerate(column_specs(table)) if spec.id == "project"), None)
    row = next((i for i, r in enumerate(table.rows) if r.id == "total"), None)
    if column is None or row is None:
        return None
    cell = table.cells[row][column] if row < len(table.cells) and column < len(table.cells[row]) else None
    if cell is None or cell.value is None or cell.state in ("missing", "text"):
        return None
    unit = dc.unit(table)
    if unit not in UNIT_FACTORS:
        return None  # still 待填: in 元 or in 万元, nobody knows
    factor = UNIT_FACTORS[unit]
    return cell.value * factor, _half_unit(str(cell.value), factor), fmt(cell.value), unit


def check_target_funds(dc: DocumentCheck) -> Iterator[Problem]:
    """The money the text and the 绩效目标表 give the projects with performance targets, against all 项目支出."""
    doc = dc.doc
    if doc.kind != "budget":
        return
    total = _project_total(dc)
    if total is None:
        return
    project, allowance, shown, unit = total
    lines: list[str] = []
    for path, label, text in markdown_fields(doc):
        if "绩效目标" not in text:
            continue
        for offset, line_text in enumerate(text.split("\n")):
            for sentence in _SENTENCES.findall(line_text):
                counted = _PROJECTS.search(sentence)
                if counted is None or _NOT_ONE_YEAR.search(sentence):
                    continue
                found = _FUNDS.search(sentence, counted.end())
                if found is None:
                    continue
                printed = found.group(1).replace(",", "")
                try:
                    amount = Decimal(printed)
                except ArithmeticError:
                    continue
                factor = _UNITS[found.group(2)]
                stated = amount * factor
                if stated - _half_unit(printed, factor) - allowance <= project:
                    continue
                lines = lines or dc.src.text.split("\n")
                line, column = line_of(dc, lines, path, text, offset)
                same = fmt(project / factor)
                yield Problem(
                    "target-funds-exceed-project",
                    f"“{label}”中编报绩效目标的项目涉及资金 {fmt(amount)} {found.group(2)}，多于“部门支出预算总表”的项目支出 "
                    f"{shown} {unit}（{'' if unit == found.group(2) else f'即 {same} {found.group(2)}，'}"
                    f"多 {fmt((stated - project) / factor)} {found.group(2)}）：绩效目标只覆盖本部门的项目，"
                    "资金不会多于全部项目支出。请核对两处数字。",
                    dc.src.name,
                    line,
                    column,
                    severity=Severity.WARNING,
                    field=".".join(map(str, path)),
                    stated=fmt(amount),
                    computed=same,
                )
    yield from _indicator_funds(dc, project, allowance, shown, unit)


def _one_project(block: m.Indicators) -> bool:
    """A 项目 绩效目标表, not the department's or a unit's whole-budget one (部门整体支出绩效目标表, 单位绩效目标表)."""
    if block.project:
        return True
    title = block.title
    if "整体" in title or _NOT_ONE_YEAR.search(title):
        return False
    return "项目" in title or not re.search(r"(?:部门|单位)[^项]{0,6}绩效目标", title)


def _indicator_funds(dc: DocumentCheck, project: Decimal, allowance: Decimal, shown: str, unit: str) -> Iterator[Problem]:
    """The 绩效目标表's ``funds``, one by one and together, against the 项目支出."""
    doc_unit = m.document_unit(dc.doc, dc.default_unit)
    if doc_unit not in UNIT_FACTORS:
        return  # the funds are in the document's unit, still 待填
    factor = UNIT_FACTORS[doc_unit]
    summed = Decimal(0)
    slack = allowance
    for i, block in enumerate(dc.doc.body):
        if not isinstance(block, m.Indicators) or block.funds is None or not _one_project(block):
            continue
        funds = Decimal(block.funds)
        summed += funds * factor
        slack += _half_unit(str(block.funds), factor)
        if summed - slack > project:
            yield dc.problem(
                "target-funds-exceed-project",
                f"绩效目标表“{block.title}”{'的项目资金' if summed == funds * factor else '及其前面各绩效目标表的项目资金之和'} "
                f"{fmt(summed / factor)} {doc_unit}，多于“部门支出预算总表”的项目支出 {shown} {unit}：绩效目标只覆盖本部门的项目，"
                "资金不会多于全部项目支出。请核对两处数字。",
                ("body", i, "funds"),
                f"{block.id or block.title}.funds",
                stated=fmt(summed / factor),
                computed=shown,
            )
            return
