"""A move of an inspection from one stage to another: who made it, when and why. Every move is
recorded, and so is every change to a record of one (the audit trail)."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone

from inspectorate.web.inspections.models import Inspection, Status


class StatusMove(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="status_moves")
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    # None: made by the platform (the embargo's end), not by a person.
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["inspection", "at", "id"]
        verbose_name = "status move"

    def __str__(self) -> str:
        moved = f"{Status(self.from_status).label} to {Status(self.to_status).label.lower()}"
        return f"{moved}: {self.reason}" if self.reason else moved

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code)}


auditlog.register(StatusMove)
