"""An indicator's value for one force and period, with what it was worked out from."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

Number = int | float


class MissingData(StrEnum):
    """Why a value could not be worked out."""

    NO_RECORDS = "no-records"
    MONTHS_MISSING = "months-missing"
    NO_POPULATION = "no-population"
    NOT_RECORDED = "not-recorded"
    ZERO_DENOMINATOR = "zero-denominator"


class BreakdownRow(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    dimension: str
    # None for records whose value in the breakdown column is missing.
    key: str | None
    label: str
    numerator: Number
    denominator: Number
    value: float | None


class IndicatorValue(BaseModel):
    """``value`` is None exactly when ``missing`` and ``reason`` say why."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    indicator_id: str
    numerator: Number | None = None
    denominator: Number | None = None
    value: float | None = None
    missing: MissingData | None = None
    reason: str | None = None
    breakdown: tuple[BreakdownRow, ...] = ()

    @property
    def available(self) -> bool:
        return self.value is not None

    def row(self, dimension: str, key: str | None) -> BreakdownRow | None:
        for candidate in self.breakdown:
            if candidate.dimension == dimension and candidate.key == key:
                return candidate
        return None


def ratio(numerator: Number, denominator: Number, scale: float) -> float | None:
    return None if denominator == 0 else scale * numerator / denominator


def unavailable(indicator_id: str, missing: MissingData, reason: str) -> IndicatorValue:
    return IndicatorValue(indicator_id=indicator_id, missing=missing, reason=reason)
