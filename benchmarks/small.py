"""Benchmark builds of small sites, where the time is starting up rather than the documents.

    python benchmarks/small.py --before /path/to/older/checkout --runs 7

Most builds are small: an editor's preview, a pull request's check, a county's site,
and every build of the test suite. For two projects,

- ``bundled``: this repository's ``content/``, ``templates/`` and ``mkdocs.yml``;
- ``three``: three generated documents and only their regions
  (``benchmarks/corpus.py -n 3 -s 7 --used-regions-only``, what ``tests/test_faults.py``
  builds 200 times),

``pubgen build`` runs ``--runs`` times in a fresh process each, alternating with the
same build of the ``--before`` checkout (its folder first on ``PYTHONPATH``) when one is
given, and with ``--no-cache`` (nothing kept between builds: compiled templates are not
reused). Each project and checkout builds into its own copy, so each keeps its own cache.
The first build of each is a warm-up and not counted. Printed: the median and the range
of the wall times, and the median CPU time, as a Markdown table; ``--json FILE`` saves them.
Also printed: how long ``import pubgen.cli`` takes in a fresh process (median of the runs).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from run import run_child  # noqa: E402


def _env(checkout: Path) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(checkout))


def _projects(work: Path) -> dict[str, Path]:
    bundled = work / "bundled"
    if not bundled.exists():
        for name in ("content", "templates"):
            shutil.copytree(REPO / name, bundled / name)
        shutil.copy(REPO / "mkdocs.yml", bundled / "mkdocs.yml")
    three = work / "three"
    if not three.exists():
        subprocess.run(
            [sys.executable, str(HERE / "corpus.py"), str(three), "-n", "3", "-s", "7", "--used-regions-only"], check=True, capture_output=True
        )
    return {"bundled": bundled, "three": three}


def _imports(checkout: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pubgen.cli"], check=True, env=_env(checkout), cwd=tempfile.gettempdir())
    return time.perf_counter() - started


def measure(work: Path, before: Path | None, runs: int) -> dict[str, Any]:
    projects = _projects(work)
    ways: list[tuple[str, Path, list[str]]] = [("now", REPO, []), ("now, --no-cache", REPO, ["--no-cache"])]
    if before is not None:
        ways.append(("before", before, []))
    results: dict[str, Any] = {}
    for pname, source in projects.items():
        copies = {}
        for way, checkout, _ in ways:
            copy = work / f"{pname}-{way.replace(' ', '').replace(',', '-')}"
            if copy.exists():
                shutil.rmtree(copy)
            shutil.copytree(source, copy)
            copies[way] = copy
        times: dict[str, list[dict[str, Any]]] = {way: [] for way, _, _ in ways}
        for i in range(runs + 1):
            for way, checkout, extra in ways:
                cmd = [sys.executable, "-m", "pubgen", "build", "--project", str(copies[way]), "--site-dir", str(copies[way] / "site"), *extra]
                r = run_child(cmd, env=_env(checkout), sample=False)
                if r["exit"] != 0:
                    raise SystemExit(f"{pname} {way}: exit {r['exit']}\n{r['stderr']}")
                if i:
                    times[way].append(r)
        results[pname] = {
            way: {
                "wall_median": statistics.median(r["wall"] for r in rs),
                "wall_min": min(r["wall"] for r in rs),
                "wall_max": max(r["wall"] for r in rs),
                "cpu_median": statistics.median(r["cpu"] for r in rs),
            }
            for way, rs in times.items()
        }
    results["imports"] = {way: statistics.median(_imports(checkout) for _ in range(runs)) for way, checkout, _ in ways if "--no-cache" not in way}
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", type=Path, default=None, help="an older checkout to build side by side")
    ap.add_argument("--runs", type=int, default=7, help="counted builds of each project each way (default 7)")
    ap.add_argument("--workdir", type=Path, default=None, help="where the copies live (default: a new temporary folder)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="pubgen-small-"))
    work.mkdir(parents=True, exist_ok=True)
    results = measure(work, args.before.resolve() if args.before else None, args.runs)
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print()
    print("| project | build | wall s, median | wall s, range | CPU s, median |")
    print("|---|---|---:|---:|---:|")
    for pname in ("bundled", "three"):
        for way, r in results[pname].items():
            print(f"| {pname} | {way} | {r['wall_median']:.2f} | {r['wall_min']:.2f}–{r['wall_max']:.2f} | {r['cpu_median']:.2f} |")
    print()
    for way, seconds in results["imports"].items():
        print(f"`import pubgen.cli` ({way}): {seconds:.2f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
