"""`inspectorate backup`, `backup-verify` and `restore`: a workspace copied while it runs, checked
against its manifest, and put back into a new workspace."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from inspectorate.cli.options import WorkspaceOption
from inspectorate.cli.progress import progress_bar
from inspectorate.cli.workspace import open_workspace, start_django
from inspectorate.core.problems import InputError, ProblemsError
from inspectorate.core.workspace import keep_private, workspace_dir

BackupFolder = Annotated[
    Path, typer.Argument(metavar="DIR", help="The backup's folder.", file_okay=False, show_default=False)
]


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("backup-verify")(backup_verify)
    app.command("restore")(restore)


def backup(
    output: Annotated[Path, typer.Option("--output", "-o", help="A new folder to write the backup in.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Back a workspace up into a new folder, safely while the app runs: a snapshot of its database
    (SQLite's online backup, or pg_dump when DATABASE_URL is PostgreSQL), its data returns and
    other files, and manifest.json listing every file with its size and SHA-256."""
    path = open_workspace(workspace)
    from inspectorate.web.backup.snapshot import make_backup

    with progress_bar("backup") as progress:
        manifest = make_backup(path, output, progress)
    size = sum(entry.size for entry in manifest.files)
    typer.echo(
        f"backup written: {output} ({manifest.database.kind} database, {len(manifest.files)} files, "
        f"{size:,} bytes)"
    )


def backup_verify(folder: BackupFolder) -> None:
    """Check a backup against its manifest: every file there, of its size and SHA-256, and none
    unlisted. Each problem is one line; the exit status is 1 if there is any."""
    from inspectorate.core.backup.manifest import check_backup

    with progress_bar("verify") as progress:
        manifest, problems = check_backup(folder, progress)
    if problems:
        raise ProblemsError(problems)
    typer.echo(
        f"backup {folder} is sound: {len(manifest.files)} files as listed, {manifest.database.kind} "
        f"database, made {manifest.created_at:%Y-%m-%d %H:%M} UTC by version {manifest.app_version}"
    )


def restore(
    folder: BackupFolder,
    workspace: Annotated[
        Path, typer.Option("--workspace", "-w", help="The workspace to restore into: new, or empty.")
    ],
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace the database and files of a workspace (and database) in use."),
    ] = False,
) -> None:
    """Restore a backup into a new workspace, after checking its hashes. A SQLite backup becomes the
    workspace's database file; a PostgreSQL one is restored into the database DATABASE_URL names,
    which must be empty unless --force. No audit entries are added."""
    path = workspace_dir(workspace)
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: not a folder to restore a workspace into")
    start_django(path)
    from inspectorate.web.backup.restoring import restore_backup

    with progress_bar("restore") as progress:
        restored = restore_backup(
            folder, path, database_url=os.environ.get("DATABASE_URL"), replace=force, progress=progress
        )
    keep_private(path)
    typer.echo(
        f"restored {folder} into {path}: {restored.manifest.database.kind} database, "
        f"{restored.files} workspace files"
    )
    if restored.behind:
        typer.echo(
            f"the backup's schema is {len(restored.behind)} migrations behind: run `inspectorate init`"
        )
