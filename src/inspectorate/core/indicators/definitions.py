"""The named indicators: what each one counts, over what, in which unit, and against which target.

Definitions are registered once here and referred to by id everywhere else; an unknown id is a
mistake and ``get_indicator`` says so, suggesting the nearest known id.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum

from inspectorate.core.data.schema import ETHNIC_GROUPS, OFFENCE_GROUPS, POLICE_UK_CRIME_TYPES
from inspectorate.core.indicators.outcome_types import OUTCOME_GROUPS, OUTCOME_TYPES
from inspectorate.core.problems import InputError


class Unit(StrEnum):
    PER_1000 = "per-1000"
    PERCENT = "percent"
    RATIO = "ratio"

    @property
    def scale(self) -> float:
        """What numerator / denominator is multiplied by to give a value in this unit."""
        return {Unit.PER_1000: 1000.0, Unit.PERCENT: 100.0, Unit.RATIO: 1.0}[self]

    @property
    def label(self) -> str:
        return {Unit.PER_1000: "per 1,000 people", Unit.PERCENT: "percent", Unit.RATIO: "ratio"}[self]


class Measure(StrEnum):
    """What kind of quantity a value is, which decides how it is tested against another."""

    # Part of a counted whole: the numerator is a subset of the denominator's items.
    PROPORTION = "proportion"
    # Events per head of a population.
    RATE = "rate"
    # One rate per head divided by another (numerator and denominator are both rates).
    RATE_RATIO = "rate-ratio"


class Direction(StrEnum):
    AT_LEAST = "at-least"
    BELOW = "below"


@dataclass(frozen=True)
class Target:
    value: float
    direction: Direction
    source: str

    def met(self, value: float) -> bool:
        return value >= self.value if self.direction is Direction.AT_LEAST else value < self.value

    @property
    def label(self) -> str:
        words = "at least" if self.direction is Direction.AT_LEAST else "under"
        return f"Target: {words} {self.value:g}%"


@dataclass(frozen=True)
class Breakdown:
    """One way an indicator's value is split, with its keys and their labels when the list is closed."""

    dimension: str
    title: str
    # (key, label) pairs in display order; empty when any value of the column may appear.
    keys: tuple[tuple[str, str], ...] = ()
    # Set when the rows are not in the indicator's own unit (for example rates behind a ratio).
    unit: Unit | None = None
    measure: Measure | None = None

    def label_of(self, key: str | None) -> str:
        if key is None:
            return "Not recorded"
        return dict(self.keys).get(key, key)


@dataclass(frozen=True)
class Definition:
    id: str
    title: str
    # What the figure tells a reader, and exactly what is counted over what.
    description: str
    method: str
    unit: Unit
    measure: Measure
    tables: tuple[str, ...]
    target: Target | None = None
    breakdowns: tuple[Breakdown, ...] = ()
    # For a ratio of rates: the breakdown and the keys of its rows above and below the line.
    ratio_of: tuple[str, str, str] | None = None

    def breakdown(self, dimension: str) -> Breakdown:
        for candidate in self.breakdowns:
            if candidate.dimension == dimension:
                return candidate
        raise KeyError(f"{self.id} has no breakdown {dimension!r}")

    def knows_breakdown_key(self, key: str) -> bool:
        """Whether ``key`` can be a row of one of the breakdowns (any key, for an open list)."""
        return any(not b.keys or key in dict(b.keys) for b in self.breakdowns)


class UnknownIndicator(InputError):
    """An indicator id that is not registered."""


CALL_STANDARD_SOURCE = (
    "Home Office call-handling standards, as quoted in HMICFRS "
    '"PEEL 2021/22 - An inspection of the Metropolitan Police Service"'
)
_CRIMES = "crimes recorded in the period (by recorded_on) whose offence group is anything but fraud"

DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "calls-per-1000",
        "Calls for service per 1,000 people",
        "How much the public asks of the force, by every channel.",
        "Every row of calls received in the period (all channels), divided by the resident population, "
        "times 1,000.",
        Unit.PER_1000,
        Measure.RATE,
        ("calls",),
    ),
    Definition(
        "recorded-crime-per-1000",
        "Recorded crime (excluding fraud) per 1,000 people",
        "How much crime the force records for the size of its population.",
        f"The number of {_CRIMES}, divided by the resident population, times 1,000. Crimes without an "
        "offence group count, so police.uk street data can be used.",
        Unit.PER_1000,
        Measure.RATE,
        ("crimes",),
        breakdowns=(
            Breakdown("crime-type", "police.uk crime type", tuple((t, t) for t in POLICE_UK_CRIME_TYPES)),
            Breakdown(
                "offence-group",
                "Home Office offence group",
                tuple((g, g.replace("-", " ").capitalize()) for g in OFFENCE_GROUPS if g != "fraud"),
            ),
        ),
    ),
    Definition(
        "victim-based-crime-per-1000",
        "Victim-based crime per 1,000 people",
        "Crime with a direct victim (violence, sexual offences, robbery, burglary, vehicle offences, theft, "
        "criminal damage and arson), for the size of the population.",
        "Crimes recorded in the period whose offence group is one of the seven victim-based groups, divided "
        "by the resident population, times 1,000. Not available when no crime in the period has an "
        "offence group.",
        Unit.PER_1000,
        Measure.RATE,
        ("crimes",),
    ),
    Definition(
        "asb-per-1000",
        "Anti-social behaviour incidents per 1,000 people",
        "How much anti-social behaviour is reported for the size of the population.",
        "Rows of asb reported in the period, divided by the resident population, times 1,000.",
        Unit.PER_1000,
        Measure.RATE,
        ("asb",),
    ),
    Definition(
        "domestic-abuse-share",
        "Domestic abuse as a share of recorded crime",
        "How much of the crime the force records it has identified as domestic abuse.",
        f"Of the {_CRIMES} and whose domestic-abuse flag is filled in, the percentage flagged as domestic "
        "abuse. Not available when no such crime has the flag filled in.",
        Unit.PERCENT,
        Measure.PROPORTION,
        ("crimes",),
    ),
    Definition(
        "outcome-rate",
        "Outcomes as a percentage of recorded crime",
        "How recorded crimes are concluded, by Home Office outcome type.",
        "Outcomes assigned in the period (by outcome_on), as a percentage of the "
        f"{_CRIMES}; the whole is every outcome type, each type and HMIC's outcome groups are the "
        "breakdown. Outcomes and crimes are matched by period, not crime by crime, as the Home Office does.",
        Unit.PERCENT,
        Measure.PROPORTION,
        ("outcomes", "crimes"),
        breakdowns=(
            Breakdown(
                "outcome-type",
                "Home Office outcome type",
                tuple((str(number), label) for number, label in OUTCOME_TYPES.items()),
            ),
            Breakdown(
                "outcome-group",
                "Outcome group",
                tuple((key, label) for key, (label, _) in OUTCOME_GROUPS.items()),
            ),
        ),
    ),
    Definition(
        "charge-rate",
        "Charge rate",
        "How often recorded crime ends with a suspect charged or summonsed.",
        f"Outcomes of type 1 (charged/summonsed) assigned in the period, as a percentage of the {_CRIMES}.",
        Unit.PERCENT,
        Measure.PROPORTION,
        ("outcomes", "crimes"),
    ),
    Definition(
        "999-answered-within-10s",
        "999 calls answered within 10 seconds",
        "How quickly emergency calls are picked up.",
        "Of the 999 calls received in the period that were answered, the percentage whose answered_at is "
        "no more than 10 seconds after received_at.",
        Unit.PERCENT,
        Measure.PROPORTION,
        ("calls",),
        target=Target(90.0, Direction.AT_LEAST, CALL_STANDARD_SOURCE),
    ),
    Definition(
        "101-abandoned",
        "101 calls abandoned",
        "How often people calling the non-emergency number give up before an answer.",
        "Of all calls received in the period on the 101 channel, the percentage marked abandoned (the "
        "caller hung up before an answer).",
        Unit.PERCENT,
        Measure.PROPORTION,
        ("calls",),
        target=Target(10.0, Direction.BELOW, CALL_STANDARD_SOURCE),
    ),
    Definition(
        "attendance-within-target",
        "Incidents attended within the target time",
        "Whether officers reach incidents as quickly as the force's own response grades promise.",
        "Of the incidents opened in the period that have a response grade, a target time and an "
        "attendance time, the percentage attended no more than target_minutes after opened_at; "
        "overall and for each response grade.",
        Unit.PERCENT,
        Measure.PROPORTION,
        ("incidents",),
        breakdowns=(Breakdown("response-grade", "Response grade"),),
    ),
    Definition(
        "stop-search-per-1000",
        "Person stop and searches per 1,000 people",
        "How much the force uses stop and search on people.",
        "Searches in the period of type 'Person search' or 'Person and Vehicle search' (vehicle-only "
        "searches are left out), divided by the resident population, times 1,000.",
        Unit.PER_1000,
        Measure.RATE,
        ("stop_search",),
    ),
    Definition(
        "stop-search-disproportionality",
        "Stop and search disproportionality (Black / White)",
        "How many times more likely a Black person is to be searched than a White person.",
        "Person searches in the period of people whose self-defined ethnicity maps to Black, per Black "
        "resident, divided by the same rate for White; residents come from the population table (the "
        "latest figure for each group). Not available without residents of both groups.",
        Unit.RATIO,
        Measure.RATE_RATIO,
        ("stop_search", "population"),
        breakdowns=(
            Breakdown(
                "ethnic-group",
                "Self-defined ethnicity (five groups)",
                tuple((g, g) for g in ETHNIC_GROUPS),
                unit=Unit.PER_1000,
                measure=Measure.RATE,
            ),
        ),
        ratio_of=("ethnic-group", "Black", "White"),
    ),
    Definition(
        "victim-satisfaction",
        "Victims satisfied with the whole experience",
        "How many surveyed victims were satisfied with the service overall.",
        "Survey answers given in the period that are very-satisfied or fairly-satisfied, as a percentage "
        "of all answers given in the period.",
        Unit.PERCENT,
        Measure.PROPORTION,
        ("survey",),
    ),
)

_BY_ID = {definition.id: definition for definition in DEFINITIONS}


def indicator_ids() -> tuple[str, ...]:
    return tuple(_BY_ID)


def get_indicator(indicator_id: str) -> Definition:
    """The registered definition; an unknown id raises UnknownIndicator naming the nearest ids."""
    try:
        return _BY_ID[indicator_id]
    except KeyError:
        close = difflib.get_close_matches(indicator_id, _BY_ID, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(_BY_ID)})"
        raise UnknownIndicator(f"unknown indicator {indicator_id!r}{hint}") from None
