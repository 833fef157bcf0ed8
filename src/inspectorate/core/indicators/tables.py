"""Empty tables in the canonical schema, for tests and callers that build data row by row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inspectorate.core.data.schema import TABLES

if TYPE_CHECKING:
    import duckdb


def empty_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every schema table, empty, in ``con``, named and typed as the schema says."""
    for table in TABLES:
        columns = ", ".join(f'"{column.name}" {column.type.value}' for column in table.columns)
        con.execute(f'CREATE TABLE "{table.name}" ({columns})')
