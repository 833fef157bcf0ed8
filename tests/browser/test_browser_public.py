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
    table = page.locator("table.grades-table")
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
