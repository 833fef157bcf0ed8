"""The audit frame: the crime-related incidents of a period, each with its stratum and recorded crimes.

The frame is built in one DuckDB query over the data store, so a Metropolitan half-year (about half
a million incidents) is read once: calls give the reporting route, crimes are gathered per incident
in the same query rather than looked up record by record.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from inspectorate.core.cdi.types import OTHER, ROUTES, SEXUAL, VIOLENCE, FrameRecord
from inspectorate.core.data.sql import quote_text
from inspectorate.core.data.store import Dataset, DataStore
from inspectorate.core.indicators.periods import Period, add_months, month_label
from inspectorate.core.problems import InputError

if TYPE_CHECKING:
    import duckdb

FRAME_CATEGORIES = ("crime",)
ASB_CATEGORY = "anti-social-behaviour"
DEFAULT_PERIOD_MONTHS = 6
SHOWN_DUPLICATES = 3


def audit_frame(
    store: DataStore, dataset: Dataset, start: date, end: date, include_asb: bool = False
) -> list[FrameRecord]:
    """The incidents opened from ``start`` to ``end`` inclusive that the audit samples, by incident id."""
    if start > end:
        raise InputError(f"the audit period starts on {start} after it ends on {end}")
    _check_incidents_cover(dataset, start, end)
    categories = FRAME_CATEGORIES + ((ASB_CATEGORY,) if include_asb else ())
    routes = ", ".join(quote_text(route) for route in ROUTES)
    # Calls are reduced to one row per id before the join, so a call id repeated across batches
    # cannot put an incident in the frame twice.
    sql = f"""
        WITH frame AS (
            SELECT incident_id, call_id, opened_at, offence_group FROM incidents
            WHERE opened_at >= ? AND opened_at < ?
              AND category IN ({", ".join(quote_text(c) for c in categories)})
        ),
        channels AS (
            SELECT call_id, min(channel) AS channel FROM {{calls}}
            WHERE call_id IN (SELECT call_id FROM frame) GROUP BY call_id
        ),
        recorded AS (
            SELECT incident_id,
                   list([crime_id, CAST(recorded_on AS VARCHAR), offence_group]
                        ORDER BY crime_id, recorded_on, offence_group) AS crimes
            FROM {{crimes}} WHERE incident_id IN (SELECT incident_id FROM frame) GROUP BY incident_id
        )
        SELECT f.incident_id, CAST(f.opened_at AS VARCHAR),
               CASE f.offence_group WHEN {quote_text(VIOLENCE)} THEN {quote_text(VIOLENCE)}
                                    WHEN {quote_text(SEXUAL)} THEN {quote_text(SEXUAL)}
                                    ELSE {quote_text(OTHER)} END,
               CASE WHEN c.channel IN ({routes}) THEN c.channel ELSE 'no-call' END,
               f.offence_group, r.crimes
        FROM frame f LEFT JOIN channels c ON f.call_id = c.call_id
        LEFT JOIN recorded r ON f.incident_id = r.incident_id
        ORDER BY f.incident_id, f.opened_at
    """
    con = store.connect(dataset)
    try:
        calls, crimes = _sources(con, dataset)
        rows = con.execute(
            sql.format(calls=calls, crimes=crimes), [start, end + timedelta(days=1)]
        ).fetchall()
    finally:
        con.close()
    if not rows:
        kinds = " or ".join(categories)
        raise InputError(f"{dataset.ref} has no {kinds} incidents opened from {start} to {end}")
    _check_unique([row[0] for row in rows], dataset)
    return [
        FrameRecord(
            incident_id=incident_id,
            opened_at=opened_at,
            crime_group=crime_group,
            route=route,
            incident_offence_group=offence_group,
            crimes=tuple((crime[0], crime[1], crime[2]) for crime in crimes or ()),
        )
        for incident_id, opened_at, crime_group, route, offence_group, crimes in rows
    ]


# Stand-ins for a table the dataset does not have: no calls (every incident is "no call"), or no
# crimes (none recorded from any incident).
NO_CALLS = "(SELECT NULL::VARCHAR AS call_id, NULL::VARCHAR AS channel WHERE false)"
NO_CRIMES = (
    "(SELECT NULL::VARCHAR AS crime_id, NULL::VARCHAR AS incident_id, NULL::DATE AS recorded_on, "
    "NULL::VARCHAR AS offence_group WHERE false)"
)


def _sources(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> tuple[str, str]:
    """What the frame query reads calls and crimes from, having checked the incidents' columns."""
    columns = set(
        con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_name IN ('incidents', 'calls', 'crimes')"
        ).fetchall()
    )
    if ("incidents", "offence_group") not in columns:
        # Loaded before incidents carried their offence class: the strata cannot be formed.
        raise InputError(
            f"{dataset.ref}'s incidents were loaded without the offence_group column: "
            "load the return again (see docs/data-return.md)"
        )
    tables = {table for table, _ in columns}
    return ("calls" if "calls" in tables else NO_CALLS, "crimes" if "crimes" in tables else NO_CRIMES)


def recorded_crime_12_months(store: DataStore, dataset: Dataset, end: date) -> tuple[int, str] | None:
    """Crimes other than fraud recorded in the 12 calendar months ending with ``end``'s month.

    This is the recorded-crime figure the reports apply the estimated recording rate to; None when
    the dataset's crimes do not cover all 12 months, since a part-year count would understate it.
    """
    year = Period.twelve_months_to(add_months(end, 1) - timedelta(days=1))
    covered = set(dataset.months("crimes"))
    if any(_month_key(month) not in covered for month in year.months):
        return None
    con = store.connect(dataset)
    try:
        row = con.execute(
            "SELECT count(*) FROM crimes WHERE recorded_on >= ? AND recorded_on < ? "
            "AND offence_group IS DISTINCT FROM 'fraud'",
            [year.start, year.end],
        ).fetchone()
    finally:
        con.close()
    count = int(row[0]) if row is not None else 0
    source = "synthetic data return" if dataset.synthetic else "data return"
    label = (
        f"crimes recorded {month_label(year.start)} to {month_label(year.months[-1])} (excluding fraud), "
        f"{source} {dataset.ref}"
    )
    return count, label


def default_audit_period(store: DataStore, dataset: Dataset) -> tuple[date, date]:
    """The last six whole months the incidents cover, as (first day, last day).

    The latest month counts as whole only if incidents reach its last day: a return extracted part
    way through a month would otherwise put a short month in the period.
    """
    months = [_parse_month(key) for key in dataset.months("incidents")]
    if not months:
        raise InputError(f"{dataset.ref} has no incidents; load the force's incident records first")
    con = store.connect(dataset)
    try:
        row = con.execute("SELECT CAST(max(opened_at) AS DATE) FROM incidents").fetchone()
    finally:
        con.close()
    latest = row[0] if row is not None else None
    if isinstance(latest, date) and latest < add_months(months[-1], 1) - timedelta(days=1):
        months = months[:-1]
    run = _latest_run(months)
    if len(run) < DEFAULT_PERIOD_MONTHS:
        covered = ", ".join(_month_key(month) for month in run) or "none"
        raise InputError(
            f"{dataset.ref}'s incidents cover fewer than {DEFAULT_PERIOD_MONTHS} whole months in a row "
            f"(the latest run: {covered}); give the audit period's dates"
        )
    first = run[-DEFAULT_PERIOD_MONTHS]
    return first, add_months(run[-1], 1) - timedelta(days=1)


def _check_incidents_cover(dataset: Dataset, start: date, end: date) -> None:
    covered = set(dataset.months("incidents"))
    if not covered:
        raise InputError(f"{dataset.ref} has no incidents; load the force's incident records first")
    missing: list[date] = []
    month = start.replace(day=1)
    while month <= end:
        if _month_key(month) not in covered:
            missing.append(month)
        month = add_months(month, 1)
    if missing:
        raise InputError(
            f"{dataset.ref}'s incidents do not cover the audit period {start} to {end}: no incidents "
            f"for {_month_ranges(missing)}"
        )


def _check_unique(incident_ids: list[str], dataset: Dataset) -> None:
    # Ids arrive sorted, so a repeat sits next to its first appearance.
    repeated = sorted({a for a, b in pairwise(incident_ids) if a == b})
    if repeated:
        shown = ", ".join(repeated[:SHOWN_DUPLICATES])
        more = f" and {len(repeated) - SHOWN_DUPLICATES} more" if len(repeated) > SHOWN_DUPLICATES else ""
        raise InputError(f"{dataset.ref} has incidents recorded more than once: {shown}{more}")


def _latest_run(months: list[date]) -> list[date]:
    """The latest months that follow one another without a gap."""
    run = months[-1:]
    for month in reversed(months[:-1]):
        if add_months(month, 1) != run[0]:
            break
        run.insert(0, month)
    return run


def _month_ranges(months: list[date]) -> str:
    """Months as ``2021-01..2021-03, 2021-06``: a long gap is named by its ends, not month by month."""
    parts: list[str] = []
    first = previous = months[0]
    for month in [*months[1:], None]:
        if month is not None and month == add_months(previous, 1):
            previous = month
            continue
        text = _month_key(first)
        parts.append(text if first == previous else f"{text}..{_month_key(previous)}")
        if month is not None:
            first = previous = month
    return ", ".join(parts)


def _parse_month(key: str) -> date:
    year, month = key.split("-")
    return date(int(year), int(month), 1)


def _month_key(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"
