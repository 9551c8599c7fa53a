"""The CI templates in docs/ci: every pubgen command they run is run here, as written, on a real git repository."""

from __future__ import annotations

import http.server
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from .conftest import git, ROOT, copy_project

GITHUB = ROOT / "docs/ci/github-workflow.yml"
GITLAB = ROOT / "docs/ci/gitlab-ci.yml"
README = ROOT / "docs/ci/README.md"
BUDGET = "content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
HUADU = "content/documents/guangdong/guangzhou/huadu/xinfangju/2021-self-evaluation.yml"
PUBGEN = re.compile(r"(?:^|[;&|(]\s*)pubgen\s")
ANNOTATION = re.compile(r"^::(error|warning|notice) file=content/[^,:]+\.yml(,line=\d+)?(,col=\d+)?,title=[a-z-]+::\S")
FIGURE_ROW = "| 平乡县信访局 2021年部门预算 | 部门固定资产占用情况表 | 2、车辆（台、辆） | 数量 | 7 | 8 | +1 |"
GITHUB_EXPRESSIONS = {"${{ github.base_ref }}": "main"}
"""What GitHub substitutes in a pull request from a feature branch into main."""
GITLAB_VARIABLES = {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_PIPELINE_SOURCE": "merge_request_event"}
"""What GitLab predefines in a merge request pipeline into main."""


@dataclass(slots=True, frozen=True)
class Command:
    """One shell line of a template, with the variables the CI would give it."""

    line: str
    env: dict[str, str]
    where: str

    @property
    def args(self) -> list[str]:
        """The words after ``pubgen``, up to a redirection or ``||``."""
        words = shlex.split(self.line)
        rest = words[words.index("pubgen") + 1 :]
        for i, word in enumerate(rest):
            if word in (">", ">>", "||", "&&", "|"):
                return rest[:i]
        return rest

    @property
    def output_file(self) -> str | None:
        words = shlex.split(self.line)
        return words[words.index(">") + 1] if ">" in words else None


def shell_lines(script: str) -> list[str]:
    """Logical lines of a shell script: continuations joined; comments and here-document bodies left out."""
    out: list[str] = []
    pending = ""
    heredoc: str | None = None
    for raw in script.splitlines():
        if heredoc is not None:
            if raw.strip() == heredoc:
                heredoc = None
            continue
        line = pending + raw
        if line.rstrip().endswith("\\"):
            pending = line.rstrip()[:-1] + " "
            continue
        pending = ""
        match = re.search(r"<<-?\s*['\"]?(\w+)", line)
        if match:
            heredoc = match.group(1)
        if line.strip() and not line.strip().startswith("#"):
            out.append(line.strip())
    return out


def _github(text: str) -> str:
    for expression, value in GITHUB_EXPRESSIONS.items():
        text = text.replace(expression, value)
    assert "${{" not in text, f"unexpected GitHub expression in a shell command: {text}"
    return text


def github_commands() -> list[Command]:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    top = {k: _github(str(v)) for k, v in (workflow.get("env") or {}).items()}
    out = []
    for job_name, job in workflow["jobs"].items():
        job_env = {**top, **{k: _github(str(v)) for k, v in (job.get("env") or {}).items()}}
        for step in job["steps"]:
            if "run" not in step:
                continue
            env = {**job_env, **{k: _github(str(v)) for k, v in (step.get("env") or {}).items()}}
            out += [Command(_github(line), env, f"{job_name}: {step.get('name')}") for line in shell_lines(step["run"])]
    return out


def gitlab_commands() -> list[Command]:
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    top = {k: str(v) for k, v in (pipeline.get("variables") or {}).items()}
    out = []
    for job_name, job in pipeline.items():
        if not isinstance(job, dict) or "script" not in job:
            continue
        env = {**top, **{k: str(v) for k, v in (job.get("variables") or {}).items()}}
        for item in job["script"]:
            out += [Command(line, env, job_name) for line in shell_lines(item)]
    return out


def pubgen_commands(commands: list[Command]) -> list[Command]:
    return [c for c in commands if PUBGEN.search(c.line)]


# --------------------------------------------------------------------------- a content repository with a pull request


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def content_repository(tmp: Path, *, breaking: bool) -> Path:
    """A content repository on a feature branch one commit past ``origin/main`` (a real commit)."""
    repo = copy_project(tmp / "content-repo").root
    git(repo, "init", "-q")
    git(repo, "checkout", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Bundled content")
    git(repo, "update-ref", "refs/remotes/origin/main", git(repo, "rev-parse", "HEAD"))
    git(repo, "checkout", "-q", "-b", "feature")
    edit(repo, BUDGET, "{id: vehicles, label: 2、车辆（台、辆）, values: [7, 15]}", "{id: vehicles, label: 2、车辆（台、辆）, values: [8, 15]}")
    if breaking:
        # The table agrees with its text, but basic expenditure no longer adds up: a new error.
        edit(repo, HUADU, "资本性支出1.98万元", "资本性支出2.98万元")
        edit(repo, HUADU, "{id: capital, label: 资本性支出, values: [1.98]}", "{id: capital, label: 资本性支出, values: [2.98]}")
    git(repo, "commit", "-q", "-am", "Pull request")
    return repo


@pytest.fixture(scope="module")
def shim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ``pubgen`` on PATH that runs this checkout's pubgen with this interpreter."""
    folder = tmp_path_factory.mktemp("bin")
    script = folder / "pubgen"
    script.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m pubgen "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return folder


def execute(command: Command, repo: Path, shim: Path, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **extra, "CI_PROJECT_DIR": str(repo), "GITHUB_STEP_SUMMARY": str(repo.parent / "summary.md")}
    env["PATH"] = f"{shim}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = f"{ROOT}{os.pathsep}{env.get('PYTHONPATH', '')}"
    env.update({k: os.path.expandvars(v) if "$" in v else v for k, v in command.env.items()})
    env["CI_PROJECT_DIR"] = str(repo)
    return subprocess.run(["bash", "-eo", "pipefail", "-c", command.line], cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def assert_outcome(command: Command, proc: subprocess.CompletedProcess[str], repo: Path, breaking: bool) -> None:
    """What each pubgen command of a template must do, with and without a new error in the pull request."""
    args = command.args
    said = f"{command.where}: {command.line}\nexit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    if args[0] == "diff" and args[args.index("--format") + 1] == "text":
        assert proc.returncode == 0, said
        assert command.output_file == "pubgen-diff.txt", "every change, kept beside the comment"
        listed = (repo / command.output_file).read_text(encoding="utf-8")
        assert "2、车辆（台、辆） · 数量：7 → 8（+1）" in listed, listed
        assert ("新增的问题" in listed) is breaking, listed
    elif args[0] == "diff":
        assert proc.returncode == 0, said
        assert command.output_file, "the diff is written to a file for the comment step"
        markdown = (repo / command.output_file).read_text(encoding="utf-8")
        assert markdown.startswith("## pubgen：发布内容改动"), said
        assert FIGURE_ROW in markdown, markdown
        assert ("#### 新增的问题（1）" in markdown) is breaking, markdown
    elif args[0] == "check" and "github" in args:
        assert proc.returncode == int(breaking), said
        lines = proc.stdout.splitlines()
        # A notice counting the acknowledged differences, the annotations, then those differences folded in the log.
        assert lines and lines[0].startswith("::notice title=pubgen check::") and "已确认的差异" in lines[0], said
        group = next(i for i, line in enumerate(lines) if line.startswith("::group::已确认的差异"))
        assert all(ANNOTATION.match(line) for line in lines[1:group]), said
        assert lines[-1] == "::endgroup::" and not any(line.startswith("::") for line in lines[group + 1 : -1]), said
        assert any(line.startswith(f"::error file={HUADU},line=") and "title=sum-mismatch" in line for line in lines) is breaking, said
    elif args[0] == "check" and "json" in args:
        assert proc.returncode == 0, said  # "|| true": the report is written either way
        report = json.loads((repo / (command.output_file or "")).read_text(encoding="utf-8"))
        assert report["ok"] is (not breaking) and (report["errors"] > 0) is breaking, said
    elif args[0] == "check":
        assert proc.returncode == int(breaking), said
        assert ("共 0 个错误" in proc.stdout) is (not breaking), said
    elif args[0] == "build":
        if breaking:
            assert proc.returncode == 1 and "内容检查未通过" in proc.stderr, said
            assert not (repo / "site").exists()
        else:
            assert proc.returncode == 0, said
            assert (repo / "site/index.html").is_file()
    else:  # pragma: no cover - a new kind of command needs its own expectations here
        pytest.fail(f"no expectation for {command.line}")


# --------------------------------------------------------------------------- the commands run


def test_templates_run_check_diff_and_build() -> None:
    for commands in (pubgen_commands(github_commands()), pubgen_commands(gitlab_commands())):
        assert {c.args[0] for c in commands} == {"check", "diff", "build"}
    assert any(c.args[:3] == ["check", "--format", "github"] for c in pubgen_commands(github_commands()))
    gitlab = [c.args for c in pubgen_commands(gitlab_commands())]
    assert ["check"] in gitlab and ["check", "--format", "json"] in gitlab
    for commands in (github_commands(), gitlab_commands()):
        # The comment (Markdown, within a comment's length) and every change (text), of the same two revisions.
        diffs = [c for c in pubgen_commands(commands) if c.args[0] == "diff"]
        assert sorted(d.args[d.args.index("--format") + 1] for d in diffs) == ["markdown", "text"]
        assert {d.output_file for d in diffs} == {"pubgen-diff.md", "pubgen-diff.txt"}
        for diff in diffs:
            assert any(a.startswith("origin/") for a in diff.args) and "HEAD" in diff.args


@pytest.mark.parametrize("breaking", [False, True], ids=["clean", "new-error"])
@pytest.mark.parametrize("template", ["github", "gitlab"])
def test_every_pubgen_command_of_the_template_runs(template: str, breaking: bool, tmp_path: Path, shim: Path) -> None:
    repo = content_repository(tmp_path, breaking=breaking)
    commands = pubgen_commands(github_commands() if template == "github" else gitlab_commands())
    extra = {} if template == "github" else dict(GITLAB_VARIABLES)
    for command in commands:
        assert_outcome(command, execute(command, repo, shim, extra), repo, breaking)


# --------------------------------------------------------------------------- the shape around them


def test_github_workflow_comments_and_keeps_the_site() -> None:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and "pull_request_target" not in triggers
    job = workflow["jobs"]["pubgen"]
    assert job["permissions"]["pull-requests"] == "write"
    steps = job["steps"]
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "pubgen diff needs the base branch's history"
    uploads = {s["with"]["name"]: s["with"]["path"] for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@")}
    assert uploads == {"site": "site/", "pubgen-diff": "pubgen-diff.md\npubgen-diff.txt\n"}
    comment = next(s for s in steps if str(s.get("uses", "")).startswith("actions/github-script@"))
    assert comment["if"] == "github.event_name == 'pull_request'"
    names = [s.get("name", "") for s in steps]
    assert names.index(next(n for n in names if "pubgen diff" in n)) < names.index(next(n for n in names if "pubgen check" in n)), (
        "the diff is posted even when the check fails"
    )


def test_gitlab_pipeline_keeps_reports_and_site() -> None:
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert pipeline["variables"]["GIT_DEPTH"] == "0"
    assert pipeline["check"]["artifacts"] == {"when": "always", "paths": ["pubgen-check.json"], "expire_in": "30 days"}
    assert pipeline["build"]["artifacts"]["paths"] == ["site/"]
    assert pipeline["diff"]["artifacts"]["paths"] == ["pubgen-diff.md", "pubgen-diff.txt"]
    assert pipeline["diff"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert "PUBGEN_NOTE_TOKEN" in "\n".join(pipeline["diff"]["script"])


def test_readme_explains_both_templates_in_chinese() -> None:
    text = README.read_text(encoding="utf-8")
    for needle in ("github-workflow.yml", "gitlab-ci.yml", ".github/workflows/", ".gitlab-ci.yml", "PUBGEN_NOTE_TOKEN", "PUBGEN_PIP", "fetch-depth"):
        assert needle in text, needle
    assert "安装" in text and "评论" in text


# --------------------------------------------------------------------------- posting the comment


def _github_script() -> str:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["pubgen"]["steps"] if str(s.get("uses", "")).startswith("actions/github-script@"))
    return str(step["with"]["script"])


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("existing", [False, True], ids=["first-push", "later-push"])
def test_github_comment_script_creates_then_updates_one_comment(existing: bool, tmp_path: Path) -> None:
    (tmp_path / "pubgen-diff.md").write_text("## pubgen：发布内容改动\n\n" + "很长的表格行\n" * 12000, encoding="utf-8")
    comments = [{"id": 5, "user": {"type": "User"}, "body": "<!-- pubgen-diff -->\nquoted by a person"}]
    if existing:
        comments.append({"id": 9, "user": {"type": "Bot"}, "body": "<!-- pubgen-diff -->\nold"})
    harness = f"""
const calls = [];
const github = {{
  paginate: async (fn, args) => {{ calls.push(['list', args]); return {json.dumps(comments)}; }},
  rest: {{ issues: {{
    listComments: () => null,
    createComment: async (args) => {{ calls.push(['create', args]); }},
    updateComment: async (args) => {{ calls.push(['update', args]); }},
  }} }},
}};
const context = {{ repo: {{ owner: 'dept', repo: 'content' }}, issue: {{ number: 42 }} }};
(async () => {{
{_github_script()}
}})().then(() => console.log(JSON.stringify(calls)), (e) => {{ console.error(e); process.exit(1); }});
"""
    (tmp_path / "harness.js").write_text(harness, encoding="utf-8")
    proc = subprocess.run(["node", "harness.js"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    calls = json.loads(proc.stdout)
    assert calls[0] == ["list", {"owner": "dept", "repo": "content", "issue_number": 42, "per_page": 100}]
    kind, args = calls[1]
    if existing:
        assert kind == "update" and args["comment_id"] == 9
    else:
        assert kind == "create" and args["issue_number"] == 42
    assert args["body"].startswith("<!-- pubgen-diff -->\n## pubgen：发布内容改动")
    assert len(args["body"]) <= 65536 and "内容过长，已截断" in args["body"]
    assert "\n很长的表格行\n\n" in args["body"] and "pubgen-diff.txt" in args["body"], "cut at the end of a line"


class _FakeGitLab(http.server.BaseHTTPRequestHandler):
    """Just enough of GitLab's notes API: list, create and update."""

    notes: list[dict[str, Any]] = []
    requests: list[tuple[str, str, str, Any]] = []

    def _reply(self, data: Any) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length)) if length else None

    def do_GET(self) -> None:  # noqa: N802
        self.requests.append(("GET", self.path, self.headers["PRIVATE-TOKEN"], None))
        self._reply(self.notes)

    def do_POST(self) -> None:  # noqa: N802
        data = self._body()
        self.requests.append(("POST", self.path, self.headers["PRIVATE-TOKEN"], data))
        self.notes.append({"id": len(self.notes) + 1, "body": data["body"]})
        self._reply(self.notes[-1])

    def do_PUT(self) -> None:  # noqa: N802
        data = self._body()
        self.requests.append(("PUT", self.path, self.headers["PRIVATE-TOKEN"], data))
        self._reply({"id": 1, "body": data["body"]})

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def fake_gitlab() -> Iterator[str]:
    _FakeGitLab.notes, _FakeGitLab.requests = [], []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FakeGitLab)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v4"
    server.shutdown()
    server.server_close()


def test_gitlab_note_script_creates_then_updates_one_note(fake_gitlab: str, tmp_path: Path) -> None:
    [post] = [c for c in gitlab_commands() if c.where == "diff" and c.line.startswith("python3 - <<")]
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    [script] = [item for item in pipeline["diff"]["script"] if item.startswith("python3 - <<")]
    assert post.line == script.splitlines()[0]
    (tmp_path / "pubgen-diff.md").write_text("## pubgen：发布内容改动\n\n比较：…\n", encoding="utf-8")
    env = {
        **os.environ,
        "CI_API_V4_URL": fake_gitlab,
        "CI_PROJECT_ID": "17",
        "CI_MERGE_REQUEST_IID": "3",
        "PUBGEN_NOTE_TOKEN": "glpat-test",
    }

    def run(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=60)

    first = run(env)
    assert first.returncode == 0, first.stderr
    assert "已在合并请求中发表" in first.stdout
    second = run(env)
    assert second.returncode == 0, second.stderr
    assert "已更新" in second.stdout
    methods = [(r[0], r[1].split("?")[0]) for r in _FakeGitLab.requests]
    notes = "/api/v4/projects/17/merge_requests/3/notes"
    assert methods == [("GET", notes), ("POST", notes), ("GET", notes), ("PUT", f"{notes}/1")]
    assert {r[2] for r in _FakeGitLab.requests} == {"glpat-test"}
    assert _FakeGitLab.requests[1][3]["body"].startswith("<!-- pubgen-diff -->\n## pubgen：发布内容改动")
    # Without the token the job says so and posts nothing.
    _FakeGitLab.requests.clear()
    quiet = run({k: v for k, v in env.items() if k != "PUBGEN_NOTE_TOKEN"})
    assert quiet.returncode == 0 and "PUBGEN_NOTE_TOKEN" in quiet.stdout
    assert _FakeGitLab.requests == []
