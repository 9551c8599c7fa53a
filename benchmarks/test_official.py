"""Generated official documents are what real ones are: nine tables each, every identity holding, units adding up to their department.

Run with ``python -m pytest benchmarks``.
"""

from __future__ import annotations

import hashlib
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import vocab as V  # noqa: E402
from official_project import Wanted, write_project  # noqa: E402

from pubgen import model as m  # noqa: E402
from pubgen.checks.identities import plain_label  # noqa: E402
from pubgen.figures import figures  # noqa: E402
from pubgen.load import load  # noqa: E402
from pubgen.pipeline import Project, check  # noqa: E402
from pubgen.tablekinds import official  # noqa: E402

EVERY_TYPE = tuple(
    Wanted(k["slug"], ("服务中心",) if i % 2 else (), gov_fund=i % 3 == 0, state_capital=i % 4 == 0, codes="three" if i % 2 else "one")
    for i, k in enumerate(V.DEPARTMENTS)
)
"""Every department type, with and without subordinate units and funds, codes in one column and in three."""


@pytest.fixture(scope="module")
def every_type(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("official")
    write_project(root, seed=11, wanted=EVERY_TYPE, years=(2024, 2025))
    return root


def _digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def test_every_identity_holds_and_rounding_gives_only_notices(every_type: Path) -> None:
    report = check(Project(every_type))
    assert report.errors == [], report.to_text()
    assert report.warnings == [], report.to_text()
    # 万元 figures are rounded from 元 one by one, as real ones are: sums of rounded parts differ by a cent or two.
    assert report.notices and {p.code for p in report.notices} == {"rounding-difference"}
    assert all(Path(p.file).name.split("-", 1)[1].startswith("final-accounts") or "three-public" in p.field for p in report.notices), (
        "budgets are in 元 (exact) but for the “三公” table in 万元"
    )


def test_each_document_prints_the_nine_tables_of_its_kind_in_its_units(every_type: Path) -> None:
    content = load(every_type / "content")
    assert content.problems == []
    seen_scopes = set()
    for loaded in content.documents:
        doc: m.Document = loaded.record
        tables = [b for b in doc.body if isinstance(b, m.Table)]
        assert [t.role for t in tables] == [k.role for k in official(doc.kind)], loaded.source.name
        for t in tables:
            if doc.kind == "budget":
                assert t.unit == ("万元" if t.role == "budget-three-public" else "元"), (loaded.source.name, t.role)
            else:
                assert t.unit == "万元"
        fund_tables = [t for t in tables if t.role in ("final-gov-fund", "final-state-capital", "budget-gov-fund-expenditure", "budget-state-capital-expenditure")]
        for t in fund_tables:
            if len(t.rows) == 1:  # nothing but 合计: an empty table says why
                assert t.empty_note and "无" in t.empty_note and all(v is None for v in t.rows[0].values)
        seen_scopes.add((doc.kind, doc.scope, doc.budget_unit.whole if doc.budget_unit else None))
    assert seen_scopes == {(k, s, w) for k in ("budget", "final-accounts") for s, w in (("department", None), ("unit", True), ("unit", False))}


def _cells(doc: m.Document) -> dict[str, Decimal]:
    """Money cells by field; class rows named by label only are keyed without their numbering, which depends on what is printed."""
    return {
        f"{f.table}.{f.row if f.code else plain_label(f.row)}.{f.column}": f.value for f in figures(doc) if f.value is not None and f.unit in ("元", "万元")
    }


def test_unit_documents_add_up_to_their_department(every_type: Path) -> None:
    content = load(every_type / "content")
    groups: dict[tuple[str, int, str], dict[str, list[m.Document]]] = defaultdict(lambda: defaultdict(list))
    for loaded in content.documents:
        doc = loaded.record
        groups[(doc.department, doc.year, doc.kind)][doc.scope].append(doc)
    checked = 0
    for (dept, _, kind), scopes in groups.items():
        (department,) = scopes["department"]
        units = scopes["unit"]
        mine = _cells(department)
        if len(units) == 1:
            assert units[0].budget_unit is not None and units[0].budget_unit.whole
            theirs = _cells(units[0])
            common = set(mine) & set(theirs)
            assert len(common) > 100 and all(mine[f] == theirs[f] for f in common), dept
            continue
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for unit in units:
            for field, value in _cells(unit).items():
                sums[field] += value
        # The same cells (a unit prints only its own items), each the sum of the units' (in 万元, to rounding).
        comparable = {f for f in mine if not f.startswith("budget-finance-summary.expenditure")}
        for field in comparable:
            slack = Decimal("0.005") * len(units) if kind == "final-accounts" or "three-public" in field else Decimal(0)
            assert abs(sums.get(field, Decimal(0)) - mine[field]) <= slack, (dept, kind, field, sums.get(field), mine[field])
            checked += 1
    assert checked > 500


def test_the_same_seed_gives_the_same_documents(tmp_path: Path) -> None:
    a = write_project(tmp_path / "a", seed=5)
    b = write_project(tmp_path / "b", seed=5)
    assert _digest(a) == _digest(b)
    assert _digest(write_project(tmp_path / "c", seed=6)) != _digest(a)


def test_the_corpus_holds_official_documents_of_departments_and_units(tmp_path: Path) -> None:
    corpus.generate(tmp_path, 300, seed=2, quiet=True)
    content = load(tmp_path / "content")
    roles = {k.role for k in official("budget") + official("final-accounts")}
    official_docs = [d.record for d in content.documents if any(isinstance(b, m.Table) and b.role in roles for b in d.record.body)]
    kinds = {(d.kind, d.scope) for d in official_docs}
    assert kinds == {("budget", "department"), ("budget", "unit"), ("final-accounts", "department"), ("final-accounts", "unit")}
    assert 0.2 < len(official_docs) / len(content.documents) < 0.7
