"""Load stage: read every source file under ``content/`` into typed records.

Problems with syntax, types, required and unknown fields are gathered here,
each with its file, line and column; nothing is raised for bad content.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from . import model as m
from .exact import DECIMALS, INTEGER_DIGITS
from .problems import Problem, Severity
from .roles import column_specs, row_specs, says_a_change, table_name
from .source import Source, backup_ending, backup_of, misnamed_document, read

M = TypeVar("M", bound=BaseModel)


@dataclass(slots=True)
class Loaded:
    """A record read from one file, with the file it came from."""

    record: Any
    """The validated model instance."""
    source: Source
    """Where it came from, for placing problems."""


@dataclass(slots=True)
class RegionEntry:
    """A region with its path and ancestry resolved."""

    path: str
    """e.g. ``hebei/xingtai/pingxiang``."""
    region: m.Region
    names: list[str]
    """Names from the province down, e.g. ``["河北省", "邢台市", "平乡县"]``."""
    source: Source


@dataclass(slots=True)
class Content:
    """Everything under ``content/``, loaded."""

    root: Path
    """The content folder."""
    site: m.Site | None = None
    regions: dict[str, RegionEntry] = field(default_factory=dict)
    glossary: list[m.Term] = field(default_factory=list)
    glossary_source: Source | None = None
    departments: dict[str, Loaded] = field(default_factory=dict)
    """By department id (region path + slug)."""
    documents: list[Loaded] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    folders_checked: set[str] = field(default_factory=set)
    """Folders of ``root`` already found not to be symbolic links while reading."""
    unread_departments: dict[str, str] = field(default_factory=dict)
    """Department files that exist but could not be read (their problems are reported at them), by the department ids they
    may hold: the path under ``departments/`` and, when the file's ``region`` and ``slug`` could be read, those. A document
    naming one is not told to create a department file that is there."""
    regions_unread: bool = False
    """Whether ``regions.yml`` is missing or could not be read (reported at it): no region can be told unknown."""


def load(root: Path, documents: bool = True, department_files: list[Path] | None = None) -> Content:
    """Read the content folder; problems are collected, never raised.

    With ``department_files``, only those department files are read (the
    departments some documents name, when only they are being checked again).
    """
    content = Content(root=root)
    base = root.parent
    site_file = root / "site.yml"
    if not root.is_dir():
        found = "它不是文件夹，而是一个文件" if os.path.lexists(root) else "它不存在"
        content.problems.append(
            Problem("missing-content", f"找不到内容目录 {root}：{found}。", file=source_name(root, base))
        )
        return content
    if os.path.lexists(site_file):  # a dangling link is reported as a link, not as missing
        site = parse_file(content, site_file, base, m.Site)
        content.site = site.record if site else None
    else:
        content.problems.append(Problem("missing-file", "缺少站点设置文件 site.yml。", file=source_name(site_file, base)))
    regions_file = root / "regions.yml"
    if os.path.lexists(regions_file):
        loaded = parse_file(content, regions_file, base, m.RegionFile)
        if loaded:
            _index_regions(content, loaded.record.regions, loaded.source, "", [], ("regions",))
        else:
            content.regions_unread = True
    else:
        content.regions_unread = True
        content.problems.append(Problem("missing-file", "缺少地区文件 regions.yml。", file=source_name(regions_file, base)))
    glossary_file = root / "glossary.yml"
    if os.path.lexists(glossary_file):
        loaded = parse_file(content, glossary_file, base, m.GlossaryFile)
        if loaded:
            content.glossary = loaded.record.terms
            content.glossary_source = loaded.source
    for folder in ("departments", "documents"):
        where = root / folder
        if os.path.lexists(where) and not where.is_dir() and not where.is_symlink():
            # Everything in it would be silently missing from the site (a link is reported where it is read).
            content.problems.append(
                Problem(
                    "missing-content",
                    f"content/{folder} 是一个文件，不是文件夹：{'部门文件' if folder == 'departments' else '文档'}都要放在这个文件夹里。"
                    "请删除或改名这个文件，建立同名文件夹。",
                    file=source_name(where, base),
                )
            )
    for path in yaml_files(root / "departments") if department_files is None else department_files:
        failed: list[Source] = []
        loaded = parse_file(content, path, base, m.Department, failed)
        if loaded is None and failed:
            _remember_unread_department(content, path, failed[0])
        if loaded:
            dept: m.Department = loaded.record
            key = f"{dept.region}/{dept.slug}"
            if key in content.departments:
                other = content.departments[key].source.name
                line, col = loaded.source.place(("slug",))
                content.problems.append(
                    Problem("duplicate-department", f"部门“{key}”已在 {other} 中定义。", loaded.source.name, line, col, field="slug")
                )
            else:
                content.departments[key] = loaded
    for path in yaml_files(root / "documents") if documents else []:
        loaded = parse_file(content, path, base, m.Document)
        if loaded:
            type_cells(loaded.record, loaded.source, content.problems)
            content.documents.append(loaded)
    return content


def meant_department(written: str, departments: dict[str, Loaded]) -> str | None:
    """The one department ``written`` names other than by its id: by its name (short name, alias), or by its own code
    (the last part of its id, as ``pubgen new --department`` takes it) or with another region path before it."""
    text = written.strip()
    if not text or text in departments:
        return None
    named = [key for key, d in departments.items() if text in (d.record.name, d.record.short_name, *d.record.aliases)]
    if len(named) == 1:
        return named[0]
    last = text.strip("/").rsplit("/", 1)[-1]
    coded = [key for key in departments if key.rsplit("/", 1)[-1] == last]
    return coded[0] if len(coded) == 1 and not named else None


def _remember_unread_department(content: Content, path: Path, failed: Source) -> None:
    """Which department ids a department file that could not be read may hold, for :attr:`Content.unread_departments`."""
    name = source_name(path, content.root.parent)
    try:
        under = path.relative_to(content.root / "departments").as_posix()
    except ValueError:
        under = path.name
    for ending in (".yml.txt", ".yaml.txt", ".yml", ".yaml"):
        if under.lower().endswith(ending):
            under = under[: -len(ending)]
            break
    content.unread_departments.setdefault(under, name)
    data = failed.data
    if isinstance(data, dict) and isinstance(data.get("region"), str) and isinstance(data.get("slug"), str):
        content.unread_departments.setdefault(f"{data['region'].strip('/')}/{data['slug']}", name)


_MISNAMED = (".yml", ".yaml", ".yml.txt", ".yaml.txt")
"""Endings, in any case, of files meant as YAML: read and reported, never silently left out."""


def yaml_files(folder: Path) -> list[Path]:
    """Every YAML file under ``folder``, sorted; links are listed, never followed.

    Every symbolic link is listed too, whatever it is named or points to (and
    ``folder`` itself when it is a link), so that reading reports it instead of
    its silently missing; so is anything else named ``*.yml`` that is not a
    folder (a named pipe), which reading refuses as not a file.
    """
    return [Path(name) for name in yaml_file_names(folder)]


def yaml_file_names(folder: Path) -> list[str]:
    """:func:`yaml_files` as path strings, in the same order, for callers that list 10,000 files at every run."""
    if folder.is_symlink():
        return [os.fspath(folder)]
    if not folder.is_dir():
        return []
    found: list[str] = []
    todo = [os.fspath(folder)]
    while todo:  # a stack, not recursion: however deep the folders
        at = todo.pop()
        try:
            with os.scandir(at) as entries:
                listed = list(entries)
        except OSError:
            found.append(at)  # reading it reports why it cannot be listed
            continue
        names: set[str] | None = None
        for entry in listed:
            path = entry.path
            yaml_name = path.endswith((".yml", ".yaml")) and entry.name not in (".yml", ".yaml")
            if not yaml_name and backup_ending(entry.name):
                # 2021-budget.yml.orig beside 2021-budget.yml: reading it tells it is a backup, to delete (backup-file).
                names = {e.name for e in listed} if names is None else names
                yaml_name = bool(backup_of(entry.name, names.__contains__))
            if not yaml_name and entry.name.lower().endswith(_MISNAMED):
                # 2031-Budget.YML, 2030-budget.yml.txt (as Notepad saves): read, and told to rename (file-extension).
                yaml_name = entry.name.lower() not in _MISNAMED
            if not yaml_name and misnamed_document(entry.name):
                # 2021-budget.txt, 2021-budget, “2021-budget.yml ”, 2021-budget．yml: a document whose page vanished unsaid.
                yaml_name = True
            try:
                if entry.is_symlink():
                    found.append(path)
                elif entry.is_dir(follow_symlinks=False):
                    todo.append(path)
                elif yaml_name:
                    found.append(path)
            except OSError:
                if yaml_name:
                    found.append(path)
    # The order of Path objects: part by part, not character by character ("a/x" before "a-b/x").
    return sorted(found, key=_parts)


def _parts(path: str) -> list[str]:
    return path.split(os.sep)


def source_name(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def parse_file(content: Content, path: Path, base: Path, kind: type[M], failed: list[Source] | None = None) -> Loaded | None:
    """Read and validate one file of ``content``; its problems are added to ``content.problems``.

    A file that cannot be read or validated gives None, and its source (with the values read, if any) is added to
    ``failed``."""
    src = read(path, source_name(path, base), content.root, content.folders_checked)
    if failed is not None:
        failed.append(src)
    content.problems.extend(src.problems)
    if src.backup or any(problem.severity is Severity.ERROR for problem in src.problems):
        return None  # a warning (a file saved as 2021-budget.yml.txt) is told, and the file read as it says; a backup is not
    if not isinstance(src.data, dict):
        # Placed where the content starts, past any leading comments.
        line, col = src.place(())
        content.problems.append(
            Problem("not-a-mapping", "文件内容应是一组“字段: 值”，而不是单个值或列表。", src.name, line, col)
        )
        return None
    if kind is m.Document:
        if m.TO_FILL in src.text:  # most files have no 待填: skip walking every value
            content.problems.extend(_take_placeholders(src, src.data, ()))
            content.problems.extend(_units_to_fill(src, src.data))
    try:
        record = kind.model_validate(src.data)
    except ValidationError as exc:
        problems = schema_problems(src, exc, kind)
        written = src.data.get("department")
        meant = meant_department(written, content.departments) if kind is m.Document and isinstance(written, str) else None
        if meant is not None:
            # department: 安远县农业农村局 — the department's name, where its code goes.
            problems = [
                replace(p, message=f"{p.message}“{written}”是部门 {meant} 的名称：department 要写部门代号，请写成 department: {meant}。")
                if p.field == "department" and p.code == "wrong-type"
                else p
                for p in problems
            ]
        content.problems.extend(problems)
        return None
    src.data = None  # the record holds the values now
    return Loaded(record, src)


NUMBER_FIELDS = frozenset(
    {"score", "weight", "target_value", "funds", "bonus", "total", "points", "level1_points", "level2_points", "level1_score", "level2_score"}
)
"""Fields outside tables that hold a figure, where `pubgen new` may write 待填."""


NUMBER_FIELD_NAMES = {
    "score": "得分",
    "weight": "分值",
    "target_value": "目标数值",
    "funds": "资金",
    "bonus": "加分",
    "total": "总得分",
    "points": "分值合计",
    "level1_points": "一级指标分值",
    "level2_points": "二级指标分值",
    "level1_score": "一级指标得分",
    "level2_score": "二级指标得分",
}
"""How messages name the figure fields that may be 待填, in the words of the forms."""


def _to_fill_message(node: dict[Any, Any], key: str, path: tuple[Any, ...]) -> str:
    """“指标“完成数量”的得分（score）还没有填写”: the field in Chinese, and whose it is (the indicator, the table)."""
    what = f"{NUMBER_FIELD_NAMES.get(key, key)}（{key}）"
    if not path:
        what = "总得分（score）" if key == "score" else what
    elif "rows" in path or "items" in path:
        level = key.split("_")[0] if key.startswith(("level1_", "level2_")) else ""
        group = node.get(level) if level else None
        name = node.get("name")
        if isinstance(group, str) and group.strip():
            what = f"{'一级' if level == 'level1' else '二级'}指标“{group.strip()}”的{'分值' if key.endswith('points') else '得分'}（{key}）"
        elif isinstance(name, str) and name.strip():
            what = f"{'指标' if 'rows' in path else '评分项'}“{name.strip()}”的{what}"
    else:
        title = node.get("title")
        if isinstance(title, str) and title.strip():
            what = f"“{title.strip()}”的{what}"
    return f"{what}还没有填写（“待填”），请照原文填写。"


def _take_placeholders(src: Source, node: Any, path: tuple[Any, ...]) -> list[Problem]:
    """Report 待填 in figure fields outside tables and leave them empty, so the rest is still checked."""
    found: list[Problem] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in NUMBER_FIELDS and isinstance(value, str) and value.strip() == m.TO_FILL:
                line, col = src.place(path + (key,))
                found.append(
                    Problem("figure-to-fill", _to_fill_message(node, key, path), src.name, line, col, field=".".join(map(str, path + (key,))))
                )
                node[key] = None
            else:
                found.extend(_take_placeholders(src, value, path + (key,)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_take_placeholders(src, value, path + (i,)))
    return found


_UNIT_TO_FILL = (
    "“{label}”还是“待填”：请照原表写上金额单位（{units}）。单位写错，页面上的数字都会跟着错。"
    "写明之前，{which}的数字不与正文、其他表和其他文档比较，也不能发布；表内的合计等核对照常进行。"
)


def _units_to_fill(src: Source, data: dict[Any, Any]) -> list[Problem]:
    """The document's or a table's ``unit: 待填`` (pubgen import writes it where the original prints no unit), each at its
    line: the model reads it as no unit and remembers it (:func:`pubgen.model.money_unit`), so that everything else of
    the document is still checked in the same run."""
    units = "、".join(get_args(m.MoneyUnit))
    found: list[Problem] = []

    def to_fill(node: Any) -> bool:
        return isinstance(node, dict) and isinstance(node.get("unit"), str) and node["unit"].strip() == m.TO_FILL

    if to_fill(data):
        line, col = src.place(("unit",))
        message = _UNIT_TO_FILL.format(label="金额单位（unit）", units=units, which="没有写自己单位（unit）的表")
        found.append(Problem("unit-to-fill", message, src.name, line, col, field="unit"))
    body = data.get("body")
    for i, block in enumerate(body if isinstance(body, list) else []):
        if not to_fill(block) or block.get("type") != "table":
            continue
        title = block.get("title")
        named = f"“{title.strip()}”的" if isinstance(title, str) and title.strip() else ""
        line, col = src.place(("body", i, "unit"))
        message = _UNIT_TO_FILL.format(label="金额单位（unit）", units=units, which="这张表")
        found.append(Problem("unit-to-fill", named + message, src.name, line, col, field=f"body.{i}.unit"))
    return found


def _index_regions(
    content: Content, regions: list[m.Region], src: Source, prefix: str, names: list[str], at: tuple[Any, ...]
) -> None:
    for i, region in enumerate(regions):
        path = f"{prefix}/{region.slug}" if prefix else region.slug
        if path in content.regions:
            line, col = src.place(at + (i, "slug"))
            content.problems.append(
                Problem("duplicate-region", f"地区代号“{path}”重复。", src.name, line, col, field="slug")
            )
            continue
        content.regions[path] = RegionEntry(path, region, names + [region.name], src)
        _index_regions(content, region.children, src, path, names + [region.name], at + (i, "children"))


# --------------------------------------------------------------------------- schema problems


_TYPE_MESSAGES = {
    "missing": "缺少必填字段“{label}”。",
    "string_type": "“{label}”应是文字，现在是{value}。",
    "int_type": "“{label}”应是整数，现在是{value}。",
    "int_parsing": "“{label}”应是整数，现在是“{value}”。",
    "int_from_float": "“{label}”应是整数，现在是“{value}”。",
    "bool_type": "“{label}”应填 true 或 false，现在是“{value}”。",
    "bool_parsing": "“{label}”应填 true 或 false，现在是“{value}”。",
    "list_type": "“{label}”应是一个列表（每项以“- ”开头），现在是{value}。",
    "dict_type": "“{label}”应是一组“字段: 值”，现在是{value}。",
    "model_type": "“{label}”应是一组“字段: 值”，现在是{value}。",
    "model_attributes_type": "“{label}”应是一组“字段: 值”，现在是{value}。",
    "tuple_type": "“{label}”应是一个列表，现在是{value}。",
    "too_short": "“{label}”至少要有 {min} 项。",
    "too_long": "“{label}”最多只能有 {max} 项。",
    "string_pattern_mismatch": "“{label}”的值“{value}”格式不对：只能用小写字母、数字和连字符（-），地区路径用 / 分隔。",
    "greater_than_equal": "“{label}”不能小于 {ge}，现在是“{value}”。",
    "less_than_equal": "“{label}”不能大于 {le}，现在是“{value}”。",
    "date_type": "“{label}”应是日期（年-月-日，如 2022-03-25），现在是“{value}”。",
    "date_from_datetime_parsing": "“{label}”应是日期（年-月-日，如 2022-03-25），现在是“{value}”。",
}


UNKNOWN_SHOWN = 20
"""Unknown fields of one mapping reported one by one; more are counted in one problem."""


def schema_problems(src: Source, exc: ValidationError, kind: type[BaseModel]) -> list[Problem]:
    """Turn pydantic's errors into problems placed at the line the editor wrote."""
    problems = []
    seen: set[tuple[str, tuple[Any, ...]]] = set()
    errors = [(err, *_data_path(src.data, err["loc"], kind)) for err in exc.errors(include_url=False)]
    # Unknown fields are named one by one up to UNKNOWN_SHOWN per mapping; the rest are counted in one problem.
    unknown: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    shown_errors = []
    for item in errors:
        err, path = item[0], item[1]
        if err["type"] == "extra_forbidden":
            unknown.setdefault(path[:-1], []).append(path)
            if len(unknown[path[:-1]]) > UNKNOWN_SHOWN:
                continue
        shown_errors.append(item)
    errors = shown_errors
    # A misspelt field ("titel") is one mistake: the unknown-field problem names the
    # field it should be, so the missing-field problem for that same field is not repeated.
    misspelt = {
        path[:-1] + (close,)
        for err, path, _, parent_model in errors
        if err["type"] == "extra_forbidden" and path and (close := _typed_field(path[-1], parent_model))
    }
    for parent, paths in unknown.items():
        if len(paths) > UNKNOWN_SHOWN:
            line, col = src.key_place(paths[UNKNOWN_SHOWN])
            problems.append(
                Problem(
                    "unknown-field",
                    f"这一层还有 {len(paths) - UNKNOWN_SHOWN} 个未知字段没有逐一列出（共 {len(paths)} 个）："
                    "请检查是否把一整段内容放错了位置或缩进。",
                    src.name,
                    line,
                    col,
                    field=".".join(str(p) for p in parent),
                )
            )
    for err, path, fields, parent_model in errors:
        etype = err["type"]
        if etype == "missing" and path in misspelt:
            continue
        code, message = _message(etype, err, fields, path, parent_model)
        key = (code, path)
        if key in seen:
            continue
        seen.add(key)
        if etype == "extra_forbidden":
            line, col = src.key_place(path)
        elif etype == "missing":
            line, col = src.place(path[:-1])
        else:
            line, col = src.place(path)
        if etype == "string_type" and isinstance(err.get("input"), (list, dict)):
            message += _bracketed_text(src.text, line, col, path)
        problems.append(
            Problem(code, message, src.name, line, col, field=".".join(str(p) for p in path))
        )
    return problems


def _bracketed_text(text: str, line: int, col: int, path: tuple[Any, ...]) -> str:
    """``title: [附件1]``, ``- {草稿}``: a text written between half-width brackets, which YAML reads as a list (or a set of
    fields) where a text is wanted. The quoted form to write, or nothing when the value is not such a one-line text."""
    rows = text.split("\n")
    if not 0 < line <= len(rows) or col < 1:
        return ""
    typed = re.sub(r"[ \t]+#.*", "", rows[line - 1][col - 1 :].rstrip("\r")).rstrip()
    if len(typed) < 2 or typed[0] not in "[{" or typed[-1] != {"[": "]", "{": "}"}[typed[0]] or "\n" in typed:
        return ""
    quoted = f'"{typed}"' if '"' not in typed and "\\" not in typed else "'" + typed.replace("'", "''") + "'"
    key = path[-1] if path and isinstance(path[-1], str) else None
    write = f"{key}: {quoted}" if key is not None else f"- {quoted}" if rows[line - 1][: col - 1].strip() == "-" else quoted
    what = "方括号“[”" if typed[0] == "[" else "花括号“{”"
    return f"以半角{what}开头的文字，YAML 会读成{'列表' if typed[0] == '[' else '一组“字段: 值”'}：这里本是文字的，请加引号，写成 {write}。"


def _data_path(
    data: Any, loc: tuple[Any, ...], kind: type[BaseModel]
) -> tuple[tuple[Any, ...], list[Any], Any]:
    """Drop union tags from pydantic's location; find the field infos and the enclosing model."""
    path: list[Any] = []
    fields: list[Any] = []
    node = data
    model: Any = kind
    parent_model: Any = kind
    just_indexed = False
    for part in loc:
        after_index, just_indexed = just_indexed, False
        is_model = isinstance(model, type) and issubclass(model, BaseModel)
        if isinstance(node, list) and isinstance(part, int):
            path.append(part)
            node = node[part] if 0 <= part < len(node) else None
            model = _inner_model_for_item(model, node)
            just_indexed = True
        elif after_index and isinstance(part, str) and isinstance(node, dict) and _is_tag(part, node):
            continue
        elif isinstance(part, str):
            parent_model = model
            path.append(part)
            info = model.model_fields.get(part) if is_model else None
            fields.append(info)
            node = node.get(part) if isinstance(node, dict) else None
            model = _inner_model(info, node)
    return tuple(path), fields, parent_model


def _is_tag(part: str, node: dict[str, Any]) -> bool:
    return node.get("type") == part


_BLOCKS: dict[str, type[BaseModel]] = {
    "heading": m.Heading,
    "text": m.Text,
    "list": m.ListBlock,
    "table": m.Table,
    "indicators": m.Indicators,
    "scores": m.Scores,
    "goals": m.Goals,
    "people": m.People,
    "signature": m.Signature,
    "fields": m.FormFields,
    "glossary": m.GlossaryBlock,
}


def _inner_model(info: Any, node: Any) -> Any:
    """The model class that describes ``node``, given the field that holds it."""
    if info is None:
        return None
    return _model_in(info.annotation, node)


def _model_in(annotation: Any, node: Any) -> Any:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (list, tuple):
        return ("list", args[0] if args else None)
    if origin is typing.Annotated:
        return _model_in(args[0], node)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for a in args:
            found = _model_in(a, node)
            if found is not None:
                return found
    return None


def _inner_model_for_item(model: Any, node: Any) -> Any:
    if isinstance(model, tuple) and model[0] == "list":
        item = model[1]
        tag = node.get("type") if isinstance(node, dict) else None
        if isinstance(tag, str) and tag in _BLOCKS:
            return _BLOCKS[tag]
        return _model_in(item, node)
    return None


def _label(fields: list[Any], path: tuple[Any, ...]) -> str:
    for info in reversed(fields):
        if info is not None and info.title:
            return f"{info.title}（{path[-1] if path and isinstance(path[-1], str) else _last_name(path)}）"
    return _last_name(path)


def _last_name(path: tuple[Any, ...]) -> str:
    for p in reversed(path):
        if isinstance(p, str):
            return p
    return "内容"


def _describe(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, dict):
        return "一组“字段: 值”"
    if isinstance(value, list):
        return "一个列表"
    if isinstance(value, bool):
        return f"“{'true' if value else 'false'}”"
    return f"“{value}”"


def _field_names(model: Any) -> list[str]:
    return list(model.model_fields) if isinstance(model, type) and issubclass(model, BaseModel) else []


def _close_field(key: Any, model: Any) -> str | None:
    """The field of ``model`` that an unknown ``key`` was probably meant to be: by its spelling, or by its Chinese name."""
    typed = unicodedata.normalize("NFKC", str(key)).strip()  # ｔｉｔｌｅ typed with the IME's full-width letters
    names = _field_names(model)
    if typed in names:
        return typed
    if names:
        by_title: dict[str, str] = {
            str(info.title): str(name) for name, info in model.model_fields.items() if info.title
        }
        for title, name in by_title.items():
            # 标题 for title (标题（原文）), 年度 for year: the Chinese name the check's messages give the field.
            if typed and (typed == title or title.startswith(typed + "（") or title.split("（")[0] == typed):
                return name
    close = difflib.get_close_matches(typed, names, n=1, cutoff=0.6)
    return close[0] if close else None


_WIDE_COLON = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*(：[ \t\u3000]*|:\u3000[ \t\u3000]*)(.*)", re.S)
"""``{id： total, …}`` or ``{label:　机关运行经费, …}`` typed with a Chinese IME: YAML reads the whole as one field name."""


def _wide_colon(key: Any) -> tuple[str, str, str] | None:
    """The field name, the full-width mark and the value of a key that is a “字段：值” typed with a full-width colon or space."""
    found = _WIDE_COLON.fullmatch(str(key))
    if found is None:
        return None
    mark = "全角冒号“：”" if "：" in found[2] else "全角空格“　”"
    return found[1], mark, found[3]


_NAME_SPACES = {
    "\u3000": "全角空格“　”（中文输入法打出的）",
    "\u00a0": "不换行空格（U+00A0，从 Word、WPS 或网页复制时带进来的）",
    "\u2007": "不换行空格（U+2007，从 Word、WPS 或网页复制时带进来的）",
    "\u202f": "不换行空格（U+202F，从 Word、WPS 或网页复制时带进来的）",
    "\ufeff": "字符 U+FEFF（字节顺序标记 BOM，多是把两个带 BOM 保存的文件拼成一个时留在了拼接处）",
}
"""Spaces YAML keeps in a field name (it trims only the half-width ones), as the editor is told of each; and the byte
order mark, which a file joined to another leaves before a field's name."""


def spaced_name(key: Any) -> str:
    """``title　`` (a full-width space after it), ``\u00a0level``: the field name without the spaces YAML kept in it."""
    return str(key).strip(" \t" + "".join(_NAME_SPACES))


def _odd_space_in_name(key: Any, names: list[str]) -> str | None:
    """“title　: 测试”: a field's name with an invisible full-width or no-break space before or after it, which YAML keeps
    as part of the name; the message says which space and where, since “未知字段“title　”” shows nothing wrong."""
    bare = spaced_name(key)
    if bare == key or bare not in names:
        return None
    typed = str(key)
    space = next(c for c in typed if c in _NAME_SPACES)
    where = "后面" if typed.startswith(bare) else "前面" if typed.endswith(bare) else "前后"
    what = "字符" if space == "\ufeff" else "空格"
    return f"字段名“{bare}”{where}有一个看不见的{_NAME_SPACES[space]}，YAML 把它算作字段名的一部分，认不出“{bare}”：请删掉这个{what}，"


def _typed_field(key: Any, model: Any) -> str | None:
    """The field an unknown key was meant to be: one typed with a full-width colon, or misspelt."""
    wide = _wide_colon(key)
    if wide is not None and wide[0] in _field_names(model):
        return wide[0]
    return _close_field(key, model)


def _literal_values(annotation: Any) -> list[str]:
    """The values a ``Literal[…]`` field (or an optional one) allows."""
    import typing

    if typing.get_origin(annotation) is typing.Literal:
        return [str(v) for v in get_args(annotation)]
    for arg in get_args(annotation) if typing.get_origin(annotation) in (typing.Union, __import__("types").UnionType) else ():
        if typing.get_origin(arg) is typing.Literal:
            return [str(v) for v in get_args(arg)]
    return []


_EXTRA_NAMES: dict[str, dict[str, str]] = {"kind": m.KIND_NAMES}
"""Other Chinese names of a field's values than its description gives (绩效自评 for self-evaluation)."""


def _value_names(info: Any, values: list[str], field_name: Any) -> dict[str, list[str]]:
    """Each allowed value with its Chinese names, as the field's description gives them (“budget 部门预算公开、…”)."""
    description = str(getattr(info, "description", "") or "")
    names: dict[str, list[str]] = {}
    for value in values:
        found = re.search(rf"(?<![\w-]){re.escape(value)}[ \t]+([^、，；。,;]{{1,30}})", description)
        names[value] = [found[1].strip()] if found and not found[1].isascii() else []
        extra = _EXTRA_NAMES.get(str(field_name), {}).get(value)
        if extra and extra not in names[value]:
            names[value].append(extra)
    return names


def _value_meant(value: Any, names: dict[str, list[str]]) -> str | None:
    """The allowed value a typed word names: 预算 → budget, 部门决算 → final-accounts; None when it could be several."""
    typed = re.sub(r"\s", "", unicodedata.normalize("NFKC", str(value)))
    if not typed:
        return None
    lowered = typed.lower()
    if lowered in names:
        return lowered
    bare = {v: [re.sub(r"（[^）]*）", "", n) for n in ns] for v, ns in names.items()}
    for test in (
        lambda n: n == typed or n.removesuffix("公开") == typed,  # 部门预算公开, 部门预算
        lambda n: typed in n,  # 预算 in 部门预算公开
    ):
        hits = {v for v, ns in bare.items() if any(test(n) for n in ns)}
        if len(hits) == 1:
            return hits.pop()
        if hits:
            return None
    # 2026年部门预算公开: the longest name the typed text holds.
    held = sorted(((len(n), v) for v, ns in bare.items() for n in ns if n and n in typed), reverse=True)
    if held and (len(held) == 1 or held[0][0] > held[1][0] or held[0][1] == held[1][1]):
        return held[0][1]
    close = difflib.get_close_matches(lowered, list(names), n=1, cutoff=0.75) if typed.isascii() else []
    return close[0] if close else None


def _message(etype: str, err: Any, fields: list[Any], path: tuple[Any, ...], parent_model: Any) -> tuple[str, str]:
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if etype == "extra_forbidden":
        key = path[-1] if path else "?"
        wide = _wide_colon(key)
        if wide is not None:
            name, mark, typed = wide
            colon = mark.startswith("全角冒号")
            return "unknown-field", (
                f"“{key}”里{'的冒号' if colon else '冒号后面'}是{mark}（中文输入法打出的），YAML 不认，把整段读成了一个字段名："
                f"{'请改成半角冒号加一个空格' if colon else '请换成半角空格'}，写成“{name}: {typed}”（切换到英文输入法后输入）。"
            )
        parent = _field_names(parent_model)
        spaced = _odd_space_in_name(key, parent)
        if spaced is not None:
            shown = value if isinstance(value, str) and 0 < len(value) <= 20 else value[:18] + "……" if isinstance(value, str) and value else "……"
            return "unknown-field", f"{spaced}写成“{spaced_name(key)}: {shown}”。"
        hint = ""
        close = _close_field(key, parent_model)
        if key == "glossary" and not close:
            # A document's (or a department's) own glossary: field: the 名词解释 go in a body block or the site's list.
            return "unknown-field", (
                "未知字段“glossary”：名词解释不能写在这里。文档自己的名词解释请写在 body 里，作为一个块：“- type: glossary”，"
                "下面 items 逐条写“- term: 名词”和“definition: 解释”；全站通用的名词解释写在 content/glossary.yml 的 terms 里。"
            )
        others = [name for name, model in _BLOCKS.items() if model is not parent_model and key in model.model_fields and key != "type"]
        if parent_model in _BLOCKS.values() and others and key in ("level", "text", "items", "rows", "entries", "terms"):
            # A heading's “level” and “text” under a table's fields: the “- type: heading” line between them was deleted.
            kinds = "、".join(f"“- type: {name}”" for name in others[:3])
            return "unknown-field", (
                f"未知字段“{key}”：它是别的块（{kinds}）的字段。多半是上面少了一行“- type: …”，后一个块并进了这个块。"
                "请在后一个块的第一行前面补上这一行，不要删去内容。"
            )
        if close:
            hint = f"您是否想写“{close}”？"
        elif parent:
            hint = "可用的字段：" + "、".join(parent[:12]) + ("等。" if len(parent) > 12 else "。")
        if value is None and not close:
            # {label: 实施单位, value: 天长市水利局,水旱灾害防御股}: the comma ended the text, the rest became a key.
            hint = (
                f"如果“{key}”是前一项文字的后半段（在 {{ }} 一行写法中，文字里的半角逗号“,”会把文字断开），"
                f"请给整段文字加引号，如 \"……,{key}\"。" + hint
            )
        return "unknown-field", f"未知字段“{key}”。{hint}"
    if etype == "missing":
        return "missing-field", _TYPE_MESSAGES["missing"].format(label=_label(fields, path))
    if etype in ("union_tag_invalid", "union_tag_not_found"):
        names = "、".join(_BLOCKS)
        if etype == "union_tag_not_found":
            return "unknown-block", f"这一块缺少“type”字段，请写明块类型（{names}）。"
        tag = err["input"].get("type") if isinstance(err.get("input"), dict) else ctx.get("tag")
        return "unknown-block", f"未知的块类型{_describe(tag)}，可用的类型：{names}。"
    if etype in ("literal_error", "enum"):
        label = _label(fields, path)
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        code = "unknown-kind" if path and path[-1] == "kind" else "invalid-value"
        hint = ""
        if path and path[-1] == "unit" and expected == ", ".join(get_args(m.MoneyUnit)):
            if value == m.TO_FILL:
                # pubgen import writes 待填 where the original printed no unit: the editor is to read it off the original.
                units = "、".join(get_args(m.MoneyUnit))
                return code, f"“{label}”还是“{m.TO_FILL}”：请照原表写上金额单位（{units}）。单位写错，页面上的数字都会跟着错。"
            # 人员编制情况表 unit: 人, 资产表 unit: 万元、辆 — printed so; a count's unit goes on its column or row.
            hint = "表格和文档的 unit 只写金额单位；人数、车辆数等数量的单位（人、辆）请写在那一栏或那一行的 unit 上。"
        info = fields[-1] if fields else None
        values = _literal_values(info.annotation) if info is not None else []
        meanings = _value_names(info, values, path[-1] if path else "") if values else {}
        if any(meanings.values()):
            # kind: 部门预算 — the editor wrote the Chinese name: each value with its meaning, and the one that name means.
            close = _value_meant(value, meanings)
            meant = f"您是否想写“{close}”（{re.sub(r'（[^）]*）', '', meanings[close][0])}）？" if close else ""
            listing = "、".join(f"{v} {n[0]}" if n else v for v, n in meanings.items())
            return code, f"“{label}”的值{_describe(value)}无效。{meant}可选值：{listing}。{hint}"
        return code, f"“{label}”的值{_describe(value)}无效，可选值：{expected}。{hint}"
    if "-" in etype:
        # Our own errors from the model's validators carry their code and message.
        return etype, f"“{_label(fields, path)}”：{err['msg']}"
    if etype in ("model_type", "model_attributes_type") and isinstance(value, str) and ctx.get("class_name") in ("GlossaryItem", "Term"):
        # - 高标准农田：指…: a glossary entry typed as one line of text, as the original prints it.
        parts = re.split(r"[：:]\s*", value.strip(), maxsplit=1)
        term, definition = (parts[0], parts[1]) if len(parts) == 2 and parts[0] and parts[1] else ("名词", "解释")
        shown = definition if len(definition) <= 12 else definition[:10] + "……"
        return "wrong-type", (
            f"名词解释的每一条要分成名词和解释两个字段，不能写成一段文字“{value.strip()[:20]}{'……' if len(value.strip()) > 20 else ''}”："
            f"写成“- term: {term}”，下一行与 term 对齐写“definition: {shown}”。"
        )
    template = _TYPE_MESSAGES.get(etype)
    if etype == "string_pattern_mismatch" and ctx.get("pattern") == m.WEB_ADDRESS:
        label = _label(fields, path)
        odd = next((c for c in value if c.isspace() or c in "<>\"'"), None) if isinstance(value, str) else None
        if odd is not None and re.match(r"https?://", value):
            named = "空格" if odd.isspace() else f"“{odd}”"
            return "invalid-value", (
                f"“{label}”“{value}”中有{named}，网址里不能有空格和 < > \" '：空格请写成 %20"
                "（从浏览器地址栏复制的网址就是这样写的），或去掉这个字符。"
            )
        return "invalid-value", f"“{label}”应是以 http:// 或 https:// 开头的网址，现在是“{value}”。"
    if template:
        if "“{value}”" in template and (value is None or isinstance(value, (bool, dict, list))):
            # Name a list, a mapping or an empty value in words, not as Python prints it.
            template = template.replace("“{value}”", "{value}")
        return "wrong-type", template.format(
            label=_label(fields, path), value=_describe(value) if "{value}”" not in template else value, **{
                "min": ctx.get("min_length", ""), "max": ctx.get("max_length", ""), "ge": ctx.get("ge", ""), "le": ctx.get("le", "")
            }
        )
    return "wrong-type", f"“{_label(fields, path)}”的值{_describe(value)}不符合要求：{err['msg']}"


# --------------------------------------------------------------------------- cells


def type_cells(doc: m.Document, src: Source, problems: list[Problem]) -> None:
    """Type each table cell by its column; report cells that do not fit."""
    for bi, block in enumerate(doc.body):
        if not isinstance(block, m.Table):
            continue
        table_key = block.id or block.role or f"table-{bi + 1}"
        name = table_name(block)
        for grid, base in grids_with_paths(block, bi):
            side = getattr(grid, "title", None) if grid.side is not None else None
            shown = f"{name}：{side}" if side else name
            _type_grid(grid, base, table_key if grid.side is None else f"{table_key}.{grid.side}", src, problems, shown)


def grids_with_paths(table: m.Table, index: int) -> list[tuple[m.Grid, tuple[Any, ...]]]:
    """Each grid of the table at body index ``index``, with the path of the grid in the source file."""
    if table.sides:
        return [(side, ("body", index, "sides", si)) for si, side in enumerate(table.sides)]
    return [(table, ("body", index))]


def _joined_hint(values: list[Any]) -> str:
    """Why fewer values were read than typed: figures joined by a full-width comma, a 、 or an Excel Tab are one value."""
    for value in values:
        if isinstance(value, str):
            for mark, name in (("，", "全角逗号“，”"), ("\t", "Tab（从 Excel 复制时带来的）"), ("、", "顿号“、”"), ("；", "全角分号“；”")):
                if mark in value.strip():
                    return f"“{value.strip()[:30]}”被读成了一个数值：数值之间用了{name}，请改成半角逗号加空格“, ”" + ("；原文空白的格子（两个 Tab 之间什么也没有，或在行末）写 ~，不能空着。" if mark == "\t" else "。")
    return ""


_CODE_IN_LABEL = re.compile(r"\s*[\[【(（]?\s*([0-9]{3}(?:[0-9]{2}){0,2})(?![0-9])\s*[\]】)）]?\s*([\u3400-\u9fff].*)", re.S)
"""“2010507 专项普查活动”, “[2010507]专项普查活动”: a code and a name in one cell, as a workbook prints them."""


def _code_in_label(grid: m.Grid, base: tuple[Any, ...], src: Source, problems: list[Problem]) -> None:
    """A row of a coded table with its code typed in its name: placed by no code, it is counted as a top-level class."""
    firsts = {row.code[0] for row in grid.rows if row.code}
    if not firsts:
        return
    for ri, row in enumerate(grid.rows):
        found = None if row.code else _CODE_IN_LABEL.fullmatch(row.label)
        if found is None or found[1][0] not in firsts:
            continue
        path = base + ("rows", ri, "label")
        line, col = src.place(path)
        code, name = found[1], found[2].strip()
        problems.append(
            Problem(
                "code-in-label",
                f"“{row.label}”开头的“{code}”是科目编码：这张表的行按编码（code）排上下级，写在名称里的编码不起作用，"
                f"这一行被当成了最上一级，合计会因此对不上。请把编码移到 code，写成 {{code: \"{code}\", label: {name}, …}}。",
                src.name,
                line,
                col,
                severity=Severity.WARNING,
                field=".".join(map(str, path)),
            )
        )


def _type_grid(grid: m.Grid, base: tuple[Any, ...], key: str, src: Source, problems: list[Problem], table: str = "") -> None:
    """``table`` names the table in messages, as the sums do: “合计”的“合计” is in four tables of a budget."""
    where = f"“{table}”中" if table else ""
    _code_in_label(grid, base, src, problems)
    specs = column_specs(grid)
    numbering = {r.index for r in row_specs(grid) if r.type == "text"}
    """Rows of the table's own numbering (栏次 1 2 3 …): their cells are text, added into nothing, in no check."""
    cells_of: list[list[m.Cell]] = []
    for ri, row in enumerate(grid.rows):
        path = base + ("rows", ri, "values")
        row_key = f"{key}.{row.id or row.code or row.label}"
        if len(row.values) != len(specs) and (specs or grid.side is not None):
            # A table with no columns at all is reported once, as table-without-columns, not once a row.
            line, col = src.place(path)
            problems.append(
                Problem(
                    "cell-count",
                    f"{where}“{row.label}”一行有 {len(row.values)} 个数值，但表格有 {len(specs)} 个栏目"
                    f"（{'、'.join(c.label for c in specs)}）。不适用的栏目请填 ——，原文空白的格子写 ~（不能空着）。"
                    + (_FLOW_COMMA_HINT if len(row.values) > len(specs) and _flow_comma(src, line) else "")
                    + (_joined_hint(row.values) if len(row.values) < len(specs) else ""),
                    src.name,
                    line,
                    col,
                    field=".".join(map(str, path)),
                )
            )
        cells = []
        if len(row.values) != len(specs):
            # Reported above as cell-count: which value belongs to which column is unknown,
            # so no check reads this row's figures.
            cells = [m.Cell(v, None, "missing") for v in (row.values + [None] * len(specs))[: len(specs)]]
        else:
            change_row = says_a_change(row.label)  # 增减额 under 2024年 and 2025年预算数: a row of changes, which may be negative
            for ci, spec in enumerate(specs):
                kind = "text" if ri in numbering else spec.type
                if row.label:
                    shown = where + f"“{row.label}”"
                else:  # the 三公 table's one row has no name: the table named is the row (“…预算表”的“公务接待费”)
                    shown = f"“{table or getattr(grid, 'title', None) or f'第 {ri + 1} 行'}”"
                cells.append(_cell(row.values[ci], kind, spec.signed or change_row, src, path, ci, shown, spec.label, problems, row_key, spec.id))
        cells_of.append(cells)
    grid._cells = cells_of


_FLOW_COMMA_HINT = "方括号 [ ] 中的逗号用来分隔数值：数字里如有千位分隔符（如 1,391.03），请去掉逗号。"


def _flow_comma(src: Source, line: int) -> bool:
    """Does the line hold a flow list with a comma between digits, as in ``[1,391.03]``?"""
    lines = src.text.split("\n")
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return "[" in text and re.search(r"\d,\d", text) is not None


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def _recover(text: str) -> Decimal | None:
    """The number an editor evidently meant ("１２.５", "1,391.03", "95%", "-5"), once its problem is reported.

    Checks further on then see the intended figure, so one typo gives one
    problem instead of also a sum that no longer adds up.
    """
    fixed = m.without_leading_zeros(unicodedata.normalize("NFKC", text).strip())  # 04545000: 4545000
    if fixed.endswith("%"):
        fixed = fixed[:-1].strip()
    if "," in fixed:
        if not _THOUSANDS.fullmatch(fixed):
            return None  # "12,5" may be a decimal comma: no guess
        fixed = fixed.replace(",", "")
    try:
        return m.parse_number(fixed, signed=True)
    except PydanticCustomError:
        return None


_PLAIN_DECIMAL = re.compile(rf"[0-9]{{1,{INTEGER_DIGITS}}}(?:\.[0-9]{{1,{DECIMALS}}})?\Z")
"""A figure within the limits, with nothing parse_number could object to (longer ones go to it)."""


def _cell(
    raw: str | None,
    ctype: str,
    signed: bool,
    src: Source,
    row_path: tuple[Any, ...],
    ci: int,
    row: str,
    column: str,
    problems: list[Problem],
    row_key: str,
    column_id: str,
) -> m.Cell:
    """Type one cell. Its path and field name are made only for a problem: most cells have none."""
    if raw is None:
        return m.Cell(None, None, "empty")
    text = raw.strip()
    if text == "":
        return m.Cell(None, None, "empty")
    if text in m.NOT_APPLICABLE:
        return m.Cell(text, None, "na")
    if ctype == "text":
        if text == m.TO_FILL:
            line, col = src.place(row_path + (ci,))
            problems.append(
                Problem("figure-to-fill", f"{row}的“{column}”还没有填写（“待填”），请照原文填写。", src.name, line, col, field=f"{row_key}.{column_id}")
            )
            return m.Cell(None, None, "missing")
        return m.Cell(raw, None, "text")
    if _PLAIN_DECIMAL.match(text) and not (text[0] == "0" and len(text) > 1 and text[1] != "."):
        # The common case, "329.48": nothing parse_number could object to (04545000 is told by it).
        return m.Cell(text, Decimal(text), "number")
    try:
        value = m.parse_number(text, signed=signed)
    except PydanticCustomError as exc:
        code = exc.type
        message = exc.message()
        amounts = code == "percent-string" and ctype in ("money", "count")
        if amounts:
            # 2000.00% among amounts is no rate to write as 2000.00: a cell Excel shows ×100 (20 formatted as a percentage).
            message = (
                f"“{text}”带有百分号，而这一栏是{'金额' if ctype == 'money' else '人数、个数'}，不是百分比：请照原文填写这个数字，不带百分号。"
                "从 Excel 导入的，单元格若设成了百分比格式，显示的是存的数字乘以 100 再加上百分号（20 显示为 2000.00%），请对照原文。"
            )
        line, col = src.place(row_path + (ci,))
        problems.append(
            Problem(code, f"{row}的“{column}”：{message}", src.name, line, col, field=f"{row_key}.{column_id}")
        )
        recovered = None if amounts else _recover(text)
        return m.Cell(text, None, "text") if recovered is None else m.Cell(text, recovered, "number")
    return m.Cell(text, value, "number")


def decimal_places(text: str | None) -> int:
    """How many decimals a figure was printed with."""
    if not text or "." not in text:
        return 0
    fraction = text.split(".", 1)[1]
    digits = len(fraction) - len(fraction.lstrip("0123456789"))
    return digits  # “95.06%” is printed to two decimals: its sign is no decimal

