"""The build pipeline, top to bottom: load → validate → derive → render → build → index → publish."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import ContentInvalid
from .load import Content, load
from .parallel import Background, check_content, long_lived, no_cyclic_gc
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
        report.problems = [p for p in report.problems if (base / p.file).resolve() in names]
    return report


def _validate(content: Content) -> Report:
    with no_cyclic_gc():
        return validate(content)


def _passed(report: Report, site_dir: Path, strict: bool) -> Report:
    if not (report.ok_strict() if strict else report.ok):
        raise ContentInvalid(f"内容检查未通过，没有发布：{site_dir} 保持不变。", report.for_build())
    return report


def build(project: Project, site_dir: Path, strict: bool = False, progress: Progress | None = None) -> BuildResult:
    """Validate, render and build the site, then swap it into ``site_dir``.

    With ``progress``, each stage and its pages done / total are shown as they go.
    """
    # Imported here so that `pubgen check` does not pay for Jinja, MkDocs and the segmenter.
    from .build import build as build_site
    from .derive import derive
    from .footer import footer_of
    from .history import last_changed
    from .publish import discard, publish, publishing, staging_dir
    from .render import render
    from .search import index, move_into

    step = progress or Progress.silent()
    # Refuses a folder that publishing would destroy, waits for another build into it, removes crashed builds' left-overs.
    with publishing(project.root, site_dir) as site_dir:
        step.stage("读取并检查内容")
        with no_cyclic_gc():
            content = load(project.content)
        # The other core checks every figure while this one lays out the site; nothing is rendered before the check passes.
        checking = Background(_validate, content)
        try:
            with no_cyclic_gc():
                sitemap = derive(content, last_changed(project.root))
        except Exception:
            _passed(checking.join(), site_dir, strict)  # content that breaks the layout is reported as the check finds it
            raise
        except BaseException:
            checking.cancel()
            raise
        report = _passed(checking.join(), site_dir, strict)
        staging = staging_dir(site_dir)
        with long_lived():
            try:
                step.stage("生成页面", len(sitemap.documents))
                tree = render(sitemap, project.templates, staging / "docs", report.problems, progress=step)
                # The search index is made from the Markdown tree on the other core while MkDocs builds.
                indexing = Background(index, sitemap, tree.docs_dir, staging / "search")
                step.stage("构建网站", tree.pages)
                try:
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
                step.stage("发布")
                publish(built.site_dir, site_dir)  # one atomic swap: the replaced site is left in the staging folder
            finally:
                discard(staging)
                step.finish()
    return BuildResult(report, site_dir, tree.pages)
