"""`inspectorate plan`: an inspection's fieldwork plan: requests to the force, their answers, and the
team's activities. The same rules as the plan's pages (web/plan/services.py), acting as a user."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
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
    from inspectorate.web.plan.access import PlanAccess
    from inspectorate.web.plan.models import ForceRequest

app = typer.Typer(
    help="An inspection's plan: requests to the force, answers, activities.", no_args_is_help=True
)

Reference = Annotated[str, typer.Argument(metavar="REF", help="The inspection's reference or code.")]
RequestCode = Annotated[
    str, typer.Argument(metavar="REQUEST", help="The request's code (as `plan show` lists).")
]


def _inspection(reference: str) -> Inspection:
    from inspectorate.web.inspections.lookup import find_inspection

    return find_inspection(reference)


def _access(user: User, inspection: Inspection) -> PlanAccess:
    from inspectorate.web.plan.access import plan_access

    access = plan_access(user, inspection)
    if access is None:
        # As on the site: the plan of an inspection the user may not see is not theirs to know of.
        raise InputError(f"no inspection {inspection.reference!r} for {user.get_username()}")
    return access


def _refuse_unless(allowed: bool, access: PlanAccess, user: User) -> None:
    from inspectorate.web.plan.services import ensure_plan_open

    if allowed:
        return
    ensure_plan_open(access.inspection)
    raise InputError(
        f"{user.get_username()} may read the plan of {access.inspection.reference} but not change it"
    )


def _request(inspection: Inspection, code: str) -> ForceRequest:
    from inspectorate.web.plan.models import ForceRequest

    text = code.strip().lower()
    matches = [r for r in ForceRequest.objects.filter(inspection=inspection) if str(r.code).startswith(text)]
    if not text or len(matches) != 1:
        raise InputError(f"no request {code!r} in {inspection.reference} (see `inspectorate plan show`)")
    return matches[0]


@contextmanager
def _acting(user: User) -> Iterator[None]:
    from auditlog.context import set_actor

    with set_actor(user):
        yield


def _due(text: str, option: str) -> datetime.date:
    value = parse_date(text, option)
    assert value is not None
    return value


@app.command("show")
def show(reference: Reference, as_json: JsonOption = False, workspace: WorkspaceOption = None) -> None:
    """Show the plan: requests with their due dates and statuses, and activities by date."""
    open_workspace(workspace)
    from inspectorate.web.plan.documents import plan_page
    from inspectorate.web.plan.services import plan_open

    inspection = _inspection(reference)
    document = plan_page(inspection, activities_shown=True, open=plan_open(inspection))
    if as_json:
        print_json(document.to_json())
        return
    console.print(f"[bold]{document.inspection.title}[/bold] {document.inspection.reference}: plan")
    requests = table("request", "kind", "title", "due", "status")
    for row in document.requests:
        requests.add_row(row.code, row.kind, row.title, row.due_on, row.status)
    console.print(requests)
    activities = table("on", "kind", "title", "place", "areas")
    for item in document.activities:
        activities.add_row(item.on, item.kind, item.title, item.place, "; ".join(item.areas))
    console.print(activities)


@app.command("request")
def request(
    reference: Reference,
    kind: Annotated[str, typer.Option("--kind", help="data-return, document or information.")],
    title: Annotated[str, typer.Option("--title", help="What is asked for, in a line.")],
    due: Annotated[str, typer.Option("--due", help="Due by (YYYY-MM-DD).")],
    as_user: AsOption,
    detail: Annotated[str, typer.Option("--detail", help="What the force should send.")] = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Ask the force for a data return, a document or some information, by a date."""
    open_workspace(workspace)
    from inspectorate.web.plan.services import add_request

    user, inspection = acting_user(as_user), _inspection(reference)
    access = _access(user, inspection)
    _refuse_unless(access.may_change, access, user)
    with _acting(user):
        made = add_request(
            inspection, kind=kind, title=title, due_on=_due(due, "--due"), detail=detail, by=user
        )
    typer.echo(f"request {made.code}: {made.title}, due by {made.due_on.isoformat()}")


@app.command("answer")
def answer(
    reference: Reference,
    request_code: RequestCode,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The file that answers the request.")],
    as_user: AsOption,
    replace: Annotated[
        bool, typer.Option("--replace", help="A data return that supersedes the months already loaded.")
    ] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Send a file in answer. A data return is loaded as `inspectorate data load` loads it, all or
    nothing: a file with any problem is refused, each problem on a line, and nothing of it is kept."""
    open_workspace(workspace)
    from inspectorate.web.plan.services import answer_request

    user, inspection = acting_user(as_user), _inspection(reference)
    access = _access(user, inspection)
    _refuse_unless(access.may_answer, access, user)
    force_request = _request(inspection, request_code)
    if not file.is_file():
        raise InputError(f"{file}: no such file")
    with _acting(user):
        sent = answer_request(force_request, file, name=file.name, by=user, replace=replace)
    if sent.outcome == "loaded":
        months = f" ({sent.months[0]}..{sent.months[-1]})" if sent.months else ""
        typer.echo(f"loaded {sent.rows:,} rows from {sent.original_name} into {sent.dataset}{months}")
    else:
        typer.echo(f"received {sent.original_name}")
    typer.echo(
        f"answer {sent.code} (`inspectorate plan file {inspection.reference} {str(sent.code)[:8]} -o FILE`)"
    )


@app.command("file")
def file_sent(
    reference: Reference,
    answer_code: Annotated[
        str,
        typer.Argument(
            metavar="ANSWER", help="The answer's code, or its start (as `plan answer` printed it)."
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the file.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Write a file the force sent in answer, as it was kept, to a path of your choosing."""
    open_workspace(workspace)
    import shutil

    from inspectorate.web.plan.models import RequestAnswer
    from inspectorate.web.stored_files import stored_path

    inspection = _inspection(reference)
    text = answer_code.strip().lower()
    kept = RequestAnswer.objects.filter(request__inspection=inspection).exclude(sha256="")
    matches = [a for a in kept if str(a.code).startswith(text)] if text else []
    if len(matches) != 1:
        raise InputError(f"no file sent in answer {answer_code!r} in {inspection.reference}")
    answer = matches[0]
    source = stored_path(answer.sha256)
    if not source.is_file():
        raise InputError(f"{answer.original_name}: the file is no longer in the workspace")
    if output.is_dir():
        raise InputError(f"--output: {output} is a folder; name the file to write")
    shutil.copyfile(source, output)
    typer.echo(f"wrote {answer.original_name} ({answer.size:,} bytes) to {output}")


def _decide(reference: str, request_code: str, decision: str, note: str, as_user: str) -> None:
    from inspectorate.web.plan.services import decide_latest

    user, inspection = acting_user(as_user), _inspection(reference)
    access = _access(user, inspection)
    _refuse_unless(access.may_change, access, user)
    force_request = _request(inspection, request_code)
    with _acting(user):
        decided = decide_latest(force_request, decision, note, user)
    typer.echo(f"{decided.get_decision_display().lower()} {decided.original_name}")


NoteOption = Annotated[str, typer.Option("--note", help="A note for the force.")]


@app.command("accept")
def accept(
    reference: Reference,
    request_code: RequestCode,
    as_user: AsOption,
    note: NoteOption = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Accept the latest answer to a request."""
    open_workspace(workspace)
    _decide(reference, request_code, "accepted", note, as_user)


@app.command("return")
def return_answer(
    reference: Reference,
    request_code: RequestCode,
    as_user: AsOption,
    note: NoteOption = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Return the latest answer to a request, asking again: the note says what is still wanted."""
    open_workspace(workspace)
    _decide(reference, request_code, "returned", note, as_user)


@app.command("withdraw")
def withdraw(
    reference: Reference,
    request_code: RequestCode,
    as_user: AsOption,
    reason: Annotated[str, typer.Option("--reason", help="Why the request is withdrawn.")] = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Withdraw a request the team no longer needs answered."""
    open_workspace(workspace)
    from inspectorate.web.plan.services import withdraw_request

    user, inspection = acting_user(as_user), _inspection(reference)
    access = _access(user, inspection)
    _refuse_unless(access.may_change, access, user)
    force_request = _request(inspection, request_code)
    with _acting(user):
        withdraw_request(force_request, reason, user)
    typer.echo(f"withdrawn {force_request.title}")


@app.command("activity")
def activity(
    reference: Reference,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="interview, focus-group, reality-testing, unannounced-visit, observation, "
            "case-file-review, audit or other.",
        ),
    ],
    title: Annotated[str, typer.Option("--title", help="What the activity is.")],
    on: Annotated[str, typer.Option("--on", help="The day (YYYY-MM-DD).")],
    as_user: AsOption,
    place: Annotated[str, typer.Option("--place", help="Where.")] = "",
    areas: Annotated[
        list[str] | None, typer.Option("--area", help="A framework area it bears on (repeat for more).")
    ] = None,
    notes: Annotated[str, typer.Option("--notes", help="Notes for the team.")] = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Add an activity to the plan: an interview, a visit, a review, on a day."""
    open_workspace(workspace)
    from inspectorate.web.plan.services import add_activity

    user, inspection = acting_user(as_user), _inspection(reference)
    access = _access(user, inspection)
    _refuse_unless(access.may_change, access, user)
    with _acting(user):
        made = add_activity(
            inspection,
            kind=kind,
            title=title,
            on=_due(on, "--on"),
            place=place,
            area_ids=areas or [],
            notes=notes,
            by=user,
        )
    typer.echo(f"activity {made.code}: {made.title}, {made.on.isoformat()}")
