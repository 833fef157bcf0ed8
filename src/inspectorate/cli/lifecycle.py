"""`inspectorate lifecycle`: where an inspection stands, from planning to publication, and a move to
the next stage (or back, with its reason), checked as the progress page checks it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from inspectorate.cli.acting import acting_user
from inspectorate.cli.options import JsonOption, WorkspaceOption
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError

if TYPE_CHECKING:
    pass

app = typer.Typer(
    help="An inspection's progress: planning, fieldwork, moderation, factual-accuracy check, embargoed, "
    "published.",
    no_args_is_help=True,
)

InspectionArg = Annotated[
    str, typer.Argument(metavar="REF", help="A reference (MPS-PEEL-2021) or code (UUID).")
]


@app.command("status")
def status(
    inspection_id: InspectionArg,
    username: Annotated[
        str | None,
        typer.Option("--as", metavar="USER", help="Mark the moves this user may make (a username)."),
    ] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Show the stage an inspection is at, each move from there with its conditions met or not, and
    every move made. An embargo that has ended is recorded first, as the move to published."""
    open_workspace(workspace)
    from inspectorate.web.inspections.lookup import find_inspection
    from inspectorate.web.lifecycle.documents import progress_page
    from inspectorate.web.lifecycle.service import actors_of, settle

    inspection = find_inspection(inspection_id)
    settle(inspection)
    actors = actors_of(acting_user(username), inspection) if username else frozenset()
    document = progress_page(inspection, actors)
    if as_json:
        print_json(document.to_json())
        return
    summary = document.inspection
    stage = next(s.label for s in document.stages if s.current)
    console.print(f"[bold]{summary.reference}[/bold] {summary.title}: {stage}")
    for move in document.moves:
        who = " or ".join(move.who) or "no one: the embargo's end"
        console.print(f"\n[bold]{move.label}[/bold] ({move.to_status}; by {who})")
        for condition in move.conditions:
            mark = "[green]met[/green]" if condition.met else "[red]not met[/red]"
            console.print(f"  {mark}  {condition.unmet or condition.label}")
    if not document.moves:
        console.print("Published: it moves no further.")
    if document.log:
        shown = table("when", "from", "to", "by", "reason")
        for row in document.log:
            shown.add_row(row.at, row.from_status, row.to_status, row.by or "the platform", row.reason)
        console.print(shown)


@app.command("move")
def move(
    inspection_id: InspectionArg,
    target: Annotated[
        str,
        typer.Argument(
            metavar="STATUS", help="The stage to move to: fieldwork, moderation, factual-accuracy..."
        ),
    ],
    username: Annotated[
        str, typer.Option("--as", metavar="USER", help="Who moves it: the lead, the moderator or staff.")
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why: required for a move back.")] = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Move an inspection to the next stage, or back to an earlier one with --reason. Refused, with
    every condition not met, unless it may be made now by this user."""
    open_workspace(workspace)
    from inspectorate.core.lifecycle import MoveRefused, stage_of
    from inspectorate.web.inspections.lookup import find_inspection
    from inspectorate.web.lifecycle import service

    inspection = find_inspection(inspection_id)
    stage = stage_of(target)
    user = acting_user(username)
    try:
        made = service.move(inspection, user, stage, reason)
    except MoveRefused as exc:
        raise InputError(f"{inspection.reference} not moved to {stage.value}: {exc}") from None
    typer.echo(f"{inspection.reference}: moved from {made.from_status} to {made.to_status}")
