"""police.uk street files counted by force, month and crime type.

The first tests count the real files in ../shared/data (police-uk-bulk: 22 Parquet files of the
published monthly CSVs; police-uk: CSV files as published) and assert the counts its READMEs print.
Every other expected figure is read independently from the bulk folder's
street-counts-by-file-and-crime-type.csv (rows per published source file per crime type), never
from the counting. The small files written to tmp_path are SYNTHETIC: a header and a few rows.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from datetime import date
from pathlib import Path

import duckdb
import pytest

from inspectorate.core.data.policeuk import STOP_SEARCH_HEADER, STREET_HEADER
from inspectorate.core.data.schema import POLICE_UK_CRIME_TYPES
from inspectorate.core.forces import get_force
from inspectorate.core.national.completeness import monthly_series, twelve_month_total
from inspectorate.core.national.figures import BRITISH_TRANSPORT_POLICE, NationalTable, Publisher, Unit
from inspectorate.core.national.policeuk_counts import (
    CRIMES_MEASURE,
    STREET_MEASURE,
    count_street_files,
    crime_type_measure,
)
from inspectorate.core.problems import InputError, ProblemsError

ASB = crime_type_measure("Anti-social behaviour")
VSO = crime_type_measure("Violence and sexual offences")
BURGLARY = crime_type_measure("Burglary")
SHOPLIFTING = crime_type_measure("Shoplifting")
NI_SLUG = "northern-ireland"


def bulk_files(shared: Path) -> list[Path]:
    folder = shared / "police-uk-bulk"
    return sorted(folder.glob("street-by-force/*.parquet")) + sorted(
        folder.glob("street-all-forces/*.parquet")
    )


@pytest.fixture(scope="module")
def counted(shared_data: Path) -> tuple[NationalTable, dict[str, int]]:
    told: dict[str, int] = {}
    table = count_street_files(
        bulk_files(shared_data), on_file=lambda path, rows: told.setdefault(path.name, rows)
    )
    return table, told


@pytest.fixture(scope="module")
def published(shared_data: Path) -> dict[tuple[str, str, str], int]:
    """(force slug as in the file name, month, crime type) -> rows, from the README's per-file counts.
    The four forces' 2018-10..12 files appear twice (both folders) with the same counts."""
    rows: dict[tuple[str, str, str], int] = {}
    with (shared_data / "police-uk-bulk" / "street-counts-by-file-and-crime-type.csv").open(
        newline=""
    ) as handle:
        for line in csv.DictReader(handle):
            month, slug = line["source_file"][:7], line["source_file"][8 : -len("-street.csv")]
            key = (slug, month, line["Crime type"])
            assert rows.setdefault(key, int(line["rows"])) == int(line["rows"])
    return rows


def value(table: NationalTable, measure: str, area: str, month: str) -> int:
    start = date.fromisoformat(f"{month}-01")
    found = [f for f in table.figures if (f.measure, f.area, f.period_start) == (measure, area, start)]
    assert len(found) == 1, (measure, area, month)
    assert found[0].value is not None
    return int(found[0].value)


def national(table: NationalTable, measure: str, month: str) -> int:
    start = date.fromisoformat(f"{month}-01")
    return int(sum(f.value or 0 for f in table.figures if f.measure == measure and f.period_start == start))


def year(table: NationalTable, area: str, first_month: date, measure: str = STREET_MEASURE) -> int | None:
    return twelve_month_total(monthly_series(table.figures, area, measure), first_month).total


FY2018 = date(2018, 4, 1)
FY2019 = date(2019, 4, 1)
FY2020 = date(2020, 4, 1)


def test_forces_financial_years_are_the_readmes(counted: tuple[NationalTable, dict[str, int]]) -> None:
    table, _ = counted
    assert year(table, "avon-and-somerset", FY2018) == 177994
    assert year(table, "avon-and-somerset", FY2018, ASB) == 36677
    assert year(table, "avon-and-somerset", FY2018, CRIMES_MEASURE) == 141317
    assert year(table, "avon-and-somerset", FY2018, VSO) == 49793
    assert year(table, "avon-and-somerset", FY2018, BURGLARY) == 10332
    assert value(table, STREET_MEASURE, "avon-and-somerset", "2018-10") == 15075
    assert year(table, "merseyside", FY2018) == 166772
    assert year(table, "merseyside", FY2018, ASB) == 32519
    assert year(table, "merseyside", FY2020) == 174742
    assert year(table, "south-yorkshire", FY2018) == 187037
    assert year(table, "south-yorkshire", FY2018, ASB) == 40773
    assert year(table, "south-yorkshire", FY2018, BURGLARY) == 14659
    assert year(table, "south-yorkshire", FY2020) == 168557
    assert year(table, "south-yorkshire", FY2020, BURGLARY) == 10163
    assert year(table, "city-of-london", FY2018) == 8742
    assert year(table, "city-of-london", FY2018, ASB) == 1414
    assert year(table, "city-of-london", FY2019) == 10013
    assert year(table, "city-of-london", FY2020) == 4612
    assert value(table, STREET_MEASURE, "city-of-london", "2019-01") == 617


def test_a_year_with_a_missing_month_is_not_summed_but_its_months_are_the_readmes(
    counted: tuple[NationalTable, dict[str, int]],
) -> None:
    table, _ = counted
    series = monthly_series(table.figures, "merseyside")
    fy = twelve_month_total(series, FY2019)
    assert fy.total is None
    assert fy.missing == (date(2019, 7, 1),)
    held = [m.count for m in series if FY2019 <= m.month < date(2020, 4, 1) and m.count is not None]
    assert len(held) == 11
    assert sum(held) == 150886  # README: merseyside FY2019/20, 11 files (no 2019-07)


def test_months_of_all_forces_are_the_readmes(
    counted: tuple[NationalTable, dict[str, int]], published: dict[tuple[str, str, str], int]
) -> None:
    table, told = counted
    for name, rows in (
        ("street-2018-10-all-available-forces.parquet", 358382),
        ("street-2018-11-all-available-forces.parquet", 368887),
        ("street-2024-01-all-available-forces.parquet", 316440),
        ("street-2024-03-all-available-forces.parquet", 338865),
    ):
        assert told[name] == rows  # every row of the file, Northern Ireland's included
    # The 2018 files hold Northern Ireland, which is left out: the forces' total is the file's less its rows.
    ni = Counter[tuple[str, str]]()
    for (slug, month, kind), rows in published.items():
        if slug == NI_SLUG:
            ni[(month, kind)] += rows
            ni[(month, "")] += rows
    assert ni[("2018-10", "")] == 13613
    assert ni[("2018-11", "")] == 11714
    assert national(table, STREET_MEASURE, "2018-11") == 368887 - ni[("2018-11", "")]
    assert national(table, ASB, "2018-11") == 73249 - ni[("2018-11", "Anti-social behaviour")]
    assert national(table, VSO, "2018-11") == 106372 - ni[("2018-11", "Violence and sexual offences")]
    assert national(table, BURGLARY, "2018-11") == 23559 - ni[("2018-11", "Burglary")]
    assert national(table, STREET_MEASURE, "2018-10") == 358382 - ni[("2018-10", "")]
    assert national(table, ASB, "2018-10") == 76830 - ni[("2018-10", "Anti-social behaviour")]
    assert national(table, STREET_MEASURE, "2024-01") == 316440  # no Northern Ireland in 2024
    assert national(table, ASB, "2024-01") == 39308
    assert national(table, VSO, "2024-01") == 120209
    assert national(table, SHOPLIFTING, "2024-01") == 26822
    assert national(table, BURGLARY, "2024-01") == 13924
    assert national(table, STREET_MEASURE, "2024-03") == 338865
    expected = [  # README: (month, force, rows)
        *(("2018-11", f, n) for f, n in (("lancashire", 17135), ("northumbria", 17545), ("kent", 13818))),
        *(("2018-11", f, n) for f, n in (("dyfed-powys", 3137), ("city-of-london", 799))),
        *(("2018-10", f, n) for f, n in (("dyfed-powys", 3415), ("south-wales", 12363), ("gwent", 5231))),
        *(("2018-10", f, n) for f, n in (("north-wales", 6162), ("kent", 19396))),
        *(("2024-03", f, n) for f, n in (("south-wales", 11628), ("gwent", 5940), ("north-wales", 5220))),
        *(("2024-03", f, n) for f, n in (("dyfed-powys", 164), ("thames-valley", 16160))),
    ]
    for month, force, rows in expected:
        assert value(table, STREET_MEASURE, force, month) == rows, (force, month)
    assert "Police Service of Northern Ireland: 37314 rows left out" in table.edition.note
    assert sum(rows for (slug, _, _), rows in published.items() if slug == NI_SLUG) == 37314


def test_every_file_and_crime_type_is_the_published_count(
    counted: tuple[NationalTable, dict[str, int]], published: dict[tuple[str, str, str], int]
) -> None:
    table, _ = counted
    by_key = {(f.measure, f.area, f.period_start.isoformat()[:7]): f.value for f in table.figures}
    totals = Counter[tuple[str, str]]()
    checked = 0
    for (slug, month, kind), rows in published.items():
        if slug == NI_SLUG:
            assert not any(area == NI_SLUG for _, area, _ in by_key)
            continue
        area = BRITISH_TRANSPORT_POLICE if slug == "btp" else get_force(slug).id
        assert by_key[(crime_type_measure(kind), area, month)] == rows, (slug, month, kind)
        totals[(area, month)] += rows
        checked += 1
    assert checked > 5000
    # Types a month lacks are 0, so each force's month adds up to the published rows of its file.
    for (area, month), rows in totals.items():
        assert by_key[(STREET_MEASURE, area, month)] == rows
        assert (
            sum(by_key[(crime_type_measure(kind), area, month)] or 0 for kind in POLICE_UK_CRIME_TYPES)
            == rows
        )
    assert {(area, month) for _, area, month in by_key} == set(totals)


def test_the_edition_names_the_files_and_the_overlap(
    shared_data: Path, counted: tuple[NationalTable, dict[str, int]]
) -> None:
    table, told = counted
    files = bulk_files(shared_data)
    edition = table.edition
    digests = sorted(hashlib.sha256(path.read_bytes()).hexdigest() for path in files)
    content = hashlib.sha256("\n".join(digests).encode()).hexdigest()
    # The months, then the files' own digest: other files for these months are another edition.
    assert edition.id == f"police-uk-street-2018-01-2024-03-{content[:12]}"
    assert edition.series == "police-uk-street"
    assert edition.publisher is Publisher.POLICE_UK
    assert edition.published is None
    assert edition.source_file == (
        "22 files: avon-and-somerset-street-2018-01_2018-03.parquet.."
        "street-2024-03-all-available-forces.parquet"
    )
    assert edition.sha256 == content
    # README: 2018-10..12 of four forces are in both folders: 12 force-months counted once.
    assert "12 force-months held in two files, counted once" in edition.note
    assert len(told) == 22
    assert sum(told.values()) == 3689940  # the manifest's rows, both folders, Northern Ireland included
    assert {m.unit for m in table.measures} == {Unit.COUNT}
    assert len(table.measures) == 16
    # The overlap counts the same whichever folder comes first.
    reversed_table = count_street_files(list(reversed(files)))
    assert sorted((f.key, f.value) for f in reversed_table.figures) == sorted(
        (f.key, f.value) for f in table.figures
    )


def readme_counts_2019_01(shared: Path) -> dict[str, int]:
    """The per-type counts ../police-uk/README.txt prints for 2019-01-city-of-london-street.csv."""
    text = (shared / "police-uk" / "README.txt").read_text(encoding="utf-8")
    listed = text.split("617 rows: ", 1)[1].split(".\n", 1)[0]
    return {kind: int(rows) for kind, rows in (item.rsplit(" ", 1) for item in listed.split(", "))}


def test_a_csv_as_published_gives_the_readmes_counts(shared_data: Path) -> None:
    path = shared_data / "police-uk" / "2019-01-city-of-london-street.csv"
    told: list[tuple[str, int]] = []
    table = count_street_files([path], on_file=lambda p, rows: told.append((p.name, rows)))
    assert told == [(path.name, 617)]
    assert value(table, STREET_MEASURE, "city-of-london", "2019-01") == 617
    assert value(table, CRIMES_MEASURE, "city-of-london", "2019-01") == 617 - 93
    published = readme_counts_2019_01(shared_data)
    assert len(published) == 14
    assert sum(published.values()) == 617
    for kind, rows in published.items():
        assert value(table, crime_type_measure(kind), "city-of-london", "2019-01") == rows
    content = hashlib.sha256(hashlib.sha256(path.read_bytes()).hexdigest().encode()).hexdigest()
    assert table.edition.id == f"police-uk-street-2019-01-2019-01-{content[:12]}"


def test_a_csv_and_a_parquet_holding_the_same_month_count_it_once(shared_data: Path) -> None:
    csv_file = shared_data / "police-uk" / "2019-01-city-of-london-street.csv"
    parquet = (
        shared_data / "police-uk-bulk" / "street-by-force" / "city-of-london-street-2018-04_2019-03.parquet"
    )
    table = count_street_files([parquet, csv_file])
    assert value(table, STREET_MEASURE, "city-of-london", "2019-01") == 617
    assert year(table, "city-of-london", FY2018) == 8742
    assert "1 force-months held in two files" in table.edition.note


def test_a_stop_and_search_file_as_published_is_refused(shared_data: Path) -> None:
    path = shared_data / "police-uk" / "2019-01-metropolitan-stop-and-search.csv"
    with pytest.raises(ProblemsError) as raised:
        count_street_files([path])
    assert str(raised.value) == f"{path.name}:1: {STOP_SEARCH_REFUSED}"


# SYNTHETIC files from here on.
STOP_SEARCH_REFUSED = "a police.uk stop and search file: only street files are counted"


def row(
    month: str = "2019-01", force: str = "City of London Police", kind: str = "Burglary", crime_id: str = "c1"
) -> str:
    return (
        f"{crime_id},{month},{force},{force},-0.09,51.52,On or near X,E01000001,City of London 001A,{kind},,"
    )


def write(folder: Path, name: str, lines: list[str], header: tuple[str, ...] = STREET_HEADER) -> Path:
    path = folder / name
    path.write_text("\n".join([",".join(header), *lines]) + "\n", encoding="utf-8")
    return path


def problem_lines(paths: list[Path]) -> list[str]:
    with pytest.raises(ProblemsError) as raised:
        count_street_files(paths)
    return str(raised.value).splitlines()


def test_a_wrong_header_names_the_file_and_the_column(tmp_path: Path) -> None:
    header = tuple("Falls Within" if c == "Falls within" else c for c in STREET_HEADER)
    path = write(tmp_path, "2019-01-city-of-london-street.csv", [row()], header)
    assert problem_lines([path]) == [
        "2019-01-city-of-london-street.csv:1: Falls Within: column 4 should be 'Falls within' "
        "(the 12 police.uk street columns)"
    ]
    short = write(tmp_path, "short.csv", [], STREET_HEADER[:11])
    assert problem_lines([short]) == [
        "short.csv:1: column 12 'Context' is missing (the 12 police.uk street columns)"
    ]


def test_a_bad_month_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "2019-01-city-of-london-street.csv", [row(), row(), row("2019-13"), row("19-01")])
    assert problem_lines([path]) == [
        "2019-01-city-of-london-street.csv:4: Month: '2019-13' is not a month like 2019-01 (1 rows)",
        "2019-01-city-of-london-street.csv:5: Month: '19-01' is not a month like 2019-01 (1 rows)",
    ]


def test_a_month_that_is_not_the_files_is_located(tmp_path: Path) -> None:
    named = write(tmp_path, "2019-01-city-of-london-street.csv", [row(), row("2019-02"), row("2019-02")])
    assert problem_lines([named]) == [
        "2019-01-city-of-london-street.csv:3: Month: 2019-02 is not the file's month (2019-01) (2 rows)"
    ]
    # A file whose name gives no month keeps to the month most of its rows have.
    unnamed = write(tmp_path, "street.csv", [row(), row(), row("2019-03")])
    assert problem_lines([unnamed]) == [
        "street.csv:4: Month: 2019-03 is not the file's month (2019-01) (1 rows)"
    ]


def test_a_bad_row_in_a_parquet_file_is_located_by_its_row(tmp_path: Path) -> None:
    source = write(tmp_path, "rows.csv", [row(), row(), row(kind="Burgled")])
    target = tmp_path / "city-of-london-street-2019-01_2019-03.parquet"
    duckdb.sql(
        f"COPY (SELECT * FROM read_csv('{source}', all_varchar = true)) TO '{target}' (FORMAT parquet)"
    )
    assert problem_lines([target]) == [
        f"{target.name}:3: Crime type: 'Burgled' is not a police.uk crime type (1 rows)"
    ]


def test_an_unknown_force_and_a_short_row_are_located(tmp_path: Path) -> None:
    path = write(
        tmp_path, "2019-01-x-street.csv", [row(), row(force="Gotham City Police"), "c9,2019-01,Kent Police"]
    )
    lines = problem_lines([path])
    assert lines[0].startswith("2019-01-x-street.csv:3: Falls within: 'Gotham City Police' is not a force")
    assert lines[1].startswith("2019-01-x-street.csv:4: ")
    assert "too few fields" in lines[1]
    assert len(lines) == 2


def test_two_files_disagreeing_on_a_force_month_is_a_problem(tmp_path: Path) -> None:
    first = write(tmp_path, "2019-01-city-of-london-street.csv", [row(), row()])
    second = write(tmp_path, "2019-01-city-of-london-street-again.csv", [row(), row(), row()])
    assert problem_lines([first, second]) == [
        "2019-01-city-of-london-street-again.csv: Crime type: city-of-london 2019-01: "
        "3 rows of 'Burglary' here but 2 in 2019-01-city-of-london-street.csv "
        "(the same force and month, counted differently)"
    ]
    agreeing = write(tmp_path, "2019-01-copy-street.csv", [row(), row()])
    table = count_street_files([first, agreeing])
    assert value(table, STREET_MEASURE, "city-of-london", "2019-01") == 2
    assert "1 force-months held in two files, counted once" in table.edition.note


def test_northern_ireland_is_left_out_and_british_transport_police_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "2018-10-mixed-street.csv",
        [
            row("2018-10", "Police Service of Northern Ireland", "Anti-social behaviour", ""),
            row("2018-10", "British Transport Police", "Robbery", ""),
            row("2018-10", "Kent Police", "Anti-social behaviour", ""),
        ],
    )
    table = count_street_files([path])
    assert value(table, STREET_MEASURE, BRITISH_TRANSPORT_POLICE, "2018-10") == 1
    assert value(table, CRIMES_MEASURE, "kent", "2018-10") == 0
    assert value(table, ASB, "kent", "2018-10") == 1
    assert "Police Service of Northern Ireland: 1 rows left out" in table.edition.note
    assert {f.area for f in table.figures} == {BRITISH_TRANSPORT_POLICE, "kent"}
    assert all(f.period_end == date(2018, 10, 31) for f in table.figures)


def test_nothing_to_count_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no police\.uk street files given"):
        count_street_files([])
    stop = write(tmp_path, "2019-01-metropolitan-stop-and-search.csv", [], STOP_SEARCH_HEADER)
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    missing = tmp_path / "2019-05-kent-street.csv"
    lines = problem_lines([stop, other, missing])
    assert lines[0] == f"{stop.name}:1: {STOP_SEARCH_REFUSED}"
    assert lines[1].startswith("2019-05-kent-street.csv: cannot be read as CSV")
    # Told from its content like every street file, whatever its name ends with.
    assert lines[2] == "notes.txt:1: hello: column 1 should be 'Crime ID' (the 12 police.uk street columns)"


def test_other_forces_files_for_the_same_months_are_another_edition(tmp_path: Path) -> None:
    from inspectorate.core.national.store import Added, NationalStore

    london = write(tmp_path, "2019-01-city-of-london-street.csv", [row()])
    kent = write(tmp_path, "2019-01-kent-street.csv", [row(force="Kent Police")])
    first, second = count_street_files([london]), count_street_files([kent])

    assert first.edition.id != second.edition.id
    assert first.edition.id.startswith("police-uk-street-2019-01-2019-01-")
    assert count_street_files([london]).edition == first.edition  # the same files, the same edition
    store = NationalStore(tmp_path / "store")
    assert [store.add(t).status for t in (first, second)] == [Added.STORED, Added.STORED]


def test_a_street_file_is_told_by_its_content_whatever_its_name(tmp_path: Path) -> None:
    from inspectorate.core.national.reading import Kind, recognise

    csv_file = write(tmp_path, "2019-01-city-of-london-street.download", [row(), row()])
    parquet = tmp_path / "2019-01-kent-street.data"
    kent = write(tmp_path, "kent.csv", [row(force="Kent Police")])
    with duckdb.connect() as con:
        con.execute(
            f"COPY (SELECT * FROM read_csv('{kent}', all_varchar = true)) TO '{parquet}' (FORMAT parquet)"
        )
    assert recognise(csv_file) is recognise(parquet) is Kind.POLICE_UK_STREET

    table = count_street_files([csv_file, parquet])
    assert value(table, STREET_MEASURE, "city-of-london", "2019-01") == 2
    assert value(table, STREET_MEASURE, "kent", "2019-01") == 1
