"""Charts drawn at build time as small static SVG: no script, no font, nothing fetched.

A chart is an inline ``<svg role="img">`` named by its ``<title>`` and ``<desc>``;
its numbers are printed on the bars exactly as the Decimals print, and the same
numbers go into an HTML table (:func:`data_table`) as the accessible alternative.
:func:`chart_figure` puts both in one ``<figure>``; :func:`department_charts`
draws a department's income and expenditure, budget beside actual, per year.

Bars are horizontal, one row of bars per category (year), so that labels stay
horizontal and large on a phone 360 px wide. Series differ by pattern (solid,
hatched, dotted, crossed: four at most tell apart) and are named in a legend,
never by colour alone. A missing value is a gap with a "本站暂无" marker, never a
zero bar: the site holds no such figure, which is no claim that the department did not publish it. Text uses the page's font, so CJK needs no font at build time.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from . import model as m
from .exact import exactly
from .figures import figures
from .grouping import grouped
from .keyfigures import defined

if TYPE_CHECKING:
    from .derive import DepartmentPage

Series = list[tuple[str, list[Decimal | None]]]
"""One (name, values) pair per series; values line up with the categories, ``None`` when missing."""

Point = tuple[int | str, str, Decimal | None]
"""(category, series name, value): one number of a chart, as :func:`series_from_points` takes it."""

MISSING = "本站暂无"
"""Printed where a value is missing."""

# Geometry, in viewBox units. The viewBox is as wide as a phone's column, so one
# unit is about one CSS pixel there and the font sizes below are what a phone shows.
WIDTH = 320
FONT = 14
"""Category labels and legend."""
VALUE_FONT = 13
"""Value labels beside the bars."""
BAR = 16
"""Thickness of one bar."""
BAR_GAP = 3
GROUP_GAP = 14
LEGEND_ROW = 22
SWATCH = 14

INK = "#1a1a1a"
ACCENT = "#9b1c1c"
"""The site's accent (pubgen.css --pg-accent); charts.css turns it black in print."""


_NOT_XML = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF, *range(0xD800, 0xE000)])


def _esc(text: str) -> Markup:
    """``text`` escaped for SVG and HTML, without the control characters XML cannot hold."""
    return escape(text.translate(_NOT_XML))


def _num(x: float) -> str:
    """A coordinate, rounded to 0.1 unit, without a trailing ``.0``."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def printed(value: Decimal) -> str:
    """A Decimal as printed on a chart and in its table: every digit kept, never an exponent, grouped in thousands
    (the charts show amounts: 2,946.25)."""
    return grouped(format(value, "f"))


def text_width(text: str, size: float) -> float:
    """Generous estimate of how wide ``text`` prints at ``size``: wide (CJK) characters 1 em, others 0.62 em."""
    em = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            em += 1.0
        elif ch in ".,:;'|!ilI ":
            em += 0.34
        else:
            em += 0.62
    return em * size


def _shorten(text: str, size: float, limit: float) -> str:
    """``text``, cut with an ellipsis so that it fits in ``limit`` units."""
    if text_width(text, size) <= limit:
        return text
    while text and text_width(text + "…", size) > limit:
        text = text[:-1]
    return text + "…"


def _fill(index: int, prefix: str) -> tuple[str, str]:
    """(fill, ``<pattern>`` definition or ``""``) of the series at ``index``."""
    kind = index % 4
    if kind == 0:
        return ACCENT, ""
    pid = f"{prefix}-p{index}"
    if kind == 1:
        body = f'<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="{ACCENT}" stroke-width="1.6"/>'
    elif kind == 2:
        body = f'<circle cx="3" cy="3" r="1.3" fill="{ACCENT}"/>'
    else:
        body = f'<path d="M3,0 v6 M0,3 h6" stroke="{ACCENT}" stroke-width="1.2"/>'
    pattern = (
        f'<pattern id="{pid}" class="pg-chart__pattern" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="#fff"/>{body}</pattern>'
    )
    return f"url(#{pid})", pattern


_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def _chart_id(*parts: object) -> str:
    """A stable id prefix from a chart's content, so rebuilding changes nothing."""
    digest = hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:8]
    return f"pg-chart-{digest}"


@exactly
def bar_chart(
    title: str,
    description: str,
    categories: list[str],
    series: Series,
    unit: str,
    *,
    chart_id: str | None = None,
) -> Markup:
    """A horizontal grouped bar chart as accessible inline SVG, every value printed beside its bar."""
    if not series:
        raise ValueError("a chart needs at least one series")
    for name, values in series:
        if len(values) != len(categories):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(categories)} categories")
        for v in values:
            if v is not None and not v.is_finite():
                raise ValueError(f"series {name!r} holds {v}, which cannot be drawn")
    if chart_id is not None and not _ID.fullmatch(chart_id):
        raise ValueError(f"chart id {chart_id!r} must be letters, digits and hyphens, starting with a letter")
    prefix = chart_id or _chart_id(title, description, categories, series, unit)
    present = [v for _, values in series for v in values if v is not None]
    high = max([Decimal(0), *present])
    low = min([Decimal(0), *present])
    labels = [[printed(v) if v is not None else MISSING for v in values] for _, values in series]
    label_room = max((text_width(t, VALUE_FONT) for row in labels for t in row), default=0.0) + 6

    # Legend: a swatch and name per series, then the unit, wrapped into rows.
    legend: list[str] = []
    defs: list[str] = []
    fills: list[str] = []
    x, y = 0.0, 0.0
    items: list[tuple[int | None, str]] = []
    for i, (name, _) in enumerate(series):
        fill, pattern = _fill(i, prefix)
        fills.append(fill)
        if pattern:
            defs.append(pattern)
        items.append((i, _shorten(name, FONT, WIDTH - SWATCH - 6)))
    if unit:
        items.append((None, f"单位：{unit}"))
    for index, text in items:
        width = text_width(text, FONT) + (SWATCH + 6 if index is not None else 0)
        if x > 0 and x + width > WIDTH:
            x, y = 0.0, y + LEGEND_ROW
        if index is not None:
            legend.append(
                f'<rect class="pg-chart__swatch pg-chart__swatch--s{index % 4}" x="{_num(x + 0.5)}" y="{_num(y + 2.5)}"'
                f' width="{SWATCH - 1}" height="{SWATCH - 1}" fill="{fills[index]}" stroke="{ACCENT}"/>'
            )
            legend.append(f'<text x="{_num(x + SWATCH + 6)}" y="{_num(y + 14)}">{_esc(text)}</text>')
        else:
            legend.append(f'<text class="pg-chart__unit" x="{_num(x)}" y="{_num(y + 14)}">{_esc(text)}</text>')
        x += width + 16
    top = y + LEGEND_ROW + 8

    # Plot area: category labels on the left, room for value labels on either side of the bars.
    label_col = min(max((text_width(c, FONT) for c in categories), default=0.0), WIDTH * 0.3) + 8
    left = label_col + (label_room if low < 0 else 0)
    right = max(WIDTH - label_room, left + WIDTH * 0.25)  # labels too long to fit run past the edge, bars stay drawn
    span = float(high - low) or 1.0
    scale = (right - left) / span
    zero = left - float(low) * scale
    group = len(series) * BAR + (len(series) - 1) * BAR_GAP
    height = top + len(categories) * (group + GROUP_GAP) - GROUP_GAP + 4

    cats: list[str] = []
    for ci, cat in enumerate(categories):
        gy = top + ci * (group + GROUP_GAP)
        cats.append(
            f'<text x="{_num(label_col - 8)}" y="{_num(gy + group / 2 + FONT * 0.36)}">'
            f"{_esc(_shorten(cat, FONT, WIDTH * 0.3))}</text>"
        )
    bars: list[str] = []
    for si, (name, values) in enumerate(series):
        rects: list[str] = []
        texts: list[str] = []
        for ci, v in enumerate(values):
            by = top + ci * (group + GROUP_GAP) + si * (BAR + BAR_GAP)
            ty = _num(by + BAR / 2 + VALUE_FONT * 0.36)
            if v is None:
                texts.append(f'<text class="pg-chart__missing" x="{_num(zero + 4)}" y="{ty}">{MISSING}</text>')
                continue
            end = zero + float(v) * scale
            x0, x1 = min(zero, end), max(zero, end)
            rects.append(f'<rect x="{_num(x0)}" y="{_num(by)}" width="{_num(x1 - x0)}" height="{BAR}"/>')
            if v < 0:
                texts.append(f'<text x="{_num(x0 - 4)}" y="{ty}" text-anchor="end">{_esc(labels[si][ci])}</text>')
            else:
                texts.append(f'<text x="{_num(x1 + 4)}" y="{ty}">{_esc(labels[si][ci])}</text>')
        bars.append(
            f'<g class="pg-chart__series pg-chart__s{si % 4}" data-series="{_esc(name)}">'
            f'<g class="pg-chart__bars" fill="{fills[si]}" stroke="{ACCENT}" stroke-width="1">{"".join(rects)}</g>'
            f'<g class="pg-chart__values" font-size="{VALUE_FONT}">{"".join(texts)}</g></g>'
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pg-chart" viewBox="0 0 {WIDTH} {_num(height)}" role="img"'
        f' aria-labelledby="{prefix}-title {prefix}-desc" font-family="sans-serif" font-size="{FONT}" fill="{INK}">',
        f'<title id="{prefix}-title">{_esc(title)}</title>',
        f'<desc id="{prefix}-desc">{_esc(description)}</desc>',
    ]
    if defs:
        parts.append(f"<defs>{''.join(defs)}</defs>")
    parts.append(f'<g class="pg-chart__legend">{"".join(legend)}</g>')
    parts.append(f'<g class="pg-chart__categories" text-anchor="end">{"".join(cats)}</g>')
    parts.append(
        f'<line class="pg-chart__axis" x1="{_num(zero)}" y1="{_num(top - 4)}" x2="{_num(zero)}" y2="{_num(height)}"'
        f' stroke="{INK}" stroke-width="1"/>'
    )
    parts.extend(bars)
    parts.append("</svg>")
    # One line per element and never a blank line: Markdown keeps the block as raw HTML.
    return Markup("\n".join(parts))


def data_table(
    title: str,
    categories: list[str],
    series: Series,
    unit: str,
    *,
    category_header: str = "年度",
    caption: bool = True,
) -> Markup:
    """The numbers of a chart as an HTML table, in the site's table style, missing values marked."""
    head = "".join(f'<th scope="col" class="num">{_esc(name)}</th>' for name, _ in series)
    rows = []
    for ci, cat in enumerate(categories):
        cells = []
        for _, values in series:
            v = values[ci]
            if v is None:
                cells.append(f'<td class="num pg-chart__na">{MISSING}</td>')
            else:
                cells.append(f'<td class="num">{_esc(printed(v))}</td>')
        rows.append(f'<tr><th scope="row">{_esc(cat)}</th>{"".join(cells)}</tr>')
    cap = ""
    if caption:
        unit_text = f' <span class="pg-unit">单位：{_esc(unit)}</span>' if unit else ""
        cap = f"<caption>{_esc(title)}{unit_text}</caption>\n"
    return Markup(
        f'<div class="pg-scroll" role="region" aria-label="{_esc(title)}" tabindex="0">\n'
        f'<table class="pg-table pg-chart-table">\n{cap}'
        f'<thead><tr><th scope="col">{_esc(category_header)}</th>{head}</tr></thead>\n'
        f"<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table>\n</div>"
    )


def chart_figure(
    title: str,
    description: str,
    categories: list[str],
    series: Series,
    unit: str,
    *,
    category_header: str = "年度",
    chart_id: str | None = None,
) -> Markup:
    """A ``<figure>``: caption, the chart, and its data table in a ``<details>`` that opens without script."""
    unit_text = f' <span class="pg-unit">单位：{_esc(unit)}</span>' if unit else ""
    svg = bar_chart(title, description, categories, series, unit, chart_id=chart_id)
    table = data_table(title + "（数据表）", categories, series, unit, category_header=category_header, caption=False)
    return Markup(
        f'<figure class="pg-figure pg-chart-figure">\n'
        f'<figcaption class="pg-chart-figure__caption">{_esc(title)}{unit_text}</figcaption>\n'
        f"{svg}\n"
        f'<details class="pg-chart-figure__data">\n<summary>查看数据表</summary>\n{table}\n</details>\n'
        f"</figure>"
    )


# --------------------------------------------------------------------------- department data


def category_label(category: int | str) -> str:
    """How a category prints: a year as ``2021年``, anything else as given."""
    return f"{category}年" if isinstance(category, int) else category


def series_from_points(points: Iterable[Point], order: Sequence[str] = ()) -> tuple[list[str], Series]:
    """Categories (years sorted, others as first seen) and one series per name (``order`` first), with ``None`` where a point is missing."""
    values: dict[tuple[int | str, str], Decimal | None] = {}
    names: list[str] = list(order)
    cats: list[int | str] = []
    for cat, name, value in points:
        if cat not in cats:
            cats.append(cat)
        if name not in names:
            names.append(name)
        if values.get((cat, name)) is None:
            values[(cat, name)] = value
    ints = [c for c in cats if isinstance(c, int)]
    ordered: list[int | str] = [*sorted(ints)] if len(ints) == len(cats) else cats
    series: Series = [(name, [values.get((c, name)) for c in ordered]) for name in names]
    return [category_label(c) for c in ordered], series


MEASURES = {("income", "total"): "收入", ("expenditure", "total"): "支出"}
"""Figure keys (see :meth:`pubgen.figures.Figure.key`) charted on a department page, with their names."""

KEY_MEASURES = {"income": ("income", "total"), "expenditure": ("expenditure", "total")}
"""Key figures of the official tables (pubgen/tables/ ``key_figures``) that state the same measures."""

PHASES = {"initial-budget": "年初预算数", "actual": "决算数"}
"""Phases charted, with the series names they print as."""

SOURCE_ORDER = {
    "initial-budget": ("budget", "self-evaluation", "final-accounts"),
    "actual": ("final-accounts", "self-evaluation"),
}
"""Which kinds of document state a phase's figure, most authoritative first."""

UNIT_SHIFT = {"元": -4, "万元": 0, "亿元": 4}
"""Powers of ten that bring an amount into 万元, exactly."""


@exactly
def _shifted(value: Decimal, places: int) -> Decimal:
    """``value`` in a unit ``places`` powers of ten apart, exactly, without the zeros the shift adds.

    3000000.00 元 is 300.00 万元, not 300.000000; 1234567.89 元 is 123.456789 万元, every digit kept.
    """
    shifted = value.scaleb(places)
    if shifted == shifted.to_integral_value():
        return shifted.quantize(Decimal("0.01"))
    trimmed = shifted.normalize()
    return trimmed if trimmed != trimmed.quantize(Decimal("0.1")) else trimmed.quantize(Decimal("0.01"))


def department_points(documents: Iterable[m.Document], unit: str = "万元") -> dict[tuple[str, str], list[Point]]:
    """Per measure, the (year, phase name, value) points of a department's documents, in ``unit`` (the site's default unit)."""
    # A unit's document or a partial disclosure states a part of the department, not its totals.
    docs = [d for d in documents if d.scope == "department" and not d.covers]
    found: dict[tuple[tuple[str, str], int, str], Decimal] = {}
    for phase, kinds in SOURCE_ORDER.items():
        for kind in kinds:
            for doc in docs:
                if doc.kind != kind:
                    continue
                in_tables = list(figures(doc, unit))
                # The official tables name their totals as key figures (收入总计, 本年收入合计 …).
                named = defined(doc, in_tables)
                keyed = [(key, named[name]) for name, key in KEY_MEASURES.items() if name in named]
                for key, f in [(f.key(), f) for f in in_tables] + keyed:
                    if key not in MEASURES or f.phase != phase or f.value is None:
                        continue
                    if f.unit not in UNIT_SHIFT or unit not in UNIT_SHIFT:
                        continue
                    value = f.value if f.unit == unit else _shifted(f.value, UNIT_SHIFT[f.unit] - UNIT_SHIFT[unit])
                    found.setdefault((key, doc.year, phase), value)
    if not found:
        return {}
    # Every year from the first to the last that states a figure: a year without one is a gap, not skipped.
    stated = [year for _, year, _ in found]
    years = range(min(stated), max(stated) + 1)
    out: dict[tuple[str, str], list[Point]] = {}
    for key in MEASURES:
        if not any(k == key for k, _, _ in found):
            continue
        out[key] = [(year, name, found.get((key, year, phase))) for year in years for phase, name in PHASES.items()]
    return out


def department_charts(department: DepartmentPage, unit: str = "万元", years: int = 10) -> Markup:
    """The department's income and expenditure, budget beside actual, for its latest ``years`` years, in ``unit`` (site.yml's)."""
    docs = [p.doc for p in department.documents]
    recent = sorted({d.year for d in docs})[-years:]
    points = department_points([d for d in docs if d.year in recent], unit)
    out = []
    for key, measure in MEASURES.items():
        if key not in points:
            continue
        cats, series = series_from_points(points[key], order=list(PHASES.values()))
        gaps = [f"{cat}{name}" for name, values in series for cat, v in zip(cats, values) if v is None]
        span = cats[0] if len(cats) == 1 else f"{cats[0]}至{cats[-1]}"
        description = f"{span}{measure}的年初预算数与决算数，单位{unit}，每根条旁印有它的数字。"
        if gaps:
            description += f"本站暂无：{'、'.join(gaps)}（本站没有收录这一年的这份文档，或文档没有印这个数字；不等于部门没有公开）。"
        description += "同样的数字见图下数据表。"
        title = f"历年{measure}：年初预算数与决算数"
        out.append(chart_figure(title, description, cats, series, unit, chart_id=f"pg-chart-{key[0]}"))
    return Markup("\n").join(out)
