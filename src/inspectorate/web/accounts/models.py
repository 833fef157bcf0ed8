"""A person's organisation: the inspectorate, a police force, or a force's local policing body.

Liaison officers of a force see their own force's inspections when entitled; people of a local
policing body receive a report under embargo when invited (web/inspections/access.py).
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models

from inspectorate.core.forces.policing_bodies import INSPECTORATE_NAME, policing_body_name
from inspectorate.web.registry.models import Force

PERSON_FIELDS = ["username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser"]


class Body(models.TextChoices):
    INSPECTORATE = "inspectorate", "Inspectorate"
    FORCE = "force", "Police force"
    LOCAL_POLICING_BODY = "local-policing-body", "Local policing body"


def organisation_problems(body: str, force_id: str | None) -> dict[str, str]:
    """What is wrong with an organisation as given, by field: a force is required for a force and
    for a local policing body, and left empty for the inspectorate."""
    if body not in Body.values:
        return {"body": f"Unknown kind of organisation {body!r}: choose one of {', '.join(Body.values)}"}
    if body == Body.INSPECTORATE and force_id:
        return {"force": "Leave the force empty for someone of the inspectorate"}
    if body != Body.INSPECTORATE and not force_id:
        return {"force": f"Choose the force for someone of a {Body(body).label.lower()}"}
    return {}


def default_name(body: str, force: Force | None) -> str:
    """An organisation's name when its people's records give none."""
    if body == Body.INSPECTORATE or force is None:
        return INSPECTORATE_NAME if body == Body.INSPECTORATE else "No force recorded"
    if body == Body.LOCAL_POLICING_BODY:
        return policing_body_name(force.id)
    return force.name


class ForceAffiliation(models.Model):
    """Where a person works. The name is kept from when every affiliation was to a force: a row made
    then is a force's (``body`` defaults to it). A person without one is the inspectorate's."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliation"
    )
    body = models.CharField(max_length=30, choices=Body.choices, default=Body.FORCE)
    force = models.ForeignKey(
        Force, on_delete=models.CASCADE, related_name="affiliates", null=True, blank=True
    )
    body_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The organisation's own name, e.g. Mayor's Office for Policing and Crime.",
    )
    job_title = models.CharField(max_length=120, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(body=Body.INSPECTORATE, force__isnull=True)
                    | (~models.Q(body=Body.INSPECTORATE) & models.Q(force__isnull=False))
                ),
                name="force_only_outside_the_inspectorate",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation_name})"

    def clean(self) -> None:
        problems = organisation_problems(self.body, self.force_id)
        if problems:
            raise ValidationError(problems)

    @property
    def organisation_name(self) -> str:
        if self.body_name:
            return self.body_name
        if self.body == Body.INSPECTORATE:
            return INSPECTORATE_NAME
        return default_name(self.body, self.force)


def hidden(value: str) -> str:
    """What the audit trail keeps of a password: that it changed, never its hash."""
    return "(hidden)"


auditlog.register(ForceAffiliation)
# A person's account: who they are, whether they may sign in, whether they are staff. Sign-ins
# (last_login) are not changes to record.
auditlog.register(
    User,
    include_fields=[*PERSON_FIELDS, "password"],
    mask_fields=["password"],
    mask_callable="inspectorate.web.accounts.models.hidden",
)
