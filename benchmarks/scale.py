"""Benchmark sharded builds against the build before them, side by side, in one command.

    python benchmarks/scale.py --before /path/to/older/checkout -n 1000 10000

For each size N, on the corpus of ``benchmarks/corpus.py`` (``benchmarks/run.py``'s
convention: ``$TMPDIR/pubgen-bench-n<N>-s<seed>``), each in a fresh process:

1. ``before``: ``pubgen build`` of the checkout given by ``--before`` (its folder
   first on ``PYTHONPATH``), into an empty site, of a project of its own: a symbolic
   link to the corpus's ``content/`` beside the checkout's own ``templates/`` and
   ``mkdocs.yml``, since an older pubgen cannot render today's templates (098d17f:
   "No filter named 'plain'"). That project is removed after the build. If the build
   fails, its exit status and last line of errors are reported and the other steps
   still run;
2. ``full``: this checkout's ``pubgen build`` with an empty cache (shards on every core);
3. ``one edit``: the title of one document changed, ``pubgen build`` again (the cache
   holds every other shard);
4. ``clean``: ``pubgen build --no-cache`` of the edited content into another site,
   and every file of it compared with the site of step 3 (the first differing file
   is reported);
5. ``separate``: the edited content built as the CI workflow builds it, by separate
   processes: ``pubgen build --shard I/J --out DIR`` for each of ``--jobs-of-ci`` jobs
   (two at a time, one per core), then ``pubgen assemble``; the site is compared with
   the clean one, and the edit is undone. With ``--before``, the site of step 2 is
   not compared with the older checkout's byte for byte (their templates differ by
   design): the HTML pages and files of each are counted instead;
6. ``check``: ``pubgen check --no-cache``, then ``pubgen check`` with an empty cache
   (cold), with nothing changed (warm) and after one figure of one document changed
   (``--checks`` runs each; ``benchmarks/run.py``'s measurements).

With ``--unsampled``, only step 2 runs, without sampling memory: the sampler takes part of
a core, so CPU/wall is measured best that way. With ``--full-only``, only step 2 runs, sampled:
at 100,000 documents the other steps would take hours.

Each run's wall time, when its new site was in place (the site folder's atomic swap, seen
from outside every 5 ms: the moment readers get the new site; the command then removes the
replaced one), CPU time of the process and every worker it waited for, CPU/wall,
and peak memory summed over its process tree (PSS sampled every 50 ms; ``rss``: the
largest single process) are printed as a Markdown table; ``--json FILE`` saves them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import build as build_bench  # noqa: E402
import run as check_bench  # noqa: E402


def env_for(checkout: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PYTHONPATH"] = str(checkout)
    return env


class _Published:
    """When the site folder becomes another (the build's atomic swap), seen from outside: polled every 5 ms."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.before = self._inode()
        self.after: float | None = None
        self._done = threading.Event()
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _inode(self) -> int | None:
        try:
            return os.stat(self.site).st_ino
        except OSError:
            return None

    def _watch(self) -> None:
        while not self._done.wait(0.005):
            if self._inode() != self.before:
                self.after = time.monotonic() - self._started
                return

    def stop(self) -> float | None:
        self._done.set()
        self._thread.join()
        return self.after


def pubgen_build(checkout: Path, project: Path, site: Path, *extra: str, sample: bool = True, fail: bool = True) -> dict[str, Any]:
    """One ``pubgen build`` of ``checkout``, measured; a failure ends the benchmark, or without ``fail`` is returned (``exit``)."""
    cmd = [sys.executable, "-m", "pubgen", "build", "--project", str(project), "--site-dir", str(site), *extra]
    watch = _Published(site)
    try:
        result = check_bench.run_child(cmd, env_for(checkout), sample=sample)
    finally:
        published = watch.stop()
    result["published"] = published  # seconds from the command's start until the new site is in place
    if result["exit"] != 0:
        if fail:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{result['stderr']}")
        print(f"  {' '.join(cmd)} failed (exit {result['exit']}):\n{result['stderr']}", file=sys.stderr)
        return result
    result["cpu_per_wall"] = result["cpu"] / result["wall"]
    result["load"] = round(result["load"], 2)
    shown = f", published after {published:.2f} s" if published is not None else ""
    print(f"  {' '.join(extra) or 'build'}: wall {result['wall']:.1f} s{shown}, CPU {result['cpu']:.1f} s, "
          f"peak PSS {result['tree_pss_mb']:.0f} MB, load before {result['load']}", file=sys.stderr)
    if result.get("at_peak"):
        print(f"  at the peak, {result['peak_at']:.0f} s in: {peak_processes(result)}", file=sys.stderr)
    return result


def peak_processes(result: dict[str, Any]) -> str:
    """The processes alive at the sampled peak, by name, with their PSS."""
    return ", ".join(f"{name} {mb:,} MB" for name, mb in result["at_peak"])


def project_of(checkout: Path, project: Path, into: Path) -> Path:
    """A project for an older ``checkout``: a symbolic link to ``project``'s ``content/``, the checkout's own ``templates/`` and ``mkdocs.yml``.

    098d17f reads a symlinked ``content/`` (its check cache is then not used; a build does not use it):
    at 200 documents its site was the same, byte for byte, as from a hard-linked copy of the content.
    """
    for needed in ("templates", "mkdocs.yml"):
        if not (checkout / needed).exists():
            raise SystemExit(f"--before {checkout}: no {needed} there (not a pubgen checkout?)")
    into.mkdir()
    (into / "content").symlink_to(project / "content", target_is_directory=True)
    shutil.copytree(checkout / "templates", into / "templates", symlinks=True)
    shutil.copy2(checkout / "mkdocs.yml", into / "mkdocs.yml")
    return into


def site_size(site: Path) -> dict[str, int]:
    """How many HTML pages and files in all a built site has."""
    files = pages = 0
    for _, _, names in os.walk(site):
        files += len(names)
        pages += sum(name.endswith(".html") for name in names)
    return {"html_pages": pages, "files": files}


def first_difference(a: Path, b: Path) -> str | None:
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    for name in sorted(set(files_a) ^ set(files_b)):
        return f"{name} (only in {'the first' if name in files_a else 'the second'})"
    for name in files_a:
        if (a / name).read_bytes() != (b / name).read_bytes():
            return name
    return None


def separate(project: Path, sites: Path, jobs: int) -> dict[str, Any]:
    """The content built by ``jobs`` separate ``pubgen build --shard I/jobs`` processes, two at a time, then assembled."""
    import subprocess
    import time

    started = time.perf_counter()
    env = env_for(REPO)
    waiting = [
        [sys.executable, "-m", "pubgen", "build", "--project", str(project), "--shard", f"{i}/{jobs}", "--out", str(sites / "shards" / str(i)), "--jobs", "1"]
        for i in range(1, jobs + 1)
    ]
    running: list[subprocess.Popen[bytes]] = []
    while waiting or running:
        while waiting and len(running) < 2:
            running.append(subprocess.Popen(waiting.pop(0), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        job = running.pop(0)
        _, err = job.communicate()
        if job.returncode != 0:
            raise SystemExit(f"pubgen build --shard failed:\n{err.decode()}")
    folders = sorted((sites / "shards").iterdir())
    cmd = [sys.executable, "-m", "pubgen", "assemble", "--project", str(project), *map(str, folders), "--site-dir", str(sites / "separate")]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"pubgen assemble failed:\n{done.stderr}")
    wall = time.perf_counter() - started
    print(f"  separate processes: {jobs} jobs and the assembly, wall {wall:.1f} s", file=sys.stderr)
    return {"wall": wall, "jobs": jobs}


def full_only(n: int, seed: int, workdir: Path | None, sample: bool, before: Path | None = None) -> dict[str, Any]:
    """Only a full build with an empty cache: without the sampler (it takes part of a core, and so part of
    CPU/wall), or with it for a size where the other steps would take too long (100,000 documents).

    With ``before`` (and without the sampler), the older checkout builds the same corpus first, unsampled too:
    sampling a process of 8-11 GB every 50 ms slows it far more than the sharded build's small ones (at
    10,000 documents, 098d17f took 530 s sampled and 315 s without), so the side-by-side of wall times is
    made without it."""
    project, _ = check_bench.corpus(n, seed, workdir)
    shutil.rmtree(project / ".pubgen-cache", ignore_errors=True)
    sites = Path(tempfile.mkdtemp(prefix=f"pubgen-scale-n{n}-", dir=project.parent))
    try:
        if not sample:
            out: dict[str, Any] = {"documents": n}
            if before is not None:
                out["before"] = build_before(before, project, sites, n, sample=False)
                shutil.rmtree(sites / "before", ignore_errors=True)
            print(f"N = {n}: full build, empty cache, memory not sampled …", file=sys.stderr)
            out["unsampled"] = pubgen_build(REPO, project, sites / "site", sample=False)
            return out
        print(f"N = {n}: full build, empty cache …", file=sys.stderr)
        return {"documents": n, "full": pubgen_build(REPO, project, sites / "site")}
    finally:
        shutil.rmtree(sites, ignore_errors=True)
        shutil.rmtree(project / ".pubgen-cache", ignore_errors=True)


def build_before(before: Path, project: Path, sites: Path, n: int, sample: bool) -> dict[str, Any]:
    """``pubgen build`` of the older checkout into ``sites / "before"``, with its own templates and ``mkdocs.yml``."""
    print(f"N = {n}: before, with its own templates/ and mkdocs.yml{'' if sample else ', memory not sampled'} …", file=sys.stderr)
    old = project_of(before, project, sites / "before-project")
    try:
        return pubgen_build(before, old, sites / "before", sample=sample, fail=False)
    finally:
        shutil.rmtree(old)  # the link, not the corpus's content


def measure(n: int, seed: int, before: Path | None, workdir: Path | None, checks: int = 0, jobs: int = 8) -> dict[str, Any]:
    project, _ = check_bench.corpus(n, seed, workdir)
    shutil.rmtree(project / ".pubgen-cache", ignore_errors=True)
    out: dict[str, Any] = {"documents": n}
    sites = Path(tempfile.mkdtemp(prefix=f"pubgen-scale-n{n}-", dir=project.parent))
    try:
        if before is not None:
            out["before"] = build_before(before, project, sites, n, sample=True)
            if out["before"]["exit"] == 0:
                out["before_site"] = site_size(sites / "before")
            shutil.rmtree(sites / "before", ignore_errors=True)
        print(f"N = {n}: full build, empty cache …", file=sys.stderr)
        out["full"] = pubgen_build(REPO, project, sites / "site")
        if before is not None:
            out["full_site"] = site_size(sites / "site")
        edited = sorted((project / "content" / "documents").rglob("*.yml"))[n // 2]
        text = edited.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title: "))
        try:
            edited.write_text(text.replace(title, title + "（更正）", 1), encoding="utf-8")
            print(f"N = {n}: one document edited, rebuild …", file=sys.stderr)
            out["one_edit"] = pubgen_build(REPO, project, sites / "site")
            print(f"N = {n}: clean build of the edited content …", file=sys.stderr)
            out["clean"] = pubgen_build(REPO, project, sites / "clean", "--no-cache")
            out["first_difference"] = first_difference(sites / "clean", sites / "site")
            if jobs:
                print(f"N = {n}: separate processes, as on CI runners …", file=sys.stderr)
                out["separate"] = separate(project, sites, jobs)
                out["separate_difference"] = first_difference(sites / "clean", sites / "separate")
        finally:
            edited.write_text(text, encoding="utf-8")
    finally:
        shutil.rmtree(sites, ignore_errors=True)
        shutil.rmtree(project / ".pubgen-cache", ignore_errors=True)
    if checks:
        print(f"N = {n}: pubgen check, without and with its cache …", file=sys.stderr)
        out["check"] = check_bench.measure_check(project, 1)
        out["check"].pop("stderr", None)
        out["cache"] = check_bench.measure_cache(project, checks)
        shutil.rmtree(project / ".pubgen-cache", ignore_errors=True)
    return out


def markdown(results: list[dict[str, Any]]) -> str:
    rows = [
        "| documents | run | wall s | published after s | CPU s | CPU/wall | peak PSS, all processes MB | largest process RSS MB | load avg before |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    names = {
        "before": "before (older checkout)",
        "full": "full build, empty cache",
        "unsampled": "full build, empty cache, memory not sampled",
        "one_edit": "one document edited",
        "clean": "clean, --no-cache",
    }
    for r in results:
        for key, label in names.items():
            if key in r and r[key].get("exit", 0) == 0:
                x = r[key]
                pss = f"{x['tree_pss_mb']:.0f}" if x.get("tree_pss_mb") else "not sampled"
                published = f"{x['published']:.2f}" if x.get("published") is not None else ""
                rows.append(
                    f"| {r['documents']:,} | {label} | {x['wall']:.1f} | {published} | {x['cpu']:.1f} | {x['cpu_per_wall']:.2f} | {pss} | {x['rss_mb']:.0f} | {x['load']} |"
                )
                if x.get("at_peak"):
                    rows.append(f"| {r['documents']:,} | its processes at the peak, {x['peak_at']:.0f} s in | {peak_processes(x)} | | | | | | |")
        if "before" in r and r["before"]["exit"] != 0:
            last = (r["before"]["stderr"].strip().splitlines() or [""])[-1].replace("|", "\\|")
            rows.append(f"| {r['documents']:,} | before (older checkout) | failed, exit {r['before']['exit']}: {last} | | | | | | |")
        elif "before" in r and "unsampled" in r:
            rows.append(f"| {r['documents']:,} | full ÷ before (wall, neither sampled) | {r['unsampled']['wall'] / r['before']['wall']:.0%} | | | | | | |")
        elif "before" in r and "full" in r:
            rows.append(f"| {r['documents']:,} | full ÷ before (wall, both sampled) | {r['full']['wall'] / r['before']['wall']:.0%} | | | | | | |")
        def same(key: str) -> str:
            return "identical" if r.get(key) is None else "differs: " + str(r[key])

        if "separate" in r:
            rows.append(f"| {r['documents']:,} | separate processes ({r['separate']['jobs']} jobs, 2 at a time) and `pubgen assemble` | {r['separate']['wall']:.1f} | | | | | | |")
        if "before_site" in r and "full_site" in r:
            b, f = r["before_site"], r["full_site"]
            rows.append(
                f"| {r['documents']:,} | sites, each with its own templates: before's vs full build's (not compared byte for byte) "
                f"| {b['html_pages']:,} vs {f['html_pages']:,} HTML pages, {b['files']:,} vs {f['files']:,} files | | | | | | |"
            )
        if "clean" in r:
            rows.append(f"| {r['documents']:,} | clean vs one-edit site | {same('first_difference')} | | | | | | |")
        if "separate" in r:
            rows.append(f"| {r['documents']:,} | clean vs separate processes' site | {same('separate_difference')} | | | | | | |")
    if any("cache" in r for r in results):
        rows.append("")
        rows.append("`pubgen check`, without its cache (`--no-cache`, one run) and with it (best of the runs):")
        rows.append("")
        rows.append("| documents | run | wall s | CPU s | peak PSS, all processes MB |")
        rows.append("|---:|---|---:|---:|---:|")
        for r in results:
            if "cache" in r:
                c = r["check"]
                rows.append(f"| {r['documents']:,} | --no-cache | {c['wall_min']:.2f} | {c['cpu_median']:.2f} | {c['tree_pss_mb']:.0f} |")
                for key, label in (("cold", "cold (empty cache)"), ("warm", "warm (nothing changed)"), ("one_changed", "one document changed")):
                    x = r["cache"][key]
                    rows.append(f"| {r['documents']:,} | {label} | {x['wall_min']:.2f} | {x['cpu_median']:.2f} | {x['tree_pss_mb']:.0f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", "-n", type=int, nargs="+", default=[1000], help="corpus sizes (default 1000)")
    ap.add_argument("--seed", "-s", type=int, default=1)
    ap.add_argument("--before", type=Path, default=None, help="a checkout of an older commit to compare with: its pubgen/ builds the same content with "
                    "its own templates/ and mkdocs.yml (the sites are not compared byte for byte; their pages and files are counted)")
    ap.add_argument("--workdir", type=Path, default=None, help="where corpora live (default: the system temp dir)")
    ap.add_argument("--json", type=Path, default=None, help="also write the results as JSON")
    ap.add_argument("--checks", type=int, default=3, help="runs of `pubgen check` with its cache, warm and one file changed (0: none)")
    ap.add_argument("--jobs-of-ci", type=int, default=8, help="jobs of the separate-process build (0: none)")
    ap.add_argument("--unsampled", action="store_true", help="only a full build with an empty cache, its memory not sampled (for CPU/wall); "
                    "with --before, the older checkout's build first, unsampled too (the side-by-side of wall times)")
    ap.add_argument("--full-only", action="store_true", help="only a full build with an empty cache, its memory sampled (for 100,000 documents)")
    args = ap.parse_args(argv)
    info = build_bench.machine()
    results = []
    for n in sorted(args.documents):
        if args.unsampled or args.full_only:
            results.append(full_only(n, args.seed, args.workdir, sample=not args.unsampled, before=args.before.resolve() if args.before else None))
        else:
            results.append(measure(n, args.seed, args.before.resolve() if args.before else None, args.workdir, args.checks, args.jobs_of_ci))
        print(markdown(results[-1:]), file=sys.stderr)
    print("## Machine\n")
    for k, v in info.items():
        print(f"- {k}: {v}")
    print(f"\n## Sharded `pubgen build` (seed {args.seed})\n")
    print(markdown(results))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": results}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
