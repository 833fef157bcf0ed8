"""The shapes shared by the audit's design, worksheet and estimation steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# Crime groups the audit reports separately; every other crime-related incident is "other".
VIOLENCE = "violence-against-the-person"
SEXUAL = "sexual-offences"
OTHER = "other"
CRIME_GROUPS = (VIOLENCE, SEXUAL, OTHER)
CRIME_GROUP_LABELS = {
    VIOLENCE: "Violence against the person",
    SEXUAL: "Sexual offences",
    OTHER: "Other crime",
}

# How the report reached the force: the channel of the call that opened the incident, or
# "no-call" for incidents officers came across or that have no call recorded.
ROUTES = ("999", "101", "online", "no-call")
ROUTE_LABELS = {
    "999": "999 call",
    "101": "101 call",
    "online": "Online report",
    "no-call": "No call recorded",
}


def stratum_key(crime_group: str, route: str) -> str:
    """The stable name of a stratum, e.g. ``violence-against-the-person/999``."""
    return f"{crime_group}/{route}"


@dataclass(frozen=True)
class Stratum:
    """One cell of the design: its frame size and how many records were drawn from it."""

    crime_group: str
    route: str
    frame_size: int
    sample_size: int

    @property
    def key(self) -> str:
        return stratum_key(self.crime_group, self.route)


@dataclass(frozen=True)
class FrameRecord:
    """An incident in the audit frame, with what the data return says about it."""

    incident_id: str
    opened_at: str  # ISO timestamp, as stored
    crime_group: str
    route: str
    incident_offence_group: str | None
    # Crimes recorded from this incident: (crime_id, recorded_on ISO date, offence_group or None).
    crimes: tuple[tuple[str, str, str | None], ...] = ()

    @property
    def stratum(self) -> str:
        return stratum_key(self.crime_group, self.route)


@dataclass(frozen=True)
class SampleDesign:
    """What the user asked for: the margin to aim at, or sizes given outright."""

    margin: float = 0.05  # target half-width of each crime group's 95% interval, as a proportion
    expected_rate: float = 0.9  # anticipated recording rate, for the sample-size formula
    crime_share: float = 1.0  # anticipated share of sampled incidents that should have been crimes
    sizes: dict[str, int] = field(default_factory=dict)  # crime group -> size, overriding the margin
    seed: int = 0
    confidence: float = 0.95


@dataclass(frozen=True)
class Sample:
    """The drawn sample: the strata with their sizes and the selected records in working order."""

    design: SampleDesign
    strata: tuple[Stratum, ...]
    records: tuple[FrameRecord, ...]


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_APPLICABLE = "n/a"


# The auditor's questions for each sampled record, in worksheet order.
QUESTIONS = (
    ("should_record", "Should a crime have been recorded?"),
    ("recorded", "Was it recorded?"),
    ("correctly_classified", "Was it correctly classified?"),
    ("within_24h", "Was it recorded within 24 hours?"),
    ("cancellation_correct", "Was any cancellation correct?"),
)
QUESTION_NAMES = tuple(name for name, _ in QUESTIONS)


@dataclass(frozen=True)
class Decision:
    """An auditor's answers for one record; ``None`` means not yet answered."""

    should_record: Answer | None = None
    recorded: Answer | None = None
    correctly_classified: Answer | None = None
    within_24h: Answer | None = None
    cancellation_correct: Answer | None = None
    note: str = ""

    @property
    def is_blank(self) -> bool:
        return all(getattr(self, name) is None for name in QUESTION_NAMES) and not self.note.strip()
