"""Reading the two sides of a comparison: ``content/`` at a git revision or in the working tree, loaded and validated."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..load import Content, load
from ..revision import extract_tree, git_said, run_git
from .documents import compare
from .results import ContentDiff, DiffError, Side


def diff_project(root: Path, base: str, head: str | None = None, *, merge_base: bool = False) -> ContentDiff:
    """Compare the project's content at ``base`` with ``head`` (a revision, or the working tree when ``None``)."""
    if not root.is_dir():
        raise DiffError(f"项目目录 {root} 不存在。")
    top, prefix = _repository(root)
    name, note = base, ""
    if merge_base:
        # The side read is the fork point, named by the branch the user gave (origin/main), not by a bare hash.
        base = _merge_base(root, base, head or "HEAD")
        note = f"与 {head or 'HEAD'} 的共同祖先"
    with tempfile.TemporaryDirectory(prefix="pubgen-diff-") as tmp:
        old_side, old = _read_side(root, top, prefix, base, Path(tmp) / "base", name, note)
        new_side, new = _read_side(root, top, prefix, head, Path(tmp) / "head")
        return compare(old_side, old, new_side, new)


def _repository(root: Path) -> tuple[Path, str]:
    """The repository's top folder, and the project folder's place inside it (``""`` at the top)."""
    proc = run_git(root, "rev-parse", "--show-toplevel", "--show-prefix")
    if proc.returncode != 0:
        raise DiffError(f"{root} 不在 git 仓库中：pubgen diff 比较的是 git 版本。{git_said(proc)}")
    top, _, prefix = proc.stdout.decode("utf-8").partition("\n")
    return Path(top.strip()), prefix.strip()


def _check_rev(rev: str) -> None:
    if not rev.strip() or rev.startswith("-"):
        raise DiffError(f"“{rev}”不是有效的 git 版本。")


def _resolve(root: Path, rev: str, kind: str) -> str | None:
    proc = run_git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{{kind}}}")
    return proc.stdout.decode().strip() if proc.returncode == 0 else None


def _unknown(rev: str) -> DiffError:
    return DiffError(
        f"找不到 git 版本“{rev}”：请检查分支名、标签或提交号"
        "（在 CI 中比较基准分支前，可能需要先 git fetch 该分支，或在检出时取回完整历史）。"
    )


def _merge_base(root: Path, base: str, head: str) -> str:
    for rev in (base, head):
        _check_rev(rev)
        if _resolve(root, rev, "commit") is None:
            raise _unknown(rev)
    proc = run_git(root, "merge-base", base, head)
    if proc.returncode != 0:
        shallow = run_git(root, "rev-parse", "--is-shallow-repository").stdout.decode().strip() == "true"
        hint = (
            "本仓库是浅克隆（只取回了最近的提交），共同祖先可能不在其中：请先运行 git fetch --unshallow 取回完整历史"
            "（在 CI 中检出时设 fetch-depth: 0），再比较。"
            if shallow
            else ""
        )
        raise DiffError(f"“{base}”与“{head}”没有共同的祖先提交，无法按 --merge-base 比较。{hint}")
    return proc.stdout.decode().strip()


def _read_side(
    root: Path, top: Path, prefix: str, rev: str | None, tmp: Path, name: str | None = None, note: str = ""
) -> tuple[Side, Content | None]:
    """Load one side's content; ``None`` when that side has no content folder. ``name`` is what the side is called
    when it is not ``rev`` itself (the branch whose fork point ``rev`` is), ``note`` what it is of that branch."""
    if rev is None:
        folder = root / "content"
        if not folder.is_dir():
            return Side(None, None, "工作区中没有 content/ 目录"), None
        return Side(None), load(folder)
    _check_rev(rev)
    tree = _resolve(root, rev, "tree")
    if tree is None:
        raise _unknown(rev)
    commit = _resolve(root, rev, "commit") or tree
    shown = name or rev
    where = f"{prefix}content"
    found = run_git(root, "rev-parse", "--verify", "--quiet", f"{tree}:{where}")
    oid = found.stdout.decode().strip() if found.returncode == 0 else ""
    if not oid or run_git(root, "cat-file", "-t", oid).stdout.decode().strip() != "tree":
        return Side(shown, commit, "；".join(n for n in (note, f"该版本中没有 {where}/ 目录") if n)), None
    folder = tmp / "content"
    folder.mkdir(parents=True)
    notices = extract_tree(top, oid, folder, rev)
    content = load(folder)
    content.problems.extend(notices)
    return Side(shown, commit, note), content
