"""Write content files as an editor would: block mappings, one-line rows, literal text, comments.

PyYAML's emitter cannot write comments and lays out short rows over many lines, so
the importer builds a small tree of nodes and writes it here. Every scalar is
written plain when YAML reads it back as the same text, else double-quoted;
:func:`expected` gives the values pubgen's reader must get back from the text,
so that the writer can prove each file it writes reads back exactly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Union


@dataclass(slots=True, frozen=True)
class Raw:
    """A scalar written exactly as given: a figure (``1486.42``), ``~`` or a fixed word."""

    text: str


@dataclass(slots=True)
class Flow:
    """A mapping or list written on one line: ``{id: total, label: 合计}``, ``[1, ~, "——"]``."""

    value: dict[str, Any] | list[Any]


@dataclass(slots=True)
class Literal:
    """Multi-line text written as a literal block (``|``)."""

    text: str


@dataclass(slots=True)
class Entry:
    """One key of a block mapping or one item of a block list, with its comments."""

    value: Node
    key: str | None = None
    before: list[str] = field(default_factory=list)
    """Comment lines written above it."""
    after: str = ""
    """A comment written at the end of its (first) line."""
    blank_before: bool = False


@dataclass(slots=True)
class Block:
    """A block mapping (every entry has a key) or a block list (no entry has one)."""

    entries: list[Entry] = field(default_factory=list)
    is_list: bool = False

    def add(self, key: str | None, value: Node, before: list[str] | None = None, after: str = "", blank: bool = False) -> Entry:
        """Append an entry and return it."""
        entry = Entry(value, key, list(before or []), after, blank)
        self.entries.append(entry)
        return entry


Node = Union[Block, Flow, Literal, Raw, str, bool, int, None]

NULL = Raw("~")

_RESERVED = {"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES",
             "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N", "<<", "=", "-", "---", "..."}
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_DASHES = set("-—－–―/／━")
_NUMBERISH = re.compile(r"^[-+.]?(?:\d|\.\d|inf|nan)", re.IGNORECASE)
_UNSAFE_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _plain_ok(text: str, flow: bool) -> bool:
    """Whether ``text`` may be written as a plain scalar and read back as the same text."""
    if text in _RESERVED or text != text.strip() or _UNSAFE_CHARS.search(text):
        return False
    if set(text) <= _DASHES:
        return False  # ——, -, / are written quoted, as the content format asks
    if text[0] in _INDICATORS or _NUMBERISH.match(text) or text.startswith(("0x", "0o")):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if flow and any(ch in text for ch in ",[]{}"):
        return False
    return True


def scalar(text: str, flow: bool = False) -> str:
    """A string scalar: plain when that reads back unchanged, else double-quoted."""
    if _plain_ok(text, flow):
        return text
    # JSON's string syntax is a subset of YAML's double-quoted scalars; YAML reads NEL and the Unicode line and paragraph
    # separators as line breaks inside quotes (and folds them), so those are escaped too: the text reads back as it was.
    return json.dumps(text, ensure_ascii=False).translate(_BREAKS_ESCAPED)


def _inline(value: Node, flow: bool = True) -> str:
    if isinstance(value, Raw):
        return value.text
    if value is None:
        return "~"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return scalar(value, flow=flow)
    if isinstance(value, Flow):
        inner = value.value
        if isinstance(inner, dict):
            return "{" + ", ".join(f"{k}: {_inline(v)}" for k, v in inner.items()) + "}"
        return "[" + ", ".join(_inline(v) for v in inner) + "]"
    raise TypeError(f"cannot write {type(value).__name__} inline")


_BREAKS_ESCAPED = {0x85: "\\x85", 0x2028: "\\u2028", 0x2029: "\\u2029"}
_LINE_BREAKS = re.compile("[\r\n\x85\u2028\u2029]")
"""What ends a line for YAML: a comment goes on as one line without them."""


def _comment(text: str) -> str:
    return "# " + _LINE_BREAKS.sub(" ", text) if text else "#"


def _write(block: Block, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for position, entry in enumerate(block.entries):
        if entry.blank_before and out and position:
            out.append("")
        out.extend(pad + _comment(line) for line in entry.before)
        head = pad + "- " if block.is_list else pad + f"{entry.key}: "
        tail = f"  {_comment(entry.after)}" if entry.after else ""
        value = entry.value
        if isinstance(value, Block) and not value.entries:
            out.append(head + ("[]" if value.is_list else "{}") + tail)
        elif isinstance(value, Block) and block.is_list and not value.is_list:
            # A mapping inside a list starts on the dash's line; comments above its first key go above the dash.
            lines: list[str] = []
            _write(value, indent + 2, lines)
            while lines and (not lines[0].strip() or lines[0].lstrip().startswith("#")):
                out.append(lines.pop(0))
            out.append(head + lines[0].lstrip() + tail)
            out.extend(lines[1:])
        elif isinstance(value, Block):
            out.append(head.rstrip() + tail)
            # Lists under a key are indented one level further, as editors write them.
            _write(value, indent + 2, out)
        elif isinstance(value, Literal):
            out.append(head + "|" + tail)
            out.extend(pad + "  " + line if line else "" for line in value.text.split("\n"))
        else:
            out.append(head + _inline(value, flow=False) + tail)


def literal_ok(text: str) -> bool:
    """Whether ``text`` can be written as a literal block and read back unchanged (with one final newline)."""
    lines = text.split("\n")
    return (
        bool(text.strip())
        and not lines[0].startswith((" ", "\t"))
        and not text.endswith("\n")
        and all(line == line.rstrip() for line in lines)
        and not _UNSAFE_CHARS.search(text.replace("\n", ""))
    )


def text_node(text: str, block: bool = False) -> Node:
    """Text as a literal block (always with ``block``, else when it has several lines), else as a scalar."""
    return Literal(text) if (block or "\n" in text) and literal_ok(text) else text


def dump(root: Block, header: list[str] | None = None) -> str:
    """The file's text: comment lines, then the root mapping."""
    out = [_comment(line) for line in header or []]
    _write(root, 0, out)
    return "\n".join(out).rstrip("\n") + "\n"


def expected(node: Node) -> Any:
    """The value pubgen's reader gets back from the written text: scalars as text, ``~`` as None."""
    if isinstance(node, Block):
        if node.is_list:
            return [expected(e.value) for e in node.entries]
        return {e.key: expected(e.value) for e in node.entries}
    if isinstance(node, Flow):
        if isinstance(node.value, dict):
            return {k: expected(v) for k, v in node.value.items()}
        return [expected(v) for v in node.value]
    if isinstance(node, Literal):
        return node.text + "\n"
    if isinstance(node, Raw):
        return None if node.text == "~" else node.text
    if isinstance(node, bool) or node is None:
        return node
    return str(node)
