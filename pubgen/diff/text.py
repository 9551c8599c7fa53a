"""Text compared by sentence and by character, with numbers and words kept whole."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from .. import model as m
from .results import Hunk, Segment


CONTEXT = 20
"""Characters of unchanged text shown on each side of a change."""


def field_text(value: Any) -> str | None:
    if value is None or value == []:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, m.Model):
        parts = []
        for name, info in type(value).model_fields.items():
            shown = field_text(getattr(value, name))
            if shown is not None:
                parts.append(f"{info.title or name}：{shown}")
        return "；".join(parts) or None
    if isinstance(value, list):
        return "\n".join(s for s in (field_text(v) for v in value) if s is not None)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def clean(text: str | None) -> str:
    if not text:
        return ""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "\n".join(line for line in lines if line)


_ENDS = set("。！？；!?;")

_CLOSERS = set("”’」』）)】]\"'")


def sentences(text: str) -> list[str]:
    """Split Chinese text into sentences at 。！？； and line ends, keeping the punctuation."""
    out: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\n":
            out.append("".join(current))
            current = []
            i += 1
            continue
        current.append(ch)
        end = ch in _ENDS or (
            ch == "." and i > 0 and not text[i - 1].isascii() and (i + 1 >= len(text) or not text[i + 1].isdigit())
        )
        if end:
            while i + 1 < len(text) and text[i + 1] in _CLOSERS:
                i += 1
                current.append(text[i])
            out.append("".join(current))
            current = []
        i += 1
    out.append("".join(current))
    return [s.strip() for s in out if s.strip()]


def text_hunks(old: str, new: str) -> tuple[Hunk, ...]:
    """The changed sentences of a text, each as a character diff with a little context."""
    a, b = sentences(old), sentences(new)
    hunks = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        segments: list[Segment] = []
        short = tag == "replace" and len("".join(a[i1:i2])) < CONTEXT
        if (tag != "replace" or short) and i1 > 0:
            segments.append(Segment("equal", a[i1 - 1] + _sep(a[i1 - 1])))
        segments += run_diff(a[i1:i2], b[j1:j2])
        if tag != "replace" and i2 < len(a):
            last = a[i2 - 1] if i2 > i1 else b[j2 - 1]
            segments.append(Segment("equal", _sep(last) + a[i2]))
        hunks.append(Hunk(_trim(segments)))
    return tuple(hunks)


CHAR_DIFF_LIMIT = 2000
"""The longest text compared character by character. The comparison's time grows faster than the square of the length
(a run of 20,000 characters of changed sentences took six CPU-minutes): a longer run is compared sentence by sentence
when the two sides have as many sentences, and a longer sentence is shown replaced whole."""


def run_diff(old: list[str], new: list[str]) -> list[Segment]:
    """A run of changed sentences as a character diff, in bounded time however long the run."""
    was, now = glue(old), glue(new)
    if max(len(was), len(now)) <= CHAR_DIFF_LIMIT:
        return char_diff(was, now)
    if len(old) != len(new) or len(old) < 2:
        return [Segment("delete", was), Segment("insert", now)] if was else [Segment("insert", now)]
    out: list[Segment] = []
    for k, (a, b) in enumerate(zip(old, new)):
        if k:
            joins = _sep(old[k - 1]), _sep(new[k - 1])
            if joins[0] == joins[1]:
                out += [Segment("equal", joins[0])] if joins[0] else []
            else:
                out += [Segment(op, j) for op, j in zip(("delete", "insert"), joins) if j]
        out += run_diff([a], [b]) if a != b else [Segment("equal", a)]
    return out


def _sep(sentence: str) -> str:
    """What follows a sentence when joined to the next: nothing after punctuation, " / " after a line break.

    A closing bracket ends a sentence only after its punctuation (“……。”）: a line that ends with one, as a row's name
    “机关事业单位职业年金缴费支出（补）” does, ended at its line break, and the next row ran on without a separator.
    """
    return "" if not sentence or sentence.rstrip("".join(_CLOSERS))[-1:] in _ENDS else " / "


def glue(parts: list[str]) -> str:
    """Join sentences, marking line breaks that ended them with " / "."""
    out = ""
    for part in parts:
        out += _sep(out) + part
    return out


_TOKEN = re.compile(r"[0-9A-Za-z.%]")


def char_diff(old: str, new: str) -> list[Segment]:
    """Character-level diff for text without spaces; whole numbers change as one."""
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("equal", old[i1:i2]))
            continue
        if i2 > i1:
            ops.append(("delete", old[i1:i2]))
        if j2 > j1:
            ops.append(("insert", new[j1:j2]))
    # A run of one or two equal characters between changes reads better as part of the change.
    absorbed: list[tuple[str, str]] = []
    for k, (op, text) in enumerate(ops):
        if op == "equal" and len(text) <= 2 and 0 < k < len(ops) - 1:
            absorbed += [("delete", text), ("insert", text)]
        else:
            absorbed.append((op, text))
    # Group each run of changes as one deletion then one insertion.
    groups: list[list[str]] = []  # [equal] or [deleted, inserted]
    for op, text in absorbed:
        if op == "equal":
            groups.append([text])
        else:
            if not groups or len(groups[-1]) == 1:
                groups.append(["", ""])
            groups[-1][0 if op == "delete" else 1] += text
    # Grow changes to whole numbers and words: "3[29→30].48" becomes "[329.48→330.48]", and "[2→3],389.52" becomes
    # "[2,389.52→3,389.52]" (a thousands separator is part of its number).
    for k, group in enumerate(groups):
        if len(group) != 2:
            continue
        if k > 0 and len(groups[k - 1]) == 1:
            before = groups[k - 1][0]
            n = _token_end(before, any(t[:1].isdigit() for t in group))
            if n and _touches(group, start=True):
                groups[k - 1][0] = before[: len(before) - n]
                group[0], group[1] = before[-n:] + group[0], before[-n:] + group[1]
        if k + 1 < len(groups) and len(groups[k + 1]) == 1:
            after = groups[k + 1][0]
            n = _token_start(after, any(t[-1:].isdigit() for t in group))
            if n and _touches(group, start=False):
                groups[k + 1][0] = after[n:]
                group[0], group[1] = group[0] + after[:n], group[1] + after[:n]
    # Two changes that growing left nothing between are one change: "[2→3],389.[52→62]" is "[2,389.52→3,389.62]".
    joined: list[list[str]] = []
    for group in groups:
        if len(group) == 2 and len(joined) >= 2 and joined[-1] == [""] and len(joined[-2]) == 2:
            joined.pop()
            joined[-1][0] += group[0]
            joined[-1][1] += group[1]
        else:
            joined.append(group)
    out: list[Segment] = []
    for group in joined:
        if len(group) == 1:
            if group[0]:
                out.append(Segment("equal", group[0]))
        else:
            if group[0]:
                out.append(Segment("delete", group[0]))
            if group[1]:
                out.append(Segment("insert", group[1]))
    return out


_WORD_CHARS = frozenset("0123456789.%ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _token_start(text: str, digit_before: bool) -> int:
    """How many characters at the start of ``text`` continue the number or word before it (a comma between digits too)."""
    n = 0
    while n < len(text):
        c = text[n]
        if c == "," and (text[n - 1].isdigit() if n else digit_before) and text[n + 1 : n + 2].isdigit():
            n += 1
        elif c in _WORD_CHARS:
            n += 1
        else:
            break
    return n


def _token_end(text: str, digit_after: bool) -> int:
    """How many characters at the end of ``text`` begin the number or word after it (a comma between digits too):
    the same reading as :func:`_token_start`, from the other end."""
    return _token_start(text[::-1], digit_after)


def _touches(group: list[str], start: bool) -> bool:
    """Does a change begin (or end) with a digit or letter, so that it splits a number or word?"""
    for text in group:
        if text and _TOKEN.match(text[0] if start else text[-1]):
            return True
    return False


def _trim(segments: list[Segment]) -> tuple[Segment, ...]:
    """Merge neighbouring context and cut it down to a few characters around each change."""
    merged: list[Segment] = []
    for s in segments:
        if merged and merged[-1].op == s.op == "equal":
            merged[-1] = Segment("equal", merged[-1].text + s.text)
        elif s.text:
            merged.append(s)
    out = []
    for k, s in enumerate(merged):
        if s.op != "equal":
            out.append(s)
            continue
        text = s.text
        first, last = k == 0, k == len(merged) - 1
        if first and last:
            continue
        if first and len(text) > CONTEXT:
            text = "…" + text[-CONTEXT:]
        elif last and len(text) > CONTEXT:
            text = text[:CONTEXT] + "…"
        elif not first and not last and len(text) > 2 * CONTEXT + 1:
            text = text[:CONTEXT] + "…" + text[-CONTEXT:]
        out.append(Segment("equal", text))
    return tuple(out)
