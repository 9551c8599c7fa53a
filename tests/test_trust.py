"""A cache folder the repository brings in is never used: it could run code, publish pages no template wrote, or hide errors."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import bc_magic

from pubgen import __version__

from .conftest import ROOT, copy_project, git

VALID = ROOT / "tests/cases/valid-minimal/content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml"
DOC = "content/documents/hebei/xingtai/pingxiang/xinfangju/2030-budget.yml"


def pubgen(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pubgen", *args], cwd=project, capture_output=True, text=True, timeout=600)


class _Payload:
    """What an attacker pickles into a compiled-template file: a command to run when it is loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"echo ran > {self.marker}",))


def _committed(project: Path, *extra: str) -> None:
    (project / ".gitignore").write_text("site/\n.pubgen-cache/\n", encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "add", "-f", *extra)
    git(project, "commit", "-qm", "更新预算")


def test_committed_compiled_templates_are_never_loaded(tmp_path: Path) -> None:
    project = tmp_path / "p"
    copy_project(project, built_before=False)
    marker = tmp_path / "ran"
    folder = project / ".pubgen-cache" / f"templates-jinja{jinja2.__version__}-{sys.implementation.cache_tag}-pubgen{__version__}" / "pages"
    folder.mkdir(parents=True)
    for template in (project / "templates").glob("*.j2"):
        key = hashlib.sha1(template.name.encode())
        key.update(("|" + str(template)).encode())  # how Jinja names a template's file
        (folder / f"__jinja2_{key.hexdigest()}.cache").write_bytes(bc_magic + pickle.dumps(_Payload(marker)))
    _committed(project, ".pubgen-cache")

    built = pubgen(project, "build")

    assert built.returncode == 0, built.stderr
    assert not marker.exists(), "a committed compiled template was loaded and ran"
    assert "git 仓库中提交了缓存文件" in built.stderr and "git rm -r --cached .pubgen-cache" in built.stderr


def test_a_committed_check_cache_cannot_hide_errors(tmp_path: Path) -> None:
    project = tmp_path / "p"
    copy_project(project, built_before=False)
    (project / DOC).write_text(VALID.read_text(encoding="utf-8").replace("year: 2021", "year: 2030").replace("2021年", "2030年").replace("values: [1.4]}", "values: [NaN]}"), encoding="utf-8")
    first = pubgen(project, "check")
    assert first.returncode == 1 and "not-a-number" in first.stdout
    index = project / ".pubgen-cache/check/index.jsonl"
    lines = []
    for line in index.read_text(encoding="utf-8").split("\n"):
        if "\t" in line and "not-a-number" in line:
            key, data = line.split("\t", 1)
            line = key + "\t" + json.dumps(_without(json.loads(data), "not-a-number"), ensure_ascii=False, separators=(",", ":"))
        lines.append(line)
    index.write_text("\n".join(lines), encoding="utf-8")
    assert pubgen(project, "check").returncode == 0, "the doctored cache is what the check would read"

    _committed(project, ".pubgen-cache/check")
    checked = pubgen(project, "check")

    assert checked.returncode == 1 and "not-a-number" in checked.stdout
    assert "本次不使用缓存" in checked.stderr


def _without(value: object, code: str) -> object:
    if isinstance(value, dict):
        return {k: _without(v, code) for k, v in value.items()}
    if isinstance(value, list):
        return [_without(v, code) for v in value if not (isinstance(v, list) and v and v[0] == code)]
    return value


def test_the_machines_own_cache_is_used_without_a_word(tmp_path: Path) -> None:
    project = tmp_path / "p"
    copy_project(project, built_before=False)
    _committed(project)
    assert pubgen(project, "check").returncode == 0
    again = pubgen(project, "check")
    assert again.returncode == 0 and again.stderr == ""
    assert (project / ".pubgen-cache/check").is_dir()


@pytest.mark.parametrize("command", [("check",), ("build",)])
def test_a_cache_folder_that_is_a_link_is_not_used(tmp_path: Path, command: tuple[str, ...]) -> None:
    project = tmp_path / "p"
    copy_project(project, built_before=False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / ".pubgen-cache").symlink_to(elsewhere, target_is_directory=True)
    done = pubgen(project, *command)
    assert done.returncode == 0, done.stderr
    assert ".pubgen-cache 是一个链接" in done.stderr
    assert list(elsewhere.iterdir()) == [], "nothing was read from or written through the link"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the checkout to another user")
def test_a_checkout_git_calls_dubious_is_still_asked(tmp_path: Path) -> None:
    """A bind mount or sudo gives the checkout another owner; git then refused to answer and the cache was trusted."""
    import pwd

    from pubgen.trust import untrusted_cache

    project = tmp_path / "p"
    copy_project(project, built_before=False)
    (project / ".pubgen-cache").mkdir()
    (project / ".pubgen-cache" / "planted.cache").write_bytes(b"not pubgen's")
    _committed(project, ".pubgen-cache")
    nobody = pwd.getpwnam("nobody")
    for path in [project, *project.rglob("*")]:
        os.lchown(path, nobody.pw_uid, nobody.pw_gid)
    assert untrusted_cache(project) is not None
