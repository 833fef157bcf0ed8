"""SYNTHETIC national figures for the national pages' tests: 43 forces' recorded crime and
populations over two years, made up to exercise every part of a page. Not the published tables.

What the pages must show, and where it comes from here:
- Greater Manchester has no figure for the year ending March 2019 (".." in the table);
- the City of London has no mid-year estimate, so its rates divide by Census 2011;
- the second edition revises Kent's count for the year ending March 2018 (both stay visible);
- the table prints its own England and Wales rate for the year ending March 2019, as a check;
- the second edition prints two offences, theft and its subgroup shoplifting (a share of each
  force's recorded crime), so that the pages group them;
- police.uk: Dyfed-Powys published far too little in 2024-03, Merseyside nothing in 2019-07.
"""

from __future__ import annotations

from datetime import date

from inspectorate.core.forces import all_forces
from inspectorate.core.national.completeness import MonthFlag
from inspectorate.core.national.figures import (
    ENGLAND_AND_WALES,
    Edition,
    Measure,
    NationalData,
    NationalFigure,
    Publisher,
    Status,
    Unit,
)

SERIES = "synthetic-tables"
FIRST, SECOND = "synthetic-tables-ye-2018-03", "synthetic-tables-ye-2019-03"
YEARS = {
    FIRST: (date(2017, 4, 1), date(2018, 3, 31), date(2017, 6, 30)),
    SECOND: (date(2018, 4, 1), date(2019, 3, 31), date(2018, 6, 30)),
}
MISSING = ("greater-manchester", SECOND)
NO_ESTIMATE = "city-of-london"
REVISED = "kent"
# The Metropolitan Police Service's rate per 1,000 people, set well above the rest in 2019.
MET_RATE = {FIRST: 120.0, SECOND: 150.0}
PUBLISHED_ENGLAND_AND_WALES = 80.0
# Each offence's share of a force's recorded crime in the second edition.
OFFENCE_SHARES = {"recorded-crime.theft-offences": 0.3, "recorded-crime.shoplifting": 0.1}


def _edition(edition_id: str, published: date) -> Edition:
    return Edition(
        id=edition_id,
        series=SERIES,
        title=f"SYNTHETIC police force area tables, {edition_id}",
        publisher=Publisher.ONS,
        published=published,
        source_file=f"{edition_id}.xlsx",
        sha256=("a" if edition_id == FIRST else "b") * 64,
    )


def _figure(
    measure: str, area: str, start: date, end: date, value: float | None, edition: str
) -> NationalFigure:
    status = Status.VALUE if value is not None else Status.NOT_AVAILABLE
    return NationalFigure(
        measure=measure,
        area=area,
        period_start=start,
        period_end=end,
        value=value,
        status=status,
        edition=edition,
        where="SYNTHETIC table, row 1, column A",
    )


def rate(force_index: int, force_id: str, edition: str) -> float:
    """Each force's made-up rate: spread out, the Met's set apart."""
    if force_id == "metropolitan":
        return MET_RATE[edition]
    return 40.0 + 1.5 * force_index + (5.0 if edition == SECOND else 0.0)


def population(force_index: int) -> float:
    return 500_000.0 + 40_000.0 * force_index


def synthetic_national() -> NationalData:
    figures: list[NationalFigure] = []
    forces = sorted(all_forces(), key=lambda f: f.id)
    for edition, (start, end, mid_year) in YEARS.items():
        for n, force in enumerate(forces):
            if force.id != NO_ESTIMATE:
                figures.append(_figure("population", force.id, mid_year, mid_year, population(n), edition))
            people = population(n) if force.id != NO_ESTIMATE else 7_375.0
            count = (
                None if (force.id, edition) == MISSING else round(rate(n, force.id, edition) * people / 1000)
            )
            figures.append(_figure("recorded-crime", force.id, start, end, count, edition))
            if edition == SECOND:
                figures += [
                    _figure(
                        offence,
                        force.id,
                        start,
                        end,
                        None if count is None else round(count * share),
                        edition,
                    )
                    for offence, share in OFFENCE_SHARES.items()
                ]
        if edition == SECOND:
            # The second edition prints the first year's figures again: Kent's revised.
            kent = next(n for n, f in enumerate(forces) if f.id == REVISED)
            revised = round(rate(kent, REVISED, FIRST) * population(kent) / 1000) + 500
            start_1, end_1, _ = YEARS[FIRST]
            figures.append(_figure("recorded-crime", REVISED, start_1, end_1, revised, SECOND))
            figures.append(
                # As the ONS tables do when a force could not supply data: the England and Wales
                # figure leaves it out, and its measure says so.
                _figure(
                    f"recorded-crime-per-1000.excluding-{MISSING[0]}",
                    ENGLAND_AND_WALES,
                    start,
                    end,
                    PUBLISHED_ENGLAND_AND_WALES,
                    edition,
                )
            )
    return NationalData(
        editions=(_edition(FIRST, date(2018, 7, 19)), _edition(SECOND, date(2019, 7, 18))),
        measures=(
            Measure(id="recorded-crime", title="Total recorded crime (excluding fraud)", unit=Unit.COUNT),
            Measure(id="population", title="Population", unit=Unit.PEOPLE),
            Measure(id="recorded-crime.theft-offences", title="Theft offences", unit=Unit.COUNT),
            Measure(id="recorded-crime.shoplifting", title="Shoplifting", unit=Unit.COUNT),
            Measure(
                id=f"recorded-crime-per-1000.excluding-{MISSING[0]}",
                title="Rate per 1,000 population (excluding Greater Manchester)",
                unit=Unit.RATE_PER_1000_PEOPLE,
            ),
        ),
        figures=tuple(figures),
    )


def synthetic_flags() -> tuple[MonthFlag, ...]:
    return (
        MonthFlag(
            force_id="dyfed-powys",
            month=date(2024, 3, 1),
            rows=164,
            expected=1187.0,
            kind="too-little",
            reason="SYNTHETIC: 164 rows against a median of 1,187 in the force's other months",
        ),
        MonthFlag(
            force_id="merseyside",
            month=date(2019, 7, 1),
            rows=None,
            expected=None,
            kind="nothing",
            reason="SYNTHETIC: no rows for a month inside the force's run",
        ),
    )
