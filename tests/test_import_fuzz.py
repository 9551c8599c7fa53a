"""Damaged PDFs and workbooks: reading either succeeds or says why in Chinese; never a traceback or a hang."""

from __future__ import annotations

import io
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pubgen.importers import ImportFailed, ImportedDocument, UnexpectedFailure
from pubgen.importers.reading import read_bytes

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TIME_LIMIT = 30
"""Seconds one damaged file may take before the test calls it a hang."""


@contextmanager
def _no_hang(seconds: int) -> Iterator[None]:
    def stop(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"reading took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _small_pdf() -> bytes:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(orientation="L")
    if FONT.exists():
        pdf.add_font("cjk", fname=str(FONT), collection_font_number=0)
        pdf.set_font("cjk", size=10)
        title = "2025年部门收入预算总表"
    else:
        pdf.set_font("helvetica", size=10)
        title = "Income table"
    pdf.add_page()
    pdf.set_xy(20, 10)
    pdf.cell(200, 8, title)
    for row in range(4):
        for col in range(3):
            pdf.rect(20 + col * 40, 30 + row * 8, 40, 8)
            pdf.set_xy(20 + col * 40, 30 + row * 8)
            pdf.cell(40, 8, f"{row * 100 + col},000.00" if col else "201")
    pdf.set_compression(False)
    return bytes(pdf.output())


def _small_workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "部门收入总表"
    sheet["A1"] = "2026年部门收入预算总表"
    sheet.merge_cells("A1:C1")
    sheet["A2"] = "编制部门：测试局"
    sheet["C2"] = "单位：元"
    sheet["A3"] = "科目编码"
    sheet["B3"] = "科目名称"
    sheet["C3"] = "合计"
    sheet["A4"] = 201
    sheet["B4"] = "一般公共服务支出"
    sheet["C4"] = 1486.42
    sheet["C4"].number_format = "#,##0.00"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PDF = _small_pdf()
WORKBOOK = _small_workbook()


def _read(name: str, data: bytes) -> None:
    with _no_hang(TIME_LIMIT):
        try:
            result = read_bytes(name, data)
        except ImportFailed as error:
            # The last guard turns a bug into a message; the tests want no bug at all.
            assert not isinstance(error, UnexpectedFailure), repr(error.__cause__)
            message = error.format_message()
            assert message.startswith(name) and len(message) > len(name) + 4
            return
    assert isinstance(result, ImportedDocument)


def _damage(data: bytes, cut: int | None, flips: list[tuple[int, int]], insert: tuple[int, bytes] | None) -> bytes:
    damaged = bytearray(data)
    for position, value in flips:
        damaged[position % len(damaged)] = value
    if insert is not None:
        position, extra = insert
        damaged[position % len(damaged) : position % len(damaged)] = extra
    if cut is not None:
        damaged = damaged[: cut % (len(damaged) + 1)]
    return bytes(damaged)


_damages = st.tuples(
    st.one_of(st.none(), st.integers(min_value=0)),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=12),
    st.one_of(st.none(), st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=64))),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_damages)
def test_damaged_pdfs(damage: tuple[int | None, list[tuple[int, int]], tuple[int, bytes] | None]) -> None:
    _read("损坏 的.pdf", _damage(PDF, *damage))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_damages)
def test_damaged_workbooks(damage: tuple[int | None, list[tuple[int, int]], tuple[int, bytes] | None]) -> None:
    _read("损坏 的.xlsx", _damage(WORKBOOK, *damage))


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=2048), st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]))
def test_arbitrary_bytes(data: bytes, head: bytes) -> None:
    _read("随机.bin", head + data)


def test_undamaged_inputs_read() -> None:
    for name, data in (("ok.pdf", PDF), ("ok.xlsx", WORKBOOK)):
        with _no_hang(TIME_LIMIT):
            document = read_bytes(name, data)
        assert document.tables


def test_workbook_with_an_impossible_zip_version() -> None:
    damaged = bytearray(WORKBOOK)
    central = damaged.find(b"PK\x01\x02")
    damaged[central + 6] = 238  # "needs zip version 23.8 to extract"
    _read("版本.xlsx", bytes(damaged))
