"""What a later report says of earlier findings: each reference read from it, and what it resolved to.

A report's references are read once, when it is stored (core/recurrence/references.py), from its
text when it was imported, else from its recorded findings. Each is kept with the earlier inspection
and finding it was resolved to, or with the reason it was not (an inspection the library does not
hold is never replaced by a guess). A resolved reference held in one of the later report's findings
is also a ``FindingLink`` of decision "stated", so that lineages follow it as they follow people's.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models

from inspectorate.web.inspections.models import Finding, Inspection

OUTCOME_CHOICES = [
    ("met", "Met"),
    ("partly-met", "Partly met"),
    ("not-met", "Not met"),
    ("none", "No outcome stated"),
]


class CitationSource(models.TextChoices):
    TEXT = "text", "the report's text"
    FINDING = "finding", "a recorded finding"


class StatedCitation(models.Model):
    later = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="citations")
    source = models.CharField(max_length=10, choices=CitationSource.choices)
    line = models.PositiveIntegerField()  # in the report's text; for a finding, its position
    sentence = models.TextField()
    context = models.TextField()  # the sentence and what follows it: what the topic is read from
    years = models.CharField(max_length=40, blank=True)  # "2019", "2018 2019"
    relative = models.CharField(max_length=20, blank=True)  # "last" or "earlier" when no year
    kind = models.CharField(max_length=30, blank=True)
    programmes = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=20, choices=OUTCOME_CHOICES, default="none")
    later_finding = models.ForeignKey(
        Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="stated_citations"
    )
    earlier_inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by"
    )
    earlier_finding = models.ForeignKey(
        Finding, null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by"
    )
    score = models.FloatField(default=0.0)
    reason = models.CharField(max_length=300, blank=True)  # why it is unresolved

    class Meta:
        ordering = ["later", "source", "line", "id"]

    def __str__(self) -> str:
        return f"{self.later.reference} line {self.line}: {self.years or self.relative}"


auditlog.register(StatedCitation)
