"""How closely the inspectorate monitors each force, over time: the stages of its published
monitoring process and the rules a force's periods in them keep.

The stages are named as HMICFRS publishes them. Its page "Our approach to monitoring forces"
(https://hmicfrs.justiceinspectorates.gov.uk/about-us/what-we-do/our-approach-to-monitoring-forces/)
names two: **Scan**, the default phase, in which every force is routinely monitored from data and
other information; and **Engage**, the enhanced level, for a force that is not responding to a
cause of concern or not managing, mitigating or eradicating it. HMIC's 2016 overview of the same
process is at
https://www.justiceinspectorates.gov.uk/hmicfrs/publications/hmic-approach-to-monitoring-forces-2016/.
No further stage is published; a new one is one more member of ``Stage``.

A force is in Scan unless a decision placed it in a stage beyond it; leaving that stage returns it to
Scan. So a recorded period is always in an escalated stage, and:

- a force has one current status: at most one period is open (not yet left);
- periods never overlap: a placement starts on or after the end of every earlier period;
- a period is left after the day it started, never before;
- every placement and every exit gives its reasons, and a placement says who decided;
- no decision is dated after today.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from inspectorate.core.problems import InputError

PROCESS_SOURCE = (
    "https://hmicfrs.justiceinspectorates.gov.uk/about-us/what-we-do/our-approach-to-monitoring-forces/"
)
PROCESS_SOURCE_2016 = (
    "https://www.justiceinspectorates.gov.uk/hmicfrs/publications/hmic-approach-to-monitoring-forces-2016/"
)


class Stage(StrEnum):
    """A stage of the monitoring process, in order of how closely the force is watched."""

    SCAN = "scan"
    ENGAGE = "engage"

    @property
    def label(self) -> str:
        """The stage's name as HMICFRS publishes it."""
        return _LABELS[self]

    @property
    def level(self) -> str:
        """How the inspectorate describes the level of monitoring the stage is."""
        return _LEVELS[self]

    @property
    def escalated(self) -> bool:
        """Beyond the default stage: a decision placed the force here."""
        return self is not DEFAULT_STAGE

    @property
    def rank(self) -> int:
        return list(Stage).index(self)


_LABELS = {Stage.SCAN: "Scan", Stage.ENGAGE: "Engage"}
_LEVELS = {Stage.SCAN: "routine monitoring", Stage.ENGAGE: "enhanced monitoring"}

DEFAULT_STAGE = Stage.SCAN
ESCALATED_STAGES = tuple(stage for stage in Stage if stage.escalated)

# The longest text a decision's fields take.
DECISION_MAX = 300
REASONS_MAX = 5000
SOURCE_MAX = 500
REASONS_MISSING = "enter them; every decision is recorded with why it was made"


class MonitoringError(InputError):
    """A placement or an exit the rules refuse; ``field`` is what it lies in (stage, on, decision,
    reasons, source, concerns) and the message starts with what people call it."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def parse_stage(text: str) -> Stage:
    """A stage by its published name or its id, in any case (Engage, engage)."""
    wanted = text.strip().lower()
    for stage in Stage:
        if wanted in (stage.value, stage.label.lower()):
            return stage
    names = ", ".join(s.label for s in Stage)
    raise MonitoringError("stage", f"Stage: no stage {text!r} in the published process ({names})")


@dataclass(frozen=True)
class Period:
    """A force's time in an escalated stage: from the day it was placed there to the day it left
    (none while it is still there)."""

    stage: Stage
    started_on: datetime.date
    ended_on: datetime.date | None = None

    @property
    def open(self) -> bool:
        return self.ended_on is None

    def covers(self, day: datetime.date) -> bool:
        """In the stage on this day: from its first day up to, not including, the day it left."""
        return self.started_on <= day and (self.ended_on is None or day < self.ended_on)


@dataclass(frozen=True)
class Status:
    """Where a force stands on a day: its stage, since when (none when no decision was ever
    recorded), and the period it is in (none in the default stage)."""

    stage: Stage
    since: datetime.date | None
    period: Period | None
    recorded: bool
    """Whether any decision about the force is recorded; False means Scan by default alone."""
    previous: Period | None = None
    """The latest period beyond the default stage that had ended by the day, if any."""

    @property
    def label(self) -> str:
        if not self.recorded:
            return f"{self.stage.label} (no decision recorded)"
        return self.stage.label


def status_on(periods: Sequence[Period], day: datetime.date) -> Status:
    """A force's status on ``day`` from its recorded periods (in any order)."""
    recorded = any(p.started_on <= day for p in periods)
    current = next((p for p in periods if p.covers(day)), None)
    if current is not None:
        return Status(current.stage, current.started_on, current, True)
    ended = [p for p in periods if p.ended_on is not None and p.ended_on <= day]
    previous = max(ended, key=lambda p: p.ended_on or day) if ended else None
    since = previous.ended_on if previous is not None else None
    return Status(DEFAULT_STAGE, since, None, recorded, previous)


def _required(field: str, name: str, text: str, longest: int, missing: str) -> None:
    if not text.strip():
        raise MonitoringError(field, f"{name}: {missing}")
    if len(text) > longest:
        raise MonitoringError(field, f"{name}: at most {longest} characters (this is {len(text)})")


def _check_source(field: str, source: str) -> None:
    if not source:
        return
    if len(source) > SOURCE_MAX:
        raise MonitoringError(field, f"Source: at most {SOURCE_MAX} characters")
    if not source.startswith(("https://", "http://")) or " " in source.strip():
        raise MonitoringError(field, f"Source: an address starting https:// (not {source!r})")


def _check_day(field: str, on: datetime.date, today: datetime.date) -> None:
    if on > today:
        raise MonitoringError(field, f"Date: {on.isoformat()} is after today; record a decision once made")


def check_placement(
    stage: Stage,
    on: datetime.date,
    *,
    decision: str,
    reasons: str,
    source: str,
    earlier: Sequence[Period],
    today: datetime.date,
) -> Period:
    """The period a placement opens, or the first rule it breaks."""
    if not stage.escalated:
        raise MonitoringError(
            "stage",
            f"Stage: {stage.label} is the default stage; a force returns to it by leaving its "
            "current stage (record an exit)",
        )
    _check_day("on", on, today)
    current = next((p for p in earlier if p.open), None)
    if current is not None:
        raise MonitoringError(
            "on",
            f"Date: the force is already in {current.stage.label} since "
            f"{current.started_on.isoformat()}; record its exit first",
        )
    later = [p for p in earlier if p.ended_on is not None and on < p.ended_on]
    if later:
        clash = max(later, key=lambda p: p.started_on)
        raise MonitoringError(
            "on",
            f"Date: {on.isoformat()} falls before the end of the force's {clash.stage.label} period "
            f"({clash.started_on.isoformat()} to {clash.ended_on}); periods never overlap",
        )
    _required("decision", "Decision", decision, DECISION_MAX, "say who decided")
    _required("reasons", "Reasons", reasons, REASONS_MAX, REASONS_MISSING)
    _check_source("source", source)
    return Period(stage, on)


def check_exit(
    period: Period | None, on: datetime.date, *, reasons: str, source: str, today: datetime.date
) -> Period:
    """The period closed on ``on``, or the first rule the exit breaks."""
    if period is None or not period.open:
        raise MonitoringError(
            "on", f"Date: the force is in {DEFAULT_STAGE.label}, the default stage; there is nothing to leave"
        )
    _check_day("on", on, today)
    if on <= period.started_on:
        raise MonitoringError(
            "on",
            f"Date: an exit comes after the placement ({period.started_on.isoformat()}), "
            f"not on or before it ({on.isoformat()})",
        )
    _required("reasons", "Reasons", reasons, REASONS_MAX, REASONS_MISSING)
    _check_source("source", source)
    return Period(period.stage, period.started_on, on)
