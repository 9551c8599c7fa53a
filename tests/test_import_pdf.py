"""PDFs made at test time: tables, narrative and every kind of bad input, read as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

fpdf = pytest.importorskip("fpdf")

from pubgen.importers import (  # noqa: E402
    DamagedFile,
    EncryptedFile,
    FileUnreadable,
    ImportFailed,
    NoTextLayer,
    NotADisclosure,
    TooLarge,
    UnsupportedFile,
    read_file,
)
from pubgen.importers.pdf import MAX_PAGES  # noqa: E402
from pubgen.importers.structure import CellKind, Glossary, Heading, ListBlock, Paragraph, Table  # noqa: E402

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
pytestmark = pytest.mark.skipif(not FONT.exists(), reason="fonts-noto-cjk is not installed")

HEADER = (
    # (text, row, col, rowspan, colspan) on a 3-row header over 7 columns
    ("项目", 0, 0, 1, 4),
    ("支出预算", 0, 4, 1, 3),
    ("功能分类科目编码", 1, 0, 1, 3),
    ("功能分类科目名称", 1, 3, 2, 1),
    ("合计", 1, 4, 2, 1),
    ("基本支出", 1, 5, 2, 1),
    ("项目支出", 1, 6, 2, 1),
    ("类", 2, 0, 1, 1),
    ("款", 2, 1, 1, 1),
    ("项", 2, 2, 1, 1),
)
WIDTHS = (14, 12, 12, 42, 30, 30, 30)
ROW_H = 8.0

BODY = [
    ("201", "", "", "一般公共服务支出", "1,486.42", "1,000.00", "486.42"),
    ("201", "13", "", "商贸事务", "1,486.42", "1,000.00", "486.42"),
    ("201", "13", "01", "行政运行", "1,000.00", "1,000.00", ""),
    ("201", "13", "02", "一般行政管理事务", "486.42", "", "486.42"),
    ("208", "05", "05", "机关事业单位基本养老保险缴费支出", "0.00", "0.00", "——"),
]


_PARAGRAPH = (
    "上海市普陀区测试局是主管全区测试工作的区政府工作部门，本段文字故意写得很长，用来检验跨行的段落在导入时"
    "被重新连成一段，中间不插入任何空格；每一行的字数相同，所以每一行都排到右边界为止，与正文排版一致。这一行"
    "是本页的最后一行，它也排满了整行，段落在下一页继续，导入时应当与下一页的第一行连成同一个段落，不分段，到这"
    "里才结束。"
)
PARAGRAPH_LINES = (_PARAGRAPH[:49], _PARAGRAPH[49:100], _PARAGRAPH[100:151])
PARAGRAPH_END = _PARAGRAPH[151:]


def _pdf() -> fpdf.FPDF:
    pdf = fpdf.FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", fname=str(FONT), collection_font_number=0)
    pdf.set_font("cjk", size=10)
    return pdf


def _grid(pdf: fpdf.FPDF, top: float, rows: list[tuple[str, ...]], header: bool, wrap: set[int] | None = None) -> float:
    """Draw a ruled table: the merged header (if asked) and one line per body row; return its bottom."""
    left = 20.0
    xs = [left]
    for width in WIDTHS:
        xs.append(xs[-1] + width)
    y = top
    if header:
        for text, row, col, rowspan, colspan in HEADER:
            x0, x1 = xs[col], xs[col + colspan]
            y0 = top + row * ROW_H
            pdf.rect(x0, y0, x1 - x0, rowspan * ROW_H)
            pdf.set_xy(x0, y0)
            pdf.cell(x1 - x0, rowspan * ROW_H, text, align="C")
        y = top + 3 * ROW_H
    for index, values in enumerate(rows):
        height = ROW_H * (2 if wrap and index in wrap else 1)
        for col, value in enumerate(values):
            pdf.rect(xs[col], y, xs[col + 1] - xs[col], height)
            if wrap and index in wrap and col == 3:
                pdf.set_xy(xs[col], y)
                pdf.multi_cell(xs[col + 1] - xs[col], ROW_H, value, align="L")
                continue
            pdf.set_xy(xs[col], y)
            pdf.cell(xs[col + 1] - xs[col], height, value, align="R" if col >= 4 else "L")
        y += height
    return y


def _title(pdf: fpdf.FPDF, title: str, y: float = 15) -> float:
    pdf.set_font("cjk", size=16)
    pdf.set_xy(0, y)
    pdf.cell(297, 10, title, align="C")
    pdf.set_font("cjk", size=10)
    pdf.set_xy(20, y + 12)
    pdf.cell(100, 6, "编制部门：上海市普陀区测试局")
    pdf.set_xy(200, y + 12)
    pdf.cell(70, 6, "单位：元", align="R")
    return y + 20


def _footer(pdf: fpdf.FPDF, number: int) -> None:
    pdf.set_xy(0, 200)
    pdf.cell(297, 5, f"- {number} -", align="C")


def make_disclosure() -> bytes:
    """A small budget disclosure: cover, 目录, narrative over a page break, two tables, one continued."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("cjk", size=22)
    pdf.set_xy(0, 70)
    pdf.cell(297, 12, "上海市普陀区2025年区级部门预算", align="C")
    pdf.set_font("cjk", size=14)
    pdf.set_xy(0, 100)
    pdf.cell(297, 10, "预算主管部门：上海市普陀区测试局", align="C")
    pdf.add_page()
    pdf.set_font("cjk", size=16)
    pdf.set_xy(0, 20)
    pdf.cell(297, 10, "目   录", align="C")
    pdf.set_font("cjk", size=11)
    for index, line in enumerate(
        [
            "一、部门主要职能……………………3",
            "二、名词解释……………………3",
            "三、部门预算表……………………4",
            "  1. 2025年部门支出预算总表……………………4",
            "  2. 2025年部门政府性基金预算支出功能分类预算表……………………6",
        ]
    ):
        pdf.set_xy(30, 40 + index * 9)
        pdf.cell(0, 8, line)
    _footer(pdf, 2)
    # Narrative: a heading, a paragraph that runs over the page break, a list, the glossary.
    pdf.add_page()
    pdf.set_font("cjk", size=16)
    pdf.set_xy(0, 15)
    pdf.cell(297, 10, "上海市普陀区测试局主要职能", align="C")
    pdf.set_font("cjk", size=11)
    # Lines of equal length set one under another, as a word processor fills a justified
    # paragraph: the first indented two characters, the last on this page still full.
    for index, line in enumerate(PARAGRAPH_LINES):
        pdf.set_xy(20 + (2 * 3.88 if index == 0 else 0), 32 + index * 7)
        pdf.cell(0, 7, line)
    _footer(pdf, 3)
    pdf.add_page()
    pdf.set_font("cjk", size=11)
    pdf.set_xy(20, 15)
    pdf.cell(0, 7, PARAGRAPH_END)
    pdf.set_xy(20, 30)
    pdf.multi_cell(257, 7, "　　1、⼀般公共服务⽀出由本局负责。", align="L")
    pdf.set_xy(20, 38)
    pdf.multi_cell(257, 7, "　　2、其他事项。", align="L")
    pdf.set_font("cjk", size=16)
    pdf.set_xy(0, 55)
    pdf.cell(297, 10, "名词解释", align="C")
    pdf.set_font("cjk", size=11)
    pdf.set_xy(20, 70)
    pdf.multi_cell(257, 7, "　　（一）财政拨款收入：是本级财政部门取得的财政拨款。", align="L")
    pdf.set_xy(20, 79)
    pdf.multi_cell(257, 7, "　　（二）“三公”经费：是因公出国（境）费、公务用车购置及运行费、公务接待费。", align="L")
    _footer(pdf, 4)
    # Table 1 over two pages, the header printed again on the second.
    pdf.add_page()
    top = _title(pdf, "2025年部门支出预算总表")
    _grid(pdf, top, BODY[:3], header=True)
    _footer(pdf, 5)
    pdf.add_page()
    _grid(pdf, 20, BODY[3:] + [("", "", "", "合计", "1,486.42", "1,000.00", "486.42")], header=True, wrap={1})
    _footer(pdf, 6)
    # Table 2: empty, with its note.
    pdf.add_page()
    top = _title(pdf, "2025年部门政府性基金预算支出功能分类预算表")
    bottom = _grid(pdf, top, [("", "", "", "", "", "", ""), ("", "", "", "合计", "", "", "")], header=True)
    pdf.set_xy(20, bottom + 2)
    pdf.cell(0, 6, "注：本部门无政府性基金预算财政拨款安排的预算，故本表为空表。")
    _footer(pdf, 7)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def disclosure(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "普陀 测试局 2025年 预算.pdf"
    path.write_bytes(make_disclosure())
    return path


@pytest.fixture(scope="module")
def document(disclosure: Path):  # type: ignore[no-untyped-def]
    return read_file(str(disclosure))


def test_cover_and_table_of_contents(document) -> None:  # type: ignore[no-untyped-def]
    assert document.cover.title == "上海市普陀区2025年区级部门预算"
    assert (document.cover.body_label, document.cover.body, document.cover.year) == ("预算主管部门", "上海市普陀区测试局", 2025)
    assert [(e.numbering, e.text, e.page) for e in document.toc][3] == ("1.", "2025年部门支出预算总表", "4")
    assert [t.title for t in document.tables] == [e.text for e in document.toc if e.level == 3]


def test_table_header_spans_and_columns(document) -> None:  # type: ignore[no-untyped-def]
    table = document.tables[0]
    assert (table.issuer_label, table.issuer, table.unit, table.unit_text) == ("编制部门", "上海市普陀区测试局", "元", "单位：元")
    spans = {(c.text, c.row, c.col, c.rowspan, c.colspan) for row in table.header for c in row}
    assert spans == set(HEADER)
    assert [c.path for c in table.columns][3:] == [
        ("项目", "功能分类科目名称"),
        ("支出预算", "合计"),
        ("支出预算", "基本支出"),
        ("支出预算", "项目支出"),
    ]
    assert [c.role.value for c in table.columns] == ["code", "code", "code", "label", "figures", "figures", "figures"]


def test_body_rows_keep_blanks_codes_and_printed_figures(document) -> None:  # type: ignore[no-untyped-def]
    table = document.tables[0]
    entries = [e for r in table.rows for e in r.entries]
    assert [e.code for e in entries] == [tuple(p for p in row[:3] if p) for row in BODY] + [()]
    assert [e.label for e in entries] == [row[3] for row in BODY] + ["合计"]
    for entry, row in zip(entries, BODY):
        assert [f.text for f in entry.figures] == list(row[4:])
        for cell, printed in zip(entry.figures, row[4:]):
            if not printed:
                assert cell.kind is CellKind.BLANK and cell.value is None
            elif printed == "——":
                assert cell.kind is CellKind.DASH
            else:
                assert cell.kind is CellKind.NUMBER
                assert Decimal(cell.value) == Decimal(printed.replace(",", ""))
                assert cell.value == printed.replace(",", "")


def test_table_continued_with_repeated_header(document) -> None:  # type: ignore[no-untyped-def]
    table = document.tables[0]
    assert table.origin.pages == (5, 6)
    assert [(p.page, p.header_repeated) for p in table.parts] == [(6, True)]
    assert not any(e.label in ("功能分类科目名称", "类") for r in table.rows for e in r.entries)


def test_wrapped_label_is_joined_and_flagged(document) -> None:  # type: ignore[no-untyped-def]
    entry = next(e for r in document.tables[0].rows for e in r.entries if e.code == ("208", "05", "05"))
    assert entry.label == "机关事业单位基本养老保险缴费支出"
    assert entry.label_wrapped


def test_empty_table_keeps_its_note(document) -> None:  # type: ignore[no-untyped-def]
    table = document.tables[1]
    assert table.empty
    assert table.notes == ["注：本部门无政府性基金预算财政拨款安排的预算，故本表为空表。"]


def test_paragraph_rejoined_across_lines_and_pages_without_spaces(document) -> None:  # type: ignore[no-untyped-def]
    paragraph = next(b for b in document.body if isinstance(b, Paragraph) and "主管全区测试工作" in b.text)
    assert paragraph.text == "".join(PARAGRAPH_LINES) + PARAGRAPH_END
    assert paragraph.origin.pages == (3, 4)
    assert paragraph.origin.text.splitlines() == [*PARAGRAPH_LINES, PARAGRAPH_END]


def test_headings_lists_and_glossary(document) -> None:  # type: ignore[no-untyped-def]
    headings = [b.text for b in document.body if isinstance(b, Heading)]
    assert headings[:2] == ["上海市普陀区测试局主要职能", "名词解释"]
    lists = [b for b in document.body if isinstance(b, ListBlock)]
    assert [i.numbering for i in lists[0].items] == ["1、", "2、"]
    glossary = next(b for b in document.body if isinstance(b, Glossary))
    assert [(e.numbering, e.term) for e in glossary.entries] == [("（一）", "财政拨款收入"), ("（二）", "“三公”经费")]


def test_kangxi_radicals_are_read_as_the_ideographs_they_show(document) -> None:  # type: ignore[no-untyped-def]
    item = next(b for b in document.body if isinstance(b, ListBlock)).items[0]
    assert "一般公共服务支出" in item.text
    assert "\u2f00" not in item.text and "\u2f40" not in item.text


def test_page_numbers_are_dropped(document) -> None:  # type: ignore[no-untyped-def]
    texts = [b.text for b in document.body if isinstance(b, (Paragraph, Heading))]
    assert not any(t.strip("- ").isdigit() for t in texts)


def test_command_prints_the_structure(disclosure: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pubgen.importers", str(disclosure)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "2025年部门支出预算总表" in result.stdout
    assert "1,486.42=1486.42" in result.stdout
    as_json = subprocess.run(
        [sys.executable, "-m", "pubgen.importers", "--json", str(disclosure)], capture_output=True, text=True, check=False
    )
    assert '"title": "2025年部门支出预算总表"' in as_json.stdout


# ---------------------------------------------------------------- bad input


def _expect(path: Path, kind: type[ImportFailed], *words: str) -> ImportFailed:
    with pytest.raises(kind) as caught:
        read_file(str(path))
    message = caught.value.format_message()
    assert str(path) in message
    for word in words:
        assert word in message
    return caught.value


def test_encrypted_pdf(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.cell(0, 10, "收入预算总表")
    path = tmp_path / "加密 文件.pdf"
    path.write_bytes(bytes(pdf.output()))
    _expect(path, EncryptedFile, "密码")


def test_damaged_pdf(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    _expect(path, DamagedFile, "损坏")


def test_truncated_pdf(tmp_path: Path, disclosure: Path) -> None:
    data = disclosure.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(ImportFailed) as caught:
        read_file(str(path))
    assert str(path) in caught.value.format_message()


def test_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("RGB", (400, 300), "white").save(image)
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=180)
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(bytes(pdf.output()))
    error = _expect(path, NoTextLayer, "OCR", "扫描")
    assert "Excel" in error.detail


def test_pdf_of_another_kind(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    pdf.set_xy(20, 20)
    pdf.multi_cell(250, 8, "新闻：区政府召开常务会议。会议听取了工作汇报，研究部署下一阶段重点工作。" * 5)
    path = tmp_path / "news.pdf"
    path.write_bytes(bytes(pdf.output()))
    _expect(path, NotADisclosure, "没有找到预决算公开表格")


def test_three_hundred_pages_are_read(tmp_path: Path) -> None:
    pdf = _pdf()
    for page in range(300):
        pdf.add_page()
        top = _title(pdf, "2025年部门支出预算总表" if page == 0 else "2025年部门支出预算总表（续）")
        _grid(pdf, top, BODY, header=True)
    path = tmp_path / "long.pdf"
    path.write_bytes(bytes(pdf.output()))
    document = read_file(str(path))
    assert document.pages == 300
    assert len(document.tables) == 1
    assert len(document.tables[0].rows) == 300 * len(BODY)
    assert len(document.tables[0].parts) == 299


@pytest.mark.parametrize("continued", ["（续表）", "（续1）", "(续)", "续表"])
def test_a_title_saying_the_table_goes_on_joins_the_pages(tmp_path: Path, continued: str) -> None:
    """江西's “支出决算表（续表）” over the second page: read as a second table, the first lost the rows its 合计 adds up
    (two false sum errors) and the continued rows were checked against nothing."""
    pdf = _pdf()
    for page in range(2):
        pdf.add_page()
        top = _title(pdf, "2025年部门支出预算总表" + (continued if page else ""))
        _grid(pdf, top, BODY, header=True)
    path = tmp_path / "continued.pdf"
    path.write_bytes(bytes(pdf.output()))
    (table,) = read_file(str(path)).tables
    assert len(table.rows) == 2 * len(BODY) and [part.page for part in table.parts] == [2]


def test_too_many_pages_are_refused(tmp_path: Path) -> None:
    pdf = fpdf.FPDF()
    pdf.set_font("helvetica", size=8)
    for page in range(MAX_PAGES + 1):
        pdf.add_page()
        pdf.cell(0, 5, str(page))
    path = tmp_path / "huge.pdf"
    path.write_bytes(bytes(pdf.output()))
    _expect(path, TooLarge, str(MAX_PAGES))


def test_pdf_named_as_workbook_is_read_as_pdf(tmp_path: Path, disclosure: Path) -> None:
    path = tmp_path / "预算.xlsx"
    path.write_bytes(disclosure.read_bytes())
    assert read_file(str(path)).source_kind == "pdf"


def test_web_page_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "预算 公开.pdf"
    path.write_text("<!DOCTYPE html><html><body>404</body></html>", encoding="utf-8")
    _expect(path, UnsupportedFile, "网页", ".pdf")


def test_word_document_without_a_body(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "说明.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    _expect(path, DamagedFile, "Word 文档")


def test_empty_missing_and_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    _expect(empty, DamagedFile, "空")
    _expect(tmp_path / "没有 这个.pdf", FileUnreadable, "不存在")
    _expect(tmp_path, FileUnreadable, "文件夹")


def test_command_reports_bad_input_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "坏 文件.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF garbage")
    result = subprocess.run(
        [sys.executable, "-m", "pubgen.importers", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 1
    assert result.stderr.startswith("错误：") and str(path) in result.stderr
    assert "Traceback" not in result.stderr


def test_table_without_rules_is_reported(tmp_path: Path) -> None:
    pdf = _pdf()
    pdf.add_page()
    pdf.set_xy(0, 70)
    pdf.cell(297, 12, "上海市普陀区2025年区级部门预算", align="C")
    pdf.add_page()
    top = _title(pdf, "2025年部门收入预算总表")
    for index, row in enumerate(BODY):
        pdf.set_xy(20, top + index * 8)
        pdf.cell(0, 8, "    ".join(value for value in row if value))
    # A second page with a ruled table, so the document is a disclosure.
    pdf.add_page()
    top = _title(pdf, "2025年部门支出预算总表")
    _grid(pdf, top, BODY, header=True)
    path = tmp_path / "no-rules.pdf"
    path.write_bytes(bytes(pdf.output()))
    document = read_file(str(path))
    assert [t.title for t in document.tables] == ["2025年部门支出预算总表"]
    note = next(n for n in document.notes if n.code == "table-without-rules")
    assert note.origin.pages == (2,) and "2025年部门收入预算总表" in note.message


def test_rotated_page_reads_upright(tmp_path: Path) -> None:
    """A landscape table printed on a portrait page turned by /Rotate reads the same."""
    pypdf = pytest.importorskip("pypdf")
    source = tmp_path / "upright.pdf"
    pdf = _pdf()
    pdf.add_page()
    top = _title(pdf, "2025年部门支出预算总表")
    _grid(pdf, top, BODY, header=True)
    source.write_bytes(bytes(pdf.output()))
    writer = pypdf.PdfWriter(clone_from=str(source))
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        # Draw the content turned a quarter counter-clockwise on a portrait page, and let
        # /Rotate 90 turn it back upright for the reader.
        page.add_transformation(pypdf.Transformation().rotate(90).translate(tx=height, ty=0))
        page.mediabox = pypdf.generic.RectangleObject([0, 0, height, width])
        page.cropbox = pypdf.generic.RectangleObject([0, 0, height, width])
        page.rotate(90)
    rotated = tmp_path / "rotated.pdf"
    with open(rotated, "wb") as handle:
        writer.write(handle)
    upright = read_file(str(source)).tables[0]
    turned = read_file(str(rotated)).tables[0]
    assert turned.title == upright.title
    assert [[f.text for f in e.figures] for r in turned.rows for e in r.entries] == [
        [f.text for f in e.figures] for r in upright.rows for e in r.entries
    ]
