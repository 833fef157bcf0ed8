"""A notice (one thing a person is told) and the email that carries one or many: plain text with
a simple HTML alternative, every link absolute from ``SITE_URL``."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from inspectorate.core.followup.states import FollowStatus
from inspectorate.web.followup.models import FollowUp, FollowUpdate, UpdateKind
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.notifications.models import NoticeKind


@dataclass(frozen=True)
class Notice:
    kind: NoticeKind
    about: str
    """The key that marks it told (models.Notification.about)."""
    title: str
    detail: str
    link: str
    when: datetime.datetime | None = field(default=None, compare=False)
    """When it happened (an update's time), for ordering the digest."""


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def finding_link(follow_up: FollowUp) -> str:
    """The finding's follow-up page: where the force posts its updates and the inspectorate gives
    its verdict (the working finding page is the team's alone)."""
    finding = follow_up.finding
    return absolute(
        reverse("follow-up-finding", kwargs={"code": finding.inspection.code, "finding_code": finding.code})
    )


def inspection_link(inspection: Inspection) -> str:
    return absolute(reverse("inspection", kwargs={"code": inspection.code}))


def finding_title(follow_up: FollowUp) -> str:
    finding = follow_up.finding
    text = " ".join(finding.text.split())
    short = text if len(text) <= 120 else text[:117].rstrip() + "..."
    return f"{finding.inspection.reference}, {finding.get_kind_display().lower()}: {short}"


def update_key(update: FollowUpdate) -> str:
    return f"update:{update.code}"


def update_notice(update: FollowUpdate) -> Notice:
    follow_up = update.follow_up
    who = (update.author.get_full_name() or update.author.get_username()) if update.author else "Someone"
    if update.kind == UpdateKind.VERDICT:
        kind = NoticeKind.VERDICT
        verdict = FollowStatus(update.status_to).label if update.status_to else follow_up.get_status_display()
        detail = f"Verdict: {verdict}, given by {who}."
    elif update.kind == UpdateKind.REOPENED:
        kind = NoticeKind.REOPENED
        detail = f"Reopened by {who}."
    else:
        kind = NoticeKind.UPDATE
        detail = f"{update.get_kind_display()} from {who}."
        if update.status_from and update.status_to and update.status_from != update.status_to:
            moved = f"{FollowStatus(update.status_from).label} to {FollowStatus(update.status_to).label}"
            detail += f" Moved from {moved.lower()}."
    if update.body.strip():
        detail += f"\n{update.body.strip()}"
    return Notice(
        kind, update_key(update), finding_title(follow_up), detail, finding_link(follow_up), update.created_at
    )


def due_notice(follow_up: FollowUp, kind: NoticeKind) -> Notice:
    assert follow_up.due_on is not None
    due = long_date(follow_up.due_on)
    detail = f"Overdue: it was due on {due}." if kind == NoticeKind.OVERDUE else f"Due on {due}."
    detail += f" Status: {follow_up.get_status_display()}."
    if follow_up.owner_title:
        detail += f" Owner: {follow_up.owner_title}."
    about = f"{kind.value}:{follow_up.code}:{follow_up.due_on.isoformat()}"
    return Notice(kind, about, finding_title(follow_up), detail, finding_link(follow_up))


def response_notice(inspection: Inspection, due_on: datetime.date, kind: NoticeKind) -> Notice:
    due = long_date(due_on)
    if kind == NoticeKind.RESPONSE_OVERDUE:
        detail = f"The local policing body's response was due on {due} and has not been recorded."
    else:
        detail = f"The local policing body's response is due on {due}, 56 days after publication."
    about = f"{kind.value}:{inspection.code}:{due_on.isoformat()}"
    title = f"{inspection.reference}: {inspection.title}"
    return Notice(kind, about, title, detail, inspection_link(inspection))


@dataclass(frozen=True)
class Section:
    heading: str
    notices: Sequence[Notice]


def email(to: str, subject: str, template: str, context: dict[str, object]) -> EmailMultiAlternatives:
    """An email rendered from ``notifications/email/<template>.txt`` and ``.html``."""
    context = {**context, "site_url": settings.SITE_URL}
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    return message
