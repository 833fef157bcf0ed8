"""Who may see and record a force's monitoring status.

- everyone, signed in or not, reads every force's status and history: the decisions are published;
- a linked finding is shown as the reader may read it: as it stands to those who see its
  inspection's working copy (its team, staff), else as the latest published version out of embargo
  prints it, else (a draft, an exercise, a finding since removed) not at all;
- only staff record a placement or an exit: anyone else signed in gets 403, and the forms are not
  shown to them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from inspectorate.web.pages.requests import AnyUser

READ_ONLY = "Only staff record monitoring decisions: you may read this page but not change it."


def records_monitoring(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def refuse_unless_staff(user: AnyUser) -> None:
    if not records_monitoring(user):
        raise PermissionDenied(READ_ONLY)
