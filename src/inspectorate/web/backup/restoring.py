"""`inspectorate restore`: a backup put into a new workspace (and, on PostgreSQL, a database).

Nothing is saved through Django's models: the SQLite file is copied and pg_restore loads the rows,
so no model signal fires and the audit log holds exactly the entries it held when the backup was
made. The backup's hashes are checked before anything is written.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url

from inspectorate.core.backup.manifest import DatabaseKind, Manifest, Progress, check_backup
from inspectorate.core.backup.paths import inside
from inspectorate.core.backup.workspace_files import (
    FILES_FOLDER,
    clear_workspace_parts,
    restore_workspace_files,
)
from inspectorate.core.problems import InputError, ProblemsError
from inspectorate.core.workspace import database_file
from inspectorate.web.backup import postgres


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    files: int
    # Migrations this version has that the backup's schema has not: `inspectorate init` applies them.
    behind: tuple[str, ...]


def restore_backup(
    folder: Path,
    workspace: Path,
    *,
    database_url: str | None,
    replace: bool = False,
    progress: Progress | None = None,
) -> Restored:
    """Restore the backup in ``folder`` into ``workspace`` and, when ``database_url`` names a
    PostgreSQL database, into that database; ``replace`` allows a target that is not empty."""
    manifest, problems = check_backup(folder, progress)
    if problems:
        raise ProblemsError(problems)
    database = _target_database(manifest, database_url)
    behind = _check_migrations(folder, manifest)
    if workspace.exists() and not workspace.is_dir():
        raise InputError(f"{workspace}: not a folder to restore a workspace into")
    if workspace.is_dir() and any(workspace.iterdir()) and not replace:
        raise InputError(
            f"{workspace}: not empty; restore into a new workspace, or give --force to replace it"
        )
    if database is not None and not replace and not postgres.is_empty(database):
        raise InputError(
            f"database {database['NAME']}: not empty; restore into a new database, or give --force to "
            "replace what the backup holds"
        )
    files = [entry.path for entry in manifest.files_under(FILES_FOLDER)]
    workspace.mkdir(mode=0o700, parents=True, exist_ok=True)
    if replace:
        tops = sorted({path.removeprefix(f"{FILES_FOLDER}/").split("/")[0] for path in files})
        clear_workspace_parts(workspace, tops)
    snapshot = inside(folder, manifest.database.file)
    assert snapshot is not None  # check_backup refuses a listed path that leaves the folder
    if database is None:
        _restore_sqlite(snapshot, database_file(workspace))
    else:
        postgres.restore(database, snapshot, replace=replace)
    count = restore_workspace_files(folder, files, workspace, progress)
    return Restored(manifest=manifest, files=count, behind=behind)


def _target_database(manifest: Manifest, database_url: str | None) -> dict[str, Any] | None:
    """Django's settings of the PostgreSQL database to restore into; None for the workspace's SQLite."""
    database = dict(dj_database_url.parse(database_url)) if database_url else None
    on_postgres = database is not None and "postgresql" in str(database.get("ENGINE", ""))
    kind = manifest.database.kind
    if kind is DatabaseKind.POSTGRESQL and not on_postgres:
        raise InputError(
            "this backup holds a PostgreSQL database: set DATABASE_URL to the (new, empty) database "
            "to restore it into"
        )
    if kind is DatabaseKind.SQLITE and on_postgres:
        raise InputError(
            "this backup holds a SQLite database, and DATABASE_URL names a PostgreSQL one: unset "
            "DATABASE_URL to restore it into the workspace's own SQLite file"
        )
    return database if on_postgres else None


def _check_migrations(folder: Path, manifest: Manifest) -> tuple[str, ...]:
    """Refuse a schema newer than this version's; name the migrations it is behind by."""
    from django.db.migrations.loader import MigrationLoader

    known = {
        f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    }
    taken = set(manifest.database.migrations)
    newer = sorted(taken - known)
    if newer:
        shown = ", ".join(newer[:3]) + (f" and {len(newer) - 3} more" if len(newer) > 3 else "")
        raise InputError(
            f"{folder}: made by a newer version ({manifest.app_version}) whose schema has migrations "
            f"this one lacks ({shown}); restore it with that version"
        )
    return tuple(sorted(known - taken))


def _restore_sqlite(snapshot: Path, target: Path) -> None:
    """Copy the snapshot into place in one step (the target's old journal files are already gone:
    replayed onto the snapshot they would corrupt it)."""
    staged = target.with_name(target.name + ".partial")
    shutil.copyfile(snapshot, staged)
    staged.chmod(0o600)
    os.replace(staged, target)
