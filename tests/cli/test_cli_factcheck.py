"""`inspectorate factcheck show|comment|answer`: the factual-accuracy check from the command line,
under the same rules as its pages (web/factcheck/checking.py), on the test's own database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User

from inspectorate.web.accounts.models import ForceAffiliation
from inspectorate.web.factcheck.checking import add_comment
from inspectorate.web.factcheck.models import Answer, Comment
from inspectorate.web.inspections.models import (
    ContactRole,
    Inspection,
    InspectionContact,
    Status,
    TeamMember,
    TeamRole,
)
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def check(tmp_path: Path) -> dict[str, Any]:
    sync_library()
    sync_forces()
    inspection = Inspection.objects.create(
        reference="MPS-FA",
        title="At the check",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FACTUAL_ACCURACY,
    )
    lead, liaison, moderator = (User.objects.create_user(n) for n in ("lead", "liaison", "moderator"))
    TeamMember.objects.create(inspection=inspection, user=lead, role=TeamRole.LEAD)
    TeamMember.objects.create(inspection=inspection, user=moderator, role=TeamRole.REVIEWER)
    # A liaison is of the inspected force (web/accounts/roles.py).
    ForceAffiliation.objects.create(user=liaison, force_id="metropolitan", job_title="Liaison officer")
    InspectionContact.objects.create(inspection=inspection, user=liaison, role=ContactRole.LIAISON)
    finding = save_finding(inspection, kind="area-for-improvement", area_ids=["investigating"], text="Thin.")
    return {"inspection": inspection, "finding": finding, "workspace": tmp_path, "users": (lead, liaison)}


def test_the_liaison_comments_the_team_answers_and_the_log_shows_both(own_cli, check):
    w = check["workspace"]
    on = f"finding:{check['finding'].code}"
    made = own_cli(
        "factcheck", "comment", "MPS-FA", "--on", on, "--text", "Not thin.", "--as", "liaison", "-w", w
    )
    assert made.returncode == 0, made
    comment = Comment.objects.get()
    assert (comment.target_kind, comment.quoted) == ("finding", "Thin.")
    code = str(comment.code)
    answered = own_cli(
        "factcheck",
        "answer",
        "MPS-FA",
        code[:8],
        "--not-accepted",
        "--reason",
        "It is.",
        "--as",
        "lead",
        "-w",
        w,
    )
    assert answered.returncode == 0, answered
    assert Answer.objects.get().answered_by == check["users"][0]
    shown = own_cli("factcheck", "show", "MPS-FA", "--json", "-w", w).json()
    assert shown["unanswered"] == 0
    assert shown["comments"][0]["answer"]["reason"] == "It is."
    assert shown["comments"][0]["target"] == on
    actors = {e.actor for e in LogEntry.objects.filter(additional_data__comment=code)}
    assert actors == set(check["users"])
    table = own_cli("factcheck", "show", "MPS-FA", "-w", w)
    assert table.returncode == 0 and "Not thin." in table.stdout


def test_mistakes_and_refusals_are_one_line_each(own_cli, check, one_error_line):
    w = check["workspace"]
    args = ("factcheck", "comment", "MPS-FA", "--text", "T", "-w", w)
    one_error_line(own_cli(*args, "--on", "general", "--as", "lead"), "only the force's liaison")
    one_error_line(own_cli(*args, "--on", "chapter:1", "--as", "liaison"), "names no part of the report")
    one_error_line(own_cli(*args, "--on", "figure:3", "--as", "liaison"), "no figure '3'")
    one_error_line(own_cli(*args, "--on", "general", "--as", "nobody"), "--as: no user 'nobody'")
    one_error_line(own_cli("factcheck", "show", "NO-SUCH", "-w", w), "no inspection 'NO-SUCH'")
    assert own_cli(*args, "--on", "general", "--as", "liaison").returncode == 0
    code = str(Comment.objects.get().code)
    answer = ("factcheck", "answer", "MPS-FA", code, "-w", w)
    one_error_line(own_cli(*answer, "--as", "lead"), "give one of --accepted")
    one_error_line(own_cli(*answer, "--accepted", "--as", "lead"), "say what was amended")
    one_error_line(own_cli(*answer, "--accepted", "--reason", "R", "--as", "lead"), "--reason goes with")
    one_error_line(
        own_cli(*answer, "--accepted", "--amendment", "A", "--as", "moderator"), "only the inspection's team"
    )
    one_error_line(
        own_cli(*answer, "--accepted", "--amendment", "A", "--as", "liaison"), "only the inspection's team"
    )
    one_error_line(
        own_cli(
            "factcheck", "answer", "MPS-FA", "zzz", "--accepted", "--amendment", "A", "--as", "lead", "-w", w
        ),
        "no comment",
    )
    assert own_cli(*answer, "--accepted", "--amendment", "A", "--as", "lead").returncode == 0
    one_error_line(own_cli(*answer, "--accepted", "--amendment", "B", "--as", "lead"), "answered already")


def test_no_comments_once_the_check_is_over(own_cli, check, one_error_line):
    Inspection.objects.filter(pk=check["inspection"].pk).update(status=Status.EMBARGOED)
    result = own_cli(
        "factcheck",
        "comment",
        "MPS-FA",
        "--on",
        "general",
        "--text",
        "T",
        "--as",
        "liaison",
        "-w",
        check["workspace"],
    )
    one_error_line(result, "not at the factual-accuracy check")


@pytest.mark.parametrize(
    ("status", "state"),
    [(Status.FIELDWORK, "not started"), (Status.FACTUAL_ACCURACY, "open"), (Status.EMBARGOED, "closed")],
)
def test_show_says_whether_the_check_has_started_is_open_or_closed(own_cli, check, status, state):
    Inspection.objects.filter(pk=check["inspection"].pk).update(status=status)
    shown = own_cli("factcheck", "show", "MPS-FA", "-w", check["workspace"])
    assert shown.returncode == 0, shown
    assert f"factual-accuracy check ({state}):" in " ".join(shown.stdout.split())
    document = own_cli("factcheck", "show", "MPS-FA", "--json", "-w", check["workspace"]).json()
    assert document["state"] == state.replace(" ", "-")


def test_show_says_in_words_what_each_comment_is_on(own_cli, check):
    inspection, liaison = check["inspection"], check["users"][1]
    add_comment(inspection, liaison, "area:investigating", "Wrong grade.")
    add_comment(inspection, liaison, "general", "Dates.")
    title = inspection.spec.area("investigating").title
    document = own_cli("factcheck", "show", "MPS-FA", "--json", "-w", check["workspace"]).json()
    assert [c["on"] for c in document["comments"]] == [f"Judgment: {title}", "The report as a whole"]
    table = " ".join(own_cli("factcheck", "show", "MPS-FA", "-w", check["workspace"]).stdout.split())
    assert "The report as a whole" in table and "On general" not in table
    assert "Judgment:" in table
