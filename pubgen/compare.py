"""Departments of one region side by side, for one year: key figures, change from last year, a CSV.

Made from document summaries alone. Every figure stays ``Decimal``; an amount printed
in another unit is brought into the site's unit exactly (元 → 万元 moves the decimal
point, nothing is rounded); a figure a document does not print is blank, never 0.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Mapping

from .charts import UNIT_SHIFT
from .exact import exactly
from .summaries import DocumentSummary, SummaryFigure
from .data import spreadsheet_text
from .grouping import grouped

KINDS = {"budget": "预算", "final-accounts": "决算"}
"""Kinds of document compared, each in its own table: a budget's figures are plans, a final account's are spent."""

COLUMNS = (
    ("income", "收入合计"),
    ("expenditure", "支出合计"),
    ("three-public", "“三公”经费"),
    ("overseas", "其中：因公出国（境）费"),
    ("vehicle", "公务用车购置及运行维护费"),
    ("reception", "公务接待费"),
    ("operating-costs", "机关运行经费"),
)
"""Amounts compared, in order."""

CHANGED = ("expenditure", "three-public", "operating-costs")
"""Amounts shown with their change from last year."""

WATCHED = ("three-public", "operating-costs")
"""Amounts whose rise from last year is flagged: the spending on the administration itself."""

RATE_PLACES = Decimal("0.01")
"""Rates of change are shown to two decimal places, rounded half up."""


@dataclass(slots=True)
class Amount:
    """One figure as compared: in the site's unit, as printed when it was printed in it."""

    text: str
    value: Decimal
    converted_from: str | None = None
    """The unit it was printed in, when not the site's."""
    caveat: bool = False


@dataclass(slots=True)
class Change:
    """A figure beside last year's: the difference and the rate, as computed here."""

    last: Amount
    difference: Decimal
    rate: str | None
    """Percent to ``RATE_PLACES``; ``None`` when last year's figure is 0."""
    questioned: bool = False
    """Either year's figure is one a check questioned (its document marks it 有出入): so is the change."""

    @property
    def rose(self) -> bool:
        return self.difference > 0

    @property
    def text(self) -> str:
        return self._written(format(self.difference, "f"))

    @property
    def shown(self) -> str:
        """As the page shows it: the difference grouped in thousands, the rate as computed."""
        return self._written(grouped(format(self.difference, "f")))

    def _written(self, difference: str) -> str:
        sign = "+" if self.difference > 0 else ""
        out = f"{sign}{difference}"
        if self.rate is not None:
            out += f"（{sign}{self.rate}%）"
        return out


@dataclass(slots=True)
class CompareRow:
    """One department in one table."""

    department: str
    department_url: str
    document: DocumentSummary
    amounts: dict[str, Amount | None]
    changes: dict[str, Change | None]
    last_url: str | None
    score: str | None
    grade: str | None
    score_url: str | None

    @property
    def rose(self) -> list[str]:
        """Ids of the watched amounts that rose from last year."""
        return [k for k in WATCHED if (c := self.changes.get(k)) is not None and c.rose]


@dataclass(slots=True)
class CompareTable:
    kind: str
    name: str
    rows: list[CompareRow]


@dataclass(slots=True)
class ComparePage:
    """The comparison of a region's departments in one year."""

    region_path: str
    region: str
    year: int
    unit: str
    tables: list[CompareTable]
    years: list[int] = field(default_factory=list)
    """Every year the region has a comparison, newest first."""
    made_from: list[tuple[str, list[tuple[str, DocumentSummary, DocumentSummary | None, DocumentSummary | None]]]] = field(
        default_factory=list
    )
    """What the tables are computed from: per table, its kind and, per row in order, what :func:`_row` made it from
    (:func:`_sources`)."""

    def __made_from__(self) -> tuple[object, ...]:
        """All the page is a function of (:mod:`pubgen.rendercache` hashes it by this instead of its many rows)."""
        return (self.region_path, self.region, self.year, self.unit, self.years, self.made_from)

    @property
    def url(self) -> str:
        return f"compare/{self.region_path}/{self.year}/"

    @property
    def md_path(self) -> str:
        return f"compare/{self.region_path}/{self.year}.md"

    @property
    def csv_name(self) -> str:
        """The CSV's file name: the region and year it compares, readable once downloaded."""
        return f"{self.region}{self.year}年各部门主要数字对比.csv"

    @property
    def csv_path(self) -> str:
        return f"{self.url}{self.region_path.replace('/', '-')}-{self.year}-compare.csv"

    @property
    def converted(self) -> list[str]:
        """Units the page converted from, for the note under its tables."""
        units = {a.converted_from for t in self.tables for r in t.rows for a in r.amounts.values() if a and a.converted_from}
        return sorted(u for u in units if u)


@exactly
def amount(f: SummaryFigure | None, unit: str) -> Amount | None:
    """A figure in ``unit``: as printed when printed in it; moved by powers of ten from another unit; else none."""
    if f is None or f.value is None:
        return None
    if f.unit == unit:
        return Amount(f.text, f.value, caveat=f.caveat)
    if f.unit not in UNIT_SHIFT or unit not in UNIT_SHIFT:
        return None  # a unit that cannot be brought exactly into the site's: not compared
    # UNIT_SHIFT moves an amount into 万元: from the printed unit into 万元, then out of 万元 into ``unit``.
    value = f.value.scaleb(UNIT_SHIFT[f.unit] - UNIT_SHIFT[unit])
    text = format(value, "f")
    return Amount(text, value, converted_from=f.unit, caveat=f.caveat)


@exactly
def change(this: Amount | None, last: Amount | None) -> Change | None:
    """``this`` beside ``last``: the difference, exact, and the rate to two places."""
    if this is None or last is None:
        return None
    difference = this.value - last.value
    rate = None
    if last.value != 0:
        rate = format((difference / last.value * 100).quantize(RATE_PLACES, ROUND_HALF_UP), "f")
    return Change(last, difference, rate, this.caveat or last.caveat)


def whole(s: DocumentSummary) -> bool:
    """A department's own document for the whole department: not a unit's, a project's or a part."""
    return s.variant == ""


def compare_pages(summaries: list[DocumentSummary], region_names: Mapping[str, str], unit: str) -> list[ComparePage]:
    """A page per region and year where two or more of the region's own departments published budgets, or final accounts."""
    docs: dict[tuple[str, int, str], DocumentSummary] = {}
    for s in summaries:
        if whole(s) and s.kind in (*KINDS, "self-evaluation"):
            docs.setdefault((s.department_id, s.year, s.kind), s)
    by_region: dict[tuple[str, int], set[str]] = defaultdict(set)
    for (dept, year, kind), s in docs.items():
        if kind in KINDS:
            by_region[(s.region_path, year)].add(dept)
    pages: list[ComparePage] = []
    for (region, year), depts in sorted(by_region.items()):
        tables = []
        made_from = []
        for kind, name in KINDS.items():
            sources = [_sources(docs, d, year, kind) for d in depts if (d, year, kind) in docs]
            made = [(_row(*source, unit), source) for source in sources]
            if len(made) >= 2:  # one department alone is no comparison
                made.sort(key=lambda m: (m[0].department, m[0].department_url))
                tables.append(CompareTable(kind, name, [row for row, _ in made]))
                made_from.append((kind, [source for _, source in made]))
        if not tables:
            continue
        pages.append(ComparePage(region, region_names.get(region, region), year, unit, tables, made_from=made_from))
    years: dict[str, list[int]] = defaultdict(list)
    for p in pages:
        years[p.region_path].append(p.year)
    for p in pages:
        p.years = sorted(years[p.region_path], reverse=True)
    return pages


def _sources(
    docs: dict[tuple[str, int, str], DocumentSummary], dept: str, year: int, kind: str
) -> tuple[str, DocumentSummary, DocumentSummary | None, DocumentSummary | None]:
    """All a row is made from, besides the unit: the department, its document, last year's and the self-evaluation."""
    return (dept, docs[(dept, year, kind)], docs.get((dept, year - 1, kind)), docs.get((dept, year, "self-evaluation")))


def _row(dept: str, s: DocumentSummary, last: DocumentSummary | None, evaluation: DocumentSummary | None, unit: str) -> CompareRow:
    """One department's row, from :func:`_sources` alone (a page is hashed by them: see ``ComparePage.__made_from__``)."""
    amounts = {k: amount(s.figures.get(k), unit) for k, _ in COLUMNS}
    changes: dict[str, Change | None] = {}
    for k in CHANGED:
        changes[k] = change(amounts[k], amount(last.figures.get(k), unit)) if last is not None else None
    score = evaluation.figures.get("score") if evaluation is not None else None
    return CompareRow(
        department=s.department,
        department_url=f"{dept}/",
        document=s,
        amounts=amounts,
        changes=changes,
        last_url=last.url if last is not None else None,
        score=score.text if score is not None else None,
        grade=evaluation.grade if evaluation is not None else None,
        score_url=evaluation.url if evaluation is not None and score is not None else None,
    )


def compare_csv(page: ComparePage) -> str:
    """The page's tables as one CSV for Excel: a row per department and kind, blank where nothing is printed."""
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    header = ["地区", "年度", "类别", "部门", "文档地址"]
    for key, label in COLUMNS:
        header.append(f"{label.removeprefix('其中：')}（{page.unit}）")
        if key in CHANGED:
            header += [f"{label}较上年增减（{page.unit}）", f"{label}较上年增减率（%）"]
    header += ["“三公”经费较上年上升", "机关运行经费较上年上升", "自评得分", "评价等级", "有出入的数字"]
    writer.writerow(header)
    for table in page.tables:
        for row in table.rows:
            line = [spreadsheet_text(page.region), str(page.year), spreadsheet_text(table.name), spreadsheet_text(row.department), spreadsheet_text(row.document.url)]
            for key, _ in COLUMNS:
                a = row.amounts.get(key)
                line.append(a.text if a else "")
                if key in CHANGED:
                    c = row.changes.get(key)
                    line += [format(c.difference, "f") if c else "", (c.rate or "") if c else ""]
            line += ["是" if k in row.rose else ("否" if row.changes.get(k) else "") for k in WATCHED]
            line += [row.score or "", spreadsheet_text(row.grade or "")]
            # What a check questioned (the documents say why): this year's figures, and last year's a change is made from.
            questioned = [label.removeprefix("其中：") for key, label in COLUMNS if (a := row.amounts.get(key)) is not None and a.caveat]
            questioned += [
                f"上年{label}" for key, label in COLUMNS if (c := row.changes.get(key)) is not None and c.last.caveat
            ]
            line.append(spreadsheet_text("、".join(questioned)))
            writer.writerow(line)
    return out.getvalue()
