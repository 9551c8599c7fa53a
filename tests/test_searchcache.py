"""The kept search index, changed where departments' parts changed, is byte for byte the index a join of every part writes."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pubgen import search, searchcache
from pubgen.derive import SiteMap, arrange, department_pages
from pubgen.load import load
from pubgen.searchcache import join_kept
from pubgen.shard import read_parts

from .conftest import ROOT

KINDS = ["budget", "final-accounts", "self-evaluation"]
TOKENS = ["预算", "决算", "三公", "经费", "2024", "123.4", "支出", "收入", "合计", "项目", "=三公经费", "a", "b", "=名\"称\\", "=x:[1]"]
WORDS = ["基本支出", "项目支出", "三公经费", "机关运行经费"]


@pytest.fixture(scope="module")
def site() -> SiteMap:
    base = load(ROOT / "content", documents=False)
    return arrange(base, department_pages(base), [])


def _department(draw: Any, region: str, dept: str, years: list[int]) -> dict[str, Any]:
    """A department's part as a shard writes it: its documents, each token's gaps and weights, its words."""
    documents = []
    for year in years:
        kind = draw(st.sampled_from(KINDS))
        url = f"{dept}/{year}/{kind}/"
        title = draw(st.sampled_from(["预算公开", "决算公开", "绩效自评", "更正"])) + str(year)
        passages = draw(st.lists(st.sampled_from(["第一段", "第二段", "第三段"]), max_size=2))
        scope = draw(st.sampled_from(["department", "unit"]))
        documents.append([[region, dept, -year, KINDS.index(kind), url], title, url, year, kind, dept, dept + "局", region, region + "区", passages, scope])
    postings: dict[str, list[list[int]]] = {}
    for token in draw(st.lists(st.sampled_from(TOKENS), unique=True, max_size=len(TOKENS))):
        held = sorted(draw(st.sets(st.integers(0, len(documents) - 1), min_size=1)))
        gaps = [held[0]] + [b - a for a, b in zip(held, held[1:])]
        postings[token] = [gaps, [draw(st.integers(1, 199)) for _ in held]]
    words = {w: draw(st.integers(1, 3)) for w in draw(st.lists(st.sampled_from(WORDS), unique=True, max_size=3))}
    return {"documents": documents, "postings": postings, "words": words}


@st.composite
def projects(draw: Any) -> list[dict[str, Any]]:
    """Shards: each a list of departments (id → part), every department with documents of distinct years."""
    shards = []
    n = 0
    for s in range(draw(st.integers(1, 3))):
        parts = {}
        for _ in range(draw(st.integers(1, 3))):
            n += 1
            dept = f"r{s}/d{n}"
            years = draw(st.lists(st.integers(2019, 2024), unique=True, min_size=1, max_size=3))
            parts[dept] = _department(draw, f"r{s}", dept, years)
        shards.append(parts)
    return shards


@st.composite
def edits(draw: Any, shards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same shards with some departments' parts made again: the same documents, or (sometimes) other years."""
    changed = [dict(parts) for parts in shards]
    for parts in changed:
        for dept in list(parts):
            if draw(st.booleans()):
                region = parts[dept]["documents"][0][7]
                years = [row[3] for row in parts[dept]["documents"]]
                if draw(st.integers(0, 5)) == 0:
                    years = draw(st.lists(st.integers(2019, 2024), unique=True, min_size=1, max_size=3))
                parts[dept] = _department(draw, region, dept, years)
    return changed


def _write_shards(root: Path, shards: list[dict[str, Any]]) -> list[Path]:
    folders = []
    for i, parts in enumerate(shards):
        folder = root / f"shard-{i}"
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / "search-part.json.tmp"
        # As a shard writes it: a line per department, its id and its part as JSON.
        temporary.write_text("".join(f"{json.dumps(d)}\t{json.dumps(parts[d], ensure_ascii=False)}\n" for d in sorted(parts)), encoding="utf-8")
        temporary.replace(folder / "search-part.json")  # a new file, as a rebuilt shard writes
        folders.append(folder)
    return folders


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data(), shard_bytes=st.sampled_from([40, 200, 12_000]))
def test_the_kept_index_changed_is_the_joined_index(site: SiteMap, data: Any, shard_bytes: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_BYTES", shard_bytes)  # several shard files, and counts that change with an edit
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cache = root / "cache"
        shards = data.draw(projects())
        for step in range(3):
            folders = _write_shards(root / "shards", shards)
            kept = root / f"kept-{step}"
            joined = root / f"joined-{step}"
            made = join_kept(site, folders, kept, cache, "base", read_parts)
            full = search.write(site, (part for f in folders for part in read_parts(f)), joined)
            assert _files(kept) == _files(joined)
            assert (made.documents, made.tokens, made.shards, made.files, made.bytes) == (full.documents, full.tokens, full.shards, full.files, full.bytes)
            # The published copy is let go, as the build moves it into the site and later removes the old site.
            shutil.rmtree(kept)
            shards = data.draw(edits(shards))


def test_an_unchanged_build_writes_only_the_manifest_and_an_edit_only_what_it_changes(site: SiteMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SHARD_BYTES", 35)
    years = [2022, 2023, 2024]

    def department(region: str, dept: str, title: str, tokens: list[str], weights: list[int] = [10, 20, 30], gaps: list[int] = [0, 1, 1]) -> dict[str, Any]:
        documents = [
            [[region, dept, -y, 0, f"{dept}/{y}/budget/"], f"{title}{y}", f"{dept}/{y}/budget/", y, "budget", dept, dept, region, region, ["一段"], "department"]
            for y in years
        ]
        return {"documents": documents, "postings": {t: [gaps, weights] for t in tokens}, "words": {"基本支出": 3}}

    # Every department also holds a name whose text looks like an entry's start (":["), read as a name all the same.
    shards = [{f"r/d{i}": department("r", f"r/d{i}", "预算", TOKENS[i : i + 6] + ["=x:[1]"]) for i in range(4)}]
    cache = tmp_path / "cache"
    first = tmp_path / "first"
    join_kept(site, _write_shards(tmp_path / "shards", shards), first, cache, "base", read_parts)
    inodes = {p: (cache / "out" / p).stat().st_ino for p in _files(cache / "out")}
    # The same parts in new files (a shard built again): nothing but the manifest is written.
    second = tmp_path / "second"
    join_kept(site, _write_shards(tmp_path / "shards", shards), second, cache, "base", read_parts)
    assert [p for p in inodes if (cache / "out" / p).stat().st_ino != inodes[p]] == ["manifest.json"]
    # One department's titles changed: its passages are the same, its titles' file and the manifest are written.
    # Its words' postings are the same too: no file of the index's words is read to be changed (at 10,000
    # documents, reading and splicing every file a department's 4,000 words fall in took 1 s of a one-title edit).
    shards[0]["r/d1"] = department("r", "r/d1", "更正", TOKENS[1:7] + ["=x:[1]"])
    third = tmp_path / "third"
    read: list[str] = []
    entries = searchcache._entries
    monkeypatch.setattr(searchcache, "_entries", lambda text: read.append(text) or entries(text))
    join_kept(site, _write_shards(tmp_path / "shards", shards), third, cache, "base", read_parts)
    assert read == []
    assert sorted(p for p in inodes if (cache / "out" / p).stat().st_ino != inodes[p]) == ["manifest.json", "t/0.json"]
    full = tmp_path / "full"
    search.write(site, (part for f in _write_shards(tmp_path / "again", shards) for part in read_parts(f)), full)
    assert _files(third) == _files(full)
    # Two departments changed with one between them: the postings between are kept, after gaps that follow the first.
    shards[0]["r/d0"] = department("r", "r/d0", "预算", TOKENS[0:6] + ["=x:[1]"], [1, 2], [1, 1])  # now not in its oldest document, the last of its in the site
    shards[0]["r/d2"] = department("r", "r/d2", "预算", TOKENS[2:10] + ["=x:[1]"], [4, 5, 6])
    both = tmp_path / "both"
    inodes = {p: (cache / "out" / p).stat().st_ino for p in _files(cache / "out")}
    join_kept(site, _write_shards(tmp_path / "shards", shards), both, cache, "base", read_parts)
    assert (cache / "out" / "t" / "0.json").stat().st_ino == inodes["t/0.json"], "changed where the parts changed, not joined again"
    full = tmp_path / "full-both"
    search.write(site, (part for f in _write_shards(tmp_path / "again", shards) for part in read_parts(f)), full)
    assert _files(both) == _files(full)
    # The departments' parts grow until the index needs more shard files: joined again, as a join of every part.
    before = json.loads((cache / "out" / "manifest.json").read_bytes())["shards"]
    for i in range(4):
        shards[0][f"r/d{i}"] = department("r", f"r/d{i}", "预算", TOKENS)
    grown = tmp_path / "grown"
    made = join_kept(site, _write_shards(tmp_path / "shards", shards), grown, cache, "base", read_parts)
    assert made.shards > before
    full = tmp_path / "full-grown"
    search.write(site, (part for f in _write_shards(tmp_path / "again", shards) for part in read_parts(f)), full)
    assert _files(grown) == _files(full)
    # Another base (another pubgen, other settings): joined again.
    inodes = {p: (cache / "out" / p).stat().st_ino for p in _files(cache / "out")}
    fourth = tmp_path / "fourth"
    join_kept(site, _write_shards(tmp_path / "shards", shards), fourth, cache, "other base", read_parts)
    assert all((cache / "out" / p).stat().st_ino != inodes[p] for p in inodes)
    assert _files(fourth) == _files(full)
