"""Around the page: the feed, the sitemap, source links, the print view."""

from __future__ import annotations

import csv
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pubgen.load import load
from pubgen.pipeline import build

from .conftest import ROOT, copy_project

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://budget.example.gov.cn/zfxxgk/yjsgk/"
"""A portal publishes its 预决算公开 in a folder of its site, as government portals do."""
BUDGET = "hebei/xingtai/pingxiang/xinfangju/2021/budget"


@pytest.fixture(scope="module")
def configured_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content with a site address and a repository configured, in its own git repository."""
    root = tmp_path_factory.mktemp("configured")
    project = copy_project(root)
    site_yml = project.content / "site.yml"
    site_yml.write_text(
        site_yml.read_text(encoding="utf-8")
        + f"base_url: {SITE}\nrepo_url: https://git.example.gov.cn/finance/budget\n",
        encoding="utf-8",
    )
    git = ["git", "-C", str(root), "-c", "user.name=编辑", "-c", "user.email=editor@example.gov.cn"]
    subprocess.run(git[:3] + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "init", "--date=2022-04-01T10:00:00"], check=True, env={"GIT_COMMITTER_DATE": "2022-04-01T10:00:00", "PATH": "/usr/bin:/bin"})
    build(project, root / "site")
    return root / "site"


def test_atom_feed_lists_documents_with_absolute_links(configured_site: Path) -> None:
    feed = ET.parse(configured_site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(load(ROOT / "content").documents)
    links = {e.find(f"{ATOM}link").get("href") for e in entries}  # type: ignore[union-attr]
    assert f"{SITE}{BUDGET}/" in links
    # No document prints a publication date: the last commit date stands in.
    assert {e.findtext(f"{ATOM}updated") for e in entries} == {"2022-04-01T00:00:00Z"}
    assert "“三公”经费 1.4 万元" in "".join(e.findtext(f"{ATOM}summary") or "" for e in entries)


def test_each_feed_entry_names_its_document_apart_from_the_department_s_others(configured_site: Path) -> None:
    """Departments print one cover title (上海市普陀区2025年区级部门预算): a feed reader shows the entry's title alone."""
    entries = ET.parse(configured_site / "feed.xml").getroot().findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") or "" for e in entries]
    assert len(titles) == len(load(ROOT / "content").documents)
    assert len(set(titles)) == len(titles), titles
    for e, title in zip(entries, titles):
        assert (e.findtext(f"{ATOM}author/{ATOM}name") or "?") in title, title
        assert e.find(f"{ATOM}category").get("label") in title  # type: ignore[union-attr]


def test_feed_without_site_address_uses_relative_links(bundled_site: Path) -> None:
    feed = ET.parse(bundled_site / "feed.xml").getroot()
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]  # type: ignore[union-attr]
    assert f"{BUDGET}/" in links
    assert 'type="application/atom+xml"' in (bundled_site / "index.html").read_text(encoding="utf-8")


def test_sitemap_lists_every_page_when_the_address_is_known(configured_site: Path) -> None:
    tree = ET.parse(configured_site / "sitemap.xml").getroot()
    urls = {u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in tree}
    assert f"{SITE}{BUDGET}/" in urls
    assert f"{SITE}glossary/" in urls


def test_source_and_change_links(configured_site: Path) -> None:
    page = (configured_site / BUDGET / "index.html").read_text(encoding="utf-8")
    src = "content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    assert f'href="https://git.example.gov.cn/finance/budget/blob/main/{src}">查看源文件</a>' in page
    assert f'href="https://git.example.gov.cn/finance/budget/edit/main/{src}">提议修改</a>' in page
    # In the words 发布日期 is printed in, in the same box: not 2022-04-01 under 2022年3月1日.
    assert "<dt>最后修改</dt><dd><time datetime=\"2022-04-01\">2022年4月1日</time>" in page


@pytest.mark.browser
def test_document_prints_as_a_clean_report(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + BUDGET + "/")
    arrow = "a => getComputedStyle(a, '::after').content"
    label = page.locator("a.pg-key__label").first  # a key figure's label leads to its table: on screen with its arrow
    assert label.evaluate(arrow) == '" ›"'
    page.emulate_media(media="print")
    assert label.evaluate(arrow) == "none"  # on paper a link's arrow leads nowhere
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator("article h1").is_visible()
    assert page.locator("table.pg-table").first.is_visible()
    pdf = Path(__file__).resolve().parent.parent / "test-artifacts" / "budget-print.pdf"
    pdf.parent.mkdir(exist_ok=True)
    page.pdf(path=str(pdf))
    assert pdf.stat().st_size > 10_000


def test_addresses_a_reader_copies_include_the_sites_folder(configured_site: Path) -> None:
    """The page's permanent address and the download's addresses lead to the page under the portal's folder."""
    page = (configured_site / BUDGET / "index.html").read_text(encoding="utf-8")
    assert f"本页固定网址：<code>{SITE}{BUDGET}/</code>" in page
    with (configured_site / "data/documents.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = {r["address"]: r for r in csv.DictReader(f)}
    folder = "/zfxxgk/yjsgk/"
    assert f"{folder}{BUDGET}/" in rows
    assert all(a.startswith(folder) and rows[a]["figures_csv"].startswith(a) for a in rows)
    figures = next(f for f in (configured_site / BUDGET).glob("*.csv") if "-table-" not in f.name)  # not a table's own download
    with figures.open(encoding="utf-8-sig", newline="") as f:
        assert {r["address"] for r in csv.DictReader(f)} == {f"{folder}{BUDGET}/"}


def test_the_headers_dates_and_the_change_log_read_alike(tmp_path: Path) -> None:
    """发布日期 printed 2022年3月1日 and 最后修改, in the same box, 2022-03-20: one page, one way to write a date."""
    project = copy_project(tmp_path / "p")
    source = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    source.write_text(
        source.read_text(encoding="utf-8") + "published: 2022-03-01\nchanges:\n  - {date: 2022-03-20, note: 更正表三合计}\n",
        encoding="utf-8",
    )
    build(project, tmp_path / "site")
    page = (tmp_path / "site" / BUDGET / "index.html").read_text(encoding="utf-8")
    assert '<dt>发布日期</dt><dd><time datetime="2022-03-01">2022年3月1日</time>' in page
    assert '<dt>最后修改</dt><dd><time datetime="2022-03-20">2022年3月20日</time>（<a href="#pg-changes">修改记录</a>）' in page
    assert '<time datetime="2022-03-20">2022年3月20日</time>：更正表三合计' in page
    assert ">2022-03-20</time>" not in page
