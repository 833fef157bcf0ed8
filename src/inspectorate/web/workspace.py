"""Setting a workspace's database up: schema, shipped frameworks and reference data."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.db import connection


def workspace_is_ready() -> bool:
    return "inspections_inspection" in connection.introspection.table_names()


def prepare_workspace() -> None:
    """Migrate, then load the shipped frameworks and forces. Safe to run again."""
    from inspectorate.web.registry.forces import sync_forces
    from inspectorate.web.registry.frameworks import sync_library

    call_command("migrate", interactive=False, verbosity=0, stdout=StringIO())
    sync_library()
    sync_forces()
