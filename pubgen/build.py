"""Build stage: MkDocs, in-process, through its own doors."""

from __future__ import annotations

import datetime as dt
import logging
import os
import zlib
from functools import partial
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from markdown.extensions.toc import slugify as markdown_slugify  # noqa: E402
from markupsafe import Markup  # noqa: E402
from mkdocs.plugins import BasePlugin, event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from .compiled import cache_for  # noqa: E402
from .errors import BuildFailed  # noqa: E402
from .escape import SafeSlugify, html_text  # noqa: E402
from .footer import Footer  # noqa: E402
from .progress import Progress  # noqa: E402


def _config_error(config_file: Path, exc: Exception) -> str:
    """MkDocs' complaint about mkdocs.yml in Chinese: a YAML slip with its line and what to do, else MkDocs' own words."""
    import yaml

    from .source import _yaml_message

    class _Tolerant(yaml.SafeLoader):
        """Reads mkdocs.yml's tags (!!python/name:…, !ENV) as plain values: only its syntax is looked at."""

    _Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        text = config_file.read_text(encoding="utf-8")
        yaml.load(text, Loader=_Tolerant)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列：" if mark is not None else ""
        return f"{where}{_yaml_message(error, text)}"
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        pass
    return f"（MkDocs 的原话）{exc}"


@dataclass(slots=True)
class BuiltSite:
    """A complete site in a folder not yet published."""

    site_dir: Path
    theme: Any = None
    """The theme's Jinja environment, for the templates pubgen renders after the build (the sitemap)."""
    site_url: str | None = None
    """The site's address MkDocs built with: ``base_url`` of ``site.yml``, else ``site_url`` of ``mkdocs.yml``."""


class _Collect(logging.Handler):
    """Keep MkDocs warnings so a strict build can name them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _PageCounter(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """Counts the pages MkDocs writes, for the progress line (registered as a plugin)."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress

    def on_post_page(self, output: str, **_: Any) -> str:
        self.progress.advance()
        return output


class _PageText(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """Where page data meets the theme: titles become HTML once, dates come from the content.

    The theme prints ``page.meta.title`` and ``config.site_name`` as they are in
    most places and through ``| e`` in a few: as ``Markup`` they print right in
    both, escaped exactly once. Front matter holds the text as written.
    """

    def on_page_markdown(self, markdown: str, page: Any, **_: Any) -> str:
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = html_text(value)
        return markdown

    def __init__(self, latest: str | None = None) -> None:
        super().__init__()
        self.latest = latest

    def on_env(self, env: Any, files: Any, **_: Any) -> Any:
        """Give every page its own change date (front matter ``lastmod``) instead of the day of the build.

        MkDocs prints it as the sitemap's ``<lastmod>`` and stamps ``sitemap.xml.gz``
        with the newest one; a page with no date of its own takes the newest of
        the site, and a site with none takes the epoch, so that two builds of the
        same sources are identical whenever they run.
        """
        self.env = env
        env.bytecode_cache = cache_for("theme")  # before the theme's templates are first loaded
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        own = {id(page): _date(page.meta.get("lastmod")) for page in pages}
        # Given when this build has only some of the pages (the others kept from the last build).
        latest = self.latest or max((d for d in own.values() if d), default="1970-01-01")
        for page in pages:
            page.update_date = gzip_date(own[id(page)] or latest)
        return env


GZIP_DATES = ("1970-01-01", "2106-02-07")
"""The days a gzip header can stamp (32-bit seconds from 1970): MkDocs' ``struct.error`` ended the build on any other."""


def gzip_date(date: str) -> str:
    """An ISO date as near as a gzip header can stamp it: a mistyped change date (2202, 1022) must not end the build.

    ``pubgen check`` reports such a date (``date-order``); the sitemap's ``<lastmod>`` still shows it as written.
    """
    return min(max(date, GZIP_DATES[0]), GZIP_DATES[1])


class _Compact(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """Hold each page's HTML compressed, and not its Markdown, between MkDocs reading it and writing it.

    MkDocs converts every page before it writes the first one (the navigation must
    know them all), so a build holds every page's Markdown and HTML at once: for
    the site-wide pages of a province, gigabytes. Compressed, a page's HTML takes
    a few per cent of that; it is restored for the theme, then let go once written.
    """

    def __init__(self) -> None:
        super().__init__()
        self.held: dict[int, bytes] = {}

    @event_priority(-100)  # after every other plugin has had the page's HTML
    def on_page_content(self, html: str, page: Any, **_: Any) -> str:
        self.held[id(page)] = zlib.compress(html.encode("utf-8", "surrogatepass"), 1)
        page.markdown = ""  # read only to make the HTML
        return ""

    @event_priority(100)  # before any other plugin reads it
    def on_page_context(self, context: Any, page: Any, **_: Any) -> Any:
        held = self.held.pop(id(page), None)
        if held is not None:
            page.content = zlib.decompress(held).decode("utf-8", "surrogatepass")
        return context

    @event_priority(-100)
    def on_post_page(self, output: str, page: Any, **_: Any) -> str:
        page.content = None
        return output


class _Written(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """Where each page's HTML was written: its Markdown file's path in the docs folder → its file's path in the site."""

    def __init__(self, into: dict[str, str]) -> None:
        super().__init__()
        self.into = into

    def on_post_page(self, output: str, page: Any, **_: Any) -> str:
        self.into[page.file.src_uri] = page.file.dest_uri
        return output


class _Elsewhere(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """Files that are in the site but come from another build: links find them, nothing copies them."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__()
        self.paths = paths

    def on_files(self, files: Any, config: Any, **_: Any) -> Any:
        for path in self.paths:
            files.append(_Placed(path, config["docs_dir"], config["site_dir"], config["use_directory_urls"]))
        return files


class _LinkedFiles(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    """The docs folder's files other than pages (a dozen CSV and JSON files a document) hard-linked into the site, not
    copied: for a build whose docs folder is removed once it is done, and whose site is not changed in place."""

    @event_priority(-100)  # after any other plugin has listed its files
    def on_files(self, files: Any, config: Any, **_: Any) -> Any:
        docs = os.path.join(os.path.abspath(config["docs_dir"]), "")
        for file in files:
            if file.is_documentation_page() or not file.abs_src_path or file.generated_by:
                continue
            if os.path.abspath(file.abs_src_path).startswith(docs):
                # The file otherwise as listed (its address, whether it is included): only written another way.
                file.copy_file = partial(_link_file, file)
        return files


def _link_file(file: File, dirty: bool = False) -> None:
    """Hard-link a file of the docs folder into the site (copy it where the file system cannot link)."""
    assert file.abs_src_path is not None
    os.makedirs(os.path.dirname(file.abs_dest_path), exist_ok=True)
    try:
        os.link(file.abs_src_path, file.abs_dest_path)
    except OSError:
        File.copy_file(file, dirty)


class _Placed(File):
    """A file another build writes into the site."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def _stub_nav(nav: Any, docs_dir: Path) -> None:
    """Make an empty page for each Markdown file the navigation names and ``docs_dir`` lacks."""
    todo = [nav]
    while todo:
        item = todo.pop()
        if isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, str) and item.endswith(".md") and "://" not in item:
            target = docs_dir / item
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text("", encoding="utf-8")


def _date(value: Any) -> str | None:
    """An ISO date from front matter, or None."""
    try:
        return dt.date.fromisoformat(str(value)).isoformat() if value else None
    except ValueError:
        return None


def build(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    site_name: str,
    strict: bool = False,
    site_url: str | None = None,
    progress: Progress | None = None,
    nav_stubs: bool = False,
    elsewhere: list[str] | None = None,
    footer: Footer | None = None,
    compact: bool = False,
    written: dict[str, str] | None = None,
    latest: str | None = None,
    linked_files: bool = False,
) -> BuiltSite:
    """Build ``docs_dir`` into ``site_dir`` the way ``mkdocs build`` does; ``site_name`` is plain text.

    A shard builds part of a site: with ``nav_stubs``, the pages the navigation
    names and ``docs_dir`` lacks are made empty, so every page carries the
    site's navigation as a whole build gives it. ``elsewhere`` names files that
    another build puts into the site (so links to them are found), not copied.

    ``footer`` (from ``site.yml``) reaches the theme as ``config.extra.pubgen_footer``.
    With ``compact``, pages wait to be written compressed (for a build of many large pages).
    ``written`` is given where each page's HTML went (Markdown path → path in the site).
    ``latest`` is the date a page without one of its own shows (by default, the newest of the pages built).
    With ``linked_files`` (a shard, whose docs folder is removed after the build), the docs folder's files are
    hard-linked into the site instead of copied.
    """
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    collect = _Collect()
    log = logging.getLogger("mkdocs")
    log.addHandler(collect)
    try:
        cfg = load_config(
            config_file=str(config_file),
            docs_dir=str(docs_dir),
            site_dir=str(site_dir),
            # Plain text made HTML once; as Markup the theme's own ``| e`` leaves it as it is.
            site_name=html_text(site_name),
            strict=strict,
            # MkDocs writes sitemap.xml only when it knows the site's address.
            **({"site_url": site_url} if site_url else {}),
        )
        # pubgen's HTML blocks are set aside before Python-Markdown scans them (see pubgen.rawhtml).
        cfg.markdown_extensions.append("pubgen.rawhtml")
        if footer is not None:
            cfg.extra["pubgen_footer"] = footer
        # Heading ids come from editors' text: whatever slugify mkdocs.yml names, never an id the theme or pubgen uses.
        toc = cfg.mdx_configs.setdefault("toc", {})
        toc["slugify"] = SafeSlugify(toc.get("slugify") or markdown_slugify)
        page_text = cfg.plugins["pubgen/page-text"] = _PageText(latest)
        if progress is not None:
            cfg.plugins["pubgen/progress"] = _PageCounter(progress)
        if compact:
            cfg.plugins["pubgen/compact"] = _Compact()
        if written is not None:
            cfg.plugins["pubgen/written"] = _Written(written)
        if nav_stubs:
            _stub_nav(cfg["nav"] or [], docs_dir)
        if elsewhere:
            cfg.plugins["pubgen/elsewhere"] = _Elsewhere(elsewhere)
        if linked_files:
            cfg.plugins["pubgen/linked-files"] = _LinkedFiles()
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg, dirty=False)
        finally:
            cfg.plugins.on_shutdown()
    except exceptions.Abort as exc:
        detail = "；".join(collect.messages[-5:])
        raise BuildFailed(f"MkDocs 构建失败：{exc}。{detail}") from None
    except exceptions.ConfigurationError as exc:
        raise BuildFailed(f"mkdocs.yml 配置有误：{_config_error(config_file, exc)}") from None
    finally:
        log.removeHandler(collect)
    return BuiltSite(site_dir, getattr(page_text, "env", None), cfg["site_url"] or None)
