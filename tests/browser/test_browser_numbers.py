"""An inspection's force in numbers in a real browser: the team reads the charts, the public the
frozen figures of a published exercise.

Headless Debian Chromium against Django's live server, which runs in this process: the test points
settings.WORKSPACE at a workspace whose data store holds a small SYNTHETIC Metropolitan return
(made once for the module). Only an exercise may show synthetic figures; it is not listed among the
real inspections, so a visitor needs its address.
"""

from __future__ import annotations

import re
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
    # The inspection's page is another's to lay out: its exercise banner, in either markup.
    expect(page.locator(".app-synthetic, .synthetic-banner").first).to_contain_text("Exercise.")
    page.get_by_role("link", name="Metropolitan Police Service in numbers").click()
    expect(page.locator(".app-synthetic")).to_contain_text("SYNTHETIC data.")
    answered = page.locator(
        "table.app-printed-numbers tbody tr", has_text="999 calls answered within 10 seconds"
    )
    expect(answered).to_have_count(1)
    expect(answered).to_contain_text("Target: at least 90%")
    # A missing comparator says why in a note the cell links to, and the link leads there.
    answered.get_by_role("link", name=re.compile(r"note \d+")).last.click()
    note = page.locator(".app-missing-note:target")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Published figures never change")


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
    banner = page.locator(".app-synthetic")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("SYNTHETIC data.")
    expect(page.locator("dl.govuk-summary-list")).to_contain_text("12 months to 31 March 2021")

    charts = page.locator("section.app-indicator .app-chart svg")
    count = charts.count()
    assert count >= 10, count
    for index in range(count):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0, (index, box)
    # The charts are drawn, not just present: the 999 chart has a bar for the force and one for the
    # previous year, each with a width.

    answered = page.locator("#indicator-999-answered-within-10s")
    expect(answered.locator("h2")).to_have_text("999 calls answered within 10 seconds")
    chart = answered.get_by_role(
        "img", name="999 calls answered within 10 seconds, 12 months to 31 March 2021"
    )
    expect(chart).to_be_visible()
    bars = answered.locator(".app-chart svg g.mark-rect.role-mark path")
    assert bars.count() >= 2, bars.count()
    for index in range(bars.count()):
        box = bars.nth(index).bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0, (index, box)
    target = answered.locator("table.app-comparisons tbody tr", has_text="Target: at least 90%")
    expect(target).to_have_count(1)
    expect(target).to_be_visible()
    expect(target.locator("td").nth(0)).to_have_text("90.0")
    expect(target).to_contain_text("Not met")
    expect(page.locator("#indicator-101-abandoned table.app-comparisons")).to_contain_text(
        "Target: under 10%"
    )


def test_a_chart_shrinks_to_a_phone_with_its_labels_whole(page, live_server, exercise: Inspection) -> None:
    sign_in(page, live_server, "lead")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/inspections/{exercise.code}/numbers")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    main = page.locator("main").bounding_box()
    assert main is not None
    charts = page.locator("section.app-indicator .app-chart svg")
    assert charts.count() >= 10
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["x"] + box["width"] <= main["x"] + main["width"] + 0.5, (index, box)
    # Each label's lines, joined: the whole label, never cut short.
    labels = page.locator("#indicator-999-answered-within-10s svg text").evaluate_all(
        "texts => texts.map(t => t.querySelectorAll('tspan').length"
        " ? [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' ') : t.textContent)"
    )
    assert "Metropolitan Police Service (SYNTHETIC data)" in labels
    assert "Target: at least 90%" in labels
    assert not [t for t in labels if t.rstrip().endswith(("…", "..."))]
