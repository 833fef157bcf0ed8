"""People and their organisations, as staff manage them: one home for the rules, which the pages
and the CLI both call.

- a username is unique (whatever its case) and made of the characters Django allows;
- a force's or a local policing body's person names the force; the inspectorate's names none;
- a password passes the site's validators (settings.AUTH_PASSWORD_VALIDATORS);
- nobody deactivates themselves or takes away their own staff flag.

Every change is in the audit trail (auditlog: the account and its organisation); a password is
recorded as changed, never as its hash.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from inspectorate.core.problems import InputError
from inspectorate.web.accounts.models import Body, ForceAffiliation, organisation_problems
from inspectorate.web.registry.models import Force

# Usernames that are addresses of pages under /people/.
RESERVED = frozenset({"new"})


class PersonError(InputError):
    """What is wrong with a person as given, by field (username, full_name, email, body, force,
    body_name, job_title, password, is_staff, is_active): one line per problem."""

    def __init__(self, problems: Mapping[str, Iterable[str]]) -> None:
        self.problems = {field: list(messages) for field, messages in problems.items() if messages}
        super().__init__("\n".join(f"{f}: {m}" for f, ms in self.problems.items() for m in ms))


@dataclass(frozen=True)
class Organisation:
    """Where a person works: ``force_id`` for a force and a local policing body, none for the
    inspectorate; ``body_name`` the organisation's own name when it should be shown."""

    body: str = Body.INSPECTORATE
    force_id: str | None = None
    body_name: str = ""
    job_title: str = ""


@dataclass(frozen=True)
class PersonDetails:
    full_name: str
    email: str
    organisation: Organisation
    staff: bool = False


class _Problems:
    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.found.setdefault(field, []).append(message)

    def raise_any(self) -> None:
        if self.found:
            raise PersonError(self.found)


def generate_password() -> str:
    """A new password to be shown once: 16 characters from a secure random source."""
    return secrets.token_urlsafe(12)


def organisation_of(user: User) -> Organisation:
    affiliation = ForceAffiliation.objects.filter(user=user).first()
    if affiliation is None:
        return Organisation()
    return Organisation(
        Body(affiliation.body), affiliation.force_id, affiliation.body_name, affiliation.job_title
    )


def people_in(body: str | None = None, force_id: str | None = None) -> QuerySet[User]:
    """Everyone, or those of one kind of organisation and one force; a person with no organisation
    recorded is the inspectorate's (web/accounts/roles.py)."""
    people = User.objects.select_related("affiliation", "affiliation__force").order_by("username")
    if body == Body.INSPECTORATE:
        people = people.filter(Q(affiliation__isnull=True) | Q(affiliation__body=Body.INSPECTORATE))
    elif body:
        people = people.filter(affiliation__body=body)
    if force_id:
        people = people.filter(affiliation__force_id=force_id)
    return people


def _check_details(details: PersonDetails, problems: _Problems) -> None:
    if not details.full_name.strip():
        problems.add("full_name", "Enter the person's full name")
    elif len(details.full_name.strip()) > 150:
        problems.add("full_name", "Enter a full name of 150 characters or fewer")
    if not details.email.strip():
        problems.add("email", "Enter an email address")
    else:
        try:
            validate_email(details.email.strip())
        except ValidationError:
            problems.add("email", f"{details.email!r} is not an email address, like name@example.org")
    organisation = details.organisation
    for field, message in organisation_problems(organisation.body, organisation.force_id).items():
        problems.add(field, message)
    if organisation.force_id and not Force.objects.filter(id=organisation.force_id).exists():
        problems.add("force", f"No force {organisation.force_id!r}: give its police.uk id, e.g. kent")
    if len(organisation.body_name) > 200:
        problems.add("body_name", "Enter a name of 200 characters or fewer")
    if len(organisation.job_title) > 120:
        problems.add("job_title", "Enter a job title of 120 characters or fewer")


def _check_password(password: str, user: User, problems: _Problems) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        for message in exc.messages:
            problems.add("password", message)


def _apply(user: User, details: PersonDetails) -> None:
    user.first_name = details.full_name.strip()
    user.last_name = ""
    user.email = details.email.strip()
    user.is_staff = details.staff


def _save_organisation(user: User, organisation: Organisation) -> None:
    values = {
        "body": organisation.body,
        "force_id": organisation.force_id or None,
        "body_name": organisation.body_name.strip(),
        "job_title": organisation.job_title.strip(),
    }
    affiliation = ForceAffiliation.objects.filter(user=user).first()
    if affiliation is None:
        ForceAffiliation.objects.create(user=user, **values)
        return
    if any(getattr(affiliation, key) != value for key, value in values.items()):
        for key, value in values.items():
            setattr(affiliation, key, value)
        affiliation.save()  # saved only when changed: the audit trail records changes, not saves


def _check_username(username: str, problems: _Problems) -> None:
    if not username:
        problems.add("username", "Enter a username")
        return
    try:
        User.username_validator(username)
    except ValidationError:
        problems.add("username", "Use only letters, digits and @ . + - _ in a username")
    if username.lower() in RESERVED:
        problems.add("username", f"{username!r} is kept for a page's address: choose another")
    if len(username) > 150:
        problems.add("username", "Enter a username of 150 characters or fewer")
    if User.objects.filter(username__iexact=username).exists():
        problems.add("username", f"There is already someone with the username {username!r}")


def details_problems(details: PersonDetails) -> dict[str, list[str]]:
    """Every problem with a person's details and organisation as given, by field."""
    problems = _Problems()
    _check_details(details, problems)
    return problems.found


def new_person_problems(username: str, details: PersonDetails, password: str | None) -> dict[str, list[str]]:
    """Every problem with a new person as given, by field, all at once (``password`` None: not
    checked, e.g. one to be generated). create_person checks the same before it makes them."""
    problems = _Problems()
    username = username.strip()
    candidate = User(username=username)
    _apply(candidate, details)
    _check_username(username, problems)
    _check_details(details, problems)
    if password is not None:
        _check_password(password, candidate, problems)
    return problems.found


def create_person(username: str, details: PersonDetails, password: str) -> User:
    """A new person who may sign in with ``password``."""
    problems = new_person_problems(username, details, password)
    if problems:
        raise PersonError(problems)
    candidate = User(username=username.strip())
    _apply(candidate, details)
    try:
        with transaction.atomic():
            candidate.set_password(password)
            candidate.save()
            _save_organisation(candidate, details.organisation)
    except IntegrityError:  # the same username, taken a moment ago
        taken = f"There is already someone with the username {candidate.username!r}"
        raise PersonError({"username": [taken]}) from None
    return candidate


def change_person(person: User, details: PersonDetails, by: User | None = None) -> User:
    """A person's name, email, organisation and staff flag; ``by`` may not take away their own."""
    problems = _Problems()
    _check_details(details, problems)
    if by is not None and by.pk == person.pk and person.is_staff and not details.staff:
        problems.add("is_staff", "You cannot remove your own staff flag: ask another member of staff")
    problems.raise_any()
    with transaction.atomic():
        _apply(person, details)
        person.save()
        _save_organisation(person, details.organisation)
    return person


def set_active(person: User, active: bool, by: User | None = None) -> User:
    """Deactivate (they may no longer sign in; their records stay) or reactivate someone."""
    if by is not None and by.pk == person.pk and not active:
        raise PersonError({"is_active": ["You cannot deactivate yourself: ask another member of staff"]})
    if person.is_active != active:
        person.is_active = active
        person.save(update_fields=["is_active"])
    return person


def set_password(person: User, password: str) -> User:
    problems = _Problems()
    _check_password(password, person, problems)
    problems.raise_any()
    person.set_password(password)
    person.save(update_fields=["password"])
    return person
