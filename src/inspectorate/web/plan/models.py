"""The fieldwork plan: what the team asks of the force (with due dates), the force's answers and
the team's decision on each, and the team's activities (interviews, visits, reviews). Every change
is in the audit trail."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from inspectorate.web.inspections.models import CodedRecord, Inspection


class RequestKind(models.TextChoices):
    DATA_RETURN = "data-return", "Data return"
    DOCUMENT = "document", "Document"
    INFORMATION = "information", "Information"


class ForceRequest(CodedRecord):
    """Something the team asks the inspected force for, by a date: a data return (loaded into the
    force's dataset as `inspectorate data load` loads it), a document or some information."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="force_requests")
    kind = models.CharField(max_length=20, choices=RequestKind.choices)
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    due_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A request the team no longer needs answered, with why: kept, as the force may have seen it.
    withdrawn = models.BooleanField(default=False)
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["inspection", "due_on", "created_at", "id"]
        verbose_name = "request to the force"

    def __str__(self) -> str:
        return f"{self.inspection.reference}: {self.title}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code), "request": str(self.code)}


class Outcome(models.TextChoices):
    LOADED = "loaded", "Loaded"
    REFUSED = "refused", "Refused"
    RECEIVED = "received", "Received"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    RETURNED = "returned", "Returned"


class RequestAnswer(CodedRecord):
    """One file sent in answer to a request: a data return loaded (its rows and months), or refused
    with its located problems (then neither its bytes nor any data were kept), or a document received.
    A kept file is stored once in the workspace under its SHA-256. The team accepts an answer, or
    returns it with a note saying what is still wanted."""

    request = models.ForeignKey(ForceRequest, on_delete=models.CASCADE, related_name="answers")
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    dataset = models.CharField(max_length=140, blank=True)
    rows = models.PositiveBigIntegerField(null=True, blank=True)
    months = models.JSONField(default=list, blank=True)
    # A refused data return's problems, each {"file", "line", "field", "message"}.
    problems = models.JSONField(default=list, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_note = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["request", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.outcome})"

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.request.inspection.code), "request": str(self.request.code)}


class ActivityKind(models.TextChoices):
    INTERVIEW = "interview", "Interview"
    FOCUS_GROUP = "focus-group", "Focus group"
    REALITY_TESTING = "reality-testing", "Reality testing"
    UNANNOUNCED_VISIT = "unannounced-visit", "Unannounced visit"
    OBSERVATION = "observation", "Observation"
    CASE_FILE_REVIEW = "case-file-review", "Case-file review"
    AUDIT = "audit", "Audit"
    OTHER = "other", "Other"


class Activity(CodedRecord):
    """A piece of fieldwork the team plans: when, where and which areas it bears on. It may name
    people and places, so it is the team's alone."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=30, choices=ActivityKind.choices)
    title = models.CharField(max_length=200)
    on = models.DateField(db_column="held_on")
    place = models.CharField(max_length=200, blank=True)
    area_ids = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["inspection", "on", "created_at", "id"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return f"{self.inspection.reference}: {self.title} ({self.on})"

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code), "activity": str(self.code)}


auditlog.register(ForceRequest, exclude_fields=["updated_at", "created_at", "answers"])
auditlog.register(RequestAnswer, exclude_fields=["updated_at", "created_at"])
auditlog.register(Activity, exclude_fields=["updated_at", "created_at"])
