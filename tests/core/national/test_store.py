"""The national store: editions added whole or not at all, read back exactly, merged with the shipped ones.

Every table here is SYNTHETIC, made up for the test (figures for two forces, not real numbers)."""

from __future__ import annotations

import gzip
import os
from datetime import date
from pathlib import Path

import pytest

from inspectorate.core.national import store as store_module
from inspectorate.core.national.figures import (
    Edition,
    Measure,
    NationalFigure,
    NationalTable,
    Publisher,
    Status,
    Unit,
)
from inspectorate.core.national.store import (
    Added,
    NationalStore,
    add_to_workspace,
    figures_bytes,
    load_national,
    national_dir,
)
from inspectorate.core.problems import InputError

YEAR = (date(2018, 4, 1), date(2019, 3, 31))


def synthetic_table(edition_id: str = "synthetic-tables-2019", sha: str = "a", value: float = 1234.0):
    edition = Edition(
        id=edition_id,
        series="synthetic-tables",
        title="SYNTHETIC tables for the store's tests",
        publisher=Publisher.ONS,
        published=date(2019, 7, 18),
        source_file=f"{edition_id}.xlsx",
        sha256=sha * 64,
    )
    measures = (Measure(id="recorded-crime", title="Total recorded crime", unit=Unit.COUNT),)
    figures = (
        NationalFigure(
            measure="recorded-crime",
            area="metropolitan",
            period_start=YEAR[0],
            period_end=YEAR[1],
            value=value,
            edition=edition_id,
            where="Table P1, row 14, column C",
        ),
        NationalFigure(
            measure="recorded-crime",
            area="dyfed-powys",
            period_start=YEAR[0],
            period_end=YEAR[1],
            value=0.1 + 0.2,  # a float that only its shortest repr reads back exactly
            edition=edition_id,
            where='Table P1, row 40, column C, "quoted", with a comma',
        ),
        NationalFigure(
            measure="recorded-crime",
            area="greater-manchester",
            period_start=YEAR[0],
            period_end=YEAR[1],
            status=Status.NOT_AVAILABLE,
            edition=edition_id,
            where="Table P1, row 20, column C",
        ),
    )
    return NationalTable(edition=edition, measures=measures, figures=figures)


def test_an_edition_added_reads_back_exactly(tmp_path: Path) -> None:
    table = synthetic_table()
    store = NationalStore(tmp_path / "national")

    outcome = store.add(table)

    assert (outcome.status, outcome.figures) == (Added.STORED, 3)
    data = store.read()
    assert data.editions == (table.edition,)
    assert data.measures == table.measures
    assert data.figures == table.figures


def test_the_same_edition_again_is_already_loaded_and_stored_once(tmp_path: Path) -> None:
    store = NationalStore(tmp_path)
    store.add(synthetic_table())
    catalog = store.catalog_file.read_bytes()

    again = store.add(synthetic_table())

    assert again.status is Added.ALREADY
    assert store.catalog_file.read_bytes() == catalog
    assert len(store.editions()) == 1


def test_another_file_claiming_the_same_edition_is_refused_in_one_line(tmp_path: Path) -> None:
    store = NationalStore(tmp_path)
    store.add(synthetic_table(sha="a"))

    with pytest.raises(InputError) as refused:
        store.add(synthetic_table(sha="b", value=9.0))

    message = str(refused.value)
    assert len(message.splitlines()) == 1
    assert message.startswith("synthetic-tables-2019.xlsx: edition synthetic-tables-2019 is already held")
    assert store.read().figures[0].value == 1234.0


def _held_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.name != ".lock")


def test_a_failure_writing_the_catalog_leaves_nothing_of_the_new_edition(tmp_path, monkeypatch) -> None:
    store = NationalStore(tmp_path)
    store.add(synthetic_table("earlier-tables-2018"))
    before = _held_files(tmp_path)
    catalog = store.catalog_file.read_bytes()
    real_replace = os.replace

    def crash_on_catalog(source, target):
        if Path(target).name == "catalog.json":
            raise OSError("disk full (simulated)")
        real_replace(source, target)

    monkeypatch.setattr(store_module.os, "replace", crash_on_catalog)
    with pytest.raises(OSError, match="simulated"):
        store.add(synthetic_table("later-tables-2019"))

    assert _held_files(tmp_path) == before  # no figures file, no temporary file
    assert store.catalog_file.read_bytes() == catalog
    assert [e.edition.id for e in store.editions()] == ["earlier-tables-2018"]
    assert store.read().figures == synthetic_table("earlier-tables-2018").figures


def test_a_failure_half_way_through_the_figures_leaves_nothing_of_the_new_edition(
    tmp_path, monkeypatch
) -> None:
    store = NationalStore(tmp_path)
    store.add(synthetic_table("earlier-tables-2018"))
    before = _held_files(tmp_path)

    def half_then_crash(figures):
        content = figures_bytes(figures)
        scratch = tmp_path / "figures" / "half-written"
        scratch.write_bytes(content[: len(content) // 2])
        scratch.unlink()
        raise OSError("power cut (simulated)")

    monkeypatch.setattr(store_module, "figures_bytes", half_then_crash)
    with pytest.raises(OSError, match="simulated"):
        store.add(synthetic_table("later-tables-2019"))

    assert _held_files(tmp_path) == before
    assert [e.edition.id for e in store.editions()] == ["earlier-tables-2018"]


def test_removing_an_edition_takes_its_figures_away(tmp_path: Path) -> None:
    store = NationalStore(tmp_path)
    store.add(synthetic_table("earlier-tables-2018"))
    store.add(synthetic_table("later-tables-2019"))

    removed = store.remove("earlier-tables-2018")

    assert removed.edition.id == "earlier-tables-2018"
    assert [e.edition.id for e in store.editions()] == ["later-tables-2019"]
    assert _held_files(tmp_path) == ["catalog.json", "figures/later-tables-2019.csv.gz"]
    with pytest.raises(InputError, match="no edition 'earlier-tables-2018'"):
        store.remove("earlier-tables-2018")


def test_the_figures_file_is_the_same_bytes_every_time() -> None:
    figures = synthetic_table().figures

    first, second = figures_bytes(figures), figures_bytes(figures)

    assert first == second
    text = gzip.decompress(first).decode()
    lines = text.splitlines()
    assert lines[0] == "measure,area,period_start,period_end,value,status,where"
    assert (
        lines[1]
        == 'recorded-crime,metropolitan,2018-04-01,2019-03-31,1234,value,"Table P1, row 14, column C"'
    )
    assert lines[2].startswith("recorded-crime,dyfed-powys,2018-04-01,2019-03-31,0.30000000000000004,value,")
    assert lines[3].startswith("recorded-crime,greater-manchester,2018-04-01,2019-03-31,,not-available,")


@pytest.fixture
def shipped(tmp_path, monkeypatch) -> NationalStore:
    """A SYNTHETIC shipped folder in place of the package's, and an empty cache."""
    folder = tmp_path / "shipped"
    monkeypatch.setattr(store_module, "SHIPPED_DIR", folder)
    monkeypatch.setattr(store_module, "_cache", {})
    shipped = NationalStore(folder)
    shipped.add(synthetic_table("shipped-tables-2018", value=10.0))
    shipped.add(synthetic_table("synthetic-tables-2019", sha="c", value=20.0))
    return shipped


def test_load_national_is_the_shipped_editions_and_the_workspaces(tmp_path, shipped) -> None:
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    assert {e.id for e in load_national(workspace).editions} == {
        "shipped-tables-2018",
        "synthetic-tables-2019",
    }

    add_to_workspace(workspace, synthetic_table("workspace-tables-2020", value=30.0))
    # The same id as a shipped edition from another file, loaded to replace it: the workspace's stands.
    add_to_workspace(workspace, synthetic_table("synthetic-tables-2019", sha="d", value=40.0), replace=True)

    data = load_national(workspace)
    assert [e.id for e in data.editions] == [
        "shipped-tables-2018",
        "synthetic-tables-2019",
        "workspace-tables-2020",
    ]
    metropolitan = {f.edition: f.value for f in data.figures if f.area == "metropolitan"}
    assert metropolitan == {
        "shipped-tables-2018": 10.0,
        "synthetic-tables-2019": 40.0,
        "workspace-tables-2020": 30.0,
    }
    assert len(data.figures) == 9
    assert load_national(None).editions == shipped.read().editions


def test_an_edition_the_package_ships_is_not_stored_again(tmp_path, shipped) -> None:
    outcome = add_to_workspace(tmp_path, synthetic_table("shipped-tables-2018"))

    assert outcome.status is Added.SHIPPED
    assert not national_dir(tmp_path).exists()


def test_load_national_is_kept_until_the_workspace_changes(tmp_path, shipped) -> None:
    add_to_workspace(tmp_path, synthetic_table("workspace-tables-2020"))
    first = load_national(tmp_path)

    assert load_national(tmp_path) is first

    add_to_workspace(tmp_path, synthetic_table("workspace-tables-2021"))
    second = load_national(tmp_path)
    assert second is not first
    assert "workspace-tables-2021" in {e.id for e in second.editions}

    NationalStore(national_dir(tmp_path)).remove("workspace-tables-2021")
    assert "workspace-tables-2021" not in {e.id for e in load_national(tmp_path).editions}


def test_another_file_under_a_shipped_editions_id_is_refused_unless_it_replaces_it(tmp_path, shipped) -> None:
    other = synthetic_table("synthetic-tables-2019", sha="d", value=40.0)
    with pytest.raises(InputError) as refused:
        add_to_workspace(tmp_path, other)
    assert str(refused.value) == (
        "synthetic-tables-2019.xlsx: edition synthetic-tables-2019 is shipped with the package from "
        f"another file (synthetic-tables-2019.xlsx, sha256 {'c' * 12}..., this file {'d' * 12}...); "
        "load it with `--replace` to put this file in its place in this workspace"
    )
    assert not national_dir(tmp_path).exists()
    assert {f.value for f in load_national(tmp_path).figures if f.area == "metropolitan"} == {10.0, 20.0}

    # The very file shipped is "already shipped", with or without replace.
    same = synthetic_table("synthetic-tables-2019", sha="c", value=20.0)
    assert add_to_workspace(tmp_path, same).status is Added.SHIPPED
    assert add_to_workspace(tmp_path, same, replace=True).status is Added.SHIPPED

    assert add_to_workspace(tmp_path, other, replace=True).status is Added.STORED
    metropolitan = {f.edition: f.value for f in load_national(tmp_path).figures if f.area == "metropolitan"}
    assert metropolitan == {"shipped-tables-2018": 10.0, "synthetic-tables-2019": 40.0}


def test_replace_puts_another_file_in_a_held_editions_place_and_drops_the_old_figures(tmp_path) -> None:
    store = NationalStore(tmp_path)
    store.add(synthetic_table(sha="a", value=1.0))
    outcome = store.add(synthetic_table(sha="b", value=2.0), replace=True)

    assert (outcome.status, outcome.figures) == (Added.REPLACED, 3)
    (held,) = store.editions()
    assert held.edition.sha256 == "b" * 64
    assert held.file == f"figures/synthetic-tables-2019.{'b' * 12}.csv.gz"
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == [
        f"synthetic-tables-2019.{'b' * 12}.csv.gz"
    ]
    assert {f.value for f in store.read().figures if f.area == "metropolitan"} == {2.0}
    # Replacing again with the file now held is "already loaded".
    assert store.add(synthetic_table(sha="b", value=2.0), replace=True).status is Added.ALREADY
