"""Where rows that failed their checks go when the user asks to load the rest anyway.

The quarantine file is a CSV beside the store: the line each bad row came from, every problem
found in it, and the row itself (the raw line for rows that could not be parsed at all), so it can
be corrected and loaded again.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from inspectorate.core.data.readers import reject_message
from inspectorate.core.data.sql import quote_name

if TYPE_CHECKING:
    import duckdb

    from inspectorate.core.data.readers import FileRead

QUARANTINE_HEADER = ("line", "problems", "record")


def write_quarantine(con: duckdb.DuckDBPyConnection, read: FileRead, target: Path) -> int:
    """Write every bad row of ``read`` to ``target``; returns how many rows were written."""
    entries: list[tuple[int, str, str]] = []
    if _has_table(con, f"rejects_{read.number}"):
        unparsed: dict[int, tuple[list[str], str]] = {}
        for line, column, kind, message, text in con.execute(
            f"SELECT line, column_name, error_type, error_message, csv_line FROM rejects_{read.number}"
        ).fetchall():
            notes, _ = unparsed.setdefault(int(line), ([], str(text or "")))
            notes.append(f"{column}: {reject_message(str(kind), str(message))}")
        entries.extend((line, "; ".join(notes), text) for line, (notes, text) in unparsed.items())
    if read.bad_table is not None and read.line_map is not None:
        flags = [f"coalesce({check.failing_when}, false)" for check in read.checks]
        header = read.format.header
        values = ", ".join(f"CAST({quote_name(name)} AS VARCHAR)" for name in header)
        select_flags = (", ".join(flags) + ", ") if flags else ""
        for row, *rest in con.execute(
            f"SELECT {read.row}, {select_flags}{values} FROM {read.relation} "
            f"WHERE {read.row} IN (SELECT row FROM {read.bad_table}) ORDER BY {read.row}"
        ).fetchall():
            failed, record = rest[: len(flags)], rest[len(flags) :]
            notes = [
                f"{c.field}: {c.message}"
                for c, is_failing in zip(read.checks, failed, strict=True)
                if is_failing
            ]
            notes.extend(read.row_notes.get(int(row), []))
            entries.append((read.line_map.line_of(int(row)), "; ".join(notes), _as_csv_line(record)))
    entries.sort()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(QUARANTINE_HEADER)
        writer.writerows(entries)
    return len(entries)


def _as_csv_line(values: list[object]) -> str:
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(["" if v is None else v for v in values])
    return buffer.getvalue()


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    rows = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchall()
    return int(rows[0][0]) > 0
