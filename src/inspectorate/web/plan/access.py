"""Who may see and change an inspection's plan.

- its team (of any role) and staff see the whole plan: requests, answers and activities;
- the writers of its team (lead, inspector, analyst, auditor) and staff add and change them, and
  decide on the force's answers, while the inspection is in planning or fieldwork;
- the force's liaison invited to the inspection sees the requests and their answers, never the
  activities (they may name people and places), and sends answers while the plan is open;
- everyone else (the local policing body, other users, the public) gets 404, so that a plan's
  existence is not revealed; a reader's change is 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from inspectorate.web.inspections.access import can_see_history, can_write, force_contact_role
from inspectorate.web.inspections.models import ContactRole, Inspection
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.plan.services import plan_open


@dataclass(frozen=True)
class PlanAccess:
    inspection: Inspection
    team: bool
    """The team of any role, or staff: the whole plan."""
    writes: bool
    """May add and change requests and activities, and decide on answers (while the plan is open)."""
    liaison: bool
    """The force's invited liaison: the requests only, and may answer them (while the plan is open)."""

    @property
    def open(self) -> bool:
        return plan_open(self.inspection)

    @property
    def may_change(self) -> bool:
        return self.writes and self.open

    @property
    def may_answer(self) -> bool:
        return (self.writes or self.liaison) and self.open


def plan_access(user: AnyUser, inspection: Inspection) -> PlanAccess | None:
    team = can_see_history(user, inspection)
    liaison = force_contact_role(user, inspection) == ContactRole.LIAISON
    if not team and not liaison:
        return None
    return PlanAccess(inspection, team, can_write(user, inspection), liaison and not team)


def get_plan_for_user(request: HttpRequest, code: UUID) -> PlanAccess:
    """The inspection's plan as this user may see it; 404 when they may not see it."""
    inspection = Inspection.objects.select_related("force", "framework").filter(code=code).first()
    access = plan_access(request.user, inspection) if inspection is not None else None
    if access is None:
        raise Http404("No such inspection")
    return access


READ_ONLY = "You may read this plan but not change it."


def refuse_unless(allowed: bool, access: PlanAccess) -> None:
    """A 403 saying why: a reader's change, or a change to a plan past fieldwork."""
    if allowed:
        return
    if not access.open and (access.writes or access.liaison):
        raise PermissionDenied(
            f"{access.inspection.reference} is past its fieldwork: its plan is no longer changed."
        )
    raise PermissionDenied(READ_ONLY)
