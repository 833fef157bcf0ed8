"""The workspace the web app runs on: its database set up (schema, shipped frameworks, reference data)
and its data store of force data returns."""

from __future__ import annotations

from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from inspectorate.core.data.store import DataStore
from inspectorate.core.workspace import data_store_dir


def workspace_is_ready() -> bool:
    return "inspections_inspection" in connection.introspection.table_names()


def prepare_workspace() -> None:
    """Migrate, then load the shipped frameworks and forces. Safe to run again."""
    from inspectorate.web.registry.forces import sync_forces
    from inspectorate.web.registry.frameworks import sync_library

    call_command("migrate", interactive=False, verbosity=0, stdout=StringIO())
    sync_library()
    sync_forces()


def data_store() -> DataStore:
    """The data store of the workspace the web app runs on: the one way every page opens it."""
    return DataStore(data_store_dir(settings.WORKSPACE))
