"""To whom a finding is addressed, and when it is due.

Reports give a timescale as a date ("by 31 March 2023"), a month ("by March 2023", meaning its last
day) or a period from publication ("within six months", "within 3 months of this report"). The
text is kept as published and the due date is worked out from the publication date. A timescale
this module cannot read is refused with a message, never guessed.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from enum import StrEnum


class Addressee(StrEnum):
    FORCE = "force"
    CHIEF_CONSTABLE = "chief-constable"
    LOCAL_POLICING_BODY = "local-policing-body"
    NATIONAL_BODY = "national-body"

    @property
    def label(self) -> str:
        return _ADDRESSEE_LABELS[self]


_ADDRESSEE_LABELS = {
    Addressee.FORCE: "The force",
    Addressee.CHIEF_CONSTABLE: "The chief constable",
    Addressee.LOCAL_POLICING_BODY: "The local policing body",
    Addressee.NATIONAL_BODY: "A national body",
}

_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24,
}  # fmt: skip
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}

_WITHIN = re.compile(r"\bwithin\s+(?P<n>\d{1,3}|[a-z-]+)\s+(?P<unit>day|week|month|year)s?\b", re.IGNORECASE)
_BY_DATE = re.compile(
    r"\b(?:by|before|no later than)\s+(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"\s+(?P<month>[A-Za-z]+)\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
_BY_MONTH = re.compile(
    r"\b(?:by|before|no later than)\s+(?:the\s+end\s+of\s+)?(?P<month>[A-Za-z]+)\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
_IMMEDIATELY = re.compile(r"\b(?:immediately|with immediate effect)\b", re.IGNORECASE)


class TimescaleError(ValueError):
    """A timescale whose due date cannot be read."""


@dataclass(frozen=True)
class Timescale:
    text: str
    due_on: datetime.date


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def resolve(text: str, published_on: datetime.date | None) -> Timescale:
    """The due date a timescale gives. A period needs the publication date; a date does not."""
    stated = text.strip()
    if not stated:
        raise TimescaleError("the timescale is empty")
    if match := _BY_DATE.search(stated):
        return Timescale(stated, _date(match["year"], match["month"], match["day"], stated))
    if (match := _BY_MONTH.search(stated)) and match["month"].lower() in _MONTHS:
        year, month = int(match["year"]), _MONTHS[match["month"].lower()]
        return Timescale(stated, datetime.date(year, month, calendar.monthrange(year, month)[1]))
    period = _WITHIN.search(stated)
    immediate = _IMMEDIATELY.search(stated)
    if period is None and immediate is None:
        raise TimescaleError(
            f"cannot read a due date from {stated!r}: write a date ('by 31 March 2023'), "
            "a month ('by March 2023') or a period ('within six months')"
        )
    if published_on is None:
        raise TimescaleError(f"{stated!r} counts from publication, and the report has no publication date")
    if period is None:
        return Timescale(stated, published_on)
    count = _count(period["n"], stated)
    unit = period["unit"].lower()
    if unit == "day":
        due = published_on + datetime.timedelta(days=count)
    elif unit == "week":
        due = published_on + datetime.timedelta(weeks=count)
    else:
        due = add_months(published_on, count * (12 if unit == "year" else 1))
    return Timescale(stated, due)


def _count(word: str, stated: str) -> int:
    if word.isdigit():
        count = int(word)
    elif word.lower() in _NUMBERS:
        count = _NUMBERS[word.lower()]
    else:
        raise TimescaleError(f"cannot read the number {word!r} in {stated!r}")
    if not 0 < count <= 120:
        raise TimescaleError(f"{stated!r}: a period of {count} is outside 1 to 120")
    return count


def _date(year: str, month: str, day: str, stated: str) -> datetime.date:
    number = _MONTHS.get(month.lower())
    if number is None:
        raise TimescaleError(f"{stated!r}: {month!r} is not a month")
    try:
        return datetime.date(int(year), number, int(day))
    except ValueError as exc:
        raise TimescaleError(f"{stated!r}: {exc}") from exc
