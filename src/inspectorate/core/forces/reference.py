"""The 43 territorial police forces of England and Wales, with their ids, names and ONS codes.

``forces.csv`` is the reference: police.uk id and name, the Home Office name used in the
police recorded crime tables, and the ONS Police Force Area (PFA) code. Everything else in
Inspectorate names a force by its police.uk id; ``find_force`` turns the many spellings found
in public tables into that id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

from inspectorate.core.problems import InputError, Problem, ProblemsError
from inspectorate.core.sheets.records import read_records

FORCES_CSV = Path(__file__).parent / "forces.csv"
FORCES_HEADER = ("id", "name", "home_office_name", "ons_code", "country")

ForceId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z-]*[a-z]$")]
OnsCode = Annotated[str, StringConstraints(pattern=r"^(E23|W15)[0-9]{6}$")]


class Country(StrEnum):
    ENGLAND = "England"
    WALES = "Wales"


# ONS Police Force Area codes start E23 in England and W15 in Wales.
_COUNTRY_OF_PREFIX = {"E23": Country.ENGLAND, "W15": Country.WALES}


class Force(BaseModel):
    """One territorial police force and the police force area it serves."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    id: ForceId
    name: Annotated[str, StringConstraints(min_length=1)]
    home_office_name: Annotated[str, StringConstraints(min_length=1)]
    ons_code: OnsCode
    country: Country

    @model_validator(mode="after")
    def _country_matches_code(self) -> Force:
        expected = _COUNTRY_OF_PREFIX[self.ons_code[:3]]
        if self.country is not expected:
            raise ValueError(f"country must be {expected.value} for ONS code {self.ons_code}")
        return self


class ForceNotFound(InputError):
    """A force id that is not one of the 43."""


# Spellings seen in public tables (police.uk, Home Office and ONS files, crime-sim-toolkit) that
# are listed here so that they are known to resolve. Most resolve through normalisation alone;
# the table documents them and catches any that stop doing so.
NAME_VARIANTS: Mapping[str, str] = {
    "Avon & Somerset": "avon-and-somerset",
    "Devon & Cornwall": "devon-and-cornwall",
    "Dyfed Powys": "dyfed-powys",
    "Humberside Constabulary": "humberside",
    "London, City of": "city-of-london",
    "City of London": "city-of-london",
    "Metropolitan Police": "metropolitan",
    "Metropolitan Police Service": "metropolitan",
}

# Longest first, so "police service" goes before "service" and "police".
_SUFFIXES = ("police service", "constabulary", "police", "service")


def normalise_name(text: str) -> str:
    """A comparison key: lower case, '&' read as 'and', punctuation as spaces, force-type suffixes gone.

    "Devon & Cornwall Police", "devon-and-cornwall" and "Devon and Cornwall" all give
    "devon and cornwall".
    """
    key = text.lower().replace("&", " and ")
    key = " ".join(re.sub(r"[^a-z0-9]+", " ", key).split())
    if key.startswith("the "):
        key = key[4:]
    stripped = True
    while stripped:
        stripped = False
        for suffix in _SUFFIXES:
            # The leading space means a bare "Police" is never stripped to nothing.
            if key.endswith(" " + suffix):
                key = key[: -len(suffix) - 1]
                stripped = True
    return key


def _read_forces(path: Path) -> tuple[Force, ...]:
    records, problems = read_records(path, FORCES_HEADER, Force)
    for field in ("id", "ons_code", "name", "home_office_name"):
        seen: set[str] = set()
        for line, force in records:
            value = getattr(force, field)
            if value in seen:
                problems.append(Problem(path.name, line, field, f"{value!r} appears twice"))
            seen.add(value)
    if problems:
        raise ProblemsError(problems)
    return tuple(force for _, force in records)


@cache
def all_forces() -> tuple[Force, ...]:
    """The 43 forces in file order (by police.uk id, which is also by name)."""
    return _read_forces(FORCES_CSV)


@cache
def _by_id() -> dict[str, Force]:
    return {force.id: force for force in all_forces()}


def force_ids() -> tuple[str, ...]:
    return tuple(_by_id())


def get_force(force_id: str) -> Force:
    """The force with this police.uk id; raises ForceNotFound naming the known ids."""
    try:
        return _by_id()[force_id]
    except KeyError:
        known = ", ".join(_by_id())
        raise ForceNotFound(f"no force {force_id!r} (known: {known})") from None


@cache
def _lookup() -> dict[str, Force]:
    """Normalised name, id or code -> force; fails loudly if two forces would share a key."""
    table: dict[str, Force] = {}

    def add(key: str, force: Force) -> None:
        if table.setdefault(key, force) is not force:
            raise ValueError(f"{key!r} would name both {table[key].id} and {force.id}")

    for force in all_forces():
        add(force.ons_code.lower(), force)
        for name in (force.id, force.name, force.home_office_name):
            add(normalise_name(name), force)
    for variant, force_id in NAME_VARIANTS.items():
        add(normalise_name(variant), get_force(force_id))
    return table


def find_force(name_or_id: str) -> Force | None:
    """The force a name, id, Home Office name, variant spelling or ONS PFA code refers to, or None."""
    text = name_or_id.strip()
    if not text:
        return None
    exact = _by_id().get(text)
    if exact is not None:
        return exact
    return _lookup().get(normalise_name(text))
