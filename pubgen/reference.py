"""The field reference of ``docs/content-format.md``, generated from the content model.

Run ``python -m pubgen.reference`` after changing :mod:`pubgen.model` or
:mod:`pubgen.roles`; ``tests/test_docs_format.py`` fails until the document
matches what this module generates.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import sys
import textwrap
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Union

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import model as m
from . import roles
from .problems import LEVEL_NAMES

DOC = Path(__file__).resolve().parent.parent / "docs" / "content-format.md"
CHECKS_DOC = DOC.with_name("checks.md")
"""The editors' reference whose generated part this module writes."""
START = "<!-- reference:start -->"
END = "<!-- reference:end -->"

ROOTS: tuple[tuple[type[BaseModel], str], ...] = (
    (m.Site, "content/site.yml"),
    (m.RegionFile, "content/regions.yml"),
    (m.GlossaryFile, "content/glossary.yml"),
    (m.Department, "content/departments/<地区路径>/<部门代号>.yml"),
    (m.Document, "content/documents/<地区路径>/<部门代号>/<年度>-<类别>[-unit-<单位代号>].yml"),
)
"""Each kind of source file and the model that describes it, in the order documented."""

MODEL_NAMES: dict[str, str] = {
    "Site": "站点设置",
    "RegionFile": "地区文件",
    "Region": "地区",
    "GlossaryFile": "名词解释文件",
    "Term": "名词",
    "Department": "部门",
    "Document": "文档",
    "Evaluation": "评价方式与机构",
    "Contact": "联系方式",
    "Change": "修改记录",
    "Acknowledgement": "已确认的差异",
    "Heading": "标题块",
    "Text": "段落块",
    "ListBlock": "列表块",
    "Table": "表格块",
    "Column": "表格栏目",
    "Row": "表格行",
    "Indicators": "绩效指标表块",
    "Indicator": "绩效指标",
    "IndicatorLabels": "指标表栏目名称",
    "IndicatorColumn": "指标表印出的栏目",
    "Execution": "预算执行率",
    "Scores": "评分块",
    "ScoreItem": "评分分项",
    "ScoreLabels": "评分表栏目名称",
    "Goals": "分项绩效目标块",
    "Goal": "分项绩效目标",
    "GoalLabels": "分项目标栏目名称",
    "People": "评价人员块",
    "Person": "人员",
    "Signature": "落款块",
    "SignLine": "签字栏",
    "FormFields": "表头栏目块",
    "FormField": "表头栏目",
    "GlossaryBlock": "文内名词解释块",
    "GlossaryItem": "文内名词",
}
"""Chinese names for section headings; a model missing here is named by the field that holds it."""

_JSON_TYPES = {"number": "数字", "integer": "整数", "string": "文字", "null": "空（~）", "boolean": "是/否", "array": "列表", "object": "一组字段"}
_CHILDREN = {"sum": "之和等于本行", "part": "为“其中”项，之和不超过本行", "none": "不检查"}


# --------------------------------------------------------------------------- walking the model


@dataclass(frozen=True, slots=True)
class Use:
    """Where a model is written: in which field of which model."""

    owner: type[BaseModel]
    field: str


def models() -> list[type[BaseModel]]:
    """Every model reachable from the source files, in documentation order (depth first)."""
    order: list[type[BaseModel]] = []

    def visit(cls: type[BaseModel]) -> None:
        if cls in order:
            return
        order.append(cls)
        for info in cls.model_fields.values():
            for inner in _models_in(info.annotation):
                visit(inner)

    for root, _ in ROOTS:
        visit(root)
    return order


def uses() -> dict[type[BaseModel], list[Use]]:
    """For each model, the fields that hold it."""
    found: dict[type[BaseModel], list[Use]] = {}
    for cls in models():
        for name, info in cls.model_fields.items():
            for inner in _models_in(info.annotation):
                found.setdefault(inner, []).append(Use(cls, name))
    return found


def _models_in(tp: Any) -> Iterator[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        yield tp
        return
    for arg in typing.get_args(tp):
        if not isinstance(arg, FieldInfo):
            yield from _models_in(arg)


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (Union, types.UnionType)


def _unwrap(tp: Any, meta: list[Any]) -> Any:
    """Peel ``Annotated`` layers, collecting their metadata into ``meta``."""
    while typing.get_origin(tp) is typing.Annotated:
        args = typing.get_args(tp)
        tp = args[0]
        meta.extend(args[1:])
    return tp


def _flat(meta: list[Any]) -> list[Any]:
    out: list[Any] = []
    for item in meta:
        out.append(item)
        if isinstance(item, FieldInfo):
            out.extend(_flat(list(item.metadata)))
    return out


def _constraint(meta: list[Any], name: str) -> Any:
    for item in _flat(meta):
        value = getattr(item, name, None)
        if value is not None and not isinstance(item, FieldInfo):
            return value
    return None


def _validator_funcs(meta: list[Any]) -> set[Any]:
    return {item.func for item in _flat(meta) if hasattr(item, "func")}


def _alias_func(alias: Any) -> Any:
    return next(item.func for item in typing.get_args(alias)[1:] if hasattr(item, "func"))


_AMOUNT = _alias_func(m.Amount)
_SIGNED = _alias_func(m.SignedAmount)
_YEAR = _alias_func(m.Year)
_CODE = _alias_func(m.ClassificationCode)


def block_type(cls: type[BaseModel]) -> str | None:
    """The ``type:`` value that selects this body block, if it is one."""
    info = cls.model_fields.get("type")
    if info is None:
        return None
    args = typing.get_args(_unwrap(info.annotation, []))
    if typing.get_origin(_unwrap(info.annotation, [])) is Literal and len(args) == 1:
        return str(args[0])
    return None


# --------------------------------------------------------------------------- describing types


def describe(tp: Any, meta: list[Any] | None = None) -> str:
    """Describe a field's type in plain Chinese words."""
    meta = list(meta or [])
    tp = _unwrap(tp, meta)
    if _CODE in _validator_funcs(meta):
        return "科目编码（3、5 或 7 位数字，可写成一串，也可按类、款、项用空格或 | 隔开）"
    schema = next((item.json_schema for item in _flat(meta) if hasattr(item, "json_schema")), None)
    if isinstance(schema, dict) and any(s.get("enum") == list(m.NOT_APPLICABLE) for s in schema.get("anyOf", [])):
        return "数字（按原文精确保存）或不适用符号（照原文加引号，如 \"/\"）"  # an indicator's 分值 or 得分 (m.Points)
    if isinstance(schema, dict) and "anyOf" in schema:
        return _or([_JSON_TYPES.get(s.get("type"), str(s.get("type"))) for s in schema["anyOf"]])
    if _is_union(tp):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if all(isinstance(a, type) and issubclass(a, BaseModel) and block_type(a) for a in args) and len(args) > 1:
            kinds = "、".join(f"{block_type(a)}（见 {a.__name__}）" for a in args)
            return f"正文块，按 type 区分：{kinds}"
        return _or([describe(a, meta if len(args) == 1 else None) for a in args])
    origin = typing.get_origin(tp)
    if origin is Literal:
        values = typing.get_args(tp)
        if len(values) == 1:
            return f"固定写 {values[0]}"
        return "可选值：" + "、".join(str(v) for v in values)
    if origin is list:
        (item,) = typing.get_args(tp)
        least = _constraint(meta, "min_length")
        head = f"列表（至少 {least} 项）" if least else "列表"
        return f"{head}，每项：{_item(item)}"
    if origin is tuple:
        items = typing.get_args(tp)
        return f"{len(items)} 项的列表：[" + ", ".join(describe(i) for i in items) + "]"
    if origin is dict:
        key, value = typing.get_args(tp)
        return f"一组“{describe(key)}: {describe(value)}”"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"一组字段（见 {tp.__name__}）"
    funcs = _validator_funcs(meta)
    if tp is bool:
        return "是/否（true / false）"
    if tp is int:
        if _YEAR in funcs:
            return "整数（四位年度，如 2021）"
        ge, le = _constraint(meta, "ge"), _constraint(meta, "le")
        if ge is not None and le is not None:
            return f"整数（{ge}–{le}）"
        return "整数"
    if tp is Decimal:
        if _SIGNED in funcs:
            return "数字（按原文精确保存，可为负）"
        return "数字（按原文精确保存）"
    if tp is dt.date:
        return "日期（年-月-日）"
    if tp is str:
        pattern = _constraint(meta, "pattern")
        if pattern == m.SLUG:
            return "代号（小写字母、数字和连字符 -）"
        if pattern == m.REGION_PATH:
            return "代号路径（代号之间用 / 分隔）"
        if pattern:
            return f"文字（格式：{pattern}）"
        return "文字"
    return getattr(tp, "__name__", str(tp))


def _item(tp: Any) -> str:
    meta: list[Any] = []
    inner = _unwrap(tp, meta)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return f"一组字段（见 {inner.__name__}）"
    return describe(tp)


def _or(parts: list[str]) -> str:
    parts = list(dict.fromkeys(parts))
    if len(parts) <= 1:
        return "".join(parts)
    return "、".join(parts[:-1]) + "或" + parts[-1]


# --------------------------------------------------------------------------- rendering


def inline(value: Any) -> str:
    """A value as an editor would type it in YAML, on one line."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1_000_000, sort_keys=False)
    if text.endswith("\n...\n"):
        text = text[: -len("\n...\n")]
    return text.strip()


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _code(value: Any) -> str:
    return f"`{_cell(inline(value))}`"


def _docstring(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    return re.sub(r"``([^`]+)``", r"`\1`", " ".join(doc.split()))


def model_name(cls: type[BaseModel], where: dict[type[BaseModel], list[Use]]) -> str:
    """The Chinese name of a model, for headings."""
    if cls.__name__ in MODEL_NAMES:
        return MODEL_NAMES[cls.__name__]
    for use in where.get(cls, []):
        title = use.owner.model_fields[use.field].title
        if title:
            return title
    return cls.__name__


def field_row(name: str, info: FieldInfo) -> str:
    """One line of a model's field table."""
    required = info.is_required()
    note = info.description or ""
    if not required and info.default_factory is None and info.default not in (None, ""):
        note = (note + " " if note else "") + f"不填时为 {_code(info.default)}。"
    examples = "、".join(_code(e) for e in info.examples or [])
    cells = [f"`{name}`", info.title or "", describe(info.annotation, list(info.metadata)), "是" if required else "否", note, examples]
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def model_section(cls: type[BaseModel], where: dict[type[BaseModel], list[Use]]) -> str:
    """The heading, placement and field table of one model."""
    files = dict(ROOTS)
    lines = [f"### {cls.__name__}：{model_name(cls, where)}", "", _docstring(cls), ""]
    if cls in files:
        lines.append(f"文件：`{files[cls]}`，每个文件一份。")
    else:
        kind = block_type(cls)
        held = "；".join(
            f"{u.owner.__name__} 的 `{u.field}`（{u.owner.model_fields[u.field].title or u.field}）" for u in where.get(cls, [])
        )
        lines.append(f"正文块，写 `type: {kind}`；写在 {held}中。" if kind else f"写在 {held}中。")
    lines += [
        "",
        "| 字段 | 中文名称 | 类型 | 必填 | 说明 | 示例 |",
        "|---|---|---|---|---|---|",
    ]
    lines += [field_row(name, info) for name, info in cls.model_fields.items()]
    return "\n".join(lines)


def value_names(info: FieldInfo) -> dict[str, str]:
    """Chinese names of a choice field's values, as its description lists them (``money 金额、…``)."""
    names: dict[str, str] = {}
    text = info.description or ""
    for value in typing.get_args(_unwrap(_non_null(info.annotation), [])):
        found = re.search(r"(?:^|[、，；\s])" + re.escape(str(value)) + r"\s+([^、，；。\s]+)", text)
        if found:
            names[str(value)] = found.group(1)
    return names


def _non_null(tp: Any) -> Any:
    if _is_union(tp):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else tp
    return tp


def _named(value: str | None, names: dict[str, str]) -> str:
    if not value:
        return ""
    return f"{value}（{names[value]}）" if value in names else value


def roles_section() -> str:
    """Every table kind of pubgen/tables/: its columns, rows, identities and key figures, with an example."""
    from .tablekinds import kinds

    type_names = value_names(m.Column.model_fields["type"])
    phase_names = value_names(m.Column.model_fields["phase"])
    lines = [
        "## 常用表和法定公开表",
        "",
        "表格写了 `role`（表格类型）后，下列栏目代号（栏目的 `id`）和行代号（行的 `id`）自带含义、上下级和加总关系，"
        "不必再写 `parent`、`sum_of`、`type` 等字段。两条规则始终成立：**明确写出的字段总是优先**（`parent: ~`、"
        "`sum_of: []` 也算写出）；**默认规则不凭空要求**：原表没有印的行或栏目，不会因为默认规则而被要求，"
        "涉及它的默认加总关系不检查（标注“可缺”的栏目或行除外：原表不印时按 0 计；“可缺”的行其上级行印了数字时，"
        "它的份额不明，也不检查）。原表没有印某个默认上级行（如“本年收入合计”）时，其下各行归到再上一级已印出的行"
        "（如“收入总计”）；没有印某个合计栏的组成栏、却印了它的各组成部分时（如不印“财政拨款收入”栏，分印"
        "“一般公共预算拨款收入”“政府性基金预算拨款收入”栏），由各部分代替。表中有本节没有列出的金额栏时，"
        "默认的栏目加总关系一律不检查（可能是合计的组成部分）；需要检查时写明 `sum_of`。"
        "带科目编码（`code`）的行按编码确定上下级：项（7 位）属于前 5 位的款，款属于前 3 位的类；原表省略某一级时，"
        "归到最近的已印出的上级。本节由 `pubgen/tables/` 中的定义生成。",
        "",
        "每张法定公开表都附有一个示例，可以照着录入。示例的数字多数取自 `content/documents/shanghai/putuo/` 中的真实文档"
        "（决算取自普陀区财政局2024年度部门决算，预算取自普陀区人民政府办公室2025年部门预算），只删去了删后加总仍然成立的行，"
        "数字一个未改；收入决算表、支出决算表、一般公共预算财政拨款支出决算表三张表，原文“合计”与各类之和因四舍五入差 0.01，"
        "删行也避不开，就和该部门没有数据的政府性基金决算表一样用示意的整数。每个示例第一行的注释写明数字的来历。"
        "每个示例都能通过 `pubgen check`，测试逐一核对；预算的九个示例合在一份文档中，表与表之间的核对关系也都成立。",
        "",
        "| role | 名称 | 文档类别与表号 | 提供的内容 |",
        "|---|---|---|---|",
    ]
    for kind in kinds().values():
        where = f"{m.KIND_NAMES[kind.official]} 表{kind.number}" if kind.official else "—"
        provides = "、".join(m.SECTIONS.get(p, p) for p in kind.provides) or "—"
        lines.append(f"| `{kind.role}` | {_cell(kind.name)} | {where} | {_cell(provides)} |")
    lines += [
        "",
        "### 任何表格都认识的栏目代号",
        "",
        *_column_table(None, list(_common_ids()), type_names, phase_names),
        "",
    ]
    for kind in kinds().values():
        lines += [f"### `{kind.role}`：{_cell(kind.name)}", ""]
        if kind.description:
            lines += [kind.description, ""]
        if kind.titles:
            lines += ["原表标题：" + "、".join(f"“{_cell(t)}”" for t in kind.titles) + "（前面可带年度）。", ""]
        grids = [(None, kind.grid)] if kind.grid is not None else list(kind.sides.items())
        for side, grid in grids:
            if grid is None:
                continue
            if side:
                lines += [f"#### 栏 `{side}`（{_cell(grid.title)}）", ""]
            if grid.classification:
                name = "支出功能分类" if grid.classification == "functional" else "支出经济分类"
                lines += [f"各行带{name}科目编码（`code`），按编码确定上下级。", ""]
            if grid.columns:
                lines += _kind_columns(kind.role, side, list(grid.columns), type_names, phase_names) + [""]
            if grid.rows or grid.default_parent:
                lines += _kind_rows(grid) + [""]
        if kind.identities:
            lines += ["核对关系（每条有自己的问题代号）：", ""]
            lines += [f"- `{i.code}`：{_cell(i.title)}（`{_cell(i.check)}`）" for i in kind.identities] + [""]
        if kind.key_figures:
            lines += [
                "关键数字："
                + "；".join(
                    f"{_KEY_FIGURES.get(k, k)} " + "，或 ".join(f"`{r}`" for r in ([v] if isinstance(v, str) else v))
                    for k, v in kind.key_figures.items()
                )
                + "。",
                "",
            ]
        if kind.example:
            # Indented as under a document's `body:`, so that the block can be copied as it stands.
            lines += ["示例（写在文档的 `body:` 下）：", "", "```yaml", textwrap.indent(kind.example.rstrip(), "  "), "```", ""]
    return "\n".join(lines).rstrip() + "\n"


_KEY_FIGURES = {"income": "收入合计", "expenditure": "支出合计", "three-public": "“三公”经费", "overseas": "因公出国（境）费", "vehicle": "公务用车购置及运行维护费", "reception": "公务接待费", "operating-costs": "机关运行经费", "personnel": "人员经费", "public": "公用经费"}


def _common_ids() -> list[str]:
    from .tablekinds import common_columns

    return list(common_columns())


def _kind_columns(role: str, side: str | None, ids: list[str], type_names: dict[str, str], phase_names: dict[str, str]) -> list[str]:
    from .tablekinds import kind_of

    kind = kind_of(role)
    assert kind is not None
    grid = kind.grid_of(side)
    assert grid is not None
    lines = ["| 栏目代号 | 原表栏目名称 | 上层表头 | 栏目类型 | 阶段 | 等于以下栏目之和 |", "|---|---|---|---|---|---|"]
    for cid in ids:
        col = grid.columns[cid]
        parts = " ＋ ".join(f"`{c}`" + ("（可缺）" if grid.columns.get(c) and grid.columns[c].optional else "") for c in col.sum_of) or "—"
        lines.append(
            f"| `{cid}` | {_cell('、'.join(col.labels))} | {_cell(' / '.join(col.group)) or '—'} | {_named(col.type, type_names)}{f'，单位：{col.unit}' if col.unit else ''} | "
            f"{_named(col.phase, phase_names) or '—'} | {parts} |"
        )
    return lines


def _kind_rows(grid: Any) -> list[str]:
    lines = ["| 行代号 | 原表项目名称 | 上级行 | 本行与下级行的关系 |", "|---|---|---|---|"]
    for rid, row in grid.rows.items():
        parent = f"`{row.parent}`" if row.parent else "—"
        codes = f"；编码 {'、'.join(row.codes)} 的行是它的组成部分" if row.codes else ""
        optional = "（可缺）" if row.optional else ""
        lines.append(f"| `{rid}`{optional} | {_cell('、'.join(row.labels)) or '（无名称）'} | {parent} | {_CHILDREN.get(row.children, row.children)}{codes} |")
    if grid.default_parent:
        lines.append(f"| 其他行 | （如按类列示的各项支出） | `{grid.default_parent}` | — |")
    return lines


def _column_table(role: str | None, ids: list[str], type_names: dict[str, str], phase_names: dict[str, str]) -> list[str]:
    lines = ["| 栏目代号 | 栏目类型 | 阶段 | 可为负 | 参与加总 |", "|---|---|---|---|---|"]
    for cid in ids:
        # Each column alone, so what is shown is the id's own meaning, not a default inferred from neighbours.
        (spec,) = roles.column_specs(m.Table(type="table", role=role, columns=[m.Column(id=cid, label=cid)]))
        lines.append(
            f"| `{spec.id}` | {_named(spec.type, type_names)} | {_named(spec.phase, phase_names) or '—'} | "
            f"{'是' if spec.signed else '否'} | {'是' if spec.additive else '否'} |"
        )
    return lines


def field_reference() -> str:
    """Return the generated reference, framed by newlines to sit between the markers."""
    where = uses()
    parts = [
        "",
        "<!-- 以下内容由 python -m pubgen.reference 根据 pubgen/model.py 和 pubgen/roles.py 自动生成，请勿手工修改。 -->",
        "",
        "每张表列出一种记录的全部字段。“必填”为“否”的字段可以整行不写。类型中的“空（~）”表示可以写 `~` 留空。",
        "",
    ]
    for cls in models():
        parts += [model_section(cls, where), ""]
    parts += [roles_section(), ""]
    return "\n".join(parts)


def splice(document: str, reference: str) -> str:
    """Replace the text between the markers of ``document`` with ``reference``."""
    start = document.index(START) + len(START)
    end = document.index(END, start)
    return document[:start] + reference + document[end:]


def checks_reference() -> str:
    """Every rule of the registry, by family, framed by newlines to sit between the markers of docs/checks.md."""
    from .checks import FAMILY_ORDER, registry

    names = LEVEL_NAMES
    order = {f: i for i, f in enumerate(FAMILY_ORDER)}
    parts = [
        "",
        "<!-- 以下内容由 python -m pubgen.reference 根据 pubgen/checks/ 中登记的检查项自动生成，请勿手工修改。 -->",
        "",
    ]
    for fam in sorted(registry.FAMILIES, key=lambda f: order.get(f.id, len(order))):
        rules = [r for r in registry.RULES.values() if r.family is fam]
        if not rules:
            continue
        parts += [f"## {fam.title}", ""]
        if fam.intro:
            parts += [fam.intro, ""]
        for found in rules:
            parts += [f"### `{found.code}`", f"{names[found.severity]}。{found.doc}", ""]
            if not found.acknowledgeable:
                parts += ["这个问题**不能确认**（写进 `acknowledgements` 也不会按原文发布），必须改正。", ""]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Rewrite the generated parts of docs/content-format.md and docs/checks.md; print whether they changed."""
    for path, reference in ((DOC, field_reference()), (CHECKS_DOC, checks_reference())):
        old = path.read_text(encoding="utf-8")
        new = splice(old, reference)
        if new != old:
            path.write_text(new, encoding="utf-8")
            print(f"已更新 {path}")
        else:
            print(f"{path} 已是最新")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
