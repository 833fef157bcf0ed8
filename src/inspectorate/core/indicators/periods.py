"""Periods of whole months, and the force an indicator is worked out for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def add_months(day: date, months: int) -> date:
    """The first of the month ``months`` after (or before, if negative) the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_label(month: date) -> str:
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def day_label(day: date) -> str:
    return f"{day.day} {month_label(day)}"


@dataclass(frozen=True, order=True)
class Period:
    """The whole months from ``start`` (a first of the month) up to but not including ``end``."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start.day != 1 or self.end.day != 1:
            raise ValueError(f"a period starts and ends on the 1st of a month, not {self.start}..{self.end}")
        if self.end <= self.start:
            raise ValueError(f"a period ends after it starts, not {self.start}..{self.end}")

    @classmethod
    def statistical_year(cls, year: int) -> Period:
        """The year ending 31 March ``year``, as Home Office statistics count years."""
        return cls(date(year - 1, 4, 1), date(year, 4, 1))

    @classmethod
    def twelve_months_to(cls, last_day: date) -> Period:
        """The 12 months ending on ``last_day``, which must be the last day of a month."""
        end = last_day + timedelta(days=1)
        if end.day != 1:
            raise ValueError(f"{last_day} is not the last day of a month")
        return cls(add_months(end, -12), end)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def months(self) -> tuple[date, ...]:
        """The first day of each month in the period, in order."""
        count = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
        return tuple(add_months(self.start, offset) for offset in range(count))

    @property
    def label(self) -> str:
        """For example "12 months to 31 March 2021"."""
        return f"{len(self.months)} months to {day_label(self.last_day)}"

    def previous(self) -> Period:
        """The period of the same length that ends where this one starts."""
        return Period(add_months(self.start, -len(self.months)), self.start)

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class ForceContext:
    """The force whose data is being measured and the population its rates are per 1,000 of.

    The caller chooses the population (for synthetic data, already scaled to the data) and says
    where it comes from; the same figure serves every period being compared.
    """

    force_id: str
    population: int
    population_source: str

    def __post_init__(self) -> None:
        if self.population < 0:
            raise ValueError(f"population cannot be negative, got {self.population}")
