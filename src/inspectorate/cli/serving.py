"""`inspectorate serve`: the web app under waitress, with worker processes for its background jobs
beside it, all stopped together on Ctrl+C or SIGTERM (a service manager's stop)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer

from inspectorate.cli.options import WorkspaceOption
from inspectorate.cli.output import console
from inspectorate.cli.workspace import open_workspace
from inspectorate.core.problems import InputError

HostOption = Annotated[str, typer.Option("--host", envvar="INSPECTORATE_HOST", help="Address to listen on.")]
PortOption = Annotated[int, typer.Option("--port", envvar="INSPECTORATE_PORT", help="Port to listen on.")]
ThreadsOption = Annotated[
    int,
    typer.Option(
        "--threads",
        envvar="INSPECTORATE_THREADS",
        min=1,
        help="Requests answered at once (waitress's threads).",
    ),
]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        envvar="INSPECTORATE_WORKERS",
        min=0,
        help="Worker processes for the background jobs (0: none, for a deployment that runs "
        "`inspectorate worker` as a service of its own).",
    ),
]
ProductionOption = Annotated[
    bool,
    typer.Option(
        "--production",
        envvar="INSPECTORATE_PRODUCTION",
        help="Production settings (HTTPS only, secure cookies, HSTS); refuse to start while "
        "Django's `check --deploy` finds anything to warn of, or debugging is on.",
    ),
]

# What nginx sets (docs/deployment.md), believed from the proxy only.
PROXY_HEADERS = {"x-forwarded-for", "x-forwarded-proto"}
# Seconds a worker has to finish its job once asked to stop, before it is killed.
WORKER_STOP_TIMEOUT = 10.0
# The console script's entry point, run by the same Python: the worker processes need no PATH.
WORKER_COMMAND = "import sys; from inspectorate.cli import main; main(sys.argv[1:])"


def serve(
    workspace: WorkspaceOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    threads: ThreadsOption = 8,
    workers: WorkersOption = 1,
    production: ProductionOption = False,
) -> None:
    """Serve the web app for a workspace, with worker processes for its background jobs beside it."""
    if production:
        # Before Django reads its settings: --production is INSPECTORATE_PRODUCTION=1.
        os.environ["INSPECTORATE_PRODUCTION"] = "1"
    path = open_workspace(workspace, create=True)
    if production:
        refuse_unsafe_production()
    serve_workspace(path, host, port, threads=threads, workers=workers)


def refuse_unsafe_production() -> None:
    """One line naming what is wrong, when Django's deployment checks warn of anything."""
    from django.conf import settings
    from django.core import checks

    if settings.DEBUG:
        raise InputError("not starting in production: INSPECTORATE_DEBUG is on (debug pages show secrets)")
    found = [
        message
        for message in checks.run_checks(include_deployment_checks=True)
        if message.level >= checks.WARNING and not message.is_silenced()
    ]
    if found:
        first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise InputError(
            f"not starting in production: {first.id}: {first.msg}{more} (Django's `check --deploy`)"
        )


def serve_workspace(path: Path, host: str, port: int, *, threads: int = 8, workers: int = 1) -> None:
    """Serve the workspace Django is set up on until Ctrl+C or SIGTERM."""
    from django.conf import settings
    from django.urls import get_resolver
    from waitress import serve as waitress_serve

    from inspectorate.web.worker import queue_in_database
    from inspectorate.web.wsgi import application

    # Every page's code imported now (the URL configuration imports each view), not in the first
    # visitor's request.
    get_resolver().resolve("/")
    in_database = queue_in_database()
    console.print(f"Serving Inspectorate at [bold]http://{host}:{port}/[/bold] (Ctrl+C to stop)")
    if not in_database:
        console.print("Background jobs go to Redis: run `inspectorate worker` beside the server.")
    with stopped_by_sigterm(), worker_processes(path, workers if in_database else 0):
        run = partial(waitress_serve, application, host=host, port=port, threads=threads, _quiet=True)
        if settings.BEHIND_PROXY:
            # Waitress takes the visitor's address and scheme from the proxy's headers, and only from
            # the proxy; from anyone else it drops them (its default), so they cannot be forged.
            run(
                trusted_proxy=settings.TRUSTED_PROXY,
                trusted_proxy_headers=PROXY_HEADERS,
                trusted_proxy_count=1,
            )
        else:
            run()


@contextmanager
def stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM stops the server as Ctrl+C does: waitress closes its sockets and the workers stop."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(0)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def worker_processes(workspace: Path, count: int) -> Iterator[list[subprocess.Popen[bytes]]]:
    """``count`` processes running `inspectorate worker` on the workspace; asked to stop (SIGTERM:
    the current job finishes) when the block ends, killed if they do not within the timeout."""
    argv = [sys.executable, "-c", WORKER_COMMAND, "worker", "--workspace", str(workspace)]
    processes = [subprocess.Popen(argv, stdin=subprocess.DEVNULL) for _ in range(count)]
    try:
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(WORKER_STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
