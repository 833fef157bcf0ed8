"""Hostile tables: a workbook that unpacks to gigabytes, a cell placed a million rows down, a CSV of
endless fields. Each is refused in one located line, a workbook before any of it is parsed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from inspectorate.core.casereview.sheets import read_workbook
from inspectorate.core.cdi.worksheet import COLUMNS, read_worksheet
from inspectorate.core.problems import ProblemsError
from inspectorate.core.sheets import limits
from inspectorate.core.sheets.tables import read_table

SHEET_XML = "xl/worksheets/sheet1.xml"
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_END = b"</sheetData></worksheet>"


def small_workbook(title: str = "worksheet") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(list(COLUMNS))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet(workbook: bytes, chunks: list[bytes], repeat: int = 1) -> bytes:
    """``workbook`` with its first sheet's XML replaced by ``chunks``, the middle one ``repeat`` times,
    written in a stream so that the test never holds the unpacked sheet."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            if member.filename != SHEET_XML:
                target.writestr(member, source.read(member))
        with target.open(SHEET_XML, "w", force_zip64=True) as sheet:
            sheet.write(chunks[0])
            for _ in range(repeat):
                sheet.write(chunks[1])
            sheet.write(chunks[2])
    return out.getvalue()


def zip_bomb() -> bytes:
    """Well under the 5 MB upload limit, unpacking to 120 MB of cells (rows without a number follow on)."""
    rows = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 1_000
    return with_sheet(small_workbook(), [SHEET_START, rows, SHEET_END], repeat=2_400)


def problem_lines(error: pytest.ExceptionInfo[ProblemsError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


def test_a_zip_bomb_worksheet_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = zip_bomb()
    assert len(bomb) < limits.MAX_FILE_BYTES
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb)
    with pytest.raises(ProblemsError) as caught:
        read_worksheet(path, "cdi-2024-wy", {})
    assert problem_lines(caught) == [
        f"bomb.xlsx: {SHEET_XML}: the workbook unpacks to more than 32 MB: save a smaller one"
    ]


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "vsa.xlsx"
    path.write_bytes(zip_bomb())
    with pytest.raises(ProblemsError, match=r"^vsa\.xlsx: xl/worksheets/sheet1\.xml: the workbook unpacks"):
        read_workbook(path)


def test_a_member_packed_far_tighter_than_a_spreadsheet_is_refused() -> None:
    filler = b"<!--" + b"x" * 4_000_000 + b"-->"
    workbook = with_sheet(small_workbook(), [SHEET_START, filler, SHEET_END])
    with pytest.raises(ProblemsError) as caught:
        read_table_bytes(workbook)
    (line,) = problem_lines(caught)
    assert line.startswith(f"w.xlsx: {SHEET_XML}: packed ")
    assert line.endswith("more than the 100 to 1 a spreadsheet needs: not a workbook the platform reads")


def test_a_member_needing_a_newer_zip_version_is_one_line() -> None:
    # Found by scripts/fuzz: zipfile raises NotImplementedError for "version needed to extract" 6.4.
    workbook = bytearray(small_workbook())
    entry = workbook.index(b"PK\x01\x02")  # the first central directory entry
    workbook[entry + 6 : entry + 8] = (64).to_bytes(2, "little")
    with pytest.raises(ProblemsError) as caught:
        read_table_bytes(bytes(workbook))
    (line,) = problem_lines(caught)
    assert line.startswith("w.xlsx: is not a readable XLSX workbook (not a zip archive: zip file version 6.4")


def read_table_bytes(content: bytes, name: str = "w.xlsx") -> list[tuple[int, list[str]]]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        return read_table(path, name, COLUMNS, "worksheet").rows


def test_a_cell_a_million_rows_down_is_refused_at_the_row_limit() -> None:
    cells = b'<row r="1"><c r="A1" t="inlineStr"><is><t>audit</t></is></c></row>'
    far = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    workbook = with_sheet(small_workbook(), [SHEET_START + cells, far, SHEET_END])
    with pytest.raises(ProblemsError) as caught:
        read_table_bytes(workbook)
    assert problem_lines(caught) == ["w.xlsx:100001: worksheet sheet: has more than 100,000 rows"]


def test_a_cell_in_the_last_column_is_refused_at_the_column_limit() -> None:
    cell = b'<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
    workbook = with_sheet(small_workbook(), [SHEET_START, cell, SHEET_END])
    with pytest.raises(ProblemsError) as caught:
        read_table_bytes(workbook)
    assert problem_lines(caught) == ["w.xlsx:2: worksheet sheet: has more than 1,000 columns"]


def test_a_declared_size_is_not_taken_on_trust() -> None:
    """A sheet claiming every row and column Excel allows is read for the cells it has."""
    start = SHEET_START.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
    cells = b'<row r="1"><c r="A1" t="inlineStr"><is><t>audit</t></is></c></row>'
    workbook = with_sheet(small_workbook(), [start, cells, SHEET_END])
    assert read_table_bytes(workbook) == [(1, ["audit"])]


def test_entities_in_a_sheet_are_refused_by_the_parser() -> None:
    """openpyxl parses with defusedxml: a "billion laughs" sheet is not expanded."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    cells = b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row>'
    workbook = with_sheet(small_workbook(), [laughs, cells, SHEET_END])
    with pytest.raises(ProblemsError) as caught:
        read_table_bytes(workbook)
    assert problem_lines(caught) == [
        "w.xlsx: is not a readable XLSX workbook "
        "(EntitiesForbidden(name='lol', system_id=None, public_id=None))"
    ]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"audit\n" + b"x\n" * (limits.MAX_FILE_BYTES // 2))
    with pytest.raises(ProblemsError) as caught:
        read_table(path, "big.csv", COLUMNS, "worksheet")
    assert problem_lines(caught) == ["big.csv: is 5.0 MB: files of more than 5 MB are not read"]


def test_a_csv_of_endless_fields_is_refused_at_the_column_limit() -> None:
    content = b"audit\n" + b"," * 100_000 + b"\n"
    with pytest.raises(ProblemsError) as caught:
        read_table_bytes(content, "w.csv")
    assert problem_lines(caught) == ["w.csv:2: has 100,001 fields: at most 1,000 are read"]


def test_a_csv_of_too_many_rows_is_refused_at_the_row_limit() -> None:
    content = b"audit\n" + b"x\n" * limits.MAX_ROWS
    with pytest.raises(ProblemsError) as caught:
        read_table_bytes(content, "w.csv")
    assert problem_lines(caught) == ["w.csv:100001: the file has more than 100,000 rows"]
