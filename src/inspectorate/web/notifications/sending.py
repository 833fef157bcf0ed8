"""Sending: an email and the notices it carries recorded together, all or nothing, and a failed
send logged, never raised into the change that caused it.

A notice is recorded (models.Notification) in the transaction that sends its email: if the mail
server refuses, nothing is recorded, so the next digest tells of it again; if another run recorded
it first, this email is not sent.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import timezone

from inspectorate.web.followup.models import FollowUpdate
from inspectorate.web.notifications.models import NoticeKind, Notification, wants_mail_at_once
from inspectorate.web.notifications.notices import Notice, email, update_notice
from inspectorate.web.notifications.recipients import told_of_update

logger = logging.getLogger(__name__)


def already_told(user: User, keys: Iterable[str]) -> set[str]:
    return set(
        Notification.objects.filter(recipient=user, about__in=list(keys)).values_list("about", flat=True)
    )


def deliver(user: User, message: EmailMultiAlternatives, notices: Sequence[tuple[NoticeKind, str]]) -> bool:
    """Send ``message`` and record its notices (kind, key) as told to ``user``; whether it was sent."""
    now = timezone.now()
    rows = [
        Notification(recipient=user, kind=kind, about=about, subject=str(message.subject), sent_at=now)
        for kind, about in notices
    ]
    try:
        with transaction.atomic():
            Notification.objects.bulk_create(rows)
            message.send()
    except IntegrityError:
        # Another run told them first.
        return False
    except Exception:
        # Whatever the mail backend raises (refused, unreachable, misconfigured): the change that
        # caused the mail stands, and the next digest tries again.
        logger.exception("email to %s not sent: %s", user.get_username(), message.subject)
        return False
    return True


def subject_for(notice: Notice, reference: str, kind_label: str) -> str:
    what = f"{'an' if kind_label[:1] in 'aeiou' else 'a'} {kind_label}"
    if notice.kind == NoticeKind.VERDICT:
        return f"{reference}: verdict on {what}"
    if notice.kind == NoticeKind.REOPENED:
        return f"{reference}: {what} reopened"
    return f"{reference}: an update on {what}"


def notify_update(update: FollowUpdate) -> int:
    """Mail everyone told of this update who wants mail at once; how many emails were sent. Those who
    choose the digest only are told in the next digest."""
    notice = update_notice(update)
    finding = update.follow_up.finding
    subject = subject_for(notice, finding.inspection.reference, finding.get_kind_display().lower())
    sent = 0
    for user in told_of_update(update):
        if not wants_mail_at_once(user.pk) or already_told(user, [notice.about]):
            continue
        message = email(user.email, subject, "notice", {"person": user, "notice": notice})
        sent += deliver(user, message, [(notice.kind, notice.about)])
    return sent
