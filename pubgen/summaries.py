"""Document summaries: what the site-wide pages (lists, comparisons) need to know of each document.

A summary is small and plain, so the pages that list thousands of documents can be
made from summaries alone, without the documents' full models.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from . import model as m
from .derive import DocumentPage
from .keyfigures import KeyFigure



@dataclass(slots=True, frozen=True)
class SummaryFigure:
    """One key figure as printed, with its value for sorting and comparing."""

    text: str
    unit: str
    value: Decimal | None
    caveat: bool = False
    """A check found it differs from what it should be and the publisher explained why (see the document)."""


@dataclass(slots=True)
class DocumentSummary:
    """One document as the index and comparison pages show it."""

    title: str
    url: str
    department: str
    """The department's name."""
    department_id: str
    region: str
    """The region's full name (省市县 joined)."""
    region_path: str
    year: int
    kind: str
    variant: str
    """Empty for the department's own whole document; else what sets it apart (unit, project, part)."""
    published: dt.date | None = None
    updated: dt.date | None = None
    grade: str | None = None
    figures: dict[str, SummaryFigure] = field(default_factory=dict)
    """Key figures by id: income, expenditure, execution-rate, three-public, operating-costs, score, and the parts of
    三公经费 (overseas, vehicle, reception)."""

    @property
    def dated(self) -> dt.date | None:
        return self.published or self.updated

    @property
    def kind_name(self) -> str:
        return m.KIND_NAMES[self.kind]


def _figure(k: KeyFigure) -> SummaryFigure:
    return SummaryFigure(k.text, k.unit, k.value, k.caveat is not None)


def summarise(page: DocumentPage) -> DocumentSummary:
    """The summary of a document page whose key figures carry their caveats (see ``render``)."""
    figures = {k.id: _figure(k) for k in page.key_figures}
    for name, k in page.parts.items():
        figures.setdefault(name, _figure(k))
    return DocumentSummary(
        title=page.doc.title,
        url=page.url,
        department=page.department.name,
        department_id=page.department_id,
        region=page.region_name,
        region_path=page.region.path,
        year=page.doc.year,
        kind=page.doc.kind,
        variant=m.variant(page.doc),
        published=page.doc.published,
        updated=page.updated,
        grade=page.doc.grade,
        figures=figures,
    )
