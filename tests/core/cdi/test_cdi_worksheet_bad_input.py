"""Bad worksheets: every problem reported at once, each one line naming the file, line and column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from inspectorate.core.cdi.types import QUESTION_NAMES
from inspectorate.core.cdi.worksheet import COLUMNS, ImportedRow, read_worksheet
from inspectorate.core.problems import ProblemsError

AUDIT = "cdi-2024-wy"
KNOWN = {"INC-1": (1, 0), "INC-2": (2, 3), "INC-3": (3, 1)}
HEADER = ",".join(COLUMNS)
Located = tuple[str, int | None, str, str]


def row(**values: str) -> dict[str, str]:
    """A good row for INC-1 (a crime missed), with some columns replaced."""
    base = dict.fromkeys(COLUMNS, "")
    base |= {"audit": AUDIT, "number": "1", "incident_id": "INC-1", "stratum": "other/101", "route": "101"}
    base |= {"should_record": "yes", "recorded": "no", "revision": "0"}
    return base | values


def csv_text(*rows: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([r[name] for name in COLUMNS] for r in rows)
    return out.getvalue()


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def problems(path: Path, **kwargs: str) -> list[Located]:
    with pytest.raises(ProblemsError) as caught:
        read_worksheet(path, AUDIT, KNOWN, **kwargs)
    found = caught.value.problems
    # One line per problem, each starting with where it is.
    assert str(caught.value).splitlines() == [str(p) for p in found]
    return [(p.file, p.line, p.path, p.message) for p in found]


def read_csv(folder: Path, *rows: dict[str, str]) -> list[ImportedRow]:
    return read_worksheet(write(folder, "w.csv", csv_text(*rows)), AUDIT, KNOWN)


def test_a_good_row_reads(tmp_path: Path) -> None:
    (imported,) = read_csv(tmp_path, row())
    assert (imported.line, imported.incident_id, imported.revision) == (2, "INC-1", 0)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (COLUMNS[:-1], [("revision", "column missing from the header")]),
        ((*COLUMNS, "comments"), [("comments", "not a worksheet column")]),
        (
            tuple("Note" if c == "note" else c for c in COLUMNS),
            [("note", "column missing from the header"), ("Note", "not a worksheet column")],
        ),
        ((*COLUMNS, "note"), [("note", "appears twice in the header")]),
        (
            (COLUMNS[1], COLUMNS[0], *COLUMNS[2:]),
            [("number", "is column 1, where audit should be")],
        ),
    ],
    ids=["missing", "extra", "renamed", "twice", "moved"],
)
def test_a_wrong_header_names_the_column(
    tmp_path: Path, header: tuple[str, ...], expected: list[tuple[str, str]]
) -> None:
    path = write(tmp_path, "w.csv", ",".join(header) + "\n" + csv_text(row()).splitlines()[1] + "\n")
    assert problems(path) == sorted(("w.csv", 1, field, message) for field, message in expected)


def test_a_file_that_is_not_a_worksheet_gets_one_line_not_one_per_column(tmp_path: Path) -> None:
    path = write(tmp_path, "w.csv", "incident,crime,outcome\nI1,C1,1\n")
    assert problems(path) == [
        (
            "w.csv",
            1,
            "header",
            "not an audit worksheet: its header should start audit,number,incident_id,stratum,...",
        )
    ]


def test_an_empty_file_is_refused_and_a_header_alone_is_no_rows(tmp_path: Path) -> None:
    assert problems(write(tmp_path, "w.csv", b"")) == [
        ("w.csv", None, "", f"is empty: the first line must be {HEADER}")
    ]
    assert read_worksheet(write(tmp_path, "h.csv", HEADER + "\r\n"), AUDIT, KNOWN) == []


def test_a_latin_1_csv_is_refused_at_each_bad_byte(tmp_path: Path) -> None:
    text = csv_text(row(note="café"), row(incident_id="INC-2", number="2", revision="3", note="naïve, £5"))
    message = "is not UTF-8 text (byte 0x{:02X}): save the worksheet as CSV UTF-8"
    assert problems(write(tmp_path, "w.csv", text.encode("latin-1"))) == [
        ("w.csv", 2, "note", message.format(0xE9)),
        ("w.csv", 3, "note", message.format(0xEF)),
    ]


def test_blank_lines_and_rows_of_empty_fields_are_skipped(tmp_path: Path) -> None:
    """Excel saves rows it once formatted as a line of commas; they are not rows for the import."""
    good, third = csv_text(row()), csv_text(row(incident_id="INC-3", number="3", revision="1"))
    text = good + "\n" + "," * (len(COLUMNS) - 1) + "\n" + third.split("\n", 1)[1]
    imported = read_worksheet(write(tmp_path, "w.csv", text), AUDIT, KNOWN)
    assert [(r.line, r.incident_id) for r in imported] == [(2, "INC-1"), (5, "INC-3")]


def test_excel_csv_utf_8_with_a_byte_order_mark_reads(tmp_path: Path) -> None:
    path = write(tmp_path, "w.csv", "\ufeff" + csv_text(row(note="café")).replace("\n", "\r\n"))
    assert read_worksheet(path, AUDIT, KNOWN)[0].decision.note == "café"


def test_a_truncated_csv_names_the_first_missing_column(tmp_path: Path) -> None:
    text = csv_text(row(), row(incident_id="INC-2", number="2", revision="3"))
    cut = text[: text.rindex(",yes,no,")] + ",yes"  # the download stopped inside the last row
    assert problems(write(tmp_path, "w.csv", cut)) == [
        ("w.csv", 3, "recorded", f"missing: the row has 9 fields of {len(COLUMNS)}; it is cut short")
    ]


def test_a_row_with_fields_beyond_the_last_column_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "w.csv", csv_text(row()).rstrip("\n") + ",extra\n")
    assert problems(path) == [("w.csv", 2, "", "has fields beyond the last column (16, the header has 15)")]


def test_every_bad_row_is_reported_together(tmp_path: Path) -> None:
    text = csv_text(
        row(audit="cdi-2023-wy"),
        row(incident_id="INC-99", number="9"),
        row(incident_id="INC-2", number="3", revision="3"),
        row(incident_id="INC-3", number="3", revision="1", within_24h="maybe"),
        row(incident_id="", number="4"),
    )
    assert problems(write(tmp_path, "w.csv", text)) == [
        ("w.csv", 2, "audit", "is 'cdi-2023-wy', a row for a different audit (this one is 'cdi-2024-wy')"),
        ("w.csv", 3, "incident_id", "'INC-99' is not in this audit's sample"),
        ("w.csv", 4, "number", "is 3, but 'INC-2' is number 2 in this audit"),
        ("w.csv", 5, "within_24h", "'maybe' is not an answer: use yes, no or n/a"),
        ("w.csv", 6, "incident_id", "missing"),
    ]


def test_a_duplicate_row_names_both_lines(tmp_path: Path) -> None:
    text = csv_text(row(), row(incident_id="INC-3", number="3", revision="1"), row(note="again"))
    assert problems(write(tmp_path, "w.csv", text)) == [
        ("w.csv", 4, "incident_id", "'INC-1' appears twice: first on line 2")
    ]


def test_impossible_answers_are_named_by_column(tmp_path: Path) -> None:
    text = csv_text(
        row(should_record="n/a"),
        row(incident_id="INC-2", number="2", revision="3", recorded="yes", correctly_classified="n/a"),
        row(incident_id="INC-3", number="3", revision="1", should_record="", recorded="", within_24h="no"),
    )
    assert problems(write(tmp_path, "w.csv", text)) == [
        (
            "w.csv",
            2,
            "should_record",
            "must be yes or no: every incident should or should not have been a crime",
        ),
        (
            "w.csv",
            3,
            "correctly_classified",
            "must be yes or no when a crime should have been and was recorded",
        ),
        ("w.csv", 3, "within_24h", "must be yes or no when a crime should have been and was recorded"),
        ("w.csv", 4, "should_record", "missing, but within_24h answered: answer it first"),
    ]


@pytest.mark.parametrize("revision", ["-1", "x", "", "1.5", "one"])
def test_a_revision_must_be_a_whole_number(tmp_path: Path, revision: str) -> None:
    assert problems(write(tmp_path, "w.csv", csv_text(row(revision=revision)))) == [
        ("w.csv", 2, "revision", f"must be a whole number 0 or more, not {revision!r}")
    ]


def test_a_revision_ahead_of_the_platform_is_refused(tmp_path: Path) -> None:
    assert problems(write(tmp_path, "w.csv", csv_text(row(revision="4")))) == [
        ("w.csv", 2, "revision", "is 4, ahead of the platform's 0: leave it as exported")
    ]


def test_a_number_must_be_a_whole_number(tmp_path: Path) -> None:
    assert problems(write(tmp_path, "w.csv", csv_text(row(number="first")))) == [
        ("w.csv", 2, "number", "must be a whole number, not 'first'")
    ]


def test_problems_name_the_file_as_the_user_called_it(tmp_path: Path) -> None:
    path = write(tmp_path, "upload-3f2a.tmp", csv_text(row(audit="other")))
    assert [p[0] for p in problems(path, source_name="my worksheet.csv")] == ["my worksheet.csv"]


def xlsx_with(folder: Path, edits: dict[tuple[int, str], object]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "worksheet"
    sheet.append(list(COLUMNS))
    for values in (row(), row(incident_id="INC-2", number="2", revision="3")):
        sheet.append([values[name] or None for name in COLUMNS])
    for (row_number, name), value in edits.items():
        sheet.cell(row=row_number, column=COLUMNS.index(name) + 1).value = value
    path = folder / "w.xlsx"
    book.save(path)
    return path


def test_xlsx_problems_give_the_spreadsheet_row_and_column_name(tmp_path: Path) -> None:
    edits: dict[tuple[int, str], object] = {
        (3, "within_24h"): "soon",
        (3, "revision"): -2,
        (5, "incident_id"): "INC-1",
    }
    assert problems(xlsx_with(tmp_path, edits)) == [
        ("w.xlsx", 3, "revision", "must be a whole number 0 or more, not '-2'"),
        ("w.xlsx", 3, "within_24h", "'soon' is not an answer: use yes, no or n/a"),
        ("w.xlsx", 5, "audit", "missing: every row carries the audit's code, 'cdi-2024-wy'"),
        ("w.xlsx", 5, "incident_id", "'INC-1' appears twice: first on row 2"),
        ("w.xlsx", 5, "number", "must be a whole number, not ''"),
        ("w.xlsx", 5, "revision", "must be a whole number 0 or more, not ''"),
    ]


def test_an_xlsx_header_is_checked_like_a_csv_one(tmp_path: Path) -> None:
    path = xlsx_with(tmp_path, {(1, QUESTION_NAMES[1]): "was it recorded"})
    assert problems(path) == [
        ("w.xlsx", 1, "recorded", "column missing from the header"),
        ("w.xlsx", 1, "was it recorded", "not a worksheet column"),
    ]


def test_an_xlsx_value_beyond_the_last_column_is_refused(tmp_path: Path) -> None:
    path = xlsx_with(tmp_path, {})
    book = openpyxl.load_workbook(path)
    book["worksheet"].cell(row=2, column=len(COLUMNS) + 2).value = "stray"
    book.save(path)
    assert problems(path) == [("w.xlsx", 2, "", "has values beyond the last column (17, the header has 15)")]


def test_an_empty_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    openpyxl.Workbook().save(path)
    assert problems(path) == [("w.xlsx", None, "", f"is empty: the first line must be {HEADER}")]


def test_an_old_xls_or_a_broken_zip_is_refused_in_one_line(tmp_path: Path) -> None:
    xls = write(tmp_path, "w.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert problems(xls) == [("w.xls", None, "", "is an old .xls workbook: save it as .xlsx or CSV UTF-8")]
    ((file, line, field, message),) = problems(write(tmp_path, "w.xlsx", b"PK\x03\x04 not really a zip"))
    assert (file, line, field) == ("w.xlsx", None, "")
    assert message.startswith("is not a readable XLSX workbook (")


def test_another_audits_worksheet_is_one_line_not_two_per_row(tmp_path: Path) -> None:
    other = [row(audit="cdi-2023-kent", number=str(n), incident_id=f"K-{n}") for n in range(1, 40)]
    assert problems(write(tmp_path, "kent.csv", csv_text(*other))) == [
        ("kent.csv", None, "audit", f"is the worksheet of cdi-2023-kent, not of {AUDIT}")
    ]


def test_a_file_that_is_not_text_at_all_is_one_line(tmp_path: Path) -> None:
    # Bytes that are not UTF-8 on every line (a binary file, or a CSV saved in another encoding).
    content = (HEADER + "\n").encode() + b"".join(b"\xff\xfe,\xe9\n" for _ in range(40))
    ((file, line, column, message),) = problems(write(tmp_path, "photo.csv", content))
    assert (file, line, column) == ("photo.csv", 2, "audit")
    assert (
        message
        == "is not UTF-8 text (byte 0xFF): save the worksheet as CSV UTF-8 (and 79 more places like it)"
    )
