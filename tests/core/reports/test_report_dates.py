"""Publication dates as reports print them, read as the day they became public."""

from __future__ import annotations

import datetime

import pytest

from inspectorate.core.reports.dates import publication_day


@pytest.mark.parametrize(
    ("label", "day"),
    [
        ("12 May 2022", datetime.date(2022, 5, 12)),
        ("3 September 2014", datetime.date(2014, 9, 3)),
        ("February 2016", datetime.date(2016, 2, 1)),
        ("09/09/2019", datetime.date(2019, 9, 9)),
        ("2022-05-12", datetime.date(2022, 5, 12)),
        ("12 May, 2022", datetime.date(2022, 5, 12)),
        ("Last updated 09/09/2019", datetime.date(2019, 9, 9)),
        ("Published in October 2006", datetime.date(2006, 10, 1)),
    ],
)
def test_a_printed_date_is_the_day_it_names(label, day):
    assert publication_day(label) == day


@pytest.mark.parametrize("label", [None, "", "no publication date printed", "31 February 2022", "2022/23"])
def test_no_day_is_guessed_where_the_text_names_none(label):
    assert publication_day(label) is None
