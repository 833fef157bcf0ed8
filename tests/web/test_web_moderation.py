"""Moderation: the moderator (the team's reviewer) or staff agrees with each grade the team proposed or
moves it with a reason, at moderation only; the team reads; everyone else gets 404. A grade the team
changes after its decision awaits moderation again. The view across forces is for staff and the
framework version's moderators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from inspectorate.web.inspections.models import (
    ContactRole,
    Inspection,
    InspectionContact,
    Judgment,
    Status,
    TeamMember,
    TeamRole,
)
from inspectorate.web.inspections.recording import record_judgment
from inspectorate.web.moderation.access import is_moderator, reads_across
from inspectorate.web.moderation.models import Decision
from inspectorate.web.moderation.state import awaiting_moderation

pytestmark = pytest.mark.django_db

# Who is who on the inspection at moderation (the cast's writer leads it, its reader moderates it).
ROLES = ("moderator", "lead", "inspector", "outsider", "liaison", "anonymous", "staff")
READS = {"moderator", "lead", "inspector", "staff"}
DECIDES = {"moderator", "staff"}
GRADED = {"prevention": "good", "responding": "inadequate", "investigating": "requires-improvement"}
PEEL_2021_GRADED_AREAS = 10


@dataclass
class Board:
    inspection: Inspection  # Metropolitan, at moderation
    kent: Inspection  # Kent, at moderation, its own moderator
    users: dict[str, User]


def _inspection(reference: str, force: str, framework: str = "peel-2021", **extra: Any) -> Inspection:
    return Inspection.objects.create(
        reference=reference,
        title=f"Inspection {reference}",
        force_id=force,
        framework_id=framework,
        status=Status.MODERATION,
        **extra,
    )


@pytest.fixture(scope="module")
def board(cast: Any, django_db_blocker: Any) -> Board:
    """Made inside the cast's transaction, and rolled back with it."""
    with django_db_blocker.unblock():
        users = {
            "moderator": cast.users["reader"],
            "lead": cast.users["writer"],
            "outsider": cast.users["outsider"],
            "liaison": cast.users["liaison"],
            "staff": cast.users["staff"],
        }
        for name in ("inspector", "kent-moderator", "ba-moderator"):
            users[name] = User.objects.create_user(name)
        inspection = _inspection("MPS-MODERATION", "metropolitan")
        for user, role in (
            ("lead", TeamRole.LEAD),
            ("inspector", TeamRole.INSPECTOR),
            ("moderator", TeamRole.REVIEWER),
        ):
            TeamMember.objects.create(inspection=inspection, user=users[user], role=role)
        # Invited to the inspection as its force's liaison: still not one who reads its moderation.
        InspectionContact.objects.create(
            inspection=inspection, user=users["liaison"], role=ContactRole.LIAISON
        )
        for area_id, grade in GRADED.items():
            record_judgment(inspection, area_id, grade=grade, summary=f"Summary of {area_id}")
        kent = _inspection("KENT-MODERATION", "kent")
        TeamMember.objects.create(inspection=kent, user=users["kent-moderator"], role=TeamRole.REVIEWER)
        record_judgment(kent, "responding", grade="adequate")
        ba = _inspection("MPS-BA-MODERATION", "metropolitan", framework="ba-2006")
        TeamMember.objects.create(inspection=ba, user=users["ba-moderator"], role=TeamRole.REVIEWER)
        return Board(inspection, kent, users)


def _client(board: Board, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(board.users[role])
    return client


def _page(inspection: Inspection, fmt: str = "html") -> str:
    name = "moderation" if fmt == "html" else f"moderation.{fmt}"
    return reverse(name, kwargs={"code": inspection.code})


def _decide_url(inspection: Inspection, area_id: str) -> str:
    return reverse("moderation-decide", kwargs={"code": inspection.code, "area_id": area_id})


def _revision(inspection: Inspection, area_id: str) -> int:
    judgment = Judgment.objects.filter(inspection=inspection, area_id=area_id).first()
    return judgment.revision if judgment else 0


def _post(
    client: Client,
    inspection: Inspection,
    area_id: str,
    decision: str,
    reason: str = "",
    revision: int | None = None,
) -> Any:
    revision = _revision(inspection, area_id) if revision is None else revision
    data = {f"{area_id}-revision": revision, f"{area_id}-decision": decision, f"{area_id}-reason": reason}
    return client.post(_decide_url(inspection, area_id), data)


def _row(client: Client, inspection: Inspection, area_id: str) -> dict[str, Any]:
    rows = client.get(_page(inspection, "json")).json()["areas"]
    return next(row for row in rows if row["area"] == area_id)


# Who reads, who decides ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "json", "csv"])
@pytest.mark.parametrize("role", ROLES)
def test_the_moderation_page_is_for_the_team_and_staff_only(board, role, fmt):
    response = _client(board, role).get(_page(board.inspection, fmt))
    assert response.status_code == (200 if role in READS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_moderator_and_staff_decide(board, role):
    response = _post(_client(board, role), board.inspection, "prevention", "agree")
    expected = 302 if role in DECIDES else (403 if role in READS else 404)
    assert response.status_code == expected
    decided = Decision.objects.filter(inspection=board.inspection, area_id="prevention").exists()
    assert decided == (role in DECIDES)


def test_the_moderator_gets_a_form_per_graded_area_and_the_rest_of_the_team_reads(board):
    page = _client(board, "moderator").get(_page(board.inspection)).content.decode()
    assert 'id="decide-prevention"' in page and "Moderate to Outstanding" in page
    assert "Agree: Good" in page
    assert 'id="decide-crime-recording"' not in page  # not graded yet: nothing to moderate
    lead = _client(board, "lead").get(_page(board.inspection)).content.decode()
    assert 'id="decide-prevention"' not in lead and 'id="read-only"' in lead
    assert reverse("area", kwargs={"code": board.inspection.code, "area_id": "prevention"}) in lead


def test_a_decision_is_refused_before_the_inspection_is_at_moderation(cast, board):
    reader = _client(board, "moderator")  # the cast's reader moderates the draft too
    response = _post(reader, cast.draft, "prevention", "agree")
    assert response.status_code == 403
    assert "moderated only while it is at moderation" in response.content.decode()
    page = reader.get(_page(cast.draft)).content.decode()
    assert 'id="not-at-moderation"' in page and "<form" not in page.split('id="decisions"')[1]


def test_a_liaison_who_reads_the_draft_does_not_read_its_moderation(cast, board):
    liaison = _client(board, "liaison")
    assert liaison.get(reverse("inspection", kwargs={"code": cast.factual.code})).status_code == 200
    assert liaison.get(_page(cast.factual)).status_code == 404


def test_the_decision_is_posted_never_fetched(board):
    response = _client(board, "moderator").get(_decide_url(board.inspection, "prevention"))
    assert response.status_code == 405


# Deciding -----------------------------------------------------------------------------------------


def test_agreeing_keeps_the_grade_and_the_area_no_longer_awaits(board):
    before = Judgment.objects.get(inspection=board.inspection, area_id="prevention")
    assert awaiting_moderation(board.inspection) == PEEL_2021_GRADED_AREAS
    response = _post(_client(board, "moderator"), board.inspection, "prevention", "agree")
    assert response.status_code == 302 and response["Location"].endswith("#area-prevention")
    after = Judgment.objects.get(pk=before.pk)
    assert (after.grade, after.revision) == (before.grade, before.revision)
    assert awaiting_moderation(board.inspection) == PEEL_2021_GRADED_AREAS - 1
    row = _row(_client(board, "lead"), board.inspection, "prevention")
    assert (row["state"], row["proposed_grade"], row["grade"], row["moderator"]) == (
        "agreed",
        "good",
        "good",
        "reader",
    )


def test_moderating_records_the_grade_as_a_judgment_with_the_moderator_as_actor(board):
    moderator = board.users["moderator"]
    before = Judgment.objects.get(inspection=board.inspection, area_id="responding")
    reason = "Calls are answered on time in every district, as the criteria for Requires improvement ask."
    response = _post(
        _client(board, "moderator"), board.inspection, "responding", "requires-improvement", reason
    )
    assert response.status_code == 302
    judgment = Judgment.objects.get(pk=before.pk)
    assert judgment.grade == "requires-improvement" and judgment.revision == before.revision + 1
    assert judgment.summary == "Summary of responding"  # only the grade is moderated
    decision = Decision.objects.get(inspection=board.inspection, area_id="responding")
    assert (decision.decision, decision.proposed_grade, decision.grade, decision.reason) == (
        "moderated",
        "inadequate",
        "requires-improvement",
        reason,
    )
    assert decision.moderator == moderator and decision.judgment_revision == judgment.revision
    graded = LogEntry.objects.get_for_object(judgment).order_by("-timestamp", "-id").first()
    assert graded.actor == moderator and "grade" in graded.changes_dict
    logged = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Decision), object_id=decision.pk
    )
    assert logged.actor == moderator and logged.additional_data["inspection"] == str(board.inspection.code)
    row = _row(_client(board, "inspector"), board.inspection, "responding")
    assert (row["state"], row["proposed_grade_label"], row["grade_label"], row["reason"]) == (
        "moderated",
        "Inadequate",
        "Requires improvement",
        reason,
    )
    assert awaiting_moderation(board.inspection) == PEEL_2021_GRADED_AREAS - 1


def test_a_grade_the_team_changes_after_its_decision_awaits_moderation_again(board):
    assert _post(_client(board, "moderator"), board.inspection, "prevention", "agree").status_code == 302
    record_judgment(
        board.inspection,
        "prevention",
        grade="outstanding",
        revision=_revision(board.inspection, "prevention"),
    )
    assert awaiting_moderation(board.inspection) == PEEL_2021_GRADED_AREAS
    row = _row(_client(board, "lead"), board.inspection, "prevention")
    assert (row["state"], row["proposed_grade"], row["regraded"], row["moderator"]) == (
        "awaiting",
        "outstanding",
        True,
        None,
    )


def test_a_wording_change_keeps_the_decision_and_a_grade_change_sends_it_back(board):
    assert _post(_client(board, "moderator"), board.inspection, "prevention", "agree").status_code == 302
    judgment = Judgment.objects.get(inspection=board.inspection, area_id="prevention")
    # An amended summary (as after a factual-accuracy comment) leaves the agreed grade standing.
    record_judgment(
        board.inspection, "prevention", grade=judgment.grade, summary="Reworded", revision=judgment.revision
    )
    assert awaiting_moderation(board.inspection) == PEEL_2021_GRADED_AREAS - 1
    judgment.refresh_from_db()
    record_judgment(
        board.inspection, "prevention", grade="outstanding", summary="Rewritten", revision=judgment.revision
    )
    assert awaiting_moderation(board.inspection) == PEEL_2021_GRADED_AREAS
    assert _row(_client(board, "lead"), board.inspection, "prevention")["state"] == "awaiting"


def test_a_decision_on_a_grade_changed_since_the_page_opened_is_refused(board):
    opened_at = _revision(board.inspection, "investigating")
    record_judgment(board.inspection, "investigating", grade="adequate", revision=opened_at)
    response = _post(
        _client(board, "moderator"), board.inspection, "investigating", "agree", revision=opened_at
    )
    assert response.status_code == 200
    assert (
        "the team changed this grade since you opened the page (it is now Adequate)"
        in response.content.decode()
    )
    assert not Decision.objects.filter(inspection=board.inspection, area_id="investigating").exists()


def test_deciding_again_after_a_moderation_decides_on_the_teams_grade(board):
    moderator = _client(board, "moderator")
    assert (
        _post(moderator, board.inspection, "responding", "adequate", "Seen in the call data").status_code
        == 302
    )
    assert _post(moderator, board.inspection, "responding", "agree").status_code == 302
    judgment = Judgment.objects.get(inspection=board.inspection, area_id="responding")
    assert judgment.grade == "inadequate"  # back to the grade the team proposed
    latest = Decision.objects.filter(inspection=board.inspection, area_id="responding").latest("id")
    assert (latest.decision, latest.proposed_grade, latest.grade) == ("agreed", "inadequate", "inadequate")


@pytest.mark.parametrize(
    ("area_id", "decision", "reason", "error"),
    [
        ("responding", "good", "", "Enter why you moderate the grade"),
        ("responding", "inadequate", "the same", "Select a valid choice"),  # the proposed grade itself
        ("responding", "excellent", "not on PEEL's scale", "Select a valid choice"),
        ("responding", "", "", "Choose to agree or a grade to moderate to"),
        ("crime-recording", "agree", "", "the team has proposed no grade yet"),
    ],
)
def test_a_decision_the_form_cannot_take_comes_back_with_its_error(
    board, reading, area_id, decision, reason, error
):
    response = _post(_client(board, "moderator"), board.inspection, area_id, decision, reason)
    assert response.status_code == 200
    assert error in reading.errors(response)
    assert "govuk-error-summary" in response.content.decode()
    assert not Decision.objects.filter(inspection=board.inspection).exists()


def test_a_decision_on_an_area_the_framework_does_not_grade_is_not_found(board):
    response = _post(_client(board, "moderator"), board.inspection, "no-such-area", "agree")
    assert response.status_code == 404


# Across forces ------------------------------------------------------------------------------------

ACROSS_ROLES = (*ROLES, "kent-moderator", "ba-moderator")
# Anyone on the team (of any role) of an inspection of the framework version, and staff.
READS_ACROSS = {"staff", "moderator", "lead", "inspector", "kent-moderator"}
# The columns each reads: their own team's inspections (the cast's reader and writer are on the
# Metropolitan draft's and published inspections' teams too); staff every one.
OWN_COLUMNS = {
    "moderator": {"MPS-MODERATION", "MPS-DRAFT", "MPS-FACTUAL", "MPS-PUBLISHED"},
    "lead": {"MPS-MODERATION", "MPS-DRAFT", "MPS-FACTUAL", "MPS-PUBLISHED"},
    "inspector": {"MPS-MODERATION"},
    "kent-moderator": {"KENT-MODERATION"},
}


def _across(framework: str = "peel-2021", fmt: str = "html") -> str:
    name = "framework-moderation" if fmt == "html" else f"framework-moderation.{fmt}"
    return reverse(name, kwargs={"framework_id": framework})


@pytest.mark.parametrize("role", ACROSS_ROLES)
def test_the_view_across_forces_is_for_staff_and_the_frameworks_teams(board, role):
    for fmt in ("html", "json", "csv"):
        response = _client(board, role).get(_across(fmt=fmt))
        assert response.status_code == (200 if role in READS_ACROSS else 404), fmt
    ba = _client(board, role).get(_across("ba-2006"))
    assert ba.status_code == (200 if role in {"staff", "ba-moderator"} else 404)


@pytest.mark.parametrize("role", sorted(OWN_COLUMNS))
def test_the_view_across_forces_shows_only_the_readers_own_inspections(board, reading, role):
    """Another force's drafts are not for a moderator or team member of some other inspection."""
    document = reading.json(_client(board, role).get(_across(fmt="json")))
    assert {i["reference"] for i in document["inspections"]} == OWN_COLUMNS[role]
    assert {c["inspection"] for c in document["cells"]} == OWN_COLUMNS[role]
    staff = reading.json(_client(board, "staff").get(_across(fmt="json")))
    assert {"MPS-MODERATION", "KENT-MODERATION", "KENT-PUBLISHED"} <= {
        i["reference"] for i in staff["inspections"]
    }


def test_a_deactivated_moderator_reads_nothing_across_and_decides_nothing(board):
    moderator = User.objects.get(pk=board.users["moderator"].pk)  # not the board's own copy
    User.objects.filter(pk=moderator.pk).update(is_active=False)
    moderator.refresh_from_db()
    assert is_moderator(moderator, board.inspection) is False
    assert reads_across(moderator, board.inspection.framework) is False


def test_an_unknown_framework_has_no_moderation(board):
    assert _client(board, "staff").get(_across("peel-1999")).status_code == 404


def test_the_view_across_forces_shows_each_forces_grade_and_what_moderation_moved(cast, board, reading):
    reason = "Graded against the criteria as the other forces were"
    _post(_client(board, "moderator"), board.inspection, "responding", "requires-improvement", reason)
    staff = _client(board, "staff")  # every force's columns (a team member sees their own)
    document = reading.json(staff.get(_across(fmt="json")))
    columns = [i["reference"] for i in document["inspections"]]
    assert {"MPS-MODERATION", "KENT-MODERATION", "MPS-PUBLISHED", "KENT-PUBLISHED"} <= set(columns)
    assert [a["area"] for a in document["areas"]][:3] == [
        "crime-recording",
        "fairness-and-respect",
        "prevention",
    ]
    cells = {(c["area"], c["inspection"]): c for c in document["cells"]}
    assert len(document["cells"]) == PEEL_2021_GRADED_AREAS * len(columns)
    moved = cells[("responding", "MPS-MODERATION")]
    assert (moved["state"], moved["moved_from"], moved["moved_to"], moved["reason"]) == (
        "moderated",
        "Inadequate",
        "Requires improvement",
        reason,
    )
    kept = cells[("responding", "KENT-MODERATION")]
    assert (kept["grade_label"], kept["state"], kept["moved_from"]) == ("Adequate", "awaiting", None)
    assert cells[("responding", "MPS-PUBLISHED")]["status"] == "published"
    rows = reading.csv(staff.get(_across(fmt="csv")))
    assert len(rows) == len(document["cells"])
    page = reading.html(staff.get(_across()))
    assert "Kent Police" in page and "Moved from Inadequate to Requires improvement" in page
    # Each column's reference is its link (a force's name repeats), the force beside it.
    assert f'<a class="govuk-link" href="{_page(board.inspection)}">MPS-MODERATION</a>' in page
    assert f'<a class="govuk-link" href="{_page(board.kent)}">KENT-MODERATION</a>' in page
    assert "Metropolitan Police Service</div>" in page


def test_an_exercise_shows_across_forces_only_to_its_team_and_staff(board, reading):
    exercise = _inspection("MPS-EXERCISE", "metropolitan", exercise=True)
    TeamMember.objects.create(inspection=exercise, user=board.users["moderator"], role=TeamRole.REVIEWER)
    for role, shown in (("staff", True), ("moderator", True), ("kent-moderator", False)):
        document = reading.json(_client(board, role).get(_across(fmt="json")))
        assert ("MPS-EXERCISE" in [i["reference"] for i in document["inspections"]]) == shown, role


# Where moderation stands, before, at and after it --------------------------------------------------


def _fully_graded(board: Board, reference: str, status: str = Status.MODERATION) -> Inspection:
    """An inspection with every graded area graded Good (no grading rule breached), moderated by the
    board's moderator."""
    inspection = _inspection(reference, "metropolitan")
    TeamMember.objects.create(inspection=inspection, user=board.users["moderator"], role=TeamRole.REVIEWER)
    for area in inspection.spec.graded_areas():
        record_judgment(inspection, area.id, grade="good")
    Inspection.objects.filter(pk=inspection.pk).update(status=status)
    inspection.refresh_from_db()
    return inspection


def test_before_moderation_nothing_awaits_it(board, reading):
    inspection = _fully_graded(board, "MPS-FIELDWORK", Status.FIELDWORK)
    client = _client(board, "moderator")
    document = reading.json(client.get(_page(inspection, "json")))
    assert {row["state"] for row in document["areas"]} == {"not-yet"}
    assert (document["stage"], document["awaiting"]) == ("before", 0)
    assert document["summary"].startswith("Not yet at moderation: MPS-FIELDWORK is at fieldwork")
    page = reading.html(client.get(_page(inspection)))
    assert "Awaiting</strong>" not in page and "Not yet at moderation" in page
    across = reading.json(client.get(_across(fmt="json")))
    cells = [c for c in across["cells"] if c["inspection"] == "MPS-FIELDWORK"]
    assert {c["state"] for c in cells} == {"not-yet"}
    column = reading.html(client.get(_across())).count("Not yet at moderation")
    assert column >= PEEL_2021_GRADED_AREAS


def test_after_moderation_the_decision_shows_and_a_changed_grade_is_told(board, reading):
    from inspectorate.web.moderation.deciding import decide

    inspection = _fully_graded(board, "MPS-AFTER")
    decide(inspection, "prevention", board.users["moderator"])
    Inspection.objects.filter(pk=inspection.pk).update(status=Status.FACTUAL_ACCURACY)
    inspection.refresh_from_db()
    judgment = Judgment.objects.get(inspection=inspection, area_id="prevention")
    record_judgment(inspection, "responding", grade="adequate", revision=_revision(inspection, "responding"))
    client = _client(board, "moderator")
    rows = {r["area"]: r for r in reading.json(client.get(_page(inspection, "json")))["areas"]}
    assert rows["prevention"]["state"] == "agreed" and judgment.grade == "good"
    assert rows["responding"]["state"] == "not-moderated"
    decide_later = Decision.objects.create(
        inspection=inspection,
        area_id="investigating",
        proposed_grade="good",
        decision="agreed",
        grade="good",
        moderator=board.users["moderator"],
        judgment_revision=_revision(inspection, "investigating"),
    )
    record_judgment(inspection, "investigating", grade="adequate", revision=decide_later.judgment_revision)
    rows = {r["area"]: r for r in reading.json(client.get(_page(inspection, "json")))["areas"]}
    assert rows["investigating"]["state"] == "regraded"
    page = reading.html(client.get(_page(inspection)))
    assert "Awaiting</strong>" not in page and "Changed since its decision" in page


def test_a_moderation_into_a_grading_rule_breach_is_warned_of_and_listed(board, reading):
    client = _client(board, "moderator")
    response = _post(client, board.inspection, "prevention", "requires-improvement", "Seen on the visits")
    assert response.status_code == 302
    page = reading.html(client.get(response["Location"]))
    assert (
        "Preventing crime and anti-social behaviour graded Requires improvement now breaches the rule "
        "weak-grade-needs-finding: graded Requires improvement but carries no"
    ) in page
    listed = page.split('id="breaches"')[1].split("</ul>")[0]
    assert 'href="#area-prevention"' in listed and "weak-grade-needs-finding" in listed
    document = reading.json(client.get(_page(board.inspection, "json")))
    assert {"rule": "weak-grade-needs-finding", "area": "prevention"} in [
        {"rule": b["rule"], "area": b["area"]} for b in document["breaches"]
    ]
    # A decision that leaves the area within the rules warns of nothing.
    regraded = _post(client, board.inspection, "responding", "good", "Answered on time")
    assert (
        "now breaches" not in reading.html(client.get(regraded["Location"])).split('id="moderation-facts"')[0]
    )


def test_when_every_grade_is_decided_the_page_leads_to_closing_moderation(board, reading):
    from inspectorate.web.moderation.deciding import decide

    inspection = _fully_graded(board, "MPS-DECIDED")
    client = _client(board, "moderator")
    assert 'id="way-on"' not in reading.html(client.get(_page(inspection)))
    for area in inspection.spec.graded_areas():
        decide(inspection, area.id, board.users["moderator"])
    page = reading.html(client.get(_page(inspection)))
    way_on = page.split('id="way-on"')[1].split("</div>")[0]
    progress = reverse("inspection-progress", kwargs={"code": inspection.code})
    assert f'href="{progress}"' in way_on and "Close moderation" in way_on
    assert "Every grade is decided: moderation can be closed." in page
