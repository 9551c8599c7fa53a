"""`pubgen import` as an editor runs it: what it writes, what it prints, and what it refuses to do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pubgen.pipeline import Project

from .conftest import ROOT, copy_project
from .test_import_real import REAL

pytestmark = pytest.mark.skipif(REAL is None, reason="the real published documents (shared/real) are not beside the project")

FINAL = "putuo-caizhengju-2024-final-accounts.pdf"
DEPARTMENT_BUDGET = "putuo-government-office-2025-budget-department.pdf"
UNIT_BUDGET = "putuo-government-office-2025-budget-unit.pdf"
DOCUMENT = "documents/shanghai/putuo/caizhengju/2024-final-accounts.yml"


def pubgen_import(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``pubgen import`` in a real process, as an editor would."""
    assert REAL is not None
    files = [str(REAL / a) if a.endswith((".pdf", ".xlsx")) and "/" not in a else a for a in args if not a.startswith("-")]
    flags = [a for a in args if a.startswith("-")]
    return subprocess.run(
        [sys.executable, "-m", "pubgen", "import", "--project", str(project.root), *flags, *files],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=300,
    )


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes (folders included, as empty)."""
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else b"") for p in sorted(root.rglob("*"))}


def seed_project(dest: Path) -> Project:
    """The bundled project as it was before the Putuo documents were imported into it."""
    project = copy_project(dest)
    for folder in ("documents", "departments"):
        shutil.rmtree(project.content / folder / "shanghai")
    regions = project.content / "regions.yml"
    text = regions.read_text(encoding="utf-8")
    regions.write_text(text[: text.index("  - slug: shanghai\n")], encoding="utf-8")
    return project


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    return seed_project(tmp_path / "project")


def test_import_writes_the_document_its_department_and_region(project: Project) -> None:
    regions_before = (project.content / "regions.yml").read_text(encoding="utf-8")
    result = pubgen_import(project, FINAL)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert f"写入 content/{DOCUMENT}" in out
    assert "新建 content/departments/shanghai/putuo/caizhengju.yml" in out
    assert "在 content/regions.yml 中新增地区：shanghai（上海市）、shanghai/putuo（普陀区）" in out
    # What was placed, with its page; what the importer was unsure of and could not place, with page and text.
    assert "第 6–7 页 “收入支出决算总表” → 收入支出决算总表（final-summary）" in out
    assert "第 16–17 页 “一般公共预算财政拨款基本支出决算表” → 一般公共预算财政拨款基本支出决算表（final-general-basic）" in out
    assert "需要核对" in out and "第 5 页 表格没有表名，按普通表格录入：“序号 | 单位名称 | 备注”" in out
    assert "未能放入" in out and "第 2 页 目录 26 条" in out
    # The check ran on what was written.
    assert "[rounding-difference]" in out and "2946.25" in out
    department = (project.content / "departments/shanghai/putuo/caizhengju.yml").read_text(encoding="utf-8")
    assert "name: 上海市普陀区财政局" in department and "region: shanghai/putuo" in department
    regions = (project.content / "regions.yml").read_text(encoding="utf-8")
    assert regions.startswith(regions_before)  # the editors' comments and regions stay as they were
    assert "  - slug: shanghai\n    name: 上海市\n    level: province\n    children:\n      - slug: putuo\n        name: 普陀区\n        level: district\n" in regions
    document = (project.content / DOCUMENT).read_text(encoding="utf-8")
    assert document.startswith("# 上海市普陀区财政局2024年度部门决算\n# 由 pubgen import 从 putuo-caizhengju-2024-final-accounts.pdf（25 页，SHA-256 ")
    assert '      - {code: "2010601", label: 行政运行, values: [1511.90, 1511.89, ~, ~, ~, ~, 0.01]}' in document
    assert "      - {id: other, label: 八、其他收入, values: [6.20]}" in document


def test_import_is_deterministic(tmp_path: Path) -> None:
    first = seed_project(tmp_path / "a")
    second = seed_project(tmp_path / "b")
    assert pubgen_import(first, FINAL).returncode == 0
    assert pubgen_import(second, FINAL).returncode == 0
    assert snapshot(first.content) == snapshot(second.content)
    before = snapshot(first.content)
    assert pubgen_import(first, "--force", FINAL).returncode == 0
    assert snapshot(first.content) == before


def test_nothing_is_overwritten_without_force(project: Project) -> None:
    assert pubgen_import(project, FINAL).returncode == 0
    target = project.content / DOCUMENT
    target.write_text(target.read_text(encoding="utf-8") + "# 编辑改过\n", encoding="utf-8")
    before = snapshot(project.content)
    again = pubgen_import(project, FINAL)
    assert again.returncode == 1
    assert f"content/{DOCUMENT} 已经存在，没有覆盖。确认要用导入结果替换它，请加 --force。" in again.stdout
    assert "导入失败，没有写入任何文件" in again.stdout
    assert snapshot(project.content) == before
    forced = pubgen_import(project, "--force", FINAL)
    assert forced.returncode == 0
    assert f"替换 content/{DOCUMENT}" in forced.stdout
    assert "# 编辑改过" not in target.read_text(encoding="utf-8")


def test_a_forced_import_keeps_what_the_editor_added_by_hand(project: Project) -> None:
    assert pubgen_import(project, FINAL).returncode == 0
    target = project.content / DOCUMENT
    text = target.read_text(encoding="utf-8")
    added = (
        "published: 2025-09-30\nsource_url: https://www.example.gov.cn/a.html\n"
        "changes:\n  - date: 2025-10-08\n    note: 更正表三第 2 行的数字\n"
    )
    target.write_text(text.replace("\nbody:\n", "\n" + added + "body:\n", 1), encoding="utf-8")
    forced = pubgen_import(project, "--force", FINAL)
    assert forced.returncode == 0, forced.stdout
    assert "保留了替换前文件中的：公开日期、原文链接、修改记录 1 条" in forced.stdout
    again = target.read_text(encoding="utf-8")
    assert "published: 2025-09-30" in again and "note: 更正表三第 2 行的数字" in again
    assert "错误" not in forced.stdout.split("检查导入的文档", 1)[1].split("共", 1)[0]


def test_department_and_region_files_are_written_only_when_new(project: Project) -> None:
    first = pubgen_import(project, "--department", "shanghai/putuo/zhengfu-bangongshi", DEPARTMENT_BUDGET, UNIT_BUDGET)
    assert first.returncode == 0, first.stdout
    assert first.stdout.count("新建 content/departments/") == 1
    assert "新建 content/documents/shanghai/putuo/zhengfu-bangongshi/2025-budget-unit-benji.yml" in first.stdout
    department = project.content / "departments/shanghai/putuo/zhengfu-bangongshi.yml"
    department.write_text(department.read_text(encoding="utf-8") + "short_name: 区府办\n", encoding="utf-8")
    regions = (project.content / "regions.yml").read_bytes()
    second = pubgen_import(project, FINAL)
    assert second.returncode == 0, second.stdout
    assert "新增地区" not in second.stdout and "修改 content/regions.yml" not in second.stdout
    assert (project.content / "regions.yml").read_bytes() == regions
    third = pubgen_import(project, "--force", "--department", "shanghai/putuo/zhengfu-bangongshi", DEPARTMENT_BUDGET)
    assert third.returncode == 0
    assert "content/departments/" not in third.stdout
    assert department.read_text(encoding="utf-8").endswith("short_name: 区府办\n")


def test_a_unit_document_finds_its_department_by_name_or_asks_for_it(project: Project) -> None:
    alone = pubgen_import(project, UNIT_BUDGET)
    assert alone.returncode == 1
    assert "请用 --department 指定它所属的部门" in alone.stdout
    assert pubgen_import(project, DEPARTMENT_BUDGET).returncode == 0
    by_name = pubgen_import(project, UNIT_BUDGET)
    assert by_name.returncode == 0, by_name.stdout
    assert "预算单位 上海市普陀区人民政府办公室 → 代号 benji" in by_name.stdout


def test_a_failed_file_leaves_nothing_written(project: Project, tmp_path: Path) -> None:
    broken = tmp_path / "公开.pdf"
    broken.write_text("<html><body>404</body></html>", encoding="utf-8")
    before = snapshot(project.content)
    result = pubgen_import(project, FINAL, str(broken))
    assert result.returncode == 1
    assert "导入失败，没有写入任何文件" in result.stdout
    assert f"{broken}：这是一个网页（HTML）文件，不是 PDF、Word 文档（.docx）或 Excel 工作簿" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(project.content) == before


def test_a_write_that_fails_halfway_is_taken_back(project: Project) -> None:
    # The department's folder cannot be made (a file stands in its way) after the document is in place.
    (project.content / "departments" / "shanghai").write_text("挡路的文件\n", encoding="utf-8")
    before = snapshot(project.content)
    result = pubgen_import(project, FINAL)
    assert result.returncode == 1
    assert "已撤回本次导入写入的全部文件" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(project.content) == before


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.pdf", None, "文件不存在"),
        ("empty.pdf", b"", "文件是空的"),
        ("notes.xlsx", b"just text", "无法识别的文件格式"),
    ],
)
def test_bad_files_get_a_chinese_message(project: Project, tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = pubgen_import(project, str(path))
    assert result.returncode == 1
    assert message in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_the_import_guide_shows_real_options() -> None:
    """Every ``pubgen import`` line and every option the guide's table names exists as written."""
    import re
    import shlex

    from pubgen.cli import main

    guide = (ROOT / "docs" / "导入.md").read_text(encoding="utf-8")
    command = main.commands["import"]
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    lines = [line for block in re.findall(r"```sh\n(.*?)```", guide, re.S) for line in block.splitlines() if line.startswith("pubgen ")]
    assert len(lines) >= 2
    for line in lines:
        words = shlex.split(line)
        assert words[1] == "import"
        assert [w for w in words if w.startswith("--") and w not in options] == [], line
    named = set(re.findall(r"`(--[a-z-]+)", guide))
    assert named and named <= options


def test_an_unforeseen_fault_is_a_chinese_message_and_writes_nothing(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from pubgen.cli import main
    from pubgen.importers import writer

    def broken(*_args: object) -> None:
        raise KeyError("一个没有料到的缺陷")

    monkeypatch.setattr(writer, "document_tree", broken)
    before = snapshot(project.content)
    assert REAL is not None
    result = CliRunner().invoke(main, ["import", "--project", str(project.root), str(REAL / FINAL)])
    assert result.exit_code == 1
    assert "导入时出错（KeyError），没有写入任何文件。请把这个文件交给维护人员" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert snapshot(project.content) == before


@pytest.mark.parametrize("given", ["Benji Unit", "../../../../tmp/escape"])
def test_a_unit_slug_that_is_no_slug_is_refused_in_chinese(project: Project, given: str) -> None:
    """It was reported in English as “a defect of pubgen”, after planning a file named from it (outside content/ for ../)."""
    assert pubgen_import(project, DEPARTMENT_BUDGET).returncode == 0
    before = snapshot(project.root)
    done = pubgen_import(project, UNIT_BUDGET, f"--unit-slug={given}")
    assert done.returncode == 1
    assert f"单位代号“{given}”不合规定" in done.stdout and "缺陷" not in done.stdout
    assert snapshot(project.root) == before
