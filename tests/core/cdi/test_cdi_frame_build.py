"""The audit frame from a data store: strata, linked crimes, the period, and the recorded-crime figure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from inspectorate.core.cdi.frame import audit_frame, default_audit_period, recorded_crime_12_months
from inspectorate.core.cdi.types import FrameRecord
from inspectorate.core.data.schema import table
from inspectorate.core.data.store import Dataset, DataStore
from inspectorate.core.problems import InputError

CALLS = """\
K1,999,2021-02-01 08:00:00,2021-02-01 08:00:05,false
K2,101,2021-02-02 09:00:00,2021-02-02 09:01:00,false
K3,online,2021-02-03 10:00:00,2021-02-03 14:00:00,false
"""
# Rows: id, call, opened, category, offence group. I9 and I10 fall just outside February-March.
INCIDENTS = """\
I3,K1,2021-02-01 08:01:00,crime,,,,,,,violence-against-the-person
I1,K2,2021-02-02 09:05:00,crime,,,,,,,sexual-offences
I2,K3,2021-02-03 14:10:00,crime,,,,,,,burglary
I4,,2021-02-04 12:00:00,crime,,,,,,,
I5,K9,2021-02-05 12:00:00,crime,,,,,,,robbery
I6,K2,2021-02-06 12:00:00,anti-social-behaviour,,,,,,,
I7,,2021-02-07 12:00:00,public-safety,,,,,,,
I8,,2021-03-31 23:59:59,crime,,,,,,,sexual-offences
I9,,2021-01-31 23:59:59,crime,,,,,,,theft
I10,,2021-04-01 00:00:00,transport,,,,,,,
"""
# C1 and C2 come from I3 (C2 recorded first); C3 from I2 as a different class than the incident's.
# M01-M12 give a crime in each month from April 2020; X1 falls in March 2020; F1 is fraud.
CRIMES = (
    "C2,I3,2021-02-01 08:00:00,2021-02-01,violence-against-the-person,,,,\n"
    "C1,I3,2021-02-01 08:00:00,2021-02-02,violence-against-the-person,,,,\n"
    "C3,I2,2021-02-03 14:00:00,2021-03-01,theft,,Other theft,,\n"
    + "".join(
        f"M{m:02d},,,{2020 + (m + 2) // 12}-{(m + 2) % 12 + 1:02d}-15,burglary,,,,\n" for m in range(1, 13)
    )
    + "X1,,,2020-03-15,burglary,,,,\nF1,,,2021-01-10,fraud,,,,\n"
)


def write(folder: Path, name: str, rows: str) -> Path:
    path = folder / f"{name}.csv"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(",".join(table(name.split("-")[0]).header) + "\n" + rows, encoding="utf-8")
    return path


def load(tmp_path: Path, name: str, files: dict[str, str]) -> tuple[DataStore, Dataset]:
    store = DataStore(tmp_path / "store")
    store.load("kent", name, [write(tmp_path / name, file, rows) for file, rows in files.items()])
    dataset = store.dataset("kent", name)
    assert dataset is not None
    return store, dataset


@pytest.fixture
def kent(tmp_path: Path) -> tuple[DataStore, Dataset]:
    return load(tmp_path, "return", {"calls": CALLS, "incidents": INCIDENTS, "crimes": CRIMES})


FEBRUARY_MARCH = (date(2021, 2, 1), date(2021, 3, 31))


def test_the_frame_holds_the_periods_crime_incidents_with_routes_groups_and_crimes(
    kent: tuple[DataStore, Dataset],
) -> None:
    frame = audit_frame(*kent, *FEBRUARY_MARCH)
    assert frame == [
        FrameRecord("I1", "2021-02-02 09:05:00", "sexual-offences", "101", "sexual-offences"),
        FrameRecord(
            "I2", "2021-02-03 14:10:00", "other", "online", "burglary", (("C3", "2021-03-01", "theft"),)
        ),
        FrameRecord(
            "I3",
            "2021-02-01 08:01:00",
            "violence-against-the-person",
            "999",
            "violence-against-the-person",
            (
                ("C1", "2021-02-02", "violence-against-the-person"),
                ("C2", "2021-02-01", "violence-against-the-person"),
            ),
        ),
        # No offence class is "other"; a call id with no call on file is "no-call".
        FrameRecord("I4", "2021-02-04 12:00:00", "other", "no-call", None),
        FrameRecord("I5", "2021-02-05 12:00:00", "other", "no-call", "robbery"),
        # The last second of the end day is in the period.
        FrameRecord("I8", "2021-03-31 23:59:59", "sexual-offences", "no-call", "sexual-offences"),
    ]


def test_anti_social_behaviour_joins_the_frame_only_when_asked(kent: tuple[DataStore, Dataset]) -> None:
    without = [r.incident_id for r in audit_frame(*kent, *FEBRUARY_MARCH)]
    with_asb = audit_frame(*kent, *FEBRUARY_MARCH, include_asb=True)
    assert "I6" not in without
    assert [r.incident_id for r in with_asb] == sorted([*without, "I6"])
    asb = next(r for r in with_asb if r.incident_id == "I6")
    assert (asb.crime_group, asb.route, asb.crimes) == ("other", "101", ())


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (
            date(2020, 12, 1),
            date(2021, 2, 28),
            "do not cover the audit period 2020-12-01 to 2021-02-28: no incidents for 2020-12$",
        ),
        (date(2020, 9, 15), date(2021, 5, 2), "no incidents for 2020-09..2020-12, 2021-05$"),
        (
            date(2021, 3, 1),
            date(2021, 2, 1),
            "the audit period starts on 2021-03-01 after it ends on 2021-02-01",
        ),
        (
            date(2021, 4, 1),
            date(2021, 4, 30),
            "kent/return has no crime incidents opened from 2021-04-01 to 2021-04-30",
        ),
    ],
)
def test_a_period_the_frame_cannot_use_is_refused_in_one_line(
    kent: tuple[DataStore, Dataset], start: date, end: date, message: str
) -> None:
    with pytest.raises(InputError, match=message) as caught:
        audit_frame(*kent, start, end)
    assert "\n" not in str(caught.value)


def test_a_dataset_without_incidents_is_refused(tmp_path: Path) -> None:
    store, dataset = load(tmp_path, "calls-only", {"calls": CALLS})
    with pytest.raises(InputError, match="kent/calls-only has no incidents"):
        audit_frame(store, dataset, *FEBRUARY_MARCH)
    with pytest.raises(InputError, match="kent/calls-only has no incidents"):
        default_audit_period(store, dataset)


def test_an_incident_loaded_twice_is_refused(tmp_path: Path) -> None:
    store, dataset = load(
        tmp_path,
        "twice",
        {
            "incidents-feb": "I1,,2021-02-01 10:00:00,crime,,,,,,,\n",
            "incidents-mar": "I1,,2021-03-01 10:00:00,crime,,,,,,,\n",
        },
    )
    with pytest.raises(InputError, match=r"incidents recorded more than once: I1$"):
        audit_frame(store, dataset, *FEBRUARY_MARCH)


def test_recorded_crime_counts_twelve_months_to_the_end_month_without_fraud(
    kent: tuple[DataStore, Dataset],
) -> None:
    # March 2020 to February 2021: X1, M01-M11 and C1, C2; F1 is fraud and C3 is in March 2021.
    assert recorded_crime_12_months(*kent, date(2021, 2, 15)) == (
        14,
        "crimes recorded March 2020 to February 2021 (excluding fraud), data return kent/return",
    )
    to_march = recorded_crime_12_months(*kent, date(2021, 3, 31))
    assert to_march is not None and to_march[0] == 15
    # April 2021 has no crimes on file, so there is no full year to give.
    assert recorded_crime_12_months(*kent, date(2021, 4, 1)) is None


def by_month(months: list[str], last_day: str) -> str:
    """One crime incident on the last day of each month but the final one, which stops on ``last_day``."""
    rows = [f"I{m},,{m}-28 23:00:00,crime,,,,,,,\n" for m in months[:-1]]
    return "".join(rows) + f"I-last,,{months[-1]}-{last_day} 12:00:00,crime,,,,,,,\n"


MONTHS = ["2020-06", "2020-07", "2020-08", "2020-09", "2020-10", "2020-11", "2020-12", "2021-01"]


def test_the_default_period_is_the_last_six_whole_months(tmp_path: Path) -> None:
    store, whole = load(tmp_path, "whole", {"incidents": by_month(MONTHS, "31")})
    assert default_audit_period(store, whole) == (date(2020, 8, 1), date(2021, 1, 31))
    # Incidents that stop on the 10th show January was extracted part way through.
    store, partial = load(tmp_path, "partial", {"incidents": by_month(MONTHS, "10")})
    assert default_audit_period(store, partial) == (date(2020, 7, 1), date(2020, 12, 31))


def test_the_default_period_needs_six_months_in_a_row(tmp_path: Path) -> None:
    gap = [month for month in MONTHS if month != "2020-09"]
    store, dataset = load(tmp_path, "gap", {"incidents": by_month(gap, "31")})
    with pytest.raises(InputError, match=r"fewer than 6 whole months in a row \(the latest run: 2020-10, "):
        default_audit_period(store, dataset)


def test_a_return_of_incidents_alone_has_every_incident_without_call_or_crime(tmp_path: Path) -> None:
    store, dataset = load(tmp_path, "incidents-only", {"incidents": INCIDENTS})
    frame = audit_frame(store, dataset, *FEBRUARY_MARCH)
    assert [record.incident_id for record in frame] == ["I1", "I2", "I3", "I4", "I5", "I8"]
    assert {record.route for record in frame} == {"no-call"}
    assert all(record.crimes == () for record in frame)


def test_incidents_loaded_before_they_carried_an_offence_class_ask_for_a_reload(
    kent: tuple[DataStore, Dataset],
) -> None:
    import duckdb

    store, dataset = kent
    # Rewrite the stored incidents as an older load left them: without the offence_group column.
    for batch in dataset.batches_of("incidents"):
        path = store.root / batch.file
        con = duckdb.connect()
        con.execute(f"COPY (SELECT * EXCLUDE (offence_group) FROM '{path}') TO '{path}.old' (FORMAT parquet)")
        con.close()
        Path(f"{path}.old").replace(path)
    with pytest.raises(InputError, match="loaded without the offence_group column: load the return again"):
        audit_frame(store, dataset, *FEBRUARY_MARCH)
