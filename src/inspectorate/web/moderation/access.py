"""Who reads moderation and who decides it.

- an inspection's moderation page: its team, of any role, and staff (it shows draft grades); anyone
  else gets 404, as for the rest of the team's working material;
- its decisions: the inspection's moderator (the team's reviewer) and staff, while the inspection is
  at moderation; the rest of the team reads only (403);
- a framework version's grades across forces: staff see every inspection of that version; anyone
  else on the team (of any role) of at least one of them sees those inspections only (the others'
  grades are other forces' drafts); anyone else gets 404.

Only an active user counts: a deactivated account is signed out, and refused at the command line.
"""

from __future__ import annotations

from django.db.models import QuerySet

from inspectorate.web.accounts.roles import is_inspectorate
from inspectorate.web.inspections.access import can_see_history, on_team
from inspectorate.web.inspections.models import Inspection, TeamMember, TeamRole
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.registry.models import FrameworkVersion


def reads_moderation(user: AnyUser, inspection: Inspection) -> bool:
    return can_see_history(user, inspection)


def is_moderator(user: AnyUser, inspection: Inspection) -> bool:
    """The inspection's moderator, or staff: who may decide its grades (at moderation)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff:
        return True
    return on_team(user, inspection, (TeamRole.REVIEWER,))


def across_inspections(user: AnyUser, framework: FrameworkVersion) -> QuerySet[Inspection]:
    """The inspections of a framework version whose grades this user reads across forces: every one
    for staff, those they are on the team of for anyone else (none: the page is a 404)."""
    inspections = Inspection.objects.filter(framework=framework).select_related("force", "framework")
    if not user.is_authenticated or not user.is_active:
        return inspections.none()
    if user.is_staff:
        return inspections
    if not is_inspectorate(user):  # a place on a team counts only while they are of the inspectorate
        return inspections.none()
    return inspections.filter(pk__in=TeamMember.objects.filter(user=user).values("inspection"))


def reads_across(user: AnyUser, framework: FrameworkVersion) -> bool:
    if user.is_authenticated and user.is_active and user.is_staff:
        return True
    return across_inspections(user, framework).exists()
