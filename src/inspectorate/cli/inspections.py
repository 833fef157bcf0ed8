"""`inspectorate inspections`: list and show the inspections in a workspace; start one, appoint its
team and invite its contacts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from inspectorate.cli.acting import acting_user
from inspectorate.cli.options import JsonOption, WorkspaceOption
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

app = typer.Typer(help="Inspections recorded in a workspace.", no_args_is_help=True)


@app.command("list")
def list_inspections(
    force: Annotated[str | None, typer.Option("--force", help="Only this force (police.uk id).")] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """List inspections, oldest first."""
    open_workspace(workspace)
    from inspectorate.web.inspections.documents import chronological, inspection_summary
    from inspectorate.web.inspections.models import Inspection
    from inspectorate.web.registry.models import Force

    inspections = Inspection.objects.select_related("force", "framework").order_by(
        "period_start", "reference"
    )
    if force:
        if not Force.objects.filter(id=force).exists():
            raise InputError(f"no force {force!r} (see `inspectorate forces list`)")
        inspections = inspections.filter(force_id=force)
    rows = [inspection_summary(i) for i in chronological(inspections)]
    if as_json:
        print_json([row.to_json() for row in rows])
        return
    shown = table("reference", "title", "force", "framework", "period", "status")
    for row in rows:
        shown.add_row(row.reference, row.title, row.force_name, row.framework, row.period or "", row.status)
    console.print(shown)


@app.command("show")
def show_inspection(
    inspection_id: Annotated[
        str, typer.Argument(metavar="ID", help="A reference (MPS-PEEL-2021) or code (UUID).")
    ],
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Show an inspection: its grades, findings, evidence and any grading-rule breaches."""
    open_workspace(workspace)
    from inspectorate.web.inspections.documents import inspection_document
    from inspectorate.web.inspections.lookup import find_inspection

    document = inspection_document(find_inspection(inspection_id))
    if as_json:
        print_json(document.to_json())
        return
    console.print(f"[bold]{document.title}[/bold] {document.reference} — {document.force_name}")
    console.print(f"{document.framework_title} · {document.period or 'period unknown'} · {document.status}")
    shown = table("area", "title", "grade", "direction")
    for row in document.judgments:
        shown.add_row(row.code or row.area, row.title, row.grade_label or "", row.direction_label or "")
    console.print(shown)
    console.print(f"{len(document.findings)} findings, {len(document.evidence)} pieces of evidence")
    for breach in document.breaches:
        console.print(f"[red]breach[/red] {breach.area}: {breach.message} ({breach.rule})")


# Setting an inspection up: web/inspections/setup.py holds the rules, as the pages use them. -------

ReferenceArgument = Annotated[
    str, typer.Argument(metavar="REF", help="The inspection's reference (KENT-PEEL-2025) or code (UUID).")
]
UsernameArgument = Annotated[str, typer.Argument(metavar="USERNAME", help="Who (their username).")]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--as",
        metavar="USERNAME",
        help="Act as this person (the inspection's lead, or staff), checked and named in the audit trail. "
        "Without it, the change is the workspace's own.",
    ),
]
NEW_OPTIONS = {
    "force": "--force",
    "framework": "--framework",
    "title": "--title",
    "reference": "--reference",
    "period_label": "--period-label",
    "period_start": "--period-start",
    "period_end": "--period-end",
    "lead": "--lead",
}
ROLE_NAMES = {"moderator": "reviewer"}


def _user(username: str, where: str) -> User:
    from django.contrib.auth.models import User

    found = User.objects.filter(username=username).first()
    if found is None:
        raise InputError(f"{where}: no user {username!r} (see `inspectorate users list`)")
    return found


def _actor(username: str | None, where: str = "--as") -> User | None:
    return None if username is None else acting_user(username, where)


@app.command("create")
def create(
    force: Annotated[str, typer.Option("--force", metavar="ID", help="The force inspected (police.uk id).")],
    framework: Annotated[
        str, typer.Option("--framework", metavar="ID", help="The framework version, e.g. peel-2021.")
    ],
    title: Annotated[str, typer.Option("--title", help="The inspection's title.")],
    lead: Annotated[str, typer.Option("--lead", metavar="USERNAME", help="Its lead inspector.")],
    reference: Annotated[
        str | None,
        typer.Option(
            "--reference", metavar="REF", help="A reference no other inspection has (else FORCE-FRAMEWORK)."
        ),
    ] = None,
    period_label: Annotated[
        str, typer.Option("--period-label", help="The period as the report names it.")
    ] = "",
    period_start: Annotated[
        str | None, typer.Option("--period-start", metavar="YYYY-MM-DD", help="The period's first day.")
    ] = None,
    period_end: Annotated[
        str | None, typer.Option("--period-end", metavar="YYYY-MM-DD", help="The period's last day.")
    ] = None,
    creator: Annotated[
        str | None,
        typer.Option(
            "--as", metavar="USERNAME", help="Who creates it (one of the inspectorate), for the audit trail."
        ),
    ] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Start an inspection, at planning, led by --lead (who alone is on its team)."""
    from inspectorate.cli.options import as_options, parse_date

    open_workspace(workspace)
    from inspectorate.core.problems import ProblemsError
    from inspectorate.web.inspections.documents import inspection_summary
    from inspectorate.web.inspections.setup import (
        NewInspection,
        NotAllowed,
        create_inspection,
        suggested_reference,
    )

    start, end = parse_date(period_start, "--period-start"), parse_date(period_end, "--period-end")
    new = NewInspection(
        force=force,
        framework=framework,
        title=title,
        reference=reference if reference is not None else suggested_reference(force, framework),
        lead=_user(lead, "--lead"),
        period_label=period_label,
        period_start=start,
        period_end=end,
    )
    try:
        inspection = create_inspection(new, _actor(creator, "--as"))
    except ProblemsError as exc:
        raise as_options(exc, NEW_OPTIONS) from None
    except NotAllowed as exc:
        raise InputError(f"--as: {exc}") from None
    summary = inspection_summary(inspection)
    if as_json:
        print_json(summary.to_json())
        return
    console.print(
        f"Started {summary.reference} ({summary.code}): {summary.title}, at planning, led by {lead}."
    )


@app.command("team")
def team(
    inspection_id: ReferenceArgument, as_json: JsonOption = False, workspace: WorkspaceOption = None
) -> None:
    """List an inspection's team, and the contacts invited from the force and its local policing body."""
    open_workspace(workspace)
    from inspectorate.web.inspections.lookup import find_inspection
    from inspectorate.web.inspections.views.setup import team_document

    document = team_document(find_inspection(inspection_id))
    if as_json:
        print_json(document.to_json())
        return
    shown = table("username", "name", "place", "role", "organisation", "invited by", "does not count")
    for place in document.csv_rows():
        shown.add_row(
            place.username,
            place.name,
            place.place,
            place.role_label,
            place.organisation or "",
            place.invited_by or "",
            place.lapsed or "",
        )
    console.print(shown)
    if not document.open:
        console.print("Published: the team and contacts no longer change.")


@app.command("appoint")
def appoint(
    inspection_id: ReferenceArgument,
    username: UsernameArgument,
    role: Annotated[
        str,
        typer.Argument(metavar="ROLE", help="lead, inspector, analyst, auditor, or moderator (reviewer)."),
    ],
    by: ByOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Appoint someone of the inspectorate to the team, or change their role."""
    open_workspace(workspace)
    from inspectorate.web.inspections import setup
    from inspectorate.web.inspections.lookup import find_inspection

    inspection = find_inspection(inspection_id)
    member = setup.appoint(inspection, _actor(by), _user(username, "USERNAME"), ROLE_NAMES.get(role, role))
    console.print(f"{username} is {member.get_role_display().lower()} on {inspection.reference}.")


@app.command("remove")
def remove(
    inspection_id: ReferenceArgument,
    username: UsernameArgument,
    by: ByOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Take someone off the team (never the last lead), or withdraw a contact's invitation."""
    open_workspace(workspace)
    from inspectorate.web.inspections import setup
    from inspectorate.web.inspections.lookup import find_inspection

    inspection = find_inspection(inspection_id)
    user = _user(username, "USERNAME")
    if inspection.contacts.filter(user=user).exists():
        setup.remove_contact(inspection, _actor(by), user)
        console.print(f"{username} is no longer invited to {inspection.reference}.")
        return
    setup.remove_member(inspection, _actor(by), user)
    console.print(f"{username} is no longer on the team of {inspection.reference}.")


@app.command("invite")
def invite(
    inspection_id: ReferenceArgument,
    username: UsernameArgument,
    role: Annotated[
        str,
        typer.Option("--role", metavar="ROLE", help="liaison (of the force) or local-policing-body."),
    ],
    by: ByOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Invite the force's liaison, or someone of its local policing body, to an inspection."""
    open_workspace(workspace)
    from inspectorate.web.inspections import setup
    from inspectorate.web.inspections.lookup import find_inspection

    inspection = find_inspection(inspection_id)
    contact = setup.invite(inspection, _actor(by), _user(username, "USERNAME"), role)
    console.print(f"{username} is invited to {inspection.reference} ({contact.get_role_display().lower()}).")
