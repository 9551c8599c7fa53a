"""机关运行经费 against the 公用经费 of the 一般公共预算 basic spending table: a part of it, all of it where every unit is 行政.

机关运行经费 is what 行政 units (and 参公 事业 units) spend of their 一般公共预算财政拨款基本支出 on goods and services: the
公用经费 of the basic spending table, less what 事业 units spend. A 决算 states it in words only; a budget may print it in
its “三公”经费和机关运行经费 table (whose identity budget-operating-costs compares it) or in words.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable, Iterator

from .. import model as m
from ..figures import Figure, figures
from ..load import decimal_places
from ..problems import Problem
from .base import DocumentCheck
from .narrative import NARRATIVE
from .narrative_text import Piece, paragraphs, pieces
from .registry import WARNING, rule
from .rounding import UNIT_FACTORS, half_unit

rule(
    NARRATIVE,
    "operating-costs-over-public",
    WARNING,
    """
正文（或表格）写的本年机关运行经费多于一般公共预算财政拨款基本支出表的公用经费合计。机关运行经费是行政单位和参照公务员法管理的事业单位
一般公共预算财政拨款基本支出中的公用经费，是公用经费的一部分，不会比它多：多是数字录错，或把别的年度、别的口径的数写了进来。
只核对写明本年机关运行经费的句子（“本部门2024年度机关运行经费支出184.37万元”“机关运行经费预算56.00万元”），不核对上年数和增减额；
“三公”经费和机关运行经费预算表已印出机关运行经费的预算，由 budget-operating-costs 核对。
例：`正文写机关运行经费 184.37 万元，多于“一般公共预算财政拨款基本支出决算表”的公用经费合计 164.37 万元：机关运行经费是公用经费的一部分……`
修改：照原文核对正文的机关运行经费和表中的公用经费；原文如此的，确认并说明。
""",
)

rule(
    NARRATIVE,
    "operating-costs-under-public",
    WARNING,
    """
文档的机构设置表列出的单位都是行政单位或参公单位，而本年机关运行经费少于一般公共预算财政拨款基本支出表的公用经费合计：单位都是行政、参公单位时，
两者应相等（有事业单位时机关运行经费较少，不报告）。只在机构设置表印有“单位性质”一栏、每个单位都填了性质时核对。
例：`机构设置表所列单位都是行政或参公单位，机关运行经费 32.60 万元却少于……公用经费合计 36.00 万元：两者应相等……`
修改：照原文核对两处的数字；原文如此的（如口径不同），确认并说明。
""",
)

_SAID = re.compile(
    r"机关运行经费(?:财政拨款)?(?P<phase>支出决算|决算支出|支出|决算|预算安排|预算|安排)?(?:数)?(?:合计|共计|总额)?(?:为|是|共|达)?\s*"
    r"(?P<figure>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>亿元|万元|元)"
)
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_FACTOR = UNIT_FACTORS


def _public_total(doc: m.Document, unit: str) -> Figure | None:
    """The 公用经费合计 of the year in the 一般公共预算 basic spending table."""
    current = ("actual",) if doc.kind == "final-accounts" else ("initial-budget", "budget")
    roles = {b.role for b in doc.body if isinstance(b, m.Table) and (b.role or "").endswith("general-basic")}
    for f in figures(doc, unit, roles):
        if not (f.role or "").endswith("general-basic") or f.value is None or f.phase not in current or f.unit not in _FACTOR:
            continue
        if f.row == "public" or (f.row == "total" and f.column == "public"):
            return f
    return None


def _printed_operating(doc: m.Document, unit: str) -> Figure | None:
    """The 机关运行经费 of the year a table prints (a budget's 三公 and 机关运行经费 table)."""
    roles = {b.role for b in doc.body if isinstance(b, m.Table) and b.role and ("three-public" in b.role or "operating" in b.role)}
    if not roles:
        return None
    for f in figures(doc, unit, roles):
        if "operating-costs" in (f.row, f.column) and f.value is not None and f.unit in _FACTOR and f.phase in ("initial-budget", "budget", "actual"):
            return f
    return None


def _all_administrative(doc: m.Document) -> bool:
    """Whether the document's 机构设置表 prints each unit's 单位性质, and each is 行政 or 参公."""
    for block in doc.body:
        if not isinstance(block, m.Table) or block.role != "units":
            continue
        for grid in block.grids():
            at = next((i for i, c in enumerate(grid.columns) if c.id == "nature" or "性质" in (c.label or "")), None)
            if at is None:
                return False
            kinds = [str(row.values[at]).strip() for row in grid.rows if at < len(row.values)]
            return bool(kinds) and all(k.startswith(("行政", "参公", "参照公务员")) for k in kinds)
    return False


def check_operating_costs(dc: DocumentCheck) -> Iterator[Problem]:
    """机关运行经费 (printed, or stated in the text) against the 公用经费合计 of the basic spending table."""
    doc = dc.doc
    if doc.kind not in ("budget", "final-accounts") or "机关运行经费" not in (dc.src.text or "机关运行经费"):
        return
    if not any(isinstance(b, m.Table) and (b.role or "").endswith("general-basic") for b in doc.body):
        return
    public = _public_total(doc, dc.default_unit)
    if public is None or public.value is None:
        return
    printed = _printed_operating(doc, dc.default_unit)
    if printed is not None:
        # (Its excess over 公用经费 is budget-operating-costs's, an error of the table: only its shortfall is told here.)
        if printed.value is not None and printed.text:
            value = printed.value
            yield from _compared(
                doc, public, value, printed.text, printed.unit,
                lambda code, message: dc.problem(code, message, printed.path, printed.field, stated=value, computed=public.value),
                only_under=True,
            )
        return
    said = _first_statement(doc)
    if said is None:
        return
    value, text, unit_said, piece, offset = said
    from .narrative_check import Narrative

    # (the 公用经费 in the text's unit, as the message compares the two)
    in_text_unit = public.value * _FACTOR[public.unit] / _FACTOR[unit_said]
    yield from _compared(
        doc, public, value, text, unit_said,
        lambda code, message: Narrative(dc).problem(code, message, piece, offset, stated=value, computed=in_text_unit),
    )


def _first_statement(doc: m.Document) -> tuple[Decimal, str, str, Piece, int] | None:
    """The first sentence stating this year's 机关运行经费: its figure, as printed, its unit, and where it stands."""
    for piece in pieces(doc):
        if not piece.prose or "机关运行经费" not in piece.text:
            continue
        for paragraph in paragraphs(piece.text):
            for said in _SAID.finditer(paragraph.text):
                before = paragraph.text[max(0, said.start() - 24) : said.start()]
                years = _YEAR.findall(before.split("。")[-1])
                if years and int(years[-1]) != doc.year:
                    continue  # “2023年度机关运行经费…”: another year's
                if doc.kind == "final-accounts" and said["phase"] in ("预算", "预算安排", "安排"):
                    continue  # a 决算's words on the year's budget
                if "上年" in before[-2:] or "去年" in before[-2:]:
                    continue
                return Decimal(said["figure"].replace(",", "")), said["figure"], said["unit"], piece, paragraph.offset(said.start("figure"))
    return None


def _compared(
    doc: m.Document, public: Figure, value: Decimal, text: str, unit_said: str,
    told: Callable[[str, str], Problem], only_under: bool = False,
) -> Iterator[Problem]:
    """机关运行经费 ``value`` (printed ``text`` in ``unit_said``) against the 公用经费合计 ``public``."""
    assert public.value is not None
    now, then = value * _FACTOR[unit_said], public.value * _FACTOR[public.unit]
    # The rounding of either printed figure, in 元.
    slack = half_unit(text) * _FACTOR[unit_said] + half_unit(public.text) * _FACTOR[public.unit]
    places = max(decimal_places(text), 2)
    converted = "" if public.unit == unit_said else f"（合 {(then / _FACTOR[unit_said]).quantize(Decimal(1).scaleb(-places)):f} {unit_said}）"
    where = f"“{public.table_title}”的公用经费合计 {public.text} {public.unit}{converted}"
    if now > then + slack and not only_under:
        # (A printed 机关运行经费 over it is budget-operating-costs's, an error.)
        code = "operating-costs-over-public"
        yield told(
            code,
            f"正文写机关运行经费 {text} {unit_said}，多于{where}：机关运行经费是行政单位（含参公单位）"
            "一般公共预算财政拨款基本支出中的公用经费，是公用经费的一部分，不会比它多。请照原文核对这两个数。",
        )
    elif now < then - slack and _all_administrative(doc):
        code = "operating-costs-under-public"
        yield told(
            code,
            f"机构设置表所列单位都是行政或参公单位，机关运行经费 {text} {unit_said}却少于{where}：单位都是行政、参公单位时，两者应相等。"
            "请照原文核对这两个数。",
        )

