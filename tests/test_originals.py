"""The original file offered beside a document is the original: an empty file or a saved error page is not offered."""

from __future__ import annotations

from pathlib import Path

import pytest

from pubgen.provenance import original_of


@pytest.mark.parametrize(
    ("name", "content", "offered"),
    [
        ("2021-budget.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", True),
        ("2021-budget.xlsx", b"PK\x03\x04\x14\x00\x06\x00", True),
        ("2021-budget.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", True),
        # A failed download saved under the file's name: an empty file, a web page, a word.
        ("2021-budget.pdf", b"", False),
        ("2021-budget.pdf", "<html><head><title>403 禁止访问</title>".encode(), False),
        ("2021-budget.pdf", b"hello", False),
        ("2021-budget.xlsx", b"%PDF-1.4\n", False),
    ],
)
def test_only_a_file_that_is_what_its_name_says_is_offered(tmp_path: Path, name: str, content: bytes, offered: bool) -> None:
    source = tmp_path / "2021-budget.yml"
    source.write_text("year: 2021\n", encoding="utf-8")
    (tmp_path / name).write_bytes(content)
    found = original_of(source)
    assert (found is not None) is offered
    if found is not None:
        assert found.path.name == name and found.size == len(content)


def _workbook(path: Path, hide: str) -> None:
    """A small disclosure workbook; ``hide`` adds what a finance bureau's copy keeps out of sight."""
    import openpyxl
    from openpyxl.comments import Comment

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "表1 收支总表"
    sheet["A1"], sheet["B1"] = "项目", "预算数"
    sheet["A2"], sheet["B2"] = "收入总计", 1234.56
    sheet["C2"] = "内部编码 X-17" if hide == "column-with-figures" else None
    if hide == "sheet":
        working = book.create_sheet("测算底稿")
        working["A1"], working["B1"] = "张三", "110101199001011234"
        working.sheet_state = "hidden"
    elif hide == "very-hidden-sheet":
        book.create_sheet("口径说明")["A1"] = "内部口径：压减指标暂不公开"
        book["口径说明"].sheet_state = "veryHidden"
    elif hide == "empty-hidden-sheet":
        book.create_sheet("Sheet2").sheet_state = "hidden"  # a template's leftover: nothing to leak
    elif hide == "row":
        sheet["A3"], sheet["B3"] = "审定前数", 1300
        sheet.row_dimensions[3].hidden = True
    elif hide in ("column-with-figures", "empty-column"):
        sheet.column_dimensions["C"].hidden = True
    elif hide == "comment":
        sheet["B2"].comment = Comment("该数据待局长审定后再改", "财务科王五")
    elif hide == "dde":
        sheet["B3"] = "=cmd|' /C calc'!A0"
    book.save(path)
    if hide == "external-link":
        # =[1]人员测算!C5 keeps the linked file's path and its figures in the workbook (as Excel saves it).
        import zipfile

        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr(
                "xl/externalLinks/externalLink1.xml",
                '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook>'
                '<sheetNames><sheetName val="人员测算"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="5">'
                '<cell r="C5"><v>1234.56</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>',
            )
            archive.writestr(
                "xl/externalLinks/_rels/externalLink1.xml.rels",
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" '
                'Target="file:///D:\\财务科\\2025年预算测算底稿（内部）.xlsx" TargetMode="External"/></Relationships>',
            )


@pytest.mark.parametrize(
    ("hide", "told"),
    [
        ("nothing", []),
        ("empty-hidden-sheet", []),
        ("empty-column", []),
        ("sheet", ["隐藏的工作表“测算底稿”"]),
        ("very-hidden-sheet", ["隐藏的工作表“口径说明”"]),
        ("row", ["工作表“表1 收支总表”中隐藏的行"]),
        ("column-with-figures", ["工作表“表1 收支总表”中隐藏的列"]),
        ("comment", ["批注"]),
        ("external-link", ["链接到其他文件的公式（外部链接，带着那个文件的路径和数字）"]),
        ("dde", ["调用其他程序的公式（DDE，如 =cmd|…）"]),
    ],
)
def test_a_workbook_hiding_content_from_its_reader_is_not_offered(tmp_path: Path, hide: str, told: list[str]) -> None:
    """The downloadable original would carry a workbook's hidden sheets (names, ID numbers), hidden figures and reviewers'
    comments to every reader: such a file is not offered, and the check says what it hides and what to do."""
    from pubgen.pipeline import Project, check

    from .test_checks import DEPT, doc, project

    proj = project(tmp_path, doc(2021, "budget", "- type: text\n  text: 本部门2021年预算。\n"))
    folder = proj.root / "content" / "documents" / DEPT
    _workbook(folder / "doc0.xlsx", hide)
    assert (original_of(folder / "doc0.yml") is None) is bool(told)
    found = [p for p in check(proj).problems if p.code.startswith("original-")]
    if not told:
        assert found == []
        return
    assert [(p.code, p.severity.value, Path(p.file).name) for p in found] == [("original-hidden-content", "warning", "doc0.xlsx")]
    assert f"它含有读者看不到的内容：{'、'.join(told)}" in found[0].message and "页面不提供下载" in found[0].message


@pytest.mark.parametrize(("part", "told"), [("<w:ins w:id=\"1\"><w:r><w:t>新增</w:t></w:r></w:ins>", "修订记录"), ("<w:r><w:rPr><w:vanish/></w:rPr><w:t>内部</w:t></w:r>", "隐藏文字")])
def test_a_word_file_with_tracked_changes_or_hidden_text_is_not_offered(tmp_path: Path, part: str, told: str) -> None:
    import zipfile

    source = tmp_path / "2021-budget.yml"
    source.write_text("year: 2021\n", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "2021-budget.docx", "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("word/document.xml", f'<w:document xmlns:w="w"><w:body><w:p>{part}</w:p></w:body></w:document>')
    assert original_of(source) is None
    from pubgen.provenance import hidden_content

    assert any(told in what for what in hidden_content(tmp_path / "2021-budget.docx"))


def test_an_imported_workbook_that_hides_content_is_not_copied_as_the_original(tmp_path: Path) -> None:
    """pubgen import copies the workbook beside the document for download, except one that hides content: it says so."""
    from pubgen.importers.summary import outcome_text
    from pubgen.importers.writer import Options, run

    from .test_import_workbook import _dash_zero_book

    book_path = tmp_path / "决算.xlsx"
    _dash_zero_book(book_path)
    import openpyxl

    book = openpyxl.load_workbook(book_path)
    working = book.create_sheet("测算底稿")
    working["A1"] = "张三 110101199001011234"
    working.sheet_state = "hidden"
    book.save(book_path)
    (content := tmp_path / "content").mkdir()
    outcome = run([str(book_path)], Options(), content)
    assert outcome.ok, outcome.failures
    (item,) = outcome.imported
    assert item.target.exists() and not item.target.with_suffix(".xlsx").exists()
    text = outcome_text(outcome, content)
    assert "没有复制原文文件" in text and "隐藏的工作表“测算底稿”" in text
    # The same workbook without its hidden sheet is copied beside the document.
    del book["测算底稿"]
    book.save(book_path)
    (again := tmp_path / "again").mkdir()
    outcome = run([str(book_path)], Options(), again)
    (item,) = outcome.imported
    assert item.target.with_suffix(".xlsx").exists() and not outcome.withheld


def test_an_old_workbook_renamed_xlsx_is_kept_under_the_name_of_its_format(tmp_path: Path) -> None:
    """An .xls saved with the name .xlsx was copied as .xlsx and then not offered (“不是有效的 Excel 文件”)."""
    from pubgen.provenance import real_suffix

    fixture = Path(__file__).parent / "fixtures" / "import" / "budget-table.xls"
    renamed = tmp_path / "预算.xlsx"
    renamed.write_bytes(fixture.read_bytes())
    assert real_suffix(renamed) == ".xls"
    assert real_suffix(fixture) == ".xls"
    pdf = tmp_path / "a.PDF"
    pdf.write_bytes(b"%PDF-1.7")
    assert real_suffix(pdf) == ".pdf"


def test_an_old_format_workbook_hiding_a_sheet_and_a_row_is_not_offered(tmp_path: Path) -> None:
    from pubgen.provenance import hidden_content

    fixture = Path(__file__).parent / "fixtures" / "import" / "hidden-content.xls"
    assert hidden_content(fixture) == ["隐藏的工作表“测算底稿”", "工作表“表1 收支总表”中隐藏的行"]
    source = tmp_path / "2021-budget.yml"
    source.write_text("year: 2021\n", encoding="utf-8")
    (tmp_path / "2021-budget.xls").write_bytes(fixture.read_bytes())
    assert original_of(source) is None
