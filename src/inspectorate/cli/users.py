"""`inspectorate users`: people and their organisations, as staff manage them on /people."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from inspectorate.cli.options import JsonOption, WorkspaceOption
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from inspectorate.web.accounts.people import PersonError

app = typer.Typer(help="People and their organisations: the inspectorate, forces, local policing bodies.")

UsernameArgument = Annotated[str, typer.Argument(metavar="USERNAME", help="What they sign in with.")]
InspectorateOption = Annotated[
    bool, typer.Option("--inspectorate", help="Of the inspectorate.", show_default=False)
]
ForceOption = Annotated[
    str | None,
    typer.Option("--force", metavar="ID", help="Of this police force (police.uk id), e.g. a liaison."),
]
PolicingBodyOption = Annotated[
    str | None,
    typer.Option("--policing-body", metavar="ID", help="Of this force's local policing body (police.uk id)."),
]
BodyNameOption = Annotated[
    str | None,
    typer.Option("--body-name", metavar="TEXT", help="The organisation's own name (else its default name)."),
]
JobTitleOption = Annotated[str | None, typer.Option("--job-title", metavar="TEXT", help="Their job title.")]
PasswordFileOption = Annotated[
    Path | None,
    typer.Option(
        "--password-file",
        metavar="F",
        help="Read the password from this file's first line (else one is generated and printed once).",
        show_default=False,
    ),
]


def _read_password(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"--password-file: no such file {str(path)!r}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"--password-file: cannot read {str(path)!r}: {exc}") from None
    lines = text.splitlines()
    return lines[0] if lines else ""


def _organisation_given(
    inspectorate: bool, force: str | None, policing_body: str | None
) -> tuple[str, str | None, str] | None:
    """(body, force id, the option that gave it) from the options, or None when none was given."""
    given = [
        (name, body, force_id, option)
        for name, body, force_id, option in (
            (inspectorate, "inspectorate", None, "--inspectorate"),
            (force is not None, "force", force, "--force"),
            (policing_body is not None, "local-policing-body", policing_body, "--policing-body"),
        )
        if name
    ]
    if len(given) > 1:
        raise InputError("give only one of --inspectorate, --force ID and --policing-body ID")
    if not given:
        return None
    _, body, force_id, option = given[0]
    return body, force_id, option


def _as_options(exc: PersonError, force_option: str, password_option: str) -> InputError:
    """The service's problems, one line each, named by the option (or argument) that gave them."""
    options = {
        "username": "USERNAME",
        "full_name": "--name",
        "email": "--email",
        "body": "--inspectorate/--force/--policing-body",
        "force": force_option,
        "body_name": "--body-name",
        "job_title": "--job-title",
        "is_staff": "--no-staff",
        "is_active": "--deactivate",
        "password": password_option,
    }
    lines = [f"{options.get(field, field)}: {m}" for field, ms in exc.problems.items() for m in ms]
    return InputError("\n".join(lines))


def _print_password(username: str, password: str) -> None:
    console.print(f"Password for {username} (shown only now): {password}", highlight=False, soft_wrap=True)


def _find(username: str) -> User:
    from django.contrib.auth.models import User

    person = User.objects.filter(username=username).first()
    if person is None:
        raise InputError(f"USERNAME: nobody has the username {username!r} (see `inspectorate users list`)")
    return person


@app.command("list")
def list_users(
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """List everyone with an account: their organisation, whether staff, whether they may sign in."""
    open_workspace(workspace)
    from inspectorate.web.accounts.documents import person_row
    from inspectorate.web.accounts.people import people_in

    rows = [person_row(p) for p in people_in()]
    if as_json:
        print_json([row.to_json() for row in rows])
        return
    shown = table("username", "name", "organisation", "kind", "force", "staff", "active")
    for row in rows:
        shown.add_row(
            row.username,
            row.name,
            row.organisation,
            row.body,
            row.force or "",
            "yes" if row.staff else "no",
            "yes" if row.active else "no",
        )
    console.print(shown)


@app.command("add")
def add_user(
    username: UsernameArgument,
    name: Annotated[str, typer.Option("--name", metavar="TEXT", help="Their full name.")],
    email: Annotated[str, typer.Option("--email", metavar="TEXT", help="Their email address.")],
    inspectorate: InspectorateOption = False,
    force: ForceOption = None,
    policing_body: PolicingBodyOption = None,
    body_name: BodyNameOption = None,
    job_title: JobTitleOption = None,
    staff: Annotated[
        bool, typer.Option("--staff", help="Staff: may manage people, and change everything.")
    ] = False,
    password_file: PasswordFileOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Add a person of the inspectorate, a force or a force's local policing body.

    Give one of --inspectorate, --force ID or --policing-body ID. Without --password-file, a password
    is generated and printed once.
    """
    organisation = _organisation_given(inspectorate, force, policing_body)
    if organisation is None:
        raise InputError("give one of --inspectorate, --force ID and --policing-body ID")
    body, force_id, force_option = organisation
    password = _read_password(password_file) if password_file else None
    open_workspace(workspace)
    from inspectorate.web.accounts.people import (
        Organisation,
        PersonDetails,
        PersonError,
        create_person,
        generate_password,
    )

    details = PersonDetails(
        name, email, Organisation(body, force_id, body_name or "", job_title or ""), staff
    )
    generated = generate_password() if password is None else None
    try:
        person = create_person(username, details, password if password is not None else str(generated))
    except PersonError as exc:
        raise _as_options(exc, force_option, "--password-file") from None
    console.print(f"Added {person.username} ({_organisation_text(person)}).", highlight=False)
    if generated is not None:
        _print_password(person.username, generated)


@app.command("set")
def set_user(
    username: UsernameArgument,
    name: Annotated[str | None, typer.Option("--name", metavar="TEXT", help="Their full name.")] = None,
    email: Annotated[str | None, typer.Option("--email", metavar="TEXT", help="Their email address.")] = None,
    inspectorate: InspectorateOption = False,
    force: ForceOption = None,
    policing_body: PolicingBodyOption = None,
    body_name: BodyNameOption = None,
    job_title: JobTitleOption = None,
    staff: Annotated[
        bool | None,
        typer.Option("--staff/--no-staff", help="Give or take away the staff flag.", show_default=False),
    ] = None,
    deactivate: Annotated[bool, typer.Option("--deactivate", help="They may no longer sign in.")] = False,
    reactivate: Annotated[bool, typer.Option("--reactivate", help="They may sign in again.")] = False,
    password_file: Annotated[
        Path | None,
        typer.Option(
            "--password-file",
            metavar="F",
            help="A new password, from this file's first line.",
            show_default=False,
        ),
    ] = None,
    new_password: Annotated[
        bool, typer.Option("--new-password", help="Generate a new password and print it once.")
    ] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Change someone: their name, email, organisation or staff flag; deactivate or reactivate them;
    give them a new password. What is not given stays as it is."""
    if deactivate and reactivate:
        raise InputError("give only one of --deactivate and --reactivate")
    if password_file and new_password:
        raise InputError("give only one of --password-file and --new-password")
    given = _organisation_given(inspectorate, force, policing_body)
    password = _read_password(password_file) if password_file else None
    open_workspace(workspace)
    from django.db import transaction

    from inspectorate.web.accounts.people import (
        Organisation,
        PersonDetails,
        PersonError,
        change_person,
        generate_password,
        organisation_of,
        set_active,
        set_password,
    )

    person = _find(username)
    was = organisation_of(person)
    body, force_id, force_option = given if given else (was.body, was.force_id, "--force")
    organisation = Organisation(
        body,
        force_id,
        was.body_name if body_name is None and given is None else (body_name or ""),
        was.job_title if job_title is None else job_title,
    )
    details = PersonDetails(
        person.get_full_name() if name is None else name,
        person.email if email is None else email,
        organisation,
        person.is_staff if staff is None else staff,
    )
    generated = generate_password() if new_password else None
    try:
        with transaction.atomic():
            change_person(person, details)
            if deactivate or reactivate:
                set_active(person, reactivate)
            if password is not None or generated is not None:
                set_password(person, password if password is not None else str(generated))
    except PersonError as exc:
        raise _as_options(exc, force_option, "--password-file") from None
    console.print(f"Saved {person.username} ({_organisation_text(person)}).", highlight=False)
    from inspectorate.web.accounts.documents import lapsed_rows, lapsed_sentence

    lapsed = lapsed_rows(person)
    if lapsed:
        console.print(lapsed_sentence(person.username, lapsed), highlight=False, soft_wrap=True)
    if generated is not None:
        _print_password(person.username, generated)


def _organisation_text(person: User) -> str:
    from inspectorate.web.accounts.documents import person_row

    row = person_row(person)
    state = "" if row.active else ", deactivated"
    return f"{row.organisation}{', staff' if row.staff else ''}{state}"
