"""The local policing body's response to a report: section 55 of the Police Act 1996 asks the
police and crime commissioner (in London, the Mayor's Office for Policing and Crime) to publish
comments on an inspection report within 56 days of its publication."""

from __future__ import annotations

import datetime

RESPONSE_DAYS = 56


def response_due(published_on: datetime.date) -> datetime.date:
    """The last day for the response: 56 days after the day the report was published."""
    return published_on + datetime.timedelta(days=RESPONSE_DAYS)


def response_overdue(
    published_on: datetime.date, responded_on: datetime.date | None, today: datetime.date
) -> bool:
    """No response by the end of its 56 days (a response published late is no longer overdue,
    but ``responded_late`` says it was late)."""
    return responded_on is None and today > response_due(published_on)


def responded_late(published_on: datetime.date, responded_on: datetime.date | None) -> bool:
    return responded_on is not None and responded_on > response_due(published_on)
