"""The factual-accuracy check (web/factcheck): the force's liaison comments on the draft report, the
team answers each comment, and the log is kept for both, never for anyone else.

Every page and POST is tried by each of: the invited liaison, the local policing body (invited, but
not to the check), the lead, an inspector, the moderator, another force's liaison, the public and staff.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from inspectorate.web.factcheck.checking import add_comment, answer_comment
from inspectorate.web.factcheck.models import Answer, Comment, Decision
from inspectorate.web.factcheck.state import unanswered_comments
from inspectorate.web.factcheck.targets import find_target
from inspectorate.web.inspections.models import ContactRole, InspectionContact, Status, TeamMember, TeamRole
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.pages.documents import PageDocument
from inspectorate.web.pages.twins import TWIN_ROUTES, rows_to_csv
from inspectorate.web.reports.build import report_context
from inspectorate.web.reports.publishing import publish

pytestmark = pytest.mark.django_db

# Who: the cast's users (writer leads, reader moderates), and two made here.
WHO = ("liaison", "lpb", "writer", "inspector", "reader", "outsider", "anonymous", "staff")
READS = {"liaison", "writer", "inspector", "reader", "staff"}
COMMENTS = {"liaison"}
ANSWERS = {"writer", "inspector", "staff"}


@pytest.fixture
def people(cast: Any) -> dict[str, User]:
    """The cast's users, with an inspector on the team and the local policing body invited."""
    cast.factual.refresh_from_db()  # as the database has it, whatever an earlier test did in memory
    users = dict(cast.users)
    users["inspector"] = User.objects.create_user("inspector")
    users["lpb"] = User.objects.create_user("lpb")
    TeamMember.objects.create(inspection=cast.factual, user=users["inspector"], role=TeamRole.INSPECTOR)
    InspectionContact.objects.create(
        inspection=cast.factual, user=users["lpb"], role=ContactRole.LOCAL_POLICING_BODY
    )
    return users


def _client(people: dict[str, User], who: str) -> Client:
    client = Client()
    if who != "anonymous":
        client.force_login(people[who])
    return client


@pytest.fixture
def comment(cast: Any, people: dict[str, User]) -> Comment:
    return add_comment(cast.factual, people["liaison"], f"finding:{cast.findings['factual'].code}", "Not so.")


def _log(inspection: Any, fmt: str = "html") -> str:
    name = "factual-accuracy" if fmt == "html" else f"factual-accuracy.{fmt}"
    return reverse(name, kwargs={"code": inspection.code})


def _one(comment: Comment, fmt: str = "html") -> str:
    name = "factual-accuracy-comment" if fmt == "html" else f"factual-accuracy-comment.{fmt}"
    return reverse(name, kwargs={"code": comment.inspection.code, "comment_code": comment.code})


def _answer_url(comment: Comment) -> str:
    return reverse(
        "factual-accuracy-answer", kwargs={"code": comment.inspection.code, "comment_code": comment.code}
    )


def _add_url(inspection: Any) -> str:
    return reverse("factual-accuracy-comment-add", kwargs={"code": inspection.code})


# Reading -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("fmt", ["html", "json", "csv"])
def test_the_log_and_a_comment_are_read_by_the_team_staff_and_the_liaison_only(
    cast, people, comment, who, fmt
):
    client = _client(people, who)
    expected = 200 if who in READS else 404
    assert client.get(_log(cast.factual, fmt)).status_code == expected
    assert client.get(_one(comment, fmt)).status_code == expected


@pytest.mark.parametrize("who", WHO)
def test_the_log_of_an_inspection_before_its_check_is_the_teams_only(cast, people, who):
    InspectionContact.objects.create(inspection=cast.draft, user=people["liaison"], role=ContactRole.LIAISON)
    expected = 200 if who in {"writer", "reader", "staff"} else 404
    assert _client(people, who).get(_log(cast.draft)).status_code == expected


def test_an_uninvited_liaison_of_the_force_does_not_read_the_log(cast, people):
    """Being of the force is not enough: the published inspection's log is for the invited liaison."""
    assert _client(people, "liaison").get(_log(cast.published)).status_code == 404


def test_a_comment_of_another_inspection_is_not_found(cast, people, comment):
    url = reverse("factual-accuracy-comment", kwargs={"code": cast.draft.code, "comment_code": comment.code})
    assert _client(people, "writer").get(url).status_code == 404


# Commenting ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", WHO)
def test_only_the_invited_liaison_comments_at_the_check(cast, people, who):
    finding = cast.findings["factual"]
    data = {"on": f"finding:{finding.code}", "text": "The figure was 12, not 21."}
    response = _client(people, who).post(_add_url(cast.factual), data)
    if who in COMMENTS:
        assert response.status_code == 302
        made = Comment.objects.get(inspection=cast.factual)
        assert (made.target_kind, made.target, made.quoted) == ("finding", str(finding.code), finding.text)
        assert response["Location"].endswith(f"#comment-{made.code}")
    else:
        assert response.status_code == (403 if who in READS else 404)
        assert not Comment.objects.filter(inspection=cast.factual).exists()


def test_post_only_acts_refuse_a_get(cast, people, comment):
    client = _client(people, "liaison")
    assert client.get(_add_url(cast.factual)).status_code == 405
    assert _client(people, "writer").get(_answer_url(comment)).status_code == 405


def test_a_comment_with_no_text_or_an_unknown_part_comes_back_with_its_errors(cast, people, reading):
    client = _client(people, "liaison")
    response = client.post(_add_url(cast.factual), {"on": "finding:nope", "text": "  "})
    assert response.status_code == 200
    errors = reading.errors(response)
    assert "Enter your comment" in errors
    assert "Choose a part of the draft report" in errors
    assert "<title>Error: " in reading.html(response)
    assert not Comment.objects.exists()


def test_every_kind_of_part_is_quoted_as_the_draft_says_it(cast, people):
    report = report_context(cast.factual, with_numbers=False)
    area = report.areas[0].grade
    assert find_target(report, f"area:{area.area_id}").quoted.startswith(area.title)
    assert find_target(report, "general").quoted == ""
    with pytest.raises(Exception, match="no figure '99'"):
        find_target(report, "figure:99")
    with pytest.raises(Exception, match="names no part"):
        find_target(report, "chapter:2")


def test_the_quote_stays_as_it_was_when_the_draft_changes(cast, people, comment):
    finding = cast.findings["factual"]
    finding.text = "Rewritten since."
    finding.save()
    assert Comment.objects.get(pk=comment.pk).quoted == "A strength of MPS-FACTUAL"


def test_the_comment_form_is_filled_in_from_the_link(cast, people, reading):
    finding = cast.findings["factual"]
    page = reading.html(_client(people, "liaison").get(_log(cast.factual) + f"?on=finding:{finding.code}"))
    assert re.search(rf'<option value="finding:{finding.code}"\s+selected', page)
    # The team reads the log without the liaison's form.
    assert 'id="comment"' not in reading.html(_client(people, "writer").get(_log(cast.factual)))


def test_the_draft_report_links_each_part_to_the_comment_form_for_the_liaison_only(cast, people, reading):
    finding = save_finding(
        cast.factual, kind="area-for-improvement", area_ids=["investigating"], text="Supervision is thin."
    )
    url = reverse("inspection-report", kwargs={"code": cast.factual.code})
    page = reading.html(_client(people, "liaison").get(url))
    assert f'id="finding-{finding.code}"' in page
    assert f"?on=finding%3A{finding.code}#comment-form" in page
    for who in ("writer", "reader", "staff"):
        page = reading.html(_client(people, who).get(url))
        assert f'id="finding-{finding.code}"' in page
        assert "Comment on this" not in page


# Answering -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", WHO)
def test_the_teams_writers_and_staff_answer(cast, people, comment, who):
    data = {"decision": "accepted", "amendment": "Now says 12.", "reason": ""}
    response = _client(people, who).post(_answer_url(comment), data)
    if who in ANSWERS:
        assert response.status_code == 302
        answer = Answer.objects.get(comment=comment)
        assert (answer.decision, answer.amendment, answer.answered_by) == (
            "accepted",
            "Now says 12.",
            people[who],
        )
    else:
        assert response.status_code == (403 if who in READS else 404)
        assert not Answer.objects.exists()


def test_an_answer_needs_its_amendment_or_its_reason(cast, people, comment, reading):
    client = _client(people, "writer")
    errors = reading.errors(client.post(_answer_url(comment), {"decision": "accepted"}))
    assert "Say what was amended" in errors
    errors = reading.errors(client.post(_answer_url(comment), {"decision": "not-accepted"}))
    assert "Give the reason" in errors
    errors = reading.errors(client.post(_answer_url(comment), {}))
    assert "Choose whether the comment is accepted" in errors
    assert not Answer.objects.exists()


def test_a_comment_is_answered_once(cast, people, comment, reading):
    answer_comment(comment, people["writer"], Decision.NOT_ACCEPTED, reason="The report is right.")
    response = _client(people, "inspector").post(
        _answer_url(comment), {"decision": "accepted", "amendment": "Changed."}
    )
    assert response.status_code == 200
    assert "answered already, by writer" in reading.errors(response)
    assert Answer.objects.get(comment=comment).decision == "not-accepted"


def test_unanswered_comments_are_counted_for_the_lifecycle(cast, people, comment):
    assert unanswered_comments(cast.factual) == 1
    answer_comment(comment, people["staff"], Decision.ACCEPTED, amendment="Done.")
    assert unanswered_comments(cast.factual) == 0
    assert unanswered_comments(cast.draft) == 0


def test_comments_and_answers_are_in_the_audit_trail(cast, people):
    client = _client(people, "liaison")
    client.post(_add_url(cast.factual), {"on": "general", "text": "Dates are wrong throughout."})
    made = Comment.objects.get(inspection=cast.factual)
    _client(people, "writer").post(
        _answer_url(made), {"decision": "not-accepted", "reason": "They are right."}
    )
    entries = LogEntry.objects.filter(additional_data__comment=str(made.code)).order_by("timestamp")
    assert [(e.content_type.model, e.actor) for e in entries] == [
        ("comment", people["liaison"]),
        ("answer", people["writer"]),
    ]


# After the check -----------------------------------------------------------------------------


def test_after_publication_the_log_is_kept_for_the_liaison_and_the_team_and_closed(
    cast, people, comment, later
):
    answer_comment(comment, people["writer"], Decision.ACCEPTED, amendment="Now says 12.")
    publish(cast.factual, people["writer"], timezone.now() + datetime.timedelta(days=1))
    cast.factual.refresh_from_db()
    assert cast.factual.status == Status.EMBARGOED
    later(2)  # the embargo has ended: the report is public, the log is not
    for who in ("liaison", "writer", "reader", "staff"):
        document = _client(people, who).get(_log(cast.factual, "json")).json()
        assert document["open"] is False
        assert document["comments"][0]["answer"]["amendment"] == "Now says 12."
    for who in ("lpb", "outsider", "anonymous"):
        assert _client(people, who).get(_log(cast.factual)).status_code == 404
    more = _client(people, "liaison").post(_add_url(cast.factual), {"on": "general", "text": "One more."})
    assert more.status_code == 403


def test_the_log_page_shows_each_comment_with_its_answer(cast, people, comment, reading):
    answer_comment(comment, people["writer"], Decision.NOT_ACCEPTED, reason="The report is right.")
    page = reading.html(_client(people, "liaison").get(_log(cast.factual)))
    assert "Not so." in page and "The report is right." in page and "A strength of MPS-FACTUAL" in page
    rows = reading.csv(_client(people, "liaison").get(_log(cast.factual, "csv")))
    assert [(r["text"], r["decision"], r["answered_by"]) for r in rows] == [
        ("Not so.", "not-accepted", "writer")
    ]


@pytest.mark.parametrize("name", ["factual-accuracy", "factual-accuracy-comment"])
def test_the_pages_twins_are_their_document(cast, people, comment, name):
    """The page contract (tests/web/test_web_page_contract.py) for the check's pages."""
    kwargs: dict[str, Any] = {"code": cast.factual.code}
    if name == "factual-accuracy-comment":
        kwargs["comment_code"] = comment.code
    document_type: type[PageDocument] = TWIN_ROUTES[name].document
    client = _client(people, "staff")
    data = client.get(reverse(f"{name}.json", kwargs=kwargs)).json()
    document = document_type.model_validate(data)
    assert document.to_json() == data
    csv = client.get(reverse(f"{name}.csv", kwargs=kwargs)).content.decode()
    assert csv == rows_to_csv(document.csv_rows())
