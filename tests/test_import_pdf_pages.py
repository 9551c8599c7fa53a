"""What a PDF prints around its tables, built at test time and imported as an editor would.

Running headers and footers that carry the department's name and the page number, pages that
are only a picture, and notes under a table that wrap onto a second line: each must leave the
tables whole, the document's text clean, and say what could not be read.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from pubgen.importers import read_file
from pubgen.importers.structure import Heading, Paragraph
from pubgen.importers.summary import outcome_text
from pubgen.importers.writer import Options, run

from .conftest import ROOT

from .test_import_national import (
    INCOME_HEADER,
    INCOME_WIDTHS,
    ROW_H,
    THREE_PUBLIC_HEADER,
    THREE_PUBLIC_WIDTHS,
    BodyRow,
    _entries,
    _import,
    _pdf,
    _pdf_grid,
    _pdf_title,
    needs_pdf,
)

pytestmark = needs_pdf

D = Decimal
DEPARTMENT = "某某省某某市某某区某某局"


def _row(code: str, name: str, amount: str) -> BodyRow:
    parts = [code[:3], code[3:5], code[5:7]]
    return ([*parts, name, D(amount), D(amount), None], None)


TOTAL: BodyRow = (["合计", "", "", "", D("1000.00"), D("1000.00"), None], (0, 3))
FIRST_PAGE: list[BodyRow] = [
    TOTAL,
    _row("201", "一般公共服务支出", "600.00"),
    _row("20103", "政府办公厅（室）及相关机构事务", "600.00"),
    _row("2010301", "行政运行", "400.00"),
    _row("2010302", "一般行政管理事务", "200.00"),
    _row("208", "社会保障和就业支出", "300.00"),
    _row("20805", "行政事业单位养老支出", "300.00"),
]
NEXT_PAGE: list[BodyRow] = [
    _row("2080505", "机关事业单位基本养老保险缴费支出", "300.00"),
    _row("221", "住房保障支出", "100.00"),
    _row("22102", "住房改革支出", "100.00"),
    _row("2210201", "住房公积金", "100.00"),
]
LABELS = ["合计", *(str(values[3]) for values, _merged in FIRST_PAGE[1:] + NEXT_PAGE)]


# ---------------------------------------------------------------------------- running headers and footers


def _running_line(pdf, number: int, where: str) -> None:  # type: ignore[no-untyped-def]
    """The department's name at the left and 第 N 页 at the right, in the footer or the header, as Word prints them."""
    pdf.set_font("cjk", size=9)
    y = 198.0 if where == "footer" else 4.0
    name = DEPARTMENT if where == "footer" else f"{DEPARTMENT}2023年度部门决算"
    pdf.set_xy(20, y)
    pdf.cell(120, 5, name)
    pdf.set_xy(200, y)
    pdf.cell(77, 5, f"第 {number} 页", align="R")
    pdf.set_font("cjk", size=10)


def _heading(pdf, text: str, y: float) -> None:  # type: ignore[no-untyped-def]
    pdf.set_font("cjk", size=16)
    pdf.set_xy(20, y)
    pdf.cell(200, 10, text)
    pdf.set_font("cjk", size=10)


def _with_running_lines(where: str) -> bytes:
    """A 决算 whose every page, the cover too, prints the department and the page number in one margin line."""
    pdf = _pdf()  # the cover
    pdf.add_page()
    _heading(pdf, "第一部分 部门概况", 20)
    pdf.set_font("cjk", size=11)
    pdf.set_xy(20, 36)
    pdf.multi_cell(257, 7, "　　本部门负责全区某某工作，纳入2023年度部门决算编制范围的单位只有本级。")
    pdf.add_page()
    _heading(pdf, "第二部分 2023年度部门决算表", 20)
    pdf.add_page()
    _pdf_grid(pdf, _pdf_title(pdf, "收入决算表", y=20), INCOME_WIDTHS, INCOME_HEADER, FIRST_PAGE)
    pdf.add_page()
    _pdf_grid(pdf, 20, INCOME_WIDTHS, INCOME_HEADER, NEXT_PAGE)
    pdf.add_page()
    _heading(pdf, "第三部分 2023年度部门决算情况说明", 20)
    pdf.set_font("cjk", size=11)
    pdf.set_xy(20, 36)
    pdf.multi_cell(257, 7, "　　2023年度本年收入合计1000.00万元，全部为财政拨款收入。")
    for page in range(1, pdf.page + 1):
        pdf.page = page
        _running_line(pdf, page, where)
    return bytes(pdf.output())


@pytest.mark.parametrize("where", ["footer", "header"])
def test_a_running_line_with_the_department_and_the_page_number_is_left_out(tmp_path: Path, where: str) -> None:
    """“某某局 … 第 N 页” differs on every page only by its number: it cut the table at the page break (the rest an
    untitled table, the 合计 “wrong” by the rows lost), went into the document's title and swallowed the headings."""
    path = tmp_path / "决算.pdf"
    path.write_bytes(_with_running_lines(where))
    document = read_file(str(path))
    (table,) = document.tables
    assert table.title == "收入决算表"
    assert _entries(table) == LABELS
    assert table.origin.pages == (4, 5)
    assert document.cover.title == "某某区2023年度部门决算"
    texts = [block.text for block in document.body if isinstance(block, (Heading, Paragraph))]
    assert not any("第" in text and "页" in text for text in texts), texts
    assert [(block.numbering, block.text) for block in document.body if isinstance(block, Heading)][:3] == [
        ("第一部分", "部门概况"),
        ("第二部分", "2023年度部门决算表"),
        ("第三部分", "2023年度部门决算情况说明"),
    ]
    assert not any(note.code == "table-without-title" for note in document.notes)
    text, errors = _import(tmp_path, path)
    assert errors == []
    assert "title: 某某区2023年度部门决算\n" in text
    assert "页" not in text.split("body:", 1)[1].split("    role: final-income", 1)[0]


# ---------------------------------------------------------------------------- pictures


def _report(tmp_path: Path, source: Path) -> tuple[str, str]:
    """Import into an empty project; the written document and what the command prints."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    return item.target.read_text(encoding="utf-8"), outcome_text(outcome, content)


def _picture(tmp_path: Path, name: str, size: tuple[int, int], shade: str = "#dddddd") -> str:
    """A grey picture with dark stripes, as a scanned table looks: no text in it for a reader to find."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for y in range(0, size[1], 20):
        draw.line([(0, y), (size[0], y)], fill="black", width=2)
    draw.rectangle([10, 10, size[0] // 3, 30], fill=shade)
    path = tmp_path / name
    image.save(path)
    return str(path)


def _with_pictures(tmp_path: Path) -> bytes:
    """收入决算表 as text; a scanned page; 支出决算表's title and unit over a picture of the table; a logo and a
    watermark that are no content."""
    pdf = _pdf()
    pdf.image(_picture(tmp_path, "logo.png", (120, 120)), x=135, y=30, w=25)  # a seal on the cover
    pdf.add_page()
    _pdf_grid(pdf, _pdf_title(pdf, "收入决算表", y=20), INCOME_WIDTHS, INCOME_HEADER, [*FIRST_PAGE, *NEXT_PAGE])
    pdf.add_page()  # page 3: a scan of 支出决算表, and nothing else
    pdf.image(_picture(tmp_path, "scan.png", (1200, 800)), x=10, y=10, w=277)
    pdf.add_page()  # page 4: the title, 公开03表 and the unit line in text, the table a picture
    top = _pdf_title(pdf, "财政拨款收入支出决算表", y=20, mark="公开04表")
    pdf.image(_picture(tmp_path, "table.png", (1200, 400)), x=20, y=top, w=250)
    pdf.add_page()  # page 5: narrative printed over a light watermark
    pdf.image(_picture(tmp_path, "watermark.png", (1200, 300), "#f4f4f4"), x=20, y=30, w=250)
    _heading(pdf, "第三部分 2023年度部门决算情况说明", 20)
    pdf.set_font("cjk", size=11)
    for index in range(3):
        pdf.set_xy(20, 36 + index * 8)
        pdf.cell(250, 7, "　　2023年度本年收入合计1000.00万元，全部为财政拨款收入。")
    return bytes(pdf.output())


def test_a_scanned_page_and_a_table_pasted_as_a_picture_are_reported(tmp_path: Path) -> None:
    """A page that is only a scan, and a table pasted as a picture under its printed title, were lost without a word
    (or reported as a table “without rules”): the editor published a 决算 short of two statutory tables."""
    path = tmp_path / "决算.pdf"
    path.write_bytes(_with_pictures(tmp_path))
    document = read_file(str(path))
    assert [t.title for t in document.tables] == ["收入决算表"]
    text, printed = _report(tmp_path, path)
    unplaced = printed.split("未能放入（请对照原文处理）：\n", 1)[1].split("\n\n", 1)[0]
    assert "第 3 页只有图片，没有文字层（可能是扫描页）" in unplaced
    assert "第 4 页的“财政拨款收入支出决算表”印成了一张图片" in unplaced
    assert "没有表格框线" not in printed
    # Neither the cover's seal nor the watermark under the narrative is a picture of content.
    assert "第 1 页" not in unplaced and "第 5 页" not in unplaced
    # The picture's title and unit line are not written as a heading and a paragraph of their own.
    assert "财政拨款收入支出决算表" not in text and "金额单位" not in text
    assert "全部为财政拨款收入。" in text


@pytest.mark.parametrize("printed", ["picture", "unruled"])
def test_a_pdf_whose_tables_cannot_be_read_is_refused_naming_them(tmp_path: Path, printed: str) -> None:
    """The refusal said “没有找到预决算公开表格…请确认这是部门预算或决算公开文件” of a 决算 printing the titles: the
    reason (no rules, a picture) was known and dropped."""
    from pubgen.importers import NotADisclosure

    pdf = _pdf()
    pdf.add_page()
    top = _pdf_title(pdf, "收入决算表", y=20)
    if printed == "picture":
        pdf.image(_picture(tmp_path, "table.png", (1200, 400)), x=20, y=top, w=250)
    else:
        for index, (values, _merged) in enumerate([TOTAL, *FIRST_PAGE[1:]]):
            pdf.set_xy(20, top + index * 8)
            pdf.cell(0, 8, "    ".join(str(value) for value in values if value not in (None, "")))
    path = tmp_path / "决算.pdf"
    path.write_bytes(bytes(pdf.output()))
    with pytest.raises(NotADisclosure) as caught:
        read_file(str(path))
    message = caught.value.format_message()
    assert "第 2 页“收入决算表”" in message
    assert ("图片" if printed == "picture" else "框线") in message
    assert "请确认这是部门预算或决算公开文件" not in message


# ---------------------------------------------------------------------------- notes under a table

FOOTNOTE = (
    "注：1.本表反映部门本年度取得的各项收入情况。本部门年初结转和结余中一般公共预算财政拨款35.60万元、"
    "政府性基金预算财政拨款15.00万元、非财政拨款12.40万元，均已在收入支出决算总表中列示。"
)
SECOND_NOTE = "2.本表金额单位为万元。"
THREE_PUBLIC_NOTE = (
    "注：本部门2023年度没有使用一般公共预算财政拨款安排“三公”经费支出，因公出国（境）费、公务用车购置及运行费、"
    "公务接待费的预算数和决算数均为零，故本表无数据。"
)
STATE_CAPITAL_NOTE = "本部门2023年度没有国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出，故本表无数据。"


def _wrapped_notes() -> bytes:
    """Notes wrapped at the table's width, as Word and WPS set them, on a full table, an empty table and an unruled one."""
    pdf = _pdf()
    pdf.add_page()
    bottom = _pdf_grid(pdf, _pdf_title(pdf, "收入决算表", y=20), INCOME_WIDTHS, INCOME_HEADER, [*FIRST_PAGE, *NEXT_PAGE])
    pdf.set_xy(20, bottom + 3)
    pdf.multi_cell(sum(INCOME_WIDTHS), 5, FOOTNOTE)
    pdf.set_x(20)
    pdf.multi_cell(sum(INCOME_WIDTHS), 5, SECOND_NOTE)
    pdf.add_page()
    top = _pdf_title(pdf, "财政拨款“三公”经费支出决算表", y=20)
    bottom = _pdf_grid(pdf, top, THREE_PUBLIC_WIDTHS, THREE_PUBLIC_HEADER, [([None] * 12, None)])
    pdf.set_xy(20, bottom + 3)
    pdf.multi_cell(sum(THREE_PUBLIC_WIDTHS), 5, THREE_PUBLIC_NOTE)
    pdf.add_page()
    top = _pdf_title(pdf, "国有资本经营预算财政拨款收入支出决算表", y=20)
    pdf.set_xy(20, top + 4)
    pdf.multi_cell(120, 6, STATE_CAPITAL_NOTE)
    return bytes(pdf.output())


def test_a_note_wrapped_onto_a_second_line_is_one_note(tmp_path: Path) -> None:
    """Each printed line was a note of its own: the empty note ended “…故本表无数” with a footnote “据。”, a footnote
    read “…政府性基\\n金预算…”, and an unruled empty table kept only its first line."""
    path = tmp_path / "决算.pdf"
    path.write_bytes(_wrapped_notes())
    document = read_file(str(path))
    income, three, capital = document.tables
    assert income.notes == [FOOTNOTE, SECOND_NOTE]
    assert three.empty and three.notes == [THREE_PUBLIC_NOTE]
    text, errors = _import(tmp_path, path)
    assert f'footnote: "{FOOTNOTE}\\n{SECOND_NOTE}"' in text
    assert f"empty_note: {THREE_PUBLIC_NOTE}" in text
    assert f"empty_note: {STATE_CAPITAL_NOTE}" in text
    assert text.count("footnote:") == 1
    assert errors == []


# ---------------------------------------------------------------------------- a row broken across pages


def _row_broken_across_pages() -> bytes:
    """收入决算表 whose row 2080505 breaks at the page foot, as Word (允许跨行断页) and browsers print it: the row's first
    part has no rule under it, its column rules run on to the page foot; the next page repeats the header and goes on
    with the end of the row's name, with no code and no figure."""
    pdf = _pdf()
    pdf.add_page()
    top = _pdf_title(pdf, "收入决算表", y=20)
    bottom = _pdf_grid(pdf, top, INCOME_WIDTHS, INCOME_HEADER, FIRST_PAGE)
    xs = [20.0]
    for width in INCOME_WIDTHS:
        xs.append(xs[-1] + width)
    for x in xs:
        pdf.line(x, bottom, x, bottom + 2 * ROW_H)
    pdf.set_font("cjk", size=8)
    for col, text in [(0, "208"), (1, "05"), (2, "05"), (3, "机关事业单位基本"), (4, "300.00"), (5, "300.00")]:
        pdf.set_xy(xs[col] + 0.5, bottom)
        pdf.cell(xs[col + 1] - xs[col] - 1, ROW_H, text, align="R" if col >= 4 else "L")
    pdf.set_xy(xs[3] + 0.5, bottom + ROW_H)
    pdf.cell(xs[4] - xs[3] - 1, ROW_H, "养老", align="L")  # the name wraps inside its cell
    pdf.add_page()
    rest: BodyRow = (["", "", "", "保险缴费支出", None, None, None], None)
    _pdf_grid(pdf, 20, INCOME_WIDTHS, INCOME_HEADER, [rest, *NEXT_PAGE[1:]])
    return bytes(pdf.output())


def test_a_row_broken_across_the_page_break_is_one_row(tmp_path: Path) -> None:
    """The row's first part (no rule under it) became running text, the table stopped there and the rest of it became
    a table without a title whose first row was “保险缴费支出” with no figures: the check then called the published
    合计 wrong by every row lost."""
    path = tmp_path / "决算.pdf"
    path.write_bytes(_row_broken_across_pages())
    document = read_file(str(path))
    (table,) = document.tables
    assert _entries(table) == LABELS
    broken = next(e for r in table.rows for e in r.entries if e.code == ("208", "05", "05"))
    assert [f.text for f in broken.figures] == ["300.00", "300.00", ""]
    assert table.origin.pages == (2, 3)
    note = next(n for n in document.notes if n.code == "row-across-pages")
    assert note.message.startswith("第 2–3 页“收入决算表”有一行跨页断开") and "“保险缴费支出”" in note.message
    text, errors = _import(tmp_path, path)
    assert errors == []
    assert '{code: "2080505", label: 机关事业单位基本养老保险缴费支出, values: [300.00, 300.00, ~]}' in text
    assert "type: text" not in text


def test_table_marks_in_the_top_margin_are_not_a_running_header(tmp_path: Path) -> None:
    """附表 1, 附表 2 … printed at the same place on each page differ only by a number, as page numbers do: they are
    the tables' marks, not a header to leave out."""
    pdf = _pdf()
    titles = ["收入决算表", "支出决算表", "财政拨款收入支出决算表", "一般公共预算财政拨款支出决算表"]
    for index, title in enumerate(titles, start=1):
        pdf.add_page()
        pdf.set_font("cjk", size=10)
        pdf.set_xy(20, 6)
        pdf.cell(40, 5, f"附表 {index}")
        _pdf_grid(pdf, _pdf_title(pdf, title, y=20), INCOME_WIDTHS, INCOME_HEADER, FIRST_PAGE[:2])
        _running_line(pdf, index + 1, "footer")
    path = tmp_path / "决算.pdf"
    path.write_bytes(bytes(pdf.output()))
    tables = read_file(str(path)).tables
    assert [(t.title, t.meta) for t in tables] == [(title, [f"附表 {n}"]) for n, title in enumerate(titles, start=1)]


def test_a_letterhead_banner_on_every_page_is_no_lost_picture_and_cuts_no_table(tmp_path: Path) -> None:
    """A logo-and-name banner printed across the top of every page was taken for a picture in place of a table: every
    table stopped at its first page (the rest untitled and unchecked) and each page was said to have lost a picture. A
    picture in the margin is page furniture. A part heading over an emblem is a heading, not a pictured table's title."""
    pdf = _pdf()  # the cover
    pdf.add_page()
    _heading(pdf, "第二部分 2023年度部门决算表", 40)
    pdf.image(_picture(tmp_path, "emblem.png", (1200, 400)), x=20, y=60, w=250)
    pdf.add_page()
    _pdf_grid(pdf, _pdf_title(pdf, "收入决算表", y=30), INCOME_WIDTHS, INCOME_HEADER, FIRST_PAGE)
    pdf.add_page()
    _pdf_grid(pdf, 30, INCOME_WIDTHS, INCOME_HEADER, NEXT_PAGE)
    banner = _picture(tmp_path, "banner.png", (1200, 100), "#cccccc")
    for page in range(1, pdf.page + 1):
        pdf.page = page
        pdf.image(banner, x=20, y=5, w=200)
    path = tmp_path / "决算.pdf"
    path.write_bytes(bytes(pdf.output()))
    document = read_file(str(path))
    (table,) = document.tables
    assert table.title == "收入决算表" and _entries(table) == LABELS
    assert not any(note.code == "table-as-image" for note in document.notes)
    assert sum(1 for note in document.notes if note.code == "image-not-read") <= 1  # the emblem, at most
    headings = [(block.numbering, block.text) for block in document.body if isinstance(block, Heading)]
    assert ("第二部分", "2023年度部门决算表") in headings
