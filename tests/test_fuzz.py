"""Property: no edit of a real document, however clumsy, makes ``check`` raise.

Hypothesis mutates the text (delete, duplicate or swap lines, insert a tab or
an odd character, change a digit or an indentation, truncate) or the parsed
tree (replace a value by one of another type) of the bundled Pingxiang budget,
writes it into a private copy of the project and checks it. Every problem must
carry a code, a file, a line (except whole-file problems) and a Chinese
message. Changing a figure of the income or expenditure tables, whose sums are
checked, must be reported at that figure's row or at the row it adds up to.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pubgen.load import load
from pubgen.model import Table
from pubgen.pipeline import Project, check
from pubgen.problems import Problem
from pubgen.roles import row_specs

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
