"""The ONS "Police force area data tables" (published with the quarterly "Crime in England and
Wales" bulletin), one edition per file.

Read: Table P1 (recorded crime by offence group, ``ons_pfa_crime``), Table P3 (rates and the
populations divided by), and where the edition has them Table P7 (anti-social behaviour incidents)
and Tables P9 and P10 (mid-year populations and households, ``ons_pfa_series``). The percentage
changes (P2), knife crime (P4 to P6) and the survey's and categories' tables are not read.

The edition is the twelve months its titles name ("year ending March 2019"), never the file's name;
the Notes sheet's title and Table P3's must agree with Table P1's. The day of release is taken only
where the file prints it (the corrected releases' "Published on 6th February 2019").
"""

from __future__ import annotations

import calendar
import hashlib
import re
from datetime import date
from pathlib import Path

from inspectorate.core.forces import get_force
from inspectorate.core.national.cells import is_blank, one_line_refusals
from inspectorate.core.national.figures import Edition, NationalTable, Publisher
from inspectorate.core.national.readers.ons_pfa_crime import HOUSEHOLDS, POPULATION, read_counts, read_rates
from inspectorate.core.national.readers.ons_pfa_grid import (
    MONTHS,
    Gathered,
    Sheet,
    twelve_months,
    year_ending,
)
from inspectorate.core.national.readers.ons_pfa_series import read_asb_incidents, read_mid_year_series
from inspectorate.core.national.workbook import Workbook
from inspectorate.core.problems import Problem, ProblemsError

SERIES = "ons-pfa-tables"
# Each table read: its sheet, words its title must hold, and whether every edition has it.
_P1 = ("Table P1", "number of offences", True)
_P3 = ("Table P3", "rate of offences", True)
_P7 = ("Table P7", "anti-social behaviour incidents", False)
_P9 = ("Table P9", "mid-year population estimates", False)
_P10 = ("Table P10", "mid-year household estimates", False)
_PUBLISHED = re.compile(r"published on (\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})", re.IGNORECASE)


def _sheet(book: Workbook, table: tuple[str, str, bool], problems: list[Problem]) -> Sheet | None:
    name, words, required = table
    if not book.has_sheet(name):
        if required:
            shown = ", ".join(s.strip() for s in book.sheet_names)
            problems.append(Problem(book.path.name, None, name, f"no such sheet (sheets: {shown})"))
        return None
    sheet = Sheet(book.path.name, name, book.rows(name))
    if words not in sheet.title.casefold():
        sheet.problem(0, None, f"is titled {sheet.title[:80]!r}, not a table of {words}")
        problems.extend(sheet.problems)
        return None
    return sheet


def _cells(book: Workbook, name: str) -> list[str]:
    if not book.has_sheet(name):
        return []
    return [" ".join(str(c).split()) for row in book.rows(name) for c in row if not is_blank(c)]


def _published(book: Workbook) -> date | None:
    """The day a release prints as its publication, or None: nothing is guessed."""
    for text in _cells(book, "Correction") + _cells(book, "Notes"):
        found = _PUBLISHED.search(text)
        if found and found.group(2).casefold() in MONTHS:
            try:
                return date(int(found.group(3)), MONTHS[found.group(2).casefold()], int(found.group(1)))
            except ValueError:
                return None  # "published on 31st February 2019" prints no day there was
    return None


def _note(book: Workbook, gathered: Gathered) -> str:
    notes = []
    published = _published(book)
    if published is not None:
        notes.append(
            f"Corrected release, published on {published.day} {published:%B %Y} (its Correction sheet)."
        )
    revision = next((t for t in _cells(book, "Notes") if t.casefold().startswith("note:")), None)
    if revision is not None:
        notes.append(f"Revised release: {revision[5:].split('. ')[0].strip()}.")
    excluded = sorted({m.split(".excluding-")[1] for m in gathered.measures if ".excluding-" in m})
    for force_id in excluded:
        name = get_force(force_id).name
        notes.append(
            f"Its England and Wales totals leave out {name}: kept as '<measure>.excluding-{force_id}'."
        )
    return " ".join(notes)


def _period(p1: Sheet, p3: Sheet, book: Workbook, problems: list[Problem]) -> tuple[int, int] | None:
    ending = year_ending(p1.title)
    if ending is None:
        p1.problem(0, None, "the title names no 'year ending <month> <year>'")
        return None
    notes = _cells(book, "Notes")[:1]
    for where, text in (("Notes", notes[0] if notes else ""), (p3.name, p3.title)):
        other = year_ending(text)
        if text and other is not None and other != ending:
            shown = f"{calendar.month_name[other[1]]} {other[0]}"
            problems.append(
                Problem(book.path.name, 1, where, f"names the year ending {shown}, Table P1 another")
            )
    return ending


@one_line_refusals
def read_ons_pfa_tables(path: Path) -> NationalTable:
    """Every figure of one edition of the ONS police force area data tables."""
    book = Workbook(path)
    problems: list[Problem] = []
    p1, p3 = _sheet(book, _P1, problems), _sheet(book, _P3, problems)
    if p1 is None or p3 is None:
        raise ProblemsError(problems)
    ending = _period(p1, p3, book, problems)
    if ending is None:
        raise ProblemsError(problems + p1.problems)
    year, month = ending
    edition_id = f"ons-pfa-tables-ye-{year}-{month:02d}"
    gathered = Gathered(edition_id, path.name)
    period = twelve_months(year, month)
    read_counts(p1, period, gathered)
    read_rates(p3, period, gathered)
    sheets = [p1, p3]
    if (p7 := _sheet(book, _P7, problems)) is not None:
        read_asb_incidents(p7, gathered)
        sheets.append(p7)
    for table, measure in ((_P9, POPULATION), (_P10, HOUSEHOLDS)):
        if (sheet := _sheet(book, table, problems)) is not None:
            read_mid_year_series(sheet, measure, gathered)
            sheets.append(sheet)
    problems += [problem for sheet in sheets for problem in sheet.problems]
    if problems:
        raise ProblemsError(problems)
    edition = Edition(
        id=edition_id,
        series=SERIES,
        title=f"Police force area data tables, year ending {calendar.month_name[month]} {year}",
        publisher=Publisher.ONS,
        published=_published(book),
        source_file=path.name,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        note=_note(book, gathered),
    )
    return NationalTable(
        edition=edition, measures=tuple(gathered.measures.values()), figures=tuple(gathered.figures.values())
    )
