"""The Home Office "Police recorded crime open data, police force area tables", one financial year
exported to CSV (e.g. prc-pfa-mar2013-onwards-tables201718.csv).

Each line is one force, quarter and offence code. The figures are sums of lines: per force and
quarter, each offence group and subgroup (``recorded-crime.<slug>``, named as the ONS tables name
them, ``offences.py``) and the total excluding fraud (``recorded-crime``); per force and financial
year, the same summed over the four quarters, only where the file has all four for the force (the
edition's note names any force left without a year). ``where`` says which lines were added up.

A force's offence code is printed once a quarter; a code that joins several ("1/4.1/4.10/4.2",
homicide) once for each code it joins. A line beyond that repeats one already counted, and is
refused with both lines named, so that a file exported twice over is never read as twice the crime.

Quirks: counts are text with spaces (" 66776 "), zero is "-00", and a few are negative (the
recording adjustments the Home Office publishes). Forces go by their Home Office names ("London,
City of"). Fraud offences recorded nationally by Action Fraud, CIFAS, UK Finance and Financial
Fraud Action UK are not any force's: their lines are read and checked (``read_prc_rows``) but give
no figures, and the edition's note says how many offences they hold.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from inspectorate.core.limits import NATIONAL_TABLE_MAX_BYTES, megabytes
from inspectorate.core.national.areas import UnknownArea, area_for_name
from inspectorate.core.national.cells import one_line_refusals
from inspectorate.core.national.figures import (
    ENGLAND,
    ENGLAND_AND_WALES,
    WALES,
    Edition,
    Measure,
    NationalFigure,
    NationalTable,
    Publisher,
    Unit,
)
from inspectorate.core.national.readers.offences import TOTAL, crime_measure_id, heading_problem
from inspectorate.core.problems import InputError, Problem, ProblemsError
from inspectorate.core.sheets.tables import csv_rows

HEADER = (
    "Financial Year",
    "Financial Quarter",
    "Force Name",
    "Offence Description",
    "Offence Group",
    "Offence Subgroup",
    "Offence Code",
    "Number of Offences",
)
SERIES = "home-office-prc-open-data"
FRAUD_GROUP = "Fraud offences"
FRAUD_BODIES = ("Action Fraud", "CIFAS", "UK Finance", "Financial Fraud Action UK")
_FRAUD_BODY_KEYS = {body.casefold() for body in FRAUD_BODIES}
_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
# Plausible financial years (the series starts in 2002/03): the first year is a date's year, the
# second follows it.
_FIRST_YEARS = range(1990, 2100)
_SHOWN_PROBLEMS = 50
# A line is one force's: a country's total is not a force, and is worked out from the forces.
_COUNTRIES = (ENGLAND_AND_WALES, ENGLAND, WALES)


@dataclass(frozen=True)
class PrcRow:
    """One line of the file, checked."""

    line: int
    financial_year: str
    quarter: int
    force_name: str
    area: str | None
    """The force's police.uk id or British Transport Police; None for a national fraud body."""
    description: str
    group: str
    subgroup: str
    code: str
    offences: int


def _header_problem(file: str, header: list[str]) -> Problem | None:
    found = [cell.strip() for cell in header]
    for index, expected in enumerate(HEADER):
        got = found[index] if index < len(found) else None
        if got != expected:
            shown = "nothing" if got is None else repr(got)
            return Problem(file, 1, f"column {index + 1}", f"the heading should be {expected!r}, not {shown}")
    if len(found) > len(HEADER):
        return Problem(
            file, 1, f"column {len(HEADER) + 1}", f"{found[len(HEADER)]!r}: the file has 8 columns"
        )
    return None


def _count(text: str) -> int:
    """ " 66776 " -> 66776, "-00" -> 0, " -3 " -> -3; at most 15 digits, so that it is a float exactly."""
    cleaned = text.strip().replace(",", "")
    if not re.fullmatch(r"-?\d{1,15}", cleaned):
        raise ValueError(f"{text.strip()[:40]!r} is not a whole number of offences")
    return int(cleaned)


def _area(force_name: str) -> str | None:
    if force_name.strip().casefold() in _FRAUD_BODY_KEYS:
        return None
    area = area_for_name(force_name)
    if area is None or area in _COUNTRIES:
        raise UnknownArea(f"{force_name.strip()[:60]!r} is not a force")
    return area


def _row(file: str, line: int, fields: list[str], year: list[str]) -> tuple[PrcRow | None, list[Problem]]:
    problems: list[Problem] = []
    if len(fields) != len(HEADER):
        return None, [Problem(file, line, "", f"has {len(fields)} fields, not {len(HEADER)}")]
    financial_year, quarter, force, description, group, subgroup, code, number = (f.strip() for f in fields)
    if (wrong := _year_problem(financial_year)) is not None:
        problems.append(Problem(file, line, HEADER[0], wrong))
    elif year and financial_year != year[0]:
        problems.append(
            Problem(file, line, HEADER[0], f"{financial_year!r}: the file's other lines are {year[0]}")
        )
    elif not year:
        year.append(financial_year)
    if quarter not in ("1", "2", "3", "4"):
        problems.append(Problem(file, line, HEADER[1], f"{quarter[:20]!r} is not a quarter 1 to 4"))
    area: str | None = None
    try:
        area = _area(force)
    except UnknownArea as exc:
        problems.append(Problem(file, line, HEADER[2], str(exc)))
    offences = 0
    try:
        offences = _count(number)
    except ValueError as exc:
        problems.append(Problem(file, line, HEADER[7], str(exc)))
    for column, value in ((HEADER[4], group), (HEADER[5], subgroup)):
        if (wrong := heading_problem(value)) is not None:
            problems.append(Problem(file, line, column, wrong))
    if problems:
        return None, problems
    row = PrcRow(
        line, financial_year, int(quarter), force, area, description, group, subgroup, code, offences
    )
    return row, []


def _year_problem(text: str) -> str | None:
    found = _FINANCIAL_YEAR.match(text)
    if found is None:
        return f"{text[:20]!r} is not a year like '2017/18'"
    first, second = int(found.group(1)), int(found.group(2))
    if first not in _FIRST_YEARS:
        return f"{text!r}: a financial year from {_FIRST_YEARS.start} to {_FIRST_YEARS.stop - 1} is expected"
    if second != (first + 1) % 100:
        return f"{text!r} is not one financial year (after {first} comes {(first + 1) % 100:02d})"
    return None


def _repeats(file: str, rows: list[PrcRow]) -> list[Problem]:
    """A line for a force, quarter and offence code more often than the code names codes."""
    seen: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    problems = []
    for row in rows:
        lines = seen[(row.area or row.force_name.casefold(), row.quarter, row.code)]
        allowed = len(row.code.split("/"))
        if len(lines) >= allowed:
            once = "once" if allowed == 1 else f"{allowed} times (once for each code it joins)"
            problems.append(
                Problem(
                    file,
                    row.line,
                    HEADER[6],
                    f"{row.force_name!r}, quarter {row.quarter}, offence code {row.code!r} again, "
                    f"already on line {lines[0]}: a force's code is printed {once} a quarter",
                )
            )
        lines.append(row.line)
    return problems


@one_line_refusals
def read_prc_rows(path: Path) -> tuple[PrcRow, ...]:
    """Every line of the file, checked: the header exactly, one financial year, a known force or
    fraud body, a quarter, offence headings that name a measure, a whole number of offences, no
    line repeated. Every problem is collected (the first fifty shown) before failing."""
    size = path.stat().st_size
    if size > NATIONAL_TABLE_MAX_BYTES:
        limit = megabytes(NATIONAL_TABLE_MAX_BYTES)
        raise InputError(f"{path.name}: is {megabytes(size)}, more than the {limit} a national table may be")
    records = csv_rows(path.read_bytes(), path.name, HEADER, "table")
    if not records:
        raise ProblemsError([Problem(path.name, None, "", "is empty")])
    header_line, header = records[0]
    wrong = _header_problem(path.name, header)
    if wrong is not None:
        raise ProblemsError([wrong])
    rows: list[PrcRow] = []
    problems: list[Problem] = []
    year: list[str] = []
    for line, fields in records[1:]:
        row, found = _row(path.name, line, fields, year)
        problems += found
        if row is not None:
            rows.append(row)
    if not rows and not problems:
        problems.append(Problem(path.name, header_line, "", "has a header and no lines"))
    problems += _repeats(path.name, rows)
    if len(problems) > _SHOWN_PROBLEMS:
        more = len(problems) - _SHOWN_PROBLEMS
        problems = [*problems[:_SHOWN_PROBLEMS], Problem(path.name, None, "", f"and {more} more problems")]
    if problems:
        raise ProblemsError(problems)
    return tuple(rows)


def _quarter(first_year: int, quarter: int) -> tuple[date, date]:
    """Quarter 1 is April to June of the financial year's first year; quarter 4 January to March."""
    start_month = 4 + 3 * (quarter - 1)
    year = first_year + (start_month - 1) // 12
    month = (start_month - 1) % 12 + 1
    end_month = month + 2
    return date(year, month, 1), date(year, end_month, 31 if end_month in (3, 12) else 30)


@dataclass
class _Sum:
    """Lines added up, and which: the figure's ``where``."""

    total: int = 0
    lines: int = 0
    first: int = 0
    last: int = 0
    force: str = ""

    def add(self, row: PrcRow) -> None:
        self.total += row.offences
        self.first = row.line if not self.lines else min(self.first, row.line)
        self.last = max(self.last, row.line)
        self.lines += 1
        self.force = row.force_name

    def where(self, counted: str, quarter: int | None) -> str:
        when = "the four quarters" if quarter is None else f"quarter {quarter}"
        what = f"{self.force!r}, {when}, {counted}"
        if self.lines == 1:
            return f"line {self.first}: {what}"
        return f"sum of {self.lines} lines between lines {self.first} and {self.last}: {what}"


def _measures(row: PrcRow) -> list[tuple[str, str, str]]:
    """(measure, title, which lines) each line counts towards: the total excluding fraud, its
    offence group and its subgroup (once where the two are the same)."""
    found = []
    if row.group.casefold() != FRAUD_GROUP.casefold():
        found.append((TOTAL, "Total recorded crime (excluding fraud)", "every Offence Group but fraud"))
    found.append((crime_measure_id(row.group), row.group, f"Offence Group {row.group!r}"))
    subgroup = crime_measure_id(row.subgroup)
    if subgroup != found[-1][0]:
        found.append((subgroup, row.subgroup, f"Offence Subgroup {row.subgroup!r}"))
    return found


@one_line_refusals
def read_prc_open_data(path: Path) -> NationalTable:
    """Per force and quarter, and per force and financial year: recorded crime by offence group and
    subgroup, and the total excluding fraud."""
    rows = read_prc_rows(path)
    year_text = rows[0].financial_year
    first_year = int(year_text[:4])
    financial_year = (date(first_year, 4, 1), date(first_year + 1, 3, 31))
    measures: dict[str, Measure] = {}
    sums: dict[tuple[str, str, int | None], _Sum] = defaultdict(_Sum)
    counted: dict[str, str] = {}
    quarters: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        if row.area is not None:
            quarters[row.area].add(row.quarter)
    whole_year = {area for area, held in quarters.items() if held == {1, 2, 3, 4}}
    for row in rows:
        if row.area is None:
            continue
        for measure, title, lines in _measures(row):
            measures.setdefault(measure, Measure(id=measure, title=title, unit=Unit.COUNT))
            counted.setdefault(measure, lines)
            sums[(measure, row.area, row.quarter)].add(row)
            if row.area in whole_year:
                sums[(measure, row.area, None)].add(row)
    edition_id = f"home-office-prc-open-data-{first_year}-{year_text[5:]}"
    figures = []
    for (measure, area, quarter), added in sums.items():
        start, end = financial_year if quarter is None else _quarter(first_year, quarter)
        figures.append(
            NationalFigure(
                measure=measure,
                area=area,
                period_start=start,
                period_end=end,
                value=float(added.total),
                edition=edition_id,
                where=added.where(counted[measure], quarter),
            )
        )
    fraud = sum(row.offences for row in rows if row.area is None)
    bodies = ", ".join(sorted({row.force_name for row in rows if row.area is None}))
    notes = [
        f"Fraud recorded nationally ({bodies}: {fraud:,} offences) is no force's and gives no figure."
        if fraud
        else ""
    ]
    short: dict[str, list[str]] = defaultdict(list)
    for area in sorted(set(quarters) - whole_year):
        short[", ".join(str(q) for q in sorted({1, 2, 3, 4} - quarters[area]))].append(area)
    notes += [
        f"No figure for the year for {', '.join(areas)}: the file has no quarter {missing} for them."
        for missing, areas in sorted(short.items())
    ]
    note = " ".join(n for n in notes if n)
    edition = Edition(
        id=edition_id,
        series=SERIES,
        title=f"Police recorded crime open data by police force area, {year_text}",
        publisher=Publisher.HOME_OFFICE,
        published=None,
        source_file=path.name,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        note=note,
    )
    return NationalTable(edition=edition, measures=tuple(measures.values()), figures=tuple(figures))
