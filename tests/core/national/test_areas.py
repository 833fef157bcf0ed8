"""Which area a row of a national table is about, by ONS code or by printed name."""

import pytest

from inspectorate.core.forces import all_forces
from inspectorate.core.national.areas import UnknownArea, area_for, area_for_name, area_key, is_region_name
from inspectorate.core.national.figures import BRITISH_TRANSPORT_POLICE, ENGLAND, ENGLAND_AND_WALES, WALES


@pytest.mark.parametrize(
    ("code", "name", "area"),
    [
        ("K04000001", "ENGLAND AND WALES7,8", ENGLAND_AND_WALES),
        ("E92000001", "ENGLAND8", ENGLAND),
        ("W92000004", "WALES", WALES),
        ("E23000001", "Metropolitan Police", "metropolitan"),
        ("E23000034", "London, City of", "city-of-london"),
        ("W15000004", "Dyfed-Powys4", "dyfed-powys"),
        (" e23000005 ", "Greater Manchester8,9", "greater-manchester"),
        ("", "British Transport Police", BRITISH_TRANSPORT_POLICE),
        ("E12000007", "London", None),
        ("E12000005", "West Midlands ", None),
        ("E10000002", "Buckinghamshire", None),
    ],
)
def test_it_reads_the_area_of_a_coded_row(code, name, area):
    assert area_for(code, name) == area


@pytest.mark.parametrize("force", all_forces(), ids=lambda force: force.id)
def test_every_force_is_found_by_its_ons_code_and_by_its_home_office_name(force):
    assert area_for(force.ons_code, force.home_office_name) == force.id
    assert area_for_name(force.home_office_name) == force.id
    assert area_for_name(force.name) == force.id


def test_an_unknown_force_code_is_refused_naming_it():
    with pytest.raises(UnknownArea, match="no force has the ONS code 'E23000099'"):
        area_for("E23000099", "Somewhere")


def test_a_code_that_names_another_force_than_its_row_is_refused():
    with pytest.raises(UnknownArea, match=r"the code E23000001 is .*'Cleveland'"):
        area_for("E23000001", "Cleveland")


def test_text_where_a_code_should_be_is_refused():
    with pytest.raises(UnknownArea, match="'Area 51' is not an ONS area code"):
        area_for("Area 51", "Cleveland")


@pytest.mark.parametrize(
    ("name", "area"),
    [
        ("London, City of", "city-of-london"),
        ("City of London10", "city-of-london"),
        ("Metropolitan Police", "metropolitan"),
        ("Avon & Somerset", "avon-and-somerset"),
        ("ENGLAND AND WALES (inc. BTP)9", ENGLAND_AND_WALES),
        ("England and Wales (excluding Greater Manchester Police)", ENGLAND_AND_WALES),
        ("Total England and Wales", ENGLAND_AND_WALES),
        ("Total Wales", WALES),
        ("British Transport Police9", BRITISH_TRANSPORT_POLICE),
        ("West Midlands", "west-midlands"),
        ("London 10", None),
        ("East ", None),
        ("Yorkshire and The Humber", None),
        ("Total 43 forces1,2", None),
    ],
)
def test_it_reads_the_area_a_printed_name_is(name, area):
    assert area_for_name(name) == area


def test_a_name_that_is_no_area_is_refused_naming_it():
    with pytest.raises(UnknownArea, match="'Narnia Constabulary' is not a force"):
        area_for_name("Narnia Constabulary3")
    with pytest.raises(UnknownArea, match="names no area"):
        area_for_name("  ")


def test_regions_are_told_by_name_including_the_one_a_force_shares():
    assert is_region_name("West Midlands ")
    assert is_region_name("London 10")
    assert not is_region_name("Warwickshire")
    assert area_key("ENGLAND AND WALES (exc. BTP)") == "england and wales"
