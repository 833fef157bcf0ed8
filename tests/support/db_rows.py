"""The rows some setup adds to the test database, kept to be put back later in one go.

Setup that is slow to run (the demo, built by the real `inspectorate demo` code) runs once, inside
a transaction that is rolled back; what it added is read out first, as the database returned it,
and each test module that needs it inserts those rows again inside its own transaction. The same
rows with the same keys, so the database is as the setup left it; sequences are never behind,
since PostgreSQL's are not rolled back and SQLite's follow the largest key inserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TableRows:
    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


Contents = dict[str, tuple[tuple[str, ...], dict[Any, tuple[Any, ...]]]]


def _contents() -> Contents:
    """Every table of every model: its columns, and its rows by primary key."""
    from django.apps import apps
    from django.db import connection

    quote = connection.ops.quote_name
    tables: Contents = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if not meta.managed or meta.proxy or meta.db_table in tables:
                continue
            cursor.execute(f"SELECT * FROM {quote(meta.db_table)}")
            columns = tuple(column[0] for column in cursor.description)
            key = columns.index(meta.pk.column)
            tables[meta.db_table] = (columns, {row[key]: tuple(row) for row in cursor.fetchall()})
    return tables


class Recorder:
    """What the database holds now, to tell later which rows were added since."""

    def __init__(self) -> None:
        self.before = _contents()

    def added(self) -> tuple[TableRows, ...]:
        """The rows added since; any other change is an error, as inserting cannot reproduce it."""
        added = []
        for table, (columns, after) in _contents().items():
            before_columns, before = self.before[table]
            assert columns == before_columns, table
            changed = [key for key, row in before.items() if after.get(key) != row]
            assert not changed, f"{table}: rows changed or deleted, not only added: {changed[:5]}"
            new = tuple(row for key, row in after.items() if key not in before)
            if new:
                added.append(TableRows(table, columns, new))
        return tuple(added)


def insert(tables: tuple[TableRows, ...]) -> None:
    """Put recorded rows back, inside a transaction. Django's foreign keys are deferred, so the order
    of the tables does not matter; each django_db test checks them all when it ends."""
    from django.db import connection

    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in tables:
            names = ", ".join(quote(column) for column in table.columns)
            places = ", ".join(["%s"] * len(table.columns))
            cursor.executemany(f"INSERT INTO {quote(table.table)} ({names}) VALUES ({places})", table.rows)
