"""What one query costs a reader now that search shows what it found (``benchmarks/search.py --shows``).

    python benchmarks/search.py --shows --documents 10000 --workdir /tmp/sb --write-doc

For each size N, the corpus of ``benchmarks/corpus.py`` (seed 1, as ``run.py`` makes it) is
loaded, derived, rendered (not checked: that changes nothing a query fetches) and indexed by ``pubgen.search.index`` in a fresh process (wall time,
CPU time and peak RSS of the index stage alone are recorded). MkDocs is not run: what a query
transfers and how long it takes depend only on the index, so the pages around it come from the
bundled project's site (built once with ``pubgen build``), whose ``search/`` files are replaced by
the corpus's index. Its home page and search page are what the reader uses.

Each query, in a new browser context (cold cache) against ``benchmarks/search.py``'s gzip server:

* **header box**: the home page is opened; the query is typed into the header search box; the
  time runs from the box's ``input`` event until the box has finished — every excerpt of the
  ten results filled, or the suggestions and browsing links shown when nothing is found;
* **search page**: ``search/?q=…`` is opened; the time runs from navigation until the same
  state for its twenty results.

Bytes are what the server sent (gzip, headers included) for index files (``search/…``) during
the query; the page itself and its scripts are not counted (a reader has them already, and they
do not grow with the site). The queries: words and glossary terms with many results, a
department name and a figure from the corpus, typos (by sound, by a mixed-up initial, in pinyin)
and the site's own boilerplate words, which must find nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import build as build_bench  # noqa: E402  (run_child, machine, child_env)
import run as check_bench  # noqa: E402  (the corpus convention)

SHOWS_START, SHOWS_END = "<!-- search-shows:start -->", "<!-- search-shows:end -->"
BYTES_TARGET = 300_000
MS_TARGET = 1000
DONE = """([status, list, help]) => {
  const meta = document.querySelector(status);
  if (!meta) return false;
  if (/没有找到/.test(meta.textContent)) return !!document.querySelector(help + " .pg-search-browse");
  if (!/找到/.test(meta.textContent)) return false;
  const items = document.querySelectorAll(list + " .pg-search-excerpt");
  return items.length > 0 && document.querySelectorAll(list + " .pg-search-excerpt[aria-busy]").length === 0;
}"""
BOX = [".md-search-result__meta", ".md-search-result__list", ".md-search-result__list"]
PAGE = [".pg-search-status", "ol.pg-search-results", ".pg-search-help-area"]
INPUT_PROBE = """
window.__pgInput = null;
document.addEventListener("input", (e) => {
  if (window.__pgInput === null && e.target && e.target.matches && e.target.matches("input.md-search__input")) {
    window.__pgInput = performance.now();
  }
}, true);
"""


def _child_index(corpus: Path, out: Path, timings: Path) -> None:
    """Load, derive, render and index the corpus; time the index stage."""
    import resource

    from pubgen.derive import derive
    from pubgen.load import load
    from pubgen.render import render
    from pubgen.search import index

    content = load(corpus / "content")
    # Not checked: the pages' notes on acknowledged problems change nothing a query fetches, and the
    # check is the slowest stage at this size.
    site = derive(content)
    if (out / "docs").exists():
        shutil.rmtree(out / "docs")
    render(site, REPO / "templates", out / "docs", [])
    wall, cpu = time.perf_counter(), time.process_time()
    written = index(site, out / "docs", out / "search")
    timings.write_text(json.dumps({
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "documents": written.documents,
        "tokens": written.tokens,
        "files": written.files,
        "bytes": written.bytes,
    }))


def shell_site(where: Path) -> Path:
    """The bundled project's site: the pages and scripts a reader has around the index."""
    site = where / "shell"
    if not (site / "search" / "index.html").exists():
        subprocess.run([sys.executable, "-m", "pubgen", "build", "--project", str(REPO), "--site-dir", str(site)],
                       check=True, capture_output=True, env=build_bench.child_env(), cwd=tempfile.gettempdir())
    return site


def assemble(shell: Path, index: Path, dest: Path) -> Path:
    """``shell`` with its search index replaced by ``index`` (files linked, not copied)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(shell, dest, copy_function=os.link, ignore=shutil.ignore_patterns("search"))
    (dest / "search").mkdir()
    os.link(shell / "search" / "index.html", dest / "search" / "index.html")
    for item in index.iterdir():
        if item.is_dir():
            shutil.copytree(item, dest / "search" / item.name, copy_function=os.link)
        else:
            os.link(item, dest / "search" / item.name)
    return dest


def queries(index: Path) -> list[tuple[str, str]]:
    """(kind, query) pairs drawn from the index itself where they depend on the corpus."""
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    department = manifest["departments"][len(manifest["departments"]) // 2][0]
    figure = None
    for no in range(0, manifest["documents"], max(1, manifest["documents"] // 50)):
        text = "\n".join(json.loads((index / "x" / f"{no}.json").read_text(encoding="utf-8")))
        found = re.search(r"(?<![0-9.])[0-9]{2,}\.[0-9]{4,}(?![0-9])", text)
        if found:
            figure = found.group(0)
            break
    vocabulary = json.loads((index / "v.json").read_text(encoding="utf-8"))
    region = next((t for t, _, k in vocabulary["terms"] if k == "r" and len(t) == 3 and t.endswith("区")), None)
    out = [("word", "三公"), ("word", "决算"), ("term", "三公经费"), ("term", "一般公共预算拨款收入"),
           ("term", "上年结转"), ("department", department)]
    if figure:
        out.append(("figure", figure))
    out += [("typo", "三工经费"), ("typo", "机关运行经废"), ("typo", "sangongjingfei")]
    if region:
        out.append(("typo", region[:-1] + "去"))
    out += [("boilerplate", "Excel"), ("boilerplate", "下载本文数字"), ("boilerplate", "本页固定网址")]
    return out


def measure(site: Path, asked: list[tuple[str, str]], timeout_ms: float) -> list[dict[str, Any]]:
    """Each query in the header box and on the search page, cold cache."""
    from playwright.sync_api import sync_playwright

    from search import CHROMIUM, CHROMIUM_ARGS, SEARCH_BUTTON, SEARCH_INPUT, VIEWPORT, Server, classify

    rows: list[dict[str, Any]] = []
    with Server(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for i, (kind, q) in enumerate([asked[0], *asked]):
                row: dict[str, Any] = {"kind": kind, "query": q}
                for where in ("box", "page"):
                    context = browser.new_context(viewport=VIEWPORT)
                    page = context.new_page()
                    page.add_init_script(INPUT_PROBE)
                    try:
                        if where == "box":
                            page.goto(server.origin + "/", wait_until="load")
                            page.wait_for_load_state("networkidle")
                            server.take()
                            button = page.locator(SEARCH_BUTTON)
                            if button.is_visible():
                                button.click()
                            box = page.locator(SEARCH_INPUT)
                            box.fill(q)
                            box.press("End")
                            page.wait_for_function(DONE, arg=BOX, timeout=timeout_ms, polling=10)
                            ms = page.evaluate("performance.now() - window.__pgInput")
                        else:
                            server.take()
                            page.goto(server.origin + "/search/?q=" + q, wait_until="commit")
                            page.wait_for_function(DONE, arg=PAGE, timeout=timeout_ms, polling=10)
                            ms = page.evaluate("performance.now()")
                        status = page.eval_on_selector((BOX if where == "box" else PAGE)[0], "e => e.textContent.trim()")
                        suggested = page.eval_on_selector_all(".pg-search-suggestion", "es => es.map(e => e.textContent)")
                        marked = page.eval_on_selector_all(".pg-search-excerpt mark", "es => es.length")
                    finally:
                        context.close()
                    sent = [s for s in server.take() if classify(s.path) and not s.path.endswith("/search/")]
                    index_sent = [s for s in sent if s.path.startswith("/search/")]
                    row[where] = {
                        "ms": round(ms), "bytes": sum(s.bytes for s in index_sent), "requests": len(index_sent),
                        "status": status[:60], "suggested": suggested[:5], "marks": marked,
                        "files": sorted({s.path.split("/")[2] if s.path.count("/") > 2 else s.path.split("/")[-1]
                                         for s in index_sent}),
                    }
                if i:
                    rows.append(row)
                    print(f"  {kind} “{q}”: box {row['box']['ms']} ms {row['box']['bytes'] / 1000:.0f} KB, "
                          f"page {row['page']['ms']} ms {row['page']['bytes'] / 1000:.0f} KB — {row['page']['status']}",
                          file=sys.stderr)
        finally:
            browser.close()
    return rows


def run(sizes: list[int], seed: int, workdir: Path | None, limit: float, query_timeout: float,
        reuse: bool = False) -> dict[str, Any]:
    """Index each size, measure its queries, and return everything for the report."""
    root = (workdir or Path(tempfile.gettempdir())) / "pubgen-search-shows"
    root.mkdir(parents=True, exist_ok=True)
    shell = shell_site(root)
    results: dict[str, Any] = {"machine": build_bench.machine(), "sizes": []}
    for n in sizes:
        corpus, _ = check_bench.corpus(n, seed, workdir)
        where = root / f"n{n}-s{seed}"
        where.mkdir(parents=True, exist_ok=True)
        timings = where / "index.json"
        load = os.getloadavg()
        if not (reuse and timings.exists() and (where / "search" / "manifest.json").exists()):
            timings.unlink(missing_ok=True)
            cmd = [sys.executable, str(HERE / "search_shows.py"), "--_index", str(corpus), str(where), str(timings)]
            child = build_bench.run_child(cmd, limit)
            if not timings.exists():
                raise SystemExit(f"indexing {n} documents failed: {child.get('stderr', '')[-2000:]}")
            indexed = json.loads(timings.read_text())
            indexed.update({"load": [round(x, 2) for x in load], "process_wall": child.get("wall"),
                            "process_rss_mb": child.get("rss_mb")})
            timings.write_text(json.dumps(indexed))
        indexed = json.loads(timings.read_text())
        site = assemble(shell, where / "search", where / "site")
        started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        load = os.getloadavg()
        rows = measure(site, queries(where / "search"), 1000 * query_timeout)
        results["sizes"].append({"documents": n, "index": indexed, "queries": rows, "measured": started,
                                 "load": [round(x, 2) for x in load]})
        (where / "shows.json").write_text(json.dumps(results["sizes"][-1], ensure_ascii=False, indent=1))
    return results


def markdown(results: dict[str, Any], command: str) -> str:
    """The self-contained section of docs/performance.md."""
    m = results["machine"]
    lines = [
        "## Search that shows: excerpts, highlights and suggestions (`benchmarks/search.py --shows`)",
        "",
        "What one query costs a reader now that each result carries an excerpt with the matched words",
        "marked and a query that finds nothing fetches the terms to suggest. Target: at most 300 KB",
        "transferred and 1 s per query at 10,000 documents. How it is measured is in",
        "`benchmarks/search_shows.py`'s docstring: index files only (gzip, headers included), cold",
        "cache; *box* is the header search box (ten results, from typing until every excerpt is",
        "filled or the suggestions are shown), *page* is the search page (twenty results, from",
        "navigation). The pages around the index are the bundled site's; MkDocs is not run.",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, Python {m['python']}; pubgen {m['pubgen']}.",
        f"Measured {m['date']}. Command: `{command}`.",
    ]
    for size in results["sizes"]:
        ix = size["index"]
        rows = size["queries"]
        worst_bytes = max(max(r["box"]["bytes"], r["page"]["bytes"]) for r in rows)
        worst_ms = max(max(r["box"]["ms"], r["page"]["ms"]) for r in rows)
        lines += [
            "",
            f"### N = {size['documents']:,} documents",
            "",
            f"Index stage (`pubgen.search.index`, in-process): {ix['wall']:.1f} s wall, {ix['cpu']:.1f} s CPU "
            f"(the process that also loaded and rendered the corpus peaked at {ix['rss_mb']:.0f} MB RSS); "
            f"{ix['files']:,} files, {ix['bytes'] / 1e6:.1f} MB before compression; load average when indexing "
            f"{', '.join(map(str, ix['load'])) if 'load' in ix else 'not recorded'}. Queries measured {size['measured']} (load average "
            f"{', '.join(map(str, size['load']))}).",
            "",
            f"**Largest transfer {worst_bytes / 1000:.0f} KB ({'within' if worst_bytes <= BYTES_TARGET else 'over'} "
            f"300 KB); slowest {worst_ms:,} ms ({'within' if worst_ms <= MS_TARGET else 'over'} 1 s).**",
            "",
            "| kind | query | what the reader sees | box KB | box requests | box ms | page KB | page requests | page ms |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for r in rows:
            seen = r["page"]["status"]
            if r["page"]["suggested"]:
                seen += " 建议：" + "、".join(r["page"]["suggested"][:3])
            elif r["page"]["marks"]:
                seen += f"（{r['page']['marks']} 处标出）"
            lines.append(
                f"| {r['kind']} | {r['query']} | {seen} | {r['box']['bytes'] / 1000:.0f} | {r['box']['requests']} | "
                f"{r['box']['ms']:,} | {r['page']['bytes'] / 1000:.0f} | {r['page']['requests']} | {r['page']['ms']:,} |"
            )
    return "\n".join(lines)


def write_doc(doc: Path, section: str) -> None:
    """Put ``section`` between its markers in ``doc`` (at the end the first time)."""
    text = doc.read_text(encoding="utf-8")
    block = SHOWS_START + "\n" + section.strip("\n") + "\n" + SHOWS_END
    if SHOWS_START in text and SHOWS_END in text:
        head, rest = text.split(SHOWS_START, 1)
        text = head + block + rest.split(SHOWS_END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--_index"]:
        _child_index(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
