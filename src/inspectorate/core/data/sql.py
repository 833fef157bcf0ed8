"""Writing SQL text safely for DuckDB: identifiers, string literals and lists of them."""

from __future__ import annotations

from collections.abc import Iterable


def quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def text_list(values: Iterable[str]) -> str:
    return ", ".join(quote_text(value) for value in values)
