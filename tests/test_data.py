"""Open data downloads on real files: CSV that Excel opens, JSON without floats, a valid Data Package."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import frictionless
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pubgen import model as m
from pubgen.build import build as build_site
from pubgen.data import FIGURE_FIELDS, FIGURES_PARTS, document_csv, document_figures, document_json, write_csv, write_data
from pubgen.derive import SiteMap, derive
from pubgen.figures import figures
from pubgen.load import load
from pubgen.pipeline import Project
from pubgen.render import render
from pubgen.roles import bracket_unit
from pubgen.validate import validate

from .conftest import ROOT, copy_project

BUDGET = "hebei/xingtai/pingxiang/xinfangju/2021/budget/"
SJZ = "hebei/shijiazhuang/xinfangju/2021/self-evaluation/"
HUADU = "guangdong/guangzhou/huadu/xinfangju/2021/self-evaluation/"
EVERY_BLOCK = Path(__file__).parent / "fixtures" / "every-block"
BOM = b"\xef\xbb\xbf"


def doc_csv(url: str) -> str:
    """A document's CSV, named after the document: ``…/2021/budget/hebei-…-2021-budget.csv``."""
    return document_csv(url)


def doc_json(url: str) -> str:
    return document_json(url)


def part_paths(site_dir: Path) -> list[str]:
    """The parts of the site's figures, as the published list names them."""
    return (site_dir / FIGURES_PARTS).read_text(encoding="utf-8").splitlines()


def site_rows(site_dir: Path) -> list[dict[str, str]]:
    """Every figure of the site: the rows of every part, in order."""
    return [row for path in part_paths(site_dir) for row in read_csv(site_dir / path)]


@dataclass
class Built:
    site: SiteMap
    docs: Path
    out: Path


def build_with_data(project: Project, where: Path) -> Built:
    """Render and build as `pubgen build` does, keeping the Markdown tree to look at."""
    content = load(project.content)
    report = validate(content)
    assert report.ok, report.to_text()
    site = derive(content)
    docs = where / "docs"
    render(site, project.templates, docs, report.problems)
    build_site(project.mkdocs_yml, docs, where / "site", site.site.title, strict=True)
    return Built(site, docs, where / "site")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_with_data(Project(ROOT), tmp_path_factory.mktemp("data"))


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def no_floats(text: str) -> Any:
    """Parse JSON, failing on any number with a fraction or exponent (it would be read as a float)."""

    def refuse(token: str) -> None:
        raise AssertionError(f"JSON number {token} would be read as a float")

    return json.loads(text, parse_float=refuse)


def find(rows: list[dict[str, str]], **where: str) -> dict[str, str]:
    hits = [r for r in rows if all(r[k] == v for k, v in where.items())]
    assert len(hits) == 1, (where, hits)
    return hits[0]


# --------------------------------------------------------------------------- CSV for Excel


def test_document_csv_sits_next_to_the_page(built: Built) -> None:
    for address in (BUDGET, SJZ, HUADU):
        assert (built.out / address / "index.html").is_file()
        assert (built.out / doc_csv(address)).is_file()
        assert (built.out / doc_json(address)).is_file()
    for name in ("data/figures-2021.csv", FIGURES_PARTS, "data/documents.csv", "data/index.html", "datapackage.json"):
        assert (built.out / name).is_file(), name


def test_budget_csv_opens_in_excel_with_chinese_intact(built: Built) -> None:
    raw = (built.out / doc_csv(BUDGET)).read_bytes()
    assert raw.startswith(BOM)
    text = raw.decode("utf-8-sig")
    assert not text.startswith("\ufeff")
    # Every line ends with CRLF: no bare LF, no bare CR.
    assert raw.count(b"\n") == raw.count(b"\r\n") == raw.count(b"\r") > 0
    assert text.endswith("\r\n")
    rows = read_csv(built.out / doc_csv(BUDGET))
    assert list(rows[0]) == [f.name for f in FIGURE_FIELDS]
    row = find(rows, table="three-public", row="total", column="budget")
    assert row["row_label"] == "“三公”经费"
    assert row["value"] == "1.4"
    assert row["state"] == "number"
    assert row["unit"] == "万元"
    assert row["table_title"] == "财政拨款“三公”经费预算"
    assert row["region_path"] == "hebei/xingtai/pingxiang"
    assert row["region_name"] == "河北省邢台市平乡县"
    assert row["department_id"] == "hebei/xingtai/pingxiang/xinfangju"
    assert row["department"] == "平乡县信访局"
    assert (row["year"], row["kind"], row["status"]) == ("2021", "budget", "预算")
    assert row["phase"] == "initial-budget"
    assert row["address"] == "/" + BUDGET
    # The Chinese bytes are UTF-8 as written, not re-encoded or escaped.
    assert "“三公”经费".encode("utf-8") in raw


def test_csv_quotes_per_rfc_4180(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    doc = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    text = doc.read_text(encoding="utf-8")
    text = text.replace("{id: total, label: “三公”经费, values: [1.4]}", '{id: total, label: "“三公”经费, 合计 \\"含运维\\"", values: [1.4]}', 1)
    doc.write_text(text, encoding="utf-8")
    content = load(project.content)
    site = derive(content)
    write_data(site, tmp_path / "docs")
    raw = (tmp_path / "docs" / doc_csv(BUDGET)).read_bytes().decode("utf-8-sig")
    assert '"“三公”经费, 合计 ""含运维"""' in raw
    row = find(read_csv(tmp_path / "docs" / doc_csv(BUDGET)), table="three-public", row="total")
    assert row["row_label"] == "“三公”经费, 合计 \"含运维\""


# --------------------------------------------------------------------------- exact figures


def test_long_decimals_survive_in_csv_and_json(built: Built) -> None:
    expected = {("income", "actual"): "2505.71102", ("expenditure", "actual"): "2159.022416"}
    for rows in (read_csv(built.out / doc_csv(SJZ)), site_rows(built.out)):
        for (row, column), value in expected.items():
            hit = find(rows, address="/" + SJZ, table="budget-summary", row=row, column=column)
            assert hit["value"] == value
            assert hit["state"] == "number"
    text = (built.out / doc_json(SJZ)).read_text(encoding="utf-8")
    assert '"value": "2505.71102"' in text and '"value": "2159.022416"' in text
    data = no_floats(text)
    got = {(f["row"], f["column"]): f["value"] for f in data["figures"] if f["table"] == "budget-summary"}
    assert got[("income", "actual")] == "2505.71102"
    assert got[("expenditure", "actual")] == "2159.022416"


def test_no_json_file_holds_a_float(built: Built) -> None:
    for path in [*(built.out / doc_json(p.url) for p in built.site.documents), built.out / "datapackage.json", built.out / "data/figures.schema.json"]:
        no_floats(path.read_text(encoding="utf-8"))


def test_empty_and_not_applicable_cells_are_told_apart(built: Built) -> None:
    rows = read_csv(built.out / doc_csv(BUDGET))
    na = find(rows, table="assets", row="total", column="count")
    assert (na["value"], na["state"]) == ("——", "na")
    empty = find(rows, table="assets", row="buildings", column="count")
    assert (empty["value"], empty["state"]) == ("", "empty")
    number = find(rows, table="assets", row="vehicles", column="count")
    assert (number["value"], number["state"]) == ("7", "number")
    figs = {(f["table"], f["row"], f["column"]): f for f in json.loads((built.out / doc_json(BUDGET)).read_text(encoding="utf-8"))["figures"]}
    assert (figs["assets", "total", "count"]["value"], figs["assets", "total", "count"]["state"]) == ("——", "na")
    assert (figs["assets", "buildings", "count"]["value"], figs["assets", "buildings", "count"]["state"]) == (None, "empty")
    assert {r["state"] for r in site_rows(built.out)} == {"number", "empty", "na"}


def test_site_csv_has_one_row_per_figure(built: Built) -> None:
    expected: Counter[tuple[str, ...]] = Counter()
    for page in built.site.documents:
        for f in document_figures(page, built.site):
            # A count's unit is the one its row's label brackets (车辆（台、辆）).
            expected["/" + page.url, f.table, f.row, f.column, f.text or "", f.state, f.unit or bracket_unit(f.row_label) or ""] += 1
    rows = site_rows(built.out)
    assert len(rows) == sum(expected.values()) > 0
    got = Counter((r["address"], r["table"], r["row"], r["column"], r["value"], r["state"], r["unit"]) for r in rows)
    assert got == expected
    per_document = sum(len(read_csv(built.out / doc_csv(p.url))) for p in built.site.documents)
    assert per_document == len(rows)


def test_documents_csv_has_one_row_per_document(built: Built) -> None:
    rows = read_csv(built.out / "data/documents.csv")
    assert [r["address"] for r in rows] == ["/" + p.url for p in built.site.documents]
    budget = find(rows, address="/" + BUDGET)
    assert budget["title"] == "平乡县信访局2021年部门预算信息公开情况说明"
    assert (budget["status"], budget["currency"], budget["unit"], budget["published"]) == ("预算", "CNY", "万元", "")
    assert budget["figures_csv"] == "/" + BUDGET + "hebei-xingtai-pingxiang-xinfangju-2021-budget.csv"
    assert int(budget["figures"]) == len(read_csv(built.out / doc_csv(BUDGET)))
    huadu = find(rows, address="/" + HUADU)
    assert (huadu["score"], huadu["grade"], huadu["grade_from_score"]) == ("95.9", "优", "true")
    sjz = find(rows, address="/" + SJZ)
    assert (sjz["score"], sjz["grade"], sjz["grade_from_score"]) == ("100", "优秀", "false")


# --------------------------------------------------------------------------- JSON


def test_json_carries_the_document_metadata(built: Built) -> None:
    data = no_floats((built.out / doc_json(BUDGET)).read_text(encoding="utf-8"))
    meta = data["document"]
    assert meta["title"] == "平乡县信访局2021年部门预算信息公开情况说明"
    assert meta["department"] == {"id": "hebei/xingtai/pingxiang/xinfangju", "name": "平乡县信访局"}
    assert meta["region"]["names"] == ["河北省", "邢台市", "平乡县"]
    assert (meta["year"], meta["kind"], meta["status"]) == (2021, "budget", "预算")
    assert (meta["unit"], meta["currency"], meta["published"]) == ("万元", "CNY", None)
    assert meta["address"] == "/" + BUDGET
    assert (meta["score"], meta["grade"]) == (None, None)
    huadu = no_floats((built.out / doc_json(HUADU)).read_text(encoding="utf-8"))
    assert (huadu["document"]["score"], huadu["document"]["grade"], huadu["document"]["grade_from_score"]) == ("95.9", "优", True)
    # Scores as printed, including the breakdown.
    (scores,) = huadu["scores"]
    assert scores["items"] and all(isinstance(i["weight"], (str, type(None))) for i in scores["items"])
    # Acknowledged discrepancies keep their figures too.
    acks = {a["field"]: a for a in data["acknowledgements"]}
    assert acks["three-public.total.budget"]["stated"] == "1.4"


def test_json_carries_every_text_cell_and_row_note_the_page_prints(built: Built) -> None:
    """单位性质, 单位规格 and a row's note (原文：较2020年持平) were on the page and in no download."""
    from pubgen.load import load as load_content

    data = no_floats((built.out / doc_json(BUDGET)).read_text(encoding="utf-8"))
    source = next(d.record for d in load_content(ROOT / "content").documents if d.record.year == 2021 and d.record.kind == "budget"
                  and d.record.department == "hebei/xingtai/pingxiang/xinfangju")
    from pubgen.roles import column_specs

    printed_texts = {
        c.text
        for b in source.body
        if isinstance(b, m.Table) and not b.sides
        for cells in b.cells
        for spec, c in zip(column_specs(b), cells)
        if spec.type == "text" and c.text
    }
    printed_notes = {r.note for b in source.body if isinstance(b, m.Table) for r in b.rows if r.note}
    assert printed_texts and printed_notes
    assert {c["text"] for t in data["tables"] for c in t["text_cells"]} >= printed_texts
    assert {n["note"] for t in data["tables"] for n in t["row_notes"]} == printed_notes
    # A two-sided table is described side by side, under the names its figures carry.
    final = no_floats((built.out / doc_json("shanghai/putuo/caizhengju/2024/final-accounts/")).read_text(encoding="utf-8"))
    described = {t["table"]: t for t in final["tables"]}
    assert {f["table"] for f in final["figures"]} <= set(described)
    assert described["final-summary.income"]["unit"] == "万元"


def _indicator_text(value: Any) -> Any:
    return None if value is None else (format(value, "f") if not isinstance(value, str) else value)


def test_json_gives_an_indicators_not_applicable_points_as_printed(tmp_path: Path) -> None:
    """分值 and 得分 printed “/” are “/” in the JSON, as a table's —— cell is “——”, not an empty figure."""
    root = tmp_path / "every-block"
    shutil.copytree(EVERY_BLOCK / "content", root / "content")
    path = root / "content/documents/hebei/xingtai/pingxiang/jiaoyuju/2022-final-accounts.yml"
    text = path.read_text(encoding="utf-8")
    row = "      - {level1: 满意度指标, level2: 服务对象满意度指标, name: 家长满意度, target: ≥85%, actual: 92%, completion: 完成, weight: 30, score: 30}\n"
    assert row in text
    path.write_text(text.replace(row, row + '      - {name: 指标2：, target: "/", actual: "/", weight: "/", score: "——"}\n'), encoding="utf-8")
    site = derive(load(root / "content"))
    write_data(site, tmp_path / "docs")
    (page,) = site.documents
    data = json.loads((tmp_path / "docs" / doc_json(page.url)).read_text(encoding="utf-8"))
    last = data["indicators"][0]["rows"][-1]
    assert (last["name"], last["weight"], last["score"]) == ("指标2：", "/", "——")
    assert data["indicators"][0]["rows"][0]["weight"] == "40"
    # In the CSV too: not-applicable figures, as a table's —— cells are.
    rows = list(csv.DictReader(io.StringIO((tmp_path / "docs" / doc_csv(page.url)).read_text(encoding="utf-8-sig"))))
    marked = [(r["column"], r["value"], r["state"]) for r in rows if r["row"] == "指标2："]
    assert marked == [("weight", "/", "na"), ("score", "——", "na")]


def test_json_keeps_every_indicator_and_score_field(tmp_path: Path) -> None:
    root = tmp_path / "every-block"
    shutil.copytree(EVERY_BLOCK / "content", root / "content")
    content = load(root / "content")
    assert validate(content).ok
    site = derive(content)
    written = write_data(site, tmp_path / "docs").paths
    (page,) = site.documents
    assert sorted(p.relative_to(tmp_path / "docs").as_posix() for p in written) == sorted(
        [doc_csv(page.url), doc_json(page.url), f"data/figures-{page.doc.year}.csv", FIGURES_PARTS, "data/documents.csv", "data/figures.schema.json", "datapackage.json"]
    )
    data = no_floats((tmp_path / "docs" / doc_json(page.url)).read_text(encoding="utf-8"))
    blocks = [b for b in page.doc.body if isinstance(b, m.Indicators)]
    assert len(data["indicators"]) == len(blocks) > 0
    for out, block in zip(data["indicators"], blocks):
        assert out["title"] == block.title
        assert out["funds"] == _indicator_text(block.funds) and out["total"] == _indicator_text(block.total)
        assert len(out["rows"]) == len(block.rows)
        for row_out, row in zip(out["rows"], block.rows):
            assert set(row_out) == set(m.Indicator.model_fields)
            for name in m.Indicator.model_fields:
                assert row_out[name] == _indicator_text(getattr(row, name)), name
    quality = data["indicators"][0]["rows"][1]
    assert (quality["score"], quality["target_value"], quality["operator"], quality["reason_category"]) == ("22.5", "95", "≥", "制度保障")
    (scores,) = data["scores"]
    assert scores["items"][0] == {"name": "产出指标", "parent": None, "weight": "70", "score": "62.5", "bonus": False, "deduction": False, "note": None}
    assert (scores["total"], scores["grade"]) == ("92.5", "优")
    # The points and scores the page prints beside the indicators and in the score breakdown are figures too.
    rows = read_csv(tmp_path / "docs" / doc_csv(page.url))
    assert len(rows) == len(data["figures"])
    points = [(r["table"], r["table_title"], r["row_label"], r["column_label"], r["value"], r["unit"]) for r in rows if r["unit"] == "分"]
    assert points == [
        ("indicators-15", "部门整体支出绩效自评表", "改造学校数", "分值", "40", "分"),
        ("indicators-15", "部门整体支出绩效自评表", "改造学校数", "得分", "40", "分"),
        ("indicators-15", "部门整体支出绩效自评表", "验收合格率", "分值", "30", "分"),
        ("indicators-15", "部门整体支出绩效自评表", "验收合格率", "得分", "22.5", "分"),
        ("indicators-15", "部门整体支出绩效自评表", "家长满意度", "分值", "30", "分"),
        ("indicators-15", "部门整体支出绩效自评表", "家长满意度", "得分", "30", "分"),
        ("indicators-15", "部门整体支出绩效自评表", "总得分", "得分", "92.5", "分"),
        ("scores", "评分情况", "产出指标", "分值", "70", "分"),
        ("scores", "评分情况", "产出指标", "得分", "62.5", "分"),
        ("scores", "评分情况", "满意度指标", "分值", "30", "分"),
        ("scores", "评分情况", "满意度指标", "得分", "30", "分"),
        ("scores", "评分情况", "总得分", "得分", "92.5", "分"),
    ]
    funds = find(rows, table="indicators-15", column="funds")
    assert (funds["row_label"], funds["value"], funds["unit"], funds["state"]) == ("资金总额", "300", "万元", "number")  # a 部门整体 table: its funds are the whole spending
    assert {f["field"] for f in data["figures"]} >= {"scores.产出指标.score", "indicators-15.验收合格率.score"}
    # Text columns of a table are not figures; its numbers are.
    key_tasks = [f for f in data["figures"] if f["table"] == "key-tasks"]
    assert {f["column"] for f in key_tasks} == {"budget", "actual", "execution-rate"}
    assert {f["unit"] for f in key_tasks if f["column"] == "execution-rate"} == {"%"}


# --------------------------------------------------------------------------- Data Package


def test_datapackage_is_valid_per_frictionless(built: Built) -> None:
    report = frictionless.validate(str(built.out / "datapackage.json"))
    assert report.valid, report.flatten(["title", "message"])
    rows = {task.name: task.stats.get("rows") for task in report.tasks}
    parts = [path.removeprefix("data/").removesuffix(".csv") for path in part_paths(built.out)]
    assert sum(rows[name] for name in parts) == len(site_rows(built.out)) > 0
    assert rows["documents"] == len(built.site.documents)


def test_datapackage_describes_every_file_with_fiscal_metadata(built: Built) -> None:
    package = no_floats((built.out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["currency"] == "CNY" and package["fiscalYears"] == sorted({p.doc.year for p in built.site.documents})
    assert 2021 in package["fiscalYears"]
    by_path = {r["path"]: r for r in package["resources"]}
    assert {*part_paths(built.out), "data/documents.csv"} <= set(by_path)
    for path in part_paths(built.out):
        year = int(path.removeprefix("data/figures-")[:4])
        assert by_path[path]["fiscalYear"] == year and year in package["fiscalYears"]
    for page in built.site.documents:
        for path, fmt, mediatype in ((doc_csv(page.url), "csv", "text/csv"), (doc_json(page.url), "json", "application/json")):
            res = by_path[path]
            assert (res["format"], res["mediatype"], res["encoding"]) == (fmt, mediatype, "utf-8")
            assert (res["fiscalYear"], res["status"], res["currency"]) == (page.doc.year, m.KIND_STATUS[page.doc.kind], "CNY")
            assert res["unit"] == (page.doc.unit or "万元") and res["document"] == "/" + page.url
            assert (built.out / res["path"]).is_file()
    schema = by_path["data/figures-2021.csv"]["schema"]
    assert [f["name"] for f in schema["fields"]] == [f.name for f in FIGURE_FIELDS]
    value = next(f for f in schema["fields"] if f["name"] == "value")
    assert "float" in value["description"]
    assert "float" in by_path[doc_json(BUDGET)]["description"]
    assert json.loads((built.out / "data/figures.schema.json").read_text(encoding="utf-8"))["fields"] == [
        f for f in schema["fields"]
    ]


def test_datapackage_validation_catches_a_bad_figure(built: Built, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(built.out, copy)
    path = copy / doc_csv(BUDGET)
    path.write_bytes(path.read_bytes().replace(b",329.48,", b",329.48x,", 1))
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert any("329.48x" in e.message for task in report.tasks for e in task.errors)


# --------------------------------------------------------------------------- the data page


def test_data_page_links_every_file(built: Built) -> None:
    html = (built.out / "data/index.html").read_text(encoding="utf-8")
    assert "数据下载" in html and "从文本/CSV" in html and "65001" in html
    hrefs = set(re.findall(r'href="([^"#]+\.(?:csv|json|txt))"', html))
    targets = {posixpath.normpath(posixpath.join("data", unquote(h))) for h in hrefs}
    assert {*part_paths(built.out), FIGURES_PARTS, "data/documents.csv", "datapackage.json"} <= targets
    for page in built.site.documents:
        assert doc_csv(page.url) in targets and doc_json(page.url) in targets
        assert page.doc.title in html
    for target in targets:
        assert (built.out / target).is_file(), target
    for field in FIGURE_FIELDS:
        assert f"<code>{field.name}</code>" in html


def test_editor_strings_are_escaped_on_the_page_and_kept_raw_in_the_data(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    doc = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    title = '平乡<img src=x onerror=alert(1)>说明 & "引号"'
    doc.write_text(
        doc.read_text(encoding="utf-8").replace(
            "title: 平乡县信访局2021年部门预算信息公开情况说明", "title: " + json.dumps(title, ensure_ascii=False), 1
        ),
        encoding="utf-8",
    )
    result = build_with_data(project, tmp_path / "out")
    html = (result.out / "data/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    rows = read_csv(result.out / "data/documents.csv")
    assert find(rows, address="/" + BUDGET)["title"] == title
    meta = json.loads((result.out / doc_json(BUDGET)).read_text(encoding="utf-8"))["document"]
    assert meta["title"] == title


def test_text_a_spreadsheet_would_run_as_a_formula_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    rows = [{f.name: None for f in FIGURE_FIELDS} | {"row_label": '=HYPERLINK("http://x","点我")', "value": "-5"}]
    write_csv(path, FIGURE_FIELDS, rows)
    written = read_csv(path)[0]
    assert written["row_label"] == '\'=HYPERLINK("http://x","点我")'
    assert written["value"] == "-5"  # figures are never altered


@pytest.mark.parametrize("text", ["=1+2", " =1+2 收入", "\u3000=4+4", "\n=5+5", "－SUM(1)", "＝HYPERLINK(1) 信访局", "@A1", "\t=1"])
def test_every_start_of_a_formula_is_kept_as_text(text: str) -> None:
    from pubgen.data import spreadsheet_text

    assert spreadsheet_text(text) == "'" + text
    assert spreadsheet_text("平乡县信访局") == "平乡县信访局" and spreadsheet_text("1、收入") == "1、收入"


def test_the_comparison_csv_keeps_a_formula_in_a_name_as_text(tmp_path: Path) -> None:
    """The departments' comparison CSV ("可用 Excel 打开") writes a department named like a formula as text, as every CSV does."""
    project = copy_project(tmp_path / "p")
    path = project.content / "departments/shanghai/putuo/shangwuwei.yml"
    formula = '=HYPERLINK("http://evil.example/","点击查看")'
    text = path.read_text(encoding="utf-8")
    name = re.search(r"^name: (.+)$", text, re.M)
    assert name is not None
    path.write_text(text.replace(name.group(0), "name: " + json.dumps(formula, ensure_ascii=False)), encoding="utf-8")
    result = build_with_data(project, tmp_path / "out")
    [compare] = sorted((result.out / "compare/shanghai/putuo/2025").glob("*.csv"))
    rows = read_csv(compare)
    assert "'" + formula in [r["部门"] for r in rows]
    assert not any(cell.startswith(("=", "+", "@")) for r in rows for cell in r.values())


# --------------------------------------------------------------------------- the site's figures in parts, files named after documents


def test_each_document_page_links_its_own_named_files(built: Built) -> None:
    """Saved from many pages, the files keep apart: each is named after its document, none is called figures.csv."""
    for page in built.site.documents:
        html = (built.out / page.url / "index.html").read_text(encoding="utf-8")
        links = {posixpath.normpath(posixpath.join(page.url, unquote(h))) for h in re.findall(r'href="([^"#]+\.(?:csv|json))"', html)}
        # Its data files, and each of its tables as printed (…-table-12.csv), all named after the document.
        tables = {link for link in links if re.fullmatch(r".*-table-\d+\.csv", link)}
        assert links - tables == {doc_csv(page.url), doc_json(page.url)}
        assert len(tables) == sum(isinstance(b, m.Table) for b in page.doc.body)
        for link in links:
            assert (built.out / link).is_file()
            assert posixpath.basename(link).startswith(page.url.strip("/").replace("/", "-") + (".", "-table-")[link in tables])
    assert not list(built.out.rglob("figures.csv")) and not list(built.out.rglob("figures.json"))
    names = [posixpath.basename(doc_csv(p.url)) for p in built.site.documents]
    assert len(set(names)) == len(names)


def test_the_site_figures_are_one_part_per_year_when_small(built: Built) -> None:
    years = sorted({p.doc.year for p in built.site.documents})
    assert part_paths(built.out) == [f"data/figures-{y}.csv" for y in years]
    for year in years:
        rows = read_csv(built.out / f"data/figures-{year}.csv")
        assert {r["year"] for r in rows} == {str(year)}
        expected = [row for p in built.site.documents if p.doc.year == year for row in read_csv(built.out / doc_csv(p.url))]
        assert rows == expected


def test_a_large_year_is_split_by_region_level_by_level(built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a small part size, each year's figures split by province, then city, …; every figure is in exactly one part."""
    import pubgen.data as data

    sizes = {p.url: (built.out / doc_csv(p.url)).stat().st_size for p in built.site.documents}
    limit = min(sizes.values()) + 1  # hardly two documents fit one part: every region with documents of its own gets a part
    monkeypatch.setattr(data, "PART_BYTES", limit)
    content = load(ROOT / "content")
    site = derive(content)
    written = write_data(site, tmp_path / "docs")
    docs = tmp_path / "docs"
    paths = part_paths(docs)
    assert [p.path for p in written.parts] == paths and len(paths) > len({p.doc.year for p in site.documents})
    assert len(set(paths)) == len(paths)
    every = [row for path in paths for row in read_csv(docs / path)]
    per_document = [row for p in site.documents for row in read_csv(docs / doc_csv(p.url))]
    assert sorted(map(tuple, map(dict.items, every))) == sorted(map(tuple, map(dict.items, per_document)))
    for part in written.parts:
        rows = read_csv(docs / part.path)
        assert {r["year"] for r in rows} <= {str(part.year)}
        assert {r["address"] for r in rows} == {"/" + p.url for p in part.documents if read_csv(docs / doc_csv(p.url))}
        for r in rows:
            if part.subregions:
                assert r["region_path"] == part.region or r["region_path"].startswith(part.region + "/") or not part.region
            else:
                assert r["region_path"] == part.region
        one_department = len({p.department_id for p in part.documents}) == 1
        assert (docs / part.path).stat().st_size <= limit + 400 or one_department, part.path  # 400: BOM and header
        if part.department:
            assert {r["department_id"] for r in rows} <= {part.department} and not part.subregions
    in_2021 = [p for p in written.parts if p.year == 2021]
    assert "hebei/shijiazhuang" in {p.region for p in in_2021 if p.subregions}, "hebei split into its cities; shijiazhuang, with one small document, kept whole"
    assert "data/figures-2021-guangdong_guangzhou_huadu_xinfangju.csv" in paths, "a county's own document over the limit: a part for its department"
    putuo_2025 = [p for p in written.parts if p.year == 2025 and p.region == "shanghai/putuo"]
    assert len(putuo_2025) > 1 and all(p.department for p in putuo_2025), "a district's own documents split by department"
    assert len({p.department for p in putuo_2025}) == len(putuo_2025)
    package = json.loads((docs / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"]: r for r in package["resources"]}
    for part in written.parts:
        assert described[part.path]["fiscalYear"] == part.year
        assert described[part.path].get("region", "") == part.region
        assert described[part.path].get("department", "") == part.department


def test_one_command_downloads_every_part(built: Built, serve: Any, tmp_path: Path) -> None:
    """The command the data page prints, run as a reader would, fetches every part of the site's figures with the
    documents' list, the schema and the package descriptor, laid out as on the site: a Data Package a tool can read."""
    from pubgen.data import download_commands

    base = serve(built.out)
    html = (built.out / "data/index.html").read_text(encoding="utf-8")
    (where, placeholder), _ = download_commands(built.site)
    assert placeholder.replace('"', "&quot;") in html.replace("&#34;", "&quot;")
    import dataclasses

    site = dataclasses.replace(built.site, site=built.site.site.model_copy(update={"base_url": base}))
    (_, command), _ = download_commands(site)
    out = tmp_path / "download"
    out.mkdir()
    import subprocess

    subprocess.run(["bash", "-c", command], cwd=out, check=True, capture_output=True, timeout=60)
    got = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert got == sorted([*part_paths(built.out), "datapackage.json", "data/documents.csv", "data/figures.schema.json"])
    for path in got:
        assert (out / path).read_bytes() == (built.out / path).read_bytes()
    # The site-wide files read and check as a package offline (the documents' own files are not fetched: left out).
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"] = [r for r in package["resources"] if (out / r["path"]).is_file()]
    (out / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_a_site_too_large_to_list_keeps_its_data_page_and_glossary_small(built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the limits, the data page lists no document (documents.csv does) and a glossary entry its newest users only."""
    import pubgen.data as data
    import pubgen.render as render_module

    def used_by(html: str, term: str) -> str:
        entry = html.split(f'<div id="{term}" class="pg-entry">', 1)[1].split("</div>", 1)[0]
        return entry.split("用到此名词的文档：", 1)[1]

    every = (built.out / "glossary/index.html").read_text(encoding="utf-8")
    users = re.findall(r'<a href="[^"]*">([^<]+)</a>', used_by(every, "基本支出"))
    assert len(users) > 1, "the bundled site has several documents that use 基本支出"
    monkeypatch.setattr(data, "DOCUMENTS_LISTED", len(built.site.documents) - 1)
    monkeypatch.setattr(render_module, "GLOSSARY_USERS", 1)
    small = build_with_data(Project(ROOT), tmp_path)

    page = (small.out / "data/index.html").read_text(encoding="utf-8")
    assert f"本站共有 {len(small.site.documents)} 份文档" in page and "figures_csv" in page
    hrefs = {posixpath.normpath(posixpath.join("data", unquote(h))) for h in re.findall(r'href="([^"#]+\.(?:csv|json|txt))"', page)}
    assert "data/documents.csv" in hrefs and {*part_paths(small.out), "datapackage.json"} <= hrefs
    assert not any(doc_csv(p.url) in hrefs or doc_json(p.url) in hrefs for p in small.site.documents)
    listed = read_csv(small.out / "data/documents.csv")
    assert {r["figures_csv"].lstrip("/") for r in listed} == {doc_csv(p.url) for p in small.site.documents}

    glossary = (small.out / "glossary/index.html").read_text(encoding="utf-8")
    shown = used_by(glossary, "基本支出")
    assert re.findall(r'<a href="[^"]*">([^<]+)</a>', shown)[:1] == users[:1], "the newest user, as the full list begins"
    assert f"等，共 {len(users)} 份" in shown
    search = re.findall(r'<a href="([^"]*)">搜索全部</a>', shown)
    assert len(search) == 1 and unquote(search[0].replace("&amp;", "&")).endswith("search/?q=基本支出")
    assert len(re.findall(r"<a href=", shown)) == 2, "one document and the search"


def _lazy(value: Any, depth: int = 0) -> Any:
    """The value with its lists near the top as iterators, as the data package's resources are written."""
    if depth < 2 and isinstance(value, dict):
        return {k: _lazy(v, depth + 1) for k, v in value.items()}
    if depth < 2 and isinstance(value, list):
        return iter([_lazy(v, depth + 1) for v in value])
    return value


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20,
)


@given(value=st.dictionaries(st.text(max_size=4), _JSON, max_size=5))
@settings(max_examples=300, deadline=None)
def test_the_data_package_written_as_it_is_made_is_the_one_laid_out_at_once(value: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> None:
    """datapackage.json is written a resource at a time (a province's is hundreds of MB), byte for byte as json_text lays it out."""
    from pubgen.data import json_text, write_json, write_json_lazily

    folder = tmp_path_factory.mktemp("json")
    write_json(folder / "whole.json", value)
    write_json_lazily(folder / "lazy.json", _lazy(value))
    assert (folder / "lazy.json").read_bytes() == (folder / "whole.json").read_bytes()
    assert json.loads((folder / "lazy.json").read_text(encoding="utf-8")) == json.loads(json_text(value))


# --------------------------------------------------------------------------- counts in tables of amounts

COUNTS_BUDGET = """\
department: hebei/xingtai/pingxiang/xinfangju
year: 2022
kind: budget
covers: [three-public]
title: 平乡县信访局2022年度“三公”经费预算情况表
unit: 万元
body:
  - type: table
    role: three-public
    title: 2022年度“三公”经费预算情况表
    unit: 万元
    columns:
      - {id: budget, label: 2022年预算数}
    rows:
      - {id: total, label: 一、支出合计, values: [11.5]}
      - {id: overseas, label: 1、因公出国(境)费用, values: [~]}
      - {id: reception, label: 2、公务接待费, values: [7.5]}
      - {id: vehicle, label: 3、公务用车费, values: [4]}
      - {id: vehicle-operation, label: 其中：(1)公务用车运行维护费, values: [4]}
      - {id: vehicle-purchase, label: (2)公务用车购置, values: [~]}
      - {label: 公务用车保有量(辆), parent: vehicle, values: [1]}
      - {label: 公务接待批次(批), parent: total, values: [150]}
      - {label: 公务接待人数, parent: total, unit: 人次, values: [900]}
      - {label: 因公出国团组, parent: total, type: count, values: [0]}
"""

COUNTS_FINAL = """\
department: hebei/xingtai/pingxiang/xinfangju
year: 2021
kind: final-accounts
covers: [three-public]
title: 平乡县信访局2021年度“三公”经费支出决算表
unit: 万元
body:
  - type: table
    role: final-three-public
    title: 财政拨款“三公”经费支出决算表
    unit: 万元
    columns:
      - {id: total-actual, label: 决算数, group: [合计]}
      - {id: reception-actual, label: 决算数, group: [公务接待费]}
      - {id: vehicle-actual, label: 决算数, group: [公务用车购置及运行费]}
      - {id: vehicles, label: 公务用车保有量}
      - {id: reception-people, label: 国内公务接待人次（人次）}
    rows:
      - {id: total, label: 合计, values: [22.62, 20.10, 2.52, 2, 4200]}
"""


def test_count_rows_and_columns_carry_their_own_unit_not_the_tables_money(tmp_path: Path) -> None:
    """A 三公 table in 万元 that also lists 接待批次(批), 接待人数(人) …: those are counts, published as counts."""
    project = copy_project(tmp_path / "p")
    folder = project.content / "documents/hebei/xingtai/pingxiang/xinfangju"
    (folder / "2022-budget-three-public.yml").write_text(COUNTS_BUDGET, encoding="utf-8")
    (folder / "2021-final-accounts-three-public.yml").write_text(COUNTS_FINAL, encoding="utf-8")
    # No sum adds a count into an amount: 11.5 = 7.5 + 4 however many vehicles and visitors are listed beside.
    built = build_with_data(project, tmp_path / "out")

    budget = "hebei/xingtai/pingxiang/xinfangju/2022/budget/three-public/"
    rows = read_csv(built.out / doc_csv(budget))
    by_label = {r["row_label"]: r for r in rows}
    assert (by_label["一、支出合计"]["unit"], by_label["一、支出合计"]["phase"]) == ("万元", "initial-budget")
    assert [(by_label[k]["value"], by_label[k]["unit"], by_label[k]["phase"]) for k in ("公务用车保有量(辆)", "公务接待批次(批)", "公务接待人数", "因公出国团组")] == [
        ("1", "辆", ""),
        ("150", "批", ""),
        ("900", "人次", ""),
        ("0", "", ""),
    ]
    data = no_floats((built.out / doc_json(budget)).read_text(encoding="utf-8"))
    people = next(f for f in data["figures"] if f["row_label"] == "公务接待人数")
    assert (people["value"], people["unit"], people["phase"]) == ("900", "人次", None)

    page = (built.out / budget / "index.html").read_text(encoding="utf-8")
    assert '<span class="pg-unit">单位：万元</span><span class="pg-unit pg-unit--note">（注明单位的行除外）</span>' in page
    assert '<th scope="row">公务接待人数<span class="pg-colunit">（人次）</span>' in page
    assert '<th scope="row">因公出国团组<span class="pg-colunit">（数量）</span>' in page
    assert '<th scope="row">公务接待批次(批)<' in page  # the label prints its unit: nothing added

    final = "hebei/xingtai/pingxiang/xinfangju/2021/final-accounts/three-public/"
    rows = read_csv(built.out / doc_csv(final))
    units = {r["column"]: r["unit"] for r in rows}
    assert units == {"total-actual": "万元", "reception-actual": "万元", "vehicle-actual": "万元", "vehicles": "辆", "reception-people": "人次"}
    page = (built.out / final / "index.html").read_text(encoding="utf-8")
    assert '公务用车保有量<span class="pg-colunit">（辆）</span></th>' in page
    assert "国内公务接待人次（人次）</th>" in page  # its label prints the unit already


def test_a_label_ending_in_a_unit_is_no_count_row_where_a_column_holds_the_counts(tmp_path: Path) -> None:
    """资产表 “车辆（辆）” with a 数量 column and a 价值 column: the unit is the 数量 column's (辆), the 价值 stays money."""
    project = copy_project(tmp_path)
    doc = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    text = doc.read_text(encoding="utf-8")
    assert "label: 2、车辆（台、辆）" in text
    doc.write_text(text.replace("label: 2、车辆（台、辆）", "label: 2、车辆（辆）", 1), encoding="utf-8")
    site = derive(load(project.content))
    write_data(site, tmp_path / "docs")
    rows = read_csv(tmp_path / "docs" / doc_csv(BUDGET))
    assert find(rows, table="assets", row="vehicles", column="value")["unit"] == "万元"
    # The label's unit is the 数量's: a downloader filtering the counts does not add 平方米 to 辆.
    assert find(rows, table="assets", row="vehicles", column="count")["unit"] == "辆"


def test_rows_printed_with_the_same_label_are_told_apart_in_the_downloads(tmp_path: Path) -> None:
    """Two “其中：其他” rows (under 基本支出 and under 项目支出) had one key: a data user could not tell which was which."""
    from pubgen.figures import figures

    from .test_checks import doc, project

    body = """\
- type: table
  id: spent
  title: 支出情况
  columns:
    - {id: actual, label: 决算数}
  rows:
    - {id: total, label: 合计, values: [30]}
    - {id: a, label: 基本支出, parent: total, values: [10]}
    - {label: 其中：其他, parent: a, values: [10]}
    - {id: b, label: 项目支出, parent: total, values: [20]}
    - {label: 其中：其他, parent: b, values: [20]}
"""
    content = load(project(tmp_path, doc(2022, "final-accounts", body)).content)
    found = list(figures(content.documents[0].record))
    assert len({f.field for f in found}) == len(found) == 5
    assert [(f.row, f.text) for f in found if f.row_label == "其中：其他"] == [("其中：其他", "10"), ("其中：其他#2", "20")]


def test_the_points_of_each_level_of_indicators_and_the_totals_are_downloaded_as_printed() -> None:
    """产出指标（50分）, the 总分 row's 100 and 96.6 and the table's 90 分 are on the page: they are in the CSV too."""
    site = derive(load(ROOT / "tests/cases/project-form-adds-up/content"))
    (page,) = [p for p in site.documents if p.doc.kind == "project-evaluation"]
    points = [(f.row_label, f.column_label, f.text) for f in document_figures(page, site) if f.unit == "分"]
    assert points == [
        ("产出指标", "分值", "50"),
        ("办理信访件数", "分值", "25"),
        ("办理信访件数", "得分", "25"),
        ("按期办结率", "分值", "25"),
        ("按期办结率", "得分", "25"),
        ("效益指标", "分值", "30"),
        ("信访总量下降率", "分值", "30"),
        ("信访总量下降率", "得分", "28"),
        ("满意度指标", "分值", "10"),
        ("服务对象满意度指标", "分值", "10"),
        ("服务对象满意度指标", "得分", "9"),
        ("总分", "分值", "100"),
        ("总分", "得分", "96.6"),
        ("指标分值合计", "分值", "90"),
    ]


def test_an_acknowledged_figure_carries_the_publishers_reason_and_a_footnote_is_in_the_json(tmp_path: Path) -> None:
    """The page marks 1.4 (“三公”经费) with 注 and the reason; a reader of the CSV summing 0 + 0 + 0 is told the same."""
    project = copy_project(tmp_path / "p")
    source = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    text = source.read_text(encoding="utf-8")
    assert text.count("    role: three-public\n") == 1
    source.write_text(text.replace("    role: three-public\n", "    role: three-public\n    footnote: 注：本表按预算数填列。\n"), encoding="utf-8")
    site = derive(load(project.content))
    write_data(site, tmp_path / "docs")
    rows = read_csv(tmp_path / "docs" / doc_csv(BUDGET))
    reasons = {a.field: a.reason for p in site.documents if p.url == BUDGET for a in p.doc.acknowledgements}
    total = find(rows, table="three-public", row="total", column="budget")
    assert (total["value"], total["acknowledged"]) == ("1.4", reasons["three-public.total.budget"])
    assert total["acknowledged"].startswith("原文“三公”经费合计1.4万元")
    assert find(rows, table="three-public", row="vehicle", column="budget")["acknowledged"] == reasons["three-public.vehicle.budget"]
    assert {r["acknowledged"] for r in rows if r["table"] != "three-public" or r["row"] not in ("total", "vehicle")} == {""}
    site_rows_2021 = read_csv(tmp_path / "docs/data/figures-2021.csv")
    assert find(site_rows_2021, address="/" + BUDGET, table="three-public", row="total", column="budget")["acknowledged"] == total["acknowledged"]
    data = no_floats((tmp_path / "docs" / doc_json(BUDGET)).read_text(encoding="utf-8"))
    figure = next(f for f in data["figures"] if f["field"] == "three-public.total.budget")
    assert figure["acknowledged"] == total["acknowledged"]
    assert next(t for t in data["tables"] if t["table"] == "three-public")["footnote"] == "注：本表按预算数填列。"


YEARS_BUDGET = """\
department: hebei/xingtai/pingxiang/xinfangju
year: 2022
kind: budget
covers: [three-public]
title: 平乡县信访局2022年“三公”经费预算
unit: 万元
body:
  - type: table
    role: three-public
    title: 财政拨款“三公”经费预算
    unit: 万元
    columns:
      - {id: budget, label: 预算数}
      - {id: last-year, label: 上年预算数}
      - {id: actual-2020, label: 2020年决算数}
      - {id: change, label: 比上年增减}
      - {id: carried, label: 上年结转}
    rows:
      - {id: total, label: “三公”经费, values: [11.5, 12, 13, -0.5, 1]}
"""


def test_each_figure_says_which_years_column_it_is_in(tmp_path: Path) -> None:
    """A budget's 上年 and 2020年 columns are not the budget year's figures: summing figures by year must not count them."""
    project = copy_project(tmp_path / "p")
    folder = project.content / "documents/hebei/xingtai/pingxiang/xinfangju"
    (folder / "2022-budget-three-public.yml").write_text(YEARS_BUDGET, encoding="utf-8")
    site = derive(load(project.content))
    write_data(site, tmp_path / "docs")
    budget = "hebei/xingtai/pingxiang/xinfangju/2022/budget/three-public/"
    rows = read_csv(tmp_path / "docs" / doc_csv(budget))
    years = {r["column_label"]: (r["year"], r["column_year"]) for r in rows}
    assert years == {
        "预算数": ("2022", "2022"),
        "上年预算数": ("2022", "2021"),
        "2020年决算数": ("2022", "2020"),
        "比上年增减": ("2022", ""),  # a change between two years is of neither
        "上年结转": ("2022", "2022"),  # what the budget year starts with
    }
    data = no_floats((tmp_path / "docs" / doc_json(budget)).read_text(encoding="utf-8"))
    assert {f["column_label"]: f["column_year"] for f in data["figures"]} == {
        "预算数": 2022, "上年预算数": 2021, "2020年决算数": 2020, "比上年增减": None, "上年结转": 2022,
    }
    # A year printed in the table's title is its columns' (a budget's table of last year's execution); a span is none.
    spans = YEARS_BUDGET.replace("title: 财政拨款“三公”经费预算\n", "title: 2021年“三公”经费预算执行情况\n").replace(
        "{id: carried, label: 上年结转}", "{id: carried, label: 2021-2023年合计}"
    )
    assert spans != YEARS_BUDGET
    (folder / "2022-budget-three-public.yml").write_text(spans, encoding="utf-8")
    write_data(derive(load(project.content)), tmp_path / "docs2")
    titled = {r["column_label"]: r["column_year"] for r in read_csv(tmp_path / "docs2" / doc_csv(budget))}
    assert titled["预算数"] == "2021" and titled["上年预算数"] == "2020" and titled["2021-2023年合计"] == ""
    # The site-wide part for 2022 holds them too, each with its own column year.
    site_years = {(r["year"], r["column_label"]): r["column_year"] for r in read_csv(tmp_path / "docs" / "data/figures-2022.csv")}
    assert site_years[("2022", "上年预算数")] == "2021"


# --------------------------------------------------------------------------- what a downloader must know


WANLI_2024 = "shanghai/putuo/wanli-jiedao/2024/budget/"
SHANGWUWEI_UNIT = "shanghai/putuo/shangwuwei/2025/budget/unit-benji/"


def test_every_figure_of_a_table_declared_empty_carries_the_publishers_reason(built: Built) -> None:
    """万里街道 2024 prints 47.91 in a 三公 table whose note says it is empty (acknowledged): the page marks it, and so
    does every row of that table in the download, not only a cell the acknowledgement might have named."""
    doc = next(p.doc for p in built.site.documents if p.url == WANLI_2024)
    (ack,) = [a for a in doc.acknowledgements if a.field.endswith(".empty_note")]
    table = ack.field.rpartition(".")[0]
    rows = [r for r in read_csv(built.out / doc_csv(WANLI_2024)) if r["table"] == table]
    assert rows and any(r["state"] == "number" and r["value"] not in ("0", "0.00") for r in rows)
    assert {r["acknowledged"] for r in rows} == {ack.reason}
    year = [r for r in site_rows(built.out) if r["address"].endswith(WANLI_2024) and r["table"] == table]
    assert {r["acknowledged"] for r in year} == {ack.reason}
    others = [r for r in read_csv(built.out / doc_csv(WANLI_2024)) if r["table"] != table]
    assert others and not any(r["acknowledged"] for r in others)


def test_questioned_points_carry_the_reason_in_the_download(built: Built) -> None:
    """花都's score breakdown: its 分值 add up to 95, not 100 (acknowledged as scores.weights); the 分值 rows say so."""
    doc = next(p.doc for p in built.site.documents if p.url == HUADU)
    (ack,) = [a for a in doc.acknowledgements if a.field == "scores.weights"]
    rows = read_csv(built.out / doc_csv(HUADU))
    weights = [r for r in rows if r["table"] == "scores" and r["column"] == "weight"]
    assert weights and all(r["acknowledged"] == ack.reason for r in weights)
    assert not any(r["acknowledged"] for r in rows if r["table"] == "scores" and r["column"] == "score")


def test_a_questioned_total_score_is_marked_in_the_download_and_the_key_figures(tmp_path: Path) -> None:
    """A 总得分 one point above its items, acknowledged: documents.csv, the score row and the page's 自评得分 say so."""
    project = copy_project(tmp_path)
    path = project.content / "documents/guangdong/guangzhou/huadu/xinfangju/2021-self-evaluation.yml"
    doc = next(p.doc for p in derive(load(project.content)).documents if p.url == HUADU)
    scores = next(b for b in doc.body if isinstance(b, m.Scores))
    assert scores.total is not None and doc.score == scores.total
    printed = scores.total
    text = path.read_text(encoding="utf-8")
    assert "        score: 26.9\n" in text
    text = text.replace("        score: 26.9\n", "        score: 25.9\n", 1)  # its items now add up to one point less
    reason = "原文总得分如此印，各项得分之和少 1 分。"
    text = text.replace(
        "acknowledgements:\n",
        f"acknowledgements:\n  - code: score-total-mismatch\n    field: scores.total\n    stated: {printed}\n    reason: {reason}\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    built = build_with_data(project, tmp_path / "out")
    rows = read_csv(built.out / doc_csv(HUADU))
    assert find(rows, table="scores", row="total", column="score")["value"] == str(printed)
    assert find(rows, table="scores", row="total", column="score")["acknowledged"] == reason
    listed = find(read_csv(built.out / "data/documents.csv"), address="/" + HUADU)
    assert listed["score"] == str(printed) and listed["score_acknowledged"] == reason
    page = (built.out / HUADU / "index.html").read_text(encoding="utf-8")
    boxes = dict(re.findall(r'<li class="pg-key pg-key--([a-z-]+)[^"]*">(.*?)</li>', page))
    assert "数字有出入" in boxes["score"] and reason in boxes["score"]


def test_a_unit_document_says_it_is_one_and_whose(built: Built) -> None:
    """A department's 部门预算 and its one unit's 单位预算 print the same figures: the downloads say which is which, so a
    downloader summing by department can leave the unit's out, as the data page tells."""
    page = next(p for p in built.site.documents if p.url == SHANGWUWEI_UNIT)
    assert page.doc.budget_unit is not None and page.doc.budget_unit.whole
    listed = find(read_csv(built.out / "data/documents.csv"), address="/" + SHANGWUWEI_UNIT)
    assert (listed["scope"], listed["kind_name"], listed["budget_unit"], listed["whole_department"]) == (
        "unit", "单位预算", page.doc.budget_unit.name, "true",
    )
    department = find(read_csv(built.out / "data/documents.csv"), address="/" + SHANGWUWEI_UNIT.split("unit-")[0])
    assert (department["scope"], department["kind_name"], department["budget_unit"]) == ("department", "部门预算", "")
    rows = [r for r in site_rows(built.out) if r["department_id"] == page.department_id and r["year"] == "2025"]
    assert {r["scope"] for r in rows if r["address"].endswith(SHANGWUWEI_UNIT)} == {"unit"}
    assert {r["budget_unit"] for r in rows if r["address"].endswith(SHANGWUWEI_UNIT)} == {page.doc.budget_unit.name}
    assert {r["scope"] for r in rows if not r["address"].endswith(SHANGWUWEI_UNIT)} == {"department"}
    html = (built.out / "data/index.html").read_text(encoding="utf-8")
    assert "只取 scope 为 department 的行" in html


def test_the_rows_a_downloader_adds_up_by_the_documented_rule_make_the_total(built: Built) -> None:
    """The data page's rule — add the rows whose row_parts is not sum, leaving out those whose parent's is part — gives
    each table's printed total where the page finds it adds up: money tables, an assets table whose 资产总额 has only
    “其中” items below it, and a score breakdown's 总得分. The hierarchy survives the download."""

    def summed(rows: list[dict[str, str]]) -> int:
        checked = 0
        for table in {r["table"] for r in rows}:
            mine = [r for r in rows if r["table"] == table and r["state"] == "number"]
            parts = {r["row"]: r["row_parts"] for r in mine}
            for column in {r["column"] for r in mine if r["row"] == "total"}:
                cells = [r for r in mine if r["column"] == column]
                total = next(Decimal(r["value"]) for r in cells if r["row"] == "total")
                items = [r for r in cells if r["row_parts"] != "sum" and parts.get(r["parent_row"]) != "part"]
                if items and sum(Decimal(r["value"]) for r in items) == total:
                    checked += 1
        return checked

    rows = read_csv(built.out / doc_csv(BUDGET))
    assert summed(rows) >= 3
    assets = [r for r in rows if r["table"] == "assets" and r["column"] == "value"]
    assert assets and summed(assets) == 1
    expenditure = [r for r in rows if r["table"] == "expenditure"]
    assert find(expenditure, row="total", column="budget")["row_parts"] == "sum"
    assert find(expenditure, row="personnel", column="budget")["parent_row"] == "basic"
    scores = [r for r in read_csv(built.out / doc_csv(HUADU)) if r["table"] == "scores" and r["column"] == "score"]
    assert scores and summed(scores) == 1


def test_package_enums_are_unique(built: Built) -> None:
    """The Table Schema v1 profile asks each enum's values to be unique (自评 is the status of two kinds)."""
    package = json.loads((built.out / "datapackage.json").read_text(encoding="utf-8"))
    schemas = [r["schema"] for r in package["resources"] if isinstance(r.get("schema"), dict)]
    schemas.append(json.loads((built.out / "data/figures.schema.json").read_text(encoding="utf-8")))
    enums = [f["constraints"]["enum"] for s in schemas for f in s["fields"] if "enum" in f.get("constraints", {})]
    assert enums and all(len(e) == len(set(e)) for e in enums)
    assert "unit" not in package
