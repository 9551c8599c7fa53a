"""Build stage: MkDocs, in-process, through its own doors."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.plugins import BasePlugin  # noqa: E402

from .errors import BuildFailed  # noqa: E402
from .progress import Progress  # noqa: E402


@dataclass(slots=True)
class BuiltSite:
    """A complete site in a folder not yet published."""

    site_dir: Path


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


def build(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    site_name: str,
    strict: bool = False,
    site_url: str | None = None,
    progress: Progress | None = None,
) -> BuiltSite:
    """Build ``docs_dir`` into ``site_dir`` the way ``mkdocs build`` does."""
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
            site_name=site_name,
            strict=strict,
            # MkDocs writes sitemap.xml only when it knows the site's address.
            **({"site_url": site_url} if site_url else {}),
        )
        # pubgen's HTML blocks are set aside before Python-Markdown scans them (see pubgen.rawhtml).
        cfg.markdown_extensions.append("pubgen.rawhtml")
        if progress is not None:
            cfg.plugins["pubgen/progress"] = _PageCounter(progress)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg, dirty=False)
        finally:
            cfg.plugins.on_shutdown()
    except exceptions.Abort as exc:
        detail = "；".join(collect.messages[-5:])
        raise BuildFailed(f"MkDocs 构建失败：{exc}。{detail}") from None
    except exceptions.ConfigurationError as exc:
        raise BuildFailed(f"mkdocs.yml 配置有误：{exc}") from None
    finally:
        log.removeHandler(collect)
    return BuiltSite(site_dir)
