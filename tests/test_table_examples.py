"""Every official table's example, as docs/content-format.md prints it, passes the real check.

An example is loaded as the one table of a document (or, for the 预算, with the
other eight in one document) in a small project of its own, and checked the way
`pubgen check` checks it: no error, no warning and no rounding notice. So the
examples editors copy can never drift from the checks.

The 决算 examples are checked one table per document: some of them carry real
figures (上海市普陀区财政局2024年度部门决算) and some illustrative round ones
(where the real table's sum is off by a rounding 0.01), so they do not add up to
each other and the identities across tables are skipped for them there.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from pubgen.pipeline import Project, check
from pubgen.problems import Problem
from pubgen.reference import field_reference
from pubgen.tablekinds import TableKind, kinds, official

from .conftest import ROOT

OFFICIAL = [k for k in kinds().values() if k.official]
DOCUMENT = "content/documents/shanghai/putuo/lizi/example.yml"
YEARS = {"budget": 2025, "final-accounts": 2024}
"""The years of the real documents the examples are taken from."""


def example_text(kind: TableKind) -> str:
    """The example as it stands under a document's ``body:``."""
    return textwrap.indent(kind.example.rstrip() + "\n", "  ")


def write_project(root: Path, document_kind: str, tables: list[TableKind]) -> Path:
    """A project holding one department and one document made of these tables' examples."""
    content = root / "content"
    (content / "departments/shanghai/putuo").mkdir(parents=True)
    (content / "documents/shanghai/putuo/lizi").mkdir(parents=True)
    (content / "site.yml").write_text("title: 部门预决算公开平台\nunit: 万元\n", encoding="utf-8")
    (content / "regions.yml").write_text(
        "regions:\n  - slug: shanghai\n    name: 上海市\n    level: province\n    children:\n"
        "      - slug: putuo\n        name: 普陀区\n        level: district\n",
        encoding="utf-8",
    )
    (content / "departments/shanghai/putuo/lizi.yml").write_text(
        "slug: lizi\nname: 上海市普陀区示例局\nregion: shanghai/putuo\nnature: 行政\n", encoding="utf-8"
    )
    # The document publishes just these tables, as a partial disclosure does, so it is complete.
    covers = list(dict.fromkeys(p for kind in tables for p in kind.provides))
    header = (
        f"department: shanghai/putuo/lizi\nyear: {YEARS[document_kind]}\nkind: {document_kind}\n"
        f"title: 示例\nunit: 万元\ncovers: [{', '.join(covers)}]\nbody:\n"
    )
    (root / DOCUMENT).write_text(header + "\n".join(example_text(kind) for kind in tables), encoding="utf-8")
    return root


def shown(problems: list[Problem]) -> list[str]:
    return [f"{p.severity.value} {p.line}:{p.column} [{p.code}] {p.field} {p.message}" for p in problems]


def test_every_official_table_has_an_example() -> None:
    assert len([k for k in OFFICIAL if k.official == "budget"]) == 9
    assert len([k for k in OFFICIAL if k.official == "final-accounts"]) == 9
    assert [k.role for k in OFFICIAL if not k.example] == []


@pytest.mark.parametrize("kind", OFFICIAL, ids=lambda k: k.role)
def test_example_is_one_table_block_of_its_own_kind(kind: TableKind) -> None:
    blocks = yaml.safe_load(example_text(kind))
    assert isinstance(blocks, list) and len(blocks) == 1
    (block,) = blocks
    assert block["type"] == "table" and block["role"] == kind.role
    assert block.get("rows") or any(side.get("rows") for side in block.get("sides", [])), "an example shows rows"
    # The example says where its figures come from, in its first comment.
    first = kind.example.lstrip().splitlines()[0]
    assert first.startswith("#") and ("取自" in first or "示意" in first), first


@pytest.mark.parametrize("kind", OFFICIAL, ids=lambda k: k.role)
def test_example_passes_the_check_alone(kind: TableKind, tmp_path: Path) -> None:
    assert kind.official is not None
    report = check(Project(write_project(tmp_path, kind.official, [kind])))
    assert shown(report.problems) == []


def test_the_budget_examples_hold_together(tmp_path: Path) -> None:
    """The nine 预算 examples are one real department's tables: every identity across them holds too."""
    report = check(Project(write_project(tmp_path, "budget", official("budget"))))
    assert shown(report.problems) == []


def test_the_check_sees_the_examples(tmp_path: Path) -> None:
    """A changed figure in an example is an error in that document: the examples are really checked."""
    root = write_project(tmp_path, "final-accounts", [kinds()["final-summary"]])
    path = root / DOCUMENT
    text = path.read_text(encoding="utf-8")
    assert text.count("[49.14]") == 1  # 年初结转和结余
    path.write_text(text.replace("[49.14]", "[59.14]"), encoding="utf-8")
    errors = check(Project(root)).errors
    assert [(p.code, p.file, p.field) for p in errors] == [("sum-mismatch", DOCUMENT, "final-summary.income.grand-total.actual")]


@pytest.mark.parametrize("kind", OFFICIAL, ids=lambda k: k.role)
def test_the_reference_prints_the_example(kind: TableKind) -> None:
    reference = field_reference()
    section = reference.split(f"### `{kind.role}`：", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"^```yaml\n(.*?)^```", section, flags=re.M | re.S)
    assert blocks == [example_text(kind)]



def test_the_guide_names_every_official_table() -> None:
    """The hand-written list of the nine 预算 and nine 决算 tables in docs/content-format.md names each by its role."""
    text = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
    section = text.split("## 法定公开表：", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| (\d) \| `([a-z-]+)` [^|]+ \| `([a-z-]+)` [^|]+ \|$", section, flags=re.M)
    assert listed == [(str(b.number), f.role, b.role) for b, f in zip(official("budget"), official("final-accounts"))]
