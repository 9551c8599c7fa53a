"""Measure the pages that list documents in a built site: no index page may be over 200 KB.

    python benchmarks/lists.py SITE_DIR [--limit 200000] [--json FILE]
    python benchmarks/lists.py --project PROJECT_DIR OUT_DIR   # index pages only, then measure OUT_DIR

SITE_DIR is a site ``pubgen build`` published (e.g. ``$TMPDIR/pubgen-bench-n10000-s1-site``
after ``python benchmarks/build.py --documents 10000``). For each kind of index page
(the home page, the year, kind, region and department lists with their further pages,
the comparisons of departments, the site-wide indexes) it reports how many there are
and the largest, in bytes as published and gzipped at level 6 (what a server sends);
and the same for the lists' JSON, which a browser fetches to filter. Exit 1 if any
index page is over the limit.

With ``--project`` the site is not built whole: the project is loaded and laid out
as ``pubgen build`` does, then only the index pages (home, years, kinds, regions,
departments, comparisons, with every further page of every list) are rendered by
pubgen's own templates and built by MkDocs with the project's mkdocs.yml. The
pages are the ones a full build publishes, byte for byte but for links to
documents, which are not built; it takes minutes, not the hour a full build of
10,000 documents takes on a busy machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

LIMIT = 200_000


@dataclass
class Measure:
    files: int = 0
    largest: int = 0
    largest_gzip: int = 0
    largest_at: str = ""
    total: int = 0
    over: list[str] = field(default_factory=list)

    def add(self, path: Path, site: Path, limit: int) -> None:
        data = path.read_bytes()
        self.files += 1
        self.total += len(data)
        if len(data) > self.largest:
            self.largest = len(data)
            self.largest_gzip = len(gzip.compress(data, 6))
            self.largest_at = path.relative_to(site).as_posix()
        if len(data) > limit:
            self.over.append(path.relative_to(site).as_posix())


def kind_of(page: Path, site: Path, lists: set[Path]) -> str | None:
    """Which kind of index page ``page`` (an index.html) is, or None for a document or another page."""
    rel = page.parent.relative_to(site)
    parts = rel.parts
    if not parts:
        return "home"
    if parts[0] == "compare":
        return "comparison of departments"
    if parts[-1].startswith("page_"):
        return "further pages of a list"
    if parts[0] in ("years", "kinds"):
        return f"{parts[0][:-1]} list" if len(parts) > 1 else f"{parts[0]} index"
    if parts[0] in ("regions", "departments") and len(parts) == 1:
        return f"{parts[0]} index"
    if page.parent in lists:
        # A region's folder holds its departments' folders; a department's holds its years.
        return "department list" if any(p.name.isdigit() for p in page.parent.iterdir() if p.is_dir()) else "region list"
    return None


def measure(site: Path, limit: int) -> tuple[dict[str, Measure], Measure]:
    lists = {p.parent for p in site.rglob("list.json")}
    pages: dict[str, Measure] = {}
    for page in sorted(site.rglob("index.html")):
        kind = kind_of(page, site, lists)
        if kind is not None:
            pages.setdefault(kind, Measure()).add(page, site, limit)
    data = Measure()
    for path in sorted(site.rglob("list.json")):
        data.add(path, site, sys.maxsize)
    return pages, data


def index_only(project_dir: Path, out: Path) -> None:
    """Render and build only the index pages of ``project_dir`` into ``out``."""
    import shutil
    import time

    from pubgen.build import build
    from pubgen.derive import derive
    from pubgen.indexpages import index_pages, latest_of, newest
    from pubgen.load import load
    from pubgen.pipeline import Project
    from pubgen.render import environment, relative
    from pubgen.summaries import summarise

    project = Project(project_dir.resolve())
    started = time.monotonic()
    sitemap = derive(load(project.content))
    summaries = [summarise(page) for page in sitemap.documents]
    print(f"loaded and laid out {len(summaries):,} documents in {time.monotonic() - started:.1f} s", file=sys.stderr)
    docs = out.parent / (out.name + "-docs")
    shutil.rmtree(docs, ignore_errors=True)
    env = environment(project.templates)
    everything = newest(summaries)
    pages, files = index_pages(summaries, sitemap.regions, sitemap.departments, sitemap.site.unit)

    def write(md_path: str, template: str, url: str, **context: object) -> None:
        target = docs / md_path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = env.get_template(template).render(
            site=sitemap, url=url, link=lambda to: relative(url, to), preview=None, stale=[], **context
        )
        target.write_text(text, encoding="utf-8")

    write("index.md", "home.md.j2", "", latest=latest_of(summaries))
    for md, template, url in (
        ("years/index.md", "years.md.j2", "years/"),
        ("kinds/index.md", "kinds.md.j2", "kinds/"),
        ("regions/index.md", "regions.md.j2", "regions/"),
        ("departments/index.md", "departments.md.j2", "departments/"),
        ("glossary.md", "search.md.j2", "glossary/"),
        ("data/index.md", "search.md.j2", "data/"),
    ):
        write(md, template, url)
    for item in pages:
        write(item.md_path, item.template, item.url, **item.context)
    for extra in files:
        (docs / extra.path).parent.mkdir(parents=True, exist_ok=True)
        (docs / extra.path).write_text(extra.text, encoding=extra.encoding, newline="")
    shutil.copytree(project.templates / "assets", docs / "assets", dirs_exist_ok=True)
    print(f"rendered {len(pages) + 7:,} index pages (everything changed {everything})", file=sys.stderr)
    shutil.rmtree(out, ignore_errors=True)
    build(project.mkdocs_yml, docs, out, sitemap.site.title)
    print(f"built in {time.monotonic() - started:.1f} s", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--project", type=Path, help="build only the index pages of this project into SITE first")
    parser.add_argument("--limit", type=int, default=LIMIT)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.project:
        index_only(args.project, args.site)
    pages, data = measure(args.site, args.limit)
    print("| index pages | files | largest (KB) | gzipped (KB) | largest at |")
    print("|---|---:|---:|---:|---|")
    for kind, m in sorted(pages.items()):
        print(f"| {kind} | {m.files:,} | {m.largest / 1000:.1f} | {m.largest_gzip / 1000:.1f} | `{m.largest_at}` |")
    print(f"| lists' JSON (fetched to filter) | {data.files:,} | {data.largest / 1000:.1f} | {data.largest_gzip / 1000:.1f} | `{data.largest_at}` |")
    over = [p for m in pages.values() for p in m.over]
    print()
    print(f"index pages over {args.limit / 1000:.0f} KB: {len(over)}" + (": " + ", ".join(over[:20]) if over else ""))
    if args.json:
        args.json.write_text(
            json.dumps({"pages": {k: vars(m) for k, m in pages.items()}, "json": vars(data)}, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
