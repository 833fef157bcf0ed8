"""Tables P1 (recorded crime, number of offences) and P3 (rates, with the populations divided by).

Headings are found by their text: the row whose column A reads "Area Code", and for a heading
spanning two rows ("Total recorded crime (excluding fraud)") the row above it. Their layout moved
between editions (a column for stalking and harassment, households' burglary rate); their words
did not.

Where a table says its totals leave a force out ("England and Wales (excluding Greater Manchester
Police)", years ending September and December 2019), the totals it prints are not the totals of
other editions: England and Wales's and the force's country's figures are kept under the measure
``<measure>.excluding-<force id>`` (``population.excluding-greater-manchester``), so that they
never revise, nor are revised by, a total that counts every force.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from inspectorate.core.forces import Country, find_force
from inspectorate.core.national.figures import ENGLAND, ENGLAND_AND_WALES, WALES, Unit
from inspectorate.core.national.readers.offences import (
    TOTAL,
    clean_heading,
    crime_measure_id,
    heading_problem,
)
from inspectorate.core.national.readers.ons_pfa_grid import Gathered, Sheet, coded_rows

POPULATION = "population"
HOUSEHOLDS = "households"
DENOMINATORS = {
    POPULATION: ("Population, mid-year estimate (rounded to 100)", Unit.PEOPLE),
    HOUSEHOLDS: ("Households, mid-year estimate (rounded to 100)", Unit.HOUSEHOLDS),
}
_MID_YEAR = re.compile(r"mid-?\s*(\d{4})", re.IGNORECASE)
_MID_YEARS = range(1990, 2100)
_EXCLUDING = re.compile(r"\(excluding ([^)]+)\)", re.IGNORECASE)
_HOUSEHOLDS_NOTE = re.compile(r"\s*\(households\)", re.IGNORECASE)
Period = tuple[date, date]


@dataclass(frozen=True)
class Exclusion:
    """The force a table's totals leave out, and the totals that leave it out."""

    force_id: str
    printed: str
    areas: frozenset[str]

    def measure(self, measure: str, title: str, area: str) -> tuple[str, str]:
        if area not in self.areas:
            return measure, title
        return f"{measure}.excluding-{self.force_id}", f"{title} (excluding {self.printed})"


def exclusion(sheet: Sheet, header: int) -> Exclusion | None:
    """The force named in "(excluding ...)" above the headings, or None when the totals are whole."""
    for row in range(1, header):
        found = _EXCLUDING.search(sheet.text(row, 0))
        if found is None:
            continue
        force = find_force(found.group(1))
        if force is None:
            sheet.problem(row, 0, f"the totals leave out {found.group(1)!r}, which is not a force")
            return None
        country = ENGLAND if force.country is Country.ENGLAND else WALES
        return Exclusion(force.id, found.group(1).strip(), frozenset({ENGLAND_AND_WALES, country}))
    return None


def header_row(sheet: Sheet) -> int | None:
    header = sheet.find_row("Area Code", 0)
    if header is None:
        sheet.problem(None, None, "no 'Area Code' heading in column A")
    return header


def read_counts(sheet: Sheet, period: Period, gathered: Gathered) -> None:
    """Table P1: the total excluding fraud and every offence group, a count for each area."""
    header = header_row(sheet)
    if header is None:
        return
    columns = []
    for column in range(2, sheet.width):
        heading = sheet.column_heading(header, column)
        if not heading:
            continue
        wrong = heading_problem(clean_heading(heading), total_allowed=True)
        if wrong is not None:
            sheet.problem(header, column, f"the heading {wrong}")
            continue
        columns.append((column, crime_measure_id(heading), clean_heading(heading)))
    if not any(measure == TOTAL for _, measure, _ in columns):
        sheet.problem(header, None, "no 'Total recorded crime (excluding fraud)' heading")
    excluded = exclusion(sheet, header)
    for row, area, _ in coded_rows(sheet, header + 1):
        for column, measure, title in columns:
            cell = sheet.number(row, column)
            if cell is None:
                continue
            measure_id, measure_title = (
                excluded.measure(measure, title, area) if excluded else (measure, title)
            )
            gathered.measure(measure_id, measure_title, Unit.COUNT)
            gathered.add(sheet, row, column, measure_id, area, period, cell)


@dataclass(frozen=True)
class _RateColumn:
    column: int
    measure: str
    title: str
    unit: Unit
    period: Period
    suppressible: bool


def _rate_column(sheet: Sheet, header: int, column: int, heading: str, period: Period) -> _RateColumn | None:
    key = heading.casefold()
    if key.startswith(("population", "household")):
        mid_year = _MID_YEAR.search(heading)
        if mid_year is None or int(mid_year.group(1)) not in _MID_YEARS:
            sheet.problem(header, column, f"{heading[:60]!r} names no mid-year from 1990 to 2099")
            return None
        measure = POPULATION if key.startswith("population") else HOUSEHOLDS
        title, unit = DENOMINATORS[measure]
        day = date(int(mid_year.group(1)), 6, 30)
        return _RateColumn(column, measure, title, unit, (day, day), suppressible=False)
    cleaned = clean_heading(heading)
    per_household = _HOUSEHOLDS_NOTE.search(cleaned) is not None
    base = _HOUSEHOLDS_NOTE.sub("", cleaned).strip()
    wrong = heading_problem(base, total_allowed=True)
    if wrong is not None:
        sheet.problem(header, column, f"the heading {wrong}")
        return None
    if per_household:
        measure, unit = f"{crime_measure_id(base)}-per-1000-households", Unit.RATE_PER_1000_HOUSEHOLDS
        title = f"{base}, per 1,000 households"
    else:
        measure, unit = f"{crime_measure_id(base)}-per-1000", Unit.RATE_PER_1000_PEOPLE
        title = f"{base}, per 1,000 population"
    return _RateColumn(column, measure, title, unit, period, suppressible=True)


def read_rates(sheet: Sheet, period: Period, gathered: Gathered) -> None:
    """Table P3: the population and households divided by (columns C and D, for the mid-year their
    headings name), and the published rate of each offence group."""
    header = header_row(sheet)
    if header is None:
        return
    columns = []
    for column in range(2, sheet.width):
        heading = sheet.column_heading(header, column)
        found = _rate_column(sheet, header, column, heading, period) if heading else None
        if found is not None:
            columns.append(found)
    for measure in (POPULATION, HOUSEHOLDS):
        if not any(c.measure == measure for c in columns):
            sheet.problem(header, None, f"no {measure} heading ('{measure.capitalize()} figures (mid-YYYY)')")
    excluded = exclusion(sheet, header)
    for row, area, _ in coded_rows(sheet, header + 1):
        for c in columns:
            cell = sheet.number(row, c.column, suppressible=c.suppressible)
            if cell is None:
                continue
            measure, title = excluded.measure(c.measure, c.title, area) if excluded else (c.measure, c.title)
            gathered.measure(measure, title, c.unit)
            gathered.add(sheet, row, c.column, measure, area, c.period, cell)
