"""The cells of the national tables and the workbooks that hold them."""

import math
from datetime import date, datetime

import openpyxl
import pytest

from inspectorate.core.national import workbook as workbook_module
from inspectorate.core.national.cells import Cell, CellError, as_date, clean_label, is_blank, read_number
from inspectorate.core.national.figures import Status
from inspectorate.core.national.workbook import Workbook
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
