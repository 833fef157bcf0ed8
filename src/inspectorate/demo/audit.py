"""The demo's crime data integrity audit: a sample of the SYNTHETIC return, mostly decided.

The decisions are made by a seeded stand-in for an auditor, from what the synthetic return says
(a crime-related incident with no crime recorded from it was usually a missed crime), so the
figures land near the Metropolitan 2021/22 ones. A few records are left for the visitor to decide.
"""

from __future__ import annotations

from datetime import date

import numpy as np
from auditlog.context import set_actor
from django.db import transaction

from inspectorate.core.cdi.frame import default_audit_period
from inspectorate.core.cdi.types import Answer, Decision, SampleDesign
from inspectorate.web.audits.models import DECISION_FIELDS, AuditRecord, CdiAudit
from inspectorate.web.audits.services import create_audit
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.workspace import data_store

DEMO_AUDIT_REFERENCE = "MPS-PEEL-DRAFT-CDI"
LEFT_FOR_THE_VISITOR = 25
DEMO_SEED = 2021
# The 2018 inspection's published figures, as the 2021/22 report gives them (rate and +/-).
DEMO_PREVIOUS = {
    "label": "the 2018 inspection",
    "overall": {"rate": 0.895, "margin": 0.016},
    "violence": {"rate": 0.876, "margin": 0.028},
    "sexual": {"rate": 0.91, "margin": 0.029},
}


def build_demo_audit(draft_reference: str, dataset_name: str) -> CdiAudit | None:
    """Create the demo audit on the draft inspection, unless it exists; None without the data."""
    existing = CdiAudit.objects.filter(reference=DEMO_AUDIT_REFERENCE).first()
    if existing is not None:
        return existing
    draft = Inspection.objects.filter(reference=draft_reference).first()
    store = data_store()
    dataset = store.dataset(draft.force_id, dataset_name) if draft is not None else None
    if draft is None or dataset is None:
        return None
    start, end = default_audit_period(store, dataset)
    with set_actor(None), transaction.atomic():
        audit = create_audit(
            draft,
            dataset_name=dataset_name,
            start=start,
            end=end,
            design=SampleDesign(margin=0.05, expected_rate=0.9, seed=DEMO_SEED),
            reference=DEMO_AUDIT_REFERENCE,
        )
        audit.previous = DEMO_PREVIOUS
        audit.save()
        _decide(audit)
    return audit


def _decide(audit: CdiAudit) -> None:
    rng = np.random.default_rng(DEMO_SEED)
    records = list(audit.records.order_by("number"))
    to_decide = records[: max(0, len(records) - LEFT_FOR_THE_VISITOR)]
    for record in to_decide:
        record.set_decision(_stand_in_decision(record, rng))
        record.revision = 1
    AuditRecord.objects.bulk_update(to_decide, [*DECISION_FIELDS, "revision"])


def _stand_in_decision(record: AuditRecord, rng: np.random.Generator) -> Decision:
    yes, no, na = Answer.YES, Answer.NO, Answer.NOT_APPLICABLE
    if not record.crimes:
        # Most crime-related incidents with nothing recorded were crimes missed; a few were not crimes.
        if rng.random() < 0.1:
            return Decision(
                should_record=no,
                recorded=no,
                correctly_classified=na,
                within_24h=na,
                cancellation_correct=na,
                note="No offence disclosed (stand-in decision).",
            )
        return Decision(
            should_record=yes,
            recorded=no,
            correctly_classified=na,
            within_24h=na,
            cancellation_correct=na,
            note="Crime disclosed, none recorded (stand-in decision).",
        )
    opened = date.fromisoformat(record.opened_at[:10])
    first_recorded = min(date.fromisoformat(str(crime[1])[:10]) for crime in record.crimes)
    timely = (first_recorded - opened).days <= 1
    return Decision(
        should_record=yes,
        recorded=yes,
        correctly_classified=yes if rng.random() < 0.95 else no,
        within_24h=yes if timely else no,
        cancellation_correct=na,
    )
