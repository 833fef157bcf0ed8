"""The canonical schema of a force's data return: one table per kind of record.

A data return is a set of CSV or Parquet files, one table each, whose header is exactly the
column names below in this order. Each table has one date column that places a record in a
month; periods, months covered and "previous period" comparisons all use it.

The schema is data, not prose: docs/data-return.md is written from it and a test keeps the two
equal, and the readers, the validator and the store all take their columns and checks from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ColumnType(StrEnum):
    """Types as DuckDB and Parquet know them."""

    TEXT = "VARCHAR"
    INTEGER = "BIGINT"
    DECIMAL = "DOUBLE"
    BOOLEAN = "BOOLEAN"
    DATE = "DATE"
    TIMESTAMP = "TIMESTAMP"


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str
    required: bool = False
    # The only values allowed, when the column is a closed vocabulary.
    allowed: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Check:
    """A rule across columns of one row; ``failing_when`` is a SQL condition true for a bad row."""

    field: str
    failing_when: str
    message: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    # The column that places each record in a month (for periods and for months covered).
    date_column: str
    # Column whose values must be unique within a file, if any.
    key: str | None = None
    checks: tuple[Check, ...] = field(default=())

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


CHANNELS = ("999", "101", "online")
INCIDENT_CATEGORIES = ("crime", "anti-social-behaviour", "public-safety", "transport", "other")
# Offence classes of the Home Office Crime Recording Rules. The first seven are "victim-based".
OFFENCE_GROUPS = (
    "violence-against-the-person",
    "sexual-offences",
    "robbery",
    "burglary",
    "vehicle-offences",
    "theft",
    "criminal-damage-and-arson",
    "drug-offences",
    "possession-of-weapons",
    "public-order-offences",
    "miscellaneous-crimes-against-society",
    "fraud",
)
VICTIM_BASED_GROUPS = OFFENCE_GROUPS[:7]
# The fourteen police.uk crime types as they appear in street files.
POLICE_UK_CRIME_TYPES = (
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
)
ASB_CATEGORIES = ("personal", "nuisance", "environmental")
SATISFACTION_ANSWERS = (
    "very-satisfied",
    "fairly-satisfied",
    "neither",
    "fairly-dissatisfied",
    "very-dissatisfied",
)
ETHNIC_GROUPS = ("White", "Black", "Asian", "Mixed", "Other")

CALLS = Table(
    name="calls",
    title="Calls for service",
    description="Every contact from the public asking for police help, by channel.",
    date_column="received_at",
    key="call_id",
    columns=(
        Column("call_id", ColumnType.TEXT, "The force's reference for the contact.", required=True),
        Column("channel", ColumnType.TEXT, "How the contact came in.", required=True, allowed=CHANNELS),
        Column("received_at", ColumnType.TIMESTAMP, "When the contact reached the force.", required=True),
        Column("answered_at", ColumnType.TIMESTAMP, "When a call handler answered; empty if never answered."),
        Column("abandoned", ColumnType.BOOLEAN, "The caller hung up before an answer.", required=True),
    ),
    checks=(
        Check("answered_at", "answered_at < received_at", "answered before it was received"),
        Check("answered_at", "abandoned AND answered_at IS NOT NULL", "an abandoned call has no answer time"),
    ),
)

INCIDENTS = Table(
    name="incidents",
    title="Incidents",
    description="Incident records opened from calls or found by officers, with the response they got.",
    date_column="opened_at",
    key="incident_id",
    columns=(
        Column("incident_id", ColumnType.TEXT, "The force's incident reference.", required=True),
        Column("call_id", ColumnType.TEXT, "The call that opened it, if any."),
        Column("opened_at", ColumnType.TIMESTAMP, "When the incident record was opened.", required=True),
        Column("category", ColumnType.TEXT, "Kind of incident.", required=True, allowed=INCIDENT_CATEGORIES),
        Column("response_grade", ColumnType.TEXT, "The force's response grade (for example immediate)."),
        Column("target_minutes", ColumnType.INTEGER, "Attendance target for that grade.", minimum=1),
        Column("attended_at", ColumnType.TIMESTAMP, "When officers first arrived; empty if they did not."),
        Column("thrive_assessed", ColumnType.BOOLEAN, "A THRIVE risk assessment was recorded."),
        Column("vulnerable", ColumnType.BOOLEAN, "The person was identified as vulnerable."),
        Column("repeat_victim", ColumnType.BOOLEAN, "The person was identified as a repeat victim."),
        Column(
            "offence_group",
            ColumnType.TEXT,
            "The offence class a crime-related incident was opened or closed as, if any.",
            allowed=OFFENCE_GROUPS,
        ),
    ),
    checks=(
        Check("attended_at", "attended_at < opened_at", "attended before the incident was opened"),
        Check(
            "target_minutes",
            "target_minutes IS NOT NULL AND response_grade IS NULL",
            "a target needs a response grade",
        ),
    ),
)

CRIMES = Table(
    name="crimes",
    title="Recorded crimes",
    description="Crimes recorded under the Home Office Crime Recording Rules.",
    date_column="recorded_on",
    key="crime_id",
    columns=(
        Column("crime_id", ColumnType.TEXT, "The force's crime reference.", required=True),
        Column("incident_id", ColumnType.TEXT, "The incident it came from, if any."),
        Column("reported_at", ColumnType.TIMESTAMP, "When it was first reported to the police."),
        Column("recorded_on", ColumnType.DATE, "The day it was recorded as a crime.", required=True),
        Column("offence_group", ColumnType.TEXT, "Home Office offence class.", allowed=OFFENCE_GROUPS),
        Column("ho_code", ColumnType.TEXT, "Home Office offence code, where known."),
        Column("crime_type", ColumnType.TEXT, "police.uk crime type.", allowed=POLICE_UK_CRIME_TYPES),
        Column("victim_ref", ColumnType.TEXT, "A stable reference for the victim (for repeat victims)."),
        Column("domestic_abuse", ColumnType.BOOLEAN, "Flagged as domestic abuse."),
    ),
    checks=(
        Check(
            "recorded_on",
            "reported_at IS NOT NULL AND recorded_on < CAST(reported_at AS DATE)",
            "recorded before it was reported",
        ),
        Check("crime_type", "crime_type = 'Anti-social behaviour'", "anti-social behaviour is not a crime"),
    ),
)

OUTCOMES = Table(
    name="outcomes",
    title="Crime outcomes",
    description="Outcomes assigned to recorded crimes, numbered as in the Home Office outcomes framework.",
    date_column="outcome_on",
    columns=(
        Column("crime_id", ColumnType.TEXT, "The crime the outcome closes.", required=True),
        Column(
            "outcome_type",
            ColumnType.INTEGER,
            "Home Office outcome type, 1 to 22.",
            required=True,
            minimum=1,
            maximum=22,
        ),
        Column("outcome_on", ColumnType.DATE, "The day the outcome was assigned.", required=True),
    ),
)

STOP_SEARCH = Table(
    name="stop_search",
    title="Stop and search",
    description="One row per search, in the police.uk stop-and-search columns (names in snake case).",
    date_column="searched_at",
    columns=(
        Column(
            "type",
            ColumnType.TEXT,
            "Person, vehicle or both.",
            required=True,
            allowed=("Person search", "Person and Vehicle search", "Vehicle search"),
        ),
        Column("searched_at", ColumnType.TIMESTAMP, "When the search happened.", required=True),
        Column("part_of_policing_operation", ColumnType.BOOLEAN, "Part of a policing operation."),
        Column("policing_operation", ColumnType.TEXT, "The operation's name."),
        Column("latitude", ColumnType.DECIMAL, "Anonymised latitude.", minimum=-90, maximum=90),
        Column("longitude", ColumnType.DECIMAL, "Anonymised longitude.", minimum=-180, maximum=180),
        Column("gender", ColumnType.TEXT, "As recorded.", allowed=("Male", "Female", "Other")),
        Column(
            "age_range",
            ColumnType.TEXT,
            "As recorded.",
            allowed=("under 10", "10-17", "18-24", "25-34", "over 34"),
        ),
        Column("self_defined_ethnicity", ColumnType.TEXT, "As the person gave it (either census scheme)."),
        Column(
            "officer_defined_ethnicity",
            ColumnType.TEXT,
            "As the officer saw it.",
            allowed=("White", "Black", "Asian", "Other", "Mixed"),
        ),
        Column("legislation", ColumnType.TEXT, "The power used."),
        Column("object_of_search", ColumnType.TEXT, "What was searched for."),
        Column("outcome", ColumnType.TEXT, "What followed (either police.uk vocabulary)."),
        Column(
            "outcome_linked_to_object_of_search", ColumnType.BOOLEAN, "The outcome relates to the object."
        ),
        Column("removal_of_more_than_just_outer_clothing", ColumnType.BOOLEAN, "More than outer clothing."),
    ),
)

ASB = Table(
    name="asb",
    title="Anti-social behaviour",
    description="Anti-social behaviour incidents.",
    date_column="reported_on",
    key="asb_id",
    columns=(
        Column("asb_id", ColumnType.TEXT, "The force's reference, where there is one."),
        Column("reported_on", ColumnType.DATE, "The day it was reported.", required=True),
        Column("category", ColumnType.TEXT, "National incident category.", allowed=ASB_CATEGORIES),
        Column("lsoa_code", ColumnType.TEXT, "Lower layer super output area, where known."),
    ),
)

SURVEY = Table(
    name="survey",
    title="Victim survey",
    description="Answers to the victim satisfaction survey's whole-experience question.",
    date_column="surveyed_on",
    key="response_id",
    columns=(
        Column("response_id", ColumnType.TEXT, "The survey's reference for the answer.", required=True),
        Column("surveyed_on", ColumnType.DATE, "The day the victim answered.", required=True),
        Column("crime_id", ColumnType.TEXT, "The crime the victim reported, if linked."),
        Column(
            "whole_experience",
            ColumnType.TEXT,
            "Satisfaction with the whole experience.",
            required=True,
            allowed=SATISFACTION_ANSWERS,
        ),
    ),
)

POPULATION = Table(
    name="population",
    title="Population by ethnic group",
    description="Residents of the force area by ethnic group, for stop and search disproportionality.",
    date_column="as_of",
    key="ethnic_group",
    columns=(
        Column(
            "ethnic_group", ColumnType.TEXT, "Five-group ethnicity.", required=True, allowed=ETHNIC_GROUPS
        ),
        Column("persons", ColumnType.INTEGER, "Residents in the group.", required=True, minimum=0),
        Column("as_of", ColumnType.DATE, "The date the figure describes.", required=True),
        Column("source", ColumnType.TEXT, "Where the figure comes from.", required=True),
    ),
)

# police.uk outcomes use their own names, not Home Office outcome numbers, so they are kept apart.
POLICE_UK_OUTCOMES = Table(
    name="police_uk_outcomes",
    title="police.uk outcomes",
    description="Outcomes as police.uk publishes them: one row per outcome, in the month it was given.",
    date_column="month",
    columns=(
        Column("crime_id", ColumnType.TEXT, "police.uk persistent crime id.", required=True),
        Column("month", ColumnType.DATE, "First day of the month of the outcome.", required=True),
        Column("outcome_category", ColumnType.TEXT, "police.uk outcome name.", required=True),
    ),
)

TABLES: tuple[Table, ...] = (
    CALLS,
    INCIDENTS,
    CRIMES,
    OUTCOMES,
    STOP_SEARCH,
    ASB,
    SURVEY,
    POPULATION,
    POLICE_UK_OUTCOMES,
)


def table(name: str) -> Table:
    for candidate in TABLES:
        if candidate.name == name:
            return candidate
    raise KeyError(name)
