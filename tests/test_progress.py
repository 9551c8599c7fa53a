"""A long build shows its progress on a terminal, and nothing extra when its output goes elsewhere."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from pubgen.load import load

from .conftest import copy_project


def run(args: list[str], terminal: bool) -> str:
    """Run pubgen with stdout and stderr on a pseudo-terminal, or on a pipe; return what it printed."""
    cmd = [sys.executable, "-m", "pubgen", *args]
    if not terminal:
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        return done.stdout + done.stderr
    parent, child = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=child, stderr=child)
    os.close(child)
    out = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(parent)
    assert proc.wait() == 0, out.decode("utf-8", "replace")
    return out.decode("utf-8")


def test_progress_on_a_terminal_names_each_stage_with_pages_done_and_time(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    out = run(["build", "--project", str(project.root)], terminal=True)
    lines = out.split("\r")
    assert any(line.startswith("读取并划分内容 · 已用 ") for line in lines)
    documents = len(load(project.content).documents)
    # Every document is checked, rendered and built (in its shard), and counted as done.
    assert any(re.match(rf"检查并构建文档 {documents}/{documents} · 已用 \d+ 秒", line) for line in lines), lines
    # Then the site-wide pages: the count of the pages MkDocs builds reaches its total.
    built = [re.match(r"构建网站 (\d+)/(\d+) · 已用 \d+ 秒", line) for line in lines]
    assert any(m and m.group(1) == m.group(2) and int(m.group(1)) > 0 for m in built), lines
    assert any(line.startswith("建立搜索索引") for line in lines)
    assert re.search(r"已发布 (\d+) 个页面", out)
    # The summary starts on a clean line.
    assert re.search(r"\r\s*\r已发布|\n已发布", out)


def test_no_progress_when_the_output_is_not_a_terminal(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    out = run(["build", "--project", str(project.root)], terminal=False)
    assert "已发布" in out
    assert "已用" not in out and "\r" not in out
