"""Starting an inspection, and its team and contacts: the page, and the lead's (and staff's) acts.

The team page is for the team (of any role) and staff: anyone else is told it does not exist (404),
contacts included. The lead and staff appoint, remove and invite until the report is published; a
POST from anyone else who reads the page, or once it is published, is refused (403). The rules are
web/inspections/setup.py's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from inspectorate.core.problems import ProblemsError
from inspectorate.web.inspections.access import (
    get_inspection_for_user,
    invitation_lapse,
    team_place_lapse,
)
from inspectorate.web.inspections.documents import InspectionSummary, inspection_summary
from inspectorate.web.inspections.models import Inspection, InspectionContact, TeamMember
from inspectorate.web.inspections.setup import (
    NotAllowed,
    appoint,
    create_inspection,
    invite,
    may_create,
    may_manage_team,
    may_read_team,
    outside_people,
    person_label,
    remove_contact,
    remove_member,
    team_is_open,
)
from inspectorate.web.inspections.setup_forms import (
    AppointForm,
    InviteForm,
    NewInspectionForm,
    PersonForm,
    sentence,
    show_problems,
)
from inspectorate.web.pages.documents import PageDocument, Row
from inspectorate.web.pages.requests import AuthenticatedHttpRequest, signed_in
from inspectorate.web.pages.twins import Fmt, Page, render_page

NOT_ALLOWED = "Only the inspection's lead (or staff) changes its team and contacts."


# Starting an inspection ------------------------------------------------------------------------


@login_required
def inspection_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not may_create(request.user):
        raise PermissionDenied("Only the inspectorate's people start inspections.")
    form = NewInspectionForm(request.POST or None, creator=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = create_inspection(form.new_inspection(), request.user)
        except ProblemsError as exc:
            show_problems(form, exc)
        except NotAllowed as exc:
            raise PermissionDenied(str(exc)) from None
        else:
            messages.success(request, f"Started {inspection.reference}, at planning.")
            return HttpResponseRedirect(reverse("inspection-team", kwargs={"code": inspection.code}))
    return render(request, "inspections/setup/inspection_new.html", {"form": form})


# The team page ---------------------------------------------------------------------------------


class TeamPlace(Row):
    """Someone on the team, or invited to the inspection from outside the inspectorate."""

    username: str
    name: str
    """Their full name, else their username."""
    place: str
    """team, or contact (invited from outside the inspectorate: never on the team)."""
    role: str
    """On the team: lead, inspector, analyst, auditor or reviewer (the moderator). A contact:
    liaison (of the inspected force) or local-policing-body."""
    role_label: str
    organisation: str | None
    """A contact's organisation, as their account records it."""
    invited_by: str | None
    """Who invited a contact (the username); none for the team, or when invited from the command line."""
    invited_at: str | None
    lapsed: str | None
    """Why the place gives no access now (the person has moved to another organisation, or has been
    deactivated: web/inspections/access.py); none while it does. It is kept on record all the same."""


class TeamPage(PageDocument):
    ROW = TeamPlace
    inspection: InspectionSummary
    team: list[TeamPlace]
    """The team, by role: the lead first."""
    contacts: list[TeamPlace]
    """The contacts invited: the force's liaisons and its local policing body's people."""
    open: bool
    """Whether the team and contacts may still change: until the report is published."""

    def csv_rows(self) -> Sequence[TeamPlace]:
        return [*self.team, *self.contacts]


def _member_place(member: TeamMember) -> TeamPlace:
    return TeamPlace(
        username=member.user.get_username(),
        name=member.user.get_full_name() or member.user.get_username(),
        place="team",
        role=member.role,
        role_label=member.get_role_display(),
        organisation=None,
        invited_by=None,
        invited_at=None,
        lapsed=team_place_lapse(member.user),
    )


def _contact_place(contact: InspectionContact, inspection: Inspection) -> TeamPlace:
    affiliation = getattr(contact.user, "affiliation", None)
    return TeamPlace(
        username=contact.user.get_username(),
        name=contact.user.get_full_name() or contact.user.get_username(),
        place="contact",
        role=contact.role,
        role_label=contact.get_role_display(),
        organisation=affiliation.organisation_name if affiliation is not None else None,
        invited_by=contact.invited_by.get_username() if contact.invited_by else None,
        invited_at=contact.invited_at.isoformat(timespec="seconds"),
        lapsed=invitation_lapse(contact.user, contact.role, inspection.force_id),
    )


ROLE_ORDER = {"lead": 0, "inspector": 1, "analyst": 2, "auditor": 3, "reviewer": 4}


def team_document(inspection: Inspection) -> TeamPage:
    members = sorted(
        inspection.team.select_related("user", "user__affiliation"),
        key=lambda m: (ROLE_ORDER.get(m.role, 9), m.user.get_username()),
    )
    contacts = inspection.contacts.select_related("user", "user__affiliation", "invited_by")
    return TeamPage(
        inspection=inspection_summary(inspection),
        team=[_member_place(m) for m in members],
        contacts=[_contact_place(c, inspection) for c in contacts],
        open=team_is_open(inspection),
    )


def _team_inspection(request: HttpRequest, code: UUID) -> Inspection:
    """The inspection, for someone who may read its team; 404 for everyone else."""
    inspection, _ = get_inspection_for_user(request, code)
    if not may_read_team(request.user, inspection):
        raise Http404("No such page")
    return inspection


def inspection_team(request: HttpRequest, fmt: Fmt, code: UUID) -> HttpResponse:
    return team_page(request, fmt, _team_inspection(request, code))


def team_page(
    request: HttpRequest,
    fmt: Fmt,
    inspection: Inspection,
    appointing: AppointForm | None = None,
    inviting: InviteForm | None = None,
) -> HttpResponse:
    """The team page; ``appointing``, ``inviting``: a form sent back with its errors."""
    document = team_document(inspection)
    manages = may_manage_team(request.user, inspection) and document.open
    context: dict[str, Any] = {
        "inspection": inspection,
        "manages": manages,
        "appointing": appointing or (AppointForm() if manages else None),
        "inviting": inviting or (InviteForm(inspection=inspection) if manages else None),
        "last_lead": sum(1 for place in document.team if place.role == "lead") == 1,
        # Whether anyone of the force or its body has an account: when none is left to invite, all are.
        "has_outside_people": manages and outside_people(inspection).exists(),
    }
    if appointing is not None or inviting is not None:  # shown at the form's address
        page_url = reverse("inspection-team", kwargs={"code": inspection.code})
        context["twins"] = {"json": f"{page_url}.json", "csv": f"{page_url}.csv"}
    title = f"Team and contacts: {inspection.reference}"
    page = Page(
        "inspections/setup/inspection_team.html", title, document, context, f"{inspection.reference}-team"
    )
    return render_page(request, fmt, page)


# The lead's acts -------------------------------------------------------------------------------


def _managed(request: HttpRequest, code: UUID) -> tuple[Inspection, User]:
    inspection = _team_inspection(request, code)
    user = signed_in(request)
    if user is None or not may_manage_team(user, inspection):
        raise PermissionDenied(NOT_ALLOWED)
    if not team_is_open(inspection):
        raise PermissionDenied(
            f"{inspection.reference} is published: its team and contacts no longer change."
        )
    return inspection, user


def _back(inspection: Inspection, anchor: str) -> HttpResponse:
    return HttpResponseRedirect(reverse("inspection-team", kwargs={"code": inspection.code}) + anchor)


@require_POST
def team_appoint(request: HttpRequest, code: UUID) -> HttpResponse:
    inspection, actor = _managed(request, code)
    form = AppointForm(request.POST)
    if form.is_valid():
        person = form.person()
        try:
            member = appoint(inspection, actor, person, form.cleaned_data["role"])
        except ProblemsError as exc:
            show_problems(form, exc)
        else:
            messages.success(request, f"{person_label(person)} is {member.get_role_display().lower()}.")
            return _back(inspection, "#team")
    return team_page(request, "html", inspection, appointing=form)


def _person(request: HttpRequest, people: Sequence[User]) -> User:
    form = PersonForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied("No one named.")
    name = form.cleaned_data["user"]
    for person in people:
        if person.get_username() == name:
            return person
    raise Http404("No such person here")


@require_POST
def team_remove(request: HttpRequest, code: UUID) -> HttpResponse:
    inspection, actor = _managed(request, code)
    person = _person(request, [m.user for m in inspection.team.select_related("user")])
    try:
        remove_member(inspection, actor, person)
    except ProblemsError as exc:
        messages.error(request, sentence("; ".join(problem.message for problem in exc.problems)))
    else:
        messages.success(request, f"{person_label(person)} is no longer on the team.")
    return _back(inspection, "#team")


@require_POST
def contact_invite(request: HttpRequest, code: UUID) -> HttpResponse:
    inspection, actor = _managed(request, code)
    form = InviteForm(request.POST, inspection=inspection)
    if form.is_valid():
        person = form.person()
        try:
            contact = invite(inspection, actor, person, form.cleaned_data["role"])
        except ProblemsError as exc:
            show_problems(form, exc)
        else:
            label = contact.get_role_display().lower()
            messages.success(request, f"{person_label(person)} is invited ({label}).")
            return _back(inspection, "#contacts")
    return team_page(request, "html", inspection, inviting=form)


@require_POST
def contact_remove(request: HttpRequest, code: UUID) -> HttpResponse:
    inspection, actor = _managed(request, code)
    person = _person(request, [c.user for c in inspection.contacts.select_related("user")])
    remove_contact(inspection, actor, person)
    messages.success(request, f"{person_label(person)} is no longer invited.")
    return _back(inspection, "#contacts")
