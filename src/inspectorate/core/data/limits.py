"""Limits on the data files a load reads, checked before DuckDB parses them.

A CSV costs about what it weighs, so its size is the limit. A Parquet file does not: a few kilobytes
of run-length encoding can declare a billion rows, so its footer (rows, row groups, columns, and
the footer's own size) is read and checked first.
"""

from __future__ import annotations

GIBIBYTE = 1024**3
MAX_FILE_BYTES = 4 * GIBIBYTE
# A header of the longest known format is under 300 bytes.
MAX_HEADER_BYTES = 64 * 1024
# A force's largest table for a year (calls for service) is a few million rows.
MAX_PARQUET_ROWS = 20_000_000
MAX_PARQUET_ROW_GROUPS = 100_000
MAX_PARQUET_COLUMNS = 100
MAX_PARQUET_FOOTER_BYTES = 16 * 1024 * 1024
# Dates a record may carry: police records are of this century or the last, and Python's dates end
# with the year 9999 (DuckDB's go further, and a year 25023 slipped through).
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
