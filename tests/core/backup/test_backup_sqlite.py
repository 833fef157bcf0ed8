"""A SQLite database snapshotted while another connection writes to it: the snapshot is one committed
state (it opens, passes SQLite's integrity check, and holds every transaction whole or not at all)."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest

from inspectorate.core.backup.sqlite import integrity_problem, snapshot_sqlite


def _database(path: Path, journal: str) -> None:
    with closing(sqlite3.connect(path)) as database:
        database.execute(f"PRAGMA journal_mode={journal}")
        database.execute("CREATE TABLE debits (id INTEGER PRIMARY KEY, amount INTEGER, note TEXT)")
        database.execute("CREATE TABLE credits (id INTEGER PRIMARY KEY, amount INTEGER, note TEXT)")
        database.commit()


def _write_until(path: Path, stop: threading.Event, written: list[int]) -> None:
    """Each transaction adds a debit and its credit: a torn copy would hold one without the other."""
    with closing(sqlite3.connect(path, timeout=30)) as database:
        database.execute("PRAGMA synchronous=OFF")  # the test is about isolation, not durability
        while not stop.is_set():
            with database:
                for table in ("debits", "credits"):
                    database.execute(f"INSERT INTO {table} (amount, note) VALUES (?, ?)", (7, "x" * 2000))
            written.append(1)


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_snapshot_taken_while_another_connection_writes_is_whole_and_sound(tmp_path, journal):
    live = tmp_path / "live.sqlite3"
    _database(live, journal)
    stop, written = threading.Event(), []
    writer = threading.Thread(target=_write_until, args=(live, stop, written))
    writer.start()
    try:
        snapshots = []
        with closing(sqlite3.connect(live, timeout=30)) as source:
            for number in range(3):
                while len(written) < 10 * (number + 1):
                    stop.wait(0.01)
                target = tmp_path / f"snapshot-{number}.sqlite3"
                snapshot_sqlite(source, target)
                snapshots.append(target)
    finally:
        stop.set()
        writer.join()
    for target in snapshots:
        assert integrity_problem(target) is None
        # Self-contained: no WAL of its own beside it to lose in a copy.
        assert not target.with_name(target.name + "-wal").exists()
        with closing(sqlite3.connect(target)) as copy:
            debits = copy.execute("SELECT count(*), sum(amount) FROM debits").fetchone()
            credits = copy.execute("SELECT count(*), sum(amount) FROM credits").fetchone()
        assert debits == credits
        assert debits[0] > 0


def test_a_file_that_is_not_a_database_is_named_by_the_integrity_check(tmp_path):
    torn = tmp_path / "torn.sqlite3"
    torn.write_bytes(b"SQLite format 3\x00" + b"\xff" * 3000)
    assert integrity_problem(torn) is not None
