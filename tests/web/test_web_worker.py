"""Jobs wait in the database by default, for `inspectorate worker` (tests/cli/test_cli_worker.py runs
it, and tests/cli/test_cli_serve_production.py the worker processes `serve` starts)."""

from __future__ import annotations

from inspectorate.web.worker import queue_in_database


def test_jobs_wait_in_the_database_by_default():
    assert queue_in_database()
