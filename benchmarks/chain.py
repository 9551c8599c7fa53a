"""Time ``pubgen check`` and ``pubgen build`` on a document whose rows form one long chain.

    python benchmarks/chain.py                        # 3,000 rows, table and scores
    python benchmarks/chain.py --rows 1000 3000 --shape table
    python benchmarks/chain.py --rows 3000 --profile  # where the time goes, in-process

A private copy of the bundled project gets one more document: a table of N
rows, each row the parent of the next (every figure 1.00, so every sum holds;
``--deepest-first`` writes them from the bottom of the chain up),
and, with ``--shape scores`` or ``both``, a score breakdown of N items chained
the same way. Each command runs once in a fresh process (``python -m pubgen``,
in the project folder, so that the pubgen installed for that Python is measured)
with ``--timeout`` seconds allowed; its wall time, CPU time (its own and that
of the processes it forked and waited for) and exit code are printed as a
Markdown table, with the last line it printed when it failed, under a line
naming the machine, the time and the load average. Nothing here asserts a
time: the results go into docs/performance.md.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEPARTMENT = "hebei/xingtai/pingxiang/xinfangju"


def chain_document(rows: int, shape: str, deepest_first: bool = False) -> str:
    """A budget document holding an N-row chain table and/or an N-item chained score breakdown."""
    lines = [
        f"department: {DEPARTMENT}",
        "year: 2030",
        "kind: budget",
        "title: 层级很深的表格",
        "body:",
    ]
    if shape in ("table", "both"):
        lines += [
            "  - type: table",
            "    role: expenditure",
            "    id: chain",
            "    title: 逐级细分的支出",
            "    columns:",
            "      - {id: budget, label: 预算数}",
            "    rows:",
        ]
        for i in reversed(range(rows)) if deepest_first else range(rows):
            parent = f", parent: r{i - 1}" if i else ""
            lines.append(f"      - {{id: r{i}, label: 第{i}级{parent}, values: [1.00]}}")
    if shape in ("scores", "both"):
        lines += ["  - type: scores", "    id: chain-scores", "    items:"]
        for i in reversed(range(rows)) if deepest_first else range(rows):
            parent = f", parent: 项{i - 1}" if i else ", weight: 100"
            lines.append(f"      - {{name: 项{i}{parent}, score: 90}}")
        lines += ["    total: 90", "    grade: 优"]
    return "\n".join(lines) + "\n"


def make_project(folder: Path, rows: int, shape: str, deepest_first: bool = False) -> Path:
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, folder / name)
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "content" / "documents" / DEPARTMENT / "2030-budget.yml").write_text(chain_document(rows, shape, deepest_first), encoding="utf-8")
    return folder


def run(cmd: list[str], timeout: float, cwd: Path) -> tuple[float, float, str, str]:
    """Wall seconds, CPU seconds (the process and what it waited for), exit code (or "timeout") and the last line printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - started, float("nan"), "timeout", ""
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    lines = (proc.stdout + proc.stderr).strip().splitlines()
    return wall, cpu, str(proc.returncode), lines[-1] if lines else ""


def profile(project: Path) -> None:
    sys.path.insert(0, str(REPO))
    from pubgen.pipeline import Project, build, check  # noqa: PLC0415

    for name, call in (("check", lambda: check(Project(project))), ("build", lambda: build(Project(project), project / "site-profile"))):
        prof = cProfile.Profile()
        prof.enable()
        try:
            call()
        finally:
            prof.disable()
        print(f"\n### {name}: functions with the most own time\n")
        pstats.Stats(prof).sort_stats("tottime").print_stats(12)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[3000])
    parser.add_argument("--shape", choices=("table", "scores", "both"), default="both")
    parser.add_argument("--deepest-first", action="store_true", help="write the chain's rows from the deepest up")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--profile", action="store_true", help="profile check and build in-process instead")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {load:.1f}\n"
    )
    order = "deepest first" if args.deepest_first else "top first"
    print("| rows | shape | order | command | wall (s) | CPU (s) | exit | last line when it failed |")
    print("|---:|---|---|---|---:|---:|---|---|")
    for rows in args.rows:
        with tempfile.TemporaryDirectory(prefix="pubgen-chain-") as tmp:
            project = make_project(Path(tmp), rows, args.shape, args.deepest_first)
            if args.profile:
                profile(project)
                continue
            for command in (["check"], ["build", "--site-dir", str(project / "site")]):
                seconds, cpu, code, last = run([sys.executable, "-m", "pubgen", *command, "--project", str(project)], args.timeout, project)
                shown = "" if code == "0" else last[:120].replace("|", "\\|")
                print(f"| {rows:,} | {args.shape} | {order} | {command[0]} | {seconds:.1f} | {cpu:.1f} | {code} | {shown} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
