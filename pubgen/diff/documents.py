"""Comparing two loaded sides: which document is which (by address, by label, by shared figures), and what changed in each."""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from .. import model as m
from ..checks.rounding import UNIT_FACTORS
from ..exact import exactly
from ..evaluation_view import goal_labels, indicator_label, indicator_view, number_for, scores_view
from ..figures import figures
from ..load import Content, source_name, yaml_files
from ..provenance import ORIGINAL_SUFFIXES, Original, original_of, why_not_offered
from ..source import backup_ending, backup_of
from ..validate import validate
from .figures import block_points, compare_points, header_points, table_points_of
from .problems import acknowledged_problems, compare_problems
from .results import (
    BLOCK_WORDS,
    MOVED_WORDS,
    NO_ROW_NAME,
    ORIGINAL_FIELD,
    ORIGINAL_LABEL,
    ContentDiff,
    DocFile,
    DocumentChange,
    FieldChange,
    FigureChange,
    FileChange,
    Hunk,
    Loaded,
    NarrativeChange,
    Segment,
    Side,
    UnitChange,
    rescaled_only,
)
from .sitefiles import compare_files, same_file
from .text import char_diff, clean, field_text, run_diff, sentences, text_hunks


_DOC_PATH = re.compile(r"^content/documents/(?P<dept>.+)/(?P<year>\d{4})-(?P<kind>budget|final-accounts|self-evaluation)\.ya?ml$")


def _is_backup(path: Path) -> bool:
    return backup_ending(path.name) and bool(backup_of(path.name, lambda other: os.path.lexists(path.parent / other)))


def _side(content: Content | None) -> Loaded:
    if content is None:
        return Loaded(None, {}, [], "万元")
    report = validate(content)
    base = content.root.parent
    sources = yaml_files(content.root / "documents")
    originals = {source_name(path, base): original_of(path) for path in sources}
    found: list[DocFile] = []
    loaded_files = set()
    for item in content.documents:
        doc: m.Document = item.record
        address = m.document_address(doc).rstrip("/")
        dept = content.departments.get(doc.department)
        name = dept.record.name if dept else doc.department
        found.append(DocFile(address, m.document_label(doc, name), item.source.name, doc, originals.get(item.source.name)))
        loaded_files.add(item.source.name)
    for path in sources:
        name = source_name(path, base)
        if name in loaded_files or _is_backup(path):
            continue  # a backup beside its document (2021-budget.yml.bak) is told, not a document that could not be read
        match = _DOC_PATH.match(name)
        address = f"{match['dept']}/{match['year']}/{match['kind']}" if match else name
        found.append(DocFile(address, f"{name}（无法读取）", name, None))
    # A document is keyed by its address; documents that claim one address are each keyed by their file as well, none
    # taking the address for itself: which file loads first says nothing of which one held the address before.
    claims = Counter(d.address for d in found)
    docs = {(d.address if claims[d.address] == 1 else f"{d.address}#{d.file}"): d for d in found}
    unit = content.site.unit if content.site else "万元"
    offered = {source_name(o.path, base) for o in originals.values() if o is not None}
    return Loaded(content, docs, report.problems, unit, _loose_originals(content, offered))


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


def _pair_unreadable(old: Loaded, new: Loaded) -> None:
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
            this.docs[match] = DocFile(other.docs[match].address, d.label, d.file, None)


@exactly
def compare(base: Side, old_content: Content | None, head: Side, new_content: Content | None) -> ContentDiff:
    """Compare two loaded contents; files are read again only to compare non-document files and unreadable documents."""
    old, new = _side(old_content), _side(new_content)
    _pair_unreadable(old, new)
    result = ContentDiff(base, head)
    readdressed = _pair_shared(old, new)
    readdressed |= _pair_readdressed(old, new, readdressed)
    sharing = _sharing(new)
    alike = _alike(old) | _alike(new)

    def named(d: DocFile) -> str:
        """The document in words, with its file where another document has the same words (a copy beside it)."""
        return f"{d.label}（{d.file}）" if d.label in alike else d.label

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
        shown = named(b) if b.doc is not None else named(a)
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
        pairs = _compare_document(result, b.address, shown, a.doc, b.doc, old.unit, new.unit)
        blocks[key] = {o: n for o, n in pairs if o is not None and n is not None}
        _compare_original(result, b.address, shown, a.original, b.original)
        changed = (len(result.figures), len(result.rescaled), len(result.narrative), len(result.fields)) != before
        if a.address != b.address:
            # The year, department or kind is printed on the page: “内容未变” would hide that it changed.
            said = "；".join(_address_changes(a.doc, b.doc, old, new))
            rest = "其余内容有改动，见下" if changed else "其余内容未变"
            result.documents.append(
                DocumentChange(
                    b.address, label, "shared" if shared_with else "readdressed", a.file, b.file, note=f"{said}，{rest}" if said else rest[2:],
                    old_document=a.address, old_label=a.label if a.label != label else None, shared_with=shared_with,
                )
            )
        elif changed:
            result.documents.append(DocumentChange(b.address, label, "changed", a.file, b.file, shared_with=shared_with))
        elif a.file != b.file:
            result.documents.append(DocumentChange(b.address, label, "moved", a.file, b.file))
    result.files = compare_files(old_content, new_content) + _compare_loose(old, new, result.documents)
    result.introduced, result.fixed, result.unchecked, result.withdrawn, result.uncompared = compare_problems(
        old, new, {o: n for n, o in readdressed.items()}, blocks, alike
    )
    result.introduced, result.fixed, result.acknowledged = acknowledged_problems(result.introduced, result.fixed)
    # An acknowledgement deleted is told as deleted: “确认不再对应这个问题” sent the reviewer looking for a changed figure.
    # One still written as it was (acknowledgements.N.field: body.5.text) no longer applies when a block inserted above
    # moved its problem to body.6: that acknowledgement is there, it only points elsewhere.
    kept = {(d.file, k.code, k.field) for d in new.docs.values() if d.doc is not None for k in d.doc.acknowledgements}
    result.introduced = [
        replace(c, acknowledgement_removed=True)
        if c.was is not None and c.was.acknowledged and not c.problem.acknowledged and (c.problem.file, c.was.code, c.was.field) not in kept
        else c
        for c in result.introduced
    ]
    return result


SAME_DOCUMENT = 0.6
"""How much of two documents' content must agree for one removed and one added to be the same document readdressed."""

FEW_FIGURES = 3
"""Documents that both print fewer figures than this are compared by their text to find the same document readdressed."""


def _department_name(side: Loaded, slug: str) -> str:
    dept = side.content.departments.get(slug) if side.content is not None else None
    return dept.record.name if dept else slug


def _address_changes(a: m.Document, b: m.Document, old: Loaded, new: Loaded) -> list[str]:
    """What of a document's address changed, in words: “年度 2021 → 2022”, “部门 上海市普陀区商务委员会 → …”.

    These are fields the page prints (its year, its department's name, its kind), not only its address.
    """
    out = []
    if a.department != b.department:
        was, now = _department_name(old, a.department), _department_name(new, b.department)
        out.append(f"部门 {was} → {now}" if was != now else f"部门代号 {a.department} → {b.department}（名称未变）")
    if a.year != b.year:
        out.append(f"年度 {a.year} → {b.year}")
    was, now = m.document_kind_label(a), m.document_kind_label(b)
    if was != now:
        out.append(f"类别 {was} → {now}")
    elif m.variant(a) != m.variant(b):
        out.append(f"网址中的代号 {m.variant(a) or '（无）'} → {m.variant(b) or '（无）'}")
    return out


def _alike(side: Loaded) -> set[str]:
    """The labels several readable documents of one side have (“平乡县信访局 2021年部门预算” of 2021-budget.yml and
    of a copy 2021-budget.yml.bak beside it): a line that names only the label does not say which file it is about."""
    labels = Counter(d.label for d in side.docs.values() if d.doc is not None)
    return {label for label, count in labels.items() if count > 1}


def _sharing(side: Loaded) -> dict[str, list[str]]:
    """The addresses that several readable documents claim, each with their files (the check's duplicate-document)."""
    files: dict[str, list[str]] = {}
    for d in side.docs.values():
        if d.doc is not None:
            files.setdefault(d.address, []).append(d.file)
    return {address: names for address, names in files.items() if len(names) > 1}


def _pair_shared(old: Loaded, new: Loaded) -> dict[str, str]:
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


def _pair_readdressed(old: Loaded, new: Loaded, paired: dict[str, str] | None = None) -> dict[str, str]:
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
    return same_file(old.root.parent / a, new.root.parent / b)


def _original_text(original: Original | None, more: str = "") -> str | None:
    return None if original is None else f"{original.path.name}（{original.kind}，{original.size_text}{more}）"


def _offered(original: Original | None) -> str:
    """What an added or removed document's line says of its original file."""
    return "" if original is None else f"附原文文件 {_original_text(original)}"


def _compare_original(result: ContentDiff, address: str, label: str, a: Original | None, b: Original | None) -> None:
    """The original a document's page offers for download: added, removed, or another file put in its place."""
    if a is None and b is None or a is not None and b is not None and same_file(a.path, b.path):
        return
    old, new = _original_text(a), _original_text(b)
    if old == new:
        new = _original_text(b, "，文件内容已更换")
    result.fields.append(FieldChange(address, label, ORIGINAL_FIELD, ORIGINAL_LABEL, old, new))


def _compare_loose(old: Loaded, new: Loaded, documents: list[DocumentChange]) -> list[FileChange]:
    """Original files that no page offers: newly so (a YAML file renamed without its PDF), or added so, or removed."""
    renamed = {d.old_file: d.new_file for d in documents if d.old_file and d.new_file and d.old_file != d.new_file}
    base = old.content.root.parent if old.content is not None else Path()
    before = {source_name(d.original.path, base): d for d in old.docs.values() if d.original is not None}
    out = []
    for name, path in new.loose.items():
        was = old.loose.get(name)
        if was is not None and same_file(was, path):
            continue  # no page offered it before either, and it is the same file
        out.append(FileChange(name, "orphaned", note=_loose_reason(name, path, before.get(name), renamed)))
    for name in old.loose:
        # One a page now offers is told as that document's change; one gone altogether was never published.
        if name not in new.loose and (new.content is None or not os.path.lexists(new.content.root.parent / name)):
            out.append(FileChange(name, "removed"))
    return sorted(out, key=lambda f: f.name)


def _loose_reason(name: str, path: Path, document: DocFile | None, renamed: dict[str, str]) -> str:
    """Why no page offers an original file, and what to do."""
    beside = [p for p in (path.with_suffix(".yml"), path.with_suffix(".yaml")) if os.path.lexists(p)]
    moved = renamed.get(document.file) if document is not None and not beside else None
    if moved:
        target = Path(moved).with_suffix(path.suffix).name
        return f"文档文件已改名为 {Path(moved).name}，原文文件没有随之改名，页面不再提供下载：请把它改名为 {target}"
    return why_not_offered(path)


def _count_figures(doc: m.Document | None, unit: str) -> int:
    return 0 if doc is None else sum(1 for f in figures(doc, unit) if f.state == "number")


_HEADER = (
    "title", "attachment", "issuer", "report_date", "published", "approved", "budget_code", "unit", "source_url",
    "evaluation", "contact", "changes",
)


def _compare_header(result: ContentDiff, address: str, label: str, a: m.Document, b: m.Document) -> None:
    for name in _HEADER:
        old, new = field_text(getattr(a, name)), field_text(getattr(b, name))
        if old != new:
            title = m.Document.model_fields[name].title or name
            result.fields.append(FieldChange(address, label, name, title, old, new))
    # Several acknowledgements may share a code and a field (two misprinted shares of one paragraph): each is known by
    # its figures too, so adding or removing one is told as that, not as the other one replaced.
    acks_a = {(k.code, k.field, k.stated, k.computed): k for k in a.acknowledgements}
    acks_b = {(k.code, k.field, k.stated, k.computed): k for k in b.acknowledgements}
    for key in list(acks_b) + [k for k in acks_a if k not in acks_b]:
        old = _ack(acks_a.get(key))
        new = _ack(acks_b.get(key))
        if old != new:
            what = "新增的确认" if old is None else "删去的确认" if new is None else "已确认的差异"
            result.fields.append(
                FieldChange(address, label, f"acknowledgements.{key[0]}.{key[1]}", f"{what}（{key[0]}，{key[1]}）", old, new)
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
    compare_points(result, address, label, header_points(a), header_points(b))
    figs_a, figs_b = table_points_of(a, unit_a), table_points_of(b, unit_b)
    sections_a, sections_b = _sections(a), _sections(b)
    pairs = _pair_blocks(a.body, b.body)
    moved = _moved(pairs)
    for oi, ni in pairs:
        old_block = a.body[oi] if oi is not None else None
        new_block = b.body[ni] if ni is not None else None
        old_points = block_points(old_block, oi, figs_a) if oi is not None else {}
        new_points = block_points(new_block, ni, figs_b) if ni is not None else {}
        compare_points(result, address, label, old_points, new_points)
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
        pairs = [("", clean(old.text), clean(new.text))]
    else:
        a, b = _items(old) or [], _items(new) or []
        pairs = []
        matcher = SequenceMatcher(None, [t for _, t in a], [t for _, t in b], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "replace":
                for k in range(min(i2 - i1, j2 - j1)):
                    item = b[j1 + k][1]
                    pairs.append((item, a[i1 + k][1], item))
    title = f"{BLOCK_WORDS.get(new.type, new.type)}（{section}）" if section else BLOCK_WORDS.get(new.type, new.type)
    for item, old_text, new_text in pairs:
        for context, was, now, old_unit, unit in text_figures(old_text, new_text):
            if item:
                context = _in_item(item, context)
            difference = _number(now) - _number(was) * UNIT_FACTORS.get(old_unit, 1) / UNIT_FACTORS.get(unit, 1)
            result.figures.append(
                FigureChange(
                    address, label, f"body.{ni}", title, "", context, "", "", was, now, "number", "number", old_unit, unit, difference, in_text=True
                )
            )


def _in_item(item: str, context: str) -> str:
    """The words that name a figure of a list item: its item's first words (“一般公共服务支出（类）财政事务（款）行政运行
    （项）”), which say what it is about, then the words before the figure, each said once.

    The item's first words are cut before the words before the figure, never through the figure itself: cut at a fixed
    length, they printed the new figure and then the same words again (“…购房补贴（项）”184……“…购房补贴（项）”).
    """
    words = "" if context == "（句首）" else context.lstrip("…")
    first = sentences(item)[0] if item.strip() else ""
    at = first.find(words) if words else -1
    if at == 0:
        return words  # the figure's own clause opens the item: it names it
    if at > 0:
        # In the first sentence, after words its context left out: those words, then the context, read on.
        lead = first[:at]
        return (lead if len(lead) <= TEXT_CONTEXT else lead[:TEXT_CONTEXT] + "…") + words
    # In a later sentence: the item's first words, then the figure's own.
    lead = first if len(first) <= TEXT_CONTEXT else first[:TEXT_CONTEXT]
    return f"{lead}…{words or context}"


def _number(text: str) -> Decimal:
    return Decimal(text.rstrip("%").replace(",", ""))


def text_figures(old: str, new: str) -> list[tuple[str, str, str, str, str]]:
    """The numbers a text's changed sentences replace: (words before it in the new text, old, new, old unit, new unit).

    A number replaced by another is found by the character diff (1560.05万元 → 1650.05万元). An amount printed in
    another money unit (123.45万元 → 1234500元) is not a number replaced within its words: it is found by reading the
    sentence's numbers in order, when the sentence is otherwise the same.
    """
    a, b = sentences(old), sentences(new)
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "replace":
            continue
        segments = run_diff(a[i1:i2], b[j1:j2])
        before = ""
        for k, s in enumerate(segments):
            following = segments[k + 1] if k + 1 < len(segments) else None
            if s.op == "delete" and following is not None and following.op == "insert":
                was, now = s.text, following.text
                after = segments[k + 2].text if k + 2 < len(segments) and segments[k + 2].op == "equal" else ""
                if _NUMBER.fullmatch(was) and _NUMBER.fullmatch(now) and not _is_year(was, after) and not _is_year(now, after):
                    unit = "%" if now.endswith("%") else (_UNIT_AFTER.match(after) or [""])[0]
                    out.append((_context(before), was, now, unit, unit))
            if s.op != "delete":
                before += s.text
        if i2 - i1 == j2 - j1:
            for was_sentence, now_sentence in zip(a[i1:i2], b[j1:j2]):
                out.extend(_rescaled_amounts(was_sentence, now_sentence))
    return out


_AMOUNT = re.compile(r"(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<unit>亿元|百万元|万元|千元|元)|" + _NUMBER.pattern)
"""An amount with its money unit, or any other number (which the character diff reads)."""


def _rescaled_amounts(old: str, new: str) -> list[tuple[str, str, str, str, str]]:
    """The amounts of a sentence printed in another money unit, when nothing else of the sentence but numbers changed."""
    a, b = list(_AMOUNT.finditer(old)), list(_AMOUNT.finditer(new))
    if len(a) != len(b) or _AMOUNT.sub("§", old) != _AMOUNT.sub("§", new):
        return []
    out = []
    for x, y in zip(a, b):
        if x["unit"] and y["unit"] and x["unit"] != y["unit"]:
            out.append((_context(new[: y.start()]), x["number"], y["number"], x["unit"], y["unit"]))
    return out


def _context(before: str) -> str:
    """The words before a figure that name it: its clause, at most :data:`TEXT_CONTEXT` characters of it."""
    clause = before[max(before.rfind(c) for c in _CLAUSE_ENDS) + 1 :]
    context = clause if len(clause) <= TEXT_CONTEXT else "…" + clause[-TEXT_CONTEXT:]
    return context or "（句首）"


def _is_year(number: str, after: str) -> bool:
    """``2023年``: a year, not a figure."""
    return len(number) == 4 and number.isdigit() and after.startswith("年")


def _items(block: Any) -> list[tuple[str, str]] | None:
    """A list's (or the goals') items as (printed number, text), or None for a block that has no items."""
    if isinstance(block, m.ListBlock):
        numbered = block.ordered or block.numbers
        return [(number_for(block, i) if numbered else "", clean(item)) for i, item in enumerate(block.items)]
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

    add("标题", clean(old.title), clean(new.title))
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
        hunks.extend(Hunk(h.segments, label) for h in text_hunks(clean(old_text), clean(new_text)))

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
        from ..roles import table_name

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
            name = _block_title(body[other]) or clean(_block_text(body[other]))[:20]
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


def _join(*parts: str | None, sep: str = "\n") -> str:
    return sep.join(p for p in (clean(x) for x in parts) if p)


def _block_text(block: Any) -> str:
    """Everything a block prints except its figures, as lines of text."""
    if isinstance(block, m.Heading):
        return clean(block.text)
    if isinstance(block, m.Text):
        return clean(block.text)
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
            lines.append(ind.name + "：" + " / ".join(clean(p).replace("\n", " ") for p in parts if p))
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
    return f"{label}：{clean(text)}" if text and text.strip() else None
