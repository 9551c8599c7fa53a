"""The command line: versions, help, exit codes and output formats."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pubgen import __version__
from pubgen.cli import main

from .conftest import ROOT, copy_project


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"pubgen {__version__}"


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "check", "schema"):
        assert command in result.output


def test_check_bundled_content_passes_with_acknowledged_warnings() -> None:
    result = CliRunner().invoke(main, ["check", "--project", str(ROOT), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["errors"] == 0
    assert report["warnings"] >= 1
    assert all(p["acknowledged"] for p in report["problems"])


def test_strict_check_fails_on_warnings_not_on_acknowledged_differences(tmp_path: Path) -> None:
    # Every warning of the bundled documents is an acknowledged difference: reviewed and explained, it passes.
    result = CliRunner().invoke(main, ["check", "--project", str(ROOT), "--strict"])
    assert result.exit_code == 0, result.output
    project = copy_project(tmp_path)
    doc = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("text: 一、部门职责及机构设置情况", "text: 一、部门职责及机构设置情况 #注", 1), encoding="utf-8")
    assert "#注" in doc.read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(project.root), "--strict"])
    assert result.exit_code == 1 and "[text-comment]" in result.output


def test_usage_error_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--format", "xml", "--project", str(ROOT)])
    assert result.exit_code == 2
    result = CliRunner().invoke(main, ["build", "--project", str(tmp_path)])
    assert result.exit_code == 2
    assert "不是 pubgen 项目目录" in result.output


def test_github_format(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    doc = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("year: 2021", "year: 2021\nyaer: 1", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(project.root), "--format", "github"])
    assert result.exit_code == 1
    line = next(l for l in result.output.splitlines() if "unknown-field" in l)
    assert line.startswith("::error file=content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml,line=5,col=1,title=unknown-field::")
    assert "您是否想写“year”" in line


def test_schema_command_writes_json_schemas(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    schema = json.loads((tmp_path / "document.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["kind"]["title"] == "文档类别"


def test_checking_a_file_outside_the_project_is_refused_not_passed(tmp_path: Path) -> None:
    """`pubgen check FILE` of another project's file printed “共 0 个错误” and exited 0: the file was never checked."""
    project = copy_project(tmp_path / "p")
    other = copy_project(tmp_path / "other")
    broken = next((other.content / "documents").rglob("*.yml"))
    broken.write_text(broken.read_text(encoding="utf-8").replace("year:", "year: 一九\nyear_again:", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(project.root), str(broken)])
    assert result.exit_code == 2
    assert "不在项目的 content/ 文件夹" in result.output and "--project" in result.output
    inside = next((project.content / "documents").rglob("*.yml"))
    result = CliRunner().invoke(main, ["check", "--project", str(project.root), str(inside)])
    assert result.exit_code == 0, result.output


def test_a_file_is_found_inside_the_project_named_with_project(tmp_path: Path) -> None:
    """As the guide does it: ``pubgen check --project 练习副本 content/documents/…`` from the folder above the copy."""
    project = copy_project(tmp_path / "练习副本")
    inside = next((project.content / "documents").rglob("*.yml")).relative_to(project.root)
    result = CliRunner().invoke(main, ["check", "--project", str(project.root), str(inside)])
    assert result.exit_code == 0, result.output
    missing = CliRunner().invoke(main, ["check", "--project", str(project.root), "content/documents/没有这个文件.yml"])
    assert missing.exit_code == 2 and "找不到文件 content/documents/没有这个文件.yml" in missing.output
    assert "Error" not in missing.output and "Usage" not in missing.output
