"""`inspectorate responses`: the national list (and its overdue filter), a report's response, and
recording the response and its statements acting as a user, with the rules of the responses' pages;
run in the test process on the test database and a workspace folder of its own."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.utils import timezone

from inspectorate.web.accounts.models import Body, ForceAffiliation
from inspectorate.web.inspections.models import Inspection, Status
from inspectorate.web.inspections.recording import save_finding
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from inspectorate.web.reports.publishing import publish_as_published
from inspectorate.web.responses.models import LocalResponse, ResponseStatement
from support.cli import assert_one_error_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(tmp_path: Path) -> dict[str, Any]:
    """A report run here and published 60 days ago, with a recommendation and a strength; someone of
    the Metropolitan Police Service's local policing body, and someone of Kent's."""
    sync_library()
    sync_forces()
    published = timezone.localdate() - datetime.timedelta(days=60)
    inspection = Inspection.objects.create(
        reference="MPS-RESPONSE",
        title="Response test",
        force_id="metropolitan",
        framework_id="peel-2021",
        status=Status.PUBLISHED,
        published_on=published,
    )
    concern = save_finding(inspection, kind="cause-of-concern", area_ids=["responding"], text="Slow calls.")
    findings = {
        "recommendation": save_finding(
            inspection, kind="recommendation", area_ids=["responding"], text="Answer faster.", parent=concern
        ),
        "strength": save_finding(inspection, kind="strength", area_ids=["prevention"], text="Good patrols."),
    }
    publish_as_published(inspection)
    draft = Inspection.objects.create(
        reference="MPS-DRAFT", title="Draft", force_id="metropolitan", framework_id="peel-2021"
    )
    for name, force in (("mopac", "metropolitan"), ("kent-pcc", "kent")):
        user = User.objects.create_user(name)
        ForceAffiliation.objects.create(user=user, body=Body.LOCAL_POLICING_BODY, force_id=force)
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    return {"inspection": inspection, "draft": draft, "findings": findings, "workspace": workspace}


def test_the_list_flags_the_overdue_response_and_filters_on_it(own_cli, setting):
    workspace = setting["workspace"]
    listed = own_cli("responses", "list", "--json", "-w", workspace)
    assert listed.returncode == 0, listed
    rows = json.loads(listed.stdout)["reports"]
    assert [(r["reference"], r["standing"], r["days"]) for r in rows] == [("MPS-RESPONSE", "overdue", 5)]
    table = own_cli("responses", "list", "--overdue", "-w", workspace)
    assert "OVERDUE by 5 days" in table.stdout
    assert "1 overdue on" in table.stdout


def test_the_body_records_its_response_and_a_statement(own_cli, setting):
    workspace, inspection = setting["workspace"], setting["inspection"]
    day = timezone.localdate().isoformat()
    recorded = own_cli(
        "responses", "record", "MPS-RESPONSE", "--on", day, "--address", "https://example.org/r",
        "--summary", "Accepted in full.", "--as", "mopac", "-w", workspace,
    )  # fmt: skip
    assert recorded.returncode == 0, recorded
    assert recorded.stdout.strip() == f"response to MPS-RESPONSE recorded: published {day}"
    code = str(setting["findings"]["recommendation"].code)
    said = own_cli(
        "responses", "statement", "MPS-RESPONSE", code[:8], "--stance", "partly-accepted",
        "--statement", "More call handlers.", "--as", "mopac", "-w", workspace,
    )  # fmt: skip
    assert said.returncode == 0, said
    assert said.stdout.strip() == f"statement on {code[:8]} recorded: partly accepted"
    shown = json.loads(own_cli("responses", "show", "MPS-RESPONSE", "--json", "-w", workspace).stdout)
    assert (shown["report"]["standing"], shown["report"]["days"]) == ("responded-late", 5)
    assert [(s["kind"], s["stance"]) for s in shown["statements"]] == [
        ("cause-of-concern", None),
        ("recommendation", "partly-accepted"),
    ]
    response = LocalResponse.objects.get(inspection=inspection)
    actors = {(e.content_type.model, e.actor.username) for e in LogEntry.objects.filter(actor__isnull=False)}
    assert {("localresponse", "mopac"), ("responsestatement", "mopac")} <= actors
    assert response.recorded_by is not None


def test_another_force_s_body_may_not_record_and_nothing_is_written(own_cli, setting):
    result = own_cli(
        "responses", "record", "MPS-RESPONSE", "--on", timezone.localdate().isoformat(),
        "--address", "https://example.org/r", "--summary", "No.", "--as", "kent-pcc",
        "-w", setting["workspace"],
    )  # fmt: skip
    assert_one_error_line(result, "kent-pcc may not record the response to MPS-RESPONSE")
    assert not LocalResponse.objects.exists()


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("show", "MPS-DRAFT"), ("MPS-DRAFT is not published",)),
        (
            ("record", "MPS-RESPONSE", "--on", "2099-01-01", "--address", "https://e.org", "--summary", "x"),
            ("Date published: 2099-01-01 is in the future",),
        ),
        (
            ("record", "MPS-RESPONSE", "--on", "today", "--address", "https://e.org", "--summary", "x"),
            ("--on: 'today' is not a date",),
        ),
        (
            ("record", "MPS-RESPONSE", "--on", "TODAY", "--address", "e.org", "--summary", "x"),
            ("Address: give the web address",),
        ),
    ],
)
def test_bad_input_is_one_line_naming_what_was_wrong(own_cli, setting, args, fragments):
    as_user = () if args[0] == "show" else ("--as", "mopac")
    args = tuple(timezone.localdate().isoformat() if a == "TODAY" else a for a in args)
    result = own_cli("responses", *args, *as_user, "-w", setting["workspace"])
    assert_one_error_line(result, *fragments)
    assert not LocalResponse.objects.exists()


def test_a_statement_on_a_strength_is_refused(own_cli, setting):
    workspace = setting["workspace"]
    own_cli(
        "responses", "record", "MPS-RESPONSE", "--on", timezone.localdate().isoformat(),
        "--address", "https://example.org/r", "--summary", "Accepted.", "--as", "mopac", "-w", workspace,
    )  # fmt: skip
    code = str(setting["findings"]["strength"].code)
    result = own_cli(
        "responses", "statement", "MPS-RESPONSE", code, "--stance", "accepted", "--statement", "Yes.",
        "--as", "mopac", "-w", workspace,
    )  # fmt: skip
    assert_one_error_line(result, "is not a cause of concern, recommendation or area for improvement")
    assert not ResponseStatement.objects.exists()
