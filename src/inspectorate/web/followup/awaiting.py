"""What the followed findings ask of someone of a force, for their home page: each inspection of
their force whose findings the force still holds (open, in progress, reopened), with how many and how
many are overdue; only inspections whose follow-up they may read (access.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import User

from inspectorate.core.followup.states import WITH_THE_FORCE, is_overdue
from inspectorate.web.accounts.roles import force_of
from inspectorate.web.followup.access import follow_access
from inspectorate.web.followup.models import FollowUp
from inspectorate.web.inspections.models import Inspection


@dataclass(frozen=True)
class HeldByTheForce:
    inspection: Inspection
    count: int
    overdue: int


def held_by_the_force(user: User, on: datetime.date) -> list[HeldByTheForce]:
    force = force_of(user)
    if force is None:
        return []
    held = FollowUp.objects.filter(
        finding__inspection__force_id=force, status__in=[s.value for s in WITH_THE_FORCE]
    ).select_related("finding__inspection__force")
    by_inspection: dict[int, list[FollowUp]] = {}
    for follow_up in held:
        by_inspection.setdefault(follow_up.finding.inspection_id, []).append(follow_up)
    found = []
    for follow_ups in by_inspection.values():
        inspection = follow_ups[0].finding.inspection
        if follow_access(user, inspection) is None:
            continue
        late = sum(is_overdue(f.follow_status, f.due_on, on) for f in follow_ups)
        found.append(HeldByTheForce(inspection, len(follow_ups), late))
    return sorted(found, key=lambda h: h.inspection.reference)
