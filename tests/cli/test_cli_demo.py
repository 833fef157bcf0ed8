"""`inspectorate demo --no-serve`: built once, kept when run again, rebuilt with --reset.

The installed console script, in subprocesses: the demo it builds is what `make demo` gives."""

from __future__ import annotations

from pathlib import Path

from inspectorate.demo.build import DEMO_USERS
from support.demo_references import DRAFT, EXERCISES, PUBLISHED

REFERENCES = {*PUBLISHED, DRAFT, *EXERCISES}


def codes(result) -> dict[str, str]:
    assert result.returncode == 0, result
    return {row["reference"]: row["code"] for row in result.json()}


def test_running_the_demo_again_keeps_the_inspections_and_reset_rebuilds_them(
    script, script_demo_workspace: Path, counts_of_demo
) -> None:
    listing = ("inspections", "list", "--json")
    workspace = script_demo_workspace
    before, again, kept_codes, reset, after = script.batch(
        [
            (*listing, "-w", workspace),
            ("demo", "--no-serve", "--no-seeds", "-w", workspace),
            (*listing, "-w", workspace),
            ("demo", "--no-serve", "--no-seeds", "--reset", "-w", workspace),
            (*listing, "-w", workspace),
        ]
    )
    assert set(codes(before)) == REFERENCES

    assert again.returncode == 0, again
    created, kept = counts_of_demo(again.stdout)
    assert created == 0, again
    assert kept >= 5, again
    assert codes(kept_codes) == codes(before)

    assert reset.returncode == 0, reset
    created, kept = counts_of_demo(reset.stdout)
    assert created >= 5, reset
    assert kept == 0, reset
    rebuilt = codes(after)
    assert set(rebuilt) == REFERENCES
    assert all(rebuilt[ref] != codes(before)[ref] for ref in REFERENCES), "every inspection is made anew"


def test_the_demo_prints_its_workspace_and_every_login(script_demo_build) -> None:
    workspace, result = script_demo_build
    assert f"Demo workspace: {workspace}" in result.stdout
    for user in DEMO_USERS:
        assert user.username in result.stdout
        assert user.password in result.stdout


def test_the_demo_runs_its_findings_embedding_jobs_before_it_returns(
    script, script_demo_workspace: Path
) -> None:
    jobs = script.query(
        script_demo_workspace,
        "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status",
    )
    assert dict(jobs).keys() == {"SUCCESSFUL"}, "no job left waiting, none failed"
    embedded = script.query(script_demo_workspace, "SELECT count(*) FROM inspections_findingvector")[0][0]
    assert embedded > 0
