"""What the site-wide pages know of a document: its summary, as a shard's manifest carries it.

A summary has the fields of :class:`pubgen.derive.DocumentPage` that the index
pages, the feed, the glossary, the open-data catalogue and the search index
read, under the same names (``page.doc.title`` works: ``doc`` is the summary
itself), so the same templates print it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from . import model as m
from .derive import KIND_ORDER, DocumentPage
from .keyfigures import KeyFigure


@dataclass(slots=True)
class DocumentSummary:
    """One document, as the pages that list it see it."""

    title: str
    url: str
    md_path: str
    department_id: str
    region_path: str
    year: int
    kind: str
    variant: str
    published: dt.date | None
    updated: dt.date | None
    unit: str | None
    score: Decimal | None
    grade: str | None
    source_url: str | None
    key_figures: list[KeyFigure]
    term_names: list[str]
    figures: int
    """How many figures its data files hold."""
    csv_size: int
    json_size: int
    catalogue: dict[str, Any] = field(default_factory=dict)
    """What the open data's catalogue says of it beyond these fields (:func:`pubgen.data.catalogue`)."""
    department: Any = field(default=None)
    """The department's record (:class:`pubgen.model.Department`), set when the site is assembled."""
    region: Any = field(default=None)
    """The region (:class:`pubgen.load.RegionEntry`), set when the site is assembled."""
    label: str = ""
    """The document named apart from the department's others (:attr:`pubgen.derive.DocumentPage.label`): the feed's title."""

    @property
    def doc(self) -> DocumentSummary:
        return self

    @property
    def dated(self) -> dt.date | None:
        return self.published or self.updated

    @property
    def kind_name(self) -> str:
        """部门预算, or 单位预算 / 单位决算 for a unit's own document (its variant names the unit)."""
        return m.kind_label(self.kind, "unit" if any(part.startswith("unit-") for part in self.variant.split("/")) else "department")

    @property
    def region_name(self) -> str:
        return "".join(self.region.names)

    def site_order(self) -> tuple[int, str, int, str]:
        """The order of :func:`pubgen.derive.derive`: newest year first, then region and department, kind, variant."""
        return (-self.year, self.region_path + "/" + self.department_id.rsplit("/", 1)[-1], KIND_ORDER.index(self.kind), self.variant)


def summarize(page: DocumentPage, figures: int, csv_size: int, json_size: int) -> DocumentSummary:
    """A rendered document's summary."""
    from .data import catalogue

    doc = page.doc
    return DocumentSummary(
        title=doc.title,
        url=page.url,
        md_path=page.md_path,
        department_id=page.department_id,
        region_path=page.region.path,
        year=doc.year,
        kind=doc.kind,
        variant=page.variant,
        published=doc.published,
        updated=page.updated,
        unit=doc.unit,
        score=doc.score,
        grade=doc.grade,
        source_url=doc.source_url,
        key_figures=list(page.key_figures),
        term_names=page.term_names,
        figures=figures,
        csv_size=csv_size,
        json_size=json_size,
        catalogue=catalogue(doc),
        label=page.label,
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)  # exactly: the same digits and exponent come back


def to_json(s: DocumentSummary) -> dict[str, Any]:
    """The summary as JSON: dates as ISO text, decimals as text exactly as printed."""
    return {
        "title": s.title,
        "url": s.url,
        "md_path": s.md_path,
        "department_id": s.department_id,
        "region_path": s.region_path,
        "year": s.year,
        "kind": s.kind,
        "variant": s.variant,
        "published": s.published.isoformat() if s.published else None,
        "updated": s.updated.isoformat() if s.updated else None,
        "unit": s.unit,
        "score": _decimal(s.score),
        "grade": s.grade,
        "source_url": s.source_url,
        "key_figures": [
            {
                "id": k.id,
                "label": k.label,
                "text": k.text,
                "unit": k.unit,
                "value": _decimal(k.value),
                "note": k.note,
                "field": k.field,
                "caveat": k.caveat,
            }
            for k in s.key_figures
        ],
        "term_names": s.term_names,
        "figures": s.figures,
        "csv_size": s.csv_size,
        "json_size": s.json_size,
        "catalogue": s.catalogue,
        "label": s.label,
    }


def from_json(data: dict[str, Any]) -> DocumentSummary:
    """A summary read back from a manifest."""
    return DocumentSummary(
        title=data["title"],
        url=data["url"],
        md_path=data["md_path"],
        department_id=data["department_id"],
        region_path=data["region_path"],
        year=data["year"],
        kind=data["kind"],
        variant=data["variant"],
        published=_date(data["published"]),
        updated=_date(data["updated"]),
        unit=data["unit"],
        score=Decimal(data["score"]) if data["score"] is not None else None,
        grade=data["grade"],
        source_url=data["source_url"],
        key_figures=[
            KeyFigure(
                id=k["id"],
                label=k["label"],
                text=k["text"],
                unit=k["unit"],
                value=Decimal(k["value"]) if k["value"] is not None else None,
                note=k["note"],
                field=k["field"],
                caveat=k["caveat"],
            )
            for k in data["key_figures"]
        ],
        term_names=list(data["term_names"]),
        figures=data["figures"],
        csv_size=data["csv_size"],
        json_size=data["json_size"],
        catalogue=dict(data["catalogue"]),
        label=data["label"],
    )
