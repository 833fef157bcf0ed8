"""The indicators compared across the 43 forces, built from the measures the data holds.

An indicator's id is the id the tables give their own published rate (``recorded-crime-per-1000``,
``recorded-crime.residential-burglary-per-1000-households``), so that the published England and
Wales figure, where a table prints one, is found under the indicator's own id.
"""

from __future__ import annotations

from dataclasses import dataclass

from inspectorate.core.forces import force_ids
from inspectorate.core.national.denominators import HOUSEHOLDS, POPULATION
from inspectorate.core.national.figures import NationalData, Status, Unit
from inspectorate.core.national.memo import per_data
from inspectorate.core.national.results import IndicatorGroup, NationalIndicator
from inspectorate.core.problems import InputError

RECORDED_CRIME = "recorded-crime"
GROUP_PREFIX = f"{RECORDED_CRIME}."
PER_PEOPLE = "-per-1000"
PER_HOUSEHOLDS = "-per-1000-households"


@dataclass(frozen=True)
class _Known:
    measure: str
    title: str
    higher_is: str


# The headline counts compared per 1,000 people, in the order the pages list them.
KNOWN_COUNTS = (
    _Known(RECORDED_CRIME, "Recorded crime (excluding fraud) per 1,000 people", "more crime recorded"),
    _Known("asb-incidents", "Anti-social behaviour incidents per 1,000 people", "more incidents recorded"),
    _Known("officers-fte", "Police officers (full-time equivalent) per 1,000 people", "more officers"),
    _Known("staff-fte", "Police staff (full-time equivalent) per 1,000 people", "more police staff"),
    _Known("pcso-fte", "PCSOs (full-time equivalent) per 1,000 people", "more PCSOs"),
    _Known("use-of-force-incidents", "Use of force incidents per 1,000 people", "more use of force recorded"),
)
# The offence groups and subgroups in the order Table P1 of the ONS police force area tables prints
# them (the same in every edition held, years ending March 2018 to December 2019), each with the
# group it belongs to. P1 sets a group's heading in bold, its subgroups after it; burglary's two
# parts follow burglary and add up to it. The Home Office open data names each line's Offence Group
# and Offence Subgroup: a subgroup that P1 does not print (rape, domestic burglary, arson...) stands
# under the group named there, beside the P1 heading nearest to it. The tests hold this against
# both files.
OFFENCES: tuple[tuple[str, str | None], ...] = (
    ("violence-against-the-person", None),
    ("homicide", "violence-against-the-person"),
    ("violence-with-injury", "violence-against-the-person"),
    ("violence-without-injury", "violence-against-the-person"),
    ("stalking-and-harassment", "violence-against-the-person"),
    ("death-or-serious-injury-unlawful-driving", "violence-against-the-person"),
    ("sexual-offences", None),
    ("rape-offences", "sexual-offences"),
    ("other-sexual-offences", "sexual-offences"),
    ("robbery", None),
    ("robbery-of-business-property", "robbery"),
    ("robbery-of-personal-property", "robbery"),
    ("theft-offences", None),
    ("burglary", "theft-offences"),
    ("residential-burglary", "burglary"),
    ("non-residential-burglary", "burglary"),
    ("domestic-burglary", "theft-offences"),
    ("non-domestic-burglary", "theft-offences"),
    ("vehicle-offences", "theft-offences"),
    ("theft-from-a-vehicle", "theft-offences"),
    ("theft-of-a-motor-vehicle", "theft-offences"),
    ("vehicle-interference", "theft-offences"),
    ("theft-from-the-person", "theft-offences"),
    ("bicycle-theft", "theft-offences"),
    ("shoplifting", "theft-offences"),
    ("other-theft-offences", "theft-offences"),
    ("criminal-damage-and-arson", None),
    ("criminal-damage", "criminal-damage-and-arson"),
    ("arson", "criminal-damage-and-arson"),
    ("drug-offences", None),
    ("trafficking-of-drugs", "drug-offences"),
    ("possession-of-drugs", "drug-offences"),
    ("possession-of-weapons-offences", None),
    ("public-order-offences", None),
    ("miscellaneous-crimes-against-society", None),
)
OFFENCE_PARENTS = {offence: parent for offence, parent in OFFENCES if parent is not None}
# Burglary of homes is a crime against households, and the ONS gives its rate per 1,000 of them too.
_HOUSEHOLD_OFFENCES = ("residential-burglary", "domestic-burglary")


class UnknownNationalIndicator(InputError):
    """An indicator id that the data does not hold; the message names the ones it does."""


def _per_people(measure: str, title: str, higher_is: str) -> NationalIndicator:
    return NationalIndicator(
        id=f"{measure}{PER_PEOPLE}",
        title=title,
        numerator=measure,
        denominator=POPULATION,
        unit=Unit.RATE_PER_1000_PEOPLE,
        higher_is=higher_is,
    )


def _per_households(measure: str, title: str) -> NationalIndicator:
    return NationalIndicator(
        id=f"{measure}{PER_HOUSEHOLDS}",
        title=f"{title} per 1,000 households",
        numerator=measure,
        denominator=HOUSEHOLDS,
        unit=Unit.RATE_PER_1000_HOUSEHOLDS,
        higher_is="more crime recorded",
    )


def _offence(measure: str) -> str:
    return measure.removeprefix(GROUP_PREFIX)


def _parent(offence: str, held: set[str]) -> str | None:
    """The indicator of the nearest group above the offence that the data holds, if any."""
    parent = OFFENCE_PARENTS.get(offence)
    while parent is not None and parent not in held:
        parent = OFFENCE_PARENTS.get(parent)
    return None if parent is None else f"{GROUP_PREFIX}{parent}{PER_PEOPLE}"


@per_data
def _indicators(data: NationalData) -> dict[str, NationalIndicator]:
    forces = set(force_ids())
    with_values = {
        f.measure
        for f in data.figures
        if f.area in forces and f.status is Status.VALUE and f.value is not None
    }
    has_households = any(f.measure == HOUSEHOLDS and f.status is Status.VALUE for f in data.figures)
    published = {measure.id for measure in data.measures} | {f.measure for f in data.figures}
    found: list[NationalIndicator] = [
        _per_people(known.measure, known.title, known.higher_is)
        for known in KNOWN_COUNTS
        if known.measure in with_values
    ]
    titles = {measure.id: measure.title for measure in data.measures}
    units = {measure.id: measure.unit for measure in data.measures}
    counts = {
        m
        for m in with_values
        if m.startswith(GROUP_PREFIX)
        and not m.endswith((PER_PEOPLE, PER_HOUSEHOLDS))
        and units.get(m, Unit.COUNT) is Unit.COUNT
    }
    held = {_offence(m) for m in counts}
    # As the tables print them; an offence they do not name comes after, by its title.
    place = {offence: n for n, (offence, _) in enumerate(OFFENCES)}

    def title_of(measure: str) -> str:
        return titles.get(measure, _offence(measure).replace("-", " ").capitalize())

    for measure in sorted(counts, key=lambda m: (place.get(_offence(m), len(place)), title_of(m))):
        offence = _offence(measure)
        parent = _parent(offence, held)
        title = title_of(measure)
        found.append(
            _per_people(measure, f"{title} per 1,000 people", "more crime recorded").model_copy(
                update={"group": IndicatorGroup.OFFENCES, "parent": parent}
            )
        )
        if has_households and (f"{measure}{PER_HOUSEHOLDS}" in published or offence in _HOUSEHOLD_OFFENCES):
            found.append(
                _per_households(measure, title).model_copy(
                    update={"group": IndicatorGroup.OFFENCES, "parent": parent}
                )
            )
    ordered = (indicator.model_copy(update={"order": n}) for n, indicator in enumerate(found))
    return {indicator.id: indicator for indicator in ordered}


def national_indicators(data: NationalData) -> tuple[NationalIndicator, ...]:
    """The indicators some force has a figure for, in their ``order``: the headline counts, then
    each offence group followed by its subgroups, as the tables print them."""
    return tuple(_indicators(data).values())


def get_national_indicator(data: NationalData, indicator_id: str) -> NationalIndicator:
    known = _indicators(data)
    if indicator_id not in known:
        names = ", ".join(known) or "none: no force has a figure"
        raise UnknownNationalIndicator(f"unknown national indicator {indicator_id!r}; known: {names}")
    return known[indicator_id]
