"""Shared fixtures: the bundled project, a built site, a local server and a real browser."""

from __future__ import annotations

import atexit
import compileall
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")

from pubgen.pipeline import CACHE, Project, build  # noqa: E402

from .skipnote import pytest_runtest_logreport, pytest_terminal_summary  # noqa: E402,F401  (hooks: the run's last line names skipped browser tests)

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


SHARED_BY_ONE_WORKER = {"corpus_site": "corpus-1000"}
"""Fixtures too slow to build on every worker: the tests using one run on the same worker (``--dist loadgroup``)."""


SLOWEST = (
    "tests/test_faults.py::test_sigkill_at_random_points",
    "tests/test_publish_safety.py::test_a_reader_never_finds_the_home_page_missing",
    "tests/test_fuzz.py::test_changing_any_figure_of_a_real_official_table_is_reported",
    "tests/test_shards.py::test_incremental_build_after_an_edit_is_identical_to_a_clean_one",
)
"""Tests of a minute or more (the kill test: five): started first, so that no worker is left running one alone at the end."""


def pytest_configure(config: pytest.Config) -> None:
    """pubgen's modules compiled once, before the workers start: the tests run `pubgen` as a program hundreds of times,
    and where the environment sets PYTHONDONTWRITEBYTECODE (CI's does) every start compiled all of them again."""
    if not hasattr(config, "workerinput"):
        compileall.compile_dir(ROOT / "pubgen", quiet=1)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Group the tests of each slow fixture, before pytest-xdist reads the groups; put the slowest tests first."""
    for item in items:
        for fixture, group in SHARED_BY_ONE_WORKER.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(pytest.mark.xdist_group(group))
    items.sort(key=lambda item: next((i for i, name in enumerate(SLOWEST) if item.nodeid.startswith(name)), len(SLOWEST)))


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` as a test author; return what it printed."""
    return subprocess.run(
        ["git", "-c", "user.name=pubgen tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def copy_project(dest: Path, *, built_before: bool = True) -> Project:
    """A private copy of the bundled project, safe to break.

    ``built_before``: as in a checkout its editor has built before, the copy holds what a build of the bundled project
    keeps in ``.pubgen-cache/`` (compiled templates, pinyin looked up), so that each test's build does not compile
    every template again. Tests of what a first build writes there copy without it.
    """
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    if built_before:
        shutil.copytree(kept_by_a_build(), dest / CACHE)
    return Project(dest)


@functools.cache
def kept_by_a_build() -> Path:
    """What a build of the bundled project keeps in ``.pubgen-cache/``: built once in each test process, on first use."""
    folder = Path(tempfile.mkdtemp(prefix="pubgen-kept-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    project = copy_project(folder / "project", built_before=False)
    build(project, folder / "site")
    kept = project.root / CACHE
    names = sorted(p.name for p in kept.iterdir())
    # Only what any project may use is handed on: compiled templates and pinyin, no check results, no shards.
    assert len(names) == 3 and names[0] == ".gitignore" and names[1].startswith("pinyin-") and names[2].startswith("templates-"), names
    return kept


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content built once, the way `pubgen build` does."""
    site = tmp_path_factory.mktemp("bundled") / "site"
    build(Project(ROOT), site)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    """A test site's server: a browser that stops reading a file (it moved to another page) is not an error."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def serve() -> Iterator[object]:
    """Serve a folder on 127.0.0.1 at a free port; returns its base URL."""
    servers: list[_Server] = []

    def _serve(path: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(path))
        srv = _Server(("127.0.0.1", 0), handler)
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


# --------------------------------------------------------------------------- every page type, as readers meet them

PAGE_TYPES = {
    "home": "",
    "years": "years/",
    "year": "years/2025/",
    "kinds": "kinds/",
    "kind": "kinds/budget/",
    "regions": "regions/",
    "region": "shanghai/putuo/",
    "departments": "departments/",
    "department": "shanghai/putuo/wanli-jiedao/",
    "budget": "hebei/xingtai/pingxiang/xinfangju/2021/budget/",
    "budget-official": "shanghai/putuo/wanli-jiedao/2025/budget/",
    "budget-unit": "shanghai/putuo/shangwuwei/2025/budget/unit-benji/",
    "final-accounts": "shanghai/putuo/caizhengju/2024/final-accounts/",
    "self-evaluation": "hebei/shijiazhuang/xinfangju/2021/self-evaluation/",
    "self-evaluation-form": "guangdong/guangzhou/huadu/xinfangju/2021/self-evaluation/",
    "glossary": "glossary/",
    "data": "data/",
    "search": "search/?q=%E4%B8%89%E5%85%AC%E7%BB%8F%E8%B4%B9",
    "404": "no/such/page/",
}
"""One address of every kind of page the site has (the official nine-table 预算 and 决算 included); 404 is an address the site does not hold."""

FOOTER_SETTINGS = """\
# 站点设置
title: 部门预决算公开平台
description: 本站集中公开各部门预算、决算和部门整体支出绩效自评报告。
publisher: 示例市财政局
operator: 示例市财政局办公室
contact: 电话：0319-1234567　邮箱：budget@example.gov.cn
site_code: "1305000001"
icp_record: 冀ICP备12345678号-1
police_record: 冀公网安备 13050002000001号
conac_url: https://bszs.conac.cn/sitename?method=show&id=0123456789ABCDEF
unit: 万元
"""
"""The bundled content with every footer field of ``site.yml`` filled in, as a government site would."""

SCREENSHOTS = ARTIFACTS / "screenshots"


class _SiteHandler(_QuietHandler):
    """Serves a built site as a web server would: an address it does not hold gets the site's 404 page."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def readers_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content with the footer settings filled in, built the way `pubgen build` does."""
    project = copy_project(tmp_path_factory.mktemp("readers"))
    (project.content / "site.yml").write_text(FOOTER_SETTINGS, encoding="utf-8")
    site = project.root / "site"
    build(project, site)
    return site


@pytest.fixture(scope="session")
def readers_url(readers_site: Path) -> Iterator[str]:
    """The readers' site on 127.0.0.1, with its 404 page for addresses it does not hold."""
    handler = functools.partial(_SiteHandler, directory=str(readers_site))
    srv = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()
    srv.server_close()


def open_page(browser: object, url: str, width: int, *, elder: bool = False, height: int = 900, scale: float = 1, script: bool = True) -> object:
    """A page at ``width`` CSS pixels (``scale`` 2 is a 200 % zoom), in 长辈版 when ``elder`` (as a reader who chose it before)."""
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": width, "height": height}, device_scale_factor=scale, java_script_enabled=script
    )
    if elder:
        context.add_init_script("try { localStorage.setItem('pg-elder', '1') } catch (e) {}")
    pg = context.new_page()
    pg.goto(url)  # waits for the load event: every script and style has run
    if "search/?q=" in url:
        from playwright.sync_api import expect

        expect(pg.locator(".pg-search-status")).to_contain_text("找到", timeout=15_000)
    return pg


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A generated project of 1,000 documents (benchmarks/corpus.py, seed 1) and its built site."""
    project = tmp_path_factory.mktemp("corpus-1000") / "project"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(project), "--documents", "1000", "--seed", "1"],
        check=True,
        capture_output=True,
    )
    site = project.parent / "site"
    build(Project(project), site)
    return project, site
