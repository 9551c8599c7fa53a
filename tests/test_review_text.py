"""What reviewers and CI read: `pubgen diff` comments and logs, `pubgen check --format github` annotations.

Content is hostile (headings with blank lines and Markdown, ``@mentions``,
workflow commands in file names and titles); each output is read back the way
its reader reads it: the comment with a CommonMark renderer (markdown-it, raw
HTML allowed as GitHub allows it), the annotations and log lines with a
transcription of the GitHub Actions runner's command parser.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from pubgen.cli import main

from .conftest import copy_project, git
from .test_escape import read_html, runner_parse

BUDGET = "content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
HEADING = "一、部门职责及机构设置情况"
INJECTED = "一、部门职责\n\n![追踪](https://e.invalid/pixel.png) [点我](https://e.invalid/)\n\n# 注入的标题 @alice"
OUR_HEADINGS = {"pubgen：发布内容改动", "文档", "数字改动", "文字改动", "文档信息改动", "其他内容文件", "检查问题"}


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "project").root
    git(root, "init", "-q")
    git(root, "checkout", "-q", "-b", "main")
    commit(root, "Bundled content")
    return root


def diff(repo: Path, fmt: str) -> str:
    result = CliRunner().invoke(main, ["diff", "HEAD", "--project", str(repo), "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def tokens(comment: str) -> list[Any]:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).parse(comment)


def rendered_text(comment: str) -> str:
    out = []
    for token in tokens(comment):
        if token.type == "inline":
            out += [c.content for c in token.children or [] if c.type == "text"]
        elif token.type == "html_block":
            out += read_html(token.content).text
    return "".join(out)


def test_a_heading_with_blank_lines_stays_inside_its_summary(repo: Path) -> None:
    edit(repo, BUDGET, f"    text: {HEADING}\n", f"    text: {json.dumps(INJECTED, ensure_ascii=False)}\n")
    # A long new paragraph under it folds into <details>, whose <summary> names the heading.
    long = "本段为新增说明，" * 50 + "完。"
    edit(repo, BUDGET, "      部门职责：\n", f"      部门职责：{long}\n")
    comment = diff(repo, "markdown")
    found = tokens(comment)
    kinds = {t.type for t in found} | {c.type for t in found for c in t.children or []}
    assert not {"image", "link_open", "fence", "code_block", "blockquote_open"} & kinds, kinds
    headings = [found[i + 1].content for i, t in enumerate(found) if t.type == "heading_open"]
    assert set(headings) <= OUR_HEADINGS | {"新增的问题（1）", "已解决的问题（1）"}, headings
    blocks = [t.content.strip() for t in found if t.type == "html_block"]
    assert blocks and all(re.fullmatch(r"<details><summary>[^<>]*</summary>|</details>", b) for b in blocks), blocks
    summary = next(b for b in blocks if "一、部门职责" in b)
    # Shown as the text it is; a zero-width joiner after “https:” keeps it from becoming a link.
    assert "![追踪](https:\u200d//e.invalid/pixel.png)" in "".join(read_html(summary).text)


def test_mentions_in_titles_labels_and_file_names_do_not_notify(repo: Path) -> None:
    edit(repo, BUDGET, "title: 平乡县信访局2021年部门预算信息公开情况说明", 'title: "平乡县信访局2021年部门预算 @alice 请看 #12"')
    edit(repo, BUDGET, "{id: vehicles, label: 2、车辆（台、辆）, values: [7, 15]}", '{id: vehicles, label: "2、车辆 @org/team", values: [8, 15]}')
    moved = repo / "content/documents/@bob/2021-budget.yml"
    moved.parent.mkdir(parents=True)
    (repo / BUDGET).rename(moved)
    comment = diff(repo, "markdown")
    text = rendered_text(comment)
    assert not re.search(r"@[A-Za-z0-9]|#[0-9]", text), re.findall(r".{10}[@#][A-Za-z0-9].{5}", text)
    # Still readable: the joiner between @ and the name shows nothing.
    for shown in ("@\u200dalice", "#\u200d12", "@\u200dorg/team", "@\u200dbob/2021-budget.yml"):
        assert shown in text, shown
    assert "2、车辆 @\u200dorg/team" in text.replace("\\", "")


def test_text_output_for_a_ci_log_cannot_issue_workflow_commands(repo: Path) -> None:
    edit(repo, BUDGET, "title: 平乡县信访局2021年部门预算信息公开情况说明", 'title: "::error file=README.md::注入\\n##[add-mask]secret\\n::warning::x"')
    edit(repo, BUDGET, f"    text: {HEADING}\n", '    text: "::error::标题\\n\\n::set-output name=x::y"\n')
    text = diff(repo, "text")
    for line in text.splitlines():
        assert runner_parse(line) is None, line
        assert "##[" not in line and "\x1b" not in line, line
    assert "::error file=README.md::注入⏎##\u200b[add-mask]secret⏎::warning::x" in text


def test_github_annotations_survive_hostile_file_names(repo: Path) -> None:
    name = "content/documents/a,b:c\n::error file=README.md,line=1::注入 50%.yml"
    (repo / name).write_text("title: [\n", encoding="utf-8")
    edit(repo, BUDGET, "    text: 一、部门职责及机构设置情况\n", '    text: "一、部门职责\\n::error file=README.md::标题"\n')
    edit(repo, BUDGET, "    reason: 原文“三公”经费合计1.4万元", '    reason: "::error file=README.md::确认\\n##[add-mask]x\\n"\n    # 原文“三公”经费合计1.4万元')
    result = CliRunner().invoke(main, ["check", "--project", str(repo), "--format", "github"])
    lines = result.stdout.splitlines()
    report = json.loads(CliRunner().invoke(main, ["check", "--project", str(repo), "--format", "json"]).stdout)
    new = [p for p in report["problems"] if not p["acknowledged"]]
    acknowledged = [p for p in report["problems"] if p["acknowledged"]]
    assert new and acknowledged
    parsed = [runner_parse(line) for line in lines]
    annotations = [p for p in parsed if p is not None and "file" in p[1]]
    assert len(annotations) == len(new), "one annotation per problem not yet acknowledged, whatever the names hold"
    assert all(p[0] in ("error", "warning", "notice") for p in annotations), lines
    others = [p[0] for p in parsed if p is not None and "file" not in p[1]]
    assert others == ["notice", "group", "endgroup"], others  # the summary, and the acknowledged differences folded
    assert len(lines) == len(annotations) + len(others) + len(acknowledged), "one line per problem"
    assert all("##[" not in line for line in lines)
    by_file = {p[1]["file"]: p for p in annotations}
    assert "README.md" not in by_file
    command, properties, message = by_file[name]
    assert (command, properties["title"]) == ("error", "yaml-syntax") and properties["line"] == "2"  # where the unclosed bracket runs out
    for problem, (_, props, data) in zip(new, annotations):
        assert props["file"] == problem["file"] and data.startswith(problem["message"])


ALLOWED_INLINE_HTML = {"<del>", "</del>", "<ins>", "</ins>", "<br>"}


def test_hostile_text_in_every_field_stays_text_in_the_comment(repo: Path) -> None:
    from .test_published_text import BLOCK, HOSTILE

    hostile = json.dumps(HOSTILE, ensure_ascii=False)
    edit(repo, BUDGET, "title: 平乡县信访局2021年部门预算信息公开情况说明", f"title: {hostile}")
    edit(repo, BUDGET, f"    text: {HEADING}\n", f"    text: {hostile}\n")
    edit(repo, BUDGET, "      - label: 平乡县信访局\n", f"      - label: {hostile}\n")
    edit(repo, BUDGET, "{id: vehicles, label: 2、车辆（台、辆）, values: [7, 15]}", f"{{id: vehicles, label: {hostile}, values: [8, 15]}}")
    edit(repo, BUDGET, "      部门职责：\n", "      部门职责：" + BLOCK.replace("\n", "\n      ") + "\n")
    site = repo / "content/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("title: 部门预决算公开平台", f"title: {hostile}"), encoding="utf-8")
    comment = diff(repo, "markdown")
    found = tokens(comment)
    kinds = {t.type for t in found} | {c.type for t in found for c in t.children or []}
    assert kinds <= {
        "heading_open", "heading_close", "paragraph_open", "paragraph_close", "inline", "text", "strong_open", "strong_close",
        "bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close", "html_block", "html_inline",
        "table_open", "table_close", "thead_open", "thead_close", "tbody_open", "tbody_close", "tr_open", "tr_close",
        "th_open", "th_close", "td_open", "td_close", "code_inline",
    }, kinds
    assert {c.content for t in found for c in t.children or [] if c.type == "html_inline"} <= ALLOWED_INLINE_HTML
    # Code spans are the header's revisions, copyable as typed (HEAD~1, a commit's hash), never the content's text.
    spans = [c.content for t in found for c in t.children or [] if c.type == "code_inline"]
    assert spans and all(re.fullmatch(r"[0-9A-Za-z_~^./-]+", span) for span in spans), spans
    # (The footnote definition in BLOCK is a Markdown link to “脚注内容”: check warns link-address, a new problem.)
    assert {re.sub(r"（\d+）$", "", found[i + 1].content) for i, t in enumerate(found) if t.type == "heading_open"} <= OUR_HEADINGS | {"新增的问题", "已解决的问题"}
    text = rendered_text(comment)
    assert not re.search(r"@[A-Za-z0-9]|#[0-9]", text)
    text = text.replace("\u200d", "")  # the joiners that keep references and links from forming show nothing
    for literal in ("<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "!!! note", "{: .c onclick=x}", '--8<-- "mkdocs.yml"', "[TOC]", "<!-- c -->", "[^1]", "A~B\u3000C\xa0D"):
        assert literal in text, literal
    # Every row of every table keeps as many cells as its header.
    widths: list[set[int]] = []
    for t in found:
        if t.type == "table_open":
            widths.append(set())
        elif t.type == "tr_open":
            cells = 0
        elif t.type in ("td_open", "th_open"):
            cells += 1
        elif t.type == "tr_close":
            widths[-1].add(cells)
    assert widths and all(len(w) == 1 for w in widths), widths
