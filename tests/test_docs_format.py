"""docs/content-format.md stays true: its reference is generated, its example passes the checks."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from pubgen import model as m
from pubgen.load import load
from pubgen.reference import END, START, field_reference, models
from pubgen.validate import validate

from .conftest import ROOT, copy_project

DOC = ROOT / "docs" / "content-format.md"
EXAMPLE_AT = Path("content/documents/hebei/xingtai/pingxiang/xinfangju/2021-budget.yml")


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def model_classes() -> list[type[BaseModel]]:
    """Every content model defined in pubgen.model (the shared bases excluded: their fields are documented where used)."""
    return [
        obj
        for obj in vars(m).values()
        if isinstance(obj, type) and issubclass(obj, m.Model) and obj not in (m.Model, m.Grid) and obj.__module__ == m.__name__
    ]


def test_reference_in_the_doc_is_the_generated_one() -> None:
    text = doc_text()
    assert text.count(START) == 1 and text.count(END) == 1, f"{DOC} needs exactly one {START} and one {END}"
    between = text.split(START, 1)[1].split(END, 1)[0]
    assert between == field_reference(), (
        "docs/content-format.md is out of date with pubgen/model.py or pubgen/roles.py: "
        "run `python -m pubgen.reference` and commit the result."
    )


def test_every_field_of_every_model_is_documented() -> None:
    reference = field_reference()
    sections = re.split(r"^### ", reference, flags=re.M)
    classes = model_classes()
    assert set(classes) == set(models()), "every content model is reachable from a source file"
    for cls in classes:
        section = next((s for s in sections if s.startswith(f"{cls.__name__}：")), None)
        assert section is not None, f"{cls.__name__} has no section in the field reference"
        missing = [name for name in cls.model_fields if f"| `{name}` |" not in section]
        assert missing == [], f"{cls.__name__} fields missing from the field reference: {missing}"
        for name, info in cls.model_fields.items():
            assert info.title, f"{cls.__name__}.{name} has no Chinese title (Field(title=...))"


def example_document() -> str:
    blocks = re.findall(r"^```yaml\n(.*?)^```", doc_text(), flags=re.M | re.S)
    # The complete document: a header (`kind:`) and a body; the header-only snippets before it are not checked here.
    found = next((b for b in blocks if re.search(r"^kind:", b, flags=re.M) and re.search(r"^body:", b, flags=re.M)), None)
    assert found is not None, "docs/content-format.md has no ```yaml example with `kind:` and `body:`"
    return found


def test_example_document_passes_the_checks(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    target = project.root / EXAMPLE_AT
    target.write_text(example_document(), encoding="utf-8")
    content = load(project.content)
    report = validate(content)
    name = EXAMPLE_AT.as_posix()
    assert [d for d in content.documents if d.source.name == name], "the example was loaded as a document"
    errors = [f"{p.line}:{p.column} [{p.code}] {p.message}" for p in report.errors]
    assert errors == []
    # The example shows acknowledgements at work: each one matches a real discrepancy.
    acknowledged = [p for p in report.warnings if p.file == name and p.acknowledged]
    assert len(acknowledged) == example_document().count("- code:")


def test_the_documented_addresses_are_the_ones_pubgen_gives() -> None:
    """Each “例如” address under “网址固定不变” is what pubgen gives a document written as the guide says."""
    section = doc_text().split("## 网址固定不变", 1)[1].split("\n## ", 1)[0]
    shown = re.findall(r"^例如 /(\S+)$", section, flags=re.M)
    base = {"title": "示例", "body": [{"type": "heading", "level": 2, "text": "示例"}]}
    documents = [
        {"department": "hebei/xingtai/pingxiang/xinfangju", "year": 2021, "kind": "budget"},
        {
            "department": "shanghai/putuo/shangwuwei",
            "year": 2025,
            "kind": "budget",
            "scope": "unit",
            "budget_unit": {"name": "上海市普陀区商务委员会", "slug": "benji"},
        },
        {
            "department": "hebei/xingtai/pingxiang/xinfangju",
            "year": 2023,
            "kind": "project-evaluation",
            "project": {"name": "信访工作经费", "slug": "xinfang-jingfei"},
        },
        {"department": "shanghai/putuo/caizhengju", "year": 2024, "kind": "final-accounts", "covers": ["three-public"]},
    ]
    assert shown == [m.document_address(m.Document.model_validate(base | d)) for d in documents]
