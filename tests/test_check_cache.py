"""The check cache reports exactly what checking everything again reports, whatever is edited, and re-checks only what an edit can affect."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pubgen import checkcache
from pubgen import validate as validate_module
from pubgen.checkcache import INDEX_NAME, cache_folder, check_cached
from pubgen.load import yaml_file_names, yaml_files
from pubgen.parallel import check_content
from pubgen.problems import Report

from .conftest import ROOT

PUBGEN = [sys.executable, "-m", "pubgen"]


def every_field(report: Report) -> list[dict[str, object]]:
    """What a reader of the report sees: every field of every problem, in the order reported."""
    return [p.to_dict() for p in report.sorted()]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated project of 40 documents: budgets, final accounts and self-evaluations, official tables with unit documents."""
    out = tmp_path_factory.mktemp("corpus") / "project"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(out), "--documents", "40", "--seed", "7", "--discrepancies", "4"],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture
def project(generated: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(generated, copy, symlinks=True)
    return copy


# --------------------------------------------------------------------------- edits an editor (or a mistake) makes


def _documents(root: Path) -> list[Path]:
    return [p for p in yaml_files(root / "content" / "documents") if p.is_file() and not p.is_symlink()]


def _pick(rng: random.Random, paths: list[Path]) -> Path | None:
    return rng.choice(paths) if paths else None


def change_a_figure(root: Path, rng: random.Random) -> None:
    path = _pick(rng, _documents(root))
    if path is None:
        return
    text = path.read_text(encoding="utf-8")
    figures = list(re.finditer(r"(?<![\w.])\d+\.\d+(?![\w.])", text))
    if not figures:
        return
    hit = rng.choice(figures)
    changed = f"{int(hit.group().split('.')[0]) + rng.randint(1, 9)}.{hit.group().split('.')[1]}"
    path.write_text(text[: hit.start()] + changed + text[hit.end() :], encoding="utf-8")


def delete_a_document(root: Path, rng: random.Random) -> None:
    path = _pick(rng, _documents(root))
    if path is not None:
        path.unlink()


def copy_a_document(root: Path, rng: random.Random) -> None:
    """A second file for the same document: a duplicate address, and the same figures compared twice."""
    path = _pick(rng, _documents(root))
    if path is not None:
        shutil.copy(path, path.with_name(f"copy-{rng.randint(0, 999)}-{path.name}"))


def move_to_another_folder(root: Path, rng: random.Random) -> None:
    """Against the documented layout: a department's documents now sit in two folders."""
    docs = _documents(root)
    path = _pick(rng, docs)
    other = _pick(rng, docs)
    if path is not None and other is not None and other.parent != path.parent:
        target = other.parent / f"moved-{path.name}"
        if not target.exists():
            path.rename(target)


def rename_the_department(root: Path, rng: random.Random) -> None:
    """A document names another department, or one that does not exist."""
    path = _pick(rng, _documents(root))
    if path is None:
        return
    departments = sorted(re.findall(r"^department: (\S+)$", "".join(p.read_text(encoding="utf-8") for p in _documents(root)[:40]), re.M))
    wanted = rng.choice(departments + ["henan/nowhere/jiaoyuju"])
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^department: \S+$", f"department: {wanted}", text, count=1, flags=re.M), encoding="utf-8")


def break_the_yaml(root: Path, rng: random.Random) -> None:
    path = _pick(rng, _documents(root))
    if path is not None:
        lines = path.read_text(encoding="utf-8").split("\n")
        lines.insert(rng.randint(3, max(3, len(lines) - 1)), "  坏了: [")
        path.write_text("\n".join(lines), encoding="utf-8")


def change_the_site_unit(root: Path, rng: random.Random) -> None:
    site = root / "content" / "site.yml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("unit: 万元", "unit: 元") if "unit: 万元" in text else text.replace("unit: 元", "unit: 万元"), encoding="utf-8")


def remove_a_department(root: Path, rng: random.Random) -> None:
    path = _pick(rng, yaml_files(root / "content" / "departments"))
    if path is not None:
        stash = root / "stash"
        stash.mkdir(exist_ok=True)
        path.rename(stash / path.name.replace(".yml", f"-{path.parent.name}.yml"))


def touch_without_change(root: Path, rng: random.Random) -> None:
    path = _pick(rng, _documents(root))
    if path is not None:
        path.write_bytes(path.read_bytes())


def put_back_as_it_was(root: Path, rng: random.Random) -> None:
    """Undo: a file's earlier content comes back (the cache may still hold its problems)."""
    path = _pick(rng, _documents(root))
    if path is None:
        return
    original = Path(str(path).replace(str(root), str(root.parent.parent / "original")))
    if original.is_file():
        shutil.copy(original, path)


def link_a_document(root: Path, rng: random.Random) -> None:
    """A symbolic link among the documents: refused when read, never kept in the cache."""
    path = _pick(rng, _documents(root))
    if path is not None:
        link = path.with_name(f"link-{rng.randint(0, 999)}.yml")
        if not os.path.lexists(link):
            link.symlink_to(path.name)


def copy_under_a_name_in_capitals(root: Path, rng: random.Random) -> None:
    """A second file whose name differs only in case: a name collision on Windows and macOS (file-name-collision)."""
    path = _pick(rng, _documents(root))
    if path is not None:
        shutil.copy(path, path.with_name(path.stem.upper() + path.suffix))


def link_the_glossary_nowhere(root: Path, rng: random.Random) -> None:
    """A glossary definition that links to no web address (link-address), in a site file the documents do not include."""
    path = root / "content" / "glossary.yml"
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"definition: ", "definition: 见[上级文件](//example.org/x)。", text, count=1), encoding="utf-8")


EDITS: list[Callable[[Path, random.Random], None]] = [
    change_a_figure,
    change_a_figure,
    delete_a_document,
    copy_a_document,
    move_to_another_folder,
    rename_the_department,
    break_the_yaml,
    change_the_site_unit,
    remove_a_department,
    touch_without_change,
    put_back_as_it_was,
    link_a_document,
    copy_under_a_name_in_capitals,
    link_the_glossary_nowhere,
]


@pytest.fixture
def trust_file_times(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Edits here come a few milliseconds apart: trust unchanged file times at once, so the tests read through them as a later check would."""
    monkeypatch.setattr(checkcache, "RACY_NS", 0)
    yield


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), edits=st.lists(st.integers(0, len(EDITS) - 1), min_size=2, max_size=5))
def test_cached_and_uncached_reports_are_identical_after_random_edits(generated: Path, trust_file_times: None, seed: int, edits: list[int]) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "work" / "project"
        shutil.copytree(generated, root, symlinks=True)
        shutil.copytree(generated, Path(tmp) / "original", symlinks=True)
        content, cache = root / "content", cache_folder(root)
        assert every_field(check_cached(content, cache).report) == every_field(check_content(content))
        for step in edits:
            EDITS[step](root, rng)
            cached = check_cached(content, cache)
            fresh = check_content(content)
            assert every_field(cached.report) == every_field(fresh), f"after {[EDITS[s].__name__ for s in edits]}"
            assert cached.report.to_text() == fresh.to_text()


def test_the_site_wide_checks_are_run_by_the_cached_check_too(project: Path, trust_file_times: None) -> None:
    """A name that differs only in case and a glossary link to no web address: the cached check (the default) says so, as a fresh one does."""
    content, cache = project / "content", cache_folder(project)
    check_cached(content, cache)
    rng = random.Random(3)
    copy_under_a_name_in_capitals(project, rng)
    link_the_glossary_nowhere(project, rng)
    cached = check_cached(content, cache)
    assert {"file-name-collision", "link-address"} <= {p.code for p in cached.report.problems}
    assert every_field(cached.report) == every_field(check_content(content))


def test_one_changed_file_rechecks_its_department_only(project: Path, trust_file_times: None) -> None:
    content, cache = project / "content", cache_folder(project)
    first = check_cached(content, cache)
    assert first.rechecked == first.folders >= 3
    again = check_cached(content, cache)
    assert again.rechecked == 0
    assert every_field(again.report) == every_field(first.report)
    change_a_figure(project, random.Random(3))
    after = check_cached(content, cache)
    assert after.rechecked == 1, "only the changed document's department folder is read again"
    assert every_field(after.report) == every_field(check_content(content))


def _change_a_sibling_of_an_acknowledged_document(project: Path) -> tuple[Path, Path]:
    """Change a figure in a document whose department also has a document with acknowledged differences; both paths."""
    acknowledged = next(p for p in _documents(project) if "acknowledgements:" in p.read_text(encoding="utf-8"))
    figure = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")
    changed = next(p for p in _documents(project) if p.parent == acknowledged.parent and p != acknowledged and figure.search(p.read_text(encoding="utf-8")))
    text = changed.read_text(encoding="utf-8")
    hit = next(figure.finditer(text))
    changed.write_text(text[: hit.start()] + "9" + text[hit.start() :], encoding="utf-8")
    return changed, acknowledged


def test_one_changed_file_runs_its_own_checks_only(project: Path, trust_file_times: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its department's other documents are read again (the comparisons across documents need them), but what their
    own checks found is taken from the cache, acknowledged differences included."""
    content, cache = project / "content", cache_folder(project)
    check_cached(content, cache)
    changed, acknowledged = _change_a_sibling_of_an_acknowledged_document(project)
    checked: list[str] = []

    def counting(check: Callable[[Any], Iterator[Any]]) -> Callable[[Any], Iterator[Any]]:
        def counted(dc: Any) -> Iterator[Any]:
            checked.append(dc.src.name)
            return check(dc)

        return counted

    monkeypatch.setattr(validate_module, "DOCUMENT_CHECKS", tuple(counting(c) for c in validate_module.DOCUMENT_CHECKS))
    after = check_cached(content, cache)
    monkeypatch.undo()
    assert after.rechecked == 1
    assert set(checked) == {changed.relative_to(project).as_posix()}, "the other documents' own checks are not run again"
    report = every_field(after.report)
    assert report == every_field(check_content(content))
    assert any(p["acknowledged"] and p["file"].endswith(acknowledged.name) for p in report), "the sibling's acknowledged difference is still reported"


def test_one_changed_file_checked_on_every_core_takes_the_same_problems_from_the_cache(
    project: Path, trust_file_times: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where many folders changed, they are checked in processes of their own; the unchanged documents' problems go with them."""
    if checkcache.workers() < 2:
        pytest.skip("one core: folders are never checked in processes of their own")
    monkeypatch.setattr(checkcache, "PARALLEL_FROM", 1)
    content, cache = project / "content", cache_folder(project)
    check_cached(content, cache)
    _change_a_sibling_of_an_acknowledged_document(project)
    results: list[Any] = []
    in_chunks = checkcache._in_chunks

    def recorded(*args: Any) -> Iterator[Any]:
        for names, result in in_chunks(*args):
            results.append(result)
            yield names, result

    monkeypatch.setattr(checkcache, "_in_chunks", recorded)
    after = check_cached(content, cache)
    assert results and any(r.reused for r in results), "the workers took the unchanged documents' problems from the cache"
    assert every_field(after.report) == every_field(check_content(content))


def test_a_document_changed_while_its_kept_problems_are_used_is_checked_again(
    project: Path, trust_file_times: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The problems kept for a document belong to the bytes it had when hashed: if it changes before the check ends, they are not used."""
    content, cache = project / "content", cache_folder(project)
    check_cached(content, cache)
    changed, acknowledged = _change_a_sibling_of_an_acknowledged_document(project)
    calls: list[bool] = []
    check_folders = checkcache._check_folders

    def meanwhile(root: Path, folders: Any, base_for: Any, known: Any = None) -> Any:
        result = check_folders(root, folders, base_for, known)
        calls.append(bool(result.reused))
        if len(calls) == 1:
            # An editor saves the acknowledged document (whose kept problems were just used) while the check runs.
            text = acknowledged.read_text(encoding="utf-8")
            acknowledged.write_text(text.replace("acknowledgements:", "no_such_field: 1\nacknowledgements:", 1), encoding="utf-8")
        return result

    monkeypatch.setattr(checkcache, "_check_folders", meanwhile)
    after = check_cached(content, cache)
    assert calls == [True, False], "checked once with the kept problems, then again without them"
    fresh = every_field(check_content(content))
    assert every_field(after.report) == fresh
    assert any(p["code"] == "unknown-field" and p["file"].endswith(acknowledged.name) for p in fresh)
    monkeypatch.undo()
    assert every_field(check_cached(content, cache).report) == fresh, "and it is checked afresh next time"


def test_documents_in_the_sites_unit_are_checked_again_in_its_new_unit(project: Path, trust_file_times: None) -> None:
    """What a document's own checks found is kept for its bytes and for the site's unit, which a figure naming no unit is in."""
    for path in _documents(project):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^ *unit: (元|万元)\n", "", text), encoding="utf-8")
    content, cache = project / "content", cache_folder(project)
    before = every_field(check_cached(content, cache).report)
    change_the_site_unit(project, random.Random(0))
    fresh = every_field(check_content(content))
    assert fresh != before, "the documents' figures read differently in the other unit"
    assert every_field(check_cached(content, cache).report) == fresh


def test_a_change_that_keeps_size_and_modification_time_is_still_seen(project: Path, trust_file_times: None) -> None:
    content, cache = project / "content", cache_folder(project)
    check_cached(content, cache)
    path = next(p for p in _documents(project) if "department:" in p.read_text(encoding="utf-8"))
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    swapped = re.sub(r"^year: (\d{4})$", lambda m: f"year: {int(m.group(1)) + 1}" if not m.group(1).endswith("9") else f"year: {int(m.group(1)) - 1}", text, count=1, flags=re.M)
    assert len(swapped.encode()) == len(text.encode()) and swapped != text
    path.write_text(swapped, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same modification time: only the change time differs
    assert every_field(check_cached(content, cache).report) == every_field(check_content(content))


def test_a_file_changed_during_the_check_is_read_again_next_time(project: Path) -> None:
    """With the default racy window, a file changed moments after a check is hashed again, not trusted by its times."""
    content, cache = project / "content", cache_folder(project)
    check_cached(content, cache)
    change_a_figure(project, random.Random(5))
    assert every_field(check_cached(content, cache).report) == every_field(check_content(content))


def test_a_damaged_cache_file_is_ignored(project: Path) -> None:
    content, cache = project / "content", cache_folder(project)
    expected = every_field(check_content(content))
    check_cached(content, cache)
    index = cache / INDEX_NAME
    head, *groups = index.read_bytes().splitlines()
    data = json.loads(head)
    keys = [line.partition(b"\t")[0] for line in groups]
    assert keys, "the cache keeps a line per group"
    for damaged in (
        b"{not json",
        b"\xff\xfe",
        b"\n".join([head, *(k + b'\t{"x": [[1, 2]]}' for k in keys)]),
        b"\n".join([head, *(k + b"\t[not json" for k in keys)]),
        b"\n".join([head, *(k + b"\t" for k in keys)]),
        b"\n".join([head, *(k + b'\t[{}, {"x": [[1, 2]]}]' for k in keys)]),  # the own checks' half damaged
        b"\n".join([json.dumps({**data, "stamps": {k: ["a"] for k in data["stamps"]}}).encode(), *groups]),
        b"\n".join([head, *(line[: len(line) // 2] for line in groups)]),
        json.dumps([1, 2, 3]).encode(),
    ):
        index.write_bytes(damaged)
        assert every_field(check_cached(content, cache).report) == expected


def test_the_cache_is_keyed_by_pubgen_itself(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another version of pubgen (or of its rules) never reads this one's results."""
    content, cache = project / "content", cache_folder(project)
    check_cached(content, cache)
    monkeypatch.setattr(checkcache, "fingerprint", lambda: "another pubgen")
    assert check_cached(content, cache).rechecked >= 3


def test_documents_listed_as_text_come_in_the_order_of_paths(tmp_path: Path) -> None:
    """The cached check lists documents as strings; they must be the files, and in the order, that reading them as paths gives."""
    documents = tmp_path / "documents"
    wanted = []
    for folder in ("a", "a-b", "a.b", "a b", "A", "a/b", "a-b/c", "中文", "a/-"):
        (documents / folder).mkdir(parents=True, exist_ok=True)
        for name in ("x.yml", "..yml", "z.yaml", "y.YML", ".yml", "w.txt", "v.yml.bak"):
            (documents / folder / name).write_text("year: 2024\n", encoding="utf-8")
        wanted += [documents / folder / n for n in ("x.yml", "..yml", "z.yaml", "y.YML")]  # y.YML: read, and told to rename
    (documents / "a" / "link").symlink_to(documents / "A")
    (documents / "a-b" / "to-file.yml").symlink_to(documents / "a" / "x.yml")
    os.mkfifo(documents / "a b" / "pipe.yml")
    wanted += [documents / "a" / "link", documents / "a-b" / "to-file.yml", documents / "a b" / "pipe.yml"]
    names = yaml_file_names(documents)
    assert set(names) == {os.fspath(p) for p in wanted}
    assert [Path(n) for n in names] == sorted(wanted), "part by part, as paths sort"
    assert yaml_files(documents) == sorted(wanted)
    assert names.index(os.fspath(documents / "a" / "x.yml")) < names.index(os.fspath(documents / "a-b" / "c" / "x.yml"))


# --------------------------------------------------------------------------- the command


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PUBGEN, "check", "--project", str(project), *args], capture_output=True, text=True, cwd=project)


def test_pubgen_check_uses_the_cache_and_no_cache_gives_the_same_report(project: Path) -> None:
    cold = run(project, "--format", "json")
    index = project / ".pubgen-cache" / "check" / INDEX_NAME
    assert index.is_file(), "the first check fills the cache"
    assert (project / ".pubgen-cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    warm = run(project, "--format", "json")
    shutil.rmtree(project / ".pubgen-cache")
    fresh = run(project, "--format", "json", "--no-cache")
    assert not (project / ".pubgen-cache").exists(), "--no-cache writes nothing"
    assert cold.stdout == warm.stdout == fresh.stdout
    assert cold.returncode == warm.returncode == fresh.returncode == 1  # the planted errors
    assert json.loads(warm.stdout)["errors"] >= 4


def test_a_cache_that_cannot_be_written_leaves_the_check_as_it_is(project: Path) -> None:
    (project / ".pubgen-cache").write_text("不是文件夹", encoding="utf-8")
    result = run(project)
    fresh = run(project, "--no-cache")
    assert result.stdout == fresh.stdout and result.returncode == fresh.returncode
    assert "检查缓存无法写入" in result.stderr and "Traceback" not in result.stderr


def test_a_document_whose_file_name_is_not_utf8_keeps_its_problems_in_the_cache(project: Path, trust_file_times: None) -> None:
    """Its name is kept as lone surrogates, which the cache file writes as they are; the next check reads them back from it."""
    content, cache = project / "content", cache_folder(project)
    path = _documents(project)[0]
    odd = Path(os.fsdecode(os.fsencode(path.parent) + b"/\xff\xfe-" + os.fsencode(path.name)))
    path.rename(odd)
    odd.write_text(odd.read_text(encoding="utf-8") + "\nno_such_field: 1\n", encoding="utf-8")
    expected = every_field(check_content(content))
    assert any(p["file"].endswith(odd.name) for p in expected), "the renamed document has a problem to keep"
    first = check_cached(content, cache)
    again = check_cached(content, cache)
    assert again.rechecked == 0, "the second check reads every group back from the cache"
    assert every_field(first.report) == every_field(again.report) == expected


def test_a_departments_new_name_is_read_by_its_documents_own_checks_again(tmp_path: Path, trust_file_times: None) -> None:
    """A figure stated under the department's own name is the document's; under another body's, it is not. The own
    checks read the department's name, so renaming the department checks its documents again instead of reusing them."""
    from .conftest import copy_project

    project = copy_project(tmp_path / "p", built_before=False).root
    doc = project / "content/documents/shanghai/putuo/shangwuwei/2025-budget.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("收入预算37,151.47万元", "收入预算37,151.74万元", 1), encoding="utf-8")
    content, cache = project / "content", cache_folder(project)
    before = check_cached(content, cache).report
    assert any(p.code == "text-figure-mismatch" and "37151.74" in p.message for p in before.problems)
    department = project / "content/departments/shanghai/putuo/shangwuwei.yml"
    department.write_text(department.read_text(encoding="utf-8").replace("name: 上海市普陀区商务委员会", "name: 普陀区商务部门"), encoding="utf-8")
    fresh = check_content(content)
    assert not any("37151.74" in p.message for p in fresh.problems), "under a name not its own, the figure is another body's"
    assert every_field(check_cached(content, cache).report) == every_field(fresh)
