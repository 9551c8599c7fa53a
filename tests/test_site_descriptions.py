"""What a search engine, a shared link and a feed reader are told of the site's pages, besides their titles."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from pubgen.load import load

from .conftest import ROOT, build, copy_project

ATOM = "{http://www.w3.org/2005/Atom}"


def description(page: Path) -> str | None:
    found = re.search(r'<meta name="description" content="([^"]*)">', page.read_text(encoding="utf-8"))
    return html.unescape(found.group(1)) if found else None


def test_home_and_index_pages_are_described_by_the_sites_description(bundled_site: Path) -> None:
    site = load(ROOT / "content").site
    assert site is not None and site.description
    assert description(bundled_site / "index.html") == site.description
    for index in ("years", "kinds", "regions", "departments", "glossary", "years/2025", "kinds/budget", "shanghai/putuo", "shanghai/putuo/wanli-jiedao"):
        told = description(bundled_site / index / "index.html")
        assert told, index


def key_figures(page: Path) -> list[str]:
    """The key figure cards as the page shows them: 收入合计 189,767,551 元."""
    text = page.read_text(encoding="utf-8")
    cards = re.findall(r'<li class="pg-key pg-key--[^"]*">(.*?)</li>', text)
    out = []
    for card in cards:
        label = re.search(r'class="pg-key__label"[^>]*>([^<]*)', card)
        value = re.search(r'<data value="[^"]*">([^<]*)</data> <span class="pg-key__unit">([^<]*)</span>', card)
        if label and value:
            out.append(html.unescape(f"{label.group(1)} {value.group(1)}{'' if value.group(2) == '%' else ' '}{value.group(2)}"))
    return out


def test_a_documents_description_tells_what_it_is_and_its_key_figures_not_its_title_again(bundled_site: Path) -> None:
    for address in ("shanghai/putuo/wanli-jiedao/2025/budget", "hebei/shijiazhuang/xinfangju/2021/self-evaluation", "shanghai/putuo/caizhengju/2024/final-accounts"):
        page = bundled_site / address / "index.html"
        told = description(page)
        shown = key_figures(page)
        assert told and shown, address
        title = html.unescape(re.search(r"<title>([^<]*) - ", page.read_text(encoding="utf-8")).group(1))  # type: ignore[union-attr]
        assert told.startswith(title + "：") and told != title
        for figure in shown:
            assert figure in told, (address, figure, told)
    budget = description(bundled_site / "shanghai/putuo/wanli-jiedao/2025/budget/index.html")
    assert budget is not None and "“三公”经费 37.91 万元" in budget


def test_a_questioned_key_figure_is_told_so_in_the_description(bundled_site: Path) -> None:
    told = description(bundled_site / "shanghai/putuo/wanli-jiedao/2024/budget/index.html")
    assert told is not None and "“三公”经费 47.91 万元（有出入，见本页说明）" in told


def test_documents_left_out_of_the_feed_for_want_of_a_date_are_counted_where_the_feed_is_offered(tmp_path: Path) -> None:
    """Outside git, a document whose original gives no 发布日期 (imported ones often say “原文未注明”) has no date the
    site knows: the feed cannot file it, and a subscriber is told how many are not there, and where to find them."""
    project = copy_project(tmp_path / "p")
    site = tmp_path / "site"
    build(project, site)
    content = load(project.content)
    undated = [d for d in content.documents if d.record.published is None and not d.record.changes]
    assert undated
    feed = ET.parse(site / "feed.xml").getroot()
    assert len(feed.findall(f"{ATOM}entry")) == len(content.documents) - len(undated)
    subtitle = feed.findtext(f"{ATOM}subtitle") or ""
    assert f"另有 {len(undated)} 份文档原文未注明发布日期" in subtitle
    home = (site / "index.html").read_text(encoding="utf-8")
    note = re.search(r'<span class="pg-feednote">(.*?)</span>', home)
    assert note and f"有 {len(undated)} 份文档原文未注明发布日期" in note.group(1) and 'href="years/"' in note.group(1)


def test_the_feed_says_nothing_of_missing_documents_when_every_one_is_dated(bundled_site: Path) -> None:
    feed = ET.parse(bundled_site / "feed.xml").getroot()
    assert feed.findtext(f"{ATOM}subtitle") == "新公开和新修改的文档"
    assert "pg-feednote" not in (bundled_site / "index.html").read_text(encoding="utf-8")
