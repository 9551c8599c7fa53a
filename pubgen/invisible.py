"""Characters nobody sees, found in every text field an editor writes (``invisible-character``).

Three kinds, each reported with the field, the character's code point, name and
position in the text, and the line where it is written:

- Bidi controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069
  isolates, and the direction marks U+200E, U+200F and U+061C) change the order
  in which the text around them is displayed: a name or a figure reads
  differently from what is stored, searched and published (“231.56、&rlm;97.92”
  shows the two figures swapped). An error.
- Zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF inside text,
  the soft hyphen U+00AD, U+180E, U+FFF9–U+FFFB and the tag characters
  U+E0000–U+E007F) show nothing, but make search, copying and comparison fail.
  A warning: they are usually pasted by accident and harm nothing a reader sees —
  except inside a figure (“3\u00ad39.48”), an error: the figure is not read, so
  the text is not checked against its tables.
- Noncharacters (U+FFFE, U+FFFF and the other 64) are not text; no web page or
  feed may carry them, so the published text would differ from the source. An error.

One visible character is found the same way, under its own code (``garbled-text``):
the replacement character U+FFFD “�”, which no printed disclosure holds. It is what is
left of text read in the wrong encoding (a line pasted from a GBK file and saved as
UTF-8) or of a PDF character without a font mapping; the text it stands in was lost,
and a page carrying it is not the original. An error.

A YAML file may write any of them as an escape (``"\\u202E"``), so fields are
checked after reading, as values, not in the file's text. Markdown may write them as an
HTML character reference (``&#x202E;``, ``&rlm;``), which the page decodes: those are
reported too, where the reference is written.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from pydantic import BaseModel

from .load import source_name
from .problems import Problem, Severity
from .source import Source, read

if TYPE_CHECKING:
    from .load import Content
    from .checks.base import DocumentCheck

_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_ZERO_WIDTH = "\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u180e\ufff9-\ufffb\U000e0000-\U000e007f"
"""Zero-width spaces and joiners, the word joiner and the invisible operators (U+2061–U+2064, which MathML and Word's
equations leave behind), the BOM inside text, the soft hyphen U+00AD (Word's 可选连字符, shown only where a line breaks),
the Mongolian vowel separator, the interlinear annotation marks and the tag characters: all format characters (Unicode Cf)."""
_IN_FIGURE = re.compile(f"(?<=[0-9０-９])[{_ZERO_WIDTH}]+(?=[0-9０-９.．,，])|(?<=[0-9０-９][.．,，])[{_ZERO_WIDTH}]+(?=[0-9０-９])")
"""One inside a figure (“3\u00ad39.48”): the figure is not read as one, so it is compared with nothing."""
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17))
_GARBLED = "\ufffd"
_FOUND = re.compile(f"[{_BIDI}{_ZERO_WIDTH}{_NONCHARACTERS}{_GARBLED}]")
FORMAT_FOUND = re.compile(f"[{_BIDI}{_ZERO_WIDTH}]")
"""The format characters (Unicode Cf) among those reported: zero-width characters and direction controls."""
_REFERENCE = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,9}|[A-Za-z][A-Za-z0-9]{1,31});")
"""An HTML character reference, as Markdown decodes it."""

Path_ = tuple[str | int, ...]


@dataclass(slots=True, frozen=True)
class _Kind:
    """One kind of invisible character and what an editor needs to know about it."""

    pattern: re.Pattern[str]
    name: str
    """What the character is, as the message says it: “看不见的文字方向控制符”."""
    why: str
    severity: Severity
    garbled: bool = False
    """Reported as ``garbled-text``: the visible mark of text lost to a wrong encoding, not an invisible character."""


_KINDS = (
    _Kind(
        re.compile(f"[{_BIDI}]"),
        "看不见的文字方向控制符",
        "它会改变前后文字显示的顺序，读者看到的与实际写的不一致（名称、数字可能倒过来显示）。"
        "请删除它（常见于从网页、PDF 或聊天软件复制的文字）。",
        Severity.ERROR,
    ),
    _Kind(
        re.compile(f"[{_NONCHARACTERS}]"),
        "看不见的非字符",
        "它不是文字，网页和订阅源都不能包含它，发布时会被删去，公开的文字就与原文不同了。请删除它。",
        Severity.ERROR,
    ),
    _Kind(
        re.compile(f"[{_ZERO_WIDTH}]"),
        "看不见的零宽字符",
        "页面上看不出来，但会使搜索、复制和比对出错。请删除它（常见于从网页或聊天软件复制的文字）。",
        Severity.WARNING,
    ),
    _Kind(
        re.compile(_GARBLED),
        "乱码替换符“\ufffd”",
        "印出来的原文里不会有这个符号，它是乱码留下的，原来的文字已经丢了（从别的文件粘贴来、编码不同的文字另存为 UTF-8 后，"
        "或 PDF 中缺少字体映射的字，都会变成它）。请对照原文把这里的文字重新输入。",
        Severity.ERROR,
        garbled=True,
    ),
)


def invisible_in_document(dc: DocumentCheck) -> Iterator[Problem]:
    """Every text field of one document: title, headings, labels, names, text."""
    yield from _in_record(dc.src, dc.doc, ())


def invisible_in_settings(content: Content) -> Iterator[Problem]:
    """Every text field of the site settings, regions, glossary and departments."""
    site_file = content.root / "site.yml"
    if content.site is not None and _any_found(content.site):
        yield from _in_record(read(site_file, source_name(site_file, content.root.parent)), content.site, ())
    yield from _in_regions(content)
    if content.glossary_source is not None and _may_hold(content.glossary_source):
        for i, term in enumerate(content.glossary):
            yield from _in_record(content.glossary_source, term, ("terms", i))
    for loaded in content.departments.values():
        yield from _in_record(loaded.source, loaded.record, ())


def _in_regions(content: Content) -> Iterator[Problem]:
    sources = {id(entry.source): entry.source for entry in content.regions.values()}
    for source in sources.values():
        if not _may_hold(source):
            continue
        # Where each region is in the file: the loaded entries keep their path in the tree, not in the file.
        at: dict[str, Path_] = {}
        _region_places(read(source.path, source.name).data, "", ("regions",), at)
        for path, entry in content.regions.items():
            if entry.source is source and path in at:
                yield from _in_record(source, entry.region, at[path], skip=("children",))


def _region_places(tree: Any, prefix: str, at: Path_, out: dict[str, Path_]) -> None:
    items = tree.get("regions") if isinstance(tree, dict) and not prefix else tree
    if not isinstance(items, list):
        return
    for i, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("slug"), str):
            path = f"{prefix}/{item['slug']}" if prefix else item["slug"]
            out.setdefault(path, (*at, i))
            _region_places(item.get("children"), path, (*at, i, "children"), out)


_SPACING = ("\r", "\t", "\u3000", "\xa0")
"""Characters besides line feeds that Python does not call printable and real documents are full of."""


def _may_hold(src: Source) -> bool:
    """Whether the file could hold such a character at all; most files cannot, at the cost of a few fast scans.

    Every character this rule looks for is unprintable in Python's sense, and
    ``str.isprintable`` runs several times faster than a regular expression: on
    the 10,000-document benchmark corpus this test costs about 0.4 CPU-seconds,
    the expression alone 3.7.
    """
    if "\\" in src.text and ("\\u" in src.text or "\\U" in src.text):
        return True  # a YAML escape can write any character
    if _GARBLED in src.text:
        return True  # visible, so printable: found by itself
    if "&" in src.text and any(_FOUND.search(html.unescape(m.group(0))) for m in _REFERENCE.finditer(src.text)):
        return True  # so can a character reference in Markdown
    text = src.text.replace("\n", "")
    if text.isprintable():
        return False
    for char in _SPACING:
        text = text.replace(char, "")
    return not text.isprintable() and _FOUND.search(text) is not None


def _any_found(record: BaseModel) -> bool:
    return any(_FOUND.search(text) or ("&" in text and _referenced(text)) for _, _, text in _texts(record, (), ""))


def _referenced(text: str) -> list[tuple[re.Match[str], str]]:
    """The character references in ``text`` that a page decodes to a character this rule looks for, with that character."""
    out = []
    for match in _REFERENCE.finditer(text):
        char = html.unescape(match.group(0))
        if len(char) == 1 and _FOUND.match(char):
            out.append((match, char))
    return out


def _texts(node: Any, path: Path_, label: str, skip: tuple[str, ...] = ()) -> Iterator[tuple[Path_, str, str]]:
    """Every string in a record with its path (as written in the file) and the printed label of its field."""
    if isinstance(node, str):
        yield path, label, node
    elif isinstance(node, BaseModel):
        for name, info in type(node).model_fields.items():
            if name not in skip:
                yield from _texts(getattr(node, name), (*path, name), info.title or name)
    elif isinstance(node, (list, tuple)):
        for i, item in enumerate(node):
            yield from _texts(item, (*path, i), label)
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _texts(item, (*path, str(key)), label)


def _in_record(src: Source, record: BaseModel, base: Path_, skip: tuple[str, ...] = ()) -> Iterator[Problem]:
    if not _may_hold(src):
        return
    for path, label, text in _texts(record, base, "", skip):
        if "&" in text:
            yield from _in_references(src, path, label, text)
        if not _FOUND.search(text):
            continue
        for kind in _KINDS:
            found = list(kind.pattern.finditer(text))
            if not found:
                continue
            inside = _IN_FIGURE.search(text) if kind.severity is Severity.WARNING and not kind.garbled else None
            char, index = (inside.group(0)[0], inside.start()) if inside is not None else (found[0].group(0), found[0].start())
            name = unicodedata.name(char, "")
            more = f"（这一栏共有 {len(found)} 个）" if len(found) > 1 else ""
            line, column = _place(src, path, text, index)
            why = kind.why
            if inside is not None:
                figure = _figure_around(text, inside.start(), inside.end())
                # An error: the check reads no figure there, so a wrong one in the text would be published unchecked.
                why = (
                    f"它夹在数字“{figure}”中间，程序读不出这个数字，正文与表格是否一致就没有核对；读者复制、搜索也找不到它。"
                    "请删除它（常见于从 Word、PDF 或网页复制的文字）。"
                )
            yield Problem(
                "garbled-text" if kind.garbled else "invisible-character",
                f"“{label}”的第 {index + 1} 个字符是{kind.name}（U+{ord(char):04X}{' ' + name if name else ''}）{more}：{why}",
                src.name,
                line,
                column,
                severity=Severity.ERROR if inside is not None else kind.severity,
                field=".".join(map(str, path)),
            )


def _figure_around(text: str, start: int, end: int) -> str:
    """The figure an invisible character sits in, shown without it: “339.48”."""
    digits = "0123456789０１２３４５６７８９.．,，"
    a = start
    while a > 0 and text[a - 1] in digits:
        a -= 1
    b = end
    while b < len(text) and text[b] in digits:
        b += 1
    return (text[a:start] + text[end:b]).rstrip(".．,，")


def _in_references(src: Source, path: Path_, label: str, text: str) -> Iterator[Problem]:
    """Characters written as HTML character references (``&#x202E;``): the page shows the character itself."""
    found = _referenced(text)
    for kind in _KINDS:
        mine = [(match, char) for match, char in found if kind.pattern.match(char)]
        if not mine:
            continue
        match, char = mine[0]
        name = unicodedata.name(char, "")
        more = f"（这一栏共有 {len(mine)} 个）" if len(mine) > 1 else ""
        line, column = _written_at(src, path, re.compile(re.escape(match.group(0))), 0)
        yield Problem(
            "garbled-text" if kind.garbled else "invisible-character",
            f"“{label}”中写的字符代码“{match.group(0)}”在页面上是{kind.name}（U+{ord(char):04X}"
            f"{' ' + name if name else ''}）{more}：{kind.why}",
            src.name,
            line,
            column,
            severity=kind.severity,
            field=".".join(map(str, path)),
        )


def _place(src: Source, path: Path_, text: str, index: int) -> tuple[int, int]:
    """The line and column where the character is written: as it is, or as a YAML escape."""
    char = text[index]
    written = re.compile(f"{re.escape(char)}|\\\\u{ord(char):04x}|\\\\U{ord(char):08x}", re.IGNORECASE)
    # The value holds this character ``before`` times ahead of this one; the file writes each once.
    return _written_at(src, path, written, text[:index].count(char))


def _written_at(src: Source, path: Path_, written: re.Pattern[str], n: int) -> tuple[int, int]:
    """The line and column of the ``n``-th match of ``written`` from where the value at ``path`` starts in the file."""
    line, column = src.place(path)
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", src.text)]
    if not 0 < line <= len(starts):
        return line, column
    for k, match in enumerate(written.finditer(src.text, starts[line - 1] + column - 1)):
        if k == n:
            row = bisect.bisect_right(starts, match.start()) - 1
            return row + 1, match.start() - starts[row] + 1
    return line, column
