"""The Home Office's "Police use of force statistics, England and Wales" data tables (ODS), one
financial year a file.

The table of incidents by police force (Table 12 in the 2017/18 to 2019/20 editions, found by its
title "Incidents by police force") gives each force's count of incidents in which force was used,
the regions' totals (not kept), "Total Wales" and "Total England and Wales". The year is the one
the contents page or the table's title states; the release day is the one the file prints.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from inspectorate.core.national.cells import clean_label, is_blank, one_line_refusals
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
    column_letter,
    file_sha256,
    first_text,
    forces_left_out,
    printed_day,
    read_cell,
    titled_sheets,
    where,
)
from inspectorate.core.national.workbook import Row, Workbook

SERIES = "home-office-use-of-force"
INCIDENTS = Measure(
    id="use-of-force-incidents",
    title="Incidents in which police used force, by police force (as recorded)",
    unit=Unit.COUNT,
)
_TABLE_TITLE = "incidents by police force"
_FROM_TO = re.compile(r"(\d{1,2} [A-Z][a-z]+ \d{4}) to (\d{1,2} [A-Z][a-z]+ \d{4})")
_YEAR_ENDING = re.compile(r"year ending March (\d{4})", re.IGNORECASE)
_PUBLISHED = re.compile(r"^(?:Publication Date|Published):\s*(.+)$", re.IGNORECASE)
_EDITION_TITLE = re.compile(r"^Police use of force statistics, England and Wales.*$", re.IGNORECASE)
_NOTE = (
    "Experimental statistics. The tables' notes say the counts do not cover all police use of force "
    "and indicate each force's current level of recording, which differs between forces and rose after "
    "the first year of collection (2017/18): a change may be a change in recording."
)


@one_line_refusals
def read_use_of_force_tables(path: Path) -> NationalTable:
    """Each force's incidents of use of force in the edition's financial year, with the totals."""
    book = Workbook(path)
    problems = Problems(path.name)
    sheets = [s for s in titled_sheets(book) if s.title.casefold().startswith(_TABLE_TITLE)]
    if len(sheets) != 1:
        names = ", ".join(s.name for s in sheets) or "none"
        problems.add(
            None, "tables", f"expected one table titled 'Incidents by police force' (found: {names})"
        )
    problems.raise_any()
    sheet = sheets[0]
    period = _financial_year(book, sheet, problems)
    problems.raise_any()
    start, end = period
    edition_id = f"{SERIES}-{start.year}-{end:%y}"
    figures = _read_table(sheet, start, end, edition_id, problems)
    problems.raise_any()
    return NationalTable(
        edition=_edition(book, path, edition_id, start, end), measures=(INCIDENTS,), figures=tuple(figures)
    )


def _financial_year(book: Workbook, sheet: Sheet, problems: Problems) -> tuple[date, date]:
    stated = first_text(book, "Contents", _FROM_TO)
    if stated is not None:
        start, end = printed_day(stated.group(1)), printed_day(stated.group(2))
        if start is not None and end is not None and start < end:
            return start, end
    ending = _YEAR_ENDING.search(sheet.title) or first_text(book, "Contents", _YEAR_ENDING)
    if ending is not None and int(ending.group(1)) in range(1990, 2100):
        year = int(ending.group(1))
        return date(year - 1, 4, 1), date(year, 3, 31)
    problems.add(
        None, "Contents", "no period stated ('1 April 2018 to 31 March 2019' or 'year ending March 2019')"
    )
    return date.min, date.min


def _header(sheet: Sheet) -> tuple[int, int, int] | None:
    """The header row and the columns of "Police force" and "Total"."""
    for number, row in enumerate(sheet.rows[:10]):
        cells = [clean_label(raw).casefold() for raw in row]
        if "police force" in cells and "total" in cells:
            return number, cells.index("police force"), cells.index("total")
    return None


def _read_table(
    sheet: Sheet, start: date, end: date, edition: str, problems: Problems
) -> list[NationalFigure]:
    header = _header(sheet)
    if header is None:
        problems.add(None, f"{sheet.name} header", "no header row naming 'Police force' and 'Total'")
        return []
    header_row, name_column, total_column = header
    figures: list[NationalFigure] = []
    seen: dict[str, int] = {}
    for index in range(header_row + 1, len(sheet.rows)):
        row: Row = sheet.rows[index]
        line = index + 1
        if row and clean_label(row[0]).casefold() == "notes":
            break
        if name_column >= len(row) or is_blank(row[name_column]):
            continue
        label = clean_label(row[name_column])
        lowered = label.casefold()
        area = area_for_name(label)
        if area is None and lowered.startswith("total "):
            continue  # a region's total
        if area is None:
            problems.add(
                line,
                f"{sheet.name} column {column_letter(name_column)}",
                f"{label[:60]!r} is not a force or a total these tables print",
            )
            continue
        if area in seen:
            problems.add(
                line,
                f"{sheet.name} column {column_letter(name_column)}",
                f"{label!r} again (first in row {seen[area]})",
            )
            continue
        seen[area] = line
        cell = read_cell(row, total_column, sheet.name, line, problems)
        if cell is not None:
            figures.append(
                NationalFigure(
                    measure=INCIDENTS.id,
                    area=area,
                    period_start=start,
                    period_end=end,
                    value=cell.value,
                    status=cell.status,
                    edition=edition,
                    where=where(sheet.name, index, total_column),
                )
            )
    return figures + forces_left_out(figures, INCIDENTS.id, start, end, edition, sheet.name)


def _edition(book: Workbook, path: Path, edition_id: str, start: date, end: date) -> Edition:
    title = first_text(book, "Contents", _EDITION_TITLE)
    published = first_text(book, "Contents", _PUBLISHED) or first_text(book, "Cover_sheet", _PUBLISHED)
    return Edition(
        id=edition_id,
        series=SERIES,
        title=title.group(0)
        if title and len(title.group(0)) <= TITLE_MAX_CHARS
        else f"Police use of force statistics, England and Wales, {start} to {end}",
        publisher=Publisher.HOME_OFFICE,
        published=printed_day(published.group(1)) if published else None,
        source_file=path.name,
        sha256=file_sha256(path),
        note=_NOTE,
    )
