"""The fieldwork plan (web/plan): the liaison's answers (a data return loaded exactly as
`inspectorate data load` loads it, or refused as it refuses it, with nothing kept), the team's
decisions, the files the force sent, and the checks the service shares with the forms."""

from __future__ import annotations

import datetime
import html as markup
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from inspectorate.core.data.store import DataStore
from inspectorate.core.workspace import data_store_dir, files_dir
from inspectorate.web.pages.twins import TWIN_ROUTES, rows_to_csv
from inspectorate.web.plan.models import Activity, ForceRequest, RequestAnswer
from inspectorate.web.plan.services import RequestStatus, request_status
from inspectorate.web.plan.state import outstanding_requests
from support.cli import run_in_process
from support.plan_requests import (
    ACTIVITY_FORM,
    ALL_ROLES,
    BROKEN,
    GOOD,
    HEADER,
    REQUEST_FORM,
    activity_codes,
    data_request,
    kept_files,
    request_codes,
    send_file,
)

pytestmark = pytest.mark.django_db


def test_a_data_return_is_loaded_into_the_forces_return_and_its_file_kept(cast, plan, client_for, workspace):
    force_request = data_request(cast)
    response = send_file(client_for("liaison"), cast, force_request, "calls.csv", GOOD)
    assert response.status_code == 302, response.content.decode()[-2000:]
    answer = RequestAnswer.objects.get(request=force_request)
    assert (answer.outcome, answer.dataset, answer.rows, answer.months) == (
        "loaded",
        "metropolitan/return",
        2,
        ["2021-02"],
    )
    kept = files_dir(workspace) / answer.sha256[:2] / answer.sha256
    assert kept.read_text() == GOOD
    dataset = DataStore(data_store_dir(workspace)).dataset("metropolitan", "return")
    assert dataset is not None and dataset.rows("calls") == 2
    assert request_status(force_request) == RequestStatus.ANSWERED


def _cli_errors(tmp_path: Path, name: str, text: str) -> list[str]:
    folder = tmp_path / "cli"
    (folder / "workspace").mkdir(parents=True)
    path = folder / name
    path.write_text(text)
    result = run_in_process(("data", "load", path, "--force", "metropolitan", "-w", folder / "workspace"))
    assert result.returncode == 1, result
    return [line.removeprefix("error: ") for line in result.error_lines]


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_data_return_is_refused_as_the_cli_refuses_it_and_nothing_is_kept(
    cast, plan, client_for, workspace, tmp_path, reading, name
):
    force_request = data_request(cast)
    store = DataStore(data_store_dir(workspace))
    send_file(client_for("liaison"), cast, force_request, "calls.csv", GOOD)
    catalog_before = store.catalog_file.read_bytes()
    files_before = kept_files(workspace)

    response = send_file(client_for("liaison"), cast, force_request, name, BROKEN[name])

    assert response.status_code == 200
    page = reading.html(response)
    expected = _cli_errors(tmp_path, name, BROKEN[name])
    assert expected and all(line.startswith(f"{name}:") for line in expected)
    summary = page.split('class="govuk-list govuk-error-summary__list refused">')[1].split("</ul>")[0]
    shown = [markup.unescape(item.split('">', 1)[1].split("</a>")[0]) for item in summary.split("<li>")[1:]]
    assert shown == expected
    assert store.catalog_file.read_bytes() == catalog_before
    assert kept_files(workspace) == files_before
    refused = RequestAnswer.objects.filter(request=force_request, outcome="refused").get()
    assert refused.sha256 == "" and refused.original_name == name
    assert [p["file"] for p in refused.problems] == [name] * len(refused.problems)
    assert all(p["line"] for p in refused.problems)
    # Each kept problem, printed, is the line the command prints (without its last words).
    log = reading.json(
        client_for("writer").get(
            reverse("plan-request.json", kwargs={"code": cast.draft.code, "request_code": force_request.code})
        )
    )
    assert [line.removesuffix(" (nothing was loaded)") for line in expected] == log["log"][-1]["problems"]
    # The refusal answers nothing: the earlier loaded file still awaits the team.
    assert request_status(force_request) == RequestStatus.ANSWERED


def test_the_refused_fields_are_located(cast, plan, client_for, workspace):
    force_request = data_request(cast)
    send_file(client_for("liaison"), cast, force_request, "bad-date.csv", BROKEN["bad-date.csv"])
    (problem,) = RequestAnswer.objects.get(request=force_request).problems
    assert (problem["file"], problem["line"], problem["field"]) == ("bad-date.csv", 3, "received_at")
    send_file(client_for("liaison"), cast, force_request, "wrong-header.csv", BROKEN["wrong-header.csv"])
    header = RequestAnswer.objects.filter(request=force_request).last()
    assert header is not None
    assert [(p["line"], p["field"]) for p in header.problems] == [(1, "header")]


def test_a_returned_answer_asks_again_and_an_accepted_one_ends_the_request(cast, plan, client_for, workspace):
    force_request = data_request(cast)
    writer, liaison = client_for("writer"), client_for("liaison")
    codes = {"code": cast.draft.code, "request_code": force_request.code}
    send_file(liaison, cast, force_request, "calls.csv", GOOD)
    no_note = writer.post(reverse("plan-request-decide", kwargs=codes), {"decision": "returned"})
    assert (
        no_note.status_code == 200 and "Enter a note saying what is still wanted" in no_note.content.decode()
    )
    writer.post(reverse("plan-request-decide", kwargs=codes), {"decision": "returned", "note": "March too"})
    assert request_status(force_request) == RequestStatus.RETURNED
    # The months already loaded: the corrected return replaces them, as `data load --replace` does.
    again = GOOD + "C,999,2021-02-02 10:00:00,,false\n"
    refused = send_file(liaison, cast, force_request, "calls-2.csv", again)
    assert "use --replace to supersede it" in refused.content.decode()
    assert send_file(liaison, cast, force_request, "calls-2.csv", again, replace="on").status_code == 302
    assert (
        writer.post(reverse("plan-request-decide", kwargs=codes), {"decision": "accepted"}).status_code == 302
    )
    assert request_status(force_request) == RequestStatus.ACCEPTED
    assert send_file(liaison, cast, force_request, "calls-3.csv", GOOD).status_code == 200  # takes no more


def test_a_request_past_its_date_is_overdue_until_answered(cast, plan, later):
    force_request = plan["requests"]["draft"]
    assert request_status(force_request) == RequestStatus.REQUESTED
    later(365 * 80)
    assert request_status(force_request) == RequestStatus.OVERDUE
    RequestAnswer.objects.create(
        request=force_request, original_name="s.pdf", outcome="received", sha256="0" * 64
    )
    assert request_status(force_request) == RequestStatus.ANSWERED


def test_outstanding_requests_are_neither_accepted_nor_withdrawn(cast, plan, writer, workspace):
    assert outstanding_requests(cast.draft) == 1
    codes = request_codes(cast, plan, "draft")
    writer.post(reverse("plan-request-withdraw", kwargs=codes), {"reason": "Found it published"})
    assert outstanding_requests(cast.draft) == 0
    withdrawn = ForceRequest.objects.get(pk=plan["requests"]["draft"].pk)
    assert request_status(withdrawn) == RequestStatus.WITHDRAWN


def test_every_change_is_in_the_audit_trail_with_who_made_it(cast, plan, client_for, workspace):
    writer, liaison = client_for("writer"), client_for("liaison")
    writer.post(reverse("plan-request-new", kwargs={"code": cast.draft.code}), REQUEST_FORM)
    made = ForceRequest.objects.get(title="Number of officers")
    send_file(liaison, cast, made, "officers.csv", "rank,count\n")
    codes = {"code": cast.draft.code, "request_code": made.code}
    writer.post(reverse("plan-request-decide", kwargs=codes), {"decision": "accepted"})
    writer.post(reverse("plan-activity-new", kwargs={"code": cast.draft.code}), ACTIVITY_FORM)
    answer = RequestAnswer.objects.get(request=made)
    activity = Activity.objects.get(title="Control room")
    entries = {
        (entry.content_type.model, entry.action, entry.actor.username if entry.actor else None)
        for entry in LogEntry.objects.filter(object_pk__in=[str(made.pk), str(answer.pk), str(activity.pk)])
    }
    assert {
        ("forcerequest", LogEntry.Action.CREATE, "writer"),
        ("requestanswer", LogEntry.Action.CREATE, "liaison"),
        ("requestanswer", LogEntry.Action.UPDATE, "writer"),
        ("activity", LogEntry.Action.CREATE, "writer"),
    } <= entries


def test_forms_sent_empty_show_their_errors(cast, plan, writer, reading):
    code = cast.draft.code
    for name in ("plan-request-new", "plan-activity-new"):
        response = writer.post(reverse(name, kwargs={"code": code}), {})
        assert response.status_code == 200
        assert "govuk-error-summary" in reading.html(response)
    response = writer.post(
        reverse("plan-request-new", kwargs={"code": code}),
        {**REQUEST_FORM, "due_on_day": "31", "due_on_month": "2"},
    )
    assert "The due date must be a real date" in reading.errors(response)


def test_the_twins_are_the_pages_documents(cast, plan, staff):
    for name, kwargs in (
        ("plan", {"code": cast.draft.code}),
        ("plan-request", request_codes(cast, plan, "draft")),
        ("plan-activity", activity_codes(cast, plan, "draft")),
    ):
        document_type = TWIN_ROUTES[name].document
        data = staff.get(reverse(f"{name}.json", kwargs=kwargs)).json()
        document = document_type.model_validate(data)
        assert document.to_json() == data
        assert staff.get(reverse(f"{name}.csv", kwargs=kwargs)).content.decode() == rows_to_csv(
            document.csv_rows()
        )


# A failure after the load leaves nothing half done ------------------------------------------------


def test_a_record_that_cannot_be_saved_takes_its_load_and_its_file_back(
    cast, plan, client_for, workspace, monkeypatch
):
    force_request = data_request(cast)
    store = DataStore(data_store_dir(workspace))
    liaison = client_for("liaison")
    # A return already loaded, so that the store's state before the failure has something in it.
    assert send_file(liaison, cast, force_request, "calls.csv", GOOD).status_code == 302
    before = store.dataset("metropolitan", "return")
    assert before is not None
    files_before = kept_files(workspace)
    answers_before = RequestAnswer.objects.count()
    real_save = RequestAnswer.save

    def failing_save(self: RequestAnswer, *args: Any, **kwargs: Any) -> None:
        if self.outcome == "loaded":
            raise RuntimeError("the database went away")
        real_save(self, *args, **kwargs)

    monkeypatch.setattr(RequestAnswer, "save", failing_save)
    march = HEADER + "M,999,2021-03-01 10:00:00,,false\n"
    liaison.raise_request_exception = True
    with pytest.raises(RuntimeError, match="the database went away"):
        send_file(liaison, cast, force_request, "calls-march.csv", march)
    after = store.dataset("metropolitan", "return")
    assert after is not None and after.batches == before.batches  # no new batch
    assert after.months("calls") == ("2021-02",)
    assert kept_files(workspace) == files_before  # nor its file
    assert RequestAnswer.objects.count() == answers_before


def test_a_first_load_taken_back_leaves_no_dataset(cast, plan, workspace, monkeypatch, tmp_path):
    from inspectorate.web.plan.services import answer_request

    force_request = data_request(cast)

    def failing_save(self: RequestAnswer, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("no database")

    monkeypatch.setattr(RequestAnswer, "save", failing_save)
    sent = tmp_path / "calls.csv"
    sent.write_text(GOOD)
    with pytest.raises(RuntimeError):
        answer_request(force_request, sent, name="calls.csv")
    assert DataStore(data_store_dir(workspace)).dataset("metropolitan", "return") is None
    assert kept_files(workspace) == []


# The files the force sent ------------------------------------------------------------------------

READS_FILES = {"writer", "reader", "staff", "liaison"}


@pytest.fixture
def sent(cast, plan, workspace) -> RequestAnswer:
    """A document the liaison sent in answer to the draft's request, and a refused data return."""
    from inspectorate.web.plan.services import answer_request

    source = workspace.parent / "strategy.html"
    source.write_text("<script>alert('sniffed')</script>")
    return answer_request(plan["requests"]["draft"], source, name="strategy.html", by=cast.users["liaison"])


def _download(cast: Any, answer: RequestAnswer) -> str:
    return reverse(
        "plan-answer-download",
        kwargs={"code": cast.draft.code, "request_code": answer.request.code, "answer_code": answer.code},
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_downloads_a_file_the_force_sent(cast, plan, client_for, sent, role):
    response = client_for(role).get(_download(cast, sent))
    assert response.status_code == (200 if role in READS_FILES else 404)
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == b"<script>alert('sniffed')</script>"
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="strategy.html"' in response["Content-Disposition"]
        assert response["Content-Type"] == "application/octet-stream"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"


def test_a_download_is_found_by_its_answer_in_its_own_request_only(cast, plan, client_for, sent, workspace):
    writer = client_for("writer")
    # Another inspection's request with the same answer code in its address: not found.
    elsewhere = reverse(
        "plan-answer-download",
        kwargs={
            "code": cast.factual.code,
            "request_code": plan["requests"]["factual"].code,
            "answer_code": sent.code,
        },
    )
    assert writer.get(elsewhere).status_code == 404
    refused = RequestAnswer.objects.create(
        request=sent.request, original_name="broken.csv", outcome="refused", problems=[]
    )
    assert writer.get(_download(cast, refused)).status_code == 404  # its bytes were never kept
    assert writer.post(_download(cast, sent)).status_code == 405


def test_the_request_page_links_each_kept_file(cast, plan, client_for, sent, reading):
    codes = request_codes(cast, plan, "draft")
    page = reading.html(client_for("liaison").get(reverse("plan-request", kwargs=codes)))
    assert f'href="{_download(cast, sent)}"' in page and "Download strategy.html" in page
    log = reading.json(client_for("writer").get(reverse("plan-request.json", kwargs=codes)))["log"]
    assert log[-1]["download"] == _download(cast, sent)


# The form's checks, in the service: the pages and the CLI refuse alike ---------------------------


def test_the_service_refuses_what_the_forms_refuse(cast, plan, workspace, tmp_path, monkeypatch):
    from inspectorate.web.plan import services

    force_request = data_request(cast)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(services.PlanInputError, match=r"^file: empty.csv is empty$") as caught:
        services.answer_request(force_request, empty, name="empty.csv")
    assert caught.value.field == "file"
    notes = tmp_path / "calls.txt"
    notes.write_text(GOOD)
    with pytest.raises(services.PlanInputError, match=r"^file: calls.txt: a data return is a .csv"):
        services.answer_request(force_request, notes, name="calls.txt")
    monkeypatch.setattr(services, "ANSWER_MAX_BYTES", 10)
    big = tmp_path / "calls.csv"
    big.write_text(GOOD)
    with pytest.raises(services.PlanInputError, match=r"^file: calls.csv is larger than 512 MB"):
        services.answer_request(force_request, big, name="calls.csv")
    assert not RequestAnswer.objects.filter(request=force_request).exists()
    assert kept_files(workspace) == []
    due = datetime.date(2099, 1, 1)
    for field, more in (
        ("title", {"title": "T" * (services.TITLE_MAX + 1)}),
        ("detail", {"title": "T", "detail": "D" * (services.DETAIL_MAX + 1)}),
    ):
        with pytest.raises(services.PlanInputError, match=rf"^{field}: at most") as caught:
            services.add_request(cast.draft, kind="document", due_on=due, **more)
        assert caught.value.field == field
    with pytest.raises(services.PlanInputError, match=r"^reason: at most 2,000 characters"):
        services.withdraw_request(force_request, "R" * 2001)
    answer = RequestAnswer.objects.create(request=force_request, original_name="a.csv", outcome="loaded")
    with pytest.raises(services.PlanInputError, match=r"^note: at most 2,000 characters"):
        services.decide(answer, "accepted", "N" * 2001)


def test_a_due_date_in_the_past_is_refused_at_its_field(cast, plan, writer, reading):
    response = writer.post(
        reverse("plan-request-new", kwargs={"code": cast.draft.code}),
        {**REQUEST_FORM, "due_on_day": "1", "due_on_month": "1", "due_on_year": "1990"},
    )
    assert response.status_code == 200
    page = reading.html(response)
    assert "due date: 1 January 1990 is in the past" in reading.errors(response)
    assert 'href="#due_on' in page or 'href="#id_due_on' in page  # the summary leads to the field
    assert not ForceRequest.objects.filter(title=REQUEST_FORM["title"]).exists()


def test_a_due_date_of_today_is_taken(cast, plan):
    from django.utils import timezone

    from inspectorate.web.plan.services import add_request

    made = add_request(cast.draft, kind="document", title="Today", due_on=timezone.localdate())
    assert made.due_on == timezone.localdate()


# Words, not slugs -------------------------------------------------------------------------------


def test_the_plan_shows_kinds_and_times_as_people_write_them(cast, plan, client_for, workspace, reading):
    force_request = data_request(cast)
    send_file(client_for("liaison"), cast, force_request, "calls.csv", GOOD)
    writer = client_for("writer")
    page = reading.html(writer.get(reverse("plan", kwargs={"code": cast.draft.code})))
    table = page.split('id="request-table"')[1].split("</table>")[0]
    assert '<td class="govuk-table__cell">Data return</td>' in table and "data-return" not in table
    activities = page.split('id="activity-table"')[1].split("</table>")[0]
    assert '<td class="govuk-table__cell">Interview</td>' in activities
    data = reading.json(writer.get(reverse("plan.json", kwargs={"code": cast.draft.code})))
    assert {(r["kind"], r["kind_label"]) for r in data["requests"]} >= {("data-return", "Data return")}
    codes = {"code": cast.draft.code, "request_code": force_request.code}
    log = reading.json(writer.get(reverse("plan-request.json", kwargs=codes)))["log"]
    sent_at = datetime.datetime.fromisoformat(log[0]["uploaded_at"])  # the twin keeps ISO 8601
    request_page = reading.html(writer.get(reverse("plan-request", kwargs=codes)))
    assert f"{sent_at.strftime('%-d %B %Y')} at {sent_at.strftime('%H:%M')} by liaison" in request_page
    assert log[0]["uploaded_at"][:16] not in request_page


def test_a_data_returns_upload_form_states_the_format(cast, plan, client_for, reading):
    force_request = data_request(cast)
    codes = {"code": cast.draft.code, "request_code": force_request.code}
    page = reading.html(client_for("liaison").get(reverse("plan-request", kwargs=codes)))
    assert 'id="return-format"' in page
    assert "call_id, channel, received_at, answered_at, abandoned" in page
    assert "inspectorate data schema" in page
    document = reading.html(
        client_for("liaison").get(reverse("plan-request", kwargs=request_codes(cast, plan, "draft")))
    )
    assert 'id="answer-form"' in document and 'id="return-format"' not in document
