"""`inspectorate evidence`: an inspection's evidence, with its files, findings and criteria.

The same service as the web pages (web/inspections/recording.py, evidence_files.py): a value the
pages refuse is refused here, named by the option that gave it; a file too big or empty is refused
and the evidence it came with is not recorded either.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from inspectorate.cli.acting import acting_user
from inspectorate.cli.files import existing_file
from inspectorate.cli.options import JsonOption, WorkspaceOption, parse_date
from inspectorate.cli.output import console, print_json, table
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from inspectorate.web.inspections.models import Evidence, Inspection

app = typer.Typer(
    help="Evidence: what the team read, heard and saw, and the files kept with it.", no_args_is_help=True
)

Reference = Annotated[str, typer.Argument(metavar="REF", help="The inspection: its reference or code.")]
AsOption = Annotated[
    str,
    typer.Option(
        "--as", metavar="USERNAME", help="Who records it: one of the team who may change it, or staff."
    ),
]
EffectiveDate = Annotated[
    str | None,
    typer.Option(
        "--effective-date", metavar="YYYY-MM-DD", help="The date the file speaks for, where it has one."
    ),
]
OPTIONS = {"criteria": "--criterion", "findings": "--finding", "file": "--file"}
CHUNK = 1024 * 1024


def _writer(username: str, inspection: Inspection) -> User:

    from inspectorate.web.inspections.access import can_write

    user = acting_user(username)
    if not can_write(user, inspection):
        raise InputError(
            f"--as: {username} may not change {inspection.reference} "
            "(its lead, inspectors, analysts and auditors may, and staff)"
        )
    return user


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _attach(evidence: Evidence, path: Path, effective_date: str | None, user: User) -> str:
    from inspectorate.web.inspections.evidence_files import attach_file, check_size

    check_size(path.name, path.stat().st_size)  # before reading it
    kept = attach_file(
        evidence,
        _chunks(path),
        name=path.name,
        effective_on=parse_date(effective_date, "--effective-date"),
        uploaded_by=user,
    )
    return f"kept {kept.original_name} ({kept.size} bytes, SHA-256 {kept.sha256})"


def _located(exc: InputError) -> InputError:
    """A refused value named by the option that gave it."""
    option = OPTIONS.get(getattr(exc, "field", ""))
    return InputError(f"{option}: {exc}") if option else exc


@app.command("add")
def add(
    reference: Reference,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="document, interview, focus-group, reality-testing, data, case-review, audit, observation.",
        ),
    ],
    title: Annotated[str, typer.Option("--title", help="What it is, in a few words.")],
    as_user: AsOption,
    description: Annotated[str, typer.Option("--description", help="What it says.")] = "",
    area: Annotated[
        list[str] | None, typer.Option("--area", metavar="ID", help="An area it bears on (repeat for more).")
    ] = None,
    criterion: Annotated[
        list[str] | None,
        typer.Option("--criterion", metavar="ID", help="A criterion it is marked against (repeat for more)."),
    ] = None,
    finding: Annotated[
        list[str] | None,
        typer.Option("--finding", metavar="CODE", help="A finding it supports (repeat for more)."),
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="A file to keep with it.")] = None,
    effective_date: EffectiveDate = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Record a piece of evidence, marked against areas, criteria and findings, with a file if given."""
    if file is not None:
        existing_file(file)
    elif effective_date is not None:
        raise InputError("--effective-date: give it with --file, for the file it dates")
    open_workspace(workspace)
    from auditlog.context import set_actor
    from django.db import transaction

    from inspectorate.web.inspections.lookup import find_inspection
    from inspectorate.web.inspections.recording import save_evidence

    inspection = find_inspection(reference)
    user = _writer(as_user, inspection)
    kept = ""
    try:
        with set_actor(user), transaction.atomic():
            evidence = save_evidence(
                inspection,
                kind=kind,
                title=title,
                description=description,
                area_ids=area or [],
                criterion_ids=criterion or [],
                finding_codes=finding or [],
                created_by=user,
            )
            if file is not None:
                kept = _attach(evidence, file, effective_date, user)
    except InputError as exc:
        raise _located(exc) from None
    console.print(f"added evidence {evidence.code}: {evidence.title}", highlight=False)
    if kept:
        console.print(kept, highlight=False)


@app.command("attach")
def attach(
    reference: Reference,
    evidence_code: Annotated[str, typer.Argument(metavar="EVIDENCE_CODE", help="The evidence's code.")],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The file to keep with it.")],
    as_user: AsOption,
    effective_date: EffectiveDate = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Keep a file with a piece of evidence: stored once, under its SHA-256."""
    existing_file(file)
    open_workspace(workspace)
    from auditlog.context import set_actor

    from inspectorate.web.inspections.lookup import find_inspection

    inspection = find_inspection(reference)
    evidence = _evidence(inspection, evidence_code)
    user = _writer(as_user, inspection)
    try:
        with set_actor(user):
            kept = _attach(evidence, file, effective_date, user)
    except InputError as exc:
        raise _located(exc) from None
    console.print(kept, highlight=False)


def _evidence(inspection: Inspection, code: str) -> Evidence:
    import uuid

    try:
        found = inspection.evidence.filter(code=uuid.UUID(code)).first()
    except ValueError:
        found = None
    if found is None:
        raise InputError(
            f"no evidence {code!r} in {inspection.reference} "
            f"(see `inspectorate evidence list {inspection.reference}`)"
        )
    return found


@app.command("list")
def list_evidence(
    reference: Reference, as_json: JsonOption = False, workspace: WorkspaceOption = None
) -> None:
    """List an inspection's evidence, with the findings it supports, its criteria and its files."""
    open_workspace(workspace)
    from inspectorate.web.inspections.documents import evidence_listing
    from inspectorate.web.inspections.lookup import find_inspection

    listed = evidence_listing(find_inspection(reference))
    if as_json:
        print_json([item.to_json() for item in listed])
        return
    shown = table("code", "kind", "title", "areas", "criteria", "findings", "files")
    for item in listed:
        shown.add_row(
            item.code,
            item.kind,
            item.title,
            ", ".join(item.areas),
            ", ".join(item.criteria),
            str(len(item.findings)),
            "\n".join(f"{f.name} {f.sha256[:12]}" for f in item.kept_files),
        )
    console.print(shown)
