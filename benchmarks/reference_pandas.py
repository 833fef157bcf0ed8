"""The straightforward pandas implementation: what an analyst would write in a notebook.

Each CSV is read with ``pandas.read_csv`` (text, boolean and integer columns given their dtypes, date
columns parsed), kept in memory as a DataFrame, written to Parquet with pyarrow (the same storage
work the engine does), and counted with boolean masks and ``value_counts``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from figures import Counts, PeriodBounds

DATES = {
    "calls": ["received_at", "answered_at"],
    "incidents": ["opened_at", "attended_at"],
    "crimes": ["reported_at", "recorded_on"],
    "outcomes": ["outcome_on"],
    "stop_search": ["searched_at"],
    "asb": ["reported_on"],
    "survey": ["surveyed_on"],
    "population": ["as_of"],
}
# Booleans may be empty, so they take pandas' nullable boolean type; so do the integer columns.
DTYPES = {
    "calls": {"call_id": str, "channel": str, "abandoned": "boolean"},
    "incidents": {
        "incident_id": str,
        "call_id": str,
        "category": str,
        "response_grade": str,
        "target_minutes": "Int64",
        "thrive_assessed": "boolean",
        "vulnerable": "boolean",
        "repeat_victim": "boolean",
        "offence_group": str,
    },
    "crimes": {
        "crime_id": str,
        "incident_id": str,
        "offence_group": str,
        "ho_code": str,
        "crime_type": str,
        "victim_ref": str,
        "domestic_abuse": "boolean",
    },
    "outcomes": {"crime_id": str, "outcome_type": "Int64"},
    "stop_search": {
        "type": str,
        "part_of_policing_operation": "boolean",
        "policing_operation": str,
        "latitude": float,
        "longitude": float,
        "gender": str,
        "age_range": str,
        "self_defined_ethnicity": str,
        "officer_defined_ethnicity": str,
        "legislation": str,
        "object_of_search": str,
        "outcome": str,
        "outcome_linked_to_object_of_search": "boolean",
        "removal_of_more_than_just_outer_clothing": "boolean",
    },
    "asb": {"asb_id": str, "category": str, "lsoa_code": str},
    "survey": {"response_id": str, "crime_id": str, "whole_experience": str},
    "population": {"ethnic_group": str, "persons": "Int64", "source": str},
}
DATE_COLUMN = {
    "calls": "received_at",
    "incidents": "opened_at",
    "crimes": "recorded_on",
    "outcomes": "outcome_on",
    "stop_search": "searched_at",
    "asb": "reported_on",
    "survey": "surveyed_on",
}


def read(csv_path: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(csv_path, dtype=DTYPES[table], parse_dates=DATES[table])


def write_parquet(frame: pd.DataFrame, parquet_path: Path) -> None:
    frame.to_parquet(parquet_path, engine="pyarrow", compression="zstd", index=False)


def ethnic_group(values: pd.Series) -> pd.Series:
    """Five groups from self-defined ethnicity: the group name starts the value in both census schemes."""
    text = values.str.strip().str.lower()
    group = pd.Series(None, index=values.index, dtype=object)
    for name in ("White", "Black", "Asian", "Mixed", "Other"):
        group[text.str.startswith(name.lower(), na=False)] = name
    # "Other ethnic group - Not stated" is no group at all.
    group[text.str.contains("not stated", na=False)] = None
    return group


def _keyed(series: pd.Series) -> dict[str | None, int]:
    counts = series.value_counts(dropna=False)
    return {(None if pd.isna(key) else str(key)): int(n) for key, n in counts.items()}


def count_periods(
    frames: dict[str, pd.DataFrame], periods: list[PeriodBounds]
) -> tuple[list[Counts], dict[str, int]]:
    found: list[Counts] = []
    for period in periods:
        start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
        t: dict[str, pd.DataFrame] = {}
        months = {}
        for table, column in DATE_COLUMN.items():
            frame = frames[table]
            t[table] = frame[(frame[column] >= start) & (frame[column] < end)]
            months[table] = {m.date() for m in t[table][column].dt.to_period("M").dt.start_time.unique()}

        calls = t["calls"]
        is_999, is_101 = calls["channel"] == "999", calls["channel"] == "101"
        crimes = t["crimes"]
        crimes = crimes[crimes["offence_group"] != "fraud"]
        incidents = t["incidents"]
        known = (
            incidents["response_grade"].notna()
            & incidents["target_minutes"].notna()
            & incidents["attended_at"].notna()
        )
        late_by = incidents["attended_at"] - incidents["opened_at"]
        limit = pd.to_timedelta(incidents["target_minutes"].astype("float64"), unit="min")
        in_time = known & (late_by <= limit)
        by_grade = in_time[known].groupby(incidents.loc[known, "response_grade"]).agg(["sum", "size"])
        searches = t["stop_search"]
        people = searches[searches["type"].isin(["Person search", "Person and Vehicle search"])]
        survey = t["survey"]

        found.append(
            Counts(
                months=months,
                calls=len(calls),
                answered_999=int((is_999 & calls["answered_at"].notna()).sum()),
                answered_999_10s=int(
                    (is_999 & (calls["answered_at"] - calls["received_at"] <= pd.Timedelta(seconds=10))).sum()
                ),
                calls_101=int(is_101.sum()),
                abandoned_101=int((is_101 & calls["abandoned"].fillna(False)).sum()),
                crimes_by_group=_keyed(crimes["offence_group"]),
                crimes_by_type=_keyed(crimes["crime_type"]),
                domestic_abuse=int(crimes["domestic_abuse"].fillna(False).sum()),
                domestic_abuse_known=int(crimes["domestic_abuse"].notna().sum()),
                outcomes_by_type=_keyed(t["outcomes"]["outcome_type"]),
                attendance={
                    str(grade): (int(row["sum"]), int(row["size"])) for grade, row in by_grade.iterrows()
                },
                person_searches_by_group=_keyed(ethnic_group(people["self_defined_ethnicity"])),
                asb=len(t["asb"]),
                survey=len(survey),
                satisfied=int(survey["whole_experience"].isin(["very-satisfied", "fairly-satisfied"]).sum()),
            )
        )
    population = frames["population"]
    latest = population.sort_values("as_of").groupby("ethnic_group").tail(1)
    residents = {
        str(group): int(persons)
        for group, persons in zip(latest["ethnic_group"], latest["persons"], strict=True)
    }
    return found, residents
