"""Real police.uk files load unchanged, and their counts are the published ones.

The City of London and Metropolitan files sit beside the repository in ``../shared/data/police-uk``
(see its README.txt); the West Yorkshire street files ship inside the crime-sim-toolkit package.
Without them the tests that need them are skipped. Expected counts are the published figures, or
are counted here from the file itself with the csv module, never taken from the loader.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from inspectorate.core.data.store import DataStore

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "police-uk"

# The published counts for 2019-01-city-of-london-street.csv (617 rows).
CITY_2019_01_STREET = {
    "Anti-social behaviour": 93,
    "Bicycle theft": 29,
    "Burglary": 24,
    "Criminal damage and arson": 18,
    "Drugs": 49,
    "Other crime": 5,
    "Other theft": 149,
    "Possession of weapons": 5,
    "Public order": 24,
    "Robbery": 8,
    "Shoplifting": 79,
    "Theft from the person": 37,
    "Vehicle crime": 21,
    "Violence and sexual offences": 76,
}
# The published counts for 2018-07-west-yorkshire-street.csv (31,635 rows).
WEST_YORKSHIRE_2018_07_STREET = {
    "Anti-social behaviour": 5_442,
    "Violence and sexual offences": 10_358,
    "Public order": 3_043,
    "Criminal damage and arson": 2_716,
    "Other theft": 2_242,
    "Burglary": 2_029,
    "Vehicle crime": 1_955,
    "Shoplifting": 1_485,
    "Other crime": 667,
    "Drugs": 525,
    "Robbery": 327,
    "Theft from the person": 317,
    "Bicycle theft": 303,
    "Possession of weapons": 226,
}


def shared_file(name: str) -> Path:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(
            f"real police.uk file not found at {path} (a sibling 'shared/data/police-uk' of the repo)"
        )
    return path


def west_yorkshire_street(month: str) -> Path:
    try:
        from importlib.resources import files

        root = files("crime_sim_toolkit")
    except ModuleNotFoundError:
        pytest.skip("crime-sim-toolkit is not installed (it ships the West Yorkshire street files)")
    path = root / "tests" / "testing_data" / "test_policedata" / month / f"{month}-west-yorkshire-street.csv"
    if not path.is_file():
        pytest.skip(f"crime-sim-toolkit has no {month} West Yorkshire street file")
    return Path(str(path))


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_type(con, table: str, column: str, where: str = "") -> dict[str | None, int]:
    sql = f"SELECT {column}, count(*) FROM {table} {where} GROUP BY 1"
    return {key: int(count) for key, count in con.execute(sql).fetchall()}


# --- City of London street, 2019-01 ---------------------------------------------------------


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory):
    """City of London street and stop-and-search files, 2018-12 to 2019-02, in one dataset."""
    names = [
        f"{month}-city-of-london-{kind}.csv"
        for month in ("2018-12", "2019-01", "2019-02")
        for kind in ("street", "stop-and-search")
    ]
    paths = [shared_file(name) for name in names]
    store = DataStore(tmp_path_factory.mktemp("city") / "store")
    report = store.load("city-of-london", "police-uk", paths)
    dataset = store.dataset("city-of-london", "police-uk")
    assert dataset is not None
    con = store.connect(dataset)
    yield store, report, con
    con.close()


def test_city_street_2019_01_counts_by_crime_type_are_the_published_ones(city) -> None:
    _, _, con = city
    in_month = "WHERE recorded_on = DATE '2019-01-01'"
    crimes = by_type(con, "crimes", "crime_type", in_month)
    asb = con.execute("SELECT count(*) FROM asb WHERE reported_on = DATE '2019-01-01'").fetchall()[0][0]

    expected = dict(CITY_2019_01_STREET)
    assert asb == expected.pop("Anti-social behaviour")
    assert crimes == expected
    assert sum(crimes.values()) + asb == 617


def test_city_street_rows_are_kept_unchanged(city) -> None:
    """Every crime keeps its published id and type; ASB rows keep their LSOA; nothing is invented."""
    _, _, con = city
    rows = csv_rows(shared_file("2019-01-city-of-london-street.csv"))
    published_crimes = Counter(
        (r["Crime ID"], r["Crime type"]) for r in rows if r["Crime type"] != "Anti-social behaviour"
    )
    published_asb_lsoas = Counter(
        r["LSOA code"] or None for r in rows if r["Crime type"] == "Anti-social behaviour"
    )
    loaded_crimes = Counter(
        con.execute(
            "SELECT crime_id, crime_type FROM crimes WHERE recorded_on = DATE '2019-01-01'"
        ).fetchall()
    )
    loaded_asb = Counter(
        lsoa
        for (lsoa,) in con.execute(
            "SELECT lsoa_code FROM asb WHERE reported_on = DATE '2019-01-01'"
        ).fetchall()
    )
    assert loaded_crimes == published_crimes
    assert loaded_asb == published_asb_lsoas
    # ASB rows have no crime id in police.uk, so none may appear among the crimes.
    assert con.execute("SELECT count(*) FROM crimes WHERE crime_id IS NULL").fetchall()[0][0] == 0


def test_city_months_are_kept_apart_and_add_up(city) -> None:
    store, report, con = city
    for month in ("2018-12", "2019-01", "2019-02"):
        rows = csv_rows(shared_file(f"{month}-city-of-london-street.csv"))
        asb = sum(r["Crime type"] == "Anti-social behaviour" for r in rows)
        first_day = f"DATE '{month}-01'"
        assert con.execute(f"SELECT count(*) FROM crimes WHERE recorded_on = {first_day}").fetchall()[0][
            0
        ] == (len(rows) - asb), month
        assert (
            con.execute(f"SELECT count(*) FROM asb WHERE reported_on = {first_day}").fetchall()[0][0] == asb
        )
    dataset = store.dataset("city-of-london", "police-uk")
    assert dataset is not None
    assert dataset.months("crimes") == ("2018-12", "2019-01", "2019-02")
    assert dataset.months("stop_search") == ("2018-12", "2019-01", "2019-02")
    # One batch per file and table it fills: three street files x two tables + three search files.
    assert sorted(b.table for b in report.loaded) == ["asb"] * 3 + ["crimes"] * 3 + ["stop_search"] * 3
    assert report.skipped == () and report.retired == () and report.quarantined == 0


# --- City of London stop and search -----------------------------------------------------------


def test_city_stop_and_search_2019_01_has_153_searches_by_officer_defined_ethnicity(city) -> None:
    _, _, con = city
    in_month = "WHERE strftime(searched_at, '%Y-%m') = '2019-01'"
    assert by_type(con, "stop_search", "officer_defined_ethnicity", in_month) == {
        "White": 71,
        "Asian": 37,
        "Black": 36,
        "Other": 3,
        None: 6,
    }


def test_city_stop_and_search_months_match_the_files(city) -> None:
    _, _, con = city
    for month in ("2018-12", "2019-01", "2019-02"):
        published = len(csv_rows(shared_file(f"{month}-city-of-london-stop-and-search.csv")))
        loaded = con.execute(
            f"SELECT count(*) FROM stop_search WHERE strftime(searched_at, '%Y-%m') = '{month}'"
        ).fetchall()[0][0]
        assert loaded == published, month
    assert con.execute("SELECT count(*) FROM stop_search").fetchall()[0][0] == 118 + 153 + 147


def test_city_stop_and_search_values_are_carried_over(city) -> None:
    """The first published search of January, field by field."""
    _, _, con = city
    first = con.execute(
        "SELECT * FROM stop_search WHERE searched_at = TIMESTAMP '2019-01-01 02:48:45'"
    ).fetchall()
    assert first == [
        (
            "Person search",
            datetime(2019, 1, 1, 2, 48, 45),
            None,
            None,
            51.514358,
            -0.083755,
            "Male",
            "10-17",
            "Mixed/Multiple ethnic groups - White and Black Caribbean",
            "Black",
            "Police and Criminal Evidence Act 1984 (section 1)",
            "Article for use in theft",
            "A no further action disposal",
            False,
            False,
        )
    ]


# --- Metropolitan stop and search, 2019-01 ----------------------------------------------------


def test_metropolitan_stop_and_search_2019_01_loads_every_row(tmp_path: Path) -> None:
    path = shared_file("2019-01-metropolitan-stop-and-search.csv")
    rows = csv_rows(path)
    store = DataStore(tmp_path / "store")
    report = store.load("metropolitan", "police-uk", [path])
    dataset = store.dataset("metropolitan", "police-uk")
    assert dataset is not None
    con = store.connect(dataset)

    assert [(b.table, b.rows, b.months) for b in report.loaded] == [("stop_search", len(rows), ("2019-01",))]
    assert con.execute("SELECT count(*) FROM stop_search").fetchall()[0][0] == len(rows)
    ethnicity = Counter(r["Officer-defined ethnicity"] or None for r in rows)
    assert by_type(con, "stop_search", "officer_defined_ethnicity") == dict(ethnicity)
    # Searches with no location keep empty coordinates and still count.
    no_location = sum(r["Latitude"] == "" for r in rows)
    assert no_location > 0
    assert (
        con.execute("SELECT count(*) FROM stop_search WHERE latitude IS NULL").fetchall()[0][0] == no_location
    )
    # The wall-clock time of every search is kept as published.
    published_times = Counter(datetime.fromisoformat(r["Date"][:19]) for r in rows)
    loaded_times = Counter(t for (t,) in con.execute("SELECT searched_at FROM stop_search").fetchall())
    assert loaded_times == published_times
    con.close()


# --- West Yorkshire street (crime-sim-toolkit) ------------------------------------------------


def test_west_yorkshire_2018_07_counts_by_crime_type_are_the_published_ones(tmp_path: Path) -> None:
    path = west_yorkshire_street("2018-07")
    store = DataStore(tmp_path / "store")
    report = store.load("west-yorkshire", "police-uk", [path])
    dataset = store.dataset("west-yorkshire", "police-uk")
    assert dataset is not None
    con = store.connect(dataset)

    expected = dict(WEST_YORKSHIRE_2018_07_STREET)
    asb = expected.pop("Anti-social behaviour")
    assert by_type(con, "crimes", "crime_type") == expected
    assert con.execute("SELECT count(*) FROM asb").fetchall()[0][0] == asb
    assert sum(b.rows for b in report.loaded) == 31_635
    assert {b.table: b.rows for b in report.loaded} == {"crimes": 31_635 - 5_442, "asb": 5_442}
    assert con.execute("SELECT DISTINCT recorded_on FROM crimes").fetchall() == [(date(2018, 7, 1),)]
    con.close()


def test_west_yorkshire_three_julys_load_side_by_side(tmp_path: Path) -> None:
    months = ("2016-07", "2017-07", "2018-07")
    paths = [west_yorkshire_street(month) for month in months]
    store = DataStore(tmp_path / "store")
    store.load("west-yorkshire", "police-uk", paths)
    dataset = store.dataset("west-yorkshire", "police-uk")
    assert dataset is not None
    con = store.connect(dataset)
    assert dataset.months("crimes") == months
    for month, path in zip(months, paths, strict=True):
        rows = csv_rows(path)
        published = Counter(r["Crime type"] for r in rows if r["Crime type"] != "Anti-social behaviour")
        loaded = by_type(con, "crimes", "crime_type", f"WHERE recorded_on = DATE '{month}-01'")
        assert loaded == dict(published), month
    con.close()
