"""Who may see and change an inspection. One helper per object, as every view needs it.

- staff see everything and may write;
- team members see their inspections; leads, inspectors, analysts and auditors may write;
- a force's liaison invited to an inspection (``InspectionContact``) sees its working copy at the
  factual-accuracy check; invited contacts (liaison and local policing body) read a version under
  embargo before it is out (``reads_under_embargo``), marked as not to be passed on;
- a place on a team or an invitation counts only while the person is what it needs them to be, as
  their organisation is recorded now (web/accounts/roles.py): a team place while they are of the
  inspectorate, a liaison's invitation while they work for the inspected force, a local policing
  body's while they are of that force's body; none while they are deactivated. Someone who moves
  keeps the records of their places (``lapsed_places`` says which no longer count), not the access;
- everyone, signed in or not, sees an inspection once a version of its report is out of embargo,
  and then sees that version only (web/reports/record.py), never the working copy; an exercise is
  listed only for its team and staff;
- a force's data returns (its raw figures, however drawn) are for staff and the teams of that
  force's inspections only (``sees_data_returns``); everyone else reads the figures a report printed.
Anything else is a 404, so that a draft's existence is not revealed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from inspectorate.web.accounts.roles import force_of, is_inspectorate, policing_body_of
from inspectorate.web.inspections.models import (
    WRITE_ROLES,
    ContactRole,
    Inspection,
    InspectionContact,
    Status,
    TeamMember,
)
from inspectorate.web.pages.requests import AnyUser

# Matches no inspection (an empty ``Q()`` would match them all).
NOTHING = Q(pk__in=[])


def _team_rule(user: AnyUser) -> Q:
    """The inspections on whose team the user's place counts: while they are of the inspectorate."""
    return Q(team__user=user) if is_inspectorate(user) else NOTHING


def _contact_rule(user: AnyUser, role: ContactRole | None = None) -> Q:
    """The inspections whose invitation of the user counts (as ``role``, or either): as liaison while
    they work for the inspected force, as its local policing body while they are of that force's body.
    A person is of one organisation, so one of the two at most."""
    force, body = force_of(user), policing_body_of(user)
    if force is not None and role in (None, ContactRole.LIAISON):
        return Q(contacts__user=user, contacts__role=ContactRole.LIAISON, force_id=force)
    if body is not None and role in (None, ContactRole.LOCAL_POLICING_BODY):
        return Q(contacts__user=user, contacts__role=ContactRole.LOCAL_POLICING_BODY, force_id=body)
    return NOTHING


def _working_copy_rule(user: AnyUser) -> Q:
    """Those whose working copy a signed-in user (not staff) sees: their team's, and those they are
    invited to as the force's liaison while at the factual-accuracy check."""
    liaison = _contact_rule(user, ContactRole.LIAISON) & Q(status=Status.FACTUAL_ACCURACY)
    return _team_rule(user) | liaison


def _embargo_rule(user: AnyUser) -> Q:
    """Those an invited contact reads under embargo: a version exists whose embargo has not ended."""
    return _contact_rule(user) & Q(report_versions__embargo_until__gt=timezone.now())


def visible_inspections(user: AnyUser) -> QuerySet[Inspection]:
    everything = Inspection.objects.select_related("force", "framework")
    if user.is_authenticated and user.is_staff:
        return everything
    # A published version out of embargo (the stored status may still say embargoed).
    rule = Q(report_versions__embargo_until__lte=timezone.now())
    if user.is_authenticated:
        rule |= _working_copy_rule(user) | _embargo_rule(user)
    return everything.filter(rule).distinct()


def force_contact_role(user: AnyUser, inspection: Inspection) -> ContactRole | None:
    """How the user is invited to this inspection from outside the inspectorate: its force's liaison,
    or its local policing body; None for anyone not invited (team, staff, the public)."""
    if not user.is_authenticated:
        return None
    role = (
        InspectionContact.objects.filter(inspection=inspection, user=user)
        .values_list("role", flat=True)
        .first()
    )
    if role is None or invitation_lapse(user, role, inspection.force_id) is not None:
        return None
    return ContactRole(role)


def reads_under_embargo(user: AnyUser, inspection: Inspection) -> bool:
    """Whether the user is an invited contact (liaison or local policing body) and a version of the
    report exists whose embargo has not ended: they read that version before the public does, marked
    as embargoed and not to be passed on (web/reports/record.py)."""
    if force_contact_role(user, inspection) is None:
        return False
    return inspection.report_versions.filter(embargo_until__gt=timezone.now()).exists()


def listed_inspections(user: AnyUser) -> QuerySet[Inspection]:
    """The visible inspections that lists, histories and the home page show: an exercise (practice
    on synthetic data) only to those who see its working copy, never among the real inspections for
    the public; those who are given its address may still read it, marked as an exercise."""
    visible = visible_inspections(user)
    if user.is_authenticated and user.is_staff:
        return visible
    listed = Q(exercise=False)
    if user.is_authenticated:
        listed |= _working_copy_rule(user) | _embargo_rule(user)
    return visible.filter(listed).distinct()


def can_write(user: AnyUser, inspection: Inspection) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return on_team(user, inspection, WRITE_ROLES)


def get_inspection_for_user(request: HttpRequest, code: UUID) -> tuple[Inspection, bool]:
    """The inspection and whether this user may change it; 404 when they may not see it."""
    user = request.user
    try:
        inspection = visible_inspections(user).get(code=code)
    except Inspection.DoesNotExist:
        raise Http404("No such inspection") from None
    return inspection, can_write(user, inspection)


def can_see_history(user: AnyUser, inspection: Inspection) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or on_team(user, inspection)


def on_team(user: AnyUser, inspection: Inspection, roles: Iterable[str] | None = None) -> bool:
    """Whether the user has a place on the inspection's team (in one of ``roles``, or any) that
    counts: while they are of the inspectorate and active (web/accounts/roles.py). Every rule that
    asks whether someone is on a team asks here, never ``inspection.team`` alone."""
    if not user.is_authenticated or not is_inspectorate(user):
        return False
    places = inspection.team.filter(user=user)
    if roles is not None:
        places = places.filter(role__in=list(roles))
    return places.exists()


def sees_data_returns(user: AnyUser, force_id: str) -> bool:
    """Whether the user may see a force's data returns as they are now: staff, and the team (of any
    role) of one of that force's inspections. Everyone else (a force's liaison, another force's team,
    the public) reads only the figures a report printed, never the returns they were drawn from."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return (
        is_inspectorate(user) and TeamMember.objects.filter(user=user, inspection__force_id=force_id).exists()
    )


def can_see_audit_records(user: AnyUser, inspection: Inspection) -> bool:
    """An audit's records (incident and crime ids, auditors' notes) and its worksheet are working
    material: for the team, of any role, and staff, as the history is; never for a liaison or the
    public, even once the inspection is published."""
    return can_see_history(user, inspection)


def sees_working_copy(user: AnyUser, inspection: Inspection) -> bool:
    """Whether the user sees the inspection as it stands (its working copy, drafts included), not only
    its published versions: its team and staff, and the liaison invited to it while at the
    factual-accuracy check. Everyone else reads a published version (the latest out of embargo, or,
    for invited contacts, the one under embargo: ``reads_under_embargo``), whatever the status says."""
    if not user.is_authenticated:
        return False
    if user.is_staff or on_team(user, inspection):
        return True
    return (
        inspection.status == Status.FACTUAL_ACCURACY
        and force_contact_role(user, inspection) == ContactRole.LIAISON
    )


# Places that no longer count -------------------------------------------------------------------


def team_place_lapse(user: User) -> str | None:
    """Why the user's place on a team no longer counts, or None while it does."""
    if not user.is_active:
        return "deactivated"
    if not is_inspectorate(user):
        return "no longer of the inspectorate"
    return None


def invitation_lapse(user: AnyUser, role: str, force_id: str) -> str | None:
    """Why the user's invitation as ``role`` to an inspection of the force ``force_id`` no longer
    counts, or None while it does."""
    if not (user.is_authenticated and user.is_active):
        return "deactivated"
    if role == ContactRole.LIAISON and force_of(user) != force_id:
        return "no longer of the inspected force"
    if role == ContactRole.LOCAL_POLICING_BODY and policing_body_of(user) != force_id:
        return "no longer of the inspected force's local policing body"
    return None


@dataclass(frozen=True)
class LapsedPlace:
    """A place on a team, or an invitation, kept on record but giving no access now."""

    inspection: Inspection
    place: str
    """team, or contact."""
    role_label: str
    reason: str


def lapsed_places(user: User) -> list[LapsedPlace]:
    """The user's team places and invitations that no longer count, as their organisation is recorded
    now, by inspection reference. They are kept (the team and contacts of a published inspection are
    the record's, and a move back restores them); the team page marks them, and staff see them on the
    person's page."""
    # As recorded now, whatever this object has kept of the person's organisation.
    user = User.objects.select_related("affiliation").get(pk=user.pk)
    lapsed = []
    for member in TeamMember.objects.filter(user=user).select_related("inspection"):
        reason = team_place_lapse(user)
        if reason is not None:
            lapsed.append(LapsedPlace(member.inspection, "team", member.get_role_display(), reason))
    for contact in InspectionContact.objects.filter(user=user).select_related("inspection"):
        reason = invitation_lapse(user, contact.role, contact.inspection.force_id)
        if reason is not None:
            lapsed.append(LapsedPlace(contact.inspection, "contact", contact.get_role_display(), reason))
    return sorted(lapsed, key=lambda p: (p.inspection.reference, p.place))
