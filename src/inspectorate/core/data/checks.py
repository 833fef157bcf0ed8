"""The checks a data file's rows must pass, and the scans that count them over a parsed file.

A file is usually clean, so the first scans only count: rows failing any check (with the rows per
month, which the batch needs anyway) and keys that repeat. The readers locate problems row by row
only when a count says there are some.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from inspectorate.core.data.limits import EARLIEST_YEAR, LATEST_YEAR
from inspectorate.core.data.schema import Check, ColumnType, Table
from inspectorate.core.data.sql import none_of, quote_name

if TYPE_CHECKING:
    import duckdb

# Above this many keys in one file their hashes are counted by DuckDB, which can spill to disk,
# rather than sorted in memory (8 bytes a key).
SORTED_HASHES_LIMIT = 40_000_000


def column_checks(table: Table) -> list[Check]:
    """Every rule of ``table``'s columns (required, vocabulary, range, a date's years) and its
    checks across columns, each a SQL condition true for a bad row."""
    checks: list[Check] = []
    for column in table.columns:
        name = quote_name(column.name)
        if column.required:
            checks.append(Check(column.name, f"{name} IS NULL", "is empty"))
        if column.allowed:
            checks.append(
                Check(
                    column.name, none_of(name, column.allowed), "must be one of " + ", ".join(column.allowed)
                )
            )
        if column.minimum is not None:
            checks.append(
                Check(column.name, f"{name} < {column.minimum}", f"must be at least {column.minimum:g}")
            )
        if column.maximum is not None:
            checks.append(
                Check(column.name, f"{name} > {column.maximum}", f"must be at most {column.maximum:g}")
            )
        if column.type in (ColumnType.DATE, ColumnType.TIMESTAMP):
            # Compared as values, not by year(), which costs more per row and is empty (so passes)
            # for an infinite date.
            first, after = f"{EARLIEST_YEAR}-01-01", f"{LATEST_YEAR + 1}-01-01"
            checks.append(
                Check(
                    column.name,
                    f"({name} < {column.type.value} '{first}' OR {name} >= {column.type.value} '{after}')",
                    f"must be a date from {EARLIEST_YEAR} to {LATEST_YEAR}",
                )
            )
    checks.extend(Check(check.field, f"({check.failing_when})", check.message) for check in table.checks)
    return checks


def _failing_sum(failing: str | None) -> str:
    return f"sum(CASE WHEN {failing} THEN 1 ELSE 0 END)" if failing else "0"


def count_failing(con: duckdb.DuckDBPyConnection, relation: str, failing: str | None) -> int:
    """Rows of ``relation`` for which the condition ``failing`` holds."""
    return int(con.execute(f"SELECT {_failing_sum(failing)} FROM {relation}").fetchall()[0][0] or 0)


def count_by_month(
    con: duckdb.DuckDBPyConnection, relation: str, failing: str | None, date_column: str
) -> tuple[list[tuple[str | None, int]], int]:
    """Rows by month (YYYY-MM, None for no date) and rows for which ``failing`` holds, in one scan."""
    # Months leave DuckDB as text: a date past Python's calendar (a bad row, which the checks
    # refuse) would not convert.
    rows = con.execute(
        f"SELECT strftime(month, '%Y-%m'), rows, failed FROM (SELECT date_trunc('month', "
        f"{quote_name(date_column)}) AS month, count(*) AS rows, {_failing_sum(failing)} AS failed "
        f"FROM {relation} GROUP BY month) ORDER BY month"
    ).fetchall()
    months = [(None if month is None else str(month), int(count)) for month, count, _ in rows]
    return months, sum(int(failed or 0) for _, _, failed in rows)


def repeated_hashes(con: duckdb.DuckDBPyConnection, relation: str, key: str, rows: int) -> int:
    """Keys sharing a hash with another (usually 0, which proves that every key differs).

    The hashes are sorted with NumPy and neighbours compared: several times cheaper than DuckDB's
    count of distinct values, whose hash table of millions of entries was the costliest part of the
    checks. A shortfall (a repeat, or very rarely two keys with one hash) calls for the exact search.
    """
    column = quote_name(key)
    if rows > SORTED_HASHES_LIMIT:
        # hash(NULL) is a value: left in, it would stand for one repeat and hide it.
        distinct = f"count(DISTINCT hash({column})) FILTER (WHERE {column} IS NOT NULL)"
        sql = f"SELECT count({column}) - {distinct} FROM {relation}"
        return int(con.execute(sql).fetchall()[0][0] or 0)
    hashes = con.execute(
        f"SELECT hash({column}) AS h FROM {relation} WHERE {column} IS NOT NULL"
    ).fetchnumpy()
    return equal_neighbours_once_sorted(hashes["h"])


def equal_neighbours_once_sorted(hashes: object) -> int:
    """How many values equal the one before them once ``hashes`` (unsigned 64-bit) are sorted."""
    import numpy as np

    values = np.asarray(hashes, dtype=np.uint64)
    values.sort()
    return int(np.count_nonzero(values[1:] == values[:-1]))
