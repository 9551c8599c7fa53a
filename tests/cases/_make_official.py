"""Write the test cases of the official tables' rules: for each rule, a case where it holds and one where it fires.

    python tests/cases/_make_official.py          # rewrite every official-* folder
    python tests/cases/_make_official.py --check  # only say whether the folders are up to date

Every case is cut from documents made by ``benchmarks/official_project.py`` (seed
fixed below), so it is a real-looking document, not a hand-made fragment:

- ``official-<code>-holds``: the tables (and rows and columns) the rule reads,
  cut out of a generated document whose figures agree; ``expected.yml`` lists no
  error and names the rule under ``holds``: it must not be reported at all.
- ``official-<code>``: the same folder with one thing changed, a figure for
  every identity, so that exactly that rule fires, at the line this script
  changed (or, when the rule reports at another figure of the identity, the line
  of that figure). The script finds the line in the text it wrote, then runs
  ``pubgen check`` and refuses to write a case whose outcome is not exactly that.

Cutting keeps only the rows and columns the rule reads, so that one changed
figure breaks one rule: the sums a full table would add (a class row is the sum
of its items) are not there to be broken too. The cut document says which parts
it publishes (``covers``), as a partial disclosure does, so it is complete. The
cases of the comparisons between a department's and a unit's documents keep
both documents whole in structure (no ``covers``), since partial disclosures are
not compared.

Two more folders hold complete documents, department and single unit, of a 预算 and
of a 决算: every rule holds in them. One more, ``corpus-documents-holds``, holds one
department's documents from the benchmark corpus (``benchmarks/corpus.py``: 预算,
决算 and 绩效自评 over two years), where the rules of the other families hold.

The script owns the folders whose ``expected.yml`` starts with its marker line, and
rewrites all of them; ``tests/test_rule_coverage.py`` runs it with ``--check`` to
make sure the committed cases are exactly what it writes.
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))

import official_vocab as OV  # noqa: E402
import vocab as V  # noqa: E402
from official import agency, series  # noqa: E402
from official_docs import document, file_name  # noqa: E402
from official_project import PLACE, REGION, REGIONS_YAML, SITE_YAML, Wanted, department_yaml  # noqa: E402
from yamltext import Flow, FlowList, Num, Quoted, to_yaml  # noqa: E402

from pubgen.checks.identities import Ref, parse, plain_label  # noqa: E402
from pubgen.checks.registry import RULES  # noqa: E402
from pubgen.pipeline import Project, check  # noqa: E402
from pubgen.tablekinds import IdentityDef, TableKind, kind_of, kinds  # noqa: E402

SEED = 20251
YEAR = 2025
PREFIX = "official-"
GENERATED = "# 由 tests/cases/_make_official.py 生成，请勿手改；改动请改脚本后重新生成。"

# --------------------------------------------------------------------------- documents to cut from

DEPARTMENTS = {
    "zhujianju": Wanted("zhujianju", ("监测站",), gov_fund=True, buys_car=True),  # several units, a 政府性基金 item, a car bought
    "shangwuju": Wanted("shangwuju", (), state_capital=True, codes="one"),  # a single unit, a 国有资本经营 item
}


@dataclass(slots=True)
class Source:
    """The generated documents of one department, by (kind, unit)."""

    slug: str
    department_yaml: str
    docs: dict[tuple[str, int | None], dict[str, Any]] = field(default_factory=dict)
    names: dict[tuple[str, int | None], str] = field(default_factory=dict)


def sources() -> dict[str, Source]:
    import random

    rng = random.Random(SEED)
    out: dict[str, Source] = {}
    kinds_by_slug = {k["slug"]: k for k in V.DEPARTMENTS}
    for slug, want in DEPARTMENTS.items():
        kind = kinds_by_slug[slug]
        name = PLACE + kind["name"]
        a = agency(rng, f"{REGION}/{slug}", name, kind, [name + s for s in want.subordinates], "区",
                   codes=want.codes, gov_fund=want.gov_fund, state_capital=want.state_capital, buys_car=want.buys_car)
        ledgers = series(rng, a, kind["scale"] * 8_000_000, range(YEAR - 1, YEAR + 1))
        src = Source(slug, department_yaml(a, slug))
        for doc_kind in ("budget", "final-accounts"):
            for unit in [None, *range(len(a.units))]:
                src.docs[(doc_kind, unit)] = document(rng, a, ledgers, YEAR, doc_kind, unit)
                src.names[(doc_kind, unit)] = file_name(YEAR, doc_kind, a, unit)
        out[slug] = src
    return out


# --------------------------------------------------------------------------- cutting tables


def code_of(row: dict[str, Any]) -> str:
    return str(row.get("code", "")).replace(" ", "")


def row_matches(row: dict[str, Any], name: str) -> bool:
    """A row named by an identity: by id, by code, or (a class printed by name only) by the class's name."""
    if row.get("id") == name or (code_of(row) and code_of(row) == name):
        return True
    return not row.get("id") and not row.get("code") and name in OV.CLASS_NAMES and plain_label(str(row["label"])) == OV.CLASS_NAMES[name]


def grids(block: dict[str, Any]) -> list[tuple[str | None, dict[str, Any]]]:
    return [(s["id"], s) for s in block["sides"]] if "sides" in block else [(None, block)]


def cut_grid(grid: dict[str, Any], rows: list[str], columns: list[str]) -> None:
    """Keep only the named rows (in printed order) and columns (the first printed of each ``a|b``)."""
    ids = [c["id"] for c in grid["columns"]]
    keep_cols = [i for i, cid in enumerate(ids) if cid in columns]
    grid["columns"] = [grid["columns"][i] for i in keep_cols]
    kept = []
    for row in grid["rows"]:
        if any(row_matches(row, r) for r in rows):
            row = Flow(row)
            row["values"] = FlowList(row["values"][i] for i in keep_cols)
            kept.append(row)
    grid["rows"] = kept


def cut(doc: dict[str, Any], wanted: dict[tuple[str, str | None], tuple[list[str], list[str]]], covers: bool = True) -> dict[str, Any]:
    """The document with only the grids, rows and columns in ``wanted`` ((role, side) → (rows, columns))."""
    out = {k: copy.deepcopy(v) for k, v in doc.items() if k != "body"}
    body = []
    provides: list[str] = []
    for block in doc["body"]:
        if block.get("type") != "table" or not any(role == block["role"] for role, _ in wanted):
            continue
        block = copy.deepcopy(block)
        if "sides" in block:
            block["sides"] = [s for s in block["sides"] if (block["role"], s["id"]) in wanted]
        for side, grid in grids(block):
            rows, columns = wanted[(block["role"], side)]
            cut_grid(grid, rows, columns)
        block.pop("empty_note", None) if any(g["rows"] for _, g in grids(block)) else None
        body.append(block)
        kind = kind_of(block["role"])
        assert kind is not None
        provides += [p for p in kind.provides if p not in provides]
    if covers:
        out["covers"] = FlowList(provides)
    out["body"] = body
    return out


def find_row(doc: dict[str, Any], role: str, side: str | None, name: str) -> dict[str, Any]:
    for block in doc["body"]:
        if block.get("type") == "table" and block["role"] == role:
            for s, grid in grids(block):
                if s == side:
                    for row in grid["rows"]:
                        if row_matches(row, name):
                            return row  # type: ignore[no-any-return]
    raise LookupError(f"{role}.{side}.{name}")


def codes_under(doc: dict[str, Any], role: str, prefix: str) -> list[str]:
    """Every code printed in table ``role`` under ``prefix``: a class with its 款 and items, whose sums hold among themselves."""
    block = next(b for b in doc["body"] if b.get("type") == "table" and b["role"] == role)
    return [code_of(r) for r in block["rows"] if code_of(r).startswith(prefix)]


def column_index(doc: dict[str, Any], role: str, side: str | None, columns: tuple[str, ...]) -> int:
    for block in doc["body"]:
        if block.get("type") == "table" and block["role"] == role:
            for s, grid in grids(block):
                if s == side:
                    ids = [c["id"] for c in grid["columns"]]
                    return next(ids.index(c) for c in columns if c in ids)
    raise LookupError(f"{role}.{side}.{columns}")


# --------------------------------------------------------------------------- writing and locating


def write_case(folder: Path, source: Source, docs: dict[str, dict[str, Any]]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    content = folder / "content"
    (content / "departments" / REGION).mkdir(parents=True)
    (content / "site.yml").write_text(SITE_YAML, encoding="utf-8")
    (content / "regions.yml").write_text(REGIONS_YAML, encoding="utf-8")
    (content / "departments" / REGION / f"{source.slug}.yml").write_text(source.department_yaml, encoding="utf-8")
    for name, doc in docs.items():
        path = content / "documents" / REGION / source.slug / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_yaml(doc, [str(doc["title"]), "测试用例（合成数据），由 tests/cases/_make_official.py 生成。"]), encoding="utf-8")


def doc_path(source: Source, name: str) -> str:
    return f"content/documents/{REGION}/{source.slug}/{name}"


def line_of(text: str, role: str, side: str | None, row: dict[str, Any]) -> int:
    """The line of ``row`` in table ``role`` (and ``side``) of a written document: found in the text, not asked of pubgen."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == f"role: {role}")
    if side is not None:
        start = next(i for i in range(start, len(lines)) if lines[i].strip() == f"- id: {side}")
    key = f"id: {row['id']}," if row.get("id") else (f'code: "{row["code"]}",' if row.get("code") else f"label: {row['label']},")
    return next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith("- {") and key in lines[i]) + 1


def line_with(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if needle in line) + 1


# --------------------------------------------------------------------------- checking what was written


@dataclass(slots=True)
class Case:
    """One case to write: its folder, documents, and what ``pubgen check`` must report."""

    name: str
    comment: str
    source: Source
    docs: dict[str, dict[str, Any]]
    errors: list[tuple[str, str, int]] = field(default_factory=list)
    notices: list[tuple[str, str, int]] | None = None
    holds: list[str] = field(default_factory=list)


def outcome(folder: Path) -> tuple[set[tuple[str, str, int]], set[tuple[str, str, int]], set[str]]:
    """Errors and notices as (code, file, line), and every code reported, by a real ``pubgen check``."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / folder.name
        shutil.copytree(folder, project)
        (project / "templates").symlink_to(REPO / "templates", target_is_directory=True)
        (project / "mkdocs.yml").symlink_to(REPO / "mkdocs.yml")
        report = check(Project(project))
    triple = lambda ps: {(p.code, p.file, p.line) for p in ps}  # noqa: E731
    return triple(report.errors), triple(report.notices), {p.code for p in report.problems}


def write(case: Case, root: Path) -> None:
    folder = root / case.name
    write_case(folder, case.source, case.docs)
    lines = [GENERATED, f"# {case.comment}", "errors:" if case.errors else "errors: []"]
    lines += [f"  - [{c}, {f}, {n}]" for c, f, n in case.errors]
    if case.notices is not None:
        lines.append("notices:" if case.notices else "notices: []")
        lines += [f"  - [{c}, {f}, {n}]" for c, f, n in case.notices]
    if case.holds:
        lines.append(f"holds: [{', '.join(case.holds)}]")
    (folder / "expected.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors, notices, codes = outcome(folder)
    problems = []
    if errors != set(case.errors):
        problems.append(f"errors {sorted(errors)} ≠ expected {sorted(case.errors)}")
    if case.notices is not None and notices != set(case.notices):
        problems.append(f"notices {sorted(notices)} ≠ expected {sorted(case.notices)}")
    if set(case.holds) & codes:
        problems.append(f"reported although it should hold: {sorted(set(case.holds) & codes)}")
    if problems:
        raise SystemExit(f"{case.name}: " + "; ".join(problems))


# --------------------------------------------------------------------------- identities


def identity(code: str) -> tuple[TableKind, IdentityDef]:
    for kind in kinds().values():
        for found in kind.identities:
            if found.code == code:
                return kind, found
    raise LookupError(code)


def department_for(kind: TableKind, identity_: IdentityDef) -> str:
    return "shangwuju" if "state-capital" in identity_.check or kind.role in ("final-state-capital",) else "zhujianju"


def binding(identity_: IdentityDef, doc: dict[str, Any], refs: list[Ref]) -> dict[str, str]:
    """Values for the identity's variables: a class the tables print, the general budget (or the fund the department has), row ``total``."""
    out: dict[str, str] = {}
    for var, values in identity_.each.items():
        if values == "classes":
            coded = [code_of(r) for b in doc["body"] if b.get("type") == "table" and b.get("role") == refs[-1].role
                     for _, g in grids(b) for r in g["rows"] if len(code_of(r)) == 3]
            out[var] = coded[0]
        elif "gov-fund" in values and "final-fiscal-fund" in identity_.code:
            out[var] = "gov-fund"
        else:
            # The first value whose figures the document prints (a source such as 上级补助收入 is often blank).
            out[var] = next((str(v) for v in values if printed(doc, refs, {**out, var: str(v)})), str(values[0]))
    return out


def printed(doc: dict[str, Any], refs: list[Ref], values: dict[str, str]) -> bool:
    """Whether every figure ``refs`` name under ``values`` is in the document, and printed."""
    try:
        for ref in refs:
            side = ref.side.format(**values) if ref.side else None
            row = find_row(doc, ref.role or "", side, ref.row.format(**values))
            ci = column_index(doc, ref.role or "", side, tuple(c.format(**values) for c in ref.columns))
            if row["values"][ci] is None:
                return False
    except (LookupError, KeyError, IndexError, StopIteration):
        return False
    return True


def bound_refs(parsed_refs: tuple[Ref, ...], values: dict[str, str]) -> list[Ref]:
    out = []
    for ref in parsed_refs:
        row = "total" if ref.row == "*" else ref.row.format(**values)
        side = ref.side.format(**values) if ref.side else None
        out.append(Ref(ref.role, side, row, tuple(c.format(**values) for c in ref.columns), ref.optional, ref.sign))
    return out


def identity_cases(code: str, src: dict[str, Source]) -> list[Case]:
    kind, ident = identity(code)
    source = src[department_for(kind, ident)]
    doc_kind = kind.official or "budget"
    full = source.docs[(doc_kind, None)]
    name = source.names[(doc_kind, None)]
    parsed = parse(ident.check, kind)
    values = binding(ident, full, list(parsed.left + parsed.right))
    refs = bound_refs(parsed.left, values) + bound_refs(parsed.right, values)
    wanted: dict[tuple[str, str | None], tuple[list[str], list[str]]] = {}
    for ref in refs:
        rows, columns = wanted.setdefault((ref.role or kind.role, ref.side), ([], []))
        rows.append(ref.row)
        columns.extend(ref.columns)
    holds = cut(full, wanted)
    # Change the first figure the identity names that is printed (where it is reported), or the next one.
    anchor = refs[0]
    for target in refs if parsed.operator == "=" else refs[:1]:
        row = find_row(holds, target.role or kind.role, target.side, target.row)
        ci = column_index(holds, target.role or kind.role, target.side, target.columns)
        if row["values"][ci] is not None or parsed.operator != "=":
            break
    else:
        raise SystemExit(f"{code}: no printed figure in {refs}")
    fails = copy.deepcopy(holds)
    changed = find_row(fails, target.role or kind.role, target.side, target.row)
    old = Decimal(str(changed["values"][ci] or 0))
    if parsed.operator == "<=":
        limit = Decimal(str(find_row(holds, refs[-1].role or kind.role, refs[-1].side, refs[-1].row)["values"][
            column_index(holds, refs[-1].role or kind.role, refs[-1].side, refs[-1].columns)] or 0))
        # The limit in the changed figure's unit (a budget's 三公 table in 万元 beside its basic table in 元).
        factors = {"元": Decimal(1), "万元": Decimal(10000)}
        ratio = factors[_unit_of(holds, refs[-1].role or kind.role)] / factors[_unit_of(holds, target.role or kind.role)]
        if ratio >= 1:
            new = (limit + Decimal("1.00")) * ratio  # one more of the limit's own unit: beyond what its rounding allows
        else:
            new = limit * ratio + Decimal("1.00")  # a limit in 元 under a figure in 万元: one more of the figure's own unit
    else:
        new = old + (Decimal("1.00") if full["unit"] == "万元" and _unit_of(holds, target.role or kind.role) == "万元" else Decimal("100.00"))
    changed["values"][ci] = Num(format(new.quantize(Decimal("0.01")), "f"))
    text = to_yaml(fails, [])
    anchor_row = find_row(fails, anchor.role or kind.role, anchor.side, anchor.row)
    line = line_of(text, anchor.role or kind.role, anchor.side, anchor_row) + 2  # two comment lines are written above
    path = doc_path(source, name)
    return [
        Case(f"{PREFIX}{code}-holds", f"{ident.title}：原样成立（{ident.check}）。", source, {name: holds}, holds=[code]),
        Case(f"{PREFIX}{code}", f"{ident.title}：{_describe(target)} {old} 改为 {new}，只有这一条核对关系不成立。", source, {name: fails},
             errors=[(code, path, line)]),
    ]


def _unit_of(doc: dict[str, Any], role: str) -> str:
    return next(str(b["unit"]) for b in doc["body"] if b.get("type") == "table" and b["role"] == role)


def _describe(ref: Ref) -> str:
    return f"{ref.role}:{ref.side + '.' if ref.side else ''}{ref.row}.{ref.columns[0]}"


# --------------------------------------------------------------------------- the other rules


def other_cases(src: dict[str, Source]) -> list[Case]:
    out: list[Case] = []
    z, s = src["zhujianju"], src["shangwuju"]
    final, final_name = z.docs[("final-accounts", None)], z.names[("final-accounts", None)]
    budget, budget_name = z.docs[("budget", None)], z.names[("budget", None)]

    def pair(code: str, comment_holds: str, comment_fails: str, source: Source, holds: dict[str, dict[str, Any]],
             change: Callable[[dict[str, dict[str, Any]]], tuple[str, str]], family_holds: list[str] | None = None,
             notice: bool = False) -> None:
        """A case where ``code`` holds and one where ``change`` makes it fire; ``change`` gives (file, needle of the reported line)."""
        fails = copy.deepcopy(holds)
        name, needle = change(fails)
        text = to_yaml(fails[name], ["", ""])
        where = (code, doc_path(source, name), line_with(text, needle))
        out.append(Case(f"{PREFIX}{code}-holds", comment_holds, source, holds, holds=family_holds or [code],
                        notices=[] if notice else None))
        out.append(Case(f"{PREFIX}{code}", comment_fails, source, fails,
                        errors=[] if notice else [where], notices=[where] if notice else None))

    # codes: an economic table with a 7-digit code; a code with two names.
    basic = cut(final, {("final-general-basic", None): ([c for c in OV.FINAL_ECONOMIC_ROWS if c.startswith("301")], ["actual"])})

    def seven_digits(docs: dict[str, dict[str, Any]]) -> tuple[str, str]:
        row = find_row(docs[final_name], "final-general-basic", None, "30101")
        row["code"] = Quoted("301 01 01")
        return final_name, 'code: "301 01 01"'

    pair("code-level", "经济分类科目编码为 3 位和 5 位。", "经济分类表中印了 7 位编码 301 01 01。", z, {final_name: basic}, seven_digits)
    coded = cut(final, {("final-expenditure", None): (codes_under(final, "final-expenditure", "221"), ["total"]),
                        ("final-general-expenditure", None): (codes_under(final, "final-general-expenditure", "221"), ["total"])})

    def renamed(docs: dict[str, dict[str, Any]]) -> tuple[str, str]:
        blocks = [b for b in docs[final_name]["body"] if b.get("role") == "final-general-expenditure"]
        row = next(r for r in blocks[0]["rows"] if code_of(r) == "2210201")
        row["label"] = "住房公积金支出"
        return final_name, "label: 住房公积金支出,"

    pair("code-name-mismatch", "同一编码在两张表中是同一个科目名称。", "编码 2210201 在支出决算表中叫“住房公积金”，在一般公共预算财政拨款支出决算表中改叫“住房公积金支出”。",
         z, {final_name: coded}, renamed)

    # rounding: a 万元 total one cent off the sum of its parts.
    three = cut(final, {("final-three-public", None): (["total"], ["total-actual", "overseas-actual", "vehicle-actual", "reception-actual"])})
    row = find_row(three, "final-three-public", None, "total")
    parts = [Decimal(str(v)) for v in row["values"][1:] if v is not None]
    row["values"][0] = Num(format(sum(parts, Decimal(0)), "f")) if parts else row["values"][0]

    def cent(docs: dict[str, dict[str, Any]]) -> tuple[str, str]:
        r = find_row(docs[final_name], "final-three-public", None, "total")
        r["values"][0] = Num(format(Decimal(str(r["values"][0])) + Decimal("0.01"), "f"))
        return final_name, "id: total,"

    pair("rounding-difference", "万元表格中合计正好等于各项之和：没有提示。", "合计比各项之和多 0.01 万元，在四舍五入误差范围内：提示，不是错误。",
         z, {final_name: three}, cent, notice=True)

    # references: a unit's document must name its unit.
    unit_doc, unit_name = z.docs[("final-accounts", 0)], z.names[("final-accounts", 0)]
    unit_cut = cut(unit_doc, {("final-three-public", None): (["total"], ["reception-budget", "reception-actual"])})

    def no_unit(docs: dict[str, dict[str, Any]]) -> tuple[str, str]:
        del docs[unit_name]["budget_unit"]
        return unit_name, "scope: unit"

    pair("document-scope", "单位文档写了 scope: unit 和 budget_unit。", "单位文档写了 scope: unit，却没有写 budget_unit（哪个预算单位）。",
         z, {unit_name: unit_cut}, no_unit)

    # tables: an empty fund table printed without its grid.
    empty = cut(s.docs[("final-accounts", None)], {("final-gov-fund", None): (["total"], [
        "carryover-start", "income", "expense", "expense-basic", "expense-project", "carryover-end"])})
    table = next(b for b in empty["body"] if b.get("role") == "final-gov-fund")
    table["empty_note"] = next(b for b in s.docs[("final-accounts", None)]["body"] if b.get("role") == "final-gov-fund")["empty_note"]
    s_name = s.names[("final-accounts", None)]

    def gridless(docs: dict[str, dict[str, Any]]) -> tuple[str, str]:
        t = next(b for b in docs[s_name]["body"] if b.get("role") == "final-gov-fund")
        del t["columns"], t["rows"]
        return s_name, "- type: table"

    pair("table-without-columns", "空表照原样印出栏目和“合计”行，并注明无数据。", "空表只抄了表名和说明，没有栏目。", s, {s_name: empty}, gridless)

    # fields: a code that is not one; a table kind that does not exist.
    codes_only = cut(budget, {("budget-expenditure", None): (codes_under(budget, "budget-expenditure", "208"), ["total"])})

    def bad_code(docs: dict[str, dict[str, Any]]) -> tuple[str, str]:
        r = find_row(docs[budget_name], "budget-expenditure", None, "2080505")
        r["code"] = Quoted(str(r["code"])[:-1])
        return budget_name, f'code: "{r["code"]}"'

    pair("invalid-code", "科目编码为 3、5、7 位。", "项级编码少抄了一位（6 位）。", z, {budget_name: codes_only}, bad_code)

    def bad_role(docs: dict[str, dict[str, Any]]) -> tuple[str, str]:
        t = next(b for b in docs[budget_name]["body"] if b.get("type") == "table")
        t["role"] = "budget-expenditur"
        return budget_name, "role: budget-expenditur"

    pair("unknown-role", "表格类型是 pubgen 认识的类型。", "表格类型少写了一个字母。", z, {budget_name: codes_only}, bad_role)

    # across: a single-unit department's two documents; a unit against its department.
    whole_dept, whole_unit = s.docs[("final-accounts", None)], s.docs[("final-accounts", 0)]
    keep = {("final-three-public", None): (["total"], ["reception-budget", "reception-actual"])}
    pair_docs = {s.names[("final-accounts", None)]: cut(whole_dept, keep, covers=False),
                 s.names[("final-accounts", 0)]: cut(whole_unit, keep, covers=False)}

    def copied(docs: dict[str, dict[str, Any]]) -> tuple[str, str]:
        name = s.names[("final-accounts", 0)]
        r = find_row(docs[name], "final-three-public", None, "total")
        r["values"][1] = Num(format(Decimal(str(r["values"][1] or 0)) + Decimal("0.50"), "f"))
        return name, "id: total,"

    pair("unit-department-mismatch", "部门只有一个预算单位：两份文档的数字相同。", "单位文档的公务接待费决算数与部门文档差 0.5 万元。",
         s, pair_docs, copied)
    keep = {("final-summary", "income"): (["total-income"], ["actual"]), ("final-summary", "expenditure"): (["total-expenditure"], ["actual"])}
    dept_name, unit1 = z.names[("final-accounts", None)], z.names[("final-accounts", 1)]
    units_docs = {dept_name: cut(final, keep, covers=False), unit1: cut(z.docs[("final-accounts", 1)], keep, covers=False)}

    def exceeds(docs: dict[str, dict[str, Any]]) -> tuple[str, str]:
        dept_total = Decimal(str(find_row(docs[dept_name], "final-summary", "income", "total-income")["values"][0]))
        r = find_row(docs[unit1], "final-summary", "income", "total-income")
        r["values"][0] = Num(format(dept_total + Decimal("10.00"), "f"))
        return unit1, "id: total-income,"

    pair("unit-exceeds-department", "下属单位的收入合计小于部门的。", "下属单位的本年收入合计抄成了比部门还大的数。", z, units_docs, exceeds)

    # Whole documents: every rule holds.
    every = [c for c, r in RULES.items() if r.family.id in ("identities", "codes", "tables")]
    for kind in ("budget", "final-accounts"):
        docs = {s.names[(kind, u)]: s.docs[(kind, u)] for u in (None, 0)}
        out.append(Case(f"{PREFIX}{kind}-holds", f"完整的{'预算' if kind == 'budget' else '决算'}文档（部门和唯一的预算单位）：每条规则都成立。",
                        s, docs, holds=every + ["unit-department-mismatch", "document-scope", "code-level", "code-name-mismatch"]))
    return out


# --------------------------------------------------------------------------- documents of the corpus

CORPUS_FAMILIES = ("files", "fields", "references", "tables", "scores", "narrative", "completeness", "across", "acknowledgements")


@dataclass(slots=True)
class Copied:
    """Files copied as they are from a generated corpus (relative path → text), and what must hold in them."""

    name: str
    comment: str
    files: dict[str, str]
    holds: list[str]


def corpus_case() -> Copied:
    """One department of the benchmark corpus with a 预算, a 决算 and a 绩效自评, two years of one kind, and an acknowledgement."""
    import corpus

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus.generate(root, 400, seed=SEED, quiet=True)
        folders = sorted({p.parent for p in (root / "content" / "documents").rglob("*.yml")})
        chosen = None
        for folder in folders:
            names = sorted(p.name for p in folder.glob("*.yml"))
            kinds_ = {n.split("-", 1)[1].removesuffix(".yml") for n in names}
            years = sorted(int(n[:4]) for n in names if n.endswith("-budget.yml"))
            acknowledged = any("acknowledgements:" in (folder / n).read_text(encoding="utf-8") for n in names)
            if kinds_ == {"budget", "final-accounts", "self-evaluation"} and any(b - a == 1 for a, b in zip(years, years[1:])) and acknowledged:
                chosen = folder
                break
        assert chosen is not None, "no department of the corpus has every kind, two budgets in a row and an acknowledgement"
        dept = chosen.relative_to(root / "content" / "documents")
        files = {f"content/{n}": (root / "content" / n).read_text(encoding="utf-8") for n in ("site.yml", "regions.yml", "glossary.yml")}
        files[f"content/departments/{dept}.yml"] = (root / "content" / "departments" / f"{dept}.yml").read_text(encoding="utf-8")
        for p in sorted(chosen.glob("*.yml")):
            files[f"content/documents/{dept}/{p.name}"] = p.read_text(encoding="utf-8")
    acknowledged_codes = set(re.findall(r"code: ([a-z-]+)", "".join(t for n, t in files.items() if n.startswith("content/documents"))))
    holds = [c for c, r in RULES.items() if r.family.id in CORPUS_FAMILIES and c not in acknowledged_codes]
    return Copied("corpus-documents-holds", f"基准测试语料中一个部门的全部文档（{dept}）：各类规则都成立，原文照录并已确认的差异除外。", files, holds)


def write_copied(case: Copied, root: Path) -> None:
    folder = root / case.name
    if folder.exists():
        shutil.rmtree(folder)
    for name, text in case.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "expected.yml").write_text(f"{GENERATED}\n# {case.comment}\nerrors: []\nholds: [{', '.join(case.holds)}]\n", encoding="utf-8")
    errors, _, codes = outcome(folder)
    if errors or set(case.holds) & codes:
        raise SystemExit(f"{case.name}: errors {sorted(errors)}, reported although they should hold: {sorted(set(case.holds) & codes)}")


# --------------------------------------------------------------------------- main


HAND_MADE = frozenset({"budget-summary-fund-income"})
"""Identities whose cases are written by hand (``tests/cases/budget-summary-fund-income*``): the generated 收入预算总表
prints 财政拨款收入 as one column, not by fund."""


def all_cases() -> list[Case]:
    src = sources()
    out: list[Case] = []
    for code, rule in RULES.items():
        if rule.family.id == "identities" and code not in HAND_MADE:
            out += identity_cases(code, src)
    return out + other_cases(src)


def owned(root: Path) -> list[Path]:
    """The case folders this script wrote (their expected.yml starts with its marker)."""
    return sorted(p.parent for p in root.glob("*/expected.yml") if p.read_text(encoding="utf-8").startswith(GENERATED))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="write into a temporary folder and compare with tests/cases")
    args = ap.parse_args(argv)
    cases = all_cases()
    copied = corpus_case()
    root = Path(tempfile.mkdtemp()) if args.check else HERE
    if not args.check:
        for old in owned(HERE):
            shutil.rmtree(old)
    for case in cases:
        write(case, root)
    write_copied(copied, root)
    if args.check:
        written, committed = _tree(root), _tree(HERE, owned(HERE))
        stale = sorted(set(written) ^ set(committed) | {n for n, t in written.items() if committed.get(n) != t})
        shutil.rmtree(root)
        if stale:
            raise SystemExit("tests/cases is out of date (run python tests/cases/_make_official.py): " + ", ".join(stale[:10]))
    else:
        print(f"{len(cases) + 1} cases written")


def _tree(root: Path, folders: list[Path] | None = None) -> dict[str, bytes]:
    """Every file of the given case folders (all under ``root`` by default), by relative path."""
    out = {}
    for folder in folders if folders is not None else sorted(p for p in root.iterdir() if p.is_dir()):
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                out[f.relative_to(folder.parent).as_posix()] = f.read_bytes()
    return out


if __name__ == "__main__":
    main()
