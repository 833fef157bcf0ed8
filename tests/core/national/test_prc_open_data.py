"""The Home Office police recorded crime open data, 2017/18 (../shared/data/home-office, counts
from its README), and small hostile files written here."""

from collections import Counter
from datetime import date

import pytest

from inspectorate.core.forces import all_forces
from inspectorate.core.national.figures import BRITISH_TRANSPORT_POLICE, Publisher
from inspectorate.core.national.readers import prc_open_data
from inspectorate.core.national.readers.ons_pfa import read_ons_pfa_tables
from inspectorate.core.national.readers.prc_open_data import HEADER, read_prc_open_data, read_prc_rows
from inspectorate.core.problems import InputError, ProblemsError

NAME = "prc-pfa-mar2013-onwards-tables201718.csv"
YEAR = (date(2017, 4, 1), date(2018, 3, 31))
QUARTERS = {
    1: (date(2017, 4, 1), date(2017, 6, 30)),
    2: (date(2017, 7, 1), date(2017, 9, 30)),
    3: (date(2017, 10, 1), date(2017, 12, 31)),
    4: (date(2018, 1, 1), date(2018, 3, 31)),
}
FORCE_IDS = {force.id for force in all_forces()}


@pytest.fixture(scope="module")
def path(shared_data):
    return shared_data / "home-office" / NAME


@pytest.fixture(scope="module")
def rows(path):
    return read_prc_rows(path)


@pytest.fixture(scope="module")
def table(path):
    return read_prc_open_data(path)


def figures(table):
    return {(f.measure, f.area, f.period_start, f.period_end): f.value for f in table.figures}


def test_every_line_is_read_with_its_quirks(rows):
    assert len(rows) == 23068
    assert sum(row.offences for row in rows) == 5519401
    by_quarter = Counter()
    for row in rows:
        by_quarter[row.quarter] += row.offences
    assert by_quarter == {1: 1380221, 2: 1403355, 3: 1390138, 4: 1345687}
    negative = [row.offences for row in rows if row.offences < 0]
    assert (len(negative), sum(negative)) == (36, -115)
    assert sum(1 for row in rows if row.offences == 0) == 5792  # each printed "-00"
    assert len({row.code for row in rows}) == 132
    assert len({row.subgroup for row in rows}) == 28


def test_each_force_and_british_transport_police_has_524_lines(rows):
    lines = Counter(row.area for row in rows if row.area is not None)
    assert lines == dict.fromkeys(FORCE_IDS | {BRITISH_TRANSPORT_POLICE}, 524)


def test_fraud_bodies_are_read_but_are_no_area(rows, table):
    fraud = Counter()
    for row in rows:
        if row.area is None:
            fraud[row.force_name] += row.offences
    assert fraud == {
        "Action Fraud": 277033,
        "CIFAS": 276997,
        "UK Finance": 59367,
        "Financial Fraud Action UK": 24961,
    }
    assert {f.area for f in table.figures} == FORCE_IDS | {BRITISH_TRANSPORT_POLICE}
    assert "638,358" in table.edition.note


def test_the_edition(table, path):
    edition = table.edition
    assert (edition.id, edition.series) == ("home-office-prc-open-data-2017-18", "home-office-prc-open-data")
    assert edition.publisher is Publisher.HOME_OFFICE
    assert edition.published is None
    assert edition.source_file == NAME


def test_year_totals_excluding_fraud(table):
    found = figures(table)
    totals = {
        f.area: f.value
        for f in table.figures
        if f.measure == "recorded-crime" and (f.period_start, f.period_end) == YEAR
    }
    assert sum(totals.values()) == 4881043
    assert sum(value for area, value in totals.items() if area in FORCE_IDS) == 4821452
    assert totals[BRITISH_TRANSPORT_POLICE] == 59591
    expected = {
        "metropolitan": 815528,
        "west-yorkshire": 265520,
        "greater-manchester": 339818,
        "avon-and-somerset": 140071,
        "merseyside": 125424,
        "south-yorkshire": 141918,
        "south-wales": 104859,
        "dyfed-powys": 25742,
        "city-of-london": 5870,
    }
    assert {area: found[("recorded-crime", area, *YEAR)] for area in expected} == expected


def test_each_year_total_is_the_sum_of_its_quarters(table):
    found = figures(table)
    for measure, area, start, end in list(found):
        if (start, end) == YEAR:
            quarters = [found.get((measure, area, *QUARTERS[q]), 0) for q in QUARTERS]
            assert found[(measure, area, start, end)] == sum(quarters)


def test_quarter_totals_with_fraud_give_the_published_quarters(table, rows):
    found = figures(table)
    for quarter, total in {1: 1380221, 2: 1403355, 3: 1390138, 4: 1345687}.items():
        forces = sum(
            v for (m, _, s, e), v in found.items() if m == "recorded-crime" and (s, e) == QUARTERS[quarter]
        )
        fraud = sum(row.offences for row in rows if row.area is None and row.quarter == quarter)
        assert forces + fraud == total


def test_offence_subgroups(table):
    def year_sum(measure):
        return sum(
            f.value for f in table.figures if f.measure == measure and (f.period_start, f.period_end) == YEAR
        )

    assert year_sum("recorded-crime.homicide") == 728
    assert year_sum("recorded-crime.domestic-burglary") == 309795
    assert year_sum("recorded-crime.shoplifting") == 382203
    assert year_sum("recorded-crime.miscellaneous-crimes-against-society") > 0
    assert "recorded-crime.fraud-offences" not in {m.id for m in table.measures}


def test_where_says_which_lines_were_added(table):
    found = {(f.measure, f.area, f.period_start, f.period_end): f for f in table.figures}
    quarter = found[("recorded-crime", "avon-and-somerset", *QUARTERS[1])]
    assert quarter.where == (
        "sum of 131 lines between lines 3 and 133: "
        "'Avon and Somerset', quarter 1, every Offence Group but fraud"
    )
    year = found[("recorded-crime.homicide", "avon-and-somerset", *YEAR)]
    # Four homicide offence codes in each of four quarters.
    assert year.where == (
        "sum of 16 lines between lines 60 and 17364: "
        "'Avon and Somerset', the four quarters, Offence Subgroup 'Homicide'"
    )


def test_cross_check_with_the_ons_year_ending_march_2018(table, shared_data):
    ons = read_ons_pfa_tables(
        shared_data / "ons" / "pfa-data-tables" / "policeforceareatablesyearendingmarch2018v2.xlsx"
    )
    published = {
        f.area: f.value
        for f in ons.figures
        if f.measure == "recorded-crime" and (f.period_start, f.period_end) == YEAR
    }
    ours = figures(table)
    for area, value in {
        "dyfed-powys": 25742,
        "metropolitan": 815528,
        "west-yorkshire": 265520,
        "cleveland": 57222,
    }.items():
        assert published[area] == ours[("recorded-crime", area, *YEAR)] == value
    revised = {
        "avon-and-somerset": (137455, 140071),
        "greater-manchester": (340005, 339818),
        "city-of-london": (5392, 5870),
    }
    assert {area: (published[area], ours[("recorded-crime", area, *YEAR)]) for area in revised} == revised
    assert published["england-and-wales"] == 4876282


LINES = [
    "2017/18,1,Avon and Somerset,Homicide,Violence against the person,Homicide,1, 2 ",
    '2017/18,1,Avon and Somerset,Shoplifting,Theft offences,Shoplifting,46," 1,200 "',
    "2017/18,2,Avon and Somerset,Homicide,Violence against the person,Homicide,1,-00",
    "2017/18,3,Avon and Somerset,Homicide,Violence against the person,Homicide,1,-00",
    "2017/18,4,Avon and Somerset,Homicide,Violence against the person,Homicide,1,-00",
    "2017/18,1,Action Fraud,Fraud recorded by Action Fraud,Fraud offences,Fraud: action fraud,AF, 66776 ",
]


HEADER_LINE = ",".join(HEADER)


def write(tmp_path, header=HEADER_LINE, lines=LINES):
    path = tmp_path / "prc.csv"
    path.write_text("\ufeff" + "\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def problems(path):
    with pytest.raises(ProblemsError) as raised:
        read_prc_open_data(path)
    return [str(problem) for problem in raised.value.problems]


def test_a_small_file_is_read(tmp_path):
    table = read_prc_open_data(write(tmp_path))
    found = figures(table)
    assert found[("recorded-crime", "avon-and-somerset", *QUARTERS[1])] == 1202
    assert found[("recorded-crime", "avon-and-somerset", *QUARTERS[2])] == 0
    assert found[("recorded-crime.theft-offences", "avon-and-somerset", *YEAR)] == 1200
    assert found[("recorded-crime.violence-against-the-person", "avon-and-somerset", *YEAR)] == 2


def test_a_wrong_header_is_one_problem_naming_the_column(tmp_path):
    header = ",".join(HEADER).replace("Force Name", "Force")
    assert problems(write(tmp_path, header=header)) == [
        "prc.csv:1: column 3: the heading should be 'Force Name', not 'Force'"
    ]


def test_text_in_the_number_column_is_one_located_problem(tmp_path):
    lines = [*LINES[:1], LINES[1].replace('" 1,200 "', "twelve"), *LINES[2:]]
    assert problems(write(tmp_path, lines=lines)) == [
        "prc.csv:3: Number of Offences: 'twelve' is not a whole number of offences"
    ]


def test_a_name_that_is_no_force_is_one_located_problem(tmp_path):
    lines = [*LINES[:2], LINES[2].replace("Avon and Somerset", "Total 43 forces"), *LINES[3:]]
    assert problems(write(tmp_path, lines=lines)) == [
        "prc.csv:4: Force Name: 'Total 43 forces' is not a force"
    ]


def test_a_file_too_big_is_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(prc_open_data, "NATIONAL_TABLE_MAX_BYTES", 100)
    with pytest.raises(InputError, match=r"^prc.csv: is .* more than the"):
        read_prc_open_data(write(tmp_path))


def test_a_year_is_made_only_from_all_four_quarters(tmp_path):
    # Dyfed-Powys has only quarter 1: its quarter stands, its year is not made, and the note says so.
    lines = [*LINES, "2017/18,1,Dyfed-Powys,Homicide,Violence against the person,Homicide,1, 7 "]
    table = read_prc_open_data(write(tmp_path, lines=lines))
    found = figures(table)
    assert found[("recorded-crime", "dyfed-powys", *QUARTERS[1])] == 7
    assert ("recorded-crime", "dyfed-powys", *YEAR) not in found
    assert not [f for f in table.figures if f.area == "dyfed-powys" and f.period_start == YEAR[0]
                and f.period_end == YEAR[1]]  # fmt: skip
    assert found[("recorded-crime", "avon-and-somerset", *YEAR)] == 1202
    assert "No figure for the year for dyfed-powys: the file has no quarter 2, 3, 4 for them." in (
        table.edition.note
    )


def test_a_file_with_every_line_twice_is_refused_naming_both_lines(tmp_path):
    path = write(tmp_path, lines=LINES + LINES)
    assert problems(path) == [
        f"prc.csv:{line + 6}: Offence Code: {force!r}, quarter {quarter}, offence code {code!r} again, "
        f"already on line {line}: a force's code is printed once a quarter"
        for line, force, quarter, code in (
            (2, "Avon and Somerset", 1, "1"),
            (3, "Avon and Somerset", 1, "46"),
            (4, "Avon and Somerset", 2, "1"),
            (5, "Avon and Somerset", 3, "1"),
            (6, "Avon and Somerset", 4, "1"),
            (7, "Action Fraud", 1, "AF"),
        )
    ]


def test_a_code_joining_four_codes_is_printed_four_times_and_no_more(tmp_path):
    # As the real file prints homicide: "1/4.1/4.10/4.2" on four lines a force and quarter.
    homicide = (
        "2017/18,{q},Avon and Somerset,Homicide,Violence against the person,Homicide,1/4.1/4.10/4.2, 1 "
    )
    four = [homicide.format(q=q) for q in (1, 2, 3, 4) for _ in range(4)]
    table = read_prc_open_data(write(tmp_path, lines=four))
    assert figures(table)[("recorded-crime.homicide", "avon-and-somerset", *YEAR)] == 16
    assert problems(write(tmp_path, lines=[*four, homicide.format(q=2)])) == [
        "prc.csv:18: Offence Code: 'Avon and Somerset', quarter 2, offence code '1/4.1/4.10/4.2' again, "
        "already on line 6: a force's code is printed 4 times (once for each code it joins) a quarter"
    ]


@pytest.mark.parametrize(
    ("column", "text", "problem"),
    [
        (0, "9999/00", "Financial Year: '9999/00': a financial year from 1990 to 2099 is expected"),
        (0, "2016/19", "Financial Year: '2016/19' is not one financial year (after 2016 comes 17)"),
        (4, "x" * 501, "Offence Group: is 501 characters long, more than the 100 a heading may be"),
        (5, "!!!", "Offence Subgroup: '!!!' has no letters or digits to name a measure"),
        (
            4,
            "Total recorded crime",
            "Offence Group: 'Total recorded crime' names the total, not an offence group",
        ),
        (7, "9" * 400, f"Number of Offences: {'9' * 40!r} is not a whole number of offences"),
    ],
)
def test_each_bad_field_is_one_located_problem(tmp_path, column, text, problem):
    fields = LINES[0].split(",")
    fields[column] = text
    path = write(tmp_path, lines=[",".join(fields), *LINES[1:]])
    assert problems(path) == [f"prc.csv:2: {problem}"]
