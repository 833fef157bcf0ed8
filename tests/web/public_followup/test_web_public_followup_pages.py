"""A force's followed findings and one finding's status page, in public: the same for everyone, read
from the published record only (never a draft, an exercise, a version under embargo or a working copy
changed since), with the status, the verdict and its reasons, and never the force's own words."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from inspectorate.core.followup.states import FollowStatus
from inspectorate.core.frameworks.library import library
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.pages.twins import TWIN_ROUTES, rows_to_csv
from inspectorate.web.reports.publishing import publish
from support.lifecycle import at_factual_accuracy
from support.public_followup import (
    CONCERN,
    IMPROVEMENT,
    RECOMMENDATION,
    follow,
    move,
    progress,
    published,
    recorded,
    unfollowed,
    with_findings,
)
from support.publishing import correction

pytestmark = pytest.mark.django_db

EVERYONE = ("anonymous", "outsider", "reader", "writer", "liaison", "staff")


def _force_url(force: str = "metropolitan", fmt: str = "") -> str:
    name = f"force-recommendations.{fmt}" if fmt else "force-recommendations"
    return reverse(name, kwargs={"force_id": force})


def _finding_url(finding: Any, force: str = "metropolitan", fmt: str = "") -> str:
    name = f"force-recommendation.{fmt}" if fmt else "force-recommendation"
    return reverse(name, kwargs={"force_id": force, "finding_code": finding.code})


def _listed(client: Any, force: str = "metropolitan") -> dict[str, dict[str, Any]]:
    response = client.get(_force_url(force, "json"))
    assert response.status_code == 200
    return {row["code"]: row for row in response.json()["findings"]}


def test_every_followed_finding_of_the_published_report_is_listed_as_printed(met, client_for):
    listed = _listed(client_for("anonymous"))
    findings = met.findings
    assert set(listed) == {str(findings[k].code) for k in ("concern", "recommendation", "improvement")}
    concern = listed[str(findings["concern"].code)]
    assert (concern["text"], concern["kind"], concern["report_title"]) == (
        CONCERN,
        "cause-of-concern",
        "Inspection MPS-FOLLOWED",
    )
    recommendation = listed[str(findings["recommendation"].code)]
    assert recommendation["parent"] == str(findings["concern"].code)
    assert recommendation["text"] == RECOMMENDATION
    improvement = listed[str(findings["improvement"].code)]
    title = next(p.area.title for p in library()["peel-2021"].walk() if p.area.id == "investigating")
    assert (improvement["areas"], improvement["area_titles"]) == (["investigating"], [title])
    assert improvement["themes"] == ["investigating"]


def test_a_finding_with_no_follow_up_yet_is_open_and_says_its_status_is_not_recorded(met, client_for):
    unfollowed(met.findings["improvement"])
    row = _listed(client_for("anonymous"))[str(met.findings["improvement"].code)]
    assert (row["status"], row["recorded"], row["addressee"], row["due_on"]) == ("open", False, None, None)
    page = client_for("anonymous").get(_finding_url(met.findings["improvement"])).content.decode()
    assert "Status not yet recorded" in page


def test_the_force_page_shows_addressee_due_date_and_overdue_flag(met, client_for):
    past = timezone.localdate() - datetime.timedelta(days=1)
    follow(
        met.findings["recommendation"],
        addressee="local-policing-body",
        addressee_name="Mayor's Office for Policing and Crime",
        timescale="within six months",
        due_on=past,
    )
    ready = follow(met.findings["improvement"], due_on=past)
    move(ready, FollowStatus.READY_FOR_REVIEW)
    listed = _listed(client_for("anonymous"))
    recommendation = listed[str(met.findings["recommendation"].code)]
    assert recommendation["addressee"] == "local-policing-body"
    assert recommendation["addressee_name"] == "Mayor's Office for Policing and Crime"
    assert (recommendation["due_on"], recommendation["overdue"]) == (past.isoformat(), True)
    # Once the force says it is ready for review, the wait is the inspectorate's: not overdue.
    assert listed[str(met.findings["improvement"].code)]["overdue"] is False
    page = client_for("anonymous").get(_force_url()).content.decode()
    assert "Mayor&#x27;s Office for Policing and Crime" in page and "Overdue" in page


@pytest.mark.parametrize("role", EVERYONE)
def test_everyone_reads_the_same_pages_and_twins(met, client_for, role):
    concern = follow(met.findings["concern"], due_on=timezone.localdate())
    move(concern, FollowStatus.NOT_MET, "The backlog is as long as it was.")
    urls = [
        _force_url(fmt="json"),
        _force_url(fmt="csv"),
        _finding_url(met.findings["concern"], fmt="json"),
        _finding_url(met.findings["concern"], fmt="csv"),
        reverse("recommendations.json"),
        reverse("open-recommendations.csv"),
    ]
    anonymous = client_for("anonymous")
    client = client_for(role)
    for url in urls:
        theirs, public = client.get(url), anonymous.get(url)
        assert theirs.status_code == public.status_code == 200, url
        assert theirs.content == public.content, (role, url)


@pytest.mark.parametrize("role", EVERYONE)
def test_findings_of_drafts_exercises_and_embargoed_versions_never_appear(cast, met, client_for, role):
    draft = recorded("MPS-HIDDEN-DRAFT")
    draft_findings = with_findings(draft, "DRAFT-ONLY area for improvement")
    exercise = recorded("MPS-HIDDEN-EXERCISE", exercise=True)
    exercise_findings = with_findings(exercise, "EXERCISE-ONLY area for improvement")
    exercise.published_on = timezone.localdate()
    exercise.save()
    from inspectorate.web.reports.publishing import publish_as_published

    publish_as_published(exercise)
    embargoed = cast.draft
    embargoed_findings = with_findings(embargoed, "EMBARGOED-ONLY area for improvement")
    publish(at_factual_accuracy(embargoed), cast.users["writer"], timezone.now() + datetime.timedelta(days=1))
    hidden = [draft_findings, exercise_findings, embargoed_findings]
    for findings in hidden:  # rows exist for them, as the service may make them under embargo
        follow(findings["improvement"])
    client = client_for(role)
    pages = [
        _force_url(),
        _force_url(fmt="json"),
        _force_url(fmt="csv"),
        reverse("recommendations.json"),
        reverse("recommendations.csv") + "?force=metropolitan",
        reverse("open-recommendations.json"),
        reverse("open-recommendations.csv"),
    ]
    for url in pages:
        text = client.get(url).content.decode()
        assert IMPROVEMENT in text, url  # the published report's, for comparison
        for marker in ("DRAFT-ONLY", "EXERCISE-ONLY", "EMBARGOED-ONLY"):
            assert marker not in text, (role, url, marker)
    for findings in hidden:
        assert client.get(_finding_url(findings["improvement"], fmt="json")).status_code == 404


def test_the_text_shown_is_the_published_records_not_the_working_copys(met, client_for):
    improvement = met.findings["improvement"]
    with correction(met.inspection, publish_now=False):
        save_finding(
            met.inspection,
            kind="area-for-improvement",
            area_ids=["investigating"],
            text="A working copy's new wording",
            finding=improvement,
        )
    anonymous = client_for("anonymous")
    for url in (_force_url(fmt="json"), _finding_url(improvement, fmt="json"), _finding_url(improvement)):
        text = anonymous.get(url).content.decode()
        assert IMPROVEMENT in text and "new wording" not in text, url
    publish(met.inspection, None, timezone.now())
    assert _listed(anonymous)[str(improvement.code)]["text"] == "A working copy's new wording"


def test_the_status_page_shows_moves_and_the_verdicts_reasons_but_not_the_forces_words(cast, met, client_for):
    later = published("MPS-LATER")
    concern = follow(met.findings["concern"], owner=cast.users["liaison"], owner_title="Head of contact")
    move(concern, FollowStatus.IN_PROGRESS, "FORCE-WORDS on starting")
    progress(concern, "FORCE-PROGRESS: a new rota since March")
    move(concern, FollowStatus.READY_FOR_REVIEW, "FORCE-WORDS on finishing")
    move(concern, FollowStatus.PARTLY_MET, "Calls are answered faster; waits are still not measured.")
    concern.verdict_in = later.inspection
    concern.save()
    anonymous = client_for("anonymous")
    document = anonymous.get(_finding_url(met.findings["concern"], fmt="json")).json()
    finding = document["finding"]
    assert (finding["status"], finding["verdict"]) == ("partly-met", "partly-met")
    assert finding["verdict_reasons"] == "Calls are answered faster; waits are still not measured."
    assert (finding["verdict_in"], finding["verdict_in_title"]) == (
        str(later.inspection.code),
        "Inspection MPS-LATER",
    )
    assert [(m["status_to"], m["by"]) for m in document["moves"]] == [
        ("in-progress", "force"),
        ("ready-for-review", "force"),
        ("partly-met", "inspectorate"),
    ]
    assert [m["reasons"] for m in document["moves"]][-1].startswith("Calls are answered faster")
    for url in (
        _finding_url(met.findings["concern"]),
        _finding_url(met.findings["concern"], fmt="json"),
        _finding_url(met.findings["concern"], fmt="csv"),
        _force_url(),
        _force_url(fmt="csv"),
    ):
        text = anonymous.get(url).content.decode()
        for private in ("FORCE-WORDS", "FORCE-PROGRESS", "Head of contact", "liaison"):
            assert private not in text, (url, private)
    page = anonymous.get(_finding_url(met.findings["concern"])).content.decode()
    assert "waits are still not measured" in page and "Inspection MPS-LATER" in page


def test_a_verdict_given_in_a_report_not_yet_public_does_not_name_it(cast, met, client_for):
    concern = follow(met.findings["concern"], verdict_in=cast.draft)
    move(concern, FollowStatus.MET, "Done.")
    finding = client_for("anonymous").get(_finding_url(met.findings["concern"], fmt="json")).json()["finding"]
    assert (finding["verdict"], finding["verdict_in"], finding["verdict_in_title"]) == ("met", None, None)


def test_a_recommendation_links_to_the_cause_of_concern_it_answers(met, client_for):
    page = client_for("anonymous").get(_finding_url(met.findings["recommendation"])).content.decode()
    assert _finding_url(met.findings["concern"]) in page


def test_a_force_with_nothing_followed_says_so(cast, client_for):
    response = client_for("anonymous").get(_force_url("dorset"))
    assert response.status_code == 200
    assert "Nothing to follow yet" in response.content.decode()
    document = client_for("anonymous").get(_force_url("dorset", "json")).json()
    assert document["findings"] == [] and document["counts"]["total"] == 0


def test_unknown_forces_and_findings_and_findings_of_another_force_are_not_found(met, kent, client_for):
    anonymous = client_for("anonymous")
    assert anonymous.get(_force_url("no-such-force")).status_code == 404
    assert anonymous.get(_finding_url(kent.findings["concern"], force="metropolitan")).status_code == 404
    assert anonymous.get(_finding_url(kent.findings["concern"], force="kent")).status_code == 200
    # A strength is not followed, so it has no status page.
    assert anonymous.get(_finding_url(met.findings["strength"])).status_code == 404


def test_a_status_pages_twins_are_its_document(met, client_for):
    concern = follow(met.findings["concern"])
    move(concern, FollowStatus.NOT_MET, "Not yet.")
    document_type = TWIN_ROUTES["force-recommendation"].document
    staff = client_for("staff")
    data = staff.get(_finding_url(met.findings["concern"], fmt="json")).json()
    document = document_type.model_validate(data)
    assert document.to_json() == data
    csv = staff.get(_finding_url(met.findings["concern"], fmt="csv")).content.decode()
    assert csv == rows_to_csv(document.csv_rows())
    assert "not-met" in csv


def test_the_force_page_and_the_navigation_lead_to_the_recommendations(met, client_for):
    force_page = client_for("anonymous").get(reverse("force", kwargs={"force_id": "metropolitan"}))
    assert _force_url() in force_page.content.decode()
    assert f'href="{reverse("recommendations")}"' in force_page.content.decode()
