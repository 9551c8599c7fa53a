"""What a reader finds on the built list, comparison and document pages, read from the published HTML."""

from __future__ import annotations

import csv
import functools
import html
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from click.testing import CliRunner

from pubgen.cli import main
from pubgen.grouping import grouped
from pubgen.pipeline import Project, build, check
from pubgen.provenance import original_of

from .conftest import ROOT, copy_project


def article(site: Path, address: str) -> str:
    raw = (site / address.strip("/") / "index.html").read_text(encoding="utf-8")
    return raw.split("<article", 1)[1].split("</article>", 1)[0]


def text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def list_rows(page: str) -> list[tuple[str, list[str]]]:
    """The printed list of a page: (document address, cells as read) per row."""
    listed = page.split('class="pg-list"', 1)[1].split("</table>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(<td[ >].*?)</tr>", listed):
        cells = [text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        links = re.findall(r'href="([^"]+)"', row)
        rows.append((links[-1], cells))
    return rows


def resolve(base: str, href: str) -> str:
    """A relative link of the page at ``base`` as a site address (no leading slash)."""
    parts = [p for p in base.strip("/").split("/") if p]
    for piece in href.split("/"):
        if piece == "..":
            parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts) + ("/" if href.endswith("/") else "")


@functools.cache
def documents_of(project: Path) -> list[dict[str, object]]:
    """Every document of a project as its source says: department, year, kind (read with PyYAML, not pubgen).

    libyaml's safe loader reads the thousand generated documents in seconds, where PyYAML's
    own Python parser takes most of a minute; the tests that share a project read it once.
    """
    found = []
    for path in sorted((project / "content" / "documents").rglob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        found.append({"department": data["department"], "year": int(data["year"]), "kind": data["kind"], "title": data["title"]})
    return found


# --------------------------------------------------------------------------- lists at scale


def test_a_year_of_many_documents_is_listed_a_page_at_a_time_and_every_page_is_plain_html(corpus_site: tuple[Path, Path]) -> None:
    project, site = corpus_site
    docs = documents_of(project)
    year = max(int(d["year"]) for d in docs)  # type: ignore[call-overload]
    expected = sorted(str(d["title"]) for d in docs if d["year"] == year)
    assert len(expected) > 100, "the generated year is long enough to need pages"
    address = f"years/{year}/"
    seen: list[str] = []
    shown_titles: list[str] = []
    page_address = address
    pages = 0
    while True:
        page = article(site, page_address)
        rows = list_rows(page)
        assert 0 < len(rows) <= 50
        for href, cells in rows:
            target = resolve(page_address, href)
            assert (site / target / "index.html").exists(), target
            seen.append(target)
            shown_titles.append(cells[4])
        pages += 1
        nxt = re.search(r'<a href="([^"]+)" rel="next">下一页</a>', page)
        if not nxt:
            break
        page_address = resolve(page_address, nxt.group(1))
    assert len(seen) == len(set(seen)) == len(expected)
    assert sorted(shown_titles) == expected
    first = article(site, address)
    assert f"共 {pages} 页" in text(first)
    # The filter's form is there for the script to show; without it the reader sees the list and the pager.
    assert re.search(r'<form class="pg-filter" hidden', first)


def test_a_list_s_json_holds_every_document_of_the_list_and_leads_to_each(corpus_site: tuple[Path, Path]) -> None:
    project, site = corpus_site
    docs = documents_of(project)
    for kind in ("budget", "self-evaluation"):
        data = json.loads((site / "kinds" / kind / "list.json").read_text(encoding="utf-8"))
        expected = sorted((str(d["department"]), int(d["year"]), str(d["title"])) for d in docs if d["kind"] == kind)  # type: ignore[call-overload]
        got = sorted((data["departments"][r[1]][0], r[0], r[3]) for r in data["rows"])
        assert got == expected
        for row in data["rows"][:200]:
            department = data["departments"][row[1]][0]
            assert (site / department / row[4] / "index.html").exists()
        # Names are given once: a row is a short array, not an object repeating its keys.
        assert all(isinstance(r, list) for r in data["rows"])


def test_no_index_page_of_a_thousand_documents_is_over_200_kb(corpus_site: tuple[Path, Path]) -> None:
    _, site = corpus_site
    lists = [p for p in site.rglob("index.html") if p.parent.name.startswith("page_")]
    assert lists, "long lists have further pages"
    checked = [
        *site.glob("years/**/index.html"),
        *site.glob("kinds/**/index.html"),
        *site.glob("compare/**/index.html"),
        site / "regions" / "index.html",
        site / "departments" / "index.html",
        site / "index.html",
    ]
    regions = {p.parent for p in site.rglob("list.json")}
    checked += [folder / "index.html" for folder in regions]
    too_big = {str(p.relative_to(site)): p.stat().st_size for p in checked if p.stat().st_size > 200_000}
    assert too_big == {}


# --------------------------------------------------------------------------- comparison of departments


def compare_tables(page: str) -> dict[str, tuple[list[str], dict[str, list[str]]]]:
    """Each table of a comparison page: its header and, per department, its cells as read."""
    out = {}
    for section in page.split("<h2")[1:]:
        name = text(section.split(">", 1)[1].split("</h2>", 1)[0])
        table = section.split("<table", 1)[1].split("</table>", 1)[0]
        header = [text(h) for h in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", table)]
        rows = {}
        for row in re.findall(r"<tr[^>]*>(<th scope=\"row\">.*?)</tr>", table):
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
            rows[text(cells[0])] = [text(re.sub(r'<span class="pg-sr">.*?</span>', "", c)) for c in cells]
        out[name] = (header, rows)
    return out


def test_the_comparison_of_a_region_s_departments_shows_each_figure_as_printed_and_blank_where_none_is(bundled_site: Path) -> None:
    page = article(bundled_site, "compare/shanghai/putuo/2025/")
    tables = compare_tables(page)
    header, rows = tables["预算"]
    names = {yaml.safe_load((ROOT / "content" / "departments" / "shanghai" / "putuo" / f"{slug}.yml").read_text(encoding="utf-8"))["name"]: slug
             for slug in ("wanli-jiedao", "zhengfu-bangongshi")}
    for name, slug in names.items():
        assert name in rows
        source = yaml.safe_load((ROOT / "content" / "documents" / "shanghai" / "putuo" / slug / "2025-budget.yml").read_text(encoding="utf-8"))
        table = next(b for b in source["body"] if b.get("role") == "budget-three-public")
        ids = [c["id"] for c in table["columns"]]
        printed = dict(zip(ids, table["rows"][0]["values"]))
        cells = rows[name]
        for column, label in (("total", "“三公”经费"), ("reception", "公务接待费"), ("vehicle", "公务用车购置及运行维护费"), ("operating-costs", "机关运行经费")):
            shown = cells[header.index(label)]
            if printed[column] is None:
                assert shown == "", f"{name} {label}: nothing printed, nothing shown (never 0)"
            else:
                assert Decimal(shown) == Decimal(str(printed[column]))


def test_the_comparison_gives_the_change_from_last_year_and_flags_a_rise_in_running_costs(bundled_site: Path) -> None:
    page = article(bundled_site, "compare/shanghai/putuo/2025/")
    header, rows = compare_tables(page)["预算"]
    name = "上海市普陀区人民政府万里街道办事处"
    cells = rows[name]
    figures = {}
    for year in (2024, 2025):
        source = yaml.safe_load((ROOT / "content" / "documents" / "shanghai" / "putuo" / "wanli-jiedao" / f"{year}-budget.yml").read_text(encoding="utf-8"))
        table = next(b for b in source["body"] if b.get("role") == "budget-three-public")
        figures[year] = dict(zip([c["id"] for c in table["columns"]], (Decimal(str(v)) if v is not None else None for v in table["rows"][0]["values"])))
    for column, label in (("operating-costs", "机关运行经费"), ("total", "“三公”经费")):
        this, last = figures[2025][column], figures[2024][column]
        assert this is not None and last is not None
        difference = this - last
        rate = (difference / last * 100).quantize(Decimal("0.01"))
        shown = cells[header.index(f"{label}较上年")]
        sign = "+" if difference > 0 else ""
        assert shown.startswith(f"{sign}{difference}（{sign}{rate}%）"), shown
        assert ("▲ 上升" in shown) == (difference > 0)
    # The CSV says the same, named after the region and year, with a byte-order mark for Excel.
    link = re.search(r'<a href="([^"]+\.csv)" download="([^"]+)"', page)
    assert link is not None and link.group(2) == "上海市普陀区2025年各部门主要数字对比.csv"
    raw = (bundled_site / resolve("compare/shanghai/putuo/2025/", link.group(1))).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    row = next(r for r in table if r["部门"] == name)
    assert Decimal(row["机关运行经费（万元）"]) == figures[2025]["operating-costs"]
    assert row["机关运行经费较上年上升"] == ("是" if figures[2025]["operating-costs"] > figures[2024]["operating-costs"] else "否")
    office = next(r for r in table if r["部门"] == "上海市普陀区人民政府办公室")
    assert office["公务用车购置及运行维护费（万元）"] == ""  # not printed: blank, never 0
    assert office["机关运行经费较上年增减（万元）"] == ""  # no 2024 budget to compare with


def test_a_change_from_a_questioned_figure_says_so_on_the_page_and_in_the_csv(bundled_site: Path) -> None:
    """万里街道's 2024 三公 table prints 47.91 and 443.18 under a note calling it empty (acknowledged): the 2025 changes
    made from them (−10.00, “▲ 上升”) were shown as plain facts, here and in the CSV a journalist ranks departments from."""
    page = article(bundled_site, "compare/shanghai/putuo/2025/")
    header, rows = compare_tables(page)["预算"]
    name = "上海市普陀区人民政府万里街道办事处"
    for label in ("“三公”经费", "机关运行经费"):
        assert "上年数字有出入" in rows[name][header.index(f"{label}较上年")]
    office = rows["上海市普陀区人民政府办公室"]
    assert not any("有出入" in cell for cell in office)
    link = re.search(r'<a href="([^"]+\.csv)" download="([^"]+)"', page)
    assert link is not None
    raw = (bundled_site / resolve("compare/shanghai/putuo/2025/", link.group(1))).read_bytes()
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    row = next(r for r in table if r["部门"] == name)
    assert set(row["有出入的数字"].split("、")) >= {"上年“三公”经费", "上年机关运行经费"}
    assert next(r for r in table if r["部门"] == "上海市普陀区人民政府办公室")["有出入的数字"] == ""


def test_amounts_printed_in_yuan_are_compared_in_wan_yuan_exactly(bundled_site: Path) -> None:
    page = article(bundled_site, "compare/shanghai/putuo/2025/")
    header, rows = compare_tables(page)["预算"]
    source = yaml.safe_load((ROOT / "content" / "documents" / "shanghai" / "putuo" / "wanli-jiedao" / "2025-budget.yml").read_text(encoding="utf-8"))
    summary = next(b for b in source["body"] if b.get("role") == "budget-finance-summary")
    assert (summary.get("unit") or source.get("unit")) == "元"
    cells = rows["上海市普陀区人民政府万里街道办事处"]
    shown = cells[header.index("收入合计")]
    assert shown.endswith("*"), "a converted figure is marked"
    assert "原文以元为单位" in text(page)
    # The printed total in 元 (the document's own figures download), moved four places: nothing rounded away.
    from pubgen.data import document_csv

    raw = (bundled_site / document_csv("shanghai/putuo/wanli-jiedao/2025/budget/")).read_text(encoding="utf-8-sig")
    printed = next(
        r for r in csv.DictReader(io.StringIO(raw)) if r["table"] == "budget-finance-summary.income" and r["row"] == "grand-total"
    )
    assert printed["unit"] == "元"
    figure = shown.rstrip("*").strip()
    assert "," in figure and figure == grouped(figure.replace(",", ""))  # grouped in thousands, as amounts are shown
    assert Decimal(shown.rstrip("*").strip().replace(",", "")) * 10000 == Decimal(printed["value"])


def test_a_region_page_leads_to_its_comparisons(bundled_site: Path) -> None:
    page = article(bundled_site, "shanghai/putuo/")
    links = re.findall(r'<a href="([^"]*compare/[^"]+)">(\d{4})年</a>', page)
    assert ("2025" in [y for _, y in links])
    for href, _ in links:
        assert (bundled_site / resolve("shanghai/putuo/", href) / "index.html").exists()


# --------------------------------------------------------------------------- provenance and the two voices


@pytest.fixture(scope="module")
def provenance_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """The bundled project with one document given its original's address and its original PDF."""
    root = tmp_path_factory.mktemp("provenance")
    project = copy_project(root)
    source = project.content / "documents" / "hebei" / "xingtai" / "pingxiang" / "xinfangju" / "2021-budget.yml"
    text_ = source.read_text(encoding="utf-8")
    text_ = text_.replace("\ntitle:", "\nsource_url: https://www.example.gov.cn/xxgk/2021/yusuan.html?id=7&t=1\ntitle:", 1)
    source.write_text(text_, encoding="utf-8")
    original = b"%PDF-1.4\n% the published file\n" + bytes(range(256)) * 40
    source.with_suffix(".pdf").write_bytes(original)
    site = root / "site"
    build(project, site)
    return site, original


def test_a_document_names_its_publication_date_its_original_and_offers_the_original_file(provenance_site: tuple[Path, bytes]) -> None:
    site, original = provenance_site
    address = "hebei/xingtai/pingxiang/xinfangju/2021/budget/"
    page = article(site, address)
    meta = page.split('class="pg-docmeta"', 1)[1].split("</dl>", 1)[0]
    assert "发布日期" in text(meta)
    source = re.search(r'<dt>原文链接</dt><dd><a class="pg-source" href="([^"]+)"', meta)
    assert source is not None and html.unescape(source.group(1)) == "https://www.example.gov.cn/xxgk/2021/yusuan.html?id=7&t=1"
    download = re.search(r'<dt>原文文件</dt><dd><a href="([^"]+)" download="([^"]+)">下载原文（PDF，', meta)
    assert download is not None
    assert download.group(2) == "平乡县信访局2021年部门预算信息公开情况说明.pdf"
    assert (site / resolve(address, unquote(download.group(1)))).read_bytes() == original
    assert "核对原文" in text(page)


def test_an_original_that_is_a_link_is_never_taken(tmp_path: Path) -> None:
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 not for publication")
    source = tmp_path / "2021-budget.yml"
    source.write_text("title: x\n", encoding="utf-8")
    (tmp_path / "2021-budget.pdf").symlink_to(secret)
    assert original_of(source) is None
    (tmp_path / "2021-budget.pdf").unlink()
    (tmp_path / "2021-budget.pdf").write_bytes(b"%PDF-1.4 published")
    found = original_of(source)
    assert found is not None and found.path == tmp_path / "2021-budget.pdf" and found.kind == "PDF"


def test_a_document_without_a_known_date_or_address_says_so(bundled_site: Path) -> None:
    meta = article(bundled_site, "shanghai/putuo/caizhengju/2024/final-accounts/").split('class="pg-docmeta"', 1)[1].split("</dl>", 1)[0]
    assert "发布日期原文未注明" in text(meta)
    assert "原文链接发布单位未提供" in text(meta)


EDITOR_WORDS = ("请在", "请核对", "请照原文", "核对数字", "修改：", "acknowledgements")


def test_readers_are_never_told_what_editors_should_do(bundled_site: Path) -> None:
    told = []
    for path in bundled_site.rglob("index.html"):
        body = text(path.read_text(encoding="utf-8").split("<article", 1)[-1].split("</article>", 1)[0])
        told += [f"{path.relative_to(bundled_site)}: {w}" for w in EDITOR_WORDS if w in body]
    assert told == []


def test_an_acknowledged_total_is_explained_with_what_is_printed_what_the_parts_give_and_why(bundled_site: Path) -> None:
    problem = next(p for p in check(Project(ROOT)).problems if p.acknowledged and p.code == "sum-mismatch" and p.field == "three-public.total.budget")
    page = article(bundled_site, "hebei/xingtai/pingxiang/xinfangju/2021/budget/")
    notes = [text(n) for _, n in re.findall(r'<(aside|div) class="pg-ack"[^>]*>(.*?)</\1>', page, re.S)]
    expected = f"原文此处合计为 {problem.stated}，分项合计为 {problem.computed}。发布单位说明：{problem.acknowledged}"
    assert any(expected in n for n in notes), notes


def test_the_grade_is_not_printed_in_the_numeric_score_column(bundled_site: Path) -> None:
    offending = []
    for path in bundled_site.rglob("index.html"):
        raw = path.read_text(encoding="utf-8")
        for cell in re.findall(r'<td class="num[^"]*">([^<]*)</td>', raw):
            if any(word in cell for word in ("优秀", "良好", "中", "差", "合格")):
                offending.append((str(path.relative_to(bundled_site)), cell))
    assert offending == []


def test_a_build_counts_acknowledged_problems_and_shows_only_new_ones(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    acknowledged = [p for p in check(project).problems if p.acknowledged]
    assert acknowledged
    runner = CliRunner()
    result = runner.invoke(main, ["build", "--project", str(project.root), "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert f"另有 {len(acknowledged)} 处数字与核算结果不一致，发布单位已确认原因" in result.output
    assert "已确认：" not in result.output
    assert "警告 [" not in result.output
    # A new discrepancy is shown in full, and the count of acknowledged ones stays.
    source = project.content / "documents" / "hebei" / "xingtai" / "pingxiang" / "xinfangju" / "2021-budget.yml"
    raw = source.read_text(encoding="utf-8")
    changed = raw.replace("label: 机关运行经费, values: [11.86]", "label: 机关运行经费, values: [11.87]", 1)
    assert changed != raw
    source.write_text(changed, encoding="utf-8")
    result = runner.invoke(main, ["build", "--project", str(project.root), "--site-dir", str(tmp_path / "site")])
    new = [p for p in check(project).problems if not p.acknowledged]
    assert new
    for p in new:
        assert f"[{p.code}] {p.message}" in result.output
    assert f"另有 {len(acknowledged)} 处" in result.output


def sorted_list_keys(*figures: tuple[str, str, str]) -> list[str | None]:
    """The ``data-sort`` of the 收入合计 cells of a sortable list of documents whose income is each (text, unit, value)."""
    from pubgen.render import environment
    from pubgen.summaries import DocumentSummary, SummaryFigure

    rows = [
        DocumentSummary(f"文档{i}", f"d{i}/2021/budget/", f"部门{i}", f"d{i}", "某县", "x", 2021, "budget", "",
                        figures={"income": SummaryFigure(t, unit, Decimal(v))})
        for i, (t, unit, v) in enumerate(figures)
    ]
    macros = environment(ROOT / "templates").get_template("_macros.html.j2").module
    page = str(macros.doc_table(rows, lambda u: u, sortable=True))  # type: ignore[attr-defined]
    return [re.search(r'data-sort="([^"]*)"', cell).group(1) if "data-sort" in cell else None  # type: ignore[union-attr]
            for cell in re.findall(r'<td class="num" data-label="收入合计"[^>]*>', page)]


def test_a_sortable_list_ranks_amounts_printed_in_yuan_and_wan_yuan_in_one_unit() -> None:
    # 500000.00 元 is 50 万元: smaller than 329.48 万元, although its printed number is larger.
    keys = sorted_list_keys(("329.48", "万元", "329.48"), ("500000.00", "元", "500000.00"), ("1.5", "亿元", "1.5"))
    assert [Decimal(k) for k in keys if k] == [Decimal("329.48"), Decimal("50"), Decimal("15000")]


def test_a_sortable_list_puts_an_amount_it_cannot_bring_into_wan_yuan_with_the_blanks() -> None:
    assert sorted_list_keys(("329.48", "万元", "329.48"), ("12", "千元", "12")) == ["329.48", ""]


def test_an_original_named_in_capitals_as_scanners_name_it_is_offered(tmp_path: Path) -> None:
    """2021-budget.PDF beside 2021-budget.yml was silently not offered: it is, under the site's lower-case name."""
    from pubgen.provenance import original_of

    source = tmp_path / "2021-budget.yml"
    source.write_text("title: x\n", encoding="utf-8")
    (tmp_path / "2021-budget.PDF").write_bytes(b"%PDF-1.4\n% the published file\n")
    found = original_of(source)
    assert found is not None and found.path.name == "2021-budget.PDF"
    assert (found.kind, found.site_name) == ("PDF", "original.pdf")
    assert original_of(source, {"2021-budget.yml", "2021-budget.PDF"}) == found


def test_a_units_document_is_listed_with_its_units_name(bundled_site: Path) -> None:
    """Shanghai's units print one cover title (上海市普陀区2025年区级单位预算): a department's several units were listed as
    identical rows “单位预算 | 上海市普陀区2025年区级单位预算”. The list names the unit, in the page and in its list.json."""
    from pubgen.load import load

    units = [
        d.record for d in load(ROOT / "content").documents
        if d.record.department == "shanghai/putuo/shangwuwei" and d.record.scope == "unit" and d.record.budget_unit is not None
    ]
    assert units
    page = text(article(bundled_site, "shanghai/putuo/shangwuwei/"))
    listed = json.loads((bundled_site / "shanghai/putuo/shangwuwei/list.json").read_text(encoding="utf-8"))
    for doc in units:
        assert f"单位预算（{doc.budget_unit.name}）" in page  # type: ignore[union-attr]
        assert any(row[-1] == f"单位预算（{doc.budget_unit.name}）" for row in listed["rows"])  # type: ignore[union-attr]
    assert "部门预算" in page
