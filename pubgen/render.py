"""Render stage: Jinja templates turn the site map into a plain Markdown tree.

Generated Markdown holds headings as Markdown and tables as HTML produced here
with every editor-supplied string escaped, so any Markdown builder reading
``mkdocs.yml`` can build it and no content can inject markup.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import traceback
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, TemplateError, TemplateNotFound, TemplateSyntaxError, pass_context
from markupsafe import Markup, escape

from . import model as m
from .derive import DocumentPage, SiteMap
from .errors import BuildFailed
from .charts import department_charts
from .data import DATA_PAGE, DATA_URL, data_page, write_data
from .glossary import Glossary, pinyin_key, plain
from .markdown import md_escape, to_html, to_inline_html
from .parallel import PARALLEL_FROM, Background
from .problems import Problem
from .progress import Progress
from .roles import column_specs, row_specs
from .validate import grade_for, table_key


@dataclass(slots=True)
class RenderedTree:
    """The generated Markdown tree, ready for MkDocs."""

    docs_dir: Path
    pages: int


def relative(from_url: str, to_url: str) -> str:
    """A link from one page's address to another's, both site-relative (``""`` is home)."""
    # posixpath.relpath does the same, at ten times the cost: this runs for every link of every page.
    base = [p for p in from_url.split("/") if p]
    target = [p for p in to_url.split("/") if p]
    same = 0
    while same < len(base) and same < len(target) and base[same] == target[same]:
        same += 1
    rel = "/".join([".."] * (len(base) - same) + target[same:]) or "."
    if to_url == "" or to_url.endswith("/"):
        return rel + "/"
    return rel


def frontmatter(value: str) -> str:
    """Quote a string for YAML front matter (JSON strings are valid YAML)."""
    # The theme prints page titles unescaped in places: escape here, once.
    return Markup(json.dumps(str(escape(value)), ensure_ascii=False))


def template_failure(exc: TemplateError, template: str, templates: Path, md_path: str) -> BuildFailed:
    """What a broken or missing template means, for the editor, with the line to look at."""
    if isinstance(exc, TemplateNotFound):
        return BuildFailed(
            f"模板 templates/{exc.name} 不存在（生成 {md_path} 时需要它）。"
            f"请把 pubgen 自带的 templates/{exc.name} 复制到 {templates}。"
        )
    if isinstance(exc, TemplateSyntaxError):
        name = exc.name or template
        return BuildFailed(f"模板 templates/{name} 第 {exc.lineno} 行有语法错误：{exc.message}")
    line = ""
    folder = str(templates.resolve())
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.startswith(folder):
            line = f"templates/{Path(frame.filename).relative_to(folder).as_posix()} 第 {frame.lineno} 行"
            break
    return BuildFailed(f"模板出错（{line or 'templates/' + template}，生成 {md_path} 时）：{exc.message or type(exc).__name__}")


def environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates.resolve())),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md_filter
    env.filters["md_inline"] = _md_inline_filter
    env.filters["md_inline_unlinked"] = to_inline_html
    env.filters["mdesc"] = md_escape
    env.filters["fm"] = frontmatter
    env.filters["fmt"] = lambda d: "" if d is None else format(d, "f")
    env.globals["KIND_NAMES"] = m.KIND_NAMES
    env.globals["KIND_STATUS"] = m.KIND_STATUS
    env.globals["grade_for"] = grade_for
    env.globals["table_view"] = table_view
    env.globals["indicator_view"] = indicator_view
    env.globals["number_for"] = number_for
    env.globals["department_charts"] = department_charts
    env.globals["isinstance"] = isinstance
    env.globals["m"] = m
    return env


@pass_context
def _md_filter(ctx: Any, text: str | None) -> Markup:
    """Markdown to HTML, linking glossary terms when the page has a linker."""
    return to_html(text, ctx.get("linker"))


@pass_context
def _md_inline_filter(ctx: Any, text: str | None) -> Markup:
    return to_inline_html(text, ctx.get("linker"))


# --------------------------------------------------------------------------- views


@dataclass(slots=True)
class CellView:
    text: str
    """What is printed in the cell."""
    kind: str
    """``number``, ``empty``, ``na`` or ``text``: decides alignment and the screen-reader label."""
    note: str | None = None
    """Marker of an acknowledged discrepancy."""


@dataclass(slots=True)
class RowView:
    label: str
    depth: int
    cells: list[CellView]
    note: str | None


@dataclass(slots=True)
class TableView:
    title: str
    unit: str
    notes: list[str]
    row_header: str
    columns: list[tuple[str, str, bool]]
    """(label, unit suffix, numeric?) per column."""
    rows: list[RowView]
    from_text: bool
    empty_note: str | None
    acknowledged: list[tuple[str, str, str]]
    """(mark, where, reason) of acknowledged discrepancies in this table."""


def table_view(table: m.Table, index: int, doc_unit: str, problems: list[Problem]) -> TableView:
    """Prepare a table for printing: depths from the hierarchy, cells as printed."""
    specs = column_specs(table)
    rows = row_specs(table)
    keys = {r.key: r for r in rows}
    depth: dict[int, int] = {}

    def depth_of(i: int) -> int:
        # Up the chain of parents to a row whose depth is known, a top row or a loop; then down again.
        # Every row is walked once, without recursion, however deep the hierarchy.
        path: list[int] = []
        on_path: set[int] = set()
        at: int | None = i
        while at is not None and at not in depth and at not in on_path:
            path.append(at)
            on_path.add(at)
            parent_key = rows[at].parent
            parent = keys.get(parent_key) if parent_key is not None else None
            at = parent.index if parent is not None else None
        d = depth[at] + 1 if at is not None and at in depth else 0
        for row in reversed(path):
            depth[row] = d
            d += 1
        return depth[i]

    key = table_key(table, index)
    marks: dict[str, str] = {}
    acknowledged: list[tuple[str, str, str]] = []
    for p in problems:
        if p.acknowledged and p.field.startswith(key + "."):
            mark = f"注{len(acknowledged) + 1}"
            marks[p.field] = mark
            acknowledged.append((mark, p.message, p.acknowledged))
    unit = (table.unit or doc_unit) if any(spec.type == "money" for spec in specs) else ""
    columns = []
    for spec in specs:
        numeric = spec.type != "text"
        suffix = ""
        if spec.unit:
            suffix = spec.unit
        elif spec.type == "percent":
            suffix = "%"
        columns.append((spec.label, suffix, numeric))
    out_rows = []
    for ri, row in enumerate(table.rows):
        cells = []
        for ci, spec in enumerate(specs):
            cell = table.cells[ri][ci] if ri < len(table.cells) and ci < len(table.cells[ri]) else m.Cell(None, None, "empty")
            text = cell.text or ""
            cells.append(CellView(text, cell.state, marks.get(f"{key}.{rows[ri].key}.{spec.id}")))
        out_rows.append(RowView(row.label, depth_of(ri), cells, row.note))
    return TableView(
        title=table.title or "",
        unit=unit,
        notes=table.notes,
        row_header=table.row_header,
        columns=columns,
        rows=out_rows,
        from_text=table.from_text,
        empty_note=table.empty_note,
        acknowledged=acknowledged,
    )


_INDICATOR_COLUMNS = (
    ("level1", "一级指标"),
    ("level2", "二级指标"),
    ("name", "三级指标"),
    ("description", "指标描述"),
    ("target", "指标值"),
    ("basis", "指标值确定依据"),
    ("actual", "实际完成值"),
    ("completion", "完成情况"),
    ("weight", "分值"),
    ("score", "得分"),
    ("reason_category", "未完成原因类别"),
    ("reason", "原因说明"),
    ("improvement", "改进措施"),
    ("scoring_rule", "评分规则"),
)


@dataclass(slots=True)
class IndicatorView:
    columns: list[tuple[str, str]]
    rows: list[list[tuple[str, int]]]
    """Per row, per column: (text, rowspan); rowspan 0 means covered by the cell above."""


def number_for(block: m.ListBlock | m.Goals, index: int) -> str:
    """The printed number of a list item: as listed, or from the numbering pattern."""
    if block.numbers and index < len(block.numbers):
        return block.numbers[index]
    return block.numbering.replace("1", str(index + 1), 1)


def indicator_view(block: m.Indicators) -> IndicatorView:
    """Fill omitted level-1/level-2 names from the row above and merge equal runs."""
    filled: list[dict[str, str]] = []
    last1 = last2 = ""
    for row in block.rows:
        values: dict[str, str] = {}
        for attr, _ in _INDICATOR_COLUMNS:
            v = getattr(row, attr)
            values[attr] = "" if v is None else (format(v, "f") if isinstance(v, Decimal) else str(v))
        if not values["level1"]:
            values["level1"] = last1
        elif values["level1"] != last1:
            last2 = ""
        if not values["level2"]:
            values["level2"] = last2
        last1, last2 = values["level1"], values["level2"]
        filled.append(values)
    columns = [(a, block.labels.get(a, label)) for a, label in _INDICATOR_COLUMNS if any(v[a] for v in filled)]
    grid: list[list[tuple[str, int]]] = [[(v[a], 1) for a, _ in columns] for v in filled]
    for ci, (attr, _) in enumerate(columns):
        if attr not in ("level1", "level2"):
            continue
        start = 0
        for ri in range(1, len(filled) + 1):
            same = (
                ri < len(filled)
                and filled[ri][attr] == filled[start][attr]
                and (attr == "level1" or filled[ri]["level1"] == filled[start]["level1"])
            )
            if not same:
                grid[start][ci] = (grid[start][ci][0], ri - start)
                for k in range(start + 1, ri):
                    grid[k][ci] = ("", 0)
                start = ri
    return IndicatorView(columns, grid)


# --------------------------------------------------------------------------- pages


def render(
    site: SiteMap,
    templates: Path,
    out: Path,
    problems: list[Problem],
    preview: list[Problem] | None = None,
    stale: list[str] | None = None,
    progress: Progress | None = None,
) -> RenderedTree:
    """Write every page of ``site`` as Markdown under ``out``.

    In a preview, ``preview`` holds every problem found, shown on the home page
    and on the pages of the files they belong to; ``stale`` names files shown in
    their last readable version.
    """
    env = environment(templates)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    children: list[Background[Any]] = []
    try:
        return _render_into(site, env, templates, out, problems, preview, stale, progress, children)
    except BaseException:
        for child in children:
            child.cancel()  # nothing more is wanted from them, and the tree is about to go
        raise


def _render_into(
    site: SiteMap,
    env: Environment,
    templates: Path,
    out: Path,
    problems: list[Problem],
    preview: list[Problem] | None,
    stale: list[str] | None,
    progress: Progress | None,
    children: list[Background[Any]],
) -> RenderedTree:
    """The pages of :func:`render`; every process started is added to ``children``."""
    # The open-data files are written on the other core while this one renders the pages.
    data = Background(write_data, site, out)
    children.append(data)
    count = 0
    by_file: dict[str, list[Problem]] = {}
    for p in problems:
        by_file.setdefault(p.file, []).append(p)

    def compiled(template: str, md_path: str) -> Template:
        try:
            return env.get_template(template)
        except TemplateError as exc:
            raise template_failure(exc, template, templates, md_path) from None

    def fill(template: str, md_path: str, **context: Any) -> str:
        page = compiled(template, md_path)
        try:
            return page.render(**context)
        except TemplateError as exc:
            raise template_failure(exc, template, templates, md_path) from None

    def write(md_path: str, template: str, url: str, **context: Any) -> None:
        nonlocal count
        target = out / md_path
        target.parent.mkdir(parents=True, exist_ok=True)

        def link(to: str) -> str:
            return relative(url, to)

        text = fill(template, md_path, site=site, url=url, link=link, preview=preview, stale=stale or [], **context)
        target.write_text(text, encoding="utf-8")
        count += 1

    latest = sorted(site.documents, key=lambda p: p.dated or dt.date.min, reverse=True)[:10]
    write("index.md", "home.md.j2", "", latest=latest)
    write("years/index.md", "years.md.j2", "years/")
    for year, docs in site.years.items():
        write(f"years/{year}.md", "year.md.j2", f"years/{year}/", year=year, documents=docs)
    write("kinds/index.md", "kinds.md.j2", "kinds/")
    for kind, docs in site.kinds.items():
        write(f"kinds/{kind}.md", "kind.md.j2", f"kinds/{kind}/", kind=kind, documents=docs)
    write("regions/index.md", "regions.md.j2", "regions/")
    for region in site.regions:
        write(region.md_path, "region.md.j2", region.url, region=region)
    write("departments/index.md", "departments.md.j2", "departments/")
    for dept in site.departments:
        write(dept.md_path, "department.md.j2", dept.url, department=dept)
    glossary = Glossary(site.glossary)
    for page in site.documents:
        page.problems = [p for p in by_file.get(page.source_name, []) if p.acknowledged]
        tables = {table_key(b, i) for i, b in enumerate(page.doc.body) if isinstance(b, m.Table)}
        page.untabled = [p for p in page.problems if p.field.split(".", 1)[0] not in tables]

    def documents(pages: list[DocumentPage], shown: Progress | None) -> int:
        for page in pages:
            write(
                page.md_path,
                "document.md.j2",
                page.url,
                page=page,
                doc=page.doc,
                unit=page.doc.unit or site.site.unit,
                linker=glossary.linker(relative(page.url, "glossary/")),
            )
            if shown:
                shown.advance()
        return len(pages)

    # Many documents: the second half is rendered by another process while this one renders the first.
    half = len(site.documents) // 2 if len(site.documents) >= PARALLEL_FROM else len(site.documents)
    second = None
    if half < len(site.documents):
        compiled("document.md.j2", site.documents[half].md_path)  # compiled once, before the fork
        second = Background(documents, site.documents[half:], None)
        children.append(second)
    documents(site.documents[:half], progress)
    if second is not None:
        done = second.join()
        count += done
        if progress:
            progress.advance(done)
    users: dict[str, list[DocumentPage]] = {}
    for page in site.documents:
        for term in page.terms:
            users.setdefault(term.term, []).append(page)
    write(
        "glossary.md",
        "glossary.md.j2",
        "glossary/",
        terms=sorted(site.glossary, key=lambda t: pinyin_key(t.term)),
        users=users,
        plain=plain,
    )
    write("search.md", "search.md.j2", "search/")
    written = data.join()
    write(DATA_PAGE, "data.md.j2", DATA_URL, data=data_page(site, out, written.counts))
    feed = sorted((p for p in site.documents if p.dated), key=lambda p: p.dated, reverse=True)[:50]  # type: ignore[arg-type, return-value]
    (out / "feed.xml").write_text(
        fill("feed.xml.j2", "feed.xml", site=site, entries=feed, base=(site.site.base_url or "").rstrip("/")),
        encoding="utf-8",
    )
    assets = templates / "assets"
    if assets.is_dir():
        shutil.copytree(assets, out / "assets", dirs_exist_ok=True)
    return RenderedTree(out, count)

