"""Whether the project's cache folder may be used: only if it is the machine's own, never part of the repository.

``.pubgen-cache/`` holds compiled templates (Python code that Jinja loads and
runs), built shards (HTML published as they are) and the check cache (problems
taken as found). Every one of them is trusted as pubgen's own output. A pull
request that commits files into it (``git add -f`` passes the folder's
``.gitignore``) would run code on every later build, publish pages no template
wrote, or hide errors from ``pubgen check``. So before reading the folder,
pubgen asks git whether it tracks anything there, and refuses a folder that is
a link: then the build or check runs as if there were no cache, and says why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

CACHE_FOLDER = ".pubgen-cache"


def untrusted_cache(root: Path) -> str | None:
    """Why the cache folder of the project at ``root`` must not be used, or None when it may be."""
    folder = root / CACHE_FOLDER
    if folder.is_symlink():
        return f"{CACHE_FOLDER} 是一个链接，不是 pubgen 自己建的缓存文件夹：本次不使用缓存。请删除它（pubgen 会重建）。"
    if not folder.exists():
        return None
    git = shutil.which("git")
    if git is None:
        return None  # no git, so no repository to have brought the folder in
    try:
        # safe.directory: a checkout owned by another user (a container's bind mount, sudo) is still asked, not skipped.
        found = subprocess.run(
            [git, "-c", "safe.directory=*", "-C", str(root), "ls-files", "-z", "--", CACHE_FOLDER],
            capture_output=True,
            timeout=30,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.SubprocessError):
        return f"无法用 git 确认 {CACHE_FOLDER} 是否被提交进了仓库：本次不使用缓存。"
    if found.returncode != 0:
        if b"not a git repository" in found.stderr.lower():
            return None  # not in a git work tree: the folder is the user's own
        return f"无法用 git 确认 {CACHE_FOLDER} 是否被提交进了仓库（{found.stderr.decode('utf-8', 'replace').strip()[:200]}）：本次不使用缓存。"
    if not found.stdout:
        return None  # nothing of the folder is tracked
    names = [n for n in found.stdout.decode("utf-8", "replace").split("\0") if n]
    shown = "、".join(names[:3]) + (f" 等 {len(names)} 个文件" if len(names) > 3 else "")
    return (
        f"git 仓库中提交了缓存文件（{shown}）：缓存只能由本机的 pubgen 生成，提交进仓库的缓存可能被人篡改，"
        f"本次不使用缓存，全部重新检查和构建。请从仓库中删除：git rm -r --cached {CACHE_FOLDER}"
    )
