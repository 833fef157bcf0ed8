"""The national pages in a real browser: an anonymous visitor reads the index (the headline
indicators, then the offences), one indicator across all forces with the Metropolitan Police
Service picked out, then the Met's own national figures.

The figures are SYNTHETIC (tests/web/national/synthetic_national.py), put in place of the
workspace's through the pages' one data-access module; the live server runs in this process."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from inspectorate.web.national import data
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.peer_groups import save_peer_group_version
from support.browser import BROWSER_MARKS
from support.site_walk import axe_violations
from web.national.synthetic_national import synthetic_flags, synthetic_national

pytestmark = BROWSER_MARKS

SYNTHETIC = synthetic_national()


@pytest.fixture
def national(live_server, monkeypatch: pytest.MonkeyPatch) -> None:
    sync_forces()
    save_peer_group_version(
        {"metropolitan": ["west-midlands", "west-yorkshire"]}, label="Groups A", source="a test"
    )
    monkeypatch.setattr(data, "national_data", lambda: SYNTHETIC)
    monkeypatch.setattr(data, "completeness_flags", synthetic_flags)


def test_a_visitor_reads_an_indicator_with_the_met_picked_out_and_then_the_mets_figures(
    page, live_server, national
) -> None:
    page.goto(f"{live_server.url}/national")
    expect(page.locator("#headline")).to_contain_text("Recorded crime (excluding fraud) per 1,000 people")
    expect(page.locator("#offences tbody tr")).to_have_count(2)
    expect(page.locator("#offences")).to_contain_text("Shoplifting")
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/national/recorded-crime-per-1000?force=metropolitan")
    expect(page.locator("h1")).to_have_text("Recorded crime (excluding fraud) per 1,000 people")
    chart = page.locator("figure.app-national-chart svg[role='img']")
    expect(chart).to_be_visible()
    expect(chart).to_contain_text("Metropolitan Police Service (this force)")
    met = page.locator("#force-metropolitan")
    expect(met).to_be_visible()
    # 41: Greater Manchester has no figure, and the City of London's rate per resident is not ranked.
    expect(met.locator("td").first).to_have_text("1 of 41")
    expect(met).to_contain_text("This force")
    expect(page.locator("#force-west-midlands")).to_contain_text("Most similar group")
    assert axe_violations(page) == []

    met.get_by_role("link", name="Metropolitan Police Service").click()
    expect(page).to_have_url(f"{live_server.url}/national/forces/metropolitan")
    expect(page.locator("h1")).to_have_text("Metropolitan Police Service")
    expect(page.locator("section.app-indicator svg[role='img']")).to_be_visible()
    expect(page.locator("table.app-national-history")).to_contain_text("1\u00a0of\u00a041")
    expect(page.locator("#offences")).to_contain_text("Shoplifting")
    assert axe_violations(page) == []
