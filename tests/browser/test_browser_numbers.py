"""An inspection's force in numbers in a real browser: an anonymous visitor reads the charts.

Headless Debian Chromium against Django's live server, which runs in this process: the test points
settings.WORKSPACE at a workspace whose data store holds a small SYNTHETIC Metropolitan return
(made once for the module), and makes a published inspection for the force.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from inspectorate.web.inspections.models import Inspection, Origin, Status
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (Debian package chromium)"),
    pytest.mark.django_db(transaction=True),
]

# The synthetic return the module's tests are drawn from (tests/conftest.py).
SYNTHETIC = (0.002, 11)

REFERENCE = "MPS-BROWSER-PUBLISHED"


@pytest.fixture
def published(live_server, settings, synthetic_workspace: Path) -> Inspection:
    settings.WORKSPACE = synthetic_workspace
    sync_library()
    sync_forces()
    return Inspection.objects.create(
        reference=REFERENCE,
        title="PEEL assessment (browser test, published)",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.PUBLISHED,
        origin=Origin.IMPORTED,
        period_label="2021/22",
    )


def test_an_anonymous_visitor_follows_in_numbers_and_sees_synthetic_charts_and_the_target(
    page, live_server, published: Inspection
) -> None:
    page.goto(f"{live_server.url}/inspections")
    page.get_by_role("link", name=REFERENCE).click()
    expect(page.locator("h1")).to_contain_text("PEEL assessment (browser test, published)")

    page.get_by_role("link", name="Metropolitan Police Service in numbers").click()
    expect(page).to_have_url(f"{live_server.url}/inspections/{published.code}/numbers")
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
