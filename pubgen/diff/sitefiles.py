"""The site's other files: settings, regions, departments and the glossary, field by field."""

from __future__ import annotations

import filecmp
import os
import stat
from collections import Counter
from pathlib import Path

from .. import model as m
from ..load import Content
from .results import FileChange, FileDetail
from .text import clean, field_text, text_hunks


def same_file(a: Path, b: Path) -> bool:
    """Are both regular files (not links, pipes or devices) with the same bytes? Compared piece by piece, never whole."""
    try:
        return stat.S_ISREG(a.lstat().st_mode) and stat.S_ISREG(b.lstat().st_mode) and filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def compare_files(old: Content | None, new: Content | None) -> list[FileChange]:
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
        elif not same_file(a_path, b_path):
            assert old is not None and new is not None
            out.append(FileChange(name, "changed", _site_file_details(name, old, new)))
    return out


def _detail(label: str, old: str | None, new: str | None, prose: bool = False) -> FileDetail:
    """One part that differs; text (``prose``) changed on both sides is shown word by word."""
    hunks = text_hunks(clean(old), clean(new)) if prose and old is not None and new is not None else ()
    return FileDetail(label, old, new, hunks)


_PROSE = {"definition", "description"}
"""Fields of the site's files that are running text, shown word by word."""


def _record_details(a: m.Model, b: m.Model, prefix: str = "") -> tuple[FileDetail, ...]:
    """The fields of a department, the site or a glossary term that differ, with their printed names."""
    out = []
    for name, info in type(b).model_fields.items():
        old, new = field_text(getattr(a, name)), field_text(getattr(b, name))
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
    names = Counter(t.term.strip() for t in old) | Counter(t.term.strip() for t in new)

    def by_term(terms: list[m.Term]) -> dict[str, m.Term]:
        out: dict[str, m.Term] = {}
        for t in terms:
            name = t.term.strip()
            # A name written for several regions (a county's and a city's 机关运行经费) is told by its regions too.
            key = f"名词“{name}”" if names[name] == 1 else f"名词“{name}”（{'、'.join(t.regions) if t.regions and not t.national else '全国通用'}）"
            out.setdefault(key, t)  # a term written twice for one region (a check error) is compared by its first entry
        return out

    a, b = by_term(old), by_term(new)
    out: list[FileDetail] = []
    for term in list(b) + [t for t in a if t not in b]:
        label = term
        if term not in a:
            out.append(_detail(label, None, field_text(b[term])))
        elif term not in b:
            out.append(_detail(label, field_text(a[term]), None))
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
