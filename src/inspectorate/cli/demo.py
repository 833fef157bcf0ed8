"""`inspectorate init`, `demo`, `serve` and `worker`: set a workspace up, fill it with the demo, serve
it (cli/serving.py), run its background jobs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from inspectorate.cli.options import WorkspaceOption
from inspectorate.cli.serving import HostOption, PortOption, serve, serve_workspace
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError


def register(app: typer.Typer) -> None:
    app.command("init")(init)
    app.command("demo")(demo)
    app.command("serve")(serve)
    app.command("worker")(worker)


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
    from inspectorate.web.inspections.vectors import one_job

    # Its findings' embeddings: one background job, run below before the demo is served.
    with one_job():
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
    typer.echo(f"  national figures: {_national_editions()} editions of the official tables (real, shipped)")
    typer.echo("    /national/forces/metropolitan sets the force beside the other 42")
    if audit is not None:
        typer.echo(f"  crime data integrity audit: {audit.reference} (SYNTHETIC data, stand-in decisions)")
    if review is not None:
        typer.echo(f"  case-file review: {review.reference} (SYNTHETIC cases, stand-in reviewers)")
    typer.echo("Demo logins (username / password — what they may do):")
    for user in DEMO_USERS:
        # Plain echo: these lines must not be wrapped or styled, people copy them.
        typer.echo(f"  {user.username:<13} {user.password:<20} {user.role}")
    _prepare_recurrences()
    if not no_serve:
        serve_workspace(path, host, port)


def _national_editions() -> int:
    from inspectorate.core.national.store import load_national

    return len(load_national(None).editions)


def _prepare_recurrences() -> None:
    """Run the demo's background jobs (its findings' embeddings, for recurrence links, and its
    published reports' PDFs) before returning, so that the first look at a force's history or a
    report's PDF finds them made (seconds, once)."""
    from inspectorate.cli.progress import progress_bar
    from inspectorate.web.worker import queue_in_database, queue_left_undone, run_queued

    if not queue_in_database():
        typer.echo("  background jobs queued: `inspectorate worker` runs them")
        return
    with progress_bar("background jobs: findings' embeddings, reports' PDFs") as progress:
        run_queued(lambda done, total: progress("jobs", done, total))
        # What an earlier demo's workspace left undone, made before its jobs were.
        if queue_left_undone():
            run_queued(lambda done, total: progress("jobs", done, total))


def worker(
    workspace: WorkspaceOption = None,
    batch: Annotated[bool, typer.Option("--batch", help="Run the jobs waiting, then stop.")] = False,
) -> None:
    """Run the workspace's background jobs (findings' embeddings) until stopped: for a deployment
    that runs the worker as a service of its own (`serve` runs one beside the web server)."""
    open_workspace(workspace)
    from inspectorate.web.worker import run_worker

    run_worker(batch=batch)
