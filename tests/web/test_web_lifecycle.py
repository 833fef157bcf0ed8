"""An inspection's progress (web/lifecycle): the page and its twins, the moves each person may make,
the conditions that hold a move back, the log and audit of moves, the gate on publishing a first
version, and the embargo's end recorded.

Who: the team (of any role) and staff read the page; the lead, the moderator and staff make the moves
each may make, and anyone else of the team gets 403; invited contacts, outsiders and the public, 404.
"""

from __future__ import annotations

import datetime
import html
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspectorate.core.lifecycle import Stage
from inspectorate.web.factcheck.state import unanswered_comments
from inspectorate.web.inspections.models import Inspection, Origin, Status, TeamMember, TeamRole
from inspectorate.web.inspections.recording import record_judgment
from inspectorate.web.lifecycle import service
from inspectorate.web.lifecycle.models import StatusMove
from inspectorate.web.moderation.state import awaiting_moderation
from inspectorate.web.plan.state import outstanding_requests
from inspectorate.web.reports.models import ReportVersion
from inspectorate.web.reports.publishing import open_correction, publish
from support.lifecycle import at_factual_accuracy, at_stage

pytestmark = pytest.mark.django_db

# The cast's writer leads and its reader moderates; the inspector is added here.
ROLES = ("writer", "inspector", "reader", "outsider", "liaison", "anonymous", "staff")
READERS = {"writer", "inspector", "reader", "staff"}
FORMATS = ("html", "json", "csv")


@pytest.fixture
def inspector(cast: Any) -> User:
    user = User.objects.create_user("inspector")
    for inspection in (cast.draft, cast.factual, cast.published):
        TeamMember.objects.create(inspection=inspection, user=user, role=TeamRole.INSPECTOR)
    return user


@pytest.fixture
def as_role(cast: Any, inspector: User) -> Any:
    def make(role: str) -> Client:
        client = Client()
        if role == "inspector":
            client.force_login(inspector)
        elif role != "anonymous":
            client.force_login(cast.users[role])
        return client

    return make


def progress_url(inspection: Any, fmt: str = "html") -> str:
    name = "inspection-progress" if fmt == "html" else f"inspection-progress.{fmt}"
    return reverse(name, kwargs={"code": inspection.code})


def move_url(inspection: Any) -> str:
    return reverse("inspection-progress-move", kwargs={"code": inspection.code})


def post_move(client: Client, inspection: Any, source: str, target: str, reason: str = "") -> Any:
    data = {"from_status": source, "to_status": target, "reason": reason}
    return client.post(move_url(inspection), data)


def status_of(inspection: Any) -> str:
    return Inspection.objects.get(pk=inspection.pk).status


def grade_every_area(inspection: Any) -> None:
    for area in inspection.spec.graded_areas():
        record_judgment(inspection, area.id, grade="good")


# Who reads the page, and who moves -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("key", ["draft", "factual", "published"])
@pytest.mark.parametrize("role", ROLES)
def test_the_progress_page_is_for_the_team_and_staff(cast, as_role, role, key, fmt):
    response = as_role(role).get(progress_url(cast.inspection(key), fmt))
    assert response.status_code == (200 if role in READERS else 404)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("writer", 302),
        ("staff", 302),
        ("reader", 403),
        ("inspector", 403),
        ("outsider", 404),
        ("liaison", 404),
        ("anonymous", 404),
    ],
)
def test_a_move_back_is_the_leads_or_staffs(cast, as_role, role, status):
    response = post_move(as_role(role), cast.draft, "fieldwork", "planning", "The plan needs another look")
    assert response.status_code == status
    moved = status == 302
    assert status_of(cast.draft) == ("planning" if moved else "fieldwork")
    assert StatusMove.objects.filter(inspection=cast.draft).count() == (1 if moved else 0)


@pytest.mark.parametrize(
    ("role", "status"),
    [("reader", 302), ("writer", 302), ("staff", 302), ("inspector", 403), ("anonymous", 404)],
)
def test_closing_moderation_is_the_moderators_the_leads_or_staffs(cast, as_role, monkeypatch, role, status):
    at_stage(cast.draft, Status.MODERATION)
    monkeypatch.setattr(service, "awaiting_moderation", lambda inspection: 0)
    response = post_move(as_role(role), cast.draft, "moderation", "factual-accuracy")
    assert response.status_code == status
    assert status_of(cast.draft) == ("factual-accuracy" if status == 302 else "moderation")


def test_the_liaison_invited_to_the_check_may_not_move_it(cast, as_role):
    response = post_move(as_role("liaison"), cast.factual, "factual-accuracy", "moderation", "No")
    assert response.status_code == 404
    assert status_of(cast.factual) == "factual-accuracy"


def test_the_move_address_refuses_get(cast, as_role):
    assert as_role("writer").get(move_url(cast.draft)).status_code == 405


def test_a_move_that_does_not_exist_is_a_bad_request(cast, as_role):
    assert post_move(as_role("staff"), cast.draft, "fieldwork", "published").status_code == 400
    assert post_move(as_role("staff"), cast.draft, "fieldwork", "done").status_code == 400


def test_the_move_to_embargoed_is_not_made_on_the_progress_page(cast, as_role):
    response = post_move(as_role("writer"), cast.factual, "factual-accuracy", "embargoed")
    assert response.status_code == 403
    assert status_of(cast.factual) == "factual-accuracy"


# What the page shows ------------------------------------------------------------------------------


def test_the_lead_sees_each_move_with_its_conditions_and_the_forms_theirs_to_use(cast, as_role, reading):
    data = reading.json(as_role("writer").get(progress_url(cast.draft, "json")))
    assert data["status"] == "fieldwork"
    assert [s["stage"] for s in data["stages"] if s["done"]] == ["planning"]
    forward, back = data["moves"]
    assert (forward["to_status"], forward["yours"], forward["ready"]) == ("moderation", True, False)
    graded = len(cast.draft.spec.graded_areas())
    ungraded = next(c for c in forward["conditions"] if c["condition"] == "all-graded")
    assert (ungraded["met"], ungraded["count"]) == (False, graded - 0)
    assert ungraded["unmet"] == f"{graded} areas to be graded have no grade yet."
    assert ungraded["link"].endswith("#judgments")
    requests = next(c for c in forward["conditions"] if c["condition"] == "no-request-outstanding")
    assert (requests["met"], requests["link"]) == (True, reverse("plan", kwargs={"code": cast.draft.code}))
    assert (back["to_status"], back["back"], back["yours"]) == ("planning", True, True)
    page = reading.html(as_role("writer").get(progress_url(cast.draft)))
    assert 'id="move-moderation"' in page and 'id="move-planning"' in page
    assert f"{graded} areas to be graded have no grade yet." in page


def test_a_reader_of_the_team_sees_the_conditions_but_no_form(cast, as_role, reading):
    data = reading.json(as_role("inspector").get(progress_url(cast.draft, "json")))
    assert [m["yours"] for m in data["moves"]] == [False, False]
    page = reading.html(as_role("inspector").get(progress_url(cast.draft)))
    assert "to be graded have no grade yet" in page
    assert "<form" not in page.split('id="moves"')[1].split('id="log"')[0]


def test_the_inspection_page_links_to_its_progress_for_the_team(cast, as_role, reading):
    page = reading.html(as_role("reader").get(reverse("inspection", kwargs={"code": cast.draft.code})))
    assert progress_url(cast.draft) in page


# Each condition holds its move back ---------------------------------------------------------------


def test_sending_for_moderation_is_refused_with_every_unmet_condition(cast, as_role, reading, monkeypatch):
    monkeypatch.setattr(service, "outstanding_requests", lambda inspection: 2)
    record_judgment(cast.draft, "responding", grade="inadequate")  # no finding for it: a breach
    graded = len(cast.draft.spec.graded_areas())
    response = post_move(as_role("writer"), cast.draft, "fieldwork", "moderation")
    assert response.status_code == 200
    errors = reading.errors(response)
    assert f"Not moved: {graded - 1} areas to be graded have no grade yet." in errors
    assert "Not moved: 1 grading-rule breach to resolve." in errors
    assert "Not moved: 2 requests to the force are outstanding." in errors
    assert status_of(cast.draft) == "fieldwork"
    assert not StatusMove.objects.filter(inspection=cast.draft).exists()


def test_once_every_area_is_graded_and_nothing_is_outstanding_the_lead_sends_it_for_moderation(cast, as_role):
    grade_every_area(cast.draft)
    response = post_move(as_role("writer"), cast.draft, "fieldwork", "moderation")
    assert response.status_code == 302
    assert status_of(cast.draft) == "moderation"
    made = StatusMove.objects.get(inspection=cast.draft)
    assert (made.from_status, made.to_status, made.by, made.reason) == (
        "fieldwork",
        "moderation",
        cast.users["writer"],
        "",
    )


def test_closing_moderation_waits_for_every_grade_decided(cast, as_role, reading):
    at_stage(cast.draft, Status.MODERATION)
    waiting = awaiting_moderation(cast.draft)
    assert waiting > 0  # nothing is decided yet
    response = post_move(as_role("reader"), cast.draft, "moderation", "factual-accuracy")
    errors = html.unescape(reading.errors(response))
    assert f"Not moved: {waiting} grades await the moderator's decision." in errors
    assert status_of(cast.draft) == "moderation"


def test_fieldwork_starts_once_a_lead_and_a_moderator_are_appointed(cast, as_role, reading):
    planned = Inspection.objects.create(
        reference="MPS-PLANNED", title="Planned", force_id="metropolitan", framework_id="peel-2021"
    )
    assert planned.status == Status.PLANNING
    refused = post_move(as_role("staff"), planned, "planning", "fieldwork")
    errors = reading.errors(refused)
    assert "Not moved: No lead inspector is appointed." in errors
    assert "Not moved: No moderator is appointed." in errors
    TeamMember.objects.create(inspection=planned, user=cast.users["writer"], role=TeamRole.LEAD)
    TeamMember.objects.create(inspection=planned, user=cast.users["reader"], role=TeamRole.REVIEWER)
    assert post_move(as_role("writer"), planned, "planning", "fieldwork").status_code == 302
    assert status_of(planned) == "fieldwork"


def test_a_move_back_needs_its_reason(cast, as_role, reading):
    response = post_move(as_role("writer"), cast.draft, "fieldwork", "planning", "   ")
    assert response.status_code == 200
    assert "Enter why the inspection goes back to planning" in reading.errors(response)
    assert status_of(cast.draft) == "fieldwork"


def test_the_facts_come_from_the_plan_moderation_and_the_check(cast):
    grade_every_area(cast.draft)
    facts = service.gather_facts(cast.draft, list(service.Condition))
    assert (facts.lead_appointed, facts.moderator_appointed) == (True, True)
    assert (facts.ungraded_areas, facts.breaches) == (0, 0)
    assert facts.outstanding_requests == outstanding_requests(cast.draft) == 0
    assert facts.awaiting_moderation == awaiting_moderation(cast.draft) == len(cast.draft.spec.graded_areas())
    assert facts.unanswered_comments == unanswered_comments(cast.factual) == 0
    assert (facts.embargo_set, facts.embargo_ended) == (False, False)
    published = service.gather_facts(cast.published, list(service.Condition))
    assert (published.embargo_set, published.embargo_ended) == (True, True)


# Two moves at once, the log and the audit -----------------------------------------------------------


def test_two_moves_at_once_give_one_and_the_second_is_told(cast, as_role, reading):
    first, second = as_role("writer"), as_role("staff")
    assert post_move(first, cast.draft, "fieldwork", "planning", "Replan").status_code == 302
    late = post_move(second, cast.draft, "fieldwork", "planning", "Replan too")
    assert late.status_code == 409
    assert "MPS-DRAFT has moved to planning since: not moved again." in reading.errors(late)
    assert StatusMove.objects.filter(inspection=cast.draft).count() == 1


def test_every_move_is_logged_and_audited_with_who_when_and_why(cast, as_role, reading):
    before = timezone.now()
    post_move(as_role("writer"), cast.draft, "fieldwork", "planning", "The scope changed")
    made = StatusMove.objects.get(inspection=cast.draft)
    assert made.at >= before
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(StatusMove), object_id=made.pk
    )
    assert entry.actor == cast.users["writer"]
    assert entry.additional_data == {"inspection": str(cast.draft.code)}
    status_entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Inspection), object_id=cast.draft.pk
    ).latest("timestamp")
    assert status_entry.actor == cast.users["writer"]
    assert status_entry.changes_dict["status"] == ["fieldwork", "planning"]
    rows = reading.csv(as_role("reader").get(progress_url(cast.draft, "csv")))
    assert [(r["from_status"], r["to_status"], r["by"], r["back"], r["reason"]) for r in rows] == [
        ("fieldwork", "planning", "writer", "true", "The scope changed")
    ]
    page = reading.html(as_role("reader").get(progress_url(cast.draft)))
    assert "The scope changed" in page


# The gate on publishing a first version ------------------------------------------------------------


def publish_by_form(client: Client, inspection: Any, when: datetime.datetime) -> Any:
    local = timezone.localtime(when).strftime("%Y-%m-%dT%H:%M")
    return client.post(reverse("report-publish", kwargs={"code": inspection.code}), {"embargo_until": local})


def test_a_first_version_is_not_published_before_the_factual_accuracy_check(cast, as_role, reading):
    response = publish_by_form(as_role("writer"), cast.draft, timezone.now())
    assert response.status_code == 200
    assert "MPS-DRAFT is at fieldwork" in reading.errors(response)
    assert not ReportVersion.objects.filter(inspection=cast.draft).exists()
    assert status_of(cast.draft) == "fieldwork"


def test_a_first_version_waits_for_every_factual_accuracy_comment_answered(
    cast, as_role, reading, monkeypatch
):
    monkeypatch.setattr(service, "unanswered_comments", lambda inspection: 2)
    response = publish_by_form(as_role("writer"), cast.factual, timezone.now())
    assert "Not published: 2 factual-accuracy comments are unanswered." in reading.errors(response)
    assert not ReportVersion.objects.filter(inspection=cast.factual).exists()
    assert not StatusMove.objects.filter(inspection=cast.factual).exists()


def test_publishing_at_the_check_records_the_move_to_embargoed(cast, as_role, reading):
    response = publish_by_form(as_role("writer"), cast.factual, timezone.now() + datetime.timedelta(days=1))
    assert response.status_code == 302
    assert status_of(cast.factual) == "embargoed"
    made = StatusMove.objects.get(inspection=cast.factual)
    assert (made.from_status, made.to_status, made.by) == (
        "factual-accuracy",
        "embargoed",
        cast.users["writer"],
    )
    assert made.reason.startswith("Version 1 of the report published, under embargo until ")
    data = reading.json(as_role("writer").get(progress_url(cast.factual, "json")))
    assert data["status"] == "embargoed"
    assert data["moves"][0]["way"] == "embargo-end" and data["moves"][0]["yours"] is False


def test_a_correction_of_a_published_report_is_not_gated(cast):
    open_correction(cast.published, "A grade misprinted")
    version = publish(cast.published, cast.users["writer"], timezone.now())
    assert version.number == 2
    assert not StatusMove.objects.filter(inspection=cast.published).exists()


def test_a_report_not_run_here_is_not_gated(cast):
    at_stage(cast.draft, Status.FIELDWORK)
    Inspection.objects.filter(pk=cast.draft.pk).update(origin=Origin.IMPORTED)
    cast.draft.origin = Origin.IMPORTED
    assert publish(cast.draft, None, timezone.now()).number == 1


def test_the_platform_publishing_a_first_version_is_held_to_the_conditions(cast, monkeypatch):
    monkeypatch.setattr(service, "unanswered_comments", lambda inspection: 1)
    with pytest.raises(service.MoveRefused, match="1 factual-accuracy comment is unanswered"):
        publish(at_factual_accuracy(cast.draft), None, timezone.now())


# The embargo's end ----------------------------------------------------------------------------------


def test_the_embargos_end_is_recorded_as_the_move_to_published(cast, as_role, reading, later):
    ends = timezone.now() + datetime.timedelta(hours=1)
    publish(cast.factual, cast.users["writer"], ends)
    assert reading.json(as_role("writer").get(progress_url(cast.factual, "json")))["status"] == "embargoed"
    later(0.1)
    data = reading.json(as_role("writer").get(progress_url(cast.factual, "json")))
    assert data["status"] == "published"
    assert data["moves"] == []
    last = data["log"][-1]
    assert (last["from_status"], last["to_status"], last["by"]) == ("embargoed", "published", None)
    assert last["reason"] == "The embargo of version 1 ended."
    assert StatusMove.objects.get(inspection=cast.factual, to_status="published").at == ends
    as_role("writer").get(progress_url(cast.factual, "json"))  # read again: nothing more to record
    assert StatusMove.objects.filter(inspection=cast.factual, to_status="published").count() == 1
    assert service.stage_of(Inspection.objects.get(pk=cast.factual.pk)) is Stage.PUBLISHED
