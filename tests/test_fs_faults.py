"""File-system faults end in a Chinese message naming the path and what to do, never a traceback.

The faults are real where the kernel lets a test make them: a full tmpfs (ENOSPC), a
tmpfs remounted read-only (EROFS), a file system mounted over site/ while a build runs
(EBUSY), a folder root may not write once it lost its power to override permissions (EACCES). Errors no mount can produce
here (EXDEV, EIO, EDQUOT …) are injected where the system call is made.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pubgen import publish as publishing
from pubgen.pipeline import Project, build

from .conftest import copy_project
from .faulttools import build_command, child_env, left_over, mounted, remount, tree

PINGXIANG = "hebei/xingtai/pingxiang/xinfangju"


def pubgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pubgen", *args], env=child_env(), capture_output=True, text=True, timeout=300)


def retitled(project: Project) -> None:
    """Change what every page shows, so that a build has something new to publish."""
    site_yml = project.content / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("部门预决算公开平台", "部门预决算公开平台（修订）"), encoding="utf-8")


def assert_told(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    """Exit 1 with one Chinese error line holding ``expected``, and no traceback."""
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    message = [line for line in done.stderr.splitlines() if line.startswith("错误：")]
    assert len(message) == 1, done.stderr
    for part in expected:
        assert part in message[0], message[0]


def test_disk_full_during_a_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    # A disk with room for one build (its staging folder holds the Markdown tree and the site) and half of another:
    # the first build fits, the second runs out while it writes beside the published site.
    build(project, tmp_path / "measured")
    blocks = sum(f.stat().st_blocks * 512 for f in (tmp_path / "measured").rglob("*"))
    with mounted(tmp_path / "disk", f"size={blocks * 5 // 2 // 1024}k") as disk:
        site = disk / "site"
        first = pubgen("build", "--project", str(project.root), "--site-dir", str(site))
        assert first.returncode == 0, first.stderr
        before = tree(site)
        retitled(project)
        full = pubgen("build", "--project", str(project.root), "--site-dir", str(site))
        assert_told(full, "磁盘空间已满（ENOSPC）", str(disk), "请腾出空间", f"已发布的网站 {site} 没有改动")
        assert tree(site) == before
        assert left_over(site) == [], "the failed build removed its staging folder"


def test_read_only_file_system(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with mounted(tmp_path / "disk", "size=20m") as disk:
        site = disk / "site"
        assert pubgen("build", "--project", str(project.root), "--site-dir", str(site)).returncode == 0
        before = tree(site)
        remount(disk, "ro")
        retitled(project)
        done = pubgen("build", "--project", str(project.root), "--site-dir", str(site))
        assert_told(done, "所在的文件系统是只读的（EROFS）", str(disk), "--site-dir", f"已发布的网站 {site} 没有改动")
        assert tree(site) == before


def test_a_site_folder_that_is_a_mount_point_is_refused_before_building(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    build(project, site)
    before = tree(site)
    # A read-only bind mount of the site onto itself, as a web server's folder might be.
    with mounted(site, "bind", source=str(site), fstype=None):
        remount(site, "bind", "ro")
        started = time.monotonic()
        done = pubgen("build", "--project", str(project.root), "--site-dir", str(site))
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"错误：不能把网站发布到 {site}：它是一个挂载点"), done.stderr
        assert f"--site-dir {site / 'site'}" in done.stderr and "Traceback" not in done.stderr
        assert time.monotonic() - started < 30
        assert tree(site) == before
    assert left_over(site) == []


def test_a_file_system_mounted_over_the_site_while_building(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    build(project, site)
    before = tree(site)
    retitled(project)
    running = subprocess.Popen(build_command(project.root, site), env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not left_over(site):  # the site folder was checked and the build is rendering
        assert running.poll() is None and time.monotonic() < deadline, running.communicate()
        time.sleep(0.005)
    with mounted(site, "size=1m"):
        out, err = running.communicate(timeout=120)
        done = subprocess.CompletedProcess(running.args, running.returncode, out, err)
        assert_told(done, f"读写 {site} 时出错", "正被占用，它可能是一个挂载点（EBUSY）", "挂载点里面的一个子文件夹", f"已发布的网站 {site} 没有改动")
    assert tree(site) == before
    assert left_over(site) == []


def as_root_without_permission_override() -> None:
    """In the child before it runs pubgen: root, but held to file permissions like any user.

    Drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set, so that the
    program it runs does not get them back.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_no_permission_to_write_beside_the_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "www"
    out.mkdir()
    site = out / "site"
    build(project, site)
    before = tree(site)
    retitled(project)
    if os.geteuid() == 0:
        os.chown(out, 65534, 65534)  # someone else's folder, and root loses the power to write into it anyway
        preexec = as_root_without_permission_override
    else:
        out.chmod(0o555)
        preexec = None
    try:
        done = subprocess.run(
            build_command(project.root, site), env=child_env(), capture_output=True, text=True, timeout=300, preexec_fn=preexec
        )
    finally:
        out.chmod(0o755)
    assert_told(done, "没有权限（EACCES）", str(out), "请检查这个路径及其上级文件夹的权限", f"已发布的网站 {site} 没有改动")
    assert tree(site) == before
    assert left_over(site) == []


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (errno.EXDEV, "跨越了两个文件系统（EXDEV）"),
        (errno.EIO, "读写出错，磁盘或网络文件系统可能有故障（EIO）"),
        (errno.EDQUOT, "磁盘配额已用完（EDQUOT）"),
        (errno.EPERM, "操作不被允许（EPERM）"),
        (errno.EACCES, "没有权限（EACCES）"),
        (errno.ENOSPC, "磁盘空间已满（ENOSPC）"),
    ],
    ids=["EXDEV", "EIO", "EDQUOT", "EPERM", "EACCES", "ENOSPC"],
)
def test_errors_no_mount_can_make_at_the_swap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, says: str) -> None:
    from click.testing import CliRunner

    from pubgen.cli import main

    project = copy_project(tmp_path)
    site = tmp_path / "site"
    build(project, site)
    before = tree(site)
    retitled(project)

    def refused(*_: object) -> int:
        """``renameat2`` failing with ``code``: injected where the system call is made."""
        ctypes.set_errno(code)
        return -1

    monkeypatch.setattr(publishing, "_renameat2", lambda: refused)
    result = CliRunner().invoke(main, ["build", "--project", str(project.root), "--site-dir", str(site)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert result.output.startswith(f"错误：读写 {site} 时出错：{says}。"), result.output
    assert f"已发布的网站 {site} 没有改动" in result.output
    assert tree(site) == before
    assert left_over(site) == []


def fill(disk: Path) -> None:
    """Write until the file system is full."""
    with open(disk / "filler", "wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def test_new_on_a_full_and_on_a_read_only_disk(tmp_path: Path) -> None:
    with mounted(tmp_path / "disk", "size=4m") as disk:
        project = copy_project(disk / "project")
        new = ("new", "budget", "--department", PINGXIANG, "--year", "2022", "--project", str(project.root))
        target = project.content / "documents" / PINGXIANG / "2022-budget.yml"
        fill(disk)
        assert_told(pubgen(*new), "磁盘空间已满（ENOSPC）", str(project.content / "documents"), "没有新建文件")
        assert not target.exists(), "no half-written document is left"
        (disk / "filler").unlink()
        remount(disk, "ro")
        assert_told(pubgen(*new), "所在的文件系统是只读的（EROFS）", str(target), "没有新建文件")
        assert not target.exists()


def test_schema_on_a_full_and_on_a_read_only_disk(tmp_path: Path) -> None:
    with mounted(tmp_path / "disk", "size=1m") as disk:
        out = disk / "schema"
        fill(disk)
        assert_told(pubgen("schema", "--out", str(out)), "磁盘空间已满（ENOSPC）", str(out))
        for written in out.rglob("*") if out.exists() else []:
            assert written.name.endswith(".schema.json"), "no half-written temporary file is left"
            json.loads(written.read_text(encoding="utf-8"))
        (disk / "filler").unlink()
        remount(disk, "ro")
        assert_told(pubgen("schema", "--out", str(disk / "elsewhere")), "所在的文件系统是只读的（EROFS）", str(disk / "elsewhere"))
