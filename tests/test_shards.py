"""Sharded builds: the same site, byte for byte, however it is split, wherever the shards are built.

A generated corpus (benchmarks/corpus.py) in a real git repository is built four
ways: as one shard in one process; in small shards on a process pool; in small
shards by separate `pubgen build --shard I/N` processes joined by a separate
`pubgen assemble` process; and incrementally, from the cache, after one document
is edited, against a clean build of the edited content.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pubgen.pipeline import CACHE, Project, build
from pubgen.shard import plan

from .conftest import ROOT, git

SMALL = 8
"""Documents per shard in the sharded builds: the corpus makes many shards, some regions split by department."""
WHOLE = 10**6
"""Documents per shard large enough for the whole corpus to be one shard."""


def first_difference(a: Path, b: Path) -> str | None:
    """The first file (in sorted order) that one site has and the other lacks or holds other bytes in; None if identical."""
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    for name in sorted(set(files_a) ^ set(files_b)):
        return f"{name} 只在 {'第一个' if name in files_a else '第二个'} 网站中"
    for name in files_a:
        if (a / name).read_bytes() != (b / name).read_bytes():
            return f"{name} 内容不同"
    return None


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Forty generated documents, committed to git so pages carry their files' commit dates."""
    root = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(root), "--documents", "40", "--seed", "1"],
        check=True,
        capture_output=True,
    )
    site = root / "content" / "site.yml"
    # With its address the site has a sitemap, with each page's change date.
    site.write_text(site.read_text(encoding="utf-8") + "base_url: https://budget.example.gov.cn/\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "content", "templates", "mkdocs.yml")
    git(root, "commit", "-qm", "corpus")
    return Project(root)


@pytest.fixture(scope="module")
def clean(corpus: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus built as one shard, in this process, with no cache."""
    site = tmp_path_factory.mktemp("clean") / "site"
    build(corpus, site, shard_size=WHOLE, jobs=1, cache=False)
    return site


def test_partition_has_many_shards_and_splits_a_region(corpus: Project) -> None:
    shards = plan(corpus.root, SMALL).shards
    assert len(shards) >= 4
    assert any(":" in s.name for s in shards), [s.name for s in shards]  # a large region's own departments split
    assert [s.name for s in plan(corpus.root, WHOLE).shards] == ["/"]
    files = [f for s in shards for f in s.files]
    assert len(files) == len(set(files)) == 40


def test_pool_build_is_identical(corpus: Project, clean: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(corpus, site, shard_size=SMALL, jobs=2, cache=False)
    assert first_difference(clean, site) is None
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<url>") > 40 and sitemap.count("<lastmod>") > 40


def test_separate_processes_then_assemble_is_identical(corpus: Project, clean: Path, tmp_path: Path) -> None:
    pubgen = [sys.executable, "-m", "pubgen"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    jobs = [
        subprocess.Popen(
            [*pubgen, "build", "--project", str(corpus.root), "--shard", f"{i}/3", "--out", str(tmp_path / f"part{i}"), "--shard-size", str(SMALL)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in (1, 2, 3)
    ]
    for job in jobs:
        out, err = job.communicate(timeout=600)
        assert job.returncode == 0, err.decode()
    site = tmp_path / "site"
    # Only two of three jobs' shards: refused, naming what is missing.
    partial = subprocess.run(
        [*pubgen, "assemble", "--project", str(corpus.root), str(tmp_path / "part1"), str(tmp_path / "part2"), "--site-dir", str(site), "--shard-size", str(SMALL)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert partial.returncode == 1 and "缺少" in partial.stderr and not site.exists()
    done = subprocess.run(
        [*pubgen, "assemble", "--project", str(corpus.root), *(str(tmp_path / f"part{i}") for i in (1, 2, 3)), "--site-dir", str(site), "--shard-size", str(SMALL)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert first_difference(clean, site) is None


def _inodes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in folder.iterdir() if p.name.startswith("shard-")}


def test_incremental_build_after_an_edit_is_identical_to_a_clean_one(corpus: Project, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    root = tmp_path / "project"
    subprocess.run(["git", "clone", "-q", str(corpus.root), str(root)], check=True)
    project = Project(root)
    site = tmp_path / "site"
    build(project, site, shard_size=SMALL)
    cache = root / CACHE / "shards"
    before = _inodes(cache)
    edited = sorted((root / "content" / "documents").rglob("*.yml"))[7]
    text = edited.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    edited.write_text(text.replace(title, title + "（更正）", 1), encoding="utf-8")
    git(root, "commit", "-qam", "edit one document")
    build(project, site, shard_size=SMALL)
    after = _inodes(cache)
    assert before.keys() == after.keys()
    rebuilt = [name for name in before if before[name] != after[name]]
    assert len(rebuilt) == 1  # only the edited document's shard was built again
    fresh = tmp_path_factory.mktemp("fresh") / "site"
    build(project, fresh, shard_size=WHOLE, jobs=1, cache=False)
    assert first_difference(fresh, site) is None
    assert "（更正）" in (site / "index.html").read_text(encoding="utf-8") + (site / "feed.xml").read_text(encoding="utf-8")
    assert not (root / CACHE / ".gitignore").read_text(encoding="utf-8").strip() == ""
    assert git(root, "status", "--porcelain") == ""  # the cache stays out of git
