"""Every problem code pubgen can report is a registered rule, and docs/checks.md is generated from the registry."""

from __future__ import annotations

import ast
import re

from pubgen.checks import FAMILY_ORDER
from pubgen.checks.registry import FAMILIES, RULES
from pubgen.reference import END, START, checks_reference

from .conftest import ROOT

CALLS = {"Problem": 0, "problem": 0, "compared": 0, "compared_total": 0, "_mismatch": 1, "PydanticCustomError": 0, "_problem": 1}
CODE = re.compile(r"^[a-z]+(?:-[a-z0-9]+)*$")


def codes_in_source() -> set[str]:
    """Codes the package reports: arguments of Problem(...), dc.problem(...) and friends, anywhere under pubgen/.

    The importer's failures (pubgen/importers/) are reasons an import stops, explained in docs/导入.md, not check problems.
    """
    found: set[str] = set()
    for path in (ROOT / "pubgen").rglob("*.py"):
        if "importers" in path.relative_to(ROOT / "pubgen").parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        messages = [f for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) and f.name == "_message"]
        # ``code = "…"`` in a class body names why a command failed (ImportFailed and its kinds), not a problem.
        class_attributes = {id(n) for c in ast.walk(tree) if isinstance(c, ast.ClassDef) for n in c.body}
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
            elif (
                isinstance(node, ast.Assign)
                and id(node) not in class_attributes
                and any(getattr(t, "id", "") == "code" for t in node.targets)
            ):
                value = node.value
                options = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
                for const in options:
                    if isinstance(const, ast.Constant) and isinstance(const.value, str) and CODE.match(const.value):
                        found.add(const.value)
    return found


def test_source_codes_are_found() -> None:
    # The scan itself works: it sees codes from the reading modules and from the check families.
    assert {"sum-mismatch", "duplicate-key", "unknown-field", "fullwidth-digits", "cell-count", "weights-sum"} <= codes_in_source()


def test_every_reported_code_is_a_registered_rule() -> None:
    missing = sorted(codes_in_source() - set(RULES) - _declared_elsewhere())
    assert missing == [], f"declare these codes with rule(...) in pubgen/checks/: {missing}"


def test_every_registered_rule_is_reported_somewhere() -> None:
    stale = sorted(set(RULES) - codes_in_source() - _declared_elsewhere())
    assert stale == [], f"these rules are registered but nothing reports them: {stale}"


def _declared_elsewhere() -> set[str]:
    """Codes reported through data (table definitions) rather than literals in the source."""
    return {code for code, rule in RULES.items() if rule.family.id in ("identities",)}


def test_every_family_has_a_place_in_the_documentation() -> None:
    assert sorted(f.id for f in FAMILIES) == sorted(FAMILY_ORDER)


def test_checks_doc_is_generated_from_the_registry() -> None:
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    between = text[text.index(START) + len(START) : text.index(END)]
    assert between == checks_reference(), "docs/checks.md is out of date: run `python -m pubgen.reference` and commit the result."
    documented = set(re.findall(r"^### `([a-z0-9-]+)`$", text, flags=re.M))
    assert documented == set(RULES)


def test_the_reserved_names_the_rule_lists_are_the_ones_the_site_reserves() -> None:
    """The reserved-slug text listed nine names; the site also reserves compare."""
    import re as _re

    from pubgen.checks.registry import RULES
    from pubgen.derive import RESERVED

    listed = set(_re.search(r"（([a-z、]+)）", RULES["reserved-slug"].doc).group(1).split("、"))  # type: ignore[union-attr]
    assert listed == set(RESERVED)
