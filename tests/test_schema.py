"""The JSON Schemas given to editors' tools accept every bundled content file as such a tool reads it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pydantic
import pytest
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from pubgen import model as m
from pubgen.model import json_schemas
from pubgen.tablekinds import TableKind, kinds

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
    blocks = re.findall(r"^```yaml\n(.*?)^```", text, flags=re.M | re.S)
    example = next(b for b in blocks if re.search(r"^kind:", b, flags=re.M) and re.search(r"^body:", b, flags=re.M))
    assert errors(schemas["document"], as_json(yaml.safe_load(example))) == []


def test_cells_accept_what_editors_write(schemas: dict[str, dict[str, Any]]) -> None:
    """A number, 0, empty and —— all fit a table cell; a list or mapping does not."""
    row = schemas["document"]["$defs"]["Row"]
    validator = Draft202012Validator({**row, "$defs": schemas["document"]["$defs"]})
    assert validator.is_valid({"label": "资产总额", "values": [329.48, 0, None, "——", "行政"]})
    assert not validator.is_valid({"label": "资产总额", "values": [[1]]})


# --------------------------------------------------------------------------- the official tables and the document's scope


CASES = ROOT / "tests" / "cases"


def passing_documents() -> list[Path]:
    """Documents the checks accept without an error: the test cases that expect none, and the form fixtures."""
    found: list[Path] = []
    for expected in sorted(CASES.glob("*/expected.yml")):
        data = yaml.safe_load(expected.read_text(encoding="utf-8")) or {}
        if isinstance(data, dict) and not data.get("errors") and not data.get("xfail"):
            found += sorted((expected.parent / "content" / "documents").rglob("*.yml"))
    found += sorted((ROOT / "tests" / "fixtures" / "forms" / "content" / "documents").rglob("*.yml"))
    return found


@pytest.mark.parametrize("path", passing_documents(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_documents_the_checks_accept_match_the_schema(path: Path, schemas: dict[str, dict[str, Any]]) -> None:
    """Unit documents, partial disclosures, project self-evaluations and all nine-table documents included."""
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert errors(schemas["document"], data) == []


def test_the_test_documents_show_every_new_field() -> None:
    """The documents above hold a unit document, a partial disclosure and a project self-evaluation."""
    docs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in passing_documents()]
    assert any(d.get("scope") == "unit" and d.get("budget_unit") for d in docs)
    assert any(d.get("covers") for d in docs)
    assert any(d.get("kind") == "project-evaluation" and d.get("project") for d in docs)


@pytest.mark.parametrize("kind", [k for k in kinds().values() if k.official], ids=lambda k: k.role)
def test_every_table_example_matches_the_schema(kind: TableKind, schemas: dict[str, dict[str, Any]]) -> None:
    """The example of each official table, in a document as docs/content-format.md tells editors to write it."""
    assert kind.official is not None
    document = {
        "department": "shanghai/putuo/lizi",
        "year": 2025,
        "kind": kind.official,
        "title": "示例",
        "covers": kind.provides,
        "body": yaml.safe_load(kind.example),
    }
    assert errors(schemas["document"], as_json(document)) == []


def test_the_schema_knows_every_table_role(schemas: dict[str, dict[str, Any]]) -> None:
    role = schemas["document"]["$defs"]["Table"]["properties"]["role"]
    enums = [alt["enum"] for alt in role["anyOf"] if "enum" in alt]
    assert enums == [list(kinds())]
    assert {k.role for k in kinds().values() if k.official} <= set(enums[0])


def test_the_schema_knows_the_document_scope(schemas: dict[str, dict[str, Any]]) -> None:
    """Kind, scope, budget unit, project and covers are in the schema as the model defines them."""
    document = schemas["document"]
    props, defs = document["properties"], document["$defs"]
    assert props["kind"]["enum"] == list(m.KIND_NAMES)
    assert props["scope"]["enum"] == list(m.SCOPE_NAMES)
    assert {"$ref": "#/$defs/BudgetUnit"} in props["budget_unit"]["anyOf"]
    assert set(defs["BudgetUnit"]["required"]) == {"name", "slug"} and "whole" in defs["BudgetUnit"]["properties"]
    assert {"$ref": "#/$defs/Project"} in props["project"]["anyOf"]
    assert set(defs["Project"]["required"]) == {"name", "slug"}
    assert props["covers"]["items"]["enum"] == list(m.SECTIONS)
    table = defs["Table"]["properties"]
    assert table["codes"]["enum"] == ["one", "two", "three"]
    assert table["sides"]["items"] == {"$ref": "#/$defs/TableSide"}
    assert {"id", "columns", "rows"} <= set(defs["TableSide"]["properties"])
    assert "code" in defs["Row"]["properties"]


@pytest.mark.parametrize(
    "code", ["2010601", 2010601, "201 06 01", "201|06|01", "20106", 301, "30217", "2010", 1000, "20106x", "", 20106011, 12]
)
def test_the_schema_takes_the_classification_codes_the_loader_takes(code: object, schemas: dict[str, dict[str, Any]]) -> None:
    row = {"code": code, "label": "行政运行", "values": [1]}
    try:
        # pubgen reads every scalar as its text; an editor's tool reads an unquoted 2010601 as a number.
        m.Row.model_validate({**row, "values": ["1"]})
        loads = True
    except pydantic.ValidationError:
        loads = False
    validator = Draft202012Validator({**schemas["document"]["$defs"]["Row"], "$defs": schemas["document"]["$defs"]})
    assert validator.is_valid(row) == loads


def test_schema_files_are_readable_by_everyone_as_files_the_editor_saves_are(tmp_path: Path) -> None:
    """Written through a temporary file, they were readable by their owner only (0600): a web server or a colleague could not read them."""
    import os
    import stat

    from pubgen.atomic import write_whole

    umask = os.umask(0o022)
    try:
        new = tmp_path / "new.json"
        write_whole(new, "{}\n")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        kept = tmp_path / "kept.json"
        kept.write_text("{}", encoding="utf-8")
        kept.chmod(0o640)
        write_whole(kept, "{}\n")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640, "an existing file keeps its mode"
    finally:
        os.umask(umask)
