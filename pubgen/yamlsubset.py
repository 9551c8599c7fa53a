"""The common shape of a content file, read without libyaml: about 2.7 times faster than walking libyaml's events.

Nearly every document an editor or an importer writes uses a small part of YAML:
block mappings and lists, one-line flow rows such as
``- {code: "205 01", label: 教育管理事务, values: [11856960.00, ~, 301900.00]}``, plain,
quoted and ``|`` text. :func:`subset_values` reads exactly that part with ``str``
methods and a few compiled patterns, line by line, and gives exactly the value
``pubgen.source`` builds from libyaml's events (every scalar kept as text; only
plain null and true/false words typed; keys as text). Anything else — tabs,
control or unusual characters, ``>``, ``|-``, tags, anchors, aliases, ``?`` keys,
directives, document markers, text running onto a second line, nested flow
collections, duplicate keys, a scalar alone on a line, nesting deeper than 30
levels, keys longer than 200 characters — gives :data:`NOT_MINE`, and the file is
read through libyaml as before (which also explains what is wrong, when something
is). Places of values (lines and columns for problems) still come from libyaml,
only for files that have a problem to place.

``tests/test_yamlsubset.py`` holds it to libyaml's reading on every YAML file of
the repository, on hand-picked shapes and on some ten thousand generated and mutated
texts at every run (about 745,000 when it was written): the value is identical, with
the same types and key order, or it is ``NOT_MINE``.
"""

from __future__ import annotations

import re
from typing import Any


class _NotMine:
    __slots__ = ()

    def __repr__(self) -> str:
        return "NOT_MINE"


NOT_MINE: Any = _NotMine()

NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
TRUE_WORDS = frozenset({"true", "True", "TRUE"})
FALSE_WORDS = frozenset({"false", "False", "FALSE"})
"""The plain words YAML 1.1 (libyaml, PyYAML) reads as null, true and false; every other scalar stays text."""
PLAIN_VALUES: dict[str, Any] = {**{k: None for k in NULL_WORDS}, **{k: True for k in TRUE_WORDS}, **{k: False for k in FALSE_WORDS}}
_PV = PLAIN_VALUES
# Plain key text -> the key _fast_values stores (None -> "", booleans -> str(bool)).
_KEYCONV: dict[str, str] = {k: ("" if v is None else str(v)) for k, v in _PV.items()}

# Characters that may not start a plain key (or a block line) in this subset ('-' apart).
_NOSTART = frozenset(" ?:,[]{}#&*!|>'\"%@`")
# First characters of a value that need more than the plain-scalar path.
_SPECIAL = frozenset(" ?:,[]{}#&*!|>'\"%@`-")

# ---- one-line flow collections ----------------------------------------------------
# Flow plain scalar: no ", [ ] { } : # ?" at all, no leading or trailing space, not
# starting with an indicator ("-" only before a character that cannot follow a block entry).
_PF = r"(?:[^ \-?:,\[\]{}#&*!|>'\"%@`]|-(?=[^ ,\[\]{}#:?]))(?:[^,\[\]{}:#?]*[^ ,\[\]{}:#?])?"
_KF = r"(?:[^ \-?:,\[\]{}#&*!|>'\"%@`]|-(?=[^ ,\[\]{}#:?]))(?:[^,\[\]{}:#?]{0,200}[^ ,\[\]{}:#?])?"
_S = r"(?:\"[^\"\\]*\"|'(?:[^']|'')*'|" + _PF + ")"  # flow scalar
_SEQ = r"\[ *(?:" + _S + r"(?: *, *" + _S + r")*)? *\]"
_PAIR = _KF + r": +(?:" + _S + "|" + _SEQ + ")"
_MAP = r"\{ *(?:" + _PAIR + r"(?: *, *" + _PAIR + r")*)? *\}"
_TAIL = r"(?: *| +#.*)"
_MAP_LINE = re.compile("(" + _MAP + ")" + _TAIL).fullmatch
_SEQ_LINE = re.compile(r"\[(" + _SEQ[2:-2] + r")\]" + _TAIL).fullmatch
_PAIRS = re.compile("(" + _KF + r"): +(?:(" + _S + ")|(" + _SEQ + "))").findall
_SCALARS = re.compile(_S).findall
_LIT_HEAD = re.compile(r"\|(?: *| +#.*)").fullmatch

# Fast path for the common line "{k: v, k: "q", k: [a, b]}": single spaces, at most six
# pairs, nothing after the "}".  A plain scalar may not end with a space here ((?<! )
# refuses it, and the caller falls back to the general path).
_FP = r"[^ \-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}:#?]*+(?<! )"
_FS = r"(?:\"[^\"\\]*+\"|" + _FP + ")"
_FPAIR = "(" + _FP + r"): (?:\"([^\"\\]*+)\"|(" + _FP + r")|\[((?:" + _FS + r"(?:, " + _FS + r")*+)?)\])"
_FAST_MAP = re.compile(r"\{" + _FPAIR + "".join(r"(?:, " + _FPAIR for _ in range(5)) + ")?" * 5 + r"\}").fullmatch


def _sq(s: str) -> str:
    return s[1:-1].replace("''", "'")


def _flow_seq(body: str) -> list[Any]:
    pv = _PV
    return [(x[1:-1] if x[0] == '"' else _sq(x)) if x[0] in "\"'" else pv.get(x, x) for x in _SCALARS(body)]


def _fast_map(v: str, pos: int = 0) -> Any:
    """The map on a line like the common "{k: v, k: [a, b]}" (v[pos:]); None: use the general path."""
    if len(v) - pos > 200:
        return None  # (keeps keys far below libyaml's 1024-character limit for simple keys)
    m = _FAST_MAP(v, pos)
    if m is None:
        return None
    d = {}
    kc = _KEYCONV
    pv = _PV
    it = iter(m.groups())
    n = 0
    for k, dq, o, q in zip(it, it, it, it):
        if k is None:
            break
        n += 1
        if o is not None:
            d[kc.get(k, k)] = pv.get(o, o)
        elif dq is not None:
            d[kc.get(k, k)] = dq
        elif '"' in q:
            d[kc.get(k, k)] = _flow_seq(q)
        elif not q:
            d[kc.get(k, k)] = []
        else:
            p = q.split(", ")
            d[kc.get(k, k)] = list(map(pv.get, p, p))
    if len(d) != n:
        return NOT_MINE  # duplicate key
    return d


def _flow_map(v: str) -> Any:
    pairs = _PAIRS(v)
    d = {}
    kc = _KEYCONV
    pv = _PV
    for k, s, q in pairs:
        k = kc.get(k, k)
        if s:
            c = s[0]
            d[k] = s[1:-1] if c == '"' else (_sq(s) if c == "'" else pv.get(s, s))
        else:
            d[k] = _flow_seq(q[1:-1])
    if len(d) != len(pairs):
        return NOT_MINE  # duplicate key
    return d


def _after_quote(rest: str) -> bool:
    """Whether what follows a closing quote is only spaces or a comment."""
    return not rest or not rest.strip(" ") or (rest[0] == " " and rest.lstrip(" ")[0] == "#")


_LITERAL: Any = object()


def _value(v: str) -> Any:
    """A one-line value in block context (v: non-empty, no leading space, not a comment)."""
    c = v[0]
    if c == "{":
        d = _fast_map(v)
        if d is not None:
            return d
        m = _MAP_LINE(v)
        if m is None:
            return NOT_MINE
        return _flow_map(m.group(1))
    if c == '"':
        j = v.find('"', 1)
        if j < 0:
            return NOT_MINE
        body = v[1:j]
        if "\\" in body or not _after_quote(v[j + 1 :]):
            return NOT_MINE
        return body
    if c == "'":
        j = 1
        while True:
            j = v.find("'", j)
            if j < 0:
                return NOT_MINE
            if v[j + 1 : j + 2] == "'":
                j += 2
                continue
            break
        if not _after_quote(v[j + 1 :]):
            return NOT_MINE
        return v[1:j].replace("''", "'")
    if c == "[":
        m = _SEQ_LINE(v)
        if m is None:
            return NOT_MINE
        return _flow_seq(m.group(1))
    if c == "|":
        return _LITERAL if _LIT_HEAD(v) is not None else NOT_MINE
    if c in _NOSTART or (c == "-" and (len(v) == 1 or v[1] == " ")):
        return NOT_MINE
    j = v.find(" #")
    if j >= 0:
        v = v[:j]
    v = v.rstrip(" ")
    if ": " in v or v[-1] == ":":
        return NOT_MINE
    return _PV.get(v, v)


_NOPEND: Any = object()
_MAX_NESTING = 30
"""Deeper than this is left to libyaml (whose path refuses beyond ``pubgen.source.MAX_DEPTH``)."""


def _nest(stack: list[Any], tcol: int, tc: Any, tlist: bool, tpend: Any, tind: bool, new: Any) -> None:
    """Put ``new`` in the open container's pending slot (a list's last item, a mapping's waiting key) and keep that container on ``stack``."""
    if tlist:
        tc[-1] = new
        stack.append((tcol, tc, True, False, tind))
    else:
        tc[tpend] = new
        stack.append((tcol, tc, False, _NOPEND, tind))


def subset_values(text: str) -> Any:
    """The value of ``text`` exactly as ``pubgen.source`` builds it from libyaml's events, or :data:`NOT_MINE`."""
    if not text.replace("\n", "").isprintable():
        return NOT_MINE
    if text.startswith(("---", "...")) or "\n---" in text or "\n..." in text:
        return NOT_MINE
    lines = text.split("\n")
    nlines = len(lines)
    holder: list[Any] = [None]
    stack: list[Any] = []
    # The open container on top: its column, the container, whether it is a list, its
    # pending slot, whether it is an indentless sequence.  A pending slot is a key
    # (mapping; _NOPEND if none) or True (list; False if none) whose value so far is
    # None and may still turn out to be a nested block.
    tcol = -1
    tc: Any = holder  # the document: a list holding the root
    tlist = True
    tpend: Any = True
    tind = False
    pv = _PV
    kc = _KEYCONV
    nostart = _NOSTART
    special = _SPECIAL
    value = _value
    fast_map = _fast_map
    skip = 0
    for i, line in enumerate(lines):
        if i < skip:
            continue  # inside a literal block
        s = line.lstrip(" ")
        if not s:
            continue
        c = s[0]
        if c == "#":
            continue
        col = len(line) - len(s)
        while True:
            while tcol > col:
                tcol, tc, tlist, tpend, tind = stack.pop()
            if c == "-" and (len(s) == 1 or s[1] == " "):
                # ---- sequence entry
                if tcol == col:
                    if not tlist:
                        if tpend is _NOPEND or len(stack) > _MAX_NESTING:
                            return NOT_MINE
                        new: Any = []
                        tc[tpend] = new  # an indentless sequence: the pending key's value
                        stack.append((tcol, tc, False, _NOPEND, tind))
                        tc = new
                        tlist = True
                        tind = True
                elif tpend is _NOPEND or tpend is False or len(stack) > _MAX_NESTING:
                    return NOT_MINE
                else:
                    new = []
                    _nest(stack, tcol, tc, tlist, tpend, tind, new)
                    tcol = col
                    tc = new
                    tlist = True
                    tind = False
                if len(s) <= 2:
                    tc.append(None)  # "-" or "- " alone
                    tpend = True
                    break
                c = s[2]
                if c == "{":
                    # this flow map, then its siblings: rows of a table, one a line. Only where the
                    # dash is the first thing on the line: after "- - {" the next "- - {" is another
                    # entry of the outer list, not of this one.
                    own_line = not line[:col].strip(" ")
                    col += 2
                    prefix = line[: col + 1]  # the indentation and "- {"
                    j = i
                    while True:
                        v = fast_map(line, col)
                        if v is None:
                            v = value(line[col:])
                            if v is NOT_MINE:
                                return NOT_MINE
                        elif v is NOT_MINE:
                            return NOT_MINE
                        tc.append(v)
                        j += 1
                        if j == nlines or not own_line:
                            break
                        line = lines[j]
                        if not line.startswith(prefix):
                            break
                    skip = j
                    tpend = False
                    break
                if c == " ":
                    t = s[2:].lstrip(" ")
                    if not t:
                        tc.append(None)
                        tpend = True
                        break
                    c = t[0]
                else:
                    t = s[2:]
                if c == "#":
                    tc.append(None)
                    tpend = True
                    break
                if (c == "-" and (len(t) == 1 or t[1] == " ")) or (
                    c not in nostart and (k := t.find(":")) > 0 and (len(t) == k + 1 or t[k + 1] == " ")
                ):
                    # a nested block starts on this line: go on with the rest of it
                    tc.append(None)
                    tpend = True
                    col += len(s) - len(t)
                    s = t
                    continue
                v = value(t)
                if v is NOT_MINE:
                    return NOT_MINE
                if v is _LITERAL:
                    v, skip = _literal(lines, i + 1, col)
                    if v is NOT_MINE:
                        return NOT_MINE
                tc.append(v)
                tpend = False
                break
            if c in nostart:
                return NOT_MINE
            k = s.find(": ")
            if k < 0:
                if s[-1] != ":":
                    return NOT_MINE  # a scalar alone on its line (or a continuation line)
                k = len(s) - 1
                t = ""
            else:
                t = s[k + 2 :]
                if t[:1] == " ":
                    t = t.lstrip(" ")
            # ---- mapping entry
            if tcol == col:
                if tlist:
                    if not tind:
                        return NOT_MINE
                    tcol, tc, tlist, tpend, tind = stack.pop()  # end of an indentless sequence
            elif tpend is _NOPEND or tpend is False or len(stack) > _MAX_NESTING:
                return NOT_MINE
            else:
                new = {}
                _nest(stack, tcol, tc, tlist, tpend, tind, new)
                tcol = col
                tc = new
                tlist = False
                tind = False
            key = s[:k]
            if "#" in key or ":" in key or key[-1] == " " or k > 200:
                return NOT_MINE
            key = kc.get(key, key)
            if key in tc:
                return NOT_MINE
            if not t:
                tc[key] = None
                tpend = key
                break
            c = t[0]
            if c not in special:
                # a plain scalar, the commonest value: _value's last case, inlined
                j = t.find(" #")
                if j >= 0:
                    t = t[:j]
                t = t.rstrip(" ")
                if ": " in t or t[-1] == ":":
                    return NOT_MINE
                tc[key] = pv.get(t, t)
                tpend = _NOPEND
                break
            if c == "#":
                tc[key] = None
                tpend = key
                break
            v = value(t)
            if v is NOT_MINE:
                return NOT_MINE
            if v is _LITERAL:
                v, skip = _literal(lines, i + 1, col)
                if v is NOT_MINE:
                    return NOT_MINE
            tc[key] = v
            tpend = _NOPEND
            break
    root = holder[0]
    if root is None:
        return NOT_MINE
    return root


def _literal(lines: list[str], i: int, owner: int) -> tuple[Any, int]:
    """The `|` block whose first line is lines[i]; owner: the column its text must be right of.

    Returns the text and the index of the first line after the block."""
    n = len(lines)
    j = i
    while j < n:
        t = lines[j].lstrip(" ")
        if t:
            break
        j += 1
    else:
        return NOT_MINE, j
    ind = len(lines[j]) - len(t)
    if ind <= owner:
        return NOT_MINE, j  # an empty block: leave it to libyaml
    for k in range(i, j):
        if len(lines[k]) > ind:
            return NOT_MINE, j  # a leading all-space line longer than the indentation
    last = j
    prefix = " " * ind
    j += 1
    while j < n:
        line = lines[j]
        if line.startswith(prefix):
            if len(line) > ind:
                last = j
        elif line.lstrip(" "):
            break
        j += 1
    if last == n - 1:
        return NOT_MINE, j  # no line break after the last line: leave it to libyaml
    if i == last:
        return lines[i][ind:] + "\n", j
    return "\n".join([line[ind:] for line in lines[i : last + 1]]) + "\n", j
