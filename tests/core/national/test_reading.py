"""Which published table a file is, told from its content; anything else refused in one line.

The small files written here are SYNTHETIC: a header and a row or two, enough to be recognised.
The real files (../shared/data) are recognised in the last tests, which skip when they are absent."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from inspectorate.core.data.policeuk import STOP_SEARCH_HEADER, STREET_HEADER
from inspectorate.core.national import reading
from inspectorate.core.national.reading import (
    PRC_OPEN_DATA_HEADER,
    Kind,
    national_files,
    read_national_file,
    read_national_paths,
    recognise,
)
from inspectorate.core.problems import InputError

STREET_ROW = (
    "c1,2019-01,City of London Police,City of London Police,-0.097601,51.520699,"
    "On or near Carthusian Street,E01000001,City of London 001A,Burglary,,"
)


def street_csv(folder: Path, name: str = "2019-01-city-of-london-street.csv") -> Path:
    path = folder / name
    path.write_text(",".join(STREET_HEADER) + "\n" + STREET_ROW + "\n", encoding="utf-8")
    return path


def make_ods(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    """A minimal OpenDocument spreadsheet: the mimetype, a manifest and the cells as text."""

    def cell(text: str) -> str:
        return (
            f'<table:table-cell office:value-type="string"><text:p>{escape(text)}</text:p></table:table-cell>'
        )

    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join("<table:table-row>" + "".join(cell(c) for c in row) + "</table:table-row>" for row in rows)
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def make_xlsx(path: Path, sheet: str) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = sheet
    book.active.append(["Area Code", "Area Name", "Total"])
    book.save(path)
    return path


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as refused:
        recognise(path)
    message = str(refused.value)
    assert len(message.splitlines()) == 1, message
    assert message.startswith(f"{path.name}: "), message
    return message


# Recognised ----------------------------------------------------------------------------------


def test_a_csv_with_the_home_office_open_data_header_is_the_recorded_crime_open_data(tmp_path) -> None:
    path = tmp_path / "renamed.txt"
    path.write_text(",".join(PRC_OPEN_DATA_HEADER) + "\n2017/18,1,Metropolitan Police,a,b,c,1, 5 \n")

    assert recognise(path) is Kind.PRC_OPEN_DATA


def test_a_csv_with_the_street_header_and_a_byte_order_mark_is_police_uk_street(tmp_path) -> None:
    path = street_csv(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    assert recognise(path) is Kind.POLICE_UK_STREET


def test_a_parquet_file_with_the_street_columns_is_police_uk_street(tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "street.parquet"
    pq.write_table(pa.table({name: ["x"] for name in STREET_HEADER}), path)

    assert recognise(path) is Kind.POLICE_UK_STREET


def test_an_xlsx_with_a_table_p1_sheet_is_the_ons_tables(tmp_path) -> None:
    assert recognise(make_xlsx(tmp_path / "tables.xlsx", "Table P1 ")) is Kind.ONS_PFA


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Police Workforce, England and Wales, 30 September 2019", Kind.WORKFORCE),
        ("Police use of force statistics, England and Wales", Kind.USE_OF_FORCE),
    ],
)
def test_an_ods_is_told_by_its_opening_title(tmp_path, title, kind) -> None:
    path = make_ods(tmp_path / "tables.ods", {"Index": [[title]], "Table_1": [["Table 1"]]})

    assert recognise(path) is kind


# Refused in one line ---------------------------------------------------------------------------


def test_a_shopping_list_is_refused(tmp_path) -> None:
    path = tmp_path / "shopping.csv"
    path.write_text("item,quantity\nmilk,2\neggs,12\n")

    message = refusal(path)

    assert "'item', 'quantity'" in message
    assert "neither the Home Office recorded crime open data nor police.uk street-level crime" in message


def test_a_stop_and_search_file_is_refused_as_such(tmp_path) -> None:
    path = tmp_path / "2019-01-metropolitan-stop-and-search.csv"
    path.write_text(",".join(STOP_SEARCH_HEADER) + "\n")

    assert "police.uk stop and search" in refusal(path)


def test_an_xlsx_without_table_p1_is_refused(tmp_path) -> None:
    message = refusal(make_xlsx(tmp_path / "budget.xlsx", "Budget"))

    assert "without a 'Table P1' sheet" in message


def test_an_ods_of_another_table_is_refused_quoting_its_opening(tmp_path) -> None:
    path = make_ods(tmp_path / "taser.ods", {"Index": [["Police use of TASER statistics, 2016"]]})

    assert "it opens 'Police use of TASER statistics, 2016'" in refusal(path)


def test_an_empty_file_is_refused(tmp_path) -> None:
    path = tmp_path / "empty.csv"
    path.touch()

    assert refusal(path) == "empty.csv: the file is empty"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(reading, "NATIONAL_TABLE_MAX_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_text(",".join(PRC_OPEN_DATA_HEADER) + "\n" + "x" * 200)

    assert "more than the 9.537e-05 MB a national file may be" in refusal(path)


def test_binary_junk_and_a_zip_of_other_things_are_refused(tmp_path) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 4)
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("photo.jpg", b"not really")

    assert "not a workbook, Parquet or UTF-8 CSV file" in refusal(junk)
    assert "neither an xlsx nor an ods workbook" in refusal(archive)


def test_read_national_file_refuses_what_it_does_not_recognise(tmp_path) -> None:
    path = tmp_path / "shopping.csv"
    path.write_text("item,quantity\n")

    with pytest.raises(InputError, match=r"^shopping\.csv: a CSV file whose columns"):
        read_national_file(path)


# Folders and grouping -------------------------------------------------------------------------


def test_folders_are_searched_for_table_files_only(tmp_path) -> None:
    (tmp_path / "sub").mkdir()
    first = street_csv(tmp_path)
    second = street_csv(tmp_path / "sub", "2019-02-city-of-london-street.csv")
    (tmp_path / "README.txt").write_text("notes")
    (tmp_path / ".hidden.csv").write_text("x")

    assert national_files([tmp_path, first]) == [first, second]


def test_street_files_are_counted_together_and_a_bad_file_is_refused_alone(tmp_path) -> None:
    pytest.importorskip("inspectorate.core.national.policeuk_counts")
    street_csv(tmp_path, "2019-01-city-of-london-street.csv")
    street_csv(tmp_path, "2019-02-city-of-london-street.csv").write_text(
        ",".join(STREET_HEADER) + "\n" + STREET_ROW.replace("2019-01", "2019-02") + "\n"
    )
    (tmp_path / "shopping.csv").write_text("item,quantity\n")
    told: list[str] = []

    results = list(read_national_paths([tmp_path], lambda path: told.append(path.name)))

    assert [r.refused for r in results if r.table is None] == [
        (
            "shopping.csv: a CSV file whose columns ('item', 'quantity') are neither the Home Office "
            "recorded crime open data nor police.uk street-level crime",
        )
    ]
    (street,) = [r for r in results if r.table is not None]
    assert [p.name for p in street.files] == [
        "2019-01-city-of-london-street.csv",
        "2019-02-city-of-london-street.csv",
    ]
    assert street.table is not None
    assert street.table.edition.id.startswith("police-uk-street-2019-01-2019-02-")
    assert sorted(told) == [
        "2019-01-city-of-london-street.csv",
        "2019-02-city-of-london-street.csv",
        "shopping.csv",
    ]


# The real files -------------------------------------------------------------------------------


def test_every_real_file_is_recognised_as_its_table_and_the_others_refused(shared_data: Path) -> None:
    kinds: dict[str, Kind] = {}
    refused: dict[str, str] = {}
    for path in national_files([shared_data]):
        name = path.relative_to(shared_data).as_posix()
        try:
            kinds[name] = recognise(path)
        except InputError as exc:
            refused[name] = str(exc)

    def named(kind: Kind) -> list[str]:
        return sorted(name for name, found in kinds.items() if found is kind)

    assert len(named(Kind.ONS_PFA)) == 8
    assert named(Kind.PRC_OPEN_DATA) == ["home-office/prc-pfa-mar2013-onwards-tables201718.csv"]
    assert len(named(Kind.WORKFORCE)) == 5
    assert named(Kind.USE_OF_FORCE) == [
        f"home-office/police-use-of-force/police-use-of-force-{years}-tables.ods"
        for years in ("apr2017-mar2018-hosb3018", "apr2018-mar2019-hosb3319", "apr2019-mar2020-hosb3720")
    ]
    # 16 by force and 6 of all forces (Parquet), and the three City of London CSV files.
    assert len(named(Kind.POLICE_UK_STREET)) == 16 + 6 + 3
    # Stop and search (6 Parquet, 4 CSV), the 2016 Taser tables, the lookup, and the bulk folder's
    # own manifest and counts: each refused in one line.
    assert len(refused) == 6 + 4 + 1 + 1 + 3
    assert sum("police.uk stop and search" in line for line in refused.values()) == 10
    assert all(len(line.splitlines()) == 1 for line in refused.values())


# Mangled inputs: every reader refuses them with an InputError, never another exception ----------
# Each case is a SYNTHETIC file that a baseline proves readable, with one thing changed.

PRC_LINE = "2017/18,{q},Metropolitan Police,Murder,Violence against the person,Homicide,1, 5 "


def _prc(path: Path, change: tuple[int, str] | None = None) -> Path:
    lines = [PRC_LINE.format(q=q).split(",") for q in (1, 2, 3, 4)]
    if change is not None:
        lines[0][change[0]] = change[1]
    path.write_text("\n".join([",".join(PRC_OPEN_DATA_HEADER), *(",".join(f) for f in lines)]) + "\n")
    return path


ONS_P1 = [
    ["Table P1: Police recorded crime by offence group, number of offences, year ending March 2019"],
    [],
    [None, None, "Total recorded crime (excluding fraud)", "Homicide"],
    ["Area Code", "Area Name"],
    ["E23000001", "Metropolitan Police", 50, 1],
]
ONS_P3 = [
    ["Table P3: Police recorded crime by offence group, rate of offences, year ending March 2019"],
    [],
    ["Area Code", "Area Name", "Population figures (mid-2017)", "Household figures (mid-2016)", "Homicide"],
    ["E23000001", "Metropolitan Police", 900, 350, 0.1],
]


def _ons(path: Path, p1=ONS_P1, p3=ONS_P3, notes="Year ending March 2019") -> Path:
    from openpyxl import Workbook as OpenpyxlWorkbook

    book = OpenpyxlWorkbook()
    book.remove(book.active)
    for name, rows in (("Notes", [[notes]]), ("Table P1", p1), ("Table P3", p3)):
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _heading(rows, row: int, column: int, text: str):
    changed = [list(r) for r in rows]
    changed[row][column] = text
    return changed


USE_OF_FORCE = [
    ["Table 12. Incidents by police force, year ending March 2019"],
    ["Police force", "Total"],
    ["Metropolitan Police", "30"],
]


def _use_of_force(path: Path, sheet: str = "Table_12", rows=USE_OF_FORCE, opening: str = "") -> Path:
    cover = opening or "Police use of force statistics, England and Wales"
    return make_ods(path, {"Contents": [[cover]], sheet: rows})


MANGLED = {
    "prc: an impossible year": lambda d: _prc(d / "prc.csv", (0, "9999/00")),
    "prc: a group of 600 characters": lambda d: _prc(d / "prc.csv", (4, "x" * 600)),
    "prc: a group of punctuation": lambda d: _prc(d / "prc.csv", (4, "!!!")),
    "prc: a count of 400 digits": lambda d: _prc(d / "prc.csv", (7, "9" * 400)),
    "prc: a quote left open": lambda d: _prc(d / "prc.csv", (3, '"Murder')),
    "ons: a heading of 600 characters": lambda d: _ons(d / "t.xlsx", p1=_heading(ONS_P1, 2, 3, "y" * 600)),
    "ons: a heading of ampersands": lambda d: _ons(d / "t.xlsx", p1=_heading(ONS_P1, 2, 3, "&" * 90)),
    "ons: a heading of punctuation": lambda d: _ons(d / "t.xlsx", p3=_heading(ONS_P3, 2, 4, "???")),
    "ons: a mid-year 0000": lambda d: _ons(d / "t.xlsx", p3=_heading(ONS_P3, 2, 2, "Population (mid-0000)")),
    "use of force: a sheet name of 600 characters": lambda d: _use_of_force(d / "u.ods", sheet="s" * 600),
    "use of force: the year ending March 0000": lambda d: _use_of_force(
        d / "u.ods", rows=[[USE_OF_FORCE[0][0].replace("2019", "0000")], *USE_OF_FORCE[1:]]
    ),
    "use of force: a count beyond any float": lambda d: _use_of_force(
        d / "u.ods", rows=[*USE_OF_FORCE[:2], ["Metropolitan Police", "9" * 400]]
    ),
}


def test_the_baselines_of_the_mangled_inputs_are_read(tmp_path) -> None:
    for path in (_prc(tmp_path / "prc.csv"), _ons(tmp_path / "t.xlsx"), _use_of_force(tmp_path / "u.ods")):
        assert read_national_file(path).figures, path.name


def test_a_publication_day_no_month_has_is_no_day(tmp_path) -> None:
    path = _ons(tmp_path / "t.xlsx", notes="Year ending March 2019. Published on 31st February 2019")
    assert read_national_file(path).edition.published is None


@pytest.mark.parametrize("case", sorted(MANGLED))
def test_no_reader_lets_a_mangled_input_escape_as_anything_but_an_input_error(tmp_path, case) -> None:
    path = MANGLED[case](tmp_path)
    with pytest.raises(InputError) as refused:
        read_national_file(path)
    # Each line names the file: what the command prints, one line per problem.
    assert all(line.startswith(path.name) for line in str(refused.value).splitlines()), str(refused.value)
