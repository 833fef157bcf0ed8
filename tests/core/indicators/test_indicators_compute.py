"""Indicator values worked out from the hand-built force in conftest.py, checked against hand counts."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from inspectorate.core.indicators import (
    DEFINITIONS,
    ForceContext,
    IndicatorValue,
    MissingData,
    Period,
    compute_periods,
    compute_values,
    compute_values_with_previous,
    empty_tables,
)

YEAR = Period.statistical_year(2021)
CONTEXT = ForceContext("kent", 4000, "made up for the tests")


@pytest.mark.parametrize(
    ("indicator_id", "numerator", "denominator", "value"),
    [
        # 6 calls on 999, 6 on 101, 3 online; the calls at 23:59:59 on 31 March 2020 and at midnight
        # on 1 April 2021 fall outside. 15 / 4000 * 1000.
        ("calls-per-1000", 15, 4000, 3.75),
        # 15 crime rows, less the fraud: 14 / 4000 * 1000.
        ("recorded-crime-per-1000", 14, 4000, 3.5),
        # Victim-based: 2 violence, 1 sexual, 1 burglary, 3 theft, 1 criminal damage, 1 robbery,
        # 1 vehicle = 10 (drugs, public order, weapons and the crime with no group are not). 10 / 4000 * 1000.
        ("victim-based-crime-per-1000", 10, 4000, 2.5),
        # 13 rows in the year; the one on 31 March 2020 is outside. 13 / 4000 * 1000.
        ("asb-per-1000", 13, 4000, 3.25),
        # 14 crimes, 3 with the flag empty, so 11 known; 3 of them flagged (the fraud is left out). 3 / 11.
        ("domestic-abuse-share", 3, 11, 300 / 11),
        # 12 outcomes in the year (the one on 1 April 2021 is outside) over 14 crimes.
        ("outcome-rate", 12, 14, 1200 / 14),
        # Three outcomes of type 1 over 14 crimes.
        ("charge-rate", 3, 14, 300 / 14),
        # 999 calls answered: 5 (one abandoned); within 10 s: 5 s, 10 s, 3 s = 3. 3 / 5.
        ("999-answered-within-10s", 3, 5, 60.0),
        # 101 calls: 6, two abandoned. 2 / 6.
        ("101-abandoned", 2, 6, 100 / 3),
        # 9 incidents with grade, target and attendance; in time: 10, 15, 30, 59 and 1 minute = 5. 5 / 9.
        ("attendance-within-target", 5, 9, 500 / 9),
        # 12 searches less one vehicle-only search. 11 / 4000 * 1000.
        ("stop-search-per-1000", 11, 4000, 2.75),
        # Black: 3 searches per 500 residents = 6 per 1,000; White: 3 per 3,000 = 1 per 1,000. 6 / 1.
        ("stop-search-disproportionality", 6.0, 1.0, 6.0),
        # 3 very and 4 fairly satisfied of 12 answers. 7 / 12.
        ("victim-satisfaction", 7, 12, 700 / 12),
    ],
)
def test_each_indicator_matches_the_hand_count(
    con: duckdb.DuckDBPyConnection, indicator_id: str, numerator: float, denominator: float, value: float
) -> None:
    result = compute_values(con, CONTEXT, YEAR)[indicator_id]
    assert result.missing is None, result.reason
    assert result.numerator == pytest.approx(numerator)
    assert result.denominator == pytest.approx(denominator)
    assert result.value == pytest.approx(value)


def test_every_registered_indicator_gets_a_value(con: duckdb.DuckDBPyConnection) -> None:
    values = compute_values(con, CONTEXT, YEAR)
    assert list(values) == [definition.id for definition in DEFINITIONS]
    assert all(value.available for value in values.values())


def rows(value: IndicatorValue, dimension: str) -> dict[str | None, tuple[float, float, float | None]]:
    found = (row for row in value.breakdown if row.dimension == dimension)
    return {row.key: (row.numerator, row.denominator, row.value) for row in found}


def test_recorded_crime_breaks_down_by_crime_type_and_offence_group(con: duckdb.DuckDBPyConnection) -> None:
    value = compute_values(con, CONTEXT, YEAR)["recorded-crime-per-1000"]
    by_type = rows(value, "crime-type")
    # Three violence and sexual offences rows; two each of other theft and vehicle crime.
    assert by_type["Violence and sexual offences"] == (3, 4000, 0.75)
    assert by_type["Other theft"] == (2, 4000, 0.5)
    assert by_type["Vehicle crime"] == (2, 4000, 0.5)
    assert by_type["Burglary"] == (1, 4000, 0.25)
    # Listed types with no crimes show as zero; no crime lacks a type, so there is no "not recorded" row.
    assert by_type["Bicycle theft"] == (0, 4000, 0.0)
    assert None not in by_type
    by_group = rows(value, "offence-group")
    assert by_group["theft"] == (3, 4000, 0.75)
    assert by_group["violence-against-the-person"] == (2, 4000, 0.5)
    assert by_group[None] == (1, 4000, 0.25)
    assert "fraud" not in by_group
    # Each breakdown adds up to the whole.
    assert sum(n for n, _, _ in by_type.values()) == sum(n for n, _, _ in by_group.values()) == 14


def test_outcome_rate_breaks_down_by_type_and_group(con: duckdb.DuckDBPyConnection) -> None:
    value = compute_values(con, CONTEXT, YEAR)["outcome-rate"]
    by_type = rows(value, "outcome-type")
    assert list(by_type) == [str(n) for n in range(1, 23)]
    assert by_type["1"] == (3, 14, pytest.approx(300 / 14))
    assert by_type["8"] == (2, 14, pytest.approx(200 / 14))
    assert by_type["5"] == (0, 14, 0.0)
    by_group = rows(value, "outcome-group")
    # Out-of-court (formal) is types 2, 3 and 6: one each. Informal is 7 and 8: one and two.
    assert by_group["out-of-court-formal"] == (3, 14, pytest.approx(300 / 14))
    assert by_group["out-of-court-informal"] == (3, 14, pytest.approx(300 / 14))
    assert by_group["taken-into-consideration"] == (1, 14, pytest.approx(100 / 14))
    assert by_group["charged-summonsed"] == by_type["1"]


def test_attendance_breaks_down_by_response_grade(con: duckdb.DuckDBPyConnection) -> None:
    by_grade = rows(compute_values(con, CONTEXT, YEAR)["attendance-within-target"], "response-grade")
    # Immediate: 10, 15, 16, 1, 20 minutes against 15 -> 3 of 5.
    # Priority: 30, 90, 61, 59 against 60 -> 2 of 4.
    assert by_grade == {"immediate": (3, 5, 60.0), "priority": (2, 4, 50.0)}


def test_disproportionality_shows_each_group_rate_per_1000(con: duckdb.DuckDBPyConnection) -> None:
    by_group = rows(compute_values(con, CONTEXT, YEAR)["stop-search-disproportionality"], "ethnic-group")
    assert by_group["White"] == (3, 3000, 1.0)  # the latest White figure, not the 2011 one
    assert by_group["Black"] == (3, 500, 6.0)
    assert by_group["Asian"] == (1, 300, pytest.approx(1000 / 300))
    assert by_group["Mixed"] == (1, 100, 10.0)
    assert by_group["Other"] == (1, 100, 10.0)  # "Other Ethnic Group - Chinese (O1)"
    # "Not stated" and a blank ethnicity have no group and no residents to divide by.
    assert by_group[None] == (2, 0, None)


def test_without_a_population_rates_are_unavailable_but_proportions_are_not(
    con: duckdb.DuckDBPyConnection,
) -> None:
    values = compute_values(con, ForceContext("kent", 0, "none held"), YEAR)
    assert values["calls-per-1000"].missing is MissingData.NO_POPULATION
    assert values["calls-per-1000"].reason == "no population figure for kent"
    assert values["calls-per-1000"].value is None
    assert values["victim-satisfaction"].available


def test_victim_based_crime_needs_an_offence_group(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE crimes SET offence_group = NULL WHERE offence_group <> 'fraud'")
    values = compute_values(con, CONTEXT, YEAR)
    assert values["victim-based-crime-per-1000"].missing is MissingData.NOT_RECORDED
    assert values["victim-based-crime-per-1000"].reason == "crimes in the period have no offence group"
    # Police.uk-style crimes with no group still count as recorded crime.
    assert values["recorded-crime-per-1000"].numerator == 14


def test_domestic_abuse_share_needs_the_flag(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE crimes SET domestic_abuse = NULL")
    value = compute_values(con, CONTEXT, YEAR)["domestic-abuse-share"]
    assert value.missing is MissingData.ZERO_DENOMINATOR
    assert value.reason == "no crime in the period has its domestic abuse flag filled in"


def test_disproportionality_needs_the_population_by_ethnic_group(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("DELETE FROM population")
    value = compute_values(con, CONTEXT, YEAR)["stop-search-disproportionality"]
    assert (value.missing, value.reason) == (MissingData.NOT_RECORDED, "no population by ethnic group")
    con.execute("INSERT INTO population VALUES ('White', 3000, DATE '2021-03-21', 'made up')")
    value = compute_values(con, CONTEXT, YEAR)["stop-search-disproportionality"]
    assert value.reason == "no Black residents in the population by ethnic group"


def test_disproportionality_needs_searches_of_white_people(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "UPDATE stop_search SET self_defined_ethnicity = 'Other ethnic group - Arab' "
        "WHERE self_defined_ethnicity LIKE 'White%'"
    )
    value = compute_values(con, CONTEXT, YEAR)["stop-search-disproportionality"]
    assert value.missing is MissingData.ZERO_DENOMINATOR
    assert value.reason == "no person searches of White people in the period"


def test_no_999_answers_or_101_calls_give_reasons(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE calls SET channel = 'online' WHERE channel = '101'")
    con.execute("UPDATE calls SET answered_at = NULL, abandoned = TRUE WHERE channel = '999'")
    values = compute_values(con, CONTEXT, YEAR)
    assert values["101-abandoned"].reason == "no 101 calls in the period"
    assert values["999-answered-within-10s"].reason == "no 999 calls were answered in the period"
    assert values["calls-per-1000"].value == 3.75


def test_a_month_with_no_records_makes_the_tables_indicators_unavailable(
    con: duckdb.DuckDBPyConnection,
) -> None:
    con.execute("DELETE FROM calls WHERE month(received_at) IN (5, 8)")
    values = compute_values(con, CONTEXT, YEAR)
    for indicator_id in ("calls-per-1000", "999-answered-within-10s", "101-abandoned"):
        assert values[indicator_id].missing is MissingData.MONTHS_MISSING
        assert values[indicator_id].value is None
        reason = "calls has no records for 2 of the 12 months: May 2020, August 2020"
        assert values[indicator_id].reason == reason
    assert values["asb-per-1000"].available


def test_outcome_rates_need_both_outcomes_and_crimes_to_cover_the_period(
    con: duckdb.DuckDBPyConnection,
) -> None:
    con.execute("DELETE FROM crimes WHERE recorded_on = DATE '2021-03-05'")
    values = compute_values(con, CONTEXT, YEAR)
    assert values["charge-rate"].reason == "crimes has no records for 1 of the 12 months: March 2021"
    assert values["outcome-rate"].missing is MissingData.MONTHS_MISSING


def test_empty_tables_give_no_records_reasons() -> None:
    con = duckdb.connect()
    empty_tables(con)
    values = compute_values(con, CONTEXT, YEAR)
    assert values["calls-per-1000"].reason == "no calls in the period"
    assert values["victim-satisfaction"].reason == "no survey answers in the period"
    assert values["stop-search-disproportionality"].missing is MissingData.NO_RECORDS
    assert not any(value.available for value in values.values())


def test_the_previous_period_comes_from_the_same_scans(con: duckdb.DuckDBPyConnection) -> None:
    current, previous = compute_values_with_previous(con, CONTEXT, YEAR)
    assert current == compute_values(con, CONTEXT, YEAR)
    # Only the boundary rows fall in the year before, so it is not covered.
    assert (
        previous["asb-per-1000"].reason
        == "asb has no records for 11 of the 12 months: "
        + ", ".join(
            f"{month} 2019"
            for month in (
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
        )
        + ", January 2020, February 2020"
    )


def test_a_year_moved_back_twelve_months_gives_the_same_values_for_the_previous_period(
    con: duckdb.DuckDBPyConnection,
) -> None:
    con.execute(
        "INSERT INTO asb SELECT * REPLACE (reported_on - INTERVAL 1 YEAR AS reported_on) FROM asb "
        "WHERE reported_on >= DATE '2020-04-01' AND reported_on < DATE '2021-04-01'"
    )
    con.execute(
        "INSERT INTO survey SELECT * REPLACE (surveyed_on - INTERVAL 1 YEAR AS surveyed_on) FROM survey"
    )
    current, previous = compute_values_with_previous(con, CONTEXT, YEAR)
    # The moved rows plus the one already on 31 March 2020: 13 + 1 = 14 / 4000 * 1000.
    assert previous["asb-per-1000"].value == 3.5
    assert previous["victim-satisfaction"] == current["victim-satisfaction"]
    earlier = compute_periods(con, CONTEXT, [YEAR.previous()])[0]
    assert earlier == previous


def test_any_periods_can_be_asked_for_together(con: duckdb.DuckDBPyConnection) -> None:
    half = Period(date(2020, 4, 1), date(2020, 10, 1))
    year, first_half = compute_periods(con, CONTEXT, [YEAR, half])
    # Six months: April to September 2020 hold 7 of the asb rows (two in April).
    assert first_half["asb-per-1000"].numerator == 7
    assert year["asb-per-1000"].numerator == 13
