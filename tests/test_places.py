"""Where a problem is placed: the places worked out on demand are the ones the exact reader records.

A file the fast reader accepts gets its places only when a problem needs one
(``Source.place``); they must be the line and column the exact reader
(``pubgen.source._build``) gives every value and key, or messages would send
the editor to the wrong line.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pubgen import source as S

from .conftest import ROOT


def _exact(text: str) -> S.Source:
    src = S.Source(path=Path("x.yml"), name="x.yml")
    S._build(src, yaml.parse(text, Loader=S._Loader), S._Lines(text))
    return src


def _lazy(text: str) -> S.Source | None:
    src = S.Source(path=Path("x.yml"), name="x.yml", text=text)
    return src if S._fast(src, text) else None


def _same_places(text: str) -> bool:
    """True when the fast reader took the file and its places are the exact reader's, key by key, in order.

    Places are worked out as far as a problem needs, so they are asked for as problems
    ask: in file order, backwards, keys before values, and for paths the file does not
    have (a field left out), which get the place of their deepest part that is there.
    """
    if _lazy(text) is None:
        return False
    exact = _exact(text)
    value_at: dict[S.Path_, tuple[int, int]] = {}
    key_at: dict[S.Path_, tuple[int, int]] = {}
    for _ in S._walk_places(text, value_at, key_at):
        pass
    assert list(value_at.items()) == list(exact.value_at.items())
    assert list(key_at.items()) == list(exact.key_at.items())
    paths = list(exact.value_at)
    for order in (paths, paths[::-1], paths[len(paths) // 2 :] + paths[: len(paths) // 2]):
        lazy, keys_first = _lazy(text), _lazy(text)
        assert lazy is not None and keys_first is not None
        for path in order:
            assert lazy.place(path) == exact.value_at[path]
            assert lazy.key_place(path) == exact.key_place(path)
            assert keys_first.key_place(path) == exact.key_place(path)
            assert keys_first.place(path) == exact.value_at[path]
    missing = _lazy(text)
    assert missing is not None
    for path in paths:
        assert missing.place(path + ("缺少的字段", 0)) == exact.place(path)
    return True


def test_every_bundled_file_and_test_case_is_placed_as_the_exact_reader_places_it() -> None:
    """The bundled content (the real documents among it) and every YAML file of the test cases."""
    files = sorted((ROOT / "content").rglob("*.yml")) + sorted((ROOT / "tests").rglob("*.yml")) + sorted((ROOT / "tests").rglob("*.yaml"))
    texts = []
    for f in files:
        try:
            texts.append(f.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # a test case of a wrongly encoded file: never read fast
    placed = [t for t in texts if _same_places(t)]
    # Nearly every file is read fast; the test is only worth something if they are.
    assert len(placed) >= 0.5 * len(texts) and len(placed) > 100


_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
_scalars = st.one_of(
    _text,
    st.sampled_from(["", "~", "null", "true", "False", "1.5", "2040601", "一般公共预算", "a: b", "- x", "\u2028行", "x\u0085y"]),
    st.integers(-10**6, 10**6),
    st.booleans(),
    st.none(),
)
# Keys written plain as null, true or a number are text to pubgen (“”, “True”, “1”), as the exact reader makes them.
_keys = st.one_of(_text, st.sampled_from(["true", "null", "~", "1", "id", "rows", "值"]), st.none(), st.booleans(), st.integers(0, 99))
_trees = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)), max_leaves=25)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_trees, st.sampled_from([False, True, None]), st.sampled_from([None, '"', "'", "|"]), st.sampled_from([2, 4]))
def test_any_file_the_fast_reader_takes_is_placed_as_the_exact_reader_places_it(tree: object, flow: bool | None, style: str | None, indent: int) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True, default_flow_style=flow, default_style=style, indent=indent, width=40)
    _same_places(text)
    # Lines broken where YAML breaks them but editors do not (U+2028, U+0085) move every place after them.
    _same_places("# 注释\u2028\n" + text)


def test_a_file_whose_places_are_half_worked_out_can_be_copied_and_places_the_same() -> None:
    """Content is pickled to shard processes; a copy of a file read half-way still places every value."""
    import pickle

    text = "title: 标题\nbody:\n  - type: paragraph\n    text: 第一段\n  - type: paragraph\n    text: 第二段\n"
    src = _lazy(text)
    assert src is not None
    assert src.place(("body", 0, "text")) == (4, 11)
    copy = pickle.loads(pickle.dumps(src))
    assert copy.place(("body", 1, "text")) == (6, 11)
    assert copy.key_place(("body", 1, "text")) == (6, 5)
    assert src.place(("body", 1, "text")) == (6, 11)
