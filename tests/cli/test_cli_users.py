"""`inspectorate users`: people and their organisations from the command line, with the rules of the
people pages (web/accounts/people.py) and one located error line for each mistake.

Run in the test process, on the test's own database (a new workspace, as `init` makes it).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings: Any) -> None:
    """Passwords hashed and checked with the fastest hasher: what is tested is who sets them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def workspace(own_cli: Any, tmp_path: Path) -> Path:
    path = tmp_path / "ws"
    assert own_cli("init", "-w", path).returncode == 0
    return path


def _password_file(tmp_path: Path, text: str, name: str = "password.txt") -> Path:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _shown_password(stdout: str) -> str:
    found = re.search(r"\(shown only now\): (\S+)", stdout)
    assert found, stdout
    return found.group(1)


def test_people_are_added_listed_and_changed(own_cli: Any, workspace: Path, tmp_path: Path) -> None:
    from auditlog.models import LogEntry
    from django.contrib.auth.models import User

    from inspectorate.web.accounts.roles import force_of, is_inspectorate, policing_body_of

    secret = _password_file(tmp_path, "a long enough secret")
    ada = ("--name", "Ada Lead", "--email", "ada@example.org")
    kit = ("--name", "Kit Kent", "--email", "kit@example.org", "--job-title", "Liaison officer")
    mo = ("--name", "Mo Pac", "--email", "mo@example.org")
    added = own_cli.batch(
        [
            (
                "users",
                "add",
                "lead1",
                *ada,
                "--inspectorate",
                "--staff",
                "--password-file",
                secret,
                "-w",
                workspace,
            ),
            ("users", "add", "kent-liaison", *kit, "--force", "kent", "-w", workspace),
            ("users", "add", "mopac", *mo, "--policing-body", "metropolitan", "-w", workspace),
        ]
    )
    assert [r.returncode for r in added] == [0, 0, 0], added
    assert (
        "Added lead1 (HM Inspectorate of Constabulary and Fire & Rescue Services, staff)." in added[0].stdout
    )
    assert "shown only now" not in added[0].stdout
    assert "Added mopac (Mayor's Office for Policing and Crime)." in added[2].stdout
    lead, liaison, mopac = (User.objects.get(username=u) for u in ("lead1", "kent-liaison", "mopac"))
    assert lead.check_password("a long enough secret") and lead.is_staff and is_inspectorate(lead)
    assert liaison.check_password(_shown_password(added[1].stdout))
    assert (force_of(liaison), policing_body_of(mopac)) == ("kent", "metropolitan")

    listed = own_cli("users", "list", "--json", "-w", workspace)
    assert listed.returncode == 0, listed
    rows = {row["username"]: row for row in listed.json()}
    assert rows["kent-liaison"]["organisation"] == "Kent Police"
    assert rows["kent-liaison"]["job_title"] == "Liaison officer"
    assert (rows["mopac"]["body"], rows["mopac"]["force"]) == ("local-policing-body", "metropolitan")
    table = own_cli("users", "list", "-w", workspace)
    assert "kent-liaison" in table.stdout and "Kit Kent" in table.stdout

    changed = own_cli.batch(
        [
            ("users", "set", "kent-liaison", "--policing-body", "kent", "--body-name", "Kent PCC office",
             "-w", workspace),
            ("users", "set", "mopac", "--deactivate", "-w", workspace),
            ("users", "set", "lead1", "--new-password", "--no-staff", "-w", workspace),
        ]
    )  # fmt: skip
    assert [r.returncode for r in changed] == [0, 0, 0], changed
    assert "Saved kent-liaison (Kent PCC office)." in changed[0].stdout
    assert "deactivated" in changed[1].stdout
    liaison, mopac, lead = (User.objects.get(username=u) for u in ("kent-liaison", "mopac", "lead1"))
    assert (policing_body_of(liaison), force_of(liaison)) == ("kent", None)
    assert liaison.affiliation.job_title == "Liaison officer"  # kept: not given
    assert not mopac.is_active
    assert lead.check_password(_shown_password(changed[2].stdout)) and not lead.is_staff
    # Every change is in the audit trail, and a password only as changed.
    entry = LogEntry.objects.get_for_object(liaison.affiliation).latest("timestamp")
    assert entry.changes_dict["body"] == ["force", "local-policing-body"]
    assert LogEntry.objects.get_for_object(mopac).latest("timestamp").changes_dict == {
        "is_active": ["True", "False"]
    }
    lead_changes = LogEntry.objects.get_for_object(lead).latest("timestamp").changes_dict
    assert lead_changes["password"] == ["(hidden)", "(hidden)"]
    assert own_cli("users", "set", "mopac", "--reactivate", "-w", workspace).returncode == 0
    assert User.objects.get(username="mopac").is_active


def test_mistakes_are_one_located_error_line(
    own_cli: Any, workspace: Path, tmp_path: Path, one_error_line: Any
) -> None:
    from django.contrib.auth.models import User

    weak = _password_file(tmp_path, "abc", "weak.txt")
    person = ("--name", "Pat Doe", "--email", "pat@example.org")
    assert own_cli("users", "add", "pat", *person, "--force", "kent", "-w", workspace).returncode == 0
    add = ("users", "add", "sam", *person)
    us = ("--inspectorate",)
    cases = [
        ((*add, "--force", "atlantis"), "--force: No force 'atlantis'"),
        ((*add, "--policing-body", "atlantis"), "--policing-body: No force 'atlantis'"),
        (("users", "add", "PAT", *person, *us), "USERNAME: There is already someone with the username"),
        ((*add, *us, "--password-file", weak), "--password-file: This password is too short"),
        ((*add, *us, "--password-file", tmp_path / "none"), "--password-file: no such file"),
        (add, "give one of --inspectorate, --force ID and --policing-body ID"),
        ((*add, *us, "--force", "kent"), "give only one of"),
        (("users", "add", "sam", "--name", "Sam", "--email", "nope", *us), "--email: 'nope' is not an email"),
        (("users", "add", "new", *person, *us), "USERNAME: 'new' is kept for a page's address"),
        (("users", "set", "nobody"), "USERNAME: nobody has the username 'nobody'"),
        (("users", "set", "pat", "--deactivate", "--reactivate"), "give only one of --deactivate and"),
        (("users", "set", "pat", "--password-file", weak), "--password-file: This password is too short"),
        (("users", "set", "pat", "--force", "atlantis"), "--force: No force 'atlantis'"),
    ]
    results = own_cli.batch([(*args, "-w", workspace) for args, _ in cases])
    for (_, fragment), result in zip(cases, results, strict=True):
        one_error_line(result, fragment)
    assert set(User.objects.values_list("username", flat=True)) == {"pat"}
    assert User.objects.get(username="pat").affiliation.force_id == "kent"


def test_moving_someone_says_which_places_no_longer_count(own_cli: Any, workspace: Path) -> None:
    from django.contrib.auth.models import User

    from inspectorate.web.inspections.models import Inspection, TeamMember, TeamRole

    lead = User.objects.create_user("lead1")
    inspection = Inspection.objects.create(
        reference="KENT-MOVE", title="T", force_id="kent", framework_id="peel-2021", status="planning"
    )
    TeamMember.objects.create(inspection=inspection, user=lead, role=TeamRole.LEAD)
    moved = own_cli(
        "users", "set", "lead1", "--force", "kent", "--email", "l@example.org", "--name", "L", "-w", workspace
    )
    assert moved.returncode == 0, moved
    assert "These places of lead1 no longer count, and are kept on record" in moved.stdout
    assert "on the team of KENT-MOVE (lead inspector): no longer of the inspectorate" in moved.stdout
    back = own_cli("users", "set", "lead1", "--inspectorate", "-w", workspace)
    assert back.returncode == 0 and "no longer count" not in back.stdout
    assert inspection.team.filter(user=lead).exists()  # kept, not removed
