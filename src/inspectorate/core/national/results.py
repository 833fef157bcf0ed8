"""What a comparison across the 43 forces gives: the typed results the pages and the CLI show.

``compare.py`` fills them in; nothing here computes anything.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from inspectorate.core.national.figures import Unit


class Outlier(StrEnum):
    ABOVE = "above"
    BELOW = "below"


class IndicatorGroup(StrEnum):
    """Where an indicator stands on the pages: the headline figures first, then the offences."""

    HEADLINE = "headline"
    OFFENCES = "offences"


class NationalIndicator(BaseModel):
    """A figure compared across forces: a count, or a count per 1,000 people or households."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    numerator: str
    """The measure counted, e.g. ``recorded-crime``."""
    denominator: str | None
    """``population``, ``households`` or None for a count compared as it is."""
    per: int = 1000
    unit: Unit
    higher_is: str = "neither"
    """What a higher figure means, said plainly where it is clear ("more crime"); never a judgment."""
    group: IndicatorGroup = IndicatorGroup.HEADLINE
    order: int = 0
    """Its place in every list of indicators: the headline ones, then the offences as published."""
    parent: str | None = None
    """For an offence subgroup, the id of the indicator of the group it belongs to (the nearest
    one held: residential burglary's is burglary's, per 1,000 people); None for a group."""


class Denominator(BaseModel):
    """The population (or households) a rate divides by, and which estimate it is."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: float
    measure: str
    label: str
    """E.g. "ONS mid-2017 estimate" or "Census 2011 (no estimate for the year is held)"."""
    census_fallback: bool
    edition: str | None


class Revision(BaseModel):
    """An earlier edition's figure for the same force, measure and period, superseded but shown."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    edition: str
    value: float | None
    status: str


class ForceValue(BaseModel):
    """One force's figure for one indicator and period, placed among all forces."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    force_id: str
    force_name: str
    count: float | None
    denominator: Denominator | None
    value: float | None
    reason: str | None
    """Why there is no value: ".." in the table, no population held, the force not in the table;
    or, beside a value, why it is not ranked (the City of London's rates per head)."""
    rank: int | None
    """1 = highest value among the forces ranked."""
    ranked: int
    """How many forces are ranked (the "of 43" of a rank)."""
    z: float | None
    outlier: Outlier | None
    change_1y: float | None
    """Percentage change on the same period a year before, where both are held."""
    change_5y: float | None
    edition: str | None
    where: str | None
    revisions: tuple[Revision, ...] = ()


class OutlierBand(BaseModel):
    """The inspectorate's 2021/22 outlier lines: one standard deviation either side of the unweighted
    mean of all forces, on logs where logs make the distribution more normal (Shapiro-Wilk). On
    logs the band is centred on the forces' geometric mean, not their arithmetic mean."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    mean: float
    """The centre on the scale used: the mean of the figures, or where logged the mean of their
    logs (the log of their geometric mean; exp of it is the centre in the indicator's units)."""
    sd: float
    """The sample standard deviation on the scale used (of the logs where logged)."""
    logged: bool
    low: float
    """The lower line in the indicator's own units (where logged, the geometric mean divided by
    exp(sd))."""
    high: float
    """The upper line in the indicator's own units (where logged, the geometric mean times exp(sd))."""
    shapiro_p: float
    shapiro_p_logged: float | None
    forces: int


class IndicatorPeriod(BaseModel):
    """One indicator over one period for all 43 forces, with the England and Wales figure."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    indicator: NationalIndicator
    period_start: date
    period_end: date
    period_label: str
    """E.g. "year ending March 2019"."""
    forces: tuple[ForceValue, ...]
    """All 43: the ranked ones highest value first, then any with a value not ranked, then the
    forces without a value (by name)."""
    england_and_wales: float | None
    """Worked out from the forces: the sum of their counts over the sum of their denominators, with
    British Transport Police's count exactly where the table's own England and Wales count has it
    (``england_and_wales_includes_btp``), so that it compares with the published figure."""
    england_and_wales_excluding_btp: float | None
    """The inspectorate's 2021/22 convention: British Transport Police left out."""
    england_and_wales_includes_btp: bool = False
    """Whether ``england_and_wales`` counts British Transport Police (as Table P1's recorded crime
    does; Table P7's anti-social behaviour and the workforce tables' "Total 43 forces" do not)."""
    published_england_and_wales: float | None
    """The table's own England and Wales figure, where it prints one: a check, not a source."""
    forces_counted: int
    forces_missing: tuple[str, ...]
    band: OutlierBand | None
    editions: tuple[str, ...]


class GroupFigure(BaseModel):
    """A force's most similar group as a person entered it, and the group's figure."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    members: tuple[str, ...]
    value: float | None
    """The group's weighted figure: the sum of counts over the sum of denominators."""


class ForceIndicatorPeriod(BaseModel):
    """One force's row in its national history: the indicator, the period, its place among all forces."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    indicator: NationalIndicator
    period_start: date
    period_end: date
    period_label: str
    force: ForceValue
    england_and_wales: float | None
    england_and_wales_includes_btp: bool = False
    group: GroupFigure | None
    band: OutlierBand | None
