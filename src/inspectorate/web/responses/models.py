"""The local policing body's response to a published report (section 55 of the Police Act 1996):
when and where the body published it, what it says in our words, and its statement on each cause of
concern, recommendation and area for improvement of the report. Every change is in the audit trail."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from inspectorate.web.inspections.models import CodedRecord, Finding, Inspection


class LocalResponse(CodedRecord):
    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="local_response")
    # The day the body published its response, and where it is published.
    published_on = models.DateField()
    address = models.URLField(max_length=500)
    # What the response says, in the platform's words (never copied from it).
    summary = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["inspection", "id"]

    def __str__(self) -> str:
        return f"{self.inspection.reference}: response published {self.published_on.isoformat()}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code)}


class Stance(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    PARTLY_ACCEPTED = "partly-accepted", "Partly accepted"
    NOT_ACCEPTED = "not-accepted", "Not accepted"
    NOTED = "noted", "Noted"


class ResponseStatement(CodedRecord):
    """What the response says of one finding of the published report, in summary."""

    response = models.ForeignKey(LocalResponse, on_delete=models.CASCADE, related_name="statements")
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="response_statements")
    stance = models.CharField(max_length=20, choices=Stance.choices)
    statement = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["response", "finding__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "finding"], name="one_statement_per_finding")
        ]

    def __str__(self) -> str:
        return f"{self.response.inspection.reference}: {self.get_stance_display()}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.response.inspection.code), "finding": str(self.finding.code)}


auditlog.register(LocalResponse, exclude_fields=["updated_at", "created_at"])
auditlog.register(ResponseStatement, exclude_fields=["updated_at", "created_at"])
