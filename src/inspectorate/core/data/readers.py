"""Reading one data file into DuckDB, with every bad row located by file, line and field.

A file is recognised by its header alone: each canonical table and each police.uk file has its
own. The parsing itself is DuckDB's (typed, in parallel); rows it cannot parse are collected from
its rejects table with their line numbers, and the rules it cannot know (vocabularies, required
fields, checks across columns, repeated keys; see ``checks``) are counted over what it parsed, and
located row by row only when a count says something is wrong.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from inspectorate.core.data.checks import column_checks, count_by_month, count_failing, repeated_hashes
from inspectorate.core.data.limits import (
    GIBIBYTE,
    MAX_FILE_BYTES,
    MAX_HEADER_BYTES,
    MAX_PARQUET_COLUMNS,
    MAX_PARQUET_FOOTER_BYTES,
    MAX_PARQUET_ROW_GROUPS,
    MAX_PARQUET_ROWS,
)
from inspectorate.core.data.lines import LONE_CR, FileLines, LineMap, line_ending_problem
from inspectorate.core.data.policeuk import FORMATS, PoliceUkFormat, force_in_file_name
from inspectorate.core.data.schema import TABLES, Check, Table
from inspectorate.core.data.sql import PARQUET_WRITE, quote_name, quote_text
from inspectorate.core.forces.reference import find_force
from inspectorate.core.problems import InputError, Problem

if TYPE_CHECKING:
    import duckdb

# Problems listed in full per file; beyond this they are counted, so a broken file of a million rows
# still gives a readable message.
SHOWN_PROBLEMS = 20


@dataclass(frozen=True)
class FileFormat:
    """What a file holds: a canonical table, or one of the police.uk files."""

    header: tuple[str, ...]
    canonical: Table | None = None
    police_uk: PoliceUkFormat | None = None

    @property
    def kind(self) -> str:
        if self.canonical is not None:
            return self.canonical.name
        assert self.police_uk is not None
        return self.police_uk.kind


KNOWN_FORMATS: tuple[FileFormat, ...] = tuple(FileFormat(t.header, canonical=t) for t in TABLES) + tuple(
    FileFormat(f.header, police_uk=f) for f in FORMATS
)


@dataclass
class FileRead:
    """A file parsed into a temporary DuckDB table, with what was wrong in it."""

    path: Path
    format: FileFormat
    relation: str
    rows_read: int
    problems: list[Problem] = field(default_factory=list)
    bad_rows: int = 0
    bad_table: str | None = None
    # Canonical table -> SELECT of the good rows in canonical columns.
    outputs: dict[str, str] = field(default_factory=dict)
    number: int = 0
    # The column numbering parsed rows from 0: DuckDB's rowid in a temporary table, or the row
    # number of the Parquet file a large CSV is streamed into.
    row: str = "rowid"
    # The Parquet file a canonical CSV was streamed into, which becomes its batch when all is well.
    staged: Path | None = None
    checks: list[Check] = field(default_factory=list)
    line_map: LineMap | FileLines | None = None
    # Problems found outside the row checks (repeated keys, wrong force), by parsed row, for quarantine.
    row_notes: dict[int, list[str]] = field(default_factory=dict)
    # Rows by month of every parsed row of a canonical file, counted in the checks' scan: the batch's
    # months (YYYY-MM) when no row is set aside, so that the store need not count them again.
    month_rows: list[tuple[str | None, int]] | None = None

    @property
    def source(self) -> str:
        return self.path.name


def identify(path: Path) -> FileFormat:
    """The format a file's header announces; an unknown header is a one-line located error."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"{path.name}: is {size / GIBIBYTE:.1f} GB: files of more than "
                f"{MAX_FILE_BYTES // GIBIBYTE} GB are not loaded; split it by month"
            )
        if path.suffix.lower() == ".parquet":
            return _identify_parquet(path, size)
        with path.open("rb") as handle:
            first = handle.readline(MAX_HEADER_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    if not first.strip():
        raise InputError(f"{path.name}:1: the file is empty")
    if b"\r" in first.removesuffix(b"\n").removesuffix(b"\r"):
        raise InputError(f"{path.name}:1: header: {LONE_CR}")
    if len(first) > MAX_HEADER_BYTES:
        raise InputError(
            f"{path.name}:1: header: the first line is longer than {MAX_HEADER_BYTES // 1024} KB: "
            "not a data return file"
        )
    try:
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path.name}:1: header: not UTF-8 text (byte {exc.start + 1}); save the file as UTF-8"
        ) from None
    try:
        header = tuple(next(csv.reader(io.StringIO(text)), []))
    except csv.Error as exc:
        raise InputError(f"{path.name}:1: header: cannot be read as CSV ({exc})") from None
    return _format_for(header, path.name, line=1)


def _identify_parquet(path: Path, size: int) -> FileFormat:
    """A Parquet file's columns, after its footer has passed the limits (see ``limits``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with path.open("rb") as handle:
        if size >= 12:
            handle.seek(size - 8)
            tail = handle.read(8)
        else:
            tail = b""
    if tail[4:] != b"PAR1":
        raise InputError(f"{path.name}: not a readable Parquet file (it does not end as one)")
    footer = int.from_bytes(tail[:4], "little")
    if footer > min(MAX_PARQUET_FOOTER_BYTES, size - 12):
        raise InputError(f"{path.name}: not a readable Parquet file (its footer claims {footer:,} bytes)")
    try:
        metadata = pq.read_metadata(path)
        schema = metadata.schema.to_arrow_schema()
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise InputError(f"{path.name}: not a readable Parquet file ({_first_line(exc)})") from None
    for count, limit, what in (
        (metadata.num_rows, MAX_PARQUET_ROWS, "rows"),
        (metadata.num_row_groups, MAX_PARQUET_ROW_GROUPS, "row groups"),
        (len(schema.names), MAX_PARQUET_COLUMNS, "columns"),
    ):
        if count > limit:
            raise InputError(f"{path.name}: has {count:,} {what}: a file of at most {limit:,} is loaded")
    names = tuple(schema.names)
    for name in names:
        if names.count(name) > 1:
            raise InputError(f"{path.name}: {_shown(name)}: the column appears twice")
    for column in schema:
        if pa.types.is_nested(column.type):
            raise InputError(
                f"{path.name}: {_shown(column.name)}: holds {column.type} values, not one value per row"
            )
    for candidate in KNOWN_FORMATS:
        if candidate.canonical is not None and set(candidate.header) == set(names):
            return candidate
    return _format_for(names, path.name, line=None)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _shown(value: str) -> str:
    """A value for a message, cut short: a header can be a whole file's first line."""
    return repr(value) if len(value) <= 60 else repr(value[:57] + "...")


def _format_for(header: tuple[str, ...], source: str, line: int | None) -> FileFormat:
    for candidate in KNOWN_FORMATS:
        if candidate.header == header:
            return candidate
    closest = max(KNOWN_FORMATS, key=lambda f: len(set(f.header) & set(header)))
    where = f"{source}:{line}" if line else source
    for position, expected in enumerate(closest.header, start=1):
        found = header[position - 1] if position <= len(header) else None
        if found != expected:
            shown = "nothing" if found is None else _shown(found)
            raise InputError(
                f"{where}: header: column {position} should be {expected!r} for a {closest.kind} file, "
                f"found {shown}"
            )
    extra = header[len(closest.header)]
    raise InputError(
        f"{where}: header: unexpected column {_shown(extra)} after a complete {closest.kind} header"
    )


_REJECT_MESSAGES = {
    "MISSING COLUMNS": "too few fields (is the file cut short?)",
    "TOO MANY COLUMNS": "too many fields",
    "UNQUOTED VALUE": "a value has a stray quote",
    "UNTERMINATED QUOTES": "a quoted value never ends (is the file cut short?)",
    "INVALID UNICODE": "not UTF-8 text; save the file as UTF-8",
    "INVALID ENCODING": "not UTF-8 text; save the file as UTF-8",
    "LINE SIZE OVER MAXIMUM": "the line is too long",
}
_CAST = re.compile(r'Could not convert string "(?P<value>.*)" to \'(?P<type>[A-Z]+)')
_FIELD_COUNT = re.compile(r"Expected Number of Columns: (?P<expected>\d+) Found: (?P<found>\d+)")
_TYPE_WORDS = {
    "DATE": "a date (YYYY-MM-DD)",
    "TIMESTAMP": "a date and time (YYYY-MM-DD HH:MM:SS)",
    "BIGINT": "a whole number",
    "DOUBLE": "a number",
    "BOOLEAN": "true or false",
}


def reject_message(error_type: str, message: str) -> str:
    if error_type == "CAST":
        match = _CAST.search(message)
        if match:
            return f"{match['value']!r} is not {_TYPE_WORDS.get(match['type'], match['type'])}"
    counted = _FIELD_COUNT.search(message)
    if counted and error_type == "MISSING COLUMNS":
        found = f"expected {counted['expected']}, found {counted['found']}"
        return f"too few fields: {found} (is the file cut short?)"
    if counted and error_type == "TOO MANY COLUMNS":
        return f"too many fields: expected {counted['expected']}, found {counted['found']}"
    return _REJECT_MESSAGES.get(error_type, message.splitlines()[0] if message else error_type)


Reject = tuple[int, str, str, str]


def _one_per_line(rows: list[Reject]) -> list[Reject]:
    """DuckDB reports a short line once per missing field; one report per line (the first) is enough.

    Values that fail to convert are kept one per field, since each is its own mistake.
    """
    kept: list[Reject] = []
    structural: set[int] = set()
    for row in rows:
        line, _column, kind, _message = row
        if kind == "CAST":
            kept.append(row)
        elif line not in structural:
            structural.add(line)
            kept.append(row)
    return kept


def read_file(
    con: duckdb.DuckDBPyConnection, path: Path, number: int, *, force_id: str, staging: Path | None = None
) -> FileRead:
    """Parse and check one file into ``src_<number>``; nothing is written but, with ``staging``,
    a canonical CSV streamed to a Parquet file there (the caller keeps or deletes it).

    DuckDB's own errors while parsing (a file it cannot read at all) become one located line.
    """
    import duckdb

    fmt = identify(path)
    relation = f"src_{number}"
    line_map: LineMap | FileLines
    staged = None
    try:
        if staging is not None and fmt.canonical is not None and path.suffix.lower() != ".parquet":
            staged = staging / f"{number}-{path.stem}.parquet"
            rejected = _stream_csv(con, path, relation, fmt.canonical, number, staged)
            rows_read = _scalar(con, f"SELECT count(*) FROM {relation}")
            line_map = FileLines(path, [problem.line or 0 for problem in rejected], rows_read)
        elif path.suffix.lower() == ".parquet":
            assert fmt.canonical is not None
            rejected = _load_parquet(con, path, relation, fmt.canonical, number)
            rows_read = _scalar(con, f"SELECT count(*) FROM {relation}")
            line_map = LineMap([], first_line=1)
        else:
            rejected = _load_csv(con, path, relation, fmt, number)
            rows_read = _scalar(con, f"SELECT count(*) FROM {relation}")
            line_map = FileLines(path, [problem.line or 0 for problem in rejected], rows_read)
    except duckdb.Error as exc:
        raise InputError(str(_unparsable(path, exc))) from None
    read = FileRead(path, fmt, relation, rows_read, problems=list(rejected), number=number, line_map=line_map)
    if staged is not None:
        read.row, read.staged = "file_row_number", staged
    if path.suffix.lower() == ".parquet" and rejected:
        read.bad_table = f"bad_{number}"
        read.bad_rows = _scalar(con, f"SELECT count(*) FROM {read.bad_table}")
    if rows_read == 0 and not rejected:
        read.problems.append(Problem(path.name, None, "", "has a header but no records"))
    checks = (
        column_checks(fmt.canonical) if fmt.canonical else list(fmt.police_uk.checks if fmt.police_uk else ())
    )
    read.checks = checks
    key = fmt.canonical.key if fmt.canonical is not None else None
    date_column = fmt.canonical.date_column if fmt.canonical is not None else None
    if _first_pass(con, read, checks, date_column):
        _run_checks(con, read, checks, line_map, number)
    if key is not None and read.rows_read > 1 and repeated_hashes(con, read.relation, key, read.rows_read):
        _find_repeated_keys(con, read, key, line_map, number)
    _check_force(con, read, force_id, line_map, number)
    if path.suffix.lower() != ".parquet":
        read.bad_rows += len({problem.line for problem in rejected})
    _define_outputs(read)
    return read


def _unparsable(path: Path, exc: BaseException) -> Problem:
    if path.suffix.lower() == ".parquet":
        return Problem(path.name, None, "", f"not a readable Parquet file ({_first_line(exc)})")
    found = line_ending_problem(path)
    if found is not None:
        return found
    return Problem(path.name, None, "", f"cannot be read as CSV ({_first_line(exc)})")


def _stream_csv(
    con: duckdb.DuckDBPyConnection, path: Path, relation: str, table: Table, number: int, staged: Path
) -> list[Problem]:
    """Parse a canonical CSV straight into a Parquet file, never holding the table in memory.

    The checks then read the columns they need from that file, which is columnar and compressed;
    row order is kept, so the Parquet row number locates each row in the CSV.
    """
    con.execute(
        f"COPY (SELECT * FROM {_read_csv_sql(path, table.header, _types(table), number)}) "
        f"TO {quote_text(str(staged))} ({PARQUET_WRITE})"
    )
    parquet = f"read_parquet({quote_text(str(staged))}, file_row_number = true)"
    con.execute(f"CREATE VIEW {relation} AS SELECT * FROM {parquet}")
    return _rejects(con, path, number)


def _types(table: Table) -> dict[str, str]:
    return {column.name: column.type.value for column in table.columns}


def _read_csv_sql(path: Path, header: tuple[str, ...], types: dict[str, str], number: int) -> str:
    column_sql = "{" + ", ".join(f"{quote_text(name)}: {quote_text(types[name])}" for name in header) + "}"
    return (
        f"read_csv({quote_text(str(path))}, header = true, columns = {column_sql}, auto_detect = false, "
        "delim = ',', quote = '\"', escape = '\"', "
        f"store_rejects = true, rejects_table = 'rejects_{number}', rejects_scan = 'scans_{number}')"
    )


def _rejects(con: duckdb.DuckDBPyConnection, path: Path, number: int) -> list[Problem]:
    rows: list[Reject] = [
        (int(line), str(column or ""), str(kind), str(message))
        for line, column, kind, message in con.execute(
            f"SELECT line, column_name, error_type, error_message FROM rejects_{number} ORDER BY line, "
            "error_type, TRY_CAST(regexp_extract(error_message, 'Found: (\\d+)', 1) AS INTEGER)"
        ).fetchall()
    ]
    return [
        Problem(path.name, line, column, reject_message(kind, message))
        for line, column, kind, message in _one_per_line(rows)
    ]


def _load_csv(
    con: duckdb.DuckDBPyConnection, path: Path, relation: str, fmt: FileFormat, number: int
) -> list[Problem]:
    """Parse a CSV into a temporary table (police.uk files, read as text and converted in SQL)."""
    types = _types(fmt.canonical) if fmt.canonical is not None else dict.fromkeys(fmt.header, "VARCHAR")
    con.execute(
        f"CREATE TEMP TABLE {relation} AS SELECT * FROM {_read_csv_sql(path, fmt.header, types, number)}"
    )
    return _rejects(con, path, number)


def _load_parquet(
    con: duckdb.DuckDBPyConnection, path: Path, relation: str, table: Table, number: int
) -> list[Problem]:
    """Read a Parquet file, converting each column to the schema's type; values that will not
    convert are problems (located by row) and their rows are set apart in ``bad_<number>``."""
    raw = f"{relation}_raw"
    con.execute(f"CREATE TEMP TABLE {raw} AS SELECT * FROM read_parquet({quote_text(str(path))})")
    casts = ", ".join(
        f"TRY_CAST({quote_name(c.name)} AS {c.type.value}) AS {quote_name(c.name)}" for c in table.columns
    )
    failing = " OR ".join(
        f"({quote_name(c.name)} IS NOT NULL AND TRY_CAST({quote_name(c.name)} AS {c.type.value}) IS NULL)"
        for c in table.columns
    )
    con.execute(f"CREATE TEMP TABLE {relation} AS SELECT {casts} FROM {raw}")
    if _scalar(con, f"SELECT count(*) FROM {raw} WHERE {failing}") == 0:
        return []
    con.execute(f"CREATE TEMP TABLE bad_{number} AS SELECT rowid AS row FROM {raw} WHERE {failing}")
    problems: list[Problem] = []
    for row, *values in con.execute(
        f"SELECT rowid, {', '.join(quote_name(c.name) for c in table.columns)} FROM {raw} "
        f"WHERE {failing} ORDER BY rowid LIMIT {SHOWN_PROBLEMS}"
    ).fetchall():
        for column, value in zip(table.columns, values, strict=True):
            if value is not None and not _casts(con, value, column.type.value):
                described = _TYPE_WORDS.get(column.type.value, column.type.value)
                problems.append(
                    Problem(path.name, int(row) + 1, column.name, f"{value!r} is not {described}")
                )
    return problems


def _casts(con: duckdb.DuckDBPyConnection, value: object, type_name: str) -> bool:
    return (
        con.execute(f"SELECT TRY_CAST(? AS {type_name}) IS NOT NULL", [str(value)]).fetchall()[0][0] is True
    )


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return int(con.execute(sql).fetchall()[0][0])


def _failing_condition(read: FileRead, checks: list[Check]) -> str:
    any_failing = " OR ".join(f"({check.failing_when})" for check in checks)
    if read.bad_table is not None:
        # A value that would not convert is already reported; its empty stand-in is not a second problem.
        any_failing = f"({any_failing}) AND {read.row} NOT IN (SELECT row FROM {read.bad_table})"
    return any_failing


def _first_pass(
    con: duckdb.DuckDBPyConnection, read: FileRead, checks: list[Check], date_column: str | None
) -> int:
    """Rows failing any check (usually 0), counted in the scan that also counts a canonical file's
    rows by month (kept in ``read.month_rows``)."""
    if read.rows_read == 0:
        read.month_rows = [] if date_column is not None else None
        return 0
    failing = _failing_condition(read, checks) if checks else None
    if date_column is None:
        return count_failing(con, read.relation, failing)
    read.month_rows, failed = count_by_month(con, read.relation, failing, date_column)
    return failed


def _run_checks(
    con: duckdb.DuckDBPyConnection,
    read: FileRead,
    checks: list[Check],
    line_map: LineMap | FileLines,
    number: int,
) -> None:
    any_failing = _failing_condition(read, checks)
    bad = f"bad_{number}"
    if read.bad_table is None:
        con.execute(
            f"CREATE TEMP TABLE {bad} AS SELECT {read.row} AS row FROM {read.relation} WHERE {any_failing}"
        )
    else:
        con.execute(f"INSERT INTO {bad} SELECT {read.row} FROM {read.relation} WHERE {any_failing}")
    read.bad_table = bad
    read.bad_rows = _scalar(con, f"SELECT count(DISTINCT row) FROM {bad}")
    flags = ", ".join(f"coalesce({check.failing_when}, false)" for check in checks)
    for row, *failed in con.execute(
        f"SELECT {read.row}, {flags} FROM {read.relation} WHERE {any_failing} "
        f"ORDER BY {read.row} LIMIT {SHOWN_PROBLEMS}"
    ).fetchall():
        for check, is_failing in zip(checks, failed, strict=True):
            if is_failing:
                read.problems.append(
                    Problem(read.source, line_map.line_of(int(row)), check.field, check.message)
                )


def _find_repeated_keys(
    con: duckdb.DuckDBPyConnection, read: FileRead, key: str, line_map: LineMap | FileLines, number: int
) -> None:
    column = quote_name(key)
    rows = con.execute(
        f"SELECT row, first_row, {column} FROM (SELECT {read.row} AS row, {column}, "
        f"min({read.row}) OVER (PARTITION BY {column}) AS first_row "
        f"FROM {read.relation} WHERE {column} IS NOT NULL) "
        f"WHERE row > first_row ORDER BY row"
    ).fetchall()
    if not rows:
        return
    for position, (row, first_row, value) in enumerate(rows):
        message = f"{value!r} repeats line {line_map.line_of(int(first_row))}"
        read.row_notes.setdefault(int(row), []).append(f"{key}: {message}")
        if position < SHOWN_PROBLEMS:
            read.problems.append(Problem(read.source, line_map.line_of(int(row)), key, message))
    _add_bad_rows(con, read, [int(row) for row, _, _ in rows], number)


def _add_bad_rows(con: duckdb.DuckDBPyConnection, read: FileRead, rows: list[int], number: int) -> None:
    if read.bad_table is None:
        read.bad_table = f"bad_{number}"
        con.execute(f"CREATE TEMP TABLE {read.bad_table} (row BIGINT)")
    con.executemany(f"INSERT INTO {read.bad_table} VALUES (?)", [[row] for row in rows])
    read.bad_rows = _scalar(con, f"SELECT count(DISTINCT row) FROM {read.bad_table}")


def _check_force(
    con: duckdb.DuckDBPyConnection, read: FileRead, force_id: str, line_map: LineMap | FileLines, number: int
) -> None:
    """A police.uk file must be the named force's: by its file name, and by its "Reported by" column."""
    if read.format.police_uk is None:
        return
    named = force_in_file_name(read.source)
    if named is not None and named != force_id:
        read.problems.append(Problem(read.source, None, "", f"is a file of {named!r}, not of {force_id!r}"))
    if "Reported by" not in read.format.header:
        return
    column = quote_name("Reported by")
    wrong: list[tuple[str, str]] = []
    for reporter, first_row in con.execute(
        f"SELECT {column}, min({read.row}) FROM {read.relation} WHERE {column} IS NOT NULL "
        f"GROUP BY {column} ORDER BY min({read.row})"
    ).fetchall():
        force = find_force(str(reporter))
        if force is None or force.id != force_id:
            message = f"{_shown(str(reporter))} is not the force {force_id!r}"
            if len(wrong) < SHOWN_PROBLEMS:
                read.problems.append(
                    Problem(read.source, line_map.line_of(int(first_row)), "Reported by", message)
                )
            wrong.append((str(reporter), message))
    if not wrong:
        return
    # One join finds every row of every wrong reporter: a file of many reporters is still one scan.
    reporters = f"wrong_reporters_{number}"
    con.execute(f"CREATE TEMP TABLE {reporters} (reporter VARCHAR, message VARCHAR)")
    con.executemany(f"INSERT INTO {reporters} VALUES (?, ?)", [list(pair) for pair in wrong])
    rows = con.execute(
        f"SELECT source.{read.row}, message FROM {read.relation} AS source "
        f"JOIN {reporters} ON source.{column} = reporter"
    ).fetchall()
    for row, message in rows:
        read.row_notes.setdefault(int(row), []).append(f"Reported by: {message}")
    _add_bad_rows(con, read, [int(row) for row, _ in rows], number)


def _define_outputs(read: FileRead) -> None:
    keep = f"{read.row} NOT IN (SELECT row FROM {read.bad_table})" if read.bad_table else ""
    if read.format.canonical is not None:
        columns = ", ".join(quote_name(name) for name in read.format.canonical.header)
        read.outputs[read.format.canonical.name] = _select(columns, read.relation, keep, "")
        return
    assert read.format.police_uk is not None
    for name, select, where in read.format.police_uk.outputs:
        read.outputs[name] = _select(select, read.relation, keep, where)


def _select(columns: str, relation: str, *conditions: str) -> str:
    where = " AND ".join(f"({c})" for c in conditions if c)
    return f"SELECT {columns} FROM {relation}" + (f" WHERE {where}" if where else "")
