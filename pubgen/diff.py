"""What a change moves: documents, figures, text and check problems between two git revisions.

:func:`diff_project` reads ``content/`` at each side (a revision through
:mod:`pubgen.revision`, or the working tree), loads and validates both, and compares them as
data (:class:`ContentDiff`); :func:`render` prints that as a Markdown
pull-request comment, plain text or JSON. Documents are matched by their
address (department, year, kind), never by file path, so moving a file changes
nothing a reader sees; a file that cannot be read, which has no address, is the
document its path holds on the other side. A document removed at one address and
added at another (a department's slug renamed, a year corrected) is paired with
its old self and reported as an address change, compared as any changed document.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import stat
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from . import model as m
from .errors import PubgenError
from .escape import gfm_html_text, gfm_text, log_text
from .exact import exactly
from .evaluation_view import goal_labels, indicator_label, indicator_view, number_for, scores_view
from .figures import figures
from .checks.rounding import UNIT_FACTORS, half_unit
from .load import Content, load, source_name, yaml_files
from .problems import LEVEL_NAMES, Problem, Severity
from .provenance import ORIGINAL_SUFFIXES, Original, original_of
from .revision import RevisionUnreadable, extract_tree, git_said, run_git
from .validate import validate

FORMATS = ("markdown", "text", "json")
CONTEXT = 20
"""Characters of unchanged text shown on each side of a change."""
LONG_NARRATIVE = 300
"""A text change longer than this (in characters shown) folds into <details>."""
LONG_FIGURES = 40
"""More figure changes than this fold into <details>."""


DiffError = RevisionUnreadable
"""A revision could not be read: unknown revision, no repository, no git."""


# --------------------------------------------------------------------------- results as data


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

    @property
    def new_errors(self) -> list[ProblemChange]:
        """Introduced problems that stop publication."""
        return [p for p in self.introduced if p.problem.severity is Severity.ERROR]

    @property
    def empty(self) -> bool:
        return not (self.documents or self.figures or self.rescaled or self.narrative or self.fields or self.files or self.introduced or self.fixed or self.acknowledged or self.unchecked)

    def count(self, status: str) -> int:
        """How many documents have ``status``."""
        return sum(1 for d in self.documents if d.status == status)


# --------------------------------------------------------------------------- reading revisions


def diff_project(root: Path, base: str, head: str | None = None, *, merge_base: bool = False) -> ContentDiff:
    """Compare the project's content at ``base`` with ``head`` (a revision, or the working tree when ``None``)."""
    if not root.is_dir():
        raise DiffError(f"项目目录 {root} 不存在。")
    top, prefix = _repository(root)
    if merge_base:
        base = _merge_base(root, base, head or "HEAD")
    with tempfile.TemporaryDirectory(prefix="pubgen-diff-") as tmp:
        old_side, old = _read_side(root, top, prefix, base, Path(tmp) / "base")
        new_side, new = _read_side(root, top, prefix, head, Path(tmp) / "head")
        return compare(old_side, old, new_side, new)


def _repository(root: Path) -> tuple[Path, str]:
    """The repository's top folder, and the project folder's place inside it (``""`` at the top)."""
    proc = run_git(root, "rev-parse", "--show-toplevel", "--show-prefix")
    if proc.returncode != 0:
        raise DiffError(f"{root} 不在 git 仓库中：pubgen diff 比较的是 git 版本。{git_said(proc)}")
    top, _, prefix = proc.stdout.decode("utf-8").partition("\n")
    return Path(top.strip()), prefix.strip()


def _check_rev(rev: str) -> None:
    if not rev.strip() or rev.startswith("-"):
        raise DiffError(f"“{rev}”不是有效的 git 版本。")


def _resolve(root: Path, rev: str, kind: str) -> str | None:
    proc = run_git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{{kind}}}")
    return proc.stdout.decode().strip() if proc.returncode == 0 else None


def _unknown(rev: str) -> DiffError:
    return DiffError(
        f"找不到 git 版本“{rev}”：请检查分支名、标签或提交号"
        "（在 CI 中比较基准分支前，可能需要先 git fetch 该分支，或在检出时取回完整历史）。"
    )


def _merge_base(root: Path, base: str, head: str) -> str:
    for rev in (base, head):
        _check_rev(rev)
        if _resolve(root, rev, "commit") is None:
            raise _unknown(rev)
    proc = run_git(root, "merge-base", base, head)
    if proc.returncode != 0:
        raise DiffError(f"“{base}”与“{head}”没有共同的祖先提交，无法按 --merge-base 比较。")
    return proc.stdout.decode().strip()


def _read_side(root: Path, top: Path, prefix: str, rev: str | None, tmp: Path) -> tuple[Side, Content | None]:
    """Load one side's content; ``None`` when that side has no content folder."""
    if rev is None:
        folder = root / "content"
        if not folder.is_dir():
            return Side(None, None, "工作区中没有 content/ 目录"), None
        return Side(None), load(folder)
    _check_rev(rev)
    tree = _resolve(root, rev, "tree")
    if tree is None:
        raise _unknown(rev)
    commit = _resolve(root, rev, "commit") or tree
    where = f"{prefix}content"
    found = run_git(root, "rev-parse", "--verify", "--quiet", f"{tree}:{where}")
    oid = found.stdout.decode().strip() if found.returncode == 0 else ""
    if not oid or run_git(root, "cat-file", "-t", oid).stdout.decode().strip() != "tree":
        return Side(rev, commit, f"该版本中没有 {where}/ 目录"), None
    folder = tmp / "content"
    folder.mkdir(parents=True)
    notices = extract_tree(top, oid, folder, rev)
    content = load(folder)
    content.problems.extend(notices)
    return Side(rev, commit), content


# --------------------------------------------------------------------------- comparing


@dataclass(slots=True)
class _Doc:
    """A document file on one side: loaded, or unreadable (its problems say why)."""

    address: str
    label: str
    file: str
    doc: m.Document | None
    original: Original | None = None
    """The original file beside it that its page offers for download (``2025-budget.pdf``)."""


@dataclass(slots=True)
class _Loaded:
    """One side loaded and validated."""

    content: Content | None
    docs: dict[str, _Doc]
    problems: list[Problem]
    unit: str
    loose: dict[str, Path] = field(default_factory=dict)
    """Files under documents/ of a kind offered for download that no document offers (no YAML file of that name)."""


_DOC_PATH = re.compile(r"^content/documents/(?P<dept>.+)/(?P<year>\d{4})-(?P<kind>budget|final-accounts|self-evaluation)\.ya?ml$")


def _side(content: Content | None) -> _Loaded:
    if content is None:
        return _Loaded(None, {}, [], "万元")
    report = validate(content)
    base = content.root.parent
    sources = yaml_files(content.root / "documents")
    originals = {source_name(path, base): original_of(path) for path in sources}
    found: list[_Doc] = []
    loaded_files = set()
    for item in content.documents:
        doc: m.Document = item.record
        address = m.document_address(doc).rstrip("/")
        dept = content.departments.get(doc.department)
        name = dept.record.name if dept else doc.department
        found.append(_Doc(address, m.document_label(doc, name), item.source.name, doc, originals.get(item.source.name)))
        loaded_files.add(item.source.name)
    for path in sources:
        name = source_name(path, base)
        if name in loaded_files:
            continue
        match = _DOC_PATH.match(name)
        address = f"{match['dept']}/{match['year']}/{match['kind']}" if match else name
        found.append(_Doc(address, f"{name}（无法读取）", name, None))
    # A document is keyed by its address; documents that claim one address are each keyed by their file as well, none
    # taking the address for itself: which file loads first says nothing of which one held the address before.
    claims = Counter(d.address for d in found)
    docs = {(d.address if claims[d.address] == 1 else f"{d.address}#{d.file}"): d for d in found}
    unit = content.site.unit if content.site else "万元"
    offered = {source_name(o.path, base) for o in originals.values() if o is not None}
    return _Loaded(content, docs, report.problems, unit, _loose_originals(content, offered))


def _loose_originals(content: Content, offered: set[str]) -> dict[str, Path]:
    """Files under documents/ of a kind a page offers for download (PDF, OFD, Excel, Word) that no page offers."""
    out: dict[str, Path] = {}
    for folder, dirs, files in os.walk(content.root / "documents"):  # links to folders are not followed
        dirs.sort()
        for file in sorted(files):
            path = Path(folder, file)
            name = source_name(path, content.root.parent)
            if path.suffix.lower() in ORIGINAL_SUFFIXES and not file.startswith(".") and name not in offered:
                out[name] = path
    return out


def _pair_unreadable(old: _Loaded, new: _Loaded) -> None:
    """Give a file that cannot be read on one side the address of the document the same file holds on the other.

    An unreadable file has no address of its own (its fields cannot be read): keyed by its path, it would show as
    one document removed and another added, and the old document's problems as solved. Whatever its name — a unit
    document, a project's self-evaluation, a freely named file — the same path is the same document.
    """
    for this, other in ((new, old), (old, new)):
        readable = {d.file: key for key, d in other.docs.items() if d.doc is not None}
        for key, d in list(this.docs.items()):
            if d.doc is not None or key in other.docs:
                continue
            match = readable.get(d.file)
            if match is None or match in this.docs:
                continue
            del this.docs[key]
            this.docs[match] = _Doc(other.docs[match].address, d.label, d.file, None)


@exactly
def compare(base: Side, old_content: Content | None, head: Side, new_content: Content | None) -> ContentDiff:
    """Compare two loaded contents; files are read again only to compare non-document files and unreadable documents."""
    old, new = _side(old_content), _side(new_content)
    _pair_unreadable(old, new)
    result = ContentDiff(base, head)
    readdressed = _pair_shared(old, new)
    readdressed |= _pair_readdressed(old, new, readdressed)
    sharing = _sharing(new)
    blocks: dict[str, dict[int, int]] = {}
    """For each document compared, where each old block is printed now (by position in ``body``)."""
    was = {new_key: old_key for new_key, old_key in readdressed.items()}
    paired_old = set(readdressed.values())
    keys = list(new.docs) + [k for k in old.docs if k not in new.docs and k not in paired_old]
    for key in sorted(keys, key=lambda k: (new.docs.get(k) or old.docs[k]).file):
        a, b = old.docs.get(was.get(key, key)), new.docs.get(key)
        shared_with = tuple(f for f in sharing.get(b.address, ()) if f != b.file) if b is not None else ()
        if a is None and b is not None:
            result.documents.append(
                DocumentChange(b.address, b.label, "added", None, b.file, _count_figures(b.doc, new.unit), _offered(b.original), shared_with=shared_with)
            )
            continue
        if b is None and a is not None:
            result.documents.append(DocumentChange(a.address, a.label, "removed", a.file, None, _count_figures(a.doc, old.unit), _offered(a.original)))
            continue
        assert a is not None and b is not None
        label = b.label if b.doc is not None else a.label
        if a.doc is None or b.doc is None:
            if a.doc is None and b.doc is None:
                if _same_bytes(old_content, new_content, a.file, b.file):
                    continue
                note = "两个版本都无法读取，见检查问题"
            else:
                note = "新版本无法读取，见检查问题" if b.doc is None else "旧版本无法读取"
            result.documents.append(DocumentChange(b.address, label, "changed", a.file, b.file, note=note))
            continue
        before = (len(result.figures), len(result.rescaled), len(result.narrative), len(result.fields))
        pairs = _compare_document(result, b.address, label, a.doc, b.doc, old.unit, new.unit)
        blocks[key] = {o: n for o, n in pairs if o is not None and n is not None}
        _compare_original(result, b.address, label, a.original, b.original)
        changed = (len(result.figures), len(result.rescaled), len(result.narrative), len(result.fields)) != before
        if a.address != b.address:
            result.documents.append(
                DocumentChange(
                    b.address, label, "shared" if shared_with else "readdressed", a.file, b.file, note="" if changed else "内容未变",
                    old_document=a.address, old_label=a.label if a.label != label else None, shared_with=shared_with,
                )
            )
        elif changed:
            result.documents.append(DocumentChange(b.address, label, "changed", a.file, b.file, shared_with=shared_with))
        elif a.file != b.file:
            result.documents.append(DocumentChange(b.address, label, "moved", a.file, b.file))
    result.files = _compare_files(old_content, new_content) + _compare_loose(old, new, result.documents)
    result.introduced, result.fixed, result.unchecked = _compare_problems(old, new, {o: n for n, o in readdressed.items()}, blocks)
    result.introduced, result.fixed, result.acknowledged = _acknowledged(result.introduced, result.fixed)
    return result


SAME_DOCUMENT = 0.6
"""How much of two documents' content must agree for one removed and one added to be the same document readdressed."""


FEW_FIGURES = 3
"""Documents that both print fewer figures than this are compared by their text to find the same document readdressed."""


def _sharing(side: _Loaded) -> dict[str, list[str]]:
    """The addresses that several readable documents claim, each with their files (the check's duplicate-document)."""
    files: dict[str, list[str]] = {}
    for d in side.docs.values():
        if d.doc is not None:
            files.setdefault(d.address, []).append(d.file)
    return {address: names for address, names in files.items() if len(names) > 1}


def _pair_shared(old: _Loaded, new: _Loaded) -> dict[str, str]:
    """Documents at an address several claim (before or after), each paired with the same file on the other side.

    A year corrected into the address of another year's document that is already there: the untouched document is
    neither added nor moved, and the edited one is compared with its own old version (new key → old key).
    """
    shared = set(_sharing(old)) | set(_sharing(new))
    if not shared:
        return {}
    files = {d.file: k for k, d in old.docs.items() if k not in new.docs}
    out: dict[str, str] = {}
    for key, d in new.docs.items():
        o = files.get(d.file)
        if key not in old.docs and o is not None and (d.address in shared or old.docs[o].address in shared):
            out[key] = o
    return out


def _pair_readdressed(old: _Loaded, new: _Loaded, paired: dict[str, str] | None = None) -> dict[str, str]:
    """Documents whose address changed: each added one paired with the removed one it was (new key → old key).

    A department's slug renamed, its region moved, a year or kind corrected, a file renamed with them: the address
    changes and every link to the old page stops working, but it is the same document, and what changed in it must be
    compared as for any changed document. The same one is the one with the same label (department name, year, kind
    and variant), or else the one of the same scope (a department's, a unit's) whose figures are largely the same.
    Only two documents that both print hardly any
    figures are told apart by their text: documents of one template (a unit's budgets of two years) share their
    headings and stock sentences, and a document with many figures none of which the other prints is another one
    (a 2019 决算 withdrawn and a 2021 one added), which the reviewer must see as removed and added.
    """
    paired = paired or {}
    gone = set(paired.values())
    removed = [k for k, d in old.docs.items() if k not in new.docs and k not in gone and d.doc is not None]
    added = [k for k, d in new.docs.items() if k not in old.docs and k not in paired and d.doc is not None]
    if not removed or not added:
        return {}
    labels: dict[str, tuple[list[str], list[str]]] = {}
    for k in removed:
        labels.setdefault(old.docs[k].label, ([], []))[0].append(k)
    for k in added:
        labels.setdefault(new.docs[k].label, ([], []))[1].append(k)
    out: dict[str, str] = {}
    # One removed and one added of the same label (department, year, kind and variant): the same document.
    for olds, news in labels.values():
        if len(olds) == 1 and len(news) == 1:
            out[news[0]] = olds[0]
    taken = set(out.values())
    removed = [k for k in removed if k not in taken]
    added = [k for k in added if k not in out]
    if not removed or not added:
        return out
    # Each document's figures are read once, and only pairs that print a figure in common are scored: scoring every
    # removed document against every added one took minutes when a region's slug changed under hundreds of them.
    prints_old = {k: _fingerprint(old.docs[k].doc, old.unit) for k in removed}
    prints_new = {k: _fingerprint(new.docs[k].doc, new.unit) for k in added}
    totals = {("old", k): sum(p.values()) for k, p in prints_old.items()} | {("new", k): sum(p.values()) for k, p in prints_new.items()}
    holders: dict[tuple[str, str | None], list[tuple[str, int]]] = {}
    for o in removed:
        for figure, count in prints_old[o].items():
            holders.setdefault(figure, []).append((o, count))
    common: Counter[tuple[str, str]] = Counter()
    for n in added:
        for figure, count in prints_new[n].items():
            for o, held in holders.get(figure, ()):
                common[(o, n)] += min(held, count)
    pairs = set(common)
    # Documents that both print hardly any figures are compared by their text, each document's text read once.
    few_old = [k for k in removed if totals[("old", k)] < FEW_FIGURES]
    few_new = [k for k in added if totals[("new", k)] < FEW_FIGURES]
    texts = {("old", k): [_block_text(x) for x in _body(old.docs[k].doc)] for k in few_old}
    texts |= {("new", k): [_block_text(x) for x in _body(new.docs[k].doc)] for k in few_new}
    pairs |= {(o, n) for o in few_old for n in few_new}
    # Several removed and added of one label: the pair with the most figures in common first.
    pairs |= {(o, n) for olds, news in labels.values() if len(olds) > 1 or len(news) > 1 for o in olds for n in news if o not in taken and n not in out}
    candidates: list[tuple[float, str, str]] = []
    for o, n in pairs:
        a, b = old.docs[o], new.docs[n]
        most = max(totals[("old", o)], totals[("new", n)])
        alike = common[(o, n)] / most if most else 0.0
        if most < FEW_FIGURES:
            alike = max(alike, _text_likeness(texts[("old", o)], texts[("new", n)]))
        same_label = a.label == b.label
        if not same_label and _scope(a.doc) != _scope(b.doc):
            continue  # a department's document and a unit's are two disclosures, however many figures they share
        if same_label or alike >= SAME_DOCUMENT:
            candidates.append(((1.0 if same_label else 0.0) + alike, o, n))
    for _, o, n in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if n not in out and o not in taken:
            out[n] = o
            taken.add(o)
    return out


def _scope(doc: m.Document | None) -> str | None:
    return None if doc is None else doc.scope


def _fingerprint(doc: m.Document | None, unit: str) -> Counter[tuple[str, str | None]]:
    """The figures a document prints, each with the field that names it."""
    return Counter() if doc is None else Counter((f.field, f.text) for f in figures(doc, unit) if f.state == "number")


def _body(doc: m.Document | None) -> list[Any]:
    return [] if doc is None else list(doc.body)


def _text_likeness(texts_a: list[str], texts_b: list[str]) -> float:
    """How alike two documents' text is, block by block (0 to 1), from each block's text."""
    if not texts_a or not texts_b:
        return 0.0
    return SequenceMatcher(None, texts_a, texts_b, autojunk=False).ratio()


def _same_bytes(old: Content | None, new: Content | None, a: str, b: str) -> bool:
    if old is None or new is None:
        return False
    return _same_file(old.root.parent / a, new.root.parent / b)


def _same_file(a: Path, b: Path) -> bool:
    """Are both regular files (not links, pipes or devices) with the same bytes? Compared piece by piece, never whole."""
    try:
        return stat.S_ISREG(a.lstat().st_mode) and stat.S_ISREG(b.lstat().st_mode) and filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


ORIGINAL_FIELD = "original"
ORIGINAL_LABEL = "原文文件（供读者下载）"
NO_ORIGINAL = "（无：页面不提供原文下载）"


def _original_text(original: Original | None, more: str = "") -> str | None:
    return None if original is None else f"{original.path.name}（{original.kind}，{original.size_text}{more}）"


def _offered(original: Original | None) -> str:
    """What an added or removed document's line says of its original file."""
    return "" if original is None else f"附原文文件 {_original_text(original)}"


def _compare_original(result: ContentDiff, address: str, label: str, a: Original | None, b: Original | None) -> None:
    """The original a document's page offers for download: added, removed, or another file put in its place."""
    if a is None and b is None or a is not None and b is not None and _same_file(a.path, b.path):
        return
    old, new = _original_text(a), _original_text(b)
    if old == new:
        new = _original_text(b, "，文件内容已更换")
    result.fields.append(FieldChange(address, label, ORIGINAL_FIELD, ORIGINAL_LABEL, old, new))


def _compare_loose(old: _Loaded, new: _Loaded, documents: list[DocumentChange]) -> list[FileChange]:
    """Original files that no page offers: newly so (a YAML file renamed without its PDF), or added so, or removed."""
    renamed = {d.old_file: d.new_file for d in documents if d.old_file and d.new_file and d.old_file != d.new_file}
    base = old.content.root.parent if old.content is not None else Path()
    before = {source_name(d.original.path, base): d for d in old.docs.values() if d.original is not None}
    out = []
    for name, path in new.loose.items():
        was = old.loose.get(name)
        if was is not None and _same_file(was, path):
            continue  # no page offered it before either, and it is the same file
        out.append(FileChange(name, "orphaned", note=_loose_reason(name, path, before.get(name), renamed)))
    for name in old.loose:
        # One a page now offers is told as that document's change; one gone altogether was never published.
        if name not in new.loose and (new.content is None or not os.path.lexists(new.content.root.parent / name)):
            out.append(FileChange(name, "removed"))
    return sorted(out, key=lambda f: f.name)


def _loose_reason(name: str, path: Path, document: _Doc | None, renamed: dict[str, str]) -> str:
    """Why no page offers an original file, and what to do."""
    kind = ORIGINAL_SUFFIXES[path.suffix.lower()]
    source = Path(name).with_suffix(".yml")
    beside = [p for p in (path.with_suffix(".yml"), path.with_suffix(".yaml")) if os.path.lexists(p)]
    if beside:
        if path.is_symlink():
            return "它是一个链接，页面只提供普通文件下载：请放入文件本身"
        if path.suffix != path.suffix.lower():
            return f"扩展名要写成小写（{path.suffix.lower()}），页面才会提供下载"
        return f"它不是有效的 {kind} 文件（文件开头不对，可能是下载失败时保存的网页），页面不提供下载：请换成原文文件"
    moved = renamed.get(document.file) if document is not None else None
    if moved:
        target = Path(moved).with_suffix(path.suffix).name
        return f"文档文件已改名为 {Path(moved).name}，原文文件没有随之改名，页面不再提供下载：请把它改名为 {target}"
    return f"没有与它同名的文档文件（如 {source.name}），页面不提供下载：原文文件要与文档的 .yml 文件同名"


def _count_figures(doc: m.Document | None, unit: str) -> int:
    return 0 if doc is None else sum(1 for f in figures(doc, unit) if f.state == "number")


# ----- header fields

_HEADER = (
    "title", "attachment", "issuer", "report_date", "published", "approved", "budget_code", "unit", "source_url",
    "evaluation", "contact", "changes",
)


def _show(value: Any) -> str | None:
    if value is None or value == []:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, m.Model):
        parts = []
        for name, info in type(value).model_fields.items():
            shown = _show(getattr(value, name))
            if shown is not None:
                parts.append(f"{info.title or name}：{shown}")
        return "；".join(parts) or None
    if isinstance(value, list):
        return "\n".join(s for s in (_show(v) for v in value) if s is not None)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _compare_header(result: ContentDiff, address: str, label: str, a: m.Document, b: m.Document) -> None:
    for name in _HEADER:
        old, new = _show(getattr(a, name)), _show(getattr(b, name))
        if old != new:
            title = m.Document.model_fields[name].title or name
            result.fields.append(FieldChange(address, label, name, title, old, new))
    acks_a = {(k.code, k.field): k for k in a.acknowledgements}
    acks_b = {(k.code, k.field): k for k in b.acknowledgements}
    for key in list(acks_b) + [k for k in acks_a if k not in acks_b]:
        old = _ack(acks_a.get(key))
        new = _ack(acks_b.get(key))
        if old != new:
            result.fields.append(
                FieldChange(address, label, f"acknowledgements.{key[0]}.{key[1]}", f"已确认的差异（{key[0]}，{key[1]}）", old, new)
            )


def _ack(ack: m.Acknowledgement | None) -> str | None:
    if ack is None:
        return None
    figures = []
    if ack.stated is not None:
        figures.append(f"原文 {ack.stated}")
    if ack.computed is not None:
        figures.append(f"计算 {ack.computed}")
    return (f"{'，'.join(figures)}：" if figures else "") + ack.reason


# ----- blocks


def _compare_document(
    result: ContentDiff, address: str, label: str, a: m.Document, b: m.Document, unit_a: str, unit_b: str
) -> list[tuple[int | None, int | None]]:
    """Compare two versions of a document into ``result``; return how their blocks pair (old position, new position)."""
    start = len(result.figures)
    pairs = _compare_blocks(result, address, label, a, b, unit_a, unit_b)
    _group_rescaled(result, start)
    return pairs


def _group_rescaled(result: ContentDiff, start: int) -> None:
    """Take the figures only printed in another unit (amount the same within rounding) out of ``result.figures``, one line per table."""
    groups: dict[tuple[str, str, str], list[FigureChange]] = {}
    kept: list[FigureChange] = []
    for f in result.figures[start:]:
        if rescaled_only(f):
            # The two sides of a two-sided table (收入 | 支出) are one table to a reader.
            groups.setdefault((f.table_title or f.table, f.old_unit, f.new_unit), []).append(f)
        else:
            kept.append(f)
    if not groups:
        return
    result.figures[start:] = kept
    for (_, old_unit, new_unit), changes in groups.items():
        first = changes[0]
        result.rescaled.append(UnitChange(first.document, first.document_label, first.table, first.table_title, old_unit, new_unit, tuple(changes)))


def _compare_blocks(
    result: ContentDiff, address: str, label: str, a: m.Document, b: m.Document, unit_a: str, unit_b: str
) -> list[tuple[int | None, int | None]]:
    _compare_header(result, address, label, a, b)
    _compare_points(result, address, label, _header_points(a), _header_points(b))
    figs_a, figs_b = _table_points(a, unit_a), _table_points(b, unit_b)
    sections_a, sections_b = _sections(a), _sections(b)
    pairs = _pair_blocks(a.body, b.body)
    moved = _moved(pairs)
    for oi, ni in pairs:
        old_block = a.body[oi] if oi is not None else None
        new_block = b.body[ni] if ni is not None else None
        old_points = _block_points(old_block, oi, figs_a) if oi is not None else {}
        new_points = _block_points(new_block, ni, figs_b) if ni is not None else {}
        _compare_points(result, address, label, old_points, new_points)
        old_text = _block_text(old_block) if old_block is not None else ""
        new_text = _block_text(new_block) if new_block is not None else ""
        if (oi, ni) in moved and new_block is not None and oi is not None and ni is not None:
            # The page prints it elsewhere: a table moved to another section is a change a reader sees.
            where = (
                f"从“{sections_a[oi] or '文首'}”一节移到“{sections_b[ni] or '文首'}”一节"
                if sections_a[oi] != sections_b[ni]
                else _moved_within(b.body, ni)
            )
            result.narrative.append(
                NarrativeChange(address, label, sections_b[ni], new_block.type, _block_title(new_block), "moved", (Hunk((Segment("equal", where),)),))
            )
        if old_text == new_text:
            continue
        block = new_block if new_block is not None else old_block
        assert block is not None
        section = sections_b[ni] if ni is not None else sections_a[oi] if oi is not None else ""
        status = "changed" if old_block is not None and new_block is not None else "added" if new_block is not None else "removed"
        hunks = _item_hunks(old_block, new_block) if status == "changed" else ()
        if status == "changed" and ni is not None:
            _compare_text_figures(result, address, label, old_block, new_block, ni, section)
        result.narrative.append(
            NarrativeChange(address, label, section, block.type, _block_title(block), status, hunks or text_hunks(old_text, new_text))
        )
    return pairs


_NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")
"""A number in running text, perhaps with thousands separators (2,389.52); “第1,2项” is not one number."""
_UNIT_AFTER = re.compile(
    r"(亿元|万元|千元|元|个百分点|百分点|人次|人|辆|台|个|项|次|户|家|天|平方米|公里|吨|套|份|篇|场|件|所|座|条|批|月)"
)
_CLAUSE_ENDS = "。！？；\n"
TEXT_CONTEXT = 30
"""Characters of the words before a figure in running text that name it."""


def _compare_text_figures(result: ContentDiff, address: str, label: str, old: Any, new: Any, ni: int, section: str) -> None:
    """Figures printed in running text that changed, as figure changes: old → new with the words before them and their unit.

    The narrative's figures are published figures as much as the tables' are: 年初预算为1560.05万元 → 1650.05万元
    is a changed figure, not only changed characters. A number is taken as changed when the character diff replaces
    one whole number by another; a number only added or removed with its words is a text change.
    """
    if not isinstance(old, (m.Text, m.ListBlock, m.Goals)) or type(old) is not type(new):
        return
    pairs: list[tuple[str, str, str]]
    if isinstance(old, m.Text) and isinstance(new, m.Text):
        pairs = [("", _clean(old.text), _clean(new.text))]
    else:
        a, b = _items(old) or [], _items(new) or []
        pairs = []
        matcher = SequenceMatcher(None, [t for _, t in a], [t for _, t in b], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "replace":
                for k in range(min(i2 - i1, j2 - j1)):
                    item = b[j1 + k][1]
                    pairs.append((_head(item), a[i1 + k][1], item))
    title = f"{BLOCK_WORDS.get(new.type, new.type)}（{section}）" if section else BLOCK_WORDS.get(new.type, new.type)
    for head, old_text, new_text in pairs:
        for context, was, now, unit in text_figures(old_text, new_text):
            if head and not context.startswith(head):
                context = f"{head}…{context.lstrip('…')}"
            difference = _number(now) - _number(was)
            result.figures.append(
                FigureChange(address, label, f"body.{ni}", title, "", context, "", "", was, now, "number", "number", unit, unit, difference, in_text=True)
            )


def _head(item: str) -> str:
    """The first words of a list item, which name what it is about (“一般公共服务支出（类）财政事务（款）行政运行（项）”)."""
    first = sentences(item)[0] if item.strip() else ""
    return first if len(first) <= TEXT_CONTEXT else first[:TEXT_CONTEXT] + "…"


def _number(text: str) -> Decimal:
    return Decimal(text.rstrip("%").replace(",", ""))


def text_figures(old: str, new: str) -> list[tuple[str, str, str, str]]:
    """The numbers a text's changed sentences replace: (words before it in the new text, old, new, unit after it)."""
    a, b = sentences(old), sentences(new)
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "replace":
            continue
        segments = char_diff(_glue(a[i1:i2]), _glue(b[j1:j2]))
        before = ""
        for k, s in enumerate(segments):
            following = segments[k + 1] if k + 1 < len(segments) else None
            if s.op == "delete" and following is not None and following.op == "insert":
                was, now = s.text, following.text
                after = segments[k + 2].text if k + 2 < len(segments) and segments[k + 2].op == "equal" else ""
                if _NUMBER.fullmatch(was) and _NUMBER.fullmatch(now) and not _is_year(was, after) and not _is_year(now, after):
                    unit = "%" if now.endswith("%") else (_UNIT_AFTER.match(after) or [""])[0]
                    clause = before[max(before.rfind(c) for c in _CLAUSE_ENDS) + 1 :]
                    context = clause if len(clause) <= TEXT_CONTEXT else "…" + clause[-TEXT_CONTEXT:]
                    out.append((context or "（句首）", was, now, unit))
            if s.op != "delete":
                before += s.text
    return out


def _is_year(number: str, after: str) -> bool:
    """``2023年``: a year, not a figure."""
    return len(number) == 4 and number.isdigit() and after.startswith("年")


def _items(block: Any) -> list[tuple[str, str]] | None:
    """A list's (or the goals') items as (printed number, text), or None for a block that has no items."""
    if isinstance(block, m.ListBlock):
        numbered = block.ordered or block.numbers
        return [(number_for(block, i) if numbered else "", _clean(item)) for i, item in enumerate(block.items)]
    if isinstance(block, m.Goals):
        goal_label, indicators_label, result_label = goal_labels(block)
        return [
            (
                number_for(block, i),
                _join(goal.title, _labelled(goal_label, goal.goal), _labelled(indicators_label, goal.indicators), _labelled(result_label, goal.result)),
            )
            for i, goal in enumerate(block.items)
        ]
    return None


def _item_hunks(old: Any, new: Any) -> tuple[Hunk, ...]:
    """A list's changes item by item: which item was added, removed or edited; items only renumbered, in one line.

    Told as one text, an item inserted near the top of a list would show every later item's number changed,
    all run together.
    """
    if type(old) is not type(new):
        return ()
    if isinstance(old, m.Indicators) and isinstance(new, m.Indicators):
        return _indicator_hunks(old, new)
    a, b = _items(old), _items(new)
    if a is None or b is None:
        return ()
    hunks: list[Hunk] = []

    def add(label: str, old_text: str, new_text: str) -> None:
        hunks.extend(Hunk(h.segments, label) for h in text_hunks(old_text, new_text))

    add("标题", _clean(old.title), _clean(new.title))
    renumbered: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, [t for _, t in a], [t for _, t in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        paired = min(i2 - i1, j2 - j1) if tag in ("equal", "replace") else 0
        for k in range(paired):
            (old_number, old_text), (new_number, new_text) = a[i1 + k], b[j1 + k]
            if old_text == new_text:
                if old_number != new_number:
                    renumbered.append((old_number, new_number))
            else:
                moved = f"（原第 {i1 + k + 1} 项）" if i1 != j1 else ""
                add(f"第 {j1 + k + 1} 项{moved}", old_text, new_text)
        for i in range(i1 + paired, i2):
            add(f"删除原第 {i + 1} 项", a[i][1], "")
        for j in range(j1 + paired, j2):
            add(f"新增第 {j + 1} 项", "", b[j][1])
    if renumbered:
        first_old, first_new = renumbered[0]
        example = f"{first_old or '无编号'} → {first_new or '无编号'}"
        example = f"（如 {example}）" if len(renumbered) > 1 else f"（{example}）"
        hunks.append(Hunk((Segment("equal", f"另有 {len(renumbered)} 项内容未变，只是编号改变{example}"),), "编号"))
    return tuple(hunks)


_INDICATOR_TEXT = ("level1", "level2", "description", "target", "unit", "basis", "completion", "reason_category", "reason", "improvement", "scoring_rule")
"""The words of an indicator row, each compared on its own and named by its column (实际完成值 is a figure)."""


def _indicator_hunks(old: m.Indicators, new: m.Indicators) -> tuple[Hunk, ...]:
    """An indicator table's changes named by indicator and column: “委托业务报告合格率 · 偏差原因”.

    Told as one line per row, the indicator's name was cut to its last characters and the column not named at all.
    """
    hunks: list[Hunk] = []

    def add(label: str, old_text: str | None, new_text: str | None) -> None:
        hunks.extend(Hunk(h.segments, label) for h in text_hunks(_clean(old_text), _clean(new_text)))

    add("标题", old.title, new.title)
    add("对应预算项目", old.project, new.project)
    add(indicator_label(new, "goal"), old.goal, new.goal)
    add(indicator_label(new, "result"), old.result, new.result)
    columns = ["、".join(cell.text for header in indicator_view(block).header for cell in header) for block in (old, new)]
    add("栏目", *columns)

    def keyed(rows: list[m.Indicator]) -> dict[tuple[str, int], tuple[int, m.Indicator]]:
        """Rows by name and by which of that name they are: two rows may share a name (one 三级指标 under two
        二级指标, a name cut short, or none at all), and each must be compared with its own old self."""
        seen: Counter[str] = Counter()
        out: dict[tuple[str, int], tuple[int, m.Indicator]] = {}
        for i, row in enumerate(rows):
            name = row.name.strip()
            seen[name] += 1
            out[(name, seen[name])] = (i, row)
        return out

    def line(block: m.Indicators, row: m.Indicator) -> str:
        return "；".join(f"{indicator_label(block, f)}：{getattr(row, f)}" for f in _INDICATOR_TEXT if getattr(row, f))

    a, b = keyed(old.rows), keyed(new.rows)
    most = Counter(name for name, _ in a) | Counter(name for name, _ in b)
    repeated = {name for name, count in most.items() if count > 1 or not name}

    def title(key: tuple[str, int], i: int, before: bool = False) -> str:
        """The indicator's name, with its row when the name does not tell it apart (“群众满意度（第 9 行）”)."""
        name = key[0]
        if name not in repeated:
            return name
        return f"{name or '无名称的指标'}（{'原' if before else ''}第 {i + 1} 行）"

    for key in list(b) + [k for k in a if k not in b]:
        if key not in a:
            i, row = b[key]
            add(f"新增指标“{title(key, i)}”", "", line(new, row))
        elif key not in b:
            i, row = a[key]
            add(f"删除指标“{title(key, i, before=True)}”", line(old, row), "")
        else:
            (_, was_row), (i, row) = a[key], b[key]
            for f in _INDICATOR_TEXT:
                was, now = getattr(was_row, f), getattr(row, f)
                add(f"{title(key, i)} · {indicator_label(new, f)}", None if was is None else str(was), None if now is None else str(now))
    return tuple(hunks)


def _sections(doc: m.Document) -> list[str]:
    """For each block, the text of the nearest heading above it."""
    out = []
    current = "文档开头"
    for block in doc.body:
        out.append(current)
        if isinstance(block, m.Heading):
            current = block.text.strip()
    return out


def _block_title(block: Any) -> str:
    if isinstance(block, m.Table):
        from .roles import table_name

        return table_name(block)
    title = getattr(block, "title", None)
    return title.strip() if isinstance(title, str) else ""


def _block_key(block: Any) -> str | None:
    """A key that names the same block on both sides, whatever moved around it."""
    if isinstance(block, m.Table) and (block.id or block.role):
        return f"table:{block.id or block.role}"
    if isinstance(block, m.Indicators) and block.id:
        return f"indicators:{block.id}"
    if isinstance(block, m.Scores):
        return f"scores:{block.id or ''}"
    return None


def _keys(body: list[Any]) -> dict[str, int]:
    found: dict[str, list[int]] = {}
    for i, block in enumerate(body):
        key = _block_key(block)
        if key:
            found.setdefault(key, []).append(i)
    return {k: v[0] for k, v in found.items() if len(v) == 1}


def _moved_within(body: list[Any], ni: int) -> str:
    """Where a block moved within its section, by the block it now stands before (or after)."""
    for other, words in ((ni + 1, "之前"), (ni - 1, "之后")):
        if 0 <= other < len(body):
            name = _block_title(body[other]) or _clean(_block_text(body[other]))[:20]
            if name:
                kind = MOVED_WORDS.get(body[other].type) or BLOCK_WORDS.get(body[other].type, "")
                return f"在本节中换了位置，现在在{kind}“{name}”{words}"
    return "在本节中换了位置"


def _moved(pairs: list[tuple[int | None, int | None]]) -> set[tuple[int | None, int | None]]:
    """The paired blocks whose moving explains the new order: those off the longest runs kept in the old order."""
    kept = sorted(((o, n) for o, n in pairs if o is not None and n is not None), key=lambda p: p[1])
    olds = [o for o, _ in kept]
    ordered = sorted(olds)
    stay = {o for m in SequenceMatcher(None, ordered, olds, autojunk=False).get_matching_blocks() for o in ordered[m.a : m.a + m.size]}
    return {pair for pair in kept if pair[0] not in stay}


def _pair_blocks(a: list[Any], b: list[Any]) -> list[tuple[int | None, int | None]]:
    """Pair the blocks of two versions: by key where they have one, else by aligning their text."""
    keys_a, keys_b = _keys(a), _keys(b)
    pairs = {keys_a[k]: keys_b[k] for k in keys_a if k in keys_b}
    rest_a = [i for i in range(len(a)) if i not in pairs]
    rest_b = [i for i in range(len(b)) if i not in set(pairs.values())]
    texts_a = {i: _block_text(a[i]) for i in rest_a}
    texts_b = {i: _block_text(b[i]) for i in rest_b}
    sig_a = [f"{a[i].type}\x00{texts_a[i]}" for i in rest_a]
    sig_b = [f"{b[i].type}\x00{texts_b[i]}" for i in rest_b]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, sig_a, sig_b, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs.update(zip(rest_a[i1:i2], rest_b[j1:j2]))
        elif tag == "replace":
            olds, news = rest_a[i1:i2], rest_b[j1:j2]
            if len(olds) == len(news) and all(a[o].type == b[n].type for o, n in zip(olds, news)):
                pairs.update(zip(olds, news))
                continue
            start = 0
            for o in olds:
                best, best_ratio = -1, 0.4
                for k in range(start, len(news)):
                    n = news[k]
                    if b[n].type != a[o].type:
                        continue
                    matcher = SequenceMatcher(None, texts_a[o], texts_b[n], autojunk=False)
                    if matcher.quick_ratio() >= best_ratio and (ratio := matcher.ratio()) >= best_ratio:
                        best, best_ratio = k, ratio
                if best >= 0:
                    pairs[o] = news[best]
                    start = best + 1
    paired_b = set(pairs.values())
    out: list[tuple[int | None, int | None]] = [(o, n) for o, n in pairs.items()]
    out += [(o, None) for o in range(len(a)) if o not in pairs]
    out += [(None, n) for n in range(len(b)) if n not in paired_b]

    def order(pair: tuple[int | None, int | None]) -> tuple[int, int, int]:
        o, n = pair
        if n is not None:
            return (n, 0, 0)
        assert o is not None
        before = max((pairs[p] for p in pairs if p < o), default=-1)
        return (before, 1, o)

    return sorted(out, key=order)


def _clean(text: str | None) -> str:
    if not text:
        return ""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(line for line in lines if line)


def _join(*parts: str | None, sep: str = "\n") -> str:
    return sep.join(p for p in (_clean(x) for x in parts) if p)


def _block_text(block: Any) -> str:
    """Everything a block prints except its figures, as lines of text."""
    if isinstance(block, m.Heading):
        return _clean(block.text)
    if isinstance(block, m.Text):
        return _clean(block.text)
    if isinstance(block, m.ListBlock):
        numbered = block.ordered or block.numbers
        return _join(block.title, *((number_for(block, i) if numbered else "") + item for i, item in enumerate(block.items)))
    if isinstance(block, m.Goals):
        lines = [block.title]
        goal_label, indicators_label, result_label = goal_labels(block)
        for i, goal in enumerate(block.items):
            lines += [
                number_for(block, i) + (goal.title or ""),
                _labelled(goal_label, goal.goal),
                _labelled(indicators_label, goal.indicators),
                _labelled(result_label, goal.result),
            ]
        return _join(*lines)
    if isinstance(block, m.Table):
        lines = [_labelled("表号", block.number), block.title, *block.notes, block.empty_note]
        for grid in block.grids():
            if isinstance(grid, m.TableSide):
                # A side of a two-sided table prints its own title, columns and rows (收入 | 支出).
                lines.append(f"栏名：{grid.title or grid.id}")
            lines += _grid_text(grid)
        lines.append(_labelled("表注", block.footnote))
        return _join(*lines)
    if isinstance(block, m.Indicators):
        view = indicator_view(block)
        lines = [
            block.title,
            _labelled("对应预算项目", block.project),
            _labelled(view.goal_label, block.goal),
            _labelled(view.result_label, block.result),
            "栏目：" + "、".join(cell.text for header in view.header for cell in header),
            _labelled("预算执行率", f"见表格 {block.execution.table}" if block.execution else None),
        ]
        for ind in block.rows:
            # 实际完成值 is compared as a figure of its row (``_actual``), not as text.
            parts = [ind.level1, ind.level2, ind.description, ind.target, ind.unit, ind.basis, ind.completion,
                     ind.reason_category, ind.reason, ind.improvement, ind.scoring_rule]
            lines.append(ind.name + "：" + " / ".join(_clean(p).replace("\n", " ") for p in parts if p))
        return _join(*lines)
    if isinstance(block, m.Scores):
        names = scores_view(block)
        return _join(
            block.title,
            "栏目：" + "、".join((names.name, names.weight, names.score, names.total, names.grade)),
            *(i.name + (f"（{i.note}）" if i.note else "") for i in block.items),
        )
    if isinstance(block, m.People):
        return _join(block.title, *("，".join(x for x in (p.name, p.title, p.unit, p.role) if x) for p in block.people))
    if isinstance(block, m.Signature):
        return _join(
            *(f"{line.label}：{line.value or '（空白）'}" for line in block.lines),
            block.by,
            block.role,
            block.seal,
            block.date.isoformat() if block.date else ("年 月 日（空白）" if block.blank_date else None),
        )
    if isinstance(block, m.FormFields):
        return _join(block.title, *(f"{item.label}：{item.value or '（空白）'}" for item in block.items))
    if isinstance(block, m.GlossaryBlock):
        return _join(*(f"{i.term}：{i.definition}" for i in block.items))
    return ""  # pragma: no cover - every block type is handled above


def _grid_text(grid: m.Grid) -> list[str]:
    """What a table, or one side of it, prints besides its figures: column names, row names, words in cells, notes."""
    columns = "、".join(" / ".join([*c.group, c.label]) + (f"（{c.unit}）" if c.unit else "") for c in grid.columns)
    lines = [f"栏目：{grid.row_header}" + (f"、{columns}" if columns else "")]
    for ri, row in enumerate(grid.rows):
        cells = grid.cells[ri] if ri < len(grid.cells) else []
        words = [c.text for c in cells if c.state == "text" and c.value is None and c.text]
        name = " ".join(x for x in (row.code, row.label.strip()) if x) or NO_ROW_NAME
        lines.append(name + ("：" + "、".join(words) if words else "") + (f"（备注：{row.note}）" if row.note else ""))
    return lines


def _labelled(label: str, text: str | None) -> str | None:
    return f"{label}：{_clean(text)}" if text and text.strip() else None


# ----- figures


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


def _header_points(doc: m.Document) -> dict[tuple[str, str], _Point]:
    title = "文档信息"
    return {
        ("score", ""): _amount("document", title, "score", "总得分", "", "", doc.score, "分"),
        ("grade", ""): _words("document", title, "grade", "评价等级", "", "", doc.grade),
    }


def _table_points(doc: m.Document, unit: str) -> dict[int, list[_Point]]:
    out: dict[int, list[_Point]] = {}
    for f in figures(doc, unit):
        out.setdefault(int(f.path[1]), []).append(
            _Point(f.table, f.table_title, f.row, f.row_label, f.column, f"{f.column_group} / {f.column_label}" if f.column_group else f.column_label, f.unit, f.text, f.state, f.value)
        )
    return out


def _block_points(block: Any, bi: int, table_points: dict[int, list[_Point]]) -> dict[tuple[str, str], _Point]:
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


def _compare_points(result: ContentDiff, address: str, label: str, a: dict[tuple[str, str], _Point], b: dict[tuple[str, str], _Point]) -> None:
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


# ----- text


_ENDS = set("。！？；!?;")
_CLOSERS = set("”’」』）)】]\"'")


def sentences(text: str) -> list[str]:
    """Split Chinese text into sentences at 。！？； and line ends, keeping the punctuation."""
    out: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            out.append("".join(current))
            current = []
            i += 1
            continue
        current.append(ch)
        end = ch in _ENDS or (
            ch == "." and i > 0 and not text[i - 1].isascii() and (i + 1 >= len(text) or not text[i + 1].isdigit())
        )
        if end:
            while i + 1 < len(text) and text[i + 1] in _CLOSERS:
                i += 1
                current.append(text[i])
            out.append("".join(current))
            current = []
        i += 1
    out.append("".join(current))
    return [s.strip() for s in out if s.strip()]


def text_hunks(old: str, new: str) -> tuple[Hunk, ...]:
    """The changed sentences of a text, each as a character diff with a little context."""
    a, b = sentences(old), sentences(new)
    hunks = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        segments: list[Segment] = []
        short = tag == "replace" and len("".join(a[i1:i2])) < CONTEXT
        if (tag != "replace" or short) and i1 > 0:
            segments.append(Segment("equal", a[i1 - 1] + _sep(a[i1 - 1])))
        segments += char_diff(_glue(a[i1:i2]), _glue(b[j1:j2]))
        if tag != "replace" and i2 < len(a):
            last = a[i2 - 1] if i2 > i1 else b[j2 - 1]
            segments.append(Segment("equal", _sep(last) + a[i2]))
        hunks.append(Hunk(_trim(segments)))
    return tuple(hunks)


def _sep(sentence: str) -> str:
    """What follows a sentence when joined to the next: nothing after punctuation, " / " after a line break."""
    return "" if not sentence or sentence[-1] in _ENDS or sentence[-1] in _CLOSERS else " / "


def _glue(parts: list[str]) -> str:
    """Join sentences, marking line breaks that ended them with " / "."""
    out = ""
    for part in parts:
        out += _sep(out) + part
    return out


_TOKEN = re.compile(r"[0-9A-Za-z.%]")


def char_diff(old: str, new: str) -> list[Segment]:
    """Character-level diff for text without spaces; whole numbers change as one."""
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("equal", old[i1:i2]))
            continue
        if i2 > i1:
            ops.append(("delete", old[i1:i2]))
        if j2 > j1:
            ops.append(("insert", new[j1:j2]))
    # A run of one or two equal characters between changes reads better as part of the change.
    absorbed: list[tuple[str, str]] = []
    for k, (op, text) in enumerate(ops):
        if op == "equal" and len(text) <= 2 and 0 < k < len(ops) - 1:
            absorbed += [("delete", text), ("insert", text)]
        else:
            absorbed.append((op, text))
    # Group each run of changes as one deletion then one insertion.
    groups: list[list[str]] = []  # [equal] or [deleted, inserted]
    for op, text in absorbed:
        if op == "equal":
            groups.append([text])
        else:
            if not groups or len(groups[-1]) == 1:
                groups.append(["", ""])
            groups[-1][0 if op == "delete" else 1] += text
    # Grow changes to whole numbers and words: "3[29→30].48" becomes "[329.48→330.48]", and "[2→3],389.52" becomes
    # "[2,389.52→3,389.52]" (a thousands separator is part of its number).
    for k, group in enumerate(groups):
        if len(group) != 2:
            continue
        if k > 0 and len(groups[k - 1]) == 1:
            before = groups[k - 1][0]
            n = _token_end(before, any(t[:1].isdigit() for t in group))
            if n and _touches(group, start=True):
                groups[k - 1][0] = before[: len(before) - n]
                group[0], group[1] = before[-n:] + group[0], before[-n:] + group[1]
        if k + 1 < len(groups) and len(groups[k + 1]) == 1:
            after = groups[k + 1][0]
            n = _token_start(after, any(t[-1:].isdigit() for t in group))
            if n and _touches(group, start=False):
                groups[k + 1][0] = after[n:]
                group[0], group[1] = group[0] + after[:n], group[1] + after[:n]
    # Two changes that growing left nothing between are one change: "[2→3],389.[52→62]" is "[2,389.52→3,389.62]".
    joined: list[list[str]] = []
    for group in groups:
        if len(group) == 2 and len(joined) >= 2 and joined[-1] == [""] and len(joined[-2]) == 2:
            joined.pop()
            joined[-1][0] += group[0]
            joined[-1][1] += group[1]
        else:
            joined.append(group)
    out: list[Segment] = []
    for group in joined:
        if len(group) == 1:
            if group[0]:
                out.append(Segment("equal", group[0]))
        else:
            if group[0]:
                out.append(Segment("delete", group[0]))
            if group[1]:
                out.append(Segment("insert", group[1]))
    return out


_WORD_CHARS = frozenset("0123456789.%ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _token_start(text: str, digit_before: bool) -> int:
    """How many characters at the start of ``text`` continue the number or word before it (a comma between digits too)."""
    n = 0
    while n < len(text):
        c = text[n]
        if c == "," and (text[n - 1].isdigit() if n else digit_before) and text[n + 1 : n + 2].isdigit():
            n += 1
        elif c in _WORD_CHARS:
            n += 1
        else:
            break
    return n


def _token_end(text: str, digit_after: bool) -> int:
    """How many characters at the end of ``text`` begin the number or word after it (a comma between digits too):
    the same reading as :func:`_token_start`, from the other end."""
    return _token_start(text[::-1], digit_after)


def _touches(group: list[str], start: bool) -> bool:
    """Does a change begin (or end) with a digit or letter, so that it splits a number or word?"""
    for text in group:
        if text and _TOKEN.match(text[0] if start else text[-1]):
            return True
    return False


def _trim(segments: list[Segment]) -> tuple[Segment, ...]:
    """Merge neighbouring context and cut it down to a few characters around each change."""
    merged: list[Segment] = []
    for s in segments:
        if merged and merged[-1].op == s.op == "equal":
            merged[-1] = Segment("equal", merged[-1].text + s.text)
        elif s.text:
            merged.append(s)
    out = []
    for k, s in enumerate(merged):
        if s.op != "equal":
            out.append(s)
            continue
        text = s.text
        first, last = k == 0, k == len(merged) - 1
        if first and last:
            continue
        if first and len(text) > CONTEXT:
            text = "…" + text[-CONTEXT:]
        elif last and len(text) > CONTEXT:
            text = text[:CONTEXT] + "…"
        elif not first and not last and len(text) > 2 * CONTEXT + 1:
            text = text[:CONTEXT] + "…" + text[-CONTEXT:]
        out.append(Segment("equal", text))
    return tuple(out)


# ----- other files


def _compare_files(old: Content | None, new: Content | None) -> list[FileChange]:
    out: list[FileChange] = []
    depts_a = {k: v.record for k, v in (old.departments.items() if old else [])}
    depts_b = {k: v.record for k, v in (new.departments.items() if new else [])}
    files_of = {k: v.source.name for side in (old, new) if side for k, v in side.departments.items()}
    for key in sorted(set(depts_a) | set(depts_b)):
        a, b = depts_a.get(key), depts_b.get(key)
        name = f"部门 {(b or a).name}（{key}）"  # type: ignore[union-attr]
        # A department file that is there but cannot be read is not a department added or removed.
        still = (new if b is None else old) if (a is None) != (b is None) and key in files_of else None
        if still is not None and os.path.lexists(still.root.parent / files_of[key]):
            which = "新版本" if b is None else "旧版本"
            out.append(FileChange(name, "changed", note=f"{which}的部门文件 {files_of[key]} 无法读取（见检查问题），未比较"))
        elif a is None:
            out.append(FileChange(name, "added"))
        elif b is None:
            out.append(FileChange(name, "removed"))
        elif a.model_dump() != b.model_dump():
            out.append(FileChange(name, "changed", _record_details(a, b)))
    files_a, files_b = _other_files(old), _other_files(new)
    for name in sorted(set(files_a) | set(files_b)):
        a_path, b_path = files_a.get(name), files_b.get(name)
        if a_path is None:
            out.append(FileChange(name, "added"))
        elif b_path is None:
            out.append(FileChange(name, "removed"))
        elif not _same_file(a_path, b_path):
            assert old is not None and new is not None
            out.append(FileChange(name, "changed", _site_file_details(name, old, new)))
    return out


def _detail(label: str, old: str | None, new: str | None, prose: bool = False) -> FileDetail:
    """One part that differs; text (``prose``) changed on both sides is shown word by word."""
    hunks = text_hunks(_clean(old), _clean(new)) if prose and old is not None and new is not None else ()
    return FileDetail(label, old, new, hunks)


_PROSE = {"definition", "description"}
"""Fields of the site's files that are running text, shown word by word."""


def _record_details(a: m.Model, b: m.Model, prefix: str = "") -> tuple[FileDetail, ...]:
    """The fields of a department, the site or a glossary term that differ, with their printed names."""
    out = []
    for name, info in type(b).model_fields.items():
        old, new = _show(getattr(a, name)), _show(getattr(b, name))
        if old != new:
            label = f"{prefix}{info.title or name}"
            out.append(_detail(label, old, new, prose=name in _PROSE))
    return tuple(out)


def _site_file_details(name: str, old: Content, new: Content) -> tuple[FileDetail, ...]:
    """What differs in site.yml, glossary.yml or regions.yml, when both sides could read it; else nothing."""
    if name == "content/site.yml" and old.site is not None and new.site is not None:
        return _record_details(old.site, new.site)
    if name == "content/glossary.yml" and old.glossary_source is not None and new.glossary_source is not None:
        return _glossary_details(old.glossary, new.glossary)
    if name == "content/regions.yml" and old.regions and new.regions:
        return _region_details(old, new)
    return ()


def _glossary_details(old: list[m.Term], new: list[m.Term]) -> tuple[FileDetail, ...]:
    """The glossary's terms added, removed or changed, each field of a changed term on its own."""
    def by_term(terms: list[m.Term]) -> dict[str, m.Term]:
        out: dict[str, m.Term] = {}
        for t in terms:
            out.setdefault(t.term.strip(), t)  # a term written twice (a check error) is compared by its first entry
        return out

    a, b = by_term(old), by_term(new)
    out: list[FileDetail] = []
    for term in list(b) + [t for t in a if t not in b]:
        label = f"名词“{term}”"
        if term not in a:
            out.append(_detail(label, None, _show(b[term])))
        elif term not in b:
            out.append(_detail(label, _show(a[term]), None))
        else:
            out += _record_details(a[term], b[term], f"{label} · ")
    return tuple(out)


_LEVELS = {"province": "省级", "city": "市级", "county": "县级", "district": "区级", "township": "乡镇级"}


def _region_details(old: Content, new: Content) -> tuple[FileDetail, ...]:
    """Regions added, removed, renamed or given another level, by their path."""
    def shown(content: Content) -> dict[str, str]:
        return {path: f"{e.region.name}（{_LEVELS.get(e.region.level, e.region.level)}）" for path, e in content.regions.items()}

    a, b = shown(old), shown(new)
    return tuple(_detail(f"地区 {path}", a.get(path), b.get(path)) for path in list(b) + [p for p in a if p not in b] if a.get(path) != b.get(path))


def _other_files(content: Content | None) -> dict[str, Path]:
    """Content files other than documents and departments, by name."""
    if content is None or not content.root.is_dir():
        return {}
    out = {}
    for path in sorted(content.root.rglob("*")):
        rel = path.relative_to(content.root)
        if path.is_file() and not path.is_symlink() and rel.parts[0] not in ("documents", "departments") and not path.name.startswith("."):
            out[f"content/{rel.as_posix()}"] = path
    return out


# ----- problems


def _unmatched(these: list[ProblemChange], others: list[ProblemChange]) -> list[ProblemChange]:
    """The problems of ``these`` whose messages ``others`` do not hold (each message of ``others`` matched once)."""
    left = Counter(c.problem.message for c in others)
    out = []
    for c in these:
        if left[c.problem.message] > 0:
            left[c.problem.message] -= 1
        else:
            out.append(c)
    return out


UNCHECKED = "原有的问题（新版本无法读取，未再检查，不算已解决）"
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTICE: 2}


_BLOCK_FIELD = re.compile(r"^(?:body\.(?P<body>\d+)|(?P<kind>indicators|table|scores)-(?P<nth>\d+))(?=\.|$)")
"""A problem field that names its block by position: ``body.19.text``, ``indicators-4.合格率`` (the 4th block), and so
for a table without id or role (``table-8.total.n``) and one of several score breakdowns (``scores-3``)."""


def _moved_field(field: str, moved: dict[int, int]) -> str:
    """An old problem's field with its block's position as the new version prints it, so that a paragraph inserted
    above does not make every later problem of the text look solved and new again."""
    found = _BLOCK_FIELD.match(field)
    if not found:
        return field
    if found["body"] is not None:
        at = moved.get(int(found["body"]))
        return field if at is None else f"body.{at}{field[found.end():]}"
    at = moved.get(int(found["nth"]) - 1)
    return field if at is None else f"{found['kind']}-{at + 1}{field[found.end():]}"


def _compare_problems(
    old: _Loaded, new: _Loaded, readdressed: dict[str, str] | None = None, blocks: dict[str, dict[int, int]] | None = None
) -> tuple[list[ProblemChange], list[ProblemChange], list[ProblemChange]]:
    """Problems introduced, fixed, and left unchecked.

    ``readdressed`` maps a document's old key to its new one (its address changed, or it shares one); ``blocks``
    gives, for each document compared (by its new key), where each old block is now, so that a problem is matched to
    itself whatever was inserted above it. A document's problems are its own, even where two documents claim one address.
    """
    def index(side: _Loaded, keys: dict[str, str], moves: dict[str, dict[int, int]]) -> dict[tuple[Any, ...], list[ProblemChange]]:
        by_file = {d.file: (k, d) for k, d in side.docs.items()}
        groups: dict[tuple[Any, ...], list[ProblemChange]] = {}
        for p in side.problems:
            key_doc = by_file.get(p.file)
            doc = key_doc[1] if key_doc else None
            place = keys.get(key_doc[0], key_doc[0]) if key_doc else p.file
            field = _moved_field(p.field, moves[place]) if place in moves else p.field
            key = (p.code, place, field, p.stated, p.computed, p.severity.value)
            groups.setdefault(key, []).append(ProblemChange(doc.label if doc and doc.doc is not None else p.file, p, field_now=field))
        return groups

    before, after = index(old, readdressed or {}, blocks or {}), index(new, {}, {})
    # A document whose new version cannot be read was not checked: its old problems are not solved, only unseen.
    unread = {k for k, d in new.docs.items() if d.doc is None}
    introduced: list[ProblemChange] = []
    fixed: list[ProblemChange] = []
    unchecked: list[ProblemChange] = []
    for key in {**before, **after}:
        a, b = before.get(key, []), after.get(key, [])
        # Problems of one field with the same figures are told apart by their messages: a second one added beside an
        # old one is new, as itself; one whose message only changed its wording (a row renamed) is the same problem.
        introduced += _unmatched(b, a)[: max(0, len(b) - len(a))]
        gone = _unmatched(a, b)[: max(0, len(a) - len(b))]
        if key[1] in unread:
            unchecked += gone
        else:
            fixed += gone

    def order(c: ProblemChange) -> tuple[int, str, str, str]:
        return (_SEVERITY_ORDER[c.problem.severity], c.place, c.problem.field, c.problem.code)

    return sorted(introduced, key=order), sorted(fixed, key=order), sorted(unchecked, key=order)


def _acknowledged(introduced: list[ProblemChange], fixed: list[ProblemChange]) -> tuple[list[ProblemChange], list[ProblemChange], list[ProblemChange]]:
    """Take out of the new and solved problems those the change only acknowledged.

    An acknowledgement makes an error a warning with the publisher's reason: told as one problem solved and another
    introduced, “已解决” invited the reviewer to approve without reading the reason, which is what they must approve.
    """
    def key(c: ProblemChange) -> tuple[Any, ...]:
        p = c.problem
        return (p.code, c.place, c.field_now or p.field, p.stated, p.computed, p.acknowledged is None)

    gone: dict[tuple[Any, ...], list[ProblemChange]] = {}
    for c in fixed:
        gone.setdefault(key(c), []).append(c)
    acknowledged: list[ProblemChange] = []
    still: list[ProblemChange] = []
    paired: list[ProblemChange] = []
    for c in introduced:
        # Its counterpart before: the same problem with the acknowledgement the other way round.
        match = gone.get(key(c)[:-1] + (not key(c)[-1],))
        if not match:
            still.append(c)
            continue
        was = match.pop(0)
        paired.append(was)
        if c.problem.acknowledged:
            acknowledged.append(ProblemChange(c.place, c.problem, was.problem))
        else:
            still.append(ProblemChange(c.place, c.problem, was.problem))  # its acknowledgement no longer applies: new again
    return still, [f for f in fixed if not any(f is p for p in paired)], acknowledged


# --------------------------------------------------------------------------- rendering


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
        parts[-1] += f"（另有 {len(diff.rescaled)} 张表换了单位、数额不变，共 {sum(len(u.figures) for u in diff.rescaled)} 个数字）"
    moved = sum(1 for n in diff.narrative if n.status == "moved")
    parts.append(f"文字改动 {len(diff.narrative) - moved} 处" + (f"、内容移动位置 {moved} 处" if moved else ""))
    if diff.fields:
        parts.append(f"文档信息改动 {len(diff.fields)} 处")
    if diff.files:
        parts.append(f"其他文件改动 {len(diff.files)} 个")
    errors = len(diff.new_errors)
    parts.append(
        f"检查问题：新增 {len(diff.introduced)}（其中错误 {errors}）、已解决 {len(diff.fixed)}"
        + (f"、已确认 {len(diff.acknowledged)}（请核对理由）" if diff.acknowledged else "")
        + (f"、因新版本无法读取未再检查 {len(diff.unchecked)}" if diff.unchecked else "")
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


def _rounding(f: FigureChange) -> Decimal:
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
    return f.difference == 0 or abs(f.difference) <= _rounding(f)


def _unit_change(f: FigureChange) -> str:
    """A figure whose unit changed: the old figure in the new unit and what is left of the change, or the two units."""
    said = f"单位由“{f.old_unit or '无'}”改为“{f.new_unit or '无'}”"
    if f.difference is None or f.new is None:
        return said + ("" if f.old == f.new or f.old_state != "number" else "，数值不能换算比较")
    new = Decimal(f.new.replace(",", ""))
    converted = (new - f.difference).normalize()
    said += f"：原数 {f.old} {f.old_unit} 折合 {format(converted, 'f')} {f.new_unit}"
    half = _rounding(f)
    if f.difference == 0:
        return said + "，数额不变"
    if abs(f.difference) <= half:
        return said + "，数额不变（差额在四舍五入之内）"
    return said + f"，差 {_signed(f.difference.normalize())} {f.new_unit}"


NO_ROW_NAME = "（无行名）"
"""The row of a figure whose row prints no name (the single row of a Shanghai “三公” table)."""


def _row_name(f: FigureChange) -> str:
    return f.row_label.strip() or NO_ROW_NAME


def _column(f: FigureChange) -> str:
    if f.in_text:
        return f.new_unit
    unit = f.new_unit if f.new_state != "absent" else f.old_unit
    name = f.column_label or ""
    return f"{name}（{unit}）" if unit and name else (name or unit)


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
    return f"（改动前已确认，确认不再对应这个问题：{c.was.acknowledged}）"


def _problem_figures(p: Problem) -> str:
    if p.stated is None and p.computed is None:
        return ""
    return f"（原文 {p.stated if p.stated is not None else '—'}，计算 {p.computed if p.computed is not None else '—'}）"


# ----- markdown


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
    base = md(diff.base.label) + (f"（{md(diff.base.note)}）" if diff.base.note else "")
    head = md(diff.head.label) + (f"（{md(diff.head.note)}）" if diff.head.note else "")
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
CUT_ORDER = ("处数字改动", "处文字改动", "处文档信息改动", "个其他文件改动", "张换了单位的表", "份文档", "个已解决的问题", UNCHECKED_COUNTED, "个已确认的问题", "个新增的问题")
"""Which lists of a comment that is too long are shortened first."""


def _md_join(out: list[str], sections: list[_Section]) -> str:
    lines = list(out)
    for section in sections:
        lines += section.lines()
    return "\n".join(lines).rstrip() + "\n"


def _md_sections(diff: ContentDiff) -> list[_Section]:
    sections: list[_Section] = []
    if diff.introduced or diff.fixed or diff.acknowledged or diff.unchecked:
        sections.append(_Section("", ["### 检查问题", ""], [], []))
        for title, name, changes in (
            ("新增的问题", "个新增的问题", diff.introduced),
            (ACKNOWLEDGED, "个已确认的问题", diff.acknowledged),
            ("已解决的问题", "个已解决的问题", diff.fixed),
            (UNCHECKED, UNCHECKED_COUNTED, diff.unchecked),
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
                        level(c.problem),
                        c.place,
                        c.problem.code,
                        _where(c.problem, before=changes is not diff.introduced),
                        c.problem.message + _problem_figures(c.problem) + (f"（已确认：{c.problem.acknowledged}）" if c.problem.acknowledged else "") + _lost(c),
                    ]
                    for c in changes
                ]
            table = _table(columns, cells)
            sections.append(_Section(name, [f"#### {title}（{len(changes)}）", "", *table[:2]], table[2:], [""]))
    if diff.documents:
        sections.append(_Section("份文档", ["### 文档", ""], [f"- {md_line(_doc_line(d))}" for d in diff.documents], [""]))
    if diff.rescaled:
        sections.append(_Section("张换了单位的表", ["### 换了单位、数额不变的表", ""], [f"- {md_line(rescaled_line(u))}" for u in diff.rescaled], [""]))
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


# ----- text


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
        out += ["", "换了单位、数额不变的表"] + [f"  {rescaled_line(u)}" for u in diff.rescaled]
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
    for title, changes in (("新增的问题", diff.introduced), ("已解决的问题", diff.fixed), (UNCHECKED, diff.unchecked)):
        if changes:
            out += ["", title]
            for c in changes:
                out.append(f"  {level(c.problem)} [{c.problem.code}] {c.place}：{c.problem.message}{_problem_figures(c.problem)}{_lost(c)}")
                where = _where(c.problem, before=changes is not diff.introduced)
                if where:
                    out.append(f"      位置：{where}")
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


# ----- json


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
        },
    }
    return json.dumps(_plain(data), ensure_ascii=False, indent=2)


__all__ = [
    "ContentDiff",
    "DiffError",
    "DocumentChange",
    "FieldChange",
    "FigureChange",
    "FileChange",
    "Hunk",
    "NarrativeChange",
    "ProblemChange",
    "Segment",
    "Side",
    "compare",
    "diff_project",
    "render",
]

