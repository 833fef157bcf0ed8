"""`inspectorate moderation`: the moderator's decisions on an inspection's grades, and a framework
version's grades across forces."""

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
    help="Moderation: the moderator agrees with each grade the team proposed, or moves it with a reason.",
    no_args_is_help=True,
)

InspectionArg = Annotated[
    str, typer.Argument(metavar="REF", help="A reference (MPS-PEEL-2021) or code (UUID).")
]
AreaArg = Annotated[str, typer.Argument(metavar="AREA", help="A graded area's id (prevention) or code (1A).")]
AsOption = Annotated[
    str, typer.Option("--as", metavar="USER", help="The username of who decides: the moderator, or staff.")
]


STATES = {
    "not-yet": "not yet at moderation",
    "regraded": "changed since its decision",
    "not-moderated": "no decision recorded",
}


@app.command("show")
def show(
    inspection_id: InspectionArg, as_json: JsonOption = False, workspace: WorkspaceOption = None
) -> None:
    """Show each graded area of an inspection: the grade the team proposed, the grade now, and the
    moderator's decision with its reason."""
    open_workspace(workspace)
    from inspectorate.web.inspections.lookup import find_inspection
    from inspectorate.web.moderation.documents import moderation_document

    document = moderation_document(find_inspection(inspection_id))
    if as_json:
        print_json(document.to_json())
        return
    summary = document.inspection
    console.print(f"[bold]{summary.reference}[/bold] {summary.title} — {summary.status}")
    shown = table("area", "proposed", "grade", "decision", "by", "reason")
    for row in document.areas:
        shown.add_row(
            row.code or row.area,
            row.proposed_grade_label or "",
            row.grade_label or "",
            STATES.get(row.state, row.state)
            + (" (regraded since)" if row.regraded and row.state == "awaiting" else ""),
            row.moderator or "",
            row.reason or "",
        )
    console.print(shown)
    console.print(document.summary)
    for breach in document.breaches:
        console.print(f"breach: {breach.area}: {breach.message} (rule {breach.rule})", markup=False)


def _decide(inspection_id: str, area: str, username: str, grade: str | None, reason: str) -> None:
    from auditlog.context import set_actor

    from inspectorate.web.inspections.lookup import find_inspection
    from inspectorate.web.moderation.deciding import breach_warnings, decide, grade_label, graded_area

    inspection = find_inspection(inspection_id)
    user = acting_user(username)
    with set_actor(user):
        decision = decide(inspection, area, user, grade=grade, reason=reason)
    decided = graded_area(inspection, decision.area_id)
    now = grade_label(inspection, decided, decision.grade)
    if grade is None:
        console.print(f"{inspection.reference}: agreed, {decided.title} is graded {now}")
    else:
        was = grade_label(inspection, decided, decision.proposed_grade)
        console.print(f"{inspection.reference}: {decided.title} moderated from {was} to {now}")
    for warning in breach_warnings(inspection, decided, now):
        typer.echo(f"warning: {warning}", err=True)


@app.command("agree")
def agree(
    inspection_id: InspectionArg, area: AreaArg, user: AsOption, workspace: WorkspaceOption = None
) -> None:
    """Agree with the grade the team proposed for an area. Only at moderation, by the inspection's
    moderator or staff."""
    open_workspace(workspace)
    _decide(inspection_id, area, user, None, "")


@app.command("change")
def change(
    inspection_id: InspectionArg,
    area: AreaArg,
    grade: Annotated[str, typer.Argument(metavar="GRADE", help="A level of the area's scale (id or label).")],
    reason: Annotated[str, typer.Option("--reason", help="Why the grade moves: kept with the decision.")],
    user: AsOption,
    workspace: WorkspaceOption = None,
) -> None:
    """Moderate an area's grade to another level of its scale, with the reason. Only at moderation, by
    the inspection's moderator or staff; the grade is recorded as the team's judgments are."""
    open_workspace(workspace)
    _decide(inspection_id, area, user, grade, reason)


@app.command("across")
def across(
    framework_id: Annotated[
        str, typer.Argument(metavar="FRAMEWORK", help="A framework version's id (peel-2021).")
    ],
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Show a framework version's graded areas across its inspections: each force's grade, and which
    grades moderation moved, from what to what and why."""
    open_workspace(workspace)
    from inspectorate.web.inspections.models import Inspection
    from inspectorate.web.moderation.documents import across_document
    from inspectorate.web.registry.models import FrameworkVersion

    framework = FrameworkVersion.objects.filter(id=framework_id).first()
    if framework is None:
        raise InputError(f"no framework {framework_id!r} (see `inspectorate frameworks list`)")
    inspections = Inspection.objects.filter(framework=framework).select_related("force", "framework")
    document = across_document(framework, inspections)
    if as_json:
        print_json(document.to_json())
        return
    console.print(f"[bold]{document.framework_title}[/bold]: {len(document.inspections)} inspections")
    shown = table("area", *(i.reference for i in document.inspections))
    width = len(document.inspections)
    for index, area in enumerate(document.areas):
        cells = document.cells[index * width : (index + 1) * width]
        shown.add_row(area.code or area.area, *(_cell(c.grade_label, c.moved_from, c.reason) for c in cells))
    console.print(shown)


def _cell(grade: str | None, moved_from: str | None, reason: str | None) -> str:
    if moved_from:
        return f"{grade} (from {moved_from}: {reason})"
    return grade or "—"
