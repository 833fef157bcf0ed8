"""`inspectorate inspections`: list and show the inspections in a workspace."""

from __future__ import annotations

from typing import Annotated

import typer

from inspectorate.cli.options import JsonOption, WorkspaceOption
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError

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
