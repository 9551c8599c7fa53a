"""An axe-core scan of every page type, at 1280 and 375 px, in the standard look and in 长辈版: no serious or critical violations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, PAGE_TYPES, ROOT, open_page

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is missing under CI=true: run `npm ci` (see .ci/run).")
        pytest.skip("axe-core is not installed (npm ci); accessibility scan skipped.")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", ["normal", "elder"])
@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_serious_accessibility_violations(browser, readers_url: str, axe_source: str, name: str, width: int, mode: str) -> None:  # type: ignore[no-untyped-def]
    pg = open_page(browser, readers_url + PAGE_TYPES[name], width, elder=mode == "elder")
    try:
        pg.add_script_tag(content=axe_source)
        result = pg.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    finally:
        pg.context.close()
    serious = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    report = Path(ARTIFACTS / "axe" / f"{name}-{width}-{mode}.json")
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(result["violations"], ensure_ascii=False, indent=2), encoding="utf-8")
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("name", ["home", "final-accounts", "budget-official", "search"])
def test_every_part_of_a_page_is_in_a_landmark_and_no_two_landmarks_share_a_name(browser, readers_url: str, axe_source: str, name: str) -> None:  # type: ignore[no-untyped-def]
    """A screen reader lists a page's regions: the 长辈版 switch was outside them, and every table's 核对说明 was a
    second region named like the page's own. The page also says it is Simplified Chinese (zh-CN), for voice and fonts."""
    pg = open_page(browser, readers_url + PAGE_TYPES[name], 375)
    try:
        pg.add_script_tag(content=axe_source)
        result = pg.evaluate("async () => await axe.run(document, {runOnly: ['region', 'landmark-unique', 'html-lang-valid'], resultTypes: ['violations']})")
        lang = pg.evaluate("document.documentElement.lang")
    finally:
        pg.context.close()
    found = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]
    assert found == [], json.dumps(found, ensure_ascii=False, indent=2)
    assert lang == "zh-CN"
