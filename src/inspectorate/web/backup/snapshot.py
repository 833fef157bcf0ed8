"""`inspectorate backup`: the workspace's database and files, as they are while the app runs, into a
new folder with a manifest of hashes.

The database is snapshotted first, then the files: a file (an audit's frame) is always written
before the record that names it is committed, so every file the snapshot names is there, and at
worst the backup holds a frame of an audit made a moment after the snapshot, which nothing names.
"""

from __future__ import annotations

import secrets
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from inspectorate import __version__
from inspectorate.core.backup.manifest import (
    DatabaseKind,
    DatabaseSnapshot,
    Manifest,
    Progress,
    list_files,
    write_manifest,
)
from inspectorate.core.backup.sqlite import snapshot_sqlite
from inspectorate.core.backup.workspace_files import copy_workspace_files
from inspectorate.core.problems import InputError
from inspectorate.web.backup import postgres

SNAPSHOT_FILES = {DatabaseKind.SQLITE: "database.sqlite3", DatabaseKind.POSTGRESQL: "database.pgdump"}


def make_backup(workspace: Path, output: Path, progress: Progress | None = None) -> Manifest:
    """Back ``workspace`` up into the new folder ``output``; written beside it first and renamed at
    the end, so that a folder of that name is always a whole backup."""
    report = progress or (lambda _step, _done, _total: None)
    _check_output(workspace, output)
    staging = output.parent / f".{output.name}.partial-{secrets.token_hex(4)}"
    staging.mkdir(mode=0o700)
    try:
        report("database", 0, 1)
        database = snapshot_database(staging)
        report("database", 1, 1)
        copy_workspace_files(workspace, staging, report)
        manifest = Manifest(
            app_version=__version__,
            created_at=datetime.now(UTC),
            workspace=str(workspace),
            database=database,
            files=list_files(staging, report),
        )
        write_manifest(staging, manifest)
        if output.exists():
            output.rmdir()
        staging.rename(output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def _check_output(workspace: Path, output: Path) -> None:
    if output.resolve().is_relative_to(workspace.resolve()):
        raise InputError(f"{output}: a backup goes outside the workspace it copies ({workspace})")
    if not output.parent.is_dir():
        raise InputError(f"{output}: no folder {output.parent} to write the backup in")
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise InputError(f"{output}: already exists and is not an empty folder; back up into a new one")


def snapshot_database(folder: Path) -> DatabaseSnapshot:
    """The app's database, as one committed state, into ``folder``."""
    connection.ensure_connection()
    applied = MigrationRecorder(connection).applied_migrations()
    migrations = tuple(sorted(f"{app}.{name}" for app, name in applied))
    if connection.vendor == "sqlite":
        kind = DatabaseKind.SQLITE
        source = connection.connection
        assert isinstance(source, sqlite3.Connection)
        snapshot_sqlite(source, folder / SNAPSHOT_FILES[kind])
    elif connection.vendor == "postgresql":
        kind = DatabaseKind.POSTGRESQL
        postgres.dump(connection.settings_dict, folder / SNAPSHOT_FILES[kind])
    else:
        raise InputError(f"a {connection.vendor} database cannot be backed up: use SQLite or PostgreSQL")
    return DatabaseSnapshot(kind=kind, file=SNAPSHOT_FILES[kind], migrations=migrations)
