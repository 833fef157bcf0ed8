"""Recording a response and its statements: who may (staff, the inspected force's local policing
body), who may only read (403 on a change), what nobody may know of (404 for a report not public),
and what is refused (one line naming the field, nothing half written); every change audited."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspectorate.web.responses.models import LocalResponse, ResponseStatement
from inspectorate.web.responses.services import ResponseInputError, record_response, record_statement
from support.dates import date_fields

pytestmark = pytest.mark.django_db

ADDRESS = "https://www.london.gov.uk/example-response"


def _client(cast, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(cast.users[role])
    return client


def _response_post(day: datetime.date | None = None, **more: str) -> dict[str, str]:
    return {
        **date_fields("published_on", day or timezone.localdate()),
        "address": ADDRESS,
        "summary": "The body accepts every finding and sets out a plan.",
        **more,
    }


def _record(inspection) -> LocalResponse:
    return record_response(
        inspection, published_on=timezone.localdate(), address=ADDRESS, summary="Accepted.", by=None
    )


@pytest.mark.parametrize("role", ["lpb", "staff"])
def test_the_body_and_staff_record_the_response(reports, cast, role):
    client = _client(cast, role)
    url = reverse("response-record", kwargs={"code": reports.run_here.code})
    assert client.get(url).status_code == 200
    answer = client.post(url, _response_post())
    assert answer.status_code == 302
    recorded = LocalResponse.objects.get(inspection=reports.run_here)
    assert (recorded.address, recorded.recorded_by) == (ADDRESS, cast.users[role])
    assert LogEntry.objects.get_for_object(recorded).exists()
    page = client.get(reverse("inspection-response", kwargs={"code": reports.run_here.code})).content.decode()
    assert "Correct the response" in page


@pytest.mark.parametrize("role", ["writer", "reader", "kent-lpb", "liaison"])
def test_a_reader_may_read_the_response_but_not_record_it(reports, cast, role):
    client = _client(cast, role)
    page = client.get(reverse("inspection-response", kwargs={"code": reports.run_here.code}))
    assert page.status_code == 200
    assert "Record the response" not in page.content.decode()
    url = reverse("response-record", kwargs={"code": reports.run_here.code})
    assert client.post(url, _response_post()).status_code == 403
    assert client.get(url).status_code == 403
    statement = reverse("response-statement-new", kwargs={"code": reports.run_here.code})
    assert client.post(statement, {}).status_code == 403
    assert not LocalResponse.objects.filter(inspection=reports.run_here).exists()


def test_a_visitor_not_signed_in_reads_the_response_and_is_sent_to_sign_in_to_record(reports, cast):
    client = Client()
    assert (
        client.get(reverse("inspection-response", kwargs={"code": reports.run_here.code})).status_code == 200
    )
    answer = client.post(reverse("response-record", kwargs={"code": reports.run_here.code}), _response_post())
    assert answer.status_code == 302
    assert "login" in answer["Location"]
    assert not LocalResponse.objects.exists()


@pytest.mark.parametrize("which", ["draft", "embargoed", "exercise"])
@pytest.mark.parametrize("role", ["lpb", "staff", "anonymous", "outsider"])
def test_a_report_not_public_has_no_response_for_anyone(reports, cast, which, role):
    inspection = cast.draft if which == "draft" else getattr(reports, which)
    client = _client(cast, role)
    codes = {"code": inspection.code}
    for name in (
        "inspection-response",
        "inspection-response.json",
        "response-record",
        "response-statement-new",
    ):
        assert client.get(reverse(name, kwargs=codes)).status_code == 404, name
    assert client.post(reverse("response-record", kwargs=codes), _response_post()).status_code == 404
    with pytest.raises(Exception, match="not published"):
        _record(inspection)
    assert not LocalResponse.objects.exists()


def test_bad_input_is_refused_in_the_field_it_lies_in_and_nothing_is_kept(reports, cast):
    client = _client(cast, "lpb")
    url = reverse("response-record", kwargs={"code": reports.run_here.code})
    early = reports.run_here.published_on - datetime.timedelta(days=1)
    for post, field, message in (
        (_response_post(address="london.gov.uk/response"), "address", "Address: give the web address"),
        (_response_post(address="https://[::1"), "address", "Address: give the web address"),
        (_response_post(address="https://exa mple.org/r"), "address", "Address: give the web address"),
        (_response_post(early), "published_on", "is before the report was published"),
        (
            _response_post(timezone.localdate() + datetime.timedelta(days=2)),
            "published_on",
            "is in the future",
        ),
        (_response_post(summary="   "), "summary", "Enter a summary"),
    ):
        answer = client.post(url, post)
        assert answer.status_code == 200
        errors = answer.context["form"].errors
        assert message in " ".join(errors.get(field, [])), (field, errors)
    assert not LocalResponse.objects.exists()


def test_a_statement_is_recorded_on_a_followed_finding_of_the_published_record(reports, cast):
    _record(reports.run_here)
    client = _client(cast, "lpb")
    url = reverse("response-statement-new", kwargs={"code": reports.run_here.code})
    finding = reports.findings["recommendation"]
    form = client.get(url + f"?finding={finding.code}")
    assert form.status_code == 200
    choices = dict(form.context["form"].fields["finding"].choices)
    assert str(reports.findings["strength"].code) not in choices
    assert len(choices) == 3
    answer = client.post(
        url, {"finding": str(finding.code), "stance": "accepted", "statement": "Hiring more."}
    )
    assert answer.status_code == 302
    made = ResponseStatement.objects.get(finding=finding)
    assert (made.stance, made.statement) == ("accepted", "Hiring more.")
    # Again on the same finding: corrected, not doubled, and the change audited.
    client.post(url, {"finding": str(finding.code), "stance": "noted", "statement": "Noted only."})
    assert ResponseStatement.objects.get(finding=finding).stance == "noted"
    assert LogEntry.objects.get_for_object(made).count() == 2


@pytest.mark.parametrize("which", ["strength", "other-inspection", "unknown"])
def test_a_statement_only_on_a_cause_of_concern_recommendation_or_area_for_improvement(reports, cast, which):
    _record(reports.run_here)
    code = {
        "strength": str(reports.findings["strength"].code),
        "other-inspection": str(cast.findings["published"].code),
        "unknown": "0000",
    }[which]
    with pytest.raises(ResponseInputError, match="is not a cause of concern, recommendation") as refused:
        record_statement(reports.run_here, code, stance="accepted", statement="Yes.", by=None)
    assert refused.value.field == "finding"
    assert not ResponseStatement.objects.exists()


def test_a_finding_added_after_publication_takes_no_statement(reports, cast):
    from inspectorate.web.inspections.recording import save_finding
    from inspectorate.web.reports.publishing import open_correction

    _record(reports.run_here)
    # In the working copy of a correction not yet published: not in the published record.
    open_correction(reports.run_here, "A finding was left out")
    later = save_finding(
        reports.run_here, kind="area-for-improvement", area_ids=["prevention"], text="Later."
    )
    with pytest.raises(ResponseInputError, match="published report"):
        record_statement(reports.run_here, str(later.code), stance="noted", statement="Yes.", by=None)


def test_a_statement_needs_the_response_first_and_a_known_stance(reports):
    code = str(reports.findings["concern"].code)
    with pytest.raises(ResponseInputError, match="record the response itself first"):
        record_statement(reports.run_here, code, stance="accepted", statement="Yes.", by=None)
    _record(reports.run_here)
    with pytest.raises(ResponseInputError, match="Stance: 'agreed' is not one of") as refused:
        record_statement(reports.run_here, code, stance="agreed", statement="Yes.", by=None)
    assert refused.value.field == "stance"
