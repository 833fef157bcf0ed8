"""`inspectorate monitoring`: each force's status in the inspectorate's monitoring process (Scan,
Engage), its history, and staff recording a placement or an exit with its published source."""

from __future__ import annotations

import datetime
from typing import Annotated

import typer

from inspectorate.cli.acting import acting_user
from inspectorate.cli.options import JsonOption, WorkspaceOption, parse_date
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.monitoring import MonitoringError
from inspectorate.core.problems import InputError

app = typer.Typer(
    help="Monitoring: each force's stage in the inspectorate's monitoring process (Scan, Engage) over time.",
    no_args_is_help=True,
)

ForceArg = Annotated[str, typer.Argument(metavar="FORCE", help="A force's police.uk id (metropolitan).")]
OnOption = Annotated[str, typer.Option("--on", metavar="DATE", help="The date of the decision (YYYY-MM-DD).")]
ReasonsOption = Annotated[str, typer.Option("--reasons", help="Why it was decided, as published.")]
SourceOption = Annotated[
    str, typer.Option("--source", help="The address of the published letter or announcement.")
]
AsOption = Annotated[
    str, typer.Option("--as", metavar="USER", help="The username of who records it: staff only.")
]

OPTIONS = {
    "on": "--on",
    "reasons": "--reasons",
    "source": "--source",
    "decision": "--decision",
    "stage": "--stage",
    "concerns": "--concern",
    "force": "FORCE",
}


def _as_option(exc: MonitoringError) -> InputError:
    """The rule's refusal, named by the option that gave the field."""
    _, _, rest = str(exc).partition(": ")
    return InputError(f"{OPTIONS.get(exc.field, exc.field)}: {rest or exc}")


def _date(text: str) -> datetime.date:
    value = parse_date(text, "--on")
    assert value is not None
    return value


@app.command("list")
def list_(
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="The status on this day (else today).")
    ] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """List every force's monitoring status, those in Engage first; a force never placed anywhere is
    shown as in Scan, the default stage, with no decision recorded."""
    open_workspace(workspace)
    from inspectorate.web.monitoring.documents import national_page
    from inspectorate.web.monitoring.services import today

    now = today()
    day = parse_date(on, "--on") or now
    document = national_page(day, day == now)
    if as_json:
        print_json(document.to_json())
        return
    shown = table("force", "status", "since", "left Engage")
    for row in document.forces:
        shown.add_row(row.force, row.status, row.since or "", row.last_left or "")
    console.print(shown)
    console.print(f"{document.escalated} of {len(document.forces)} forces in Engage on {document.on}")


@app.command("show")
def show(force_id: ForceArg, as_json: JsonOption = False, workspace: WorkspaceOption = None) -> None:
    """Show a force's monitoring status today and its history: each period in Engage with the
    decision, its reasons and source, the causes of concern it rests on, and the exit."""
    open_workspace(workspace)
    from django.contrib.auth.models import AnonymousUser

    from inspectorate.web.monitoring.documents import force_monitoring_page
    from inspectorate.web.monitoring.services import find_force, today

    try:
        force = find_force(force_id)
    except MonitoringError as exc:
        raise _as_option(exc) from None
    # What the public reads: linked findings as published, none from an unpublished inspection.
    document = force_monitoring_page(force, AnonymousUser(), today())
    if as_json:
        print_json(document.to_json())
        return
    since = f" since {document.status.since}" if document.status.since else ""
    console.print(f"[bold]{document.force_name}[/bold]: {document.status.label}{since}", highlight=False)
    for period in document.periods:
        until = period.ended_on or "now"
        console.print(f"\n{period.stage_label}: {period.started_on} to {until}", markup=False)
        console.print(f"  decided by: {period.decision}", markup=False)
        console.print(f"  reasons: {period.reasons}", markup=False)
        if period.source:
            console.print(f"  source: {period.source}", markup=False)
        for concern in period.concerns:
            console.print(
                f"  concern: {concern.reference} {concern.kind_label}: {concern.text}", markup=False
            )
        if period.ended_on:
            if period.exit_decision:
                console.print(f"  exit decided by: {period.exit_decision}", markup=False)
            console.print(f"  exit reasons: {period.exit_reasons}", markup=False)
            if period.exit_source:
                console.print(f"  exit source: {period.exit_source}", markup=False)


@app.command("place")
def place(
    force_id: ForceArg,
    stage: Annotated[str, typer.Option("--stage", help="The stage, as published: Engage.")],
    on: OnOption,
    decision: Annotated[
        str,
        typer.Option("--decision", help="Who decided, as published (HM Chief Inspector of Constabulary)."),
    ],
    reasons: ReasonsOption,
    user: AsOption,
    source: SourceOption = "",
    concern: Annotated[
        list[str] | None,
        typer.Option(
            "--concern",
            metavar="FINDING_CODE",
            help="A finding of the force the decision rests on (its code); repeat for each.",
        ),
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Record a decision placing a force in a stage beyond Scan (Engage), from a date. Staff only;
    refused while the force is already there, or when it would overlap an earlier period."""
    open_workspace(workspace)
    from auditlog.context import set_actor

    from inspectorate.core.monitoring import parse_stage
    from inspectorate.web.monitoring.access import records_monitoring
    from inspectorate.web.monitoring.services import find_force
    from inspectorate.web.monitoring.services import place as place_force

    day = _date(on)
    recorder = acting_user(user)
    if not records_monitoring(recorder):
        raise InputError(f"--as: {recorder.username} is not staff; only staff record monitoring decisions")
    try:
        force = find_force(force_id)
        with set_actor(recorder):
            period = place_force(
                force,
                parse_stage(stage),
                day,
                decision=decision,
                reasons=reasons,
                source=source,
                concerns=concern or [],
                by=recorder,
            )
    except MonitoringError as exc:
        raise _as_option(exc) from None
    console.print(f"{force.name}: in {period.get_stage_display()} from {period.started_on}", highlight=False)


@app.command("exit")
def exit_(
    force_id: ForceArg,
    on: OnOption,
    reasons: ReasonsOption,
    user: AsOption,
    source: SourceOption = "",
    decision: Annotated[str, typer.Option("--decision", help="Who decided, as published.")] = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Record the decision returning a force from its current stage (Engage) to Scan, on a date after
    its placement. Staff only."""
    open_workspace(workspace)
    from auditlog.context import set_actor

    from inspectorate.web.monitoring.access import records_monitoring
    from inspectorate.web.monitoring.services import find_force, leave

    day = _date(on)
    recorder = acting_user(user)
    if not records_monitoring(recorder):
        raise InputError(f"--as: {recorder.username} is not staff; only staff record monitoring decisions")
    try:
        force = find_force(force_id)
        with set_actor(recorder):
            period = leave(force, day, reasons=reasons, source=source, decision=decision, by=recorder)
    except MonitoringError as exc:
        raise _as_option(exc) from None
    console.print(f"{force.name}: left {period.get_stage_display()} on {day}, back in Scan", highlight=False)
