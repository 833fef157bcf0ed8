"""police.uk open data files, read as they are published and turned into canonical tables.

The three monthly files (street, outcomes, stop and search) keep their published headers. Their
known quirks (data-sources notes, section 1) are handled here: anti-social behaviour rows have no
crime id and go to their own table; ``Month`` is ``YYYY-MM``; stop-and-search puts latitude before
longitude, writes booleans as ``True``/``False``, and dates either with a UTC offset or as a bare
day; rows with no location keep empty coordinates and still count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspectorate.core.data.schema import POLICE_UK_CRIME_TYPES, STOP_SEARCH, Check
from inspectorate.core.data.sql import none_of
from inspectorate.core.data.sql import quote_name as _q


@dataclass(frozen=True)
class PoliceUkFormat:
    kind: str
    header: tuple[str, ...]
    checks: tuple[Check, ...]
    # Canonical table name -> SELECT list (over the raw text columns) and an optional WHERE.
    outputs: tuple[tuple[str, str, str], ...]


_MONTH_OK = f"regexp_full_match({_q('Month')}, '[0-9]{{4}}-(0[1-9]|1[0-2])')"
_MONTH_DATE = f"TRY_CAST({_q('Month')} || '-01' AS DATE)"
_ASB = "'Anti-social behaviour'"


def _number_check(column: str) -> Check:
    return Check(
        column, f"{_q(column)} IS NOT NULL AND TRY_CAST({_q(column)} AS DOUBLE) IS NULL", "must be a number"
    )


def _vocabulary_check(column: str, allowed: tuple[str, ...]) -> Check:
    return Check(
        column,
        f"{_q(column)} IS NOT NULL AND {none_of(_q(column), allowed)}",
        "must be one of " + ", ".join(allowed),
    )


def _required(column: str) -> Check:
    return Check(column, f"{_q(column)} IS NULL", "is empty")


STREET_HEADER = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
STREET = PoliceUkFormat(
    kind="police.uk street",
    header=STREET_HEADER,
    checks=(
        Check("Month", f"{_q('Month')} IS NULL OR NOT {_MONTH_OK}", "must be a month like 2019-01"),
        _required("Reported by"),
        _required("Crime type"),
        _vocabulary_check("Crime type", POLICE_UK_CRIME_TYPES),
        Check(
            "Crime ID",
            f"{_q('Crime ID')} IS NULL AND {_q('Crime type')} <> {_ASB}",
            "is empty (only anti-social behaviour rows may have no crime id)",
        ),
        _number_check("Longitude"),
        _number_check("Latitude"),
    ),
    outputs=(
        (
            "crimes",
            f"{_q('Crime ID')} AS crime_id, NULL AS incident_id, NULL AS reported_at, "
            f"{_MONTH_DATE} AS recorded_on, NULL AS offence_group, NULL AS ho_code, "
            f"{_q('Crime type')} AS crime_type, NULL AS victim_ref, NULL AS domestic_abuse",
            f"{_q('Crime type')} <> {_ASB}",
        ),
        (
            "asb",
            f"NULL AS asb_id, {_MONTH_DATE} AS reported_on, NULL AS category, {_q('LSOA code')} AS lsoa_code",
            f"{_q('Crime type')} = {_ASB}",
        ),
    ),
)

OUTCOMES_HEADER = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Outcome type",
)
OUTCOMES = PoliceUkFormat(
    kind="police.uk outcomes",
    header=OUTCOMES_HEADER,
    checks=(
        Check("Month", f"{_q('Month')} IS NULL OR NOT {_MONTH_OK}", "must be a month like 2019-01"),
        _required("Crime ID"),
        _required("Reported by"),
        _required("Outcome type"),
        _number_check("Longitude"),
        _number_check("Latitude"),
    ),
    outputs=(
        (
            "police_uk_outcomes",
            f"{_q('Crime ID')} AS crime_id, {_MONTH_DATE} AS month, {_q('Outcome type')} AS outcome_category",
            "",
        ),
    ),
)

STOP_SEARCH_HEADER = (
    "Type",
    "Date",
    "Part of a policing operation",
    "Policing operation",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing",
)
# Dates come as 2019-01-01T02:48:45+00:00 or as a bare day; the wall-clock time is kept (the offset
# only says whether British summer time applied), so a search stays in the month it happened.
_SEARCH_TIME = (
    f"COALESCE(try_strptime(left({_q('Date')}, 19), '%Y-%m-%dT%H:%M:%S'), "
    f"try_strptime({_q('Date')}, '%Y-%m-%d'))"
)
_BOOLEANS = ("True", "False")


def _boolean(column: str) -> str:
    return f"CASE {_q(column)} WHEN 'True' THEN true WHEN 'False' THEN false ELSE NULL END"


def _canonical_vocabulary(column: str, canonical: str) -> Check:
    return _vocabulary_check(column, STOP_SEARCH.column(canonical).allowed)


STOP_SEARCH_FILE = PoliceUkFormat(
    kind="police.uk stop and search",
    header=STOP_SEARCH_HEADER,
    checks=(
        _required("Type"),
        _canonical_vocabulary("Type", "type"),
        Check("Date", f"{_SEARCH_TIME} IS NULL", "must be a date like 2019-01-01T02:48:45+00:00"),
        _vocabulary_check("Part of a policing operation", _BOOLEANS),
        _vocabulary_check("Outcome linked to object of search", _BOOLEANS),
        _vocabulary_check("Removal of more than just outer clothing", _BOOLEANS),
        _number_check("Latitude"),
        _number_check("Longitude"),
        _canonical_vocabulary("Gender", "gender"),
        _canonical_vocabulary("Age range", "age_range"),
        _canonical_vocabulary("Officer-defined ethnicity", "officer_defined_ethnicity"),
    ),
    outputs=(
        (
            "stop_search",
            f"{_q('Type')} AS type, {_SEARCH_TIME} AS searched_at, "
            f"{_boolean('Part of a policing operation')} AS part_of_policing_operation, "
            f"{_q('Policing operation')} AS policing_operation, "
            f"TRY_CAST({_q('Latitude')} AS DOUBLE) AS latitude, "
            f"TRY_CAST({_q('Longitude')} AS DOUBLE) AS longitude, "
            f"{_q('Gender')} AS gender, {_q('Age range')} AS age_range, "
            f"{_q('Self-defined ethnicity')} AS self_defined_ethnicity, "
            f"{_q('Officer-defined ethnicity')} AS officer_defined_ethnicity, "
            f"{_q('Legislation')} AS legislation, {_q('Object of search')} AS object_of_search, "
            f"{_q('Outcome')} AS outcome, "
            f"{_boolean('Outcome linked to object of search')} AS outcome_linked_to_object_of_search, "
            f"{_boolean('Removal of more than just outer clothing')} "
            "AS removal_of_more_than_just_outer_clothing",
            "",
        ),
    ),
)

FORMATS: tuple[PoliceUkFormat, ...] = (STREET, OUTCOMES, STOP_SEARCH_FILE)

# Monthly archive names: 2019-01-city-of-london-street.csv
_FILE_NAME = re.compile(r"^(\d{4}-\d{2})-(?P<force>[a-z-]+?)-(street|outcomes|stop-and-search)\.csv$")


def force_in_file_name(name: str) -> str | None:
    """The police.uk force id that an archive file's name carries, if it follows the archive's pattern."""
    match = _FILE_NAME.match(name)
    return match.group("force") if match else None
