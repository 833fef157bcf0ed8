"""Upload forms refuse a workbook that would unpack far beyond its size, before any view reads it."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from inspectorate.web.audits.forms import WorksheetUploadForm
from inspectorate.web.reviews.forms import AnswerSheetUploadForm


def bomb() -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet,
    ):
        for _ in range(700):
            sheet.write(b"<row><c><v>1</v></c></row>" * 2_000)
    return out.getvalue()


def test_a_zip_bomb_worksheet_is_refused_by_the_upload_form() -> None:
    form = WorksheetUploadForm(files={"worksheet": SimpleUploadedFile("w.xlsx", bomb())})
    assert not form.is_valid()
    assert form.errors["worksheet"] == [
        "w.xlsx: xl/worksheets/sheet1.xml: the workbook unpacks to more than 32 MB: save a smaller one"
    ]


def test_a_zip_bomb_answer_sheet_is_refused_by_the_upload_form() -> None:
    form = AnswerSheetUploadForm(files={"sheet": SimpleUploadedFile("a.xlsx", bomb())})
    assert not form.is_valid()
    assert "the workbook unpacks to more than 32 MB" in form.errors["sheet"][0]


def test_a_csv_named_xlsx_is_left_to_the_reader() -> None:
    form = WorksheetUploadForm(files={"worksheet": SimpleUploadedFile("w.xlsx", b"audit,number\n")})
    assert form.is_valid(), form.errors
