"""The moderator's decision on each graded area: the grade the team proposed, agreed or moderated to
another level of the area's scale with its reason.

A decision stands while the area's grade is the one it decided: when the team changes the grade
after it, the area awaits moderation again; a change of wording alone does not (``state.py``). The
judgment's revision at the decision is kept with it. Decisions are kept,
never edited: a later one on the same area replaces the earlier as the one that stands. Every
decision is in the audit trail.
"""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone

from inspectorate.web.inspections.models import Inspection


class DecisionKind(models.TextChoices):
    AGREED = "agreed", "Agreed"
    MODERATED = "moderated", "Moderated"


class Decision(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="moderation_decisions")
    area_id = models.CharField(max_length=80)
    proposed_grade = models.CharField(max_length=40, help_text="The grade the team proposed.")
    decision = models.CharField(max_length=20, choices=DecisionKind.choices)
    grade = models.CharField(max_length=40, help_text="The grade as decided: the proposed one when agreed.")
    reason = models.TextField(blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    # The judgment's revision once the decision was made (after the moderated grade was saved).
    judgment_revision = models.PositiveIntegerField()

    class Meta:
        ordering = ["inspection", "area_id", "id"]
        verbose_name = "moderation decision"

    def __str__(self) -> str:
        if self.decision == DecisionKind.MODERATED:
            return f"{self.area_id}: moderated from {self.proposed_grade} to {self.grade}"
        return f"{self.area_id}: agreed {self.grade}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code), "area": self.area_id}


auditlog.register(Decision)
