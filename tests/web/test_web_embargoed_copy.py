"""The report under embargo, for the inspection's invited contacts only (web/reports/record.py).

Once the report is published under embargo, the force's liaison and the local policing body invited
to the inspection read that version before the embargo ends, and every page of it says so: until
when, for whom, and that it may not be passed on. Everyone else sees nothing until then (the public
page cache included); afterwards everyone reads the published record as before.
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
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.reports.publishing import publish
from inspectorate.web.reports.record import embargoed_record
from inspectorate.web.reports.render import body, paper
from support.lifecycle import at_factual_accuracy

pytestmark = pytest.mark.django_db

NOTICE = "may not be passed on, published or quoted before then"
CONTACTS = ("liaison", "lpb")


@pytest.fixture
def embargoed(cast: Any) -> Any:
    """The cast's factual-accuracy inspection, with the local policing body invited, published under
    an embargo that ends in two days."""
    inspection = at_factual_accuracy(cast.factual)
    lpb = User.objects.create_user("lpb")
    ForceAffiliation.objects.create(user=lpb, body=Body.LOCAL_POLICING_BODY, force_id="metropolitan")
    InspectionContact.objects.create(inspection=inspection, user=lpb, role=ContactRole.LOCAL_POLICING_BODY)
    save_finding(
        inspection, kind="area-for-improvement", area_ids=["investigating"], text="Supervision is thin."
    )
    publish(inspection, cast.users["writer"], timezone.now() + datetime.timedelta(days=2))
    inspection.refresh_from_db()
    return inspection


def _client(cast: Any, who: str) -> Client:
    client = Client()
    if who == "lpb":
        client.force_login(User.objects.get(username="lpb"))
    elif who != "anonymous":
        client.force_login(cast.users[who])
    return client


def _url(inspection: Any, name: str) -> str:
    return reverse(name, kwargs={"code": inspection.code})


@pytest.mark.parametrize("who", CONTACTS)
def test_the_invited_contacts_read_the_embargoed_version_marked_on_every_page(cast, embargoed, who, reading):
    client = _client(cast, who)
    report = reading.html(client.get(_url(embargoed, "inspection-report")))
    assert "Embargoed until" in report and NOTICE in report
    assert "Supervision is thin." in report
    assert "Not published" not in report  # the version, not the draft
    document = client.get(_url(embargoed, "inspection-report.json")).json()
    assert NOTICE in document["embargo_notice"] and document["version"] == 1
    page = reading.html(client.get(_url(embargoed, "inspection")))
    assert 'id="embargo"' in page and NOTICE in page
    assert client.get(_url(embargoed, "inspection.json")).json()["report_versions"][0]["public"] is False


def test_the_notice_names_the_readers_organisation(cast, embargoed):
    liaison = embargoed_record(cast.users["liaison"], embargoed)
    lpb = embargoed_record(User.objects.get(username="lpb"), embargoed)
    assert liaison is not None and lpb is not None
    assert "for Metropolitan Police Service only" in (liaison[0].embargo_notice or "")
    # The local policing body's own name, as its organisation is recorded (MOPAC for London's).
    assert "for Mayor's Office for Policing and Crime only" in (lpb[0].embargo_notice or "")


def test_the_pdf_says_it_is_embargoed_on_every_page(cast, embargoed):
    found = embargoed_record(cast.users["liaison"], embargoed)
    assert found is not None
    context = found[0]
    printed = paper(context, body(context))
    # A running element, placed in the top margin of every page.
    assert '<div class="app-embargo-running">Embargoed until' in printed
    assert "position: running(embargo)" in printed and "element(embargo)" in printed
    # The version as published carries no notice, nor does its hash change.
    assert "embargo_notice" not in embargoed.report_versions.get().context


def test_the_pdf_of_the_marked_copy_is_its_own_and_never_the_versions(cast, embargoed):
    """A contact asking for the PDF is given the marked copy, printed for them (202 while it is)."""
    response = _client(cast, "liaison").get(_url(embargoed, "inspection-report-pdf"))
    assert response.status_code == 202


@pytest.mark.parametrize("who", ("outsider", "anonymous"))
def test_everyone_else_sees_nothing_before_the_embargo_ends(cast, embargoed, who):
    client = _client(cast, who)
    for name in ("inspection", "inspection-report", "inspection-report.json", "inspection-report-pdf"):
        assert client.get(_url(embargoed, name)).status_code == 404, name


def test_the_team_reads_the_working_copy_without_the_notice(cast, embargoed, reading):
    page = reading.html(_client(cast, "writer").get(_url(embargoed, "inspection-report")))
    assert NOTICE not in page
    version = reading.html(_client(cast, "writer").get(_url(embargoed, "inspection-report") + "?version=1"))
    assert NOTICE not in version


def test_the_public_cache_never_serves_the_embargoed_copy(cast, embargoed, later):
    anonymous = _client(cast, "anonymous")
    report = _url(embargoed, "inspection-report")
    assert _client(cast, "liaison").get(report).status_code == 200  # a contact's page is never kept
    first = anonymous.get(report)
    assert first.status_code == 404 and "X-Cache" not in first
    assert anonymous.get(report).status_code == 404
    later(3)  # the embargo has ended: everyone reads the version, unmarked
    public = anonymous.get(report)
    assert public.status_code == 200 and NOTICE not in public.content.decode()
    assert public["X-Cache"] == "miss"
    liaison = _client(cast, "liaison").get(report)
    assert liaison.status_code == 200 and NOTICE not in liaison.content.decode()
    assert embargoed_record(cast.users["liaison"], embargoed) is None
