"""A person's link to a force: liaison officers see their own force's inspections when entitled."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from inspectorate.web.registry.models import Force


class ForceAffiliation(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliation"
    )
    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="affiliates")
    job_title = models.CharField(max_length=120, blank=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.force})"
