"""``pubgen import``: read files, map them, and write the content files all at once or not at all.

Every file of a run is read and mapped first; each content file is written into a
staging folder beside the content and read back through pubgen's own reader, which
must give exactly the values that were meant. Only then are the files renamed into
place; if any rename fails, the files already placed are taken back. Nothing is
overwritten without ``force``. The check then runs on what was written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .. import model as m
from ..files import MAX_BYTES
from ..load import load
from ..provenance import ORIGINAL_SUFFIXES, hidden_content, real_suffix
from ..problems import Report as CheckReport
from ..problems import Severity, relpath
from ..source import read
from . import structure as s
from .errors import ImportFailed
from .mapping import DocumentMapper, Identity, NotIdentified, identify, reader_notes, toc_comment, unit_of_document, units_from_notes
from .naming import NewRegion, Placement, Resolver
from .text import is_report_date
from .reading import read_file
from .regionfile import regions_text
from .report import Report
from .yamlout import Block, Raw, dump, expected


class WriteFailed(ImportFailed):
    """The content files could not be written; nothing was left behind."""

    code = "write-failed"


@dataclass(slots=True)
class Options:
    """What the command line says; None leaves the choice to the document."""

    department: str | None = None
    region: str | None = None
    unit_slug: str | None = None
    year: int | None = None
    kind: str | None = None
    scope: str | None = None
    force: bool = False


@dataclass(slots=True)
class Planned:
    """One content file to write: where, its text, and the values it must read back as."""

    target: Path
    text: str
    values: Any
    model: type[m.Model] | None = None
    replaces: bool = False
    copy_of: Path | None = None
    """The published file itself, kept beside its document so the site can offer it (``text`` is then unused)."""


@dataclass(slots=True)
class Imported:
    """One source file's import."""

    source: str
    document: s.ImportedDocument
    identity: Identity
    placement: Placement
    report: Report
    target: Path
    text: str = ""
    values: Any = None


@dataclass(slots=True)
class Outcome:
    """What a run did, for the command to print."""

    imported: list[Imported] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    created: list[Path] = field(default_factory=list)
    replaced: list[Path] = field(default_factory=list)
    kept: dict[Path, list[str]] = field(default_factory=dict)
    """For each replaced document, what the editor had added that the new version keeps (公开日期, 修改记录 …)."""
    new_regions: list[NewRegion] = field(default_factory=list)
    check: CheckReport | None = None
    withheld: dict[Path, list[str]] = field(default_factory=dict)
    """Originals not copied beside their documents, with what they hide from readers (hidden sheets, comments …)."""

    @property
    def ok(self) -> bool:
        return not self.failures


def source_digest(path: str) -> str:
    """The SHA-256 of the source file, to name exactly which file a content file came from."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def document_path(content_root: Path, placement: Placement, identity: Identity) -> Path:
    """``documents/<department>/<year>-<kind>.yml``; a unit's document adds ``-unit-<slug>``."""
    name = f"{identity.year}-{identity.kind}"
    if identity.scope == "unit" and placement.unit_slug:
        name += f"-unit-{placement.unit_slug}"
    return content_root / "documents" / placement.department_id / f"{name}.yml"


_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def published_date(lines: tuple[str, ...]) -> str | None:
    """A full date printed on the cover (2025年1月20日), as the content format writes dates."""
    for line in lines:
        match = _DATE.search(line)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return None
    return None


def document_tree(item: Imported, digest: str) -> tuple[list[str], Block]:
    """The header comments and the root mapping of the imported document's file."""
    document, identity, placement = item.document, item.identity, item.placement
    name = os.path.basename(document.path)
    count = document.size_text
    header = [
        identity.title + (f"（{identity.body}）" if identity.body and identity.body not in identity.title else ""),
        f"由 pubgen import 从 {name}（{count}，SHA-256 {digest[:16]}）导入。",
        "数字照原文录入，未作更正；以“导入：”开头的注释标出导入时拿不准的地方，核对后可删去。",
    ]
    if document.cover.lines:
        header.append("封面：" + " / ".join(document.cover.lines))
    root = Block()
    root.add("department", placement.department_id)
    root.add("year", identity.year)
    root.add("kind", identity.kind)
    if identity.scope == "unit":
        root.add("scope", "unit")
        unit = Block()
        unit.add("name", placement.unit_name or "")
        unit.add("slug", placement.unit_slug or "benji")
        root.add("budget_unit", unit, before=[f"导入：{n}" for n in placement.notes if "单位" in n])
    root.add("title", identity.title, before=["导入：封面没有印出标题，按部门、年度和类别拟定，请核对。"] if identity.decided_by.get("title") else [])
    cover = document.cover
    # A date the form labels 报告日期 or 填报日期 is that, not the day the document was made public.
    report_date = cover.report_date.isoformat() if cover.report_date else published_date(tuple(l for l in cover.lines if is_report_date(l)))
    published = cover.published.isoformat() if cover.published else published_date(tuple(l for l in cover.lines if not is_report_date(l)))
    if report_date:
        root.add("report_date", Raw(report_date), before=["导入：报告日期取自封面所印日期。"])
    if published:
        root.add("published", Raw(published), before=["导入：公开日期取自封面所印日期。"])
    units_from_notes(document)
    unit_name = unit_of_document(document)
    if unit_name:
        root.add("unit", unit_name)
    mapper = DocumentMapper(document, identity, item.report)
    body = mapper.body()
    if not body.entries:
        raise NotIdentified(document.path, "没有读出任何正文或表格，无法生成文档。")
    root.add("body", body, before=toc_comment(document), blank=True)
    return header, root


def department_tree(placement: Placement, source: str) -> tuple[list[str], Block]:
    dept = placement.department
    header = [f"{dept.name}（由 pubgen import 据 {os.path.basename(source)} 的封面新建；简称、性质等请照实补充）"]
    root = Block()
    root.add("slug", dept.slug)
    root.add("region", dept.region)
    root.add("name", dept.name)
    return header, root


def run(paths: list[str], options: Options, content_root: Path) -> Outcome:
    """Import every file, or none: map them all, stage and verify every file, then rename into place and check."""
    outcome = Outcome()
    content = load(content_root, documents=False)
    resolver = Resolver(content)
    read_ok: list[tuple[str, s.ImportedDocument, Identity]] = []
    for path in paths:
        try:
            document = read_file(path)
            identity = identify(document, options.year, options.kind, options.scope)
        except ImportFailed as error:
            outcome.failures.append(error.format_message())
            continue
        except Exception as error:  # noqa: BLE001 - the last guard: an editor never sees a traceback
            outcome.failures.append(_unforeseen(path, error))
            continue
        read_ok.append((path, document, identity))
    # Departments first, so that a unit's document finds its department imported in the same run.
    for path, document, identity in sorted(read_ok, key=lambda t: t[2].scope != "department"):
        try:
            item = _map(path, document, identity, resolver, options, content_root)
        except ImportFailed as error:
            outcome.failures.append(error.format_message())
            continue
        except OSError as error:
            outcome.failures.append(f"{path}：无法读取文件（{error.strerror or error}）。")
            continue
        except Exception as error:  # noqa: BLE001 - the last guard: an editor never sees a traceback
            outcome.failures.append(_unforeseen(path, error))
            continue
        outcome.imported.append(item)
    outcome.imported.sort(key=lambda i: paths.index(i.source))
    if outcome.failures:
        return outcome
    planned = _plan(outcome, resolver, options, content_root)
    if outcome.failures:
        return outcome
    try:
        _write_all(planned, content_root, outcome)
    except WriteFailed as error:
        outcome.failures.append(error.format_message())
        return outcome
    outcome.check = _check(content_root, [p.target for p in planned])
    return outcome


def _map(
    path: str, document: s.ImportedDocument, identity: Identity, resolver: Resolver, options: Options, content_root: Path
) -> Imported:
    placement = resolver.resolve(identity, path, options.department, options.region, options.unit_slug)
    report = Report()
    item = Imported(path, document, identity, placement, report, document_path(content_root, placement, identity))
    header, root = document_tree(item, source_digest(path))
    reader_notes(document, report)
    if document.toc:
        first = document.toc[0]
        report.unplaced(first.origin.where(), f"目录 {len(document.toc)} 条：本格式没有目录字段，记在文件开头的注释里", first.text, "toc")
    item.text, item.values = dump(root, header), expected(root)
    return item


def _unforeseen(path: str, error: Exception) -> str:
    return (
        f"{path}：导入时出错（{type(error).__name__}），没有写入任何文件。"
        "请把这个文件交给维护人员；在此之前可以照原文手工录入，或用 pubgen new 新建。"
    )


def _plan(outcome: Outcome, resolver: Resolver, options: Options, content_root: Path) -> list[Planned]:
    planned: list[Planned] = []
    seen: dict[Path, str] = {}
    for item in outcome.imported:
        if item.target in seen:
            outcome.failures.append(
                f"{item.source}：与 {seen[item.target]} 是同一部门、同一年度、同一类别的文档，都要写到 {_shown(item.target, content_root)}。"
                "请分两次导入，或用 --scope unit 区分单位文档。"
            )
            continue
        seen[item.target] = item.source
        exists = item.target.exists()
        if exists and not options.force:
            outcome.failures.append(
                f"{item.source}：{_shown(item.target, content_root)} 已经存在，没有覆盖。确认要用导入结果替换它，请加 --force。"
            )
            continue
        text, values = item.text, item.values
        if exists:
            text, values, kept = _keep_editors_fields(item.target, text, values)
            if kept:
                outcome.kept[item.target] = kept
        planned.append(Planned(item.target, text, values, m.Document, exists))
        # Named as what it is (an old .xls renamed .xlsx is kept as .xls), so that the page offers it.
        suffix = real_suffix(Path(item.source))
        if suffix in ORIGINAL_SUFFIXES and Path(item.source).is_file():
            original = item.target.with_suffix(suffix)
            hidden = hidden_content(Path(item.source))
            if hidden:
                outcome.withheld[original] = hidden  # its hidden sheets and comments would be published with it
            else:
                planned.append(Planned(original, "", None, None, original.exists(), copy_of=Path(item.source)))
    for item in outcome.imported:
        placement = item.placement
        if placement.department_new:
            target = content_root / "departments" / f"{placement.department_id}.yml"
            if target.exists() or any(p.target == target for p in planned):
                continue
            header, root = department_tree(placement, item.source)
            planned.append(Planned(target, dump(root, header), expected(root), m.Department))
        outcome.new_regions.extend(placement.regions_new)
    if outcome.new_regions:
        target = content_root / "regions.yml"
        try:
            text, values = regions_text(target, outcome.new_regions)
        except ImportFailed as error:
            outcome.failures.append(error.format_message())
            return planned
        planned.append(Planned(target, text, values, m.RegionFile, target.exists()))
    return planned


EDITORS_FIELDS = {
    "published": "公开日期",
    "approved": "批复日期",
    "source_url": "原文链接",
    "changes": "修改记录",
    "acknowledgements": "已确认的差异",
}
"""Fields an editor adds to an imported document by hand, which a workbook or PDF never holds: a re-import keeps them."""


def _keep_editors_fields(old: Path, text: str, values: Any) -> tuple[str, Any, list[str]]:
    """The new document's text and values with the editor's fields of the document it replaces, and what was kept."""
    src = read(old, old.name)
    if any(p.severity is Severity.ERROR for p in src.problems) or not isinstance(src.data, dict) or not isinstance(values, dict):
        return text, values, []
    lines = src.text.split("\n")
    starts = [i for i, line in enumerate(lines) if line[:1] not in ("", " ", "\t", "#", "-")]
    added: list[str] = []
    kept: list[str] = []
    values = dict(values)
    for key, name in EDITORS_FIELDS.items():
        if key not in src.data or src.data[key] in (None, [], "") or key in values:
            continue
        at = next((i for i in starts if lines[i].split(":", 1)[0].strip() == key), None)
        if at is None:
            continue
        end = next((i for i in starts if i > at), len(lines))
        while end > at + 1 and not lines[end - 1].strip():
            end -= 1
        added.extend(lines[at:end])
        values[key] = src.data[key]
        count = len(src.data[key]) if isinstance(src.data[key], list) else 0
        kept.append(f"{name} {count} 条" if count else name)
    if not added:
        return text, values, []
    text = text.rstrip("\n") + "\n\n# 以下照替换前的文件保留（导入的原文里没有这些）：\n" + "\n".join(added) + "\n"
    return text, values, kept


def _shown(path: Path, content_root: Path) -> str:
    return relpath(path, content_root.parent)


def _write_all(planned: list[Planned], content_root: Path, outcome: Outcome) -> None:
    """Stage and verify every file, then rename each into place; on any failure take everything back."""
    try:
        content_root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".pubgen-import-", dir=content_root))
    except OSError as error:
        raise WriteFailed(str(content_root), f"无法在这里写入文件（{error.strerror or error}）。") from None
    try:
        staged = [_stage(plan, staging, index, content_root) for index, plan in enumerate(planned)]
        _place(planned, staged, staging, content_root, outcome)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _units_settled(node: Any) -> Any:
    """The data without the units written 待填 (a table whose unit the original does not print): the editor settles
    them, and the check refuses each until then; everything else must already be valid content."""
    if isinstance(node, dict):
        return {k: _units_settled(v) for k, v in node.items() if not (k == "unit" and v == s.TO_FILL)}
    if isinstance(node, list):
        return [_units_settled(v) for v in node]
    return node


def _stage(plan: Planned, staging: Path, index: int, content_root: Path) -> Path:
    path = staging / f"{index:03d}-{plan.target.name}"
    name = _shown(plan.target, content_root)
    if plan.copy_of is not None:
        try:
            shutil.copyfile(plan.copy_of, path)
        except OSError as error:
            raise WriteFailed(name, f"无法复制原文文件 {plan.copy_of.name}（{error.strerror or error}）。") from None
        return path
    size = len(plan.text.encode("utf-8"))
    if size > MAX_BYTES:
        raise WriteFailed(
            name,
            f"导入结果有 {size / 1024 / 1024:.1f} MB，超过一份文档文件的上限 {MAX_BYTES // 1024 // 1024} MB，没有写入任何文件。"
            "原文件中的表格是否过大（如把整张工作表成千上万行都复制了进来）？请删去多余的部分后重新导入。",
        )
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(plan.text)
    except OSError as error:
        raise WriteFailed(name, f"无法写入（{error.strerror or error}）。") from None
    src = read(path, name)
    if any(p.severity is Severity.ERROR for p in src.problems) or src.data != plan.values:
        raise WriteFailed(name, "导入结果写成 YAML 后读回来与原意不符，没有写入任何文件。这是 pubgen 的缺陷，请把源文件交给维护人员。")
    if plan.model is not None:
        try:
            plan.model.model_validate(_units_settled(src.data))
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"])
            raise WriteFailed(name, f"导入结果不符合内容格式（{where}：{first['msg']}），没有写入任何文件。这是 pubgen 的缺陷，请把源文件交给维护人员。") from None
    return path


def _place(planned: list[Planned], staged: list[Path], staging: Path, content_root: Path, outcome: Outcome) -> None:
    done: list[tuple[Path, Path | None]] = []
    made_dirs: list[Path] = []
    current = content_root
    try:
        for index, (plan, path) in enumerate(zip(planned, staged)):
            current = plan.target
            missing = []
            parent = plan.target.parent
            while not parent.exists():
                missing.append(parent)
                parent = parent.parent
            for folder in reversed(missing):
                folder.mkdir()
                made_dirs.append(folder)
            backup = None
            if plan.target.exists():
                backup = staging / f"{index:03d}-old-{plan.target.name}"
                os.replace(plan.target, backup)
            done.append((plan.target, backup))
            os.replace(path, plan.target)
    except OSError as error:
        for target, backup in reversed(done):
            try:
                if backup is not None:
                    os.replace(backup, target)
                elif target.exists():
                    target.unlink()
            except OSError:
                pass
        for folder in reversed(made_dirs):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise WriteFailed(_shown(current, content_root), f"无法写入（{error.strerror or error}），已撤回本次导入写入的全部文件。") from None
    for plan in planned:
        (outcome.replaced if plan.replaces else outcome.created).append(plan.target)


def _check(content_root: Path, written: list[Path]) -> CheckReport:
    from ..parallel import check_content

    report = check_content(content_root)
    names = {p.resolve() for p in written if p.suffix == ".yml" and "documents" in p.parts}
    base = content_root.parent.resolve()
    report.problems = [p for p in report.problems if (base / p.file).resolve() in names]
    return report
