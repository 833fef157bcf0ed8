"""A worksheet written and read back gives the same decisions, in CSV and in XLSX."""

from __future__ import annotations

import itertools
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspectorate.core.cdi.decisions import decision_problems
from inspectorate.core.cdi.types import QUESTION_NAMES, Answer, Decision
from inspectorate.core.cdi.worksheet import (
    COLUMNS,
    ImportedRow,
    WorksheetRow,
    crimes_text,
    plan_import,
    read_worksheet,
    write_csv,
    write_xlsx,
)
from inspectorate.core.sheets.tables import cell_text

AUDIT = "cdi-2024-wy"
CHOICES = (None, Answer.YES, Answer.NO, Answer.NOT_APPLICABLE)
POSSIBLE = [a for a in itertools.product(CHOICES, repeat=5) if not decision_problems(Decision(*a))]
WRITERS = {"csv": write_csv, "xlsx": write_xlsx}


def make_rows(decisions: list[Decision]) -> list[WorksheetRow]:
    return [
        WorksheetRow(
            number=number,
            incident_id=f"INC-{number:04d}",
            stratum="violence-against-the-person/999",
            opened_at="2024-01-03T10:15:00",
            route="999",
            incident_offence_group=None if number % 2 else "violence-without-injury",
            crimes=f"CR-{number} (2024-01-04, violence-without-injury)",
            decision=decision,
            revision=number % 3,
        )
        for number, decision in enumerate(decisions, start=1)
    ]


def known_for(rows: list[WorksheetRow]) -> dict[str, tuple[int, int]]:
    return {row.incident_id: (row.number, row.revision) for row in rows}


def round_trip(folder: Path, fmt: str, rows: list[WorksheetRow]) -> list[ImportedRow]:
    path = folder / f"worksheet.{fmt}"
    WRITERS[fmt](path, AUDIT, rows)
    return read_worksheet(path, AUDIT, known_for(rows))


def decisions(notes: st.SearchStrategy[str]) -> st.SearchStrategy[Decision]:
    return st.builds(lambda answers, note: Decision(*answers, note=note), st.sampled_from(POSSIBLE), notes)


NOTE_PIECES = st.sampled_from([",", '"', '""', "\n", "\r\n", "'", ";", "=SUM(A1)", "é", "💷", "北", " "])
ANY_NOTE = st.lists(st.text() | NOTE_PIECES, max_size=4).map("".join)
# XML cannot hold most control characters, and XLSX stores line ends as LF: see the tests below for both.
XLSX_NOTE = st.lists(
    st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"))
    | NOTE_PIECES.filter(lambda piece: "\r" not in piece),
    max_size=4,
).map("".join)
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@EXAMPLES
@given(st.lists(decisions(ANY_NOTE), min_size=1, max_size=6))
def test_csv_round_trip_keeps_every_decision_and_note(
    tmp_path_factory: pytest.TempPathFactory, written: list[Decision]
) -> None:
    rows = make_rows(written)
    imported = round_trip(tmp_path_factory.mktemp("csv"), "csv", rows)
    assert [(r.incident_id, r.decision, r.revision) for r in imported] == [
        (r.incident_id, r.decision, r.revision) for r in rows
    ]


@EXAMPLES
@given(st.lists(decisions(XLSX_NOTE), min_size=1, max_size=6))
def test_xlsx_round_trip_keeps_every_decision_and_note(
    tmp_path_factory: pytest.TempPathFactory, written: list[Decision]
) -> None:
    rows = make_rows(written)
    imported = round_trip(tmp_path_factory.mktemp("xlsx"), "xlsx", rows)
    assert [(r.incident_id, r.decision, r.revision) for r in imported] == [
        (r.incident_id, r.decision, r.revision) for r in rows
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_rows_read_back_from_the_line_after_the_header(tmp_path: Path, fmt: str) -> None:
    rows = make_rows([Decision(note="first\nsecond line"), Decision(Answer.NO, Answer.NO)])
    imported = round_trip(tmp_path, fmt, rows)
    # The first row's note spans two lines, so in CSV the second row starts on line 4.
    assert [r.line for r in imported] == ([2, 4] if fmt == "csv" else [2, 3])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_worksheet_with_no_rows_reads_as_no_rows(tmp_path: Path, fmt: str) -> None:
    assert round_trip(tmp_path, fmt, []) == []


def test_what_xlsx_alters_in_a_note_is_not_a_change(tmp_path: Path) -> None:
    """A browser sends CRLF and a note may hold a control character; XLSX keeps neither."""
    stored = Decision(Answer.NO, Answer.NO, note="line one\r\nline two\x0b\ufffe ")
    rows = make_rows([stored])
    imported = round_trip(tmp_path, "xlsx", rows)
    assert imported[0].decision.note == "line one\nline two "
    plan = plan_import(imported, {rows[0].incident_id: (stored, rows[0].revision)}, "worksheet.xlsx")
    assert (plan.changes, plan.unchanged) == ((), (rows[0].incident_id,))


@pytest.mark.parametrize(("written", "read"), [("csv", "xlsx"), ("xlsx", "csv")])
def test_the_format_is_told_by_content_not_by_name(tmp_path: Path, written: str, read: str) -> None:
    rows = make_rows([Decision(Answer.YES, Answer.NO, note="named wrongly")])
    path = tmp_path / f"worksheet.{read}"
    WRITERS[written](path, AUDIT, rows)
    assert read_worksheet(path, AUDIT, known_for(rows))[0].decision == rows[0].decision


def test_the_csv_has_the_columns_in_order_and_the_answers_as_words(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    write_csv(path, AUDIT, make_rows([Decision(Answer.YES, Answer.YES, Answer.NO, Answer.YES, None, "x")]))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert lines[0].split(",")[8:13] == list(QUESTION_NAMES)
    assert lines[1] == (
        "cdi-2024-wy,1,INC-0001,violence-against-the-person/999,2024-01-03T10:15:00,999,,"
        '"CR-1 (2024-01-04, violence-without-injury)",yes,yes,no,yes,,x,1'
    )


def test_the_xlsx_guides_the_auditor(tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    write_xlsx(path, AUDIT, make_rows([Decision(note="=1+1"), Decision()]))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["worksheet", "questions"]
    sheet = book["worksheet"]
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]] == list(COLUMNS)
    # A note that looks like a formula stays text.
    assert sheet.cell(row=2, column=COLUMNS.index("note") + 1).data_type == "s"
    # should_record and recorded are never n/a, so their drop-down does not offer it.
    lists = {
        v.formula1: {str(r).split(":")[0].rstrip("0123456789") for r in v.sqref.ranges}
        for v in sheet.data_validations.dataValidation
    }

    def letters(*names: str) -> set[str]:
        return {openpyxl.utils.get_column_letter(COLUMNS.index(n) + 1) for n in names}

    assert lists == {
        '"yes,no"': letters("should_record", "recorded"),
        '"yes,no,n/a"': letters("correctly_classified", "within_24h", "cancellation_correct"),
    }
    grey = {
        name for name, cell in zip(COLUMNS, sheet[2], strict=True) if cell.fill.fgColor.rgb.endswith("E7E6E6")
    }
    assert grey == set(COLUMNS) - {*QUESTION_NAMES, "note"}
    yellow = {
        name for name, cell in zip(COLUMNS, sheet[1], strict=True) if cell.fill.fgColor.rgb.endswith("FFF2CC")
    }
    assert yellow == {*QUESTION_NAMES, "note"}
    assert all(sheet.column_dimensions[c].width >= 10 for c in "ABCDEFGHIJKLMNO")
    guide = [row for row in book["questions"].iter_rows(values_only=True) if row and row[0] in COLUMNS]
    assert [row[0] for row in guide] == list(COLUMNS)
    assert all(row[2] for row in guide)
    assert guide[COLUMNS.index("should_record")][2].startswith("Should a crime have been recorded?")


def test_an_auditor_typing_in_excel_is_understood(tmp_path: Path) -> None:
    """Capitals, stray spaces and numbers Excel stores as floats all read as the auditor meant."""
    path = tmp_path / "w.xlsx"
    rows = make_rows([Decision(), Decision(), Decision()])
    write_xlsx(path, AUDIT, rows)
    book = openpyxl.load_workbook(path)
    sheet = book["worksheet"]
    col = {name: index for index, name in enumerate(COLUMNS, start=1)}
    typed = [("Yes", " no ", "N/A", "n/a", ""), ("NO", "no", "", "na", "Y"), ("", "", "", "", "")]
    for row_number, answers in enumerate(typed, start=2):
        for name, text in zip(QUESTION_NAMES, answers, strict=True):
            sheet.cell(row=row_number, column=col[name]).value = text or None
    sheet.cell(row=2, column=col["note"]).value = "Typed in Excel, with a comma"
    sheet.cell(row=3, column=col["number"]).value = 2.0
    sheet.cell(row=3, column=col["revision"]).value = 2.0
    book.save(path)
    imported = read_worksheet(path, AUDIT, known_for(rows))
    yes, no, na = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE
    assert [r.decision for r in imported] == [
        Decision(yes, no, na, na, None, "Typed in Excel, with a comma"),
        Decision(no, no, None, na, yes),
        Decision(),
    ]
    assert [r.line for r in imported] == [2, 3, 4]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (2.0, "2"),
        (2.5, "2.5"),
        (7, "7"),
        (datetime(2024, 1, 3, 10, 15), "2024-01-03 10:15:00"),
        (" x ", " x "),
    ],
)
def test_a_cell_reads_as_the_auditor_sees_it(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_the_crimes_recorded_read_on_one_line() -> None:
    crimes = (("C1", "2021-01-03", "theft"), ("C2", "2021-01-04", None), ("C3", None, None))
    assert crimes_text(crimes) == "C1 (2021-01-03, theft); C2 (2021-01-04); C3"
    assert crimes_text([]) == ""
