"""What the importer writes reads back exactly: YAML scalars, literal text, and printed text in Markdown fields."""

from __future__ import annotations

import html
import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pubgen.importers.mapping import markdown_text
from pubgen.importers.yamlout import Block, Flow, Raw, dump, expected, text_node
from pubgen.markdown import to_html, to_inline_html
from pubgen.source import read

# Printed documents: Chinese, digits, ASCII and full-width punctuation, YAML and Markdown syntax.
ALPHABET = st.sampled_from(
    list("财政局预算决算一二三（）“”：；，。、%——-—/0123456789.,:#&*[]{}|>!'\"`@?~_<\\ =+")
    + ["yes", "no", "null", "true", "2010601", "1.", "  ", "\t", "：", "# ", ": "]
)
TEXTS = st.lists(ALPHABET, max_size=12).map("".join)


def read_back(tmp_path: Path, text: str) -> object:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    src = read(path, "x.yml")
    assert src.problems == [], src.problems
    return src.data


@settings(max_examples=300, deadline=None)
@given(label=TEXTS, item=TEXTS, paragraph=TEXTS)
def test_every_scalar_reads_back_as_written(tmp_path_factory: object, label: str, item: str, paragraph: str) -> None:
    tmp_path = tmp_path_factory.mktemp("yaml")  # type: ignore[attr-defined]
    root = Block()
    root.add("label", label)
    rows = Block(is_list=True)
    rows.add(None, Flow({"code": "2010601", "label": label, "values": Flow([Raw("1486.42"), Raw("~"), "——", item])}))
    rows.add(None, item, after="导入：一条注释")
    root.add("rows", rows, before=["注释"])
    root.add("text", text_node(f"{paragraph}x\n\n{item}y", block=True))
    assert read_back(tmp_path, dump(root, ["文件开头的注释"])) == expected(root)


def test_figures_blanks_and_dashes_as_the_content_format_writes_them(tmp_path: Path) -> None:
    root = Block()
    root.add("values", Flow([Raw("1486.42"), Raw("0.00"), Raw("~"), "——", "-"]))
    text = dump(root)
    assert text == 'values: [1486.42, 0.00, ~, "——", "-"]\n'
    assert read_back(tmp_path, text) == {"values": ["1486.42", "0.00", None, "——", "-"]}


def _shown(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


@settings(max_examples=300, deadline=None)
@given(text=TEXTS.filter(lambda t: t.strip() == t and t != ""))
@example(text="~~~")  # a line of tildes opens a code block: the text vanished from the page
@example(text="~~~ 附表")
def test_printed_text_shows_as_printed_in_markdown(text: str) -> None:
    assert _shown(to_inline_html(markdown_text(text, line_start=False))) == text
    paragraph = _shown(to_html(markdown_text(text))).strip()
    assert paragraph == text.strip() or paragraph == re.sub(r"\s+", " ", text).strip()
