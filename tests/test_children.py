"""Processes a build or a check forks die with it, even when it is killed with SIGKILL.

A forked process left behind blocks forever writing its result into a pipe nobody
reads, holding its memory (hundreds of MB at 10,000 documents) and the build's lock.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pubgen.parallel import PARALLEL_FROM, workers

from .faulttools import build_command, child_env, corpus, kill_session, session, wait_until_gone

pytestmark = pytest.mark.skipif(workers() < 2, reason="one core: nothing is forked")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough documents that the build renders in two processes and the check runs in a pool."""
    return corpus(tmp_path_factory.mktemp("children") / "project", PARALLEL_FROM + 60, seed=11)


def start(command: list[str]) -> subprocess.Popen[bytes]:
    # A session of its own: whatever it forks can be found after it is gone. Shards of 60 documents: several, on a pool.
    return subprocess.Popen(
        command, env=child_env(PUBGEN_SHARD_SIZE="60"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def kill_when(proc: subprocess.Popen[bytes], ready: object, timeout: float = 120) -> list[str]:
    """SIGKILL ``proc`` as soon as ``ready(children)`` holds; return its children alive at that moment."""
    deadline = time.monotonic() + timeout
    while True:
        assert proc.poll() is None, "the command ended before the moment to kill it"
        assert time.monotonic() < deadline, "the moment to kill never came"
        children = [line for line in session(proc.pid) if not line.startswith(f"{proc.pid} ")]
        if children and ready(children):  # type: ignore[operator]
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return children


@pytest.mark.parametrize("moment", ["checking", "rendering"])
def test_no_child_of_a_killed_build_survives_it(project: Path, tmp_path: Path, moment: str) -> None:
    site = tmp_path / "site"
    build = start(build_command(project, site))

    def ready(children: list[str]) -> bool:
        if moment == "checking":
            return True  # the first process forked: a shard's worker, checking its documents
        # A worker is rendering its shard's pages.
        return any((s / "docs").is_dir() for s in (project / ".pubgen-cache" / "shards").glob(".shard-*.building-*"))

    try:
        children = kill_when(build, ready)
        assert children, "the build had forked"
        alive = wait_until_gone(build.pid, timeout=1.0)
        assert alive == [], f"still alive after the build was killed: {alive}"
    finally:
        kill_session(build.pid)


def test_no_worker_of_a_killed_check_survives_it(project: Path) -> None:
    check = start([sys.executable, "-m", "pubgen", "check", "--no-cache", "--project", str(project)])
    try:
        # Judged on the same list that is returned: the pool may still be starting between two looks.
        children = kill_when(check, lambda children: len(children) >= 2)
        assert len(children) >= 2, "the check ran in a pool of processes"
        alive = wait_until_gone(check.pid, timeout=1.0)
        assert alive == [], f"still alive after the check was killed: {alive}"
    finally:
        kill_session(check.pid)


def test_a_child_whose_parent_died_before_it_asked_to_die_with_it_exits(tmp_path: Path) -> None:
    from pubgen.parallel import die_with_parent

    pid = os.fork()
    if pid == 0:
        die_with_parent(os.getpid())  # as if forked by a parent that has since died: this is not our parent
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 1
