"""The responses' public pages: the national list with its overdue flag and filter, a report's
response with the statement on each finding as the record prints it, the line on the report page,
the body's desk, and the twins of both pages."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspectorate.web.pages.twins import rows_to_csv
from inspectorate.web.responses.documents import InspectionResponsePage, ResponsesPage
from inspectorate.web.responses.services import record_response, record_statement

pytestmark = pytest.mark.django_db


def _rows(client: Client, query: str = "") -> dict[str, dict]:
    response = client.get(reverse("responses.json") + query)
    assert response.status_code == 200
    return {row["reference"]: row for row in response.json()["reports"]}


def test_a_report_run_here_60_days_ago_without_a_response_is_flagged_overdue(reports):
    row = _rows(Client())["MPS-RUN-HERE"]
    published = timezone.localdate() - datetime.timedelta(days=60)
    assert row["published_on"] == published.isoformat()
    assert row["due_on"] == (published + datetime.timedelta(days=55)).isoformat()
    assert (row["standing"], row["days"]) == ("overdue", 5)
    assert row["body"] == "Mayor's Office for Policing and Crime"
    page = Client().get(reverse("responses")).content.decode()
    assert 'Overdue</strong> <span class="govuk-body-s">by 5 days' in page


def test_a_report_published_elsewhere_or_before_the_56_days_is_not_recorded_never_overdue(reports):
    rows = _rows(Client())
    assert rows["MPS-IMPORTED"]["standing"] == "not-recorded"
    assert rows["MPS-IMPORTED"]["due_on"] is not None
    assert "does not hold" in rows["MPS-IMPORTED"]["note"]
    assert (rows["MPS-OLD"]["standing"], rows["MPS-OLD"]["due_on"]) == ("not-recorded", None)


def test_the_list_never_shows_drafts_embargoed_reports_or_exercises(reports, cast):
    for role in ("anonymous", "staff"):
        client = Client()
        if role == "staff":
            client.force_login(cast.users["staff"])
        listed = set(_rows(client))
        assert {"MPS-EMBARGOED", "MPS-EXERCISE", cast.draft.reference, cast.factual.reference}.isdisjoint(
            listed
        )


def test_the_overdue_filter_keeps_only_the_overdue(reports):
    assert set(_rows(Client(), "?overdue=1")) == {"MPS-RUN-HERE"}
    record_response(
        reports.run_here,
        published_on=timezone.localdate(),
        address="https://example.org/response",
        summary="The body accepts the findings.",
        by=None,
    )
    assert _rows(Client(), "?overdue=1") == {}
    row = _rows(Client())["MPS-RUN-HERE"]
    assert (row["standing"], row["days"]) == ("responded-late", 5)


def test_a_response_in_time_is_published_with_no_flag(reports):
    record_response(
        reports.run_here,
        published_on=reports.run_here.published_on + datetime.timedelta(days=55),
        address="https://example.org/response",
        summary="The body accepts the findings.",
        by=None,
    )
    row = _rows(Client())["MPS-RUN-HERE"]
    assert (row["standing"], row["days"]) == ("responded", None)


def test_the_response_page_prints_each_followed_finding_as_published_with_its_statement(reports):
    record_response(
        reports.run_here,
        published_on=timezone.localdate(),
        address="https://example.org/response",
        summary="The body accepts the findings.",
        by=None,
    )
    code = str(reports.findings["recommendation"].code)
    record_statement(reports.run_here, code, stance="partly-accepted", statement="Staff are hired.", by=None)
    data = Client().get(reverse("inspection-response.json", kwargs={"code": reports.run_here.code})).json()
    texts = {row["kind"]: row["text"] for row in data["statements"]}
    assert texts == {
        "cause-of-concern": "Calls are answered too slowly.",
        "recommendation": "Within six months, answer emergency calls within ten seconds.",
        "area-for-improvement": "Record victims' wishes.",
    }
    said = next(row for row in data["statements"] if row["finding"] == code)
    assert (said["stance"], said["statement"]) == ("partly-accepted", "Staff are hired.")
    assert data["response"]["address"] == "https://example.org/response"


def test_the_response_page_shows_what_the_record_prints_not_the_working_copy(reports):
    finding = reports.findings["improvement"]
    finding.text = "A change not yet published."
    finding.save()
    page = (
        Client().get(reverse("inspection-response", kwargs={"code": reports.run_here.code})).content.decode()
    )
    assert "Record victims&#x27; wishes." in page
    assert "not yet published" not in page


def test_the_report_page_says_when_the_response_is_due_and_that_it_is_overdue(reports):
    page = Client().get(reverse("inspection-report", kwargs={"code": reports.run_here.code})).content.decode()
    due = (reports.run_here.published_on + datetime.timedelta(days=55)).strftime("%-d %B %Y")
    assert "Response from Mayor&#x27;s Office for Policing and Crime:" in page
    assert f"due {due};" in page
    assert "Overdue</strong> by 5 days" in page


def test_the_report_page_says_not_recorded_for_an_imported_report(reports):
    page = Client().get(reverse("inspection-report", kwargs={"code": reports.imported.code})).content.decode()
    assert "not recorded." in page
    assert "Overdue" not in page


def test_the_report_under_embargo_says_nothing_of_a_response_to_its_invited_body(reports, cast):
    client = Client()
    client.force_login(cast.users["lpb"])
    page = client.get(reverse("inspection-report", kwargs={"code": reports.embargoed.code})).content.decode()
    assert "Embargoed until" in page
    assert "Response from" not in page


def test_the_body_s_desk_lists_the_responses_to_publish_with_their_due_dates(reports, cast):
    from inspectorate.web.front.desk import awaiting

    waiting = [item for item in awaiting(cast.users["lpb"]) if item.kind == "response-due"]
    # The cast's own published report came out today: due in 55 days, after the overdue one.
    assert [item.inspection for item in waiting] == ["MPS-RUN-HERE", cast.published.reference]
    assert "5 days overdue" in waiting[0].text
    due = (timezone.localdate() + datetime.timedelta(days=55)).strftime("%-d %B %Y")
    assert waiting[1].text.endswith(f"is due by {due}.")
    kent = [item.inspection for item in awaiting(cast.users["kent-lpb"]) if item.kind == "response-due"]
    assert kent == [cast.kent_published.reference]
    assert not [item for item in awaiting(cast.users["writer"]) if item.kind == "response-due"]


@pytest.mark.parametrize(
    ("name", "document"), [("responses", ResponsesPage), ("inspection-response", InspectionResponsePage)]
)
def test_the_twins_are_the_page_s_document(reports, name, document):
    kwargs = {"code": reports.run_here.code} if name == "inspection-response" else {}
    client = Client()
    data = client.get(reverse(f"{name}.json", kwargs=kwargs)).json()
    parsed = document.model_validate(data)
    assert parsed.to_json() == data
    csv = client.get(reverse(f"{name}.csv", kwargs=kwargs)).content.decode()
    assert csv == rows_to_csv(parsed.csv_rows())
    assert len(parsed.csv_rows()) >= 3


def test_a_report_from_before_the_local_policing_body_names_the_police_authority(reports):
    from inspectorate.web.inspections.models import Inspection, Origin, Status
    from inspectorate.web.reports.publishing import publish_as_published

    early = Inspection.objects.create(
        reference="MPS-2006",
        title="Baseline",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.PUBLISHED,
        published_on=datetime.date(2006, 10, 1),
        origin=Origin.FIXTURE,
    )
    publish_as_published(early)
    row = _rows(Client())["MPS-2006"]
    assert row["body"] == "Police authority for Metropolitan Police Service"
    assert (row["standing"], row["due_on"]) == ("not-recorded", None)
    assert "police authority" in row["note"]
