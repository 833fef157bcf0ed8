"""The cells of the national tables and the workbooks that hold them."""

import math
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from inspectorate.core.national import workbook as workbook_module
from inspectorate.core.national.cells import Cell, CellError, as_date, clean_label, is_blank, read_number
from inspectorate.core.national.figures import Status
from inspectorate.core.national.reading import read_national_file
from inspectorate.core.national.workbook import Workbook, sheet_extents
from inspectorate.core.problems import InputError, ProblemsError


@pytest.mark.parametrize(
    ("printed", "label"),
    [
        ("ENGLAND AND WALES9", "ENGLAND AND WALES"),
        ("Avon and Somerset8", "Avon and Somerset"),
        ("Total 43 forces1,2", "Total 43 forces"),
        ("ENGLAND AND WALES (inc. BTP)9", "ENGLAND AND WALES (inc. BTP)"),
        ("  Non-residential \n burglary ", "Non-residential burglary"),
        ("rounded to 100", "rounded to 100"),
        ("London, City of", "London, City of"),
        (2016, "2016"),
    ],
)
def test_clean_label_removes_footnote_marks_and_stray_spaces(printed, label):
    assert clean_label(printed) == label


@pytest.mark.parametrize(
    ("raw", "cell"),
    [
        (66776, Cell(66776.0, Status.VALUE)),
        (12.5, Cell(12.5, Status.VALUE)),
        (" 66776 ", Cell(66776.0, Status.VALUE)),
        ("1,234", Cell(1234.0, Status.VALUE)),
        ("-00", Cell(0.0, Status.VALUE)),
        (" -3 ", Cell(-3.0, Status.VALUE)),
        ("..", Cell(None, Status.NOT_AVAILABLE)),
        ("-", Cell(None, Status.NOT_APPLICABLE)),
        ("\u2013", Cell(None, Status.NOT_APPLICABLE)),
    ],
)
def test_read_number_reads_counts_and_the_tables_marks(raw, cell):
    assert read_number(raw) == cell


def test_minus_zero_is_read_as_plain_zero():
    assert math.copysign(1.0, read_number("-00").value) == 1.0


@pytest.mark.parametrize("raw", ["twelve", "", True, float("nan"), float("inf"), "1e999", "+"])
def test_read_number_refuses_what_is_no_number(raw):
    with pytest.raises(CellError):
        read_number(raw)


def test_blank_and_dates():
    assert is_blank(None) and is_blank("  ") and not is_blank(0)
    assert as_date(datetime(2019, 3, 31, 0, 0)) == date(2019, 3, 31)
    assert as_date(date(2019, 3, 31)) == date(2019, 3, 31)
    assert as_date("31/03/2019") is None


def _book(path, sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_sheet_is_found_without_its_stray_spaces(tmp_path):
    path = _book(tmp_path / "t.xlsx", {"Table P1 ": [["Title"], [None, 3]]})
    book = Workbook(path)
    assert book.has_sheet("Table P1") and book.has_sheet("table p1")
    assert book.rows("Table P1") == [["Title", ""], ["", 3]]


def test_a_missing_sheet_is_one_located_problem_naming_the_sheets(tmp_path):
    path = _book(tmp_path / "t.xlsx", {"Notes": [["x"]]})
    with pytest.raises(ProblemsError) as raised:
        Workbook(path).rows("Table P3")
    assert [str(p) for p in raised.value.problems] == ["t.xlsx: Table P3: no such sheet (sheets: Notes)"]


def test_a_file_that_is_no_workbook_is_refused_in_one_line(tmp_path):
    path = tmp_path / "tables.xlsx"
    path.write_text("Area Code,Area Name\nE23000001,Metropolitan Police\n")
    with pytest.raises(InputError) as raised:
        Workbook(path)
    assert str(raised.value).startswith("tables.xlsx: not an xlsx or ods workbook that can be read")
    assert len(str(raised.value).splitlines()) == 1


def test_a_workbook_too_big_is_refused_before_it_is_opened(tmp_path, monkeypatch):
    path = _book(tmp_path / "t.xlsx", {"Notes": [["x"]]})
    monkeypatch.setattr(workbook_module, "NATIONAL_TABLE_MAX_BYTES", 100)
    with pytest.raises(InputError, match=r"t\.xlsx: is .* more than the"):
        Workbook(path)


# Hostile workbooks: a few kilobytes that would ask calamine for gigabytes ---------------------


def _one_line(raised: pytest.ExceptionInfo[InputError]) -> str:
    message = str(raised.value)
    assert len(message.splitlines()) == 1, message
    return message


def test_a_sheet_reaching_the_last_cell_is_refused_before_it_is_read(tmp_path):
    # Two cells, A1 and XFD1048576: calamine would allocate the 17,179,869,184 cells between them.
    book = openpyxl.Workbook()
    book.active.title = "Table P1"
    book.active["A1"] = "Police force area data tables, year ending March 2019"
    book.active["XFD1048576"] = 1
    path = tmp_path / "sparse.xlsx"
    book.save(path)
    assert path.stat().st_size < 10_000

    with pytest.raises(ProblemsError) as raised:
        Workbook(path).rows("Table P1")
    assert _one_line(raised) == (
        "sparse.xlsx: Table P1: spans 1,048,576 rows by 16,384 columns (17,179,869,184 cells), "
        "more than the 2,000,000 a national table's sheet may have"
    )
    # The reader reached by recognising the file meets the same refusal.
    with pytest.raises(InputError) as read:
        read_national_file(path)
    assert str(read.value) == str(raised.value)


def test_the_extent_is_the_rectangle_calamine_fills(tmp_path):
    path = _book(tmp_path / "t.xlsx", {"Notes": [["x"]], "Table P1": [["a", None, "c"], [], [None, 2]]})
    assert sheet_extents(path) == {"Notes": (1, 1), "Table P1": (3, 3)}


def _ods(path, rows_xml: str):
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Table_1">'
        f"{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


FILLED = '<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'


def test_an_ods_counts_repeated_filled_cells_and_not_repeated_empty_ones(tmp_path, monkeypatch):
    # As LibreOffice writes a sheet: the filled block, then empty cells and rows repeated to the edge.
    empty_tail = (
        '<table:table-cell table:number-columns-repeated="1020"/>'
        '</table:table-row><table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    plain = _ods(tmp_path / "plain.ods", f"<table:table-row>{FILLED * 3}{empty_tail}")
    assert sheet_extents(plain) == {"Table_1": (1, 3)}
    assert Workbook(plain).rows("Table_1") == [[1.0, 1.0, 1.0]]

    block = FILLED.replace("<table:table-cell ", '<table:table-cell table:number-columns-repeated="30" ')
    repeated = _ods(
        tmp_path / "repeated.ods",
        f'<table:table-row table:number-rows-repeated="40">{block}</table:table-row>',
    )
    assert sheet_extents(repeated) == {"Table_1": (40, 30)}
    monkeypatch.setattr(workbook_module, "NATIONAL_SHEET_MAX_CELLS", 1000)
    with pytest.raises(ProblemsError) as raised:
        Workbook(repeated).rows("Table_1")
    assert _one_line(raised) == (
        "repeated.ods: Table_1: spans 40 rows by 30 columns (1,200 cells), "
        "more than the 1,000 a national table's sheet may have"
    )


def _declaring(path, size: int):
    """The zip with every part's uncompressed size in its central directory declared as ``size``."""
    data = bytearray(path.read_bytes())
    place = data.find(b"PK\x01\x02")
    while place != -1:
        data[place + 24 : place + 28] = size.to_bytes(4, "little")
        place = data.find(b"PK\x01\x02", place + 4)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("name", ["bomb.xlsx", "bomb.ods"])
def test_a_zip_that_would_unpack_to_gigabytes_is_refused_before_it_is_opened(tmp_path, name):
    if name.endswith(".ods"):
        path = _ods(tmp_path / name, f"<table:table-row>{FILLED}</table:table-row>")
    else:
        path = _book(tmp_path / name, {"Table P1": [["x"]]})
    _declaring(path, 0xFFFF0000)  # each part says it is 4 GB

    with pytest.raises(InputError) as raised:
        Workbook(path)
    message = _one_line(raised)
    assert message.startswith(f"{name}: unpacks to ")
    assert message.endswith("more than the 1024 MB a national workbook may (a zip bomb, or not a table)")
    with pytest.raises(InputError) as recognised:
        read_national_file(path)
    assert str(recognised.value) == message


def test_a_workbook_whose_xml_declares_a_document_type_is_refused(tmp_path):
    path = _ods(tmp_path / "entities.ods", "")
    content = (
        zipfile.ZipFile(path)
        .read("content.xml")
        .replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>', 1)
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    with pytest.raises(InputError) as raised:
        Workbook(path)
    assert _one_line(raised) == (
        "entities.ods: not an xlsx or ods workbook that can be read "
        "(its XML is damaged: content.xml declares a document type)"
    )
