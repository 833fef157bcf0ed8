"""The site's two places in a real browser: the public pages with their navigation, the team's tools with
theirs (dark, named "Team tools"), the current page marked, a skip link first in the tab order, and on
a phone's screen a navigation folded behind a Menu button instead of filling the screen."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from playwright.sync_api import expect

from inspectorate.web.accounts.models import Body, ForceAffiliation
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from support.browser import BROWSER_MARKS, FAST_HASHERS, PASSWORD, sign_in

pytestmark = BROWSER_MARKS


@pytest.fixture
def site(live_server: Any) -> Any:
    sync_library()
    sync_forces()
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        User.objects.create_user("inspector", password=PASSWORD, is_staff=True)
        reader = User.objects.create_user("reader", password=PASSWORD)
        # A force's person on no team: the inspectorate's own people have the team's tools from the
        # start, to start an inspection.
        ForceAffiliation.objects.create(user=reader, body=Body.FORCE, force_id="kent")
        User.objects.create_user("newcomer", password=PASSWORD)
        ForceAffiliation.objects.create(user=User.objects.get(username="newcomer"), body=Body.INSPECTORATE)
        yield live_server


def _navigation(page: Any) -> Any:
    return page.locator("header .govuk-service-navigation")


def test_the_public_reads_the_public_navigation_with_the_current_page_marked(page, site) -> None:
    page.goto(f"{site.url}/grades")
    navigation = _navigation(page)
    expect(navigation).to_have_attribute("aria-label", "Published inspections")
    expect(navigation.locator("[aria-current=page]")).to_have_text("Grades")
    expect(navigation).not_to_contain_text("Review templates")
    expect(page.locator("header")).to_contain_text("Sign in")


def test_a_signed_in_user_on_a_team_page_is_in_the_team_tools(page, site) -> None:
    sign_in(page, site, "inspector")
    page.goto(f"{site.url}/inspections")
    navigation = _navigation(page)
    expect(navigation).to_have_attribute("aria-label", "Team tools")
    expect(navigation).to_have_class(re.compile(r"\bgovuk-service-navigation--inverse\b"))
    expect(navigation.locator("[aria-current=page]")).to_have_text("Inspections")
    # The way back to the public place, and from there to the team's.
    navigation.get_by_role("link", name="Published reports").click()
    expect(_navigation(page)).to_have_attribute("aria-label", "Published inspections")
    _navigation(page).get_by_role("link", name="Team tools").click()
    expect(_navigation(page)).to_have_attribute("aria-label", "Team tools")


def test_a_signed_in_reader_on_no_team_stays_in_the_public_place(page, site) -> None:
    sign_in(page, site, "reader")
    page.goto(f"{site.url}/inspections")
    expect(_navigation(page)).to_have_attribute("aria-label", "Published inspections")
    expect(_navigation(page).get_by_role("link", name="Your work")).to_be_visible()
    expect(_navigation(page)).not_to_contain_text("Team tools")


def test_someone_of_the_inspectorate_on_no_team_yet_has_the_team_tools_to_start_one(page, site) -> None:
    sign_in(page, site, "newcomer")
    expect(_navigation(page)).to_have_attribute("aria-label", "Team tools")
    page.get_by_role("button", name="Start an inspection").click()  # a link drawn as a GOV.UK button
    expect(page.locator("h1")).to_have_text("Start an inspection")


def test_the_skip_link_is_the_first_stop_and_leads_to_the_page(page, site) -> None:
    page.goto(f"{site.url}/forces")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def test_on_a_phone_the_navigation_folds_behind_a_menu_button(page, site) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site.url}/forces")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(_navigation(page).locator("a", has_text="Open data")).to_be_hidden()
    heading_top = page.locator("main h1").bounding_box()["y"]
    assert heading_top < 200, f"the page's heading starts {heading_top} px down on a phone"
    menu.click()
    expect(_navigation(page).get_by_role("link", name="Open data")).to_be_visible()


def test_a_missing_page_has_the_sites_look_and_ways_back(page, site) -> None:
    response = page.goto(f"{site.url}/forces?country=wales")
    assert response is not None and response.status == 200
    page.goto(f"{site.url}/no-such-page")
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(_navigation(page)).to_be_visible()
    expect(page.get_by_role("link", name="Go to the home page")).to_be_visible()
    expect(page.get_by_role("link", name="Read the published reports")).to_be_visible()


def test_on_paper_the_page_keeps_its_content_without_navigation_or_forms(page, site) -> None:
    page.goto(f"{site.url}/grades")
    page.emulate_media(media="print")
    expect(page.locator("header .govuk-service-navigation")).to_be_hidden()
    forms = page.locator("main form").all()
    assert forms, "the grades page has its filter form"
    for form in forms:
        expect(form).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("footer")).to_be_hidden()
