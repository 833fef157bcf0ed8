"""The fieldwork plan (web/plan): who may see its requests and activities, and who may add, answer,
decide, withdraw and change them (docs/permissions.md)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from support.plan_requests import (
    ACTIVITY_FORM,
    ALL_ROLES,
    KEYS,
    REQUEST_FORM,
    activity_codes,
    request_codes,
)

pytestmark = pytest.mark.django_db


# Who sees what -------------------------------------------------------------------------------

SEES_PLAN = {
    "writer": set(KEYS),
    "reader": set(KEYS),
    "staff": set(KEYS),
    "liaison": {"draft", "factual"},  # invited to these two; never to the published one
    "outsider": set(),
    "anonymous": set(),
    "lpb": set(),
}
TEAM = {"writer", "reader", "staff"}


def _suffix(fmt: str) -> str:
    return "" if fmt == "html" else f".{fmt}"


@pytest.mark.parametrize("fmt", ("html", "json", "csv"))
@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_sees_the_plan_and_its_requests(cast, plan, client_for, role, key, fmt):
    client = client_for(role)
    expected = 200 if key in SEES_PLAN[role] else 404
    plan_url = reverse(f"plan{_suffix(fmt)}", kwargs={"code": cast.inspection(key).code})
    assert client.get(plan_url).status_code == expected
    request_url = reverse(f"plan-request{_suffix(fmt)}", kwargs=request_codes(cast, plan, key))
    assert client.get(request_url).status_code == expected


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_activities_are_the_teams_alone(cast, plan, client_for, role, key):
    client = client_for(role)
    response = client.get(reverse("plan-activity", kwargs=activity_codes(cast, plan, key)))
    assert response.status_code == (200 if role in TEAM else 404)


def test_the_liaison_reads_the_requests_without_activities_or_links_to_the_working_copy(
    cast, plan, client_for, reading
):
    liaison = client_for("liaison")
    data = reading.json(liaison.get(reverse("plan.json", kwargs={"code": cast.draft.code})))
    assert data["activities_shown"] is False and data["activities"] == []
    assert [r["title"] for r in data["requests"]] == [plan["requests"]["draft"].title]
    assert data["inspection"]["force_name"] == "Metropolitan Police Service"
    page = reading.html(liaison.get(reverse("plan-request", kwargs=request_codes(cast, plan, "draft"))))
    inspection_url = reverse("inspection", kwargs={"code": cast.draft.code})
    assert f'href="{inspection_url}"' not in page
    assert "Metropolitan Police Service" in page and "31 January 2099" in page and cast.draft.title in page
    assert "head of public protection" not in reading.html(
        liaison.get(reverse("plan", kwargs={"code": cast.draft.code}))
    )


def test_the_team_reads_the_activities(cast, plan, writer, reading):
    data = reading.json(writer.get(reverse("plan.json", kwargs={"code": cast.draft.code})))
    assert [a["title"] for a in data["activities"]] == ["Interview with the head of public protection"]
    rows = reading.csv(writer.get(reverse("plan.csv", kwargs={"code": cast.draft.code})))
    assert [row["item"] for row in rows] == ["request", "activity"]


# Who may change what -------------------------------------------------------------------------

WRITES = {"writer", "staff"}
ANSWERS = {"writer", "staff", "liaison"}


def _expected_change(role: str, key: str, allowed: set[str]) -> int:
    if key not in SEES_PLAN[role]:
        return 404
    if role in allowed and key == "draft":
        return 302
    return 403  # a reader, or a plan past fieldwork


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_adds_requests_and_activities(cast, plan, client_for, role, key):
    client = client_for(role)
    code = cast.inspection(key).code
    for name, form in (("plan-request-new", REQUEST_FORM), ("plan-activity-new", ACTIVITY_FORM)):
        url = reverse(name, kwargs={"code": code})
        response = client.post(url, form)
        if role == "anonymous":
            assert response.status_code == 302 and "/login" in response["Location"]
            continue
        assert response.status_code == _expected_change(role, key, WRITES), (name, response.status_code)
        got = client.get(url).status_code
        assert got == (
            200 if _expected_change(role, key, WRITES) == 302 else _expected_change(role, key, WRITES)
        )


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_answers_decides_and_withdraws(cast, plan, client_for, workspace, role, key):
    client = client_for(role)
    codes = request_codes(cast, plan, key)
    upload = SimpleUploadedFile("strategy.txt", b"Our strategy", content_type="text/plain")
    response = client.post(reverse("plan-request-answer", kwargs=codes), {"file": upload})
    assert response.status_code == _expected_change(role, key, ANSWERS)
    decided = client.post(reverse("plan-request-decide", kwargs=codes), {"decision": "accepted"})
    withdrawn = client.post(reverse("plan-request-withdraw", kwargs=codes), {"reason": "Not needed"})
    if role in WRITES and key == "draft":
        # A writer's own answer is accepted; nothing is left to withdraw.
        assert decided.status_code == 302 and withdrawn.status_code == 200
    else:
        assert decided.status_code == _expected_change(role, key, WRITES)
        assert withdrawn.status_code == _expected_change(role, key, WRITES)


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_changes_an_activity(cast, plan, client_for, role, key):
    client = client_for(role)
    response = client.post(reverse("plan-activity", kwargs=activity_codes(cast, plan, key)), ACTIVITY_FORM)
    expected = 404 if role not in TEAM else _expected_change(role, key, WRITES)
    assert response.status_code == expected


@pytest.mark.parametrize("name", ("plan-request-answer", "plan-request-decide", "plan-request-withdraw"))
def test_actions_refuse_a_get(cast, plan, writer, name):
    assert writer.get(reverse(name, kwargs=request_codes(cast, plan, "draft"))).status_code == 405


# Requests and their answers ----------------------------------------------------------------------
