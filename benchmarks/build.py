"""Benchmark ``pubgen build`` on a synthetic corpus.

    python benchmarks/build.py                          # 100 and 1,000 documents
    python benchmarks/build.py --documents 100 1000 10000 --limit 900

For each size N the corpus comes from ``benchmarks/corpus.py``, in the same place
and with the same reuse rule as ``benchmarks/run.py``:
``$TMPDIR/pubgen-bench-n<N>-s<seed>``. The site is written to
``$TMPDIR/pubgen-bench-n<N>-s<seed>-site``. Then:

1. ``python -m pubgen build --project DIR --site-dir OUT`` runs in a fresh process
   into an empty ``OUT``: wall time, CPU time and peak RSS (``os.wait4``, the
   child's own ``ru_maxrss``).
2. The site it published is measured: size on disk (allocated blocks, as ``du``)
   and apparent size, files, HTML pages, and pubgen's search index under
   ``search/`` (files, bytes raw and gzipped file by file at level 6, documents).
3. A second fresh process does what the command does, in-process, with a stopwatch
   around each stage of ``pipeline.build``: ``pubgen.load.load``,
   ``pubgen.history.last_changed``, ``pubgen.derive.derive``,
   ``pubgen.render.render``, ``pubgen.build.build`` (MkDocs),
   ``pubgen.publish.publish`` and ``pubgen.publish.discard`` wrapped in their
   modules (``pipeline`` imports ``load`` at module level, so its own binding is
   replaced as well). Validation and the search index run on the other core
   (``pubgen.parallel.Background``) beside derive and the MkDocs build: for them
   the time they ran there and the time the build then waited for them are
   recorded. This run builds over the site of step 1, as a rebuild does, so
   the last stage removes the replaced site beside the staging folder.

A size whose build takes longer than ``--limit`` seconds (default 300) is stopped,
reported, and no larger size is run. Results are printed as Markdown tables;
``--json FILE`` also saves them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import run as check_bench  # noqa: E402  (benchmarks/run.py: the corpus convention)

STAGES = [
    # (label, module, function name); the MkDocs build is the only stage that is not pubgen's own.
    ("load", "pubgen.load", "load"),
    ("history (git log)", "pubgen.history", "last_changed"),
    ("derive", "pubgen.derive", "derive"),
    ("render (Jinja → Markdown)", "pubgen.render", "render"),
    ("MkDocs build", "pubgen.build", "build"),
    ("publish (swap into place)", "pubgen.publish", "publish"),
    ("remove staging and the replaced site (two cores)", "pubgen.publish", "discard"),
]
MKDOCS = "MkDocs build"
BACKGROUND = {
    # work that pipeline.build hands to the other core (pubgen.parallel.Background), by function name
    "_validate": "validate (beside derive)",
    "index": "search index (beside the MkDocs build)",
}


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


# --------------------------------------------------------------------------- step 1: the command in a fresh process


def run_child(cmd: list[str], limit: float) -> dict[str, Any]:
    """Run ``cmd`` with a time limit: wall time, CPU time, peak RSS (wait4), exit, stdout and stderr."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        # Not from the repository: `python -m` puts the working directory first on sys.path.
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=child_env(), cwd=tempfile.gettempdir(),
                                start_new_session=True)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > limit:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)  # the child and its fork pool, nothing else
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024,  # KiB on Linux
            "exit": proc.returncode,
            "timed_out": timed_out,
            "stdout": out.read().decode("utf-8", "replace")[-2000:],
            "stderr": err.read().decode("utf-8", "replace")[-2000:],
        }


def measure_command(project: Path, site: Path, limit: float) -> dict[str, Any]:
    if site.exists():
        shutil.rmtree(site)
    load_before = os.getloadavg()[0]
    cmd = [sys.executable, "-m", "pubgen", "build", "--project", str(project), "--site-dir", str(site)]
    result = run_child(cmd, limit)
    for left in site.parent.glob(f".{site.name}.building-*"):  # a stopped build's staging folder
        shutil.rmtree(left, ignore_errors=True)
    result["load"] = round(load_before, 2)
    m = re.search(r"已发布 (\d+) 个页面", result["stdout"])
    result["pages"] = int(m.group(1)) if m else None
    return result


# --------------------------------------------------------------------------- step 2: what was published


def measure_site(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    stats = [p.stat() for p in files]
    index = [p for p in (site / "search").rglob("*.json")]
    raw = [p.read_bytes() for p in index]
    manifest = site / "search" / "manifest.json"
    entries = json.loads(manifest.read_bytes()).get("documents", 0) if manifest.exists() else 0
    return {
        "files": len(files),
        "html": sum(1 for p in files if p.suffix == ".html"),
        "disk_bytes": sum(s.st_blocks * 512 for s in stats),  # allocated, as du
        "apparent_bytes": sum(s.st_size for s in stats),
        "search_files": len(index),
        "search_raw": sum(len(b) for b in raw),
        "search_gzip": sum(len(gzip.compress(b, compresslevel=6)) for b in raw),
        "search_entries": entries,
    }


# --------------------------------------------------------------------------- step 3: stages (runs in a child)


def stages(project_dir: Path, site: Path) -> dict[str, Any]:
    """What ``pubgen build`` does, in-process, with every stage timed."""
    import importlib

    seconds: dict[str, float] = {}
    rss: dict[str, float] = {}

    def peak() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    started = time.perf_counter()
    import pubgen.pipeline as pipeline

    modules = {mod: importlib.import_module(mod) for _, mod, _ in STAGES}
    seconds["import (pubgen and its build modules)"] = time.perf_counter() - started
    rss["after import"] = peak()

    def timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        seconds.setdefault(label, 0.0)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            s = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[label] += time.perf_counter() - s
                rss[f"after {label}"] = peak()

        return wrapper

    project = pipeline.Project(project_dir)

    for label, mod, name in STAGES:
        original = getattr(modules[mod], name)
        wrapped = timed(label, original)
        setattr(modules[mod], name, wrapped)
        # `pipeline` binds load and validate at import time; build, derive, render … are imported inside build().
        if getattr(pipeline, name, None) is original:
            setattr(pipeline, name, wrapped)

    # Work on the other core: how long it ran there, and how long the build then waited for it.
    ran: dict[str, float] = {}

    def timed_call(fn: Callable[..., Any], *args: Any) -> tuple[float, Any]:
        s = time.perf_counter()
        value = fn(*args)
        return time.perf_counter() - s, value

    class TimedBackground(pipeline.Background):  # type: ignore[misc, name-defined]
        def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
            self.label = BACKGROUND[fn.__name__]
            super().__init__(timed_call, fn, *args)

        def join(self) -> Any:
            s = time.perf_counter()
            took, value = super().join()
            waited = f"waiting for {self.label}"
            seconds[waited] = seconds.get(waited, 0.0) + time.perf_counter() - s
            ran[self.label] = took
            return value

    pipeline.Background = TimedBackground
    s = time.perf_counter()
    result = pipeline.build(project, site)
    seconds["pipeline.build (total)"] = time.perf_counter() - s
    staged = sum(seconds[label] for label, _, _ in STAGES) + sum(v for k, v in seconds.items() if k.startswith("waiting for "))
    seconds["other (staging folder, glue)"] = seconds["pipeline.build (total)"] - staged
    return {
        "seconds": seconds,
        "background": ran,
        "rss_mb": rss,
        "pages": result.pages,
        "problems": len(result.report.problems),
        "errors": len(result.report.errors),
    }


# --------------------------------------------------------------------------- report


def machine() -> dict[str, str]:
    def sh(cmd: str) -> str:
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10).stdout.strip()
        except Exception:  # pragma: no cover
            return ""

    from importlib.metadata import version

    commit = sh(f"git -C {REPO} rev-parse --short HEAD")
    dirty = sh(f"git -C {REPO} status --porcelain -- pubgen templates")
    return {
        "date": sh("date -u '+%Y-%m-%d %H:%M UTC'"),
        "nproc": sh("nproc"),
        "cpu": sh("lscpu | grep 'Model name' | sed 's/.*: *//'"),
        "memory": sh("free -h | awk '/Mem:/ {print $2}'"),
        "python": platform.python_version(),
        "mkdocs": f"{version('mkdocs')}, mkdocs-material {version('mkdocs-material')}",
        "pubgen": commit + (" + uncommitted changes" if dirty else ""),
    }


def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f}"


def markdown(results: list[dict[str, Any]]) -> str:
    done = [r for r in results if "stages" in r]
    out = ["| documents | YAML files | wall (s) | CPU (s) | peak RSS (MB) | load avg | exit | pages built | site files | "
           "site on disk (MB) | site, apparent (MB) | search index files | raw (MB) | gzip -6, summed per file (MB) | documents indexed | "
           "pubgen's own stages | MkDocs build |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        c = r["command"]
        if c["timed_out"]:
            out.append(f"| {r['documents']:,} | {r['files']:,} | > {c['wall']:.0f} (stopped) | {c['cpu']:.1f} | "
                       f"{c['rss_mb']:.0f} | {c['load']} | killed |" + " — |" * 10)
            continue
        site = r["site"]
        if "stages" in r:
            t = r["stages"]["seconds"]
            whole = t["pipeline.build (total)"]
            own = f"{100 * (whole - t[MKDOCS]) / whole:.0f} %"
            mk = f"{100 * t[MKDOCS] / whole:.0f} %"
        else:
            own = mk = "—"
        out.append(
            f"| {r['documents']:,} | {r['files']:,} | {c['wall']:.1f} | {c['cpu']:.1f} | {c['rss_mb']:.0f} | {c['load']} | "
            f"{c['exit']} | {c['pages'] if c['pages'] is not None else '—'} | {site['files']:,} | {_mb(site['disk_bytes'])} | "
            f"{_mb(site['apparent_bytes'])} | {site['search_files']:,} | {site['search_raw'] / 1e6:.2f} | {site['search_gzip'] / 1e6:.2f} | "
            f"{site['search_entries']:,} | {own} | {mk} |"
        )
    if not done:
        return "\n".join(out)
    out.append("")
    out.append("Stages, in-process (second run, seconds); shares are of pipeline.build:")
    out.append("")
    out.append("| stage | " + " | ".join(f"N = {r['documents']:,}" for r in done) + " | share at largest N |")
    out.append("|---|" + "---:|" * len(done) + "---:|")
    last = done[-1]["stages"]["seconds"]
    whole = last["pipeline.build (total)"]
    names = ["import (pubgen and its build modules)", *(label for label, _, _ in STAGES),
             *(f"waiting for {label}" for label in BACKGROUND.values()),
             "other (staging folder, glue)", "pipeline.build (total)"]
    for n in names:
        cells = " | ".join(f"{r['stages']['seconds'].get(n, 0):.2f}" for r in done)
        share = "" if n.startswith("import") else f"{100 * last.get(n, 0) / whole:.0f} %"
        label = f"**{n}**" if "(total)" in n else n
        out.append(f"| {label} | {cells} | {share} |")
    out.append("")
    out.append("On the other core, while the build went on (seconds):")
    out.append("")
    out.append("| work | " + " | ".join(f"N = {r['documents']:,}" for r in done) + " |")
    out.append("|---|" + "---:|" * len(done))
    for label in BACKGROUND.values():
        out.append(f"| {label} | " + " | ".join(f"{r['stages'].get('background', {}).get(label, 0):.2f}" for r in done) + " |")
    out.append("")
    out.append("| peak RSS of the in-process run (MB) | " + " | ".join(f"N = {r['documents']:,}" for r in done) + " |")
    out.append("|---|" + "---:|" * len(done))
    for k in done[-1]["stages"]["rss_mb"]:
        out.append(f"| {k} | " + " | ".join(f"{r['stages']['rss_mb'].get(k, 0):.0f}" for r in done) + " |")
    return "\n".join(out)


def child_json(limit: float, *args: str) -> dict[str, Any] | None:
    cmd = [sys.executable, str(Path(__file__).resolve()), *args]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=child_env(), cwd=tempfile.gettempdir(), timeout=limit)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    data: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--_stages":
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        data = stages(Path(argv[1]), Path(argv[2]))
        sys.stdout.flush()
        print(json.dumps(data))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", "-n", type=int, nargs="+", default=[100, 1000], help="corpus sizes (default 100 1000)")
    ap.add_argument("--seed", "-s", type=int, default=1)
    ap.add_argument("--limit", type=float, default=300.0, help="seconds a size's build may take before it is stopped (default 300)")
    ap.add_argument("--workdir", type=Path, default=None, help="where corpora and sites live (default: the system temp dir)")
    ap.add_argument("--json", type=Path, default=None, help="also write the results as JSON")
    args = ap.parse_args(argv)

    info = machine()
    subprocess.run([sys.executable, "-c", "import pubgen.cli, pubgen.build, mkdocs.commands.build"],
                   env=child_env(), cwd=tempfile.gettempdir(), check=True)  # warm up: compile bytecode
    results: list[dict[str, Any]] = []
    for n in sorted(args.documents):
        project, reused = check_bench.corpus(n, args.seed, args.workdir)
        files, _ = check_bench.corpus_size(project)
        site = project.parent / f"{project.name}-site"
        print(f"N = {n}: {'reusing' if reused else 'using'} {project}; `pubgen build` in a fresh process …", file=sys.stderr)
        result: dict[str, Any] = {"documents": n, "files": files, "corpus": str(project), "site_dir": str(site)}
        result["command"] = command = measure_command(project, site, args.limit)
        results.append(result)
        if command["timed_out"]:
            print(f"N = {n}: stopped after {command['wall']:.0f} s (limit {args.limit:.0f} s); no larger size is run.", file=sys.stderr)
            break
        if command["exit"] != 0:
            raise SystemExit(f"pubgen build exited {command['exit']}:\n{command['stderr']}")
        print(f"N = {n}: {command['wall']:.1f} s, {command['rss_mb']:.0f} MB; stages in-process …", file=sys.stderr)
        result["site"] = measure_site(site)
        staged = child_json(args.limit, "--_stages", str(project), str(site))
        if staged is None:
            print(f"N = {n}: the in-process run passed the limit of {args.limit:.0f} s; no larger size is run.", file=sys.stderr)
            break
        result["stages"] = staged

    print("## Machine\n")
    for k, v in info.items():
        print(f"- {k}: {v}")
    print(f"\n## `pubgen build` (seed {args.seed})\n")
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": results}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
