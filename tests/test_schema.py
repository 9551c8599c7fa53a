"""The JSON Schemas given to editors' tools accept every bundled content file as such a tool reads it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from pubgen.model import json_schemas

from .conftest import ROOT

CONTENT = ROOT / "content"


def schema_for(path: Path) -> str:
    """Which schema describes a content file, by where it lives."""
    rel = path.relative_to(CONTENT)
    if rel.parts[0] == "departments":
        return "department"
    if rel.parts[0] == "documents":
        return "document"
    return {"site.yml": "site", "regions.yml": "regions", "glossary.yml": "glossary"}[rel.as_posix()]


def content_files() -> list[Path]:
    return sorted(p for p in CONTENT.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def as_json(value: Any) -> Any:
    """YAML as a generic tool loads it, made JSON-shaped: dates become ISO strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def errors(schema: dict[str, Any], data: Any) -> list[str]:
    """Every place the data breaks the schema, in plain lines."""
    return [line for error in Draft202012Validator(schema).iter_errors(data) for line in _reasons(error)]


def _reasons(error: ValidationError) -> list[str]:
    """For a body block, the reasons under the schema of its own ``type``, not under all ten."""
    if error.validator == "oneOf" and error.context and isinstance(error.instance, dict):
        ref = error.schema.get("discriminator", {}).get("mapping", {}).get(error.instance.get("type"))
        chosen = {i for i, alt in enumerate(error.validator_value) if alt.get("$ref") == ref}
        inner = [e for e in error.context if e.schema_path and e.schema_path[0] in chosen]
        if inner:
            return [line for e in inner for line in _reasons(e)]
    return [f"{error.json_path}: {error.message[:200]}"]


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict[str, Any]]:
    result = json_schemas()
    for schema in result.values():
        Draft202012Validator.check_schema(schema)
    return result


def test_every_kind_of_file_has_a_schema(schemas: dict[str, dict[str, Any]]) -> None:
    assert {schema_for(p) for p in content_files()} == set(schemas)


@pytest.mark.parametrize("path", content_files(), ids=lambda p: p.relative_to(CONTENT).as_posix())
def test_bundled_content_matches_its_schema(path: Path, schemas: dict[str, dict[str, Any]]) -> None:
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert errors(schemas[schema_for(path)], data) == []


def test_the_documented_example_matches_the_schema(schemas: dict[str, dict[str, Any]]) -> None:
    text = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
    example = next(b for b in re.findall(r"^```yaml\n(.*?)^```", text, flags=re.M | re.S) if re.search(r"^kind:", b, flags=re.M))
    assert errors(schemas["document"], as_json(yaml.safe_load(example))) == []


def test_cells_accept_what_editors_write(schemas: dict[str, dict[str, Any]]) -> None:
    """A number, 0, empty and —— all fit a table cell; a list or mapping does not."""
    row = schemas["document"]["$defs"]["Row"]
    validator = Draft202012Validator({**row, "$defs": schemas["document"]["$defs"]})
    assert validator.is_valid({"label": "资产总额", "values": [329.48, 0, None, "——", "行政"]})
    assert not validator.is_valid({"label": "资产总额", "values": [[1]]})
