"""Compiled templates kept between builds (pubgen.compiled): never stale, never in the way."""

from __future__ import annotations

from pathlib import Path

from pubgen.pipeline import CACHE, build

from .conftest import copy_project
from .faulttools import tree


def _kept(root: Path) -> list[Path]:
    return sorted((root / CACHE).rglob("*.cache"))


def test_a_template_edited_after_a_build_shows_in_the_next_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", built_before=False)
    site = tmp_path / "site"
    build(project, site)
    kinds = {p.parent.name for p in _kept(project.root)}
    assert {"pages", "theme"} <= kinds, "the page templates and the theme's are kept compiled"

    home = project.root / "templates" / "home.md.j2"
    home.write_text(home.read_text(encoding="utf-8").replace("\n\n", "\n\n模板改过之后的新一段。\n\n", 1), encoding="utf-8")
    theme = project.root / "templates" / "overrides" / "main.html"
    theme.write_text(
        theme.read_text(encoding="utf-8").replace("{% block extrahead %}\n", '{% block extrahead %}\n<meta name="pg-edited" content="主题改过">\n', 1),
        encoding="utf-8",
    )
    build(project, site)
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "模板改过之后的新一段。" in page
    assert '<meta name="pg-edited" content="主题改过">' in page
    assert '<meta name="pg-edited"' in (site / "years" / "index.html").read_text(encoding="utf-8"), "every page has the edited theme"


def test_kept_or_damaged_compiled_templates_build_the_same_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", built_before=False)
    build(project, tmp_path / "first")
    build(project, tmp_path / "again")  # from the kept templates
    kept = _kept(project.root)
    assert kept
    for path in kept:
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])  # as a full disk or a crash could leave them
    build(project, tmp_path / "damaged")
    build(project, tmp_path / "fresh", cache=False)
    fresh = tree(tmp_path / "fresh")
    assert tree(tmp_path / "first") == fresh
    assert tree(tmp_path / "again") == fresh
    assert tree(tmp_path / "damaged") == fresh


def test_without_the_cache_nothing_is_kept(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", built_before=False)
    build(project, tmp_path / "site", cache=False)
    assert _kept(project.root) == []


def test_a_cache_folder_that_cannot_be_made_does_not_stop_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", built_before=False)
    (project.root / CACHE).write_text("不是文件夹", encoding="utf-8")
    build(project, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").is_file()
