"""Who is told what.

- an update posted on a followed finding: the inspection's team (whose places still count);
- a verdict given, or a finding reopened: the finding's owner and the force's liaisons invited to
  the inspection (whose invitations still count);
- a due date within 14 days, or passed: the owner and the liaisons;
- the local policing body's response due within 14 days, or overdue: the people of that force's
  local policing body, and staff.

Only active people with an email address are told, never the one who made the change, and never of
an inspection they may not see (web/inspections/access.py): a force's people hear only of their own
force's findings, whatever their records say.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User

from inspectorate.web.accounts.models import Body
from inspectorate.web.accounts.roles import force_of, is_inspectorate, policing_body_of
from inspectorate.web.followup.access import follow_access
from inspectorate.web.followup.models import FollowUp, FollowUpdate, UpdateKind
from inspectorate.web.inspections.access import invitation_lapse, team_place_lapse
from inspectorate.web.inspections.models import ContactRole, Inspection, InspectionContact, TeamMember

VERDICT_KINDS = frozenset({UpdateKind.VERDICT, UpdateKind.REOPENED})


class Audience:
    """Answers who may be told of an inspection, remembering each person's answer for one run (the
    digest asks of the same people and inspections many times)."""

    def __init__(self) -> None:
        self._sees: dict[tuple[int, int], bool] = {}

    def sees(self, user: User, inspection: Inspection) -> bool:
        key = (user.pk, inspection.pk)
        if key not in self._sees:
            # As the follow-up pages answer them: an exercise is its team's and staff's alone, a
            # report under embargo its invited contacts' (web/followup/access.py).
            self._sees[key] = follow_access(user, inspection) is not None
        return self._sees[key]

    def told(
        self, people: Iterable[User], inspection: Inspection, *, leave_out: int | None = None
    ) -> list[User]:
        """The people, once each, who have an address, are active, did not make the change, and may
        see the inspection."""
        chosen: dict[int, User] = {}
        for user in people:
            if user.pk in chosen or user.pk == leave_out or not reachable(user):
                continue
            if self.sees(user, inspection):
                chosen[user.pk] = user
        return sorted(chosen.values(), key=lambda u: u.username)


def reachable(user: User) -> bool:
    return user.is_active and bool(user.email.strip())


def team_of(inspection: Inspection) -> list[User]:
    members = TeamMember.objects.filter(inspection=inspection).select_related("user__affiliation")
    return [m.user for m in members if team_place_lapse(m.user) is None]


def liaisons_of(inspection: Inspection) -> list[User]:
    contacts = InspectionContact.objects.filter(inspection=inspection, role=ContactRole.LIAISON)
    return [
        c.user
        for c in contacts.select_related("user__affiliation")
        if invitation_lapse(c.user, c.role, inspection.force_id) is None
    ]


def owner_of(follow_up: FollowUp) -> list[User]:
    """The finding's owner while they are of the inspected force, its local policing body or the
    inspectorate: someone who has moved to another force is no longer told."""
    owner = follow_up.owner
    if owner is None:
        return []
    force = follow_up.finding.inspection.force_id
    if force_of(owner) == force or policing_body_of(owner) == force or is_inspectorate(owner):
        return [owner]
    return []


def policing_body_people(force_id: str) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, affiliation__body=Body.LOCAL_POLICING_BODY, affiliation__force_id=force_id
        ).select_related("affiliation")
    )


def staff() -> list[User]:
    return list(User.objects.filter(is_active=True, is_staff=True))


def told_of_update(update: FollowUpdate, audience: Audience | None = None) -> list[User]:
    follow_up = update.follow_up
    inspection = follow_up.finding.inspection
    if update.kind in VERDICT_KINDS:
        people = [*owner_of(follow_up), *liaisons_of(inspection)]
    else:
        people = team_of(inspection)
    return (audience or Audience()).told(people, inspection, leave_out=update.author_id)


def told_of_due_date(follow_up: FollowUp, audience: Audience | None = None) -> list[User]:
    inspection = follow_up.finding.inspection
    return (audience or Audience()).told([*owner_of(follow_up), *liaisons_of(inspection)], inspection)


def told_of_response(inspection: Inspection, audience: Audience | None = None) -> list[User]:
    return (audience or Audience()).told([*policing_body_people(inspection.force_id), *staff()], inspection)
