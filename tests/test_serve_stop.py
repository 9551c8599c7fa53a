"""`pubgen serve` stopped by SIGTERM, SIGINT or SIGHUP removes everything it wrote."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import copy_project
from .faulttools import child_env
from .test_serve import free_port, wait_for


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: signal.Signals(s).name)
def test_a_stopped_preview_leaves_no_temporary_folder(tmp_path: Path, stop: signal.Signals) -> None:
    project = copy_project(tmp_path / "project")
    temp = tmp_path / "temp"
    temp.mkdir()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pubgen", "serve", "--project", str(project.root), "--port", str(port)],
        env=child_env(TMPDIR=str(temp)),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/", lambda page: "部门预决算公开平台" in page)
        assert list(temp.iterdir()), "the preview is written into the temporary folder"
        server.send_signal(stop)
        output, _ = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate(timeout=30)  # a child that outlived it and holds the pipe fails the test, never hangs it
    assert server.returncode == 0, output
    assert "已停止预览" in output and "Traceback" not in output
    assert list(temp.iterdir()) == []
