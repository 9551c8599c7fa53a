"""The hostile corpus: inputs meant to break pubgen, each with the outcome it must have.

Every folder under ``tests/hostile/`` is one case (the format is in
``tests/hostile/README.md``): content files laid over a copy of the bundled
project, an optional ``make.py`` for inputs that cannot be committed (links,
named pipes, a 50 MB file, a crafted git history), and ``expect.yml`` naming
the commands to run and what each must print, exit with and publish. Every
command runs as a real ``python -m pubgen`` process; none may print a
traceback, and nothing may be written outside the project.
"""

from __future__ import annotations

import fnmatch
import html
import importlib.util
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from .conftest import copy_project, git

CORPUS = Path(__file__).parent / "hostile"
COMMANDS = ("check", "build", "diff", "new", "serve")
CASE_KEYS = {"about", "remove", "runs"}
RUN_KEYS = {"run", "args", "exit", "errors", "warnings", "output_has", "output_lacks", "site", "site_has", "site_lacks", "page", "page_has", "page_lacks"}
CJK = re.compile(r"[\u3400-\u9fff]")
TIMEOUT = 600
"""Seconds any one command may take; a command that hangs on an input fails its case."""
ALWAYS_LACKS = ("Traceback",)


# --------------------------------------------------------------------------- the case format


@dataclass(slots=True)
class Expected:
    """One problem a check must report; ``line`` None for any line."""

    code: str
    file: str
    line: int | None
    count: int = 1

    @classmethod
    def parse(cls, item: Any) -> Expected:
        if isinstance(item, list) and len(item) == 3:
            code, file, line = item
            return cls(str(code), str(file), None if line in (None, "*") else int(line))
        if isinstance(item, dict) and {"code", "file"} <= set(item) <= {"code", "file", "line", "count"}:
            line = item.get("line")
            return cls(str(item["code"]), str(item["file"]), None if line in (None, "*") else int(line), int(item.get("count", 1)))
        raise ValueError(f"a problem is [code, file, line] or {{code, file, line, count}}, not {item!r}")

    def matches(self, problem: dict[str, Any]) -> bool:
        return problem["code"] == self.code and problem["file"] == self.file and (self.line is None or problem["line"] == self.line)


@dataclass(slots=True)
class Run:
    """One command of a case and what it must do."""

    run: str
    args: list[str] = field(default_factory=list)
    exit: int | None = None
    errors: list[Expected] | None = None
    warnings: list[Expected] = field(default_factory=list)
    output_has: list[str] = field(default_factory=list)
    output_lacks: list[str] = field(default_factory=list)
    site: str | None = None
    site_has: list[tuple[str, str]] = field(default_factory=list)
    site_lacks: list[tuple[str, str]] = field(default_factory=list)
    page: str | None = None
    page_has: list[str] = field(default_factory=list)
    page_lacks: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Case:
    folder: Path
    about: str
    remove: list[str]
    runs: list[Run]

    @property
    def needs_git(self) -> bool:
        return any(r.run == "diff" for r in self.runs)


def _texts(items: Any, where: str) -> list[tuple[str, str]]:
    """Site strings: "text" (any file) or {files: glob, text: "..."}."""
    out = []
    for item in items or []:
        if isinstance(item, str):
            out.append(("**", item))
        elif isinstance(item, dict) and set(item) == {"files", "text"}:
            out.append((str(item["files"]), str(item["text"])))
        else:
            raise ValueError(f"{where}: a site string is text or {{files: glob, text: ...}}, not {item!r}")
    return out


def load_case(folder: Path) -> Case:
    """Read and validate ``expect.yml``: a mistake in a case is reported as such, not as a pubgen failure."""
    data = yaml.safe_load((folder / "expect.yml").read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not CASE_KEYS >= set(data) or not data.get("about") or not data.get("runs"):
        raise ValueError(f"{folder.name}/expect.yml needs about and runs (and may have remove); found {sorted(data or {})}")
    runs = []
    for i, step in enumerate(data["runs"]):
        where = f"{folder.name}/expect.yml runs[{i}]"
        if not isinstance(step, dict) or step.get("run") not in COMMANDS or not set(step) <= RUN_KEYS:
            raise ValueError(f"{where}: run is one of {COMMANDS}; keys are {sorted(RUN_KEYS)}; found {step!r}")
        if step["run"] != "check" and ("errors" in step or "warnings" in step):
            raise ValueError(f"{where}: errors and warnings are checked on `run: check` only")
        if step["run"] != "build" and ({"site", "site_has", "site_lacks"} & set(step)):
            raise ValueError(f"{where}: site, site_has and site_lacks belong to `run: build`")
        if step["run"] not in ("build", "serve") and ({"page", "page_has", "page_lacks"} & set(step)):
            raise ValueError(f"{where}: page, page_has and page_lacks belong to `run: build` or `run: serve`")
        if step["run"] != "serve" and "exit" not in step:
            raise ValueError(f"{where}: say which exit code is expected")
        runs.append(
            Run(
                run=step["run"],
                args=[str(a) for a in step.get("args") or []],
                exit=step.get("exit"),
                errors=None if "errors" not in step else [Expected.parse(e) for e in step["errors"] or []],
                warnings=[Expected.parse(e) for e in step.get("warnings") or []],
                output_has=[str(s) for s in step.get("output_has") or []],
                output_lacks=[str(s) for s in step.get("output_lacks") or []],
                site=step.get("site"),
                site_has=_texts(step.get("site_has"), where),
                site_lacks=_texts(step.get("site_lacks"), where),
                page=step.get("page"),
                page_has=[str(s) for s in step.get("page_has") or []],
                page_lacks=[str(s) for s in step.get("page_lacks") or []],
            )
        )
    return Case(folder, str(data["about"]), [str(r) for r in data.get("remove") or []], runs)


def case_folders() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


# --------------------------------------------------------------------------- preparing a project


def apply_case(case: Case, project: Path, outside: Path) -> None:
    """Lay the case over ``project``: remove, copy its content files, then run its make.py."""
    for name in case.remove:
        target = project / name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        else:
            target.unlink()
    if (case.folder / "content").is_dir():
        shutil.copytree(case.folder / "content", project / "content", dirs_exist_ok=True)
    make = case.folder / "make.py"
    if make.is_file():
        spec = importlib.util.spec_from_file_location(f"hostile_make_{case.folder.name.replace('-', '_')}", make)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.make(project, outside)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every path under ``folder`` with its size and modification time, links not followed."""
    out = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        out[path.relative_to(folder).as_posix()] = (info.st_size, info.st_mtime_ns)
    return out


def environment() -> dict[str, str]:
    return dict(os.environ, PYTHONUNBUFFERED="1", NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")


# --------------------------------------------------------------------------- running and judging


def run_command(step: Run, project: Path) -> subprocess.CompletedProcess[str]:
    args = list(step.args)
    if step.run == "check" and step.errors is not None and not any(a.startswith("--format") for a in args):
        args += ["--format", "json"]
    cmd = [sys.executable, "-m", "pubgen", step.run, *args, "--project", str(project)]
    try:
        return subprocess.run(cmd, cwd=project, env=environment(), capture_output=True, text=True, errors="replace", timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"`pubgen {step.run}` did not finish in {TIMEOUT} s: {exc.output!r:.2000}") from None


def judge_output(step: Run, output: str) -> None:
    for text in ALWAYS_LACKS + tuple(step.output_lacks):
        assert text not in output, f"`pubgen {step.run}` printed {text!r}:\n{output[-4000:]}"
    for text in step.output_has:
        assert text in output, f"`pubgen {step.run}` did not print {text!r}:\n{output[-4000:]}"


def judge_problems(step: Run, stdout: str) -> None:
    try:
        problems = json.loads(stdout)["problems"]
    except (ValueError, KeyError):
        raise AssertionError(f"`pubgen check --format json` did not print a report:\n{stdout[-4000:]}") from None
    for p in problems:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", p["code"]), p
        assert p["file"] and CJK.search(p["message"]), f"a problem without its file or a Chinese message: {p}"
    errors = [p for p in problems if p["severity"] == "error"]
    left = list(errors)
    for want in step.errors or []:
        found = [p for p in left if want.matches(p)]
        assert len(found) >= want.count, f"expected {want.count} × {want}; errors found:\n{_show(errors)}"
        for p in found[: want.count]:
            left.remove(p)
    assert not left, f"errors not expected by the case:\n{_show(left)}"
    warnings = [p for p in problems if p["severity"] == "warning"]
    for want in step.warnings:
        assert sum(1 for p in warnings if want.matches(p)) >= want.count, f"expected warning {want}; found:\n{_show(warnings)}"


def _show(problems: list[dict[str, Any]]) -> str:
    return "\n".join(f"  [{p['code']}, {p['file']}, {p['line']}] {p['message'][:200]}" for p in problems[:50])


def site_files(site: Path, pattern: str) -> Iterator[Path]:
    for path in site.rglob("*"):
        if path.is_file() and (pattern == "**" or fnmatch.fnmatch(path.relative_to(site).as_posix(), pattern)):
            yield path


class _ActiveHTML(HTMLParser):
    """Finds what in a page could run: event attributes, script URLs, frames, and inline scripts calling alert()."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and value and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(SCRIPT_SCHEMES):
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
        if tag in FRAME_TAGS:
            self.found.append(f"<{tag}>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.found.append(f"<script>{data[:60]}")


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data", "poster"}
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
FRAME_TAGS = {"iframe", "frame", "object", "embed", "base"}


def judge_html(site: Path) -> None:
    """No page of a built site holds anything that runs but the theme's own scripts."""
    for path in site.rglob("*.html"):
        parser = _ActiveHTML()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        assert not parser.found, f"{path.relative_to(site)} holds active HTML: {parser.found[:5]}"


def judge_site(step: Run, project: Path) -> None:
    site = project / "site"
    if step.site == "absent":
        assert not site.exists(), "a site was published although the build failed"
    elif step.site is not None:
        raise ValueError(f"site: is 'absent' or not given, not {step.site!r}")
    if site.is_dir():
        judge_html(site)
    for pattern, text in step.site_lacks:
        for path in site_files(site, pattern):
            assert text not in path.read_text(encoding="utf-8", errors="replace"), f"{path.relative_to(site)} holds {text!r}"
    for pattern, text in step.site_has:
        assert any(text in p.read_text(encoding="utf-8", errors="replace") for p in site_files(site, pattern)), f"no {pattern} in the site holds {text!r}"
    if step.page is not None:
        judge_page(step, (site / step.page).read_text(encoding="utf-8"))


def judge_page(step: Run, page: str) -> None:
    # A text is shown when it is in the page as written (escaped markup such as &lt;script&gt;)
    # or once character references are read, as a browser reads them (a long line's text).
    shown = html.unescape(page)
    for text in step.page_has:
        assert text in page or text in shown, f"{step.page} does not show {text!r}"
    for text in step.page_lacks:
        assert text not in page, f"{step.page} shows {text!r}"


def make_repository(project: Path, case: Case, outside: Path) -> None:
    """Commit the base project (tag ``base``), lay the case over it, and commit that (tag ``head``) unless make.py did."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "base")
    git(project, "tag", "base")
    apply_case(case, project, outside)
    if not git(project, "tag", "--list", "head"):
        git(project, "add", "-A")
        git(project, "commit", "-q", "--allow-empty", "-m", "head")
        git(project, "tag", "head")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_serve(step: Run, case: Case, tmp: Path) -> None:
    """Start `pubgen serve` on the base project, save the case's files while it runs, and read what it says."""
    project = copy_project(tmp / "serve").root
    outside = tmp / "serve-outside"
    outside.mkdir()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pubgen", "serve", *step.args, "--project", str(project), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=environment(),
        text=True,
        errors="replace",
    )
    lines: queue.Queue[str] = queue.Queue()

    def listen() -> None:
        for line in proc.stdout or []:
            lines.put(line)

    threading.Thread(target=listen, daemon=True).start()
    said: list[str] = []

    def wait_for(done: Any, what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not done():
            if proc.poll() is not None and lines.empty():
                raise AssertionError(f"`pubgen serve` stopped ({proc.returncode}) before {what}:\n{''.join(said)[-4000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"`pubgen serve` never showed {what}:\n{''.join(said)[-4000:]}")
            try:
                said.append(lines.get(timeout=1))
            except queue.Empty:
                pass

    try:
        wait_for(lambda: any("预览已更新" in line for line in said), "its first preview")
        # The server watches for changes only once it serves, by polling: saved any sooner, the files would go unseen.
        wait_for(lambda: _answers(f"http://127.0.0.1:{port}/"), "its pages")
        time.sleep(POLLING)
        start = len(said)
        apply_case(case, project, outside)
        saved = time.monotonic()

        def rebuilt() -> bool:
            nonlocal saved
            after = "".join(said[start:])
            if not after and time.monotonic() - saved > 30:
                _touch(project / "content")  # save again, as an editor would when the preview does not change
                saved = time.monotonic()
            return ("预览已更新" in after or "预览生成失败" in after) and all(t in after for t in step.output_has)

        wait_for(rebuilt, "a preview of the saved files")
        output = "".join(said)
        judge_output(step, output)
        assert "预览生成失败" not in "".join(said[start:]), f"the preview failed:\n{output[-4000:]}"
        if step.page is not None:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{step.page}", timeout=30) as response:
                judge_page(step, response.read().decode("utf-8"))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


POLLING = 2.0
"""Seconds to let `pubgen serve`'s polling watcher take its first look before files are saved."""


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def _touch(folder: Path) -> None:
    now = time.time()
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.utime(path, (now, now))


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("folder", case_folders(), ids=lambda p: p.name)
def test_hostile_case(folder: Path, tmp_path: Path) -> None:
    case = load_case(folder)
    project = copy_project(tmp_path / "project").root
    outside = tmp_path / "outside"
    outside.mkdir()
    if case.needs_git:
        make_repository(project, case, outside)
    elif any(r.run != "serve" for r in case.runs):
        apply_case(case, project, outside)
    before = snapshot(outside)
    for step in case.runs:
        if step.run == "serve":
            run_serve(step, case, tmp_path)
            continue
        result = run_command(step, project)
        output = result.stdout + result.stderr
        judge_output(step, output)
        assert result.returncode == step.exit, f"`pubgen {step.run}` exited {result.returncode}, not {step.exit}:\n{output[-4000:]}"
        if step.run == "check" and step.errors is not None:
            judge_problems(step, result.stdout)
        if step.run == "build":
            judge_site(step, project)
    assert snapshot(outside) == before, "a command wrote outside the project"


def test_every_case_is_well_formed() -> None:
    folders = case_folders()
    assert len(folders) >= 30
    for folder in folders:
        case = load_case(folder)
        assert (folder / "content").is_dir() or (folder / "make.py").is_file() or case.remove, f"{folder.name} changes nothing"


def test_the_page_scan_finds_what_could_run(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<p title="x">&lt;script&gt;alert(1)&lt;/script&gt; onclick="x"</p><a href="https://example.invalid/">x</a>', encoding="utf-8")
    judge_html(site)
    for bad in ('<p onclick="x">', '<a href=" javascript:alert(1)">', '<a href="java\tscript:x">', '<img src="data:image/svg+xml,x">', "<iframe src=x>", "<script>alert(1)</script>"):
        (site / "bad.html").write_text(bad, encoding="utf-8")
        with pytest.raises(AssertionError):
            judge_html(site)


def test_expected_problems_are_matched_exactly() -> None:
    errors = [{"code": "sum-mismatch", "file": "a.yml", "line": 3, "severity": "error", "message": "合计不对"}] * 2
    report = json.dumps({"problems": errors})
    judge_problems(Run("check", errors=[Expected("sum-mismatch", "a.yml", 3, 2)]), report)
    judge_problems(Run("check", errors=[Expected("sum-mismatch", "a.yml", None, 2)]), report)
    for wrong in ([Expected("sum-mismatch", "a.yml", 3)], [Expected("sum-mismatch", "a.yml", 4, 2)], []):
        with pytest.raises(AssertionError):
            judge_problems(Run("check", errors=wrong), report)
