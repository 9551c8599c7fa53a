"""`pubgen diff` on real git repositories: what a change moves, as reviewers see it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pubgen.cli import main
from pubgen.diff import diff_project
from pubgen.diff.output import md_cell
from pubgen.diff.text import char_diff, sentences, text_hunks
from pubgen.load import load

from .conftest import git, copy_project

BUDGET = "content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
SJZ = "content/documents/hebei/shijiazhuang/xinfangju/2021-self-evaluation.yml"
HUADU = "content/documents/guangdong/guangzhou/huadu/xinfangju/2021-self-evaluation.yml"
SJZ_ADDRESS = "hebei/shijiazhuang/xinfangju/2021/self-evaluation"
BUDGET_ADDRESS = "hebei/xingtai/pingxiang/xinfangju/2021/budget"
HUADU_ADDRESS = "guangdong/guangzhou/huadu/xinfangju/2021/self-evaluation"
PARAGRAPH = "为了提高资金使用效益，强化绩效主体责任，我局成立了绩效自评领导小组"
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The bundled project as a fresh git repository with one commit on main."""
    root = copy_project(tmp_path / "project").root
    git(root, "init", "-q")
    git(root, "checkout", "-q", "-b", "main")
    commit(root, "Bundled content")
    return root


def run(repo: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["diff", "--project", str(repo), *args])


def diff_json(repo: Path, *args: str) -> dict[str, Any]:
    result = run(repo, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def figure_rows(data: dict[str, Any]) -> list[tuple[str, str, str | None, str | None, str | None]]:
    return [(f["document"], f["field"], f["old"], f["new"], f["difference"]) for f in data["figures"]]


def two_figures_and_a_paragraph(repo: Path) -> None:
    edit(repo, SJZ, "{id: vehicles, label: 2、车辆(台、辆), values: [2, 35.96]}", "{id: vehicles, label: 2、车辆(台、辆), values: [3, 35.96]}")
    edit(repo, BUDGET, "{id: vehicles, label: 2、车辆（台、辆）, values: [7, 15]}", "{id: vehicles, label: 2、车辆（台、辆）, values: [6, 15]}")
    edit(repo, SJZ, PARAGRAPH, "为了进一步提高资金使用效益，强化绩效主体责任，我局成立了绩效自评领导小组")


# --------------------------------------------------------------------------- what is listed


def test_working_tree_lists_exactly_the_changed_figures_and_paragraph(repo: Path) -> None:
    two_figures_and_a_paragraph(repo)
    data = diff_json(repo, "HEAD")
    assert figure_rows(data) == [
        (SJZ_ADDRESS, "assets.vehicles.count", "2", "3", "1"),
        (BUDGET_ADDRESS, "assets.vehicles.count", "7", "6", "-1"),
    ]
    [narrative] = data["narrative"]
    assert narrative["document"] == SJZ_ADDRESS
    assert narrative["section"] == "（一）自评的组织工作"
    assert narrative["block"] == "text" and narrative["status"] == "changed"
    [hunk] = narrative["hunks"]
    changed = [(s["op"], s["text"]) for s in hunk["segments"] if s["op"] != "equal"]
    assert changed == [("insert", "进一步")]
    shown = "".join(s["text"] for s in hunk["segments"])
    assert len(shown) < 80, "only the changed sentence with a little context, not the whole block"
    assert "二是做好资料收集" not in shown
    assert [(d["document"], d["status"]) for d in data["documents"]] == [(SJZ_ADDRESS, "changed"), (BUDGET_ADDRESS, "changed")]
    assert data["fields"] == [] and data["files"] == []
    assert data["problems"] == {"introduced": [], "fixed": [], "acknowledged": [], "unchecked": [], "withdrawn": [], "uncompared": []}
    assert data["head"]["rev"] is None and data["base"]["rev"] == "HEAD"

    text = run(repo, "HEAD").stdout
    assert "数字改动 2 处；文字改动 1 处" in text
    assert "数量：2 → 3（+1）" in text
    assert "数量：7 → 6（-1）" in text
    assert "为了{+进一步+}提高资金使用效益" in text


def test_commit_to_commit_ignores_the_working_tree(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD")
    edit(repo, BUDGET, "{id: vehicles, label: 2、车辆（台、辆）, values: [7, 15]}", "{id: vehicles, label: 2、车辆（台、辆）, values: [8, 15]}")
    head = commit(repo, "One more vehicle")
    edit(repo, SJZ, PARAGRAPH, "改动未提交")
    data = diff_json(repo, base, head)
    assert figure_rows(data) == [(BUDGET_ADDRESS, "assets.vehicles.count", "7", "8", "1")]
    assert data["narrative"] == []
    assert data["base"]["commit"] == base and data["head"]["commit"] == head
    # The same through names of revisions, and nothing between a commit and itself.
    assert figure_rows(diff_json(repo, "HEAD~1", "main")) == figure_rows(data)
    same = run(repo, "HEAD", "HEAD", "--format", "markdown")
    assert same.exit_code == 0
    assert "没有改动任何发布内容" in same.stdout


def test_added_and_removed_documents(repo: Path) -> None:
    new = repo / SJZ.replace("2021-", "2022-")
    new.write_text((repo / SJZ).read_text(encoding="utf-8").replace("\nyear: 2021\n", "\nyear: 2022\n"), encoding="utf-8")
    (repo / HUADU).unlink()
    commit(repo, "Add 2022, withdraw Huadu")
    data = diff_json(repo, "HEAD~1", "HEAD")
    docs = {d["document"]: d for d in data["documents"]}
    assert set(docs) == {HUADU_ADDRESS, "hebei/shijiazhuang/xinfangju/2022/self-evaluation"}
    assert docs[HUADU_ADDRESS]["status"] == "removed" and docs[HUADU_ADDRESS]["old_file"] == HUADU
    added = docs["hebei/shijiazhuang/xinfangju/2022/self-evaluation"]
    assert added["status"] == "added" and added["label"] == "石家庄市信访局 2022年绩效自评" and added["figures"] > 0
    assert data["figures"] == [] and data["narrative"] == []
    assert data["summary"]["documents"] == {"added": 1, "removed": 1, "changed": 0, "moved": 0, "readdressed": 0, "shared": 0}
    markdown = run(repo, "HEAD~1", "HEAD", "--format", "markdown").stdout
    assert "- 新增：石家庄市信访局 2022年绩效自评" in markdown
    assert "- 删除：广州市花都区信访局 2021年绩效自评" in markdown


def test_a_backup_beside_a_document_is_no_document_added(repo: Path) -> None:
    """2021-budget.yml.bak saved before an edit: its problem is new, but no document “（无法读取）” is added."""
    backup = repo / (BUDGET + ".bak")
    backup.write_bytes((repo / BUDGET).read_bytes())
    commit(repo, "Keep a copy before editing")
    data = diff_json(repo, "HEAD~1", "HEAD")
    assert data["documents"] == [] and data["summary"]["documents"]["added"] == 0
    assert [p["code"] for p in data["problems"]["introduced"]] == ["backup-file"]


def test_renaming_a_whole_folder_moves_files_and_changes_no_figure(repo: Path) -> None:
    git(repo, "mv", "content/documents/hebei", "content/documents/he-bei")
    commit(repo, "Rename the folder")
    data = diff_json(repo, "HEAD~1", "HEAD")
    assert {(d["document"], d["status"]) for d in data["documents"]} == {(SJZ_ADDRESS, "moved"), (BUDGET_ADDRESS, "moved")}
    assert data["figures"] == data["narrative"] == data["fields"] == []
    # The documents now lie outside their departments' folders: the reviewer is told so, file by file.
    introduced = data["problems"]["introduced"]
    assert {p["code"] for p in introduced} == {"document-folder"} and len(introduced) == 2
    assert data["problems"]["fixed"] == data["problems"]["unchecked"] == []
    assert data["summary"]["documents"]["added"] == data["summary"]["documents"]["removed"] == 0


def test_a_side_without_content(repo: Path, tmp_path: Path) -> None:
    # A repository whose first commit predates the content folder.
    root = tmp_path / "young"
    root.mkdir()
    git(root, "init", "-q")
    (root / "README.md").write_text("预决算公开\n", encoding="utf-8")
    commit(root, "Start")
    copy_project(root)
    commit(root, "Content")
    data = diff_json(root, "HEAD~1", "HEAD")
    assert data["base"]["note"] == "该版本中没有 content/ 目录"
    documents = len(load(root / "content").documents)
    assert {d["status"] for d in data["documents"]} == {"added"} and len(data["documents"]) == documents
    # The empty tree works as a base too, and an empty side on the right removes everything.
    assert len(diff_json(root, EMPTY_TREE, "HEAD")["documents"]) == documents
    assert {d["status"] for d in diff_json(root, "HEAD", "HEAD~1")["documents"]} == {"removed"}


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    project = copy_project(root / "budget-site").root
    git(root, "init", "-q")
    commit(root, "Content in a subfolder")
    edit(project, BUDGET, "{id: vehicles, label: 2、车辆（台、辆）, values: [7, 15]}", "{id: vehicles, label: 2、车辆（台、辆）, values: [9, 15]}")
    assert figure_rows(diff_json(project, "HEAD")) == [(BUDGET_ADDRESS, "assets.vehicles.count", "7", "9", "2")]


def test_merge_base_shows_only_what_the_branch_changes(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo, BUDGET, "{id: vehicles, label: 2、车辆（台、辆）, values: [7, 15]}", "{id: vehicles, label: 2、车辆（台、辆）, values: [8, 15]}")
    commit(repo, "Feature")
    git(repo, "checkout", "-q", "main")
    edit(repo, SJZ, "{id: vehicles, label: 2、车辆(台、辆), values: [2, 35.96]}", "{id: vehicles, label: 2、车辆(台、辆), values: [4, 35.96]}")
    commit(repo, "Main moves on")
    git(repo, "checkout", "-q", "feature")
    assert figure_rows(diff_json(repo, "--merge-base", "main", "feature")) == [(BUDGET_ADDRESS, "assets.vehicles.count", "7", "8", "1")]
    # Without it, main's own later change shows up reversed.
    assert len(diff_json(repo, "main", "feature")["figures"]) == 2



def test_the_comment_header_shows_the_revisions_as_typed_to_copy_them(repo: Path) -> None:
    edit(repo, BUDGET, "{id: vehicles, label: 2、车辆（台、辆）, values: [7, 15]}", "{id: vehicles, label: 2、车辆（台、辆）, values: [8, 15]}")
    commit(repo, "A second commit")
    markdown = run(repo, "HEAD~1", "HEAD", "--format", "markdown").stdout
    header = next(line for line in markdown.splitlines() if line.startswith("比较："))
    assert re.fullmatch(r"比较：`HEAD~1`（`[0-9a-f]{10}`） → `HEAD`（`[0-9a-f]{10}`）", header), header
    assert "\u200d" not in header and "\\" not in header


def test_merge_base_names_the_branch_given_with_the_commit_read(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo, BUDGET, "{id: vehicles, label: 2、车辆（台、辆）, values: [7, 15]}", "{id: vehicles, label: 2、车辆（台、辆）, values: [8, 15]}")
    commit(repo, "Feature")
    git(repo, "checkout", "-q", "main")
    edit(repo, SJZ, "{id: vehicles, label: 2、车辆(台、辆), values: [2, 35.96]}", "{id: vehicles, label: 2、车辆(台、辆), values: [4, 35.96]}")
    commit(repo, "Main moves on")
    git(repo, "checkout", "-q", "feature")
    fork = git(repo, "merge-base", "main", "feature")
    text = run(repo, "--merge-base", "main").stdout
    assert text.startswith(f"比较：main（{fork[:10]}）（与 HEAD 的共同祖先） → 工作区\n"), text
    markdown = run(repo, "--merge-base", "main", "--format", "markdown").stdout
    assert f"比较：`main`（`{fork[:10]}`）（与 HEAD 的共同祖先） → 工作区" in markdown
    base = json.loads(run(repo, "--merge-base", "main", "feature", "--format", "json").stdout)["base"]
    assert (base["rev"], base["commit"], base["note"]) == ("main", fork, "与 feature 的共同祖先")


def test_no_common_ancestor_in_a_shallow_clone_says_to_fetch_the_history(repo: Path, tmp_path: Path) -> None:
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo, BUDGET, "{id: vehicles, label: 2、车辆（台、辆）, values: [7, 15]}", "{id: vehicles, label: 2、车辆（台、辆）, values: [8, 15]}")
    commit(repo, "Feature")
    git(repo, "checkout", "-q", "main")
    edit(repo, SJZ, "{id: vehicles, label: 2、车辆(台、辆), values: [2, 35.96]}", "{id: vehicles, label: 2、车辆(台、辆), values: [4, 35.96]}")
    commit(repo, "Main moves on")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "--no-single-branch", repo.as_uri(), str(shallow))
    result = run(shallow, "--merge-base", "origin/main", "origin/feature")
    assert result.exit_code != 0
    assert "“origin/main”与“origin/feature”没有共同的祖先提交" in result.output
    assert "浅克隆" in result.output and "git fetch --unshallow" in result.output and "fetch-depth: 0" in result.output
    # A repository with its whole history says no more than that there is none.
    git(repo, "checkout", "-q", "--orphan", "other")
    commit(repo, "Unrelated history")
    result = run(repo, "--merge-base", "main", "other")
    assert "没有共同的祖先提交" in result.output and "浅克隆" not in result.output


# --------------------------------------------------------------------------- check problems


def test_sum_mismatch_is_introduced_then_fixed(repo: Path) -> None:
    # The text and the table agree, but the basic expenditure no longer adds up.
    edit(repo, HUADU, "资本性支出1.98万元", "资本性支出2.98万元")
    edit(repo, HUADU, "{id: capital, label: 资本性支出, values: [1.98]}", "{id: capital, label: 资本性支出, values: [2.98]}")
    commit(repo, "Break")
    broken = diff_json(repo, "HEAD~1", "HEAD")
    # The figure in the text is a changed figure too, named by its paragraph.
    assert figure_rows(broken) == [
        (HUADU_ADDRESS, "body.8", "1.98", "2.98", "1.00"),
        (HUADU_ADDRESS, "expenditure.capital.actual", "1.98", "2.98", "1.00"),
    ]
    [problem] = broken["problems"]["introduced"]
    assert (problem["code"], problem["field"], problem["stated"], problem["computed"]) == (
        "sum-mismatch",
        "expenditure.basic.actual",
        "892.82",
        "893.82",
    )
    assert problem["severity"] == "error" and problem["place"] == "广州市花都区信访局 2021年绩效自评"
    assert broken["problems"]["fixed"] == []
    markdown = run(repo, "HEAD~1", "HEAD", "--format", "markdown").stdout
    assert "#### 新增的问题（1）" in markdown and "| 错误 | 广州市花都区信访局 2021年绩效自评 | sum-mismatch |" in markdown
    assert run(repo, "HEAD~1", "HEAD", "--fail-on-problems").exit_code == 1
    assert run(repo, "HEAD~1", "HEAD").exit_code == 0

    # Fix it by correcting the subtotal (and the text that states it) in the working tree.
    edit(repo, HUADU, "基本支出892.82万元", "基本支出893.82万元")
    edit(repo, HUADU, "{id: basic, label: 基本支出, values: [892.82]}", "{id: basic, label: 基本支出, values: [893.82]}")
    edit(repo, HUADU, "本年度支出1391.03万元", "本年度支出1392.03万元")
    edit(repo, HUADU, "{id: total, label: 本年度支出, values: [1391.03]}", "{id: total, label: 本年度支出, values: [1392.03]}")
    fixed = diff_json(repo, "HEAD")
    assert [(p["code"], p["field"]) for p in fixed["problems"]["fixed"]] == [("sum-mismatch", "expenditure.basic.actual")]
    assert fixed["problems"]["introduced"] == []
    assert run(repo, "HEAD", "--fail-on-problems").exit_code == 0
    assert "#### 已解决的问题（1）" in run(repo, "HEAD", "--format", "markdown").stdout


def test_acknowledging_a_problem_shows_it_acknowledged_with_its_reason_not_solved(repo: Path) -> None:
    edit(repo, HUADU, "{id: capital, label: 资本性支出, values: [1.98]}", "{id: capital, label: 资本性支出, values: [2.98]}")
    edit(repo, HUADU, "资本性支出1.98万元", "资本性支出2.98万元")
    commit(repo, "Break")
    edit(
        repo,
        HUADU,
        "acknowledgements:\n",
        "acknowledgements:\n  - code: sum-mismatch\n    field: expenditure.basic.actual\n    reason: 原文如此。\n",
    )
    data = diff_json(repo, "HEAD")
    # Neither solved nor new: the same problem, acknowledged, with the reason the reviewer approves.
    assert data["problems"]["fixed"] == [] and data["problems"]["introduced"] == []
    [acknowledged] = data["problems"]["acknowledged"]
    assert (acknowledged["code"], acknowledged["severity"], acknowledged["acknowledged"]) == ("sum-mismatch", "warning", "原文如此。")
    assert acknowledged["was"]["severity"] == "error" and acknowledged["was"]["acknowledged"] is None
    assert [f["label"] for f in data["fields"]] == ["新增的确认（sum-mismatch，expenditure.basic.actual）"]
    text = run(repo, "HEAD", "--fail-on-problems")
    assert text.exit_code == 0
    assert "检查问题：新增 0（其中错误 0）、已解决 0、已确认 1（请核对理由）" in text.stdout
    assert "已确认（原为错误） [sum-mismatch] 广州市花都区信访局 2021年绩效自评：" in text.stdout and "；理由：原文如此。" in text.stdout
    markdown = run(repo, "HEAD", "--format", "markdown").stdout
    assert "#### 已确认的问题（原文确实如此，请核对理由）（1）" in markdown
    assert "| 错误 | 广州市花都区信访局 2021年绩效自评 | sum-mismatch |" in markdown and "| 原文如此。 |" in markdown
    assert "已解决的问题" not in markdown and "新增的问题" not in markdown


# --------------------------------------------------------------------------- output


def test_markdown_escapes_a_pipe_in_a_label(repo: Path) -> None:
    edit(repo, BUDGET, "{id: vehicles, label: 2、车辆（台、辆）, values: [7, 15]}", '{id: vehicles, label: "2、车辆|台<辆>", values: [8, 15]}')
    markdown = run(repo, "HEAD", "--format", "markdown").stdout
    row = next(line for line in markdown.splitlines() if line.startswith("| 平乡县信访局") and "车辆" in line)
    assert "2、车辆\\|台&lt;辆&gt;" in row
    assert "<辆>" not in markdown
    # Every row of the figure table still has exactly seven cells.
    table = [line for line in markdown.split("### 数字改动")[1].split("###")[0].splitlines() if line.startswith("|")]
    assert table[0] == "| 文档 | 表格 | 行 | 栏目 | 原 | 新 | 差额 |"
    assert {len(re.findall(r"(?<!\\)\|", line)) for line in table} == {8}
    assert "| 7 | 8 | +1 |" in row
    # The label change itself is listed as a change of the table's text, escaped the same way.
    assert "2、车辆<del>（台、辆）</del><ins>\\|台&lt;辆&gt;</ins>" in markdown.split("### 文字改动")[1]


def test_json_output_parses_with_exact_decimals(repo: Path) -> None:
    edit(repo, SJZ, "{id: vehicles, label: 2、车辆(台、辆), values: [2, 35.96]}", "{id: vehicles, label: 2、车辆(台、辆), values: [3.25, 35.96]}")
    edit(repo, SJZ, "\nscore: 100\n", "\nscore: 99.50\n")
    edit(repo, SJZ, "    total: 100\n    grade: 优秀\n", "    total: 99.50\n    grade: 优秀\n")
    data = diff_json(repo, "HEAD")
    assert set(data) == {"base", "head", "summary", "documents", "figures", "rescaled", "narrative", "fields", "files", "problems"}
    rows = {f["field"]: f for f in data["figures"]}
    assert rows["assets.vehicles.count"]["difference"] == "1.25"
    assert rows["document.score"]["old"] == "100" and rows["document.score"]["new"] == "99.50"
    assert rows["document.score"]["difference"] == "-0.50"
    assert rows["scores.total"]["difference"] == "-0.50"
    assert Decimal(rows["scores.total"]["new"]) == Decimal("99.5")


def test_cell_state_changes_are_shown_in_words(repo: Path) -> None:
    edit(repo, BUDGET, '{id: equipment, label: 3、单价在20万元以上设备, values: ["——", ~]}', '{id: equipment, label: 3、单价在20万元以上设备, values: [~, 0]}')
    data = diff_json(repo, "HEAD")
    states = {(f["field"], f["old_state"], f["new_state"]) for f in data["figures"]}
    assert states == {("assets.equipment.count", "na", "empty"), ("assets.equipment.value", "empty", "number")}
    text = run(repo, "HEAD").stdout
    assert "——（不适用） → 空（未填）（由不适用改为空（未填））" in text
    assert "空（未填） → 0（由空（未填）改为数字）" in text


def test_unknown_revision_exits_2_in_chinese_without_traceback(repo: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pubgen", "diff", "no-such-branch", "--project", str(repo)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "找不到 git 版本“no-such-branch”" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    outside = tmp_path / "plain"
    copy_project(outside)
    result = run(outside, "HEAD")
    if shutil.which("git") and subprocess.run(["git", "-C", str(outside), "rev-parse"], capture_output=True).returncode != 0:
        assert result.exit_code == 2
        assert "不在 git 仓库中" in result.stderr
    assert run(repo, "HEAD", "--format", "xml").exit_code == 2


# --------------------------------------------------------------------------- text diff for Chinese


def test_sentences_split_chinese_text() -> None:
    assert sentences("收入329.48万元。支出“持平”。\n第二段；完") == ["收入329.48万元。", "支出“持平”。", "第二段；", "完"]


def test_numbers_change_as_a_whole() -> None:
    segments = char_diff("预算收入329.48万元", "预算收入330.48万元")
    assert [(s.op, s.text) for s in segments] == [("equal", "预算收入"), ("delete", "329.48"), ("insert", "330.48"), ("equal", "万元")]


def test_only_changed_sentences_are_shown() -> None:
    old = "第一句不变。" * 5 + "这里有一处改动。" + "后面也不变。" * 5
    new = old.replace("一处改动", "两处改动")
    [hunk] = text_hunks(old, new)
    assert [(s.op, s.text) for s in hunk.segments if s.op != "equal"] == [("delete", "一"), ("insert", "两")]
    assert sum(len(s.text) for s in hunk.segments) < 40


def test_md_cell_escapes_table_breakers() -> None:
    assert md_cell("a|b<c>\nd") == "a\\|b&lt;c&gt;<br>d"


def test_api_returns_data(repo: Path) -> None:
    two_figures_and_a_paragraph(repo)
    diff = diff_project(repo, "HEAD")
    assert [f.field for f in diff.figures] == ["assets.vehicles.count", "assets.vehicles.count"]
    assert [f.difference for f in diff.figures] == [Decimal(1), Decimal(-1)]
    assert not diff.new_errors and not diff.empty


def test_a_document_that_no_longer_loads_is_changed_not_removed(repo: Path) -> None:
    edit(repo, BUDGET, "\nyear: 2021\n", "\nyear: 2021\ntitle: [\n")
    data = diff_json(repo, "HEAD")
    assert [(d["document"], d["status"], d["note"]) for d in data["documents"]] == [
        (BUDGET_ADDRESS, "changed", "新版本无法读取，见检查问题")
    ]
    assert data["figures"] == [] and data["narrative"] == []
    introduced = data["problems"]["introduced"]
    assert [(p["code"], p["place"]) for p in introduced] == [("yaml-syntax", BUDGET)]
    # The old document's acknowledged warnings were not checked again: listed apart, neither dropped nor counted as solved.
    assert data["problems"]["fixed"] == [] and data["summary"]["problems_fixed"] == 0
    assert {p["place"] for p in data["problems"]["unchecked"]} == {"平乡县信访局 2021年部门预算"}
    assert data["summary"]["problems_unchecked"] == len(data["problems"]["unchecked"])
    assert "、已解决 0、因新版本无法读取未再检查" in data["summary"]["text"]
    assert run(repo, "HEAD", "--fail-on-problems").exit_code == 1


def test_the_problems_of_a_document_whose_old_version_did_not_load_are_not_counted_new(repo: Path) -> None:
    edit(repo, BUDGET, "\nyear: 2021\n", "\nyear: 2021\ntitle: [\n")
    git(repo, "commit", "-qam", "Broken YAML")
    edit(repo, BUDGET, "\nyear: 2021\ntitle: [\n", "\nyear: 2021\n")
    edit(repo, BUDGET, "机关运行经费共计安排11.86万元", "机关运行经费共计安排11.68万元")
    text = run(repo, "HEAD").stdout
    # The old acknowledged warnings were there before the YAML broke: the old version could not tell, so they are not 新增.
    assert "检查问题：新增 0（其中错误 0）、已解决 1、因旧版本无法读取未能比较 3（其中错误 1）。" in text
    assert "\n新增的问题\n" not in text
    listed = text.split("旧版本无法读取、未能比较的问题（不一定是本次新增，请逐条核对）\n")[1]
    assert listed.startswith("  错误 [text-figure-mismatch] 平乡县信访局 2021年部门预算：正文中“机关运行经费”写作 11.68 万元")
    assert "  警告（已确认） [sum-mismatch] 平乡县信访局 2021年部门预算：" in listed
    assert "[yaml-syntax]" in text.split("已解决的问题")[1]
    # An error there may be new: a gate still fails on it.
    assert run(repo, "HEAD", "--fail-on-problems").exit_code == 1
    markdown = run(repo, "HEAD", "--format", "markdown").stdout
    assert "#### 旧版本无法读取、未能比较的问题（不一定是本次新增，请逐条核对）（3）" in markdown


def test_a_long_new_paragraph_folds_into_details(repo: Path) -> None:
    long = "本段为新增说明，" * 50 + "完。"
    edit(repo, BUDGET, "  - type: heading\n    level: 2\n    text: 九、其他需要说明的事项\n", f"  - type: heading\n    level: 2\n    text: 九、其他需要说明的事项\n\n  - type: text\n    text: {long}\n")
    data = diff_json(repo, "HEAD")
    [narrative] = data["narrative"]
    assert (narrative["status"], narrative["section"]) == ("added", "九、其他需要说明的事项")
    markdown = run(repo, "HEAD", "--format", "markdown").stdout
    section = markdown.split("### 文字改动")[1]
    assert section.lstrip().startswith("<details><summary>平乡县信访局 2021年部门预算 · 九、其他需要说明的事项 · 正文（新增）：1 处</summary>")
    assert "</details>" in section and f"<ins>{long}</ins>" in section


def test_a_unit_document_is_told_apart_from_its_department_document(repo: Path) -> None:
    unit = "content/documents/shanghai/putuo/shangwuwei/2025-budget-unit-benji.yml"
    department = "content/documents/shanghai/putuo/shangwuwei/2025-budget.yml"
    row = "{id: fiscal-general, label: \"%s一般公共预算资金\", values: [371514655.00]}"
    edit(repo, unit, row % "1、", (row % "1、").replace("371514655.00", "371514656.00"))
    edit(repo, department, row % "1.", (row % "1.").replace("371514655.00", "371514657.00"))
    data = diff_json(repo, "main")
    labels = {d["new_file"]: d["label"] for d in data["documents"]}
    unit_label, department_label = labels[unit], labels[department]
    assert unit_label != department_label
    assert "单位预算" in unit_label and "上海市普陀区商务委员会" in unit_label.split("单位预算", 1)[1]
    assert "部门预算" in department_label and "单位" not in department_label
    text = run(repo, "main").output
    assert f"{unit_label} · " in text and f"{department_label} · " in text


def test_a_new_problem_says_on_which_line_of_its_file_it_is(repo: Path) -> None:
    edit(repo, HUADU, "资本性支出1.98万元", "资本性支出2.98万元")
    edit(repo, HUADU, "{id: capital, label: 资本性支出, values: [1.98]}", "{id: capital, label: 资本性支出, values: [2.98]}")
    lines = (repo / HUADU).read_text(encoding="utf-8").splitlines()
    # The basic expenditure no longer adds up: the problem is on its row.
    basic = next(i for i, line in enumerate(lines, 1) if "{id: basic, label: 基本支出, values: [892.82]}" in line)
    [problem] = diff_json(repo, "main")["problems"]["introduced"]
    assert (problem["line"], problem["field"]) == (basic, "expenditure.basic.actual")
    assert f"位置：第 {basic} 行，字段 expenditure.basic.actual" in run(repo, "main").output
    assert f"| 第 {basic} 行，字段 expenditure.basic.actual |" in run(repo, "main", "--format", "markdown").output


def test_a_second_problem_of_the_same_field_is_new_with_its_own_message(repo: Path) -> None:
    """One link to no web address in a paragraph is committed; a second is added beside it: the new one is listed, as itself."""
    edit(repo, SJZ, PARAGRAPH, PARAGRAPH + "（见[旧文件](//old.example/a)）")
    commit(repo, "One link")
    edit(repo, SJZ, "（见[旧文件](//old.example/a)）", "（见[旧文件](//old.example/a)、[新文件](ftp://new.example/b)）")
    data = diff_json(repo, "HEAD")
    introduced = [p for p in data["problems"]["introduced"] if p["code"] == "link-address"]
    assert [("ftp://new.example/b" in p["message"], "//old.example/a" in p["message"]) for p in introduced] == [(True, False)]
    assert data["problems"]["fixed"] == []


def test_a_problem_whose_message_only_names_a_renamed_row_is_the_same_problem(repo: Path) -> None:
    """A sum that was off by 1 still is after a row of it is renamed: not listed as both new and fixed."""
    edit(repo, HUADU, "{id: capital, label: 资本性支出, values: [1.98]}", "{id: capital, label: 资本性支出, values: [2.98]}")
    commit(repo, "Off by one")
    edit(repo, HUADU, "{id: capital, label: 资本性支出, values: [2.98]}", "{id: capital, label: 资本性支出（设备）, values: [2.98]}")
    data = diff_json(repo, "HEAD")
    assert data["problems"]["introduced"] == [] and data["problems"]["fixed"] == []


def test_deleting_the_first_of_two_rows_of_one_label_shows_that_row_removed(repo: Path) -> None:
    """Rows of the same label are paired by what they print: the second 其他 kept its figure, it did not change."""
    project = "      - {id: project, label: 项目支出, values: [97.92]}\n"
    edit(repo, BUDGET, project, project + "      - {label: 其他, values: [1.25]}\n      - {label: 其他, values: [2.5]}\n")
    commit(repo, "Two rows labelled 其他")
    edit(repo, BUDGET, "      - {label: 其他, values: [1.25]}\n", "")
    changes = [(f["row_label"], f["old"], f["new"]) for f in diff_json(repo, "HEAD")["figures"]]
    assert changes == [("其他", "1.25", None)]


def test_two_acknowledgements_of_one_field_are_told_apart(repo: Path) -> None:
    """Two misprinted shares of one paragraph are acknowledged with one code and field: adding the second was told as the
    first replaced, and removing one was not told at all."""
    first = "  - code: text-rate-mismatch\n    field: body.3.text\n    stated: 71.73\n    computed: 71.6539\n    reason: 原文如此。\n"
    second = "  - code: text-rate-mismatch\n    field: body.3.text\n    stated: 2.08\n    computed: 2.0745\n    reason: 原文如此。\n"
    edit(repo, HUADU, "acknowledgements:\n", "acknowledgements:\n" + first)
    commit(repo, "One")
    edit(repo, HUADU, "acknowledgements:\n", "acknowledgements:\n" + second)
    added = [(f["label"], f["old"], f["new"]) for f in diff_json(repo, "HEAD")["fields"]]
    assert added == [("新增的确认（text-rate-mismatch，body.3.text）", None, "原文 2.08，计算 2.0745：原文如此。")]
    commit(repo, "Two")
    edit(repo, HUADU, first, "")
    removed = [(f["label"], f["old"], f["new"]) for f in diff_json(repo, "HEAD")["fields"]]
    assert removed == [("删去的确认（text-rate-mismatch，body.3.text）", "原文 71.73，计算 71.6539：原文如此。", None)]
