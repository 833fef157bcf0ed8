"""People and organisations as the pages, their twins and the CLI print them."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import User

from inspectorate.web.accounts.models import Body, ForceAffiliation, default_name
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


class PersonPage(PersonRow, PageDocument):
    """One person's account and organisation, for staff."""

    ROW = PersonRow

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
