"""`inspectorate worker` runs the queued jobs on its own; `serve` runs worker processes beside the web
server and stops them with the server (tests/cli/test_cli_serve_production.py runs the real ones)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import waitress
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from inspectorate.cli import serving
from inspectorate.web.inspections.vectors import embed_findings


# Committed jobs: the library's worker loop closes the database connection whenever it wakes, as a
# service should, which would end a test's transaction.
@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_what_is_queued_then_stops_with_batch(cli, tmp_path: Path) -> None:
    job = embed_findings.enqueue([])
    result = cli("worker", "--batch", "--workspace", tmp_path)
    assert result.returncode == 0, result
    assert DBTaskResult.objects.get(id=job.id).status == TaskResultStatus.SUCCESSFUL


class FakeWorker:
    """A worker process as serve starts it: what it was started with, whether it was asked to stop."""

    started: list[FakeWorker] = []

    def __init__(self, argv: list[str], **options: Any) -> None:
        self.argv, self.returncode = argv, None
        FakeWorker.started.append(self)

    def poll(self) -> int | None:
        return self.returncode

    def terminate(self) -> None:
        self.returncode = -15

    def wait(self, timeout: float | None = None) -> int | None:
        return self.returncode


def test_serve_runs_workers_beside_the_server_and_stops_them_with_the_server(monkeypatch, tmp_path) -> None:
    seen: list[FakeWorker] = []

    def server(application: Any, **options: Any) -> None:
        seen.extend(w for w in FakeWorker.started if w.poll() is None)
        raise KeyboardInterrupt  # Ctrl+C

    FakeWorker.started = []
    monkeypatch.setattr(waitress, "serve", server)
    monkeypatch.setattr(serving.subprocess, "Popen", FakeWorker)
    with pytest.raises(KeyboardInterrupt):
        serving.serve_workspace(tmp_path, "127.0.0.1", 0, workers=2)
    assert len(seen) == 2, "two workers ran while the server did"
    assert all(w.argv[-3:] == ["worker", "--workspace", str(tmp_path)] for w in seen)
    assert all(w.returncode is not None for w in seen), "the workers stopped with the server"
