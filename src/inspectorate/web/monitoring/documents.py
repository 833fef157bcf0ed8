"""The monitoring pages as typed documents: their JSON and CSV twins and the CLI's --json share them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from inspectorate.core.monitoring import PROCESS_SOURCE, Period, Stage, Status
from inspectorate.core.reports.context import ReportContext
from inspectorate.web.inspections.access import sees_working_copy
from inspectorate.web.inspections.changes import long_date
from inspectorate.web.inspections.documents import record_findings
from inspectorate.web.inspections.models import Finding, Inspection
from inspectorate.web.monitoring.models import MonitoringPeriod
from inspectorate.web.monitoring.services import periods_of, status_of
from inspectorate.web.pages.documents import Document, PageDocument, Row
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.registry.models import Force
from inspectorate.web.reports.record import public_record


class StageDocument(Document):
    """A stage of the monitoring process as HMICFRS publishes it."""

    id: str
    """scan or engage."""
    label: str
    """The published name: Scan or Engage."""
    level: str
    """routine monitoring (Scan) or enhanced monitoring (Engage)."""
    escalated: bool
    """Beyond the default stage: a decision placed the force there."""


def stage_documents() -> list[StageDocument]:
    return [StageDocument(id=s.value, label=s.label, level=s.level, escalated=s.escalated) for s in Stage]


class MonitoringStatus(Document):
    """Where a force stands in the monitoring process on a day."""

    stage: str
    """scan or engage."""
    stage_label: str
    label: str
    """As the pages show it: Engage, Scan, or "Scan (no decision recorded)" for a force never placed
    anywhere (Scan is the default stage)."""
    since: str | None
    """The day of the decision that put the force in this stage (a placement, or the exit that
    returned it to Scan); none when no decision is recorded."""
    recorded: bool
    """Whether any decision about the force is recorded here."""
    escalated: bool
    previous: str | None = None
    """The latest stage beyond Scan the force has left, with its dates, in words ("Engage from
    28 June 2022 to 23 January 2025"); none if it has left none."""


def period_words(period: Period) -> str:
    ended = f" to {long_date(period.ended_on.isoformat())}" if period.ended_on else ""
    return f"{period.stage.label} from {long_date(period.started_on.isoformat())}{ended}"


def status_document(status: Status) -> MonitoringStatus:
    return MonitoringStatus(
        stage=status.stage.value,
        stage_label=status.stage.label,
        label=status.label,
        since=status.since.isoformat() if status.since else None,
        recorded=status.recorded,
        escalated=status.stage.escalated,
        previous=period_words(status.previous) if status.previous else None,
    )


def force_status(force: Force, on: datetime.date | None = None) -> MonitoringStatus:
    """A force's status today (or on ``on``), for the force's page and the CLI."""
    return status_document(status_of(periods_of(force), on))


class Concern(Document):
    """A finding a placement rests on, as this reader may read it."""

    code: str
    inspection: str
    """The inspection's code."""
    reference: str
    kind: str
    kind_label: str
    text: str
    """As the published record prints it; as it stands to those who see the working copy."""
    published: bool
    """True when the text is the published record's."""


class Concerns:
    """Each linked finding as a reader may read it, each inspection's published record read once."""

    def __init__(self, user: AnyUser) -> None:
        self.user = user
        self._records: dict[int, ReportContext | None] = {}

    def _record(self, inspection: Inspection) -> ReportContext | None:
        if inspection.pk not in self._records:
            found = None if inspection.exercise else public_record(inspection)
            self._records[inspection.pk] = found[0] if found else None
        return self._records[inspection.pk]

    def of(self, finding: Finding) -> Concern | None:
        inspection = finding.inspection
        if sees_working_copy(self.user, inspection):
            return Concern(
                code=str(finding.code),
                inspection=str(inspection.code),
                reference=inspection.reference,
                kind=finding.kind,
                kind_label=finding.get_kind_display(),
                text=finding.text,
                published=False,
            )
        record = self._record(inspection)
        printed = (
            next((f for f in record_findings(record) if f.code == str(finding.code)), None)
            if record
            else None
        )
        if record is None or printed is None:
            return None
        return Concern(
            code=printed.code,
            inspection=str(inspection.code),
            reference=record.reference,
            kind=printed.kind,
            kind_label=printed.kind_label,
            text=printed.text,
            published=True,
        )


class PeriodRow(Row):
    """A force's period in a stage beyond Scan, and the decisions that opened and closed it."""

    code: str
    stage: str
    stage_label: str
    started_on: str
    decision: str
    """Who decided, as published."""
    reasons: str
    source: str | None
    """The address of the published letter, report or announcement."""
    concerns: list[str]
    """The codes of the linked findings this reader may read."""
    ended_on: str | None
    """The day the force left the stage (returned to Scan); none while it is there."""
    exit_decision: str | None
    exit_reasons: str | None
    exit_source: str | None
    current: bool


class PeriodDocument(Document):
    code: str
    stage: str
    stage_label: str
    started_on: str
    decision: str
    reasons: str
    source: str | None
    concerns: list[Concern]
    """The findings the placement rests on that this reader may read: a finding of an inspection
    not published (or an exercise) is left out for everyone outside its team."""
    ended_on: str | None
    exit_decision: str | None
    exit_reasons: str | None
    exit_source: str | None
    current: bool

    def row(self) -> PeriodRow:
        return PeriodRow(
            **{**self.model_dump(exclude={"concerns"}), "concerns": [c.code for c in self.concerns]}
        )


def period_document(period: MonitoringPeriod, concerns: Concerns) -> PeriodDocument:
    shown = [c for c in (concerns.of(f) for f in period.concerns.all()) if c is not None]
    return PeriodDocument(
        code=str(period.code),
        stage=period.stage,
        stage_label=period.get_stage_display(),
        started_on=period.started_on.isoformat(),
        decision=period.decision,
        reasons=period.reasons,
        source=period.source or None,
        concerns=shown,
        ended_on=period.ended_on.isoformat() if period.ended_on else None,
        exit_decision=(period.exit_decision or None) if period.ended_on else None,
        exit_reasons=(period.exit_reasons or None) if period.ended_on else None,
        exit_source=(period.exit_source or None) if period.ended_on else None,
        current=period.ended_on is None,
    )


class ForceMonitoringPage(PageDocument):
    """A force's monitoring status and its history: every period beyond Scan, latest first."""

    ROW = PeriodRow
    force: str
    """The force's police.uk id."""
    force_name: str
    today: str
    status: MonitoringStatus
    """Its status today."""
    periods: list[PeriodDocument]
    """Latest first."""
    stages: list[StageDocument]
    process_source: str
    """The inspectorate's published description of its monitoring process."""

    def csv_rows(self) -> Sequence[PeriodRow]:
        return [p.row() for p in self.periods]


def force_monitoring_page(force: Force, user: AnyUser, on: datetime.date) -> ForceMonitoringPage:
    periods = periods_of(force)
    concerns = Concerns(user)
    return ForceMonitoringPage(
        force=force.id,
        force_name=force.name,
        today=on.isoformat(),
        status=status_document(status_of(periods, on)),
        periods=[period_document(p, concerns) for p in periods],
        stages=stage_documents(),
        process_source=PROCESS_SOURCE,
    )


class NationalRow(Row):
    """A force's monitoring status on the day the list is for."""

    force: str
    force_name: str
    stage: str
    stage_label: str
    status: str
    """As the list shows it: Engage, Scan, or "Scan (no decision recorded)"."""
    since: str | None
    recorded: bool
    escalated: bool
    periods: int
    """How many periods beyond Scan are recorded for the force (up to the day)."""
    last_left: str | None
    """When the force last left a stage beyond Scan (up to the day), if it has."""
    previous: str | None
    """That stage with its dates, in words ("Engage from 28 June 2022 to 23 January 2025")."""


class NationalPage(PageDocument):
    """Every force's monitoring status on a day: those beyond Scan (Engage) first, most closely
    monitored first; then those returned to Scan by a recorded decision; then the rest; each group
    by name."""

    ROW = NationalRow
    on: str
    """The day statuses are for: today, or the one asked for with ?on=YYYY-MM-DD."""
    today: bool
    stages: list[StageDocument]
    process_source: str
    escalated: int
    """How many forces are beyond Scan on the day."""
    forces: list[NationalRow]

    def csv_rows(self) -> Sequence[NationalRow]:
        return self.forces


def national_page(on: datetime.date, is_today: bool) -> NationalPage:
    by_force: dict[str, list[MonitoringPeriod]] = {}
    for period in MonitoringPeriod.objects.all():
        by_force.setdefault(period.force_id, []).append(period)
    rows = []
    for force in Force.objects.all():
        periods = [p for p in by_force.get(force.id, []) if p.started_on <= on]
        status = status_of(periods, on)
        left = [p.ended_on for p in periods if p.ended_on is not None and p.ended_on <= on]
        rows.append(
            NationalRow(
                force=force.id,
                force_name=force.name,
                stage=status.stage.value,
                stage_label=status.stage.label,
                status=status.label,
                since=status.since.isoformat() if status.since else None,
                recorded=status.recorded,
                escalated=status.stage.escalated,
                periods=len(periods),
                last_left=max(left).isoformat() if left else None,
                previous=period_words(status.previous) if status.previous else None,
            )
        )
    rows.sort(key=lambda r: (-Stage(r.stage).rank, not r.recorded, r.force_name))
    return NationalPage(
        on=on.isoformat(),
        today=is_today,
        stages=stage_documents(),
        process_source=PROCESS_SOURCE,
        escalated=sum(1 for r in rows if r.escalated),
        forces=rows,
    )
