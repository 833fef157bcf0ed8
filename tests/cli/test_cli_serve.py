"""`inspectorate serve`: the real server on a free port, answering for the demo workspace the installed
console script built (conftest.py's script_demo_workspace)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.demo_references import PUBLISHED as DEMO_PUBLISHED
from support.serving import get

PUBLISHED = set(DEMO_PUBLISHED)


@pytest.fixture(scope="module")
def server(served_demo: str) -> str:
    return served_demo


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
