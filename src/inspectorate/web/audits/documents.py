"""An audit as typed documents: the CLI's JSON, the pages' twins and the templates share them."""

from __future__ import annotations

from django.db.models import Count, Q
from pydantic import JsonValue

from inspectorate.core.cdi.types import CRIME_GROUP_LABELS, QUESTION_NAMES, ROUTE_LABELS
from inspectorate.web.audits.models import AuditRecord, CdiAudit
from inspectorate.web.pages.documents import Document, Row


class StratumRow(Row):
    """A crime group and route: how many incidents the frame held, were sampled and are decided."""

    stratum: str
    crime_group: str
    route: str
    frame_size: int
    sample_size: int
    decided: int


class AuditFacts(Row):
    """An audit's identity, period, frame and progress: each a single value."""

    reference: str
    code: str
    inspection: str
    """The inspection's reference."""
    area: str
    """The framework area its results are evidence for."""
    dataset: str
    """The data return sampled, as force/name."""
    synthetic: bool
    period_start: str
    period_end: str
    include_asb: bool
    frame_size: int
    frame_sha256: str
    sampled: int
    decided: int
    recorded_crimes: int | None
    """R: the force's recorded crimes (excluding fraud) for the 12 months to the period's end."""
    recorded_crimes_source: str


class AuditSummary(AuditFacts):
    """An audit's design and progress, as lists show it."""

    design: dict[str, JsonValue]
    """The sample design: target margin, expected rate, crime share, fixed sizes, seed."""
    previous: dict[str, JsonValue] | None
    """The previous audit's published rates and margins, with its label."""


class AuditDetail(AuditSummary):
    """An audit with its strata: what `cdi sample --json` prints."""

    strata: list[StratumRow]


def _summary_fields(audit: CdiAudit) -> dict[str, object]:
    counts = audit.records.aggregate(sampled=Count("id"), decided=Count("id", filter=~Q(should_record="")))
    return {
        "reference": audit.reference,
        "code": str(audit.code),
        "inspection": audit.inspection.reference,
        "area": audit.area_id,
        "dataset": audit.dataset,
        "synthetic": audit.synthetic,
        "period_start": audit.period_start.isoformat(),
        "period_end": audit.period_end.isoformat(),
        "include_asb": audit.include_asb,
        "design": audit.design,
        "frame_size": audit.frame_size,
        "frame_sha256": audit.frame_sha256,
        "sampled": counts["sampled"],
        "decided": counts["decided"],
        "recorded_crimes": audit.recorded_crimes,
        "recorded_crimes_source": audit.recorded_crimes_source,
        "previous": audit.previous or None,
    }


def audit_summary(audit: CdiAudit) -> AuditSummary:
    return AuditSummary.model_validate(_summary_fields(audit))


def audit_detail(audit: CdiAudit) -> AuditDetail:
    return AuditDetail.model_validate({**_summary_fields(audit), "strata": strata_rows(audit)})


def strata_rows(audit: CdiAudit) -> list[StratumRow]:
    strata = audit.strata.annotate(decided=Count("records", filter=~Q(records__should_record="")))
    return [
        StratumRow(
            stratum=stratum.key,
            crime_group=CRIME_GROUP_LABELS.get(stratum.crime_group, stratum.crime_group),
            route=ROUTE_LABELS.get(stratum.route, stratum.route),
            frame_size=stratum.frame_size,
            sample_size=stratum.sample_size,
            decided=stratum.decided,
        )
        for stratum in strata
    ]


class RecordedCrime(Document):
    crime_id: str
    recorded_on: str | None
    offence_group: str | None


class DecisionDocument(Document):
    """The auditor's answers (yes, no, n/a; none = unanswered) and note."""

    should_record: str | None
    recorded: str | None
    correctly_classified: str | None
    within_24h: str | None
    cancellation_correct: str | None
    note: str


class RecordFacts(Row):
    """A sampled record and what the data return says about it: each a single value."""

    number: int
    """Its place in the working order, from 1."""
    incident_id: str
    opened_at: str
    stratum: str
    stratum_label: str
    crime_group: str
    route: str
    route_label: str
    incident_offence_group: str | None
    decided: bool
    revision: int
    """How many times the decision was saved: a save from an older page is refused."""
    decided_by: str | None
    decided_at: str | None


class RecordDocument(RecordFacts):
    """A sampled record, the crimes recorded from it, and its decision."""

    crimes: list[RecordedCrime]
    """The crimes recorded from the incident."""
    decision: DecisionDocument


def record_document(record: AuditRecord) -> RecordDocument:
    decision = record.decision
    answers = {
        name: getattr(decision, name).value if getattr(decision, name) else None for name in QUESTION_NAMES
    }
    return RecordDocument(
        number=record.number,
        incident_id=record.incident_id,
        opened_at=record.opened_at,
        stratum=record.stratum.key,
        stratum_label=record.stratum.label,
        crime_group=record.stratum.crime_group,
        route=record.stratum.route,
        route_label=ROUTE_LABELS.get(record.stratum.route, record.stratum.route),
        incident_offence_group=record.incident_offence_group or None,
        crimes=[
            RecordedCrime(crime_id=crime_id, recorded_on=recorded_on, offence_group=group)
            for crime_id, recorded_on, group in record.crimes
        ],
        decided=record.is_decided,
        decision=DecisionDocument(**answers, note=decision.note),
        revision=record.revision,
        decided_by=record.decided_by.get_username() if record.decided_by else None,
        decided_at=record.decided_at.isoformat() if record.decided_at else None,
    )
