"""The local policing body's response to a report: section 55 of the Police Act 1996 asks the
police and crime commissioner (in London, the Mayor's Office for Policing and Crime) to publish
comments on an inspection report, and since 2 May 2017 to publish them "before the end of the period
of 56 days beginning with the day on which the report is published" (subsection (5A), inserted by
section 37 of the Policing and Crime Act 2017, in force from 2 May 2017 by SI 2017/399).

The period begins with the day of publication, so that day is its first: a report published on
1 January has its response due by 25 February, the 56th day.

Which reports the deadline is worked out for, and when a missing response may be called overdue:

- a report published before its force had a local policing body (the Mayor's Office for Policing
  and Crime from 16 January 2012; police and crime commissioners from 22 November 2012) was sent to a
  police authority, whose comments were never due to anyone in 56 days: none is asked for here;
- a report published before 2 May 2017 went to a local policing body, but the law set no period for
  its comments: no due date, so nothing is overdue;
- a report published since then is due in 56 days; a missing response is overdue only for a report
  kept here from its start (run in this platform), where the platform is where the response is
  recorded. For a report published elsewhere and imported, a missing response means only that it is
  not recorded here: a public flag must not say that a body failed when we merely lack the record.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

RESPONSE_DAYS = 56
# Subsection (5A) in force (Policing and Crime Act 2017, s. 37; SI 2017/399, reg. 4(a)).
DEADLINE_FROM = datetime.date(2017, 5, 2)
# Police and crime commissioners took office on 22 November 2012; in London the Mayor's Office for
# Policing and Crime replaced the Metropolitan Police Authority on 16 January 2012.
POLICING_BODIES_FROM = datetime.date(2012, 11, 22)
_BODIES_FROM = {"metropolitan": datetime.date(2012, 1, 16)}


def response_due(published_on: datetime.date) -> datetime.date:
    """The last day for the response: the 56th day of the period beginning with the day the report
    was published (that day counted as the first)."""
    return published_on + datetime.timedelta(days=RESPONSE_DAYS - 1)


def response_overdue(
    published_on: datetime.date, responded_on: datetime.date | None, today: datetime.date
) -> bool:
    """No response by the end of its 56 days (a response published late is no longer overdue,
    but ``responded_late`` says it was late)."""
    return responded_on is None and today > response_due(published_on)


def responded_late(published_on: datetime.date, responded_on: datetime.date | None) -> bool:
    return responded_on is not None and responded_on > response_due(published_on)


def policing_body_from(force_id: str) -> datetime.date:
    """The day the force's local policing body took over from its police authority."""
    return _BODIES_FROM.get(force_id, POLICING_BODIES_FROM)


def deadline_applies(published_on: datetime.date, force_id: str) -> bool:
    """Whether section 55 asks the force's local policing body to respond within 56 days."""
    return published_on >= max(DEADLINE_FROM, policing_body_from(force_id))


class Standing(StrEnum):
    RESPONDED = "responded"
    RESPONDED_LATE = "responded-late"
    DUE = "due"
    OVERDUE = "overdue"
    NOT_RECORDED = "not-recorded"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Standing.RESPONDED: "Published",
    Standing.RESPONDED_LATE: "Published late",
    Standing.DUE: "Due",
    Standing.OVERDUE: "Overdue",
    Standing.NOT_RECORDED: "Not recorded",
}

NO_DATE = "the report's publication date is not recorded"
POLICE_AUTHORITY = (
    "published before the force had a local policing body: its police authority was sent the report"
)
NO_PERIOD = "published before 2 May 2017, when the law set no period for the response"
ELSEWHERE = (
    "no response is recorded here for a report published elsewhere; one may have been published "
    "that this platform does not hold"
)


@dataclass(frozen=True)
class ResponseState:
    """Where a report's response stands on a day."""

    standing: Standing
    due_on: datetime.date | None
    """The last day for the response; None where the law set none for this report."""
    days: int | None
    """Days left (due), days overdue, or days late (responded late); None otherwise."""
    note: str
    """Why a response is not recorded rather than overdue; empty otherwise."""


def response_state(
    published_on: datetime.date | None,
    responded_on: datetime.date | None,
    today: datetime.date,
    *,
    force_id: str,
    kept_here: bool,
) -> ResponseState:
    """Where the response to a report published on ``published_on`` stands on ``today``.
    ``kept_here``: the inspection was run in this platform, so its response is recorded here."""
    if published_on is None:
        if responded_on is not None:
            return ResponseState(Standing.RESPONDED, None, None, "")
        return ResponseState(Standing.NOT_RECORDED, None, None, NO_DATE)
    applies = deadline_applies(published_on, force_id)
    due = response_due(published_on) if applies else None
    if responded_on is not None:
        if due is not None and responded_on > due:
            return ResponseState(Standing.RESPONDED_LATE, due, (responded_on - due).days, "")
        return ResponseState(Standing.RESPONDED, due, None, "")
    if due is None:
        before_body = published_on < policing_body_from(force_id)
        return ResponseState(
            Standing.NOT_RECORDED, None, None, POLICE_AUTHORITY if before_body else NO_PERIOD
        )
    if today <= due:
        return ResponseState(Standing.DUE, due, (due - today).days, "")
    if not kept_here:
        return ResponseState(Standing.NOT_RECORDED, due, None, ELSEWHERE)
    return ResponseState(Standing.OVERDUE, due, (today - due).days, "")
