"""A crime data integrity audit: its design, its strata, and each sampled record's decision.

The frame (every incident the sample was drawn from) is kept as a Parquet file in the workspace,
named by the audit's code and checked by its SHA-256; strata sizes and the selection are rows
here. Every decision change goes to the audit trail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from inspectorate.core.cdi.types import (
    CRIME_GROUP_LABELS,
    QUESTION_NAMES,
    ROUTE_LABELS,
    Answer,
    Decision,
    stratum_key,
)
from inspectorate.web.inspections.models import CodedRecord, Evidence, Inspection


class AnswerChoice(models.TextChoices):
    YES = Answer.YES.value, "Yes"
    NO = Answer.NO.value, "No"
    NOT_APPLICABLE = Answer.NOT_APPLICABLE.value, "Not applicable"


class CdiAudit(CodedRecord):
    reference = models.CharField(
        max_length=80, unique=True, help_text="A short name, e.g. MPS-PEEL-2021-CDI."
    )
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="cdi_audits")
    area_id = models.CharField(max_length=80, help_text="The framework area the results are evidence for.")
    dataset = models.CharField(max_length=140, help_text="The data return sampled, as force/name.")
    synthetic = models.BooleanField(default=False)
    period_start = models.DateField()
    period_end = models.DateField()
    include_asb = models.BooleanField(default=False)
    design = models.JSONField(default=dict)
    frame_size = models.PositiveIntegerField(default=0)
    frame_file = models.CharField(max_length=300, blank=True)
    frame_sha256 = models.CharField(max_length=64, blank=True)
    # R: the Home Office recorded-crime figure (excluding fraud) for the 12 months to the period's end.
    recorded_crimes = models.PositiveIntegerField(null=True, blank=True)
    recorded_crimes_source = models.CharField(max_length=200, blank=True)
    # The previous audit's published figures: label, and rate/margin for overall, violence, sexual.
    previous = models.JSONField(default=dict, blank=True)
    evidence = models.ForeignKey(
        Evidence, null=True, blank=True, on_delete=models.SET_NULL, related_name="cdi_audits"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["inspection", "created_at", "id"]
        verbose_name = "crime data integrity audit"

    def __str__(self) -> str:
        return self.reference

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code), "audit": str(self.code)}


class AuditStratum(models.Model):
    audit = models.ForeignKey(CdiAudit, on_delete=models.CASCADE, related_name="strata")
    crime_group = models.CharField(max_length=60)
    route = models.CharField(max_length=20)
    position = models.PositiveIntegerField(default=0)
    frame_size = models.PositiveIntegerField()
    sample_size = models.PositiveIntegerField()

    class Meta:
        ordering = ["audit", "position"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "crime_group", "route"], name="one_stratum_per_cell")
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def key(self) -> str:
        return stratum_key(self.crime_group, self.route)

    @property
    def label(self) -> str:
        group = CRIME_GROUP_LABELS.get(self.crime_group, self.crime_group)
        return f"{group}, {ROUTE_LABELS.get(self.route, self.route)}"


def _answer_field(help_text: str) -> models.CharField[Any, Any]:
    return models.CharField(max_length=3, choices=AnswerChoice.choices, blank=True, help_text=help_text)


# The fields an auditor's decision is stored in: the answers to QUESTIONS, then the note.
DECISION_FIELDS = (*QUESTION_NAMES, "note")


class AuditRecord(models.Model):
    """A sampled incident, what the data return said about it, and the auditor's decision."""

    audit = models.ForeignKey(CdiAudit, on_delete=models.CASCADE, related_name="records")
    stratum = models.ForeignKey(AuditStratum, on_delete=models.CASCADE, related_name="records")
    number = models.PositiveIntegerField(help_text="Position in the working order, from 1.")
    incident_id = models.CharField(max_length=120)
    opened_at = models.CharField(max_length=40)
    incident_offence_group = models.CharField(max_length=60, blank=True)
    crimes = models.JSONField(default=list, help_text="Crimes recorded from the incident.")
    should_record = _answer_field("Should a crime have been recorded?")
    recorded = _answer_field("Was it recorded?")
    correctly_classified = _answer_field("Was it correctly classified?")
    within_24h = _answer_field("Was it recorded within 24 hours?")
    cancellation_correct = _answer_field("Was any cancellation correct?")
    note = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=0, help_text="How many times the decision was saved.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["audit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "number"], name="one_record_per_number"),
            models.UniqueConstraint(fields=["audit", "incident_id"], name="one_record_per_incident"),
        ]

    def __str__(self) -> str:
        return f"{self.audit.reference} #{self.number} ({self.incident_id})"

    @property
    def decision(self) -> Decision:
        def answer(value: str) -> Answer | None:
            return Answer(value) if value else None

        return Decision(
            should_record=answer(self.should_record),
            recorded=answer(self.recorded),
            correctly_classified=answer(self.correctly_classified),
            within_24h=answer(self.within_24h),
            cancellation_correct=answer(self.cancellation_correct),
            note=self.note,
        )

    def set_decision(self, decision: Decision) -> None:
        def text(value: Answer | None) -> str:
            return value.value if value is not None else ""

        self.should_record = text(decision.should_record)
        self.recorded = text(decision.recorded)
        self.correctly_classified = text(decision.correctly_classified)
        self.within_24h = text(decision.within_24h)
        self.cancellation_correct = text(decision.cancellation_correct)
        self.note = decision.note

    @property
    def is_decided(self) -> bool:
        return bool(self.should_record)

    def get_additional_data(self) -> dict[str, Any]:
        return {"audit": str(self.audit.code), "incident": self.incident_id}


@receiver(post_delete, sender=CdiAudit)
def _remove_frame_file(sender: type[CdiAudit], instance: CdiAudit, **_kwargs: Any) -> None:
    """A deleted audit's frame goes too, once the deletion is committed (also when an inspection
    is deleted with its audits, as `demo --reset` does)."""
    if not instance.frame_file:
        return
    path = Path(settings.WORKSPACE) / instance.frame_file
    transaction.on_commit(lambda: path.unlink(missing_ok=True))


auditlog.register(CdiAudit, exclude_fields=["updated_at", "created_at", "strata", "records"])
auditlog.register(AuditRecord, include_fields=list(DECISION_FIELDS))
