"""Case lists: read from a file with every problem located, or drawn from a data return's crimes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from inspectorate.core.casereview.cases import CaseFile, draw_cases, read_case_list
from inspectorate.core.data.store import Dataset, DataStore
from inspectorate.core.data.synth import synthesise
from inspectorate.core.problems import InputError, ProblemsError


def write(tmp_path: Path, text: str, name: str = "cases.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        read_case_list(path)
    return [str(p) for p in caught.value.problems]


def test_a_list_reads_in_any_column_order(tmp_path: Path) -> None:
    path = write(tmp_path, "summary,case_ref,reported_on\nBurglary at home,C1,2021-05-01\n,C2,\n")
    assert read_case_list(path) == [
        CaseFile("C1", reported_on="2021-05-01", summary="Burglary at home"),
        CaseFile("C2"),
    ]


def test_every_bad_row_is_located(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "case_ref,reported_on\nC1,2021-05-01\nC1,2021-05-02\n,2021-01-01\nC3,2021-02-30\nC4,1,extra\n",
    )
    assert problems(path) == [
        "cases.csv:3: case_ref: 'C1' appears twice: first on line 2",
        "cases.csv:4: case_ref: missing",
        "cases.csv:5: reported_on: '2021-02-30' is not a date (YYYY-MM-DD)",
        "cases.csv:6: has 3 values; the header names 2 columns",
    ]


def test_a_wrong_header_or_a_wrong_file_is_refused_whole(tmp_path: Path) -> None:
    assert problems(write(tmp_path, "ref,offence\nC1,theft\n")) == [
        "cases.csv:1: case_ref: column missing from the header",
        "cases.csv:1: ref: not a case-list column (use case_ref, crime_id, offence, reported_on, summary)",
    ]
    assert problems(write(tmp_path, b"case_ref\nC\xe91\n")) == [
        "cases.csv:2: case_ref: is not UTF-8 text (byte 0xE9): save the case list as CSV UTF-8"
    ]
    assert problems(write(tmp_path, "")) == [
        "cases.csv: is empty: the first line names the columns, case_ref first"
    ]
    assert problems(write(tmp_path, "case_ref\n")) == ["cases.csv: lists no cases"]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[DataStore, Dataset]:
    root = tmp_path_factory.mktemp("synthetic")
    synthesise("metropolitan", 2021, root / "files", scale=0.005, seed=5)
    store = DataStore(root / "store")
    store.load("metropolitan", "synthetic", [root / "files"])
    dataset = store.dataset("metropolitan", "synthetic")
    assert dataset is not None
    return store, dataset


def test_a_draw_is_seeded_within_the_period_and_the_groups(synthetic: tuple[DataStore, Dataset]) -> None:
    store, dataset = synthetic
    start, end = date(2020, 10, 1), date(2021, 3, 31)
    first = draw_cases(store, dataset, 20, 7, start, end, ["burglary", "sexual-offences"])
    assert first == draw_cases(store, dataset, 20, 7, start, end, ["burglary", "sexual-offences"])
    assert first != draw_cases(store, dataset, 20, 8, start, end, ["burglary", "sexual-offences"])
    assert len({case.case_ref for case in first}) == 20
    assert {case.offence for case in first} <= {"burglary", "sexual-offences"}
    con = store.connect(dataset)
    refs = [case.crime_id for case in first]
    placeholders = ", ".join("?" for _ in refs)
    days = con.execute(
        f"SELECT min(recorded_on), max(recorded_on) FROM crimes WHERE crime_id IN ({placeholders})", refs
    ).fetchone()
    con.close()
    assert days is not None and start <= days[0] and days[1] <= end


def test_a_draw_that_cannot_be_made_says_why(synthetic: tuple[DataStore, Dataset]) -> None:
    store, dataset = synthetic
    with pytest.raises(InputError, match=r"has only .* such crimes .* ask for fewer cases"):
        draw_cases(store, dataset, 10**6, 1, date(2020, 10, 1), date(2021, 3, 31))
    with pytest.raises(InputError, match="has no crimes of fraud-x recorded"):
        draw_cases(store, dataset, 5, 1, date(2020, 10, 1), date(2021, 3, 31), ["fraud-x"])
    with pytest.raises(InputError, match="1 or more"):
        draw_cases(store, dataset, 0, 1, date(2020, 10, 1), date(2021, 3, 31))
