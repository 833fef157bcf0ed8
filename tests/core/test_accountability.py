"""The local policing body's 56-day response (core/followup/accountability.py): the deadline counted
as section 55(5A) of the Police Act 1996 counts it ("the period of 56 days beginning with the day on
which the report is published"), and when a missing response is overdue or only not recorded."""

from __future__ import annotations

import datetime

import pytest

from inspectorate.core.followup.accountability import (
    DEADLINE_FROM,
    ResponseState,
    Standing,
    deadline_applies,
    policing_body_from,
    responded_late,
    response_due,
    response_overdue,
    response_state,
)

D = datetime.date


@pytest.mark.parametrize(
    ("published", "due"),
    [
        # The day of publication is the period's first day: 31 days of January, then 25 of February.
        (D(2023, 1, 1), D(2023, 2, 25)),
        (D(2024, 1, 1), D(2024, 2, 25)),
        # Across 29 February in a leap year, and across 28 February in the year after.
        (D(2024, 1, 15), D(2024, 3, 10)),
        (D(2023, 1, 15), D(2023, 3, 11)),
        (D(2024, 1, 5), D(2024, 2, 29)),
        # Across the year's end.
        (D(2022, 12, 1), D(2023, 1, 25)),
    ],
)
def test_the_response_is_due_on_the_56th_day_counting_publication_day(published, due):
    assert response_due(published) == due
    assert (due - published).days + 1 == 56


def test_overdue_only_after_the_last_day_and_only_without_a_response():
    published = D(2023, 1, 1)
    assert not response_overdue(published, None, D(2023, 2, 25))
    assert response_overdue(published, None, D(2023, 2, 26))
    assert not response_overdue(published, D(2023, 3, 1), D(2023, 4, 1))


def test_a_response_after_the_last_day_was_late():
    published = D(2023, 1, 1)
    assert not responded_late(published, D(2023, 2, 25))
    assert responded_late(published, D(2023, 2, 26))
    assert not responded_late(published, None)


NEW_YEAR = D(2026, 1, 1)


def _state(published, responded=None, today=NEW_YEAR, force="kent", kept_here=True) -> ResponseState:
    return response_state(published, responded, today, force_id=force, kept_here=kept_here)


def test_a_report_run_here_without_a_response_after_its_deadline_is_overdue_by_the_days_since():
    state = _state(D(2025, 6, 1), today=D(2025, 8, 1))
    assert state.standing is Standing.OVERDUE
    assert state.due_on == D(2025, 7, 26)
    assert state.days == 6


def test_a_report_within_its_56_days_is_due_with_the_days_left():
    state = _state(D(2025, 6, 1), today=D(2025, 7, 20))
    assert (state.standing, state.days) == (Standing.DUE, 6)
    assert _state(D(2025, 6, 1), today=D(2025, 7, 26)).days == 0


def test_an_imported_report_without_a_response_is_not_recorded_rather_than_overdue():
    state = _state(D(2022, 9, 23), today=D(2026, 1, 1), kept_here=False)
    assert state.standing is Standing.NOT_RECORDED
    assert state.due_on == D(2022, 11, 17)
    assert "not hold" in state.note


def test_a_response_late_says_by_how_many_days():
    state = _state(D(2025, 6, 1), responded=D(2025, 7, 30))
    assert (state.standing, state.days) == (Standing.RESPONDED_LATE, 4)
    assert _state(D(2025, 6, 1), responded=D(2025, 7, 26)).standing is Standing.RESPONDED


def test_no_deadline_before_the_56_days_were_in_the_law():
    before = DEADLINE_FROM - datetime.timedelta(days=1)
    assert not deadline_applies(before, "kent")
    assert deadline_applies(DEADLINE_FROM, "kent")
    state = _state(before, today=D(2026, 1, 1))
    assert (state.standing, state.due_on) == (Standing.NOT_RECORDED, None)
    assert "2 May 2017" in state.note


def test_before_the_local_policing_body_the_police_authority_had_the_report():
    # MOPAC took over from the Metropolitan Police Authority before the commissioners elsewhere.
    assert policing_body_from("metropolitan") < policing_body_from("kent")
    state = _state(D(2006, 10, 1), force="metropolitan")
    assert state.standing is Standing.NOT_RECORDED
    assert "police authority" in state.note
    assert "police authority" not in _state(D(2012, 6, 1), force="metropolitan").note
    assert "police authority" in _state(D(2012, 6, 1), force="kent").note


def test_a_report_without_a_publication_date_has_no_deadline():
    state = _state(None)
    assert (state.standing, state.due_on) == (Standing.NOT_RECORDED, None)
    assert _state(None, responded=D(2022, 1, 1)).standing is Standing.RESPONDED
