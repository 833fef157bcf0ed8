"""Setting an inspection up: creating it, appointing its team, inviting its contacts.

One home for these rules, called by the pages (web/inspections/views/setup.py) and the command line
(`inspectorate inspections create`, `team`, `appoint`, `remove`, `invite`):

- the inspectorate's people (and staff) create inspections; the creator leads it unless they name
  another lead, and is then not on the team unless they appoint themselves;
- the lead and staff appoint the inspectorate's people to the team, change their roles and remove
  them, never the last lead;
- they invite contacts from outside the inspectorate: liaisons from the inspected force, and people
  from that force's local policing body, who are never on the team;
- the team and contacts change until the report is published; then they are the record's.

Every change is in the audit trail, with the person who made it (``actor``: None when the command
line acts with the workspace's own authority).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from auditlog.context import set_actor
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from inspectorate.core.problems import InputError, Problem, ProblemsError
from inspectorate.web.accounts.models import Body
from inspectorate.web.accounts.roles import force_of, is_inspectorate, policing_body_of
from inspectorate.web.inspections.access import can_see_history
from inspectorate.web.inspections.locking import is_published
from inspectorate.web.inspections.models import (
    ContactRole,
    Inspection,
    InspectionContact,
    Origin,
    Status,
    TeamMember,
    TeamRole,
)
from inspectorate.web.pages.requests import AnyUser
from inspectorate.web.registry.models import Force, FrameworkVersion

REFERENCE_LENGTH = Inspection._meta.get_field("reference").max_length or 60
TITLE_LENGTH = Inspection._meta.get_field("title").max_length or 200
LABEL_LENGTH = Inspection._meta.get_field("period_label").max_length or 120
NEW = "new inspection"


class NotAllowed(InputError):
    """A change this person may not make (a 403 on the pages)."""


# Who may ---------------------------------------------------------------------------------------


def may_create(user: AnyUser) -> bool:
    return is_inspectorate(user)


def may_read_team(user: AnyUser, inspection: Inspection) -> bool:
    """The team (of any role) and staff read who is on it and who is invited, as they read its history."""
    return can_see_history(user, inspection)


def may_manage_team(user: AnyUser, inspection: Inspection) -> bool:
    """The lead and staff appoint, remove and invite (until the report is published)."""
    if not user.is_authenticated or not is_inspectorate(user):
        return False
    return user.is_staff or inspection.team.filter(user=user, role=TeamRole.LEAD).exists()


def team_is_open(inspection: Inspection) -> bool:
    """The team and contacts change until a version of the report is published."""
    return not is_published(inspection)


def inspectorate_people() -> list[User]:
    """Who may be appointed (and may lead): the inspectorate's active people, staff included."""
    people = User.objects.filter(is_active=True).select_related("affiliation").order_by("username")
    return [person for person in people if is_inspectorate(person)]


def outside_people(inspection: Inspection) -> QuerySet[User]:
    """Everyone who may sign in and is of the inspected force or of its local policing body."""
    return User.objects.filter(
        is_active=True,
        affiliation__force_id=inspection.force_id,
        affiliation__body__in=(Body.FORCE, Body.LOCAL_POLICING_BODY),
    )


def invitable_people(inspection: Inspection) -> list[User]:
    """Who may be invited: people of the inspected force and of its local policing body, not yet invited."""
    people = outside_people(inspection).exclude(inspection_contacts__inspection=inspection)
    return [
        person
        for person in people.select_related("affiliation").order_by("username")
        if _contact_problem(person, ContactRole.LIAISON, inspection) is None
        or _contact_problem(person, ContactRole.LOCAL_POLICING_BODY, inspection) is None
    ]


def person_label(user: User) -> str:
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()


# Creating --------------------------------------------------------------------------------------


def suggested_reference(force_id: str, framework_id: str) -> str:
    """FORCE-FRAMEWORK (KENT-PEEL-2021), numbered when taken: -2, -3..."""
    base = f"{force_id}-{framework_id}".upper()[:REFERENCE_LENGTH]
    taken = set(Inspection.objects.filter(reference__istartswith=base).values_list("reference", flat=True))
    taken = {reference.upper() for reference in taken}
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


@dataclass(frozen=True)
class NewInspection:
    """What a new inspection is given, as typed (ids and names, not yet checked)."""

    force: str
    framework: str
    title: str
    reference: str
    lead: User | None
    period_label: str = ""
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None


def period_problems(start: datetime.date | None, end: datetime.date | None, file: str = NEW) -> list[Problem]:
    """A period has both ends or neither, and does not end before it starts."""
    if (start is None) != (end is None):
        path = "period_end" if start is not None else "period_start"
        return [Problem(file, None, path, "give both the start and the end of the period, or neither")]
    if start is not None and end is not None and end < start:
        message = f"the period ends ({end:%-d %B %Y}) before it starts ({start:%-d %B %Y})"
        return [Problem(file, None, "period_end", message)]
    return []


def _new_problems(new: NewInspection) -> list[Problem]:
    problems = []

    def refuse(path: str, message: str) -> None:
        problems.append(Problem(NEW, None, path, message))

    if not Force.objects.filter(id=new.force).exists():
        refuse("force", f"no force {new.force!r} (see `inspectorate forces list`)")
    if not FrameworkVersion.objects.filter(id=new.framework).exists():
        refuse("framework", f"no framework version {new.framework!r} (see `inspectorate frameworks list`)")
    title, reference = new.title.strip(), new.reference.strip()
    if not title:
        refuse("title", "give the inspection a title")
    elif len(title) > TITLE_LENGTH:
        refuse("title", f"at most {TITLE_LENGTH} characters, this one has {len(title)}")
    if not reference:
        refuse("reference", "give the inspection a reference, for example KENT-PEEL-2025")
    elif len(reference) > REFERENCE_LENGTH:
        refuse("reference", f"at most {REFERENCE_LENGTH} characters, this one has {len(reference)}")
    elif Inspection.objects.filter(reference__iexact=reference).exists():
        refuse("reference", f"{reference} is taken by another inspection: choose another reference")
    if len(new.period_label.strip()) > LABEL_LENGTH:
        refuse("period_label", f"at most {LABEL_LENGTH} characters")
    problems.extend(period_problems(new.period_start, new.period_end))
    if new.lead is None:
        refuse("lead", "name the inspection's lead")
    elif not is_inspectorate(new.lead):
        refuse(
            "lead",
            f"{new.lead.get_username()} is not of the inspectorate: only its people lead an inspection",
        )
    return problems


def create_inspection(new: NewInspection, creator: User | None) -> Inspection:
    """The new inspection, at planning, led by ``new.lead``. ``creator``: who creates it (None: the
    command line); refused (NotAllowed) for anyone not of the inspectorate. Every problem with what
    was given is raised at once (ProblemsError, paths as NewInspection's fields)."""
    if creator is not None and not may_create(creator):
        raise NotAllowed(
            f"{creator.get_username()} is not of the inspectorate: only its people start inspections"
        )
    problems = _new_problems(new)
    if problems:
        raise ProblemsError(problems)
    assert new.lead is not None
    with set_actor(creator):
        try:
            with transaction.atomic():
                inspection = Inspection.objects.create(
                    reference=new.reference.strip(),
                    title=new.title.strip(),
                    force_id=new.force,
                    framework_id=new.framework,
                    status=Status.PLANNING,
                    origin=Origin.RUN_HERE,
                    period_label=new.period_label.strip(),
                    period_start=new.period_start,
                    period_end=new.period_end,
                )
                TeamMember.objects.create(inspection=inspection, user=new.lead, role=TeamRole.LEAD)
        except IntegrityError:  # the same reference, taken a moment ago
            message = f"{new.reference.strip()} is taken by another inspection: choose another reference"
            raise ProblemsError([Problem(NEW, None, "reference", message)]) from None
    return inspection


# The team --------------------------------------------------------------------------------------


def _check_may_change(inspection: Inspection, actor: User | None) -> None:
    if actor is not None and not may_manage_team(actor, inspection):
        raise NotAllowed(f"{actor.get_username()} may not change the team of {inspection.reference}")
    if not team_is_open(inspection):
        raise NotAllowed(
            f"{inspection.reference} is published: its team and contacts are those of the record"
        )


def _refuse(inspection: Inspection, path: str, message: str) -> ProblemsError:
    return ProblemsError([Problem(inspection.reference, None, path, message)])


def _leads(inspection: Inspection) -> int:
    return inspection.team.filter(role=TeamRole.LEAD).count()


def appoint(inspection: Inspection, actor: User | None, user: User, role: str) -> TeamMember:
    """Put ``user`` on the team in ``role``, or change their role; never leaving no lead."""
    _check_may_change(inspection, actor)
    if role not in TeamRole.values:
        raise _refuse(inspection, "role", f"no role {role!r}: choose one of {', '.join(TeamRole.values)}")
    name = user.get_username()
    if not is_inspectorate(user):
        raise _refuse(
            inspection, "user", f"{name} is not of the inspectorate: invite them as a contact instead"
        )
    if inspection.contacts.filter(user=user).exists():
        raise _refuse(inspection, "user", f"{name} is invited as a contact: remove the invitation first")
    with set_actor(actor), transaction.atomic():
        Inspection.objects.select_for_update().get(pk=inspection.pk)
        member = _member(inspection, user)
        if member is None:
            try:
                with transaction.atomic():
                    return TeamMember.objects.create(inspection=inspection, user=user, role=role)
            except IntegrityError:  # appointed a moment ago, by a request that ran beside this one
                member = inspection.team.get(user=user)
                raise _refuse(
                    inspection, "role", f"{name} is already {member.get_role_display().lower()}"
                ) from None
        if member.role == role:
            raise _refuse(inspection, "role", f"{name} is already {member.get_role_display().lower()}")
        if member.role == TeamRole.LEAD and _leads(inspection) == 1:
            raise _refuse(inspection, "role", f"{name} is the only lead: appoint another lead first")
        member.role = role
        member.save()
        return member


def _member(inspection: Inspection, user: User) -> TeamMember | None:
    return inspection.team.filter(user=user).first()


def remove_member(inspection: Inspection, actor: User | None, user: User) -> None:
    """Take ``user`` off the team; never the last lead."""
    _check_may_change(inspection, actor)
    name = user.get_username()
    with set_actor(actor), transaction.atomic():
        Inspection.objects.select_for_update().get(pk=inspection.pk)
        member = inspection.team.filter(user=user).first()
        if member is None:
            raise _refuse(inspection, "user", f"{name} is not on the team of {inspection.reference}")
        if member.role == TeamRole.LEAD and _leads(inspection) == 1:
            raise _refuse(inspection, "user", f"{name} is the only lead: appoint another lead first")
        member.delete()


def _contact_problem(user: User, role: str, inspection: Inspection) -> str | None:
    name, force = user.get_username(), inspection.force
    if role == ContactRole.LIAISON and force_of(user) != inspection.force_id:
        return f"{name} does not work for {force.name}: a liaison is one of the inspected force's people"
    if role == ContactRole.LOCAL_POLICING_BODY and policing_body_of(user) != inspection.force_id:
        return f"{name} is not of {force.name}'s local policing body"
    return None


def invite(inspection: Inspection, actor: User | None, user: User, role: str) -> InspectionContact:
    """Invite ``user`` as the force's liaison, or as its local policing body's contact."""
    _check_may_change(inspection, actor)
    if role not in ContactRole.values:
        choices = ", ".join(ContactRole.values)
        raise _refuse(inspection, "role", f"no contact role {role!r}: choose one of {choices}")
    problem = _contact_problem(user, role, inspection)
    if problem is not None:
        raise _refuse(inspection, "user", problem)
    name = user.get_username()
    if inspection.team.filter(user=user).exists():
        raise _refuse(inspection, "user", f"{name} is on the team: a contact is from outside it")
    already = _refuse(inspection, "user", f"{name} is already invited to {inspection.reference}")
    if _invited(inspection, user):
        raise already
    try:
        with set_actor(actor), transaction.atomic():
            return InspectionContact.objects.create(
                inspection=inspection, user=user, role=role, invited_by=actor
            )
    except IntegrityError:  # invited a moment ago, by a request that ran beside this one
        raise already from None


def _invited(inspection: Inspection, user: User) -> bool:
    return inspection.contacts.filter(user=user).exists()


def remove_contact(inspection: Inspection, actor: User | None, user: User) -> None:
    _check_may_change(inspection, actor)
    contact = inspection.contacts.filter(user=user).first()
    if contact is None:
        raise _refuse(inspection, "user", f"{user.get_username()} is not invited to {inspection.reference}")
    with set_actor(actor), transaction.atomic():
        contact.delete()
