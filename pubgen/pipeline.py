"""The build pipeline, top to bottom: load → validate → derive → render → build → index → publish."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from .errors import BuildFailed, ContentInvalid
from .parallel import Background, check_content, long_lived
from .problems import Report
from .progress import Progress
from .validate import validate


@dataclass(slots=True)
class Project:
    """Where a site's sources and settings live."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"


@dataclass(slots=True)
class BuildResult:
    """What a successful build produced."""

    report: Report
    site_dir: Path
    pages: int


def check(project: Project, only: list[Path] | None = None, cache: bool = False, warn: Callable[[str], None] | None = None) -> Report:
    """Load and validate without building; with ``only``, report just those files.

    Everything is still read, so checks across documents (last year's figures,
    the budget beside the self-evaluation) see what a full check sees. With
    ``cache``, problems of files unchanged since the last check come from the
    project's check cache (identical to checking them again); ``warn`` hears
    when that cache cannot be written.
    """
    if cache:
        from .trust import untrusted_cache

        why = untrusted_cache(project.root)
        if why is not None:
            cache = False
            if warn is not None:
                warn(why)
    if cache:
        from .checkcache import cache_folder, check_cached

        checked = check_cached(project.content, cache_folder(project.root))
        report = checked.report
        if checked.note and warn is not None:
            warn(checked.note)
    else:
        report = check_content(project.content)
    if only:
        names = {p.resolve() for p in only}
        base = project.content.parent.resolve()
        # A comparison of two documents is filed on one of them and names the other: checking the other file, the
        # editor is told of it too (“与上年文档 content/…/2024-budget.yml 不符” filed on the 2025 document).
        named = [str(n.relative_to(base)) for n in names if n.is_relative_to(base)]
        report.problems = [
            p for p in report.problems if (base / p.file).resolve() in names or (p.file and any(n in p.message for n in named))
        ]
    return report


def passed(report: Report, site_dir: Path, strict: bool) -> Report:
    """``report``, if its check passed; else the error that says nothing was published to ``site_dir``."""
    if not (report.ok_strict() if strict else report.ok):
        raise ContentInvalid(f"内容检查未通过，没有发布：{site_dir} 保持不变。", report.for_build())
    return report


CACHE = ".pubgen-cache"
"""The project's folder of shards built before, reused while their inputs stay the same."""


def build(
    project: Project,
    site_dir: Path,
    strict: bool = False,
    progress: Progress | None = None,
    shard_size: int | None = None,
    jobs: int | None = None,
    cache: bool = True,
    warn: Callable[[str], None] | None = None,
) -> BuildResult:
    """Check and build every shard (on ``jobs`` processes), assemble the site, then swap it into ``site_dir``.

    A shard whose inputs are unchanged since it was last built is taken from the
    project's ``.pubgen-cache/`` (unless ``cache`` is off). With ``progress``,
    each stage and its shards done / total are shown as they go. A cache folder
    the repository brought in is not used (:mod:`pubgen.trust`); ``warn`` hears why.
    """
    from .compiled import kept_in
    from .publish import discard, publish, publishing, staging_dir
    from .spare import retire
    from .trust import untrusted_cache

    why = untrusted_cache(project.root) if cache else None
    if why is not None:
        cache = False
        if warn is not None:
            warn(why)

    step = progress or Progress.silent()
    # Refuses a folder that publishing would destroy, waits for another build into it, removes crashed builds' left-overs.
    with publishing(project.root, site_dir) as site_dir:
        staging = staging_dir(site_dir)
        try:
            with kept_in(build_cache(project.root) if cache else None):
                assembled = assemble_site(project, staging, site_dir, strict, step, shard_size, jobs, cache, warn=warn)
            step.stage("发布")
            publish(assembled.site_dir, site_dir)  # one atomic swap: the replaced site is left in the staging folder
            if assembled.from_cache:
                retire(assembled.site_dir, site_dir, project.root / CACHE)  # its pages are the cache's: the next build moves them in
        finally:
            discard(staging)
            step.finish()
    return BuildResult(assembled.report, site_dir, assembled.pages)


def assemble_site(
    project: Project,
    staging: Path,
    site_dir: Path,
    strict: bool,
    step: Progress,
    shard_size: int | None = None,
    jobs: int | None = None,
    cache: bool = True,
    preview: bool = False,
    warn: Callable[[str], None] | None = None,
) -> Any:
    """Build the shards that changed (every one without ``cache``) and assemble the site in ``staging / "site"``.

    With ``preview``, every page shows the problems found in its files, and the
    home page all of them (``pubgen serve``). Nothing is assembled unless the
    check passes; ``site_dir`` is named in the message that says so. ``warn`` hears of cached files
    changed since the last build (:func:`sealed`), which are built again.
    """
    # Imported here so that `pubgen check` does not pay for Jinja, MkDocs and the segmenter.
    from .assemble import assemble
    from .history import last_changed
    from .partition import SHARD_DOCUMENTS
    from .shard import cached, plan, remembered_hashes, shard_key
    from .spare import claim

    step.stage("读取并划分内容")
    shards = plan(project.root, shard_size or SHARD_DOCUMENTS)
    dates = last_changed(project.root)
    if len(shards.shards) == 1:
        return _whole(project, staging, site_dir, strict, step, dates, preview)
    # A preview's shards (pages that show their problems) are kept apart from a build's, so neither evicts the other.
    store = project.root / CACHE / ("preview" if preview else "shards") if cache else staging / "shards"
    if cache:
        _ignored(project.root / CACHE)
    with _locked(store, warn, shards.base) as settle:
        # The keys are worked out while another process walks the cache for files changed since it was sealed.
        with remembered_hashes(store if cache else None):
            keys = {s.name: shard_key(s, shards, project.root, dates, strict, preview) for s in shards.shards}
        settle()
        todo = [s for s in shards.shards if not cached(store / s.folder, keys[s.name])]
        # Counted in documents, so a site of one shard shows its progress as one of many shards does.
        step.stage("检查并构建文档", sum(len(s.files) for s in todo))
        args = (project.root, shards, todo, store, keys, strict, dates, jobs, step, site_dir, preview)
        pending = None
        if cache and todo and len(todo) < len(shards.shards) and Background.forks():
            # An edit: the shards it changed are built on the other core while this one reads the others' manifests.
            pending = Pending.start(args, {store / s.folder for s in todo}, sum(len(s.files) for s in todo), site_dir, strict)
        else:
            passed(build_shards(*args), site_dir, strict)
        # The site the last build replaced: its unchanged department folders are moved in, not linked anew (pubgen.spare).
        keeps = cache and not preview  # a preview's pages are not the published site's
        try:
            spare = claim(project.root / CACHE, staging) if keeps else None
            with long_lived():
                folders = [store / s.folder for s in shards.shards]
                assembled = assemble(
                    project.root, shards, folders, staging, strict, preview, step, keys, store / "assembly" if cache else None, pending,
                    spare=spare,
                )
        except BaseException:
            if pending is not None:
                pending.cancel()  # before the cache's lock is let go: it writes into the cache
            raise
    passed(assembled.report, site_dir, strict)
    assembled.from_cache = keeps
    return assembled


def _whole(project: Project, staging: Path, site_dir: Path, strict: bool, step: Progress, dates: dict[str, Any], preview: bool) -> Any:
    """A site of one shard, built in one go: its pages and the site-wide ones by one MkDocs run.

    The site is the one a shard and the assembly would make, byte for byte
    (tests/test_shards.py builds it both ways); it is not cached, since a site
    this small builds in seconds.
    """
    from .assemble import Assembled
    from .build import build as build_site
    from .derive import derive
    from .footer import footer_of
    from .load import load
    from .parallel import Background, no_cyclic_gc
    from .render import render
    from .search import index, move_into

    with no_cyclic_gc():
        content = load(project.content)
        report = passed(validate(content), site_dir, strict)
        sitemap = derive(content, dates)
    step.stage("检查并构建文档", len(sitemap.documents))
    with long_lived():
        tree = render(sitemap, project.templates, staging / "docs", report.problems, preview=report.sorted() if preview else None, progress=step)
        # The search index is made from the Markdown tree on the other core while MkDocs builds.
        indexing = Background(index, sitemap, tree.docs_dir, staging / "search")
        try:
            step.stage("构建网站", tree.pages)
            built = build_site(
                project.mkdocs_yml,
                tree.docs_dir,
                staging / "site",
                sitemap.site.title,
                strict=strict,
                site_url=sitemap.site.base_url,
                progress=step,
                footer=footer_of(sitemap.site),
            )
        except BaseException:
            indexing.cancel()  # before the staging folder it writes into is removed
            raise
        step.stage("建立搜索索引")
        move_into(indexing.join().folder, built.site_dir / "search")
    return Assembled(built.site_dir, tree.pages, report)


@contextmanager
def _locked(store: Path, warn: Callable[[str], None] | None = None, base: str | None = None) -> Iterator[Callable[[], None]]:
    """One build at a time uses a cache folder (a build and a preview of one project may run side by side);
    what builds killed earlier left in it is removed first, and what was changed since the last build once the
    block calls the function it is given (:func:`sealed`)."""
    import shutil

    from .publish import holding

    store.mkdir(parents=True, exist_ok=True)
    with holding(store, ".lock", f"另一个 pubgen build 正在使用构建缓存 {store}，等它结束后继续……"):
        for left in store.iterdir():
            if left.is_dir() and (".building-" in left.name or left.name.endswith(".old")):
                shutil.rmtree(left, ignore_errors=True)
        with sealed(store, warn, base) as settle:
            yield settle


SEAL = "sealed.json"
"""In a cache folder: when the last build that used it ended, by the file system's clock (this file's own time)."""


@contextmanager
def sealed(store: Path, warn: Callable[[str], None] | None = None, base: str | None = None) -> Iterator[Callable[[], None]]:
    """Use ``store`` in the block, once the function it is given has dropped every part of it changed since the last build ended.

    The parts are walked by another process from the start of the block (at 10,000 documents, 133,000
    files: 0.3 s, while the block works out the shards' keys); the function waits for it and removes what it
    found. The block must call it before it reads or writes any part; if the block ends before (an error), the
    seal is left as it was, since nothing was checked.

    The published site's files are hard links to the cache's (a province's site is gigabytes:
    copying it would take seconds of every one-document rebuild; comparing every file's hash, as
    long): a page edited in place in ``site/`` (an ops script appending a statistics ``<script>``,
    vim writing into the file) is edited in the cache too, and was published again by every later
    build, even after a ``--no-cache`` one. Nothing in the cache is written after the seal, whose
    time is that of the file system's own clock, so a file modified after it was changed by
    someone else: the shard (or the assembly's cache) that holds it is removed and built again,
    and ``warn`` names the file. Walking the cache costs a ``stat`` per file (0.05 s at 2,000
    documents). Where the seal is missing (a build killed outright), unreadable, or of another
    folder (the cache copied), nothing in the cache can be vouched for: all of it is built again.
    A part built under another shared hash than ``base`` (another pubgen, other templates) is built
    again anyway: its changes are not told (another pubgen writes into the cache without sealing it).
    """
    import shutil

    from .parallel import Background

    seal = store / SEAL
    try:
        recorded = json.loads(seal.read_bytes())
        at, folder, clean = recorded["at"], recorded["folder"], recorded["clean"]
        info = store.stat()
        known = folder == [info.st_dev, info.st_ino] and isinstance(at, int)
    except (OSError, ValueError, KeyError, TypeError):
        known, at, clean = False, 0, False
    parts = sorted(p for p in store.iterdir() if p.is_dir())
    walking = Background(_changed_in, parts, at) if known else None
    settled = False

    def settle() -> None:
        nonlocal settled
        if settled:
            return
        newer_in = walking.join() if walking is not None else [["?"] for _ in parts]
        changed: list[str] = []
        for part, newer in zip(parts, newer_in):
            if newer:
                if known and clean and (base is None or _base_of(part) == base):
                    changed += [_site_name(part, n) for n in newer]
                shutil.rmtree(part, ignore_errors=True)
        if changed and warn is not None:
            shown = "、".join(changed[:3]) + (f" 等 {len(changed)} 个文件" if len(changed) > 3 else "")
            warn(
                f"上次构建之后，已发布网站中的 {shown} 被直接改过（网站里的文件与构建缓存 {store} 共用同一份）："
                "这些修改不会保留，用到它们的分片已重新构建。要在网页里加统计代码等内容，请改 templates/ 或 mkdocs.yml，"
                "不要改构建好的网站。"
            )
        seal.unlink(missing_ok=True)  # from here on, the folder changes
        settled = True

    finished = False
    try:
        yield settle
        finished = True
    finally:
        if walking is not None and not settled:
            walking.cancel()
        if settled:
            _write_seal(store, finished)


def _changed_in(parts: list[Path], at: int) -> list[list[str]]:
    """:func:`_changed_since` of each of ``parts``."""
    return [_changed_since(part, at) for part in parts]


def _changed_since(folder: Path, at: int) -> list[str]:
    """The files under ``folder`` (relative, with ``/``) modified after ``at`` (nanoseconds)."""
    found: list[str] = []
    todo = [(os.fspath(folder), "")]
    while todo:
        where, prefix = todo.pop()
        try:
            with os.scandir(where) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        todo.append((entry.path, prefix + entry.name + "/"))
                    elif entry.stat(follow_symlinks=False).st_mtime_ns > at:
                        found.append(prefix + entry.name)
        except OSError:
            found.append(prefix)  # unreadable: not to be vouched for
    return sorted(found)


def _base_of(part: Path) -> str | None:
    """The shared hash a part of the cache was built under (a shard's manifest says it, the assembly's page cache too)."""
    from .shard import MANIFEST

    try:
        if part.name.startswith("shard-"):
            found = json.loads((part / MANIFEST).read_bytes()).get("base")
            return found if isinstance(found, str) else None
        return (part / "pages" / "base").read_text(encoding="utf-8")
    except (OSError, ValueError, AttributeError):
        return None


def _site_name(part: Path, name: str) -> str:
    """Where the cache's file ``name`` (under ``part``) is published: ``hebei/…/index.html``; else the cache's path."""
    from .shard import PAGES

    if part.name.startswith("shard-") and name.startswith(PAGES + "/"):
        return name[len(PAGES) + 1 :]
    # The assembly's (pubgen.pagecache, pubgen.rendercache, pubgen.data, pubgen.searchcache).
    if name.startswith("pages/html/"):
        try:
            dest = json.loads((part / "pages" / "pages.json").read_bytes()).get(name[len("pages/html/") :])
        except (OSError, ValueError, AttributeError):
            dest = None
        if isinstance(dest, str):
            return dest
    for kept, published in (("pages/files/", ""), ("data/", "data/"), ("search/out/", "search/")):
        if name.startswith(kept) and not name.endswith(".key"):
            return published + name[len(kept) :]
    return f"{CACHE}/{part.parent.name}/{part.name}/{name}"


def _write_seal(store: Path, clean: bool) -> None:
    """Seal ``store``: its files are the ones the build that ends now left (``clean``: it ended without an error)."""
    seal = store / SEAL
    temporary = store / f".{SEAL}.{os.getpid()}.tmp"
    try:
        info = store.stat()
        temporary.write_text(json.dumps({"format": 1, "at": 0, "folder": [info.st_dev, info.st_ino], "clean": clean}), encoding="utf-8")
        # The seal's time is its own file's: the clock that dated the cache's files (a network file system's server).
        at = temporary.stat().st_mtime_ns
        temporary.write_text(json.dumps({"format": 1, "at": at, "folder": [info.st_dev, info.st_ino], "clean": clean}), encoding="utf-8")
        os.replace(temporary, seal)
    except OSError:
        temporary.unlink(missing_ok=True)  # the next build builds every shard again


@dataclass
class Pending:
    """Shards being built in another process while the assembly reads the manifests of the others."""

    builder: Any
    """The :class:`pubgen.parallel.Background` that builds them and returns their problems."""
    built: Any
    """Set once they are built, so that another process (the search index's) may wait for them."""
    folders: set[Path]
    documents: int
    site_dir: Path
    strict: bool
    told: Any = None
    """The end of a pipe that brings, once, the shard's manifest as far as its summaries go (or None)."""

    @staticmethod
    def start(args: tuple[Any, ...], folders: set[Path], documents: int, site_dir: Path, strict: bool) -> Pending:
        """Start building shards (``args`` of :func:`build_shards`) in another process."""
        import multiprocessing

        context = multiprocessing.get_context("fork")
        built = context.Event()
        # Only where Background forks (assemble_site checks): run in this process, the builder would block on the pipe.
        told, tell = context.Pipe(duplex=False)
        try:
            # Not a daemon: it builds several shards on a pool of its own, and a large one's pages in two processes.
            builder = Background(_build_and_tell, built, tell, args, daemon=False)
        finally:
            tell.close()  # the process that builds holds its own end
        return Pending(builder, built, folders, documents, site_dir, strict, told)

    def early(self) -> dict[Path, tuple[dict[str, Any], dict[str, bytes]]] | None:
        """Once the one shard being built is checked and its documents summarised: its folder → its manifest without its
        ``pages`` and ``sources``, and its documents' figures CSV (:func:`pubgen.shard.telling_early`). None when
        they come only with the shard (several shards, a check that failed): :meth:`join` then."""
        if self.told is None:
            return None  # already read
        try:
            message = self.told.recv()
        except (EOFError, OSError):
            message = None
        finally:
            self.told.close()
            self.told = None
        return message  # type: ignore[no-any-return]

    def join(self, step: Progress | None) -> None:
        """Wait for the shards; refuse to go on if their check failed, as a build of them here would.

        ``step`` is advanced by their documents (None: it was, when they told their summaries)."""
        report = self.builder.join()
        if step is not None:
            step.advance(self.documents)
        passed(report, self.site_dir, self.strict)

    def cancel(self) -> None:
        self.builder.cancel()
        if self.told is not None:
            self.told.close()


def _build_and_tell(built: Any, tell: Any, args: tuple[Any, ...]) -> Report:
    import contextlib

    from .shard import telling_early

    told = False

    def early(folder: Path, manifest: dict[str, Any], csv: dict[str, bytes]) -> None:
        nonlocal told
        told = True
        tell.send({folder: (manifest, csv)})

    single = len(args[2]) == 1
    if single:
        # Its progress is told with its summaries: the assembly's stages go on meanwhile, shown by the caller alone.
        args = (*args[:8], Progress.silent(), *args[9:])
    try:
        # One shard (an edit): it is built here, in this process, and can tell its summaries before its pages are done.
        with telling_early(early) if single else contextlib.nullcontext():
            report = build_shards(*args)
    finally:
        if not told:
            with contextlib.suppress(OSError):
                tell.send(None)
        tell.close()
    built.set()  # only once every shard is in place: the search index reads them all
    return report


def build_shards(
    root: Path,
    shards: Any,
    todo: list[Any],
    store: Path,
    keys: dict[str, str],
    strict: bool,
    dates: dict[str, Any],
    jobs: int | None,
    step: Progress,
    site_dir: Path,
    preview: bool = False,
) -> Report:
    """Build ``todo`` into ``store``, side by side on ``jobs`` processes; every problem of every shard, together."""
    import contextlib
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    from .parallel import die_with_parent, workers
    from .shard import build_planned, build_shard, planned, shared_settings

    n = min(jobs or workers(), len(todo))
    reports: list[Report] = []
    # Read once here, not by each shard: with hundreds of shards and thousands of departments that is minutes of CPU.
    with shared_settings(root) if len(todo) > 1 else contextlib.nullcontext():
        if n <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            for s in todo:
                reports.append(build_shard(root, s, shards, store / s.folder, keys[s.name], strict, dates, preview))
                step.advance(len(s.files))
        else:
            # The workers inherit the plan and dates when they fork: each task carries only its shard.
            with planned(shards, dates), ProcessPoolExecutor(
                n, mp_context=multiprocessing.get_context("fork"), initializer=die_with_parent, initargs=(os.getpid(), "pubgen-shard")
            ) as pool:
                # The largest shards first, so that no core is left idle while the last large one finishes.
                largest = sorted(todo, key=lambda s: -len(s.files))
                running = {pool.submit(build_planned, root, s, store / s.folder, keys[s.name], strict, preview): s for s in largest}
                done: dict[str, Report] = {}
                try:
                    for future in as_completed(running):
                        try:
                            done[running[future].name] = future.result()
                        except BrokenProcessPool:
                            raise BuildFailed(
                                f"构建分片“{running[future].name}”的进程意外终止（可能是内存不足），没有发布：{site_dir} 保持不变。"
                                "请关闭其他程序后重试，或用 --jobs 1 减少同时构建的分片数。"
                            ) from None
                        step.advance(len(running[future].files))
                except BaseException:
                    for future in running:
                        future.cancel()
                    raise
                reports = [done[s.name] for s in todo]  # reported in site order, whichever finished first
    merged = Report()
    seen: set[Any] = set()
    for report in reports:
        for p in report.problems:
            if p not in seen:
                seen.add(p)
                merged.problems.append(p)
    merged.problems.sort(key=lambda p: p.sort_key())
    return merged


def build_cache(root: Path) -> Path | None:
    """The project's cache folder, made (and left out of git) if it can be; None where it cannot."""
    try:
        _ignored(root / CACHE)
    except OSError:
        return None
    return root / CACHE


def _ignored(folder: Path) -> None:
    """Make the cache folder, telling git to leave it out."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / ".gitignore"
    if not marker.exists():
        marker.write_text("# pubgen 的构建缓存，可随时删除。\n*\n", encoding="utf-8")
