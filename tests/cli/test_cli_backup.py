"""`inspectorate backup`, `backup-verify` and `restore`: a workspace with a published inspection and a
data return, backed up, checked and restored into a new workspace (and, on PostgreSQL, a new
database), gives the same rows, the same audit log, the same data store and the same pages.

The records are committed (``transaction=True``): pg_dump reads the database from a process of its
own, which never sees a test's open transaction."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connections
from django.test import Client, override_settings
from django.urls import reverse

from inspectorate.core.data.schema import TABLES
from inspectorate.core.data.store import DataStore
from inspectorate.core.workspace import data_store_dir, database_file
from support.cli import assert_one_error_line

pytestmark = pytest.mark.django_db(transaction=True)

# A small synthetic Metropolitan return (scale, seed) for the `synthetic_workspace` fixture.
SYNTHETIC = (0.002, 15)
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
RESTORE_DATABASE = "inspectorate_restore_test"
# Reading the pages signs the lead in, which stores these in whichever database the pages come from.
SIGN_IN_RECORDS = {"sessions.Session", "axes.AccessLog"}
CSRF_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=|name="csrf-token" content=)"[^"]*"')


def _recorded() -> Any:
    """A published inspection with a judgment, a finding and evidence, its team's lead, and a draft."""
    from inspectorate.web.inspections.models import Inspection, Status, TeamMember, TeamRole
    from inspectorate.web.inspections.recording import record_judgment, save_evidence, save_finding
    from inspectorate.web.registry.forces import sync_forces
    from inspectorate.web.registry.frameworks import sync_library
    from inspectorate.web.reports.publishing import publish_as_published

    sync_library()
    sync_forces()
    lead = User.objects.create_user("lead", email="lead@example.org")
    inspections = {}
    for reference, status in (("MPS-BACKED-UP", Status.FIELDWORK), ("MPS-DRAFT", Status.FIELDWORK)):
        inspection = Inspection.objects.create(
            reference=reference,
            title=f"Inspection {reference}",
            force_id="metropolitan",
            framework_id="peel-2021",
            status=status,
            period_label="2021/22",
        )
        TeamMember.objects.create(inspection=inspection, user=lead, role=TeamRole.LEAD)
        record_judgment(inspection, "responding", grade="inadequate")
        save_finding(
            inspection, kind="cause-of-concern", area_ids=["responding"], text="Calls wait too long."
        )
        save_evidence(inspection, area_ids=["responding"], kind="document", title="Call handling data")
        inspections[reference] = inspection
    publish_as_published(inspections["MPS-BACKED-UP"])
    return inspections["MPS-BACKED-UP"], inspections["MPS-DRAFT"], lead


def _pages(published: Any, draft: Any, lead: User) -> dict[str, bytes]:
    """Pages the public and the lead read, each rendered afresh (no cached copy)."""
    for cache in caches.all():
        cache.clear()
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(lead)
    urls = {
        "grades": (anonymous, reverse("grades")),
        "published reports": (anonymous, reverse("published-reports")),
        "published inspection": (anonymous, reverse("inspection", kwargs={"code": published.code})),
        "published report": (anonymous, reverse("inspection-report", kwargs={"code": published.code})),
        "draft, as its lead": (signed_in, reverse("inspection", kwargs={"code": draft.code})),
    }
    pages = {}
    for name, (client, url) in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        pages[name] = CSRF_TOKEN.sub(b"", response.content)
    return pages


def _rows_per_model() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label not in SIGN_IN_RECORDS
    }


def _store_tables(workspace: Path) -> dict[str, Any]:
    store = DataStore(data_store_dir(workspace))
    counted: dict[str, Any] = {"catalog": store.catalog().model_dump(mode="json")}
    for dataset in store.datasets():
        con = store.connect(dataset)
        try:
            for spec in TABLES:
                counted[f"{dataset.ref}/{spec.name}"] = con.execute(
                    f"SELECT count(*) FROM {spec.name}"
                ).fetchone()
        finally:
            con.close()
    return counted


def _state(workspace: Path, records: tuple[Any, Any, User]) -> dict[str, Any]:
    from auditlog.models import LogEntry

    with override_settings(WORKSPACE=workspace):
        pages = _pages(*records)
        return {
            "audit entries": LogEntry.objects.count(),
            "rows": _rows_per_model(),
            "store": _store_tables(workspace),
            "pages": pages,
        }


@contextmanager
def _database(**changes: Any) -> Iterator[None]:
    """The app's database connection pointed elsewhere (the restored database) for a while."""
    original = connections["default"]
    replacement = original.__class__({**original.settings_dict, **changes}, "default")
    connections["default"] = replacement
    try:
        yield
    finally:
        replacement.close()
        connections["default"] = original


@contextmanager
def _new_postgres_database() -> Iterator[str]:
    """An empty database beside the suite's, for the restore; dropped afterwards."""
    import psycopg
    from psycopg import sql

    server = os.environ["DATABASE_URL"]
    maintenance = urlsplit(server)._replace(path="/postgres").geturl()
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(RESTORE_DATABASE))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(drop)
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(RESTORE_DATABASE)))
    try:
        yield urlsplit(server)._replace(path=f"/{RESTORE_DATABASE}").geturl()
    finally:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(drop)


def _back_up_and_check(cli: Any, workspace: Path, backup: Path) -> dict[str, Any]:
    made = cli("backup", "--workspace", workspace, "--output", backup)
    assert made.returncode == 0, made
    checked = cli("backup-verify", backup)
    assert checked.returncode == 0, checked
    assert "is sound" in checked.stdout
    return json.loads((backup / "manifest.json").read_text())


@pytest.mark.skipif(ON_POSTGRES, reason="the SQLite round trip; the suite runs on PostgreSQL now")
def test_a_sqlite_backup_restores_the_same_rows_audit_log_data_and_pages(cli, synthetic_workspace, tmp_path):
    records = _recorded()
    before = _state(synthetic_workspace, records)
    manifest = _back_up_and_check(cli, synthetic_workspace, tmp_path / "backup")
    assert manifest["database"]["kind"] == "sqlite"
    assert "auditlog.0001_initial" in manifest["database"]["migrations"]
    assert any(entry["path"].startswith("workspace/data/datasets/") for entry in manifest["files"])

    restored = tmp_path / "restored"
    result = cli("restore", tmp_path / "backup", "--workspace", restored)
    assert result.returncode == 0, result

    assert before["store"]["catalog"]["datasets"], "the workspace holds a data return"
    with _database(NAME=str(database_file(restored))):
        after = _state(restored, records)
    assert after["audit entries"] == before["audit entries"]
    assert after["rows"] == before["rows"]
    assert after["store"] == before["store"]
    assert after["pages"] == before["pages"]


@pytest.mark.skipif(
    not ON_POSTGRES, reason="pg_dump and pg_restore need the suite on PostgreSQL (DATABASE_URL)"
)
def test_a_postgres_backup_restores_the_same_rows_audit_log_data_and_pages(
    cli, synthetic_workspace, tmp_path
):
    records = _recorded()
    before = _state(synthetic_workspace, records)
    manifest = _back_up_and_check(cli, synthetic_workspace, tmp_path / "backup")
    assert manifest["database"] == {**manifest["database"], "kind": "postgresql", "file": "database.pgdump"}

    restored = tmp_path / "restored"
    with _new_postgres_database() as url:
        result = cli.with_env(DATABASE_URL=url)("restore", tmp_path / "backup", "--workspace", restored)
        assert result.returncode == 0, result
        again = cli.with_env(DATABASE_URL=url)(
            "restore", tmp_path / "backup", "--workspace", tmp_path / "other"
        )
        assert_one_error_line(again, RESTORE_DATABASE, "not empty", "--force")
        with _database(NAME=RESTORE_DATABASE):
            after = _state(restored, records)
    assert after["audit entries"] == before["audit entries"]
    assert after["rows"] == before["rows"]
    assert after["store"] == before["store"]
    assert after["pages"] == before["pages"]


@pytest.fixture
def backup(cli, synthetic_workspace, tmp_path) -> Path:
    """A backup of the workspace and the (nearly empty) test database."""
    folder = tmp_path / "backup"
    made = cli("backup", "--workspace", synthetic_workspace, "--output", folder)
    assert made.returncode == 0, made
    return folder


def test_verify_names_each_changed_missing_and_unlisted_file_on_a_line_of_its_own(cli, backup):
    catalog = backup / "workspace" / "data" / "catalog.json"
    catalog.write_text(catalog.read_text().replace("metropolitan", "METROPOLITAN"))  # same size
    listed = json.loads((backup / "manifest.json").read_text())["files"]
    batch = backup / next(e["path"] for e in listed if e["path"].startswith("workspace/data/datasets/"))
    batch.unlink()
    (backup / "workspace" / "stray.txt").write_text("not backed up")
    result = cli("backup-verify", backup)
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    assert sorted(result.error_lines) == [
        f"error: {catalog}: its SHA-256 is not the manifest's: the file changed",
        f"error: {batch}: missing",
        f"error: {backup / 'workspace' / 'stray.txt'}: not in the manifest",
    ]
    refused = cli("restore", backup, "--workspace", backup.parent / "restored")
    assert refused.returncode == 1 and not (backup.parent / "restored" / "inspectorate.sqlite3").exists()


def test_a_manifest_path_that_leaves_the_backup_is_refused_before_anything_is_restored(cli, backup, tmp_path):
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["files"][0]["path"] = "../outside.txt"
    (backup / "manifest.json").write_text(json.dumps(manifest))
    result = cli("restore", backup, "--workspace", tmp_path / "restored")
    assert result.returncode == 1, result
    manifest_file = backup / "manifest.json"
    assert f"error: {manifest_file}: files[0].path: '../outside.txt' leaves the backup folder" in (
        result.error_lines
    )
    assert not (tmp_path / "restored").exists()


def test_restore_refuses_a_workspace_in_use_unless_forced_and_then_replaces_it(cli, backup, tmp_path):
    if ON_POSTGRES:
        pytest.skip("on PostgreSQL the restore also needs a database of its own: the round trip covers it")
    target = tmp_path / "in-use"
    (target / "data" / "datasets" / "old").mkdir(parents=True)
    (target / "data" / "datasets" / "old" / "batch.parquet").write_bytes(b"an older return")
    (target / "inspectorate.sqlite3-wal").write_bytes(b"a journal of another database")
    assert_one_error_line(cli("restore", backup, "--workspace", target), str(target), "not empty", "--force")
    forced = cli("restore", backup, "--workspace", target, "--force")
    assert forced.returncode == 0, forced
    assert not (target / "data" / "datasets" / "old").exists()
    assert not (target / "inspectorate.sqlite3-wal").exists()
    assert (target / "data" / "catalog.json").read_bytes() == (
        backup / "workspace/data/catalog.json"
    ).read_bytes()


def test_a_backup_goes_into_a_new_folder_outside_the_workspace(cli, synthetic_workspace, tmp_path):
    inside = cli("backup", "--workspace", synthetic_workspace, "--output", synthetic_workspace / "backup")
    assert_one_error_line(inside, "outside the workspace")
    used = tmp_path / "used"
    used.mkdir()
    (used / "notes.txt").write_text("keep me")
    assert_one_error_line(
        cli("backup", "--workspace", synthetic_workspace, "--output", used), "not an empty folder"
    )
    assert (used / "notes.txt").read_text() == "keep me"


def test_a_backup_of_one_database_kind_is_not_restored_into_the_other(cli, backup, tmp_path):
    other = "postgres://nobody@127.0.0.1:1/none" if not ON_POSTGRES else ""
    result = cli.with_env(DATABASE_URL=other)("restore", backup, "--workspace", tmp_path / "restored")
    kind = "SQLite" if not ON_POSTGRES else "PostgreSQL"
    assert_one_error_line(result, f"this backup holds a {kind} database")
    assert not (tmp_path / "restored" / "inspectorate.sqlite3").exists()
