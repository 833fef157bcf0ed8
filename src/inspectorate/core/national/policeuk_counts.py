"""police.uk street files counted by force, month and crime type, without loading their rows.

DuckDB groups the files (Parquet with every column text, or CSV as police.uk publishes it) in one
query per batch of files. Per force per calendar month: ``policeuk-street`` (every row, crimes and
anti-social behaviour), ``policeuk-street.crimes`` (without anti-social behaviour) and one
``policeuk-street.<crime type>`` per police.uk category (0 where the month has none). British
Transport Police is an area of its own; the Police Service of Northern Ireland is not a force of
England and Wales, so its rows are left out and counted in the edition's note. A force's month in
two files (overlapping collections) is counted once, and the two must agree. A month no file holds
is absent, never zero (see ``completeness``).

An edition is the files counted: its id is the months they span and the start of the digest of
their SHA-256s, so that other files for the same months (other forces') are another edition, and
the same files counted again are the same one.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from inspectorate.core.data.lines import line_ending_problem
from inspectorate.core.data.policeuk import OUTCOMES_HEADER, STOP_SEARCH_HEADER, STREET_HEADER
from inspectorate.core.data.readers import reject_message
from inspectorate.core.data.schema import POLICE_UK_CRIME_TYPES
from inspectorate.core.data.sql import quote_name, quote_text, text_list
from inspectorate.core.forces import find_force
from inspectorate.core.national.figures import (
    BRITISH_TRANSPORT_POLICE,
    Edition,
    Measure,
    NationalFigure,
    NationalTable,
    Publisher,
    Unit,
)
from inspectorate.core.problems import InputError, Problem, ProblemsError

if TYPE_CHECKING:
    import duckdb

SERIES = "police-uk-street"
STREET_MEASURE = "policeuk-street"
CRIMES_MEASURE = "policeuk-street.crimes"
ANTI_SOCIAL_BEHAVIOUR = "Anti-social behaviour"
BRITISH_TRANSPORT_POLICE_NAME = "British Transport Police"
NORTHERN_IRELAND_NAME = "Police Service of Northern Ireland"
# Files per query: many read at once, yet a progress bar fed by ``on_file`` moves through thousands.
BATCH_FILES = 32
# Hex digits of the files' digest in an edition's id: 2**48 sets of files before two could share one.
EDITION_DIGEST_CHARS = 12

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_NAMED_RANGE = re.compile(r"(\d{4}-\d{2})_(\d{4}-\d{2})")
_NAMED_MONTH = re.compile(r"(?<!\d)\d{4}-\d{2}(?!\d)")
_OTHER_FILES = {STOP_SEARCH_HEADER: "stop and search", OUTCOMES_HEADER: "outcomes"}
_COUNTED = ("Falls within", "Month", "Crime type")
_BAD = "street_rejects"
PARQUET_MAGIC = b"PAR1"

OnFile = Callable[[Path, int], None]
CountKey = tuple[str, str]  # (area, month as YYYY-MM)
Counted = dict[CountKey, dict[Path, Counter[str]]]
Kept = dict[CountKey, tuple[Path, Counter[str]]]


def crime_type_measure(crime_type: str) -> str:
    """``policeuk-street.violence-and-sexual-offences`` for "Violence and sexual offences"."""
    return f"{STREET_MEASURE}.{re.sub(r'[^a-z0-9]+', '-', crime_type.lower()).strip('-')}"


def street_measures() -> tuple[Measure, ...]:
    by_type = tuple(
        Measure(id=crime_type_measure(kind), title=f"police.uk street-level: {kind}", unit=Unit.COUNT)
        for kind in POLICE_UK_CRIME_TYPES
    )
    return (
        Measure(id=STREET_MEASURE, title="police.uk street-level records (crimes and ASB)", unit=Unit.COUNT),
        Measure(id=CRIMES_MEASURE, title="police.uk street-level crimes (excluding ASB)", unit=Unit.COUNT),
        *by_type,
    )


@dataclass(frozen=True)
class _Group:
    """The rows of one file sharing a force name, a month and a crime type, as written."""

    path: Path
    falls_within: str
    month: str
    crime_type: str
    rows: int


def count_street_files(paths: Sequence[Path], on_file: OnFile | None = None) -> NationalTable:
    """Every row of the street files counted per force, month and crime type.

    ``on_file(path, rows)`` is called once per file (its rows, Northern Ireland's included) when
    the query holding it finishes. Every problem (a header that is not the street header, a month
    not YYYY-MM or outside the file's months, an unknown force or crime type, a force's month
    counted differently by two files) is collected, then raised together as ProblemsError. A
    problem's line is the CSV file's line, or for a Parquet file the row counted from 1. A file is
    Parquet or CSV by its content, whatever its name ends with.
    """
    import duckdb

    files = list(dict.fromkeys(Path(path) for path in paths))
    tell = on_file or (lambda _path, _rows: None)
    if not files:
        raise InputError("no police.uk street files given")
    with duckdb.connect() as con:
        header_problems = {path: _header_problems(con, path) for path in files}
        problems = [problem for found in header_problems.values() for problem in found]
        groups: list[_Group] = []
        for batch in _batches([path for path in files if not header_problems[path]]):
            found, batch_problems = _count_batch(con, batch)
            groups.extend(found)
            problems.extend(batch_problems)
            rows = Counter[Path]()
            for group in found:
                rows[group.path] += group.rows
            for path in batch:
                tell(path, rows[path])
        counted, excluded, row_problems = _check_groups(con, groups)
    kept, duplicates, duplicate_problems = _once_per_force_month(counted, files)
    problems.extend(row_problems + duplicate_problems)
    if problems:
        raise ProblemsError(problems)
    if not kept:
        raise InputError("the street files hold no rows of a force of England and Wales")
    return _table(files, kept, excluded, duplicates)


def is_parquet(path: Path) -> bool:
    """Told from the file's first bytes, as ``reading`` tells it: a download may be renamed, and
    a street file need not end in .csv or .parquet."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(PARQUET_MAGIC)) == PARQUET_MAGIC
    except OSError:
        return False


def _header_problems(con: duckdb.DuckDBPyConnection, path: Path) -> list[Problem]:
    import duckdb

    try:
        if is_parquet(path):
            described = con.execute(f"DESCRIBE SELECT * FROM read_parquet({quote_text(str(path))})")
            header = tuple(str(row[0]) for row in described.fetchall())
        else:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                header = tuple(next(csv.reader(handle), []))
    except (duckdb.Error, OSError, UnicodeDecodeError, csv.Error) as exc:
        return [_unreadable(path, exc)]
    mismatch = _header_mismatch(header)
    return [] if mismatch is None else [Problem(path.name, 1, *mismatch)]


def _header_mismatch(header: tuple[str, ...]) -> tuple[str, str] | None:
    """The column named where the street header differs, and what is wrong there."""
    if header in _OTHER_FILES:
        return "", f"a police.uk {_OTHER_FILES[header]} file: only street files are counted"
    if not header:
        return "", "is empty: no header"
    for place, expected in enumerate(STREET_HEADER):
        found = header[place] if place < len(header) else ""
        if found != expected:
            what = f"should be {expected!r}" if found else f"{expected!r} is missing"
            return found, f"column {place + 1} {what} (the 12 police.uk street columns)"
    if len(header) > len(STREET_HEADER):
        return header[len(STREET_HEADER)], f"column {len(STREET_HEADER) + 1} is not a police.uk street column"
    return None


def _batches(files: list[Path]) -> Iterator[list[Path]]:
    for parquet in (True, False):
        same = [path for path in files if is_parquet(path) == parquet]
        for start in range(0, len(same), BATCH_FILES):
            yield same[start : start + BATCH_FILES]


def _source_sql(paths: list[Path]) -> str:
    """One scan of the files, each row with its ``filename``; a CSV's bad lines kept as rejects."""
    listed = "[" + text_list(str(path) for path in paths) + "]"
    if is_parquet(paths[0]):
        return f"read_parquet({listed}, filename = true)"
    columns = "{" + ", ".join(f"{quote_text(name)}: 'VARCHAR'" for name in STREET_HEADER) + "}"
    kept = f"filename = true, store_rejects = true, rejects_table = '{_BAD}_t', rejects_scan = '{_BAD}_s'"
    # Never unpacked by its name's ending: a file is what its content is.
    plain = "compression = 'none'"
    return f"read_csv({listed}, header = true, auto_detect = false, {plain}, columns = {columns}, {kept})"


def _text(column: str) -> str:
    # A CSV's empty field reads as NULL, a Parquet one as "": both are the empty text here.
    return f"COALESCE(CAST({quote_name(column)} AS VARCHAR), '')"


def _count_batch(con: duckdb.DuckDBPyConnection, batch: list[Path]) -> tuple[list[_Group], list[Problem]]:
    import duckdb

    by_name = {str(path): path for path in batch}
    query = (
        f"SELECT filename, {', '.join(_text(column) for column in _COUNTED)}, count(*) "
        f"FROM {_source_sql(batch)} GROUP BY ALL"
    )
    try:
        rows = con.execute(query).fetchall()
    except duckdb.Error as exc:
        con.execute(f"DROP TABLE IF EXISTS {_BAD}_t; DROP TABLE IF EXISTS {_BAD}_s")
        if len(batch) == 1:
            return [], [_unreadable(batch[0], exc)]
        # Find the file DuckDB could not read by counting each file on its own.
        results = [_count_batch(con, [path]) for path in batch]
        return [g for found, _ in results for g in found], [p for _, found in results for p in found]
    groups = [
        _Group(by_name[str(name)], str(force), str(month), str(kind), int(n))
        for name, force, month, kind, n in rows
    ]
    if is_parquet(batch[0]):
        return groups, []
    rejected = con.execute(
        f"SELECT s.file_path, r.line, r.column_name, r.error_type, r.error_message "
        f"FROM {_BAD}_t r JOIN {_BAD}_s s USING (scan_id, file_id) "
        # A short line is rejected once per missing field: its first report is enough.
        "QUALIFY row_number() OVER (PARTITION BY s.file_path, r.line ORDER BY r.column_idx) = 1"
    ).fetchall()
    con.execute(f"DROP TABLE {_BAD}_t; DROP TABLE {_BAD}_s")
    return groups, [
        Problem(Path(str(file)).name, int(line), str(column or ""), reject_message(str(kind), str(message)))
        for file, line, column, kind, message in rejected
    ]


def _unreadable(path: Path, exc: BaseException) -> Problem:
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    if is_parquet(path):
        return Problem(path.name, None, "", f"not a readable Parquet file ({reason})")
    ending = line_ending_problem(path) if path.is_file() else None
    return ending or Problem(path.name, None, "", f"cannot be read as CSV ({reason})")


def _check_groups(
    con: duckdb.DuckDBPyConnection, groups: list[_Group]
) -> tuple[Counted, Counter[str], list[Problem]]:
    """The counts by force, month and file, the rows left out by force name, each bad value located."""
    counted: Counted = defaultdict(dict)
    excluded = Counter[str]()
    bad: dict[tuple[Path, str, str], tuple[int, str]] = {}

    def flag(group: _Group, column: str, value: str, message: str) -> None:
        rows, _ = bad.get((group.path, column, value), (0, message))
        bad[(group.path, column, value)] = (rows + group.rows, message)

    file_months = _file_months(groups)
    for group in groups:
        allowed, area = file_months[group.path], _area(group.falls_within)
        if not _MONTH.match(group.month):
            flag(group, "Month", group.month, f"{group.month!r} is not a month like 2019-01")
        elif group.month not in allowed:
            flag(group, "Month", group.month, f"{group.month} is not the file's month ({_describe(allowed)})")
        if group.falls_within == NORTHERN_IRELAND_NAME:
            excluded[group.falls_within] += group.rows
            continue
        if area is None:
            unknown = (
                f"{group.falls_within!r} is not a force police.uk names" if group.falls_within else "is empty"
            )
            flag(group, "Falls within", group.falls_within, unknown)
        if group.crime_type not in POLICE_UK_CRIME_TYPES:
            flag(group, "Crime type", group.crime_type, f"{group.crime_type!r} is not a police.uk crime type")
        elif area is not None and group.month in allowed:
            counts = counted[(area, group.month)].setdefault(group.path, Counter())
            counts[group.crime_type] += group.rows
    problems = [
        Problem(path.name, _first_row(con, path, column, value), column, f"{message} ({rows} rows)")
        for (path, column, value), (rows, message) in bad.items()
    ]
    return counted, excluded, problems


def _area(falls_within: str) -> str | None:
    if falls_within == BRITISH_TRANSPORT_POLICE_NAME:
        return BRITISH_TRANSPORT_POLICE
    force = find_force(falls_within)
    return force.id if force is not None else None


def _file_months(groups: list[_Group]) -> dict[Path, frozenset[str]]:
    """The months each file may hold: those its name gives (a month, or a range ``2018-04_2019-03``),
    else the one month most of its rows have (police.uk publishes a file per month)."""
    rows_by_month: dict[Path, Counter[str]] = defaultdict(Counter)
    for group in groups:
        if _MONTH.match(group.month):
            rows_by_month[group.path][group.month] += group.rows
    months: dict[Path, frozenset[str]] = {}
    for path in {group.path for group in groups}:
        span, single = _NAMED_RANGE.search(path.name), _NAMED_MONTH.findall(path.name)
        if span is not None:
            months[path] = frozenset(_months_between(*span.groups()))
        elif len(single) == 1 and _MONTH.match(single[0]):
            months[path] = frozenset(single)
        else:
            months[path] = frozenset(month for month, _ in rows_by_month[path].most_common(1))
    return months


def _months_between(first: str, last: str) -> Iterator[str]:
    year, month = int(first[:4]), int(first[5:])
    while f"{year:04d}-{month:02d}" <= last:
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _describe(months: frozenset[str]) -> str:
    ordered = sorted(months)
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]} to {ordered[-1]}"


def _first_row(con: duckdb.DuckDBPyConnection, path: Path, column: str, value: str) -> int | None:
    """The line (CSV) or the row from 1 (Parquet) of the first row holding ``value`` in ``column``."""
    if is_parquet(path):
        source = f"read_parquet({quote_text(str(path))}, file_row_number = true)"
        found = con.execute(f"SELECT min(file_row_number) FROM {source} WHERE {_text(column)} = ?", [value])
        first = found.fetchone()
        return None if first is None or first[0] is None else int(first[0]) + 1
    place = STREET_HEADER.index(column)
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        previous_end = 1 if next(reader, None) is not None else 0
        for record in reader:
            # A record starts on the line after the previous one ended (a quoted value may span lines).
            start, previous_end = previous_end + 1, reader.line_num
            if len(record) > place and record[place] == value:
                return start
    return None


def _once_per_force_month(counted: Counted, files: list[Path]) -> tuple[Kept, int, list[Problem]]:
    """Each force's month from the first file given that holds it; any other must agree with it."""
    order = {path: place for place, path in enumerate(files)}
    kept: Kept = {}
    duplicates = 0
    problems: list[Problem] = []
    for key in sorted(counted):
        (first_path, first), *others = sorted(counted[key].items(), key=lambda item: order[item[0]])
        kept[key] = (first_path, first)
        duplicates += len(others)
        for path, counts in others:
            differing = [kind for kind in sorted(counts | first) if counts[kind] != first[kind]]
            if differing:
                kind = differing[0]
                message = (
                    f"{key[0]} {key[1]}: {counts[kind]} rows of {kind!r} here but {first[kind]} in "
                    f"{first_path.name} (the same force and month, counted differently)"
                )
                problems.append(Problem(path.name, None, "Crime type", message))
    return kept, duplicates, problems


def _table(files: list[Path], kept: Kept, excluded: Counter[str], duplicates: int) -> NationalTable:
    months = sorted({month for _, month in kept})
    edition = _edition(files, months, excluded, duplicates)
    figures: list[NationalFigure] = []
    for (area, month), (path, counts) in sorted(kept.items()):
        first = date.fromisoformat(f"{month}-01")
        last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        total = sum(counts.values())
        values = {STREET_MEASURE: total, CRIMES_MEASURE: total - counts[ANTI_SOCIAL_BEHAVIOUR]}
        values.update((crime_type_measure(kind), counts[kind]) for kind in POLICE_UK_CRIME_TYPES)
        where = f"{path.name}: rows of {area} in {month}"
        period = {
            "area": area,
            "period_start": first,
            "period_end": last,
            "edition": edition.id,
            "where": where,
        }
        figures.extend(
            NationalFigure(measure=measure, value=value, **period) for measure, value in values.items()
        )
    return NationalTable(edition=edition, measures=street_measures(), figures=tuple(figures))


def _edition(files: list[Path], months: list[str], excluded: Counter[str], duplicates: int) -> Edition:
    names = sorted(path.name for path in files)
    digests = sorted(_sha256(path) for path in files)
    content = hashlib.sha256("\n".join(digests).encode()).hexdigest()
    left_out = "".join(
        f"{name}: {rows} rows left out (not a force of England and Wales). "
        for name, rows in sorted(excluded.items())
    )
    # The months alone do not tell two sets of files apart (one force's months, then another's):
    # the id ends with the start of the files' own digest, so other files make another edition.
    return Edition(
        id=f"{SERIES}-{months[0]}-{months[-1]}-{content[:EDITION_DIGEST_CHARS]}",
        series=SERIES,
        title=f"police.uk street-level crime and anti-social behaviour, {months[0]} to {months[-1]}",
        publisher=Publisher.POLICE_UK,
        published=None,
        source_file=f"{len(files)} files: {names[0]}..{names[-1]}",
        sha256=content,
        note=(
            f"{len(files)} files, months {months[0]} to {months[-1]}. {left_out}"
            f"{duplicates} force-months held in two files, counted once."
        ),
    )


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
