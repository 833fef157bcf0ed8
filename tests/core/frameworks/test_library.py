"""The shipped framework library: shape of each programme version, round trips, seed wording."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspectorate.core.findings import FindingKind
from inspectorate.core.frameworks import (
    Framework,
    dump_framework,
    framework_problems,
    get_framework,
    library,
    parse_framework,
)
from inspectorate.core.frameworks.library import LIBRARY_DIR
from inspectorate.core.grading import FindingState, JudgmentState, check_rules

EXPECTED_IDS = [
    "ba-2004",
    "ba-2005",
    "ba-2006",
    "cdi-2014",
    "core-business-2014",
    "crime-inspection-2014",
    "peel-2014",
    "peel-2015",
    "peel-2015-effectiveness",
    "peel-2016",
    "cdi-2016",
    "peel-2017",
    "peel-2018",
    "peel-2021",
    "peel-2023",
    "peel-2025",
]

REPO_ROOT = Path(__file__).resolve().parents[3]
SEEDS_DIR = REPO_ROOT / ".." / "shared" / "seeds"

# Which seed report each framework is written from (seed files are named NNN_<hash>.txt).
SEED_FOR = {
    "core-business-2014": "000",
    "peel-2015-effectiveness": "001",
    "peel-2021": "002",
    "ba-2006": "003",
    "peel-2018": "004",
}


def _levels(fw: Framework, scale_id: str) -> list[str]:
    return [lv.id for lv in fw.scale(scale_id).levels]


# --- the library as a whole -------------------------------------------------------------


def test_library_lists_exactly_the_shipped_frameworks_oldest_first():
    assert list(library()) == EXPECTED_IDS


def test_every_library_file_has_no_problems_and_its_id_equals_its_file_name():
    paths = sorted(LIBRARY_DIR.glob("*.yaml"))
    assert sorted(p.stem for p in paths) == sorted(EXPECTED_IDS)
    for path in paths:
        problems = framework_problems(path.read_text(encoding="utf-8"), str(path), expect_id=path.stem)
        assert problems == [], f"{path.name}: {problems}"
        assert library()[path.stem].id == path.stem


@pytest.mark.parametrize("framework_id", EXPECTED_IDS)
def test_framework_survives_dump_and_parse_unchanged(framework_id):
    fw = get_framework(framework_id)
    again = parse_framework(dump_framework(fw), f"<dumped {framework_id}>", expect_id=framework_id)
    assert again == fw
    assert again.content_hash == fw.content_hash


@pytest.mark.parametrize("framework_id", EXPECTED_IDS)
def test_area_ids_are_unique_within_each_framework(framework_id):
    ids = [place.area.id for place in get_framework(framework_id).walk()]
    assert len(ids) == len(set(ids))


# --- core business 2014 -----------------------------------------------------------------


def test_core_business_2014_has_three_ungraded_areas():
    fw = get_framework("core-business-2014")
    assert [a.id for a in fw.areas] == [
        "preventing-crime",
        "crime-recording-and-attendance",
        "freeing-up-time",
    ]
    assert fw.graded_areas() == []
    assert not fw.has_direction_of_travel


# --- baseline assessment 2006 -----------------------------------------------------------

BA_CODES = [
    *["1A", "1B", "1C", "1D"],
    "2A",
    *["3A", "3B", "3C", "3D", "3E"],
    *["4A", "4B"],
    *["5A", "5B", "5C"],
    *["6A", "6B", "6C", "6D", "6E", "6F"],
    *["7A", "7B"],
]


def test_ba_2006_has_seven_ungraded_domains():
    fw = get_framework("ba-2006")
    assert [a.id for a in fw.areas] == [f"d{n}" for n in range(1, 8)]
    assert [a.code for a in fw.areas] == [str(n) for n in range(1, 8)]
    assert [a.title for a in fw.areas] == [
        "Citizen Focus",
        "Reducing Crime",
        "Investigating Crime",
        "Promoting Safety",
        "Providing Assistance",
        "Resource Use",
        "Leadership and Direction",
    ]
    assert all(a.level == "domain" and not a.graded for a in fw.areas)


def test_ba_2006_has_23_frameworks_with_their_codes_under_the_matching_domain():
    fw = get_framework("ba-2006")
    frameworks = [child for domain in fw.areas for child in domain.children]
    assert [f.code for f in frameworks] == BA_CODES
    assert [f.id for f in frameworks] == [code.lower() for code in BA_CODES]
    assert all(f.level == "framework" for f in frameworks)
    assert [f.code for f in frameworks if f.children] == ["4B"]
    for domain in fw.areas:
        assert all(child.code.startswith(domain.code) for child in domain.children)


def test_ba_2006_protecting_vulnerable_people_has_its_four_components_on_its_scale():
    fw = get_framework("ba-2006")
    components = fw.area("4b").children
    assert [c.title for c in components] == [
        "Domestic violence",
        "Child protection",
        "The management of dangerous and sex offenders",
        "Vulnerable missing persons",
    ]
    assert all(c.level == "component" and c.scale == "service-delivery" for c in components)
    assert all(c.direction_scale is None and not c.children for c in components)


def test_ba_2006_caps_protecting_vulnerable_people_at_its_weakest_graded_component():
    fw = get_framework("ba-2006")
    fair = [JudgmentState("4b", grade="fair", direction="stable")]
    poor_part = JudgmentState("4b.child-protection", grade="poor")
    explained = FindingState("afi-1", FindingKind.AREA_FOR_IMPROVEMENT, ("4b.child-protection",))
    breaches = check_rules(fw, [*fair, poor_part], [explained])
    assert [(b.rule_id, b.area_id) for b in breaches] == [("vulnerable-people-capped-at-weakest", "4b")]
    assert breaches[0].message == "graded Fair but its weakest part, Child protection, is graded Poor"
    # As an imported report records it: 4B graded, its components not.
    assert check_rules(fw, fair, []) == []
    # Graded at the weakest part's level, or worse, is within the cap.
    as_poor = [JudgmentState("4b", grade="poor", direction="stable"), poor_part]
    caps = [
        b for b in check_rules(fw, as_poor, [explained]) if b.rule_id == "vulnerable-people-capped-at-weakest"
    ]
    assert caps == []
    good_parts = [JudgmentState(c.id, grade="good") for c in fw.area("4b").children]
    assert check_rules(fw, [*fair, *good_parts], []) == []


def test_ba_2006_criteria_are_the_6b_good_grade_criteria_and_none_is_dominant():
    fw = get_framework("ba-2006")
    criteria = list(fw.criteria())
    assert [(area.id, c.id) for area, c in criteria] == [
        ("6b", "6b.contractor-and-client"),
        ("6b", "6b.single-post"),
        ("6b", "6b.strategy"),
        ("6b", "6b.quality-assurance"),
    ]
    assert {c.grade for _, c in criteria} == {"good"}
    assert not any(c.dominant for _, c in criteria)


def test_ba_2006_has_92_key_issues_all_on_frameworks():
    fw = get_framework("ba-2006")
    assert sum(len(place.area.key_issues) for place in fw.walk()) == 92
    assert all(not domain.key_issues for domain in fw.areas)
    assert all(f.key_issues for domain in fw.areas for f in domain.children)


def test_ba_2006_grades_every_framework_on_service_delivery_with_direction_of_travel():
    fw = get_framework("ba-2006")
    graded = [a for a in fw.graded_areas() if a.level == "framework"]
    assert [a.code for a in graded] == BA_CODES
    assert {a.scale for a in graded} == {"service-delivery"}
    assert {a.direction_scale for a in graded} == {"direction-of-travel"}
    assert len(fw.graded_areas()) == len(BA_CODES) + 4  # and 4B's four components
    assert _levels(fw, "service-delivery") == ["excellent", "good", "fair", "poor"]
    assert [lv.label for lv in fw.scale("service-delivery").levels] == ["Excellent", "Good", "Fair", "Poor"]


def test_ba_2006_not_graded_is_an_ungraded_direction_level():
    fw = get_framework("ba-2006")
    direction = fw.scale("direction-of-travel")
    assert direction.kind == "direction"
    assert _levels(fw, "direction-of-travel") == ["improved", "stable", "declined", "not-graded"]
    not_graded = direction.level("not-graded")
    assert not_graded is not None
    assert not_graded.label == "Not graded"
    assert not not_graded.graded
    with pytest.raises(KeyError):
        direction.rank("not-graded")


def test_ba_2006_requires_a_direction_once_a_framework_is_graded():
    fw = get_framework("ba-2006")
    missing = check_rules(fw, [JudgmentState("1d", grade="good")], [])
    assert [(b.rule_id, b.area_id) for b in missing] == [("graded-needs-direction", "1d")]
    assert check_rules(fw, [JudgmentState("1d", grade="good", direction="not-graded")], []) == []


# --- PEEL 2015 effectiveness ------------------------------------------------------------


def test_peel_2015_has_a_graded_overall_question_over_four_graded_questions():
    fw = get_framework("peel-2015-effectiveness")
    assert [a.id for a in fw.areas] == ["overall"]
    overall = fw.area("overall")
    assert overall.level == "overall" and overall.graded
    assert [q.id for q in overall.children] == ["q1", "q2", "q3", "q4"]
    assert all(q.level == "question" and q.scale == "peel-four-tier" for q in overall.children)
    assert [a.id for a in fw.graded_areas()] == ["overall", "q1", "q2", "q3", "q4"]


def test_peel_2015_sub_questions_have_the_agreed_ids_and_are_ungraded():
    fw = get_framework("peel-2015-effectiveness")
    below = {place.area.id: place.parent_id for place in fw.walk() if place.depth >= 2}
    assert below == {
        "q1.context": "q1",
        "q1.1": "q1",
        "q1.1.a": "q1.1",
        "q1.1.b": "q1.1",
        "q1.1.c": "q1.1",
        "q1.2": "q1",
        "q1.2.a": "q1.2",
        "q1.2.b": "q1.2",
        "q1.2.c": "q1.2",
        "q2.context": "q2",
        "q2.1": "q2",
        "q2.1.a": "q2.1",
        "q2.1.b": "q2.1",
        "q2.1.c": "q2.1",
        "q2.1.d": "q2.1",
        "q2.2": "q2",
        "q2.2.a": "q2.2",
        "q2.2.b": "q2.2",
        "q2.2.c": "q2.2",
        "q4.1": "q4",
        "q4.2": "q4",
        "q4.3": "q4",
        "q4.4": "q4",
    }
    assert fw.area("q3").children == ()
    for area_id in below:
        area = fw.area(area_id)
        assert not area.graded
        assert area.level == ("context" if area_id.endswith(".context") else "sub-question")


def test_peel_2015_grades_on_four_tiers_best_first():
    fw = get_framework("peel-2015-effectiveness")
    assert _levels(fw, "peel-four-tier") == ["outstanding", "good", "requires-improvement", "inadequate"]
    assert [lv.label for lv in fw.scale("peel-four-tier").levels] == [
        "Outstanding",
        "Good",
        "Requires improvement",
        "Inadequate",
    ]


def test_peel_2015_overall_weak_grade_is_satisfied_by_a_finding_on_a_question():
    fw = get_framework("peel-2015-effectiveness")
    judged = [JudgmentState("overall", grade="requires-improvement")]
    assert [b.rule_id for b in check_rules(fw, judged, [])] == ["weak-grade-needs-finding"]
    afi = FindingState("afi-1", FindingKind.AREA_FOR_IMPROVEMENT, ("q2.1",))
    assert check_rules(fw, judged, [afi]) == []


# --- PEEL 2018 --------------------------------------------------------------------------


def test_peel_2018_has_the_efficiency_pillar_with_two_graded_questions():
    fw = get_framework("peel-2018")
    assert [a.id for a in fw.areas] == ["effectiveness", "efficiency", "legitimacy"]
    pillar = fw.area("efficiency")
    assert pillar.level == "pillar" and pillar.graded
    assert pillar.question == (
        "How efficiently does the force operate and how sustainable are its services to the public?"
    )
    assert [q.id for q in pillar.children] == ["efficiency.q1", "efficiency.q2"]
    assert all(q.level == "question" and q.graded for q in pillar.children)
    assert _levels(fw, "peel-four-tier") == ["outstanding", "good", "requires-improvement", "inadequate"]


def test_peel_2018_questions_list_their_sub_headings_without_the_empty_summaries():
    fw = get_framework("peel-2018")
    q1, q2 = fw.area("efficiency.q1"), fw.area("efficiency.q2")
    assert len(q1.key_issues) == 11
    assert len(q2.key_issues) == 8
    assert q1.key_issues[0] == "Assessing current demand"
    assert q2.key_issues[-1] == "Ambition to improve"
    for issue in (*q1.key_issues, *q2.key_issues):
        assert not issue.startswith("Summary for question")


# --- PEEL 2021/22 -----------------------------------------------------------------------

PEEL_2021_TOP = [
    "victim-service-assessment",
    "crime-recording",
    "fairness-and-respect",
    "prevention",
    "responding",
    "investigating",
    "protecting-vulnerable",
    "managing-offenders",
    "serious-organised-crime",
    "workforce",
    "strategic-planning",
]


def test_peel_2021_has_eleven_top_level_areas_in_document_order_ten_graded():
    fw = get_framework("peel-2021")
    assert [a.id for a in fw.areas] == PEEL_2021_TOP
    graded = fw.graded_areas()
    assert len(graded) == 10
    assert [a.id for a in graded] == PEEL_2021_TOP[1:]
    assert {a.scale for a in graded} == {"peel-five-tier"}


def test_peel_2021_victim_service_assessment_is_ungraded():
    vsa = get_framework("peel-2021").area("victim-service-assessment")
    assert vsa.level == "assessment"
    assert not vsa.graded
    assert vsa.direction_scale is None


def test_peel_2021_grades_on_five_tiers_best_first():
    fw = get_framework("peel-2021")
    assert _levels(fw, "peel-five-tier") == [
        "outstanding",
        "good",
        "adequate",
        "requires-improvement",
        "inadequate",
    ]
    assert [lv.label for lv in fw.scale("peel-five-tier").levels] == [
        "Outstanding",
        "Good",
        "Adequate",
        "Requires improvement",
        "Inadequate",
    ]


def test_peel_2021_vetting_sits_ungraded_under_workforce():
    fw = get_framework("peel-2021")
    place = fw.place("vetting-counter-corruption")
    assert place.parent_id == "workforce"
    assert place.area.title == "Vetting and counter corruption"
    assert not place.area.graded
    assert [c.id for c in fw.area("workforce").children] == ["vetting-counter-corruption"]


def test_peel_2021_rules_flag_inadequate_without_findings_until_an_improvement_area_is_linked():
    fw = get_framework("peel-2021")
    judged = [JudgmentState("responding", grade="inadequate")]
    breaches = check_rules(fw, judged, [])
    assert [(b.rule_id, b.area_id) for b in breaches] == [("weak-grade-needs-finding", "responding")]
    afi = FindingState("afi-1", FindingKind.AREA_FOR_IMPROVEMENT, ("responding",))
    assert check_rules(fw, judged, [afi]) == []


def test_peel_2021_rules_flag_a_cause_of_concern_on_an_area_graded_good():
    fw = get_framework("peel-2021")
    judged = [JudgmentState("prevention", grade="good")]
    concern = FindingState("coc-1", FindingKind.CAUSE_OF_CONCERN, ("prevention",))
    answer = FindingState("rec-1", FindingKind.RECOMMENDATION, ("prevention",), parent_id="coc-1")
    breaches = check_rules(fw, judged, [concern, answer])
    assert [(b.rule_id, b.area_id, b.finding_id) for b in breaches] == [
        ("no-concern-on-strong-grade", "prevention", "coc-1")
    ]


def test_peel_2021_adequate_needs_no_finding_and_may_carry_a_cause_of_concern():
    fw = get_framework("peel-2021")
    judged = [JudgmentState("crime-recording", grade="adequate")]
    concern = FindingState("coc-1", FindingKind.CAUSE_OF_CONCERN, ("crime-recording",))
    answer = FindingState("rec-1", FindingKind.RECOMMENDATION, ("crime-recording",), parent_id="coc-1")
    assert check_rules(fw, judged, []) == []
    assert check_rules(fw, judged, [concern, answer]) == []


def test_peel_2021_a_cause_of_concern_needs_a_recommendation_of_its_own():
    fw = get_framework("peel-2021")
    judged = [JudgmentState("responding", grade="inadequate")]
    concern = FindingState("coc-1", FindingKind.CAUSE_OF_CONCERN, ("responding",))
    other = FindingState("coc-2", FindingKind.CAUSE_OF_CONCERN, ("responding",))
    answers_other = FindingState("rec-1", FindingKind.RECOMMENDATION, ("responding",), parent_id="coc-2")
    breaches = check_rules(fw, judged, [concern, other, answers_other])
    assert [(b.rule_id, b.area_id, b.finding_id) for b in breaches] == [
        ("concern-needs-recommendation", "responding", "coc-1")
    ]
    assert breaches[0].message == "a cause of concern without a recommendation"


@pytest.mark.parametrize("framework_id", EXPECTED_IDS)
def test_every_framework_with_causes_and_recommendations_requires_the_recommendation(framework_id):
    fw = get_framework(framework_id)
    kinds = {FindingKind.CAUSE_OF_CONCERN, FindingKind.RECOMMENDATION}
    declared = [r.id for r in fw.rules if r.check == "requires-recommendation"]
    assert declared == (["concern-needs-recommendation"] if kinds <= set(fw.finding_kinds) else [])


def test_peel_2021_inadequate_alone_needs_no_cause_of_concern():
    """The programme never says that Inadequate needs a cause of concern (the Metropolitan report
    grades responding Inadequate without one), so only the shared weak-grade rule applies."""
    fw = get_framework("peel-2021")
    judged = [JudgmentState("responding", grade="inadequate")]
    afi = FindingState("afi-1", FindingKind.AREA_FOR_IMPROVEMENT, ("responding",))
    assert check_rules(fw, judged, [afi]) == []


PEEL_2021_CRITERIA = {
    "victim-service-assessment": ["paf-1.1.1"],
    "crime-recording": ["cdi-1-good", "cdi-2-good", "cdi-3-good"],
}


def test_peel_2021_criteria_are_those_whose_published_wording_was_read_in_full():
    fw = get_framework("peel-2021")
    found: dict[str, list[str]] = {}
    for area, criterion in fw.criteria():
        found.setdefault(area.id, []).append(criterion.id)
    assert found == PEEL_2021_CRITERIA
    assert sum(1 for _ in fw.criteria()) == 4
    assert fw.criterion("cdi-2-good")[1].text == (
        "is recording a substantial proportion* of reported violent crimes \u2013 in compliance with "
        "the HOCR / NCRS"
    )
    assert {c.grade for area, c in fw.criteria() if area.id == "crime-recording"} == {"good"}
    assert fw.criterion("paf-1.1.1")[1].grade == ""
    assert "peel-assessment-framework-2021-22" in fw.source and "peel-cdi-judgment-criteria" in fw.source


@pytest.mark.parametrize("framework_id", EXPECTED_IDS)
def test_criterion_ids_are_unique_and_each_grade_is_a_level_of_its_areas_scale(framework_id):
    fw = get_framework(framework_id)
    ids = [c.id for _, c in fw.criteria()]
    assert len(ids) == len(set(ids))
    for area, criterion in fw.criteria():
        if criterion.grade:
            assert area.scale is not None and fw.scale(area.scale).level(criterion.grade) is not None


# --- wording against the seed reports ---------------------------------------------------

# Wording that is deliberately not the seed's own, so it is not looked for in the seed.
# (framework id, area id, field) -> why.
NOT_FROM_SEED = {
    # core-business-2014 restates the letter's three scope bullets as questions
    # ("how well forces are preventing..." -> "How well are forces preventing...?").
    ("core-business-2014", "preventing-crime", "question"): "restated as a question",
    ("core-business-2014", "crime-recording-and-attendance", "question"): "restated as a question",
    ("core-business-2014", "freeing-up-time", "question"): "restated as a question",
    # The victim service assessment's journey stages are this project's own short labels.
    ("peel-2021", "victim-service-assessment", "key_issues"): "own labels for the journey stages",
}
# The part of a framework its seed covers, where the framework goes beyond it: peel-2018's seed is
# one force's efficiency page; its other pillars come from the grades overview.
SEED_SCOPE = {"peel-2018": "efficiency"}
# Fields worded in our own words in every area of a framework: the 2006 key issues run to prose
# (a list the report prints as running text), so they are summarised, one entry per issue.
OWN_WORDS = {("ba-2006", "key_issues")}


def _normalise(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2011", "-")
    text = re.sub("[\u2018\u2019]", "'", text)
    return re.sub(r"\s+", " ", text).strip()


def _seed_text(framework_id: str) -> str:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed reports not found at {SEEDS_DIR.resolve()} (a sibling 'shared/seeds' of the repo)")
    matches = sorted(SEEDS_DIR.glob(f"{SEED_FOR[framework_id]}_*.txt"))
    if not matches:
        pytest.skip(f"no seed {SEED_FOR[framework_id]}_*.txt in {SEEDS_DIR.resolve()}")
    return _normalise(matches[0].read_text(encoding="utf-8"))


def _wording(fw: Framework) -> list[tuple[str, str, str]]:
    """(area id, field, text) for every title, question and key issue taken from the seed."""
    found = []
    scope = SEED_SCOPE.get(fw.id)
    for place in fw.walk():
        area = place.area
        if scope is not None and scope not in (area.id, *place.ancestor_ids):
            continue
        found.append((area.id, "title", area.title))
        if area.question:
            found.append((area.id, "question", area.question))
        found.extend((area.id, "key_issues", issue) for issue in area.key_issues)
    return [
        (a, f, t) for a, f, t in found if (fw.id, a, f) not in NOT_FROM_SEED and (fw.id, f) not in OWN_WORDS
    ]


@pytest.mark.seeds
@pytest.mark.parametrize("framework_id", list(SEED_FOR))  # cdi-2016 has no seed
def test_titles_questions_and_key_issues_are_worded_as_in_the_seed(framework_id):
    seed = _seed_text(framework_id)
    fw = get_framework(framework_id)
    missing = [(a, f, t) for a, f, t in _wording(fw) if not _in_seed(t, seed)]
    assert missing == []


def _in_seed(text: str, seed: str) -> bool:
    """As the seed has it, or with the first letter capitalised (2006's components are listed in
    a sentence: "domestic violence; child protection; ...")."""
    text = _normalise(text)
    return text in seed or (text[:1].lower() + text[1:]) in seed


@pytest.mark.seeds
def test_ba_2006_criteria_are_the_seeds_own_sentences():
    seed = _seed_text("ba-2006")
    criteria = [c.text for _, c in get_framework("ba-2006").criteria()]
    assert criteria and all(_normalise(text) in seed for text in criteria)


def _runs(text: str, length: int = 12) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", _normalise(text).lower())
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


@pytest.mark.seeds
@pytest.mark.parametrize("framework_id", list(SEED_FOR))
def test_nothing_but_titles_and_questions_repeats_twelve_words_of_the_seed(framework_id):
    """Titles and questions are the report's own (imports match headings against them); every other
    text of a framework is ours, so no run of twelve words in it is the seed's."""
    seed = _runs(_seed_text(framework_id))
    fw = get_framework(framework_id)
    texts = [fw.description, *(issue for p in fw.walk() for issue in p.area.key_issues)]
    texts += [text for p in fw.walk() for text in (p.area.description, p.area.note)]
    copied = [text for text in texts if _runs(text) & seed]
    assert copied == []


def test_seed_exclusions_name_areas_that_exist():
    for framework_id, area_id, field in NOT_FROM_SEED:
        area = get_framework(framework_id).area(area_id)
        assert getattr(area, field), (framework_id, area_id, field)
