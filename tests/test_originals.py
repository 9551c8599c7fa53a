"""The original file offered beside a document is the original: an empty file or a saved error page is not offered."""

from __future__ import annotations

from pathlib import Path

import pytest

from pubgen.provenance import original_of


@pytest.mark.parametrize(
    ("name", "content", "offered"),
    [
        ("2021-budget.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", True),
        ("2021-budget.xlsx", b"PK\x03\x04\x14\x00\x06\x00", True),
        ("2021-budget.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", True),
        # A failed download saved under the file's name: an empty file, a web page, a word.
        ("2021-budget.pdf", b"", False),
        ("2021-budget.pdf", "<html><head><title>403 禁止访问</title>".encode(), False),
        ("2021-budget.pdf", b"hello", False),
        ("2021-budget.xlsx", b"%PDF-1.4\n", False),
    ],
)
def test_only_a_file_that_is_what_its_name_says_is_offered(tmp_path: Path, name: str, content: bytes, offered: bool) -> None:
    source = tmp_path / "2021-budget.yml"
    source.write_text("year: 2021\n", encoding="utf-8")
    (tmp_path / name).write_bytes(content)
    found = original_of(source)
    assert (found is not None) is offered
    if found is not None:
        assert found.path.name == name and found.size == len(content)
