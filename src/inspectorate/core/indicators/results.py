"""Indicator results with their comparisons, and their JSON and CSV forms (made from the same objects)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from inspectorate.core.indicators.definitions import Unit
from inspectorate.core.indicators.values import MissingData, Number
from inspectorate.core.stats.significance import StatTest


class ComparatorKind(StrEnum):
    PREVIOUS_PERIOD = "previous-period"
    TARGET = "target"
    ENGLAND_AND_WALES = "england-and-wales"
    MSG = "msg"


class Comparison(BaseModel):
    """The force's value set against one comparator; ``reason`` says what could not be worked out."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ComparatorKind
    label: str
    value: float | None = None
    # Percentage points for percentages; percent of the comparator's value for rates and ratios.
    difference: float | None = None
    difference_unit: str | None = None
    # Only for a target.
    met: bool | None = None
    significant: bool | None = None
    test: StatTest | None = None
    p_value: float | None = None
    source: str | None = None
    reason: str | None = None


class BreakdownResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    dimension: str
    key: str | None
    label: str
    unit: Unit
    numerator: Number
    denominator: Number
    value: float | None
    comparisons: tuple[Comparison, ...] = ()


class IndicatorResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    unit: Unit
    period: str
    period_start: date
    period_end: date
    value: float | None
    numerator: Number | None
    denominator: Number | None
    missing: MissingData | None = None
    reason: str | None = None
    breakdown: tuple[BreakdownResult, ...] = ()
    comparisons: tuple[Comparison, ...] = ()


def results_to_json(results: Iterable[IndicatorResult]) -> list[dict[str, object]]:
    return [result.model_dump(mode="json") for result in results]


Cell = str | int | float | bool | None

ROW_HEADER: tuple[str, ...] = (
    "indicator",
    "title",
    "period",
    "unit",
    "dimension",
    "key",
    "label",
    "value",
    "numerator",
    "denominator",
    "reason",
    "comparator",
    "comparator_label",
    "comparator_value",
    "difference",
    "difference_unit",
    "met",
    "significant",
    "test",
    "p_value",
    "source",
    "comparator_reason",
)


def _comparison_cells(comparison: Comparison | None) -> tuple[Cell, ...]:
    if comparison is None:
        return (None,) * 11
    c = comparison
    test = None if c.test is None else c.test.value
    return (
        c.kind.value,
        c.label,
        c.value,
        c.difference,
        c.difference_unit,
        c.met,
        c.significant,
        test,
        c.p_value,
        c.source,
        c.reason,
    )


def _with_comparisons(head: tuple[Cell, ...], comparisons: Sequence[Comparison]) -> list[tuple[Cell, ...]]:
    if not comparisons:
        return [head + _comparison_cells(None)]
    return [head + _comparison_cells(comparison) for comparison in comparisons]


def results_to_rows(results: Iterable[IndicatorResult]) -> tuple[tuple[str, ...], list[tuple[Cell, ...]]]:
    """The header and one row per indicator (or breakdown row) and comparator, for a CSV."""
    rows: list[tuple[Cell, ...]] = []
    for r in results:
        start = (r.id, r.title, r.period, r.unit.value)
        head = (*start, None, None, r.title, r.value, r.numerator, r.denominator, r.reason)
        rows += _with_comparisons(head, r.comparisons)
        for b in r.breakdown:
            cells = (b.dimension, b.key, b.label, b.value, b.numerator, b.denominator, None)
            rows += _with_comparisons((*start[:3], b.unit.value, *cells), b.comparisons)
    return ROW_HEADER, rows
