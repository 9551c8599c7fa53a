"""Every problem code pubgen can report is explained in docs/checks.md."""

from __future__ import annotations

import ast
import re

from .conftest import ROOT

CALLS = {"Problem": 0, "problem": 0, "PydanticCustomError": 0, "_problem": 1}
CODE = re.compile(r"^[a-z]+(?:-[a-z0-9]+)*$")


def codes_in_source() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "pubgen").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        messages = [f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name == "_message"]
        returns = {id(n) for f in messages for n in ast.walk(f) if isinstance(n, ast.Return)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in CALLS and len(node.args) > CALLS[name]:
                    arg = node.args[CALLS[name]]
                    for const in ast.walk(arg):
                        if isinstance(const, ast.Constant) and isinstance(const.value, str) and CODE.match(const.value):
                            found.add(const.value)
                for kw in node.keywords:
                    if kw.arg == "code" and isinstance(kw.value, ast.Constant):
                        found.add(kw.value.value)
            elif id(node) in returns and isinstance(node.value, ast.Tuple) and node.value.elts:
                first = node.value.elts[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and CODE.match(first.value):
                    found.add(first.value)
            elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "code" for t in node.targets):
                value = node.value
                options = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
                for const in options:
                    if isinstance(const, ast.Constant) and isinstance(const.value, str) and CODE.match(const.value):
                        found.add(const.value)
    return found


def documented() -> set[str]:
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    return set(re.findall(r"^### `([a-z-]+)`$", text, flags=re.M))


def test_source_codes_are_found() -> None:
    # The scan itself works: it sees codes from each module.
    assert {"sum-mismatch", "duplicate-key", "unknown-field", "fullwidth-digits", "cell-count"} <= codes_in_source()


def test_every_code_is_documented() -> None:
    missing = sorted(codes_in_source() - documented())
    assert missing == [], f"add these codes to docs/checks.md: {missing}"


def test_no_documented_code_is_stale() -> None:
    stale = sorted(documented() - codes_in_source())
    assert stale == [], f"docs/checks.md explains codes pubgen never reports: {stale}"
