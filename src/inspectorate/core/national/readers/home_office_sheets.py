"""What the Home Office's statistical data tables share: sheets found by their printed titles, the
areas their rows name, the day a release says it was published, and problems located by cell.

Table numbers are not stable across editions (police community support officers are Table 3 in
2015 and Table 5 in 2018), so a table is always found by the title in its first row, never by its
sheet name.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from inspectorate.core.forces import all_forces, find_force
from inspectorate.core.national.cells import Cell, CellError, clean_label, read_number
from inspectorate.core.national.figures import (
    BRITISH_TRANSPORT_POLICE,
    ENGLAND,
    ENGLAND_AND_WALES,
    WALES,
    NationalFigure,
    Status,
)
from inspectorate.core.national.workbook import Row, Workbook
from inspectorate.core.problems import Problem, ProblemsError

# An edition's title as printed is kept only when it is a title's length; else one is written.
TITLE_MAX_CHARS = 200
_TABLE_NUMBER = re.compile(r"^Table\s+\d+\s*[:.]\s*", re.IGNORECASE)
_PRINTED_DAY = re.compile(r"\b(\d{1,2} [A-Z][a-z]+ \d{4})\b")

# The totals the Home Office prints, by their printed names (compared case-insensitively).
# "Total 43 forces" leaves out British Transport Police and central service secondments.
_TOTALS = {
    "total 43 forces": ENGLAND_AND_WALES,
    "total england and wales": ENGLAND_AND_WALES,
    "total england": ENGLAND,
    "total wales": WALES,
    "wales": WALES,
    "british transport police": BRITISH_TRANSPORT_POLICE,
}


@dataclass(frozen=True)
class Sheet:
    name: str
    title: str
    """The heading in the sheet's first row without its "Table 12." prefix; footnote marks kept."""
    rows: list[Row]


@dataclass
class Problems:
    """Every problem in one file, collected before failing."""

    file: str
    found: list[Problem] = field(default_factory=list)

    def add(self, line: int | None, path: str, message: str) -> None:
        self.found.append(Problem(self.file, line, path, message))

    def raise_any(self) -> None:
        if self.found:
            raise ProblemsError(self.found)


def titled_sheets(book: Workbook) -> list[Sheet]:
    """Every sheet with its printed title (without its table number); untitled sheets left out."""
    found = []
    for name in book.sheet_names:
        rows = book.rows(name)
        title = sheet_title(rows)
        if title:
            found.append(Sheet(name.strip(), title, rows))
    return found


def sheet_title(rows: list[Row]) -> str:
    """The first text in column A of the first rows, without a leading "Table 1:" or "Table 12."."""
    for row in rows[:5]:
        if row and isinstance(row[0], str) and row[0].strip():
            return _TABLE_NUMBER.sub("", " ".join(row[0].split()))
    return ""


def first_text(book: Workbook, sheet: str, pattern: re.Pattern[str], rows: int = 25) -> re.Match[str] | None:
    """The first match of ``pattern`` in any text cell of the sheet's first rows, if the sheet exists."""
    if not book.has_sheet(sheet):
        return None
    for row in book.rows(sheet)[:rows]:
        for raw in row:
            if isinstance(raw, str) and (match := pattern.search(" ".join(raw.split()))):
                return match
    return None


def printed_day(raw: object) -> date | None:
    """A day as a date cell or printed in text ("Published: 13 December 2018"), or None."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    match = _PRINTED_DAY.search(str(raw))
    if match is None:
        return None
    try:
        return datetime.strptime(match.group(1), "%d %B %Y").date()
    except ValueError:
        return None


def area_for_name(printed: object) -> str | None:
    """A force's police.uk id or one of ``AREAS`` for a name as the Home Office prints it, or None
    (regions, "Total", anything unknown)."""
    label = clean_label(printed)
    total = _TOTALS.get(label.casefold())
    if total is not None:
        return total
    force = find_force(label)
    return force.id if force is not None else None


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def where(sheet: str, row: int, column: int) -> str:
    """A 0-based cell as the figure records it: "Table_1, row 8, column B"."""
    return f"{sheet}, row {row + 1}, column {column_letter(column)}"


def read_cell(row: Row, column: int, sheet: str, line: int, problems: Problems) -> Cell | None:
    """The number in a cell, or None with the problem recorded."""
    raw = row[column] if column < len(row) else ""
    try:
        return read_number(raw)
    except CellError as error:
        problems.add(line, f"{sheet} column {column_letter(column)}", str(error))
        return None


def forces_left_out(
    figures: Iterable[NationalFigure], measure: str, start: date, end: date, edition: str, sheet: str
) -> list[NationalFigure]:
    """A not-available figure for each of the 43 forces a table prints no row for."""
    printed = {f.area for f in figures if f.measure == measure and f.period_end == end}
    return [
        NationalFigure(
            measure=measure,
            area=force.id,
            period_start=start,
            period_end=end,
            status=Status.NOT_AVAILABLE,
            edition=edition,
            where=f"{sheet}: no row for this force",
        )
        for force in all_forces()
        if force.id not in printed
    ]


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
