"""Deciding audit records in a real browser with the keyboard shortcuts alone.

Headless Debian Chromium against Django's live server, which runs in this process: the audit is drawn
from a small SYNTHETIC Metropolitan return made once for the module, in a draft inspection led by
the writer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from inspectorate.core.cdi.frame import default_audit_period
from inspectorate.core.cdi.types import SampleDesign
from inspectorate.core.data.store import DataStore
from inspectorate.core.workspace import data_store_dir
from inspectorate.web.audits.models import CdiAudit
from inspectorate.web.audits.services import create_audit
from inspectorate.web.inspections.models import Inspection, Origin, Status, TeamMember, TeamRole
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from support.browser import BROWSER_MARKS, FAST_HASHERS, PASSWORD, sign_in
from support.keyboard import focused_matches, sign_in_by_keyboard, tab_to
from support.site_walk import axe_violations

pytestmark = BROWSER_MARKS

# The synthetic return the module's tests are drawn from (tests/conftest.py).
SYNTHETIC = (0.0005, 13)


@pytest.fixture
def audit(live_server, settings, synthetic_workspace: Path) -> CdiAudit:
    settings.WORKSPACE = synthetic_workspace
    settings.PASSWORD_HASHERS = FAST_HASHERS
    sync_library()
    sync_forces()
    inspection = Inspection.objects.create(
        reference="MPS-BROWSER-CDI",
        title="PEEL assessment (browser test, audit)",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
        origin=Origin.RUN_HERE,
    )
    for username, role in (("writer", TeamRole.LEAD), ("reader", TeamRole.REVIEWER)):
        user = User.objects.create_user(username, password=PASSWORD)
        TeamMember.objects.create(inspection=inspection, user=user, role=role)
    store = DataStore(data_store_dir(synthetic_workspace))
    start, end = default_audit_period(store, store.dataset("metropolitan", "synthetic"))
    design = SampleDesign(sizes={"violence-against-the-person": 2, "sexual-offences": 1, "other": 2}, seed=1)
    return create_audit(inspection, dataset_name="synthetic", start=start, end=end, design=design)


def record_url(live_server, audit: CdiAudit, number: int) -> str:
    return f"{live_server.url}/inspections/{audit.inspection.code}/cdi/{audit.code}/records/{number}"


def focused_question(page) -> str | None:
    return page.evaluate("() => document.activeElement.closest('.app-cdi-question')?.id ?? null")


def audit_url(live_server, audit: CdiAudit) -> str:
    return f"{live_server.url}/inspections/{audit.inspection.code}/cdi/{audit.code}"


def test_the_writer_audits_a_record_with_the_keyboard_alone(page, live_server, audit: CdiAudit) -> None:
    """Tab, typing, Space, the arrow keys and Enter only: no click, no fill, the focus seen at every stop."""
    sign_in_by_keyboard(
        page, f"{live_server.url}/login/?next={audit_url(live_server, audit)}", "writer", PASSWORD
    )
    expect(page).to_have_url(audit_url(live_server, audit))
    assert axe_violations(page) == []

    tab_to(page, "#continue")
    page.keyboard.press("Enter")
    expect(page).to_have_url(record_url(live_server, audit, 1))
    assert axe_violations(page) == []
    expect(page.locator("#shortcuts-help")).to_contain_text("Keyboard shortcuts")

    # Tab reaches the first question; Space picks the answer with the focus, the arrows the next one.
    tab_to(page, "input[name=should_record]")
    page.keyboard.press("Space")
    for name in ("recorded", "correctly_classified"):
        page.keyboard.press("Tab")
        assert focused_question(page) == f"question-{name}"
        page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # within 24 hours: no
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # cancellation: not applicable
    page.keyboard.press("Tab")
    assert focused_matches(page, "textarea[name=note]")
    page.keyboard.type("Recorded the same day; the log shows the call at 23:50")
    page.keyboard.press("Tab")
    assert focused_matches(page, "#save-next")
    # The target is big enough to press on a touch screen too (WCAG 2.2 target size).
    box = page.locator("#save-next").bounding_box()
    assert box is not None and box["height"] >= 24 and box["width"] >= 24
    page.keyboard.press("Enter")

    expect(page).to_have_url(record_url(live_server, audit, 2))
    record = audit.records.get(number=1)
    assert (record.should_record, record.recorded, record.correctly_classified) == ("yes", "yes", "yes")
    assert (record.within_24h, record.cancellation_correct) == ("no", "n/a")
    assert record.note == "Recorded the same day; the log shows the call at 23:50"
    assert axe_violations(page) == []


def test_nothing_on_a_record_traps_the_focus(page, live_server, audit: CdiAudit) -> None:
    sign_in(page, live_server, "writer")
    page.goto(record_url(live_server, audit, 1))
    # Forwards through the form and out to the footer, then back again to the top.
    stops = tab_to(page, "footer a[href$='/accessibility']", limit=120)
    assert any("save-next" in stop for stop in stops)
    tab_to(page, "a.govuk-skip-link", limit=120, backwards=True)


def test_an_impossible_decision_is_summarised_and_linked_to_its_question(
    page, live_server, audit: CdiAudit
) -> None:
    sign_in(page, live_server, "writer")
    page.goto(record_url(live_server, audit, 1))
    for key in ("n", "n", "y", "a", "a", "Enter"):
        page.keyboard.press(key)
    expect(page).to_have_title(f"Error: {audit.reference} record 1 · Inspectorate")
    summary = page.locator("#decision-error")
    expect(summary).to_be_focused()  # GOV.UK Frontend moves the focus to the summary
    assert axe_violations(page) == []
    link = summary.locator("a[href='#id_correctly_classified_1']")
    expect(link).to_contain_text("correctly_classified")
    tab_to(page, "#decision-error a[href='#id_correctly_classified_1']", limit=5)
    page.keyboard.press("Enter")
    expect(page.locator("#id_correctly_classified_1")).to_be_focused()


def test_the_writer_decides_a_record_with_the_keyboard_and_sees_progress_advance(
    page, live_server, audit: CdiAudit
) -> None:
    sampled = audit.records.count()
    sign_in(page, live_server, "writer")
    page.goto(record_url(live_server, audit, 1))
    expect(page.locator("h1")).to_contain_text("Record 1")
    expect(page.locator("#progress-text")).to_have_text(f"0 of {sampled} decided")
    expect(page.locator("#shortcuts-help")).to_contain_text("Keyboard shortcuts")

    # y / n / a answer the first unanswered question, then the focus moves on to the next one.
    page.keyboard.press("y")
    assert focused_question(page) == "question-recorded"
    page.keyboard.press("y")
    page.keyboard.press("y")
    page.keyboard.press("n")
    assert focused_question(page) == "question-cancellation_correct"
    page.keyboard.press("a")
    expect(page.locator("#save-next")).to_be_focused()
    expect(page.locator("input[name=within_24h][value=no]")).to_be_checked()
    page.keyboard.press("Enter")

    expect(page).to_have_url(record_url(live_server, audit, 2))
    expect(page.locator("#progress-text")).to_have_text(f"1 of {sampled} decided")
    assert page.locator("#progress progress").get_attribute("value") == "1"
    record = audit.records.get(number=1)
    assert (record.should_record, record.recorded, record.correctly_classified) == ("yes", "yes", "yes")
    assert (record.within_24h, record.cancellation_correct, record.revision) == ("no", "n/a", 1)

    # [ goes back to record 1, which shows its answers; ] comes forward again.
    page.keyboard.press("[")
    expect(page).to_have_url(record_url(live_server, audit, 1))
    expect(page.locator("input[name=correctly_classified][value=yes]")).to_be_checked()
    page.keyboard.press("]")
    expect(page).to_have_url(record_url(live_server, audit, 2))


def test_an_impossible_answer_typed_with_the_keyboard_is_refused(page, live_server, audit: CdiAudit) -> None:
    sign_in(page, live_server, "writer")
    page.goto(record_url(live_server, audit, 1))
    # No crime was due or recorded, yet "correctly classified: yes".
    for key in ("n", "n", "y", "a", "a", "Enter"):
        page.keyboard.press(key)
    expect(page.locator("#decision-error")).to_contain_text("correctly_classified: must be n/a or blank")
    expect(page.locator("#decision-error")).to_contain_text("Nothing was saved.")
    expect(page).to_have_url(record_url(live_server, audit, 1))
    assert audit.records.get(number=1).revision == 0
    # The keys jump straight to a question: 3, then a, fixes it; Enter saves.
    page.keyboard.press("3")
    assert focused_question(page) == "question-correctly_classified"
    page.keyboard.press("a")
    assert focused_question(page) == "question-within_24h"
    page.keyboard.press("Enter")
    expect(page).to_have_url(record_url(live_server, audit, 2))
    assert audit.records.get(number=1).should_record == "no"


def test_tab_moves_through_the_questions_in_order(page, live_server, audit: CdiAudit) -> None:
    sign_in(page, live_server, "writer")
    page.goto(record_url(live_server, audit, 1))
    page.keyboard.press("1")
    seen = [focused_question(page)]
    for _ in range(4):
        page.keyboard.press("Tab")
        seen.append(focused_question(page))
    assert seen == [
        "question-should_record",
        "question-recorded",
        "question-correctly_classified",
        "question-within_24h",
        "question-cancellation_correct",
    ]
    page.keyboard.press("Tab")
    expect(page.locator("textarea[name=note]")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#save-next")).to_be_focused()


def test_the_reader_sees_the_record_without_the_form(page, live_server, audit: CdiAudit) -> None:
    sign_in(page, live_server, "reader")
    page.goto(record_url(live_server, audit, 1))
    expect(page.locator("h1")).to_contain_text("Record 1")
    expect(page.locator("#decision-form")).to_have_count(0)
    expect(page.locator("input[type=radio]")).to_have_count(0)
    page.keyboard.press("y")
    page.keyboard.press("]")
    expect(page).to_have_url(record_url(live_server, audit, 2))
    assert audit.records.get(number=1).revision == 0


def test_the_period_is_typed_in_govuk_date_inputs_and_an_impossible_day_is_linked_to_its_first_box(
    page, live_server, audit: CdiAudit
) -> None:
    """Day, month and year boxes (never the browser's date picker, which shows a US order under a UK
    site); 31 February is named in the error summary, whose link lands on the end date's day box."""
    sign_in(page, live_server, "writer")
    page.goto(f"{live_server.url}/inspections/{audit.inspection.code}/cdi")
    assert page.locator("input[type=date]").count() == 0
    end = page.get_by_role("group", name="End of the period")
    end.get_by_label("Day").fill("31")
    end.get_by_label("Month").fill("2")
    end.get_by_label("Year").fill("2021")
    page.get_by_role("button", name="Draw the sample").click()
    expect(page).to_have_title(
        f"Error: Crime data integrity audits of {audit.inspection.reference} · Inspectorate"
    )
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    assert axe_violations(page) == []
    tab_to(page, ".govuk-error-summary a[href='#id_end']", limit=5)
    page.keyboard.press("Enter")
    expect(page.locator("#id_end")).to_be_focused()
    expect(page.locator("#id_end")).to_have_value("31")
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
