"""Measure the open-data files of a generated corpus, and project the parts of the site's figures to a larger site.

    python benchmarks/opendata.py --documents 10000 [--scale 10] [--official]

Writes every open-data file of the corpus (``pubgen.data.write_data``, as
``pubgen build`` does) into a temporary folder and prints: bytes of figure rows
per document, the parts of the site's figures with their sizes, and the parts a
site ``--scale`` times larger would have. The projection repeats each measured
document ``--scale`` times in its own region and year, as documents of as many new
departments (a province with that many more departments per county: the case
that makes a county's part largest) and plans
the parts with :func:`pubgen.data.plan_parts`, so it uses measured sizes, never a
guessed average.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as bench  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--documents", "-n", type=int, default=10000)
    ap.add_argument("--seed", "-s", type=int, default=1)
    ap.add_argument("--scale", type=int, default=10, help="project the parts to a site this many times larger (default 10)")
    ap.add_argument("--official", action="store_true", help="a corpus of nine-table 预算 and 决算 only")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args(argv)

    from pubgen.data import PART_BYTES, FIGURES_PARTS, document_csv, plan_parts, write_data
    from pubgen.derive import derive
    from pubgen.load import load
    from pubgen.parallel import no_cyclic_gc

    project, _ = bench.corpus(args.documents, args.seed, args.workdir, args.official)
    with no_cyclic_gc():
        started = time.perf_counter()
        site = derive(load(project / "content"))
        loaded = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as tmp:
            docs = Path(tmp)
            started = time.perf_counter()
            written = write_data(site, docs)
            seconds = time.perf_counter() - started
            sizes = {p.url: (docs / document_csv(p.url)).stat().st_size for p in site.documents}
            part_sizes = [(part.path, (docs / part.path).stat().st_size, len(part.documents)) for part in written.parts]
            listing = (docs / FIGURES_PARTS).stat().st_size
    rows_total = sum(size for _, size, _ in part_sizes)
    per_document = rows_total / len(site.documents)
    print(f"## Open data of {len(site.documents):,} documents ({'nine-table 预算/决算 only' if args.official else 'general corpus'}, seed {args.seed})\n")
    print(f"- machine: {bench.describe_machine()}")
    print(f"- load and derive {loaded:.1f} s; write_data {seconds:.1f} s; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"- figures of the site: {rows_total / 1e6:.1f} MB in {len(part_sizes)} parts ({per_document / 1024:.1f} KB per document); {FIGURES_PARTS}: {listing} bytes")
    print(f"- part limit: {PART_BYTES / 1024 / 1024:.0f} MiB; largest part {max(s for _, s, _ in part_sizes) / 1e6:.1f} MB\n")
    print("| part | documents | MB |")
    print("|---|---:|---:|")
    for path, size, count in part_sizes:
        print(f"| `{path}` | {count:,} | {size / 1e6:.1f} |")

    # Projection: every document repeated --scale times where it is (same region, same year), sizes as measured.
    pages = []
    scaled_sizes: dict[str, int] = {}
    for page in site.documents:
        for k in range(args.scale):
            url = f"{page.url}copy-{k}/"
            # A new department of the same county: more departments, not one department with many more documents.
            pages.append(replace(page, url=url, department_id=f"{page.department_id}-copy{k}"))
            scaled_sizes[url] = sizes[page.url]
    scaled_site = replace(site, documents=pages)
    parts = plan_parts(scaled_site, scaled_sizes)
    largest = max(parts, key=lambda p: p.size)
    print(
        f"\nProjected to {len(pages):,} documents ({args.scale}× each measured document, as new departments of its own region, same year): "
        f"{len(parts)} parts, {sum(p.size for p in parts) / 1e6:.0f} MB in all, largest `{largest.path}` {largest.size / 1e6:.1f} MB "
        f"({len(largest.documents):,} documents); parts over 50 MB: {sum(1 for p in parts if p.size > 50e6)}."
    )


if __name__ == "__main__":
    main()
