"""A version read under embargo is embargoed, not published, for those who read it before it ends
(web/reports/record.py): the invited contacts' homes ("Your inspections", "Recent inspections"), the
inspection page's status and publication date, and the report's header say it is under embargo until
when, never that it is published; once the embargo ends they say published. The publishing form
says who reads a version before its embargo ends.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspectorate.web.accounts.models import Body, ForceAffiliation
from inspectorate.web.inspections.models import ContactRole, InspectionContact
from inspectorate.web.reports.publishing import publish
from inspectorate.web.reports.record import embargo_time, summary_for
from support.lifecycle import at_factual_accuracy

pytestmark = pytest.mark.django_db

CONTACTS = ("liaison", "lpb")


@pytest.fixture
def embargoed(cast: Any) -> Any:
    """The cast's factual-accuracy inspection, with the local policing body invited, published under
    an embargo that ends in two days."""
    inspection = at_factual_accuracy(cast.factual)
    lpb = User.objects.create_user("lpb")
    ForceAffiliation.objects.create(user=lpb, body=Body.LOCAL_POLICING_BODY, force_id="metropolitan")
    InspectionContact.objects.create(inspection=inspection, user=lpb, role=ContactRole.LOCAL_POLICING_BODY)
    publish(inspection, cast.users["writer"], timezone.now() + datetime.timedelta(days=2))
    inspection.refresh_from_db()
    return inspection


def _user(cast: Any, who: str) -> User:
    return User.objects.get(username="lpb") if who == "lpb" else cast.users[who]


def _client(cast: Any, who: str) -> Client:
    client = Client()
    client.force_login(_user(cast, who))
    return client


def _until(inspection: Any) -> str:
    return embargo_time(inspection.report_versions.get().embargo_until)


@pytest.mark.parametrize("who", CONTACTS)
def test_the_contacts_lists_say_embargoed_not_published(cast, embargoed, who):
    assert summary_for(_user(cast, who), embargoed).status == "embargoed"
    home = _client(cast, who).get(reverse("home.json")).json()
    mine = {row["reference"]: row for row in home["mine"]}
    assert mine[embargoed.reference]["status"] == "embargoed"
    assert mine[embargoed.reference]["published"] is None
    recent = {row["reference"]: row for row in home["recent_inspections"]}
    if embargoed.reference in recent:
        assert recent[embargoed.reference]["status"] == "embargoed"
    listed = _client(cast, who).get(reverse("inspections.json")).json()
    assert {row["reference"]: row["status"] for row in listed["inspections"]}[
        embargoed.reference
    ] == "embargoed"


@pytest.mark.parametrize("who", CONTACTS)
def test_the_inspection_page_says_under_embargo_until_when(cast, embargoed, who, reading):
    client = _client(cast, who)
    document = client.get(reverse("inspection.json", kwargs={"code": embargoed.code})).json()
    assert (document["status"], document["published"], document["published_on"]) == ("embargoed", None, None)
    page = reading.html(client.get(reverse("inspection", kwargs={"code": embargoed.code})))
    facts = page.split('id="facts"', 1)[1].split("</dl>", 1)[0]
    assert ">Embargoed</strong>" in facts and ">Published</strong>" not in facts
    assert f"Not yet: under embargo until {_until(embargoed)} (UK time)" in facts


@pytest.mark.parametrize("who", CONTACTS)
def test_the_report_header_says_under_embargo_not_published(cast, embargoed, who, reading):
    client = _client(cast, who)
    report = reading.html(client.get(reverse("inspection-report", kwargs={"code": embargoed.code})))
    cover = report.split('class="app-report__cover"', 1)[1].split("</div>", 1)[0]
    assert f"Under embargo until {_until(embargoed)} (UK time): not yet published" in cover
    assert "Published " not in cover
    document = client.get(reverse("inspection-report.json", kwargs={"code": embargoed.code})).json()
    assert document["status"] == "embargoed"


@pytest.mark.parametrize("who", CONTACTS)
def test_once_the_embargo_has_ended_they_read_published(cast, embargoed, who, reading, later):
    later(3)
    client = _client(cast, who)
    document = client.get(reverse("inspection.json", kwargs={"code": embargoed.code})).json()
    assert document["status"] == "published" and document["published"]
    report = reading.html(client.get(reverse("inspection-report", kwargs={"code": embargoed.code})))
    assert "Under embargo" not in report and f"Published {document['published']}" in report


def test_the_version_as_frozen_is_unchanged_by_the_copy_read_under_embargo(cast, embargoed):
    # The contacts' copy says embargoed; the version itself, and what everyone reads once it is
    # public, says published.
    assert embargoed.report_versions.get().context["status"] == "published"


def test_the_publishing_form_says_who_reads_it_before_the_embargo_ends(cast, reading):
    inspection = at_factual_accuracy(cast.factual)
    page = reading.html(_client(cast, "writer").get(reverse("inspection", kwargs={"code": inspection.code})))
    form = page.split('id="publishing"', 1)[1]
    assert "Only the team sees it" not in form
    assert "the force's liaison and the local policing body invited to the inspection" in form
    assert "not to be passed on" in form
