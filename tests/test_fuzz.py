"""Property: no edit of a real document, however clumsy, makes ``check`` raise.

Hypothesis mutates the text (delete, duplicate or swap lines, insert a tab or
an odd character, change a digit or an indentation, truncate) or the parsed
tree (replace a value by one of another type) of the bundled Pingxiang budget,
writes it into a private copy of the project and checks it. Every problem must
carry a code, a file, a line (except whole-file problems) and a Chinese
message. Changing a figure of the income or expenditure tables, whose sums are
checked, must be reported at that figure's row or at the row it adds up to.

The same holds for every money figure of the nine 预算 and nine 决算 tables, in
documents from the official-document generator (``benchmarks/official_project.py``)
and in any real document of ``content/`` that prints them: each figure is changed
by one unit of its last printed digit and by a large amount (1 万元, 100 元). The
rounding policy decides what must follow, per figure: a large change is an error
at the figure's row or the row it adds up to; one unit of the last digit is an
error in a 元 table printed to the fen; in a 万元 table (or a 元 table with
integer parts) it is what rounding could have done, so it changes the report
there: a ``rounding-difference`` notice, an error when it adds to a difference
already there, or a notice that goes away when it cancels one. Figures that no
table rule ties to anything are listed in ``STAND_ALONE`` with the reason, and changing
them must be reported by nothing but the narrative check of a sentence that restates them.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pubgen.load import Content, grids_with_paths, load
from pubgen.model import Cell, Table
from pubgen.pipeline import Project, check
from pubgen.problems import Problem
from pubgen.roles import column_specs, row_specs
from pubgen.tablekinds import official
from pubgen.validate import validate

from .conftest import ROOT, copy_project

DOC = "content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
ORIGINAL = (ROOT / DOC).read_text(encoding="utf-8")
LINES = ORIGINAL.split("\n")
CJK = re.compile(r"[\u3400-\u9fff]")
FILE_LEVEL = {"file-too-large", "unreadable-file", "missing-file", "missing-content"}
EXAMPLES = int(os.environ.get("PUBGEN_FUZZ_EXAMPLES", "60"))
"""Examples per property; raise it for a longer hunt (PUBGEN_FUZZ_EXAMPLES=5000)."""
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def project() -> Iterator[Project]:
    """One private copy of the project; every example overwrites the one document."""
    with tempfile.TemporaryDirectory() as tmp:
        yield copy_project(Path(tmp))


def run(project: Project, text: str | bytes) -> list[Problem]:
    path = project.root / DOC
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    problems = check(project).problems
    for p in problems:
        assert p.code and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p.code), p
        assert p.file, p
        assert p.message.strip() and CJK.search(p.message), p
        if p.code not in FILE_LEVEL:
            assert p.line > 0, p
    return problems


# --------------------------------------------------------------------------- text mutations

Mutation = Callable[[list[str]], list[str]]
line_index = st.integers(min_value=0, max_value=len(LINES) - 1)
odd_chars = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(["\t", "\x00", "\u2028", "\x85", "\ufeff", "\r", ":", "#", "&", "*", "!", "%", "@", "`", "|", ">", "'", '"', "[", "{", "－", "１"]),
)


@st.composite
def text_mutation(draw: st.DrawFn) -> Mutation:
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "tab", "digit", "char", "indent", "truncate"]))
    i = draw(line_index)
    if kind == "delete":
        return lambda ls: ls[:i] + ls[i + 1 :]
    if kind == "duplicate":
        return lambda ls: ls[: i + 1] + ls[i:] if i < len(ls) else ls
    if kind == "swap":
        j = draw(line_index)

        def swap(ls: list[str]) -> list[str]:
            ls = list(ls)
            if i < len(ls) and j < len(ls):
                ls[i], ls[j] = ls[j], ls[i]
            return ls

        return swap
    if kind == "indent":
        delta = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))

        def indent(ls: list[str]) -> list[str]:
            ls = list(ls)
            if i < len(ls):
                ls[i] = " " * delta + ls[i] if delta > 0 else ls[i][min(-delta, len(ls[i]) - len(ls[i].lstrip(" "))) :]
            return ls

        return indent
    if kind == "truncate":
        cut = draw(st.integers(min_value=0, max_value=len(ORIGINAL)))
        return lambda ls: "\n".join(ls)[:cut].split("\n")
    pos = draw(st.integers(min_value=0, max_value=200))
    if kind == "digit":
        new = draw(st.sampled_from("0123456789"))

        def digit(ls: list[str]) -> list[str]:
            ls = list(ls)
            if i < len(ls):
                spots = [k for k, c in enumerate(ls[i]) if c.isdigit()]
                if spots:
                    k = spots[pos % len(spots)]
                    ls[i] = ls[i][:k] + new + ls[i][k + 1 :]
            return ls

        return digit
    char = "\t" if kind == "tab" else draw(odd_chars)

    def insert(ls: list[str]) -> list[str]:
        ls = list(ls)
        if i < len(ls):
            k = pos % (len(ls[i]) + 1)
            ls[i] = ls[i][:k] + char + ls[i][k:]
        return ls

    return insert


@SETTINGS
@given(mutations=st.lists(text_mutation(), min_size=1, max_size=3))
def test_text_mutations_never_raise(project: Project, mutations: list[Mutation]) -> None:
    lines = LINES
    for mutate in mutations:
        lines = mutate(lines)
    run(project, "\n".join(lines))


# --------------------------------------------------------------------------- tree mutations

TREE = yaml.safe_load(ORIGINAL)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, path + (i,))


PATHS = [p for p in _paths(TREE) if p]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.dates().map(str),
    st.sampled_from(["——", "~", "１２.５", "1,391.03", "95%", "-5", "2022年3月25日", "2022-02-30", "table", "heading"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)


def _replace(tree: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(tree, dict):
        return {k: (_replace(v, rest, value) if k == head else v) for k, v in tree.items()}
    return [(_replace(v, rest, value) if i == head else v) for i, v in enumerate(tree)]


@SETTINGS
@given(path=st.sampled_from(PATHS), value=values)
def test_tree_mutations_never_raise(project: Project, path: tuple[Any, ...], value: Any) -> None:
    run(project, yaml.safe_dump(_replace(TREE, path, value), allow_unicode=True, sort_keys=False))


YUAN_DOC = "content/documents/shanghai/putuo/zhengfu-bangongshi/2025-budget-unit-benji.yml"


@pytest.mark.parametrize("written", ["12.3%", "-0.5%", "12.3 %", "12.3％", "１２.３%", "１，２３４.５"])
def test_a_figure_written_as_a_percentage_in_a_yuan_table_is_an_error_not_a_traceback(project: Project, written: str) -> None:
    """An editor copying a 比例 column into a table in 元: a message at the cell, never a traceback."""
    path = project.root / YUAN_DOC
    original = path.read_text(encoding="utf-8")
    row = '{code: "22102", label: 住房改革支出, values: [3609125.22, 3609125.22, ~, ~, ~]}'
    assert row in original
    try:
        path.write_text(original.replace(row, row.replace("~, ~, ~]", f'"{written}", ~, ~]')), encoding="utf-8")
        problems = [p for p in check(project).problems if p.file.endswith("2025-budget-unit-benji.yml") and p.severity.value == "error"]
    finally:
        path.write_text(original, encoding="utf-8")
    line = original[: original.index(row)].count("\n") + 1
    assert problems and all(CJK.search(p.message) for p in problems)
    assert line in {p.line for p in problems}


# --------------------------------------------------------------------------- figures that must be caught


@dataclass(frozen=True)
class Figure:
    """A number cell of an income or expenditure table, where it was written, and the row it adds up to."""

    line: int
    column: int
    text: str
    parent_line: int | None


def _figures() -> list[Figure]:
    content = load(ROOT / "content")
    (loaded,) = [d for d in content.documents if d.source.path.resolve() == (ROOT / DOC).resolve()]
    figures = []
    for bi, block in enumerate(loaded.record.body):
        if not isinstance(block, Table) or block.role not in ("income", "expenditure"):
            continue
        rows = row_specs(block)
        ids = {r.key: r.index for r in rows}
        for r in rows:
            for ci, cell in enumerate(block.cells[r.index]):
                if cell.state != "number" or not cell.text:
                    continue
                line, col = loaded.source.place(("body", bi, "rows", r.index, "values", ci))
                parent = ids.get(r.parent) if r.parent else None
                parent_line = None if parent is None else loaded.source.place(("body", bi, "rows", parent, "values", ci))[0]
                figures.append(Figure(line, col, cell.text, parent_line))
    return figures


FIGURES = _figures()


def test_the_figures_are_found() -> None:
    # Two income/expenditure tables of six and five rows, and the year-on-year changes.
    assert len(FIGURES) >= 10
    for f in FIGURES:
        assert LINES[f.line - 1][f.column - 1 :].startswith(f.text), f


@SETTINGS
@given(figure=st.sampled_from(FIGURES), data=st.data())
def test_changing_a_checked_figure_is_reported_at_its_row(project: Project, figure: Figure, data: st.DataObject) -> None:
    # Any digit down to the first decimal: a change of at least 0.1, more than
    # rounding of two-decimal figures allows (hundredths may move by 0.01 legitimately).
    point = figure.text.find(".")
    last = len(figure.text) - 1 if point < 0 else min(point + 1, len(figure.text) - 1)
    spots = [k for k, c in enumerate(figure.text[: last + 1]) if c.isdigit()]
    k = data.draw(st.sampled_from(spots), label="digit")
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != figure.text[k]]), label="new digit")
    lines = list(LINES)
    row = lines[figure.line - 1]
    at = figure.column - 1 + k
    lines[figure.line - 1] = row[:at] + new + row[at + 1 :]

    problems = run(project, "\n".join(lines))

    errors = {p.line for p in problems if p.severity.value == "error"}
    where = {figure.line} | ({figure.parent_line} if figure.parent_line else set())
    assert errors & where, f"changing {figure.text} on line {figure.line} went unreported: {[(p.code, p.line) for p in problems]}"


# --------------------------------------------------------------------------- the official tables

sys.path.insert(0, str(ROOT / "benchmarks"))

from official_project import Wanted, write_project  # noqa: E402

OFFICIAL_ROLES = {k.role for k in official("budget") + official("final-accounts")}

STAND_ALONE: dict[tuple[str, str], str] = {
    ("budget-three-public", "operating-costs"): (
        "机关运行经费预算数：only bounded. It is at most the 公用经费 of the 一般公共预算基本支出 table (budget-operating-costs) "
        "and equals it only when every unit of the department is 行政 or 参公, which a document does not say: raised beyond "
        "the 公用经费 it is reported at its row, raised within it by nothing but the narrative check."
    ),
}
BOUNDED_BY = {("budget-three-public", "operating-costs"): "budget-operating-costs"}
"""Stand-alone figures that one rule holds to at most another figure: that rule may report them."""
"""(table kind, column) of official figures that no table rule ties to another figure, and why: changing them is reported
by nothing but the narrative check, at the sentence that restates the figure (when the text restates it)."""

FUZZ_DEPARTMENTS = (
    Wanted("zhujianju", ("监测站",), gov_fund=True, buys_car=True),  # several units, a 政府性基金 item, a car bought
    Wanted("shangwuju", (), state_capital=True, codes="one"),  # one unit, a 国有资本经营 item
)
FUZZED: dict[str, set[str] | None] = {
    "zhujianju/2025-budget.yml": None,  # every table
    "zhujianju/2025-final-accounts.yml": None,
    "zhujianju/2025-budget-unit-jiancezhan.yml": {"budget-finance-summary"},  # a unit's summary table has more columns
    "shangwuju/2025-budget.yml": {"budget-state-capital-expenditure"},
    "shangwuju/2025-final-accounts.yml": {"final-state-capital"},
}
"""Generated documents whose money figures are all changed (None: every official table), and the tables taken from the others."""


@dataclass(frozen=True)
class OfficialFigure:
    """A money cell of an official table, where it is written, and the row it adds up to."""

    doc: int
    where: tuple[Any, ...]
    """The cell's path in the source: (body, block[, sides, side], rows, row, values, column)."""
    grid: tuple[int, int | None]
    row: int
    col: int
    line: int
    parent_line: int | None
    text: str
    unit: str
    exact: bool
    """Every figure of its table is printed to the fen in 元: any change is beyond rounding."""
    kind: str
    column_id: str

    def __str__(self) -> str:
        return f"{self.kind}.{self.column_id} {self.text} on line {self.line}"


def _official_figures(content: Content, include: Callable[[str, str], bool]) -> list[OfficialFigure]:
    out = []
    for di, loaded in enumerate(content.documents):
        for bi, block in enumerate(loaded.record.body):
            if not isinstance(block, Table) or block.role not in OFFICIAL_ROLES or not include(loaded.source.name, block.role):
                continue
            unit = block.unit or loaded.record.unit or "万元"
            for si, (grid, base) in enumerate(grids_with_paths(block, bi)):
                numbers = [c for cells in grid.cells for c in cells if c.state == "number"]
                exact = unit == "元" and all("." in (c.text or "") for c in numbers)
                specs = row_specs(grid)
                index = {r.key: r.index for r in specs}
                cols = column_specs(grid)
                for r in specs:
                    for ci, cell in enumerate(grid.cells[r.index]):
                        if cell.state != "number" or not cell.text or cols[ci].type != "money":
                            continue
                        where = base + ("rows", r.index, "values", ci)
                        parent = index.get(r.parent) if r.parent else None
                        parent_line = None if parent is None else loaded.source.place(base + ("rows", parent, "values", ci))[0]
                        out.append(OfficialFigure(di, where, (bi, si if block.sides else None), r.index, ci, loaded.source.place(where)[0],
                                                  parent_line, cell.text, unit, exact, block.role, cols[ci].id))
    return out


@pytest.fixture(scope="module")
def official_content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    root = tmp_path_factory.mktemp("official")
    write_project(root, seed=7, wanted=FUZZ_DEPARTMENTS)
    return load(root / "content")


def _outcome(content: Content, loaded: Any) -> set[tuple[str, str, int, str, str | None, str | None]]:
    """What checking this one document reports, as (severity, code, line, field, stated, computed)."""
    single = Content(root=content.root, site=content.site, regions=content.regions, glossary=content.glossary,
                     glossary_source=content.glossary_source, departments=content.departments, documents=[loaded])
    report = validate(single)
    return {(p.severity.value, p.code, p.line, p.field, p.stated, p.computed) for p in report.problems if p.file == loaded.source.name}


def _grid(loaded: Any, f: OfficialFigure) -> Any:
    block = loaded.record.body[f.grid[0]]
    return block.sides[f.grid[1]] if f.grid[1] is not None else block


def _nudge(content: Content, f: OfficialFigure, delta: Decimal) -> set[tuple[str, str, int, str, str | None, str | None]]:
    """Check the document with one figure changed by ``delta``, as if retyped; the figure is put back afterwards."""
    loaded = content.documents[f.doc]
    cells = _grid(loaded, f).cells[f.row]
    old = cells[f.col]
    assert old.value is not None
    value = old.value + delta
    cells[f.col] = Cell(format(value, "f"), value, "number")
    try:
        return _outcome(content, loaded)
    finally:
        cells[f.col] = old


def _step(text: str) -> Decimal:
    """One unit of the last printed digit: 0.01 for 326.71, 1 for 2940."""
    return Decimal(1).scaleb(-(len(text.split(".", 1)[1]) if "." in text else 0))


def _large(unit: str) -> Decimal:
    """A change no rounding explains: 1 万元, or 100 元 (元 tables may print integer parts, each allowed half a 元)."""
    return Decimal(100) if unit == "元" else Decimal(1)


def _check_figures(content: Content, figures: list[OfficialFigure]) -> list[str]:
    """Change each figure by one unit of its last digit and by a large amount; return what went against the rounding policy."""
    wrong: list[str] = []
    baselines = {di: _outcome(content, content.documents[di]) for di in {f.doc for f in figures}}
    for f in figures:
        before = baselines[f.doc]
        where = {f.line} | ({f.parent_line} if f.parent_line else set())
        for size, delta in (("last digit", _step(f.text)), ("large", _large(f.unit))):
            after = _nudge(content, f, delta)
            new = after - before
            errors = {p for p in new if p[0] == "error" and p[2] in where}
            if (f.kind, f.column_id) in STAND_ALONE:
                # No table ties it; the narrative may restate it, and then only the text's sentence is reported.
                bound = BOUNDED_BY.get((f.kind, f.column_id))
                if any(not str(p[3]).startswith("body.") and not (p[1] == bound and p[2] == f.line) for p in after ^ before):
                    wrong.append(f"{f} is listed as stand-alone but +{delta} changes the report: {sorted(after ^ before)}")
                continue
            # The policy: a change beyond rounding is an error. Within it (a cent in 万元, or in 元 where integer
            # parts sit under a fen total) it is what rounding could have done: a rounding notice, an error when
            # it adds to a difference already there, or the end of a notice when it cancels one. Either way the
            # report at the figure's row, or the row it adds up to, is not what it was.
            if size == "large" or f.exact:
                if not errors:
                    wrong.append(f"{f}: +{delta} ({size}) gives no error on lines {sorted(where)}: {sorted(new)}")
            elif not {p for p in after ^ before if p[2] in where}:
                wrong.append(f"{f}: +{delta} ({size}) changes nothing reported on lines {sorted(where)}")
    return wrong


def _fuzzed(name: str, role: str) -> bool:
    for suffix, roles in FUZZED.items():
        if name.endswith(suffix):
            return roles is None or role in roles
    return False


def test_every_official_table_and_figure_is_fuzzed(official_content: Content) -> None:
    figures = _official_figures(official_content, _fuzzed)
    assert {f.kind for f in figures} == OFFICIAL_ROLES, "every official table kind has figures to change"
    assert len(figures) > 400
    assert {(f.kind, f.column_id) for f in figures} >= set(STAND_ALONE), "each stand-alone figure is printed, so the list is tested"


def test_changing_any_figure_of_an_official_table_is_reported_at_its_row(official_content: Content) -> None:
    wrong = _check_figures(official_content, _official_figures(official_content, _fuzzed))
    assert wrong == [], f"{len(wrong)} figures:\n" + "\n".join(wrong[:40])


REAL = load(ROOT / "content")
REAL_OFFICIAL = [d.source.name for d in REAL.documents if any(isinstance(b, Table) and b.role in OFFICIAL_ROLES for b in d.record.body)]


@pytest.mark.skipif(not REAL_OFFICIAL, reason="content/ holds no document with the official tables yet")
@pytest.mark.parametrize("name", REAL_OFFICIAL)
def test_changing_any_figure_of_a_real_official_table_is_reported(name: str) -> None:
    wrong = _check_figures(REAL, _official_figures(REAL, lambda doc, role: doc == name))
    assert wrong == [], f"{len(wrong)} figures:\n" + "\n".join(wrong[:40])


@pytest.fixture(scope="module")
def official_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, list[OfficialFigure], Content]]:
    """A project of the fuzzed documents only, checked whole by ``pubgen check`` after each edit of the file."""
    root = tmp_path_factory.mktemp("official-files")
    write_project(root, seed=7, wanted=FUZZ_DEPARTMENTS)
    for path in (root / "content" / "documents").rglob("*.yml"):
        if not any(path.as_posix().endswith(s) for s in FUZZED):
            path.unlink()
    content = load(root / "content")
    yield Project(root), _official_figures(content, _fuzzed), content


@settings(max_examples=max(10, EXAMPLES // 3), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_retyping_an_official_figure_in_the_file_is_reported_at_its_row(
    official_project: tuple[Project, list[OfficialFigure], Content], data: st.DataObject
) -> None:
    """The same through the real files: the figure retyped in the YAML, the whole project checked."""
    project, figures, content = official_project
    f = data.draw(st.sampled_from([f for f in figures if (f.kind, f.column_id) not in STAND_ALONE]), label="figure")
    path = project.root / content.documents[f.doc].source.name
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    new = format(Decimal(f.text) + _large(f.unit), "f")
    line = lines[f.line - 1]
    column = content.documents[f.doc].source.place(f.where)[1]
    assert line[column - 1 :].startswith(f.text), (line, f)
    lines[f.line - 1] = line[: column - 1] + new + line[column - 1 + len(f.text) :]
    try:
        problems = run_project(project, path, "\n".join(lines))
    finally:
        path.write_text(original, encoding="utf-8")
    where = {f.line} | ({f.parent_line} if f.parent_line else set())
    errors = {(p.file, p.line) for p in problems if p.severity.value == "error"}
    assert {(content.documents[f.doc].source.name, n) for n in where} & errors, f"{f} → {new} went unreported: {[(p.code, p.line) for p in problems]}"


def run_project(project: Project, path: Path, text: str) -> list[Problem]:
    path.write_text(text, encoding="utf-8", newline="")
    return check(project).problems
