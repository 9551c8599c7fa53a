"""An axe-core scan of the pages readers land on: no serious or critical violations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "document": "hebei/xingtai/pingxiang/xinfangju/2021/budget/",
    "self-evaluation": "guangdong/guangzhou/huadu/xinfangju/2021/self-evaluation/",
    "glossary": "glossary/",
    "year": "years/2021/",
    "department": "hebei/shijiazhuang/xinfangju/",
    "search results": "search/?q=%E4%BF%A1%E8%AE%BF&year=2021",
}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is missing under CI=true: run `npm ci` (see .ci/run).")
        pytest.skip("axe-core is not installed (npm ci); accessibility scan skipped.")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("width", [1280, 375])
def test_no_serious_accessibility_violations(page, site_url: str, axe_source: str, name: str, width: int) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    if "?q=" in PAGES[name]:
        from playwright.sync_api import expect

        expect(page.locator(".pg-search-status")).to_contain_text("找到")
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    report = Path(ROOT / "test-artifacts" / f"axe-{name}-{width}.json")
    report.parent.mkdir(exist_ok=True)
    report.write_text(json.dumps(result["violations"], ensure_ascii=False, indent=2), encoding="utf-8")
    assert serious == [], json.dumps(serious, ensure_ascii=False, indent=2)
