"""Derive stage: from loaded content to the site's structure.

Decides every page's permanent address (from region / department / year /
kind, never from a title) and the indexes by year, region, department and kind.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import model as m
from .checks.scores import form_total
from .glossary import entry_key, for_document
from .keyfigures import Comparison, KeyFigure, compare, headline
from .load import Content, Loaded, RegionEntry
from .notes import PageNotes
from .problems import Problem
from .provenance import Original, original_of

RESERVED = frozenset({"years", "kinds", "regions", "departments", "glossary", "data", "search", "assets", "documents", "compare"})
"""Top-level path names used by the site itself; no region may take them."""

KIND_ORDER = ("budget", "final-accounts", "self-evaluation", "project-evaluation")


@dataclass(slots=True)
class DocumentPage:
    """One published document and where it lives."""

    doc: m.Document
    source_name: str
    """The source file, as named in messages and in "view source" links."""
    department: m.Department
    department_id: str
    region: RegionEntry
    url: str
    """Site-relative address with trailing slash, e.g. ``hebei/xingtai/pingxiang/xinfangju/2021/budget/``."""
    md_path: str
    """Path of the generated Markdown file inside the docs tree."""
    problems: list[Problem] = field(default_factory=list)
    """Acknowledged problems to show on the page."""
    untabled: list[Problem] = field(default_factory=list)
    """Acknowledged problems with no place on the page to mark (neither a table nor a sentence): told at the top of the page."""
    notes: PageNotes = field(default_factory=PageNotes)
    """The page's “注n” marks, numbered in page order, tables and running text together."""
    terms: list[m.Term] = field(default_factory=list)
    """Site glossary entries the document uses, by their name or an alias: those that apply to its region and that
    it does not define in its own 名词解释."""
    key_figures: list[KeyFigure] = field(default_factory=list)
    """Headline numbers, shown first."""
    parts: dict[str, KeyFigure] = field(default_factory=dict)
    """The parts of 三公经费 by name (see ``keyfigures.PARTS``), for comparisons across departments."""
    comparisons: list[Comparison] = field(default_factory=list)
    """Budget beside actual, and this year beside last year, where those documents exist."""
    related: list[DocumentPage] = field(default_factory=list)
    """The department's other documents of the same year."""
    updated: dt.date | None = None
    """Last change: the latest recorded change note, else the source file's last commit."""
    original: Original | None = None
    """The published file the document was taken from, when the content keeps it beside the source."""

    @property
    def dated(self) -> dt.date | None:
        """The date a reader would file this document under: publication, else last change."""
        return self.doc.published or self.updated

    @property
    def kind_name(self) -> str:
        """部门预算, 单位决算 (a unit's own), 绩效自评 …"""
        return m.kind_label(self.doc.kind, self.doc.scope)

    @property
    def label(self) -> str:
        """The document named apart from the department's others: ``上海市普陀区商务委员会 2025年部门预算``. Where the
        printed title is all a reader sees (a browser's tab, a feed), departments that print one cover title
        (上海市普陀区2025年区级部门预算) would be told apart by nothing."""
        return m.document_label(self.doc, self.department.name)

    @property
    def kind_label(self) -> str:
        """The kind told apart from the department's others of the year: 单位决算（某某中心）, 项目支出绩效自评（某项目）."""
        return m.document_kind_label(self.doc)

    @property
    def variant(self) -> str:
        """What tells it apart from the department's others of its year and kind (see ``model.variant``)."""
        return m.variant(self.doc)

    @property
    def term_names(self) -> list[str]:
        """The site glossary entries it uses, by :func:`~pubgen.glossary.entry_key` (the name, and the regions of a scoped one)."""
        return [entry_key(t) for t in self.terms]

    @property
    def region_name(self) -> str:
        return "".join(self.region.names)


@dataclass(slots=True)
class DepartmentPage:
    """A department with its documents, newest year first."""

    id: str
    department: m.Department
    region: RegionEntry
    url: str
    md_path: str
    documents: list[DocumentPage] = field(default_factory=list)


@dataclass(slots=True)
class RegionPage:
    """A region with its sub-regions and the departments under it."""

    entry: RegionEntry
    url: str
    md_path: str
    children: list[RegionPage] = field(default_factory=list)
    departments: list[DepartmentPage] = field(default_factory=list)
    documents: list[DocumentPage] = field(default_factory=list)
    """Every document in this region and below it."""


@dataclass(slots=True)
class SiteMap:
    """Every page of the site and the indexes that list them."""

    site: m.Site
    glossary: list[m.Term]
    documents: list[DocumentPage]
    departments: list[DepartmentPage]
    regions: list[RegionPage]
    """All regions, parents before children."""
    top_regions: list[RegionPage]
    years: dict[int, list[DocumentPage]]
    kinds: dict[str, list[DocumentPage]]


def _doc_sort_key(page: DocumentPage) -> tuple[int, str, int, str]:
    return (-page.doc.year, page.region.path + "/" + page.department.slug, KIND_ORDER.index(page.doc.kind), m.variant(page.doc))


def derive(content: Content, file_dates: dict[str, dt.date] | None = None) -> SiteMap:
    """Lay out the site; assumes validation found no errors."""
    file_dates = file_dates or {}
    assert content.site is not None
    departments = department_pages(content)
    documents: list[DocumentPage] = []
    for loaded in content.documents:
        doc_page = document_page(loaded, content, departments)
        noted = max((c.date for c in doc_page.doc.changes), default=None)
        doc_page.updated = noted or file_dates.get(doc_page.source_name)
        text = document_text(doc_page.doc)
        applicable = for_document(content.glossary, doc_page.region.path, own_glossary(doc_page.doc))
        doc_page.terms = [t for t in applicable if any(name in text for name in [t.term, *t.aliases])]
        documents.append(doc_page)
    documents.sort(key=_doc_sort_key)
    compare_documents(documents, content.site.unit)
    return arrange(content, departments, documents)


def department_pages(content: Content) -> dict[str, DepartmentPage]:
    """Every department's page, by department id, its documents not yet listed."""
    departments: dict[str, DepartmentPage] = {}
    for dept_id, loaded in content.departments.items():
        dept: m.Department = loaded.record
        region = content.regions[dept.region]
        departments[dept_id] = DepartmentPage(dept_id, dept, region, url=f"{dept_id}/", md_path=f"{dept_id}/index.md")
    return departments


def arrange(content: Content, departments: dict[str, DepartmentPage], documents: list[Any]) -> SiteMap:
    """List ``documents`` (in site order) under their departments, regions, years and kinds.

    The documents are :class:`DocumentPage` objects, or summaries of them that
    have the same fields (:mod:`pubgen.summary`), which is all an index page reads.
    """
    assert content.site is not None
    regions: dict[str, RegionPage] = {}
    for path, entry in content.regions.items():
        regions[path] = RegionPage(entry, url=f"{path}/", md_path=f"{path}/index.md")
    top = []
    for path, page in regions.items():
        parent = path.rsplit("/", 1)[0] if "/" in path else None
        if parent and parent in regions:
            regions[parent].children.append(page)
        elif parent is None:
            top.append(page)
    for dept_page in departments.values():
        regions[dept_page.department.region].departments.append(dept_page)
    years: dict[int, list[Any]] = defaultdict(list)
    kinds: dict[str, list[Any]] = defaultdict(list)
    for doc_page in documents:
        departments[doc_page.department_id].documents.append(doc_page)
        years[doc_page.doc.year].append(doc_page)
        kinds[doc_page.doc.kind].append(doc_page)
        path = doc_page.region.path
        while True:
            regions[path].documents.append(doc_page)
            if "/" not in path:
                break
            path = path.rsplit("/", 1)[0]
    for rp in regions.values():
        rp.departments.sort(key=lambda d: d.department.name)
        rp.children.sort(key=lambda r: r.entry.path)
    return SiteMap(
        site=content.site,
        glossary=content.glossary,
        documents=documents,
        departments=sorted(departments.values(), key=lambda d: (d.region.path, d.department.name)),
        regions=[regions[p] for p in sorted(regions)],
        top_regions=sorted(top, key=lambda r: r.entry.path),
        years=dict(sorted(years.items(), reverse=True)),
        kinds={k: kinds[k] for k in KIND_ORDER if k in kinds},
    )


def own_glossary(doc: m.Document) -> list[m.GlossaryItem]:
    """The terms a document defines in its own 名词解释."""
    return [item for block in doc.body if isinstance(block, m.GlossaryBlock) for item in block.items]


def document_text(doc: m.Document) -> str:
    """All words of a document, for finding the glossary terms it uses."""
    parts: list[str] = [doc.title]

    todo: list[object] = list(doc.body)
    while todo:
        value = todo.pop()
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            todo.extend(value)
        elif isinstance(value, m.Model):
            # The instance's own fields: a thousand documents hold about a million values.
            todo.extend(v for v in vars(value).values() if v is not None and not isinstance(v, (Decimal, bool, int)))
    return "\n".join(parts)


def compare_documents(documents: list[DocumentPage], unit: str) -> None:
    """Give each document its key figures and its comparisons with sibling documents."""
    # Budget beside actual and year beside year pair documents of the same scope: the department's with the
    # department's, a unit's with the same unit's.
    index: dict[tuple[str, int, str, str], DocumentPage] = {
        (p.department_id, p.doc.year, p.doc.kind, _scope_key(p.doc)): p for p in documents if p.doc.kind != "project-evaluation"
    }
    for page in documents:
        page.key_figures, page.parts = headline(page.doc, page.doc.unit or unit)
    by_year: dict[tuple[str, int], list[DocumentPage]] = defaultdict(list)
    for page in documents:
        by_year[(page.department_id, page.doc.year)].append(page)
    for page in documents:
        doc = page.doc
        scope = _scope_key(doc)
        page.related = [p for p in by_year[(page.department_id, doc.year)] if p is not page]
        if doc.kind not in ("budget", "project-evaluation"):
            budget = index.get((page.department_id, doc.year, "budget", scope))
            if budget is not None:
                found = compare(
                    "预算与执行对比",
                    page.key_figures,
                    budget.key_figures,
                    "执行数（本文）",
                    "预算数（预算公开）",
                    budget.url,
                    change=False,
                )
                if found:
                    page.comparisons.append(found)
        last = index.get((page.department_id, doc.year - 1, doc.kind, scope))
        if last is not None:
            found = compare(
                "与上年对比",
                page.key_figures,
                last.key_figures,
                f"{doc.year}年",
                f"{doc.year - 1}年",
                last.url,
                change=True,
            )
            if found:
                page.comparisons.append(found)


def _scope_key(doc: m.Document) -> str:
    """Documents of one department, year and kind that are compared with each other share this."""
    return m.variant(doc)


def document_page(loaded: Loaded, content: Content, departments: dict[str, DepartmentPage]) -> DocumentPage:
    doc: m.Document = loaded.record
    printed = form_total(doc)
    if printed is not None:
        # The form prints its score on its table's 总分 row only: that is the score its page, lists and data show.
        doc = doc.model_copy(update={"score": printed[0], "grade": doc.grade or printed[1]})
    dept_page = departments[doc.department]
    url = m.document_address(doc)
    return DocumentPage(
        doc=doc,
        source_name=loaded.source.name,
        department=dept_page.department,
        department_id=dept_page.id,
        region=dept_page.region,
        url=url,
        md_path=url.rstrip("/") + ".md",
        original=original_of(loaded.source.path),
    )
