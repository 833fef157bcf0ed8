"""A force's history and a finding's lineage: grades by theme across programmes, recurring findings
linked, twins, and nothing of a draft shown to those who may not see it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from inspectorate.web.inspections.models import Inspection, Status, TeamMember, TeamRole
from inspectorate.web.inspections.recording import record_judgment, save_finding
from inspectorate.web.reports.publishing import publish_as_published
from inspectorate.web.worker import run_queued

pytestmark = pytest.mark.django_db

RISK_2015 = "Call handlers do not always assess the risk to callers when they first make contact."
RISK_2022 = "The force still fails to assess the risk to callers when they first make contact."
RISK_DRAFT = "Call handlers are still not assessing callers' risk at first contact."
UNRELATED = "The force should publish its stop and search data every month."


def _inspection(reference: str, framework: str, status: str, start: str) -> Inspection:
    return Inspection.objects.create(
        reference=reference,
        title=reference,
        force_id="surrey",
        framework_id=framework,
        status=status,
        period_start=datetime.date.fromisoformat(start),
    )


@pytest.fixture
def surrey(cast: Any, django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    """Surrey: PEEL 2015 and 2021/22 published, and a draft; the writer leads and the reader
    moderates all three. Their findings' embeddings are made as in use: the jobs queued when the
    findings are saved, then run by the worker."""
    with django_capture_on_commit_callbacks(execute=True):
        built = _build_surrey(cast)
    run_queued()
    return built


def _build_surrey(cast: Any) -> dict[str, Any]:
    p2015 = _inspection("SUR-2015", "peel-2015-effectiveness", Status.PUBLISHED, "2015-04-01")
    record_judgment(p2015, "q2", grade="requires-improvement")
    first = save_finding(p2015, kind="area-for-improvement", area_ids=["q2"], text=RISK_2015)
    save_finding(p2015, kind="good-practice", area_ids=["q2"], text=RISK_2015)  # not followed
    p2022 = _inspection("SUR-2022", "peel-2021", Status.PUBLISHED, "2021-10-01")
    record_judgment(p2022, "investigating", grade="adequate")
    record_judgment(p2022, "responding", grade="inadequate")
    again = save_finding(p2022, kind="main-finding", area_ids=["responding"], text=RISK_2022)
    save_finding(p2022, kind="area-for-improvement", area_ids=["responding"], text=UNRELATED)
    draft = _inspection("SUR-DRAFT", "peel-2021", Status.FIELDWORK, "2024-01-01")
    record_judgment(draft, "investigating", grade="good")
    still = save_finding(draft, kind="area-for-improvement", area_ids=["responding"], text=RISK_DRAFT)
    for inspection in (p2015, p2022, draft):
        TeamMember.objects.create(inspection=inspection, user=cast.users["writer"], role=TeamRole.LEAD)
        TeamMember.objects.create(inspection=inspection, user=cast.users["reader"], role=TeamRole.REVIEWER)
    publish_as_published(p2015)
    publish_as_published(p2022)
    return {"first": first, "again": again, "still": still, "draft": draft}


def _history(client: Any, reading: Any) -> dict[str, Any]:
    return reading.json(client.get(reverse("force-history.json", kwargs={"force_id": "surrey"})))


@pytest.mark.parametrize("role", ["writer", "reader"])
def test_the_team_sees_the_draft_in_the_history_with_its_grades_and_links(surrey, client_for, reading, role):
    history = _history(client_for(role), reading)
    assert [i["reference"] for i in history["inspections"]] == ["SUR-2015", "SUR-2022", "SUR-DRAFT"]
    investigating = next(row for row in history["rows"] if row["theme"] == "investigating")
    grades = [[a["grade_label"] for a in cell["areas"]] for cell in investigating["cells"]]
    assert grades == [["Requires improvement"], ["Adequate"], ["Good"]]
    pairs = {
        (link["earlier"]["reference"], link["later"]["reference"]) for link in history["recurrences"]["links"]
    }
    assert pairs == {("SUR-2015", "SUR-2022"), ("SUR-2015", "SUR-DRAFT"), ("SUR-2022", "SUR-DRAFT")}


@pytest.mark.parametrize("role", ["outsider", "anonymous", "liaison"])
def test_others_see_only_published_inspections_and_no_draft_finding(
    surrey, client_for, reading, writer, role
):
    history = _history(client_for(role), reading)
    assert [i["reference"] for i in history["inspections"]] == ["SUR-2015", "SUR-2022"]
    assert history["recurrences"]["links"] == []  # the suggestion is the team's until decided
    assert not history["recurrences"]["suggestions"]
    _decide(writer, surrey["again"], surrey["first"], "confirmed")
    history = _history(client_for(role), reading)
    links = history["recurrences"]["links"]
    assert [(link["earlier"]["text"], link["later"]["text"], link["status"]) for link in links] == [
        (RISK_2015, RISK_2022, "confirmed")
    ]
    page = reading.html(client_for(role).get(reverse("force-history", kwargs={"force_id": "surrey"})))
    assert RISK_DRAFT not in page and "SUR-DRAFT" not in page
    csv_rows = reading.csv(client_for(role).get(reverse("force-history.csv", kwargs={"force_id": "surrey"})))
    assert {row["inspection"] for row in csv_rows} == {"SUR-2015", "SUR-2022"}


def test_the_csv_twin_has_a_row_per_graded_area_under_its_theme(surrey, writer, reading):
    rows = reading.csv(writer.get(reverse("force-history.csv", kwargs={"force_id": "surrey"})))
    assert [(r["theme"], r["inspection"], r["area"], r["grade_label"]) for r in rows] == [
        ("responding", "SUR-2022", "responding", "Inadequate"),
        ("investigating", "SUR-2015", "q2", "Requires improvement"),
        ("investigating", "SUR-2022", "investigating", "Adequate"),
        ("investigating", "SUR-DRAFT", "investigating", "Good"),
    ]


def _lineage(client: Any, finding: Any, fmt: str = "json") -> Any:
    name = "finding-lineage" if fmt == "html" else f"finding-lineage.{fmt}"
    return client.get(reverse(name, kwargs={"code": finding.inspection.code, "finding_code": finding.code}))


def test_a_findings_lineage_runs_back_and_on_through_the_inspections_the_user_may_see(
    surrey, writer, client_for, reading
):
    lineage = reading.json(_lineage(writer, surrey["again"]))
    assert [link["earlier"]["text"] for link in lineage["earlier"]] == [RISK_2015]
    assert [link["later"]["text"] for link in lineage["later"]] == [RISK_DRAFT]
    assert all(link["similarity"] >= lineage["threshold"] for link in lineage["earlier"] + lineage["later"])
    outsider_view = reading.json(_lineage(client_for("outsider"), surrey["again"]))
    assert outsider_view["later"] == []
    assert RISK_DRAFT not in reading.html(_lineage(client_for("outsider"), surrey["again"], "html"))
    rows = reading.csv(_lineage(writer, surrey["again"], "csv"))
    assert [(r["side"], r["earlier_reference"], r["later_reference"]) for r in rows] == [
        ("earlier", "SUR-2015", "SUR-2022"),
        ("later", "SUR-2022", "SUR-DRAFT"),
    ]


@pytest.mark.parametrize("role", ["outsider", "anonymous", "liaison"])
def test_a_draft_findings_lineage_is_404_to_those_who_may_not_see_the_draft(surrey, client_for, role):
    for fmt in ("html", "json", "csv"):
        assert _lineage(client_for(role), surrey["still"], fmt).status_code == 404


def test_an_unknown_force_has_no_history(cast, client_for):
    for name in ("force-history", "force-history.json", "force-history.csv"):
        assert client_for("writer").get(reverse(name, kwargs={"force_id": "atlantis"})).status_code == 404


def test_the_force_page_and_the_finding_page_link_to_history_and_lineage(surrey, writer, reading):
    force_page = reading.html(writer.get(reverse("force", kwargs={"force_id": "surrey"})))
    assert reverse("force-history", kwargs={"force_id": "surrey"}) in force_page
    finding = surrey["again"]
    finding_page = reading.html(
        writer.get(reverse("finding", kwargs={"code": finding.inspection.code, "finding_code": finding.code}))
    )
    assert (
        reverse("finding-lineage", kwargs={"code": finding.inspection.code, "finding_code": finding.code})
        in finding_page
    )


def _decide(client: Any, later: Any, earlier: Any, decision: str) -> Any:
    url = reverse("finding-link-decide", kwargs={"code": later.inspection.code, "finding_code": later.code})
    return client.post(url, {"earlier": str(earlier.code), "decision": decision})


def _pairs(lineage: dict[str, Any]) -> list[tuple[str, str]]:
    return [(link["earlier"]["text"], link["status"]) for link in lineage["earlier"]]


def test_the_team_rejects_a_suggested_link_and_can_withdraw_the_rejection(surrey, writer, reading):
    assert _pairs(reading.json(_lineage(writer, surrey["again"]))) == [(RISK_2015, "suggested")]
    assert _decide(writer, surrey["again"], surrey["first"], "rejected").status_code == 302
    lineage = reading.json(_lineage(writer, surrey["again"]))
    assert _pairs(lineage) == []
    assert RISK_2015 not in [c["text"] for c in lineage["candidates"]]  # set aside, not offered again
    history = _history(writer, reading)
    assert ("SUR-2015", "SUR-2022") not in {
        (link["earlier"]["reference"], link["later"]["reference"]) for link in history["recurrences"]["links"]
    }
    _decide(writer, surrey["again"], surrey["first"], "undo")
    assert _pairs(reading.json(_lineage(writer, surrey["again"]))) == [(RISK_2015, "suggested")]


def test_the_team_links_by_hand_what_the_similarity_missed(surrey, writer, reading):
    unrelated = surrey["again"].inspection.findings.get(text=UNRELATED)
    lineage = reading.json(_lineage(writer, unrelated))
    assert lineage["earlier"] == []
    assert [c["text"] for c in lineage["candidates"]] == [RISK_2015]
    _decide(writer, unrelated, surrey["first"], "confirmed")
    lineage = reading.json(_lineage(writer, unrelated))
    assert _pairs(lineage) == [(RISK_2015, "confirmed")]
    assert lineage["earlier"][0]["similarity"] < lineage["threshold"]
    assert lineage["candidates"] == []


def test_a_link_decision_is_in_the_audit_trail(surrey, writer):
    from auditlog.models import LogEntry

    _decide(writer, surrey["again"], surrey["first"], "confirmed")
    entry = LogEntry.objects.filter(additional_data__finding=str(surrey["again"].code)).latest("timestamp")
    assert entry.changes_dict["decision"][1] == "confirmed"
    assert entry.actor.username == "writer"


@pytest.mark.parametrize(("role", "status"), [("reader", 403), ("anonymous", 403), ("outsider", 403)])
def test_only_the_later_inspections_writers_decide_its_links(surrey, client_for, role, status):
    from inspectorate.web.inspections.models import FindingLink

    assert _decide(client_for(role), surrey["again"], surrey["first"], "confirmed").status_code == status
    assert _decide(client_for(role), surrey["still"], surrey["first"], "confirmed").status_code in (403, 404)
    assert not FindingLink.objects.exists()


def test_a_draft_cannot_be_decided_on_by_those_who_may_not_see_it(surrey, client_for):
    assert _decide(client_for("outsider"), surrey["still"], surrey["first"], "confirmed").status_code == 404


def test_a_link_to_a_later_or_unknown_finding_or_a_bad_decision_stores_nothing(surrey, writer):
    from inspectorate.web.inspections.models import FindingLink

    for later, earlier, decision in (
        (surrey["first"], surrey["again"], "confirmed"),  # 2022 is not earlier than 2015
        (surrey["again"], surrey["first"], "maybe"),
        (surrey["again"], surrey["again"], "confirmed"),
    ):
        response = _decide(writer, later, earlier, decision)
        assert response.status_code == 302
    assert not FindingLink.objects.exists()
    url = reverse(
        "finding-link-decide",
        kwargs={"code": surrey["again"].inspection.code, "finding_code": surrey["again"].code},
    )
    assert writer.get(url).status_code == 405


def test_an_area_no_theme_claims_has_a_row_of_its_own(cast, staff, reading):
    baseline = _inspection("SUR-2006", "ba-2006", Status.PUBLISHED, "2006-04-01")
    record_judgment(baseline, "5b", grade="good")
    history = _history(staff, reading)
    unthemed = [row for row in history["rows"] if row["theme"] is None]
    assert [[a["area"] for a in row["cells"][0]["areas"]] for row in unthemed] == [["5b"]]
    assert "(in no theme)" in reading.html(staff.get(reverse("force-history", kwargs={"force_id": "surrey"})))
    rows = reading.csv(staff.get(reverse("force-history.csv", kwargs={"force_id": "surrey"})))
    assert [(r["theme"], r["area"]) for r in rows] == [("", "5b")]


@pytest.mark.parametrize("role", ["outsider", "anonymous"])
def test_outside_the_team_a_lineage_shows_confirmed_links_only_and_no_candidates(
    surrey, client_for, writer, reading, role
):
    lineage = reading.json(_lineage(client_for(role), surrey["again"]))
    assert (lineage["earlier"], lineage["candidates"]) == ([], [])
    page = reading.html(_lineage(client_for(role), surrey["again"], "html"))
    assert RISK_2015 not in page and "suggested" not in page.lower()
    _decide(writer, surrey["again"], surrey["first"], "confirmed")
    assert _pairs(reading.json(_lineage(client_for(role), surrey["again"]))) == [(RISK_2015, "confirmed")]
