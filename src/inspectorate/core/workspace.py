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
