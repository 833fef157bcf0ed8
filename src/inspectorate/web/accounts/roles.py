"""What a person is, for the access rules: the inspectorate's, a force's, or a local policing body's.

A person without an organisation recorded is the inspectorate's: accounts are made by staff, and
everyone outside the inspectorate is given their organisation when their account is made. A
deactivated person is none of these.

The access rules (web/inspections/access.py) ask these of the organisation as recorded now: a place
on a team, or an invitation, counts only while its holder is what it needs them to be, so that
someone moved to another organisation keeps the record of their places, not what they gave.
"""

from __future__ import annotations

from inspectorate.web.accounts.models import Body, ForceAffiliation
from inspectorate.web.pages.requests import AnyUser


def _affiliation(user: AnyUser) -> ForceAffiliation | None:
    return getattr(user, "affiliation", None)


def _active(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_inspectorate(user: AnyUser) -> bool:
    """Staff, or a member of the inspectorate: may create inspections and be appointed to a team."""
    if not _active(user):
        return False
    if user.is_staff:
        return True
    affiliation = _affiliation(user)
    return affiliation is None or affiliation.body == Body.INSPECTORATE


def force_of(user: AnyUser) -> str | None:
    """The id of the force the user works for (who may be its liaison), else None."""
    affiliation = _affiliation(user) if _active(user) else None
    if affiliation is None or affiliation.body != Body.FORCE:
        return None
    return affiliation.force_id


def policing_body_of(user: AnyUser) -> str | None:
    """The id of the force whose local policing body the user works for, else None."""
    affiliation = _affiliation(user) if _active(user) else None
    if affiliation is None or affiliation.body != Body.LOCAL_POLICING_BODY:
        return None
    return affiliation.force_id
