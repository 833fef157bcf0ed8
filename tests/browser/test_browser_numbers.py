"""An inspection's force in numbers in a real browser: the team reads the charts, the public the
frozen figures of a published exercise.

Headless Debian Chromium against Django's live server, which runs in this process: the test points
settings.WORKSPACE at a workspace whose data store holds a small SYNTHETIC Metropolitan return
(made once for the module). Only an exercise may show synthetic figures; it is not listed among the
real inspections, so a visitor needs its address.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from inspectorate.web.inspections.models import Inspection, Origin, Status, TeamMember, TeamRole
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from inspectorate.web.reports.publishing import publish_as_published
from support.browser import BROWSER_MARKS, FAST_HASHERS, PASSWORD, sign_in

pytestmark = BROWSER_MARKS

# The synthetic return the module's tests are drawn from (tests/conftest.py).
SYNTHETIC = (0.002, 11)

REFERENCE = "MPS-BROWSER-EXERCISE"
TITLE = "PEEL assessment (browser test exercise)"


@pytest.fixture
def exercise(live_server, settings, synthetic_workspace: Path) -> Inspection:
    """An exercise on the synthetic return, in fieldwork, led by "lead"."""
    settings.WORKSPACE = synthetic_workspace
    settings.PASSWORD_HASHERS = FAST_HASHERS
    sync_library()
    sync_forces()
    inspection = Inspection.objects.create(
        reference=REFERENCE,
        title=TITLE,
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
        origin=Origin.RUN_HERE,
        period_label="2021/22",
        exercise=True,
    )
    lead = User.objects.create_user("lead", password=PASSWORD)
    TeamMember.objects.create(inspection=inspection, user=lead, role=TeamRole.LEAD)
    return inspection


def test_an_anonymous_visitor_reads_a_published_exercises_frozen_figures_marked_synthetic(
    page, live_server, exercise: Inspection
) -> None:
    publish_as_published(exercise)
    page.goto(f"{live_server.url}/inspections")
    expect(page.get_by_role("link", name=REFERENCE)).to_have_count(0)  # an exercise is not listed
    page.goto(f"{live_server.url}/inspections/{exercise.code}")
    expect(page.locator("h1")).to_contain_text(TITLE)
    expect(page.locator(".synthetic-banner").first).to_contain_text("Exercise.")
    page.get_by_role("link", name="Metropolitan Police Service in numbers").click()
    expect(page.locator(".synthetic-banner")).to_contain_text("Synthetic data.")
    answered = page.locator("table.data tbody tr", has_text="999 calls answered within 10 seconds")
    expect(answered).to_have_count(1)
    expect(answered).to_contain_text("Target: at least 90%")


def test_the_team_follows_in_numbers_and_sees_synthetic_charts_and_the_target(
    page, live_server, exercise: Inspection
) -> None:
    sign_in(page, live_server, "lead")
    page.get_by_role("link", name="Inspections", exact=True).click()
    page.get_by_role("link", name=REFERENCE).click()
    expect(page.locator("h1")).to_contain_text(TITLE)

    page.get_by_role("link", name="Metropolitan Police Service in numbers").click()
    expect(page).to_have_url(f"{live_server.url}/inspections/{exercise.code}/numbers")
    expect(page.locator("h1")).to_have_text("Metropolitan Police Service in numbers")
    banner = page.locator(".synthetic-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Synthetic data.")
    expect(page.locator("dl.facts")).to_contain_text("12 months to 31 March 2021")

    charts = page.locator("section.indicator .chart svg")
    count = charts.count()
    assert count >= 10, count
    for index in range(count):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0, (index, box)
    # The charts are drawn, not just present: the 999 chart has a bar for the force and one for the
    # previous year, each with a width.

    answered = page.locator("#indicator-999-answered-within-10s")
    expect(answered.locator("h2")).to_have_text("999 calls answered within 10 seconds")
    expect(answered.locator(".chart svg")).to_be_visible()
    bars = answered.locator(".chart svg g.mark-rect.role-mark path")
    assert bars.count() >= 2, bars.count()
    for index in range(bars.count()):
        box = bars.nth(index).bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0, (index, box)
    target = answered.locator("table.comparisons tbody tr", has_text="Target: at least 90%")
    expect(target).to_have_count(1)
    expect(target).to_be_visible()
    expect(target.locator("td").nth(1)).to_have_text("90.0")
    expect(target).to_contain_text("(not met)")
    expect(page.locator("#indicator-101-abandoned table.comparisons")).to_contain_text("Target: under 10%")
