"""Publishing never destroys what it should not, is one atomic step, and cleans up after crashed builds."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pubgen import publish as publishing
from pubgen.cli import main
from pubgen.pipeline import Project, build
from pubgen.sitedir import MARKER

from .conftest import copy_project, git
from .faulttools import build_command, child_env, left_over, tree

REFUSED = "错误：不能把网站发布到"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "site_dir",
    ["content", ".", "..", "templates", "content/documents", "templates/assets", "site/../content", "linked-content", "linked-project"],
)
def test_a_site_dir_that_publishing_would_destroy_is_refused_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site_dir: str) -> None:
    project = copy_project(tmp_path / "project")
    git(project.root, "init", "-q")
    (project.root / "linked-content").symlink_to(project.content)
    (project.root / "linked-project").symlink_to(project.root)
    (tmp_path / "beside.txt").write_text("the project's neighbour", encoding="utf-8")
    before = tree(tmp_path)
    monkeypatch.chdir(project.root)
    code, output = invoke("build", "--site-dir", site_dir)
    assert code == 2, output
    assert output.startswith(f"{REFUSED} {project.root / site_dir}"), output
    assert "发布会整个替换这个文件夹" in output and "--site-dir" in output and "没有改动任何文件" in output
    assert "Traceback" not in output
    assert tree(tmp_path) == before, "nothing was written, moved or removed"


def test_a_git_repository_a_foreign_folder_and_the_home_folder_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    foreign = tmp_path / "documents-of-someone"
    foreign.mkdir()
    (foreign / "年度报告.docx").write_bytes(b"not a site")
    home = tmp_path / "home"
    (home / ".config").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    before = tree(tmp_path)
    for site_dir, why in (
        (repo, "它是一个 git 仓库"),
        (repo / ".git" / "site", "它在 git 仓库的 .git 文件夹里"),
        (foreign, f"它不是空文件夹，也不是 pubgen 生成的网站（里面没有 {MARKER} 标记文件）"),
        (home, "它是主目录"),
    ):
        code, output = invoke("build", "--project", str(project.root), "--site-dir", str(site_dir))
        assert code == 2 and output.startswith(f"{REFUSED} {site_dir}：{why}"), output
    assert tree(tmp_path) == before


def test_a_folder_that_holds_content_kept_outside_the_project_is_refused(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    project = copy_project(tmp_path / "project")
    shared.mkdir()
    project.content.rename(shared / "content")
    project.content.symlink_to(shared / "content")
    before = tree(tmp_path)
    code, output = invoke("build", "--project", str(project.root), "--site-dir", str(shared))
    assert code == 2 and output.startswith(f"{REFUSED} {shared}：项目的 content/（即 {shared / 'content'}）在它里面"), output
    assert tree(tmp_path) == before


def test_the_file_system_root_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    top = sorted(os.listdir("/"))
    code, output = invoke("build", "--project", str(project.root), "--site-dir", "/")
    assert code == 2 and output.startswith(f"{REFUSED} /：它是文件系统的根目录"), output
    assert sorted(os.listdir("/")) == top


def test_a_previous_site_and_an_empty_folder_are_replaced(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    empty = tmp_path / "empty"
    empty.mkdir()
    code, output = invoke("build", "--project", str(project.root), "--site-dir", str(empty))
    assert code == 0, output
    assert (empty / MARKER).is_file() and (empty / "index.html").is_file()
    (empty / "stray.html").write_text("a file a person put into the site", encoding="utf-8")
    code, output = invoke("build", "--project", str(project.root), "--site-dir", str(empty))
    assert code == 0, output
    assert not (empty / "stray.html").exists(), "the whole folder is replaced"
    assert left_over(empty) == []


def test_a_symlinked_site_dir_publishes_into_the_folder_it_points_to(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (tmp_path / "www").mkdir()
    link = tmp_path / "public"
    link.symlink_to(tmp_path / "www" / "site")
    for _ in range(2):
        code, output = invoke("build", "--project", str(project.root), "--site-dir", str(link))
        assert code == 0, output
    assert link.is_symlink() and (link / "index.html").is_file()
    assert (tmp_path / "www" / "site" / MARKER).is_file()
    assert left_over(tmp_path / "www" / "site") == []


def test_left_overs_of_crashed_builds_are_removed_and_nothing_else(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    site = project.root / "site"
    crashed = [project.root / ".site.building-a1b2c3d4", project.root / ".site.old-zz_90ab1"]
    for folder in crashed:
        (folder / "site" / "hebei").mkdir(parents=True)
        (folder / "site" / "hebei" / "index.html").write_text("half a site", encoding="utf-8")
    kept = [project.root / ".site.building-mine", project.root / ".site.x.building-a1b2c3d4", project.root / ".other.old-a1b2c3d4"]
    for folder in kept:
        folder.mkdir()
    code, output = invoke("build", "--project", str(project.root))
    assert code == 0, output
    assert not any(folder.exists() for folder in crashed)
    assert all(folder.is_dir() for folder in kept), "only pubgen's own names for this site are removed"
    assert (site / "index.html").is_file()


def test_a_site_set_aside_by_a_crash_between_two_renames_is_put_back(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    site = project.root / "site"
    assert invoke("build", "--project", str(project.root))[0] == 0
    before = tree(site)
    # What an older pubgen killed between "site → .site.old-*" and ".site.building-* → site" left: it wrote no marker.
    os.rename(site, project.root / ".site.old-k1ll3d00")
    (project.root / ".site.old-k1ll3d00" / MARKER).unlink()
    doc = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("kind: budget", "kind: budget: oops", 1), encoding="utf-8")
    code, output = invoke("build", "--project", str(project.root))
    assert code == 1 and "内容检查未通过" in output, output
    assert tree(site) == before, "the old site is back although this build published nothing, and marked as pubgen's"
    assert left_over(site) == []


def _no_exchange(*_: object) -> int:
    """``renameat2`` as on a file system that cannot exchange names (FUSE, some network file systems)."""
    import ctypes

    ctypes.set_errno(errno.EINVAL)
    return -1


def test_where_names_cannot_be_exchanged_two_renames_publish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every file system this machine mounts (ext4, tmpfs, ramfs, overlay) exchanges names, so the
    # refusal is injected where the system call is made.
    monkeypatch.setattr(publishing, "_renameat2", lambda: _no_exchange)
    project = copy_project(tmp_path)
    site = tmp_path / "site"
    build(project, site)
    first = tree(site)
    (project.content / "site.yml").write_text(
        (project.content / "site.yml").read_text(encoding="utf-8").replace("部门预决算公开平台", "部门预决算公开平台（修订）"), encoding="utf-8"
    )
    build(project, site)
    assert tree(site) != first and "部门预决算公开平台（修订）" in (site / "index.html").read_text(encoding="utf-8")
    assert left_over(site) == []


def test_a_crash_between_the_two_renames_leaves_the_old_site_for_the_next_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publishing, "_renameat2", lambda: _no_exchange)
    project = copy_project(tmp_path)
    site = tmp_path / "site"
    build(project, site)
    old = tree(site)
    built = tmp_path / "built"
    built.mkdir()
    (built / "index.html").write_text("the new site", encoding="utf-8")
    pid = os.fork()
    if pid == 0:  # a real process that dies between the two renames, as under kill -9
        renames = 0

        def rename(a: object, b: object) -> None:
            nonlocal renames
            renames += 1
            if renames == 2:
                os._exit(9)
            os.replace(a, b)  # type: ignore[arg-type]

        publishing.os.rename = rename  # type: ignore[assignment]
        publishing.publish(built, site)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 9
    assert not site.exists() and [p for p in left_over(site) if p.startswith(".site.old-")]
    doc = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("kind: budget", "kind: budget: oops", 1), encoding="utf-8")
    code, output = invoke("build", "--project", str(project.root), "--site-dir", str(site))
    assert code == 1, output
    assert tree(site) == old
    assert left_over(site) == []


def test_a_build_waits_for_the_one_publishing_and_leaves_its_folders_alone(tmp_path: Path) -> None:
    import fcntl

    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert invoke("build", "--project", str(project.root), "--site-dir", str(site))[0] == 0
    before = tree(site)
    # Another build holds the lock and works in its staging folder.
    busy = tmp_path / ".site.building-inuse123"
    (busy / "docs").mkdir(parents=True)
    lock = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(lock, fcntl.LOCK_EX)
    waiting = subprocess.Popen(build_command(project.root, site), env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert waiting.stderr is not None
        line = waiting.stderr.readline()
        assert line.startswith(f"另一个 pubgen build 正在 {tmp_path} 中发布网站，等它结束后继续"), line
        time.sleep(1.0)
        assert busy.is_dir() and tree(site) == before, "the waiting build touched nothing"
    finally:
        os.close(lock)  # the other build ends; its folder is now a left-over
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert not busy.exists()
    assert left_over(site) == []


def test_two_builds_started_together_both_publish_a_whole_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    builds = [subprocess.Popen(build_command(project.root, site), env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for b in builds:
        _, err = b.communicate(timeout=180)
        assert b.returncode == 0, err
    reference = tmp_path / "reference"
    build(project, reference)
    assert tree(site) == tree(reference)
    assert left_over(site) == []


READER = """
import os, sys
page, stop = sys.argv[1], sys.argv[2]
lookups = missing = partial = 0
while not os.path.exists(stop):
    for _ in range(200):  # a look-up is cheap, so the instants between two renames are sampled densely
        try:
            os.stat(page)
            lookups += 1
        except FileNotFoundError:
            missing += 1
    try:
        with open(page, "rb") as f:
            partial += not f.read().rstrip().endswith(b"</html>")
    except FileNotFoundError:
        missing += 1
print(lookups, missing, partial)
"""


def test_a_reader_never_finds_the_home_page_missing_during_twenty_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    site = tmp_path / "site"
    build(project, site)
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(site / "index.html"), str(stop)], stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(20):
            build(project, site)
    finally:
        stop.touch()
        out, _ = reader.communicate(timeout=30)
    lookups, missing, partial = map(int, out.split())
    assert lookups > 100_000, "the reader looked all along"
    assert missing == 0, f"site/index.html was missing {missing} times in {lookups + missing} look-ups"
    assert partial == 0, "a read found the home page cut short"


def _keep_writing(folder: Path) -> None:
    """A background part of a build (the open data, the second half of the pages) still writing when the build stops."""
    n = 0
    while True:
        data = folder / "docs" / "data"
        try:
            data.mkdir(parents=True, exist_ok=True)  # as the open-data writer makes its folders
            (data / f"part-{n % 50}.csv").write_text("…", encoding="utf-8")
        except OSError:
            pass  # a file or folder removed under it: it goes on
        n += 1


def test_a_build_stopped_while_a_background_process_writes_leaves_no_staging_folder(tmp_path: Path) -> None:
    """A stop signal during rendering left `.site.building-…` beside the site: the process writing the open data went on
    writing into the staging folder while it was being removed. Removing it now stops such processes first."""
    from pubgen.parallel import Background

    if not Background.forks():
        pytest.skip("one core here: background work runs in-process and cannot outlive the build")
    site = tmp_path / "site"
    staging = publishing.staging_dir(site)
    Background(_keep_writing, staging)
    time.sleep(0.3)
    publishing.discard(staging)
    time.sleep(0.3)  # as long again: nothing comes back
    assert not staging.exists(), sorted(p.name for p in staging.rglob("*"))
