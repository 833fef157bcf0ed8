"""Published findings and their follow-up, made for the public pages' tests: inspections recorded and
published as the platform publishes them (which follows their findings: web/followup), and details
and moves written straight in the database as web/followup's service leaves them, so that these tests
read what the public reads whatever the service's own checks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from inspectorate.core.followup.states import FollowStatus
from inspectorate.web.followup.models import FollowUp, FollowUpdate, UpdateKind
from inspectorate.web.inspections.models import Finding, Inspection, Status
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.reports.publishing import publish_as_published

CONCERN = "Calls for help wait too long to be answered, and the force does not know how long."
RECOMMENDATION = "Within six months, the force should measure and publish how long calls wait."
IMPROVEMENT = "The force should check that officers record the needs of vulnerable victims."
KENT_IMPROVEMENT = "The force should make sure that its crime recording meets the national standard."


@dataclass
class Published:
    inspection: Inspection
    findings: dict[str, Finding]


def recorded(reference: str, force: str = "metropolitan", *, exercise: bool = False) -> Inspection:
    return Inspection.objects.create(
        reference=reference,
        title=f"Inspection {reference}",
        force_id=force,
        framework_id="peel-2021",
        status=Status.FIELDWORK,
        period_label="2021/22",
        exercise=exercise,
    )


def with_findings(inspection: Inspection, improvement: str = IMPROVEMENT) -> dict[str, Finding]:
    """A cause of concern with its recommendation, an area for improvement and a strength."""
    concern = save_finding(inspection, kind="cause-of-concern", area_ids=["responding"], text=CONCERN)
    return {
        "concern": concern,
        "recommendation": save_finding(
            inspection, kind="recommendation", area_ids=["responding"], text=RECOMMENDATION, parent=concern
        ),
        "improvement": save_finding(
            inspection, kind="area-for-improvement", area_ids=["investigating"], text=improvement
        ),
        "strength": save_finding(inspection, kind="strength", area_ids=["prevention"], text="Good."),
    }


def published(
    reference: str,
    force: str = "metropolitan",
    *,
    published_on: datetime.date | None = None,
    improvement: str = IMPROVEMENT,
) -> Published:
    """An inspection with findings, published as a report published elsewhere is: public at once."""
    inspection = recorded(reference, force)
    findings = with_findings(inspection, improvement)
    inspection.published_on = published_on or timezone.localdate() - datetime.timedelta(days=30)
    inspection.save()
    publish_as_published(inspection)
    inspection.refresh_from_db()
    return Published(inspection, findings)


def follow(finding: Finding, **fields: Any) -> FollowUp:
    """The finding's follow-up (made when its version was published) with these details."""
    follow_up, _ = FollowUp.objects.get_or_create(finding=finding)
    for name, value in fields.items():
        setattr(follow_up, name, value)
    follow_up.save()
    return follow_up


def unfollowed(finding: Finding) -> None:
    """As a finding of a report published before its findings were followed: no follow-up row."""
    FollowUp.objects.filter(finding=finding).delete()


def move(
    follow_up: FollowUp, to: FollowStatus, body: str = "", *, on: datetime.date | None = None
) -> FollowUp:
    """One move, as the service records it: the log entry, then the finding's status (with the verdict's
    reasons and date for a verdict)."""
    kind = (
        UpdateKind.VERDICT
        if to.is_verdict
        else UpdateKind.REOPENED
        if to is FollowStatus.REOPENED
        else UpdateKind.STATUS
    )
    FollowUpdate.objects.create(
        follow_up=follow_up, kind=kind, body=body, status_from=follow_up.status, status_to=to.value
    )
    follow_up.status = to.value
    if to.is_verdict:
        follow_up.verdict_reasons = body
        follow_up.verdict_on = on or timezone.localdate()
    follow_up.save()
    return follow_up


def progress(follow_up: FollowUp, body: str) -> FollowUpdate:
    """The force's own words on its progress: for the force, its policing body and the inspectorate."""
    return FollowUpdate.objects.create(follow_up=follow_up, kind=UpdateKind.PROGRESS, body=body)
