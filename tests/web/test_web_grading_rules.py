"""The framework's grading rules, shown on the inspection page and in its .json twin."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from inspectorate.web.inspections.models import Inspection, TeamMember, TeamRole
from inspectorate.web.inspections.recording import record_judgment
from inspectorate.web.reports.publishing import publish_as_published
from support.editing import post_edit

pytestmark = pytest.mark.django_db


def grade(client, inspection, area_id: str, value: str, direction: str = "") -> None:
    url = reverse("area", kwargs={"code": inspection.code, "area_id": area_id})
    data = {"grade": value, **({"direction": direction} if direction else {})}
    assert post_edit(client, url, data).status_code == 302


def add_finding(
    client, inspection, kind: str, areas: list[str], text: str = "A finding", parent: str = ""
) -> None:
    url = reverse("finding-new", kwargs={"code": inspection.code})
    data = {"kind": kind, "areas": areas, "text": text, **({"parent": parent} if parent else {})}
    assert client.post(url, data).status_code == 302


def add_cause_with_recommendation(client, inspection, areas: list[str], text: str = "A concern") -> None:
    from inspectorate.web.inspections.models import Finding

    add_finding(client, inspection, "cause-of-concern", areas, text)
    cause = Finding.objects.filter(inspection=inspection, kind="cause-of-concern").latest("id")
    add_finding(client, inspection, "recommendation", areas, "The force should act.", parent=str(cause.code))


def breaches(client, inspection, reading) -> list[tuple[str, str]]:
    data = reading.json(client.get(reverse("inspection.json", kwargs={"code": inspection.code})))
    return [(b["rule"], b["area"]) for b in data["breaches"]]


def breaches_section(client, inspection, reading) -> str:
    page = reading.html(client.get(reverse("inspection", kwargs={"code": inspection.code})))
    return re.search(r'<section id="breaches".*?</section>', page, re.S).group(0)


def test_no_breaches_on_a_fresh_inspection(cast, writer, reading):
    assert breaches(writer, cast.draft, reading) == []
    assert 'class="no-breaches"' in breaches_section(writer, cast.draft, reading)


def test_inadequate_without_findings_is_a_breach_on_the_page_and_in_json(cast, writer, reading):
    grade(writer, cast.draft, "responding", "inadequate")
    assert breaches(writer, cast.draft, reading) == [("weak-grade-needs-finding", "responding")]
    section = breaches_section(writer, cast.draft, reading)
    assert 'class="breaches"' in section
    assert "weak-grade-needs-finding" in section
    assert ">Responding to the public</a>" in section  # the area by its title, as readers know it
    assert "graded Inadequate but carries no cause of concern or area for improvement" in section


def test_an_area_for_improvement_on_the_area_clears_the_breach(cast, writer, reading):
    grade(writer, cast.draft, "responding", "inadequate")
    add_finding(writer, cast.draft, "area-for-improvement", ["responding"])
    assert breaches(writer, cast.draft, reading) == []
    assert 'class="no-breaches"' in breaches_section(writer, cast.draft, reading)


def test_a_finding_on_another_area_does_not_clear_the_breach(cast, writer, reading):
    grade(writer, cast.draft, "responding", "requires-improvement")
    add_finding(writer, cast.draft, "area-for-improvement", ["investigating"])
    add_finding(writer, cast.draft, "strength", ["responding"])
    assert breaches(writer, cast.draft, reading) == [("weak-grade-needs-finding", "responding")]


def test_a_cause_of_concern_on_an_area_graded_good_is_a_breach(cast, writer, reading):
    grade(writer, cast.draft, "investigating", "good")
    add_cause_with_recommendation(writer, cast.draft, ["investigating"], "Investigations stall")
    data = reading.json(writer.get(reverse("inspection.json", kwargs={"code": cast.draft.code})))
    assert [(b["rule"], b["area"]) for b in data["breaches"]] == [
        ("no-concern-on-strong-grade", "investigating")
    ]
    cause = next(f for f in data["findings"] if f["kind"] == "cause-of-concern")
    assert data["breaches"][0]["finding"] == cause["code"]
    assert "no-concern-on-strong-grade" in breaches_section(writer, cast.draft, reading)


def test_regrading_the_area_clears_a_cause_of_concern_breach(cast, writer, reading):
    grade(writer, cast.draft, "investigating", "good")
    add_cause_with_recommendation(writer, cast.draft, ["investigating"])
    grade(writer, cast.draft, "investigating", "inadequate")
    assert breaches(writer, cast.draft, reading) == []


def test_a_cause_of_concern_without_a_recommendation_is_a_breach_until_one_answers_it(cast, writer, reading):
    from inspectorate.web.inspections.models import Finding

    grade(writer, cast.draft, "responding", "inadequate")
    add_finding(writer, cast.draft, "cause-of-concern", ["responding"], "Calls go unanswered")
    cause = Finding.objects.get(inspection=cast.draft, kind="cause-of-concern")
    data = reading.json(writer.get(reverse("inspection.json", kwargs={"code": cast.draft.code})))
    assert [(b["rule"], b["area"], b["finding"]) for b in data["breaches"]] == [
        ("concern-needs-recommendation", "responding", str(cause.code))
    ]
    assert "a cause of concern without a recommendation" in breaches_section(writer, cast.draft, reading)
    # A recommendation answering another cause does not count; one answering this cause does.
    add_cause_with_recommendation(writer, cast.draft, ["responding"], "Calls are dropped")
    assert breaches(writer, cast.draft, reading) == [("concern-needs-recommendation", "responding")]
    add_finding(writer, cast.draft, "recommendation", ["responding"], "Answer calls", parent=str(cause.code))
    assert breaches(writer, cast.draft, reading) == []


def test_ba_2006_protecting_vulnerable_people_is_capped_at_its_weakest_component(
    ba_inspection, writer, reading
):
    grade(writer, ba_inspection, "4b", "good", direction="stable")
    assert breaches(writer, ba_inspection, reading) == []  # components not graded do not cap
    grade(writer, ba_inspection, "4b.missing-persons", "fair")
    assert breaches(writer, ba_inspection, reading) == [("vulnerable-people-capped-at-weakest", "4b")]
    section = breaches_section(writer, ba_inspection, reading)
    assert "graded Good but its weakest part, Vulnerable missing persons, is graded Fair" in section
    grade(writer, ba_inspection, "4b", "fair", direction="stable")
    assert breaches(writer, ba_inspection, reading) == []


def test_deleting_the_explaining_finding_brings_the_breach_back(cast, writer, reading):
    from inspectorate.web.inspections.models import Finding

    grade(writer, cast.draft, "responding", "inadequate")
    add_finding(writer, cast.draft, "area-for-improvement", ["responding"])
    finding = Finding.objects.get(inspection=cast.draft, kind="area-for-improvement")
    writer.post(reverse("finding-delete", kwargs={"code": cast.draft.code, "finding_code": finding.code}))
    assert breaches(writer, cast.draft, reading) == [("weak-grade-needs-finding", "responding")]


def test_ba_2006_grade_without_direction_and_poor_without_improvement_area(ba_inspection, writer, reading):
    grade(writer, ba_inspection, "1a", "poor")
    assert breaches(writer, ba_inspection, reading) == [
        ("graded-needs-direction", "1a"),
        ("poor-needs-improvement-area", "1a"),
    ]
    grade(writer, ba_inspection, "1a", "poor", direction="not-graded")
    add_finding(writer, ba_inspection, "area-for-improvement", ["1a"])
    assert breaches(writer, ba_inspection, reading) == []


def test_rule_checks_are_the_teams_tool_never_shown_with_the_published_record(cast, client_for, reading):
    """A report published elsewhere (an import) is recorded as it was, even where it breaks a rule of
    the framework: the team sees the breach, the public reads the report without a red box."""
    imported = Inspection.objects.create(
        reference="MPS-IMPORTED",
        title="An imported report",
        force_id="metropolitan",
        framework_id="peel-2021",
        status="published",
    )
    TeamMember.objects.create(inspection=imported, user=cast.users["writer"], role=TeamRole.LEAD)
    record_judgment(imported, "responding", grade="inadequate")
    publish_as_published(imported)
    assert breaches(client_for("writer"), imported, reading) == [("weak-grade-needs-finding", "responding")]
    assert breaches(client_for("anonymous"), imported, reading) == []
    page = reading.html(client_for("anonymous").get(reverse("inspection", kwargs={"code": imported.code})))
    assert 'id="breaches"' not in page and "weak-grade-needs-finding" not in page
