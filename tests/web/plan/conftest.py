"""The fieldwork plan's cast for its tests: the cast of tests/web/conftest.py with a request and an
activity in each of its inspections, and a workspace of the test's own for the files sent."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from inspectorate.web.inspections.models import ContactRole, InspectionContact
from inspectorate.web.plan.models import Activity, ForceRequest
from support.plan_requests import KEYS


@pytest.fixture(scope="module")
def plan(cast: Any, django_db_blocker: Any) -> dict[str, Any]:
    """The liaison invited to the draft too; someone of the local policing body invited to it; a
    document request and an activity in each of the three inspections (made straight in the
    database: the services refuse a plan past fieldwork)."""
    with django_db_blocker.unblock():
        lpb = User.objects.create_user("lpb")
        cast.users["lpb"] = lpb
        InspectionContact.objects.create(
            inspection=cast.draft, user=cast.users["liaison"], role=ContactRole.LIAISON
        )
        InspectionContact.objects.create(
            inspection=cast.draft, user=lpb, role=ContactRole.LOCAL_POLICING_BODY
        )
        made: dict[str, Any] = {"requests": {}, "activities": {}}
        for key in KEYS:
            inspection = cast.inspection(key)
            made["requests"][key] = ForceRequest.objects.create(
                inspection=inspection,
                kind="document",
                title=f"Vulnerability strategy of {inspection.reference}",
                due_on=datetime.date(2099, 1, 31),
            )
            made["activities"][key] = Activity.objects.create(
                inspection=inspection,
                kind="interview",
                title="Interview with the head of public protection",
                on=datetime.date(2099, 1, 10),
                place="New Scotland Yard",
                area_ids=["prevention"],
                notes="Ask about the referral backlog",
            )
        return made


@pytest.fixture
def workspace(settings: Any, tmp_path: Path) -> Path:
    settings.WORKSPACE = tmp_path / "workspace"
    settings.WORKSPACE.mkdir()
    return settings.WORKSPACE
