"""Building blocks of the synthetic generator: months, allocation, random times and Arrow columns.

Categories are allocated rather than drawn independently: a month with n rows gets n * share of each
category, with only the fractional parts left to chance. The expected share is exact and the noise is
at most a row or so per category per month, so even a small force's figures land on the calibration.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]
from numpy.typing import ArrayLike, NDArray

from inspectorate.core.data import schema

Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]
DAY = 86_400
EPOCH = date(1970, 1, 1)
ID_DIGITS = 9

# Relative volume by hour of day, midnight first.
CALL_HOURS = np.array(
    [
        3,
        2.5,
        2,
        1.5,
        1.2,
        1.2,
        1.5,
        2.5,
        3.5,
        4,
        4.2,
        4.3,
        4.4,
        4.4,
        4.5,
        4.7,
        5,
        5.2,
        5.3,
        5.2,
        5,
        4.8,
        4.3,
        3.6,
    ]
)
SEARCH_HOURS = np.array(
    [
        4,
        3.5,
        3,
        2,
        1.2,
        0.8,
        0.8,
        1,
        1.5,
        2,
        2.5,
        3,
        3.2,
        3.5,
        3.8,
        4.2,
        4.8,
        5.2,
        5.6,
        5.8,
        5.8,
        5.6,
        5.2,
        4.6,
    ]
)


@dataclass(frozen=True)
class Month:
    index: int
    start: date
    end: date  # exclusive
    # 0 for the previous year, 1 for the year asked for.
    period: int
    period_end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def start_day(self) -> int:
        return (self.start - EPOCH).days

    @property
    def start_s(self) -> int:
        return int(datetime(self.start.year, self.start.month, 1, tzinfo=UTC).timestamp())

    @property
    def end_s(self) -> int:
        return self.start_s + self.days * DAY

    @property
    def period_end_day(self) -> int:
        return (self.period_end - EPOCH).days


# ---- allocation and random times ----------------------------------------------------------------


def stochastic_round(rng: np.random.Generator, value: float) -> int:
    whole = math.floor(value)
    return whole + int(rng.random() < value - whole)


def allocate(rng: np.random.Generator, n: int, weights: ArrayLike) -> Ints:
    """Counts per category summing to n, each n * share in expectation; chance decides only the fractions."""
    shares = np.asarray(weights, dtype=np.float64)
    if n == 0:
        return np.zeros(shares.size, dtype=np.int64)
    exact = n * shares / shares.sum()
    counts: Ints = np.floor(exact).astype(np.int64)
    rest = n - int(counts.sum())
    if rest > 0:
        fractions = exact - counts
        counts += rng.multinomial(rest, fractions / fractions.sum())
    return counts


def categories(rng: np.random.Generator, n: int, weights: ArrayLike) -> Ints:
    counts = allocate(rng, n, weights)
    index: Ints = rng.permutation(np.repeat(np.arange(counts.size, dtype=np.int64), counts))
    return index


def flags(rng: np.random.Generator, n: int, share: float) -> Bools:
    chosen: Bools = categories(rng, n, (1.0 - share, share)) == 1
    return chosen


def random_seconds(rng: np.random.Generator, n: int, month: Month, hours: NDArray[np.float64]) -> Ints:
    """Sorted timestamps (seconds since 1970) within the month, following an hour-of-day profile."""
    day = rng.integers(0, month.days, n)
    hour = rng.choice(24, size=n, p=hours / hours.sum())
    return np.sort(month.start_s + day * DAY + hour * 3600 + rng.integers(0, 3600, n))


def random_days(rng: np.random.Generator, n: int, month: Month) -> Ints:
    return np.sort(month.start_day + rng.integers(0, month.days, n))


def truncated_exponential(rng: np.random.Generator, mean: NDArray[np.float64], limit: Ints) -> Ints:
    """Whole days drawn from an exponential with ``mean``, cut off so each is below its ``limit`` (>= 1)."""
    u = rng.random(mean.size)
    cont = -mean * np.log1p(-u * -np.expm1(-limit / mean))
    return np.minimum(np.floor(cont).astype(np.int64), limit - 1)


# ---- Arrow columns ----------------------------------------------------------------------------------


def ids(prefix: str, numbers: Ints, null: Bools | None = None) -> Any:
    digits = pc.utf8_lpad(pc.cast(pa.array(numbers, mask=null), pa.string()), ID_DIGITS, "0")
    return pc.binary_join_element_wise(prefix, digits, "")


def text(vocabulary: Sequence[str], index: Ints, null: Bools | None = None) -> Any:
    return pc.take(pa.array(list(vocabulary), pa.string()), pa.array(index, mask=null))


def timestamps(seconds: Ints, null: Bools | None = None) -> Any:
    return pa.array(seconds, type=pa.timestamp("s"), mask=null)


def dates(days: Ints, null: Bools | None = None) -> Any:
    return pa.array(days.astype(np.int32), type=pa.date32(), mask=null)


def booleans(values: Bools, null: Bools | None = None) -> Any:
    return pa.array(values, type=pa.bool_(), mask=null)


def integers(values: Ints, null: Bools | None = None) -> Any:
    return pa.array(values, type=pa.int64(), mask=null)


_ARROW_TYPES = {
    schema.ColumnType.TEXT: pa.string(),
    schema.ColumnType.INTEGER: pa.int64(),
    schema.ColumnType.DECIMAL: pa.float64(),
    schema.ColumnType.BOOLEAN: pa.bool_(),
    schema.ColumnType.DATE: pa.date32(),
    schema.ColumnType.TIMESTAMP: pa.timestamp("s"),
}


def arrow_schema(table: schema.Table) -> Any:
    return pa.schema([pa.field(column.name, _ARROW_TYPES[column.type]) for column in table.columns])


def assemble(table: schema.Table, n: int, columns: dict[str, Any]) -> Any:
    """An Arrow table with exactly the schema's columns in order; columns not given are all empty."""
    target = arrow_schema(table)
    arrays = [columns.get(field.name, pa.nulls(n, field.type)) for field in target]
    unknown = set(columns) - set(target.names)
    if unknown:
        raise KeyError(f"{table.name} has no column {sorted(unknown)}")
    return pa.Table.from_arrays(arrays, schema=target)


class Counter:
    """Hands out consecutive numbers so ids stay unique across months and both years."""

    def __init__(self) -> None:
        self.next = 1

    def take(self, n: int) -> Ints:
        numbers = np.arange(self.next, self.next + n, dtype=np.int64)
        self.next += n
        return numbers
