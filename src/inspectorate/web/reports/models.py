"""A published version of an inspection's report: the report as it was published, public from the
end of its embargo, and never changed after. A correction is a new version with its reason."""

from __future__ import annotations

import datetime
from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone

from inspectorate.web.inspections.models import Inspection


class ImmutableVersion(Exception):
    """A published version was about to be changed or deleted."""


class ReportVersion(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="report_versions")
    number = models.PositiveIntegerField()
    context = models.JSONField()  # the report context (core/reports/context.py) as published
    content_hash = models.CharField(max_length=64)  # SHA-256 of the context's canonical JSON
    embargo_until = models.DateTimeField()
    reason = models.TextField(blank=True)  # why it corrects the version before; empty for the first
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["inspection", "number"]
        constraints = [models.UniqueConstraint(fields=["inspection", "number"], name="one_version_number")]

    def __str__(self) -> str:
        return f"{self.inspection.reference} report, version {self.number}"

    def is_public(self, now: datetime.datetime | None = None) -> bool:
        return self.embargo_until <= (now or timezone.now())

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableVersion(f"{self} is published and never changes; publish a correction instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableVersion(f"{self} is published and is never deleted")

    def get_additional_data(self) -> dict[str, Any]:
        return {"inspection": str(self.inspection.code), "version": self.number}


auditlog.register(ReportVersion, exclude_fields=["context"])


class Rendition(models.Model):
    """A report rendered once, by the background job (web/reports/renditions.py): its HTML, and the
    PDF printed from it. It is found by the hash of the report it renders, so a published version is
    rendered once for good, and a working copy again only when the report changes."""

    content_hash = models.CharField(max_length=64, unique=True)  # as ReportVersion.content_hash
    # The layout it was drawn with (renditions.LAYOUT): one drawn by an earlier layout is drawn again.
    layout = models.CharField(max_length=40, default="")
    html = models.TextField()
    pdf = models.BinaryField()
    made_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"rendition {self.content_hash[:12]}"
