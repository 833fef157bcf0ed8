"""The 403, 404 and 500 pages (front/errors.py): the site's look, plain words, a way back, twins that
answer in their own format, and never a hint of whether a hidden draft exists.

pytest-django runs with DEBUG off, as a server does, so these are the pages visitors get.
"""

from __future__ import annotations

import re
import sys
import types
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import path, reverse

from inspectorate.web import urls as site_urls
from inspectorate.web.front.errors import server_error
from inspectorate.web.inspections.models import Inspection, Status, TeamMember, TeamRole

ROLES = ("anonymous", "reader", "writer")
UNKNOWN = uuid.UUID("00000000-0000-4000-8000-000000000000")
SECRET_TITLE = "A draft nobody here may know of"


@pytest.fixture
def secret(cast: Any) -> Inspection:
    """A draft with nobody of the cast on its team: hidden from everyone but staff."""
    return Inspection.objects.create(
        reference="MPS-SECRET",
        title=SECRET_TITLE,
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
    )


def _page(client: Client, code: uuid.UUID, **headers: str) -> Any:
    return client.get(reverse("inspection", kwargs={"code": code}), headers=headers)


def _same_shape(body: str, code: uuid.UUID) -> str:
    """The page with what must differ from one request to the next taken out: the address asked
    for (in the sign-in links) and the signed-out form's CSRF token."""
    body = body.replace(str(code), "CODE")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)


def test_the_pages_are_checked_with_debug_off():
    assert django_settings.DEBUG is False


# 404 -----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_404_is_a_page_in_the_sites_look_with_a_way_home(cast, client_for, role):
    response = _page(client_for(role), UNKNOWN)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert '<header class="govuk-template__header' in body and "govuk/application.css" in body
    assert ">Page not found</h1>" in body
    assert ' href="/">Go to the home page</a>' in body
    assert ("Signed in as" in body) == (role != "anonymous")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_404_offers_sign_in_only_to_someone_not_signed_in(cast, client_for, role):
    body = _page(client_for(role), UNKNOWN).content.decode()
    offered = f' href="/login/?next=%2Finspections%2F{UNKNOWN}">Sign in</a>' in body
    assert offered == (role == "anonymous")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_404_leads_back_to_the_page_the_user_came_from_on_this_site(cast, client_for, role):
    body = _page(client_for(role), UNKNOWN, referer="http://testserver/forces?country=wales").content.decode()
    assert ' href="/forces?country=wales">Go back to the page you came from</a>' in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "referer",
    [
        "https://elsewhere.example/forces",
        "//elsewhere.example/forces",
        "javascript:alert(1)",
        f"http://testserver/inspections/{UNKNOWN}",  # the page itself: no way back
    ],
)
def test_a_404_never_leads_off_the_site_or_round_in_a_circle(cast, client_for, referer):
    body = _page(client_for("reader"), UNKNOWN, referer=referer).content.decode()
    assert "the page you came from" not in body
    assert "elsewhere.example" not in body and "javascript:" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_hidden_draft_answers_exactly_as_a_code_that_never_existed(cast, client_for, secret, role):
    client = client_for(role)
    hidden = _page(client, secret.code, referer="http://testserver/inspections")
    missing = _page(client, UNKNOWN, referer="http://testserver/inspections")
    assert hidden.status_code == missing.status_code == 404
    assert _same_shape(hidden.content.decode(), secret.code) == _same_shape(missing.content.decode(), UNKNOWN)
    assert secret.reference.encode() not in hidden.content
    assert SECRET_TITLE.encode() not in hidden.content


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_hidden_drafts_pages_404_without_its_reference_or_title(cast, client_for, secret, role):
    client = client_for(role)
    for name in ("inspection-report", "inspection-history", "inspection-audits", "inspection-reviews"):
        response = client.get(reverse(name, kwargs={"code": secret.code}))
        assert response.status_code == 404, name
        assert b">Page not found</h1>" in response.content
        assert secret.reference.encode() not in response.content
        assert SECRET_TITLE.encode() not in response.content


# The twins' 404 ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_json_twins_404_answers_json(cast, client_for, secret, role):
    client = client_for(role)
    for code in (secret.code, UNKNOWN):
        response = client.get(reverse("inspection.json", kwargs={"code": code}))
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"error": "not found"}


@pytest.mark.django_db
def test_an_address_that_matches_no_route_answers_json_when_it_ends_in_json(cast, client_for):
    response = client_for("anonymous").get("/no-such-page.json")
    assert response.status_code == 404
    assert response.json() == {"error": "not found"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_csv_twins_404_answers_plain_text(cast, client_for, secret, role):
    client = client_for(role)
    for code in (secret.code, UNKNOWN):
        response = client.get(reverse("inspection.csv", kwargs={"code": code}))
        assert response.status_code == 404
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert response.content == b"not found\n"


# 403 -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_readers_change_is_a_403_that_says_why_and_leads_back(cast, client_for):
    """The reader is the draft's moderator: they may read it, not change it."""
    url = reverse("area", kwargs={"code": cast.draft.code, "area_id": "responding"})
    response = client_for("reader").post(
        url, {"grade": "good"}, headers={"referer": f"http://testserver{url}"}
    )
    assert response.status_code == 403
    body = response.content.decode()
    assert '<header class="govuk-template__header' in body and ">Not allowed</h1>" in body
    assert "You may read this inspection but not change it." in body
    assert "Nothing was changed." in body
    assert f' href="{url}">Go back to the page you came from</a>' in body
    assert ' href="/">Go to the home page</a>' in body
    assert "/login/?next=" not in body.split('id="main-content"')[1]


@pytest.mark.django_db
def test_a_writer_who_is_not_the_lead_gets_a_403_for_publishing(cast, client_for):
    inspection = Inspection.objects.create(
        reference="MPS-INSPECTOR",
        title="Inspection the writer works on but does not lead",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FACTUAL_ACCURACY,
    )
    TeamMember.objects.create(inspection=inspection, user=cast.users["writer"], role=TeamRole.INSPECTOR)
    page = reverse("inspection", kwargs={"code": inspection.code})
    response = client_for("writer").post(
        reverse("report-publish", kwargs={"code": inspection.code}),
        {"embargo_until": "2030-01-01T09:30"},
        headers={"referer": f"http://testserver{page}"},
    )
    assert response.status_code == 403
    body = response.content.decode()
    assert "Only the inspection&#x27;s lead (or staff) publishes its report." in body
    assert f' href="{page}">Go back to the page you came from</a>' in body
    assert not inspection.report_versions.exists()


# A view that fails, for the 403 of a visitor not signed in and for the 500 ----------------------


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Only the inspection's team may do this.")


def _broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("something broke")


@pytest.fixture
def failing_site(settings: Any) -> Iterator[None]:
    """The site, with a few addresses that fail: a URL map of its own for these tests only."""
    name = "failing_site_urls"
    module = types.ModuleType(name)
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("forbidden/", _forbidden),
        path("forbidden.json", _forbidden),
        path("broken/", _broken),
        path("broken.json", _broken),
        path("broken.csv", _broken),
        *site_urls.urlpatterns,
    ]
    for code in (403, 404, 500):
        setattr(module, f"handler{code}", getattr(site_urls, f"handler{code}"))
    sys.modules[name] = module
    settings.ROOT_URLCONF = name
    yield
    del sys.modules[name]


@pytest.mark.django_db
def test_a_403_offers_someone_not_signed_in_to_sign_in(cast, client_for, failing_site):
    response = client_for("anonymous").get("/forbidden/", headers={"referer": "http://testserver/forces"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Only the inspection&#x27;s team may do this." in body
    assert "You are not signed in." in body
    assert ' href="/login/?next=%2Fforbidden%2F">Sign in</a>' in body
    assert ' href="/forces">Go back to the page you came from</a>' in body


@pytest.mark.django_db
def test_a_json_twins_403_answers_json(cast, client_for, failing_site):
    response = client_for("reader").get("/forbidden.json")
    assert response.status_code == 403
    assert response.json() == {"error": "forbidden"}


# 500 -----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_a_500_is_a_plain_page_in_the_sites_look_with_a_way_back(cast, client_for, failing_site, role):
    client = client_for(role)
    client.raise_request_exception = False
    response = client.get("/broken/", headers={"referer": "http://testserver/grades"})
    assert response.status_code == 500
    body = response.content.decode()
    assert '<link rel="stylesheet" href="/static/govuk/application.css">' in body
    assert ">Something went wrong on our side</h1>" in body
    assert ' href="/grades">Go back to the page you came from</a>' in body
    assert ' href="/">Go to the home page</a>' in body
    assert "something broke" not in body  # nothing of the error itself
    assert "Signed in as" not in body  # it never asks who the user is


@pytest.mark.django_db
def test_a_twins_500_answers_in_its_format(cast, client_for, failing_site):
    client = client_for("anonymous")
    client.raise_request_exception = False
    response = client.get("/broken.json")
    assert (response.status_code, response.json()) == (500, {"error": "server error"})
    response = client.get("/broken.csv")
    assert (response.status_code, response.content) == (500, b"server error\n")
    assert response["Content-Type"] == "text/plain; charset=utf-8"


def test_the_500_page_needs_no_database_and_no_user():
    """No django_db mark: any query would fail the test. The request has no user or session."""
    request = RequestFactory().get("/inspections", headers={"referer": "http://testserver/forces"})
    response = server_error(request)
    assert response.status_code == 500
    assert b' href="/forces">Go back to the page you came from</a>' in response.content


def test_the_500_page_renders_for_a_request_from_a_host_it_does_not_serve():
    request = RequestFactory().get(
        "/inspections", headers={"host": "elsewhere.example", "referer": "http://elsewhere.example/forces"}
    )
    response = server_error(request)
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"the page you came from" not in response.content
