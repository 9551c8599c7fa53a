"""What ``pubgen diff`` finds, as plain data: the changed documents, figures, text, files and check problems, and the words that name them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .. import model as m
from ..checks.rounding import UNIT_FACTORS, half_unit
from ..load import Content
from ..problems import Problem, Severity
from ..provenance import Original
from ..revision import RevisionUnreadable


DiffError = RevisionUnreadable
"""A revision could not be read: unknown revision, no repository, no git."""


@dataclass(slots=True, frozen=True)
class Side:
    """One side of a comparison: a git revision or the working tree."""

    rev: str | None
    """The revision as given; ``None`` for the working tree."""
    commit: str | None = None
    """The object id that was read (a commit, or a tree when given one)."""
    note: str = ""
    """Why this side is special, e.g. it has no content folder."""

    @property
    def label(self) -> str:
        """The side in words, e.g. ``origin/main（1a2b3c4d5e）``."""
        if self.rev is None:
            return "工作区"
        if not self.commit or self.commit.startswith(self.rev):
            return self.rev
        return f"{self.rev}（{self.commit[:10]}）"


@dataclass(slots=True, frozen=True)
class DocumentChange:
    """A document added, removed, changed, only moved to another file, or given another address."""

    document: str
    """Address: department/year/kind."""
    label: str
    status: str
    """``added``, ``removed``, ``changed``, ``moved``, ``readdressed`` (its address changed, perhaps its content too) or
    ``shared`` (its address changed to one another document holds)."""
    old_file: str | None
    new_file: str | None
    figures: int = 0
    """How many figures the document prints (added and removed documents)."""
    note: str = ""
    old_document: str | None = None
    """The address it had before, when it changed (``readdressed``): every link to that page stops working."""
    old_label: str | None = None
    """The document in words before, when its address changed with its label (a corrected year or kind)."""
    shared_with: tuple[str, ...] = ()
    """The files of the other documents at the same address in the new version: two pages cannot have one address."""


@dataclass(slots=True, frozen=True)
class FigureChange:
    """One printed figure that differs: value, state (number, empty, ——) or unit."""

    document: str
    document_label: str
    table: str
    """Table key as in problem fields (id, role or position); ``document`` for header figures."""
    table_title: str
    row: str
    row_label: str
    column: str
    column_label: str
    old: str | None
    """As printed; ``None`` when empty or absent."""
    new: str | None
    old_state: str
    """``number``, ``empty``, ``na``, ``text``, ``missing`` or ``absent`` (no such cell)."""
    new_state: str
    old_unit: str
    new_unit: str
    difference: Decimal | None
    """New minus old, exactly, when both are numbers."""
    in_text: bool = False
    """A figure printed in running text (a paragraph, a list item), not in a table: ``row_label`` is the words before it."""

    @property
    def field(self) -> str:
        """``table.row.column`` as in problem fields (``Figure.field``); header figures have no column."""
        return ".".join(p for p in (self.table, self.row, self.column) if p)


@dataclass(slots=True, frozen=True)
class UnitChange:
    """A table printed in another unit with its figures converted and no amount changed (元 → 万元): one line, not one per figure."""

    document: str
    document_label: str
    table: str
    table_title: str
    old_unit: str
    new_unit: str
    figures: tuple[FigureChange, ...]
    """Each figure converted, its amount the same within rounding (for tools; the comment only counts them)."""


@dataclass(slots=True, frozen=True)
class Segment:
    """A run of text: ``equal`` (context), ``delete`` or ``insert``."""

    op: str
    text: str


@dataclass(slots=True, frozen=True)
class Hunk:
    """One changed place in a block of text, with a little unchanged context."""

    segments: tuple[Segment, ...]
    label: str = ""
    """Which part of the block changed, when the block is told part by part (an item of a list: “新增第 3 项”)."""

    @property
    def size(self) -> int:
        return sum(len(s.text) for s in self.segments)


@dataclass(slots=True, frozen=True)
class NarrativeChange:
    """A block of text that differs, placed under its nearest heading."""

    document: str
    document_label: str
    section: str
    """The nearest heading above the block."""
    block: str
    """Block type: text, list, goals, heading, table, indicators, …"""
    title: str
    """The block's own title, if any (tables, lists)."""
    status: str
    """``changed``, ``added``, ``removed`` or ``moved`` (printed elsewhere in the document, perhaps also changed)."""
    hunks: tuple[Hunk, ...]

    @property
    def size(self) -> int:
        return sum(h.size for h in self.hunks)


@dataclass(slots=True, frozen=True)
class FieldChange:
    """A document header field (title, dates, acknowledgements …) that differs."""

    document: str
    document_label: str
    field: str
    label: str
    old: str | None
    new: str | None


@dataclass(slots=True, frozen=True)
class FileDetail:
    """One part of a content file that differs: a field of a department or of the site, a glossary term, a region."""

    label: str
    old: str | None
    """As written; ``None`` when the part was added."""
    new: str | None
    """As written; ``None`` when the part was removed."""
    hunks: tuple[Hunk, ...] = ()
    """The change word by word, for text (a glossary definition); otherwise old → new is shown."""


@dataclass(slots=True, frozen=True)
class FileChange:
    """A content file other than a document that differs (site, regions, glossary, departments, an original file)."""

    name: str
    status: str
    """``added``, ``removed``, ``changed`` or ``orphaned`` (an original file no document offers for download)."""
    details: tuple[FileDetail, ...] = ()
    """What differs in it, part by part, when it could be read on both sides."""
    note: str = ""


@dataclass(slots=True, frozen=True)
class ProblemChange:
    """A check problem the change introduced or fixed, with the document it concerns."""

    place: str
    """The document's label, or the file when it is not a readable document."""
    problem: Problem
    was: Problem | None = None
    """The same problem before, when only its acknowledgement changed: unacknowledged before one the change
    acknowledged; acknowledged before one whose acknowledgement no longer applies (a new error again)."""
    field_now: str = ""
    """For a problem of the old version: its field as the new version would name it (blocks inserted above it)."""
    acknowledgement_removed: bool = False
    """For a problem acknowledged before and not now: the change deleted its acknowledgement (not only changed its figures)."""


@dataclass(slots=True)
class ContentDiff:
    """Everything that differs between two sides, as data."""

    base: Side
    head: Side
    documents: list[DocumentChange] = field(default_factory=list)
    figures: list[FigureChange] = field(default_factory=list)
    rescaled: list[UnitChange] = field(default_factory=list)
    """Tables whose unit changed with every amount the same: not figure changes."""
    narrative: list[NarrativeChange] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)
    files: list[FileChange] = field(default_factory=list)
    introduced: list[ProblemChange] = field(default_factory=list)
    fixed: list[ProblemChange] = field(default_factory=list)
    acknowledged: list[ProblemChange] = field(default_factory=list)
    """Problems the change acknowledged: the same problem, now with the publisher's reason (neither new nor solved)."""
    unchecked: list[ProblemChange] = field(default_factory=list)
    """Problems of documents whose new version cannot be read: not solved, only not checked again."""
    withdrawn: list[ProblemChange] = field(default_factory=list)
    """Problems of documents the change deleted: they went with the document, nothing was solved."""
    uncompared: list[ProblemChange] = field(default_factory=list)
    """Problems of documents whose old version cannot be read: not known to be new, nor known to be old."""

    @property
    def new_errors(self) -> list[ProblemChange]:
        """Introduced problems that stop publication, and those of a document whose old version could not be read: an
        error there may be new, and a gate must not let it through for want of a version to compare with."""
        return [p for p in self.introduced + self.uncompared if p.problem.severity is Severity.ERROR]

    @property
    def empty(self) -> bool:
        return not (self.documents or self.figures or self.rescaled or self.narrative or self.fields or self.files or self.introduced or self.fixed or self.acknowledged or self.unchecked or self.withdrawn or self.uncompared)

    def count(self, status: str) -> int:
        """How many documents have ``status``."""
        return sum(1 for d in self.documents if d.status == status)


@dataclass(slots=True)
class DocFile:
    """A document file on one side: loaded, or unreadable (its problems say why)."""

    address: str
    label: str
    file: str
    doc: m.Document | None
    original: Original | None = None
    """The original file beside it that its page offers for download (``2025-budget.pdf``)."""


@dataclass(slots=True)
class Loaded:
    """One side loaded and validated."""

    content: Content | None
    docs: dict[str, DocFile]
    problems: list[Problem]
    unit: str
    loose: dict[str, Path] = field(default_factory=dict)
    """Files under documents/ of a kind offered for download that no document offers (no YAML file of that name)."""


ORIGINAL_FIELD = "original"

ORIGINAL_LABEL = "原文文件（供读者下载）"

NO_ORIGINAL = "（无：页面不提供原文下载）"

STATUS_WORDS = {"added": "新增", "removed": "删除", "changed": "修改", "moved": "移动文件", "readdressed": "网址改变", "shared": "网址冲突", "orphaned": "原文文件没有对应的文档"}

STATE_WORDS = {
    "number": "数字",
    "empty": "空（未填）",
    "na": "不适用",
    "text": "文字",
    "missing": "无法读取",
    "absent": "无此项",
}

MOVED_WORDS = {"table": "表", "indicators": "绩效指标表", "scores": "评分表"}
"""A block that moved is named as a whole (“表“…””), not by its text as a changed one is (“表格文字”)."""

BLOCK_WORDS = {
    "heading": "标题",
    "text": "正文",
    "list": "列表",
    "goals": "分项绩效目标",
    "table": "表格文字",
    "indicators": "绩效指标表文字",
    "scores": "评分表文字",
    "people": "评价人员",
    "signature": "落款",
    "glossary": "名词解释",
}


def rounding_of(f: FigureChange) -> Decimal:
    """The coarser of the two figures' rounding, in the new unit: 9101.68 万元 is 91016800 元 give or take 50 元."""
    assert f.new is not None
    half = half_unit(f.new)
    if f.old is not None and f.old_unit in UNIT_FACTORS and f.new_unit in UNIT_FACTORS:
        half = max(half, half_unit(f.old) * UNIT_FACTORS[f.old_unit] / UNIT_FACTORS[f.new_unit])
    return half


def rescaled_only(f: FigureChange) -> bool:
    """Is ``f`` a figure printed in another unit, converted, with the same amount (within the figures' rounding)?"""
    if f.old_unit == f.new_unit or f.old_state != "number" or f.new_state != "number":
        return False
    if f.difference is None or f.new is None:
        return False
    return f.difference == 0 or abs(f.difference) <= rounding_of(f)


NO_ROW_NAME = "（无行名）"
"""The row of a figure whose row prints no name (the single row of a Shanghai “三公” table)."""
