"""An inspection's report: the layout of its programme, figures with their method and source, every
format, and a draft's report seen by its team only, marked as a draft."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest
from django.urls import reverse

from inspectorate.web.inspections.models import PublishedFigure
from inspectorate.web.inspections.recording import record_judgment, save_finding
from support.publishing import correction, printed_pdf

pytestmark = pytest.mark.django_db


def _url(inspection: Any, fmt: str = "html") -> str:
    if fmt == "pdf":
        return reverse("inspection-report-pdf", kwargs={"code": inspection.code})
    return reverse(
        "inspection-report" if fmt == "html" else f"inspection-report.{fmt}", kwargs={"code": inspection.code}
    )


@pytest.fixture
def graded(cast: Any) -> Any:
    """The cast's published PEEL 2021/22 inspection with grades, findings of each kind and figures,
    published as a correction."""
    inspection = cast.published
    with correction(inspection):
        record_judgment(inspection, "responding", grade="inadequate")
        record_judgment(inspection, "crime-recording", grade="adequate")
        concern = save_finding(
            inspection, kind="cause-of-concern", area_ids=["responding"], text="Callers wait too long."
        )
        save_finding(
            inspection,
            kind="recommendation",
            area_ids=["responding"],
            text="Answer calls faster.",
            parent=concern,
        )
        save_finding(inspection, kind="main-finding", area_ids=[], text="The force must answer calls faster")
        PublishedFigure.objects.create(
            inspection=inspection,
            section="crime-data-integrity",
            measure="Recording rate, all crime",
            percent=91.7,
            ci_plus_minus=2.4,
            method="As published in the report",
            source="report, line 60",
        )
        PublishedFigure.objects.create(
            inspection=inspection,
            section="case-review",
            measure="Risk assessed at first contact",
            n=21,
            m=107,
            method="As published in the report",
            source="report, line 168",
        )
    return inspection


def test_the_json_report_carries_grades_findings_and_figures_with_their_source(graded, writer, reading):
    report = reading.json(writer.get(_url(graded, "json")))
    assert report["layout"] == "peel-2021"
    grades = {g["area_id"]: g["grade_label"] for g in report["grades"]}
    assert grades == {"responding": "Inadequate", "crime-recording": "Adequate"}
    responding = next(a for a in report["areas"] if a["grade"]["area_id"] == "responding")
    (concern,) = [f for f in responding["findings"] if f["kind"] == "cause-of-concern"]
    assert concern["recommendations"] == ["Answer calls faster."]
    assert [o["text"] for o in report["observations"]] == ["The force must answer calls faster"]
    texts = {f["measure"]: f["text"] for f in report["figures"]}
    assert texts["Recording rate, all crime"] == "91.7% (+/- 2.4)"
    assert texts["Risk assessed at first contact"] == "21 of 107"
    assert all(f["source"] for f in report["figures"])


def test_the_html_report_follows_the_2021_layout(graded, writer, reading):
    page = reading.html(writer.get(_url(graded)))
    order = [
        "Our judgments",
        "HM Inspector's observations",
        "Providing a service to the victims of crime",
        "Crime data integrity",
        "Responding to the public",
    ]
    positions = [page.index(f'<h2 class="govuk-heading-m">{heading}</h2>') for heading in order]
    assert positions == sorted(positions)
    assert "Cause of concern" in page and "Answer calls faster." in page
    assert "<svg" in page  # the charts, drawn offline
    assert "DRAFT" not in page


def test_the_site_frames_the_report_with_its_header_and_a_way_back_and_the_paper_does_not(
    graded, writer, client_for, reading
):
    from inspectorate.core.reports.context import context_from_json
    from inspectorate.web.reports.render import body, html

    site = reading.html(client_for("anonymous").get(_url(graded)))
    assert site.count("<h1") == 1 and "govuk-generic-header" in site and "govuk-service-navigation" in site
    assert 'class="govuk-breadcrumbs"' in site and reverse("published-reports") in site
    assert 'aria-label="Our judgments"' in site  # its tables scroll inside named boxes
    report = context_from_json(reading.json(writer.get(_url(graded, "json"))))
    made = body(report, charts=False)
    assert made.count("<h1") == 1 and "Our judgments" in made
    paper = html(report, charts=False)
    assert paper.startswith("<!doctype html>") and '<html lang="en-GB">' in paper
    assert "govuk-generic-header" not in paper and "govuk-service-navigation" not in paper
    assert "Sign in" not in paper and "@page" in paper


def test_the_csv_twin_has_a_row_per_grade_finding_and_figure(graded, writer, reading):
    rows = reading.csv(writer.get(_url(graded, "csv")))
    sections = [row["section"] for row in rows]
    assert sections.count("grade") == 2
    assert {"finding", "observation", "crime-data-integrity", "case-review"} <= set(sections)
    (rate,) = [row for row in rows if row["section"] == "crime-data-integrity"]
    assert (rate["percent"], rate["ci_plus_minus"], rate["source"]) == ("91.7", "2.4", "report, line 60")


def test_the_pdf_is_printed_in_the_background_and_its_text_has_the_figures(graded, writer, reading, tmp_path):
    waiting = writer.get(_url(graded, "pdf"))
    assert (waiting.status_code, waiting["Retry-After"]) == (202, "5")
    assert "being prepared" in reading.html(waiting)
    # It asks again by a script that starts the download, never by reloading the page under the reader.
    assert 'http-equiv="refresh"' not in reading.html(waiting)
    assert f'data-await-pdf="{_url(graded, "pdf")}"' in reading.html(waiting)
    response = printed_pdf(writer, _url(graded, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "91.7% (+/- 2.4)" in text and "21 of 107" in text
    assert "DRAFT" not in text


def test_a_drafts_report_says_so_on_every_page_and_only_its_team_sees_it(cast, client_for, tmp_path):
    draft = cast.draft
    for role in ("writer", "reader", "staff"):
        for fmt in ("html", "json", "csv", "pdf"):
            answer = client_for(role).get(_url(draft, fmt))
            assert answer.status_code == (202 if fmt == "pdf" else 200), (role, fmt)
    for role in ("outsider", "anonymous", "liaison"):
        for fmt in ("html", "json", "csv", "pdf"):
            assert client_for(role).get(_url(draft, fmt)).status_code == 404, (role, fmt)
    path = tmp_path / "draft.pdf"
    path.write_bytes(printed_pdf(client_for("writer"), _url(draft, "pdf")).content)
    pages = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [page for page in pages.split("\f") if page.strip()]
    assert pages and all("DRAFT: not for publication" in page for page in pages)


@pytest.mark.parametrize(
    ("framework", "heading"),
    [
        ("ba-2006", "Summary of judgements"),
        ("peel-2015-effectiveness", "Overview"),
        ("core-business-2014", "To the chief officer"),
    ],
)
def test_each_programme_has_its_own_layout(cast, writer, reading, framework, heading):
    from inspectorate.web.inspections.models import Inspection, Status, TeamMember, TeamRole

    inspection = Inspection.objects.create(
        reference=f"LAYOUT-{framework}".upper(),
        title="Layout",
        force_id="metropolitan",
        framework_id=framework,
        status=Status.FIELDWORK,
    )
    TeamMember.objects.create(inspection=inspection, user=cast.users["writer"], role=TeamRole.LEAD)
    assert heading in reading.html(writer.get(_url(inspection)))


def test_the_2006_layout_lists_strengths_before_areas_for_improvement(cast, writer, reading):
    from inspectorate.web.inspections.models import Inspection, Status, TeamMember, TeamRole

    inspection = Inspection.objects.create(
        reference="BA-ORDER",
        title="Baseline",
        force_id="metropolitan",
        framework_id="ba-2006",
        status=Status.FIELDWORK,
    )
    TeamMember.objects.create(inspection=inspection, user=cast.users["writer"], role=TeamRole.LEAD)
    save_finding(inspection, kind="area-for-improvement", area_ids=["1a"], text="Improve the thing.")
    save_finding(inspection, kind="strength", area_ids=["1a"], text="A real strength.")
    page = reading.html(writer.get(_url(inspection)))
    assert page.index("A real strength.") < page.index("Improve the thing.")


def test_figures_of_the_audit_and_review_run_here_name_their_method_and_where_to_check_them(
    cast, audits, reviews, writer, reading
):
    from inspectorate.web.reports.figures import AUDIT_METHOD, REVIEW_METHOD

    report = reading.json(writer.get(_url(cast.draft, "json")))
    audit = audits["draft"]
    rates = [f for f in report["figures"] if f["section"] == "crime-data-integrity"]
    assert rates and all(f["method"] == AUDIT_METHOD for f in rates)
    assert all(audit.reference in f["source"] and str(audit.code) in f["source"] for f in rates)
    # One record of two decided, and it should have been recorded and was: provisional, 100%.
    overall = rates[0]
    assert overall["percent"] == 100.0 and "provisional" in overall["measure"]
    counts = [f for f in report["figures"] if f["section"] == "case-review"]
    assert counts and all(f["method"] == REVIEW_METHOD for f in counts)
    assert all(reviews["draft"].reference in f["source"] for f in counts)
    assert all(f["n"] <= f["m"] for f in counts)
