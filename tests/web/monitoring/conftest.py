"""The monitoring tests' cast: the web tests' cast with a published Metropolitan inspection that
prints a cause of concern, and a cause of concern in the draft (never public)."""

from __future__ import annotations

from typing import Any

import pytest

from inspectorate.web.inspections.models import Inspection, Status
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.reports.publishing import publish_as_published

PUBLISHED_TEXT = "Calls to the force are answered too slowly."


@pytest.fixture(scope="module")
def concerns(cast: Any, django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        inspection = Inspection.objects.create(
            reference="MPS-CONCERNS",
            title="Inspection with a cause of concern",
            force_id="metropolitan",
            framework_id="peel-2021",
            status=Status.PUBLISHED,
            period_label="2021/22",
        )
        published = save_finding(
            inspection, kind="cause-of-concern", area_ids=["responding"], text=PUBLISHED_TEXT
        )
        publish_as_published(inspection)
        draft = save_finding(
            cast.draft, kind="cause-of-concern", area_ids=["responding"], text="A draft concern about calls"
        )
        strength = cast.findings["published"]
        return {"published": published, "draft": draft, "strength": strength, "inspection": inspection}
