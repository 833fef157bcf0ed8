"""A published recommendation followed to its verdict in a real browser: the force's liaison posts
an update with a file and says it is ready for review, the inspection's lead gives the verdict with
reasons, and the public status page and its JSON and CSV twins show it at once, to a reader who is
not signed in. The people concerned are told by email (the file backend).

Headless Debian Chromium against Django's live server, each person in a browser context of their own.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from inspectorate.web.followup.models import FollowUp, UpdateFile
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from support.browser import BROWSER_MARKS, FAST_HASHERS, PASSWORD, sign_in
from support.followup import RECOMMENDATION, Followed, force_person, person, published_inspection

pytestmark = BROWSER_MARKS

UPDATE = "Every crime recorded in March was checked against the incident log; the audit is attached."
REASONS = "The attached audit covers every borough and the re-inspection found the same rate."
ATTACHMENT = b"month,checked,recorded\n2022-03,1200,1174\n"


@dataclass
class Cast:
    followed: Followed
    liaison: Any
    lead: Any
    public: Any


@pytest.fixture
def cast(browser, page, live_server, settings, tmp_path: Path) -> Iterator[Cast]:
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.WORKSPACE = tmp_path / "workspace"
    settings.WORKSPACE.mkdir()
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "outbox")
    sync_library()
    sync_forces()
    lead = person("lead", email="lead@example.org", password=PASSWORD)
    liaison = force_person("liaison")
    liaison.email, liaison.first_name = "liaison@example.org", "Liz"
    liaison.set_password(PASSWORD)
    liaison.save()
    followed = published_inspection("MPS-FOLLOWED", lead=lead)
    follow_up = followed.follow_up("recommendation")
    follow_up.owner = liaison
    follow_up.save()
    contexts = [browser.new_context() for _ in range(2)]
    pages = [context.new_page() for context in contexts]
    for each in (page, *pages):
        each.set_default_timeout(10_000)
    yield Cast(followed, page, pages[0], pages[1])
    for context in contexts:
        context.close()


def _mail_to(outbox: Path, address: str) -> list[str]:
    if not outbox.exists():
        return []
    messages = [path.read_text(encoding="utf-8") for path in sorted(outbox.iterdir())]
    return [message for message in messages if f"To: {address}" in message]


def test_a_liaison_update_and_the_leads_verdict_reach_the_public_status_page(
    cast: Cast, live_server, settings, tmp_path: Path
) -> None:
    base = live_server.url
    inspection, recommendation = cast.followed.inspection, cast.followed.recommendation
    follow_up_url = f"{base}/inspections/{inspection.code}/follow-up/{recommendation.code}"
    public_url = f"{base}/forces/metropolitan/recommendations/{recommendation.code}"
    outbox = tmp_path / "outbox"

    # The public reads the recommendation as published, open, before anyone acts on it.
    public = cast.public
    public.goto(public_url)
    expect(public.locator("main")).to_contain_text(RECOMMENDATION)
    expect(public.locator("main .govuk-summary-list .govuk-tag").first).to_have_text("Open")

    # 1. The force's liaison finds it from their home and posts an update with a file.
    liaison = cast.liaison
    sign_in(liaison, live_server, "liaison")
    liaison.goto(follow_up_url)
    expect(liaison.locator("#finding-text")).to_contain_text(RECOMMENDATION)
    expect(liaison.locator("#verdict")).to_have_count(0)  # verdicts are the inspectorate's
    liaison.get_by_label("What has been done").fill(UPDATE)
    liaison.get_by_label("A file that shows it (optional)").set_input_files(
        {"name": "audit-march.csv", "mimeType": "text/csv", "buffer": ATTACHMENT}
    )
    liaison.get_by_role("radio", name="Ready for review", exact=True).check()
    liaison.get_by_role("button", name="Post the update").click()
    expect(liaison.locator("#log")).to_contain_text(UPDATE)
    expect(liaison.locator("#details")).to_contain_text("Ready for review")
    stored = UpdateFile.objects.get(update__follow_up__finding=recommendation)
    assert (stored.original_name, stored.size) == ("audit-march.csv", len(ATTACHMENT))

    # The lead is told of the update.
    told = _mail_to(outbox, "lead@example.org")
    assert told, "the lead was not told of the force's update"

    # 2. The lead reads the update, downloads its file and gives the verdict.
    lead = cast.lead
    sign_in(lead, live_server, "lead")
    lead.goto(follow_up_url)
    expect(lead.locator("#log")).to_contain_text(UPDATE)
    with lead.expect_download() as download:
        lead.locator(".update-download").first.click()
    assert Path(download.value.path()).read_bytes() == ATTACHMENT
    lead.locator("#verdict").get_by_role("radio", name="Met", exact=True).check()
    lead.get_by_label("Reasons").fill(REASONS)
    lead.get_by_role("button", name="Give the verdict").click()
    expect(lead.locator("#details .govuk-tag").first).to_have_text("Met")
    expect(lead.locator("#details")).to_contain_text(REASONS)
    assert FollowUp.objects.get(finding=recommendation).status == "met"

    # The owner in the force is told of the verdict.
    assert any(REASONS in message for message in _mail_to(outbox, "liaison@example.org"))

    # 3. The public status page shows the verdict at once, with its reasons but not the force's words.
    public.goto(public_url)
    expect(public.locator("main .govuk-summary-list .govuk-tag").first).to_have_text("Met")
    expect(public.locator("main")).to_contain_text(REASONS)
    expect(public.locator("main")).not_to_contain_text(UPDATE)
    expect(public.locator("main")).not_to_contain_text("audit-march.csv")

    # ... and so do its twins.
    as_json = public.request.get(f"{public_url}.json")
    assert as_json.status == 200
    document = json.loads(as_json.text())
    assert _finds(document, "met") and _finds(document, REASONS)
    assert UPDATE not in as_json.text()
    as_csv = public.request.get(f"{public_url}.csv")
    assert as_csv.status == 200
    rows = list(csv.DictReader(io.StringIO(as_csv.text())))
    assert rows and any("met" in row.values() for row in rows), rows

    # The force's list and the national list show it met too.
    listed = public.request.get(f"{base}/forces/metropolitan/recommendations.json")
    assert _finds(json.loads(listed.text()), REASONS)
    national = public.request.get(f"{base}/recommendations.csv?status=met")
    assert RECOMMENDATION in national.text()

    # Someone with no part in it never reads the force's update.
    User.objects.create_user("outsider", password=PASSWORD)
    sign_in(public, live_server, "outsider")
    assert public.goto(follow_up_url).status == 404


def _finds(document: Any, wanted: str) -> bool:
    """Whether ``wanted`` is one of the document's values, at any depth."""
    if isinstance(document, dict):
        return any(_finds(value, wanted) for value in document.values())
    if isinstance(document, list):
        return any(_finds(value, wanted) for value in document)
    return document == wanted
