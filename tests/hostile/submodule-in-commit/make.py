"""A commit whose content/ holds a git submodule (a gitlink entry)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(project: Path, *args: str) -> str:
    env = ["-c", "user.name=pubgen tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *env, *args], cwd=project, capture_output=True, text=True, check=True).stdout.strip()


def make(project: Path, outside: Path) -> None:
    base = git(project, "rev-parse", "HEAD")
    git(project, "update-index", "--add", "--cacheinfo", f"160000,{base},content/documents/vendor")
    git(project, "commit", "-q", "-m", "a submodule in content/")
    git(project, "tag", "head")
