"""A figure the publisher acknowledged as differing is marked where the page prints it, in running text as in
tables; each document is named apart from the department's others where its printed title is all a reader sees."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

import pytest

from pubgen import model as m
from pubgen.load import load
from pubgen.markdown import to_html, to_text
from pubgen.notes import Note, marker
from pubgen.pipeline import Project, check
from pubgen.problems import Problem

from .conftest import ROOT

TEXT_FIELD = re.compile(r"^body\.(\d+)\.(text|items\.(\d+))$")
MARK = re.compile(r'<sup class="pg-mark"><a href="#(pg-note-\d+)" id="(pg-mark-\d+)">(注\d+)</a></sup>')


@cache
def documents() -> dict[str, m.Document]:
    """The bundled documents by their source file."""
    return {d.source.name: d.record for d in load(ROOT / "content").documents}


@cache
def acknowledged_in_text() -> list[Problem]:
    return [p for p in check(Project(ROOT)).problems if p.acknowledged and TEXT_FIELD.match(p.field)]


def page_of(site: Path, problem: Problem) -> str:
    doc = documents()[problem.file]
    return (site / m.document_address(doc) / "index.html").read_text(encoding="utf-8")


def elements(page: str, start_tag: str, tag: str) -> list[str]:
    """The inner HTML of each element of ``page`` opened by ``start_tag`` (nested ``tag`` elements counted)."""
    out = []
    for found in re.finditer(re.escape(start_tag), page):
        depth, at = 1, found.end()
        for edge in re.finditer(rf"<(/?){tag}\b[^>]*>", page[at:]):
            depth += -1 if edge.group(1) else 1
            if depth == 0:
                out.append(page[at : at + edge.start()])
                break
    return out


def words(markup: str) -> str:
    """What a reader reads of some HTML, marks and notes left out, without spaces."""
    markup = re.sub(r'<div class="pg-ack pg-ack--text".*?</div>', "", MARK.sub("", markup), flags=re.S)
    markup = re.sub(r'<span class="(?:pg-tip|pg-num)"[^>]*>.*?</span>', "", markup, flags=re.S)
    return "".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def printed_at(page: str, doc: m.Document, problem: Problem) -> str:
    """The HTML of the paragraph block or list item the problem names, as the page prints it."""
    found = TEXT_FIELD.match(problem.field)
    assert found
    block = doc.body[int(found.group(1))]
    source = block.text if isinstance(block, m.Text) else block.items[int(found.group(3))]  # type: ignore[union-attr]
    wanted = "".join(to_text(source).split())
    candidates = elements(page, '<div class="pg-text">', "div") if isinstance(block, m.Text) else elements(page, "<li>", "li")
    held = [c for c in candidates if words(c) == wanted]
    assert len(held) == 1, (problem.field, wanted, [words(c) for c in candidates])
    return held[0]


def test_bundled_content_has_acknowledged_figures_in_running_text() -> None:
    problems = acknowledged_in_text()
    assert any(p.stated for p in problems) and any(p.field.split(".")[2] == "items" for p in problems)
    assert any(p.stated is None for p in problems), "a problem naming no figure (a subject's name) is marked too"


@pytest.mark.parametrize("problem", acknowledged_in_text(), ids=lambda p: f"{Path(p.file).parent.name}-{p.field}-{p.code}")
def test_an_acknowledged_figure_in_the_text_is_marked_where_it_is_printed_and_linked_to_its_reason(bundled_site: Path, problem: Problem) -> None:
    doc = documents()[problem.file]
    page = page_of(bundled_site, problem)
    where = printed_at(page, doc, problem)
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r'<div class="pg-ack pg-ack--text".*?</div>', "", MARK.sub("", where), flags=re.S)))
    if problem.stated is not None and len(re.findall(rf"(?<![\d.]){re.escape(problem.stated)}(?![\d])", text)) == 1:
        # Right after the figure (and its unit), not somewhere in the paragraph.
        mark = re.search(rf"(?<![\d.]){re.escape(problem.stated)}(?:万元|元|%)?{MARK.pattern}", where)
    else:
        # No figure to point at: after the paragraph or item.
        mark = re.search(rf"{MARK.pattern}(?:</p>)?(?:<div class=\"pg-ack pg-ack--text\"|$)", where)
    assert mark, where
    note_id, mark_id, label = mark.groups()
    # The note is right there, under the paragraph or in the item, and holds the publisher's reason; it leads back.
    note = re.search(rf'<p id="{note_id}"><a class="pg-ack__mark" href="#{mark_id}"[^>]*>{label}</a>：(.*?)</p>', where)
    assert note, where
    assert html.escape(problem.acknowledged or "", quote=False) in note.group(1)


def test_a_marked_paragraph_reads_as_it_did(bundled_site: Path) -> None:
    """The mark is added to the paragraph's Markdown as rendered: without it, the page prints the paragraph as before."""
    problem = next(p for p in acknowledged_in_text() if p.field.endswith(".text") and p.stated)
    doc = documents()[problem.file]
    block = doc.body[int(problem.field.split(".")[1])]
    assert isinstance(block, m.Text)
    where = printed_at(page_of(bundled_site, problem), doc, problem)
    paragraphs = re.sub(r'<div class="pg-ack pg-ack--text".*', "", where, flags=re.S)
    bare = re.sub(r'<a href="[^"]*" class="pg-term"[^>]*>(.*?)</a>', r"\1", MARK.sub("", paragraphs))
    bare = re.sub(r'<span class="pg-term-wrap">|<span class="pg-tip"[^>]*>.*?</span></span>', "", bare)
    assert "".join(bare.split()) == "".join(str(to_html(block.text)).split())


def test_marks_are_numbered_once_per_page_and_each_leads_to_its_note(bundled_site: Path) -> None:
    marked = 0
    for doc in documents().values():
        page = (bundled_site / m.document_address(doc) / "index.html").read_text(encoding="utf-8")
        labels = [g[2] for g in MARK.findall(page)]
        assert len(labels) == len(set(labels)), (doc.title, labels)
        assert labels == [f"注{i + 1}" for i in range(len(labels))], "numbered in the order the page prints them"
        for note_id, _, label in MARK.findall(page):
            assert page.count(f'id="{note_id}"') == 1, (doc.title, label)
        marked += len(labels)
    assert marked


def test_the_search_excerpt_of_a_marked_sentence_says_its_figure_is_in_question(bundled_site: Path) -> None:
    problem = next(p for p in acknowledged_in_text() if p.stated and p.field.endswith(".text"))
    url = m.document_address(documents()[problem.file])
    manifest = json.loads((bundled_site / "search" / "manifest.json").read_text(encoding="utf-8"))
    chunks = [json.loads(f.read_text(encoding="utf-8")) for f in sorted((bundled_site / "search" / "t").glob("*.json"), key=lambda f: int(f.stem))]
    number = [row[1] for chunk in chunks for row in chunk].index(url)
    assert number < manifest["documents"]
    passages = json.loads((bundled_site / "search" / "x" / f"{number}.json").read_text(encoding="utf-8"))
    caveat = re.compile(rf"(?<![\d.]){re.escape(problem.stated)}\S{{0,3}}（注\d+，数字有出入）")
    assert any(caveat.search(p) for p in passages), [p for p in passages if problem.stated in p]


# --------------------------------------------------------------------------- edge cases of the mark's place


def marked(text: str, *notes: Note) -> str:
    return str(to_html(text, marker(list(notes)))).replace("&#10;", "\n").strip()


def test_the_mark_follows_the_figure_and_its_unit_and_leaves_the_editor_s_markup_as_text() -> None:
    out = marked("合计 **2,946.25** 万元 <b>粗</b>，占７１．７３％。", Note(1, "body.0.text", ["x"], "2946.25"), Note(2, "body.0.text", ["y"], "71.73"))
    assert '<strong>2,946.25<sup class="pg-mark"><a href="#pg-note-1" id="pg-mark-1">注1</a></sup></strong> 万元' in out
    assert '&lt;b&gt;粗&lt;/b&gt;' in out and "<b>" not in out
    assert '占７１．７３％<sup class="pg-mark"><a href="#pg-note-2" id="pg-mark-2">注2</a></sup>。' in out


def test_a_figure_printed_twice_or_not_at_all_is_marked_after_the_paragraph() -> None:
    twice = marked("预算 10.5 万元，执行 10.5 万元，另 110.5 万元。", Note(3, "body.0.text", ["x"], "10.5"))
    assert twice.endswith('另 110.5 万元。<sup class="pg-mark"><a href="#pg-note-3" id="pg-mark-3">注3</a></sup></p>')
    absent = marked("第一段。\n\n第二段 1.25%。", Note(4, "body.0.text", ["x"], "1.3"))
    assert absent.endswith('第二段 1.25%。<sup class="pg-mark"><a href="#pg-note-4" id="pg-mark-4">注4</a></sup></p>')


def test_a_figure_inside_a_link_is_marked_after_the_link() -> None:
    out = marked("见[总计 0.3 万元](https://example.gov.cn/a)。", Note(5, "body.0.text", ["x"], "0.3"))
    assert '0.3 万元</a><sup class="pg-mark"><a href="#pg-note-5" id="pg-mark-5">注5</a></sup>。' in out


# --------------------------------------------------------------------------- a document's name where the title is all a reader sees


def test_each_document_is_named_apart_in_its_tab_and_header_and_keeps_its_printed_title_as_heading(bundled_site: Path) -> None:
    printed = [d.title for d in documents().values()]
    assert len(set(printed)) < len(printed), "several departments print one title (上海市普陀区2025年区级部门预算)"
    tabs = []
    for doc in documents().values():
        page = (bundled_site / m.document_address(doc) / "index.html").read_text(encoding="utf-8")
        assert re.search(r"<html lang=\"zh-CN\"", page[:300])
        department = html.unescape(re.search(r"<dt>部门</dt><dd><a [^>]*>(.*?)</a>", page).group(1))  # type: ignore[union-attr]
        tab = html.unescape(re.search(r"<title>(.*?)</title>", page).group(1))  # type: ignore[union-attr]
        topic = re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', page, re.S)
        assert topic and html.unescape(topic.group(1)) + " - 部门预决算公开平台" == tab
        assert department in tab and f"{doc.year}年" in tab, tab
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page.split("<article", 1)[1], re.S)
        assert h1 and html.unescape(re.sub(r"<[^>]+>", "", h1.group(1))).strip() == doc.title
        tabs.append(tab)
    assert len(set(tabs)) == len(tabs), tabs
