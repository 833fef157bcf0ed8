"""Months a force published nothing, or far too little, in the police.uk street files held.

A month with no file is not a month with no crime: it is flagged, and never counted as zero in a
total. Two kinds of flag, from the counts of ``policeuk_counts``:

- "nothing": a month the force's files skip: it lies between two months held for the force, and
  another force's files run through the whole gap (held in the month before it, the month itself
  and the month after it). A longer stretch that no force's files run through (a collection of
  2018 and 2024 months, say) is months the files do not cover, and nothing is said about it.
- "too-little": a month whose rows are below a quarter (``FAR_BELOW_OWN_RUN``) of the median of
  the force's other months held, once at least ``MIN_OTHER_MONTHS`` others are held; or whose crimes
  (anti-social behaviour left out) are below half (``FAR_BELOW_RECORDED``) of a twelfth of the
  crimes the national tables record for the force in that year ending March (``recorded-crime``),
  where that figure is given.

The force's own run is held to a quarter, not a half, because real falls reach a half: the City
of London's months of the 2020 and 2021 lockdowns hold a third to a half of its usual rows, and
they are what happened, not a file cut short. The recorded crime tables count the same crimes as
the files, so a month below half of their monthly share is far too little to be the whole month.
"""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from inspectorate.core.national.figures import NationalFigure, Status
from inspectorate.core.national.policeuk_counts import CRIMES_MEASURE, STREET_MEASURE
from inspectorate.core.problems import InputError

RECORDED_CRIME = "recorded-crime"
FAR_BELOW_OWN_RUN = 0.25
FAR_BELOW_RECORDED = 0.5
MIN_OTHER_MONTHS = 3

FlagKind = Literal["nothing", "too-little"]


class MonthFlag(BaseModel):
    """One force's month that must not be read as a normal count."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    force_id: str
    month: date
    """The month's first day."""
    rows: int | None
    """The month's count of ``measure`` (None: the files hold nothing for it)."""
    expected: float | None
    """What it was held against: the median of the force's other months, or a twelfth of the year's
    recorded crime; None for "nothing"."""
    kind: FlagKind
    reason: str
    measure: str = STREET_MEASURE


class MonthCount(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    month: date
    count: int | None
    """None: the force's files hold nothing for the month (flagged "nothing"); never read as zero."""


class TwelveMonths(BaseModel):
    """A sum over twelve months, given only when every month is held."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    first_month: date
    total: int | None
    missing: tuple[date, ...] = ()

    @property
    def note(self) -> str:
        if not self.missing:
            return ""
        return "not summed: no count for " + ", ".join(f"{month:%Y-%m}" for month in self.missing)


def month_flags(
    street: Sequence[NationalFigure], recorded_crime: Sequence[NationalFigure] = ()
) -> tuple[MonthFlag, ...]:
    """Every flagged month of every force, in order of force, month and kind."""
    totals = _by_force_and_month(street, STREET_MEASURE)
    crimes = _by_force_and_month(street, CRIMES_MEASURE)
    flags = [*_nothing(totals), *_below_own_run(totals), *_below_recorded_crime(crimes, recorded_crime)]
    return tuple(sorted(flags, key=lambda flag: (flag.force_id, flag.month, flag.kind, flag.measure)))


def monthly_series(
    street: Sequence[NationalFigure], force_id: str, measure: str = STREET_MEASURE
) -> tuple[MonthCount, ...]:
    """The force's count of ``measure`` for each month held, and None for each month flagged "nothing"."""
    counts: dict[date, int | None] = dict(_by_force_and_month(street, measure).get(force_id, {}))
    for flag in _nothing(_by_force_and_month(street, STREET_MEASURE)):
        if flag.force_id == force_id:
            counts[flag.month] = None
    return tuple(MonthCount(month=month, count=counts[month]) for month in sorted(counts))


def twelve_month_total(series: Iterable[MonthCount], first_month: date) -> TwelveMonths:
    """The sum of the twelve months from ``first_month`` (``date(2018, 4, 1)`` for 2018/19), or None
    with the months that have no count: a missing month is never added as zero."""
    months = [_add_months(first_month.replace(day=1), step) for step in range(12)]
    held = {count.month: count.count for count in series if count.count is not None}
    missing = tuple(month for month in months if month not in held)
    total = None if missing else sum(held[month] for month in months)
    return TwelveMonths(first_month=months[0], total=total, missing=missing)


ByMonth = dict[str, dict[date, int]]


def _by_force_and_month(figures: Iterable[NationalFigure], measure: str) -> ByMonth:
    found: ByMonth = defaultdict(dict)
    for figure in figures:
        if figure.measure != measure or figure.status is not Status.VALUE or figure.value is None:
            continue
        month = figure.period_start
        if month.day != 1 or figure.period_end != _add_months(month, 1) - timedelta(days=1):
            continue  # not a calendar month
        if month in found[figure.area]:
            raise InputError(
                f"{measure} for {figure.area} in {month:%Y-%m} is given twice: count the files together "
                "so that each force's month is counted once"
            )
        found[figure.area][month] = int(figure.value)
    return found


def _nothing(totals: ByMonth) -> list[MonthFlag]:
    flags: list[MonthFlag] = []
    for area, months in totals.items():
        for before, after in itertools.pairwise(sorted(months)):
            gap = list(_months_after(before, until=after))
            if not gap:
                continue
            run = [before, *gap, after]
            witnesses = sorted(
                other for other, held in totals.items() if other != area and all(m in held for m in run)
            )
            if not witnesses:
                continue  # no force's files run through the gap: months the files do not cover
            flags.extend(
                MonthFlag(
                    force_id=area,
                    month=month,
                    rows=None,
                    expected=None,
                    kind="nothing",
                    reason=(
                        f"no rows for {month:%Y-%m}, between {before:%Y-%m} and {after:%Y-%m} held, "
                        f"while {len(witnesses)} other force(s) are held for every month between "
                        f"(e.g. {witnesses[0]})"
                    ),
                )
                for month in gap
            )
    return flags


def _below_own_run(totals: ByMonth) -> list[MonthFlag]:
    flags: list[MonthFlag] = []
    for area, months in totals.items():
        for month, rows in months.items():
            others = [count for other, count in months.items() if other != month]
            if len(others) < MIN_OTHER_MONTHS:
                continue
            median = float(statistics.median(others))
            if rows < FAR_BELOW_OWN_RUN * median:
                flags.append(
                    MonthFlag(
                        force_id=area,
                        month=month,
                        rows=rows,
                        expected=median,
                        kind="too-little",
                        reason=(
                            f"{rows} rows in {month:%Y-%m}, below a quarter of the median ({median:g}) "
                            f"of the force's {len(others)} other months held"
                        ),
                    )
                )
    return flags


def _below_recorded_crime(crimes: ByMonth, recorded_crime: Sequence[NationalFigure]) -> list[MonthFlag]:
    """Months against the year ending March's recorded crime: the last figure given for a force and
    year counts (pass the editions in force, the latest last)."""
    recorded: dict[tuple[str, int], NationalFigure] = {}
    for figure in recorded_crime:
        start, end = figure.period_start, figure.period_end
        if figure.measure != RECORDED_CRIME or figure.value is None:
            continue
        if (start.month, start.day, end.month, end.day) == (4, 1, 3, 31) and end.year == start.year + 1:
            recorded[(figure.area, end.year)] = figure
    flags: list[MonthFlag] = []
    for area, months in crimes.items():
        for month, count in months.items():
            year_ending = month.year + 1 if month.month >= 4 else month.year
            held = recorded.get((area, year_ending))
            if held is None or held.value is None:
                continue
            share = held.value / 12
            if count < FAR_BELOW_RECORDED * share:
                flags.append(
                    MonthFlag(
                        force_id=area,
                        month=month,
                        rows=count,
                        expected=share,
                        kind="too-little",
                        measure=CRIMES_MEASURE,
                        reason=(
                            f"{count} crimes (ASB left out) in {month:%Y-%m}, below half of a twelfth "
                            f"({share:.0f}) of the {held.value:.0f} crimes the national tables record "
                            f"for the year ending March {year_ending}"
                        ),
                    )
                )
    return flags


def _months_after(month: date, *, until: date) -> Iterable[date]:
    following = _add_months(month, 1)
    while following < until:
        yield following
        following = _add_months(following, 1)


def _add_months(month: date, steps: int) -> date:
    index = month.year * 12 + month.month - 1 + steps
    return date(index // 12, index % 12 + 1, 1)
