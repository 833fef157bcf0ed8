"""An inspection and what it records: team, judgments, findings and evidence.

Areas are not rows here: they live in the inspection's framework version, and records
refer to them by their stable ids. Every change to these models goes to the audit trail.
"""

from __future__ import annotations

import uuid
from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks.spec import Framework
from inspectorate.web.registry.models import Force, FrameworkVersion


class Status(models.TextChoices):
    PLANNING = "planning", "Planning"
    FIELDWORK = "fieldwork", "Fieldwork"
    MODERATION = "moderation", "Moderation"
    FACTUAL_ACCURACY = "factual-accuracy", "Factual-accuracy check"
    EMBARGOED = "embargoed", "Embargoed"
    PUBLISHED = "published", "Published"


class Origin(models.TextChoices):
    RUN_HERE = "run-here", "Run in this workspace"
    IMPORTED = "imported", "Imported from a published report"
    FIXTURE = "fixture", "Recorded from a published report (demo fixture)"


class CodedRecord(models.Model):
    """A record people and addresses refer to by a code that never changes (a UUID, not the row id,
    so that one inspection's records cannot be counted or guessed), with when it was made and last
    changed."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class RevisedRecord(models.Model):
    """A record the team edits in forms: each save takes the next revision, and a form carries the
    revision it was opened at, so that a second writer is told of the first instead of overwriting
    them (web/inspections/recording.py, ``next_revision``)."""

    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True


class Inspection(CodedRecord):
    reference = models.CharField(max_length=60, unique=True, help_text="A short name, e.g. MPS-PEEL-2021.")
    title = models.CharField(max_length=200)
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="inspections")
    framework = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="inspections")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNING)
    period_label = models.CharField(max_length=120, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    published_label = models.CharField(max_length=60, blank=True)
    published_on = models.DateField(null=True, blank=True)
    source = models.TextField(blank=True)
    # Where an imported report was read from (its file and SHA-256): for the team, never the record.
    provenance = models.TextField(blank=True)
    # The SHA-256 of the file an imported report was read from: unique, so that the same file
    # imported twice at once (a double click, two runs of import-reports) is stored once.
    source_sha256 = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    summary = models.TextField(blank=True)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.RUN_HERE)
    # Practice on synthetic data: said on every page and report, never listed with real reports.
    exercise = models.BooleanField(default=False)
    # Why the published record is being corrected: while it is not empty, the working copy may be
    # changed, and the next version published carries it as its reason. Empty: a published
    # inspection's working copy is locked.
    correction_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["force", "period_start", "reference"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def spec(self) -> Framework:
        return self.framework.spec

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.code)}


class TeamRole(models.TextChoices):
    LEAD = "lead", "Lead inspector"
    INSPECTOR = "inspector", "Inspector"
    ANALYST = "analyst", "Analyst"
    AUDITOR = "auditor", "Auditor"
    # The moderator reads everything and changes nothing but the grades they moderate, each with a
    # reason (web/moderation): the team's records stay the team's.
    REVIEWER = "reviewer", "Moderator"


WRITE_ROLES = frozenset({TeamRole.LEAD, TeamRole.INSPECTOR, TeamRole.ANALYST, TeamRole.AUDITOR})


class TeamMember(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_places")
    role = models.CharField(max_length=20, choices=TeamRole.choices)

    class Meta:
        ordering = ["inspection", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "user"], name="one_place_per_inspection")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    @property
    def can_write(self) -> bool:
        return self.role in WRITE_ROLES

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code)}


class ContactRole(models.TextChoices):
    LIAISON = "liaison", "Force liaison"
    LOCAL_POLICING_BODY = "local-policing-body", "Local policing body"


class InspectionContact(models.Model):
    """Someone outside the inspectorate invited to an inspection: a liaison of the inspected force
    (who answers its requests and checks the draft for factual accuracy), or someone from its local
    policing body (the police and crime commissioner, the Mayor's Office for Policing and Crime, a
    police authority), who receives the report under embargo. Never part of the team."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="contacts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inspection_contacts"
    )
    role = models.CharField(max_length=30, choices=ContactRole.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inspection", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "user"], name="one_contact_place_per_inspection")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code)}


class Judgment(RevisedRecord):
    """An area's grade on the framework's scale, its direction of travel, and a summary."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgments")
    area_id = models.CharField(max_length=80)
    grade = models.CharField(max_length=40, blank=True)
    direction = models.CharField(max_length=40, blank=True)
    summary = models.TextField(blank=True)
    # Where an imported grade was read (file and line): for the team, never the public record.
    source = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["inspection", "area_id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "area_id"], name="one_judgment_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.inspection.reference} {self.area_id}: {self.grade or 'ungraded'}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code), "area": self.area_id}


def _finding_kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, kind.label) for kind in FindingKind]


class Finding(CodedRecord, RevisedRecord):
    """A cause of concern (with its recommendations), area for improvement, strength, and so on."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=30, choices=_finding_kind_choices())
    # A recommendation belongs to the cause of concern it answers.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="recommendations"
    )
    area_ids = models.JSONField(default=list)
    text = models.TextField()
    note = models.TextField(blank=True)
    # The framework's criteria (ids within its areas) this finding is marked against.
    criterion_ids = models.JSONField(default=list, blank=True)
    # The finding's place in the report's order, one per place: allocated under the inspection's
    # lock (recording.py), so that two writers adding findings at once never share a place.
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["inspection", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "position"], name="one_finding_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def finding_kind(self) -> FindingKind:
        return FindingKind(self.kind)

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code), "finding": str(self.code)}


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", "Document"
    INTERVIEW = "interview", "Interview"
    FOCUS_GROUP = "focus-group", "Focus group"
    REALITY_TESTING = "reality-testing", "Reality testing"
    DATA = "data", "Data"
    CASE_REVIEW = "case-review", "Case review"
    AUDIT = "audit", "Audit"
    OBSERVATION = "observation", "Observation"


class Evidence(CodedRecord, RevisedRecord):
    """What was seen, when, from whom, and which areas it bears on."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    area_ids = models.JSONField(default=list)
    # The framework's criteria (ids within its areas) this evidence is marked against.
    criterion_ids = models.JSONField(default=list, blank=True)
    # The findings it supports: a reader goes from a grade to its findings and on to their evidence.
    findings = models.ManyToManyField(Finding, blank=True, related_name="evidence")
    collected_on = models.DateField(null=True, blank=True)
    date_label = models.CharField(max_length=60, blank=True)
    attributed_to = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["inspection", "created_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code), "evidence": str(self.code)}


class EvidenceFile(CodedRecord):
    """A file kept with a piece of evidence: stored in the workspace under its SHA-256 (so the same
    bytes are kept once and a changed file is never mistaken for the one cited), with the name it
    was sent with and the date it speaks for."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="files")
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=120, blank=True)
    effective_on = models.DateField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["evidence", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.sha256[:12]})"

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.evidence.inspection.code), "evidence": str(self.evidence.code)}


# Reverse relations are not the inspection's own values: their rows are audited themselves.
auditlog.register(
    Inspection,
    exclude_fields=["updated_at", "created_at", "team", "contacts", "judgments", "findings", "evidence"],
)
auditlog.register(TeamMember)
auditlog.register(InspectionContact, exclude_fields=["invited_at"])
auditlog.register(EvidenceFile, exclude_fields=["updated_at", "created_at"])
auditlog.register(Judgment, exclude_fields=["updated_at", "revision"])
auditlog.register(
    Finding, exclude_fields=["updated_at", "created_at", "recommendations", "revision", "evidence"]
)
auditlog.register(
    Evidence, exclude_fields=["updated_at", "created_at", "revision", "files"], m2m_fields={"findings"}
)


class FindingVector(models.Model):
    """A finding's text embedding, kept so that recurrences need not re-read every text each time.

    Derived data, not a record: it is rebuilt whenever the text's hash no longer matches, and it is
    not in the audit trail (the finding's text is).
    """

    finding = models.OneToOneField(Finding, on_delete=models.CASCADE, related_name="vector")
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()  # float32, little-endian

    def __str__(self) -> str:
        return f"vector of {self.finding.code}"


class LinkDecision(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed: raises the same matter"
    REJECTED = "rejected", "Rejected: a different matter"
    # Read on import: the later report itself says it takes the earlier finding up.
    STATED = "stated", "Stated: the later report says it takes this up"


class FindingLink(models.Model):
    """A person's decision on whether a later finding takes up an earlier one.

    Suggested links come from text similarity; a confirmed link stands whatever the similarity,
    and a rejected one is never suggested again. Decisions are in the audit trail.
    """

    earlier = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="taken_up_by")
    later = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="takes_up")
    decision = models.CharField(max_length=20, choices=LinkDecision.choices)
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["later", "earlier"]
        constraints = [models.UniqueConstraint(fields=["earlier", "later"], name="one_decision_per_link")]

    def __str__(self) -> str:
        return f"{self.earlier.code} -> {self.later.code}: {self.decision}"

    def get_additional_data(self) -> dict[str, Any]:
        return {
            "inspection": str(self.later.inspection.code),
            "finding": str(self.later.code),
            "earlier": str(self.earlier.code),
        }


auditlog.register(FindingLink, exclude_fields=["decided_at"])


class FigureSection(models.TextChoices):
    CRIME_DATA_INTEGRITY = "crime-data-integrity", "Crime data integrity"
    CASE_REVIEW = "case-review", "Case-file review"


class PublishedFigure(models.Model):
    """A figure an inspection published: a recording rate with its interval, a case count "N of M",
    or a number (crimes left unrecorded in a year). Read from a published report or recorded with it;
    the figures of audits and reviews run here are computed from them instead (web/reports/figures)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="published_figures")
    section = models.CharField(max_length=30, choices=FigureSection.choices)
    measure = models.TextField()
    percent = models.FloatField(null=True, blank=True)
    ci_plus_minus = models.FloatField(null=True, blank=True)
    n = models.PositiveIntegerField(null=True, blank=True)
    m = models.PositiveIntegerField(null=True, blank=True)
    value = models.BigIntegerField(null=True, blank=True)
    period = models.CharField(max_length=40, blank=True)
    method = models.TextField(blank=True)
    source = models.TextField(blank=True)
    # Where an imported figure was read (file and line): for the team, never the public record.
    provenance = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["inspection", "position", "id"]

    def __str__(self) -> str:
        return f"{self.inspection.reference}: {self.measure[:60]}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code)}


auditlog.register(PublishedFigure)
