"""A case-file review: the template version it is pinned to, its cases, and each reviewer's answers.

A template version is stored the first time it is used and never changed after: a review keeps the
exact questions it was answered against. Each case has a first review and, when it is in the
sample picked for it, a second one by another reviewer, for the agreement figures. Every change to
answers goes to the audit trail.
"""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from inspectorate.core.casereview.spec import Template, template_from_document
from inspectorate.web.inspections.models import CodedRecord, Evidence, Inspection


class ReviewTemplate(models.Model):
    template_id = models.CharField(max_length=80)
    version = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    framework = models.CharField(max_length=80, blank=True)
    document = models.JSONField(help_text="The compiled template, as it was when first stored.")
    sha256 = models.CharField(max_length=64)
    source = models.CharField(max_length=200, blank=True, help_text="Where it was compiled from.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["template_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["template_id", "version"], name="one_template_version")
        ]

    def __str__(self) -> str:
        return f"{self.template_id}@{self.version}"

    @property
    def spec(self) -> Template:
        cached: Template | None = getattr(self, "_spec", None)
        if cached is None:
            cached = template_from_document(self.document)
            self._spec = cached
        return cached


class CaseReview(CodedRecord):
    reference = models.CharField(
        max_length=80, unique=True, help_text="A short name, e.g. MPS-PEEL-2021-VSA."
    )
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="case_reviews")
    template = models.ForeignKey(ReviewTemplate, on_delete=models.PROTECT, related_name="reviews")
    source = models.CharField(max_length=200, help_text="Where the cases came from: a dataset or a file.")
    synthetic = models.BooleanField(default=False)
    second_share = models.FloatField(default=0.1, help_text="Share of cases picked for a second review.")
    seed = models.BigIntegerField(default=0)
    evidence = models.ForeignKey(
        Evidence, null=True, blank=True, on_delete=models.SET_NULL, related_name="case_reviews"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["inspection", "created_at", "id"]
        verbose_name = "case-file review"

    def __str__(self) -> str:
        return self.reference

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code), "review": str(self.code)}


class ReviewCase(models.Model):
    review = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="cases")
    number = models.PositiveIntegerField(help_text="Position in the list, from 1.")
    case_ref = models.CharField(max_length=120)
    crime_id = models.CharField(max_length=120, blank=True)
    offence = models.CharField(max_length=120, blank=True)
    reported_on = models.CharField(max_length=10, blank=True)
    summary = models.TextField(blank=True)
    second_review = models.BooleanField(
        default=False, help_text="Picked to be reviewed again by someone else."
    )

    class Meta:
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="one_case_per_number"),
            models.UniqueConstraint(fields=["review", "case_ref"], name="one_case_per_ref"),
        ]

    def __str__(self) -> str:
        return f"{self.review.reference} #{self.number} ({self.case_ref})"


class Role(models.TextChoices):
    FIRST = "first", "First review"
    SECOND = "second", "Second review"


class AnswerStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETE = "complete", "Complete"


class CaseAnswers(models.Model):
    """One reviewer's answers to one case: a draft until every required question is answered."""

    case = models.ForeignKey(ReviewCase, on_delete=models.CASCADE, related_name="answer_sets")
    role = models.CharField(max_length=10, choices=Role.choices)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answers = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=AnswerStatus.choices, default=AnswerStatus.DRAFT)
    revision = models.PositiveIntegerField(default=0, help_text="How many times the answers were saved.")
    saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "role"]
        constraints = [models.UniqueConstraint(fields=["case", "role"], name="one_answer_set_per_role")]
        verbose_name_plural = "case answers"

    def __str__(self) -> str:
        return f"{self.case} ({self.role})"

    def get_additional_data(self) -> dict[str, Any]:
        return {"review": str(self.case.review.code), "case": self.case.case_ref, "role": self.role}


auditlog.register(CaseReview, exclude_fields=["updated_at", "created_at"])
auditlog.register(CaseAnswers, include_fields=["answers", "status", "reviewer"])
