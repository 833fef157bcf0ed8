"""`inspectorate followup`: published findings followed to closure: their details, the force's
updates and the inspectorate's verdicts. The same rules as the follow-up's pages
(web/followup/services.py), acting as a user."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from inspectorate.cli.acting import AsOption, acting_user
from inspectorate.cli.options import JsonOption, WorkspaceOption
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from inspectorate.core.reports.context import ReportContext
    from inspectorate.web.followup.models import FollowUp
    from inspectorate.web.inspections.documents import FindingDocument
    from inspectorate.web.inspections.models import Inspection

app = typer.Typer(
    help="Published findings followed to closure: details, the force's updates, verdicts.",
    no_args_is_help=True,
)

Reference = Annotated[str, typer.Argument(metavar="REF", help="The inspection's reference or code.")]
FindingCode = Annotated[
    str,
    typer.Argument(metavar="FINDING", help="The finding's code, or its start (as `followup list` shows)."),
]
Reasons = Annotated[str, typer.Option("--reasons", help="Why: the verdict's reasons, or why it is reopened.")]


def _inspection(reference: str) -> Inspection:
    from inspectorate.web.inspections.lookup import find_inspection

    return find_inspection(reference)


def _record(inspection: Inspection) -> ReportContext:
    from inspectorate.core.reports.context import context_from_json
    from inspectorate.web.followup.services import latest_version

    version = latest_version(inspection)
    if version is None:
        raise InputError(f"{inspection.reference} has no published version: nothing is followed yet")
    return context_from_json(version.context)


def _finding(inspection: Inspection, code: str) -> tuple[FollowUp, FindingDocument]:
    from inspectorate.web.followup.services import follow_up_for, followed_items

    text = code.strip().lower()
    items = [i for i in followed_items(_record(inspection)) if i.code.startswith(text)] if text else []
    if len(items) != 1:
        raise InputError(
            f"no followed finding {code!r} in {inspection.reference} (see `inspectorate followup list`)"
        )
    found = follow_up_for(inspection, items[0].code)
    if found is None:
        raise InputError(
            f"{items[0].code} is not followed yet: run `inspectorate followup backfill` to follow it"
        )
    return found, items[0]


@contextmanager
def _acting(user: User) -> Iterator[None]:
    from auditlog.context import set_actor

    with set_actor(user):
        yield


@app.command("list")
def list_followed(
    reference: Reference,
    status: Annotated[
        str | None, typer.Option("--status", help="Only those at this status (or overdue).")
    ] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """List an inspection's followed findings: to whom each is addressed, when it is due, its owner
    and where it stands."""
    open_workspace(workspace)
    from inspectorate.web.followup.documents import FILTERS, list_page

    if status is not None and status not in FILTERS:
        raise InputError(f"--status: {status!r} is not one of {', '.join(FILTERS)}")
    inspection = _inspection(reference)
    document = list_page(inspection, _record(inspection), status)
    if as_json:
        print_json(document.to_json())
        return
    console.print(f"[bold]{document.inspection.title}[/bold] {document.inspection.reference}: followed up")
    shown = table("finding", "kind", "addressed to", "due", "owner", "status")
    for row in document.findings:
        due = (row.due_on or "") + (" OVERDUE" if row.overdue else "")
        owner = ", ".join(part for part in (row.owner, row.owner_title) if part)
        shown.add_row(row.finding, row.kind, row.addressee_label, due, owner, row.status)
    console.print(shown)


@app.command("show")
def show(
    reference: Reference, finding: FindingCode, as_json: JsonOption = False, workspace: WorkspaceOption = None
) -> None:
    """Show one followed finding: its words as published, its details and its log."""
    open_workspace(workspace)
    from inspectorate.web.followup.documents import detail_page

    inspection = _inspection(reference)
    found, item = _finding(inspection, finding)
    document = detail_page(found, item, _record(inspection))
    if as_json:
        print_json(document.to_json())
        return
    console.print(f"[bold]{document.kind_label}[/bold] {document.finding}")
    console.print(document.text)
    due = f" (due {document.due_on})" if document.due_on else ""
    console.print(f"addressed to: {document.addressee_name or document.addressee_label}")
    console.print(f"timescale: {document.timescale or 'none given'}{due}")
    console.print(
        f"owner: {', '.join(p for p in (document.owner, document.owner_title) if p) or 'nobody named'}"
    )
    console.print(f"status: {document.status}" + (" (overdue)" if document.overdue else ""))
    log = table("at", "by", "kind", "to", "what", "files")
    for entry in document.log:
        log.add_row(
            entry.at,
            entry.author or "",
            entry.kind,
            entry.status_to or "",
            entry.body,
            "; ".join(entry.files),
        )
    console.print(log)


@app.command("set")
def set_details(
    reference: Reference,
    finding: FindingCode,
    as_user: AsOption,
    addressee: Annotated[
        str | None,
        typer.Option("--addressee", help="force, chief-constable, local-policing-body or national-body."),
    ] = None,
    addressee_name: Annotated[
        str | None, typer.Option("--addressee-name", help="The body's own name.")
    ] = None,
    timescale: Annotated[
        str | None,
        typer.Option("--timescale", help="As the report gives it: 'by 31 March 2023', 'within six months'."),
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="The owner's username (someone of the force); '' for none.")
    ] = None,
    owner_title: Annotated[
        str | None, typer.Option("--owner-title", help="The owner's post in the force.")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Set a followed finding's addressee, timescale (its due date worked out from publication) and
    owner in the force. The inspectorate does."""
    open_workspace(workspace)
    from inspectorate.web.followup import services

    user, inspection = acting_user(as_user), _inspection(reference)
    found, _ = _finding(inspection, finding)
    with _acting(user):
        services.set_details(
            found,
            by=user,
            addressee=addressee,
            addressee_name=addressee_name,
            timescale=timescale,
            owner=owner,
            owner_title=owner_title,
        )
    due = f", due {found.due_on.isoformat()}" if found.due_on else ""
    typer.echo(f"details set: {found.finding.code} addressed to {found.addressee}{due}")


@app.command("update")
def update(
    reference: Reference,
    finding: FindingCode,
    as_user: AsOption,
    text: Annotated[str, typer.Option("--text", help="What has been done.")] = "",
    files: Annotated[
        list[Path] | None, typer.Option("--file", help="A file that shows it (repeat for more).")
    ] = None,
    status: Annotated[
        str, typer.Option("--status", help="Where it stands now: in-progress or ready-for-review.")
    ] = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Post the force's progress on a followed finding, with files, and move it (in progress, ready
    for review). People of the inspected force do."""
    open_workspace(workspace)
    from inspectorate.web.followup.services import Upload, post_update

    user, inspection = acting_user(as_user), _inspection(reference)
    found, _ = _finding(inspection, finding)
    paths = files or []
    for path in paths:
        if not path.is_file():
            raise InputError(f"--file: {path}: no such file")
    handles = [path.open("rb") for path in paths]
    try:
        uploads = [
            Upload(path.name, iter(partial(handle.read, 1 << 20), b""))
            for path, handle in zip(paths, handles, strict=True)
        ]
        with _acting(user):
            posted = post_update(found, text=text, status=status, files=uploads, by=user)
    finally:
        for handle in handles:
            handle.close()
    kept = len(paths)
    extra = f", {kept} file{'s' * (kept != 1)}" if kept else ""
    typer.echo(f"update {posted.code} posted{extra}; status {found.status}")


@app.command("verdict")
def verdict(
    reference: Reference,
    finding: FindingCode,
    as_user: AsOption,
    given: Annotated[str, typer.Option("--verdict", help="met, partly-met, not-met or superseded.")],
    reasons: Reasons = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Give the inspectorate's verdict on a followed finding, with its reasons."""
    open_workspace(workspace)
    from inspectorate.web.followup.services import give_verdict

    user, inspection = acting_user(as_user), _inspection(reference)
    found, _ = _finding(inspection, finding)
    with _acting(user):
        give_verdict(found, verdict=given, reasons=reasons, by=user)
    typer.echo(f"verdict on {found.finding.code}: {found.status}")


@app.command("reopen")
def reopen(
    reference: Reference,
    finding: FindingCode,
    as_user: AsOption,
    reasons: Reasons = "",
    workspace: WorkspaceOption = None,
) -> None:
    """Reopen a judged finding, saying why: the force holds it again."""
    open_workspace(workspace)
    from inspectorate.web.followup import services

    user, inspection = acting_user(as_user), _inspection(reference)
    found, _ = _finding(inspection, finding)
    with _acting(user):
        services.reopen(found, reasons=reasons, by=user)
    typer.echo(f"reopened {found.finding.code}")


@app.command("backfill")
def backfill(workspace: WorkspaceOption = None) -> None:
    """Follow the findings of every inspection published before following began (running it again
    changes nothing)."""
    open_workspace(workspace)
    from inspectorate.web.followup.services import backfill as follow_all

    made = follow_all()
    typer.echo(f"{made} finding{'s' * (made != 1)} newly followed")
