"""Write plain data as the YAML editors write by hand: flow mappings for rows, literal blocks for text.

Shared by the corpus generator (``corpus.py``) and the official-document generator
(``official.py``): figures are written exactly as given (``Num``), never through float.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any


class Lit(str):
    """A multi-line text written as a literal block (``|``)."""


class Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line: ``{id: total, label: 合计, values: [1.5]}``."""


class FlowList(list):  # type: ignore[type-arg]
    """A list written on one line: ``[1.5, ~, "——"]``."""


class Num(str):
    """A figure as typed: always written plain."""


class Quoted(str):
    """Text always written in double quotes (a classification code such as "201 06 01")."""


_NEEDS_QUOTES = set(",[]{}#:&*!|>'\"%@`?\t\n")
_RESERVED = {"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "-"}


def scalar(value: Any) -> str:
    if value is None:
        return "~"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Num):
        return str(value)
    if isinstance(value, Quoted):
        return json.dumps(str(value), ensure_ascii=False)
    text = str(value)
    if (
        text in _RESERVED
        or text != text.strip()
        or text[0] in "-?"
        or any(c in _NEEDS_QUOTES for c in text)
    ):
        return json.dumps(text, ensure_ascii=False)
    return text


def inline(value: Any) -> str:
    if isinstance(value, Flow):
        return "{" + ", ".join(f"{k}: {inline(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (FlowList, list, tuple)):
        return "[" + ", ".join(inline(v) for v in value) + "]"
    return scalar(value)


def emit_mapping(data: dict[str, Any], indent: int, out: list[str], blank_between: bool = False) -> None:
    pad = " " * indent
    for key, value in data.items():
        if isinstance(value, Lit):
            out.append(f"{pad}{key}: |")
            for line in value.rstrip("\n").split("\n"):
                out.append(f"{pad}  {line}" if line else "")
        elif isinstance(value, dict) and not isinstance(value, Flow):
            out.append(f"{pad}{key}:")
            emit_mapping(value, indent + 2, out)
        elif isinstance(value, list) and not isinstance(value, FlowList):
            out.append(f"{pad}{key}:")
            emit_sequence(value, indent + 2, out, blank_between=key == "body")
        else:
            out.append(f"{pad}{key}: {inline(value)}")


def emit_sequence(items: list[Any], indent: int, out: list[str], blank_between: bool = False) -> None:
    pad = " " * indent
    for i, item in enumerate(items):
        if blank_between and i:
            out.append("")
        if isinstance(item, dict) and not isinstance(item, Flow):
            start = len(out)
            emit_mapping(item, indent + 2, out)
            out[start] = f"{pad}- " + out[start][indent + 2 :]
        else:
            out.append(f"{pad}- {inline(item)}")


def to_yaml(data: dict[str, Any], comments: list[str]) -> str:
    out = [f"# {c}" for c in comments]
    top = dict(data)
    body = top.pop("body")
    emit_mapping(top, 0, out)
    out.append("")
    emit_mapping({"body": body}, 0, out)
    return "\n".join(out) + "\n"
