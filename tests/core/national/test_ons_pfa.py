"""The ONS police force area data tables: the eight editions as published (../shared/data/ons,
counts from its README), and small hostile workbooks written here."""

import copy
import hashlib
from datetime import date

import openpyxl
import pytest

from inspectorate.core.forces import all_forces
from inspectorate.core.national.figures import BRITISH_TRANSPORT_POLICE, ENGLAND_AND_WALES, Status, Unit
from inspectorate.core.national.readers.ons_pfa import read_ons_pfa_tables
from inspectorate.core.problems import InputError, ProblemsError

FILES = {
    "ons-pfa-tables-ye-2018-03": "policeforceareatablesyearendingmarch2018v2.xlsx",
    "ons-pfa-tables-ye-2018-06": "policeforceareadatatablesyearendingjune2018corrected.xlsx",
    "ons-pfa-tables-ye-2018-09": "policeforceareatablesyearendingsep18corrected.xlsx",
    "ons-pfa-tables-ye-2018-12": "policeforceareatablesyearendingdecember2018.xlsx",
    "ons-pfa-tables-ye-2019-03": "policeforceareatablesyeendingmarch2019.xlsx",
    "ons-pfa-tables-ye-2019-06": "policeforceareatablesyearendingjune2019.xlsx",
    "ons-pfa-tables-ye-2019-09": "policeforceareatablesyearendingseptember2019.xlsx",
    "ons-pfa-tables-ye-2019-12": "pfatablesdec19.xlsx",
}
EXCLUDING_GMP = ".excluding-greater-manchester"
FORCE_IDS = {force.id for force in all_forces()}


@pytest.fixture(scope="module")
def tables(shared_data):
    folder = shared_data / "ons" / "pfa-data-tables"
    return {edition: read_ons_pfa_tables(folder / name) for edition, name in FILES.items()}


def figures(table):
    return {(f.measure, f.area, f.period_start, f.period_end): f for f in table.figures}


def value(table, measure, area, start, end):
    return figures(table)[(measure, area, start, end)].value


def mid(year):
    return date(year, 6, 30), date(year, 6, 30)


# The README's P1 totals, England and Wales, excluding fraud, British Transport Police included.
P1_TOTALS = {
    "ons-pfa-tables-ye-2018-03": (date(2017, 4, 1), date(2018, 3, 31), 4876282),
    "ons-pfa-tables-ye-2018-06": (date(2017, 7, 1), date(2018, 6, 30), 4978455),
    "ons-pfa-tables-ye-2018-09": (date(2017, 10, 1), date(2018, 9, 30), 5073131),
    "ons-pfa-tables-ye-2018-12": (date(2018, 1, 1), date(2018, 12, 31), 5153064),
    "ons-pfa-tables-ye-2019-03": (date(2018, 4, 1), date(2019, 3, 31), 5257081),
    "ons-pfa-tables-ye-2019-06": (date(2018, 7, 1), date(2019, 6, 30), 5279956),
}


def test_each_file_is_its_edition_named_from_its_titles(tables):
    assert set(tables) == set(FILES)
    ye_2019_03 = tables["ons-pfa-tables-ye-2019-03"].edition
    assert ye_2019_03.title == "Police force area data tables, year ending March 2019"
    assert ye_2019_03.series == "ons-pfa-tables"
    assert ye_2019_03.publisher.value == "Office for National Statistics"
    assert ye_2019_03.source_file == FILES["ons-pfa-tables-ye-2019-03"]


def test_the_day_of_release_is_only_the_one_printed(tables):
    published = {edition: table.edition.published for edition, table in tables.items()}
    corrected = {"ons-pfa-tables-ye-2018-06", "ons-pfa-tables-ye-2018-09"}
    assert published == {e: date(2019, 2, 6) if e in corrected else None for e in FILES}


def test_the_checksum_is_the_files(tables, shared_data):
    name = FILES["ons-pfa-tables-ye-2018-12"]
    data = (shared_data / "ons" / "pfa-data-tables" / name).read_bytes()
    assert tables["ons-pfa-tables-ye-2018-12"].edition.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("edition", sorted(P1_TOTALS))
def test_table_p1_england_and_wales_total(tables, edition):
    start, end, total = P1_TOTALS[edition]
    assert value(tables[edition], "recorded-crime", ENGLAND_AND_WALES, start, end) == total


@pytest.mark.parametrize(
    ("edition", "start", "end", "total"),
    [
        ("ons-pfa-tables-ye-2019-09", date(2018, 10, 1), date(2019, 9, 30), 5000036),
        ("ons-pfa-tables-ye-2019-12", date(2019, 1, 1), date(2019, 12, 31), 5013284),
    ],
)
def test_totals_without_greater_manchester_are_kept_apart(tables, edition, start, end, total):
    table = tables[edition]
    found = figures(table)
    assert found[("recorded-crime" + EXCLUDING_GMP, ENGLAND_AND_WALES, start, end)].value == total
    assert ("recorded-crime", ENGLAND_AND_WALES, start, end) not in found
    assert found[("recorded-crime", "greater-manchester", start, end)].status is Status.NOT_AVAILABLE
    assert found[("recorded-crime", "greater-manchester", start, end)].value is None
    assert "Greater Manchester Police" in table.edition.note


def test_year_ending_september_2019_population_leaves_greater_manchester_out(tables):
    found = figures(tables["ons-pfa-tables-ye-2019-09"])
    assert found[("population" + EXCLUDING_GMP, ENGLAND_AND_WALES, *mid(2018))].value == 56303200
    assert found[("population", "greater-manchester", *mid(2018))].status is Status.NOT_AVAILABLE


def test_year_ending_march_2019_force_counts(tables):
    start, end = date(2018, 4, 1), date(2019, 3, 31)
    table = tables["ons-pfa-tables-ye-2019-03"]
    expected = {
        "metropolitan": 858019,
        "greater-manchester": 333749,
        "west-yorkshire": 296283,
        "avon-and-somerset": 136761,
        "merseyside": 134987,
        "south-yorkshire": 144922,
        "south-wales": 111604,
        "dyfed-powys": 27915,
        "city-of-london": 7195,
        BRITISH_TRANSPORT_POLICE: 66613,
    }
    assert {area: value(table, "recorded-crime", area, start, end) for area in expected} == expected


@pytest.mark.parametrize("edition", sorted(FILES))
def test_every_force_and_british_transport_police_has_a_total_and_no_region_is_kept(tables, edition):
    areas = {f.area for f in tables[edition].figures if f.measure == "recorded-crime"}
    whole_totals = edition not in ("ons-pfa-tables-ye-2019-09", "ons-pfa-tables-ye-2019-12")
    countries = {ENGLAND_AND_WALES, "england", "wales"} if whole_totals else {"wales"}
    assert areas == FORCE_IDS | {BRITISH_TRANSPORT_POLICE} | countries


def test_the_cell_of_each_figure_is_named(tables):
    found = figures(tables["ons-pfa-tables-ye-2019-03"])
    assert found[("recorded-crime", ENGLAND_AND_WALES, date(2018, 4, 1), date(2019, 3, 31))].where == (
        "Table P1, row 7, column C"
    )
    assert found[("population", "metropolitan", *mid(2017))].where == "Table P3, row 44, column C"


def test_offence_groups_are_measures_named_from_their_headings(tables):
    for table in tables.values():
        measures = {m.id: m for m in table.measures}
        assert measures["recorded-crime.homicide"].title == "Homicide"
        assert measures["recorded-crime.violence-with-injury"].unit is Unit.COUNT
        assert measures["recorded-crime"].title == "Total recorded crime (excluding fraud)"
        rate = measures["recorded-crime.residential-burglary-per-1000-households"]
        assert rate.unit is Unit.RATE_PER_1000_HOUSEHOLDS
        assert measures["recorded-crime.other-theft-offences-per-1000"].unit is Unit.RATE_PER_1000_PEOPLE


def test_year_ending_march_2019_homicide(tables):
    table = tables["ons-pfa-tables-ye-2019-03"]
    assert (
        value(table, "recorded-crime.homicide", ENGLAND_AND_WALES, date(2018, 4, 1), date(2019, 3, 31)) == 701
    )


# The README: which mid-year each edition divides by, for population and for households.
MID_YEARS = {
    "ons-pfa-tables-ye-2018-03": (2016, 2016),
    "ons-pfa-tables-ye-2018-06": (2017, 2016),
    "ons-pfa-tables-ye-2018-09": (2017, 2017),
    "ons-pfa-tables-ye-2018-12": (2017, 2017),
    "ons-pfa-tables-ye-2019-03": (2017, 2017),
    "ons-pfa-tables-ye-2019-06": (2018, 2017),
    "ons-pfa-tables-ye-2019-09": (2018, 2018),
    "ons-pfa-tables-ye-2019-12": (2018, 2018),
}


@pytest.mark.parametrize("edition", sorted(MID_YEARS))
def test_table_p3_denominators_are_for_the_mid_year_their_headings_name(tables, edition):
    def years(measure):
        return {
            f.period_end
            for f in tables[edition].figures
            if f.measure == measure and f.area == "metropolitan" and "Table P3" in f.where
        }

    population, households = MID_YEARS[edition]
    assert years("population") == {date(population, 6, 30)}
    assert years("households") == {date(households, 6, 30)}


def test_table_p3_populations(tables):
    mid_2017 = figures(tables["ons-pfa-tables-ye-2019-03"])
    expected = {
        ENGLAND_AND_WALES: 58744600,
        "metropolitan": 8817300,
        "avon-and-somerset": 1695000,
        "merseyside": 1416800,
        "south-yorkshire": 1393400,
        "south-wales": 1324400,
        "dyfed-powys": 516800,
        "city-of-london": 7700,
    }
    assert {area: mid_2017[("population", area, *mid(2017))].value for area in expected} == expected
    assert mid_2017[("households", ENGLAND_AND_WALES, *mid(2017))].value == 24403600
    mid_2018 = figures(tables["ons-pfa-tables-ye-2019-06"])
    assert mid_2018[("population", ENGLAND_AND_WALES, *mid(2018))].value == 59115800
    assert mid_2018[("population", "greater-manchester", *mid(2018))].value == 2812600


def test_published_rates_are_the_counts_over_the_denominators(tables):
    # Independent check: count / population x 1,000 from the same edition's P1 and P3; the
    # published rate divides by the unrounded population, so they agree to within the rounding to
    # 100: the unrounded one lies within 50 of the printed one.
    table = figures(tables["ons-pfa-tables-ye-2019-03"])
    year = (date(2018, 4, 1), date(2019, 3, 31))
    for force in FORCE_IDS - {"city-of-london"}:
        count = table[("recorded-crime", force, *year)].value
        population = table[("population", force, *mid(2017))].value
        assert table[("recorded-crime-per-1000", force, *year)].value == pytest.approx(
            count / population * 1000, rel=50 / (population - 50) + 1e-9
        )
        burglary = table[("recorded-crime.residential-burglary", force, *year)].value
        households = table[("households", force, *mid(2017))].value
        rate = table[("recorded-crime.residential-burglary-per-1000-households", force, *year)].value
        assert rate == pytest.approx(burglary / households * 1000, rel=50 / (households - 50) + 1e-9)


def test_city_of_london_suppressed_rates_are_not_available(tables):
    table = figures(tables["ons-pfa-tables-ye-2019-03"])
    rate = table[("recorded-crime-per-1000", "city-of-london", date(2018, 4, 1), date(2019, 3, 31))]
    assert (rate.value, rate.status) == (None, Status.NOT_AVAILABLE)


def test_tables_p9_and_p10_mid_year_series(tables):
    table = figures(tables["ons-pfa-tables-ye-2018-03"])
    population = {
        (ENGLAND_AND_WALES, 2002): 52602100,
        (ENGLAND_AND_WALES, 2011): 56170900,
        (ENGLAND_AND_WALES, 2016): 58381200,
        ("metropolitan", 2016): 8762400,
        ("dyfed-powys", 2002): 491400,
        ("dyfed-powys", 2016): 516000,
        ("city-of-london", 2016): 7200,
    }
    assert {key: table[("population", key[0], *mid(key[1]))].value for key in population} == population
    households = {
        (ENGLAND_AND_WALES, 2002): 21866500,
        (ENGLAND_AND_WALES, 2016): 24570500,
        ("dyfed-powys", 2016): 225700,
    }
    assert {key: table[("households", key[0], *mid(key[1]))].value for key in households} == households
    p9 = [f for f in tables["ons-pfa-tables-ye-2018-03"].figures if f.where.startswith("Table P9,")]
    # 15 years for 43 forces, England and Wales, England and Wales; mid-2016 is kept once, from P3.
    assert len(p9) == 14 * 46


def test_table_p7_anti_social_behaviour_incidents(tables):
    table = figures(tables["ons-pfa-tables-ye-2019-03"])

    def year(ending):
        return date(ending - 1, 4, 1), date(ending, 3, 31)

    excluding = {2008: 3873916, 2013: 2258805, 2018: 1634360, 2019: 1424755}
    including = {2013: 2292726, 2018: 1663267, 2019: 1456163}
    assert {y: table[("asb-incidents", ENGLAND_AND_WALES, *year(y))].value for y in excluding} == excluding
    assert {
        y: table[("asb-incidents.including-btp", ENGLAND_AND_WALES, *year(y))].value for y in including
    } == including
    assert (
        table[("asb-incidents.including-btp", ENGLAND_AND_WALES, *year(2008))].status is Status.NOT_AVAILABLE
    )
    assert table[("asb-incidents", BRITISH_TRANSPORT_POLICE, *year(2019))].value == 31408
    # "West Midlands" is a region first and a force later in the table: the force's row is kept.
    assert table[("asb-incidents", "west-midlands", *year(2019))].value == 44804
    areas = {f.area for f in tables["ons-pfa-tables-ye-2019-03"].figures if f.measure == "asb-incidents"}
    assert areas == FORCE_IDS | {ENGLAND_AND_WALES, "england", "wales", BRITISH_TRANSPORT_POLICE}
    earlier = figures(tables["ons-pfa-tables-ye-2018-03"])
    assert earlier[("asb-incidents", ENGLAND_AND_WALES, *year(2008))].value == 3873916
    assert earlier[("asb-incidents.including-btp", ENGLAND_AND_WALES, *year(2013))].value == 2292726


# Small workbooks in the published layout, for what the real files never show.
P1 = [
    ["Table P1: Police recorded crime by offence group, number of offences, year ending March 20191,2"],
    [],
    ["England and Wales"],
    [None, None, "Total recorded crime (excluding fraud3)", None, "Victim-based crime"],
    ["Area Code", "Area Name", None, None, "Homicide"],
    [None, None, "Numbers"],
    ["K04000001", "ENGLAND AND WALES6", 100, None, 2],
    ["E12000007", "London", 60, None, 1],
    ["E23000001", "Metropolitan Police", 50, None, 1],
    ["E23000034", "London, City of", 10, None, ".."],
    [None, "British Transport Police", 40, None, "-"],
    ["Source: Home Office - Police recorded crime"],
    ["1. A footnote."],
]
P3 = [
    ["Table P3: Police recorded crime by offence group, rate of offences, year ending March 20191,2"],
    [],
    ["England and Wales"],
    [],
    [
        "Area Code",
        "Area Name",
        "Population figures\n (mid-2017)3  rounded to 100",
        "Household figures\n (mid-2016)4  rounded to 100 ",
        None,
        "Total recorded crime (excluding fraud5)",
        "Residential burglary\n(households)6",
    ],
    [None, None, None, None, None, "Rate per 1,000 population"],
    ["K04000001", "ENGLAND AND WALES", 1000, 400, None, 100.0, 2.5],
    ["E23000001", "Metropolitan Police", 900, 350, None, 55.5, 2.0],
    ["E23000034", "City of London11", 100, 50, None, "+", "+"],
]


def write_tables(path, p1=P1, p3=P3, notes="Crime in England and Wales, year ending March 2019 - PFA tables"):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in (("Notes", [[notes]]), ("Table P1 ", p1), ("Table P3", p3)):
        if rows is None:
            continue
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def edited(rows, row, column, text):
    rows = copy.deepcopy(rows)
    rows[row - 1][column] = text
    return rows


def problems(path):
    with pytest.raises(ProblemsError) as raised:
        read_ons_pfa_tables(path)
    return [str(problem) for problem in raised.value.problems]


def test_a_small_workbook_in_the_published_layout_is_read(tmp_path):
    table = read_ons_pfa_tables(write_tables(tmp_path / "tables.xlsx"))
    assert table.edition.id == "ons-pfa-tables-ye-2019-03"
    found = figures(table)
    year = (date(2018, 4, 1), date(2019, 3, 31))
    assert found[("recorded-crime", "metropolitan", *year)].value == 50
    assert found[("recorded-crime.homicide", "city-of-london", *year)].status is Status.NOT_AVAILABLE
    assert found[("recorded-crime.homicide", BRITISH_TRANSPORT_POLICE, *year)].status is Status.NOT_APPLICABLE
    assert found[("households", "metropolitan", *mid(2016))].value == 350
    assert found[("recorded-crime-per-1000", "city-of-london", *year)].status is Status.NOT_AVAILABLE
    assert (
        found[("recorded-crime.residential-burglary-per-1000-households", "metropolitan", *year)].value == 2.0
    )
    assert {f.area for f in table.figures} == {
        ENGLAND_AND_WALES,
        "metropolitan",
        "city-of-london",
        BRITISH_TRANSPORT_POLICE,
    }


def test_text_in_a_number_column_is_one_located_problem(tmp_path):
    path = write_tables(tmp_path / "tables.xlsx", p1=edited(P1, 9, 2, "fifty"))
    assert problems(path) == ["tables.xlsx:9: Table P1 column C: 'fifty' is not a number, '..' or '-'"]


def test_an_unknown_area_code_is_one_located_problem(tmp_path):
    path = write_tables(tmp_path / "tables.xlsx", p1=edited(P1, 9, 0, "E23000099"))
    assert problems(path) == ["tables.xlsx:9: Table P1 column A: no force has the ONS code 'E23000099'"]


def test_a_missing_table_is_one_problem_naming_the_sheets(tmp_path):
    path = write_tables(tmp_path / "tables.xlsx", p3=None)
    assert problems(path) == ["tables.xlsx: Table P3: no such sheet (sheets: Notes, Table P1)"]


def test_a_sheet_that_is_not_the_table_is_refused(tmp_path):
    path = write_tables(
        tmp_path / "tables.xlsx", p1=edited(P1, 1, 0, "Table P1: Knife crime, year ending March 2019")
    )
    assert problems(path) == [
        "tables.xlsx:1: Table P1: is titled 'Table P1: Knife crime, year ending March 2019', "
        "not a table of number of offences"
    ]


def test_notes_naming_another_year_is_a_problem(tmp_path):
    path = write_tables(tmp_path / "tables.xlsx", notes="Crime in England and Wales, year ending June 2019")
    assert problems(path) == ["tables.xlsx:1: Notes: names the year ending June 2019, Table P1 another"]


def test_totals_leaving_a_force_out_are_kept_under_their_own_measure(tmp_path):
    p1 = edited(P1, 3, 0, "England and Wales (excluding Greater Manchester Police)")
    table = read_ons_pfa_tables(write_tables(tmp_path / "tables.xlsx", p1=p1))
    totals = {f.measure for f in table.figures if f.area == ENGLAND_AND_WALES and "Table P1" in f.where}
    assert totals == {
        "recorded-crime.excluding-greater-manchester",
        "recorded-crime.homicide.excluding-greater-manchester",
    }


def test_a_file_that_is_not_a_workbook_is_an_input_error(tmp_path):
    path = tmp_path / "tables.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match=r"^tables\.xlsx: not an xlsx or ods workbook"):
        read_ons_pfa_tables(path)
