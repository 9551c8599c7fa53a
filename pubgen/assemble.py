"""Assemble a site from its shards: the site-wide pages from the manifests, then the shards' pages beside them.

The assembly reads the project's settings (``mkdocs.yml``, templates, site settings,
regions, glossary and departments) and the shards' manifests, never a document.
It writes, into ``site``:

- the pages that list the whole site (home, years, kinds, regions, departments,
  glossary, search, data page), the feed and the open-data files, built by one
  MkDocs run;
- every shard's pages, linked (or copied) from the shard's folder;
- ``sitemap.xml`` (and ``.gz``) of every page, in MkDocs' order, from the theme's template;
- the search index, joined from the shards' parts.
"""

from __future__ import annotations

import datetime as dt
import gc
import gzip
import os
import pickle
import shutil
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BuildFailed
from .parallel import Background
from .problems import Problem, Report
from .progress import Progress
from .shard import PAGES, Plan, link_tree, move_tree, problems_of, read_manifest, read_parts

if TYPE_CHECKING:
    from .pipeline import Pending


@dataclass(slots=True)
class Assembled:
    """What the assembly produced."""

    site_dir: Path
    pages: int
    report: Report
    from_cache: bool = False
    """Whether its shards' pages are the build cache's files (so the site it replaces is kept: :mod:`pubgen.spare`)."""


def _search_index_when_built(built: Any, *args: Any) -> Any:
    """The search index (:func:`_search_index`), once the shards being built elsewhere are (``built`` is set)."""
    if built is not None:
        warm()  # meanwhile
        built.wait()
    return _search_index(*args)


def warm() -> None:
    """Load what the assembly will need and nothing before it did (a process waiting for the shards has the time)."""
    import pypinyin  # noqa: F401 - the glossary's order and the search suggestions' readings


def _search_index(site: Any, folders: list[Path], out: Path, cache: Path | None = None, base: str = "") -> Any:
    """The site's search index, written into ``out`` from the shards' parts; with ``cache``, the last one changed where they changed."""
    from .parallel import no_cyclic_gc
    from .search import write
    from .searchcache import join_kept

    # Millions of lists and no cycles: the collector would only rescan them as they are read.
    with no_cyclic_gc():
        if cache is not None:
            return join_kept(site, folders, out, cache, base, read_parts)
        # One shard's parts at a time: the join keeps what it needs of them, not the parts.
        return write(site, (part for f in folders for part in read_parts(f)), out)


def _link_pages(shards: list[tuple[Path, list[str]]], into: Path, spare: Path | None = None) -> Path:
    """Link each shard's department folders (its ``pages`` folder and departments) into the tree ``into``; return it.

    A department folder of the ``spare`` site (:mod:`pubgen.spare`) that holds what linking would make is moved instead.
    """
    from .parallel import no_cyclic_gc
    from .spare import folder_like, take

    # Forked from the assembly: a collection here would touch, and so copy, every page of objects it shares with it.
    with no_cyclic_gc():
        into.mkdir(parents=True, exist_ok=True)
        like = folder_like(into)
        for tree, departments in shards:
            for dept in departments:
                if (tree / dept).is_dir():
                    if spare is None or not take(spare / dept, tree / dept, into / dept, like):
                        link_tree(tree / dept, into / dept)
    return into


def _link_shards(shards: list[tuple[Path, list[str] | None]], cached: bool, into: Path, spare: Path | None = None) -> Path:
    """:func:`_link_pages` of each shard's folder and departments; departments None: read here from its manifest.

    Forked before the assembly reads the manifests, this process does not share the summaries they become: a process
    forked after shared them page by page, and every page either side then wrote (a reference count is a write) was
    copied, 828 MB of them at 100,000 documents.
    """
    return _link_pages(
        [(f / PAGES, departments if departments is not None else list(read_manifest(f, cached=cached)["departments"])) for f, departments in shards],
        into,
        spare,
    )


def _nested(departments: list[str]) -> bool:
    """Whether one department's folder lies inside another's (``a/b`` and ``a/b/c``)."""
    ordered = sorted(d + "/" for d in departments)
    return any(b.startswith(a) for a, b in zip(ordered, ordered[1:]))


def _write_data(
    site: Any,
    counts: dict[str, int],
    rows: dict[str, int],
    home: dict[str, Path],
    files: Path,
    cache: Path | None,
    sources: dict[str, str],
    renders: Any,
) -> tuple[list[Path], Any]:
    """The site's open data (:func:`pubgen.data.write_site_data`) written into ``files``; what it wrote, and what
    ``renders`` noted of the files it kept or made (for the process that forked this one)."""
    from .data import document_csv, write_site_data
    from .parallel import no_cyclic_gc

    # Forked from a process that holds the site's summaries: the collector would walk them all and so copy every page
    # of memory they are on. What this makes has no cycles to collect.
    with no_cyclic_gc():
        written = write_site_data(
            site,
            counts,
            rows,
            lambda url: home[url] / PAGES / document_csv(url),
            files,
            (cache, sources) if cache is not None else None,
            renders.made if renders is not None else None,
        )
    return written, renders.noted_files() if renders is not None else None


def check_complete(plan: Plan, manifests: list[dict[str, Any]], folders: list[Path], keys: dict[str, str] | None = None) -> None:
    """Refuse shards of another project state, or a set of shards with one missing or twice.

    With ``keys`` (each shard's key for the content as it is now), a shard built
    from other documents is refused too.
    """
    for manifest, folder in zip(manifests, folders):
        check_shard(plan, manifest, folder, keys)
    check_set(plan, manifests, folders)


def check_shard(plan: Plan, manifest: dict[str, Any], folder: Path, keys: dict[str, str] | None = None) -> None:
    """Refuse a shard of another project state (with ``keys``, one built from other documents too)."""
    if manifest["limit"] != plan.limit:
        raise BuildFailed(
            f"分片 {folder} 是按 --shard-size {manifest['limit']} 构建的，合并时用的是 {plan.limit}："
            f"请给 pubgen assemble 同样的 --shard-size {manifest['limit']}（或设置同样的 PUBGEN_SHARD_SIZE）。"
        )
    if manifest["base"] != plan.base:
        raise BuildFailed(
            f"分片 {folder} 是用另一份设置、模板或部门文件（或另一版本的 pubgen）构建的，不能与本项目合并。"
            "请在同一提交上重新构建全部分片。"
        )
    if keys is not None and keys.get(manifest["shard"], manifest["key"]) != manifest["key"]:
        raise BuildFailed(
            f"分片 {folder}（{manifest['shard']}）是用另一版本的文档构建的，与当前内容不符，不能合并。"
            "请在同一提交上重新构建全部分片。"
        )


def current_sources(plan: Plan, root: Path) -> dict[str, dict[str, str]]:
    """Each shard's document files and originals as the project holds them now (:func:`pubgen.shard.source_hashes`)."""
    from .shard import source_hashes

    return {s.name: source_hashes(list(s.files), root) for s in plan.shards}


def check_sources(manifest: dict[str, Any], folder: Path, current: dict[str, dict[str, str]]) -> None:
    """Refuse a shard whose documents are not the project's as they are now: one since withdrawn, corrected or added.

    The shard's key would say so too, but it covers the documents' git dates as well (a
    shallow clone dates them otherwise) and cannot say which document differs; the hashes
    the manifest records can.
    """
    recorded: dict[str, str] = manifest.get("sources") or {}
    now = current.get(manifest["shard"])
    if now is None:
        return  # a shard of another partition: check_set names it
    gone = sorted(n for n in recorded if n not in now)
    changed = sorted(n for n in recorded if n in now and now[n] != recorded[n])
    added = sorted(n for n in now if n not in recorded)
    if not (gone or changed or added):
        return
    lines = [f"  {n}：项目中已经没有这个文件（已删除或撤下），分片里还有它" for n in gone]
    lines += [f"  {n}：项目中的这个文件已经改过，分片里是旧的内容" for n in changed]
    lines += [f"  {n}：这个文件是分片构建之后加进项目的，分片里没有它" for n in added]
    shown = lines[:10] + ([f"  ……共 {len(lines)} 个文件不符"] if len(lines) > 10 else [])
    raise BuildFailed(
        f"分片 {folder}（{manifest['shard']}）不是用项目现在的内容构建的，不能合并，没有发布：\n"
        + "\n".join(shown)
        + "\n撤下或更正过的公开内容不能再发布出去。请在同一个提交上重新构建全部分片，"
        "每个作业写进一个空的 --out 文件夹（请清空 --out 文件夹后重新构建），再运行 pubgen assemble。"
    )


def check_set(plan: Plan, manifests: list[dict[str, Any]], folders: list[Path]) -> None:
    """Refuse a set of shards with one missing, twice, or not of the plan."""
    names = [m["shard"] for m in manifests]
    expected = [s.name for s in plan.shards]
    twice = sorted({n for n in names if names.count(n) > 1})
    missing = [n for n in expected if n not in names]
    extra = [n for n in names if n not in expected]
    if twice or missing or extra:
        parts = []
        if missing:
            parts.append(f"缺少 {len(missing)} 个分片（{'、'.join(missing[:5])}）")
        if twice:
            parts.append(f"分片重复（{'、'.join(twice[:5])}）")
        if extra:
            parts.append(f"有不属于当前内容的分片（{'、'.join(extra[:5])}）")
        todo = f"本项目共分 {len(expected)} 个分片：请把全部分片的输出文件夹都交给 pubgen assemble。"
        if extra or twice:
            # Shards of an older partition (another --shard-size, documents added or removed) or of an older run.
            todo = (
                f"本项目现在共分 {len(expected)} 个分片，多出的分片是以前的构建留下的：请清空 --out 文件夹后重新构建，"
                "在同一个提交上构建全部作业（每个作业一个空的 --out 文件夹），再运行 pubgen assemble。"
            )
        raise BuildFailed("；".join(parts) + "。" + todo)


def assemble(
    root: Path,
    plan: Plan,
    folders: list[Path],
    staging: Path,
    strict: bool,
    preview: bool = False,
    progress: Progress | None = None,
    keys: dict[str, str] | None = None,
    cache: Path | None = None,
    pending: Pending | None = None,
    current: dict[str, dict[str, str]] | None = None,
    spare: Path | None = None,
) -> Assembled:
    """Build the whole site into ``staging / "site"`` from the shards in ``folders``.

    With ``pending``, some of the shards are still being built: the others' manifests are read meanwhile.

    With ``preview`` (``pubgen serve``), the home page lists every problem found;
    with ``progress``, its stages are shown as they go; with ``cache``, the parts
    of the site's figures are kept there and only those whose documents changed
    are written again. With ``current`` (:func:`current_sources`), a shard whose documents are not
    the project's as they are now is refused. ``spare`` is a site an earlier build published from the
    same cache (:func:`pubgen.spare.claim`), whose unchanged department folders are moved in.
    """
    step = progress or Progress.silent()
    from .build import build as build_site
    from .data import data_page, document_csv, document_json
    from .derive import arrange, department_pages
    from .footer import footer_of
    from .load import load
    from .pagecache import PageCache
    from .render import PageWriter
    from .rendercache import Renders
    from .search import move_into
    from .summaries import from_json as listed_from_json
    from .summary import from_json

    if pending is None:
        step.stage("生成汇总页面")
    base = load(root / "content", documents=False)
    if base.site is None:
        raise BuildFailed("缺少站点设置文件 content/site.yml。")
    # The search index is joined from the shards' parts on the other core while this one makes and builds the pages.
    # It reads no manifest (the site's glossary, departments and regions only), so it starts before they are read,
    # and the process it forks into does not carry them: at 100,000 documents they are gigabytes.
    departments = department_pages(base)
    indexing = Background(
        _search_index_when_built,
        pending.built if pending is not None else None,
        arrange(base, departments, []),
        folders,
        staging / "search",
        cache / "search" if cache is not None else None,
        plan.base,
    )
    linking: Background[Path] | None = None
    data_writing: Background[tuple[list[Path], Any]] | None = None
    try:
        # With a cache, the pages whose Markdown is the one built last time are not built again,
        # and those whose inputs are the ones rendered last time are not even rendered.
        kept = PageCache(cache / "pages", plan.base) if cache is not None else None
        renders = Renders(kept.folder, kept.dest, plan.base) if kept is not None else None
        if renders is not None:
            # What the base holds is the same in every build under the same base (the record is kept only under it).
            renders.digests.know(base.site, "site settings")
            renders.digests.know(base.glossary, "glossary")
            for path, entry in base.regions.items():
                renders.digests.know(entry, "region " + path)
            for dept_id, dept_page in departments.items():
                renders.digests.know(dept_page.department, "department " + dept_id)
        listed = {}
        home: dict[str, Path] = {}
        rows: dict[str, int] = {}
        known: dict[str, int] = {}
        sources: dict[str, str] = {}  # what each document's CSV is made from, as its shard's keys say
        manifests: list[dict[str, Any]] = [{} for _ in folders]
        told_digests: dict[int, list[str]] = {}
        """Shards that told their manifest before they were done: the digests of the documents' entries it held."""
        found: list[list[Problem]] = [[] for _ in folders]
        read: list[list[Any]] = [[] for _ in folders]

        def take(at: int, told: dict[str, Any] | None = None, csv_home: Path | None = None) -> None:
            """Read the manifest of the shard in ``folders[at]``: its documents' summaries and its problems.

            ``told`` is its manifest as the shard told it before it was done (:meth:`Pending.early`); its documents'
            figures CSV are then under ``csv_home`` instead of the shard's folder, which is being replaced.
            """
            folder = folders[at]
            # With keys, the shards are the build cache's (pubgen build), not folders of pubgen build --shard.
            manifests[at] = manifest = told if told is not None else read_manifest(folder, cached=keys is not None)
            check_shard(plan, manifest, folder, keys)
            if strict and not manifest.get("strict"):
                raise BuildFailed(
                    f"分片 {folder}（{manifest['shard']}）构建时没有加 --strict：它的检查放过了警告，"
                    "而 pubgen assemble --strict 要求内容检查和 MkDocs 都没有警告，没有发布。"
                    "请给每个作业的 pubgen build --shard 也加上 --strict，清空 --out 文件夹后重新构建全部分片，再汇总。"
                )
            if current is not None:
                check_sources(manifest, folder, current)
            found[at] = problems_of(manifest)
            department_keys = manifest.get("department_keys") or {}
            for entry in manifest["documents"]:
                sources[entry["url"]] = department_keys.get(entry["department_id"]) or manifest["key"]
                s = from_json(entry)
                s.department = departments[s.department_id].department
                s.region = base.regions[s.region_path]
                home[s.url] = csv_home or folder
                rows[s.url] = entry["rows"]
                listed[s.url] = listed_from_json(entry["listed"])
                if renders is not None:
                    # Both are made from the entry alone (the department and region it names being the base's).
                    renders.digests.know(s, "summary " + entry["digest"])
                    renders.digests.know(listed[s.url], "listed " + entry["digest"])
                known[document_csv(s.url)] = s.csv_size
                known[document_json(s.url)] = s.json_size
                read[at].append(s)
            # Read into summaries and the report: not kept twice.
            del manifest["documents"], manifest["problems"]

        def departments_of(ats: list[int]) -> list[tuple[Path, list[str]]]:
            return [(folders[at] / PAGES, list(manifests[at]["departments"])) for at in ats]

        if spare is not None and _nested([d for s in plan.shards for d in s.departments]):
            spare = None  # a folder moved whole would carry another department's pages along

        # Tens of thousands of links and folders: made by another process while this one reads the manifests and makes
        # the site-wide pages. Forked before they are read (see _link_shards); a shard they then refuse fails the
        # assembly, and what was linked is removed with the staging folder.
        trees: list[Path] = [staging / "shard-pages"]
        # The build cache's shards are the plan's, each in the folder named after it, and each manifest lists its plan
        # shard's departments: known without parsing the manifests a second time beside this process.
        planned = keys is not None and [f.name for f in folders] == [s.folder for s in plan.shards]

        def to_link(ats: list[int]) -> list[tuple[Path, list[str] | None]]:
            return [(folders[at], list(plan.shards[at].departments) if planned else None) for at in ats]

        if pending is None:
            linking = Background(_link_shards, to_link(list(range(len(folders)))), keys is not None, trees[-1], spare)
            for at in range(len(folders)):
                take(at)
            gc.freeze()  # the summaries, before the processes below fork: neither side's collector touches their pages
        else:
            # The shards already built first, while the others are being built; their pages are linked meanwhile.
            ready = [at for at, folder in enumerate(folders) if folder not in pending.folders]
            linking = Background(_link_shards, to_link(ready), keys is not None, trees[-1], spare)
            for at in ready:
                take(at)
            gc.freeze()
            warm()
            rebuilt = [at for at, folder in enumerate(folders) if folder in pending.folders]
            early = pending.early()
            if early is None:
                pending.join(step)
                step.stage("生成汇总页面")
                for at in rebuilt:
                    take(at)
                trees.append(_link_pages(departments_of(rebuilt), staging / "shard-pages-built", spare))
            else:
                # The shard told its summaries before building its pages: the site-wide pages are made meanwhile.
                step.advance(pending.documents)
                step.stage("生成汇总页面")
                told_csv = staging / "told-csv"
                for at in rebuilt:
                    manifest, csv = early[folders[at]]
                    for url, data in csv.items():
                        target = told_csv / PAGES / document_csv(url)
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(data)
                    told_digests[at] = [e["digest"] for e in manifest["documents"]]
                    take(at, manifest, told_csv)
        check_set(plan, manifests, folders)
        report = Report()
        seen: set[Problem] = set()
        for problems in found:  # every shard checks the shared settings too: each problem once
            for p in problems:
                if p not in seen:
                    seen.add(p)
                    report.problems.append(p)
        report.problems.sort(key=Problem.sort_key)
        summaries = [s for part in read for s in part]
        summaries.sort(key=lambda s: s.site_order())
        site = arrange(base, departments, summaries)
        # The summaries and the site map live until MkDocs starts: out of the cyclic collector's sight (the caller's
        # long_lived() brings them back), every collection while the pages are made would walk them all again, and
        # touch the pages the processes forked below share with this one.
        gc.freeze()
        docs = staging / "docs"
        docs.mkdir(parents=True)
        # The open-data files are linked into the site after MkDocs, which would copy their gigabytes; so are the lists'.
        files = staging / "data-files"
        pages = PageWriter(site, root / "templates", docs, preview=report.sorted() if preview else None, reuse=renders, files_dir=files)
        counts = {s.url: s.figures for s in summaries}
        # The site's open data is written by another process while this one renders the pages.
        data_writing = Background(_write_data, site, counts, rows, home, files, cache, sources, renders)
        pages.indexes([listed[s.url] for s in summaries], beside=True)
        del listed
        written, made = data_writing.join()
        if renders is not None:
            renders.adopt(made)
        placed = [w.relative_to(files).as_posix() for w in written] + pages.placed
        stored = pages.stored
        pages.site_pages(data_page(site, files, counts, known))
        count, dated, newest_page = pages.count, list(pages.dated), pages.newest
        # Written: what MkDocs does not read is let go before it starts, as are the pages' lists in the manifests.
        del pages, site, summaries, counts, rows, home, departments, sources  # the department pages list the summaries too
        if renders is not None:
            renders.let_go()  # the hashes hold on to what they hashed
        for manifest in manifests:
            manifest["pages"] = pickle.dumps(manifest["pages"], protocol=pickle.HIGHEST_PROTOCOL)  # a tenth of the size
        taken = kept.take_unchanged(docs) if kept is not None else {}
        if renders is not None:
            taken.update(renders.reused)
        built_pages: dict[str, str] = {}
        step.stage("构建网站", count - len(taken))
        built = build_site(
            root / "mkdocs.yml",
            docs,
            staging / "site",
            base.site.title,
            strict=strict,
            site_url=base.site.base_url,
            elsewhere=sorted(known) + placed,
            footer=footer_of(base.site),
            progress=step,
            compact=True,
            nav_stubs=bool(taken),
            written=built_pages,
            # A page without a date of its own shows the newest of the site-wide pages, the ones taken too.
            latest=newest_page.isoformat() if newest_page else None,
        )
        site_dir = built.site_dir
        if kept is not None:
            kept.place(taken, site_dir)
            kept.keep(docs, built_pages, taken, site_dir)
        for path in placed:
            (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
            os.replace(stored.get(path) or files / path, site_dir / path)
        if kept is not None and renders is not None:
            renders.save(kept.dest, site_dir)  # last: the pages and files it names are all in place
        if told_digests:
            assert pending is not None
            pending.join(None)  # its documents were counted when it told its summaries
            for at, digests in told_digests.items():
                done = read_manifest(folders[at], cached=True)
                if [e["digest"] for e in done["documents"]] != digests:
                    raise BuildFailed(f"分片 {folders[at]} 在构建过程中被改动了，没有发布，已发布的网站保持不变。请重新运行 pubgen build。")
                dated += [(md, url, dt.date.fromisoformat(d) if d else None) for md, url, d in done["pages"]]
            trees.append(_link_pages(departments_of(list(told_digests)), staging / "shard-pages-built", spare))
        # The shards' pages, linked meanwhile by another process, move in beside the site-wide pages.
        linking.join()
        for tree in trees:
            move_tree(tree, site_dir)
            shutil.rmtree(tree)  # its folders, emptied
        for manifest in manifests:
            dated += [(md, url, dt.date.fromisoformat(d) if d else None) for md, url, d in pickle.loads(manifest["pages"])]
        # The address MkDocs used: site.yml's base_url, else mkdocs.yml's site_url, as a build of one shard lists its pages by.
        _write_sitemap(built.theme, dated, built.site_url, site_dir)
    except BaseException:
        if data_writing is not None:
            data_writing.cancel()
        if pending is not None:
            pending.cancel()
        indexing.cancel()  # before the staging folder it writes into is removed
        if linking is not None:
            linking.cancel()
        raise
    step.stage("建立搜索索引")
    move_into(indexing.join().folder, site_dir / "search")
    shutil.rmtree(docs)
    shutil.rmtree(files)
    return Assembled(site_dir, len(dated), report)


class _Page:
    """What the sitemap template reads of a page."""

    __slots__ = ("is_link", "canonical_url", "abs_url", "meta", "update_date")

    def __init__(self, canonical_url: str | None, abs_url: str | None, lastmod: str | None, newest: str) -> None:
        self.is_link = False
        self.canonical_url = canonical_url
        self.abs_url = abs_url
        self.meta = {"lastmod": lastmod} if lastmod else {}
        self.update_date = lastmod or newest  # as pubgen.build dates a page without a date of its own


class _File:
    __slots__ = ("page",)

    def __init__(self, page: _Page) -> None:
        self.page = page


def _mkdocs_order(md_path: str) -> tuple[tuple[int, bool, str], ...]:
    """MkDocs' order of files: a folder's files (``index`` first) before its subfolders, each by name."""
    parts = md_path.split("/")
    steps = tuple((1, False, p) for p in parts[:-1])
    name = parts[-1]
    return steps + ((0, os.path.splitext(name)[0] not in ("index", "README"), name),)


SITEMAP_URLS = 50_000
"""The most addresses one sitemap file may hold (sitemaps.org); a larger site gets a sitemap index and parts."""


def _write_sitemap(theme: Any, dated: list[tuple[str, str, dt.date | None]], base_url: str | None, site_dir: Path) -> None:
    """Write ``sitemap.xml`` (and ``.gz``) of every page, as MkDocs writes them for a whole build.

    Past :data:`SITEMAP_URLS` pages, ``sitemap.xml`` is a sitemap index of
    ``sitemap-1.xml``, ``sitemap-2.xml``, … (each with its ``.gz``), in MkDocs' order.
    """
    from urllib.parse import urljoin, urlsplit

    dated = sorted(dated, key=lambda e: _mkdocs_order(e[0]))
    base = (base_url.rstrip("/") + "/") if base_url else None
    own = [d for _, _, d in dated if d]
    newest = max(own).isoformat() if own else "1970-01-01"
    files = []
    for _, url, lastmod in dated:
        canonical = urljoin(base, url) if base else None
        shown = lastmod.isoformat() if lastmod else None
        files.append(_File(_Page(canonical, urlsplit(canonical).path if canonical else None, shown, newest)))
    if theme is None:
        return
    template = theme.get_template("sitemap.xml")
    # Without the site's address the theme lists no page (as MkDocs' own sitemap of a whole build).
    if len(files) <= SITEMAP_URLS or base is None:
        _write_xml(site_dir / "sitemap.xml", template.render(pages=files, config={"site_url": base}), newest)
        return
    index = []
    for start in range(0, len(files), SITEMAP_URLS):
        name = f"sitemap-{start // SITEMAP_URLS + 1}.xml"
        part = files[start : start + SITEMAP_URLS]
        _write_xml(site_dir / name, template.render(pages=part, config={"site_url": base}), newest)
        # Dated by its newest page's own date, as a page is (none when no page has one).
        index.append((urljoin(base, name), max((f.page.meta["lastmod"] for f in part if f.page.meta), default=None)))
    entries = "".join(
        f"\n    <sitemap>\n         <loc>{escape(loc)}</loc>" + (f"\n         <lastmod>{lastmod}</lastmod>" if lastmod else "") + "\n    </sitemap>"
        for loc, lastmod in index
    )
    _write_xml(
        site_dir / "sitemap.xml",
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + entries + "\n</sitemapindex>",
        newest,
    )


def _write_xml(target: Path, output: str, newest: str) -> None:
    """A sitemap file and its ``.gz``, stamped with the site's newest change, so that two builds are identical."""
    if not output.strip():
        return
    target.write_bytes(output.encode("utf-8"))
    # What a gzip header can hold (32-bit seconds from 1970): a mistyped change date (2202, 1022) must not end the build.
    stamp = min(max(int(dt.datetime.fromisoformat(newest).replace(tzinfo=dt.timezone.utc).timestamp()), 0), 2**32 - 1)
    with open(str(target) + ".gz", "wb") as f:
        with gzip.GzipFile(fileobj=f, filename=str(target) + ".gz", mode="wb", mtime=stamp) as gz:
            gz.write(output.encode("utf-8"))
