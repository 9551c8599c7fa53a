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


def test_github_format_leaves_acknowledged_differences_out_of_the_annotations(tmp_path: Path) -> None:
    """GitHub shows 10 warnings a step: the 33 acknowledged differences of the bundled content, as ::warning, hid new ones."""
    from .test_escape import runner_parse

    project = copy_project(tmp_path)
    doc = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace("label: 机关运行经费, values: [11.86]", "label: 机关运行经费, values: [11.68]", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(project.root), "--format", "github"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    commands = [p for p in map(runner_parse, lines) if p is not None]
    annotations = [(kind, props, data) for kind, props, data in commands if "file" in props]
    # The one new problem is the only annotation, with what an acknowledgement would need.
    [(kind, props, data)] = annotations
    assert (kind, props["title"], props["line"]) == ("error", "text-table-mismatch", "155")
    assert data.endswith("\n字段：operating-costs.total.budget，原文 11.68，计算 —")
    # Acknowledged differences: counted in a notice, listed in the log with their reasons.
    kind, props, summary = commands[0]
    assert kind == "notice" and "file" not in props
    assert "另有 33 个已确认的差异" in summary and "“已确认的差异”" in summary
    start = lines.index("::group::已确认的差异（33 个，发布单位已写明原因，不作标注）")
    folded = lines[start + 1 : lines.index("::endgroup::")]
    assert len(folded) == 33 and all(runner_parse(line) is None for line in folded)
    three_public = next(line for line in folded if "three-public.total.budget" in line)
    assert "第 173 行 警告 [sum-mismatch]" in three_public
    assert "字段：three-public.total.budget，原文 1.4，计算 0 已确认：原文“三公”经费合计1.4万元" in three_public


def test_github_format_says_what_github_leaves_out() -> None:
    from pubgen.problems import Problem, Report, Severity

    from .test_escape import runner_parse

    warnings = [Problem("sum-mismatch", f"第 {i} 个", "content/a.yml", i, severity=Severity.WARNING) for i in range(1, 13)]
    out = Report(warnings).to_github().splitlines()
    assert len(out) == 13
    kind, _, summary = runner_parse(out[0])  # type: ignore[misc]
    assert kind == "notice"
    assert "共 0 个错误，12 个警告，0 个提示。" in summary and "这次有警告 12 个" in summary and "pubgen check" in summary
    assert "已确认" not in summary
    # Ten of a kind fit: no summary is needed.
    assert len(Report(warnings[:10]).to_github().splitlines()) == 10


def test_a_mistake_in_regions_yml_is_listed_before_what_it_causes_in_other_files(tmp_path: Path) -> None:
    """A duplicate key in regions.yml came last, after an unknown-region error in each department: the editor fixed those.
    Now regions.yml, which cannot be read, is the one file listed, and the closing line says what waits on it."""
    project = copy_project(tmp_path)
    regions = project.content / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace("    name: 河北省\n", "    name: 河北省\n    name: 河北\n", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(project.root)])
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if " 错误 [" in line]
    assert "[duplicate-key]" in problems[0] and not any("[unknown-region]" in line for line in problems), problems
    assert result.output.startswith("content/regions.yml\n")
    assert "其中地区文件 regions.yml 因以上错误未能读入：各部门和名词解释所写的地区还没有核对" in result.output
    report = json.loads(CliRunner().invoke(main, ["check", "--project", str(project.root), "--format", "json"]).stdout)
    assert report["problems"][0]["file"] == "content/regions.yml"


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


def test_a_block_whose_type_line_was_deleted_is_told_to_get_it_back_not_to_lose_its_content(tmp_path: Path) -> None:
    """An editor deleting an unused block took its neighbour's “- type: heading” line too. The heading merged into the
    block above: told 字段“level”重复出现 …请删除或合并重复的字段, the editor deleted it, and the heading was gone from the
    page with nothing said; merged into a table, it was told 您是否想写“from_text”."""
    project = copy_project(tmp_path)
    path = project.content / "documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
    text = path.read_text(encoding="utf-8")
    merged = text.replace("    text: 二、部门预算安排的总体情况\n\n  - type: text\n", "    text: 二、部门预算安排的总体情况\n\n", 1)
    path.write_text(merged, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(project.root)])
    assert "[duplicate-key] 字段“text”重复出现" in result.output and "多半是两个块之间少了一行“- type: …”" in result.output, result.output
    assert "不要删去内容" in result.output
    # The heading after the 机构设置 table, its type line deleted: its fields land in the table.
    into_table = text.replace("  - type: heading\n    level: 2\n    text: 二、部门预算安排的总体情况\n", "    level: 2\n    text: 二、部门预算安排的总体情况\n", 1)
    path.write_text(into_table, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(project.root)])
    assert "未知字段“level”：它是别的块（“- type: heading”）的字段。多半是上面少了一行“- type: …”" in result.output, result.output
