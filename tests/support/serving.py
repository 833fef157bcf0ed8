"""Serving in the tests: a free port, a plain GET, and waiting for a server a test started as a
process until it answers 200 (or failing the test with its log when it exits or does not answer in
time)."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
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


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
