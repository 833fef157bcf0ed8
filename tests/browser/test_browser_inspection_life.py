"""An inspection's whole life in a real browser, from an empty workspace to the public report, with no
Django admin: staff add the people; a lead starts a Kent PEEL 2021/22 inspection, appoints the team
and invites Kent's liaison and its local policing body; the liaison answers a data return (a broken
file is refused with located errors and nothing kept, a good one is loaded); the lead records evidence
with a file against a criterion and grades every area; the moderator changes one grade with a reason;
the liaison comments on the draft and the team answers; the report is published under embargo, read by
the force and its local policing body only, and by everyone once the embargo has ended.

Headless Debian Chromium against Django's live server, each person in a browser context of their own.
The workspace holds only the framework library and the forces.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from inspectorate.core.frameworks.library import get_framework
from inspectorate.web.inspections.models import Inspection, Status
from inspectorate.web.plan.models import ForceRequest
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from inspectorate.web.reports.models import ReportVersion
from inspectorate.web.workspace import data_store
from support.browser import BROWSER_MARKS, FAST_HASHERS, PASSWORD, sign_in

pytestmark = BROWSER_MARKS

FRAMEWORK = "peel-2021"
TITLE = "PEEL 2021/22: An inspection of Kent Police"
CALLS_HEADER = "call_id,channel,received_at,answered_at,abandoned\n"
GOOD_RETURN = CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\nB,999,2021-02-01 10:30:00,,false\n"
# Line 3 has a day February never has.
BROKEN_RETURN = CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\nB,999,2021-02-30 10:00:00,,false\n"

# The grades the team proposes; every other graded area is Adequate.
PROPOSED = {
    "crime-recording": "Requires improvement",
    "protecting-vulnerable": "Inadequate",
    "investigating": "Good",
}
MODERATED_AREA, MODERATED_TO = "investigating", "Adequate"
MODERATION_REASON = "The case files read in fieldwork show supervision too uneven for Good."
AFI = "The force should make sure it records reported crimes within 24 hours."
AFI_AMENDED = "The force should make sure it records reported crimes within 24 hours, as the rules require."
CAUSE = "The force does not identify vulnerable people at the first contact."
RECOMMENDATION = "By March 2023, the force should train its call handlers to identify vulnerability."
COMMENT = "The rules ask for crimes to be recorded within 24 hours: please say so."
AUDIT_SAMPLE = b"crime,recorded\n1,yes\n2,no\n"
AMENDMENT = "The area for improvement now names the rules' 24 hours."


@dataclass
class People:
    """Who takes part, each with a page of their own browser context."""

    staff: Any
    lead: Any
    inspector: Any
    moderator: Any
    liaison: Any
    commissioner: Any
    public: Any


STATUS = "dt:text-is('Status') + dd"  # a request's status on its page

PEOPLE = (
    # username, full name, organisation radio, force, staff's form
    ("lead", "Lena Lead", "Inspectorate", ""),
    ("inspector", "Ian Inspector", "Inspectorate", ""),
    ("moderator", "Mo Moderator", "Inspectorate", ""),
    ("liaison", "Liz Liaison", "Police force", "Kent Police"),
    ("commissioner", "Pat Commissioner", "Local policing body", "Kent Police"),
)


@pytest.fixture
def workspace(live_server, settings, tmp_path: Path) -> Path:
    """An empty workspace: the framework library and the forces, one staff member, nothing else."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.WORKSPACE = tmp_path / "workspace"
    settings.WORKSPACE.mkdir()
    sync_library()
    sync_forces()
    User.objects.create_user("staff", password=PASSWORD, is_staff=True)
    return settings.WORKSPACE


@pytest.fixture
def people(browser, page, live_server, workspace) -> Iterator[People]:
    contexts = [browser.new_context() for _ in range(6)]
    pages = [context.new_page() for context in contexts]
    for each in (page, *pages):
        each.set_default_timeout(10_000)
    yield People(page, *pages)
    for context in contexts:
        context.close()


def _fill_date(page: Any, name: str, day: datetime.date) -> None:
    page.locator(f"input[name={name}_day]").fill(str(day.day))
    page.locator(f"input[name={name}_month]").fill(str(day.month))
    page.locator(f"input[name={name}_year]").fill(str(day.year))


def _work(page: Any, url: str, name: str) -> None:
    """Open one of the inspection's working pages from its links on the inspection's page."""
    page.goto(url)
    page.locator("#work-links").get_by_role("link", name=name, exact=True).click()


def _add_people(staff: Any, live_server: Any) -> None:
    sign_in(staff, live_server, "staff")
    for username, name, body, force in PEOPLE:
        staff.locator(".govuk-service-navigation").get_by_role("link", name="People").click()
        staff.get_by_role("link", name="Add a person").click()
        staff.get_by_label("Username", exact=True).fill(username)
        staff.get_by_label("Full name").fill(name)
        staff.get_by_label("Email address").fill(f"{username}@example.org")
        staff.get_by_role("radio", name=body, exact=True).check()
        if force:
            staff.get_by_label("Force", exact=True).select_option(label=force)
        staff.get_by_role("radio", name="Type one").check()
        staff.get_by_label("New password (if you type one)").fill(PASSWORD)
        staff.get_by_label("The same password again").fill(PASSWORD)
        staff.get_by_role("button", name="Add this person").click()
        expect(staff.locator(".messages")).to_contain_text(f"Added {username}")


def test_an_inspection_runs_from_an_empty_workspace_to_the_public_report(
    people: People, live_server, workspace: Path
) -> None:
    base = live_server.url
    today = timezone.localdate()

    # Staff add the people, in the product.
    _add_people(people.staff, live_server)

    # 1. The lead starts the inspection.
    lead = people.lead
    sign_in(lead, live_server, "lead")
    # Not on any team yet, the lead's way in is the home page's count of the inspections they see.
    lead.get_by_role("link", name="inspections you can see").click()
    lead.get_by_role("button", name="Start an inspection").click()  # a link drawn as a button
    lead.get_by_label("Force inspected").select_option(label="Kent Police")
    lead.locator(f"input[name=framework][value={FRAMEWORK}]").check()
    lead.get_by_label("Title").fill(TITLE)
    lead.get_by_label("Reference", exact=True).fill("KENT-PEEL-2021")
    lead.get_by_label("Period (optional)").fill("2021/22")
    _fill_date(lead, "period_start", datetime.date(2021, 4, 1))
    _fill_date(lead, "period_end", datetime.date(2022, 3, 31))
    lead.get_by_role("button", name="Start the inspection").click()
    expect(lead.locator("h1")).to_have_text("Team and contacts")  # the next thing to do
    inspection = Inspection.objects.get(reference="KENT-PEEL-2021")
    assert (inspection.force_id, inspection.framework_id, inspection.status) == (
        "kent",
        FRAMEWORK,
        "planning",
    )
    url = f"{base}/inspections/{inspection.code}"

    # 2. The team, and the contacts invited from Kent.
    expect(lead.locator("#member-lead")).to_contain_text("Lead")
    for username, role in (("inspector", "Inspector"), ("moderator", "Moderator")):
        lead.locator("#appoint_user").select_option(value=username)
        lead.locator("#appoint_role").select_option(label=role)
        lead.get_by_role("button", name="Appoint").click()
        expect(lead.locator(f"#member-{username}")).to_contain_text(role)
    for username, role in (("liaison", "Force liaison"), ("commissioner", "Local policing body")):
        lead.locator("#invite_user").select_option(value=username)
        lead.locator("#contacts").get_by_label(role, exact=True).check()
        lead.get_by_role("button", name="Invite").click()
        expect(lead.locator(f"#contact-{username}")).to_contain_text(role)

    commissioner = people.commissioner
    sign_in(commissioner, live_server, "commissioner")
    assert commissioner.goto(url).status == 404  # the local policing body reads nothing before the embargo

    # 3. Fieldwork, and a data return asked of the force.
    _work(lead, url, "Progress")
    lead.locator("#move-fieldwork-submit").click()
    expect(lead.locator("#stages [aria-current=step]")).to_contain_text("Fieldwork")
    _work(lead, url, "Plan")
    lead.get_by_role("link", name="Add a request").click()
    lead.get_by_label("Data return").check()
    lead.get_by_label("Title").fill("Calls for service, February 2021")
    _fill_date(lead, "due_on", today + datetime.timedelta(days=14))
    lead.get_by_role("button", name="Send the request").click()
    expect(lead.locator("h1")).to_have_text("Calls for service, February 2021")
    expect(lead.locator("main")).to_contain_text("Requested")
    force_request = ForceRequest.objects.get(inspection=inspection)

    # 4. The liaison answers: a broken file is refused whole, a good one is loaded.
    liaison = people.liaison
    sign_in(liaison, live_server, "liaison")
    liaison.locator("#awaiting").get_by_role("link", name="1 request from the inspectorate").click()
    liaison.get_by_role("link", name="Calls for service, February 2021").click()
    liaison.locator("input[name=file]").set_input_files(
        {"name": "calls-broken.csv", "mimeType": "text/csv", "buffer": BROKEN_RETURN.encode()}
    )
    liaison.get_by_role("button", name="Send the file").click()
    refused = liaison.locator(".govuk-error-summary .refused")
    expect(refused).to_contain_text("calls-broken.csv:3: received_at: '2021-02-30 10:00:00' is not a date")
    expect(liaison.locator("#answers .answer--refused")).to_contain_text("Refused: nothing of it was loaded")
    expect(liaison.locator(STATUS)).to_contain_text("Requested")  # still unanswered
    assert not force_request.answers.exclude(outcome="refused").exists()
    assert data_store().dataset("kent", "return") is None
    kept = [path for path in (workspace / "files").rglob("*") if path.is_file()]
    assert not any(workspace.rglob("*.parquet")) and kept == []  # no data, no file kept
    liaison.locator("input[name=file]").set_input_files(
        {"name": "calls.csv", "mimeType": "text/csv", "buffer": GOOD_RETURN.encode()}
    )
    liaison.get_by_role("button", name="Send the file").click()
    expect(liaison.locator("#answers .answer--loaded")).to_contain_text("Loaded into kent/return: 2 rows")
    expect(liaison.locator(STATUS)).to_contain_text("Answered")
    dataset = data_store().dataset("kent", "return")
    assert dataset is not None and dataset.rows("calls") == 2

    _work(lead, url, "Plan")
    lead.get_by_role("link", name="Calls for service, February 2021").click()
    lead.locator("#decide").get_by_label("Accept it").check()
    lead.get_by_role("button", name="Save the decision").click()
    expect(lead.locator("#answers .answer--loaded")).to_contain_text("Accepted")
    expect(lead.locator(STATUS)).to_contain_text("Accepted")

    # 5. Evidence with a file against a criterion, findings, and every graded area graded.
    spec = get_framework(FRAMEWORK)
    criterion = next(c for area, c in spec.criteria() if area.id == "crime-recording")
    lead.goto(f"{url}/areas/crime-recording")
    lead.get_by_role("link", name="Add a finding here").click()
    lead.get_by_label("Kind").select_option(label="Area for improvement")
    lead.get_by_label("Text").fill(AFI)
    lead.get_by_role("button", name="Save finding").click()
    lead.goto(f"{url}/areas/crime-recording")
    lead.get_by_role("link", name="Add evidence here").click()
    lead.get_by_label("Kind").select_option(label="Audit")
    lead.get_by_label("Title").fill("Crime data integrity audit, Kent")
    lead.locator("#evidence-form details").filter(has_text="Recording data about crime").locator(
        "summary"
    ).click()
    lead.locator(f"input[name=criteria][value={criterion.id}]").check()
    lead.locator("#evidence-form").get_by_label(AFI, exact=False).check()
    lead.get_by_role("button", name="Save evidence").click()  # on to its page, to keep a file with it
    expect(lead.locator("h1")).to_have_text("Crime data integrity audit, Kent")
    lead.locator("#evidence-file-form input[name=file]").set_input_files(
        {"name": "audit-sample.csv", "mimeType": "text/csv", "buffer": AUDIT_SAMPLE}
    )
    _fill_date(lead, "effective_on", datetime.date(2021, 11, 30))
    lead.get_by_role("button", name="Keep this file").click()
    expect(lead.locator("#files")).to_contain_text("audit-sample.csv")
    expect(lead.locator("#files")).to_contain_text(hashlib.sha256(AUDIT_SAMPLE).hexdigest())
    expect(lead.locator("ul.app-criteria")).to_contain_text(criterion.text)
    expect(lead.locator("ul.app-supports")).to_contain_text(AFI)
    lead.goto(f"{url}/areas/crime-recording")
    expect(lead.locator(f"#criterion-{criterion.id}")).to_contain_text("Crime data integrity audit, Kent")

    lead.goto(f"{url}/areas/protecting-vulnerable")
    lead.get_by_role("link", name="Add a finding here").click()
    lead.get_by_label("Kind").select_option(label="Cause of concern")
    lead.get_by_label("Text").fill(CAUSE)
    lead.get_by_role("button", name="Save finding").click()
    lead.goto(f"{url}/areas/protecting-vulnerable")
    lead.get_by_role("link", name="Add a finding here").click()
    lead.get_by_label("Kind").select_option(label="Recommendation")
    lead.get_by_label("Text").fill(RECOMMENDATION)
    lead.get_by_label("Cause of concern (for a recommendation)").select_option(label=CAUSE)
    lead.get_by_role("button", name="Save finding").click()

    for area in spec.graded_areas():
        lead.goto(f"{url}/areas/{area.id}")
        lead.locator("#judgment-form select[name=grade]").select_option(
            label=PROPOSED.get(area.id, "Adequate")
        )
        lead.get_by_role("button", name="Save judgment").click()
        expect(lead.locator(f"#judgments #area-{area.id}")).to_contain_text(PROPOSED.get(area.id, "Adequate"))
    expect(lead.locator("#breaches")).to_contain_text("consistent with every grading rule")

    _work(lead, url, "Progress")
    lead.locator("#move-moderation-submit").click()
    expect(lead.locator("#stages [aria-current=step]")).to_contain_text("Moderation")

    # 6. The moderator changes one grade with a reason and agrees with the rest.
    moderator = people.moderator
    sign_in(moderator, live_server, "moderator")
    moderator.locator("#awaiting").get_by_role("link", name="await", exact=False).click()
    expect(moderator.locator("h1")).to_have_text("Moderation")
    for area in spec.graded_areas():
        form = moderator.locator(f"#decide-{area.id}")
        if area.id == MODERATED_AREA:
            form.get_by_label(f"Moderate to {MODERATED_TO}").check()
            form.get_by_label(f"Reason for the decision on {area.title}").fill(MODERATION_REASON)
        else:
            form.get_by_label("Agree:", exact=False).check()
        form.get_by_role("button", name="Record the decision").click()
        expect(moderator.locator(f"#area-{area.id}")).to_contain_text(
            "Moderated" if area.id == MODERATED_AREA else "Agreed"
        )
    expect(moderator.locator("#awaiting")).to_contain_text("Every grade is decided")
    _work(lead, url, "Moderation")
    decided = lead.locator(f"#area-{MODERATED_AREA}")
    expect(decided).to_contain_text(f"Moderated from Good to {MODERATED_TO}")
    expect(decided).to_contain_text(MODERATION_REASON)
    expect(decided.locator("dt:text-is('Decided by') + dd")).to_contain_text("moderator")
    _work(lead, url, "Progress")
    lead.locator("#move-factual-accuracy-submit").click()
    expect(lead.locator("#stages [aria-current=step]")).to_contain_text("Factual-accuracy check")

    # 7. The liaison comments on the draft; the team amends it and answers.
    liaison.goto(base)
    liaison.locator("#awaiting").get_by_role("link", name="is at the factual-accuracy check").click()
    liaison.locator(".app-box", has_text=AFI).get_by_role("link", name="Comment on this").click()
    expect(liaison.get_by_label("What your comment is on")).to_have_value(
        f"finding:{inspection.findings.get(text=AFI).code}"
    )
    liaison.get_by_label("Your comment", exact=True).fill(COMMENT)
    liaison.get_by_role("button", name="Send the comment").click()
    expect(liaison.locator("#unanswered")).to_contain_text("1 comment, 1 not answered yet")

    inspector = people.inspector
    sign_in(inspector, live_server, "inspector")
    inspector.goto(f"{url}/areas/crime-recording")
    inspector.get_by_role("link", name=AFI).click()
    inspector.get_by_label("Text").fill(AFI_AMENDED)
    inspector.get_by_role("button", name="Save finding").click()
    _work(inspector, url, "Factual-accuracy check")
    inspector.get_by_text("Answer this comment").click()
    inspector.get_by_label("Accepted", exact=True).check()
    inspector.get_by_label("The amendment made (if accepted)").fill(AMENDMENT)
    inspector.get_by_role("button", name="Answer the comment").click()
    expect(inspector.locator("#unanswered")).to_contain_text("1 comment, 0 not answered yet")
    _work(liaison, url, "Factual-accuracy check")
    expect(liaison.locator("main")).to_contain_text(AMENDMENT)

    # 8. Published under embargo: the force and its local policing body read it, the public not yet.
    ends = timezone.localtime() + datetime.timedelta(minutes=10)
    lead.goto(url)
    lead.get_by_label("Day", exact=True).fill(str(ends.day))
    lead.get_by_label("Month", exact=True).fill(str(ends.month))
    lead.get_by_label("Year", exact=True).fill(str(ends.year))
    lead.get_by_label("Time the embargo ends (UK time)").fill(ends.strftime("%H:%M"))
    lead.get_by_role("button", name="Publish under embargo").click()
    expect(lead.locator(".messages")).to_contain_text("Published as version 1")
    assert Inspection.objects.get(pk=inspection.pk).status == Status.EMBARGOED

    for reader in (liaison, commissioner):
        reader.goto(base)
        reader.locator("#awaiting").get_by_role("link", name="yours to read under embargo").click()
        expect(reader.locator("#embargo").first).to_contain_text("may not be passed on")
        expect(reader.locator("#embargo").first).to_contain_text("Kent")
        expect(reader.locator(f"#area-{MODERATED_AREA}")).to_contain_text(MODERATED_TO)
        expect(reader.locator("main")).to_contain_text(AFI_AMENDED)

    public = people.public
    for path in ("", "/report", "/factual-accuracy", "/moderation"):
        assert public.goto(f"{url}{path}").status == 404, path

    # The test does not wait ten minutes: the embargo is made to have ended a minute ago.
    ReportVersion.objects.filter(inspection=inspection).update(
        embargo_until=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert public.goto(f"{url}/report").status == 200
    expect(public.locator(f"#area-{MODERATED_AREA}")).to_contain_text(MODERATED_TO)
    expect(public.locator("main")).to_contain_text(AFI_AMENDED)
    expect(public.locator("#embargo")).to_have_count(0)
    assert public.goto(f"{url}/factual-accuracy").status == 404  # the check's log is never public
    _work(lead, url, "Progress")
    expect(lead.locator("#stages [aria-current=step]")).to_contain_text("Published")
    expect(lead.locator("#log")).to_contain_text("Embargoed to published")
    expect(lead.locator("#log")).to_contain_text("Factual-accuracy check to embargoed")
