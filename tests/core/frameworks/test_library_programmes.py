"""Every programme of the library: the shared area ids, sources, scales as published, ungraded
questions, and the inspectorate's comparability warnings and their round trip through YAML."""

from __future__ import annotations

import json
import re

import pytest

from inspectorate.core.frameworks import (
    ComparabilityNote,
    Framework,
    dump_framework,
    framework_problems,
    get_framework,
    library,
    parse_framework,
)

PILLARS = ("effectiveness", "efficiency", "legitimacy", "leadership")
PEEL_BY_PILLAR = ["peel-2014", "peel-2015", "peel-2016", "peel-2017", "peel-2018"]
PEEL_BY_AREA_NAME = ["peel-2023", "peel-2025"]
BASELINE = ["ba-2004", "ba-2005", "ba-2006"]

FOUR_TIER = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
FIVE_TIER = ["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"]
BANDS = ["Excellent", "Good", "Fair", "Poor"]


def _labels(fw: Framework, scale_id: str) -> list[str]:
    return [level.label for level in fw.scale(scale_id).levels]


def _grade_scales(fw: Framework) -> set[str]:
    return {area.scale for area in fw.graded_areas() if area.scale}


def _slug(name: str) -> str:
    """The id rule of 2023 on: lowercased, punctuation dropped, words joined by hyphens."""
    return "-".join(re.sub(r"[^a-z0-9 ]", "", name.lower()).split())


# --- the library as a whole -------------------------------------------------------------


def test_every_programme_version_names_its_source():
    for fw in library().values():
        assert len(fw.source.split()) >= 3, fw.id
        assert fw.description, fw.id


@pytest.mark.parametrize("framework_id", list(library()))
def test_every_version_round_trips_through_yaml_with_the_same_fingerprint(framework_id):
    fw = get_framework(framework_id)
    text = dump_framework(fw)
    assert framework_problems(text, "<dumped>", expect_id=framework_id) == []
    again = parse_framework(text, "<dumped>")
    assert again == fw and again.content_hash == fw.content_hash


# --- area ids ---------------------------------------------------------------------------


@pytest.mark.parametrize("framework_id", PEEL_BY_PILLAR)
def test_peel_2014_to_2018_use_pillar_ids_and_questions_numbered_in_order(framework_id):
    fw = get_framework(framework_id)
    assert [a.id for a in fw.areas] == [p for p in PILLARS if p in {a.id for a in fw.areas}]
    for pillar in fw.areas:
        assert pillar.level == "pillar"
        questions = pillar.children
        assert [q.id for q in questions] == [f"{pillar.id}.q{n}" for n in range(1, len(questions) + 1)]
        assert [q.code for q in questions] == [str(n) for n in range(1, len(questions) + 1)]
        assert all(q.level == "question" and not q.children for q in questions)


@pytest.mark.parametrize("framework_id", PEEL_BY_AREA_NAME)
def test_peel_2023_on_use_the_slug_of_each_published_area_name(framework_id):
    fw = get_framework(framework_id)
    for place in fw.walk():
        area = place.area
        if area.id == "victim-service-assessment":
            continue  # keeps its 2021/22 id: no 2023-25 heading of its own was found
        assert area.id == _slug(area.title), area.title


def test_the_slug_rule_keeps_and_and_drops_punctuation():
    assert _slug("Police powers and public treatment") == "police-powers-and-public-treatment"
    assert _slug("Building, supporting and protecting the workforce") == (
        "building-supporting-and-protecting-the-workforce"
    )


@pytest.mark.parametrize("framework_id", BASELINE)
def test_baseline_ids_are_domain_numbers_and_lowercased_codes(framework_id):
    fw = get_framework(framework_id)
    for place in fw.walk():
        area = place.area
        if area.level == "domain":
            assert area.id == f"d{area.code}"
        elif area.level == "framework":
            assert area.id == area.code.lower()
            assert place.parent_id == f"d{area.code[0]}"


@pytest.mark.parametrize("framework_id", ["cdi-2014", "cdi-2016"])
def test_crime_data_integrity_has_the_one_crime_recording_area(framework_id):
    fw = get_framework(framework_id)
    assert [a.id for a in fw.areas] == ["crime-recording"]


# --- scales as published ----------------------------------------------------------------


@pytest.mark.parametrize("framework_id", ["peel-2021", "peel-2023", "peel-2025"])
def test_peel_from_2021_grades_on_the_five_tiers(framework_id):
    fw = get_framework(framework_id)
    assert _grade_scales(fw) == {"peel-five-tier"}
    assert _labels(fw, "peel-five-tier") == FIVE_TIER


@pytest.mark.parametrize("framework_id", [*PEEL_BY_PILLAR, "peel-2015-effectiveness"])
def test_peel_2014_to_2018_grade_on_the_four_tiers(framework_id):
    fw = get_framework(framework_id)
    assert _grade_scales(fw) == {"peel-four-tier"}
    assert _labels(fw, "peel-four-tier") == FOUR_TIER


def test_crime_data_integrity_2016_grades_on_four_tiers_and_2014_not_at_all():
    assert _labels(get_framework("cdi-2016"), "cdi-four-tier") == FOUR_TIER
    cdi_2014 = get_framework("cdi-2014")
    assert cdi_2014.scales == () and cdi_2014.graded_areas() == []


@pytest.mark.parametrize("framework_id", BASELINE)
def test_baseline_assessments_grade_on_the_four_bands(framework_id):
    fw = get_framework(framework_id)
    grade_scales = [scale for scale in fw.scales if scale.kind == "grade"]
    assert len(grade_scales) == 1
    assert [level.label for level in grade_scales[0].levels] == BANDS


def test_only_2006_of_the_baseline_years_has_a_direction_of_travel():
    assert get_framework("ba-2006").has_direction_of_travel
    assert not get_framework("ba-2005").has_direction_of_travel
    assert not get_framework("ba-2004").has_direction_of_travel


def test_baseline_2005_has_27_graded_frameworks_in_seven_domains():
    fw = get_framework("ba-2005")
    assert [a.title for a in fw.areas] == [
        "Citizen Focus",
        "Reducing Crime",
        "Investigating Crime",
        "Promoting Safety",
        "Providing Assistance",
        "Resource Use",
        "Leadership and Direction",
    ]
    assert [len(d.children) for d in fw.areas] == [4, 3, 6, 2, 3, 6, 3]
    assert len(fw.graded_areas()) == 27
    assert fw.area("3b").title == "Tackling Level 2 Criminality"


def test_baseline_2004_says_what_it_is_missing_rather_than_guessing():
    fw = get_framework("ba-2004")
    assert fw.graded_areas() == []
    assert "16" in fw.description and "Missing" in fw.description


# --- what each PEEL year grades ---------------------------------------------------------


def _ungraded(fw: Framework) -> list[str]:
    return [place.area.id for place in fw.walk() if not place.area.graded]


def test_peel_2014_grades_efficiency_whole_and_six_questions_only():
    fw = get_framework("peel-2014")
    graded = [a.id for a in fw.graded_areas()]
    assert graded == [
        "effectiveness.q1",
        "effectiveness.q2",
        "effectiveness.q3",
        "efficiency",
        "efficiency.q1",
        "efficiency.q2",
        "efficiency.q3",
    ]
    assert fw.area("effectiveness.q6").title.endswith("Strategic Policing Requirement?")


def test_peel_2015_leaves_crime_recording_and_leadership_ungraded():
    fw = get_framework("peel-2015")
    assert _ungraded(fw) == ["legitimacy.q2", "leadership", "leadership.q1", "leadership.q2", "leadership.q3"]
    assert [a.id for a in fw.areas] == list(PILLARS)
    assert [len(p.children) for p in fw.areas[:3]] == [4, 3, 4]


@pytest.mark.parametrize("framework_id", ["peel-2016", "peel-2017", "peel-2018"])
def test_specialist_capabilities_is_the_fifth_and_ungraded_effectiveness_question(framework_id):
    fw = get_framework(framework_id)
    q5 = fw.area("effectiveness.q5")
    assert q5.title == "How effective are the force\u2019s specialist capabilities?"
    assert not q5.graded
    assert [q.id for q in fw.area("effectiveness").children if q.graded] == [
        f"effectiveness.q{n}" for n in range(1, 5)
    ]


@pytest.mark.parametrize("framework_id", ["peel-2016", "peel-2017"])
def test_leadership_is_not_graded_in_2016_or_2017(framework_id):
    fw = get_framework(framework_id)
    leadership = fw.place("leadership")
    assert not leadership.area.graded
    assert all(not c.graded for c in leadership.area.children)


def test_peel_2018_keeps_its_efficiency_ids_and_has_ten_questions():
    fw = get_framework("peel-2018")
    questions = [place.area.id for place in fw.walk() if place.area.level == "question"]
    assert len(questions) == 10
    assert questions[5:7] == ["efficiency.q1", "efficiency.q2"]
    assert fw.area("efficiency").graded and fw.area("efficiency.q2").graded
    assert _ungraded(fw) == ["effectiveness.q5"]


def test_peel_2023_grades_nine_areas_and_not_the_victim_service():
    fw = get_framework("peel-2023")
    assert len(fw.graded_areas()) == 9
    assert _ungraded(fw) == ["victim-service-assessment"]
    assert fw.area("recording-data-about-crime").title == "Recording data about crime"


# --- comparability warnings -------------------------------------------------------------


def test_comparability_notes_are_given_where_the_inspectorate_gave_them():
    with_notes = {fw.id for fw in library().values() if fw.comparability}
    assert with_notes == {"peel-2015", "peel-2021", "peel-2023"}
    for framework_id in with_notes:
        for note in get_framework(framework_id).comparability:
            assert note.text and note.source
    assert "what-is-peel" in get_framework("peel-2021").comparability[0].source


def test_a_version_without_notes_fingerprints_as_before_notes_existed():
    fw = get_framework("ba-2006")
    assert "comparability" not in json.loads(fw.canonical_json())
    legacy = json.dumps(
        fw.model_dump(mode="json", exclude={"comparability"}), sort_keys=True, separators=(",", ":")
    )
    assert fw.canonical_json() == legacy


def test_a_note_changes_the_fingerprint_and_round_trips():
    fw = get_framework("peel-2018")
    note = ComparabilityNote(text="Not comparable, in our words.", source="A page, https://example.org/")
    noted = fw.model_copy(update={"comparability": (note,)})
    assert noted.content_hash != fw.content_hash
    text = dump_framework(noted)
    assert "comparability:" in text
    again = parse_framework(text, "<noted>")
    assert again.comparability == (note,)
    assert again.content_hash == noted.content_hash
    assert "comparability:" not in dump_framework(fw)


def test_a_note_without_its_source_is_a_located_problem():
    text = dump_framework(get_framework("core-business-2014"))
    assert "comparability" not in text
    broken = text + "comparability:\n  - text: Not comparable, in our words.\n    source: ''\n"
    problems = framework_problems(broken, "<broken>")
    assert problems and all(p.path.startswith("comparability[0]") for p in problems)
    whole = text + "comparability:\n  - text: Not comparable, in our words.\n    source: A page\n"
    assert framework_problems(whole, "<whole>") == []
