"""Properties of pubgen.escape: for any Unicode text, each format reads back the text and nothing else.

Each escaping function is checked against a real reader of its format: an HTML
parser and Python-Markdown with MkDocs' extensions for the page tree,
markdown-it (CommonMark) for headings and pull-request comments, PyYAML and
MkDocs' front-matter reader for YAML, the standard library's XML parser for the
feed, and a transcription of the GitHub Actions runner's parser for workflow
commands. Text is drawn from all of Unicode (controls, U+3000, no-break
spaces, bidi controls, U+FFFE/U+FFFF; not lone surrogates, which Python text
from files cannot hold) mixed with the fragments that broke pubgen before.
"""

from __future__ import annotations

import html
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import markdown
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mkdocs.utils.meta import get_data

from pubgen.escape import (
    gfm_html_text,
    gfm_text,
    html_id,
    html_text,
    log_text,
    md_heading,
    one_line_html,
    workflow_command,
    xml_text,
    yaml_string,
)

EXAMPLES = int(os.environ.get("PUBGEN_FUZZ_EXAMPLES", "300"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None)

FRAGMENTS = [
    "\n", "\r", "\r\n", "\n\n", "\t", "\x00", "\x0b", "\x0c", "\x1b[31m", "\x85", "\u2028", "\u2029",
    "\u3000", "\xa0", "\u200b", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2066", "\ufffe", "\uffff", "\U0010fffe",
    "~", "~~", "`", "```", "~~~", "*", "_", "__config", "#", "# ", "## ", "[", "]", "(", ")", "!", "|", "\\", "<", ">", "&", '"', "'",
    "&amp;", "&#10;", "<br>", "<script>alert(1)</script>", "<!-- x -->", "{{ 7*7 }}", "{% raw %}", "!!! note", "{: .c onclick=x}",
    '--8<-- "file"', "[TOC]", "[^1]", "[^1]: x", "![x](https://e.invalid/x.png)", "[a](javascript:x)", "$x$", ":smile:",
    "@alice", "@org/team", "#12", "::error::", "::add-mask::x", "##[error]", "%", "%0A", "%25", ":", ",", "=", "1.", "1)", "-", "+",
    "    ", "pg-", "PG-x", "id-", "Ǆ", "𠀀", "平乡县", "一、",
]
texts = st.lists(st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(FRAGMENTS)), max_size=24).map("".join)
"""Any text Python reads from a file (no lone surrogates), rich in what broke pubgen before."""

LINE_BREAK = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def forbidden_in_html(char: str) -> bool:
    """A control other than ASCII whitespace, or a noncharacter (the HTML standard's parse errors)."""
    point = ord(char)
    return (point < 0x20 and char not in "\t\n\x0c\r") or 0x7F <= point <= 0x9F or 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE


def html_strip(text: str) -> str:
    """What an HTML page may carry of ``text``."""
    return "".join(c for c in text if not forbidden_in_html(c))


def one_line(text: str) -> bool:
    return "\n" not in text and "\r" not in text and len(text.splitlines()) <= 1


class Reader(HTMLParser):
    """Text, attributes and tags of an HTML fragment as a browser's parser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read_html(fragment: str) -> Reader:
    reader = Reader()
    reader.feed(fragment)
    reader.close()
    return reader


# --------------------------------------------------------------------------- the page tree


MKDOCS_MARKDOWN = ["toc", "tables", "fenced_code", "pubgen.rawhtml"]
"""What MkDocs always loads, plus what pubgen adds: what reads the generated pages."""


@SETTINGS
@given(texts)
@example("名称\n```\n</th><td>x\n```\n")
def test_html_text_is_one_line_and_reads_back(text: str) -> None:
    out = html_text(text)
    assert one_line(out)
    expected = html_strip(text.replace("\r\n", "\n").replace("\r", "\n"))
    reader = read_html(f'<p title="{out}">{out}</p>')
    assert reader.tags == ["p"] and reader.attrs == [("title", expected)]
    assert "".join(reader.text) == expected
    # Through Python-Markdown as MkDocs runs it, inside one of pubgen's HTML blocks.
    page = markdown.markdown(f'<div class="pg-text">\n<p title="{out}">{out}</p>\n</div>\n', extensions=MKDOCS_MARKDOWN)
    built = read_html(page)
    assert built.tags == ["div", "p"], page
    assert "".join(built.text).strip("\n") == expected.strip("\n")


@SETTINGS
@given(texts)
def test_markdown_it_output_made_one_line_keeps_its_tree(text: str) -> None:
    md = MarkdownIt("commonmark", {"html": False})
    rendered = md.render(html_strip(text))
    out = one_line_html(rendered)
    assert one_line(out)
    before, after = read_html(rendered), read_html(out)
    assert (before.tags, before.attrs, "".join(before.text)) == (after.tags, after.attrs, "".join(after.text))


def heading_text(text: str) -> str:
    return html_strip(LINE_BREAK.sub(" ", text))


@SETTINGS
@given(texts)
@example(" __config~ a\u3000b\xa0c ")
@example("平乡~县")
def test_md_heading_is_exactly_one_heading_in_commonmark(text: str) -> None:
    out = md_heading(text)
    assert one_line(out)
    tokens = MarkdownIt("commonmark", {"html": True}).parse(f"# {out}\n")
    assert [t.type for t in tokens] == ["heading_open", "inline", "heading_close"]
    children = tokens[1].children or []
    assert {c.type for c in children} <= {"text"}
    assert "".join(c.content for c in children) == heading_text(text)


@SETTINGS
@given(texts)
@example("**粗体** ~~删除~~ {: .c onclick=x} [TOC] !!! note")
def test_md_heading_is_exactly_one_heading_in_python_markdown(text: str) -> None:
    out = md_heading(text)
    page = markdown.markdown(f"# {out}\n", extensions=[*MKDOCS_MARKDOWN, "attr_list", "admonition", "footnotes", "md_in_html"])
    found = re.fullmatch(r"<h1(?: id=\"[^\"<>]*\")?>(.*)</h1>", page, re.S)
    assert found, page
    assert "<" not in found.group(1)
    assert html.unescape(found.group(1)) == heading_text(text)


@SETTINGS
@given(texts)
def test_yaml_string_reads_back_exactly(text: str) -> None:
    out = yaml_string(text)
    assert one_line(out)
    assert yaml.safe_load(f"title: {out}\n") == {"title": text}
    body, meta = get_data(f"---\ntitle: {out}\ndescription: {out}\n---\n\n# x\n")
    assert meta == {"title": text, "description": text} and body.strip() == "# x"


XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@SETTINGS
@given(texts)
@example("标题\ufffe\uffff")
def test_xml_text_parses_and_reads_back(text: str) -> None:
    out = xml_text(text)
    root = ET.fromstring(f'<entry><title kind="{out}">{out}</title></entry>')
    title = root.find("title")
    assert title is not None
    expected = XML_FORBIDDEN.sub("", text)
    assert (title.text or "") == expected
    assert title.get("kind") == expected


@SETTINGS
@given(texts)
@example("__config")
@example("pg-tip-1")
@example("")
def test_html_id_is_valid_and_never_the_themes_or_pubgens(text: str) -> None:
    out = html_id(text)
    assert out and not re.search(r"[\t\n\x0c\r ]", out)
    assert html_strip(out) == out
    assert not out.lower().startswith(("__", "pg-"))


@SETTINGS
@given(texts, texts)
def test_html_id_keeps_different_texts_apart(a: str, b: str) -> None:
    a, b = (html_strip(re.sub(r"[\t\n\x0c\r ]", "", t)) for t in (a, b))
    if a != b:
        assert html_id(a) != html_id(b)


# --------------------------------------------------------------------------- pull-request comments


def gfm() -> MarkdownIt:
    """CommonMark with GitHub's tables and strikethrough, raw HTML allowed as GitHub allows it."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def unjoined(text: str) -> str:
    return text.replace("\u200d", "")


def no_mentions(text: str) -> bool:
    """No mention, issue or merge-request reference, bare link or emoji code GitHub or GitLab would make of the text."""
    return not re.search(r"@[A-Za-z0-9]|#[0-9]|GH-\d|://|www\.|:[A-Za-z0-9_+-]+:|[!%&$~][A-Za-z0-9]", text, re.IGNORECASE)


def backslashed(out: str, char: str) -> bool:
    """Every ``char`` in ``out`` follows an odd number of backslashes (is escaped)."""
    for found in re.finditer(re.escape(char), out):
        run = len(out[: found.start()]) - len(out[: found.start()].rstrip("\\"))
        if run % 2 == 0:
            return False
    return True


@SETTINGS
@given(texts)
@example("标题\n\n![x](https://e.invalid/x.png)\n# 注入 @alice")
@example("1. 一\n- 二")
@example("GH-12 https://e.invalid www.e.invalid :tada: !12 %1 &3 $4 ~bug")
def test_gfm_text_in_a_list_item_is_text_only(text: str) -> None:
    out = gfm_text(text, line_start=True)
    assert one_line(out)
    tokens = gfm().parse(f"- {out}\n")
    kinds = [t.type for t in tokens]
    expected = " ".join(html_strip(line) for line in LINE_BREAK.split(text))
    if not expected.strip(" \t"):
        assert kinds in (["bullet_list_open", "list_item_open", "list_item_close", "bullet_list_close"],
                         ["bullet_list_open", "list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close", "bullet_list_close"])
    else:
        assert kinds == ["bullet_list_open", "list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close", "bullet_list_close"]
    inline = [t for t in tokens if t.type == "inline"]
    children = (inline[0].children or []) if inline else []
    assert {c.type for c in children} <= {"text"}
    shown = "".join(c.content for c in children)
    assert unjoined(shown) == unjoined(expected)
    assert no_mentions(shown)
    assert backslashed(out, "$"), "GitHub renders $…$ as math"


@SETTINGS
@given(texts)
@example("a|b<c>\nd @bob")
def test_gfm_text_in_a_table_cell_stays_in_its_cell(text: str) -> None:
    out = gfm_text(text, cell=True)
    assert one_line(out)
    tokens = gfm().parse(f"| 栏目 | 说明 |\n|---|---|\n| {out} | 尾 |\n")
    cells = [i for i, t in enumerate(tokens) if t.type == "td_open"]
    assert len(cells) == 2, [t.type for t in tokens]
    children = tokens[cells[0] + 1].children or []
    assert all(c.type == "text" or (c.type == "html_inline" and c.content == "<br>") for c in children)
    shown = "".join("\n" if c.type == "html_inline" else c.content for c in children)
    expected = "\n".join(html_strip(line) for line in LINE_BREAK.split(text))
    assert unjoined(shown) == unjoined(expected)
    assert no_mentions(shown)
    assert tokens[cells[1] + 1].content == "尾"


@SETTINGS
@given(texts)
@example("正文\n\n![x](https://e.invalid/x.png) [点我](https://e.invalid/)\n\n# 标题 @alice")
def test_gfm_html_text_cannot_leave_the_summary(text: str) -> None:
    out = gfm_html_text(text)
    assert one_line(out)
    tokens = gfm().parse(f"<details><summary>{out}：1 处</summary>\n\n正文\n\n</details>\n")
    assert [t.type for t in tokens] == ["html_block", "paragraph_open", "inline", "paragraph_close", "html_block"]
    summary = read_html(tokens[0].content)
    assert summary.tags == ["details", "summary"]
    shown = "".join(summary.text).strip("\n")
    assert unjoined(shown) == unjoined(html_strip(LINE_BREAK.sub(" ", text)) + "：1 处")
    assert no_mentions(shown)


# --------------------------------------------------------------------------- GitHub Actions


def runner_parse(line: str) -> tuple[str, dict[str, str], str] | None:
    """The GitHub Actions runner's ``ActionCommand.TryParseV2``, transcribed (actions/runner, src/Runner.Common/ActionCommand.cs)."""
    message = line.lstrip()
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    info = message[2:end]
    space = info.find(" ")
    command = info if space < 0 else info[:space]
    properties: dict[str, str] = {}
    if space > 0:
        for prop in (p for p in info[space + 1 :].strip().split(",") if p):
            key, sep, value = prop.partition("=")
            if key and sep and value:
                for token, replacement in (("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25")):
                    value = value.replace(replacement, token)
                properties[key] = value
    data = message[end + 2 :]
    for token, replacement in (("\r", "%0D"), ("\n", "%0A"), ("%", "%25")):
        data = data.replace(replacement, token)
    return command, properties, data


@SETTINGS
@given(
    file=texts.filter(bool),
    line=st.integers(min_value=0, max_value=10**6),
    column=st.integers(min_value=0, max_value=10**4),
    code=st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True),
    message=texts,
)
@example(file="README.md\n::error file=README.md,line=1::注入", line=1, column=1, code="sum-mismatch", message="x")
@example(file="a,b:c.yml", line=2, column=0, code="x", message="50%0A ::warning::y\r\n")
def test_workflow_command_is_one_line_that_parses_back(file: str, line: int, column: int, code: str, message: str) -> None:
    properties = {"file": file, "line": str(line) if line else "", "col": str(column) if column else "", "title": code}
    out = workflow_command("error", properties, message)
    assert out.count("\n") == 0 and "\r" not in out
    assert runner_parse(out) == ("error", {k: v for k, v in properties.items() if v}, message)


@SETTINGS
@given(texts)
@example("::error::x\n##[warning]y\x1b[2J\u202e")
def test_log_text_is_one_line_no_command_no_control(text: str) -> None:
    out = log_text(text)
    assert one_line(out)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    for prefix in ("", "  ", "文档 · "):
        assert runner_parse(prefix + out) is None
        assert "##[" not in prefix + out
