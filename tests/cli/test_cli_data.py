"""`inspectorate data load/list/remove` on a workspace folder of its own, run in the test process
(see conftest.py); one load, list and remove round trip runs the installed console script.

`data` needs no database: loading only needs the workspace folder to exist. In the round trip, the
commands that follow the load share a batch (one process) to save start-up time.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspectorate.core.data.policeuk import STREET_HEADER
from inspectorate.core.data.store import DataStore
from inspectorate.core.workspace import data_store_dir

CALLS_HEADER = "call_id,channel,received_at,answered_at,abandoned\n"


def street_line(crime_id: str, crime_type: str) -> str:
    return (
        f"{crime_id},2019-01,City of London Police,City of London Police,-0.097601,51.520699,"
        f"On or near Carthusian Street,E01000001,City of London 001A,{crime_type},,\n"
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "workspace"
    folder.mkdir()
    return folder


@pytest.fixture
def street_file(tmp_path: Path) -> Path:
    path = tmp_path / "2019-01-city-of-london-street.csv"
    path.write_text(
        ",".join(STREET_HEADER)
        + "\n"
        + street_line("c1", "Burglary")
        + street_line("c2", "Drugs")
        + street_line("", "Anti-social behaviour"),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def bad_load(plain_cli, tmp_path_factory: pytest.TempPathFactory):
    """`data load` of a calls file with an impossible date on line 3, into a fresh workspace."""
    folder = tmp_path_factory.mktemp("bad-load")
    workspace = folder / "workspace"
    workspace.mkdir()
    path = folder / "calls.csv"
    path.write_text(
        CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\nB,999,2021-02-30 10:00:00,,false\n",
        encoding="utf-8",
    )
    return workspace, plain_cli("data", "load", path, "--force", "kent", "-w", workspace)


def test_a_bad_file_fails_with_exit_1_naming_file_line_and_field(bad_load) -> None:
    workspace, result = bad_load
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr, result
    assert result.error_lines[0] == (
        "error: calls.csv:3: received_at: '2021-02-30 10:00:00' is not a date and time (YYYY-MM-DD HH:MM:SS) "
        "(nothing was loaded)"
    ), result
    assert result.stdout.strip() == "", result
    # Nothing was written: no catalog and no Parquet file.
    assert not (data_store_dir(workspace) / "catalog.json").exists()
    assert not list(workspace.rglob("*.parquet"))


def test_a_bad_file_is_one_error_line(bad_load, one_error_line) -> None:
    _, result = bad_load
    one_error_line(result, "calls.csv:3: received_at:", "2021-02-30")


def test_load_json_then_list_then_remove(plain_script, workspace: Path, street_file: Path) -> None:
    loaded = plain_script("data", "load", street_file, "--force", "city-of-london", "-w", workspace, "--json")
    assert loaded.returncode == 0, loaded
    report = loaded.json()
    # police.uk files go to the police-uk dataset unless told otherwise.
    assert report["dataset"] == "city-of-london/police-uk"
    assert sorted((b["table"], b["rows"], b["months"]) for b in report["loaded"]) == [
        ("asb", 1, ["2019-01"]),
        ("crimes", 2, ["2019-01"]),
    ]
    assert {b["source"] for b in report["loaded"]} == {street_file.name}
    assert report["skipped"] == [] and report["retired"] == []
    assert report["quarantined"] == 0 and report["quarantine_files"] == []
    files = [data_store_dir(workspace) / b["file"] for b in report["loaded"]]
    assert all(f.is_file() for f in files)

    again, listed, table, removed, after = plain_script.batch(
        [
            ("data", "load", street_file, "--force", "city-of-london", "-w", workspace, "--json"),
            ("data", "list", "--json", "-w", workspace),
            ("data", "list", "-w", workspace),
            ("data", "remove", "city-of-london/police-uk", "-w", workspace),
            ("data", "list", "--json", "-w", workspace),
        ]
    )
    assert again.returncode == 0, again
    assert again.json()["loaded"] == [] and again.json()["skipped"] == [street_file.name]

    assert listed.returncode == 0, listed
    assert listed.json() == [
        {
            "dataset": "city-of-london/police-uk",
            "force_id": "city-of-london",
            "synthetic": False,
            "scale": 1.0,
            "description": "",
            "tables": {
                "asb": {"rows": 1, "months": ["2019-01"]},
                "crimes": {"rows": 2, "months": ["2019-01"]},
            },
        }
    ]
    assert table.returncode == 0, table
    assert "city-of-london/police-uk" in table.stdout and "crimes" in table.stdout

    assert removed.returncode == 0, removed
    assert removed.stdout.strip() == "removed city-of-london/police-uk"
    assert not any(f.exists() for f in files)
    assert after.json() == []


def test_human_output_of_a_load_that_quarantines_and_replaces(
    plain_cli, workspace: Path, tmp_path: Path
) -> None:
    first = tmp_path / "calls-v1.csv"
    first.write_text(CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\n", encoding="utf-8")
    DataStore(data_store_dir(workspace)).load("kent", "return", [first])
    second = tmp_path / "calls-v2.csv"
    second.write_text(
        CALLS_HEADER + "B,999,2021-02-01 10:00:00,,false\nC,phone,2021-02-01 11:00:00,,false\n"
        "D,101,2021-03-01 10:00:00,,false\n",
        encoding="utf-8",
    )
    result = plain_cli(
        "data", "load", second, "--force", "kent", "--quarantine", "--replace", "-w", workspace
    )
    assert result.returncode == 0, result
    # (A progress bar run without a terminal may leave a blank line; see the test below.)
    lines = [line for line in result.stdout.splitlines() if line]
    assert lines[:2] == [
        "loaded 2 calls rows from calls-v2.csv (2021-02..2021-03)",
        "superseded calls from calls-v1.csv",
    ], result
    assert lines[2].startswith(f"set aside 1 bad rows in {data_store_dir(workspace) / 'quarantine'}/"), result
    assert lines[2].endswith("calls-v2.csv.problems.csv")
    # A file that is not police.uk goes to the "return" dataset.
    assert lines[3:] == ["dataset kent/return"]
    quarantined = Path(lines[2].split(" in ", 1)[1]).read_text(encoding="utf-8").splitlines()
    assert quarantined[1:] == [
        '3,"channel: must be one of 999, 101, online","C,phone,2021-02-01 11:00:00,,false"'
    ]
    catalog = json.loads((data_store_dir(workspace) / "catalog.json").read_text(encoding="utf-8"))
    assert [b["source"] for d in catalog["datasets"] for b in d["batches"]] == ["calls-v2.csv"]


def test_output_off_a_terminal_has_no_stray_blank_line(bad_load) -> None:
    _, result = bad_load
    assert result.stdout == ""


def test_refusals_and_missing_things(plain_cli, tmp_path: Path, workspace: Path, one_error_line) -> None:
    first = tmp_path / "calls-v1.csv"
    first.write_text(CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\n", encoding="utf-8")
    DataStore(data_store_dir(workspace)).load("kent", "return", [first])
    catalog = (data_store_dir(workspace) / "catalog.json").read_bytes()
    second = tmp_path / "calls-v2.csv"
    second.write_text(CALLS_HEADER + "B,999,2021-02-02 10:00:00,,false\n", encoding="utf-8")
    missing = tmp_path / "no-such-workspace"

    overlap, load, listing, remove, force = plain_cli.batch(
        [
            ("data", "load", second, "--force", "kent", "-w", workspace),
            ("data", "load", first, "--force", "kent", "-w", missing),
            ("data", "list", "-w", missing),
            ("data", "remove", "kent/other", "-w", workspace),
            ("data", "load", first, "--force", "scotland", "-w", workspace),
        ]
    )
    assert overlap.returncode == 1, overlap
    assert "Traceback" not in overlap.stderr
    assert overlap.error_lines[0] == (
        "error: calls-v2.csv: calls for 2021-02 already loaded from calls-v1.csv; "
        "use --replace to supersede it (nothing was loaded)"
    ), overlap
    assert (data_store_dir(workspace) / "catalog.json").read_bytes() == catalog
    one_error_line(load, f"no workspace at {missing}")
    one_error_line(listing, f"no workspace at {missing}")
    one_error_line(remove, "no dataset 'kent/other'", "known: kent/return")
    assert force.returncode == 1 and "Traceback" not in force.stderr, force
    assert "scotland" in force.stderr
    assert not missing.exists()
