"""The population (or households) a count is divided by, and which estimate that is.

A rate here follows the table where the table prints its own rate: the ONS divides a year's count
by the latest mid-year estimate it had, not the one for the mid-year inside the year. Its Table P7
(anti-social behaviour, years ending March 2008 to 2019 in the March 2019 edition) divides the year
ending March Y by the mid-(Y-2) estimate: Northumbria's 171,347 incidents in the year ending March
2008 over its mid-2006 1,397,900 make the printed 122.58 per 1,000, where the mid-2007 estimate
would make 122.18. Dividing the count by another estimate would give a second rate for one
published figure, a rank the ONS's own table contradicts, and a check that can never agree. So, for
a count of one area over one period, in this order:

(a) the table's own rate: where the edition that printed the count prints its rate too (the same
    measure per 1,000, area and period), the estimate that rate divides by. Its count over its rate
    gives that estimate unrounded; the held estimate (any edition's, for a day on or before the
    period's end) within ``ROUNDING`` of it is the one named, the nearest where two are. Where none
    held is (for most forces, Table P7's years ending March 2014 to 2018 divide by estimates other
    than the ones the tables held print for those mid-years), the population the rate divides by is
    used as it is, worked out from the table's count and rate and said to be so: two printed
    figures, not a guess.
(b) the edition's own: where the edition prints the area's population but no rate for this count
    (the ONS's "+" for the City of London; the totals that leave a force out), the latest of its
    estimates on or before the period's end, Table P3's being the ones its rates divide by. An
    edition's estimate more than ``OWN_ESTIMATE_YEARS`` before the period's end is not the one it
    used for that period (its Table P9 series reaches back to 2002; the ONS's lag is under two
    years). Where the edition prints one estimate twice (Table P3 and Table P9), the one beside its
    published rates is taken.
(c) else, for a count whose table gives no rate (the Home Office's workforce, use of force and
    recorded crime open data), the ONS mid-year estimate held for the mid-year inside the period or
    nearest before its end, from the most authoritative edition that prints it (`editions.py`): the
    population of the year the figure is for;
(d) else Census 2011 (`inspectorate.core.forces.population_of`), said to be a fallback;
(e) else none, with the reason. A population is never guessed.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from inspectorate.core.forces import force_ids, population_of
from inspectorate.core.national.editions import resolve_editions
from inspectorate.core.national.figures import Edition, NationalData, NationalFigure, Publisher, Status
from inspectorate.core.national.memo import per_data
from inspectorate.core.national.results import Denominator

POPULATION = "population"
HOUSEHOLDS = "households"
DENOMINATOR_MEASURES = (POPULATION, HOUSEHOLDS)
# A total that leaves a force out is read as its own measure, "population.excluding-greater-manchester".
EXCLUDING = ".excluding-"
OWN_ESTIMATE_YEARS = 3
# Estimates are printed to the nearest 100; a rate divides by the unrounded one.
ROUNDING = 50.0
# A rate's count over the rate is the estimate to far better than this (the tables keep every digit).
_RELATIVE = 1e-6
CENSUS_YEAR = 2011

_PUBLISHER_SHORT = {
    Publisher.ONS: "ONS",
    Publisher.HOME_OFFICE: "Home Office",
    Publisher.POLICE_UK: "police.uk",
}
_RATE_SUFFIXES = ("-per-1000", "-per-1000-households")
_RATE_OF = {POPULATION: "-per-1000", HOUSEHOLDS: "-per-1000-households"}
_PER = 1000.0


@dataclass(frozen=True)
class NoDenominator:
    """Why a count has no population to be divided by."""

    reason: str


def _base(measure: str) -> str:
    return measure.split(EXCLUDING, 1)[0]


def _sheet(figure: NationalFigure) -> str:
    return figure.where.split(",", 1)[0].strip()


def _estimate_name(day: date, measure: str) -> str:
    when = f"mid-{day.year}" if (day.month, day.day) == (6, 30) else f"{day.day} {day:%B %Y}"
    return f"{when} household estimate" if _base(measure) == HOUSEHOLDS else f"{when} estimate"


class Denominators:
    """The population and household figures of one `NationalData`, indexed by area and day."""

    def __init__(self, data: NationalData) -> None:
        self._editions: dict[str, Edition] = {edition.id: edition for edition in data.editions}
        self._found_for: dict[tuple[str, str, date, str, str, date | None], Denominator | NoDenominator] = {}
        rate_sheets: dict[str, set[str]] = defaultdict(set)
        # (a): each edition's printed rates, and every estimate held, to find the one a rate divides by.
        self._rates: dict[tuple[str, str, str, date, date], float] = {}
        self._held: dict[tuple[str, str], list[NationalFigure]] = defaultdict(list)
        for figure in data.figures:
            if figure.measure.endswith(_RATE_SUFFIXES):
                rate_sheets[figure.edition].add(_sheet(figure))
            if _RATE_SUFFIXES[0] in figure.measure and figure.value:
                self._rates[(figure.edition, figure.measure, *figure.key[1:])] = figure.value
            if _base(figure.measure) in DENOMINATOR_MEASURES and self._usable(figure):
                self._held[(figure.measure, figure.area)].append(figure)
        # (a): per edition, measure and area, one figure a day, the one beside the rates preferred.
        own: dict[tuple[str, str, str], dict[date, NationalFigure]] = defaultdict(dict)
        for figure in data.figures:
            if _base(figure.measure) not in DENOMINATOR_MEASURES or not self._usable(figure):
                continue
            days = own[(figure.edition, figure.measure, figure.area)]
            held = days.get(figure.period_end)
            beside_rates = _sheet(figure) in rate_sheets[figure.edition]
            if held is None or (beside_rates and _sheet(held) not in rate_sheets[figure.edition]):
                days[figure.period_end] = figure
        self._own = {key: self._by_day(days.values()) for key, days in own.items()}
        # (b): for each day, the figure of the most authoritative edition that prints one. A later
        # table's ".." (the ONS's for Greater Manchester from September 2019) withdraws no estimate.
        precedence = resolve_editions(data).precedence
        self._precedence = precedence
        best: dict[tuple[str, str, date], NationalFigure] = {}
        for figure in data.figures:
            if _base(figure.measure) in DENOMINATOR_MEASURES and self._usable(figure):
                key = (figure.measure, figure.area, figure.period_end)
                held = best.get(key)
                if held is None or precedence.get(figure.edition, 0) > precedence.get(held.edition, 0):
                    best[key] = figure
        standing: dict[tuple[str, str], list[NationalFigure]] = defaultdict(list)
        for (measure, area, _), figure in best.items():
            standing[(measure, area)].append(figure)
        self._standing = {key: self._by_day(figures) for key, figures in standing.items()}

    @staticmethod
    def _usable(figure: NationalFigure) -> bool:
        return (
            figure.status is Status.VALUE
            and figure.value is not None
            and figure.value > 0
            and figure.period_start == figure.period_end
        )

    @staticmethod
    def _by_day(figures: Iterable[NationalFigure]) -> tuple[list[date], list[NationalFigure]]:
        ordered = sorted(figures, key=lambda f: f.period_end)
        return [f.period_end for f in ordered], ordered

    @staticmethod
    def _latest_by(index: tuple[list[date], list[NationalFigure]] | None, end: date) -> NationalFigure | None:
        if index is None:
            return None
        days, figures = index
        place = bisect.bisect_right(days, end)
        return figures[place - 1] if place else None

    def _label(self, figure: NationalFigure, measure: str, own: bool) -> str:
        edition = self._editions.get(figure.edition)
        publisher = _PUBLISHER_SHORT[edition.publisher] if edition else "published"
        source = edition.title if edition else figure.edition
        name = f"{publisher} {_estimate_name(figure.period_end, measure)}"
        if own:
            return f"{name}, as the table divides by ({source})"
        return f"{name} ({source})"

    def _found(self, figure: NationalFigure, measure: str, own: bool) -> Denominator:
        assert figure.value is not None  # _usable holds
        return Denominator(
            value=figure.value,
            measure=measure,
            label=self._label(figure, measure, own),
            census_fallback=False,
            edition=figure.edition,
        )

    def for_count(
        self,
        area: str,
        edition: str,
        period_end: date,
        measure: str = POPULATION,
        *,
        count: NationalFigure | None = None,
    ) -> Denominator | NoDenominator:
        """What a count of ``area`` for the period ending ``period_end`` in ``edition`` divides by.

        Given the ``count`` itself, a rate its table prints for it decides (rule (a)).
        """
        if _base(measure) not in DENOMINATOR_MEASURES:
            raise ValueError(f"unknown denominator {measure!r}: one of {', '.join(DENOMINATOR_MEASURES)}")
        key = (
            area,
            edition,
            period_end,
            measure,
            count.measure if count else "",
            count.period_start if count else None,
        )
        if key not in self._found_for:
            self._found_for[key] = self._look_up(area, edition, period_end, measure, count)
        return self._found_for[key]

    def _look_up(
        self, area: str, edition: str, end: date, measure: str, count: NationalFigure | None
    ) -> Denominator | NoDenominator:
        if count is not None:
            divided_by = self._divided_by(count, measure)
            if divided_by is not None:
                return divided_by
        own = self._latest_by(self._own.get((edition, measure, area)), end)
        if own is not None and own.period_end.year >= end.year - OWN_ESTIMATE_YEARS:
            return self._found(own, measure, own=True)
        standing = self._latest_by(self._standing.get((measure, area)), end)
        if standing is not None:
            return self._found(standing, measure, own=False)
        return _census(area, measure, end)

    def _divided_by(self, count: NationalFigure, measure: str) -> Denominator | None:
        """The estimate the count's own table divides it by for its printed rate, where it prints one."""
        base = _base(measure)
        rate_measure = f"{count.measure}{_RATE_OF[base]}{measure[len(base) :]}"
        rate = self._rates.get((count.edition, rate_measure, *count.key[1:]))
        if rate is None or not count.value or count.value <= 0:
            return None
        implied = count.value / rate * _PER
        near = [
            f
            for f in self._held.get((measure, count.area), ())
            if f.period_end <= count.period_end
            and f.value is not None
            and abs(f.value - implied) <= ROUNDING + implied * _RELATIVE
        ]
        if near:
            nearest = min(
                near,
                key=lambda f: (
                    abs((f.value or 0.0) - implied),
                    f.edition != count.edition,
                    -self._precedence.get(f.edition, 0),
                    -f.period_end.toordinal(),
                ),
            )
            return self._found(nearest, measure, own=True)
        edition = self._editions.get(count.edition)
        publisher = _PUBLISHER_SHORT[edition.publisher] if edition else "published"
        source = edition.title if edition else count.edition
        what = "households" if base == HOUSEHOLDS else "population"
        return Denominator(
            value=implied,
            measure=measure,
            label=(
                f"{publisher} {what} the table's own rate divides by, its count over its rate: "
                f"no estimate held is that one ({source}, {_sheet(count)})"
            ),
            census_fallback=False,
            edition=count.edition,
        )


def _census(area: str, measure: str, period_end: date) -> Denominator | NoDenominator:
    what = "households" if measure == HOUSEHOLDS else "population"
    if area not in force_ids():
        return NoDenominator(f"no {what} estimate held for this area on or before {period_end:%d %B %Y}")
    census = population_of(area, CENSUS_YEAR)
    value = None if census is None else census.households if measure == HOUSEHOLDS else census.population
    if census is None or value is None:
        return NoDenominator(f"no {what} estimate held on or before {period_end:%d %B %Y}, nor Census 2011")
    return Denominator(
        value=float(value),
        measure=measure,
        label=f"Census 2011 {what} (no estimate for the year is held)",
        census_fallback=True,
        edition=None,
    )


@per_data
def denominators(data: NationalData) -> Denominators:
    """The data's denominators, indexed once for each data object."""
    return Denominators(data)


def denominator_for(
    data: NationalData, figure: NationalFigure, measure: str = POPULATION
) -> Denominator | NoDenominator:
    """What ``figure`` (a count) is divided by for a rate per 1,000 people (or households)."""
    return denominators(data).for_count(figure.area, figure.edition, figure.period_end, measure, count=figure)
