"""The real published PDFs and workbooks read into the import structure, checked against their raw text."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pubgen.importers import read_file
from pubgen.importers.structure import (
    CellKind,
    ColumnRole,
    Glossary,
    Heading,
    ImportedDocument,
    ListBlock,
    Paragraph,
    Table,
)
from pubgen.importers.text import split_numbering

_CANDIDATES = (
    Path(__file__).resolve().parents[1].parent / "shared" / "real",
    Path(__file__).resolve().parents[2] / "shared" / "real",
    Path("/work/shared/real"),
)
REAL = next((path for path in _CANDIDATES if (path / "README.md").exists()), None)
pytestmark = pytest.mark.skipif(REAL is None, reason="the real published documents (shared/real) are not beside the project")

PDFS = sorted(p.name for p in REAL.glob("*.pdf")) if REAL else []
WORKBOOKS = sorted(p.name for p in REAL.glob("*.xlsx")) if REAL else []
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


@lru_cache(maxsize=None)
def imported(name: str) -> ImportedDocument:
    assert REAL is not None
    return read_file(str(REAL / name))


@lru_cache(maxsize=None)
def raw_pages(name: str) -> tuple[str, ...]:
    """Each page's text as PDFium's text layer gives it, independent of the importer."""
    assert REAL is not None
    document = pdfium.PdfDocument(str(REAL / name))
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return tuple(texts)
    finally:
        document.close()


def _block_texts(document: ImportedDocument) -> dict[int, list[str]]:
    """Every text the structure holds outside table cells, by page."""
    by_page: dict[int, list[str]] = {}

    def add(pages: tuple[int, ...], text: str) -> None:
        for page in pages:
            by_page.setdefault(page, []).append(text)

    add(document.cover.origin.pages, "\n".join(document.cover.lines))
    for entry in document.toc:
        add(entry.origin.pages, entry.origin.text)
    for block in document.body:
        if isinstance(block, Table):
            add(block.origin.pages, block.title + block.unit_text + block.issuer + "".join(block.notes))
            for row in block.header:
                for cell in row:
                    add(cell.origin.pages, cell.text)
        elif isinstance(block, ListBlock):
            for item in block.items:
                add(item.origin.pages, item.text)
        elif isinstance(block, Glossary):
            for entry in block.entries:
                add(entry.origin.pages, entry.term + entry.definition)
        elif isinstance(block, (Heading, Paragraph)):
            add(block.origin.pages, block.origin.text.replace("\n", "") + block.text)
    return by_page


def _cells_by_page(document: ImportedDocument) -> dict[int, dict[str, set[str]]]:
    """Each page's body cell texts, by table title."""
    found: dict[int, dict[str, set[str]]] = {}
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for page in cell.origin.pages:
                    found.setdefault(page, {}).setdefault(table.title, set()).add(cell.text)
    return found


@pytest.mark.parametrize("name", PDFS)
def test_every_printed_figure_is_in_the_structure_on_its_page(name: str) -> None:
    document = imported(name)
    texts = _block_texts(document)
    cells = _cells_by_page(document)
    tables_on = {t.title: set(t.origin.pages) for t in document.tables}
    missing: list[str] = []
    for number, raw in enumerate(raw_pages(name), start=1):
        page_cells = set().union(*cells.get(number, {}).values()) if cells.get(number) else set()
        nearby = "".join(
            t.replace(" ", "") for p in (number - 1, number, number + 1) for t in texts.get(p, [])
        )
        for line in raw.splitlines():
            for token in _FIGURE.findall(line):
                if token in page_cells:
                    continue
                if token in nearby:
                    continue
                missing.append(f"page {number}: {token!r} in {line.strip()[:60]!r}")
    assert not missing, "\n".join(missing[:20])
    # Figures printed in a table's cells are found in that table, on that page.
    for page, by_table in cells.items():
        for title in by_table:
            assert page in tables_on[title]


@pytest.mark.parametrize("name", PDFS)
def test_table_titles_are_the_entries_of_the_table_of_contents(name: str) -> None:
    document = imported(name)
    entries = document.toc
    # A table entry ends with 表 and holds no entries under it (五、部门预算表 holds the tables).
    toc_tables = [
        entry.text
        for index, entry in enumerate(entries)
        if entry.level > 0
        and entry.text.endswith("表")
        and (index + 1 == len(entries) or entries[index + 1].level <= entry.level)
    ]
    titles = [table.title for table in document.tables if table.title]
    assert toc_tables, "the 目录 lists the tables"
    # In printed order, exactly as the 目录 words them (万里街道 2024 leaves the year out of
    # both its 目录 entry and its title for the 三公 table).
    assert titles == toc_tables


@pytest.mark.parametrize("name", [n for n in PDFS if n.startswith("putuo")])
def test_rows_with_fewer_figures_keep_blank_cells_blank(name: str) -> None:
    """Rows whose raw text carries a code and fewer figures than the table has columns."""
    document = imported(name)
    code_row = re.compile(r"^\s*(\d{3})(?:\s+(\d{2}))?(?:\s+(\d{2}))?\s+(\D+?)\s+((?:[\d,]+(?:\.\d+)?(?:\s+|$))+)$")
    checked = 0
    for number, raw in enumerate(raw_pages(name), start=1):
        for line in raw.splitlines():
            match = code_row.match(line)
            if not match:
                continue
            code = tuple(part for part in match.group(1, 2, 3) if part)
            figures = match.group(5).split()
            for table in document.tables:
                if number not in table.origin.pages:
                    continue
                for row in table.rows:
                    for entry in row.entries:
                        if entry.code != code or entry.label.replace(" ", "") != match.group(4).replace(" ", ""):
                            continue
                        if not any(number in f.origin.pages for f in entry.figures if f.kind is not CellKind.BLANK):
                            continue
                        printed = [f.text for f in entry.figures if f.kind is not CellKind.BLANK]
                        assert printed == figures, (table.title, code, printed, figures)
                        blanks = [f for f in entry.figures if f.kind is CellKind.BLANK]
                        assert len(blanks) == len(entry.figures) - len(figures)
                        checked += 1
    assert checked > 0


def test_blank_cell_is_under_its_own_column_in_the_expense_table() -> None:
    """支出预算总表: 一般行政管理事务 has no 基本支出 — the blank stays in the 基本支出 column."""
    document = imported("putuo-commerce-2025-budget-department.pdf")
    table = next(t for t in document.tables if t.title.endswith("部门支出预算总表"))
    labels = [column.path[-1] for column in table.columns]
    basic, project = labels.index("基本支出"), labels.index("项目支出")
    page_text = raw_pages("putuo-commerce-2025-budget-department.pdf")[table.origin.pages[0] - 1]
    line = next(line for line in page_text.splitlines() if line.split()[:3] == ["201", "13", "02"])
    amount = line.split()[-1]
    row = next(r for r in table.rows if r.entries and r.entries[0].code == ("201", "13", "02"))
    by_column = {cell.col: cell for cell in row.cells}
    assert by_column[basic].kind is CellKind.BLANK
    assert by_column[project].text == amount


def test_side_by_side_economic_table_keeps_both_halves() -> None:
    document = imported("putuo-caizhengju-2024-final-accounts.pdf")
    table = next(t for t in document.tables if t.title == "一般公共预算财政拨款基本支出决算表")
    assert len(table.sides) == 2
    left, right = table.sides
    assert [table.columns[i].path[-1] for i in left.code_columns] == ["类", "款"]
    assert [table.columns[i].path[-1] for i in right.code_columns] == ["类", "款"]
    codes_left = {e.code_text for r in table.rows for e in r.entries if e.side == 0}
    codes_right = {e.code_text for r in table.rows for e in r.entries if e.side == 1}
    assert "30101" in codes_left and "30201" in codes_right
    raw = "".join(raw_pages("putuo-caizhengju-2024-final-accounts.pdf")[p - 1] for p in table.origin.pages)
    # Every economic item printed in the raw text has its code somewhere in the table.
    for label in ("公务接待费", "公务用车运行维护费", "公务用车购置"):
        entry = next(e for r in table.rows for e in r.entries if e.label == label)
        assert entry.code[0] in raw


def test_wrapped_labels_are_joined_without_spaces_and_flagged() -> None:
    document = imported("putuo-caizhengju-2024-final-accounts.pdf")
    table = next(t for t in document.tables if t.title == "收入决算表")
    entry = next(e for r in table.rows for e in r.entries if e.code == ("208", "05", "05"))
    assert entry.label == "机关事业单位基本养老保险缴费支出"
    assert entry.label_wrapped
    raw = raw_pages("putuo-caizhengju-2024-final-accounts.pdf")[table.origin.pages[0] - 1]
    assert "机关事业单位基本养老保险" in raw and "缴费支出" in raw


def test_codes_in_three_columns_stay_as_printed() -> None:
    document = imported("putuo-commerce-2025-budget-department.pdf")
    table = next(t for t in document.tables if t.title.endswith("部门收入预算总表"))
    roles = [c.role for c in table.columns[:4]]
    assert roles == [ColumnRole.CODE, ColumnRole.CODE, ColumnRole.CODE, ColumnRole.LABEL]
    entry = next(e for r in table.rows for e in r.entries if e.label == "行政运行")
    assert entry.code == ("201", "13", "01")
    assert all(cell.kind is CellKind.TEXT for cell in table.rows[0].cells[:1])


def test_figures_keep_printed_text_beside_their_decimal() -> None:
    document = imported("putuo-caizhengju-2024-final-accounts.pdf")
    table = next(t for t in document.tables if t.title == "收入支出决算总表")
    cells = [f for r in table.rows for e in r.entries for f in e.figures if f.kind is CellKind.NUMBER]
    assert cells
    for cell in cells:
        assert cell.value == cell.text.replace(",", "")
    assert any("," in cell.text for cell in cells)


def test_empty_tables_carry_their_note() -> None:
    for name in PDFS:
        document = imported(name)
        for table in document.tables:
            if "政府性基金" in table.title and table.empty:
                assert any("政府性基金" in note and ("无" in note) for note in table.notes), (name, table.title)


def test_continued_tables_record_pages_and_repeated_headers() -> None:
    document = imported("putuo-commerce-2025-budget-department.pdf")
    repeated = next(t for t in document.tables if t.title.endswith("一般公共预算支出功能分类预算表"))
    assert [p.header_repeated for p in repeated.parts] == [True]
    # The repeated header is not read as body rows.
    assert not any(e.label == "功能分类科目名称" for r in repeated.rows for e in r.entries)
    plain = next(t for t in document.tables if t.title.endswith("部门收入预算总表"))
    assert [p.header_repeated for p in plain.parts] == [False]
    codes = [e.code_text for r in plain.rows for e in r.entries if e.code]
    assert len(codes) == len(set(codes))


def test_narrative_is_rejoined_without_inserted_spaces() -> None:
    document = imported("putuo-caizhengju-2024-final-accounts.pdf")
    paragraphs = [b for b in document.body if isinstance(b, Paragraph)]
    joined = next(p for p in paragraphs if p.text.startswith("本年支出合计"))
    assert len(joined.origin.text.splitlines()) >= 1
    raw = raw_pages("putuo-caizhengju-2024-final-accounts.pdf")
    page = raw[joined.origin.pages[0] - 1]
    # The text layer holds the sentence's two printed lines; the paragraph is their join.
    for line in joined.origin.text.splitlines():
        assert line.replace(" ", "") in page.replace(" ", "").replace("\r\n", "")
    assert joined.text.replace(" ", "") == "".join(l.strip() for l in joined.origin.text.splitlines()).replace(" ", "")


def test_headings_keep_their_numbering() -> None:
    document = imported("putuo-caizhengju-2024-final-accounts.pdf")
    headings = [b for b in document.body if isinstance(b, Heading)]
    toc_sections = [(e.numbering, e.text) for e in document.toc if e.level == 1 and not e.text.endswith("表")]
    found = {(h.numbering, h.text) for h in headings}
    # Each 目录 section of the 情况说明 is a heading in the body (the body may word it longer).
    for numbering, text in toc_sections:
        assert any(n == numbering and (t == text or t.startswith(text[:4])) for n, t in found), (numbering, text)


@pytest.mark.parametrize("name", PDFS)
def test_glossary_terms_are_those_printed(name: str) -> None:
    document = imported(name)
    glossaries = [b for b in document.body if isinstance(b, Glossary)]
    assert len(glossaries) == 1
    raw = "".join(raw_pages(name))
    for entry in glossaries[0].entries:
        assert entry.term and entry.definition
        assert f"{entry.term}：" in raw.replace("\r\n", "") or f"{entry.term}:" in raw.replace("\r\n", "")
        assert split_numbering(entry.numbering + entry.term)[0] == entry.numbering


@pytest.mark.parametrize("name", PDFS)
def test_cover_names_the_year_and_the_body(name: str) -> None:
    document = imported(name)
    first_page = raw_pages(name)[0].replace(" ", "")
    assert document.cover.year is not None and str(document.cover.year) in first_page
    assert document.cover.body and document.cover.body.replace(" ", "") in first_page


def first_body_row(sheet) -> int:  # type: ignore[no-untyped-def]
    """The first row below the title rows that holds a code or a numbered label."""
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            if isinstance(cell.value, (int, float)) or (isinstance(cell.value, str) and split_numbering(cell.value)[0]):
                return int(cell.row)
    return int(sheet.max_row) + 1


@pytest.mark.parametrize("name", WORKBOOKS)
def test_template_workbooks_read_every_table_sheet(name: str) -> None:
    import openpyxl

    assert REAL is not None
    document = imported(name)
    workbook = openpyxl.load_workbook(REAL / name)
    titled = [ws for ws in workbook.worksheets if any(str(c.value or "").startswith(("编制部门", "编制单位")) for row in ws.iter_rows(max_row=6) for c in row)]
    assert len(document.tables) == len(titled)
    for table, sheet in zip(document.tables, titled):
        assert table.origin.sheet == sheet.title
        assert table.unit in ("元", "万元")
        assert table.header
        # Every merged header range of the sheet is a header cell with the same span.
        spans = {(c.text, c.rowspan, c.colspan) for row in table.header for c in row}
        for merged in sheet.merged_cells.ranges:
            value = sheet.cell(merged.min_row, merged.min_col).value
            if value and merged.min_row > 4 and merged.min_row < first_body_row(sheet):
                assert (str(value).replace("\n", ""), merged.max_row - merged.min_row + 1, merged.max_col - merged.min_col + 1) in spans
    assert document.cover.year == 2026
    assert [e.text for e in document.toc if e.text.endswith("表")]
