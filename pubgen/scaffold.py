"""``pubgen new``: a new document laid out like last year's, its figures and text left to fill.

The structure and labels of the department's previous document of the same
kind (headings, tables with their rows and columns, indicators) are kept; its
figures and narrative are not: every figure becomes ``待填`` (reported by
``pubgen check`` as ``figure-to-fill``) and every paragraph a short placeholder.
Without a previous document, a template of every section the kind requires is
written instead. The YAML is written here, not by ``yaml.dump``, so that keys
come in a readable order and every block carries a Chinese comment.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Union

from pydantic import BaseModel

from . import model as m
from .atomic import write_new
from .errors import PubgenError
from .exact import exactly
from .load import Content, Loaded, load
from .problems import Problem
from .roles import column_specs, table_name
from .files import first_link, source_path
from .validate import validate

KINDS: tuple[str, ...] = ("budget", "final-accounts", "self-evaluation", "project-evaluation")
"""The kinds ``pubgen new`` can create."""

KIND_TITLES: dict[str, str] = {
    "budget": "部门预算公开",
    "final-accounts": "部门决算公开",
    "self-evaluation": "部门整体支出绩效自评",
    "project-evaluation": "项目支出绩效自评",
}
"""How each kind is named in comments and messages."""

PLACEHOLDER_START = f"（{m.TO_FILL}："
"""Every text placeholder starts with this, so that a search for 待填 finds them all."""


# --------------------------------------------------------------------------- YAML text


_PRINTABLE = re.compile("[\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")
_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@`~=<.+ \t")
_FLOW_INDICATORS = set(",[]{}:#?")
_WORDS = {
    "null", "true", "false", "yes", "no", "on", "off", "y", "n", "~", "",
}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0"}


def quote(text: str, *, flow: bool = False) -> str:
    """Write ``text`` as a YAML scalar that reads back as exactly ``text``: plain when safe, else double-quoted."""
    if _plain_is_safe(text, flow):
        return text
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif not _PRINTABLE.fullmatch(ch) or ch in ("\x85", "\u2028", "\u2029", "\ufeff"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _plain_is_safe(text: str, flow: bool) -> bool:
    if text.lower() in _WORDS or text in m.NOT_APPLICABLE or text[0] in _UNSAFE_START:
        return False
    if text[-1] in " \t:" or any(ch in text for ch in _LINE_BREAKS) or "\t" in text:
        return False
    if ": " in text or " #" in text or any(not _PRINTABLE.fullmatch(ch) or ch == "\ufeff" for ch in text):
        return False
    if text.isascii() and (text[0].isdigit() or text.lower().lstrip("+-.") in ("inf", "nan")):
        return False  # numbers, dates and times would be read as such by other YAML tools
    return not (flow and any(ch in _FLOW_INDICATORS for ch in text))


def _literal_is_safe(text: str) -> bool:
    """Can ``text`` be written as a ``|`` block and read back unchanged?"""
    if not text.strip() or text[0] in " \t\n" or "\r" in text or text.endswith("\n\n"):
        return False
    return all(_PRINTABLE.fullmatch(ch) and ch not in ("\x85", "\u2028", "\u2029", "\ufeff") for ch in text)


@dataclass(frozen=True, slots=True)
class Raw:
    """Text already in YAML form: a number, a date, a flow list or mapping."""

    text: str


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """A Markdown text, written as a ``|`` block so that paragraphs read as typed."""

    text: str


@dataclass(slots=True)
class Entry:
    """One ``key: value`` line (or block) of a mapping, with its comments."""

    key: str
    value: Node
    note: str = ""
    """Comment at the end of the line."""
    above: tuple[str, ...] = ()
    """Comment lines above the entry."""
    blank: bool = False
    """A blank line before the entry."""


@dataclass(slots=True)
class Mapping:
    """A block mapping."""

    entries: list[Entry] = field(default_factory=list)


@dataclass(slots=True)
class Item:
    """One ``- `` item of a block sequence, with its comments."""

    value: Node
    above: tuple[str, ...] = ()
    blank: bool = False


@dataclass(slots=True)
class Sequence:
    """A block sequence."""

    items: list[Item] = field(default_factory=list)


Node = Union[str, int, bool, None, Raw, Paragraphs, Mapping, Sequence]


def render(root: Mapping, header: tuple[str, ...] = ()) -> str:
    """The YAML text of ``root``, with ``header`` as comment lines at the top."""
    lines = [_comment(c, 0) for c in header]
    _mapping(root, 0, lines)
    return "\n".join(lines) + "\n"


def _comment(text: str, indent: int) -> str:
    return " " * indent + ("# " + text if text else "#")


def _scalar(value: str | int | bool | None | Raw) -> str:
    if value is None:
        return "~"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Raw):
        return value.text
    return quote(value)


def _with_note(line: str, note: str) -> str:
    return f"{line}  # {note}" if note else line


def _mapping(node: Mapping, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for entry in node.entries:
        if entry.blank and lines:
            lines.append("")
        lines.extend(_comment(c, indent) for c in entry.above)
        value = entry.value
        head = f"{pad}{entry.key}:"
        if isinstance(value, Paragraphs):
            _literal(head, value.text, entry.note, indent, lines)
        elif isinstance(value, Mapping):
            if not value.entries:
                lines.append(_with_note(head + " {}", entry.note))
                continue
            lines.append(_with_note(head, entry.note))
            _mapping(value, indent + 2, lines)
        elif isinstance(value, Sequence):
            if not value.items:
                lines.append(_with_note(head + " []", entry.note))
                continue
            lines.append(_with_note(head, entry.note))
            _sequence(value, indent + 2, lines)
        else:
            lines.append(_with_note(f"{head} {_scalar(value)}", entry.note))


def _literal(head: str, text: str, note: str, indent: int, lines: list[str]) -> None:
    if not _literal_is_safe(text):
        lines.append(_with_note(f"{head} {quote(text)}", note))
        return
    chomp = "" if text.endswith("\n") else "-"
    lines.append(_with_note(f"{head} |{chomp}", note))
    for line in text.removesuffix("\n").split("\n"):
        lines.append(" " * (indent + 2) + line if line else "")


def _sequence(node: Sequence, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in node.items:
        if item.blank and lines:
            lines.append("")
        lines.extend(_comment(c, indent) for c in item.above)
        value = item.value
        if isinstance(value, Mapping) and value.entries:
            first = value.entries[0]
            if first.above or first.blank:
                raise ValueError("comments of a sequence item belong to the item, not to its first key")
            inner: list[str] = []
            _mapping(value, indent + 2, inner)
            lines.append(pad + "- " + inner[0][indent + 2 :])
            lines.extend(inner[1:])
        elif isinstance(value, (Mapping, Sequence)):
            lines.append(pad + ("- {}" if isinstance(value, Mapping) else "- []"))
        elif isinstance(value, Paragraphs):
            lines.append(pad + "- " + quote(value.text))
        else:
            lines.append(pad + "- " + _scalar(value))


def flow(value: Any) -> str:
    """One value in flow style (``[a, b]``, ``{id: x, label: y}``), quoting what needs it."""
    if isinstance(value, BaseModel):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in _set_fields(value)) + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, str):
        return quote(value, flow=True)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return _scalar(value)


ONE_PER_LINE: set[tuple[type[BaseModel], str]] = {
    (m.Table, "columns"),
    (m.Table, "rows"),
    (m.TableSide, "columns"),
    (m.TableSide, "rows"),
    (m.Indicators, "columns"),
    (m.Signature, "lines"),
    (m.FormFields, "items"),
}
"""Lists written one item per line, each item in flow style."""

ORDER: dict[type[BaseModel], tuple[str, ...]] = {
    m.Heading: ("type", "level", "text"),
    m.ListBlock: ("type", "title", "ordered", "numbering", "numbers", "items"),
    m.Goals: ("type", "title", "numbering", "numbers", "labels", "items"),
    m.Table: (
        "type", "id", "role", "title", "number", "unit", "notes", "from_text", "row_header", "codes",
        "columns", "rows", "sides", "empty_note", "footnote",
    ),
    m.TableSide: ("id", "title", "row_header", "columns", "rows"),
}
"""Field orders that read better than the model's: short settings before long lists."""


def _set_fields(obj: BaseModel) -> list[tuple[str, Any]]:
    """The fields the scaffold set on ``obj``, in a readable order (the model's, unless ORDER says otherwise)."""
    names = ORDER.get(type(obj), tuple(type(obj).model_fields))
    return [(name, getattr(obj, name)) for name in names if name in obj.model_fields_set]


# --------------------------------------------------------------------------- placeholders and comments


TEXT = f"{PLACEHOLDER_START}请照原文录入这一段正文。）"
TEXT_BEFORE_TABLE = f"{PLACEHOLDER_START}请照原文录入这一段正文。下表据正文整理，表中每个数字都应在这段正文中出现。）"
INTRO = f"{PLACEHOLDER_START}请照原文录入开头的说明文字。）"
LIST_ITEM = f"{PLACEHOLDER_START}请照原文逐条录入，每条一项，以“- ”开头。）"
GOAL_FIELDS = {
    "goal": f"{PLACEHOLDER_START}请照原文录入这一项的绩效目标。）",
    "indicators": f"{PLACEHOLDER_START}请照原文录入这一项的绩效指标。）",
    "result": f"{PLACEHOLDER_START}请照原文录入这一项的完成情况。）",
}
TABLE_GOAL = f"{PLACEHOLDER_START}请照原文录入这张表的绩效目标。）"
TABLE_RESULT = f"{PLACEHOLDER_START}请照原文录入总体目标的完成情况。）"
SIGNED = f"{PLACEHOLDER_START}照原文填写签字栏的内容。）"
EMPTY_NOTE = f"{PLACEHOLDER_START}本年度没有数据时照原文写明，如“本部门本年度无此项支出。”；有数据时删去这一行，逐行填写。）"
PERSON = f"{PLACEHOLDER_START}姓名）"
INDICATOR_NAME = f"{PLACEHOLDER_START}三级指标名称）"
GOAL_TITLE = f"{PLACEHOLDER_START}目标名称）"
TABLE_TITLE = f"{PLACEHOLDER_START}项目名称）绩效目标表"

MARKDOWN_FIELDS: set[tuple[type[BaseModel], str]] = {
    (m.Text, "text"),
    (m.Goal, "goal"),
    (m.Goal, "indicators"),
    (m.Goal, "result"),
    (m.Indicators, "goal"),
    (m.Indicators, "result"),
    (m.GlossaryItem, "definition"),
}
"""Fields written as ``|`` blocks, as editors write paragraphs."""

FLOW_FIELDS: set[tuple[type[BaseModel], str]] = {
    (m.ListBlock, "numbers"),
    (m.Goals, "numbers"),
    (m.Indicators, "labels"),
    (m.Indicators, "execution"),
    (m.Scores, "labels"),
    (m.Goals, "labels"),
    (m.IndicatorColumn, "group"),
    (m.Column, "ratio"),
}
"""Short lists and mappings written on one line."""

FIELD_NOTES: dict[tuple[type[BaseModel], str], str] = {
    (m.Heading, "level"): "层级：2 为“一、”，3 为“（一）”，4 为“1.”，依此类推",
    (m.ListBlock, "title"): "列表标题（原文）",
    (m.ListBlock, "numbering"): "编号样式，照原文，如 1、 （1） 1.",
    (m.ListBlock, "numbers"): "各条编号（原文各条编号不统一时逐条填写，与条目一一对应）",
    (m.Table, "id"): "表格代号：本文档中有两张同类常用表时用来区分",
    (m.Table, "role"): "常用表类型：程序据此知道各行的合计关系，不要修改",
    (m.Table, "title"): "表名（原文）",
    (m.Table, "unit"): "金额单位",
    (m.Table, "notes"): "表头说明（原文），如编制部门、截止时间",
    (m.Table, "from_text"): "据正文整理：原文没有此表、数字写在上面的正文里",
    (m.Table, "row_header"): "首列栏目名称（原文）",
    (m.Table, "columns"): "栏目：id 是栏目代号，不要修改；label 照原文栏目名称",
    (m.Table, "rows"): "各行：id 是行代号，不要修改；label 照原文；values 按栏目顺序逐格填写",
    (m.Table, "empty_note"): "无数据说明",
    (m.Indicators, "title"): "表名（原文）",
    (m.Indicators, "project"): "对应预算项目",
    (m.Indicators, "funds"): "项目资金：照原文填写",
    (m.Indicators, "labels"): "原文表头与通常写法不同的栏目名称",
    (m.Indicators, "goal"): "绩效目标",
    (m.Indicators, "total"): "总得分：照原文填写",
    (m.Indicators, "rows"): "指标：各级指标、指标值和依据照上年，请与原文核对",
    (m.Indicator, "actual"): "实际完成值：照原文填写，如 6人",
    (m.Indicator, "completion"): "完成情况：完成、部分完成 或 未完成",
    (m.Indicator, "score"): "得分：照原文填写",
    (m.Indicator, "weight"): "分值",
    (m.Scores, "items"): "分项：评价内容和分值照上年，得分照原文填写",
    (m.Scores, "total"): "总得分：照原文填写，如 95.9",
    (m.Scores, "grade"): "等级：照原文填写，如 优",
    (m.ScoreItem, "score"): "得分：照原文填写",
    (m.Goals, "items"): "各项目标：目标名称照上年，目标、指标和完成情况照原文填写",
    (m.Goals, "numbering"): "编号样式，照原文",
    (m.People, "people"): "评价人员：照原文逐人填写姓名（name）、职务（title）、单位（unit）、分工（role）",
    (m.Signature, "by"): "落款单位",
    (m.Signature, "date"): "落款日期：照原文写成“年-月-日”，如 2023-03-25",
    (m.GlossaryBlock, "items"): "名词解释：照上年，请与原文逐条核对",
}
"""Comments at the end of a field's line, written at the field's first appearance."""

FIGURES_TO_FILL: set[tuple[type[BaseModel], str]] = {
    (m.Document, "score"),
    (m.Indicators, "total"),
    (m.Indicator, "weight"),
    (m.Indicator, "score"),
    (m.Indicator, "level1_score"),
    (m.Indicator, "level2_score"),
    (m.Scores, "total"),
    (m.ScoreItem, "score"),
}
"""Figures outside tables a new document leaves to fill: written 待填, so each is reported until it is filled."""

TEXTS_TO_FILL: dict[tuple[type[BaseModel], str], str] = {
    (m.Indicator, "target"): f"{PLACEHOLDER_START}照原文填写年度指标值。）",
    (m.Indicator, "actual"): f"{PLACEHOLDER_START}照原文填写实际完成值。）",
}
"""Texts of an indicator a new document leaves to fill."""

BLOCK_NOTES: dict[str, str] = {
    "heading": "标题：照原文文字和层级",
    "text": "正文段落：把“（待填：……）”换成原文文字，空一行分段",
    "list": "编号列表：每条一项，不写编号",
    "table": "表格：“待填”处照原文填数字；原文这一格空白写 ~，印“——”照写",
    "indicators": "绩效指标表",
    "scores": "评分情况",
    "goals": "分项绩效目标",
    "people": "评价人员",
    "signature": "落款：签字栏照上年，原文已填写的照今年原文填写，留空的不写",
    "fields": "表头栏目：栏目照上年，内容请与今年原文核对，原文留空的不写",
    "glossary": "名词解释",
}
"""Comment above the first block of each type."""


# --------------------------------------------------------------------------- writing a document


@dataclass(slots=True)
class _Writer:
    """Turns a document into commented YAML; each field and block type is explained once."""

    seen: set[tuple[type[BaseModel], str]] = field(default_factory=set)
    block_types: set[str] = field(default_factory=set)

    def model(self, obj: BaseModel) -> Mapping:
        """A mapping of the fields set on ``obj``, with a note at each field's first appearance."""
        out = Mapping()
        cls = type(obj)
        for name, value in _set_fields(obj):
            note = ""
            if (cls, name) in FIELD_NOTES and (cls, name) not in self.seen:
                self.seen.add((cls, name))
                note = FIELD_NOTES[(cls, name)]
            out.entries.append(Entry(name, self.value(cls, name, value), note))
        return out

    def value(self, cls: type[BaseModel], name: str, value: Any) -> Node:
        if value is None and (cls, name) in FIGURES_TO_FILL:
            return Raw(m.TO_FILL)  # a score or weight left ~ would pass the check unfilled
        if value is None and (cls, name) in TEXTS_TO_FILL:
            return quote(TEXTS_TO_FILL[(cls, name)])
        if value is None or isinstance(value, (bool, int)):
            return value
        if (cls, name) in MARKDOWN_FIELDS and isinstance(value, str):
            if value.startswith(PLACEHOLDER_START) and "\n" not in value:
                return Paragraphs(value + "\n")  # an invitation to paste paragraphs below the |
            return Paragraphs(value) if "\n" in value else value
        one_per_line = (cls, name) in ONE_PER_LINE
        if (cls, name) in FLOW_FIELDS or (one_per_line and not value):
            return Raw(flow(value))
        if one_per_line:
            return Sequence([Item(Raw(flow(v))) for v in value])
        if isinstance(value, BaseModel):
            return self.model(value)
        if isinstance(value, (list, tuple)):
            return Sequence([Item(self.item(cls, name, v)) for v in value])
        if isinstance(value, (Decimal, dt.date)):
            return Raw(flow(value))
        return str(value)

    def item(self, cls: type[BaseModel], name: str, value: Any) -> Node:
        if isinstance(value, BaseModel):
            return self.model(value)
        return self.value(cls, name, value)

    def body(self, blocks: list[BaseModel], notes: dict[int, tuple[str, ...]]) -> Sequence:
        """The body, one blank line between blocks, each block type explained at its first use."""
        items = []
        for i, block in enumerate(blocks):
            btype = str(getattr(block, "type"))
            above = notes.get(i, ())
            if btype not in self.block_types:
                self.block_types.add(btype)
                above = (BLOCK_NOTES[btype],) + above
            items.append(Item(self.model(block), above, blank=i > 0))
        return Sequence(items)


HEADER_NOTES: dict[str, str] = {
    "department": "部门：地区路径加部门代号，与部门文件对应，不要修改",
    "year": "年度",
    "scope": "公开主体：unit 为单位文档，不要修改",
    "budget_unit": "预算单位：name 照原文单位名称；slug 用于网址，发布后不要修改",
    "project": "项目：name 照原文项目名称；slug 用于网址，发布后不要修改",
    "title": "标题：照原文",
    "published": "公开日期：照原文写成“年-月-日”，如 2023-03-25；原文未注明时删去这一行",
    "approved": "批复日期：写成“年-月-日”；应在批复后 20 日内公开；不知道时删去这一行",
    "attachment": "附件标号（照上年，请核对）",
    "issuer": "制表机关（照上年，请核对）",
    "report_date": "报告日期：照原文写成“年-月-日”，如 2023-03-25",
    "budget_code": "预算编码（照上年，请核对）",
    "unit": "金额单位（照上年）",
    "source_url": "原文链接",
    "evaluation": "评价方式与机构（照上年，请核对）",
    "contact": "联系方式（照上年，请核对）",
    "score": "总得分：照原文填写，如 95.9",
    "grade": "评价等级：照原文填写，如 优秀",
}


def write_document(doc: m.Document, header: tuple[str, ...], block_notes: dict[int, tuple[str, ...]], title_note: str) -> str:
    """The YAML text of a scaffolded document, commented for the editor."""
    writer = _Writer()
    root = Mapping()
    for name, value in _set_fields(doc):
        if name == "body":
            continue
        note = HEADER_NOTES.get(name, "")
        if name == "kind":
            note = f"文档类别：{KIND_TITLES[str(value)]}"
            if doc.scope == "unit" and value in ("budget", "final-accounts"):
                note = f"文档类别：单位{'预算' if value == 'budget' else '决算'}公开（scope: unit）"
        elif name == "title":
            note = title_note
        if isinstance(value, BaseModel):
            root.entries.append(Entry(name, writer.model(value), note))
        else:
            root.entries.append(Entry(name, writer.value(m.Document, name, value), note))
    root.entries.append(
        Entry(
            "body",
            writer.body(list(doc.body), block_notes),
            "正文：按原文顺序逐块录入",
            above=(
                "已确认的差异（acknowledgements）和修改记录（changes）不照搬上年：",
                "核对后原文数字确有对不上的，再按 docs/content-format.md 的“已确认的差异”一节补写。",
            ),
            blank=True,
        )
    )
    return render(root, header)


# --------------------------------------------------------------------------- finding the department and last year's document


def find_department(content: Content, wanted: str) -> Loaded:
    """The department named by its id, a unique ending of its id (such as its slug), or its name."""
    if wanted in content.departments:
        return content.departments[wanted]
    tail = wanted.strip("/")
    candidates = [
        key
        for key, loaded in content.departments.items()
        if key.endswith("/" + tail) or wanted in (loaded.record.name, loaded.record.short_name)
    ]
    if len(candidates) == 1:
        return content.departments[candidates[0]]
    if candidates:
        listed = "\n".join(f"  {key}（{content.departments[key].record.name}）" for key in sorted(candidates))
        raise PubgenError(
            f"“{wanted}”对应 {len(candidates)} 个部门，请用 --department 写出完整的部门代号（地区路径加部门代号）：\n{listed}"
        )
    scores = {key: _likeness(wanted, key, loaded.record) for key, loaded in content.departments.items()}
    close = [key for key in sorted(scores, key=lambda k: -scores[k])[:3] if scores[key] >= 0.6]
    hint = f"您是否想写：{'、'.join(close)}？" if close else ""
    raise PubgenError(
        f"找不到部门“{wanted}”。{hint}部门是新的，请先建立 content/departments/<地区路径>/<部门代号>.yml（见 docs/content-format.md）。"
    )


def _likeness(wanted: str, key: str, dept: m.Department) -> float:
    """How close ``wanted`` comes to a department's id, slug or name (0 to 1)."""
    return max(difflib.SequenceMatcher(None, wanted, text).ratio() for text in (key, dept.slug, dept.name))


@dataclass(frozen=True, slots=True)
class Wanted:
    """Which document of a department, year and kind: the department's own, one unit's, or one project's."""

    unit: str | None = None
    """The budget unit's slug (a unit document)."""
    project: str | None = None
    """The project's slug (a project self-evaluation)."""

    def same(self, doc: m.Document) -> bool:
        """Is ``doc`` (of the right department and kind) this one's kind of document: same unit, same project, complete?"""
        if doc.covers:
            return False  # a partial disclosure is not the model for a whole one
        unit = doc.budget_unit.slug if doc.scope == "unit" and doc.budget_unit is not None else None
        project = doc.project.slug if doc.project is not None else None
        return unit == self.unit and project == self.project

    def alike(self, doc: m.Document) -> bool:
        """Is ``doc`` laid out like this one: another unit's document for a unit, another project's form for a project."""
        if doc.covers:
            return False
        if self.unit is not None:
            return doc.scope == "unit"
        return doc.scope == "department"

    @property
    def suffix(self) -> str:
        """What the usual file name adds after <year>-<kind>."""
        return f"-unit-{self.unit}" if self.unit else (f"-{self.project}" if self.project else "")


def find_previous(content: Content, department: str, kind: str, year: int, wanted: Wanted = Wanted()) -> Loaded | None:
    """The department's latest document of ``kind`` before ``year`` for the same unit or project; refuses if that file cannot be read."""
    # A document whose unit is still 待填 is read to be checked, but gives no layout: in which unit its tables are, nobody knows.
    readable = [d for d in content.documents if not m.units_to_fill(d.record)]
    earlier = [
        d for d in readable
        if d.record.department == department and d.record.kind == kind and d.record.year < year and wanted.same(d.record)
    ]
    best = max(earlier, key=lambda d: d.record.year, default=None)
    folder = content.root / "documents" / department
    floor = best.record.year if best else 0
    read = {d.source.path.resolve() for d in readable}
    for path in sorted(folder.glob(f"*-{kind}{wanted.suffix}.y*ml")) if folder.is_dir() else []:
        match = re.fullmatch(rf"(\d{{4}})-{re.escape(kind + wanted.suffix)}\.ya?ml", path.name)
        if match and floor < int(match[1]) < year and path.resolve() not in read:
            to_fill = any(d.source.path.resolve() == path.resolve() for d in content.documents)
            raise PubgenError(
                f"{_name(content, path)} {'的金额单位还写着“待填”' if to_fill else '有错误，读不出来'}，无法照它新建："
                "请先运行 pubgen check 改正这个文件。"
            )
    return best


def find_layout(content: Content, department: str, kind: str, year: int, wanted: Wanted) -> Loaded | None:
    """For a unit or project with no earlier document: the department's latest of ``kind`` laid out alike (up to ``year``).

    Another unit's document, else the department's own, for a unit; another project's form for a project.
    """
    if wanted.unit is None and wanted.project is None:
        return None
    mine = [
        d for d in content.documents
        if d.record.department == department and d.record.kind == kind and d.record.year <= year and not m.units_to_fill(d.record)
    ]
    for fits in (wanted.alike, lambda doc: not doc.covers):
        found = [d for d in mine if fits(d.record)]
        if found:
            # A filled document before a draft pubgen new made and nobody has filled yet (still 待填).
            return max(found, key=lambda d: (not _still_to_fill(d.source.text), d.record.year, d.source.name))
    return None


def _still_to_fill(text: str) -> bool:
    """Whether a document still has a figure or text written 待填: in its values, not in the comments pubgen new wrote
    above them (“数字都写成“待填””), which a document filled since keeps. Read as a draft, a department's filled 2022
    budget gave way to its 2021 one as the layout of a unit's 2022 budget."""
    for line in text.splitlines():
        if m.TO_FILL not in line or line.lstrip().startswith("#"):
            continue
        if m.TO_FILL in line.split("  # ", 1)[0]:
            return True
    return False


def _name(content: Content, path: Path) -> str:
    try:
        return path.resolve().relative_to(content.root.parent.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --------------------------------------------------------------------------- from last year's document


_YEAR = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?=\s*年|\s*[-—–～~至到]\s*(?:19|20)\d{2}\s*年|-\d{1,2}-\d{1,2})"
)
NEAR = 2
"""Only years this close to the previous document's year are moved on: 上年, 本年 and 下年 in its words, not history."""


def shift_years(text: str, by: int, near: int) -> str:
    """Move years written as “2021年”, “2020-2021年” or “2021-12-31” on by ``by``, if within NEAR years of ``near``."""
    if by == 0:
        return text

    def moved(match: re.Match[str]) -> str:
        year = int(match[1])
        return str(year + by) if abs(year - near) <= NEAR else match[1]

    return _YEAR.sub(moved, text)


TEXT_COLUMNS_TO_FILL = ("result", "note")
"""Text columns that hold last year's narrative; other text columns (unit names, nature) are structure."""


def _copy_block(block: BaseModel, by: int, near: int, before_text_table: bool, rename: tuple[str, str] | None = None) -> BaseModel:
    """A block of last year's document with its structure kept and its figures and narrative left to fill.

    ``rename`` (old, new): the body the layout was another's (a department's or another unit's) is named as the new one.
    """

    def s(text: str) -> str:
        text = shift_years(text, by, near)
        return text.replace(rename[0], rename[1]) if rename and rename[0] else text

    if isinstance(block, m.Heading):
        return m.Heading.model_validate(_kept(block, ("type", "level")) | {"text": s(block.text)})
    if isinstance(block, m.Text):
        return m.Text(type="text", text=TEXT_BEFORE_TABLE if before_text_table else TEXT)
    if isinstance(block, m.ListBlock):
        data = _kept(block, ("type", "ordered", "numbering", "numbers")) | {"items": [LIST_ITEM]}
        if block.title is not None:
            data["title"] = s(block.title)
        return m.ListBlock.model_validate(data)
    if isinstance(block, m.Table):
        return _copy_table(block, s)
    if isinstance(block, m.Indicators):
        return _copy_indicators(block, s)
    if isinstance(block, m.Scores):
        weights = _top_weights_fit(block)
        items = [
            m.ScoreItem.model_validate(
                _kept(item, ("parent", "bonus", "deduction"))
                | {"name": s(item.name), "score": None}
                | ({"weight": item.weight} if weights and item.weight is not None else {})
            )
            for item in block.items
        ]
        data = _kept(block, ("type", "id", "title", "from_text", "points", "labels")) | {"total": None, "grade": None}
        if block.total_weight is not None and weights:
            data["total_weight"] = block.total_weight
        if items:
            data["items"] = items
        return m.Scores.model_validate(data)
    if isinstance(block, m.Goals):
        goals = [
            m.Goal.model_validate(
                ({"title": s(g.title)} if g.title is not None else {})
                | {key: text for key, text in GOAL_FIELDS.items() if getattr(g, key) is not None}
            )
            for g in block.items
        ]
        data = _kept(block, ("type", "numbering", "numbers", "labels")) | {"items": goals}
        if block.title is not None:
            data["title"] = s(block.title)
        return m.Goals.model_validate(data)
    if isinstance(block, m.People):
        return m.People.model_validate(_kept(block, ("type", "title")) | {"people": [{"name": PERSON}]})
    if isinstance(block, m.Signature):
        lines = [
            m.SignLine.model_validate({"label": s(line.label)} | ({"value": SIGNED} if line.value is not None else {}))
            for line in block.lines
        ]
        data = _kept(block, ("type", "by", "role", "seal", "blank_date")) | ({"lines": lines} if lines else {})
        return m.Signature.model_validate(data if block.blank_date else data | {"date": None})
    if isinstance(block, m.FormFields):
        return block
    if isinstance(block, m.GlossaryBlock):
        return block
    raise TypeError(f"unknown block {type(block).__name__}")  # pragma: no cover - every block type is handled


def _kept(obj: BaseModel, names: tuple[str, ...]) -> dict[str, Any]:
    """The fields among ``names`` that last year's document wrote, as written."""
    return {name: getattr(obj, name) for name in names if name in obj.model_fields_set}


def _copy_rows(grid: m.Grid, s: Callable[[str], str]) -> list[m.Row]:
    """A grid's rows with their place in the table kept (id, code, parent …) and every figure to fill."""
    specs = column_specs(grid)
    rows = []
    cells = grid.cells
    for ri, row in enumerate(grid.rows):
        values: list[str | None] = []
        for ci, spec in enumerate(specs):
            cell = cells[ri][ci] if ri < len(cells) and ci < len(cells[ri]) else None
            if spec.type == "text" and spec.id not in TEXT_COLUMNS_TO_FILL:
                values.append(cell.text if cell is not None and cell.state == "text" else (row.values[ci] if ci < len(row.values) else None))
            elif cell is not None and cell.state == "na":
                values.append(cell.text)  # “——”: this item does not apply, a part of the form
            else:
                values.append(m.TO_FILL)
        rows.append(m.Row.model_validate(_kept(row, ("id", "code", "parent", "breakdown", "children", "type", "unit")) | {"label": s(row.label), "values": values}))
    return rows


def _copy_columns(grid: m.Grid, s: Callable[[str], str]) -> list[m.Column]:
    return [
        col.model_copy(update={"label": s(col.label)} | ({"group": [s(g) for g in col.group]} if col.group else {}))
        for col in grid.columns
    ]


def _copy_table(table: m.Table, s: Callable[[str], str]) -> m.Table:
    data = _kept(table, ("type", "id", "role", "number", "unit", "from_text", "row_header", "codes"))
    if table.columns or "columns" in table.model_fields_set:
        data["columns"] = _copy_columns(table, s)
    if table.rows or "rows" in table.model_fields_set:
        data["rows"] = _copy_rows(table, s)
    if table.sides:
        data["sides"] = [
            m.TableSide.model_validate(
                _kept(side, ("id", "row_header"))
                | ({"title": s(side.title)} if side.title is not None else {})
                | {"columns": _copy_columns(side, s), "rows": _copy_rows(side, s)}
            )
            for side in table.sides
        ]
    if table.title is not None:
        data["title"] = s(table.title)
    if table.notes:
        data["notes"] = [s(n) for n in table.notes]
    if table.empty_note is not None:
        data["empty_note"] = EMPTY_NOTE
    if table.footnote is not None:
        data["footnote"] = s(table.footnote)
    return m.Table.model_validate(data)


def _copy_indicators(block: m.Indicators, s: Callable[[str], str]) -> m.Indicators:
    weights_fit = _indicator_weights_fit(block)
    rows = []
    for row in block.rows:
        data: dict[str, Any] = {}
        for name in ("level1", "level2", "name", "description", "target", "operator", "target_value", "unit", "basis", "scoring_rule"):
            value = getattr(row, name)
            if name in row.model_fields_set and value is not None:
                data[name] = s(value) if isinstance(value, str) else value
        if row.mark("operator"):
            data["operator"] = row.mark("operator")  # 定性, as the form's 指标性质 prints it
        for name in ("level1_points", "level2_points"):
            _copy_weight(row, name, weights_fit, data)
        for name in ("level1_score", "level2_score"):
            if _written(row, name):
                data[name] = None
        for name in ("actual", "completion"):
            if getattr(row, name) is not None:
                data[name] = None
        _copy_weight(row, "weight", weights_fit, data)
        if row.mark("score"):
            data["score"] = row.mark("score")
        elif _written(row, "score"):
            data["score"] = None
        rows.append(m.Indicator.model_validate(data))
    out = _kept(block, ("type", "id", "bonus", "points", "execution", "labels", "columns")) | {"title": s(block.title), "rows": rows}
    if block.total_weight is not None and weights_fit:
        out["total_weight"] = block.total_weight
    elif _written(block, "total_weight") and block.total_weight is None:
        out["total_weight"] = None
    if block.project is not None:
        out["project"] = s(block.project)
    if block.funds is not None:
        out["funds"] = None
    if block.goal is not None:
        out["goal"] = TABLE_GOAL
    if block.result is not None:
        out["result"] = TABLE_RESULT
    if _written(block, "total"):
        out["total"] = None
    if _written(block, "grade"):
        out["grade"] = None
    return m.Indicators.model_validate(out)


def _copy_weight(row: m.Indicator, name: str, weights_fit: bool, data: dict[str, Any]) -> None:
    """Last year's points when they add up; a place to fill when the layout still has it to fill (待填)."""
    if getattr(row, name) is not None and weights_fit:
        data[name] = getattr(row, name)
    elif name == "weight" and row.mark(name):
        data[name] = row.mark(name)  # “/” as printed: the line is not scored
    elif getattr(row, name) is None and name in row.model_fields_set:
        data[name] = None


def _written(obj: BaseModel, name: str) -> bool:
    """Did the document write this field: a figure, or 待填 in a draft pubgen new made (read as empty, still a slot to fill)."""
    return getattr(obj, name) is not None or name in obj.model_fields_set


@exactly
def _indicator_weights_fit(block: m.Indicators) -> bool:
    """Do last year's weights add up as the check requires? If not (acknowledged there), they are not copied."""
    weights = [r.weight for r in block.rows if r.weight is not None]
    if len(weights) != len(block.rows):
        return True
    total = sum(weights, Decimal(0))
    if block.points is not None:
        return total == block.points
    if block.execution is not None:
        return total <= Decimal(100)  # the rest is the execution line's, in its table
    return total in (Decimal(100), Decimal(100) + (block.bonus or Decimal(0)))


@exactly
def _top_weights_fit(block: m.Scores) -> bool:
    """Do the weights of the top score items add up to the block's points (100 unless it says), as the check requires?"""
    top = [i.weight for i in block.items if i.parent is None and not (i.bonus or i.deduction)]
    if not top or any(w is None for w in top):
        return True
    return sum((w for w in top if w is not None), Decimal(0)) == (block.points if block.points is not None else Decimal(100))


def from_previous(
    previous: m.Document, year: int, about: dict[str, Any] | None = None, rename: tuple[str, str] | None = None
) -> tuple[m.Document, dict[int, tuple[str, ...]]]:
    """This year's document laid out like ``previous``, with a comment above each block that needs one.

    ``about`` replaces whom the document is about (``scope``, ``budget_unit``, ``project``)
    when the layout is another unit's or project's; else they are last year's.
    """
    by = year - previous.year
    blocks: list[BaseModel] = []
    notes: dict[int, tuple[str, ...]] = {}
    body = list(previous.body)
    for i, block in enumerate(body):
        before = _text_table_follows(body, i)
        copied = _copy_block(block, by, previous.year, before, rename)
        if isinstance(block, m.Text) and i == 0:
            copied = m.Text(type="text", text=INTRO)
        notes_here = _notes_for(block, copied)
        if notes_here:
            notes[len(blocks)] = notes_here
        blocks.append(copied)
    data: dict[str, Any] = {
        "department": previous.department,
        "year": year,
        "kind": previous.kind,
        "title": shift_years(previous.title, by, previous.year).replace(*rename) if rename and rename[0] else shift_years(previous.title, by, previous.year),
        "published": None,
    }
    if about is None:
        about = {name: getattr(previous, name) for name in ("scope", "budget_unit", "project") if name in previous.model_fields_set}
    data |= about
    if previous.kind not in ("self-evaluation", "project-evaluation"):
        data["approved"] = None
    for name in ("attachment", "issuer", "budget_code", "unit", "evaluation", "contact"):
        if getattr(previous, name) is not None:
            data[name] = getattr(previous, name)
    if previous.report_date is not None:
        data["report_date"] = None
    if previous.kind == "self-evaluation" or _written(previous, "score"):
        data["score"] = None
        data["grade"] = None
    project = data.get("project")
    if isinstance(project, m.Project):
        # The form's 项目名称 line names this project, not the one whose form was the layout.
        blocks = [_named_for(block, project.name) if isinstance(block, m.FormFields) else block for block in blocks]
    data["body"] = blocks
    return m.Document.model_validate(data), notes


PROJECT_NAME_LABELS = ("项目名称",)
"""The labels of a form's header line that names its project."""


def field_label(label: str) -> str:
    """A header line's label without its spaces and colon: “项 目 名 称：” is 项目名称."""
    return re.sub(r"[\s:：]", "", label)


def _named_for(block: m.FormFields, name: str) -> m.FormFields:
    items = [
        item.model_copy(update={"value": name}) if field_label(item.label) in PROJECT_NAME_LABELS and item.value is not None else item
        for item in block.items
    ]
    return block.model_copy(update={"items": items})


def _text_table_follows(body: list[Any], i: int) -> bool:
    """Is a table compiled from the text (from_text) next after block ``i``, in the same section?"""
    for block in body[i + 1 :]:
        if isinstance(block, m.Heading):
            return False
        if isinstance(block, m.Table):
            return block.from_text
    return False


def _notes_for(old: BaseModel, new: BaseModel) -> tuple[str, ...]:
    """What the editor needs to know about one copied block."""
    if isinstance(old, m.Table):
        name = table_name(new) if isinstance(new, m.Table) else table_name(old)
        to_fill = isinstance(new, m.Table) and any(m.TO_FILL in row.values for grid in (new, *new.sides) for row in grid.rows)
        lines = [f"{name}：栏目和行照上年，{'数字都是“待填”' if to_fill else '请与原文核对'}"]
        if any(c.state == "na" for grid in (old, *old.sides) for row in grid.cells for c in row):
            lines.append("上年印“——”（不适用）的格子照上年保留，请与原文核对")
        return tuple(lines)
    if isinstance(old, m.Indicators):
        dropped = isinstance(new, m.Indicators) and any(r.weight is not None for r in old.rows) and not any(r.weight is not None for r in new.rows)
        return ("上年各指标分值之和不是 100，未照搬分值：请照原文填写 weight（分值）",) if dropped else ()
    if isinstance(old, m.Scores) and isinstance(new, m.Scores):
        dropped = any(i.weight is not None for i in old.items) and not any(i.weight is not None for i in new.items)
        return ("上年各项分值之和不是 100，未照搬分值：请照原文填写 weight（分值）",) if dropped else ()
    if isinstance(old, m.GlossaryBlock):
        return ("名词解释照搬上年，请与今年原文逐条核对",)
    return ()


# --------------------------------------------------------------------------- the template, when there is no previous document


ROW_LABELS: dict[str, tuple[tuple[str, str], ...]] = {
    "income": (
        ("total", "收入合计"),
        ("general-budget", "一般公共预算拨款收入"),
        ("fund", "政府性基金预算拨款收入"),
        ("special-account", "财政专户管理资金收入"),
        ("operating", "事业单位经营收入"),
        ("other", "其他收入"),
        ("carryover", "上年结转"),
    ),
    "expenditure": (
        ("total", "支出合计"),
        ("basic", "基本支出"),
        ("personnel", "人员经费"),
        ("public", "日常公用经费"),
        ("project", "项目支出"),
    ),
    "three-public": (
        ("total", "“三公”经费合计"),
        ("overseas", "因公出国（境）费"),
        ("vehicle", "公务用车购置及运行维护费"),
        ("vehicle-purchase", "公务用车购置费"),
        ("vehicle-operation", "公务用车运行维护费"),
        ("reception", "公务接待费"),
    ),
    "operating-costs": (("total", "机关运行经费"),),
    "procurement": (
        ("total", "政府采购合计"),
        ("goods", "货物"),
        ("works", "工程"),
        ("services", "服务"),
    ),
    "assets": (
        ("total", "资产总额"),
        ("buildings", "1、房屋（平方米）"),
        ("office-buildings", "其中：办公用房（平方米）"),
        ("vehicles", "2、车辆（台、辆）"),
        ("equipment", "3、单价在20万元以上设备"),
        ("other", "4、其他固定资产"),
    ),
    "budget-summary": (("income", "收入"), ("expenditure", "支出")),
}
"""The rows of each well-known table in a template, with their usual printed labels."""

MONEY_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "budget": (("budget", "预算数"),),
    "final-accounts": (("budget", "预算数"), ("actual", "决算数"), ("execution-rate", "执行率")),
    "self-evaluation": (("initial-budget", "年初预算数"), ("actual", "决算数")),
}
"""The money columns of a template's tables, by kind."""

_PHASE_WORD = {"budget": "预算", "final-accounts": "决算", "self-evaluation": "决算"}


def _template_table(role: str, kind: str, year: int, dept: m.Department, title: str) -> m.Table:
    """A well-known table with its usual rows and the kind's columns, every figure to fill."""
    if role == "assets":
        columns = [{"id": "count", "label": "数量"}, {"id": "value", "label": "价值（金额单位：万元）"}]
        as_of = year - 1 if kind == "budget" else year
        notes = [f"编制部门：{dept.name}", f"截止时间：{as_of}年12月31日"]
    else:
        columns = [
            {"id": cid, "label": label} | ({"unit": "%"} if cid == "execution-rate" else {})
            for cid, label in MONEY_COLUMNS[kind]
        ]
        notes = []
    rows = []
    for rid, label in ROW_LABELS[role]:
        values: list[str | None] = [m.TO_FILL] * len(columns)
        if role == "assets" and rid == "total":
            values[0] = "——"  # a total of square metres and vehicles does not apply
        rows.append({"id": rid, "label": label, "values": values})
    data: dict[str, Any] = {"type": "table", "role": role, "title": title}
    if notes:
        data["notes"] = notes
    data |= {"columns": columns, "rows": rows}
    return m.Table.model_validate(data)


def _units_table(dept: m.Department) -> m.Table:
    """The units table, prefilled from the department file."""
    values = [getattr(dept, name) or m.TO_FILL for name in ("nature", "rank", "funding")]
    return m.Table.model_validate(
        {
            "type": "table",
            "role": "units",
            "title": "部门机构设置情况",
            "row_header": "单位名称",
            "columns": [
                {"id": "nature", "label": "单位性质"},
                {"id": "rank", "label": "单位规格"},
                {"id": "funding", "label": "经费保障形式"},
            ],
            "rows": [{"label": dept.name, "values": values}],
        }
    )


def _units_text(dept: m.Department) -> str:
    known = []
    if dept.divisions:
        known.append("内设机构：" + "、".join(dept.divisions))
    if dept.subordinates:
        known.append("下属单位：" + "、".join(dept.subordinates))
    extra = f"部门文件记载的{'；'.join(known)}。" if known else ""
    return f"{PLACEHOLDER_START}请照原文录入机构设置情况。{extra}）"


class _Template:
    """Builds a template body block by block, remembering the comment above each."""

    def __init__(self) -> None:
        self.blocks: list[BaseModel] = []
        self.notes: dict[int, tuple[str, ...]] = {}

    def add(self, block: BaseModel, *notes: str) -> None:
        if notes:
            self.notes[len(self.blocks)] = notes
        self.blocks.append(block)

    def heading(self, text: str, level: int = 2) -> None:
        self.add(m.Heading(type="heading", text=text, level=level))

    def text(self, text: str = TEXT) -> None:
        self.add(m.Text(type="text", text=text))

    def table(self, table: m.Table) -> None:
        name = table.title or ""
        self.add(
            table,
            f"{name}：行和栏目是常用写法，请照原文改写表名、栏目名称和各行名称，原文没有的行删去",
            "原文没有此表、数字写在正文里时，加一行 from_text: true（据正文整理）",
        )


def template(
    kind: str, dept_id: str, dept: m.Department, year: int, about: dict[str, Any] | None = None
) -> tuple[m.Document, dict[int, tuple[str, ...]]]:
    """A document of every section ``kind`` requires, in the usual order, its figures and text to fill.

    ``about``: whom it is about (``scope`` and ``budget_unit`` of a unit document, ``project``).
    """
    about = about or {}
    if kind == "project-evaluation":
        return _project_evaluation(dept_id, dept, year, about["project"])
    t = _Template()
    word = _PHASE_WORD[kind]
    t.text(INTRO)
    if kind == "self-evaluation":
        _self_evaluation(t, dept, year)
    else:
        t.heading("一、部门职责及机构设置情况")
        t.add(m.ListBlock(type="list", title="部门职责：", items=[LIST_ITEM]))
        t.text(_units_text(dept))
        t.add(_units_table(dept), "机构设置：单位名称和性质、规格、经费保障形式取自部门文件，请与原文核对；下属单位各占一行")
        if kind == "budget":
            t.heading("二、部门预算安排的总体情况")
            t.heading("（一）收入预算", 3)
        else:
            t.heading("二、收入支出决算总体情况说明")
            t.text()
            t.heading("三、收入决算情况说明")
        t.text()
        t.table(_template_table("income", kind, year, dept, f"{year}年收入{word}"))
        if kind == "budget":
            t.heading("（二）支出预算", 3)
        else:
            t.heading("四、支出决算情况说明")
        t.text()
        t.table(_template_table("expenditure", kind, year, dept, f"{year}年支出{word}"))
        sections = (
            (("三、机关运行经费安排情况", "五、机关运行经费支出情况说明"), "operating-costs", f"{year}年机关运行经费{word}"),
            (
                ("四、财政拨款“三公”经费预算情况及增减变化原因", "六、财政拨款“三公”经费支出决算情况说明"),
                "three-public",
                f"{year}年财政拨款“三公”经费{word}",
            ),
        )
        for (budget_heading, final_heading), role, title in sections:
            t.heading(budget_heading if kind == "budget" else final_heading)
            t.text()
            t.table(_template_table(role, kind, year, dept, title))
        if kind == "budget":
            t.heading("五、预算绩效信息")
            t.heading("（一）部门整体绩效目标", 3)
            t.text()
            t.heading("（二）分项绩效目标", 3)
            _goals(t, with_result=False)
            t.heading("（三）项目绩效目标", 3)
            _indicators(t)
        t.heading("六、政府采购预算情况" if kind == "budget" else "七、政府采购支出情况说明")
        t.text()
        t.table(_template_table("procurement", kind, year, dept, f"{year}年政府采购{word}"))
        t.heading("七、国有资产信息" if kind == "budget" else "八、国有资产占用情况说明")
        t.text()
        t.table(_template_table("assets", kind, year, dept, "部门固定资产占用情况表"))
        if kind == "final-accounts":
            t.heading("九、预算绩效管理情况说明")
            t.text()
        t.heading("八、名词解释" if kind == "budget" else "十、名词解释")
        t.add(
            m.Text(type="text", text=f"{PLACEHOLDER_START}请照原文录入名词解释。）"),
            "名词解释也可以逐条写成 glossary 块：",
            "  - type: glossary",
            "    items:",
            "      - term: 基本支出",
            "        definition: 指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
        )
        if kind == "budget":
            t.heading("九、其他需要说明的事项")
            t.text()
    data: dict[str, Any] = {
        "department": dept_id,
        "year": year,
        "kind": kind,
        **about,
        "title": default_title(kind, dept.name, year, about.get("budget_unit")),
        "published": None,
    }
    if kind == "self-evaluation":
        data |= {"score": None, "grade": None}
    else:
        data["approved"] = None
    data["body"] = t.blocks
    return m.Document.model_validate(data), t.notes


def default_title(kind: str, name: str, year: int, unit: m.BudgetUnit | None = None) -> str:
    """The usual title of a document of ``kind``, e.g. 平乡县信访局2022年部门预算信息公开情况说明 (单位预算 for a unit's)."""
    if unit is not None:
        return f"{unit.name}{year}年单位{'预算' if kind == 'budget' else '决算'}信息公开情况说明"
    return {
        "budget": f"{name}{year}年部门预算信息公开情况说明",
        "final-accounts": f"{name}{year}年部门决算信息公开情况说明",
        "self-evaluation": f"{name}{year}年度部门整体支出绩效自评报告",
    }[kind]


def unit_title(title: str, department: str, unit: str) -> str:
    """A department document's title made a unit's: 部门预算 (决算) as 单位预算 (决算), and the unit's name where the
    department's is, unless it is there already (平乡县信访局（本级）)."""
    title = title.replace("部门预算", "单位预算").replace("部门决算", "单位决算")
    if unit not in title and department in title:
        title = title.replace(department, unit, 1)
    return title


def _goals(t: _Template, with_result: bool) -> None:
    fields = {k: v for k, v in GOAL_FIELDS.items() if with_result or k != "result"}
    t.add(
        m.Goals.model_validate({"type": "goals", "items": [{"title": GOAL_TITLE} | fields]}),
        "每项目标写一项（以“- title:”开头），照这一项的格式往下补",
    )


def _indicators(t: _Template) -> None:
    rows = [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("产出指标", "时效指标"),
        ("产出指标", "成本指标"),
        ("效益指标", "社会效益指标"),
        ("效益指标", "可持续影响指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]
    t.add(
        m.Indicators.model_validate(
            {
                "type": "indicators",
                "title": TABLE_TITLE,
                "goal": TABLE_GOAL,
                "rows": [
                    {"level1": l1, "level2": l2, "name": INDICATOR_NAME, "description": None, "target": None, "basis": None}
                    for l1, l2 in rows
                ],
            }
        ),
        "一个项目一张表；各级指标是常用写法，请照原文改写：name 三级指标，description 指标描述，target 指标值（如 ≥6人），basis 指标值确定依据",
        "原文没有的指标整项删去，多出的照格式补上",
    )


def _self_evaluation(t: _Template, dept: m.Department, year: int) -> None:
    t.heading("一、部门基本情况")
    t.heading("（一）部门概况", 3)
    t.heading("1. 部门职责", 4)
    t.add(m.ListBlock(type="list", items=[LIST_ITEM]))
    t.heading("2. 部门机构设置情况", 4)
    t.text(_units_text(dept))
    t.add(_units_table(dept), "机构设置：单位名称和性质、规格、经费保障形式取自部门文件，请与原文核对；下属单位各占一行")
    t.heading("3. 部门人员情况", 4)
    t.text()
    t.heading("4. 部门固定资产占用情况", 4)
    t.table(_template_table("assets", "self-evaluation", year, dept, "部门固定资产占用情况表"))
    t.heading("（二）部门收支预决算情况", 3)
    t.text()
    t.table(_template_table("budget-summary", "self-evaluation", year, dept, "部门收支预决算情况"))
    t.heading("（三）部门整体支出绩效目标、指标", 3)
    t.heading("1. 总体绩效目标", 4)
    t.text()
    t.heading("2. 分项绩效目标", 4)
    _goals(t, with_result=True)
    t.heading("二、自评工作开展情况")
    t.heading("（一）自评的组织工作", 3)
    t.text()
    t.heading("（二）自评的方法和过程", 3)
    t.text()
    t.heading("三、部门整体支出绩效目标实现情况及指标分析")
    t.heading("（一）总体绩效目标实现情况", 3)
    t.text()
    t.heading("（二）分项绩效目标实现情况及指标分析", 3)
    t.text()
    t.heading("四、评价结论和评价等级")
    t.text()
    t.add(
        m.Scores.model_validate({"type": "scores", "total": None, "grade": None}),
        "评分情况：照原文填写总得分（total）和等级（grade），与文件开头的 score、grade 一致",
        "原文列出分项得分时，在 items 下逐项写 name（评价内容）、weight（分值）、score（得分）",
    )
    t.heading("五、存在的问题及改进措施")
    t.heading("（一）存在的主要问题", 3)
    t.text()
    t.heading("（二）改进措施", 3)
    t.text()
    t.add(m.Signature(type="signature", by=dept.name, date=None))


FUNDS_ROWS: tuple[tuple[str, str], ...] = (
    ("total", "年度资金总额"),
    ("fiscal", "其中：当年财政拨款"),
    ("carryover", "上年结转资金"),
    ("other", "其他资金"),
)
"""The money lines of the national 项目支出绩效自评表."""


def _project_evaluation(
    dept_id: str, dept: m.Department, year: int, project: m.Project
) -> tuple[m.Document, dict[int, tuple[str, ...]]]:
    """The national 项目支出绩效自评表: the project's money with its 预算执行率 (10 分), then its indicators (90 分)."""
    t = _Template()
    t.add(
        m.FormFields.model_validate(
            {
                "type": "fields",
                "items": [
                    {"label": "项目名称", "value": project.name},
                    {"label": "主管部门", "value": dept.name},
                    {"label": "实施单位", "value": f"{PLACEHOLDER_START}实施单位）"},
                ],
            }
        ),
        "项目名称和主管部门取自命令和部门文件，请与原文核对",
    )
    funds = m.Table.model_validate(
        {
            "type": "table",
            "id": "funds",
            "title": "项目资金",
            "row_header": "项目资金（万元）",
            "columns": [
                {"id": "initial-budget", "label": "年初预算数"},
                {"id": "adjusted-budget", "label": "全年预算数"},
                {"id": "actual", "label": "全年执行数"},
                {"id": "weight", "label": "分值", "type": "number", "additive": False},
                {"id": "execution-rate", "label": "执行率", "unit": "%"},
                {"id": "score", "label": "得分", "type": "number", "additive": False},
            ],
            "rows": [
                {"id": rid, "label": label}
                | ({} if rid == "total" else {"parent": "total"})
                | {"values": [m.TO_FILL] * 3 + ([m.TO_FILL] * 3 if rid == "total" else ["——", m.TO_FILL, "——"])}
                for rid, label in FUNDS_ROWS
            ],
        }
    )
    t.add(
        funds,
        "项目资金：分值、执行率、得分只在“年度资金总额”一行计分（通常 10 分），其他行照原文印“——”的照写",
        "金额单位不是万元时，在文件开头加一行 unit: 元（照原文的单位）",
    )
    rows = [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("产出指标", "时效指标"),
        ("产出指标", "成本指标"),
        ("效益指标", "社会效益指标"),
        ("满意度指标", "服务对象满意度指标"),
    ]
    t.add(
        m.Indicators.model_validate(
            {
                "type": "indicators",
                "title": "绩效指标",
                "goal": TABLE_GOAL,
                "result": TABLE_RESULT,
                "labels": {"goal": "预期目标", "result": "实际完成情况", "total": "总分"},
                "points": 90,
                "execution": {"table": "funds"},
                "rows": [
                    {"level1": l1, "level2": l2, "name": INDICATOR_NAME, "target": None, "actual": None, "weight": None, "score": None}
                    for l1, l2 in rows
                ],
                "total_weight": 100,
                "total": None,
                "grade": None,
            }
        ),
        "绩效指标：指标共 90 分（points），预算执行率的 10 分在上面的项目资金表计分；各级指标是常用写法，请照原文改写",
        "name 三级指标，target 年度指标值（如 ≥6人），actual 实际完成值，weight 分值，score 得分，reason 偏差原因分析及改进措施",
        "原文没有的指标整项删去，多出的照格式补上",
    )
    t.add(
        m.Signature.model_validate(
            {"type": "signature", "lines": [{"label": "项目负责人（签字）"}, {"label": "单位负责人（签字）"}], "seal": "（签章）", "blank_date": True}
        )
    )
    data: dict[str, Any] = {
        "department": dept_id,
        "year": year,
        "kind": "project-evaluation",
        "project": project,
        "title": f"{year}年度项目支出绩效自评表",
        "report_date": None,
        "published": None,
        "score": None,
        "body": t.blocks,
    }
    return m.Document.model_validate(data), t.notes


# --------------------------------------------------------------------------- creating the file


@dataclass(slots=True)
class Created:
    """What ``pubgen new`` wrote, and what ``pubgen check`` now says about it."""

    path: Path
    name: str
    """The file as named in messages."""
    kind: str
    title: str
    previous: str | None
    """Last year's file of the same document it was laid out from, if any."""
    layout: str | None
    """Without one: another unit's or project's file (or the department's own) it was laid out from."""
    figures: int
    """Figures written as 待填."""
    texts: int
    """Texts written as （待填：……）."""
    problems: list[Problem]
    """What the check reports about the new file besides the figures to fill."""

    def summary(self) -> str:
        """What was created and the next steps, in the editor's words."""
        lines = [f"已新建 {self.name}", f"  {self.title}"]
        if self.previous:
            lines.append(f"  照上年文档 {self.previous} 的标题、表格和指标结构生成，没有照搬上年的数字和正文。")
        elif self.layout:
            lines.append(f"  还没有更早的同一份文档，照本部门文档 {self.layout} 的标题、表格和指标结构生成，没有照搬那份文档的数字和正文。")
        else:
            lines.append("  该部门没有更早的同类文档，按这类文档的常用结构生成。")
        lines.append(f"  还要填写：{self.figures} 个数字（写着“待填”），{self.texts} 处文字（写着“（待填：……）”）。")
        lines += [
            "",
            "下一步：",
            "  1. 用文本编辑器打开这个文件，照今年的原文逐项填写：把每个“待填”换成原文数字",
            "     （原文这一格空白写 ~，印“——”照写），把每处“（待填：……）”换成原文文字；",
            "     原文没有的块整块删除，原文多出的照文件中的格式补上。",
            "  2. 运行 pubgen check，按提示修改，直到没有错误：每个还没填的数字都会报 [figure-to-fill]，",
            "     每处还没填的文字都会报 [text-to-fill]。",
            "  3. 运行 pubgen build 生成网站，核对页面。",
        ]
        if self.kind == "project-evaluation":
            lines.insert(-1, "     总得分填在文件开头的 score，与绩效指标表的 total 一致；")
            lines.insert(-1, "     填上总得分之前，pubgen check 会提示缺少“自评得分”。")
        if self.kind == "self-evaluation":
            lines.insert(-1, "     总得分和等级填在文件开头的 score、grade（有“评分情况”表的，同时填它的 total、grade）；")
            lines.insert(-1, "     填上总得分之前，pubgen check 会提示缺少“自评得分”。")
        if self.problems:
            lines += ["", "pubgen check 现在还提示："]
            lines += [f"  [{p.code}] 第 {p.line} 行：{p.message}" if p.line else f"  [{p.code}] {p.message}" for p in self.problems]
        return "\n".join(lines)


def _known(content: Content, dept_id: str, field_name: str, slug: str | None) -> Any:
    """The department's latest ``budget_unit`` or ``project`` with ``slug`` that a document names, or None."""
    if slug is None:
        return None
    for d in sorted(content.documents, key=lambda d: -d.record.year):
        value = getattr(d.record, field_name)
        if d.record.department == dept_id and value is not None and value.slug == slug:
            return value
    return None


def _about_new(wanted: Wanted, unit_name: str | None, project_name: str | None) -> dict[str, Any]:
    """Whom a document with no earlier one of its own is about: the unit or project named on the command line."""
    if wanted.unit is not None:
        if not unit_name:
            raise PubgenError(
                f"单位 {wanted.unit} 还没有文档：请用 --unit-name 写出单位名称（照原文），"
                "如 --unit-name 上海市普陀区商务委员会（本级）。"
            )
        return {"scope": "unit", "budget_unit": m.BudgetUnit(name=unit_name, slug=wanted.unit)}
    if wanted.project is not None:
        if not project_name:
            raise PubgenError(
                f"项目 {wanted.project} 还没有更早的自评：请用 --project-name 写出项目名称（照原文），如 --project-name 信访工作经费。"
            )
        return {"project": m.Project(name=project_name, slug=wanted.project)}
    return {}


def _slug(value: str, what: str, option: str) -> str:
    if not re.fullmatch(m.SLUG, value):
        raise PubgenError(
            f"{option} “{value}”不是有效的{what}代号：只能用小写字母、数字和连字符 -（不以 - 开头或结尾），如 benji、xinfang-jingfei。"
        )
    problem = m.path_slug_problem(value)
    if problem is not None:
        raise PubgenError(f"{option}：{problem}")
    return value


def create(
    content_root: Path,
    kind: str,
    department: str,
    year: int,
    *,
    unit: str | None = None,
    unit_name: str | None = None,
    project: str | None = None,
    project_name: str | None = None,
) -> Created:
    """Write ``content/documents/<department>/<year>-<kind>[-unit-<unit>|-<project>].yml``; never overwrite anything.

    Without ``unit`` the department's own (部门) document; with it one budget unit's
    (单位) document; ``project`` (required for ``project-evaluation``) names the project.
    """
    if kind not in KINDS:
        raise PubgenError(f"未知的文档类别“{kind}”，可选：{'、'.join(KINDS)}。")
    if kind == "project-evaluation" and project is None:
        raise PubgenError("项目支出绩效自评一个项目一份：请用 --project-slug 写出项目代号（用于网址，如 --project-slug xinfang-jingfei）。")
    if kind != "project-evaluation" and (project is not None or project_name is not None):
        raise PubgenError("--project-slug 和 --project-name 只用于项目支出绩效自评（project-evaluation）。")
    if unit is not None and kind not in ("budget", "final-accounts"):
        raise PubgenError("单位文档只有预算和决算：--unit-slug 只用于 budget 和 final-accounts。")
    if unit is None and unit_name is not None:
        raise PubgenError("--unit-name 要和 --unit-slug（单位代号）一起写。")
    wanted = Wanted(
        unit=_slug(unit, "单位", "--unit-slug") if unit is not None else None,
        project=_slug(project, "项目", "--project-slug") if project is not None else None,
    )
    content = load(content_root)
    loaded = find_department(content, department)
    dept: m.Department = loaded.record
    dept_id = f"{dept.region}/{dept.slug}"
    path = content_root / "documents" / dept_id / f"{year}-{kind}{wanted.suffix}.yml"
    name = _name(content, path)
    link = first_link(path, content_root)
    if link is not None:
        raise PubgenError(
            f"{source_path(link, content_root.parent)} 是一个符号链接：pubgen new 不在链接指向的地方新建文件。"
            "请先删除这个链接（pubgen check 会报出它）。"
        )
    if path.exists():
        raise PubgenError(f"{name} 已经存在，没有改动它。要修改请直接编辑这个文件；要重新生成，请先把它删除或改名。")
    for other in content.documents:
        doc = other.record
        if doc.department == dept_id and doc.year == year and doc.kind == kind and wanted.same(doc):
            raise PubgenError(f"{m.document_label(doc, dept.name)}的文档已经存在：{other.source.name}。没有新建文件。")
    previous = find_previous(content, dept_id, kind, year, wanted)
    layout: Loaded | None = None
    header: tuple[str, ...]
    if previous is not None:
        about = None
        if unit_name is not None or project_name is not None:
            about = {name: getattr(previous.record, name) for name in ("scope", "budget_unit", "project") if name in previous.record.model_fields_set}
            if unit_name is not None and previous.record.budget_unit is not None:
                about["budget_unit"] = previous.record.budget_unit.model_copy(update={"name": unit_name})
            if project_name is not None and previous.record.project is not None:
                about["project"] = previous.record.project.model_copy(update={"name": project_name})
        doc, notes = from_previous(previous.record, year, about)
        header = (
            doc.title,
            f"由 pubgen new 照上年文档 {previous.source.name} 的结构生成：",
            "标题、表格的栏目和行、指标照搬上年（其中的年份已顺延），数字都写成“待填”，正文写成“（待填：……）”。",
        )
        title_note = "标题：已照上年标题改了年份，请与原文核对"
    else:
        # The unit or project as its documents of another kind give it (its 2025 budget, for its 2025 final
        # accounts): its name, and whether the unit is the whole department.
        known_unit = _known(content, dept_id, "budget_unit", wanted.unit) if unit_name is None else None
        unit_name = known_unit.name if known_unit is not None else unit_name
        known_project = _known(content, dept_id, "project", wanted.project) if project_name is None else None
        project_name = known_project.name if known_project is not None else project_name
        about_new = _about_new(wanted, unit_name, project_name)
        if known_unit is not None:
            about_new["budget_unit"] = known_unit
        layout = find_layout(content, dept_id, kind, year, wanted)
        if layout is not None:
            # The layout's own body (another unit, or the department itself) is named as the new unit in its words.
            laid = layout.record
            new_name = about_new["budget_unit"].name if "budget_unit" in about_new else None
            old_name = laid.budget_unit.name if laid.budget_unit is not None else dept.name
            doc, notes = from_previous(laid, year, about_new, (old_name, new_name) if new_name and old_name != new_name else None)
            if wanted.unit is not None and laid.scope != "unit":
                # 平乡县信访局2022年部门预算信息公开情况说明, the department's, becomes the unit's: 单位预算, with its name.
                doc = doc.model_copy(update={"title": unit_title(doc.title, dept.name, about_new["budget_unit"].name)})
            whose = "该单位" if wanted.unit else "该项目"
            header = (
                doc.title,
                f"{whose}没有更早的文档，由 pubgen new 照本部门文档 {layout.source.name} 的结构生成：",
                "标题、表格的栏目和行、指标照搬那份文档（其中的年份已顺延），数字都写成“待填”，正文写成“（待填：……）”。",
            )
            changed = "、".join(
                what
                for what, done in (("改了年份", laid.year != year), ("改成单位文档的写法", wanted.unit is not None and laid.scope != "unit"))
                if done
            )
            title_note = f"标题：照 {layout.source.name} 的标题{changed or '写'}，请改成原文的标题"
        else:
            doc, notes = template(kind, dept_id, dept, year, about_new)
            header = (
                doc.title,
                f"由 pubgen new 按{KIND_TITLES[kind]}文档的常用结构生成（该部门没有更早的同类文档）：",
                "标题、表名、栏目和行是常用写法，请照原文改写；数字都写成“待填”，正文写成“（待填：……）”。",
            )
            title_note = "标题：请改成原文的标题"
    header += (
        "请照今年的原文逐项填写，数字、标点均照原文，不作更正；原文没有的块整块删除，原文多出的照样补上。",
        "填完后运行 pubgen check：还没填的数字会逐个报出（figure-to-fill）。",
    )
    text = write_document(doc, header, notes, title_note)
    if previous is None and layout is None:
        # No earlier document: the comments that say “照上年” mean the original.
        text = "\n".join(
            line if "  # " not in line and not line.lstrip().startswith("#") else line.replace("照上年", "照原文") for line in text.split("\n")
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_new(path, text)
    except FileExistsError:
        raise PubgenError(f"{name} 已经存在，没有改动它。") from None
    report = validate(load(content_root))
    mine = [p for p in report.problems if p.file == name]
    return Created(
        path=path,
        name=name,
        kind=kind,
        title=doc.title,
        previous=previous.source.name if previous else None,
        layout=layout.source.name if layout else None,
        figures=sum(1 for p in mine if p.code == "figure-to-fill"),
        texts=sum(line.split("  # ", 1)[0].count(PLACEHOLDER_START) for line in text.splitlines() if not line.lstrip().startswith("#")),
        problems=[p for p in mine if p.code not in ("figure-to-fill", "text-to-fill")],
    )

