"""Open data: every figure of every document as CSV and JSON, described by a Data Package.

Written into the docs tree after the pages, so MkDocs copies the files into the
site as they are:

- ``<document address>/<name>.csv`` and ``<name>.json`` beside each document page,
  named after the document (its address with ``-`` for ``/``, e.g.
  ``hebei-xingtai-pingxiang-xinfangju-2021-budget.csv``), so that files saved from
  many documents keep apart;
- every figure of the site, one row each, in parts: ``data/figures-<year>.csv``
  per year, and a year whose figures exceed ``PART_BYTES`` split by region, level
  by level (``data/figures-<year>-<province>_<city>.csv``); ``data/figures-parts.txt``
  lists the parts, one path a line, for downloading them all with one command;
- ``data/documents.csv`` (one row per document);
- ``datapackage.json`` at the site root (Frictionless Data Package v1). It sits
  at the root because the spec forbids ``../`` in resource paths, and it
  describes the per-document files as well as the site-wide ones.

Figures are written exactly as printed: the text an editor typed, never a
float. CSV files are UTF-8 with a BOM and CRLF line endings, so Excel on a
Chinese Windows machine opens them with the Chinese intact.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import urlsplit

from . import model as m
from .derive import DocumentPage, SiteMap
from .figures import Figure, figures
from .keyfigures import SCORE_TOTAL, TABLE_NOTES
from .load import grids_with_paths
from .roles import bracket_unit, column_specs, row_specs, table_name
from .checks.base import table_key
from .checks.scores import grade_for

DATA_PAGE = "data/index.md"
DATA_URL = "data/"
"""The data page: its Markdown file in the docs tree and its address (``/data/``)."""
FIGURES_PARTS = "data/figures-parts.txt"
"""The parts of the site's figures, one site-relative path a line."""
PART_BYTES = 20 * 1024 * 1024
"""A year's figures larger than this (in CSV bytes) are split by region, level by level, and a region's own documents by department, until each part is at most this or one department's documents of the year."""
DOCUMENTS_CSV = "data/documents.csv"
FIGURES_SCHEMA = "data/figures.schema.json"
"""Table Schema shared by every per-document figures CSV (referenced by path from the descriptor)."""
PACKAGE = "datapackage.json"
"""The Data Package descriptor, at the site root: resource paths may not climb with ``../``."""


STEM_LENGTH = 180
"""Longer names are shortened (with a hash of the whole): a file name may not pass 255 bytes."""


def file_stem(url: str) -> str:
    """A document's data files' name: its address with ``-`` for ``/`` (``hebei-…-2021-budget``), unique like the address."""
    stem = url.strip("/").replace("/", "-")
    if len(stem.encode("utf-8")) <= STEM_LENGTH:
        return stem
    digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:12]
    return stem.encode("utf-8")[: STEM_LENGTH - 13].decode("utf-8", "ignore").rstrip("-") + "-" + digest


def document_csv(url: str) -> str:
    """Site-relative path of a document's figures CSV, inside its address."""
    return url + file_stem(url) + ".csv"


def document_json(url: str) -> str:
    """Site-relative path of a document's JSON, inside its address."""
    return url + file_stem(url) + ".json"

PACKAGE_NAME = "budget-disclosures"
CURRENCY = "CNY"
STATES = ("number", "empty", "na")
"""A figure's state: a number, an empty cell (not filled) or a not-applicable mark such as ——."""
PHASES = ("initial-budget", "adjusted-budget", "actual", "last-year", "change")
NOT_APPLICABLE_MARKS = list(m.NOT_APPLICABLE)

_DECIMAL_NOTE = (
    "JSON 中的数字一律照原文写成字符串（如 \"2159.022416\"、\"1.40\"），不写成 JSON 数字，以免被读成浮点数而失真。"
    " Decimals are JSON strings holding the figure exactly as printed, never JSON numbers,"
    " which many readers turn into binary floats."
)
_CSV_NUMBER_NOTE = (
    "CSV 中照原文逐字写出；请按十进制数读取，不要转换成浮点数。"
    " Written exactly as printed: read it as an exact decimal, never through a binary float."
)
_STATES_NOTE = (
    "state：number 数字；empty 原文空白（未填）；na 原文印为 —— 等不适用符号。"
    " number: a number; empty: the cell is blank; na: printed as a not-applicable mark such as ——."
)
_CSV_NOTE = "UTF-8（带 BOM）编码，CRLF 换行，按 RFC 4180 加引号。UTF-8 with BOM, CRLF line endings, RFC 4180 quoting."


@dataclass(frozen=True, slots=True)
class FieldDoc:
    """One column of a CSV file: its name, Table Schema type, Chinese title and explanation."""

    name: str
    type: str
    title: str
    description: str
    example: str = ""
    constraints: tuple[tuple[str, Any], ...] = ()


SCOPE_FIELDS: tuple[FieldDoc, ...] = (
    FieldDoc(
        "scope", "string", "公开主体",
        "department 部门文档（部门及所属单位汇总），unit 单位文档（一个预算单位的）。部门已公开部门文档时，它的单位文档的数字已含在"
        "部门文档中（只有一个单位的部门，两份文档的数字完全相同）：按部门汇总时只取 department 的行，以免重复计算。",
        "department", (("required", True), ("enum", ["department", "unit"])),
    ),
    FieldDoc("budget_unit", "string", "预算单位", "单位文档所公开的预算单位名称；部门文档为空。", "上海市普陀区商务委员会（本级）"),
    FieldDoc(
        "covers", "string", "公开内容",
        "只公开部分内容的文档（如只公开“三公”经费的决算）所含的部分，代号以空格分隔（如 three-public）；空白表示完整的文档。",
        "three-public",
    ),
    FieldDoc("project", "string", "项目", "项目支出绩效自评所评价的项目名称；其他文档为空。", "信访工作经费"),
)
"""What a document covers, in both the figures' and the documents' files (see :func:`document_scope`)."""

FIGURE_FIELDS: tuple[FieldDoc, ...] = (
    FieldDoc("region_path", "string", "地区代号", "地区在网址中的代号路径，从省到县。", "hebei/xingtai/pingxiang", (("required", True),)),
    FieldDoc("region_name", "string", "地区", "地区中文名称，从省到县连写。", "河北省邢台市平乡县", (("required", True),)),
    FieldDoc("department_id", "string", "部门代号", "部门代号路径（地区代号路径加部门代号）。", "hebei/xingtai/pingxiang/xinfangju", (("required", True),)),
    FieldDoc("department", "string", "部门", "部门名称。", "平乡县信访局", (("required", True),)),
    FieldDoc("year", "integer", "年度", "预算年度（公历 1 月 1 日至 12 月 31 日）。", "2021", (("required", True),)),
    FieldDoc(
        "kind", "string", "文档类别代号",
        "budget 部门预算、final-accounts 部门决算、self-evaluation 绩效自评。", "budget",
        (("required", True), ("enum", list(m.KIND_NAMES))),
    ),
    FieldDoc("status", "string", "预决算状态", "预算、决算或自评。", "预算", (("required", True), ("enum", list(dict.fromkeys(m.KIND_STATUS.values()))))),
    *SCOPE_FIELDS,
    FieldDoc(
        "table", "string", "表格代号",
        "表格在本文档中的代号；同一文档内唯一。评分表为 scores，绩效指标表为 indicators-序号（写了代号的用其代号）。",
        "three-public", (("required", True),),
    ),
    FieldDoc("table_title", "string", "表名", "表格名称（原文；原文无表名时为常用表名）。", "财政拨款“三公”经费预算", (("required", True),)),
    FieldDoc(
        "row", "string", "行代号",
        "行的代号；没有代号的行为其项目名称（评分表为评价内容，绩效指标表为指标名称；合计行为 total）。", "total", (("required", True),),
    ),
    FieldDoc("row_label", "string", "项目", "行的项目名称（原文）；原表这一行没有印名称时为空（如只有一行数字的“三公”经费预算表）。", "“三公”经费", ()),
    FieldDoc(
        "parent_row", "string", "上级行代号",
        "本行是哪一行的组成部分（那一行的行代号 row）；空白表示本行在表的最上一级。", "basic",
    ),
    FieldDoc(
        "row_parts", "string", "下级行",
        "sum 本行是其下级各行之和（合计、小计）；part 其下级行只是“其中”项，本行另有其他部分；none 其下级行与本行的关系不核对；"
        "空白表示没有下级行。把各行相加而不重复计算时，取 row_parts 不是 sum、且上级行的 row_parts 不是 part 的行。",
        "sum", (("enum", ["sum", "part", "none"]),),
    ),
    FieldDoc("column", "string", "栏目代号", "栏目的代号。", "budget", (("required", True),)),
    FieldDoc("column_label", "string", "栏目", "栏目名称（原文）。", "预算数", (("required", True),)),
    FieldDoc(
        "column_group", "string", "上级栏目",
        "印在栏目名称上方的各级表头（原文），自上而下以“ / ”连接，如“公务用车购置及运行费 / 小计”之上的“公务用车购置及运行费”；没有时为空。",
        "公务接待费", (),
    ),
    FieldDoc(
        "phase", "string", "阶段",
        "initial-budget 年初预算、adjusted-budget 调整后预算、actual 执行数/决算数、last-year 上年数、change 增减；空白表示不属于这些阶段。",
        "initial-budget", (("enum", list(PHASES)),),
    ),
    FieldDoc(
        "column_year", "integer", "栏目年度",
        "这一栏数字所属的年度：栏目名称印有年度的（如“2024年执行数”）为该年度；栏目名称没有年度而表名印有一个年度的"
        "（如预算文档中的“2024年“三公”经费预算执行情况表”）为表名的年度；上年数为上一年度；"
        "增减栏（两个年度之差、增减率）和印有几个年度的栏目（“2025-2027年合计”）为空；“本年增加”“本年减少”为本年；其余为文档的年度（year）。按年度汇总数字时用这一栏，"
        "以免把预算文档里的上年执行数算作本年。",
        "2020",
    ),
    FieldDoc(
        "value", "number", "数值（原文）",
        "表格中印出的数字，逐字照录，未经四舍五入或换算（保留原文的小数位）。"
        "state 为 empty 时为空白，为 na 时是原文的不适用符号（如 ——）。",
        "1.4",
    ),
    FieldDoc(
        "state", "string", "状态",
        "number 数字；empty 原文空白（未填）；na 原文印为 —— 等符号（不适用）。", "number",
        (("required", True), ("enum", list(STATES))),
    ),
    FieldDoc("unit", "string", "单位", "数值的单位，如 万元、元、%、人，分值和得分为 分，资产的数量为行名称括号里的单位（平方米、台、辆）；空白表示原文没有印单位。", "万元"),
    FieldDoc("address", "string", "文档网址", "文档在本站的固定网址（从网站根目录起；站点设置了 base_url 且在子目录下时含该子目录）。", "/hebei/xingtai/pingxiang/xinfangju/2021/budget/", (("required", True),)),
    FieldDoc(
        "acknowledged", "string", "差异说明",
        "这个数字与核算结果不一致、发布单位已确认按原文公开时，发布单位说明的原因（页面上在数字旁标“注”）；空白表示没有。"
        "用这个数字核算时请先看说明。",
        "原文如此：三公经费合计按预算数填列。",
    ),
)
"""Columns of every figures CSV (site-wide and per document), in order."""

DOCUMENT_FIELDS: tuple[FieldDoc, ...] = (
    FieldDoc("address", "string", "文档网址", "文档在本站的固定网址（从网站根目录起；站点设置了 base_url 且在子目录下时含该子目录）。", "/hebei/xingtai/pingxiang/xinfangju/2021/budget/", (("required", True), ("unique", True))),
    FieldDoc("title", "string", "标题", "文档标题（原文）。", "平乡县信访局2021年部门预算信息公开情况说明", (("required", True),)),
    FieldDoc("region_path", "string", "地区代号", "地区在网址中的代号路径。", "hebei/xingtai/pingxiang", (("required", True),)),
    FieldDoc("region_name", "string", "地区", "地区中文名称，从省到县连写。", "河北省邢台市平乡县", (("required", True),)),
    FieldDoc("department_id", "string", "部门代号", "部门代号路径。", "hebei/xingtai/pingxiang/xinfangju", (("required", True),)),
    FieldDoc("department", "string", "部门", "部门名称。", "平乡县信访局", (("required", True),)),
    FieldDoc("year", "integer", "年度", "预算年度。", "2021", (("required", True),)),
    FieldDoc("kind", "string", "文档类别代号", "budget、final-accounts 或 self-evaluation。", "budget", (("required", True), ("enum", list(m.KIND_NAMES)))),
    FieldDoc("kind_name", "string", "文档类别", "部门预算、部门决算、单位预算、单位决算、绩效自评或项目支出绩效自评。", "部门预算", (("required", True),)),
    FieldDoc("status", "string", "预决算状态", "预算、决算或自评。", "预算", (("required", True), ("enum", list(dict.fromkeys(m.KIND_STATUS.values()))))),
    *SCOPE_FIELDS,
    FieldDoc(
        "whole_department", "boolean", "单位即部门全部",
        "true 表示部门只有这一个预算单位：本单位文档的数字与部门文档的完全相同。", "false",
    ),
    FieldDoc("published", "date", "公开日期", "原文的公开日期（年-月-日）；空白表示原文未注明。", "2021-03-25"),
    FieldDoc("unit", "string", "金额单位", "文档的金额单位；个别表格另有单位的（如“三公”经费表印“万元”），以数字文件中各数字的 unit 一栏为准。", "万元", (("required", True),)),
    FieldDoc("currency", "string", "币种", "人民币（CNY）。", "CNY", (("required", True),)),
    FieldDoc("score", "number", "总得分", "绩效自评的总得分（原文）；空白表示没有。", "95.9"),
    FieldDoc(
        "score_acknowledged", "string", "得分差异说明",
        "总得分与核算结果不一致、发布单位已确认按原文公开时，发布单位说明的原因（页面上标“数字有出入”）；空白表示没有。",
        "原文如此：各项得分之和为 95.9。",
    ),
    FieldDoc("grade", "string", "评价等级", "原文的评价等级；原文未写时按得分确定（见 grade_from_score）。", "优"),
    FieldDoc("grade_from_score", "boolean", "等级按得分确定", "true 表示原文没有写等级，等级由得分按 优 90 分及以上、良 80 分至不满 90 分、中 60 分至不满 80 分、差 不满 60 分 确定。", "false"),
    FieldDoc("figures", "integer", "数字个数", "本文档表格中的数字个数，含评分表和绩效指标表的分值、得分（本文档 CSV 文件的行数）。", "42", (("required", True),)),
    FieldDoc("figures_csv", "string", "数字（CSV）", "本文档数字 CSV 文件的网址。", "/hebei/xingtai/pingxiang/xinfangju/2021/budget/hebei-xingtai-pingxiang-xinfangju-2021-budget.csv", (("required", True),)),
    FieldDoc("figures_json", "string", "数字（JSON）", "本文档数字与文档信息 JSON 文件的网址。", "/hebei/xingtai/pingxiang/xinfangju/2021/budget/hebei-xingtai-pingxiang-xinfangju-2021-budget.json", (("required", True),)),
    FieldDoc("source_url", "string", "原文链接", "原文的网址；空白表示未提供。", ""),
)
"""Columns of ``data/documents.csv``, in order."""

CSV_DIALECT: dict[str, Any] = {
    "delimiter": ",",
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}


# --------------------------------------------------------------------------- values


def decimal_text(value: Decimal | None) -> str | None:
    """A decimal as printed (``format(d, "f")``, as pages print it), never through float."""
    return None if value is None else format(value, "f")


def _plain(value: Any) -> Any:
    """A model value as JSON-safe data: decimals and dates as strings, models as objects."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, m.Model):
        return {name: _plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot publish {type(value).__name__} as open data")


def _without_type(block: m.Model) -> dict[str, Any]:
    """Every field of a block, minus its ``type`` tag."""
    data: dict[str, Any] = _plain(block)
    data.pop("type", None)
    return data


def site_root(site: SiteMap) -> str:
    """The path the site is published under: ``/``, or the folder of ``base_url`` (``/zfxxgk/yjsgk/``)."""
    path = urlsplit(site.site.base_url or "").path
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def address(page: DocumentPage, site: SiteMap) -> str:
    """The document's permanent address, host-absolute: ``/hebei/…/2021/budget/`` (under the folder of ``base_url``, if any)."""
    return site_root(site) + page.url


def document_unit(page: DocumentPage, site: SiteMap) -> str:
    """The document's money unit: its own, else the site's default."""
    return page.doc.unit or site.site.unit


def document_figures(page: DocumentPage, site: SiteMap) -> list[Figure]:
    """Every figure of a document: its tables' (:func:`pubgen.figures.figures`), then its score breakdowns' and
    indicator tables' points and scores, as the page prints them."""
    return [*figures(page.doc, default_unit=site.site.unit), *score_figures(page.doc, document_unit(page, site))]


SCORE_UNIT = "分"


def score_figures(doc: m.Document, money_unit: str) -> Iterator[Figure]:
    """The points (分值) and scores (得分) of the document's score breakdowns and indicator tables, in printed order:
    each item's and each indicator's, each level's where printed, the totals; and an indicator table's 项目资金."""
    several = sum(isinstance(b, m.Scores) for b in doc.body) > 1
    for bi, block in enumerate(doc.body):
        base: tuple[Any, ...] = ("body", bi)
        if isinstance(block, m.Scores):
            key = block.id or (f"scores-{bi + 1}" if several else "scores")
            weight, score = block.labels.weight or "分值", block.labels.score or "得分"
            # The breakdown's rows: an item under its group (parent), the groups and lone items under 总得分.
            grouping = {item.parent for item in block.items if item.parent}
            for i, item in enumerate(block.items):
                above, below = item.parent or "total", "sum" if item.name in grouping else ""
                for column, label in (("weight", weight), ("score", score)):
                    yield from _point(key, block.title, item.name, item.name, column, label, getattr(item, column), base + ("items", i, column), above, below)
            total = block.labels.total or "总得分"
            yield from _point(key, block.title, "total", total, "weight", weight, block.total_weight, base + ("total_weight",), None, "sum")
            yield from _point(key, block.title, "total", total, "score", score, block.total, base + ("total",), None, "sum")
            yield from _point(key, block.title, "points", "分值合计", "weight", weight, block.points, base + ("points",))
        elif isinstance(block, m.Indicators):
            key = block.id or f"indicators-{bi + 1}"
            weight, score = _indicator_label(block, "weight", "分值"), _indicator_label(block, "score", "得分")
            level1 = level2 = ""
            for ri, row in enumerate(block.rows):
                at = base + ("rows", ri)
                level1, level2 = row.level1 or level1, row.level2 or (level2 if not row.level1 else "")
                # A level's points and score, on the row that prints them (its first): the page puts them after its name.
                if level1:
                    yield from _point(key, block.title, level1, level1, "weight", weight, row.level1_points, at + ("level1_points",))
                    yield from _point(key, block.title, level1, level1, "score", score, row.level1_score, at + ("level1_score",))
                if level2:
                    yield from _point(key, block.title, level2, level2, "weight", weight, row.level2_points, at + ("level2_points",))
                    yield from _point(key, block.title, level2, level2, "score", score, row.level2_score, at + ("level2_score",))
                for column, label in (("weight", weight), ("score", score)):
                    mark = row.mark(column)
                    if mark:  # printed “/”: not applicable, as a table's —— cell is
                        yield Figure(key, block.title, None, row.name, row.name, column, label, None, SCORE_UNIT, mark, None, "na", at + (column,))
                    else:
                        yield from _point(key, block.title, row.name, row.name, column, label, getattr(row, column), at + (column,))
            total = block.labels.total or "总得分"
            yield from _point(key, block.title, "total", total, "weight", weight, block.total_weight, base + ("total_weight",))
            yield from _point(key, block.title, "total", total, "score", score, block.total, base + ("total",))
            yield from _point(key, block.title, "points", "指标分值合计", "weight", weight, block.points, base + ("points",))
            if block.funds is not None:
                # A 部门整体支出 table's funds are the department's whole spending, not a project's.
                named = "资金总额" if "整体" in block.title else "项目资金"
                yield _figure(key, block.title, "funds", named, "funds", named, block.funds, money_unit, base + ("funds",))


def _indicator_label(block: m.Indicators, field: str, usual: str) -> str:
    """A column of an indicator table as printed: its label among the printed columns, else in ``labels``, else usual."""
    printed = next((c.label for c in block.columns if c.field == field and c.label), None)
    return printed or getattr(block.labels, field, None) or usual


def _point(
    table: str, title: str, row: str, row_label: str, column: str, label: str, value: Decimal | None, path: tuple[Any, ...],
    parent: str | None = None, parts: str = "",
) -> Iterator[Figure]:
    if value is not None:
        yield _figure(table, title, row, row_label, column, label, value, SCORE_UNIT, path, parent, parts)


def _figure(
    table: str, title: str, row: str, row_label: str, column: str, label: str, value: Decimal, unit: str, path: tuple[Any, ...],
    parent: str | None = None, parts: str = "",
) -> Figure:
    return Figure(table, title, None, row, row_label, column, label, None, unit, format(value, "f"), value, "number", path, parent=parent, parts=parts)


def grade(page: DocumentPage) -> tuple[str | None, bool]:
    """The grade as printed, else the one the score earns; and whether it was derived."""
    doc = page.doc
    if doc.grade:
        return doc.grade, False
    if doc.score is not None:
        return grade_for(doc.score), True
    return None, False


def acknowledged(doc: m.Document, figs: Iterable[Figure] = ()) -> dict[str, str]:
    """The publisher's reasons for the discrepancies acknowledged in ``doc``, by the field of each figure concerned
    (the figures the page marks with 注 or “有出入”); two acknowledgements of one figure give both reasons.

    With the document's figures given, an acknowledgement reaches every figure it concerns (:func:`concerned`), not
    only the one cell it may name: every figure of a table whose note says it is empty, the 总得分 a score total
    check names (``scores.total``), a level's 分值 a weights check names (``indicators-2.产出指标.weights``)."""
    fields = [f.field for f in figs]
    out: dict[str, str] = {}
    for a in doc.acknowledgements:
        for name in concerned(a.field, fields) if fields else [a.field]:
            if a.reason not in out.get(name, "").split("；"):
                out[name] = f"{out[name]}；{a.reason}" if name in out else a.reason
    return out


def concerned(field: str, fields: list[str]) -> list[str]:
    """The figures (by field, among ``fields``) that a problem or acknowledgement filed under ``field`` questions.

    The figure itself; every figure of a row or table named whole; every figure of a table whose note is questioned
    (``three-public.empty_note``); for a score check, the total score (``scores.total`` → ``scores.total.score``) or the
    points it adds up (``….weights``: the level's own 分值, else the table's printed points total, else every 分值 of it).
    """
    if field in fields:
        return [field]
    below = [f for f in fields if f.startswith(field + ".")]
    if below:
        return below
    owner, _, part = field.rpartition(".")
    if not owner:
        return []
    if part in TABLE_NOTES:  # a problem of the table as a whole: every figure of it
        return [f for f in fields if f.startswith(owner + ".")]
    if part == "total" and f"{field}.score" in fields:
        return [f"{field}.score"]
    if part in ("weights", "points"):
        for choice in (f"{owner}.weight", f"{owner}.points.weight", f"{owner}.total.weight"):
            if choice in fields:
                return [choice]
        return [f for f in fields if f.startswith(owner + ".") and f.endswith(".weight")]
    return []


def score_acknowledged(doc: m.Document) -> str | None:
    """The publisher's reasons for a questioned total score (the document's ``score``, or a score table's 总得分)."""
    reasons = [a.reason for a in doc.acknowledgements if a.field in ("score", "score.points") or SCORE_TOTAL.fullmatch(a.field)]
    return "；".join(dict.fromkeys(reasons)) or None


def document_scope(doc: m.Document) -> dict[str, Any]:
    """What a document covers, as every figure of it carries it: the department's or one unit's, which parts, which project."""
    return {
        "scope": doc.scope,
        "budget_unit": doc.budget_unit.name if doc.scope == "unit" and doc.budget_unit is not None else None,
        "covers": " ".join(doc.covers) or None,
        "project": doc.project.name if doc.project is not None else None,
    }


def document_place(page: DocumentPage, site: SiteMap) -> dict[str, Any]:
    """The fields of a figures CSV row that are the document's: the same for each of its figures (and its address)."""
    doc = page.doc
    return {
        "region_path": page.region.path,
        "region_name": page.region_name,
        "department_id": page.department_id,
        "department": page.department.name,
        "year": doc.year,
        "kind": doc.kind,
        "status": m.KIND_STATUS[doc.kind],
        **document_scope(doc),
        "address": address(page, site),
    }


_PRINTED_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年")
_PRIOR_YEAR_WORDS = ("上年", "上一年", "去年")
_CHANGE_WORDS = ("增减", "增长", "减少", "增加", "比上年", "较上年", "变动", "差额", "差异")
_YEAR_SPAN = re.compile(r"(?:19|20)\d{2}\s*年?\s*[-－—–~～至到]\s*(?:19|20)\d{2}")
"""2025-2027年: a column or table of several years."""


def column_year(fig: Figure, year: int) -> int | None:
    """The year a figure's column is of (see ``column_year`` in :data:`FIGURE_FIELDS`): the one year its label prints,
    else the one its table's title prints (“2024年“三公”经费预算执行情况表” in a 2025 budget), else the document's;
    the year before for a last-year column; none for a change between years or a span of years."""
    # A table's figures share a few columns: each column's year is worked out once.
    return _column_year(fig.column_group, fig.column_label, fig.phase, fig.column, fig.table_title, year)


@lru_cache(maxsize=4096)
def _column_year(group: str, column_label: str, phase: str | None, column: str, table_title: str | None, year: int) -> int | None:
    label = f"{group} {column_label}"  # a year printed over the column's own header counts
    own_year = "本年" in label
    if not own_year and (phase == "change" or column in ("change", "change-rate") or any(word in label for word in _CHANGE_WORDS)):
        return None
    if _YEAR_SPAN.search(label):
        return None
    printed = set(_PRINTED_YEAR.findall(label))
    if printed:
        return int(printed.pop()) if len(printed) == 1 else None
    base = year
    titled = set(_PRINTED_YEAR.findall(table_title or ""))
    if len(titled) == 1 and not _YEAR_SPAN.search(table_title or ""):
        base = int(titled.pop())
    if own_year or "结转" in label or "结余" in label:
        return base  # 本年增加; 上年结转: what the year starts with
    if phase == "last-year" or any(word in label for word in _PRIOR_YEAR_WORDS):
        return base - 1
    return base


def figure_json(fig: Figure, reasons: dict[str, str], year: int) -> dict[str, Any]:
    """One figure for the per-document JSON (the document's own fields are in ``document``); ``reasons`` is
    :func:`acknowledged` of its document, ``year`` the document's year."""
    return {
        "field": fig.field,
        "table": fig.table,
        "table_title": fig.table_title,
        "role": fig.role,
        "row": fig.row,
        "row_label": fig.row_label,
        "parent_row": fig.parent,
        "row_parts": fig.parts or None,
        "column": fig.column,
        "column_label": fig.column_label,
        "column_group": fig.column_group,
        "phase": fig.phase,
        "column_year": column_year(fig, year),
        "value": fig.text,
        "state": fig.state,
        # 2、车辆（台、辆） in a 数量 column: the label names what the count counts.
        "unit": fig.unit or bracket_unit(fig.row_label) or "",
        "acknowledged": reasons.get(fig.field),
    }


def document_meta(page: DocumentPage, site: SiteMap) -> dict[str, Any]:
    """A document's metadata, as published in its JSON file."""
    doc = page.doc
    said = catalogue(doc)
    grade_text, derived = grade(page)
    base = address(page, site)
    return {
        "address": base,
        "title": doc.title,
        "department": {"id": page.department_id, "name": page.department.name},
        "region": {"path": page.region.path, "names": list(page.region.names), "name": page.region_name},
        "year": doc.year,
        "fiscal_period": {"start": f"{doc.year}-01-01", "end": f"{doc.year}-12-31"},
        "kind": doc.kind,
        "kind_name": said["kind_name"],
        "status": m.KIND_STATUS[doc.kind],
        **{name: said[name] for name in CATALOGUED},
        "published": _plain(doc.published),
        "approved": _plain(doc.approved),
        "unit": document_unit(page, site),
        "currency": CURRENCY,
        "score": decimal_text(doc.score),
        "score_acknowledged": said["score_acknowledged"],
        "grade": grade_text,
        "grade_from_score": derived,
        "budget_code": doc.budget_code,
        "source_url": doc.source_url,
        "files": {"csv": site_root(site) + document_csv(page.url), "json": site_root(site) + document_json(page.url)},
    }


def figures_json(doc: m.Document, figs: list[Figure]) -> list[dict[str, Any]]:
    """:func:`figure_json` of each of a document's figures (``figs``: :func:`document_figures`)."""
    reasons = acknowledged(doc, figs)
    return [figure_json(f, reasons, doc.year) for f in figs]


def document_data(page: DocumentPage, site: SiteMap, figs: list[Figure]) -> dict[str, Any]:
    """Everything numeric a document states: metadata, table figures, scores and indicators."""
    return _document_data(page, site, figures_json(page.doc, figs))


def _document_data(page: DocumentPage, site: SiteMap, figures: list[dict[str, Any]]) -> dict[str, Any]:
    """:func:`document_data`, its figures (:func:`figures_json`) made already: the figures CSV is made of them too."""
    doc = page.doc
    tables = []
    scores = []
    indicators = []
    for bi, block in enumerate(doc.body):
        if isinstance(block, m.Table):
            # One entry per grid, named as its figures' “table” (a two-sided table's sides: final-summary.income).
            for grid, _ in grids_with_paths(block, bi):
                specs = column_specs(grid)
                rows = row_specs(grid)
                money = any(spec.type == "money" for spec in specs)
                texts = [
                    {"row": r.key, "row_label": r.label, "column": spec.id, "column_label": spec.label, "text": cell.text}
                    for r in rows
                    for spec, cell in zip(specs, grid.cells[r.index] if r.index < len(grid.cells) else [])
                    if spec.type == "text" and cell.text
                ]
                tables.append(
                    {
                        "table": table_key(block, bi) + (f".{grid.side}" if grid.side else ""),
                        "title": table_name(block),
                        "side": getattr(grid, "title", None) if grid.side else None,
                        "role": block.role,
                        "unit": (block.unit or document_unit(page, site)) if money else None,
                        "from_text": block.from_text,
                        "notes": list(block.notes),
                        "empty_note": block.empty_note,
                        "footnote": block.footnote,
                        "row_notes": [{"row": r.key, "row_label": r.label, "note": grid.rows[r.index].note} for r in rows if grid.rows[r.index].note],
                        "text_cells": texts,
                    }
                )
        elif isinstance(block, m.Scores):
            scores.append(_without_type(block))
        elif isinstance(block, m.Indicators):
            dumped = {**_without_type(block), "funds_unit": document_unit(page, site)}
            for row, out in zip(block.rows, dumped.get("rows", [])):
                # 分值 and 得分 printed “/” (not applicable) are given as printed, as a table's —— cells are; so is 指标性质 “定性”.
                out.update({name: row.mark(name) for name in ("weight", "score", "operator") if row.mark(name)})
            indicators.append(dumped)
    return {
        "notes": {"decimals": _DECIMAL_NOTE, "states": _STATES_NOTE},
        "document": document_meta(page, site),
        "tables": tables,
        "figures": figures,
        "scores": scores,
        "indicators": indicators,
        "acknowledgements": [_plain(a) for a in doc.acknowledgements],
    }


# --------------------------------------------------------------------------- files


def write_csv(path: Path, fields: tuple[FieldDoc, ...], rows: Iterable[dict[str, Any]]) -> None:
    """RFC 4180 CSV for Excel on Chinese Windows: UTF-8 with BOM, CRLF, minimal quoting."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        f.write(csv_header(fields))
        f.write(csv_rows(fields, rows))


def csv_header(fields: tuple[FieldDoc, ...]) -> str:
    return ",".join(fd.name for fd in fields) + "\r\n"


def csv_rows(fields: tuple[FieldDoc, ...], rows: Iterable[dict[str, Any]]) -> str:
    """The CSV lines of ``rows``, without the header: written once, used by a document's file and the site's."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    names = [fd.name for fd in fields]
    texts = [i for i, fd in enumerate(fields) if fd.type == "string"]
    others = [i for i, fd in enumerate(fields) if fd.type != "string"]
    for row in rows:
        cells = [row[name] for name in names]
        for i in others:
            # Figures arrive as text and counts as integers: a float or Decimal here would print differently.
            value = cells[i]
            if isinstance(value, bool):
                cells[i] = "true" if value else "false"
            elif not isinstance(value, _PLAIN):
                raise TypeError(f"cannot write {type(value).__name__} into a CSV cell")
        for i in texts:
            value = cells[i]
            if value is None:
                continue
            if isinstance(value, bool):
                value = "true" if value else "false"
            elif isinstance(value, int):
                value = str(value)
            elif not isinstance(value, str):
                raise TypeError(f"cannot write {type(value).__name__} into the text column {names[i]}")
            cells[i] = spreadsheet_text(value)
        writer.writerow(cells)
    return out.getvalue()


_FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
"""What a spreadsheet may take for the start of a formula (full-width forms too: WPS and Excel with an IME read them so)."""
_LEADING = " \u3000\xa0"


_FIRST = frozenset("".join(_FORMULA) + _LEADING)
"""The first characters that may make a text cell need its apostrophe; most cells start otherwise."""


def spreadsheet_text(value: str) -> str:
    """A text cell of a CSV for Excel: text a spreadsheet would run as a formula (after any leading spaces) is kept as text
    with a leading apostrophe."""
    if not value or value[0] not in _FIRST:
        return value
    return "'" + value if value.lstrip(_LEADING).startswith(_FORMULA) or value.startswith(_FORMULA) else value
_PLAIN = (str, int, type(None))


def write_json(path: Path, data: Any) -> None:
    """UTF-8 JSON without BOM; decimals are already strings, so a float can never slip in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json_text(data) + "\n", encoding="utf-8", newline="\n")


def json_text(value: Any, depth: int = 0) -> str:
    """JSON laid out two levels deep, a figure or field per line below that.

    Readable and diffable like ``indent=2`` for what people look at, and made by
    the C encoder (``indent`` would use the pure-Python one, ten times slower).
    """
    pad = "  " * (depth + 1)
    if depth < 2 and isinstance(value, dict) and value:
        items = [f"{pad}{_compact(_key(key))}: {json_text(item, depth + 1)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    if depth < 2 and isinstance(value, list) and value:
        return "[\n" + ",\n".join(pad + json_text(item, depth + 1) for item in value) + "\n" + "  " * depth + "]"
    return _compact(value)


def write_json_lazily(path: Path, data: dict[str, Any]) -> None:
    """What :func:`write_json` writes, where a value may be an iterator (laid out as a list), written as it is made."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for chunk in _json_chunks(data, 0):
            out.write(chunk)
        out.write("\n")


def _json_chunks(value: Any, depth: int) -> Iterator[str]:
    """:func:`json_text` in pieces."""
    pad = "  " * (depth + 1)
    if depth < 2 and isinstance(value, dict) and value:
        sep = "{\n"
        for key, item in value.items():
            yield f"{sep}{pad}{_compact(_key(key))}: "
            yield from _json_chunks(item, depth + 1)
            sep = ",\n"
        yield "\n" + "  " * depth + "}"
    elif depth < 2 and isinstance(value, (list, Iterator)):
        sep = "[\n"
        for item in value:
            yield sep + pad
            yield from _json_chunks(item, depth + 1)
            sep = ",\n"
        yield "[]" if sep == "[\n" else "\n" + "  " * depth + "]"
    else:
        yield _compact(value)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def _key(key: Any) -> str:
    if not isinstance(key, str):
        raise TypeError(f"JSON keys are text, not {type(key).__name__}")
    return key


def _compact(value: Any) -> str:
    return _ENCODER.encode(value)


def table_schema(fields: tuple[FieldDoc, ...], **extra: Any) -> dict[str, Any]:
    """A Frictionless Table Schema for ``fields``."""
    out_fields = []
    for fd in fields:
        spec: dict[str, Any] = {"name": fd.name, "title": fd.title, "type": fd.type, "description": fd.description}
        if fd.example:
            spec["example"] = fd.example
        if fd.type == "number":
            spec["decimalChar"] = "."
            spec["bareNumber"] = True
            spec["description"] = fd.description + " " + _CSV_NUMBER_NOTE
        if fd.type == "boolean":
            spec["trueValues"] = ["true"]
            spec["falseValues"] = ["false"]
        if fd.constraints:
            spec["constraints"] = dict(fd.constraints)
        out_fields.append(spec)
    return {"fields": out_fields, "missingValues": ["", *NOT_APPLICABLE_MARKS], **extra}


def _csv_resource(name: str, path: str, title: str, description: str, schema: dict[str, Any] | str) -> dict[str, Any]:
    """A tabular data resource for one of our CSV files."""
    return {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "title": title,
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": dict(CSV_DIALECT),
        "schema": schema,
    }


def _fiscal(page: DocumentPage, site: SiteMap) -> dict[str, Any]:
    """Fiscal metadata of a document's resources: year, status, currency, unit, publication date."""
    doc = page.doc
    out: dict[str, Any] = {
        "document": address(page, site),
        "documentTitle": doc.title,
        "fiscalYear": doc.year,
        "fiscalPeriod": {"start": f"{doc.year}-01-01", "end": f"{doc.year}-12-31"},
        "kind": doc.kind,
        "status": m.KIND_STATUS[doc.kind],
        "currency": CURRENCY,
        "unit": document_unit(page, site),
        "unitNote": "文档的金额单位；个别表格另有单位的（如“三公”经费表印“万元”），以各数字的 unit 一栏为准。",
    }
    if doc.published:
        out["published"] = doc.published.isoformat()
    return out


def resource_name(page: DocumentPage, suffix: str) -> str:
    """A unique resource name from the document's address (slugs, years and kinds are lowercase ASCII)."""
    return page.url + suffix


def datapackage(site: SiteMap, counts: dict[str, int], parts: list[Part] | None = None) -> dict[str, Any]:
    """The Data Package descriptor (Frictionless Data Package v1) of every data file."""
    package = _package(site, counts, parts)
    package["resources"] = list(package["resources"])
    return package


def _package(site: SiteMap, counts: dict[str, int], parts: list[Part] | None = None) -> dict[str, Any]:
    """The descriptor, its resources made as they are written (two for each document: at a province's size, hundreds of MB)."""
    years = sorted({p.doc.year for p in site.documents})
    package: dict[str, Any] = {
        "name": PACKAGE_NAME,
        "title": site.site.title,
        "description": (site.site.description + " " if site.site.description else "")
        + "各部门预算、决算和绩效自评报告中的数字，照原文录入，未经四舍五入或换算；各数字的单位见其 unit 一栏（各文档、各表不尽相同），"
        "金额单位“万元”即一万元人民币。"
        " Figures of government departments' budgets (部门预算), final accounts (部门决算) and performance"
        " self-evaluations (绩效自评), exactly as printed; each figure's unit is in its unit column (documents and tables"
        " differ); 万元 is 10,000 yuan (CNY). " + _DECIMAL_NOTE,
        "profile": "data-package",
        "keywords": ["部门预算", "部门决算", "绩效自评", "budget", "final accounts", "fiscal data"],
        "countryCode": "CN",
        "currency": CURRENCY,
        "fiscalYears": years,
        "fiscalPeriod": {"start": f"{years[0]}-01-01", "end": f"{years[-1]}-12-31"} if years else None,
        "statuses": sorted({m.KIND_STATUS[p.doc.kind] for p in site.documents}, key=list(m.KIND_STATUS.values()).index),
        "resources": _resources(site, counts, parts),
    }
    if site.site.base_url:
        package["homepage"] = site.site.base_url
    if site.site.publisher:
        package["contributors"] = [{"title": site.site.publisher, "role": "publisher"}]
    return {k: v for k, v in package.items() if v is not None}


def _resources(site: SiteMap, counts: dict[str, int], parts: list[Part] | None) -> Iterator[dict[str, Any]]:
    figure_schema = table_schema(
        FIGURE_FIELDS,
        foreignKeys=[{"fields": "address", "reference": {"resource": "documents", "fields": "address"}}],
    )
    for part in parts if parts is not None else plan_parts(site, {p.url: 0 for p in site.documents}):
        resource = _csv_resource(
            part.name,
            part.path,
            part.title,
            f"{part.title}：{part.scope}，一个数字一行，照原文录入；全站数字按年度（数据多的年度再按地区）分成若干文件，"
            f"{FIGURES_PARTS} 列出全部文件。"
            f"Every figure of the {len(part.documents)} documents of {part.year}"
            + (f" of department {part.department}" if part.department else "")
            + (f" in region {part.region}" + ("" if part.subregions else " itself, without its subregions") if part.region else "")
            + f", one row per figure, exactly as printed; {FIGURES_PARTS} lists every part. " + _CSV_NOTE,
            figure_schema,
        )
        resource["fiscalYear"] = part.year
        if part.region:
            resource["region"] = part.region
            resource["includesSubregions"] = part.subregions
        if part.department:
            resource["department"] = part.department
        yield resource
    yield _csv_resource(
        "documents",
        DOCUMENTS_CSV,
        "文档目录",
        "每份文档一行：标题、部门、地区、年度、类别、公开日期、单位、得分等。"
        "One row per document with its key metadata. " + _CSV_NOTE,
        table_schema(DOCUMENT_FIELDS, primaryKey=["address"]),
    )
    for page in site.documents:
        fiscal = _fiscal(page, site)
        yield {
            **_csv_resource(
                resource_name(page, "figures-csv"),
                document_csv(page.url),
                f"{page.doc.title}：数字（CSV）",
                f"本文档表格中的 {counts[page.url]} 个数字，照原文录入，各列与全站数字文件（data/figures-年度.csv）相同。"
                f"The {counts[page.url]} figures of this document, exactly as printed; same columns as the site's data/figures-<year>.csv files. "
                + _CSV_NOTE,
                FIGURES_SCHEMA,
            ),
            **fiscal,
        }
        yield {
            "name": resource_name(page, "figures-json"),
            "path": document_json(page.url),
            "profile": "data-resource",
            "title": f"{page.doc.title}：数字与文档信息（JSON）",
            "description": (
                "文档信息、表格中的全部数字、评分表和绩效指标表的全部栏目。"
                "The document's metadata, every table figure, score breakdowns and indicator tables. "
                + _DECIMAL_NOTE
                + " "
                + _STATES_NOTE
            ),
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            **fiscal,
        }


CATALOGUED = ("scope", "budget_unit", "covers", "project", "whole_department")
"""What a document covers, in the order its JSON and ``data/documents.csv`` give it."""


def catalogue(doc: m.Document) -> dict[str, Any]:
    """What ``data/documents.csv`` says of a document beyond its summary's fields (a shard's manifest carries it)."""
    return {
        "kind_name": m.kind_label(doc.kind, doc.scope),
        **document_scope(doc),
        "whole_department": doc.budget_unit.whole if doc.scope == "unit" and doc.budget_unit is not None else None,
        "score_acknowledged": score_acknowledged(doc),
    }


def document_row(page: DocumentPage, site: SiteMap, count: int) -> dict[str, Any]:
    """One document as a row of ``data/documents.csv``; ``page`` may be a summary (:class:`pubgen.summary.DocumentSummary`)."""
    from .summary import DocumentSummary

    doc = page.doc
    catalogue_ = doc.catalogue if isinstance(doc, DocumentSummary) else catalogue(doc)
    grade_text, derived = grade(page)
    base = address(page, site)
    return {
        "address": base,
        "title": doc.title,
        "region_path": page.region.path,
        "region_name": page.region_name,
        "department_id": page.department_id,
        "department": page.department.name,
        "year": doc.year,
        "kind": doc.kind,
        "kind_name": catalogue_["kind_name"],
        "status": m.KIND_STATUS[doc.kind],
        **{name: catalogue_[name] for name in CATALOGUED},
        "published": _plain(doc.published),
        "unit": document_unit(page, site),
        "currency": CURRENCY,
        "score": decimal_text(doc.score),
        "score_acknowledged": catalogue_["score_acknowledged"],
        "grade": grade_text,
        "grade_from_score": derived if grade_text else None,
        "figures": count,
        "figures_csv": site_root(site) + document_csv(page.url),
        "figures_json": site_root(site) + document_json(page.url),
        "source_url": doc.source_url,
    }


@dataclass(slots=True)
class DataWritten:
    """What :func:`write_data` wrote."""

    paths: list[Path]
    counts: dict[str, int]
    """Figures per document, by document address."""
    parts: list[Part]
    """The files of the site's figures."""


def write_data(site: SiteMap, docs_dir: Path) -> DataWritten:
    """Write every open-data file into the docs tree; return the paths and the figure counts.

    Each document's CSV is written first; the site's parts are then put
    together from those files, a part at a time, so no more than one document's
    figures is held at once.
    """
    written, counts, sizes = write_document_data(site, site.documents, docs_dir)
    written += write_site_data(site, counts, sizes, lambda url: docs_dir / document_csv(url), docs_dir)
    return DataWritten(written, counts, plan_parts(site, sizes))


def write_document_data(site: SiteMap, pages: Iterable[DocumentPage], docs_dir: Path) -> tuple[list[Path], dict[str, int], dict[str, int]]:
    """Each document's figures CSV and JSON; the files, and per document its figures and the bytes of its CSV rows."""
    written: list[Path] = []
    counts: dict[str, int] = {}
    sizes: dict[str, int] = {}
    header = csv_header(FIGURE_FIELDS)
    for page in pages:
        made = figures_json(page.doc, document_figures(page, site))
        place = document_place(page, site)
        rows = [{**place, **fig} for fig in made]
        counts[page.url] = len(rows)
        lines = csv_rows(FIGURE_FIELDS, rows)
        sizes[page.url] = len(lines.encode("utf-8"))
        folder = docs_dir / page.url
        folder.mkdir(parents=True, exist_ok=True)
        csv_path, json_path = docs_dir / document_csv(page.url), docs_dir / document_json(page.url)
        csv_path.write_text(header + lines, encoding="utf-8-sig", newline="")
        write_json(json_path, _document_data(page, site, made))
        written += [csv_path, json_path]
    return written, counts, sizes


def write_site_data(
    site: Any,
    counts: dict[str, int],
    sizes: dict[str, int],
    csv_of: Callable[[str], Path],
    docs_dir: Path,
    reuse: tuple[Path, dict[str, str]] | None = None,
    made: Callable[[Path, str, Callable[..., None], tuple[Any, ...]], None] | None = None,
) -> list[Path]:
    """The site's figures in parts, joined from the documents' CSVs (``csv_of`` finds one by address), the list of
    parts, the catalogue of documents, the schema and the package; ``site.documents`` may be summaries.

    With ``reuse`` (a folder, and a key for each document's address that changes
    whenever its CSV may), each part is kept in the folder and linked from there
    while its documents' keys are unchanged: an edit rewrites one year's part, not
    the site's gigabytes. ``made(target, path, write, inputs)``, if given, writes a
    file that ``write(target, *inputs)`` makes, or puts there the one it kept.
    """
    from .shard import link

    header = csv_header(FIGURE_FIELDS)
    written: list[Path] = []
    parts = plan_parts(site, sizes)
    skip = len(codecs.BOM_UTF8) + len(header.encode("utf-8"))
    (docs_dir / "data").mkdir(parents=True, exist_ok=True)
    for part in parts:
        target = docs_dir / part.path
        if reuse is None:
            _join_part(target, part, csv_of, header, skip)
        else:
            folder, keys = reuse
            kept, stamp = folder / part.path, folder / (part.path + ".key")
            h = hashlib.sha256(f"{header}\0{part.path}\0".encode("utf-8", "surrogatepass"))
            for page in part.documents:
                h.update(f"{page.url}\0{keys[page.url]}\0".encode("utf-8", "surrogatepass"))
            key = h.hexdigest()
            try:
                fresh = stamp.read_text(encoding="utf-8") != key or not kept.is_file()
            except OSError:
                fresh = True
            if fresh:
                kept.parent.mkdir(parents=True, exist_ok=True)
                stamp.unlink(missing_ok=True)  # the key is written after the part it names, never before
                _join_part(kept.with_name(kept.name + ".new"), part, csv_of, header, skip)
                os.replace(kept.with_name(kept.name + ".new"), kept)
                stamp.write_text(key, encoding="utf-8")
            link(str(kept), str(target))
        written.append(target)
    if reuse is not None:
        # Parts the site no longer has (a year split differently, documents gone) are not kept.
        current = {part.path.rsplit("/", 1)[1] for part in parts}
        for left in (reuse[0] / "data").iterdir() if (reuse[0] / "data").is_dir() else ():
            if left.name.removesuffix(".key") not in current:
                left.unlink(missing_ok=True)
    (docs_dir / FIGURES_PARTS).write_text("".join(part.path + "\n" for part in parts), encoding="utf-8", newline="\n")
    # The catalogue and the package list every document: with ``made``, kept from last time while what they list is.
    made = made or (lambda target, path, write, inputs: write(target, *inputs))
    made(docs_dir / DOCUMENTS_CSV, DOCUMENTS_CSV, _write_documents, (site, counts))
    write_json(docs_dir / FIGURES_SCHEMA, table_schema(FIGURE_FIELDS))
    made(docs_dir / PACKAGE, PACKAGE, _write_package, (site, counts, parts))
    written += [docs_dir / FIGURES_PARTS, docs_dir / DOCUMENTS_CSV, docs_dir / FIGURES_SCHEMA, docs_dir / PACKAGE]
    return written


def _write_documents(target: Path, site: Any, counts: dict[str, int]) -> None:
    write_csv(target, DOCUMENT_FIELDS, (document_row(p, site, counts[p.url]) for p in site.documents))


def _write_package(target: Path, site: Any, counts: dict[str, int], parts: list[Part]) -> None:
    write_json_lazily(target, _package(site, counts, parts))


def _join_part(target: Path, part: Part, csv_of: Callable[[str], Path], header: str, skip: int) -> None:
    """One part of the site's figures: the header, then each of its documents' rows."""
    with target.open("wb") as out:
        out.write(codecs.BOM_UTF8 + header.encode("utf-8"))
        for page in part.documents:
            with csv_of(page.url).open("rb") as one:
                one.seek(skip)
                shutil.copyfileobj(one, out)


# --------------------------------------------------------------------------- the site's figures, in parts


@dataclass(frozen=True, slots=True)
class Part:
    """One file of the site's figures: a year's, or a region's within a large year."""

    year: int
    region: str
    """Region path, ``""`` for the whole year."""
    subregions: bool
    """Whether the part holds the region's subregions too (false when they have parts of their own)."""
    region_name: str
    documents: tuple[DocumentPage, ...]
    """In the site's order of documents."""
    size: int
    """Bytes of figure rows (without the header)."""
    department: str = ""
    """Department id when the part holds one department's documents (a region whose own documents were too many for one part)."""
    department_name: str = ""

    @property
    def path(self) -> str:
        # Slugs hold letters, digits and ``-`` only, so ``_`` between levels keeps every name apart; a department's
        # slug is never one of its region's subregions' (the slug-collision rule), so their parts never share a name.
        where = self.department or self.region
        return f"data/figures-{self.year}" + (f"-{where.replace('/', '_')}" if where else "") + ".csv"

    @property
    def name(self) -> str:
        return self.path[len("data/") : -len(".csv")]

    @property
    def title(self) -> str:
        if self.department:
            return f"{self.year}年{self.department_name}的数字"
        if not self.region:
            return f"{self.year}年全部数字"
        return f"{self.year}年{self.region_name}的数字" if self.subregions else f"{self.year}年{self.region_name}本级的数字"

    @property
    def scope(self) -> str:
        if self.department:
            return f"{self.year}年度{self.department_name} {len(self.documents)} 份文档表格中的每一个数字"
        if not self.region:
            return f"{self.year}年度全部 {len(self.documents)} 份文档表格中的每一个数字"
        within = "（含下级地区）" if self.subregions else "（不含下级地区，下级地区各有文件）"
        return f"{self.year}年度{self.region_name}{within} {len(self.documents)} 份文档表格中的每一个数字"


def plan_parts(site: SiteMap, sizes: dict[str, int], limit: int | None = None) -> list[Part]:
    """The site's figures split by year, and a year over ``limit`` bytes by region, level by level.

    A region's part holds its own documents and its subregions'; when that is
    over ``limit``, each subregion gets its own part (split again if need be) and
    the region's part keeps only its own documents; when those alone are over
    ``limit``, each department of the region gets a part. Only one department's
    documents of one year are never split, whatever their size.
    """
    limit = PART_BYTES if limit is None else limit
    by_year: dict[int, list[DocumentPage]] = {}
    for page in site.documents:
        by_year.setdefault(page.doc.year, []).append(page)
    parts: list[Part] = []
    for year in sorted(by_year):
        parts += _split(year, (), by_year[year], sizes, limit)
    return parts


def _split(year: int, prefix: tuple[str, ...], pages: list[DocumentPage], sizes: dict[str, int], limit: int) -> list[Part]:
    depth = len(prefix)
    total = sum(sizes[p.url] for p in pages)
    deeper = [p for p in pages if len(p.region.path.split("/")) > depth]
    name = "".join(pages[0].region.names[:depth]) if pages else ""
    region = "/".join(prefix)
    if total <= limit:
        return [Part(year, region, True, name, tuple(pages), total)]
    own = [p for p in pages if len(p.region.path.split("/")) == depth]
    out: list[Part] = []
    own_size = sum(sizes[p.url] for p in own)
    if own and own_size <= limit:
        out.append(Part(year, region, not deeper, name, tuple(own), own_size))
    elif own:
        by_department: dict[str, list[DocumentPage]] = {}
        for p in own:
            by_department.setdefault(p.department_id, []).append(p)
        for dept in sorted(by_department):
            mine = by_department[dept]
            out.append(Part(year, region, False, name, tuple(mine), sum(sizes[p.url] for p in mine), dept, mine[0].department.name))
    children: dict[str, list[DocumentPage]] = {}
    for p in deeper:
        children.setdefault(p.region.path.split("/")[depth], []).append(p)
    for slug in sorted(children):
        out += _split(year, prefix + (slug,), children[slug], sizes, limit)
    return out


# --------------------------------------------------------------------------- the data page


@dataclass(frozen=True, slots=True)
class DataFile:
    """One downloadable file as the data page lists it."""

    path: str
    """Site-relative path, e.g. ``data/figures-2024.csv``."""
    name: str
    title: str
    description: str
    size: str
    """Human-readable size, e.g. ``18 KB``."""


@dataclass(frozen=True, slots=True)
class DocumentFiles:
    """A document's two data files, with how many figures they hold."""

    page: DocumentPage
    csv: DataFile
    json: DataFile
    figures: int


@dataclass(frozen=True, slots=True)
class DataPage:
    """What ``templates/data.md.j2`` shows."""

    files: list[DataFile]
    documents: list[DocumentFiles]
    """Every document's files; none when there are more than :data:`DOCUMENTS_LISTED` (``document_count`` says how many)."""
    figure_columns: tuple[FieldDoc, ...]
    document_columns: tuple[FieldDoc, ...]
    figures: int
    """How many figures the site publishes (rows of all the ``data/figures-*.csv`` parts)."""
    commands: list[tuple[str, str]]
    """(where, command) that downloads every part at once."""
    part_mb: int
    """The size above which a year's figures are split by region, in MB."""
    document_count: int = 0


DOCUMENTS_LISTED = 1000
"""Above this many documents, the data page lists none (a row each would make it megabytes, for a phone):
``documents.csv`` gives every document's files, and every document's page its own."""


def human_size(size: int) -> str:
    """A file size for readers, in integer arithmetic: ``812 字节``, ``18 KB``, ``2.4 MB``."""
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} KB"
    tenths = -(-size * 10 // (1024 * 1024))
    return f"{tenths // 10}.{tenths % 10} MB"


def _file(docs_dir: Path, path: str, title: str, description: str, known: dict[str, int] | None = None) -> DataFile:
    """A written file as the data page lists it; ``known`` gives the sizes of files written elsewhere (by shards)."""
    if known is not None and path in known:
        return DataFile(path, path.rsplit("/", 1)[-1], title, description, human_size(known[path]))
    target = docs_dir / path
    size = human_size(target.stat().st_size) if target.is_file() else ""
    return DataFile(path, path.rsplit("/", 1)[-1], title, description, size)


def download_commands(site: SiteMap) -> list[tuple[str, str]]:
    """One command per kind of computer that downloads every part of the site's figures into the current folder."""
    base = (site.site.base_url or "https://本站网址").rstrip("/")
    listing = f"{base}/{FIGURES_PARTS}"
    described = " ".join((PACKAGE, DOCUMENTS_CSV, FIGURES_SCHEMA))
    return [
        (
            "Linux、macOS（curl）",
            f"for f in {described} $(curl -fsS {listing}); do curl -fsS --create-dirs -o \"$f\" \"{base}/$f\"; done",
        ),
        (
            "Windows（PowerShell）",
            f"@('{PACKAGE}', '{DOCUMENTS_CSV}', '{FIGURES_SCHEMA}') + (Invoke-RestMethod {listing}).Split(\"`n\") | Where-Object {{ $_ }} | "
            f"ForEach-Object {{ New-Item -ItemType Directory -Force (Split-Path -Parent \"./$_\") | Out-Null; "
            f"Invoke-WebRequest \"{base}/$_\" -OutFile \"./$_\" }}",
        ),
    ]


def data_page(site: Any, docs_dir: Path, counts: dict[str, int], known: dict[str, int] | None = None) -> DataPage:
    """The data page's contents; call after :func:`write_data` so file sizes are known.

    ``known`` gives the sizes of the documents' files when they were written elsewhere (by shards).
    """
    skip = len(codecs.BOM_UTF8) + len(csv_header(FIGURE_FIELDS).encode("utf-8"))
    sizes = {}
    for page in site.documents:
        path = document_csv(page.url)
        if known is not None and path in known:
            sizes[page.url] = max(0, known[path] - skip)
            continue
        target = docs_dir / path
        sizes[page.url] = max(0, target.stat().st_size - skip) if target.is_file() else 0
    parts = plan_parts(site, sizes)
    files = [_file(docs_dir, part.path, part.title, part.scope + "，一个数字一行。") for part in parts]
    files += [
        _file(docs_dir, FIGURES_PARTS, "数字文件清单", "以上各个数字文件的路径，一行一个，供下面的命令一次下载全部。"),
        _file(docs_dir, DOCUMENTS_CSV, "文档目录", "每份文档一行：标题、部门、地区、年度、类别、公开日期、得分等。"),
        _file(docs_dir, PACKAGE, "数据说明", "按 Frictionless Data Package 规范描述以上文件和各文档的数据文件，供程序读取。"),
    ]
    documents = []
    total = 0
    listed = len(site.documents) <= DOCUMENTS_LISTED
    for page in site.documents:
        count = counts[page.url]
        total += count
        if listed:
            documents.append(
                DocumentFiles(
                    page,
                    _file(docs_dir, document_csv(page.url), "数字（CSV）", "", known),
                    _file(docs_dir, document_json(page.url), "数字与文档信息（JSON）", "", known),
                    count,
                )
            )
    return DataPage(files, documents, FIGURE_FIELDS, DOCUMENT_FIELDS, total, download_commands(site), PART_BYTES // (1024 * 1024), len(site.documents))
