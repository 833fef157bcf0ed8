"""Waiting for a server a test started as a process: until it answers 200, or fails the test with
its log when it exits or does not answer in time."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest


def wait_until_answering(
    process: subprocess.Popen[bytes], log: Path, status_of_home: Callable[[], int], timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            pytest.fail(f"serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            status: int | None = status_of_home()
        except OSError:
            status = None
        if status == 200:
            return
        if time.monotonic() > deadline:
            pytest.fail(f"serve did not answer 200 on / within {timeout} s:\n{log.read_text()}")
        time.sleep(0.2)
