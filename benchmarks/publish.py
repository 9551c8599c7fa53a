"""How publishing looks to someone reading the site while it is rebuilt.

    python benchmarks/publish.py                     # the bundled project, 20 builds each way
    python benchmarks/publish.py --documents 1000 --builds 5

Builds the same project again and again into one ``site/`` while another process
reads ``site/index.html`` as fast as it can, once with each way of publishing:

- ``exchange``: what ``pubgen build`` does, one ``renameat2(RENAME_EXCHANGE)``;
- ``two renames``: the fallback for file systems that cannot exchange names (and
  what pubgen did before): ``site`` → ``.site.old-*``, then the build → ``site``.

For each it reports the reads, how many found ``site/index.html`` missing, how
long the publish step and the removal of the replaced site took (median), and the
whole build (median). With ``--documents N`` the project is a generated corpus
(``benchmarks/corpus.py``, seed 1) instead of the bundled one.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")

from pubgen import publish  # noqa: E402
from pubgen.pipeline import Project, build  # noqa: E402

READER = """
import os, sys
page, stop = sys.argv[1], sys.argv[2]
reads = missing = 0
while not os.path.exists(stop):
    for _ in range(1000):
        try:
            os.stat(page)
            reads += 1
        except FileNotFoundError:
            missing += 1
print(reads, missing)
"""


def project_copy(where: Path, documents: int) -> Project:
    if documents:
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "corpus.py"), str(where), "--documents", str(documents), "--seed", "1"], check=True, capture_output=True)
    else:
        for name in ("content", "templates"):
            shutil.copytree(REPO / name, where / name)
        shutil.copy(REPO / "mkdocs.yml", where / "mkdocs.yml")
    return Project(where)


def timed(fn: Callable[..., Any], into: list[float]) -> Callable[..., Any]:
    def wrapper(*args: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args)
        finally:
            into.append(time.perf_counter() - started)

    return wrapper


def measure(mechanism: str, documents: int, builds: int, work: Path) -> dict[str, Any]:
    project = project_copy(work / "project", documents)
    site = work / "site"
    build(project, site)
    swaps: list[float] = []
    removals: list[float] = []
    whole: list[float] = []
    original = (publish.publish, publish.discard, publish._renameat2)
    publish.publish = timed(publish.publish, swaps)  # type: ignore[assignment]
    publish.discard = timed(publish.discard, removals)  # type: ignore[assignment]
    if mechanism == "two renames":
        publish._renameat2 = lambda: None  # type: ignore[assignment]  # as where the C library lacks it
    stop = work / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(site / "index.html"), str(stop)], stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(builds):
            started = time.perf_counter()
            build(project, site)
            whole.append(time.perf_counter() - started)
    finally:
        stop.touch()
        out, _ = reader.communicate()
        publish.publish, publish.discard, publish._renameat2 = original  # type: ignore[method-assign, assignment]
    reads, missing = map(int, out.split())
    return {
        "mechanism": mechanism,
        "builds": builds,
        "reads": reads,
        "missing": missing,
        "swap_ms": statistics.median(swaps) * 1000,
        "remove_ms": statistics.median(removals) * 1000,
        "build_s": statistics.median(whole),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=0, help="a generated corpus of N documents instead of the bundled project")
    parser.add_argument("--builds", type=int, default=20)
    args = parser.parse_args()
    rows = []
    for mechanism in ("exchange", "two renames"):
        with tempfile.TemporaryDirectory(prefix="pubgen-bench-publish-") as work:
            rows.append(measure(mechanism, args.documents, args.builds, Path(work)))
    print(f"{platform.node()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"project: {'bundled' if not args.documents else f'{args.documents} generated documents'}\n")
    print("| publishing | builds | look-ups of site/index.html | found missing | publish step (median) | removing the old site (median) | whole build (median) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['mechanism']} | {r['builds']} | {r['reads']:,} | {r['missing']} | {r['swap_ms']:.2f} ms | {r['remove_ms']:.0f} ms | {r['build_s']:.2f} s |")


if __name__ == "__main__":
    main()
