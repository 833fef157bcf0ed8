"""Opening a workspace: point Django at it, and check it has been set up."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from inspectorate.core.problems import InputError
from inspectorate.core.workspace import ENV_VAR, keep_private, secret_key_file, workspace_dir


def open_workspace(given: Path | None, *, create: bool = False) -> Path:
    """Set Django up on this workspace; with create, make it (migrated, library and forces loaded)."""
    path = workspace_dir(given)
    if create:
        path.mkdir(parents=True, exist_ok=True)
    elif not path.is_dir():
        raise InputError(f"no workspace at {path}: run `inspectorate init` or `inspectorate demo` first")
    keep_private(path)
    key_file = secret_key_file(path)
    if create and not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    start_django(path)
    from inspectorate.web.workspace import prepare_workspace, workspace_is_ready

    if create:
        prepare_workspace()
    elif not workspace_is_ready():
        raise InputError(f"workspace {path} has no database yet: run `inspectorate init` first")
    return path


def start_django(path: Path) -> None:
    """Set Django up on the workspace at ``path``, without touching its database."""
    os.environ[ENV_VAR] = str(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspectorate.web.settings")
    import django

    django.setup()
