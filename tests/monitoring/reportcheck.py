"""Checks of report files shared by the in-process and the real-worker tests."""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import load_workbook


def assert_valid_pdf(content: bytes) -> None:
    """A structural check without a PDF library: header, trailer, and every xref offset points at
    the object it names."""
    assert content.startswith(b"%PDF-1.")
    assert content.rstrip().endswith(b"%%EOF")
    startxref = int(re.findall(rb"startxref\s+(\d+)", content)[-1])
    assert content[startxref : startxref + 4] == b"xref"
    header = re.match(rb"xref\s+(\d+)\s+(\d+)\s+", content[startxref:])
    assert header
    first, count = int(header[1]), int(header[2])
    entries = content[startxref + header.end() :].split(b"\n")[:count]
    for number, entry in enumerate(entries, start=first):
        offset, _generation, kind = entry.split()[:3]
        if kind == b"n":
            assert re.match(rb"%d 0 obj" % number, content[int(offset) : int(offset) + 20]), number


def tidy_rows(content: bytes) -> dict[str, dict[str, object]]:
    workbook = load_workbook(io.BytesIO(content), data_only=True)
    sheet = workbook["Gegevens"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return {row[header.index("indicator")]: dict(zip(header, row, strict=True)) for row in rows[1:]}


def number(value: object) -> Decimal:
    return Decimal(str(value))
