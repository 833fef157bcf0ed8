"""`inspectorate notify`: the daily digest written to the mail backend (a folder of the test's own,
by Django's file backend), once a day, a dry run that sends nothing, and each person's choice; run in
the test process on the test database."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from inspectorate.web.accounts.models import Body, ForceAffiliation
from inspectorate.web.followup.models import FollowUp
from inspectorate.web.inspections.models import ContactRole, Inspection, InspectionContact, Status
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.notifications.models import MailChoice, Notification
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from inspectorate.web.reports.publishing import publish_as_published
from support.mail import Outbox, body

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.date(2026, 1, 5)


@pytest.fixture
def setting(tmp_path: Path, settings: Any) -> dict[str, Any]:
    sync_library()
    sync_forces()
    inspection = Inspection.objects.create(
        reference="MPS-NOTIFY",
        title="Notify test",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
        published_on=PUBLISHED,
    )
    finding = save_finding(
        inspection, kind="area-for-improvement", area_ids=["prevention"], text="Answer calls"
    )
    publish_as_published(inspection)
    owner = User.objects.create_user("owner", email="owner@example.org")
    ForceAffiliation.objects.create(user=owner, body=Body.FORCE, force_id="metropolitan")
    stranger = User.objects.create_user("stranger", email="stranger@example.org")
    ForceAffiliation.objects.create(user=stranger, body=Body.FORCE, force_id="kent")
    InspectionContact.objects.create(inspection=inspection, user=stranger, role=ContactRole.LIAISON)
    FollowUp.objects.filter(finding=finding).update(owner=owner, due_on=datetime.date(2026, 2, 1))
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "outbox"
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    return {"workspace": workspace, "outbox": Outbox(tmp_path / "outbox")}


def test_the_digest_is_written_to_the_outbox_once_a_day(own_cli, setting):
    workspace, outbox = setting["workspace"], setting["outbox"]
    result = own_cli("notify", "digest", "--today", "2026-02-10", "-w", workspace)
    assert result.returncode == 0, result
    assert result.stdout.splitlines() == [
        "sent owner <owner@example.org>: 1 new, 1 listed",
        "digest of 10 February 2026: 1 sent",
    ]
    [message] = outbox.messages()
    assert message["To"] == "owner@example.org"
    assert "Overdue: it was due on 1 February 2026." in body(message)
    again = own_cli("notify", "digest", "--today", "2026-02-10", "-w", workspace)
    assert again.returncode == 0, again
    assert again.stdout.splitlines() == ["digest of 10 February 2026: 0 sent, 1 already sent that day"]
    assert len(outbox.messages()) == 1


def test_a_dry_run_says_who_would_be_mailed_and_sends_nothing(own_cli, setting):
    result = own_cli(
        "notify", "digest", "--today", "2026-02-10", "--dry-run", "--json", "-w", setting["workspace"]
    )
    assert result.returncode == 0, result
    run = result.json()
    assert run["dry_run"] is True
    assert run["mails"] == [
        {"username": "owner", "email": "owner@example.org", "new": 1, "listed": 1, "sent": False}
    ]
    assert setting["outbox"].messages() == []
    assert Notification.objects.count() == 0


def test_a_failed_digest_is_one_error_line_and_status_1(own_cli, setting, monkeypatch):
    from django.core.mail.backends.filebased import EmailBackend

    def refuse(self: Any, messages: Any) -> int:
        raise ConnectionRefusedError("refused")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    result = own_cli("notify", "digest", "--today", "2026-02-10", "-w", setting["workspace"])
    assert result.returncode == 1
    assert result.error_lines[-1] == (
        "error: 1 digests not sent (the mail server refused or could not be reached): see the log"
    )


def test_a_digest_for_a_day_to_come_runs_only_as_a_dry_run(own_cli, setting):
    # Each notice is sent once: a digest dated ahead would use up notices not yet due.
    result = own_cli("notify", "digest", "--today", "2099-01-01", "-w", setting["workspace"])
    assert result.returncode == 1
    assert result.error_lines == [
        "error: --today: 2099-01-01 is after today; a digest for a day to come runs only with --dry-run"
    ]
    dry = own_cli("notify", "digest", "--today", "2099-01-01", "--dry-run", "-w", setting["workspace"])
    assert dry.returncode == 0, dry


def test_a_date_that_is_not_one_is_refused(own_cli, setting):
    result = own_cli("notify", "digest", "--today", "2026-02-30", "-w", setting["workspace"])
    assert result.returncode == 1
    assert result.error_lines == ["error: --today: '2026-02-30' is not a date (YYYY-MM-DD)"]


def test_a_person_chooses_the_digest_only(own_cli, setting):
    workspace = setting["workspace"]
    shown = own_cli("notify", "choose", "owner", "-w", workspace)
    assert (
        shown.stdout.strip()
        == "owner (owner@example.org): updates and verdicts at once, and in the daily digest"
    )
    chosen = own_cli("notify", "choose", "owner", "--digest-only", "-w", workspace)
    assert chosen.returncode == 0, chosen
    assert chosen.stdout.strip() == "owner (owner@example.org): updates and verdicts only in the daily digest"
    assert MailChoice.objects.get(user__username="owner").immediate is False
    missing = own_cli("notify", "choose", "nobody", "--at-once", "-w", workspace)
    assert missing.error_lines == [
        "error: USERNAME: no user 'nobody' in this workspace (see `inspectorate users list`)"
    ]
