"""Map an imported document onto the content format: header fields, narrative blocks and tables.

What the document is (year, 预算 or 决算, 部门 or 单位, the body it is about) is read
from its cover and titles unless a flag says otherwise; :func:`map_document` then
writes the body in printed order as the content blocks an editor would write.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..numbering import counted
from . import structure as s
from .errors import ImportFailed
from .narrative import join_lines
from .report import Report
from .tablemap import TableMapper, headed_units
from .labels import strip_unit_note
from .text import body_in_title, find_year, numbering_style, split_numbering, unit_in_note
from .yamlout import Block, Flow, text_node

KINDS = {"budget": "预算", "final-accounts": "决算"}
SCOPES = {"department": "部门", "unit": "单位"}


class NotIdentified(ImportFailed):
    """The cover and titles do not say what the document is, and no flag does."""

    code = "not-identified"


@dataclass(slots=True)
class Identity:
    """What a document is, from its cover and titles or from flags."""

    year: int
    kind: str
    scope: str
    title: str
    body: str
    """The department or unit the cover names."""
    body_label: str = ""
    decided_by: dict[str, str] = field(default_factory=dict)
    """For each of year, kind, scope: 封面 / 表名 / 参数 (flag)."""


def _most_common(values: list[str]) -> str:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else ""


def identify(
    document: s.ImportedDocument, year: int | None = None, kind: str | None = None, scope: str | None = None
) -> Identity:
    """Read year, kind, scope and the body from the document; flags win. Raises NotIdentified."""
    cover = document.cover
    titles = [t.title for t in document.tables if t.title]
    title = cover.title or ""
    decided: dict[str, str] = {}
    if year is not None:
        decided["year"] = "参数"
    elif cover.year is not None:
        year, decided["year"] = cover.year, "封面"
    else:
        years = [y for y in (find_year(t) for t in titles) if y is not None]
        if years:
            year, decided["year"] = Counter(years).most_common(1)[0][0], "表名"
    if year is None:
        raise NotIdentified(document.path, "封面和表名都没有印出年度（如“2025年”），请用 --year 指定年度。")
    if kind is not None:
        decided["kind"] = "参数"
    else:
        for source, texts in (("封面", [title]), ("表名", titles)):
            found = {k for t in texts if (k := _kind_of_title(t)) is not None}
            if len(found) == 1:
                kind, decided["kind"] = found.pop(), source
                break
    if kind is None:
        raise NotIdentified(document.path, "无法从封面和表名判断是预算还是决算，请用 --kind budget 或 --kind final-accounts 指定。")
    if scope is not None:
        decided["scope"] = "参数"
    else:
        unit_words = ("单位预算", "单位决算", "预算单位")
        if any(w in title for w in unit_words) or cover.body_label in ("预算单位", "单位名称"):
            scope, decided["scope"] = "unit", "封面"
        elif "部门" in title or cover.body_label in ("预算主管部门", "部门名称"):
            scope, decided["scope"] = "department", "封面"
        elif titles and all(any(w in t for w in unit_words) for t in titles):
            scope, decided["scope"] = "unit", "表名"
        else:
            scope, decided["scope"] = "department", "默认"
    body = cover.body or _most_common([t.issuer for t in document.tables]) or body_in_title(title)
    if not title:
        title = f"{body}{year}年{SCOPES[scope]}{KINDS[kind]}" if body else f"{year}年{SCOPES[scope]}{KINDS[kind]}"
        decided["title"] = "生成"
    return Identity(year, kind, scope, title, body, cover.body_label, decided)


# --------------------------------------------------------------------------- narrative


_BLOCK_START = re.compile(r"^(?:[#>+=*~-]|\d{1,9}[.)](?=\s|$))")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def markdown_text(text: str, line_start: bool = True) -> str:
    """Printed text for a Markdown field, so that it shows exactly as printed (no emphasis, links or lists)."""
    out = text.replace("\\", "\\\\")
    for char in "*_`[]<|":
        out = out.replace(char, "\\" + char)
    out = _ENTITY.sub("\\&", out)
    if line_start:
        lines = []
        for line in out.split("\n"):
            match = _BLOCK_START.match(line)
            if match:
                # Escape the character that would start a heading, quote, list or rule: the first one,
                # or the dot of 1. (the digits stay as printed).
                cut = match.end() - 1
                line = line[:cut] + "\\" + line[cut:]
            lines.append(line)
        out = "\n".join(lines)
    return out


def heading_text(heading: s.Heading) -> str:
    """The heading as printed: its number and text, with the printed space between them."""
    joined = heading.numbering + heading.text
    printed = join_lines(heading.origin.text.split("\n")) if heading.origin.text else ""
    if printed and re.sub(r"\s+", "", printed) == re.sub(r"\s+", "", joined):
        return printed
    return joined


def _numbers_regular(numbers: list[str]) -> bool:
    """Whether 1、 2、 3、 … (any one digit style) numbers the items from 1 in order."""
    first = numbers[0]
    if not re.search(r"\d", first):
        return False
    return all(n == re.sub(r"\d+", str(i + 1), first, count=1) for i, n in enumerate(numbers)) and re.search(r"(?<!\d)1(?!\d)", first) is not None


class DocumentMapper:
    """Build the content file's tree for one imported document."""

    def __init__(self, document: s.ImportedDocument, identity: Identity, report: Report) -> None:
        self.document = document
        self.identity = identity
        self.report = report
        headed = _most_common([unit for table in document.tables for unit in headed_units(table)]) or None
        self.tables = TableMapper(report, identity.kind, identity.year, unit_of_document(document), headed)
        levels = [b.level for b in document.body if isinstance(b, s.Heading)]
        self.offset = 2 - min(levels) if levels else 2

    def body(self) -> Block:
        """The ``body`` list, in printed order."""
        body = Block(is_list=True)
        pending: list[s.Paragraph] = []

        def flush() -> None:
            if not pending:
                return
            text = "\n\n".join(markdown_text(p.text) for p in pending)
            block = Block()
            block.add("type", "text")
            block.add("text", text_node(text, block=True))
            body.add(None, block, blank=True)
            pages = sorted({n for p in pending for n in p.origin.pages})
            where = s.Origin(tuple(pages)).where()
            self.report.placed("text", where, f"正文 {len(pending)} 段", pending[0].text, len(pending))
            pending.clear()

        for item in self.document.body:
            if isinstance(item, s.Paragraph):
                pending.append(item)
                continue
            flush()
            if isinstance(item, s.Heading):
                body.add(None, self._heading(item), blank=True)
            elif isinstance(item, s.ListBlock):
                body.add(None, self._list(item), blank=True)
            elif isinstance(item, s.Glossary):
                body.add(None, self._glossary(item), blank=True)
            elif isinstance(item, s.Table):
                other = self._another_units(item)
                if other is not None:
                    # A department's workbook with sheets of its units (单位名称：…信息中心): not the department's figures.
                    self.report.unplaced(
                        item.origin.where(),
                        f"“{item.title}”是预算单位“{other}”的表，不是本文档（{self.identity.body}）的：没有放入。"
                        f"要公开这个单位的文档，请把它的表另存为一个工作簿，用 --scope unit 单独导入。",
                        "",
                        "table",
                    )
                    continue
                block, comments = self.tables.map(item)
                body.add(None, block, before=comments, blank=True)
        flush()
        return body

    def _another_units(self, table: s.Table) -> str | None:
        """The unit a table of a department's document belongs to, when it is another body's (its 单位名称 names another)."""
        if self.identity.scope != "department" or not table.issuer or not self.identity.body:
            return None
        if table.issuer_label not in ("单位名称", "预算单位", "填报单位", "编制单位", "单位") or "单位" not in (table.title or ""):
            return None
        issuer = table.issuer.strip()
        return None if issuer == self.identity.body.strip() else issuer

    def _heading(self, heading: s.Heading) -> Block:
        level = min(max(heading.level + self.offset, 2), 6)
        text = heading_text(heading)
        block = Block()
        block.add("type", "heading")
        block.add("level", level)
        block.add("text", text)
        self.report.placed("heading", heading.origin.where(), f"标题（{level} 级）", text)
        return block

    def _list(self, listed: s.ListBlock) -> Block:
        numbers = [item.numbering for item in listed.items]
        items = Block(is_list=True)
        for item in listed.items:
            _numbering, _level, rest = split_numbering(item.text)
            items.add(None, text_node(markdown_text(rest.strip(), line_start=False)))
        block = Block()
        block.add("type", "list")
        styles = {numbering_style(n) for n in numbers}
        if _numbers_regular(numbers):
            block.add("numbering", numbers[0])
        else:
            block.add("numbering", numbers[0])
            block.add("numbers", Flow(list(numbers)))
        block.add("items", items)
        comment = "" if len(styles) == 1 else "导入：各条编号样式不一，照原文逐条记录"
        self.report.placed("list", listed.origin.where(), f"列表 {len(listed.items)} 条（{numbers[0]}……）", listed.items[0].text)
        if comment:
            block.entries[-1].before.append(comment)
        return block

    def _glossary(self, glossary: s.Glossary) -> Block:
        items = Block(is_list=True)
        for entry in glossary.entries:
            pair = Block()
            pair.add("term", entry.term)
            pair.add("definition", text_node(markdown_text(entry.definition, line_start=False)))
            items.add(None, pair)
        block = Block()
        block.add("type", "glossary")
        numbers = [entry.numbering for entry in glossary.entries]
        if any(numbers):
            # The numbers printed before the terms: the first's form when the page counts the rest alike, else each.
            block.add("numbering", numbers[0] or next(n for n in numbers if n))
            if any(n != counted(numbers[0], i + 1).text for i, n in enumerate(numbers)):
                block.add("numbers", Flow(list(numbers)))
        block.add("items", items)
        self.report.placed("glossary", glossary.origin.where(), f"名词解释 {len(glossary.entries)} 条", glossary.entries[0].term)
        return block


def toc_comment(document: s.ImportedDocument) -> list[str]:
    """The 目录 as comment lines: the content format has no place for it (the page's contents come from the headings)."""
    if not document.toc:
        return []
    lines = ["原文目录（本格式没有目录字段，网页的目录由正文标题生成，故只记在这里）："]
    for entry in document.toc:
        page = f" …… {entry.page}" if entry.page else ""
        lines.append(f"  {'  ' * entry.level}{entry.numbering}{entry.text}{page}")
    return lines


def unit_of_document(document: s.ImportedDocument) -> str | None:
    """The unit most tables print (元 in budgets, 万元 in 决算), written as the document's unit."""
    return _most_common([t.unit for t in document.tables]) or None


def units_from_notes(document: s.ImportedDocument) -> None:
    """A table that prints its unit only in a note under it (“注：本表金额单位为元。”) is in that unit."""
    for table in document.tables:
        if table.unit or strip_unit_note(table.title)[1]:
            continue
        found = {note: unit for note in table.notes if (unit := unit_in_note(note)) is not None}
        if len(set(found.values())) == 1:
            table.unit_text, table.unit = next(iter(found.items()))


def _kind_of_title(text: str) -> str | None:
    """预算 or 决算 by a title: one saying 决算 is a 决算's, though it names its fund (一般公共预算财政拨款支出决算表)."""
    text = text.replace("预决算", "")
    if "决算" in text:
        return "final-accounts"
    return "budget" if "预算" in text else None


def reader_notes(document: s.ImportedDocument, report: Report) -> None:
    """What the reading layer noticed, as report lines: text it could not read as a table, unreadable characters …"""
    unplaced = {
        "table-without-rules",
        "formula-without-value",
        "number-too-large",
        "table-too-wide",
        "far-cells",
        "footnote-not-read",
        "image-only-page",
        "table-as-image",
        "image-not-read",
    }
    for note in document.notes:
        if note.code == "table-without-title":
            continue  # the table mapper reports it with the table
        if note.code in unplaced:
            report.unplaced(note.origin.where(), note.message, note.origin.text)
        elif note.severity is s.Severity.WARNING:
            report.unsure(note.origin.where(), note.message, note.origin.text)
