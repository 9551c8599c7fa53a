"""Document summaries: what the site-wide pages (lists, comparisons) need to know of each document.

A summary is small and plain, so the pages that list thousands of documents can be
made from summaries alone, without the documents' full models.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

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
    label: str = ""
    """The kind told apart from the department's others of the year (单位预算（某某中心）), where it says more than
    :attr:`kind_name`: several units' documents, printed under one cover title, are told apart in every list."""

    @property
    def dated(self) -> dt.date | None:
        return self.published or self.updated

    @property
    def shown_kind(self) -> str:
        """What a list calls it: its kind, with the unit, project or part that tells it apart from the department's others."""
        return self.label or self.kind_name

    @property
    def kind_name(self) -> str:
        """部门预算, or 单位预算 / 单位决算 for a unit's own document (its variant names the unit)."""
        return m.kind_label(self.kind, "unit" if any(part.startswith("unit-") for part in self.variant.split("/")) else "department")


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
        label=page.kind_label,
    )


def to_json(s: DocumentSummary) -> dict[str, Any]:
    """The summary as JSON (a shard's manifest carries it): dates as ISO text, decimals as text exactly as printed."""
    return {
        "title": s.title,
        "url": s.url,
        "department": s.department,
        "department_id": s.department_id,
        "region": s.region,
        "region_path": s.region_path,
        "year": s.year,
        "kind": s.kind,
        "variant": s.variant,
        "published": s.published.isoformat() if s.published else None,
        "updated": s.updated.isoformat() if s.updated else None,
        "grade": s.grade,
        "figures": {
            k: [f.text, f.unit, None if f.value is None else str(f.value), f.caveat] for k, f in s.figures.items()
        },
        "label": s.label,
    }


def from_json(data: dict[str, Any]) -> DocumentSummary:
    """A summary read back from a manifest."""

    def date(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    return DocumentSummary(
        title=data["title"],
        url=data["url"],
        department=data["department"],
        department_id=data["department_id"],
        region=data["region"],
        region_path=data["region_path"],
        year=data["year"],
        kind=data["kind"],
        variant=data["variant"],
        published=date(data["published"]),
        updated=date(data["updated"]),
        grade=data["grade"],
        figures={
            k: SummaryFigure(text, unit, None if value is None else Decimal(value), caveat)
            for k, (text, unit, value, caveat) in data["figures"].items()
        },
        label=data["label"],
    )
