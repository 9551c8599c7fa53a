"""A commit made with git's plumbing whose tree holds entries named .. and a\\b.yml inside content/.

Ordinary git commands refuse such names; git mktree does not, so a hostile
pull request can hold them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

DOCUMENT = b"department: hebei/xingtai/pingxiang/xinfangju\nyear: 2031\nkind: budget\ntitle: CLIMBED-OUT\nbody: []\n"


def git(project: Path, *args: str, data: bytes | None = None) -> str:
    env = ["-c", "user.name=pubgen tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false"]
    done = subprocess.run(["git", *env, *args], cwd=project, input=data, capture_output=True, check=True)
    return done.stdout.decode().strip()


def make(project: Path, outside: Path) -> None:
    blob = git(project, "hash-object", "-w", "--stdin", data=DOCUMENT)
    inner = git(project, "mktree", data=f"100644 blob {blob}\tevil.yml\n".encode())
    climb = git(project, "mktree", data=f"040000 tree {inner}\t..\n".encode())  # content/documents/../../evil.yml
    documents = git(project, "rev-parse", "HEAD:content/documents")
    listing = git(project, "ls-tree", documents).encode()
    documents = git(project, "mktree", data=listing + f"\n040000 tree {climb}\t..\n100644 blob {blob}\ta\\b.yml\n".encode())
    content = git(project, "ls-tree", "HEAD:content").encode()
    lines = [line for line in content.split(b"\n") if line and not line.endswith(b"\tdocuments")]
    lines.append(f"040000 tree {documents}\tdocuments".encode())
    content_tree = git(project, "mktree", data=b"\n".join(lines) + b"\n")
    top = [line for line in git(project, "ls-tree", "HEAD").encode().split(b"\n") if line and not line.endswith(b"\tcontent")]
    top.append(f"040000 tree {content_tree}\tcontent".encode())
    root = git(project, "mktree", data=b"\n".join(top) + b"\n")
    commit = git(project, "commit-tree", root, "-p", "HEAD", "-m", "entries named .. and with a backslash")
    git(project, "tag", "head", commit)
