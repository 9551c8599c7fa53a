"""Checking in parallel finds exactly what checking in one process finds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pubgen.load import load, yaml_files
from pubgen.parallel import PARALLEL_FROM, _check_in_chunks, check_content
from pubgen.validate import validate

from .conftest import ROOT


def problems(report):  # type: ignore[no-untyped-def]
    return sorted((p.file, p.line, p.column, p.code, p.field, p.message, p.stated, p.computed, p.acknowledged) for p in report.problems)


def test_parallel_check_equals_the_single_process_check(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(corpus), "--documents", str(PARALLEL_FROM + 40), "--seed", "3", "--discrepancies", "12"],
        check=True,
        capture_output=True,
    )
    content = corpus / "content"
    # A document filed under one department's folder but naming another is still compared correctly.
    chunked = _check_in_chunks(content, yaml_files(content / "documents"), 2)
    assert chunked is not None, "the documents were grouped by department and checked in two processes"
    single = validate(load(content))
    assert problems(chunked) == problems(single)
    assert problems(check_content(content)) == problems(single)
    codes = {p.code for p in single.problems}
    assert {"sum-mismatch", "unknown-department"} <= codes, "the planted errors are found"


def test_a_department_whose_documents_sit_in_two_folders_is_still_compared(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(corpus), "--documents", str(PARALLEL_FROM + 40), "--seed", "5"],
        check=True,
        capture_output=True,
    )
    content = corpus / "content"
    files = yaml_files(content / "documents")
    # Move one document out of its department's folder.
    moved = files[len(files) // 2]
    target = content / "documents" / "elsewhere" / moved.name
    target.parent.mkdir()
    moved.rename(target)
    assert _check_in_chunks(content, yaml_files(content / "documents"), 2) is None, "the split was noticed"
    single = validate(load(content))
    assert problems(check_content(content)) == problems(single)


def _fails(word: str) -> None:
    raise ValueError(f"坏了：{word}")


def _pid() -> int:
    import os

    return os.getpid()


def test_background_work_returns_its_result_or_its_error() -> None:
    import os

    from pubgen.parallel import Background, workers

    child = Background(_pid).join()
    assert isinstance(child, int) and (child != os.getpid() or workers() < 2)
    with pytest.raises(ValueError, match="坏了：索引"):
        Background(_fails, "索引").join()


def _search_index_of_the_site() -> str:
    return Path("/proc/self/comm").read_text(encoding="utf-8").strip()


@pytest.mark.skipif(not Path("/proc/self/comm").exists(), reason="process names are Linux's /proc/self/comm")
def test_background_work_is_named_for_what_it_does_in_ps() -> None:
    from pubgen.parallel import Background

    if not Background.forks():
        pytest.skip("one core or no fork: the work runs in this process, under its own name")
    # The kernel keeps 15 bytes of a name.
    assert Background(_search_index_of_the_site).join() == "search-index-of"


def _write_later(path: Path) -> None:
    import time

    time.sleep(1.0)
    path.write_text("written", encoding="utf-8")


def test_cancelled_background_work_writes_nothing_more(tmp_path: Path) -> None:
    import time

    from pubgen.parallel import Background, workers

    if workers() < 2:
        pytest.skip("one core: background work runs at once, in-process, so there is nothing to cancel")
    late = tmp_path / "late.txt"
    child = Background(_write_later, late)
    child.cancel()
    time.sleep(1.5)
    assert not late.exists()
    with pytest.raises(RuntimeError, match="已取消"):
        child.join()


def _sleep_long() -> None:
    import time

    time.sleep(60)


def test_background_work_killed_from_outside_is_reported_as_a_message() -> None:
    import os
    import signal

    from pubgen.errors import PubgenError
    from pubgen.parallel import Background, workers

    if workers() < 2:
        pytest.skip("one core: background work runs at once, in-process")
    child = Background(_sleep_long)
    os.kill(child._proc.pid, signal.SIGKILL)  # as the kernel does when memory runs out
    with pytest.raises(PubgenError, match=r"后台进程意外退出（退出码 -9），可能是内存不足"):
        child.join()


def test_background_work_interrupted_by_ctrl_c_stops_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C reaches every process of the terminal's group: the background process stops without a traceback of its
    own (the command that started it says 已中断 once), and the caller is told it was interrupted, not out of memory."""
    import os
    import signal
    import time

    from pubgen.errors import PubgenError
    from pubgen.parallel import Background, workers

    if workers() < 2:
        pytest.skip("one core: background work runs at once, in-process")
    child = Background(_sleep_long)
    time.sleep(0.5)  # past its start, into the work
    os.kill(child._proc.pid, signal.SIGINT)
    with pytest.raises(PubgenError, match=r"^后台进程被中断（Ctrl\+C）"):
        child.join()
    assert "Traceback" not in capfd.readouterr().err
