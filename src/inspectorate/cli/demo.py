"""`inspectorate init`, `demo` and `serve`: set a workspace up, fill it with the demo, serve it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from inspectorate.cli.options import WorkspaceOption
from inspectorate.cli.output import console
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError

HostOption = Annotated[str, typer.Option("--host", envvar="INSPECTORATE_HOST", help="Address to listen on.")]
PortOption = Annotated[int, typer.Option("--port", envvar="INSPECTORATE_PORT", help="Port to listen on.")]


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("demo")(demo)
    app.command("serve")(serve)


def init(workspace: WorkspaceOption = None) -> None:
    """Create a workspace (or bring one up to date): database, shipped frameworks and forces."""
    path = open_workspace(workspace, create=True)
    typer.echo(f"workspace ready: {path}")


def demo(
    workspace: WorkspaceOption = None,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Build the demo workspace and stop.")] = False,
    reset: Annotated[
        bool, typer.Option("--reset", help="Rebuild the demo inspections from the fixture.")
    ] = False,
    seeds: Annotated[
        Path | None,
        typer.Option(
            "--seeds",
            help="A folder of the Metropolitan's published reports to import the demo's inspections from "
            "(default: $INSPECTORATE_SEEDS, else ../shared/seeds beside the project, when present).",
        ),
    ] = None,
    no_seeds: Annotated[
        bool, typer.Option("--no-seeds", help="Record every inspection from the built-in fixture.")
    ] = False,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
) -> None:
    """Build a demo workspace (the Metropolitan Police Service's five inspections) and serve it."""
    from inspectorate.demo import default_seeds_dir

    if seeds is not None and not seeds.is_dir():
        raise InputError(f"{seeds}: no such folder of reports")
    seeds = None if no_seeds else (seeds or default_seeds_dir())
    path = open_workspace(workspace, create=True)
    from inspectorate.cli.progress import progress_bar
    from inspectorate.demo.audit import build_demo_audit
    from inspectorate.demo.build import DEMO_DATASET, DEMO_USERS, DRAFT_REFERENCE, build_demo, build_demo_data
    from inspectorate.demo.review import build_demo_review

    counts = build_demo(reset=reset, seeds=seeds)
    with progress_bar("demo data") as progress:
        dataset = build_demo_data(progress)
    audit = build_demo_audit(DRAFT_REFERENCE, DEMO_DATASET)
    review = build_demo_review(DRAFT_REFERENCE, DEMO_DATASET)
    # Plain lines, never wrapped mid-phrase: a narrow terminal folds them itself.
    typer.echo(f"Demo workspace: {path}")
    created, kept = counts["created"], counts["kept"]
    typer.echo(f"  {counts['inspections']} inspections ({created} created, {kept} kept as they were)")
    if counts["imported"]:
        typer.echo(f"  {counts['imported']} of them imported from the published reports in {seeds}")
    typer.echo(f"  data: {dataset} — SYNTHETIC, generated for the demo")
    if audit is not None:
        typer.echo(f"  crime data integrity audit: {audit.reference} (SYNTHETIC data, stand-in decisions)")
    if review is not None:
        typer.echo(f"  case-file review: {review.reference} (SYNTHETIC cases, stand-in reviewers)")
    typer.echo("Demo logins (username / password — what they may do):")
    for user in DEMO_USERS:
        # Plain echo: these lines must not be wrapped or styled, people copy them.
        typer.echo(f"  {user.username:<13} {user.password:<20} {user.role}")
    if not no_serve:
        _prepare_recurrences()
        _serve(host, port)


def _prepare_recurrences() -> None:
    """Embed the demo's findings before serving, so that the first look at the force's history
    does not wait for it (a minute at most, once; embeddings are kept)."""
    from inspectorate.cli.progress import progress_bar
    from inspectorate.web.history.recurrence import followed_findings, vectors_for
    from inspectorate.web.inspections.models import Inspection

    findings = followed_findings(Inspection.objects.filter(force_id="metropolitan"))
    with progress_bar("embedding findings for recurrence links") as progress:
        step = 64
        for first in range(0, len(findings), step):
            progress("findings", first, len(findings))
            vectors_for(findings[first : first + step])
        progress("findings", len(findings), len(findings))


def serve(workspace: WorkspaceOption = None, host: HostOption = "127.0.0.1", port: PortOption = 8000) -> None:
    """Serve the web app for a workspace."""
    open_workspace(workspace, create=True)
    _serve(host, port)


def _serve(host: str, port: int) -> None:
    from waitress import serve as waitress_serve

    from inspectorate.web.wsgi import application

    console.print(f"Serving Inspectorate at [bold]http://{host}:{port}/[/bold] (Ctrl+C to stop)")
    waitress_serve(application, host=host, port=port, threads=8, _quiet=True)
