"""`inspectorate responses`: the local policing bodies' responses to published reports (section 55
of the Police Act 1996): due in 56 days, recorded with a statement on each finding. The same rules
and documents as the responses' pages (web/responses), acting as a user."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from inspectorate.cli.acting import AsOption, acting_user
from inspectorate.cli.options import JsonOption, WorkspaceOption, parse_date
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from inspectorate.web.inspections.models import Inspection

app = typer.Typer(
    help="Local policing bodies' responses to published reports: due dates, overdue, statements.",
    no_args_is_help=True,
)

Reference = Annotated[str, typer.Argument(metavar="REF", help="The inspection's reference or code.")]


def _published(reference: str) -> Inspection:
    """The inspection, once its report is public; one line otherwise, as the pages' 404."""
    from inspectorate.web.followup.visible import is_public
    from inspectorate.web.inspections.lookup import find_inspection

    inspection = find_inspection(reference)
    if not is_public(inspection):
        raise InputError(f"{inspection.reference} is not published: it has no response to record or show")
    return inspection


def _recorder(username: str, inspection: Inspection) -> User:
    from inspectorate.web.responses.access import may_record

    user = acting_user(username)
    if not may_record(user, inspection):
        raise InputError(
            f"{username} may not record the response to {inspection.reference}: only staff and people of "
            f"its force's local policing body do"
        )
    return user


def _standing(standing: str, days: int | None) -> str:
    if standing == "overdue":
        return f"OVERDUE by {days} day{'s' if days != 1 else ''}"
    if standing == "due":
        return "due today" if days == 0 else f"due in {days} day{'s' if days != 1 else ''}"
    if standing == "responded-late":
        return f"published, {days} day{'s' if days != 1 else ''} late"
    return standing.replace("-", " ")


@app.command("list")
def list_responses(
    overdue: Annotated[bool, typer.Option("--overdue", help="Only the overdue responses.")] = False,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """List every published report with its body, publication date, due date and response."""
    open_workspace(workspace)
    from inspectorate.web.responses.documents import responses_page
    from inspectorate.web.responses.services import today

    document = responses_page(today(), overdue_only=overdue)
    if as_json:
        print_json(document.to_json())
        return
    rows = table("report", "body", "published", "due", "response")
    for row in document.reports:
        response = _standing(row.standing, row.days)
        if row.responded_on:
            response = f"{row.responded_on} ({response})"
        rows.add_row(row.reference, row.body, row.published_on or "-", row.due_on or "-", response)
    console.print(rows)
    console.print(f"{document.overdue} overdue on {document.today}")


@app.command("show")
def show(reference: Reference, as_json: JsonOption = False, workspace: WorkspaceOption = None) -> None:
    """Show a report's response: its deadline, and the statement on each finding."""
    open_workspace(workspace)
    from inspectorate.web.reports.record import public_record
    from inspectorate.web.responses.documents import inspection_response_page
    from inspectorate.web.responses.services import today

    inspection = _published(reference)
    found = public_record(inspection)
    document = inspection_response_page(inspection, found[0].title if found else inspection.title, today())
    if as_json:
        print_json(document.to_json())
        return
    report = document.report
    console.print(f"[bold]{report.title}[/bold] {report.reference}: response from {report.body}")
    console.print(
        f"published {report.published_on or 'not recorded'}; due {report.due_on or 'no deadline'}; "
        f"{_standing(report.standing, report.days)}"
    )
    if report.note:
        console.print(report.note)
    if document.response is not None:
        console.print(f"response published {document.response.published_on}: {document.response.address}")
        console.print(document.response.summary)
    rows = table("finding", "kind", "text", "stance", "statement")
    for item in document.statements:
        rows.add_row(
            item.finding[:8],
            item.kind,
            item.text or "(no longer printed)",
            item.stance or "-",
            item.statement or "",
        )
    console.print(rows)


@app.command("record")
def record(
    reference: Reference,
    on: Annotated[str, typer.Option("--on", help="The day the body published its response (YYYY-MM-DD).")],
    address: Annotated[str, typer.Option("--address", help="Where it is published (https://...).")],
    summary: Annotated[str, typer.Option("--summary", help="What it says, in your own words.")],
    as_user: AsOption,
    workspace: WorkspaceOption = None,
) -> None:
    """Record (or correct) the local policing body's published response to a report."""
    open_workspace(workspace)
    from auditlog.context import set_actor

    from inspectorate.web.responses.services import record_response

    inspection = _published(reference)
    user = _recorder(as_user, inspection)
    published_on = parse_date(on, "--on")
    assert published_on is not None
    with set_actor(user):
        made = record_response(
            inspection, published_on=published_on, address=address, summary=summary, by=user
        )
    typer.echo(f"response to {inspection.reference} recorded: published {made.published_on.isoformat()}")


@app.command("statement")
def statement(
    reference: Reference,
    finding: Annotated[
        str,
        typer.Argument(
            metavar="FINDING", help="The finding's code, or its start (as `responses show` lists)."
        ),
    ],
    stance: Annotated[
        str, typer.Option("--stance", help="accepted, partly-accepted, not-accepted or noted.")
    ],
    text: Annotated[str, typer.Option("--statement", help="What the response says of it, in summary.")],
    as_user: AsOption,
    workspace: WorkspaceOption = None,
) -> None:
    """Record (or correct) what the response says of one cause of concern, recommendation or area
    for improvement of the published report."""
    open_workspace(workspace)
    from auditlog.context import set_actor

    from inspectorate.web.responses.services import record_statement

    inspection = _published(reference)
    user = _recorder(as_user, inspection)
    with set_actor(user):
        made = record_statement(inspection, finding, stance=stance, statement=text, by=user)
    typer.echo(f"statement on {str(made.finding.code)[:8]} recorded: {made.get_stance_display().lower()}")
