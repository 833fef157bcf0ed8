"""What the ONS police force area tables share: a sheet's cells read with their place, the rows
that are areas, the year a title names, and the figures gathered once each.

A problem names the file, the sheet's row (1-based, as a spreadsheet shows it) as its line, and
"Table P1 column D" as its field.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from inspectorate.core.national.areas import UnknownArea, area_for, area_for_name
from inspectorate.core.national.cells import Cell, CellError, clean_label, is_blank, read_number
from inspectorate.core.national.figures import Measure, NationalFigure, Status, Unit
from inspectorate.core.national.workbook import Row
from inspectorate.core.problems import Problem

MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
_CODE_SHAPED = re.compile(r"^[A-Z]\d{8}$")
# "year ending March 2019", and the same with footnote marks run on ("June 181,2", "December 20191,2").
_YEAR_ENDING = re.compile(r"year ending\s+([A-Za-z]+)\s+(\d+)((?:,\s?\d+)*)", re.IGNORECASE)
# "+": the ONS suppresses City of London's rates (its resident population is tiny).
SUPPRESSED = "+"


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def printed_year(digits: str) -> int:
    """The year at the start of digits that may run on into footnote marks: "20191" is 2019 with
    note 1, "181" is 2018 with note 1 (the ONS wrote two-digit years in some titles)."""
    if digits.startswith("20") and len(digits) >= 4:
        return int(digits[:4])
    return 2000 + int(digits[:2])


def year_ending(text: str) -> tuple[int, int] | None:
    """(year, month) of the last "year ending <Month> <Year>" a title names, or None."""
    found = [m for m in _YEAR_ENDING.finditer(text) if m.group(1).casefold() in MONTHS]
    if not found:
        return None
    last = found[-1]
    return printed_year(last.group(2)), MONTHS[last.group(1).casefold()]


def twelve_months(year: int, month: int) -> tuple[date, date]:
    """The twelve months ending with this month: first day 11 months before, last day of the month."""
    start_year, start_month0 = divmod(year * 12 + month - 1 - 11, 12)
    return date(start_year, start_month0 + 1, 1), date(year, month, calendar.monthrange(year, month)[1])


@dataclass
class Sheet:
    """One sheet's rows, read cell by cell with each problem located."""

    file: str
    name: str
    rows: list[Row]
    problems: list[Problem] = field(default_factory=list)

    @property
    def title(self) -> str:
        return (
            next((" ".join(str(c).split()) for c in self.rows[0] if not is_blank(c)), "") if self.rows else ""
        )

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)

    def raw(self, row: int, column: int) -> object:
        cells = self.rows[row] if 0 <= row < len(self.rows) else []
        return cells[column] if 0 <= column < len(cells) else ""

    def text(self, row: int, column: int) -> str:
        value = self.raw(row, column)
        return "" if is_blank(value) else " ".join(str(value).split())

    def where(self, row: int, column: int) -> str:
        return f"{self.name}, row {row + 1}, column {column_letter(column)}"

    def problem(self, row: int | None, column: int | None, message: str) -> None:
        path = self.name if column is None else f"{self.name} column {column_letter(column)}"
        self.problems.append(Problem(self.file, None if row is None else row + 1, path, message))

    def number(self, row: int, column: int, *, suppressible: bool = False) -> Cell | None:
        """The cell as a number, ".." or "-"; None (and a problem) for anything else."""
        value = self.raw(row, column)
        if suppressible and str(value).strip() == SUPPRESSED:
            return Cell(None, Status.NOT_AVAILABLE)
        try:
            return read_number(value)
        except CellError as exc:
            self.problem(row, column, str(exc))
            return None

    def find_row(self, text: str, column: int | None = None) -> int | None:
        """The first row holding this heading (compared without case, spaces or footnote marks)."""
        wanted = text.casefold()
        for index, cells in enumerate(self.rows):
            columns = range(len(cells)) if column is None else [column]
            if any(clean_label(self.raw(index, c)).casefold() == wanted for c in columns):
                return index
        return None

    def column_heading(self, header: int, column: int) -> str:
        """A column's heading: on the header row, or on the row above where a heading spans two."""
        return self.text(header, column) or self.text(header - 1, column)


def coded_rows(sheet: Sheet, first: int) -> Iterator[tuple[int, str, str]]:
    """(row, area, printed name) of each kept area in a table keyed by ONS codes in column A and
    names in column B, from ``first`` to the "Source" line; regions are passed over."""
    for row in range(first, len(sheet.rows)):
        code, name = sheet.text(row, 0), sheet.text(row, 1)
        if code.casefold().startswith("source"):
            return
        if not (name or _CODE_SHAPED.match(code)):
            continue  # blank, unit and footnote rows
        try:
            area = area_for(code, name)
        except UnknownArea as exc:
            sheet.problem(row, 0 if code else 1, str(exc))
            continue
        if area is not None:
            yield row, area, name


def named_area(sheet: Sheet, row: int, column: int) -> str | None:
    try:
        return area_for_name(sheet.text(row, column))
    except UnknownArea as exc:
        sheet.problem(row, column, str(exc))
        return None


@dataclass
class Gathered:
    """The measures and figures of one edition, each figure once: the same figure printed in two
    tables (a mid-2016 population in Table P3 and Table P9) is kept once, and a second, different
    value for it is a problem."""

    edition: str
    file: str
    measures: dict[str, Measure] = field(default_factory=dict)
    figures: dict[tuple[str, str, date, date], NationalFigure] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def measure(self, measure_id: str, title: str, unit: Unit) -> None:
        self.measures.setdefault(measure_id, Measure(id=measure_id, title=title, unit=unit))

    def add(
        self,
        sheet: Sheet,
        row: int,
        column: int,
        measure: str,
        area: str,
        period: tuple[date, date],
        cell: Cell,
    ) -> None:
        figure = NationalFigure(
            measure=measure,
            area=area,
            period_start=period[0],
            period_end=period[1],
            value=cell.value,
            status=cell.status,
            edition=self.edition,
            where=sheet.where(row, column),
        )
        held = self.figures.setdefault(figure.key, figure)
        if held is not figure and (held.value, held.status) != (figure.value, figure.status):
            sheet.problem(row, column, f"{measure} for {area} differs from the same figure at {held.where}")
