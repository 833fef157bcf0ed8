"""Hostile data files: line endings DuckDB will not parse, Parquet files that are damaged, misshapen
or declare more than they hold. Each is refused in one located line, and the return already in the
store stays as it was and still reads."""

from __future__ import annotations

import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from inspectorate.core.data import readers
from inspectorate.core.data.lines import LineMap
from inspectorate.core.data.store import DataStore
from inspectorate.core.problems import InputError

CALLS_HEADER = "call_id,channel,received_at,answered_at,abandoned"
CALL = "{},999,2021-02-0{} 10:00:00,,false"
NOTHING_LOADED = " (nothing was loaded)"


def calls_rows(count: int) -> list[str]:
    return [CALL.format(f"C{n}", n) for n in range(1, count + 1)]


@pytest.fixture
def store(tmp_path: Path) -> DataStore:
    """A store holding one good return: one call in January 2021."""
    store = DataStore(tmp_path / "store")
    first = tmp_path / "first" / "calls-2021-01.csv"
    first.parent.mkdir()
    first.write_text(f"{CALLS_HEADER}\nG1,999,2021-01-05 10:00:00,,false\n", encoding="utf-8")
    store.load("kent", "return", [first])
    return store


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def refused(store: DataStore, path: Path) -> list[str]:
    """Load ``path``, expect a refusal; check the first return is untouched and still reads."""
    before = snapshot(store.root)
    with pytest.raises(InputError) as caught:
        store.load("kent", "return", [path])
    assert snapshot(store.root) == before
    dataset = store.get_dataset("kent/return")
    assert store.connect(dataset).execute("SELECT call_id FROM calls").fetchall() == [("G1",)]
    lines = str(caught.value).splitlines()
    assert lines[-1].endswith(NOTHING_LOADED)
    return [*lines[:-1], lines[-1].removesuffix(NOTHING_LOADED)]


def write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


LONE_CR = (
    "a carriage return (CR) without a line feed (LF) after it: "
    "save the file with Windows (CR LF) or Unix (LF) line endings"
)


# --- line endings ---------------------------------------------------------------------------------


def test_a_stray_carriage_return_is_located_not_a_parser_error(store: DataStore, tmp_path: Path) -> None:
    """Found by fuzzing: DuckDB's "state machine reached an invalid state" reached the user."""
    first, second, third = calls_rows(3)
    content = f"{CALLS_HEADER}\n{first}\n{second}\r{third}\n".encode()
    assert refused(store, write(tmp_path, "calls.csv", content)) == [f"calls.csv:3: {LONE_CR}"]


def test_a_carriage_return_inside_a_line_is_located(store: DataStore, tmp_path: Path) -> None:
    content = f"{CALLS_HEADER}\nC1,99\r9,2021-02-01 10:00:00,,false\n".encode()
    assert refused(store, write(tmp_path, "calls.csv", content)) == [f"calls.csv:2: {LONE_CR}"]


def test_old_mac_line_endings_are_named_on_the_header(store: DataStore, tmp_path: Path) -> None:
    content = "\r".join([CALLS_HEADER, *calls_rows(2)]).encode() + b"\r"
    assert refused(store, write(tmp_path, "calls.csv", content)) == [f"calls.csv:1: header: {LONE_CR}"]


def test_a_line_ending_unlike_the_headers_is_located(store: DataStore, tmp_path: Path) -> None:
    first, second = calls_rows(2)
    content = f"{CALLS_HEADER}\r\n{first}\r\n{second}\n".encode()
    assert refused(store, write(tmp_path, "calls.csv", content)) == [
        "calls.csv:3: the line ends in LF where the header's ends in CR LF: "
        "save the file with one kind of line ending"
    ]


def test_windows_line_endings_throughout_load(store: DataStore, tmp_path: Path) -> None:
    content = "\r\n".join([CALLS_HEADER, *calls_rows(2)]).encode() + b"\r\n"
    report = store.load("kent", "return", [write(tmp_path, "calls-2021-02.csv", content)])
    assert [batch.rows for batch in report.loaded] == [2]


def test_a_first_line_without_end_is_refused_unread(store: DataStore, tmp_path: Path) -> None:
    content = b"call_id," + b"x" * readers.MAX_HEADER_BYTES
    assert refused(store, write(tmp_path, "calls.csv", content)) == [
        "calls.csv:1: header: the first line is longer than 64 KB: not a data return file"
    ]


def test_a_header_with_a_nul_byte_is_one_line(store: DataStore, tmp_path: Path) -> None:
    content = b'"call_id\x00",channel\n'
    (line,) = refused(store, write(tmp_path, "calls.csv", content))
    assert line.startswith("calls.csv:1: header: ")


# --- Parquet --------------------------------------------------------------------------------------


def calls_parquet(rows: int = 3, **replaced: pa.Array) -> bytes:
    columns = {
        "call_id": pa.array([f"C{n}" for n in range(rows)]),
        "channel": pa.array(["999"] * rows),
        "received_at": pa.array([pa.scalar(0, pa.timestamp("s")).as_py()] * rows, pa.timestamp("s")),
        "answered_at": pa.nulls(rows, pa.timestamp("s")),
        "abandoned": pa.array([False] * rows),
    }
    columns.update(replaced)
    buffer = io.BytesIO()
    pq.write_table(pa.table(columns), buffer)
    return buffer.getvalue()


def test_a_truncated_parquet_file_is_one_line(store: DataStore, tmp_path: Path) -> None:
    content = calls_parquet()[:-100]
    assert refused(store, write(tmp_path, "calls.parquet", content)) == [
        "calls.parquet: not a readable Parquet file (it does not end as one)"
    ]


def test_a_footer_claiming_more_than_the_file_is_one_line(store: DataStore, tmp_path: Path) -> None:
    content = calls_parquet()
    content = content[:-8] + (2**31).to_bytes(4, "little") + b"PAR1"
    assert refused(store, write(tmp_path, "calls.parquet", content)) == [
        "calls.parquet: not a readable Parquet file (its footer claims 2,147,483,648 bytes)"
    ]


def test_damaged_pages_are_one_line_not_a_duckdb_error(store: DataStore, tmp_path: Path) -> None:
    content = bytearray(calls_parquet(rows=200))
    for position in range(8, len(content) // 2):
        content[position] ^= 0x5A
    (line,) = refused(store, write(tmp_path, "calls.parquet", bytes(content)))
    assert line.startswith("calls.parquet: not a readable Parquet file (")


def test_more_rows_than_the_limit_are_refused_from_the_footer(
    store: DataStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "MAX_PARQUET_ROWS", 4)
    assert refused(store, write(tmp_path, "calls.parquet", calls_parquet(rows=5))) == [
        "calls.parquet: has 5 rows: a file of at most 4 is loaded"
    ]


def test_a_column_of_lists_is_refused_by_name(store: DataStore, tmp_path: Path) -> None:
    content = calls_parquet(channel=pa.array([["999"]] * 3))
    assert refused(store, write(tmp_path, "calls.parquet", content)) == [
        "calls.parquet: 'channel': holds list<element: string> values, not one value per row"
    ]


def test_a_column_given_twice_is_refused(store: DataStore, tmp_path: Path) -> None:
    table = pq.read_table(io.BytesIO(calls_parquet()))
    table = table.append_column(table.schema.field("channel"), table.column("channel"))
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    assert refused(store, write(tmp_path, "calls.parquet", buffer.getvalue())) == [
        "calls.parquet: 'channel': the column appears twice"
    ]


# --- locating rows in long files -----------------------------------------------------------------


def test_line_numbers_after_many_rejected_lines_match_a_line_by_line_count() -> None:
    rejected = [3, 4, 9, 10, 11, 40]
    line_map = LineMap(rejected)
    lines = [line for line in range(2, 60) if line not in rejected]
    assert [line_map.line_of(row) for row in range(len(lines))] == lines


def test_a_load_failing_as_it_writes_leaves_the_first_return_whole(
    store: DataStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catalog is replaced last: a failure after the batch files are written removes them."""
    before = snapshot(store.root)

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(DataStore, "_write_catalog", disk_full)
    second = "\n".join([CALLS_HEADER, *calls_rows(2)]) + "\n"
    with pytest.raises(OSError, match="No space left"):
        store.load("kent", "return", [write(tmp_path, "calls-2021-02.csv", second.encode())])
    assert snapshot(store.root) == before
    dataset = store.get_dataset("kent/return")
    assert store.connect(dataset).execute("SELECT call_id FROM calls").fetchall() == [("G1",)]


# --- impossible dates -----------------------------------------------------------------------------


def test_a_date_beyond_pythons_calendar_is_located(store: DataStore, tmp_path: Path) -> None:
    """Found by scripts/fuzz: DuckDB reads the year 25021, Python's dates cannot hold it, and the
    load failed with an AttributeError after the rows had passed every check."""
    first, second = calls_rows(2)
    content = f"{CALLS_HEADER}\n{first}\n{second.replace('2021-', '25021-')}\n".encode()
    expected = "calls.csv:3: received_at: must be a date from 1900 to 2100"
    assert refused(store, write(tmp_path, "calls.csv", content)) == [expected]
