"""Setting HTML blocks aside before Python-Markdown scans them changes no page."""

from __future__ import annotations

import re

import logging
import os
import shutil
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pubgen import rawhtml
from pubgen.build import build as build_site
from pubgen.derive import derive
from pubgen.load import load
from pubgen.render import render
from pubgen.validate import validate

from .conftest import ROOT

EXTENSIONS = ["toc", "tables"]


def convert(text: str, fast: bool) -> tuple[str, int]:
    """The HTML of ``text``, and how many blocks were set aside before Python-Markdown's scan."""
    md = markdown.Markdown(extensions=[*EXTENSIONS, *(["pubgen.rawhtml"] if fast else [])])
    stored = 0
    if fast:
        original = md.htmlStash.store

        def counting(html: str) -> str:
            nonlocal stored
            stored += 1
            return original(html)

        aside = md.preprocessors["pubgen_raw_html"]
        run = aside.run

        def run_counting(lines: list[str]) -> list[str]:
            md.htmlStash.store = counting
            try:
                return run(lines)
            finally:
                md.htmlStash.store = original

        aside.run = run_counting
    return md.convert(text), stored


def test_generated_blocks_are_set_aside_and_the_page_is_the_same() -> None:
    text = "\n".join(
        [
            "# 标题",
            "",
            '<div class="pg-text">',
            "<p>一段 &lt;b&gt; 文字</p>",
            "",
            '<div><dl><dt>部门</dt><dd><a href="../">平乡县信访局</a></dd></dl></div>',
            "</div>",
            "",
            "## 二级标题 {#anchor}",
            "",
            '<table class="pg-table"><thead><tr><th>项目</th></tr></thead>',
            "<tbody><tr><td>2159.022416</td></tr></tbody></table>",
            "",
            "普通段落，有 <span>内联</span> HTML。",
            "<div>紧跟段落的块</div>",
            "",
            "<div><!-- 注释里有 </div> --></div>",
            "",
            "<div>没有闭合",
            "",
            "<p>最后一块</p>",
        ]
    )
    fast, stored = convert(text, fast=True)
    slow, _ = convert(text, fast=False)
    assert fast == slow
    assert stored == 2  # the text block and the table; from the paragraph with inline HTML on, Python-Markdown reads it all


TRICKY = [
    '<div\xa0class="x">a</div>\n\np\n',  # a no-break space is part of the tag name for the HTML parser
    "<div><div\u3000x></div>\n\n*b*\n\n</div>\n",
    '<div><div title="/>"></div>\n\nx\n\n</div>\n',  # "/>" inside a quoted value
    '<div><p title="a><div>"></div>\ntext\n</div>\n',
    "<div><x-a><div></x-a></div>\ntext\n</div>\n",  # names with - or :
    "<div><x:y><div></x:y></div>\ntext\n</div>\n",
    "<div><div\n>\n</div>\n\nx\n\n</div>\n",  # tags split over lines
    "<div>a</div\n>\ntext\n</div>\n",
    '<div>\n<p title="x\n</div>\n\n">y</p>\n</div>\n',
    "<div>x</div>   \n\npara\n",  # spaces after the end tag
    "<div>x</div>  \n<div>y</div>\n",
    "<div>&#65 x &amp y</div>\n\np\n",  # references without their semicolon are rewritten
    "<DIV>x</DIV>\n\npara\n",
    "<div>a < b</div>\n\nz\n",
    "<div><p>a</div>\n\nz\n",
    "<div></span>x</div>\n\nz\n",
    "<hr>\n\n<div>x</div>\n",
    "`<div>`\n\n<div>x</div>\n\ny\n",
    "> <div>x</div>\n\nz\n",
    "<div>x</div>\n   \npara\n",
    "<div>x</div>\n\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_html_the_parser_could_read_otherwise_comes_out_the_same(text: str) -> None:
    assert convert(text, fast=True)[0] == convert(text, fast=False)[0]


BLOCKS = st.sampled_from(
    [
        "## 标题",
        "段落文字 *强调*",
        '<div class="pg-text">\n<p>段落</p>\n</div>',
        "<div>\n<div>内层</div>\n\n<p>空行之后</p>\n</div>",
        '<table><tr><td class="num">1.40</td></tr></table>',
        "<p>一行</p><p>两个段落</p>",
        "<div>未闭合",
        "</div>",
        "<div><!-- x --></div>",
        "<section><div></section>",
        "<div>\n<section><div></section>\n</div>",
        "<div><p>不闭合的段落<br></div>",
        "<div/>",
        "<div><hr></div>",
        '<p><a href="x/">链接</a></p>',
        '<div title="a>b">x</div>',
        "<div>&#65 x</div>",
        "<div>x</div>   ",
        "<div\n>y</div>",
        '<div id="t&amp;1"><a name="n">x</a></div>',
        "<x-a><div>自定义</div></x-a>",
        "<ul>\n<li>一</li>\n<li>二</li>\n</ul>",
        "<div>块</div>后面还有字",
        "<pre>\n</div>\n</pre>",
        "<hr>",
        '<div markdown="1">*md*</div>',
        "- 列表项\n- <div>列表里的块</div>",
        "    <div>缩进的代码</div>",
        "<span>内联</span>",
        "",
    ]
)


@settings(max_examples=int(os.environ.get("RAWHTML_EXAMPLES", "300")), deadline=None)
@given(st.lists(BLOCKS, max_size=8), st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=8, max_size=8))
def test_any_mix_of_blocks_comes_out_as_python_markdown_makes_it(blocks: list[str], gaps: list[str]) -> None:
    text = "".join(block + gap for block, gap in zip(blocks, gaps))
    assert convert(text, fast=True)[0] == convert(text, fast=False)[0]


def test_the_bundled_site_is_built_the_same_with_and_without(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = load(ROOT / "content")
    report = validate(content)
    tree = render(derive(content), ROOT / "templates", tmp_path / "docs", report.problems)
    build_site(ROOT / "mkdocs.yml", tree.docs_dir, tmp_path / "fast", "站点")
    monkeypatch.setattr(rawhtml.RawHtmlExtension, "extendMarkdown", lambda self, md: None)
    build_site(ROOT / "mkdocs.yml", tree.docs_dir, tmp_path / "slow", "站点")
    pages = sorted(p.relative_to(tmp_path / "slow") for p in (tmp_path / "slow").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert (tmp_path / "fast" / page).read_bytes() == (tmp_path / "slow" / page).read_bytes(), page


def test_anchors_inside_blocks_set_aside_still_count_for_link_checks(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# 首页\n\n[表格](table.md#budget) [不存在](table.md#missing)\n", encoding="utf-8")
    (docs / "table.md").write_text('# 表格\n\n<div class="pg-table" id="budget">\n<p>表</p>\n</div>\n', encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\nvalidation:\n  anchors: warn\n", encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build_site(config, docs, tmp_path / "site", "t")
    anchors = [r.getMessage() for r in caplog.records if "anchor" in r.getMessage()]
    assert any("#missing" in m for m in anchors), anchors
    assert not any("#budget" in m for m in anchors), anchors
    shutil.rmtree(tmp_path / "site")


def test_an_end_tag_closes_what_python_markdown_closes() -> None:
    # </section> also closes the <div> opened inside it, so the first </div> ends the block
    # and the heading after it is a heading.
    text = "<div>未闭合\n<section><div></section>\n</div>\n## 标题\n</div>\n"
    fast, _ = convert(text, fast=True)
    assert fast == convert(text, fast=False)[0]
    assert '<h2 id="_1">标题</h2>' in fast


def test_a_link_that_is_not_a_web_address_is_shown_as_its_text() -> None:
    """Only web, mail and telephone addresses and places on the page are links; the rest keeps its text and loses its address."""
    from pubgen.markdown import to_html

    text = (
        "[a](//evil.example/phish) [b](ms-msdt:/id) <intent://evil#Intent;end> [c](ftp://x/) "
        "[d](../../etc/passwd) [e](/admin) [ok](https://x.example/) [m](mailto:a@b.cn) [h](#sec) [r][1]\n\n[1]: ftp://ref/"
    )
    html = str(to_html(text))
    assert re.findall(r'href="([^"]*)"', html) == ["https://x.example/", "mailto:a@b.cn", "#sec"]
    for shown in ("a", "b", "intent://evil#Intent;end", "c", "d", "e", "r"):
        assert shown in html


def test_a_link_the_page_drops_is_always_warned_about() -> None:
    """check and the page judge the same address: %68ttps:// is not kept as a link, so it is warned about, as written."""
    from pubgen.markdown import link_addresses, to_html

    assert link_addresses("[a](%68ttps://evil.example) [c](https://ok.example/%E4%B8%AD)") == [
        ("%68ttps://evil.example", 0, False),
        ("https://ok.example/中", 0, True),
    ]
    assert re.findall(r'href="([^"]*)"', str(to_html("[a](%68ttps://evil.example) [c](https://ok.example/%E4%B8%AD)"))) == [
        "https://ok.example/%E4%B8%AD"
    ]


def test_a_script_file_or_data_address_shows_its_text_and_is_warned_about() -> None:
    """markdown-it keeps such a link as its Markdown source: the page showed “[链二](javascript:void)” and check said nothing."""
    from pubgen.markdown import link_addresses, to_html

    text = "乙[链二](javascript:void) 丙[链三](data:text/html,x) 丁[链四](file:///etc/passwd) 戊[链五](vbscript:x) ![图](javascript:alert(1))"
    html = str(to_html(text))
    assert "href" not in html and "](" not in html and "javascript" not in html
    for shown in ("链二", "链三", "链四", "链五", "［图片：图］"):
        assert shown in html
    warned = [address for address, _, kept in link_addresses(text) if not kept]
    assert warned == ["javascript:void", "data:text/html,x", "file:///etc/passwd", "vbscript:x"]


def test_every_html_block_of_a_bundled_document_page_is_set_aside(tmp_path: Path) -> None:
    """Nothing of a generated document page is left to Python-Markdown's HTML parser: one block it cannot set aside (the
    目录's place once marked by a comment) left the rest of every page to it, a third more time for the whole build."""
    content = load(ROOT / "content")
    tree = render(derive(content), ROOT / "templates", tmp_path / "docs", validate(content).problems)
    pages = [p for p in tree.docs_dir.rglob("*.md") if re.search(r"/(?:19|20)\d\d/", p.as_posix())]
    assert len(pages) >= 7
    for page in pages:
        md = markdown.Markdown(extensions=[*EXTENSIONS, "pubgen.rawhtml"])
        lines = page.read_text(encoding="utf-8").split("\n")
        left = [line for line in md.preprocessors["pubgen_raw_html"].run(lines) if line.startswith("<")]
        assert left == [], (page, left[:3])
