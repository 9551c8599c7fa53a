"""Sharded builds: the same site, byte for byte, however it is split, wherever the shards are built.

A generated corpus (benchmarks/corpus.py) in a real git repository is built four
ways: as one shard in one process; in small shards on a process pool; in small
shards by separate `pubgen build --shard I/N` processes joined by a separate
`pubgen assemble` process; and incrementally, from the cache, after one document
is edited, against a clean build of the edited content.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pubgen import render
from pubgen.pipeline import CACHE, Pending, Project, build
from pubgen.shard import plan

from .conftest import ROOT, git, kept_by_a_build

WORKFLOW = ROOT / "docs" / "ci" / "github-sharded-workflow.yml"
SMALL = 8
"""Documents per shard in the sharded builds: the corpus makes many shards, some regions split by department."""
WHOLE = 10**6
"""Documents per shard large enough for the whole corpus to be one shard."""
SEVERAL = 12
"""Documents per shard for which some shard holds several departments."""


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


def _clone(corpus: Project, root: Path) -> None:
    """The corpus checked out at ``root`` by an editor who has built before: compiled templates and pinyin kept
    (``copy_project``); the shards, the checks and every other cache folder are the tests' own."""
    subprocess.run(["git", "clone", "-q", str(corpus.root), str(root)], check=True)
    shutil.copytree(kept_by_a_build(), root / CACHE)


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


def test_pool_build_is_identical(corpus: Project, clean: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The assembly's index pages are written half by another process from this many (hundreds at province scale).
    monkeypatch.setattr(render, "LISTED_BESIDE", 2)
    site = tmp_path / "site"
    build(corpus, site, shard_size=SMALL, jobs=2, cache=False)
    assert first_difference(clean, site) is None
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<url>") > 40 and sitemap.count("<lastmod>") > 40


def _workflow_commands() -> tuple[list[str], str]:
    """The sharded workflow's shard commands (one per matrix job) and its assemble command, as written."""
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    shard_job, assemble_job = flow["jobs"]["shard"], flow["jobs"]["assemble"]
    (build_line,) = [s["run"] for s in shard_job["steps"] if "pubgen build" in s.get("run", "")]
    (assemble_line,) = [s["run"] for s in assemble_job["steps"] if "pubgen assemble" in s.get("run", "")]
    matrix = shard_job["strategy"]["matrix"]["shard"]
    return [build_line.replace("${{ matrix.shard }}", str(i)) for i in matrix], assemble_line


def test_the_sharded_workflow_run_as_separate_processes_builds_the_same_site(corpus: Project, clean: Path, tmp_path: Path) -> None:
    builds, assemble = _workflow_commands()
    assert len(builds) > 1 and "${{" not in assemble
    work = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(corpus.root), str(work)], check=True)
    # The runners' shell, with this pubgen on its path; small shards, so that every job has several.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT), "PUBGEN_SHARD_SIZE": str(SMALL)}
    jobs = [subprocess.Popen(["bash", "-ec", line], cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for line in builds]
    for job in jobs:
        _, err = job.communicate(timeout=900)
        assert job.returncode == 0, err.decode()
    shards = sorted(p for p in (work / "shards").iterdir())
    assert len(shards) == len(builds) and all(any(p.iterdir()) for p in shards[:4])
    # Without one job's shards the site is refused, with what is missing named, and nothing is published.
    held = tmp_path / "held"
    shards[1].rename(held)
    partial = subprocess.run(["bash", "-ec", assemble], cwd=work, env=env, capture_output=True, text=True)
    assert partial.returncode == 1 and "缺少" in partial.stderr and not (work / "site").exists()
    held.rename(shards[1])
    # Assembled without the jobs' shard size, the size they were built with is named, and nothing is published.
    other = {k: v for k, v in env.items() if k != "PUBGEN_SHARD_SIZE"}
    mismatch = subprocess.run(["bash", "-ec", assemble], cwd=work, env=other, capture_output=True, text=True)
    assert mismatch.returncode == 1 and f"--shard-size {SMALL}" in mismatch.stderr and not (work / "site").exists(), mismatch.stderr
    done = subprocess.run(["bash", "-ec", assemble], cwd=work, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert first_difference(clean, work / "site") is None


def _inodes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in folder.iterdir() if p.name.startswith("shard-")}


def _page_inodes(shard: Path) -> dict[str, int]:
    return {p.relative_to(shard).as_posix(): p.stat().st_ino for p in (shard / "pages").rglob("*") if p.is_file()}


def test_incremental_build_after_an_edit_is_identical_to_a_clean_one(
    corpus: Project, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The edited shard tells its summaries before its pages are built, and the site-wide pages are made meanwhile.
    told: list[bool] = []
    early = Pending.early
    monkeypatch.setattr(Pending, "early", lambda self: (lambda found: told.append(found is not None) or found)(early(self)))
    root = tmp_path / "project"
    _clone(corpus, root)
    project = Project(root)
    site = tmp_path / "site"
    first = build(project, site, shard_size=SEVERAL)
    cache = root / CACHE / "shards"
    before = _inodes(cache)
    documents = root / "content" / "documents"
    # A document of a shard that holds other departments too.
    shard = next(s for s in plan(root, SEVERAL).shards if len(s.departments) > 1)
    # The corpus's warnings are in the larger department: the smaller one's document is edited, the larger kept.
    sizes = {d: sum(1 for f in shard.files if f.parent.relative_to(documents).as_posix() == d) for d in shard.departments}
    department = min(shard.departments, key=lambda d: (sizes[d], d))
    edited = next(f for f in shard.files if f.parent.relative_to(documents).as_posix() == department)
    others = [d for d in shard.departments if d != department]
    assert department in shard.departments and others
    pages_before = _page_inodes(cache / shard.folder)
    parts_before = {p.name: p.stat().st_ino for p in (cache / "assembly" / "data").glob("*.csv")}
    html_before = {p: p.stat().st_ino for p in (cache / "assembly" / "pages" / "html").rglob("*") if p.is_file()}
    search_before = _search_inodes(cache)
    text = edited.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    edited.write_text(text.replace(title, title + "（更正）", 1), encoding="utf-8")
    git(root, "commit", "-qam", "edit one document")
    again = build(project, site, shard_size=SEVERAL)
    assert told == [True]
    after = _inodes(cache)
    assert before.keys() == after.keys()
    rebuilt = [name for name in before if before[name] != after[name]]
    assert rebuilt == [shard.folder]  # only the edited document's shard was built again
    # Within it, only the edited document's department: the other departments' pages are the files built before.
    pages_after = _page_inodes(cache / shard.folder)
    assert pages_after.keys() == pages_before.keys()
    changed = {name for name in pages_after if pages_after[name] != pages_before[name]}
    assert changed and all(name.startswith(f"pages/{department}/") for name in changed)
    assert any(name.startswith(f"pages/{d}/") for d in others for name in pages_after)
    # Of the site's figures, only the part that holds the edited document is written again; the site has the others too.
    parts_after = {p.name: p.stat().st_ino for p in (cache / "assembly" / "data").glob("*.csv")}
    (year,) = {row["year"] for row in csv.DictReader(io.StringIO((site / "data/documents.csv").read_text(encoding="utf-8-sig"))) if "（更正）" in row["title"]}
    assert parts_after.keys() == parts_before.keys() and len(parts_after) > 1
    assert {name for name in parts_after if parts_after[name] != parts_before[name]} == {f"figures-{year}.csv"}
    assert {p.name for p in (site / "data").glob("figures-*.csv")} == set(parts_after)
    # Of the site-wide pages, MkDocs built again only those whose Markdown changed: the rest are last build's files.
    html_after = {p: p.stat().st_ino for p in (cache / "assembly" / "pages" / "html").rglob("*") if p.is_file()}
    assert html_after.keys() == html_before.keys()
    rebuilt_pages = [p for p in html_after if html_after[p] != html_before[p]]
    assert rebuilt_pages and len(rebuilt_pages) < len(html_after) / 2, rebuilt_pages
    # The search index was changed where the edited department's documents are, not joined again.
    search_after = _search_inodes(cache)
    assert search_after.keys() == search_before.keys()
    rewritten = {name for name in search_after if search_after[name] != search_before[name]}
    edited_documents = sum(1 for f in edited.parent.iterdir() if f.suffix == ".yml")
    assert "manifest.json" in rewritten
    assert 1 <= len([name for name in rewritten if name.startswith("x/")]) <= edited_documents, rewritten
    assert len([name for name in rewritten if name.startswith("t/")]) <= 2
    fresh = tmp_path_factory.mktemp("fresh") / "site"
    clean = build(project, fresh, shard_size=WHOLE, jobs=1, cache=False)
    assert first_difference(fresh, site) is None
    # The problems the kept departments' checks found are still reported, as a clean build reports them.
    assert [p.to_dict() for p in again.report.sorted()] == [p.to_dict() for p in clean.report.sorted()]
    carried = [p for p in again.report.problems if any(p.file.startswith(f"content/documents/{d}/") for d in others)]
    assert carried and all(p in first.report.problems for p in carried)
    assert "（更正）" in (site / "index.html").read_text(encoding="utf-8") + (site / "feed.xml").read_text(encoding="utf-8")
    assert not (root / CACHE / ".gitignore").read_text(encoding="utf-8").strip() == ""
    assert git(root, "status", "--porcelain") == ""  # the cache stays out of git

    def rebuilt_as_clean(message: str) -> None:
        git(root, "commit", "-qam", message)
        build(project, site, shard_size=SEVERAL)
        shutil.rmtree(fresh)
        build(project, fresh, shard_size=WHOLE, jobs=1, cache=False)
        assert first_difference(fresh, site) is None, message

    # A document removed renumbers the documents after it: the search index is joined again, the same as a clean build's.
    git(root, "rm", "-q", str(next(f for f in shard.files if f.parent.relative_to(documents).as_posix() in others)))
    rebuilt_as_clean("remove one document")
    # Shard files of the published index changed in place (they are the kept index's files too): joined again.
    for shard_file in (site / "search" / "s").glob("*.json"):
        with open(shard_file, "r+b") as f:
            f.write(b"{}")
            f.truncate()
    edited.write_text(edited.read_text(encoding="utf-8").replace("（更正）", "（改）", 1), encoding="utf-8")
    rebuilt_as_clean("edit it again")
    # A damaged state of the kept index is not read: joined again.
    (cache / "assembly" / "search" / "state.json").write_text("{not json", encoding="utf-8")
    edited.write_text(edited.read_text(encoding="utf-8").replace("（改）", "（再改）", 1), encoding="utf-8")
    rebuilt_as_clean("and again")


def _search_inodes(cache: Path) -> dict[str, int]:
    """The kept search index's files (``s/0.json`` …) and their inodes: a file written again is a new inode."""
    out = cache / "assembly" / "search" / "out"
    return {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}


def test_a_document_in_another_departments_folder_is_named_with_where_to_move_it(tmp_path: Path) -> None:
    from pubgen.errors import BuildFailed

    from .conftest import copy_project

    project = copy_project(tmp_path / "project")
    source = project.content / "documents" / "hebei" / "xingtai" / "pingxiang" / "xinfangju" / "2021-budget.yml"
    moved = project.content / "documents" / "shanghai" / "putuo" / "caizhengju" / "2021-budget.yml"
    source.rename(moved)
    site = tmp_path / "site"
    with pytest.raises(BuildFailed) as failed:
        build(project, site, shard_size=1, jobs=1, cache=False)
    message = failed.value.message
    assert "content/documents/shanghai/putuo/caizhengju/2021-budget.yml" in message
    assert "content/documents/hebei/xingtai/pingxiang/xinfangju/" in message
    assert not site.exists()


def test_an_edit_that_keeps_a_files_size_and_modification_time_is_built(corpus: Project, tmp_path: Path) -> None:
    """The shards' keys take unchanged files' hashes from the last build's record: an edit that keeps size and mtime is still seen."""
    root = tmp_path / "project"
    _clone(corpus, root)
    project = Project(root)
    site = tmp_path / "site"
    # Files last changed long before the build, as in a working copy: their record is trusted by the next build.
    for path in (root / "content").rglob("*.yml"):
        os.utime(path, (1_600_000_000, 1_600_000_000))
    build(project, site, shard_size=SMALL)
    assert (root / CACHE / "shards" / "hashes.json").is_file()
    source = sorted((root / "content" / "documents").rglob("*.yml"))[5]
    text = source.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    renamed = title[:-1] + ("甲" if title[-1] != "甲" else "乙")  # one character for another of the same size in UTF-8
    before = source.stat()
    source.write_text(text.replace(title, renamed, 1), encoding="utf-8")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert source.stat().st_size == before.st_size and source.stat().st_mtime_ns == before.st_mtime_ns
    build(project, site, shard_size=SMALL)
    assert renamed[len("title: ") :] in (site / "feed.xml").read_text(encoding="utf-8") + (site / "index.html").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    build(project, fresh, shard_size=WHOLE, jobs=1, cache=False)
    assert first_difference(fresh, site) is None


def test_an_original_put_beside_a_source_after_a_build_is_offered_by_the_next_build(corpus: Project, tmp_path: Path) -> None:
    root = tmp_path / "project"
    _clone(corpus, root)
    project = Project(root)
    site = tmp_path / "site"
    build(project, site, shard_size=SMALL)
    cache = root / CACHE / "shards"
    before = _inodes(cache)
    source = sorted((root / "content" / "documents").rglob("*.yml"))[5]
    source.with_suffix(".pdf").write_bytes(b"%PDF-1.4\n% the document as published\n")
    build(project, site, shard_size=SMALL)
    after = _inodes(cache)
    assert len([name for name in before if before[name] != after[name]]) == 1  # its shard, and only it, was built again
    fresh = tmp_path / "fresh"
    build(project, fresh, shard_size=WHOLE, jobs=1, cache=False)
    assert first_difference(fresh, site) is None
    offered = [p for p in site.rglob("*.pdf")]
    assert len(offered) == 1 and offered[0].read_bytes() == source.with_suffix(".pdf").read_bytes()
    # A corrected original replaces the published one.
    source.with_suffix(".pdf").write_bytes(b"%PDF-1.4\n% corrected\n")
    build(project, site, shard_size=SMALL)
    assert offered[0].read_bytes().endswith(b"corrected\n")


def test_a_preview_keeps_its_shards_apart_from_the_builds(corpus: Project, tmp_path: Path) -> None:
    from pubgen.pipeline import assemble_site
    from pubgen.progress import Progress

    root = tmp_path / "project"
    _clone(corpus, root)
    project = Project(root)
    build(project, tmp_path / "site", shard_size=SMALL)
    built = _inodes(root / CACHE / "shards")
    staging = tmp_path / "staging"
    staging.mkdir()
    assemble_site(project, staging, tmp_path / "preview", False, Progress.silent(), shard_size=SMALL, preview=True)
    assert _inodes(root / CACHE / "preview").keys() == built.keys()
    assert _inodes(root / CACHE / "shards") == built  # the build's shards are untouched


def test_a_site_past_the_sitemap_limit_gets_a_sitemap_index(corpus: Project, clean: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Search engines read at most 50,000 addresses from one sitemap: a province's is split into parts an index lists."""
    import gzip
    import xml.etree.ElementTree as ET

    import pubgen.assemble as assemble

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    whole = [(u.findtext("s:loc", namespaces=ns), u.findtext("s:lastmod", namespaces=ns)) for u in ET.parse(clean / "sitemap.xml").getroot().findall("s:url", ns)]
    limit = len(whole) // 3 + 1  # three parts
    monkeypatch.setattr(assemble, "SITEMAP_URLS", limit)
    site = tmp_path / "site"
    build(corpus, site, shard_size=SMALL, jobs=1, cache=False)

    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    listed = [(e.findtext("s:loc", namespaces=ns), e.findtext("s:lastmod", namespaces=ns)) for e in index.findall("s:sitemap", ns)]
    assert [loc for loc, _ in listed] == [f"https://budget.example.gov.cn/sitemap-{i}.xml" for i in (1, 2, 3)]
    joined = []
    for loc, lastmod in listed:
        name = loc.rsplit("/", 1)[1]
        part = [(u.findtext("s:loc", namespaces=ns), u.findtext("s:lastmod", namespaces=ns)) for u in ET.parse(site / name).getroot().findall("s:url", ns)]
        assert 0 < len(part) <= limit
        assert lastmod == max((d for _, d in part if d), default=None), "each part is dated by its newest page"
        with gzip.open(site / (name + ".gz")) as unzipped:
            assert unzipped.read() == (site / name).read_bytes()
        joined += part
    assert joined == whole, "every page once, in the order of the single sitemap"


def test_an_edit_that_fails_the_check_publishes_nothing_and_names_the_problem(corpus: Project, tmp_path: Path) -> None:
    """The shard of an edit is built beside the assembly's reading of the others: its failed check still stops the build."""
    from pubgen.errors import ContentInvalid

    root = tmp_path / "project"
    _clone(corpus, root)
    project = Project(root)
    site = tmp_path / "site"
    build(project, site, shard_size=SEVERAL)
    published = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    source = sorted((root / "content" / "documents").rglob("*.yml"))[3]
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("\nyear: ", "\nyear: 二〇二四\nyeer: ", 1), encoding="utf-8")
    with pytest.raises(ContentInvalid) as failed:
        build(project, site, shard_size=SEVERAL)
    shown = str(failed.value) + failed.value.report_text
    assert source.relative_to(root).as_posix() in shown and "year" in shown
    assert {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()} == published
    # Put right, the next build publishes the site a clean build makes.
    source.write_text(text, encoding="utf-8")
    build(project, site, shard_size=SEVERAL)
    fresh = tmp_path / "fresh"
    build(project, fresh, shard_size=WHOLE, jobs=1, cache=False)
    assert first_difference(fresh, site) is None


def test_edits_in_several_shards_are_built_by_a_pool_beside_the_assembly(
    corpus: Project, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several changed shards are built on a pool (each with its pages in two processes) while the others' manifests are read."""
    root = tmp_path / "project"
    _clone(corpus, root)
    project = Project(root)
    site = tmp_path / "site"
    build(project, site, shard_size=SEVERAL, jobs=2)
    monkeypatch.setattr(render, "PARALLEL_FROM", 2)  # a shard's pages in two processes, as a large shard's are
    shards = plan(root, SEVERAL).shards
    assert len(shards) >= 3
    for shard in (shards[0], shards[-1]):
        source = sorted(shard.files)[0]
        text = source.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title: "))
        source.write_text(text.replace(title, title + "（更正）", 1), encoding="utf-8")
    git(root, "commit", "-qam", "edit two shards")
    build(project, site, shard_size=SEVERAL, jobs=2)
    fresh = tmp_path_factory.mktemp("fresh") / "site"
    build(project, fresh, shard_size=WHOLE, jobs=1, cache=False)
    assert first_difference(fresh, site) is None


def test_search_parts_and_manifests_keep_file_names_that_are_not_utf8_and_refuse_damage(tmp_path: Path) -> None:
    from pubgen.shard import _read_json, _write_json, part_bytes, part_value, parts_by_department, write_parts

    name = "content/documents/a/\udcff年.yml"  # a file name that is not UTF-8, as Python holds it
    _write_json(tmp_path / "manifest.json", {"problems": [{"file": name}], "n": 1})
    assert _read_json(tmp_path / "manifest.json") == {"problems": [{"file": name}], "n": 1}
    parts = {"b\t部门\n": {"documents": [[[1], name]], "words": {"收入": 2}}, "a": {"documents": [], "words": {}}}
    write_parts(tmp_path / "search-part.json", {d: part_bytes(p) for d, p in parts.items()})
    read = parts_by_department(tmp_path / "search-part.json")
    assert list(read) == ["a", "b\t部门\n"]  # in the order written: by department
    assert {d: part_value(raw) for d, raw in read.items()} == parts
    (tmp_path / "search-part.json").write_bytes(b'"a"{"documents"\n')
    with pytest.raises(ValueError):
        parts_by_department(tmp_path / "search-part.json")


def _cli(*args: str) -> tuple[int, str]:
    """Run ``pubgen`` in this process; its exit code and what it printed (both streams)."""
    from click.testing import CliRunner

    from pubgen.cli import main

    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_a_shard_built_before_a_document_was_withdrawn_is_not_assembled(corpus: Project, tmp_path: Path) -> None:
    """A job's folder from an older run (the document since withdrawn still in it) is refused, naming the shard and the file."""
    root = tmp_path / "project"
    _clone(corpus, root)
    old, new, site = tmp_path / "old", tmp_path / "new", tmp_path / "site"
    for i in (1, 2):
        assert _cli("build", "--project", str(root), "--shard", f"{i}/2", "--out", str(old / str(i)), "--shard-size", str(SMALL))[0] == 0
    withdrawn = plan(root, SMALL).shards[0].files[0]
    name = withdrawn.relative_to(root).as_posix()
    withdrawn.unlink()
    for i in (1, 2):
        assert _cli("build", "--project", str(root), "--shard", f"{i}/2", "--out", str(new / str(i)), "--shard-size", str(SMALL))[0] == 0
    code, said = _cli("assemble", str(old / "1"), str(new / "2"), "--project", str(root), "--site-dir", str(site), "--shard-size", str(SMALL))
    assert code == 1, said
    assert f"{name}：项目中已经没有这个文件" in said and str(old / "1") in said
    assert "请清空 --out 文件夹后重新构建" in said and not site.exists()
    # A corrected document: the old job's shard holds its earlier text.
    corrected = plan(root, SMALL).shards[1].files[0]
    text = corrected.read_text(encoding="utf-8")
    assert _cli("build", "--project", str(root), "--shard", "2/2", "--out", str(old / "2"), "--shard-size", str(SMALL))[0] == 0
    corrected.write_text(text.replace("title: ", "title: 更正后的", 1), encoding="utf-8")
    code, said = _cli("assemble", str(new / "1"), str(old / "2"), "--project", str(root), "--site-dir", str(site), "--shard-size", str(SMALL))
    assert code == 1 and f"{corrected.relative_to(root).as_posix()}：项目中的这个文件已经改过" in said, said
    assert not site.exists()
    assert _cli("build", "--project", str(root), "--shard", "2/2", "--out", str(new / "2"), "--shard-size", str(SMALL))[0] == 0
    code, said = _cli("assemble", str(new / "1"), str(new / "2"), "--project", str(root), "--site-dir", str(site), "--shard-size", str(SMALL))
    assert code == 0, said


def test_a_published_page_edited_in_place_is_not_published_again_by_later_builds(corpus: Project, clean: Path, tmp_path: Path) -> None:
    """The site's files are the cache's (hard links): an edit in ``site/`` is seen by the next build, named, and undone."""
    root = tmp_path / "project"
    _clone(corpus, root)
    project = Project(root)
    site = tmp_path / "site"
    said: list[str] = []
    build(project, site, shard_size=SMALL, jobs=1, warn=said.append)
    build(project, site, shard_size=SMALL, jobs=1, warn=said.append)
    assert said == []  # nothing was changed between the builds: no alarm
    department = plan(root, SMALL).shards[0].departments[0]
    page = next((site / department).rglob("index.html"))  # a document's page, from its shard
    assert page.stat().st_nlink > 1  # the case at hand: the page is a file of the cache too
    script = '<script src="https://tongji.example.gov.cn/t.js"></script>\n'
    for edited in (page, site / "index.html"):
        with open(edited, "a", encoding="utf-8") as f:  # in place, as `>>` and vim do
            f.write(script)
    # A clean build replaces the site, but not the cache it no longer uses; the plain build after it must not publish the edit.
    build(project, site, shard_size=SMALL, jobs=1, cache=False)
    assert said == []
    build(project, site, shard_size=SMALL, jobs=1, warn=said.append)
    assert first_difference(clean, site) is None
    assert len(said) == 1 and page.relative_to(site).as_posix() in said[0] and "index.html、" in said[0] and "不会保留" in said[0], said
    build(project, site, shard_size=SMALL, jobs=1, warn=said.append)
    assert len(said) == 1 and first_difference(clean, site) is None


def test_a_build_stopped_by_a_content_error_leaves_no_false_alarm(corpus: Project, tmp_path: Path) -> None:
    root = tmp_path / "project"
    _clone(corpus, root)
    project = Project(root)
    site = tmp_path / "site"
    said: list[str] = []
    build(project, site, shard_size=SMALL, jobs=1, warn=said.append)
    edited = plan(root, SMALL).shards[0].files[0]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("title: ", "title: （更正）", 1), encoding="utf-8")
    other = plan(root, SMALL).shards[-1].files[0]
    other.write_text(other.read_text(encoding="utf-8") + "year: [\n", encoding="utf-8")
    with pytest.raises(Exception):
        build(project, site, shard_size=SMALL, jobs=1, warn=said.append)
    other.write_text(other.read_text(encoding="utf-8").replace("year: [\n", ""), encoding="utf-8")
    build(project, site, shard_size=SMALL, jobs=1, warn=said.append)
    assert said == []


def test_the_address_in_mkdocs_yml_gives_a_sharded_site_the_sitemap_a_whole_build_has(corpus: Project, tmp_path: Path) -> None:
    """Without ``base_url`` in site.yml, MkDocs takes ``site_url`` from mkdocs.yml: the assembly's sitemap lists every page by it too."""
    root = tmp_path / "project"
    _clone(corpus, root)
    settings = root / "content" / "site.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("base_url: https://budget.example.gov.cn/\n", ""), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("use_directory_urls: true\n", "site_url: https://yjgk.example.gov.cn/\nuse_directory_urls: true\n"), encoding="utf-8")
    whole, sharded = tmp_path / "whole", tmp_path / "sharded"
    build(Project(root), whole, shard_size=WHOLE, jobs=1, cache=False)
    build(Project(root), sharded, shard_size=SMALL, jobs=1, cache=False)
    sitemap = (sharded / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>https://yjgk.example.gov.cn/") > 40
    assert first_difference(whole, sharded) is None


@pytest.mark.parametrize("plugins", ["", "plugins: [search]\n", "plugins:\n  - material/tags\n"])
def test_a_plugin_that_collects_across_pages_is_refused_in_a_sharded_build(corpus: Project, tmp_path: Path, plugins: str) -> None:
    """MkDocs' search (on when mkdocs.yml has no plugins line) indexed only the assembly's pages: never a partial index."""
    from pubgen.errors import BuildFailed

    root = tmp_path / "project"
    _clone(corpus, root)
    config = root / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace("plugins: []\n", plugins), encoding="utf-8")
    site = tmp_path / "site"
    with pytest.raises(BuildFailed) as refused:
        build(Project(root), site, shard_size=SMALL, jobs=1, cache=False)
    said = refused.value.message
    assert ("search" in said or "material/tags" in said) and "分片" in said and "没有发布" in said, said
    assert ("plugins: []" in said) == ("tags" not in plugins), said
    assert not site.exists()
    code, said = _cli("build", "--project", str(root), "--shard", "1/2", "--out", str(tmp_path / "out"), "--shard-size", str(SMALL))
    assert code == 1 and "没有发布" in said, said
    # Switched off, it is no plugin of the build.
    config.write_text(original.replace("plugins: []\n", "plugins:\n  - search:\n      enabled: false\n"), encoding="utf-8")
    build(Project(root), site, shard_size=SMALL, jobs=1, cache=False)
    assert not (site / "search" / "search_index.json").exists()


def test_shard_output_is_refused_where_it_would_be_published_or_read_and_old_shards_are_cleared(corpus: Project, clean: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    _clone(corpus, root)
    shutil.copytree(clean, root / "site")  # the project's published site, which no shard may be written into
    for folder in ("site", "content", "templates", ".", "content/documents"):
        code, said = _cli("build", "--project", str(root), "--shard", "1/2", "--out", str(root / folder), "--shard-size", str(SMALL))
        assert code == 2 and "不能把分片写进" in said and "没有改动任何文件" in said, (folder, said)
    assert not list(root.rglob("shard-*"))
    # A folder reused with another partition: the old shards are removed, and said so; the assembly takes the rest.
    out = tmp_path / "shards"
    assert _cli("build", "--project", str(root), "--shard", "1/1", "--out", str(out / "1"), "--shard-size", str(SEVERAL))[0] == 0
    for i in (1, 2):
        code, said = _cli("build", "--project", str(root), "--shard", f"{i}/2", "--out", str(out / str(i)), "--shard-size", str(SMALL))
        assert code == 0, said
    assert "已删除" in said or i == 2
    code, said = _cli("assemble", str(out / "1"), str(out / "2"), "--project", str(root), "--site-dir", str(tmp_path / "site"), "--shard-size", str(SMALL))
    assert code == 0, said
    # Jobs split another way (three, not two) while the two older folders are handed over too: each shard twice.
    for i in (1, 2, 3):
        assert _cli("build", "--project", str(root), "--shard", f"{i}/3", "--out", str(tmp_path / "three" / str(i)), "--shard-size", str(SMALL))[0] == 0
    jobs = [str(out / "1"), str(out / "2")] + [str(tmp_path / "three" / str(i)) for i in (1, 2, 3)]
    code, said = _cli("assemble", *jobs, "--project", str(root), "--site-dir", str(tmp_path / "site"), "--shard-size", str(SMALL))
    assert code == 1 and "分片重复" in said and "请清空 --out 文件夹后重新构建" in said, said


def test_assemble_strict_refuses_shards_built_without_strict(corpus: Project, tmp_path: Path) -> None:
    """A warning no one acknowledged: shards built without --strict pass it, and a strict assembly must not publish past it."""
    import re

    root = tmp_path / "project"
    _clone(corpus, root)
    # A self-evaluation published in the year it evaluates: a warning (the year is not over), not an error.
    evaluation = next(p for p in sorted((root / "content" / "documents").rglob("*-self-evaluation.yml")))
    text = evaluation.read_text(encoding="utf-8")
    year = re.search(r"^year: (\d+)$", text, re.M)[1]  # type: ignore[index]
    evaluation.write_text(re.sub(r"^published: .*$", f"published: {year}-04-08", text, count=1, flags=re.M), encoding="utf-8")
    code, said = _cli("build", "--project", str(root), "--strict", "--site-dir", str(tmp_path / "strict"), "--shard-size", str(SMALL), "--no-cache")
    assert code == 1  # the warnings that a strict assembly must not pass either
    for i in (1, 2):
        code, said = _cli("build", "--project", str(root), "--shard", f"{i}/2", "--out", str(tmp_path / str(i)), "--shard-size", str(SMALL))
        assert code == 0, said
    site = tmp_path / "site"
    code, said = _cli("assemble", str(tmp_path / "1"), str(tmp_path / "2"), "--project", str(root), "--site-dir", str(site), "--shard-size", str(SMALL), "--strict")
    assert code == 1 and "没有加 --strict" in said and "也加上 --strict" in said and not site.exists(), said
    code, said = _cli("assemble", str(tmp_path / "1"), str(tmp_path / "2"), "--project", str(root), "--site-dir", str(site), "--shard-size", str(SMALL))
    assert code == 0, said


@pytest.mark.parametrize("value", ["4/3", "0/3", "3/0", "abc"])
def test_a_wrong_shard_number_names_the_option_and_its_range(value: str, tmp_path: Path) -> None:
    code, said = _cli("build", "--project", str(ROOT), "--shard", value, "--out", str(tmp_path / "out"))
    assert code == 2 and "--shard 应写成 I/N" in said and f"“{value}”不对" in said, said
    assert ("I 只能是 1 到 3" in said) == (value == "4/3")
    assert not (tmp_path / "out").exists()


def test_a_count_of_jobs_is_not_told_to_leave_out_the_year_character() -> None:
    code, said = _cli("build", "--project", str(ROOT), "--jobs", "0")
    assert code == 2 and "--jobs 应是整数（1 到 256）" in said and "年" not in said, said


def test_a_cache_shard_removed_during_a_build_says_to_run_the_build_again(corpus: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A shard of the cache gone between its build and the assembly (another program removed .pubgen-cache/)."""
    from pubgen import assemble as assembly
    from pubgen.errors import BuildFailed

    root = tmp_path / "project"
    _clone(corpus, root)
    real = assembly.read_manifest

    def vanished(folder: Path, cached: bool = False) -> dict[str, object]:
        shutil.rmtree(folder, ignore_errors=True)
        return real(folder, cached)

    monkeypatch.setattr(assembly, "read_manifest", vanished)
    with pytest.raises(BuildFailed) as failed:
        build(Project(root), tmp_path / "site", shard_size=SMALL, jobs=1)
    said = failed.value.message
    assert "构建缓存中的分片" in said and "不存在（ENOENT）" in said and "请重新运行 pubgen build。" in said, said
    assert "--shard" not in said and "No such file" not in said


def test_the_replaced_sites_department_folders_are_moved_into_the_next_build_only_as_the_cache_has_them(
    corpus: Project, clean: Path, tmp_path: Path
) -> None:
    """A build keeps the site it replaced; the next moves in its department folders that hold exactly the cache's files.

    Moving a folder instead of linking each file saves a link per page at every build and an unlink per page after it;
    a folder that someone changed in the published site (a file added, removed, replaced, a folder's mode) is linked
    from the cache instead, so what they did is not published again.
    """
    root = tmp_path / "project"
    _clone(corpus, root)
    project = Project(root)
    site = tmp_path / "site"
    shards = plan(root, SMALL).shards
    edited = shards[0].files[0]
    untouched, added, removed, replaced, closed = [d for s in shards[1:] for d in s.departments][:5]
    original = edited.read_text(encoding="utf-8")
    title = next(line for line in original.splitlines() if line.startswith("title: "))

    def edit_and_build(text: str, message: str) -> None:
        edited.write_text(text, encoding="utf-8")
        git(root, "commit", "-qam", message)
        build(project, site, shard_size=SMALL, jobs=1)

    build(project, site, shard_size=SMALL, jobs=1)
    first = (site / untouched).stat().st_ino
    # Nothing was replaced: the published site is linked into the spare folder, for the first edit.
    (linked,) = (root / CACHE / "spare").iterdir()
    ahead = (linked / untouched).stat().st_ino
    edit_and_build(original.replace(title, title + "（更正）", 1), "edit")
    assert (site / untouched).stat().st_ino == ahead
    assert len(list((root / CACHE / "spare").iterdir())) == 1  # the first build's site, kept
    second = {d: (site / d).stat().st_ino for d in (untouched, added, removed, replaced, closed)}
    corrected = tmp_path / "corrected"
    shutil.copytree(site, corrected)
    # The second site is changed where it is published; the third build takes the first's folders, unchanged.
    (site / added / "统计.html").write_text("<script>tongji()</script>", encoding="utf-8")
    next(p for p in (site / removed).rglob("*") if p.is_file()).unlink()
    swapped = next(p for p in (site / replaced).rglob("*") if p.is_file())
    copy = swapped.with_name(swapped.name + ".tmp")
    shutil.copyfile(swapped, copy)
    os.replace(copy, swapped)  # the same bytes in a file of its own, as an editor that writes a copy and renames it
    (site / closed).chmod(0o700)
    edit_and_build(original, "undo the edit")
    assert (site / untouched).stat().st_ino == first  # moved from the first site, not linked anew
    assert first_difference(clean, site) is None
    # The fourth build takes the changed second site's folders only where nothing was changed.
    edit_and_build(original.replace(title, title + "（更正）", 1), "edit again")
    assert (site / untouched).stat().st_ino == second[untouched]
    for department in (added, removed, replaced, closed):
        assert (site / department).stat().st_ino != second[department], department
    assert first_difference(corrected, site) is None
    assert (site / closed).stat().st_mode & 0o777 == (site / untouched).stat().st_mode & 0o777
    cached = {p.stat().st_ino for p in (root / CACHE / "shards").rglob(swapped.name)}
    assert swapped.stat().st_ino in cached  # the cache's file, not the copy
