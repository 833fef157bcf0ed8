"""The notifications' cast: a published Metropolitan inspection whose areas for improvement are
followed, its team, the force's liaison and a finding's owner, the local policing body's people and
staff; a Kent inspection beside it, and people who must never be told of the Metropolitan's. Mail is
written to a folder of the test's own by Django's file backend, and read back from it."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from auditlog.context import set_actor
from django.contrib.auth.models import User
from django.db import transaction

from inspectorate.web.accounts.models import Body, ForceAffiliation
from inspectorate.web.followup.models import FollowUp
from inspectorate.web.inspections.models import (
    ContactRole,
    Inspection,
    InspectionContact,
    Status,
    TeamMember,
    TeamRole,
)
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from inspectorate.web.reports.publishing import publish_as_published
from support.mail import Outbox

PUBLISHED = datetime.date(2026, 1, 5)
# The digest's day in most tests: the response to the report is due on its 56th day, 1 March.
DAY = PUBLISHED + datetime.timedelta(days=50)
SITE = "https://inspect.example.org"


@dataclass
class Cast:
    users: dict[str, User]
    met: Inspection
    kent: Inspection
    followed: dict[str, FollowUp]


def _person(name: str, *, body: str | None = None, force: str | None = None, **extra: Any) -> User:
    user = User.objects.create_user(name, email=extra.pop("email", f"{name}@example.org"), **extra)
    if body is not None:
        ForceAffiliation.objects.create(user=user, body=body, force_id=force)
    return user


def _published(reference: str, force: str, texts: list[str]) -> tuple[Inspection, list[FollowUp]]:
    inspection = Inspection.objects.create(
        reference=reference,
        title=f"Inspection {reference}",
        force_id=force,
        framework_id="peel-2021",
        status=Status.FIELDWORK,
        published_on=PUBLISHED,
    )
    findings = [
        save_finding(inspection, kind="area-for-improvement", area_ids=["prevention"], text=text)
        for text in texts
    ]
    publish_as_published(inspection)
    follow_ups = [FollowUp.objects.get(finding=finding) for finding in findings]
    return inspection, follow_ups


def _build() -> Cast:
    sync_library()
    sync_forces()
    force, lpb = Body.FORCE, Body.LOCAL_POLICING_BODY
    users = {
        "lead": _person("lead", first_name="Lena", last_name="Lead"),
        "inspector": _person("inspector"),
        "moderator": _person("moderator"),
        "outsider": _person("outsider"),  # of the inspectorate, on no team
        "liaison": _person("liaison", body=force, force="metropolitan"),
        "owner": _person("owner", body=force, force="metropolitan"),
        "mopac": _person("mopac", body=lpb, force="metropolitan"),
        "staff": _person("staff", is_staff=True),
        "kent": _person("kent", body=force, force="kent"),
        "kent-pcc": _person("kent-pcc", body=lpb, force="kent"),
        "gone": _person("gone", is_active=False),  # on the team, deactivated
        "silent": _person("silent", email=""),  # on the team, no address
        "gone-liaison": _person("gone-liaison", body=force, force="metropolitan", is_active=False),
    }
    met, met_followed = _published(
        "MPS-FOLLOW",
        "metropolitan",
        [
            "Answer 999 calls faster",
            "Record crimes on time",
            "Review missing people",
            "Train the call handlers",
        ],
    )
    kent, kent_followed = _published("KENT-FOLLOW", "kent", ["Answer 101 calls faster"])
    for name, role in (
        ("lead", TeamRole.LEAD),
        ("inspector", TeamRole.INSPECTOR),
        ("moderator", TeamRole.REVIEWER),
        ("gone", TeamRole.INSPECTOR),
        ("silent", TeamRole.ANALYST),
    ):
        TeamMember.objects.create(inspection=met, user=users[name], role=role)
    TeamMember.objects.create(inspection=kent, user=users["lead"], role=TeamRole.LEAD)
    for name in ("liaison", "gone-liaison", "kent"):
        # Kent's liaison invited to the Metropolitan's inspection by mistake: an invitation counts
        # only for someone of the inspected force.
        InspectionContact.objects.create(inspection=met, user=users[name], role=ContactRole.LIAISON)
    InspectionContact.objects.create(inspection=kent, user=users["kent"], role=ContactRole.LIAISON)
    overdue, soon, later, closed = met_followed
    FollowUp.objects.filter(pk=overdue.pk).update(
        owner=users["owner"], due_on=DAY - datetime.timedelta(days=3)
    )
    FollowUp.objects.filter(pk=soon.pk).update(owner=users["owner"], due_on=DAY + datetime.timedelta(days=10))
    FollowUp.objects.filter(pk=later.pk).update(
        owner=users["owner"], due_on=DAY + datetime.timedelta(days=40)
    )
    # Owned by someone of another force: they are never told of it.
    FollowUp.objects.filter(pk=closed.pk).update(
        owner=users["kent"], due_on=DAY - datetime.timedelta(days=3), status="met"
    )
    FollowUp.objects.filter(pk=kent_followed[0].pk).update(
        owner=users["kent"], due_on=DAY - datetime.timedelta(days=1)
    )
    followed = {
        "overdue": overdue,
        "soon": soon,
        "later": later,
        "closed": closed,
        "kent": kent_followed[0],
    }
    for follow_up in followed.values():
        follow_up.refresh_from_db()
    return Cast(users, met, kent, followed)


@pytest.fixture(scope="module")
def cast(django_db_setup: None, django_db_blocker: Any) -> Iterator[Cast]:
    with django_db_blocker.unblock(), transaction.atomic(), set_actor(None):
        yield _build()
        transaction.set_rollback(True)


@pytest.fixture
def outbox(settings: Any, tmp_path: Path) -> Outbox:
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "outbox"
    settings.SITE_URL = SITE
    return Outbox(settings.EMAIL_FILE_PATH)
