"""Resident population of each police force area, always with its source and year.

Figures come only from ``population.csv``, which ``scripts/build_population.py`` derives from
published data (see docs/forces.md). A force or year with no figure gives ``None``: a rate
per 1,000 people is never worked out from a guessed population.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from inspectorate.core.forces.reference import force_ids, get_force
from inspectorate.core.problems import Problem, ProblemsError
from inspectorate.core.sheets.records import read_records

POPULATION_CSV = Path(__file__).parent / "population.csv"
POPULATION_HEADER = ("force_id", "year", "population", "households", "source")


class PopulationFigure(BaseModel):
    """The population of one force area in one year, and where the number comes from."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    force_id: str
    year: int = Field(ge=1800, le=2200)
    population: int = Field(gt=0)
    # Households are published with the census but not with every estimate.
    households: int | None = Field(default=None, gt=0)
    source: Annotated[str, StringConstraints(min_length=1)]


def _read_population(path: Path) -> tuple[PopulationFigure, ...]:
    records, problems = read_records(path, POPULATION_HEADER, PopulationFigure, blank_as_none=("households",))
    known = set(force_ids())
    seen: set[tuple[str, int]] = set()
    for line, figure in records:
        if figure.force_id not in known:
            problems.append(Problem(path.name, line, "force_id", f"unknown force id {figure.force_id!r}"))
        if (figure.force_id, figure.year) in seen:
            problems.append(Problem(path.name, line, "year", f"a second figure for {figure.year}"))
        seen.add((figure.force_id, figure.year))
    if problems:
        raise ProblemsError(problems)
    return tuple(sorted((figure for _, figure in records), key=lambda f: (f.force_id, f.year)))


@cache
def population_figures() -> tuple[PopulationFigure, ...]:
    """Every shipped figure, by force id then year."""
    return _read_population(POPULATION_CSV)


def population_of(force_id: str, year: int | None = None) -> PopulationFigure | None:
    """The force area's population in ``year`` (the latest year held when None), or None if not held.

    An unknown force id raises ForceNotFound: that is a mistake, not missing data.
    """
    get_force(force_id)
    figures = [f for f in population_figures() if f.force_id == force_id]
    if year is not None:
        figures = [f for f in figures if f.year == year]
    return max(figures, key=lambda f: f.year, default=None)
