"""The daily digest: one email per person listing what is overdue, what falls due within 14 days,
the local policing bodies' responses due or overdue, and what happened since their last digest.

A person is mailed only when something in it is new to them (a notice whose key they have not been
sent: models.Notification), and at most once a day: running the digest again on the same day sends
nothing. What they have been told before is still listed, unmarked, so each digest is the whole
picture; updates already mailed at once are not repeated.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.utils import timezone

from inspectorate.core.followup.accountability import Standing, response_state
from inspectorate.core.followup.states import WITH_THE_FORCE, is_overdue
from inspectorate.web.followup.models import FollowUp, FollowUpdate
from inspectorate.web.inspections.models import Inspection, Origin
from inspectorate.web.notifications.models import NoticeKind, Notification
from inspectorate.web.notifications.notices import (
    Notice,
    due_notice,
    email,
    long_date,
    response_notice,
    update_notice,
)
from inspectorate.web.notifications.recipients import (
    Audience,
    told_of_due_date,
    told_of_response,
    told_of_update,
)
from inspectorate.web.notifications.sending import already_told, deliver
from inspectorate.web.responses.models import LocalResponse

DUE_SOON_DAYS = 14
# A person's first digest tells of the week before it, not of everything ever posted.
LOOKBACK_DAYS = 7

Progress = Callable[[str, int, int], None]


@dataclass
class _Gathered:
    user: User
    overdue: list[Notice] = field(default_factory=list)
    due_soon: list[Notice] = field(default_factory=list)
    responses: list[Notice] = field(default_factory=list)
    happened: list[Notice] = field(default_factory=list)

    def every(self) -> list[Notice]:
        return [*self.overdue, *self.due_soon, *self.responses, *self.happened]


@dataclass(frozen=True)
class Line:
    notice: Notice
    new: bool


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class DigestMail:
    username: str
    address: str
    new: int
    listed: int
    sent: bool
    """False in a dry run, and when the mail could not be sent (logged)."""


@dataclass(frozen=True)
class DigestRun:
    day: datetime.date
    dry_run: bool
    mails: tuple[DigestMail, ...]
    already_sent: int
    """People whose digest for this day was sent by an earlier run."""

    @property
    def sent(self) -> int:
        return sum(m.sent for m in self.mails)

    @property
    def failed(self) -> int:
        return 0 if self.dry_run else sum(not m.sent for m in self.mails)

    def to_json(self) -> dict[str, object]:
        return {
            "day": self.day.isoformat(),
            "dry_run": self.dry_run,
            "sent": self.sent,
            "failed": self.failed,
            "already_sent": self.already_sent,
            "mails": [
                {"username": m.username, "email": m.address, "new": m.new, "listed": m.listed, "sent": m.sent}
                for m in self.mails
            ],
        }


def digest_key(day: datetime.date) -> str:
    return f"digest:{day.isoformat()}"


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def gather(day: datetime.date) -> dict[int, _Gathered]:
    """Everything each person is to be told of on ``day``, by person."""
    audience = Audience()
    people: dict[int, _Gathered] = {}

    def add(users: list[User], notice: Notice, bucket: str) -> None:
        for user in users:
            getattr(people.setdefault(user.pk, _Gathered(user)), bucket).append(notice)

    soon = day + datetime.timedelta(days=DUE_SOON_DAYS)
    followed = (
        FollowUp.objects.filter(
            due_on__isnull=False, due_on__lte=soon, status__in=[s.value for s in WITH_THE_FORCE]
        )
        .select_related("finding__inspection", "owner__affiliation")
        .order_by("due_on", "id")
    )
    for follow_up in followed:
        assert follow_up.due_on is not None
        if is_overdue(follow_up.follow_status, follow_up.due_on, day):
            add(told_of_due_date(follow_up, audience), due_notice(follow_up, NoticeKind.OVERDUE), "overdue")
        elif follow_up.due_on >= day:
            add(told_of_due_date(follow_up, audience), due_notice(follow_up, NoticeKind.DUE_SOON), "due_soon")

    for inspection, due_on, kind in awaiting_response(day):
        add(told_of_response(inspection, audience), response_notice(inspection, due_on, kind), "responses")

    updates = (
        FollowUpdate.objects.filter(
            created_at__gte=_start_of(day - datetime.timedelta(days=LOOKBACK_DAYS)),
            created_at__lt=_start_of(day + datetime.timedelta(days=1)),
        )
        .select_related("follow_up__finding__inspection", "follow_up__owner__affiliation", "author")
        .order_by("created_at", "id")
    )
    for update in updates:
        add(told_of_update(update, audience), update_notice(update), "happened")
    return people


def awaiting_response(day: datetime.date) -> list[tuple[Inspection, datetime.date, NoticeKind]]:
    """Published reports whose local policing body's response is due within 14 days or overdue on
    ``day``, as core/followup/accountability.py judges it (overdue only for a report run here)."""
    responded = set(LocalResponse.objects.values_list("inspection_id", flat=True))
    found = []
    published = Inspection.objects.filter(published_on__isnull=False, exercise=False).exclude(
        pk__in=responded
    )
    for inspection in published.select_related("force").order_by("published_on", "reference"):
        assert inspection.published_on is not None
        state = response_state(
            inspection.published_on,
            None,
            day,
            force_id=inspection.force_id,
            kept_here=inspection.origin == Origin.RUN_HERE,
        )
        if state.due_on is None:
            continue
        if state.standing == Standing.OVERDUE:
            found.append((inspection, state.due_on, NoticeKind.RESPONSE_OVERDUE))
        elif state.standing == Standing.DUE and state.due_on <= day + datetime.timedelta(days=DUE_SOON_DAYS):
            found.append((inspection, state.due_on, NoticeKind.RESPONSE_DUE))
    return found


def _sections(gathered: _Gathered, new: set[str]) -> list[Section]:
    def lines(notices: list[Notice], only_new: bool = False) -> tuple[Line, ...]:
        return tuple(Line(n, n.about in new) for n in notices if not only_new or n.about in new)

    sections = [
        Section("Overdue", lines(gathered.overdue)),
        Section(f"Due within {DUE_SOON_DAYS} days", lines(gathered.due_soon)),
        Section("Local policing bodies' responses", lines(gathered.responses)),
        # What happened is told once: in an email at once, or in one digest.
        Section("Since your last digest", lines(gathered.happened, only_new=True)),
    ]
    return [s for s in sections if s.lines]


def run_digest(day: datetime.date, *, dry_run: bool = False, progress: Progress | None = None) -> DigestRun:
    """Send (or, dry, only work out) the digest of ``day`` to everyone with something new in it."""
    report = progress or (lambda _step, _done, _total: None)
    report("gathering", 0, 0)
    gathered = gather(day)
    key = digest_key(day)
    done_today = set(Notification.objects.filter(about=key).values_list("recipient_id", flat=True))
    mails: list[DigestMail] = []
    people = sorted(gathered.values(), key=lambda g: g.user.username)
    for done, person in enumerate(people, start=1):
        report("people", done, len(people))
        if person.user.pk in done_today:
            continue
        every = person.every()
        told = already_told(person.user, [n.about for n in every])
        new = {n.about for n in every} - told
        if not new:
            continue
        sections = _sections(person, new)
        listed = sum(len(s.lines) for s in sections)
        subject = f"Your digest for {long_date(day)}: {len(new)} new"
        sent = False
        if not dry_run:
            context = {"person": person.user, "day": day, "sections": sections, "new": len(new)}
            message = email(person.user.email, subject, "digest", context)
            kinds = {n.about: n.kind for n in every}
            sent = deliver(
                person.user, message, [(NoticeKind.DIGEST, key), *((kinds[k], k) for k in sorted(new))]
            )
        mails.append(DigestMail(person.user.username, person.user.email, len(new), listed, sent))
    return DigestRun(day, dry_run, tuple(mails), len(done_today))
