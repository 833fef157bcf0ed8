"""`inspectorate forces`: the 43 forces, the peer-group template, and importing a filled table (into
the demo, in the test database), run in the test process (see conftest.py).

The peer lists written here are made up to exercise the import; they are not the Home Office groups.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def listed(plain_cli) -> dict[str, Any]:
    """The commands that need no workspace, run once for the module."""
    commands = {
        "list --json": ("forces", "list", "--json"),
        "list": ("forces", "list"),
        "peers-template": ("forces", "peers-template"),
    }
    return dict(zip(commands, plain_cli.batch(list(commands.values())), strict=True))


@pytest.fixture(scope="module")
def template(listed) -> str:
    result = listed["peers-template"]
    assert result.returncode == 0, result
    return result.stdout


def test_list_json_has_the_43_forces_with_populations(listed) -> None:
    result = listed["list --json"]
    assert result.returncode == 0, result
    forces = {row["id"]: row for row in result.json()}
    assert len(forces) == 43
    met = forces["metropolitan"]
    assert met["name"] == "Metropolitan Police Service"
    assert met["ons_code"] == "E23000001"
    assert met["country"] == "England"
    # ONS Census 2011 usual residents of the Metropolitan Police area (shipped population table).
    assert met["population"] == 8166566
    assert met["population_year"] == 2011
    assert {row["country"] for row in forces.values()} == {"England", "Wales"}


def test_list_as_a_table_shows_populations_with_thousands_separators(listed) -> None:
    result = listed["list"]
    assert result.returncode == 0, result
    assert "Metropolitan Police Service" in result.stdout
    assert "8,166,566" in result.stdout


def test_the_template_has_a_header_and_a_blank_row_for_each_of_the_43_forces(template: str) -> None:
    rows = list(csv.reader(io.StringIO(template)))
    assert rows[0] == ["force", "peers"]
    assert len(rows) == 44
    assert all(peers == "" for _, peers in rows[1:])
    assert "metropolitan" in {force for force, _ in rows[1:]}


@pytest.mark.django_db
def test_importing_a_filled_table_stores_a_version(
    cli, demo_workspace: Path, tmp_path: Path, template
) -> None:
    filled = template.replace("\nkent,\n", "\nkent,essex;sussex;hampshire\n").replace(
        "\nmetropolitan,\n", "\nmetropolitan,west-midlands;greater-manchester\n"
    )
    assert filled != template
    path = tmp_path / "msg-2024.csv"
    path.write_text(filled, encoding="utf-8")
    before = cli.query(demo_workspace, "SELECT count(*) FROM registry_peergroupversion")[0][0]

    result = cli(
        "forces",
        "peers-import",
        path,
        "--source",
        "A made-up table for the CLI test",
        "--label",
        "cli-test",
        "--date",
        "2024-04-01",
        "--workspace",
        demo_workspace,
    )
    assert result.returncode == 0, result
    assert result.stdout.strip() == "saved most similar groups 'cli-test': 2 forces with peers"

    versions = cli.query(
        demo_workspace,
        "SELECT id, label, source, source_date FROM registry_peergroupversion ORDER BY id",
    )
    assert len(versions) == before + 1
    version_id, label, source, source_date = versions[-1]
    assert (label, source, str(source_date)) == ("cli-test", "A made-up table for the CLI test", "2024-04-01")
    entries = cli.query(
        demo_workspace,
        "SELECT force_id, peer_id, position FROM registry_peergroupentry "
        f"WHERE version_id = {int(version_id)} ORDER BY force_id, position",
    )
    assert entries == [
        ("kent", "essex", 0),
        ("kent", "sussex", 1),
        ("kent", "hampshire", 2),
        ("metropolitan", "west-midlands", 0),
        ("metropolitan", "greater-manchester", 1),
    ]


@pytest.mark.django_db
def test_importing_a_bad_table_reports_every_located_problem_and_stores_nothing(
    cli, demo_workspace: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "force,peers\nnowhere,kent\nkent,kent;essex;essex\nessex,sussex,extra\n", encoding="utf-8"
    )
    before = cli.query(demo_workspace, "SELECT count(*) FROM registry_peergroupversion")
    result = cli("forces", "peers-import", path, "--source", "test", "--workspace", demo_workspace)
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert result.error_lines == [
        f"error: {path}:2: force: unknown force id 'nowhere'",
        f"error: {path}:3: peers: 'kent' is listed as its own peer",
        f"error: {path}:3: peers: peer 'essex' is listed twice",
        f"error: {path}:4: row: expected 2 columns (force,peers), found 3; separate peers with ';'",
    ]
    assert cli.query(demo_workspace, "SELECT count(*) FROM registry_peergroupversion") == before


@pytest.mark.django_db
def test_importing_a_table_with_the_wrong_header_is_one_located_line(
    cli, demo_workspace: Path, tmp_path: Path, one_error_line
) -> None:
    path = tmp_path / "header.csv"
    path.write_text("force;peers\nkent;essex\n", encoding="utf-8")
    result = cli("forces", "peers-import", path, "--source", "test", "--workspace", demo_workspace)
    line = one_error_line(result, f"{path}:1: header:")
    assert re.search(r"must be exactly 'force,peers', found 'force;peers'", line)


@pytest.mark.django_db
def test_a_bad_date_is_a_usage_error_naming_the_option(cli, demo_workspace: Path, tmp_path: Path) -> None:
    path = tmp_path / "msg.csv"
    path.write_text("force,peers\nkent,essex\n", encoding="utf-8")
    result = cli(
        "forces", "peers-import", path, "--source", "t", "--date", "April 2024", "--workspace", demo_workspace
    )
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert "--date" in result.stderr
    assert "is not a date (YYYY-MM-DD)" in result.stderr
