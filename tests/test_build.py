"""`pubgen build` on real files: the pages a reader gets, and what a failed build leaves behind."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from click.testing import CliRunner

from pubgen.cli import main

from .conftest import copy_project

BUDGET = "hebei/xingtai/pingxiang/xinfangju/2021/budget"
SJZ = "hebei/shijiazhuang/xinfangju/2021/self-evaluation"
HUADU = "guangdong/guangzhou/huadu/xinfangju/2021/self-evaluation"


def read(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_page_per_document_department_region_year_and_kind(bundled_site: Path) -> None:
    for address in (BUDGET, SJZ, HUADU):
        assert (bundled_site / address / "index.html").is_file()
    for address in (
        "hebei/xingtai/pingxiang/xinfangju",
        "hebei/shijiazhuang/xinfangju",
        "guangdong/guangzhou/huadu/xinfangju",
        "hebei",
        "hebei/xingtai",
        "hebei/xingtai/pingxiang",
        "guangdong/guangzhou/huadu",
        "years",
        "kinds/budget",
        "kinds/self-evaluation",
        "regions",
        "departments",
    ):
        assert (bundled_site / address / "index.html").is_file(), address


def test_the_2021_page_lists_all_three_documents(bundled_site: Path) -> None:
    page = read(bundled_site, "years/2021")
    for title in (
        "平乡县信访局2021年部门预算信息公开情况说明",
        "石家庄市信访局2021年度整体支出绩效自评报告",
        "2021年度广州市花都区信访局部门整体支出绩效自评报告",
    ):
        assert title in page
    for address in (BUDGET, SJZ, HUADU):
        assert f'href="../../{address}/"' in page


def test_a_units_document_is_called_a_unit_document_and_named_beside_its_departments(bundled_site: Path) -> None:
    """A reader told apart 部门预算 and 单位预算 (whose unit) on the page, in its related links and in the lists."""
    unit = (bundled_site / "shanghai/putuo/shangwuwei/2025/budget/unit-benji/index.html").read_text(encoding="utf-8")
    department = (bundled_site / "shanghai/putuo/shangwuwei/2025/budget/index.html").read_text(encoding="utf-8")
    assert re.search(r"<dt>类别</dt><dd><a [^>]*>单位预算（上海市普陀区商务委员会）</a>", unit)
    assert re.search(r"<dt>类别</dt><dd><a [^>]*>部门预算</a>", department)
    assert re.search(r'同部门同年度的其他文档：<a href="\.\./">部门预算</a>', unit)
    assert re.search(r'同部门同年度的其他文档：<a href="unit-benji/">单位预算（上海市普陀区商务委员会）</a>', department)
    listing = (bundled_site / "shanghai/putuo/shangwuwei/index.html").read_text(encoding="utf-8")
    assert re.search(r"<td class=\"pg-d-kind\">单位预算（上海市普陀区商务委员会）</td><td class=\"pg-d-title\"><a href=\"[^\"]*2025/budget/unit-benji/\"", listing), listing[:2000]


def test_glossary_has_the_ten_terms_with_anchors(bundled_site: Path) -> None:
    page = read(bundled_site, "glossary")
    terms = re.findall(r'<div id="([^"]+)" class="pg-entry">', page)
    assert len(terms) == 10
    assert "三公经费" in terms and "一般公共预算拨款收入" in terms


def test_document_header_and_tables(bundled_site: Path) -> None:
    page = read(bundled_site, HUADU)
    assert "<dt>总得分</dt><dd class=\"num\">95.9 分</dd>" in page
    assert "<dt>评价等级</dt><dd>优" in page  # derived from the score: the document prints none
    budget = read(bundled_site, BUDGET)
    assert "单位：万元" in budget
    assert '<td class="num">329.48</td>' in budget
    assert "<table" in budget and "<th scope=\"col\"" in budget


def test_acknowledged_discrepancy_is_shown_with_its_reason(bundled_site: Path) -> None:
    page = read(bundled_site, BUDGET)
    assert "核对说明" in page
    assert "按原文照录" in page
    # The figure stays as printed, marked.
    assert re.search(r'<td class="num pg-flag">1\.4<sup class="pg-mark"><a href="#pg-note-1" id="pg-mark-1">注1</a></sup></td>', page)
    assert re.search(r'<li id="pg-note-1"><strong>注1</strong>：', page), "the mark leads to its note under the table"


def test_documents_stay_out_of_the_navigation(bundled_site: Path) -> None:
    home = read(bundled_site, "")
    nav = home.split('<nav class="md-nav md-nav--primary"', 1)[1].split('md-sidebar--secondary', 1)[0]
    assert "2021/budget" not in nav
    assert "名词解释" in nav


def test_no_third_party_assets(bundled_site: Path) -> None:
    for address in ("", BUDGET):
        page = read(bundled_site, address)
        assert "fonts.googleapis.com" not in page
        assert not re.search(r'src="https?://', page)
        assert not re.search(r'<link[^>]+href="https?://', page)


def test_syntax_error_names_file_and_line_and_keeps_the_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    runner = CliRunner()
    first = runner.invoke(main, ["build", "--project", str(project.root)])
    assert first.exit_code == 0, first.output
    site = project.root / "site"
    before = tree_digest(site)
    doc = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    lines = doc.read_text(encoding="utf-8").splitlines()
    lines[4] = "kind: budget: oops"
    doc.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["build", "--project", str(project.root)])
    assert result.exit_code == 1
    assert "content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml" in result.output
    assert "第 5 行" in result.output
    assert "Traceback" not in result.output
    assert tree_digest(site) == before
    assert not list(project.root.glob(".site.*")), "no staging folder is left behind"


def test_a_missing_or_broken_template_is_named_and_the_site_kept(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--project", str(project.root)]).exit_code == 0
    site = project.root / "site"
    before = tree_digest(site)
    document = project.templates / "document.md.j2"
    original = document.read_text(encoding="utf-8")
    lines = original.splitlines()

    (project.templates / "search.md.j2").unlink()
    missing = runner.invoke(main, ["build", "--project", str(project.root)])

    lines[6] = "{% if %}"
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    syntax = runner.invoke(main, ["build", "--project", str(project.root)])

    lines[6] = "{{ doc.no_such_field }}"
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    undefined = runner.invoke(main, ["build", "--project", str(project.root)])

    for result in (missing, syntax, undefined):
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert result.output.startswith("错误：模板")
    assert "templates/search.md.j2 不存在" in missing.output
    assert "templates/document.md.j2 第 7 行有语法错误" in syntax.output
    assert "templates/document.md.j2 第 7 行" in undefined.output and "no_such_field" in undefined.output
    assert tree_digest(site) == before
    assert not list(project.root.glob(".site.*")), "no staging folder is left behind"


def test_html_and_script_in_content_are_shown_as_text(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    doc = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    text = doc.read_text(encoding="utf-8")
    text = text.replace(
        "title: 平乡县信访局2021年部门预算信息公开情况说明",
        'title: "平乡<img src=x onerror=alert(1)>说明"',
        1,
    )
    text = text.replace(
        "      按照《预算法》",
        "      <script>alert('x')</script> [点我](javascript:alert(1)) {{ 7*7 }} {% raw %}\n"
        '      [预算法](https://www.gov.cn/ "<img src=x onerror=alert(3)>")\n'
        "      按照《预算法》",
        1,
    )
    doc.write_text(text, encoding="utf-8")
    glossary = project.content / "glossary.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("definition: 指县级财政当年拨付的资金。", 'definition: "<b onmouseover=alert(2)>指</b>"', 1),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", "--project", str(project.root)])
    assert result.exit_code == 0, result.output
    page = read(project.root / "site", BUDGET)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert "<img src=x" not in page and "onerror=alert(1)>" not in page
    assert 'href="javascript:' not in page
    assert "{{ 7*7 }}" in page and "49" not in page.split("{{ 7*7 }}")[0][-20:]
    assert "{% raw %}" in page
    # A link title could become a tooltip built with innerHTML: editors' titles are dropped.
    assert "onerror=alert(3)" not in page and '<a href="https://www.gov.cn/">预算法</a>' in page
    gloss = read(project.root / "site", "glossary")
    assert "<b onmouseover" not in gloss and "&lt;b onmouseover" in gloss


def test_site_settings_cannot_inject_markup(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    site_yml = project.content / "site.yml"
    site_yml.write_text(
        site_yml.read_text(encoding="utf-8").replace("title: 部门预决算公开平台", 'title: "平台</title><script>alert(1)</script> & 公开"'),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["build", "--project", str(project.root)])
    assert result.exit_code == 0, result.output
    home = read(project.root / "site", "")
    assert "<script>alert(1)" not in home and "&lt;script&gt;alert(1)" in home
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + 'repo_url: "javascript:alert(1)//"\n', encoding="utf-8")
    refused = CliRunner().invoke(main, ["build", "--project", str(project.root)])
    assert refused.exit_code == 1
    assert "应是以 http:// 或 https:// 开头的网址" in refused.output


def test_build_into_a_chosen_site_dir(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    target = tmp_path / "out" / "public"
    result = CliRunner().invoke(main, ["build", "--project", str(project.root), "--site-dir", str(target)])
    assert result.exit_code == 0, result.output
    assert (target / "index.html").is_file()
    assert "已发布" in result.output


def test_ampersands_and_quotes_in_titles_are_escaped_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    doc = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace(
            "title: 平乡县信访局2021年部门预算信息公开情况说明", 'title: "预算 & 决算“说明” <附>"', 1
        ),
        encoding="utf-8",
    )
    assert CliRunner().invoke(main, ["build", "--project", str(project.root)]).exit_code == 0
    page = read(project.root / "site", BUDGET)
    assert re.search(r"<h1[^>]*>预算 &amp; 决算“说明” &lt;附&gt;</h1>", page)
    assert "&amp;amp;" not in page


def test_a_printed_page_gives_its_own_date_never_another_documents(tmp_path: Path) -> None:
    """The print footer's 更新日期 is the page's own date; a document without one does not borrow the newest of the site."""
    project = copy_project(tmp_path)
    path = project.content / "documents/hebei/shijiazhuang/xinfangju/2021-self-evaluation.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nyear: 2021\n", "\nyear: 2021\npublished: 2022-05-20\n", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--project", str(project.root)])
    assert result.exit_code == 0, result.output
    site = project.root / "site"
    assert "更新日期：2022-05-20" in read(site, SJZ)
    assert "更新日期" not in read(site, BUDGET) and "2022-05-20" not in read(site, BUDGET)


def test_a_slip_in_mkdocs_yml_is_told_in_chinese_with_its_line_and_the_site_kept(tmp_path: Path) -> None:
    """A bracket left open in mkdocs.yml was told in MkDocs' English (“while parsing a flow sequence … expected ','”)."""
    project = copy_project(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--project", str(project.root)]).exit_code == 0
    site = project.root / "site"
    before = tree_digest(site)
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "extra_css_broken: [a.css, b.css\n", encoding="utf-8")
    result = runner.invoke(main, ["build", "--project", str(project.root)])
    assert result.exit_code != 0
    assert "mkdocs.yml 配置有误：第" in result.output and "方括号 [ ] 或花括号 { } 没有闭合" in result.output, result.output
    assert "while parsing" not in result.output and "Traceback" not in result.output
    assert tree_digest(site) == before
