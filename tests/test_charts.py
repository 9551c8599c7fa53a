"""Charts drawn at build time: accessible, self-contained, small SVG whose labels are the printed Decimals."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pubgen import model as m
from pubgen.load import type_cells
from pubgen.problems import Problem
from pubgen.source import Source
from pubgen.grouping import grouped
from pubgen.charts import (
    MISSING,
    bar_chart,
    chart_figure,
    data_table,
    department_points,
    series_from_points,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parent.parent

YEARS = [f"{y}年" for y in range(2016, 2026)]
BUDGET = [Decimal(v) for v in "1905.30 2011.47 2132.08 2210.5 2317.4 2524.98 2480.12 2601.33 2755.9 2890.06".split()]
ACTUAL: list[Decimal | None] = [
    *(Decimal(v) for v in "1888.21 2040.9 2101.77 2290.03 2302.15 2505.71102 2466.4 2633.8 2740.55".split()),
    None,
]
SERIES: list[tuple[str, list[Decimal | None]]] = [("年初预算数", list(BUDGET)), ("决算数", ACTUAL)]


def chart(**kw: object) -> ET.Element:
    svg = bar_chart("历年收入", "2016至2025年收入。", YEARS, SERIES, "万元", **kw)  # type: ignore[arg-type]
    return ET.fromstring(str(svg))


def texts(el: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in el.iter(f"{SVG}text")]


def test_parses_as_svg_with_accessible_name() -> None:
    root = chart()
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-hidden") is None
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title is not None and title.text == "历年收入"
    assert desc is not None and desc.text == "2016至2025年收入。"
    assert root.get("aria-labelledby", "").split() == [title.get("id"), desc.get("id")]
    # title and desc come first, as SVG asks of an accessible name
    assert [c.tag for c in root][:2] == [f"{SVG}title", f"{SVG}desc"]


def test_scales_to_any_width() -> None:
    root = chart()
    assert re.fullmatch(r"0 0 \d+(\.\d+)? \d+(\.\d+)?", root.get("viewBox", ""))
    assert root.get("width") is None and root.get("height") is None


def test_one_bar_per_value_labelled_as_printed() -> None:
    root = chart()
    groups = root.findall("svg:g[@class]", NS)
    series = [g for g in groups if "pg-chart__series" in g.get("class", "")]
    assert len(series) == 2
    for g, (name, values) in zip(series, SERIES):
        assert g.get("data-series") == name
        bars = g.findall("svg:g[@class='pg-chart__bars']/svg:rect", NS)
        labels = texts(g.find("svg:g[@class='pg-chart__values']", NS))  # type: ignore[arg-type]
        assert len(bars) == sum(v is not None for v in values)
        assert labels == [grouped(format(v, "f")) if v is not None else MISSING for v in values]
    # exactly as printed, grouped in thousands: trailing zeros and every decimal place kept
    all_text = texts(root)
    assert "1,905.30" in all_text and "2,505.71102" in all_text


def test_bar_lengths_follow_the_values() -> None:
    root = chart()
    bars = root.findall(".//svg:g[@class='pg-chart__bars']/svg:rect", NS)
    widths = [float(b.get("width", "0")) for b in bars]
    values = [float(v) for _, vs in SERIES for v in vs if v is not None]
    ratio = [w / v for w, v in zip(widths, values)]
    assert max(ratio) - min(ratio) < 0.01 * max(ratio)


def test_missing_value_is_a_gap_with_a_marker_not_a_zero_bar() -> None:
    root = chart()
    actual = root.findall("svg:g[@data-series='决算数']", NS)[0]
    markers = actual.findall(".//svg:text[@class='pg-chart__missing']", NS)
    assert [t.text for t in markers] == [MISSING]
    # the last year has one bar only (the budget), none of width 0
    ys = {b.get("y") for b in root.findall(".//svg:rect", NS)}
    last_marker_y = float(markers[0].get("y", "0"))
    assert all(abs(float(y or 0) - last_marker_y) > 8 for y in ys)


def test_zero_is_a_bar_and_negative_values_draw_left_of_zero() -> None:
    svg = bar_chart("t", "d", ["甲", "乙"], [("s", [Decimal("0"), Decimal("-12.5")])], "万元")
    root = ET.fromstring(str(svg))
    bars = root.findall(".//svg:g[@class='pg-chart__bars']/svg:rect", NS)
    assert len(bars) == 2
    assert float(bars[0].get("width", "1")) == 0
    axis = root.find("svg:line[@class='pg-chart__axis']", NS)
    assert axis is not None
    assert float(bars[1].get("x", "0")) + float(bars[1].get("width", "0")) == pytest.approx(float(axis.get("x1", "0")), abs=0.11)
    assert "-12.5" in texts(root)
    assert float(bars[1].get("x", "-1")) >= 0


def test_series_differ_by_more_than_colour() -> None:
    root = chart()
    fills = [g.get("fill") for g in root.findall(".//svg:g[@class='pg-chart__bars']", NS)]
    assert fills[0] != fills[1]
    assert fills[1] and fills[1].startswith("url(#")
    pattern_id = fills[1][5:-1]
    assert root.find(f".//svg:pattern[@id='{pattern_id}']", NS) is not None
    legend = root.find("svg:g[@class='pg-chart__legend']", NS)
    assert legend is not None
    assert texts(legend) == ["年初预算数", "决算数", "单位：万元"]
    assert [r.get("fill") for r in legend.findall("svg:rect", NS)] == fills


def test_self_contained_no_script_no_external_resource() -> None:
    text = str(bar_chart("t", "d", YEARS, SERIES, "万元"))
    root = ET.fromstring(text)
    assert not [el for el in root.iter() if el.tag.endswith("script") or el.tag.endswith("foreignObject")]
    assert not [(el.tag, k) for el in root.iter() for k in el.attrib if k.lower().startswith("on")]
    assert "<style" not in text and "@import" not in text and "@font-face" not in text
    assert not re.search(r"url\(\s*['\"]?(?!#)", text)
    for el in root.iter():
        for k, v in el.attrib.items():
            if k.endswith("href"):
                assert v.startswith("#"), (el.tag, k, v)
    # the only URL is the SVG namespace
    assert re.findall(r"https?://[^\"'\s)]+", text) == ["http://www.w3.org/2000/svg"]


def test_hostile_strings_are_escaped() -> None:
    evil = '<script>alert("x")</script>&"\''
    svg = bar_chart(evil, evil, [evil, "二"], [(evil, [Decimal(1), None])], evil)
    text = str(svg)
    assert "<script" not in text
    root = ET.fromstring(text)  # still well-formed
    assert root.find("svg:title", NS).text == evil  # type: ignore[union-attr]
    assert evil in texts(root) or any(t.startswith("<script>") for t in texts(root))
    series = root.find("svg:g[@data-series]", NS)
    assert series is not None and series.get("data-series") == evil
    table = str(data_table(evil, [evil], [(evil, [Decimal(1)])], evil, category_header=evil))
    assert "<script" not in table
    figure = str(chart_figure(evil, evil, [evil], [(evil, [Decimal(1)])], evil))
    assert "<script" not in figure


def test_small_enough_for_ten_years_of_two_series() -> None:
    text = str(bar_chart("历年收入：年初预算数与决算数", "2016至2025年收入的年初预算数与决算数。", YEARS, SERIES, "万元"))
    assert len(text.encode("utf-8")) < 8 * 1024


def test_one_year_and_many_series_still_fit() -> None:
    svg = bar_chart("t", "d", ["2021年"], [(f"系列{i}", [Decimal(i * 100)]) for i in range(5)], "万元")
    root = ET.fromstring(str(svg))
    width, height = (float(x) for x in root.get("viewBox", "").split()[2:])
    for el in root.iter(f"{SVG}rect"):
        if el.get("x") is None:
            continue  # pattern tiles
        assert 0 <= float(el.get("x", "0")) and float(el.get("x", "0")) + float(el.get("width", "0")) <= width + 0.1
        assert float(el.get("y", "0")) + float(el.get("height", "0")) <= height + 0.1
    for el in root.iter(f"{SVG}text"):
        assert 0 < float(el.get("y", "0")) <= height


def test_stable_ids_and_no_blank_lines() -> None:
    a = str(bar_chart("t", "d", YEARS, SERIES, "万元"))
    b = str(bar_chart("t", "d", YEARS, SERIES, "万元"))
    assert a == b
    assert "\n\n" not in a and not re.search(r"^\s", a, re.M)
    named = str(bar_chart("t", "d", YEARS, SERIES, "万元", chart_id="pg-chart-income"))
    assert 'id="pg-chart-income-title"' in named


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        bar_chart("t", "d", ["a", "b"], [("s", [Decimal(1)])], "")
    with pytest.raises(ValueError):
        bar_chart("t", "d", ["a"], [], "")
    with pytest.raises(ValueError):
        bar_chart("t", "d", ["a"], [("s", [Decimal("NaN")])], "")
    with pytest.raises(ValueError):
        bar_chart("t", "d", ["a"], [("s", [Decimal(1)])], "", chart_id='x" onload="alert(1)')


def test_data_table_holds_the_same_numbers() -> None:
    html = str(data_table("历年收入", YEARS, SERIES, "万元"))
    root = ET.fromstring(html)
    table = root.find("table")
    assert table is not None
    header = ["".join(th.itertext()) for th in table.iter("th") if th.get("scope") == "col"]
    assert header == ["年度", "年初预算数", "决算数"]
    rows = table.findall("tbody/tr")
    assert [r.find("th").text for r in rows] == YEARS  # type: ignore[union-attr]
    assert [td.text for td in rows[-1].findall("td")] == ["2,890.06", MISSING]
    assert [td.text for td in rows[0].findall("td")] == ["1,905.30", "1,888.21"]


def test_figure_has_caption_chart_and_table() -> None:
    html = str(chart_figure("历年收入", "说明", YEARS, SERIES, "万元"))
    root = ET.fromstring(html)
    assert root.tag == "figure"
    assert root[0].tag == "figcaption" and "历年收入" in "".join(root[0].itertext())
    assert root.find(f"{SVG}svg") is not None
    assert root.find("details/div/table") is not None
    assert "\n\n" not in html


def test_series_from_points_makes_gaps() -> None:
    points = [(2022, "决算数", Decimal("5")), (2021, "年初预算数", Decimal("1")), (2022, "年初预算数", None)]
    cats, series = series_from_points(points, order=["年初预算数", "决算数"])
    assert cats == ["2021年", "2022年"]
    assert series == [("年初预算数", [Decimal("1"), None]), ("决算数", [None, Decimal("5")])]


def _doc(year: int, kind: str, table: dict[str, object]) -> m.Document:
    data = {
        "title": f"{year}年{kind}",
        "department": "hebei/x/dept",
        "year": year,
        "kind": kind,
        "body": [{"type": "table", **table}],
    }
    doc = m.Document.model_validate(data)
    problems: list[Problem] = []
    type_cells(doc, Source(path=Path("doc.yml"), name="doc.yml"), problems)
    assert problems == []
    return doc


def test_department_points_take_each_phase_from_its_document() -> None:
    budget = _doc(
        2021,
        "budget",
        {"role": "income", "columns": [{"id": "budget", "label": "预算数"}], "rows": [{"id": "total", "label": "收入", "values": ["329.48"]}]},
    )
    evaluation = _doc(
        2021,
        "self-evaluation",
        {
            "role": "budget-summary",
            "columns": [{"id": "initial-budget", "label": "年初预算数"}, {"id": "actual", "label": "决算数"}],
            "rows": [
                {"id": "income", "label": "收入", "values": ["329.5", "301.70"]},
                {"id": "expenditure", "label": "支出", "values": ["329.5", "298"]},
            ],
        },
    )
    later = _doc(
        2023,
        "budget",
        {
            "role": "expenditure",
            "unit": "元",
            "columns": [{"id": "budget", "label": "预算数"}],
            "rows": [{"id": "total", "label": "支出", "values": ["3500000"]}],
        },
    )
    points = department_points([evaluation, budget, later])
    income = points[("income", "total")]
    # the budget document's own figure wins over the evaluation's restatement; 2022 is a gap
    assert income == [
        (2021, "年初预算数", Decimal("329.48")),
        (2021, "决算数", Decimal("301.70")),
        (2022, "年初预算数", None),
        (2022, "决算数", None),
        (2023, "年初预算数", None),
        (2023, "决算数", None),
    ]
    spending = dict(((y, n), v) for y, n, v in points[("expenditure", "total")])
    assert spending[(2021, "年初预算数")] == Decimal("329.5")
    # 3500000 元 is shown as 350.00 万元 (not 350.0000: the shift's zeros are no printed precision); no digit is lost.
    assert format(spending[(2023, "年初预算数")], "f") == "350.00"
    exact = _doc(2024, "budget", {"role": "expenditure", "unit": "元", "columns": [{"id": "budget", "label": "预算数"}],
                                  "rows": [{"id": "total", "label": "支出", "values": ["1234567.89"]}]})
    shown = dict(((y, n), v) for y, n, v in department_points([exact])[("expenditure", "total")])
    assert format(shown[(2024, "年初预算数")], "f") == "123.456789"


def test_department_charts_on_bundled_content() -> None:
    from pubgen.charts import department_charts
    from pubgen.derive import derive
    from pubgen.load import load

    content = load(ROOT / "content")
    site = derive(content)
    for dept in site.departments:
        html = str(department_charts(dept))
        for svg in re.findall(r"<svg.*?</svg>", html, re.S):
            ET.fromstring(svg)
        if any(p.doc.kind == "budget" for p in dept.documents):
            assert "pg-chart-income-title" in html


amounts = st.one_of(
    st.none(),
    st.decimals(min_value=-10**9, max_value=10**9, allow_nan=False, allow_infinity=False, places=None).map(
        lambda d: d.quantize(Decimal(1)) if abs(d.as_tuple().exponent) > 8 else d  # type: ignore[arg-type]
    ),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(max_size=12), min_size=1, max_size=12),
    st.lists(st.tuples(st.text(max_size=10), st.lists(amounts, min_size=12, max_size=12)), min_size=1, max_size=4),
    st.text(max_size=8),
)
def test_any_input_makes_well_formed_labelled_svg(
    categories: list[str], raw: list[tuple[str, list[Decimal | None]]], unit: str
) -> None:
    series = [(name, values[: len(categories)]) for name, values in raw]
    svg = str(bar_chart("标题", "说明", categories, series, unit))
    root = ET.fromstring(svg)
    assert "<script" not in svg
    groups = [g for g in root.findall("svg:g", NS) if "pg-chart__series" in g.get("class", "")]
    for g, (_, values) in zip(groups, series, strict=True):
        labels = texts(g.find("svg:g[@class='pg-chart__values']", NS))  # type: ignore[arg-type]
        assert labels == [grouped(format(v, "f")) if v is not None else MISSING for v in values]
        assert len(g.findall(".//svg:rect", NS)) == sum(v is not None for v in values)
