"""Who may read and change an inspection's followed findings (docs/permissions.md).

- staff, and the inspection's team of any role, read them from the first published version (under
  embargo or out of it), in the latest version's words;
- staff and the team's lead, inspectors, analysts and auditors change their details, give verdicts
  and reopen them (the moderator reads);
- people of the inspected force read them and post updates, and people of its local policing body
  read them, once the report is theirs to read: out of embargo, or before for those invited to
  read it under embargo (web/reports/record.py); in the words of the version they read;
- an exercise's followed findings are for its team and staff alone;
- everyone else gets 404, so that nothing is revealed; a reader's change is 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from inspectorate.core.reports.context import ReportContext, context_from_json
from inspectorate.web.accounts.roles import force_of, policing_body_of
from inspectorate.web.followup.services import latest_version
from inspectorate.web.inspections.access import can_see_history, can_write
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.reports.record import embargoed_record, public_record


@dataclass(frozen=True)
class FollowAccess:
    inspection: Inspection
    record: ReportContext
    """The version whose words the reader reads the findings in."""
    team: bool
    """Staff, or the team of any role."""
    judges: bool
    """Staff and the team's writers: details, verdicts, reopening."""
    force: bool
    """Someone of the inspected force: posts updates and moves a finding as far as ready for review."""


def follow_access(user: AnyUser, inspection: Inspection) -> FollowAccess | None:
    """What the user may do with the inspection's followed findings; None when they may not know of
    them."""
    if not user.is_authenticated:
        return None
    if can_see_history(user, inspection):
        version = latest_version(inspection)
        if version is None:
            return None
        record = context_from_json(version.context)
        return FollowAccess(inspection, record, team=True, judges=can_write(user, inspection), force=False)
    if inspection.exercise:
        return None
    force = force_of(user) == inspection.force_id
    if not force and policing_body_of(user) != inspection.force_id:
        return None
    found = embargoed_record(user, inspection) or public_record(inspection)
    if found is None:
        return None
    return FollowAccess(inspection, found[0], team=False, judges=False, force=force)


def get_follow_access(request: HttpRequest, code: UUID) -> FollowAccess:
    """The inspection's followed findings as this user may see them; 404 when they may not."""
    inspection = Inspection.objects.select_related("force", "framework").filter(code=code).first()
    access = follow_access(request.user, inspection) if inspection is not None else None
    if access is None:
        raise Http404("No such inspection")
    return access


def refuse_unless(allowed: bool, what: str) -> None:
    if not allowed:
        raise PermissionDenied(f"You may read this follow-up but not {what}.")
