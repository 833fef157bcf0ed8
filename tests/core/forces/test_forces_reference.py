"""The 43 territorial forces: the shipped table, lookups by id, and name normalisation."""

from __future__ import annotations

import pytest

from inspectorate.core.forces import Country, ForceNotFound, all_forces, find_force, get_force
from inspectorate.core.forces.reference import NAME_VARIANTS, normalise_name
from inspectorate.core.problems import InputError


def test_there_are_43_forces_with_unique_ids_codes_and_names() -> None:
    forces = all_forces()
    assert len(forces) == 43
    assert len({f.id for f in forces}) == 43
    assert len({f.ons_code for f in forces}) == 43
    assert len({f.name for f in forces}) == 43
    assert len({f.home_office_name for f in forces}) == 43


def test_39_forces_are_english_and_4_welsh_matching_their_ons_code_prefix() -> None:
    forces = all_forces()
    english = [f for f in forces if f.country is Country.ENGLAND]
    welsh = [f for f in forces if f.country is Country.WALES]
    assert len(english) == 39
    assert {f.id for f in welsh} == {"dyfed-powys", "gwent", "north-wales", "south-wales"}
    assert all(f.ons_code.startswith("E23") for f in english)
    assert all(f.ons_code.startswith("W15") for f in welsh)


def test_get_force_returns_the_metropolitan_police() -> None:
    met = get_force("metropolitan")
    assert met.name == "Metropolitan Police Service"
    assert met.home_office_name == "Metropolitan Police"
    assert met.ons_code == "E23000001"
    assert met.country is Country.ENGLAND


def test_city_of_london_keeps_the_home_office_comma_name() -> None:
    city = get_force("city-of-london")
    assert city.home_office_name == "London, City of"
    assert city.ons_code == "E23000034"


def test_get_force_with_an_unknown_id_names_the_known_ids() -> None:
    with pytest.raises(ForceNotFound) as caught:
        get_force("met")
    message = str(caught.value)
    assert "'met'" in message
    assert "metropolitan" in message
    assert "wiltshire" in message
    assert isinstance(caught.value, InputError)


def test_get_force_does_not_accept_names_only_ids() -> None:
    with pytest.raises(ForceNotFound):
        get_force("Kent Police")


def test_forces_are_frozen() -> None:
    met = get_force("metropolitan")
    with pytest.raises(ValueError, match="frozen"):
        met.name = "Scotland Yard"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("variant", "force_id"),
    [
        *NAME_VARIANTS.items(),
        ("Devon and Cornwall", "devon-and-cornwall"),
        ("Devon & Cornwall Police", "devon-and-cornwall"),
        ("Avon and Somerset Constabulary", "avon-and-somerset"),
        ("Dyfed-Powys", "dyfed-powys"),
        ("DYFED POWYS POLICE", "dyfed-powys"),
        ("Humberside", "humberside"),
        ("  Kent Police  ", "kent"),
        ("Thames Valley Police", "thames-valley"),
        ("thames-valley", "thames-valley"),
        ("North Wales", "north-wales"),
        ("Greater Manchester Police", "greater-manchester"),
        ("E23000001", "metropolitan"),
        ("w15000004", "dyfed-powys"),
    ],
)
def test_find_force_resolves_variant_spellings(variant: str, force_id: str) -> None:
    force = find_force(variant)
    assert force is not None, variant
    assert force.id == force_id


def test_find_force_resolves_every_forces_own_id_name_home_office_name_and_code() -> None:
    for force in all_forces():
        for text in (force.id, force.name, force.home_office_name, force.ons_code):
            found = find_force(text)
            assert found is not None and found.id == force.id, text


@pytest.mark.parametrize(
    "text", ["", "   ", "Police", "British Transport Police", "btp", "Northern Ireland", "E23000099", "York"]
)
def test_find_force_returns_none_for_what_is_not_a_territorial_force(text: str) -> None:
    assert find_force(text) is None


def test_normalise_name_folds_case_ampersand_punctuation_and_suffixes() -> None:
    assert normalise_name("Devon & Cornwall Police") == "devon and cornwall"
    assert normalise_name("devon-and-cornwall") == "devon and cornwall"
    assert normalise_name("London, City of") == "london city of"
    assert normalise_name("Metropolitan Police Service") == "metropolitan"
    assert normalise_name("Humberside Constabulary") == "humberside"


def test_a_repeated_force_is_reported_on_its_own_line_even_after_a_bad_row(tmp_path):
    from inspectorate.core.forces.reference import _read_forces
    from inspectorate.core.problems import ProblemsError

    rows = [
        "id,name,home_office_name,ons_code,country",
        "kent,Kent Police,Kent,E23000032,England",
        "BAD ID,Bad Police,Bad,E23000099,England",
        "kent,Kent Police Again,Kent Again,E23000098,England",
    ]
    path = tmp_path / "forces.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        _read_forces(path)
    repeated = [p for p in caught.value.problems if p.path == "id" and "appears twice" in p.message]
    assert [(p.file, p.line) for p in repeated] == [("forces.csv", 4)]
    assert any(p.line == 3 and p.path == "id" for p in caught.value.problems)
