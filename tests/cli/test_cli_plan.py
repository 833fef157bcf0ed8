"""`inspectorate plan`: requests, answers (a data return loaded as `data load` loads it), decisions
and activities, acting as a user, with the rules of the plan's pages; run in the test process on the
test database and a workspace folder of its own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User

from inspectorate.core.workspace import data_store_dir, files_dir
from inspectorate.web.accounts.models import ForceAffiliation
from inspectorate.web.inspections.models import (
    ContactRole,
    Inspection,
    InspectionContact,
    Status,
    TeamMember,
    TeamRole,
)
from inspectorate.web.plan.models import Activity, ForceRequest, RequestAnswer
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library

pytestmark = pytest.mark.django_db

HEADER = "call_id,channel,received_at,answered_at,abandoned\n"
GOOD = HEADER + "A,999,2021-02-01 10:00:00,,false\n"
BAD_DATE = HEADER + "A,999,2021-02-01 10:00:00,,false\nB,999,2021-02-30 10:00:00,,false\n"


@pytest.fixture
def setting(tmp_path: Path) -> dict[str, Any]:
    sync_library()
    sync_forces()
    inspection = Inspection.objects.create(
        reference="MPS-PLAN",
        title="Plan test",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
    )
    users = {name: User.objects.create_user(name) for name in ("lead", "moderator", "liaison", "stranger")}
    TeamMember.objects.create(inspection=inspection, user=users["lead"], role=TeamRole.LEAD)
    TeamMember.objects.create(inspection=inspection, user=users["moderator"], role=TeamRole.REVIEWER)
    # The liaison works for the inspected force: an invitation counts only while they do.
    ForceAffiliation.objects.create(user=users["liaison"], force_id="metropolitan")
    InspectionContact.objects.create(inspection=inspection, user=users["liaison"], role=ContactRole.LIAISON)
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    return {"inspection": inspection, "workspace": workspace, "users": users, "folder": tmp_path}


def _request(own_cli: Any, workspace: Path, *more: str) -> str:
    result = own_cli(
        "plan", "request", "MPS-PLAN", "--kind", "data-return", "--title", "Calls", "--due", "2099-01-31",
        "--as", "lead", "-w", workspace, *more,
    )  # fmt: skip
    assert result.returncode == 0, result
    return result.stdout.split()[1].rstrip(":")


def test_a_request_answered_loaded_and_accepted(own_cli, setting):
    workspace = setting["workspace"]
    code = _request(own_cli, workspace)
    good = setting["folder"] / "calls.csv"
    good.write_text(GOOD)
    result = own_cli("plan", "answer", "MPS-PLAN", code[:8], good, "--as", "liaison", "-w", workspace)
    assert result.returncode == 0, result
    answer = RequestAnswer.objects.get()
    assert result.stdout.splitlines() == [
        "loaded 1 rows from calls.csv into metropolitan/return (2021-02..2021-02)",
        f"answer {answer.code} (`inspectorate plan file MPS-PLAN {str(answer.code)[:8]} -o FILE`)",
    ]
    assert (files_dir(workspace) / answer.sha256[:2] / answer.sha256).read_text() == GOOD
    assert own_cli("plan", "accept", "MPS-PLAN", code, "--as", "lead", "-w", workspace).returncode == 0
    shown = own_cli("plan", "show", "MPS-PLAN", "--json", "-w", workspace)
    assert [r["status"] for r in json.loads(shown.stdout)["requests"]] == ["accepted"]
    actors = {(e.content_type.model, e.actor.username) for e in LogEntry.objects.filter(actor__isnull=False)}
    assert {("forcerequest", "lead"), ("requestanswer", "liaison"), ("requestanswer", "lead")} <= actors


def test_a_broken_return_prints_what_data_load_prints_and_stores_nothing(own_cli, plain_cli, setting):
    workspace = setting["workspace"]
    code = _request(own_cli, workspace)
    bad = setting["folder"] / "calls.csv"
    bad.write_text(BAD_DATE)
    result = own_cli("plan", "answer", "MPS-PLAN", code, bad, "--as", "liaison", "-w", workspace)
    other = setting["folder"] / "other"
    other.mkdir()
    loaded = plain_cli("data", "load", bad, "--force", "metropolitan", "-w", other)
    assert result.returncode == loaded.returncode == 1, result
    assert (
        result.error_lines
        == loaded.error_lines
        == [
            "error: calls.csv:3: received_at: '2021-02-30 10:00:00' is not a date and time "
            "(YYYY-MM-DD HH:MM:SS) (nothing was loaded)"
        ]
    )
    assert not (data_store_dir(workspace) / "catalog.json").exists()
    assert [path for path in files_dir(workspace).rglob("*") if path.is_file()] == []
    assert RequestAnswer.objects.get().outcome == "refused"


def test_returning_needs_a_note_and_asks_again(own_cli, setting):
    workspace = setting["workspace"]
    code = _request(own_cli, workspace, "--detail", "February")
    doc = setting["folder"] / "calls.csv"
    doc.write_text(GOOD)
    own_cli("plan", "answer", "MPS-PLAN", code, doc, "--as", "liaison", "-w", workspace)
    result = own_cli("plan", "return", "MPS-PLAN", code, "--as", "lead", "-w", workspace)
    assert (result.returncode, result.error_lines) == (1, ["error: note: enter note"])
    result = own_cli(
        "plan", "return", "MPS-PLAN", code, "--note", "March too", "--as", "lead", "-w", workspace
    )
    assert result.returncode == 0, result
    assert ForceRequest.objects.get().answers.get().decision == "returned"


def test_activities_are_added_with_their_areas(own_cli, setting):
    workspace = setting["workspace"]
    args = (
        "plan",
        "activity",
        "MPS-PLAN",
        "--kind",
        "interview",
        "--title",
        "Chief constable",
        "--on",
        "2099-02-01",
    )
    result = own_cli(*args, "--place", "HQ", "--area", "prevention", "--as", "lead", "-w", workspace)
    assert result.returncode == 0, result
    assert Activity.objects.get().area_ids == ["prevention"]
    result = own_cli(*args, "--area", "nowhere", "--as", "lead", "-w", workspace)
    assert result.returncode == 1 and result.error_lines[0].startswith(
        "error: area: 'nowhere' not in peel-2021"
    ), result


USERS_LIST = "see `inspectorate users list`"


@pytest.mark.parametrize(
    ("user", "command", "message"),
    [
        ("moderator", "request", "error: moderator may read the plan of MPS-PLAN but not change it"),
        ("liaison", "request", "error: liaison may read the plan of MPS-PLAN but not change it"),
        ("stranger", "request", "error: no inspection 'MPS-PLAN' for stranger"),
        ("nobody", "request", f"error: --as: no user 'nobody' in this workspace ({USERS_LIST})"),
    ],
)
def test_who_may_act_is_who_may_on_the_site(own_cli, setting, user, command, message):
    result = own_cli(
        "plan", command, "MPS-PLAN", "--kind", "document", "--title", "T", "--due", "2099-01-01",
        "--as", user, "-w", setting["workspace"],
    )  # fmt: skip
    assert (result.returncode, result.error_lines) == (1, [message]), result
    assert not ForceRequest.objects.exists()


def test_a_plan_past_fieldwork_is_closed(own_cli, setting):
    Inspection.objects.filter(pk=setting["inspection"].pk).update(status=Status.MODERATION)
    result = own_cli(
        "plan", "request", "MPS-PLAN", "--kind", "document", "--title", "T", "--due", "2099-01-01",
        "--as", "lead", "-w", setting["workspace"],
    )  # fmt: skip
    assert result.returncode == 1
    assert result.error_lines == [
        "error: MPS-PLAN is at moderation: its plan is made and answered during planning and fieldwork only"
    ]


def test_a_bad_date_is_one_line(own_cli, setting):
    result = own_cli(
        "plan", "request", "MPS-PLAN", "--kind", "document", "--title", "T", "--due", "31/01/2099",
        "--as", "lead", "-w", setting["workspace"],
    )  # fmt: skip
    assert result.error_lines == ["error: --due: '31/01/2099' is not a date (YYYY-MM-DD)"]


@pytest.mark.parametrize(
    ("more", "message"),
    [
        (("--due", "1990-01-01"), "error: due date: 1 January 1990 is in the past; a request is due today ("),
        (
            ("--due", "2099-01-01", "--title", "T" * 201),
            "error: title: at most 200 characters (this one has 201)",
        ),
        (
            ("--due", "2099-01-01", "--detail", "D" * 5001),
            "error: detail: at most 5,000 characters (this one has 5,001)",
        ),
    ],
)
def test_the_forms_checks_hold_at_the_command_line(own_cli, setting, more, message):
    args = ["plan", "request", "MPS-PLAN", "--kind", "document", "--title", "T", *more]
    result = own_cli(*args, "--as", "lead", "-w", setting["workspace"])
    assert result.returncode == 1 and len(result.error_lines) == 1, result
    assert result.error_lines[0].startswith(message), result
    assert not ForceRequest.objects.exists()


def test_an_empty_or_unknown_file_is_refused_and_nothing_kept(own_cli, setting):
    workspace = setting["workspace"]
    code = _request(own_cli, workspace)
    for name, text, message in (
        ("empty.csv", "", "error: file: empty.csv is empty"),
        ("calls.xlsx", GOOD, "error: file: calls.xlsx: a data return is a .csv or .parquet file"),
    ):
        path = setting["folder"] / name
        path.write_text(text)
        result = own_cli("plan", "answer", "MPS-PLAN", code, path, "--as", "liaison", "-w", workspace)
        assert (result.returncode, result.error_lines) == (1, [message]), result
    assert not RequestAnswer.objects.exists()
    assert not files_dir(workspace).exists()


def test_a_file_sent_is_written_out_by_its_answers_code(own_cli, setting):
    workspace = setting["workspace"]
    code = _request(own_cli, workspace)
    good = setting["folder"] / "calls.csv"
    good.write_text(GOOD)
    assert (
        own_cli("plan", "answer", "MPS-PLAN", code, good, "--as", "liaison", "-w", workspace).returncode == 0
    )
    answer = RequestAnswer.objects.get()
    out = setting["folder"] / "copy.csv"
    result = own_cli("plan", "file", "MPS-PLAN", str(answer.code)[:8], "-o", out, "-w", workspace)
    assert result.returncode == 0, result
    assert out.read_text() == GOOD
    unknown = own_cli("plan", "file", "MPS-PLAN", "ffffffff", "-o", out, "-w", workspace)
    assert unknown.error_lines == ["error: no file sent in answer 'ffffffff' in MPS-PLAN"]
