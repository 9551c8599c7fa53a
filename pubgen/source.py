"""Read one YAML source file into plain values, keeping every value's place.

Scalars stay the text the editor typed (so money becomes ``Decimal`` from that
text later, never a float); the tree is built from parser events so that
duplicate keys, aliases and runaway nesting are reported instead of being
silently accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = 5 * 1024 * 1024
"""A source file larger than this is refused: real documents are tens of KB."""
MAX_DEPTH = 40
"""Nesting deeper than this is refused: the content model needs about ten levels."""

Path_ = tuple[str | int, ...]

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass(slots=True)
class Source:
    """A parsed YAML file: its values and where each one was written."""

    path: Path
    """The file on disk."""
    name: str
    """The file as named in messages (relative to the repository)."""
    data: Any = None
    """Plain values: dict, list, str, bool or None; scalars keep their text."""
    value_at: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each value, by its path in the tree."""
    key_at: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """1-based (line, column) of each mapping key, by the path of its value."""
    problems: list[Problem] = field(default_factory=list)
    """What went wrong while reading."""
    text: str = ""
    """The decoded text."""

    def place(self, path: Path_) -> tuple[int, int]:
        """Return the line and column of the deepest known part of ``path``."""
        path = tuple(path)
        while path:
            if path in self.value_at:
                return self.value_at[path]
            path = path[:-1]
        return self.value_at.get((), (1, 1))

    def key_place(self, path: Path_) -> tuple[int, int]:
        return self.key_at.get(tuple(path)) or self.place(path)


def _problem(src: Source, code: str, message: str, line: int = 0, column: int = 0) -> None:
    src.problems.append(Problem(code=code, message=message, file=src.name, line=line, column=column))


def _line_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _decode(src: Source, raw: bytes) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        _problem(src, "encoding", "文件是 UTF-16 编码，请另存为 UTF-8 编码。", 1, 1)
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_of_offset(raw, exc.start)
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "（看起来是 GBK/GB18030 编码）"
        except UnicodeDecodeError:
            pass
        _problem(
            src,
            "encoding",
            f"文件不是 UTF-8 编码{hint}，请在编辑器中“另存为 UTF-8”后再提交。",
            line,
            column,
        )
        return None


_YAML_HINTS = [
    (re.compile(r"found character '\\t'"), "使用了制表符（Tab）缩进或分隔，YAML 只允许空格，请把 Tab 换成空格。"),
    (re.compile(r"mapping values are not allowed"), "冒号用法不对：同一行出现了第二个“键: 值”，或缩进不一致。含冒号的文字请加引号。"),
    (re.compile(r"could not find expected ':'"), "缺少冒号，或者上一行的缩进不一致。"),
    (re.compile(r"did not find expected key"), "缩进不一致：这一行与同级字段没有对齐。"),
    (re.compile(r"did not find expected '-' indicator"), "列表缩进不一致：这一行与上面的“- ”项没有对齐。"),
    (re.compile(r"found unexpected end of stream"), "文件意外结束：引号或括号没有闭合。"),
    (re.compile(r"found undefined alias|found unacceptable character"), "文件中有无法识别的字符。"),
    (re.compile(r"expected <block end>, but found"), "缩进不一致：这一行比上一级字段缩进得少或多。"),
    (re.compile(r"while scanning a quoted scalar"), "引号没有闭合。"),
]


def _yaml_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = exc.problem or str(exc)
    mark = exc.problem_mark
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        problem = "found character '\\t' that cannot start any token"
    for pattern, message in _YAML_HINTS:
        if pattern.search(problem) or (exc.context and pattern.search(exc.context)):
            return f"YAML 语法错误：{message}"
    return f"YAML 语法错误：{problem}"


def read(path: Path, name: str) -> Source:
    """Read ``path``; problems go into the returned ``Source`` instead of being raised."""
    src = Source(path=path, name=name)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            _problem(
                src,
                "file-too-large",
                f"文件过大（{size / 1024 / 1024:.1f} MB），一个文件不应超过 {MAX_BYTES // 1024 // 1024} MB，请检查是否误放了其他文件。",
            )
            return src
        raw = path.read_bytes()
    except OSError as exc:
        _problem(src, "unreadable-file", f"无法读取文件：{exc.strerror}")
        return src
    text = _decode(src, raw)
    if text is None:
        return src
    src.text = text
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        _problem(src, "empty-file", "文件是空的：没有任何内容。", 1, 1)
        return src
    try:
        _build(src, yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        src.data = None
        _problem(src, "yaml-syntax", _yaml_message(exc, text), line, column)
    except yaml.YAMLError as exc:
        src.data = None
        _problem(src, "yaml-syntax", f"YAML 语法错误：{exc}")
    except _Refused:
        src.data = None
    return src


class _Refused(Exception):
    """Stop building: the problem is already recorded."""


def _build(src: Source, events: Any) -> None:
    """Turn parser events into plain values, recording places as it goes."""
    stack: list[tuple[Any, Path_, list[Any]]] = []
    # Each frame: (container, its path, [pending key, pending key mark] for mappings).
    documents = 0
    root_set = False

    def attach(value: Any, mark: Any, is_container: bool) -> Path_:
        nonlocal root_set
        pos = (mark.line + 1, mark.column + 1)
        if not stack:
            if root_set:
                return ()
            src.data = value
            root_set = True
            src.value_at[()] = pos
            return ()
        container, cpath, pending = stack[-1]
        if isinstance(container, list):
            p = cpath + (len(container),)
            container.append(value)
            src.value_at[p] = pos
            return p
        if pending[0] is _NO_KEY:
            if is_container:
                _problem(src, "yaml-syntax", "YAML 语法错误：不能用列表或映射作为字段名。", *pos)
                raise _Refused
            key = value if isinstance(value, str) else ("" if value is None else str(value))
            p = cpath + (key,)
            if key in container:
                first = src.key_at.get(p, (0, 0))
                _problem(
                    src,
                    "duplicate-key",
                    f"字段“{key}”重复出现（第一次在第 {first[0]} 行）：YAML 只会保留最后一个，请删除或合并重复的字段。",
                    *pos,
                )
            pending[0] = key
            src.key_at[p] = pos
            return p
        key = pending[0]
        pending[0] = _NO_KEY
        p = cpath + (key,)
        container[key] = value
        src.value_at[p] = pos
        return p

    for event in events:
        if isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                _refuse_alias(src, event)
            attach(_scalar(event), event.start_mark, False)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.anchor:
                _refuse_alias(src, event)
            if len(stack) >= MAX_DEPTH:
                _problem(
                    src,
                    "too-deep",
                    f"嵌套层级超过 {MAX_DEPTH} 层，内容格式用不到这么深的结构，请检查缩进。",
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                )
                raise _Refused
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            p = attach(container, event.start_mark, True)
            stack.append((container, p, [_NO_KEY]))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
        elif isinstance(event, yaml.AliasEvent):
            _refuse_alias(src, event)
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                _problem(
                    src,
                    "multiple-documents",
                    "一个文件只能包含一份内容：请删除多余的“---”分隔线，或把它拆成两个文件。",
                    event.start_mark.line + 1,
                    1,
                )
                raise _Refused


def _refuse_alias(src: Source, event: Any) -> None:
    _problem(
        src,
        "yaml-alias",
        "不支持 YAML 锚点和别名（& 和 *）：请把内容直接写出来。",
        event.start_mark.line + 1,
        event.start_mark.column + 1,
    )
    raise _Refused


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()


def _scalar(event: Any) -> Any:
    """Keep the text as typed; only plain null and booleans become values."""
    value: str = event.value
    if event.style in (None, ""):
        if value in _NULLS:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
    return value
