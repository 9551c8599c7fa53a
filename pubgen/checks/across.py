"""Across documents: the same figure agrees between documents, year-over-year changes match last year's document."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from .. import model as m
from ..figures import CURRENT_PHASE, SAME_FIGURE
from ..load import Content
from ..problems import Problem
from ..roles import ColumnSpec, RowSpec, column_specs, row_specs, table_name
from .base import DocumentCheck, diff_text, fmt, table_key, tolerance
from .registry import ERROR, family, rule

ACROSS = family("across", "跨文档")

rule(
    ACROSS,
    "cross-document-mismatch",
    ERROR,
    """
同一部门同一年度的两份文档（如预算公开与绩效自评）对同一数字（如年初预算支出）写法不同。修改：核对两份文档。
""",
)

rule(
    ACROSS,
    "year-over-year-mismatch",
    ERROR,
    """
“比上年增减”或“上年数”与上一年度同类文档的数字不符。修改：核对本年与上年的数字。
""",
)


class _Stated:
    """A figure other documents may state too; described in words only when a problem needs it."""

    __slots__ = ("cell", "block", "bi", "ri", "ci", "row", "column")

    def __init__(self, cell: m.Cell, block: m.Table, bi: int, ri: int, ci: int, row: RowSpec, column: ColumnSpec) -> None:
        self.cell, self.block, self.bi, self.ri, self.ci, self.row, self.column = cell, block, bi, ri, ci, row, column

    value = property(lambda self: self.cell.value)
    text = property(lambda self: self.cell.text)
    table_title = property(lambda self: table_name(self.block))
    row_label = property(lambda self: self.row.label)
    column_label = property(lambda self: self.column.label)
    path = property(lambda self: ("body", self.bi, "rows", self.ri, "values", self.ci))
    field = property(lambda self: f"{table_key(self.block, self.bi)}.{self.row.key}.{self.column.id}")


def comparable_figures(doc: m.Document) -> dict[tuple[tuple[str, str], str], _Stated]:
    """The first figure of each (well-known row, phase) a document states."""
    out: dict[tuple[tuple[str, str], str], _Stated] = {}
    for bi, block in enumerate(doc.body):
        if not isinstance(block, m.Table) or not block.role:
            continue
        cols = column_specs(block)
        phased = [(ci, c) for ci, c in enumerate(cols) if c.phase and c.type != "text"]
        if not phased:
            continue
        grid = block.cells
        for ri, row in enumerate(row_specs(block)):
            cells = grid[ri] if ri < len(grid) else []
            key = SAME_FIGURE.get((block.role, row.key), (block.role, row.key))
            for ci, col in phased:
                if ci < len(cells) and cells[ci].value is not None and (key, col.phase) not in out:
                    out[(key, col.phase)] = _Stated(cells[ci], block, bi, ri, ci, row, col)  # type: ignore[index]
    return out


def check_across_documents(content: Content) -> Iterator[Problem]:
    """The same figure agrees between documents; year-over-year changes match last year's document."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, loaded in enumerate(content.documents):
        # A document of an unknown department is reported as such; the others are still compared.
        if loaded.record.department in content.departments:
            groups[loaded.record.department].append(i)
    by_doc: dict[int, dict[tuple[tuple[str, str], str], _Stated]] = {}
    for indices in groups.values():
        if len(indices) > 1:
            for i in indices:
                by_doc[i] = comparable_figures(content.documents[i].record)
    for indices in groups.values():
        # Same year, different documents, same figure and phase.
        for a_pos, a in enumerate(indices):
            for b in indices[a_pos + 1 :]:
                da, db = content.documents[a], content.documents[b]
                if da.record.year != db.record.year:
                    continue
                for figure_key, fa in by_doc[a].items():
                    fb = by_doc[b].get(figure_key)
                    # Last year's and change columns depend on each document's own basis (budget or actual).
                    if fb is None or figure_key[1] in ("change", "last-year") or fa.value is None or fb.value is None:
                        continue
                    if abs(fa.value - fb.value) > tolerance([fa.text, fb.text]):
                        dc = DocumentCheck(db)
                        yield dc.problem(
                            "cross-document-mismatch",
                            f"“{fb.table_title}”中“{fb.row_label}”的“{fb.column_label}” {fb.text} 与 {da.source.name} 中同一数字"
                            f"（“{fa.table_title}”“{fa.row_label}”）{fa.text} 不一致。",
                            fb.path,
                            fb.field,
                            stated=fb.value,
                            computed=fa.value,
                        )
        # Year over year, same kind.
        for i in indices:
            doc = content.documents[i]
            prev = next(
                (
                    j
                    for j in indices
                    if content.documents[j].record.kind == doc.record.kind
                    and content.documents[j].record.year == doc.record.year - 1
                ),
                None,
            )
            if prev is None:
                continue
            phase = CURRENT_PHASE[doc.record.kind]
            for (key, col_phase), f in by_doc[i].items():
                if col_phase not in ("change", "last-year") or f.value is None:
                    continue
                last = by_doc[prev].get((key, phase))
                if last is None or last.value is None:
                    continue
                if col_phase == "last-year":
                    expected, figures_involved = last.value, [f.text, last.text]
                else:
                    now = by_doc[i].get((key, phase))
                    if now is None or now.value is None:
                        continue
                    expected, figures_involved = now.value - last.value, [f.text, now.text, last.text]
                if abs(f.value - expected) > tolerance(figures_involved):
                    dc = DocumentCheck(doc)
                    what = "上年数" if col_phase == "last-year" else "比上年增减"
                    yield dc.problem(
                        "year-over-year-mismatch",
                        f"“{f.table_title}”中“{f.row_label}”的{what} {f.text} 与上年文档 {content.documents[prev].source.name} 不符："
                        f"按上年文档应为 {fmt(expected)}（{diff_text(f.value, expected)}）。",
                        f.path,
                        f.field,
                        stated=f.value,
                        computed=expected,
                    )


