"""The engine, called the way ``inspectorate indicators compute`` calls it, and its answer in flat form."""

from __future__ import annotations

from collections.abc import Sequence

from figures import Flat, put_value, slot_name

from inspectorate.core.data.store import Dataset, DataStore
from inspectorate.core.indicators import ComparatorKind, Comparison, Period
from inspectorate.core.numbers import ForceNumbers, force_numbers


def engine_results(store: DataStore, dataset: Dataset, period: Period | None) -> ForceNumbers:
    """Every indicator for ``period`` (default: the latest 12 months) with every comparator: the command
    line's one call into the core."""
    return force_numbers(store, dataset, period)


def _put_comparisons(
    flat: Flat, name: str, own_value: float | None, comparisons: Sequence[Comparison]
) -> None:
    for comparison in comparisons:
        # A comparator with no figure (no most similar groups given, no published figure for the period)
        # has nothing to agree on.
        if comparison.value is None:
            continue
        key = f"{name}|{comparison.kind.value}"
        flat[f"{key}|value"] = comparison.value
        if own_value is None:
            continue
        flat[f"{key}|difference"] = comparison.difference
        flat[f"{key}|p"] = comparison.p_value
        if comparison.kind is ComparatorKind.TARGET:
            flat[f"{key}|met"] = comparison.met


def flatten_engine(numbers: ForceNumbers) -> Flat:
    flat: Flat = {}
    for r in numbers.results:
        missing = None if r.missing is None else r.missing.value
        put_value(flat, r.id, None, None, r.value, r.numerator, r.denominator, missing)
        _put_comparisons(flat, slot_name(r.id, None, None), r.value, r.comparisons)
        for b in r.breakdown:
            put_value(flat, r.id, b.dimension, b.key, b.value, b.numerator, b.denominator, None)
            _put_comparisons(flat, slot_name(r.id, b.dimension, b.key), b.value, b.comparisons)
    return flat
