"""The 长辈版 stylesheet: one set of rules, keyed on the class reader.js sets, and again on the switch where no script runs."""

from __future__ import annotations

import re

from .conftest import ROOT

ASSETS = ROOT / "templates" / "assets"
SCRIPTED = ":is(html.pg-elder, html.pg-elder#pg-elder)"
NO_SCRIPT = "html:has(#pg-elder:checked)"
BLOCK = "@media (scripting: none) {"


def _rules(css: str, key: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [" ".join(rule.replace(key, "KEY").split()) for rule in re.split(r"(?<=[{}])", css) if rule.strip()]


def test_without_script_the_switch_restyles_the_page_with_the_same_rules() -> None:
    css = re.sub(r"/\*.*?\*/", "", (ASSETS / "elder.css").read_text(encoding="utf-8"), flags=re.S)
    scripted, found, no_script = css.partition(BLOCK)
    assert found, "elder.css has no block for readers without script"
    no_script = no_script.rstrip().removesuffix("}")
    assert NO_SCRIPT not in scripted and SCRIPTED not in no_script
    assert _rules(scripted, SCRIPTED) == _rules(no_script, NO_SCRIPT)
    assert len(_rules(scripted, SCRIPTED)) > 20


def test_no_rule_that_applies_while_scripts_run_waits_on_a_has_over_the_whole_page() -> None:
    """A :has() above a page's elements (html:has(…) …) made every style pass of the browser recompute the whole page."""
    for path in ASSETS.glob("*.css"):
        css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S).partition(BLOCK)[0]
        assert not re.search(r"(?:html|body|:root)[^{},]*:has\(", css), path.name
