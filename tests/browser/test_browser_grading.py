"""Grading an area in a real browser: a writer grades and explains it, a reader only reads.

Headless Debian Chromium against Django's live server. The data is made in each test: the
framework library, the forces, a draft PEEL 2021/22 inspection, its lead and its moderator.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from inspectorate.web.inspections.models import Inspection, Judgment, Origin, Status, TeamMember, TeamRole
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from support.browser import BROWSER_MARKS, FAST_HASHERS, PASSWORD, sign_in

pytestmark = BROWSER_MARKS

BREACH = "graded Inadequate but carries no cause of concern or area for improvement"


@dataclass(frozen=True)
class Draft:
    inspection: Inspection
    url: str

    def area_url(self, area_id: str) -> str:
        return f"{self.url}/areas/{area_id}"


@pytest.fixture
def draft(live_server, settings) -> Draft:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    sync_library()
    sync_forces()
    inspection = Inspection.objects.create(
        reference="MPS-BROWSER-DRAFT",
        title="PEEL assessment (browser test draft)",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
        origin=Origin.RUN_HERE,
    )
    for username, role in (("writer", TeamRole.LEAD), ("reader", TeamRole.REVIEWER)):
        user = User.objects.create_user(username, password=PASSWORD)
        TeamMember.objects.create(inspection=inspection, user=user, role=role)
    return Draft(inspection, f"{live_server.url}/inspections/{inspection.code}")


def test_the_writer_grades_an_area_sees_the_breach_and_clears_it_with_a_finding(
    page, live_server, draft: Draft
) -> None:
    sign_in(page, live_server, "writer")
    page.get_by_role("link", name="Inspections", exact=True).click()
    page.get_by_role("link", name="MPS-BROWSER-DRAFT").click()
    expect(page.locator("h1")).to_contain_text("PEEL assessment (browser test draft)")
    expect(page.locator("#breaches")).to_contain_text("consistent with every grading rule")

    page.locator("#area-responding").get_by_role("link", name="Responding to the public").click()
    expect(page).to_have_url(draft.area_url("responding"))
    grade = page.locator("#judgment-form select[name=grade]")
    grade.select_option(label="Inadequate")
    page.get_by_role("button", name="Save judgment").click()

    expect(page).to_have_url(f"{draft.url}#area-responding")
    expect(page.locator(".messages")).to_contain_text("Saved the judgment for Responding to the public.")
    expect(page.locator("#judgments #area-responding")).to_contain_text("Inadequate")
    breaches = page.locator("#breaches li")
    expect(breaches).to_have_count(1)
    expect(breaches.first).to_contain_text("Responding to the public")
    expect(breaches.first).to_contain_text(BREACH)
    assert Judgment.objects.get(inspection=draft.inspection, area_id="responding").grade == "inadequate"

    page.locator("#area-responding").get_by_role("link", name="Responding to the public").click()
    expect(page.locator("#judgment-form select[name=grade] option:checked")).to_have_text("Inadequate")
    page.get_by_role("link", name="Add a finding here").click()
    expect(page.locator('input[name=areas][value="responding"]')).to_be_checked()
    page.locator("select[name=kind]").select_option(label="Area for improvement")
    page.locator("textarea[name=text]").fill("Calls for service wait too long to be answered.")
    page.get_by_role("button", name="Save finding").click()

    expect(page).to_have_url(f"{draft.url}#findings")
    expect(page.locator("#findings")).to_contain_text("Calls for service wait too long to be answered.")
    expect(page.locator("#breaches li")).to_have_count(0)
    expect(page.locator("#breaches")).to_contain_text("consistent with every grading rule")
    expect(page.locator("#judgments #area-responding")).to_contain_text("Inadequate")


def test_the_reader_sees_the_area_page_without_a_grade_form(page, live_server, draft: Draft) -> None:
    sign_in(page, live_server, "reader")
    page.goto(draft.url)
    page.locator("#area-responding").get_by_role("link", name="Responding to the public").click()
    expect(page).to_have_url(draft.area_url("responding"))
    expect(page.locator("h1")).to_contain_text("Responding to the public")
    expect(page.locator("select[name=grade]")).to_have_count(0)
    expect(page.locator("#judgment-form")).to_have_count(0)
    expect(page.get_by_role("button", name="Save judgment")).to_have_count(0)
    expect(page.get_by_role("link", name="Add a finding here")).to_have_count(0)


def test_an_anonymous_visitor_to_the_draft_gets_the_404_page(page, draft: Draft) -> None:
    response = page.goto(draft.url)
    assert response is not None
    assert response.status == 404
    expect(page.locator("body")).to_contain_text("Page not found")
    expect(page.locator("body")).not_to_contain_text("MPS-BROWSER-DRAFT")
    response = page.goto(draft.area_url("responding"))
    assert response is not None
    assert response.status == 404
