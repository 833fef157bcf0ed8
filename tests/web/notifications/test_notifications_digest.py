"""The daily digest: each person told of what is overdue, due within 14 days, the local policing
body's response, and what happened since their last digest; once a day; never of another force's
findings, never to anyone inactive or without an address."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from inspectorate.web.followup.models import FollowUp, FollowUpdate, UpdateKind
from inspectorate.web.notifications.digest import run_digest
from inspectorate.web.notifications.models import MailChoice, NoticeKind, Notification
from inspectorate.web.reports.models import ReportVersion
from inspectorate.web.responses.models import LocalResponse
from support.mail import body

from .conftest import DAY

pytestmark = pytest.mark.django_db

# Told of the Metropolitan's due dates: the owner and the liaison; of its body's response: the
# Mayor's Office and staff; of Kent's overdue finding: Kent's liaison, who owns it; of Kent's
# response: Kent's commissioner and staff.
DIGESTED = [
    "kent-pcc@example.org",
    "kent@example.org",
    "liaison@example.org",
    "mopac@example.org",
    "owner@example.org",
    "staff@example.org",
]


def _text(outbox: Any, name: str) -> str:
    [message] = outbox.to(f"{name}@example.org")
    return body(message)


def test_the_digest_lists_an_overdue_finding_and_one_due_soon(cast, outbox):
    run = run_digest(DAY)
    assert outbox.addressed() == DIGESTED
    assert run.sent == 6 and run.failed == 0
    text = _text(outbox, "owner")
    overdue = text.index("OVERDUE")
    soon = text.index("DUE WITHIN 14 DAYS")
    assert overdue < text.index("Answer 999 calls faster") < soon < text.index("Record crimes on time")
    assert "Overdue: it was due on 21 February 2026." in text
    assert "Due on 6 March 2026." in text
    # Due in 40 days, and met: neither is listed.
    assert "Review missing people" not in text
    assert "Train the call handlers" not in text
    [message] = outbox.to("owner@example.org")
    assert message["Subject"] == "Your digest for 24 February 2026: 2 new"


def test_the_digest_lists_the_local_policing_bodys_response_due(cast, outbox):
    run_digest(DAY)
    text = _text(outbox, "mopac")
    assert "LOCAL POLICING BODIES' RESPONSES" in text
    assert "MPS-FOLLOW: Inspection MPS-FOLLOW" in text
    assert "The local policing body's response is due on 1 March 2026, 56 days after publication." in text
    assert f"https://inspect.example.org/inspections/{cast.met.code}" in text
    staff = _text(outbox, "staff")
    assert "MPS-FOLLOW" in staff and "KENT-FOLLOW" in staff
    # The body's people and staff are not told of the force's due dates.
    assert "Answer 999 calls faster" not in text
    assert "Answer 999 calls faster" not in staff


def test_an_overdue_response_is_flagged_and_a_recorded_one_is_not(cast, outbox):
    LocalResponse.objects.create(
        inspection=cast.kent,
        published_on=DAY,
        address="https://www.kent-pcc.gov.uk/response",
        summary="The commissioner welcomes the report.",
    )
    later = DAY + datetime.timedelta(days=10)
    run_digest(later)
    text = _text(outbox, "mopac")
    assert "The local policing body's response was due on 1 March 2026 and has not been recorded." in text
    assert "KENT-FOLLOW" not in _text(outbox, "staff")
    assert Notification.objects.filter(
        recipient=cast.users["staff"], kind=NoticeKind.RESPONSE_OVERDUE, about__contains=str(cast.met.code)
    ).exists()


def test_the_digest_is_sent_once_a_day(cast, outbox):
    first = run_digest(DAY)
    assert first.sent == 6
    again = run_digest(DAY)
    assert again.mails == () and again.already_sent == 6
    assert len(outbox.messages()) == 6


def test_a_notice_is_sent_once_and_only_what_is_new_brings_a_digest(cast, outbox):
    run_digest(DAY)
    # The next day nothing is new: no one is mailed again about the same due dates.
    assert run_digest(DAY + datetime.timedelta(days=1)).mails == ()
    # Eleven days on, the finding due soon is overdue, and so are both responses: new notices, and
    # the old ones listed unmarked. Kent's liaison has nothing new.
    later = run_digest(DAY + datetime.timedelta(days=11))
    assert sorted(m.username for m in later.mails) == ["kent-pcc", "liaison", "mopac", "owner", "staff"]
    [owner] = [m for m in outbox.to("owner@example.org") if "7 March 2026" in m["Subject"]]
    text = body(owner)
    assert "- NEW Record crimes on time" not in text
    assert "- NEW MPS-FOLLOW, area for improvement: Record crimes on time" in text
    assert "- MPS-FOLLOW, area for improvement: Answer 999 calls faster" in text


def test_inactive_people_and_people_without_an_address_get_nothing(cast, outbox):
    FollowUp.objects.filter(pk=cast.followed["overdue"].pk).update(owner=cast.users["silent"])
    cast.users["owner"].is_active = False
    cast.users["owner"].save()
    run_digest(DAY)
    addressed = outbox.addressed()
    assert "owner@example.org" not in addressed
    assert "gone-liaison@example.org" not in addressed
    assert "gone@example.org" not in addressed
    assert not Notification.objects.filter(recipient__in=[cast.users["silent"], cast.users["owner"]]).exists()


def test_nobody_is_told_of_an_inspection_they_may_not_see(cast, outbox):
    run_digest(DAY)
    assert outbox.to("outsider@example.org") == []
    kent = _text(outbox, "kent")
    # Kent's liaison owns a Metropolitan finding and was invited to its inspection: told of neither.
    assert "KENT-FOLLOW" in kent
    assert "MPS-FOLLOW" not in kent
    assert "MPS-FOLLOW" not in _text(outbox, "kent-pcc")
    assert "KENT-FOLLOW" not in _text(outbox, "mopac")
    assert "KENT-FOLLOW" not in _text(outbox, "liaison")


def test_what_happened_since_the_last_digest_is_told_once(cast, outbox):
    MailChoice.objects.create(user=cast.users["lead"], immediate=False)
    update = FollowUpdate.objects.create(
        follow_up=cast.followed["later"], kind=UpdateKind.PROGRESS, author=cast.users["liaison"], body="Begun"
    )
    FollowUpdate.objects.filter(pk=update.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 2, 23, 9))
    )
    run_digest(DAY)
    text = _text(outbox, "lead")
    assert "SINCE YOUR LAST DIGEST" in text
    assert "Progress update from liaison." in text and "Begun" in text
    assert Notification.objects.get(recipient=cast.users["lead"], kind=NoticeKind.UPDATE).about == (
        f"update:{update.code}"
    )
    assert run_digest(DAY + datetime.timedelta(days=1)).mails == ()


def test_an_update_already_mailed_is_not_in_the_digest(cast, outbox):
    update = FollowUpdate.objects.create(
        follow_up=cast.followed["later"], kind=UpdateKind.PROGRESS, author=cast.users["liaison"], body="Begun"
    )
    for name in ("lead", "inspector", "moderator"):
        Notification.objects.create(
            recipient=cast.users[name],
            kind=NoticeKind.UPDATE,
            about=f"update:{update.code}",
            subject="sent at once",
            sent_at=timezone.now(),
        )
    run = run_digest(timezone.localdate())
    assert [m for m in run.mails if m.username in ("lead", "inspector", "moderator")] == []


def test_a_dry_run_sends_and_records_nothing(cast, outbox):
    run = run_digest(DAY, dry_run=True)
    assert sorted(m.address for m in run.mails) == DIGESTED
    assert run.sent == 0 and run.failed == 0
    assert outbox.messages() == []
    assert Notification.objects.count() == 0


def test_a_digest_that_cannot_be_sent_is_logged_and_tried_again(cast, outbox, monkeypatch, caplog):
    from django.core.mail.backends.filebased import EmailBackend

    original = EmailBackend.send_messages

    def refuse_the_owner(self: Any, messages: Any) -> int:
        if any("owner@example.org" in m.to for m in messages):
            raise TimeoutError("timed out")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_the_owner)
    run = run_digest(DAY)
    assert run.failed == 1 and run.sent == 5
    assert "email to owner not sent" in caplog.text
    monkeypatch.undo()
    again = run_digest(DAY)
    assert [m.username for m in again.mails] == ["owner"] and again.sent == 1


def test_under_embargo_only_those_invited_and_the_team_hear_of_a_report(cast, outbox):
    # The owner and the Mayor's Office are of the force and its body, but not invited: until the
    # embargo ends the report is not theirs to know of. The invited liaison reads it under embargo.
    ReportVersion.objects.filter(inspection=cast.met).update(
        embargo_until=timezone.now() + datetime.timedelta(days=10)
    )
    run_digest(DAY)
    addressed = outbox.addressed()
    assert "owner@example.org" not in addressed
    assert "MPS-FOLLOW" in _text(outbox, "staff")
    assert "mopac@example.org" not in addressed
    assert "Answer 999 calls faster" in _text(outbox, "liaison")
