"""pubgen import of Word documents (.docx): the 情况说明 as departments write it, tables pasted in.

The real PDFs are read, their cover, headings, paragraphs and tables written into a .docx as Word saves them (titles
centred, paragraphs indented, header cells merged across and down), and both files imported: the content written must
be the same, figure for figure and paragraph for paragraph. Then what only Word has: the list numbers it generates,
text boxes, tracked deletions and hidden text, a cover without a page break, an empty table printed without a grid.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from pubgen.importers import read_file
from pubgen.importers.errors import DamagedFile, EncryptedFile, UnsupportedFile
from pubgen.importers.structure import Cell as Printed
from pubgen.importers.structure import Glossary, Heading, ImportedDocument, ListBlock, Paragraph, Table
from pubgen.importers.writer import Options, run

from .conftest import ROOT
from .test_import_real import REAL
from .wordfile import Block, Cell, Para, write


def _table_blocks(table: Table) -> list[Block]:
    """A table as a department pastes it into Word: its mark and title over it, the unit line, the grid, the notes."""
    out: list[Block] = [Para(mark) for mark in table.meta]
    if table.title:
        out.append(Para(table.title, centred=True))
    line = "\t".join(x for x in (f"{table.issuer_label}：{table.issuer}" if table.issuer else "", table.unit_text) if x)
    if line:
        out.append(Para(line))
    width = len(table.columns)
    starts: dict[tuple[int, int], tuple[Printed, int]] = {}
    for r, cells in enumerate(table.header):
        for cell in cells:
            for down in range(cell.rowspan):
                starts[(r + down, cell.col)] = (cell, down)
    rows: list[list[Cell]] = []
    for r in range(len(table.header)):
        row: list[Cell] = []
        col = 0
        while col < width:
            found = starts.get((r, col))
            if found is None:
                row.append(Cell(""))
                col += 1
                continue
            cell, down = found
            merge = "" if cell.rowspan == 1 else ("restart" if down == 0 else "continue")
            row.append(Cell(cell.text if down == 0 else "", cell.colspan, merge))
            col += cell.colspan
        rows.append(row)
    rows += [[Cell(c.text, c.colspan) for c in body.cells] for body in table.rows]
    out.append(rows)
    out += [Para(note) for note in table.notes]
    return out


def as_word(document: ImportedDocument, path: Path) -> Path:
    """The document as its department would have written it in Word before printing it to PDF."""
    blocks: list[Block] = [Para(line, centred=True) for line in document.cover.lines]
    if blocks:
        blocks[-1] = Para(document.cover.lines[-1], centred=True, page_break_after=True)
    for block in document.body:
        if isinstance(block, Heading):
            blocks.append(Para(block.numbering + block.text, centred=block.level == 0))
        elif isinstance(block, Paragraph):
            blocks.append(Para(block.text, indent=True))
        elif isinstance(block, ListBlock):
            blocks += [Para(item.text, indent=True) for item in block.items]
        elif isinstance(block, Glossary):
            blocks += [Para(f"{e.numbering}{e.term}：{e.definition}", indent=True) for e in block.entries]
        else:
            blocks += _table_blocks(block)
    return write(path, blocks)


def _import(source: Path, project: Path) -> str:
    content = project / "content"
    content.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(region="shanghai/putuo"), content)
    assert outcome.ok, outcome.failures
    (written,) = [p for p in (content / "documents").rglob("*.yml")]
    return written.read_text(encoding="utf-8")


_NOT_FROM_THE_PAGE = re.compile(r"  # 导入：名称原文折行印刷，已接成一行。|  # 导入：原表有 \d+ 行空行.*")


def _content(text: str) -> list[str]:
    """The written document without its comments on the source file and the PDF's printing (lines wrapped)."""
    return [_NOT_FROM_THE_PAGE.sub("", line) for line in text.splitlines() if not line.lstrip().startswith("#")]


@pytest.mark.skipif(REAL is None, reason="the real published documents (shared/real) are not beside the project")
@pytest.mark.parametrize("name", ["putuo-wanli-street-2025-budget.pdf", "putuo-caizhengju-2024-final-accounts.pdf"])
def test_a_word_document_imports_to_what_its_pdf_imports_to(tmp_path: Path, name: str) -> None:
    assert REAL is not None
    pdf = REAL / name
    docx = as_word(read_file(str(pdf)), tmp_path / name.replace(".pdf", ".docx"))
    from_pdf = _content(_import(pdf, tmp_path / "pdf"))
    from_word = _content(_import(docx, tmp_path / "word"))
    assert from_word == from_pdf
    assert sum(1 for line in from_word if "values:" in line) > 100  # the tables are there, not two empty files
    (written,) = (tmp_path / "word" / "content" / "documents").rglob("*.yml")
    assert written.with_suffix(".docx").read_bytes() == docx.read_bytes()  # the original, offered for download


def _department_document(path: Path) -> Path:
    """A county bureau's 2024 决算 as typed in Word: list numbers Word makes, a cover in a text box, an empty table."""
    return write(
        path,
        [
            Para(box=["安远县农业农村局", "2024年度部门决算"], page_break_after=False),
            Para("2025年8月", centred=True, page_break_after=True),
            Para("目录", centred=True),
            Para("一、部门主要职能\t3"),
            Para("二、部门决算表\t5", page_break_after=True),
            Para("部门主要职能", numbered=(1, 0)),
            Para("负责全县农业农村工作。", indent=True, hidden="（内部：待局长审定）", deleted="负责全县林业工作。"),
            Para("部门决算表", numbered=(1, 0)),
            Para("财政拨款收入支出决算总表", numbered=(1, 1)),
            Para("公开03表"),
            Para("“三公”经费支出决算表", centred=True),
            Para("编制单位：安远县农业农村局\t单位：万元"),
            [
                [Cell("预算数", 4), Cell("决算数", 4)],
                [Cell("合计", merge="restart"), Cell("因公出国（境）费", merge="restart"), Cell("公务用车购置及运行费", 2)]
                + [Cell("合计", merge="restart"), Cell("因公出国（境）费", merge="restart"), Cell("公务用车购置及运行费", 2)],
                [Cell(merge="continue"), Cell(merge="continue"), Cell("购置费"), Cell("运行费")]
                + [Cell(merge="continue"), Cell(merge="continue"), Cell("购置费"), Cell("运行费")],
                [Cell("12.50"), Cell("0.00"), Cell("0.00"), Cell("12.50"), Cell("10.20"), Cell("0.00"), Cell("0.00"), Cell("10.20")],
            ],
            Para("注：本表反映部门本年度“三公”经费支出预算和决算情况。"),
            Para("政府性基金预算财政拨款收入支出决算表", centred=True),
            Para("单位：万元"),
            Para("本单位无政府性基金预算财政拨款收支，故本表无数据。"),
            Para("其他说明", numbered=(1, 0)),
            Para("机关运行经费情况", numbered=(1, 1)),
            Para("本部门2024年度机关运行经费支出46.80万元。", indent=True, breaks=["比上年减少3.20万元。"]),
        ],
    )


def test_word_documents_keep_what_word_shows_and_only_that(tmp_path: Path) -> None:
    document = read_file(str(_department_document(tmp_path / "决算.docx")))
    assert document.source_kind == "docx"
    assert document.cover.title == "安远县农业农村局2024年度部门决算" and document.cover.year == 2024
    assert [entry.text for entry in document.toc] == ["部门主要职能", "部门决算表"]
    assert [entry.page for entry in document.toc] == ["3", "5"]
    headings = [(b.numbering, b.text) for b in document.body if isinstance(b, Heading)]
    # The numbers Word generates for its lists are printed: they are the headings' numbers.
    assert headings[:4] == [("一、", "部门主要职能"), ("二、", "部门决算表"), ("（一）", "财政拨款收入支出决算总表"), ("三、", "其他说明")]
    paragraphs = [b.text for b in document.body if isinstance(b, Paragraph)]
    assert "负责全县农业农村工作。" in paragraphs
    assert not any("林业" in p or "内部" in p for p in paragraphs)  # deleted with tracked changes, hidden text
    # A line break typed in a paragraph (Shift+Enter) goes on with the paragraph.
    assert "本部门2024年度机关运行经费支出46.80万元。比上年减少3.20万元。" in paragraphs
    three, fund = document.tables
    assert three.title == "“三公”经费支出决算表" and three.unit == "万元" and three.issuer == "安远县农业农村局"
    assert three.meta == ["公开03表"]
    assert [c.path for c in three.columns][4] == ("决算数", "合计")
    assert [c.path for c in three.columns][7] == ("决算数", "公务用车购置及运行费", "运行费")
    assert [c.value for c in three.rows[0].cells] == ["12.50", "0.00", "0.00", "12.50", "10.20", "0.00", "0.00", "10.20"]
    assert three.notes == ["注：本表反映部门本年度“三公”经费支出预算和决算情况。"]
    assert fund.title == "政府性基金预算财政拨款收入支出决算表" and fund.empty
    assert fund.notes == ["本单位无政府性基金预算财政拨款收支，故本表无数据。"]


def test_a_word_document_imports_as_a_document_that_checks(tmp_path: Path) -> None:
    source = _department_document(tmp_path / "安远县农业农村局2024年度部门决算.docx")
    project = tmp_path / "project"
    content = project / "content"
    content.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(region="江西省/赣州市/安远县"), content)
    assert outcome.ok, outcome.failures
    (written,) = list((content / "documents").rglob("*.yml"))
    text = written.read_text(encoding="utf-8")
    assert written.name == "2024-final-accounts.yml"
    assert "由 pubgen import 从 安远县农业农村局2024年度部门决算.docx（2 张表格" in text
    assert "10.20" in text and "本单位无政府性基金预算财政拨款收支，故本表无数据。" in text
    # The original keeps a tracked deletion and hidden text: offered for download, it would publish them.
    assert not (written.parent / "2024-final-accounts.docx").exists()
    (hidden,) = outcome.withheld.values()
    assert any("修订" in what for what in hidden) and any("隐藏" in what for what in hidden), hidden
    # A title on one line names the body (no 编制单位 line, no second cover line): the department is found by it.
    clean = write(
        tmp_path / "2023.docx", [Para("安远县农业农村局2023年度部门决算", centred=True), Para("一、部门主要职能"), Para("负责全县农业农村工作。")]
    )
    outcome = run([str(clean)], Options(region="江西省/赣州市/安远县"), content)
    assert outcome.ok, outcome.failures
    assert (written.parent / "2023-final-accounts.docx").is_file()  # the original, offered for download


def _zip(path: Path, document_xml: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return path


def test_a_damaged_or_hostile_word_document_is_refused_with_a_reason(tmp_path: Path) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
    )
    with pytest.raises(DamagedFile, match="文档类型声明"):
        read_file(str(_zip(tmp_path / "bomb.docx", bomb)))
    with pytest.raises(DamagedFile, match="Word 文档的正文已损坏"):
        read_file(str(_zip(tmp_path / "cut.docx", b"<w:document xmlns:w='x'><w:body><w:p>")))
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "WordDocument".encode("utf-16-le") + b"\0" * 600)
    with pytest.raises(UnsupportedFile, match=r"旧版 Word 文档（\.doc）.*另存为.*\.docx"):
        read_file(str(old))


def _grid(total: str, first: str, second: str) -> list[list[Cell]]:
    """A 支出决算表's grid: its header, and the 合计 over two classes."""
    return [
        [Cell("科目编码"), Cell("科目名称"), Cell("本年支出合计"), Cell("基本支出"), Cell("项目支出")],
        [Cell(""), Cell("合计"), Cell(total), Cell(total), Cell("0.00")],
        [Cell("208"), Cell("社会保障和就业支出"), Cell(first), Cell(first), Cell("0.00")],
        [Cell("210"), Cell("卫生健康支出"), Cell(second), Cell(second), Cell("0.00")],
    ]


def _as_departments_write_it(path: Path) -> Path:
    """A 决算 laid out as Word users lay it out: the cover in a table, headings numbered by the 标题 styles, a table in a
    frame (a one-cell table round it), a table going on under “续表”, the number of a table printed without a grid above
    its title, a line break typed inside an item of a list."""
    second_half = [
        [Cell("科目编码"), Cell("科目名称"), Cell("本年支出合计"), Cell("基本支出"), Cell("项目支出")],
        [Cell("213"), Cell("农林水支出"), Cell("1030.18"), Cell("1030.18"), Cell("0.00")],
        [Cell("221"), Cell("住房保障支出"), Cell("52.70"), Cell("52.70"), Cell("0.00")],
    ]
    return write(
        path,
        [
            [[Cell("安远县农业农村局")], [Cell("2024年度部门决算")], [Cell("二〇二五年九月")]],
            Para("部门主要职责", style="Heading2"),
            Para("（一）贯彻落实党中央关于“三农”工作的方针政策和决策部署，统筹研究和组织实施“三农”工作。", indent=True),
            Para("（二）统筹推动发展农村社会事业、农村公共服务和乡村治理。", indent=True, breaks=["牵头组织改善农村人居环境。"]),
            Para("（三）完成县委、县政府交办的其他任务，做好相关服务保障工作。", indent=True),
            Para("部门决算表", style="Heading2"),
            Para("公开03表"),
            Para("支出决算表", centred=True),
            Para("编制单位：安远县农业农村局\t单位：万元"),
            _grid("1248.88", "120.40", "45.60"),
            Para("续表", centred=True),
            second_half,
            Para("公开07表"),
            Para("财政拨款“三公”经费支出决算表", centred=True),
            Para("单位：万元"),
            [[Cell(table=[[Cell("预算数"), Cell("决算数")], [Cell("12.50"), Cell("10.20")]])]],
            Para("公开08表"),
            Para("政府性基金预算财政拨款收入支出决算表", centred=True),
            Para("单位：万元"),
            Para("本单位无政府性基金预算财政拨款收支，故本表无数据。"),
            Para("部门决算情况说明", style="Heading2"),
            Para("收入支出决算总体情况说明", style="Heading3"),
            Para("2024年度收、支总计均为1314.08万元。", indent=True),
        ],
    )


def test_a_word_document_laid_out_as_departments_lay_it_out(tmp_path: Path) -> None:
    document = read_file(str(_as_departments_write_it(tmp_path / "决算.docx")))
    assert (document.cover.title, document.cover.year) == ("安远县农业农村局2024年度部门决算", 2024)
    headings = [(b.numbering, b.text) for b in document.body if isinstance(b, Heading)]
    # Numbered by their styles (a multilevel list linked to 标题 2 and 标题 3): the numbers Word prints are read.
    assert headings == [("一、", "部门主要职责"), ("二、", "部门决算表"), ("三、", "部门决算情况说明"), ("（一）", "收入支出决算总体情况说明")]
    (items,) = [b for b in document.body if isinstance(b, ListBlock)]
    # A line typed with Shift+Enter goes on with its item; the list keeps its three items.
    assert [i.text for i in items.items][1] == "（二）统筹推动发展农村社会事业、农村公共服务和乡村治理。牵头组织改善农村人居环境。"
    assert len(items.items) == 3
    spending, three, fund = document.tables
    # The table under “续表” is the rest of the 支出决算表: its 合计 adds up all four classes.
    assert spending.title == "支出决算表" and spending.meta == ["公开03表"]
    assert [r.entries[0].code_text for r in spending.rows] == ["", "208", "210", "213", "221"]
    # The 三公 table drawn in a frame is read as the table inside it.
    assert three.title == "财政拨款“三公”经费支出决算表" and [c.value for c in three.rows[0].cells] == ["12.50", "10.20"]
    # The number over a table printed without a grid is the table's, not a paragraph.
    assert fund.meta == ["公开08表"] and fund.empty
    assert not [b for b in document.body if isinstance(b, Paragraph) and b.text in ("公开08表", "续表")]


def test_a_word_document_laid_out_as_departments_lay_it_out_checks_clean(tmp_path: Path) -> None:
    source = _as_departments_write_it(tmp_path / "决算.docx")
    content = tmp_path / "project" / "content"
    content.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(region="江西省/赣州市/安远县"), content)
    assert outcome.ok, outcome.failures
    assert outcome.check is not None
    assert [p.code for p in outcome.check.problems if p.severity.value == "error"] == []


def test_a_word_document_under_another_name_is_kept_under_its_own(tmp_path: Path) -> None:
    """A .docx saved as “….pdf” is read as Word, and its original kept as .docx (a .pdf that is no PDF was refused for
    download, with a message about a failed download); an old .doc renamed .docx is named as Word, not as a workbook."""
    source = write(tmp_path / "安远县农业农村局2023年度部门决算.pdf", [Para("安远县农业农村局2023年度部门决算", centred=True), Para("一、部门主要职能"), Para("负责全县农业农村工作。")])
    content = tmp_path / "project" / "content"
    content.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(region="江西省/赣州市/安远县"), content)
    assert outcome.ok, outcome.failures
    (written,) = (content / "documents").rglob("*.yml")
    assert [p.name for p in written.parent.iterdir() if p.suffix != ".yml"] == ["2023-final-accounts.docx"]
    old = tmp_path / "说明.docx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048)
    with pytest.raises(UnsupportedFile, match="旧版 Word 文档"):
        read_file(str(old))


def test_frames_a_bare_mark_and_blank_layout_tables_are_read_as_word_shows_them(tmp_path: Path) -> None:
    """A table drawn in a frame whose rows above it hold its title and unit (its figures were glued into one column
    label, 120.40301), a bare “附表” over a title (it took the title's place: no kind, no checks), and a blank table laying
    out the signature at the end (the import failed with IndexError)."""
    basic = [
        [Cell("科目编码"), Cell("科目名称"), Cell("合计"), Cell("人员经费"), Cell("公用经费")],
        [Cell(""), Cell("合计"), Cell("989.50"), Cell("869.10"), Cell("120.40")],
        [Cell("301"), Cell("工资福利支出"), Cell("850.10"), Cell("850.10"), Cell("")],
        [Cell("302"), Cell("商品和服务支出"), Cell("120.40"), Cell(""), Cell("120.40")],
        [Cell("303"), Cell("对个人和家庭的补助"), Cell("19.00"), Cell("19.00"), Cell("")],
    ]
    source = write(
        tmp_path / "决算.docx",
        [
            Para("安远县农业农村局2024年度部门决算", centred=True, page_break_after=True),
            Para("附表", centred=True),
            Para("支出决算表", centred=True),
            Para("单位：万元"),
            _grid("166.00", "120.40", "45.60"),
            [[Cell("一般公共预算财政拨款基本支出决算表")], [Cell("单位：万元")], [Cell(table=basic)]],
            Para("一、部门主要职能"),
            Para("负责全县农业农村工作。", indent=True),
            [[Cell(""), Cell("")], [Cell(""), Cell("")]],
        ],
    )
    document = read_file(str(source))
    spending, basic_table = document.tables
    assert (spending.title, spending.meta) == ("支出决算表", ["附表"])
    assert basic_table.title == "一般公共预算财政拨款基本支出决算表" and basic_table.unit_text == "单位：万元"
    assert [r.entries[0].code_text for r in basic_table.rows] == ["", "301", "302", "303"]
    assert [c.value for c in basic_table.rows[0].cells if c.value is not None] == ["989.50", "869.10", "120.40"]
    assert [b.text for b in document.body if isinstance(b, Paragraph)] == ["负责全县农业农村工作。"]


def test_a_locked_or_endlessly_nested_word_document_is_refused_with_its_reason(tmp_path: Path) -> None:
    locked = tmp_path / "说明.docx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600)
    with pytest.raises(EncryptedFile, match="Word 文档设有打开密码"):
        read_file(str(locked))
    nested = b"<w:sdt><w:sdtContent>" * 5000 + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" + b"</w:sdtContent></w:sdt>" * 5000
    xml = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + nested + b"</w:body></w:document>"
    with pytest.raises(DamagedFile, match="嵌套过深"):
        read_file(str(_zip(tmp_path / "deep.docx", xml)))
    with pytest.raises(DamagedFile, match="用 Word 或 WPS 打开后重新保存"):
        (tmp_path / "cut.docx").write_bytes(_zip(tmp_path / "whole.docx", xml).read_bytes()[:200])
        read_file(str(tmp_path / "cut.docx"))


def test_an_import_too_large_for_a_document_file_is_told_as_such(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """150,000 rows pasted into Word made a 5.7 MB document, which the reader refuses: the import called that its own
    defect (“读回来与原意不符…这是 pubgen 的缺陷”). The size is told, and what to do."""
    import pubgen.importers.writer as writer

    monkeypatch.setattr(writer, "MAX_BYTES", 2048)  # the limit a document file has, scaled to a small document
    rows = [[Cell("科目编码"), Cell("科目名称"), Cell("金额")]] + [[Cell(f"2080{i:03d}"), Cell(f"项目{i}"), Cell(f"{i}.00")] for i in range(200)]
    source = write(tmp_path / "安远县农业农村局2024年度部门决算.docx", [Para("安远县农业农村局2024年度部门决算", centred=True), Para("支出决算表", centred=True), rows])
    content = tmp_path / "project" / "content"
    content.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(region="江西省/赣州市/安远县"), content)
    assert not outcome.ok
    assert "超过一份文档文件的上限" in str(outcome.failures) and "缺陷" not in str(outcome.failures), outcome.failures
    assert not (content / "documents").exists() or not list((content / "documents").rglob("*.yml"))


def test_a_new_departments_full_path_with_its_regions_names_imports_into_them(tmp_path: Path) -> None:
    """--region 江西省/赣州市/安远县 --department jiangxi/ganzhou/anyuan/shijianju (a new county): the path's region
    replaced the names, and the import asked for the --region it had been given. A path that is not the names' is told."""
    source = write(tmp_path / "安远县市场监督管理局2025年部门预算.docx", [Para("安远县市场监督管理局2025年部门预算", centred=True), Para("一、部门主要职能"), Para("负责全县市场监督管理工作。")])
    content = tmp_path / "project" / "content"
    content.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(region="江西省/赣州市/安远县", department="jiangxi/ganzhou/anyuan/shijianju"), content)
    assert outcome.ok, outcome.failures
    (written,) = (content / "documents").rglob("*.yml")
    assert written.relative_to(content / "documents").as_posix() == "jiangxi/ganzhou/anyuan/shijianju/2025-budget.yml"
    assert "安远县" in (content / "regions.yml").read_text(encoding="utf-8")
    other = tmp_path / "other" / "content"
    other.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site.yml", other / "site.yml")
    outcome = run([str(source)], Options(region="江西省/赣州市/安远县", department="jiangxi/ganzhou/xinfeng/shijianju"), other)
    assert not outcome.ok and "与 --region“江西省/赣州市/安远县”对应的地区路径“jiangxi/ganzhou/anyuan”不一致" in str(outcome.failures)


def test_a_footnote_is_told_not_dropped_in_silence(tmp_path: Path) -> None:
    """A footnote carries a scope or a definition (“编制人数以县委编办2024年底核定数为准。”): it was dropped with nothing
    said. It is listed as not imported; Word's separator notes are not."""
    source = write(tmp_path / "安远县农业农村局2024年度部门决算.docx", [Para("安远县农业农村局2024年度部门决算", centred=True), Para("一、部门主要职能"), Para("负责全县农业农村工作。")])
    notes = (
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>编制人数以县委编办2024年底核定数为准。</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    with zipfile.ZipFile(source, "a") as archive:
        archive.writestr("word/footnotes.xml", notes)
    content = tmp_path / "project" / "content"
    content.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site.yml", content / "site.yml")
    outcome = run([str(source)], Options(region="江西省/赣州市/安远县"), content)
    assert outcome.ok, outcome.failures
    told = [f"{i.status} {i.message}" for item in outcome.imported for i in item.report.items if "脚注" in i.message]
    assert told == ["unplaced “编制人数以县委编办2024年底核定数为准。”没有导入（脚注不是正文的段落）；需要公开的，请照原文写进正文或表注。"], told


def test_a_heading_in_words_heading_style_without_a_number_is_a_heading(tmp_path: Path) -> None:
    """“部门主要职能” and “部门预算情况说明” set in 标题 1, numbered by nothing, were run into the paragraphs after them."""
    source = write(
        tmp_path / "决算.docx",
        [
            Para("安远县农业农村局2024年度部门决算", centred=True, page_break_after=True),
            Para("部门主要职能", style="Heading1"),
            Para("负责全县农业农村工作。", indent=True),
            Para("部门决算情况说明", style="Heading1"),
            Para("2024年度收、支总计均为1314.08万元。", indent=True),
        ],
    )
    document = read_file(str(source))
    assert [(b.text, b.level) for b in document.body if isinstance(b, Heading)] == [("部门主要职能", 1), ("部门决算情况说明", 1)]
    assert [b.text for b in document.body if isinstance(b, Paragraph)] == ["负责全县农业农村工作。", "2024年度收、支总计均为1314.08万元。"]


_PICTURE = (
    '<w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData>'
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill>'
    '<a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rId9"/>'
    "</pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
)


def test_a_table_pasted_as_a_picture_is_told_by_its_title(tmp_path: Path) -> None:
    """A 基本支出表 pasted as a screenshot under its title and unit line: the title became a heading, the unit line a
    paragraph, and the table vanished with nothing said. Now the table is listed as not imported, by its title."""
    source = write(
        tmp_path / "安远县农业农村局2024年度部门决算.docx",
        [
            Para("安远县农业农村局2024年度部门决算", centred=True, page_break_after=True),
            Para("一、部门主要职能"),
            Para("负责全县农业农村工作。", indent=True),
            Para("公开06表"),
            Para("一般公共预算财政拨款基本支出决算表", centred=True),
            Para("单位：万元"),
            Para("PICTURE"),
            Para("二、其他说明"),
            Para("本部门无其他说明。", indent=True),
        ],
    )
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    parts["word/document.xml"] = re.sub(r"<w:t[^>]*>PICTURE</w:t>", _PICTURE, xml).encode("utf-8")
    with zipfile.ZipFile(source, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    document = read_file(str(source))
    assert document.tables == []
    said = [b.text for b in document.body if isinstance(b, (Paragraph, Heading))]
    assert "一般公共预算财政拨款基本支出决算表" not in said and "单位：万元" not in said and "公开06表" not in said, said
    assert said == ["部门主要职能", "负责全县农业农村工作。", "其他说明", "本部门无其他说明。"], said
    (note,) = [n for n in document.notes if n.code == "table-as-image"]
    assert "“一般公共预算财政拨款基本支出决算表”贴成了一张图片" in note.message
