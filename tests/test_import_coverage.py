"""Every figure a real PDF prints is on the page pubgen builds from its import, taken from the PDF's own text.

The figures come from PDFium's text layer (what is printed inside each page), not from the
content files, so a figure the importer dropped, split or changed is missed on the page. Only
the 目录 page is left out: the content format has no place for a table of contents (the page's
own contents come from the headings), so its list numbers are not printed on the page.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pubgen.load import load
from pubgen.model import Table

from .conftest import ROOT
from .test_import_real import REAL

pytestmark = pytest.mark.skipif(REAL is None, reason="the real published documents (shared/real) are not beside the project")

ADDRESSES = {
    "putuo-caizhengju-2024-final-accounts.pdf": "shanghai/putuo/caizhengju/2024/final-accounts",
    "putuo-government-office-2025-budget-department.pdf": "shanghai/putuo/zhengfu-bangongshi/2025/budget",
    "putuo-government-office-2025-budget-unit.pdf": "shanghai/putuo/zhengfu-bangongshi/2025/budget/unit-benji",
    "putuo-commerce-2025-budget-department.pdf": "shanghai/putuo/shangwuwei/2025/budget",
    "putuo-commerce-2025-budget-unit.pdf": "shanghai/putuo/shangwuwei/2025/budget/unit-benji",
    "putuo-wanli-street-2024-budget.pdf": "shanghai/putuo/wanli-jiedao/2024/budget",
    "putuo-wanli-street-2025-budget.pdf": "shanghai/putuo/wanli-jiedao/2025/budget",
}
FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
TOC = re.compile(r"^\s*目\s*录\s*$", re.M)


def pdf_figures(name: str) -> Counter[str]:
    """Figures printed inside each page's box, thousands separators dropped, the 目录 page left out."""
    assert REAL is not None
    document = pdfium.PdfDocument(str(REAL / name))
    found: Counter[str] = Counter()
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            text = textpage.get_text_bounded(0, 0, width, height)
            textpage.close()
            page.close()
            if not TOC.search(text):
                found.update(figure.replace(",", "") for figure in FIGURE.findall(text))
    finally:
        document.close()
    return found


def page_figures(site: Path, address: str) -> Counter[str]:
    raw = (site / address / "index.html").read_text(encoding="utf-8")
    article = raw.split("<article", 1)[1].split("</article>", 1)[0]
    text = html.unescape(re.sub(r"<[^>]+>", " ", article))
    return Counter(figure.replace(",", "") for figure in FIGURE.findall(text))


def test_every_real_pdf_is_in_the_bundled_content() -> None:
    assert REAL is not None
    assert sorted(ADDRESSES) == sorted(p.name for p in REAL.glob("putuo-*.pdf"))


@pytest.mark.parametrize("name, address", ADDRESSES.items())
def test_every_printed_figure_is_on_the_built_page(bundled_site: Path, name: str, address: str) -> None:
    printed = pdf_figures(name)
    shown = page_figures(bundled_site, address)
    assert sum(printed.values()) > 300
    assert sorted(f for f in printed if f not in shown) == []
    # Amounts (with decimals or of three digits and more) are each on the page as often as printed;
    # small integers are also list numbers, which the page may number differently.
    amounts = {f: n for f, n in printed.items() if "." in f or len(f) >= 3}
    assert {f: (n, shown[f]) for f, n in amounts.items() if shown[f] < n} == {}


def test_table_figures_are_printed_figures() -> None:
    """No figure in the imported tables that the PDF does not print (as printed, without thousands separators)."""
    content = load(ROOT / "content")
    by_address = {f"{d.record.department}/{d.record.year}/{d.record.kind}" + (f"/unit-{d.record.budget_unit.slug}" if d.record.budget_unit else ""): d.record for d in content.documents}
    for name, address in ADDRESSES.items():
        printed = pdf_figures(name)
        document = by_address[address]
        cells = [c.text for b in document.body if isinstance(b, Table) for g in b.grids() for row in g.cells for c in row if c.state == "number"]
        assert len(cells) > 100
        assert sorted({c for c in cells if c not in printed}) == [], name


DEPARTMENTS = {
    "putuo-caizhengju-2024-final-accounts.pdf": None,
    "putuo-government-office-2025-budget-department.pdf": "shanghai/putuo/zhengfu-bangongshi",
    "putuo-government-office-2025-budget-unit.pdf": "shanghai/putuo/zhengfu-bangongshi",
    "putuo-commerce-2025-budget-department.pdf": "shanghai/putuo/shangwuwei",
    "putuo-commerce-2025-budget-unit.pdf": "shanghai/putuo/shangwuwei",
    "putuo-wanli-street-2024-budget.pdf": "shanghai/putuo/wanli-jiedao",
    "putuo-wanli-street-2025-budget.pdf": "shanghai/putuo/wanli-jiedao",
}


def test_the_bundled_documents_are_the_importers_output_plus_acknowledgements(tmp_path: Path) -> None:
    """Editing after the import added acknowledgements, comments and `whole`, and changed nothing printed."""
    from pubgen.importers.writer import Options, run

    from .test_import_command import seed_project

    assert REAL is not None
    project = seed_project(tmp_path / "project")
    for name, department in DEPARTMENTS.items():
        outcome = run([str(REAL / name)], Options(department=department), project.content)
        assert outcome.ok, outcome.failures
    fresh = {d.source.name: d.record for d in load(project.content).documents if d.record.department.startswith("shanghai/")}
    bundled = {d.source.name: d.record for d in load(ROOT / "content").documents if d.record.department.startswith("shanghai/")}
    assert sorted(fresh) == sorted(bundled)
    for name, document in bundled.items():
        imported = fresh[name]
        assert [b.model_dump() for b in document.body] == [b.model_dump() for b in imported.body], name
        assert (document.title, document.year, document.kind, document.unit) == (imported.title, imported.year, imported.kind, imported.unit)
        if document.budget_unit is not None:
            assert imported.budget_unit is not None
            assert (document.budget_unit.name, document.budget_unit.slug) == (imported.budget_unit.name, imported.budget_unit.slug)
        assert imported.acknowledgements == []
    # What the editor added is acknowledgements of what the check finds: none unmatched, no error left.
    assert any(d.acknowledgements for d in bundled.values())
    from pubgen.validate import validate

    errors = [p for p in validate(load(ROOT / "content")).problems if p.file.startswith("content/documents/shanghai/") and p.severity.value == "error"]
    assert errors == []


def test_merged_headers_keep_the_printed_column_order() -> None:
    """预算数 over 合计 | 基本支出 (人员经费, 公用经费) | 项目支出: 合计 stays over the first column, as printed."""
    from pubgen.render import table_view

    content = load(ROOT / "content")
    (document,) = [
        d.record
        for d in content.documents
        if d.record.department == "shanghai/putuo/shangwuwei" and d.record.scope == "unit"
    ]
    index, table = next((i, b) for i, b in enumerate(document.body) if isinstance(b, Table) and b.role == "budget-finance-summary")
    expenditure = table_view(table, index, "元", []).sides[1]
    assert [[cell.text for cell in row] for row in expenditure.header] == [
        ["项目", "预算数"],
        ["合计", "基本支出", "项目支出"],
        ["人员经费", "公用经费"],
    ]
    assert [label for label, _unit, _numeric in expenditure.columns] == ["合计", "人员经费", "公用经费", "项目支出"]
