"""The worker `serve` runs in a thread beside the web server: it runs the jobs queued in the
database, and stops when asked. A thread of its own, so the jobs are committed for it to see."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from inspectorate.web.inspections.vectors import embed_findings
from inspectorate.web.worker import WorkerThread, queue_in_database

pytestmark = pytest.mark.django_db(transaction=True)


def test_jobs_wait_in_the_database_by_default():
    assert queue_in_database()


def test_the_worker_thread_runs_a_queued_job_and_stops_when_asked():
    job = embed_findings.enqueue([])
    finished = threading.Event()

    # Told by the worker, not asked of the database: SQLite's shared in-memory test database refuses
    # a read while another connection writes, where a file would wait.
    def on_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
        if task_result.id == job.id:
            finished.set()

    task_finished.connect(on_finished)
    worker = WorkerThread(interval=0.1).start()
    try:
        assert finished.wait(timeout=30), "the worker did not run the job"
    finally:
        stopped = worker.stop(timeout=10)
        task_finished.disconnect(on_finished)
    assert stopped and not worker.is_alive()
    assert DBTaskResult.objects.get(id=job.id).status == TaskResultStatus.SUCCESSFUL
