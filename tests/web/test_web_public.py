"""The public site: published reports, the grades table and open data show what is published and
nothing else, the same to everyone; filters narrow them; JSON and CSV twins carry the same rows."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from inspectorate.web.inspections.models import Inspection, PublishedFigure
from inspectorate.web.inspections.recording import record_judgment, save_finding
from inspectorate.web.reports.publishing import publish
from support.lifecycle import at_factual_accuracy
from support.publishing import correction

pytestmark = pytest.mark.django_db

ROLES = ("writer", "reader", "outsider", "liaison", "anonymous", "staff")


@pytest.fixture
def published(cast: Any) -> Inspection:
    """The cast's published 2021/22 inspection, graded, with a figure; and Kent's, graded too (each
    through a correction, published at once: a published record changes no other way)."""
    with correction(cast.published):
        record_judgment(cast.published, "responding", grade="inadequate")
        concern = save_finding(
            cast.published, kind="cause-of-concern", area_ids=["responding"], text="Calls wait."
        )
        save_finding(
            cast.published, kind="recommendation", area_ids=["responding"], text="Act.", parent=concern
        )
        PublishedFigure.objects.create(
            inspection=cast.published,
            section="case-review",
            measure="Risk assessed",
            n=21,
            m=107,
            method="As published in the report",
            source="report, line 168",
        )
    with correction(cast.kent_published):
        record_judgment(cast.kent_published, "prevention", grade="good")
    return cast.published


@pytest.fixture
def embargoed(cast: Any) -> Inspection:
    """The draft, published under an embargo that ends tomorrow."""
    record_judgment(cast.draft, "prevention", grade="outstanding")
    publish(
        at_factual_accuracy(cast.draft), cast.users["writer"], timezone.now() + datetime.timedelta(days=1)
    )
    return cast.draft


def _grades(client: Any, reading: Any, query: str = "") -> dict[str, Any]:
    return reading.json(client.get(reverse("grades.json") + query))


@pytest.mark.parametrize("role", ROLES)
def test_the_public_site_shows_published_reports_only_to_everyone_alike(
    published, embargoed, client_for, reading, role
):
    client = client_for(role)
    reports = reading.json(client.get(reverse("published-reports.json")))["reports"]
    assert {r["reference"] for r in reports} == {"MPS-PUBLISHED", "KENT-PUBLISHED"}
    rows = _grades(client, reading, "?framework=peel-2021")["rows"]
    assert {r["inspection"] for r in rows} == {"MPS-PUBLISHED", "KENT-PUBLISHED"}
    grades = reading.csv(client.get(reverse("open-grades.csv")))
    assert {row["inspection"] for row in grades} == {"MPS-PUBLISHED", "KENT-PUBLISHED"}
    assert "Outstanding" not in {row["grade_label"] for row in grades}  # the embargoed draft's
    page = reading.html(client.get(reverse("grades")))
    assert "MPS-DRAFT" not in page and "Outstanding" not in page


def test_a_report_appears_when_its_embargo_ends_with_its_published_grades(
    published, embargoed, client_for, reading, monkeypatch
):
    moved = timezone.now() + datetime.timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: moved)
    with correction(embargoed, publish_now=False):  # an edit after publication: not public
        record_judgment(embargoed, "prevention", grade="good")
    rows = _grades(client_for("anonymous"), reading, "?framework=peel-2021")["rows"]
    draft = next(r for r in rows if r["inspection"] == "MPS-DRAFT")
    assert draft["grades"]["prevention"]["label"] == "Outstanding"
    reports = reading.json(client_for("anonymous").get(reverse("published-reports.json")))["reports"]
    assert next(r for r in reports if r["reference"] == "MPS-DRAFT")["version"] == 1


def test_filters_narrow_the_grades_table_by_force_and_area(published, client_for, reading):
    anonymous = client_for("anonymous")
    table = _grades(anonymous, reading, "?framework=peel-2021&force=kent&area=prevention")
    assert [a["area"] for a in table["areas"]] == ["prevention"]
    assert [(r["inspection"], r["grades"]["prevention"]["label"]) for r in table["rows"]] == [
        ("KENT-PUBLISHED", "Good")
    ]
    rows = reading.csv(anonymous.get(reverse("grades.csv") + "?framework=peel-2021&force=metropolitan"))
    assert [(r["inspection"], r["area"], r["grade_label"]) for r in rows] == [
        ("MPS-PUBLISHED", "responding", "Inadequate")
    ]
    assert _grades(anonymous, reading, "?framework=ba-2006")["rows"] == []


def test_open_data_has_every_published_figure_with_its_method_and_source(published, client_for, reading):
    rows = reading.csv(client_for("anonymous").get(reverse("open-figures.csv")))
    stored = [r for r in rows if r["method"] == "As published in the report"]
    assert [(r["inspection"], r["figure"], r["method"], r["source"]) for r in stored] == [
        ("MPS-PUBLISHED", "21 of 107", "As published in the report", "report, line 168")
    ]
    # The rest are the published inspection's own audit and review, each with its method and source.
    assert {r["inspection"] for r in rows} == {"MPS-PUBLISHED"}
    assert all(r["method"] and r["source"] for r in rows)
    index = reading.json(client_for("anonymous").get(reverse("open-data.json")))
    counts = {d["name"]: d["rows"] for d in index["datasets"]}
    # The cause of concern and its recommendation are followed.
    assert counts == {"grades": 2, "figures": len(rows), "reports": 2, "recommendations": 2}


def test_a_published_report_is_listed_with_every_format(published, client_for, reading):
    page = reading.html(client_for("anonymous").get(reverse("published-reports")))
    for name in (
        "inspection-report",
        "inspection-report-pdf",
        "inspection-report.json",
        "inspection-report.csv",
    ):
        assert reverse(name, kwargs={"code": published.code}) in page


def test_a_long_dataset_is_shown_a_page_at_a_time_and_its_twins_carry_it_whole(
    published, client_for, reading, monkeypatch
):
    from inspectorate.web.public import views

    monkeypatch.setattr(views, "DATASET_ROWS_PER_PAGE", 1)
    anonymous = client_for("anonymous")
    page = reading.html(anonymous.get(reverse("open-grades") + "?page=2"))
    assert "this page shows rows 2 to 2" in page
    assert 'class="govuk-pagination"' in page and 'aria-current="page">2</a>' in page
    assert 'href="?page=1" rel="prev"' in page
    assert len(reading.csv(anonymous.get(reverse("open-grades.csv") + "?page=2"))) == 2


def test_page_links_keep_the_first_the_last_and_the_neighbours():
    from inspectorate.web.public.paging import page_numbers

    assert page_numbers(1, 1) == [1]
    assert page_numbers(2, 3) == [1, 2, 3]
    assert page_numbers(5, 10) == [1, None, 4, 5, 6, None, 10]
    assert page_numbers(10, 10) == [1, None, 9, 10]


def test_filters_that_match_nothing_say_so_and_offer_a_way_back(published, client_for, reading):
    anonymous = client_for("anonymous")
    page = reading.html(anonymous.get(reverse("published-reports") + "?force=essex"))
    assert "No report matches these filters" in page and "2 reports are published" in page
    assert f'href="{reverse("published-reports")}">Clear the filters' in page
    grades = reading.html(anonymous.get(reverse("grades") + "?framework=peel-2021&force=essex"))
    assert "No published grades match these filters" in grades
    assert "No Baseline Assessment 2006 grades are published yet" in reading.html(
        anonymous.get(reverse("grades") + "?framework=ba-2006")
    )


def test_each_filter_label_sits_above_its_own_control(published, client_for, reading):
    page = reading.html(client_for("anonymous").get(reverse("grades")))
    for name in ("framework", "force", "year", "area"):
        group = re.search(rf'<label class="govuk-label" for="f-{name}">[^<]*</label>\s*<select[^>]*>', page)
        assert group and f'id="f-{name}"' in group.group(0), name
