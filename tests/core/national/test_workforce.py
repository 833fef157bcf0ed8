"""The police workforce data tables read as published (../shared/data/home-office/police-workforce,
counts from its README), and small hostile workbooks that need no shared data."""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from inspectorate.core.forces import all_forces
from inspectorate.core.national.figures import (
    BRITISH_TRANSPORT_POLICE,
    ENGLAND_AND_WALES,
    WALES,
    NationalTable,
    Publisher,
    Status,
    Unit,
)
from inspectorate.core.national.readers.workforce import read_workforce_tables
from inspectorate.core.problems import InputError, ProblemsError

FORCE_IDS = frozenset(force.id for force in all_forces())
WELSH_FORCES = frozenset({"dyfed-powys", "gwent", "north-wales", "south-wales"})
EDITIONS = {
    "police-workforce-tabs-30sep15.ods": "home-office-workforce-2015-09",
    "police-workforce-tables-sep16.ods": "home-office-workforce-2016-09",
    "police-workforce-tables-jan17.ods": "home-office-workforce-2017-09",
    "police-workforce-sep18-tables.ods": "home-office-workforce-2018-09",
    "police-workforce-sep19-tables.ods": "home-office-workforce-2019-09",
}


@pytest.fixture(scope="module")
def editions(shared_data: Path) -> dict[str, NationalTable]:
    folder = shared_data / "home-office" / "police-workforce"
    return {name: read_workforce_tables(folder / name) for name in EDITIONS}


def _value(table: NationalTable, measure: str, area: str, day: date) -> float | None:
    (figure,) = (f for f in table.figures if f.measure == measure and f.area == area and f.period_end == day)
    assert figure.period_start == day
    return figure.value


def test_every_edition_is_identified_by_its_latest_day_and_dated_by_its_index(
    editions: dict[str, NationalTable],
) -> None:
    for name, table in editions.items():
        assert table.edition.id == EDITIONS[name]
        assert table.edition.series == "home-office-workforce"
        assert table.edition.publisher is Publisher.HOME_OFFICE
        assert table.edition.source_file == name
        assert [m.id for m in table.measures] == ["officers-fte", "staff-fte", "pcso-fte"]
        assert {m.unit for m in table.measures} == {Unit.FTE}
        assert "British Transport Police" in table.measures[0].title
    published = {name: t.edition.published for name, t in editions.items()}
    # The README states two release days; the others are each Index sheet's "Last updated".
    assert published["police-workforce-tables-jan17.ods"] == date(2018, 1, 25)
    assert published["police-workforce-sep19-tables.ods"] == date(2020, 1, 30)
    assert published["police-workforce-tabs-30sep15.ods"] == date(2016, 1, 28)


def test_total_43_forces_officers_are_the_published_counts(editions: dict[str, NationalTable]) -> None:
    # ../shared/data/home-office/README.txt, section 2 (Table_1, "Total 43 forces").
    expected = {
        ("police-workforce-tabs-30sep15.ods", date(2015, 3, 31)): 126818.09,
        ("police-workforce-tables-sep16.ods", date(2016, 3, 31)): 124066.25,
        ("police-workforce-tables-jan17.ods", date(2017, 3, 31)): 123142.0345,
        ("police-workforce-sep18-tables.ods", date(2018, 3, 31)): 122403.800975,
        ("police-workforce-sep19-tables.ods", date(2019, 3, 31)): 123170.85695,
        ("police-workforce-sep19-tables.ods", date(2019, 9, 30)): 124783.972765,
    }
    for (name, day), count in expected.items():
        assert _value(editions[name], "officers-fte", ENGLAND_AND_WALES, day) == pytest.approx(
            count, rel=1e-9
        )


def test_forces_are_read_by_name_with_the_cell_they_came_from(editions: dict[str, NationalTable]) -> None:
    sep19 = editions["police-workforce-sep19-tables.ods"]
    day = date(2019, 9, 30)
    assert _value(sep19, "officers-fte", "metropolitan", day) == pytest.approx(30940.22679, rel=1e-9)
    assert _value(sep19, "officers-fte", "dyfed-powys", day) == pytest.approx(1141.18, rel=1e-9)
    (met,) = (f for f in sep19.figures if f.key == ("officers-fte", "metropolitan", day, day))
    assert met.where == "Table_1, row 42, column D"
    assert met.edition == "home-office-workforce-2019-09"


def test_a_later_edition_revises_a_day_an_earlier_one_printed(editions: dict[str, NationalTable]) -> None:
    day = date(2018, 9, 30)
    first = _value(editions["police-workforce-sep18-tables.ods"], "officers-fte", ENGLAND_AND_WALES, day)
    revised = _value(editions["police-workforce-sep19-tables.ods"], "officers-fte", ENGLAND_AND_WALES, day)
    assert first == pytest.approx(122395.45, abs=0.005)
    assert revised == pytest.approx(122406.45, abs=0.005)


def test_every_edition_gives_all_43_forces_for_each_day(editions: dict[str, NationalTable]) -> None:
    for name, table in editions.items():
        days = {f.period_end for f in table.figures}
        assert len(days) == 3, name
        for measure in ("officers-fte", "staff-fte", "pcso-fte"):
            for day in days:
                areas = [f.area for f in table.figures if f.measure == measure and f.period_end == day]
                assert sorted(areas) == sorted(
                    FORCE_IDS | {ENGLAND_AND_WALES, WALES, BRITISH_TRANSPORT_POLICE}
                )
        # Officers and staff: every force has a number on every day.
        counted = [f for f in table.figures if f.measure != "pcso-fte" and f.area in FORCE_IDS]
        assert len(counted) == 2 * 3 * 43
        assert all(f.status is Status.VALUE for f in counted), name


def test_the_forces_add_up_to_the_published_totals(editions: dict[str, NationalTable]) -> None:
    """The 43 forces sum to "Total 43 forces" and the Welsh four to "Wales", in every table and on
    every day (sums by math.fsum, independent of the spreadsheet's own arithmetic)."""
    for table in editions.values():
        for measure in ("officers-fte", "staff-fte", "pcso-fte"):
            for day in {f.period_end for f in table.figures}:
                figures = [f for f in table.figures if f.measure == measure and f.period_end == day]
                forces = math.fsum(f.value or 0.0 for f in figures if f.area in FORCE_IDS)
                welsh = math.fsum(f.value or 0.0 for f in figures if f.area in WELSH_FORCES)
                by_area = {f.area: f.value for f in figures}
                assert forces == pytest.approx(by_area[ENGLAND_AND_WALES], rel=1e-9)
                assert welsh == pytest.approx(by_area[WALES], rel=1e-9)


def test_tables_are_found_by_title_not_number(editions: dict[str, NationalTable]) -> None:
    def sheets(name: str, measure: str) -> set[str]:
        return {f.where.split(",")[0] for f in editions[name].figures if f.measure == measure}

    assert sheets("police-workforce-tabs-30sep15.ods", "pcso-fte") == {"Table_3"}
    assert sheets("police-workforce-sep18-tables.ods", "pcso-fte") == {"Table_5"}
    # The 2019 edition adds headcount tables with the same titles (Table_7, Table_11): not read.
    assert sheets("police-workforce-sep19-tables.ods", "officers-fte") == {"Table_1"}
    assert sheets("police-workforce-sep19-tables.ods", "pcso-fte") == {"Table_5"}


def test_not_available_is_kept_and_never_zero(editions: dict[str, NationalTable]) -> None:
    sep19 = editions["police-workforce-sep19-tables.ods"]
    missing = [f for f in sep19.figures if f.status is not Status.VALUE]
    # Norfolk's PCSO row prints ".." on all three days.
    assert {(f.measure, f.area) for f in missing} == {("pcso-fte", "norfolk")}
    assert len(missing) == 3
    assert all(f.status is Status.NOT_AVAILABLE and f.value is None for f in missing)


# ---- hostile and small workbooks (no shared data needed) -----------------------------------------

DAYS = [datetime(2022, 9, 30), datetime(2023, 3, 31), datetime(2023, 9, 30)]


def _table(title: str, rows: list[list[object]], unit: str = "Full-time equivalents") -> list[list[object]]:
    return [
        [title],
        [],
        ["England and Wales", "", "", "", unit],
        ["", "As at:", "", "", "Change in 12 months"],
        ["", *DAYS, "number"],
        *rows,
    ]


def _rows(*names: str) -> list[list[object]]:
    return [[name, 10.0, 11.0, 12.0, 2.0] for name in names]


GOOD = [
    *_rows("West Midlands ", "Staffordshire", "West Midlands", "Wales", "Gwent", "Total 43 forces1"),
    ["Central Service Secondments", 1.0, 1.0, 1.0, 0.0],
    ["British Transport Police", "..", 5.0, 6.0, ".."],
    ["Total", 99.0, 99.0, 99.0, 0.0],
    ["Notes"],
    ["1. A note that is not a force."],
]


def _write(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _book(tmp_path: Path, officers: list[list[object]] = GOOD, **extra: list[list[object]]) -> Path:
    sheets = {
        "Table_1": _table("Table 1: Police officers by police force area, England and Wales (FTE)", officers),
        "Table_2": _table("Table 2: Police staff by police force area, England and Wales", GOOD),
        "Table_3": _table("Table 3: Police community support officers by police force area", GOOD),
        **extra,
    }
    return _write(tmp_path / "workforce.xlsx", sheets)


def test_a_small_workbook_reads_forces_totals_and_the_region_named_like_a_force(tmp_path: Path) -> None:
    table = read_workforce_tables(_book(tmp_path))
    assert table.edition.id == "home-office-workforce-2023-09"
    assert table.edition.published is None  # no Index sheet: the file states no release day
    officers = {(f.area, f.period_end): f for f in table.figures if f.measure == "officers-fte"}
    day = date(2023, 3, 31)
    # The region row "West Midlands " (row 6) is skipped; the force of that name (row 8) is read.
    assert officers[("west-midlands", day)].where == "Table_1, row 8, column C"
    assert officers[(ENGLAND_AND_WALES, day)].value == 11.0
    assert officers[(WALES, day)].value == 11.0
    assert officers[(BRITISH_TRANSPORT_POLICE, date(2022, 9, 30))].status is Status.NOT_AVAILABLE
    # Forces the table leaves out are not available, never zero.
    left_out = officers[("kent", day)]
    assert left_out.status is Status.NOT_AVAILABLE and left_out.where == "Table_1: no row for this force"
    assert len(officers) == 3 * (43 + 3)


def test_a_headcount_table_with_the_same_title_is_not_taken_for_full_time_equivalents(tmp_path: Path) -> None:
    headcount = _table("Table 1: Police officers by police force area", GOOD, unit="Headcount")
    path = _write(tmp_path / "headcount.xlsx", {"Table_1": headcount})
    with pytest.raises(ProblemsError) as raised:
        read_workforce_tables(path)
    messages = [p.message for p in raised.value.problems]
    assert "no table of full-time equivalents titled 'Police officers by police force area'" in messages
    assert len(messages) == 3


def test_a_workbook_without_the_tables_names_each_missing_one(tmp_path: Path) -> None:
    path = _write(tmp_path / "other.xlsx", {"Index": [["Something else entirely"]]})
    with pytest.raises(ProblemsError) as raised:
        read_workforce_tables(path)
    assert [str(p) for p in raised.value.problems] == [
        "other.xlsx: tables: no table of full-time equivalents titled "
        "'Police community support officers by police force area'",
        "other.xlsx: tables: no table of full-time equivalents titled 'Police officers by police force area'",
        "other.xlsx: tables: no table of full-time equivalents titled 'Police staff by police force area'",
    ]


def test_an_unknown_name_and_a_text_cell_are_located_problems(tmp_path: Path) -> None:
    officers = [
        *_rows("Staffordshire", "Atlantis Constabulary"),
        ["Gwent", 10.0, "about 11", 12.0],
        ["Total", 1.0, 1.0, 1.0],
    ]
    with pytest.raises(ProblemsError) as raised:
        read_workforce_tables(_book(tmp_path, officers))
    assert [str(p) for p in raised.value.problems] == [
        "workforce.xlsx:7: Table_1 column A: "
        "'Atlantis Constabulary' is not a force or a total these tables print",
        "workforce.xlsx:8: Table_1 column C: 'about 11' is not a number, '..' or '-'",
    ]


def test_a_table_without_its_total_row_or_dates_is_refused(tmp_path: Path) -> None:
    no_dates = [["Table 2: Police staff by police force area"], ["Full-time equivalents"], *_rows("Kent")]
    path = _book(tmp_path, _rows("Kent"), Table_2=no_dates)
    with pytest.raises(ProblemsError) as raised:
        read_workforce_tables(path)
    assert [str(p) for p in raised.value.problems] == [
        "workforce.xlsx: Table_2 header: no header row of 'as at' dates",
    ]
    with pytest.raises(ProblemsError, match="Table_1 column A: no 'Total' row ends the table"):
        read_workforce_tables(_book(tmp_path, _rows("Kent")))


def test_a_file_that_is_not_a_workbook_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "tables.ods"
    path.write_text("Force,Officers\nKent,3000\n")
    with pytest.raises(InputError, match=r"^tables\.ods: not an xlsx or ods workbook"):
        read_workforce_tables(path)
