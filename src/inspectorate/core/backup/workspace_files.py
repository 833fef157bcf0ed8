"""The workspace's own files in a backup: copied while no data load can change the store, and put
back into a new workspace.

The database is not among them: a copy of a live SQLite file can catch a write half made, so it is
snapshotted through SQLite's backup API instead (``sqlite.py``), or by pg_dump.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from inspectorate.core.backup.paths import inside
from inspectorate.core.data.store import DataStore
from inspectorate.core.problems import InputError
from inspectorate.core.workspace import audits_dir, data_store_dir, database_file, secret_key_file

Progress = Callable[[str, int, int], None]
# The workspace's files go under this folder of the backup, beside the manifest and the database.
FILES_FOLDER = "workspace"
# SQLite's companions of a database file: copied with it they would be replayed onto the snapshot.
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
# What a load or an audit leaves only while it runs: a staged file, the store's lock.
UNFINISHED_SUFFIXES = (".partial", ".tmp")


def database_files(workspace: Path) -> list[Path]:
    database = database_file(workspace)
    return [database, *(database.with_name(database.name + suffix) for suffix in SQLITE_COMPANIONS)]


def files_to_copy(workspace: Path) -> list[Path]:
    """Every regular file of the workspace but its database and what a running job leaves."""
    store = data_store_dir(workspace)
    left_out = {*database_files(workspace), store / "lock"}
    found = []
    for path in sorted(workspace.rglob("*")):
        if path.is_symlink() or not path.is_file() or path in left_out:
            continue
        if path.name.endswith(UNFINISHED_SUFFIXES) or path.is_relative_to(store / "staging"):
            continue
        found.append(path)
    return found


def copy_workspace_files(workspace: Path, backup: Path, progress: Progress | None = None) -> int:
    """Copy the workspace's files into ``backup/workspace``; the count copied.

    The data store's lock is held throughout, so that a load or a removal waits, and the catalog and
    the Parquet files it names are copied as one state."""
    report = progress or (lambda _step, _done, _total: None)
    target = backup / FILES_FOLDER
    target.mkdir(mode=0o700)
    with DataStore(data_store_dir(workspace)).frozen():
        paths = files_to_copy(workspace)
        for number, path in enumerate(paths):
            report("copying workspace files", number, len(paths))
            copy = target / path.relative_to(workspace)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
    report("copying workspace files", len(paths), len(paths))
    return len(paths)


def workspace_parts(workspace: Path) -> list[Path]:
    """What a restore replaces in a workspace that is not empty (with --force): its database, its
    key, its data store and its audits' frames."""
    return [
        *database_files(workspace),
        secret_key_file(workspace),
        data_store_dir(workspace),
        audits_dir(workspace),
    ]


def clear_workspace_parts(workspace: Path, also: list[str]) -> None:
    """Remove the workspace's parts and the top-level names the backup will put back."""
    for path in [*workspace_parts(workspace), *(workspace / name for name in also)]:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def restore_workspace_files(
    backup: Path, relative_paths: list[str], workspace: Path, progress: Progress | None = None
) -> int:
    """Copy the backup's workspace files (paths as the manifest lists them) into ``workspace``."""
    report = progress or (lambda _step, _done, _total: None)
    prefix = f"{FILES_FOLDER}/"
    for number, listed in enumerate(relative_paths):
        report("restoring workspace files", number, len(relative_paths))
        source = inside(backup, listed)
        target = inside(workspace, listed.removeprefix(prefix))
        if source is None or target is None or not listed.startswith(prefix):
            raise InputError(f"{backup}: {listed}: not a workspace file of this backup")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    report("restoring workspace files", len(relative_paths), len(relative_paths))
    return len(relative_paths)
