"""The published record is what was published, exactly, on every page and twin, for everyone outside
the inspection's team: after publication, after an edit of the working copy under a correction, after
the embargo ends, and while a correction waits under an embargo of its own. A leak is a page, in a
format, for a role, that shows the working copy's grade or text: there must be none.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from inspectorate.web.inspections.locking import LockedRecord
from inspectorate.web.inspections.models import Finding
from inspectorate.web.inspections.recording import record_judgment, save_finding
from inspectorate.web.reports.publishing import open_correction, publish
from support.editing import post_edit
from support.lifecycle import at_factual_accuracy

pytestmark = pytest.mark.django_db

PUBLISHED_SUMMARY = "PUBLISHED-SUMMARY-MARKER"
WORKING_SUMMARY = "WORKING-SUMMARY-MARKER"
WORKING_FINDING = "WORKING-FINDING-MARKER"
OUTSIDE_THE_TEAM = ("outsider", "anonymous", "liaison")
FORMATS = ("html", "json", "csv")

# Every page that shows something of an inspection to the public, by URL name; the inspection's own
# pages take its code (and the area, or the published finding).
INSPECTION_PAGES = (
    "inspection",
    "area",
    "finding",
    "finding-lineage",
    "inspection-report",
    "inspection-numbers",
)
SITE_PAGES = (
    "home",
    "inspections",
    "force",
    "force-history",
    "published-reports",
    "grades",
    "open-grades",
    "open-figures",
)


def _url(name: str, fmt: str, inspection: Any, finding: Finding | None = None) -> str:
    kwargs: dict[str, Any] = {}
    if name in INSPECTION_PAGES:
        kwargs["code"] = inspection.code
    if name == "area":
        kwargs["area_id"] = "responding"
    if name in ("finding", "finding-lineage"):
        assert finding is not None, name
        kwargs["finding_code"] = finding.code
    if name in ("force", "force-history"):
        kwargs["force_id"] = "metropolitan"
    url = reverse(name if fmt == "html" else f"{name}.{fmt}", kwargs=kwargs)
    return url + ("?framework=peel-2021" if name == "grades" else "")


PAGES = [(name, fmt) for name in (*INSPECTION_PAGES, *SITE_PAGES) for fmt in FORMATS]


@pytest.fixture
def published(cast: Any) -> tuple[Any, Finding]:
    """The cast's draft, graded Inadequate on responding with its cause of concern, published at once."""
    draft = cast.draft
    record_judgment(draft, "responding", grade="inadequate", summary=PUBLISHED_SUMMARY)
    concern = save_finding(
        draft, kind="cause-of-concern", area_ids=["responding"], text="Calls wait too long."
    )
    save_finding(draft, kind="recommendation", area_ids=["responding"], text="Answer sooner.", parent=concern)
    publish(at_factual_accuracy(draft), cast.users["writer"], timezone.now())
    return draft, concern


def _edit_under_a_correction(inspection: Any) -> None:
    open_correction(inspection, "Responding was regraded on appeal")
    record_judgment(inspection, "responding", grade="requires-improvement", summary=WORKING_SUMMARY)
    save_finding(inspection, kind="area-for-improvement", area_ids=["responding"], text=WORKING_FINDING)


def _leaks(client_for: Any, inspection: Any, finding: Finding, markers: tuple[str, ...]) -> list[str]:
    """Every page, format and role outside the team that shows one of ``markers``."""
    found = []
    for role in OUTSIDE_THE_TEAM:
        client = client_for(role)
        for name, fmt in PAGES:
            response = client.get(_url(name, fmt, inspection, finding))
            assert response.status_code == 200, (role, name, fmt, response.status_code)
            body = response.content.decode()
            found += [f"{role} {name}.{fmt}: {marker}" for marker in markers if marker in body]
    return found


def test_a_lead_cannot_change_a_published_inspection_except_by_a_correction_with_a_reason(
    published, client_for
):
    inspection, _ = published
    with pytest.raises(LockedRecord):
        record_judgment(inspection, "responding", grade="good")
    area = reverse("area", kwargs={"code": inspection.code, "area_id": "responding"})
    lead = client_for("writer")
    assert lead.post(area, {"grade": "good"}).status_code == 403
    with pytest.raises(LockedRecord):
        save_finding(inspection, kind="strength", area_ids=["prevention"], text="Added after")
    correcting = reverse("report-correction", kwargs={"code": inspection.code})
    lead.post(correcting, {"reason": ""})
    assert lead.post(area, {"grade": "good"}).status_code == 403  # no reason, no correction
    lead.post(correcting, {"reason": "Regraded on appeal"})
    assert post_edit(lead, area, {"grade": "good"}).status_code == 302


def test_every_public_page_and_twin_shows_the_published_version_not_the_working_copy(
    published, client_for, reading, later
):
    inspection, finding = published
    _edit_under_a_correction(inspection)
    later(0.01)
    assert _leaks(client_for, inspection, finding, (WORKING_SUMMARY, WORKING_FINDING)) == []
    # ... and each shows the published grade.
    for role in OUTSIDE_THE_TEAM:
        area = reading.json(client_for(role).get(_url("area", "json", inspection, finding)))
        assert (area["grade_label"], area["summary"]) == ("Inadequate", PUBLISHED_SUMMARY)
        grades = reading.json(client_for(role).get(_url("grades", "json", inspection, finding)))
        row = next(r for r in grades["rows"] if r["inspection"] == inspection.reference)
        assert row["grades"]["responding"]["label"] == "Inadequate"
        history = reading.json(client_for(role).get(_url("force-history", "json", inspection, finding)))
        responding = next(r for r in history["rows"] if r["theme"] == "responding")
        labels = [a["grade_label"] for cell in responding["cells"] for a in cell["areas"]]
        assert "Requires improvement" not in labels and "Inadequate" in labels
    # The team sees its working copy, and where it differs from what was published.
    team = reading.html(client_for("writer").get(_url("inspection", "html", inspection, finding)))
    assert WORKING_FINDING in team and 'id="differs"' in team


def test_a_correction_under_a_future_embargo_stays_out_until_it_ends(published, client_for, reading, later):
    inspection, finding = published
    _edit_under_a_correction(inspection)
    publish(inspection, None, timezone.now() + datetime.timedelta(days=1))  # version 2, embargoed
    later(0.01)
    assert _leaks(client_for, inspection, finding, (WORKING_SUMMARY, WORKING_FINDING)) == []
    report = reading.json(client_for("anonymous").get(_url("inspection-report", "json", inspection, finding)))
    assert report["version"] == 1
    later(2)  # the embargo has ended: the correction is the record now
    area = reading.json(client_for("anonymous").get(_url("area", "json", inspection, finding)))
    assert (area["grade_label"], area["summary"]) == ("Requires improvement", WORKING_SUMMARY)
    page = reading.html(client_for("anonymous").get(_url("inspection", "html", inspection, finding)))
    assert "Corrected on" in page and "Responding was regraded on appeal" in page


def test_the_status_says_published_once_the_embargo_has_ended(cast, client_for, reading, later):
    draft = cast.draft
    publish(at_factual_accuracy(draft), cast.users["writer"], timezone.now() + datetime.timedelta(hours=1))
    later(0.1)
    summary = reading.json(
        client_for("anonymous").get(reverse("inspection.json", kwargs={"code": draft.code}))
    )
    assert summary["status"] == "published"
    page = reading.html(client_for("writer").get(reverse("inspection", kwargs={"code": draft.code})))
    assert "Embargoed" not in page and ">Published<" in page


LISTS = ("home", "inspections", "force", "force-history", "published-reports", "open-grades")


@pytest.mark.parametrize("role", OUTSIDE_THE_TEAM)
def test_a_published_exercise_is_listed_for_its_team_only(cast, client_for, reading, role):
    exercise = cast.draft
    exercise.exercise = True
    exercise.save()
    publish(at_factual_accuracy(exercise), cast.users["writer"], timezone.now())
    for name in LISTS:
        listed = client_for(role).get(_url(name, "json", exercise)).content.decode()
        assert exercise.reference not in listed, (role, name)
    assert (
        exercise.reference in client_for("writer").get(_url("inspections", "json", exercise)).content.decode()
    )
    # Its address still opens it, marked as an exercise.
    page = reading.html(client_for(role).get(reverse("inspection", kwargs={"code": exercise.code})))
    assert "Exercise." in page
