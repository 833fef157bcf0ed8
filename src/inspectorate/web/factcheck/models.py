"""The factual-accuracy check's record: the force's comments on the draft report, each with the
quoted text as it stood, and the team's answer to each. Kept after publication as the log of the
check, for the team and the force's liaison only; every change is in the audit trail."""

from __future__ import annotations

import uuid
from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from inspectorate.web.inspections.models import Inspection


class TargetKind(models.TextChoices):
    PARAGRAPH = "paragraph", "Paragraph"
    FINDING = "finding", "Finding"
    JUDGMENT = "judgment", "Judgment"
    FIGURE = "figure", "Figure"
    GENERAL = "general", "The report as a whole"


class Comment(models.Model):
    """A comment by the force's liaison on one part of the draft report (or on the whole)."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="factcheck_comments")
    target_kind = models.CharField(max_length=20, choices=TargetKind.choices)
    # A finding's code, an area's id, a figure's position (1 is the first) or a paragraph's anchor.
    target = models.CharField(max_length=200, blank=True)
    # The text commented on as the draft said it then: the draft changes, the comment keeps its quote.
    quoted = models.TextField(blank=True)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inspection", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.inspection.reference}: comment on {self.target_kind} {self.target}".rstrip()

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code), "comment": str(self.code)}


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    NOT_ACCEPTED = "not-accepted", "Not accepted"


class Answer(models.Model):
    """The team's answer to a comment: accepted, with the amendment made, or not, with the reason.
    One per comment, never changed once given."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="answer")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    amendment = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.comment}: {self.get_decision_display()}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.comment.inspection.code), "comment": str(self.comment.code)}


auditlog.register(Comment, exclude_fields=["created_at"])
auditlog.register(Answer, exclude_fields=["answered_at"])
