"""`inspectorate inspections create`, `team`, `appoint`, `remove` and `invite`: setting an inspection up
from the command line, with the rules of the team page (web/inspections/setup.py) and one located
error line for each mistake.

Run in the test process, on the test's own database (a new workspace, as `init` makes it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from support.cli import assert_one_error_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def workspace(own_cli: Any, tmp_path: Path) -> Path:
    from django.contrib.auth.models import User

    from inspectorate.web.accounts.models import ForceAffiliation

    path = tmp_path / "ws"
    assert own_cli("init", "-w", path).returncode == 0
    for name in ("lead1", "inspector1"):
        User.objects.create_user(name)
    for name, body, force in (
        ("kent-liaison", "force", "kent"),
        ("kent-pcc", "local-policing-body", "kent"),
        ("met-liaison", "force", "metropolitan"),
    ):
        ForceAffiliation.objects.create(user=User.objects.create_user(name), body=body, force_id=force)
    return path


CREATE = (
    "inspections", "create", "--force", "kent", "--framework", "peel-2021", "--title",
    "PEEL 2025: Kent Police", "--lead", "lead1",
)  # fmt: skip


def test_an_inspection_is_started_its_team_appointed_and_contacts_invited(
    own_cli: Any, workspace: Path
) -> None:
    from auditlog.models import LogEntry

    from inspectorate.web.inspections.models import Inspection

    w = ("-w", workspace)
    period = ("--period-label", "2025/26", "--period-start", "2025-04-01", "--period-end", "2026-03-31")
    made = own_cli(*CREATE, "--reference", "KENT-2025", *period, "--as", "inspector1", "--json", *w)
    assert made.returncode == 0, made
    assert (made.json()["reference"], made.json()["status"], made.json()["origin"]) == (
        "KENT-2025",
        "planning",
        "run-here",
    )
    results = own_cli.batch(
        [
            ("inspections", "appoint", "KENT-2025", "inspector1", "inspector", "--as", "lead1", *w),
            ("inspections", "appoint", "KENT-2025", "lead1", "moderator", *w),  # the only lead
            ("inspections", "invite", "KENT-2025", "kent-liaison", "--role", "liaison", "--as", "lead1", *w),
            ("inspections", "invite", "KENT-2025", "kent-pcc", "--role", "local-policing-body", *w),
            ("inspections", "team", "KENT-2025", "--json", *w),
            ("inspections", "team", "KENT-2025", *w),
        ]
    )
    assert [r.returncode for r in results] == [0, 1, 0, 0, 0, 0], results
    team = results[4].json()
    assert [(p["username"], p["role"]) for p in team["team"]] == [
        ("lead1", "lead"),
        ("inspector1", "inspector"),
    ]
    assert [(p["username"], p["role"], p["invited_by"]) for p in team["contacts"]] == [
        ("kent-liaison", "liaison", "lead1"),
        ("kent-pcc", "local-policing-body", None),
    ]
    assert "Force liaison" in results[5].stdout and "Kent Police" in results[5].stdout
    inspection = Inspection.objects.get(reference="KENT-2025")
    actors = {
        (e.content_type.model, e.actor.username if e.actor else None)
        for e in LogEntry.objects.filter(additional_data__inspection=str(inspection.code))
    }
    assert actors == {
        ("inspection", "inspector1"),
        ("teammember", "inspector1"),
        ("teammember", "lead1"),
        ("inspectioncontact", "lead1"),
        ("inspectioncontact", None),
    }
    removed = own_cli.batch(
        [
            ("inspections", "remove", "KENT-2025", "kent-pcc", *w),
            ("inspections", "remove", "KENT-2025", "inspector1", *w),
            ("inspections", "remove", "KENT-2025", "lead1", *w),
        ]
    )
    assert [r.returncode for r in removed] == [0, 0, 1]
    assert_one_error_line(removed[2], "KENT-2025: user: lead1 is the only lead")
    assert dict(inspection.team.values_list("user__username", "role")) == {"lead1": "lead"}
    assert list(inspection.contacts.values_list("user__username", flat=True)) == ["kent-liaison"]


def test_a_blank_reference_is_made_from_the_force_and_the_framework(own_cli: Any, workspace: Path) -> None:
    made = own_cli.batch([(*CREATE, "--json", "-w", workspace)] * 2)
    assert [result.json()["reference"] for result in made] == ["KENT-PEEL-2021", "KENT-PEEL-2021-2"]


def test_each_mistake_is_one_located_line(own_cli: Any, workspace: Path) -> None:
    w = ("-w", workspace)
    assert own_cli(*CREATE, "--reference", "KENT-TAKEN", *w).returncode == 0
    cases = [
        ((*CREATE[:3], "nowhere", *CREATE[4:]), "--force: no force 'nowhere'"),
        ((*CREATE[:5], "peel-1999", *CREATE[6:]), "--framework: no framework version 'peel-1999'"),
        ((*CREATE, "--reference", "kent-taken"), "--reference: kent-taken is taken by another inspection"),
        (
            (*CREATE, "--period-start", "2025-04-01", "--period-end", "2025-03-31"),
            "--period-end: the period ends",
        ),
        ((*CREATE, "--period-start", "2025-04-01"), "--period-end: give both the start and the end"),
        ((*CREATE, "--period-start", "1 April"), "--period-start: '1 April' is not a date"),
        ((*CREATE[:-1], "nobody"), "--lead: no user 'nobody'"),
        ((*CREATE[:-1], "kent-liaison"), "--lead: kent-liaison is not of the inspectorate"),
        ((*CREATE, "--as", "kent-liaison"), "--as: kent-liaison is not of the inspectorate"),
        (("inspections", "appoint", "KENT-TAKEN", "nobody", "inspector"), "USERNAME: no user 'nobody'"),
        (("inspections", "appoint", "KENT-TAKEN", "inspector1", "boss"), "role: no role 'boss'"),
        (
            ("inspections", "appoint", "KENT-TAKEN", "kent-liaison", "analyst"),
            "kent-liaison is not of the insp",
        ),
        (
            ("inspections", "appoint", "KENT-TAKEN", "inspector1", "analyst", "--as", "inspector1"),
            "may not change",
        ),
        (("inspections", "appoint", "NOPE", "inspector1", "analyst"), "no inspection 'NOPE'"),
        (
            ("inspections", "invite", "KENT-TAKEN", "met-liaison", "--role", "liaison"),
            "does not work for Kent Police",
        ),
        (
            ("inspections", "invite", "KENT-TAKEN", "kent-liaison", "--role", "local-policing-body"),
            "is not of Kent",
        ),
        (("inspections", "invite", "KENT-TAKEN", "kent-pcc", "--role", "pcc"), "role: no contact role 'pcc'"),
        (
            ("inspections", "remove", "KENT-TAKEN", "inspector1"),
            "inspector1 is not on the team of KENT-TAKEN",
        ),
    ]
    results = own_cli.batch([(*args, *w) for args, _ in cases])
    for result, (_, fragment) in zip(results, cases, strict=True):
        assert_one_error_line(result, fragment)


def test_a_published_inspections_team_no_longer_changes(own_cli: Any, workspace: Path) -> None:
    import datetime

    from django.utils import timezone

    from inspectorate.web.inspections.models import Inspection
    from inspectorate.web.reports.publishing import publish_record

    assert own_cli(*CREATE, "--reference", "KENT-DONE", "-w", workspace).returncode == 0
    publish_record(
        Inspection.objects.get(reference="KENT-DONE"), timezone.now() + datetime.timedelta(days=1), ""
    )
    result = own_cli("inspections", "appoint", "KENT-DONE", "inspector1", "analyst", "-w", workspace)
    assert_one_error_line(result, "KENT-DONE is published: its team and contacts are those of the record")


def test_appointing_someone_appointed_a_moment_ago_is_one_line(
    own_cli: Any, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inspectorate.web.inspections import setup

    w = ("-w", workspace)
    assert own_cli(*CREATE, "--reference", "KENT-TWICE", *w).returncode == 0
    assert own_cli("inspections", "appoint", "KENT-TWICE", "inspector1", "analyst", *w).returncode == 0
    # As if the other command's appointment was made after this one looked.
    monkeypatch.setattr(setup, "_member", lambda inspection, user: None)
    result = own_cli("inspections", "appoint", "KENT-TWICE", "inspector1", "analyst", *w)
    assert_one_error_line(result, "KENT-TWICE: role: inspector1 is already analyst")


def test_the_team_says_which_places_no_longer_count(own_cli: Any, workspace: Path) -> None:
    from inspectorate.web.accounts.models import ForceAffiliation

    w = ("-w", workspace)
    assert own_cli(*CREATE, "--reference", "KENT-MOVED", *w).returncode == 0
    done = own_cli.batch(
        [
            ("inspections", "appoint", "KENT-MOVED", "inspector1", "analyst", *w),
            ("inspections", "invite", "KENT-MOVED", "kent-liaison", "--role", "liaison", *w),
        ]
    )
    assert [result.returncode for result in done] == [0, 0]
    ForceAffiliation.objects.filter(user__username="kent-liaison").update(force_id="metropolitan")
    team = own_cli("inspections", "team", "KENT-MOVED", "--json", *w).json()
    lapsed = {p["username"]: p["lapsed"] for p in [*team["team"], *team["contacts"]]}
    assert lapsed == {"lead1": None, "inspector1": None, "kent-liaison": "no longer of the inspected force"}
    shown = own_cli("inspections", "team", "KENT-MOVED", *w)
    assert "does not count" in shown.stdout and "no longer of the" in shown.stdout
