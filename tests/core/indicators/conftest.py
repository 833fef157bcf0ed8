"""A small hand-built force: a dozen or so rows per table in the year ending 31 March 2021.

Every month of April 2020 to March 2021 has at least one row in each table, so the period is
fully covered; a few rows fall just outside it to check the period's edges. The expected
values in the tests are counted by hand from the rows below.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import duckdb
import pytest

from inspectorate.core.indicators import Period, empty_tables

YEAR = Period.statistical_year(2021)
MONTHS = YEAR.months


def at(month: int, *, seconds: int = 0, minutes: int = 0) -> datetime:
    """10:00 on the 5th of the ``month``-th month of the year (0 = April 2020), plus an offset."""
    start = datetime.combine(MONTHS[month].replace(day=5), datetime.min.time()).replace(hour=10)
    return start + timedelta(seconds=seconds, minutes=minutes)


def day(month: int) -> date:
    return MONTHS[month].replace(day=5)


# (channel, month, seconds to answer or None, abandoned)
CALLS = [
    ("999", 0, 5, False),
    ("999", 1, 10, False),  # exactly 10 seconds counts as within
    ("999", 2, 11, False),
    ("999", 3, 3, False),
    ("999", 4, None, True),  # never answered: not in the 999 denominator
    ("999", 5, 30, False),
    ("101", 6, None, True),
    ("101", 7, None, True),
    ("101", 8, 60, False),
    ("101", 9, 60, False),
    ("101", 10, 60, False),
    ("101", 11, 60, False),
    ("online", 0, None, False),
    ("online", 0, None, False),
    ("online", 0, None, False),
]

# (month, response_grade, target_minutes, minutes to attend or None)
INCIDENTS = [
    (0, "immediate", 15, 10),
    (1, "immediate", 15, 15),  # exactly on target counts as within
    (2, "immediate", 15, 16),
    (3, "immediate", 15, None),  # not attended: left out
    (4, "priority", 60, 30),
    (5, "priority", 60, 90),
    (6, "priority", 60, 61),
    (7, None, None, 5),  # no grade: left out
    (8, "immediate", None, 5),  # no target: left out
    (9, "priority", 60, 59),
    (10, "immediate", 15, 1),
    (11, "immediate", 15, 20),
]

# (month, offence_group, crime_type, domestic_abuse)
CRIMES = [
    (0, "violence-against-the-person", "Violence and sexual offences", True),
    (1, "violence-against-the-person", "Violence and sexual offences", False),
    (2, "sexual-offences", "Violence and sexual offences", True),
    (3, "burglary", "Burglary", False),
    (4, "theft", "Shoplifting", None),
    (5, "theft", "Other theft", False),
    (6, "drug-offences", "Drugs", False),
    (7, "public-order-offences", "Public order", None),
    (8, None, "Vehicle crime", False),
    (9, "criminal-damage-and-arson", "Criminal damage and arson", True),
    (10, "possession-of-weapons", "Possession of weapons", False),
    (11, "robbery", "Robbery", False),
    (0, "theft", "Other theft", None),
    (0, "vehicle-offences", "Vehicle crime", False),
    (3, "fraud", None, True),  # fraud is left out of every crime count
]

# (month, outcome_type)
OUTCOMES = [
    (0, 1),
    (1, 1),
    (2, 1),
    (3, 4),
    (4, 2),
    (5, 3),
    (6, 6),
    (7, 7),
    (8, 8),
    (9, 8),
    (10, 14),
    (11, 18),
]

# (month, type, self_defined_ethnicity)
SEARCHES = [
    (0, "Person search", "White - English/Welsh/Scottish/Northern Irish/British"),
    (1, "Person search", "White - White British (W1)"),
    (2, "Person and Vehicle search", "Black/African/Caribbean/Black British - African"),
    (3, "Person search", "Black or Black British - Caribbean (B1)"),
    (4, "Person search", "Black/African/Caribbean/Black British - Caribbean"),
    (5, "Vehicle search", "White - Any other White background"),
    (6, "Person search", "Asian/Asian British - Pakistani"),
    (7, "Person search", "Other ethnic group - Not stated"),
    (8, "Person search", None),
    (9, "Person search", "Mixed/Multiple ethnic groups - White and Asian"),
    (10, "Person search", "White - Irish"),
    (11, "Person search", "Other Ethnic Group - Chinese (O1)"),
]

# (ethnic_group, persons, as_of); the 2011 White figure is older and is not used.
RESIDENTS = [
    ("White", 3000, date(2021, 3, 21)),
    ("Black", 500, date(2021, 3, 21)),
    ("Asian", 300, date(2021, 3, 21)),
    ("Mixed", 100, date(2021, 3, 21)),
    ("Other", 100, date(2021, 3, 21)),
    ("White", 1000, date(2011, 3, 27)),
]

ASB_MONTHS = [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]

SURVEY = [
    "very-satisfied",
    "very-satisfied",
    "very-satisfied",
    "fairly-satisfied",
    "fairly-satisfied",
    "fairly-satisfied",
    "fairly-satisfied",
    "neither",
    "neither",
    "fairly-dissatisfied",
    "fairly-dissatisfied",
    "very-dissatisfied",
]


def insert_force_data(con: duckdb.DuckDBPyConnection) -> None:
    """The rows above, plus rows on either side of the year that must not be counted."""
    calls = [
        (f"C{n}", channel, at(month), None if wait is None else at(month, seconds=wait), abandoned)
        for n, (channel, month, wait, abandoned) in enumerate(CALLS)
    ]
    calls += [
        ("C-before", "999", datetime(2020, 3, 31, 23, 59, 59), datetime(2020, 3, 31, 23, 59, 59), False),
        ("C-after", "999", datetime(2021, 4, 1), datetime(2021, 4, 1), False),
    ]
    con.executemany("INSERT INTO calls VALUES (?, ?, ?, ?, ?)", calls)
    con.executemany(
        "INSERT INTO incidents VALUES (?, NULL, ?, 'crime', ?, ?, ?, NULL, NULL, NULL, NULL)",
        [
            (f"I{n}", at(month), grade, target, None if wait is None else at(month, minutes=wait))
            for n, (month, grade, target, wait) in enumerate(INCIDENTS)
        ],
    )
    con.executemany(
        "INSERT INTO crimes VALUES (?, NULL, NULL, ?, ?, NULL, ?, NULL, ?)",
        [(f"K{n}", day(month), group, kind, da) for n, (month, group, kind, da) in enumerate(CRIMES)]
        + [("K-after", date(2021, 4, 1), "theft", "Other theft", True)],
    )
    con.executemany(
        "INSERT INTO outcomes VALUES (?, ?, ?)",
        [(f"K{n}", kind, day(month)) for n, (month, kind) in enumerate(OUTCOMES)]
        + [("K-after", 1, date(2021, 4, 1))],
    )
    con.executemany(
        "INSERT INTO stop_search (type, searched_at, self_defined_ethnicity) VALUES (?, ?, ?)",
        [(kind, at(month), ethnicity) for month, kind, ethnicity in SEARCHES],
    )
    con.executemany("INSERT INTO population VALUES (?, ?, ?, 'made up')", RESIDENTS)
    con.executemany(
        "INSERT INTO asb (asb_id, reported_on) VALUES (?, ?)",
        [(f"A{n}", day(month)) for n, month in enumerate(ASB_MONTHS)] + [("A-before", date(2020, 3, 31))],
    )
    con.executemany(
        "INSERT INTO survey VALUES (?, ?, NULL, ?)",
        [(f"S{n}", day(n), answer) for n, answer in enumerate(SURVEY)],
    )


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    empty_tables(connection)
    insert_force_data(connection)
    yield connection
    connection.close()
