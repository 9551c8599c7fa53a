"""Render stage: Jinja templates turn the site map into a plain Markdown tree.

Generated Markdown holds headings as Markdown and tables as HTML produced here
with every editor-supplied string escaped, so any Markdown builder reading
``mkdocs.yml`` can build it and no content can inject markup. Every value a
template prints is escaped for the file's format by :mod:`pubgen.escape`:
HTML text (one line, so no Markdown preprocessor reads a line of it) in the
pages, XML text in the feed, YAML strings in front matter.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import traceback
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, TemplateError, TemplateNotFound, TemplateSyntaxError, pass_context
from markupsafe import Markup

from . import model as m
from .derive import DepartmentPage, DocumentPage, SiteMap, own_glossary
from .errors import BuildFailed
from .escape import html_text, xml_text, yaml_string
from .charts import department_charts
from .data import DATA_PAGE, DATA_URL, DataPage, data_page, file_stem, spreadsheet_text, write_data
from .explain import for_readers
from .evaluation_view import execution_note, goal_labels, indicator_view, number_for, people_columns, scores_view, states_points
from .compiled import cache_for
from .glossary import Glossary, applicable, entry_key, own_anchor, pinyin_sorted, plain
from .headers import HeaderCell, HeaderColumn, add_columns, depth_of
from .compare import CHANGED, COLUMNS as COMPARE_COLUMNS, WATCHED
from .listing import figure_cells
from .indexpages import DataFile, IndexPage, department_list_pages, index_pages, latest_of
from .keyfigures import with_caveats
from .markdown import Rewrite, md_escape, to_html, to_inline_html
from .notes import Note, PageNotes, marker, page_notes
from .parallel import PARALLEL_FROM, Background
from .problems import Problem
from .progress import Progress
from .rendercache import Renders, SiteReads
from .shard import link
from .roles import ColumnSpec, cell_type, column_specs, row_specs
from .grouping import amount, grouped, grouped_in, is_money, is_money_unit
from .summaries import DocumentSummary, summarise
from .checks.base import table_key
from .checks.scores import grade_for


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


def frontmatter(value: str) -> Markup:
    """Quote a string for YAML front matter, exactly as written (the build escapes it for the theme)."""
    return yaml_string(value)


def _html_value(value: Any) -> Any:
    """What a page template prints: plain text becomes HTML text; markup made by pubgen passes."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return html_text(value)
    return value


def _xml_value(value: Any) -> Any:
    """What the feed template prints: plain text becomes XML text."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return xml_text(value)
    return value


def changed(page: DocumentPage) -> dt.date | None:
    """When a document last changed: its latest change, else its publication."""
    return page.updated or page.doc.published


LISTED_BESIDE = 200
"""Index pages from which half are written by another process (see :meth:`PageWriter.indexes`)."""

GLOSSARY_USERS = 20
"""The documents a glossary entry lists (the newest, in the site's order); the rest are counted and found by search."""


def newest(pages: list[DocumentPage]) -> dt.date | None:
    """The latest change among ``pages``: an index page changes when what it lists changes."""
    return max((d for d in map(changed, pages) if d is not None), default=None)


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


def environment(templates: Path, xml: bool = False) -> Environment:
    """The Jinja environment for pages (HTML in Markdown) or, with ``xml``, for the feed."""
    env = Environment(
        loader=FileSystemLoader(str(templates.resolve())),
        autoescape=True,
        finalize=_xml_value if xml else _html_value,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=cache_for("feed" if xml else "pages"),
    )
    env.filters["md"] = _md_filter
    env.filters["md_inline"] = _md_inline_filter
    env.globals["md_marked"] = _md_marked
    env.globals["md_inline_marked"] = _md_inline_marked
    env.filters["md_inline_unlinked"] = to_inline_html
    env.filters["mdesc"] = md_escape
    env.filters["plain"] = plain  # a definition shortened, its words as the glossary page shows them
    env.filters["fm"] = frontmatter
    env.filters["fmt"] = lambda d: "" if d is None else format(d, "f")
    # Amounts shown grouped in thousands (154,369,326), as the originals print them: the page only, never the data.
    env.filters["grouped"] = grouped
    env.filters["amount"] = amount
    env.filters["amount_in"] = lambda text, unit: grouped_in(text) if is_money_unit(unit) else text
    env.globals["KIND_NAMES"] = m.KIND_NAMES
    env.globals["KIND_STATUS"] = m.KIND_STATUS
    env.globals["grade_for"] = grade_for
    env.globals["table_view"] = table_view
    env.globals["table_id"] = table_id
    env.globals["table_anchor"] = table_anchor
    env.globals["table_csv_name"] = table_csv_name
    env.globals["indicator_view"] = indicator_view
    env.globals["execution_note"] = execution_note
    env.globals["scores_view"] = scores_view
    env.globals["states_points"] = states_points
    env.globals["goal_labels"] = goal_labels
    env.globals["people_columns"] = people_columns
    env.globals["own_anchor"] = own_anchor
    env.globals["number_for"] = number_for
    env.globals["department_charts"] = department_charts
    env.globals["isinstance"] = isinstance
    env.globals["m"] = m
    env.globals["list_cells"] = figure_cells
    env.globals["for_readers"] = for_readers
    env.globals["compare_columns"] = COMPARE_COLUMNS
    env.globals["compare_changed"] = CHANGED
    env.globals["compare_watched"] = WATCHED
    return env


@pass_context
def _md_filter(ctx: Any, text: str | None) -> Markup:
    """Markdown to HTML, linking glossary terms when the page has a linker."""
    return to_html(text, ctx.get("linker"))


@pass_context
def _md_inline_filter(ctx: Any, text: str | None) -> Markup:
    return to_inline_html(text, ctx.get("linker"))


def _with_marks(ctx: Any, notes: list[Note]) -> Rewrite | None:
    """The page's glossary linker, after the marks of ``notes`` are put after their figures."""
    linker = ctx.get("linker")
    if not notes:
        return linker  # type: ignore[no-any-return]
    mark = marker(notes)

    def both(tokens: list[Any]) -> None:
        mark(tokens)
        if linker is not None:
            linker(tokens)

    return both


@pass_context
def _md_marked(ctx: Any, text: str | None, notes: list[Note]) -> Markup:
    """Markdown to HTML as ``|md`` renders it, with a “注n” mark after each acknowledged figure of ``notes``."""
    return to_html(text, _with_marks(ctx, notes))


@pass_context
def _md_inline_marked(ctx: Any, text: str | None, notes: list[Note]) -> Markup:
    """One line of Markdown as ``|md_inline`` renders it, with a “注n” mark after each acknowledged figure of ``notes``."""
    return to_inline_html(text, _with_marks(ctx, notes))


# --------------------------------------------------------------------------- views


@dataclass(slots=True)
class CellView:
    text: str
    """What is printed in the cell."""
    kind: str
    """``number``, ``empty``, ``na`` or ``text``: decides alignment and the screen-reader label."""
    note: Note | None = None
    """The mark of an acknowledged discrepancy, and the note it links to."""


@dataclass(slots=True)
class RowView:
    label: str
    depth: int
    cells: list[CellView]
    note: str | None
    code: list[str] = field(default_factory=list)
    """The row's classification code as printed: one cell, or 类 / 款 / 项."""
    unit: str = ""
    """The unit of a row whose figures are not the table's amounts (人次), when its label does not print it."""
    breakdown: str = ""
    """On the first row of a group of parts, the way the group divides its row where the row is divided two ways
    (按收入性质分 / 按支出性质分 under 年度资金总额): without it the four parts read as one sum."""


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
    acknowledged: list[Note]
    """The acknowledged discrepancies in this table: each note's mark, and what readers are told (the reason included)."""
    header: list[list[HeaderCell]] = field(default_factory=list)
    """Header rows of the table, the row header and code columns first, merged where the source merges them."""
    side_title: str = ""
    """The printed header of a side of a two-sided table (收入 / 支出)."""
    sides: list[TableView] = field(default_factory=list)
    """The sides of a two-sided table, each with its own header and rows."""
    footnote: str | None = None
    number: str | None = None
    unit_note: str = ""
    """Printed after the table's unit when some rows have their own (人次、辆): they are no amounts."""
    empty_note_mark: Note | None = None
    """The mark of an acknowledged discrepancy of the table noted as empty (printed after that note)."""


_TYPE_WORDS = {"count": "数量", "number": "数值", "percent": "%", "area": "面积"}
"""What a row of its own type with no unit is, as its label says it."""


def _suffix(label: str, unit: str) -> str:
    """A unit to print after a label, unless the label already ends with it: 执行率（%）, 占比（％）, 增长率%,
    公务接待批次（单位：批）, 出国人次 人次."""
    return "" if not unit or states_unit(label, unit) else unit


_SYMBOL_UNITS = ("%", "‰")
"""Units a label prints right after its words (增长率%): a word such as 人次 may end a name without being its unit."""


def states_unit(label: str, unit: str) -> bool:
    """Whether ``label`` ends with ``unit``: in brackets, after 单位：, after a space, or, for %, right after its words.

    Full-width and half-width forms (％ %, （ (, ： :) are the same."""
    text, unit = unicodedata.normalize("NFKC", label).rstrip(), unicodedata.normalize("NFKC", unit).strip()
    if not unit:
        return False
    u = re.escape(unit)
    if re.search(rf"(?:\(\s*(?:单位\s*:?\s*)?{u}\s*\)|单位\s*:\s*{u}|\s{u})$", text):
        return True
    return unit in _SYMBOL_UNITS and text.endswith(unit)


def table_id(index: int) -> str:
    """The id of the table that is block ``index`` of a document (``pg-table-3``): the page's 目录 and key figures lead to
    it. Heading ids never start with ``pg-`` (see :func:`pubgen.escape.html_id`), so no heading takes it."""
    return f"pg-table-{index + 1}"


def table_anchor(doc: m.Document, field: str | None) -> str | None:
    """The id of the table a key figure was read from (its field starts with the table's key: ``three-public.total.…``),
    for the figure's card to lead to it; None when the figure is not read from a table (a computed rate, the score)."""
    head = (field or "").split(".", 1)[0]
    for i, block in enumerate(doc.body):
        if isinstance(block, m.Table) and table_key(block, i) == head:
            return table_id(i)
    return None


def table_csv_name(url: str, index: int) -> str:
    """The file name of the table that is block ``index``, beside its document's page: the document's data name and the
    table's number on the page (``…-2025-budget-table-20.csv``, the table of ``#pg-table-20``)."""
    return f"{file_stem(url)}-{table_id(index).removeprefix('pg-')}.csv"


def table_csv(table: m.Table, index: int, doc_unit: str) -> str:
    """A table shaped as the page prints it, for a reader opening it in Excel or WPS (the document's CSV has a row per
    figure, in English column codes, for programs).

    Its title, unit and notes come first, then one row of headers, those over several columns joined to the column's
    own (本年收入/一般公共预算), then each row's label and its cells as written (“——” as printed, a blank cell empty).
    Figures keep the original's digits without the page's thousands separators, so that a spreadsheet reads them as
    numbers; every text a spreadsheet might run as a formula starts with an apostrophe, as in the site's other CSVs.
    A two-sided table (收入 | 支出) keeps its sides side by side, as printed.
    """
    unit, unit_note = _table_unit(table, doc_unit)
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)

    def line(cells: list[str]) -> None:
        writer.writerow(cells)

    title = " ".join(t for t in (table.number, table.title) if t)
    if title:
        line([spreadsheet_text(title)])
    if unit:
        line([spreadsheet_text(f"金额单位：{unit}" + (f"（{unit_note}）" if unit_note else ""))])
    for note in table.notes:
        line([spreadsheet_text(note)])
    sides = [(g, _flat_header(table, g)) for g in table.grids()]
    heads: list[str] = []
    for grid, head in sides:
        side = grid.title if isinstance(grid, m.TableSide) and grid.title and len(sides) > 1 else ""
        heads += [f"{side}/{h}" if side else h for h in head]
    line([spreadsheet_text(h) for h in heads])
    grids = [(g, row_specs(g), column_specs(g)) for g in table.grids()]
    for ri in range(max((len(g.rows) for g in table.grids()), default=0)):
        cells: list[str] = []
        for (grid, rows, specs), (_, head) in zip(grids, sides):
            if ri >= len(grid.rows):
                cells += [""] * len(head)
                continue
            row = grid.rows[ri]
            codes = len(head) - len(specs) - 1
            code = row.code or ""
            cells += [code[:3], code[3:5], code[5:7]][:codes] if codes == 3 else [code[:3], code[3:]][:codes] if codes == 2 else [code] * codes
            own_unit = "" if rows[ri].type is None or rows[ri].unit_shown else rows[ri].unit or _TYPE_WORDS.get(rows[ri].type or "", "")
            suffix = _suffix(row.label, own_unit)
            label = row.label + (f"（{suffix}）" if suffix else "") + (f"（{row.note}）" if row.note else "")
            cells.append(spreadsheet_text(label))
            for ci in range(len(specs)):
                cell = grid.cells[ri][ci] if ri < len(grid.cells) and ci < len(grid.cells[ri]) else m.Cell(None, None, "empty")
                text = cell.text or ""
                cells.append(text if cell.state == "number" else spreadsheet_text(text))
        line(cells)
    for after in (table.empty_note, table.footnote):
        if after:
            line([spreadsheet_text(after)])
    return out.getvalue()


def _flat_header(table: m.Table, grid: m.Grid) -> list[str]:
    """The printed headers of a grid's columns, one per column: the headers over it and its own joined by “/”."""
    specs = column_specs(grid)
    coded = any(r.code for r in grid.rows)
    codes = {"three": 3, "two": 2}.get(table.codes, 1) if coded else 0
    head = [f"科目编码/{t}" for t in ("类", "款", "项")[:codes]] if codes > 1 else ["科目编码"] * codes
    head.append(grid.row_header)
    for spec in specs:
        suffix = _suffix(spec.label, spec.unit or ("%" if spec.type == "percent" else ""))
        head.append("/".join([*spec.group, spec.label + (f"（{suffix}）" if suffix else "")]))
    return head


def table_view(table: m.Table, index: int, doc_unit: str, problems: list[Problem] | PageNotes) -> TableView:
    """Prepare a table for printing: depths from the hierarchy, cells as printed, headers merged as in the source.

    ``problems`` is the page's numbered notes (``page.notes``: one numbering for the page, tables and text
    together), or a list of problems, numbered within this table."""
    key = table_key(table, index)
    acknowledged: list[Note]
    if isinstance(problems, PageNotes):
        acknowledged = problems.table(key)
    else:
        acknowledged = []
        for p in problems:
            if p.acknowledged and p.field.startswith(key + "."):
                acknowledged.append(Note(len(acknowledged) + 1, p.field, [for_readers(p, in_table=True)]))
    marks = {n.field: n for n in acknowledged}
    grids = table.grids()
    unit, unit_note = _table_unit(table, doc_unit)
    views = [_grid_view(table, g, f"{key}.{g.side}" if g.side else key, marks) for g in grids]
    view = views[0] if not table.sides else TableView("", "", [], "", [], [], False, None, [], sides=views)
    view.title = table.title or ""
    view.unit = unit
    view.notes = table.notes
    view.from_text = table.from_text
    view.empty_note = table.empty_note
    view.empty_note_mark = marks.get(f"{key}.empty_note")
    view.acknowledged = acknowledged
    view.footnote = table.footnote
    view.number = table.number
    view.unit_note = unit_note
    return view


def _table_unit(table: m.Table, doc_unit: str) -> tuple[str, str]:
    """The money unit printed over a table (none without money columns), and the note that rows of their own unit are not in it."""
    grids = table.grids()
    money = any(spec.type == "money" for g in grids for spec in column_specs(g))
    unit = (table.unit or doc_unit) if money else ""
    if unit and any(spec.type not in (None, "money") or spec.unit for g in grids for spec in row_specs(g)):
        return unit, "注明单位的行除外"
    return unit, ""


def _grid_view(table: m.Table, grid: m.Grid, key: str, marks: dict[str, Note]) -> TableView:
    specs = column_specs(grid)
    rows = row_specs(grid)
    keys = {r.key: r for r in rows}
    # Depth of each row in its table's hierarchy, walking each chain of parents once (a row written before its
    # parent is fine; a cycle, reported by the check, stops the walk).
    depth: dict[int, int] = {}
    for start in range(len(rows)):
        chain: list[int] = []
        on_chain: set[int] = set()
        i: int | None = start
        while i is not None and i not in depth and i not in on_chain:
            chain.append(i)
            on_chain.add(i)
            parent = rows[i].parent
            i = keys[parent].index if parent in keys else None
        d = depth.get(i, -1) + 1 if i is not None and i in depth else 0
        for j in reversed(chain):
            depth[j] = d
            d += 1
    columns = []
    for spec in specs:
        numeric = spec.type != "text"
        suffix = _suffix(spec.label, spec.unit or ("%" if spec.type == "percent" else ""))
        columns.append((spec.label, suffix, numeric))
    coded = any(r.code for r in grid.rows)
    code_columns = {"three": 3, "two": 2}.get(table.codes, 1) if coded else 0
    # The editor's own names of the ways a row is divided, where a row is divided in two ways or more.
    ways: dict[str | None, list[str]] = {}
    for ri, row in enumerate(grid.rows):
        if "breakdown" in row.model_fields_set and row.breakdown:
            named = ways.setdefault(rows[ri].parent, [])
            if row.breakdown not in named:
                named.append(row.breakdown)
    shown: set[tuple[str | None, str]] = set()
    out_rows = []
    for ri, row in enumerate(grid.rows):
        cells = []
        for ci, spec in enumerate(specs):
            cell = grid.cells[ri][ci] if ri < len(grid.cells) and ci < len(grid.cells[ri]) else m.Cell(None, None, "empty")
            text = cell.text or ""
            if cell.state == "number" and is_money(cell_type(rows[ri], spec)[0]):
                text = grouped(text)  # an amount as the original prints it: 154,369,326, every digit kept
            cells.append(CellView(text, cell.state, marks.get(f"{key}.{rows[ri].key}.{spec.id}")))
        code: list[str] = []
        if code_columns == 3:
            c = row.code or ""
            code = [c[:3], c[3:5], c[5:7]]
        elif code_columns == 2:
            c = row.code or ""
            code = [c[:3], c[3:]]
        elif code_columns == 1:
            code = [row.code or ""]
        spec_row = rows[ri]
        own_unit = "" if spec_row.type is None or spec_row.unit_shown else spec_row.unit or _TYPE_WORDS.get(spec_row.type, "")
        way = ""
        if "breakdown" in row.model_fields_set and row.breakdown and len(ways.get(spec_row.parent, ())) > 1:
            if (spec_row.parent, row.breakdown) not in shown:
                shown.add((spec_row.parent, row.breakdown))
                way = row.breakdown
        out_rows.append(RowView(row.label, depth[ri], cells, row.note, code, _suffix(row.label, own_unit), way))
    side_title = grid.title if isinstance(grid, m.TableSide) and grid.title else ""
    return TableView(
        title="",
        unit="",
        notes=[],
        row_header=grid.row_header,
        columns=columns,
        rows=out_rows,
        from_text=False,
        empty_note=None,
        acknowledged=[],
        header=_header(grid.row_header, code_columns, specs),
        side_title=side_title,
    )


def _header(row_header: str, code_columns: int, specs: list[ColumnSpec]) -> list[list[HeaderCell]]:
    """Header rows with merged cells: each column's groups above its label; equal neighbouring groups merge."""
    columns = [
        HeaderColumn(s.label, s.group, s.type != "text", _suffix(s.label, s.unit or ("%" if s.type == "percent" else ""))) for s in specs
    ]
    depth = max(depth_of(columns), 2 if code_columns > 1 else 1)
    rows: list[list[HeaderCell]] = [[] for _ in range(depth)]
    if code_columns > 1:
        rows[0].append(HeaderCell("科目编码", colspan=code_columns, rowspan=depth - 1, code_column=True))
        rows[-1].extend(HeaderCell(t, code_column=True) for t in ("类", "款", "项")[:code_columns])
    elif code_columns == 1:
        rows[0].append(HeaderCell("科目编码", rowspan=depth, code_column=True))
    rows[0].append(HeaderCell(row_header, rowspan=depth, rowhead=True))
    add_columns(rows, columns)
    return rows


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
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    pages = PageWriter(site, templates, out, preview, stale)
    children: list[Background[Any]] = []
    try:
        # The open-data files are written on the other core while this one renders the pages.
        data = Background(write_data, site, out)
        children.append(data)
        prepare(site.documents, problems)
        summaries = [summarise(page) for page in site.documents]
        pages.indexes(summaries)
        pages.departments(summaries, site.departments)
        pages.documents(site.documents, progress, children)
        written = data.join()
        pages.site_pages(data_page(site, out, written.counts))
        return RenderedTree(out, pages.count)
    except BaseException:
        for child in children:
            child.cancel()  # nothing more is wanted from them, and the tree is about to go
        raise


def prepare(documents: list[DocumentPage], problems: list[Problem]) -> None:
    """Give each document its acknowledged problems, before any page shows its key figures."""
    by_file: dict[str, list[Problem]] = {}
    for p in problems:
        by_file.setdefault(p.file, []).append(p)
    for page in documents:
        page.problems = [p for p in by_file.get(page.source_name, []) if p.acknowledged]
        page.notes = page_notes(page.doc, page.problems)
        page.untabled = page.notes.unmarked
        page.key_figures = with_caveats(page.key_figures, page.problems)
        page.parts = {k.id: k for k in with_caveats(list(page.parts.values()), page.problems)}
    # A comparison with a sibling document (same department, so in the same shard) marks a figure either page questions.
    questioned = {page.url: {k.id for k in page.key_figures if k.caveat} for page in documents}
    for page in documents:
        for c in page.comparisons:
            theirs = questioned.get(c.other_url or "", set())
            c.in_question = [(i in questioned[page.url], i in theirs) for i in c.ids]


class PageWriter:
    """Writes the pages of a site map as Markdown files: all of them, or one group at a time.

    A shard writes its documents' pages; the assembly writes the pages that list
    the whole site. ``site`` holds whatever those pages read: the full site map,
    or one made of documents' summaries (:mod:`pubgen.summary`).
    """

    def __init__(
        self,
        site: Any,
        templates: Path,
        out: Path,
        preview: list[Problem] | None = None,
        stale: list[str] | None = None,
        reuse: Renders | None = None,
        files_dir: Path | None = None,
    ) -> None:
        """With ``reuse`` (the assembly's record of the pages rendered last time), a page whose inputs are unchanged is
        not written; with ``files_dir``, the lists' and comparisons' files go there (into the site after MkDocs), not
        beside the pages, and their paths are listed in ``placed``."""
        self.site = site
        self.reuse = reuse
        self.files_dir = files_dir
        self.placed: list[str] = []
        """The site's paths of the lists' and comparisons' files put into ``files_dir``, each at ``stored[path]``."""
        self.stored: dict[str, Path] = {}
        self.templates = templates
        self.out = out
        self.preview = preview
        self.stale = stale or []
        self.env = environment(templates)
        self.count = 0
        self.dated: list[tuple[str, str, dt.date | None]] = []
        self.newest: dt.date | None = None
        """The newest date written into a page's front matter."""
        """Each page written: its Markdown file, its address and its change date."""
        self.glossary = Glossary(site.glossary)
        self._linkers: dict[tuple[str, tuple[tuple[str, tuple[str, ...], str], ...]], Glossary] = {}

    def compiled(self, template: str, md_path: str, within: Environment | None = None) -> Template:
        try:
            return (within or self.env).get_template(template)
        except TemplateError as exc:
            raise template_failure(exc, template, self.templates, md_path) from None

    def fill(self, template: str, md_path: str, within: Environment | None = None, **context: Any) -> str:
        page = self.compiled(template, md_path, within)
        try:
            return page.render(**context)
        except TemplateError as exc:
            raise template_failure(exc, template, self.templates, md_path) from None

    def write(self, md_path: str, template: str, url: str, lastmod: dt.date | None, **context: Any) -> None:
        given = self._given(md_path, template, url, lastmod, context)
        if not self._kept(md_path, url, lastmod, given):
            self._render(md_path, template, url, lastmod, given, context)

    def _given(self, md_path: str, template: str, url: str, lastmod: dt.date | None, context: dict[str, Any]) -> str | None:
        """The hash of what a page is given, when pages are reused (``None`` when not, or when it cannot be hashed)."""
        if self.reuse is None:
            return None
        return self.reuse.given(template, md_path, url, lastmod, dict(context, preview=self.preview, stale=self.stale))

    def _kept(self, md_path: str, url: str, lastmod: dt.date | None, given: str | None) -> bool:
        """Whether the page is the one rendered last time (and is then counted and dated, not written)."""
        if self.reuse is None or not self.reuse.unchanged(md_path, given, self.site):
            return False
        if self.reuse.dated(md_path) and lastmod is not None:
            self.newest = max(self.newest or lastmod, lastmod)
        self.dated.append((md_path, url, lastmod))
        self.count += 1
        return True

    def _render(self, md_path: str, template: str, url: str, lastmod: dt.date | None, given: str | None, context: dict[str, Any]) -> None:
        target = self.out / md_path
        target.parent.mkdir(parents=True, exist_ok=True)

        def link(to: str) -> str:
            return relative(url, to)

        site = self.site if self.reuse is None else SiteReads(self.site)
        text = self.fill(template, md_path, site=site, url=url, link=link, preview=self.preview, stale=self.stale, **context)
        dated = lastmod is not None and text.startswith("---\n")
        if lastmod is not None and dated:
            # The page's own change date, for the sitemap (see pubgen.build): never the day of the build.
            text = f"---\nlastmod: {yaml_string(lastmod.isoformat())}\n{text[4:]}"
            self.newest = max(self.newest or lastmod, lastmod)
        target.write_text(text, encoding="utf-8")
        if self.reuse is not None and isinstance(site, SiteReads):
            self.reuse.rendered(md_path, given, self.site, site.read, dated)
        self.dated.append((md_path, url, lastmod))
        self.count += 1

    def departments(self, summaries: list[DocumentSummary], departments: list[DepartmentPage]) -> None:
        """Each department's page, with the list of its documents and the charts of their figures."""
        self._listed(department_list_pages(summaries, self.site.regions, departments))

    def _listed(self, made: tuple[list[IndexPage], list[DataFile]], beside: bool = False) -> None:
        """Write the index pages of ``made``; with ``beside``, the second half in another process, on the other core."""
        todo: list[tuple[IndexPage, str | None]] = []
        for item in made[0]:
            # Which pages are unchanged is settled here, before any fork: each object is hashed once.
            given = self._given(item.md_path, item.template, item.url, item.lastmod, item.context)
            if not self._kept(item.md_path, item.url, item.lastmod, given):
                todo.append((item, given))
        files = made[1]
        half = len(todo) // 2 if beside and len(todo) >= LISTED_BESIDE and Background.forks() else len(todo)
        second = None
        if half < len(todo):
            for item, _ in todo[half:]:
                self.compiled(item.template, item.md_path)  # compiled once, before the fork
            second = Background(self._write_pages, todo[half:], len(self.dated))
        self._write_pages(todo[:half], len(self.dated))
        if second is not None:
            # The other half's dates after this half's: the order a single process writes them in.
            dated, newest_date, count, rendered = second.join()
            self.dated += dated
            self.count += count
            if newest_date is not None:
                self.newest = max(self.newest or newest_date, newest_date)
            if self.reuse is not None:
                self.reuse.now.update(rendered)
        for extra in files:
            self._data_file(extra)

    def _data_file(self, extra: DataFile) -> None:
        """Write a list's or comparison's file, or with ``files_dir``, put it there (kept from last time if its inputs are)."""
        if self.files_dir is not None:
            # One folder, the site's path kept beside: a folder made costs 0.1 ms on ext4, and a province has 1,000 lists.
            target = self.files_dir / "lists" / str(len(self.placed))
            if not self.placed:
                target.parent.mkdir(parents=True, exist_ok=True)
            self.placed.append(extra.path)
            self.stored[extra.path] = target
        else:
            target = self.out / extra.path
            target.parent.mkdir(parents=True, exist_ok=True)
        given = self.reuse.given_file(extra.path, extra.encoding, extra.make, extra.inputs) if self.reuse is not None else None
        kept = self.reuse.kept_file(extra.path, given) if self.reuse is not None else None
        if kept is not None:
            link(str(kept), str(target))
            return
        target.write_text(extra.text, encoding=extra.encoding, newline="")
        if self.reuse is not None:
            self.reuse.wrote_file(extra.path, given)

    def _write_pages(
        self, items: list[tuple[IndexPage, str | None]], since: int
    ) -> tuple[list[tuple[str, str, dt.date | None]], dt.date | None, int, dict[str, list[Any]]]:
        """Render ``items`` (each with the hash of what it is given); what they add to the pages' dates (those after
        the first ``since``), the newest date, their count and their keys."""
        count = self.count
        for item, given in items:
            self._render(item.md_path, item.template, item.url, item.lastmod, given, item.context)
        rendered = {item.md_path: self.reuse.now[item.md_path] for item, _ in items if item.md_path in self.reuse.now} if self.reuse else {}
        return self.dated[since:], self.newest, self.count - count, rendered

    def indexes(self, summaries: list[DocumentSummary], beside: bool = False) -> None:
        """The pages that list documents (home, years, kinds, regions, departments, comparisons), from summaries.

        With ``beside`` (the assembly, whose other core has little to do), half of the
        year, kind, region and comparison pages are written by another process.
        """
        site = self.site
        everything = newest(site.documents)
        self.write("index.md", "home.md.j2", "", everything, latest=latest_of(summaries))
        self.write("years/index.md", "years.md.j2", "years/", everything)
        self.write("kinds/index.md", "kinds.md.j2", "kinds/", everything)
        self.write("regions/index.md", "regions.md.j2", "regions/", everything)
        self.write("departments/index.md", "departments.md.j2", "departments/", everything)
        self._listed(index_pages(summaries, site.regions, None, site.site.unit), beside)

    def _glossary_of(self, page: DocumentPage) -> Glossary:
        """The glossary a page links to: its own 名词解释, and the site entries that apply to its region."""
        own = own_glossary(page.doc)
        key = (page.region.path, tuple((i.term, tuple(i.aliases), i.definition) for i in own))
        if key not in self._linkers:
            # The site entries a document defines itself stay in: their names and aliases lead to its own definition.
            entries = applicable(self.site.glossary, page.region.path)
            self._linkers[key] = Glossary(entries, own, anchors=self.glossary.anchors)
        return self._linkers[key]

    def _documents(self, pages: list[DocumentPage], shown: Progress | None) -> int:
        for page in pages:
            if page.original is not None:
                # Offered for download beside the page, so readers can check the page against what was published.
                folder = self.out / page.url
                folder.mkdir(parents=True, exist_ok=True)
                try:
                    shutil.copyfile(page.original.path, folder / page.original.site_name)
                except OSError as exc:
                    raise BuildFailed(
                        f"无法读取 {page.source_name} 的原文文件 {page.original.path.name}（{exc.strerror or exc}），没有发布。"
                        "请检查该文件能否打开，或把它移出 content/ 文件夹。"
                    ) from None
            self.write(
                page.md_path,
                "document.md.j2",
                page.url,
                changed(page),
                page=page,
                doc=page.doc,
                unit=page.doc.unit or self.site.site.unit,
                linker=self._glossary_of(page).linker(relative(page.url, "glossary/")),
                anchor=self.glossary.anchor,
            )
            # Each money table shaped as printed, beside the page that offers it (“下载本表（CSV）”).
            folder = self.out / page.url
            for i, block in enumerate(page.doc.body):
                if isinstance(block, m.Table):
                    folder.mkdir(parents=True, exist_ok=True)
                    text = table_csv(block, i, page.doc.unit or self.site.site.unit)
                    (folder / table_csv_name(page.url, i)).write_text(text, encoding="utf-8-sig", newline="")
            if shown:
                shown.advance()
        return len(pages)

    def documents(self, pages: list[DocumentPage], progress: Progress | None, children: list[Background[Any]] | None = None) -> None:
        """Each document's page; many of them are shared with another process, which renders the second half."""
        half = len(pages) // 2 if len(pages) >= PARALLEL_FROM and children is not None else len(pages)
        second = None
        if half < len(pages):
            self.compiled("document.md.j2", pages[half].md_path)  # compiled once, before the fork
            second = Background(self._documents, pages[half:], None)
            assert children is not None
            children.append(second)
        self.count += self._documents(pages[:half], progress)
        if second is not None:
            done = second.join()
            self.count += done
            if progress:
                progress.advance(done)

    def site_pages(self, data: DataPage) -> None:
        """Glossary, search, data page and feed."""
        site = self.site
        everything = newest(site.documents)
        users: dict[str, list[Any]] = {}
        used: dict[str, int] = {}
        for page in site.documents:
            for term in page.term_names:
                used[term] = used.get(term, 0) + 1
                # A province's common terms are used by tens of thousands of documents: the newest are listed.
                if used[term] <= GLOSSARY_USERS:
                    users.setdefault(term, []).append(page)
        region_names = {r.entry.path: "".join(r.entry.names) for r in site.regions}
        self.write(
            "glossary.md",
            "glossary.md.j2",
            "glossary/",
            newest([page for page in site.documents if page.term_names]),
            terms=pinyin_sorted(site.glossary),
            users=users,
            used=used,
            plain=plain,
            anchor=self.glossary.anchor,
            key=entry_key,
            scope=lambda t: "全国通用" if t.national else "、".join(region_names.get(r, r) for r in t.regions) + "（含下级地区）",
        )
        self.write("search.md", "search.md.j2", "search/", everything)
        self.write(DATA_PAGE, "data.md.j2", DATA_URL, everything, data=data)
        feed = sorted((p for p in site.documents if p.dated), key=lambda p: p.dated, reverse=True)[:50]
        # A document with no 发布日期 and no known change is left out rather than dated by the day of the build (a date
        # it never had, and a site that would differ each day it is built); the feed and the home page say how many.
        undated = sum(1 for p in site.documents if not p.dated)
        base = (site.site.base_url or "").rstrip("/")
        xml = environment(self.templates, xml=True)
        (self.out / "feed.xml").write_text(self.fill("feed.xml.j2", "feed.xml", xml, site=site, entries=feed, base=base, undated=undated), encoding="utf-8")
        assets = self.templates / "assets"
        if assets.is_dir():
            shutil.copytree(assets, self.out / "assets", dirs_exist_ok=True)
