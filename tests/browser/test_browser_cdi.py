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
    return page.evaluate("() => document.activeElement.closest('fieldset.cdi-question')?.id ?? null")


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
