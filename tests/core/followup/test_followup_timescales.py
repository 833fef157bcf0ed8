"""A finding's timescale as a report gives it, and the due date it gives (core/followup/timescales.py)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inspectorate.core.followup.timescales import Addressee, TimescaleError, add_months, resolve

PUBLISHED = datetime.date(2022, 1, 31)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("by 31 March 2023", datetime.date(2023, 3, 31)),
        ("By the 1st April 2023", datetime.date(2023, 4, 1)),
        ("no later than 30 September 2022", datetime.date(2022, 9, 30)),
        ("by March 2023", datetime.date(2023, 3, 31)),
        ("by the end of February 2024", datetime.date(2024, 2, 29)),  # a leap year
        ("within six months", datetime.date(2022, 7, 31)),
        ("Within 3 months of this report", datetime.date(2022, 4, 30)),  # 31 April does not exist
        ("within one month", datetime.date(2022, 2, 28)),  # nor 31 February
        ("within 2 years", datetime.date(2024, 1, 31)),
        ("within a year", datetime.date(2023, 1, 31)),
        ("within 12 weeks", datetime.date(2022, 4, 25)),
        ("within 10 days", datetime.date(2022, 2, 10)),
        ("immediately", PUBLISHED),
    ],
)
def test_a_timescale_gives_its_due_date(text, due):
    resolved = resolve(text, PUBLISHED)
    assert resolved.due_on == due
    assert resolved.text == text.strip()


def test_a_date_needs_no_publication_date():
    assert resolve("by 31 March 2023", None).due_on == datetime.date(2023, 3, 31)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("as soon as possible", "cannot read a due date"),
        ("by 31 February 2023", "day is out of range"),
        ("by 12 Smarch 2023", "is not a month"),
        ("within 0 months", "outside 1 to 120"),
        ("within 500 months", "outside 1 to 120"),
        ("within several months", "cannot read the number"),
    ],
)
def test_a_bad_timescale_is_refused_with_its_reason(text, message):
    with pytest.raises(TimescaleError, match=message):
        resolve(text, PUBLISHED)


def test_a_period_without_a_publication_date_is_refused():
    with pytest.raises(TimescaleError, match="counts from publication"):
        resolve("within six months", None)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime.date(2022, 1, 31), 1, datetime.date(2022, 2, 28)),
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2022, 8, 31), 1, datetime.date(2022, 9, 30)),
        (datetime.date(2022, 11, 15), 3, datetime.date(2023, 2, 15)),
        (datetime.date(2022, 12, 31), 12, datetime.date(2023, 12, 31)),
        (datetime.date(2020, 2, 29), 12, datetime.date(2021, 2, 28)),
    ],
)
def test_month_arithmetic_keeps_to_the_months_last_day(start, months, expected):
    assert add_months(start, months) == expected


@given(
    published=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)),
    count=st.integers(min_value=1, max_value=120),
    unit=st.sampled_from(["day", "week", "month", "year"]),
)
def test_a_period_is_never_due_before_publication(published, count, unit):
    if unit == "year" and count > 10:
        count = 10  # 120 years from 2100 is past the calendar's end
    due = resolve(f"within {count} {unit}s", published).due_on
    assert due > published


@given(published=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_more_months_are_never_due_sooner(published):
    dues = [add_months(published, n) for n in range(1, 25)]
    assert dues == sorted(dues) and len(set(dues)) == len(dues)


def test_addressee_labels():
    assert Addressee.LOCAL_POLICING_BODY.label == "The local policing body"
