"""The three seed documents are transcribed faithfully: every printed figure is on the page."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pubgen.load import load
from pubgen.model import Table

from .conftest import ROOT

SEEDS = Path(__file__).parent / "seeds"
DOCUMENTS = {
    "004_4d067d8b4fe0d231.txt": "hebei/xingtai/pingxiang/xinfangju/2021/budget",
    "000_48262e52918b69a4.txt": "hebei/shijiazhuang/xinfangju/2021/self-evaluation",
    "002_f38e69a00904c616.txt": "guangdong/guangzhou/huadu/xinfangju/2021/self-evaluation",
}
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def seed_text(name: str, keep_spaces: bool = False) -> str:
    text = (SEEDS / name).read_text(encoding="utf-8")
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    return text if keep_spaces else re.sub(r"\s+", "", text)


def page_text(site: Path, address: str) -> str:
    raw = (site / address / "index.html").read_text(encoding="utf-8")
    main = raw.split('<article', 1)[1].split("</article>", 1)[0]
    text = html.unescape(re.sub(r"<[^>]+>", " ", main))
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("seed, address", DOCUMENTS.items())
def test_every_printed_figure_appears_on_the_document_page(bundled_site: Path, seed: str, address: str) -> None:
    printed = NUMBER.findall(seed_text(seed, keep_spaces=True))
    page = page_text(bundled_site, address)
    missing = sorted({n for n in printed if n not in page})
    assert printed, "the seed has figures"
    assert missing == []


@pytest.mark.parametrize("seed, address", DOCUMENTS.items())
def test_table_figures_come_from_the_seed(seed: str, address: str) -> None:
    """At least ten figures per document, each one found in the published text."""
    content = load(ROOT / "content")
    doc = next(d.record for d in content.documents if f"{d.record.department}/{d.record.year}/{d.record.kind}" == address)
    text = seed_text(seed)
    figures = [
        cell.text
        for block in doc.body
        if isinstance(block, Table)
        for row in block.cells
        for cell in row
        if cell.state == "number"
    ]
    if doc.score is not None:
        figures.append(format(doc.score, "f"))
    assert len(figures) >= 10
    assert [f for f in figures if f not in text] == []


def test_money_keeps_every_printed_decimal() -> None:
    content = load(ROOT / "content")
    texts = {
        cell.text: cell.value
        for d in content.documents
        for block in d.record.body
        if isinstance(block, Table)
        for row in block.cells
        for cell in row
        if cell.state == "number"
    }
    # Figures printed with five and six decimals survive exactly, as Decimal.
    long_ones = {t: v for t, v in texts.items() if t and "." in t and len(t.split(".")[1]) >= 5}
    assert long_ones, "the seeds print figures with five or six decimals"
    for text, value in long_ones.items():
        assert format(value, "f") == text


def test_four_cell_states_survive(bundled_site: Path) -> None:
    """A number, 0, empty and —— are four different facts on the page."""
    content = load(ROOT / "content")
    states = {
        cell.state
        for d in content.documents
        for block in d.record.body
        if isinstance(block, Table)
        for row in block.cells
        for cell in row
    }
    assert {"number", "empty", "na"} <= states
    html_text = (bundled_site / DOCUMENTS["004_4d067d8b4fe0d231.txt"] / "index.html").read_text(encoding="utf-8")
    assert '<span aria-label="不适用">——</span>' in html_text
    assert '<span class="pg-sr">未填</span>' in html_text
    assert '<td class="num">0</td>' in html_text
