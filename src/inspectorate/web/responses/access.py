"""Who may see and record a report's response.

- everyone, signed in or not, reads the response page of a published report (a version out of
  embargo; never an exercise), as the public list shows it;
- staff, and people of the inspected force's local policing body (as their organisation is
  recorded now: web/accounts/roles.py), record the response and its statements, once the report
  is public;
- a report not public (a draft, one under embargo, an exercise) has no response page: 404 to
  everyone, so that nothing is said of it; a reader's change is 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404

from inspectorate.web.accounts.roles import policing_body_of
from inspectorate.web.followup.visible import is_public
from inspectorate.web.inspections.models import Inspection
from inspectorate.web.pages.requests import AnyUser


@dataclass(frozen=True)
class ResponseAccess:
    inspection: Inspection
    records: bool
    """Staff, or of the inspected force's local policing body: may record the response."""


def may_record(user: AnyUser, inspection: Inspection) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_staff) or policing_body_of(user) == inspection.force_id


def get_response_for_user(user: AnyUser, code: UUID) -> ResponseAccess:
    """The published inspection whose response this is, and whether the user records it; 404 for an
    inspection that is not public (or does not exist)."""
    inspection = Inspection.objects.select_related("force", "framework").filter(code=code).first()
    if inspection is None or not is_public(inspection):
        raise Http404("No published report")
    return ResponseAccess(inspection, may_record(user, inspection))


READ_ONLY = "Only the local policing body of the inspected force, or staff, record its response."


def refuse_unless_recorder(access: ResponseAccess) -> None:
    if not access.records:
        raise PermissionDenied(READ_ONLY)
