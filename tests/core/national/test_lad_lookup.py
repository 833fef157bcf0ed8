"""The ONS local authority district to police force area lookup (../shared/data/ons, counts from
its README), and small hostile files written here."""

from collections import Counter

import pytest

from inspectorate.core.forces import all_forces
from inspectorate.core.national.readers.lad_lookup import read_lad_lookup
from inspectorate.core.problems import ProblemsError

NAME = (
    "Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas"
    "__December_2016__Lookup_in_England_and_Wales.csv"
)
HEADER = "LAD16CD,LAD16NM,CSP16CD,CSP16NM,PFA16CD,PFA16NM,FID"


def test_the_december_2016_lookup(shared_data):
    areas = read_lad_lookup(shared_data / "ons" / NAME)
    assert len(areas) == 348
    assert len({area.lad_code for area in areas}) == 348
    assert len({area.csp_code for area in areas}) == 315
    districts = Counter(area.force_id for area in areas)
    assert set(districts) == {force.id for force in all_forces()}
    assert (districts["metropolitan"], districts["thames-valley"], districts["city-of-london"]) == (32, 16, 1)
    broadland = next(area for area in areas if area.lad_code == "E07000144")
    assert (broadland.lad_name, broadland.csp_code, broadland.force_id) == (
        "Broadland",
        "E22000219",
        "norfolk",
    )


def write(tmp_path, lines, header=HEADER):
    path = tmp_path / "lookup.csv"
    path.write_text("\ufeff" + "\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def problems(path):
    with pytest.raises(ProblemsError) as raised:
        read_lad_lookup(path)
    return [str(problem) for problem in raised.value.problems]


LINES = [
    "E07000144,Broadland,E22000219,Broadland,E23000024,Norfolk,1",
    'E09000001,City of London,E22000001,City of London,E23000034,"London, City of",2',
]


def test_a_small_lookup_is_read(tmp_path):
    assert [area.force_id for area in read_lad_lookup(write(tmp_path, LINES))] == [
        "norfolk",
        "city-of-london",
    ]


def test_a_wrong_header_is_one_problem_naming_the_column(tmp_path):
    header = HEADER.replace("PFA16CD", "PFA_CODE")
    assert problems(write(tmp_path, LINES[:1], header=header)) == [
        "lookup.csv:1: column 5: the heading should be 'PFA16CD', not 'PFA_CODE'"
    ]


def test_an_unknown_police_force_area_code_is_one_located_problem(tmp_path):
    lines = [LINES[0], "E07000006,South Bucks,E22000311,South Bucks,E23000099,Thames Valley,2"]
    assert problems(write(tmp_path, lines)) == [
        "lookup.csv:3: PFA16CD: no force has the ONS code 'E23000099'"
    ]


def test_a_district_twice_is_a_problem(tmp_path):
    assert problems(write(tmp_path, [LINES[0], LINES[0]])) == [
        "lookup.csv:3: LAD16CD: E07000144 is also on line 2"
    ]
