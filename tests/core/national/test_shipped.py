"""The national aggregates shipped in the package: real published figures on a machine without the
files they were built from, and exactly what a rebuild from those files gives.

The figures asserted are the published ones the folders' README.txt files quote (../shared/data)."""

from __future__ import annotations

import importlib.util
import re
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from inspectorate.core.forces import all_forces
from inspectorate.core.national.figures import (
    BRITISH_TRANSPORT_POLICE,
    ENGLAND_AND_WALES,
    NationalData,
    Status,
)
from inspectorate.core.national.store import SHIPPED_DIR, load_national

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "build_national_aggregates.py"
YEAR_ENDING_MARCH_2019 = (date(2018, 4, 1), date(2019, 3, 31))


@pytest.fixture(scope="module")
def shipped() -> NationalData:
    """What a fresh machine holds: the shipped aggregates, with no workspace."""
    return load_national(None)


def values(data: NationalData, edition: str, measure: str, start: date, end: date) -> dict[str, float | None]:
    return {
        f.area: f.value
        for f in data.figures
        if (f.edition, f.measure, f.period_start, f.period_end) == (edition, measure, start, end)
    }


def test_the_shipped_aggregates_hold_43_forces_recorded_crime_for_the_year_ending_march_2019(shipped) -> None:
    crime = values(shipped, "ons-pfa-tables-ye-2019-03", "recorded-crime", *YEAR_ENDING_MARCH_2019)

    forces = {force.id for force in all_forces()}
    assert len(forces) == 43
    assert forces <= set(crime)
    assert all(crime[force] is not None for force in forces)
    # ONS police force area data tables, year ending March 2019, Table P1 (ons/README.txt).
    published = {
        "metropolitan": 858019,
        "greater-manchester": 333749,
        "west-yorkshire": 296283,
        "avon-and-somerset": 136761,
        "merseyside": 134987,
        "south-yorkshire": 144922,
        "south-wales": 111604,
        "dyfed-powys": 27915,
        "city-of-london": 7195,
        BRITISH_TRANSPORT_POLICE: 66613,
        ENGLAND_AND_WALES: 5257081,
    }
    assert {area: crime[area] for area in published} == published
    # The table's England and Wales total is its 43 forces and British Transport Police.
    assert sum(crime[f] or 0 for f in forces) + (crime[BRITISH_TRANSPORT_POLICE] or 0) == 5257081


def test_every_shipped_series_holds_its_published_figures(shipped) -> None:
    editions = {e.id for e in shipped.editions}
    assert len([e for e in editions if e.startswith("ons-pfa-tables-ye-")]) == 8
    assert len([e for e in editions if e.startswith("home-office-workforce-")]) == 5
    assert len([e for e in editions if e.startswith("home-office-use-of-force-")]) == 3
    # Home Office open data 2017/18, excluding fraud (home-office/README.txt).
    prc = values(
        shipped, "home-office-prc-open-data-2017-18", "recorded-crime", date(2017, 4, 1), date(2018, 3, 31)
    )
    assert (prc["metropolitan"], prc["dyfed-powys"], prc["city-of-london"]) == (815528, 25742, 5870)
    # Police workforce, officers (FTE), total of the 43 forces at 31 March 2019 (home-office/README.txt).
    officers = values(
        shipped, "home-office-workforce-2019-09", "officers-fte", date(2019, 3, 31), date(2019, 3, 31)
    )
    assert officers[ENGLAND_AND_WALES] == pytest.approx(123170.85695, abs=1e-9)
    # Use of force incidents, year ending March 2019, Table 12 (home-office/README.txt).
    force = values(
        shipped, "home-office-use-of-force-2018-19", "use-of-force-incidents", *YEAR_ENDING_MARCH_2019
    )
    assert (force["metropolitan"], force["dyfed-powys"], force[ENGLAND_AND_WALES]) == (129729, 3821, 427725)


def test_the_police_uk_street_files_are_shipped_as_counts_by_force_month_and_crime_type(shipped) -> None:
    (street,) = [e for e in shipped.editions if e.series == "police-uk-street"]
    counts = {
        (f.area, f.period_start, f.measure): f.value
        for f in shipped.figures
        if f.edition == street.id and f.status is Status.VALUE
    }
    # police-uk-bulk/README.txt and police-uk/README.txt.
    assert counts[("dyfed-powys", date(2024, 3, 1), "policeuk-street")] == 164
    assert counts[("city-of-london", date(2019, 1, 1), "policeuk-street")] == 617
    assert counts[("city-of-london", date(2019, 1, 1), "policeuk-street.anti-social-behaviour")] == 93
    assert counts[("kent", date(2018, 10, 1), "policeuk-street")] == 19396
    avon_2018_19 = sum(
        value
        for (area, month, measure), value in counts.items()
        if area == "avon-and-somerset"
        and measure == "policeuk-street"
        and date(2018, 4, 1) <= month <= date(2019, 3, 1)
    )
    assert avon_2018_19 == 177994


def test_sources_name_every_file_read_with_its_sha256() -> None:
    text = (SHIPPED_DIR / "SOURCES.md").read_text(encoding="utf-8")

    rows = re.findall(
        r"^\| `([^`]+)` \| (\d+) \| `([0-9a-f]{64})` \| `([a-z0-9.-]+)` \|$", text, re.MULTILINE
    )
    assert len(rows) == 8 + 1 + 5 + 3 + 16 + 6 + 3
    assert "RG-1427/Data-Analytics, commit ec5f0b1144a197e18b4418dae4a7a26961128f3d" in text


def test_the_shipped_folder_is_small() -> None:
    size = sum(p.stat().st_size for p in SHIPPED_DIR.rglob("*") if p.is_file())

    assert size < 2 * 1024 * 1024
    assert not list(SHIPPED_DIR.rglob(".*")), "no lock or temporary file is shipped"


def _build_script(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_national_aggregates", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_a_rebuild_from_the_real_files_gives_the_shipped_files_byte_for_byte(
    shared_data, tmp_path, monkeypatch
) -> None:
    _build_script(monkeypatch).build(shared_data, tmp_path)

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
        }

    rebuilt, held = files(tmp_path), files(SHIPPED_DIR)
    assert sorted(rebuilt) == sorted(held)
    for name, content in rebuilt.items():
        assert content == held[name], (
            f"{name} differs from a rebuild: run scripts/build_national_aggregates.py"
        )
