"""One figure from an official national table, with the edition and the cell it came from.

A figure is for an *area* (a force's police.uk id, or one of the totals in ``AREAS``) and a
*period*: the twelve months (or the quarter, or the month) from ``period_start`` to
``period_end``, or, for a count taken on a day (population at mid-year, workforce as at 31
March), the day itself with ``period_start`` equal to ``period_end``. A table's ".." (not
available) and "-" (not applicable) are kept as such, never read as zero.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(min_length=1, max_length=120, pattern=r"^[a-z0-9][a-z0-9.\-]*$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=500)]

ENGLAND_AND_WALES = "england-and-wales"
ENGLAND = "england"
WALES = "wales"
BRITISH_TRANSPORT_POLICE = "british-transport-police"
# Areas that are not one of the 43 territorial forces. Regions are not kept: every comparison is
# between forces, and the England and Wales figure is worked out again from them.
AREAS = (ENGLAND_AND_WALES, ENGLAND, WALES, BRITISH_TRANSPORT_POLICE)


class Status(StrEnum):
    VALUE = "value"
    NOT_AVAILABLE = "not-available"
    """The table prints ".." (or leaves a force out): the figure exists but was not supplied."""
    NOT_APPLICABLE = "not-applicable"
    """The table prints "-": there is no such figure for this area."""


class Publisher(StrEnum):
    ONS = "Office for National Statistics"
    HOME_OFFICE = "Home Office"
    POLICE_UK = "police.uk"


class Edition(BaseModel):
    """One published release of a table: what it is, who published it, when, and the file read."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Slug
    """Stable for the release, e.g. ``ons-pfa-tables-ye-2019-03``."""
    series: Slug
    """The editions that revise one another share a series, e.g. ``ons-pfa-tables``."""
    title: Text
    publisher: Publisher
    published: date | None
    """The day of release where the file or its notes say it; None where nothing does."""
    source_file: Text
    """The file's name as published."""
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    licence: Text = "Open Government Licence v3.0"
    note: str = ""


class Unit(StrEnum):
    COUNT = "count"
    FTE = "full-time equivalent"
    PEOPLE = "people"
    HOUSEHOLDS = "households"
    RATE_PER_1000_PEOPLE = "per 1,000 people"
    RATE_PER_1000_HOUSEHOLDS = "per 1,000 households"
    PERCENT = "percent"


class Measure(BaseModel):
    """What a figure counts: ``recorded-crime`` (total excluding fraud), ``recorded-crime.burglary``,
    ``population``, ``officers-fte``... The title is the table's own heading, footnote marks removed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Slug
    title: Text
    unit: Unit


class NationalFigure(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    measure: Slug
    area: Slug
    """A force's police.uk id, or one of ``AREAS``."""
    period_start: date
    period_end: date
    value: float | None = Field(default=None, allow_inf_nan=False)
    status: Status = Status.VALUE
    edition: Slug
    where: Text
    """The cell it was read from: sheet (table), row and column, e.g. "Table P1, row 14, column C"."""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.period_start > self.period_end:
            raise ValueError(f"period starts {self.period_start} after it ends {self.period_end}")
        if (self.value is None) != (self.status is not Status.VALUE):
            raise ValueError("a figure has a value exactly when its status is 'value'")
        return self

    @property
    def key(self) -> tuple[str, str, date, date]:
        """What two editions must share for one to revise the other."""
        return (self.measure, self.area, self.period_start, self.period_end)


class NationalTable(BaseModel):
    """What one reader took from one file: its edition, the measures it names, every figure."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    edition: Edition
    measures: tuple[Measure, ...]
    figures: tuple[NationalFigure, ...]


class NationalData(BaseModel):
    """Every edition held (shipped with the package and loaded into the workspace), their measures
    and figures, superseded ones included: what the comparisons are worked out from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    editions: tuple[Edition, ...] = ()
    measures: tuple[Measure, ...] = ()
    figures: tuple[NationalFigure, ...] = ()
