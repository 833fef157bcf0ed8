"""The police use of force data tables read as published (../shared/data/home-office/police-use-of-force,
counts from its README), and small hostile workbooks that need no shared data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from inspectorate.core.forces import all_forces
from inspectorate.core.national.figures import ENGLAND, ENGLAND_AND_WALES, WALES, NationalTable, Status, Unit
from inspectorate.core.national.readers.use_of_force import read_use_of_force_tables
from inspectorate.core.problems import InputError, ProblemsError

FORCE_IDS = frozenset(force.id for force in all_forces())
EDITIONS = {
    "police-use-of-force-apr2017-mar2018-hosb3018-tables.ods": "home-office-use-of-force-2017-18",
    "police-use-of-force-apr2018-mar2019-hosb3319-tables.ods": "home-office-use-of-force-2018-19",
    "police-use-of-force-apr2019-mar2020-hosb3720-tables.ods": "home-office-use-of-force-2019-20",
}


@pytest.fixture(scope="module")
def editions(shared_data: Path) -> dict[str, NationalTable]:
    folder = shared_data / "home-office" / "police-use-of-force"
    return {EDITIONS[name]: read_use_of_force_tables(folder / name) for name in EDITIONS}


def _by_area(table: NationalTable) -> dict[str, float | None]:
    return {f.area: f.value for f in table.figures}


def test_each_edition_is_its_financial_year_as_the_file_states_it(editions: dict[str, NationalTable]) -> None:
    published = {"2017-18": date(2018, 12, 13), "2018-19": date(2019, 12, 19), "2019-20": date(2020, 12, 17)}
    for edition_id, table in editions.items():
        year = edition_id.removeprefix("home-office-use-of-force-")
        start = int(year[:4])
        assert table.edition.id == edition_id
        assert table.edition.series == "home-office-use-of-force"
        assert table.edition.published == published[year]  # "Publication Date:" on the contents page
        assert "current level of recording" in table.edition.note
        assert [(m.id, m.unit) for m in table.measures] == [("use-of-force-incidents", Unit.COUNT)]
        assert {(f.period_start, f.period_end) for f in table.figures} == {
            (date(start, 4, 1), date(start + 1, 3, 31))
        }


def test_incidents_are_the_published_counts(editions: dict[str, NationalTable]) -> None:
    # ../shared/data/home-office/README.txt, section 3 (Table_1 and Table_12).
    assert _by_area(editions["home-office-use-of-force-2017-18"])[ENGLAND_AND_WALES] == 313137
    latest = _by_area(editions["home-office-use-of-force-2018-19"])
    assert (latest[ENGLAND_AND_WALES], latest["metropolitan"], latest["dyfed-powys"], latest[WALES]) == (
        427725,
        129729,
        3821,
        33089,
    )
    latest = _by_area(editions["home-office-use-of-force-2019-20"])
    assert (latest[ENGLAND_AND_WALES], latest["metropolitan"], latest["dyfed-powys"], latest[WALES]) == (
        491984,
        157705,
        3788,
        32983,
    )


def test_all_43_forces_are_printed_and_add_up_to_the_england_and_wales_total(
    editions: dict[str, NationalTable],
) -> None:
    for table in editions.values():
        areas = _by_area(table)
        # The tables print no "Total England"; regions' totals are not kept.
        assert set(areas) == FORCE_IDS | {ENGLAND_AND_WALES, WALES}
        assert all(f.status is Status.VALUE for f in table.figures)
        # Counts are whole numbers, so the sum is exact.
        assert sum(areas[force] or 0 for force in FORCE_IDS) == areas[ENGLAND_AND_WALES]
        welsh = ("dyfed-powys", "gwent", "north-wales", "south-wales")
        assert sum(areas[force] or 0 for force in welsh) == areas[WALES]


def test_a_figure_keeps_its_cell(editions: dict[str, NationalTable]) -> None:
    table = editions["home-office-use-of-force-2018-19"]
    (met,) = (f for f in table.figures if f.area == "metropolitan")
    assert met.where == "Table_12, row 41, column C"


# ---- hostile and small workbooks (no shared data needed) -----------------------------------------

CONTENTS = [["Police use of force statistics, England and Wales, 1 April 2021 to 31 March 2022"]]


def _table(*rows: list[object]) -> list[list[object]]:
    return [
        ["Table 12. Incidents by police force"],
        ["Contents"],
        [],
        ["Region", "Police force", "Total"],
        *rows,
    ]


GOOD = _table(
    ["England and Wales", "Total England and Wales", 30],
    ["England", "Total England", 20],
    ["West Midlands", "Total West Midlands ", 20],
    ["West Midlands", "West Midlands", 20],
    ["Wales", "Total Wales", 10],
    ["Wales", "Gwent", ".."],
    [],
    ["Notes"],
    ["", "A note about recording"],
)


def _write(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_a_small_workbook_reads_forces_and_totals_and_leaves_regions(tmp_path: Path) -> None:
    path = _write(tmp_path / "force.xlsx", {"Contents": CONTENTS, "Table_12": GOOD})
    table = read_use_of_force_tables(path)
    assert table.edition.id == "home-office-use-of-force-2021-22"
    assert table.edition.published is None
    figures = {f.area: f for f in table.figures}
    assert (figures[ENGLAND_AND_WALES].value, figures[ENGLAND].value, figures[WALES].value) == (30, 20, 10)
    assert figures["west-midlands"].where == "Table_12, row 8, column C"
    assert figures["gwent"].status is Status.NOT_AVAILABLE
    assert figures["kent"].where == "Table_12: no row for this force"
    assert len(figures) == 43 + 3


def test_the_year_can_come_from_the_title_alone(tmp_path: Path) -> None:
    titled = [["Table 12. Incidents by police force, year ending March 2020"], *GOOD[1:]]
    table = read_use_of_force_tables(_write(tmp_path / "force.xlsx", {"Table_12": titled}))
    assert table.edition.id == "home-office-use-of-force-2019-20"
    assert table.figures[0].period_start == date(2019, 4, 1)


def test_a_workbook_without_the_force_table_or_its_year_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path / "other.xlsx", {"Contents": CONTENTS, "Table_1": [["Table 1. Tactics"]]})
    with pytest.raises(ProblemsError) as raised:
        read_use_of_force_tables(path)
    assert [str(p) for p in raised.value.problems] == [
        "other.xlsx: tables: expected one table titled 'Incidents by police force' (found: none)"
    ]
    path = _write(tmp_path / "undated.xlsx", {"Table_12": GOOD})
    with pytest.raises(ProblemsError, match=r"undated\.xlsx: Contents: no period stated"):
        read_use_of_force_tables(path)


def test_an_unknown_name_and_a_text_cell_are_located_problems(tmp_path: Path) -> None:
    bad = _table(["Wales", "Gwent", "twelve"], ["Wales", "Gwynedd Constabulary", 4])
    with pytest.raises(ProblemsError) as raised:
        read_use_of_force_tables(_write(tmp_path / "force.xlsx", {"Contents": CONTENTS, "Table_12": bad}))
    assert [str(p) for p in raised.value.problems] == [
        "force.xlsx:5: Table_12 column C: 'twelve' is not a number, '..' or '-'",
        "force.xlsx:6: Table_12 column B: "
        "'Gwynedd Constabulary' is not a force or a total these tables print",
    ]


def test_a_file_that_is_not_a_workbook_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "force.ods"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"^force\.ods: not an xlsx or ods workbook"):
        read_use_of_force_tables(path)
