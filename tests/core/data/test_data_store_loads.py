"""The store: quarantine, loading the same file twice, re-issued months and --replace, removal."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from inspectorate.core.data import store as store_module
from inspectorate.core.data.policeuk import STREET_HEADER
from inspectorate.core.data.store import DataStore
from inspectorate.core.forces import ForceNotFound
from inspectorate.core.problems import InputError


def message_lines(error: BaseException) -> list[str]:
    """The error's lines, with the closing "(nothing was loaded)" note as a line of its own."""
    lines = str(error).splitlines()
    assert lines[-1].endswith(" (nothing was loaded)"), lines[-1]
    lines[-1] = lines[-1].removesuffix(" (nothing was loaded)")
    return [*lines, "nothing was loaded"]


SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "police-uk"
CALLS_HEADER = "call_id,channel,received_at,answered_at,abandoned\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def read_quarantine(path: str | Path) -> list[dict[str, str]]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def ids(
    store: DataStore, force_id: str, name: str, table: str = "calls", column: str = "call_id"
) -> list[str]:
    dataset = store.dataset(force_id, name)
    assert dataset is not None
    con = store.connect(dataset)
    try:
        return sorted(value for (value,) in con.execute(f"SELECT {column} FROM {table}").fetchall())
    finally:
        con.close()


def street_line(crime_id: str, crime_type: str, month: str = "2019-01") -> str:
    return (
        f"{crime_id},{month},City of London Police,City of London Police,-0.097601,51.520699,"
        f"On or near Carthusian Street,E01000001,City of London 001A,{crime_type},,\n"
    )


def shared_file(name: str) -> Path:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(
            f"real police.uk file not found at {path} (a sibling 'shared/data/police-uk' of the repo)"
        )
    return path


# --- quarantine -----------------------------------------------------------------------------------

MIXED = (
    "A,999,2021-02-01 10:00:00,,false\n"  # 2 good
    "B,999,2021-02-31 10:00:00,,false\n"  # 3 cannot be parsed: no 31 February
    "C,phone,2021-02-01 11:00:00,,false\n"  # 4 outside the vocabulary
    "D,101,2021-02-02 10:00:00,,false\n"  # 5 good
    "A,online,2021-02-03 10:00:00,,false\n"  # 6 repeats line 2
    "E,999,2021-02-04 10:00:00,2021-02-04 09:00:00,false\n"  # 7 answered before received
    "F,online,2021-03-01 10:00:00,,false\n"  # 8 good
)


def test_quarantine_loads_the_good_rows_and_sets_the_bad_ones_aside(tmp_path: Path) -> None:
    path = write(tmp_path, "calls.csv", CALLS_HEADER + MIXED)
    store = DataStore(tmp_path / "store")
    report = store.load("kent", "return", [path], quarantine=True)

    assert ids(store, "kent", "return") == ["A", "D", "F"]
    assert report.quarantined == 4
    assert len(report.quarantine_files) == 1
    where = Path(report.quarantine_files[0])
    assert where.parent == store.root / "quarantine"
    assert where.name.endswith("calls.csv.problems.csv")
    assert [(b.table, b.rows, b.months, b.quarantined) for b in report.loaded] == [
        ("calls", 3, ("2021-02", "2021-03"), 4)
    ]

    entries = read_quarantine(where)
    assert [int(e["line"]) for e in entries] == [3, 4, 6, 7]
    by_line = {int(e["line"]): e for e in entries}
    raw = (CALLS_HEADER + MIXED).splitlines()
    # Each entry keeps its record as written, so it can be corrected and loaded again.
    for line, entry in by_line.items():
        assert entry["record"] == raw[line - 1], line
    assert "received_at" in by_line[3]["problems"] and "2021-02-31" in by_line[3]["problems"]
    assert by_line[4]["problems"] == "channel: must be one of 999, 101, online"
    assert by_line[6]["problems"] == "call_id: 'A' repeats line 2"
    assert by_line[7]["problems"] == "answered_at: answered before it was received"


def test_quarantine_lists_every_problem_of_a_row(tmp_path: Path) -> None:
    body = "A,999,2021-02-01 10:00:00,,false\nB,phone,2021-02-01 10:00:00,2021-02-01 09:00:00,true\n"
    store = DataStore(tmp_path / "store")
    report = store.load(
        "kent", "return", [write(tmp_path, "calls.csv", CALLS_HEADER + body)], quarantine=True
    )
    (entry,) = read_quarantine(report.quarantine_files[0])
    assert entry["line"] == "3"
    assert sorted(entry["problems"].split("; ")) == [
        "answered_at: an abandoned call has no answer time",
        "answered_at: answered before it was received",
        "channel: must be one of 999, 101, online",
    ]


def test_quarantine_of_rows_reported_by_another_force(tmp_path: Path) -> None:
    body = (
        ",".join(STREET_HEADER)
        + "\n"
        + street_line("c1", "Burglary")
        + street_line("c2", "Drugs").replace("City of London Police", "Metropolitan Police Service")
        + street_line("", "Anti-social behaviour")
    )
    store = DataStore(tmp_path / "store")
    report = store.load("city-of-london", "police-uk", [write(tmp_path, "street.csv", body)], quarantine=True)
    assert report.quarantined == 1
    assert ids(store, "city-of-london", "police-uk", "crimes", "crime_id") == ["c1"]
    (entry,) = read_quarantine(report.quarantine_files[0])
    assert entry["line"] == "3"
    assert entry["problems"] == "Reported by: 'Metropolitan Police Service' is not the force 'city-of-london'"
    assert entry["record"].startswith("c2,2019-01,Metropolitan Police Service,")


def test_a_file_with_only_bad_rows_loads_nothing_but_sets_them_aside(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "store")
    path = write(tmp_path, "calls.csv", CALLS_HEADER + "A,phone,2021-02-01 10:00:00,,false\n")
    report = store.load("kent", "return", [path], quarantine=True)
    assert report.loaded == ()
    assert report.quarantined == 1
    assert [e["line"] for e in read_quarantine(report.quarantine_files[0])] == ["2"]


def test_quarantine_still_refuses_a_file_with_no_records(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "store")
    with pytest.raises(InputError, match=r"calls\.csv: has a header but no records"):
        store.load("kent", "return", [write(tmp_path, "calls.csv", CALLS_HEADER)], quarantine=True)
    assert not store.catalog_file.exists()


def test_quarantine_does_not_let_a_file_named_for_another_force_through(tmp_path: Path) -> None:
    body = ",".join(STREET_HEADER) + "\n" + street_line("c1", "Burglary")
    path = write(tmp_path, "2019-01-metropolitan-street.csv", body)
    store = DataStore(tmp_path / "store")
    with pytest.raises(InputError, match="is a file of 'metropolitan', not of 'city-of-london'"):
        store.load("city-of-london", "police-uk", [path], quarantine=True)


def test_quarantine_files_of_two_files_with_the_same_name_are_kept_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both files are read within one second (as a fast load does); fix the clock to make it certain.
    monkeypatch.setattr(store_module, "_stamp", lambda: "20210401T120000")
    february = write(
        tmp_path / "2021-02",
        "calls.csv",
        CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\nB,phone,2021-02-01 10:00:00,,false\n",
    )
    march = write(
        tmp_path / "2021-03",
        "calls.csv",
        CALLS_HEADER + "C,999,2021-03-01 10:00:00,,false\nD,999,2021-03-01 10:00:00,,maybe\n",
    )
    store = DataStore(tmp_path / "store")
    report = store.load("kent", "return", [february, march], quarantine=True)
    assert ids(store, "kent", "return") == ["A", "C"]
    assert report.quarantined == 2
    kept = sorted(e["record"] for path in set(report.quarantine_files) for e in read_quarantine(path))
    assert kept == ["B,phone,2021-02-01 10:00:00,,false", "D,999,2021-03-01 10:00:00,,maybe"]


def test_a_batch_names_its_quarantine_file(tmp_path: Path) -> None:
    path = write(tmp_path, "calls.csv", CALLS_HEADER + MIXED)
    store = DataStore(tmp_path / "store")
    report = store.load("kent", "return", [path], quarantine=True)
    (batch,) = report.loaded
    assert batch.quarantine_file is not None
    assert Path(report.quarantine_files[0]).name in batch.quarantine_file


# --- the same file twice --------------------------------------------------------------------------


def test_loading_the_same_file_twice_does_not_double_count(tmp_path: Path) -> None:
    path = shared_file("2019-01-city-of-london-street.csv")
    store = DataStore(tmp_path / "store")
    first = store.load("city-of-london", "police-uk", [path])
    catalog = store.catalog_file.read_bytes()
    files = snapshot(store.root)

    again = store.load("city-of-london", "police-uk", [path])
    assert again.loaded == () and again.retired == ()
    assert again.skipped == (path.name,)
    assert store.catalog_file.read_bytes() == catalog
    assert snapshot(store.root) == files

    # The same bytes under another name are the same file.
    copy = write(tmp_path, "copy-of-street.csv", path.read_bytes())
    assert store.load("city-of-london", "police-uk", [copy]).skipped == ("copy-of-street.csv",)

    dataset = store.dataset("city-of-london", "police-uk")
    assert dataset is not None
    assert dataset.rows("crimes") == 617 - 93
    assert dataset.rows("asb") == 93
    assert len(dataset.batches) == len(first.loaded) == 2
    assert len(ids(store, "city-of-london", "police-uk", "crimes", "crime_id")) == 524


def test_the_same_file_given_twice_in_one_load_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path, "calls.csv", CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\n")
    copy = write(tmp_path / "again", "calls.csv", path.read_bytes())
    store = DataStore(tmp_path / "store")
    report = store.load("kent", "return", [path, copy])
    assert [b.rows for b in report.loaded] == [1]
    assert report.skipped == ("calls.csv",)
    assert ids(store, "kent", "return") == ["A"]


# --- the same months again --------------------------------------------------------------------------


def test_another_file_for_the_same_months_is_refused_naming_replace(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "store")
    store.load(
        "kent",
        "return",
        [write(tmp_path, "calls-v1.csv", CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\n")],
    )
    before, catalog = snapshot(store.root), store.catalog_file.read_bytes()

    reissued = write(
        tmp_path,
        "calls-v2.csv",
        CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\nB,101,2021-02-09 10:00:00,,false\n",
    )
    with pytest.raises(InputError) as caught:
        store.load("kent", "return", [reissued])
    assert message_lines(caught.value) == [
        "calls-v2.csv: calls for 2021-02 already loaded from calls-v1.csv; use --replace to supersede it",
        "nothing was loaded",
    ]
    assert store.catalog_file.read_bytes() == catalog
    assert snapshot(store.root) == before
    assert ids(store, "kent", "return") == ["A"]


def test_two_files_of_one_load_for_the_same_months_are_refused(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "store")
    one = write(tmp_path, "one.csv", CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\n")
    two = write(tmp_path, "two.csv", CALLS_HEADER + "B,999,2021-02-02 10:00:00,,false\n")
    with pytest.raises(
        InputError, match=r"^two.csv: calls for 2021-02 is also in one.csv \(nothing was loaded\)$"
    ):
        store.load("kent", "return", [one, two])
    assert snapshot(store.root) == {"lock": b""}


def test_replace_retires_the_old_batch_and_deletes_its_file(tmp_path: Path) -> None:
    january = shared_file("2019-01-city-of-london-street.csv")
    store = DataStore(tmp_path / "store")
    old = store.load("city-of-london", "police-uk", [january]).loaded
    old_files = [store.root / b.file for b in old]
    assert all(f.is_file() for f in old_files)

    # A re-issue of January: the first 100 records of the published file.
    lines = january.read_text(encoding="utf-8").splitlines(keepends=True)
    reissue = write(tmp_path, "2019-01-city-of-london-street-reissued.csv", "".join(lines[:101]))
    rows = list(csv.DictReader(lines[:101]))
    asb = sum(r["Crime type"] == "Anti-social behaviour" for r in rows)
    assert 0 < asb < 100

    with pytest.raises(InputError, match="use --replace"):
        store.load("city-of-london", "police-uk", [reissue])
    report = store.load("city-of-london", "police-uk", [reissue], replace=True)

    assert sorted(b.id for b in report.retired) == sorted(b.id for b in old)
    assert not any(f.exists() for f in old_files)
    dataset = store.dataset("city-of-london", "police-uk")
    assert dataset is not None
    assert {b.source for b in dataset.batches} == {reissue.name}
    assert dataset.rows("crimes") == 100 - asb
    assert dataset.rows("asb") == asb
    crimes = ids(store, "city-of-london", "police-uk", "crimes", "crime_id")
    assert crimes == sorted(r["Crime ID"] for r in rows if r["Crime type"] != "Anti-social behaviour")
    # Only the new batches' Parquet files remain.
    parquet = sorted(str(p.relative_to(store.root)) for p in store.root.rglob("*.parquet"))
    assert parquet == sorted(b.file for b in report.loaded)


def test_replace_leaves_other_months_alone(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "store")
    store.load(
        "kent", "return", [write(tmp_path, "feb.csv", CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\n")]
    )
    store.load(
        "kent", "return", [write(tmp_path, "mar.csv", CALLS_HEADER + "B,999,2021-03-01 10:00:00,,false\n")]
    )
    report = store.load(
        "kent",
        "return",
        [write(tmp_path, "mar-v2.csv", CALLS_HEADER + "C,999,2021-03-05 10:00:00,,false\n")],
        replace=True,
    )
    assert [b.source for b in report.retired] == ["mar.csv"]
    assert ids(store, "kent", "return") == ["A", "C"]


def test_replace_never_drops_months_the_new_file_does_not_bring(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "store")
    both = CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\nB,999,2021-03-01 10:00:00,,false\n"
    store.load("kent", "return", [write(tmp_path, "feb-mar.csv", both)])
    march = write(tmp_path, "mar-v2.csv", CALLS_HEADER + "C,999,2021-03-05 10:00:00,,false\n")
    try:
        store.load("kent", "return", [march], replace=True)
    except InputError:
        # Refusing is as good as keeping February.
        return
    dataset = store.dataset("kent", "return")
    assert dataset is not None
    assert "2021-02" in dataset.months("calls")
    assert "A" in ids(store, "kent", "return")


def test_a_refused_load_leaves_no_new_folders(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "store")
    store.load(
        "kent",
        "return",
        [write(tmp_path, "calls-v1.csv", CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\n")],
    )
    before = sorted(str(p.relative_to(store.root)) for p in store.root.rglob("*"))
    incidents = write(
        tmp_path,
        "incidents.csv",
        "incident_id,call_id,opened_at,category,response_grade,target_minutes,attended_at,thrive_assessed,"
        "vulnerable,repeat_victim,offence_group\nI1,,2021-02-01 10:00:00,crime,,,,,,,\n",
    )
    reissued = write(tmp_path, "calls-v2.csv", CALLS_HEADER + "B,999,2021-02-09 10:00:00,,false\n")
    with pytest.raises(InputError, match="use --replace"):
        store.load("kent", "return", [incidents, reissued])
    assert sorted(str(p.relative_to(store.root)) for p in store.root.rglob("*")) == before


def test_datasets_keep_sources_apart(tmp_path: Path) -> None:
    """The same months in another dataset are not an overlap: datasets are never added together."""
    store = DataStore(tmp_path / "store")
    path = write(tmp_path, "calls.csv", CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\n")
    other = write(tmp_path, "other.csv", CALLS_HEADER + "B,999,2021-02-01 10:00:00,,false\n")
    store.load("kent", "return", [path])
    store.load("kent", "return-2", [other])
    assert ids(store, "kent", "return") == ["A"]
    assert ids(store, "kent", "return-2") == ["B"]


def test_remove_deletes_the_dataset_and_its_files(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "store")
    report = store.load(
        "kent", "return", [write(tmp_path, "calls.csv", CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\n")]
    )
    kept = store.load(
        "kent", "other", [write(tmp_path, "more.csv", CALLS_HEADER + "B,999,2021-02-01 10:00:00,,false\n")]
    )
    dataset = store.dataset("kent", "return")
    assert dataset is not None
    store.remove(dataset)
    assert store.dataset("kent", "return") is None
    assert not (store.root / report.loaded[0].file).exists()
    assert (store.root / kept.loaded[0].file).is_file()
    assert [d.ref for d in store.datasets()] == ["kent/other"]


def test_an_unknown_force_or_a_bad_dataset_name_is_refused(tmp_path: Path) -> None:
    store = DataStore(tmp_path / "store")
    path = write(tmp_path, "calls.csv", CALLS_HEADER + "A,999,2021-02-01 10:00:00,,false\n")
    with pytest.raises(InputError, match="dataset name 'Not OK'"):
        store.load("kent", "Not OK", [path])
    with pytest.raises(ForceNotFound, match="scotland"):
        store.load("scotland", "return", [path])
    assert not store.catalog_file.exists()
