"""People and organisations as the pages, their twins and the CLI print them."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import User

from inspectorate.web.accounts.models import Body, ForceAffiliation, default_name
from inspectorate.web.inspections.access import lapsed_places
from inspectorate.web.pages.documents import Document, PageDocument, Row


class PersonRow(Row):
    """A person with an account and their organisation."""

    username: str
    name: str
    """Their full name."""
    email: str
    body: str
    """The kind of organisation: inspectorate, force or local-policing-body. Someone with no
    organisation recorded is the inspectorate's."""
    body_label: str
    organisation: str
    """The organisation's name: as recorded for the person, else its default name."""
    force: str | None
    """For a force's or a local policing body's person, the force's police.uk id."""
    job_title: str
    staff: bool
    active: bool
    """Whether they may sign in."""
    last_login: str | None


def _affiliation(user: User) -> ForceAffiliation | None:
    try:
        return user.affiliation
    except ForceAffiliation.DoesNotExist:
        return None


def person_row(user: User) -> PersonRow:
    affiliation = _affiliation(user)
    body = Body(affiliation.body) if affiliation else Body.INSPECTORATE
    return PersonRow(
        username=user.username,
        name=user.get_full_name(),
        email=user.email,
        body=body.value,
        body_label=body.label,
        organisation=affiliation.organisation_name if affiliation else default_name(body, None),
        force=affiliation.force_id if affiliation else None,
        job_title=affiliation.job_title if affiliation else "",
        staff=user.is_staff,
        active=user.is_active,
        last_login=user.last_login.isoformat() if user.last_login else None,
    )


class PeopleFilters(Document):
    body: str | None
    force: str | None


class PeopleListPage(PageDocument):
    """Everyone with an account, with their organisation, for staff; filtered by kind of
    organisation and by force."""

    ROW = PersonRow
    filters: PeopleFilters
    people: list[PersonRow]
    """Everyone with an account (or those the filters keep), by username."""

    def csv_rows(self) -> Sequence[PersonRow]:
        return self.people


class LapsedPlaceRow(Row):
    """A place on an inspection's team, or an invitation to it, that gives the person no access now:
    kept on record, it counts again if they move back (web/inspections/access.py)."""

    inspection: str
    """The inspection's reference."""
    code: str
    place: str
    """team, or contact (invited from outside the inspectorate)."""
    role_label: str
    reason: str
    """Why it does not count: no longer of the inspectorate, of the inspected force or of its local
    policing body; or deactivated."""


def lapsed_rows(user: User) -> list[LapsedPlaceRow]:
    return [
        LapsedPlaceRow(
            inspection=place.inspection.reference,
            code=str(place.inspection.code),
            place=place.place,
            role_label=place.role_label,
            reason=place.reason,
        )
        for place in lapsed_places(user)
    ]


def lapsed_sentence(username: str, lapsed: Sequence[LapsedPlaceRow]) -> str:
    """What staff are told when someone's places no longer count, in one sentence."""
    each = "; ".join(
        f"{'on the team of' if p.place == 'team' else 'invited to'} {p.inspection} ({p.role_label.lower()}): "
        f"{p.reason}"
        for p in lapsed
    )
    return f"These places of {username} no longer count, and are kept on record: {each}."


class PersonPage(PersonRow, PageDocument):
    """One person's account and organisation, for staff."""

    ROW = PersonRow
    lapsed: list[LapsedPlaceRow]
    """Their team places and invitations that give no access now, as their organisation is recorded
    (they moved, or were deactivated), by inspection."""

    def csv_rows(self) -> Sequence[PersonRow]:
        return [PersonRow(**self.model_dump(include=set(PersonRow.model_fields)))]


class OrganisationRow(Row):
    """An organisation and how many people it has."""

    body: str
    """inspectorate, force or local-policing-body."""
    body_label: str
    force: str | None
    """The force's police.uk id: the force itself, or the force whose local policing body this is."""
    name: str
    """The organisation's default name (each person's record may give its own)."""
    people: int
    """Its people who may sign in."""
    inactive: int
    """Its people who have been deactivated."""


class OrganisationsPage(PageDocument):
    """The inspectorate, each force and each force's local policing body, with how many people each
    has, for staff."""

    ROW = OrganisationRow
    organisations: list[OrganisationRow]
    """The inspectorate, then each force followed by its local policing body."""

    def csv_rows(self) -> Sequence[OrganisationRow]:
        return self.organisations
