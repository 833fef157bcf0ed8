"""The demo has an inspection at each stage of an inspection's life, each reached through the recorded
moves of the lifecycle (not set by hand), and each waiting on what its stage waits on."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspectorate.web.inspections.models import Status

pytestmark = pytest.mark.django_db

# Each exercise (demo/exercises.py), its stage, and what holds it there.
EXERCISES = {
    "MPS-EX-PLANNING": ("planning", []),
    "MPS-PEEL-DRAFT": ("fieldwork", ["all-graded", "no-request-outstanding"]),
    "MPS-EX-MODERATION": ("moderation", ["nothing-awaiting-moderation"]),
    "MPS-EX-FACTUAL": ("factual-accuracy", ["all-comments-answered"]),
    "MPS-EX-EMBARGOED": ("embargoed", ["embargo-ended"]),
}
# The moves recorded on the way to each stage.
MOVES = {
    "MPS-EX-PLANNING": [],
    "MPS-EX-MODERATION": [("planning", "fieldwork"), ("fieldwork", "moderation")],
    "MPS-EX-FACTUAL": [
        ("planning", "fieldwork"),
        ("fieldwork", "moderation"),
        ("moderation", "factual-accuracy"),
    ],
    "MPS-EX-EMBARGOED": [
        ("planning", "fieldwork"),
        ("fieldwork", "moderation"),
        ("moderation", "factual-accuracy"),
        ("factual-accuracy", "embargoed"),
    ],
}


def test_every_stage_has_an_inspection_in_the_demo(cli, demo_workspace: Path) -> None:
    listing = cli.batch([("inspections", "list", "--json", "-w", demo_workspace)])[0].json()
    statuses = {row["reference"]: row["status"] for row in listing}
    assert set(statuses.values()) == set(Status.values)
    assert {ref: statuses[ref] for ref in EXERCISES} == {ref: stage for ref, (stage, _) in EXERCISES.items()}


def test_each_exercise_waits_on_what_its_stage_waits_on_and_got_there_by_recorded_moves(
    cli, demo_workspace: Path
) -> None:
    results = cli.batch([("lifecycle", "status", ref, "--json", "-w", demo_workspace) for ref in EXERCISES])
    for reference, result in zip(EXERCISES, results, strict=True):
        status = result.json()
        forward = next((m for m in status["moves"] if not m["back"]), None)
        unmet = [c["condition"] for c in forward["conditions"] if not c["met"]] if forward else []
        assert (status["status"], unmet) == EXERCISES[reference], reference
        if reference in MOVES:
            moved = [(m["from_status"], m["to_status"]) for m in status["log"]]
            assert moved == MOVES[reference], reference
