"""Site-wide pages kept as rendered: a page is rendered again exactly when what it is given or reads of the site changed.

The hashes are tested on values (equal values, equal hashes; any difference, another
hash); the reuse on a generated corpus built incrementally, against clean builds, with
a template that reads the site map beyond what its page is given.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup

from pubgen import listing, render
from pubgen.pipeline import CACHE, Project, build
from pubgen.rendercache import RECORD, Digests, Unkeyable

from .conftest import git
from .test_shards import SEVERAL, WHOLE, corpus, first_difference

__all__ = ["corpus"]


@dataclass(slots=True)
class Row:
    title: str
    amount: Decimal | None
    dated: dt.date | None = None
    tags: list[str] = field(default_factory=list)


class Plain:
    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)


def _of(value: Any) -> str:
    return Digests().of(value)


def test_equal_values_have_one_hash_and_every_difference_another() -> None:
    base = Row("收入", Decimal("1.20"), dt.date(2024, 1, 1), ["a"])
    assert _of(base) == _of(Row("收入", Decimal("1.20"), dt.date(2024, 1, 1), ["a"]))
    variants = [
        Row("支出", Decimal("1.20"), dt.date(2024, 1, 1), ["a"]),
        Row("收入", Decimal("1.2"), dt.date(2024, 1, 1), ["a"]),  # printed otherwise
        Row("收入", None, dt.date(2024, 1, 1), ["a"]),
        Row("收入", Decimal("1.20"), dt.date(2024, 1, 2), ["a"]),
        Row("收入", Decimal("1.20"), dt.date(2024, 1, 1), ["a", "b"]),
        Row("收入", Decimal("1.20"), dt.date(2024, 1, 1), []),
        Row(Markup("收入"), Decimal("1.20"), dt.date(2024, 1, 1), ["a"]),  # the same text, but HTML
        Plain(title="收入", amount=Decimal("1.20"), dated=dt.date(2024, 1, 1), tags=["a"]),  # another kind
    ]
    hashes = {_of(v) for v in variants}
    assert len(hashes) == len(variants) and _of(base) not in hashes
    # Order is what a page shows in: a list or mapping in another order is another value.
    assert _of({"a": 1, "b": 2}) != _of({"b": 2, "a": 1})
    assert _of([1, "1"]) != _of(["1", 1]) != _of([1, 1])
    assert _of({"x", "y"}) == _of({"y", "x"})
    # The site map's years and kinds are mappings that make a list for a key they lack.
    assert _of(defaultdict(list, {2024: [1]})) == _of(defaultdict(list, {2024: [1]}))
    assert len({_of(defaultdict(list, {2024: [1]})), _of(defaultdict(list, {2024: [2]})), _of({2024: [1]}), _of(defaultdict(set, {2024: [1]}))}) == 4
    assert _of(Plain(a=[Row("x", None)])) != _of(Plain(a=[Row("y", None)]))


def test_an_object_is_hashed_by_what_it_holds_now_and_once_per_build() -> None:
    digests = Digests()
    row = Row("收入", Decimal("1"))
    first = digests.of([row, row])
    assert digests.of([row, row]) == first
    # Another build hashes the value as it is then.
    row.title = "支出"
    assert Digests().of([row, row]) != first


def test_what_cannot_be_hashed_by_value_is_refused() -> None:
    loop: list[Any] = []
    loop.append(loop)
    for value in (loop, {"scope": lambda t: t}, [len], Plain(f=print), object()):
        with pytest.raises(Unkeyable):
            _of(value)


def test_a_value_known_by_what_it_was_read_from_takes_that_hash() -> None:
    digests = Digests()
    a, b = Row("收入", None), Row("收入", None)
    digests.know(a, "entry 1")
    digests.know(b, "entry 2")
    assert digests.of([a]) != digests.of([b])
    # In another build, another value read from the same entry has the same hash.
    other = Digests()
    c = Row("收入", None)
    other.know(c, "entry 1")
    assert other.of([c]) == digests.of([a])


def _summaries() -> list[Any]:
    from pubgen.summaries import DocumentSummary, SummaryFigure

    out = []
    for dept, name in (("a", "甲局"), ("b", "乙局"), ("c", "丙局")):
        for year in (2023, 2024):
            for kind in ("budget", "final-accounts", "self-evaluation"):
                figures = {
                    "income": SummaryFigure(f"{year}.50", "万元", Decimal(f"{year}.50")),
                    "three-public": SummaryFigure("12.00", "万元", Decimal("12.00")),
                    "score": SummaryFigure("91", "分", Decimal("91")),
                }
                out.append(DocumentSummary(f"{name}{year}{kind}", f"{dept}/{year}/{kind}/", name, dept, "某县", "p/x", year, kind, "", figures=figures))
    return out


def test_a_comparison_is_hashed_by_what_it_is_made_from_and_any_change_to_that_shows() -> None:
    from pubgen.compare import compare_pages

    def shown(page: Any) -> str:  # every field the page's template can read, hashed field by field
        return Digests().of([page.region_path, page.region, page.year, page.unit, page.years, page.tables])

    def made(page: Any) -> str:
        return Digests().of(page)

    base = compare_pages(_summaries(), {"p/x": "某县"}, "万元")
    assert base and [made(p) for p in base] == [made(p) for p in compare_pages(_summaries(), {"p/x": "某县"}, "万元")]

    def title(s: Any) -> None:
        s.title += "（更正）"

    def figure(s: Any) -> None:
        s.figures["income"] = SummaryFigure("1.00", "万元", Decimal("1.00"))

    def unit(s: Any) -> None:
        s.figures["three-public"] = SummaryFigure("120000", "元", Decimal("120000"))

    def caveat(s: Any) -> None:
        s.figures["three-public"] = SummaryFigure("12.00", "万元", Decimal("12.00"), caveat=True)

    def name(s: Any) -> None:
        s.department = "新名"

    def score(s: Any) -> None:
        s.figures["score"] = SummaryFigure("80", "分", Decimal("80"))
        s.grade = "良"

    from pubgen.summaries import SummaryFigure

    for change in (title, figure, unit, caveat, name, score):
        for at in range(len(_summaries())):
            summaries = _summaries()
            change(summaries[at])
            pages = compare_pages(summaries, {"p/x": "某县"}, "万元")
            assert [p.md_path for p in pages] == [p.md_path for p in base]
            for before, after in zip(base, pages):
                if shown(before) != shown(after):
                    assert made(before) != made(after), (change.__name__, at, after.md_path)
    assert made(base[0]) != made(compare_pages(_summaries(), {"p/x": "某县"}, "元")[0])


def _rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Markdown paths of the pages rendered from now on (the pages are still rendered, by the real writer)."""
    seen: list[str] = []
    real = render.PageWriter._render

    def noting(self: render.PageWriter, md_path: str, *args: Any) -> None:
        seen.append(md_path)
        real(self, md_path, *args)

    monkeypatch.setattr(render.PageWriter, "_render", noting)
    return seen


def _project(corpus: Project, tmp_path: Path) -> Project:
    root = tmp_path / "project"
    subprocess.run(["git", "clone", "-q", str(corpus.root), str(root)], check=True)
    return Project(root)


def _built(corpus: Project, tmp_path: Path) -> tuple[Project, Path, Path]:
    """A clone of the corpus built once with its cache: the project, its site and its record of rendered pages."""
    project = _project(corpus, tmp_path)
    site = tmp_path / "site"
    build(project, site, shard_size=SEVERAL, jobs=1)
    record = project.root / CACHE / "shards" / "assembly" / "pages" / RECORD
    assert record.is_file()
    return project, site, record


def _edit_title(path: Path, mark: str) -> None:
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    path.write_text(text.replace(title, title + mark, 1), encoding="utf-8")


def _year_of(path: Path) -> int:
    return int(path.name[:4])


def test_after_an_edit_only_the_pages_that_show_the_document_are_rendered(
    corpus: Project, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, site, record = _built(corpus, tmp_path)
    root = project.root
    rendered = _rendered(monkeypatch)
    build(project, site, shard_size=SEVERAL, jobs=1)
    # Nothing changed: no site-wide page is rendered (the feed is written from its own template, as always).
    assert rendered == []
    documents = sorted((root / "content" / "documents").rglob("*.yml"))
    edited = documents[len(documents) // 2]
    year = _year_of(edited)
    kept_files = record.parent / "files"
    files_before = {p.relative_to(kept_files).as_posix(): p.stat().st_ino for p in kept_files.rglob("*") if p.is_file()}
    _edit_title(edited, "（更正）")
    git(root, "commit", "-qam", "edit one title")
    build(project, site, shard_size=SEVERAL, jobs=1)
    # The lists' files: the edited document's year's is made again, the other years' are last build's files.
    files_after = {p.relative_to(kept_files).as_posix(): p.stat().st_ino for p in kept_files.rglob("*") if p.is_file()}
    assert files_after.keys() == files_before.keys()
    remade = {path for path in files_after if files_after[path] != files_before[path]}
    assert f"years/{year}/list.json" in remade
    # The catalogue and the package name every document's title: kept, and made again after the edit.
    assert {"data/documents.csv", "datapackage.json"} <= remade
    assert any(path.startswith("years/") for path in files_after.keys() - remade)
    for path in files_after:
        assert (site / path).read_bytes() == (kept_files / path).read_bytes()
    site_wide = set(json.loads(record.read_text(encoding="utf-8"))["pages"])
    pages = set(rendered) & site_wide  # not the edited department's own pages, which its shard renders
    assert f"years/{year}.md" in pages and "index.md" in pages
    other_years = {_year_of(d) for d in documents} - {year}
    assert other_years and not any(f"years/{y}.md" in pages for y in other_years), sorted(pages)
    assert len(pages) < len(site_wide) / 2, sorted(pages)
    fresh = tmp_path_factory.mktemp("fresh") / "site"
    build(project, fresh, shard_size=WHOLE, jobs=1, cache=False)
    assert first_difference(fresh, site) is None


def test_an_edit_renders_again_only_the_page_of_a_long_list_that_shows_the_document(
    corpus: Project, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing, "PAGE_SIZE", 3)  # the corpus's lists run to several pages
    project, site, _ = _built(corpus, tmp_path)
    root = project.root
    documents = sorted((root / "content" / "documents").rglob("*.yml"))
    edited = documents[len(documents) // 2]
    year = _year_of(edited)
    year_pages = sorted(p.relative_to(site).as_posix() for p in site.glob(f"years/{year}/page_*/index.html"))
    assert len(year_pages) >= 2, year_pages
    rendered = _rendered(monkeypatch)
    _edit_title(edited, "（更正）")
    git(root, "commit", "-qam", "edit one title")
    build(project, site, shard_size=SEVERAL, jobs=1)
    of_year = [md for md in rendered if md == f"years/{year}.md" or md.startswith(f"years/{year}/")]
    assert len(of_year) == 1, of_year
    shown = site / (f"years/{year}/index.html" if of_year[0] == f"years/{year}.md" else of_year[0][: -len(".md")] + "/index.html")
    assert "（更正）" in shown.read_text(encoding="utf-8")
    assert "每页 3 份" in shown.read_text(encoding="utf-8")
    fresh = tmp_path_factory.mktemp("fresh") / "site"
    build(project, fresh, shard_size=WHOLE, jobs=1, cache=False)
    assert first_difference(fresh, site) is None


def test_a_page_that_reads_the_site_map_is_rendered_when_what_it_read_changed(
    corpus: Project, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(corpus, tmp_path)
    root = project.root
    # Every year's page names the site's newest document: a year page then depends on documents of other years.
    template = root / "templates" / "year.md.j2"
    template.write_text(
        template.read_text(encoding="utf-8") + "\n最新文档：{{ site.documents[0].doc.title }}\n", encoding="utf-8"
    )
    git(root, "commit", "-qam", "year pages name the newest document")
    site = tmp_path / "site"
    build(project, site, shard_size=SEVERAL, jobs=1)
    documents = sorted((root / "content" / "documents").rglob("*.yml"))
    newest = max(_year_of(d) for d in documents)
    edited = next(d for d in documents if _year_of(d) == newest)
    rendered = _rendered(monkeypatch)
    fresh = tmp_path_factory.mktemp("fresh") / "site"
    for mark in ("（更正）", "（再更正）"):
        _edit_title(edited, mark)
        git(root, "commit", "-qam", "edit a title of the newest year")
        rendered.clear()
        build(project, site, shard_size=SEVERAL, jobs=1)
        build(project, fresh, shard_size=WHOLE, jobs=1, cache=False)
        assert first_difference(fresh, site) is None, mark
        # The other years' pages were rendered again for what they read of the site, not for what they list.
        assert any(p.startswith("years/") and not p.startswith(f"years/{newest}") for p in rendered), sorted(rendered)


def test_a_damaged_or_missing_record_renders_every_page(
    corpus: Project, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, site, record = _built(corpus, tmp_path)
    root = project.root
    every = set(json.loads(record.read_text(encoding="utf-8"))["pages"])
    rendered = _rendered(monkeypatch)
    documents = sorted((root / "content" / "documents").rglob("*.yml"))
    fresh = tmp_path_factory.mktemp("fresh") / "site"
    for n, damage in enumerate(['{"format": 1, "pages": {"index.md": ["x", [], "no"]}}', "{not json", None]):
        if damage is None:
            record.unlink()
        else:
            record.write_text(damage, encoding="utf-8")
        _edit_title(documents[n], f"（第{n}次）")
        git(root, "commit", "-qam", f"edit {n}")
        rendered.clear()
        build(project, site, shard_size=SEVERAL, jobs=1)
        assert every <= set(rendered)
        build(project, fresh, shard_size=WHOLE, jobs=1, cache=False)
        assert first_difference(fresh, site) is None


def test_an_assembly_that_fails_leaves_no_record(corpus: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project, site, record = _built(corpus, tmp_path)
    root = project.root
    documents = sorted((root / "content" / "documents").rglob("*.yml"))
    _edit_title(documents[0], "（更正）")
    git(root, "commit", "-qam", "edit")
    from pubgen.pagecache import PageCache

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    # The disk fills after the site-wide pages are rendered, before MkDocs builds them.
    monkeypatch.setattr(PageCache, "take_unchanged", failing)
    with pytest.raises(Exception):
        build(project, site, shard_size=SEVERAL, jobs=1)
    assert not record.exists()
    assert (site / "index.html").is_file()  # the published site stays
