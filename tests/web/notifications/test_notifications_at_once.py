"""Mail sent as a followed finding changes: an update posted tells the inspection's team, a verdict
or a reopening tells the finding's owner and the force's liaisons; never the one who made the
change, nobody inactive or without an address, nobody of another force; a mail server that fails
never undoes the change."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from inspectorate.web.followup.models import FollowUp, FollowUpdate
from inspectorate.web.followup.services import give_verdict, post_update, reopen
from inspectorate.web.followup.signals import update_posted
from inspectorate.web.notifications.models import MailChoice, NoticeKind, Notification
from support.mail import body

pytestmark = pytest.mark.django_db

TEAM = ["inspector@example.org", "lead@example.org", "moderator@example.org"]


def _post(cast: Any, capture: Any, by: str = "liaison", key: str = "overdue") -> FollowUpdate:
    with capture(execute=True):
        return post_update(cast.followed[key], text="New call handlers trained in March", by=cast.users[by])


def test_an_update_posted_is_mailed_to_the_inspections_team(cast, outbox, django_capture_on_commit_callbacks):
    update = _post(cast, django_capture_on_commit_callbacks)
    assert outbox.addressed() == TEAM
    [message] = outbox.to("lead@example.org")
    assert message["Subject"] == "MPS-FOLLOW: an update on an area for improvement"
    text = body(message)
    assert "Answer 999 calls faster" in text
    assert "New call handlers trained in March" in text
    code, finding = cast.met.code, cast.followed["overdue"].finding.code
    link = f"https://inspect.example.org/inspections/{code}/follow-up/{finding}"
    assert link in text
    assert f'href="{link}"' in body(message, "html")
    told = Notification.objects.filter(about=f"update:{update.code}")
    assert sorted(told.values_list("recipient__username", flat=True)) == ["inspector", "lead", "moderator"]
    assert {n.kind for n in told} == {NoticeKind.UPDATE}


def test_nobody_outside_the_team_hears_of_an_update(cast, outbox, django_capture_on_commit_callbacks):
    _post(cast, django_capture_on_commit_callbacks)
    for name in ("outsider", "owner", "mopac", "kent", "gone", "silent", "staff", "liaison"):
        assert outbox.to(f"{name}@example.org") == [], name


def test_a_verdict_reaches_the_owner_and_the_forces_liaison(cast, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        update = give_verdict(
            cast.followed["soon"],
            verdict="partly-met",
            reasons="Half the staff trained",
            by=cast.users["lead"],
        )
    assert outbox.addressed() == ["liaison@example.org", "owner@example.org"]
    [message] = outbox.to("owner@example.org")
    assert message["Subject"] == "MPS-FOLLOW: verdict on an area for improvement"
    assert "Verdict: Partly met, given by Lena Lead." in body(message)
    assert "Half the staff trained" in body(message)
    assert Notification.objects.get(recipient=cast.users["owner"]).about == f"update:{update.code}"


def test_a_reopened_finding_reaches_the_owner_but_not_the_one_who_reopened_it(
    cast, outbox, django_capture_on_commit_callbacks
):
    follow_up = cast.followed["soon"]
    give_verdict(follow_up, verdict="met", reasons="Done", by=cast.users["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        reopen(follow_up, reasons="The backlog is back", by=cast.users["lead"])
    assert outbox.addressed() == ["liaison@example.org", "owner@example.org"]
    [message] = outbox.to("liaison@example.org")
    assert message["Subject"] == "MPS-FOLLOW: an area for improvement reopened"
    assert "Reopened by Lena Lead." in body(message)


def test_the_one_who_gave_a_verdict_is_not_told_of_it(cast, outbox, django_capture_on_commit_callbacks):
    # An inspector who owns a finding (a national body's, say) and judges it hears nothing of it.
    follow_up = cast.followed["later"]
    FollowUp.objects.filter(pk=follow_up.pk).update(owner=cast.users["inspector"])
    follow_up.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        give_verdict(follow_up, verdict="not-met", reasons="Not yet", by=cast.users["inspector"])
    assert outbox.addressed() == ["liaison@example.org"]
    assert Notification.objects.filter(recipient=cast.users["inspector"]).count() == 0


def test_a_person_who_chose_the_digest_is_not_mailed_at_once(
    cast, outbox, django_capture_on_commit_callbacks
):
    MailChoice.objects.create(user=cast.users["lead"], immediate=False)
    update = _post(cast, django_capture_on_commit_callbacks)
    assert "lead@example.org" not in outbox.addressed()
    assert outbox.addressed() == ["inspector@example.org", "moderator@example.org"]
    assert not Notification.objects.filter(
        recipient=cast.users["lead"], about=f"update:{update.code}"
    ).exists()


def test_an_update_of_another_force_reaches_only_its_own_team(
    cast, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        give_verdict(cast.followed["kent"], verdict="met", reasons="Done", by=cast.users["lead"])
    # Kent's liaison owns it and is invited to Kent's inspection: told; nobody of the Metropolitan is.
    assert outbox.addressed() == ["kent@example.org"]


def test_the_same_update_is_not_mailed_twice(cast, outbox, django_capture_on_commit_callbacks):
    update = _post(cast, django_capture_on_commit_callbacks)
    update_posted.send(sender=FollowUpdate, update=update)
    assert outbox.addressed() == TEAM


def test_a_mail_server_that_fails_is_logged_and_the_update_is_still_saved(
    cast, outbox, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    from django.core.mail.backends.filebased import EmailBackend

    def refuse(self: Any, messages: Any) -> int:
        raise ConnectionRefusedError("the mail server refused the connection")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    with caplog.at_level(logging.ERROR, logger="inspectorate.web.notifications"):
        update = _post(cast, django_capture_on_commit_callbacks)
    assert FollowUpdate.objects.filter(pk=update.pk, body="New call handlers trained in March").exists()
    failures = [r for r in caplog.records if r.name.startswith("inspectorate.web.notifications")]
    assert len(failures) == 3
    assert "email to lead not sent: MPS-FOLLOW" in caplog.text
    assert "ConnectionRefusedError" in caplog.text
    # Nothing recorded as told: the digest tells of it instead.
    assert Notification.objects.count() == 0
    assert outbox.messages() == []
