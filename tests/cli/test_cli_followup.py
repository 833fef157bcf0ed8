"""`inspectorate followup`: an inspection's followed findings, their details, the force's updates
with files and the inspectorate's verdicts, acting as a user, with the rules of the follow-up's pages;
run in the test process on the test database and a workspace folder of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from inspectorate.core.workspace import files_dir
from inspectorate.web.followup.models import FollowUp, FollowUpdate, UpdateFile
from inspectorate.web.registry.forces import sync_forces
from inspectorate.web.registry.frameworks import sync_library
from support.followup import CONCERN, force_person, person, published_inspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(tmp_path: Path) -> dict[str, Any]:
    sync_library()
    sync_forces()
    users = {
        "lead": person("lead"),
        "moderator": person("moderator"),
        "liaison": force_person("liaison"),
        "officer": force_person("officer"),
        "kent": force_person("kent", "kent"),
    }
    followed = published_inspection("MPS-FOLLOW", lead=users["lead"], moderator=users["moderator"])
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    return {"followed": followed, "workspace": workspace, "users": users, "folder": tmp_path}


def _code(setting: dict[str, Any], key: str) -> str:
    return str(getattr(setting["followed"], key).code)


def test_list_shows_the_followed_findings_as_json_and_a_table(own_cli, setting):
    workspace = setting["workspace"]
    result = own_cli("followup", "list", "MPS-FOLLOW", "--json", "-w", workspace)
    assert result.returncode == 0, result
    data = result.json()
    assert [row["kind"] for row in data["findings"]] == [
        "cause-of-concern",
        "recommendation",
        "area-for-improvement",
    ]
    assert data["findings"][0]["text"] == CONCERN
    table = own_cli("followup", "list", "MPS-FOLLOW", "-w", workspace)
    assert table.returncode == 0 and _code(setting, "concern") in table.stdout


def test_set_update_verdict_and_reopen(own_cli, setting):
    workspace, folder = setting["workspace"], setting["folder"]
    concern = _code(setting, "concern")
    result = own_cli(
        "followup", "set", "MPS-FOLLOW", concern[:8], "--timescale", "within six months",
        "--owner", "officer", "--addressee", "chief-constable", "--as", "lead", "-w", workspace,
    )  # fmt: skip
    assert result.returncode == 0, result
    assert result.stdout.strip() == f"details set: {concern} addressed to chief-constable, due 2022-07-31"
    evidence = folder / "audit.csv"
    evidence.write_text("month,crimes\n2022-03,10\n")
    result = own_cli(
        "followup", "update", "MPS-FOLLOW", concern[:8], "--text", "Audit done", "--file", evidence,
        "--status", "ready-for-review", "--as", "liaison", "-w", workspace,
    )  # fmt: skip
    assert result.returncode == 0, result
    kept = UpdateFile.objects.get()
    assert (files_dir(workspace) / kept.sha256[:2] / kept.sha256).read_text() == "month,crimes\n2022-03,10\n"
    result = own_cli(
        "followup", "verdict", "MPS-FOLLOW", concern, "--verdict", "partly-met", "--reasons", "Half done",
        "--as", "lead", "-w", workspace,
    )  # fmt: skip
    assert result.returncode == 0 and result.stdout.strip() == f"verdict on {concern}: partly-met", result
    result = own_cli(
        "followup",
        "reopen",
        "MPS-FOLLOW",
        concern,
        "--reasons",
        "More to do",
        "--as",
        "lead",
        "-w",
        workspace,
    )
    assert result.returncode == 0, result
    shown = own_cli("followup", "show", "MPS-FOLLOW", concern, "--json", "-w", workspace).json()
    assert shown["status"] == "reopened" and shown["owner"] == "officer"
    assert [entry["kind"] for entry in shown["log"]] == ["details", "status", "verdict", "reopened"]
    assert shown["log"][1]["files"] == ["audit.csv"]


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (
            ("verdict", "--verdict", "met", "--reasons", "Done", "--as", "liaison"),
            ("liaison may not give verdicts",),
        ),
        (
            ("verdict", "--verdict", "met", "--reasons", "Done", "--as", "moderator"),
            ("moderator may not give verdicts",),
        ),
        (
            ("verdict", "--verdict", "nearly", "--reasons", "Done", "--as", "lead"),
            ("verdict: 'nearly' is not one of",),
        ),
        (("verdict", "--verdict", "met", "--as", "lead"), ("reasons: enter the reasons",)),
        (("update", "--text", "Done", "--as", "lead"), ("lead may not post updates",)),
        (("update", "--text", "Done", "--as", "kent"), ("kent may not post updates",)),
        (("update", "--text", "", "--as", "liaison"), ("text: enter what has been done",)),
        (
            ("update", "--text", "Done", "--status", "met", "--as", "liaison"),
            ("status: only the inspectorate",),
        ),
        (
            ("update", "--text", "Done", "--file", "/no/such.pdf", "--as", "liaison"),
            ("--file: /no/such.pdf: no such file",),
        ),
        (("set", "--timescale", "sometime", "--as", "lead"), ("timescale: cannot read a due date",)),
        (("set", "--owner", "kent", "--as", "lead"), ("owner: kent is not of Metropolitan Police Service",)),
        (("set", "--owner", "officer", "--as", "nobody"), ("--as: no user 'nobody'",)),
        (("reopen", "--reasons", "Why", "--as", "lead"), ("cannot move from open to reopened",)),
    ],
)
def test_refusals_are_one_line_and_change_nothing(own_cli, setting, one_error_line, args, fragments):
    command, *rest = args
    result = own_cli(
        "followup", command, "MPS-FOLLOW", _code(setting, "concern"), *rest, "-w", setting["workspace"]
    )
    one_error_line(result, *fragments)
    assert not FollowUpdate.objects.exists() and not UpdateFile.objects.exists()
    assert FollowUp.objects.get(finding=setting["followed"].concern).status == "open"


def test_a_finding_not_followed_is_named(own_cli, setting, one_error_line):
    strength = _code(setting, "strength")
    result = own_cli("followup", "show", "MPS-FOLLOW", strength, "-w", setting["workspace"])
    one_error_line(result, f"no followed finding {strength!r} in MPS-FOLLOW")


def test_backfill_follows_what_was_published_before(own_cli, setting):
    FollowUp.objects.all().delete()
    result = own_cli("followup", "backfill", "-w", setting["workspace"])
    assert result.returncode == 0 and result.stdout.strip() == "3 findings newly followed", result
    again = own_cli("followup", "backfill", "-w", setting["workspace"])
    assert again.stdout.strip() == "0 findings newly followed"
