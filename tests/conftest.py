"""Shared fixtures: the bundled project, a built site, a local server and a real browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")

from pubgen.pipeline import Project, build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` as a test author; return what it printed."""
    return subprocess.run(
        ["git", "-c", "user.name=pubgen tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def copy_project(dest: Path) -> Project:
    """A private copy of the bundled project, safe to break."""
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return Project(dest)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content built once, the way `pubgen build` does."""
    site = tmp_path_factory.mktemp("bundled") / "site"
    build(Project(ROOT), site)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[object]:
    """Serve a folder on 127.0.0.1 at a free port; returns its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def _serve(path: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(path))
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}/"

    yield _serve
    for srv in servers:
        srv.shutdown()
        srv.server_close()


@pytest.fixture(scope="session")
def site_url(bundled_site: Path, serve: object) -> str:
    return serve(bundled_site)  # type: ignore[operator]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright; skipped only outside CI when it is missing."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing under CI=true: install Debian's chromium (see .ci/run).")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests skipped.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object, site_url: str) -> Iterator[object]:
    """A fresh browser page that records, and blocks, every request leaving the site's origin."""
    origin = urlsplit(site_url).netloc
    context = browser.new_context()  # type: ignore[attr-defined]
    external: list[str] = []

    def route(r: object) -> None:
        u = urlsplit(r.request.url)  # type: ignore[attr-defined]
        if u.scheme in ("http", "https", "ws", "wss") and u.netloc != origin:
            external.append(r.request.url)  # type: ignore[attr-defined]
            r.abort()  # type: ignore[attr-defined]
        else:
            r.continue_()  # type: ignore[attr-defined]

    context.route("**/*", route)
    pg = context.new_page()
    pg.external_requests = external
    yield pg
    context.close()


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A generated project of 1,000 documents (benchmarks/corpus.py, seed 1) and its built site."""
    import sys

    project = tmp_path_factory.mktemp("corpus-1000") / "project"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(project), "--documents", "1000", "--seed", "1"],
        check=True,
        capture_output=True,
    )
    site = project.parent / "site"
    build(Project(project), site)
    return project, site
