"""site.yml's footer settings: checked with Chinese messages, shown escaped; the theme speaks Chinese; tab titles name the site once."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pubgen.pipeline import Project, build, check

from .conftest import copy_project

SITE_YML = "content/site.yml"


def with_settings(tmp_path: Path, extra: str) -> Project:
    project = copy_project(tmp_path)
    site = project.content / "site.yml"
    keys = {line.split(":", 1)[0] for line in extra.splitlines()}
    kept = [line for line in site.read_text(encoding="utf-8").splitlines(keepends=True) if line.split(":", 1)[0] not in keys]
    site.write_text("".join(kept) + extra, encoding="utf-8")
    return project


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("site_code", '"13050001"', "10 位数字"),
        ("site_code", "1305000001x", "bm 加 8 位数字"),
        ("icp_record", "ICP备12345678号", "冀ICP备12345678号"),
        ("icp_record", "冀ICP备12345678", "冀ICP备12345678号-1"),
        ("police_record", "冀公网安备 1305000200000号", "14 位数字"),
        ("police_record", "<script>alert(1)</script>", "公网安备"),
        ("conac_url", "javascript:alert(1)", "http:// 或 https://"),
    ],
)
def test_a_malformed_footer_setting_is_reported_in_chinese_with_its_line(tmp_path: Path, field: str, value: str, expected: str) -> None:
    project = with_settings(tmp_path, f"{field}: {value}\n")
    lines = (project.content / "site.yml").read_text(encoding="utf-8").splitlines()
    problems = [p for p in check(project).problems if p.file == SITE_YML]
    assert [(p.code, p.field, p.line) for p in problems] == [("invalid-value", field, lines.index(f"{field}: {value}") + 1)]
    assert expected in problems[0].message


def test_well_formed_footer_settings_pass(tmp_path: Path) -> None:
    project = with_settings(
        tmp_path,
        'site_code: 1305000001\nicp_record: 京ICP备05070602号\npolice_record: 京公网安备11010202000001号\n'
        "operator: 办公室\ncontact: 电话 010-12345678\n",
    )
    assert [p for p in check(project).problems if p.file == SITE_YML] == []
    project = with_settings(tmp_path / "bm", 'site_code: "bm01000001"\n')
    assert [p for p in check(project).problems if p.file == SITE_YML] == []


def footer_of(page: Path) -> str:
    return page.read_text(encoding="utf-8").split('<footer class="md-footer">', 1)[1].split("</footer>", 1)[0]


def test_footer_settings_are_text_never_markup(tmp_path: Path) -> None:
    hostile = {
        "publisher": "<script>alert(1)</script>财政局",
        "operator": "{{ config.site_name }}{% raw %}",
        "contact": '</footer><img src=x onerror="alert(1)">电话',
    }
    settings = "".join(f"{key}: '{value}'\n" for key, value in hostile.items())
    project = with_settings(tmp_path, settings)
    site = tmp_path / "site"
    build(project, site)
    for page in (site / "index.html", site / "404.html", site / "years" / "2021" / "index.html"):
        footer = footer_of(page)
        assert "<script" not in footer and "<img" not in footer
        text = html.unescape(re.sub(r"<[^>]+>", "", footer))
        assert "主办单位：" + hostile["publisher"] in text
        assert "承办单位：" + hostile["operator"] in text
        assert "联系方式：" + hostile["contact"] in text


def test_without_footer_settings_the_footer_names_the_site(bundled_site: Path) -> None:
    footer = html.unescape(re.sub(r"<[^>]+>", " ", footer_of(bundled_site / "index.html")))
    assert footer.split() == ["部门预决算公开平台"]


def titles(site: Path) -> dict[str, str]:
    found = {}
    for page in site.rglob("*.html"):
        raw = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", raw, flags=re.S)
        assert title, page
        found[page.relative_to(site).as_posix()] = html.unescape(title.group(1)).strip()
    return found


def test_every_tab_title_names_the_site_once(bundled_site: Path) -> None:
    found = titles(bundled_site)
    assert found["index.html"] == "部门预决算公开平台"
    assert found["404.html"] == "页面未找到 - 部门预决算公开平台"
    assert found["years/2021/index.html"] == "2021年度文档 - 部门预决算公开平台"
    for page, title in found.items():
        assert title.count("部门预决算公开平台") == 1, (page, title)


ALLOWED_LATIN = {"Atom", "JavaScript", "CSV", "JSON", "Excel", "UTF", "BOM"}


@pytest.mark.parametrize("page", ["index.html", "404.html", "years/2021/index.html", "search/index.html", "glossary/index.html"])
def test_what_the_theme_prints_is_chinese(bundled_site: Path, page: str) -> None:
    raw = (bundled_site / page).read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style|svg)\b.*?</\1>", "", raw, flags=re.S)
    labels = re.findall(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"', raw)
    text = html.unescape(re.sub(r"<[^>]+>", " ", raw)) + " " + " ".join(html.unescape(v) for v in labels)
    english = set(re.findall(r"[A-Za-z]{3,}", text)) - ALLOWED_LATIN
    assert english == set(), f"{page} shows {sorted(english)}"


def test_the_home_page_counts_the_regions_departments_sit_in(bundled_site: Path) -> None:
    text = html.unescape(re.sub(r"<[^>]+>", "", (bundled_site / "index.html").read_text(encoding="utf-8")))
    seats = {p.parent for p in (Path(__file__).resolve().parent.parent / "content" / "departments").rglob("*.yml")}
    departments = list((Path(__file__).resolve().parent.parent / "content" / "departments").rglob("*.yml"))
    assert f"来自 {len(departments)} 个部门（分布在 {len(seats)} 个地区）" in text
