"""Compare search engines on the same site: build cost, index size, bytes and time to a first result, quality.

    python benchmarks/search.py --documents 100 1000 10000
    python benchmarks/search.py --documents 1000 --engines pagefind-npm --reuse     # one engine again
    python benchmarks/search.py --documents 100 1000 10000 --report-only --write-doc
    python benchmarks/search.py --shows --documents 10000 --write-doc    # one query's cost: benchmarks/search_shows.py

Engines (``--engines``, default all four):

``pubgen``
    The project as it is in the repository when the command runs:
    ``python -m pubgen build --project P --site-dir OUT``, where P has the corpus's
    ``content/`` and the repository's ``templates/`` and ``mkdocs.yml``. Its index is
    ``OUT/search/`` (every file but the search page's ``index.html``). While the
    repository still uses mkdocs-material's search (``OUT/search/search_index.json``
    exists) the engine is reported as such.
``material``
    mkdocs-material's search plugin (lunr, Chinese segmented by jieba with the
    glossary's terms kept whole, as pubgen configured it): the same build from a
    variant of P whose ``mkdocs.yml`` has ``plugins: [search]`` and no script with
    "search" in its name, whose templates have no ``partials/search.html`` override
    and no ``assets/*search*``, and in which pubgen's own index stage is skipped.
    The plugin's hooks are timed in the build process.
``pagefind-pypi``, ``pagefind-npm``
    Pagefind's *extended* binary (the one that segments Chinese) over a hard-linked
    copy of the pubgen site, whose pages mark their content ``data-pagefind-body``:
    1.5.2 from PyPI (``pip install 'pagefind[extended]==1.5.2'``, run as
    ``python -m pagefind``) and 1.6 from npm (``npm ci --prefix benchmarks``; the
    platform package ``@pagefind/<os>-<cpu>`` ships only ``pagefind_extended``).

For each size N the corpus comes from ``benchmarks/corpus.py`` as in
``benchmarks/run.py`` (``$TMPDIR/pubgen-bench-n<N>-s<seed>``, or under ``--workdir``);
everything else goes to ``<workdir>/pubgen-search-n<N>-s<seed>/<engine>/``.

1. **Build / index**, each in a fresh process (``benchmarks/build.py``'s ``run_child``):
   wall time, CPU time, peak RSS; then the index's files, bytes and bytes gzipped
   at level 6 (a file is counted gzipped only when that makes it smaller, as the
   server below sends it: Pagefind's files are compressed already).
2. **Right answers**: ``benchmarks/queries.py`` reads the pubgen site's document
   pages, independently of any engine, and makes the query list with the documents
   that contain each query.
3. **Browser**: Chromium through Playwright, against a threaded local HTTP server
   that sends text, JSON, WebAssembly and Pagefind files gzipped when the browser
   accepts it and counts the bytes it sends (headers included). For every query, in
   a new browser context (cold cache), once after an unmeasured warm-up query:

   - material and pubgen: open the first document page, click the header search
     button, fill the search box, press End, wait for the first
     ``li.md-search-result__item a.md-search-result__link``. Time from the box's
     ``input`` event to that element, and from navigation start (material fetches
     its whole index when the page loads, so a reader who types at once waits for it);
   - Pagefind: a probe page in the Pagefind site imports ``/pagefind/pagefind.js``,
     calls ``pagefind.search(q)`` and loads the first result's data, timed in the page.

   Bytes until the first result are those of the responses the server finished
   before the page saw the result, search requests alone and the whole page. Then the
   top ten result addresses are read and judged by ``queries.judge``.

Each engine's build and browser results are saved as JSON in its folder; a later
run reports the engines it did not run from those files. With ``--reuse`` a build
whose inputs have not changed (corpus, repository sources, tool version) is not
made again. A step that takes longer than ``--limit`` seconds is stopped and
reported, and that engine is not run at larger sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import mimetypes
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import build as build_bench  # noqa: E402  (run_child, machine)
import queries as Q  # noqa: E402
import run as check_bench  # noqa: E402  (the corpus convention)

ENGINES = ("material", "pagefind-pypi", "pagefind-npm", "pubgen")
PAGEFIND = ("pagefind-pypi", "pagefind-npm")
PAGEFIND_PYPI_VERSION = "1.5.2"
DOC = REPO / "docs" / "performance.md"
START, END = "<!-- search-benchmark:start -->", "<!-- search-benchmark:end -->"
TABLES_START, TABLES_END = "<!-- search-benchmark:tables:start -->", "<!-- search-benchmark:tables:end -->"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SEARCH_BUTTON = 'label.md-header__button[for="__search"]'
SEARCH_INPUT = "input.md-search__input"
RESULT_LINK = "li.md-search-result__item a.md-search-result__link"
PROBE = "pagefind-probe.html"
VIEWPORT: Any = {"width": 800, "height": 900}
"""Narrower than mkdocs-material's 60em breakpoint, so the header shows its search button."""


# --------------------------------------------------------------------------- small pure helpers


def size_dir(workdir: Path | None, documents: int, seed: int) -> Path:
    return (workdir or Path(tempfile.gettempdir())) / f"pubgen-search-n{documents}-s{seed}"


def compressible(name: str) -> bool:
    """Sent gzipped by the benchmark's server (when smaller): text, JSON, JavaScript, WebAssembly, Pagefind files."""
    suffix = Path(name).suffix.lower()
    return suffix in {".html", ".htm", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".wasm",
                      ".map", ".pagefind"} or suffix.startswith(".pf_")


def gzip6(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


def served_size(name: str, data: bytes) -> int:
    """Body bytes the server sends for a file to a browser that accepts gzip."""
    if compressible(name):
        return min(len(data), len(gzip6(data)))
    return len(data)


def folder_stats(folder: Path, skip: Callable[[Path], bool] = lambda p: False) -> dict[str, Any]:
    """Files, raw bytes and bytes as served (gzip -6 where smaller) of every file under ``folder``."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not skip(p)) if folder.is_dir() else []
    raw = gz = 0
    parts: dict[str, list[int]] = {}
    for p in files:
        data = p.read_bytes()
        s = served_size(p.name, data)
        raw += len(data)
        gz += s
        rel = p.relative_to(folder)
        key = rel.parts[0] + "/" if len(rel.parts) > 1 else "(top)"
        part = parts.setdefault(key, [0, 0, 0])
        part[0] += 1
        part[1] += len(data)
        part[2] += s
    return {"files": len(files), "raw": raw, "gzip": gz,
            "parts": {k: {"files": v[0], "raw": v[1], "gzip": v[2]} for k, v in sorted(parts.items())}}


def spread(values: Iterable[float | None]) -> dict[str, float] | None:
    """min / median / max of the values that are there."""
    vs = [v for v in values if v is not None]
    if not vs:
        return None
    return {"min": min(vs), "median": statistics.median(vs), "max": max(vs)}


def top_level_blocks(text: str) -> list[tuple[str | None, list[str]]]:
    """A YAML file's lines grouped by top-level key (``None`` for what comes before the first)."""
    blocks: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in text.splitlines(keepends=True):
        m = re.match(r"([A-Za-z_][\w-]*)\s*:", line)
        if m:
            blocks.append((m.group(1), [line]))
        else:
            blocks[-1][1].append(line)
    return blocks


def material_config(text: str) -> str:
    """``mkdocs.yml`` with mkdocs-material's search plugin on and any other search script left out."""
    out: list[str] = []
    has_plugins = False
    for key, lines in top_level_blocks(text):
        if key == "plugins":
            has_plugins = True
            out.append("plugins:\n  - search\n")
            # Keep comment lines that follow the block (they belong to the next key).
            tail = [ln for ln in lines[1:] if ln.startswith("#")]
            out.extend(tail)
            continue
        if key == "extra_javascript":
            kept = [ln for ln in lines if not (ln.lstrip().startswith("-") and "search" in ln.lower())
                    and not (ln.lstrip().startswith("#") and "search" in ln.lower())]
            out.extend(kept)
            continue
        out.extend(lines)
    result = "".join(out)
    if not has_plugins:
        result = result.rstrip("\n") + "\nplugins:\n  - search\n"
    return result


def replace_section(document: str, section: str) -> str:
    """``document`` with ``section`` between the search-benchmark markers (added at the end if missing).

    When the section already has the inner table markers, only what lies between those is replaced,
    so the text written around the tables stays."""
    if START in document and END in document:
        head, rest = document.split(START, 1)
        old, tail = rest.split(END, 1)
        if TABLES_START in old and TABLES_END in old and TABLES_START in section and TABLES_END in section:
            o_head, o_rest = old.split(TABLES_START, 1)
            _, o_tail = o_rest.split(TABLES_END, 1)
            new_tables = section.split(TABLES_START, 1)[1].split(TABLES_END, 1)[0]
            return head + START + o_head + TABLES_START + new_tables + TABLES_END + o_tail + END + tail
        return head + START + "\n" + section.strip("\n") + "\n" + END + tail
    return document.rstrip("\n") + "\n\n" + START + "\n" + section.strip("\n") + "\n" + END + "\n"


def classify(path: str) -> bool:
    """Is this request part of searching (index, search scripts, Pagefind) rather than of the page?"""
    p = path.lower()
    name = p.rsplit("/", 1)[-1]
    return (p.startswith("/search/") and not p.endswith("/search/")) or "/pagefind/" in p or "/lunr/" in p \
        or "/workers/search" in p or name.startswith("search")


def digest_files(paths: Iterable[Path], root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def sources_digest() -> str:
    """What the repository contributes to a build: the package, the templates, mkdocs.yml."""
    return digest_files([*(REPO / "pubgen").rglob("*.py"), *(REPO / "templates").rglob("*"), REPO / "mkdocs.yml"], REPO)


def fingerprint(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


# --------------------------------------------------------------------------- build children (run in a fresh process)


def _child_build(engine: str, project: Path, site: Path, timings_file: Path) -> None:
    """``pubgen build`` with the search work timed (and, for ``material``, the plugin's setup)."""
    import runpy

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    timings: dict[str, float] = {}
    depth: dict[str, int] = {}
    sidecar = timings_file.with_suffix(".lines")

    def timed(label: str, fn: Callable[..., Any], elsewhere: bool = False) -> Callable[..., Any]:
        """Time the outermost calls of ``fn``; with ``elsewhere`` it may run in another thread or a forked
        process (pubgen indexes while MkDocs builds), so each call appends its times to a file."""
        timings.setdefault(label, 0.0)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            outer = depth.get(label, 0) == 0
            depth[label] = depth.get(label, 0) + 1
            s, c = time.perf_counter(), time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                depth[label] -= 1
                if outer and elsewhere:
                    with open(sidecar, "a", encoding="utf-8") as fh:
                        fh.write(json.dumps({"label": label, "wall": time.perf_counter() - s,
                                             "cpu": time.thread_time() - c}) + "\n")
                elif outer:
                    timings[label] += time.perf_counter() - s

        return wrapper

    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # pragma: no cover
        SearchPlugin = None  # noqa: N806
    if SearchPlugin is not None:
        for hook in ("on_config", "on_page_context", "on_post_build"):
            if hasattr(SearchPlugin, hook):
                setattr(SearchPlugin, hook, timed("search plugin (mkdocs-material)", getattr(SearchPlugin, hook)))
    try:
        import pubgen.search as own
    except ImportError:
        own = None  # type: ignore[assignment]
    if engine == "material":
        # pubgen's segmenter set-up as it was with mkdocs-material's search: glossary terms whole, 预决算 split.
        import logging

        import jieba

        def teach() -> None:
            jieba.setLogLevel(logging.WARNING)
            quotes = str.maketrans("", "", "“”\"‘’'「」")
            for w in sorted({w.translate(quotes).strip() for w in Q.glossary_words(project / "content" / "glossary.yml")}):
                if len(w) > 1:
                    jieba.add_word(w, freq=100000)
            jieba.del_word("预决算")

        timed("search plugin (mkdocs-material)", teach)()
        if own is not None and hasattr(own, "index"):
            from types import SimpleNamespace

            def skip(site_map: Any, docs_dir: Path, out: Path, *a: Any, **k: Any) -> Any:
                """pubgen's own index, not made: an empty folder where it would be."""
                Path(out).mkdir(parents=True, exist_ok=True)
                return SimpleNamespace(folder=Path(out), documents=0, tokens=0, shards=0, files=0, bytes=0)

            own.index = skip  # type: ignore[assignment]
    elif own is not None and hasattr(own, "index"):
        own.index = timed("search index (pubgen.search.index)", own.index, elsewhere=True)
    sys.argv = ["pubgen", "build", "--project", str(project), "--site-dir", str(site)]
    code: Any = 0
    try:
        runpy.run_module("pubgen", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code
    finally:
        if sidecar.exists():
            for line in sidecar.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                timings[rec["label"]] = timings.get(rec["label"], 0.0) + rec["wall"]
                timings[rec["label"] + ", CPU"] = timings.get(rec["label"] + ", CPU", 0.0) + rec["cpu"]
            sidecar.unlink()
        timings_file.write_text(json.dumps({k: v for k, v in timings.items() if v}))
    sys.exit(code)


# --------------------------------------------------------------------------- step 1: builds and indexes


def project_variant(corpus: Path, dest: Path, engine: str) -> Path:
    """A project with the corpus's content and the repository's templates and mkdocs.yml (as they are now)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    (dest / "content").symlink_to(corpus / "content", target_is_directory=True)
    shutil.copytree(REPO / "templates", dest / "templates")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if engine == "material":
        config = material_config(config)
        override = dest / "templates" / "overrides" / "partials" / "search.html"
        if override.exists():
            override.unlink()
        for p in (dest / "templates" / "assets").glob("*search*"):
            p.unlink()
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def index_files(engine: str, site: Path) -> tuple[Path, Callable[[Path], bool]]:
    """Where an engine's index lives in its site, and which files there are not index."""
    if engine in PAGEFIND:
        return site / "pagefind", lambda p: False
    if engine == "material" or (site / "search" / "search_index.json").exists():
        return site / "search", lambda p: p.name != "search_index.json"
    return site / "search", lambda p: p.suffix == ".html"  # pubgen's search page is a page, not index


def build_site(engine: str, corpus: Path, where: Path, limit: float) -> dict[str, Any]:
    project = project_variant(corpus, where / "project", engine)
    site = where / "site"
    if site.exists():
        shutil.rmtree(site)
    timings_file = where / "timings.json"
    timings_file.unlink(missing_ok=True)
    timings_file.with_suffix(".lines").unlink(missing_ok=True)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_build", engine, str(project), str(site), str(timings_file)]
    load = os.getloadavg()
    result = build_bench.run_child(cmd, limit)
    for left in site.parent.glob(f".{site.name}.building-*"):
        shutil.rmtree(left, ignore_errors=True)
    result["load"] = [round(x, 2) for x in load]
    result["command"] = f"python -m pubgen build --project {project} --site-dir {site}"
    result["search_seconds"] = json.loads(timings_file.read_text()) if timings_file.exists() else {}
    m = re.search(r"已发布 (\d+) 个页面", result["stdout"])
    result["pages"] = int(m.group(1)) if m else None
    return result


def pagefind_command(engine: str) -> tuple[list[str], str]:
    """The command that runs the engine's Pagefind, and its version."""
    if engine == "pagefind-pypi":
        try:
            from pagefind_bin_extended import get_executable
        except ImportError:
            raise SystemExit(f"pagefind-pypi needs: pip install 'pagefind[extended]=={PAGEFIND_PYPI_VERSION}'") from None
        binary = Path(get_executable())
        cmd = [sys.executable, "-m", "pagefind"]
        check = subprocess.run([sys.executable, "-c", "from pagefind.service import get_executable; print(get_executable())"],
                               capture_output=True, text=True, cwd=tempfile.gettempdir())
        if "extended" not in check.stdout:
            raise SystemExit(f"python -m pagefind does not run the extended binary ({check.stdout.strip()}); "
                             "pip install 'pagefind[extended]'")
    else:
        machine = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine().lower(), "x64")
        binary = HERE / "node_modules" / "@pagefind" / f"{sys.platform}-{machine}" / "bin" / "pagefind_extended"
        if not binary.exists():
            raise SystemExit(f"pagefind-npm needs: npm ci --prefix benchmarks ({binary} is missing)")
        cmd = [str(binary)]
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    return cmd, f"{version} extended ({binary.relative_to(HERE) if binary.is_relative_to(HERE) else binary.name})"


def link_copy(src: Path, dest: Path) -> None:
    """A copy of a site made of hard links (Pagefind only adds files)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, copy_function=os.link, ignore=shutil.ignore_patterns("pagefind"))


def index_pagefind(engine: str, base_site: Path, where: Path, limit: float) -> dict[str, Any]:
    cmd, version = pagefind_command(engine)
    site = where / "site"
    link_copy(base_site, site)
    load = os.getloadavg()
    result = build_bench.run_child([*cmd, "--site", str(site)], limit)
    result["load"] = [round(x, 2) for x in load]
    result["command"] = " ".join([*(["python -m pagefind"] if engine == "pagefind-pypi" else [cmd[0]]), "--site", str(site)])
    result["version"] = version
    for key, pattern in (("pages", r"Indexed (\d+) pages?"), ("words", r"Indexed (\d+) words?"),
                         ("languages", r"Indexed (\d+) languages?")):
        m = re.search(pattern, result["stdout"])
        result[key] = int(m.group(1)) if m else None
    m = re.search(r"Discovered \d+ languages?: ([^\n]+)", result["stdout"])
    result["language_names"] = m.group(1).strip() if m else None
    (site / PROBE).write_text(PROBE_PAGE, encoding="utf-8")
    return result


# --------------------------------------------------------------------------- step 3: serving and the browser


@dataclass
class Sent:
    path: str
    bytes: int
    body: int
    gzip: bool
    ended: float  # time.time()


class Server:
    """A threaded HTTP/1.1 server of one folder that gzips what it can and logs the bytes it sends."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.log: list[Sent] = []
        self.lock = threading.Lock()
        self.cache: dict[Path, tuple[float, bytes]] = {}
        self.cached_bytes = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                outer.handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> "Server":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def gzipped(self, path: Path, data: bytes) -> bytes:
        mtime = path.stat().st_mtime
        hit = self.cache.get(path)
        if hit and hit[0] == mtime:
            return hit[1]
        gz = gzip6(data)
        with self.lock:
            if self.cached_bytes + len(gz) < 2_000_000_000:
                self.cache[path] = (mtime, gz)
                self.cached_bytes += len(gz)
        return gz

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        url_path = unquote(urlsplit(h.path).path)
        target = (self.root / url_path.lstrip("/")).resolve()
        status, headers, body, encoded = 200, {}, b"", False
        if not target.is_relative_to(self.root) or not target.exists():
            status, body = 404, b"not found"
            headers["Content-Type"] = "text/plain"
        elif target.is_dir() and not url_path.endswith("/"):
            status = 301
            headers["Location"] = url_path + "/"
        else:
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                status, body = 404, b"not found"
                headers["Content-Type"] = "text/plain"
            else:
                body = target.read_bytes()
                ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
                if target.suffix in (".js", ".mjs"):
                    ctype = "text/javascript"
                elif target.suffix == ".wasm":
                    ctype = "application/wasm"
                if ctype.startswith("text/") or ctype in ("application/json", "image/svg+xml", "application/xml"):
                    ctype += "; charset=utf-8"
                headers["Content-Type"] = ctype
                headers["Cache-Control"] = "no-cache"
                if compressible(target.name):
                    headers["Vary"] = "Accept-Encoding"
                    if "gzip" in (h.headers.get("Accept-Encoding") or ""):
                        gz = self.gzipped(target, body)
                        if len(gz) < len(body):
                            body, encoded = gz, True
                            headers["Content-Encoding"] = "gzip"
        headers["Content-Length"] = str(len(body))
        reason = {200: "OK", 301: "Moved Permanently", 404: "Not Found"}[status]
        head = f"HTTP/1.1 {status} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        data = head.encode("latin-1") + body
        try:
            h.wfile.write(data)
            h.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return
        with self.lock:
            self.log.append(Sent(url_path, len(data), len(body), encoded, time.time()))

    def take(self) -> list[Sent]:
        with self.lock:
            out, self.log = self.log, []
        return out


PROBE_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>Pagefind probe</title></head>
<body><p>Pagefind probe for benchmarks/search.py</p>
<script type="module">
let pagefind = null;
window.__first = async (q) => {
  const t0 = performance.now();
  pagefind = await import("/pagefind/pagefind.js");
  const search = await pagefind.search(q);
  const results = search ? search.results : [];
  const first = results.length ? await results[0].data() : null;
  const t1 = performance.now();
  return {t0, t1, epoch: performance.timeOrigin + t1, count: results.length, first: first && first.url};
};
window.__top = async (q, n) => {
  const search = await pagefind.search(q);
  const out = [];
  for (const r of (search ? search.results : []).slice(0, n)) out.push((await r.data()).url);
  return out;
};
window.__ready = true;
</script></body></html>
"""

HEADER_PROBE = """
window.__pg = {input: null, first: null, none: null, epoch: null};
document.addEventListener("input", (e) => {
  const t = e.target;
  if (window.__pg.input === null && t && t.matches && t.matches("input.md-search__input")) window.__pg.input = performance.now();
}, true);
new MutationObserver(() => {
  const pg = window.__pg;
  if (pg.input === null || pg.first !== null || pg.none !== null) return;
  if (document.querySelector('RESULT')) {
    pg.first = performance.now();
    pg.epoch = performance.timeOrigin + pg.first;
    return;
  }
  // "没有找到…" (no result) or "…不可用" (failed): the engine has answered without a result.
  const meta = document.querySelector(".md-search-result__meta");
  if (meta && /没有|不可用/.test(meta.textContent)) pg.none = performance.now();
}).observe(document, {childList: true, subtree: true, characterData: true});
""".replace("RESULT", RESULT_LINK)


@dataclass
class Measured:
    query: str
    ms_from_input: float | None = None
    ms_from_navigation: float | None = None
    bytes_search: int | None = None
    bytes_page: int | None = None
    requests_search: int | None = None
    requests_page: int | None = None
    results: int | None = None
    ranked: list[str] = field(default_factory=list)
    passed: bool | None = None
    reason: str = ""
    error: str | None = None
    meta: str = ""
    """The result list's caption (mkdocs-material: how many results)."""
    errors_in_page: list[str] = field(default_factory=list)


def count_until(sent: list[Sent], epoch: float | None) -> tuple[int, int, int, int]:
    """(search bytes, all bytes, search requests, all requests) finished by ``epoch`` (ms since the Unix epoch)."""
    done = [s for s in sent if epoch is None or s.ended * 1000 <= epoch]
    search = [s for s in done if classify(s.path)]
    return sum(s.bytes for s in search), sum(s.bytes for s in done), len(search), len(done)


def measure_header(page: Any, origin: str, doc_url: str, q: str, timeout_ms: float) -> Measured:
    m = Measured(q)
    page.add_init_script(HEADER_PROBE)
    page.goto(origin + doc_url, wait_until="load", timeout=min(timeout_ms, 120_000))
    button = page.locator(SEARCH_BUTTON)
    if button.is_visible():  # narrower than 60em: the header shows the button, which opens the search dialog
        button.click()
    box = page.locator(SEARCH_INPUT)
    box.fill(q)
    box.press("End")
    page.wait_for_function("window.__pg.first !== null || window.__pg.none !== null", timeout=timeout_ms, polling=20)
    pg = page.evaluate("window.__pg")
    meta = page.eval_on_selector(".md-search-result__meta", "e => e.textContent.trim()")
    m.meta = meta[:80]
    if pg["first"] is None:
        m.error = f"no result: {meta[:80]}"
        m.ms_from_input = pg["none"] - pg["input"]
        m.ms_from_navigation = pg["none"]
        return m
    m.ms_from_input = pg["first"] - pg["input"]
    m.ms_from_navigation = pg["first"]
    m._epoch = pg["epoch"]  # type: ignore[attr-defined]
    # Up to 20 results: scroll the list (mkdocs-material shows ten, then more as the reader scrolls)
    # until it holds 20 or stops growing.
    last, still = -1, 0
    for _ in range(40):
        n = page.eval_on_selector_all("li.md-search-result__item", "els => els.length")
        still = still + 1 if n == last else 0
        if n >= 20 or still >= 3:
            break
        last = n
        page.evaluate("() => { const w = document.querySelector('.md-search__scrollwrap');"
                      " if (w) { w.scrollTop = w.scrollHeight; w.dispatchEvent(new Event('scroll')); } }")
        page.wait_for_timeout(100)
    m.ranked = page.eval_on_selector_all(
        "li.md-search-result__item",
        "els => els.map(li => { const a = li.querySelector('a.md-search-result__link'); return a ? a.href : null; })"
        ".filter(Boolean)")[:20]
    m.results = len(m.ranked)
    return m


def measure_pagefind(page: Any, origin: str, q: str, timeout_ms: float) -> Measured:
    m = Measured(q)
    page.goto(f"{origin}/{PROBE}", wait_until="load", timeout=min(timeout_ms, 120_000))
    page.wait_for_function("window.__ready === true", timeout=30_000)
    page.set_default_timeout(timeout_ms)
    r = page.evaluate("q => window.__first(q)", q)
    m.ms_from_input = r["t1"] - r["t0"]
    m.ms_from_navigation = r["t1"]
    m._epoch = r["epoch"]  # type: ignore[attr-defined]
    m.results = r["count"]
    m._ranked_after = True  # type: ignore[attr-defined]
    return m


def browse(engine: str, site: Path, query_list: list[Q.Query], doc_url: str, limit: float,
           query_timeout: float) -> dict[str, Any]:
    """Every query in a new browser context against a gzip server of ``site``."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    out: dict[str, Any] = {"doc_url": doc_url, "queries": [], "stopped": None}
    header = engine not in PAGEFIND
    with Server(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        out["chromium"] = browser.version
        try:
            for i, q in enumerate([query_list[0], *query_list]):
                warm_up = i == 0
                left = limit - (time.perf_counter() - started)
                if left <= 0:
                    out["stopped"] = f"stopped after {limit:.0f} s, before “{q.text}”"
                    break
                timeout_ms = 1000 * min(query_timeout, left)
                context = browser.new_context(viewport=VIEWPORT)
                page = context.new_page()
                page_errors: list[str] = []
                page.on("pageerror", lambda e: page_errors.append(str(e)[:300]))
                server.take()
                try:
                    m = (measure_header(page, server.origin, doc_url, q.text, timeout_ms) if header
                         else measure_pagefind(page, server.origin, q.text, timeout_ms))
                    sent = server.take()
                    epoch = getattr(m, "_epoch", None)
                    m.bytes_search, m.bytes_page, m.requests_search, m.requests_page = count_until(sent, epoch)
                    if getattr(m, "_ranked_after", False):
                        m.ranked = page.evaluate("([q, n]) => window.__top(q, n)", [q.text, 20])
                except PlaywrightError as exc:
                    m = Measured(q.text, error=str(exc).splitlines()[0][:300])
                    sent = server.take()
                    m.bytes_search, m.bytes_page, m.requests_search, m.requests_page = count_until(sent, None)
                finally:
                    context.close()
                m.errors_in_page = page_errors[:5]
                if m.error is None:
                    verdict = Q.judge(q, m.ranked)
                    m.passed, m.reason = verdict.passed, verdict.reason
                else:
                    m.passed, m.reason = False, m.error
                m.ranked = [Q.site_path(u) for u in m.ranked][:10]
                if warm_up:
                    out["warm_up"] = {"query": q.text, "ms_from_input": m.ms_from_input, "error": m.error}
                    continue
                rec = {k: v for k, v in m.__dict__.items() if not k.startswith("_")}
                out["queries"].append(rec)
                print(f"  {engine} “{q.text}”: " + (f"{m.ms_from_input:.0f} ms, {m.bytes_search / 1000:.0f} KB search / "
                      f"{m.bytes_page / 1000:.0f} KB page, {'pass' if m.passed else 'FAIL: ' + m.reason}"
                      if m.error is None else f"error: {m.error}"), file=sys.stderr)
        finally:
            browser.close()
    out["seconds"] = time.perf_counter() - started
    return out


# --------------------------------------------------------------------------- one size


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data
    except (OSError, ValueError):
        return None


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def label(engine: str, build: dict[str, Any] | None) -> str:
    if engine == "material":
        return "mkdocs-material search"
    if engine in PAGEFIND:
        v = (build or {}).get("version", "")
        m = re.search(r"(\d+\.\d+\.\d+)", v)
        return f"Pagefind {m.group(1) if m else '?'} ({'PyPI' if engine == 'pagefind-pypi' else 'npm'})"
    if build and build.get("index_kind") == "material":
        return "pubgen (still mkdocs-material search)"
    return "pubgen search"


def run_size(n: int, args: argparse.Namespace, engines: list[str], digest: str) -> dict[str, Any]:
    corpus, reused = check_bench.corpus(n, args.seed, args.workdir)
    stamp = (corpus / ".corpus-stamp").read_text()
    root = size_dir(args.workdir, n, args.seed)
    root.mkdir(parents=True, exist_ok=True)
    print(f"N = {n}: {'reusing' if reused else 'made'} corpus {corpus}; results in {root}", file=sys.stderr)
    stopped: dict[str, str] = {}

    def want_build(engine: str, fp: str) -> dict[str, Any] | None:
        """The saved build if --reuse and it was made from the same inputs and succeeded."""
        saved = read_json(root / engine / "build.json")
        if args.reuse and saved and saved.get("fingerprint") == fp and saved.get("exit") == 0 \
                and (root / engine / "site").is_dir():
            print(f"N = {n}: {engine}: reusing the build of {saved.get('when')}", file=sys.stderr)
            return saved
        return None

    def finish_build(engine: str, fp: str, result: dict[str, Any]) -> dict[str, Any]:
        result.update(engine=engine, documents=n, seed=args.seed, fingerprint=fp, sources=digest, run_by=args.command,
                      pubgen=args.pubgen_commit,
                      when=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
        site = root / engine / "site"
        if result["exit"] == 0 and not result["timed_out"]:
            if engine == "pubgen" or engine == "material":
                result["index_kind"] = "material" if (site / "search" / "search_index.json").exists() else "pubgen"
            folder, skip = index_files(engine, site)
            result["index"] = folder_stats(folder, skip)
        write_json(root / engine / "build.json", result)
        what = "index" if engine in PAGEFIND else "build"
        if result["timed_out"]:
            stopped[engine] = f"{what} stopped after {result['wall']:.0f} s (--limit)"
        elif result["exit"] != 0:
            stopped[engine] = f"{what} failed (exit {result['exit']}): {result['stderr'][-400:]}"
        print(f"N = {n}: {engine} {what}: {result['wall']:.1f} s, {result['rss_mb']:.0f} MB, exit {result['exit']}",
              file=sys.stderr)
        return result

    builds: dict[str, dict[str, Any]] = {}
    # The pubgen site: its own engine, the Pagefind engines' input, and the right answers.
    base_fp = fingerprint("pubgen", stamp, digest)
    need_base = any(e in engines for e in ("pubgen", *PAGEFIND)) or not (root / "pubgen" / "site").is_dir()
    if need_base:
        b = want_build("pubgen", base_fp)
        if b is None:
            print(f"N = {n}: pubgen build …", file=sys.stderr)
            b = finish_build("pubgen", base_fp, build_site("pubgen", corpus, root / "pubgen", args.limit))
        builds["pubgen"] = b
        if "pubgen" in stopped:
            for e in ("pubgen", *PAGEFIND):
                stopped.setdefault(e, "the pubgen site it needs was not built: " + stopped["pubgen"])
    base_site = root / "pubgen" / "site"
    if "material" in engines:
        from importlib.metadata import version

        fp = fingerprint("material", stamp, digest, version("mkdocs-material"), version("jieba"))
        b = want_build("material", fp)
        if b is None:
            print(f"N = {n}: material build …", file=sys.stderr)
            b = finish_build("material", fp, build_site("material", corpus, root / "material", args.limit))
        builds["material"] = b
    for e in PAGEFIND:
        if e in engines and e not in stopped:
            fp = fingerprint(e, base_fp, pagefind_command(e)[1])
            b = want_build(e, fp)
            if b is None:
                print(f"N = {n}: {e} index …", file=sys.stderr)
                b = finish_build(e, fp, index_pagefind(e, base_site, root / e, args.limit))
            builds[e] = b

    # Right answers, from the pubgen site.
    started = time.perf_counter()
    truth_site = base_site if base_site.is_dir() else root / "material" / "site"
    docs = Q.pages(truth_site)
    if not docs:
        print(f"N = {n}: no built site to take the right answers from; nothing measured in the browser", file=sys.stderr)
        for e in engines:
            stopped.setdefault(e, "no site was built")
        return {"documents": n, "stopped": stopped}
    query_list = Q.queries(truth_site, limit_figures=args.figures, docs=docs)
    if args.queries:
        query_list = [q for q in query_list if q.text in args.queries]
    write_json(root / "queries.json", {"site": str(truth_site), "documents": len(docs),
                                       "seconds": time.perf_counter() - started,
                                       "queries": [q.to_json() for q in query_list]})
    print(f"N = {n}: {len(query_list)} queries over {len(docs)} document pages", file=sys.stderr)
    doc_url = docs[0].url

    for e in engines:
        if e in stopped or e not in builds or args.no_browser:
            continue
        print(f"N = {n}: {e} in the browser …", file=sys.stderr)
        result = browse(e, root / e / "site", query_list, doc_url, args.limit, args.query_timeout)
        result.update(engine=e, documents=n, build_fingerprint=builds[e]["fingerprint"], run_by=args.command,
                      when=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                      load=[round(x, 2) for x in os.getloadavg()])
        write_json(root / e / "browser.json", result)
        if result["stopped"]:
            stopped[e] = result["stopped"]
    return {"documents": n, "stopped": stopped}


# --------------------------------------------------------------------------- report


def collect(n: int, seed: int, workdir: Path | None) -> dict[str, Any]:
    """Everything saved for one size: builds, browser runs, queries."""
    root = size_dir(workdir, n, seed)
    out: dict[str, Any] = {"documents": n, "engines": {}, "queries": read_json(root / "queries.json")}
    for e in ENGINES:
        b, r = read_json(root / e / "build.json"), read_json(root / e / "browser.json")
        if b or r:
            out["engines"][e] = {"build": b, "browser": r,
                                 "stale": bool(b and r and r.get("build_fingerprint") != b.get("fingerprint"))}
    return out


def _f(v: float | None, fmt: str = "{:.0f}") -> str:
    return "—" if v is None else fmt.format(v)


def _kb(v: float | None) -> str:
    return "—" if v is None else f"{v / 1000:,.0f}" if v >= 10_000 else f"{v / 1000:.1f}"


def _mb(v: float | None) -> str:
    return "—" if v is None else f"{v / 1e6:,.2f}"


def _spread(d: dict[str, float] | None, fmt: Callable[[float], str]) -> str:
    return "—" if not d else f"{fmt(d['min'])} / **{fmt(d['median'])}** / {fmt(d['max'])}"


def engine_summary(e: str, data: dict[str, Any]) -> dict[str, Any]:
    b, r = data.get("build") or {}, data.get("browser") or {}
    qs = [q for q in r.get("queries", [])]
    ok = [q for q in qs if q.get("error") is None]
    return {
        "label": label(e, b),
        "wall": b.get("wall"), "cpu": b.get("cpu"), "rss": b.get("rss_mb"), "exit": b.get("exit"),
        "timed_out": b.get("timed_out"),
        "search_seconds": sum(v for k, v in b["search_seconds"].items() if not k.endswith(", CPU"))
        if b.get("search_seconds") else None,
        "index": b.get("index"),
        "bytes_search": spread(q["bytes_search"] for q in ok),
        "bytes_page": spread(q["bytes_page"] for q in ok),
        "ms_input": spread(q["ms_from_input"] for q in ok),
        "ms_navigation": spread(q["ms_from_navigation"] for q in ok),
        "passed": sum(1 for q in qs if q.get("passed")), "judged": len(qs),
        "errors": len(qs) - len(ok), "stopped": r.get("stopped"), "stale": data.get("stale"),
        "when": r.get("when") or b.get("when"),
    }


def markdown(sizes: list[dict[str, Any]], info: dict[str, str], command: str) -> str:
    out: list[str] = []
    out.append(f"Machine: {info.get('nproc', '?')} CPUs ({info.get('cpu', '?')}), {info.get('memory', '?')} RAM. "
               f"Python {info.get('python', '?')}; MkDocs {info.get('mkdocs', '')}; {info.get('pagefind', '')}; "
               f"Chromium {info.get('chromium', '?')}, Playwright {info.get('playwright', '?')}. "
               f"Report written {info.get('date', '?')} (load average {info.get('load', '?')}) with pubgen {info.get('pubgen', '?')}; "
               "when each engine was built and measured, and the load then, is listed under each size.")
    out.append("")
    out.append(f"Command: `{command}`")
    commands = sorted({c for size in sizes for e in size["engines"].values()
                       for c in ((e.get("build") or {}).get("run_by"), (e.get("browser") or {}).get("run_by")) if c})
    if commands and commands != [command]:
        out.append("")
        out.append("Measured by: " + "; ".join(f"`{c}`" for c in commands) + ".")
    out.append("")
    out.append("KB and MB are 1,000 and 1,000,000 bytes. Build: the whole `pubgen build` for pubgen and mkdocs-material (search part in brackets); Pagefind: indexing the "
               "pubgen site, which comes on top of its build. Bytes and times to the first result: min / **median** / max "
               "over the queries; bytes are what the server sent (gzip, headers included) for search requests (index, "
               "search scripts, Pagefind files) until the first result was shown, then for the whole page. Quality: "
               "queries whose first results `benchmarks/queries.py` judges right.")
    for size in sizes:
        n = size["documents"]
        engines = size["engines"]
        if not engines:
            continue
        out.append("")
        out.append(f"#### N = {n:,} documents")
        out.append("")
        out.append("| engine | build or index, wall (s) | CPU (s) | peak RSS (MB) | index files | index MB raw | index MB gzip "
                   "| search KB to 1st result | whole page KB | ms to 1st result, from typing | ms from navigation | quality |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---|---|---|---|---:|")
        summaries = {e: engine_summary(e, engines[e]) for e in ENGINES if e in engines}
        for e, s in summaries.items():
            if s["timed_out"]:
                wall = f"> {s['wall']:.0f} (stopped)"
            elif s["wall"] is None:
                wall = "—"
            else:
                wall = f"{s['wall']:.1f}" + (f" ({s['search_seconds']:.1f})" if s["search_seconds"] else "")
                if s["exit"]:
                    wall += f", exit {s['exit']}"
            idx = s["index"] or {}
            quality = f"{s['passed']}/{s['judged']}" if s["judged"] else "—"
            if s["errors"]:
                quality += f" ({s['errors']} no result)"
            if s["stopped"]:
                quality += " (stopped)"
            name = s["label"] + (" ¹" if s["stale"] else "")
            out.append(
                f"| {name} | {wall} | {_f(s['cpu'], '{:.1f}')} | {_f(s['rss'])} | {idx.get('files', '—')} | "
                f"{_mb(idx.get('raw'))} | {_mb(idx.get('gzip'))} | {_spread(s['bytes_search'], _kb)} | "
                f"{_spread(s['bytes_page'], _kb)} | {_spread(s['ms_input'], lambda v: f'{v:,.0f}')} | "
                f"{_spread(s['ms_navigation'], lambda v: f'{v:,.0f}')} | {quality} |")
        if any(s["stale"] for s in summaries.values()):
            out.append("")
            out.append("¹ measured in the browser on an earlier build than the one whose build figures are shown.")
        # Per query.
        runs = {e: {q["query"]: q for q in (engines[e].get("browser") or {}).get("queries", [])} for e in summaries}
        texts: list[str] = []
        for e in summaries:
            for t in runs[e]:
                if t not in texts:
                    texts.append(t)
        truth = {q["text"]: q for q in ((size.get("queries") or {}).get("queries") or [])}
        if texts:
            out.append("")
            out.append("Per query: search KB until the first result · ms from typing · judged right (✓) or not (✗).")
            out.append("")
            out.append("| query | documents containing it | " + " | ".join(summaries[e]["label"] for e in summaries) + " |")
            out.append("|---|---:|" + "---|" * len(summaries))
            for t in texts:
                cells = []
                for e in summaries:
                    q = runs[e].get(t)
                    if q is None:
                        cells.append("—")
                    elif q.get("error"):
                        cells.append("no result ✗")
                    else:
                        cells.append(f"{_kb(q['bytes_search'])} · {q['ms_from_input']:,.0f} · {'✓' if q['passed'] else '✗'}")
                rel = truth.get(t, {}).get("relevant")
                out.append(f"| {t} | {len(rel) if rel is not None else '—'} | " + " | ".join(cells) + " |")
            failures = [(summaries[e]["label"], t, runs[e][t]["reason"]) for e in summaries for t in texts
                        if t in runs[e] and not runs[e][t].get("passed")]
            if failures:
                out.append("")
                out.append("Why the ✗:")
                out.append("")
                for lab, t, reason in failures:
                    out.append(f"- {lab}, “{t}”: {reason}")
        notes = [f"{summaries[e]['label'] if e in summaries else label(e, None)}: {s}"
                 for e, s in size.get("stopped", {}).items()]
        for e in summaries:
            b = engines[e].get("build") or {}
            idx = b.get("index") or {}
            if e in PAGEFIND and b.get("pages") is not None:
                langs = b.get("language_names")
                notes.append(f"{summaries[e]['label']} indexed {b['pages']:,} pages{f' ({langs})' if langs else ''} "
                             f"and {b.get('words') or 0:,} words.")
            elif len(idx.get("parts") or {}) > 1:
                parts = ", ".join(f"{k} {v['files']:,} files, {v['gzip'] / 1e6:.2f} MB gzip" for k, v in idx["parts"].items())
                notes.append(f"{summaries[e]['label']} index: {parts}.")
        runs_line = []
        for e in summaries:
            r = engines[e].get("browser") or {}
            b = engines[e].get("build") or {}
            if b.get("when") or r.get("when"):
                load = r.get("load") or b.get("load")
                at = f" from pubgen {b['pubgen']}" if b.get("pubgen") and e in ("pubgen", "material") else ""
                runs_line.append(f"{summaries[e]['label']}: built {b.get('when', '—')}{at}, browser {r.get('when', '—')}"
                                 + (f" (load {', '.join(map(str, load))})" if load else ""))
        if runs_line:
            notes.append("When: " + "; ".join(runs_line) + ".")
        if notes:
            out.append("")
            out.extend(f"- {x}" for x in notes)
    return "\n".join(out)


def describe(info: dict[str, str]) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    info = dict(info)
    info["load"] = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    info["playwright"] = v("playwright")
    versions = []
    for e in PAGEFIND:
        try:
            versions.append(f"{e}: {pagefind_command(e)[1]}")
        except SystemExit:
            versions.append(f"{e}: not installed")
    info["pagefind"] = "; ".join(versions)
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=20).stdout
        m = re.search(r"\d+(?:\.\d+){2,}", out)
        info["chromium"] = m.group(0) if m else "?"
    except (OSError, subprocess.TimeoutExpired):
        info["chromium"] = "?"
    return info


def section(report: str, command: str) -> str:
    return "\n".join([
        "## Search engines compared (`benchmarks/search.py`)",
        "",
        TABLES_START,
        report,
        TABLES_END,
    ])


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--_build":
        _child_build(argv[1], Path(argv[2]), Path(argv[3]), Path(argv[4]))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", "-n", type=int, nargs="+", default=[100, 1000], help="corpus sizes (default 100 1000)")
    ap.add_argument("--seed", "-s", type=int, default=1)
    ap.add_argument("--engines", default=",".join(ENGINES), help=f"comma-separated, from {', '.join(ENGINES)}")
    ap.add_argument("--workdir", type=Path, default=None, help="where corpora, sites and results live (default: the temp dir)")
    ap.add_argument("--limit", type=float, default=900.0, help="seconds one step may take before it is stopped (default 900)")
    ap.add_argument("--query-timeout", type=float, default=300.0, help="seconds to wait for one query's first result (default 300)")
    ap.add_argument("--figures", type=int, default=1, help="figures among the queries (default 1)")
    ap.add_argument("--queries", nargs="*", default=None, help="only these queries (for a quick look; results are saved as usual)")
    ap.add_argument("--reuse", action="store_true", help="keep builds made from the same corpus, sources and tool versions")
    ap.add_argument("--no-browser", action="store_true", help="build and index only")
    ap.add_argument("--report-only", action="store_true", help="measure nothing; report what the workdir holds")
    ap.add_argument("--write-doc", action="store_true", help="write the tables into docs/performance.md between the markers")
    ap.add_argument("--json", type=Path, default=None, help="also write everything as JSON")
    ap.add_argument("--shows", action="store_true",
                    help="measure what one query costs with excerpts and suggestions (benchmarks/search_shows.py)")
    args = ap.parse_args(argv)
    if args.shows:
        import search_shows

        os.environ["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])
        command = "python benchmarks/search.py " + " ".join(argv)
        results = search_shows.run(sorted(args.documents), args.seed, args.workdir, args.limit, args.query_timeout,
                                      args.reuse)
        report = search_shows.markdown(results, command)
        print(report)
        if args.json:
            write_json(args.json, results)
        if args.write_doc:
            search_shows.write_doc(DOC, report)
            print(f"wrote {DOC}", file=sys.stderr)
        return
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        ap.error(f"unknown engine(s): {', '.join(unknown)}")

    # Children import pubgen from this repository, whatever is installed.
    os.environ["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])
    info = describe(build_bench.machine())
    command = args.command = "python benchmarks/search.py " + " ".join(argv)
    args.pubgen_commit = info.get("pubgen")
    stopped_at: dict[str, int] = {}
    if not args.report_only:
        subprocess.run([sys.executable, "-c", "import pubgen.cli, pubgen.build, mkdocs.commands.build"],
                       env=build_bench.child_env(), cwd=tempfile.gettempdir(), check=True)  # compile bytecode first
        digest = sources_digest()
        for n in sorted(args.documents):
            run_engines = [e for e in engines if e not in stopped_at]
            if not run_engines:
                break
            done = run_size(n, args, run_engines, digest)
            for e, why in done["stopped"].items():
                if e in run_engines:
                    stopped_at[e] = n
                    print(f"N = {n}: {e}: {why}; not run at larger sizes", file=sys.stderr)
            write_json(size_dir(args.workdir, n, args.seed) / "stopped.json", done["stopped"])
    sizes = []
    for n in sorted(args.documents):
        c = collect(n, args.seed, args.workdir)
        c["stopped"] = read_json(size_dir(args.workdir, n, args.seed) / "stopped.json") or {}
        sizes.append(c)
    report = markdown(sizes, info, command)
    print(report)
    if args.json:
        write_json(args.json, {"machine": info, "command": command, "sizes": sizes})
    if args.write_doc:
        DOC.write_text(replace_section(DOC.read_text(encoding="utf-8"), section(report, command)), encoding="utf-8")
        print(f"wrote {DOC}", file=sys.stderr)


if __name__ == "__main__":
    main()
