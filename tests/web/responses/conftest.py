"""The responses' cast: the web tests' cast with someone of the Metropolitan Police Service's local
policing body (and of Kent's), and published reports of each kind the deadline treats differently:

- ``run_here``: run in this platform, published 60 days ago, no response: overdue by 5 days (its
  56th day was 5 days ago); it prints a cause of concern with its recommendation, an area for
  improvement and a strength;
- ``imported``: published elsewhere 60 days ago and imported: no response recorded, not overdue;
- ``old``: published in February 2016, before the law set the 56 days;
- ``embargoed``: a version still under embargo; ``exercise``: practice, published.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from inspectorate.web.accounts.models import Body, ForceAffiliation
from inspectorate.web.inspections.models import (
    ContactRole,
    Finding,
    Inspection,
    InspectionContact,
    Origin,
    Status,
    TeamMember,
    TeamRole,
)
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.reports.publishing import publish_as_published, publish_record

AGO = 60


@dataclass
class Reports:
    run_here: Inspection
    imported: Inspection
    old: Inspection
    embargoed: Inspection
    exercise: Inspection
    findings: dict[str, Finding]
    """concern, recommendation, improvement, strength: of ``run_here``."""


def _published(reference: str, published_on: datetime.date | None, **more: Any) -> Inspection:
    inspection = Inspection.objects.create(
        reference=reference,
        title=f"Inspection {reference}",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.PUBLISHED,
        period_label="2021/22",
        published_on=published_on,
        **more,
    )
    return inspection


@pytest.fixture(scope="module")
def reports(cast: Any, django_db_blocker: Any) -> Reports:
    with django_db_blocker.unblock():
        for name, force in (("lpb", "metropolitan"), ("kent-lpb", "kent")):
            user = User.objects.create_user(name)
            ForceAffiliation.objects.create(user=user, body=Body.LOCAL_POLICING_BODY, force_id=force)
            cast.users[name] = user
        ago = timezone.localdate() - datetime.timedelta(days=AGO)
        run_here = _published("MPS-RUN-HERE", ago)
        TeamMember.objects.create(inspection=run_here, user=cast.users["writer"], role=TeamRole.LEAD)
        concern = save_finding(
            run_here, kind="cause-of-concern", area_ids=["responding"], text="Calls are answered too slowly."
        )
        findings = {
            "concern": concern,
            "recommendation": save_finding(
                run_here,
                kind="recommendation",
                area_ids=["responding"],
                text="Within six months, answer emergency calls within ten seconds.",
                parent=concern,
            ),
            "improvement": save_finding(
                run_here, kind="area-for-improvement", area_ids=["prevention"], text="Record victims' wishes."
            ),
            "strength": save_finding(
                run_here,
                kind="strength",
                area_ids=["prevention"],
                text="Neighbourhood teams know their areas.",
            ),
        }
        publish_as_published(run_here)
        imported = _published("MPS-IMPORTED", ago, origin=Origin.IMPORTED)
        publish_as_published(imported)
        old = _published("MPS-OLD", datetime.date(2016, 2, 1), origin=Origin.FIXTURE)
        publish_as_published(old)
        embargoed = _published("MPS-EMBARGOED", None)
        publish_record(embargoed, timezone.now() + datetime.timedelta(days=10), "soon")
        Inspection.objects.filter(pk=embargoed.pk).update(status=Status.EMBARGOED)
        # Invited: the body reads it under embargo, but has no response to record before it is out.
        InspectionContact.objects.create(
            inspection=embargoed, user=cast.users["lpb"], role=ContactRole.LOCAL_POLICING_BODY
        )
        exercise = _published("MPS-EXERCISE", ago, exercise=True)
        publish_as_published(exercise)
        return Reports(run_here, imported, old, embargoed, exercise, findings)
