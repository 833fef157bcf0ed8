"""A force's periods in an escalated stage of the inspectorate's monitoring process (core/monitoring.py):
each with the decision that placed the force there, its reasons and published source, the causes of
concern it rests on, and the decision that ended it. Every change is in the audit trail."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from inspectorate.core.monitoring import DECISION_MAX, SOURCE_MAX, Period, Stage
from inspectorate.web.inspections.models import CodedRecord, Finding
from inspectorate.web.registry.models import Force

STAGE_CHOICES = [(stage.value, stage.label) for stage in Stage]


class MonitoringPeriod(CodedRecord):
    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="monitoring_periods")
    stage = models.CharField(max_length=20, choices=STAGE_CHOICES)
    started_on = models.DateField()
    # Who decided, as published: "HM Chief Inspector of Constabulary", "HMICFRS".
    decision = models.CharField(max_length=DECISION_MAX)
    reasons = models.TextField()
    # The address of the published letter, report or announcement.
    source = models.URLField(max_length=SOURCE_MAX, blank=True)
    concerns = models.ManyToManyField(Finding, blank=True, related_name="monitoring_periods")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_on = models.DateField(null=True, blank=True)
    exit_decision = models.CharField(max_length=DECISION_MAX, blank=True)
    exit_reasons = models.TextField(blank=True)
    exit_source = models.URLField(max_length=SOURCE_MAX, blank=True)
    exit_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["force", "-started_on", "-id"]
        constraints = [
            # One current status per force: at most one period not yet left (the services check
            # every rule under the force's lock; this holds even past them).
            models.UniqueConstraint(
                fields=["force"], condition=models.Q(ended_on__isnull=True), name="one_open_period_per_force"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=models.F("started_on")),
                name="monitoring_exit_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.force_id}: {self.get_stage_display()} from {self.started_on}"

    @property
    def period(self) -> Period:
        return Period(Stage(self.stage), self.started_on, self.ended_on)

    def get_additional_data(self) -> dict[str, Any]:
        return {"force": self.force_id, "period": str(self.code)}


auditlog.register(MonitoringPeriod, exclude_fields=["updated_at", "created_at"], m2m_fields={"concerns"})
