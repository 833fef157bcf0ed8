"""The follow-up's pages (web/followup): who reads an inspection's followed findings, who posts
updates, who gives verdicts, the files, the filters, and the twins (docs/permissions.md)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspectorate.web.followup.documents import FollowUpListPage, FollowUpPage
from inspectorate.web.followup.models import FollowUpdate, UpdateFile
from inspectorate.web.pages.twins import rows_to_csv
from support.followup import CONCERN, RECOMMENDATION, STRENGTH, finding_url, list_url

pytestmark = pytest.mark.django_db

ROLES = ("writer", "reader", "staff", "liaison", "officer", "lpb", "outsider", "anonymous")
READERS = {"writer", "reader", "staff", "liaison", "officer", "lpb"}
JUDGES = {"writer", "staff"}
FORCE = {"liaison", "officer"}


def _suffix(fmt: str) -> str:
    return "" if fmt == "html" else f".{fmt}"


def client_for(role):
    return client_for(role)


@pytest.mark.parametrize("fmt", ("html", "json", "csv"))
@pytest.mark.parametrize("role", ROLES)
def test_who_reads_the_followed_findings(cast, followed, client_for, role, fmt):
    client = client_for(role)
    expected = 200 if role in READERS else 404
    assert client.get(list_url(followed.inspection, fmt)).status_code == expected
    url = reverse(
        f"follow-up-finding{_suffix(fmt)}",
        kwargs={"code": followed.inspection.code, "finding_code": followed.concern.code},
    )
    assert client.get(url).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_an_exercise_is_followed_by_its_team_and_staff_alone(cast, exercise, client_for, role):
    expected = 200 if role in {"writer", "staff"} else 404
    assert client_for(role).get(list_url(exercise.inspection)).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_nothing_is_followed_before_publication(cast, followed, client_for, role):
    assert client_for(role).get(list_url(cast.draft)).status_code == 404


def test_a_strength_is_not_followed(cast, followed, writer):
    assert writer.get(finding_url(followed.inspection, followed.strength)).status_code == 404


def test_the_list_shows_each_followed_finding_as_published(cast, followed, client_for, reading):
    data = reading.json(client_for("lpb").get(list_url(followed.inspection, "json")))
    assert [row["text"] for row in data["findings"]] == [
        CONCERN,
        RECOMMENDATION,
        "The force should answer emergency calls sooner.",
    ]
    assert STRENGTH not in str(data)
    assert data["findings"][1]["parent"] == str(followed.concern.code)
    assert data["inspection"]["published_on"] == "2022-01-31"
    page = reading.html(client_for("liaison").get(list_url(followed.inspection)))
    assert CONCERN in page and "Open" in page


def test_the_list_filters_by_status(cast, followed, client_for, reading):
    liaison = client_for("liaison")
    url = finding_url(followed.inspection, followed.improvement, "follow-up-post")
    assert liaison.post(url, {"text": "Done", "status": "ready-for-review"}).status_code == 302
    data = reading.json(liaison.get(list_url(followed.inspection, "json") + "?status=ready-for-review"))
    assert data["status"] == "ready-for-review"
    assert [row["finding"] for row in data["findings"]] == [str(followed.improvement.code)]
    counts = {c["status"]: c["count"] for c in data["counts"]}
    assert counts["open"] == 2 and counts["ready-for-review"] == 1
    rows = reading.csv(liaison.get(list_url(followed.inspection, "csv") + "?status=open"))
    assert {row["finding"] for row in rows} == {str(followed.concern.code), str(followed.recommendation.code)}
    unknown = reading.json(liaison.get(list_url(followed.inspection, "json") + "?status=nonsense"))
    assert unknown["status"] is None and len(unknown["findings"]) == 3


# The force's updates ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_posts_an_update(cast, followed, client_for, role, workspace):
    url = finding_url(followed.inspection, followed.concern, "follow-up-post")
    upload = SimpleUploadedFile("plan.txt", b"the action plan")
    response = client_for(role).post(
        url, {"text": "An action plan is agreed.", "status": "in-progress", "file": upload}
    )
    expected = 302 if role in FORCE else 403 if role in READERS else 404
    assert response.status_code == expected
    posted = FollowUpdate.objects.filter(follow_up__finding=followed.concern)
    assert posted.count() == (1 if role in FORCE else 0)


def test_an_update_with_a_file_is_read_and_downloaded_by_its_readers(
    cast, followed, client_for, workspace, reading
):
    liaison = client_for("liaison")
    url = finding_url(followed.inspection, followed.concern, "follow-up-post")
    upload = SimpleUploadedFile("audit.csv", b"month,crimes\n2022-03,10\n")
    assert liaison.post(url, {"text": "Audit results", "file": upload}).status_code == 302
    data = reading.json(
        liaison.get(finding_url(followed.inspection, followed.concern, "follow-up-finding.json"))
    )
    entry = data["log"][-1]
    assert (entry["kind"], entry["author"], entry["files"]) == ("progress", "liaison", ["audit.csv"])
    download = entry["downloads"][0]
    for role in ROLES:
        response = client_for(role).get(download)
        assert response.status_code == (200 if role in READERS else 404), role
        if role in READERS:
            assert b"".join(response.streaming_content) == b"month,crimes\n2022-03,10\n"
            assert response["Content-Disposition"].startswith('attachment; filename="audit.csv"')


def test_a_file_too_large_is_refused_on_the_page_and_nothing_is_written(
    cast, followed, client_for, workspace, settings, reading
):
    settings.EVIDENCE_FILE_MAX_BYTES = 8
    url = finding_url(followed.inspection, followed.concern, "follow-up-post")
    upload = SimpleUploadedFile("big.csv", b"0123456789abcdef")
    response = client_for("liaison").post(url, {"text": "Figures", "file": upload})
    assert response.status_code == 200
    assert "big.csv is more than 8 bytes" in reading.errors(response)
    assert not FollowUpdate.objects.filter(follow_up__finding=followed.concern).exists()
    assert not UpdateFile.objects.exists()
    assert [p for p in workspace.rglob("*") if p.is_file()] == []


def test_an_update_without_its_text_is_shown_again_with_the_error(cast, followed, client_for, reading):
    url = finding_url(followed.inspection, followed.concern, "follow-up-post")
    response = client_for("liaison").post(url, {"text": "", "status": "in-progress"})
    assert response.status_code == 200 and "Enter what has been done" in reading.errors(response)


# The inspectorate's verdicts and details --------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_gives_a_verdict(cast, followed, client_for, role):
    url = finding_url(followed.inspection, followed.recommendation, "follow-up-verdict")
    response = client_for(role).post(url, {"verdict": "met", "reasons": "Audits done."})
    expected = 302 if role in JUDGES else 403 if role in READERS else 404
    assert response.status_code == expected
    assert followed.follow_up("recommendation").status == ("met" if role in JUDGES else "open")


def test_a_verdict_without_reasons_is_refused(cast, followed, writer, reading):
    url = finding_url(followed.inspection, followed.recommendation, "follow-up-verdict")
    response = writer.post(url, {"verdict": "met", "reasons": ""})
    assert "Enter the reasons for the verdict" in reading.errors(response)


def test_the_lead_reopens_a_judged_finding(cast, followed, writer, client_for, reading):
    code_kwargs = (followed.inspection, followed.recommendation)
    assert (
        writer.post(
            finding_url(*code_kwargs, "follow-up-verdict"), {"verdict": "not-met", "reasons": "No audit."}
        ).status_code
        == 302
    )
    assert (
        client_for("liaison")
        .post(finding_url(*code_kwargs, "follow-up-reopen"), {"reasons": "x"})
        .status_code
        == 403
    )
    assert (
        writer.post(
            finding_url(*code_kwargs, "follow-up-reopen"), {"reasons": "Audit now planned."}
        ).status_code
        == 302
    )
    data = reading.json(writer.get(finding_url(*code_kwargs, "follow-up-finding.json")))
    assert data["status"] == "reopened"
    assert [(e["kind"], e["status_to"]) for e in data["log"]] == [
        ("verdict", "not-met"),
        ("reopened", "reopened"),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_who_changes_the_details(cast, followed, client_for, role, reading):
    url = finding_url(followed.inspection, followed.concern, "follow-up-details")
    form = {
        "addressee": "chief-constable",
        "timescale": "within three months",
        "owner": "officer",
        "owner_title": "",
    }
    response = client_for(role).post(url, form)
    expected = 302 if role in JUDGES else 403 if role in READERS else 404
    assert response.status_code == expected
    if role in JUDGES:
        data = reading.json(
            client_for("lpb").get(
                finding_url(followed.inspection, followed.concern, "follow-up-finding.json")
            )
        )
        assert (data["due_on"], data["owner"], data["addressee"]) == (
            "2022-04-30",
            "officer",
            "chief-constable",
        )


def test_a_timescale_that_cannot_be_read_is_shown_against_its_field(cast, followed, writer, reading):
    url = finding_url(followed.inspection, followed.concern, "follow-up-details")
    response = writer.post(url, {"addressee": "force", "timescale": "in due course"})
    assert response.status_code == 200 and "cannot read a due date" in reading.errors(response)


def test_overdue_is_flagged(cast, followed, writer, reading):
    url = finding_url(followed.inspection, followed.concern, "follow-up-details")
    assert writer.post(url, {"addressee": "force", "timescale": "by 31 March 2022"}).status_code == 302
    data = reading.json(writer.get(list_url(followed.inspection, "json") + "?status=overdue"))
    assert [row["finding"] for row in data["findings"]] == [str(followed.concern.code)]
    assert data["findings"][0]["overdue"] is True
    assert "app-overdue" in reading.html(writer.get(list_url(followed.inspection)))


# Forms shown, links and twins ------------------------------------------------------------------


def test_each_reader_is_shown_the_forms_that_are_theirs(cast, followed, client_for, reading):
    url = finding_url(followed.inspection, followed.concern)
    forms = {role: reading.html(client_for(role).get(url)) for role in ("writer", "reader", "liaison", "lpb")}
    assert 'id="verdict-form"' in forms["writer"] and 'id="update-form"' not in forms["writer"]
    assert 'id="update-form"' in forms["liaison"] and 'id="verdict-form"' not in forms["liaison"]
    for role in ("reader", "lpb"):
        assert "-form" not in forms[role].split('id="log"')[1], role


@pytest.mark.parametrize("role", ROLES)
def test_the_inspection_page_links_to_the_follow_up_for_its_readers(cast, followed, client_for, role):
    response = client_for(role).get(reverse("inspection", kwargs={"code": followed.inspection.code}))
    if response.status_code == 404:
        assert role not in READERS
        return
    linked = reverse("follow-up", kwargs={"code": followed.inspection.code}) in response.content.decode()
    assert linked is (role in READERS)


@pytest.mark.parametrize(
    ("name", "document_type"), [("follow-up", FollowUpListPage), ("follow-up-finding", FollowUpPage)]
)
def test_the_twins_are_their_document(cast, followed, staff, client_for, name, document_type):
    client_for("liaison").post(
        finding_url(followed.inspection, followed.concern, "follow-up-post"),
        {"text": "Started", "status": "in-progress"},
    )
    kwargs = {"code": followed.inspection.code}
    if name == "follow-up-finding":
        kwargs["finding_code"] = followed.concern.code
    data = staff.get(reverse(f"{name}.json", kwargs=kwargs)).json()
    document = document_type.model_validate(data)
    assert document.to_json() == data
    rows = document.csv_rows()
    assert rows and all(isinstance(row, document_type.ROW) for row in rows)
    assert staff.get(reverse(f"{name}.csv", kwargs=kwargs)).content.decode() == rows_to_csv(rows)


def test_the_forces_home_page_counts_the_findings_it_holds(cast, followed, client_for, writer, reading):
    writer.post(
        finding_url(followed.inspection, followed.concern, "follow-up-details"),
        {"addressee": "force", "timescale": "by 31 March 2022"},
    )
    writer.post(
        finding_url(followed.inspection, followed.improvement, "follow-up-verdict"),
        {"verdict": "met", "reasons": "Calls answered sooner."},
    )
    items = {
        (item["kind"], item["inspection"]): item
        for item in reading.json(client_for("officer").get("/index.json"))["awaiting"]
    }
    held = items[("follow-up", "MPS-FOLLOW")]
    assert held["count"] == 2 and "1 overdue" in held["text"]
    assert held["url"] == list_url(followed.inspection)
    for role in ("outsider", "lpb", "writer"):
        awaiting = reading.json(client_for(role).get("/index.json"))["awaiting"] or []
        assert not [item for item in awaiting if item["kind"] == "follow-up"], role
