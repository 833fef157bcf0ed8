"""A published inspection in a real browser: its lead cannot change it except by a correction with a
reason, and the public then reads the corrected version with its reason beside it.

Headless Debian Chromium against Django's live server. The data is made in each test: the framework
library, the forces, a PEEL 2021/22 inspection published at once, and its lead.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from inspectorate.web.inspections.models import Inspection, Origin, Status, TeamMember, TeamRole
from inspectorate.web.inspections.recording import record_judgment, save_finding
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from inspectorate.web.reports.publishing import publish
from support.browser import BROWSER_MARKS, FAST_HASHERS, PASSWORD, sign_in
from support.lifecycle import moderated

pytestmark = BROWSER_MARKS

REASON = "Responding was regraded on appeal"


@pytest.fixture
def published(live_server, settings) -> Inspection:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    sync_library()
    sync_forces()
    inspection = Inspection.objects.create(
        reference="MPS-BROWSER-PUBLISHED",
        title="PEEL assessment (browser test, published)",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FACTUAL_ACCURACY,  # a first version is published at the factual-accuracy check
        origin=Origin.RUN_HERE,
    )
    lead = User.objects.create_user("lead", password=PASSWORD)
    TeamMember.objects.create(inspection=inspection, user=lead, role=TeamRole.LEAD)
    record_judgment(inspection, "responding", grade="inadequate")
    concern = save_finding(
        inspection, kind="cause-of-concern", area_ids=["responding"], text="Calls wait too long."
    )
    save_finding(
        inspection,
        kind="recommendation",
        area_ids=["responding"],
        text="Answer calls sooner.",
        parent=concern,
    )
    moderated(inspection)
    publish(inspection, lead, timezone.now())
    return inspection


def test_the_lead_corrects_a_published_inspection_with_a_reason_and_the_public_reads_it(
    page, browser, live_server, published: Inspection
) -> None:
    url = f"{live_server.url}/inspections/{published.code}"
    sign_in(page, live_server, "lead")
    page.goto(url)
    expect(page.locator("#locked")).to_contain_text("this record is locked")
    page.locator("#area-responding").get_by_role("link", name="Responding to the public").click()
    expect(page.locator("#judgment-form")).to_have_count(0)  # no way to change it
    expect(page.get_by_role("link", name="Add a finding here")).to_have_count(0)

    page.goto(url)
    page.get_by_label("Why the report is corrected").fill(REASON)
    page.get_by_role("button", name="Open a correction").click()
    expect(page.locator("#correction")).to_contain_text(REASON)
    page.locator("#area-responding").get_by_role("link", name="Responding to the public").click()
    page.locator("#judgment-form select[name=grade]").select_option(label="Requires improvement")
    page.get_by_role("button", name="Save judgment").click()
    expect(page.locator("#differs")).to_contain_text("Responding to the public")

    public = browser.new_page()  # a visitor, meanwhile, still reads the published grade
    public.goto(url)
    expect(public.locator("#judgments #area-responding")).to_contain_text("Inadequate")

    now = timezone.localtime()  # the GOV.UK date input: day, month, year, then the time in UK time
    page.get_by_label("Day", exact=True).fill(str(now.day))
    page.get_by_label("Month", exact=True).fill(str(now.month))
    page.get_by_label("Year", exact=True).fill(str(now.year))
    page.get_by_label("Time the embargo ends (UK time)").fill(now.strftime("%H:%M"))
    expect(page.get_by_label("Reason for the correction")).to_have_value(REASON)
    page.get_by_role("button", name="Publish under embargo").click()
    expect(page.locator(".messages")).to_contain_text("Published as version 2")
    expect(page.locator("#locked")).to_be_visible()  # locked again

    public.reload()
    expect(public.locator("#judgments #area-responding")).to_contain_text("Requires improvement")
    expect(public.locator("table.versions")).to_contain_text(
        f"Corrected on {timezone.localdate():%-d %B %Y}: {REASON}"
    )
    expect(public.locator("#locked")).to_have_count(0)  # the team's notes are the team's
    public.close()
