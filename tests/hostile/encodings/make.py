"""The same small document in the encodings editors' tools produce, and broken bytes."""

from __future__ import annotations

from pathlib import Path

TEXT = """\
department: hebei/xingtai/pingxiang/xinfangju
year: {year}
kind: budget
title: 平乡县信访局{year}年部门预算
body:
  - type: text
    text: 中文正文。
"""


def make(project: Path, outside: Path) -> None:
    folder = project / "content/documents/hebei/xingtai/pingxiang/xinfangju"

    def write(year: int, data: bytes) -> None:
        (folder / f"{year}-budget.yml").write_bytes(data)

    write(2022, TEXT.format(year=2022).encode("gbk"))
    write(2023, TEXT.format(year=2023).encode("utf-16"))  # with a byte-order mark
    write(2024, TEXT.format(year=2024).encode("utf-16-be"))  # without one
    write(2025, b"\xef\xbb\xbf" + TEXT.format(year=2025).encode("utf-8"))  # UTF-8 with a BOM reads normally
    write(2026, TEXT.format(year=2026).encode("utf-8").replace("年部门".encode(), b"\xc3\x28"))
    write(2027, TEXT.format(year=2027).encode("utf-8").replace("部门".encode(), b"\x00\x00"))
    write(2028, TEXT.format(year=2028).encode("utf-32"))
    write(2029, TEXT.format(year=2029).replace("平乡县信访局2029年部门预算", "Budget 2029").replace("中文正文。", "café crème.").encode("cp1252"))
