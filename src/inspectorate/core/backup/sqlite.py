"""A SQLite database snapshotted while it is in use, through SQLite's online backup API.

Copying the file of a live database can catch a write half made (the copy then fails its integrity
check); the backup API reads one committed state, whatever other connections write meanwhile.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from inspectorate.core.problems import InputError


def snapshot_sqlite(source: sqlite3.Connection, target: Path) -> None:
    """Write the database ``source`` is connected to into the new file ``target``, and check it.

    All pages are copied in one step: copied a few at a time, a write by another connection between
    two steps would start the copy again, and a busy database would never finish."""
    with closing(sqlite3.connect(target)) as copy:
        source.backup(copy, pages=-1)
        # A database in WAL mode is copied in WAL mode, and would grow -wal and -shm files beside
        # it when opened; one self-contained file is what a backup holds (the app sets WAL again).
        copy.execute("PRAGMA journal_mode=DELETE")
    problem = integrity_problem(target)
    if problem is not None:
        raise InputError(f"{target}: the database's snapshot fails SQLite's integrity check: {problem}")


def integrity_problem(path: Path) -> str | None:
    """SQLite's first complaint about the database file at ``path``, or None when it is sound."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as database:
            (verdict,) = database.execute("PRAGMA integrity_check(1)").fetchone()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if verdict == "ok" else str(verdict)
