"""Recording judgments, findings and evidence through the web pages, as a writer."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from inspectorate.web.inspections.models import Evidence, Finding, Judgment
from support.editing import post_edit

pytestmark = pytest.mark.django_db


def area_url(inspection, area_id: str, fmt: str = "html") -> str:
    name = "area" if fmt == "html" else f"area.{fmt}"
    return reverse(name, kwargs={"code": inspection.code, "area_id": area_id})


def inspection_url(inspection, fmt: str = "html") -> str:
    name = "inspection" if fmt == "html" else f"inspection.{fmt}"
    return reverse(name, kwargs={"code": inspection.code})


def area_row_html(page: str, area_id: str) -> str:
    match = re.search(rf'<tr id="area-{re.escape(area_id)}".*?</tr>', page, re.S)
    assert match, f"no row for {area_id}"
    return match.group(0)


# Judgments ----------------------------------------------------------------------------------


def test_writer_grades_an_area_and_sees_it_in_the_page_json_and_csv(cast, writer, reading):
    response = post_edit(
        writer, area_url(cast.draft, "responding"), {"grade": "inadequate", "summary": "Slow"}
    )
    assert response.status_code == 302
    assert response["Location"] == inspection_url(cast.draft) + "#area-responding"

    row = area_row_html(reading.html(writer.get(inspection_url(cast.draft))), "responding")
    assert 'class="app-grade app-grade--inadequate">Inadequate<' in row
    assert "Slow" in row

    judgments = reading.json(writer.get(inspection_url(cast.draft, "json")))["judgments"]
    assert [(j["area"], j["grade"], j["grade_label"], j["summary"]) for j in judgments] == [
        ("responding", "inadequate", "Inadequate", "Slow")
    ]

    rows = {r["area"]: r for r in reading.csv(writer.get(inspection_url(cast.draft, "csv")))}
    assert rows["responding"]["grade"] == "inadequate"
    assert rows["responding"]["grade_label"] == "Inadequate"
    assert rows["investigating"]["grade"] == ""

    area = reading.json(writer.get(area_url(cast.draft, "responding", "json")))
    assert (area["area"], area["grade"]) == ("responding", "inadequate")


def test_writer_changes_a_grade_and_can_clear_it(cast, writer):
    url = area_url(cast.draft, "responding")
    post_edit(writer, url, {"grade": "inadequate"})
    post_edit(writer, url, {"grade": "good"})
    assert Judgment.objects.get(inspection=cast.draft, area_id="responding").grade == "good"
    post_edit(writer, url, {"grade": ""})
    assert Judgment.objects.get(inspection=cast.draft, area_id="responding").grade == ""


@pytest.mark.parametrize("grade", ["terrible", "poor", "Inadequate", "improved"])
def test_a_grade_not_on_the_areas_scale_is_refused_and_nothing_is_stored(cast, writer, reading, grade):
    """'poor' is on ba-2006's scale and 'improved' is a direction: neither is a PEEL 2021 grade."""
    response = post_edit(writer, area_url(cast.draft, "responding"), {"grade": grade})
    assert response.status_code == 200
    assert grade in reading.errors(response)
    assert "Select a valid choice" in reading.errors(response)
    assert not Judgment.objects.filter(inspection=cast.draft).exists()


def test_the_area_form_offers_exactly_the_levels_of_the_areas_scale(cast, writer, reading):
    page = reading.html(writer.get(area_url(cast.draft, "responding")))
    select = re.search(r'<select name="grade".*?</select>', page, re.S).group(0)
    values = re.findall(r'<option value="([^"]*)"', select)
    assert values == ["", "outstanding", "good", "adequate", "requires-improvement", "inadequate"]
    assert 'name="direction"' not in page  # PEEL 2021 has no direction of travel


def test_an_ungraded_area_takes_a_summary_but_no_grade(cast, writer, reading):
    url = area_url(cast.draft, "victim-service-assessment")
    assert 'name="grade"' not in reading.html(writer.get(url))
    assert post_edit(writer, url, {"grade": "good", "summary": "Calls answered"}).status_code == 302
    judgment = Judgment.objects.get(inspection=cast.draft, area_id="victim-service-assessment")
    assert (judgment.grade, judgment.summary) == ("", "Calls answered")


def test_direction_of_travel_is_recorded_on_ba_2006(ba_inspection, writer, reading):
    response = post_edit(writer, area_url(ba_inspection, "1a"), {"grade": "good", "direction": "improved"})
    assert response.status_code == 302
    judgment = Judgment.objects.get(inspection=ba_inspection, area_id="1a")
    assert (judgment.grade, judgment.direction) == ("good", "improved")
    rows = {r["area"]: r for r in reading.csv(writer.get(inspection_url(ba_inspection, "csv")))}
    assert (rows["1a"]["direction"], rows["1a"]["direction_label"]) == ("improved", "Improved")
    row = area_row_html(reading.html(writer.get(inspection_url(ba_inspection))), "1a")
    assert 'class="app-direction app-direction--improved">Improved<' in row


@pytest.mark.parametrize("direction", ["sideways", "good", "Improved"])
def test_an_invalid_direction_is_refused(ba_inspection, writer, reading, direction):
    response = post_edit(writer, area_url(ba_inspection, "1a"), {"grade": "good", "direction": direction})
    assert response.status_code == 200
    assert "Select a valid choice" in reading.errors(response)
    assert not Judgment.objects.filter(inspection=ba_inspection).exists()


def test_a_ba_2006_grade_is_refused_on_a_domain_which_is_not_graded(ba_inspection, writer):
    url = area_url(ba_inspection, "d1")
    post_edit(writer, url, {"grade": "good", "direction": "improved", "summary": "Domain"})
    judgment = Judgment.objects.get(inspection=ba_inspection, area_id="d1")
    assert (judgment.grade, judgment.direction) == ("", "")


# Findings -----------------------------------------------------------------------------------


def finding_new_url(inspection) -> str:
    return reverse("finding-new", kwargs={"code": inspection.code})


def finding_url(finding, fmt: str = "html") -> str:
    name = "finding" if fmt == "html" else f"finding.{fmt}"
    return reverse(name, kwargs={"code": finding.inspection.code, "finding_code": finding.code})


def test_writer_adds_edits_and_deletes_a_finding(cast, writer, reading):
    response = writer.post(
        finding_new_url(cast.draft),
        {
            "kind": "area-for-improvement",
            "areas": ["responding", "investigating"],
            "text": "Answer 999 faster",
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get(inspection=cast.draft, text="Answer 999 faster")
    assert (finding.kind, finding.area_ids) == ("area-for-improvement", ["responding", "investigating"])

    document = reading.json(writer.get(finding_url(finding, "json")))
    assert (document["kind"], document["areas"]) == ("area-for-improvement", ["responding", "investigating"])
    findings = reading.json(writer.get(inspection_url(cast.draft, "json")))["findings"]
    assert str(finding.code) in {f["code"] for f in findings}

    response = post_edit(
        writer,
        finding_url(finding),
        {"kind": "strength", "areas": ["responding"], "text": "Answers 999 fast"},
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.kind, finding.area_ids, finding.text) == ("strength", ["responding"], "Answers 999 fast")

    response = writer.post(
        reverse("finding-delete", kwargs={"code": cast.draft.code, "finding_code": finding.code})
    )
    assert response.status_code == 302
    assert not Finding.objects.filter(pk=finding.pk).exists()
    assert writer.get(finding_url(finding)).status_code == 404


def test_the_finding_form_offers_only_the_frameworks_finding_kinds(cast, ba_inspection, writer, reading):
    def kinds(inspection) -> list[str]:
        page = reading.html(writer.get(finding_new_url(inspection)))
        select = re.search(r'<select name="kind".*?</select>', page, re.S).group(0)
        return re.findall(r'<option value="([^"]*)"', select)

    assert kinds(cast.draft) == [
        "cause-of-concern",
        "recommendation",
        "area-for-improvement",
        "strength",
        "good-practice",
        "main-finding",
    ]
    assert kinds(ba_inspection) == ["strength", "work-in-progress", "area-for-improvement", "good-practice"]


@pytest.mark.parametrize("kind", ["work-in-progress", "not-a-kind"])
def test_a_finding_kind_the_framework_does_not_record_is_refused(cast, writer, reading, kind):
    before = Finding.objects.filter(inspection=cast.draft).count()
    response = writer.post(finding_new_url(cast.draft), {"kind": kind, "areas": ["responding"], "text": "x"})
    assert response.status_code == 200
    assert "Select a valid choice" in reading.errors(response)
    assert Finding.objects.filter(inspection=cast.draft).count() == before


def test_work_in_progress_is_recorded_on_ba_2006(ba_inspection, writer):
    response = writer.post(
        finding_new_url(ba_inspection), {"kind": "work-in-progress", "areas": ["1a"], "text": "Under way"}
    )
    assert response.status_code == 302
    assert Finding.objects.get(inspection=ba_inspection).kind == "work-in-progress"


def test_a_finding_needs_text_and_an_area(cast, writer, reading):
    before = Finding.objects.count()
    response = writer.post(finding_new_url(cast.draft), {"kind": "strength", "areas": [], "text": "  "})
    assert response.status_code == 200
    assert "This field is required" in reading.errors(response)
    assert Finding.objects.count() == before


def test_a_recommendation_needs_a_cause_of_concern(cast, writer, reading):
    data = {"kind": "recommendation", "areas": ["responding"], "text": "Recruit call handlers"}
    response = writer.post(finding_new_url(cast.draft), data)
    assert response.status_code == 200
    assert "a recommendation must belong to a cause of concern" in reading.errors(response)
    assert not Finding.objects.filter(inspection=cast.draft, kind="recommendation").exists()

    writer.post(
        finding_new_url(cast.draft),
        {"kind": "cause-of-concern", "areas": ["responding"], "text": "Calls go unanswered"},
    )
    cause = Finding.objects.get(inspection=cast.draft, kind="cause-of-concern")
    assert writer.post(finding_new_url(cast.draft), {**data, "parent": str(cause.code)}).status_code == 302
    recommendation = Finding.objects.get(inspection=cast.draft, kind="recommendation")
    assert recommendation.parent == cause
    cause_page = reading.json(writer.get(finding_url(cause, "json")))
    assert [r["code"] for r in cause_page["recommendations"]] == [str(recommendation.code)]
    assert reading.json(writer.get(finding_url(recommendation, "json")))["parent"] == str(cause.code)


def test_only_a_recommendation_may_have_a_parent(cast, writer, reading):
    writer.post(
        finding_new_url(cast.draft), {"kind": "cause-of-concern", "areas": ["responding"], "text": "Concern"}
    )
    cause = Finding.objects.get(inspection=cast.draft, kind="cause-of-concern")
    response = writer.post(
        finding_new_url(cast.draft),
        {"kind": "strength", "areas": ["responding"], "text": "Strong", "parent": str(cause.code)},
    )
    assert response.status_code == 200
    assert "only a recommendation belongs to a cause of concern" in reading.errors(response)
    assert not Finding.objects.filter(inspection=cast.draft, text="Strong").exists()


def test_a_cause_of_concern_of_another_inspection_cannot_be_a_parent(cast, writer, reading):
    writer.post(
        finding_new_url(cast.factual),
        {"kind": "cause-of-concern", "areas": ["responding"], "text": "Another inspection's concern"},
    )
    other = Finding.objects.get(inspection=cast.factual, kind="cause-of-concern")
    response = writer.post(
        finding_new_url(cast.draft),
        {"kind": "recommendation", "areas": ["responding"], "text": "Rec", "parent": str(other.code)},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in reading.errors(response)
    assert not Finding.objects.filter(inspection=cast.draft, kind="recommendation").exists()


def test_a_cause_of_concern_with_recommendations_cannot_change_kind(cast, writer, reading):
    """Otherwise its recommendations would answer something that is no longer a cause of concern."""
    writer.post(
        finding_new_url(cast.draft), {"kind": "cause-of-concern", "areas": ["responding"], "text": "Concern"}
    )
    cause = Finding.objects.get(inspection=cast.draft, kind="cause-of-concern")
    writer.post(
        finding_new_url(cast.draft),
        {"kind": "recommendation", "areas": ["responding"], "text": "Do this", "parent": str(cause.code)},
    )
    writer.post(
        finding_new_url(cast.draft), {"kind": "cause-of-concern", "areas": ["investigating"], "text": "Other"}
    )
    other = Finding.objects.get(inspection=cast.draft, kind="cause-of-concern", text="Other")
    for data in (
        {"kind": "strength", "areas": ["responding"], "text": "Concern"},
        {"kind": "recommendation", "areas": ["responding"], "text": "Concern", "parent": str(other.code)},
    ):
        response = post_edit(writer, finding_url(cause), data)
        assert response.status_code == 200
        assert "must stay a cause of concern" in reading.errors(response)
        cause.refresh_from_db()
        assert (cause.kind, cause.parent) == ("cause-of-concern", None)


def test_a_cause_of_concern_cannot_become_its_own_recommendation(cast, writer, reading):
    writer.post(
        finding_new_url(cast.draft), {"kind": "cause-of-concern", "areas": ["responding"], "text": "Concern"}
    )
    cause = Finding.objects.get(inspection=cast.draft, kind="cause-of-concern")
    data = {"kind": "recommendation", "areas": ["responding"], "text": "Concern", "parent": str(cause.code)}
    response = post_edit(writer, finding_url(cause), data)
    assert response.status_code == 200
    assert "cannot belong to itself" in reading.errors(response)
    cause.refresh_from_db()
    assert (cause.kind, cause.parent) == ("cause-of-concern", None)


def test_deleting_a_cause_of_concern_deletes_its_recommendations(cast, writer):
    writer.post(
        finding_new_url(cast.draft), {"kind": "cause-of-concern", "areas": ["responding"], "text": "Concern"}
    )
    cause = Finding.objects.get(inspection=cast.draft, kind="cause-of-concern")
    writer.post(
        finding_new_url(cast.draft),
        {"kind": "recommendation", "areas": ["responding"], "text": "Do this", "parent": str(cause.code)},
    )
    writer.post(reverse("finding-delete", kwargs={"code": cast.draft.code, "finding_code": cause.code}))
    assert not Finding.objects.filter(inspection=cast.draft, kind__in=["cause-of-concern", "recommendation"])


@pytest.mark.parametrize("areas", [["no-such-area"], ["responding", "1a"]])
def test_a_finding_on_an_unknown_area_is_refused(cast, writer, reading, areas):
    before = Finding.objects.count()
    response = writer.post(finding_new_url(cast.draft), {"kind": "strength", "areas": areas, "text": "x"})
    assert response.status_code == 200
    assert "Select a valid choice" in reading.errors(response)
    assert Finding.objects.count() == before


# Evidence -----------------------------------------------------------------------------------


def evidence_url(evidence, fmt: str = "html") -> str:
    name = "evidence" if fmt == "html" else f"evidence.{fmt}"
    return reverse(name, kwargs={"code": evidence.inspection.code, "evidence_code": evidence.code})


def test_writer_adds_edits_and_deletes_evidence_with_areas(cast, writer, reading):
    response = writer.post(
        reverse("evidence-new", kwargs={"code": cast.draft.code}),
        {
            "kind": "interview",
            "title": "Control room supervisor",
            "areas": ["responding", "crime-recording"],
            "collected_on": "2021-10-04",
            "attributed_to": "Inspector A",
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(inspection=cast.draft, title="Control room supervisor")
    assert evidence.area_ids == ["responding", "crime-recording"]
    assert evidence.created_by == cast.users["writer"]
    document = reading.json(writer.get(evidence_url(evidence, "json")))
    assert (document["kind"], document["date"], document["attributed_to"]) == (
        "interview",
        "2021-10-04",
        "Inspector A",
    )
    on_area = reading.json(writer.get(area_url(cast.draft, "crime-recording", "json")))["evidence_on_area"]
    assert [e["code"] for e in on_area] == [str(evidence.code)]
    # The edit form offers the stored date as a browser's date input reads it, so saving keeps it.
    assert 'type="date" name="collected_on" value="2021-10-04"' in reading.html(
        writer.get(evidence_url(evidence))
    )

    response = post_edit(
        writer,
        evidence_url(evidence),
        {
            "kind": "focus-group",
            "title": "Call handlers",
            "areas": ["responding"],
            "date_label": "autumn 2021",
        },
    )
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert (evidence.kind, evidence.title, evidence.area_ids) == (
        "focus-group",
        "Call handlers",
        ["responding"],
    )
    assert reading.json(writer.get(evidence_url(evidence, "json")))["date"] == "autumn 2021"
    assert reading.json(writer.get(area_url(cast.draft, "crime-recording", "json")))["evidence_on_area"] == []

    response = writer.post(
        reverse("evidence-delete", kwargs={"code": cast.draft.code, "evidence_code": evidence.code})
    )
    assert response.status_code == 302
    assert not Evidence.objects.filter(pk=evidence.pk).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "interview", "title": "x", "areas": ["no-such-area"]}, "Select a valid choice"),
        ({"kind": "rumour", "title": "x"}, "Select a valid choice"),
        ({"kind": "interview", "title": ""}, "This field is required"),
        ({"kind": "interview", "title": "x", "collected_on": "4 Octember"}, "Enter a valid date"),
    ],
)
def test_invalid_evidence_is_refused(cast, writer, reading, data, message):
    before = Evidence.objects.count()
    response = writer.post(reverse("evidence-new", kwargs={"code": cast.draft.code}), data)
    assert response.status_code == 200
    assert message in reading.errors(response)
    assert Evidence.objects.count() == before


def test_editing_evidence_onto_an_unknown_area_changes_nothing(cast, writer, reading):
    evidence = cast.evidence["draft"]
    response = post_edit(
        writer, evidence_url(evidence), {"kind": "document", "title": "New", "areas": ["nope"]}
    )
    assert response.status_code == 200
    evidence.refresh_from_db()
    assert (evidence.title, evidence.area_ids) == ("Plan of MPS-DRAFT", ["prevention"])
