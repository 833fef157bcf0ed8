"""Stated links: a later report's own references to earlier findings, read when it is stored, shown
on the force's history and the lineage page to those who may read both reports, and turned into
the earlier finding's verdict when the later report is published and no person has judged since."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from inspectorate.web.followup.models import FollowUp, FollowUpdate, UpdateKind
from inspectorate.web.history.models import StatedCitation
from inspectorate.web.history.stated import record_citations, resolve_citations
from inspectorate.web.inspections.models import (
    FindingLink,
    Inspection,
    LinkDecision,
    Status,
    TeamMember,
    TeamRole,
)
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.reports.publishing import publish_as_published
from inspectorate.web.worker import run_queued

pytestmark = pytest.mark.django_db

THRIVE_2019 = (
    "The force should use the THRIVE risk model consistently when calls are first taken, and "
    "supervisors should check that it is used."
)
SKILLS_2019 = "The force should build a single central record of its workforce's skills."
RISK_2022 = "The force fails to identify risk at the first point of contact"
# The 2022 report's text, one paragraph a line, as an import reads it.
TEXT_2022 = [
    RISK_2022,
    "Only a few calls received a THRIVE assessment. We previously highlighted THRIVE use in the 2019 "
    "PEEL inspection as needing improvement, and we are disappointed that it hasn't improved.",
    "HMIC's crime inspection in 2014 recommended that the force comply with the victims' code; it is "
    "still not wholly compliant.",
    "We estimate that the force records 91 percent of crime, compared with 89 percent in our 2019 "
    "inspection.",
]
DRAFT_TEXT = (
    "Supervisors still do not check THRIVE use. In our 2019 PEEL inspection we said the force should use "
    "THRIVE consistently when calls are first taken; it still does not."
)


def _inspection(reference: str, framework: str, status: str, start: str, published: str = "") -> Inspection:
    return Inspection.objects.create(
        reference=reference,
        title=reference,
        force_id="surrey",
        framework_id=framework,
        status=status,
        period_start=datetime.date.fromisoformat(start),
        published_label=published,
    )


@pytest.fixture
def surrey(cast: Any, django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    """Surrey: PEEL 2018/19 (published September 2019) with two areas for improvement, PEEL 2021/22
    published with its text's references read, and a draft whose finding refers back; the writer
    leads and the reader moderates all three."""
    with django_capture_on_commit_callbacks(execute=True):
        p2019 = _inspection("SUR-2019", "peel-2018", Status.PUBLISHED, "2018-04-01", "September 2019")
        thrive = save_finding(
            p2019, kind="area-for-improvement", area_ids=["efficiency.q1"], text=THRIVE_2019
        )
        save_finding(p2019, kind="area-for-improvement", area_ids=["efficiency.q1"], text=SKILLS_2019)
        p2022 = _inspection("SUR-2022", "peel-2021", Status.PUBLISHED, "2021-10-01", "June 2022")
        risk = save_finding(
            p2022,
            kind="main-finding",
            area_ids=["responding"],
            text=RISK_2022,
            note="Read from r.txt, line 1.",
        )
        draft = _inspection("SUR-DRAFT", "peel-2021", Status.FIELDWORK, "2024-01-01")
        again = save_finding(draft, kind="area-for-improvement", area_ids=["responding"], text=DRAFT_TEXT)
        for inspection in (p2019, p2022, draft):
            TeamMember.objects.create(inspection=inspection, user=cast.users["writer"], role=TeamRole.LEAD)
            TeamMember.objects.create(
                inspection=inspection, user=cast.users["reader"], role=TeamRole.REVIEWER
            )
        publish_as_published(p2019)
        publish_as_published(p2022)
        record_citations(p2022, TEXT_2022)
        resolve_citations(p2022)
        record_citations(draft)
        resolve_citations(draft)
    run_queued()
    return {"p2019": p2019, "p2022": p2022, "draft": draft, "thrive": thrive, "risk": risk, "again": again}


def _history(client: Any, reading: Any) -> dict[str, Any]:
    return reading.json(client.get(reverse("force-history.json", kwargs={"force_id": "surrey"})))


def _lineage(client: Any, finding: Any, fmt: str = "json") -> Any:
    name = "finding-lineage" if fmt == "html" else f"finding-lineage.{fmt}"
    return client.get(reverse(name, kwargs={"code": finding.inspection.code, "finding_code": finding.code}))


def test_the_published_reports_reference_is_read_resolved_and_linked_to_the_finding_it_sits_under(surrey):
    read = StatedCitation.objects.filter(later=surrey["p2022"]).order_by("line")
    # The figure compared with 2019 is left alone: two references, not three.
    assert [(c.line, c.years, c.outcome) for c in read] == [(2, "2019", "not-met"), (3, "2014", "partly-met")]
    thrive = read[0]
    assert (thrive.earlier_finding, thrive.later_finding) == (surrey["thrive"], surrey["risk"])
    link = FindingLink.objects.get(earlier=surrey["thrive"], later=surrey["risk"])
    assert (link.decision, link.decided_by) == (LinkDecision.STATED, None)
    assert read[1].earlier_finding is None and read[1].reason == (
        "no earlier inspection of 2014 in the library"
    )


def test_the_later_report_gives_the_earlier_finding_its_verdict_with_reasons_naming_it(surrey):
    follow_up = FollowUp.objects.get(finding=surrey["thrive"])
    assert (follow_up.status, follow_up.verdict_in, follow_up.verdict_by) == (
        "not-met",
        surrey["p2022"],
        None,
    )
    assert follow_up.verdict_on == datetime.date(2022, 6, 1)
    assert "SUR-2022" in follow_up.verdict_reasons and "line 2 of the report" in follow_up.verdict_reasons
    update = FollowUpdate.objects.get(follow_up=follow_up, kind=UpdateKind.VERDICT)
    assert (update.author, update.status_from, update.status_to) == (None, "open", "not-met")
    # The draft's reference gives no verdict: only a published report speaks.
    assert FollowUpdate.objects.filter(follow_up=follow_up).count() == 1


def test_a_persons_verdict_given_since_the_report_stands_when_it_is_read_again(surrey, cast):
    follow_up = FollowUp.objects.get(finding=surrey["thrive"])
    follow_up.status = "met"
    follow_up.save()
    FollowUpdate.objects.create(
        follow_up=follow_up, kind=UpdateKind.VERDICT, author=cast.users["writer"], body="Seen on a visit."
    )
    resolve_citations(surrey["p2022"])
    follow_up.refresh_from_db()
    assert follow_up.status == "met"
    assert FollowUpdate.objects.filter(follow_up=follow_up, author=None).count() == 1


def test_a_persons_reopening_since_the_report_stands_when_it_is_read_again(surrey, cast):
    follow_up = FollowUp.objects.get(finding=surrey["thrive"])
    follow_up.status = "reopened"
    follow_up.save()
    FollowUpdate.objects.create(
        follow_up=follow_up,
        kind=UpdateKind.REOPENED,
        author=cast.users["writer"],
        body="The 2023 visit found the old problem back.",
        status_to="reopened",
    )
    resolve_citations(surrey["p2022"])
    follow_up.refresh_from_db()
    assert follow_up.status == "reopened"


@pytest.mark.parametrize("role", ["writer", "reader", "outsider", "anonymous"])
def test_everyone_who_may_read_both_reports_sees_the_stated_link_and_the_verdict(
    surrey, client_for, reading, role
):
    history = _history(client_for(role), reading)
    stated = [link for link in history["recurrences"]["links"] if link["status"] == "stated"]
    pairs = {(link["earlier"]["reference"], link["later"]["reference"]) for link in stated}
    assert ("SUR-2019", "SUR-2022") in pairs
    published = [t for t in history["taken_up"] if t["later"] == "SUR-2022"]
    assert [(t["line"], t["outcome"], t["earlier_reference"]) for t in published] == [
        (2, "not-met", "SUR-2019"),
        (3, "partly-met", None),
    ]
    assert published[0]["earlier"]["text"] == THRIVE_2019
    assert (
        published[0]["verdict"]["status"] == "not-met" and published[0]["verdict"]["given_in"] == "SUR-2022"
    )
    assert published[1]["reason"] == "no earlier inspection of 2014 in the library"
    page = reading.html(client_for(role).get(reverse("force-history", kwargs={"force_id": "surrey"})))
    assert "Taken up by later reports" in page and "Not in the library" in page


@pytest.mark.parametrize("role", ["writer", "reader"])
def test_the_team_sees_the_drafts_stated_link(surrey, client_for, reading, role):
    history = _history(client_for(role), reading)
    assert any(t["later"] == "SUR-DRAFT" and t["earlier"]["text"] == THRIVE_2019 for t in history["taken_up"])
    lineage = reading.json(_lineage(client_for(role), surrey["again"]))
    assert [(link["earlier"]["reference"], link["status"]) for link in lineage["earlier"]] == [
        ("SUR-2019", "stated")
    ]


@pytest.mark.parametrize("role", ["outsider", "anonymous", "liaison"])
def test_others_see_nothing_the_draft_says(surrey, client_for, reading, role):
    client = client_for(role)
    history = _history(client, reading)
    assert all(t["later"] != "SUR-DRAFT" for t in history["taken_up"])
    assert "Supervisors still do not check" not in reading.html(
        client.get(reverse("force-history", kwargs={"force_id": "surrey"}))
    )
    lineage = reading.json(_lineage(client, surrey["thrive"]))
    assert all(t["later"] != "SUR-DRAFT" for t in lineage["taken_up"])
    for fmt in ("html", "json", "csv"):
        assert _lineage(client, surrey["again"], fmt).status_code == 404


def test_the_earlier_findings_lineage_gives_its_verdict_and_what_the_later_report_said(
    surrey, client_for, reading
):
    lineage = reading.json(_lineage(client_for("anonymous"), surrey["thrive"]))
    assert lineage["verdict"] == {
        "status": "not-met",
        "status_label": "Not met",
        "given_in": "SUR-2022",
        "given_on": "2022-06-01",
        "by_report": True,
    }
    assert [(t["later"], t["outcome"]) for t in lineage["taken_up"]] == [("SUR-2022", "not-met")]
    assert [(link["later"]["reference"], link["status"]) for link in lineage["later"]] == [
        ("SUR-2022", "stated")
    ]
    page = reading.html(_lineage(client_for("anonymous"), surrey["thrive"], "html"))
    assert "What later reports say of it" in page and "Stated" in page
    rows = reading.csv(_lineage(client_for("anonymous"), surrey["thrive"], "csv"))
    assert [(r["side"], r["later_reference"]) for r in rows] == [("later", "SUR-2022")]


def _decide(client: Any, later: Any, earlier: Any, decision: str) -> Any:
    url = reverse("finding-link-decide", kwargs={"code": later.inspection.code, "finding_code": later.code})
    return client.post(url, {"earlier": str(earlier.code), "decision": decision})


def test_nobody_posts_a_stated_decision_but_the_team_may_reject_a_stated_link(surrey, writer, client_for):
    assert _decide(writer, surrey["risk"], surrey["thrive"], "stated").status_code == 302
    assert FindingLink.objects.get(earlier=surrey["thrive"], later=surrey["risk"]).decided_by is None
    assert _decide(client_for("outsider"), surrey["risk"], surrey["thrive"], "rejected").status_code in {
        403,
        404,
    }
    assert _decide(writer, surrey["risk"], surrey["thrive"], "rejected").status_code == 302
    assert FindingLink.objects.get(earlier=surrey["thrive"], later=surrey["risk"]).decision == "rejected"


def test_reading_a_report_again_replaces_what_was_read_before(surrey):
    assert record_citations(surrey["p2022"], TEXT_2022[:2]) == 1
    assert StatedCitation.objects.filter(later=surrey["p2022"]).count() == 1
    assert not FindingLink.objects.filter(later=surrey["risk"], decision=LinkDecision.STATED).exists()
    assert resolve_citations(surrey["p2022"]) == 1
    assert FindingLink.objects.filter(later=surrey["risk"], decision=LinkDecision.STATED).exists()
