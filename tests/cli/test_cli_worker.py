"""`inspectorate worker` runs the queued jobs on its own; `serve` runs a worker beside the web server
and stops it with the server."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import waitress
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from inspectorate.cli import demo as demo_cli
from inspectorate.web.inspections.vectors import embed_findings


# Committed jobs: the library's worker loop closes the database connection whenever it wakes, as a
# service should, which would end a test's transaction.
@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_what_is_queued_then_stops_with_batch(cli, tmp_path: Path) -> None:
    job = embed_findings.enqueue([])
    result = cli("worker", "--batch", "--workspace", tmp_path)
    assert result.returncode == 0, result
    assert DBTaskResult.objects.get(id=job.id).status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True)
def test_serve_runs_a_worker_beside_the_server_and_stops_it_with_the_server(monkeypatch) -> None:
    seen: list[threading.Thread] = []

    def server(application: Any, **options: Any) -> None:
        seen.extend(t for t in threading.enumerate() if t.name == "inspectorate-worker" and t.is_alive())
        raise KeyboardInterrupt  # Ctrl+C

    monkeypatch.setattr(waitress, "serve", server)
    with pytest.raises(KeyboardInterrupt):
        demo_cli._serve("127.0.0.1", 0)
    assert len(seen) == 1, "one worker ran while the server did"
    assert not seen[0].is_alive(), "the worker stopped with the server"
