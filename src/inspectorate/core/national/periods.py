"""A figure's period said in words, and the same period a number of months before."""

from __future__ import annotations

import calendar
from datetime import date


def _is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier; a month's last day stays a month's last day (29 Feb -> 28 Feb)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, last if _is_month_end(day) else min(day.day, last))


def shifted(start: date, end: date, months: int) -> tuple[date, date]:
    """The period of the same length ending ``months`` earlier (the year ending March 2018 for March 2019)."""
    return months_before(start, months), months_before(end, months)


def whole_months(start: date, end: date) -> int | None:
    """How many calendar months the period spans, when it runs from a month's first day to a month's last."""
    if start.day != 1 or not _is_month_end(end):
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def period_label(start: date, end: date) -> str:
    """ "year ending March 2019", "as at 31 March 2019", "3 months ending June 2017", or both days."""
    if start == end:
        return f"as at {_day(end)}"
    months = whole_months(start, end)
    if months == 12:
        return f"year ending {end:%B %Y}"
    if months == 1:
        return f"{end:%B %Y}"
    if months is not None:
        return f"{months} months ending {end:%B %Y}"
    return f"{_day(start)} to {_day(end)}"
