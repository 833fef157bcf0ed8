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
from inspectorate.core.national.results import NationalIndicator
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


# The counts compared per 1,000 people, in the order the pages list them.
KNOWN_COUNTS = (
    _Known(RECORDED_CRIME, "Recorded crime (excluding fraud) per 1,000 people", "more crime recorded"),
    _Known("asb-incidents", "Anti-social behaviour incidents per 1,000 people", "more incidents recorded"),
    _Known("officers-fte", "Police officers (full-time equivalent) per 1,000 people", "more officers"),
    _Known("staff-fte", "Police staff (full-time equivalent) per 1,000 people", "more police staff"),
    _Known("pcso-fte", "PCSOs (full-time equivalent) per 1,000 people", "more PCSOs"),
    _Known("use-of-force-incidents", "Use of force incidents per 1,000 people", "more use of force recorded"),
)
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
    # Offence groups in the order the tables print them; any the data does not name come last.
    order = {measure_id: place for place, measure_id in enumerate(titles)}
    units = {measure.id: measure.unit for measure in data.measures}
    counts = {
        m
        for m in with_values
        if m.startswith(GROUP_PREFIX)
        and not m.endswith((PER_PEOPLE, PER_HOUSEHOLDS))
        and units.get(m, Unit.COUNT) is Unit.COUNT
    }
    groups = sorted(counts, key=lambda m: (order.get(m, len(order)), m))
    for measure in groups:
        title = titles.get(measure, measure.removeprefix(GROUP_PREFIX).replace("-", " ").capitalize())
        found.append(_per_people(measure, f"{title} per 1,000 people", "more crime recorded"))
        offence = measure.removeprefix(GROUP_PREFIX)
        if has_households and (f"{measure}{PER_HOUSEHOLDS}" in published or offence in _HOUSEHOLD_OFFENCES):
            found.append(_per_households(measure, title))
    return {indicator.id: indicator for indicator in found}


def national_indicators(data: NationalData) -> tuple[NationalIndicator, ...]:
    """The indicators some force has a figure for: the known counts, then each offence group."""
    return tuple(_indicators(data).values())


def get_national_indicator(data: NationalData, indicator_id: str) -> NationalIndicator:
    known = _indicators(data)
    if indicator_id not in known:
        names = ", ".join(known) or "none: no force has a figure"
        raise UnknownNationalIndicator(f"unknown national indicator {indicator_id!r}; known: {names}")
    return known[indicator_id]
