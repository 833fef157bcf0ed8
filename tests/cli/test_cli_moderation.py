"""`inspectorate moderation`: show an inspection's decisions, agree with a grade or move it with a
reason as its moderator, and a framework version's grades across forces. Mistakes are one located
error line.

Run in the test process (see conftest.py), each test on its own empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry

pytestmark = pytest.mark.django_db

REF = "MPS-MODERATION"


@pytest.fixture
def workspace(own_cli: Any, tmp_path: Path) -> Path:
    """A workspace with an inspection at moderation (its moderator 'moira', its lead 'lena'), graded
    on three areas, and a Kent inspection of the same framework with a grade of its own."""
    from django.contrib.auth.models import User

    from inspectorate.web.inspections.models import Inspection, Status, TeamMember, TeamRole
    from inspectorate.web.inspections.recording import record_judgment

    path = tmp_path / "ws"
    assert own_cli("init", "-w", path).returncode == 0
    lena, moira = User.objects.create_user("lena"), User.objects.create_user("moira")
    User.objects.create_user("sam", is_staff=True)
    for reference, force in ((REF, "metropolitan"), ("KENT-MODERATION", "kent")):
        Inspection.objects.create(
            reference=reference,
            title=reference,
            force_id=force,
            framework_id="peel-2021",
            status=Status.MODERATION,
        )
    inspection = Inspection.objects.get(reference=REF)
    TeamMember.objects.create(inspection=inspection, user=lena, role=TeamRole.LEAD)
    TeamMember.objects.create(inspection=inspection, user=moira, role=TeamRole.REVIEWER)
    for area_id, grade in (
        ("prevention", "good"),
        ("responding", "inadequate"),
        ("investigating", "adequate"),
    ):
        record_judgment(inspection, area_id, grade=grade)
    record_judgment(Inspection.objects.get(reference="KENT-MODERATION"), "responding", grade="good")
    return path


def test_the_moderator_agrees_and_moves_grades_and_show_tells_of_them(own_cli, workspace):
    agreed = own_cli("moderation", "agree", REF, "prevention", "--as", "moira", "-w", workspace)
    assert agreed.returncode == 0, agreed
    assert "agreed, Preventing crime and anti-social behaviour is graded Good" in agreed.stdout
    reason = "The call data shows most emergency calls answered in time"
    moved = own_cli(
        "moderation",
        "change",
        REF,
        "responding",
        "Requires improvement",
        "--reason",
        reason,
        "--as",
        "moira",
        "-w",
        workspace,
    )
    assert moved.returncode == 0, moved
    assert "moderated from Inadequate to Requires improvement" in moved.stdout
    shown = own_cli("moderation", "show", REF, "--json", "-w", workspace)
    assert shown.returncode == 0, shown
    rows = {row["area"]: row for row in shown.json()["areas"]}
    assert (rows["prevention"]["state"], rows["prevention"]["moderator"]) == ("agreed", "moira")
    assert (
        rows["responding"]["state"],
        rows["responding"]["proposed_grade"],
        rows["responding"]["grade"],
    ) == (
        "moderated",
        "inadequate",
        "requires-improvement",
    )
    assert rows["responding"]["reason"] == reason
    assert shown.json()["awaiting"] == 8
    table = own_cli("moderation", "show", REF, "-w", workspace)
    assert "8 of 10 graded areas await a decision" in table.stdout and reason in table.stdout
    # Recorded as the moderator: the grade's change and the decision are theirs in the audit trail.
    from inspectorate.web.inspections.models import Judgment

    judgment = Judgment.objects.get(inspection__reference=REF, area_id="responding")
    assert LogEntry.objects.get_for_object(judgment).latest("timestamp").actor.username == "moira"
    assert LogEntry.objects.filter(content_type__model="decision", actor__username="moira").count() == 2


def test_staff_decide_too(own_cli, workspace):
    result = own_cli("moderation", "agree", REF, "investigating", "--as", "sam", "-w", workspace)
    assert result.returncode == 0, result


def test_across_shows_each_forces_grade_and_what_moved(own_cli, workspace):
    reason = "Against the criteria, as the other forces"
    own_cli(
        "moderation",
        "change",
        REF,
        "responding",
        "adequate",
        "--reason",
        reason,
        "--as",
        "moira",
        "-w",
        workspace,
    )
    result = own_cli("moderation", "across", "peel-2021", "--json", "-w", workspace)
    assert result.returncode == 0, result
    document = result.json()
    assert [i["reference"] for i in document["inspections"]] == ["KENT-MODERATION", REF]  # by force name
    cells = {(c["area"], c["inspection"]): c for c in document["cells"]}
    assert (cells[("responding", REF)]["moved_from"], cells[("responding", REF)]["moved_to"]) == (
        "Inadequate",
        "Adequate",
    )
    assert cells[("responding", "KENT-MODERATION")]["grade_label"] == "Good"
    table = own_cli("moderation", "across", "peel-2021", "-w", workspace)
    assert f"Adequate (from Inadequate: {reason})" in " ".join(table.stdout.split())


MISTAKES = [
    (
        ("agree", REF, "no-such-area", "--as", "moira"),
        "MPS-MODERATION: peel-2021 has no graded area 'no-such-area'",
    ),
    (
        ("change", REF, "responding", "excellent", "--reason", "r", "--as", "moira"),
        "'excellent' is not a grade on",
    ),
    (
        ("change", REF, "responding", "good", "--reason", " ", "--as", "moira"),
        "a moderated grade needs its reason",
    ),
    (("change", REF, "responding", "inadequate", "--reason", "r", "--as", "moira"), "agree with it instead"),
    (("agree", REF, "prevention", "--as", "lena"), "lena is not the moderator of MPS-MODERATION"),
    (("agree", REF, "prevention", "--as", "nobody"), "--as: no user 'nobody'"),
    (("agree", REF, "crime-recording", "--as", "moira"), "the team has proposed no grade yet"),
    (("agree", "MPS-NONE", "prevention", "--as", "moira"), "no inspection 'MPS-NONE'"),
    (("across", "peel-1999"), "no framework 'peel-1999'"),
]


def test_mistakes_are_one_located_error_line(own_cli, workspace, one_error_line):
    for args, fragment in MISTAKES:
        one_error_line(own_cli("moderation", *args, "-w", workspace), fragment)
    from inspectorate.web.moderation.models import Decision

    assert not Decision.objects.exists()


def test_a_decision_waits_for_the_status_of_moderation(own_cli, workspace, one_error_line):
    from inspectorate.web.inspections.models import Inspection, Status

    Inspection.objects.filter(reference=REF).update(status=Status.FIELDWORK)
    result = own_cli("moderation", "agree", REF, "prevention", "--as", "moira", "-w", workspace)
    one_error_line(
        result, "MPS-MODERATION is at fieldwork: its grades are moderated only while it is at moderation"
    )


def test_show_before_moderation_says_it_is_not_yet_at_moderation(own_cli, workspace):
    from inspectorate.web.inspections.models import Inspection, Status

    Inspection.objects.filter(reference=REF).update(status=Status.FIELDWORK)
    shown = own_cli("moderation", "show", REF, "-w", workspace)
    assert shown.returncode == 0, shown
    text = " ".join(shown.stdout.split())
    assert "await a decision" not in text and "awaiting" not in text
    assert (
        "Not yet at moderation: MPS-MODERATION is at fieldwork; 3 of 10 graded areas graded so far." in text
    )
    rows = own_cli("moderation", "show", REF, "--json", "-w", workspace).json()
    assert {row["state"] for row in rows["areas"]} == {"not-yet"} and rows["awaiting"] == 0


def test_a_moderation_into_a_rule_breach_is_warned_of(own_cli, workspace):
    moved = own_cli(
        "moderation", "change", REF, "prevention", "requires-improvement", "--reason", "Seen in the visits",
        "--as", "moira", "-w", workspace,
    )  # fmt: skip
    assert moved.returncode == 0, moved
    assert "moderated from Good to Requires improvement" in moved.stdout
    warning = " ".join(moved.stderr.split())
    assert warning.startswith(
        "warning: Preventing crime and anti-social behaviour graded Requires improvement now breaches "
        "the rule weak-grade-needs-finding:"
    ), moved
    assert "The team must add what the rule asks for" in warning
    shown = own_cli("moderation", "show", REF, "-w", workspace)
    assert "breach: prevention: graded Requires improvement" in " ".join(shown.stdout.split())
    agreed = own_cli("moderation", "agree", REF, "investigating", "--as", "moira", "-w", workspace)
    assert agreed.returncode == 0 and agreed.stderr == "", agreed  # Adequate breaches nothing


def test_a_deactivated_user_is_refused(own_cli, workspace, one_error_line):
    from django.contrib.auth.models import User

    User.objects.filter(username="moira").update(is_active=False)
    result = own_cli("moderation", "agree", REF, "prevention", "--as", "moira", "-w", workspace)
    one_error_line(result, "--as: moira is deactivated")
    from inspectorate.web.moderation.models import Decision

    assert not Decision.objects.exists()
