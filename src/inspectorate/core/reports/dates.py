"""A report's publication date, as its text prints it: "12 May 2022", "February 2016", "09/09/2019".

Many published reports print no day (a month, or nothing at all): the day a report became public is
then the first of its month, and the label says only what the report says.
"""

from __future__ import annotations

import datetime
import re

FORMATS = ("%d %B %Y", "%d %b %Y", "%B %Y", "%b %Y", "%d/%m/%Y", "%Y-%m-%d")
# A date inside a longer line ("Last updated 09/09/2019"): a day, month and year, or a month and year.
_WITHIN = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}|(?:\d{1,2} )?[A-Z][a-z]+ \d{4}")


def _parsed(text: str) -> datetime.date | None:
    for fmt in FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def publication_day(label: str | None) -> datetime.date | None:
    """The day a printed date names (the first of the month for a month), or None when it names none."""
    text = " ".join((label or "").replace(",", " ").split())
    day = _parsed(text)
    if day is not None:
        return day
    found = _WITHIN.search(text)
    return _parsed(found.group(0)) if found else None
