"""`inspectorate lifecycle`: where an inspection stands and its moves, as the progress page shows them;
a move made as a user, refused in one error line listing every condition not met.

Run in the test process (see conftest.py), each test on its own empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry

from support.cli import assert_one_error_line

pytestmark = pytest.mark.django_db

REF = "MPS-LIFECYCLE"


@pytest.fixture
def workspace(own_cli: Any, tmp_path: Path) -> Path:
    """A workspace with an inspection at fieldwork (its lead 'lena', its moderator 'moira', an
    inspector 'ivan'), graded on one area of ten, and a staff member 'sam'."""
    from django.contrib.auth.models import User

    from inspectorate.web.inspections.models import Inspection, Status, TeamMember, TeamRole
    from inspectorate.web.inspections.recording import record_judgment

    path = tmp_path / "ws"
    assert own_cli("init", "-w", path).returncode == 0
    lena, moira, ivan = (User.objects.create_user(name) for name in ("lena", "moira", "ivan"))
    User.objects.create_user("sam", is_staff=True)
    inspection = Inspection.objects.create(
        reference=REF,
        title="Lifecycle",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
    )
    TeamMember.objects.create(inspection=inspection, user=lena, role=TeamRole.LEAD)
    TeamMember.objects.create(inspection=inspection, user=moira, role=TeamRole.REVIEWER)
    TeamMember.objects.create(inspection=inspection, user=ivan, role=TeamRole.INSPECTOR)
    record_judgment(inspection, "prevention", grade="good")
    return path


def test_status_shows_the_stage_the_moves_and_their_conditions(own_cli, workspace):
    result = own_cli("lifecycle", "status", REF, "--json", "--as", "lena", "-w", workspace)
    assert result.returncode == 0, result
    data = result.json()
    assert data["status"] == "fieldwork"
    forward = data["moves"][0]
    assert (forward["to_status"], forward["yours"], forward["ready"]) == ("moderation", True, False)
    unmet = [c["unmet"] for c in forward["conditions"] if not c["met"]]
    assert unmet == ["9 areas to be graded have no grade yet."]
    shown = own_cli("lifecycle", "status", REF, "-w", workspace)
    assert shown.returncode == 0, shown
    assert "Fieldwork" in shown.stdout and "9 areas to be graded have no grade yet." in shown.stdout


def test_a_move_with_conditions_unmet_is_one_error_line_listing_them(own_cli, workspace):
    result = own_cli("lifecycle", "move", REF, "moderation", "--as", "lena", "-w", workspace)
    assert_one_error_line(
        result, f"{REF} not moved to moderation:", "9 areas to be graded have no grade yet."
    )


def test_a_move_back_needs_its_reason_and_is_recorded_with_it(own_cli, workspace):
    refused = own_cli("lifecycle", "move", REF, "planning", "--as", "lena", "-w", workspace)
    assert_one_error_line(refused, "A move back needs its reason.")
    moved = own_cli(
        "lifecycle", "move", REF, "planning", "--reason", "The scope changed", "--as", "lena", "-w", workspace
    )
    assert moved.returncode == 0, moved
    assert f"{REF}: moved from fieldwork to planning" in moved.stdout
    log = own_cli("lifecycle", "status", REF, "--json", "-w", workspace).json()["log"]
    assert [(m["from_status"], m["to_status"], m["by"], m["reason"]) for m in log] == [
        ("fieldwork", "planning", "lena", "The scope changed")
    ]
    entry = LogEntry.objects.filter(content_type__model="statusmove").get()
    assert entry.actor.username == "lena"


def test_only_those_whose_move_it_is_may_make_it(own_cli, workspace):
    result = own_cli(
        "lifecycle", "move", REF, "planning", "--reason", "Why not", "--as", "ivan", "-w", workspace
    )
    assert_one_error_line(result, "Only the inspection's lead or staff may make this move.")
    staff = own_cli(
        "lifecycle", "move", REF, "planning", "--reason", "Replan", "--as", "sam", "-w", workspace
    )
    assert staff.returncode == 0, staff


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("lifecycle", "move", "NO-SUCH", "moderation", "--as", "lena"), "no inspection 'NO-SUCH'"),
        (("lifecycle", "move", REF, "done", "--as", "lena"), "no stage 'done': choose one of planning"),
        (("lifecycle", "move", REF, "moderation", "--as", "nobody"), "--as: no user 'nobody'"),
        (("lifecycle", "move", REF, "published", "--as", "sam"), "no move from fieldwork to published"),
        (("lifecycle", "move", REF, "fieldwork", "--as", "sam"), "is already at fieldwork"),
    ],
)
def test_mistakes_are_one_error_line(own_cli, workspace, args, fragment):
    assert_one_error_line(own_cli(*args, "-w", workspace), fragment)
