"""An audit as plain data: the same dict feeds the CLI's JSON, the pages' twins and the templates."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from inspectorate.core.cdi.types import CRIME_GROUP_LABELS, QUESTION_NAMES, ROUTE_LABELS
from inspectorate.web.audits.models import AuditRecord, CdiAudit


def audit_summary(audit: CdiAudit, *, with_strata: bool = True) -> dict[str, Any]:
    counts = audit.records.aggregate(sampled=Count("id"), decided=Count("id", filter=~Q(should_record="")))
    summary: dict[str, Any] = {
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
    if with_strata:
        summary["strata"] = strata_rows(audit)
    return summary


def strata_rows(audit: CdiAudit) -> list[dict[str, Any]]:
    strata = audit.strata.annotate(decided=Count("records", filter=~Q(records__should_record="")))
    return [
        {
            "stratum": stratum.key,
            "crime_group": CRIME_GROUP_LABELS.get(stratum.crime_group, stratum.crime_group),
            "route": ROUTE_LABELS.get(stratum.route, stratum.route),
            "frame_size": stratum.frame_size,
            "sample_size": stratum.sample_size,
            "decided": stratum.decided,
        }
        for stratum in strata
    ]


def record_document(record: AuditRecord) -> dict[str, Any]:
    """A sampled record, what the data return says about it, and its decision (``None`` = unanswered)."""
    decision = record.decision
    answers = {
        name: getattr(decision, name).value if getattr(decision, name) else None for name in QUESTION_NAMES
    }
    return {
        "number": record.number,
        "incident_id": record.incident_id,
        "opened_at": record.opened_at,
        "stratum": record.stratum.key,
        "stratum_label": record.stratum.label,
        "crime_group": record.stratum.crime_group,
        "route": record.stratum.route,
        "route_label": ROUTE_LABELS.get(record.stratum.route, record.stratum.route),
        "incident_offence_group": record.incident_offence_group or None,
        "crimes": [
            {"crime_id": crime_id, "recorded_on": recorded_on, "offence_group": group}
            for crime_id, recorded_on, group in record.crimes
        ],
        "decided": record.is_decided,
        "decision": {**answers, "note": decision.note},
        "revision": record.revision,
        "decided_by": record.decided_by.get_username() if record.decided_by else None,
        "decided_at": record.decided_at.isoformat() if record.decided_at else None,
    }
