"""`inspectorate monitoring`: list every force's status, show a force's history, and staff record a
placement in Engage and the exit from it. Mistakes are one located error line; the demo records the
Metropolitan Police Service's period in Engage as published.

Run in the test process (see conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from support.cli import assert_one_error_line

pytestmark = pytest.mark.django_db

SOURCE = "https://www.example.org/kent-letter"


@pytest.fixture
def workspace(own_cli: Any, tmp_path: Path) -> Path:
    """A workspace with a staff member 'sam', someone not staff 'lena', and a Kent inspection with a
    cause of concern and a strength."""
    from django.contrib.auth.models import User

    from inspectorate.web.inspections.models import Inspection, Status
    from inspectorate.web.inspections.recording import save_finding

    path = tmp_path / "ws"
    assert own_cli("init", "-w", path).returncode == 0
    User.objects.create_user("sam", is_staff=True)
    User.objects.create_user("lena")
    inspection = Inspection.objects.create(
        reference="KENT-PEEL",
        title="Kent PEEL",
        force_id="kent",
        framework_id="peel-2021",
        status=Status.FIELDWORK,
    )
    save_finding(
        inspection, kind="cause-of-concern", area_ids=["responding"], text="Calls are answered slowly"
    )
    save_finding(inspection, kind="strength", area_ids=["prevention"], text="Prevention is strong")
    return path


def _code(kind: str) -> str:
    from inspectorate.web.inspections.models import Finding

    return str(Finding.objects.get(inspection__reference="KENT-PEEL", kind=kind).code)


def _place(own_cli: Any, workspace: Path, *more: str, on: str = "2023-03-01", user: str = "sam") -> Any:
    return own_cli(
        "monitoring", "place", "kent", "--stage", "Engage", "--on", on,
        "--decision", "HM Chief Inspector of Constabulary", "--reasons", "Calls answered too slowly",
        "--source", SOURCE, "--as", user, "-w", workspace, *more,
    )  # fmt: skip


def test_staff_place_a_force_in_engage_and_record_its_exit(own_cli, workspace):
    placed = _place(own_cli, workspace, "--concern", _code("cause-of-concern"))
    assert placed.returncode == 0, placed
    assert "Kent Police: in Engage from 2023-03-01" in placed.stdout
    listed = own_cli("monitoring", "list", "--json", "-w", workspace).json()
    assert (listed["forces"][0]["force"], listed["forces"][0]["status"], listed["escalated"]) == (
        "kent",
        "Engage",
        1,
    )
    assert len(listed["forces"]) == 43
    left = own_cli(
        "monitoring", "exit", "kent", "--on", "2024-09-30", "--reasons", "Calls now answered in time",
        "--source", SOURCE, "--decision", "HM Chief Inspector of Constabulary", "--as", "sam",
        "-w", workspace,
    )  # fmt: skip
    assert left.returncode == 0, left
    shown = own_cli("monitoring", "show", "kent", "--json", "-w", workspace).json()
    assert shown["status"]["label"] == "Scan" and shown["status"]["since"] == "2024-09-30"
    (period,) = shown["periods"]
    assert (period["started_on"], period["ended_on"], period["exit_reasons"]) == (
        "2023-03-01",
        "2024-09-30",
        "Calls now answered in time",
    )
    # The inspection is not published: its finding is linked, but the public history leaves it out.
    assert period["concerns"] == []
    table = own_cli("monitoring", "show", "kent", "-w", workspace)
    assert (
        "Engage: 2023-03-01 to 2024-09-30" in table.stdout
        and "exit reasons: Calls now answered" in table.stdout
    )
    then = own_cli("monitoring", "list", "--on", "2024-01-01", "--json", "-w", workspace).json()
    assert then["forces"][0]["status"] == "Engage"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--on", "2023-02-30"), "--on: '2023-02-30' is not a date"),
        (("--stage", "Activation"), "--stage: no stage 'Activation'"),
        (("--source", "not an address"), "--source: an address starting https://"),
        (("--reasons", " "), "--reasons: enter them"),
    ],
)
def test_a_bad_placement_is_one_error_line_and_records_nothing(own_cli, workspace, args, message):
    from inspectorate.web.monitoring.models import MonitoringPeriod

    base = ["monitoring", "place", "kent", "--stage", "Engage", "--on", "2023-03-01", "--decision", "HMICFRS"]
    base += ["--reasons", "Calls", "--source", SOURCE, "--as", "sam", "-w", str(workspace)]
    for index in range(0, len(args), 2):
        at = base.index(args[index])
        base[at + 1] = args[index + 1]
    assert_one_error_line(own_cli(*base), message)
    assert not MonitoringPeriod.objects.exists()


def test_overlapping_placements_and_an_exit_before_the_start_are_refused(own_cli, workspace):
    assert _place(own_cli, workspace).returncode == 0
    assert_one_error_line(_place(own_cli, workspace, on="2023-06-01"), "--on: the force is already in Engage")
    early = own_cli(
        "monitoring", "exit", "kent", "--on", "2023-03-01", "--reasons", "x", "--as", "sam", "-w", workspace
    )
    assert_one_error_line(early, "--on: an exit comes after the placement")
    assert (
        own_cli(
            "monitoring",
            "exit",
            "kent",
            "--on",
            "2024-01-01",
            "--reasons",
            "Improved",
            "--as",
            "sam",
            "-w",
            workspace,
        ).returncode
        == 0
    )
    assert_one_error_line(_place(own_cli, workspace, on="2023-12-31"), "periods never overlap")


def test_only_staff_record_and_a_concern_must_be_the_forces_and_of_a_concerning_kind(own_cli, workspace):
    from inspectorate.web.monitoring.models import MonitoringPeriod

    assert_one_error_line(_place(own_cli, workspace, user="lena"), "--as: lena is not staff")
    assert_one_error_line(
        _place(own_cli, workspace, "--concern", _code("strength")), "--concern: ", "is a strength"
    )
    assert_one_error_line(
        _place(own_cli, workspace, "--concern", "00000000-0000-0000-0000-000000000000"),
        "--concern: no finding",
    )
    unknown = own_cli("monitoring", "show", "atlantis", "-w", workspace)
    assert_one_error_line(unknown, "FORCE: no force 'atlantis'")
    assert not MonitoringPeriod.objects.exists()


def test_the_demo_records_the_metropolitan_police_services_period_in_engage(cli, demo_workspace):
    shown = cli("monitoring", "show", "metropolitan", "--json", "-w", demo_workspace).json()
    (period,) = shown["periods"]
    assert (period["stage"], period["started_on"], period["ended_on"]) == (
        "engage",
        "2022-06-28",
        "2025-01-23",
    )
    assert period["source"] == "https://www.bbc.co.uk/news/uk-england-london-61970399"
    assert "Sir Andy Cooke" in period["exit_decision"] and period["exit_source"].startswith("https://")
    # Linked to the 2021/22 report's findings on responding to the public, as it prints them.
    assert period["concerns"] and {c["reference"] for c in period["concerns"]} == {"MPS-PEEL-2021"}
    assert any("answered too slowly" in c["text"] for c in period["concerns"])
    then = cli("monitoring", "list", "--on", "2024-06-01", "--json", "-w", demo_workspace).json()
    assert (then["forces"][0]["force"], then["forces"][0]["status"]) == ("metropolitan", "Engage")
    # Running the demo's step again records nothing more.
    from inspectorate.demo.monitoring import record_monitoring

    assert record_monitoring() == 0
