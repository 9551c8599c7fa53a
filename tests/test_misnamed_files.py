"""A document saved by Notepad as 2021-budget.yml.txt (or .YML, .txt, no ending) is read, checked and published, and told to rename."""

from __future__ import annotations

from pathlib import Path

import pytest

from pubgen.load import load
from pubgen.pipeline import check

from .test_checks import DEPT, doc, project

BODY = """\
- type: table
  role: expenditure
  title: 支出预算
  columns:
    - {id: budget, label: 预算数}
  rows:
    - {id: basic, label: 基本支出, values: [231.56]}
    - {id: project, label: 项目支出, values: [97.92]}
    - {id: total, label: 合计, values: [%s]}
"""


@pytest.mark.parametrize(
    "name",
    [
        "2021-budget.yml.txt",
        "2021-budget.YML",
        # Notepad's 文本文档, no ending at all, a space after the name, a dot typed with a Chinese input method: each left
        # unread, the document's page vanished from the next build and pubgen check said nothing.
        "2021-budget.txt",
        "2021-budget",
        "2021-budget.yml ",
        "2021-budget．yml",
    ],
)
def test_a_misnamed_document_is_read_and_checked(tmp_path: Path, name: str) -> None:
    proj = project(tmp_path)
    folder = proj.content / "documents" / DEPT
    (folder / name).write_text(doc(2021, "budget", BODY % "329.84"), encoding="utf-8")
    found = [(p.code, Path(p.file).name, p.severity.value) for p in check(proj).sorted() if p.code != "missing-section"]
    # The file is told to be renamed, and its wrong 合计 (231.56 + 97.92 = 329.48) is reported in it.
    assert ("file-extension", name, "warning") in found
    assert ("sum-mismatch", name, "error") in found
    # A right document under that name is one of the site's documents.
    (folder / name).write_text(doc(2021, "budget", BODY % "329.48"), encoding="utf-8")
    loaded = load(proj.content)
    assert [(d.record.year, d.record.kind) for d in loaded.documents] == [(2021, "budget")]


def test_a_copy_made_in_the_file_manager_is_the_one_told_to_go(tmp_path: Path) -> None:
    proj = project(tmp_path)
    folder = proj.content / "documents" / DEPT
    (folder / "2021-budget.yml").write_text(doc(2021, "budget", BODY % "329.48"), encoding="utf-8")
    (folder / "2021-budget - 副本.yml").write_text(doc(2021, "budget", BODY % "329.48"), encoding="utf-8")
    [duplicate] = [p for p in check(proj).problems if p.code == "duplicate-document"]
    assert Path(duplicate.file).name == "2021-budget - 副本.yml"
    assert "副本：请删除它" in duplicate.message


def test_a_link_in_content_is_told_as_a_link_not_a_file_to_rename(tmp_path: Path) -> None:
    proj = project(tmp_path)
    (proj.content / "documents" / "etc").symlink_to("/etc")
    found = {p.code for p in check(proj).problems}
    assert "link-outside-content" in found and "file-extension" not in found


def test_files_beside_documents_that_are_no_documents_are_left_alone(tmp_path: Path) -> None:
    """An original (2021-budget.pdf), a note and a picture beside the documents are not read as documents."""
    proj = project(tmp_path)
    folder = proj.content / "documents" / DEPT
    (folder / "2021-budget.yml").write_text(doc(2021, "budget", BODY % "329.48"), encoding="utf-8")
    (folder / "2021-budget.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "说明.txt").write_text("导入时的备注", encoding="utf-8")
    (folder / "2021-budget-chart.png").write_bytes(b"\x89PNG")
    found = {p.code for p in check(proj).problems}
    assert "file-extension" not in found and "yaml-syntax" not in found
    assert [(d.record.year, d.record.kind) for d in load(proj.content).documents] == [(2021, "budget")]


BACKUPS = ["2021-budget.yml.bak", "2021-budget.yml~", "2021-budget.yml.orig", "2021-budget.yml.old", "2021-budget.bak"]


@pytest.mark.parametrize("name", BACKUPS)
def test_a_backup_beside_its_document_is_told_to_go_not_to_be_renamed_over_it(tmp_path: Path, name: str) -> None:
    """Read as a document, 2021-budget.yml.bak was told to rename itself to 2021-budget.yml, over the document, and
    clashed with it (duplicate-document); 2021-budget.yml.orig was not even listed."""
    proj = project(tmp_path)
    folder = proj.content / "documents" / DEPT
    (folder / "2021-budget.yml").write_text(doc(2021, "budget", BODY % "329.48"), encoding="utf-8")
    (folder / name).write_bytes((folder / "2021-budget.yml").read_bytes())
    found = [p for p in check(proj).sorted() if p.code != "missing-section"]
    assert [(p.code, Path(p.file).name, p.severity.value) for p in found] == [("backup-file", name, "warning")]
    [told] = found
    assert f"{name} 是 2021-budget.yml 的备份：它与 2021-budget.yml 内容完全相同" in told.message
    assert "请删除它，或把它移出 content/ 文件夹" in told.message
    assert "不要把它改名为 2021-budget.yml" in told.message
    # No page for it: the site has the one document.
    assert [Path(d.source.name).name for d in load(proj.content).documents] == ["2021-budget.yml"]


def test_a_backup_that_differs_from_its_document_is_neither_checked_nor_published(tmp_path: Path) -> None:
    """The copy saved before a correction: its wrong 合计 is not reported, and the editor is told to make sure the
    document holds what is to be published before deleting it."""
    proj = project(tmp_path)
    folder = proj.content / "documents" / DEPT
    (folder / "2021-budget.yml").write_text(doc(2021, "budget", BODY % "329.48"), encoding="utf-8")
    (folder / "2021-budget.yml.bak").write_text(doc(2021, "budget", BODY % "329.84"), encoding="utf-8")
    found = [p for p in check(proj).sorted() if p.code != "missing-section"]
    assert [(p.code, Path(p.file).name) for p in found] == [("backup-file", "2021-budget.yml.bak")]
    assert "内容与 2021-budget.yml 不同" in found[0].message and "请确认 2021-budget.yml 是要发布的版本" in found[0].message
    assert [Path(d.source.name).name for d in load(proj.content).documents] == ["2021-budget.yml"]


def test_a_backup_whose_document_is_not_there_is_read_and_told_either_way(tmp_path: Path) -> None:
    """2021-budget.yml~ alone may be the document itself: it is read and published, as before, and told to be renamed
    if it is to be published, or deleted if it is only a backup."""
    proj = project(tmp_path)
    folder = proj.content / "documents" / DEPT
    (folder / "2021-budget.yml~").write_text(doc(2021, "budget", BODY % "329.48"), encoding="utf-8")
    found = [p for p in check(proj).sorted() if p.code != "missing-section"]
    assert [(p.code, p.severity.value) for p in found] == [("file-extension", "warning")]
    assert "这个文件夹里没有 2021-budget.yml" in found[0].message
    assert "请把它改名为 2021-budget.yml；只是备份、不要发布的，请删除它" in found[0].message
    assert len(load(proj.content).documents) == 1


@pytest.mark.parametrize("name", ["2021-budget - 副本.yml", "2021-budget-backup.yml", "2021-budget-final.yml"])
def test_a_copy_the_same_as_a_document_is_told_to_go_and_the_document_to_stay(tmp_path: Path, name: str) -> None:
    """A copy under a name ending in .yml is a second document at the same address; the same bytes say it is a copy,
    and the one told to go is the copy, even when its name sorts first (“2021-budget-final.yml”)."""
    proj = project(tmp_path)
    folder = proj.content / "documents" / DEPT
    (folder / "2021-budget.yml").write_text(doc(2021, "budget", BODY % "329.48"), encoding="utf-8")
    (folder / name).write_bytes((folder / "2021-budget.yml").read_bytes())
    [duplicate] = [p for p in check(proj).problems if p.code == "duplicate-document"]
    assert Path(duplicate.file).name == name
    assert "这个文件与 2021-budget.yml 内容完全相同，是它的副本：请删除它，或把它移出 content/" in duplicate.message
    assert "scope: unit" not in duplicate.message
