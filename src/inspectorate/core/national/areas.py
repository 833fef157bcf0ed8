"""The area a row of a national table is about: a force's police.uk id, one of ``AREAS``, or None.

Tables keyed by ONS codes are read by code (``area_for``): K04000001 England and Wales, E92000001
England, W92000004 Wales, E23/W15 a police force area (matched on ``Force.ons_code``). Regions (E12)
and any other geography are not kept, so they give None. British Transport Police has no code and
is read by its name. Tables keyed by names only (the ONS anti-social behaviour table, the Home
Office tables) are read by name (``area_for_name``), whichever spelling the publisher used.

An area that is neither kept nor knowingly passed over (an E23 code no force has, a name that is
no force) raises ``UnknownArea``; the readers turn it into a located problem.
"""

from __future__ import annotations

import re
from functools import cache

from inspectorate.core.forces import Force, all_forces, find_force
from inspectorate.core.national.cells import clean_label
from inspectorate.core.national.figures import (
    BRITISH_TRANSPORT_POLICE,
    ENGLAND,
    ENGLAND_AND_WALES,
    WALES,
)

_COUNTRY_CODES = {"K04000001": ENGLAND_AND_WALES, "E92000001": ENGLAND, "W92000004": WALES}
_FORCE_CODE = re.compile(r"^(E23|W15)\d{6}$")
_ONS_CODE = re.compile(r"^[EWKSN]\d{8}$")

# Printed names of the areas that are not forces, as compared (see ``area_key``).
_NAMED = {
    "england and wales": ENGLAND_AND_WALES,
    "total england and wales": ENGLAND_AND_WALES,
    "england": ENGLAND,
    "total england": ENGLAND,
    "wales": WALES,
    "total wales": WALES,
    "british transport police": BRITISH_TRANSPORT_POLICE,
}
# English regions: printed in the tables, never kept. "West Midlands" is also a force; a table
# keyed by names tells the two apart by position (``is_region_name``).
_REGIONS = frozenset(
    {
        "north east",
        "north west",
        "yorkshire and the humber",
        "east midlands",
        "west midlands",
        "east",
        "eastern",
        "east of england",
        "london",
        "south east",
        "south west",
    }
)
# Rows that are neither an area nor a force. Totals other than the countries' are left out: the
# England and Wales figure is worked out again from the forces.
_NOT_AREAS = frozenset({"total", "total 43 forces", "central service secondments"})

_TRAILING_NOTE = re.compile(r"\s+\d+(?:,\s*\d+)*$")
_QUALIFIER = re.compile(r"\([^)]*\)")


class UnknownArea(ValueError):
    """A row names an area that is not a force, a country, British Transport Police or a region."""


def area_key(name: str) -> str:
    """A printed area name as compared: footnote marks (also after a space, "London 10") and
    qualifiers in brackets ("(inc. BTP)", "(excluding Greater Manchester Police)") removed, lower
    case, "&" read as "and"."""
    label = _TRAILING_NOTE.sub("", clean_label(name))
    label = _QUALIFIER.sub(" ", label).replace("&", " and ")
    return " ".join(label.casefold().split())


def is_region_name(name: str) -> bool:
    return area_key(name) in _REGIONS


@cache
def _force_by_code() -> dict[str, Force]:
    return {force.ons_code: force for force in all_forces()}


def area_for(code: str, name: str) -> str | None:
    """The area of a row keyed by an ONS code (the name is checked against it where it names a
    force); a row without a code is read by its name. None for regions and other geographies."""
    printed = code.strip()
    code = printed.upper()
    if not code:
        return area_for_name(name)
    if code in _COUNTRY_CODES:
        return _COUNTRY_CODES[code]
    if _FORCE_CODE.match(code):
        force = _force_by_code().get(code)
        if force is None:
            raise UnknownArea(f"no force has the ONS code {code!r}")
        named = find_force(area_key(name)) if name.strip() else None
        if named is not None and named.id != force.id:
            raise UnknownArea(f"the code {code} is {force.name}, but the row names {clean_label(name)!r}")
        return force.id
    if _ONS_CODE.match(code):
        return None
    raise UnknownArea(f"{printed[:40]!r} is not an ONS area code")


def area_for_name(name: str) -> str | None:
    """The area a printed name is: a force by any of its spellings ("London, City of",
    "Metropolitan Police", "Dyfed-Powys4"), England and Wales, England, Wales or British Transport
    Police; None for a region or a total other than a country's."""
    key = area_key(name)
    if not key:
        raise UnknownArea("the row names no area")
    if key in _NAMED:
        return _NAMED[key]
    force = find_force(key)
    if force is not None:
        return force.id
    if key in _REGIONS or key in _NOT_AREAS:
        return None
    shown = clean_label(name)[:60]
    raise UnknownArea(f"{shown!r} is not a force, a country, British Transport Police or an English region")
