"""The quick reader of content files gives libyaml's reading exactly, or leaves the file to it.

``pubgen.yamlsubset.subset_values`` reads the common shape of a content file without
libyaml. For every text it must either say ``NOT_MINE`` or give the very value
``pubgen.source._fast_values`` builds from libyaml's events: the same texts, the same
null and true/false values, the same keys in the same order. Where libyaml refuses a
text, or the libyaml path leaves it to the exact reader (duplicate keys, anchors, too
deep nesting), the quick reader must say ``NOT_MINE`` too, so that the exact reader
explains it to the editor.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pubgen.source import _fast_values, _Slow
from pubgen.yamlsubset import NOT_MINE, subset_values

from .conftest import ROOT

REFUSED = object()


def libyaml(text: str) -> Any:
    try:
        return _fast_values(text)
    except (_Slow, yaml.YAMLError):
        return REFUSED


def same(a: Any, b: Any) -> bool:
    """Equal, with the same type at every level and the same key order in every mapping."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(type(k) is str for k in a) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return bool(a == b)


def read_alike(text: str) -> str:
    """"quick" when the quick reader took the text and read it as libyaml does, "left" when it left it; else what went wrong."""
    quick = subset_values(text)
    if quick is NOT_MINE:
        return "left"
    expected = libyaml(text)
    if expected is REFUSED:
        return f"taken, though libyaml's path refuses it: {text!r}"
    if not same(quick, expected):
        return f"read differently: {text!r}\n{quick!r}\n{expected!r}"
    return "quick"


def repository_yaml() -> list[Path]:
    found = []
    for folder in ("content", "tests", "pubgen/tables", "docs", "benchmarks", ".github"):
        for pattern in ("*.yml", "*.yaml"):
            found += [p for p in (ROOT / folder).rglob(pattern) if p.is_file() and not p.is_symlink()]
    return sorted(set(found))


def test_every_yaml_file_of_the_repository_is_read_as_libyaml_reads_it() -> None:
    files = repository_yaml()
    assert len(files) > 500
    seen = {}
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        outcome = read_alike(text)
        assert outcome in ("quick", "left"), f"{path}: {outcome}"
        seen[path] = outcome
    documents = [p for p in files if (ROOT / "content" / "documents") in p.parents]
    assert documents and all(seen[p] == "quick" for p in documents), "the bundled documents are all of the common shape"


def test_the_generated_corpus_is_read_quickly_and_alike(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "project"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(out), "--documents", "30", "--seed", "11"], check=True, capture_output=True)
    documents = sorted((out / "content" / "documents").rglob("*.yml"))
    assert len(documents) >= 30
    for path in documents:
        assert read_alike(path.read_text(encoding="utf-8")) == "quick", path


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n",
        "a:\n- x\nb: 2\n",
        "- a: 1\n  b: 2\n- c: 3\n",
        "- - a\n  - b\n- c\n",
        "a: |\n  x\n\n  y\n\n\nb: 1\n",
        "a: |\n\n  x\n",
        "a: 'x''y'\n",
        'a: "x" # c\n',
        "a: [1, ~, \"x, y\"]\n",
        '- {a: 1, b: "2", c: [3, ~, "x"]}\n- {a: 2}\n',
        "- {null: 1, x: 2}\n",
        "true: 1\nb: 2\n",
        "a: ~\nb: null\nc: Null\nd: NULL\ne: true\nf: True\ng: TRUE\nh: false\ni: yes\nj: on\nk: 1.0\nl: 2019-01-01\n",
        "a: x #y #z\n",
        "a: x# y\n",
        "a: “x”：y\n",
        "-\n  a: 1\n",
        "- # c\n  a: 1\n",
        "- - {x: 1}\n- - {x: 2}\n",  # two entries of the outer list, not two rows of the first
        "a:\n  - - {x: 1}\n  - - {x: 2}\n",
        "- - - {x: 1}\n- - - {x: 2}\n",
        "- - {x: 1}\n  - {x: 3}\n- - {x: 2}\n",
    ],
)
def test_the_common_shapes_are_read_quickly_and_alike(text: str) -> None:
    assert read_alike(text) == "quick"


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # a duplicate key: the exact reader names it
        "- {a: 1, a: 2}\n",
        "- {null: 1, \"\": 2}\n",  # both keys are "" once read
        "true: 1\nTrue: 2\n",
        "a: &x 1\nb: *x\n",
        "a: !t 1\n",
        "? a\n: b\n",
        "---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: x\n  y\n",  # text on a second line
        "a: >\n  x\n",
        "a: |-\n  x\n",
        "a:\tx\n",
        "a: 1\r\n",
        "\ufeffa: 1\n",
        "a: \"x\\ny\"\n",
        "a: [1, [2]]\n",
        "a: {b: {c: 1}}\n",
        "x\n",
        "",
        "".join("  " * i + f"k{i}:\n" for i in range(45)) + "  " * 45 + "x: 1\n",
    ],
)
def test_everything_else_is_left_to_libyaml(text: str) -> None:
    assert read_alike(text) == "left"


# --------------------------------------------------------------------------- generated and mutated texts

WORDS = ["a", "b", "id", "label", "~", "null", "Null", "NULL", "true", "True", "FALSE", "yes", "on", "", "教育", "：", "“x”",
         "1", "-1", "-", "--", "1.0", "205 01", "a b", "a  b", "a:b", "a: b", "a #b", "a#b", "#", "it's", 'x"y', "\\", "|", ">", "?",
         "? x", "&a", "*a", "!t", "%", "@", "`", ",", "[", "]", "{", "}", ":", "a:", "x ", " x", "...", "---", "-x", "- x", "~x", "NaN"]  # fmt: skip
SAFE = ["a", "b", "id", "label", "~", "null", "true", "True", "FALSE", "yes", "教育", "：", "“x”", "1", "-1", "1.0", "205 01", "a b",
        "a:b", "a#b", '"', "it", "NaN", "x y z", "~x"]  # fmt: skip
MUTATIONS = list(":#,[]{}'\"|>-?&*! \t\n~") + ["教", "：", "“", "\\", "\r", "\x85", "\u2028", "\ufeff", "\u3000", "0", "a", "  "]


def generated(rnd: random.Random) -> str:
    """A small YAML-like text made of the pieces that are easy to get wrong."""

    def word() -> str:
        return rnd.choice(WORDS) if rnd.random() < 0.15 else rnd.choice(SAFE)

    def scalar() -> str:
        r, w = rnd.random(), word()
        if r < 0.15:
            return f'"{w}"'
        if r < 0.25:
            return "'" + w.replace("'", rnd.choice(["''", "'"])) + "'"
        return w

    def sp() -> str:
        return rnd.choice(["", " ", " ", "  "])

    def flow(depth: int = 0) -> str:
        if rnd.random() < 0.45 or depth > 1:
            return "[" + sp() + (sp() + "," + sp()).join(scalar() for _ in range(rnd.randrange(4))) + sp() + rnd.choice(["", "", ","]) + "]"
        pairs = [word() + rnd.choice([": ", ": ", ":  ", ":", " : "]) + (flow(depth + 1) if rnd.random() < 0.3 else scalar()) for _ in range(rnd.randrange(4))]
        return "{" + sp() + (sp() + "," + sp()).join(pairs) + sp() + "}"

    def value() -> str:
        r = rnd.random()
        if r < 0.4:
            return scalar()
        if r < 0.6:
            return flow()
        if r < 0.7:
            return rnd.choice(["|", "|", "| #c", "|  ", "|-", ">", "|2"])
        if r < 0.8:
            return scalar() + " #" + word()
        return ""

    out: list[str] = []

    def block(indent: int, depth: int) -> None:
        mapping = rnd.random() < 0.5
        # Entries of one list mostly alike, as rows of a table are.
        style, dash, nested = rnd.random(), rnd.choice([" ", " ", "  ", ""]), rnd.choice(["- ", "- - ", "-  "])
        for _ in range(rnd.randrange(1, 4)):
            lead = " " * indent
            if mapping:
                line = lead + word() + rnd.choice([":", ": ", ": ", ":  ", " :"]) + value()
            else:
                r = style if rnd.random() < 0.8 else rnd.random()
                item = value() if r < 0.5 else nested + flow() if r < 0.65 else word() + ": " + value()
                line = lead + "-" + dash + item
            out.append(line + rnd.choice(["", "", " "]))
            if line.rstrip().endswith(("|", "| #c", "|-", ">", "|2")) or rnd.random() < 0.1:
                base = indent + rnd.choice([0, 1, 2, 2, 4])
                for _ in range(rnd.randrange(4)):
                    out.append(rnd.choice([" " * base + word(), "", " " * rnd.randrange(base + 3), " " * base + "# c"]))
            if rnd.random() < 0.35 and depth < 4:
                block(indent + rnd.choice([0, 1, 2, 2, 4]), depth + 1)

    block(rnd.choice([0, 0, 1, 2]), 0)
    return "\n".join(out) + rnd.choice(["\n", "\n", "", "\n\n"])


def tidy(rnd: random.Random) -> str:
    """A well-formed text in the layout content files use, nested at random: rows of tables in lists in lists, compact entries."""
    keys = ["id", "label", "code", "values", "type", "text", "x", "教育"]

    def scalar() -> str:
        w = rnd.choice(SAFE + ["27917227.00", "205 01", "行政运行", "~", ""])
        return f'"{w}"' if rnd.random() < 0.2 or not w else w

    def row() -> str:
        pairs = [k + ": " + (scalar() if rnd.random() < 0.6 else "[" + ", ".join(scalar() for _ in range(rnd.randrange(4))) + "]") for k in rnd.sample(keys, rnd.randrange(4))]
        return "{" + ", ".join(pairs) + "}"

    def compact(lead: str, lines: list[str]) -> list[str]:
        """``lines`` as the value of a list entry at ``lead``: the first line after the dash."""
        return [lead + "- " + lines[0].lstrip(" "), *lines[1:]] if lines else [lead + "-"]

    def mapping(indent: int, depth: int) -> list[str]:
        lead, out = " " * indent, []
        for key in rnd.sample(keys, rnd.randrange(1, 4)):
            kind = rnd.random() if depth < 4 else 0
            if kind < 0.3:
                out.append(f"{lead}{key}: {scalar()}".rstrip(" "))
            elif kind < 0.45:
                out.append(f"{lead}{key}: {row()}")
            elif kind < 0.55:
                out += [f"{lead}{key}: |", *(" " * (indent + 2) + rnd.choice(["行政运行", "a b", ""]) for _ in range(rnd.randrange(1, 4))), f"{lead}  end"]
            elif kind < 0.75:
                out += [f"{lead}{key}:", *listing(indent + rnd.choice([0, 2]), depth + 1)]
            else:
                out += [f"{lead}{key}:", *mapping(indent + 2, depth + 1)]
        return out

    def listing(indent: int, depth: int) -> list[str]:
        lead, out = " " * indent, []
        style = rnd.random() if depth < 4 else 0
        for _ in range(rnd.randrange(1, 5)):
            kind = style if rnd.random() < 0.8 else rnd.random() if depth < 4 else 0
            if kind < 0.2:
                out.append(f"{lead}- {scalar()}".rstrip(" "))
            elif kind < 0.5:
                out.append(f"{lead}- {row()}")
            elif kind < 0.75:
                out += compact(lead, listing(indent + 2, depth + 1))
            else:
                out += compact(lead, mapping(indent + 2, depth + 1))
        return out

    lines = mapping(0, 0) if rnd.random() < 0.5 else listing(0, 0)
    return "\n".join(lines) + "\n"


def mutated(rnd: random.Random, text: str) -> str:
    """``text`` with one to three characters inserted, removed or replaced, mostly near the start of a line."""
    for _ in range(rnd.choice((1, 1, 2, 3))):
        if rnd.random() < 0.7 and text:
            at = text.find("\n", rnd.randrange(len(text)))
            at = min(at + 1 + rnd.randrange(40), len(text)) if at >= 0 else rnd.randrange(len(text) + 1)
        else:
            at = rnd.randrange(len(text) + 1)
        op = rnd.random()
        if op < 0.5:
            text = text[:at] + rnd.choice(MUTATIONS) + text[at:]
        elif op < 0.8:
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + rnd.choice(MUTATIONS) + text[at + 1 :]
    return text


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_generated_texts_are_read_alike_or_left(seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(250):
        text = generated(rnd)
        if rnd.random() < 0.3:
            text = mutated(rnd, text)
        assert read_alike(text) in ("quick", "left")


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_well_formed_texts_are_read_alike(seed: int) -> None:
    rnd = random.Random(seed)
    outcomes = [read_alike(tidy(rnd)) for _ in range(100)]
    assert set(outcomes) <= {"quick", "left"}, next(o for o in outcomes if o not in ("quick", "left"))
    assert outcomes.count("quick") >= 50, "most well-formed texts take the quick path"


DOCUMENTS = sorted((ROOT / "content" / "documents").rglob("*.yml"))


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_damaged_documents_are_read_alike_or_left(seed: int) -> None:
    """Real documents with a few characters changed where the structure lives: whatever libyaml makes of them."""
    rnd = random.Random(seed)
    text = rnd.choice(DOCUMENTS).read_text(encoding="utf-8")
    for _ in range(25):
        assert read_alike(mutated(rnd, text)) in ("quick", "left")
