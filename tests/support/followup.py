"""What the tests of following published findings (tests/web/followup, tests/cli) share: a published
inspection of the Metropolitan Police Service with a cause of concern and its recommendation, an
area for improvement and a strength; the people who act on it; and the addresses of its pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.urls import reverse

from inspectorate.web.accounts.models import Body, ForceAffiliation
from inspectorate.web.followup.models import FollowUp
from inspectorate.web.inspections.models import Finding, Inspection, Status, TeamMember, TeamRole
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.reports.publishing import publish_as_published

PUBLISHED_ON = datetime.date(2022, 1, 31)
CONCERN = "The force does not record enough crimes."
RECOMMENDATION = "Within six months, the force should audit its crime recording."
IMPROVEMENT = "The force should answer emergency calls sooner."
STRENGTH = "The force works well with its partners."


@dataclass
class Followed:
    inspection: Inspection
    concern: Finding
    recommendation: Finding
    improvement: Finding
    strength: Finding

    def follow_up(self, key: str) -> FollowUp:
        return FollowUp.objects.get(finding=getattr(self, key))


def person(username: str, body: str | None = None, force_id: str = "metropolitan", **more: Any) -> User:
    user = User.objects.create_user(username, **more)
    if body is not None:
        ForceAffiliation.objects.create(user=user, body=body, force_id=force_id)
    return user


def published_inspection(
    reference: str, *, lead: User, moderator: User | None = None, exercise: bool = False
) -> Followed:
    """Recorded and published as the platform publishes a recorded report (its first version)."""
    inspection = Inspection.objects.create(
        reference=reference,
        title=f"Inspection {reference}",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
        published_label=PUBLISHED_ON.strftime("%-d %B %Y"),
        published_on=PUBLISHED_ON,
        exercise=exercise,
    )
    TeamMember.objects.create(inspection=inspection, user=lead, role=TeamRole.LEAD)
    if moderator is not None:
        TeamMember.objects.create(inspection=inspection, user=moderator, role=TeamRole.REVIEWER)
    concern = save_finding(inspection, kind="cause-of-concern", area_ids=["prevention"], text=CONCERN)
    recommendation = save_finding(
        inspection, kind="recommendation", area_ids=["prevention"], text=RECOMMENDATION, parent=concern
    )
    improvement = save_finding(
        inspection, kind="area-for-improvement", area_ids=["prevention"], text=IMPROVEMENT
    )
    strength = save_finding(inspection, kind="strength", area_ids=["prevention"], text=STRENGTH)
    publish_as_published(inspection)
    return Followed(inspection, concern, recommendation, improvement, strength)


def lpb_person(username: str = "mopac") -> User:
    return person(username, Body.LOCAL_POLICING_BODY)


def force_person(username: str, force_id: str = "metropolitan") -> User:
    return person(username, Body.FORCE, force_id)


def list_url(inspection: Inspection, fmt: str = "html") -> str:
    name = "follow-up" if fmt == "html" else f"follow-up.{fmt}"
    return reverse(name, kwargs={"code": inspection.code})


def finding_url(inspection: Inspection, finding: Finding, name: str = "follow-up-finding") -> str:
    return reverse(name, kwargs={"code": inspection.code, "finding_code": finding.code})
