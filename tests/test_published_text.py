"""Hostile text in every field, built for real: the pages, feed and sitemap show it as written, as text only.

One project is built with the same hostile string in the document's title,
headings, list, table (title, notes, header, column and row labels, cells),
the department's and region's names, a glossary term, and the site settings:
HTML and script, Jinja (``{{ 7*7 }}``, ``{% raw %}``), Markdown-extension
syntax (``!!! note``, ``{: .c onclick=x}``, ``--8<--``, ``[TOC]``, ``<!-- -->``,
footnotes), ``~``, U+3000 and a no-break space, a heading and a term called
``__config``, and table row labels holding code fences. The assertions read
the built HTML with an HTML parser, the feed with an XML parser.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import struct
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from pubgen.cli import main
from pubgen.history import last_changed
from pubgen.pipeline import Project, build
from pubgen.serve import PreviewMemory, preview

from .conftest import copy_project, git

HOSTILE = 'A~B\u3000C\xa0D & "q" <script>alert(1)</script> {{ 7*7 }} {% raw %} !!! note {: .c onclick=x} --8<-- "mkdocs.yml" [TOC] <!-- c --> [^1] @alice #1'
BLOCK = (
    "!!! note\n    提示\n\n{: .c onclick=x}\n\n--8<-- \"mkdocs.yml\"\n\n[TOC]\n\n<!-- c -->\n\n脚注[^1]\n\n[^1]: 脚注内容\n\n"
    "{{ 7*7 }} {% raw %} <script>alert(2)</script> ~~删除~~ 平乡~县\n"
)
FENCED = ["甲\n```\n", HOSTILE, "乙\n```\n"]
"""Row labels: two code fences on lines of their own, once the labels are written out."""
SITE = 'A & B "q" <i>x</i> ~'
DEPARTMENT = "平乡县信访局~" + HOSTILE
REGION = "平乡~县<b>&"
FINAL = "hebei/xingtai/pingxiang/xinfangju/2021/final-accounts"
BUDGET = "content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"


def q(text: str) -> str:
    """A YAML string (JSON is YAML)."""
    return json.dumps(text, ensure_ascii=False)


def hostile_document() -> str:
    rows = "\n".join(f"      - {{label: {q(label)}, values: [{q(HOSTILE if i == 0 else 'x')}]}}" for i, label in enumerate(FENCED))
    return f"""department: hebei/xingtai/pingxiang/xinfangju
year: 2021
kind: final-accounts
title: {q(HOSTILE)}
published: 2022-08-01
body:
  - type: heading
    level: 2
    text: {q(HOSTILE)}
  - type: heading
    level: 2
    text: __config
  - type: heading
    level: 3
    text: pg-tip-1
  - type: text
    text: {q(BLOCK)}
  - type: list
    title: {q(HOSTILE)}
    items: [{q(HOSTILE)}, {q(BLOCK)}]
  - type: table
    title: {q(HOSTILE)}
    notes: [{q(HOSTILE)}]
    row_header: {q(HOSTILE)}
    columns:
      - {{id: a, label: {q(HOSTILE)}, type: text}}
    rows:
{rows}
"""


def make_hostile(root: Path) -> Project:
    project = copy_project(root)
    content = project.content
    (content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-final-accounts.yml").write_text(hostile_document(), encoding="utf-8")
    glossary = content / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + f"  - term: __config\n    definition: {q(BLOCK)}\n    source: {q(HOSTILE)}\n    national: true\n", encoding="utf-8"
    )
    (content / "site.yml").write_text(
        f"title: {q(SITE)}\ndescription: {q(BLOCK)}\npublisher: {q(HOSTILE)}\nunit: 万元\nbase_url: https://budget.example.gov.cn/\n",
        encoding="utf-8",
    )
    department = content / "departments/hebei/xingtai/pingxiang/xinfangju.yml"
    department.write_text(department.read_text(encoding="utf-8").replace("name: 平乡县信访局", f"name: {q(DEPARTMENT)}"), encoding="utf-8")
    regions = content / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace("name: 平乡县", f"name: {q(REGION)}"), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_hostile(tmp_path_factory.mktemp("hostile"))
    result = CliRunner().invoke(main, ["build", "--project", str(project.root)])
    assert result.exit_code == 0, result.output
    return project.root / "site"


class Element:
    """An element as parsed: tag, attributes, and the text directly and deeply inside it."""

    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.text = ""
        self.children: list[Element] = []


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """A built page, read as a browser's parser reads it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.comments: list[str] = []
        self._open: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if self._open:
            self._open[-1].children.append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def ids(self) -> list[str]:
        return [e.attrs["id"] or "" for e in self.elements if "id" in e.attrs]


def page(site: Path, address: str) -> Page:
    return Page((site / address / "index.html").read_text(encoding="utf-8"))


def pages(site: Path) -> Iterator[tuple[Path, Page]]:
    for path in sorted(site.rglob("*.html")):
        yield path, Page(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- text kept as written


def test_titles_and_headings_are_published_exactly_as_written(hostile_site: Path) -> None:
    doc = page(hostile_site, FINAL)
    [h1] = doc.find("h1")
    assert h1.text == HOSTILE  # ~ without a backslash, U+3000 and the no-break space kept
    assert HOSTILE in [h.text for h in doc.find("h2")]
    assert page(hostile_site, "hebei/xingtai/pingxiang/xinfangju").find("h1")[0].text == DEPARTMENT
    assert page(hostile_site, "hebei/xingtai/pingxiang").find("h1")[0].text == "河北省邢台市" + REGION
    assert page(hostile_site, "").find("h1")[0].text == SITE
    for _, built in pages(hostile_site):
        for heading in (e for e in built.elements if e.tag in ("h1", "h2", "h3", "h4")):
            assert "\\~" not in heading.text


def test_nothing_in_any_field_becomes_markup(hostile_site: Path) -> None:
    for path, built in pages(hostile_site):
        for element in built.elements:
            assert not [a for a in element.attrs if a.startswith("on")], (path, element.tag, element.attrs)
            assert not {"admonition", "toc", "footnote", "c"} & set((element.attrs.get("class") or "").split()), (path, element.attrs)
            assert element.tag not in ("b", "i", "sup") or "pg-mark" in (element.attrs.get("class") or ""), (path, element.tag)
            if element.tag == "script":
                assert "alert" not in element.text, path
        assert not any("c" == c.strip() for c in built.comments), path
        assert "site_name:" not in "".join(e.text for e in built.find("article")), "a snippet marker was followed"
    doc = page(hostile_site, FINAL)
    [article] = doc.find("article")
    for literal in ("{{ 7*7 }}", "{% raw %}", "!!! note", "{: .c onclick=x}", '--8<-- "mkdocs.yml"', "[TOC]", "<!-- c -->", "[^1]: 脚注内容", "~~删除~~", "<script>alert(2)</script>"):
        assert literal in article.text, literal
    glossary = page(hostile_site, "glossary")
    assert "{{ 7*7 }}" in glossary.find("article")[0].text


def test_ids_from_headings_and_terms_never_take_the_themes(hostile_site: Path) -> None:
    for address in (FINAL, "glossary"):
        built = page(hostile_site, address)
        [config] = [e for e in built.elements if e.attrs.get("id") == "__config"]
        assert config.tag == "script" and json.loads(config.text)["base"], "the theme's settings are still readable"
        ids = built.ids()
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
        for element in built.elements:
            if element.tag in ("h1", "h2", "h3", "h4") or "pg-entry" in (element.attrs.get("class") or ""):
                anchor = element.attrs.get("id") or ""
                assert anchor and not anchor.startswith(("__", "pg-")) and " " not in anchor, anchor
    # The document links the term to its entry, wherever the entry's id had to move.
    doc = page(hostile_site, FINAL)
    [link] = [a for a in doc.find("a") if a.text == "__config" and "glossary/" in (a.attrs.get("href") or "")]
    fragment = (link.attrs["href"] or "").split("#", 1)[1]
    entry = [e for e in page(hostile_site, "glossary").find("div") if e.attrs.get("id") == fragment]
    assert entry and entry[0].children[0].tag == "dt"


def test_a_row_label_with_code_fences_stays_in_its_table(hostile_site: Path) -> None:
    doc = page(hostile_site, FINAL)
    tables = [t for t in doc.find("table") if any(c.tag == "caption" and HOSTILE in c.text for c in t.children)]
    assert len(tables) == 1
    rows = [e for e in doc.elements if e.tag == "th" and e.attrs.get("scope") == "row" and e.text in FENCED]
    assert [r.text for r in rows] == FENCED, "each label whole, line breaks and fences as text, in its own row"
    assert not doc.find("pre") or all("甲" not in p.text and "乙" not in p.text for p in doc.find("pre"))


def test_the_site_name_is_escaped_once_wherever_the_theme_prints_it(hostile_site: Path) -> None:
    home = page(hostile_site, "")
    [title] = home.find("title")
    assert title.text == SITE  # the home page names the site once
    logo = [a for a in home.find("a") if "md-logo" in (a.attrs.get("class") or "")]
    assert logo and all(a.attrs["title"] == SITE and a.attrs["aria-label"] == SITE for a in logo)
    topics = [e.text.strip() for e in home.elements if "md-header__topic" in (e.attrs.get("class") or "")]
    assert topics[0] == SITE
    doc = page(hostile_site, FINAL)
    # The tab and the header name the document by its department and kind (several departments print one title).
    assert doc.find("title")[0].text == f"{DEPARTMENT} 2021年部门决算 - {SITE}"
    assert [e.text.strip() for e in doc.elements if "md-header__topic" in (e.attrs.get("class") or "")][1] == f"{DEPARTMENT} 2021年部门决算"
    [description] = doc.find("meta", name="description")
    assert description.attrs["content"] == f"{DEPARTMENT} 2021年部门决算。"
    for path, built in pages(hostile_site):
        for element in built.elements:
            for value in element.attrs.values():
                assert "&amp;" not in (value or "") and "&#34;" not in (value or ""), (path, element.tag, value)
        assert "&amp;" not in "".join(e.text for e in built.find("title")), path


def test_the_feed_is_valid_xml_and_carries_the_title_as_written(hostile_site: Path) -> None:
    feed = ET.parse(hostile_site / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.findtext("a:title", namespaces=ns) == SITE
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert f"{DEPARTMENT} 2021年部门决算" in titles
    summaries = [e.findtext("a:summary", namespaces=ns) or "" for e in feed.findall("a:entry", ns)]
    assert any(s.startswith(HOSTILE + "；") for s in summaries), summaries
    authors = [e.findtext("a:author/a:name", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert DEPARTMENT in authors


def with_noncharacters(root: Path) -> Project:
    project = copy_project(root)
    doc = project.root / BUDGET
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("title: 平乡县信访局2021年部门预算信息公开情况说明", 'title: "平乡县信访局\\uFFFE预算\\uFFFF说明"\npublished: 2021-03-01', 1),
        encoding="utf-8",
    )
    return project


def test_a_noncharacter_in_a_title_is_reported(tmp_path: Path) -> None:
    project = with_noncharacters(tmp_path)
    checked = CliRunner().invoke(main, ["check", "--project", str(project.root), "--format", "json"])
    found = [p for p in json.loads(checked.stdout)["problems"] if p["code"] == "invisible-character"]
    assert [(p["file"], p["line"], p["column"], p["field"], p["severity"]) for p in found] == [(BUDGET, 6, 15, "title", "error")]
    assert "U+FFFE" in found[0]["message"] and "第 7 个字符" in found[0]["message"] and "（这一栏共有 2 个）" in found[0]["message"]


def test_a_noncharacter_never_reaches_the_feed_or_the_page(tmp_path: Path) -> None:
    project = with_noncharacters(tmp_path / "p")
    # `pubgen serve` shows content with errors: what it builds must still be valid XML and HTML.
    site = tmp_path / "preview"
    preview(project, site, PreviewMemory())
    feed = ET.parse(site / "feed.xml").getroot()
    summaries = [e.findtext("{http://www.w3.org/2005/Atom}summary") or "" for e in feed.iter("{http://www.w3.org/2005/Atom}entry")]
    assert any(s.startswith("平乡县信访局预算说明；") for s in summaries), summaries
    html = (site / "hebei/xingtai/pingxiang/xinfangju/2021/budget/index.html").read_text(encoding="utf-8")
    assert "\ufffe" not in html and "\uffff" not in html
    assert Page(html).find("h1")[0].text == "平乡县信访局预算说明"


# --------------------------------------------------------------------------- dates from git


def commit(repo: Path, message: str, day: str) -> None:
    """Commit everything as if on ``day``."""
    git(repo, "add", "-A")
    env = {**os.environ, "GIT_COMMITTER_DATE": f"{day}T10:00:00+00:00", "GIT_AUTHOR_DATE": f"{day}T10:00:00+00:00"}
    subprocess.run(
        ["git", "-c", "user.name=pubgen tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message],
        cwd=repo,
        check=True,
        env=env,
    )


def test_a_file_named_in_chinese_keeps_its_date_and_its_place_in_the_feed(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p").root
    name = "content/documents/hebei/xingtai/pingxiang/xinfangju/2021年“部门预算” #1.yml"
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / BUDGET).rename(root / name)
    site_yml = root / "content/site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "repo_url: https://git.example.gov.cn/finance/budget\n", encoding="utf-8")
    git(root, "init", "-q")
    commit(root, "Content", "2023-04-05")
    assert last_changed(root)[name] == dt.date(2023, 4, 5)
    site = tmp_path / "site"
    build(Project(root), site)
    budget = page(site, "hebei/xingtai/pingxiang/xinfangju/2021/budget")
    assert [e for e in budget.find("time") if e.attrs.get("datetime") == "2023-04-05"], "最后修改 is shown"
    feed = ET.parse(site / "feed.xml").getroot()
    ns = "{http://www.w3.org/2005/Atom}"
    entries = {e.findtext(f"{ns}id") for e in feed.iter(f"{ns}entry")}
    assert "urn:pubgen:hebei/xingtai/pingxiang/xinfangju/2021/budget/" in entries
    # The links to the source file name it whole: percent-encoded, so # and spaces stay in the path.
    [source] = [a for a in budget.find("a") if a.text == "查看源文件"]
    assert source.attrs["href"] == "https://git.example.gov.cn/finance/budget/blob/main/" + quote(name)


def test_file_names_with_line_breaks_and_quotes_are_dated(tmp_path: Path) -> None:
    root = tmp_path / "r"
    (root / "content").mkdir(parents=True)
    names = ['content/a\nb.yml', 'content/"引号".yml', "content/tab\there.yml", "content/plain.yml"]
    for name in names:
        (root / name).write_text("x: 1\n", encoding="utf-8")
    git(root, "init", "-q")
    commit(root, "One", "2022-01-02")
    (root / "content/plain.yml").write_text("x: 2\n", encoding="utf-8")
    commit(root, "Two", "2022-03-04")
    assert last_changed(root) == {
        "content/a\nb.yml": dt.date(2022, 1, 2),
        'content/"引号".yml': dt.date(2022, 1, 2),
        "content/tab\there.yml": dt.date(2022, 1, 2),
        "content/plain.yml": dt.date(2022, 3, 4),
    }


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_sitemap_carries_each_pages_own_date_and_two_builds_are_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "p").root
    site_yml = root / "content/site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + "base_url: https://budget.example.gov.cn/\n", encoding="utf-8")
    git(root, "init", "-q")
    commit(root, "Content", "2023-04-05")
    sjz = root / "content/documents/hebei/shijiazhuang/xinfangju/2021-self-evaluation.yml"
    sjz.write_text(sjz.read_text(encoding="utf-8") + "\n# 校对\n", encoding="utf-8")
    commit(root, "Proofread", "2023-06-07")

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build(Project(root), tmp_path / "today")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")  # another day altogether
    build(Project(root), tmp_path / "later")
    today, later = tmp_path / "today", tmp_path / "later"
    assert (today / "sitemap.xml").read_bytes() == (later / "sitemap.xml").read_bytes()
    assert (today / "sitemap.xml.gz").read_bytes() == (later / "sitemap.xml.gz").read_bytes()
    assert digest(today) == digest(later), "the whole site is the same, byte for byte"

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = ET.parse(today / "sitemap.xml").getroot().findall("s:url", ns)
    lastmod = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in urls}
    base = "https://budget.example.gov.cn/"
    assert lastmod[base + "hebei/shijiazhuang/xinfangju/2021/self-evaluation/"] == "2023-06-07"
    assert lastmod[base + "hebei/xingtai/pingxiang/xinfangju/2021/budget/"] == "2023-04-05"
    assert lastmod[base + "hebei/shijiazhuang/xinfangju/"] == "2023-06-07"  # the newest of what it lists
    assert lastmod[base + "hebei/xingtai/"] == "2023-04-05"
    assert lastmod[base] == "2023-06-07"
    with gzip.open(today / "sitemap.xml.gz") as unzipped:
        assert unzipped.read() == (today / "sitemap.xml").read_bytes()
    mtime = struct.unpack("<I", (today / "sitemap.xml.gz").read_bytes()[4:8])[0]
    assert mtime == int(dt.datetime(2023, 6, 7, tzinfo=dt.timezone.utc).timestamp())


@pytest.mark.parametrize("newest, stamp", [("2202-03-25", 2**32 - 1), ("1022-03-25", 0)])
def test_a_sharded_sitemap_is_written_whatever_year_a_change_date_was_typed_with(tmp_path: Path, newest: str, stamp: int) -> None:
    """A gzip header holds 32-bit seconds from 1970: 2202 (2022 mistyped) ended the build in struct.error."""
    from pubgen.assemble import _write_xml

    target = tmp_path / "sitemap.xml"
    text = f"<urlset><url><lastmod>{newest}</lastmod></url></urlset>"
    _write_xml(target, text, newest)
    with gzip.open(tmp_path / "sitemap.xml.gz") as unzipped:
        assert unzipped.read().decode("utf-8") == target.read_text(encoding="utf-8") == text
    assert struct.unpack("<I", (tmp_path / "sitemap.xml.gz").read_bytes()[4:8])[0] == stamp
