"""The Home Office's "Police workforce, England and Wales" data tables (ODS), one edition a file.

Each edition prints officers, staff and police community support officers (full-time equivalents)
by force as at three days (30 September a year back, 31 March, 30 September); each day's column
gives figures for that day alone. The tables are found by their titles, since their numbers move
between editions, and the headcount tables some editions add are left aside. Region rows are not
kept; "Total 43 forces" is England and Wales without British Transport Police or central service
secondments, "Wales" the four Welsh forces, and the grand "Total" (with both) is not kept. The
change columns are worked out again from the figures, never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from inspectorate.core.national.areas import is_region_name
from inspectorate.core.national.cells import as_date, clean_label, is_blank, one_line_refusals
from inspectorate.core.national.figures import (
    Edition,
    Measure,
    NationalFigure,
    NationalTable,
    Publisher,
    Unit,
)
from inspectorate.core.national.readers.home_office_sheets import (
    TITLE_MAX_CHARS,
    Problems,
    Sheet,
    area_for_name,
    file_sha256,
    first_text,
    forces_left_out,
    printed_day,
    read_cell,
    titled_sheets,
    where,
)
from inspectorate.core.national.workbook import Workbook

SERIES = "home-office-workforce"
_WITHOUT = "England and Wales is the published total of the 43 forces, without British Transport Police"
OFFICERS = Measure(
    id="officers-fte",
    title=f"Police officers by police force area (full-time equivalent); {_WITHOUT} or central secondments",
    unit=Unit.FTE,
)
STAFF = Measure(
    id="staff-fte",
    title=f"Police staff by police force area (full-time equivalent); {_WITHOUT}",
    unit=Unit.FTE,
)
PCSOS = Measure(
    id="pcso-fte",
    title=f"Police community support officers by police force area (full-time equivalent); {_WITHOUT}",
    unit=Unit.FTE,
)
# Each measure's table, by the start of its printed title.
_TITLES = {
    OFFICERS.id: "police officers by police force area",
    STAFF.id: "police staff by police force area",
    PCSOS.id: "police community support officers by police force area",
}
_NOT_KEPT = frozenset({"central service secondments"})
_EDITION_TITLE = re.compile(r"^Police Workforce, England and Wales, .*\d{4}$", re.IGNORECASE)
_NOTE = (
    "Full-time equivalents as at each day. England and Wales is the published 'Total 43 forces': "
    "British Transport Police and officers on central service secondments are not in it. "
    "Later editions revise the earlier days they repeat."
)


@dataclass(frozen=True)
class _DayColumn:
    column: int
    day: date


@dataclass(frozen=True)
class _Header:
    row: int
    days: tuple[_DayColumn, ...]


@one_line_refusals
def read_workforce_tables(path: Path) -> NationalTable:
    """Officers, staff and PCSOs (FTE) by force and as-at day from one edition's data tables."""
    book = Workbook(path)
    problems = Problems(path.name)
    tables = _find_tables(book, problems)
    problems.raise_any()
    headers = {measure: _header(sheet, problems) for measure, sheet in tables.items()}
    problems.raise_any()
    latest = max(d.day for d in headers[OFFICERS.id].days)
    edition_id = f"{SERIES}-{latest:%Y-%m}"
    figures: list[NationalFigure] = []
    for measure in (OFFICERS, STAFF, PCSOS):
        figures += _read_table(tables[measure.id], headers[measure.id], measure.id, edition_id, problems)
    problems.raise_any()
    return NationalTable(
        edition=_edition(book, path, edition_id, latest),
        measures=(OFFICERS, STAFF, PCSOS),
        figures=tuple(figures),
    )


def _find_tables(book: Workbook, problems: Problems) -> dict[str, Sheet]:
    found: dict[str, Sheet] = {}
    titled = titled_sheets(book)
    for measure_id, start in _TITLES.items():
        sheets = [s for s in titled if _is_fte_table(s.title, start) and _says_full_time_equivalents(s)]
        if not sheets:
            problems.add(None, "tables", f"no table of full-time equivalents titled {start.capitalize()!r}")
        elif len(sheets) > 1:
            names = ", ".join(s.name for s in sheets)
            problems.add(
                None, "tables", f"{start.capitalize()!r} is the title of more than one table ({names})"
            )
        else:
            found[measure_id] = sheets[0]
    return found


def _is_fte_table(title: str, start: str) -> bool:
    lowered = title.casefold()
    return lowered.startswith(start) and "headcount" not in lowered


def _says_full_time_equivalents(sheet: Sheet) -> bool:
    """The header above the data names the unit; its absence means the table is not one of ours."""
    for row in sheet.rows[:10]:
        if any(isinstance(raw, str) and "full-time equivalent" in raw.casefold() for raw in row):
            return True
    return False


def _header(sheet: Sheet, problems: Problems) -> _Header:
    """The as-at days of the header row: the first row with a date cell right of column A."""
    for number, row in enumerate(sheet.rows[:15]):
        days = tuple(
            _DayColumn(column, day) for column, raw in enumerate(row) if column and (day := as_date(raw))
        )
        if days:
            return _Header(number, days)
    problems.add(None, f"{sheet.name} header", "no header row of 'as at' dates")
    return _Header(len(sheet.rows), ())


def _read_table(
    sheet: Sheet, header: _Header, measure: str, edition: str, problems: Problems
) -> list[NationalFigure]:
    figures: list[NationalFigure] = []
    seen: dict[str, int] = {}
    region = ""
    for index in range(header.row + 1, len(sheet.rows)):
        row = sheet.rows[index]
        line = index + 1
        if not row or is_blank(row[0]):
            continue
        label = clean_label(row[0])
        lowered = label.casefold()
        if lowered == "total":
            break
        # "West Midlands" is a region and, within it, a force: a row naming the region we are in is the force.
        if is_region_name(label) and lowered != region:
            region = lowered
            continue
        if lowered in _NOT_KEPT:
            continue
        area = area_for_name(label)
        if area is None:
            problems.add(
                line, f"{sheet.name} column A", f"{label[:60]!r} is not a force or a total these tables print"
            )
            continue
        if area in seen:
            problems.add(line, f"{sheet.name} column A", f"{label!r} again (first in row {seen[area]})")
            continue
        seen[area] = line
        for day in header.days:
            cell = read_cell(row, day.column, sheet.name, line, problems)
            if cell is not None:
                figures.append(
                    NationalFigure(
                        measure=measure,
                        area=area,
                        period_start=day.day,
                        period_end=day.day,
                        value=cell.value,
                        status=cell.status,
                        edition=edition,
                        where=where(sheet.name, index, day.column),
                    )
                )
    else:
        problems.add(None, f"{sheet.name} column A", "no 'Total' row ends the table")
    for day in header.days:
        figures += forces_left_out(figures, measure, day.day, day.day, edition, sheet.name)
    return figures


def _edition(book: Workbook, path: Path, edition_id: str, latest: date) -> Edition:
    title = first_text(book, "Index", _EDITION_TITLE)
    return Edition(
        id=edition_id,
        series=SERIES,
        title=title.group(0)
        if title and len(title.group(0)) <= TITLE_MAX_CHARS
        else f"Police workforce, England and Wales, {latest.day} {latest:%B %Y}",
        publisher=Publisher.HOME_OFFICE,
        published=_last_updated(book),
        source_file=path.name,
        sha256=file_sha256(path),
        note=_NOTE,
    )


def _last_updated(book: Workbook) -> date | None:
    """The Index's "Last updated" day for Table 1: the day the edition was released."""
    if not book.has_sheet("Index"):
        return None
    rows = book.rows("Index")
    for number, row in enumerate(rows):
        cells = [clean_label(raw).casefold() if isinstance(raw, str) else "" for raw in row]
        if "last updated" in cells:
            column = cells.index("last updated")
            for later in rows[number + 1 :]:
                if later and clean_label(later[0]).casefold() in ("table 1", "1"):
                    return printed_day(later[column]) if column < len(later) else None
    return None
