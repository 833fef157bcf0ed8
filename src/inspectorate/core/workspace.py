"""Where a workspace lives: --workspace, else INSPECTORATE_HOME, else ./inspectorate-data."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "INSPECTORATE_HOME"
DEFAULT_DIR = "inspectorate-data"


def workspace_dir(given: str | os.PathLike[str] | None = None) -> Path:
    if given:
        return Path(given).expanduser().resolve()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return (Path.cwd() / DEFAULT_DIR).resolve()


def database_file(workspace: Path) -> Path:
    return workspace / "inspectorate.sqlite3"


def secret_key_file(workspace: Path) -> Path:
    return workspace / "secret-key"


def data_store_dir(workspace: Path) -> Path:
    """The Parquet files and catalog of the workspace's data returns."""
    return workspace / "data"


def audits_dir(workspace: Path) -> Path:
    """The sampling frames of crime data integrity audits, one Parquet file per audit."""
    return workspace / "audits"


def files_dir(workspace: Path) -> Path:
    """Files people upload and the platform keeps (evidence, the force's answers to requests), each
    stored once under its SHA-256."""
    return workspace / "files"


PRIVATE_UMASK = 0o077


def keep_private(workspace: Path) -> None:
    """Make the workspace its owner's alone: from now on (the process's umask, for every file and
    folder it makes), and what is there already (nothing left for the group or others: a file 0600,
    a folder 0700).

    It holds the database, the secret key that signs sessions and the forces' data returns; a
    workspace made before this, or copied in, may have been readable by every user of the machine."""
    os.umask(PRIVATE_UMASK)
    if not workspace.is_dir():
        return
    _tighten(workspace)
    for folder, subfolders, files in os.walk(workspace):
        for name in (*subfolders, *files):
            _tighten(Path(folder) / name)


def _tighten(path: Path) -> None:
    """Take away what others than the owner may do with it."""
    if path.is_symlink():
        return  # what a link points to is not the workspace's to change
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        path.chmod(mode & 0o700)
