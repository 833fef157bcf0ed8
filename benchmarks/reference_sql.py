"""The hand-written DuckDB reference: the least work that gives the engine's answer.

Each CSV is read with its column types spelled out and streamed straight into a Parquet file, with
no checks and nothing held in between; then one aggregate query per table counts, by month (and by
the one key its indicators are broken down by), every numerator and denominator that both periods
need. Nothing here is shared with the engine except the table layout of the data return.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
from figures import Counts, PeriodBounds

# Column types of each file, as read_csv takes them.
COLUMNS = {
    "calls": {
        "call_id": "VARCHAR",
        "channel": "VARCHAR",
        "received_at": "TIMESTAMP",
        "answered_at": "TIMESTAMP",
        "abandoned": "BOOLEAN",
    },
    "incidents": {
        "incident_id": "VARCHAR",
        "call_id": "VARCHAR",
        "opened_at": "TIMESTAMP",
        "category": "VARCHAR",
        "response_grade": "VARCHAR",
        "target_minutes": "BIGINT",
        "attended_at": "TIMESTAMP",
        "thrive_assessed": "BOOLEAN",
        "vulnerable": "BOOLEAN",
        "repeat_victim": "BOOLEAN",
        "offence_group": "VARCHAR",
    },
    "crimes": {
        "crime_id": "VARCHAR",
        "incident_id": "VARCHAR",
        "reported_at": "TIMESTAMP",
        "recorded_on": "DATE",
        "offence_group": "VARCHAR",
        "ho_code": "VARCHAR",
        "crime_type": "VARCHAR",
        "victim_ref": "VARCHAR",
        "domestic_abuse": "BOOLEAN",
    },
    "outcomes": {"crime_id": "VARCHAR", "outcome_type": "BIGINT", "outcome_on": "DATE"},
    "stop_search": {
        "type": "VARCHAR",
        "searched_at": "TIMESTAMP",
        "part_of_policing_operation": "BOOLEAN",
        "policing_operation": "VARCHAR",
        "latitude": "DOUBLE",
        "longitude": "DOUBLE",
        "gender": "VARCHAR",
        "age_range": "VARCHAR",
        "self_defined_ethnicity": "VARCHAR",
        "officer_defined_ethnicity": "VARCHAR",
        "legislation": "VARCHAR",
        "object_of_search": "VARCHAR",
        "outcome": "VARCHAR",
        "outcome_linked_to_object_of_search": "BOOLEAN",
        "removal_of_more_than_just_outer_clothing": "BOOLEAN",
    },
    "asb": {"asb_id": "VARCHAR", "reported_on": "DATE", "category": "VARCHAR", "lsoa_code": "VARCHAR"},
    "survey": {
        "response_id": "VARCHAR",
        "surveyed_on": "DATE",
        "crime_id": "VARCHAR",
        "whole_experience": "VARCHAR",
    },
    "population": {"ethnic_group": "VARCHAR", "persons": "BIGINT", "as_of": "DATE", "source": "VARCHAR"},
}

# Self-defined ethnicity (either census scheme) to five groups; "not stated" is no group at all.
ETHNIC_GROUP = """CASE
    WHEN lower(trim(self_defined_ethnicity)) LIKE '%not stated%' THEN NULL
    WHEN lower(trim(self_defined_ethnicity)) LIKE 'white%' THEN 'White'
    WHEN lower(trim(self_defined_ethnicity)) LIKE 'black%' THEN 'Black'
    WHEN lower(trim(self_defined_ethnicity)) LIKE 'asian%' THEN 'Asian'
    WHEN lower(trim(self_defined_ethnicity)) LIKE 'mixed%' THEN 'Mixed'
    WHEN lower(trim(self_defined_ethnicity)) LIKE 'other%' THEN 'Other'
END"""


def csv_to_parquet(con: duckdb.DuckDBPyConnection, csv_path: Path, parquet_path: Path, table: str) -> None:
    columns = "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS[table].items()) + "}"
    con.execute(
        f"COPY (SELECT * FROM read_csv('{csv_path}', header = true, columns = {columns}, "
        f"auto_detect = false)) TO '{parquet_path}' (FORMAT parquet, COMPRESSION zstd)"
    )


def _span(column: str, kind: str, periods: list[PeriodBounds]) -> str:
    start, end = min(p.start for p in periods), max(p.end for p in periods)
    return f"{column} >= {kind} '{start}' AND {column} < {kind} '{end}'"


def _month(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


class _Monthly:
    """Rows of (month, key, counts...) from one query, summed into each period on demand."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.rows = [(_month(month), key, *counts) for month, key, *counts in rows]

    def months(self, period: PeriodBounds) -> set[date]:
        return {month for month, *_ in self.rows if period.start <= month < period.end}

    def total(self, period: PeriodBounds, column: int) -> int:
        return sum(row[2 + column] for row in self.rows if period.start <= row[0] < period.end)

    def by_key(self, period: PeriodBounds, column: int) -> dict[str | None, int]:
        found: dict[str | None, int] = defaultdict(int)
        for row in self.rows:
            if period.start <= row[0] < period.end:
                found[None if row[1] is None else str(row[1])] += row[2 + column]
        return dict(found)


def _files(paths: Path | Sequence[Path]) -> str:
    listed = [paths] if isinstance(paths, Path) else list(paths)
    return "[" + ", ".join(f"'{path}'" for path in listed) + "]"


def count_periods(
    con: duckdb.DuckDBPyConnection, parquet: Mapping[str, Path | Sequence[Path]], periods: list[PeriodBounds]
) -> tuple[list[Counts], dict[str, int]]:
    """Each period's counts, and residents by ethnic group (the latest figure for each group).

    ``parquet`` gives each table's file, or its files when a table is held in several batches.
    """

    def monthly(table: str, column: str, kind: str, key: str, counts: str) -> _Monthly:
        sql = (
            f"SELECT date_trunc('month', {column}) AS month, {key} AS key, {counts} "
            f"FROM read_parquet({_files(parquet[table])}) WHERE {_span(column, kind, periods)} GROUP BY ALL"
        )
        return _Monthly(con.execute(sql).fetchall())

    calls = monthly(
        "calls",
        "received_at",
        "TIMESTAMP",
        "NULL",
        """count(*),
        count(*) FILTER (WHERE channel = '999' AND answered_at IS NOT NULL),
        count(*) FILTER (WHERE channel = '999' AND answered_at - received_at <= INTERVAL 10 SECOND),
        count(*) FILTER (WHERE channel = '101'),
        count(*) FILTER (WHERE channel = '101' AND abandoned)""",
    )
    not_fraud = "offence_group IS DISTINCT FROM 'fraud'"
    crime_groups = monthly(
        "crimes",
        "recorded_on",
        "DATE",
        "offence_group",
        f"""count(*) FILTER (WHERE {not_fraud}),
        count(*) FILTER (WHERE {not_fraud} AND domestic_abuse),
        count(*) FILTER (WHERE {not_fraud} AND domestic_abuse IS NOT NULL)""",
    )
    crime_types = monthly(
        "crimes", "recorded_on", "DATE", "crime_type", f"count(*) FILTER (WHERE {not_fraud})"
    )
    outcomes = monthly("outcomes", "outcome_on", "DATE", "outcome_type", "count(*)")
    known = "response_grade IS NOT NULL AND target_minutes IS NOT NULL AND attended_at IS NOT NULL"
    incidents = monthly(
        "incidents",
        "opened_at",
        "TIMESTAMP",
        "response_grade",
        f"""count(*),
        count(*) FILTER (WHERE {known} AND attended_at - opened_at <= target_minutes * INTERVAL 1 MINUTE),
        count(*) FILTER (WHERE {known})""",
    )
    searches = monthly(
        "stop_search",
        "searched_at",
        "TIMESTAMP",
        ETHNIC_GROUP,
        "count(*) FILTER (WHERE type IN ('Person search', 'Person and Vehicle search'))",
    )
    asb = monthly("asb", "reported_on", "DATE", "NULL", "count(*)")
    survey = monthly(
        "survey",
        "surveyed_on",
        "DATE",
        "NULL",
        """count(*),
        count(*) FILTER (WHERE whole_experience IN ('very-satisfied', 'fairly-satisfied'))""",
    )
    population = _files(parquet["population"])
    residents = dict(
        con.execute(
            f"SELECT ethnic_group, arg_max(persons, as_of) FROM read_parquet({population}) GROUP BY 1"
        ).fetchall()
    )

    found: list[Counts] = []
    for p in periods:
        in_time, graded = incidents.by_key(p, 1), incidents.by_key(p, 2)
        found.append(
            Counts(
                months={
                    "calls": calls.months(p),
                    "crimes": crime_groups.months(p),
                    "outcomes": outcomes.months(p),
                    "incidents": incidents.months(p),
                    "stop_search": searches.months(p),
                    "asb": asb.months(p),
                    "survey": survey.months(p),
                },
                calls=calls.total(p, 0),
                answered_999=calls.total(p, 1),
                answered_999_10s=calls.total(p, 2),
                calls_101=calls.total(p, 3),
                abandoned_101=calls.total(p, 4),
                crimes_by_group=crime_groups.by_key(p, 0),
                crimes_by_type=crime_types.by_key(p, 0),
                domestic_abuse=crime_groups.total(p, 1),
                domestic_abuse_known=crime_groups.total(p, 2),
                outcomes_by_type=outcomes.by_key(p, 0),
                attendance={grade: (in_time.get(grade, 0), n) for grade, n in graded.items()},
                person_searches_by_group=searches.by_key(p, 0),
                asb=asb.total(p, 0),
                survey=survey.total(p, 0),
                satisfied=survey.total(p, 1),
            )
        )
    return found, {str(group): int(persons) for group, persons in residents.items()}
