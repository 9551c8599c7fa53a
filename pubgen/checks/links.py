"""Links in editors' Markdown: only to web pages, e-mail addresses, telephone numbers or a place on the same page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from .. import model as m
from ..markdown import link_addresses
from ..problems import Problem, Severity
from ..source import Source
from .format import FIELDS
from .registry import WARNING, rule

if TYPE_CHECKING:
    from ..load import Content
    from .base import DocumentCheck

rule(
    FIELDS,
    "link-address",
    WARNING,
    """
Markdown 文字里的链接地址不是网址：页面上只显示链接的文字，不作链接。
链接只能指向以 `https://` 或 `http://` 开头的完整网址、`mailto:` 邮件地址、`tel:` 电话号码或本页的 `#位置`；
相对地址（`../2020/`、`/admin`）去向取决于网站放在哪里，`//某网站` 会去往别的网站，其他写法（`ftp:`、`ms-msdt:`、`intent:`）
会让读者的电脑打开别的程序。例：`第 83 行第 5 列 警告 [link-address] “正文”中的链接地址“//evil.example/phish”不是网址……`
修改：写原文所链接网页的完整网址（以 `https://` 开头），或删去链接只留文字。
""",
)

Path_ = tuple[Any, ...]


def markdown_fields(doc: m.Document) -> Iterator[tuple[Path_, str, str]]:
    """Every field of a document that is rendered as Markdown: its path in the file, its printed label and its text."""
    for i, block in enumerate(doc.body):
        at: Path_ = ("body", i)
        if isinstance(block, m.Text):
            yield (*at, "text"), "正文", block.text
        elif isinstance(block, m.ListBlock):
            for j, item in enumerate(block.items):
                yield (*at, "items", j), "列表条目", item
        elif isinstance(block, m.Goals):
            for j, goal in enumerate(block.items):
                for name, label in (("goal", "绩效目标"), ("indicators", "绩效指标"), ("result", "完成情况")):
                    written = getattr(goal, name)
                    if written:
                        yield (*at, "items", j, name), label, written
        elif isinstance(block, m.Indicators):
            for name, label in (("goal", "绩效目标"), ("result", "完成情况")):
                written = getattr(block, name)
                if written:
                    yield (*at, name), label, written
        elif isinstance(block, m.GlossaryBlock):
            for j, entry in enumerate(block.items):
                yield (*at, "items", j, "definition"), "名词解释", entry.definition


def _problems(src: Source, fields: Iterator[tuple[Path_, str, str]]) -> Iterator[Problem]:
    lines = src.text.split("\n") if src.text else []
    for path, label, text in fields:
        for address, offset, kept in link_addresses(text):
            if kept:
                continue
            line, column = src.place(path)
            if 0 < line <= len(lines):
                # A paragraph of a ``|`` block starts ``offset`` lines below the key's line; on one line, it is that line.
                block = lines[line - 1].rstrip().endswith(("|", "|-", "|+"))
                at = line + 1 + offset if block else line
                search = [at] if block else []
                search += [n for n in range(at, min(at + 40, len(lines) + 1)) if n not in search]
                for n in search:
                    written = lines[n - 1]
                    for form in ("](" + address, "<" + address, "]: " + address, address):
                        col = written.find(form)
                        if col >= 0:
                            line, column = n, col + 1 + (len(form) - len(address))
                            break
                    else:
                        continue
                    break
                else:
                    if block and at <= len(lines):
                        line, column = at, len(lines[at - 1]) - len(lines[at - 1].lstrip()) + 1
            yield Problem(
                "link-address",
                f"“{label}”中的链接地址“{address}”不是网址：页面上只显示链接的文字，不作链接。"
                "链接只能指向以 https:// 或 http:// 开头的完整网址、mailto: 邮件地址、tel: 电话号码或本页的 #位置。",
                src.name,
                line,
                column,
                severity=Severity.WARNING,
                field=".".join(map(str, path)),
            )


def check_links(dc: DocumentCheck) -> Iterator[Problem]:
    """Every link an editor wrote in a document's Markdown."""
    if "](" not in dc.src.text and "]:" not in dc.src.text and "<" not in dc.src.text and "] [" not in dc.src.text:
        return  # no link can be written without one of these
    yield from _problems(dc.src, markdown_fields(dc.doc))


def check_links_in_glossary(content: Content) -> Iterator[Problem]:
    """Every link in the site glossary's definitions, and in the site's description (both Markdown)."""
    src = content.glossary_source
    if src is not None:
        yield from _problems(src, ((("terms", i, "definition"), "名词解释", t.definition) for i, t in enumerate(content.glossary)))
    site_file = content.root / "site.yml"
    if content.site is not None and content.site.description and link_addresses(content.site.description):
        from ..load import source_name
        from ..source import read

        yield from _problems(read(site_file, source_name(site_file, content.root.parent)), iter([(("description",), "站点简介", content.site.description)]))
