"""`pubgen serve`: a live preview that survives a broken file and recovers when it is fixed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import ROOT, copy_project

BUDGET = "hebei/xingtai/pingxiang/xinfangju/2021/budget/"
SOURCE = "content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, predicate, timeout: float = 60) -> str:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed what was expected; last page:\n{last[:2000]}")


def test_serve_survives_a_broken_file_and_recovers(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    # The terminal output goes to a file: every rebuild prints the check's report, which soon fills a pipe nobody reads.
    log = tmp_path / "serve.log"
    terminal = log.open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "pubgen", "serve", "--project", str(project.root), "--port", str(port)],
        stdout=terminal,
        stderr=subprocess.STDOUT,
        env=env,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        page = wait_for(url + BUDGET, lambda t: "平乡县信访局2021年部门预算信息公开情况说明" in t)
        assert "pg-preview" not in page.split("<article", 1)[1]

        doc = project.root / SOURCE
        good = doc.read_text(encoding="utf-8")
        doc.write_text(good.replace("kind: budget", "kind: budget: oops", 1), encoding="utf-8")
        broken = wait_for(url + BUDGET, lambda t: "文件当前无法读取" in t)
        assert "yaml-syntax" in broken and SOURCE in broken
        # The last readable version is still shown.
        assert "329.48" in broken
        home = fetch(url)
        assert "yaml-syntax" in home

        doc.write_text(good.replace("values: [329.48]", "values: [329.58]", 1), encoding="utf-8")
        wrong = wait_for(url + BUDGET, lambda t: "329.58" in t and "文件当前无法读取" not in t)
        assert "sum-mismatch" in wrong
        # With a problem anywhere, the preview is built here: a department's 部门 and 单位 documents of one year are both shown.
        assert "上海市普陀区2025年区级部门预算" in fetch(url + "shanghai/putuo/shangwuwei/2025/budget/")
        assert "上海市普陀区2025年区级单位预算" in fetch(url + "shanghai/putuo/shangwuwei/2025/budget/unit-benji/")

        doc.write_text(good, encoding="utf-8")
        fixed = wait_for(url + BUDGET, lambda t: "329.58" not in t and "329.48" in t)
        assert "pg-preview" not in fixed.split("<article", 1)[1]
        assert server.poll() is None, "the server is still running"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        terminal.close()
    output = log.read_text(encoding="utf-8")
    assert "Traceback" not in output
    assert "yaml-syntax" in output  # problems are printed in the terminal too


def test_the_preview_follows_content_moved_away_and_back_and_says_while_it_is_away(tmp_path: Path) -> None:
    """A backup in the file manager: content/ renamed, then renamed back. The watch of the folder that went away ended,
    and the preview showed the old page for good, saying nothing."""
    shutil.copytree(ROOT / "tests/cases/valid-minimal/content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    port = free_port()
    log = tmp_path / "serve.log"
    terminal = log.open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "pubgen", "serve", "--project", str(tmp_path), "--port", str(port)],
        stdout=terminal,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
        text=True,
    )
    url = f"http://127.0.0.1:{port}/{BUDGET}"
    try:
        wait_for(url, lambda t: "一、收入支出预算" in t)
        (tmp_path / "content").rename(tmp_path / "content-备份")
        said = _wait_for_output(log, "找不到 content 文件夹")
        assert "把它放回原处、改回原名后，预览会自动继续" in said
        (tmp_path / "content-备份").rename(tmp_path / "content")
        doc = tmp_path / SOURCE
        doc.write_text(doc.read_text(encoding="utf-8").replace("一、收入支出预算", "一、收入支出预算总表"), encoding="utf-8")
        wait_for(url, lambda t: "一、收入支出预算总表" in t)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        terminal.close()
    assert "Traceback" not in log.read_text(encoding="utf-8")


def _wait_for_output(log: Path, part: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        said = log.read_text(encoding="utf-8")
        if part in said:
            return said
        time.sleep(0.2)
    raise AssertionError(f"the preview never said “{part}”; it said:\n{log.read_text(encoding='utf-8')[-2000:]}")


def test_a_port_in_use_or_out_of_range_is_told_in_chinese_before_anything_is_announced(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        for asked in (str(port), "99999"):
            run = subprocess.run(
                [sys.executable, "-m", "pubgen", "serve", "--project", str(project.root), "--port", asked],
                capture_output=True,
                text=True,
                timeout=120,
            )
            told = run.stdout + run.stderr
            assert run.returncode == 1, told
            assert "Traceback" not in told and "预览已更新" not in told, told
            assert f"端口 {asked}" in told and ("已被占用" in told or "无效" in told), told
