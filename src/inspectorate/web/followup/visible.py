"""What a reader outside the inspectorate may see of a followed finding's status.

A later inspection's team gives verdicts on earlier findings while it works (its worklist), and a
later report's own words give them when it is stored. Until that later inspection is published
(a version out of embargo; never, for an exercise) such a verdict is its team's working judgment:
the public, the force and its local policing body see the status as it stood without it. Each
verdict's update names the inspection that gave it (``FollowUpdate.given_in``), so the status a
reader sees is the replay of the updates they may see.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch

from inspectorate.core.followup.states import FollowStatus
from inspectorate.web.followup.models import FollowUp, FollowUpdate, UpdateKind
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.reports.record import public_versions

# What a list prefetches so that each finding's seen status costs no query of its own.
UPDATES_SEEN = Prefetch("updates", queryset=FollowUpdate.objects.select_related("given_in"))


def is_public(inspection: Inspection) -> bool:
    """Published for everyone: a version out of embargo, and not an exercise."""
    return not inspection.exercise and bool(public_versions(inspection))


@dataclass(frozen=True)
class SeenStatus:
    status: FollowStatus
    verdict_reasons: str
    verdict_on: datetime.date | None
    verdict_in: Inspection | None
    by_report: bool
    """Given by a later report's own words, no person's."""


def working_status(follow_up: FollowUp) -> SeenStatus:
    return SeenStatus(
        follow_up.follow_status,
        follow_up.verdict_reasons,
        follow_up.verdict_on,
        follow_up.verdict_in,
        follow_up.verdict_in_id is not None and follow_up.verdict_by_id is None,
    )


def hidden(update: FollowUpdate) -> bool:
    """A verdict (or reopening) given in an inspection not yet published."""
    return update.given_in is not None and not is_public(update.given_in)


def _updates(follow_up: FollowUp) -> list[FollowUpdate]:
    """Oldest first; from the list's prefetch (``UPDATES_SEEN``) where it made one."""
    return sorted(follow_up.updates.all(), key=lambda u: (u.created_at, u.pk))


def shown_updates(follow_up: FollowUp) -> list[FollowUpdate]:
    """The updates a reader outside the inspectorate may see, oldest first."""
    return [u for u in _updates(follow_up) if not hidden(u)]


def public_status(follow_up: FollowUp) -> SeenStatus:
    """The status as the public (and the force) may see it: the working status, unless a verdict
    of an unpublished inspection is in it, then the replay of the updates without such verdicts."""
    updates = _updates(follow_up)
    if not any(hidden(u) for u in updates):
        if follow_up.verdict_in is not None and not is_public(follow_up.verdict_in):
            # A verdict recorded without an update naming it: shown without the inspection.
            return SeenStatus(
                follow_up.follow_status, follow_up.verdict_reasons, follow_up.verdict_on, None, False
            )
        return working_status(follow_up)
    return replay([u for u in updates if not hidden(u)])


def replay(updates: Sequence[FollowUpdate]) -> SeenStatus:
    status, reasons, on, given_in, by_report = FollowStatus.OPEN, "", None, None, False
    for update in updates:
        if update.status_to:
            status = FollowStatus(update.status_to)
        if update.kind == UpdateKind.VERDICT:
            reasons, on = update.body, update.created_at.date()
            given_in, by_report = update.given_in, update.given_in is not None and update.author_id is None
        elif update.kind == UpdateKind.REOPENED or (update.status_to and not status.is_verdict):
            reasons, on, given_in, by_report = "", None, None, False
    return SeenStatus(status, reasons, on, given_in, by_report)
