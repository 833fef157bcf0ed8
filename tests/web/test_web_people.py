"""People and organisations, managed by staff (web/accounts): who may reach each page, what a
person's record takes and refuses, and the audit trail it leaves.

The rules (docs/permissions.md, "People and organisations"): every page and twin is staff's; someone
signed in who is not staff gets the site's 403, someone not signed in is sent to sign in; nobody
deactivates themselves or removes their own staff flag; passwords pass the site's validators.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from inspectorate.web.accounts.documents import OrganisationsPage, PeopleListPage, PersonPage
from inspectorate.web.accounts.models import Body, ForceAffiliation
from inspectorate.web.accounts.roles import force_of, is_inspectorate, policing_body_of
from support.access import FORMATS, ROLES

pytestmark = pytest.mark.django_db

NOT_STAFF = [role for role in ROLES if role not in ("staff", "anonymous")]
PAGES: dict[str, dict[str, Any]] = {
    "people": {},
    "person": {"username": "liaison"},
    "organisations": {},
}
ACTIONS = ("person-deactivate", "person-reactivate", "person-password")


@pytest.fixture(autouse=True)
def fast_hasher(settings: Any) -> None:
    """Passwords hashed and checked with the fastest hasher: what is tested is who sets them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _url(name: str, fmt: str = "html", **kwargs: Any) -> str:
    return reverse(name if fmt == "html" else f"{name}.{fmt}", kwargs=kwargs or None)


def _new_person(**changes: str) -> dict[str, str]:
    data = {
        "username": "pcc-officer",
        "full_name": "Sam Okafor",
        "email": "sam@example.org",
        "body": "local-policing-body",
        "force": "metropolitan",
        "body_name": "Mayor's Office for Policing and Crime",
        "job_title": "Head of oversight",
        "password_choice": "type",
        "password1": "a long enough secret",
        "password2": "a long enough secret",
    }
    return {**data, **changes}


def _edit(user: User, **changes: Any) -> dict[str, Any]:
    affiliation = ForceAffiliation.objects.filter(user=user).first()
    data = {
        "full_name": user.get_full_name() or user.username,
        "email": user.email or f"{user.username}@example.org",
        "body": affiliation.body if affiliation else "inspectorate",
        "force": (affiliation.force_id or "") if affiliation else "",
        "body_name": "",
        "job_title": "",
    }
    if user.is_staff:
        data["is_staff"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _errors(response: Any) -> str:
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html, html[:2000]
    return html


# Who may reach what -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_people_pages_and_twins_are_staffs_only(cast, client_for, role, name, fmt):
    response = client_for(role).get(_url(name, fmt, **PAGES[name]))
    if role == "staff":
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_the_new_person_form_is_staffs_only(cast, client_for, role):
    response = client_for(role).get(_url("person-new"))
    expected = {"staff": 200, "anonymous": 302}.get(role, 403)
    assert response.status_code == expected
    response = client_for(role).post(_url("person-new"), _new_person())
    assert response.status_code == {"staff": 302, "anonymous": 302}.get(role, 403)
    assert User.objects.filter(username="pcc-officer").exists() == (role == "staff")


@pytest.mark.parametrize("role", [*NOT_STAFF, "anonymous"])
def test_nobody_but_staff_changes_a_person(cast, client_for, role):
    client = client_for(role)
    liaison = cast.users["liaison"]
    posts = [
        (_url("person", username="liaison"), _edit(liaison, full_name="Changed", is_staff="on")),
        (_url("person-deactivate", username="liaison"), {}),
        (_url("person-password", username="liaison"), {"password_choice": "generate"}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == (302 if role == "anonymous" else 403), url
        if role == "anonymous":
            assert response["Location"].startswith("/login/?next=")
    liaison.refresh_from_db()
    assert (liaison.first_name, liaison.is_staff, liaison.is_active) == ("", False, True)
    assert liaison.password == User.objects.get(pk=liaison.pk).password


@pytest.mark.parametrize("name", ACTIONS)
@pytest.mark.parametrize("role", ["staff", "writer", "anonymous"])
def test_the_actions_refuse_get(cast, client_for, role, name):
    assert client_for(role).get(_url(name, username="liaison")).status_code == 405


def test_an_unknown_person_is_a_404_for_staff(cast, staff):
    assert staff.get(_url("person", username="nobody-here")).status_code == 404
    assert staff.post(_url("person-deactivate", username="nobody-here")).status_code == 404


# The list and the organisations -----------------------------------------------------------------


def test_the_list_shows_everyone_with_their_organisation(cast, staff):
    people = PeopleListPage.model_validate(staff.get(_url("people", "json")).json())
    by_name = {p.username: p for p in people.people}
    assert set(by_name) >= {"writer", "reader", "outsider", "liaison", "staff"}
    assert (by_name["liaison"].body, by_name["liaison"].force) == ("force", "metropolitan")
    assert by_name["liaison"].organisation == "Metropolitan Police Service"
    # Nobody recorded an organisation for the team: they are the inspectorate's.
    assert by_name["writer"].body == "inspectorate"
    assert by_name["staff"].staff and not by_name["writer"].staff


def test_the_list_filters_by_kind_of_organisation_and_force(cast, staff):
    def names(query: str) -> set[str]:
        data = staff.get(_url("people", "json") + query).json()
        return {p["username"] for p in data["people"]}

    assert names("?body=force&force=kent") == {"outsider"}
    assert names("?force=metropolitan") == {"liaison"}
    assert {"writer", "reader", "staff"} <= names("?body=inspectorate")
    assert not names("?body=inspectorate") & {"outsider", "liaison"}
    assert names("?body=local-policing-body") == set()
    csv = staff.get(_url("people", "csv") + "?body=force&force=kent").content.decode()
    assert csv.splitlines()[1].startswith("outsider,")


def test_organisations_count_their_people(cast, staff):
    page = OrganisationsPage.model_validate(staff.get(_url("organisations", "json")).json())
    rows = {(o.body, o.force): o for o in page.organisations}
    assert len(page.organisations) == 1 + 2 * 43
    assert rows[("force", "metropolitan")].people == 1
    assert rows[("force", "kent")].people == 1
    assert rows[("local-policing-body", "metropolitan")].name == "Mayor's Office for Policing and Crime"
    assert rows[("local-policing-body", "kent")].name == "Police and Crime Commissioner for Kent"
    assert rows[("inspectorate", None)].people >= 3
    assert (
        "HM Inspectorate of Constabulary and Fire &amp; Rescue Services"
        in staff.get(_url("organisations")).content.decode()
    )


# Adding a person --------------------------------------------------------------------------------


def test_staff_add_a_person_of_a_local_policing_body(cast, staff):
    response = staff.post(_url("person-new"), _new_person())
    assert response.status_code == 302
    assert response["Location"] == _url("person", username="pcc-officer")
    person = User.objects.get(username="pcc-officer")
    assert person.check_password("a long enough secret")
    assert (person.get_full_name(), person.email, person.is_staff) == ("Sam Okafor", "sam@example.org", False)
    assert policing_body_of(person) == "metropolitan" and force_of(person) is None
    assert not is_inspectorate(person)
    page = PersonPage.model_validate(staff.get(_url("person", "json", username="pcc-officer")).json())
    assert page.organisation == "Mayor's Office for Policing and Crime"
    assert page.job_title == "Head of oversight"
    # Both records were made by staff, and say so in the audit trail.
    for record in (person, person.affiliation):
        entry = LogEntry.objects.get_for_object(record).get(action=LogEntry.Action.CREATE)
        assert entry.actor == cast.users["staff"]
    changes = LogEntry.objects.get_for_object(person).get().changes_dict
    assert changes["password"] == ["(hidden)", "(hidden)"]
    assert person.password not in str(changes)


def test_a_generated_password_is_shown_once_and_works(cast, staff):
    data = _new_person(
        username="new-inspector", body="inspectorate", force="", body_name="", password_choice="generate"
    )
    response = staff.post(_url("person-new"), data)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = re.search(r'id="new-password">([^<]+)<', response.content.decode()).group(1)
    person = User.objects.get(username="new-inspector")
    assert person.check_password(password) and len(password) >= 16
    assert is_inspectorate(person)
    # Nowhere else: the person's page does not show it.
    assert password not in staff.get(_url("person", username="new-inspector")).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"username": "LIAISON"}, "There is already someone with the username"),
        ({"username": "not ok!"}, "Use only letters, digits"),
        ({"username": ""}, "Enter a username"),
        ({"username": "new"}, "is kept for a page&#x27;s address"),
        ({"full_name": ""}, "Enter the person&#x27;s full name"),
        ({"email": "nope"}, "Enter an email address like name@example.org"),
        ({"body": "force", "force": ""}, "Choose the force for someone of a police force"),
        ({"body": "local-policing-body", "force": ""}, "Choose the force for someone of a local policing"),
        ({"body": "inspectorate", "force": "kent"}, "Leave the force empty for someone of the inspectorate"),
        ({"force": "atlantis"}, "Select a valid choice"),
        ({"password1": "short", "password2": "short"}, "This password is too short"),
        ({"password2": "something else"}, "The two passwords differ"),
        ({"password1": "", "password2": ""}, "Type the new password, or choose to generate one"),
    ],
)
def test_a_new_person_form_with_bad_input_is_sent_back_with_its_errors(cast, staff, changes, message):
    before = User.objects.count()
    response = staff.post(_url("person-new"), _new_person(**changes))
    assert response.status_code == 200
    assert message in _errors(response)
    assert User.objects.count() == before


def test_the_new_person_form_assumes_no_organisation(cast, staff):
    page = staff.get(_url("person-new")).content.decode()
    body_radios = re.findall(r'<input[^>]*name="body"[^>]*>', page)
    assert len(body_radios) == 3 and not any("checked" in radio for radio in body_radios)
    assert '<option value="" selected>Choose a force</option>' in page
    assert ">None<" not in page


def test_a_blank_new_person_form_names_every_missing_answer_at_once(cast, staff):
    response = staff.post(_url("person-new"), {"password_choice": "generate"})
    errors = _errors(response)
    for message in (
        "Enter a username",
        "Enter the person&#x27;s full name",
        "Enter an email address",
        "Choose the person&#x27;s organisation",
    ):
        assert message in errors
    assert "Choose the force" not in errors  # which force depends on the organisation, not chosen


def test_every_problem_with_a_new_person_is_reported_in_one_round(cast, staff):
    data = _new_person(
        username="LIAISON", full_name="", body="force", force="", password1="short", password2="short"
    )
    errors = _errors(staff.post(_url("person-new"), data))
    for message in (
        "There is already someone with the username",
        "Enter the person&#x27;s full name",
        "Choose the force for someone of a police force",
        "This password is too short",
    ):
        assert message in errors
    # Once each, not by the form and again by the service.
    assert errors.count("Enter the person&#x27;s full name") == 2  # the summary and the field
    assert not User.objects.filter(username="pcc-officer").exists()


# Changing a person ------------------------------------------------------------------------------


def test_staff_move_someone_to_a_local_policing_body_and_it_is_audited(cast, staff):
    liaison = cast.users["liaison"]
    data = _edit(liaison, body="local-policing-body", force="metropolitan", job_title="Adviser")
    response = staff.post(_url("person", username="liaison"), data)
    assert response.status_code == 302
    liaison = User.objects.get(pk=liaison.pk)
    assert (policing_body_of(liaison), force_of(liaison)) == ("metropolitan", None)
    entry = LogEntry.objects.get_for_object(liaison.affiliation).latest("timestamp")
    assert entry.action == LogEntry.Action.UPDATE and entry.actor == cast.users["staff"]
    assert entry.changes_dict["body"] == ["force", "local-policing-body"]


def test_staff_cannot_remove_their_own_staff_flag(cast, staff):
    me = cast.users["staff"]
    response = staff.post(_url("person", username="staff"), _edit(me, is_staff=None))
    assert "You cannot remove your own staff flag" in _errors(response)
    assert User.objects.get(pk=me.pk).is_staff


def test_staff_cannot_deactivate_themselves(cast, staff):
    response = staff.post(_url("person-deactivate", username="staff"))
    assert response.status_code == 403
    assert "You cannot deactivate yourself" in response.content.decode()
    assert User.objects.get(username="staff").is_active


def test_staff_deactivate_and_reactivate_someone(cast, staff, client_for):
    liaison = client_for("liaison")
    assert staff.post(_url("person-deactivate", username="liaison")).status_code == 302
    assert not User.objects.get(username="liaison").is_active
    # A deactivated person's session no longer counts: they are signed out.
    assert liaison.get(_url("people")).status_code == 302
    entry = LogEntry.objects.get_for_object(cast.users["liaison"]).latest("timestamp")
    assert entry.changes_dict == {"is_active": ["True", "False"]}
    assert force_of(User.objects.get(username="liaison")) is None
    assert staff.post(_url("person-reactivate", username="liaison")).status_code == 302
    assert User.objects.get(username="liaison").is_active


def test_staff_set_a_typed_password_never_logging_its_hash(cast, staff):
    data = {"password_choice": "type", "password1": "another good secret", "password2": "another good secret"}
    response = staff.post(_url("person-password", username="reader"), data)
    assert response.status_code == 302
    reader = User.objects.get(username="reader")
    assert reader.check_password("another good secret")
    changes = LogEntry.objects.get_for_object(reader).latest("timestamp").changes_dict
    assert changes == {"password": ["(hidden)", "(hidden)"]}


def test_a_weak_new_password_is_refused_on_the_persons_page(cast, staff):
    data = {"password_choice": "type", "password1": "abc", "password2": "abc"}
    response = staff.post(_url("person-password", username="reader"), data)
    assert response.status_code == 200
    assert "This password is too short" in _errors(response)
    assert not User.objects.get(username="reader").check_password("abc")


def test_a_generated_new_password_is_shown_once(cast, staff):
    response = staff.post(_url("person-password", username="reader"), {"password_choice": "generate"})
    password = re.search(r'id="new-password">([^<]+)<', response.content.decode()).group(1)
    assert User.objects.get(username="reader").check_password(password)


# The model and the roles ------------------------------------------------------------------------


def test_an_affiliation_names_a_force_exactly_when_outside_the_inspectorate(cast):
    user = User.objects.create_user("someone")
    with pytest.raises(ValidationError, match="Leave the force empty"):
        ForceAffiliation(user=user, body=Body.INSPECTORATE, force_id="kent").full_clean()
    with pytest.raises(ValidationError, match="Choose the force"):
        ForceAffiliation(user=user, body=Body.LOCAL_POLICING_BODY).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ForceAffiliation.objects.create(user=user, body=Body.FORCE, force=None)


def test_roles_of_the_cast(cast):
    users = cast.users
    assert [is_inspectorate(users[r]) for r in ("writer", "reader", "staff", "liaison", "outsider")] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert (force_of(users["liaison"]), force_of(users["outsider"]), force_of(users["writer"])) == (
        "metropolitan",
        "kent",
        None,
    )
    assert policing_body_of(users["liaison"]) is None
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert (is_inspectorate(anonymous), force_of(anonymous), policing_body_of(anonymous)) == (
        False,
        None,
        None,
    )


# Moving someone whose places then no longer count ----------------------------------------------


def test_moving_someone_says_which_places_no_longer_count(cast, staff):
    writer = User.objects.get(username="writer")
    response = staff.post(_url("person", username="writer"), _edit(writer, body="force", force="kent"))
    assert response.status_code == 302
    page = staff.get(response["Location"]).content.decode()
    assert "These places of writer no longer count, and are kept on record" in page
    lapsed = page[page.index('id="lapsed"') :]
    for reference in ("MPS-DRAFT", "MPS-FACTUAL", "MPS-PUBLISHED"):
        assert reference in lapsed
    assert "(lead inspector): no longer of the inspectorate" in lapsed
    document = PersonPage.model_validate(staff.get(_url("person", "json", username="writer")).json())
    assert {(p.inspection, p.place, p.reason) for p in document.lapsed} == {
        (reference, "team", "no longer of the inspectorate")
        for reference in ("MPS-DRAFT", "MPS-FACTUAL", "MPS-PUBLISHED")
    }
    # Kept, not removed: moved back, they count again.
    assert writer.team_places.count() == 3
    writer = User.objects.get(username="writer")
    staff.post(_url("person", username="writer"), _edit(writer, body="inspectorate", force=""))
    document = PersonPage.model_validate(staff.get(_url("person", "json", username="writer")).json())
    assert document.lapsed == []


def test_a_liaison_moved_to_another_force_is_told_of_their_invitation(cast, staff):
    liaison = User.objects.get(username="liaison")
    response = staff.post(_url("person", username="liaison"), _edit(liaison, force="kent"), follow=True)
    page = response.content.decode()
    assert "invited to MPS-FACTUAL (force liaison): no longer of the inspected force" in page
