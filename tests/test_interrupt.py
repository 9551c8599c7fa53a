"""Ctrl-C or a stop signal during `pubgen build`: a Chinese sentence, never a traceback or a failed check, and the site as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from .conftest import copy_project
from .faulttools import build_command, child_env, tree


def _stopped_builds(tmp_path: Path, delays: tuple[float, ...], stop: int, group: bool) -> list[tuple[int, str, dict[str, str], dict[str, str]]]:
    """Build the bundled project once, then again with a change, stopped by ``stop`` after each of ``delays`` (sent to the
    whole process group, as a terminal's Ctrl-C is, or to the command alone, as a service manager does): for each build
    the signal stopped, its exit code, its output, the published site before and after."""
    project = copy_project(tmp_path)
    site = tmp_path / "site"
    first = subprocess.run(build_command(project.root, site), env=child_env(), capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stdout + first.stderr
    published = tree(site)
    doc = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("平乡县信访局", "平乡县信访局（更新）", 1), encoding="utf-8")
    stopped = []
    for delay in delays:
        run = subprocess.Popen(
            build_command(project.root, site, "--no-cache"),
            env=child_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        time.sleep(delay)
        if group:
            os.killpg(run.pid, stop)
        else:
            run.send_signal(stop)
        out, _ = run.communicate(timeout=600)
        if run.returncode == 0:
            continue  # finished before the signal: a whole new site, nothing to say
        if "init_import_site" in out:
            continue  # on a busy machine the signal came while Python itself was starting, before any of pubgen ran
        stopped.append((run.returncode, out, published, tree(site)))
    assert stopped, "every build finished before its signal"
    return stopped


def test_ctrl_c_at_any_moment_of_a_build_is_told_in_chinese_and_leaves_the_site(tmp_path: Path) -> None:
    # While Python loads pubgen, while the documents are checked, while pages are built.
    for code, out, before, after in _stopped_builds(tmp_path, (0.3, 0.7, 1.2, 1.8), signal.SIGINT, group=True):
        assert code == 130, out
        assert "已中断（Ctrl+C）" in out, out
        for wrong in ("Traceback", "KeyboardInterrupt", "Aborted", "内容检查未通过"):
            assert wrong not in out, out
        assert after == before


def test_a_stop_signal_from_a_ci_service_is_told_and_leaves_nothing_behind(tmp_path: Path) -> None:
    """A CI service cancelling a job, docker stop and systemd send SIGTERM to the command alone: it died without a word
    and left its staging copy of the site (.site.building-…) beside site/. It now stops as Ctrl-C does."""
    for code, out, before, after in _stopped_builds(tmp_path, (0.7, 1.2, 1.8, 2.5), signal.SIGTERM, group=False):
        assert code == 128 + signal.SIGTERM, out
        assert "已停止（收到停止信号），这次运行没有完成。" in out, out  # (while Python still loads pubgen, that line alone)
        for wrong in ("Traceback", "Aborted", "内容检查未通过"):
            assert wrong not in out, out
        assert after == before
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.building")] == []
