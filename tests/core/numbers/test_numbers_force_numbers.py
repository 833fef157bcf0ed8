"""A force in numbers: the store joined to the indicator engine, with the batch counts kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from inspectorate.core.data.store import DataStore
from inspectorate.core.data.synth import synthesise
from inspectorate.core.indicators import ForceContext, Period, compute_values
from inspectorate.core.numbers import (
    FileCountsCache,
    force_numbers,
    latest_period,
    period_to,
    statistical_year,
)
from inspectorate.core.problems import InputError

FORCE = "city-of-london"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> DataStore:
    root = tmp_path_factory.mktemp("numbers")
    synthesise(FORCE, 2021, root / "files", scale=1, seed=11)
    store = DataStore(root / "store")
    store.load(FORCE, "synthetic", [root / "files"])
    return store


def test_counting_batch_by_batch_gives_the_figures_of_counting_the_whole_table(store: DataStore) -> None:
    dataset = store.get_dataset(f"{FORCE}/synthetic")
    numbers = force_numbers(store, dataset, use_cache=False)
    population = store.population(dataset)
    assert population is not None
    con = store.connect(dataset)
    whole = compute_values(con, ForceContext(FORCE, *population), Period.statistical_year(2021))
    assert numbers.period == "12 months to 31 March 2021"
    for result in numbers.results:
        assert (result.value, result.numerator, result.denominator) == (
            whole[result.id].value,
            whole[result.id].numerator,
            whole[result.id].denominator,
        ), result.id


class _RefusingCache(FileCountsCache):
    def put(self, key: str, rows: list[list[Any]]) -> None:
        raise AssertionError(f"counted again: {key}")


def test_a_second_computation_counts_nothing_again(store: DataStore, monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = store.get_dataset(f"{FORCE}/synthetic")
    first = force_numbers(store, dataset, use_cache=False)
    assert any((store.root / "counts").glob("*.json"))
    monkeypatch.setattr("inspectorate.core.numbers.FileCountsCache", _RefusingCache)
    again = force_numbers(store, dataset, use_cache=False)
    assert [r.value for r in again.results] == [r.value for r in first.results]


def test_the_latest_period_ends_with_the_last_month_held(store: DataStore) -> None:
    assert latest_period(store.get_dataset(f"{FORCE}/synthetic")) == Period.statistical_year(2021)


@pytest.mark.parametrize("text", ["2021-00", "2021-13", "March", "21-03", "1800-01"])
def test_a_month_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="give the last month as YYYY-MM"):
        period_to(text)


def test_a_statistical_year_outside_any_data_is_refused() -> None:
    with pytest.raises(InputError, match="give a year between"):
        statistical_year(1)
    assert statistical_year(2021) == Period.statistical_year(2021)


def test_a_dataset_with_no_records_has_no_latest_period(tmp_path: Path) -> None:
    from inspectorate.core.data.store import Dataset

    with pytest.raises(InputError, match="holds no records"):
        latest_period(Dataset(force_id=FORCE, name="empty"))
