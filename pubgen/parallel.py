"""Checking thousands of documents on every core, a department at a time.

Every check looks at one document, or at one department's documents (the
comparisons across years and kinds). So the documents can be checked in chunks
of whole departments in worker processes that keep only their chunk in memory
and send back only problems.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Generic, Iterator, TypeVar

from . import model as m
from .errors import PubgenError
from .load import Content, load, parse_file, source_name, type_cells, yaml_files
from .problems import Problem, Report
from .checks import SITE_CHECKS
from .checks.references import file_name_collisions, original_problems
from .validate import validate

T = TypeVar("T")

PARALLEL_FROM = 200
"""Fewer documents than this are checked in one process."""

_BASE: Content | None = None
"""Everything but the documents, loaded before the workers fork."""

_STOPS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
"""The signals that stop a command (Ctrl-C, a CI service's or a service manager's stop, a closed terminal)."""

_RUNNING: list[Background[Any]] = []
"""The background processes this process started and has neither joined nor cancelled."""


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Reading makes millions of objects and no reference cycles: the collector would only rescan them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def long_lived() -> Iterator[None]:
    """Move everything made so far out of the collector's sight while the block runs.

    The content and site map of a large site are millions of objects that live
    to the end of the build; without this, every full collection during render
    and the MkDocs build walks them again, and forked processes touch (and so
    copy) their pages.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int, name: str | None = None) -> None:
    """In a forked process: be killed when ``parent`` dies, and exit now if it already has.

    Without this, a child of a build killed with SIGKILL lives on: it blocks forever
    writing its result into a pipe nobody reads, holding its memory and the build's
    lock. The kernel sends the signal when the thread that forked exits, so processes
    are forked from the thread that waits for them. The parent may die between the
    fork and this call; then the process has already been handed to another parent.
    """
    # Ctrl-C reaches every process of the terminal's group: the caller, which got it too, stops the work and says so, once.
    # Raised here (as the caller's handler would), it printed a child's traceback under the caller's Chinese message.
    signal.signal(signal.SIGINT, _stop_quietly)
    # The command's own stop signals (SIGTERM when a pool or the caller ends this process): end without a word either.
    signal.signal(signal.SIGTERM, _stop_quietly)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _stop_quietly)
    # Forked with the stop signals held back (Background.__init__); a stop sent meanwhile is acted on now.
    _RUNNING.clear()  # the parent's, not this process's to stop
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the parent's check below is all there is
    if os.getppid() != parent:
        os._exit(1)
    if name is not None:
        name_process(name)


def _stop_quietly(signum: int, frame: object) -> None:
    os._exit(128 + signum)


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def check_content(root: Path) -> Report:
    """Load and validate everything under ``root``, in parallel when there is much of it."""
    with no_cyclic_gc():
        files = yaml_files(root / "documents")
        if len(files) < PARALLEL_FROM or workers() < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return validate(load(root))
        report = _check_in_chunks(root, files, workers())
        return report if report is not None else validate(load(root))


def _site_names(base: Content) -> list[str]:
    """The site's own files as messages name them: settings, regions, glossary and departments."""
    sources = [d.source for d in base.departments.values()] + [e.source for e in base.regions.values()]
    if base.glossary_source is not None:
        sources.append(base.glossary_source)
    return [s.name for s in sources]


def _check_in_chunks(root: Path, files: list[Path], n: int) -> Report | None:
    """Chunks of department folders on ``n`` processes; None when a department spans two chunks."""
    global _BASE
    base = load(root, documents=False)
    groups: dict[Path, list[Path]] = {}
    for path in files:
        # The documented layout keeps a department's documents in one folder; checked afterwards.
        groups.setdefault(path.parent, []).append(path)
    size = max(50, len(files) // (n * 8))
    chunks: list[list[Path]] = [[]]
    for paths in groups.values():
        if len(chunks[-1]) >= size:
            chunks.append([])
        chunks[-1].extend(paths)
    report = Report()
    report.extend(base.problems)
    for whole in SITE_CHECKS:
        report.extend(whole(base))
    report.extend(file_name_collisions([source_name(p, root.parent) for p in files] + _site_names(base)))
    report.extend(original_problems(root))
    _BASE = base
    owner: dict[str, int] = {}
    try:
        with ProcessPoolExecutor(
            n, mp_context=multiprocessing.get_context("fork"), initializer=die_with_parent, initargs=(os.getpid(), "pubgen-check")
        ) as pool:
            for index, (departments, problems) in enumerate(pool.map(_check_chunk, chunks)):
                for department in departments:
                    if owner.setdefault(department, index) != index:
                        return None  # a department's documents were split: compare them together instead
                report.extend(problems)
    finally:
        _BASE = None
    return report


def _check_chunk(paths: list[Path]) -> tuple[set[str], list[Problem]]:
    """Check one chunk; return the departments it held and the problems of its files."""
    gc.disable()
    base = _BASE
    assert base is not None
    content = Content(
        root=base.root,
        site=base.site,
        regions=base.regions,
        glossary=base.glossary,
        glossary_source=base.glossary_source,
        departments=base.departments,
        unread_departments=base.unread_departments,
        regions_unread=base.regions_unread,
    )
    folder = content.root.parent
    for path in paths:
        loaded = parse_file(content, path, folder, m.Document)
        if loaded:
            type_cells(loaded.record, loaded.source, content.problems)
            content.documents.append(loaded)
    names = {source_name(p, folder) for p in paths}
    departments = {d.record.department for d in content.documents}
    return departments, [p for p in validate(content, names_checked_apart=True).problems if p.file in names]


def name_process(name: str) -> None:
    """Show ``name`` for this process in ``ps`` and ``top`` (Linux; elsewhere nothing).

    A build runs several processes at once; named, an operator (or a benchmark's memory sampler) tells them apart.
    """
    try:
        with open("/proc/self/comm", "w") as comm:
            comm.write(name[:15])  # the kernel keeps 15 bytes
    except OSError:
        pass


class Background(Generic[T]):
    """A function running in a forked process beside the caller, on the second core.

    ``join()`` returns its result or raises its error. Where processes cannot be
    forked, or there is one core, the function simply runs at once, in-process.
    """

    @staticmethod
    def forks() -> bool:
        """Whether the function will run in another process (else at once, in this one)."""
        return workers() >= 2 and "fork" in multiprocessing.get_all_start_methods()

    def __init__(self, fn: Callable[..., T], *args: Any, daemon: bool = True) -> None:
        """Start ``fn(*args)``; with ``daemon`` false, it may start processes of its own (a pool, a background)."""
        self._proc: Any = None
        if not Background.forks():
            self._result: tuple[str, Any] = _call(fn, args)
            return
        ctx = multiprocessing.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        # Either way it ends with the caller: it is joined or cancelled, and dies if the caller dies (die_with_parent).
        self._proc = ctx.Process(target=_send_result, args=(os.getpid(), send, fn, args), daemon=daemon)
        # A stop signal handled between the fork and here left a child no one knew of, writing on into a staging folder
        # while it was removed (a SIGTERM left `.site.building-…` behind): the signals wait until the child is listed.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS) if hasattr(signal, "pthread_sigmask") else None
        try:
            self._proc.start()
            _RUNNING.append(self)
        except BaseException:
            self._recv.close()
            raise
        finally:
            send.close()
            if held is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)

    @staticmethod
    def stop_all() -> None:
        """Cancel every background process this one started and still runs: a command stopped or failed midway, before
        the folder they write into is removed."""
        for each in reversed(list(_RUNNING)):  # (each leaves the list as it is cancelled)
            each.cancel()

    def cancel(self) -> None:
        """Stop the process if it still runs: the caller failed and wants nothing more from it."""
        if self._proc is not None:
            self._proc.terminate()
            self._proc.join()
            self._recv.close()
            self._proc = None
            _forget(self)
            self._result = ("error", RuntimeError("后台进程已取消"))

    def join(self) -> T:
        if self._proc is not None:
            try:
                self._result = self._recv.recv()
            except EOFError:
                self._proc.join()
                if self._proc.exitcode == 128 + signal.SIGINT:
                    self._result = ("error", PubgenError("后台进程被中断（Ctrl+C），这次运行没有完成。"))
                else:
                    # Killed from outside, most often by the kernel when memory ran out.
                    self._result = ("error", PubgenError(f"后台进程意外退出（退出码 {self._proc.exitcode}），可能是内存不足被系统终止。请关闭其他程序后重试。"))
            finally:
                self._proc.join()
                self._recv.close()
                self._proc = None
                _forget(self)
        kind, value = self._result
        if kind == "error":
            raise value
        return value  # type: ignore[no-any-return]


def _forget(background: Background[Any]) -> None:
    if background in _RUNNING:
        _RUNNING.remove(background)


def _call(fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[str, Any]:
    try:
        return ("ok", fn(*args))
    except BaseException as exc:  # noqa: BLE001 - handed to the caller's join()
        return ("error", exc)


def _send_result(parent: int, send: Any, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        die_with_parent(parent, fn.__name__.strip("_").replace("_", "-"))
        result = _call(fn, args)
        try:
            send.send(result)
        except Exception as exc:  # noqa: BLE001 - an error that cannot be pickled is sent as text
            send.send(("error", RuntimeError(f"{type(result[1]).__name__}: {result[1]} ({exc})")))
        send.close()
    except BaseException:  # noqa: BLE001 - stopped by the caller's own interruption (Ctrl-C before die_with_parent ran)
        os._exit(130)
