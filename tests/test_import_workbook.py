"""Workbooks built at test time (and one small .xls fixture) read into the import structure."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

from pubgen.importers import DamagedFile, EncryptedFile, UnsupportedFile, read_file
from pubgen.importers.reading import read_bytes
from pubgen.importers.numfmt import excel_decimal, format_number
from pubgen.importers.structure import CellKind, Glossary, Heading, ListBlock, Table

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def _disclosure_workbook() -> openpyxl.Workbook:
    """A workbook laid out like the official 2026 disclosure workbook, with figures filled in."""
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "封面"
    cover["A3"] = "上海市普陀区2026年区级部门预算"
    cover.merge_cells("A3:M3")
    cover["A9"] = "预算主管部门：上海市普陀区测试局"
    toc = book.create_sheet("目录")
    toc["A1"] = "目  录"
    toc["A4"] = "一、部门主要职能  ……………………"
    toc["A5"] = "二、部门预算表  ……………………"
    toc["A6"] = "    1. 2026年部门收入预算总表  …………………"
    text = book.create_sheet("部门主要职能")
    text["A1"] = "上海市普陀区测试局主要职能"
    text["A3"] = "    测试局是区政府工作部门。\n    主要职能包括：\n    1. 负责测试。\n    2. 负责检验。\n"
    text.merge_cells("A3:A17")
    glossary = book.create_sheet("名词解释")
    glossary["A1"] = "名词解释"
    glossary["A3"] = "\n   （一）财政拨款收入：是本级财政拨款。\n   （二）事业收入：指事业单位取得的收入。\n"
    sheet = book.create_sheet("部门收入总表")
    sheet["A2"] = "2026年部门收入预算总表"
    sheet.merge_cells("A2:F2")
    sheet["A4"] = "编制部门：上海市普陀区测试局"
    sheet.merge_cells("A4:C4")
    sheet["F4"] = "单位：元"
    sheet["A6"] = "项目"
    sheet.merge_cells("A6:D6")
    sheet["E6"] = "收入预算"
    sheet.merge_cells("E6:F6")
    sheet["A7"] = "功能分类科目编码"
    sheet.merge_cells("A7:C7")
    sheet["D7"] = "功能分类科目名称"
    sheet.merge_cells("D7:D8")
    sheet["E7"] = "合计"
    sheet.merge_cells("E7:E8")
    sheet["F7"] = "财政拨款收入"
    sheet.merge_cells("F7:F8")
    for col, label in zip("ABC", ("类", "款", "项")):
        sheet[f"{col}8"] = label
    rows = [
        (201, None, None, "一般公共服务支出", 1486.42, 0.1 + 0.2),
        (201, "13", "01", "行政运行", 1234567.891, None),
        (208, "05", "05", "机关事业单位基本养老保险缴费支出", 0, 0.125),
    ]
    for index, (kind, section, item, label, total, funds) in enumerate(rows, start=9):
        sheet[f"A{index}"] = kind
        if section is not None:
            sheet[f"B{index}"] = section
            sheet[f"B{index}"].number_format = "@"
            sheet[f"C{index}"] = item
            sheet[f"C{index}"].number_format = "@"
        sheet[f"D{index}"] = label
        sheet[f"E{index}"] = total
        sheet[f"E{index}"].number_format = "#,##0.00"
        if funds is not None:
            sheet[f"F{index}"] = funds
    sheet["F9"].number_format = "General"
    sheet["F11"].number_format = "0.0%"
    sheet["A12"] = "合计"
    sheet.merge_cells("A12:D12")
    sheet["E12"] = "=SUM(E9:E11)"
    sheet["E12"].number_format = "#,##0.00"
    sheet["F12"] = "=F9+F11"
    sheet["A13"] = "注：本表金额以元为单位。"
    sheet.row_dimensions[10].hidden = True
    hidden = book.create_sheet("测算底稿")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "测算底稿"
    return book


def _with_cached_value(path: Path, ref: str, value: str) -> None:
    """Store a formula's computed value, as Excel does when it saves (openpyxl cannot)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    for name, data in members.items():
        if not name.startswith("xl/worksheets/"):
            continue
        text = data.decode("utf-8")
        pattern = re.compile(rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?')
        text, count = pattern.subn(lambda m: m.group(1) + f"<v>{value}</v>", text)
        if count:
            members[name] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "测试局 2026年 部门预算.xlsx"
    _disclosure_workbook().save(path)
    _with_cached_value(path, "E12", "1236054.311")
    return path


@pytest.fixture(scope="module")
def document(workbook_path: Path):  # type: ignore[no-untyped-def]
    return read_file(str(workbook_path))


def _table(document) -> Table:  # type: ignore[no-untyped-def]
    return next(t for t in document.tables if t.title == "2026年部门收入预算总表")


def test_cover_toc_and_narrative_sheets(document) -> None:  # type: ignore[no-untyped-def]
    assert (document.cover.title, document.cover.body, document.cover.year) == (
        "上海市普陀区2026年区级部门预算",
        "上海市普陀区测试局",
        2026,
    )
    assert [(e.numbering, e.text, e.level) for e in document.toc] == [
        ("一、", "部门主要职能", 1),
        ("二、", "部门预算表", 1),
        ("1.", "2026年部门收入预算总表", 3),
    ]
    heading = next(b for b in document.body if isinstance(b, Heading))
    assert heading.text == "上海市普陀区测试局主要职能"
    assert heading.origin.sheet == "部门主要职能" and heading.origin.ref == "A1"
    items = next(b for b in document.body if isinstance(b, ListBlock)).items
    assert [i.text for i in items] == ["1. 负责测试。", "2. 负责检验。"]
    assert items[0].origin.ref == "A3:A17"
    glossary = next(b for b in document.body if isinstance(b, Glossary))
    assert [(e.term, e.definition) for e in glossary.entries] == [
        ("财政拨款收入", "是本级财政拨款。"),
        ("事业收入", "指事业单位取得的收入。"),
    ]


def test_table_sheet_title_issuer_unit_and_header(document) -> None:  # type: ignore[no-untyped-def]
    table = _table(document)
    assert (table.issuer_label, table.issuer, table.unit) == ("编制部门", "上海市普陀区测试局", "元")
    spans = {(c.text, c.rowspan, c.colspan) for row in table.header for c in row}
    assert ("功能分类科目名称", 2, 1) in spans and ("项目", 1, 4) in spans and ("功能分类科目编码", 1, 3) in spans
    assert table.notes == ["注：本表金额以元为单位。"]
    assert table.origin.sheet == "部门收入总表"


def test_figures_are_shown_as_their_number_format_shows_them(document) -> None:  # type: ignore[no-untyped-def]
    table = _table(document)
    figures = {e.label: e.figures for r in table.rows for e in r.entries}
    general = figures["一般公共服务支出"]
    assert (general[0].text, general[0].value) == ("1,486.42", "1486.42")
    # 0.1 + 0.2 is stored as 0.30000000000000004; General shows 0.3.
    assert (general[1].text, general[1].value) == ("0.3", "0.3")
    running = figures["行政运行"]
    assert (running[0].text, running[0].value) == ("1,234,567.89", "1234567.89")
    assert running[1].kind is CellKind.BLANK
    pension = figures["机关事业单位基本养老保险缴费支出"]
    assert (pension[0].text, pension[0].value) == ("0.00", "0.00")
    assert (pension[1].text, pension[1].value, pension[1].number_format) == ("12.5%", "12.5", "0.0%")


def test_codes_stored_as_text_stay_as_printed(document) -> None:  # type: ignore[no-untyped-def]
    table = _table(document)
    codes = [e.code for r in table.rows for e in r.entries if e.code]
    assert codes == [("201",), ("201", "13", "01"), ("208", "05", "05")]


def test_formulas_cached_and_missing(document) -> None:  # type: ignore[no-untyped-def]
    table = _table(document)
    total = next(e for r in table.rows for e in r.entries if e.label == "合计")
    assert total.figures[0].formula == "=SUM(E9:E11)"
    assert (total.figures[0].text, total.figures[0].value) == ("1,236,054.31", "1236054.31")
    # No saved result: written 待填, so that the check asks for the printed figure instead of taking it as blank.
    assert total.figures[1].formula == "=F9+F11" and total.figures[1].text == "待填" and total.figures[1].kind is CellKind.TEXT
    note = next(n for n in document.notes if n.code == "formula-without-value")
    assert note.origin.ref == "F12" and "保存" in note.message and "待填" in note.message


@pytest.mark.parametrize("ref", [b"C10:XFD1048576", b"$C$10:$XFD$1048576", b"c10:xfd1048576"])
def test_a_merged_range_that_would_take_the_memory_is_refused_before_reading(tmp_path: Path, ref: bytes) -> None:
    """One <mergeCell ref="C10:XFD1048576"/> made openpyxl build 17 billion cells: the import died of memory, without a message.
    openpyxl reads the range written with $ or in lower case alike, and so must the guard."""
    book = openpyxl.Workbook()
    book.active["A1"] = "2024年部门支出预算总表"
    book.active.merge_cells("A1:C1")
    path = tmp_path / "大合并.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = next(n for n in members if n.startswith("xl/worksheets/sheet"))
    members[sheet] = members[sheet].replace(b'ref="A1:C1"', b'ref="' + ref + b'"')
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(DamagedFile) as refused:
        read_file(str(path))
    assert "C10:XFD1048576" in str(refused.value) and "取消这个合并" in str(refused.value)


def test_many_merged_ranges_that_together_would_take_the_memory_are_refused(tmp_path: Path) -> None:
    """Two hundred ranges each just under the limit for one: 1 GB and growing before, one refusal now."""
    book = openpyxl.Workbook()
    book.active["A1"] = "2024年部门支出预算总表"
    book.active.merge_cells("A1:C1")
    path = tmp_path / "多合并.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = next(n for n in members if n.startswith("xl/worksheets/sheet"))
    ranges = b"".join(b'<mergeCell ref="A%d:J%d"/>' % (2 + i * 199_000, 199_000 * (i + 1)) for i in range(5))
    members[sheet] = re.sub(rb'<mergeCell ref="A1:C1"\s*/>', ranges, members[sheet])
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(DamagedFile) as refused:
        read_file(str(path))
    assert "合计超过" in str(refused.value) and "取消多余的合并" in str(refused.value)


@pytest.mark.parametrize("far", ["IV65536", "Z1048576", "XFD1048576"])
def test_one_empty_formatted_cell_far_from_the_tables_changes_nothing(workbook_path: Path, far: str) -> None:
    """A template converted from .xls, or a whole column formatted, leaves one empty styled cell at the
    sheet's far corner: reading walked the rectangle up to it (17 billion cells for XFD1048576), for minutes."""
    data = workbook_path.read_bytes()
    row = re.sub(r"[A-Z]", "", far)
    with zipfile.ZipFile(workbook_path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    for name in members:
        if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
            members[name] = members[name].replace(
                b"</sheetData>", f'<row r="{row}"><c r="{far}" s="0"/></row></sheetData>'.encode()
            )
    far_book = BytesIO()
    with zipfile.ZipFile(far_book, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    same_name = str(workbook_path)
    assert read_bytes(same_name, far_book.getvalue()) == read_bytes(same_name, data)


@pytest.mark.parametrize("stored", ["1E+308", "1e400", "1E+20"])
def test_a_number_too_large_for_any_figure_is_named_and_the_rest_imports(tmp_path: Path, stored: str) -> None:
    """1E+308 is a legal Excel number: formatting it failed and the whole file was refused as damaged."""
    path = tmp_path / "大数.xlsx"
    book = _disclosure_workbook()
    book["部门收入总表"]["E10"] = 7.0
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    for name in members:
        if name.startswith("xl/worksheets/"):
            members[name] = re.sub(rb'(<c r="E10"[^>]*>)<v>7(?:\.0)?</v>', rb"\g<1><v>" + stored.encode() + rb"</v>", members[name])
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    document = read_file(str(path))
    table = _table(document)
    running = next(e for r in table.rows for e in r.entries if e.label == "行政运行")
    assert running.figures[0].text == "待填"
    others = [f.text for r in table.rows for e in r.entries if e.label != "行政运行" for f in e.figures]
    assert "1,486.42" in others
    note = next(n for n in document.notes if n.code == "number-too-large")
    assert note.origin.ref == "E10" and "工作表“部门收入总表”E10" in note.message and "太大" in note.message
    assert "待填" in note.message and "Invalid" not in note.message and "损坏" not in note.message


def test_hidden_rows_and_sheets_are_recorded(document) -> None:  # type: ignore[no-untyped-def]
    table = _table(document)
    running = next(r for r in table.rows if r.entries and r.entries[0].label == "行政运行")
    assert all(cell.hidden for cell in running.cells)
    assert any(n.code == "hidden-rows" and "10" in n.message for n in document.notes)
    assert any(n.code == "hidden-sheet" and "测算底稿" in n.message and "没有导入" in n.message for n in document.notes)
    assert not any(t.origin.sheet == "测算底稿" for t in document.tables), "a hidden sheet is never imported"


def test_macro_workbook_reads_with_macros_ignored(tmp_path: Path, workbook_path: Path) -> None:
    path = tmp_path / "带宏.xlsm"
    with zipfile.ZipFile(workbook_path) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr("xl/vbaProject.bin", b"\x00" * 64)
    document = read_file(str(path))
    assert document.source_kind == "xlsm"
    assert document.notes[0].code == "macros-ignored"
    assert [t.title for t in document.tables] == ["2026年部门收入预算总表"]


def test_old_xls_workbook() -> None:
    document = read_file(str(FIXTURES / "budget-table.xls"))
    assert document.source_kind == "xls"
    table = document.tables[0]
    assert (table.title, table.issuer, table.unit) == ("2026年部门支出预算总表", "上海市普陀区测试局", "元")
    entries = [e for r in table.rows for e in r.entries]
    assert [e.code for e in entries] == [("201",), ("201", "13", "01"), ("201", "13", "02"), ()]
    assert [[f.text for f in e.figures] for e in entries] == [
        ["1,486.42", "1,000.00", "486.42"],
        ["1,000.00", "1,000.00", ""],
        ["486.42", "", "486.42"],
        ["1,486.42", "", ""],
    ]
    assert any(n.code == "hidden-sheet" for n in document.notes)


def test_corrupt_workbooks(tmp_path: Path, workbook_path: Path) -> None:
    data = workbook_path.read_bytes()
    truncated = tmp_path / "截断.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedFile) as caught:
        read_file(str(truncated))
    assert str(truncated) in caught.value.format_message()
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(workbook_path) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, content[: len(content) // 2] if name.startswith("xl/worksheets/") else content)
    with pytest.raises(DamagedFile):
        read_file(str(broken))
    zip_only = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(zip_only, "w") as target:
        target.writestr("readme.txt", "hello")
    with pytest.raises(UnsupportedFile):
        read_file(str(zip_only))


def test_encrypted_workbook(tmp_path: Path) -> None:
    # Excel stores a password-protected .xlsx as an OLE container holding an EncryptedPackage stream.
    path = tmp_path / "加密.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)
    with pytest.raises(EncryptedFile) as caught:
        read_file(str(path))
    assert "密码" in caught.value.format_message()


@pytest.mark.parametrize(
    ("stored", "number_format", "shown"),
    [
        (0.1 + 0.2, "General", "0.3"),
        (1486.42, "#,##0.00", "1,486.42"),
        (0, "0.00", "0.00"),
        (1234567.891, "#,##0", "1,234,568"),
        (1.005, "0.00", "1.01"),
        (0.125, "0.0%", "12.5%"),
        (-1234.5, "#,##0.00", "-1,234.50"),
        (-1234.5, "#,##0.00;(#,##0.00)", "(1,234.50)"),
        (0, '#,##0.00;-#,##0.00;"-"', "-"),
        (5, '#,##0.00"元"', "5.00元"),
        (1234, "#,##0_ ", "1,234"),
        (12, "0", "12"),
        (21601733, "#,##0.00_);[Red]\\(#,##0.00\\)", "21,601,733.00"),
        (-5, "#,##0.00_);[Red]\\(#,##0.00\\)", "(5.00)"),
        (7.123, "0.0#", "7.12"),
        (7, "0.0#", "7.0"),
        (3.5, "@", "3.5"),
        # 会计专用: zero shows as the dash alone (the ?? print no digit for it), never as "-0".
        (0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-"),
        (1234.5, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "1,234.50"),
        (-3.2, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-3.20"),
        (0, "#,###", ""),
        (0.5, "#.00", ".50"),
    ],
)
def test_number_formats(stored: float, number_format: str, shown: str) -> None:
    assert format_number(excel_decimal(stored), number_format) == shown


def test_excel_keeps_fifteen_significant_digits() -> None:
    assert excel_decimal(0.1 + 0.2) == Decimal("0.3")
    assert excel_decimal(1486.42) == Decimal("1486.42")


def test_final_accounts_reporting_sheet(tmp_path: Path) -> None:
    """决算 reporting workbooks name sheets like ``Z01 收入支出决算总表(财决01表)`` and print marks beside the issuer."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Z01 收入支出决算总表(财决01表)"
    sheet["A1"] = "收入支出决算总表"
    sheet.merge_cells("A1:D1")
    sheet["A2"] = "编制单位：上海市普陀区测试局"
    sheet["C2"] = "2024年度"
    sheet["D2"] = "金额单位：万元"
    sheet["A3"] = "收入"
    sheet.merge_cells("A3:B3")
    sheet["C3"] = "支出"
    sheet.merge_cells("C3:D3")
    for col, label in zip("ABCD", ("项目", "决算数", "项目", "决算数")):
        sheet[f"{col}4"] = label
    sheet["A5"] = "一、一般公共预算财政拨款收入"
    sheet["B5"] = 2940.05
    sheet["C5"] = "一、一般公共服务支出"
    sheet["D5"] = 2106.66
    sheet["A6"] = "二、政府性基金预算财政拨款收入"
    sheet["C6"] = "二、外交支出"
    for ref in ("B5", "D5"):
        sheet[ref].number_format = "#,##0.00"
    path = tmp_path / "决算.xlsx"
    book.save(path)
    table = read_file(str(path)).tables[0]
    assert (table.title, table.issuer, table.unit, table.meta) == ("收入支出决算总表", "上海市普陀区测试局", "万元", ["2024年度"])
    assert table.origin.sheet == "Z01 收入支出决算总表(财决01表)"
    assert [(s.label_column, s.figure_columns) for s in table.sides] == [(0, (1,)), (2, (3,))]
    rows = [[(e.label, [f.text for f in e.figures]) for e in r.entries] for r in table.rows]
    assert rows == [
        [("一、一般公共预算财政拨款收入", ["2,940.05"]), ("一、一般公共服务支出", ["2,106.66"])],
        [("二、政府性基金预算财政拨款收入", [""]), ("二、外交支出", [""])],
    ]


@pytest.mark.parametrize(
    "cell",
    [
        "编制单位：河北省邢台市平乡县民政局            单位：元",
        "编制单位：河北省邢台市平乡县民政局\u3000\u3000金额单位：元",
        "编制单位：河北省邢台市平乡县民政局，单位：元",
    ],
)
def test_issuer_and_unit_typed_in_one_merged_cell(tmp_path: Path, cell: str) -> None:
    """Many counties type the issuer and the unit into one merged cell: the unit must not become part of the name."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "部门支出总表"
    sheet["A1"] = "2024年部门支出预算总表"
    sheet.merge_cells("A1:C1")
    sheet["A2"] = cell
    sheet.merge_cells("A2:C2")
    for col, label in zip("ABC", ("项目", "合计", "基本支出")):
        sheet[f"{col}3"] = label
    sheet["A4"], sheet["B4"], sheet["C4"] = "合计", 5000000, 5000000
    path = tmp_path / "预算.xlsx"
    book.save(path)
    table = read_file(str(path)).tables[0]
    assert (table.issuer, table.unit) == ("河北省邢台市平乡县民政局", "元")


def test_a_unit_word_inside_the_issuers_name_stays_in_it(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "2024年部门支出预算总表"
    sheet["A2"] = "编制单位：元宝区民政局"
    sheet["C2"] = "单位：万元"
    for col, label in zip("ABC", ("项目", "合计", "基本支出")):
        sheet[f"{col}3"] = label
    sheet["A4"], sheet["B4"], sheet["C4"] = "合计", 500, 500
    path = tmp_path / "预算.xlsx"
    book.save(path)
    table = read_file(str(path)).tables[0]
    assert (table.issuer, table.unit) == ("元宝区民政局", "万元")


def test_a_cover_with_the_body_above_the_title_and_a_department_line(tmp_path: Path) -> None:
    """The national 决算 workbook: the cover prints the body on one line and “2023年度部门决算” on the next, and each
    table “部门：某某局” beside its unit. The body was read from neither, so a new department could not be imported."""
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "封面"
    cover["A6"] = "广州市花都区民政局"
    cover["A8"] = "2023年度部门决算"
    sheet = book.create_sheet("1.收入支出决算总表")
    sheet["A1"] = "收入支出决算总表"
    sheet["A2"] = "部门：广州市花都区民政局"
    sheet["D2"] = "金额单位：万元"
    for col, label in zip("ABCD", ("项目", "决算数", "项目", "决算数")):
        sheet[f"{col}3"] = label
    sheet["A4"], sheet["B4"], sheet["C4"], sheet["D4"] = "一、一般公共预算财政拨款收入", 10, "一、一般公共服务支出", 10
    path = tmp_path / "决算.xlsx"
    book.save(path)
    document = read_file(str(path))
    assert (document.cover.body, document.cover.year) == ("广州市花都区民政局", 2023)
    table = document.tables[0]
    assert (table.issuer_label, table.issuer, table.unit) == ("部门", "广州市花都区民政局", "万元")


def test_a_cover_naming_the_body_again_under_the_title_keeps_it_out_of_the_title(tmp_path: Path) -> None:
    """湖北's cover: “2025年宜昌市夷陵区农业农村局部门预算”, then the department on its own line, then the date. Joined, the
    published title read “…部门预算宜昌市夷陵区农业农村局”; the line is the body that publishes."""
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "封面"
    cover["A4"] = "2025年宜昌市夷陵区农业农村局部门预算"
    cover["A8"] = "宜昌市夷陵区农业农村局"
    cover["A10"] = "2025年2月"
    sheet = book.create_sheet("表1")
    sheet["A1"] = "部门收支预算总表"
    sheet["D2"] = "单位：万元"
    for col, label in zip("ABCD", ("项目", "预算数", "项目", "预算数")):
        sheet[f"{col}3"] = label
    sheet["A4"], sheet["B4"], sheet["C4"], sheet["D4"] = "一、一般公共预算拨款收入", 10, "一、农林水支出", 10
    path = tmp_path / "预算.xlsx"
    book.save(path)
    document = read_file(str(path))
    assert (document.cover.title, document.cover.body, document.cover.year) == (
        "2025年宜昌市夷陵区农业农村局部门预算",
        "宜昌市夷陵区农业农村局",
        2025,
    )


def test_an_excel_2003_xml_workbook_is_named_as_such_with_what_to_do(tmp_path: Path) -> None:
    """Finance systems export “XML 电子表格” as .xls: say what it is and how to save it as .xlsx, not that it is a web page."""
    path = tmp_path / "预算.xls"
    path.write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="表1"/></Workbook>\n',
        encoding="utf-8",
    )
    with pytest.raises(UnsupportedFile) as caught:
        read_file(str(path))
    message = caught.value.format_message()
    assert "Excel 2003 XML" in message and "另存为" in message and ".xlsx" in message and "网页" not in message


DASH_ZERO = '#,##0.00;-#,##0.00;"-"'


def _dash_zero_book(path: Path) -> None:
    """A 决算 table whose zeros are stored as 0 and shown as “-” by the format; one cell holds the text “-”."""
    from .test_import_national import BodyRow, _book, _sheet

    header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("基本支出", 0, 3, 1, 1), ("项目支出", 0, 4, 1, 1))
    rows: list[BodyRow] = [
        (["", "合计", Decimal("30.00"), Decimal("20.00"), Decimal("10.00")], None),
        (["201", "一般公共服务支出", Decimal("30.00"), Decimal("20.00"), Decimal("10.00")], None),
        (["20101", "人大事务", 0, 0, "-"], None),
        (["20103", "政府办公厅（室）及相关机构事务", Decimal("30.00"), Decimal("20.00"), Decimal("10.00")], None),
        (["2010301", "行政运行", Decimal("20.00"), Decimal("20.00"), 0], None),
        (["2010302", "一般行政管理事务", Decimal("10.00"), 0, Decimal("10.00")], None),
    ]
    book = _book()
    _sheet(book, "表5", "一般公共预算财政拨款支出决算表", header, rows, 5)
    sheet = book["表5"]
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            if isinstance(cell.value, (int, float, Decimal)):
                cell.number_format = DASH_ZERO
    book.save(path)


def test_a_stored_zero_shown_as_a_dash_is_imported_as_zero(tmp_path: Path) -> None:
    """A 0 that only the format (#,##0.00;-#,##0.00;"-") shows as “-” was imported as "-", published as 不适用."""
    from .test_import_national import _rows
    from pubgen.importers.writer import Options, run

    _dash_zero_book(tmp_path / "决算.xlsx")
    document = read_file(str(tmp_path / "决算.xlsx"))
    (note,) = [n for n in document.notes if n.code == "zero-shown-as-dash"]
    assert note.message.startswith("工作表“表5”有 4 格（C6、D6、E8、D9）存的是 0，只是单元格格式把 0 显示成“-”：已录入为 0")
    (content := tmp_path / "content").mkdir()
    outcome = run([str(tmp_path / "决算.xlsx")], Options(), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    rows = _rows(item.text)
    assert '{code: "20101", label: 人大事务, values: [0.00, 0.00, "-"]}' in rows  # the stored text “-” stays “-”
    assert '{code: "2010301", label: 行政运行, values: [20.00, 20.00, 0.00]}' in rows
    assert '{code: "2010302", label: 一般行政管理事务, values: [10.00, 0.00, 10.00]}' in rows
    assert any("显示成“-”" in i.message for i in item.report.items if i.status == "unsure")
    assert "# 导入：原表有 4 格（C6、D6、E8、D9）存的是 0，按单元格格式显示为“-”，已录入为 0，请核对。\n" in item.text
    assert outcome.check is not None and not outcome.check.errors


def test_a_nonzero_figure_under_the_dash_format_is_read_as_printed_and_still_checked(tmp_path: Path) -> None:
    from pubgen.importers.writer import Options, run

    _dash_zero_book(tmp_path / "决算.xlsx")
    book = openpyxl.load_workbook(tmp_path / "决算.xlsx")
    book["表5"]["D9"] = 0.5  # 一般行政管理事务's 基本支出: the row no longer adds up
    book.save(tmp_path / "决算.xlsx")
    (content := tmp_path / "content").mkdir()
    outcome = run([str(tmp_path / "决算.xlsx")], Options(), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    assert '{code: "2010302", label: 一般行政管理事务, values: [10.00, 0.50, 10.00]}' in item.text
    assert outcome.check is not None
    assert sorted(p.code for p in outcome.check.errors) == ["column-sum-mismatch", "sum-mismatch"], outcome.check.errors


def test_the_glossary_keeps_the_numbers_printed_before_its_terms(tmp_path: Path) -> None:
    """（一）财政拨款收入：… （二）事业收入：…: the page counts （一）（二） from the first, as printed; it adds none of its own."""
    import shutil

    from pubgen.importers.writer import Options, run

    from .conftest import ROOT

    _disclosure_workbook().save(tmp_path / "budget.xlsx")
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(tmp_path / "budget.xlsx")], Options(), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    written = item.target.read_text(encoding="utf-8")
    glossary = written.split("  - type: glossary\n", 1)[1].split("\n\n", 1)[0]
    assert glossary.startswith("    numbering: （一）\n    items:\n") and "numbers" not in glossary


def test_codes_under_a_number_format_are_read_as_codes(tmp_path: Path) -> None:
    """A number format brushed over a whole table shows the codes as “2,010,301.00”: they were dropped as not codes, and
    the rows, added up without their levels, gave three false sum errors. A whole number of 3, 5 or 7 digits is the code."""
    from .test_import_national import _book, _import, _rows, _sheet

    header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("基本支出", 0, 3, 1, 1), ("项目支出", 0, 4, 1, 1))
    book = _book()
    _sheet(
        book, "表5", "一般公共预算财政拨款支出决算表", header,
        [
            (["", "合计", Decimal("30.00"), Decimal("20.00"), Decimal("10.00")], None),
            ([201, "一般公共服务支出", Decimal("30.00"), Decimal("20.00"), Decimal("10.00")], None),
            ([20103, "政府办公厅（室）及相关机构事务", Decimal("30.00"), Decimal("20.00"), Decimal("10.00")], None),
            ([2010301, "行政运行", Decimal("20.00"), Decimal("20.00"), 0], None),
            ([2010302, "一般行政管理事务", Decimal("10.00"), 0, Decimal("10.00")], None),
        ],
        5,
    )
    for row in book["表5"].iter_rows(min_row=5):
        for cell in row:
            cell.number_format = "#,##0.00"
    book.save(tmp_path / "决算.xlsx")
    text, errors = _import(tmp_path, tmp_path / "决算.xlsx")
    rows = _rows(text)
    assert '{code: "2010301", label: 行政运行, values: [20.00, 20.00, 0.00]}' in rows
    assert '{code: "201", label: 一般公共服务支出, values: [30.00, 20.00, 10.00]}' in rows
    assert errors == []
    assert "# 导入：编码栏按数字格式印作“2,010,301.00”，按编码 2010301 录入" in text


def test_a_damaged_old_format_workbook_named_xlsx_says_so_and_prints_no_reader_diagnostics(tmp_path: Path) -> None:
    """xlrd printed “WARNING *** file size …” on the editor's screen before the message, which named the file .xls."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    damaged = tmp_path / "预算.xlsx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * 480
    damaged.write_bytes(header + bytes(range(256)) * 32 + b"tail")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "site.yml").write_text((ROOT / "content" / "site.yml").read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pubgen", "import", "--project", str(tmp_path), str(damaged)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120,
    )
    assert done.returncode == 1
    assert "内容却是旧版格式（.xls）的工作簿" in done.stdout + done.stderr
    assert "WARNING" not in done.stdout + done.stderr and "@@@@" not in done.stdout + done.stderr


def test_a_first_sheet_of_narrative_is_narrative_not_a_cover(tmp_path: Path) -> None:
    """A workbook opening with its 编制说明 (no cover): the sheet was read as a cover, its second heading became the
    department's name (“二、收支预算总体情况”) and the narrative was lost. It is the body; the department is the tables' 编制单位."""
    from .test_import_national import _sheet

    book = openpyxl.Workbook()
    text = book.active
    text.title = "部门预算编制说明"
    lines = [
        "某某局2025年部门预算编制说明",
        "一、部门基本情况",
        "（一）部门主要职能：贯彻落实中央关于某某工作的方针政策，统筹研究和组织实施某某工作战略、规划和政策。",
        "二、收支预算总体情况",
        "2025年部门收入预算30.00万元，其中一般公共预算拨款收入30.00万元。",
    ]
    for i, line in enumerate(lines, start=1):
        text.cell(i, 1, line)
    header = (("科目编码", 0, 0, 1, 1), ("科目名称", 0, 1, 1, 1), ("合计", 0, 2, 1, 1), ("基本支出", 0, 3, 1, 1), ("项目支出", 0, 4, 1, 1))
    body = [
        (["", "合计", Decimal("30.00"), Decimal("20.00"), Decimal("10.00")], None),
        (["201", "一般公共服务支出", Decimal("30.00"), Decimal("20.00"), Decimal("10.00")], None),
    ]
    _sheet(book, "表3", "2025年部门支出预算总表", header, body, 5)
    book.save(tmp_path / "预算.xlsx")
    document = read_file(str(tmp_path / "预算.xlsx"))
    assert document.cover is None or "收支预算总体情况" not in (document.cover.body or "")
    headings = [b.text for b in document.body if isinstance(b, Heading)]
    assert "部门基本情况" in headings and "收支预算总体情况" in headings
    from pubgen.importers.writer import Options, run

    (content := tmp_path / "content").mkdir()
    outcome = run([str(tmp_path / "预算.xlsx")], Options(region="某某省/某某市/某某区"), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    assert "统筹研究和组织实施某某工作战略" in item.text
    assert item.placement.department.name == "某某省某某市某某区某某局"


def test_a_documents_title_over_the_first_of_stacked_tables_is_the_documents(tmp_path: Path) -> None:
    """A 决算 exported as one sheet, its title in A1 over “公开05表 / 一般公共预算财政拨款支出决算表”: the title became the
    table's (no kind, none of its checks), and without a cover the year and kind were not found at all."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2024年度部门决算公开表"
    rows = [
        ["某某县某某局2024年度部门决算"],
        [],
        [None, None, None, None, "公开05表"],
        ["一般公共预算财政拨款支出决算表"],
        ["编制单位：某某县某某局", None, None, None, "单位：万元"],
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        [None, "合计", 30, 20, 10],
        ["201", "一般公共服务支出", 30, 20, 10],
        ["20103", "政府办公厅（室）及相关机构事务", 30, 20, 10],
        ["2010301", "行政运行", 30, 20, 10],
    ]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(r, c, value)
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("A4:E4")
    book.save(tmp_path / "决算.xlsx")
    document = read_file(str(tmp_path / "决算.xlsx"))
    (table,) = document.tables
    assert table.title == "一般公共预算财政拨款支出决算表"
    assert document.cover.title == "某某县某某局2024年度部门决算" and document.cover.year == 2024
    from pubgen.importers.writer import Options, run

    (content := tmp_path / "content").mkdir()
    outcome = run([str(tmp_path / "决算.xlsx")], Options(region="某某省/某某市/某某县"), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    assert "kind: final-accounts" in item.text and "year: 2024" in item.text
    assert "role: final-general-expenditure" in item.text


def test_a_workbook_unpacking_past_100_mb_is_refused_before_reading(tmp_path: Path, workbook_path: Path) -> None:
    """A 1 MB file whose shared strings unpack to 400 MB took 90 s and 2 GB to import; past 100 MB it is refused at once."""
    bomb = tmp_path / "预算.xlsx"
    with zipfile.ZipFile(workbook_path) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr("xl/padding.xml", b" " * (101 << 20))
    assert bomb.stat().st_size < 2 << 20
    with pytest.raises(DamagedFile) as caught:
        read_file(str(bomb))
    assert "解压后超过 100 MB" in caught.value.format_message()
