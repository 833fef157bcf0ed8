"""The audit frame of a small synthetic return agrees with the files, counted here with plain SQL."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import pytest

from inspectorate.core.cdi.frame import audit_frame, default_audit_period, recorded_crime_12_months
from inspectorate.core.cdi.types import CRIME_GROUPS, ROUTES, FrameRecord
from inspectorate.core.data.store import Dataset, DataStore
from inspectorate.core.data.synth import synthesise

START, END = date(2020, 10, 1), date(2021, 3, 31)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataStore, Dataset, Path]:
    root = tmp_path_factory.mktemp("synthetic")
    synthesise("metropolitan", 2021, root / "files", scale=0.01, seed=3)
    store = DataStore(root / "store")
    store.load("metropolitan", "synthetic", [root / "files"])
    dataset = store.dataset("metropolitan", "synthetic")
    assert dataset is not None
    return store, dataset, root / "files"


@pytest.fixture(scope="module")
def frame(synthetic: tuple[DataStore, Dataset, Path]) -> list[FrameRecord]:
    return audit_frame(synthetic[0], synthetic[1], START, END)


def from_files(files: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect()
    for name in ("calls", "incidents", "crimes"):
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_csv('{files / name}.csv', all_varchar = true)")
    return con.execute(sql).fetchall()


def test_the_default_period_is_the_last_six_months_of_the_year(
    synthetic: tuple[DataStore, Dataset, Path],
) -> None:
    assert default_audit_period(synthetic[0], synthetic[1]) == (START, END)


def test_the_frame_is_every_crime_incident_of_the_period_in_id_order(
    synthetic: tuple[DataStore, Dataset, Path], frame: list[FrameRecord]
) -> None:
    expected = from_files(
        synthetic[2],
        """SELECT incident_id FROM incidents WHERE category = 'crime'
           AND opened_at >= '2020-10-01' AND opened_at < '2021-04-01' ORDER BY incident_id""",
    )
    assert [record.incident_id for record in frame] == [row[0] for row in expected]
    assert len(frame) > 300


def test_routes_groups_and_crimes_agree_with_the_files(
    synthetic: tuple[DataStore, Dataset, Path], frame: list[FrameRecord]
) -> None:
    strata = Counter(
        dict(
            from_files(
                synthetic[2],
                """SELECT CASE WHEN i.offence_group IN ('violence-against-the-person', 'sexual-offences')
                               THEN i.offence_group ELSE 'other' END
                          || '/' || coalesce(c.channel, 'no-call'), count(*)
                   FROM incidents i LEFT JOIN calls c USING (call_id)
                   WHERE i.category = 'crime' AND i.opened_at >= '2020-10-01' AND i.opened_at < '2021-04-01'
                   GROUP BY 1""",
            )
        )
    )
    assert Counter(record.stratum for record in frame) == strata
    # The synthetic return has every cell, so each stratum can be tested.
    assert len(strata) == len(CRIME_GROUPS) * len(ROUTES)
    linked = dict(
        from_files(
            synthetic[2],
            "SELECT incident_id, count(*) FROM crimes WHERE incident_id IS NOT NULL GROUP BY 1",
        )
    )
    assert {r.incident_id: len(r.crimes) for r in frame if r.crimes} == {
        r.incident_id: linked[r.incident_id] for r in frame if r.incident_id in linked
    }
    # Each crime recorded from an incident is of the incident's class, recorded on or after its opening.
    for record in frame:
        for _, recorded_on, group in record.crimes:
            assert group == record.incident_offence_group
            assert recorded_on >= record.opened_at[:10]


def test_the_recorded_crime_figure_is_the_files_count_for_the_year(
    synthetic: tuple[DataStore, Dataset, Path],
) -> None:
    expected = from_files(
        synthetic[2],
        """SELECT count(*) FROM crimes WHERE offence_group <> 'fraud'
           AND recorded_on >= '2020-04-01' AND recorded_on < '2021-04-01'""",
    )[0][0]
    figure = recorded_crime_12_months(synthetic[0], synthetic[1], END)
    assert figure == (
        expected,
        "crimes recorded April 2020 to March 2021 (excluding fraud), synthetic data return "
        "metropolitan/synthetic",
    )
