"""The background worker: runs the queued jobs (findings' embeddings) so that no request has to.

Jobs are Django tasks (django-tasks, the backport of Django 6's ``django.tasks``), queued in the
database by django-tasks-db: no other server. ``serve`` starts worker processes (``inspectorate
worker``) beside the web server and stops them with it; a deployment may instead run ``inspectorate
worker`` as a service of its own (workers share the queue). With INSPECTORATE_TASKS_REDIS_URL set the
jobs go to Redis and ``inspectorate worker`` runs RQ's worker.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.management import call_command
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from inspectorate.web.inspections.vectors import queue_waiting
from inspectorate.web.reports.renditions import queue_unrendered

# Seconds an idle worker waits before looking for jobs again; also how long stopping it may take.
INTERVAL = 1.0


def queue_left_undone() -> int:
    """Queue what jobs left undone (a job that failed, a worker stopped, a workspace made before
    jobs): findings' embeddings and published reports' PDFs. How many things wait."""
    return queue_waiting() + queue_unrendered()


def queue_in_database() -> bool:
    """Whether jobs wait in the database (the default), for a worker of this project to run."""
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)


def _worker(*, batch: bool, interval: float = INTERVAL) -> Worker:
    return Worker(
        queue_names=[DEFAULT_TASK_QUEUE_NAME],
        interval=interval,
        batch=batch,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id=f"inspectorate-{get_random_string(16)}",
        excluded_queue_names=[],
    )


def run_queued(progress: Callable[[int, int], None] | None = None) -> int:
    """Run every job waiting in the database now, in this thread, one after another (the demo, so
    that its first page is fast; tests); ``progress(done, total)`` after each. How many ran.

    The library's worker loop is not used here: it closes the database connection whenever it wakes,
    which would end a transaction this runs inside (a test's)."""
    ready = DBTaskResult.objects.ready().filter(backend_name=DEFAULT_TASK_BACKEND_ALIAS)
    worker = _worker(batch=True)
    done, total = 0, ready.count()
    while True:
        with exclusive_transaction(ready.db):
            job = ready.get_locked()
            if job is None:
                return done
            job.claim(worker.worker_id)
        worker.run_task(job)
        done += 1
        total = max(total, done)
        if progress is not None:
            progress(done, total)


def run_worker(*, batch: bool = False) -> None:
    """Run jobs in the foreground until stopped (Ctrl+C, SIGTERM), or with ``batch`` until none is
    left: the library's own worker command for the queue configured, after queueing what waits."""
    queue_left_undone()
    if queue_in_database():
        call_command(
            "db_worker",
            queue_name=DEFAULT_TASK_QUEUE_NAME,
            interval=INTERVAL,
            batch=batch,
            reload=False,
            startup_delay=False,
        )
    elif settings.TASKS_REDIS_URL:
        call_command("rqworker", DEFAULT_TASK_QUEUE_NAME, job_class="django_tasks_rq.Job", burst=batch)
    # Any other backend (tests' immediate one) ran the jobs as they were queued.
