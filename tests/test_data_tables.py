"""Each table of a document downloaded as printed (“下载本表（CSV）”), for a reader opening it in Excel or WPS.

The document's own CSV has one row per figure under English column codes (region_path, value, state …): right for a
program, unreadable as the table the reader just saw.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from pubgen import model as m
from pubgen.load import load
from pubgen.render import table_csv

from .conftest import ROOT

OFFICIAL = "shanghai/putuo/wanli-jiedao/2025/budget/"
SOURCE = "content/documents/shanghai/putuo/wanli-jiedao/2025-budget.yml"
BOM = b"\xef\xbb\xbf"


def bundled_document(source: str) -> m.Document:
    content = load(ROOT / "content")
    [doc] = [d.record for d in content.documents if d.source.path.as_posix().endswith(source)]
    return doc


def read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(BOM) and b"\r\n" in raw
    return list(csv.reader(io.StringIO(raw[len(BOM) :].decode("utf-8"), newline="")))


def offered(page: str) -> list[tuple[str, str]]:
    """Each “下载本表（CSV）” link of a page: where it leads, and the file name it saves as."""
    return re.findall(r'<p class="pg-tabledownload"><a href="([^"]+)" download="([^"]+)">下载本表（CSV）</a></p>', page)


def test_each_table_of_a_document_downloads_as_printed_with_the_figures_of_its_source(bundled_site: Path) -> None:
    doc = bundled_document(SOURCE)
    folder = bundled_site / OFFICIAL
    links = offered((folder / "index.html").read_text(encoding="utf-8"))
    tables = [b for b in doc.body if isinstance(b, m.Table)]
    assert len(links) == len(tables) == 9
    for table, (href, name) in zip(tables, links):
        assert name == f"{table.title}.csv"
        rows = read(folder / href)
        assert rows[0] == [table.title]
        assert rows[1] == [f"金额单位：{table.unit or doc.unit}"]
        assert rows[2 : 2 + len(table.notes)] == [[n] for n in table.notes]
        header, body = rows[2 + len(table.notes)], rows[3 + len(table.notes) :]
        # The table's notes under it, as printed (“注:本部门2025年无政府性基金预算……故本表为空表。”).
        after = [[t] for t in (table.empty_note, table.footnote) if t]
        assert body[len(body) - len(after) :] == after
        body = body[: len(body) - len(after)]
        grids = table.grids()
        assert len(body) == max(len(g.rows) for g in grids)
        # Side by side, a side's columns after the other's: its code columns, its row label, then its figures as written.
        at = 0
        for grid in grids:
            width = len(grid.cells[0]) if grid.cells else 0
            label_at = header.index(grid.row_header if len(grids) == 1 else f"{grid.title}/{grid.row_header}", at)
            for row, cells, line in zip(grid.rows, grid.cells, body):
                assert line[label_at] == row.label
                assert line[label_at + 1 : label_at + 1 + width] == [c.text or "" for c in cells]
            at = label_at + 1 + width
        assert len(header) == at and all(len(line) == at for line in body)


def test_the_three_public_table_reads_with_its_printed_headers_and_the_key_figure(bundled_site: Path) -> None:
    folder = bundled_site / OFFICIAL
    page = (folder / "index.html").read_text(encoding="utf-8")
    [href] = [h for h, name in offered(page) if "三公" in name]
    rows = read(folder / href)
    assert rows[:4] == [
        ["2025年部门“三公”经费和机关运行经费预算表"],
        ["金额单位：万元"],
        ["编制部门：上海市普陀区人民政府万里街道办事处"],
        [
            "项目",
            "“三公”经费预算数/合计",
            "“三公”经费预算数/因公出国(境)费",
            "“三公”经费预算数/公务接待费",
            "“三公”经费预算数/公务用车购置及运行费/小计",
            "“三公”经费预算数/公务用车购置及运行费/购置费",
            "“三公”经费预算数/公务用车购置及运行费/运行费",
            "机关运行经费预算数",
        ],
    ]
    assert rows[4][1] == "37.91"  # the key figure “三公”经费 37.91 万元 the page leads here from


def test_the_table_csv_leaves_the_documents_own_csv_as_it_was(bundled_site: Path) -> None:
    folder = bundled_site / OFFICIAL
    own = read(folder / "shanghai-putuo-wanli-jiedao-2025-budget.csv")
    assert own[0][:3] == ["region_path", "region_name", "department_id"] and "value" in own[0]
    assert sorted(p.name for p in folder.glob("*.csv") if "-table-" not in p.name) == ["shanghai-putuo-wanli-jiedao-2025-budget.csv"]


def test_text_in_a_table_a_spreadsheet_would_run_as_a_formula_stays_text() -> None:
    doc = bundled_document(SOURCE)
    index, table = next((i, b) for i, b in enumerate(doc.body) if isinstance(b, m.Table) and b.title and "收入预算总表" in b.title)
    table = table.model_copy(deep=True)
    table.grids()[0].rows[0].label = '=HYPERLINK("http://evil.example/","点击查看")'
    table.title = "@SUM(1)"
    rows = list(csv.reader(io.StringIO(table_csv(table, index, "元"), newline="")))
    assert rows[0] == ["'@SUM(1)"]
    assert '\'=HYPERLINK("http://evil.example/","点击查看")' in [cell for line in rows for cell in line]
    assert not any(cell.startswith(("=", "+", "@")) for line in rows for cell in line)
