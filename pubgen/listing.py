"""Lists of documents at any scale: pages of a fixed length, and the small JSON a browser filters.

The year, kind, region and department pages each list their documents in pages of
``PAGE_SIZE`` rows: the first page and the links to the others are plain HTML. The
whole list is also written as compact JSON beside the first page, from which
``assets/lists.js`` filters by region, department, kind, year and words, keeping the
filter in the page's address. Everything here works from document summaries alone.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping

from . import model as m
from .charts import UNIT_SHIFT
from .grouping import amount
from .summaries import DocumentSummary, SummaryFigure

PAGE_SIZE = 50
"""Rows on one page of a list: about 30 KB of HTML, whatever the number of documents."""

LIST_JSON = "list.json"
"""Name of a list's JSON, beside its first page."""

COLUMNS = ("income", "expenditure", "three-public", "score")
"""Key figures a list shows, in order."""

PLAIN_UNITS = ("万元", "分")
"""Units a list's header names, so a figure in them is printed without its unit."""


@dataclass(slots=True)
class ListPage:
    """One page of a list."""

    number: int
    url: str
    md_path: str
    rows: list[DocumentSummary]


@dataclass(slots=True)
class PagerLink:
    """One entry of a pager: a page number, or a gap (``number`` 0)."""

    number: int
    url: str
    current: bool = False


@dataclass(slots=True)
class Group:
    """Documents under one region (or one kind), for the counts shown above a list."""

    key: str
    name: str
    count: int
    url: str | None = None


@dataclass(slots=True)
class PageLink:
    """Another page of a list, as a page of it links to it: its number and address, not its rows."""

    number: int
    url: str


@dataclass(slots=True)
class DocumentList:
    """Every page of one list, and what its filter offers."""

    base_url: str
    pages: list[ListPage]
    total: int
    json_url: str
    regions: list[Group] = field(default_factory=list)
    """Counts by region, one level below what the list has in common."""
    kinds: list[Group] = field(default_factory=list)
    years: list[Group] = field(default_factory=list)

    def shown(self) -> ListShown:
        """The list as each of its pages sees it (``lst`` in the templates): every page's address, no page's rows.

        A page shows its own rows (``list_page.rows``) only, so an edit to a document
        changes the one page that lists it, and the others are kept as built.
        """
        links = [PageLink(p.number, p.url) for p in self.pages]
        size = len(self.pages[0].rows) if self.pages else 0
        return ListShown(self.base_url, links, self.total, self.json_url, size, self.regions, self.kinds, self.years)


@dataclass(slots=True)
class ListShown:
    """A list as its pages' templates read it: totals, groups, the pages' links and the page size."""

    base_url: str
    pages: list[PageLink]
    total: int
    json_url: str
    page_size: int
    """Rows on a full page."""
    regions: list[Group]
    kinds: list[Group]
    years: list[Group]

    def pager(self, current: int) -> list[PagerLink]:
        """Links to the first, last and nearby pages; gaps stand for the rest (reached page by page)."""
        count = len(self.pages)
        shown = sorted({1, count, *range(max(1, current - 2), min(count, current + 2) + 1)})
        links: list[PagerLink] = []
        for n in shown:
            if links and n > links[-1].number + 1:
                links.append(PagerLink(0, ""))
            links.append(PagerLink(n, self.pages[n - 1].url, n == current))
        return links


def page_url(base_url: str, number: int) -> str:
    """The address of page ``number`` of the list at ``base_url`` (the first page is the list's own address)."""
    # An underscore is in no region or department slug, so no page of a list can take a document's address.
    return base_url if number == 1 else f"{base_url}page_{number}/"


def paginate(
    base_url: str, first_md: str, summaries: list[DocumentSummary], region_names: Mapping[str, str], size: int | None = None
) -> DocumentList:
    """Split ``summaries`` into pages of ``size`` (:data:`PAGE_SIZE`) rows; the first page is written at ``first_md``,
    the others beside it.

    ``region_names`` gives each region's full name by its path.
    """
    size = size or PAGE_SIZE
    chunks = [summaries[i : i + size] for i in range(0, len(summaries), size)] or [[]]
    pages = [
        ListPage(n, page_url(base_url, n), first_md if n == 1 else f"{base_url}page_{n}.md", rows)
        for n, rows in enumerate(chunks, start=1)
    ]
    lst = DocumentList(base_url, pages, len(summaries), base_url + LIST_JSON)
    lst.regions = region_groups(summaries, region_names)
    kinds = Counter(s.kind for s in summaries)
    lst.kinds = [Group(k, m.KIND_NAMES[k], kinds[k], f"kinds/{k}/") for k in m.KIND_NAMES if k in kinds]
    years = Counter(s.year for s in summaries)
    lst.years = [Group(str(y), f"{y}年", years[y], f"years/{y}/") for y in sorted(years, reverse=True)]
    return lst


def region_groups(summaries: list[DocumentSummary], region_names: Mapping[str, str]) -> list[Group]:
    """Counts by region, one level below the regions' common ancestor (provinces on a site-wide list)."""
    split = [p.split("/") for p in {s.region_path for s in summaries}]
    if not split:
        return []
    common = 0
    while all(len(p) > common + 1 for p in split) and len({p[common] for p in split}) == 1:
        common += 1
    counts = Counter("/".join(s.region_path.split("/")[: common + 1]) for s in summaries)
    return [Group(k, region_names.get(k, k), counts[k], f"{k}/") for k in sorted(counts)]


def ancestors(path: str) -> list[str]:
    """A region's path and its ancestors' paths, the province first."""
    parts = path.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _cell(f: SummaryFigure | None) -> str:
    """A figure as the list shows it: an amount grouped in thousands (371,514,655.00 元); its unit when not the header's."""
    if f is None:
        return ""
    text = amount(f.text, f.unit)
    return text if f.unit in PLAIN_UNITS else f"{text} {f.unit}"


def list_json(summaries: list[DocumentSummary], region_names: Mapping[str, str]) -> str:
    """The compact JSON of a list: names once, then one short array per document."""
    # Every region a document lies in, its ancestors too: choosing a city keeps its counties' documents.
    region_rows = [[p, region_names.get(p, p)] for p in sorted({a for s in summaries for a in ancestors(s.region_path)})]
    regions = {p: i for i, (p, _) in enumerate(region_rows)}
    departments: dict[str, int] = {}
    department_rows: list[list[object]] = []
    rows: list[list[object]] = []
    for s in summaries:
        if s.department_id not in departments:
            departments[s.department_id] = len(department_rows)
            department_rows.append([s.department_id, s.department, regions[s.region_path]])
        figures = [s.figures.get(c) for c in COLUMNS]
        caveats = sum(1 << i for i, f in enumerate(figures) if f is not None and f.caveat)
        rest = s.url[len(s.department_id) + 1 :] if s.url.startswith(s.department_id + "/") else s.url
        row: list[object] = [s.year, departments[s.department_id], s.kind, s.title, rest, *(_cell(f) for f in figures), caveats]
        if s.shown_kind != m.KIND_NAMES.get(s.kind):
            row.append(s.shown_kind)  # 单位预算（某某中心）: told apart from the department's others of the year
        rows.append(row)
    data = {
        "size": PAGE_SIZE,
        "kinds": {k: v for k, v in m.KIND_NAMES.items()},
        "regions": region_rows,
        "departments": department_rows,
        "rows": rows,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def sort_key(f: SummaryFigure | None) -> str | None:
    """What a list sorts a figure by: an amount in 万元 (one printed in 元 or 亿元 brought into it exactly), a score
    as printed; ``""`` (sorted with the blanks) for an amount in a unit that cannot be brought into 万元; ``None``
    for no figure."""
    if f is None or f.value is None:
        return None
    if f.unit in PLAIN_UNITS:
        return format(f.value, "f")
    if f.unit in UNIT_SHIFT:
        return format(f.value.scaleb(UNIT_SHIFT[f.unit]), "f")
    return ""


def figure_cells(s: DocumentSummary) -> list[tuple[str, SummaryFigure | None, str | None]]:
    """The list's figure cells of one document: (printed text, figure, what the column sorts it by)."""
    return [(_cell(s.figures.get(c)), s.figures.get(c), sort_key(s.figures.get(c))) for c in COLUMNS]
