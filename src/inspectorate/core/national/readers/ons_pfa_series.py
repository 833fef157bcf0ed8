"""The time series in the ONS police force area tables: anti-social behaviour incidents for every
year ending March since 2008 (Table P7 of the March editions), and mid-year population and
household estimates 2002 to 2016 (Tables P9 and P10 of the year ending March 2018 edition).

Table P7 prints England and Wales twice. The row excluding British Transport Police is the one
with every year since 2008 and the sum of the forces, so it is ``asb-incidents`` for England and
Wales like every other area's; the row including it (from the year ending March 2013) is kept as
``asb-incidents.including-btp``. British Transport Police's own row is its own area.

From the year ending March 2019 the table has no area codes: its rows are read by name, and an
English region is told from the force of the same name ("West Midlands") by being the first row
of its block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from inspectorate.core.national.areas import is_region_name
from inspectorate.core.national.cells import clean_label, is_blank
from inspectorate.core.national.figures import ENGLAND_AND_WALES, Unit
from inspectorate.core.national.readers.ons_pfa_crime import DENOMINATORS
from inspectorate.core.national.readers.ons_pfa_grid import Gathered, Sheet, coded_rows, named_area

ASB = "asb-incidents"
ASB_INCLUDING_BTP = "asb-incidents.including-btp"
_ASB_TITLES = {
    ASB: "Anti-social behaviour incidents",
    ASB_INCLUDING_BTP: "Anti-social behaviour incidents, British Transport Police included",
}
# "Apr '07 to Mar '083": the financial year, footnote marks run on after the second year.
_FINANCIAL_YEAR = re.compile(r"Apr[a-z]*\s*'?(\d{2})\s*to\s*Mar[a-z]*\s*'?(\d{2})", re.IGNORECASE)
_INCLUDING = re.compile(r"\binc(?:l|luding)?\.?\s*(?:BTP|British Transport Police)", re.IGNORECASE)


def _named_rows(sheet: Sheet, first: int, column: int) -> Iterator[tuple[int, str, str]]:
    block_start = True
    for row in range(first, len(sheet.rows)):
        name = sheet.text(row, column)
        if name.casefold().startswith("source"):
            return
        has_values = any(not is_blank(sheet.raw(row, c)) for c in range(column + 1, sheet.width))
        if not name and not has_values:
            block_start = True
            continue
        if not has_values:
            continue  # a footnote
        first_of_block, block_start = block_start, False
        if first_of_block and is_region_name(name):
            continue
        area = named_area(sheet, row, column)
        if area is not None:
            yield row, area, name


def _years(sheet: Sheet, header: int) -> dict[int, tuple[date, date]]:
    """Each "Number of Incidents" column and the financial year printed above it."""
    years = {}
    for column in range(sheet.width):
        if clean_label(sheet.raw(header, column)).casefold() != "number of incidents":
            continue
        found = _FINANCIAL_YEAR.search(sheet.text(header - 1, column))
        if found is None or int(found.group(2)) != int(found.group(1)) + 1:
            sheet.problem(header - 1, column, "names no year as \"Apr 'YY to Mar 'YY\"")
            continue
        if "1,000" not in sheet.text(header, column + 1):
            sheet.problem(header, column + 1, "is not a rate per 1,000 population")
            continue
        start = 2000 + int(found.group(1))
        years[column] = (date(start, 4, 1), date(start + 1, 3, 31))
    return years


def read_asb_incidents(sheet: Sheet, gathered: Gathered) -> None:
    """Table P7: each area's incidents and published rate per 1,000 population, year by year."""
    header = sheet.find_row("Number of Incidents")
    if header is None:
        sheet.problem(None, None, "no 'Number of Incidents' heading")
        return
    years = _years(sheet, header)
    if not years:
        return
    label_column = min(years) - 1
    coded = label_column >= 1 and sheet.text(header, 0).casefold() == "area code"
    rows = coded_rows(sheet, header + 1) if coded else _named_rows(sheet, header + 1, label_column)
    for row, area, name in rows:
        measure = ASB_INCLUDING_BTP if area == ENGLAND_AND_WALES and _INCLUDING.search(name) else ASB
        gathered.measure(measure, _ASB_TITLES[measure], Unit.COUNT)
        gathered.measure(
            f"{measure}-per-1000", f"{_ASB_TITLES[measure]}, per 1,000 population", Unit.RATE_PER_1000_PEOPLE
        )
        for column, period in years.items():
            count = sheet.number(row, column)
            if count is not None:
                gathered.add(sheet, row, column, measure, area, period, count)
            rate = sheet.number(row, column + 1, suppressible=True)
            if rate is not None:
                gathered.add(sheet, row, column + 1, f"{measure}-per-1000", area, period, rate)


def _year(value: object) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        year = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        year = int(value.strip())
    else:
        return None
    return year if 1900 < year < 2100 else None


def read_mid_year_series(sheet: Sheet, measure: str, gathered: Gathered) -> None:
    """Tables P9 and P10: each area's mid-year estimate for every year the heading row names."""
    header = sheet.find_row("Area Code", 0)
    if header is None:
        sheet.problem(None, None, "no 'Area Code' heading in column A")
        return
    years = {c: y for c in range(2, sheet.width) if (y := _year(sheet.raw(header, c))) is not None}
    if not years:
        sheet.problem(header, None, "no mid-year (2002, 2003, ...) in the heading row")
        return
    title, unit = DENOMINATORS[measure]
    gathered.measure(measure, title, unit)
    for row, area, _ in coded_rows(sheet, header + 1):
        for column, year in years.items():
            cell = sheet.number(row, column)
            if cell is not None:
                day = date(year, 6, 30)
                gathered.add(sheet, row, column, measure, area, (day, day), cell)
