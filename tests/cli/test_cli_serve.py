"""`inspectorate serve`: the real server on a free port, answering for the demo workspace the installed
console script built (conftest.py's script_demo_workspace)."""

from __future__ import annotations

import json
import socket
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.serving import wait_until_answering

PUBLISHED = {"MPS-BA-2006", "MPS-CORE-2014", "MPS-PEEL-2015", "MPS-PEEL-2018", "MPS-PEEL-2021"}
STARTUP_TIMEOUT = 30.0


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


@pytest.fixture(scope="module")
def server(script, script_demo_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("w") as out:
        process = script.popen("serve", "--workspace", script_demo_workspace, "--port", str(port), log=out)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(process, log, lambda: get(f"{base}/")[0], STARTUP_TIMEOUT)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_serve_lists_published_inspections_to_anonymous_visitors_but_not_the_draft(server: str) -> None:
    status, body = get(f"{server}/inspections.json")
    assert status == 200
    listed = {row["reference"]: row for row in json.loads(body)["inspections"]}
    assert set(listed) == PUBLISHED
    assert "MPS-PEEL-DRAFT" not in listed
    assert all(row["status"] == "published" for row in listed.values())


def test_serve_answers_the_pages_and_hides_the_draft(
    server: str, script, script_demo_workspace: Path
) -> None:
    status, body = get(f"{server}/")
    assert status == 200
    assert b"Inspectorate" in body

    result = script("inspections", "list", "--json", "--workspace", script_demo_workspace)
    codes = {row["reference"]: row["code"] for row in result.json()}
    status, body = get(f"{server}/inspections/{codes['MPS-PEEL-2021']}.json")
    assert status == 200
    grades = {row["area"]: row["grade_label"] for row in json.loads(body)["judgments"] if row["grade"]}
    assert grades["responding"] == "Inadequate"
    status, _ = get(f"{server}/inspections/{codes['MPS-PEEL-DRAFT']}")
    assert status == 404
