"""Who reads moderation and who decides it.

- an inspection's moderation page: its team, of any role, and staff (it shows draft grades); anyone
  else gets 404, as for the rest of the team's working material;
- its decisions: the inspection's moderator (the team's reviewer) and staff, while the inspection is
  at moderation; the rest of the team reads only (403);
- a framework version's grades across forces: staff, and whoever moderates at least one inspection
  of that version (it shows every force's drafts); anyone else gets 404.
"""

from __future__ import annotations

from inspectorate.web.inspections.access import can_see_history
from inspectorate.web.inspections.models import Inspection, TeamMember, TeamRole
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.registry.models import FrameworkVersion


def reads_moderation(user: AnyUser, inspection: Inspection) -> bool:
    return can_see_history(user, inspection)


def is_moderator(user: AnyUser, inspection: Inspection) -> bool:
    """The inspection's moderator, or staff: who may decide its grades (at moderation)."""
    if not user.is_authenticated:
        return False
    return user.is_staff or inspection.team.filter(user=user, role=TeamRole.REVIEWER).exists()


def reads_across(user: AnyUser, framework: FrameworkVersion) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return TeamMember.objects.filter(
        user=user, role=TeamRole.REVIEWER, inspection__framework=framework
    ).exists()
