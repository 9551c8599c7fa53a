"""The site-wide pages that list documents: by year, kind, region and department, and the comparisons.

Each is made from document summaries (:mod:`pubgen.summaries`) and the site's
regions and departments, so a build made of parts can assemble them from the
parts' summaries. :func:`index_pages` says what to write; the caller renders it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .compare import compare_csv, compare_pages
from .derive import DepartmentPage, RegionPage
from .listing import list_json, paginate
from .summaries import DocumentSummary


@dataclass(slots=True)
class IndexPage:
    """One page to render: its Markdown file, template, address, change date and what the template reads."""

    md_path: str
    template: str
    url: str
    lastmod: dt.date | None
    context: dict[str, Any]


@dataclass(slots=True)
class DataFile:
    """A file written beside the pages as it is (a list's JSON, a comparison's CSV), made when it is written."""

    path: str
    make: Callable[..., str]
    """Makes the text from ``inputs``; a function of nothing else."""
    inputs: tuple[Any, ...]
    encoding: str = "utf-8"

    @property
    def text(self) -> str:
        return self.make(*self.inputs)


def newest(summaries: Iterable[DocumentSummary]) -> dt.date | None:
    """The latest change among documents: an index page changes when what it lists changes."""
    return max((d for s in summaries if (d := s.updated or s.published) is not None), default=None)


def latest_of(summaries: list[DocumentSummary], count: int = 10) -> list[DocumentSummary]:
    """The documents published or changed last, newest first."""
    return sorted(summaries, key=lambda s: s.dated or dt.date.min, reverse=True)[:count]


def _list_pages(
    template: str, base_url: str, first_md: str, summaries: list[DocumentSummary], names: dict[str, str], **context: Any
) -> tuple[list[IndexPage], DataFile]:
    lst = paginate(base_url, first_md, summaries, names)
    lastmod = newest(summaries)
    shown = lst.shown()
    pages = [IndexPage(p.md_path, template, p.url, lastmod, dict(context, lst=shown, list_page=p)) for p in lst.pages]
    return pages, DataFile(lst.json_url, list_json, (summaries, names))


def index_pages(
    summaries: list[DocumentSummary],
    regions: list[RegionPage],
    departments: list[DepartmentPage] | None,
    unit: str,
) -> tuple[list[IndexPage], list[DataFile]]:
    """Every year, kind, region, department and comparison page, and the files beside them.

    ``summaries`` are in the site's order (newest year first); ``regions`` and
    ``departments`` give the structure and records, not the documents. Without
    ``departments`` the department pages are left out: a shard of the site makes
    them (:func:`department_list_pages`), as they chart their documents' figures.
    """
    names = {r.entry.path: "".join(r.entry.names) for r in regions}
    pages: list[IndexPage] = []
    files: list[DataFile] = []

    def add(made: tuple[list[IndexPage], DataFile]) -> None:
        pages.extend(made[0])
        files.append(made[1])

    by_year: dict[int, list[DocumentSummary]] = defaultdict(list)
    by_kind: dict[str, list[DocumentSummary]] = defaultdict(list)
    by_region: dict[str, list[DocumentSummary]] = defaultdict(list)
    by_department: dict[str, list[DocumentSummary]] = defaultdict(list)
    for s in summaries:
        by_year[s.year].append(s)
        by_kind[s.kind].append(s)
        by_department[s.department_id].append(s)
        parts = s.region_path.split("/")
        for i in range(len(parts)):
            by_region["/".join(parts[: i + 1])].append(s)
    compared = compare_pages(summaries, names, unit)
    compare_years: dict[str, list[int]] = defaultdict(list)
    for c in compared:
        compare_years[c.region_path].append(c.year)
    for year in sorted(by_year, reverse=True):
        add(_list_pages("year.md.j2", f"years/{year}/", f"years/{year}.md", by_year[year], names, year=year))
    for kind, docs in by_kind.items():
        add(_list_pages("kind.md.j2", f"kinds/{kind}/", f"kinds/{kind}.md", docs, names, kind=kind))
    counts = {path: len(docs) for path, docs in by_region.items()}
    department_counts = {d: len(docs) for d, docs in by_department.items()}
    for region in regions:
        add(
            _list_pages(
                "region.md.j2",
                region.url,
                region.md_path,
                by_region.get(region.entry.path, []),
                names,
                region=region,
                counts=counts,
                department_counts=department_counts,
                compare_years=sorted(compare_years.get(region.entry.path, []), reverse=True),
            )
        )
    if departments is not None:
        made = department_list_pages(summaries, regions, departments)
        pages.extend(made[0])
        files.extend(made[1])
    for c in compared:
        listed = [r.document for t in c.tables for r in t.rows]
        pages.append(IndexPage(c.md_path, "compare.md.j2", c.url, newest(listed), {"compare": c}))
        # A byte-order mark, so that Excel reads the Chinese as UTF-8.
        files.append(DataFile(c.csv_path, compare_csv, (c,), "utf-8-sig"))
    return pages, files


def department_list_pages(
    summaries: list[DocumentSummary], regions: list[RegionPage], departments: list[DepartmentPage]
) -> tuple[list[IndexPage], list[DataFile]]:
    """Each of ``departments``' pages and the list file beside it; ``summaries`` holds (at least) their documents."""
    names = {r.entry.path: "".join(r.entry.names) for r in regions}
    by_department: dict[str, list[DocumentSummary]] = defaultdict(list)
    for s in summaries:
        by_department[s.department_id].append(s)
    pages: list[IndexPage] = []
    files: list[DataFile] = []
    for dept in departments:
        made, listing = _list_pages("department.md.j2", dept.url, dept.md_path, by_department.get(dept.id, []), names, department=dept)
        pages.extend(made)
        files.append(listing)
    return pages, files
