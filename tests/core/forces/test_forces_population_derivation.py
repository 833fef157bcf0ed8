"""Re-derive population.csv from the crime-sim-toolkit data files and compare with the shipped copy."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from inspectorate.core.forces import find_force
from inspectorate.core.forces.population import POPULATION_CSV

pytest.importorskip(
    "crime_sim_toolkit",
    reason="crime-sim-toolkit (a dev dependency) holds the census files the population is derived from",
)

SCRIPT = Path(__file__).parents[3] / "scripts" / "build_population.py"


@pytest.fixture(scope="module")
def build() -> Iterator[ModuleType]:
    # The script is not a package module: load it by path, registered so its dataclasses resolve.
    name = "_build_population_under_test"
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[name]


def _derive(build: ModuleType) -> list[list[str]]:
    figures = build.derive(build.data_dir() / build.CENSUS_FILE, build.data_dir() / build.FORCE_FILE)
    return list(csv.reader(io.StringIO(build.render_csv(figures, build.source_text()))))


def test_shipped_population_csv_matches_a_fresh_derivation_row_by_row(build: ModuleType) -> None:
    derived = _derive(build)
    with POPULATION_CSV.open(encoding="utf-8", newline="") as handle:
        shipped = list(csv.reader(handle))
    assert len(shipped) == len(derived) == 44
    for line, (ours, theirs) in enumerate(zip(shipped, derived, strict=True), start=1):
        assert ours == theirs, f"population.csv line {line}"


def test_derivation_fails_when_a_blank_district_is_missing_from_the_supplement(
    build: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    supplement = dict(build.SUPPLEMENT)
    del supplement["Gateshead"]
    monkeypatch.setattr(build, "SUPPLEMENT", supplement)
    with pytest.raises(build.DerivationFailed, match="Gateshead"):
        _derive(build)


def test_derivation_fails_when_a_welsh_district_is_given_an_english_force(
    build: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "SUPPLEMENT", {**build.SUPPLEMENT, "Newport": "kent"})
    with pytest.raises(build.DerivationFailed, match="Newport"):
        _derive(build)


def test_every_territorial_force_name_in_the_toolkit_files_resolves(build: ModuleType) -> None:
    names = {name for _, name in build.read_force_file(build.data_dir() / build.FORCE_FILE).values() if name}
    with (build.data_dir().parent / "prc-pfa-201718_new.csv").open(encoding="utf-8", newline="") as handle:
        names |= {row["Force_Name"] for row in csv.DictReader(handle)}
    # Fraud bodies and British Transport Police are in the Home Office table but police no area.
    not_territorial = {
        "Action Fraud",
        "British Transport Police",
        "CIFAS",
        "Financial Fraud Action UK",
        "UK Finance",
    }
    territorial = names - not_territorial
    resolved = {name: find_force(name) for name in territorial}
    assert [name for name, force in resolved.items() if force is None] == []
    assert len({force.id for force in resolved.values() if force is not None}) == 43
    assert all(find_force(name) is None for name in not_territorial)
