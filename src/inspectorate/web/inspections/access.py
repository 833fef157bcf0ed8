"""Who may see and change an inspection. One helper per object, as every view needs it.

- staff see everything and may write;
- team members see their inspections; leads, inspectors and analysts may write;
- a force's liaison sees its inspections at the factual-accuracy check and once published;
- everyone, signed in or not, sees published inspections, and those whose report's embargo has ended.
Anything else is a 404, so that a draft's existence is not revealed.
"""

from __future__ import annotations

from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from inspectorate.web.inspections.models import WRITE_ROLES, Inspection, Status
from inspectorate.web.pages.requests import AnyUser

LIAISON_STATUSES = (Status.FACTUAL_ACCURACY, Status.PUBLISHED)


def visible_inspections(user: AnyUser) -> QuerySet[Inspection]:
    everything = Inspection.objects.select_related("force", "framework")
    if user.is_authenticated and user.is_staff:
        return everything
    # Published, or with a report version whose embargo has ended (its status may still say embargoed).
    rule = Q(status=Status.PUBLISHED) | Q(report_versions__embargo_until__lte=timezone.now())
    if user.is_authenticated:
        rule |= Q(team__user=user)
        affiliation = getattr(user, "affiliation", None)
        if affiliation is not None:
            rule |= Q(force_id=affiliation.force_id, status__in=LIAISON_STATUSES)
    return everything.filter(rule).distinct()


def can_write(user: AnyUser, inspection: Inspection) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return inspection.team.filter(user=user, role__in=WRITE_ROLES).exists()


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
    return user.is_staff or inspection.team.filter(user=user).exists()


def can_see_audit_records(user: AnyUser, inspection: Inspection) -> bool:
    """An audit's records (incident and crime ids, auditors' notes) and its worksheet are working
    material: for the team, of any role, and staff, as the history is; never for a liaison or the
    public, even once the inspection is published."""
    return can_see_history(user, inspection)


def sees_working_copy(user: AnyUser, inspection: Inspection) -> bool:
    """Whether the user sees the inspection as it stands (its live report, drafts included), not only
    its published report versions: its team and staff, and its force's liaison at the factual-accuracy
    check; everyone once it is published outright with no published versions (an imported report,
    say). Once a version is published, others see only versions, even if the status is set by hand."""
    if inspection.status == Status.PUBLISHED and not inspection.report_versions.exists():
        return True
    if not user.is_authenticated:
        return False
    if user.is_staff or inspection.team.filter(user=user).exists():
        return True
    affiliation = getattr(user, "affiliation", None)
    return (
        affiliation is not None
        and affiliation.force_id == inspection.force_id
        and inspection.status == Status.FACTUAL_ACCURACY
    )
