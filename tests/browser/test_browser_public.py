"""The public grades table in a real browser: an anonymous visitor picks a programme and a force and
reads the grades; a draft's grades never appear."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from inspectorate.web.inspections.models import Inspection, Origin, Status
from inspectorate.web.inspections.recording import record_judgment
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from inspectorate.web.reports.publishing import publish_as_published
from support.browser import BROWSER_MARKS
from support.site_walk import axe_violations, overflow_at

pytestmark = BROWSER_MARKS


def _inspection(reference: str, force: str, status: str, grades: dict[str, str]) -> Inspection:
    inspection = Inspection.objects.create(
        reference=reference,
        title=reference,
        force_id=force,
        framework_id="peel-2021",
        status=status,
        origin=Origin.IMPORTED,
        period_label="2021/22",
    )
    for area, grade in grades.items():
        record_judgment(inspection, area, grade=grade)
    if status == Status.PUBLISHED:  # an imported report is its published version from the start
        publish_as_published(inspection)
    return inspection


@pytest.fixture
def graded(live_server) -> None:
    sync_library()
    sync_forces()
    _inspection("KENT-2021", "kent", Status.PUBLISHED, {"prevention": "good", "responding": "adequate"})
    _inspection("SURREY-2021", "surrey", Status.PUBLISHED, {"prevention": "outstanding"})
    _inspection("ESSEX-DRAFT", "essex", Status.FIELDWORK, {"prevention": "inadequate"})


def test_an_anonymous_visitor_reads_the_grades_table_and_filters_it(page, live_server, graded) -> None:
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Grades", exact=True).click()
    expect(page.locator("h1")).to_have_text("Grades by force and year")
    table = page.locator("table.app-grades-table")
    expect(table.locator("tbody tr")).to_have_count(2)
    kent = table.locator("tbody tr", has_text="Kent Police")
    headers = table.locator("thead th").all_inner_texts()
    prevention = headers.index("Preventing crime and anti-social behaviour")
    expect(kent.locator("th, td").nth(prevention)).to_have_text("Good")
    expect(page.locator("body")).not_to_contain_text("Essex")

    page.get_by_label("Force", exact=True).select_option(label="Surrey Police")
    page.get_by_role("button", name="Show").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody tr").locator("th, td").nth(prevention)).to_have_text("Outstanding")


def test_every_area_of_the_grades_table_is_reachable_with_the_force_kept_in_view(
    page, live_server, graded
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/grades?framework=peel-2021")
    box = page.get_by_role("region", name="Grades by force and year, PEEL 2021/22")
    headers = box.locator("thead th")
    expect(headers).to_have_count(12)  # force, year and the ten graded areas
    # The inspectorate's warning on comparability sits above the table: bring the table into view first.
    box.scroll_into_view_if_needed()
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    expect(headers.last).to_be_in_viewport()
    expect(box.locator("tbody th", has_text="Kent Police")).to_be_in_viewport()
    assert overflow_at(page, 1280) == 0


@pytest.mark.parametrize("width", [320, 1920])
def test_the_public_pages_pass_axe_and_never_scroll_sideways(page, live_server, graded, width) -> None:
    kent = Inspection.objects.get(reference="KENT-2021")
    paths = [
        "/reports",
        "/reports?force=essex",  # no report matches
        "/grades",
        "/grades?framework=ba-2006",  # nothing published in that programme
        "/open-data",
        "/open-data/grades",
        "/open-data/figures",
        "/forces",
        "/forces/kent",
        "/forces/essex",  # no inspection published
        "/forces/kent/history",
        "/frameworks",
        "/frameworks/peel-2021",
        "/most-similar-groups",  # no table filled in
        f"/inspections/{kent.code}/report",
    ]
    problems = []
    for path in paths:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{live_server.url}{path}")
        extra = overflow_at(page, width)
        if extra:
            problems.append(f"{path}: {extra} px wider than {width} px")
        problems += [f"{path}: {v['id']} {v['nodes']}" for v in axe_violations(page)]
    assert problems == []


def test_empty_lists_say_why_and_what_would_fill_them(page, live_server) -> None:
    sync_library()
    sync_forces()
    page.goto(f"{live_server.url}/reports")
    expect(page.locator("main h2")).to_have_text("No report has been published yet")
    expect(page.locator("main")).to_contain_text("lead inspector publishes its report")
    page.goto(f"{live_server.url}/forces/kent")
    expect(page.locator("main")).to_contain_text("No inspection of Kent Police has been published here yet")
    page.goto(f"{live_server.url}/most-similar-groups")
    expect(page.locator("main")).to_contain_text("An administrator fills it in from the published lists")
