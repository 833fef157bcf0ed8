"""Evidence linked to the findings it supports, evidence and findings marked against the framework's
criteria, and the area page that shows each criterion with what bears on it.

Run on a small framework of the tests' own (tests/support/criteria_framework.py), so that what the
library's frameworks say does not move these tests.
"""

from __future__ import annotations

import re

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from inspectorate.web.inspections.models import ContactRole, Evidence, Finding, InspectionContact, Status
from inspectorate.web.inspections.recording import RecordingError, save_evidence, save_finding
from inspectorate.web.registry.frameworks import store_framework
from inspectorate.web.reports.publishing import publish_as_published
from support.criteria_framework import PLAIN_FRAMEWORK, criteria_inspection
from support.editing import post_edit, revision_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection(cast):
    return criteria_inspection(cast.users)


@pytest.fixture
def finding(inspection):
    return save_finding(
        inspection,
        kind="area-for-improvement",
        area_ids=["answering"],
        text="Answer 999 calls faster",
        criterion_ids=["answers-quickly"],
    )


def url(name: str, inspection, fmt: str = "html", **kwargs) -> str:
    return reverse(name if fmt == "html" else f"{name}.{fmt}", kwargs={"code": inspection.code, **kwargs})


def area_url(inspection, area_id: str, fmt: str = "html") -> str:
    return url("area", inspection, fmt, area_id=area_id)


def evidence_url(evidence, fmt: str = "html") -> str:
    return url("evidence", evidence.inspection, fmt, evidence_code=evidence.code)


def finding_url(finding, fmt: str = "html") -> str:
    return url("finding", finding.inspection, fmt, finding_code=finding.code)


# Recording ------------------------------------------------------------------------------------


def test_a_writer_links_evidence_to_findings_and_criteria(cast, inspection, finding, writer, reading):
    response = writer.post(
        url("evidence-new", inspection),
        {
            "kind": "interview",
            "title": "Control room supervisor",
            "areas": ["answering"],
            "findings": [str(finding.code)],
            "criteria": ["answers-quickly", "records-accurately"],
        },
    )
    assert response.status_code == 302, reading.errors(response)
    evidence = Evidence.objects.get(inspection=inspection)
    assert list(evidence.findings.all()) == [finding]
    assert evidence.criterion_ids == ["answers-quickly", "records-accurately"]

    document = reading.json(writer.get(evidence_url(evidence, "json")))
    assert document["findings"] == [str(finding.code)]
    assert document["criteria"] == ["answers-quickly", "records-accurately"]
    assert [f["code"] for f in document["supports"]] == [str(finding.code)]
    row = reading.csv(writer.get(evidence_url(evidence, "csv")))[0]
    assert (row["criteria"], row["findings"]) == ("answers-quickly;records-accurately", str(finding.code))

    page = reading.html(writer.get(evidence_url(evidence)))
    assert "Answer 999 calls faster" in page
    assert "The force records crime accurately." in page


def test_the_link_to_findings_is_in_the_audit_trail(cast, inspection, finding, writer):
    writer.post(
        url("evidence-new", inspection),
        {"kind": "document", "title": "Policy", "findings": [str(finding.code)]},
    )
    evidence = Evidence.objects.get(inspection=inspection)
    entries = LogEntry.objects.get_for_object(evidence)
    assert any(e.changes_dict.get("findings") for e in entries), [e.changes for e in entries]


def test_editing_evidence_changes_its_links_and_a_stale_form_is_a_conflict(
    cast, inspection, finding, writer, reading
):
    evidence = save_evidence(inspection, kind="document", title="Policy", finding_codes=[finding.code])
    opened = revision_in(writer.get(evidence_url(evidence)))
    response = post_edit(
        writer, evidence_url(evidence), {"kind": "document", "title": "Policy", "criteria": ["assesses-risk"]}
    )
    assert response.status_code == 302, reading.errors(response)
    evidence.refresh_from_db()
    assert (list(evidence.findings.all()), evidence.criterion_ids) == ([], ["assesses-risk"])

    stale = writer.post(
        evidence_url(evidence), {"kind": "document", "title": "Policy", "criteria": [], "revision": opened}
    )
    assert stale.status_code == 409
    evidence.refresh_from_db()
    assert evidence.criterion_ids == ["assesses-risk"]


def test_a_writer_marks_a_finding_against_criteria(cast, inspection, writer, reading):
    response = writer.post(
        url("finding-new", inspection),
        {
            "kind": "strength",
            "areas": ["recording"],
            "text": "Accurate recording",
            "criteria": ["records-accurately"],
        },
    )
    assert response.status_code == 302, reading.errors(response)
    finding = Finding.objects.get(inspection=inspection)
    assert finding.criterion_ids == ["records-accurately"]
    assert reading.json(writer.get(finding_url(finding, "json")))["criteria"] == ["records-accurately"]

    response = post_edit(
        writer, finding_url(finding), {"kind": "strength", "areas": ["recording"], "text": "Accurate"}
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.criterion_ids == []


@pytest.mark.parametrize("form", ["evidence-new", "finding-new"])
def test_an_unknown_criterion_is_refused_by_the_form(cast, inspection, writer, reading, form):
    data = {
        "kind": "strength",
        "title": "x",
        "text": "x",
        "areas": ["answering"],
        "criteria": ["no-such-criterion"],
    }
    if form == "evidence-new":
        data["kind"] = "document"
    response = writer.post(url(form, inspection), data)
    assert response.status_code == 200
    assert "Select a valid choice. no-such-criterion" in reading.errors(response)
    assert not Evidence.objects.filter(inspection=inspection).exists()
    assert not Finding.objects.filter(inspection=inspection).exists()


def test_an_unknown_criterion_is_refused_by_the_service_naming_it(cast, inspection):
    with pytest.raises(RecordingError, match=r"^test-criteria has no criterion 'nope'$") as refused:
        save_evidence(inspection, kind="document", title="x", criterion_ids=["answers-quickly", "nope"])
    assert refused.value.field == "criteria"
    with pytest.raises(RecordingError, match="has no criterion 'nope'"):
        save_finding(inspection, kind="strength", area_ids=["answering"], text="x", criterion_ids=["nope"])
    assert not Evidence.objects.filter(inspection=inspection).exists()


def test_a_finding_of_another_inspection_is_refused(cast, inspection, writer, reading):
    other = cast.findings["factual"]
    # With no findings of its own yet, the form has none to choose from: the code sent is ignored.
    writer.post(
        url("evidence-new", inspection), {"kind": "document", "title": "First", "findings": [str(other.code)]}
    )
    assert list(Evidence.objects.get(inspection=inspection, title="First").findings.all()) == []
    save_finding(inspection, kind="strength", area_ids=["answering"], text="Ours")
    response = writer.post(
        url("evidence-new", inspection), {"kind": "document", "title": "x", "findings": [str(other.code)]}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in reading.errors(response)

    with pytest.raises(RecordingError, match=rf"^MPS-CRITERIA has no finding {other.code}$") as refused:
        save_evidence(inspection, kind="document", title="x", finding_codes=[other.code])
    assert refused.value.field == "findings"
    with pytest.raises(RecordingError, match="has no finding not-a-code"):
        save_evidence(inspection, kind="document", title="x", finding_codes=["not-a-code"])
    assert not Evidence.objects.filter(inspection=inspection, title="x").exists()


def test_the_form_groups_the_criteria_by_area(cast, inspection, writer, reading):
    page = reading.html(writer.get(url("evidence-new", inspection)))
    groups = re.findall(r'<span class="govuk-details__summary-text">(.*?)</span>', page)
    assert groups == ["1A Answering calls (2 criteria)", "1B Recording crime (1 criterion)"]
    assert re.findall(r'name="criteria" type="checkbox" value="([^"]+)"', page) == [
        "answers-quickly",
        "assesses-risk",
        "records-accurately",
    ]
    assert "The force answers emergency calls quickly. (dominant)" in page
    assert "Call handlers assess the risk to each caller. (describes Good)" in page


def test_a_framework_without_criteria_asks_for_none(cast, writer, reading):
    store_framework(PLAIN_FRAMEWORK)
    plain = criteria_inspection(cast.users, "MPS-PLAIN")
    plain.framework_id = PLAIN_FRAMEWORK.id
    plain.save()
    page = reading.html(writer.get(url("evidence-new", plain)))
    assert 'name="criteria"' not in page
    assert writer.post(url("evidence-new", plain), {"kind": "document", "title": "x"}).status_code == 302


# The area page --------------------------------------------------------------------------------


def test_the_area_page_shows_each_criterion_with_what_bears_on_it(cast, inspection, finding, writer, reading):
    marked = save_evidence(
        inspection, kind="interview", title="Call handler", criterion_ids=["assesses-risk"]
    )
    supporting = save_evidence(
        inspection,
        kind="data",
        title="Call answering times",
        area_ids=["context"],
        finding_codes=[finding.code],
    )
    unrelated = save_evidence(inspection, kind="document", title="Crime audit", area_ids=["recording"])

    document = reading.json(writer.get(area_url(inspection, "answering", "json")))
    criteria = {c["id"]: c for c in document["criteria"]}
    assert list(criteria) == ["answers-quickly", "assesses-risk"]
    assert criteria["answers-quickly"]["dominant"] is True
    assert (criteria["assesses-risk"]["grade"], criteria["assesses-risk"]["grade_label"]) == ("good", "Good")
    assert criteria["answers-quickly"]["findings"] == [str(finding.code)]
    assert criteria["assesses-risk"]["evidence"] == [str(marked.code)]
    on_area = {e["code"] for e in document["evidence_on_area"]}
    assert on_area == {str(marked.code), str(supporting.code)}  # not the one on another area
    assert str(unrelated.code) not in on_area

    page = reading.html(writer.get(area_url(inspection, "answering")))
    # The criterion's item, up to the next criterion's (or the end of the list).
    criterion = page.split('id="criterion-assesses-risk"')[1].split('class="app-criterion"')[0]
    assert "Describes Good" in criterion
    assert evidence_url(marked) in criterion
    # From the grade's finding to the evidence behind it.
    link = f'<a class="govuk-link" href="{evidence_url(supporting)}">Call answering times</a>'
    assert f"Supported by {link}" in page


def test_the_finding_page_shows_its_evidence_to_the_team_only(cast, inspection, finding, client_for, reading):
    evidence = save_evidence(
        inspection, kind="data", title="Call answering times", finding_codes=[finding.code]
    )
    document = reading.json(client_for("reader").get(finding_url(finding, "json")))
    assert [e["code"] for e in document["evidence"]] == [str(evidence.code)]
    page = reading.html(client_for("reader").get(finding_url(finding)))
    assert evidence_url(evidence) in page
    assert "The force answers emergency calls quickly." in page

    inspection.status = Status.FACTUAL_ACCURACY
    inspection.save()
    InspectionContact.objects.create(
        inspection=inspection, user=cast.users["liaison"], role=ContactRole.LIAISON
    )
    liaison = client_for("liaison")
    document = reading.json(liaison.get(finding_url(finding, "json")))
    assert document["evidence"] == []
    assert "Call answering times" not in reading.html(liaison.get(finding_url(finding)))
    area = reading.json(liaison.get(area_url(inspection, "answering", "json")))
    assert area["evidence_on_area"] == []
    assert all(c["evidence"] == [] for c in area["criteria"])
    assert "Call answering times" not in reading.html(liaison.get(area_url(inspection, "answering")))


def test_the_public_read_the_criteria_but_never_the_evidence(cast, inspection, finding, client_for, reading):
    save_evidence(
        inspection,
        kind="data",
        title="Call answering times",
        criterion_ids=["answers-quickly"],
        finding_codes=[finding.code],
    )
    publish_as_published(inspection)
    for role in ("anonymous", "outsider"):
        client = client_for(role)
        document = reading.json(client.get(area_url(inspection, "answering", "json")))
        assert [c["text"] for c in document["criteria"]] == [
            "The force answers emergency calls quickly.",
            "Call handlers assess the risk to each caller.",
        ]
        assert all(c["evidence"] == [] for c in document["criteria"])
        assert document["evidence_on_area"] == []
        page = reading.html(client.get(area_url(inspection, "answering")))
        assert "The force answers emergency calls quickly." in page
        assert "Call answering times" not in page
        published = document["findings_on_area"][0]
        assert published["criteria"] == []
        finding_page = reading.json(client.get(finding_url(finding, "json")))
        assert finding_page["evidence"] == []
