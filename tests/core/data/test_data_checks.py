"""The checks' counting scans: repeated keys found by sorting their hashes, rows per month kept from
the checks' scan, vocabularies written as chains of <>, dates compared as values, and a store that
keeps DuckDB within a memory limit."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from inspectorate.core.data import checks
from inspectorate.core.data.sql import none_of, text_list
from inspectorate.core.data.store import DataStore, MemoryLimit
from inspectorate.core.problems import InputError

CALLS_HEADER = "call_id,channel,received_at,answered_at,abandoned"


def test_equal_neighbours_are_counted_once_the_hashes_are_sorted() -> None:
    assert checks.equal_neighbours_once_sorted([5, 1, 3]) == 0
    # Two repeats of 7 and one of 1: three values equal the one before them.
    assert checks.equal_neighbours_once_sorted([7, 1, 7, 2, 7, 1]) == 3
    assert checks.equal_neighbours_once_sorted([]) == 0


def test_repeated_hashes_ignore_empty_keys_and_find_repeats_either_way() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('a'), ('b'), (NULL), (NULL), ('a')) AS v(k)")
    assert checks.repeated_hashes(con, "t", "k", rows=5) == 1
    # Past the limit the count is DuckDB's (it can spill to disk): the same answer.
    limit = checks.SORTED_HASHES_LIMIT
    try:
        checks.SORTED_HASHES_LIMIT = 2
        assert checks.repeated_hashes(con, "t", "k", rows=5) == 1
    finally:
        checks.SORTED_HASHES_LIMIT = limit
    con.execute("DELETE FROM t WHERE rowid = 4")
    assert checks.repeated_hashes(con, "t", "k", rows=4) == 0


@pytest.mark.parametrize("value", ["'999'", "'other'", "NULL"])
def test_none_of_is_true_false_and_null_exactly_where_not_in_is(value: str) -> None:
    con = duckdb.connect()
    allowed = ("999", "101", "online")
    chained, listed = con.execute(
        f"SELECT {none_of(value, allowed)}, {value} NOT IN ({text_list(allowed)})"
    ).fetchall()[0]
    assert chained is listed


def test_rows_by_month_come_from_the_checks_scan(tmp_path: Path) -> None:
    calls = tmp_path / "calls.csv"
    calls.write_text(
        f"{CALLS_HEADER}\n"
        "A,999,2021-01-05 10:00:00,,false\n"
        "B,101,2021-01-31 23:59:59,,true\n"
        "C,online,2021-03-01 00:00:00,,false\n",
        encoding="utf-8",
    )
    store = DataStore(tmp_path / "store")
    (batch,) = store.load("kent", "return", [calls]).loaded
    assert (batch.rows, batch.months) == (3, ("2021-01", "2021-03"))


def test_an_infinite_date_is_refused_with_its_line(tmp_path: Path) -> None:
    calls = tmp_path / "calls.csv"
    calls.write_text(
        f"{CALLS_HEADER}\nA,999,2021-01-05 10:00:00,,false\nB,999,infinity,,false\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as refused:
        DataStore(tmp_path / "store").load("kent", "return", [calls])
    assert "calls.csv:3: received_at: must be a date from 1900 to 2100" in str(refused.value)


def test_a_store_with_a_memory_limit_sets_it_on_every_connection(tmp_path: Path) -> None:
    calls = tmp_path / "calls.csv"
    calls.write_text(f"{CALLS_HEADER}\nA,999,2021-01-05 10:00:00,,false\n", encoding="utf-8")
    spill = tmp_path / "spill"
    store = DataStore(tmp_path / "store", memory=MemoryLimit("300MB", spill))
    store.load("kent", "return", [calls])
    con = store.connect(store.get_dataset("kent/return"))
    limit, folder = con.execute(
        "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
    ).fetchall()[0]
    assert (limit, folder) == ("286.1 MiB", str(spill))


def test_a_repeated_key_is_found_beside_empty_ones(tmp_path: Path) -> None:
    # Counting distinct hashes with the empty key's among them would hide this repeat.
    asb = tmp_path / "asb.csv"
    asb.write_text(
        "asb_id,reported_on,category,lsoa_code\n"
        "X1,2021-01-05,personal,\n"
        ",2021-01-06,nuisance,\n"
        "X1,2021-01-07,nuisance,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as refused:
        DataStore(tmp_path / "store").load("kent", "return", [asb])
    assert "asb.csv:4: asb_id: 'X1' repeats line 2" in str(refused.value)
