"""The indicator engine: named indicators worked out from a force's data, and compared.

``compute_values`` (or ``compute_values_with_previous``) turns the canonical tables in a DuckDB
connection into an ``IndicatorValue`` per indicator; ``compare`` sets those against the previous
period, targets, England and Wales and the force's most similar group, with significance tests.
"""

from inspectorate.core.indicators.comparators import ForceValues, compare
from inspectorate.core.indicators.compute import (
    compute_periods,
    compute_values,
    compute_values_with_previous,
)
from inspectorate.core.indicators.definitions import (
    DEFINITIONS,
    Breakdown,
    Definition,
    Direction,
    Measure,
    Target,
    Unit,
    UnknownIndicator,
    get_indicator,
    indicator_ids,
)
from inspectorate.core.indicators.ethnicity import ethnic_group_sql
from inspectorate.core.indicators.periods import ForceContext, Period
from inspectorate.core.indicators.published import (
    PUBLISHED_HEADER,
    PublishedComparator,
    PublishedFigure,
    PublishedFigures,
    read_published,
    shipped_published,
)
from inspectorate.core.indicators.results import (
    BreakdownResult,
    ComparatorKind,
    Comparison,
    IndicatorResult,
    results_to_json,
    results_to_rows,
)
from inspectorate.core.indicators.tables import empty_tables
from inspectorate.core.indicators.values import BreakdownRow, IndicatorValue, MissingData

__all__ = [
    "DEFINITIONS",
    "PUBLISHED_HEADER",
    "Breakdown",
    "BreakdownResult",
    "BreakdownRow",
    "ComparatorKind",
    "Comparison",
    "Definition",
    "Direction",
    "ForceContext",
    "ForceValues",
    "IndicatorResult",
    "IndicatorValue",
    "Measure",
    "MissingData",
    "Period",
    "PublishedComparator",
    "PublishedFigure",
    "PublishedFigures",
    "Target",
    "Unit",
    "UnknownIndicator",
    "compare",
    "compute_periods",
    "compute_values",
    "compute_values_with_previous",
    "empty_tables",
    "ethnic_group_sql",
    "get_indicator",
    "indicator_ids",
    "read_published",
    "results_to_json",
    "results_to_rows",
    "shipped_published",
]
