"""The comparison printed: a Markdown pull-request comment within the host's limit, plain text for logs, JSON for tools."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from ..escape import gfm_html_text, gfm_text, log_text
from ..problems import LEVEL_NAMES, Problem, Severity
from .problems import UNCHECKED, UNCOMPARED, WITHDRAWN
from .results import (
    BLOCK_WORDS,
    MOVED_WORDS,
    NO_ORIGINAL,
    NO_ROW_NAME,
    ORIGINAL_FIELD,
    STATE_WORDS,
    STATUS_WORDS,
    ContentDiff,
    DocumentChange,
    FieldChange,
    FigureChange,
    FileChange,
    FileDetail,
    Hunk,
    NarrativeChange,
    ProblemChange,
    Side,
    UnitChange,
    rounding_of,
)


FORMATS = ("markdown", "text", "json")

LONG_NARRATIVE = 300
"""A text change longer than this (in characters shown) folds into <details>."""

LONG_FIGURES = 40
"""More figure changes than this fold into <details>."""


def render(diff: ContentDiff, fmt: str) -> str:
    """Print ``diff`` as ``markdown``, ``text`` or ``json``."""
    if fmt == "json":
        return to_json(diff)
    if fmt == "markdown":
        return to_markdown(diff)
    return to_text(diff)


def summary(diff: ContentDiff) -> str:
    """One line of counts, in words."""
    parts = [f"文档：新增 {diff.count('added')}、删除 {diff.count('removed')}、修改 {diff.count('changed')}"]
    if diff.count("readdressed"):
        parts[-1] += f"、网址改变 {diff.count('readdressed')}"
    if diff.count("shared"):
        parts[-1] += f"、网址冲突 {diff.count('shared')}"
    if diff.count("moved"):
        parts[-1] += f"、仅移动文件 {diff.count('moved')}"
    in_text = sum(1 for f in diff.figures if f.in_text)
    parts.append(f"数字改动 {len(diff.figures)} 处" + (f"（其中正文中 {in_text} 处）" if in_text else ""))
    if diff.rescaled:
        parts[-1] += f"（另有 {_rescaled_count(diff)}换了单位、数额不变，共 {sum(len(u.figures) for u in diff.rescaled)} 个数字）"
    moved = sum(1 for n in diff.narrative if n.status == "moved")
    parts.append(f"文字改动 {len(diff.narrative) - moved} 处" + (f"、内容移动位置 {moved} 处" if moved else ""))
    if diff.fields:
        parts.append(f"文档信息改动 {len(diff.fields)} 处")
    if diff.files:
        parts.append(f"其他文件改动 {len(diff.files)} 个")
    errors = sum(1 for c in diff.introduced if c.problem.severity is Severity.ERROR)
    uncompared = sum(1 for c in diff.uncompared if c.problem.severity is Severity.ERROR)
    parts.append(
        f"检查问题：新增 {len(diff.introduced)}（其中错误 {errors}）、已解决 {len(diff.fixed)}"
        + (f"、已确认 {len(diff.acknowledged)}（请核对理由）" if diff.acknowledged else "")
        + (f"、因新版本无法读取未再检查 {len(diff.unchecked)}" if diff.unchecked else "")
        + (f"、随文档删除 {len(diff.withdrawn)}" if diff.withdrawn else "")
        + (f"、因旧版本无法读取未能比较 {len(diff.uncompared)}（其中错误 {uncompared}）" if diff.uncompared else "")
    )
    return "；".join(parts) + "。"


def show_value(text: str | None, state: str) -> str:
    """A figure as printed, or its state in words."""
    if state == "number":
        return text or ""
    if state == "na":
        return f"{text}（不适用）" if text else "不适用"
    if state == "text":
        return f"“{text}”" if text else STATE_WORDS["empty"]
    return STATE_WORDS.get(state, state)


def _old(f: FigureChange) -> str:
    """The old figure as printed, with its unit when the unit changed (the column names the new one)."""
    shown = show_value(f.old, f.old_state)
    return f"{shown} {f.old_unit}" if f.old_unit != f.new_unit and f.old_state == "number" and f.old_unit else shown


def _new(f: FigureChange) -> str:
    shown = show_value(f.new, f.new_state)
    return f"{shown} {f.new_unit}" if f.old_unit != f.new_unit and f.new_state == "number" and f.new_unit else shown


def show_difference(f: FigureChange) -> str:
    """The change of a figure: the exact difference, or what changed in words."""
    if f.old_state == "absent":
        return "新增"
    if f.new_state == "absent":
        return "删除"
    if f.old_state != f.new_state:
        return f"由{STATE_WORDS.get(f.old_state, f.old_state)}改为{STATE_WORDS.get(f.new_state, f.new_state)}"
    if f.old_unit != f.new_unit:
        return _unit_change(f)
    parts = []
    if f.difference is not None and f.old != f.new:
        if f.difference == 0:
            parts.append("数值不变，写法改变")
        else:
            parts.append(_signed(f.difference))
    elif f.old != f.new:
        parts.append("文字改变")
    return "；".join(parts)


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + format(value, "f")


def _unit_change(f: FigureChange) -> str:
    """A figure whose unit changed: the old figure in the new unit and what is left of the change, or the two units."""
    said = f"单位由“{f.old_unit or '无'}”改为“{f.new_unit or '无'}”"
    if f.difference is None or f.new is None:
        return said + ("" if f.old == f.new or f.old_state != "number" else "，数值不能换算比较")
    new = Decimal(f.new.replace(",", ""))
    converted = (new - f.difference).normalize()
    said += f"：原数 {f.old} {f.old_unit} 折合 {format(converted, 'f')} {f.new_unit}"
    half = rounding_of(f)
    if f.difference == 0:
        return said + "，数额不变"
    if abs(f.difference) <= half:
        return said + "，数额不变（差额在四舍五入之内）"
    return said + f"，差 {_signed(f.difference.normalize())} {f.new_unit}"


def _row_name(f: FigureChange) -> str:
    return f.row_label.strip() or NO_ROW_NAME


def _column(f: FigureChange) -> str:
    if f.in_text:
        return f.new_unit
    unit = f.new_unit if f.new_state != "absent" else f.old_unit
    name = f.column_label or ""
    return f"{name}（{unit}）" if unit and name else (name or unit)


def _rescaled_count(diff: ContentDiff) -> str:
    """``1 张表``, ``2 段正文`` or ``1 张表、2 段正文``: the tables and the passages of text printed in another unit."""
    texts = sum(1 for u in diff.rescaled if u.figures and u.figures[0].in_text)
    tables = len(diff.rescaled) - texts
    return "、".join(part for part in (f"{tables} 张表" if tables else "", f"{texts} 段正文" if texts else "") if part)


def _rescaled_title(diff: ContentDiff) -> str:
    texts = any(u.figures and u.figures[0].in_text for u in diff.rescaled)
    tables = any(not (u.figures and u.figures[0].in_text) for u in diff.rescaled)
    return "换了单位、数额不变的" + "和".join(w for w, there in (("表", tables), ("正文", texts)) if there)


def rescaled_line(u: UnitChange) -> str:
    """A table printed in another unit, nothing else changed in its figures: one line."""
    return f"{u.document_label} · {u.table_title or u.table}：单位由 {u.old_unit or '无'} 改为 {u.new_unit or '无'}，数额不变：{len(u.figures)} 个数字"


def _shared(d: DocumentChange) -> str:
    """Two documents at one address, said plainly."""
    others = "、".join(d.shared_with)
    return f"与 {others} 是同一网址 {page_address(d.document)}：两份文档不能共用一个网址，见检查问题 duplicate-document"


def _doc_line(d: DocumentChange) -> str:
    note = f"；{d.note}" if d.note else ""
    if d.shared_with and d.status != "shared":
        note += f"；{_shared(d)}"
    if d.status == "added":
        return f"新增：{d.label}（{d.new_file}，{d.figures} 个数字{note}）"
    if d.status == "removed":
        return f"删除：{d.label}（{d.old_file}，{d.figures} 个数字{note}）"
    moved = f"；文件 {d.old_file} → {d.new_file}" if d.old_file != d.new_file else ""
    if d.status == "readdressed":
        label = f"{d.old_label} → {d.label}" if d.old_label else d.label
        return (
            f"网址改变：{label}：{page_address(d.old_document or '')} → {page_address(d.document)}（旧网址将失效）"
            f"（{d.note or '内容有改动，见下'}{moved}）"
        )
    if d.status == "shared":
        label = f"{d.old_label} → {d.label}" if d.old_label else d.label
        return (
            f"网址冲突：{label}（{d.new_file}）：网址由 {page_address(d.old_document or '')} 改为 {page_address(d.document)}，"
            f"{_shared(d)}（{d.note or '内容有改动，见下'}{moved}）"
        )
    if d.status == "moved":
        return f"移动文件：{d.label}（内容未变{moved}）"
    note = f"（{d.note}）" if d.note else ""
    return f"修改：{d.label}{note}（{d.new_file}{moved}）"


def page_address(address: str) -> str:
    """A document's address as the site prints it: ``/hebei/…/2021/budget/``."""
    return "/" + address.strip("/") + "/"


def _field_value(f: FieldChange, value: str | None) -> str:
    """A header field's value, or what its absence means."""
    if value:
        return value
    return NO_ORIGINAL if f.field == ORIGINAL_FIELD else "（未填）"


def _file_line(f: FileChange) -> str:
    return f"{f.name}：{STATUS_WORDS.get(f.status, f.status)}" + (f"（{f.note}）" if f.note else "")


def _detail_lines(d: FileDetail) -> list[tuple[str, Hunk | None]]:
    """A part of a file that changed, as lines: its label and either the words old → new or a hunk of text."""
    if d.old is None:
        return [(f"{d.label}（新增）：{d.new}", None)]
    if d.new is None:
        return [(f"{d.label}（删除）：{d.old}", None)]
    if d.hunks:
        return [(f"{d.label}：", h) for h in d.hunks]
    return [(f"{d.label}：{d.old} → {d.new}", None)]


def _narrative_title(n: NarrativeChange) -> str:
    kind = (MOVED_WORDS.get(n.block) if n.status == "moved" else None) or BLOCK_WORDS.get(n.block, n.block)
    if n.title and n.block != "heading":
        kind += f"“{n.title}”"
    status = {"changed": "修改", "added": "新增", "removed": "删除", "moved": "移动位置"}[n.status]
    return f"{n.document_label} · {n.section} · {kind}（{status}）"


def level(p: Problem) -> str:
    """A problem's level in the words ``pubgen check`` uses (错误 / 警告 / 提示), and whether it was acknowledged."""
    return LEVEL_NAMES[p.severity] + ("（已确认）" if p.acknowledged else "")


ACKNOWLEDGED = "已确认的问题（原文确实如此，请核对理由）"


def acknowledged_line(c: ProblemChange) -> str:
    """A problem the change acknowledged, with its reason next to it: what the reviewer approves."""
    was = LEVEL_NAMES[c.was.severity] if c.was is not None else LEVEL_NAMES[c.problem.severity]
    return f"已确认（原为{was}） [{c.problem.code}] {c.place}：{c.problem.message}{_problem_figures(c.problem)}；理由：{c.problem.acknowledged}"


def _lost(c: ProblemChange) -> str:
    """What a new problem was before, when it was the same problem acknowledged."""
    if c.was is None or not c.was.acknowledged or c.problem.acknowledged:
        return ""
    if c.acknowledgement_removed:
        return f"（改动前已确认，本次改动删去了这条确认：{c.was.acknowledged}）"
    return f"（改动前已确认，确认不再对应这个问题：{c.was.acknowledged}）"


PLACEHOLDERS = {
    "figure-to-fill": "个数字还没有填写（“待填”），请照原文填写后再发布。",
    "text-to-fill": "处文字还是待填写的提示，请照原文录入后再发布。",
    "unit-to-fill": "处金额单位还没有填写，请照原文填写后再发布。",
}
"""What a document's placeholders say together: a draft from ``pubgen new`` has hundreds, one a row hid every other problem."""

PLACEHOLDER_LINES = 5
"""Lines of a document's placeholders named in its one line; the rest are counted."""


@dataclass(slots=True, frozen=True)
class _Shown:
    """A problem as a line of the comment or log: one problem, or a document's placeholders of one kind together."""

    change: ProblemChange
    message: str
    where: str


def _shown(changes: list[ProblemChange], before: bool) -> list[_Shown]:
    """The problems to print, each document's placeholders of one kind told in one line, where its first one is."""
    groups: dict[tuple[object, ...], list[ProblemChange]] = {}
    for c in changes:
        if c.problem.code in PLACEHOLDERS:
            groups.setdefault((c.problem.code, c.place, c.problem.severity, c.problem.acknowledged), []).append(c)
    out: list[_Shown] = []
    for c in changes:
        group = groups.get((c.problem.code, c.place, c.problem.severity, c.problem.acknowledged), [])
        if len(group) < 2:
            out.append(_Shown(c, c.problem.message + _problem_figures(c.problem) + _lost(c), _where(c.problem, before)))
        elif group[0] is c:
            lines = sorted({x.problem.line for x in group if x.problem.line})
            shown = "、".join(str(n) for n in lines[:PLACEHOLDER_LINES])
            where = f"第 {shown} 行" + (f"等 {len(lines)} 行" if len(lines) > PLACEHOLDER_LINES else "") + ("（改动前）" if before else "") if lines else ""
            out.append(_Shown(c, f"{len(group)} {PLACEHOLDERS[c.problem.code]}", where))
    return out


def _problem_figures(p: Problem) -> str:
    if p.stated is None and p.computed is None:
        return ""
    return f"（原文 {p.stated if p.stated is not None else '—'}，计算 {p.computed if p.computed is not None else '—'}）"


def md(text: str | None) -> str:
    """Text for the comment's Markdown: text only, one line, no mentions, references or links (see :func:`pubgen.escape.gfm_text`)."""
    return gfm_text(text or "")


def md_line(text: str | None) -> str:
    """Text that starts a line (after a list marker): it must not start a list or heading itself."""
    return gfm_text(text or "", line_start=True)


def md_cell(text: str | None) -> str:
    """Text for one Markdown table cell: line breaks become ``<br>``, nothing leaves the cell."""
    return gfm_text(text or "", cell=True)


def _html(text: str) -> str:
    """Text inside the comment's raw HTML (``<summary>``): one line, so the HTML block cannot end early."""
    return gfm_html_text(text)


def _md_hunk(h: Hunk, line_start: bool = True) -> str:
    out = [(md_line if line_start else md)(f"{h.label}：")] if h.label else []
    for k, s in enumerate(h.segments):
        text = (md_line if k == 0 and line_start and not h.label else md)(s.text)
        out.append(text if s.op == "equal" else f"<{'del' if s.op == 'delete' else 'ins'}>{text}</{'del' if s.op == 'delete' else 'ins'}>")
    return "".join(out)


def _code(text: str) -> str:
    """Text as an inline code span: shown as typed, so that a revision (``HEAD~1``) can be copied as it is.

    Escaped as text, ``HEAD~1`` took a backslash and an invisible joiner (against GitLab's ``~label``), and a revision
    copied from the comment was not found. Nothing in a code span is a mention, a link or a reference.
    """
    text = " ".join("".join(ch for ch in text if ch.isprintable()).split())  # one line, nothing invisible
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_side(side: Side) -> str:
    """A side of the comparison in the comment's header: the revision as given and the commit read, each as code."""
    if side.rev is None:
        shown = "工作区"
    else:
        shown = _code(side.rev)
        if side.commit and not side.commit.startswith(side.rev):
            shown += f"（{_code(side.commit[:10])}）"
    return shown + (f"（{md(side.note)}）" if side.note else "")


def _table(header: list[str], rows: list[list[str]], align: str | None = None) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
    if align:
        lines[1] = align
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines


COMMENT_LIMIT = 60000
"""The longest Markdown pubgen writes, in UTF-16 code units as a comment's length is counted (GitHub takes 65536
characters): what does not fit is left out, figure rows first, and the comment says how much and where it all is."""


FULL_RESULT = "完整结果见 CI 作业的产物 pubgen-diff（pubgen-diff.txt 列出全部改动），或在本机运行 pubgen diff（不加 --format markdown）"


def _length(text: str) -> int:
    """Length as GitHub and JavaScript count it: characters beyond U+FFFF take two."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


@dataclass(slots=True)
class _Section:
    """A part of the comment whose items can be left out when the comment would be too long."""

    name: str
    """What is left out, counted: “处数字改动”."""
    head: list[str]
    items: list[str]
    tail: list[str]
    kept: int = -1
    """How many items are shown; -1 for all."""

    def lines(self) -> list[str]:
        if not self.items and not self.head:
            return []
        kept = len(self.items) if self.kept < 0 else self.kept
        out = [*self.head, *self.items[:kept]]
        if kept < len(self.items):
            out += ["", self.cut_line(len(self.items) - kept)]
        return out + self.tail

    def cut_line(self, left: int) -> str:
        return f"**另有 {left} {self.name}未在此列出（评论长度有限）。{FULL_RESULT}。**"


def to_markdown(diff: ContentDiff, limit: int = COMMENT_LIMIT) -> str:
    """A pull-request comment: summary and check problems first, then documents, figures and text changes.

    The comment never exceeds ``limit``: when it would, the long lists are shortened — figure rows first, then
    text changes, document fields, other files, documents, solved problems and last new problems — each with a
    line saying how many were left out and where to see everything.
    """
    out = ["## pubgen：发布内容改动", ""]
    base, head = _md_side(diff.base), _md_side(diff.head)
    out += [f"比较：{base} → {head}", "", f"**{md(summary(diff))}**", ""]
    if diff.empty:
        out.append("两边的内容相同：没有改动任何发布内容，也没有新增或解决检查问题。")
        return "\n".join(out) + "\n"
    sections = _md_sections(diff)
    text = _md_join(out, sections)
    if _length(text) <= limit:
        return text
    # Too long: every list keeps its first few items, then the room left goes to the lists in order of importance
    # (new problems first, figure rows last); if even the first few do not fit, lists are cut in the same order.
    cut = [s for name in CUT_ORDER for s in sections if s.name == name and s.items]
    for section in cut:
        section.kept = min(len(section.items), KEPT_WHEN_LONG)
    if _length(_md_join(out, sections)) > limit:
        for at, section in enumerate(cut):
            section.kept = 0
            room = limit - _length(_md_join(out, sections))
            for item in section.items[: min(len(section.items), KEPT_WHEN_LONG)]:
                if _length(item) + 1 > room:
                    break
                room -= _length(item) + 1
                section.kept += 1
            if _length(_md_join(out, sections)) <= limit:
                # The lists that matter more grow into the room before this one has its share of what is left:
                # long text changes must not fill the comment while new problems stay at their first few.
                share, section.kept = section.kept, 0
                _grow(out, sections, cut[at + 1 :], limit)
                _grow(out, sections, [section], limit, most=share)
                break
    else:
        _grow(out, sections, cut, limit)
    text = _md_join(out, sections)
    while _length(text) > limit:  # the line saying how many were left out may have lengthened by a digit
        grown = next((s for s in cut if s.kept > 0), None)
        if grown is None:
            break
        grown.kept -= 1
        text = _md_join(out, sections)
    return text


def _grow(out: list[str], sections: list[_Section], lists: list[_Section], limit: int, most: int | None = None) -> None:
    """Show more items of ``lists`` while they fit, the most important (the last in :data:`CUT_ORDER`) first."""
    for section in reversed(lists):
        room = limit - _length(_md_join(out, sections)) - SLACK
        end = len(section.items) if most is None else min(len(section.items), most)
        while section.kept < end and _length(section.items[section.kept]) + 1 <= room:
            room -= _length(section.items[section.kept]) + 1
            section.kept += 1


KEPT_WHEN_LONG = 30
"""Items of each list a comment that is too long keeps before the rest is shared out."""

SLACK = 200
"""Room kept free when the lists grow back: the lines saying how much was left out change with the counts."""

UNCHECKED_COUNTED = "个未再检查的原有问题"

WITHDRAWN_COUNTED = "个随文档删除的问题"

UNCOMPARED_COUNTED = "个未能比较的问题"

CUT_ORDER = ("处数字改动", "处文字改动", "处文档信息改动", "个其他文件改动", "张换了单位的表", "份文档", WITHDRAWN_COUNTED, "个已解决的问题", UNCHECKED_COUNTED, "个已确认的问题", UNCOMPARED_COUNTED, "个新增的问题")
"""Which lists of a comment that is too long are shortened first."""


def _md_join(out: list[str], sections: list[_Section]) -> str:
    lines = list(out)
    for section in sections:
        lines += section.lines()
    return "\n".join(lines).rstrip() + "\n"


def _md_sections(diff: ContentDiff) -> list[_Section]:
    sections: list[_Section] = []
    if diff.introduced or diff.fixed or diff.acknowledged or diff.unchecked or diff.withdrawn or diff.uncompared:
        sections.append(_Section("", ["### 检查问题", ""], [], []))
        for title, name, changes in (
            ("新增的问题", "个新增的问题", diff.introduced),
            (UNCOMPARED, UNCOMPARED_COUNTED, diff.uncompared),
            (ACKNOWLEDGED, "个已确认的问题", diff.acknowledged),
            ("已解决的问题", "个已解决的问题", diff.fixed),
            (UNCHECKED, UNCHECKED_COUNTED, diff.unchecked),
            (WITHDRAWN, WITHDRAWN_COUNTED, diff.withdrawn),
        ):
            if not changes:
                continue
            if changes is diff.acknowledged:
                # The reason next to the problem: it is what the reviewer approves.
                columns = ["原级别", "文档", "代号", "位置", "说明", "确认的理由"]
                cells = [
                    [
                        LEVEL_NAMES[(c.was or c.problem).severity],
                        c.place,
                        c.problem.code,
                        _where(c.problem, before=False),
                        c.problem.message + _problem_figures(c.problem),
                        c.problem.acknowledged or "",
                    ]
                    for c in changes
                ]
            else:
                columns = ["级别", "文档", "代号", "位置", "说明"]
                cells = [
                    [
                        level(x.change.problem),
                        x.change.place,
                        x.change.problem.code,
                        x.where,
                        x.message + (f"（已确认：{x.change.problem.acknowledged}）" if x.change.problem.acknowledged else ""),
                    ]
                    for x in _shown(changes, before=changes is not diff.introduced and changes is not diff.uncompared)
                ]
            table = _table(columns, cells)
            sections.append(_Section(name, [f"#### {title}（{len(changes)}）", "", *table[:2]], table[2:], [""]))
    if diff.documents:
        sections.append(_Section("份文档", ["### 文档", ""], [f"- {md_line(_doc_line(d))}" for d in diff.documents], [""]))
    if diff.rescaled:
        sections.append(_Section("张换了单位的表", [f"### {_rescaled_title(diff)}", ""], [f"- {md_line(rescaled_line(u))}" for u in diff.rescaled], [""]))
    if diff.figures:
        cells = [
            [f.document_label, f.table_title or f.table, _row_name(f), _column(f), _old(f), _new(f), show_difference(f)]
            for f in diff.figures
        ]
        table = _table(["文档", "表格", "行", "栏目", "原", "新", "差额"], cells, "|---|---|---|---|---:|---:|---:|")
        head, tail = ["### 数字改动", ""], [""]
        if len(cells) > LONG_FIGURES:
            head += [f"<details><summary>共 {len(cells)} 处数字改动（点击展开）</summary>", ""]
            tail = ["", "</details>", ""]
        sections.append(_Section("处数字改动", head + table[:2], table[2:], tail))
    if diff.narrative:
        items = []
        for n in diff.narrative:
            lines = [f"- {_md_hunk(h)}" for h in n.hunks]
            if n.size > LONG_NARRATIVE or len(n.hunks) > 3:
                items.append("\n".join([f"<details><summary>{_html(_narrative_title(n))}：{len(n.hunks)} 处</summary>", "", *lines, "", "</details>", ""]))
            else:
                items.append("\n".join([f"**{md(_narrative_title(n))}**", "", *lines, ""]))
        sections.append(_Section("处文字改动", ["### 文字改动", ""], items, []))
    if diff.fields:
        table = _table(["文档", "字段", "原", "新"], [[f.document_label, f.label, _field_value(f, f.old), _field_value(f, f.new)] for f in diff.fields])
        sections.append(_Section("处文档信息改动", ["### 文档信息改动", "", *table[:2]], table[2:], [""]))
    if diff.files:
        items = []
        for f in diff.files:
            lines = [f"- {md_line(_file_line(f))}"]
            for d in f.details:
                lines += [f"  - {md_line(line)}" + (_md_hunk(h, line_start=False) if h else "") for line, h in _detail_lines(d)]
            items.append("\n".join(lines))
        sections.append(_Section("个其他文件改动", ["### 其他内容文件", ""], items, [""]))
    return sections


def _text_hunk(h: Hunk) -> str:
    return (f"{h.label}：" if h.label else "") + "".join(s.text if s.op == "equal" else f"[-{s.text}-]" if s.op == "delete" else f"{{+{s.text}+}}" for s in h.segments)


def to_text(diff: ContentDiff) -> str:
    """Plain text for a terminal or CI log: the same sections as the Markdown, without markup.

    Every line is made safe for a log (:func:`pubgen.escape.log_text`): a line
    break or control character in the content is shown, never acted on.
    """
    return "\n".join(log_text(line) for line in _text_lines(diff)) + "\n"


def _text_lines(diff: ContentDiff) -> list[str]:
    """The lines of the text output, before they are made safe for a log."""
    base = diff.base.label + (f"（{diff.base.note}）" if diff.base.note else "")
    head = diff.head.label + (f"（{diff.head.note}）" if diff.head.note else "")
    out = [f"比较：{base} → {head}", summary(diff)]
    if diff.empty:
        out.append("两边的内容相同。")
        return out
    if diff.documents:
        out += ["", "文档"] + [f"  {_doc_line(d)}" for d in diff.documents]
    if diff.rescaled:
        out += ["", _rescaled_title(diff)] + [f"  {rescaled_line(u)}" for u in diff.rescaled]
    if diff.figures:
        out += ["", "数字改动"]
        for f in diff.figures:
            where = " · ".join(x for x in (f.document_label, f.table_title or f.table, _row_name(f), _column(f)) if x)
            out.append(f"  {where}：{_old(f)} → {_new(f)}（{show_difference(f)}）")
            out.append(f"      字段：{f.field}")
    if diff.narrative:
        out += ["", "文字改动（[-删去-]{+新增+}）"]
        for n in diff.narrative:
            out.append(f"  {_narrative_title(n)}")
            out += [f"    {_text_hunk(h)}" for h in n.hunks]
    if diff.fields:
        out += ["", "文档信息改动"]
        out += [f"  {f.document_label} · {f.label}：{_field_value(f, f.old)} → {_field_value(f, f.new)}" for f in diff.fields]
    if diff.files:
        out += ["", "其他内容文件"]
        for file in diff.files:
            out.append(f"  {_file_line(file)}")
            for d in file.details:
                out += [f"    {line}" + (_text_hunk(h) if h else "") for line, h in _detail_lines(d)]
    if diff.acknowledged:
        out += ["", ACKNOWLEDGED]
        for c in diff.acknowledged:
            out.append(f"  {acknowledged_line(c)}")
            where = _where(c.problem, before=False)
            if where:
                out.append(f"      位置：{where}")
    for title, changes in (("新增的问题", diff.introduced), (UNCOMPARED, diff.uncompared), ("已解决的问题", diff.fixed), (UNCHECKED, diff.unchecked), (WITHDRAWN, diff.withdrawn)):
        if changes:
            out += ["", title]
            for x in _shown(changes, before=changes is not diff.introduced and changes is not diff.uncompared):
                c = x.change
                out.append(f"  {level(c.problem)} [{c.problem.code}] {c.place}：{x.message}")
                if x.where:
                    out.append(f"      位置：{x.where}")
                if c.problem.acknowledged:
                    out.append(f"      已确认：{c.problem.acknowledged}")
    return out


def _where(p: Problem, before: bool) -> str:
    """Where a problem is, for a reviewer to find it: the line of its file (in the old revision for a fixed one) and the field."""
    parts = []
    if p.line:
        parts.append(f"第 {p.line} 行" + ("（改动前）" if before else ""))
    if p.field:
        parts.append(f"字段 {p.field}")
    return "，".join(parts)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Severity):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def to_json(diff: ContentDiff) -> str:
    """Every change as JSON for tools; figures and differences are exact decimal strings."""

    def side(s: Side) -> dict[str, Any]:
        return {"rev": s.rev, "commit": s.commit, "label": s.label, "note": s.note}

    def problem(c: ProblemChange) -> dict[str, Any]:
        return {"place": c.place, **c.problem.to_dict()}

    data = {
        "base": side(diff.base),
        "head": side(diff.head),
        "summary": {
            "text": summary(diff),
            "documents": {s: diff.count(s) for s in ("added", "removed", "changed", "moved", "readdressed", "shared")},
            "figures": len(diff.figures),
            "rescaled_tables": len(diff.rescaled),
            "rescaled_figures": sum(len(u.figures) for u in diff.rescaled),
            "narrative": len(diff.narrative),
            "fields": len(diff.fields),
            "files": len(diff.files),
            "problems_introduced": len(diff.introduced),
            "errors_introduced": len(diff.new_errors),
            "problems_fixed": len(diff.fixed),
            "problems_acknowledged": len(diff.acknowledged),
            "problems_unchecked": len(diff.unchecked),
            "problems_withdrawn": len(diff.withdrawn),
            "problems_uncompared": len(diff.uncompared),
        },
        "documents": [asdict(d) for d in diff.documents],
        "figures": [{**asdict(f), "field": f.field} for f in diff.figures],
        "rescaled": [{**asdict(u), "figures": [{**asdict(f), "field": f.field} for f in u.figures]} for u in diff.rescaled],
        "narrative": [asdict(n) for n in diff.narrative],
        "fields": [asdict(f) for f in diff.fields],
        "files": [asdict(f) for f in diff.files],
        "problems": {
            "introduced": [problem(c) for c in diff.introduced],
            "fixed": [problem(c) for c in diff.fixed],
            "acknowledged": [{**problem(c), "was": c.was.to_dict() if c.was else None} for c in diff.acknowledged],
            "unchecked": [problem(c) for c in diff.unchecked],
            "withdrawn": [problem(c) for c in diff.withdrawn],
            "uncompared": [problem(c) for c in diff.uncompared],
        },
    }
    return json.dumps(_plain(data), ensure_ascii=False, indent=2)
