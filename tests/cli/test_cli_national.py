"""`inspectorate national`: tables loaded all or nothing with one line per refusal, editions listed,
indicators compared across the forces. Run in the test process; no database is needed.

The street file and the shopping list written here are SYNTHETIC (one made-up crime)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from inspectorate.core.data.policeuk import STREET_HEADER
from inspectorate.core.national.figures import Edition
from inspectorate.core.national.store import NationalStore, national_dir, shipped_store

STREET_ROW = (
    "c1,2019-01,City of London Police,City of London Police,-0.097601,51.520699,"
    "On or near Carthusian Street,E01000001,City of London 001A,Burglary,,"
)
SHOPPING = "item,quantity\nmilk,2\n"
SHOPPING_REFUSAL = (
    "shopping.csv: a CSV file whose columns ('item', 'quantity') are neither the Home Office "
    "recorded crime open data nor police.uk street-level crime"
)
STREET_FILE = ",".join(STREET_HEADER) + "\n" + STREET_ROW + "\n"
# The months, then the start of the digest of the files' SHA-256s (one file here).
EDITION = (
    "police-uk-street-2019-01-2019-01-"
    + (hashlib.sha256(hashlib.sha256(STREET_FILE.encode()).hexdigest().encode()).hexdigest()[:12])
)
# One line of the Home Office open data for 2017/18: the shipped edition's id, another file.
PRC_FILE = (
    "Financial Year,Financial Quarter,Force Name,Offence Description,Offence Group,Offence Subgroup,"
    "Offence Code,Number of Offences\n"
    "2017/18,1,Metropolitan Police,Murder,Violence against the person,Homicide,1, 5 \n"
)
PRC_EDITION = "home-office-prc-open-data-2017-18"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "workspace"
    folder.mkdir()
    return folder


@pytest.fixture
def tables(tmp_path: Path) -> Path:
    """A folder of one good table file (a police.uk street file) and one that is no table."""
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "2019-01-city-of-london-street.csv").write_text(STREET_FILE)
    (folder / "shopping.csv").write_text(SHOPPING)
    return folder


def test_load_stores_the_good_file_refuses_the_bad_one_in_one_line_and_exits_1(
    plain_cli, workspace, tables
) -> None:
    result = plain_cli("national", "load", tables, "--workspace", workspace)

    assert result.returncode == 1, result
    assert result.error_lines == [SHOPPING_REFUSAL], result
    assert f"2019-01-city-of-london-street.csv: stored {EDITION} (16 figures)" in result.stdout
    assert (
        result.stdout.splitlines()[-1]
        == "2 files read: 1 stored, 0 replaced, 0 already loaded, 0 already shipped, 1 refused"
    )
    held = NationalStore(national_dir(workspace)).editions()
    assert [e.edition.id for e in held] == [EDITION]


def test_a_second_load_stores_nothing_twice(plain_cli, workspace, tables) -> None:
    (tables / "shopping.csv").unlink()
    first = plain_cli("national", "load", tables, "--workspace", workspace)
    catalog = (national_dir(workspace) / "catalog.json").read_bytes()

    again = plain_cli("national", "load", tables, "--workspace", workspace, "--json")

    assert (first.returncode, again.returncode) == (0, 0), (first, again)
    document = again.json()
    assert document["counts"] == {
        "stored": 0,
        "replaced": 0,
        "already loaded": 1,
        "already shipped": 0,
        "refused": 0,
    }
    assert (national_dir(workspace) / "catalog.json").read_bytes() == catalog


def test_load_without_a_workspace_is_one_error_line(plain_cli, tmp_path, tables) -> None:
    result = plain_cli("national", "load", tables, "--workspace", tmp_path / "nowhere")

    assert result.returncode == 1
    assert result.error_lines == [
        f"error: no workspace at {tmp_path / 'nowhere'}: run `inspectorate init` or `inspectorate demo` first"
    ]


def test_editions_json_lists_the_shipped_and_the_loaded_editions(plain_cli, workspace, tables) -> None:
    (tables / "shopping.csv").unlink()
    plain_cli("national", "load", tables, "--workspace", workspace)

    result = plain_cli("national", "editions", "--workspace", workspace, "--json")

    assert result.returncode == 0, result
    rows = {row["id"]: row for row in result.json()}
    shipped = {e.edition.id for e in shipped_store().editions()}
    assert set(rows) == shipped | {EDITION}
    loaded = rows[EDITION]
    assert (loaded["held"], loaded["figures"], loaded["publisher"]) == ("workspace", 16, "police.uk")
    for row in rows.values():
        extra = {key: row.pop(key) for key in ("held", "figures", "superseded_by")}
        Edition.model_validate(row)
        assert isinstance(extra["superseded_by"], list)
        assert extra["held"] == ("workspace" if row["id"] == EDITION else "shipped")


def test_remove_takes_a_loaded_edition_away(plain_cli, workspace, tables) -> None:
    (tables / "shopping.csv").unlink()
    plain_cli("national", "load", tables, "--workspace", workspace)

    removed = plain_cli("national", "remove", EDITION, "--workspace", workspace)
    again = plain_cli("national", "remove", EDITION, "--workspace", workspace)

    assert removed.stdout == f"removed {EDITION} (16 figures)\n"
    assert again.returncode == 1
    assert again.error_lines[0].startswith(f"error: no edition '{EDITION}'")


def test_a_file_claiming_a_shipped_edition_is_refused_and_the_others_still_load(
    plain_cli, workspace, tables
) -> None:
    (tables / "shopping.csv").unlink()
    # Named to be read first: its refusal must not stop the street file after it.
    (tables / "a-prc.csv").write_text(PRC_FILE)
    shipped = shipped_store().find(PRC_EDITION)
    assert shipped is not None

    result = plain_cli("national", "load", tables, "--workspace", workspace, "--json")

    assert result.returncode == 1, result
    refusal = (
        f"a-prc.csv: edition {PRC_EDITION} is shipped with the package from another file "
        f"({shipped.edition.source_file}, sha256 {shipped.edition.sha256[:12]}..., this file "
        f"{hashlib.sha256(PRC_FILE.encode()).hexdigest()[:12]}...); "
        "load it with `--replace` to put this file in its place in this workspace"
    )
    assert result.error_lines == [refusal]
    document = result.json()
    assert document["counts"] == {
        "stored": 1,
        "replaced": 0,
        "already loaded": 0,
        "already shipped": 0,
        "refused": 1,
    }
    assert document["results"][0]["reasons"] == [refusal]
    assert [e.edition.id for e in NationalStore(national_dir(workspace)).editions()] == [EDITION]


def test_replace_loads_a_file_in_a_shipped_editions_place(plain_cli, workspace, tmp_path) -> None:
    prc = tmp_path / "prc.csv"
    prc.write_text(PRC_FILE)

    result = plain_cli("national", "load", prc, "--workspace", workspace, "--replace")

    assert result.returncode == 0, result
    # Quarter 1 alone: the total, the group and the subgroup for the quarter, no year.
    assert f"prc.csv: stored {PRC_EDITION} (3 figures)" in result.stdout
    (held,) = NationalStore(national_dir(workspace)).editions()
    assert held.edition.sha256 == hashlib.sha256(PRC_FILE.encode()).hexdigest()


def _shipped_ons() -> None:
    pytest.importorskip("inspectorate.core.national.compare")
    if shipped_store().find("ons-pfa-tables-ye-2019-03") is None:
        pytest.fail("the shipped aggregates lack the ONS tables for the year ending March 2019")


def test_show_compares_all_43_forces_on_the_shipped_figures(plain_cli, tmp_path) -> None:
    _shipped_ons()

    result = plain_cli(
        "national",
        "show",
        "recorded-crime-per-1000",
        "--period",
        "2019-03-31",
        "--json",
        "-w",
        tmp_path / "none",
    )

    assert result.returncode == 0, result
    document = result.json()
    assert len(document["forces"]) == 43
    (metropolitan,) = [f for f in document["forces"] if f["force_id"] == "metropolitan"]
    # ONS police force area data tables, year ending March 2019, Table P1 (../shared/data/ons/README.txt).
    assert metropolitan["count"] == 858019
    assert date.fromisoformat(document["period_end"]) == date(2019, 3, 31)


def test_force_shows_the_metropolitan_polices_history(plain_cli, tmp_path) -> None:
    _shipped_ons()

    result = plain_cli("national", "force", "metropolitan", "--json", "-w", tmp_path / "none")

    assert result.returncode == 0, result
    rows = result.json()
    assert rows
    assert {row["force"]["force_id"] for row in rows} == {"metropolitan"}


def test_show_of_an_unknown_period_is_one_error_line(plain_cli, tmp_path) -> None:
    result = plain_cli("national", "show", "recorded-crime-per-1000", "--period", "2019-02-30")

    assert result.error_lines == ["error: --period: '2019-02-30' is not a date (YYYY-MM-DD)"]
