"""Pinyin kept between builds (pubgen.pinyin): the same pages as looking it up, and no dictionary loaded to get them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pypinyin import lazy_pinyin

from pubgen.pipeline import CACHE, build

from .conftest import ROOT, copy_project
from .faulttools import tree


def _kept(root: Path) -> Path:
    found = sorted((root / CACHE).glob("pinyin-*.json"))
    assert len(found) == 1, found
    return found[0]


def test_a_build_with_kept_pinyin_loads_no_dictionary_and_writes_the_same_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", built_before=False)
    build(project, tmp_path / "looked-up", cache=False)
    assert not (project.root / CACHE).exists() or not list((project.root / CACHE).glob("pinyin-*.json"))
    build(project, tmp_path / "first")
    kept = json.loads(_kept(project.root).read_text(encoding="utf-8"))
    glossary = (project.content / "glossary.yml").read_text(encoding="utf-8")
    assert kept["terms"] == {t: " ".join(lazy_pinyin(t)) for t in kept["terms"]}, "what pypinyin says, with its phrases"
    assert sorted(kept["terms"]) == sorted(line.split("term:", 1)[1].strip() for line in glossary.splitlines() if "- term:" in line)
    assert len(kept["chars"]) >= 3755

    # The next build, as `pubgen build` runs it: pypinyin's modules are never imported.
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pubgen", "build", "--project", str(project.root), "--site-dir", str(tmp_path / "second")],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1"),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    imported = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
    assert imported, "importtime reported nothing"
    assert not [line for line in imported if "pypinyin" in line]
    assert tree(tmp_path / "second") == tree(tmp_path / "first") == tree(tmp_path / "looked-up")


def test_a_damaged_kept_file_is_looked_up_again_and_written_whole(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", built_before=False)
    build(project, tmp_path / "reference")
    path = _kept(project.root)
    whole = json.loads(path.read_text(encoding="utf-8"))
    for damaged in (
        path.read_text(encoding="utf-8")[:5000],
        json.dumps({"terms": {t: 7 for t in whole["terms"]}, "chars": {c: [1, None] for c in whole["chars"]}}),
        json.dumps([1, 2, 3]),
        "",
    ):
        path.write_text(damaged, encoding="utf-8")
        build(project, tmp_path / "again")
        assert tree(tmp_path / "again") == tree(tmp_path / "reference")
        assert json.loads(path.read_text(encoding="utf-8")) == whole
