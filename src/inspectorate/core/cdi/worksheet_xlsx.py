"""The worksheet as an Excel workbook: openpyxl stays here, imported only when a workbook is asked for."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from inspectorate.core.cdi.decisions import ALLOWED_ANSWERS, YES_OR_NO_ONLY
from inspectorate.core.cdi.types import QUESTION_NAMES, QUESTIONS
from inspectorate.core.sheets.workbooks import (
    READ_ONLY,
    choice_rule,
    column_cells,
    embolden,
    write_cell,
    write_header,
)

HELP_SHEET = "questions"
_WIDTHS = {"audit": 12, "incident_id": 16, "stratum": 30, "opened_at": 20, "crimes_recorded": 40, "note": 50}
_LEAVE = "Leave as exported"
_COLUMN_HELP = {
    "audit": f"The audit's code. {_LEAVE}: a row for another audit is refused.",
    "number": f"The record's place in the working order (1 is first). {_LEAVE}.",
    "incident_id": f"The incident's reference in the force's system. {_LEAVE}: rows are matched on it.",
    "stratum": "The cell of the sample the record was drawn from: crime group/route.",
    "opened_at": "When the incident was opened.",
    "route": "How the report reached the force: 999, 101, online or no-call.",
    "incident_offence_group": "The offence group on the incident, if any.",
    "crimes_recorded": "Crimes recorded from the incident: crime id (date recorded, offence group).",
    **{
        name: f"{question} Answer {'yes or no' if name in YES_OR_NO_ONLY else ALLOWED_ANSWERS}; "
        "blank if undecided."
        for name, question in QUESTIONS
    },
    "note": "Why you answered as you did: what the reviewer should know.",
    "revision": f"How many times the decision had been saved at export. {_LEAVE}: it stops an import "
    "overwriting a decision saved since.",
}
_GUIDANCE = (
    "Only the five answers and the note are read back; the grey columns are for reading.",
    "Rows may be sorted or filtered: they are matched on incident_id.",
    "A row left blank never erases a decision already saved in the platform.",
    "correctly_classified and within_24h are n/a unless a crime should have been and was recorded.",
)


def write_workbook(
    path: Path,
    title: str,
    columns: Sequence[str],
    editable: Collection[str],
    rows: Sequence[Sequence[str | int]],
) -> None:
    """The rows on sheet ``title`` (answers picked from drop-downs) and a "questions" guide."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    write_header(sheet, columns, editable)
    for index, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(name, max(10, len(name) + 2))
    for row_number, values in enumerate(rows, start=2):
        for index, (name, value) in enumerate(zip(columns, values, strict=True), start=1):
            write_cell(sheet.cell(row=row_number, column=index), value)
            if name not in editable:
                sheet.cell(row=row_number, column=index).fill = READ_ONLY
            elif name == "note":
                sheet.cell(row=row_number, column=index).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    last = max(len(rows) + 1, 2)  # an empty worksheet still offers the drop-down on its first row
    for names, allowed, words in (
        (YES_OR_NO_ONLY, ("yes", "no"), "yes or no"),
        ([n for n in QUESTION_NAMES if n not in YES_OR_NO_ONLY], ("yes", "no", "n/a"), ALLOWED_ANSWERS),
    ):
        answers = choice_rule(sheet, allowed, f"Answer {words}, or leave blank.")
        for name in names:
            answers.add(column_cells(columns, name, last))
    _write_help(book.create_sheet(HELP_SHEET), columns, editable)
    book.save(path)


def _write_help(sheet: Any, columns: Sequence[str], editable: Collection[str]) -> None:
    for line in _GUIDANCE:
        sheet.append([line])
    sheet.append([])
    sheet.append(["column", "you fill it in", "what it holds"])
    embolden(sheet[sheet.max_row])
    for name in columns:
        sheet.append([name, "yes" if name in editable else "no", _COLUMN_HELP[name]])
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 100
