"""A published finding followed to closure.

Each cause of concern, recommendation and area for improvement of a published report has one
``FollowUp``: to whom it is addressed, its timescale as the report gives it and the due date that
gives, the force's owner, and where it stands (core/followup/states.py). Every change is a
``FollowUpdate`` (the force's progress with its files, a status move, the inspectorate's verdict
with its reasons), and every row is in the audit trail.
"""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from inspectorate.core.findings import FindingKind
from inspectorate.core.followup.states import FollowStatus
from inspectorate.core.followup.timescales import Addressee
from inspectorate.web.inspections.models import CodedRecord, Finding, Inspection

# The kinds of finding that ask something of someone, and so are followed.
FOLLOWED_KINDS = (
    FindingKind.CAUSE_OF_CONCERN,
    FindingKind.RECOMMENDATION,
    FindingKind.AREA_FOR_IMPROVEMENT,
)

STATUS_CHOICES = [(status.value, status.label) for status in FollowStatus]
ADDRESSEE_CHOICES = [(addressee.value, addressee.label) for addressee in Addressee]


class FollowUp(CodedRecord):
    finding = models.OneToOneField(Finding, on_delete=models.CASCADE, related_name="follow_up")
    addressee = models.CharField(max_length=30, choices=ADDRESSEE_CHOICES, default=Addressee.FORCE.value)
    # The body's own name where the addressee is a national body or the local policing body.
    addressee_name = models.CharField(max_length=200, blank=True)
    # As the report gives it ("within six months", "by 31 March 2023"); empty when it gives none.
    timescale = models.CharField(max_length=200, blank=True)
    due_on = models.DateField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_findings",
    )
    # The owner's post in the force, kept when no person is named
    # ("Assistant Commissioner, Frontline Policing").
    owner_title = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=30, choices=STATUS_CHOICES, default=FollowStatus.OPEN.value)
    verdict_reasons = models.TextField(blank=True)
    verdict_on = models.DateField(null=True, blank=True)
    verdict_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The later inspection whose report gave the verdict, when a report gave it.
    verdict_in = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.SET_NULL, related_name="verdicts_given"
    )

    class Meta:
        ordering = ["finding__inspection", "finding__position", "finding__id"]

    def __str__(self) -> str:
        return f"{self.finding.inspection.reference}: {self.finding.get_kind_display()} ({self.status})"

    @property
    def follow_status(self) -> FollowStatus:
        return FollowStatus(self.status)

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.finding.inspection.code), "finding": str(self.finding.code)}


class UpdateKind(models.TextChoices):
    PROGRESS = "progress", "Progress update"
    STATUS = "status", "Status changed"
    VERDICT = "verdict", "Verdict"
    REOPENED = "reopened", "Reopened"
    DETAILS = "details", "Details changed"


class FollowUpdate(CodedRecord):
    """One entry in a followed finding's log: who, when, what they said, and the move it made."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=20, choices=UpdateKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(blank=True)
    status_from = models.CharField(max_length=30, choices=STATUS_CHOICES, blank=True)
    status_to = models.CharField(max_length=30, choices=STATUS_CHOICES, blank=True)
    # The inspection whose work gave this verdict (a later inspection's review of earlier findings,
    # or its report): until that inspection is published, the verdict is its team's alone
    # (web/followup/visible.py).
    given_in = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["follow_up", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.follow_up}: {self.kind}"

    def get_additional_data(self) -> dict[str, Any]:
        finding = self.follow_up.finding
        return {"inspection": str(finding.inspection.code), "finding": str(finding.code)}


class UpdateFile(CodedRecord):
    """A file sent with an update, kept under its SHA-256 (web/stored_files.py)."""

    update = models.ForeignKey(FollowUpdate, on_delete=models.CASCADE, related_name="files")
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["update", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.sha256[:12]})"


auditlog.register(FollowUp, exclude_fields=["updated_at", "created_at"])
auditlog.register(FollowUpdate, exclude_fields=["updated_at", "created_at"])
auditlog.register(UpdateFile, exclude_fields=["updated_at", "created_at"])
