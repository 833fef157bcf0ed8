"""Population per force area: the shipped Census 2011 figures, and None where nothing is held."""

from __future__ import annotations

import pytest

from inspectorate.core.forces import ForceNotFound, all_forces, population_figures, population_of


def test_every_force_has_a_2011_census_figure_with_its_source() -> None:
    for force in all_forces():
        figure = population_of(force.id, 2011)
        assert figure is not None, force.id
        assert figure.force_id == force.id
        assert figure.year == 2011
        assert figure.population > 0
        assert figure.households is not None and 0 < figure.households < figure.population
        assert figure.source.startswith("ONS Census 2011 usual residents by LSOA")
        assert "crime-sim-toolkit 1.5.0" in figure.source


@pytest.mark.parametrize(
    ("force_id", "population"),
    [
        # London 8,173,941 less the City of London.
        ("metropolitan", 8_166_566),
        ("city-of-london", 7_375),
        ("west-yorkshire", 2_226_058),
        ("greater-manchester", 2_682_528),
    ],
)
def test_known_census_2011_totals(force_id: str, population: int) -> None:
    figure = population_of(force_id)
    assert figure is not None
    assert figure.population == population


def test_all_forces_add_up_to_the_census_2011_total_for_england_and_wales() -> None:
    figures = [population_of(force.id, 2011) for force in all_forces()]
    assert sum(f.population for f in figures if f is not None) == 56_075_912
    assert len(population_figures()) == 43


def test_population_of_a_year_not_held_is_none_not_a_guess() -> None:
    assert population_of("metropolitan", 2019) is None
    assert population_of("metropolitan", 2010) is None


def test_population_of_without_a_year_gives_the_latest_held() -> None:
    figure = population_of("kent")
    assert figure is not None
    assert figure.year == max(f.year for f in population_figures() if f.force_id == "kent")


def test_population_of_an_unknown_force_is_an_error_not_missing_data() -> None:
    with pytest.raises(ForceNotFound, match="known: avon-and-somerset"):
        population_of("scotland")
