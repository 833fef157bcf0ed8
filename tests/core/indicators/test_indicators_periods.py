"""Periods of whole months: statistical years, labels, the period before, and bad bounds."""

from __future__ import annotations

from datetime import date

import pytest

from inspectorate.core.indicators import ForceContext, Period


def test_a_statistical_year_ends_on_31_march() -> None:
    year = Period.statistical_year(2021)
    assert (year.start, year.end, year.last_day) == (date(2020, 4, 1), date(2021, 4, 1), date(2021, 3, 31))
    assert year.label == "12 months to 31 March 2021"
    assert str(year) == year.label
    assert year.months[0] == date(2020, 4, 1)
    assert year.months[-1] == date(2021, 3, 1)
    assert len(year.months) == 12


def test_the_previous_period_is_the_twelve_months_before() -> None:
    assert Period.statistical_year(2021).previous() == Period.statistical_year(2020)
    half = Period(date(2020, 4, 1), date(2020, 10, 1))
    assert half.previous() == Period(date(2019, 10, 1), date(2020, 4, 1))
    assert half.label == "6 months to 30 September 2020"


@pytest.mark.parametrize(
    ("last_day", "start", "label"),
    [
        (date(2015, 6, 30), date(2014, 7, 1), "12 months to 30 June 2015"),
        (date(2014, 12, 31), date(2014, 1, 1), "12 months to 31 December 2014"),
        (date(2020, 2, 29), date(2019, 3, 1), "12 months to 29 February 2020"),
    ],
)
def test_twelve_months_to_a_last_day(last_day: date, start: date, label: str) -> None:
    period = Period.twelve_months_to(last_day)
    assert (period.start, period.last_day, period.label) == (start, last_day, label)


def test_twelve_months_must_end_on_the_last_day_of_a_month() -> None:
    with pytest.raises(ValueError, match="not the last day of a month"):
        Period.twelve_months_to(date(2015, 6, 29))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2020, 4, 2), date(2021, 4, 1)),
        (date(2020, 4, 1), date(2021, 3, 31)),
        (date(2021, 4, 1), date(2020, 4, 1)),
    ],
)
def test_a_period_is_whole_months_forwards(start: date, end: date) -> None:
    with pytest.raises(ValueError, match="a period"):
        Period(start, end)


def test_a_population_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        ForceContext("kent", -1, "typo")
