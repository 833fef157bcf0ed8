"""Starting an inspection, its team and its contacts (web/inspections/setup.py and its pages), and the
access rules for contacts (web/inspections/access.py).

- the inspectorate's people (and staff) start inspections; a force's or a local policing body's may not;
- the creator leads unless they name another lead, and is then not on the team;
- the team page is for the team and staff (404 for contacts and everyone else); the lead and staff
  appoint, remove and invite (403 for any other reader's POST), never leaving no lead, until the
  report is published (403 afterwards);
- liaisons are the inspected force's people, local policing body contacts its body's;
- only invited contacts see a draft: a liaison at the factual-accuracy check, and every contact the
  version under embargo.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from inspectorate.core.problems import ProblemsError
from inspectorate.web.accounts.models import ForceAffiliation
from inspectorate.web.inspections import setup
from inspectorate.web.inspections.access import (
    can_see_history,
    can_write,
    force_contact_role,
    get_inspection_for_user,
    lapsed_places,
    listed_inspections,
    reads_under_embargo,
    sees_data_returns,
    sees_working_copy,
    visible_inspections,
)
from inspectorate.web.inspections.models import (
    ContactRole,
    Inspection,
    InspectionContact,
    Origin,
    Status,
    TeamMember,
    TeamRole,
)
from inspectorate.web.inspections.setup import (
    NewInspection,
    NotAllowed,
    appoint,
    create_inspection,
    invite,
    remove_member,
    suggested_reference,
)
from inspectorate.web.reports.publishing import publish_record
from support.access import INSPECTIONS, ROLES, SEES

pytestmark = pytest.mark.django_db

NEW = "/inspections/new"


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "force": "kent",
        "framework": "peel-2021",
        "title": "PEEL 2025: An inspection of Kent Police",
        "reference": "KENT-PEEL-2025",
        "period_label": "2025/26",
        "period_start_day": "1",
        "period_start_month": "4",
        "period_start_year": "2025",
        "period_end_day": "31",
        "period_end_month": "3",
        "period_end_year": "2026",
        "lead": "writer",
    }
    return {**data, **changes}


def _person(username: str, body: str, force: str | None) -> User:
    user = User.objects.create_user(username)
    ForceAffiliation.objects.create(user=user, body=body, force_id=force)
    return user


def _team(inspection: Inspection) -> dict[str, str]:
    return dict(inspection.team.values_list("user__username", "role"))


# Starting an inspection ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_the_inspectorates_people_may_open_the_new_inspection_form(cast, client_for, role):
    response = client_for(role).get(NEW)
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    elif role in ("outsider", "liaison"):  # a force's people
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assert b'name="save"' in response.content


@pytest.mark.parametrize("role", ["outsider", "liaison", "anonymous"])
def test_a_post_from_outside_the_inspectorate_creates_nothing(cast, client_for, role):
    response = client_for(role).post(NEW, _form())
    assert response.status_code in (302, 403)
    assert not Inspection.objects.filter(reference="KENT-PEEL-2025").exists()


@pytest.mark.parametrize(
    ("role", "sees_link"), [("writer", True), ("staff", True), ("outsider", False), ("anonymous", False)]
)
def test_the_inspections_list_links_to_the_form_for_those_who_may(cast, client_for, role, sees_link):
    page = client_for(role).get(reverse("inspections")).content.decode()
    assert ('href="/inspections/new"' in page) is sees_link


def test_the_form_offers_the_43_forces_and_each_framework_with_its_version_and_source(cast, writer, reading):
    page = reading.html(writer.get(NEW))
    assert page.count('<option value="') >= 43 + 2  # the forces, and the people who may lead
    assert "PEEL 2021/22, version 2021/22" in page and "Source: " in page
    assert '<option value="writer" selected>' in page  # the creator leads by default


def test_the_creator_leads_a_new_inspection_at_planning(cast, writer):
    response = writer.post(NEW, _form())
    inspection = Inspection.objects.get(reference="KENT-PEEL-2025")
    assert response.status_code == 302
    assert response["Location"] == reverse("inspection-team", kwargs={"code": inspection.code})
    assert (inspection.status, inspection.origin, inspection.force_id) == (
        Status.PLANNING,
        Origin.RUN_HERE,
        "kent",
    )
    assert (inspection.period_start, inspection.period_end) == (
        datetime.date(2025, 4, 1),
        datetime.date(2026, 3, 31),
    )
    assert _team(inspection) == {"writer": TeamRole.LEAD}
    entries = LogEntry.objects.filter(additional_data__inspection=str(inspection.code))
    assert entries.count() == 2 and {entry.actor for entry in entries} == {cast.users["writer"]}


def test_naming_another_lead_leaves_the_creator_off_the_team(cast, staff):
    staff.post(NEW, _form(lead="reader"))
    assert _team(Inspection.objects.get(reference="KENT-PEEL-2025")) == {"reader": TeamRole.LEAD}


def test_a_blank_reference_is_made_from_the_force_and_the_framework(cast, writer):
    for _ in range(2):
        assert writer.post(NEW, _form(reference="")).status_code == 302
    made = set(
        Inspection.objects.filter(force_id="kent", status=Status.PLANNING).values_list("reference", flat=True)
    )
    assert made == {"KENT-PEEL-2021", "KENT-PEEL-2021-2"}
    assert suggested_reference("kent", "peel-2021") == "KENT-PEEL-2021-3"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reference": "mps-draft"}, "reference", "MPS-DRAFT is taken by another inspection"),
        ({"period_end_year": "2024"}, "period_end", "the period ends (31 March 2024) before it starts"),
        ({"period_end_day": "", "period_end_month": "", "period_end_year": ""}, "period_end", "give both"),
        ({"period_end_day": "31", "period_end_month": "2"}, "period_end", "must be a real date"),
        ({"title": ""}, "title", "Enter a title for the inspection"),
        ({"lead": "liaison"}, "lead", "Select a valid choice"),
        ({"framework": "no-such"}, "framework", "Select a valid choice"),
    ],
)
def test_a_refused_inspection_is_shown_with_its_error_beside_the_field(
    cast, writer, reading, changes, field, message
):
    response = writer.post(NEW, _form(**changes))
    assert response.status_code == 200
    errors = reading.errors(response)
    assert message.lower() in errors.lower(), errors
    assert f'href="#id_{field}' in reading.html(response)  # the summary links to the field
    assert not Inspection.objects.filter(reference="KENT-PEEL-2025").exists()


def test_the_service_refuses_a_lead_and_a_creator_from_outside_the_inspectorate(cast):
    new = NewInspection("kent", "peel-2021", "T", "KENT-T", lead=cast.users["outsider"])
    with pytest.raises(ProblemsError, match="lead: outsider is not of the inspectorate"):
        create_inspection(new, cast.users["writer"])
    with pytest.raises(NotAllowed):
        create_inspection(new, cast.users["liaison"])


# The team page ---------------------------------------------------------------------------------


def _team_url(cast: Any, key: str, name: str = "inspection-team") -> str:
    return reverse(name, kwargs={"code": cast.inspection(key).code})


def test_the_team_page_lists_the_team_lead_first_and_the_contacts(cast, client_for, reading):
    document = reading.json(client_for("reader").get(_team_url(cast, "factual") + ".json"))
    assert [(p["username"], p["role"], p["place"]) for p in document["team"]] == [
        ("writer", "lead", "team"),
        ("reader", "reviewer", "team"),
    ]
    assert [(p["username"], p["role"], p["invited_by"]) for p in document["contacts"]] == [
        ("liaison", "liaison", "writer")
    ]
    rows = reading.csv(client_for("reader").get(_team_url(cast, "factual") + ".csv"))
    assert [row["place"] for row in rows] == ["team", "team", "contact"]


@pytest.mark.parametrize(("role", "forms"), [("writer", True), ("staff", True), ("reader", False)])
def test_only_the_lead_and_staff_get_the_forms(cast, client_for, role, forms):
    page = client_for(role).get(_team_url(cast, "draft")).content.decode()
    assert ('name="appoint"' in page) is forms and ('name="invite"' in page) is forms


def test_a_published_inspections_team_page_has_no_forms(cast, writer, reading):
    page = reading.html(writer.get(_team_url(cast, "published")))
    assert 'id="team-closed"' in page and 'name="appoint"' not in page


def _post_outcome(role: str, key: str) -> int:
    """What a POST to the team's actions answers: 404 to those who may not read the team page."""
    if key not in SEES[role] or role not in ("writer", "reader", "staff"):
        return 404
    if role == "reader" or key == "published":
        return 403
    return 302


@pytest.mark.parametrize("key", INSPECTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_each_action_answers_each_role_by_the_rules(cast, client_for, role, key):
    client = client_for(role)
    expected = _post_outcome(role, key)
    appointed = client.post(_team_url(cast, key, "team-appoint"), {"user": "staff", "role": "analyst"})
    assert appointed.status_code == expected
    assert (_team(cast.inspection(key)).get("staff") == "analyst") is (expected == 302)
    removed = client.post(_team_url(cast, key, "team-remove"), {"user": "reader"})
    assert removed.status_code == expected
    assert ("reader" in _team(cast.inspection(key))) is (expected != 302)
    lpb = _person("mopac", "local-policing-body", "metropolitan")
    invited = client.post(
        _team_url(cast, key, "contact-invite"), {"user": "mopac", "role": "local-policing-body"}
    )
    assert invited.status_code == expected
    assert cast.inspection(key).contacts.filter(user=lpb).exists() is (expected == 302)
    if key == "factual":
        gone = client.post(_team_url(cast, key, "contact-remove"), {"user": "liaison"})
        assert gone.status_code == expected
        assert cast.factual.contacts.filter(user=cast.users["liaison"]).exists() is (expected != 302)


@pytest.mark.parametrize("name", ["team-appoint", "team-remove", "contact-invite", "contact-remove"])
def test_the_actions_refuse_get(cast, writer, name):
    assert writer.get(_team_url(cast, "draft", name)).status_code == 405


def test_each_change_is_audited_with_who_made_it(cast, writer):
    writer.post(_team_url(cast, "draft", "team-appoint"), {"user": "staff", "role": "auditor"})
    writer.post(_team_url(cast, "draft", "team-remove"), {"user": "staff"})
    _person("mopac", "local-policing-body", "metropolitan")
    writer.post(_team_url(cast, "draft", "contact-invite"), {"user": "mopac", "role": "local-policing-body"})
    entries = LogEntry.objects.filter(additional_data__inspection=str(cast.draft.code)).order_by(
        "timestamp", "id"
    )
    made = [(e.content_type.model, e.get_action_display(), e.actor) for e in entries]
    writer_user = cast.users["writer"]
    assert made[-3:] == [
        ("teammember", "create", writer_user),
        ("teammember", "delete", writer_user),
        ("inspectioncontact", "create", writer_user),
    ]


# The rules -------------------------------------------------------------------------------------


def test_the_last_lead_is_never_removed_nor_demoted(cast, writer, reading):
    response = writer.post(_team_url(cast, "draft", "team-appoint"), {"user": "writer", "role": "inspector"})
    assert "writer is the only lead: appoint another lead first" in reading.errors(response)
    response = writer.post(_team_url(cast, "draft", "team-remove"), {"user": "writer"}, follow=True)
    assert "writer is the only lead" in reading.html(response)
    assert _team(cast.draft)["writer"] == TeamRole.LEAD
    # With a second lead, the first may step down.
    appoint(cast.draft, cast.users["writer"], cast.users["staff"], TeamRole.LEAD)
    remove_member(cast.draft, cast.users["staff"], cast.users["writer"])
    assert _team(cast.draft) == {"staff": TeamRole.LEAD, "reader": TeamRole.REVIEWER}


def test_only_the_inspectorates_people_are_appointed(cast, writer, reading):
    response = writer.post(_team_url(cast, "draft", "team-appoint"), {"user": "liaison", "role": "inspector"})
    assert "Select a valid choice" in reading.errors(response)
    with pytest.raises(ProblemsError, match="liaison is not of the inspectorate"):
        appoint(cast.draft, None, cast.users["liaison"], TeamRole.INSPECTOR)


def test_a_liaison_is_of_the_inspected_force_and_a_body_contact_of_its_local_policing_body(cast):
    lpb = _person("mopac", "local-policing-body", "metropolitan")
    kent_pcc = _person("kent-pcc", "local-policing-body", "kent")
    refused = [
        (
            cast.users["outsider"],
            ContactRole.LIAISON,
            "outsider does not work for Metropolitan Police Service",
        ),
        (
            cast.users["liaison"],
            ContactRole.LOCAL_POLICING_BODY,
            "not of Metropolitan Police Service's local",
        ),
        (lpb, ContactRole.LIAISON, "mopac does not work for"),
        (kent_pcc, ContactRole.LOCAL_POLICING_BODY, "kent-pcc is not of"),
        (cast.users["reader"], ContactRole.LIAISON, "reader does not work for"),
    ]
    for user, role, message in refused:
        with pytest.raises(ProblemsError, match=message):
            invite(cast.draft, cast.users["writer"], user, role)
    assert (
        invite(cast.draft, cast.users["writer"], cast.users["liaison"], ContactRole.LIAISON).role == "liaison"
    )
    assert invite(cast.draft, None, lpb, ContactRole.LOCAL_POLICING_BODY).invited_by is None
    with pytest.raises(ProblemsError, match="already invited"):
        invite(cast.draft, None, lpb, ContactRole.LOCAL_POLICING_BODY)


def test_the_invite_form_offers_only_the_forces_and_its_bodys_people(cast, writer, reading):
    _person("mopac", "local-policing-body", "metropolitan")
    _person("kent-pcc", "local-policing-body", "kent")
    page = reading.html(writer.get(_team_url(cast, "draft")))
    invite_form = page[page.index('id="contacts"') :]
    assert 'value="mopac"' in invite_form and 'value="liaison"' in invite_form
    assert 'value="kent-pcc"' not in invite_form and 'value="outsider"' not in invite_form


def test_a_contact_is_never_on_the_team(cast):
    with pytest.raises(ProblemsError, match="liaison is not of the inspectorate"):
        appoint(cast.factual, None, cast.users["liaison"], TeamRole.INSPECTOR)
    # Even once they join the inspectorate, while their invitation stands.
    ForceAffiliation.objects.filter(user=cast.users["liaison"]).update(body="inspectorate", force=None)
    liaison = User.objects.get(username="liaison")
    with pytest.raises(ProblemsError, match="liaison is invited as a contact"):
        appoint(cast.factual, None, liaison, TeamRole.INSPECTOR)
    # And a member who moves to the force stays off its contacts while on the team.
    reader = User.objects.get(username="reader")  # not the cast's, which would keep the affiliation
    ForceAffiliation.objects.create(user=reader, body="force", force_id="metropolitan")
    with pytest.raises(ProblemsError, match="reader is on the team"):
        invite(cast.factual, None, reader, ContactRole.LIAISON)


def test_someone_who_is_not_the_lead_may_not_change_the_team(cast):
    with pytest.raises(NotAllowed):
        appoint(cast.draft, cast.users["reader"], cast.users["staff"], TeamRole.INSPECTOR)


# Contacts' access ------------------------------------------------------------------------------


def test_being_of_the_force_is_not_enough_to_see_its_draft(cast):
    other = _person("met-liaison-2", "force", "metropolitan")
    assert cast.factual not in visible_inspections(other)
    assert not sees_working_copy(other, cast.factual)
    assert force_contact_role(other, cast.factual) is None


def test_an_invited_liaison_sees_the_working_copy_at_the_factual_accuracy_check_only(cast):
    liaison = cast.users["liaison"]
    assert force_contact_role(liaison, cast.factual) == ContactRole.LIAISON
    assert sees_working_copy(liaison, cast.factual)
    InspectionContact.objects.create(inspection=cast.draft, user=liaison, role=ContactRole.LIAISON)
    assert cast.draft not in visible_inspections(liaison)  # at fieldwork, not yet
    assert not sees_working_copy(liaison, cast.draft)


def test_a_local_policing_body_contact_never_sees_the_working_copy(cast):
    lpb = _person("mopac", "local-policing-body", "metropolitan")
    InspectionContact.objects.create(inspection=cast.factual, user=lpb, role=ContactRole.LOCAL_POLICING_BODY)
    assert force_contact_role(lpb, cast.factual) == ContactRole.LOCAL_POLICING_BODY
    assert cast.factual not in visible_inspections(lpb) and not sees_working_copy(lpb, cast.factual)


def test_invited_contacts_read_under_embargo_and_nobody_else(cast, later):
    lpb = _person("mopac", "local-policing-body", "metropolitan")
    InspectionContact.objects.create(inspection=cast.factual, user=lpb, role=ContactRole.LOCAL_POLICING_BODY)
    assert not reads_under_embargo(lpb, cast.factual)  # nothing published yet
    publish_record(cast.factual, timezone.now() + datetime.timedelta(days=2), "")
    for user in (lpb, cast.users["liaison"]):
        assert reads_under_embargo(user, cast.factual)
        assert cast.factual in visible_inspections(user)
    for name in ("writer", "staff", "outsider", "reader"):
        assert not reads_under_embargo(cast.users[name], cast.factual)
    assert cast.factual not in visible_inspections(cast.users["outsider"])
    later(3)  # out of embargo: public, read as everyone reads it
    assert not reads_under_embargo(lpb, cast.factual)
    assert cast.factual in visible_inspections(cast.users["outsider"])


def test_a_removed_contact_no_longer_sees_the_draft(cast, writer, client_for):
    url = reverse("inspection", kwargs={"code": cast.factual.code})
    assert client_for("liaison").get(url).status_code == 200
    writer.post(_team_url(cast, "factual", "contact-remove"), {"user": "liaison"})
    assert client_for("liaison").get(url).status_code == 404


def test_get_inspection_for_user_is_unchanged_for_the_team(cast, rf):
    request = rf.get("/")
    request.user = cast.users["reader"]
    assert get_inspection_for_user(request, cast.draft.code) == (cast.draft, False)
    assert TeamMember.objects.filter(inspection=cast.draft).count() == 2


# Places count only while the person is what they need to be ----------------------------------


def _moved(username: str, body: str | None, force: str | None = None, *, active: bool = True) -> User:
    """The user, fresh from the database (not the cast's cached one), moved to ``body`` of ``force``
    (None: the inspectorate, with no organisation recorded), active or deactivated."""
    user = User.objects.get(username=username)
    ForceAffiliation.objects.filter(user=user).delete()
    if body is not None:
        ForceAffiliation.objects.create(user=user, body=body, force_id=force)
    User.objects.filter(pk=user.pk).update(is_active=active)
    return User.objects.get(username=username)


def _reaches(user: User, inspection: Inspection) -> dict[str, bool]:
    return {
        "visible": visible_inspections(user).filter(pk=inspection.pk).exists(),
        "listed": listed_inspections(user).filter(pk=inspection.pk).exists(),
        "writes": can_write(user, inspection),
        "history": can_see_history(user, inspection),
        "working copy": sees_working_copy(user, inspection),
        "data returns": sees_data_returns(user, inspection.force_id),
    }


@pytest.mark.parametrize(
    ("body", "force", "active"),
    [("force", "kent", True), ("local-policing-body", "metropolitan", True), (None, None, False)],
)
def test_a_team_place_counts_only_while_its_holder_is_of_the_inspectorate_and_active(
    cast, body, force, active
):
    before = _reaches(User.objects.get(username="writer"), cast.draft)
    assert set(before.values()) == {True}
    writer = _moved("writer", body, force, active=active)
    assert _reaches(writer, cast.draft) == dict.fromkeys(before, False)
    # Moved back, the place (kept on record) counts again.
    assert _reaches(_moved("writer", "inspectorate", active=True), cast.draft) == before


def test_a_writer_moved_to_a_force_loses_the_pages_and_the_acts(cast, client_for):
    url = reverse("inspection", kwargs={"code": cast.draft.code})
    assert client_for("writer").get(url).status_code == 200
    _moved("writer", "force", "kent")
    client = client_for("writer")  # signed in again: the session's user is read afresh
    assert client.get(url).status_code == 404
    assert client.get(_team_url(cast, "draft")).status_code == 404
    appointed = client.post(_team_url(cast, "draft", "team-appoint"), {"user": "staff", "role": "analyst"})
    assert appointed.status_code == 404 and "staff" not in _team(cast.draft)


@pytest.mark.parametrize(
    ("body", "force", "active"),
    [
        ("force", "kent", True),  # another force
        ("local-policing-body", "metropolitan", True),  # the force's body, not the force
        ("inspectorate", None, True),
        ("force", "metropolitan", False),  # deactivated
    ],
)
def test_a_liaisons_invitation_counts_only_while_they_are_of_the_inspected_force(
    cast, client_for, body, force, active
):
    url = reverse("inspection", kwargs={"code": cast.factual.code})
    assert client_for("liaison").get(url).status_code == 200
    liaison = _moved("liaison", body, force, active=active)
    assert force_contact_role(liaison, cast.factual) is None
    assert not sees_working_copy(liaison, cast.factual)
    assert not visible_inspections(liaison).filter(pk=cast.factual.pk).exists()
    if active:
        assert client_for("liaison").get(url).status_code == 404
    assert _moved("liaison", "force", "metropolitan") is not None
    assert force_contact_role(User.objects.get(username="liaison"), cast.factual) == ContactRole.LIAISON


def test_a_local_policing_bodys_invitation_counts_only_while_they_are_of_that_body(cast):
    lpb = _person("mopac", "local-policing-body", "metropolitan")
    InspectionContact.objects.create(inspection=cast.factual, user=lpb, role=ContactRole.LOCAL_POLICING_BODY)
    publish_record(cast.factual, timezone.now() + datetime.timedelta(days=2), "")
    assert reads_under_embargo(lpb, cast.factual) and cast.factual in listed_inspections(lpb)
    for body, force in (("local-policing-body", "kent"), ("force", "metropolitan")):
        moved = _moved("mopac", body, force)
        assert not reads_under_embargo(moved, cast.factual)
        assert force_contact_role(moved, cast.factual) is None
        assert cast.factual not in visible_inspections(moved)
        assert cast.factual not in listed_inspections(moved)
    # The liaison, still of the force, reads it under embargo.
    assert reads_under_embargo(cast.users["liaison"], cast.factual)


def test_whom_an_inspection_shows_to_is_asked_in_few_queries(cast, django_assert_max_num_queries):
    for name in ("writer", "liaison", "outsider"):
        user = User.objects.get(username=name)
        with django_assert_max_num_queries(2):  # the person's organisation, then the inspections
            list(visible_inspections(user))
        with django_assert_max_num_queries(1):
            list(listed_inspections(user))


def test_the_team_page_marks_the_places_that_no_longer_count(cast, client_for, reading):
    _moved("reader", "force", "kent")
    _moved("liaison", "force", "kent")
    document = reading.json(client_for("writer").get(_team_url(cast, "factual") + ".json"))
    lapsed = {p["username"]: p["lapsed"] for p in [*document["team"], *document["contacts"]]}
    assert lapsed == {
        "writer": None,
        "reader": "no longer of the inspectorate",
        "liaison": "no longer of the inspected force",
    }
    page = reading.html(client_for("writer").get(_team_url(cast, "factual")))
    assert page.count("Does not count:") == 2
    assert lapsed_places(User.objects.get(username="liaison"))[0].reason == "no longer of the inspected force"


# The team page's forms and words ---------------------------------------------------------------


def test_the_appoint_form_offers_inspector_first_and_the_page_leads_on(cast, writer, reading):
    page = reading.html(writer.get(_team_url(cast, "draft")))
    assert '<option value="inspector" selected>' in page
    assert '<option value="lead" selected>' not in page
    onward = page[page.index('id="onward"') :]
    assert f'href="{_team_url(cast, "draft", "inspection-progress")}"' in onward
    assert f'href="{_team_url(cast, "draft", "plan")}"' in onward


def test_the_invite_form_says_whether_no_one_has_an_account_or_everyone_is_invited(cast, writer, reading):
    # Of the Metropolitan Police Service, only its liaison has an account, invited to the check.
    page = reading.html(writer.get(_team_url(cast, "factual")))
    assert "there is no one left to invite" in page and "has an account yet" not in page
    # Of Dorset Police, nobody has an account.
    new = NewInspection("dorset", "peel-2021", "T", "DORSET-T", lead=cast.users["writer"])
    dorset = create_inspection(new, cast.users["writer"])
    page = reading.html(writer.get(reverse("inspection-team", kwargs={"code": dorset.code})))
    assert "or its local policing body has an account yet: staff make them" in page
    assert "no one left to invite" not in page
    # A deactivated account is no one to invite.
    _moved("liaison", "force", "metropolitan", active=False)
    page = reading.html(writer.get(_team_url(cast, "draft")))
    assert "has an account yet" in page


# Two requests at once ---------------------------------------------------------------------------


def test_appointing_someone_appointed_a_moment_ago_is_refused_in_one_line(cast, writer, reading, monkeypatch):
    appoint(cast.draft, None, cast.users["staff"], TeamRole.ANALYST)
    # As if the other request's appointment was made after this one looked.
    monkeypatch.setattr(setup, "_member", lambda inspection, user: None)
    with pytest.raises(ProblemsError, match="staff is already analyst"):
        appoint(cast.draft, cast.users["writer"], cast.users["staff"], TeamRole.ANALYST)
    response = writer.post(_team_url(cast, "draft", "team-appoint"), {"user": "staff", "role": "analyst"})
    assert response.status_code == 200 and "staff is already analyst" in reading.errors(response)
    assert _team(cast.draft)["staff"] == TeamRole.ANALYST


def test_inviting_someone_invited_a_moment_ago_is_refused_in_one_line(cast, monkeypatch):
    lpb = _person("mopac", "local-policing-body", "metropolitan")
    invite(cast.draft, None, lpb, ContactRole.LOCAL_POLICING_BODY)
    monkeypatch.setattr(setup, "_invited", lambda inspection, user: False)
    with pytest.raises(ProblemsError, match="mopac is already invited to MPS-DRAFT"):
        invite(cast.draft, None, lpb, ContactRole.LOCAL_POLICING_BODY)
    assert cast.draft.contacts.filter(user=lpb).count() == 1
