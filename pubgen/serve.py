"""Live preview: rebuild on every change, show the check problems, survive broken files."""

from __future__ import annotations

import errno
import functools
import logging
import os
import shutil
import signal
import socket
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Callable, Iterator

import click
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from . import model as m
from .build import build as build_site
from .footer import footer_of
from .derive import derive
from .errors import PubgenError
from .history import last_changed
from .load import Content, Loaded, load
from .pipeline import Project
from .problems import Report, Severity
from .render import render
from .search import index
from .validate import validate

log = logging.getLogger("pubgen.serve")


@dataclass(slots=True)
class PreviewMemory:
    """The last version of each source file that could be read, for files broken now."""

    site: m.Site | None = None
    regions: dict[str, object] = field(default_factory=dict)
    departments: dict[str, Loaded] = field(default_factory=dict)
    """By file name."""
    documents: dict[str, Loaded] = field(default_factory=dict)
    """By file name."""
    glossary: list[m.Term] = field(default_factory=list)
    refreshing: threading.Thread | None = None
    """Reading the sources into this memory after a preview built from shards, while the editor reads it."""

    def wait(self) -> None:
        if self.refreshing is not None:
            self.refreshing.join()
            self.refreshing = None

    def renderable(self, content: Content) -> tuple[Content, list[str]]:
        """Content that can be laid out: broken files in their last good version, orphans left out."""
        broken = {p.file for p in content.problems if p.severity is Severity.ERROR}
        if content.site is not None:
            self.site = content.site
        if content.regions:
            self.regions = dict(content.regions)
        if content.glossary_source is not None and content.glossary_source.name not in broken:
            self.glossary = content.glossary
        stale: list[str] = []
        loaded_depts = {d.source.name: d for d in content.departments.values()}
        # A document whose unit is still 待填 is laid out in no unit: shown as a broken file is, in its last good version.
        loaded_docs = {d.source.name: d for d in content.documents if not m.units_to_fill(d.record)}
        for name, d in loaded_depts.items():
            self.departments[name] = d
        for name, d in loaded_docs.items():
            self.documents[name] = d
        root = content.root.parent
        for memory in (self.departments, self.documents):
            for name in list(memory):
                if not (root / name).exists():
                    del memory[name]
        departments = {}
        for name, d in self.departments.items():
            if name not in loaded_depts:
                stale.append(name)
            dept = d.record
            if dept.region in self.regions:
                departments[f"{dept.region}/{dept.slug}"] = d
        documents = []
        seen = set()
        for name, d in sorted(self.documents.items()):
            doc = d.record
            address = m.document_address(doc)  # its unit, project and part too: a 部门 and a 单位 document of one year are two
            if doc.department not in departments or address in seen:
                continue
            if name not in loaded_docs:
                stale.append(name)
            seen.add(address)
            documents.append(d)
        preview = Content(
            root=content.root,
            site=self.site or m.Site(title="预览"),
            regions=self.regions,  # type: ignore[arg-type]
            glossary=self.glossary,
            departments=departments,
            documents=documents,
        )
        return preview, stale


def preview(project: Project, site_dir: Path, memory: PreviewMemory) -> Report:
    """Check, then render and build whatever can be shown, with the problems on the pages.

    While every file can be published, the preview is built like the site, in
    shards, those unchanged taken from the project's cache; with a broken file,
    everything is checked and built here, broken files in their last readable version.
    Compiled templates are kept in the project's cache between rebuilds.
    """
    from .compiled import kept_in
    from .pipeline import build_cache
    from .trust import untrusted_cache

    cache = untrusted_cache(project.root) is None  # said once, when the preview starts
    with kept_in(build_cache(project.root) if cache else None):
        return _preview(project, site_dir, memory, cache)


def _preview(project: Project, site_dir: Path, memory: PreviewMemory, cache: bool = True) -> Report:
    memory.wait()
    try:
        report = _from_shards(project, site_dir, cache)
    except PubgenError:
        pass  # a file that cannot be published: shown from memory below
    else:
        memory.refreshing = threading.Thread(target=lambda: memory.renderable(load(project.content)), daemon=True)
        memory.refreshing.start()
        return report
    content = load(project.content)
    report = validate(content)
    shown, stale = memory.renderable(content)
    sitemap = derive(shown, last_changed(project.root))
    work = Path(tempfile.mkdtemp(prefix="preview-", dir=site_dir.parent))
    try:
        tree = render(sitemap, project.templates, work / "docs", report.problems, preview=report.sorted(), stale=stale)
        build_site(project.mkdocs_yml, tree.docs_dir, site_dir, sitemap.site.title, footer=footer_of(sitemap.site))
        index(sitemap, tree.docs_dir, site_dir / "search")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report


def _from_shards(project: Project, site_dir: Path, cache: bool = True) -> Report:
    """Build the preview from shards into ``site_dir``, replacing what it held; raise if a shard cannot be built."""
    from .pipeline import assemble_site
    from .progress import Progress

    work = Path(tempfile.mkdtemp(prefix="preview-", dir=site_dir.parent))
    try:
        assembled = assemble_site(project, work, site_dir, False, Progress.silent(), cache=cache, preview=True)
        for item in list(site_dir.iterdir()):
            if item.is_dir() and not item.is_symlink():
                shutil.rmtree(item)
            else:
                item.unlink()
        for item in list(assembled.site_dir.iterdir()):
            item.rename(site_dir / item.name)
        report: Report = assembled.report
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def serve(project: Project, host: str, port: int, open_browser: bool = False) -> None:
    """Serve a live preview until interrupted; every change rebuilds it.

    Everything it writes is in one temporary folder, removed when it stops on Ctrl-C,
    SIGTERM or SIGHUP.
    """
    from mkdocs.livereload import LiveReloadServer

    from .trust import untrusted_cache

    why = untrusted_cache(project.root)
    if why is not None:
        click.echo(f"警告：{why}", err=True)
    cannot = cannot_listen(host, port)
    if cannot is not None:
        click.echo(f"错误：{cannot}", err=True)
        raise SystemExit(1)
    with _signals_stop_it():
        root = Path(tempfile.mkdtemp(prefix="pubgen-serve-"))
        try:
            site_dir = root / "site"
            site_dir.mkdir()
            memory = PreviewMemory()

            server = LiveReloadServer(builder=lambda: rebuild(), host=host, port=port, root=str(site_dir))
            follow = _Follow(server, project)
            told: list[str] = [""]

            def rebuild() -> None:
                follow.again()
                gone = missing(project)
                if gone:
                    if gone != told[0]:  # content/ moved away is seen by two watches: told once
                        click.echo(gone, err=True)
                    told[0] = gone
                    return
                told[0] = ""
                try:
                    report = preview(project, site_dir, memory)
                except Exception as exc:  # noqa: BLE001 - the preview must outlive any one bad build
                    click.echo(f"预览生成失败：{exc}。修改文件后会自动重试。", err=True)
                    return
                click.echo(report.to_text() if report.problems else "检查通过，没有问题。", err=True)
                click.echo(f"预览已更新：http://{host}:{port}/", err=True)

            try:
                follow.start()
                rebuild()
                server.serve(open_in_browser=open_browser)  # type: ignore[no-untyped-call]
            except KeyboardInterrupt:
                click.echo("已停止预览。", err=True)
            finally:
                server.shutdown()
        finally:
            shutil.rmtree(root, ignore_errors=True)


def missing(project: Project) -> str:
    """What the preview cannot be built without and is not there now (moved, renamed or deleted while it runs), in the
    editor's words; empty when all is there."""
    gone = [
        f"{path.name} {'文件夹' if path != project.mkdocs_yml else '文件'}"
        for path in (project.content, project.templates, project.mkdocs_yml)
        if not path.exists()
    ]
    if not gone:
        return ""
    return (
        f"预览暂停：项目文件夹 {project.root} 里找不到 {'、'.join(gone)}（是不是被移走、改了名或删掉了？）。"
        "把它放回原处、改回原名后，预览会自动继续；在这之前，浏览器里仍是上一次的预览。"
    )


class _Handler(FileSystemEventHandler):
    def __init__(self, heard: Callable[[FileSystemEvent], None]) -> None:
        self.heard = heard

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.heard(event)


class _Follow:
    """What the preview follows, and keeps following when ``content/`` or ``templates/`` is moved away and back.

    A watch of a folder ends for good when the folder goes away (its poller stops), and mkdocs' watch passes on no
    folder events at all: after ``content/`` was renamed (a backup in the file manager) and renamed back, no change was
    seen again, silently. So each folder is watched here, and the project folder too, without its subfolders: a folder
    or ``mkdocs.yml`` moved, deleted or put back asks for a rebuild, and the rebuild watches the folder afresh
    (:meth:`again`) or says that it is missing. mkdocs' own watch of ``mkdocs.yml`` keeps the pages' live reload.
    """

    def __init__(self, server: Any, project: Project) -> None:
        self.server = server
        self.project = project
        self.folders = (project.content, project.templates)
        self.watches: dict[Path, Any] = {}
        self.stale: set[Path] = set(self.folders)
        self.lock = threading.Lock()

    def start(self) -> None:
        self.server.watch(str(self.project.mkdocs_yml))
        self.server.observer.schedule(_Handler(self._at_root), str(self.project.root), recursive=False)
        self.again()

    def again(self) -> None:
        """Watch afresh each folder that went away or came back since the last rebuild (and is there now)."""
        with self.lock:
            stale, self.stale = self.stale, set()
        for folder in stale:
            watch = self.watches.pop(folder, None)
            if watch is not None:
                self.server.observer.unschedule(watch)
            if folder.is_dir():
                heard = functools.partial(self._inside, folder)
                self.watches[folder] = self.server.observer.schedule(_Handler(heard), str(folder), recursive=True)

    def _at_root(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("created", "deleted", "moved", "modified"):
            return
        paths = {Path(os.fsdecode(event.src_path)), Path(os.fsdecode(event.dest_path or event.src_path))}
        folders = [f for f in self.folders if f in paths]
        if folders and event.event_type != "modified":
            with self.lock:
                self.stale.update(folders)
            self._rebuild()
        elif self.project.mkdocs_yml in paths:
            self._rebuild()

    def _inside(self, folder: Path, event: FileSystemEvent) -> None:
        if event.event_type not in ("created", "deleted", "moved", "modified"):
            return  # opened, closed: nothing changed
        if event.is_directory and event.event_type == "modified":
            return  # a file in it changed, and is heard as such
        if event.is_directory and event.event_type == "deleted" and Path(os.fsdecode(event.src_path)) == folder:
            with self.lock:
                self.stale.add(folder)  # its poller has stopped
        self._rebuild()

    def _rebuild(self) -> None:
        """Ask mkdocs' loop for a rebuild, as its own watch does for a changed file (mkdocs 1.6, pinned in pyproject.toml)."""
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


def cannot_listen(host: str, port: int) -> str | None:
    """Why the preview cannot listen at ``host``:``port`` (taken, out of range, not this machine's), in the editor's words."""
    if not 0 < port < 65536:
        return f"端口 {port} 无效：端口是 1 到 65535 之间的整数，如 pubgen serve --port 8001。"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return f"地址“{host}”无法识别：本机预览一般不写 --host（即 127.0.0.1）。"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the preview's server does
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (
                    f"端口 {port} 已被占用（可能是另一个预览，或 python -m http.server）。"
                    f"请关掉它，或换一个端口：pubgen serve --port {port + 1 if port < 65535 else 8001}"
                )
            if exc.errno == errno.EACCES:
                return f"没有权限使用端口 {port}（1024 以下的端口需要管理员权限）：请换一个端口，如 pubgen serve --port 8001。"
            if exc.errno == errno.EADDRNOTAVAIL:
                return f"地址“{host}”不是本机的地址：本机预览一般不写 --host（即 127.0.0.1）。"
            return f"无法在地址“{host}”上预览（{exc.strerror}）：本机预览一般不写 --host（即 127.0.0.1）。"
    return None


@contextmanager
def _signals_stop_it() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP stop it as Ctrl-C does, so its clean-up runs.

    Their default is to end the process at once, leaving the temporary folder behind.
    Once one has arrived, further ones are ignored until the clean-up is done.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

    def stop(signum: int, frame: FrameType | None) -> None:
        for s in stopping:
            signal.signal(s, signal.SIG_IGN)
        raise KeyboardInterrupt

    before = {s: signal.signal(s, stop) for s in stopping}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)
